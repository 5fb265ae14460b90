//! Tables, read by their header: roadmaps, risks, requests, blockers,
//! foundations, reviews, the change log.

use super::*;

/// A table's header, normalized, to find its columns by their names.
struct Columns(Vec<String>);

impl Columns {
    /// The first column named one of `names` (or `name …`, `name/…`).
    fn find(&self, names: &[&str]) -> Option<usize> {
        self.0.iter().position(|c| {
            names.iter().any(|n| {
                c == n || c.starts_with(&format!("{n} ")) || c.starts_with(&format!("{n}/"))
            })
        })
    }
}

/// The trimmed text of `row`'s column `at` (empty when there is none).
fn cell(row: &[String], at: Option<usize>) -> String {
    at.and_then(|i| row.get(i))
        .map(|c| c.trim().to_owned())
        .unwrap_or_default()
}

type Rows = [(usize, Vec<String>)];

/// Whether two or more columns are named by a period or a day (`Q4 2025`,
/// `Month 3`, `2026-06-30`).
fn time_across(header: &[String]) -> bool {
    header
        .iter()
        .filter(|h| {
            let h = clean_title(h);
            is_date(&h) || timebox_heading(&h)
        })
        .count()
        >= 2
}

impl Importer<'_> {
    /// Reads a table by its header; `false` when it is none of the known
    /// kinds. Each reader below takes the table when its columns say it
    /// is of its kind.
    pub(super) fn table(&mut self, header: &[String], rows: &Rows) -> bool {
        let columns = Columns(header.iter().map(|h| normalize(h)).collect());
        self.risk_table(&columns, rows)
            || self.log_table(&columns, rows)
            || self.request_table(&columns, rows)
            || self.blocker_table(&columns, rows)
            || self.foundation_table(&columns, rows)
            || self.review_table(&columns, rows)
            || self.plan_table(&columns, header, rows)
    }

    /// The work items' column, if the table has one.
    fn item_column(columns: &Columns) -> Option<usize> {
        let item = columns.find(&[
            "item",
            "feature",
            "task",
            "deliverable",
            "title",
            "name",
            "epic",
            "story",
        ]);
        // `| Milestone | Goal | Status |` with no item column: the
        // milestones are the work items.
        item.or_else(|| {
            columns
                .find(&["milestone"])
                .filter(|_| columns.find(&["phase"]).is_none())
        })
    }

    /// `| Risk | Impact | Mitigation |`.
    fn risk_table(&mut self, columns: &Columns, rows: &Rows) -> bool {
        let Some(risk) = columns.find(&["risk"]) else {
            return false;
        };
        // Narrower than a list's labels: a `Probability` column beside
        // `Impact` is not the impact.
        let impact = columns.find(&["impact", "severity"]);
        let mitigation = columns.find(&["mitigation", "response", "plan"]);
        for (_, row) in rows {
            let text = cell(row, Some(risk));
            if !is_placeholder(&text) {
                self.push_risk(text, cell(row, impact), cell(row, mitigation));
            }
        }
        true
    }

    /// `| Date | Change | Why | Who |` in a change log (or with a reason
    /// or an author column anywhere).
    fn log_table(&mut self, columns: &Columns, rows: &Rows) -> bool {
        let (Some(date), Some(change)) = (
            columns.find(&["date", "when"]),
            columns.find(&["change", "what changed", "what"]),
        ) else {
            return false;
        };
        let logged = matches!(self.section(), Section::ChangeLog)
            || columns.0.iter().any(|c| {
                c.contains("reason") || c.contains("updated by") || c == "who" || c == "why"
            });
        if !logged {
            return false;
        }
        let why = columns.find(&["why", "reason"]);
        let who = columns.find(&["who", "updated by", "by", "author"]);
        for (line, row) in rows {
            let what = cell(row, Some(change));
            if is_placeholder(&what) {
                continue;
            }
            let when = cell(row, Some(date));
            let at = chrono::NaiveDateTime::parse_from_str(&when, "%Y-%m-%d %H:%M:%S")
                .ok()
                .or_else(|| parse_date(&when, self.year).and_then(|d| d.and_hms_opt(0, 0, 0)));
            let Some(at) = at else {
                let warning = format!("change log: unreadable date `{when}`, row skipped");
                self.warn(*line, warning);
                continue;
            };
            self.log.push(ChangeEntry {
                id: 0,
                at,
                who: cell(row, who),
                what,
                why: cell(row, why),
                feature: None,
                elsewhere: None,
            });
        }
        true
    }

    /// `| Request | Requested By | Date | Priority | Linked Feature | … |`.
    fn request_table(&mut self, columns: &Columns, rows: &Rows) -> bool {
        let (Some(request), Some(by)) = (
            columns.find(&["request"]),
            columns.find(&["requested by", "by", "from", "customer"]),
        ) else {
            return false;
        };
        let date = columns.find(&["date", "requested on"]);
        let priority = columns.find(&["priority"]);
        let linked = columns.find(&["linked feature", "feature"]);
        let status = columns.find(&["status"]);
        let reason = columns.find(&["decline reason", "reason"]);
        let others = columns.find(&["also asked by", "also asked", "asked by others"]);
        for (line, row) in rows {
            let text = cell(row, Some(request));
            if is_placeholder(&text) {
                continue;
            }
            let id = self.id();
            let index = self.roadmap.requests.len();
            let requested_on = date_field(&cell(row, date), self.year).unwrap_or_else(|e| {
                self.warn(*line, format!("request: {e}, left empty"));
                None
            });
            let year = self.year;
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
                    parse_date(t, year)
                }),
            });
            let link = cell(row, linked);
            if !is_placeholder(&link) {
                self.pending_requests.push((index, link, *line));
            }
        }
        true
    }

    /// `| Feature | Waiting For | ETA | Mitigation | Resolved | Kind |`.
    fn blocker_table(&mut self, columns: &Columns, rows: &Rows) -> bool {
        let waiting = columns.find(&["waiting for", "blocked by", "waiting on"]);
        let about_items =
            Self::item_column(columns).is_some() || columns.find(&["feature"]).is_some();
        let (Some(waiting), true) = (waiting, about_items) else {
            return false;
        };
        let feature = columns.find(&["feature", "item"]);
        let eta = columns.find(&["eta", "expected"]);
        let mitigation = columns.find(&["mitigation"]);
        let resolved = columns.find(&["resolved"]);
        let kind = columns.find(&["kind", "upcoming"]);
        for (line, row) in rows {
            let text = cell(row, Some(waiting));
            if is_placeholder(&text) {
                continue;
            }
            let id = self.id();
            let index = self.roadmap.blockers.len();
            let eta_date = date_field(&cell(row, eta), self.year).unwrap_or_else(|e| {
                self.warn(*line, format!("blocker: {e} as its ETA, left empty"));
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
            if !is_placeholder(&name) {
                self.pending_blockers.push((index, name, *line));
            }
        }
        true
    }

    /// `| What | Why | Status | Target |`: the foundations track, each row
    /// read as a foundation item's fields.
    fn foundation_table(&mut self, columns: &Columns, rows: &Rows) -> bool {
        let (Some(what), Some(why)) = (columns.find(&["what"]), columns.find(&["why"])) else {
            return false;
        };
        let status = columns.find(&["status", "state"]);
        let target = columns.find(&["target", "target date"]);
        for (line, row) in rows {
            let field = |label: &str, value: String| Item {
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
            };
            let items = [
                field("Why", cell(row, Some(why))),
                field("Status", cell(row, status)),
                field("Target", cell(row, target)),
            ];
            self.foundation(&cell(row, Some(what)), &items, *line);
        }
        true
    }

    /// `| Date | Kind | Chosen Feature | Notes |`: the reviews held.
    fn review_table(&mut self, columns: &Columns, rows: &Rows) -> bool {
        let (Some(date), Some(kind)) = (columns.find(&["date"]), columns.find(&["kind", "type"]))
        else {
            return false;
        };
        let chosen = columns.find(&["chosen feature", "feature"]);
        let notes = columns.find(&["notes"]);
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
            if !is_placeholder(&name) {
                self.pending_reviews.push((index, name, *line));
            }
        }
        true
    }

    /// A table of the plan itself: work items (with their phase or status,
    /// or under a phase), or one phase a row.
    fn plan_table(&mut self, columns: &Columns, header: &[String], rows: &Rows) -> bool {
        let item = Self::item_column(columns);
        let status = columns.find(&["status", "state"]);
        let phase = columns
            .find(&["phase", "milestone", "stage", "section"])
            .filter(|p| Some(*p) != item);
        let in_phase = matches!(
            self.section(),
            Section::Phase(_) | Section::PhaseItems { .. } | Section::PhaseOther { .. }
        );
        match (item, phase) {
            (Some(item), _) if phase.or(status).is_some() || in_phase => {
                self.table_roadmap(&columns.0, header, rows, item, phase, status);
            }
            // `| Phase | Goal | Status |`: one phase a row; but where time runs
            // across the columns (`| Phase | Metric | Q4 2025 | Q2 2026 |`)
            // each row is one thing measured over time, whatever the first
            // column is called.
            (None, Some(phase)) if !time_across(header) => {
                let goal = columns.find(&["goal", "objective", "description", "summary"]);
                self.table_phases(rows, phase, goal, status);
            }
            // Under a phase, a table of anything else lists its work items
            // in the first column.
            (None, None) if in_phase && !header.is_empty() => {
                self.table_roadmap(&columns.0, header, rows, 0, None, status);
            }
            _ => return false,
        }
        true
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
            if is_placeholder(text) {
                continue;
            }
            let (name, marked) = split_heading_status(text);
            let (number, name) = phase_heading(&name).unwrap_or((0, name));
            let Section::Phase(index) = self.phase(number, clean_title(&name), *line) else {
                continue;
            };
            let goal_text = cell(goal);
            if !is_placeholder(goal_text) {
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
            if is_placeholder(&title) {
                continue;
            }
            let place = self.row_place(phase.map(|_| cell(phase)), *line);
            let Some(index) = self.new_feature(place, &title, *line) else {
                continue;
            };
            let status_text = cell(status);
            // The row's other cells, each kept as `Column: value`.
            let id_text = cell(id_col);
            let id = (!is_placeholder(&id_text)).then(|| format!("ID: {id_text}"));
            let others = header
                .iter()
                .enumerate()
                .filter(|(i, _)| !known.contains(&Some(*i)));
            let description: Vec<String> = id
                .into_iter()
                .chain(others.filter_map(|(i, name)| {
                    let value = cell(Some(i));
                    (!is_placeholder(&value)).then(|| format!("{name}: {value}"))
                }))
                .collect();
            let f = &mut self.roadmap.features[index];
            f.owner = cell(owner);
            f.link = cell(link);
            f.description = description.join("\n");
            self.row_status(index, &status_text, *line);
            let needs = cell(depends);
            if !is_placeholder(&needs) {
                self.depend_on_named(index, &needs, *line);
            }
            let prio = cell(priority_col);
            if !is_placeholder(&prio) {
                self.roadmap.features[index].priority = priority(&prio);
            }
            match date_field(&cell(target), self.year) {
                Ok(d) => self.roadmap.features[index].target = d,
                Err(e) => self.warn(*line, format!("{e} in the target column, left empty")),
            }
        }
    }

    /// A row's status cell onto its feature (an unknown one leaves it
    /// planned, with a warning).
    fn row_status(&mut self, index: usize, status: &str, line: usize) {
        if is_placeholder(status) {
            return;
        }
        let today = self.today;
        let f = &mut self.roadmap.features[index];
        match feature_status(status) {
            Some((s, date)) => set_status(f, s, date, today),
            None => {
                let title = f.title.clone();
                let warning =
                    format!("\"{title}\": unknown status `{status}`, imported as planned");
                self.warn(line, warning);
            }
        }
    }

    /// Where a table row's feature goes: the phase its phase column names,
    /// else the phase the table is under, else a phase "Imported".
    fn row_place(&mut self, phase_name: Option<String>, line: usize) -> Place {
        if let Some(name) = phase_name.filter(|name| !is_placeholder(name)) {
            let Section::Phase(index) = self.named_phase(&name, line) else {
                unreachable!("phase() opens a phase")
            };
            return Place::Phase(index);
        }
        match self.section().clone() {
            Section::Phase(p)
            | Section::PhaseItems { phase: p, .. }
            | Section::PhaseOther { phase: p, .. } => Place::Phase(p),
            _ => {
                let Section::Phase(index) = self.phase(0, "Imported".into(), line) else {
                    unreachable!("phase() opens a phase")
                };
                Place::Phase(index)
            }
        }
    }
}
