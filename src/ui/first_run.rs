//! The empty state of a fresh file: start an empty roadmap or the example.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::Theme;

pub fn draw(frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = super::popup(frame, area, 64, 11);
    let lines = vec![
        Line::styled("This file holds no roadmap yet.", theme.text),
        Line::raw(""),
        Line::from(vec![
            Span::styled("  n  ", theme.key),
            Span::styled("start an empty roadmap (asks its name)", theme.text),
        ]),
        Line::from(vec![
            Span::styled("  e  ", theme.key),
            Span::styled(
                "load the example roadmap (a founder's 4-phase plan)",
                theme.text,
            ),
        ]),
        Line::from(vec![
            Span::styled("  q  ", theme.key),
            Span::styled("quit", theme.text),
        ]),
        Line::raw(""),
        Line::styled(
            "Rule of the house: ONE active feature at a time.",
            theme.dim,
        ),
    ];
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(" Welcome to roadboard ", theme.title));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
