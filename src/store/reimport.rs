//! Importing a document into a file that already holds the roadmap: the
//! domain's merge, written as one change with its undo images, so the
//! whole update can be undone at once.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use super::journal::{Journal, RowRef};
use super::progress::Ticker;
use super::write::{LogLine, insert_feature, save_feature};
use super::{Result, Store, StoreError};
use crate::domain::merge::{Matching, Merge, merge};
use crate::domain::*;

/// What an update did, to report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Update {
    pub added: Vec<String>,
    pub changed: Vec<(String, Vec<&'static str>)>,
    /// Features the file has and the document does not: kept, or dropped
    /// with `prune`.
    pub missing: Vec<FeatureKey>,
    pub pruned: bool,
}

impl Store {
    /// What bringing this file's roadmap up to `document` would do, with
    /// every check the update makes, writing nothing: the dry run's report
    /// is the update's own.
    pub fn plan_update(
        &self,
        document: &Roadmap,
        matching: Matching<'_>,
        prune: bool,
    ) -> Result<Update> {
        self.prepare_update(document, matching, prune)
            .map(|(_, _, update)| update)
    }

    /// The merge, pruned and checked: the roadmap before, after, and what
    /// changes.
    fn prepare_update(
        &self,
        document: &Roadmap,
        matching: Matching<'_>,
        prune: bool,
    ) -> Result<(Roadmap, Roadmap, Update)> {
        let problems = document.validate();
        if !problems.is_empty() {
            return Err(StoreError::InvalidDocument(problems));
        }
        let current = self.load()?;
        let Merge {
            mut roadmap,
            added,
            changed,
            missing,
        } = merge(&current, document, matching);
        if prune {
            roadmap.features.retain(|f| !missing.contains(&f.key));
            let ids: std::collections::HashSet<FeatureId> =
                roadmap.features.iter().map(|f| f.id).collect();
            roadmap
                .dependencies
                .retain(|d| ids.contains(&d.feature) && ids.contains(&d.depends_on));
            roadmap
                .blockers
                .retain(|b| b.feature.is_none_or(|f| ids.contains(&f)));
        }
        let problems = roadmap.validate();
        if !problems.is_empty() {
            return Err(StoreError::InvalidDocument(problems));
        }
        let update = Update {
            added,
            changed,
            missing,
            pruned: prune,
        };
        Ok((current, roadmap, update))
    }

    /// Brings the roadmap in this file up to `document`. Refused, naming
    /// the problem, when the result would break the method (two features in
    /// progress, a cycle); nothing is written then.
    pub fn update_from(
        &mut self,
        document: &Roadmap,
        matching: Matching<'_>,
        prune: bool,
        source: &str,
    ) -> Result<Update> {
        let (current, roadmap, update) = self.prepare_update(document, matching, prune)?;
        let what = format!(
            "updated from {source}: {} added, {} changed, {} {}",
            update.added.len(),
            update.changed.len(),
            update.missing.len(),
            if prune {
                "dropped"
            } else {
                "kept though not in it"
            }
        );
        // Taken for the write (which borrows the store), given back after.
        let mut progress = self.progress.take();
        let steps = roadmap.phases.len() + roadmap.features.len() + roadmap.dependencies.len();
        let mut ticker = Ticker::new(steps, progress.as_mut());
        let written = self.write(|tx, journal| {
            let merge = (&current, &roadmap, prune.then_some(&update.missing));
            write_merge(tx, journal, &mut ticker, merge)?;
            Ok(((), LogLine::new(what)))
        });
        self.progress = progress;
        written.map(|()| update)
    }
}

/// Writes the rows of `merged` that differ from `current`.
fn write_merge(
    tx: &Transaction,
    journal: &mut Journal,
    ticker: &mut Ticker,
    (current, merged, pruned): (&Roadmap, &Roadmap, Option<&Vec<FeatureKey>>),
) -> Result<()> {
    // Looked up by id once per row: a scan each would be quadratic.
    let index = RoadmapIndex::of(current);
    let mut phase_ids: HashMap<PhaseId, PhaseId> = HashMap::new();
    for p in &merged.phases {
        ticker.step();
        match current.phase(p.id) {
            Some(old) => {
                if old != p {
                    journal.before(tx, RowRef::id("phase", p.id.0))?;
                    tx.execute(
                        "UPDATE phase SET goal = ?2, start_date = ?3, end_date = ?4, status = ?5 WHERE id = ?1",
                        params![p.id.0, p.goal, p.start, p.end, p.status.as_str()],
                    )?;
                }
                phase_ids.insert(p.id, p.id);
            }
            None => {
                tx.execute(
                    "INSERT INTO phase (name, goal, start_date, end_date, status, position)
                     VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(position), 0) + 1 FROM phase))",
                    params![p.name, p.goal, p.start, p.end, p.status.as_str()],
                )?;
                let id = tx.last_insert_rowid();
                journal.inserted(RowRef::id("phase", id));
                phase_ids.insert(p.id, PhaseId(id));
            }
        }
    }
    if let Some(keys) = pruned {
        let pointing = pointing_at(current);
        for key in keys {
            if let Some(at) = index.position(*key) {
                drop_feature(tx, journal, &current.features[at], &pointing)?;
            }
        }
    }
    let mut feature_ids: HashMap<FeatureId, FeatureId> = HashMap::new();
    for f in &merged.features {
        ticker.step();
        let mut row = f.clone();
        row.phase = f.phase.and_then(|p| phase_ids.get(&p).copied());
        match index.feature(current, f.id) {
            Some(old) => {
                if *old != row {
                    journal.before(tx, RowRef::id("feature", f.id.0))?;
                    save_feature(tx, &row)?;
                }
                feature_ids.insert(f.id, f.id);
            }
            None => {
                let id = insert_feature(tx, &row)?;
                journal.inserted(RowRef::id("feature", id.0));
                feature_ids.insert(f.id, id);
            }
        }
    }
    let known: std::collections::HashSet<&Dependency> = current.dependencies.iter().collect();
    for d in &merged.dependencies {
        ticker.step();
        if known.contains(d) {
            continue;
        }
        let (a, b) = (feature_ids[&d.feature], feature_ids[&d.depends_on]);
        tx.execute(
            "INSERT OR IGNORE INTO dependency (feature_id, depends_on_id) VALUES (?1, ?2)",
            params![a.0, b.0],
        )?;
        journal.inserted(RowRef::dependency(a.0, b.0));
    }
    write_checklists(tx, journal, current, merged, &phase_ids)
}

