//! The Friday stakeholder update: what shipped in the period, the ONE now
//! and what is next, blockers and the asks they imply, milestones, the
//! forecast's drift against the plan, and the requests that came in. Built
//! from the public subset only: private, parked and dropped work stays out.

use chrono::NaiveDate;
use serde::Serialize;

use super::public::{PublicFeature, PublishSettings, is_public, public_roadmap};
use super::schedule::forecast;
use super::*;

#[derive(Debug, Clone, Serialize)]
pub struct StakeholderUpdate {
    pub title: String,
    /// The period: from (exclusive of nothing: the day itself counts) to today.
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub shipped: Vec<PublicFeature>,
    /// Outcome checks made in the period: did what shipped work?
    pub outcomes: Vec<OutcomeNote>,
    pub now: Vec<PublicFeature>,
    pub next: Vec<PublicFeature>,
    pub blockers: Vec<BlockerNote>,
    pub milestones_hit: Vec<MilestoneNote>,
    pub milestones_coming: Vec<MilestoneNote>,
    /// Milestones whose target has passed unreached: said, not hidden.
    pub milestones_missed: Vec<MilestoneNote>,
    pub drift: Vec<Drift>,
    pub requests: Vec<RequestNote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeNote {
    pub feature: String,
    /// hit, partly, missed or too early.
    pub result: &'static str,
    pub value: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockerNote {
    pub feature: String,
    pub waiting_for: String,
    pub eta: Option<NaiveDate>,
    pub mitigation: String,
    /// What a reader could do: "help with: bank API keys".
    pub ask: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneNote {
    pub text: String,
    pub phase: String,
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Drift {
    #[serde(skip)]
    pub id: PhaseId,
    pub phase: String,
    pub planned_end: NaiveDate,
    pub forecast_end: NaiveDate,
    /// Positive: later than planned.
    pub days: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestNote {
    pub text: String,
    /// Who asked, when the settings show requesters.
    pub by: Option<String>,
    pub on: Option<NaiveDate>,
}

/// The day the period starts: the last review's, else a week ago.
pub fn since_last_review(roadmap: &Roadmap, today: NaiveDate) -> NaiveDate {
    roadmap
        .reviews
        .iter()
        .map(|r| r.date)
        .filter(|d| *d < today)
        .max()
        .unwrap_or(today - chrono::Days::new(7))
}

pub fn stakeholder_update(
    roadmap: &Roadmap,
    settings: &PublishSettings,
    since: NaiveDate,
    today: NaiveDate,
    default_velocity: i64,
) -> StakeholderUpdate {
    // The update is for people close to the company: real dates always.
    let settings = PublishSettings {
        show_dates: true,
        ..settings.clone()
    };
    let public = public_roadmap(roadmap, &settings, today);
    let in_period = |d: Option<NaiveDate>| d.is_some_and(|d| d >= since && d <= today);
    let milestone = |m: &super::public::PublicMilestone, date| MilestoneNote {
        text: m.text.clone(),
        phase: m.phase.clone(),
        date,
    };
    StakeholderUpdate {
        title: public.title.clone(),
        since,
        until: today,
        shipped: public
            .shipped
            .iter()
            .filter(|f| in_period(f.shipped))
            .cloned()
            .collect(),
        outcomes: roadmap
            .outcomes
            .iter()
            .filter(|o| in_period(o.recorded))
            .filter_map(|o| {
                let feature = roadmap.feature(o.feature).filter(|f| is_public(f))?;
                Some(OutcomeNote {
                    feature: feature.title.clone(),
                    result: o.result?.phrase(),
                    value: o.value.clone(),
                    date: o.recorded?,
                })
            })
            .collect(),
        now: public.now.clone(),
        next: public.next.iter().take(3).cloned().collect(),
        blockers: blockers(roadmap),
        milestones_hit: public
            .milestones
            .iter()
            .filter(|m| in_period(m.done))
            .map(|m| milestone(m, m.done))
            .collect(),
        milestones_coming: public
            .milestones
            .iter()
            .filter(|m| m.done.is_none() && m.target.is_some_and(|t| t >= today))
            .take(3)
            .map(|m| milestone(m, m.target))
            .collect(),
        milestones_missed: public
            .milestones
            .iter()
            .filter(|m| m.done.is_none() && m.target.is_some_and(|t| t < today))
            .map(|m| milestone(m, m.target))
            .collect(),
        drift: drift(roadmap, today, default_velocity),
        requests: roadmap
            .requests
            .iter()
            .filter(|r| in_period(r.requested_on) && r.status != RequestStatus::Declined)
            .map(|r| RequestNote {
                text: r.text.clone(),
                by: settings.show_requesters.then(|| r.askers().join(", ")),
                on: r.requested_on,
            })
            .collect(),
    }
}

/// Open blockers of public features, each with its ask.
fn blockers(roadmap: &Roadmap) -> Vec<BlockerNote> {
    roadmap
        .blocking_now()
        .filter_map(|b| {
            let feature = roadmap.feature(b.feature?).filter(|f| is_public(f))?;
            Some(BlockerNote {
                feature: feature.title.clone(),
                waiting_for: b.waiting_for.clone(),
                eta: b.eta,
                mitigation: b.mitigation.clone(),
                ask: format!(
                    "any help with {} moves {} forward",
                    b.waiting_for, feature.title
                ),
            })
        })
        .collect()
}

/// Phases not complete whose forecast end differs from the planned end:
/// what the update reports and the monthly review offers to adjust.
pub fn drift(roadmap: &Roadmap, today: NaiveDate, default_velocity: i64) -> Vec<Drift> {
    let forecast = forecast(roadmap, today, default_velocity);
    roadmap
        .phases
        .iter()
        .filter(|p| p.status != PhaseStatus::Complete)
        .filter_map(|p| {
            let planned_end = p.end?;
            let forecast_end = forecast.phases.get(&p.id)?.end;
            let days = (forecast_end - planned_end).num_days();
            (days != 0).then(|| Drift {
                id: p.id,
                phase: p.name.clone(),
                planned_end,
                forecast_end,
                days,
            })
        })
        .collect()
}
