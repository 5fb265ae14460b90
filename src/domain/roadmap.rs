//! The roadmap's own questions: a phase, a feature, what it depends on,
//! who holds the ONE slot, what is parked, which blockers hold work up.

use super::machine::FeatureStatus;
use super::model::*;

impl Roadmap {
    /// The position a milestone added to `phase` takes: after its others.
    pub fn next_milestone_position(&self, phase: PhaseId) -> i64 {
        self.milestones.iter().filter(|m| m.phase == phase).count() as i64 + 1
    }

    /// The position a success criterion added to `phase` takes: after its
    /// others.
    pub fn next_criterion_position(&self, phase: PhaseId) -> i64 {
        self.criteria.iter().filter(|c| c.phase == phase).count() as i64 + 1
    }

    /// The largest id of any item (0 for none): a new item's id is above it.
    pub fn max_id(&self) -> i64 {
        (self.phases.iter().map(|p| p.id.0))
            .chain(self.features.iter().map(|f| f.id.0))
            .chain(self.milestones.iter().map(|m| m.id.0))
            .chain(self.criteria.iter().map(|c| c.id.0))
            .chain(self.risks.iter().map(|x| x.id.0))
            .chain(self.requests.iter().map(|x| x.id.0))
            .chain(self.notes.iter().map(|x| x.id.0))
            .max()
            .unwrap_or(0)
    }

    /// A roadmap with a name and nothing else yet.
    pub fn empty(name: impl Into<String>) -> Self {
        Roadmap {
            info: RoadmapInfo {
                name: name.into(),
                horizon: String::new(),
                philosophy: String::new(),
                review_day: chrono::Weekday::Fri,
                up_next: None,
            },
            phases: Vec::new(),
            milestones: Vec::new(),
            criteria: Vec::new(),
            features: Vec::new(),
            dependencies: Vec::new(),
            blockers: Vec::new(),
            requests: Vec::new(),
            foundations: Vec::new(),
            risks: Vec::new(),
            reviews: Vec::new(),
            notes: Vec::new(),
            outcomes: Vec::new(),
        }
    }

    pub fn feature(&self, id: FeatureId) -> Option<&Feature> {
        self.features.iter().find(|f| f.id == id)
    }

    pub fn feature_by_key(&self, key: FeatureKey) -> Option<&Feature> {
        self.features.iter().find(|f| f.key == key)
    }

    pub fn phase(&self, id: PhaseId) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    /// The outcome check of feature `id`, if one was set or recorded.
    pub fn outcome_of(&self, id: FeatureId) -> Option<&super::outcome::FeatureOutcome> {
        self.outcomes.iter().find(|o| o.feature == id)
    }

    /// The feature chosen to come after the ONE, if it is still planned.
    pub fn up_next(&self) -> Option<&Feature> {
        self.info
            .up_next
            .and_then(|id| self.feature(id))
            .filter(|f| f.status == FeatureStatus::Planned)
    }

    /// The feature holding the ONE slot (active or in review), if any.
    pub fn slot_holder(&self) -> Option<&Feature> {
        self.features.iter().find(|f| f.status.holds_slot())
    }

    pub fn features_in(&self, phase: PhaseId) -> impl Iterator<Item = &Feature> {
        self.features.iter().filter(move |f| f.phase == Some(phase))
    }

    pub fn parked(&self) -> impl Iterator<Item = &Feature> {
        self.features
            .iter()
            .filter(|f| f.status == FeatureStatus::Parked)
    }

    /// The features `id` depends on.
    pub fn dependencies_of(&self, id: FeatureId) -> impl Iterator<Item = &Feature> {
        self.dependencies
            .iter()
            .filter(move |d| d.feature == id)
            .filter_map(|d| self.feature(d.depends_on))
    }

    /// The features that depend on `id`.
    pub fn dependents_of(&self, id: FeatureId) -> impl Iterator<Item = &Feature> {
        self.dependencies
            .iter()
            .filter(move |d| d.depends_on == id)
            .filter_map(|d| self.feature(d.feature))
    }

    /// The features `id` depends on that have not shipped.
    pub fn unmet_dependencies(&self, id: FeatureId) -> Vec<&Feature> {
        self.dependencies_of(id)
            .filter(|f| f.status != FeatureStatus::Shipped)
            .collect()
    }

    pub fn open_blockers(&self, id: FeatureId) -> impl Iterator<Item = &Blocker> {
        self.blocking_now().filter(move |b| b.feature == Some(id))
    }

    /// The blockers holding work up now (not resolved, not ahead): what
    /// the review walks through, the index counts and the update names.
    pub fn blocking_now(&self) -> impl Iterator<Item = &Blocker> {
        self.blockers.iter().filter(|b| b.blocks_now())
    }
}
