//! The three-way merge of two machines' roadmaps, field by field: `base`
//! is what both last agreed on, `ours` this file, `theirs` the fetched one.
//! A field changed on one side takes that side's value; the same field
//! changed on both to different values is a conflict, and so is an item
//! deleted on one side and changed on the other — named, never settled by
//! picking one silently. Change-log entries of both sides are all kept.
//! After the merge the roadmap is made whole again: an item deleted on one
//! side that the other still uses is kept, a key both created is given to
//! one of them and the other card renumbered, and a second feature in the
//! ONE slot is paused (the earlier start keeps it). Pure.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use chrono::NaiveDate;
use serde_json::Value;

use super::doc::{CHANGE_LOG, FEATURE, Record, SyncDoc, label};
use crate::domain::machine::active_days_when_paused;
use crate::domain::{FeatureStatus, Transition};

/// A reference from one kind of item to another: `column` of `kind` holds
/// the id of an item of `parent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: String,
    pub column: String,
    pub parent: String,
}

/// Which side a conflict is settled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Take {
    /// This machine's value.
    Ours,
    /// The other machine's value.
    Theirs,
}

impl FromStr for Take {
    type Err = String;
    fn from_str(text: &str) -> Result<Take, String> {
        match text.trim().to_lowercase().as_str() {
            "ours" | "mine" | "here" => Ok(Take::Ours),
            "theirs" | "there" => Ok(Take::Theirs),
            other => Err(format!("\"{other}\" is neither ours nor theirs")),
        }
    }
}

/// How the founder settled conflicts: all one way, or each by its name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolutions {
    pub all: Option<Take>,
    pub each: BTreeMap<String, Take>,
}

impl Resolutions {
    fn of(&self, conflict: &str) -> Option<Take> {
        self.each.get(conflict).copied().or(self.all)
    }
}

/// What both sides did to one item that cannot both stand.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Clash {
    /// The same field set to two values.
    Field {
        field: String,
        ours: Value,
        theirs: Value,
    },
    /// Deleted on this machine, changed on the other (those fields).
    DeletedHere { changed: Vec<String> },
    /// Changed on this machine (those fields), deleted on the other.
    DeletedThere { changed: Vec<String> },
}

/// A conflict, by the name a founder settles it with (`F12.title`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Conflict {
    pub name: String,
    /// The item, as people call it (`F12 "Billing"`).
    pub item: String,
    pub clash: Clash,
}

impl Conflict {
    /// One line: what clashes and the two sides.
    pub fn sentence(&self) -> String {
        match &self.clash {
            Clash::Field {
                field,
                ours,
                theirs,
            } => format!(
                "{}: {} of {} is {} here, {} there",
                self.name,
                words(field),
                self.item,
                shown(ours),
                shown(theirs)
            ),
            Clash::DeletedHere { changed } => format!(
                "{}: {} was deleted here and changed there ({})",
                self.name,
                self.item,
                fields(changed)
            ),
            Clash::DeletedThere { changed } => format!(
                "{}: {} was changed here ({}) and deleted there",
                self.name,
                self.item,
                fields(changed)
            ),
        }
    }
}

impl Conflict {
    /// What settling it for `take` keeps, in a few words: the value, or
    /// the item kept or gone.
    pub fn choice(&self, take: Take) -> String {
        match (&self.clash, take) {
            (Clash::Field { ours, .. }, Take::Ours) => shown(ours),
            (Clash::Field { theirs, .. }, Take::Theirs) => shown(theirs),
            (Clash::DeletedHere { .. }, Take::Ours)
            | (Clash::DeletedThere { .. }, Take::Theirs) => "deleted".to_owned(),
            (Clash::DeletedHere { changed }, Take::Theirs) => {
                format!("kept, changed there ({})", fields(changed))
            }
            (Clash::DeletedThere { changed }, Take::Ours) => {
                format!("kept, changed here ({})", fields(changed))
            }
        }
    }
}

/// A column as people read it: `started_date` → "started date".
fn words(field: &str) -> String {
    field.trim_end_matches("_id").replace('_', " ")
}

