//! The strict reader of roadboard's own format: every line is one the
//! writer makes (or a blank line), read by its form alone — no guessing,
//! no repair. A line it does not know is refused with its number, so a
//! hand edit is never silently dropped.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::card::{CardDraft, card_field};
use super::text::{
    ends_in_break, parse_day, parse_optional_day, read_cell, split_unescaped, unescape,
};
use crate::domain::merge::Written;
use crate::domain::requests::Ask;
use crate::domain::*;
use crate::interchange::report::{Recognized, Report};

/// A document in roadboard's own format, read.
#[derive(Debug, Clone)]
pub struct OwnDocument {
    pub roadmap: Roadmap,
    pub log: Vec<ChangeEntry>,
    /// The fields each card and phase wrote (the others are unchanged by
    /// an update), and the cards that came without a key.
    pub written: Written,
    /// Each phase and card with its line: the import's preview.
    pub report: Report,
}

/// Why a document in the format cannot be read: the line and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for OwnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// One line of the document as the reader takes it: a line and the lines
/// its hard breaks carry on to, each without its break.
struct Logical {
    /// Where it starts (1-based).
    line: usize,
    /// Its text, breaks joined by `\n`, the continuation lines' indent
    /// removed; still escaped.
    segments: Vec<String>,
}

impl Logical {
    fn first(&self) -> &str {
        &self.segments[0]
    }

    /// The text after `prefix` of the first segment, the others after it,
    /// unescaped and joined by line breaks.
    fn text_after(&self, prefix_len: usize) -> String {
        let mut parts = vec![unescape(&self.segments[0][prefix_len..])];
        parts.extend(self.segments[1..].iter().map(|s| unescape(s)));
        parts.join("\n")
    }
}

/// Splits `source` into logical lines (any line ending: LF, CRLF or CR).
fn logical_lines(source: &str) -> Vec<Logical> {
    let normalized = source.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines = Vec::new();
    let mut open: Option<Logical> = None;
    for (i, physical) in normalized.split('\n').enumerate() {
        let text = match open {
            // A continuation's indent is layout: spaces of the text itself
            // are written as entities.
            Some(_) => physical.trim_start_matches(' '),
            None => physical,
        };
        let (body, continues) = if ends_in_break(text) {
            (&text[..text.len() - 1], true)
        } else {
            (text, false)
        };
        let logical = open.get_or_insert_with(|| Logical {
            line: i + 1,
            segments: Vec::new(),
        });
        logical.segments.push(body.to_owned());
        if !continues {
            lines.extend(open.take());
        }
    }
    lines.extend(open);
    lines
}

/// A section of the format.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    Header,
    Philosophy,
    Focus,
    Phase(usize),
    Milestones(usize),
    Criteria(usize),
    ParkingLot,
    Table(Table),
    Notes,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Table {
    Requests,
    Blockers,
    Foundations,
    Risks,
    Reviews,
    ChangeLog,
}

impl Table {
    fn of_heading(heading: &str) -> Option<Table> {
        Some(match heading {
            "Customer Requests" => Table::Requests,
            "Blockers" => Table::Blockers,
            "Foundations Track" => Table::Foundations,
            "Risks" => Table::Risks,
            "Reviews" => Table::Reviews,
            "Change Log" => Table::ChangeLog,
            _ => return None,
        })
    }
}

/// A feature key named by a record, resolved once every card is read.
struct Reference {
    key: FeatureKey,
    line: usize,
    to: Referrer,
}

enum Referrer {
    UpNext,
    Dependency(FeatureId),
    Request(usize),
    Blocker(usize),
    Review(usize),
}

struct Reader {
    roadmap: Roadmap,
    report: Report,
    log: Vec<ChangeEntry>,
    written: Written,
    section: Section,
    /// The card the field lines belong to.
    card: Option<CardDraft>,
    cards: Vec<CardDraft>,
    /// The columns of the table being read, once its header is.
    columns: Option<Vec<String>>,
    /// The note being read (its body follows its heading).
    note: Option<usize>,
    references: Vec<Reference>,
    next_id: i64,
    project_named: bool,
    /// The day a milestone checked by hand without a date was reached.
    today: chrono::NaiveDate,
}

fn err<T>(line: usize, message: impl Into<String>) -> Result<T, OwnError> {
    Err(OwnError {
        line,
        message: message.into(),
    })
}

