//! A customer request in full: what was asked, by whom and when, its
//! priority, and what became of it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::Theme;
use crate::app::{Action, App, Context};
use crate::domain::RequestId;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, id: RequestId, theme: &Theme) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let Some(r) = roadmap.requests.iter().find(|r| r.id == id) else {
        return;
    };
    let rect = super::popup(frame, area, area.width.saturating_sub(8).clamp(40, 90), 16);
    let feature = r
        .feature
        .and_then(|f| app.index.feature(roadmap, f))
        .map_or(String::new(), |f| {
            format!("{} ({})", f.label(), f.status.phrase())
        });
    let rows = [
        ("asked by", r.demand_label()),
        (
            "first asked on",
            r.requested_on.map_or(String::new(), |d| d.to_string()),
        ),
        (
            "asked again by",
            crate::domain::requests::Ask::list_text(&r.also_asked),
        ),
        ("priority", r.priority.to_string()),
        ("status", r.status.to_string()),
        ("feature", feature),
        ("declined because", r.decline_reason.clone()),
    ];
    let mut lines = vec![Line::styled(r.text.clone(), theme.text), Line::raw("")];
    for (label, value) in rows.into_iter().filter(|(_, v)| !v.is_empty()) {
        lines.push(Line::from(vec![
            Span::styled(format!("{label:>16}  "), theme.dim),
            Span::styled(value, theme.text),
        ]));
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(
            format!(
                " Request #{} ({} closes) ",
                r.id.0,
                app.key_in(Context::Learning, Action::Back)
            ),
            theme.title,
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
