//! A whole roadmap checked before any of it reaches the store: every
//! reference resolves, ids and keys are unique and in range, the text
//! fields hold what their kind allows, the dependencies form no cycle and
//! at most one feature holds the ONE slot. Each problem names its place
//! (`milestones[3].phase = 999: no phase with id 999`).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::Hash;

use super::deps::{DependencyError, check_new_dependency, topological_order};
use super::machine::FeatureStatus;
use super::model::*;
use super::text;

/// The largest feature key a roadmap may hold (far above any real one, far
/// below where the next key would overflow).
pub const MAX_KEY: u32 = 999_999_999;

/// One thing wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub place: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// `3 problems:` and one line each (the first twenty).
pub fn describe(problems: &[Problem]) -> String {
    const SHOWN: usize = 20;
    let mut text = match problems.len() {
        1 => "1 problem:".to_owned(),
        n => format!("{n} problems:"),
    };
    for problem in problems.iter().take(SHOWN) {
        text.push_str(&format!("\n  {problem}"));
    }
    if problems.len() > SHOWN {
        text.push_str(&format!("\n  … and {} more", problems.len() - SHOWN));
    }
    text
}

/// Whether a text field is one line (a title, a name) or may hold several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// Calls `$visit(place, lines, text)` for every text field of `$roadmap`;
/// `$($m)*` is empty to read and `mut` to change them. One list of fields
/// serves both the check and the cleaning of imported text.
macro_rules! visit_texts {
    ($roadmap:expr, $visit:expr, $($m:tt)*) => {{
        let visit = &mut $visit;
        let roadmap = $roadmap;
        visit(&|| "info.name".to_owned(), Lines::One, & $($m)* roadmap.info.name);
        visit(&|| "info.horizon".to_owned(), Lines::One, & $($m)* roadmap.info.horizon);
        visit(&|| "info.philosophy".to_owned(), Lines::Many, & $($m)* roadmap.info.philosophy);
        for (i, p) in (& $($m)* roadmap.phases).into_iter().enumerate() {
            visit(&|| format!("phases[{i}].name"), Lines::One, & $($m)* p.name);
            visit(&|| format!("phases[{i}].goal"), Lines::Many, & $($m)* p.goal);
        }
        for (i, m) in (& $($m)* roadmap.milestones).into_iter().enumerate() {
            visit(&|| format!("milestones[{i}].text"), Lines::One, & $($m)* m.text);
        }
        for (i, c) in (& $($m)* roadmap.criteria).into_iter().enumerate() {
            visit(&|| format!("criteria[{i}].text"), Lines::One, & $($m)* c.text);
        }
        for (i, f) in (& $($m)* roadmap.features).into_iter().enumerate() {
            for (name, lines, value) in [
                ("title", Lines::One, & $($m)* f.title),
                ("owner", Lines::One, & $($m)* f.owner),
                ("link", Lines::One, & $($m)* f.link),
                ("description", Lines::Many, & $($m)* f.description),
                ("why", Lines::Many, & $($m)* f.why),
                ("metric", Lines::Many, & $($m)* f.metric),
                ("pilot_feedback", Lines::Many, & $($m)* f.pilot_feedback),
                ("why_interesting", Lines::Many, & $($m)* f.why_interesting),
                ("why_deferred", Lines::Many, & $($m)* f.why_deferred),
                ("reconsider_when", Lines::One, & $($m)* f.reconsider_when),
            ] {
                visit(&|| format!("features[{i}].{name}"), lines, value);
            }
        }
        for (i, b) in (& $($m)* roadmap.blockers).into_iter().enumerate() {
            visit(&|| format!("blockers[{i}].waiting_for"), Lines::One, & $($m)* b.waiting_for);
            visit(&|| format!("blockers[{i}].mitigation"), Lines::Many, & $($m)* b.mitigation);
        }
        for (i, r) in (& $($m)* roadmap.requests).into_iter().enumerate() {
            visit(&|| format!("requests[{i}].text"), Lines::Many, & $($m)* r.text);
            visit(&|| format!("requests[{i}].requested_by"), Lines::One, & $($m)* r.requested_by);
            visit(&|| format!("requests[{i}].decline_reason"), Lines::Many, & $($m)* r.decline_reason);
            for (j, ask) in (& $($m)* r.also_asked).into_iter().enumerate() {
                visit(&|| format!("requests[{i}].also_asked[{j}].by"), Lines::One, & $($m)* ask.by);
            }
        }
        for (i, f) in (& $($m)* roadmap.foundations).into_iter().enumerate() {
            visit(&|| format!("foundations[{i}].what"), Lines::One, & $($m)* f.what);
            visit(&|| format!("foundations[{i}].why"), Lines::Many, & $($m)* f.why);
        }
        for (i, r) in (& $($m)* roadmap.risks).into_iter().enumerate() {
            visit(&|| format!("risks[{i}].risk"), Lines::One, & $($m)* r.risk);
            visit(&|| format!("risks[{i}].impact"), Lines::Many, & $($m)* r.impact);
            visit(&|| format!("risks[{i}].mitigation"), Lines::Many, & $($m)* r.mitigation);
        }
        for (i, r) in (& $($m)* roadmap.reviews).into_iter().enumerate() {
            visit(&|| format!("reviews[{i}].notes"), Lines::Many, & $($m)* r.notes);
        }
        for (i, n) in (& $($m)* roadmap.notes).into_iter().enumerate() {
            visit(&|| format!("notes[{i}].heading"), Lines::One, & $($m)* n.heading);
            visit(&|| format!("notes[{i}].body"), Lines::Many, & $($m)* n.body);
        }
    }};
}

