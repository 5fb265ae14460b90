//! The roadmap's own header: horizon, the next review, the last change,
//! and the philosophy and notes a founder's document carried (imported
//! ones too), over the screen it was opened on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::Theme;
use crate::app::{Action, App};
use crate::domain::header::RoadmapHeader;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    (last_change, scroll): (Option<chrono::NaiveDateTime>, u16),
    theme: &Theme,
) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let review_day = app.review_day.unwrap_or(roadmap.info.review_day);
    let header = RoadmapHeader::of(roadmap, app.today, review_day, last_change);
    let rect = super::popup(frame, area, 90, area.height.saturating_sub(2));
    let mut lines = Vec::new();
    for (label, value) in header.rows() {
        lines.push(Line::from(vec![
            Span::styled(format!("{label:>12}  "), theme.dim),
            Span::styled(value, theme.text),
        ]));
    }
    lines.push(Line::raw(""));
    if header.philosophy.is_empty() {
        let edit = app
            .keymap
            .key_for_in(crate::app::keymap::Context::Roadmap, &Action::EditRoadmap)
            .map_or(String::new(), |key| format!(" ({key} writes them)"));
        lines.push(Line::styled(
            format!(
                "No philosophy or notes yet{edit}: how you sequence work, what you will not do."
            ),
            theme.dim,
        ));
    }
    for line in header.philosophy.lines() {
        lines.push(Line::styled(line.to_owned(), theme.text));
    }
    // What an import kept as notes: the founder's own words, shown here
    // rather than only said to be kept.
    if !roadmap.notes.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "Kept from your document ({}):",
                crate::domain::text::count(roadmap.notes.len() as i64, "note")
            ),
            theme.dim,
        ));
        for note in &roadmap.notes {
            lines.push(Line::raw(""));
            lines.push(Line::styled(note.heading.clone(), theme.title));
            for line in note.body.lines() {
                lines.push(Line::styled(line.to_owned(), theme.text));
            }
        }
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(format!(" {} ", header.name), theme.title));
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    frame.render_widget(paragraph, rect);
}
