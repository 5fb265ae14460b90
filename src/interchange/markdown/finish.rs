//! After the last block: references resolved by name, the ONE rule, keys.

use super::*;

/// The features by key and by normalized title, built once so that
/// resolving hundreds of names is not a scan each.
#[derive(Default)]
pub(super) struct Names {
    by_key: HashMap<u32, FeatureId>,
    by_title: HashMap<String, FeatureId>,
    /// Where each feature is in the roadmap's list.
    index: HashMap<FeatureId, usize>,
    titles: Vec<(FeatureId, String)>,
    /// Each title's core words (`2.2 Booking/Appointment System` →
    /// booking, appointment, system), for a clear match of a rephrasing;
    /// worked out on the first such match (most documents need none).
    cores: std::cell::OnceCell<Vec<(FeatureId, HashSet<String>)>>,
}

/// A title's words without its numbering (`1.2`, `#4`) and without what
/// it says in parentheses.
fn core_words(title: &str) -> HashSet<String> {
    let without_note = title.split('(').next().unwrap_or_default();
    core_words_of(&normalize(without_note))
}

/// `core_words` of a title already normalized.
fn core_words_of(normal: &str) -> HashSet<String> {
    normal
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
        .collect()
}

impl Names {
    fn add(&mut self, id: FeatureId, index: usize, title: &str) {
        self.index.insert(id, index);
        let normal = normalize(title);
        self.by_title.entry(normal.clone()).or_insert(id);
        self.titles.push((id, normal));
    }

    fn cores(&self) -> &[(FeatureId, HashSet<String>)] {
        // `normalize` cut each title at its `(` note as `core_words` does.
        self.cores.get_or_init(|| {
            self.titles
                .iter()
                .map(|(id, t)| (*id, core_words_of(t)))
                .collect()
        })
    }

    /// The one feature whose core words are the item's, or contain all of
    /// them or are all among them (at least two): `Booking system` names
    /// `2.2 Booking/Appointment System`; `Email` names nothing.
    fn clearly(&self, title: &str) -> Option<FeatureId> {
        let wanted = core_words(title);
        if wanted.is_empty() {
            return None;
        }
        let same: Vec<FeatureId> = self
            .cores()
            .iter()
            .filter(|(_, c)| *c == wanted)
            .map(|(id, _)| *id)
            .collect();
        if let [id] = same.as_slice() {
            return Some(*id);
        }
        let within: Vec<FeatureId> = self
            .cores()
            .iter()
            .filter(|(_, c)| {
                let (small, large) = if wanted.len() <= c.len() {
                    (&wanted, c)
                } else {
                    (c, &wanted)
                };
                small.len() >= 2 && small.is_subset(large)
            })
            .map(|(id, _)| *id)
            .collect();
        match within.as_slice() {
            [id] => Some(*id),
            _ => None,
        }
    }

    /// The feature a key or an exact title names.
    fn exact(&self, wanted: &str) -> Option<FeatureId> {
        if let Ok(key) = wanted.parse::<FeatureKey>()
            && let Some(&id) = self.by_key.get(&key.0)
        {
            return Some(id);
        }
        self.by_title.get(wanted).copied()
    }
}