fn fields(changed: &[String]) -> String {
    changed
        .iter()
        .map(|f| words(f))
        .collect::<Vec<_>>()
        .join(", ")
}

fn shown(value: &Value) -> String {
    match value {
        Value::Null => "empty".to_owned(),
        Value::String(text) => format!("\"{text}\""),
        other => other.to_string(),
    }
}

/// A card that took a new key because the other machine's card has its
/// old one.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Renumbered {
    pub title: String,
    pub from: i64,
    pub to: i64,
    /// The card that kept the key.
    pub kept_by: String,
}

/// A feature paused because another held the ONE slot from earlier.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Paused {
    pub feature: String,
    pub kept: String,
}

/// The merged roadmap and everything the merge had to say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Merged {
    pub doc: SyncDoc,
    /// Conflicts left to settle: while any is left the merge is not used.
    pub conflicts: Vec<Conflict>,
    /// Conflicts settled by the founder's choice.
    pub settled: Vec<(Conflict, Take)>,
    pub renumbered: Vec<Renumbered>,
    pub paused: Vec<Paused>,
    /// Items deleted on one side and kept because the other uses them.
    pub kept: Vec<String>,
    /// Items the other side added, changed or deleted here.
    pub from_theirs: usize,
}

/// What the merge is given.
pub struct Sides<'a> {
    pub base: &'a SyncDoc,
    pub ours: &'a SyncDoc,
    pub theirs: &'a SyncDoc,
}

/// Merges `sides`, settling conflicts by `resolutions`; a feature paused
/// by the ONE rule is paused on `today`.
pub fn merge(
    sides: &Sides<'_>,
    links: &[Link],
    resolutions: &Resolutions,
    today: NaiveDate,
) -> Merged {
    let mut merged = Merged {
        doc: SyncDoc::new(),
        ..Merged::default()
    };
    let kinds: BTreeSet<&String> = [sides.base, sides.ours, sides.theirs]
        .iter()
        .flat_map(|doc| doc.tables.keys())
        .collect();
    for kind in kinds {
        let ids: BTreeSet<&String> = [sides.base, sides.ours, sides.theirs]
            .iter()
            .flat_map(|doc| doc.items(kind).map(|(id, _)| id))
            .collect();
        for id in ids {
            let three = Three {
                base: sides.base.item(kind, id),
                ours: sides.ours.item(kind, id),
                theirs: sides.theirs.item(kind, id),
            };
            let item = merge_item(kind, id, three, resolutions, &mut merged);
            if let Some(record) = item {
                (merged.doc.tables.entry(kind.clone()).or_default()).insert(id.clone(), record);
            }
        }
    }
    keep_what_is_used(sides, links, &mut merged);
    renumber_shared_keys(sides.theirs, &mut merged);
    one_in_the_slot(sides.theirs, today, &mut merged);
    merged.from_theirs = sides.ours.differences(&merged.doc);
    merged
}

/// One item as each side has it.
#[derive(Clone, Copy)]
struct Three<'a> {
    base: Option<&'a Record>,
    ours: Option<&'a Record>,
    theirs: Option<&'a Record>,
}

