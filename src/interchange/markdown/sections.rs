//! What a heading opens: a phase, a card, one of the roadmap's sections,
//! a container passing through to its children, or a note — decided by
//! its place first, then its words.

use super::*;

impl Importer<'_> {
    pub(super) fn classify(&mut self, level: u8, text: &str, line: usize) -> Section {
        let t = normalize(text);
        if level == 1 {
            if self.roadmap.info.name.is_empty() {
                let name = text
                    .strip_prefix("Product Roadmap:")
                    .or_else(|| text.strip_prefix("Roadmap:"))
                    .unwrap_or(text)
                    .trim();
                if !is_placeholder(name) {
                    self.roadmap.info.name = name.to_owned();
                }
            }
            return Section::Container;
        }
        let parent = self.section().clone();
        if parent == Section::Notes {
            return self.note(text.to_owned());
        }
        match parent {
            Section::Phase(phase)
            | Section::PhaseItems { phase, .. }
            | Section::PhaseOther { phase, .. } => {
                self.in_phase(phase, parent.clone(), (text, &t), line)
            }
            Section::ParkingLot => {
                if t.contains("request") {
                    Section::Requests
                } else if contains_any(&t, &["deferred", "not prioritized", "ideas", "future"])
                    && !t.starts_with("feature")
                {
                    Section::ParkingLot
                } else {
                    let (key, alias, name) =
                        feature_heading(text).unwrap_or((None, None, text.to_owned()));
                    self.card(Place::ParkingLot, key, alias, name, line, None)
                }
            }
            Section::Foundations => {
                if level >= 4
                    || !contains_any(
                        &t,
                        &["infrastructure", "operations", "track", "engineering"],
                    )
                {
                    self.card(Place::Foundations, None, None, text.to_owned(), line, None)
                } else {
                    Section::Foundations
                }
            }
            Section::CriteriaByPhase => {
                match phase_heading(text).and_then(|(n, _)| self.phase_numbers.get(&n).copied()) {
                    Some(phase) => Section::Criteria(phase),
                    None => self.note(self.path(text)),
                }
            }
            Section::Priority { .. } | Section::Container | Section::Root => {
                self.top_level(text, &t, line)
            }
            Section::Dependencies | Section::Blockers if contains_any(&t, &["blocker"]) => {
                self.upcoming_blockers = t.contains("upcoming");
                Section::Blockers
            }
            Section::Dependencies => Section::Dependencies,
            _ => self.note(self.path(text)),
        }
    }

    /// A heading under phase `phase`: its milestones, its criteria, a card,
    /// a list of its items, or other text of the phase.
    fn in_phase(
        &mut self,
        phase: usize,
        parent: Section,
        (text, t): (&str, &str),
        line: usize,
    ) -> Section {
        if t.contains("milestone") {
            return Section::Milestones(phase);
        }
        if lexicon::names_criteria(t) {
            return Section::Criteria(phase);
        }
        let moscow_here = moscow(t).or_else(|| {
            // `Core Features (Must Have)`
            text.split_once('(').and_then(|(_, inner)| moscow(inner))
        });
        if let Some((key, alias, name)) = feature_heading(text) {
            let inherited = match parent {
                Section::PhaseItems { moscow, .. } => moscow,
                _ => None,
            };
            return self.card(
                Place::Phase(phase),
                key,
                alias,
                name,
                line,
                moscow_here.or(inherited),
            );
        }
        // A span inside the phase (`Week 1-2`, `Sprint 3`): a group of its
        // items, not a card.
        if lexicon::opens_with_phase_word(text) || timebox_heading(text) {
            return Section::PhaseOther { phase };
        }
        let priority_here = leading_priority(t);
        match parent {
            Section::Phase(_)
                if contains_any(
                    t,
                    &[
                        "feature",
                        "deliverable",
                        "task",
                        "scope",
                        "backlog",
                        "items",
                        "roadmap",
                        "launch",
                        "build",
                    ],
                ) || moscow_here.is_some()
                    || priority_here.is_some() =>
            {
                Section::PhaseItems {
                    phase,
                    moscow: moscow_here,
                    priority: priority_here,
                }
            }
            Section::PhaseItems {
                moscow, priority, ..
            } => {
                let mut card = self.card(
                    Place::Phase(phase),
                    None,
                    None,
                    text.to_owned(),
                    line,
                    moscow_here.or(moscow),
                );
                if let Section::Card(card) = &mut card {
                    card.priority = priority;
                }
                card
            }
            _ if self.outline.shape(line).is_card_like() => self.card(
                Place::Phase(phase),
                None,
                None,
                text.to_owned(),
                line,
                moscow_here,
            ),
            _ => Section::PhaseOther { phase },
        }
    }

    /// A phase's own section is the heading that names it with its work.
    /// A later heading naming the same phase from deeper in the document
    /// with less under it (its budget, its team, its metrics) speaks of
    /// it: kept as a note, its lists no work.
    fn claim(&mut self, section: Section, text: &str, line: usize) -> Section {
        let Section::Phase(index) = section else {
            return section;
        };
        let level = self.stack.last().map_or(0, |f| usize::from(f.level)) + 1;
        let items = self.outline.shape(line).subtree_items;
        match self.phase_headings.get(&index) {
            Some(&(owner_level, owner_items)) if level > owner_level && items < owner_items => {
                self.note(self.path(text))
            }
            Some(_) => section,
            None => {
                // Its own heading names it, over a table row or a chart
                // that named it first (`Booking (B1 slice)` in a summary).
                let cleaned = clean_title(&split_heading_status(text).0);
                let name = phase_heading(&cleaned)
                    .map(|(_, name)| name)
                    .or_else(|| lexicon::strip_phase_word(&cleaned).map(|(_, name)| name))
                    .unwrap_or(cleaned);
                let name = phases::unbracketed(&name).to_owned();
                if !name.is_empty() && !lexicon::names_a_phase(&name) {
                    self.phase_names.insert(name.clone(), index);
                    self.roadmap.phases[index].name = name;
                }
                self.phase_headings.insert(index, (level, items));
                section
            }
        }
    }

    pub(super) fn top_level(&mut self, text: &str, t: &str, line: usize) -> Section {
        if let Some((number, name)) = phase_heading(text) {
            let section = self.phase(
                number,
                if name.is_empty() {
                    text.to_owned()
                } else {
                    name
                },
                line,
            );
            return self.claim(section, text, line);
        }
        if timebox_heading(text) {
            return self.phase(0, text.to_owned(), line);
        }
        if let Some(section) = self
            .named_section(t, line)
            .or_else(|| Self::priority_section(t))
        {
            return section;
        }
        if let Some(section) = self.by_shape(text, line) {
            return self.claim(section, text, line);
        }
        if contains_any(t, &["phases", "milestones", "roadmap", "timeline", "plan"])
            && !t.contains("visualization")
        {
            return Section::Container;
        }
        self.note(self.path(text))
    }

    /// A section named by its words: the parking lot, requests, blockers,
    /// risks, dependencies, the change log, reviews, foundations, criteria
    /// by phase, the current focus, the philosophy.
    fn named_section(&mut self, t: &str, line: usize) -> Option<Section> {
        if t.contains("parking lot") || t.starts_with("deferred") || t.contains("icebox") {
            return Some(Section::ParkingLot);
        }
        if t.contains("request") {
            return Some(Section::Requests);
        }
        if t.contains("blocker") {
            self.upcoming_blockers = t.contains("upcoming");
            return Some(Section::Blockers);
        }
        // `Risks / dependencies`: a list of risks, a line saying what
        // depends on what read as such (see `risk_list`).
        if t.contains("risk") {
            return Some(Section::Risks);
        }
        if t.contains("dependenc") {
            return Some(Section::Dependencies);
        }
        if t.contains("change log") || t.contains("changelog") || t == "changes" {
            return Some(Section::ChangeLog);
        }
        if t == "reviews" || t == "review log" {
            return Some(Section::Reviews);
        }
        if (t.contains("foundation") || t.contains("technical debt"))
            && !self.foundation_is_a_phase(t, line)
        {
            return Some(Section::Foundations);
        }
        if (t.contains("success") || t.contains("criteria")) && t.contains("phase") {
            return Some(Section::CriteriaByPhase);
        }
        if t.contains("current focus") || t.contains("this week") {
            return Some(Section::CurrentFocus);
        }
        if t.contains("philosophy") {
            return Some(Section::Philosophy);
        }
        None
    }

    /// A priority list: `P0`, `Must have`, `Prioritization`.
    fn priority_section(t: &str) -> Option<Section> {
        let moscow_here = moscow(t);
        let priority_here = (moscow_here.is_none())
            .then(|| priority(t.split_whitespace().next().unwrap_or_default()))
            .flatten();
        if moscow_here.is_some() || priority_here.is_some() || t.contains("prioriti") {
            return Some(Section::Priority {
                priority: priority_here,
                moscow: moscow_here,
            });
        }
        None
    }

    /// `## Foundation` among `## Growth` and `## Scale` is the plan's first
    /// phase, not the foundations track: a section of work among alike
    /// sections that does not call itself a track.
    fn foundation_is_a_phase(&self, normalized: &str, line: usize) -> bool {
        let track_words = ["track", "infrastructure", "technical debt", "engineering"];
        self.outline.shape(line).is_phase_like() && !contains_any(normalized, &track_words)
    }

    pub(super) fn card(
        &mut self,
        place: Place,
        key: Option<u32>,
        alias: Option<String>,
        name: String,
        line: usize,
        moscow: Option<Moscow>,
    ) -> Section {
        // A template's blank card (`Feature 1: [Feature Name]`) is no
        // feature: kept with the notes, as written.
        if is_placeholder(&name) && alias.is_some() {
            return self.note(self.path(&name));
        }
        let title = clean_title(name.trim_matches(|c| c == '[' || c == ']'));
        Section::Card(Card {
            place,
            title: if title.is_empty() {
                alias.clone().unwrap_or_default()
            } else {
                title
            },
            key,
            alias,
            line,
            moscow,
            priority: None,
            done: false,
            feature: None,
        })
    }

    pub(super) fn front_matter(&mut self, text: &str, block: &Block) {
        for line in text.lines() {
            if let Some((key, value)) = line.split_once(':') {
                let value = value.trim().trim_matches('"');
                if key.trim().eq_ignore_ascii_case("title") && self.roadmap.info.name.is_empty() {
                    self.roadmap.info.name = value.to_owned();
                }
            }
        }
        let id = self.id();
        self.roadmap.notes.push(Note {
            id: NoteId(id),
            heading: "Front matter".into(),
            body: text.trim().to_owned(),
            position: self.roadmap.notes.len() as i64 + 1,
        });
        self.report.notes.push((block.line, "Front matter".into()));
    }
}

/// `Feature F12: Name`, `Feature 3: Name`, `Feature: Name`, `F12: Name`
/// → `(key, alias, name)`.
fn feature_heading(text: &str) -> Option<(Option<u32>, Option<String>, String)> {
    let (label, name) = text.split_once(':')?;
    let label = label.trim();
    let lower = label.to_lowercase();
    let id = lower.strip_prefix("feature").map(str::trim).or_else(|| {
        (lower.starts_with('f')
            && lower[1..].chars().all(|c| c.is_ascii_digit())
            && lower.len() > 1)
            .then_some(&lower[..])
    })?;
    let key = id
        .trim_start_matches('f')
        .parse::<u32>()
        .ok()
        .filter(|_| id.starts_with('f'));
    let alias = (!id.is_empty()).then(|| label.to_owned());
    Some((key, alias, name.trim().to_owned()))
}
