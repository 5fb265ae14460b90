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

/// What an outcome check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeRecord {
    pub result: OutcomeResult,
    pub value: String,
    pub note: String,
    /// When it was checked.
    pub date: NaiveDate,
    /// For "too early": when to ask again.
    pub again_on: Option<NaiveDate>,
}

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

/// Whether shipping `feature` opens an outcome check: it has a success
/// metric to check against (the method asks nothing of a feature without).
pub fn opens_check(feature: &Feature) -> bool {
    feature.status == FeatureStatus::Shipped && !feature.metric.trim().is_empty()
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

/// What the outcome checks taught: each answer, newest first, and the hit
/// rate per phase and per quarter.
#[derive(Debug, Clone, Serialize)]
pub struct Learning {
    pub outcomes: Vec<Learned>,
    pub by_phase: Vec<HitRate>,
    pub by_quarter: Vec<HitRate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Learned {
    pub key: super::model::FeatureKey,
    pub title: String,
    pub phase: Option<String>,
    pub metric: String,
    pub result: OutcomeResult,
    pub value: String,
    pub note: String,
    pub date: Option<NaiveDate>,
}

/// Of the answered checks (too early aside) in a group: how many hit.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HitRate {
    pub name: String,
    pub hit: usize,
    pub partly: usize,
    pub missed: usize,
}

impl HitRate {
    pub fn answered(&self) -> usize {
        self.hit + self.partly + self.missed
    }

    /// Hits in percent of the answered checks (0 when none).
    pub fn percent(&self) -> usize {
        (self.hit * 100).checked_div(self.answered()).unwrap_or(0)
    }

    fn count(&mut self, result: OutcomeResult) {
        match result {
            OutcomeResult::Hit => self.hit += 1,
            OutcomeResult::Partly => self.partly += 1,
            OutcomeResult::Missed => self.missed += 1,
            OutcomeResult::TooEarly => {}
        }
    }
}

pub fn learning(roadmap: &Roadmap) -> Learning {
    use chrono::Datelike;
    let mut outcomes: Vec<Learned> = roadmap
        .outcomes
        .iter()
        .filter_map(|o| {
            let f = roadmap.feature(o.feature)?;
            Some(Learned {
                key: f.key,
                title: f.title.clone(),
                phase: f
                    .phase
                    .and_then(|p| roadmap.phase(p))
                    .map(|p| p.name.clone()),
                metric: f.metric.clone(),
                result: o.result?,
                value: o.value.clone(),
                note: o.note.clone(),
                date: o.recorded,
            })
        })
        .collect();
    outcomes.sort_by_key(|l| std::cmp::Reverse((l.date, l.key.0)));
    let mut by_phase: Vec<HitRate> = Vec::new();
    let mut by_quarter: Vec<HitRate> = Vec::new();
    for l in &outcomes {
        add(
            &mut by_phase,
            l.phase.clone().unwrap_or_else(|| "no phase".into()),
            l.result,
        );
        if let Some(d) = l.date {
            add(
                &mut by_quarter,
                format!("{} Q{}", d.year(), d.month0() / 3 + 1),
                l.result,
            );
        }
    }
    by_quarter.sort_by(|a, b| b.name.cmp(&a.name));
    Learning {
        outcomes,
        by_phase,
        by_quarter,
    }
}

/// Counts `result` in the group `name` of `rates` (made on first use).
fn add(rates: &mut Vec<HitRate>, name: String, result: OutcomeResult) {
    let at = rates
        .iter()
        .position(|r| r.name == name)
        .unwrap_or_else(|| {
            rates.push(HitRate {
                name,
                ..HitRate::default()
            });
            rates.len() - 1
        });
    rates[at].count(result);
}

impl HitRate {
    /// `MVP 50% hit (1 of 2)`.
    pub fn describe(&self) -> String {
        format!(
            "{} {}% hit ({} of {})",
            self.name,
            self.percent(),
            self.hit,
            self.answered()
        )
    }
}

impl Learned {
    /// `2026-11-10  F2 Drag-and-drop rota  partly — 25 minutes`.
    pub fn line(&self) -> String {
        let date = self.date.map_or("          ".to_owned(), |d| d.to_string());
        let value = if self.value.is_empty() {
            String::new()
        } else {
            format!(" — {}", self.value)
        };
        format!(
            "{date}  {} {}  {}{value}",
            self.key,
            self.title,
            self.result.phrase()
        )
    }
}
