//! Blockers, dependencies, foundations and risks.

use super::*;
use crate::domain::command::Command;

/// What the tracks' selection is on.
enum Row {
    Blocker(BlockerId),
    Foundation(Box<FoundationItem>),
    Risk(Box<Risk>),
    /// A dependency row, or an empty list.
    Other,
}

/// Blockers, dependencies, foundations and risks: the lists around the cards.
pub(super) fn tracks(app: &mut App, action: Action) -> Vec<Effect> {
    let (Some(roadmap), Some(view)) = (app.roadmap.as_ref(), app.tracks_view()) else {
        return Vec::new();
    };
    let (focus, row, len) = (view.focus, view.row(), view.len(view.focus));
    let selected = view.at(focus, row).and_then(|at| match focus {
        Track::Blockers => Some(Row::Blocker(roadmap.blockers[at].id)),
        Track::Foundations => Some(Row::Foundation(Box::new(roadmap.foundations[at].clone()))),
        Track::Risks => Some(Row::Risk(Box::new(roadmap.risks[at].clone()))),
        Track::Dependencies => None,
    });
    match action {
        Action::Tracks | Action::Back => app.leave_screen(),
        Action::Help => app.show(Overlay::Help { scroll: 0 }),
        Action::SwitchList | Action::Down | Action::Up => {
            if let Some(view) = app.tracks_view_mut() {
                match action {
                    Action::SwitchList => view.focus = focus.next(),
                    Action::Down => {
                        view.rows[focus as usize] = (row + 1).min(len.saturating_sub(1))
                    }
                    _ => view.rows[focus as usize] = row.saturating_sub(1),
                }
            }
        }
        Action::Add => add_to(app, focus),
        Action::SelectRow(crate::app::keymap::Selection::Track(track), clicked) => {
            if let Some(view) = app.tracks_view_mut() {
                view.focus = track;
                view.rows[track as usize] = clicked;
            }
        }
        _ => return on_row(app, action, selected.unwrap_or(Row::Other)),
    }
    Vec::new()
}

/// `Add` in a list: a blocker ahead, a foundation item, a risk.
fn add_to(app: &mut App, track: Track) {
    match track {
        Track::Foundations => app.show(Overlay::Form(Box::new(foundation_form(None)))),
        Track::Risks => app.show(Overlay::Form(Box::new(risk_form(None)))),
        Track::Blockers => open_upcoming_prompt(app, None),
        Track::Dependencies => {
            let key = app.key(Action::EditDependencies);
            app.info(format!(
                "dependencies are edited on a card: {key} on the board"
            ));
        }
    }
}

/// What is done to the selected row: a blocker resolved, given a new ETA
/// or made current; a foundation item or a risk edited; a foundation
/// item's status moved on.
fn on_row(app: &mut App, action: Action, row: Row) -> Vec<Effect> {
    match (action, row) {
        (Action::ResolveBlocker, Row::Blocker(id)) => {
            return vec![Effect::write(Command::ResolveBlocker { id })];
        }
        (Action::SetBlockerEta, Row::Blocker(id)) => {
            app.show(Overlay::Prompt(Box::new(Prompt::new(
                "New ETA (fri, +1w, 2027-01-15; empty clears)",
                PromptIntent::BlockerEta { id },
            ))))
        }
        // An upcoming blocker's next state: it blocks now.
        (Action::CycleStatus, Row::Blocker(id)) => {
            return vec![Effect::write(Command::BlocksNow { id })];
        }
        (Action::EditFoundation, Row::Foundation(item)) => {
            app.show(Overlay::Form(Box::new(foundation_form(Some(&item)))))
        }
        (Action::EditRisk, Row::Risk(risk)) => {
            app.show(Overlay::Form(Box::new(risk_form(Some(&risk)))))
        }
        (Action::CycleStatus, Row::Foundation(item)) => return vec![next_status(*item)],
        (Action::ResolveBlocker, _) => app.info(format!(
            "no blocker selected ({} to the blockers)",
            tab(app)
        )),
        (Action::SetBlockerEta | Action::EditFoundation | Action::EditRisk, _) => {
            app.info(format!(
                "select a blocker, a foundation item or a risk ({})",
                tab(app)
            ))
        }
        (Action::CycleStatus, _) => app.info(format!(
            "select an upcoming blocker or a foundation item ({})",
            tab(app)
        )),
        _ => {}
    }
    Vec::new()
}

/// A foundation item's status moved on: not started, in progress, done.
fn next_status(item: FoundationItem) -> Effect {
    let status = match item.status {
        FoundationStatus::NotStarted => FoundationStatus::InProgress,
        FoundationStatus::InProgress => FoundationStatus::Done,
        FoundationStatus::Done => FoundationStatus::NotStarted,
    };
    let fields = crate::domain::FoundationFields {
        what: item.what,
        why: item.why,
        status: Some(status),
        target: item.target,
    };
    Effect::write(Command::SaveFoundation {
        id: Some(item.id),
        fields,
    })
}

/// Asks for an upcoming blocker: what will block future work (of `key`,
/// or of the feature a leading key names) and its mitigation.
pub(super) fn open_upcoming_prompt(app: &mut App, key: Option<FeatureKey>) {
    let title = match key {
        Some(key) => format!(
            "What will block {key} later? then ` -- ` and the mitigation (\"hosting contract ends -- ask a second provider\")"
        ),
        None => "What will block future work? then ` -- ` and the mitigation (start with a key, e.g. F7, to tie it to a feature)".to_owned(),
    };
    let intent = PromptIntent::UpcomingBlocker { key };
    app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
}

/// The key that moves between the tracks' lists.
fn tab(app: &App) -> String {
    app.key_in(Context::Tracks, Action::SwitchList)
}
