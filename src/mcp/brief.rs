//! What an agent reads before it works: the ONE feature as a brief, the
//! recent change log, and the weekly review's questions. Plain Markdown
//! built from the roadmap; nothing here writes.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::domain::review::{ReviewStep, next_candidates};
use crate::domain::text::count;
use crate::domain::*;

/// The ONE feature as a brief: title, why now, metric, target, what it
/// needs, what holds it, and what "done" means (its success metric).
pub fn the_one(roadmap: &Roadmap, today: NaiveDate) -> String {
    let Some(f) = roadmap.slot_holder() else {
        let mut out = "# No active feature\n\nThe ONE slot is free.".to_owned();
        if let Some(next) = roadmap.up_next() {
            let _ = write!(
                out,
                " Up next: {}; start it with the `start` tool.",
                next.label()
            );
        } else {
            out.push_str(" Choose the next ONE feature with the founder before coding anything.");
        }
        return out + "\n";
    };
    let mut out = format!("# The ONE feature: {} {}\n\n", f.key, f.title);
    let days = f
        .days_active(today)
        .map(|d| format!(" for {}", count(d, "day")));
    let _ = writeln!(
        out,
        "- **Status:** {}{}",
        f.status.phrase(),
        days.unwrap_or_default()
    );
    let field = |label: &str, value: &str| {
        let value = value.trim();
        format!(
            "- **{label}:** {}\n",
            if value.is_empty() {
                "(not written down — ask the founder)"
            } else {
                value
            }
        )
    };
    out += &field("Why now", &f.why);
    out += &field("Success metric", &f.metric);
    let target = f.target.map_or("none".to_owned(), |d| d.to_string());
    let late = if f.is_late(today) { " (late)" } else { "" };
    let _ = writeln!(out, "- **Target:** {target}{late}");
    if !f.description.trim().is_empty() {
        let _ = writeln!(out, "\n{}\n", f.description.trim());
    }
    let needs: Vec<String> = roadmap
        .dependencies_of(f.id)
        .map(|d| format!("{} ({})", d.label(), d.status.phrase()))
        .collect();
    if !needs.is_empty() {
        let _ = writeln!(out, "\n**Depends on:** {}", needs.join(", "));
    }
    let blockers: Vec<String> = roadmap
        .open_blockers(f.id)
        .map(|b| b.waiting_for.clone())
        .collect();
    if !blockers.is_empty() {
        let _ = writeln!(out, "\n**Blocked by:** {}", blockers.join("; "));
    }
    let _ = writeln!(
        out,
        "\n## Acceptance\n\nDone means the success metric above can be measured as met. \
         Stay on this feature: park other ideas with `park_idea`, and log what you did with `add_note`."
    );
    out
}

/// The change log since `since`, newest first, one line each.
pub fn log(entries: &[ChangeEntry]) -> String {
    if entries.is_empty() {
        return "No changes in this period.\n".to_owned();
    }
    entries.iter().map(log_line).collect()
}

pub fn log_line(entry: &ChangeEntry) -> String {
    let why = if entry.why.is_empty() {
        String::new()
    } else {
        format!(" — why: {}", entry.why)
    };
    format!(
        "{}  {}  {}{why}\n",
        entry.at.format("%Y-%m-%d %H:%M"),
        entry.by(),
        entry.what
    )
}

/// The weekly review's questions, with what the roadmap says for each.
pub fn plan_next_week(roadmap: &Roadmap, today: NaiveDate, outcome_days: i64) -> String {
    let kind = ReviewKind::Weekly;
    let mut out = format!(
        "Help me plan next week on \"{}\", following the weekly review.\n\n",
        roadmap.info.name
    );
    for (number, step) in ReviewStep::steps(kind).iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", number + 1, step.title(kind));
        out += &step_facts(roadmap, *step, today, outcome_days);
        out.push('\n');
    }
    out += "Rules: ONE active feature at a time. The next one needs a why now, a success metric \
             and a target. Propose; the founder decides (record the choice with the founder's words).\n";
    out
}

fn step_facts(roadmap: &Roadmap, step: ReviewStep, today: NaiveDate, outcome_days: i64) -> String {
    match step {
        ReviewStep::Outcomes => {
            let due = crate::domain::outcome::due_checks(roadmap, today, outcome_days);
            if due.is_empty() {
                return "No outcome check is due.\n".to_owned();
            }
            due.iter()
                .map(|(f, _)| format!("- {}: the metric was \"{}\". Hit, partly, missed or too early? What was measured?\n", f.label(), f.metric.trim()))
                .collect()
        }
        ReviewStep::ActiveFeature => match roadmap.slot_holder() {
            Some(f) => format!(
                "{} is {} ({} active, target {}). Did it ship? If not, what is in the way?\n",
                f.label(),
                f.status.phrase(),
                count(f.days_active(today).unwrap_or(0), "day"),
                f.target.map_or("none".to_owned(), |d| d.to_string())
            ),
            None => "No feature is active.\n".to_owned(),
        },
        ReviewStep::Blockers => {
            let open: Vec<String> = roadmap
                .blocking_now()
                .map(|b| {
                    format!(
                        "- {} (ETA {})\n",
                        b.waiting_for,
                        b.eta.map_or("none".to_owned(), |d| d.to_string())
                    )
                })
                .collect();
            if open.is_empty() {
                "No open blockers.\n".to_owned()
            } else {
                open.concat()
            }
        }
        ReviewStep::NewItems => format!(
            "{} in the parking lot, {} open customer requests: anything to promote?\n",
            count(roadmap.parked().count() as i64, "idea"),
            roadmap
                .requests
                .iter()
                .filter(|r| r.status == RequestStatus::New)
                .count()
        ),
        ReviewStep::NextFeature => {
            let mut out = String::new();
            if let Some(next) = roadmap.up_next() {
                let _ = writeln!(out, "Up next already: {}.", next.label());
            }
            out += "Candidates (dependencies shipped first, then priority, then target):\n";
            let index = crate::domain::RoadmapIndex::of(roadmap);
            for f in next_candidates(roadmap, &index).into_iter().take(5) {
                let waits: Vec<String> = roadmap
                    .unmet_dependencies(f.id)
                    .iter()
                    .map(|d| d.key.to_string())
                    .collect();
                let why = if waits.is_empty() {
                    String::new()
                } else {
                    format!(" (waits on {})", waits.join(", "))
                };
                let priority = f
                    .priority
                    .map_or(String::new(), |p| p.as_str().to_uppercase());
                let _ = writeln!(out, "- {} {priority}{why}", f.label());
            }
            out
        }
        ReviewStep::Notes | ReviewStep::Phases => "What did we learn this week?\n".to_owned(),
    }
}