/// `**Label:** value` → (label, raw value).
fn bold_field(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("**")?;
    let (label, value) = rest.split_once(":**")?;
    Some((label, value.strip_prefix(' ').unwrap_or(value)))
}

/// Reads `source`, whose first line is the format's marker.
pub fn read_own(source: &str, today: chrono::NaiveDate) -> Result<OwnDocument, OwnError> {
    let mut reader = Reader {
        roadmap: Roadmap::empty(String::new()),
        report: Report::default(),
        log: Vec::new(),
        written: Written::default(),
        section: Section::Header,
        card: None,
        cards: Vec::new(),
        columns: None,
        note: None,
        references: Vec::new(),
        next_id: 0,
        project_named: false,
        today,
    };
    let lines = logical_lines(source);
    for logical in lines.iter().skip(1) {
        reader.line(logical)?;
    }
    reader.finish()
}

impl Reader {
    /// Keeps `key`, if a record named one, to resolve once every card is read.
    fn refer(&mut self, key: Option<FeatureKey>, line: usize, to: Referrer) {
        if let Some(key) = key {
            self.references.push(Reference { key, line, to });
        }
    }

    fn id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    fn line(&mut self, logical: &Logical) -> Result<(), OwnError> {
        let at = logical.line;
        let first = logical.first();
        if first.trim().is_empty() || first.trim() == "---" {
            return Ok(());
        }
        if let Some(title) = first.strip_prefix("# ") {
            if !self.project_named {
                let title = unescape(title);
                self.roadmap.info.name = title
                    .strip_prefix("Product Roadmap: ")
                    .unwrap_or(&title)
                    .to_owned();
            }
            return Ok(());
        }
        if let Some(heading) = first.strip_prefix("## ") {
            return self.section_heading(heading, at);
        }
        if let Some(heading) = first.strip_prefix("### ") {
            return self.sub_heading(heading, logical);
        }
        if let Some(heading) = first.strip_prefix("#### ") {
            return self.card_heading(heading, at);
        }
        match self.section {
            Section::Header => self.header_line(logical),
            Section::Philosophy => {
                let text = logical.text_after(0);
                let philosophy = &mut self.roadmap.info.philosophy;
                if !philosophy.is_empty() {
                    philosophy.push_str("\n\n");
                }
                philosophy.push_str(&text);
                Ok(())
            }
            Section::Focus => self.focus_line(logical),
            Section::Phase(_) | Section::ParkingLot if self.card.is_some() => {
                self.card_line(logical)
            }
            Section::Phase(index) => self.phase_line(index, logical),
            Section::Milestones(phase) => self.milestone(phase, logical),
            Section::Criteria(phase) => self.criterion(phase, logical),
            Section::Table(table) => self.table_row(table, logical),
            Section::Notes => match self.note {
                Some(index) => {
                    let text = logical.text_after(0);
                    let body = &mut self.roadmap.notes[index].body;
                    if !body.is_empty() {
                        body.push_str("\n\n");
                    }
                    body.push_str(&text);
                    Ok(())
                }
                None => err(at, "a note's text comes under its own `### heading`"),
            },
            Section::ParkingLot => err(
                at,
                "the parking lot holds cards (`#### Feature: Title`) and nothing else",
            ),
        }
    }

    fn close_card(&mut self) {
        self.cards.extend(self.card.take());
    }

    fn section_heading(&mut self, heading: &str, at: usize) -> Result<(), OwnError> {
        self.close_card();
        self.columns = None;
        self.note = None;
        self.section = match heading.trim() {
            "Roadmap Philosophy" => Section::Philosophy,
            "Current Focus" => Section::Focus,
            "Parking Lot" => Section::ParkingLot,
            "Notes" => Section::Notes,
            other => match Table::of_heading(other) {
                Some(table) => Section::Table(table),
                None => {
                    let Some(name) = phase_name(other) else {
                        return err(
                            at,
                            format!(
                                "`## {}` is not a section of roadboard's format; free text goes under `## Notes` as `### Heading` and its text",
                                unescape(other)
                            ),
                        );
                    };
                    let id = PhaseId(self.id());
                    let position = self.roadmap.phases.len() as i64 + 1;
                    self.roadmap.phases.push(Phase {
                        id,
                        name: unescape(name),
                        goal: String::new(),
                        start: None,
                        end: None,
                        status: PhaseStatus::NotStarted,
                        position,
                    });
                    self.written.phases.insert(id, Default::default());
                    self.report.items.push((at, Recognized::Phase(id)));
                    Section::Phase(self.roadmap.phases.len() - 1)
                }
            },
        };
        Ok(())
    }

