//! Every write: one IMMEDIATE transaction that reads fresh rows, asks the
//! domain, writes, and appends its change-log entry before committing. Two
//! processes on one file therefore see each other's commits before deciding.

use chrono::{Local, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::journal::{Images, Journal, RowRef, current, outside_references, restore};
use super::read::{FEATURE_COLUMNS, feature_by_id, feature_by_key, feature_from_row, phase_by_id};
use super::{Result, Store, StoreError};
use crate::domain::deps::check_new_dependency;
use crate::domain::machine::{self, Change, Context};
use crate::domain::merge::copy_changed;
use crate::domain::text;
use crate::domain::*;

/// One change-log line.
pub(super) struct LogLine {
    what: String,
    why: String,
    feature: Option<FeatureId>,
}

impl LogLine {
    pub(super) fn new(what: impl Into<String>) -> Self {
        Self {
            what: what.into(),
            why: String::new(),
            feature: None,
        }
    }

    fn about(mut self, feature: FeatureId) -> Self {
        self.feature = Some(feature);
        self
    }

    fn because(mut self, why: impl Into<String>) -> Self {
        self.why = why.into();
        self
    }
}

/// The editable fields of a phase.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhaseFields {
    pub name: String,
    pub goal: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub status: Option<PhaseStatus>,
}

impl PhaseFields {
    pub fn of(phase: &Phase) -> Self {
        PhaseFields {
            name: phase.name.clone(),
            goal: phase.goal.clone(),
            start: phase.start,
            end: phase.end,
            status: Some(phase.status),
        }
    }

    /// As `FeatureFields::merge`.
    pub fn merge(base: &Self, mine: &Self, current: &Self) -> Result<Self, Vec<&'static str>> {
        three_way!(base, mine, current; name, goal, start, end, status)
    }
}

/// The editable fields of a feature (everything the card form shows that
/// is not ruled by the state machine).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeatureFields {
    pub title: String,
    pub description: String,
    pub why: String,
    pub metric: String,
    pub priority: Option<Priority>,
    pub moscow: Option<Moscow>,
    pub impact: Option<u8>,
    pub effort: Option<u8>,
    pub target: Option<NaiveDate>,
    pub owner: String,
    pub link: String,
    pub pilot_feedback: String,
    pub why_interesting: String,
    pub why_deferred: String,
    pub reconsider: Option<NaiveDate>,
}

impl FeatureFields {
    pub fn of(feature: &Feature) -> Self {
        Self {
            title: feature.title.clone(),
            description: feature.description.clone(),
            why: feature.why.clone(),
            metric: feature.metric.clone(),
            priority: feature.priority,
            moscow: feature.moscow,
            impact: feature.impact,
            effort: feature.effort,
            target: feature.target,
            owner: feature.owner.clone(),
            link: feature.link.clone(),
            pilot_feedback: feature.pilot_feedback.clone(),
            why_interesting: feature.why_interesting.clone(),
            why_deferred: feature.why_deferred.clone(),
            reconsider: feature.reconsider,
        }
    }

    fn validate(&self) -> Result<()> {
        if self.title.trim().is_empty() {
            return Err(StoreError::Invalid {
                field: "title",
                message: "a feature needs a title".into(),
            });
        }
        for (field, value) in [
            ("title", &self.title),
            ("owner", &self.owner),
            ("link", &self.link),
        ] {
            single_line(field, value)?;
        }
        for (field, value) in [
            ("description", &self.description),
            ("why", &self.why),
            ("metric", &self.metric),
            ("pilot feedback", &self.pilot_feedback),
            ("why interesting", &self.why_interesting),
            ("why deferred", &self.why_deferred),
        ] {
            multi_line(field, value)?;
        }
        for (field, value) in [("impact", self.impact), ("effort", self.effort)] {
            if value.is_some_and(|v| !(1..=5).contains(&v)) {
                return Err(StoreError::Invalid {
                    field,
                    message: format!("{} is out of range (1 to 5)", value.unwrap_or_default()),
                });
            }
        }
        Ok(())
    }

    /// Writes these fields onto `feature`, returning the names of those that changed.
    fn apply_to(&self, feature: &mut Feature) -> Vec<&'static str> {
        let mut changed = Vec::new();
        feature_fields!(copy_changed!(feature, self, changed;));
        feature.title = feature.title.trim().to_owned();
        changed
    }

    /// The three-way merge of a form's save: see `three_way!`.
    pub fn merge(base: &Self, mine: &Self, current: &Self) -> Result<Self, Vec<&'static str>> {
        feature_fields!(three_way!(base, mine, current;))
    }
}

/// Calls `$m!(prefix… field, field, …)` with the names of every
/// `FeatureFields` field: the one list `apply_to` and `merge` share.
macro_rules! feature_fields {
    ($m:ident ! ($($prefix:tt)*)) => {
        $m!(
            $($prefix)*
            title,
            description,
            why,
            metric,
            priority,
            moscow,
            impact,
            effort,
            target,
            owner,
            link,
            pilot_feedback,
            why_interesting,
            why_deferred,
            reconsider
        )
    };
}

/// The three-way merge of a form's save: the fields `$mine` changed from
/// `$base` (what the form opened on) applied to `$current` (what the file
/// holds now), so another writer's changes to other fields stay. A field
/// changed both here and elsewhere, differently, is a conflict: the names
/// of those come back as the error.
macro_rules! three_way {
    ($base:ident, $mine:ident, $current:ident; $($field:ident),*) => {{
        let mut merged = $current.clone();
        let mut conflicts = Vec::new();
        $(
            if $mine.$field != $base.$field {
                if $current.$field != $base.$field && $current.$field != $mine.$field {
                    conflicts.push(stringify!($field));
                } else {
                    merged.$field = $mine.$field.clone();
                }
            }
        )*
        if conflicts.is_empty() { Ok(merged) } else { Err(conflicts) }
    }};
}
use {feature_fields, three_way};

/// A new feature: its fields, where it goes (`None`: the parking lot) and
/// what it depends on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewFeature {
    pub fields: FeatureFields,
    pub phase: Option<PhaseId>,
    pub depends_on: Vec<FeatureKey>,
    /// The day it is added (the clock's when not given).
    pub created: Option<NaiveDate>,
}

