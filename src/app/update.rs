//! `update`: the board's behaviour, as a pure function of the state and an
//! action. It returns effects for the runner and never does I/O itself.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use super::action::Action;
use super::effect::{Effect, Outcome, UndoKind, Write};
use super::state::*;
use crate::domain::RequestPriority;
use crate::domain::ReviewKind;
use crate::domain::dates::parse_optional_date;
use crate::domain::machine::{self, Context as RuleContext, Refusal};
use crate::domain::schedule::shift;
use crate::domain::*;
use crate::store::{FeatureFields, NewFeature, PhaseFields};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Done(outcome) => {
            finish(app, *outcome);
            return Vec::new();
        }
        Action::Reloaded(outcome) => {
            if outcome.roadmap.is_some() {
                app.set_roadmap(outcome.roadmap);
                if matches!(app.mode, Mode::FirstRun) {
                    app.mode = Mode::Board;
                }
            }
            return Vec::new();
        }
        Action::Quit => {
            app.should_quit = true;
            return vec![Effect::Quit];
        }
        Action::ReviewOpened(draft) => {
            if app.roadmap.is_some() {
                let resumed = draft.step != crate::domain::review::ReviewStep::ActiveFeature
                    || !draft.notes.is_empty();
                let kind = draft.kind;
                app.review = Some(ReviewView::new(*draft));
                app.in_parking = false;
                app.mode = Mode::Review;
                if resumed {
                    app.info(format!("{kind} review resumed where you left it"));
                }
            }
            return Vec::new();
        }
        Action::LogLoaded(entries) => {
            if let Some(roadmap) = &app.roadmap {
                app.log = Some(LogView::new(&entries, roadmap));
                app.mode = Mode::Log;
            }
            return Vec::new();
        }
        _ => {}
    }
    let mode = std::mem::replace(&mut app.mode, Mode::Board);
    match mode {
        Mode::Board => {
            app.mode = Mode::Board;
            board(app, action)
        }
        Mode::Detail(key) => {
            app.mode = Mode::Detail(key);
            match action {
                Action::Back => {
                    app.mode = app.home();
                    Vec::new()
                }
                other => board(app, other),
            }
        }
        Mode::Help { scroll } => {
            app.mode = match action {
                Action::Back | Action::Help => Mode::Board,
                Action::Down => Mode::Help {
                    scroll: scroll.saturating_add(1),
                },
                Action::Up => Mode::Help {
                    scroll: scroll.saturating_sub(1),
                },
                _ => Mode::Help { scroll },
            };
            Vec::new()
        }
        Mode::Prompt(prompt) => prompt_update(app, *prompt, action),
        Mode::Picker(picker) => picker_update(app, *picker, action),
        Mode::Form(form) => form_update(app, *form, action),
        Mode::Gantt => {
            app.mode = Mode::Gantt;
            gantt(app, action)
        }
        Mode::Parking => {
            app.mode = Mode::Parking;
            parking(app, action)
        }
        Mode::Log => {
            app.mode = Mode::Log;
            log_view(app, action);
            Vec::new()
        }
        Mode::Review => {
            app.mode = Mode::Review;
            review(app, action)
        }
        Mode::Tracks => {
            app.mode = Mode::Tracks;
            tracks(app, action)
        }
        Mode::FirstRun => {
            app.mode = Mode::FirstRun;
            match action {
                Action::StartEmpty => {
                    app.mode = Mode::Prompt(Box::new(Prompt::new(
                        "Name of the new roadmap",
                        PromptIntent::RoadmapName,
                    )));
                    Vec::new()
                }
                Action::LoadExample => vec![Effect::write(Write::LoadExample)],
                _ => Vec::new(),
            }
        }
    }
}

/// Takes a write's outcome: the new snapshot, the message, the undo stacks.
fn finish(app: &mut App, outcome: Outcome) {
    if outcome.roadmap.is_some() {
        let first = app.roadmap.is_none();
        app.set_roadmap(outcome.roadmap);
        if matches!(app.mode, Mode::FirstRun) {
            app.mode = Mode::Board;
        }
        if let Some(active) = app
            .roadmap
            .as_ref()
            .and_then(Roadmap::slot_holder)
            .filter(|_| first)
        {
            let key = active.key;
            app.select_key(key);
        }
    }
    match outcome.message {
        Ok(text) => {
            app.info(text);
            match outcome.undo_kind {
                Some(UndoKind::Undid(original)) => app.redo_stack.push(original),
                Some(UndoKind::Redid(original)) => app.undo_stack.push(original),
                None => {
                    if let Some(entry) = outcome.entry {
                        app.undo_stack.push(entry);
                        app.redo_stack.clear();
                    }
                }
            }
        }
        Err(text) => app.error(text),
    }
    if let Some(key) = outcome.select {
        app.select_key(key);
    }
}

