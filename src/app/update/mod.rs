//! `update`: the board's behaviour, as a pure function of the state and an
//! action. It returns effects for the runner and never does I/O itself.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use super::action::{Action, KeyInput};
use super::effect::{Effect, Fresh, Outcome, UndoKind, Write};
use super::keymap::Context;
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

mod board;
mod criteria;
mod edits;
mod forms;
mod log;
mod parking;
mod pickers;
mod prompts;
mod review;
mod tracks;
mod typed;

use board::*;
use criteria::*;
use edits::*;
use forms::*;
use log::*;
use parking::*;
use pickers::*;
use prompts::*;
use review::*;
use tracks::*;
use typed::*;

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // A message answers the last thing asked; the next one clears it.
    if action.is_asked() {
        app.message = None;
    }
    let action = match reported(app, action) {
        Ok(effects) => return effects,
        Err(action) => action,
    };
    // A paste with no field to take it is refused whole: read as keys, a
    // line of text would rename, move and start cards.
    if matches!(action, Action::Paste(_)) && !app.context().takes_text() {
        app.error("nothing to paste into: open a field first (a paste is never read as keys)");
        return Vec::new();
    }
    match action {
        Action::JumpTo(_)
        | Action::SetFilter(_)
        | Action::Apply(_)
        | Action::PromoteTo(..)
        | Action::MoveEnds { .. }
        | Action::SyncWith(_) => return pickers::chosen(app, action),
        Action::Quit => {
            app.should_quit = true;
            return vec![Effect::Quit];
        }
        _ => {}
    }
    match app.overlays.pop() {
        None => screen_update(app, action),
        // Put back unless the action closes it: its update may open
        // another over it.
        Some(overlay) => overlay_update(app, overlay, action),
    }
}

/// What the store sent back (a write's outcome, news of another writer,
/// what was read), taken in; any other action is given back.
fn reported(app: &mut App, action: Action) -> Result<Vec<Effect>, Action> {
    match action {
        Action::Done(outcome) => {
            finish(app, *outcome);
            // A change made from the detail shows in its history.
            if let Some(&Overlay::Detail(key)) = app.top() {
                return Ok(vec![Effect::LoadHistory(key)]);
            }
        }
        Action::RoadmapPaneOpened(last_change) => app.show(Overlay::Roadmap {
            last_change,
            scroll: 0,
        }),
        Action::HistoryLoaded(history) => app.history = Some(*history),
        Action::SyncState(line) => app.sync_line = line,
        Action::SyncConflicts(conflicts) => pickers::open_conflicts(app, *conflicts),
        Action::Reloaded(outcome) => {
            if let Some(fresh) = outcome.roadmap {
                app.refresh(fresh);
                leave_first_run(app);
            }
        }
        Action::Reopened(outcome) => {
            app.undo_stack.clear();
            app.redo_stack.clear();
            finish(app, *outcome);
        }
        Action::Failed(text) => app.error(text),
        Action::ImportProgress(percent) => app.info(format!("importing… {percent}%")),
        Action::ReviewOpened(draft) => review_opened(app, *draft),
        Action::ImportPreviewed(preview) => import_previewed(app, *preview),
        Action::LogLoaded(entries) => {
            if let Some(roadmap) = &app.roadmap {
                let view = LogView::new(&entries, (roadmap, &app.index));
                app.open_screen(Screen::Log(Box::new(view)));
            }
        }
        other => return Err(other),
    }
    Ok(Vec::new())
}

/// The review read from the file: opened where it was left, or anew.
fn review_opened(app: &mut App, draft: crate::domain::review::ReviewDraft) {
    if app.roadmap.is_none() {
        return;
    }
    // Anything but a fresh draft of its kind was left earlier.
    let fresh = crate::domain::review::ReviewDraft::new(draft.kind, draft.started_on);
    let resumed = draft != fresh;
    let kind = draft.kind;
    app.open_screen(Screen::Review(Box::new(ReviewView::new(draft))));
    if resumed {
        app.info(format!("{kind} review resumed where you left it"));
    }
}

/// What a document holds, shown before it is imported.
fn import_previewed(app: &mut App, (path, report): (std::path::PathBuf, Result<String, String>)) {
    match report {
        Ok(report) => {
            // "reading …" said its part: the report is the answer.
            app.message = None;
            let (submit, back) = app.prompt_keys();
            let title = format!(
                "{report}\nImport {}? {submit} imports (one change undo takes back), {back} cancels",
                path.display()
            );
            let intent = PromptIntent::ConfirmImport { path };
            app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
        }
        Err(message) => app.error(message),
    }
}

