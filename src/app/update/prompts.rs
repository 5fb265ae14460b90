//! One-line questions: why, when, which name or path.

use super::*;
use crate::domain::command::Command;

pub(super) fn prompt_update(app: &mut App, mut prompt: Prompt, action: Action) -> Vec<Effect> {
    match action {
        Action::Back => {
            // A save that waited on its why goes back to its form.
            if matches!(prompt.intent, PromptIntent::EditWhy { .. })
                && let Some(form) = app.pending_form.take()
            {
                app.show(Overlay::Form(form));
            }
            app.info("cancelled");
            Vec::new()
        }
        Action::Input(key) => {
            type_into(&mut prompt.input, key);
            prompt.error = None;
            app.show(Overlay::Prompt(Box::new(prompt)));
            Vec::new()
        }
        Action::Paste(text) => {
            paste_into(&mut prompt.input, &text, true);
            prompt.error = None;
            app.show(Overlay::Prompt(Box::new(prompt)));
            Vec::new()
        }
        Action::Submit => {
            let text = prompt.text();
            let answer = match Answers::of(&prompt.intent) {
                Answers::Moves => moves_answer(app, prompt, text),
                Answers::Ideas => ideas_answer(app, prompt, text),
                Answers::Blockers => blockers_answer(app, prompt, text),
                Answers::Inbox => inbox_answer(app, prompt, text),
                Answers::Files => files_answer(app, prompt, text),
                Answers::Phases => phases_answer(app, prompt, text),
            };
            let write = match answer {
                Answer::Done(effects) => return effects,
                Answer::Write(write) => *write,
            };
            // The log on screen shows the change it just got.
            if app.log_view().is_some() {
                return vec![Effect::write(write), Effect::LoadLog];
            }
            vec![Effect::write(write)]
        }
        _ => {
            app.show(Overlay::Prompt(Box::new(prompt)));
            Vec::new()
        }
    }
}

/// What a submitted prompt ends in: a write, or effects of its own (the
/// prompt asked again, the next question, nothing).
enum Answer {
    Write(Box<Write>),
    Done(Vec<Effect>),
}

/// Which answer function a prompt's intent goes to.
enum Answers {
    Moves,
    Ideas,
    Blockers,
    Inbox,
    Files,
    Phases,
}

impl Answers {
    fn of(intent: &PromptIntent) -> Answers {
        match intent {
            PromptIntent::Reason { .. }
            | PromptIntent::Override { .. }
            | PromptIntent::DeferWhy { .. }
            | PromptIntent::DeferWhen { .. }
            | PromptIntent::MoveWhy { .. }
            | PromptIntent::EditWhy { .. } => Answers::Moves,
            PromptIntent::Capture
            | PromptIntent::Snooze { .. }
            | PromptIntent::Readiness { .. }
            | PromptIntent::OutcomeValue { .. }
            | PromptIntent::StartNext { .. } => Answers::Ideas,
            PromptIntent::BlockerEta { .. }
            | PromptIntent::UpcomingBlocker { .. }
            | PromptIntent::BlockerMitigation { .. }
            | PromptIntent::Blocker { .. }
            | PromptIntent::Milestone { .. } => Answers::Blockers,
            PromptIntent::Decline { .. } | PromptIntent::Note | PromptIntent::Request => {
                Answers::Inbox
            }
            PromptIntent::ParkingFilter
            | PromptIntent::LogFilter
            | PromptIntent::ImportPath
            | PromptIntent::ExportPath
            | PromptIntent::ConfirmImport { .. }
            | PromptIntent::UpdatePath
            | PromptIntent::RoadmapName => Answers::Files,
            PromptIntent::AdjustWhy { .. }
            | PromptIntent::ClosePhaseWhy { .. }
            | PromptIntent::Criterion { .. }
            | PromptIntent::CriterionText { .. } => Answers::Phases,
        }
    }
}