impl Roadmap {
    /// Makes every text field of a document fit its kind: single-line
    /// fields lose line breaks and control characters, multi-line fields
    /// keep line breaks and tabs only.
    pub fn normalize_text(&mut self) {
        let mut clean = |_: &dyn Fn() -> String, lines: Lines, value: &mut String| {
            let cleaned = match lines {
                Lines::One => text::one_line(value),
                Lines::Many => text::multi_line(value),
            };
            if *value != cleaned {
                *value = cleaned;
            }
        };
        visit_texts!(self, clean, mut);
    }

    /// Every problem that would keep this roadmap out of the store, in the
    /// order of the document; empty when it can be stored as it is.
    pub fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut check = |place: &dyn Fn() -> String, lines: Lines, value: &String| {
            let result = match lines {
                Lines::One => text::check_single_line(value),
                Lines::Many => text::check_multi_line(value),
            };
            if let Err(message) = result {
                problems.push(Problem {
                    place: place(),
                    message,
                });
            }
        };
        visit_texts!(self, check,);
        let mut checker = Checker {
            roadmap: self,
            phases: self.phases.iter().map(|p| p.id).collect(),
            problems,
        };
        checker.phases_and_their_lists();
        checker.features();
        checker.dependencies();
        checker.references();
        checker.outcomes();
        checker.problems
    }
}

