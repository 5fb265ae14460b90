//! The review's steps, each drawn as the lines of its list (the notes
//! step, an editor, is drawn by `review::draw` itself).

use ratatui::text::Line;

use super::Theme;
use super::text::truncate;
use super::theme::badge;
use crate::app::keymap::Context;
use crate::app::state::ReviewView;
use crate::app::{Action, App};
use crate::domain::outcome::OutcomeResult;
use crate::domain::review::ReviewStep;
use crate::domain::text::count;
use crate::domain::{Roadmap, Transition};

/// What every step's lines are drawn from.
#[derive(Clone, Copy)]
pub(super) struct Step<'a> {
    pub app: &'a App,
    pub roadmap: &'a Roadmap,
    pub view: &'a ReviewView,
    pub theme: &'a Theme,
    /// The step's box.
    pub area: ratatui::layout::Rect,
}

/// The step after `here` by its title, as the hint to go on names it
/// (the steps differ by kind of review, so it is never written by hand).
fn onward(s: &Step, here: ReviewStep) -> String {
    let kind = s.view.draft.kind;
    here.next(kind).map_or("the end".to_owned(), |next| {
        format!("\"{}\"", next.title(kind))
    })
}

impl Step<'_> {
    /// Columns the step's box holds.
    fn width(&self) -> usize {
        usize::from(self.area.width)
    }

    /// The key bound to `action` in `context`, as the keymap binds it.
    fn key_in(&self, context: Context, action: Action) -> String {
        self.app.key_in(context, action)
    }

    /// A review key.
    fn k(&self, action: Action) -> String {
        self.key_in(Context::Review, action)
    }

    fn date(&self, d: Option<chrono::NaiveDate>) -> String {
        d.map_or("—".to_owned(), |d| d.to_string())
    }

    fn row_style(&self, i: usize) -> ratatui::style::Style {
        if i == self.view.selected {
            self.theme.selected
        } else {
            self.theme.text
        }
    }
}

/// Each phase (`phase_line`), the outcomes of the last month, the parked
/// ideas to decide on, and the step's keys.
pub(super) fn phases<'a>(s: &Step<'a>) -> Vec<Line<'a>> {
    let Step {
        app,
        roadmap,
        view,
        theme,
        ..
    } = *s;
    let width = s.width();
    let learned = crate::domain::outcome::learning(roadmap);
    let mut lines: Vec<Line<'a>> = (roadmap.phases.iter().enumerate())
        .map(|(i, phase)| phase_line(s, &learned, (i, phase)))
        .collect();
    let month: Vec<_> = learned
        .outcomes
        .iter()
        .filter(|l| l.date.is_some_and(|d| (app.today - d).num_days() < 31))
        .collect();
    if !month.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Outcomes checked in the last month:",
            theme.text,
        ));
        for l in month {
            lines.push(Line::styled(
                truncate(&format!("  {}", l.line()), width),
                theme.dim,
            ));
        }
    }
    // The month looks at the parking lot: what came due, and the
    // conditions to decide on.
    let decide = reconsider_lines(roadmap, app.today, width, theme);
    if !decide.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Parked ideas to decide on:", theme.text));
        lines.extend(decide);
    }
    lines.push(Line::raw(""));
    let hint = if view.draft.kind == crate::domain::ReviewKind::Quarterly {
        &format!(
            "Close a phase (its success criteria must be met): {} · criteria: {} · {}: next",
            s.k(Action::CompletePhase),
            s.k(Action::CheckCriteria),
            s.k(Action::NextStep)
        )
    } else {
        &format!("{}: next", s.k(Action::NextStep))
    };
    lines.push(Line::styled(hint.to_owned(), theme.key));
    lines
}