/// Answers to why a feature moves: a reason, a deferral and when to reconsider, a move, an edit.
fn moves_answer(app: &mut App, prompt: Prompt, text: String) -> Answer {
    let today = app.today;
    let write = match &prompt.intent {
        PromptIntent::Reason { key, transition } | PromptIntent::Override { key, transition } => {
            if text.is_empty() {
                return Answer::Done(ask_again(
                    format!("a reason is needed {}", app.cancel_hint("cancels")),
                    app,
                    prompt,
                ));
            }
            let override_deps = matches!(prompt.intent, PromptIntent::Override { .. });
            Command::Transition {
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
                return Answer::Done(ask_again(
                    format!("say why it waits {}", app.cancel_hint("cancels")),
                    app,
                    prompt,
                ));
            }
            let key = *key;
            app.show(Overlay::Prompt(Box::new(Prompt::new(
                format!(
                    "Reconsider {key} when? (a condition, a date like +4w, or both: \"5 paying schools, +8w\"; empty for neither)"
                ),
                PromptIntent::DeferWhen { key, why: text },
            ))));
            return Answer::Done(Vec::new());
        }
        PromptIntent::DeferWhen { key, why } => match parse_reconsider(&text, today) {
            Ok((reconsider_when, reconsider)) => Command::Transition {
                key: *key,
                transition: Transition::Defer,
                args: TransitionArgs {
                    reason: Some(why.clone()),
                    reconsider,
                    reconsider_when,
                    ..TransitionArgs::default()
                },
            },
            Err(error) => {
                return Answer::Done(ask_again(error.to_string(), app, prompt));
            }
        },
        PromptIntent::MoveWhy { key, phase } => Command::MoveToPhase {
            key: *key,
            phase: *phase,
            why: text,
        },
        PromptIntent::EditWhy { write } => {
            let write = write.as_ref().clone();
            return edit_why_answer(app, prompt, write, text);
        }
        _ => unreachable!("only moves prompts come here"),
    };
    Answer::Write(Box::new(write.into()))
}

/// A form's save that waited on its why: a feature's new target or
/// priority (the why optional), a phase closed with open work (needed).
fn edit_why_answer(app: &mut App, prompt: Prompt, write: Command, text: String) -> Answer {
    if matches!(write, Command::EditPhase { .. }) && text.is_empty() {
        let back = app.prompt_keys().1;
        let error = format!("say why it closes with open work ({back} goes back to the form)");
        return Answer::Done(ask_again(error, app, prompt));
    }
    Answer::Write(Box::new(write.with_why(text).into()))
}

/// Answers about ideas and the ONE: a captured idea, a snooze, what next week's ONE lacks, the one up next, an outcome.
fn ideas_answer(app: &mut App, prompt: Prompt, text: String) -> Answer {
    let today = app.today;
    let write = match &prompt.intent {
        PromptIntent::Capture => {
            if text.is_empty() {
                return Answer::Done(ask_again(
                    format!("type the idea {}", app.cancel_hint("cancels")),
                    app,
                    prompt,
                ));
            }
            Command::AddFeature(NewFeature {
                fields: FeatureFields {
                    title: text,
                    ..FeatureFields::default()
                },
                phase: None,
                depends_on: Vec::new(),
                created: Some(today),
                private: false,
            })
        }
        PromptIntent::Snooze { key } => match parse_reconsider(&text, today) {
            Ok((reconsider_when, reconsider)) => {
                let Some(feature) = app.roadmap.as_ref().and_then(|r| r.feature_by_key(*key))
                else {
                    return Answer::Done(Vec::new());
                };
                let base = FeatureFields::of(feature);
                let fields = FeatureFields {
                    reconsider,
                    reconsider_when,
                    ..base.clone()
                };
                Command::EditFeature {
                    key: *key,
                    base: Box::new(base),
                    fields: Box::new(fields),
                    why: String::new(),
                }
            }
            Err(error) => {
                return Answer::Done(ask_again(error.to_string(), app, prompt));
            }
        },
        PromptIntent::Readiness { key, field } => {
            let answer = (*key, *field);
            return Answer::Done(answer_readiness(app, prompt, answer));
        }
        // A first import opens on what the document says of itself.
        PromptIntent::OutcomeValue { key, result } => {
            let (value, note) = split_on(&text, DASHES).unwrap_or((text.as_str(), ""));
            let record = crate::domain::outcome::OutcomeRecord {
                result: *result,
                value: value.trim().to_owned(),
                note: note.trim().to_owned(),
                date: app.today,
                again_on: Some(app.today + chrono::Days::new(app.outcome_days as u64)),
            };
            return Answer::Done(answer_outcome(app, *key, record));
        }
        PromptIntent::StartNext { key } => Command::Transition {
            key: *key,
            transition: Transition::Start,
            args: TransitionArgs::default(),
        },
        _ => unreachable!("only ideas prompts come here"),
    };
    Answer::Write(Box::new(write.into()))
}

