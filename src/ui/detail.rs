//! The card detail: every field of one feature, its dependencies both
//! ways, its blockers, and its history from the change log (pauses and
//! their reasons included).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::Theme;
use super::text::wrap;
use super::theme::badge;
use crate::app::App;
use crate::domain::feature_field::FEATURE_FIELDS;
use crate::domain::{Feature, FeatureFields, FeatureKey, Roadmap, RoadmapIndex};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, key: FeatureKey, theme: &Theme) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let Some(f) = app.index.position(key).map(|at| &roadmap.features[at]) else {
        return;
    };
    let rect = super::popup(
        frame,
        area,
        area.width.saturating_sub(8).max(50),
        area.height.saturating_sub(2),
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(
            format!(" {} {} ", f.key, f.title),
            theme.title,
        ));
    // Values wrap in their own column, under the value, not the label.
    const LABEL: usize = 18;
    let value_width = usize::from(rect.width.saturating_sub(2))
        .saturating_sub(LABEL)
        .max(8);
    let mut lines = Vec::new();
    let rows = fields(app, roadmap, f)
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(label, value)| (label.to_owned(), value));
    for (label, value) in rows.chain(history_rows(app, key)) {
        for (i, part) in wrap(&value, value_width).into_iter().enumerate() {
            let head = if i == 0 {
                format!("{label:>16}  ")
            } else {
                " ".repeat(LABEL)
            };
            lines.push(Line::from(vec![
                Span::styled(head, theme.dim),
                Span::styled(part, theme.text),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The card's fields, each with its label (empty ones are left out).
fn fields(app: &App, roadmap: &Roadmap, f: &Feature) -> Vec<(&'static str, String)> {
    let date = |d: Option<chrono::NaiveDate>| d.map_or(String::new(), |d| d.to_string());
    let phase = f
        .phase
        .and_then(|p| roadmap.phase(p))
        .map_or("(parking lot)".to_owned(), |p| p.name.clone());
    let up_next = roadmap.up_next().is_some_and(|next| next.id == f.id);
    let status = format!(
        "{} {}{}{}{}",
        badge(f.status),
        f.status.phrase(),
        if up_next { " · up next" } else { "" },
        if f.private {
            " · private (off the published roadmap)"
        } else {
            ""
        },
        if f.is_late(app.today) { " · late" } else { "" }
    );
    let (depends_on, needed_by, blockers) = links((roadmap, &app.index), f);
    let editable = FeatureFields::of(f);
    let mut rows = vec![("Status", status), ("Phase", phase)];
    // The title heads the pane.
    rows.extend(
        FEATURE_FIELDS
            .iter()
            .filter(|field| field.name != "title")
            .map(|field| (field.label, (field.get)(&editable))),
    );
    rows.extend([
        ("Started", date(f.started)),
        ("Shipped", date(f.shipped)),
        ("Depends on", depends_on),
        ("Needed by", needed_by),
        ("Blocked by", blockers),
        ("Blockers ahead", ahead(roadmap, f)),
        ("Outcome", outcome_text(roadmap, f, app)),
        ("Asked for by", asked_by((roadmap, &app.index), f)),
    ]);
    rows
}

/// What `f` depends on, what depends on it, and its open blockers.
fn links((roadmap, index): (&Roadmap, &RoadmapIndex), f: &Feature) -> (String, String, String) {
    let depends_on: Vec<String> = index
        .needs(roadmap, f.id)
        .map(|d| format!("{} {} ({})", d.key, d.title, d.status.phrase()))
        .collect();
    let needed_by: Vec<String> = index
        .needed_by(roadmap, f.id)
        .map(|d| format!("{} {}", d.key, d.title))
        .collect();
    let blockers: Vec<String> = index
        .blockers(roadmap, f.id)
        .map(|b| {
            let eta = b.eta.map(|d| format!(" (ETA {d})")).unwrap_or_default();
            format!("{}{eta}", b.waiting_for)
        })
        .collect();
    (
        depends_on.join(", "),
        needed_by.join(", "),
        blockers.join("; "),
    )
}

/// Open upcoming blockers of `f`, each with its mitigation.
fn ahead(roadmap: &Roadmap, f: &Feature) -> String {
    roadmap
        .blockers
        .iter()
        .filter(|b| b.feature == Some(f.id) && b.upcoming && b.resolved.is_none())
        .map(|b| match b.mitigation.as_str() {
            "" => b.waiting_for.clone(),
            mitigation => format!("{} (mitigation: {mitigation})", b.waiting_for),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The customers whose requests this feature answers, each request with
/// its demand: `Print the rota (3 customers: Bistro, Café, Deli)`.
fn asked_by((roadmap, index): (&Roadmap, &RoadmapIndex), f: &Feature) -> String {
    index
        .requests(roadmap, f.id)
        .map(|r| format!("{} ({})", r.text, r.demand_label()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The feature's commits (short hash, date, subject), then its change log
/// with the commits among the changes, newest first, one row each: the
/// day, what happened and why (a pause's reason, a move's).
fn history_rows(app: &App, key: FeatureKey) -> Vec<(String, String)> {
    let Some(history) = app.history.as_ref().filter(|h| h.key == key) else {
        return Vec::new();
    };
    let mut rows: Vec<(String, String)> = Vec::new();
    for (i, commit) in history.commits.iter().enumerate() {
        let label = if i == 0 { "Commits" } else { "" };
        rows.push((label.to_owned(), commit.line()));
    }
    rows.push(("History".to_owned(), "newest first".to_owned()));
    let changes = history.entries.iter().map(|entry| {
        let why = if entry.why.is_empty() {
            String::new()
        } else {
            format!(" — {}", entry.why)
        };
        (entry.at, format!("{}{why}", entry.what))
    });
    let commits = history.commits.iter().map(|commit| {
        let local = commit.when.with_timezone(&chrono::Local).naive_local();
        let ships = if commit.ships { " (ships it)" } else { "" };
        (
            local,
            format!("commit {} {}{ships}", commit.short_hash(), commit.subject),
        )
    });
    let mut dated: Vec<(chrono::NaiveDateTime, String)> = changes.chain(commits).collect();
    dated.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    rows.extend(
        dated
            .into_iter()
            .map(|(at, what)| (at.date().to_string(), what)),
    );
    rows
}

/// `hit — 62% of swaps (2026-12-07): pilot switched`, or when the check is
/// due for a feature not checked yet.
fn outcome_text(roadmap: &Roadmap, f: &Feature, app: &App) -> String {
    use crate::domain::outcome::check_date;
    let outcome = roadmap.outcome_of(f.id);
    match outcome.filter(|o| o.result.is_some()) {
        Some(o) => {
            let on = o.recorded.map_or(String::new(), |d| format!(" ({d})"));
            let note = if o.note.is_empty() {
                String::new()
            } else {
                format!(": {}", o.note)
            };
            let again = check_date(f, outcome, app.outcome_days)
                .map_or(String::new(), |d| format!("; asked again {d}"));
            format!("{}{on}{note}{again}", o.summary())
        }
        None => check_date(f, outcome, app.outcome_days)
            .map_or(String::new(), |d| format!("check due {d}")),
    }
}
