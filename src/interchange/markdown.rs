//! Reads a founder's Markdown roadmap, in any mix of the shapes founders
//! write (DESIGN.md §6): template-shape phases and feature cards, checklists
//! under week- or month-based phase headings, table roadmaps, Mermaid gantt
//! blocks, priority sections, parking lot, requests, blockers, dependency
//! trees, risks, change log. What it does not understand is kept as notes,
//! and the report says what was recognized and what was not, with lines.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::blocks::{self, Block, Inline, Item, Kind};
use super::report::Report;
use super::words::*;
use crate::domain::deps::check_new_dependency;
use crate::domain::*;

/// A roadmap read from a document, with ids local to it, and its report.
#[derive(Debug, Clone)]
pub struct Imported {
    pub roadmap: Roadmap,
    /// Change-log entries the document carried.
    pub log: Vec<ChangeEntry>,
    pub report: Report,
}

/// What a heading opened.
#[derive(Debug, Clone, PartialEq)]
enum Section {
    Root,
    /// Holds phases or tables but is not one (`Phases and Milestones`).
    Container,
    Phase(usize),
    /// Checklists in here are the phase's features (`Features`, `Tasks`).
    PhaseItems {
        phase: usize,
        moscow: Option<Moscow>,
    },
    /// Any other heading in a phase: checklists are features, the rest notes.
    PhaseOther {
        phase: usize,
    },
    /// A card heading: bullets with fields make it one feature (or parked
    /// item, or foundation); a plain checklist makes each item one.
    Card(Card),
    Milestones(usize),
    Criteria(usize),
    CriteriaByPhase,
    ParkingLot,
    Requests,
    Blockers,
    Dependencies,
    Risks,
    ChangeLog,
    Reviews,
    Foundations,
    Priority {
        priority: Option<Priority>,
        moscow: Option<Moscow>,
    },
    CurrentFocus,
    Philosophy,
    Note(usize),
}

#[derive(Debug, Clone, PartialEq)]
struct Card {
    /// Where it lands: a phase, the parking lot, or the foundations.
    place: Place,
    title: String,
    /// The key the heading names (`Feature F12: …`), if any.
    key: Option<u32>,
    /// The label before the title (`Feature 1`), to resolve references.
    alias: Option<String>,
    line: usize,
    moscow: Option<Moscow>,
    /// Set once the card produced something.
    done: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Phase(usize),
    ParkingLot,
    Foundations,
}

struct Frame {
    level: u8,
    section: Section,
    heading: String,
    has_children: bool,
    /// Where this section's unmapped blocks are kept.
    note: Option<usize>,
}

struct Importer<'a> {
    source: &'a str,
    today: NaiveDate,
    roadmap: Roadmap,
    log: Vec<ChangeEntry>,
    report: Report,
    stack: Vec<Frame>,
    next_id: i64,
    /// Keys named in the document.
    keys: HashMap<FeatureId, u32>,
    /// `Feature 1` → the card so named.
    aliases: HashMap<String, FeatureId>,
    /// Phase number in its heading (`Phase 2`) → index.
    phase_numbers: HashMap<u32, usize>,
    /// Dependencies named in words, resolved at the end: feature, names, line.
    pending_dependencies: Vec<(FeatureId, Vec<String>, usize)>,
    /// Items of priority sections, resolved at the end.
    priority_items: Vec<(String, Option<Priority>, Option<Moscow>, usize)>,
    /// `This Week's ONE Feature`: name, status, line.
    focus: Option<(String, Option<FeatureStatus>, usize)>,
    /// Blockers naming their feature in words: index, name, line.
    pending_blockers: Vec<(usize, String, usize)>,
    /// Requests linked to a feature in words: index, name, line.
    pending_requests: Vec<(usize, String, usize)>,
    /// Reviews naming their chosen feature: index, name, line.
    pending_reviews: Vec<(usize, String, usize)>,
    /// Mermaid task ids → features.
    task_ids: HashMap<String, FeatureId>,
    /// Whether the next list in the blockers section is of upcoming ones.
    upcoming_blockers: bool,
}

/// Reads `source`. `name` is the roadmap's name when the document has none
/// (the file's stem); `today` dates checked items that carry no date.
pub fn import_markdown(source: &str, name: &str, today: NaiveDate) -> Imported {
    let repaired = repair_mojibake(source);
    let mut importer = Importer {
        source: &repaired,
        today,
        roadmap: Roadmap::empty(String::new()),
        log: Vec::new(),
        report: Report::default(),
        stack: vec![Frame {
            level: 0,
            section: Section::Root,
            heading: String::new(),
            has_children: false,
            note: None,
        }],
        next_id: 1,
        keys: HashMap::new(),
        aliases: HashMap::new(),
        phase_numbers: HashMap::new(),
        pending_dependencies: Vec::new(),
        priority_items: Vec::new(),
        focus: None,
        pending_blockers: Vec::new(),
        pending_requests: Vec::new(),
        pending_reviews: Vec::new(),
        task_ids: HashMap::new(),
        upcoming_blockers: false,
    };
    for block in blocks::parse(&repaired) {
        importer.block(&block);
    }
    importer.close_to(0);
    importer.finish(name);
    Imported {
        roadmap: importer.roadmap,
        log: importer.log,
        report: importer.report,
    }
}

/// `Phase 2: Name` → `(2, "Name")`; also `Phase 2 — Name`, `Phase 2 (…)`.
fn phase_heading(text: &str) -> Option<(u32, String)> {
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

/// `Month 2 (…)`, `Weeks 3-5`, `Week 1`: a time-boxed phase heading.
fn timebox_heading(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    ["month", "week", "sprint", "quarter", "q1", "q2", "q3", "q4"]
        .iter()
        .any(|w| {
            lower.starts_with(w)
                && lower[w.len()..]
                    .trim_start_matches('s')
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit() || c == ' ')
        })
}

fn contains_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

