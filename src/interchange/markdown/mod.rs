//! Reads a founder's Markdown roadmap, in any mix of the shapes founders
//! write (DESIGN.md §6): template-shape phases and feature cards, checklists
//! under week- or month-based phase headings, table roadmaps, Mermaid gantt
//! blocks, priority sections, parking lot, requests, blockers, dependency
//! trees, risks, change log. What it does not understand is kept as notes,
//! and the report says what was recognized and what was not, with lines.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

mod annotations;
mod cards;
mod content;
mod finish;
mod gantt;
mod lists;
mod outline;
mod phases;
mod risks;
mod sections;
mod tables;
pub mod timebox;

use phases::{LabelledList, labelled_kind, phase_heading, split_heading_status};
use timebox::timebox_heading;

use super::blocks::{self, Block, Inline, Item, Kind};
use super::lexicon;
use super::report::{Recognized, Report};
use super::words::*;
use crate::domain::*;

/// A roadmap read from a document, with ids local to it, and its report.
#[derive(Debug, Clone)]
pub struct Imported {
    pub roadmap: Roadmap,
    /// Change-log entries the document carried.
    pub log: Vec<ChangeEntry>,
    pub report: Report,
    /// For a document in roadboard's own format (or JSON), whose features
    /// carry their keys: the fields each item wrote. A re-import then
    /// matches by key and leaves what the document left out.
    pub written: Option<crate::domain::merge::Written>,
}

impl Imported {
    /// How an update finds the file's features for the document's.
    pub fn matching(&self) -> crate::domain::merge::Matching<'_> {
        match &self.written {
            Some(written) => crate::domain::merge::Matching::ByKey(written),
            None => crate::domain::merge::Matching::ByTitle,
        }
    }
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
        /// `High Priority Features`: the priority of every item in it.
        priority: Option<Priority>,
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
    /// Roadboard's own `## Notes`: each sub-heading one note, its body text.
    Notes,
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
    /// The priority its heading states after the name (`Billing 🔴 Critical`):
    /// the mark of one item, so its bullets describe it.
    priority: Option<Priority>,
    /// Set once the card produced something.
    done: bool,
    /// The feature the card made, once it made one.
    feature: Option<usize>,
}

/// An item of a priority list (`### Must have`, `## P1`).
struct PriorityItem {
    title: String,
    /// The list's heading.
    list: String,
    priority: Option<Priority>,
    moscow: Option<Moscow>,
    /// The date or period it names for itself (`Exports (Q4 2025)`).
    target: Option<NaiveDate>,
    line: usize,
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
    /// The year of dates written without one (`document_year`).
    year: i32,
    /// The day the plan starts, when the document says (`Start: …`).
    plan_start: Option<NaiveDate>,
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
    /// Lines of a dependency tree (`A depends on B, C`): the dependent's
    /// name, what it names, line; resolved at the end.
    dependency_lines: Vec<(String, Vec<String>, usize)>,
    /// Items of priority sections, resolved at the end.
    /// Items of priority lists, resolved at the end.
    priority_items: Vec<PriorityItem>,
    /// `This Week's ONE Feature`: name, status, line.
    focus: Option<(String, Option<FeatureStatus>, usize)>,
    /// `Up Next:` in the current focus: name, line.
    up_next: Option<(String, usize)>,
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
    /// The parents (by line; `None` for the top) of headings holding items
    /// that name themselves a phase (`Phase 2`, `Q1`, `Now`): among their
    /// siblings a heading is a phase by its words, not by its shape alone.
    /// Elsewhere in the document shape still decides.
    worded_parents: HashSet<Option<usize>>,
    /// Phases made from a heading's shape: dropped again when they end up
    /// holding nothing.
    shaped_phases: HashSet<usize>,
    /// Features by phase, normalized title and whether a gantt chart named
    /// them: to find an item's other view at once.
    titles: HashMap<(PhaseId, String, bool), usize>,
    /// Phases by name.
    phase_names: HashMap<String, usize>,
    /// The heading that is each phase's own section (its level and how
    /// many items it holds), by the phase's index.
    phase_headings: HashMap<usize, (usize, usize)>,
    /// How many features each phase (and the parking lot) holds so far.
    feature_counts: HashMap<Option<PhaseId>, i64>,
    /// Where each phase and feature was first named.
    lines: HashMap<i64, usize>,
    /// Whether a gantt chart is being read.
    in_gantt: bool,
    /// The bold lead of the paragraph just read (`**Prerequisites:**`),
    /// which labels a list right after it.
    list_label: Option<String>,
}

