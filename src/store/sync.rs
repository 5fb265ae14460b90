//! The roadmap in the form two machines exchange (`domain::sync::doc`):
//! read from every row of every synced table, each item by its stable id,
//! and written back as one change that undo takes back whole. Generic over
//! the columns, so a column added to the schema syncs without a line here.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::journal::{Images, Journal, Row, RowRef, json_of, restore};
use super::write::LogLine;
use super::{Result, Store, StoreError};
use crate::domain::FeatureStatus;
use crate::domain::sync::doc::{Record, SyncDoc};
use crate::domain::sync::merge::Link;

/// The tables a roadmap is made of, parents first. Review drafts, reader
/// corrections, commit links and settings stay on their machine.
const SYNCED: [&str; 14] = [
    "roadmap",
    "phase",
    "milestone",
    "criterion",
    "feature",
    "dependency",
    "blocker",
    "request",
    "foundation",
    "risk",
    "review",
    "note",
    "outcome",
    "change_log",
];

/// Columns that belong to this machine: a path on its disk, the undo
/// images and links of its own log (an entry from the other machine is
/// history here, not something to undo).
const LOCAL_COLUMNS: [(&str, &str); 5] = [
    ("roadmap", "mirror"),
    ("change_log", "before_images"),
    ("change_log", "after_images"),
    ("change_log", "undoes"),
    ("change_log", "redoes"),
];

/// The id of the one header row, in the exchanged form.
const HEADER: &str = "roadmap";

/// The roadmap as last synced: the base of the next merge.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncBase {
    pub doc: SyncDoc,
    /// The commit on the sync branch that holds it.
    pub commit: String,
    /// When it was kept (UTC).
    pub at: NaiveDateTime,
}

/// Where a file stands with the other machine, cheaply read.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncMark {
    /// The commit on the sync branch both machines last shared.
    pub commit: String,
    /// When (UTC).
    pub at: NaiveDateTime,
    /// Changes made here since.
    pub waiting: usize,
}

/// Stable ids of this file's rows, both ways.
#[derive(Default, Clone)]
struct Ids {
    uid: HashMap<(&'static str, i64), String>,
    local: HashMap<(&'static str, String), i64>,
}

impl Ids {
    fn of(conn: &Connection) -> Result<Ids> {
        let mut ids = Ids::default();
        for table in SYNCED.into_iter().filter(|t| has_uid(t)) {
            let mut statement = conn.prepare(&format!("SELECT id, uid FROM {table}"))?;
            let rows = statement.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))?;
            for row in rows {
                let (id, uid): (i64, String) = row?;
                ids.local.insert((table, uid.clone()), id);
                ids.uid.insert((table, id), uid);
            }
        }
        Ok(ids)
    }
}

/// Whether a table's rows carry their own stable id (the header is one
/// row, a dependency is its two ends).
fn has_uid(table: &str) -> bool {
    !matches!(table, "roadmap" | "dependency")
}

fn is_local(table: &str, column: &str) -> bool {
    column == "id" || column == "uid" || LOCAL_COLUMNS.contains(&(table, column))
}

/// Every reference between synced tables, from the schema itself.
fn links_of(conn: &Connection) -> Result<Vec<Link>> {
    let mut links = Vec::new();
    for table in SYNCED {
        let mut statement = conn.prepare(&format!("PRAGMA foreign_key_list({table})"))?;
        let found = statement.query_map([], |r| Ok((r.get::<_, String>(2)?, r.get(3)?)))?;
        for reference in found {
            let (parent, column): (String, String) = reference?;
            if SYNCED.contains(&parent.as_str()) {
                links.push(Link {
                    kind: table.to_owned(),
                    column,
                    parent,
                });
            }
        }
    }
    Ok(links)
}

fn parent_of<'a>(links: &'a [Link], table: &str, column: &str) -> Option<&'a str> {
    links
        .iter()
        .find(|l| l.kind == table && l.column == column)
        .map(|l| l.parent.as_str())
}

fn static_table(name: &str) -> &'static str {
    SYNCED
        .into_iter()
        .find(|t| *t == name)
        .expect("links join synced tables")
}

