//! The blocks under a heading, read by what that heading opened.

use super::*;

impl Importer<'_> {
    pub(super) fn content(&mut self, block: &Block) {
        if !self.block_by_shape(block) && !self.block_by_section(block) {
            self.keep(block);
        }
    }

    /// The blocks read by their shape wherever they are: a labelled list,
    /// a table, a mermaid gantt, a summary's risks and phase list.
    fn block_by_shape(&mut self, block: &Block) -> bool {
        let label = self.list_label.take();
        // `**Goal:** text` is a field, not a label of what follows; a
        // paragraph's last line `**Features**:` labels the list after it.
        if let Kind::Paragraph(inline) = &block.kind
            && let Some(last) = inline.lines().pop()
            && last.field().is_none_or(|(_, value)| value.is_empty())
        {
            self.list_label = last.leading_strong();
        }
        if let (Some(label), Kind::List(items)) = (label, &block.kind)
            && self.labelled_list(&label, items, block)
        {
            return true;
        }
        // Tables say what they hold by their header, wherever they are.
        if let Kind::Table { header, rows } = &block.kind
            && self.table(header, rows)
        {
            return true;
        }
        if let Kind::Code { language, text } = &block.kind
            && language == "mermaid"
            && text.trim_start().starts_with("gantt")
        {
            self.gantt(text, block.line);
            return true;
        }
        let section = self.section().clone();
        // A summary's `Top risks: a; b; c` line: risks, the list kept too.
        if let (Section::Root | Section::Container | Section::Note(_), Kind::List(items)) =
            (&section, &block.kind)
        {
            self.risks_in_fields(items);
        }
        matches!(
            (&section, &block.kind),
            (Section::Root | Section::Container | Section::Note(_), Kind::List(items))
                if self.phase_list(items)
        )
    }

    /// The blocks read by the section they are in.
    fn block_by_section(&mut self, block: &Block) -> bool {
        let section = self.section().clone();
        // `**Milestones:**` over the list it names: the list says it all.
        if let Kind::Paragraph(inline) = &block.kind
            && is_list_label(inline, &section)
        {
            return true;
        }
        // A rule or nothing: read, and nothing to keep.
        if matches!(block.kind, Kind::Other) && matches!(self.raw(block).trim(), "---" | "") {
            return true;
        }
        if matches!(
            section,
            Section::ParkingLot
                | Section::Requests
                | Section::Risks
                | Section::Blockers
                | Section::Dependencies
                | Section::Foundations
                | Section::Priority { .. }
        ) {
            return self.track_block(&section, block);
        }
        match (&section, &block.kind) {
            (Section::Root | Section::Container, Kind::Paragraph(inline)) => {
                self.info_fields(inline)
            }
            (Section::Phase(p), Kind::Paragraph(inline)) => {
                self.phase_fields(*p, inline, block.line)
            }
            (Section::Phase(p) | Section::PhaseItems { phase: p, .. }, Kind::List(items)) => {
                let (moscow, priority) = match section {
                    Section::PhaseItems {
                        moscow, priority, ..
                    } => (moscow, priority),
                    _ => (None, None),
                };
                let first = self.roadmap.features.len();
                let read = self.checklist_features(Place::Phase(*p), items, None, moscow);
                for f in &mut self.roadmap.features[first..] {
                    f.priority = f.priority.or(priority);
                }
                read
            }
            (Section::PhaseOther { phase, .. }, Kind::List(items))
                if items.iter().any(Item::is_tracked) =>
            {
                let group = self.stack.last().map(|f| f.heading.clone());
                self.checklist_features(Place::Phase(*phase), items, group, None)
            }
            (Section::Card(_), Kind::List(items)) => {
                self.card_list(items);
                true
            }
            (Section::Card(_), Kind::Paragraph(inline)) => self.card_paragraph(inline),
            (Section::Milestones(p), Kind::List(items)) => {
                self.milestones(*p, items);
                true
            }
            (Section::Criteria(p), Kind::List(items)) => {
                self.criteria(*p, items);
                true
            }
            (Section::CurrentFocus, _) => self.focus_block(block),
            (Section::Philosophy, _) => {
                let raw = self.raw(block).trim().to_owned();
                add_paragraph(&mut self.roadmap.info.philosophy, &raw);
                true
            }
            _ => false,
        }
    }

    /// The blocks of the lists beside the plan: parking lot, requests,
    /// risks, blockers, dependencies, foundations, priority lists.
    fn track_block(&mut self, section: &Section, block: &Block) -> bool {
        match (section, &block.kind) {
            (Section::ParkingLot, Kind::List(items)) => {
                self.parked_list(items);
                true
            }
            (Section::Requests, Kind::List(items)) => {
                self.request_list(items);
                true
            }
            (Section::Risks, Kind::List(items)) => {
                self.risk_list(items);
                true
            }
            (Section::Blockers, Kind::Paragraph(inline)) => {
                self.upcoming_blockers = normalize(&inline.plain()).contains("upcoming");
                true
            }
            (Section::Blockers, Kind::List(items)) => {
                self.blocker_list(items);
                true
            }
            (Section::Dependencies, Kind::Code { text, .. }) => {
                self.dependency_tree(text, block.line);
                true
            }
            (Section::Dependencies, Kind::List(items)) => {
                for item in flatten(items) {
                    self.dependency_line(&item.inline.plain(), item.line);
                }
                true
            }
            (Section::Foundations, Kind::List(items)) => {
                for item in items {
                    self.foundation(&item.inline.plain(), &item.children, item.line);
                }
                true
            }
            (Section::Priority { priority, moscow }, Kind::List(items)) => {
                self.priority_list(items, (*priority, *moscow))
            }
            _ => false,
        }
    }

    /// The items of a priority list (`## P0`, `## Must have`), kept to be
    /// matched with the features by title once the document is read. A list
    /// of facts (`**Business impact**: what ranks first`) says how the plan
    /// is ranked, not what is: `false`, kept as a note.
    fn priority_list(
        &mut self,
        items: &[Item],
        (priority, moscow): (Option<Priority>, Option<Moscow>),
    ) -> bool {
        if items
            .iter()
            .all(|i| i.checked.is_none() && i.inline.field().is_some())
        {
            return false;
        }
        let list = self
            .stack
            .last()
            .map(|f| f.heading.clone())
            .unwrap_or_default();
        for item in items {
            let said = annotations::annotated(&item.inline.plain(), self.year);
            let title = item.inline.leading_strong().unwrap_or(said.title);
            self.priority_items.push(PriorityItem {
                title: clean_title(&title),
                list: list.clone(),
                priority,
                moscow,
                target: said.target,
                line: item.line,
            });
        }
        true
    }

    /// Keeps a block verbatim in the note of its section (opening one).
    pub(super) fn keep(&mut self, block: &Block) {
        let raw = self.raw(block).trim_end().to_owned();
        if raw.trim() == "---" || raw.trim().is_empty() {
            return;
        }
        let index = match self.stack.last().and_then(|f| f.note) {
            Some(index) => index,
            None => {
                let heading = match self.stack.last() {
                    Some(frame) if frame.level > 0 => self.path_of_top(),
                    _ => "Preamble".to_owned(),
                };
                let Section::Note(index) = self.note(heading.clone()) else {
                    unreachable!("note() opens a note")
                };
                self.report.notes.push((block.line, heading));
                if let Some(frame) = self.stack.last_mut() {
                    frame.note = Some(index);
                }
                index
            }
        };
        let body = &mut self.roadmap.notes[index].body;
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&raw);
    }

    pub(super) fn path_of_top(&self) -> String {
        let parts: Vec<&str> = self
            .stack
            .iter()
            .skip(1)
            .filter(|f| f.level > 1 || self.stack.len() == 2)
            .map(|f| f.heading.as_str())
            .collect();
        parts.join(" / ")
    }

    pub(super) fn info_fields(&mut self, inline: &Inline) -> bool {
        let mut any = false;
        for line in inline.lines() {
            let Some((label, value)) = line.field() else {
                continue;
            };
            if is_placeholder(&value) {
                any = true;
                continue;
            }
            match normalize(&label).as_str() {
                "project" | "product" | "name" | "roadmap" => {
                    self.roadmap.info.name = clean_title(&value);
                    any = true;
                }
                "planning horizon" | "horizon" => {
                    self.roadmap.info.horizon = value;
                    any = true;
                }
                "review day" => {
                    if let Ok(day) = value.parse::<chrono::Weekday>() {
                        self.roadmap.info.review_day = day;
                        any = true;
                    }
                }
                "start" | "start date" | "starts" | "plan start" | "kickoff" | "kick-off" => {
                    if let Some(day) = parse_date(&value, self.year) {
                        self.plan_start = Some(day);
                        any = true;
                    }
                }
                "last updated" | "next review" => any = true,
                _ => {}
            }
        }
        any && inline.lines().iter().all(|l| l.field().is_some())
    }
}

/// A paragraph that is only a bold label naming one of the roadmap's own
/// lists where `labelled_list` reads it (`**Risks:**` anywhere, a phase's
/// `**Milestones:**`): read with the list after it, not kept as a note.
fn is_list_label(inline: &Inline, section: &Section) -> bool {
    let bare = |text: &str| text.trim().trim_end_matches(':').trim().to_owned();
    let in_phase = matches!(section, Section::Phase(_) | Section::PhaseOther { .. });
    inline.leading_strong().is_some_and(|label| {
        bare(&label) == bare(&inline.plain())
            && match labelled_kind(&label) {
                Some(LabelledList::Risks) => true,
                Some(_) => in_phase,
                None => false,
            }
    })
}

/// `text` added to `to` as a paragraph of its own.
fn add_paragraph(to: &mut String, text: &str) {
    if !to.is_empty() {
        to.push_str("\n\n");
    }
    to.push_str(text);
}