/// Milestones and success criteria: new ones inserted, changed ones updated.
fn write_checklists(
    tx: &Transaction,
    journal: &mut Journal,
    current: &Roadmap,
    merged: &Roadmap,
    phase_ids: &HashMap<PhaseId, PhaseId>,
) -> Result<()> {
    let milestones: HashMap<MilestoneId, &Milestone> =
        current.milestones.iter().map(|m| (m.id, m)).collect();
    for m in &merged.milestones {
        match milestones.get(&m.id).copied() {
            Some(old) if old == m => {}
            Some(_) => {
                journal.before(tx, RowRef::id("milestone", m.id.0))?;
                tx.execute(
                    "UPDATE milestone SET target_date = ?2, done_date = ?3 WHERE id = ?1",
                    params![m.id.0, m.target, m.done],
                )?;
            }
            None => {
                tx.execute(
                    "INSERT INTO milestone (phase_id, text, target_date, done_date, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![phase_ids[&m.phase].0, m.text, m.target, m.done, m.position],
                )?;
                journal.inserted(RowRef::id("milestone", tx.last_insert_rowid()));
            }
        }
    }
    let criteria: HashMap<CriterionId, &Criterion> =
        current.criteria.iter().map(|c| (c.id, c)).collect();
    for c in &merged.criteria {
        match criteria.get(&c.id).copied() {
            Some(old) if old == c => {}
            Some(_) => {
                journal.before(tx, RowRef::id("criterion", c.id.0))?;
                tx.execute(
                    "UPDATE criterion SET done = ?2 WHERE id = ?1",
                    params![c.id.0, c.done],
                )?;
            }
            None => {
                tx.execute(
                    "INSERT INTO criterion (phase_id, text, done, position) VALUES (?1, ?2, ?3, ?4)",
                    params![phase_ids[&c.phase].0, c.text, c.done, c.position],
                )?;
                journal.inserted(RowRef::id("criterion", tx.last_insert_rowid()));
            }
        }
    }
    Ok(())
}

/// The rows that point at each feature (dependencies both ways, blockers,
/// requests, reviews), for the features an update drops.
fn pointing_at(current: &Roadmap) -> HashMap<FeatureId, Vec<RowRef>> {
    let mut rows: HashMap<FeatureId, Vec<RowRef>> = HashMap::new();
    for d in &current.dependencies {
        let row = RowRef::dependency(d.feature.0, d.depends_on.0);
        rows.entry(d.feature).or_default().push(row.clone());
        rows.entry(d.depends_on).or_default().push(row);
    }
    let others =
        (current.blockers.iter()).filter_map(|b| Some((b.feature?, RowRef::id("blocker", b.id.0))));
    let asked =
        (current.requests.iter()).filter_map(|r| Some((r.feature?, RowRef::id("request", r.id.0))));
    let chosen =
        (current.reviews.iter()).filter_map(|r| Some((r.chosen?, RowRef::id("review", r.id.0))));
    for (feature, row) in others.chain(asked).chain(chosen) {
        rows.entry(feature).or_default().push(row);
    }
    rows
}

/// Deletes a feature the document no longer has, with the rows that point
/// at it (`pointing`), each journaled so that undo brings them back.
fn drop_feature(
    tx: &Transaction,
    journal: &mut Journal,
    feature: &Feature,
    pointing: &HashMap<FeatureId, Vec<RowRef>>,
) -> Result<()> {
    for row in pointing.get(&feature.id).into_iter().flatten() {
        journal.before(tx, row.clone())?;
    }
    journal.before(tx, RowRef::id("feature", feature.id.0))?;
    tx.execute("DELETE FROM feature WHERE id = ?1", [feature.id.0])?;
    Ok(())
}
