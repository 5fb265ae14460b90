//! The Friday review as the method runs it: this week's ONE feature, the
//! blockers, the new parking-lot items, next week's ONE feature, notes.
//! A draft holds where the founder is, so a review can be left and resumed.

use super::index::RoadmapIndex;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::machine::FeatureStatus;
use super::model::{Feature, FeatureKey, Priority, ReviewKind, Roadmap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStep {
    /// Monthly and quarterly: phase progress, milestones hit and missed,
    /// drift from the plan; quarterly also closes phases.
    Phases,
    /// This week's ONE feature: shipped? in review? still going?
    ActiveFeature,
    /// Did what shipped work? The outcome checks that are due.
    Outcomes,
    /// Open blockers: resolved? a new ETA?
    Blockers,
    /// New parking-lot items and requests to triage.
    NewItems,
    /// Next week's ONE feature, with its why-now, metric and target.
    NextFeature,
    Notes,
}

const WEEKLY: &[ReviewStep] = &[
    ReviewStep::ActiveFeature,
    ReviewStep::Outcomes,
    ReviewStep::Blockers,
    ReviewStep::NewItems,
    ReviewStep::NextFeature,
    ReviewStep::Notes,
];

const LONGER: &[ReviewStep] = &[
    ReviewStep::Phases,
    ReviewStep::ActiveFeature,
    ReviewStep::Outcomes,
    ReviewStep::Blockers,
    ReviewStep::NewItems,
    ReviewStep::NextFeature,
    ReviewStep::Notes,
];

impl ReviewStep {
    /// The steps of a review of `kind`, in order.
    pub fn steps(kind: ReviewKind) -> &'static [ReviewStep] {
        match kind {
            ReviewKind::Weekly => WEEKLY,
            ReviewKind::Monthly | ReviewKind::Quarterly => LONGER,
        }
    }

    pub fn first(kind: ReviewKind) -> ReviewStep {
        Self::steps(kind)[0]
    }

    /// 1-based place of this step in a review of `kind`.
    pub fn number(self, kind: ReviewKind) -> usize {
        Self::steps(kind)
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0)
            + 1
    }

    pub fn next(self, kind: ReviewKind) -> Option<ReviewStep> {
        Self::steps(kind).get(self.number(kind)).copied()
    }

    pub fn previous(self, kind: ReviewKind) -> Option<ReviewStep> {
        self.number(kind)
            .checked_sub(2)
            .map(|i| Self::steps(kind)[i])
    }

    pub fn title(self, kind: ReviewKind) -> &'static str {
        match (self, kind) {
            (ReviewStep::Phases, ReviewKind::Quarterly) => "Milestones and phase transitions",
            (ReviewStep::Phases, _) => "Phase progress and drift",
            (ReviewStep::ActiveFeature, _) => "This week's ONE feature",
            (ReviewStep::Outcomes, _) => "Did it work?",
            (ReviewStep::Blockers, _) => "Open blockers",
            (ReviewStep::NewItems, _) => "New parking-lot items and requests",
            (ReviewStep::NextFeature, _) => "Next week's ONE feature",
            (ReviewStep::Notes, ReviewKind::Quarterly) => "Pivot note",
            (ReviewStep::Notes, _) => "Notes",
        }
    }
}

/// Why a phase cannot be marked complete yet: success criteria of it not
/// checked off. `Ok` when every criterion is met (or it has none).
pub fn phase_can_complete<'a>(
    criteria: impl IntoIterator<Item = &'a super::model::Criterion>,
) -> Result<(), String> {
    let open: Vec<&str> = criteria
        .into_iter()
        .filter(|c| !c.done)
        .map(|c| c.text.as_str())
        .collect();
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("success criteria not met yet: {}", open.join("; ")))
    }
}

/// What a phase leaves undone: features neither shipped nor dropped and
/// milestones not reached (`None` when nothing is open).
pub fn open_work(roadmap: &Roadmap, phase: super::model::PhaseId) -> Option<String> {
    let milestones = roadmap
        .milestones
        .iter()
        .filter(|m| m.phase == phase && m.done.is_none())
        .count();
    open_work_of(super::index::Progress::of(roadmap, phase), milestones)
}

