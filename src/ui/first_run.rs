//! The empty state of a fresh file: start an empty roadmap, load the
//! example, or import the plan the founder already has. The choices are
//! the keymap's, as remapped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::Theme;
use crate::app::App;
use crate::app::keymap::Context;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let choices = app.keymap.hints(Context::FirstRun, None);
    let rect = super::popup(frame, area, 72, 6 + choices.len() as u16);
    let mut lines = vec![
        Line::styled("This file holds no roadmap yet.", theme.text),
        Line::raw(""),
    ];
    for (keys, help) in choices {
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<3}  "), theme.key),
            Span::styled(help, theme.text),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Rule of the house: ONE active feature at a time.",
        theme.dim,
    ));
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(" Welcome to roadboard ", theme.title));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
