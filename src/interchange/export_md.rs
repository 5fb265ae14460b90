//! The roadmap as a Markdown document in the template shape founders write
//! (DESIGN.md §6): phases with goal, timeline and status lines, feature
//! cards as `- **Field:** value` bullets, milestone and success-criteria
//! checklists, then the parking lot, requests, blockers, foundations, risks,
//! reviews, notes and change log.

use std::fmt::Write as _;

use crate::domain::*;

pub use super::own::card::feature_status_words;
use super::own::card::{CARD_FIELDS, CardSource};

/// How a document names a phase status.
pub fn phase_status_words(status: PhaseStatus) -> &'static str {
    match status {
        PhaseStatus::NotStarted => "Not Started",
        PhaseStatus::InProgress => "In Progress",
        PhaseStatus::Complete => "Complete",
    }
}

pub use super::own::text::markdown_text;
use super::own::text::{cell, date, markdown_line};

/// Appends `- **Field:** value` for each non-empty value; continuation
/// lines of multi-line text are hard breaks indented under the bullet.
fn bullets(out: &mut String, fields: &[(&str, String)]) {
    for (name, value) in fields.iter().filter(|(_, v)| !v.trim().is_empty()) {
        let _ = writeln!(out, "- **{name}:** {}", markdown_text(value.trim(), "  "));
    }
}

