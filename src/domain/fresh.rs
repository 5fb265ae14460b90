//! The rows one write changed, as it left them: enough to bring a roadmap
//! held in memory up to date without reading the whole file again (at
//! 10,000 features a whole read costs tens of milliseconds; a reorder
//! touches two rows).

use std::cmp::Ordering;

use super::model::*;

/// Each changed row by its id: `Some` as it is now, `None` when it is gone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FreshRows {
    pub info: Option<RoadmapInfo>,
    pub phases: Vec<(PhaseId, Option<Phase>)>,
    pub milestones: Vec<(MilestoneId, Option<Milestone>)>,
    pub criteria: Vec<(CriterionId, Option<Criterion>)>,
    pub features: Vec<(FeatureId, Option<Feature>)>,
    /// A dependency and whether it exists now.
    pub dependencies: Vec<(Dependency, bool)>,
    pub blockers: Vec<(BlockerId, Option<Blocker>)>,
}

impl Roadmap {
    /// Puts `rows` in place, each list kept in the order a whole read
    /// gives it (the store's `ORDER BY`s), so the result equals a fresh load.
    pub fn refresh(&mut self, rows: FreshRows) {
        if let Some(info) = rows.info {
            self.info = info;
        }
        replace(
            &mut self.phases,
            rows.phases,
            |p| p.id,
            |a, b| (a.position, a.id).cmp(&(b.position, b.id)),
        );
        replace(
            &mut self.milestones,
            rows.milestones,
            |m| m.id,
            |a, b| (a.phase, a.position, a.id).cmp(&(b.phase, b.position, b.id)),
        );
        replace(
            &mut self.criteria,
            rows.criteria,
            |c| c.id,
            |a, b| (a.phase, a.position, a.id).cmp(&(b.phase, b.position, b.id)),
        );
        replace(
            &mut self.features,
            rows.features,
            |f| f.id,
            |a, b| {
                let place = |f: &Feature| (f.phase.is_none(), f.phase, f.position, f.id);
                place(a).cmp(&place(b))
            },
        );
        replace(
            &mut self.blockers,
            rows.blockers,
            |b| b.id,
            |a, b| a.id.cmp(&b.id),
        );
        let dependencies = rows
            .dependencies
            .into_iter()
            .map(|(d, exists)| ((d.feature, d.depends_on), exists.then_some(d)))
            .collect();
        replace(
            &mut self.dependencies,
            dependencies,
            |d| (d.feature, d.depends_on),
            |a, b| (a.feature, a.depends_on).cmp(&(b.feature, b.depends_on)),
        );
    }
}

/// Replaces, adds or removes each of `rows` in `list` by id, then sorts
/// `list` by `order` when anything changed (a stable sort of a list that
/// was sorted but for the changed rows).
fn replace<T, Id: PartialEq>(
    list: &mut Vec<T>,
    rows: Vec<(Id, Option<T>)>,
    id_of: impl Fn(&T) -> Id,
    order: impl Fn(&T, &T) -> Ordering,
) {
    if rows.is_empty() {
        return;
    }
    for (id, row) in rows {
        let at = list.iter().position(|item| id_of(item) == id);
        match (at, row) {
            (Some(at), Some(row)) => list[at] = row,
            (None, Some(row)) => list.push(row),
            (Some(at), None) => {
                list.remove(at);
            }
            (None, None) => {}
        }
    }
    list.sort_by(order);
}