    fn sub_heading(&mut self, heading: &str, logical: &Logical) -> Result<(), OwnError> {
        let at = logical.line;
        self.close_card();
        let phase = match self.section {
            Section::Phase(p) | Section::Milestones(p) | Section::Criteria(p) => Some(p),
            _ => None,
        };
        match (self.section, phase) {
            (Section::Notes, _) => {
                let id = NoteId(self.id());
                let position = self.roadmap.notes.len() as i64 + 1;
                self.roadmap.notes.push(Note {
                    id,
                    heading: logical.text_after(4),
                    body: String::new(),
                    position,
                });
                self.note = Some(self.roadmap.notes.len() - 1);
                Ok(())
            }
            (_, Some(p)) if heading.trim() == "Features" => {
                self.section = Section::Phase(p);
                Ok(())
            }
            (_, Some(p)) if heading.starts_with("Phase ") && heading.ends_with(" Milestones") => {
                self.section = Section::Milestones(p);
                Ok(())
            }
            (_, Some(p))
                if heading.starts_with("Phase ") && heading.ends_with(" Success Criteria") =>
            {
                self.section = Section::Criteria(p);
                Ok(())
            }
            _ => err(
                at,
                format!(
                    "`### {}` is not a part of this section in roadboard's format",
                    unescape(heading)
                ),
            ),
        }
    }

    fn card_heading(&mut self, heading: &str, at: usize) -> Result<(), OwnError> {
        self.close_card();
        let phase = match self.section {
            Section::Phase(p) => Some(self.roadmap.phases[p].id),
            Section::ParkingLot => None,
            _ => {
                return err(
                    at,
                    "a card (`#### Feature …`) belongs under a phase's `### Features` or the `## Parking Lot`",
                );
            }
        };
        let Some(rest) = heading.strip_prefix("Feature") else {
            return err(
                at,
                "a card heading reads `#### Feature F12: Title` (or `#### Feature: Title` for a new one)",
            );
        };
        let (key, title) = match rest.split_once(": ") {
            Some(("", title)) => (None, title),
            Some((key, title)) if key.starts_with(' ') => match key.trim().parse::<FeatureKey>() {
                Ok(key) => (Some(key), title),
                Err(message) => return err(at, message),
            },
            _ => {
                return err(
                    at,
                    "a card heading reads `#### Feature F12: Title` (or `#### Feature: Title` for a new one)",
                );
            }
        };
        let status = if phase.is_some() {
            FeatureStatus::Planned
        } else {
            FeatureStatus::Parked
        };
        let mut feature = Feature::new(key.unwrap_or(FeatureKey(0)), unescape(title), status);
        feature.id = FeatureId(self.id());
        feature.phase = phase;
        feature.position = self
            .cards
            .iter()
            .filter(|c| c.feature.phase == phase)
            .count() as i64
            + 1;
        if key.is_none() {
            self.written.keyless.insert(feature.id);
        }
        self.report
            .items
            .push((at, Recognized::Feature(feature.id)));
        self.card = Some(CardDraft {
            feature,
            depends_on: Vec::new(),
            outcome: None,
            written: vec!["title"],
        });
        Ok(())
    }

    fn card_line(&mut self, logical: &Logical) -> Result<(), OwnError> {
        let at = logical.line;
        let card = self.card.as_mut().expect("called with a card open");
        let Some((label, _)) = logical.first().strip_prefix("- ").and_then(bold_field) else {
            return err(
                at,
                format!(
                    "a line of {}'s card reads `- **Field:** value`",
                    card.feature.title
                ),
            );
        };
        let value = field_value(logical, "- ".len(), label);
        let Some(field) = card_field(&unescape(label)) else {
            return err(
                at,
                format!("`{}` is not a field of a card", unescape(label)),
            );
        };
        (field.read)(card, &value).map_err(|message| OwnError {
            line: at,
            message: format!("{}: {message}", field.label),
        })?;
        card.written.extend(field.fields);
        Ok(())
    }

