//! Reads a founder's Markdown roadmap, in any mix of the shapes founders
//! write (DESIGN.md §6): template-shape phases and feature cards, checklists
//! under week- or month-based phase headings, table roadmaps, Mermaid gantt
//! blocks, priority sections, parking lot, requests, blockers, dependency
//! trees, risks, change log. What it does not understand is kept as notes,
//! and the report says what was recognized and what was not, with lines.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

mod cards;
mod gantt;
mod lists;
mod outline;
mod tables;

use super::blocks::{self, Block, Inline, Item, Kind};
use super::lexicon;
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
    /// What each heading's part of the document holds.
    outline: outline::Outline,
    /// Phases whose heading named a bucket (`Done`, `Now`): the status their
    /// items take when they state none.
    item_defaults: HashMap<usize, FeatureStatus>,
    /// Phases whose status the document states (else it is derived).
    stated_status: HashSet<usize>,
    /// Whether some heading holding items names itself a phase (`Phase 2`,
    /// `Q1`, `Now`): then a heading is a phase by its words, not by its
    /// shape alone.
    worded_phases: bool,
    /// Phases made from a heading's shape: dropped again when they end up
    /// holding nothing.
    shaped_phases: HashSet<usize>,
    /// Features read from a gantt chart (by index): the same item in a
    /// list or a table of the same phase is the same feature.
    gantt_features: HashSet<usize>,
    /// Whether a gantt chart is being read.
    in_gantt: bool,
    /// The bold lead of the paragraph just read (`**Prerequisites:**`),
    /// which labels a list right after it.
    list_label: Option<String>,
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
        outline: outline::Outline::default(),
        item_defaults: HashMap::new(),
        stated_status: HashSet::new(),
        worded_phases: false,
        shaped_phases: HashSet::new(),
        list_label: None,
        gantt_features: HashSet::new(),
        in_gantt: false,
    };
    let blocks = blocks::parse(&repaired);
    importer.outline = outline::Outline::of(&blocks);
    importer.worded_phases = blocks.iter().any(|block| match &block.kind {
        Kind::Heading { inline, .. } => {
            let text = clean_title(&inline.plain());
            importer.outline.shape(block.line).subtree_items > 0
                && (phase_heading(&text).is_some()
                    || timebox_heading(&text)
                    || lexicon::names_a_phase(&text)
                    || lexicon::bucket(&text).is_some())
        }
        _ => false,
    });
    for block in &blocks {
        importer.block(block);
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

/// A heading (or a phase cell) without the status it states after its
/// name, and that status: what follows a status mark (`Web Map ✅ Complete
/// (M13 + M14)`), a status in parentheses (`Launch (COMPLETED)`) or after a
/// dash (`Navigation — M17 In Planning`) is read and cut off.
fn split_heading_status(raw: &str) -> (String, Option<PhaseStatus>) {
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
fn status_words(text: &str) -> Option<PhaseStatus> {
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

/// A phase heading's name and the status it states (see
/// `split_heading_status`); a non-English phase word and its number
/// (`Giai đoạn 1 — Nền tảng`) are dropped as `Phase 1: …` is.
fn phase_title(text: &str) -> (String, Option<PhaseStatus>) {
    let (name, stated) = split_heading_status(text);
    let name = clean_title(&name);
    let name = lexicon::strip_phase_word(&name).map_or(name, |(_, name)| name);
    (name, stated)
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
        let (name, marked) = split_heading_status(&inline.plain());
        let text = clean_title(&name);
        let section = self.classify(level, &text, line);
        if let (Section::Phase(index), Some(status)) = (&section, marked) {
            self.roadmap.phases[*index].status = status;
            self.stated_status.insert(*index);
        }
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
        if let Some(section) = self.by_shape(text, line) {
            return section;
        }
        if contains_any(t, &["phases", "milestones", "roadmap", "timeline", "plan"])
            && !t.contains("visualization")
        {
            return Section::Container;
        }
        self.note(self.path(text))
    }

    /// Structure first: a heading whose children hold the work passes
    /// through to them; one whose part holds work items, among siblings
    /// that do too (or named as a phase or a bucket of work in any
    /// language), is a phase.
    fn by_shape(&mut self, text: &str, line: usize) -> Option<Section> {
        let shape = self.outline.shape(line);
        if shape.is_container() && shape.own_items == 0 {
            return Some(Section::Container);
        }
        let bucket = lexicon::bucket(text);
        let by_words = lexicon::names_a_phase(text) || bucket.is_some();
        let by_shape = shape.is_phase_like() && !self.worded_phases;
        let by_tasks = shape.own_tasks > 0;
        if shape.subtree_items == 0 || lexicon::about_process(text) && !by_words {
            return None;
        }
        if !by_words && !by_shape {
            // A checklist beside named phases (`Deployment Checklist`): work
            // that takes no phase of its own.
            return by_tasks.then_some(Section::Foundations);
        }
        let (name, stated) = phase_title(text);
        let number = lexicon::strip_phase_word(text)
            .and_then(|(number, _)| number)
            .unwrap_or(0);
        let section = self.phase(number, name, line);
        if let Section::Phase(index) = section {
            self.shaped_phases.insert(index);
        }
        if let Section::Phase(index) = section {
            let status = stated.or(bucket.map(|(status, _)| status));
            if let Some(status) = status {
                self.roadmap.phases[index].status = status;
                self.stated_status.insert(index);
            }
            if let Some((_, Some(items))) = bucket {
                self.item_defaults.insert(index, items);
            }
        }
        Some(section)
    }

    /// The phase a text names (`Phase 2: Growth`, `Giai đoạn 2`, `MVP`),
    /// by its number when it has one, else by its name.
    fn named_phase(&mut self, text: &str, line: usize) -> Section {
        let text = clean_title(text);
        let (number, name) = phase_heading(&text)
            .or_else(|| lexicon::strip_phase_word(&text).map(|(n, name)| (n.unwrap_or(0), name)))
            .unwrap_or((0, text));
        self.phase(number, name, line)
    }

    fn phase(&mut self, number: u32, name: String, line: usize) -> Section {
        let id = self.id();
        // A template's `[Growth]` is a name to keep; nothing at all is not.
        let name = name
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim();
        let name = match (name.is_empty(), number) {
            (false, _) => name.to_owned(),
            (true, 0) => "Untitled phase".to_owned(),
            (true, n) => format!("Phase {n}"),
        };
        // The same number is the same phase (a table row and its section);
        // the later, fuller name wins.
        if let Some(&index) = self.phase_numbers.get(&number).filter(|_| number > 0) {
            if name != format!("Phase {number}") {
                self.roadmap.phases[index].name = name;
            }
            return Section::Phase(index);
        }
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
        let label = self.list_label.take();
        // `**Goal:** text` is a field, not a label of what follows.
        if let Kind::Paragraph(inline) = &block.kind
            && inline.field().is_none_or(|(_, value)| value.is_empty())
        {
            self.list_label = inline.leading_strong();
        }
        if let (Some(label), Kind::List(items)) = (label, &block.kind)
            && self.labelled_list(&label, items, block)
        {
            return;
        }
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
        if let (Section::Root | Section::Container | Section::Note(_), Kind::List(items)) =
            (&section, &block.kind)
            && self.phase_list(items)
        {
            return;
        }
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

    /// A list right after a bold label. A label naming a phase (`**Phase 5
    /// — Full-fledged ✅**`) makes one, holding the list's items; under a
    /// phase, a label that does not name work (`**Prerequisites:**`) keeps
    /// the list as a note. `false`: read the list as usual.
    fn labelled_list(&mut self, label: &str, items: &[Item], block: &Block) -> bool {
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
        let in_phase = matches!(
            self.section(),
            Section::Phase(_) | Section::PhaseOther { .. }
        );
        if in_phase && !lexicon::labels_work(label) {
            self.keep(block);
            return true;
        }
        false
    }

    /// A list whose items name phases in bold (`**v1.2 Live Dispatch** -
    /// Phases 12-16 (shipped 2026-04-21)`), as tools write milestone lists:
    /// each item a phase, its state and date read from it. `false` when
    /// fewer than four in five items do.
    fn phase_list(&mut self, items: &[Item]) -> bool {
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

    // ---- features -----------------------------------------------------------

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

    /// The first feature in progress keeps the slot; the others go back to
    /// planned, each named in the report.
    /// A document of bare headings and nothing else (`# Forms`, `# Charts`,
    /// …) lists its items as headings: they become the features of one
    /// phase named after the document.
    fn headings_as_items(&mut self) {
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
    fn drop_empty_shaped_phases(&mut self) {
        let roadmap = &self.roadmap;
        let empty: HashSet<PhaseId> = self
            .shaped_phases
            .iter()
            .map(|&index| roadmap.phases[index].id)
            .filter(|id| {
                !roadmap.features.iter().any(|f| f.phase == Some(*id))
                    && !roadmap.milestones.iter().any(|m| m.phase == *id)
                    && !roadmap.criteria.iter().any(|c| c.phase == *id)
            })
            .collect();
        self.roadmap.phases.retain(|p| !empty.contains(&p.id));
        for (position, phase) in self.roadmap.phases.iter_mut().enumerate() {
            phase.position = position as i64 + 1;
        }
    }

    /// A phase whose status the document does not state takes it from its
    /// items: all shipped → complete; any shipped or under way → in progress.
    fn derive_phase_status(&mut self) {
        for (index, phase) in self.roadmap.phases.iter_mut().enumerate() {
            if self.stated_status.contains(&index) {
                continue;
            }
            let statuses: Vec<FeatureStatus> = self
                .roadmap
                .features
                .iter()
                .filter(|f| f.phase == Some(phase.id) && f.status != FeatureStatus::Dropped)
                .map(|f| f.status)
                .collect();
            if statuses.is_empty() {
                continue;
            }
            if statuses.iter().all(|s| *s == FeatureStatus::Shipped) {
                phase.status = PhaseStatus::Complete;
            } else if statuses
                .iter()
                .any(|s| matches!(s, FeatureStatus::Shipped) || s.holds_slot())
            {
                phase.status = PhaseStatus::InProgress;
            }
        }
    }

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
    let icon = text
        .chars()
        .find(|c| matches!(c, '✅' | '✔' | '☑' | '⏳' | '🚧' | '🔨' | '☐' | '⬜' | '❌'));
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