fn merge_item(
    kind: &str,
    id: &str,
    three: Three<'_>,
    resolutions: &Resolutions,
    merged: &mut Merged,
) -> Option<Record> {
    let name_of = |record: &Record| conflict_name(kind, id, record);
    match (three.base, three.ours, three.theirs) {
        // History is never in conflict: an entry is written once.
        (_, Some(ours), _) if kind == CHANGE_LOG => Some(ours.clone()),
        (_, None, Some(theirs)) if kind == CHANGE_LOG => Some(theirs.clone()),
        (None, Some(ours), None) => Some(ours.clone()),
        (None, None, Some(theirs)) => Some(theirs.clone()),
        (None, Some(ours), Some(theirs)) => Some(merge_fields(
            kind,
            id,
            three_of(&Record::new(), ours, theirs),
            resolutions,
            merged,
        )),
        (Some(_), None, None) | (None, None, None) => None,
        (Some(base), Some(ours), None) if ours == base => None,
        (Some(base), None, Some(theirs)) if theirs == base => None,
        (Some(base), Some(ours), None) => {
            let conflict = Conflict {
                name: name_of(ours),
                item: label(kind, ours),
                clash: Clash::DeletedThere {
                    changed: changed_fields(base, ours),
                },
            };
            match settle(conflict, resolutions, merged) {
                Some(Take::Theirs) => None,
                // Kept while unsettled, so what uses it stays whole.
                Some(Take::Ours) | None => Some(ours.clone()),
            }
        }
        (Some(base), None, Some(theirs)) => {
            let conflict = Conflict {
                name: name_of(theirs),
                item: label(kind, theirs),
                clash: Clash::DeletedHere {
                    changed: changed_fields(base, theirs),
                },
            };
            match settle(conflict, resolutions, merged) {
                Some(Take::Theirs) => Some(theirs.clone()),
                Some(Take::Ours) | None => None,
            }
        }
        (Some(base), Some(ours), Some(theirs)) => Some(merge_fields(
            kind,
            id,
            three_of(base, ours, theirs),
            resolutions,
            merged,
        )),
    }
}

fn three_of<'a>(base: &'a Record, ours: &'a Record, theirs: &'a Record) -> [&'a Record; 3] {
    [base, ours, theirs]
}

/// Records a conflict: settled by the founder's choice, or left.
fn settle(conflict: Conflict, resolutions: &Resolutions, merged: &mut Merged) -> Option<Take> {
    let take = resolutions.of(&conflict.name);
    match take {
        Some(take) => merged.settled.push((conflict, take)),
        None => merged.conflicts.push(conflict),
    }
    take
}

/// `F12` for a card, `phase/1a2b3c4d` for anything else: the name a
/// conflict of the item is settled by.
fn conflict_name(kind: &str, id: &str, record: &Record) -> String {
    match record.get("key_num").and_then(Value::as_i64) {
        Some(key) if kind == FEATURE => format!("F{key}"),
        _ => format!("{kind}/{}", id.chars().take(8).collect::<String>()),
    }
}

fn changed_fields(base: &Record, side: &Record) -> Vec<String> {
    let fields: BTreeSet<&String> = base.keys().chain(side.keys()).collect();
    fields
        .into_iter()
        .filter(|f| base.get(*f) != side.get(*f))
        .cloned()
        .collect()
}

fn merge_fields(
    kind: &str,
    id: &str,
    [base, ours, theirs]: [&Record; 3],
    resolutions: &Resolutions,
    merged: &mut Merged,
) -> Record {
    let fields: BTreeSet<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let mut record = Record::new();
    for field in fields {
        let (b, o, t) = (base.get(field), ours.get(field), theirs.get(field));
        let value = if o == t || t == b {
            o
        } else if o == b {
            t
        } else {
            let conflict = Conflict {
                name: format!("{}.{field}", conflict_name(kind, id, ours)),
                item: label(kind, ours),
                clash: Clash::Field {
                    field: field.clone(),
                    ours: o.cloned().unwrap_or(Value::Null),
                    theirs: t.cloned().unwrap_or(Value::Null),
                },
            };
            match settle(conflict, resolutions, merged) {
                Some(Take::Theirs) => t,
                Some(Take::Ours) | None => o,
            }
        };
        if let Some(value) = value {
            record.insert(field.clone(), value.clone());
        }
    }
    record
}

