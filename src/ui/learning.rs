//! Did it work? The outcome checks newest first, with the hit rate per
//! phase and per quarter: what the method learned from what shipped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::Theme;
use crate::app::App;
use crate::domain::outcome::{HitRate, OutcomeResult, learning};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let rect = super::popup(frame, area, 90, area.height.saturating_sub(2));
    let learned = learning(roadmap);
    let mut lines = Vec::new();
    if learned.outcomes.is_empty() {
        lines.push(Line::styled(
            "No outcome checked yet: the weekly review asks once a shipped feature's check is due.",
            theme.dim,
        ));
    }
    let rates = |title: &str, rates: &[HitRate], lines: &mut Vec<Line>| {
        if rates.is_empty() {
            return;
        }
        lines.push(Line::styled(title.to_owned(), theme.title));
        for rate in rates {
            lines.push(Line::styled(format!("  {}", rate.describe()), theme.text));
        }
        lines.push(Line::raw(""));
    };
    rates("Hit rate by phase", &learned.by_phase, &mut lines);
    rates("Hit rate by quarter", &learned.by_quarter, &mut lines);
    if !learned.outcomes.is_empty() {
        lines.push(Line::styled("Newest first", theme.title));
    }
    for l in &learned.outcomes {
        let style = match l.result {
            OutcomeResult::Hit => theme.active_card,
            OutcomeResult::Missed => theme.error,
            OutcomeResult::Partly | OutcomeResult::TooEarly => theme.warning,
        };
        let date = l.date.map_or("—".to_owned(), |d| d.to_string());
        lines.push(Line::from(vec![
            Span::styled(format!("  {date}  {} {}  ", l.key, l.title), theme.text),
            Span::styled(l.result.phrase(), style),
            Span::styled(
                if l.value.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", l.value)
                },
                theme.text,
            ),
        ]));
        lines.push(Line::styled(
            format!("      metric: {}", l.metric.trim()),
            theme.dim,
        ));
        if !l.note.is_empty() {
            lines.push(Line::styled(format!("      {}", l.note), theme.dim));
        }
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(" Did it work? ", theme.title));
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    frame.render_widget(paragraph, rect);
}
