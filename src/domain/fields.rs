//! The editable fields of the roadmap's rows, as forms, the CLI and agents
//! give them to the store, and the three-way merge of a form's save.

use chrono::NaiveDate;

use super::merge::copy_changed;
use super::model::*;

/// Calls `$m!(prefix… field, field, …)` with the names of every
/// `FeatureFields` field: the one list `apply_to` and `merge` share.
macro_rules! feature_fields {
    ($m:ident ! ($($prefix:tt)*)) => {
        $m!(
            $($prefix)*
            title,
            description,
            why,
            metric,
            priority,
            moscow,
            impact,
            effort,
            target,
            owner,
            link,
            pilot_feedback,
            why_interesting,
            why_deferred,
            reconsider,
            reconsider_when
        )
    };
}

/// The three-way merge of a form's save: the fields `$mine` changed from
/// `$base` (what the form opened on) applied to `$current` (what the file
/// holds now), so another writer's changes to other fields stay. A field
/// changed both here and elsewhere, differently, is a conflict: the names
/// of those come back as the error.
macro_rules! three_way {
    ($base:ident, $mine:ident, $current:ident; $($field:ident),*) => {{
        let mut merged = $current.clone();
        let mut conflicts = Vec::new();
        $(
            if $mine.$field != $base.$field {
                if $current.$field != $base.$field && $current.$field != $mine.$field {
                    conflicts.push(stringify!($field));
                } else {
                    merged.$field = $mine.$field.clone();
                }
            }
        )*
        if conflicts.is_empty() { Ok(merged) } else { Err(conflicts) }
    }};
}

/// The editable fields of a phase.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhaseFields {
    pub name: String,
    pub goal: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub status: Option<PhaseStatus>,
}

impl PhaseFields {
    pub fn of(phase: &Phase) -> Self {
        PhaseFields {
            name: phase.name.clone(),
            goal: phase.goal.clone(),
            start: phase.start,
            end: phase.end,
            status: Some(phase.status),
        }
    }

    /// As `FeatureFields::merge`.
    pub fn merge(base: &Self, mine: &Self, current: &Self) -> Result<Self, Vec<&'static str>> {
        three_way!(base, mine, current; name, goal, start, end, status)
    }
}

/// The editable fields of a feature (everything the card form shows that
/// is not ruled by the state machine).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeatureFields {
    pub title: String,
    pub description: String,
    pub why: String,
    pub metric: String,
    pub priority: Option<Priority>,
    pub moscow: Option<Moscow>,
    pub impact: Option<u8>,
    pub effort: Option<u8>,
    pub target: Option<NaiveDate>,
    pub owner: String,
    pub link: String,
    pub pilot_feedback: String,
    pub why_interesting: String,
    pub why_deferred: String,
    pub reconsider: Option<NaiveDate>,
    pub reconsider_when: String,
}

impl FeatureFields {
    pub fn of(feature: &Feature) -> Self {
        Self {
            title: feature.title.clone(),
            description: feature.description.clone(),
            why: feature.why.clone(),
            metric: feature.metric.clone(),
            priority: feature.priority,
            moscow: feature.moscow,
            impact: feature.impact,
            effort: feature.effort,
            target: feature.target,
            owner: feature.owner.clone(),
            link: feature.link.clone(),
            pilot_feedback: feature.pilot_feedback.clone(),
            why_interesting: feature.why_interesting.clone(),
            why_deferred: feature.why_deferred.clone(),
            reconsider: feature.reconsider,
            reconsider_when: feature.reconsider_when.clone(),
        }
    }

    /// Writes these fields onto `feature`, returning the names of those that changed.
    pub fn apply_to(&self, feature: &mut Feature) -> Vec<&'static str> {
        let mut changed = Vec::new();
        feature_fields!(copy_changed!(feature, self, changed;));
        feature.title = feature.title.trim().to_owned();
        changed
    }

    /// The three-way merge of a form's save: see `three_way!`.
    pub fn merge(base: &Self, mine: &Self, current: &Self) -> Result<Self, Vec<&'static str>> {
        feature_fields!(three_way!(base, mine, current;))
    }
}

/// A new feature: its fields, where it goes (`None`: the parking lot) and
/// what it depends on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewFeature {
    pub fields: FeatureFields,
    pub phase: Option<PhaseId>,
    pub depends_on: Vec<FeatureKey>,
    /// The day it is added (the clock's when not given).
    pub created: Option<NaiveDate>,
    /// Kept off the published roadmap.
    pub private: bool,
}

/// The editable fields of a foundation item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FoundationFields {
    pub what: String,
    pub why: String,
    pub status: Option<FoundationStatus>,
    pub target: Option<NaiveDate>,
}

/// The editable fields of a risk.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RiskFields {
    pub risk: String,
    pub impact: String,
    pub mitigation: String,
}

/// The roadmap's own header: what `roadboard roadmap edit` changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoadmapEdit {
    pub name: Option<String>,
    pub horizon: Option<String>,
    pub philosophy: Option<String>,
    pub review_day: Option<chrono::Weekday>,
}
