//! The review screen: the step on the left, the history on the right.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Sparkline, Wrap};

use super::Theme;
use super::text::truncate;
use super::theme::badge;
use crate::app::keymap::Context;
use crate::app::state::ReviewView;
use crate::app::{Action, App};
use crate::domain::FeatureStatus;
use crate::domain::Transition;
use crate::domain::outcome::OutcomeResult;
use crate::domain::review::{ReviewStep, next_candidates, stats};
use crate::domain::text::count;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, view: &ReviewView, theme: &Theme) {
    // The keys a step names, as the keymap binds them (remapped ones too).
    let key_in = |context: Context, action: Action| {
        app.keymap
            .key_for_in(context, &action)
            .unwrap_or_else(|| "?".to_owned())
    };
    let k = |action: Action| key_in(Context::Review, action);
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let step = view.draft.step;
    let [main, side] =
        Layout::horizontal([Constraint::Min(40), Constraint::Length(34)]).areas(area);
    let title = format!(
        " {} review · step {}/{}: {} ",
        view.draft.kind,
        step.number(view.draft.kind),
        ReviewStep::steps(view.draft.kind).len(),
        step.title(view.draft.kind)
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.focus_border)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(main);
    frame.render_widget(block, main);
    let width = usize::from(inner.width);
    let date = |d: Option<chrono::NaiveDate>| d.map_or("—".to_owned(), |d| d.to_string());
    let row_style = |i: usize| {
        if i == view.selected {
            theme.selected
        } else {
            theme.text
        }
    };
    let mut lines: Vec<Line> = Vec::new();
    match step {
        ReviewStep::Phases => {
            let forecast = app.forecast.as_ref();
            let learned = crate::domain::outcome::learning(roadmap);
            for (i, phase) in roadmap.phases.iter().enumerate() {
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
                    theme.warning.patch(row_style(i))
                } else {
                    row_style(i)
                };
                lines.push(Line::styled(truncate(&text, width), style));
            }
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
                    k(Action::CompletePhase),
                    k(Action::CheckCriteria),
                    k(Action::NextStep)
                )
            } else {
                &format!("{}: next", k(Action::NextStep))
            };
            lines.push(Line::styled(hint.to_owned(), theme.key));
        }
        ReviewStep::ActiveFeature => match roadmap.slot_holder() {
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
                        date(f.target),
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
                        k(Action::Transition(Transition::Ship)),
                        k(Action::Transition(Transition::Submit)),
                        k(Action::AddBlocker),
                        k(Action::Transition(Transition::Pause)),
                        k(Action::NextStep)
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
                    format!("{}: on to the blockers", k(Action::NextStep)),
                    theme.key,
                ));
            }
        },
        ReviewStep::Outcomes => {
            let due = crate::domain::outcome::due_checks(roadmap, app.today, app.outcome_days);
            if due.is_empty() {
                lines.push(Line::styled("No outcome check is due.", theme.text));
            }
            for (i, (f, on)) in due.iter().enumerate() {
                let shipped = date(f.shipped);
                let text = format!("{} {} · shipped {shipped} · check due {on}", f.key, f.title);
                lines.push(Line::styled(truncate(&text, width), row_style(i)));
                let metric = format!("   metric: {}", f.metric.trim());
                lines.push(Line::styled(truncate(&metric, width), theme.dim));
                // Answered here: recorded when the review is.
                let answer = view.draft.outcomes.iter().find(|(k, _)| *k == f.key);
                if let Some((_, record)) = answer {
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
                    k(Action::RecordOutcome(OutcomeResult::Hit)),
                    k(Action::RecordOutcome(OutcomeResult::Partly)),
                    k(Action::RecordOutcome(OutcomeResult::Missed)),
                    k(Action::RecordOutcome(OutcomeResult::TooEarly)),
                    k(Action::NextStep)
                ),
                theme.key,
            ));
        }
        ReviewStep::Blockers => {
            let open: Vec<_> = roadmap.blockers.iter().filter(|b| b.blocks_now()).collect();
            if open.is_empty() {
                lines.push(Line::styled("No open blockers.", theme.text));
            }
            for (i, b) in open.iter().enumerate() {
                let feature = b
                    .feature
                    .and_then(|id| roadmap.feature(id))
                    .map_or("—".to_owned(), |f| f.key.to_string());
                let overdue = b.eta.is_some_and(|d| d < app.today);
                let text = format!(
                    "{feature:<5} waiting for {} · ETA {}{}",
                    b.waiting_for,
                    date(b.eta),
                    if overdue { " · overdue" } else { "" }
                );
                lines.push(Line::styled(
                    truncate(&text, width),
                    if overdue {
                        theme.warning.patch(row_style(i))
                    } else {
                        row_style(i)
                    },
                ));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(
                    "Resolved? {} · new ETA? {} · {}: next",
                    k(Action::ResolveBlockers),
                    k(Action::Snooze),
                    k(Action::NextStep)
                ),
                theme.key,
            ));
        }
        ReviewStep::NewItems => {
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
                    k(Action::Parking),
                    key_in(Context::Parking, Action::Parking),
                    k(Action::NextStep)
                ),
                theme.key,
            ));
        }
        ReviewStep::NextFeature => {
            let candidates = next_candidates(roadmap);
            if candidates.is_empty() {
                lines.push(Line::styled(
                    "No planned feature: add one to a phase, or promote one from the parking lot.",
                    theme.warning,
                ));
            }
            for (i, f) in candidates.iter().enumerate() {
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
                let waits: Vec<String> = roadmap
                    .unmet_dependencies(f.id)
                    .iter()
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
                    date(f.target)
                );
                let style = if waits.is_empty() {
                    row_style(i)
                } else {
                    theme.dim.patch(row_style(i))
                };
                lines.push(Line::styled(truncate(&text, width), style));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(
                    "Choose: {} · {}: next (asks for what the chosen one lacks)",
                    k(Action::Choose),
                    k(Action::NextStep)
                ),
                theme.key,
            ));
        }
        ReviewStep::Notes => {
            let summary = view.current().summary(roadmap);
            let [text, notes, help] = Layout::vertical([
                Constraint::Length(3),
                Constraint::Min(3),
                Constraint::Length(1),
            ])
            .areas(inner);
            frame.render_widget(
                Paragraph::new(Line::styled(summary, theme.dim)).wrap(Wrap { trim: true }),
                text,
            );
            let notes_block = Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(theme.border)
                .title(" notes ");
            let notes_inner = notes_block.inner(notes);
            frame.render_widget(notes_block, notes);
            frame.render_widget(&view.notes, notes_inner);
            frame.render_widget(
                Line::styled(
                    format!(
                        "{} saves the review · {} keeps it for later",
                        key_in(Context::ReviewNotes, Action::Submit),
                        key_in(Context::ReviewNotes, Action::Back)
                    ),
                    theme.key,
                ),
                help,
            );
            draw_stats(frame, side, app, theme);
            return;
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    draw_stats(frame, side, app, theme);
}

fn draw_stats(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(roadmap) = &app.roadmap else {
        return;
    };
    let s = stats(roadmap, app.today);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(" History ", theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [label, spark, facts] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Line::styled("shipped per week, last 12", theme.dim), label);
    frame.render_widget(
        Sparkline::default()
            .data(&s.shipped_per_week)
            .style(theme.bar_done),
        spark,
    );
    let active = roadmap
        .features
        .iter()
        .filter(|f| f.status == FeatureStatus::Shipped)
        .count();
    let lines = vec![
        Line::styled(
            format!(
                "{} shipped in 12 weeks",
                s.shipped_per_week.iter().sum::<u64>()
            ),
            theme.text,
        ),
        Line::styled(
            format!(
                "median {} active",
                s.median_days
                    .map_or("— days".to_owned(), |d| count(d, "day"))
            ),
            theme.text,
        ),
        Line::styled(
            format!(
                "{} since the last ship",
                s.days_since_last_ship
                    .map_or("— days".to_owned(), |d| count(d, "day"))
            ),
            theme.text,
        ),
        Line::styled(format!("{active} shipped in all"), theme.dim),
    ];
    frame.render_widget(Paragraph::new(lines), facts);
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
