//! The top line: roadmap name, the ONE active feature and its age, review
//! due, the filter, and how the file stands with the other machine.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Theme;
use super::text::truncate;
use super::theme::badge;
use crate::app::{Action, App};
use crate::domain::Transition;
use crate::domain::text::count;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = vec![Span::styled(" roadboard", theme.title)];
    // The names give way, never the state after them.
    let (mut name_at, mut title_at, mut next_at) = (None, None, None);
    if let Some(roadmap) = &app.roadmap {
        name_at = Some(spans.len());
        spans.push(Span::styled(
            format!(" · {}", roadmap.info.name),
            theme.header,
        ));
        spans.push(Span::styled(" │ ", theme.header));
        match roadmap.slot_holder() {
            Some(active) => {
                let days = active.days_active(app.today).unwrap_or(0);
                spans.push(Span::styled("ONE: ", theme.header));
                title_at = Some(spans.len());
                spans.push(Span::styled(
                    format!("{} {} {}", badge(active.status), active.key, active.title),
                    theme.active_card,
                ));
                spans.push(Span::styled(
                    format!(" · {} · {}", active.status.phrase(), count(days, "day")),
                    theme.header,
                ));
            }
            None => {
                let start = app.keymap.key_for(&Action::Transition(Transition::Start));
                let how = start.map_or(String::new(), |key| format!(" — pick one with {key}"));
                spans.push(Span::styled(
                    format!("no active feature{how}"),
                    theme.warning,
                ));
            }
        }
        if let Some(next) = roadmap.up_next() {
            next_at = Some(spans.len());
            spans.push(Span::styled(
                format!(" · next: {} {}", next.key, next.title),
                theme.header,
            ));
        }
        if let Some(kind) = app.review_due() {
            spans.push(Span::styled(" │ ", theme.header));
            let key = app.keymap.key_for(&Action::Review);
            let key = key.map_or(String::new(), |key| format!("({key}) "));
            spans.push(Span::styled(
                format!(" {kind} review due {key}"),
                theme.error,
            ));
        }
        if let Some(filter) = app.filter.describe() {
            spans.push(Span::styled(format!(" │ filter: {filter}"), theme.warning));
        }
        if let Some(sync) = &app.sync_line {
            spans.push(Span::styled(format!(" │ {sync}"), theme.header));
        }
    }
    // Up next's title goes first, then the program's name, the roadmap's
    // name, and last the ONE's title.
    let give_way = [(next_at, 12), (Some(0), 0), (name_at, 10), (title_at, 12)];
    fit_titles(&mut spans, give_way, usize::from(area.width));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.header), area);
}

/// Cuts the spans at `give_way`, in order, until the line fits `width`,
/// each down to the columns it keeps at least (0: it goes).
fn fit_titles(spans: &mut [Span<'static>], give_way: [(Option<usize>, usize); 4], width: usize) {
    for (at, keep) in give_way {
        let Some(at) = at else { continue };
        let used: usize = spans.iter().map(Span::width).sum();
        let Some(over) = used.checked_sub(width).filter(|o| *o > 0) else {
            return;
        };
        let span = &mut spans[at];
        let room = span.width().saturating_sub(over).max(keep);
        span.content = truncate(&span.content, room).into();
    }
}