/// One phase's line in the review: progress, milestones, drift, outcomes.
fn phase_line<'a>(
    s: &Step<'a>,
    learned: &crate::domain::outcome::Learning,
    (i, phase): (usize, &crate::domain::Phase),
) -> Line<'a> {
    let Step {
        app,
        roadmap,
        theme,
        ..
    } = *s;
    let width = s.width();
    let forecast = app.forecast.as_ref();
    let progress = app.index.progress(phase.id);
    let milestones: Vec<_> = roadmap
        .milestones
        .iter()
        .filter(|m| m.phase == phase.id)
        .collect();
    let hit = milestones.iter().filter(|m| m.done.is_some()).count();
    let missed = milestones
        .iter()
        .filter(|m| m.done.is_none() && m.target.is_some_and(|t| t < app.today))
        .count();
    let drift = match forecast
        .and_then(|f| f.phases.get(&phase.id))
        .and_then(|f| f.slip_days)
    {
        Some(0) => " · on plan".to_owned(),
        Some(days) => format!(" · forecast {days:+} days vs plan"),
        None => String::new(),
    };
    // Beside the phase: did what it shipped work?
    let outcomes = learned
        .by_phase
        .iter()
        .find(|r| r.name == phase.name)
        .map_or(String::new(), |r| {
            format!(
                " · outcomes {}% hit ({} of {})",
                r.percent(),
                r.hit,
                r.answered()
            )
        });
    let text = format!(
        "{} [{}] · {}/{} shipped · milestones {hit} hit, {missed} missed{drift}{outcomes}",
        phase.name,
        phase.status.as_str().replace('_', " "),
        progress.shipped,
        progress.total
    );
    let style = if missed > 0 {
        theme.warning.patch(s.row_style(i))
    } else {
        s.row_style(i)
    };
    Line::styled(truncate(&text, width), style)
}

/// This week's ONE: how long, how late, its forecast, and what to do with it.
pub(super) fn active_feature<'a>(s: &Step<'a>) -> Vec<Line<'a>> {
    let Step {
        app,
        roadmap,
        theme,
        ..
    } = *s;
    let mut lines: Vec<Line<'a>> = Vec::new();
    match roadmap.slot_holder() {
        Some(f) => {
            let days = f.days_active(app.today).unwrap_or(0);
            lines.push(Line::styled(
                format!("{} {} {}", badge(f.status), f.key, f.title),
                theme.active_card,
            ));
            lines.push(Line::styled(
                format!(
                    "{} for {} · target {}{}",
                    f.status.phrase(),
                    count(days, "day"),
                    s.date(f.target),
                    if f.is_late(app.today) { " · late" } else { "" }
                ),
                theme.text,
            ));
            if !f.metric.is_empty() {
                lines.push(Line::styled(
                    format!("success metric: {}", f.metric),
                    theme.dim,
                ));
            }
            // At the measured pace, will it make its target?
            let forecast = app.forecast.as_ref().and_then(|fc| fc.window(f.id));
            if let (Some(window), Some(target)) = (forecast, f.target)
                && window.ship > target
            {
                let late = (window.ship - target).num_days();
                lines.push(Line::styled(
                    format!(
                        "forecast: ships {} at the measured pace, {} after its target",
                        window.ship,
                        count(late, "day")
                    ),
                    theme.warning,
                ));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(
                    "Shipped? {} · in review? {} · blocked? {} · paused? {} · still going? {}",
                    s.k(Action::Transition(Transition::Ship)),
                    s.k(Action::Transition(Transition::Submit)),
                    s.k(Action::AddBlocker),
                    s.k(Action::Transition(Transition::Pause)),
                    s.k(Action::NextStep)
                ),
                theme.key,
            ));
        }
        None => {
            let shipped = roadmap
                .features
                .iter()
                .filter(|f| f.shipped.is_some_and(|d| (app.today - d).num_days() < 7))
                .count();
            lines.push(Line::styled(
                format!("No feature holds the slot. {shipped} shipped this week."),
                theme.text,
            ));
            lines.push(Line::styled(
                format!(
                    "{}: on to {}",
                    s.k(Action::NextStep),
                    onward(s, ReviewStep::ActiveFeature)
                ),
                theme.key,
            ));
        }
    }
    lines
}

