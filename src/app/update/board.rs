//! The board and the Gantt pane: moving, transitions (asking what the
//! method asks), the timeline.

use super::*;
use crate::domain::command::Command;

/// The board's keys, each kind to the function that handles it.
pub(super) fn board(app: &mut App, action: Action) -> Vec<Effect> {
    if app.roadmap.is_none() {
        return Vec::new();
    }
    match action {
        Action::NewFeature
        | Action::EditFeature
        | Action::EditDependencies
        | Action::AddBlocker
        | Action::ResolveBlockers
        | Action::TogglePrivate => card_edits(app, action),
        Action::NewPhase
        | Action::EditPhase
        | Action::AddMilestone
        | Action::CheckCriteria
        | Action::AddCriterion
        | Action::CheckMilestone => phase_edits(app, action),
        Action::Search | Action::Filter | Action::Palette => finders(app, action),
        Action::Left
        | Action::Right
        | Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::Select(..) => {
            select_moves(app, action);
            Vec::new()
        }
        Action::MoveCardLeft
        | Action::MoveCardRight
        | Action::MoveCardUp
        | Action::MoveCardDown
        | Action::Open
        | Action::Transition(_)
        | Action::AddUpcomingBlocker => on_selected(app, action),
        Action::ToggleGantt
        | Action::FullGantt
        | Action::GrowGantt
        | Action::ShrinkGantt
        | Action::ZoomIn
        | Action::ZoomOut
        | Action::ScrollEarlier
        | Action::ScrollLater
        | Action::GanttToday
        | Action::ToggleClosed => {
            gantt_keys(app, action);
            Vec::new()
        }
        _ => opens(app, action),
    }
}

/// The selection moves: along a column, across the phases, to a clicked card.
fn select_moves(app: &mut App, action: Action) {
    let columns = app.layout.columns.len();
    let row = app.selected_row();
    match action {
        Action::Left | Action::Right if columns > 0 => {
            app.column = if action == Action::Left {
                app.column.saturating_sub(1)
            } else {
                (app.column + 1).min(columns - 1)
            };
            app.selected = app.card_at(app.column, row);
        }
        Action::Up | Action::Down | Action::Top | Action::Bottom => {
            let len = app.layout.columns.get(app.column).map_or(0, Vec::len);
            let row = match action {
                Action::Up => row.saturating_sub(1),
                Action::Down => (row + 1).min(len.saturating_sub(1)),
                Action::Top => 0,
                _ => len.saturating_sub(1),
            };
            app.selected = app.card_at(app.column, row);
        }
        Action::Select(column, key) => {
            app.column = column;
            app.selected = Some(key);
        }
        _ => {}
    }
}

/// What is done to the selected card: moved, opened, a transition, a
/// blocker ahead.
fn on_selected(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(feature) = app.selected_feature().cloned() else {
        return nothing_selected(app);
    };
    match action {
        Action::MoveCardLeft | Action::MoveCardRight => move_to_next_phase(app, &feature, action),
        Action::MoveCardUp | Action::MoveCardDown => {
            return vec![Effect::write(Command::Reorder {
                key: feature.key,
                later: action == Action::MoveCardDown,
            })];
        }
        Action::Open => return open_detail(app, feature.key),
        Action::Transition(transition) => return transition_flow(app, &feature, transition),
        Action::AddUpcomingBlocker => open_upcoming_prompt(app, Some(feature.key)),
        _ => {}
    }
    Vec::new()
}

/// Asks why `feature` moves to the phase left or right of its column.
fn move_to_next_phase(app: &mut App, feature: &Feature, action: Action) {
    let columns = app.layout.columns.len();
    let target = if action == Action::MoveCardLeft {
        app.column.checked_sub(1)
    } else {
        Some(app.column + 1).filter(|&c| c < columns)
    };
    let Some(phase) = target
        .and_then(|c| app.roadmap.as_ref()?.phases.get(c))
        .cloned()
    else {
        app.info("no phase that way");
        return;
    };
    let (submit, back) = app.prompt_keys();
    let title = format!(
        "Move {} to \"{}\": why? (optional: {submit} moves, {back} stays)",
        feature.key, phase.name
    );
    let intent = PromptIntent::MoveWhy {
        key: feature.key,
        phase: phase.id,
    };
    app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
}

/// The Gantt pane: shown or not, full screen, its height, its timeline.
fn gantt_keys(app: &mut App, action: Action) {
    match action {
        Action::ToggleGantt => {
            app.gantt.placement = match app.gantt.placement {
                GanttPlacement::Hidden => GanttPlacement::Split,
                GanttPlacement::Split => GanttPlacement::Hidden,
            };
        }
        Action::FullGantt => app.open_screen(Screen::Gantt),
        Action::GrowGantt | Action::ShrinkGantt => {
            if app.gantt.placement == GanttPlacement::Hidden {
                app.gantt.placement = GanttPlacement::Split;
            }
            let step: i16 = if action == Action::GrowGantt { 10 } else { -10 };
            app.gantt.split = (app.gantt.split as i16 + step).clamp(20, 80) as u16;
        }
        _ => timeline(app, action),
    }
}

