//! The read model: what screens and reports look up again and again,
//! worked out once per change instead of scanning the roadmap each time
//! (features by key, each phase's features and progress, what holds each
//! feature up). The board rebuilds it beside the forecast; one-off reports
//! ask `Progress::of` directly.

use rustc_hash::FxHashMap;

use super::machine::FeatureStatus;
use super::model::*;

/// How far a phase is: its shipped features of those it counts. Dropped
/// features are not the phase's work any more and are left out, here and
/// only here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub shipped: usize,
    pub total: usize,
}

impl Progress {
    /// The progress of `phase` in `roadmap`.
    pub fn of(roadmap: &Roadmap, phase: PhaseId) -> Progress {
        Progress::counting(roadmap.features_in(phase))
    }

    fn counting<'a>(features: impl Iterator<Item = &'a Feature>) -> Progress {
        features
            .filter(|f| f.status != FeatureStatus::Dropped)
            .fold(Progress::default(), |p, f| Progress {
                shipped: p.shipped + usize::from(f.status == FeatureStatus::Shipped),
                total: p.total + 1,
            })
    }

    /// Features counted that have not shipped.
    pub fn open(&self) -> usize {
        self.total - self.shipped
    }
}

/// Lookups into one snapshot of the roadmap, by position in its lists.
#[derive(Debug, Clone, Default)]
pub struct RoadmapIndex {
    by_key: FxHashMap<FeatureKey, usize>,
    by_phase: FxHashMap<PhaseId, Vec<usize>>,
    progress: FxHashMap<PhaseId, Progress>,
    open_blockers: FxHashMap<FeatureId, usize>,
}

impl RoadmapIndex {
    pub fn of(roadmap: &Roadmap) -> RoadmapIndex {
        let mut index = RoadmapIndex::default();
        for (at, feature) in roadmap.features.iter().enumerate() {
            index.by_key.insert(feature.key, at);
            if let Some(phase) = feature.phase {
                index.by_phase.entry(phase).or_default().push(at);
            }
        }
        for phase in &roadmap.phases {
            let features = index.positions_in(phase.id).iter();
            let progress = Progress::counting(features.map(|&at| &roadmap.features[at]));
            index.progress.insert(phase.id, progress);
        }
        for blocker in roadmap.blocking_now() {
            if let Some(feature) = blocker.feature {
                *index.open_blockers.entry(feature).or_default() += 1;
            }
        }
        index
    }

    /// Where the feature `key` is in the roadmap's list.
    pub fn position(&self, key: FeatureKey) -> Option<usize> {
        self.by_key.get(&key).copied()
    }

    /// The positions of `phase`'s features, in board order.
    pub fn positions_in(&self, phase: PhaseId) -> &[usize] {
        self.by_phase.get(&phase).map_or(&[], Vec::as_slice)
    }

    pub fn progress(&self, phase: PhaseId) -> Progress {
        self.progress.get(&phase).copied().unwrap_or_default()
    }

    /// The blockers holding `feature` up now.
    pub fn open_blockers(&self, feature: FeatureId) -> usize {
        self.open_blockers.get(&feature).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_leaves_dropped_features_out() {
        let mut roadmap = Roadmap::empty(String::from("r"));
        let phase = PhaseId(1);
        roadmap.phases.push(Phase {
            id: phase,
            name: "MVP".into(),
            goal: String::new(),
            start: None,
            end: None,
            status: PhaseStatus::InProgress,
            position: 1,
        });
        for (n, status) in [
            FeatureStatus::Shipped,
            FeatureStatus::Planned,
            FeatureStatus::Dropped,
        ]
        .into_iter()
        .enumerate()
        {
            let mut f = Feature::new(FeatureKey(n as u32 + 1), format!("F{n}"), status);
            f.id = FeatureId(n as i64 + 1);
            f.phase = Some(phase);
            roadmap.features.push(f);
        }
        let expected = Progress {
            shipped: 1,
            total: 2,
        };
        assert_eq!(Progress::of(&roadmap, phase), expected);
        let index = RoadmapIndex::of(&roadmap);
        assert_eq!(index.progress(phase), expected);
        assert_eq!(index.positions_in(phase), [0, 1, 2]);
        assert_eq!(index.position(FeatureKey(3)), Some(2));
        assert_eq!(expected.open(), 1);
    }
}