fn board(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(roadmap) = app.roadmap.as_ref() else {
        return Vec::new();
    };
    let columns = app.layout.columns.len();
    let selected = app.selected_feature().cloned();
    match action {
        Action::Left | Action::Right => {
            if columns == 0 {
                return Vec::new();
            }
            let row = app.selected_row();
            app.column = if action == Action::Left {
                app.column.saturating_sub(1)
            } else {
                (app.column + 1).min(columns - 1)
            };
            app.selected = app.card_at(app.column, row);
        }
        Action::Up | Action::Down | Action::Top | Action::Bottom => {
            let len = app.layout.columns.get(app.column).map_or(0, Vec::len);
            let row = app.selected_row();
            let row = match action {
                Action::Up => row.saturating_sub(1),
                Action::Down => (row + 1).min(len.saturating_sub(1)),
                Action::Top => 0,
                _ => len.saturating_sub(1),
            };
            app.selected = app.card_at(app.column, row);
        }
        Action::MoveCardLeft | Action::MoveCardRight => {
            let Some(feature) = selected else {
                return nothing_selected(app);
            };
            let target = if action == Action::MoveCardLeft {
                app.column.checked_sub(1)
            } else {
                Some(app.column + 1).filter(|&c| c < columns)
            };
            let Some(phase) = target.and_then(|c| roadmap.phases.get(c)) else {
                app.info("no phase that way");
                return Vec::new();
            };
            return vec![Effect::write(Write::MoveToPhase {
                key: feature.key,
                phase: phase.id,
            })];
        }
        Action::MoveCardUp | Action::MoveCardDown => {
            let Some(feature) = selected else {
                return nothing_selected(app);
            };
            return vec![Effect::write(Write::Reorder {
                key: feature.key,
                later: action == Action::MoveCardDown,
            })];
        }
        Action::Open => match selected {
            Some(feature) => app.mode = Mode::Detail(feature.key),
            None => return nothing_selected(app),
        },
        Action::Back => {}
        Action::NewFeature => {
            let Some(phase) = app.focused_phase() else {
                app.error("add a phase first (N)");
                return Vec::new();
            };
            let title = format!("New feature in \"{}\"", phase.name);
            let kind = FormKind::Feature {
                key: None,
                phase: Some(phase.id),
            };
            app.mode = Mode::Form(Box::new(feature_form(title, kind, None)));
        }
        Action::EditFeature => {
            let Some(feature) = selected else {
                return nothing_selected(app);
            };
            let kind = FormKind::Feature {
                key: Some(feature.key),
                phase: feature.phase,
            };
            let title = format!("Edit {}", feature.label());
            app.mode = Mode::Form(Box::new(feature_form(title, kind, Some(&feature))));
        }
        Action::NewPhase => {
            app.mode = Mode::Form(Box::new(phase_form("New phase".into(), None)));
        }
        Action::EditPhase => {
            let Some(phase) = app.focused_phase().cloned() else {
                app.error("no phase yet: add one with N");
                return Vec::new();
            };
            app.mode = Mode::Form(Box::new(phase_form(
                format!("Edit phase \"{}\"", phase.name),
                Some(&phase),
            )));
        }
        Action::AddMilestone => {
            let Some(phase) = app.focused_phase() else {
                app.error("no phase yet: add one with N");
                return Vec::new();
            };
            let title = format!(
                "Milestone for \"{}\" (text, then ` - ` and a target date)",
                phase.name
            );
            let intent = PromptIntent::Milestone { phase: phase.id };
            app.mode = Mode::Prompt(Box::new(Prompt::new(title, intent)));
        }
        Action::CheckMilestone => {
            let Some(phase) = app.focused_phase() else {
                app.error("no phase yet: add one with N");
                return Vec::new();
            };
            let items: Vec<PickItem> = roadmap
                .milestones
                .iter()
                .filter(|m| m.phase == phase.id)
                .map(|m| PickItem {
                    label: format!(
                        "{}{}",
                        m.text,
                        m.target.map(|d| format!("  ({d})")).unwrap_or_default()
                    ),
                    value: PickValue::Milestone(m.id, m.done.is_some()),
                    marked: m.done.is_some(),
                })
                .collect();
            if items.is_empty() {
                app.info(format!(
                    "\"{}\" has no milestones: add one with m",
                    phase.name
                ));
                return Vec::new();
            }
            let title = format!(
                "Milestones of \"{}\": Enter checks off or reopens",
                phase.name
            );
            open_picker(app, title, PickerPurpose::Milestones, items);
        }
        Action::Transition(transition) => {
            let Some(feature) = selected else {
                return nothing_selected(app);
            };
            return transition_flow(app, &feature, transition);
        }
        Action::EditDependencies => {
            let Some(feature) = selected else {
                return nothing_selected(app);
            };
            let current: Vec<FeatureId> = roadmap
                .dependencies
                .iter()
                .filter(|d| d.feature == feature.id)
                .map(|d| d.depends_on)
                .collect();
            let items = roadmap
                .features
                .iter()
                .filter(|f| f.id != feature.id)
                .map(|f| PickItem {
                    label: format!("{} {}  [{}]", f.key, f.title, f.status.phrase()),
                    value: PickValue::Feature(f.key),
                    marked: current.contains(&f.id),
                })
                .collect();
            let title = format!("{} depends on… (Enter adds or removes)", feature.key);
            open_picker(
                app,
                title,
                PickerPurpose::Dependencies { key: feature.key },
                items,
            );
        }
        Action::AddBlocker => {
            let Some(feature) = selected else {
                return nothing_selected(app);
            };
            let title = format!(
                "{} is waiting for… (add ` - ` and an ETA date if known)",
                feature.key
            );
            app.mode = Mode::Prompt(Box::new(Prompt::new(
                title,
                PromptIntent::Blocker { key: feature.key },
            )));
        }
        Action::ResolveBlockers => {
            let Some(feature) = selected else {
                return nothing_selected(app);
            };
            return vec![Effect::write(Write::ResolveBlockers { key: feature.key })];
        }
        Action::Search => {
            let items = roadmap
                .features
                .iter()
                .map(|f| PickItem {
                    label: format!("{} {}  [{}]", f.key, f.title, f.status.phrase()),
                    value: PickValue::Feature(f.key),
                    marked: false,
                })
                .collect();
            open_picker(app, "Search features".into(), PickerPurpose::Search, items);
        }
        Action::Filter => {
            let mut items = vec![PickItem {
                label: "everything (no filter)".into(),
                value: PickValue::Filter(Filter::default()),
                marked: app.filter == Filter::default(),
            }];
            for &status in FeatureStatus::ALL {
                let filter = Filter {
                    status: Some(status),
                    priority: None,
                };
                items.push(PickItem {
                    label: format!("status: {}", status.phrase()),
                    value: PickValue::Filter(filter),
                    marked: app.filter == filter,
                });
            }
            for &priority in Priority::ALL {
                let filter = Filter {
                    status: None,
                    priority: Some(priority),
                };
                items.push(PickItem {
                    label: format!("priority: {}", priority.as_str().to_uppercase()),
                    value: PickValue::Filter(filter),
                    marked: app.filter == filter,
                });
            }
            open_picker(app, "Filter the board".into(), PickerPurpose::Filter, items);
        }
        Action::Palette => {
            let items = app
                .keymap
                .palette()
                .into_iter()
                .map(|(action, key, help)| PickItem {
                    label: if key.is_empty() {
                        format!("{}: {help}", action.name())
                    } else {
                        format!("{}: {help}  ({key})", action.name())
                    },
                    value: PickValue::Action(action),
                    marked: false,
                })
                .collect();
            open_picker(app, "Command".into(), PickerPurpose::Palette, items);
        }
        Action::Undo => match app.undo_stack.pop() {
            Some(entry) => return vec![Effect::write(Write::Undo { entry })],
            None => app.info("nothing to undo in this session"),
        },
        Action::Redo => match app.redo_stack.pop() {
            Some(entry) => return vec![Effect::write(Write::Redo { entry })],
            None => app.info("nothing to redo"),
        },
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::Select(column, key) => {
            app.column = column;
            app.selected = Some(key);
        }
        Action::Parking => {
            app.in_parking = true;
            app.mode = Mode::Parking;
        }
        Action::Log => return vec![Effect::LoadLog],
        Action::Tracks => {
            app.in_tracks = true;
            app.mode = Mode::Tracks;
        }
        // W runs the review that is due: the monthly one on its Friday.
        Action::Review => {
            return vec![Effect::OpenReview(
                app.review_due().unwrap_or(ReviewKind::Weekly),
            )];
        }
        Action::MonthlyReview => return vec![Effect::OpenReview(ReviewKind::Monthly)],
        Action::QuarterlyReview => return vec![Effect::OpenReview(ReviewKind::Quarterly)],
        Action::Capture => {
            app.mode = Mode::Prompt(Box::new(Prompt::new(
                "Capture an idea for the parking lot",
                PromptIntent::Capture,
            )));
        }
        Action::Import | Action::Export => {
            let (title, intent) = if action == Action::Import {
                (
                    "Import which document? (a path to .md or .json)",
                    PromptIntent::ImportPath,
                )
            } else {
                (
                    "Export the Markdown to which file?",
                    PromptIntent::ExportPath,
                )
            };
            app.mode = Mode::Prompt(Box::new(Prompt::new(title, intent)));
        }
        Action::ToggleGantt => {
            app.gantt.placement = match app.gantt.placement {
                GanttPlacement::Hidden => GanttPlacement::Split,
                GanttPlacement::Split => GanttPlacement::Hidden,
            };
        }
        Action::FullGantt => app.mode = Mode::Gantt,
        Action::GrowGantt | Action::ShrinkGantt => {
            if app.gantt.placement == GanttPlacement::Hidden {
                app.gantt.placement = GanttPlacement::Split;
            }
            let step: i16 = if action == Action::GrowGantt { 10 } else { -10 };
            app.gantt.split = (app.gantt.split as i16 + step).clamp(20, 80) as u16;
        }
        Action::ZoomIn
        | Action::ZoomOut
        | Action::ScrollEarlier
        | Action::ScrollLater
        | Action::GanttToday
        | Action::ToggleClosed => {
            timeline(app, action);
        }
        _ => {}
    }
    Vec::new()
}

