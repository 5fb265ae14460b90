//! The review screen: the step on the left, the history on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Sparkline, Wrap};

use super::Theme;
use super::review_steps::*;
use super::window::Window;
use crate::app::keymap::Context;
use crate::app::state::ReviewView;
use crate::app::{Action, App};
use crate::domain::FeatureStatus;
use crate::domain::review::{ReviewStep, stats};
use crate::domain::text::count;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, view: &ReviewView, theme: &Theme) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let step = view.draft.step;
    let [main, side] = halves(area);
    let title = format!(
        " {} review · step {}/{}: {} ",
        view.draft.kind,
        step.number(view.draft.kind),
        ReviewStep::steps(view.draft.kind).len(),
        step.title(view.draft.kind)
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(main);
    frame.render_widget(block, main);
    let step_lines = Step {
        app,
        roadmap,
        view,
        theme,
        area: inner,
    };
    let lines = match step {
        ReviewStep::Phases => phases(&step_lines),
        ReviewStep::ActiveFeature => active_feature(&step_lines),
        ReviewStep::Outcomes => outcomes(&step_lines),
        ReviewStep::Blockers => blockers(&step_lines),
        ReviewStep::NewItems => new_items(&step_lines),
        ReviewStep::NextFeature => next_feature(&step_lines),
        ReviewStep::Notes => {
            let summary = view.current().summary(roadmap);
            let [text, notes, help] = Layout::vertical([
                Constraint::Length(3),
                Constraint::Min(3),
                Constraint::Length(1),
            ])
            .areas(inner);
            frame.render_widget(
                Paragraph::new(Line::styled(summary, theme.dim)).wrap(Wrap { trim: true }),
                text,
            );
            let notes_block = Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(theme.border)
                .title(" notes ");
            let notes_inner = notes_block.inner(notes);
            frame.render_widget(notes_block, notes);
            frame.render_widget(&view.notes, notes_inner);
            frame.render_widget(
                Line::styled(
                    format!(
                        "{} saves the review · {} keeps it for later",
                        app.key_in(Context::ReviewNotes, Action::Submit),
                        app.key_in(Context::ReviewNotes, Action::Back)
                    ),
                    theme.key,
                ),
                help,
            );
            draw_stats(frame, side, app, theme);
            return;
        }
    };
    frame.render_widget(Paragraph::new(lines), inner);
    draw_stats(frame, side, app, theme);
}

/// Which candidates for next week's ONE show in the step's box `inner`:
/// scrolled to the selection, above the two lines of keys.
pub(super) fn candidates_window(inner: Rect, view: &ReviewView) -> Window {
    let list = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        inner.height.saturating_sub(2),
    );
    Window::new(list, 1, view.rows.len(), view.selected, true)
}

/// The step's part of the screen and the statistics' beside it.
fn halves(area: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Min(40), Constraint::Length(34)]).areas(area)
}

/// The row of the step drawn at `(x, y)` of the review drawn in `area`:
/// the rows start at the top of the step's box, one line each but the
/// outcome checks' (two, three once answered); the candidates for next
/// week's ONE scroll to the selection above the two lines of keys.
pub fn row_at(
    area: Rect,
    (roadmap, view): (&crate::domain::Roadmap, &ReviewView),
    x: u16,
    y: u16,
) -> Option<usize> {
    let inner = Block::bordered().inner(halves(area)[0]);
    let (len, selected) = (view.rows.len(), view.selected);
    match view.draft.step {
        ReviewStep::Phases | ReviewStep::Blockers => {
            Window::new(inner, 1, len, selected, false).row_at(x, y)
        }
        ReviewStep::NextFeature => candidates_window(inner, view).row_at(x, y),
        ReviewStep::Outcomes if inner.contains(ratatui::layout::Position { x, y }) => {
            let mut top = inner.y;
            view.rows.iter().position(|&at| {
                let answered = view.answer(roadmap.features[at].key).is_some();
                let row = top;
                top += 2 + u16::from(answered);
                y >= row && y < top
            })
        }
        _ => None,
    }
}

fn draw_stats(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let s = stats(roadmap, app.today);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(" History ", theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [label, spark, facts] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Line::styled("shipped per week, last 12", theme.dim), label);
    frame.render_widget(
        Sparkline::default()
            .data(&s.shipped_per_week)
            .style(theme.bar_done),
        spark,
    );
    let active = roadmap
        .features
        .iter()
        .filter(|f| f.status == FeatureStatus::Shipped)
        .count();
    let lines = vec![
        Line::styled(
            format!(
                "{} shipped in 12 weeks",
                s.shipped_per_week.iter().sum::<u64>()
            ),
            theme.text,
        ),
        Line::styled(
            format!(
                "median {} active",
                s.median_days
                    .map_or("— days".to_owned(), |d| count(d, "day"))
            ),
            theme.text,
        ),
        Line::styled(
            format!(
                "{} since the last ship",
                s.days_since_last_ship
                    .map_or("— days".to_owned(), |d| count(d, "day"))
            ),
            theme.text,
        ),
        Line::styled(format!("{active} shipped in all"), theme.dim),
    ];
    frame.render_widget(Paragraph::new(lines), facts);
}
