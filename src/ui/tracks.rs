//! Blockers, the dependency tree, the foundations track and the risks:
//! what the cards wait on and what runs beside them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::truncate;
use crate::app::state::{Track, TracksView, open_blockers};
use crate::app::{Action, App, Context};
use crate::domain::graph::DependencyIndex;
use crate::domain::{FeatureStatus, FoundationStatus};

pub fn draw(frame: &mut Frame, area: Rect, (app, view): (&App, &TracksView), theme: &Theme) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let [blockers_area, deps_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
    let [foundations_area, risks_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    let date =
        |d: Option<chrono::NaiveDate>| d.map_or("—".to_owned(), |d| theme.date(d, app.today));
    let key_of = |id: Option<crate::domain::FeatureId>| {
        id.and_then(|id| roadmap.feature(id))
            .map_or("—".to_owned(), |f| f.key.to_string())
    };

    let mut blockers = Vec::new();
    for b in open_blockers(roadmap) {
        let overdue = b.eta.is_some_and(|d| d < app.today);
        let mitigation = if b.mitigation.is_empty() {
            String::new()
        } else {
            format!(" · mitigation: {}", b.mitigation)
        };
        // Upcoming ones hold nothing up yet: what they threaten and how
        // it is met.
        let text = if b.upcoming {
            format!(
                "ahead {:<4} → {}{mitigation}",
                key_of(b.feature),
                b.waiting_for
            )
        } else {
            format!(
                "{:<4} → {} → ETA {}{}{mitigation}",
                key_of(b.feature),
                b.waiting_for,
                date(b.eta),
                if overdue { " · overdue" } else { "" }
            )
        };
        blockers.push((text, overdue));
    }
    list(
        frame,
        blockers_area,
        view,
        theme,
        Track::Blockers,
        " Blockers (current, then ahead) ",
        (blockers.len(), &|i| blockers[i].clone()),
        &format!(
            "no open blockers ({} on a card adds one; {} here, one ahead)",
            app.key(Action::AddBlocker),
            app.key_in(Context::Tracks, Action::Add)
        ),
    );

    // Each feature with what it waits on (├──) and what waits on it (◀──).
    let graph = DependencyIndex::new(roadmap);
    let rows = graph.taking_part(roadmap);
    // Only the rows on screen are written out: thousands may take part.
    let tree = |i: usize| {
        let f = rows[i];
        let needs: Vec<String> = graph
            .needs(f.id)
            .iter()
            .map(|d| {
                let shipped = if d.status == FeatureStatus::Shipped {
                    "✓"
                } else {
                    ""
                };
                format!("{}{shipped}", d.key)
            })
            .collect();
        let needed_by: Vec<String> = graph
            .needed_by(f.id)
            .iter()
            .map(|d| d.key.to_string())
            .collect();
        let mut text = format!("{} {}", f.key, f.title);
        if !needs.is_empty() {
            text.push_str(&format!(" ├── needs {}", needs.join(", ")));
        }
        if !needed_by.is_empty() {
            text.push_str(&format!(" ◀── for {}", needed_by.join(", ")));
        }
        (text, f.status.is_open() && graph.waits(f.id))
    };
    list(
        frame,
        deps_area,
        view,
        theme,
        Track::Dependencies,
        " Dependencies ",
        (rows.len(), &tree),
        &format!(
            "no dependencies ({} on a card edits them)",
            app.key(Action::EditDependencies)
        ),
    );

    let foundations: Vec<(String, bool)> = roadmap
        .foundations
        .iter()
        .map(|item| {
            let mark = match item.status {
                FoundationStatus::NotStarted => "○",
                FoundationStatus::InProgress => "●",
                FoundationStatus::Done => "✓",
            };
            let late =
                item.status != FoundationStatus::Done && item.target.is_some_and(|t| t < app.today);
            (
                format!(
                    "{mark} {} · target {}{}",
                    item.what,
                    date(item.target),
                    if late { " · late" } else { "" }
                ),
                late,
            )
        })
        .collect();
    list(
        frame,
        foundations_area,
        view,
        theme,
        Track::Foundations,
        " Foundations (parallel, never the ONE slot) ",
        (foundations.len(), &|i| foundations[i].clone()),
        &format!(
            "no foundation items ({} adds one)",
            app.key_in(Context::Tracks, Action::Add)
        ),
    );

    let risks: Vec<(String, bool)> = roadmap
        .risks
        .iter()
        .map(|r| {
            (
                format!(
                    "{} · impact: {} · mitigation: {}",
                    r.risk, r.impact, r.mitigation
                ),
                false,
            )
        })
        .collect();
    list(
        frame,
        risks_area,
        view,
        theme,
        Track::Risks,
        " Risks ",
        (risks.len(), &|i| risks[i].clone()),
        &format!(
            "no risks recorded ({} adds one)",
            app.key_in(Context::Tracks, Action::Add)
        ),
    );
}

#[allow(clippy::too_many_arguments)]
fn list(
    frame: &mut Frame,
    area: Rect,
    view: &TracksView,
    theme: &Theme,
    track: Track,
    title: &str,
    (len, row): (usize, &dyn Fn(usize) -> (String, bool)),
    empty: &str,
) {
    let focused = view.focus == track;
    let block = theme.panel(title.to_owned(), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if len == 0 {
        frame.render_widget(
            Paragraph::new(Line::styled(format!(" {empty}"), theme.dim)),
            inner,
        );
        return;
    }
    let selected = view.rows[track as usize].min(len - 1);
    let fits = usize::from(inner.height).max(1);
    let first = if focused {
        selected.saturating_sub(fits - 1)
    } else {
        0
    };
    let width = usize::from(inner.width);
    let lines: Vec<Line> = (first..len.min(first + fits))
        .map(|i| {
            let (text, warn) = row(i);
            let base = if focused && i == selected {
                theme.selected
            } else {
                theme.text
            };
            let style = if warn {
                theme.warning.patch(base)
            } else {
                base
            };
            Line::styled(truncate(&format!(" {text}"), width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
