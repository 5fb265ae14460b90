//! Feature cards: a heading with `- **Field:** value` bullets, or a
//! checklist whose items are the features.

use super::*;
use crate::domain::dates::split_reconsider;
use crate::domain::outcome::{FeatureOutcome, OutcomeResult};

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
            if self.exact {
                title.trim().to_owned()
            } else {
                cleaned
            },
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
            let normal = if self.exact {
                normalize(&feature.title)
            } else {
                normal
            };
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
            let said = if self.exact {
                annotations::Annotated::default()
            } else {
                annotations::annotated(&title)
            };
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

    pub(super) fn card_list(&mut self, items: &[Item]) {
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
        } else if items.iter().all(|i| i.checked.is_some()) {
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

    pub(super) fn card_paragraph(&mut self, inline: &Inline) -> bool {
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
    pub(super) fn card_item(&mut self, card: &Card, items: &[Item]) {
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

    pub(super) fn feature_field(&mut self, index: usize, label: &str, value: &str, item: &Item) {
        // Continuation lines (`  more`) and child bullets belong to the value.
        let mut value = value.to_owned();
        for child in &item.children {
            value.push('\n');
            value.push_str(&child.inline.plain());
        }
        let line = item.line;
        let name = normalize(label);
        let placeholder = self.placeholder(&value);
        // Keys are given at the end; name the card by its title.
        let title = format!("\"{}\"", self.roadmap.features[index].title);
        let date = |this: &mut Self, what: &str| match date_field(&value, this.year) {
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
            "visibility" => {
                self.roadmap.features[index].private = text.eq_ignore_ascii_case("private")
            }
            "link" | "spec" | "prd" | "prd/plan" | "doc" => {
                self.roadmap.features[index].link = text
            }
            "why interesting" => self.roadmap.features[index].why_interesting = text,
            "why deferred" => self.roadmap.features[index].why_deferred = text,
            "dependencies" | "depends on" | "dependency" | "blocked by" => {
                self.depend_on_named(index, &value, line);
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
            "outcome" => match parse_outcome(&text) {
                Some((result, measured, recorded)) => {
                    let outcome = self.outcome_of(index);
                    (outcome.result, outcome.value, outcome.recorded) = (result, measured, recorded);
                }
                None if !text.is_empty() => self.warn(
                    line,
                    format!("{title}: `{text}` is not an outcome (hit, partly, missed, too early or open), left empty"),
                ),
                None => {}
            },
            "outcome note" => self.outcome_of(index).note = text,
            "days active before" => match text.trim().parse::<i64>() {
                Ok(days) if days >= 0 => self.roadmap.features[index].active_before = days,
                _ => self.warn(line, format!("{title}: `{text}` is not a number of days, left at 0")),
            },
            "outcome check" => {
                let d = date(self, "the outcome check");
                self.outcome_of(index).check_on = d;
            }
            "created" | "added" | "created on" => {
                let d = date(self, "the created date");
                self.roadmap.features[index].created = d;
            }
            // `Reconsider when: after 10 customers` is a condition, a date
            // or both.
            "reconsider when" | "reconsider" | "revisit" if !placeholder => {
                let (when, date) = split_reconsider(&value, |t| parse_date(t, self.year));
                let f = &mut self.roadmap.features[index];
                (f.reconsider_when, f.reconsider) = (when, date);
            }
            _ if placeholder => {}
            _ => {
                let text = format!("{label}: {value}");
                self.append_description(index, &text);
            }
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