/// Answers about what holds work up: a blocker, its ETA, its mitigation, one ahead; and a milestone with its date.
fn blockers_answer(app: &mut App, prompt: Prompt, text: String) -> Answer {
    let today = app.today;
    let write = match &prompt.intent {
        PromptIntent::BlockerEta { id } => match parse_optional_date(&text, today) {
            Ok(eta) => Command::SetBlockerEta { id: *id, eta },
            Err(error) => {
                return Answer::Done(ask_again(error.to_string(), app, prompt));
            }
        },
        PromptIntent::UpcomingBlocker { key } => {
            let (what, mitigation) = split_on(&text, DASHES).unwrap_or((&text, ""));
            // A leading key ties it to that feature.
            let (key, what) = match (key, what.split_once(' ')) {
                (Some(key), _) => (Some(*key), what),
                (None, Some((first, rest))) => match first.parse::<FeatureKey>() {
                    Ok(key) => (Some(key), rest),
                    Err(_) => (None, what),
                },
                (None, None) => (None, what),
            };
            if what.trim().is_empty() {
                return Answer::Done(ask_again(
                    format!("say what will block {}", app.cancel_hint("cancels")),
                    app,
                    prompt,
                ));
            }
            Command::AddUpcomingBlocker {
                key,
                what: what.trim().to_owned(),
                mitigation: mitigation.trim().to_owned(),
            }
        }
        PromptIntent::BlockerMitigation {
            key,
            waiting_for,
            eta,
        } => Command::AddBlocker {
            key: *key,
            waiting_for: waiting_for.clone(),
            eta: *eta,
            mitigation: text,
        },
        PromptIntent::Blocker { .. } | PromptIntent::Milestone { .. } => {
            match split_text_and_date(&text, today) {
                Err(error) => {
                    return Answer::Done(ask_again(
                        format!("{error} {}", app.cancel_hint("cancels")),
                        app,
                        prompt,
                    ));
                }
                Ok((body, date)) => match &prompt.intent {
                    PromptIntent::Milestone { phase } => Command::AddMilestone {
                        phase: *phase,
                        text: body,
                        target: date,
                    },
                    PromptIntent::Blocker { key } => {
                        let title = format!(
                            "What do you do meanwhile? (the mitigation; empty for none) — {key} waits for {body}"
                        );
                        let ask = PromptIntent::BlockerMitigation {
                            key: *key,
                            waiting_for: body,
                            eta: date,
                        };
                        app.show(Overlay::Prompt(Box::new(Prompt::new(title, ask))));
                        return Answer::Done(Vec::new());
                    }
                    _ => unreachable!("matched above"),
                },
            }
        }
        _ => unreachable!("only blockers prompts come here"),
    };
    Answer::Write(Box::new(write.into()))
}

/// Answers about what comes in: a request, a decline, a note.
fn inbox_answer(app: &mut App, prompt: Prompt, text: String) -> Answer {
    let write = match &prompt.intent {
        PromptIntent::Decline { request } => {
            if text.is_empty() {
                return Answer::Done(ask_again(
                    format!("say why it is declined {}", app.cancel_hint("cancels")),
                    app,
                    prompt,
                ));
            }
            Command::DeclineRequest {
                id: *request,
                why: text,
            }
        }
        PromptIntent::Note if text.is_empty() => {
            return Answer::Done(ask_again(
                format!("say what was done {}", app.cancel_hint("cancels")),
                app,
                prompt,
            ));
        }
        PromptIntent::Note => {
            let (what, why) = split_on(&text, DASHES).unwrap_or((text.as_str(), ""));
            Command::AddNote {
                what: what.trim().to_owned(),
                why: why.trim().to_owned(),
                feature: None,
            }
        }
        PromptIntent::Request => match split_on(&text, &[" — ", " -- ", " from "]) {
            Some((what, by)) if !what.trim().is_empty() && !by.trim().is_empty() => {
                Command::AddRequest {
                    text: what.trim().to_owned(),
                    by: by.trim().to_owned(),
                    priority: RequestPriority::Med,
                }
            }
            _ => {
                return Answer::Done(ask_again(
                    "write what was asked, then `from` and who asked",
                    app,
                    prompt,
                ));
            }
        },
        _ => unreachable!("only inbox prompts come here"),
    };
    Answer::Write(Box::new(write.into()))
}

