//! Phases: found by their words (`Phase 2`, `Q1`, `Now`, in many
//! languages) or by their shape (sections of items among alike sections),
//! in headings, bold labels, bold release lists and tables; named without
//! the status they state, which is read; numbered so that two views of
//! one plan meet.

use super::*;

impl Importer<'_> {
    /// Structure first: a heading whose children hold the work passes
    /// through to them; one whose part holds work items, among siblings
    /// that do too (or named as a phase or a bucket of work in any
    /// language), is a phase.
    pub(super) fn by_shape(&mut self, text: &str, line: usize) -> Option<Section> {
        let shape = self.outline.shape(line);
        let bucket = lexicon::bucket(text);
        let by_words = lexicon::names_a_phase(text) || bucket.is_some();
        // Children holding the work make a container, unless the heading
        // names itself a phase and they name no phase of their own: then
        // they are the phase's parts (`### Objectives`, `### Tasks`).
        if shape.is_container() && shape.own_items == 0 && (!by_words || shape.children_worded > 0)
        {
            return Some(Section::Container);
        }
        // Shape alone makes a phase where no sibling names one; in a
        // document that names its phases elsewhere, a look-alike section
        // must also hold tracked work (checkboxes, status marks) to be one:
        // plain lists beside named phases are prose (metrics, channels).
        let by_shape = shape.is_phase_like()
            && !self.worded_parents.contains(&shape.parent)
            && (self.worded_parents.is_empty() || shape.subtree_tasks > 0);
        let by_tasks = shape.own_tasks > 0;
        if shape.subtree_items == 0 || lexicon::about_process(text) && !by_words {
            return None;
        }
        if !by_words && !by_shape {
            // A checklist beside named phases (`Deployment Checklist`): work
            // that takes no phase of its own.
            return by_tasks.then_some(Section::Foundations);
        }
        // The heading's own status marks were read and cut by `heading`.
        let section = self.named_phase(text, line);
        if let Section::Phase(index) = section {
            self.shaped_phases.insert(index);
            if let Some((status, items)) = bucket {
                self.roadmap.phases[index].status = status;
                self.stated_status.insert(index);
                if let Some(items) = items {
                    self.item_defaults.insert(index, items);
                }
            }
        }
        Some(section)
    }

    /// The phase a text names (`Phase 2: Growth`, `Giai đoạn 2`, `MVP`),
    /// by its number when it has one, else by its name.
    pub(super) fn named_phase(&mut self, text: &str, line: usize) -> Section {
        let text = clean_title(text);
        let (number, name) = phase_heading(&text)
            .or_else(|| lexicon::strip_phase_word(&text).map(|(n, name)| (n.unwrap_or(0), name)))
            .unwrap_or((0, text));
        self.phase(number, name, line)
    }

    pub(super) fn phase(&mut self, number: u32, name: String, line: usize) -> Section {
        let id = self.id();
        let name = unbracketed(&name);
        let name = match (name.is_empty(), number) {
            (false, _) => name.to_owned(),
            (true, 0) => "Untitled phase".to_owned(),
            (true, n) => format!("Phase {n}"),
        };
        // The same number is the same phase (a table row or a chart's
        // section, and its own section): a name takes the place of a bare
        // `Phase 2`, never of a name (`Phase 2 Team (5-8 people)` in a
        // hiring plan does not rename "Market Validation").
        if let Some(&index) = self.phase_numbers.get(&number).filter(|_| number > 0) {
            let bare = |n: &str| n == format!("Phase {number}") || n == "Untitled phase";
            if !bare(&name) && bare(&self.roadmap.phases[index].name) {
                self.phase_names.insert(name.clone(), index);
                self.roadmap.phases[index].name = name;
            }
            return Section::Phase(index);
        }
        let existing = self.phase_names.get(&name).copied();
        let index = existing.unwrap_or_else(|| {
            self.lines.insert(id, line);
            self.phase_names
                .insert(name.clone(), self.roadmap.phases.len());
            self.roadmap.phases.push(Phase {
                id: PhaseId(id),
                name: name.clone(),
                goal: String::new(),
                start: None,
                end: None,
                status: PhaseStatus::NotStarted,
                position: self.roadmap.phases.len() as i64 + 1,
            });
            self.roadmap.phases.len() - 1
        });
        if number > 0 {
            self.phase_numbers.entry(number).or_insert(index);
        }
        Section::Phase(index)
    }

    /// A list right after a bold label. A label naming a phase (`**Phase 5
    /// — Full-fledged ✅**`) makes one, holding the list's items; under a
    /// phase, a label that does not name work (`**Prerequisites:**`) keeps
    /// the list as a note. `false`: read the list as usual.
    pub(super) fn labelled_list(&mut self, label: &str, items: &[Item], block: &Block) -> bool {
        let (name, marked) = split_heading_status(label);
        if lexicon::names_a_phase(&name) {
            let (number, name) = phase_heading(&clean_title(&name))
                .map(|(n, name)| (Some(n), name))
                .or_else(|| lexicon::strip_phase_word(&clean_title(&name)))
                .unwrap_or((None, clean_title(&name)));
            let Section::Phase(index) = self.phase(number.unwrap_or(0), name, block.line) else {
                return false;
            };
            if let Some(status) = marked {
                self.roadmap.phases[index].status = status;
                self.stated_status.insert(index);
            }
            return self.checklist_features(Place::Phase(index), items, None, None);
        }
        let in_card = matches!(self.section(), Section::Card(_));
        let phase = match self.section() {
            Section::Phase(p)
            | Section::PhaseOther { phase: p }
            | Section::PhaseItems { phase: p, .. } => Some(*p),
            Section::Card(card) => match card.place {
                Place::Phase(p) => Some(p),
                _ => None,
            },
            _ => None,
        };
        match (labelled_kind(label), phase) {
            (Some(LabelledList::Milestones), Some(p)) => self.milestones(p, items),
            (Some(LabelledList::Criteria), Some(p)) => self.criteria(p, items),
            (Some(LabelledList::Risks), _) => self.risk_list(items),
            // Inside a card a labelled list (`**Features**:`) says more
            // about the card: never cards of its own.
            _ if in_card => self.card_details(label, items),
            _ => return self.keep_unless_work(label, phase.is_some(), items, block),
        }
        true
    }

    /// Under a phase, a labelled list that does not name work is a note,
    /// unless its items are tracked work themselves (checkboxes, status
    /// marks), whatever the label says.
    fn keep_unless_work(
        &mut self,
        label: &str,
        in_phase: bool,
        items: &[Item],
        block: &Block,
    ) -> bool {
        let tracked = items.iter().any(Item::is_tracked);
        if in_phase && !tracked && !lexicon::labels_work(label) {
            self.keep(block);
            return true;
        }
        false
    }

    /// A list whose items name phases in bold (`**v1.2 Live Dispatch** -
    /// Phases 12-16 (shipped 2026-04-21)`), as tools write milestone lists:
    /// each item a phase, its state and date read from it. `false` when
    /// fewer than four in five items do.
    pub(super) fn phase_list(&mut self, items: &[Item]) -> bool {
        // The phase is named in bold: `Month 3: 10 customers` is a target.
        let name_of = |item: &Item| {
            let (lead, _) = item.inline.lead()?;
            lexicon::names_a_phase(&lead).then_some(lead)
        };
        let named = items.iter().filter(|i| name_of(i).is_some()).count();
        if items.len() < 2 || named * 5 < items.len() * 4 {
            return false;
        }
        for item in items {
            let Some(name) = name_of(item) else {
                continue;
            };
            let Section::Phase(index) = self.named_phase(&name, item.line) else {
                continue;
            };
            let text = item.inline.plain();
            let state = text
                .rsplit_once('(')
                .and_then(|(_, inside)| feature_status(inside.trim_end_matches(')')));
            if let Some((status, date)) = state {
                let phase = &mut self.roadmap.phases[index];
                phase.status = match status {
                    FeatureStatus::Shipped => PhaseStatus::Complete,
                    FeatureStatus::Active | FeatureStatus::InReview => PhaseStatus::InProgress,
                    _ => PhaseStatus::NotStarted,
                };
                if status == FeatureStatus::Shipped {
                    phase.end = date;
                }
                self.stated_status.insert(index);
            }
        }
        true
    }

    pub(super) fn phase_fields(&mut self, phase: usize, inline: &Inline, line: usize) -> bool {
        let (fields, stray) = inline.fields();
        let mut all = !stray && !fields.is_empty();
        for (label, value) in fields {
            let placeholder = is_placeholder(&value);
            match normalize(&label).as_str() {
                "goal" | "objective" => {
                    if !placeholder {
                        self.roadmap.phases[phase].goal = value;
                    }
                }
                "timeline" | "dates" | "when" => match date_range(&value, self.year) {
                    Ok((start, end)) => {
                        let p = &mut self.roadmap.phases[phase];
                        (p.start, p.end) = (start, end);
                    }
                    // Not a range as a whole: each side said on its own.
                    Err(_) => {
                        let parts: Vec<&str> = value
                            .split(['→', '–'])
                            .flat_map(|p| p.split(" - "))
                            .flat_map(|p| p.split(" to "))
                            .collect();
                        if let [start, end] = parts.as_slice() {
                            for (part, slot) in [(start, 0), (end, 1)] {
                                match date_field(part, self.year) {
                                    Ok(date) => {
                                        let p = &mut self.roadmap.phases[phase];
                                        if slot == 0 {
                                            p.start = date
                                        } else {
                                            p.end = date
                                        }
                                    }
                                    Err(e) => self.warn(
                                        line,
                                        format!(
                                            "phase \"{}\": {e} in the timeline, left empty",
                                            self.roadmap.phases[phase].name
                                        ),
                                    ),
                                }
                            }
                        } else if !placeholder {
                            self.warn(
                            line,
                            format!(
                                "phase \"{}\": timeline `{value}` is not `start → end`, left empty",
                                self.roadmap.phases[phase].name
                            ),
                        );
                        }
                    }
                },
                "status" => {
                    if !placeholder {
                        match phase_status(&value) {
                            Some(status) => {
                                self.roadmap.phases[phase].status = status;
                                self.stated_status.insert(phase);
                            }
                            None => self.warn(
                                line,
                                format!("unknown phase status `{value}`, left as not started"),
                            ),
                        }
                    }
                }
                _ => all = false,
            }
        }
        all
    }

    /// The first feature in progress keeps the slot; the others go back to
    /// planned, each named in the report.
    /// A document of bare headings and nothing else (`# Forms`, `# Charts`,
    /// …) lists its items as headings: they become the features of one
    /// phase named after the document.
    pub(super) fn headings_as_items(&mut self) {
        if !self.roadmap.features.is_empty() || !self.roadmap.phases.is_empty() {
            return;
        }
        let title = self.roadmap.info.name.clone();
        let items: Vec<(usize, String)> = self
            .outline
            .empty_headings()
            .iter()
            .filter(|(_, text)| clean_title(text) != title)
            .cloned()
            .collect();
        if items.len() < 2 {
            return;
        }
        let Section::Phase(index) = self.phase(0, title, items[0].0) else {
            return;
        };
        for (line, text) in items {
            self.new_feature(Place::Phase(index), &text, line);
        }
    }

    /// A heading taken for a phase by its shape whose items all went
    /// elsewhere (to a table's own phases, say) was not one.
    pub(super) fn drop_empty_shaped_phases(&mut self) {
        let roadmap = &self.roadmap;
        let used: HashSet<PhaseId> = (roadmap.features.iter().filter_map(|f| f.phase))
            .chain(roadmap.milestones.iter().map(|m| m.phase))
            .chain(roadmap.criteria.iter().map(|c| c.phase))
            .collect();
        let empty: HashSet<PhaseId> = self
            .shaped_phases
            .iter()
            .map(|&index| roadmap.phases[index].id)
            .filter(|id| !used.contains(id))
            .collect();
        self.roadmap.phases.retain(|p| !empty.contains(&p.id));
        for (position, phase) in self.roadmap.phases.iter_mut().enumerate() {
            phase.position = position as i64 + 1;
        }
    }

    /// A phase whose status the document does not state takes it from its
    /// items: all shipped → complete; any shipped or under way → in progress.
    pub(super) fn derive_phase_status(&mut self) {
        // Per phase: how many open items, whether all shipped, any under way.
        let mut seen: HashMap<PhaseId, (bool, bool)> = HashMap::new();
        for f in &self.roadmap.features {
            let Some(phase) = f.phase.filter(|_| f.status != FeatureStatus::Dropped) else {
                continue;
            };
            let (all_shipped, under_way) = seen.entry(phase).or_insert((true, false));
            *all_shipped &= f.status == FeatureStatus::Shipped;
            *under_way |= f.status == FeatureStatus::Shipped || f.status.holds_slot();
        }
        for (index, phase) in self.roadmap.phases.iter_mut().enumerate() {
            if self.stated_status.contains(&index) {
                continue;
            }
            match seen.get(&phase.id) {
                Some((true, _)) => phase.status = PhaseStatus::Complete,
                Some((false, true)) => phase.status = PhaseStatus::InProgress,
                _ => {}
            }
        }
    }
}

