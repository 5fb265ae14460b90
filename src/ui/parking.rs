//! The parking lot: deferred features on the left, customer requests on
//! the right, each row with what triage needs to see.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::text::truncate;
use super::window::Window;
use crate::app::state::{Lot, ParkingView};
use crate::app::{Action, App, Context};
use crate::domain::text::count;
use crate::domain::{Feature, RequestStatus, Roadmap};

/// Lines per row in either list.
const ROW_LINES: u16 = 2;

pub fn draw(frame: &mut Frame, area: Rect, (app, view): (&App, &ParkingView), theme: &Theme) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    for (lot, rect, window) in windows(area, view) {
        let width = usize::from(window.inner.width);
        let (lines, title) = match lot {
            Lot::Features => parked_lines(app, (roadmap, view), window, theme),
            Lot::Requests => request_lines(app, (roadmap, view), window, theme),
        };
        let block = theme.panel(truncate(&title, width), view.focus == lot);
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }
}

/// Each list: where it is drawn and which of its rows show.
fn windows(area: Rect, view: &ParkingView) -> [(Lot, Rect, Window); 2] {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    [(Lot::Features, left), (Lot::Requests, right)].map(|(lot, rect)| {
        let inner = Block::bordered().inner(rect);
        let (len, row) = (view.len(lot), view.rows[lot as usize]);
        let window = Window::new(inner, ROW_LINES, len, row, view.focus == lot);
        (lot, rect, window)
    })
}

/// The list and row drawn at `(x, y)` of the lot drawn in `area`.
pub fn row_at(area: Rect, view: &ParkingView, x: u16, y: u16) -> Option<(Lot, usize)> {
    windows(area, view)
        .into_iter()
        .find_map(|(lot, _, window)| Some((lot, window.row_at(x, y)?)))
}

/// The parked features, two lines each, and the list's title.
fn parked_lines<'a>(
    app: &App,
    (roadmap, view): (&'a Roadmap, &ParkingView),
    window: Window,
    theme: &Theme,
) -> (Vec<Line<'a>>, String) {
    let width = usize::from(window.inner.width);
    let len = view.len(Lot::Features);
    let mut lines: Vec<Line> = Vec::new();
    for i in window.range() {
        let Some(f) = view.feature(roadmap, i) else {
            continue;
        };
        let selected = view.focus == Lot::Features && i == view.rows[0].min(len.saturating_sub(1));
        let style = if selected { theme.selected } else { theme.text };
        let priority = f
            .priority
            .map_or("  ".to_owned(), |p| p.as_str().to_uppercase());
        let mut first = vec![
            Span::styled(format!(" {priority} "), theme.warning.patch(style)),
            Span::styled(format!("{} ", f.key), theme.dim.patch(style)),
        ];
        let used: usize = first.iter().map(Span::width).sum();
        first.push(Span::styled(
            truncate(&f.title, width.saturating_sub(used)),
            style,
        ));
        lines.push(Line::from(first));
        lines.push(Line::from(parked_details(
            f, app.today, width, style, theme,
        )));
    }
    if len == 0 {
        let empty = if view.filter().is_empty() {
            let capture = app.key_in(Context::Parking, Action::Capture);
            format!("  nothing parked: {capture} captures an idea")
        } else {
            "  nothing parked matches the filter".to_owned()
        };
        lines.push(Line::styled(empty, theme.dim));
    }
    let filter = if view.filter().is_empty() {
        String::new()
    } else {
        format!(" · filter: {}", view.filter())
    };
    let title = format!(" Parked ({len}) · by {}{filter} ", view.order().name());
    (lines, title)
}

/// The customer requests, two lines each, and the list's title.
fn request_lines<'a>(
    app: &App,
    (roadmap, view): (&'a Roadmap, &ParkingView),
    window: Window,
    theme: &Theme,
) -> (Vec<Line<'a>>, String) {
    let width = usize::from(window.inner.width);
    let len = view.len(Lot::Requests);
    let date = |d: Option<chrono::NaiveDate>| d.map_or(String::new(), |d| theme.date(d, app.today));
    let mut lines: Vec<Line> = Vec::new();
    for i in window.range() {
        let Some(r) = view.request(roadmap, i) else {
            continue;
        };
        let selected = view.focus == Lot::Requests && i == view.rows[1].min(len.saturating_sub(1));
        let style = if selected { theme.selected } else { theme.text };
        let priority = format!(" {:<4} ", r.priority.as_str());
        lines.push(Line::from(vec![
            Span::styled(priority, theme.warning.patch(style)),
            Span::styled(truncate(&r.text, width.saturating_sub(7)), style),
        ]));
        let linked = r
            .feature
            .and_then(|id| app.index.feature(roadmap, id))
            .map_or(String::new(), |f| format!(" → {}", f.key));
        let status = match r.status {
            RequestStatus::New => String::new(),
            RequestStatus::Linked => " · linked".to_owned(),
            RequestStatus::Declined => format!(" · declined: {}", r.decline_reason),
        };
        let detail = format!(
            "      {} · {}{linked}{status}",
            r.demand_label(),
            date(r.requested_on)
        );
        lines.push(Line::styled(
            truncate(&detail, width),
            theme.dim.patch(style),
        ));
    }
    if len == 0 {
        let empty = if view.all_requests() {
            "  no requests".to_owned()
        } else {
            let all = app.key_in(Context::Parking, Action::ToggleAllRequests);
            format!("  no new requests ({all} shows all)")
        };
        lines.push(Line::styled(empty, theme.dim));
    }
    let all = if view.all_requests() { ", all" } else { " new" };
    (lines, format!(" Customer requests ({len}{all}) "))
}

/// A parked idea's second line: how long it has waited, when to look
/// again (due ones stand out), and why it is interesting and deferred.
fn parked_details(
    f: &Feature,
    today: NaiveDate,
    width: usize,
    style: Style,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut parts = Vec::new();
    if let Some(created) = f.created {
        let days = (today - created).num_days().max(0);
        parts.push((format!("added {} ago", count(days, "day")), theme.dim));
    }
    if let Some(when) = f.reconsider_label(|d| theme.date(d, today)) {
        let due = f.reconsider.is_some_and(|d| d <= today);
        parts.push((
            format!("⟳ {when}"),
            if due { theme.warning } else { theme.dim },
        ));
    }
    for why in [&f.why_interesting, &f.why_deferred] {
        if !why.is_empty() {
            parts.push((why.clone(), theme.dim));
        }
    }
    let mut spans = vec![Span::styled("    ", style)];
    let mut used = 4;
    for (i, (text, look)) in parts.into_iter().enumerate() {
        let text = if i == 0 { text } else { format!(" · {text}") };
        let text = truncate(&text, width.saturating_sub(used));
        used += text.width();
        spans.push(Span::styled(text, look.patch(style)));
    }
    spans
}
