//! After the last block: references resolved by name, the ONE rule, keys.

use super::*;

impl Importer<'_> {
    /// Finds a feature by key (`F3`), label (`Feature 1`) or title.
    pub(super) fn resolve(&self, name: &str) -> Option<FeatureId> {
        let name = clean_title(name.trim_matches(|c| c == '[' || c == ']'));
        let wanted = normalize(&name);
        if wanted.is_empty() {
            return None;
        }
        if let Ok(key) = wanted.parse::<FeatureKey>()
            && let Some((&id, _)) = self.keys.iter().find(|(_, k)| **k == key.0)
        {
            return Some(id);
        }
        // `F4 Shift swap requests`: a key, then the title.
        if let Some((first, rest)) = wanted.split_once(' ')
            && let Ok(key) = first.parse::<FeatureKey>()
        {
            if let Some((&id, _)) = self.keys.iter().find(|(_, k)| **k == key.0) {
                return Some(id);
            }
            if let Some(f) = self
                .roadmap
                .features
                .iter()
                .find(|f| normalize(&f.title) == rest)
            {
                return Some(f.id);
            }
        }
        if let Some(&id) = self.aliases.get(&wanted) {
            return Some(id);
        }
        let titles = || {
            self.roadmap
                .features
                .iter()
                .map(|f| (f.id, normalize(&f.title)))
        };
        if let Some((id, _)) = titles().find(|(_, t)| *t == wanted) {
            return Some(id);
        }
        // A unique title that contains the words, or is contained in them.
        let close: Vec<FeatureId> = titles()
            .filter(|(_, t)| {
                t.len() >= 3
                    && wanted.len() >= 3
                    && (t.contains(&wanted) || wanted.contains(t.as_str()))
            })
            .map(|(id, _)| id)
            .collect();
        (close.len() == 1).then(|| close[0])
    }

    pub(super) fn finish(&mut self, default_name: &str) {
        if self.roadmap.info.name.is_empty() {
            self.roadmap.info.name = default_name.to_owned();
        }
        self.headings_as_items();
        self.derive_phase_status();
        self.drop_empty_shaped_phases();
        // Dependencies named in words.
        for (feature, names, line) in std::mem::take(&mut self.pending_dependencies) {
            for name in names {
                let Some(on) = self.resolve(&name) else {
                    self.warn(
                        line,
                        format!("dependency on `{name}`, which is not a feature here, skipped"),
                    );
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
                match check_new_dependency(&self.roadmap.dependencies, edge, key_of) {
                    Ok(()) => self.roadmap.dependencies.push(edge),
                    Err(e) => {
                        let message = format!("{e}; dependency on `{name}` skipped");
                        self.warn(line, message);
                    }
                }
            }
        }
        for (index, name, line) in std::mem::take(&mut self.pending_blockers) {
            match self.resolve(&name) {
                Some(id) => self.roadmap.blockers[index].feature = Some(id),
                None if is_placeholder(&name) => {}
                None => self.warn(line, format!("blocker names `{name}`, which is not a feature here; kept without a feature")),
            }
        }
        for (index, name, line) in std::mem::take(&mut self.pending_requests) {
            match self.resolve(&name) {
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
            match self.resolve(&name) {
                Some(id) => self.roadmap.reviews[index].chosen = Some(id),
                None => self.warn(
                    line,
                    format!("review chose `{name}`, which is not a feature here; left empty"),
                ),
            }
        }
        for (title, prio, mosc, line) in std::mem::take(&mut self.priority_items) {
            match self.resolve(&title) {
                Some(id) => {
                    if let Some(f) = self.roadmap.features.iter_mut().find(|f| f.id == id) {
                        f.priority = prio.or(f.priority);
                        f.moscow = mosc.or(f.moscow);
                    }
                }
                None => {
                    if let Some(index) = self.new_feature(Place::ParkingLot, &title, line) {
                        let f = &mut self.roadmap.features[index];
                        f.priority = prio;
                        f.moscow = mosc;
                        f.why_interesting = "listed in the priority sections".into();
                        self.report.parked_from_priorities += 1;
                    }
                }
            }
        }
        if let Some((name, status, line)) = self.focus.take()
            && !name.is_empty()
        {
            match self.resolve(&name) {
                Some(id) => {
                    let today = self.today;
                    if let Some(f) = self.roadmap.features.iter_mut().find(|f| f.id == id) {
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
        self.assign_keys();
        self.one_rule();
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