/// Zoom, scroll and the closed-rows toggle, the same in both placements.
fn timeline(app: &mut App, action: Action) {
    if !matches!(app.mode, Mode::Gantt) && app.gantt.placement == GanttPlacement::Hidden {
        app.info("the Gantt pane is closed: g opens it");
        return;
    }
    let view = &mut app.gantt;
    // Keep the middle of the view on the same date when zooming.
    const HALF_VIEW: i64 = 40;
    match action {
        Action::ZoomIn | Action::ZoomOut => {
            let middle = view.zoom.date_at(view.start, HALF_VIEW);
            view.zoom = if action == Action::ZoomIn {
                view.zoom.in_()
            } else {
                view.zoom.out()
            };
            view.start = shift(middle, -view.zoom.days_in(HALF_VIEW));
            let zoom = view.zoom.name();
            app.info(format!("zoom: {zoom}"));
        }
        Action::ScrollEarlier => view.start = shift(view.start, -view.zoom.days_in(20)),
        Action::ScrollLater => view.start = shift(view.start, view.zoom.days_in(20)),
        Action::GanttToday => view.start = GanttView::start_near(view.zoom, app.today),
        Action::ToggleClosed => {
            view.show_closed = !view.show_closed;
            let shown = view.show_closed;
            app.relayout();
            app.info(if shown {
                "Gantt: parked and dropped shown"
            } else {
                "Gantt: parked and dropped hidden"
            });
        }
        _ => {}
    }
}

/// The Gantt full screen: rows move the board's selection too.
fn gantt(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::FullGantt | Action::Back => app.mode = Mode::Board,
        Action::Up | Action::Down => {
            let Some(roadmap) = &app.roadmap else {
                return Vec::new();
            };
            let current = app.gantt_row();
            let features = app
                .gantt_rows
                .iter()
                .enumerate()
                .filter_map(|(row, r)| match r {
                    GanttRow::Feature(i) => Some((row, roadmap.features[*i].key)),
                    _ => None,
                });
            let next = if action == Action::Down {
                features
                    .clone()
                    .find(|(row, _)| current.is_none_or(|c| *row > c))
            } else {
                features
                    .rev()
                    .find(|(row, _)| current.is_none_or(|c| *row < c))
            };
            if let Some((_, key)) = next {
                app.selected = Some(key);
                if let Some((column, _)) = app.locate(key) {
                    app.column = column;
                }
            }
        }
        Action::Open => match app.selected {
            Some(key) => app.mode = Mode::Detail(key),
            None => return nothing_selected(app),
        },
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        other => timeline(app, other),
    }
    Vec::new()
}

fn nothing_selected(app: &mut App) -> Vec<Effect> {
    app.info("no card selected");
    Vec::new()
}

/// Starts a transition: asks what the method asks (why, when, an override
/// reason) or sends it to the store, which decides on fresh rows.
fn transition_flow(app: &mut App, feature: &Feature, transition: Transition) -> Vec<Effect> {
    let key = feature.key;
    let Some(roadmap) = &app.roadmap else {
        return Vec::new();
    };
    let unmet: Vec<Feature> = roadmap
        .unmet_dependencies(feature.id)
        .into_iter()
        .cloned()
        .collect();
    let phase = (transition == Transition::Promote)
        .then(|| app.focused_phase().map(|p| p.id))
        .flatten();
    // Ask the rules first, on the snapshot, so a refusal shows at once and
    // a question is only asked when the answer can be used.
    let probe = TransitionArgs {
        reason: Some("?".into()),
        phase: phase.or(Some(PhaseId(0))),
        reconsider: None,
        override_reason: None,
    };
    let verdict = machine::apply(
        feature,
        transition,
        &probe,
        RuleContext {
            slot_holder: roadmap.slot_holder(),
            unmet_dependencies: &unmet,
            today: app.today,
        },
    );
    let prompt = |title: String, intent| Mode::Prompt(Box::new(Prompt::new(title, intent)));
    match verdict {
        Err(Refusal::UnmetDependencies { .. }) => {
            let keys: Vec<String> = unmet.iter().map(|f| f.key.to_string()).collect();
            app.mode = prompt(
                format!(
                    "{key} waits on {} (not shipped). Override reason to {transition} anyway (Esc cancels)",
                    keys.join(", ")
                ),
                PromptIntent::Override { key, transition },
            );
            Vec::new()
        }
        Err(refusal) => {
            app.error(refusal.to_string());
            Vec::new()
        }
        Ok(_) => match transition {
            Transition::Pause | Transition::Drop => {
                app.mode = prompt(
                    format!("Why {transition} {}?", feature.label()),
                    PromptIntent::Reason { key, transition },
                );
                Vec::new()
            }
            Transition::Defer => {
                app.mode = prompt(
                    format!("Why defer {}?", feature.label()),
                    PromptIntent::DeferWhy { key },
                );
                Vec::new()
            }
            Transition::Promote if phase.is_none() => {
                app.error("choose a phase column first");
                Vec::new()
            }
            _ => vec![Effect::write(Write::Transition {
                key,
                transition,
                args: TransitionArgs {
                    phase,
                    ..TransitionArgs::default()
                },
            })],
        },
    }
}

