//! Outcome checks: did a shipped feature do what its success metric said?

use super::*;
use crate::domain::outcome::{FeatureOutcome, OutcomeResult};

pub use crate::domain::outcome::OutcomeRecord;

impl Store {
    /// Records what the check of `key` found; returns the log's sentence.
    pub fn record_outcome(&mut self, key: FeatureKey, record: &OutcomeRecord) -> Result<String> {
        check_record(record)?;
        self.write(|tx, journal| {
            let (what, feature, note) = apply_outcome(tx, journal, key, record)?;
            let line = LogLine::new(what.clone()).because(note).about(feature);
            Ok((what, line))
        })
    }

    /// Moves the outcome check of `key` to `date`.
    pub fn set_outcome_check(&mut self, key: FeatureKey, date: NaiveDate) -> Result<String> {
        self.write(|tx, journal| {
            let feature = shipped_feature(tx, key)?;
            let mut outcome = outcome_row(tx, journal, feature.id)?;
            outcome.check_on = Some(date);
            save_outcome(tx, &outcome)?;
            let what = format!("outcome check of {} on {date}", feature.label());
            Ok((what.clone(), LogLine::new(what).about(feature.id)))
        })
    }
}

/// Refuses a record whose text would not fit its fields.
pub(super) fn check_record(record: &OutcomeRecord) -> Result<()> {
    single_line("value", &record.value)?;
    multi_line("note", &record.note)
}

/// Writes what the check of `key` found, in the caller's transaction (a
/// lone record or the review's): the log's sentence, the feature, the note.
pub(super) fn apply_outcome(
    tx: &Transaction,
    journal: &mut Journal,
    key: FeatureKey,
    record: &OutcomeRecord,
) -> Result<(String, FeatureId, String)> {
    let feature = shipped_feature(tx, key)?;
    let mut outcome = outcome_row(tx, journal, feature.id)?;
    outcome.result = Some(record.result);
    outcome.value = record.value.trim().to_owned();
    outcome.note = record.note.trim().to_owned();
    outcome.recorded = Some(record.date);
    if record.result == OutcomeResult::TooEarly {
        outcome.check_on = record.again_on;
    }
    save_outcome(tx, &outcome)?;
    let what = format!("outcome of {}: {}", feature.label(), outcome.summary());
    Ok((what, feature.id, outcome.note))
}

/// Opens the outcome check of a feature just shipped, when it has a
/// success metric to check and no check yet.
pub(super) fn open_check(tx: &Transaction, journal: &mut Journal, feature: &Feature) -> Result<()> {
    let exists: bool = tx.query_row(
        "SELECT count(*) FROM outcome WHERE feature_id = ?1",
        [feature.id.0],
        |r| r.get::<_, i64>(0).map(|n| n > 0),
    )?;
    if !exists && crate::domain::outcome::opens_check(feature) {
        tx.execute(
            "INSERT INTO outcome (feature_id) VALUES (?1)",
            [feature.id.0],
        )?;
        journal.inserted(RowRef::id("outcome", tx.last_insert_rowid()));
    }
    Ok(())
}

/// The feature `key`, refused unless it shipped (nothing to check before).
fn shipped_feature(tx: &Transaction, key: FeatureKey) -> Result<Feature> {
    let feature = feature_by_key(tx, key)?;
    if feature.status != FeatureStatus::Shipped {
        return Err(StoreError::Invalid {
            field: "outcome",
            message: format!(
                "{} is {}: only a shipped feature has an outcome",
                feature.label(),
                feature.status.phrase()
            ),
        });
    }
    Ok(feature)
}

/// The outcome row of `feature`, created empty if it has none yet; its
/// image goes into the journal either way.
fn outcome_row(
    tx: &Transaction,
    journal: &mut Journal,
    feature: FeatureId,
) -> Result<FeatureOutcome> {
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM outcome WHERE feature_id = ?1",
            [feature.0],
            |r| r.get(0),
        )
        .optional()?;
    let id = match existing {
        Some(id) => {
            journal.before(tx, RowRef::id("outcome", id))?;
            id
        }
        None => {
            tx.execute("INSERT INTO outcome (feature_id) VALUES (?1)", [feature.0])?;
            let id = tx.last_insert_rowid();
            journal.inserted(RowRef::id("outcome", id));
            id
        }
    };
    tx.query_row(
        "SELECT check_on, result, value, note, recorded_on FROM outcome WHERE id = ?1",
        [id],
        |r| {
            let result: Option<String> = r.get(1)?;
            Ok(FeatureOutcome {
                feature,
                check_on: r.get(0)?,
                result: result.and_then(|t| t.parse().ok()),
                value: r.get(2)?,
                note: r.get(3)?,
                recorded: r.get(4)?,
            })
        },
    )
    .map_err(StoreError::from)
}

fn save_outcome(tx: &Transaction, o: &FeatureOutcome) -> Result<()> {
    tx.execute(
        "UPDATE outcome SET check_on = ?2, result = ?3, value = ?4, note = ?5, recorded_on = ?6 WHERE feature_id = ?1",
        params![o.feature.0, o.check_on, o.result.map(|r| r.as_str()), o.value, o.note, o.recorded],
    )?;
    Ok(())
}
