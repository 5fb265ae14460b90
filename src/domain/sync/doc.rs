//! The roadmap as two machines exchange it: every item by its stable unique
//! id, every reference to another item by that item's id, as JSON with one
//! field a line (so git shows an edit as the lines it changed). Exact by
//! construction: the store writes every column of every synced row, and a
//! column added to the schema travels without a line here.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// One item's fields, by column name; references hold the other item's id.
pub type Record = BTreeMap<String, serde_json::Value>;

/// The items of one kind (a table), by their ids.
pub type Items = BTreeMap<String, Record>;

/// The version of the text form this build writes and reads.
pub const FORMAT: u32 = 1;

/// The file the roadmap is kept in on the sync branch.
pub const FILE: &str = "roadmap.json";

/// A whole roadmap, by kind and id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncDoc {
    pub format: u32,
    pub tables: BTreeMap<String, Items>,
}

/// The kind of item that is history: both sides' entries are all kept.
pub const CHANGE_LOG: &str = "change_log";

/// The kind of item that is a feature card (keys, the ONE rule).
pub const FEATURE: &str = "feature";

/// Why a fetched roadmap cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("{FILE} is not a roadmap roadboard synced: {0}")]
    Unreadable(#[from] serde_json::Error),
    #[error(
        "{FILE} was written by a newer roadboard (format {found}, this one reads {FORMAT}): update roadboard on this machine"
    )]
    Newer { found: u32 },
}

impl SyncDoc {
    pub fn new() -> Self {
        SyncDoc {
            format: FORMAT,
            tables: BTreeMap::new(),
        }
    }

    /// The items of `kind` (none if it has none).
    pub fn items(&self, kind: &str) -> impl Iterator<Item = (&String, &Record)> {
        self.tables.get(kind).into_iter().flatten()
    }

    pub fn item(&self, kind: &str, id: &str) -> Option<&Record> {
        self.tables.get(kind)?.get(id)
    }

    /// Whether the roadmap holds no phase and no card: a file just made.
    pub fn is_empty_plan(&self) -> bool {
        ["phase", FEATURE]
            .iter()
            .all(|kind| self.items(kind).next().is_none())
    }

    /// How many items of the plan differ between the two (added, changed
    /// or gone); change-log entries are history, not the plan.
    pub fn differences(&self, other: &SyncDoc) -> usize {
        let kinds: BTreeSet<&String> = self.tables.keys().chain(other.tables.keys()).collect();
        kinds
            .into_iter()
            .filter(|kind| *kind != CHANGE_LOG)
            .map(|kind| {
                let ids: BTreeSet<&String> = (self.items(kind).map(|(id, _)| id))
                    .chain(other.items(kind).map(|(id, _)| id))
                    .collect();
                ids.into_iter()
                    .filter(|id| self.item(kind, id) != other.item(kind, id))
                    .count()
            })
            .sum()
    }

    /// The text committed to the sync branch.
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("records are plain JSON");
        text.push('\n');
        text
    }

    pub fn from_text(text: &str) -> Result<SyncDoc, DocError> {
        let doc: SyncDoc = serde_json::from_str(text)?;
        if doc.format > FORMAT {
            return Err(DocError::Newer { found: doc.format });
        }
        Ok(doc)
    }
}

/// What people call an item of `kind` in a sentence: a card by its key and
/// title, a phase by its name, anything else by its first words.
pub fn label(kind: &str, record: &Record) -> String {
    let text = |field: &str| record.get(field).and_then(|v| v.as_str());
    match kind {
        FEATURE => format!(
            "F{} \"{}\"",
            record.get("key_num").and_then(|v| v.as_i64()).unwrap_or(0),
            text("title").unwrap_or_default()
        ),
        "phase" => format!("phase \"{}\"", text("name").unwrap_or_default()),
        "roadmap" => "the roadmap's header".to_owned(),
        _ => {
            let words = ["text", "what", "waiting_for", "risk", "heading", "notes"]
                .iter()
                .find_map(|field| text(field))
                .unwrap_or_default();
            let short: String = words.chars().take(40).collect();
            format!("{} \"{short}\"", kind.replace('_', " "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_form_reads_back_and_refuses_a_newer_one() {
        let mut doc = SyncDoc::new();
        let mut card = Record::new();
        card.insert("key_num".into(), 3.into());
        card.insert("title".into(), "Billing".into());
        doc.tables
            .entry(FEATURE.into())
            .or_default()
            .insert("a1".into(), card);
        assert_eq!(SyncDoc::from_text(&doc.to_text()).unwrap(), doc);
        assert_eq!(
            label(FEATURE, doc.item(FEATURE, "a1").unwrap()),
            "F3 \"Billing\""
        );
        let newer = doc.to_text().replace("\"format\": 1", "\"format\": 9");
        let error = SyncDoc::from_text(&newer).unwrap_err().to_string();
        assert!(error.contains("newer roadboard"), "{error}");
        assert!(SyncDoc::from_text("# a Markdown file").is_err());
    }
}
