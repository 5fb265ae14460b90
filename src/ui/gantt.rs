//! The Gantt pane: phases and features as bars over time, milestones as
//! diamonds, a today line, the forecast beside the plan. Each row is one
//! line: the plan fills the upper half of a cell (▀), the forecast the
//! lower half (▄), both the whole cell (█). Only the rows on screen are
//! laid out.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::Theme;
use super::text::truncate;
use super::theme::badge;
use crate::app::App;
use crate::app::state::GanttRow;
use crate::domain::schedule::{Forecast, shift};
use crate::domain::text::count;
use crate::domain::*;

/// What a row draws over the timeline.
struct Bars {
    plan: Option<(NaiveDate, NaiveDate)>,
    forecast: Option<(NaiveDate, NaiveDate)>,
    /// Single days marked with a glyph (milestones, foundation targets).
    marks: Vec<(NaiveDate, &'static str)>,
    style: Style,
}

/// An open feature's target date.
const TARGET: &str = "◎";

/// Glyphs for the bars, block characters or ASCII.
struct Glyphs {
    plan: &'static str,
    forecast: &'static str,
    both: &'static str,
    today: &'static str,
}

const BLOCKS: Glyphs = Glyphs {
    plan: "▀",
    forecast: "▄",
    both: "█",
    today: "│",
};
const ASCII: Glyphs = Glyphs {
    plan: "=",
    forecast: "-",
    both: "#",
    today: "|",
};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, full: bool) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let view = &app.gantt;
    let glyphs = if theme.ascii { &ASCII } else { &BLOCKS };
    let forecast = app.forecast.as_ref();
    let velocity = forecast.map_or(app.default_velocity, |f| f.velocity.days);
    // Rows below the pane and the legend share the bottom border, so a
    // narrow pane cuts neither them nor the title (the border and the axis
    // line take three lines).
    let fits = usize::from(area.height.saturating_sub(3)).max(1);
    let first = app
        .gantt_row()
        .unwrap_or(0)
        .saturating_sub(fits.saturating_sub(1));
    let below = app.gantt_rows.len().saturating_sub(first + fits);
    let border = if full {
        theme.focus_border
    } else {
        theme.border
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(border)
        .title(Span::styled(title(app, velocity), theme.title))
        .title_bottom(Line::styled(legend(glyphs, theme, below), theme.dim).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 12 {
        return;
    }
    let label_width = (inner.width / 3).clamp(10, 34);
    let timeline = Rect {
        x: inner.x + label_width,
        width: inner.width - label_width,
        ..inner
    };
    let buffer = frame.buffer_mut();

    axis(buffer, timeline, inner.y, app, theme);
    let today_column = view.zoom.column(view.start, app.today);

    // Rows under the axis, from `first`: the selected card kept in view.
    let context = RowContext {
        roadmap,
        index: &app.index,
        forecast,
        today: app.today,
        velocity,
        theme,
    };
    for (line, row) in app.gantt_rows.iter().skip(first).take(fits).enumerate() {
        let y = inner.y + 1 + line as u16;
        let (label, label_style, bars) = describe(*row, &context);
        let selected =
            matches!(row, GanttRow::Feature(i) if Some(roadmap.features[*i].key) == app.selected);
        let label_style = if selected {
            label_style.patch(theme.selected)
        } else {
            label_style
        };
        let room = usize::from(label_width - 1);
        buffer.set_stringn(inner.x, y, truncate(&label, room), room, label_style);
        draw_bars(
            buffer,
            timeline,
            y,
            view.zoom,
            view.start,
            &bars,
            today_column,
            glyphs,
            theme,
        );
    }
}

/// The dates along the top of the timeline, at row `y`.
fn axis(buffer: &mut Buffer, timeline: Rect, y: u16, app: &App, theme: &Theme) {
    let view = &app.gantt;
    for (column, text) in view.zoom.labels(view.start, usize::from(timeline.width)) {
        let x = timeline.x + column as u16;
        if x < timeline.right() {
            let room = usize::from(timeline.right() - x);
            buffer.set_stringn(x, y, &text, room, theme.dim);
        }
    }
}

/// The zoom and the velocity the forecast uses (and where it comes from).
fn title(app: &App, velocity: i64) -> String {
    let measured = app.forecast.as_ref().map_or(String::new(), |f| {
        if f.velocity.measured_on == 0 {
            " (default)".into()
        } else {
            format!(" (median of {})", f.velocity.measured_on)
        }
    });
    let zoom = app.gantt.zoom.name();
    format!(
        " Gantt · {zoom} · velocity {}{measured} ",
        count(velocity, "day")
    )
}

/// What the marks mean, after how many rows are below the pane.
fn legend(glyphs: &Glyphs, theme: &Theme, below: usize) -> String {
    let more = if below > 0 {
        format!("↓{below} · ")
    } else {
        String::new()
    };
    // ASCII draws every mark as `*`.
    let marks = if theme.ascii {
        "* milestone or target".to_owned()
    } else {
        format!("◆ milestone ◇ reached {TARGET} target")
    };
    format!(
        " {more}{} planned or done {} forecast {marks} ",
        glyphs.plan, glyphs.forecast
    )
}

/// What every row's description reads.
struct RowContext<'a> {
    roadmap: &'a Roadmap,
    index: &'a crate::domain::RoadmapIndex,
    forecast: Option<&'a Forecast>,
    today: NaiveDate,
    velocity: i64,
    theme: &'a Theme,
}

