//! Tables, read by their header: roadmaps, risks, requests, blockers,
//! foundations, reviews, the change log.

use super::*;

impl Importer<'_> {
    /// Reads a table by its header; `false` when it is none of the known kinds.
    pub(super) fn table(
        &mut self,
        header: &[String],
        rows: &[(usize, Vec<String>)],
        block: &Block,
    ) -> bool {
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
        let status = find(&["status", "state"]);
        // `| Milestone | Goal | Status |` with no item column: the
        // milestones are the work items.
        let item = item.or_else(|| find(&["milestone"]).filter(|_| find(&["phase"]).is_none()));
        let phase = find(&["phase", "milestone", "stage", "section"]).filter(|p| Some(*p) != item);
        if let Some(risk) = find(&["risk"]) {
            // Narrower than a list's labels: a `Probability` column beside
            // `Impact` is not the impact.
            let impact = find(&["impact", "severity"]);
            let mitigation = find(&["mitigation", "response", "plan"]);
            for (_, row) in rows {
                let text = cell(row, Some(risk));
                if self.placeholder(&text) {
                    continue;
                }
                self.push_risk(text, cell(row, impact), cell(row, mitigation));
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
                if self.placeholder(&what) {
                    continue;
                }
                let when = cell(row, Some(date));
                let at = chrono::NaiveDateTime::parse_from_str(&when, "%Y-%m-%d %H:%M:%S")
                    .ok()
                    .or_else(|| parse_date(&when, self.year).and_then(|d| d.and_hms_opt(0, 0, 0)));
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
            let others = find(&["also asked by", "also asked", "asked by others"]);
            for (line, row) in rows {
                let text = cell(row, Some(request));
                if self.placeholder(&text) {
                    continue;
                }
                let id = self.id();
                let index = self.roadmap.requests.len();
                let requested_on = match date_field(&cell(row, date), self.year) {
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
                    also_asked: crate::domain::requests::Ask::parse_list(&cell(row, others), |t| {
                        parse_date(t, self.year)
                    }),
                });
                let link = cell(row, linked);
                if !self.placeholder(&link) {
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
            let kind = find(&["kind", "upcoming"]);
            for (line, row) in rows {
                let text = cell(row, Some(waiting));
                if self.placeholder(&text) {
                    continue;
                }
                let id = self.id();
                let index = self.roadmap.blockers.len();
                let eta_date = date_field(&cell(row, eta), self.year).unwrap_or_else(|e| {
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
                    resolved: date_field(&cell(row, resolved), self.year).ok().flatten(),
                    upcoming: normalize(&cell(row, kind)).starts_with("upcoming"),
                });
                let name = cell(row, feature);
                if !self.placeholder(&name) {
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
                            link: None,
                        },
                        blocks::Span {
                            text: format!(" {value}"),
                            strong: false,
                            link: None,
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
                let Some(when) = parse_date(&cell(row, Some(date)), self.year) else {
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
                    notes: cell(row, notes),
                    chosen: None,
                });
                let name = cell(row, chosen);
                if !self.placeholder(&name) {
                    self.pending_reviews.push((index, name, *line));
                }
            }
            return true;
        }
        let in_phase = matches!(
            self.section(),
            Section::Phase(_) | Section::PhaseItems { .. } | Section::PhaseOther { .. }
        );
        match (item, phase) {
            (Some(item), _) if phase.or(status).is_some() || in_phase => {
                self.table_roadmap(&columns, header, rows, item, phase, status);
                true
            }
            // `| Phase | Goal | Status |`: one phase a row.
            (None, Some(phase)) => {
                let goal = find(&["goal", "objective", "description", "summary"]);
                self.table_phases(rows, phase, goal, status);
                true
            }
            // Under a phase, a table of anything else lists its work items
            // in the first column.
            (None, None) if in_phase && !header.is_empty() => {
                self.table_roadmap(&columns, header, rows, 0, None, status);
                true
            }
            _ => {
                let _ = block;
                false
            }
        }
    }

    /// `| Phase | Goal | Status |`: each row a phase (`Phase 2 — Sync`
    /// numbered as a heading would be, so a later `## Phase 2` section is
    /// the same phase).
    fn table_phases(
        &mut self,
        rows: &[(usize, Vec<String>)],
        phase: usize,
        goal: Option<usize>,
        status: Option<usize>,
    ) {
        for (line, row) in rows {
            let cell = |at: Option<usize>| at.and_then(|i| row.get(i)).map_or("", |c| c.trim());
            let text = cell(Some(phase));
            if self.placeholder(text) {
                continue;
            }
            let (name, marked) = split_heading_status(text);
            let (number, name) = phase_heading(&name).unwrap_or((0, name));
            let Section::Phase(index) = self.phase(number, clean_title(&name), *line) else {
                continue;
            };
            let goal_text = cell(goal);
            if !self.placeholder(goal_text) {
                self.roadmap.phases[index].goal = goal_text.to_owned();
            }
            if let Some(status) = phase_status(cell(status)).or(marked) {
                self.roadmap.phases[index].status = status;
                self.stated_status.insert(index);
            }
        }
    }

    /// `| Phase | ID | Item | Status | Owner | PRD | … |`: one feature a row.
    pub(super) fn table_roadmap(
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
        let depends = find(&["depends", "dependenc", "prerequisite", "blocked by"]);
        let known = [
            depends,
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
            if self.placeholder(&title) {
                continue;
            }
            let phase_name = cell(phase);
            let place = if phase.is_some() && !self.placeholder(&phase_name) {
                let Section::Phase(index) = self.named_phase(&phase_name, *line) else {
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
            if !self.placeholder(&id_text) {
                description.push(format!("ID: {id_text}"));
            }
            for (i, name) in header.iter().enumerate() {
                if !known.contains(&Some(i)) {
                    let value = cell(Some(i));
                    if !self.placeholder(&value) {
                        description.push(format!("{name}: {value}"));
                    }
                }
            }
            let today = self.today;
            let has_status = !self.placeholder(&status_text);
            let f = &mut self.roadmap.features[index];
            f.owner = cell(owner);
            f.link = cell(link);
            f.description = description.join("\n");
            if has_status {
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
            let needs = cell(depends);
            if !self.placeholder(&needs) {
                self.depend_on_named(index, &needs, *line);
            }
            let prio = cell(priority_col);
            if !self.placeholder(&prio) {
                self.roadmap.features[index].priority = priority(&prio);
            }
            match date_field(&cell(target), self.year) {
                Ok(d) => self.roadmap.features[index].target = d,
                Err(e) => self.warn(*line, format!("{e} in the target column, left empty")),
            }
        }
    }

    // ---- mermaid gantt ------------------------------------------------------
}
