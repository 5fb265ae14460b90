//! Importing a document into a file that already holds the roadmap is an
//! update, not a copy: phases are matched by name, features by key (in
//! roadboard's own export) or by title, milestones and success criteria by
//! text. What the document changes is changed, field by field; what it
//! adds is added; what the file has and the document does not is kept and
//! listed. Pure: the store writes the result.

use std::collections::{HashMap, HashSet};

use super::model::*;

/// The roadmap after the update, and what the update did.
#[derive(Debug, Clone)]
pub struct Merge {
    /// The file's roadmap with the document applied. Items new to the file
    /// have ids above every id the file uses.
    pub roadmap: Roadmap,
    /// Phases and features the document adds.
    pub added: Vec<String>,
    /// Features the document changes, with the names of the fields.
    pub changed: Vec<(String, Vec<&'static str>)>,
    /// Features the file has and the document does not.
    pub missing: Vec<FeatureKey>,
}

/// Which fields a keyed document wrote, item by item: a field it left out
/// is unchanged by the update. An item not listed wrote every field (a
/// JSON document).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    /// The merge's names of the fields each feature's card wrote.
    pub features: HashMap<FeatureId, HashSet<&'static str>>,
    /// The names of the fields each phase wrote (`goal`, `start`, …).
    pub phases: HashMap<PhaseId, HashSet<&'static str>>,
    /// Cards that came without a key: new, keyed above every key in use.
    pub keyless: HashSet<FeatureId>,
}

impl Written {
    /// Whether the document's feature `f` names its key (a card written
    /// without one is new).
    fn names_key(&self, f: &Feature) -> bool {
        f.key.0 > 0 && !self.keyless.contains(&f.id)
    }

    fn feature_wrote(&self, id: FeatureId) -> impl Fn(&str) -> bool + '_ {
        move |field| self.features.get(&id).is_none_or(|set| set.contains(field))
    }

    fn phase_wrote(&self, id: PhaseId) -> impl Fn(&str) -> bool + '_ {
        move |field| self.phases.get(&id).is_none_or(|set| set.contains(field))
    }
}

/// How features of the document find theirs in the file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Matching<'a> {
    /// By key (`F12`): roadboard's own documents name them, and say which
    /// fields they write.
    ByKey(&'a Written),
    /// By title within the phase, else anywhere.
    ByTitle,
}

fn same_name(a: &str, b: &str) -> bool {
    title_key(a) == title_key(b)
}

/// The merged roadmap's features by what a document finds them by, kept
/// up to date as features are added: one lookup for each of the
/// document's features, not a scan of every feature (an import stays
/// linear in the size of the roadmap).
struct FeatureIndex {
    by_key: HashMap<FeatureKey, usize>,
    by_title_in_phase: HashMap<(Option<PhaseId>, String), usize>,
    by_title: HashMap<String, usize>,
    /// How many features each phase (and the lot) holds.
    per_place: HashMap<Option<PhaseId>, i64>,
}

fn title_key(title: &str) -> String {
    title.trim().to_lowercase()
}

impl FeatureIndex {
    fn of(features: &[Feature]) -> Self {
        let mut index = FeatureIndex {
            by_key: HashMap::with_capacity(features.len()),
            by_title_in_phase: HashMap::with_capacity(features.len()),
            by_title: HashMap::with_capacity(features.len()),
            per_place: HashMap::new(),
        };
        for (i, f) in features.iter().enumerate() {
            index.add(i, f);
        }
        index
    }

    /// Adds the feature at `i`; an earlier one with the same key or title
    /// keeps being the one found.
    fn add(&mut self, i: usize, f: &Feature) {
        self.by_key.entry(f.key).or_insert(i);
        let title = title_key(&f.title);
        self.by_title_in_phase
            .entry((f.phase, title.clone()))
            .or_insert(i);
        self.by_title.entry(title).or_insert(i);
        *self.per_place.entry(f.phase).or_default() += 1;
    }

