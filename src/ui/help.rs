//! The help overlay: every binding of every context, read from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::Theme;
use crate::app::{Action, App, Context};

const CONTEXTS: [Context; 14] = [
    Context::Board,
    Context::Gantt,
    Context::Parking,
    Context::Tracks,
    Context::Log,
    Context::Learning,
    Context::Review,
    Context::ReviewNotes,
    Context::Detail,
    Context::Form,
    Context::Prompt,
    Context::Picker,
    Context::Help,
    Context::FirstRun,
];

pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let rect = super::popup(frame, area, 72, area.height.saturating_sub(2));
    let mut lines = Vec::new();
    for context in CONTEXTS {
        lines.push(Line::styled(context.title(), theme.title));
        for (keys, help) in app.keymap.grouped(context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:>14}  "), theme.key),
                Span::styled(help, theme.text),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(
            format!(
                " Keys ({}/{} scroll, {} closes) ",
                app.key_in(Context::Help, Action::Down),
                app.key_in(Context::Help, Action::Up),
                app.key_in(Context::Help, Action::Back)
            ),
            theme.title,
        ));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}
