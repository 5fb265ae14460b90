//! Adding a whole roadmap read from a document (Markdown or JSON) to the
//! file, in one transaction: all of it lands, or none of it.

use std::collections::HashMap;

use chrono::Local;
use rusqlite::{Transaction, params};

use super::journal::{Journal, RowRef};
use super::progress::{Ticker, Written};
use super::write::{LogLine, insert_feature};
use super::{Result, Store};
use crate::domain::text::count;
use crate::domain::*;

/// What the import changed beyond the document's own content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOutcome {
    /// Features whose key was taken in this file and got a new one.
    pub rekeyed: Vec<(FeatureKey, FeatureKey)>,
    /// The document's active feature, set back to planned because this file
    /// already has one.
    pub demoted: Option<String>,
    /// What the change log records: "imported plan.md: 2 phases, 9 features".
    pub summary: String,
    /// Where a replace kept the file as it was before it.
    pub backup: Option<std::path::PathBuf>,
}

impl Store {
    /// Adds `roadmap` (ids local to it) and its change `log` to this file.
    /// A file without a roadmap takes its name and settings; otherwise the
    /// phases and cards are added after the existing ones.
    pub fn import(
        &mut self,
        roadmap: &Roadmap,
        log: &[ChangeEntry],
        source: &str,
    ) -> Result<ImportOutcome> {
        let problems = roadmap.validate();
        if !problems.is_empty() {
            return Err(super::StoreError::InvalidDocument(problems));
        }
        let author = self.author().to_owned();
        self.touched.unknown();
        self.follow_replacement()?;
        let tx = super::begin_on(&mut self.conn, &self.path, self.identity)?;
        let mut outcome = ImportOutcome::default();
        let info = &roadmap.info;
        let has_roadmap: bool =
            tx.query_row("SELECT count(*) FROM roadmap", [], |r| r.get::<_, i64>(0))? > 0;
        if !has_roadmap {
            tx.execute(
                "INSERT INTO roadmap (id, name, horizon, philosophy, review_day, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
                params![info.name, info.horizon, info.philosophy, info.review_day.num_days_from_monday(), Local::now().naive_local()],
            )?;
        }

        let mut written = Written {
            rows: Vec::new(),
            ticker: Ticker::new(row_count(roadmap), self.progress.as_mut()),
        };
        let (features, demoted) = insert_rows(&tx, roadmap, &mut written)?;
        outcome.rekeyed = features.rekeyed;
        outcome.demoted = demoted;
        let feature = |id: Option<FeatureId>| id.and_then(|id| features.ids.get(&id)).map(|f| f.0);
        // The document's history first (oldest first), then the import itself.
        // Documents list the newest first; entries of the same moment keep
        // that order reversed.
        let mut history: Vec<&ChangeEntry> = log.iter().rev().collect();
        history.sort_by_key(|e| e.at);
        for e in history {
            tx.execute(
                "INSERT INTO change_log (at, who, what, why, feature_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    super::read::utc_of_local(e.at).format("%Y-%m-%d %H:%M:%S").to_string(),
                    e.who,
                    e.what,
                    e.why,
                    feature(e.feature)
                ],
            )?;
        }
        outcome.summary = format!(
            "imported {source}: {}, {}",
            count(roadmap.phases.len() as i64, "phase"),
            count(roadmap.features.len() as i64, "feature")
        );
        tx.execute(
            "INSERT INTO change_log (at, who, what, why, machine) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                super::read::now_stored(),
                author,
                outcome.summary,
                "",
                self.machine
            ],
        )?;
        tx.commit()?;
        self.settle();
        Ok(outcome)
    }
}

