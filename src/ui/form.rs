//! The edit form: every field, multi-line ones as text areas, errors shown
//! under the field they belong to.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::Theme;
use crate::app::state::{Form, FormField};

/// Lines a field takes: label, input (3 for multi-line), its error
/// wrapped to `width`.
fn field_height(field: &FormField, width: usize) -> u16 {
    let input = if field.multiline { 3 } else { 1 };
    1 + input + error_lines(field, width).len() as u16
}

/// A field's error, wrapped to `width` under a `  ✗ ` mark.
fn error_lines(field: &FormField, width: usize) -> Vec<String> {
    let Some(error) = &field.error else {
        return Vec::new();
    };
    let mut lines = super::text::wrap(error, width.saturating_sub(4));
    for (i, line) in lines.iter_mut().enumerate() {
        line.insert_str(0, if i == 0 { "  ✗ " } else { "    " });
    }
    lines
}

/// The form's keys are in the footer, from the keymap, as on every screen.
pub fn draw(frame: &mut Frame, area: Rect, form: &Form, theme: &Theme) {
    let rect = super::popup(
        frame,
        area,
        area.width.saturating_sub(6).min(100),
        area.height.saturating_sub(1),
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(format!(" {} ", form.title), theme.title));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    // Scroll so the focused field is in view: drop whole fields from the top.
    let width = usize::from(inner.width);
    let heights: Vec<u16> = form
        .fields
        .iter()
        .map(|field| field_height(field, width))
        .collect();
    let mut first = 0;
    while first < form.focus && heights[first..=form.focus].iter().sum::<u16>() > inner.height {
        first += 1;
    }
    let mut y = inner.y;
    for (index, field) in form.fields.iter().enumerate().skip(first) {
        let height = heights[index];
        if y + height > inner.bottom() {
            break;
        }
        let focused = index == form.focus;
        let label_style = if focused { theme.title } else { theme.dim };
        frame.render_widget(
            Line::styled(
                format!("{}{}", if focused { "▸ " } else { "  " }, field.label),
                label_style,
            ),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
        let errors = error_lines(field, width);
        let input_height = height - 1 - errors.len() as u16;
        let input_area = Rect {
            x: inner.x + 2,
            y: y + 1,
            width: inner.width.saturating_sub(2),
            height: input_height,
        };
        if focused {
            frame.render_widget(&field.input, input_area);
        } else {
            let text: Vec<Line> = field
                .input
                .lines()
                .iter()
                .map(|l| Line::styled(l.clone(), theme.text))
                .collect();
            frame.render_widget(Paragraph::new(text), input_area);
        }
        let lines: Vec<Line> = errors
            .into_iter()
            .map(|line| Line::styled(line, theme.error))
            .collect();
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                y: y + 1 + input_height,
                height: height - 1 - input_height,
                ..inner
            },
        );
        y += height;
    }
}