impl Store {
    /// Runs `work` in one IMMEDIATE transaction and appends its log line,
    /// with the before- and after-images of the rows it touched (for undo).
    pub(super) fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction, &mut Journal) -> Result<(T, LogLine)>,
    ) -> Result<T> {
        self.write_logged(work).map(|(value, _)| value)
    }

    /// `write`, also returning the id of the change-log entry.
    fn write_logged<T>(
        &mut self,
        work: impl FnOnce(&Transaction, &mut Journal) -> Result<(T, LogLine)>,
    ) -> Result<(T, i64)> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut journal = Journal::default();
        let (value, line) = work(&tx, &mut journal)?;
        let images = if journal.is_empty() {
            None
        } else {
            let (before, after) = journal.finish(&tx)?;
            Some((json(&before), json(&after)))
        };
        tx.execute(
            "INSERT INTO change_log (at, who, what, why, feature_id, before_images, after_images)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                Local::now()
                    .naive_local()
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string(),
                self.author,
                line.what,
                line.why,
                line.feature.map(|f| f.0),
                images.as_ref().map(|(b, _)| b),
                images.as_ref().map(|(_, a)| a)
            ],
        )?;
        let entry = tx.last_insert_rowid();
        tx.commit()?;
        self.last_entry = Some(entry);
        Ok((value, entry))
    }

    /// The change-log entry of this handle's latest write (what undo takes).
    pub fn last_entry(&self) -> Option<i64> {
        self.last_entry
    }

    /// Undoes change-log entry `entry`: its rows go back to how they were
    /// before it. Refused if they have changed since (undo the later change
    /// first) or if it would break the ONE rule. The undo is logged itself.
    pub fn undo(&mut self, entry: i64) -> Result<String> {
        self.replay(entry, true)
    }

    /// Re-applies an undone entry.
    pub fn redo(&mut self, entry: i64) -> Result<String> {
        self.replay(entry, false)
    }

    fn replay(&mut self, entry: i64, undo: bool) -> Result<String> {
        let verb = if undo { "undo" } else { "redo" };
        self.write(|tx, journal| {
            let (what, feature, before, after): (String, Option<i64>, Option<String>, Option<String>) = tx
                .query_row(
                    "SELECT what, feature_id, before_images, after_images FROM change_log WHERE id = ?1",
                    [entry],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?
                .ok_or(StoreError::NotFound { what: "change-log entry", id: entry })?;
            let refuse = |message: String| StoreError::Invalid { field: "undo", message };
            let (Some(before), Some(after)) = (before, after) else {
                return Err(refuse(format!("\"{what}\" cannot be undone")));
            };
            let parse = |text: &str| {
                serde_json::from_str::<Images>(text)
                    .map_err(|e| refuse(format!("entry {entry} has unreadable images: {e}")))
            };
            let (from, to) = if undo {
                (parse(&after)?, parse(&before)?)
            } else {
                (parse(&before)?, parse(&after)?)
            };
            if current(tx, &from)? != from {
                return Err(refuse(format!(
                    "cannot {verb} \"{what}\": changed since by a later edit — {verb} that first"
                )));
            }
            let referring = outside_references(tx, &to)?;
            if !referring.is_empty() {
                let rows: Vec<String> = referring
                    .iter()
                    .map(|(table, n)| match (*n, table.strip_suffix('y')) {
                        (1, _) => format!("1 {table}"),
                        (n, Some(stem)) => format!("{n} {stem}ies"),
                        (n, None) => format!("{n} {table}s"),
                    })
                    .collect();
                return Err(refuse(format!(
                    "cannot {verb} \"{what}\": {} made since refer to what it would remove — remove them first",
                    rows.join(" and ")
                )));
            }
            for (row, _) in &to.0 {
                journal.before(tx, row.clone())?;
            }
            if let Err(error) = restore(tx, &to) {
                let holder = tx
                    .query_row(
                        &format!("SELECT {FEATURE_COLUMNS} FROM feature WHERE status IN ('active', 'in_review')"),
                        [],
                        feature_from_row,
                    )
                    .optional()?;
                return Err(match holder {
                    Some(holder) if error.to_string().contains("one_active_feature") => refuse(format!(
                        "cannot {verb} \"{what}\": {} is {} — ship it (S) or pause it (p) first",
                        holder.label(),
                        holder.status.phrase()
                    )),
                    _ => error,
                });
            }
            // Said as what happened to the change, not as a change anew.
            let done = format!("{} \"{what}\"", if undo { "undid" } else { "redid" });
            let mut line = LogLine::new(done.clone());
            // Undoing an addition removes the feature the entry was about.
            let still_there: Option<i64> = match feature {
                Some(id) => tx
                    .query_row("SELECT id FROM feature WHERE id = ?1", [id], |r| r.get(0))
                    .optional()?,
                None => None,
            };
            line.feature = still_there.map(FeatureId);
            Ok((done, line))
        })
    }

    /// Creates the roadmap in a fresh file.
    pub fn init(&mut self, name: &str, horizon: &str) -> Result<RoadmapInfo> {
        if let Some(info) = self.info()? {
            return Err(StoreError::AlreadyInitialized {
                path: self.path.clone(),
                name: info.name,
            });
        }
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid {
                field: "name",
                message: "the roadmap needs a name".into(),
            });
        }
        single_line("name", name)?;
        single_line("horizon", horizon)?;
        self.write(|tx, _| {
            tx.execute(
                "INSERT INTO roadmap (id, name, horizon, created_at) VALUES (1, ?1, ?2, ?3)",
                params![name, horizon, Local::now().naive_local()],
            )?;
            Ok(((), LogLine::new(format!("created roadmap \"{name}\""))))
        })?;
        self.require_info()
    }

    /// Finds a phase by its 1-based number in board order or by name
    /// (exact, then unique prefix, case-insensitive).
    pub fn resolve_phase(&self, wanted: &str) -> Result<Phase> {
        let phases = self.phases()?;
        let wanted_trim = wanted.trim();
        let by_number = wanted_trim
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| phases.get(i));
        if let Some(phase) = by_number {
            return Ok(phase.clone());
        }
        let lower = wanted_trim.to_lowercase();
        let named: Vec<(usize, &Phase)> = phases
            .iter()
            .enumerate()
            .filter(|(_, p)| p.name.to_lowercase() == lower)
            .collect();
        match named.as_slice() {
            [(_, phase)] => return Ok((*phase).clone()),
            [] => {}
            several => {
                let numbers: Vec<String> =
                    several.iter().map(|(i, _)| (i + 1).to_string()).collect();
                return Err(StoreError::Invalid {
                    field: "phase",
                    message: format!(
                        "`{wanted_trim}` names {} phases ({}): give its number",
                        several.len(),
                        numbers.join(", ")
                    ),
                });
            }
        }
        let mut prefixed = phases
            .iter()
            .filter(|p| p.name.to_lowercase().starts_with(&lower));
        match (prefixed.next(), prefixed.next()) {
            (Some(phase), None) if !lower.is_empty() => Ok(phase.clone()),
            _ => Err(StoreError::NoPhase(wanted.to_owned())),
        }
    }

    pub fn add_phase(&mut self, fields: &PhaseFields) -> Result<Phase> {
        validate_phase(fields)?;
        self.require_info()?;
        self.write(|tx, journal| {
            unique_phase_name(tx, &fields.name, None)?;
            tx.execute(
                "INSERT INTO phase (name, goal, start_date, end_date, status, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(position), 0) + 1 FROM phase))",
                params![
                    fields.name.trim(),
                    fields.goal,
                    fields.start,
                    fields.end,
                    fields.status.unwrap_or(PhaseStatus::NotStarted).as_str()
                ],
            )?;
            let phase = phase_by_id(tx, PhaseId(tx.last_insert_rowid()))?;
            journal.inserted(RowRef::id("phase", phase.id.0));
            let line = LogLine::new(format!("added phase \"{}\"", phase.name));
            Ok((phase, line))
        })
    }

    pub fn edit_phase(&mut self, id: PhaseId, fields: &PhaseFields) -> Result<Phase> {
        self.edit_phase_from(id, None, fields)
    }

    /// Saves a phase form opened on `base`, as `edit_feature_from` does.
    pub fn edit_phase_from(
        &mut self,
        id: PhaseId,
        base: Option<&PhaseFields>,
        fields: &PhaseFields,
    ) -> Result<Phase> {
        validate_phase(fields)?;
        self.write(|tx, journal| {
            let before = phase_by_id(tx, id)?;
            journal.before(tx, RowRef::id("phase", id.0))?;
            unique_phase_name(tx, &fields.name, Some(id))?;
            let fields = &match base {
                Some(base) => PhaseFields::merge(base, fields, &PhaseFields::of(&before))
                    .map_err(|fields| conflict(&format!("phase \"{}\"", before.name), &fields))?,
                None => fields.clone(),
            };
            let status = fields.status.unwrap_or(before.status);
            // A phase is complete when its success criteria say so.
            if status == PhaseStatus::Complete && before.status != PhaseStatus::Complete {
                let criteria: Vec<Criterion> = tx
                    .prepare("SELECT id, phase_id, text, done, position FROM criterion WHERE phase_id = ?1")?
                    .query_map([id.0], |r| {
                        Ok(Criterion { id: CriterionId(r.get(0)?), phase: PhaseId(r.get(1)?), text: r.get(2)?, done: r.get(3)?, position: r.get(4)? })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                crate::domain::review::phase_can_complete(&criteria).map_err(|reason| {
                    Refusal::PhaseNotDone { phase: before.name.clone(), reason }
                })?;
            }
            tx.execute(
                "UPDATE phase SET name = ?2, goal = ?3, start_date = ?4, end_date = ?5, status = ?6 WHERE id = ?1",
                params![id.0, fields.name.trim(), fields.goal, fields.start, fields.end, status.as_str()],
            )?;
            let after = phase_by_id(tx, id)?;
            let mut changed = Vec::new();
            if before.name != after.name {
                changed.push(format!("name \"{}\" → \"{}\"", before.name, after.name));
            }
            if before.goal != after.goal {
                changed.push("goal".to_owned());
            }
            if (before.start, before.end) != (after.start, after.end) {
                changed.push(format!(
                    "timeline {} → {}",
                    date_range(before.start, before.end),
                    date_range(after.start, after.end)
                ));
            }
            if before.status != after.status {
                changed.push(format!("status {} → {}", before.status, after.status));
            }
            let line = LogLine::new(format!(
                "edited phase \"{}\": {}",
                after.name,
                if changed.is_empty() { "no change".to_owned() } else { changed.join(", ") }
            ));
            Ok((after, line))
        })
    }

    pub fn add_milestone(
        &mut self,
        phase: PhaseId,
        text: &str,
        target: Option<NaiveDate>,
    ) -> Result<Milestone> {
        let text = required_line("milestone", text)?;
        self.write(|tx, journal| {
            let phase = phase_by_id(tx, phase)?;
            tx.execute(
                "INSERT INTO milestone (phase_id, text, target_date, position)
                 VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(position), 0) + 1 FROM milestone WHERE phase_id = ?1))",
                params![phase.id.0, text, target],
            )?;
            journal.inserted(RowRef::id("milestone", tx.last_insert_rowid()));
            let milestone = Milestone {
                id: MilestoneId(tx.last_insert_rowid()),
                phase: phase.id,
                text: text.to_owned(),
                target,
                done: None,
                position: tx.query_row("SELECT position FROM milestone WHERE id = ?1", [tx.last_insert_rowid()], |r| r.get(0))?,
            };
            let line = LogLine::new(format!("added milestone \"{text}\" to phase \"{}\"", phase.name));
            Ok((milestone, line))
        })
    }

    /// Checks a milestone off (`done = Some(date)`) or reopens it.
    pub fn set_milestone_done(&mut self, id: MilestoneId, done: Option<NaiveDate>) -> Result<()> {
        self.write(|tx, journal| {
            let text: String = tx
                .query_row("SELECT text FROM milestone WHERE id = ?1", [id.0], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or(StoreError::NotFound {
                    what: "milestone",
                    id: id.0,
                })?;
            journal.before(tx, RowRef::id("milestone", id.0))?;
            tx.execute(
                "UPDATE milestone SET done_date = ?2 WHERE id = ?1",
                params![id.0, done],
            )?;
            let what = match done {
                Some(date) => format!("milestone \"{text}\" reached on {date}"),
                None => format!("milestone \"{text}\" reopened"),
            };
            Ok(((), LogLine::new(what)))
        })
    }

    pub fn add_criterion(&mut self, phase: PhaseId, text: &str) -> Result<CriterionId> {
        let text = required_line("success criterion", text)?;
        self.write(|tx, journal| {
            let phase = phase_by_id(tx, phase)?;
            tx.execute(
                "INSERT INTO criterion (phase_id, text, position)
                 VALUES (?1, ?2, (SELECT COALESCE(MAX(position), 0) + 1 FROM criterion WHERE phase_id = ?1))",
                params![phase.id.0, text],
            )?;
            let id = CriterionId(tx.last_insert_rowid());
            journal.inserted(RowRef::id("criterion", id.0));
            Ok((id, LogLine::new(format!("added success criterion \"{text}\" to phase \"{}\"", phase.name))))
        })
    }

    /// Adds a feature to a phase (planned) or to the parking lot (parked).
    pub fn add_feature(&mut self, new: &NewFeature) -> Result<Feature> {
        new.fields.validate()?;
        self.require_info()?;
        self.write(|tx, journal| {
            if let Some(phase) = new.phase {
                phase_by_id(tx, phase)?;
            }
            let key: u32 = tx.query_row(
                "SELECT COALESCE(MAX(key_num), 0) + 1 FROM feature",
                [],
                |r| r.get(0),
            )?;
            let status = if new.phase.is_some() {
                FeatureStatus::Planned
            } else {
                FeatureStatus::Parked
            };
            let mut feature = Feature::new(FeatureKey(key), "", status);
            new.fields.apply_to(&mut feature);
            feature.phase = new.phase;
            feature.position = next_position(tx, new.phase)?;
            feature.created = Some(new.created.unwrap_or_else(|| Local::now().date_naive()));
            feature.id = insert_feature(tx, &feature)?;
            journal.inserted(RowRef::id("feature", feature.id.0));
            for on in &new.depends_on {
                insert_dependency(tx, journal, &feature, *on)?;
            }
            let place = match new.phase {
                Some(phase) => format!("phase \"{}\"", phase_by_id(tx, phase)?.name),
                None => "the parking lot".to_owned(),
            };
            let line =
                LogLine::new(format!("added {} to {place}", feature.label())).about(feature.id);
            Ok((feature, line))
        })
    }

    /// Saves the form fields of a feature; the log names what changed.
    pub fn edit_feature(&mut self, key: FeatureKey, fields: &FeatureFields) -> Result<Feature> {
        self.edit_feature_from(key, None, fields)
    }

    /// Saves a form opened on `base`: only the fields changed from it are
    /// written, and a field someone else changed since is refused by name
    /// (`base` None: every field as given).
    pub fn edit_feature_from(
        &mut self,
        key: FeatureKey,
        base: Option<&FeatureFields>,
        fields: &FeatureFields,
    ) -> Result<Feature> {
        fields.validate()?;
        // Saving an unchanged form is not a change: nothing to log.
        let current = self.feature(key)?;
        if base.unwrap_or(&FeatureFields::of(&current)) == fields {
            return Ok(current);
        }
        self.write(|tx, journal| {
            let mut feature = feature_by_key(tx, key)?;
            journal.before(tx, RowRef::id("feature", feature.id.0))?;
            let fields = match base {
                Some(base) => FeatureFields::merge(base, fields, &FeatureFields::of(&feature))
                    .map_err(|fields| conflict(&feature.label(), &fields))?,
                None => fields.clone(),
            };
            let changed = fields.apply_to(&mut feature);
            save_feature(tx, &feature)?;
            let what = if changed.is_empty() {
                format!("edited {}: no change", feature.label())
            } else {
                format!("edited {}: {}", feature.label(), changed.join(", "))
            };
            let line = LogLine::new(what).about(feature.id);
            Ok((feature, line))
        })
    }

    /// Applies a state-machine transition, deciding on the rows as they are
    /// inside the transaction (so a concurrent writer cannot slip past).
    pub fn transition(
        &mut self,
        key: FeatureKey,
        transition: Transition,
        args: &TransitionArgs,
        today: NaiveDate,
    ) -> Result<Change> {
        for (field, value) in [("why", &args.reason), ("override", &args.override_reason)] {
            multi_line(field, value.as_deref().unwrap_or_default())?;
        }
        self.write(|tx, journal| {
            let feature = feature_by_key(tx, key)?;
            journal.before(tx, RowRef::id("feature", feature.id.0))?;
            let holder = tx
                .query_row(
                    &format!("SELECT {FEATURE_COLUMNS} FROM feature WHERE status IN ('active', 'in_review')"),
                    [],
                    feature_from_row,
                )
                .optional()?;
            let unmet = unmet_dependencies(tx, feature.id)?;
            if let Some(phase) = args.phase.filter(|_| transition == Transition::Promote) {
                phase_by_id(tx, phase)?;
            }
            let mut change = machine::apply(
                &feature,
                transition,
                args,
                Context {
                    slot_holder: holder.as_ref(),
                    unmet_dependencies: &unmet,
                    today,
                },
            )?;
            if change.feature.phase != feature.phase {
                change.feature.position = next_position(tx, change.feature.phase)?;
            }
            save_feature(tx, &change.feature)?;
            // What shipped waits for nothing any more.
            if change.feature.status == FeatureStatus::Shipped {
                let resolved = resolve_open_blockers(tx, journal, feature.id, today)?;
                if !resolved.is_empty() {
                    change.what.push_str(&format!("; resolved what it waited for: {}", resolved.join(", ")));
                }
            }
            let line = LogLine::new(change.what.clone())
                .because(change.why.clone())
                .about(feature.id);
            Ok((change, line))
        })
    }

    /// Moves a card to the end of another phase (`H`/`L` on the board).
    /// Parked cards go to a phase by promotion, not by moving.
    pub fn move_to_phase(&mut self, key: FeatureKey, phase: PhaseId) -> Result<Feature> {
        self.write(|tx, journal| {
            let mut feature = feature_by_key(tx, key)?;
            journal.before(tx, RowRef::id("feature", feature.id.0))?;
            let to = phase_by_id(tx, phase)?;
            if feature.phase.is_none() {
                return Err(StoreError::Invalid {
                    field: "phase",
                    message: format!(
                        "{} is in the parking lot: promote it to a phase instead",
                        feature.label()
                    ),
                });
            }
            feature.phase = Some(to.id);
            feature.position = next_position(tx, Some(to.id))?;
            save_feature(tx, &feature)?;
            let line = LogLine::new(format!(
                "moved {} to phase \"{}\"",
                feature.label(),
                to.name
            ))
            .about(feature.id);
            Ok((feature, line))
        })
    }

    /// Swaps a card with its neighbour in its phase (`J`/`K`); `later`
    /// moves it down. At either end nothing changes and nothing is logged.
    pub fn reorder(&mut self, key: FeatureKey, later: bool) -> Result<bool> {
        let feature = self.feature(key)?;
        let neighbour = self
            .conn
            .query_row(
                &format!(
                    "SELECT {FEATURE_COLUMNS} FROM feature WHERE phase_id IS ?1 AND position {} ?2
                     ORDER BY position {} LIMIT 1",
                    if later { ">" } else { "<" },
                    if later { "ASC" } else { "DESC" }
                ),
                params![feature.phase.map(|p| p.0), feature.position],
                feature_from_row,
            )
            .optional()?;
        let Some(neighbour) = neighbour else {
            return Ok(false);
        };
        self.write(|tx, journal| {
            let mut moved = feature_by_key(tx, key)?;
            let mut other = feature_by_id(tx, neighbour.id)?;
            journal.before(tx, RowRef::id("feature", moved.id.0))?;
            journal.before(tx, RowRef::id("feature", other.id.0))?;
            std::mem::swap(&mut moved.position, &mut other.position);
            save_feature(tx, &moved)?;
            save_feature(tx, &other)?;
            let line = LogLine::new(format!(
                "moved {} {} {}",
                moved.label(),
                if later { "below" } else { "above" },
                other.key
            ))
            .about(moved.id);
            Ok((true, line))
        })
    }

    /// Records that `key` depends on `on`; refused if it would close a cycle.
    pub fn add_dependency(&mut self, key: FeatureKey, on: FeatureKey) -> Result<()> {
        self.write(|tx, journal| {
            let feature = feature_by_key(tx, key)?;
            insert_dependency(tx, journal, &feature, on)?;
            let line =
                LogLine::new(format!("{} now depends on {on}", feature.label())).about(feature.id);
            Ok(((), line))
        })
    }

    pub fn remove_dependency(&mut self, key: FeatureKey, on: FeatureKey) -> Result<()> {
        self.write(|tx, journal| {
            let feature = feature_by_key(tx, key)?;
            let other = feature_by_key(tx, on)?;
            journal.before(tx, RowRef::dependency(feature.id.0, other.id.0))?;
            let removed = tx.execute(
                "DELETE FROM dependency WHERE feature_id = ?1 AND depends_on_id = ?2",
                params![feature.id.0, other.id.0],
            )?;
            if removed == 0 {
                return Err(StoreError::Invalid {
                    field: "dependency",
                    message: format!("{key} does not depend on {on}"),
                });
            }
            let line = LogLine::new(format!("{} no longer depends on {on}", feature.label()))
                .about(feature.id);
            Ok(((), line))
        })
    }

    pub fn add_blocker(
        &mut self,
        key: FeatureKey,
        waiting_for: &str,
        eta: Option<NaiveDate>,
        mitigation: &str,
    ) -> Result<Blocker> {
        let waiting_for = required_line("waiting for", waiting_for)?;
        multi_line("mitigation", mitigation)?;
        self.write(|tx, journal| {
            let feature = feature_by_key(tx, key)?;
            tx.execute(
                "INSERT INTO blocker (feature_id, waiting_for, eta, mitigation) VALUES (?1, ?2, ?3, ?4)",
                params![feature.id.0, waiting_for, eta, mitigation],
            )?;
            journal.inserted(RowRef::id("blocker", tx.last_insert_rowid()));
            let blocker = Blocker {
                id: BlockerId(tx.last_insert_rowid()),
                feature: Some(feature.id),
                waiting_for: waiting_for.to_owned(),
                eta,
                mitigation: mitigation.to_owned(),
                resolved: None,
            };
            let eta_text = eta.map(|d| format!(" (ETA {d})")).unwrap_or_default();
            let line = LogLine::new(format!("{} blocked: waiting for {waiting_for}{eta_text}", feature.label()))
                .about(feature.id);
            Ok((blocker, line))
        })
    }

    /// Resolves the open blockers of `key`; returns how many.
    pub fn resolve_blockers(&mut self, key: FeatureKey, today: NaiveDate) -> Result<usize> {
        self.write(|tx, journal| {
            let feature = feature_by_key(tx, key)?;
            let resolved = resolve_open_blockers(tx, journal, feature.id, today)?.len();
            if resolved == 0 {
                return Err(StoreError::Invalid {
                    field: "blocker",
                    message: format!("{} has no open blocker", feature.label()),
                });
            }
            let line = LogLine::new(format!(
                "{} unblocked ({resolved} resolved)",
                feature.label()
            ))
            .about(feature.id);
            Ok((resolved, line))
        })
    }

    pub fn add_request(
        &mut self,
        text: &str,
        requested_by: &str,
        priority: RequestPriority,
        today: NaiveDate,
    ) -> Result<CustomerRequest> {
        let text = non_empty("request", text)?;
        single_line("requested by", requested_by)?;
        self.require_info()?;
        self.write(|tx, journal| {
            tx.execute(
                "INSERT INTO request (text, requested_by, requested_on, priority) VALUES (?1, ?2, ?3, ?4)",
                params![text, requested_by.trim(), today, priority.as_str()],
            )?;
            journal.inserted(RowRef::id("request", tx.last_insert_rowid()));
            let request = CustomerRequest {
                id: RequestId(tx.last_insert_rowid()),
                text: text.to_owned(),
                requested_by: requested_by.trim().to_owned(),
                requested_on: Some(today),
                priority,
                feature: None,
                status: RequestStatus::New,
                decline_reason: String::new(),
            };
            let by = if request.requested_by.is_empty() { String::new() } else { format!(" from {}", request.requested_by) };
            Ok((request, LogLine::new(format!("customer request{by} ({priority}): {text}"))))
        })
    }

    /// Links a customer request to the feature that answers it.
    pub fn link_request(&mut self, id: RequestId, key: FeatureKey) -> Result<()> {
        self.write(|tx, journal| {
            let text = request_text(tx, id)?;
            let feature = feature_by_key(tx, key)?;
            journal.before(tx, RowRef::id("request", id.0))?;
            tx.execute(
                "UPDATE request SET feature_id = ?2, status = 'linked', decline_reason = '' WHERE id = ?1",
                params![id.0, feature.id.0],
            )?;
            let line = LogLine::new(format!("request \"{text}\" linked to {}", feature.label())).about(feature.id);
            Ok(((), line))
        })
    }

    /// Turns a request into a new parked feature, linked to it.
    pub fn request_to_feature(&mut self, id: RequestId, today: NaiveDate) -> Result<Feature> {
        self.write(|tx, journal| {
            let (text, by): (String, String) = tx
                .query_row(
                    "SELECT text, requested_by FROM request WHERE id = ?1",
                    [id.0],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or(StoreError::NotFound {
                    what: "request",
                    id: id.0,
                })?;
            let key: u32 = tx.query_row(
                "SELECT COALESCE(MAX(key_num), 0) + 1 FROM feature",
                [],
                |r| r.get(0),
            )?;
            let mut feature = Feature::new(FeatureKey(key), text.clone(), FeatureStatus::Parked);
            feature.created = Some(today);
            feature.why_interesting = if by.is_empty() {
                format!("customer request, {today}")
            } else {
                format!("requested by {by}")
            };
            feature.position = next_position(tx, None)?;
            feature.id = insert_feature(tx, &feature)?;
            journal.inserted(RowRef::id("feature", feature.id.0));
            journal.before(tx, RowRef::id("request", id.0))?;
            tx.execute(
                "UPDATE request SET feature_id = ?2, status = 'linked' WHERE id = ?1",
                params![id.0, feature.id.0],
            )?;
            let line = LogLine::new(format!(
                "request \"{text}\" became {} in the parking lot",
                feature.label()
            ))
            .about(feature.id);
            Ok((feature, line))
        })
    }

    /// Declines a request, saying why.
    pub fn decline_request(&mut self, id: RequestId, why: &str) -> Result<()> {
        let why = non_empty("why", why)?;
        self.write(|tx, journal| {
            let text = request_text(tx, id)?;
            journal.before(tx, RowRef::id("request", id.0))?;
            tx.execute(
                "UPDATE request SET status = 'declined', decline_reason = ?2 WHERE id = ?1",
                params![id.0, why],
            )?;
            Ok((
                (),
                LogLine::new(format!("request \"{text}\" declined")).because(why),
            ))
        })
    }

    pub fn set_request_priority(&mut self, id: RequestId, priority: RequestPriority) -> Result<()> {
        self.write(|tx, journal| {
            let text = request_text(tx, id)?;
            journal.before(tx, RowRef::id("request", id.0))?;
            tx.execute(
                "UPDATE request SET priority = ?2 WHERE id = ?1",
                params![id.0, priority.as_str()],
            )?;
            Ok((
                (),
                LogLine::new(format!("request \"{text}\" now {priority} priority")),
            ))
        })
    }
}

fn blocker_waiting_for(tx: &Transaction, id: BlockerId) -> Result<String> {
    tx.query_row(
        "SELECT waiting_for FROM blocker WHERE id = ?1",
        [id.0],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "blocker",
        id: id.0,
    })
}

