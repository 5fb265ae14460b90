//! The change log view: every change and review, newest first, filtered
//! by words.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::Theme;
use super::text::truncate;
use super::window::Window;
use crate::app::state::LogView;
use crate::app::{Action, App, Context};

pub fn draw(frame: &mut Frame, area: Rect, (app, log): (&App, &LogView), theme: &Theme) {
    let filter = if log.filter.is_empty() {
        String::new()
    } else {
        format!(" · filter: {}", log.filter)
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(
            format!(
                " Change log · {} of {}{filter} ",
                log.shown.len(),
                log.rows.len()
            ),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = window(area, log)
        .range()
        .map(|position| {
            let row = &log.rows[log.shown[position]];
            let style = if position == log.selected {
                theme.selected
            } else {
                theme.text
            };
            let why = if row.why.is_empty() {
                String::new()
            } else {
                format!(" — {}", row.why.replace('\n', " "))
            };
            let text = format!("{:<10} {}{why}", truncate(&row.who, 10), row.what);
            Line::from(vec![
                Span::styled(
                    format!(" {} ", row.at.format("%Y-%m-%d %H:%M")),
                    theme.dim.patch(style),
                ),
                Span::styled(truncate(&text, width.saturating_sub(18)), style),
            ])
        })
        .collect();
    if lines.is_empty() {
        let filter = app.key_in(Context::Log, Action::Filter);
        let empty = format!("  nothing matches the filter ({filter} changes it)");
        frame.render_widget(Paragraph::new(Line::styled(empty, theme.dim)), inner);
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// Which entries show in the log drawn in `area`: scrolled so the
/// selected one does.
fn window(area: Rect, log: &LogView) -> Window {
    let inner = Block::bordered().inner(area);
    Window::new(inner, 1, log.shown.len(), log.selected, true)
}

/// The entry drawn at `(x, y)` of the log drawn in `area`.
pub fn row_at(area: Rect, log: &LogView, x: u16, y: u16) -> Option<usize> {
    window(area, log).row_at(x, y)
}