    fn header_line(&mut self, logical: &Logical) -> Result<(), OwnError> {
        let at = logical.line;
        let Some((label, _)) = bold_field(logical.first()) else {
            return err(
                at,
                "the header holds `**Project:**`, `**Planning Horizon:**` and `**Review Day:**` lines",
            );
        };
        let value = field_value(logical, 0, label);
        let info = &mut self.roadmap.info;
        match label {
            "Project" => {
                info.name = value;
                self.project_named = true;
            }
            "Planning Horizon" => info.horizon = value,
            "Review Day" => {
                info.review_day =
                    crate::domain::dates::parse_weekday(&value).map_err(|m| OwnError {
                        line: at,
                        message: format!("Review Day: {m}"),
                    })?;
            }
            other => return err(at, format!("`{other}` is not a field of the header")),
        }
        Ok(())
    }

    fn focus_line(&mut self, logical: &Logical) -> Result<(), OwnError> {
        // The focus repeats what the cards say; only the choice of the
        // feature up next is its own.
        if let Some(("Up Next", _)) = bold_field(logical.first()) {
            let value = field_value(logical, 0, "Up Next");
            let key = value.split_whitespace().next().unwrap_or_default();
            let key = key.parse::<FeatureKey>().map_err(|message| OwnError {
                line: logical.line,
                message: format!("Up Next: {message}"),
            })?;
            self.references.push(Reference {
                key,
                line: logical.line,
                to: Referrer::UpNext,
            });
        }
        Ok(())
    }

    fn phase_line(&mut self, index: usize, logical: &Logical) -> Result<(), OwnError> {
        let at = logical.line;
        let Some((label, _)) = bold_field(logical.first()) else {
            return err(
                at,
                "a phase holds `**Goal:**`, `**Timeline:**` and `**Status:**` lines, then its `### Features`, milestones and success criteria",
            );
        };
        let value = field_value(logical, 0, label);
        let phase = &mut self.roadmap.phases[index];
        let written = self.written.phases.entry(phase.id).or_default();
        match label {
            "Goal" => {
                phase.goal = value;
                written.insert("goal");
            }
            "Timeline" => {
                let (start, end) = value.split_once('→').unwrap_or((&value, ""));
                let day = parse_optional_day;
                phase.start = day(start).map_err(|m| OwnError {
                    line: at,
                    message: format!("Timeline: {m}"),
                })?;
                phase.end = day(end).map_err(|m| OwnError {
                    line: at,
                    message: format!("Timeline: {m}"),
                })?;
                written.insert("start");
                written.insert("end");
            }
            "Status" => {
                phase.status = read_phase_status(&value).map_err(|m| OwnError {
                    line: at,
                    message: format!("Status: {m}"),
                })?;
                written.insert("status");
            }
            other => return err(at, format!("`{other}` is not a field of a phase")),
        }
        Ok(())
    }

    fn milestone(&mut self, phase: usize, logical: &Logical) -> Result<(), OwnError> {
        let at = logical.line;
        let (done, rest) = checkbox(logical.first()).ok_or_else(|| OwnError {
            line: at,
            message: "a milestone reads `- [ ] **Milestone 1:** text`".into(),
        })?;
        let rest = match bold_field(rest) {
            Some((label, value)) if label.starts_with("Milestone") => value,
            _ => rest,
        };
        // `text - 2026-03-01 (reached 2026-03-04)`: the writer escapes a
        // ` -` and a `(` of the text, so bare ones are its own.
        let (rest, reached) = match rest
            .strip_suffix(')')
            .and_then(|r| r.rsplit_once(" (reached "))
        {
            Some((body, day)) => (
                body,
                Some(parse_day(day).map_err(|m| OwnError {
                    line: at,
                    message: m,
                })?),
            ),
            None => (rest, None),
        };
        let dated = rest
            .rsplit_once(" - ")
            .and_then(|(body, day)| Some((body, parse_day(day).ok()?)));
        let (text, target) = match dated {
            Some((body, day)) => (body, Some(day)),
            None => (rest, None),
        };
        let phase_id = self.roadmap.phases[phase].id;
        let id = MilestoneId(self.id());
        let position = self.roadmap.next_milestone_position(phase_id);
        self.roadmap.milestones.push(Milestone {
            id,
            phase: phase_id,
            text: unescape(text),
            target,
            // Checked by hand without a date: reached today.
            done: done.then(|| reached.unwrap_or(self.today)),
            position,
        });
        Ok(())
    }

    fn criterion(&mut self, phase: usize, logical: &Logical) -> Result<(), OwnError> {
        let (done, text) = checkbox(logical.first()).ok_or_else(|| OwnError {
            line: logical.line,
            message: "a success criterion reads `- [ ] text`".into(),
        })?;
        let phase_id = self.roadmap.phases[phase].id;
        let id = CriterionId(self.id());
        let position = self.roadmap.next_criterion_position(phase_id);
        self.roadmap.criteria.push(Criterion {
            id,
            phase: phase_id,
            text: unescape(text),
            done,
            position,
        });
        Ok(())
    }

