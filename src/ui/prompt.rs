//! A one-line question: why, when, which name.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::Theme;
use crate::app::state::Prompt;

pub fn draw(frame: &mut Frame, area: Rect, prompt: &Prompt, theme: &Theme) {
    let width = area.width.saturating_sub(6).min(90);
    let wrapped = super::text::wrap(&prompt.title, usize::from(width.saturating_sub(2)));
    let title_lines = wrapped.len() as u16;
    let error = prompt.error.as_deref().map_or(Vec::new(), |e| {
        super::text::wrap(e, usize::from(width.saturating_sub(2)))
    });
    let error_lines = (error.len() as u16).max(1);
    let rect = super::popup(frame, area, width, 3 + title_lines + error_lines);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [title, input, error_area] = Layout::vertical([
        Constraint::Length(title_lines),
        Constraint::Length(1),
        Constraint::Length(error_lines),
    ])
    .areas(inner);
    let lines: Vec<Line> = wrapped
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.title)))
        .collect();
    frame.render_widget(Paragraph::new(lines), title);
    frame.render_widget(&prompt.input, input);
    let error: Vec<Line> = error
        .into_iter()
        .map(|l| Line::styled(l, theme.error))
        .collect();
    frame.render_widget(Paragraph::new(error), error_area);
}