/// Brings back an item deleted on one side while the merged roadmap still
/// refers to it (a milestone added there to a phase deleted here): nothing
/// the other machine wrote is lost, and nothing points at nothing.
fn keep_what_is_used(sides: &Sides<'_>, links: &[Link], merged: &mut Merged) {
    loop {
        let mut missing: Vec<(String, String)> = Vec::new();
        for link in links {
            for (_, record) in merged.doc.items(&link.kind) {
                let Some(parent) = record.get(&link.column).and_then(Value::as_str) else {
                    continue;
                };
                if merged.doc.item(&link.parent, parent).is_none() {
                    missing.push((link.parent.clone(), parent.to_owned()));
                }
            }
        }
        if missing.is_empty() {
            return;
        }
        let before = merged.kept.len();
        for (kind, id) in missing {
            let found = [sides.theirs, sides.ours, sides.base]
                .iter()
                .find_map(|doc| doc.item(&kind, &id));
            if let Some(record) = found
                && merged.doc.item(&kind, &id).is_none()
            {
                merged.kept.push(label(&kind, record));
                (merged.doc.tables.entry(kind).or_default()).insert(id, record.clone());
            }
        }
        // A reference no side can answer (a broken file) is left to the
        // store's checks, which name it.
        if merged.kept.len() == before {
            return;
        }
    }
}

/// Two cards with one key (each machine added "F16" offline): the other
/// machine's keeps it, having been shared first, and this one's takes the
/// next free key.
fn renumber_shared_keys(theirs: &SyncDoc, merged: &mut Merged) {
    let key_of = |record: &Record| record.get("key_num").and_then(Value::as_i64).unwrap_or(0);
    let mut by_key: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (id, record) in merged.doc.items(FEATURE) {
        by_key.entry(key_of(record)).or_default().push(id.clone());
    }
    let mut next = by_key.keys().max().copied().unwrap_or(0);
    for (key, ids) in by_key {
        if ids.len() < 2 {
            continue;
        }
        let keeper = ids
            .iter()
            .find(|id| theirs.item(FEATURE, id).is_some())
            .unwrap_or(&ids[0])
            .clone();
        let kept_by = label(FEATURE, &merged.doc.tables[FEATURE][&keeper]);
        for id in ids.iter().filter(|id| **id != keeper) {
            next += 1;
            let card = merged
                .doc
                .tables
                .get_mut(FEATURE)
                .and_then(|cards| cards.get_mut(id))
                .expect("listed from the merged cards");
            card.insert("key_num".into(), next.into());
            merged.renumbered.push(Renumbered {
                title: card
                    .get("title")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                from: key,
                to: next,
                kept_by: kept_by.clone(),
            });
        }
    }
}

