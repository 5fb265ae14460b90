//! The fuzzy picker: search, filter, dependencies, milestones, palette.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::Theme;
use super::text::truncate;
use crate::app::state::Picker;

pub fn draw(frame: &mut Frame, area: Rect, picker: &Picker, theme: &Theme) {
    let rect = super::popup(frame, area, 76, area.height.saturating_sub(4).max(8));
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(format!(" {} ", picker.title), theme.title))
        .title_bottom(Span::styled(
            format!(" {}/{} ", picker.matches.len(), picker.items.len()),
            theme.dim,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [query_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let query = Line::from(vec![
        Span::styled("› ", theme.key),
        Span::styled(picker.query_text(), theme.text),
    ]);
    frame.render_widget(Paragraph::new(query), query_area);
    let cursor_x = query_area.x
        + 2
        + unicode_width::UnicodeWidthStr::width(picker.query_text().as_str()) as u16;
    frame.set_cursor_position((
        cursor_x.min(query_area.right().saturating_sub(1)),
        query_area.y,
    ));

    let rows = usize::from(list_area.height);
    let first = picker.selected.saturating_sub(rows.saturating_sub(1));
    let width = usize::from(list_area.width);
    let lines: Vec<Line> = picker
        .matches
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(position, &index)| {
            let item = &picker.items[index];
            let mark = if item.marked { "✓ " } else { "  " };
            let style = if position == picker.selected {
                theme.selected
            } else {
                theme.text
            };
            Line::styled(truncate(&format!("{mark}{}", item.label), width), style)
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("  no match", theme.dim)),
            list_area,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), list_area);
    }
}
