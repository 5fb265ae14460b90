//! The guided review.

use super::*;
use crate::domain::command::Command;

/// The write that marks `phase` complete, with `why`.
pub(super) fn close_phase(phase: &Phase, why: String) -> Command {
    let base = PhaseFields::of(phase);
    let fields = PhaseFields {
        status: Some(PhaseStatus::Complete),
        ..base.clone()
    };
    Command::EditPhase {
        id: phase.id,
        base,
        fields,
        why,
    }
}

/// The guided review: one screen a step, the draft kept at every step.
pub(super) fn review(app: &mut App, action: Action) -> Vec<Effect> {
    use crate::domain::review::{ReviewStep, next_candidates};
    let Some(roadmap) = app.roadmap.as_ref() else {
        return Vec::new();
    };
    let Some(view) = review_in(&mut app.screens) else {
        return Vec::new();
    };
    let step = view.draft.step;
    let keep = |view: &ReviewView| Effect::SaveReviewDraft(Box::new(view.current()));
    let blockers: Vec<BlockerId> = roadmap
        .blockers
        .iter()
        .filter(|b| b.blocks_now())
        .map(|b| b.id)
        .collect();
    // Only the step on screen needs its list: a key typed into the notes
    // does not rank every planned feature.
    let candidates: Vec<FeatureKey> = match step {
        ReviewStep::NextFeature => next_candidates(roadmap).iter().map(|f| f.key).collect(),
        _ => Vec::new(),
    };
    let checks: Vec<FeatureKey> = match step {
        ReviewStep::Outcomes => {
            crate::domain::outcome::due_checks(roadmap, app.today, app.outcome_days)
                .iter()
                .map(|(f, _)| f.key)
                .collect()
        }
        _ => Vec::new(),
    };
    let rows = match step {
        ReviewStep::Phases => roadmap.phases.len(),
        ReviewStep::Outcomes => checks.len(),
        ReviewStep::Blockers => blockers.len(),
        ReviewStep::NextFeature => candidates.len(),
        _ => 0,
    };
    let active = roadmap.slot_holder().cloned();
    match action {
        // Next week's ONE goes nowhere without its why, metric and target,
        // each given or skipped with a reason.
        Action::NextStep if step == ReviewStep::NextFeature && view.draft.chosen.is_some() => {
            return ask_readiness(app, &[]);
        }
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
            type_into(&mut view.notes, key);
        }
        Action::Back => {
            let effect = keep(view);
            app.close_review();
            let again = app
                .keymap
                .key_for(&Action::Review)
                .map_or(String::new(), |key| format!(": {key} resumes it"));
            app.info(format!("review kept{again}"));
            return vec![effect];
        }
        Action::Submit => {
            let draft = view.current();
            app.close_review();
            app.offer_update = draft.kind == ReviewKind::Weekly;
            return vec![Effect::write(Command::FinishReview(Box::new(draft)))];
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
            return vec![keep(view), Effect::write(Command::ResolveBlocker { id })];
        }
        Action::Snooze if step == ReviewStep::Blockers => {
            let Some(&id) = blockers.get(view.selected) else {
                app.info("no open blocker");
                return Vec::new();
            };
            app.overlays.push(Overlay::Prompt(Box::new(Prompt::new(
                "New ETA (a date like fri or +1w; empty clears)",
                PromptIntent::BlockerEta { id },
            ))));
        }
        Action::Parking if step == ReviewStep::NewItems => {
            let effect = keep(view);
            app.open_screen(Screen::Parking);
            return vec![effect];
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
            // Open work left behind is a decision: it needs a reason.
            if let Some(open) = crate::domain::review::open_work(roadmap, phase.id) {
                let title = format!(
                    "\"{}\" has open work: {open}. Why close it? {}",
                    phase.name,
                    // The keymap field alone: the review's view is in hand.
                    app.keymap
                        .key_for_in(Context::Prompt, &Action::Back)
                        .map_or(String::new(), |key| format!("({key} keeps it open)"))
                );
                let intent = PromptIntent::ClosePhaseWhy { id: phase.id };
                app.overlays
                    .push(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
                return vec![keep(view)];
            }
            view.draft
                .decisions
                .push(format!("phase \"{}\" complete", phase.name));
            return vec![
                keep(view),
                Effect::write(close_phase(&phase, String::new())),
            ];
        }
        Action::AdjustTimeline if step == ReviewStep::Phases => {
            let drift = crate::domain::update::drift(roadmap, app.today, app.default_velocity);
            if drift.is_empty() {
                app.info("every phase's forecast end is its planned end");
                return Vec::new();
            }
            let describe = |d: &crate::domain::update::Drift| {
                format!(
                    "{}: {} → {} ({:+} days)",
                    d.phase, d.planned_end, d.forecast_end, d.days
                )
            };
            let all: Vec<(PhaseId, chrono::NaiveDate)> =
                drift.iter().map(|d| (d.id, d.forecast_end)).collect();
            let mut items = vec![PickItem {
                label: format!("all {}", drift.len()),
                value: PickValue::Ends(all),
                marked: false,
                search: String::new(),
            }];
            items.extend(drift.iter().map(|d| PickItem {
                label: describe(d),
                value: PickValue::Ends(vec![(d.id, d.forecast_end)]),
                marked: false,
                search: String::new(),
            }));
            let back = app.key_in(Context::Picker, Action::Back);
            let title =
                format!("Move phase ends to the forecast: all, or one at a time ({back}: none)");
            open_picker(app, title, PickerPurpose::AdjustTimeline, items);
        }
        Action::CheckCriteria if step == ReviewStep::Phases => {
            if let Some(phase) = roadmap.phases.get(view.selected).cloned() {
                open_criteria(app, &phase);
            }
        }
        Action::RecordOutcome(result) if step == ReviewStep::Outcomes => {
            let Some(&key) = checks.get(view.selected) else {
                app.info("no outcome check is due");
                return Vec::new();
            };
            let title = format!(
                "{key} {}: what was measured? (then ` -- ` and a note; {} alone records it bare)",
                result.phrase(),
                app.prompt_keys().0
            );
            app.overlays.push(Overlay::Prompt(Box::new(Prompt::new(
                title,
                PromptIntent::OutcomeValue { key, result },
            ))));
        }
        Action::Choose if step == ReviewStep::NextFeature => {
            let Some(&key) = candidates.get(view.selected) else {
                app.info("no planned feature to choose");
                return Vec::new();
            };
            if view.draft.chosen != Some(key) {
                view.draft.skipped.clear();
            }
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
        Action::Help => app.overlays.push(Overlay::Help { scroll: 0 }),
        // A change made in the review is taken back in the review.
        Action::Undo => return board(app, Action::Undo),
        _ => {}
    }
    Vec::new()
}

/// Asks for the first of why now, success metric and target that next
/// week's ONE lacks (`given`: just typed, not yet in the snapshot), or,
/// when it lacks none, moves the review to its next step.
pub(super) fn ask_readiness(app: &mut App, given: &[Readiness]) -> Vec<Effect> {
    let Some(view) = review_in(&mut app.screens) else {
        return Vec::new();
    };
    let chosen = view
        .draft
        .chosen
        .and_then(|key| app.roadmap.as_ref()?.feature_by_key(key));
    let missing = chosen.map_or(Vec::new(), |f| {
        let mut done = view.draft.skipped.clone();
        done.extend_from_slice(given);
        Readiness::missing(f, &done)
    });
    if let (Some(f), Some(&field)) = (chosen, missing.first()) {
        let title = format!(
            "{} has no {}: the method asks for one before it is next week's ONE. Type it, or `skip` and why",
            f.label(),
            field.phrase()
        );
        let intent = PromptIntent::Readiness { key: f.key, field };
        app.overlays
            .push(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
        return Vec::new();
    }
    if let Some(next) = view.draft.step.next(view.draft.kind) {
        view.draft.step = next;
        view.selected = 0;
    }
    vec![Effect::SaveReviewDraft(Box::new(view.current()))]
}

/// The answer to `ask_readiness`: the field given (a write) or skipped
/// with a reason (a decision of the review); then the next question.
pub(super) fn answer_readiness(
    app: &mut App,
    prompt: Prompt,
    (key, field): (FeatureKey, Readiness),
) -> Vec<Effect> {
    let text = prompt.text();
    if let Some(reason) = text.strip_prefix("skip") {
        let reason = reason.trim_start_matches([':', ' ', '-', '—']).trim();
        if reason.is_empty() {
            return ask_again(
                format!(
                    "say why it is skipped: skip <reason> {}",
                    app.cancel_hint("cancels")
                ),
                app,
                prompt,
            );
        }
        if let Some(view) = review_in(&mut app.screens) {
            view.draft.skipped.push(field);
            let decision = format!("{key} {} skipped: {reason}", field.phrase());
            view.draft.decisions.push(decision);
        }
        return ask_readiness(app, &[]);
    }
    let Some(feature) = app.roadmap.as_ref().and_then(|r| r.feature_by_key(key)) else {
        return Vec::new();
    };
    let base = FeatureFields::of(feature);
    let mut fields = base.clone();
    match field {
        _ if text.is_empty() => {
            return ask_again(
                format!("type the {} or `skip` and why", field.phrase()),
                app,
                prompt,
            );
        }
        Readiness::Why => fields.why = text,
        Readiness::Metric => fields.metric = text,
        Readiness::Target => match parse_date(&text, app.today) {
            Ok(date) => fields.target = Some(date),
            Err(error) => {
                return ask_again(error.to_string(), app, prompt);
            }
        },
    }
    let write = Effect::write(Command::EditFeature {
        key,
        base: Box::new(base),
        fields: Box::new(fields),
        why: String::new(),
    });
    let mut effects = vec![write];
    effects.extend(ask_readiness(app, &[field]));
    effects
}

/// An outcome check answered in the review: kept in the draft (a later
/// answer replaces an earlier one) and recorded with the review.
pub(super) fn answer_outcome(
    app: &mut App,
    key: FeatureKey,
    record: crate::domain::outcome::OutcomeRecord,
) -> Vec<Effect> {
    app.info(format!(
        "{key} {}: recorded with the review",
        record.result.phrase()
    ));
    let Some(view) = review_in(&mut app.screens) else {
        return Vec::new();
    };
    view.draft.outcomes.retain(|(k, _)| *k != key);
    view.draft.outcomes.push((key, record));
    vec![Effect::SaveReviewDraft(Box::new(view.current()))]
}