fn prompt_update(app: &mut App, mut prompt: Prompt, action: Action) -> Vec<Effect> {
    match action {
        Action::Back => {
            app.mode = app.home();
            app.info("cancelled");
            Vec::new()
        }
        Action::Input(key) => {
            prompt.input.input(key.0);
            prompt.error = None;
            app.mode = Mode::Prompt(Box::new(prompt));
            Vec::new()
        }
        Action::Submit => {
            let text = prompt.text();
            let today = app.today;
            let write = match &prompt.intent {
                PromptIntent::Reason { key, transition }
                | PromptIntent::Override { key, transition } => {
                    if text.is_empty() {
                        prompt.error = Some("a reason is needed (Esc cancels)".into());
                        app.mode = Mode::Prompt(Box::new(prompt));
                        return Vec::new();
                    }
                    let override_deps = matches!(prompt.intent, PromptIntent::Override { .. });
                    Write::Transition {
                        key: *key,
                        transition: *transition,
                        args: TransitionArgs {
                            reason: (!override_deps).then(|| text.clone()),
                            override_reason: override_deps.then_some(text),
                            ..TransitionArgs::default()
                        },
                    }
                }
                PromptIntent::DeferWhy { key } => {
                    if text.is_empty() {
                        prompt.error = Some("say why it waits (Esc cancels)".into());
                        app.mode = Mode::Prompt(Box::new(prompt));
                        return Vec::new();
                    }
                    let key = *key;
                    app.mode = Mode::Prompt(Box::new(Prompt::new(
                        format!(
                            "Reconsider {key} when? (a date like +4w or 2027-03-01; empty for no date)"
                        ),
                        PromptIntent::DeferWhen { key, why: text },
                    )));
                    return Vec::new();
                }
                PromptIntent::DeferWhen { key, why } => match parse_optional_date(&text, today) {
                    Ok(reconsider) => Write::Transition {
                        key: *key,
                        transition: Transition::Defer,
                        args: TransitionArgs {
                            reason: Some(why.clone()),
                            reconsider,
                            ..TransitionArgs::default()
                        },
                    },
                    Err(error) => {
                        prompt.error = Some(error.to_string());
                        app.mode = Mode::Prompt(Box::new(prompt));
                        return Vec::new();
                    }
                },
                PromptIntent::BlockerEta { id } => match parse_optional_date(&text, today) {
                    Ok(eta) => Write::SetBlockerEta { id: *id, eta },
                    Err(error) => {
                        prompt.error = Some(error.to_string());
                        app.mode = Mode::Prompt(Box::new(prompt));
                        return Vec::new();
                    }
                },
                PromptIntent::ParkingFilter => {
                    app.parking.filter = text;
                    app.parking.rows = [0, 0];
                    app.mode = app.home();
                    return Vec::new();
                }
                PromptIntent::LogFilter => {
                    if let Some(log) = app.log.as_mut() {
                        log.set_filter(text);
                        let (shown, total) = (log.shown.len(), log.rows.len());
                        app.info(format!("{shown} of {total} entries"));
                    }
                    app.mode = app.home();
                    return Vec::new();
                }
                PromptIntent::Capture => {
                    if text.is_empty() {
                        prompt.error = Some("type the idea (Esc cancels)".into());
                        app.mode = Mode::Prompt(Box::new(prompt));
                        return Vec::new();
                    }
                    Write::AddFeature(NewFeature {
                        fields: FeatureFields {
                            title: text,
                            ..FeatureFields::default()
                        },
                        phase: None,
                        depends_on: Vec::new(),
                        created: Some(today),
                    })
                }
                PromptIntent::Decline { request } => {
                    if text.is_empty() {
                        prompt.error = Some("say why it is declined (Esc cancels)".into());
                        app.mode = Mode::Prompt(Box::new(prompt));
                        return Vec::new();
                    }
                    Write::DeclineRequest {
                        id: *request,
                        why: text,
                    }
                }
                PromptIntent::Snooze { key } => match parse_optional_date(&text, today) {
                    Ok(reconsider) => {
                        let Some(feature) =
                            app.roadmap.as_ref().and_then(|r| r.feature_by_key(*key))
                        else {
                            app.mode = app.home();
                            return Vec::new();
                        };
                        let mut fields = FeatureFields::of(feature);
                        fields.reconsider = reconsider;
                        Write::EditFeature { key: *key, fields }
                    }
                    Err(error) => {
                        prompt.error = Some(error.to_string());
                        app.mode = Mode::Prompt(Box::new(prompt));
                        return Vec::new();
                    }
                },
                PromptIntent::ImportPath | PromptIntent::ExportPath => {
                    if text.is_empty() {
                        prompt.error = Some("type a path (Esc cancels)".into());
                        app.mode = Mode::Prompt(Box::new(prompt));
                        return Vec::new();
                    }
                    let path = std::path::PathBuf::from(text);
                    if prompt.intent == PromptIntent::ImportPath {
                        Write::Import { path }
                    } else {
                        Write::Export { path }
                    }
                }
                PromptIntent::RoadmapName => {
                    if text.is_empty() {
                        prompt.error = Some("the roadmap needs a name".into());
                        app.mode = Mode::Prompt(Box::new(prompt));
                        return Vec::new();
                    }
                    Write::Init { name: text }
                }
                PromptIntent::Blocker { .. } | PromptIntent::Milestone { .. } => {
                    match split_text_and_date(&text, today) {
                        Err(error) => {
                            prompt.error = Some(error);
                            app.mode = Mode::Prompt(Box::new(prompt));
                            return Vec::new();
                        }
                        Ok((body, date)) => match &prompt.intent {
                            PromptIntent::Milestone { phase } => Write::AddMilestone {
                                phase: *phase,
                                text: body,
                                target: date,
                            },
                            PromptIntent::Blocker { key } => Write::AddBlocker {
                                key: *key,
                                waiting_for: body,
                                eta: date,
                            },
                            _ => unreachable!("matched above"),
                        },
                    }
                }
            };
            app.mode = if matches!(prompt.intent, PromptIntent::RoadmapName) {
                Mode::FirstRun
            } else {
                app.home()
            };
            vec![Effect::write(write)]
        }
        _ => {
            app.mode = Mode::Prompt(Box::new(prompt));
            Vec::new()
        }
    }
}

/// `"text - date"` as typed in one-line prompts: the date is optional,
/// the text is not.
fn split_text_and_date(
    text: &str,
    today: chrono::NaiveDate,
) -> Result<(String, Option<chrono::NaiveDate>), String> {
    let (body, date) = match text.rsplit_once(" - ") {
        Some((body, date)) => (
            body.trim(),
            parse_optional_date(date, today).map_err(|e| e.to_string())?,
        ),
        None => (text.trim(), None),
    };
    if body.is_empty() {
        return Err("type something (Esc cancels)".into());
    }
    Ok((body.to_owned(), date))
}

fn open_picker(app: &mut App, title: String, purpose: PickerPurpose, items: Vec<PickItem>) {
    let mut picker = Picker {
        title,
        purpose,
        query: ratatui_textarea::TextArea::default(),
        matches: (0..items.len()).collect(),
        items,
        selected: 0,
    };
    refilter(&mut picker);
    app.mode = Mode::Picker(Box::new(picker));
}

/// Ranks the items against the query with nucleo's fuzzy matcher.
fn refilter(picker: &mut Picker) {
    let query = picker.query_text();
    if query.trim().is_empty() {
        picker.matches = (0..picker.items.len()).collect();
    } else {
        let pattern = Pattern::parse(&query, CaseMatching::Smart, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        let mut scored: Vec<(usize, u32)> = picker
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let haystack = nucleo_matcher::Utf32Str::new(&item.label, &mut buffer);
                pattern
                    .score(haystack, &mut matcher)
                    .map(|score| (i, score))
            })
            .collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        picker.matches = scored.into_iter().map(|(i, _)| i).collect();
    }
    picker.selected = picker.selected.min(picker.matches.len().saturating_sub(1));
}

