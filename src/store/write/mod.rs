//! Every write: one IMMEDIATE transaction that reads fresh rows, asks the
//! domain, writes, and appends its change-log entry before committing. Two
//! processes on one file therefore see each other's commits before deciding.

use chrono::{Local, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params};

use super::journal::{Images, Journal, RowRef, current, outside_references, restore};
use super::read::{
    FEATURE_COLUMNS, blocker_by_id, feature_by_id, feature_by_key, feature_from_row, highest_key,
    phase_by_id, slot_holder,
};
use super::{Result, Store, StoreError};
use crate::domain::machine::{self, Change, Context};
use crate::domain::text;
use crate::domain::*;

mod criteria;
mod deps;
mod features;
mod fields;
mod next;
mod outcomes;
mod phases;
mod requests;
mod review;
mod tracks;
mod undo;

pub(super) use features::{insert_feature, save_feature};
pub use outcomes::OutcomeRecord;

use deps::{insert_dependency, resolve_open_blockers};
use features::next_position;
use next::clear_up_next;

/// One change-log line.
pub(super) struct LogLine {
    what: String,
    why: String,
    feature: Option<FeatureId>,
    /// The entry an undo or a redo replays.
    replays: Option<Replay>,
}

/// What an undo or redo line says it replayed.
#[derive(Clone, Copy)]
pub(super) enum Replay {
    Undoes(i64),
    Redoes(i64),
}

impl Replay {
    /// The change log's `undoes` and `redoes` columns.
    fn columns(replay: Option<Replay>) -> (Option<i64>, Option<i64>) {
        match replay {
            Some(Replay::Undoes(entry)) => (Some(entry), None),
            Some(Replay::Redoes(entry)) => (None, Some(entry)),
            None => (None, None),
        }
    }
}

impl LogLine {
    pub(super) fn new(what: impl Into<String>) -> Self {
        Self {
            what: what.into(),
            why: String::new(),
            feature: None,
            replays: None,
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

impl Store {
    /// What the change log says of the latest write through this handle:
    /// the message the board, the CLI and the MCP server all show for it.
    pub fn last_summary(&self) -> &str {
        &self.last_summary
    }

    /// Runs `work` with `why` as the reason of every change it logs that
    /// has none of its own: a move, a new target, a new priority.
    pub fn with_reason<T>(
        &mut self,
        why: &str,
        work: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        // Nested, an empty why keeps the outer one (an edit's reason given
        // once for each change it makes).
        let outer = self.reason.clone();
        if !why.trim().is_empty() {
            self.reason = why.trim().to_owned();
        }
        let result = work(self);
        self.reason = outer;
        result
    }

    /// Runs `work` in one IMMEDIATE transaction that logs nothing (a
    /// setting of the file, a review draft): the same start as every write
    /// (a replaced file followed) and the same end (the log checkpointed).
    pub(super) fn unlogged_write<T>(
        &mut self,
        work: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        self.follow_replacement()?;
        let tx = super::begin_on(&mut self.conn, &self.path, self.identity)?;
        let value = work(&tx)?;
        tx.commit()?;
        self.settle();
        Ok(value)
    }

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
        let started = std::time::Instant::now();
        self.follow_replacement()?;
        let tx = super::begin_on(&mut self.conn, &self.path, self.identity)?;
        let mut journal = Journal::default();
        let (value, mut line) = work(&tx, &mut journal)?;
        if line.why.is_empty() {
            line.why.clone_from(&self.reason);
        }
        let images = if journal.is_empty() {
            None
        } else {
            let (before, after) = journal.finish(&tx)?;
            Some((before, after))
        };
        self.touched.add(
            images
                .iter()
                .flat_map(|(before, _)| before.0.iter().map(|(row, _)| row.clone())),
        );
        let images = images.map(|(before, after)| (json(&before), json(&after)));
        let (undoes, redoes) = Replay::columns(line.replays);
        tx.execute(
            "INSERT INTO change_log (at, who, what, why, feature_id, before_images, after_images, undoes, redoes, machine)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                super::read::now_stored(),
                self.author,
                line.what,
                line.why,
                line.feature.map(|f| f.0),
                images.as_ref().map(|(b, _)| b),
                images.as_ref().map(|(_, a)| a),
                undoes,
                redoes,
                self.machine
            ],
        )?;
        let entry = tx.last_insert_rowid();
        tx.commit()?;
        self.settle();
        self.last_entry = Some(entry);
        tracing::debug!(entry, ms = started.elapsed().as_secs_f64() * 1e3, what = %line.what, "write");
        self.last_summary = line.what;
        Ok((value, entry))
    }
}

fn json(images: &super::journal::Images) -> String {
    serde_json::to_string(images).expect("images are plain JSON")
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

/// The words that name row `id` of `table` in a log line (its `column`),
/// or that there is no such `what`.
fn row_text(
    tx: &rusqlite::Connection,
    (table, column): (&str, &str),
    id: i64,
    what: &'static str,
) -> Result<String> {
    tx.query_row(
        &format!("SELECT {column} FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotFound { what, id })
}
