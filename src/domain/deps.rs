//! The dependency graph: cycle detection (with the path, for the refusal)
//! and a topological order.

use rustc_hash::{FxHashMap, FxHashSet};

use thiserror::Error;

use super::model::{Dependency, FeatureId};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DependencyError {
    #[error("{feature} cannot depend on itself")]
    OnItself { feature: String },
    #[error("refused: that dependency would close a cycle {path}")]
    Cycle { path: String },
}

/// A shipped feature waiting for one not done.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{feature} is shipped: it cannot wait for {on}, which is {status}")]
pub struct ShippedWaits {
    pub feature: String,
    pub on: String,
    pub status: &'static str,
}

/// Whether a shipped feature may depend on `on`: it shipped, or it was
/// dropped.
pub fn settled(on: &super::Feature) -> bool {
    use super::FeatureStatus::{Dropped, Shipped};
    matches!(on.status, Shipped | Dropped)
}

/// A shipped feature cannot depend on one that is not done: what it waits
/// for ships first (or is dropped).
pub fn check_dependency_states(
    feature: &super::Feature,
    depends_on: &super::Feature,
) -> Result<(), ShippedWaits> {
    if feature.status == super::FeatureStatus::Shipped && !settled(depends_on) {
        return Err(ShippedWaits {
            feature: feature.label(),
            on: depends_on.label(),
            status: depends_on.status.phrase(),
        });
    }
    Ok(())
}