/// `Phase 2: Name` → `(2, "Name")`; also `Phase 2 — Name`, `Phase 2 (…)`.
pub(super) fn phase_heading(text: &str) -> Option<(u32, String)> {
    // Compare the ASCII prefix in place: lowercasing other characters can
    // change their length and break byte offsets.
    let rest = text
        .get(..5)
        .filter(|p| p.eq_ignore_ascii_case("phase"))
        .map(|_| &text[5..])?
        .trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let number: u32 = digits.parse().ok()?;
    let after = &rest[digits.len()..];
    let name = after
        .trim_start_matches([':', '—', '–', '-', ' '])
        .trim()
        .to_owned();
    Some((number, name))
}

/// A heading (or a phase cell) without the status it states after its
/// name, and that status: what follows a status mark (`Web Map ✅ Complete
/// (M13 + M14)`), a status in parentheses (`Launch (COMPLETED)`) or after a
/// dash (`Navigation — M17 In Planning`) is read and cut off.
pub(super) fn split_heading_status(raw: &str) -> (String, Option<PhaseStatus>) {
    let marks: [(&[char], PhaseStatus); 2] = [
        (&['✅', '✔', '☑'], PhaseStatus::Complete),
        (&['🚧', '🔨', '⏳'], PhaseStatus::InProgress),
    ];
    for (chars, status) in marks {
        if let Some(at) = raw.find(chars) {
            let name = raw[..at].trim_end_matches([' ', '—', '–', '-', ':']);
            if !clean_title(name).is_empty() {
                return (name.to_owned(), Some(status));
            }
            return (raw.replace(chars, ""), Some(status));
        }
    }
    if let Some((name, inside)) = raw.rsplit_once('(')
        && let Some(status) = phase_status(inside.trim_end_matches(')'))
        && !name.trim().is_empty()
    {
        return (name.trim().to_owned(), Some(status));
    }
    for dash in [" — ", " – "] {
        if let Some((name, tail)) = raw.rsplit_once(dash)
            && let Some(status) = status_words(tail)
        {
            return (name.trim().to_owned(), Some(status));
        }
    }
    (raw.to_owned(), None)
}