/// The exchanged form of the roadmap in `conn`.
fn doc_of(conn: &Connection, links: &[Link], ids: &Ids) -> Result<SyncDoc> {
    let mut doc = SyncDoc::new();
    for table in SYNCED {
        let mut statement = conn.prepare(&format!("SELECT * FROM {table}"))?;
        let names: Vec<String> = statement
            .column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        let mut rows = statement.query([])?;
        let items = doc.tables.entry(table.to_owned()).or_default();
        while let Some(row) = rows.next()? {
            let mut record = Record::new();
            let mut own = None;
            for (i, name) in names.iter().enumerate() {
                let value: Value = row.get(i)?;
                if name == "uid" {
                    own = Some(json_of(value.clone()));
                }
                if is_local(table, name) {
                    continue;
                }
                let value = match (parent_of(links, table, name), &value) {
                    (Some(parent), Value::Integer(id)) => ids
                        .uid
                        .get(&(static_table(parent), *id))
                        .map_or(serde_json::Value::Null, |uid| uid.as_str().into()),
                    _ => json_of(value),
                };
                record.insert(name.clone(), value);
            }
            let id = match table {
                HEADER => HEADER.to_owned(),
                "dependency" => dependency_id(&record),
                _ => own
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
            };
            items.insert(id, record);
        }
    }
    Ok(doc)
}

