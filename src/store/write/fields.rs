//! The editable fields of phases and features, and the three-way merge of
//! a form's save.

use super::*;

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

    pub(super) fn validate(&self) -> Result<()> {
        if self.title.trim().is_empty() {
            return Err(StoreError::Invalid {
                field: "title",
                message: "a feature needs a title".into(),
            });
        }
        for (field, value) in [
            ("title", &self.title),
            ("owner", &self.owner),
            ("link", &self.link),
            ("reconsider when", &self.reconsider_when),
        ] {
            single_line(field, value)?;
        }
        for (field, value) in [
            ("description", &self.description),
            ("why", &self.why),
            ("metric", &self.metric),
            ("pilot feedback", &self.pilot_feedback),
            ("why interesting", &self.why_interesting),
            ("why deferred", &self.why_deferred),
        ] {
            multi_line(field, value)?;
        }
        for (field, value) in [("impact", self.impact), ("effort", self.effort)] {
            if value.is_some_and(|v| !(1..=5).contains(&v)) {
                return Err(StoreError::Invalid {
                    field,
                    message: format!("{} is out of range (1 to 5)", value.unwrap_or_default()),
                });
            }
        }
        Ok(())
    }

    /// Writes these fields onto `feature`, returning the names of those that changed.
    pub(super) fn apply_to(&self, feature: &mut Feature) -> Vec<&'static str> {
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
pub(super) use {feature_fields, three_way};

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