/// What the board opens: the other screens, the reviews, prompts and
/// panes; undo and redo.
fn opens(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Undo => match app.undo_stack.pop() {
            Some(entry) => return vec![Effect::write(Command::Undo { entry })],
            None => app.info("nothing to undo in this session"),
        },
        Action::Redo => match app.redo_stack.pop() {
            Some(entry) => return vec![Effect::write(Command::Redo { entry })],
            None => app.info("nothing to redo"),
        },
        Action::Help => app.show(Overlay::Help { scroll: 0 }),
        Action::Parking => app.open_screen(Screen::Parking(Box::default())),
        Action::Tracks => app.open_screen(Screen::Tracks(TracksView::default())),
        Action::Log => return vec![Effect::LoadLog],
        Action::Sync => return vec![Effect::Sync(Box::default())],
        Action::Learning => app.show(Overlay::Learning { scroll: 0 }),
        Action::RoadmapPane => return vec![Effect::OpenRoadmapPane],
        Action::AddRequest => super::parking::open_request_prompt(app),
        Action::AddNote => super::parking::open_note_prompt(app),
        // W runs the review that is due: the monthly one on its Friday.
        Action::Review => {
            let kind = app.review_due().unwrap_or(ReviewKind::Weekly);
            return vec![Effect::OpenReview(kind)];
        }
        Action::MonthlyReview => return vec![Effect::OpenReview(ReviewKind::Monthly)],
        Action::QuarterlyReview => return vec![Effect::OpenReview(ReviewKind::Quarterly)],
        Action::Capture => app.show(Overlay::Prompt(Box::new(Prompt::new(
            "Capture an idea for the parking lot",
            PromptIntent::Capture,
        )))),
        Action::Import => open_path_prompt(app, PromptIntent::ImportPath),
        Action::Export => open_path_prompt(app, PromptIntent::ExportPath),
        _ => {}
    }
    Vec::new()
}

/// Zoom, scroll and the closed-rows toggle, the same in both placements.
pub(super) fn timeline(app: &mut App, action: Action) {
    if !matches!(app.screen(), Screen::Gantt) && app.gantt.placement == GanttPlacement::Hidden {
        let key = app.key(Action::ToggleGantt);
        app.info(format!("the Gantt pane is closed: {key} opens it"));
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
pub(super) fn gantt(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::FullGantt | Action::Back => app.leave_screen(),
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
            Some(key) => return open_detail(app, key),
            None => return nothing_selected(app),
        },
        Action::Help => app.show(Overlay::Help { scroll: 0 }),
        other => timeline(app, other),
    }
    Vec::new()
}

pub(super) fn nothing_selected(app: &mut App) -> Vec<Effect> {
    app.info("no card selected");
    Vec::new()
}

/// Starts a transition: asks what the method asks (why, when, an override
/// reason) or sends it to the store, which decides on fresh rows.
pub(super) fn transition_flow(
    app: &mut App,
    feature: &Feature,
    transition: Transition,
) -> Vec<Effect> {
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
        ..TransitionArgs::default()
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
    let prompt = |title: String, intent| Overlay::Prompt(Box::new(Prompt::new(title, intent)));
    match verdict {
        Err(Refusal::UnmetDependencies { .. }) => {
            let keys: Vec<String> = unmet.iter().map(|f| f.key.to_string()).collect();
            app.show(prompt(
                format!(
                    "{key} waits on {} (not shipped). Override reason to {transition} anyway {}",
                    keys.join(", "),
                    app.cancel_hint("cancels")
                ),
                PromptIntent::Override { key, transition },
            ));
            Vec::new()
        }
        Err(refusal) => {
            let remedies = crate::app::refusal::remedies(&refusal);
            let text = crate::app::refusal::with_keys(&app.keymap, &refusal.to_string(), &remedies);
            app.error(text);
            Vec::new()
        }
        Ok(_) => ask_or_send(app, feature, transition, phase),
    }
}

/// A transition the rules allow: the why it needs asked first, or sent.
fn ask_or_send(
    app: &mut App,
    feature: &Feature,
    transition: Transition,
    phase: Option<PhaseId>,
) -> Vec<Effect> {
    let key = feature.key;
    let (title, intent) = match transition {
        Transition::Pause | Transition::Drop => (
            format!("Why {transition} {}?", feature.label()),
            PromptIntent::Reason { key, transition },
        ),
        Transition::Defer => (
            format!("Why defer {}?", feature.label()),
            PromptIntent::DeferWhy { key },
        ),
        Transition::Promote if phase.is_none() => {
            app.error("choose a phase column first");
            return Vec::new();
        }
        _ => {
            let args = TransitionArgs {
                phase,
                ..TransitionArgs::default()
            };
            return vec![Effect::write(Command::Transition {
                key,
                transition,
                args,
            })];
        }
    };
    app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
    Vec::new()
}

pub(super) fn roadmap_feature(app: &App, key: FeatureKey) -> Feature {
    app.roadmap
        .as_ref()
        .and_then(|r| r.feature_by_key(key))
        .cloned()
        .expect("a candidate is a feature of the roadmap")
}

/// Runs a board action on `feature` as if it were the selected card.
pub(super) fn board_action_on(app: &mut App, feature: &Feature, action: Action) -> Vec<Effect> {
    let selected = app.selected;
    app.selected = Some(feature.key);
    let effects = board(app, action);
    if !matches!(app.top(), Some(Overlay::Form(_) | Overlay::Prompt(_))) {
        app.selected = selected;
    }
    effects
}

/// What to do when there is no phase yet, with the key that adds one.
pub(super) fn no_phase_yet(app: &App) -> String {
    format!("no phase yet: add one with {}", app.key(Action::NewPhase))
}