/// Each machine started a different feature: the one started first keeps
/// the slot (the other machine's on the same day), the others are paused.
fn one_in_the_slot(theirs: &SyncDoc, today: NaiveDate, merged: &mut Merged) {
    let day = |record: &Record, field: &str| {
        record
            .get(field)
            .and_then(Value::as_str)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    let holds = |record: &Record| {
        record
            .get("status")
            .and_then(Value::as_str)
            .and_then(|s| FeatureStatus::from_str(s).ok())
            .is_some_and(FeatureStatus::holds_slot)
    };
    let mut holders: Vec<(Option<NaiveDate>, bool, String)> = merged
        .doc
        .items(FEATURE)
        .filter(|(_, record)| holds(record))
        .map(|(id, record)| {
            let only_here = !theirs.item(FEATURE, id).is_some_and(holds);
            (day(record, "started_date"), only_here, id.clone())
        })
        .collect();
    if holders.len() < 2 {
        return;
    }
    // Earliest start first; on the same day the one the other machine had
    // already shared.
    holders.sort();
    let cards = merged
        .doc
        .tables
        .get_mut(FEATURE)
        .expect("holders are cards");
    let kept = label(FEATURE, &cards[&holders[0].2]);
    for (started, _, id) in &holders[1..] {
        let card = cards.get_mut(id).expect("a holder is a card");
        let before = card
            .get("active_days_before")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        card.insert(
            "active_days_before".into(),
            active_days_when_paused(before, *started, today).into(),
        );
        card.insert("started_date".into(), Value::Null);
        card.insert("status".into(), Transition::Pause.target().as_str().into());
        merged.paused.push(Paused {
            feature: label(FEATURE, card),
            kept: kept.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(key: i64, title: &str, status: &str) -> Record {
        let mut record = Record::new();
        record.insert("key_num".into(), key.into());
        record.insert("title".into(), title.into());
        record.insert("status".into(), status.into());
        record.insert("started_date".into(), Value::Null);
        record.insert("active_days_before".into(), 0.into());
        record
    }

    fn doc(items: &[(&str, &str, Record)]) -> SyncDoc {
        let mut doc = SyncDoc::new();
        for (kind, id, record) in items {
            (doc.tables.entry((*kind).to_owned()).or_default())
                .insert((*id).to_owned(), record.clone());
        }
        doc
    }

    fn with(mut record: Record, field: &str, value: impl Into<Value>) -> Record {
        record.insert(field.into(), value.into());
        record
    }

    fn run(base: &SyncDoc, ours: &SyncDoc, theirs: &SyncDoc, resolutions: &Resolutions) -> Merged {
        let links = [Link {
            kind: "milestone".into(),
            column: "phase_id".into(),
            parent: "phase".into(),
        }];
        let sides = Sides { base, ours, theirs };
        merge(
            &sides,
            &links,
            resolutions,
            NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
        )
    }

    #[test]
    fn edits_of_different_fields_merge_and_the_same_field_is_a_named_conflict() {
        let base = doc(&[(FEATURE, "a", card(1, "Billing", "planned"))]);
        let ours = doc(&[(
            FEATURE,
            "a",
            with(card(1, "Billing v2", "planned"), "why", "churn"),
        )]);
        let theirs = doc(&[(FEATURE, "a", card(1, "Billing", "parked"))]);
        let merged = run(&base, &ours, &theirs, &Resolutions::default());
        assert!(merged.conflicts.is_empty());
        let card = merged.doc.item(FEATURE, "a").unwrap();
        assert_eq!(card["title"], "Billing v2");
        assert_eq!(card["status"], "parked");
        assert_eq!(card["why"], "churn");
        assert_eq!(merged.from_theirs, 1);

        let theirs = doc(&[(FEATURE, "a", card_titled("Invoices"))]);
        let merged = run(&base, &ours, &theirs, &Resolutions::default());
        assert_eq!(merged.conflicts.len(), 1);
        let conflict = &merged.conflicts[0];
        assert_eq!(conflict.name, "F1.title");
        assert_eq!(
            conflict.sentence(),
            "F1.title: title of F1 \"Billing v2\" is \"Billing v2\" here, \"Invoices\" there"
        );
        let theirs_taken = Resolutions {
            each: [("F1.title".to_owned(), Take::Theirs)].into(),
            ..Resolutions::default()
        };
        let merged = run(&base, &ours, &theirs, &theirs_taken);
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.doc.item(FEATURE, "a").unwrap()["title"], "Invoices");
        assert_eq!(merged.settled.len(), 1);
    }

    fn card_titled(title: &str) -> Record {
        card(1, title, "planned")
    }

    #[test]
    fn a_deletion_against_an_edit_is_a_conflict_and_a_clean_deletion_is_taken() {
        let base = doc(&[(FEATURE, "a", card(1, "Billing", "planned"))]);
        let edited = doc(&[(FEATURE, "a", card(1, "Billing v2", "planned"))]);
        let gone = SyncDoc::new();
        let merged = run(&base, &gone, &edited, &Resolutions::default());
        assert!(matches!(
            merged.conflicts[0].clash,
            Clash::DeletedHere { .. }
        ));
        assert!(
            merged.conflicts[0]
                .sentence()
                .contains("deleted here and changed there (title)")
        );
        let merged = run(&base, &edited, &gone, &Resolutions::default());
        assert!(matches!(
            merged.conflicts[0].clash,
            Clash::DeletedThere { .. }
        ));
        let all_ours = Resolutions {
            all: Some(Take::Ours),
            ..Resolutions::default()
        };
        assert!(
            run(&base, &edited, &gone, &all_ours)
                .doc
                .item(FEATURE, "a")
                .is_some()
        );
        let merged = run(&base, &base, &gone, &Resolutions::default());
        assert!(merged.conflicts.is_empty());
        assert!(
            merged.doc.item(FEATURE, "a").is_none(),
            "deleted there, untouched here"
        );
    }

    #[test]
    fn two_cards_given_one_key_offline_both_stay_and_this_one_is_renumbered() {
        let base = doc(&[(FEATURE, "a", card(1, "Billing", "planned"))]);
        let ours = doc(&[
            (FEATURE, "a", card(1, "Billing", "planned")),
            (FEATURE, "mine", card(2, "Exports", "planned")),
        ]);
        let theirs = doc(&[
            (FEATURE, "a", card(1, "Billing", "planned")),
            (FEATURE, "yours", card(2, "Invoices", "planned")),
        ]);
        let merged = run(&base, &ours, &theirs, &Resolutions::default());
        assert_eq!(merged.doc.item(FEATURE, "yours").unwrap()["key_num"], 2);
        assert_eq!(merged.doc.item(FEATURE, "mine").unwrap()["key_num"], 3);
        assert_eq!(
            merged.renumbered,
            vec![Renumbered {
                title: "Exports".into(),
                from: 2,
                to: 3,
                kept_by: "F2 \"Invoices\"".into(),
            }]
        );
    }

    #[test]
    fn two_machines_starting_two_features_leave_one_in_the_slot() {
        let planned = |key, title| card(key, title, "planned");
        let started = |key, title, day: &str| with(card(key, title, "active"), "started_date", day);
        let base = doc(&[
            (FEATURE, "a", planned(1, "Billing")),
            (FEATURE, "b", planned(2, "Exports")),
        ]);
        let ours = doc(&[
            (FEATURE, "a", started(1, "Billing", "2026-12-03")),
            (FEATURE, "b", planned(2, "Exports")),
        ]);
        let theirs = doc(&[
            (FEATURE, "a", planned(1, "Billing")),
            (FEATURE, "b", started(2, "Exports", "2026-12-01")),
        ]);
        let merged = run(&base, &ours, &theirs, &Resolutions::default());
        let billing = merged.doc.item(FEATURE, "a").unwrap();
        assert_eq!(billing["status"], "planned");
        assert_eq!(billing["started_date"], Value::Null);
        assert_eq!(billing["active_days_before"], 3, "its days so far are kept");
        assert_eq!(merged.doc.item(FEATURE, "b").unwrap()["status"], "active");
        assert_eq!(merged.paused[0].kept, "F2 \"Exports\"");
        // Started the same day: the one the other machine shared keeps it.
        let ours = doc(&[
            (FEATURE, "a", started(1, "Billing", "2026-12-01")),
            (FEATURE, "b", planned(2, "Exports")),
        ]);
        let merged = run(&base, &ours, &theirs, &Resolutions::default());
        assert_eq!(merged.doc.item(FEATURE, "a").unwrap()["status"], "planned");
    }

    #[test]
    fn history_is_all_kept_and_what_the_other_side_still_uses_stays() {
        let entry = |what: &str| with(Record::new(), "what", what);
        let phase = with(Record::new(), "name", "Launch");
        let milestone = with(Record::new(), "phase_id", "p");
        let base = doc(&[
            ("phase", "p", phase.clone()),
            (CHANGE_LOG, "1", entry("one")),
        ]);
        let ours = doc(&[
            (CHANGE_LOG, "1", entry("one")),
            (CHANGE_LOG, "2", entry("two")),
        ]);
        let theirs = doc(&[
            ("phase", "p", phase.clone()),
            ("milestone", "m", milestone),
            (CHANGE_LOG, "1", entry("one")),
            (CHANGE_LOG, "3", entry("three")),
        ]);
        let merged = run(&base, &ours, &theirs, &Resolutions::default());
        assert_eq!(merged.doc.items(CHANGE_LOG).count(), 3);
        assert!(
            merged.doc.item("phase", "p").is_some(),
            "a milestone was added to it there"
        );
        assert_eq!(merged.kept, vec!["phase \"Launch\"".to_owned()]);
    }
}
