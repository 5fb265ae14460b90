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
                let Section::Phase(index) = self.named_phase(name, line) else {
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
                        || parse_date(p, self.year).is_some()
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
                    parse_date(d, self.year)
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
                Some(d) => parse_date(d, self.year)
                    .or_else(|| Some(crate::domain::schedule::shift(start?, duration_days(d)?))),
                None => None,
            };
            if tags.contains(&"milestone") {
                let target = end.or(start);
                let done = tags.contains(&"done").then_some(target).flatten();
                self.push_milestone(phase_index, name, target, done);
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
}
