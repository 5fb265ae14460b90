//! The change log view: every change and review, newest first, filtered
//! by words.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::Theme;
use super::text::truncate;
use crate::app::state::LogView;

pub fn draw(frame: &mut Frame, area: Rect, log: &LogView, theme: &Theme) {
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
    let fits = usize::from(inner.height).max(1);
    let first = log.selected.saturating_sub(fits - 1);
    let lines: Vec<Line> = log
        .shown
        .iter()
        .enumerate()
        .skip(first)
        .take(fits)
        .map(|(position, &index)| {
            let row = &log.rows[index];
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
        frame.render_widget(
            Paragraph::new(Line::styled(
                "  nothing matches the filter (/ changes it)",
                theme.dim,
            )),
            inner,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