/// A dependency is known by its two ends.
fn dependency_id(record: &Record) -> String {
    let end = |column: &str| {
        record
            .get(column)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    format!("{}>{}", end("feature_id"), end("depends_on_id"))
}

impl Store {
    /// The roadmap in the form two machines exchange.
    pub fn sync_doc(&self) -> Result<SyncDoc> {
        let links = links_of(&self.conn)?;
        doc_of(&self.conn, &links, &Ids::of(&self.conn)?)
    }

    /// Which items refer to which, for the merge to keep them whole.
    pub fn sync_links(&self) -> Result<Vec<Link>> {
        links_of(&self.conn)
    }

    /// The roadmap as last synced, if this file was ever synced.
    pub fn sync_base(&self) -> Result<Option<SyncBase>> {
        let found: Option<(String, String, NaiveDateTime)> = self
            .conn
            .query_row(
                "SELECT base, base_commit, synced_at FROM sync_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        found
            .map(|(text, commit, at)| {
                let doc = SyncDoc::from_text(&text).map_err(|error| StoreError::Invalid {
                    field: "last sync",
                    message: error.to_string(),
                })?;
                Ok(SyncBase { doc, commit, at })
            })
            .transpose()
    }

    /// When this file last synced, and how many changes were made here
    /// since (from the change log, without reading the roadmap).
    pub fn sync_mark(&self) -> Result<Option<SyncMark>> {
        let found: Option<(String, NaiveDateTime, i64)> = self
            .conn
            .query_row(
                "SELECT base_commit, synced_at, log_mark FROM sync_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((commit, at, mark)) = found else {
            return Ok(None);
        };
        let waiting: i64 = self.conn.query_row(
            "SELECT count(*) FROM change_log WHERE id > ?1 AND machine = ?2",
            params![mark, self.machine],
            |r| r.get(0),
        )?;
        Ok(Some(SyncMark {
            commit,
            at,
            waiting: waiting as usize,
        }))
    }

    /// Keeps `doc`, held by `commit`, as the base of the next merge.
    pub fn keep_sync_base(&mut self, doc: &SyncDoc, commit: &str) -> Result<()> {
        self.unlogged_write(|tx| keep_base(tx, doc, commit))
    }

    /// Makes this file's roadmap `target` (a merge of both machines), as
    /// one change the log names by `what` (history alone, entries of the
    /// other machine's log, comes in unlogged), and keeps `base` as what
    /// both machines now share. Refused whole, naming the problem, when
    /// the result would break the method.
    pub fn apply_sync(
        &mut self,
        target: &SyncDoc,
        what: Option<String>,
        (base, commit): (&SyncDoc, &str),
    ) -> Result<()> {
        let path = self.path.clone();
        let work = |tx: &Transaction, journal: &mut Journal| {
            write_doc(tx, journal, target)?;
            let problems = super::read::roadmap_of(tx, &path)?.validate();
            if !problems.is_empty() {
                return Err(StoreError::InvalidDocument(problems));
            }
            keep_base(tx, base, commit)
        };
        match what {
            Some(what) => self.write(|tx, journal| {
                work(tx, journal)?;
                Ok(((), LogLine::new(what)))
            }),
            None => self.unlogged_write(|tx| work(tx, &mut Journal::default())),
        }
    }
}

fn keep_base(tx: &Transaction, doc: &SyncDoc, commit: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO sync_state (id, base, base_commit, synced_at, log_mark)
         VALUES (1, ?1, ?2, ?3, (SELECT COALESCE(MAX(id), 0) FROM change_log))
         ON CONFLICT (id) DO UPDATE SET base = ?1, base_commit = ?2, synced_at = ?3,
             log_mark = (SELECT COALESCE(MAX(id), 0) FROM change_log)",
        params![doc.to_text(), commit, super::read::now_stored()],
    )?;
    Ok(())
}

/// Writes the rows that make `conn`'s roadmap `target`, each journaled.
fn write_doc(tx: &Transaction, journal: &mut Journal, target: &SyncDoc) -> Result<()> {
    let links = links_of(tx)?;
    let mut ids = Ids::of(tx)?;
    let current = doc_of(tx, &links, &ids)?;
    // Items new here take ids after this file's own.
    for table in SYNCED.into_iter().filter(|t| has_uid(t)) {
        let mut next: i64 = tx.query_row(
            &format!("SELECT COALESCE(MAX(id), 0) FROM {table}"),
            [],
            |r| r.get(0),
        )?;
        for (uid, _) in target.items(table) {
            ids.local.entry((table, uid.clone())).or_insert_with(|| {
                next += 1;
                next
            });
        }
    }
    let (mut updates, mut inserts, mut deletes): (Vec<_>, Vec<_>, Vec<_>) = Default::default();
    for table in SYNCED {
        for (item, record) in target.items(table) {
            let here = current.item(table, item);
            if here == Some(record) {
                continue;
            }
            let row = local_row(table, item, record, &links, &ids)?;
            let at = row_ref(table, &row);
            if here.is_some() {
                journal.before(tx, at.clone())?;
                updates.push((at, Some(row)));
            } else {
                journal.inserted(at.clone());
                inserts.push((at, Some(row)));
            }
        }
        for (item, record) in current.items(table) {
            if target.item(table, item).is_none() {
                let at = row_ref(table, &local_row(table, item, record, &links, &ids)?);
                journal.before(tx, at.clone())?;
                deletes.push((at, None));
            }
        }
    }
    // A card leaving the ONE slot is written before one that takes it.
    updates.sort_by_key(|(_, row): &(RowRef, Row)| takes_slot(row));
    let images: Vec<(RowRef, Row)> = deletes.into_iter().chain(updates).chain(inserts).collect();
    restore(tx, &Images(images))
}

fn takes_slot(row: &Row) -> bool {
    row.as_ref()
        .and_then(|columns| columns.get("status"))
        .and_then(|status| status.as_str())
        .and_then(|status| status.parse::<FeatureStatus>().ok())
        .is_some_and(FeatureStatus::holds_slot)
}

/// The row of `table` that holds `record`: references and its own id made
/// this file's.
fn local_row(
    table: &'static str,
    item: &str,
    record: &Record,
    links: &[Link],
    ids: &Ids,
) -> Result<BTreeMap<String, serde_json::Value>> {
    let mut row = BTreeMap::new();
    for (column, value) in record {
        let value = match (parent_of(links, table, column), value.as_str()) {
            (Some(parent), Some(uid)) => {
                let id = ids.local.get(&(static_table(parent), uid.to_owned()));
                let id = id.ok_or_else(|| StoreError::Invalid {
                    field: "sync",
                    message: format!("{table} {item} refers to a {parent} neither machine has"),
                })?;
                (*id).into()
            }
            _ => value.clone(),
        };
        row.insert(column.clone(), value);
    }
    match table {
        HEADER => {
            row.insert("id".into(), 1.into());
        }
        "dependency" => {}
        _ => {
            row.insert("id".into(), ids.local[&(table, item.to_owned())].into());
            row.insert("uid".into(), item.into());
        }
    }
    Ok(row)
}

fn row_ref(table: &str, row: &BTreeMap<String, serde_json::Value>) -> RowRef {
    let number = |column: &str| row.get(column).and_then(|v| v.as_i64()).unwrap_or(0);
    match table {
        "dependency" => RowRef::dependency(number("feature_id"), number("depends_on_id")),
        _ => RowRef::id(table, number("id")),
    }
}