fn request_text(tx: &Transaction, id: RequestId) -> Result<String> {
    tx.query_row("SELECT text FROM request WHERE id = ?1", [id.0], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "request",
        id: id.0,
    })
}

fn json(images: &super::journal::Images) -> String {
    serde_json::to_string(images).expect("images are plain JSON")
}

fn validate_phase(fields: &PhaseFields) -> Result<()> {
    required_line("name", &fields.name)?;
    multi_line("goal", &fields.goal)?;
    if let (Some(start), Some(end)) = (fields.start, fields.end)
        && end < start
    {
        return Err(StoreError::Invalid {
            field: "timeline",
            message: format!("the end {end} is before the start {start}"),
        });
    }
    Ok(())
}

/// Resolves the open blockers of `feature` as of `today`; returns what
/// each waited for.
fn resolve_open_blockers(
    tx: &Transaction,
    journal: &mut Journal,
    feature: FeatureId,
    today: NaiveDate,
) -> Result<Vec<String>> {
    let open: Vec<(i64, String)> = tx
        .prepare_cached(
            "SELECT id, waiting_for FROM blocker WHERE feature_id = ?1 AND resolved_date IS NULL",
        )?
        .query_map([feature.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, _) in &open {
        journal.before(tx, RowRef::id("blocker", *id))?;
    }
    tx.execute(
        "UPDATE blocker SET resolved_date = ?2 WHERE feature_id = ?1 AND resolved_date IS NULL",
        params![feature.0, today],
    )?;
    Ok(open.into_iter().map(|(_, what)| what).collect())
}

/// Refuses a phase name another phase (not `except`) already has, in any
/// case: `--phase MVP` must name one phase.
fn unique_phase_name(tx: &Transaction, name: &str, except: Option<PhaseId>) -> Result<()> {
    let taken: Option<i64> = tx
        .query_row(
            "SELECT position FROM phase WHERE lower(name) = lower(?1) AND id IS NOT ?2",
            params![name.trim(), except.map(|p| p.0)],
            |r| r.get(0),
        )
        .optional()?;
    match taken {
        Some(_) => Err(StoreError::Invalid {
            field: "name",
            message: format!(
                "a phase named \"{}\" exists already; choose another name",
                name.trim()
            ),
        }),
        None => Ok(()),
    }
}

/// The refusal of a save whose `fields` someone else changed meanwhile.
fn conflict(what: &str, fields: &[&str]) -> StoreError {
    let names: Vec<String> = fields.iter().map(|f| f.replace('_', " ")).collect();
    StoreError::Invalid {
        field: "not saved",
        message: format!(
            "{} of {what} changed elsewhere (another board or the CLI) since this form opened; your text is kept — Esc and open it again to see theirs",
            names.join(", ")
        ),
    }
}

/// A required single-line field, trimmed.
fn required_line<'a>(field: &'static str, text: &'a str) -> Result<&'a str> {
    let text = required(field, text)?;
    single_line(field, text)?;
    Ok(text)
}

/// A required multi-line field, trimmed.
fn non_empty<'a>(field: &'static str, text: &'a str) -> Result<&'a str> {
    let text = required(field, text)?;
    multi_line(field, text)?;
    Ok(text)
}

fn required<'a>(field: &'static str, text: &'a str) -> Result<&'a str> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StoreError::Invalid {
            field,
            message: "must not be empty".into(),
        });
    }
    Ok(text)
}

