//! Changing features from the command line: `edit`, and what a re-import
//! changed.

use super::Session;
use std::io::Write;

use chrono::NaiveDate;

use super::CliResult;
use super::args::EditArgs;
use crate::domain::FeatureFields;
use crate::domain::command::Command;
use crate::domain::{Feature, FeatureKey, Moscow, Priority};
use crate::store::{Store, StoreError};

/// The fields an edit gives (`None`: unchanged); the CLI's `edit` and the
/// agents' `edit_feature` both come here.
#[derive(Debug, Default)]
pub(crate) struct FeatureEdit {
    pub title: Option<String>,
    pub description: Option<String>,
    pub why: Option<String>,
    pub metric: Option<String>,
    pub owner: Option<String>,
    pub priority: Option<Priority>,
    pub moscow: Option<Moscow>,
    /// `Some(None)` clears the target date.
    pub target: Option<Option<NaiveDate>>,
    /// A phase by number or name: the feature moves there.
    pub phase: Option<String>,
    /// Kept off the published roadmap (`Some(true)`) or shown again.
    pub private: Option<bool>,
    /// Why, logged with each change the edit makes.
    pub reason: String,
}

/// Saves the fields `edit` gives, as a form would (only what changed; a
/// move to another phase and a change of visibility each a change of its
/// own): the feature as saved, and the change log's sentence of each change
/// ("nothing changed" when there was none).
pub(crate) fn apply_edit(
    store: &mut Store,
    key: FeatureKey,
    edit: &FeatureEdit,
    today: NaiveDate,
) -> Result<(Feature, Vec<String>), StoreError> {
    let said = store.with_reason(&edit.reason, |store| apply_fields(store, key, edit, today))?;
    let said = if said.is_empty() {
        vec!["nothing changed".to_owned()]
    } else {
        said
    };
    Ok((store.feature(key)?, said))
}

/// The changes of `edit`, each through `Store::apply`: what those that
/// wrote said.
fn apply_fields(
    store: &mut Store,
    key: FeatureKey,
    edit: &FeatureEdit,
    today: NaiveDate,
) -> Result<Vec<String>, StoreError> {
    // Read once: the form's base, and where the feature is and shows.
    let now = store.feature(key)?;
    let base = FeatureFields::of(&now);
    let text = |given: &Option<String>, now: &String| given.clone().unwrap_or_else(|| now.clone());
    let fields = FeatureFields {
        title: text(&edit.title, &base.title),
        description: text(&edit.description, &base.description),
        why: text(&edit.why, &base.why),
        metric: text(&edit.metric, &base.metric),
        owner: text(&edit.owner, &base.owner),
        priority: edit.priority.or(base.priority),
        moscow: edit.moscow.or(base.moscow),
        target: edit.target.unwrap_or(base.target),
        ..base.clone()
    };
    let mut changes = vec![Command::EditFeature {
        key,
        base: Box::new(base),
        fields: Box::new(fields),
        why: String::new(),
    }];
    if let Some(phase) = &edit.phase {
        let phase = store.resolve_phase(phase)?.id;
        if now.phase != Some(phase) {
            let why = String::new();
            changes.push(Command::MoveToPhase { key, phase, why });
        }
    }
    if let Some(private) = edit.private.filter(|p| *p != now.private) {
        changes.push(Command::SetPrivate { key, private });
    }
    let mut said = Vec::new();
    for change in &changes {
        let applied = store.apply(change, today)?;
        if applied.entry.is_some() {
            said.push(applied.summary);
        }
    }
    Ok(said)
}

/// `roadboard edit KEY --field value …`.
pub(super) fn edit_feature(
    s: &mut Session,
    args: &EditArgs,
    out: &mut dyn Write,
    date: &dyn Fn(&str) -> CliResult<NaiveDate>,
) -> CliResult {
    let cli = s.cli;
    let target = match args.target.as_deref() {
        None => None,
        Some("none") => Some(None),
        Some(when) => Some(Some(date(when)?)),
    };
    let edit = FeatureEdit {
        title: args.title.clone(),
        description: args.description.clone(),
        why: args.why.clone(),
        metric: args.metric.clone(),
        owner: args.owner.clone(),
        priority: args.priority,
        moscow: args.moscow,
        target,
        phase: args.phase.clone(),
        private: (args.private || args.public).then_some(args.private),
        reason: args.reason.clone(),
    };
    let store = s.file.open(cli)?;
    let (_, said) = apply_edit(store, args.key, &edit, cli.today())?;
    for sentence in said {
        writeln!(out, "{sentence}")?;
    }
    Ok(())
}

/// What a re-import changed: added, changed field by field, kept or dropped.
pub(super) fn write_update(out: &mut dyn Write, update: &crate::store::Update) -> CliResult {
    for added in &update.added {
        writeln!(out, "added {added}")?;
    }
    for (feature, fields) in &update.changed {
        writeln!(out, "changed {feature}: {}", fields.join(", "))?;
    }
    if !update.missing.is_empty() {
        let keys: Vec<String> = update.missing.iter().map(|k| k.to_string()).collect();
        let what = if update.pruned {
            "dropped, not in the document"
        } else {
            "kept, not in the document (--prune drops them)"
        };
        writeln!(out, "{what}: {}", keys.join(", "))?;
    }
    if update.added.is_empty() && update.changed.is_empty() && !update.pruned {
        writeln!(out, "nothing to change")?;
    }
    Ok(())
}