/// Answers about filters and files: the lot's and the log's filters, paths in and out, the roadmap's name.
fn files_answer(app: &mut App, prompt: Prompt, text: String) -> Answer {
    let write = match &prompt.intent {
        PromptIntent::ParkingFilter => {
            if let (Some(roadmap), Some(Screen::Parking(view))) =
                (&app.roadmap, app.screens.last_mut())
            {
                view.set_filter(text, roadmap);
            }
            return Answer::Done(Vec::new());
        }
        PromptIntent::LogFilter => {
            if let Some(log) = app.log_view_mut() {
                log.set_filter(text);
                let (shown, total) = (log.shown.len(), log.rows.len());
                app.info(format!("{shown} of {total} entries"));
            }
            return Answer::Done(Vec::new());
        }
        PromptIntent::ImportPath | PromptIntent::ExportPath => {
            if text.is_empty() {
                return Answer::Done(ask_again(
                    format!("type a path {}", app.cancel_hint("cancels")),
                    app,
                    prompt,
                ));
            }
            let path = crate::config::home_relative(&text);
            if prompt.intent == PromptIntent::ImportPath {
                // First what the document holds; the import on Enter.
                // The store reads it on its thread: say so meanwhile.
                app.info(format!("reading {}…", path.display()));
                return Answer::Done(vec![Effect::PreviewImport(path)]);
            }
            Write::Export {
                path,
                velocity_days: app.default_velocity,
            }
        }
        PromptIntent::ConfirmImport { path } if app.roadmap.is_none() => {
            app.info(format!("importing {}…", path.display()));
            let import = Write::Import { path: path.clone() };
            return Answer::Done(vec![Effect::write(import), Effect::OpenRoadmapPane]);
        }
        PromptIntent::ConfirmImport { path } => {
            app.info(format!("importing {}…", path.display()));
            Write::Import { path: path.clone() }
        }
        PromptIntent::UpdatePath if text.is_empty() => {
            return Answer::Done(ask_again(
                format!("type a path {}", app.cancel_hint("skips")),
                app,
                prompt,
            ));
        }
        PromptIntent::UpdatePath => Write::StakeholderUpdate {
            path: crate::config::home_relative(&text),
            settings: app.publish.clone(),
            velocity: app.default_velocity,
        },
        PromptIntent::RoadmapName => {
            if text.is_empty() {
                return Answer::Done(ask_again("the roadmap needs a name", app, prompt));
            }
            Command::Init { name: text }.into()
        }
        _ => unreachable!("only files prompts come here"),
    };
    Answer::Write(Box::new(write))
}

/// Answers about phases: new end dates, closing one, its success criteria.
fn phases_answer(app: &mut App, prompt: Prompt, text: String) -> Answer {
    let write = match &prompt.intent {
        PromptIntent::AdjustWhy { ends } => {
            if let Some(review) = review_in(&mut app.screens) {
                review.draft.decisions.push("timeline adjusted".into());
            }
            Command::AdjustTimeline {
                ends: ends.clone(),
                why: text,
            }
        }
        PromptIntent::ClosePhaseWhy { .. } if text.is_empty() => {
            return Answer::Done(ask_again(
                format!(
                    "say why it closes with open work {}",
                    app.cancel_hint("keeps it open")
                ),
                app,
                prompt,
            ));
        }
        PromptIntent::ClosePhaseWhy { id } => {
            let Some(phase) = app.roadmap.as_ref().and_then(|r| r.phase(*id)).cloned() else {
                return Answer::Done(Vec::new());
            };
            if let Some(review) = review_in(&mut app.screens) {
                review
                    .draft
                    .decisions
                    .push(format!("phase \"{}\" complete: {text}", phase.name));
            }
            super::review::close_phase(&phase, text)
        }
        PromptIntent::Criterion { .. } if text.is_empty() => {
            return Answer::Done(ask_again(
                format!("a criterion needs words {}", app.cancel_hint("cancels")),
                app,
                prompt,
            ));
        }
        // Back to the phase's criteria, the change made.
        PromptIntent::Criterion { phase } => {
            let add = Command::AddCriterion {
                phase: *phase,
                text,
            };
            app.show_in_place(Overlay::Criteria {
                phase: *phase,
                row: usize::MAX,
            });
            return Answer::Done(vec![Effect::write(add)]);
        }
        PromptIntent::CriterionText { .. } if text.is_empty() => {
            let remove = app.key_in(Context::Criteria, Action::Remove);
            return Answer::Done(ask_again(
                format!("a criterion needs words ({remove} removes it)"),
                app,
                prompt,
            ));
        }
        PromptIntent::CriterionText { id, phase } => {
            let edit = Command::EditCriterion { id: *id, text };
            app.show_in_place(Overlay::Criteria {
                phase: *phase,
                row: 0,
            });
            return Answer::Done(vec![Effect::write(edit)]);
        }
        _ => unreachable!("only phases prompts come here"),
    };
    Answer::Write(Box::new(write.into()))
}

/// Asks for the document to import (`ImportPath`) or the file to export
/// to (`ExportPath`).
pub(super) fn open_path_prompt(app: &mut App, intent: PromptIntent) {
    let title = if intent == PromptIntent::ImportPath {
        "Import which document? (a path to .md or .json; you see what it holds first)"
    } else {
        "Export to which file? (.md Markdown, .json, .csv or .mmd Mermaid: the extension picks the format)"
    };
    app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
}

/// The prompt back as typed, saying what is wrong with it: fixed, or
/// cancelled. (`error` first: it may ask the keymap, before `app` is lent.)
pub(super) fn ask_again(
    error: impl Into<String>,
    app: &mut App,
    mut prompt: Prompt,
) -> Vec<Effect> {
    prompt.error = Some(error.into());
    app.show(Overlay::Prompt(Box::new(prompt)));
    Vec::new()
}