/// `open_work` from a phase's progress and its open milestones' count.
pub fn open_work_of(progress: super::index::Progress, open_milestones: usize) -> Option<String> {
    let mut parts = Vec::new();
    if progress.open() > 0 {
        let (open, total) = (progress.open(), progress.total);
        parts.push(format!("{open} of {total} features not shipped"));
    }
    if open_milestones > 0 {
        parts.push(super::text::count(open_milestones as i64, "milestone") + " open");
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// Refuses to close a phase with open work (`open_work`) without saying
/// why: the board, the CLI and the store ask the same.
pub fn closing_needs_a_reason(open_work: Option<String>, why: &str) -> Result<(), String> {
    match open_work {
        Some(open) if why.trim().is_empty() => Err(format!(
            "it has open work ({open}): say why it closes anyway"
        )),
        _ => Ok(()),
    }
}

/// A review in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDraft {
    pub kind: ReviewKind,
    pub started_on: NaiveDate,
    pub step: ReviewStep,
    pub notes: String,
    /// Next week's ONE feature, once chosen.
    pub chosen: Option<FeatureKey>,
    /// What was decided along the way, for the change-log summary.
    pub decisions: Vec<String>,
    /// What the chosen feature goes without, each skipped with a reason
    /// (the reason is among the decisions).
    #[serde(default)]
    pub skipped: Vec<Readiness>,
    /// The outcome checks answered in the review, recorded with it.
    #[serde(default)]
    pub outcomes: Vec<(FeatureKey, super::outcome::OutcomeRecord)>,
}

/// What the method asks of next week's ONE feature before it is chosen:
/// why now, a success metric, a target. Each is given or skipped with a
/// reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Readiness {
    Why,
    Metric,
    Target,
}

impl Readiness {
    pub fn phrase(self) -> &'static str {
        match self {
            Readiness::Why => "why now",
            Readiness::Metric => "success metric",
            Readiness::Target => "target date",
        }
    }

    /// What `feature` lacks of the three, in the method's order, leaving
    /// out those already `skipped`.
    pub fn missing(feature: &Feature, skipped: &[Readiness]) -> Vec<Readiness> {
        [
            (Readiness::Why, feature.why.trim().is_empty()),
            (Readiness::Metric, feature.metric.trim().is_empty()),
            (Readiness::Target, feature.target.is_none()),
        ]
        .into_iter()
        .filter(|(r, lacking)| *lacking && !skipped.contains(r))
        .map(|(r, _)| r)
        .collect()
    }
}

impl ReviewDraft {
    pub fn new(kind: ReviewKind, today: NaiveDate) -> Self {
        ReviewDraft {
            kind,
            started_on: today,
            step: ReviewStep::first(kind),
            notes: String::new(),
            chosen: None,
            decisions: Vec::new(),
            skipped: Vec::new(),
            outcomes: Vec::new(),
        }
    }

    /// Why the review cannot be recorded as it is: next week's ONE lacks a
    /// why now, a success metric or a target that was not skipped with a
    /// reason. The method's rule, whichever front end records the review.
    pub fn unready(&self, roadmap: &Roadmap) -> Option<String> {
        let chosen = self.chosen.and_then(|k| roadmap.feature_by_key(k))?;
        let missing = Readiness::missing(chosen, &self.skipped);
        (!missing.is_empty()).then(|| {
            let names: Vec<&str> = missing.iter().map(|r| r.phrase()).collect();
            format!(
                "next week's ONE, {}, has no {}: give it or skip it with a reason",
                chosen.label(),
                names.join(", ")
            )
        })
    }

