//! The roadmap as a Mermaid `gantt` block: a section per phase, a task per
//! feature with its status tag and dates (planned ones placed by the
//! forecast, after what they depend on), milestones as milestones.

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::schedule::{Forecast, forecast, shift};
use crate::domain::*;

/// Mermaid reads `:` as the start of a task's details and `#`/`;` as
/// comments or separators: they cannot be part of a name.
fn name(text: &str) -> String {
    text.replace([':', ';', '#'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn export_mermaid(roadmap: &Roadmap, today: NaiveDate, default_velocity: i64) -> String {
    let plan = forecast(roadmap, today, default_velocity);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "```mermaid\ngantt\n    title {}\n    dateFormat YYYY-MM-DD",
        name(&roadmap.info.name)
    );
    let mut written: HashSet<FeatureId> = HashSet::new();
    for phase in &roadmap.phases {
        let _ = writeln!(out, "    section {}", name(&phase.name));
        for f in roadmap.features_in(phase.id) {
            if let Some(line) = task(roadmap, &plan, f, today, &written) {
                let _ = writeln!(out, "{line}");
                written.insert(f.id);
            }
        }
        let milestones = roadmap.milestones.iter().filter(|m| m.phase == phase.id);
        for (i, m) in milestones.enumerate() {
            if let Some(date) = m.done.or(m.target) {
                let done = if m.done.is_some() { "done, " } else { "" };
                let _ = writeln!(
                    out,
                    "    {} :milestone, {done}m{}_{}, {date}, 0d",
                    name(&m.text),
                    phase.position,
                    i + 1
                );
            }
        }
    }
    out.push_str("```\n");
    out
}

/// Feature `f` as a Mermaid task (`None` for one the chart leaves out:
/// parked, dropped, planned outside the forecast). A planned task starts
/// after the one before it in the queue and after what it depends on,
/// once those are `written`: Mermaid then draws the forecast.
fn task(
    roadmap: &Roadmap,
    plan: &Forecast,
    f: &Feature,
    today: NaiveDate,
    written: &HashSet<FeatureId>,
) -> Option<String> {
    let window = plan.window(f.id);
    let (tag, start, end) = match f.status {
        FeatureStatus::Shipped => {
            let end = f.shipped.unwrap_or(today);
            ("done, ", f.started.unwrap_or(shift(end, -1)).min(end), end)
        }
        FeatureStatus::Active | FeatureStatus::InReview => {
            let start = f.started.unwrap_or(today);
            let end = window.map_or(today, |w| w.ship).max(shift(start, 1));
            ("active, ", start, end)
        }
        FeatureStatus::Planned => ("", window?.start, window?.ship),
        FeatureStatus::Parked | FeatureStatus::Dropped => return None,
    };
    let crit = if f.priority == Some(Priority::P0) && f.status.is_open() {
        "crit, "
    } else {
        ""
    };
    let before_in_queue = plan
        .queue
        .iter()
        .position(|(id, _)| *id == f.id)
        .and_then(|i| i.checked_sub(1))
        .map(|i| plan.queue[i].0);
    let mut after: Vec<FeatureId> = before_in_queue.into_iter().collect();
    after.extend(
        roadmap
            .dependencies
            .iter()
            .filter(|d| d.feature == f.id && Some(d.depends_on) != before_in_queue)
            .map(|d| d.depends_on),
    );
    let all_written = after.iter().all(|id| written.contains(id));
    let timing = if f.status == FeatureStatus::Planned && !after.is_empty() && all_written {
        let keys: Vec<String> = after
            .iter()
            .filter_map(|id| roadmap.feature(*id))
            .map(|d| d.key.to_string())
            .collect();
        format!("after {}, {}d", keys.join(" "), plan.velocity.days.max(1))
    } else {
        format!("{start}, {end}")
    };
    Some(format!(
        "    {} :{tag}{crit}{}, {timing}",
        name(&f.title),
        f.key
    ))
}