struct Checker<'a> {
    roadmap: &'a Roadmap,
    /// Every phase id, to check references at once.
    phases: HashSet<PhaseId>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, place: String, message: impl Into<String>) {
        self.problems.push(Problem {
            place,
            message: message.into(),
        });
    }

    fn required(&mut self, place: String, value: &str) {
        if value.trim().is_empty() {
            self.problem(place, "must not be empty");
        }
    }

    /// Ids must be unique within their list.
    fn unique<T: Hash + Eq + fmt::Debug>(&mut self, list: &str, ids: impl Iterator<Item = T>) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.problem(format!("{list}[{i}].id"), "the same id as an earlier one");
            }
        }
    }

    fn phase_exists(&self, id: PhaseId) -> bool {
        self.phases.contains(&id)
    }

    fn phases_and_their_lists(&mut self) {
        let roadmap = self.roadmap;
        self.required("info.name".into(), &roadmap.info.name);
        self.unique("phases", roadmap.phases.iter().map(|p| p.id));
        for (i, p) in roadmap.phases.iter().enumerate() {
            self.required(format!("phases[{i}].name"), &p.name);
            if let (Some(start), Some(end)) = (p.start, p.end)
                && end < start
            {
                self.problem(
                    format!("phases[{i}].end"),
                    format!("{end} is before the start {start}"),
                );
            }
        }
        self.unique("milestones", roadmap.milestones.iter().map(|m| m.id));
        for (i, m) in roadmap.milestones.iter().enumerate() {
            self.required(format!("milestones[{i}].text"), &m.text);
            if !self.phase_exists(m.phase) {
                self.problem(
                    format!("milestones[{i}].phase = {}", m.phase.0),
                    format!("no phase with id {}", m.phase.0),
                );
            }
        }
        self.unique("criteria", roadmap.criteria.iter().map(|c| c.id));
        for (i, c) in roadmap.criteria.iter().enumerate() {
            self.required(format!("criteria[{i}].text"), &c.text);
            if !self.phase_exists(c.phase) {
                self.problem(
                    format!("criteria[{i}].phase = {}", c.phase.0),
                    format!("no phase with id {}", c.phase.0),
                );
            }
        }
    }

    fn features(&mut self) {
        let roadmap = self.roadmap;
        self.unique("features", roadmap.features.iter().map(|f| f.id));
        let mut keys: HashMap<u32, usize> = HashMap::new();
        let mut holder: Option<usize> = None;
        for (i, f) in roadmap.features.iter().enumerate() {
            let at = |field: &str| format!("features[{i}].{field}");
            self.required(at("title"), &f.title);
            if f.key.0 > MAX_KEY {
                self.problem(
                    at("key"),
                    format!("{} is out of range (F1 to F{MAX_KEY})", f.key),
                );
            } else if f.key.0 > 0
                && let Some(first) = keys.insert(f.key.0, i)
            {
                self.problem(
                    at("key"),
                    format!("{} is also the key of features[{first}]", f.key),
                );
            }
            if let Some(phase) = f.phase
                && !self.phase_exists(phase)
            {
                self.problem(
                    format!("features[{i}].phase = {}", phase.0),
                    format!("no phase with id {}", phase.0),
                );
            }
            for (field, value) in [("impact", f.impact), ("effort", f.effort)] {
                if let Some(v) = value.filter(|v| !(1..=5).contains(v)) {
                    self.problem(at(field), format!("{v} is out of range (1 to 5)"));
                }
            }
            if let Some(message) = state_problem(f) {
                self.problem(at("status"), message);
            }
            if f.status.holds_slot() {
                match holder {
                    Some(first) => self.problem(
                        at("status"),
                        format!(
                            "{} is {}, but features[{first}] already holds the ONE slot",
                            f.key,
                            f.status.phrase()
                        ),
                    ),
                    None => holder = Some(i),
                }
            }
        }
    }

    fn dependencies(&mut self) {
        let roadmap = self.roadmap;
        let keys: HashMap<FeatureId, FeatureKey> =
            roadmap.features.iter().map(|f| (f.id, f.key)).collect();
        let mut edges: Vec<(usize, Dependency)> = Vec::new();
        let mut seen: HashSet<Dependency> = HashSet::new();
        for (i, d) in roadmap.dependencies.iter().enumerate() {
            let mut dangling = false;
            for (field, id) in [("feature", d.feature), ("depends_on", d.depends_on)] {
                if !keys.contains_key(&id) {
                    dangling = true;
                    self.problem(
                        format!("dependencies[{i}].{field} = {}", id.0),
                        format!("no feature with id {}", id.0),
                    );
                }
            }
            if !dangling && seen.insert(*d) {
                edges.push((i, *d));
                if let (Some(f), Some(on)) =
                    (roadmap.feature(d.feature), roadmap.feature(d.depends_on))
                    && let Err(error) = super::deps::check_dependency_states(f, on)
                {
                    self.problem(format!("dependencies[{i}]"), error.to_string());
                }
            }
        }
        // One pass finds whether there is a cycle at all; only then is each
        // edge checked in turn, to name the one that closes it.
        let nodes: Vec<FeatureId> = roadmap.features.iter().map(|f| f.id).collect();
        let all: Vec<Dependency> = edges.iter().map(|(_, d)| *d).collect();
        if topological_order(&nodes, &all).is_ok() && all.iter().all(|d| d.feature != d.depends_on)
        {
            return;
        }
        let name = |id: FeatureId| {
            keys.get(&id)
                .map_or(format!("#{}", id.0), |k| k.to_string())
        };
        let mut accepted: Vec<Dependency> = Vec::new();
        for (i, d) in edges {
            match check_new_dependency(&accepted, d, name) {
                Ok(()) => accepted.push(d),
                Err(DependencyError::OnItself { feature }) => self.problem(
                    format!("dependencies[{i}]"),
                    format!("{feature} depends on itself"),
                ),
                Err(DependencyError::Cycle { path }) => self.problem(
                    format!("dependencies[{i}]"),
                    format!("closes a cycle {path}"),
                ),
            }
        }
    }

    /// What blockers, requests, reviews point at.
    fn references(&mut self) {
        let roadmap = self.roadmap;
        let features: HashSet<FeatureId> = roadmap.features.iter().map(|f| f.id).collect();
        let mut dangling = |place: String, id: Option<FeatureId>| {
            if let Some(id) = id.filter(|id| !features.contains(id)) {
                self.problems.push(Problem {
                    place: format!("{place} = {}", id.0),
                    message: format!("no feature with id {}", id.0),
                });
            }
        };
        for (i, b) in roadmap.blockers.iter().enumerate() {
            dangling(format!("blockers[{i}].feature"), b.feature);
        }
        for (i, r) in roadmap.requests.iter().enumerate() {
            dangling(format!("requests[{i}].feature"), r.feature);
        }
        for (i, r) in roadmap.reviews.iter().enumerate() {
            dangling(format!("reviews[{i}].chosen"), r.chosen);
        }
        for (i, b) in roadmap.blockers.iter().enumerate() {
            self.required(format!("blockers[{i}].waiting_for"), &b.waiting_for);
        }
        for (i, r) in roadmap.requests.iter().enumerate() {
            self.required(format!("requests[{i}].text"), &r.text);
        }
        self.unique("blockers", roadmap.blockers.iter().map(|b| b.id));
        self.unique("requests", roadmap.requests.iter().map(|r| r.id));
    }

    /// An outcome check is of a shipped feature: the method asks whether
    /// what shipped worked.
    fn outcomes(&mut self) {
        let roadmap = self.roadmap;
        for (i, o) in roadmap.outcomes.iter().enumerate() {
            let problem = match roadmap.feature(o.feature) {
                None => Some(format!("no feature with id {}", o.feature.0)),
                Some(f) if f.status != FeatureStatus::Shipped => Some(format!(
                    "an outcome of {}, which is {}: only a shipped feature has one",
                    f.label(),
                    f.status.phrase()
                )),
                Some(_) => None,
            };
            if let Some(message) = problem {
                self.problem(format!("outcomes[{i}]"), message);
            }
        }
    }
}

/// What the file's own rules say about a feature's status and its dates and
/// phase, as a sentence when they are broken.
fn state_problem(f: &Feature) -> Option<String> {
    use FeatureStatus::*;
    let status = f.status.phrase();
    if (f.status == Parked) != f.phase.is_none() && f.status != Dropped {
        return Some(match f.status {
            Parked => format!("{status} but in a phase"),
            _ => format!("{status} but in no phase (only parked features have none)"),
        });
    }
    // A shipped feature may not know its day (work done before the file).
    if f.status != Shipped && f.shipped.is_some() {
        return Some(format!("{status} with a shipped date"));
    }
    if f.status.holds_slot() && f.started.is_none() {
        return Some(format!("{status} without a started date"));
    }
    None
}