    /// Where the document's feature `f` (going to `phase`) is: by key, or
    /// by title in its phase, else by title anywhere.
    fn find(&self, f: &Feature, phase: Option<PhaseId>, matching: Matching<'_>) -> Option<usize> {
        match matching {
            Matching::ByKey(written) => written
                .names_key(f)
                .then(|| self.by_key.get(&f.key).copied())
                .flatten(),
            Matching::ByTitle => {
                let title = title_key(&f.title);
                self.by_title_in_phase
                    .get(&(phase, title.clone()))
                    .or_else(|| self.by_title.get(&title))
                    .copied()
            }
        }
    }
}

/// Applies `document` to `current`.
pub fn merge(current: &Roadmap, document: &Roadmap, matching: Matching<'_>) -> Merge {
    let mut merged = current.clone();
    let mut next_id = current.max_id() + 1;
    let mut fresh = || {
        next_id += 1;
        next_id
    };
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let phases = merge_phases(
        &mut merged,
        document,
        matching,
        &mut fresh,
        (&mut added, &mut changed),
    );
    let mut features: HashMap<FeatureId, FeatureId> = HashMap::new();
    let mut next_key = merged.features.iter().map(|f| f.key.0).max().unwrap_or(0);
    let mut index = FeatureIndex::of(&merged.features);
    for f in &document.features {
        let phase = f.phase.and_then(|p| phases.get(&p).copied());
        let id = match index.find(f, phase, matching) {
            Some(at) => {
                let m = &mut merged.features[at];
                let fields = differences(m, f, phase, matching);
                if !fields.is_empty() {
                    changed.push((m.label(), fields));
                    // Found by its new title or place from now on too.
                    index.add(at, &merged.features[at]);
                }
                merged.features[at].id
            }
            None => {
                next_key += 1;
                // A key the document names keeps it; a card without one
                // (or a title match) takes the next key.
                let key = match matching {
                    Matching::ByKey(written)
                        if written.names_key(f) && !index.by_key.contains_key(&f.key) =>
                    {
                        f.key
                    }
                    _ => FeatureKey(next_key),
                };
                next_key = next_key.max(key.0);
                let position = index.per_place.get(&phase).copied().unwrap_or(0) + 1;
                let feature = Feature {
                    id: FeatureId(fresh()),
                    key,
                    phase,
                    position,
                    ..f.clone()
                };
                added.push(feature.label());
                index.add(merged.features.len(), &feature);
                merged.features.push(feature);
                merged.features[merged.features.len() - 1].id
            }
        };
        features.insert(f.id, id);
    }
    let matched: std::collections::HashSet<FeatureId> = features.values().copied().collect();
    let missing = current
        .features
        .iter()
        .filter(|c| !matched.contains(&c.id))
        .map(|c| c.key)
        .collect();
    merge_lists(
        &mut merged,
        document,
        (&phases, &features),
        &mut fresh,
        (&mut added, &mut changed),
    );
    Merge {
        roadmap: merged,
        added,
        changed,
        missing,
    }
}

