//! Adding a whole roadmap read from a document (Markdown or JSON) to the
//! file, in one transaction: all of it lands, or none of it.

use std::collections::HashMap;

use chrono::Local;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::read::FEATURE_COLUMNS;
use super::write::insert_feature;
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
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
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
            phases.insert(p.id, PhaseId(tx.last_insert_rowid()));
        }
        for m in &roadmap.milestones {
            tx.execute(
                "INSERT INTO milestone (phase_id, text, target_date, done_date, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![phases[&m.phase].0, m.text, m.target, m.done, m.position],
            )?;
        }
        for c in &roadmap.criteria {
            tx.execute(
                "INSERT INTO criterion (phase_id, text, done, position) VALUES (?1, ?2, ?3, ?4)",
                params![phases[&c.phase].0, c.text, c.done, c.position],
            )?;
        }

        let holder: Option<String> = tx
            .query_row(
                &format!(
                    "SELECT {FEATURE_COLUMNS} FROM feature WHERE status IN ('active', 'in_review')"
                ),
                [],
                super::read::feature_from_row,
            )
            .optional()?
            .map(|f| f.label());
        let mut next_key: u32 =
            tx.query_row("SELECT COALESCE(MAX(key_num), 0) FROM feature", [], |r| {
                r.get(0)
            })?;
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
        let mut features: HashMap<FeatureId, FeatureId> = HashMap::new();
        for f in &roadmap.features {
            let mut row = f.clone();
            row.phase = f.phase.map(|p| phases[&p]);
            if f.key.0 == 0 || taken(f.key.0)? {
                next_key += 1;
                outcome.rekeyed.push((f.key, FeatureKey(next_key)));
                row.key = FeatureKey(next_key);
            }
            if row.status.holds_slot()
                && let Some(holder) = &holder
            {
                outcome.demoted = Some(format!(
                    "{} was {}, but {holder} holds the slot in this file: imported as planned",
                    row.label(),
                    row.status.phrase()
                ));
                row.status = FeatureStatus::Planned;
                row.started = None;
            }
            features.insert(f.id, insert_feature(&tx, &row)?);
        }
        let feature = |id: Option<FeatureId>| id.and_then(|id| features.get(&id)).map(|f| f.0);
        if let Some(next) = roadmap.up_next().and_then(|f| feature(Some(f.id))) {
            // The file's own choice, if it has one, stays.
            tx.execute(
                "UPDATE roadmap SET up_next_id = ?1 WHERE id = 1 AND up_next_id IS NULL",
                [next],
            )?;
        }
        for d in &roadmap.dependencies {
            tx.execute(
                "INSERT OR IGNORE INTO dependency (feature_id, depends_on_id) VALUES (?1, ?2)",
                params![features[&d.feature].0, features[&d.depends_on].0],
            )?;
        }
        for b in &roadmap.blockers {
            tx.execute(
                "INSERT INTO blocker (feature_id, waiting_for, eta, mitigation, resolved_date, upcoming) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![feature(b.feature), b.waiting_for, b.eta, b.mitigation, b.resolved, b.upcoming],
            )?;
        }
        for r in &roadmap.requests {
            tx.execute(
                "INSERT INTO request (text, requested_by, requested_on, priority, feature_id, status, decline_reason, also_asked) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![r.text, r.requested_by, r.requested_on, r.priority.as_str(), feature(r.feature), r.status.as_str(), r.decline_reason, serde_json::to_string(&r.also_asked).expect("asks serialize")],
            )?;
        }
        for f in &roadmap.foundations {
            tx.execute(
                "INSERT INTO foundation (what, why, status, target_date, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![f.what, f.why, f.status.as_str(), f.target, f.position],
            )?;
        }
        for r in &roadmap.risks {
            tx.execute(
                "INSERT INTO risk (risk, impact, mitigation, position) VALUES (?1, ?2, ?3, ?4)",
                params![r.risk, r.impact, r.mitigation, r.position],
            )?;
        }
        for r in &roadmap.reviews {
            tx.execute(
                "INSERT INTO review (date, kind, notes, chosen_feature_id) VALUES (?1, ?2, ?3, ?4)",
                params![r.date, r.kind.as_str(), r.notes, feature(r.chosen)],
            )?;
        }
        for o in &roadmap.outcomes {
            let Some(id) = feature(Some(o.feature)) else {
                continue;
            };
            tx.execute(
                "INSERT OR IGNORE INTO outcome (feature_id, check_on, result, value, note, recorded_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, o.check_on, o.result.map(|r| r.as_str()), o.value, o.note, o.recorded],
            )?;
        }
        for n in &roadmap.notes {
            tx.execute(
                "INSERT INTO note (heading, body, position) VALUES (?1, ?2, ?3)",
                params![n.heading, n.body, n.position],
            )?;
        }
        // The document's history first (oldest first), then the import itself.
        // Documents list the newest first; entries of the same moment keep
        // that order reversed.
        let mut history: Vec<&ChangeEntry> = log.iter().rev().collect();
        history.sort_by_key(|e| e.at);
        for e in history {
            tx.execute(
                "INSERT INTO change_log (at, who, what, why, feature_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![e.at.format("%Y-%m-%d %H:%M:%S").to_string(), e.who, e.what, e.why, feature(e.feature)],
            )?;
        }
        outcome.summary = format!(
            "imported {source}: {}, {}",
            count(roadmap.phases.len() as i64, "phase"),
            count(roadmap.features.len() as i64, "feature")
        );
        tx.execute(
            "INSERT INTO change_log (at, who, what, why) VALUES (?1, ?2, ?3, ?4)",
            params![
                Local::now()
                    .naive_local()
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string(),
                author,
                outcome.summary,
                ""
            ],
        )?;
        tx.commit()?;
        Ok(outcome)
    }
}