/// The top screen handles the action.
fn screen_update(app: &mut App, action: Action) -> Vec<Effect> {
    let handle: fn(&mut App, Action) -> Vec<Effect> = match app.screen() {
        Screen::Board => board,
        Screen::Gantt => gantt,
        Screen::Parking(_) => parking,
        Screen::Log(_) => log_view,
        Screen::Review(_) => review,
        Screen::Tracks(_) => tracks,
        Screen::FirstRun => first_run,
    };
    handle(app, action)
}

/// The overlay taken off the top handles the action: it shows itself
/// again (or what comes next) unless the action closed it.
fn overlay_update(app: &mut App, overlay: Overlay, action: Action) -> Vec<Effect> {
    let (down, up) = (action == Action::Down, action == Action::Up);
    let scrolled = |scroll: u16| match (down, up) {
        (true, _) => scroll.saturating_add(1),
        (_, true) => scroll.saturating_sub(1),
        _ => scroll,
    };
    match overlay {
        Overlay::Detail(key) => {
            if action != Action::Back {
                app.show(Overlay::Detail(key));
                return board(app, action);
            }
        }
        Overlay::Help { scroll } => {
            if !matches!(action, Action::Back | Action::Help) {
                app.show(Overlay::Help {
                    scroll: scrolled(scroll),
                });
            }
        }
        Overlay::Learning { scroll } => {
            if !matches!(action, Action::Back | Action::Learning) {
                app.show(Overlay::Learning {
                    scroll: scrolled(scroll),
                });
            }
        }
        Overlay::Criteria { phase, row } => return criteria(app, (phase, row), action),
        Overlay::Roadmap {
            last_change,
            scroll,
        } => match (action, app.roadmap.as_ref()) {
            (Action::Back, _) => {}
            (Action::EditRoadmap, Some(roadmap)) => {
                let form = roadmap_form(&roadmap.info);
                app.show(Overlay::Form(Box::new(form)));
            }
            _ => app.show(Overlay::Roadmap {
                last_change,
                scroll: scrolled(scroll),
            }),
        },
        Overlay::Request(id) => {
            if !matches!(action, Action::Back | Action::Open) {
                app.show(Overlay::Request(id));
            }
        }
        Overlay::Prompt(prompt) => return prompt_update(app, *prompt, action),
        Overlay::Picker(picker) => return picker_update(app, *picker, action),
        Overlay::Form(form) => return form_update(app, *form, action),
    }
    Vec::new()
}

/// The first roadmap came in: the board takes the first run's place.
fn leave_first_run(app: &mut App) {
    if matches!(app.screens.first(), Some(Screen::FirstRun)) {
        app.screens[0] = Screen::Board;
    }
}

/// The card detail of `key`, its change log read for it.
fn open_detail(app: &mut App, key: FeatureKey) -> Vec<Effect> {
    app.show(Overlay::Detail(key));
    vec![Effect::LoadHistory(key)]
}

/// A fresh file: start an empty roadmap (asks its name) or the example.
fn first_run(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::StartEmpty => {
            app.show(Overlay::Prompt(Box::new(Prompt::new(
                "Name of the new roadmap",
                PromptIntent::RoadmapName,
            ))));
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
/// Puts pasted `text` into `input` at once (a 100 KB paste is one insert,
/// not a keystroke each); into a one-line input its line breaks become
/// spaces, so a paste never submits.
fn paste_into(input: &mut ratatui_textarea::TextArea<'_>, text: &str, one_line: bool) -> bool {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = if one_line {
        text.replace('\n', " ")
    } else {
        text
    };
    input.insert_str(text)
}

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
    // A roadmap just made has no phase: say which key adds one.
    let empty_new = app.roadmap.is_none()
        && outcome
            .roadmap
            .as_ref()
            .and_then(Fresh::whole)
            .is_some_and(|r| r.phases.is_empty());
    if let Some(fresh) = outcome.roadmap {
        let first = app.roadmap.is_none();
        app.refresh(fresh);
        leave_first_run(app);
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
        Ok(text) if empty_new => {
            let key = app.key(Action::NewPhase);
            app.info(format!("{text}: add a phase with {key}"));
        }
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
                app.show(Overlay::Form(form));
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
        let (submit, back) = app.prompt_keys();
        let title = format!(
            "Review recorded. Write the stakeholder update to ({submit} writes, {back} skips):"
        );
        let mut prompt = Prompt::new(title, PromptIntent::UpdatePath);
        prompt.input.insert_str(format!("update-{}.md", app.today));
        app.show(Overlay::Prompt(Box::new(prompt)));
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
    let on_a_screen = app.top().is_none()
        && matches!(
            app.screen(),
            Screen::Board | Screen::Gantt | Screen::Parking(_) | Screen::Tracks(_)
        );
    if !on_a_screen {
        return;
    }
    let (submit, back) = app.prompt_keys();
    let title = format!(
        "{} is up next. Start it now? {submit} starts it, {back} not now",
        next.label()
    );
    let intent = PromptIntent::StartNext { key: next.key };
    app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
}