fn picker_update(app: &mut App, mut picker: Picker, action: Action) -> Vec<Effect> {
    match action {
        Action::Back => {
            app.mode = app.home();
            return Vec::new();
        }
        Action::Up => picker.selected = picker.selected.saturating_sub(1),
        Action::Down => {
            picker.selected = (picker.selected + 1).min(picker.matches.len().saturating_sub(1))
        }
        Action::Input(key) if picker.query.input(key.0) => {
            picker.selected = 0;
            refilter(&mut picker);
        }
        Action::Submit => {
            let Some(item) = picker.chosen().cloned() else {
                app.mode = Mode::Picker(Box::new(picker));
                return Vec::new();
            };
            app.mode = app.home();
            return match (&picker.purpose, item.value) {
                (PickerPurpose::Search, PickValue::Feature(key)) => {
                    if !app.select_key(key) {
                        // Hidden by the filter, or not on the board.
                        app.filter = Filter::default();
                        app.relayout();
                        if !app.select_key(key) {
                            app.info(format!("{key} is in the parking lot (P)"));
                        }
                    }
                    Vec::new()
                }
                (PickerPurpose::Dependencies { key }, PickValue::Feature(on)) => {
                    let key = *key;
                    let write = if item.marked {
                        Write::RemoveDependency { key, on }
                    } else {
                        Write::AddDependency { key, on }
                    };
                    vec![Effect::write(write)]
                }
                (PickerPurpose::Filter, PickValue::Filter(filter)) => {
                    app.filter = filter;
                    app.relayout();
                    app.info(
                        filter
                            .describe()
                            .map_or("showing every card".into(), |f| format!("filter: {f}")),
                    );
                    Vec::new()
                }
                (PickerPurpose::Milestones, PickValue::Milestone(id, done)) => {
                    vec![Effect::write(Write::SetMilestoneDone {
                        id,
                        done: (!done).then_some(app.today),
                    })]
                }
                (PickerPurpose::Palette, PickValue::Action(action)) => update(app, action),
                (PickerPurpose::PromoteTo { key }, PickValue::Phase(phase)) => {
                    app.parking.last_phase = Some(phase);
                    vec![Effect::write(Write::Transition {
                        key: *key,
                        transition: Transition::Promote,
                        args: TransitionArgs {
                            phase: Some(phase),
                            ..TransitionArgs::default()
                        },
                    })]
                }
                (PickerPurpose::Criteria, PickValue::Criterion(id, done)) => {
                    vec![Effect::write(Write::SetCriterionDone { id, done: !done })]
                }
                (PickerPurpose::LinkRequest { request }, PickValue::Feature(key)) => {
                    vec![Effect::write(Write::LinkRequest { id: *request, key })]
                }
                _ => Vec::new(),
            };
        }
        _ => {}
    }
    app.mode = Mode::Picker(Box::new(picker));
    Vec::new()
}

const TITLE: &str = "Title";
const DESCRIPTION: &str = "Description";
const WHY: &str = "Why essential";
const METRIC: &str = "Success metric";
const PRIORITY: &str = "Priority (P0-P3)";
const MOSCOW: &str = "MoSCoW";
const IMPACT: &str = "Impact (1-5)";
const EFFORT: &str = "Effort (1-5)";
const TARGET: &str = "Target date";
const OWNER: &str = "Owner";
const LINK: &str = "Link";
const FEEDBACK: &str = "Pilot feedback";
const INTERESTING: &str = "Why interesting";
const DEFERRED: &str = "Why deferred";
const RECONSIDER: &str = "Reconsider when";
const NAME: &str = "Name";
const WHAT: &str = "What";
const WHY_FOUNDATION: &str = "Why";
const RISK: &str = "Risk";
const IMPACT_TEXT: &str = "Impact";
const MITIGATION: &str = "Mitigation";
const GOAL: &str = "Goal";
const START: &str = "Start";
const END: &str = "End";
const STATUS: &str = "Status";

fn feature_form(title: String, kind: FormKind, feature: Option<&Feature>) -> Form {
    let fields = feature.map(FeatureFields::of).unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let number = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
    Form {
        title,
        kind,
        focus: 0,
        fields: vec![
            FormField::new(TITLE, &fields.title, false),
            FormField::new(DESCRIPTION, &fields.description, true),
            FormField::new(WHY, &fields.why, true),
            FormField::new(METRIC, &fields.metric, true),
            FormField::new(
                PRIORITY,
                &fields
                    .priority
                    .map(|p| p.as_str().to_uppercase())
                    .unwrap_or_default(),
                false,
            ),
            FormField::new(
                MOSCOW,
                &fields.moscow.map(|m| m.to_string()).unwrap_or_default(),
                false,
            ),
            FormField::new(IMPACT, &number(fields.impact), false),
            FormField::new(EFFORT, &number(fields.effort), false),
            FormField::new(TARGET, &date(fields.target), false),
            FormField::new(OWNER, &fields.owner, false),
            FormField::new(LINK, &fields.link, false),
            FormField::new(FEEDBACK, &fields.pilot_feedback, true),
            FormField::new(INTERESTING, &fields.why_interesting, false),
            FormField::new(DEFERRED, &fields.why_deferred, false),
            FormField::new(RECONSIDER, &date(fields.reconsider), false),
        ],
    }
}

fn phase_form(title: String, phase: Option<&Phase>) -> Form {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Form {
        title,
        kind: FormKind::Phase {
            id: phase.map(|p| p.id),
        },
        focus: 0,
        fields: vec![
            FormField::new(NAME, phase.map_or("", |p| &p.name), false),
            FormField::new(GOAL, phase.map_or("", |p| &p.goal), true),
            FormField::new(START, &date(phase.and_then(|p| p.start)), false),
            FormField::new(END, &date(phase.and_then(|p| p.end)), false),
            FormField::new(
                STATUS,
                phase.map_or("not_started", |p| p.status.as_str()),
                false,
            ),
        ],
    }
}

fn form_update(app: &mut App, mut form: Form, action: Action) -> Vec<Effect> {
    let count = form.fields.len();
    match action {
        Action::Back => {
            app.mode = app.home();
            app.info("cancelled: nothing written");
            return Vec::new();
        }
        Action::NextField => form.focus = (form.focus + 1) % count,
        Action::PreviousField => form.focus = (form.focus + count - 1) % count,
        Action::Input(key) => {
            use ratatui::crossterm::event::KeyCode;
            let field = &mut form.fields[form.focus];
            match key.0.code {
                // Enter saves from a one-line field; it breaks the line in a text.
                KeyCode::Enter if !field.multiline => return form_submit(app, form),
                KeyCode::Down if !field.multiline => form.focus = (form.focus + 1) % count,
                KeyCode::Up if !field.multiline => form.focus = (form.focus + count - 1) % count,
                _ => {
                    field.input.input(key.0);
                    field.error = None;
                }
            }
        }
        Action::Submit => return form_submit(app, form),
        _ => {}
    }
    app.mode = Mode::Form(Box::new(form));
    Vec::new()
}

/// A parsed optional field, its error recorded against field `at`.
fn take<T>(
    errors: &mut Vec<(usize, String)>,
    at: usize,
    parsed: Option<Result<T, String>>,
) -> Option<T> {
    match parsed {
        Some(Ok(value)) => Some(value),
        Some(Err(error)) => {
            errors.push((at, error));
            None
        }
        None => None,
    }
}