impl Store {
    /// Replaces the roadmap this file holds with `roadmap`: every phase,
    /// card and row of the plan goes and the document's come in; the header
    /// takes the document's (the mirror stays). The change log is kept, and
    /// the replace is one change in it, undone whole from the board.
    /// A copy of the file as it was is written beside it first (undo
    /// brings the plan back too, but a copy survives anything).
    pub fn replace_with(&mut self, roadmap: &Roadmap, source: &str) -> Result<ImportOutcome> {
        let problems = roadmap.validate();
        if !problems.is_empty() {
            return Err(super::StoreError::InvalidDocument(problems));
        }
        let backup = self.backup_to(None, chrono::Local::now().naive_local())?;
        // Taken for the write (which borrows the store), given back after.
        let mut progress = self.progress.take();
        let result = self.write(|tx, journal| {
            clear_roadmap(tx, journal)?;
            let info = &roadmap.info;
            tx.execute(
                "UPDATE roadmap SET name = ?1, horizon = ?2, philosophy = ?3, review_day = ?4, up_next_id = NULL WHERE id = 1",
                params![info.name, info.horizon, info.philosophy, info.review_day.num_days_from_monday()],
            )?;
            let mut written = Written {
                rows: Vec::new(),
                ticker: Ticker::new(row_count(roadmap), progress.as_mut()),
            };
            let (features, demoted) = insert_rows(tx, roadmap, &mut written)?;
            for row in written.rows {
                journal.inserted(row);
            }
            let summary = format!(
                "replaced the roadmap with {source}: {}, {}",
                count(roadmap.phases.len() as i64, "phase"),
                count(roadmap.features.len() as i64, "feature")
            );
            let outcome = ImportOutcome {
                rekeyed: features.rekeyed,
                demoted,
                summary: summary.clone(),
                backup: Some(backup.clone()),
            };
            Ok((outcome, LogLine::new(summary)))
        });
        self.progress = progress;
        result
    }
}

/// How many rows an import of `roadmap` writes: its ticker's total.
fn row_count(roadmap: &Roadmap) -> usize {
    roadmap.phases.len()
        + roadmap.milestones.len()
        + roadmap.criteria.len()
        + roadmap.features.len()
        + roadmap.dependencies.len()
        + roadmap.blockers.len()
        + roadmap.requests.len()
        + roadmap.foundations.len()
        + roadmap.risks.len()
        + roadmap.reviews.len()
        + roadmap.notes.len()
        + roadmap.outcomes.len()
}

