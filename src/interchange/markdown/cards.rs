//! Feature cards: a heading with `- **Field:** value` bullets, or a
//! checklist whose items are the features.

use super::*;
use crate::domain::dates::split_reconsider;
use crate::domain::outcome::{FeatureOutcome, OutcomeResult};

/// The text of a card a label sets.
type TextOf = fn(&mut Feature) -> &mut String;

/// A card's free-text fields, by the labels documents give them.
const TEXT_FIELDS: [(&[&str], TextOf); 8] = [
    (&["description", "what", "summary"], |f| &mut f.description),
    (&["why essential", "why now", "why", "rationale"], |f| {
        &mut f.why
    }),
    (
        &["success metric", "metric", "success metrics", "kpi"],
        |f| &mut f.metric,
    ),
    (&["pilot feedback", "customer feedback", "feedback"], |f| {
        &mut f.pilot_feedback
    }),
    (&["owner", "assignee"], |f| &mut f.owner),
    (&["link", "spec", "prd", "prd/plan", "doc"], |f| &mut f.link),
    (&["why interesting"], |f| &mut f.why_interesting),
    (&["why deferred"], |f| &mut f.why_deferred),
];

/// The date of a card a label sets, and the words a warning names it by.
type DateOf = (&'static str, fn(&mut Feature) -> &mut Option<NaiveDate>);

/// A card's dates, by the labels documents give them.
const DATE_FIELDS: [(&[&str], DateOf); 4] = [
    (
        &[
            "target date",
            "target",
            "target ship date",
            "due",
            "due date",
            "eta",
        ],
        ("the target date", |f| &mut f.target),
    ),
    (
        &["shipped date", "shipped", "done date", "completed"],
        ("the shipped date", |f| &mut f.shipped),
    ),
    (
        &["started date", "started", "start date", "start"],
        ("the started date", |f| &mut f.started),
    ),
    (
        &["created", "added", "created on"],
        ("the created date", |f| &mut f.created),
    ),
];

/// What `table` holds for the label `name`.
fn labelled<T: Copy>(table: &[(&[&str], T)], name: &str) -> Option<T> {
    table
        .iter()
        .find(|(names, _)| names.contains(&name))
        .map(|(_, it)| *it)
}

/// One `label: value` line of the card at `index`.
struct CardField {
    index: usize,
    line: usize,
    /// The label, normalized.
    name: String,
    value: String,
    /// The value is a template's blank ("TBD", "…").
    placeholder: bool,
    /// The card's title in quotes, for warnings.
    title: String,
}

impl CardField {
    /// The value as the card's text ("" for a placeholder).
    fn text(&self) -> String {
        if self.placeholder {
            String::new()
        } else {
            self.value.clone()
        }
    }
}

impl Importer<'_> {
    /// The feature of the same title in the same phase read from the other
    /// view of the plan (a gantt task and a list item), if any.
    fn other_view_of(&self, phase: Option<PhaseId>, normal: &str) -> Option<usize> {
        let key = (phase?, normal.to_owned(), !self.in_gantt);
        self.titles.get(&key).copied()
    }

    pub(super) fn new_feature(&mut self, place: Place, title: &str, line: usize) -> Option<usize> {
        let phase = match place {
            Place::Phase(p) => Some(self.roadmap.phases[p].id),
            Place::ParkingLot => None,
            Place::Foundations => return None,
        };
        // Titles are compared cleaned and normalized, computed once.
        let cleaned = clean_title(title);
        let normal = normalize(&cleaned);
        if let Some(index) = self.other_view_of(phase, &normal) {
            self.report.merged.push((line, cleaned));
            return Some(index);
        }
        let id = self.id();
        let mut feature = Feature::new(
            FeatureKey(0),
            cleaned,
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
        self.lines.insert(id, line);
        let count = self.feature_counts.entry(phase).or_default();
        *count += 1;
        feature.position = *count;
        let index = self.roadmap.features.len();
        if let Some(phase) = phase {
            let key = (phase, normal, self.in_gantt);
            self.titles.entry(key).or_insert(index);
        }
        self.roadmap.features.push(feature);
        Some(index)
    }

    /// The feature at `index` depends on the features `names` lists
    /// (`Billing, Auth; SSO`), resolved when the document is read whole.
    pub(super) fn depend_on_named(&mut self, index: usize, names: &str, line: usize) {
        let names: Vec<String> = names
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

    /// Each item of a checklist (or plain list) is a feature; `[x]` shipped.
    /// Children of an item join its description.
    pub(super) fn checklist_features(
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
            // `**Lead** — description`: the lead is the title.
            let (title, lead_rest) = match item.inline.lead() {
                Some((lead, rest)) => (lead, Some(rest)),
                None => (title, None),
            };
            let said = annotations::annotated(&title, self.year);
            // `**Exports** (Q4 2025)`: what follows a lead that is only a
            // date is the item's target, as after a plain title.
            let target = said.target.or_else(|| {
                let rest = annotations::annotated(lead_rest.as_deref()?, self.year);
                rest.title.is_empty().then_some(rest.target).flatten()
            });
            let title = if said.title.is_empty() {
                title
            } else {
                said.title
            };
            let Some(index) = self.new_feature(place, &title, item.line) else {
                continue;
            };
            if !said.depends_on.is_empty() {
                let id = self.roadmap.features[index].id;
                self.pending_dependencies
                    .push((id, said.depends_on, item.line));
            }
            let today = self.today;
            let f = &mut self.roadmap.features[index];
            f.owner = said.owner.unwrap_or_default();
            if item.checked != Some(true) {
                f.target = target;
            }
            f.link = item.inline.web_link().unwrap_or_default().to_owned();
            f.moscow = moscow;
            if let Some(group) = &group {
                f.description = format!("Part of: {group}");
            }
            if let Some(rest) = lead_rest {
                if !f.description.is_empty() {
                    f.description.push('\n');
                }
                f.description.push_str(&rest);
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
            let default = match place {
                Place::Phase(phase) => self.item_defaults.get(&phase).copied(),
                _ => None,
            };
            let f = &mut self.roadmap.features[index];
            match (item.checked, status, default) {
                (Some(true), _, _) => set_status(f, FeatureStatus::Shipped, None, today),
                (_, Some((status, date)), _) => set_status(f, status, date, today),
                (None, None, Some(status)) => set_status(f, status, None, today),
                _ => {}
            }
        }
        true
    }

    /// The card whose section is open, if one is.
    fn open_card(&self) -> Option<Card> {
        match self.section() {
            Section::Card(card) => Some(card.clone()),
            _ => None,
        }
    }

    pub(super) fn card_list(&mut self, items: &[Item]) {
        let Some(card) = self.open_card() else {
            return;
        };
        let fields = items.iter().filter(|i| item_field(i).is_some()).count();
        let all_ticked = items.iter().all(|i| i.checked.is_some());
        // A heading marked with its priority is one item: its plain bullets
        // describe it.
        if fields * 2 >= items.len() && fields > 0 || card.priority.is_some() && !all_ticked {
            self.card_item(&card, items);
        } else if card.place == Place::Foundations {
            for item in items {
                self.foundation(&item.inline.plain(), &item.children, item.line);
            }
        } else if all_ticked {
            self.card_with_checklist(&card, items);
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

    /// The feature the open card made, or makes now: a card read in parts
    /// (fields, then a labelled list, then more fields) is one feature.
    fn card_feature(&mut self, card: &Card) -> Option<usize> {
        if let Some(index) = card.feature {
            return Some(index);
        }
        let index = self.new_feature(card.place, &card.title, card.line)?;
        self.roadmap.features[index].priority = card.priority;
        if let Some(Frame {
            section: Section::Card(open),
            ..
        }) = self.stack.last_mut()
            && open.line == card.line
        {
            open.feature = Some(index);
            open.done = true;
        }
        Some(index)
    }

    /// A labelled list inside a card: its items go into the card's
    /// description under their label.
    pub(super) fn card_details(&mut self, label: &str, items: &[Item]) {
        let Some(card) = self.open_card() else {
            return;
        };
        // A foundation's card makes no feature (`new_feature` says none).
        let Some(index) = self.card_feature(&card) else {
            return;
        };
        self.append_description(index, &format!("{}:", clean_title(label)));
        for item in items {
            self.append_description(index, &format!("- {}", item.inline.plain()));
        }
    }

    pub(super) fn card_paragraph(&mut self, inline: &Inline) -> bool {
        let Some(card) = self.open_card() else {
            return false;
        };
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
    pub(super) fn card_item(&mut self, card: &Card, items: &[Item]) {
        if card.place == Place::Foundations {
            self.foundation(&card.title, items, card.line);
            return;
        }
        let Some(index) = self.card_feature(card) else {
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

    /// A card heading over a checklist (`#### 1.1 Onboarding` then
    /// `- [ ] Signup flow`): the heading is the feature, the checklist its
    /// sub-tasks, kept in its description; all ticked means shipped.
    fn card_with_checklist(&mut self, card: &Card, items: &[Item]) {
        self.card_item(card, &[]);
        let Some(index) = self.roadmap.features.len().checked_sub(1) else {
            return;
        };
        let mut lines = Vec::new();
        checklist_lines(items, 0, &mut lines);
        self.append_description(index, &lines.join("\n"));
        if items.iter().all(|i| i.checked == Some(true)) {
            let today = self.today;
            set_status(
                &mut self.roadmap.features[index],
                FeatureStatus::Shipped,
                None,
                today,
            );
        }
    }

    pub(super) fn append_description(&mut self, index: usize, text: &str) {
        let f = &mut self.roadmap.features[index];
        if !f.description.is_empty() {
            f.description.push('\n');
        }
        f.description.push_str(text);
    }

    /// A card's `label: value` line (its continuation lines and child
    /// bullets part of the value) set on the feature at `index`.
    pub(super) fn feature_field(&mut self, index: usize, label: &str, value: &str, item: &Item) {
        let mut value = value.to_owned();
        for child in &item.children {
            value.push('\n');
            value.push_str(&child.inline.plain());
        }
        let field = CardField {
            index,
            line: item.line,
            name: normalize(label),
            placeholder: is_placeholder(&value),
            // Keys are given at the end; name the card by its title.
            title: format!("\"{}\"", self.roadmap.features[index].title),
            value,
        };
        if let Some(text_of) = labelled(&TEXT_FIELDS, &field.name) {
            *text_of(&mut self.roadmap.features[index]) = field.text();
        } else if let Some((what, date_of)) = labelled(&DATE_FIELDS, &field.name) {
            let date = self.card_date(&field, what);
            *date_of(&mut self.roadmap.features[index]) = date;
        } else {
            self.other_card_field(field, label);
        }
    }

    /// The fields that are neither free text nor a date of the feature.
    fn other_card_field(&mut self, field: CardField, label: &str) {
        let (index, line) = (field.index, field.line);
        match field.name.as_str() {
            "visibility" => {
                let private = field.text().eq_ignore_ascii_case("private");
                self.roadmap.features[index].private = private;
            }
            "dependencies" | "depends on" | "dependency" | "blocked by" => {
                self.depend_on_named(index, &field.value, line);
            }
            "status" if !field.placeholder => self.card_status(&field),
            "priority" => match priority(&field.value) {
                Some(p) => self.roadmap.features[index].priority = Some(p),
                None if field.placeholder => {}
                None => self.warn(
                    line,
                    format!(
                        "{}: unknown priority `{}`, left empty",
                        field.title, field.value
                    ),
                ),
            },
            "moscow" => self.roadmap.features[index].moscow = moscow(&field.value),
            "impact" | "effort" => self.card_level(&field),
            "outcome" => self.card_outcome(&field),
            "outcome note" => self.outcome_of(index).note = field.text(),
            "days active before" => match field.text().trim().parse::<i64>() {
                Ok(days) if days >= 0 => self.roadmap.features[index].active_before = days,
                _ => self.warn(
                    line,
                    format!(
                        "{}: `{}` is not a number of days, left at 0",
                        field.title,
                        field.text()
                    ),
                ),
            },
            "outcome check" => {
                let date = self.card_date(&field, "the outcome check");
                self.outcome_of(index).check_on = date;
            }
            // `Reconsider when: after 10 customers` is a condition, a date
            // or both.
            "reconsider when" | "reconsider" | "revisit" if !field.placeholder => {
                let (when, date) = split_reconsider(&field.value, |t| parse_date(t, self.year));
                let f = &mut self.roadmap.features[index];
                (f.reconsider_when, f.reconsider) = (when, date);
            }
            _ if field.placeholder => {}
            _ => {
                let text = format!("{label}: {}", field.value);
                self.append_description(index, &text);
            }
        }
    }

    /// A date of the card (`what` names it in a warning), or none.
    fn card_date(&mut self, field: &CardField, what: &str) -> Option<NaiveDate> {
        date_field(&field.value, self.year).unwrap_or_else(|e| {
            self.warn(
                field.line,
                format!("{}: {e} in {what}, left empty", field.title),
            );
            None
        })
    }

    /// `Status: shipped 2026-03-02`: the status, and a shipped card's date.
    fn card_status(&mut self, field: &CardField) {
        let Some((status, date)) = feature_status(&field.value) else {
            let message = format!(
                "{}: unknown status `{}`, imported as planned",
                field.title, field.value
            );
            return self.warn(field.line, message);
        };
        let f = &mut self.roadmap.features[field.index];
        f.status = status;
        if date.is_some() && status == FeatureStatus::Shipped {
            f.shipped = date;
        }
    }

    /// Impact or effort: 1 to 5.
    fn card_level(&mut self, field: &CardField) {
        let level = field
            .value
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|n| (1..=5).contains(n));
        let f = &mut self.roadmap.features[field.index];
        match level {
            Some(n) if field.name == "impact" => f.impact = Some(n),
            Some(n) => f.effort = Some(n),
            None if field.placeholder => {}
            None => {
                let (title, name, value) = (&field.title, &field.name, &field.value);
                self.warn(
                    field.line,
                    format!("{title}: {name} `{value}` is not 1 to 5, left empty"),
                );
            }
        }
    }

    /// `Outcome: hit (12 swaps a week) on 2026-04-01`.
    fn card_outcome(&mut self, field: &CardField) {
        let text = field.text();
        match parse_outcome(&text) {
            Some((result, measured, recorded)) => {
                let outcome = self.outcome_of(field.index);
                (outcome.result, outcome.value, outcome.recorded) = (result, measured, recorded);
            }
            None if !text.is_empty() => self.warn(
                field.line,
                format!("{}: `{text}` is not an outcome (hit, partly, missed, too early or open), left empty", field.title),
            ),
            None => {}
        }
    }

    /// The outcome check of the card at `index`, made on first mention.
    fn outcome_of(&mut self, index: usize) -> &mut FeatureOutcome {
        let id = self.roadmap.features[index].id;
        let outcomes = &mut self.roadmap.outcomes;
        let at = match outcomes.iter().position(|o| o.feature == id) {
            Some(at) => at,
            None => {
                outcomes.push(FeatureOutcome::new(id));
                outcomes.len() - 1
            }
        };
        &mut outcomes[at]
    }
}

/// `hit — 62% of swaps (2026-12-07)`: the result, what was measured and
/// when; `open` for a check not made yet. `None`: not an outcome.
type ParsedOutcome = (Option<OutcomeResult>, String, Option<NaiveDate>);

fn parse_outcome(text: &str) -> Option<ParsedOutcome> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("open") {
        return Some((None, String::new(), None));
    }
    let (rest, recorded) = match text.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
        Some((rest, date)) => match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
            Ok(date) => (rest, Some(date)),
            Err(_) => (text, None),
        },
        None => (text, None),
    };
    let (result, measured) = rest.split_once(" — ").unwrap_or((rest, ""));
    let result: OutcomeResult = result.parse().ok()?;
    Some((Some(result), measured.trim().to_owned(), recorded))
}

/// A checklist as Markdown lines, nested items indented under theirs.
fn checklist_lines(items: &[Item], depth: usize, lines: &mut Vec<String>) {
    for item in items {
        let mark = match item.checked {
            Some(true) => "[x] ",
            Some(false) => "[ ] ",
            None => "",
        };
        lines.push(format!(
            "{}- {mark}{}",
            "  ".repeat(depth),
            item.inline.plain()
        ));
        checklist_lines(&item.children, depth + 1, lines);
    }
}