/// Parses every field; on any error the form stays open with the errors
/// shown beside the fields and the text as typed.
fn form_submit(app: &mut App, mut form: Form) -> Vec<Effect> {
    let today = app.today;
    let mut errors: Vec<(usize, String)> = Vec::new();
    let index = |form: &Form, label: &str| {
        form.fields
            .iter()
            .position(|f| f.label == label)
            .unwrap_or(0)
    };
    let mut date = |form: &Form, label: &str| match parse_optional_date(&form.value(label), today) {
        Ok(date) => date,
        Err(error) => {
            errors.push((index(form, label), error.to_string()));
            None
        }
    };
    let write = match form.kind {
        FormKind::Feature { key, phase } => {
            let target = date(&form, TARGET);
            let reconsider = date(&form, RECONSIDER);
            let parse = |label: &str| -> Option<String> {
                let value = form.value(label);
                (!value.is_empty()).then_some(value)
            };
            let priority = parse(PRIORITY).map(|v| v.parse::<Priority>());
            let moscow = parse(MOSCOW).map(|v| v.parse::<Moscow>());
            let level = |v: Option<String>| {
                v.map(|v| {
                    v.parse::<u8>()
                        .ok()
                        .filter(|n| (1..=5).contains(n))
                        .ok_or_else(|| format!("`{v}` is not a whole number from 1 to 5"))
                })
            };
            let impact = level(parse(IMPACT));
            let effort = level(parse(EFFORT));
            let fields = FeatureFields {
                title: form.value(TITLE),
                description: form.value(DESCRIPTION),
                why: form.value(WHY),
                metric: form.value(METRIC),
                priority: take(&mut errors, index(&form, PRIORITY), priority),
                moscow: take(&mut errors, index(&form, MOSCOW), moscow),
                impact: take(&mut errors, index(&form, IMPACT), impact),
                effort: take(&mut errors, index(&form, EFFORT), effort),
                target,
                owner: form.value(OWNER),
                link: form.value(LINK),
                pilot_feedback: form.value(FEEDBACK),
                why_interesting: form.value(INTERESTING),
                why_deferred: form.value(DEFERRED),
                reconsider,
            };
            if fields.title.is_empty() {
                errors.push((index(&form, TITLE), "a feature needs a title".into()));
            }
            match key {
                Some(key) => Write::EditFeature { key, fields },
                None => Write::AddFeature(NewFeature {
                    fields,
                    phase,
                    depends_on: Vec::new(),
                    created: Some(today),
                }),
            }
        }
        FormKind::Phase { id } => {
            let start = date(&form, START);
            let end = date(&form, END);
            let status = match form.value(STATUS).parse::<PhaseStatus>() {
                Ok(status) => Some(status),
                Err(error) => {
                    errors.push((index(&form, STATUS), error));
                    None
                }
            };
            let fields = PhaseFields {
                name: form.value(NAME),
                goal: form.value(GOAL),
                start,
                end,
                status,
            };
            if fields.name.is_empty() {
                errors.push((index(&form, NAME), "a phase needs a name".into()));
            }
            match id {
                Some(id) => Write::EditPhase { id, fields },
                None => Write::AddPhase(fields),
            }
        }
        FormKind::Foundation { id } => {
            let target = date(&form, TARGET);
            let status = match form.value(STATUS).parse::<FoundationStatus>() {
                Ok(status) => Some(status),
                Err(error) => {
                    errors.push((index(&form, STATUS), error));
                    None
                }
            };
            let fields = crate::store::FoundationFields {
                what: form.value(WHAT),
                why: form.value(WHY_FOUNDATION),
                status,
                target,
            };
            if fields.what.is_empty() {
                errors.push((index(&form, WHAT), "say what it is".into()));
            }
            Write::SaveFoundation { id, fields }
        }
        FormKind::Risk { id } => {
            let fields = crate::store::RiskFields {
                risk: form.value(RISK),
                impact: form.value(IMPACT_TEXT),
                mitigation: form.value(MITIGATION),
            };
            if fields.risk.is_empty() {
                errors.push((index(&form, RISK), "name the risk".into()));
            }
            Write::SaveRisk { id, fields }
        }
    };
    if errors.is_empty() {
        app.mode = app.home();
        return vec![Effect::write(write)];
    }
    form.focus = errors[0].0;
    let count = errors.len();
    for (field, error) in errors {
        form.fields[field].error = Some(error);
    }
    app.error(format!(
        "{count} field{} to fix before saving",
        if count == 1 { "" } else { "s" }
    ));
    app.mode = Mode::Form(Box::new(form));
    Vec::new()
}

/// The parking lot: one key per triage decision.
fn parking(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(roadmap) = app.roadmap.as_ref() else {
        return Vec::new();
    };
    let features = app.parking.features(roadmap);
    let requests = app.parking.requests(roadmap);
    let lengths = [features.len(), requests.len()];
    let focus = app.parking.focus;
    let row = app
        .parking
        .row()
        .min(lengths[focus as usize].saturating_sub(1));
    let feature = (focus == Lot::Features)
        .then(|| features.get(row).map(|f| (*f).clone()))
        .flatten();
    let request = (focus == Lot::Requests)
        .then(|| requests.get(row).map(|r| (*r).clone()))
        .flatten();
    let phases: Vec<Phase> = roadmap.phases.clone();
    let all_features: Vec<PickItem> = roadmap
        .features
        .iter()
        .filter(|f| f.status != FeatureStatus::Dropped)
        .map(|f| PickItem {
            label: format!("{} {}  [{}]", f.key, f.title, f.status.phrase()),
            value: PickValue::Feature(f.key),
            marked: false,
        })
        .collect();
    let nothing = |app: &mut App| {
        app.info(if focus == Lot::Features {
            "no parked feature here"
        } else {
            "no request here"
        });
        Vec::new()
    };
    match action {
        Action::Parking | Action::Back => {
            app.in_parking = false;
            app.mode = app.home();
        }
        Action::Up => app.parking.rows[focus as usize] = row.saturating_sub(1),
        Action::Down => {
            app.parking.rows[focus as usize] =
                (row + 1).min(lengths[focus as usize].saturating_sub(1))
        }
        Action::SwitchList => {
            app.parking.focus = if focus == Lot::Features {
                Lot::Requests
            } else {
                Lot::Features
            };
        }
        Action::Sort => {
            app.parking.order = app.parking.order.next();
            let order = app.parking.order.name();
            app.info(format!("sorted by {order}"));
        }
        Action::Filter => {
            let mut prompt = Prompt::new(
                "Keep the items with these words (empty shows all)",
                PromptIntent::ParkingFilter,
            );
            prompt.input.insert_str(&app.parking.filter);
            app.mode = Mode::Prompt(Box::new(prompt));
        }
        Action::ToggleAllRequests => {
            app.parking.all_requests = !app.parking.all_requests;
            app.info(if app.parking.all_requests {
                "showing every request"
            } else {
                "showing new requests"
            });
        }
        Action::Capture => {
            app.mode = Mode::Prompt(Box::new(Prompt::new(
                "Capture an idea for the parking lot",
                PromptIntent::Capture,
            )));
        }
        Action::Open => match feature {
            Some(f) => app.mode = Mode::Detail(f.key),
            None => return nothing(app),
        },
        Action::Undo => return board(app, Action::Undo),
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::Transition(Transition::Promote) => {
            let Some(f) = feature else {
                return nothing(app);
            };
            if phases.is_empty() {
                app.error("no phase to promote to: add one on the board with N");
                return Vec::new();
            }
            // The phase used last comes first, so Enter repeats it.
            let mut items: Vec<PickItem> = phases
                .iter()
                .map(|p| PickItem {
                    label: p.name.clone(),
                    value: PickValue::Phase(p.id),
                    marked: Some(p.id) == app.parking.last_phase,
                })
                .collect();
            items.sort_by_key(|i| !i.marked);
            open_picker(
                app,
                format!("Promote {} to which phase?", f.label()),
                PickerPurpose::PromoteTo { key: f.key },
                items,
            );
        }
        Action::Transition(Transition::Drop) => match (feature, request) {
            (Some(f), _) => {
                let title = format!("Why drop {}?", f.label());
                app.mode = Mode::Prompt(Box::new(Prompt::new(
                    title,
                    PromptIntent::Reason {
                        key: f.key,
                        transition: Transition::Drop,
                    },
                )));
            }
            (_, Some(r)) => {
                let title = format!("Why decline \"{}\"?", r.text);
                app.mode = Mode::Prompt(Box::new(Prompt::new(
                    title,
                    PromptIntent::Decline { request: r.id },
                )));
            }
            _ => return nothing(app),
        },
        Action::RaisePriority | Action::LowerPriority => {
            let raise = action == Action::RaisePriority;
            match (feature, request) {
                (Some(f), _) => {
                    // P0 is the top: raising moves towards it.
                    let level = match f.priority {
                        None if raise => 2,
                        None => 3,
                        Some(p) if raise => p.level().saturating_sub(1),
                        Some(p) => (p.level() + 1).min(3),
                    };
                    let mut fields = FeatureFields::of(&f);
                    fields.priority = Priority::from_level(level);
                    return vec![Effect::write(Write::EditFeature { key: f.key, fields })];
                }
                (_, Some(r)) => {
                    let priority = match (r.priority, raise) {
                        (RequestPriority::Low, true) | (RequestPriority::High, false) => {
                            RequestPriority::Med
                        }
                        (RequestPriority::Med, true) | (RequestPriority::High, true) => {
                            RequestPriority::High
                        }
                        (RequestPriority::Med, false) | (RequestPriority::Low, false) => {
                            RequestPriority::Low
                        }
                    };
                    return vec![Effect::write(Write::SetRequestPriority {
                        id: r.id,
                        priority,
                    })];
                }
                _ => return nothing(app),
            }
        }
        Action::Snooze => match feature {
            Some(f) => {
                let title = format!(
                    "Reconsider {} when? (+4w, 2027-03-01; empty clears)",
                    f.label()
                );
                app.mode = Mode::Prompt(Box::new(Prompt::new(
                    title,
                    PromptIntent::Snooze { key: f.key },
                )));
            }
            None => {
                app.info("snooze is for parked features (Tab to the features)");
            }
        },
        Action::LinkRequest => match request {
            Some(r) => {
                let title = format!("Link \"{}\" to which feature?", r.text);
                open_picker(
                    app,
                    title,
                    PickerPurpose::LinkRequest { request: r.id },
                    all_features,
                );
            }
            None => {
                app.info("linking is for requests (Tab to the requests)");
            }
        },
        Action::RequestToFeature => match request {
            Some(r) => return vec![Effect::write(Write::RequestToFeature { id: r.id })],
            None => {
                app.info("this turns a request into a feature (Tab to the requests)");
            }
        },
        _ => {}
    }
    Vec::new()
}