/// Refuses line breaks and control characters in a single-line field.
pub(super) fn single_line(field: &'static str, text: &str) -> Result<()> {
    text::check_single_line(text).map_err(|message| StoreError::Invalid { field, message })
}

/// Refuses control characters other than line breaks and tabs.
pub(super) fn multi_line(field: &'static str, text: &str) -> Result<()> {
    text::check_multi_line(text).map_err(|message| StoreError::Invalid { field, message })
}

fn date_range(start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    let show = |d: Option<NaiveDate>| d.map_or("?".to_owned(), |d| d.to_string());
    format!("{}..{}", show(start), show(end))
}

/// The position after the last card of `phase` (or of the parking lot).
fn next_position(tx: &Transaction, phase: Option<PhaseId>) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM feature WHERE phase_id IS ?1",
        [phase.map(|p| p.0)],
        |r| r.get(0),
    )?)
}

/// The columns `save_feature` and `insert_feature` write, in order.
const WRITTEN_COLUMNS: [&str; 21] = [
    "title",
    "description",
    "why",
    "metric",
    "status",
    "priority",
    "moscow",
    "impact",
    "effort",
    "target_date",
    "started_date",
    "shipped_date",
    "owner",
    "link",
    "pilot_feedback",
    "phase_id",
    "position",
    "why_interesting",
    "why_deferred",
    "reconsider_date",
    "created_on",
];

