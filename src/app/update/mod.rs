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

mod board;
mod forms;
mod log;
mod parking;
mod pickers;
mod prompts;
mod review;
mod tracks;

use board::*;
use forms::*;
use log::*;
use parking::*;
use pickers::*;
use prompts::*;
use review::*;
use tracks::*;

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