    /// The change-log line that records the review.
    pub fn summary(&self, roadmap: &Roadmap) -> String {
        let chosen = self
            .chosen
            .and_then(|k| roadmap.feature_by_key(k))
            .map_or("no next feature chosen".to_owned(), |f| {
                format!("next ONE feature {}", f.label())
            });
        let outcomes = self
            .outcomes
            .iter()
            .map(|(key, record)| format!("{key} {}", record.result.phrase()));
        let decisions: Vec<String> = self.decisions.iter().cloned().chain(outcomes).collect();
        let decisions = if decisions.is_empty() {
            String::new()
        } else {
            format!("; {}", decisions.join("; "))
        };
        format!("{} review: {chosen}{decisions}", self.kind)
    }
}

/// Candidates for next week's ONE feature, every planned one, ordered by
/// what the method says matters: dependencies shipped first, then priority
/// (P0 first), then the nearest target, then phase and card order. Those
/// that wait on a dependency come last (`unmet_dependencies` says why).
pub fn next_candidates<'r>(roadmap: &'r Roadmap, index: &RoadmapIndex) -> Vec<&'r Feature> {
    let phase_rank = |f: &Feature| {
        f.phase
            .and_then(|p| roadmap.phases.iter().position(|x| x.id == p))
            .unwrap_or(usize::MAX)
    };
    let mut candidates: Vec<&Feature> = roadmap
        .features
        .iter()
        .filter(|f| f.status == FeatureStatus::Planned)
        .collect();
    candidates.sort_by_cached_key(|f| {
        (
            index.unmet(roadmap, f.id).next().is_some(),
            f.priority.unwrap_or(Priority::P3),
            f.priority.is_none(),
            f.target.is_none(),
            f.target,
            phase_rank(f),
            f.position,
        )
    });
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_in_order() {
        let weekly = ReviewKind::Weekly;
        assert_eq!(
            ReviewStep::ActiveFeature.next(weekly),
            Some(ReviewStep::Outcomes)
        );
        assert_eq!(
            ReviewStep::Outcomes.next(weekly),
            Some(ReviewStep::Blockers)
        );
        assert_eq!(ReviewStep::Notes.next(weekly), None);
        assert_eq!(ReviewStep::ActiveFeature.previous(weekly), None);
        assert_eq!(
            ReviewStep::Notes.previous(weekly),
            Some(ReviewStep::NextFeature)
        );
        assert_eq!(ReviewStep::NextFeature.number(weekly), 5);
        assert_eq!(ReviewStep::first(ReviewKind::Monthly), ReviewStep::Phases);
        assert_eq!(
            ReviewStep::Phases.next(ReviewKind::Quarterly),
            Some(ReviewStep::ActiveFeature)
        );
        assert_eq!(ReviewStep::Notes.title(ReviewKind::Quarterly), "Pivot note");
    }
}

#[cfg(test)]
mod stats_tests {
    use super::*;
    use crate::domain::model::*;

    #[test]
    fn shipped_per_week_median_and_days_since() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let mut roadmap = Roadmap::empty("t");
        for (n, started, shipped) in [(1, 2, 6), (2, 6, 20), (3, 16, 22)] {
            let mut f = Feature::new(FeatureKey(n), "x", FeatureStatus::Shipped);
            f.started = Some(day(started));
            f.shipped = Some(day(shipped));
            roadmap.features.push(f);
        }
        let s = stats(&roadmap, day(23));
        assert_eq!(
            s.shipped_per_week[11], 2,
            "this week: the 20th and the 22nd"
        );
        assert_eq!(s.shipped_per_week[9], 1, "two weeks back: the 6th");
        assert_eq!(s.median_days, Some(6));
        assert_eq!(s.days_since_last_ship, Some(1));
    }
}

/// The review's history panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Features shipped in each of the last 12 weeks, oldest first.
    pub shipped_per_week: Vec<u64>,
    /// Median days from start to ship (`None` before anything shipped).
    pub median_days: Option<i64>,
    pub days_since_last_ship: Option<i64>,
}

