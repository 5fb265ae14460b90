//! One feature card on the board: two lines.

use chrono::NaiveDate;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Theme;
use super::text::truncate;
use super::theme::badge;
use crate::domain::{Feature, FeatureStatus, Roadmap, RoadmapIndex};

/// The two lines of a card `width` columns wide.
pub fn lines(
    (roadmap, index): (&Roadmap, &RoadmapIndex),
    feature: &Feature,
    today: NaiveDate,
    width: usize,
    selected: bool,
    theme: &Theme,
) -> [Line<'static>; 2] {
    let holds_slot = feature.status.holds_slot();
    let base = if selected {
        theme.selected
    } else {
        Style::new()
    };
    let title_style = if holds_slot {
        theme.active_card
    } else {
        theme.text
    };
    let key = feature.key.to_string();
    let head = format!("{} {key} ", badge(feature.status));
    let title_width = width.saturating_sub(head.chars().count() + 1);
    let first = Line::from(vec![
        Span::styled(
            format!(" {} ", badge(feature.status)),
            theme.status(feature.status).patch(base),
        ),
        Span::styled(format!("{key} "), theme.dim.patch(base)),
        Span::styled(
            truncate(&feature.title, title_width),
            title_style.patch(base),
        ),
    ]);

    let mut details = vec![Span::styled("   ", base)];
    let mut detail = |text: String, style: Style| {
        details.push(Span::styled(text, style.patch(base)));
        details.push(Span::styled(" ", base));
    };
    if let Some(priority) = feature.priority {
        detail(priority.as_str().to_uppercase(), theme.warning);
    }
    if let Some(date) = feature.shipped.or(feature.target) {
        detail(theme.date(date, today), theme.dim);
    }
    if feature.status.is_open() && index.unmet(roadmap, feature.id).next().is_some() {
        detail("⛓deps".into(), theme.warning);
    }
    if index.blockers(roadmap, feature.id).next().is_some() {
        detail("⚑blocked".into(), theme.warning);
    }
    if feature.is_late(today) {
        detail("!late".into(), theme.error);
    }
    // By id, not `up_next()`: that searches the roadmap, per card.
    if roadmap.info.up_next == Some(feature.id) && feature.status == FeatureStatus::Planned {
        detail("▶next".into(), theme.active_card);
    }
    if feature.private {
        detail("◌private".into(), theme.dim);
    }
    if let Some(days) = feature.days_active(today) {
        detail(format!("{days}d"), theme.active_card);
    }
    [first, clip(Line::from(details), width)]
}

/// Cuts a line to `width` columns (the spans are short; the title was cut already).
fn clip(line: Line<'static>, width: usize) -> Line<'static> {
    let mut used = 0;
    let spans = line
        .spans
        .into_iter()
        .filter_map(|span| {
            let room = width.saturating_sub(used);
            if room == 0 {
                return None;
            }
            let content = truncate(&span.content, room);
            used += unicode_width::UnicodeWidthStr::width(content.as_str());
            Some(Span::styled(content, span.style))
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}
