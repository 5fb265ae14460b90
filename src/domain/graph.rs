//! The dependency graph indexed both ways, built once for a screen. Asking
//! the roadmap feature by feature costs features × dependencies (20
//! million steps at 10,000 features and 2,000 dependencies, about 100 ms a
//! frame); this costs features + dependencies.

use std::collections::HashMap;

use super::machine::FeatureStatus;
use super::model::{Feature, FeatureId, Roadmap};

pub struct DependencyIndex<'a> {
    features: HashMap<FeatureId, &'a Feature>,
    needs: HashMap<FeatureId, Vec<FeatureId>>,
    needed_by: HashMap<FeatureId, Vec<FeatureId>>,
}

impl<'a> DependencyIndex<'a> {
    pub fn new(roadmap: &'a Roadmap) -> Self {
        let features = roadmap.features.iter().map(|f| (f.id, f)).collect();
        let mut needs: HashMap<FeatureId, Vec<FeatureId>> = HashMap::new();
        let mut needed_by: HashMap<FeatureId, Vec<FeatureId>> = HashMap::new();
        for d in &roadmap.dependencies {
            needs.entry(d.feature).or_default().push(d.depends_on);
            needed_by.entry(d.depends_on).or_default().push(d.feature);
        }
        DependencyIndex {
            features,
            needs,
            needed_by,
        }
    }

    fn of(&self, ids: Option<&Vec<FeatureId>>) -> Vec<&'a Feature> {
        ids.into_iter()
            .flatten()
            .filter_map(|id| self.features.get(id).copied())
            .collect()
    }

    /// What `id` needs shipped first.
    pub fn needs(&self, id: FeatureId) -> Vec<&'a Feature> {
        self.of(self.needs.get(&id))
    }

    /// What waits on `id`.
    pub fn needed_by(&self, id: FeatureId) -> Vec<&'a Feature> {
        self.of(self.needed_by.get(&id))
    }

    /// Whether `id` is in the graph at all (needs or is needed).
    pub fn takes_part(&self, id: FeatureId) -> bool {
        self.needs.contains_key(&id) || self.needed_by.contains_key(&id)
    }

    /// The features in the graph, in board order (the tracks' rows).
    pub fn taking_part<'r>(&self, roadmap: &'r Roadmap) -> Vec<&'r Feature> {
        roadmap
            .features
            .iter()
            .filter(|f| self.takes_part(f.id))
            .collect()
    }

    /// Whether something `id` needs has not shipped (as
    /// `Roadmap::unmet_dependencies` says, for one feature).
    pub fn waits(&self, id: FeatureId) -> bool {
        self.needs(id)
            .iter()
            .any(|f| f.status != FeatureStatus::Shipped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Dependency, FeatureKey};

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
        let index = DependencyIndex::new(&roadmap);
        for f in &roadmap.features {
            assert_eq!(
                index.waits(f.id),
                !roadmap.unmet_dependencies(f.id).is_empty(),
                "{}",
                f.title
            );
        }
        let keys = |fs: Vec<&Feature>| fs.iter().map(|f| f.key.0).collect::<Vec<_>>();
        assert_eq!(keys(index.needs(FeatureId(3))), vec![1, 2]);
        assert_eq!(keys(index.needed_by(FeatureId(1))), vec![2, 3]);
        assert!(!index.takes_part(FeatureId(4)));
    }
}