/// Did it work? The outcome checks due, and the answers given.
pub(super) fn outcomes<'a>(s: &Step<'a>) -> Vec<Line<'a>> {
    let Step {
        app,
        roadmap,
        view,
        theme,
        ..
    } = *s;
    let width = s.width();
    let mut lines: Vec<Line<'a>> = Vec::new();
    if view.rows.is_empty() {
        lines.push(Line::styled("No outcome check is due.", theme.text));
    }
    for (i, f) in (view.rows.iter())
        .map(|&at| &roadmap.features[at])
        .enumerate()
    {
        let outcome = roadmap.outcome_of(f.id);
        let on = s.date(crate::domain::outcome::check_date(
            f,
            outcome,
            app.outcome_days,
        ));
        let shipped = s.date(f.shipped);
        let text = format!("{} {} · shipped {shipped} · check due {on}", f.key, f.title);
        lines.push(Line::styled(truncate(&text, width), s.row_style(i)));
        let metric = format!("   metric: {}", f.metric.trim());
        lines.push(Line::styled(truncate(&metric, width), theme.dim));
        // Answered here: recorded when the review is.
        if let Some(record) = view.answer(f.key) {
            let value = if record.value.is_empty() {
                String::new()
            } else {
                format!(" — {}", record.value)
            };
            let text = format!(
                "   answered: {}{value} (recorded with the review)",
                record.result.phrase()
            );
            lines.push(Line::styled(truncate(&text, width), theme.info));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Did it work? {} hit · {} partly · {} missed · {} too early · {}: next",
            s.k(Action::RecordOutcome(OutcomeResult::Hit)),
            s.k(Action::RecordOutcome(OutcomeResult::Partly)),
            s.k(Action::RecordOutcome(OutcomeResult::Missed)),
            s.k(Action::RecordOutcome(OutcomeResult::TooEarly)),
            s.k(Action::NextStep)
        ),
        theme.key,
    ));
    lines
}

/// The open blockers, oldest ETA first.
pub(super) fn blockers<'a>(s: &Step<'a>) -> Vec<Line<'a>> {
    let Step {
        app,
        roadmap,
        theme,
        ..
    } = *s;
    let width = s.width();
    let mut lines: Vec<Line<'a>> = Vec::new();
    if s.view.rows.is_empty() {
        lines.push(Line::styled("No open blockers.", theme.text));
    }
    for (i, b) in (s.view.rows.iter())
        .map(|&at| &roadmap.blockers[at])
        .enumerate()
    {
        let feature = b
            .feature
            .and_then(|id| app.index.feature(roadmap, id))
            .map_or("—".to_owned(), |f| f.key.to_string());
        let overdue = b.eta.is_some_and(|d| d < app.today);
        let text = format!(
            "{feature:<5} waiting for {} · ETA {}{}",
            b.waiting_for,
            s.date(b.eta),
            if overdue { " · overdue" } else { "" }
        );
        lines.push(Line::styled(
            truncate(&text, width),
            if overdue {
                theme.warning.patch(s.row_style(i))
            } else {
                s.row_style(i)
            },
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Resolved? {} · new ETA? {} · {}: next",
            s.k(Action::ResolveBlocker),
            s.k(Action::SetBlockerEta),
            s.k(Action::NextStep)
        ),
        theme.key,
    ));
    lines
}