/// Deletes every row of the plan, each one's image kept for undo. Change
/// log entries that name a feature are kept too: deleting the feature
/// unlinks them, and undo links them again.
fn clear_roadmap(tx: &Transaction, journal: &mut Journal) -> Result<()> {
    journal.before(tx, RowRef::id("roadmap", 1))?;
    let ids = |sql: &str| -> Result<Vec<i64>> {
        let mut statement = tx.prepare(sql)?;
        let ids = statement.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    };
    for id in ids("SELECT id FROM change_log WHERE feature_id IS NOT NULL")? {
        journal.before(tx, RowRef::id("change_log", id))?;
    }
    let mut statement = tx.prepare("SELECT feature_id, depends_on_id FROM dependency")?;
    let pairs = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    for pair in pairs.collect::<rusqlite::Result<Vec<(i64, i64)>>>()? {
        journal.before(tx, RowRef::dependency(pair.0, pair.1))?;
    }
    tx.execute("DELETE FROM dependency", [])?;
    // Children before the rows they refer to.
    let tables = [
        "outcome",
        "review",
        "note",
        "risk",
        "foundation",
        "request",
        "blocker",
        "milestone",
        "criterion",
        "feature",
        "phase",
    ];
    for table in tables {
        for id in ids(&format!("SELECT id FROM {table}"))? {
            journal.before(tx, RowRef::id(table, id))?;
        }
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    Ok(())
}

/// The document's features as written: their ids in the file, and the keys
/// taken here that were given new ones.
struct WrittenFeatures {
    ids: HashMap<FeatureId, FeatureId>,
    rekeyed: Vec<(FeatureKey, FeatureKey)>,
}

/// Inserts every row of `roadmap` but its header and history, after what
/// the file holds; each row written is named in `rows` (so a replace can
/// be undone). A slot holder the file already has keeps the slot: the
/// document's is planned instead, said in the second value.
fn insert_rows(
    tx: &Transaction,
    roadmap: &Roadmap,
    rows: &mut Written,
) -> Result<(WrittenFeatures, Option<String>)> {
    let phases = insert_phases(tx, roadmap, rows)?;
    let (features, demoted) = insert_features(tx, roadmap, &phases, rows)?;
    let feature = |id: Option<FeatureId>| id.and_then(|id| features.ids.get(&id)).map(|f| f.0);
    if let Some(next) = roadmap.up_next().and_then(|f| feature(Some(f.id))) {
        // The file's own choice, if it has one, stays.
        tx.execute(
            "UPDATE roadmap SET up_next_id = ?1 WHERE id = 1 AND up_next_id IS NULL",
            [next],
        )?;
    }
    for d in &roadmap.dependencies {
        let (from, to) = (features.ids[&d.feature].0, features.ids[&d.depends_on].0);
        let added = tx.execute(
            "INSERT OR IGNORE INTO dependency (feature_id, depends_on_id) VALUES (?1, ?2)",
            params![from, to],
        )?;
        if added > 0 {
            rows.push(RowRef::dependency(from, to));
        }
    }
    insert_records(tx, roadmap, &feature, rows)?;
    Ok((features, demoted))
}

/// The rows that refer to features (blockers, requests, reviews,
/// outcomes), `feature` mapping the document's feature ids to the file's;
/// then the others.
fn insert_records(
    tx: &Transaction,
    roadmap: &Roadmap,
    feature: &dyn Fn(Option<FeatureId>) -> Option<i64>,
    rows: &mut Written,
) -> Result<()> {
    let mut insert = |table: &str, sql: &str, values: &[&dyn rusqlite::ToSql]| {
        insert_row(tx, rows, (table, sql), values)
    };
    for b in &roadmap.blockers {
        insert(
            "blocker",
            "INSERT INTO blocker (feature_id, waiting_for, eta, mitigation, resolved_date, upcoming) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                feature(b.feature),
                b.waiting_for,
                b.eta,
                b.mitigation,
                b.resolved,
                b.upcoming
            ],
        )?;
    }
    for r in &roadmap.requests {
        insert(
            "request",
            "INSERT INTO request (text, requested_by, requested_on, priority, feature_id, status, decline_reason, also_asked) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                r.text,
                r.requested_by,
                r.requested_on,
                r.priority.as_str(),
                feature(r.feature),
                r.status.as_str(),
                r.decline_reason,
                serde_json::to_string(&r.also_asked).expect("asks serialize")
            ],
        )?;
    }
    for r in &roadmap.reviews {
        insert(
            "review",
            "INSERT INTO review (date, kind, notes, chosen_feature_id) VALUES (?1, ?2, ?3, ?4)",
            params![r.date, r.kind.as_str(), r.notes, feature(r.chosen)],
        )?;
    }
    for o in &roadmap.outcomes {
        if let Some(id) = feature(Some(o.feature)) {
            insert(
                "outcome",
                "INSERT INTO outcome (feature_id, check_on, result, value, note, recorded_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    o.check_on,
                    o.result.map(|r| r.as_str()),
                    o.value,
                    o.note,
                    o.recorded
                ],
            )?;
        }
    }
    insert_plain(tx, roadmap, rows)
}

/// The rows that refer to nothing else: foundations, risks, notes.
fn insert_plain(tx: &Transaction, roadmap: &Roadmap, rows: &mut Written) -> Result<()> {
    let mut insert = |table: &str, sql: &str, values: &[&dyn rusqlite::ToSql]| {
        insert_row(tx, rows, (table, sql), values)
    };
    for f in &roadmap.foundations {
        insert(
            "foundation",
            "INSERT INTO foundation (what, why, status, target_date, position) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![f.what, f.why, f.status.as_str(), f.target, f.position],
        )?;
    }
    for r in &roadmap.risks {
        insert(
            "risk",
            "INSERT INTO risk (risk, impact, mitigation, position) VALUES (?1, ?2, ?3, ?4)",
            params![r.risk, r.impact, r.mitigation, r.position],
        )?;
    }
    for n in &roadmap.notes {
        insert(
            "note",
            "INSERT INTO note (heading, body, position) VALUES (?1, ?2, ?3)",
            params![n.heading, n.body, n.position],
        )?;
    }
    Ok(())
}