/// The label, its style and the bars of one row.
fn describe(row: GanttRow, c: &RowContext) -> (String, Style, Bars) {
    match row {
        GanttRow::Phase(index) => phase_row(&c.roadmap.phases[index], c),
        GanttRow::Feature(index) => feature_row(&c.roadmap.features[index], c),
        GanttRow::Group(name) => (
            name.to_owned(),
            c.theme.title,
            Bars {
                plan: None,
                forecast: None,
                marks: Vec::new(),
                style: c.theme.dim,
            },
        ),
        GanttRow::Foundation(index) => foundation_row(&c.roadmap.foundations[index], c),
    }
}

/// A phase: planned and forecast spans, its milestones; late or overrun.
fn phase_row(phase: &Phase, c: &RowContext) -> (String, Style, Bars) {
    let phase_forecast = c.forecast.and_then(|f| f.phases.get(&phase.id));
    let late = phase.end.is_some_and(|end| end < c.today) && phase.status != PhaseStatus::Complete;
    let overrun = match (phase.end, phase_forecast) {
        (Some(end), Some(f)) => f.end > end,
        _ => false,
    } || c
        .roadmap
        .features_in(phase.id)
        .any(|f| f.status.is_open() && f.target.zip(phase.end).is_some_and(|(t, e)| t > e));
    let mut label = phase.name.clone();
    if late {
        label.push_str(" !late");
    }
    if overrun {
        label.push_str(" »overrun");
    }
    let marks = c
        .roadmap
        .milestones
        .iter()
        .filter(|m| m.phase == phase.id)
        .filter_map(|m| {
            Some((
                m.target.or(m.done)?,
                if m.done.is_some() { "◇" } else { "◆" },
            ))
        })
        .collect();
    let forecast_bar = phase_forecast.map(|f| (phase.start.unwrap_or(c.today).min(f.end), f.end));
    let style = if late || overrun {
        c.theme.warning.patch(c.theme.title)
    } else {
        c.theme.title
    };
    let bars = Bars {
        plan: phase.start.zip(phase.end),
        forecast: forecast_bar,
        marks,
        style: c.theme.title,
    };
    (label, style, bars)
}

