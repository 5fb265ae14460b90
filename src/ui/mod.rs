//! Drawing: one file per pane. Everything here reads `App` and never
//! changes it.

mod board;
mod card;
mod criteria;
mod detail;
mod first_run;
mod footer;
mod form;
mod gantt;
mod header;
mod help;
mod learning;
mod log;
mod parking;
mod picker;
mod prompt;
mod request;
mod review;
mod review_steps;
mod roadmap;
pub mod text;
pub mod theme;
mod tracks;
mod window;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::keymap::Selection;
use crate::app::state::GanttPlacement;
use crate::app::{App, Overlay, Screen};
pub use theme::Theme;

/// Below this the board cannot be laid out; a notice says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, theme);
        return;
    }
    let [header_area, body, footer_area] = regions(app, area);
    header::draw(frame, header_area, app, theme);
    footer::draw(frame, footer_area, app, theme);
    match app.screen() {
        Screen::FirstRun => first_run::draw(frame, body, app, theme),
        Screen::Gantt => gantt::draw(frame, body, app, theme, true),
        Screen::Parking(view) => parking::draw(frame, body, (app, view), theme),
        Screen::Log(view) => log::draw(frame, body, (app, view), theme),
        Screen::Review(view) => review::draw(frame, body, app, view, theme),
        Screen::Tracks(view) => tracks::draw(frame, body, (app, view), theme),
        Screen::Board => {
            let (board_area, gantt_area) = board_and_gantt(app, body);
            if let Some(gantt_area) = gantt_area {
                gantt::draw(frame, gantt_area, app, theme, false);
            }
            board::draw(frame, board_area, app, theme);
        }
    }
    for overlay in &app.overlays {
        draw_overlay(frame, body, app, overlay, theme);
    }
}

/// A popup over the screen (and the popups under it).
fn draw_overlay(frame: &mut Frame, body: Rect, app: &App, overlay: &Overlay, theme: &Theme) {
    match overlay {
        Overlay::Detail(key) => detail::draw(frame, body, app, *key, theme),
        Overlay::Help { scroll } => help::draw(frame, body, app, *scroll, theme),
        Overlay::Learning { scroll } => learning::draw(frame, body, app, *scroll, theme),
        Overlay::Request(id) => request::draw(frame, body, app, *id, theme),
        Overlay::Criteria { phase, row } => criteria::draw(frame, body, app, (*phase, *row), theme),
        Overlay::Roadmap {
            last_change,
            scroll,
        } => roadmap::draw(frame, body, app, (*last_change, *scroll), theme),
        Overlay::Picker(picker) => picker::draw(frame, body, picker, theme),
        Overlay::Prompt(prompt) => prompt::draw(frame, body, prompt, theme),
        Overlay::Form(form) => form::draw(frame, body, form, theme),
    }
}

/// Header, body and footer of a screen of `area`.
fn regions(app: &App, area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(footer::height(app, area.width)),
    ])
    .areas(area)
}

/// The board's part of the body, and the split Gantt pane's if shown.
fn board_and_gantt(app: &App, body: Rect) -> (Rect, Option<Rect>) {
    match app.gantt.placement {
        GanttPlacement::Hidden => (body, None),
        GanttPlacement::Split => {
            let [top, bottom] = Layout::vertical([
                Constraint::Percentage(100 - app.gantt.split),
                Constraint::Percentage(app.gantt.split),
            ])
            .areas(body);
            (top, Some(bottom))
        }
    }
}

/// The card under a mouse click at (`x`, `y`) on a screen of `area`, when
/// the board is showing.
pub fn card_at(
    app: &App,
    area: Rect,
    x: u16,
    y: u16,
) -> Option<(usize, crate::domain::FeatureKey)> {
    let on_board = matches!(app.screen(), Screen::Board) && app.top().is_none();
    if !on_board || area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [_, body, _] = regions(app, area);
    let (board_area, _) = board_and_gantt(app, body);
    board::card_at(board_area, app, x, y)
}

/// The list and row under a click at `(x, y)` on a screen with lists (the
/// parking lot, the tracks), as they are drawn in `area`.
pub fn row_at(app: &App, area: Rect, x: u16, y: u16) -> Option<(Selection, usize)> {
    if app.top().is_some() || area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [_, body, _] = regions(app, area);
    match app.screen() {
        Screen::Parking(view) => {
            parking::row_at(body, view, x, y).map(|(lot, row)| (Selection::Lot(lot), row))
        }
        Screen::Tracks(view) => {
            tracks::row_at(body, view, x, y).map(|(track, row)| (Selection::Track(track), row))
        }
        Screen::Log(view) => log::row_at(body, view, x, y).map(|row| (Selection::Log, row)),
        Screen::Review(view) => {
            let roadmap = app.roadmap.as_ref()?;
            review::row_at(body, (roadmap, view), x, y).map(|row| (Selection::Review, row))
        }
        _ => None,
    }
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::styled("terminal too small", theme.warning),
        Line::styled(
            format!(
                "need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
                area.width, area.height
            ),
            theme.text,
        ),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// A centred rectangle of at most `width`×`height`, cleared for a popup.
fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    rect
}
