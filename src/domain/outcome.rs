//! Did it work? Every shipped feature with a success metric comes back as
//! an outcome check: on a date (by default two weeks after shipping), the
//! founder records hit, partly, missed or too early, with the value
//! measured. The rules of when a check is due live here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::FeatureStatus;
use super::model::{Feature, FeatureId, Roadmap, text_enum};

/// Days from shipping to the outcome check unless the config says otherwise.
pub const DEFAULT_OUTCOME_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeResult {
    Hit,
    Partly,
    Missed,
    TooEarly,
}

text_enum!(OutcomeResult, "outcome", {
    Hit => "hit",
    Partly => "partly" | "partial",
    Missed => "missed" | "miss",
    TooEarly => "too_early" | "early",
});

/// A feature's outcome check: when it is due, and what was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureOutcome {
    pub feature: FeatureId,
    /// The check's date when set by hand (else shipped + the config's days).
    pub check_on: Option<NaiveDate>,
    pub result: Option<OutcomeResult>,
    /// What was measured, in the metric's terms ("62% of swaps").
    pub value: String,
    pub note: String,
    pub recorded: Option<NaiveDate>,
}

impl FeatureOutcome {
    pub fn new(feature: FeatureId) -> Self {
        FeatureOutcome {
            feature,
            check_on: None,
            result: None,
            value: String::new(),
            note: String::new(),
            recorded: None,
        }
    }

    /// `hit — 62% of swaps`: the result and the value, as the log says it.
    pub fn summary(&self) -> String {
        let result = self.result.map_or("not checked", OutcomeResult::phrase);
        if self.value.trim().is_empty() {
            result.to_owned()
        } else {
            format!("{result} — {}", self.value.trim())
        }
    }
}

impl OutcomeResult {
    /// The result in words ("too early" with a space).
    pub fn phrase(self) -> &'static str {
        match self {
            OutcomeResult::TooEarly => "too early",
            other => other.as_str(),
        }
    }

    /// Whether the question is answered (too early asks again later).
    pub fn is_final(self) -> bool {
        self != OutcomeResult::TooEarly
    }
}

/// When `feature`'s outcome is to be checked. A check exists for features
/// shipped (with a success metric) since roadboard asks, or set by hand; a
/// final result closes it. Its date: the one set, else shipped + `days`.
pub fn check_date(
    feature: &Feature,
    outcome: Option<&FeatureOutcome>,
    days: i64,
) -> Option<NaiveDate> {
    let outcome = outcome.filter(|_| feature.status == FeatureStatus::Shipped)?;
    if outcome.result.is_some_and(OutcomeResult::is_final) {
        return None;
    }
    outcome.check_on.or_else(|| {
        feature
            .shipped
            .map(|d| d + chrono::Days::new(days.max(0) as u64))
    })
}

/// The features whose outcome check is due on `today`, oldest first.
pub fn due_checks(roadmap: &Roadmap, today: NaiveDate, days: i64) -> Vec<(&Feature, NaiveDate)> {
    let mut due: Vec<(&Feature, NaiveDate)> = roadmap
        .features
        .iter()
        .filter_map(|f| {
            let date = check_date(f, roadmap.outcome_of(f.id), days)?;
            (date <= today).then_some((f, date))
        })
        .collect();
    due.sort_by_key(|(f, date)| (*date, f.key.0));
    due
}
