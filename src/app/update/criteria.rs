//! A phase's success criteria, in an overlay of their own: check off or
//! reopen, add, edit, move, remove — from the board and the quarterly
//! review alike.

use super::*;
use crate::domain::command::Command;

/// Opens the success criteria of `phase`.
pub(super) fn open_criteria(app: &mut App, phase: &Phase) {
    app.show(Overlay::Criteria {
        phase: phase.id,
        row: 0,
    });
}

pub(super) fn criteria(
    app: &mut App,
    (phase, row): (PhaseId, usize),
    action: Action,
) -> Vec<Effect> {
    let Some(roadmap) = app.roadmap.as_ref() else {
        return Vec::new();
    };
    let list: Vec<&Criterion> = roadmap
        .criteria
        .iter()
        .filter(|c| c.phase == phase)
        .collect();
    let last = list.len().saturating_sub(1);
    let row = row.min(last);
    let selected = list.get(row).map(|c| (*c).clone());
    let name = roadmap
        .phase(phase)
        .map_or(String::new(), |p| p.name.clone());
    let stay = |row| Overlay::Criteria { phase, row };
    let later = action == Action::MoveCardDown;
    if matches!(action, Action::Undo | Action::Redo) {
        return board(app, action);
    }
    app.show(stay(row));
    let write = match (action, selected) {
        (Action::Back, _) => {
            app.close();
            return Vec::new();
        }
        (Action::Down, _) => {
            app.show_in_place(stay((row + 1).min(last)));
            return Vec::new();
        }
        (Action::Up, _) => {
            app.show_in_place(stay(row.saturating_sub(1)));
            return Vec::new();
        }
        (Action::Add, _) => {
            let title =
                format!("Success criterion for \"{name}\" (what must be true when it is done)");
            let intent = PromptIntent::Criterion { phase };
            app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
            return Vec::new();
        }
        (Action::Help, _) => {
            app.show(Overlay::Help { scroll: 0 });
            return Vec::new();
        }
        (_, None) => {
            app.info(format!("\"{name}\" has no success criteria yet: add one"));
            return Vec::new();
        }
        (Action::CycleStatus, Some(c)) => Command::SetCriterionDone {
            id: c.id,
            done: !c.done,
        },
        (Action::EditFeature, Some(c)) => {
            let intent = PromptIntent::CriterionText { id: c.id, phase };
            let title = format!("Success criterion ({} saves)", app.prompt_keys().0);
            let prompt = Prompt::new(title, intent);
            app.show(Overlay::Prompt(Box::new(prompt.with_text(&c.text))));
            return Vec::new();
        }
        (Action::Remove, Some(c)) => Command::RemoveCriterion { id: c.id },
        (Action::MoveCardUp | Action::MoveCardDown, Some(c)) => {
            let moved = if later {
                row + 1
            } else {
                row.saturating_sub(1)
            };
            app.show_in_place(stay(moved.min(last)));
            Command::MoveCriterion { id: c.id, later }
        }
        _ => return Vec::new(),
    };
    vec![Effect::write(write)]
}