/// The document's phases into `merged`, matched by name (their fields
/// updated) or added; the merged id of each document phase.
fn merge_phases(
    merged: &mut Roadmap,
    document: &Roadmap,
    matching: Matching<'_>,
    fresh: &mut impl FnMut() -> i64,
    (added, changed): (&mut Vec<String>, &mut Vec<(String, Vec<&'static str>)>),
) -> HashMap<PhaseId, PhaseId> {
    let mut phases = HashMap::new();
    for p in &document.phases {
        let found = merged
            .phases
            .iter_mut()
            .find(|m| same_name(&m.name, &p.name));
        let id = match found {
            Some(m) => {
                let wrote = match matching {
                    Matching::ByKey(written) => {
                        Box::new(written.phase_wrote(p.id)) as Box<dyn Fn(&str) -> bool>
                    }
                    Matching::ByTitle => Box::new(|_: &str| true),
                };
                let mut fields = Vec::new();
                copy_changed!(m, p, fields, wrote; goal, start, end, status);
                if !fields.is_empty() {
                    changed.push((format!("phase \"{}\"", m.name), fields));
                }
                m.id
            }
            None => {
                let id = PhaseId(fresh());
                added.push(format!("phase \"{}\"", p.name));
                let position = merged.phases.len() as i64 + 1;
                merged.phases.push(Phase {
                    id,
                    position,
                    ..p.clone()
                });
                id
            }
        };
        phases.insert(p.id, id);
    }
    phases
}

/// Copies each named field from `$from` to `$to` where they differ, pushing
/// the field's name onto `$changed`: one way to apply and report an edit,
/// for the store's forms and for re-imports.
macro_rules! copy_changed {
    ($to:expr, $from:expr, $changed:expr; $($field:ident),* $(,)?) => {
        copy_changed!($to, $from, $changed, |_: &str| true; $($field),*)
    };
    // Only the fields `$wrote` names.
    ($to:expr, $from:expr, $changed:expr, $wrote:expr; $($field:ident),* $(,)?) => {{$(
        if $wrote(stringify!($field)) && $to.$field != $from.$field {
            $to.$field = $from.$field.clone();
            $changed.push(stringify!($field));
        }
    )*}};
}
pub(crate) use copy_changed;

/// Writes `document`'s fields onto `feature`; the names of those changed.
fn differences(
    feature: &mut Feature,
    document: &Feature,
    phase: Option<PhaseId>,
    matching: Matching<'_>,
) -> Vec<&'static str> {
    let mut changed = Vec::new();
    // A founder's own document says nothing of what only the board keeps
    // (created, visibility, earlier runs); roadboard's own says which
    // lines it wrote.
    let wrote = |field: &str| match matching {
        Matching::ByKey(written) => written.feature_wrote(document.id)(field),
        Matching::ByTitle => !matches!(field, "created" | "private" | "active_before"),
    };
    copy_changed!(feature, document, changed, wrote;
        title, description, why, metric, status, priority, moscow, impact, effort,
        target, started, shipped, owner, link, pilot_feedback, why_interesting,
        why_deferred, reconsider, reconsider_when, created, private, active_before
    );
    if feature.phase != phase {
        feature.phase = phase;
        changed.push("phase");
    }
    changed
}

/// Dependencies the document adds; milestones and success criteria matched
/// by text within their phase (their state taken from the document). Each
/// addition and change is said.
fn merge_lists(
    merged: &mut Roadmap,
    document: &Roadmap,
    (phases, features): (&HashMap<PhaseId, PhaseId>, &HashMap<FeatureId, FeatureId>),
    fresh: &mut impl FnMut() -> i64,
    (added, changed): (&mut Vec<String>, &mut Vec<(String, Vec<&'static str>)>),
) {
    let keys: HashMap<FeatureId, FeatureKey> =
        merged.features.iter().map(|f| (f.id, f.key)).collect();
    let mut edges: HashSet<Dependency> = merged.dependencies.iter().copied().collect();
    for d in &document.dependencies {
        let edge = Dependency {
            feature: features[&d.feature],
            depends_on: features[&d.depends_on],
        };
        // Two of the document's items that are one feature here (a title
        // written twice) do not make it depend on itself.
        if edge.feature != edge.depends_on && edges.insert(edge) {
            added.push(format!(
                "dependency: {} needs {}",
                keys[&edge.feature], keys[&edge.depends_on]
            ));
            merged.dependencies.push(edge);
        }
    }
    for m in &document.milestones {
        let phase = phases[&m.phase];
        match merged
            .milestones
            .iter_mut()
            .find(|x| x.phase == phase && same_name(&x.text, &m.text))
        {
            Some(x) => {
                let mut fields = Vec::new();
                copy_changed!(x, m, fields; target, done);
                if !fields.is_empty() {
                    changed.push((format!("milestone \"{}\"", x.text), fields));
                }
            }
            None => {
                added.push(format!("milestone \"{}\"", m.text));
                merged.milestones.push(Milestone {
                    id: MilestoneId(fresh()),
                    phase,
                    ..m.clone()
                });
            }
        }
    }
    for c in &document.criteria {
        let phase = phases[&c.phase];
        match merged
            .criteria
            .iter_mut()
            .find(|x| x.phase == phase && same_name(&x.text, &c.text))
        {
            Some(x) => {
                let mut fields = Vec::new();
                copy_changed!(x, c, fields; done);
                if !fields.is_empty() {
                    changed.push((format!("success criterion \"{}\"", x.text), fields));
                }
            }
            None => {
                added.push(format!("success criterion \"{}\"", c.text));
                merged.criteria.push(Criterion {
                    id: CriterionId(fresh()),
                    phase,
                    ..c.clone()
                });
            }
        }
    }
}