/// The values of `WRITTEN_COLUMNS` for `f`.
fn feature_values(f: &Feature) -> [Value; 21] {
    let date = |d: Option<NaiveDate>| Value::from(d.map(|d| d.to_string()));
    [
        f.title.clone().into(),
        f.description.clone().into(),
        f.why.clone().into(),
        f.metric.clone().into(),
        f.status.as_str().to_owned().into(),
        f.priority.map(|p| i64::from(p.level())).into(),
        f.moscow.map(|m| m.as_str().to_owned()).into(),
        f.impact.map(i64::from).into(),
        f.effort.map(i64::from).into(),
        date(f.target),
        date(f.started),
        date(f.shipped),
        f.owner.clone().into(),
        f.link.clone().into(),
        f.pilot_feedback.clone().into(),
        f.phase.map(|p| p.0).into(),
        f.position.into(),
        f.why_interesting.clone().into(),
        f.why_deferred.clone().into(),
        date(f.reconsider),
        date(f.created),
    ]
}

/// Writes every column of `feature` (the row must exist).
pub(super) fn save_feature(tx: &Transaction, f: &Feature) -> Result<()> {
    let assignments: Vec<String> = WRITTEN_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect();
    let values = std::iter::once(Value::from(f.id.0)).chain(feature_values(f));
    tx.prepare_cached(&format!(
        "UPDATE feature SET {} WHERE id = ?1",
        assignments.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

/// Inserts `f` with its key; returns the new row's id.
pub(super) fn insert_feature(tx: &Transaction, f: &Feature) -> Result<FeatureId> {
    let placeholders: Vec<String> = (1..=WRITTEN_COLUMNS.len() + 1)
        .map(|i| format!("?{i}"))
        .collect();
    let values = std::iter::once(Value::from(i64::from(f.key.0))).chain(feature_values(f));
    tx.prepare_cached(&format!(
        "INSERT INTO feature (key_num, {}) VALUES ({})",
        WRITTEN_COLUMNS.join(", "),
        placeholders.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(values))?;
    Ok(FeatureId(tx.last_insert_rowid()))
}

fn unmet_dependencies(tx: &Transaction, id: FeatureId) -> Result<Vec<Feature>> {
    let columns = FEATURE_COLUMNS
        .split(", ")
        .map(|c| format!("f.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut statement = tx.prepare_cached(&format!(
        "SELECT {columns} FROM dependency d JOIN feature f ON f.id = d.depends_on_id
         WHERE d.feature_id = ?1 AND f.status <> 'shipped' ORDER BY f.key_num"
    ))?;
    let rows = statement.query_map([id.0], feature_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn insert_dependency(
    tx: &Transaction,
    journal: &mut Journal,
    feature: &Feature,
    on: FeatureKey,
) -> Result<()> {
    let other = feature_by_key(tx, on)?;
    let existing: Vec<Dependency> = tx
        .prepare_cached("SELECT feature_id, depends_on_id FROM dependency")?
        .query_map([], |row| {
            Ok(Dependency {
                feature: FeatureId(row.get(0)?),
                depends_on: FeatureId(row.get(1)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let edge = Dependency {
        feature: feature.id,
        depends_on: other.id,
    };
    if existing.contains(&edge) {
        return Err(StoreError::Invalid {
            field: "dependency",
            message: format!("{} already depends on {on}", feature.key),
        });
    }
    check_new_dependency(&existing, edge, |id| {
        feature_by_id(tx, id).map_or_else(|_| format!("#{}", id.0), |f| f.key.to_string())
    })?;
    tx.execute(
        "INSERT INTO dependency (feature_id, depends_on_id) VALUES (?1, ?2)",
        params![feature.id.0, other.id.0],
    )?;
    journal.inserted(RowRef::dependency(feature.id.0, other.id.0));
    Ok(())
}

impl Store {
    /// The review in progress, if one was left unfinished.
    pub fn review_draft(&self) -> Result<Option<crate::domain::review::ReviewDraft>> {
        let state: Option<String> = self
            .conn
            .query_row("SELECT state FROM review_draft WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(state.and_then(|s| serde_json::from_str(&s).ok()))
    }

    /// Keeps the review in progress (not logged: it is not a change yet).
    pub fn save_review_draft(&mut self, draft: &crate::domain::review::ReviewDraft) -> Result<()> {
        let state = serde_json::to_string(draft).expect("a draft is plain data");
        self.conn.execute(
            "INSERT INTO review_draft (id, state) VALUES (1, ?1) ON CONFLICT(id) DO UPDATE SET state = excluded.state",
            [state],
        )?;
        Ok(())
    }

    /// Records the review and its change-log summary in one transaction,
    /// and clears the draft.
    pub fn finish_review(
        &mut self,
        draft: &crate::domain::review::ReviewDraft,
        date: NaiveDate,
    ) -> Result<Review> {
        multi_line("notes", &draft.notes)?;
        let roadmap = self.load()?;
        let summary = draft.summary(&roadmap);
        let chosen = draft
            .chosen
            .and_then(|k| roadmap.feature_by_key(k))
            .map(|f| f.id);
        self.write(|tx, journal| {
            tx.execute(
                "INSERT INTO review (date, kind, notes, chosen_feature_id) VALUES (?1, ?2, ?3, ?4)",
                params![date, draft.kind.as_str(), draft.notes, chosen.map(|f| f.0)],
            )?;
            let id = ReviewId(tx.last_insert_rowid());
            journal.inserted(RowRef::id("review", id.0));
            tx.execute("DELETE FROM review_draft", [])?;
            let review = Review {
                id,
                date,
                kind: draft.kind,
                notes: draft.notes.clone(),
                chosen,
            };
            let mut line = LogLine::new(summary).because(draft.notes.clone());
            line.feature = chosen;
            Ok((review, line))
        })
    }

    /// Gives up the review in progress.
    pub fn discard_review_draft(&mut self) -> Result<()> {
        self.conn.execute("DELETE FROM review_draft", [])?;
        Ok(())
    }

    /// Moves an open blocker's ETA.
    pub fn set_blocker_eta(&mut self, id: BlockerId, eta: Option<NaiveDate>) -> Result<()> {
        self.write(|tx, journal| {
            let waiting_for = blocker_waiting_for(tx, id)?;
            journal.before(tx, RowRef::id("blocker", id.0))?;
            tx.execute(
                "UPDATE blocker SET eta = ?2 WHERE id = ?1",
                params![id.0, eta],
            )?;
            let when = eta.map_or("no date".to_owned(), |d| d.to_string());
            Ok((
                (),
                LogLine::new(format!("blocker \"{waiting_for}\": new ETA {when}")),
            ))
        })
    }

    /// Checks a success criterion off (or back on).
    pub fn set_criterion_done(&mut self, id: CriterionId, done: bool) -> Result<()> {
        self.write(|tx, journal| {
            let text: String = tx
                .query_row("SELECT text FROM criterion WHERE id = ?1", [id.0], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or(StoreError::NotFound {
                    what: "success criterion",
                    id: id.0,
                })?;
            journal.before(tx, RowRef::id("criterion", id.0))?;
            tx.execute(
                "UPDATE criterion SET done = ?2 WHERE id = ?1",
                params![id.0, done],
            )?;
            let what = if done { "met" } else { "not met after all" };
            Ok((
                (),
                LogLine::new(format!("success criterion \"{text}\" {what}")),
            ))
        })
    }

    /// Resolves one blocker.
    pub fn resolve_blocker(&mut self, id: BlockerId, today: NaiveDate) -> Result<()> {
        self.write(|tx, journal| {
            let waiting_for = blocker_waiting_for(tx, id)?;
            journal.before(tx, RowRef::id("blocker", id.0))?;
            tx.execute(
                "UPDATE blocker SET resolved_date = ?2 WHERE id = ?1",
                params![id.0, today],
            )?;
            Ok((
                (),
                LogLine::new(format!("blocker \"{waiting_for}\" resolved")),
            ))
        })
    }
}

/// The editable fields of a foundation item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FoundationFields {
    pub what: String,
    pub why: String,
    pub status: Option<FoundationStatus>,
    pub target: Option<NaiveDate>,
}

/// The editable fields of a risk.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RiskFields {
    pub risk: String,
    pub impact: String,
    pub mitigation: String,
}

impl Store {
    /// Adds (`id` None) or edits a foundation item; it never takes the slot.
    pub fn save_foundation(
        &mut self,
        id: Option<FoundationId>,
        fields: &FoundationFields,
    ) -> Result<FoundationId> {
        let what = required_line("what", &fields.what)?.to_owned();
        multi_line("why", &fields.why)?;
        let status = fields.status.unwrap_or(FoundationStatus::NotStarted);
        self.write(|tx, journal| {
            let id = match id {
                Some(id) => {
                    journal.before(tx, RowRef::id("foundation", id.0))?;
                    let changed = tx.execute(
                        "UPDATE foundation SET what = ?2, why = ?3, status = ?4, target_date = ?5 WHERE id = ?1",
                        params![id.0, what, fields.why, status.as_str(), fields.target],
                    )?;
                    if changed == 0 {
                        return Err(StoreError::NotFound { what: "foundation item", id: id.0 });
                    }
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO foundation (what, why, status, target_date, position)
                         VALUES (?1, ?2, ?3, ?4, (SELECT COALESCE(MAX(position), 0) + 1 FROM foundation))",
                        params![what, fields.why, status.as_str(), fields.target],
                    )?;
                    let id = FoundationId(tx.last_insert_rowid());
                    journal.inserted(RowRef::id("foundation", id.0));
                    id
                }
            };
            Ok((id, LogLine::new(format!("foundation \"{what}\": {status}"))))
        })
    }

    /// Adds (`id` None) or edits a risk.
    pub fn save_risk(&mut self, id: Option<RiskId>, fields: &RiskFields) -> Result<RiskId> {
        let risk = required_line("risk", &fields.risk)?.to_owned();
        multi_line("impact", &fields.impact)?;
        multi_line("mitigation", &fields.mitigation)?;
        self.write(|tx, journal| {
            let id = match id {
                Some(id) => {
                    journal.before(tx, RowRef::id("risk", id.0))?;
                    let changed = tx.execute(
                        "UPDATE risk SET risk = ?2, impact = ?3, mitigation = ?4 WHERE id = ?1",
                        params![id.0, risk, fields.impact, fields.mitigation],
                    )?;
                    if changed == 0 {
                        return Err(StoreError::NotFound {
                            what: "risk",
                            id: id.0,
                        });
                    }
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO risk (risk, impact, mitigation, position)
                         VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(position), 0) + 1 FROM risk))",
                        params![risk, fields.impact, fields.mitigation],
                    )?;
                    let id = RiskId(tx.last_insert_rowid());
                    journal.inserted(RowRef::id("risk", id.0));
                    id
                }
            };
            Ok((id, LogLine::new(format!("risk \"{risk}\" recorded"))))
        })
    }
}
