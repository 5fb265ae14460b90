//! Undo and redo: every write records the rows it touched as they were
//! before and after, column by column. Undo puts the before-images back,
//! redo the after-images — generic over the tables, so every write is
//! undoable the same way, and each undo is itself a logged write.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::Result;

/// A row: its table and the key columns that find it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RowRef {
    pub table: String,
    pub key: Vec<(String, i64)>,
}

impl RowRef {
    pub fn id(table: &str, id: i64) -> Self {
        RowRef {
            table: table.to_owned(),
            key: vec![("id".to_owned(), id)],
        }
    }

    pub fn dependency(feature: i64, depends_on: i64) -> Self {
        RowRef {
            table: "dependency".to_owned(),
            key: vec![
                ("feature_id".to_owned(), feature),
                ("depends_on_id".to_owned(), depends_on),
            ],
        }
    }

    fn condition(&self) -> String {
        self.key
            .iter()
            .enumerate()
            .map(|(i, (column, _))| format!("{column} = ?{}", i + 1))
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    fn key_values(&self) -> Vec<i64> {
        self.key.iter().map(|(_, v)| *v).collect()
    }

    /// Parents before children when rows come back, the reverse when they go.
    fn rank(&self) -> u8 {
        match self.table.as_str() {
            "phase" => 0,
            "feature" => 1,
            _ => 2,
        }
    }
}

/// A row's columns, or `None` when the row does not exist.
pub type Row = Option<BTreeMap<String, serde_json::Value>>;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Images(pub Vec<(RowRef, Row)>);

/// What a write touched, collected while it runs.
#[derive(Debug, Default)]
pub struct Journal {
    before: Images,
    /// The rows in `before`, to ask in constant time: a write of 100,000
    /// rows would otherwise compare each with all before it.
    seen: rustc_hash::FxHashSet<RowRef>,
}

impl Journal {
    /// Call before changing or deleting a row.
    pub fn before(&mut self, tx: &Transaction, row: RowRef) -> Result<()> {
        if !self.seen.contains(&row) {
            let image = read(tx, &row)?;
            self.seen.insert(row.clone());
            self.before.0.push((row, image));
        }
        Ok(())
    }