/// Reads `source`. `name` is the roadmap's name when the document has none
/// (the file's stem); `today` dates checked items that carry no date.
pub fn import_markdown(source: &str, name: &str, today: NaiveDate) -> Imported {
    let repaired = repair_mojibake(source).into_owned();
    let mut importer = Importer {
        source: &repaired,
        today,
        year: document_year(&repaired, today),
        plan_start: None,
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
        dependency_lines: Vec::new(),
        priority_items: Vec::new(),
        focus: None,
        up_next: None,
        pending_blockers: Vec::new(),
        pending_requests: Vec::new(),
        pending_reviews: Vec::new(),
        task_ids: HashMap::new(),
        upcoming_blockers: false,
        outline: outline::Outline::default(),
        item_defaults: HashMap::new(),
        stated_status: HashSet::new(),
        worded_parents: HashSet::new(),
        shaped_phases: HashSet::new(),
        list_label: None,
        in_gantt: false,
        titles: HashMap::new(),
        phase_names: HashMap::new(),
        phase_headings: HashMap::new(),
        feature_counts: HashMap::new(),
        lines: HashMap::new(),
    };
    let blocks = blocks::parse(&repaired);
    importer.outline = outline::Outline::of(&blocks);
    importer.worded_parents = blocks
        .iter()
        .filter_map(|block| match &block.kind {
            Kind::Heading { inline, .. } => {
                let text = clean_title(&inline.plain());
                let shape = importer.outline.shape(block.line);
                (shape.subtree_items > 0
                    && (phase_heading(&text).is_some()
                        || timebox_heading(&text)
                        || lexicon::names_a_phase(&text)
                        || lexicon::bucket(&text).is_some()))
                .then_some(shape.parent)
            }
            _ => None,
        })
        .collect();
    for block in &blocks {
        importer.block(block);
    }
    importer.close_to(0);
    importer.finish(name);
    importer.itemize();
    let tasks = blocks.iter().any(|block| match &block.kind {
        Kind::List(items) => items.iter().any(|item| item.checked.is_some()),
        _ => false,
    });
    importer.report.shows_a_plan = tasks || importer.shows_a_plan();
    Imported {
        roadmap: importer.roadmap,
        log: importer.log,
        report: importer.report,
        written: None,
    }
}

impl Importer<'_> {
    /// Whether what was read shows a plan, not prose that happens to have
    /// headings and lists: a heading naming a phase or a bucket of work, a
    /// stated status, a date, a priority, a milestone or a criterion, or a
    /// title that calls the document a roadmap.
    fn shows_a_plan(&self) -> bool {
        let r = &self.roadmap;
        !self.worded_parents.is_empty()
            || !self.stated_status.is_empty()
            || lexicon::names_a_roadmap(&r.info.name)
            || !r.milestones.is_empty()
            || !r.criteria.is_empty()
            || r.phases
                .iter()
                .any(|p| p.start.is_some() || p.end.is_some())
            || r.features.iter().any(|f| {
                !matches!(f.status, FeatureStatus::Planned | FeatureStatus::Parked)
                    || f.target.is_some()
                    || f.priority.is_some()
                    || f.moscow.is_some()
            })
    }
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
        let (name, priority) = match trailing_priority(&name) {
            Some((name, priority)) => (name, Some(priority)),
            None => (name, None),
        };
        let text = clean_title(&name);
        let mut section = self.classify(level, &text, line);
        if let Section::Card(card) = &mut section {
            card.priority = priority.or(card.priority);
        }
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
            // Without a date in the document the day is unknown: a made-up
            // one (today, the target) would bend the velocity forecast.
            f.shipped = date.or(f.shipped);
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