/// What came in since the last review: parked ideas and requests.
pub(super) fn new_items<'a>(s: &Step<'a>) -> Vec<Line<'a>> {
    let Step {
        app,
        roadmap,
        theme,
        ..
    } = *s;
    let width = s.width();
    let mut lines: Vec<Line<'a>> = Vec::new();
    let (since, parked, requests) = crate::domain::review::new_since_last_review(roadmap);
    let head = match since {
        Some(date) => format!("Since the last review ({date}):"),
        None => "No review yet:".to_owned(),
    };
    lines.push(Line::styled(
        format!(
            "{head} {}, {}.",
            count(parked.len() as i64, "parked feature"),
            count(requests.len() as i64, "new request")
        ),
        theme.text,
    ));
    for f in parked.iter().take(5) {
        lines.push(Line::styled(
            truncate(&format!("  parked {} {}", f.key, f.title), width),
            theme.dim,
        ));
    }
    for r in requests.iter().take(8) {
        lines.push(Line::styled(
            truncate(
                &format!(
                    "  {:<4} {} ({})",
                    r.priority.as_str(),
                    r.text,
                    r.demand_label()
                ),
                width,
            ),
            theme.dim,
        ));
    }
    lines.extend(reconsider_lines(roadmap, app.today, width, theme));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Triage in the parking lot: {} ({} comes back here) · {}: next",
            s.k(Action::Parking),
            s.key_in(Context::Parking, Action::Parking),
            s.k(Action::NextStep)
        ),
        theme.key,
    ));
    lines
}

/// Next week's ONE: the candidates, the chosen one.
pub(super) fn next_feature<'a>(s: &Step<'a>) -> Vec<Line<'a>> {
    let Step {
        roadmap,
        view,
        theme,
        ..
    } = *s;
    let width = s.width();
    let mut lines: Vec<Line<'a>> = Vec::new();
    let candidates = &view.rows;
    if candidates.is_empty() {
        lines.push(Line::styled(
            "No planned feature: add one to a phase, or promote one from the parking lot.",
            theme.warning,
        ));
    }
    // Thousands may be planned: only the rows on screen are written out,
    // scrolled so the selection shows (the last two lines are the keys).
    for i in super::review::candidates_window(s.area, view).range() {
        let f = &roadmap.features[candidates[i]];
        let chosen = if view.draft.chosen == Some(f.key) {
            "✓ "
        } else {
            "  "
        };
        let phase = f
            .phase
            .and_then(|p| roadmap.phase(p))
            .map_or("", |p| p.name.as_str());
        let priority = f
            .priority
            .map_or("  ".to_owned(), |p| p.as_str().to_uppercase());
        let waits: Vec<String> = (s.app.index)
            .unmet(roadmap, f.id)
            .map(|d| format!("{} ({})", d.key, d.status.phrase()))
            .collect();
        let why = if waits.is_empty() {
            String::new()
        } else {
            format!(" · waits on {}", waits.join(", "))
        };
        let text = format!(
            "{chosen}{priority} {} {} · {phase} · target {}{why}",
            f.key,
            f.title,
            s.date(f.target)
        );
        let style = if waits.is_empty() {
            s.row_style(i)
        } else {
            theme.dim.patch(s.row_style(i))
        };
        lines.push(Line::styled(truncate(&text, width), style));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Choose: {} · {}: next (asks for what the chosen one lacks)",
            s.k(Action::Choose),
            s.k(Action::NextStep)
        ),
        theme.key,
    ));
    lines
}

/// The parked ideas a review should decide on: those whose reconsider date
/// came (⟳), then those waiting on a condition, which no date makes due (?).
fn reconsider_lines(
    roadmap: &crate::domain::Roadmap,
    today: chrono::NaiveDate,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let due = roadmap
        .parked()
        .filter(|f| f.reconsider.is_some_and(|d| d <= today));
    let mut lines: Vec<Line<'static>> = due
        .take(5)
        .map(|f| {
            let since = f.reconsider.map_or(String::new(), |d| d.to_string());
            let text = format!("  ⟳ {} {}: reconsider now (due {since})", f.key, f.title);
            Line::styled(truncate(&text, width), theme.warning)
        })
        .collect();
    let waiting = roadmap
        .parked()
        .filter(|f| !f.reconsider_when.is_empty() && f.reconsider.is_none_or(|d| d > today));
    for f in waiting.take(5) {
        let condition = f.reconsider_when.trim_start_matches("when ");
        let text = format!(
            "  ? {} {}: when {condition} (has it happened?)",
            f.key, f.title
        );
        lines.push(Line::styled(truncate(&text, width), theme.dim));
    }
    lines
}