/// The change log: scroll, filter, back.
fn log_view(app: &mut App, action: Action) {
    let Some(log) = app.log.as_mut() else {
        app.mode = app.home();
        return;
    };
    let last = log.shown.len().saturating_sub(1);
    match action {
        Action::Down => log.selected = (log.selected + 1).min(last),
        Action::Up => log.selected = log.selected.saturating_sub(1),
        Action::Top => log.selected = 0,
        Action::Bottom => log.selected = last,
        Action::Filter => {
            let mut prompt = Prompt::new(
                "Keep the entries with these words (empty shows all)",
                PromptIntent::LogFilter,
            );
            prompt.input.insert_str(&log.filter);
            app.mode = Mode::Prompt(Box::new(prompt));
        }
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::Log | Action::Back => {
            app.log = None;
            app.mode = app.home();
        }
        _ => {}
    }
}

/// The guided review: one screen a step, the draft kept at every step.
fn review(app: &mut App, action: Action) -> Vec<Effect> {
    use crate::domain::review::{ReviewStep, next_candidates};
    let Some(roadmap) = app.roadmap.as_ref() else {
        return Vec::new();
    };
    let Some(view) = app.review.as_mut() else {
        app.mode = app.home();
        return Vec::new();
    };
    let step = view.draft.step;
    let keep = |view: &ReviewView| Effect::SaveReviewDraft(Box::new(view.current()));
    let blockers: Vec<BlockerId> = roadmap
        .blockers
        .iter()
        .filter(|b| b.resolved.is_none())
        .map(|b| b.id)
        .collect();
    let candidates: Vec<FeatureKey> = next_candidates(roadmap).iter().map(|f| f.key).collect();
    let rows = match step {
        ReviewStep::Phases => roadmap.phases.len(),
        ReviewStep::Blockers => blockers.len(),
        ReviewStep::NextFeature => candidates.len(),
        _ => 0,
    };
    let active = roadmap.slot_holder().cloned();
    match action {
        Action::NextStep => {
            if let Some(next) = step.next(view.draft.kind) {
                view.draft.step = next;
                view.selected = 0;
                return vec![keep(view)];
            }
        }
        Action::PreviousStep => {
            if let Some(previous) = step.previous(view.draft.kind) {
                view.draft.step = previous;
                view.selected = 0;
                return vec![keep(view)];
            }
        }
        Action::Down => view.selected = (view.selected + 1).min(rows.saturating_sub(1)),
        Action::Up => view.selected = view.selected.saturating_sub(1),
        Action::Input(key) => {
            view.notes.input(key.0);
        }
        Action::Back => {
            let effect = keep(view);
            app.review = None;
            app.mode = app.home();
            app.info("review kept: W resumes it");
            return vec![effect];
        }
        Action::Submit => {
            let draft = view.current();
            app.review = None;
            app.mode = app.home();
            return vec![Effect::write(Write::FinishReview(Box::new(draft)))];
        }
        Action::Transition(transition) if step == ReviewStep::ActiveFeature => {
            let Some(feature) = active else {
                app.info("no feature holds the slot this week");
                return Vec::new();
            };
            view.draft.decisions.push(format!(
                "{} → {}",
                feature.key,
                transition.target().phrase()
            ));
            let effect = keep(view);
            let mut effects = transition_flow(app, &feature, transition);
            effects.insert(0, effect);
            return effects;
        }
        Action::AddBlocker if step == ReviewStep::ActiveFeature => {
            let Some(feature) = active else {
                app.info("no feature holds the slot this week");
                return Vec::new();
            };
            return board_action_on(app, &feature, Action::AddBlocker);
        }
        Action::ResolveBlockers if step == ReviewStep::Blockers => {
            let Some(&id) = blockers.get(view.selected) else {
                app.info("no open blocker");
                return Vec::new();
            };
            view.draft.decisions.push("a blocker resolved".into());
            return vec![keep(view), Effect::write(Write::ResolveBlocker { id })];
        }
        Action::Snooze if step == ReviewStep::Blockers => {
            let Some(&id) = blockers.get(view.selected) else {
                app.info("no open blocker");
                return Vec::new();
            };
            app.mode = Mode::Prompt(Box::new(Prompt::new(
                "New ETA (a date like fri or +1w; empty clears)",
                PromptIntent::BlockerEta { id },
            )));
        }
        Action::Parking if step == ReviewStep::NewItems => {
            app.in_parking = true;
            app.mode = Mode::Parking;
            return vec![keep(view)];
        }
        Action::CompletePhase if step == ReviewStep::Phases => {
            let Some(phase) = roadmap.phases.get(view.selected).cloned() else {
                return Vec::new();
            };
            let criteria = roadmap.criteria.iter().filter(|c| c.phase == phase.id);
            if let Err(reason) = crate::domain::review::phase_can_complete(criteria) {
                app.error(format!(
                    "phase \"{}\" cannot be complete: {reason}",
                    phase.name
                ));
                return Vec::new();
            }
            view.draft
                .decisions
                .push(format!("phase \"{}\" complete", phase.name));
            let fields = PhaseFields {
                name: phase.name.clone(),
                goal: phase.goal.clone(),
                start: phase.start,
                end: phase.end,
                status: Some(PhaseStatus::Complete),
            };
            return vec![
                keep(view),
                Effect::write(Write::EditPhase {
                    id: phase.id,
                    fields,
                }),
            ];
        }
        Action::CheckCriteria if step == ReviewStep::Phases => {
            let Some(phase) = roadmap.phases.get(view.selected) else {
                return Vec::new();
            };
            let items: Vec<PickItem> = roadmap
                .criteria
                .iter()
                .filter(|c| c.phase == phase.id)
                .map(|c| PickItem {
                    label: c.text.clone(),
                    value: PickValue::Criterion(c.id, c.done),
                    marked: c.done,
                })
                .collect();
            if items.is_empty() {
                app.info(format!("\"{}\" has no success criteria", phase.name));
                return Vec::new();
            }
            let title = format!(
                "Success criteria of \"{}\": Enter checks off or reopens",
                phase.name
            );
            open_picker(app, title, PickerPurpose::Criteria, items);
        }
        Action::Choose if step == ReviewStep::NextFeature => {
            let Some(&key) = candidates.get(view.selected) else {
                app.info("no candidate: every planned feature waits on a dependency");
                return Vec::new();
            };
            view.draft.chosen = Some(key);
            let effect = keep(view);
            // Confirm its why-now, metric and target in the card's form.
            let mut effects = board_action_on(app, &roadmap_feature(app, key), Action::EditFeature);
            app.info(format!(
                "{key} chosen: confirm its why, metric and target, then Ctrl-s"
            ));
            effects.insert(0, effect);
            return effects;
        }
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        _ => {}
    }
    Vec::new()
}

