//! Blockers, dependencies, foundations and risks.

use super::*;

/// Blockers, dependencies, foundations and risks: the lists around the cards.
pub(super) fn tracks(app: &mut App, action: Action) -> Vec<Effect> {
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
        Action::EditFeature if focus == Track::Blockers => match blocker {
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