fn table(out: &mut String, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// The whole roadmap as Markdown; `log` is the change log to include
/// (newest first, as the store returns it), or empty to leave it out.
pub fn export_markdown(roadmap: &Roadmap, log: &[ChangeEntry]) -> String {
    let mut out = String::with_capacity(256 + roadmap.features.len() * 400);
    // Looked up once per dependency, blocker, request and review: by id,
    // not by a search of every feature.
    let keys: std::collections::HashMap<FeatureId, FeatureKey> =
        roadmap.features.iter().map(|f| (f.id, f.key)).collect();
    let key_of = |id: FeatureId| keys.get(&id).copied();
    write_header(&mut out, &roadmap.info);
    write_focus(&mut out, roadmap);
    for (index, phase) in roadmap.phases.iter().enumerate() {
        write_phase(&mut out, roadmap, (index + 1, phase), &key_of);
    }
    let lot: Vec<&Feature> = roadmap
        .features
        .iter()
        .filter(|f| f.phase.is_none())
        .collect();
    if !lot.is_empty() {
        out.push_str("---\n\n## Parking Lot\n\n");
        for f in lot {
            feature_card(&mut out, roadmap, f, &key_of);
        }
    }
    write_records(&mut out, roadmap, &key_of);
    write_notes_and_log(&mut out, roadmap, log);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// The title, the project's fields and its philosophy.
fn write_header(out: &mut String, info: &RoadmapInfo) {
    let name = markdown_line(&info.name);
    let _ = writeln!(out, "{}\n", super::own::MARKER);
    // `# Product Roadmap: Product Roadmap` says it twice.
    if info.name.eq_ignore_ascii_case("product roadmap") {
        let _ = writeln!(out, "# {name}\n");
    } else {
        let _ = writeln!(out, "# Product Roadmap: {name}\n");
    }
    let _ = writeln!(out, "**Project:** {name}  ");
    if !info.horizon.is_empty() {
        let _ = writeln!(
            out,
            "**Planning Horizon:** {}  ",
            markdown_line(&info.horizon)
        );
    }
    let _ = writeln!(
        out,
        "**Review Day:** {}\n",
        crate::domain::header::weekday_name(info.review_day)
    );
    if !info.philosophy.trim().is_empty() {
        let _ = writeln!(
            out,
            "## Roadmap Philosophy\n\n{}\n",
            markdown_text(info.philosophy.trim(), "")
        );
    }
}

/// This week's ONE feature and the one up next.
fn write_focus(out: &mut String, roadmap: &Roadmap) {
    out.push_str("## Current Focus\n\n");
    match roadmap.slot_holder() {
        Some(f) => {
            out.push_str("**This Week's ONE Feature:**\n");
            bullets(
                out,
                &[
                    ("Feature", format!("{} {}", f.key, f.title)),
                    ("Why Now", f.why.clone()),
                    ("Success Metric", f.metric.clone()),
                    ("Target Ship Date", date(f.target)),
                ],
            );
            let _ = writeln!(out, "\n**Status:** {}\n", feature_status_words(f.status));
        }
        None => out.push_str("No active feature.\n\n"),
    }
    if let Some(f) = roadmap.up_next() {
        let _ = writeln!(out, "**Up Next:** {} {}\n", f.key, markdown_line(&f.title));
    }
}

/// Phase `number`: its fields, its cards, its milestones and criteria.
fn write_phase(
    out: &mut String,
    roadmap: &Roadmap,
    (number, phase): (usize, &Phase),
    key_of: &dyn Fn(FeatureId) -> Option<FeatureKey>,
) {
    let _ = writeln!(
        out,
        "---\n\n## Phase {number}: {}\n",
        markdown_line(&phase.name)
    );
    if !phase.goal.is_empty() {
        let _ = writeln!(out, "**Goal:** {}  ", markdown_text(&phase.goal, ""));
    }
    if phase.start.is_some() || phase.end.is_some() {
        let _ = writeln!(
            out,
            "**Timeline:** {} → {}  ",
            date(phase.start),
            date(phase.end)
        );
    }
    let _ = writeln!(out, "**Status:** {}\n", phase_status_words(phase.status));

    let features: Vec<&Feature> = roadmap.features_in(phase.id).collect();
    if !features.is_empty() {
        out.push_str("### Features\n\n");
        for f in features {
            feature_card(out, roadmap, f, &key_of);
        }
    }
    let milestones: Vec<&Milestone> = roadmap
        .milestones
        .iter()
        .filter(|m| m.phase == phase.id)
        .collect();
    if !milestones.is_empty() {
        let _ = writeln!(out, "### Phase {number} Milestones\n");
        for (i, m) in milestones.iter().enumerate() {
            let mark = if m.done.is_some() { "x" } else { " " };
            let _ = write!(
                out,
                "- [{mark}] **Milestone {}:** {}",
                i + 1,
                milestone_text(&m.text)
            );
            if let Some(target) = m.target {
                let _ = write!(out, " - {target}");
            }
            if let Some(done) = m.done {
                let _ = write!(out, " (reached {done})");
            }
            out.push('\n');
        }
        out.push('\n');
    }
    let criteria: Vec<&Criterion> = roadmap
        .criteria
        .iter()
        .filter(|c| c.phase == phase.id)
        .collect();
    if !criteria.is_empty() {
        let _ = writeln!(out, "### Phase {number} Success Criteria\n");
        for c in criteria {
            let mark = if c.done { "x" } else { " " };
            let _ = writeln!(out, "- [{mark}] {}", markdown_line(&c.text));
        }
        out.push('\n');
    }
}

/// A milestone's text, its ` -` and `(` escaped too: a bare ` - date`
/// and `(reached date)` after it are the line's own.
fn milestone_text(text: &str) -> String {
    markdown_line(text)
        .replace(" -", " \\-")
        .replace('(', "\\(")
}

/// The tables of requests and blockers, then the tracks and reviews.
fn write_records(
    out: &mut String,
    roadmap: &Roadmap,
    key_of: &dyn Fn(FeatureId) -> Option<FeatureKey>,
) {
    if !roadmap.requests.is_empty() {
        out.push_str("## Customer Requests\n\n");
        table(
            out,
            &[
                "Request",
                "Requested By",
                "Date",
                "Priority",
                "Linked Feature",
                "Status",
                "Decline Reason",
                "Also Asked By",
            ],
            roadmap.requests.iter().map(|r| {
                vec![
                    r.text.clone(),
                    r.requested_by.clone(),
                    date(r.requested_on),
                    r.priority.to_string(),
                    r.feature
                        .and_then(key_of)
                        .map(|k| k.to_string())
                        .unwrap_or_default(),
                    r.status.to_string(),
                    r.decline_reason.clone(),
                    crate::domain::requests::Ask::list_text(&r.also_asked),
                ]
            }),
        );
    }

    if !roadmap.blockers.is_empty() {
        out.push_str("## Blockers\n\n");
        table(
            out,
            &[
                "Feature",
                "Waiting For",
                "ETA",
                "Mitigation",
                "Resolved",
                "Kind",
            ],
            roadmap.blockers.iter().map(|b| {
                vec![
                    b.feature
                        .and_then(key_of)
                        .map(|k| k.to_string())
                        .unwrap_or_default(),
                    b.waiting_for.clone(),
                    date(b.eta),
                    b.mitigation.clone(),
                    date(b.resolved),
                    if b.upcoming { "upcoming" } else { "current" }.to_owned(),
                ]
            }),
        );
    }

    write_tracks_and_reviews(out, roadmap, key_of);
}

/// The foundations track, the risks and the reviews.
fn write_tracks_and_reviews(
    out: &mut String,
    roadmap: &Roadmap,
    key_of: &dyn Fn(FeatureId) -> Option<FeatureKey>,
) {
    if !roadmap.foundations.is_empty() {
        out.push_str("## Foundations Track\n\n");
        table(
            out,
            &["What", "Why", "Status", "Target"],
            roadmap.foundations.iter().map(|f| {
                vec![
                    f.what.clone(),
                    f.why.clone(),
                    f.status.as_str().replace('_', " "),
                    date(f.target),
                ]
            }),
        );
    }

    if !roadmap.risks.is_empty() {
        out.push_str("## Risks\n\n");
        table(
            out,
            &["Risk", "Impact", "Mitigation"],
            roadmap
                .risks
                .iter()
                .map(|r| vec![r.risk.clone(), r.impact.clone(), r.mitigation.clone()]),
        );
    }

    if !roadmap.reviews.is_empty() {
        out.push_str("## Reviews\n\n");
        table(
            out,
            &["Date", "Kind", "Chosen Feature", "Notes"],
            roadmap.reviews.iter().map(|r| {
                vec![
                    r.date.to_string(),
                    r.kind.to_string(),
                    r.chosen
                        .and_then(key_of)
                        .map(|k| k.to_string())
                        .unwrap_or_default(),
                    r.notes.clone(),
                ]
            }),
        );
    }
}

/// The notes, then the change log when it is included.
fn write_notes_and_log(out: &mut String, roadmap: &Roadmap, log: &[ChangeEntry]) {
    if !roadmap.notes.is_empty() {
        out.push_str("## Notes\n\n");
        for note in &roadmap.notes {
            let heading = markdown_line(&note.heading);
            let body = markdown_text(note.body.trim(), "");
            let _ = writeln!(out, "### {heading}\n\n{body}\n");
        }
    }

    if !log.is_empty() {
        out.push_str("## Change Log\n\n");
        table(
            out,
            &["Date", "Change", "Why", "Who"],
            log.iter().map(|e| {
                vec![
                    e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                    e.what.clone(),
                    e.why.clone(),
                    e.who.clone(),
                ]
            }),
        );
    }
}

fn feature_card(
    out: &mut String,
    roadmap: &Roadmap,
    f: &Feature,
    key_of: &dyn Fn(FeatureId) -> Option<FeatureKey>,
) {
    let _ = writeln!(out, "#### Feature {}: {}", f.key, markdown_line(&f.title));
    let source = CardSource {
        feature: f,
        outcome: roadmap.outcome_of(f.id),
        depends_on: roadmap
            .dependencies
            .iter()
            .filter(|d| d.feature == f.id)
            .filter_map(|d| key_of(d.depends_on))
            .collect(),
    };
    let lines: Vec<(&str, String)> = CARD_FIELDS
        .iter()
        .map(|field| (field.label, (field.write)(&source)))
        .collect();
    bullets(out, &lines);
    out.push('\n');
}
