//! The read model: what screens and reports look up again and again,
//! worked out once per change instead of scanning the roadmap each time
//! (features by key and id, each phase's features and progress, the
//! dependencies both ways, the blockers holding each feature up, the
//! requests asking for it). Asking the roadmap feature by feature costs
//! features × dependencies (20 million steps at 10,000 features and 2,000
//! dependencies); building this costs features + dependencies. The board
//! rebuilds it beside the forecast, a CLI listing once; one-off reports ask
//! `Progress::of` directly.

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

/// Lookups into one snapshot of the roadmap, by position in its lists:
/// asked with that same snapshot.
#[derive(Debug, Clone, Default)]
pub struct RoadmapIndex {
    by_key: FxHashMap<FeatureKey, usize>,
    by_id: FxHashMap<FeatureId, usize>,
    by_phase: FxHashMap<PhaseId, Vec<usize>>,
    progress: FxHashMap<PhaseId, Progress>,
    /// Features: what each needs shipped first, what waits on each.
    needs: FxHashMap<FeatureId, Vec<usize>>,
    needed_by: FxHashMap<FeatureId, Vec<usize>>,
    /// Blockers holding each feature up now.
    blocked_by: FxHashMap<FeatureId, Vec<usize>>,
    /// Requests linked to each feature.
    asked_for: FxHashMap<FeatureId, Vec<usize>>,
}

impl RoadmapIndex {
    pub fn of(roadmap: &Roadmap) -> RoadmapIndex {
        let features = roadmap.features.len();
        let mut index = RoadmapIndex {
            by_key: FxHashMap::with_capacity_and_hasher(features, Default::default()),
            by_id: FxHashMap::with_capacity_and_hasher(features, Default::default()),
            ..RoadmapIndex::default()
        };
        for (at, feature) in roadmap.features.iter().enumerate() {
            index.by_key.insert(feature.key, at);
            index.by_id.insert(feature.id, at);
            if let Some(phase) = feature.phase {
                index.by_phase.entry(phase).or_default().push(at);
            }
        }
        for phase in &roadmap.phases {
            let features = index.positions_in(phase.id).iter();
            let progress = Progress::counting(features.map(|&at| &roadmap.features[at]));
            index.progress.insert(phase.id, progress);
        }
        index.link(roadmap);
        index
    }

    /// The dependencies both ways, the blockers and the requests.
    fn link(&mut self, roadmap: &Roadmap) {
        for d in &roadmap.dependencies {
            if let (Some(&on), Some(&by)) =
                (self.by_id.get(&d.depends_on), self.by_id.get(&d.feature))
            {
                self.needs.entry(d.feature).or_default().push(on);
                self.needed_by.entry(d.depends_on).or_default().push(by);
            }
        }
        for (at, blocker) in roadmap.blockers.iter().enumerate() {
            if let Some(feature) = blocker.feature.filter(|_| blocker.blocks_now()) {
                self.blocked_by.entry(feature).or_default().push(at);
            }
        }
        for (at, request) in roadmap.requests.iter().enumerate() {
            if let Some(feature) = request.feature {
                self.asked_for.entry(feature).or_default().push(at);
            }
        }
    }

    /// The feature `id` of `roadmap` (the snapshot this index was built on).
    pub fn feature<'r>(&self, roadmap: &'r Roadmap, id: FeatureId) -> Option<&'r Feature> {
        self.by_id.get(&id).map(|&at| &roadmap.features[at])
    }

    /// What `id` needs shipped first.
    pub fn needs<'r>(
        &self,
        roadmap: &'r Roadmap,
        id: FeatureId,
    ) -> impl Iterator<Item = &'r Feature> {
        picked(&self.needs, id, &roadmap.features)
    }

    /// What waits on `id`.
    pub fn needed_by<'r>(
        &self,
        roadmap: &'r Roadmap,
        id: FeatureId,
    ) -> impl Iterator<Item = &'r Feature> {
        picked(&self.needed_by, id, &roadmap.features)
    }

    /// What `id` needs that has not shipped, as `Roadmap::unmet_dependencies`.
    pub fn unmet<'r>(
        &self,
        roadmap: &'r Roadmap,
        id: FeatureId,
    ) -> impl Iterator<Item = &'r Feature> {
        self.needs(roadmap, id)
            .filter(|f| f.status != FeatureStatus::Shipped)
    }

    /// Whether `id` is in the dependency graph at all (needs or is needed).
    pub fn takes_part(&self, id: FeatureId) -> bool {
        self.needs.contains_key(&id) || self.needed_by.contains_key(&id)
    }

    /// The blockers holding `id` up now, as `Roadmap::open_blockers`.
    pub fn blockers<'r>(
        &self,
        roadmap: &'r Roadmap,
        id: FeatureId,
    ) -> impl Iterator<Item = &'r Blocker> {
        picked(&self.blocked_by, id, &roadmap.blockers)
    }

    /// The requests linked to `id`.
    pub fn requests<'r>(
        &self,
        roadmap: &'r Roadmap,
        id: FeatureId,
    ) -> impl Iterator<Item = &'r CustomerRequest> {
        picked(&self.asked_for, id, &roadmap.requests)
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
}

/// The positions `map` holds for `id` (none when it holds nothing).
fn positions<K: std::hash::Hash + Eq>(map: &FxHashMap<K, Vec<usize>>, id: K) -> &[usize] {
    map.get(&id).map_or(&[], Vec::as_slice)
}

/// The items of `list` at the positions `map` holds for `id`.
fn picked<'r, T>(
    map: &FxHashMap<FeatureId, Vec<usize>>,
    id: FeatureId,
    list: &'r [T],
) -> impl Iterator<Item = &'r T> {
    positions(map, id).iter().map(move |&at| &list[at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_answers_as_the_roadmap_does() {
        let mut roadmap = Roadmap::empty("graph");
        for (n, status) in [
            (1, FeatureStatus::Shipped),
            (2, FeatureStatus::Planned),
            (3, FeatureStatus::Planned),
            (4, FeatureStatus::Planned),
        ] {
            let mut f = Feature::new(FeatureKey(n), format!("F{n}"), status);
            f.id = FeatureId(i64::from(n));
            roadmap.features.push(f);
        }
        for (feature, on) in [(2, 1), (3, 1), (3, 2)] {
            roadmap.dependencies.push(Dependency {
                feature: FeatureId(feature),
                depends_on: FeatureId(on),
            });
        }
        let index = RoadmapIndex::of(&roadmap);
        let keys = |fs: Vec<&Feature>| fs.iter().map(|f| f.key.0).collect::<Vec<_>>();
        for f in &roadmap.features {
            assert_eq!(
                keys(index.unmet(&roadmap, f.id).collect()),
                keys(roadmap.unmet_dependencies(f.id)),
                "{}",
                f.title
            );
            assert_eq!(index.feature(&roadmap, f.id).map(|f| f.key), Some(f.key));
        }
        assert_eq!(keys(index.needs(&roadmap, FeatureId(3)).collect()), [1, 2]);
        assert_eq!(
            keys(index.needed_by(&roadmap, FeatureId(1)).collect()),
            [2, 3]
        );
        assert!(!index.takes_part(FeatureId(4)));
    }

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
