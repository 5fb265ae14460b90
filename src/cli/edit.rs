//! Changing features from the command line: `edit`, and what a re-import
//! changed.

use std::io::Write;

use chrono::NaiveDate;

use super::args::EditArgs;
use super::{Cli, CliResult};
use crate::store::{FeatureFields, OpenMode};

/// `roadboard edit KEY --field value …`: the fields given, saved as a form
/// would be (only what changed; a move to another phase logged on its own).
pub(super) fn edit_feature(
    cli: &Cli,
    args: &EditArgs,
    out: &mut dyn Write,
    date: &dyn Fn(&str) -> CliResult<NaiveDate>,
) -> CliResult {
    let mut store = cli.open(OpenMode::Existing)?;
    let feature = store.feature(args.key)?;
    let base = FeatureFields::of(&feature);
    let text = |given: &Option<String>, now: &String| given.clone().unwrap_or_else(|| now.clone());
    let target = match args.target.as_deref() {
        None => base.target,
        Some("none") => None,
        Some(when) => Some(date(when)?),
    };
    let fields = FeatureFields {
        title: text(&args.title, &base.title),
        description: text(&args.description, &base.description),
        why: text(&args.why, &base.why),
        metric: text(&args.metric, &base.metric),
        owner: text(&args.owner, &base.owner),
        priority: args.priority.or(base.priority),
        moscow: args.moscow.or(base.moscow),
        target,
        ..base.clone()
    };
    let mut saved = store.edit_feature_from(args.key, Some(&base), &fields)?;
    if let Some(phase) = &args.phase {
        let phase = store.resolve_phase(phase)?;
        if saved.phase != Some(phase.id) {
            saved = store.move_to_phase(args.key, phase.id)?;
        }
    }
    writeln!(out, "saved {}", saved.label())?;
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