    /// Call after inserting a row: before the write it did not exist,
    /// unless the write deleted a row of the same key first (its image,
    /// already taken, is what was there).
    pub fn inserted(&mut self, row: RowRef) {
        if self.seen.insert(row.clone()) {
            self.before.0.push((row, None));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.before.0.is_empty()
    }

    /// The before-images and the after-images, read now.
    pub fn finish(self, tx: &Transaction) -> Result<(Images, Images)> {
        let after = current(tx, &self.before)?;
        Ok((self.before, after))
    }
}

/// The current images of the rows `images` names.
pub fn current(tx: &Transaction, images: &Images) -> Result<Images> {
    let rows = images
        .0
        .iter()
        .map(|(row, _)| Ok((row.clone(), read(tx, row)?)))
        .collect::<Result<_>>()?;
    Ok(Images(rows))
}

fn read(tx: &Transaction, row: &RowRef) -> Result<Row> {
    let sql = format!("SELECT * FROM {} WHERE {}", row.table, row.condition());
    let mut statement = tx.prepare_cached(&sql)?;
    let names: Vec<String> = statement
        .column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    Ok(statement
        .query_row(rusqlite::params_from_iter(row.key_values()), |r| {
            let mut columns = BTreeMap::new();
            for (i, name) in names.iter().enumerate() {
                columns.insert(name.clone(), json_of(r.get::<_, Value>(i)?));
            }
            Ok(columns)
        })
        .optional()?)
}

/// A column's value as a row image holds it (no table has blobs).
pub(super) fn json_of(value: Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Integer(n) => n.into(),
        Value::Real(x) => x.into(),
        Value::Text(t) => t.into(),
        Value::Blob(_) => serde_json::Value::Null,
    }
}

fn to_sql(value: &serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .or_else(|| n.as_f64().map(Value::Real))
            .unwrap_or(Value::Null),
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

/// Which rows point at a row of a table, through which column. Deleting the
/// parent would delete or unlink them (cascades and `SET NULL`), so undo
/// must not do it behind their back. The change log's own references are
/// history, not rows to protect.
const REFERENCES: [(&str, &str, &str); 8] = [
    ("phase", "feature", "phase_id"),
    ("phase", "milestone", "phase_id"),
    ("phase", "criterion", "phase_id"),
    ("feature", "dependency", "feature_id"),
    ("feature", "dependency", "depends_on_id"),
    ("feature", "blocker", "feature_id"),
    ("feature", "request", "feature_id"),
    ("feature", "review", "chosen_feature_id"),
];

/// The rows outside `images` that point at a row `images` would delete:
/// `(table, how many)`, e.g. `("blocker", 1)`.
pub fn outside_references(tx: &Transaction, images: &Images) -> Result<Vec<(String, usize)>> {
    let deleted: Vec<&RowRef> = images
        .0
        .iter()
        .filter(|(_, row)| row.is_none())
        .map(|(row, _)| row)
        .collect();
    let mut found: Vec<(String, usize)> = Vec::new();
    for parent in &deleted {
        let Some(&(_, id)) = parent.key.iter().find(|(column, _)| column == "id") else {
            continue;
        };
        for (table, child, column) in REFERENCES {
            if parent.table != table {
                continue;
            }
            let key = if child == "dependency" {
                "feature_id, depends_on_id"
            } else {
                "id, id"
            };
            let rows: Vec<RowRef> = tx
                .prepare_cached(&format!("SELECT {key} FROM {child} WHERE {column} = ?1"))?
                .query_map([id], |r| {
                    Ok(if child == "dependency" {
                        RowRef::dependency(r.get(0)?, r.get(1)?)
                    } else {
                        RowRef::id(child, r.get(0)?)
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let outside = rows.iter().filter(|row| !deleted.contains(row)).count();
            if outside > 0 {
                match found.iter_mut().find(|(t, _)| t == child) {
                    Some((_, count)) => *count += outside,
                    None => found.push((child.to_owned(), outside)),
                }
            }
        }
    }
    Ok(found)
}

/// Makes the rows look like `images`: deletes what should be absent
/// (children first), then updates or inserts the rest (parents first).
pub fn restore(tx: &Transaction, images: &Images) -> Result<()> {
    let mut absent: Vec<&RowRef> = images
        .0
        .iter()
        .filter(|(_, r)| r.is_none())
        .map(|(r, _)| r)
        .collect();
    absent.sort_by_key(|r| std::cmp::Reverse(r.rank()));
    for row in absent {
        tx.execute(
            &format!("DELETE FROM {} WHERE {}", row.table, row.condition()),
            rusqlite::params_from_iter(row.key_values()),
        )?;
    }
    let mut present: Vec<(&RowRef, &BTreeMap<String, serde_json::Value>)> = images
        .0
        .iter()
        .filter_map(|(r, columns)| columns.as_ref().map(|c| (r, c)))
        .collect();
    present.sort_by_key(|(r, _)| r.rank());
    for (row, columns) in present {
        let names: Vec<&String> = columns.keys().collect();
        let values: Vec<Value> = columns.values().map(to_sql).collect();
        if read(tx, row)?.is_some() {
            let assignments: Vec<String> = names
                .iter()
                .enumerate()
                .map(|(i, n)| format!("{n} = ?{}", i + 1))
                .collect();
            let condition: Vec<String> = row
                .key
                .iter()
                .enumerate()
                .map(|(i, (column, _))| format!("{column} = ?{}", names.len() + i + 1))
                .collect();
            let mut all = values;
            all.extend(row.key_values().into_iter().map(Value::Integer));
            tx.execute(
                &format!(
                    "UPDATE {} SET {} WHERE {}",
                    row.table,
                    assignments.join(", "),
                    condition.join(" AND ")
                ),
                rusqlite::params_from_iter(all),
            )?;
        } else {
            let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
            let columns: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
            tx.execute(
                &format!(
                    "INSERT INTO {} ({}) VALUES ({})",
                    row.table,
                    columns.join(", "),
                    placeholders.join(", ")
                ),
                rusqlite::params_from_iter(values),
            )?;
        }
    }
    Ok(())
}
