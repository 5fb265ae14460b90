//! Blockers, dependencies, foundations and risks.

use super::*;
use crate::domain::command::Command;

/// Blockers, dependencies, foundations and risks: the lists around the cards.
pub(super) fn tracks(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(view) = app.tracks_view_mut() else {
        return Vec::new();
    };
    let (focus, rows) = (view.focus, view.rows);
    let Some(roadmap) = app.roadmap.as_ref() else {
        return Vec::new();
    };
    let lengths = [
        open_blockers(roadmap).len(),
        crate::domain::graph::DependencyIndex::new(roadmap)
            .taking_part(roadmap)
            .len(),
        roadmap.foundations.len(),
        roadmap.risks.len(),
    ];
    let row = rows[focus as usize].min(lengths[focus as usize].saturating_sub(1));
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
        Action::Tracks | Action::Back => app.leave_screen(),
        Action::SwitchList => {
            if let Some(view) = app.tracks_view_mut() {
                view.focus = focus.next();
            }
        }
        Action::Down | Action::Up => {
            let last = lengths[focus as usize].saturating_sub(1);
            if let Some(view) = app.tracks_view_mut() {
                view.rows[focus as usize] = match action {
                    Action::Down => (row + 1).min(last),
                    _ => row.saturating_sub(1),
                };
            }
        }
        Action::Help => app.show(Overlay::Help { scroll: 0 }),
        Action::ResolveBlockers => match blocker {
            Some(id) => return vec![Effect::write(Command::ResolveBlocker { id })],
            None => app.info(format!(
                "no blocker selected ({} to the blockers)",
                tab(app)
            )),
        },
        Action::EditFeature if focus == Track::Blockers => match blocker {
            Some(id) => {
                app.show(Overlay::Prompt(Box::new(Prompt::new(
                    "New ETA (fri, +1w, 2027-01-15; empty clears)",
                    PromptIntent::BlockerEta { id },
                ))));
            }
            None => app.info(format!(
                "no blocker selected ({} to the blockers)",
                tab(app)
            )),
        },
        Action::Add => match focus {
            Track::Foundations => app.show(Overlay::Form(Box::new(foundation_form(None)))),
            Track::Risks => app.show(Overlay::Form(Box::new(risk_form(None)))),
            Track::Blockers => open_upcoming_prompt(app, None),
            Track::Dependencies => {
                let key = app.key(Action::EditDependencies);
                app.info(format!(
                    "dependencies are edited on a card: {key} on the board"
                ));
            }
        },
        Action::EditFeature => match (foundation, risk) {
            (Some(item), _) => app.show(Overlay::Form(Box::new(foundation_form(Some(&item))))),
            (_, Some(risk)) => app.show(Overlay::Form(Box::new(risk_form(Some(&risk))))),
            _ => app.info(format!("select a foundation item or a risk ({})", tab(app))),
        },
        // An upcoming blocker's next state: it blocks now.
        Action::CycleStatus if focus == Track::Blockers => match blocker {
            Some(id) => return vec![Effect::write(Command::BlocksNow { id })],
            None => app.info("no blocker selected"),
        },
        Action::CycleStatus => match foundation {
            Some(item) => {
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
                return vec![Effect::write(Command::SaveFoundation {
                    id: Some(item.id),
                    fields,
                })];
            }
            None => app.info(format!("select a foundation item ({})", tab(app))),
        },
        _ => {}
    }
    Vec::new()
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
