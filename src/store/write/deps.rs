//! Dependencies between features and the blockers that hold them.

use super::*;

impl Store {
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
                upcoming: false,
            };
            let eta_text = eta.map(|d| format!(" (ETA {d})")).unwrap_or_default();
            let line = LogLine::new(format!("{} blocked: waiting for {waiting_for}{eta_text}", feature.label()))
                .about(feature.id);
            Ok((blocker, line))
        })
    }

    /// Records an upcoming blocker: `what` will block future work (of
    /// `key`, if given), met by `mitigation`. It blocks nothing yet.
    pub fn add_upcoming_blocker(
        &mut self,
        key: Option<FeatureKey>,
        what: &str,
        mitigation: &str,
    ) -> Result<Blocker> {
        let what = required_line("what will block", what)?;
        multi_line("mitigation", mitigation)?;
        self.require_info()?;
        self.write(|tx, journal| {
            let feature = key.map(|key| feature_by_key(tx, key)).transpose()?;
            tx.execute(
                "INSERT INTO blocker (feature_id, waiting_for, mitigation, upcoming) VALUES (?1, ?2, ?3, 1)",
                params![feature.as_ref().map(|f| f.id.0), what, mitigation],
            )?;
            journal.inserted(RowRef::id("blocker", tx.last_insert_rowid()));
            let blocker = Blocker {
                id: BlockerId(tx.last_insert_rowid()),
                feature: feature.as_ref().map(|f| f.id),
                waiting_for: what.to_owned(),
                eta: None,
                mitigation: mitigation.to_owned(),
                resolved: None,
                upcoming: true,
            };
            let of = feature.as_ref().map_or(String::new(), |f| format!(" for {}", f.label()));
            let meanwhile = if mitigation.is_empty() { String::new() } else { format!("; mitigation: {mitigation}") };
            let mut line = LogLine::new(format!("upcoming blocker{of}: {what}{meanwhile}"));
            line.feature = feature.map(|f| f.id);
            Ok((blocker, line))
        })
    }

    /// An upcoming blocker now blocks: it becomes a current one of its
    /// feature, with an ETA if known.
    pub fn blocker_now_blocks(&mut self, id: BlockerId, eta: Option<NaiveDate>) -> Result<Blocker> {
        self.write(|tx, journal| {
            let mut blocker = blocker_by_id(tx, id)?;
            if blocker.feature.is_none() {
                return Err(StoreError::Invalid {
                    field: "feature",
                    message: format!(
                        "\"{}\" names no feature: record it as a blocker of the feature it holds up",
                        blocker.waiting_for
                    ),
                });
            }
            journal.before(tx, RowRef::id("blocker", id.0))?;
            tx.execute(
                "UPDATE blocker SET upcoming = 0, eta = ?2 WHERE id = ?1",
                params![id.0, eta],
            )?;
            (blocker.upcoming, blocker.eta) = (false, eta);
            let mut line = LogLine::new(format!("blocking now: {}", blocker.waiting_for));
            line.feature = blocker.feature;
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

pub(super) fn insert_dependency(
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
    crate::domain::deps::check_edge(feature, &other, &existing, |id| {
        feature_by_id(tx, id).map_or_else(|_| format!("#{}", id.0), |f| f.key.to_string())
    })
    .map_err(|refusal| match refusal {
        crate::domain::deps::EdgeRefusal::States(waits) => StoreError::ShippedWaits(waits),
        crate::domain::deps::EdgeRefusal::Graph(cycle) => StoreError::Dependency(cycle),
    })?;
    tx.execute(
        "INSERT INTO dependency (feature_id, depends_on_id) VALUES (?1, ?2)",
        params![feature.id.0, other.id.0],
    )?;
    journal.inserted(RowRef::dependency(feature.id.0, other.id.0));
    Ok(())
}

fn blocker_waiting_for(tx: &Transaction, id: BlockerId) -> Result<String> {
    row_text(tx, ("blocker", "waiting_for"), id.0, "blocker")
}

/// Resolves the open blockers of `feature` as of `today`; returns what
/// each waited for.
pub(super) fn resolve_open_blockers(
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
