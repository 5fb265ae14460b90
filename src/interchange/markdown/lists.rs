//! Lists with a meaning: milestones, success criteria, the parking lot,
//! requests, blockers, dependency trees, foundations, the current focus.

use super::*;

impl Importer<'_> {
    pub(super) fn milestones(&mut self, phase: usize, items: &[Item]) {
        for item in items {
            let value = item
                .inline
                .field()
                .map_or_else(|| item.inline.plain(), |(_, value)| value);
            let (mut text, mut target, mut done) = (value.clone(), None, None);
            // `text - 2026-03-01 (reached 2026-03-04)`
            if let Some((body, reached)) = text.clone().rsplit_once("(reached ") {
                done = find_date(reached);
                text = body.trim().to_owned();
            }
            // A template's `- [Date]` is a blank date.
            if let Some((body, date)) = text.clone().rsplit_once(" - ")
                && let Ok(d) = date_field(date, self.year)
            {
                target = d;
                text = body.trim().to_owned();
            }
            if is_placeholder(&text) {
                text = clean_title(text.trim_matches(|c| c == '[' || c == ']'));
            }
            if text.is_empty() {
                continue;
            }
            if item.checked == Some(true) && done.is_none() {
                done = target.or(Some(self.today));
            }
            self.push_milestone(phase, &text, target, done);
        }
    }

    /// Adds a milestone at the end of phase `phase` (an index).
    pub(super) fn push_milestone(
        &mut self,
        phase: usize,
        text: &str,
        target: Option<NaiveDate>,
        done: Option<NaiveDate>,
    ) {
        let id = self.id();
        let phase = self.roadmap.phases[phase].id;
        let position = self.roadmap.next_milestone_position(phase);
        self.roadmap.milestones.push(Milestone {
            id: MilestoneId(id),
            phase,
            text: clean_title(text),
            target,
            done,
            position,
        });
    }

    pub(super) fn criteria(&mut self, phase: usize, items: &[Item]) {
        for item in items {
            let text = clean_title(&item.inline.plain());
            if text.is_empty() {
                continue;
            }
            let id = self.id();
            let phase_id = self.roadmap.phases[phase].id;
            let position = self.roadmap.next_criterion_position(phase_id);
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
    pub(super) fn parked_list(&mut self, items: &[Item]) {
        for item in items {
            let title = item
                .inline
                .leading_strong()
                .unwrap_or_else(|| item.inline.plain());
            // A template's blank (`**[Feature Name]**`) is no idea.
            if is_placeholder(&title) {
                continue;
            }
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
    pub(super) fn request_list(&mut self, items: &[Item]) {
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
            // A template's blank line (`[Request] - [Requested by] - …`).
            if request_text.is_empty() || parts.first().is_some_and(|p| is_placeholder(p)) {
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
                if let Some(d) = parse_date(part, self.year) {
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
                also_asked: Vec::new(),
            });
        }
    }

    /// `Feature → what it waits for → ETA`, or (upcoming) `Feature → mitigation`.
    pub(super) fn blocker_list(&mut self, items: &[Item]) {
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
            // A template's blank line (`[Feature blocked] → [What it's
            // waiting for] → [ETA]`) is no blocker.
            if parts.iter().all(|p| is_placeholder(p)) {
                continue;
            }
            let id = self.id();
            let (waiting_for, eta, mitigation) = if self.upcoming_blockers {
                (parts[0].clone(), None, parts[1..].join(" → "))
            } else {
                let eta = parts.get(2).and_then(|p| match date_field(p, self.year) {
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
                upcoming: self.upcoming_blockers,
            });
            if !self.upcoming_blockers {
                self.pending_blockers
                    .push((index, parts[0].clone(), item.line));
            }
        }
    }

    pub(super) fn dependency_tree(&mut self, text: &str, first_line: usize) {
        for (offset, line) in text.lines().enumerate() {
            self.dependency_line(line, first_line + 1 + offset);
        }
    }

    /// `├── Feature 2 (depends on Feature 1, Feature 3)` or `X depends on Y`.
    pub(super) fn dependency_line(&mut self, line_text: &str, line: usize) {
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
        // Resolved at the end, with the one index of names.
        self.dependency_lines.push((name, names, line));
    }

    pub(super) fn foundation(&mut self, title: &str, items: &[Item], line: usize) {
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
                "target" | "target date" => match date_field(&value, self.year) {
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

    pub(super) fn focus_block(&mut self, block: &Block) -> bool {
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
                "up next" | "next" => self.up_next = Some((value, block.line)),
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
}