/// Inserts one row with `sql` and names it in `rows`.
fn insert_row(
    tx: &Transaction,
    rows: &mut Written,
    (table, sql): (&str, &str),
    values: &[&dyn rusqlite::ToSql],
) -> Result<()> {
    tx.execute(sql, values)?;
    rows.push(RowRef::id(table, tx.last_insert_rowid()));
    Ok(())
}

/// The document's phases (with their milestones and criteria) after the
/// file's; their ids here by the document's.
fn insert_phases(
    tx: &Transaction,
    roadmap: &Roadmap,
    rows: &mut Written,
) -> Result<HashMap<PhaseId, PhaseId>> {
    let first_phase: i64 =
        tx.query_row("SELECT COALESCE(MAX(position), 0) FROM phase", [], |r| {
            r.get(0)
        })?;
    let mut phases: HashMap<PhaseId, PhaseId> = HashMap::new();
    for (i, p) in roadmap.phases.iter().enumerate() {
        tx.execute(
            "INSERT INTO phase (name, goal, start_date, end_date, status, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![p.name, p.goal, p.start, p.end, p.status.as_str(), first_phase + i as i64 + 1],
        )?;
        rows.push(RowRef::id("phase", tx.last_insert_rowid()));
        phases.insert(p.id, PhaseId(tx.last_insert_rowid()));
    }
    for m in &roadmap.milestones {
        tx.execute(
            "INSERT INTO milestone (phase_id, text, target_date, done_date, position) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![phases[&m.phase].0, m.text, m.target, m.done, m.position],
        )?;
        rows.push(RowRef::id("milestone", tx.last_insert_rowid()));
    }
    for c in &roadmap.criteria {
        tx.execute(
            "INSERT INTO criterion (phase_id, text, done, position) VALUES (?1, ?2, ?3, ?4)",
            params![phases[&c.phase].0, c.text, c.done, c.position],
        )?;
        rows.push(RowRef::id("criterion", tx.last_insert_rowid()));
    }
    Ok(phases)
}

/// The document's features, keyed anew where a key is taken here.
fn insert_features(
    tx: &Transaction,
    roadmap: &Roadmap,
    phases: &HashMap<PhaseId, PhaseId>,
    rows: &mut Written,
) -> Result<(WrittenFeatures, Option<String>)> {
    let holder = super::read::slot_holder(tx)?.map(|f| f.label());
    let mut next_key = super::read::highest_key(tx)?;
    let taken = |key: u32| -> rusqlite::Result<bool> {
        tx.query_row(
            "SELECT count(*) FROM feature WHERE key_num = ?1",
            [key],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0)
    };
    let max_imported = roadmap.features.iter().map(|f| f.key.0).max().unwrap_or(0);
    next_key = next_key.max(max_imported);
    let mut written = WrittenFeatures {
        ids: HashMap::new(),
        rekeyed: Vec::new(),
    };
    let mut demoted = None;
    for f in &roadmap.features {
        let mut row = f.clone();
        row.phase = f.phase.map(|p| phases[&p]);
        if f.key.0 == 0 || taken(f.key.0)? {
            next_key += 1;
            written.rekeyed.push((f.key, FeatureKey(next_key)));
            row.key = FeatureKey(next_key);
        }
        if row.status.holds_slot()
            && let Some(holder) = &holder
        {
            demoted = Some(format!(
                "{} was {}, but {holder} holds the slot in this file: imported as planned",
                row.label(),
                row.status.phrase()
            ));
            row.status = FeatureStatus::Planned;
            row.started = None;
        }
        let id = insert_feature(tx, &row)?;
        rows.push(RowRef::id("feature", id.0));
        written.ids.insert(f.id, id);
    }
    Ok((written, demoted))
}