/// Why a new dependency is refused: the states of the two features, or
/// the graph it would make.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum EdgeRefusal {
    #[error(transparent)]
    States(#[from] ShippedWaits),
    #[error(transparent)]
    Graph(#[from] DependencyError),
}

/// Whether `feature` may come to depend on `on` beside the `existing`
/// edges: the same rules wherever a dependency is made (the store, a
/// document's reader).
pub fn check_edge(
    feature: &super::Feature,
    on: &super::Feature,
    existing: &[Dependency],
    name: impl Fn(FeatureId) -> String,
) -> Result<(), EdgeRefusal> {
    check_dependency_states(feature, on)?;
    let edge = Dependency {
        feature: feature.id,
        depends_on: on.id,
    };
    check_new_dependency(existing, edge, name)?;
    Ok(())
}

/// Adjacency list: feature → what it depends on.
fn graph(edges: &[Dependency]) -> FxHashMap<FeatureId, Vec<FeatureId>> {
    let mut graph: FxHashMap<FeatureId, Vec<FeatureId>> = FxHashMap::default();
    for edge in edges {
        graph.entry(edge.feature).or_default().push(edge.depends_on);
    }
    graph
}

/// The path `from → … → to` along existing edges, if there is one
/// (breadth-first, so the shortest).
fn path(
    graph: &FxHashMap<FeatureId, Vec<FeatureId>>,
    from: FeatureId,
    to: FeatureId,
) -> Option<Vec<FeatureId>> {
    let mut came_from: FxHashMap<FeatureId, FeatureId> = FxHashMap::default();
    let mut queue = std::collections::VecDeque::from([from]);
    let mut seen = FxHashSet::from_iter([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            let mut path = vec![to];
            let mut cursor = to;
            while let Some(&previous) = came_from.get(&cursor) {
                path.push(previous);
                cursor = previous;
            }
            path.reverse();
            return Some(path);
        }
        for &next in graph.get(&node).into_iter().flatten() {
            if seen.insert(next) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

/// Checks that adding `new` to `existing` keeps the graph acyclic. `name`
/// renders a feature for the message (its key).
pub fn check_new_dependency(
    existing: &[Dependency],
    new: Dependency,
    name: impl Fn(FeatureId) -> String,
) -> Result<(), DependencyError> {
    if new.feature == new.depends_on {
        return Err(DependencyError::OnItself {
            feature: name(new.feature),
        });
    }
    // The new edge feature → depends_on closes a cycle exactly when
    // depends_on already reaches feature.
    match path(&graph(existing), new.depends_on, new.feature) {
        None => Ok(()),
        Some(back) => {
            let names: Vec<String> = std::iter::once(new.feature)
                .chain(back)
                .map(&name)
                .collect();
            Err(DependencyError::Cycle {
                path: names.join(" → "),
            })
        }
    }
}

/// Orders `nodes` so that every feature comes after what it depends on,
/// keeping the given order wherever the dependencies allow (Kahn's
/// algorithm with the input order as tie-break). Edges to features outside
/// `nodes` are ignored; any cycle is reported with its path.
pub fn topological_order(
    nodes: &[FeatureId],
    edges: &[Dependency],
) -> Result<Vec<FeatureId>, Vec<FeatureId>> {
    let rank: FxHashMap<FeatureId, usize> =
        nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut waiting_on = vec![0usize; nodes.len()];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for edge in edges {
        if let (Some(&f), Some(&d)) = (rank.get(&edge.feature), rank.get(&edge.depends_on)) {
            waiting_on[f] += 1;
            dependents[d].push(f);
        }
    }
    // The lowest-ranked ready node first: the given order wherever the
    // dependencies allow it.
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<usize>> = (0..nodes.len())
        .filter(|&i| waiting_on[i] == 0)
        .map(std::cmp::Reverse)
        .collect();
    let mut order = Vec::with_capacity(nodes.len());
    while let Some(std::cmp::Reverse(next)) = ready.pop() {
        order.push(nodes[next]);
        for &dependent in &dependents[next] {
            waiting_on[dependent] -= 1;
            if waiting_on[dependent] == 0 {
                ready.push(std::cmp::Reverse(dependent));
            }
        }
    }
    if order.len() == nodes.len() {
        return Ok(order);
    }
    let stuck: Vec<FeatureId> = (0..nodes.len())
        .filter(|&i| waiting_on[i] > 0)
        .map(|i| nodes[i])
        .collect();
    Err(find_cycle(&graph(edges), &stuck).unwrap_or(stuck))
}

/// A cycle through one of `candidates`, as `a → b → … → a`.
fn find_cycle(
    graph: &FxHashMap<FeatureId, Vec<FeatureId>>,
    candidates: &[FeatureId],
) -> Option<Vec<FeatureId>> {
    candidates.iter().find_map(|&start| {
        graph.get(&start)?.iter().find_map(|&next| {
            let mut cycle = path(graph, next, start)?;
            cycle.insert(0, start);
            Some(cycle)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(feature: i64, depends_on: i64) -> Dependency {
        Dependency {
            feature: FeatureId(feature),
            depends_on: FeatureId(depends_on),
        }
    }

    fn name(id: FeatureId) -> String {
        format!("F{}", id.0)
    }

    #[test]
    fn a_cycle_is_refused_with_its_path() {
        let existing = [edge(2, 1), edge(3, 2)];
        assert_eq!(check_new_dependency(&existing, edge(4, 3), name), Ok(()));
        assert_eq!(
            check_new_dependency(&existing, edge(1, 3), name)
                .unwrap_err()
                .to_string(),
            "refused: that dependency would close a cycle F1 → F3 → F2 → F1"
        );
        assert_eq!(
            check_new_dependency(&existing, edge(5, 5), name)
                .unwrap_err()
                .to_string(),
            "F5 cannot depend on itself"
        );
    }

    #[test]
    fn topological_order_keeps_the_given_order_where_it_can() {
        let nodes: Vec<FeatureId> = [1, 2, 3, 4].map(FeatureId).to_vec();
        // 1 needs 3; the rest keep their order.
        assert_eq!(
            topological_order(&nodes, &[edge(1, 3)]).unwrap(),
            [2, 3, 1, 4].map(FeatureId).to_vec()
        );
        assert_eq!(
            topological_order(&nodes, &[edge(1, 2), edge(2, 1)]).unwrap_err(),
            [1, 2, 1].map(FeatureId).to_vec()
        );
    }
}