pub fn stats(roadmap: &Roadmap, today: NaiveDate) -> Stats {
    const WEEKS: i64 = 12;
    let mut shipped_per_week = vec![0u64; WEEKS as usize];
    let mut last: Option<NaiveDate> = None;
    for f in roadmap
        .features
        .iter()
        .filter(|f| f.status == FeatureStatus::Shipped)
    {
        let Some(shipped) = f.shipped else { continue };
        let weeks_ago = (today - shipped).num_days().div_euclid(7);
        if (0..WEEKS).contains(&weeks_ago) {
            shipped_per_week[(WEEKS - 1 - weeks_ago) as usize] += 1;
        }
        last = last.max(Some(shipped));
    }
    Stats {
        shipped_per_week,
        median_days: super::schedule::median_days_to_ship(roadmap).map(|(median, _)| median),
        days_since_last_ship: last.map(|d| (today - d).num_days()),
    }
}

/// Which review is due on `today`: the monthly one on the first review day
/// of a month without one, the weekly one on the review day or once a week
/// has passed — unless a review of that kind happened in the last 6 days.
pub fn due(roadmap: &Roadmap, today: NaiveDate, review_day: chrono::Weekday) -> Option<ReviewKind> {
    use chrono::Datelike;
    let last = |kind: ReviewKind| {
        roadmap
            .reviews
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.date)
            .max()
    };
    let recent = |date: Option<NaiveDate>| date.is_some_and(|d| (today - d).num_days() <= 6);
    let review_day_today = today.weekday() == review_day;
    let monthly_done = last(ReviewKind::Monthly)
        .is_some_and(|d| d.year() == today.year() && d.month() == today.month());
    if review_day_today && today.day() <= 7 && !monthly_done {
        return Some(ReviewKind::Monthly);
    }
    // A monthly or quarterly review covers the week too.
    let last_any = roadmap.reviews.iter().map(|r| r.date).max();
    if recent(last_any) {
        return None;
    }
    match last(ReviewKind::Weekly).or(last_any) {
        Some(_) => Some(ReviewKind::Weekly),
        None => review_day_today.then_some(ReviewKind::Weekly),
    }
}

/// What came into the parking lot since the last review (of any kind): the
/// date of that review, the parked features added since, the new requests.
pub fn new_since_last_review(
    roadmap: &Roadmap,
) -> (
    Option<NaiveDate>,
    Vec<&Feature>,
    Vec<&super::model::CustomerRequest>,
) {
    let since = roadmap.reviews.iter().map(|r| r.date).max();
    let after = |date: Option<NaiveDate>| match (since, date) {
        (Some(since), Some(date)) => date > since,
        // Undated items, or no review yet: everything is new.
        _ => true,
    };
    let parked = roadmap.parked().filter(|f| after(f.created)).collect();
    let requests = roadmap
        .requests
        .iter()
        .filter(|r| r.status == super::model::RequestStatus::New && after(r.requested_on))
        .collect();
    (since, parked, requests)
}

#[cfg(test)]
mod due_tests {
    use super::*;
    use crate::domain::model::*;

    fn review(date: NaiveDate, kind: ReviewKind) -> Review {
        Review {
            id: ReviewId(1),
            date,
            kind,
            notes: String::new(),
            chosen: None,
        }
    }

    #[test]
    fn weekly_on_the_review_day_monthly_on_the_first_one() {
        let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let fri = chrono::Weekday::Fri;
        let mut r = Roadmap::empty("t");
        assert_eq!(
            due(&r, day(11, 23), fri),
            None,
            "a Monday with no review yet"
        );
        assert_eq!(due(&r, day(11, 27), fri), Some(ReviewKind::Weekly));
        assert_eq!(
            due(&r, day(12, 4), fri),
            Some(ReviewKind::Monthly),
            "the first Friday of December"
        );
        r.reviews.push(review(day(11, 27), ReviewKind::Weekly));
        assert_eq!(due(&r, day(11, 30), fri), None, "reviewed three days ago");
        assert_eq!(
            due(&r, day(12, 9), fri),
            Some(ReviewKind::Weekly),
            "a week has passed"
        );
        r.reviews.push(review(day(12, 4), ReviewKind::Monthly));
        assert_eq!(
            due(&r, day(12, 8), fri),
            None,
            "the monthly covers the week"
        );
    }
}
