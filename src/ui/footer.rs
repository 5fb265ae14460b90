//! The bottom lines: the last message (refusals in full) and the key hints
//! of the focused pane, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::wrap;
use crate::app::App;
use crate::app::state::MessageKind;

/// Lines the message needs (at most 3), plus one for the hints.
pub fn height(app: &App, width: u16) -> u16 {
    let message_lines = app.message.as_ref().map_or(0, |m| {
        wrap(&m.text, usize::from(width.saturating_sub(2)))
            .len()
            .min(3)
    });
    1 + message_lines as u16
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut lines: Vec<Line> = Vec::new();
    if let Some(message) = &app.message {
        let style = match message.kind {
            MessageKind::Error => theme.error,
            MessageKind::Info => theme.info,
        };
        for text in wrap(&message.text, usize::from(area.width.saturating_sub(2)))
            .into_iter()
            .take(3)
        {
            lines.push(Line::styled(format!(" {text} "), style));
        }
    }
    let mut hints: Vec<Span> = Vec::new();
    for (keys, help) in app.keymap.hints(app.context(), app.selection()) {
        hints.push(Span::styled(format!(" {keys}"), theme.key));
        hints.push(Span::styled(format!(" {help} "), theme.dim));
    }
    lines.push(Line::from(hints));
    frame.render_widget(Paragraph::new(lines), area);
}
