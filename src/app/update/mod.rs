//! `update`: the board's behaviour, as a pure function of the state and an
//! action. It returns effects for the runner and never does I/O itself.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use super::action::{Action, KeyInput};
use super::effect::{Effect, Outcome, UndoKind, Write};
use super::state::*;
use crate::domain::RequestPriority;
use crate::domain::ReviewKind;
use crate::domain::dates::{
    looks_like_a_date, parse_date, parse_optional_date, parse_reconsider, split_trailing_date,
};
use crate::domain::machine::{self, Context as RuleContext, Refusal};
use crate::domain::review::Readiness;
use crate::domain::schedule::shift;
use crate::domain::*;
use crate::store::{FeatureFields, NewFeature, PhaseFields};

mod board;
mod criteria;
mod forms;
mod log;
mod parking;
mod pickers;
mod prompts;
mod review;
mod tracks;

use board::*;
use criteria::*;
use forms::*;
use log::*;
use parking::*;
use pickers::*;
use prompts::*;
use review::*;
use tracks::*;

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // A message answers the last thing asked; the next one clears it.
    if action.is_asked() {
        app.message = None;
    }
    match action {
        Action::Done(outcome) => {
            finish(app, *outcome);
            // A change made from the detail shows in its history.
            if let Mode::Detail(key) = app.mode {
                return vec![Effect::LoadHistory(key)];
            }
            return Vec::new();
        }
        Action::RoadmapPaneOpened(last_change) => {
            app.mode = Mode::Roadmap {
                last_change,
                scroll: 0,
            };
            return Vec::new();
        }
        Action::HistoryLoaded(key, entries) => {
            app.history = Some((key, entries));
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
        Action::Reopened(outcome) => {
            app.undo_stack.clear();
            app.redo_stack.clear();
            finish(app, *outcome);
            return Vec::new();
        }
        Action::Quit => {
            app.should_quit = true;
            return vec![Effect::Quit];
        }
        Action::ReviewOpened(draft) => {
            if app.roadmap.is_some() {
                // Anything but a fresh draft of its kind was left earlier.
                let fresh = crate::domain::review::ReviewDraft::new(draft.kind, draft.started_on);
                let resumed = *draft != fresh;
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
        Action::ImportPreviewed(preview) => {
            let (path, report) = *preview;
            match report {
                Ok(report) => {
                    let title = format!(
                        "{report}\nImport {}? Enter imports (one change undo takes back), Esc cancels",
                        path.display()
                    );
                    let intent = PromptIntent::ConfirmImport { path };
                    app.mode = Mode::Prompt(Box::new(Prompt::new(title, intent)));
                }
                Err(message) => app.error(message),
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
    // Screens without state of their own handle the action in place.
    let screen: Option<fn(&mut App, Action) -> Vec<Effect>> = match app.mode {
        Mode::Board => Some(board),
        Mode::Gantt => Some(gantt),
        Mode::Parking => Some(parking),
        Mode::Log => Some(log_view),
        Mode::Review => Some(review),
        Mode::Tracks => Some(tracks),
        Mode::FirstRun => Some(first_run),
        Mode::Detail(_)
        | Mode::Help { .. }
        | Mode::Learning { .. }
        | Mode::Request(_)
        | Mode::Roadmap { .. }
        | Mode::Criteria { .. }
        | Mode::Prompt(_)
        | Mode::Picker(_)
        | Mode::Form(_) => None,
    };
    if let Some(screen) = screen {
        return screen(app, action);
    }
    // Overlays are taken out, updated, and put back (or closed).
    match std::mem::replace(&mut app.mode, Mode::Board) {
        Mode::Detail(key) => {
            if action == Action::Back {
                app.mode = app.home();
                Vec::new()
            } else {
                app.mode = Mode::Detail(key);
                board(app, action)
            }
        }
        Mode::Help { scroll } => {
            app.mode = match action {
                Action::Back | Action::Help => app.home(),
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
        Mode::Learning { scroll } => {
            app.mode = match action {
                Action::Back | Action::Learning => app.home(),
                Action::Down => Mode::Learning {
                    scroll: scroll.saturating_add(1),
                },
                Action::Up => Mode::Learning {
                    scroll: scroll.saturating_sub(1),
                },
                _ => Mode::Learning { scroll },
            };
            Vec::new()
        }
        Mode::Criteria { phase, row } => criteria(app, (phase, row), action),
        Mode::Roadmap {
            last_change,
            scroll,
        } => {
            let scroll = match action {
                Action::Down => scroll.saturating_add(1),
                Action::Up => scroll.saturating_sub(1),
                _ => scroll,
            };
            app.mode = match (action, app.roadmap.as_ref()) {
                (Action::Back, _) => app.home(),
                (Action::EditRoadmap, Some(roadmap)) => {
                    Mode::Form(Box::new(roadmap_form(&roadmap.info)))
                }
                _ => Mode::Roadmap {
                    last_change,
                    scroll,
                },
            };
            Vec::new()
        }
        Mode::Request(id) => {
            app.mode = match action {
                Action::Back | Action::Open => app.home(),
                _ => Mode::Request(id),
            };
            Vec::new()
        }
        Mode::Prompt(prompt) => prompt_update(app, *prompt, action),
        Mode::Picker(picker) => picker_update(app, *picker, action),
        Mode::Form(form) => form_update(app, *form, action),
        other => {
            app.mode = other;
            Vec::new()
        }
    }
}

/// The card detail of `key`, its change log read for it.
fn open_detail(app: &mut App, key: FeatureKey) -> Vec<Effect> {
    app.mode = Mode::Detail(key);
    vec![Effect::LoadHistory(key)]
}

/// A fresh file: start an empty roadmap (asks its name) or the example.
fn first_run(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::StartEmpty => {
            app.mode = Mode::Prompt(Box::new(Prompt::new(
                "Name of the new roadmap",
                PromptIntent::RoadmapName,
            )));
            Vec::new()
        }
        Action::LoadExample => vec![Effect::write(Write::LoadExample)],
        Action::Import => {
            open_path_prompt(app, PromptIntent::ImportPath);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Takes a write's outcome: the new snapshot, the message, the undo stacks.
/// Types `key` into a text input; `true` when the text changed. Ctrl-u
/// clears the line before the cursor, as in a shell (the editor's own
/// Ctrl-u is its undo).
fn type_into(input: &mut ratatui_textarea::TextArea<'_>, key: KeyInput) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    if key.0.code == KeyCode::Char('u') && key.0.modifiers.contains(KeyModifiers::CONTROL) {
        return input.delete_line_by_head();
    }
    input.input(key.0)
}

fn finish(app: &mut App, outcome: Outcome) {
    let held = app
        .roadmap
        .as_ref()
        .and_then(Roadmap::slot_holder)
        .is_some();
    let done = outcome.message.is_ok();
    let offer_update = std::mem::take(&mut app.offer_update);
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
    let form = app.pending_form.take();
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
        Err(text) => {
            // A refused save brings its form back as typed.
            if let Some(form) = form {
                app.mode = Mode::Form(form);
            }
            let text = crate::app::refusal::with_keys(&app.keymap, &text, &outcome.remedies);
            app.error(text);
        }
    }
    if let Some(key) = outcome.select {
        app.select_key(key);
    }
    if held && done {
        offer_up_next(app);
    }
    if offer_update && done {
        let title = "Review recorded. Write the stakeholder update to (Enter writes, Esc skips):";
        let mut prompt = Prompt::new(title, PromptIntent::UpdatePath);
        prompt.input.insert_str(format!("update-{}.md", app.today));
        app.mode = Mode::Prompt(Box::new(prompt));
    }
}

/// Once the ONE slot is free, the feature up next is one key away.
fn offer_up_next(app: &mut App) {
    let Some(roadmap) = &app.roadmap else { return };
    let Some(next) = roadmap
        .up_next()
        .filter(|_| roadmap.slot_holder().is_none())
    else {
        return;
    };
    if !matches!(
        app.mode,
        Mode::Board | Mode::Gantt | Mode::Parking | Mode::Tracks
    ) {
        return;
    }
    let title = format!(
        "{} is up next. Start it now? Enter starts it, Esc not now",
        next.label()
    );
    let intent = PromptIntent::StartNext { key: next.key };
    app.mode = Mode::Prompt(Box::new(Prompt::new(title, intent)));
}