    fn table_row(&mut self, table: Table, logical: &Logical) -> Result<(), OwnError> {
        let at = logical.line;
        let raw = logical.first().trim();
        if !raw.starts_with('|') {
            return err(
                at,
                "this section holds a table (`| … |` rows) and nothing else",
            );
        }
        let cells: Vec<&str> = split_unescaped(raw, '|');
        // `| a | b |` splits into "", " a ", " b ", "".
        let cells = &cells[1..cells.len().saturating_sub(1).max(1)];
        let Some(columns) = self.columns.clone() else {
            self.columns = Some(cells.iter().map(|c| c.trim().to_owned()).collect());
            return Ok(());
        };
        if cells
            .iter()
            .all(|c| !c.trim().is_empty() && c.trim().chars().all(|ch| matches!(ch, '-' | ':')))
        {
            return Ok(());
        }
        let row: HashMap<&str, String> = columns
            .iter()
            .map(String::as_str)
            .zip(cells.iter().map(|c| read_cell(c)))
            .collect();
        let get = |name: &str| row.get(name).cloned().unwrap_or_default();
        let wrap = |field: &str, m: String| OwnError {
            line: at,
            message: format!("{field}: {m}"),
        };
        let day = |name: &str| -> Result<Option<chrono::NaiveDate>, OwnError> {
            parse_optional_day(&get(name)).map_err(|m| wrap(name, m))
        };
        let key = |name: &str| -> Result<Option<FeatureKey>, OwnError> {
            match get(name).trim() {
                "" => Ok(None),
                text => text.parse().map(Some).map_err(|m| wrap(name, m)),
            }
        };
        match table {
            Table::Requests => {
                let id = RequestId(self.id());
                let index = self.roadmap.requests.len();
                self.refer(key("Linked Feature")?, at, Referrer::Request(index));
                self.roadmap.requests.push(CustomerRequest {
                    id,
                    text: get("Request"),
                    requested_by: get("Requested By"),
                    requested_on: day("Date")?,
                    priority: get("Priority").parse().map_err(|m| wrap("Priority", m))?,
                    feature: None,
                    status: get("Status").parse().map_err(|m| wrap("Status", m))?,
                    decline_reason: get("Decline Reason"),
                    also_asked: Ask::parse_list(&get("Also Asked By"), |d| parse_day(d).ok()),
                });
            }
            Table::Blockers => {
                let id = BlockerId(self.id());
                let index = self.roadmap.blockers.len();
                self.refer(key("Feature")?, at, Referrer::Blocker(index));
                let upcoming = match get("Kind").trim() {
                    "" | "current" => false,
                    "upcoming" => true,
                    other => {
                        return err(
                            at,
                            format!("Kind: `{other}` is not `current` or `upcoming`"),
                        );
                    }
                };
                self.roadmap.blockers.push(Blocker {
                    id,
                    feature: None,
                    waiting_for: get("Waiting For"),
                    eta: day("ETA")?,
                    mitigation: get("Mitigation"),
                    resolved: day("Resolved")?,
                    upcoming,
                });
            }
            Table::Foundations => {
                let id = FoundationId(self.id());
                let position = self.roadmap.foundations.len() as i64 + 1;
                self.roadmap.foundations.push(FoundationItem {
                    id,
                    what: get("What"),
                    why: get("Why"),
                    status: get("Status").parse().map_err(|m| wrap("Status", m))?,
                    target: day("Target")?,
                    position,
                });
            }
            Table::Risks => {
                let id = RiskId(self.id());
                let position = self.roadmap.risks.len() as i64 + 1;
                self.roadmap.risks.push(Risk {
                    id,
                    risk: get("Risk"),
                    impact: get("Impact"),
                    mitigation: get("Mitigation"),
                    position,
                });
            }
            Table::Reviews => {
                let id = ReviewId(self.id());
                let index = self.roadmap.reviews.len();
                self.refer(key("Chosen Feature")?, at, Referrer::Review(index));
                let Some(date) = day("Date")? else {
                    return err(at, "Date: a review needs its date");
                };
                self.roadmap.reviews.push(Review {
                    id,
                    date,
                    kind: get("Kind").parse().map_err(|m| wrap("Kind", m))?,
                    notes: get("Notes"),
                    chosen: None,
                });
            }
            Table::ChangeLog => {
                let at_text = get("Date");
                let when = NaiveDateTime::parse_from_str(at_text.trim(), "%Y-%m-%d %H:%M:%S")
                    .map_err(|_| {
                        wrap(
                            "Date",
                            format!("`{at_text}` is not a time (YYYY-MM-DD HH:MM:SS)"),
                        )
                    })?;
                let id = self.log.len() as i64 + 1;
                self.log.push(ChangeEntry {
                    id,
                    at: when,
                    who: get("Who"),
                    what: get("Change"),
                    why: get("Why"),
                    feature: None,
                    elsewhere: None,
                });
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<OwnDocument, OwnError> {
        self.close_card();
        let mut keys: HashMap<FeatureKey, FeatureId> = HashMap::new();
        for card in &self.cards {
            if card.feature.key.0 > 0 {
                keys.insert(card.feature.key, card.feature.id);
            }
        }
        for card in std::mem::take(&mut self.cards) {
            let id = card.feature.id;
            for key in &card.depends_on {
                self.references.push(Reference {
                    key: *key,
                    line: 0,
                    to: Referrer::Dependency(id),
                });
            }
            self.written
                .features
                .insert(id, card.written.into_iter().collect());
            self.roadmap.outcomes.extend(card.outcome);
            self.roadmap.features.push(card.feature);
        }
        for reference in std::mem::take(&mut self.references) {
            let Some(&feature) = keys.get(&reference.key) else {
                let place = self
                    .roadmap
                    .features
                    .iter()
                    .find(|f| matches!(reference.to, Referrer::Dependency(id) if id == f.id))
                    .map(|f| format!("{} depends on", f.label()));
                return err(
                    reference.line,
                    format!(
                        "{} {}, which no card in the document has",
                        place.unwrap_or_else(|| "names".into()),
                        reference.key
                    ),
                );
            };
            match reference.to {
                Referrer::UpNext => self.roadmap.info.up_next = Some(feature),
                Referrer::Dependency(id) => self.roadmap.dependencies.push(Dependency {
                    feature: id,
                    depends_on: feature,
                }),
                Referrer::Request(i) => self.roadmap.requests[i].feature = Some(feature),
                Referrer::Blocker(i) => self.roadmap.blockers[i].feature = Some(feature),
                Referrer::Review(i) => self.roadmap.reviews[i].chosen = Some(feature),
            }
        }
        // The export lists entries newest first; ids go in time order.
        let count = self.log.len() as i64;
        for (i, entry) in self.log.iter_mut().enumerate() {
            entry.id = count - i as i64;
        }
        Ok(OwnDocument {
            roadmap: self.roadmap,
            log: self.log,
            written: self.written,
            report: self.report,
        })
    }
}

/// `Phase 3: Name` → `Name`.
fn phase_name(heading: &str) -> Option<&str> {
    let rest = heading.strip_prefix("Phase ")?;
    let (number, name) = rest.split_once(": ")?;
    number.bytes().all(|b| b.is_ascii_digit()).then_some(name)
}

/// `- [x] rest` → (checked, rest).
fn checkbox(text: &str) -> Option<(bool, &str)> {
    let rest = text.strip_prefix("- [")?;
    let (mark, rest) = rest.split_at_checked(1)?;
    let rest = rest.strip_prefix("] ")?;
    match mark {
        "x" | "X" => Some((true, rest)),
        " " => Some((false, rest)),
        _ => None,
    }
}

/// The value of a `**Label:** value` line (after `lead` bytes: a bullet's
/// `- `), unescaped, its hard break (two trailing spaces) removed.
fn field_value(logical: &Logical, lead: usize, label: &str) -> String {
    let prefix = lead + "**".len() + label.len() + ":**".len();
    let first = &logical.first()[prefix..];
    let skip = prefix + (first.len() - first.trim_start_matches(' ').len());
    let mut value = logical.text_after(skip.min(logical.first().len()));
    let trimmed = value.trim_end_matches(' ').len();
    value.truncate(trimmed);
    value
}

/// The status a phase names, in the document's words or the program's.
fn read_phase_status(text: &str) -> Result<PhaseStatus, String> {
    PhaseStatus::ALL
        .iter()
        .copied()
        .find(|s| {
            crate::interchange::export_md::phase_status_words(*s).eq_ignore_ascii_case(text.trim())
        })
        .map_or_else(|| text.parse(), Ok)
}