/// A feature: its span by status, its forecast window, its target;
/// late, or scheduled before what it depends on is due.
fn feature_row(f: &Feature, c: &RowContext) -> (String, Style, Bars) {
    let plan = match f.status {
        FeatureStatus::Shipped => f.shipped.map(|s| (f.started.unwrap_or(s), s)),
        FeatureStatus::Active | FeatureStatus::InReview => f.started.map(|s| (s, c.today.max(s))),
        FeatureStatus::Planned => f.target.map(|t| (shift(t, -c.velocity), t)),
        FeatureStatus::Parked | FeatureStatus::Dropped => None,
    };
    let window = c
        .forecast
        .and_then(|fc| fc.window(f.id))
        .map(|w| (w.start, w.ship));
    // Scheduled to start before something it depends on is due.
    let start = plan.or(window).map(|(s, _)| s);
    let dependency_clash = start.is_some_and(|start| {
        (c.index.needs(c.roadmap, f.id))
            .any(|d| d.shipped.or(d.target).is_some_and(|due| due > start))
    }) && f.status.is_open();
    let mut label = format!("  {} {} {}", badge(f.status), f.key, f.title);
    if f.is_late(c.today) {
        label.push_str(" !late");
    }
    if dependency_clash {
        label.push_str(" ⛓!");
    }
    let style = if f.is_late(c.today) || dependency_clash {
        c.theme.warning
    } else if f.status.holds_slot() {
        c.theme.active_card
    } else {
        c.theme.text
    };
    (
        label,
        style,
        Bars {
            plan,
            forecast: window,
            // Where an open feature is due, against its bars.
            marks: f
                .target
                .filter(|_| f.status.is_open())
                .map(|t| (t, TARGET))
                .into_iter()
                .collect(),
            style: c.theme.status(f.status),
        },
    )
}

/// A foundation item: in progress to its target, or a mark on it.
fn foundation_row(item: &FoundationItem, c: &RowContext) -> (String, Style, Bars) {
    let (plan, mark) = match item.status {
        FoundationStatus::InProgress => (item.target.map(|t| (c.today.min(t), t)), None),
        FoundationStatus::NotStarted => (None, item.target.map(|t| (t, "▪"))),
        FoundationStatus::Done => (None, item.target.map(|t| (t, "✓"))),
    };
    let late = item.status != FoundationStatus::Done && item.target.is_some_and(|t| t < c.today);
    let label = format!("  {}{}", item.what, if late { " !late" } else { "" });
    (
        label,
        if late { c.theme.warning } else { c.theme.text },
        Bars {
            plan,
            forecast: None,
            marks: mark.into_iter().collect(),
            style: c.theme.statuses[1],
        },
    )
}

#[allow(clippy::too_many_arguments)]
fn draw_bars(
    buffer: &mut Buffer,
    area: Rect,
    y: u16,
    zoom: crate::domain::schedule::Zoom,
    start: NaiveDate,
    bars: &Bars,
    today_column: i64,
    glyphs: &Glyphs,
    theme: &Theme,
) {
    let columns = |range: Option<(NaiveDate, NaiveDate)>| {
        range.map(|(from, to)| (zoom.column(start, from), zoom.column(start, to.max(from))))
    };
    let plan = columns(bars.plan);
    let forecast = columns(bars.forecast);
    let inside = |range: Option<(i64, i64)>, c: i64| range.is_some_and(|(a, b)| a <= c && c <= b);
    for offset in 0..area.width {
        let column = i64::from(offset);
        let x = area.x + offset;
        let (symbol, style) = match (inside(plan, column), inside(forecast, column)) {
            (true, true) => (glyphs.both, bars.style),
            (true, false) => (glyphs.plan, bars.style),
            (false, true) => (glyphs.forecast, theme.dim),
            (false, false) if column == today_column => (glyphs.today, theme.warning),
            (false, false) => continue,
        };
        let style = if column == today_column {
            style.patch(theme.warning)
        } else {
            style
        };
        buffer.set_string(x, y, symbol, style);
    }
    for (date, glyph) in &bars.marks {
        let column = zoom.column(start, *date);
        if (0..i64::from(area.width)).contains(&column) {
            let glyph = if glyphs.today == "|" { "*" } else { glyph };
            buffer.set_string(area.x + column as u16, y, glyph, theme.warning);
        }
    }
}
