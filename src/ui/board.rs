//! The board: one column per phase, headed by its dates, status, goal,
//! progress and next milestone, with its cards below. Columns scroll sideways and
//! cards scroll down so that the selection is always in view.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::card;
use super::text::truncate;
use crate::app::{Action, App};
use crate::domain::{FeatureKey, Phase, Progress, Roadmap};
use unicode_width::UnicodeWidthStr;

/// Narrowest a column may get before fewer columns are shown.
const MIN_COLUMN_WIDTH: u16 = 30;
/// Lines above the cards inside a column.
const HEADER_LINES: u16 = 6;
const CARD_LINES: u16 = 2;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    if roadmap.phases.is_empty() {
        let hint = Paragraph::new(vec![
            Line::raw(""),
            Line::styled("  No phases yet.", theme.text),
            Line::styled(
                format!(
                    "  Press {} to add the first phase (e.g. \"MVP / Pilot Launch\").",
                    app.key(Action::NewPhase)
                ),
                theme.dim,
            ),
        ]);
        frame.render_widget(hint, area);
        return;
    }
    let phases = roadmap.phases.len();
    let (first, columns) = visible_columns(area, app, phases);
    let visible = columns.len();
    for (slot, column) in (first..first + visible).enumerate() {
        draw_column(frame, columns[slot], app, roadmap, column, theme);
    }
    // Say when columns are off screen.
    if first > 0 {
        frame.render_widget(
            Span::styled("◀", theme.key),
            Rect {
                width: 1,
                height: 1,
                ..area
            },
        );
    }
    if first + visible < phases {
        let x = area.right().saturating_sub(1);
        frame.render_widget(
            Span::styled("▶", theme.key),
            Rect {
                x,
                width: 1,
                height: 1,
                ..area
            },
        );
    }
}

/// The first phase shown and the rectangles of the columns on screen:
/// as many as fit, scrolled as little as keeps the focused one in view.
fn visible_columns(area: Rect, app: &App, phases: usize) -> (usize, Vec<Rect>) {
    let fit = usize::from((area.width / MIN_COLUMN_WIDTH).max(1));
    let visible = fit.min(phases);
    let first = app.column.saturating_sub(visible - 1).min(phases - visible);
    let columns = Layout::horizontal(vec![Constraint::Fill(1); visible]).split(area);
    (first, columns.to_vec())
}

/// The cards' part of a column (below its header), and the first card
/// shown there: the focused column scrolls to keep the selection in view.
fn cards_area(column_area: Rect, app: &App, column: usize) -> (Rect, usize, usize) {
    let inner = Rect {
        x: column_area.x + 1,
        y: column_area.y + 1,
        width: column_area.width.saturating_sub(2),
        height: column_area.height.saturating_sub(2),
    };
    let [_, body] =
        Layout::vertical([Constraint::Length(HEADER_LINES), Constraint::Min(0)]).areas(inner);
    let fits = usize::from((body.height / CARD_LINES).max(1));
    let row = if column == app.column {
        app.selected_row()
    } else {
        0
    };
    (body, row.saturating_sub(fits - 1), fits)
}

/// The card drawn at terminal cell (`x`, `y`) of a board drawn in `area`.
pub fn card_at(area: Rect, app: &App, x: u16, y: u16) -> Option<(usize, FeatureKey)> {
    let roadmap = app.roadmap.as_ref()?;
    if roadmap.phases.is_empty() {
        return None;
    }
    let (first, columns) = visible_columns(area, app, roadmap.phases.len());
    let (slot, rect) = columns
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains(Position { x, y }))?;
    let column = first + slot;
    let (body, first_card, _) = cards_area(*rect, app, column);
    if !body.contains(Position { x, y }) {
        return None;
    }
    let row = first_card + usize::from((y - body.y) / CARD_LINES);
    let index = *app.layout.columns.get(column)?.get(row)?;
    Some((column, roadmap.features[index].key))
}