/// `M17 In Planning`, `done`: a status, when milestone codes are set aside.
pub(super) fn status_words(text: &str) -> Option<PhaseStatus> {
    // Codes such as `M17`, `B7`, `M20A` name milestones, not states.
    let is_code = |w: &str| {
        let letters = w.chars().take_while(char::is_ascii_alphabetic).count();
        let digits = w[letters..]
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        (1..=2).contains(&letters) && digits > 0 && w.len() - letters - digits <= 1
    };
    let words: Vec<&str> = text.split_whitespace().filter(|w| !is_code(w)).collect();
    let rest = words.join(" ").to_lowercase();
    match rest.as_str() {
        "in planning" | "planning" | "planned" | "not started" => Some(PhaseStatus::NotStarted),
        _ => phase_status(&rest),
    }
}

/// What a bold label over a list says the list holds, when it is one of
/// the roadmap's own lists (a quarter's `**Milestones:**`, `**Exit
/// criteria:**`, `**Risks:**`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum LabelledList {
    Milestones,
    Criteria,
    Risks,
}

/// A phase's name without a template's brackets: `[Growth]` is a name to
/// keep, nothing at all is not.
pub(super) fn unbracketed(name: &str) -> &str {
    name.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim()
}

pub(super) fn labelled_kind(label: &str) -> Option<LabelledList> {
    let t = normalize(label);
    if t.contains("milestone") {
        Some(LabelledList::Milestones)
    } else if lexicon::names_criteria(&t) {
        Some(LabelledList::Criteria)
    } else if t.contains("risk") {
        Some(LabelledList::Risks)
    } else {
        None
    }
}