impl Importer<'_> {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.report.warnings.push((line, message.into()));
    }

    fn id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    fn section(&self) -> &Section {
        &self.stack.last().expect("the root never closes").section
    }

    fn raw(&self, block: &Block) -> &str {
        self.source.get(block.range.clone()).unwrap_or_default()
    }

    // ---- headings and sections ------------------------------------------

    fn block(&mut self, block: &Block) {
        match &block.kind {
            Kind::Heading { level, inline } => self.heading(*level, inline, block.line),
            Kind::Front(text) => self.front_matter(text, block),
            _ => self.content(block),
        }
    }

    fn heading(&mut self, level: u8, inline: &Inline, line: usize) {
        self.close_to(level);
        if let Some(parent) = self.stack.last_mut() {
            parent.has_children = true;
        }
        let text = clean_title(&inline.plain());
        let section = self.classify(level, &text, line);
        if let Section::Note(_) = section {
            self.report.notes.push((line, text.clone()));
        }
        let note = match section {
            Section::Note(index) => Some(index),
            _ => None,
        };
        self.stack.push(Frame {
            level,
            section,
            heading: text,
            has_children: false,
            note,
        });
    }

    /// Closes every section at `level` or deeper; a card that produced
    /// nothing becomes a bare card.
    fn close_to(&mut self, level: u8) {
        while self
            .stack
            .last()
            .is_some_and(|f| f.level >= level && f.level > 0)
        {
            let frame = self.stack.pop().expect("checked");
            if let Section::Card(card) = frame.section
                && !card.done
                && !frame.has_children
            {
                self.card_item(&card, &[]);
            }
        }
    }

    fn note(&mut self, heading: String) -> Section {
        let id = self.id();
        self.roadmap.notes.push(Note {
            id: NoteId(id),
            heading,
            body: String::new(),
            position: self.roadmap.notes.len() as i64 + 1,
        });
        Section::Note(self.roadmap.notes.len() - 1)
    }

    /// The heading path for a note: `Phase 1: MVP / Tech Stack`.
    fn path(&self, text: &str) -> String {
        let mut parts: Vec<&str> = self
            .stack
            .iter()
            .skip(1)
            .filter(|f| !matches!(f.section, Section::Container) && f.level > 1)
            .map(|f| f.heading.as_str())
            .collect();
        parts.push(text);
        parts.join(" / ")
    }

    fn classify(&mut self, level: u8, text: &str, line: usize) -> Section {
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
        match parent {
            Section::Phase(phase)
            | Section::PhaseItems { phase, .. }
            | Section::PhaseOther { phase, .. } => {
                if t.contains("milestone") {
                    return Section::Milestones(phase);
                }
                if t.contains("success")
                    || t.contains("exit criteria")
                    || t.contains("definition of done")
                {
                    return Section::Criteria(phase);
                }
                let moscow_here = moscow(&t).or_else(|| {
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
                match parent {
                    Section::Phase(_)
                        if contains_any(
                            &t,
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
                        ) || moscow_here.is_some() =>
                    {
                        Section::PhaseItems {
                            phase,
                            moscow: moscow_here,
                        }
                    }
                    Section::PhaseItems { moscow, .. } => self.card(
                        Place::Phase(phase),
                        None,
                        None,
                        text.to_owned(),
                        line,
                        moscow_here.or(moscow),
                    ),
                    _ => Section::PhaseOther { phase },
                }
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

    fn top_level(&mut self, text: &str, t: &str, line: usize) -> Section {
        if let Some((number, name)) = phase_heading(text) {
            return self.phase(
                number,
                if name.is_empty() {
                    text.to_owned()
                } else {
                    name
                },
                line,
            );
        }
        if timebox_heading(text) {
            return self.phase(0, text.to_owned(), line);
        }
        if t.contains("parking lot") || t.starts_with("deferred") || t.contains("icebox") {
            return Section::ParkingLot;
        }
        if t.contains("request") {
            return Section::Requests;
        }
        if t.contains("blocker") {
            self.upcoming_blockers = t.contains("upcoming");
            return Section::Blockers;
        }
        if t.contains("dependenc") {
            return Section::Dependencies;
        }
        if t.contains("risk") {
            return Section::Risks;
        }
        if t.contains("change log") || t.contains("changelog") || t == "changes" {
            return Section::ChangeLog;
        }
        if t == "reviews" || t == "review log" {
            return Section::Reviews;
        }
        if t.contains("foundation") || t.contains("technical debt") {
            return Section::Foundations;
        }
        if (t.contains("success") || t.contains("criteria")) && t.contains("phase") {
            return Section::CriteriaByPhase;
        }
        if t.contains("current focus") || t.contains("this week") {
            return Section::CurrentFocus;
        }
        if t.contains("philosophy") {
            return Section::Philosophy;
        }
        let moscow_here = moscow(t);
        let priority_here = (moscow_here.is_none())
            .then(|| priority(t.split_whitespace().next().unwrap_or_default()))
            .flatten();
        if moscow_here.is_some() || priority_here.is_some() {
            return Section::Priority {
                priority: priority_here,
                moscow: moscow_here,
            };
        }
        if t.contains("prioriti") {
            return Section::Priority {
                priority: None,
                moscow: None,
            };
        }
        if contains_any(t, &["phases", "milestones", "roadmap", "timeline", "plan"])
            && !t.contains("visualization")
        {
            return Section::Container;
        }
        self.note(self.path(text))
    }

    fn phase(&mut self, number: u32, name: String, line: usize) -> Section {
        let id = self.id();
        let existing = self.roadmap.phases.iter().position(|p| p.name == name);
        let index = existing.unwrap_or_else(|| {
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
        let _ = line;
        Section::Phase(index)
    }

    fn card(
        &mut self,
        place: Place,
        key: Option<u32>,
        alias: Option<String>,
        name: String,
        line: usize,
        moscow: Option<Moscow>,
    ) -> Section {
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
            done: false,
        })
    }

    fn front_matter(&mut self, text: &str, block: &Block) {
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

    // ---- content ----------------------------------------------------------

    fn content(&mut self, block: &Block) {
        // Tables say what they hold by their header, wherever they are.
        if let Kind::Table { header, rows } = &block.kind
            && self.table(header, rows, block)
        {
            return;
        }
        if let Kind::Code { language, text } = &block.kind
            && language == "mermaid"
            && text.trim_start().starts_with("gantt")
        {
            self.gantt(text, block.line);
            return;
        }
        let section = self.section().clone();
        let handled = match (&section, &block.kind) {
            (Section::Root | Section::Container, Kind::Paragraph(inline)) => {
                self.info_fields(inline)
            }
            (Section::Phase(p), Kind::Paragraph(inline)) => {
                self.phase_fields(*p, inline, block.line)
            }
            (Section::Phase(p) | Section::PhaseItems { phase: p, .. }, Kind::List(items)) => {
                let moscow = match section {
                    Section::PhaseItems { moscow, .. } => moscow,
                    _ => None,
                };
                self.checklist_features(Place::Phase(*p), items, None, moscow)
            }
            (Section::PhaseOther { phase, .. }, Kind::List(items))
                if items.iter().any(|i| i.checked.is_some()) =>
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
            (Section::ParkingLot, Kind::List(items)) => {
                self.parked_list(items);
                true
            }
            (Section::Requests, Kind::List(items)) => {
                self.request_list(items);
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
                for item in items {
                    let title = item
                        .inline
                        .leading_strong()
                        .unwrap_or_else(|| item.inline.plain());
                    self.priority_items
                        .push((clean_title(&title), *priority, *moscow, item.line));
                }
                true
            }
            (Section::CurrentFocus, _) => self.focus_block(block),
            (Section::Philosophy, _) => {
                let raw = self.raw(block).trim().to_owned();
                let philosophy = &mut self.roadmap.info.philosophy;
                if !philosophy.is_empty() {
                    philosophy.push_str("\n\n");
                }
                philosophy.push_str(&raw);
                true
            }
            (_, Kind::Other)
                if self.raw(block).trim() == "---" || self.raw(block).trim().is_empty() =>
            {
                true
            }
            _ => false,
        };
        if !handled {
            self.keep(block);
        }
    }

    /// Keeps a block verbatim in the note of its section (opening one).
    fn keep(&mut self, block: &Block) {
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

    fn path_of_top(&self) -> String {
        let parts: Vec<&str> = self
            .stack
            .iter()
            .skip(1)
            .filter(|f| f.level > 1 || self.stack.len() == 2)
            .map(|f| f.heading.as_str())
            .collect();
        parts.join(" / ")
    }

    fn info_fields(&mut self, inline: &Inline) -> bool {
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
                "last updated" | "next review" => any = true,
                _ => {}
            }
        }
        any && inline.lines().iter().all(|l| l.field().is_some())
    }

    fn phase_fields(&mut self, phase: usize, inline: &Inline, line: usize) -> bool {
        let lines = inline.lines();
        let mut all = !lines.is_empty();
        for l in &lines {
            let Some((label, value)) = l.field() else {
                all = false;
                continue;
            };
            let placeholder = is_placeholder(&value);
            match normalize(&label).as_str() {
                "goal" | "objective" => {
                    if !placeholder {
                        self.roadmap.phases[phase].goal = value;
                    }
                }
                "timeline" | "dates" | "when" => {
                    let parts: Vec<&str> = value
                        .split(['→', '–'])
                        .flat_map(|p| p.split(" - "))
                        .flat_map(|p| p.split(" to "))
                        .collect();
                    if let [start, end] = parts.as_slice() {
                        for (part, slot) in [(start, 0), (end, 1)] {
                            match date_field(part) {
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
                "status" => {
                    if !placeholder {
                        match phase_status(&value) {
                            Some(status) => self.roadmap.phases[phase].status = status,
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

    // ---- features -----------------------------------------------------------

    fn new_feature(&mut self, place: Place, title: &str, line: usize) -> Option<usize> {
        let phase = match place {
            Place::Phase(p) => Some(self.roadmap.phases[p].id),
            Place::ParkingLot => None,
            Place::Foundations => return None,
        };
        let id = self.id();
        let mut feature = Feature::new(
            FeatureKey(0),
            clean_title(title),
            if phase.is_some() {
                FeatureStatus::Planned
            } else {
                FeatureStatus::Parked
            },
        );
        if feature.title.is_empty() {
            self.warn(line, "an item with no title, skipped");
            return None;
        }
        feature.id = FeatureId(id);
        feature.phase = phase;
        feature.position = self
            .roadmap
            .features
            .iter()
            .filter(|f| f.phase == phase)
            .count() as i64
            + 1;
        self.roadmap.features.push(feature);
        Some(self.roadmap.features.len() - 1)
    }

    /// Each item of a checklist (or plain list) is a feature; `[x]` shipped.
    /// Children of an item join its description.
    fn checklist_features(
        &mut self,
        place: Place,
        items: &[Item],
        group: Option<String>,
        moscow: Option<Moscow>,
    ) -> bool {
        for item in items {
            let text = item.inline.plain();
            if item.inline.field().is_some() && item.checked.is_none() {
                // `- **Frontend:** React`: a fact, not a feature.
                return false;
            }
            let (title, status) = split_status_suffix(&text);
            let Some(index) = self.new_feature(place, &title, item.line) else {
                continue;
            };
            let today = self.today;
            let f = &mut self.roadmap.features[index];
            f.moscow = moscow;
            if let Some(group) = &group {
                f.description = format!("Part of: {group}");
            }
            let details: Vec<String> = flatten(&item.children)
                .iter()
                .map(|c| c.inline.plain())
                .collect();
            if !details.is_empty() {
                if !f.description.is_empty() {
                    f.description.push('\n');
                }
                f.description.push_str(&details.join("\n"));
            }
            match (item.checked, status) {
                (Some(true), _) => set_status(f, FeatureStatus::Shipped, None, today),
                (_, Some((status, date))) => set_status(f, status, date, today),
                _ => {}
            }
        }
        true
    }

    fn card_list(&mut self, items: &[Item]) {
        let Some(Frame {
            section: Section::Card(card),
            ..
        }) = self.stack.last()
        else {
            return;
        };
        let card = card.clone();
        let fields = items.iter().filter(|i| item_field(i).is_some()).count();
        if fields * 2 >= items.len() && fields > 0 {
            self.card_item(&card, items);
        } else if card.place == Place::Foundations {
            for item in items {
                self.foundation(&item.inline.plain(), &item.children, item.line);
            }
        } else {
            self.checklist_features(card.place, items, Some(card.title.clone()), card.moscow);
        }
        if let Some(Frame {
            section: Section::Card(c),
            ..
        }) = self.stack.last_mut()
        {
            c.done = true;
        }
    }

    fn card_paragraph(&mut self, inline: &Inline) -> bool {
        let Some(Frame {
            section: Section::Card(card),
            ..
        }) = self.stack.last()
        else {
            return false;
        };
        let card = card.clone();
        let lines = inline.lines();
        if lines.iter().all(|l| l.field().is_some()) {
            let items: Vec<Item> = lines
                .into_iter()
                .map(|l| Item {
                    line: card.line,
                    checked: None,
                    inline: l,
                    children: Vec::new(),
                })
                .collect();
            self.card_list(&items);
            return true;
        }
        false
    }

    /// A card from its heading and `**Field:** value` bullets.
    fn card_item(&mut self, card: &Card, items: &[Item]) {
        if card.place == Place::Foundations {
            self.foundation(&card.title, items, card.line);
            return;
        }
        let Some(index) = self.new_feature(card.place, &card.title, card.line) else {
            return;
        };
        let id = self.roadmap.features[index].id;
        if let Some(key) = card.key {
            self.keys.insert(id, key);
        }
        if let Some(alias) = &card.alias {
            self.aliases.insert(normalize(alias), id);
        }
        self.roadmap.features[index].moscow = card.moscow;
        for item in items {
            let Some((label, value)) = item_field(item) else {
                let text = item.inline.plain();
                self.append_description(index, &text);
                continue;
            };
            self.feature_field(index, &label, &value, item);
        }
        let today = self.today;
        let f = &mut self.roadmap.features[index];
        let status = f.status;
        let date = f.shipped;
        set_status(f, status, date, today);
    }

    fn append_description(&mut self, index: usize, text: &str) {
        let f = &mut self.roadmap.features[index];
        if !f.description.is_empty() {
            f.description.push('\n');
        }
        f.description.push_str(text);
    }

    fn feature_field(&mut self, index: usize, label: &str, value: &str, item: &Item) {
        // Continuation lines (`  more`) and child bullets belong to the value.
        let mut value = value.to_owned();
        for child in &item.children {
            value.push('\n');
            value.push_str(&child.inline.plain());
        }
        let line = item.line;
        let name = normalize(label);
        let placeholder = is_placeholder(&value);
        // Keys are given at the end; name the card by its title.
        let title = format!("\"{}\"", self.roadmap.features[index].title);
        let date = |this: &mut Self, what: &str| match date_field(&value) {
            Ok(d) => d,
            Err(e) => {
                this.warn(line, format!("{title}: {e} in {what}, left empty"));
                None
            }
        };
        let text = if placeholder {
            String::new()
        } else {
            value.clone()
        };
        match name.as_str() {
            "description" | "what" | "summary" => self.roadmap.features[index].description = text,
            "why essential" | "why now" | "why" | "rationale" => {
                self.roadmap.features[index].why = text
            }
            "success metric" | "metric" | "success metrics" | "kpi" => {
                self.roadmap.features[index].metric = text
            }
            "pilot feedback" | "customer feedback" | "feedback" => {
                self.roadmap.features[index].pilot_feedback = text
            }
            "owner" | "assignee" => self.roadmap.features[index].owner = text,
            "link" | "spec" | "prd" | "prd/plan" | "doc" => {
                self.roadmap.features[index].link = text
            }
            "why interesting" => self.roadmap.features[index].why_interesting = text,
            "why deferred" => self.roadmap.features[index].why_deferred = text,
            "dependencies" | "depends on" | "dependency" | "blocked by" => {
                let names: Vec<String> = value
                    .split([',', ';'])
                    .map(|s| s.trim().to_owned())
                    .filter(|s| {
                        !is_placeholder(s)
                            && !normalize(s).starts_with("none")
                            && !normalize(s).starts_with("no dependenc")
                    })
                    .collect();
                if !names.is_empty() {
                    let id = self.roadmap.features[index].id;
                    self.pending_dependencies.push((id, names, line));
                }
            }
            "status" => {
                if !placeholder {
                    match feature_status(&value) {
                        Some((status, date)) => {
                            let f = &mut self.roadmap.features[index];
                            f.status = status;
                            if date.is_some() && status == FeatureStatus::Shipped {
                                f.shipped = date;
                            }
                        }
                        None => self.warn(
                            line,
                            format!("{title}: unknown status `{value}`, imported as planned"),
                        ),
                    }
                }
            }
            "priority" => match priority(&value) {
                Some(p) => self.roadmap.features[index].priority = Some(p),
                None if placeholder => {}
                None => self.warn(
                    line,
                    format!("{title}: unknown priority `{value}`, left empty"),
                ),
            },
            "moscow" => self.roadmap.features[index].moscow = moscow(&value),
            "impact" | "effort" => match value
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=5).contains(n))
            {
                Some(n) if name == "impact" => self.roadmap.features[index].impact = Some(n),
                Some(n) => self.roadmap.features[index].effort = Some(n),
                None if placeholder => {}
                None => self.warn(
                    line,
                    format!("{title}: {name} `{value}` is not 1 to 5, left empty"),
                ),
            },
            "target date" | "target" | "target ship date" | "due" | "due date" | "eta" => {
                let d = date(self, "the target date");
                self.roadmap.features[index].target = d;
            }
            "shipped date" | "shipped" | "done date" | "completed" => {
                let d = date(self, "the shipped date");
                self.roadmap.features[index].shipped = d;
            }
            "started date" | "started" | "start date" | "start" => {
                let d = date(self, "the started date");
                self.roadmap.features[index].started = d;
            }
            "created" | "added" | "created on" => {
                let d = date(self, "the created date");
                self.roadmap.features[index].created = d;
            }
            "reconsider when" | "reconsider" | "revisit" => match date_field(&value) {
                Ok(d) => self.roadmap.features[index].reconsider = d,
                // `Reconsider when: after 10 customers` is a condition, not a date.
                Err(_) => {
                    let f = &mut self.roadmap.features[index];
                    if !f.why_deferred.is_empty() {
                        f.why_deferred.push_str("; ");
                    }
                    f.why_deferred.push_str(&format!("reconsider when {value}"));
                }
            },
            _ if placeholder => {}
            _ => {
                let text = format!("{label}: {value}");
                self.append_description(index, &text);
            }
        }
    }

    // ---- milestones, criteria, parking lot, requests, blockers -------------

    fn milestones(&mut self, phase: usize, items: &[Item]) {
        for item in items {
            let (label, value) = item
                .inline
                .field()
                .unwrap_or_else(|| (String::new(), item.inline.plain()));
            let _ = label;
            let (mut text, mut target, mut done) = (value.clone(), None, None);
            // `text - 2026-03-01 (reached 2026-03-04)`
            if let Some((body, reached)) = text.clone().rsplit_once("(reached ") {
                done = find_date(reached);
                text = body.trim().to_owned();
            }
            if let Some((body, date)) = text.clone().rsplit_once(" - ")
                && let Ok(d) = date_field(date)
            {
                target = d;
                text = body.trim().to_owned();
            }
            if is_placeholder(&text) || text.is_empty() {
                text = clean_title(text.trim_matches(|c| c == '[' || c == ']'));
            }
            if text.is_empty() {
                continue;
            }
            if item.checked == Some(true) && done.is_none() {
                done = target.or(Some(self.today));
            }
            let id = self.id();
            let phase_id = self.roadmap.phases[phase].id;
            let position = self
                .roadmap
                .milestones
                .iter()
                .filter(|m| m.phase == phase_id)
                .count() as i64
                + 1;
            self.roadmap.milestones.push(Milestone {
                id: MilestoneId(id),
                phase: phase_id,
                text: clean_title(&text),
                target,
                done,
                position,
            });
        }
    }

    fn criteria(&mut self, phase: usize, items: &[Item]) {
        for item in items {
            let text = clean_title(&item.inline.plain());
            if text.is_empty() {
                continue;
            }
            let id = self.id();
            let phase_id = self.roadmap.phases[phase].id;
            let position = self
                .roadmap
                .criteria
                .iter()
                .filter(|c| c.phase == phase_id)
                .count() as i64
                + 1;
            self.roadmap.criteria.push(Criterion {
                id: CriterionId(id),
                phase: phase_id,
                text,
                done: item.checked == Some(true),
                position,
            });
        }
    }

    /// `1. **Name**` with `Why interesting: …` children.
    fn parked_list(&mut self, items: &[Item]) {
        for item in items {
            let title = item
                .inline
                .leading_strong()
                .unwrap_or_else(|| item.inline.plain());
            let title = title.trim_matches(|c| c == '[' || c == ']').to_owned();
            let Some(index) = self.new_feature(Place::ParkingLot, &title, item.line) else {
                continue;
            };
            for child in &item.children {
                match item_field(child) {
                    Some((label, value)) => self.feature_field(
                        index,
                        &label,
                        &value,
                        &Item {
                            children: Vec::new(),
                            ..child.clone()
                        },
                    ),
                    None => {
                        let text = child.inline.plain();
                        self.append_description(index, &text);
                    }
                }
            }
        }
    }

    /// `Request - who - date - Priority: High`.
    fn request_list(&mut self, items: &[Item]) {
        for item in items {
            let text = item.inline.plain();
            let parts: Vec<&str> = text.split(" - ").map(str::trim).collect();
            let value = |i: usize| {
                parts
                    .get(i)
                    .map(|p| p.trim_matches(|c| c == '[' || c == ']').trim().to_owned())
                    .unwrap_or_default()
            };
            let request_text = value(0);
            if request_text.is_empty() {
                continue;
            }
            let mut priority = RequestPriority::Med;
            let mut date = None;
            for part in parts.iter().skip(1) {
                let lower = part.to_lowercase();
                if let Some(p) = lower
                    .split(':')
                    .nth(1)
                    .filter(|_| lower.contains("priority"))
                    .or(Some(lower.as_str()))
                    && let Ok(parsed) = normalize(p).parse::<RequestPriority>()
                {
                    priority = parsed;
                    continue;
                }
                if let Some(d) = parse_date(part) {
                    date = Some(d);
                }
            }
            let id = self.id();
            self.roadmap.requests.push(CustomerRequest {
                id: RequestId(id),
                text: request_text,
                requested_by: value(1),
                requested_on: date,
                priority,
                feature: None,
                status: RequestStatus::New,
                decline_reason: String::new(),
            });
        }
    }

    /// `Feature → what it waits for → ETA`, or (upcoming) `Feature → mitigation`.
    fn blocker_list(&mut self, items: &[Item]) {
        for item in items {
            let text = item.inline.plain();
            let parts: Vec<String> = text
                .split(['→', '>'])
                .map(|p| p.trim().trim_start_matches('-').trim().to_owned())
                .collect();
            if parts.len() < 2 {
                self.warn(
                    item.line,
                    format!(
                        "blocker `{text}` is not `feature → waiting for → ETA`, kept as a note"
                    ),
                );
                continue;
            }
            let id = self.id();
            let (waiting_for, eta, mitigation) = if self.upcoming_blockers {
                (parts[0].clone(), None, parts[1..].join(" → "))
            } else {
                let eta = parts.get(2).and_then(|p| match date_field(p) {
                    Ok(d) => d,
                    Err(e) => {
                        self.report
                            .warnings
                            .push((item.line, format!("blocker: {e} as its ETA, left empty")));
                        None
                    }
                });
                (parts[1].clone(), eta, String::new())
            };
            let index = self.roadmap.blockers.len();
            self.roadmap.blockers.push(Blocker {
                id: BlockerId(id),
                feature: None,
                waiting_for: waiting_for
                    .trim_matches(|c| c == '[' || c == ']')
                    .to_owned(),
                eta,
                mitigation,
                resolved: None,
            });
            if !self.upcoming_blockers {
                self.pending_blockers
                    .push((index, parts[0].clone(), item.line));
            }
        }
    }

    fn dependency_tree(&mut self, text: &str, first_line: usize) {
        for (offset, line) in text.lines().enumerate() {
            self.dependency_line(line, first_line + 1 + offset);
        }
    }

    /// `├── Feature 2 (depends on Feature 1, Feature 3)` or `X depends on Y`.
    fn dependency_line(&mut self, line_text: &str, line: usize) {
        // Tree drawing and bullets lead the line; hyphens inside names stay.
        let cleaned = line_text.trim_start_matches(|c: char| {
            matches!(c, '├' | '└' | '│' | '─' | '-' | '*' | '+') || c.is_whitespace()
        });
        let Some(at) = find_ignoring_case(cleaned, "depends on") else {
            return;
        };
        let name = cleaned[..at].trim().trim_end_matches('(').trim().to_owned();
        let lower_name = name.to_lowercase();
        if lower_name.is_empty() || lower_name.contains("no dependenc") {
            return;
        }
        let rest = cleaned[at + "depends on".len()..]
            .trim()
            .trim_end_matches(')')
            .to_owned();
        let names: Vec<String> = rest
            .split([',', ';'])
            .flat_map(|p| p.split(" and "))
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        match self.resolve(&name) {
            Some(id) => self.pending_dependencies.push((id, names, line)),
            None => self.warn(
                line,
                format!("dependency of `{name}`, which is not a feature here, skipped"),
            ),
        }
    }

    fn foundation(&mut self, title: &str, items: &[Item], line: usize) {
        let title = clean_title(title);
        if title.is_empty() {
            return;
        }
        let id = self.id();
        let mut item = FoundationItem {
            id: FoundationId(id),
            what: title,
            why: String::new(),
            status: FoundationStatus::NotStarted,
            target: None,
            position: self.roadmap.foundations.len() as i64 + 1,
        };
        let mut what = None;
        for child in items {
            let Some((label, value)) = item_field(child) else {
                continue;
            };
            if is_placeholder(&value) {
                continue;
            }
            match normalize(&label).as_str() {
                "what" | "description" => what = Some(value),
                "why" => item.why = value,
                "status" => match feature_status(&value) {
                    Some((FeatureStatus::Shipped, _)) => item.status = FoundationStatus::Done,
                    Some((FeatureStatus::Active | FeatureStatus::InReview, _)) => {
                        item.status = FoundationStatus::InProgress
                    }
                    Some(_) => {}
                    None => self.warn(
                        child.line,
                        format!("foundation \"{}\": unknown status `{value}`", item.what),
                    ),
                },
                "target" | "target date" => match date_field(&value) {
                    Ok(d) => item.target = d,
                    Err(e) => self.warn(
                        child.line,
                        format!("foundation \"{}\": {e}, left empty", item.what),
                    ),
                },
                _ => {}
            }
        }
        // `#### Monitoring` + `What: error tracking…`: the heading names it,
        // the What line explains it.
        if let Some(what) = what {
            if item.why.is_empty() {
                item.why = what;
            } else {
                item.why = format!("{what} — {}", item.why);
            }
        }
        let _ = line;
        self.roadmap.foundations.push(item);
    }

    fn focus_block(&mut self, block: &Block) -> bool {
        let lines: Vec<Inline> = match &block.kind {
            Kind::Paragraph(inline) => inline.lines(),
            Kind::List(items) => items.iter().map(|i| i.inline.clone()).collect(),
            _ => return false,
        };
        for l in lines {
            let Some((label, value)) = l.field() else {
                continue;
            };
            if is_placeholder(&value) {
                continue;
            }
            match normalize(&label).as_str() {
                "feature" => {
                    self.focus = Some((value, self.focus.as_ref().and_then(|f| f.1), block.line))
                }
                "status" => {
                    let status = feature_status(&value).map(|(s, _)| s);
                    match &mut self.focus {
                        Some(focus) => focus.1 = status,
                        None => self.focus = Some((String::new(), status, block.line)),
                    }
                }
                _ => {}
            }
        }
        true
    }

    // ---- tables -------------------------------------------------------------

    /// Reads a table by its header; `false` when it is none of the known kinds.
    fn table(&mut self, header: &[String], rows: &[(usize, Vec<String>)], block: &Block) -> bool {
        let columns: Vec<String> = header.iter().map(|h| normalize(h)).collect();
        let find = |names: &[&str]| {
            columns.iter().position(|c| {
                names.iter().any(|n| {
                    c == n || c.starts_with(&format!("{n} ")) || c.starts_with(&format!("{n}/"))
                })
            })
        };
        let cell = |row: &Vec<String>, at: Option<usize>| {
            at.and_then(|i| row.get(i))
                .map(|c| c.trim().to_owned())
                .unwrap_or_default()
        };
        let item = find(&[
            "item",
            "feature",
            "task",
            "deliverable",
            "title",
            "name",
            "epic",
            "story",
        ]);
        let phase = find(&["phase", "milestone", "stage", "section"]);
        let status = find(&["status", "state"]);
        if let Some(risk) = find(&["risk"]) {
            let impact = find(&["impact", "severity"]);
            let mitigation = find(&["mitigation", "response", "plan"]);
            for (_, row) in rows {
                let text = cell(row, Some(risk));
                if is_placeholder(&text) {
                    continue;
                }
                let id = self.id();
                self.roadmap.risks.push(Risk {
                    id: RiskId(id),
                    risk: text,
                    impact: cell(row, impact),
                    mitigation: cell(row, mitigation),
                    position: self.roadmap.risks.len() as i64 + 1,
                });
            }
            return true;
        }
        if let (Some(date), Some(change)) = (
            find(&["date", "when"]),
            find(&["change", "what changed", "what"]),
        ) && (matches!(self.section(), Section::ChangeLog)
            || columns.iter().any(|c| {
                c.contains("reason") || c.contains("updated by") || c == "who" || c == "why"
            }))
        {
            let why = find(&["why", "reason"]);
            let who = find(&["who", "updated by", "by", "author"]);
            for (line, row) in rows {
                let what = cell(row, Some(change));
                if is_placeholder(&what) {
                    continue;
                }
                let when = cell(row, Some(date));
                let at = chrono::NaiveDateTime::parse_from_str(&when, "%Y-%m-%d %H:%M:%S")
                    .ok()
                    .or_else(|| parse_date(&when).and_then(|d| d.and_hms_opt(0, 0, 0)));
                let Some(at) = at else {
                    self.warn(
                        *line,
                        format!("change log: unreadable date `{when}`, row skipped"),
                    );
                    continue;
                };
                self.log.push(ChangeEntry {
                    id: 0,
                    at,
                    who: cell(row, who),
                    what,
                    why: cell(row, why),
                    feature: None,
                });
            }
            return true;
        }
        if let (Some(request), Some(by)) = (
            find(&["request"]),
            find(&["requested by", "by", "from", "customer"]),
        ) {
            let date = find(&["date", "requested on"]);
            let priority = find(&["priority"]);
            let linked = find(&["linked feature", "feature"]);
            let status = find(&["status"]);
            let reason = find(&["decline reason", "reason"]);
            for (line, row) in rows {
                let text = cell(row, Some(request));
                if is_placeholder(&text) {
                    continue;
                }
                let id = self.id();
                let index = self.roadmap.requests.len();
                let requested_on = match date_field(&cell(row, date)) {
                    Ok(d) => d,
                    Err(e) => {
                        self.warn(*line, format!("request: {e}, left empty"));
                        None
                    }
                };
                self.roadmap.requests.push(CustomerRequest {
                    id: RequestId(id),
                    text,
                    requested_by: cell(row, Some(by)),
                    requested_on,
                    priority: normalize(&cell(row, priority))
                        .parse()
                        .unwrap_or(RequestPriority::Med),
                    feature: None,
                    status: normalize(&cell(row, status))
                        .parse()
                        .unwrap_or(RequestStatus::New),
                    decline_reason: cell(row, reason),
                });
                let link = cell(row, linked);
                if !is_placeholder(&link) {
                    self.pending_requests.push((index, link, *line));
                }
            }
            return true;
        }
        if let (Some(waiting), true) = (
            find(&["waiting for", "blocked by", "waiting on"]),
            item.is_some() || find(&["feature"]).is_some(),
        ) {
            let feature = find(&["feature", "item"]);
            let eta = find(&["eta", "expected"]);
            let mitigation = find(&["mitigation"]);
            let resolved = find(&["resolved"]);
            for (line, row) in rows {
                let text = cell(row, Some(waiting));
                if is_placeholder(&text) {
                    continue;
                }
                let id = self.id();
                let index = self.roadmap.blockers.len();
                let eta_date = date_field(&cell(row, eta)).unwrap_or_else(|e| {
                    self.report
                        .warnings
                        .push((*line, format!("blocker: {e} as its ETA, left empty")));
                    None
                });
                self.roadmap.blockers.push(Blocker {
                    id: BlockerId(id),
                    feature: None,
                    waiting_for: text,
                    eta: eta_date,
                    mitigation: cell(row, mitigation),
                    resolved: date_field(&cell(row, resolved)).ok().flatten(),
                });
                let name = cell(row, feature);
                if !is_placeholder(&name) {
                    self.pending_blockers.push((index, name, *line));
                }
            }
            return true;
        }
        if let (Some(what), Some(_)) = (find(&["what"]), find(&["why"])) {
            let why = find(&["why"]);
            let target = find(&["target", "target date"]);
            for (line, row) in rows {
                let items = [
                    ("Why", cell(row, why)),
                    ("Status", cell(row, status)),
                    ("Target", cell(row, target)),
                ]
                .into_iter()
                .map(|(label, value)| Item {
                    line: *line,
                    checked: None,
                    inline: Inline(vec![
                        blocks::Span {
                            text: format!("{label}:"),
                            strong: true,
                        },
                        blocks::Span {
                            text: format!(" {value}"),
                            strong: false,
                        },
                    ]),
                    children: Vec::new(),
                })
                .collect::<Vec<_>>();
                self.foundation(&cell(row, Some(what)), &items, *line);
            }
            return true;
        }
        if let (Some(date), Some(kind)) = (find(&["date"]), find(&["kind", "type"])) {
            let chosen = find(&["chosen feature", "feature"]);
            let notes = find(&["notes"]);
            for (line, row) in rows {
                let Some(when) = parse_date(&cell(row, Some(date))) else {
                    self.warn(*line, "review: unreadable date, row skipped");
                    continue;
                };
                let Ok(kind) = normalize(&cell(row, Some(kind))).parse::<ReviewKind>() else {
                    self.warn(*line, "review: unknown kind, row skipped");
                    continue;
                };
                let id = self.id();
                let index = self.roadmap.reviews.len();
                self.roadmap.reviews.push(Review {
                    id: ReviewId(id),
                    date: when,
                    kind,
                    notes: cell(row, notes).replace("<br>", "\n"),
                    chosen: None,
                });
                let name = cell(row, chosen);
                if !is_placeholder(&name) {
                    self.pending_reviews.push((index, name, *line));
                }
            }
            return true;
        }
        match (item, phase.or(status)) {
            (Some(item), Some(_)) => {
                self.table_roadmap(&columns, header, rows, item, phase, status);
                true
            }
            (None, Some(_)) if phase.is_some() && status.is_some() => {
                self.warn(
                    block.line,
                    "a roadmap table with no item/feature column, kept as a note",
                );
                false
            }
            _ => false,
        }
    }

    /// `| Phase | ID | Item | Status | Owner | PRD | … |`: one feature a row.
    fn table_roadmap(
        &mut self,
        columns: &[String],
        header: &[String],
        rows: &[(usize, Vec<String>)],
        item: usize,
        phase: Option<usize>,
        status: Option<usize>,
    ) {
        let find = |names: &[&str]| {
            columns
                .iter()
                .position(|c| names.iter().any(|n| c == n || c.starts_with(n)))
        };
        let owner = find(&["owner", "assignee", "who"]);
        let link = find(&["prd", "link", "spec", "doc", "plan"]);
        let priority_col = find(&["priority", "prio"]);
        let target = find(&["target", "due", "eta", "date"]);
        let id_col = find(&["id", "#", "key"]);
        let known = [
            Some(item),
            phase,
            status,
            owner,
            link,
            priority_col,
            target,
            id_col,
        ];
        for (line, row) in rows {
            let cell = |at: Option<usize>| {
                at.and_then(|i| row.get(i))
                    .map(|c| c.trim().to_owned())
                    .unwrap_or_default()
            };
            let title = cell(Some(item));
            if is_placeholder(&title) {
                continue;
            }
            let phase_name = cell(phase);
            let place = if phase.is_some() && !is_placeholder(&phase_name) {
                let Section::Phase(index) = self.phase(0, clean_title(&phase_name), *line) else {
                    unreachable!("phase() opens a phase")
                };
                Place::Phase(index)
            } else {
                match self.section().clone() {
                    Section::Phase(p)
                    | Section::PhaseItems { phase: p, .. }
                    | Section::PhaseOther { phase: p, .. } => Place::Phase(p),
                    _ => {
                        let Section::Phase(index) = self.phase(0, "Imported".into(), *line) else {
                            unreachable!("phase() opens a phase")
                        };
                        Place::Phase(index)
                    }
                }
            };
            let Some(index) = self.new_feature(place, &title, *line) else {
                continue;
            };
            let status_text = cell(status);
            let mut description = Vec::new();
            let id_text = cell(id_col);
            if !is_placeholder(&id_text) {
                description.push(format!("ID: {id_text}"));
            }
            for (i, name) in header.iter().enumerate() {
                if !known.contains(&Some(i)) {
                    let value = cell(Some(i));
                    if !is_placeholder(&value) {
                        description.push(format!("{name}: {value}"));
                    }
                }
            }
            let today = self.today;
            let f = &mut self.roadmap.features[index];
            f.owner = cell(owner);
            f.link = cell(link);
            f.description = description.join("\n");
            if !is_placeholder(&status_text) {
                match feature_status(&status_text) {
                    Some((s, date)) => set_status(f, s, date, today),
                    None => {
                        let title = f.title.clone();
                        self.warn(
                            *line,
                            format!(
                                "\"{title}\": unknown status `{status_text}`, imported as planned"
                            ),
                        );
                    }
                }
            }
            let prio = cell(priority_col);
            if !is_placeholder(&prio) {
                self.roadmap.features[index].priority = priority(&prio);
            }
            match date_field(&cell(target)) {
                Ok(d) => self.roadmap.features[index].target = d,
                Err(e) => self.warn(*line, format!("{e} in the target column, left empty")),
            }
        }
    }

    // ---- mermaid gantt ------------------------------------------------------

    fn gantt(&mut self, text: &str, first_line: usize) {
        let mut phase: Option<usize> = None;
        let mut last_end: Option<NaiveDate> = None;
        for (offset, raw) in text.lines().enumerate() {
            let line = first_line + 1 + offset;
            let trimmed = raw.trim();
            let lower = trimmed.to_lowercase();
            if trimmed.is_empty()
                || lower.starts_with("gantt")
                || lower.starts_with("%%")
                || lower.starts_with("dateformat")
                || lower.starts_with("axisformat")
                || lower.starts_with("excludes")
                || lower.starts_with("todaymarker")
                || lower.starts_with("tickinterval")
            {
                continue;
            }
            if let Some(title) = trimmed.strip_prefix("title") {
                if self.roadmap.info.name.is_empty() {
                    self.roadmap.info.name = title.trim().to_owned();
                }
                continue;
            }
            if let Some(name) = trimmed.strip_prefix("section") {
                let Section::Phase(index) = self.phase(0, clean_title(name), line) else {
                    unreachable!("phase() opens a phase")
                };
                phase = Some(index);
                continue;
            }
            let Some((name, meta)) = trimmed.split_once(':') else {
                self.warn(
                    line,
                    format!("gantt line `{trimmed}` is not `task : details`, skipped"),
                );
                continue;
            };
            let phase_index = match phase {
                Some(p) => p,
                None => {
                    let Section::Phase(index) = self.phase(0, "Imported".into(), line) else {
                        unreachable!("phase() opens a phase")
                    };
                    phase = Some(index);
                    index
                }
            };
            let mut tags = Vec::new();
            let mut id = None;
            let mut dates: Vec<&str> = Vec::new();
            for part in meta.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match part {
                    "done" | "active" | "crit" | "milestone" => tags.push(part),
                    p if p.starts_with("after ")
                        || parse_date(p).is_some()
                        || duration_days(p).is_some() =>
                    {
                        dates.push(p)
                    }
                    p if id.is_none()
                        && p.chars()
                            .all(|c| c.is_alphanumeric() || c == '_' || c == '-') =>
                    {
                        id = Some(p.to_owned())
                    }
                    p => self.warn(
                        line,
                        format!("gantt: `{p}` is not a tag, id, date or duration, ignored"),
                    ),
                }
            }
            let mut after: Vec<String> = Vec::new();
            // `start, end|duration`, `after id, duration`, or a lone end.
            let start = match dates.first().copied() {
                Some(d) if d.starts_with("after ") => {
                    after = d["after ".len()..]
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect();
                    dates.remove(0);
                    None
                }
                Some(d) if dates.len() >= 2 => {
                    dates.remove(0);
                    parse_date(d)
                }
                _ => None,
            };
            // `after a b` starts when the last of them ends; with neither a
            // start nor `after`, a task follows the one before it.
            let after_end = after
                .iter()
                .filter_map(|other| self.task_ids.get(other))
                .filter_map(|id| self.roadmap.feature(*id).and_then(|f| f.target))
                .max();
            let start = start.or(if after.is_empty() {
                last_end
            } else {
                after_end
            });
            let end = match dates.first() {
                Some(d) => parse_date(d)
                    .or_else(|| Some(crate::domain::schedule::shift(start?, duration_days(d)?))),
                None => None,
            };
            if tags.contains(&"milestone") {
                let id_ = self.id();
                let phase_id = self.roadmap.phases[phase_index].id;
                let position = self
                    .roadmap
                    .milestones
                    .iter()
                    .filter(|m| m.phase == phase_id)
                    .count() as i64
                    + 1;
                let target = end.or(start);
                self.roadmap.milestones.push(Milestone {
                    id: MilestoneId(id_),
                    phase: phase_id,
                    text: clean_title(name),
                    target,
                    done: tags.contains(&"done").then_some(target).flatten(),
                    position,
                });
                continue;
            }
            let Some(index) = self.new_feature(Place::Phase(phase_index), name, line) else {
                continue;
            };
            let today = self.today;
            let feature_id = self.roadmap.features[index].id;
            let f = &mut self.roadmap.features[index];
            f.target = end;
            if tags.contains(&"crit") {
                f.priority = Some(Priority::P0);
            }
            if tags.contains(&"done") {
                f.started = start;
                set_status(f, FeatureStatus::Shipped, end, today);
            } else if tags.contains(&"active") {
                f.started = start;
                set_status(f, FeatureStatus::Active, None, today);
            }
            if let Some(id) = id {
                self.task_ids.insert(id, feature_id);
            }
            for other in after {
                match self.task_ids.get(&other) {
                    Some(&on) => self.roadmap.dependencies.push(Dependency {
                        feature: feature_id,
                        depends_on: on,
                    }),
                    None => self.warn(
                        line,
                        format!(
                            "gantt: `after {other}` names no task before it, dependency skipped"
                        ),
                    ),
                }
            }
            // Widen the phase to its tasks.
            let p = &mut self.roadmap.phases[phase_index];
            if let Some(s) = start {
                p.start = Some(p.start.map_or(s, |x| x.min(s)));
            }
            if let Some(e) = end {
                p.end = Some(p.end.map_or(e, |x| x.max(e)));
            }
            last_end = end;
        }
    }

    // ---- the end: names to ids, the ONE rule ---------------------------------

    /// Finds a feature by key (`F3`), label (`Feature 1`) or title.
    fn resolve(&self, name: &str) -> Option<FeatureId> {
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

    fn finish(&mut self, default_name: &str) {
        if self.roadmap.info.name.is_empty() {
            self.roadmap.info.name = default_name.to_owned();
        }
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

    /// The first feature in progress keeps the slot; the others go back to
    /// planned, each named in the report.
    fn one_rule(&mut self) {
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
    fn assign_keys(&mut self) {
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

/// `Task name ✅` / `Task name (Done)`: a trailing status, if any.
fn split_status_suffix(text: &str) -> (String, Option<(FeatureStatus, Option<NaiveDate>)>) {
    if let Some((title, rest)) = text.rsplit_once(" — ").or_else(|| text.rsplit_once(" – "))
        && let Some(status) = feature_status(rest)
    {
        return (title.trim().to_owned(), Some(status));
    }
    let icon = text.chars().find(|c| matches!(c, '✅' | '⏳' | '🚧'));
    match icon {
        Some(c) => (
            text.replace(c, "").trim().to_owned(),
            feature_status(&c.to_string()),
        ),
        None => (text.to_owned(), None),
    }
}

/// `**Field:** value` or, in plain lists, `Field: value` for known fields.
fn item_field(item: &Item) -> Option<(String, String)> {
    item.inline.field().or_else(|| {
        let text = item.inline.plain();
        let (label, value) = text.split_once(':')?;
        let known = [
            "why interesting",
            "why deferred",
            "reconsider when",
            "what",
            "why",
            "status",
            "target",
            "description",
            "owner",
        ];
        known
            .contains(&normalize(label).as_str())
            .then(|| (label.trim().to_owned(), value.trim().to_owned()))
    })
}

fn set_status(f: &mut Feature, status: FeatureStatus, date: Option<NaiveDate>, today: NaiveDate) {
    f.status = status;
    match status {
        FeatureStatus::Shipped => {
            f.shipped = date.or(f.shipped).or(f.target).or(Some(today));
        }
        FeatureStatus::Active | FeatureStatus::InReview => {
            f.shipped = None;
            f.started = f.started.or(Some(today));
        }
        _ => f.shipped = None,
    }
    if status == FeatureStatus::Parked || (status == FeatureStatus::Planned && f.phase.is_none()) {
        f.status = FeatureStatus::Parked;
        f.phase = None;
    }
}

fn duration_days(text: &str) -> Option<i64> {
    let t = text.trim();
    let (number, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit())?);
    let n: i64 = number.parse().ok()?;
    match unit {
        "d" => Some(n),
        "w" => Some(n * 7),
        "h" => Some((n + 23) / 24),
        _ => None,
    }
}

/// The byte offset of ASCII `needle` in `haystack`, ignoring ASCII case.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.char_indices().map(|(i, _)| i).find(|&i| {
        haystack
            .get(i..i + needle.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(needle))
    })
}

/// Items and their children, depth first.
fn flatten(items: &[Item]) -> Vec<&Item> {
    let mut out = Vec::new();
    for item in items {
        out.push(item);
        out.extend(flatten(&item.children));
    }
    out
}