fn draw_column(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    roadmap: &Roadmap,
    column: usize,
    theme: &Theme,
) {
    let phase = &roadmap.phases[column];
    let focused = column == app.column;
    let cards = &app.layout.columns[column];
    let name = truncate(&phase.name, usize::from(area.width.saturating_sub(4)));
    // Cards out of view are counted on the bottom border, never over a card.
    let (_, first, fits) = cards_area(area, app, column);
    let below = cards.len().saturating_sub(first + fits);
    let scrolled = [(first, "↑"), (below, "↓")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, arrow)| format!("{arrow}{n}"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut block = theme.panel(format!(" {name} "), focused);
    if !scrolled.is_empty() {
        block =
            block.title_bottom(Line::styled(format!(" {scrolled} "), theme.dim).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let [head, body] =
        Layout::vertical([Constraint::Length(HEADER_LINES), Constraint::Min(0)]).areas(inner);
    frame.render_widget(
        Paragraph::new(phase_header(roadmap, phase, app, width, theme)),
        head,
    );

    if cards.is_empty() {
        let empty = if app.filter.describe().is_some() {
            "  (none match the filter)".to_owned()
        } else {
            format!("  (no cards: {} adds one)", app.key(Action::NewFeature))
        };
        frame.render_widget(Paragraph::new(Line::styled(empty, theme.dim)), body);
        return;
    }
    let mut lines: Vec<Line> = Vec::with_capacity(fits * 2);
    for &index in cards.iter().skip(first).take(fits) {
        let feature = &roadmap.features[index];
        let selected = focused && app.selected == Some(feature.key);
        lines.extend(card::lines(
            (roadmap, &app.index),
            feature,
            app.today,
            width,
            selected,
            theme,
        ));
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// Dates and status; the goal; a progress bar of shipped/total; the next
/// milestone; the forecast end.
fn phase_header(
    roadmap: &Roadmap,
    phase: &Phase,
    app: &App,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    // The start shows no year its end shows: `Jan 04 → Mar 15 2027`.
    let start_seen_from = match (phase.start, phase.end) {
        (Some(start), Some(end)) if start.year() == end.year() => end,
        _ => app.today,
    };
    let dates = format!(
        " {} → {}",
        phase
            .start
            .map_or("?".to_owned(), |d| theme.date(d, start_seen_from)),
        phase
            .end
            .map_or("?".to_owned(), |d| theme.date(d, app.today)),
    );

    let goal = if phase.goal.is_empty() {
        let hint = app
            .keymap
            .key_for(&Action::EditPhase)
            .map_or(String::new(), |key| format!(" ({key} edits the phase)"));
        Line::styled(truncate(&format!(" no goal yet{hint}"), width), theme.dim)
    } else {
        Line::styled(
            truncate(&format!(" {}", phase.goal), width),
            theme.text.add_modifier(Modifier::ITALIC),
        )
    };
    let (forecast, slip) = forecast_lines(app, phase, width, theme);
    vec![
        Line::styled(truncate(&dates, width), theme.dim),
        goal,
        progress_bar(app, phase, width, theme),
        next_milestone(roadmap, phase, app, width, theme),
        forecast,
        slip,
    ]
}

/// Shipped of counted, as a bar, with the phase's status.
fn progress_bar(app: &App, phase: &Phase, width: usize, theme: &Theme) -> Line<'static> {
    let Progress { shipped, total } = app.index.progress(phase.id);
    // The status shares the bar's line, so a long date never hides it.
    let counts = format!(" {shipped}/{total} · {}", phase.status.phrase());
    let bar_width = width.saturating_sub(counts.width() + 1).min(24);
    let filled = (bar_width * shipped).checked_div(total).unwrap_or(0);
    Line::from(vec![
        Span::styled(" ", theme.text),
        Span::styled("█".repeat(filled), theme.bar_done),
        Span::styled("░".repeat(bar_width - filled), theme.bar_todo),
        Span::styled(counts, theme.text),
    ])
}

/// The next open milestone: its target (late ones stand out) and text.
fn next_milestone(
    roadmap: &Roadmap,
    phase: &Phase,
    app: &App,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let next = roadmap
        .milestones
        .iter()
        .filter(|m| m.phase == phase.id && m.done.is_none())
        .min_by_key(|m| (m.target.is_none(), m.target, m.position));
    match next {
        Some(m) => {
            let late = m.target.is_some_and(|t| t < app.today);
            let text = format!(
                " ◆ {} {}",
                m.target.map_or(String::new(), |d| theme.date(d, app.today)),
                m.text
            );
            Line::styled(
                truncate(&text, width),
                if late { theme.warning } else { theme.dim },
            )
        }
        None => Line::styled(" ◆ no open milestone", theme.dim),
    }
}

/// The forecast end, and how far it is from the planned end.
fn forecast_lines(
    app: &App,
    phase: &Phase,
    width: usize,
    theme: &Theme,
) -> (Line<'static>, Line<'static>) {
    match app.forecast.as_ref().and_then(|f| f.phases.get(&phase.id)) {
        Some(f) => {
            let slip = match f.slip_days {
                Some(0) => "   (on plan)".to_owned(),
                Some(days) => format!("   ({days:+} days vs plan)"),
                None => "   (no planned end)".to_owned(),
            };
            let style = if f.slip_days.is_some_and(|d| d > 0) {
                theme.warning
            } else {
                theme.dim
            };
            (
                Line::styled(
                    truncate(
                        &format!(" forecast: ends {}", theme.date(f.end, app.today)),
                        width,
                    ),
                    style,
                ),
                Line::styled(truncate(&slip, width), style),
            )
        }
        None => (
            Line::styled(" forecast: no cards yet", theme.dim),
            Line::raw(""),
        ),
    }
}