impl Importer<'_> {
    pub(super) fn names(&self) -> Names {
        let mut names = Names {
            by_key: self.keys.iter().map(|(&id, &key)| (key, id)).collect(),
            ..Names::default()
        };
        for (index, f) in self.roadmap.features.iter().enumerate() {
            names.add(f.id, index, &f.title);
        }
        names
    }

    /// Finds a feature by key (`F3`), label (`Feature 1`), title, or a
    /// unique title containing the words (or contained in them).
    pub(super) fn resolve(&self, names: &Names, name: &str) -> Option<FeatureId> {
        let wanted = self.wanted(name)?;
        if let Some(id) = self.resolve_exactly(names, &wanted) {
            return Some(id);
        }
        let close: Vec<FeatureId> = names
            .titles
            .iter()
            .filter(|(_, t)| {
                t.len() >= 3
                    && wanted.len() >= 3
                    && (t.contains(&wanted) || wanted.contains(t.as_str()))
            })
            .map(|(id, _)| *id)
            .collect();
        (close.len() == 1).then(|| close[0])
    }

    fn wanted(&self, name: &str) -> Option<String> {
        let name = clean_title(name.trim_matches(|c| c == '[' || c == ']'));
        Some(normalize(&name)).filter(|w| !w.is_empty())
    }

    /// A key, a label or a title exactly: what a priority list needs, so
    /// that `Email` never annotates `Email sign up`.
    fn resolve_exactly(&self, names: &Names, wanted: &str) -> Option<FeatureId> {
        if let Some(id) = names.exact(wanted) {
            return Some(id);
        }
        // `F4 Shift swap requests`: a key, then the title.
        if let Some((first, rest)) = wanted.split_once(' ')
            && first.parse::<FeatureKey>().is_ok()
            && let Some(id) = names.exact(first).or_else(|| names.exact(rest))
        {
            return Some(id);
        }
        self.aliases.get(wanted).copied()
    }

    /// Items of priority lists annotate the feature their title clearly
    /// names, keeping a class the feature has; the others become planned
    /// features of a phase named after the list, or parked when the list
    /// defers them (`Won't have`, `Later`).
    fn priority_lists(&mut self, names: &mut Names) {
        for item in std::mem::take(&mut self.priority_items) {
            let PriorityItem {
                title,
                list,
                priority: prio,
                moscow: mosc,
                target,
                line,
            } = item;
            let found = self
                .wanted(&title)
                .and_then(|wanted| self.resolve_exactly(names, &wanted))
                .or_else(|| names.clearly(&title));
            if let Some(f) =
                found.and_then(|id| names.index.get(&id).map(|&i| &mut self.roadmap.features[i]))
            {
                f.priority = f.priority.or(prio);
                f.moscow = f.moscow.or(mosc);
                let class = mosc.map(|m| m.to_string()).or(prio.map(|p| p.to_string()));
                let sentence = format!(
                    "\"{title}\" in the list \"{list}\" annotates \"{}\"{}",
                    f.title,
                    class.map_or(String::new(), |c| format!(" ({c})"))
                );
                self.report.annotated.push((line, sentence));
                continue;
            }
            let deferred = mosc == Some(Moscow::Wont) || lexicon::defers(&list);
            let place = if deferred {
                Place::ParkingLot
            } else if let Some(index) = target.and_then(|day| self.phase_during(day)) {
                Place::Phase(index)
            } else if lexicon::names_a_phase(&list) || timebox_heading(&list) {
                match self.named_phase(&list, line) {
                    Section::Phase(index) => Place::Phase(index),
                    _ => Place::ParkingLot,
                }
            } else {
                // A rank with no time: not scheduled, so not in a phase.
                Place::ParkingLot
            };
            if let Some(index) = self.new_feature(place, &title, line) {
                let f = &mut self.roadmap.features[index];
                f.priority = prio;
                f.moscow = mosc;
                f.target = target;
                names.add(f.id, index, &f.title);
                if place == Place::ParkingLot {
                    self.report.parked_from_priorities += 1;
                }
            }
        }
    }

    /// The first phase whose timeline holds `day`.
    fn phase_during(&self, day: NaiveDate) -> Option<usize> {
        self.roadmap
            .phases
            .iter()
            .position(|p| p.start.is_some_and(|s| s <= day) && p.end.is_some_and(|e| day <= e))
    }

    /// After the whole document is read: the phases' states and dates,
    /// then every name resolved to a feature, the priority lists, the
    /// focus, the keys and the ONE rule.
    pub(super) fn finish(&mut self, default_name: &str) {
        if self.roadmap.info.name.is_empty() {
            self.roadmap.info.name = default_name.to_owned();
        }
        self.headings_as_items();
        self.derive_phase_status();
        self.drop_empty_shaped_phases();
        self.date_timeboxed_phases();
        let mut names = self.names();
        self.resolve_dependencies(&names);
        self.resolve_links(&names);
        self.priority_lists(&mut names);
        self.resolve_focus(&names);
        self.assign_keys();
        self.one_rule();
    }

    /// Dependencies named in words, and beside an item's title: to ids,
    /// each checked for cycles; a name that is no feature here stays in
    /// the feature's description.
    fn resolve_dependencies(&mut self, names: &Names) {
        // Dependencies named in words.
        for (name, named, line) in std::mem::take(&mut self.dependency_lines) {
            match self.resolve(names, &name) {
                Some(id) => self.pending_dependencies.push((id, named, line)),
                None => self.warn(
                    line,
                    format!("dependency of `{name}`, which is not a feature here, skipped"),
                ),
            }
        }
        for (feature, named, line) in std::mem::take(&mut self.pending_dependencies) {
            for name in named {
                let Some(on) = self.resolve(names, &name) else {
                    self.warn(
                    line,
                    format!("dependency on `{name}`, which is not a feature here, kept in its description"),
                );
                    // What the document said stays with the feature.
                    if let Some(f) = self.roadmap.features.iter_mut().find(|f| f.id == feature) {
                        if !f.description.is_empty() {
                            f.description.push('\n');
                        }
                        f.description.push_str(&format!("Depends on: {name}"));
                    }
                    continue;
                };
                let edge = Dependency {
                    feature,
                    depends_on: on,
                };
                if self.roadmap.dependencies.contains(&edge) {
                    continue;
                }
                let key_of = |id: FeatureId| {
                    self.roadmap
                        .feature(id)
                        .map_or_else(String::new, |f| f.title.clone())
                };
                let (Some(f), Some(o)) = (self.roadmap.feature(feature), self.roadmap.feature(on))
                else {
                    continue;
                };
                match crate::domain::deps::check_edge(f, o, &self.roadmap.dependencies, key_of) {
                    Ok(()) => self.roadmap.dependencies.push(edge),
                    Err(e) => {
                        let message = format!("{e}; dependency on `{name}` skipped");
                        self.warn(line, message);
                    }
                }
            }
        }
    }

    /// The features that blockers, requests and reviews name.
    fn resolve_links(&mut self, names: &Names) {
        for (index, name, line) in std::mem::take(&mut self.pending_blockers) {
            match self.resolve(names, &name) {
            Some(id) => self.roadmap.blockers[index].feature = Some(id),
            None if is_placeholder(&name) => {}
            None => self.warn(line, format!("blocker names `{name}`, which is not a feature here; kept without a feature")),
        }
        }
        for (index, name, line) in std::mem::take(&mut self.pending_requests) {
            match self.resolve(names, &name) {
                Some(id) => self.roadmap.requests[index].feature = Some(id),
                None => self.warn(
                    line,
                    format!(
                        "request linked to `{name}`, which is not a feature here; link skipped"
                    ),
                ),
            }
        }
        for (index, name, line) in std::mem::take(&mut self.pending_reviews) {
            match self.resolve(names, &name) {
                Some(id) => self.roadmap.reviews[index].chosen = Some(id),
                None => self.warn(
                    line,
                    format!("review chose `{name}`, which is not a feature here; left empty"),
                ),
            }
        }
    }

    /// The feature the current focus names (active, if it was planned),
    /// and the one up next.
    fn resolve_focus(&mut self, names: &Names) {
        if let Some((name, status, line)) = self.focus.take()
            && !name.is_empty()
        {
            match self.resolve(names, &name) {
                Some(id) => {
                    let today = self.today;
                    if let Some(&i) = names.index.get(&id) {
                        let f = &mut self.roadmap.features[i];
                        let status = status
                            .filter(|s| s.holds_slot())
                            .unwrap_or(FeatureStatus::Active);
                        if f.status == FeatureStatus::Planned {
                            set_status(f, status, None, today);
                        }
                    }
                }
                None => self.warn(
                    line,
                    format!("the current focus names `{name}`, which is not a feature here"),
                ),
            }
        }
        if let Some((name, line)) = self.up_next.take() {
            match self.resolve(names, &name) {
                Some(id) => self.roadmap.info.up_next = Some(id),
                None => self.warn(
                    line,
                    format!("up next names `{name}`, which is not a feature here"),
                ),
            }
        }
    }

    /// The report's list of what landed where, by line.
    pub(super) fn itemize(&mut self) {
        let line = |id: i64| self.lines.get(&id).copied().unwrap_or(0);
        let roadmap = &self.roadmap;
        let mut items: Vec<(usize, Recognized)> = roadmap
            .phases
            .iter()
            .map(|p| (line(p.id.0), Recognized::Phase(p.id)))
            .chain(
                roadmap
                    .features
                    .iter()
                    .map(|f| (line(f.id.0), Recognized::Feature(f.id))),
            )
            .collect();
        items.sort_by_key(|(line, _)| *line);
        self.report.items = items;
    }

    pub(super) fn one_rule(&mut self) {
        let mut holder: Option<String> = None;
        for f in self.roadmap.features.iter_mut() {
            if !f.status.holds_slot() {
                continue;
            }
            match &holder {
                None => holder = Some(f.label()),
                Some(first) => {
                    self.report.demoted.push(format!(
                        "{} was {} too; imported as planned (ONE active feature: {first})",
                        f.title,
                        f.status.phrase()
                    ));
                    f.status = FeatureStatus::Planned;
                    f.started = None;
                }
            }
        }
    }

    /// Keys the document named stay; the rest follow in document order.
    pub(super) fn assign_keys(&mut self) {
        let mut used: HashSet<u32> = HashSet::new();
        for f in self.roadmap.features.iter_mut() {
            if let Some(&key) = self.keys.get(&f.id)
                && key > 0
                && used.insert(key)
            {
                f.key = FeatureKey(key);
            }
        }
        let mut next = 1;
        for f in self.roadmap.features.iter_mut().filter(|f| f.key.0 == 0) {
            while used.contains(&next) {
                next += 1;
            }
            used.insert(next);
            f.key = FeatureKey(next);
        }
        // The board lists features by phase and position; keep that order.
        let rank: HashMap<PhaseId, usize> = self
            .roadmap
            .phases
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        self.roadmap.features.sort_by_key(|f| {
            (
                f.phase.is_none(),
                f.phase.and_then(|p| rank.get(&p).copied()),
                f.position,
            )
        });
    }
}