fn roadmap_feature(app: &App, key: FeatureKey) -> Feature {
    app.roadmap
        .as_ref()
        .and_then(|r| r.feature_by_key(key))
        .cloned()
        .expect("a candidate is a feature of the roadmap")
}

/// Runs a board action on `feature` as if it were the selected card.
fn board_action_on(app: &mut App, feature: &Feature, action: Action) -> Vec<Effect> {
    let selected = app.selected;
    app.selected = Some(feature.key);
    let effects = board(app, action);
    if !matches!(app.mode, Mode::Form(_) | Mode::Prompt(_)) {
        app.selected = selected;
    }
    effects
}

fn foundation_form(item: Option<&FoundationItem>) -> Form {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Form {
        title: item.map_or("New foundation item".into(), |i| {
            format!("Edit \"{}\"", i.what)
        }),
        kind: FormKind::Foundation {
            id: item.map(|i| i.id),
        },
        focus: 0,
        fields: vec![
            FormField::new(WHAT, item.map_or("", |i| &i.what), false),
            FormField::new(WHY_FOUNDATION, item.map_or("", |i| &i.why), true),
            FormField::new(
                STATUS,
                item.map_or("not_started", |i| i.status.as_str()),
                false,
            ),
            FormField::new(TARGET, &date(item.and_then(|i| i.target)), false),
        ],
    }
}

fn risk_form(risk: Option<&Risk>) -> Form {
    Form {
        title: risk.map_or("New risk".into(), |r| format!("Edit risk \"{}\"", r.risk)),
        kind: FormKind::Risk {
            id: risk.map(|r| r.id),
        },
        focus: 0,
        fields: vec![
            FormField::new(RISK, risk.map_or("", |r| &r.risk), false),
            FormField::new(IMPACT_TEXT, risk.map_or("", |r| &r.impact), false),
            FormField::new(MITIGATION, risk.map_or("", |r| &r.mitigation), true),
        ],
    }
}

/// Blockers, dependencies, foundations and risks: the lists around the cards.
fn tracks(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(roadmap) = app.roadmap.as_ref() else {
        return Vec::new();
    };
    let focus = app.tracks.focus;
    let lengths = [
        open_blockers(roadmap).len(),
        dependency_rows(roadmap).len(),
        roadmap.foundations.len(),
        roadmap.risks.len(),
    ];
    let row = app.tracks.rows[focus as usize].min(lengths[focus as usize].saturating_sub(1));
    let blocker = (focus == Track::Blockers)
        .then(|| open_blockers(roadmap).get(row).map(|b| b.id))
        .flatten();
    let foundation = (focus == Track::Foundations)
        .then(|| roadmap.foundations.get(row).cloned())
        .flatten();
    let risk = (focus == Track::Risks)
        .then(|| roadmap.risks.get(row).cloned())
        .flatten();
    match action {
        Action::Tracks | Action::Back => {
            app.in_tracks = false;
            app.mode = app.home();
        }
        Action::SwitchList => app.tracks.focus = focus.next(),
        Action::Down => {
            app.tracks.rows[focus as usize] =
                (row + 1).min(lengths[focus as usize].saturating_sub(1))
        }
        Action::Up => app.tracks.rows[focus as usize] = row.saturating_sub(1),
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::ResolveBlockers => match blocker {
            Some(id) => return vec![Effect::write(Write::ResolveBlocker { id })],
            None => app.info("no blocker selected (Tab to the blockers)"),
        },
        Action::Snooze => match blocker {
            Some(id) => {
                app.mode = Mode::Prompt(Box::new(Prompt::new(
                    "New ETA (fri, +1w, 2027-01-15; empty clears)",
                    PromptIntent::BlockerEta { id },
                )));
            }
            None => app.info("no blocker selected (Tab to the blockers)"),
        },
        Action::Add => match focus {
            Track::Foundations => app.mode = Mode::Form(Box::new(foundation_form(None))),
            Track::Risks => app.mode = Mode::Form(Box::new(risk_form(None))),
            Track::Blockers => app.info("blockers are added on a card: b on the board"),
            Track::Dependencies => app.info("dependencies are edited on a card: D on the board"),
        },
        Action::EditFeature => match (foundation, risk) {
            (Some(item), _) => app.mode = Mode::Form(Box::new(foundation_form(Some(&item)))),
            (_, Some(risk)) => app.mode = Mode::Form(Box::new(risk_form(Some(&risk)))),
            _ => app.info("select a foundation item or a risk (Tab)"),
        },
        Action::CycleStatus => match foundation {
            Some(item) => {
                let status = match item.status {
                    FoundationStatus::NotStarted => FoundationStatus::InProgress,
                    FoundationStatus::InProgress => FoundationStatus::Done,
                    FoundationStatus::Done => FoundationStatus::NotStarted,
                };
                let fields = crate::store::FoundationFields {
                    what: item.what,
                    why: item.why,
                    status: Some(status),
                    target: item.target,
                };
                return vec![Effect::write(Write::SaveFoundation {
                    id: Some(item.id),
                    fields,
                })];
            }
            None => app.info("select a foundation item (Tab)"),
        },
        _ => {}
    }
    Vec::new()
}
