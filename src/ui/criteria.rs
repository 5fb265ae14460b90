//! A phase's success criteria: what must be true when it is done, each met
//! or not, in the founder's order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::Theme;
use super::text::truncate;
use crate::app::App;
use crate::domain::PhaseId;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    (phase, row): (PhaseId, usize),
    theme: &Theme,
) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let name = roadmap.phase(phase).map_or("", |p| p.name.as_str());
    let list: Vec<_> = roadmap
        .criteria
        .iter()
        .filter(|c| c.phase == phase)
        .collect();
    let rect = super::popup(frame, area, 80, (list.len() as u16).max(1) + 2);
    let width = usize::from(rect.width.saturating_sub(4));
    let row = row.min(list.len().saturating_sub(1));
    let mut lines: Vec<Line> = list
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mark = if c.done { "[x] " } else { "[ ] " };
            let style = if i == row { theme.selected } else { theme.text };
            Line::from(vec![
                Span::styled(
                    mark,
                    if c.done { theme.info } else { theme.dim }.patch(style),
                ),
                Span::styled(truncate(&c.text, width), style),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            "None yet: what must be true when this phase is done?",
            theme.dim,
        ));
    }
    let met = list.iter().filter(|c| c.done).count();
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(
            format!(
                " Success criteria of \"{name}\" · {met}/{} met ",
                list.len()
            ),
            theme.title,
        ));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
