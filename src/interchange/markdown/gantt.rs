//! Mermaid `gantt` blocks: sections are phases, tasks are features.

use super::*;

impl Importer<'_> {
    pub(super) fn gantt(&mut self, text: &str, first_line: usize) {
        self.in_gantt = true;
        self.gantt_tasks(text, first_line);
        self.in_gantt = false;
    }

    fn gantt_tasks(&mut self, text: &str, first_line: usize) {
        let mut phase: Option<usize> = None;
        let mut last_end: Option<NaiveDate> = None;
        for (offset, raw) in text.lines().enumerate() {
            let line = first_line + 1 + offset;
            let trimmed = raw.trim();
            if self.gantt_setting(trimmed) {
                continue;
            }
            if let Some(name) = trimmed.strip_prefix("section") {
                let Section::Phase(index) = self.named_phase(name, line) else {
                    unreachable!("phase() opens a phase")
                };
                phase = Some(index);
                continue;
            }
            let Some((name, meta)) = trimmed.split_once(':') else {
                let warning = format!("gantt line `{trimmed}` is not `task : details`, skipped");
                self.warn(line, warning);
                continue;
            };
            let phase_index = *phase.get_or_insert_with(|| {
                let Section::Phase(index) = self.phase(0, "Imported".into(), line) else {
                    unreachable!("phase() opens a phase")
                };
                index
            });
            let task = self.task_meta(meta, line);
            let (start, end, after) = self.task_dates(&task.dates, last_end);
            if task.tags.contains(&"milestone") {
                let target = end.or(start);
                let done = task.tags.contains(&"done").then_some(target).flatten();
                self.push_milestone(phase_index, name, target, done);
                continue;
            }
            self.gantt_feature((phase_index, name, line), &task, (start, end), after);
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

    /// A line that sets the chart up (its title, formats, comments);
    /// `true` when `line` was one.
    fn gantt_setting(&mut self, line: &str) -> bool {
        let lower = line.to_lowercase();
        const SETTINGS: [&str; 7] = [
            "gantt",
            "%%",
            "dateformat",
            "axisformat",
            "excludes",
            "todaymarker",
            "tickinterval",
        ];
        if line.is_empty() || SETTINGS.iter().any(|s| lower.starts_with(s)) {
            return true;
        }
        let Some(title) = line.strip_prefix("title") else {
            return false;
        };
        if self.roadmap.info.name.is_empty() {
            self.roadmap.info.name = title.trim().to_owned();
        }
        true
    }

    /// A task's details: its tags, its id, its dates and durations.
    fn task_meta<'m>(&mut self, meta: &'m str, line: usize) -> TaskMeta<'m> {
        let mut task = TaskMeta::default();
        for part in meta.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "done" | "active" | "crit" | "milestone" => task.tags.push(part),
                p if p.starts_with("after ")
                    || parse_date(p, self.year).is_some()
                    || duration_days(p).is_some() =>
                {
                    task.dates.push(p)
                }
                p if task.id.is_none()
                    && p.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-') =>
                {
                    task.id = Some(p.to_owned())
                }
                p => self.warn(
                    line,
                    format!("gantt: `{p}` is not a tag, id, date or duration, ignored"),
                ),
            }
        }
        task
    }

    /// A task's start and end, and the tasks it comes after: `start,
    /// end|duration`, `after id, duration`, or a lone end. `after a b`
    /// starts when the last of them ends; with neither a start nor
    /// `after`, a task follows the one before it (`last_end`).
    fn task_dates(
        &self,
        dates: &[&str],
        last_end: Option<NaiveDate>,
    ) -> (Option<NaiveDate>, Option<NaiveDate>, Vec<String>) {
        let mut dates = dates.to_vec();
        let mut after: Vec<String> = Vec::new();
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
                parse_date(d, self.year)
            }
            _ => None,
        };
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
        let end = dates.first().and_then(|d| {
            parse_date(d, self.year)
                .or_else(|| Some(crate::domain::schedule::shift(start?, duration_days(d)?)))
        });
        (start, end, after)
    }

    /// A task as a feature of its phase: dated, its tags read as status
    /// and priority, its dependencies on the tasks it comes after.
    fn gantt_feature(
        &mut self,
        (phase_index, name, line): (usize, &str, usize),
        task: &TaskMeta,
        (start, end): (Option<NaiveDate>, Option<NaiveDate>),
        after: Vec<String>,
    ) {
        let Some(index) = self.new_feature(Place::Phase(phase_index), name, line) else {
            return;
        };
        let today = self.today;
        let feature_id = self.roadmap.features[index].id;
        let f = &mut self.roadmap.features[index];
        f.target = end;
        if task.tags.contains(&"crit") {
            f.priority = Some(Priority::P0);
        }
        if task.tags.contains(&"done") {
            f.started = start;
            set_status(f, FeatureStatus::Shipped, end, today);
        } else if task.tags.contains(&"active") {
            f.started = start;
            set_status(f, FeatureStatus::Active, None, today);
        }
        if let Some(id) = &task.id {
            self.task_ids.insert(id.clone(), feature_id);
        }
        for other in after {
            match self.task_ids.get(&other) {
                Some(&on) => self.roadmap.dependencies.push(Dependency {
                    feature: feature_id,
                    depends_on: on,
                }),
                None => self.warn(
                    line,
                    format!("gantt: `after {other}` names no task before it, dependency skipped"),
                ),
            }
        }
    }
}

/// What follows a task's `:`: tags, an id, dates and durations.
#[derive(Default)]
struct TaskMeta<'m> {
    tags: Vec<&'m str>,
    id: Option<String>,
    dates: Vec<&'m str>,
}
