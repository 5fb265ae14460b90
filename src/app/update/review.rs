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
/// The moves every step shares first, then what the step on screen does.
pub(super) fn review(app: &mut App, action: Action) -> Vec<Effect> {
    use crate::domain::review::ReviewStep as S;
    let Some(step) = review_in(&mut app.screens).map(|view| view.draft.step) else {
        return Vec::new();
    };
    if app.roadmap.is_none() {
        return Vec::new();
    }
    if let Some(effects) = every_step(app, step, &action) {
        // A step of its own has its own rows.
        if app
            .review_view()
            .is_some_and(|view| view.draft.step != step)
        {
            app.relist_top();
        }
        return effects;
    }
    match step {
        S::ActiveFeature => active_step(app, action),
        S::Blockers => blockers_step(app, action),
        S::NewItems if action == Action::Parking => {
            let effects = kept(app);
            app.open_screen(Screen::Parking(Box::default()));
            effects
        }
        S::Phases => phases_step(app, action),
        S::Outcomes => outcomes_step(app, action),
        S::NextFeature => next_feature_step(app, action),
        _ => Vec::new(),
    }
}

/// The draft as it is now, to keep.
fn kept(app: &mut App) -> Vec<Effect> {
    review_in(&mut app.screens)
        .map(|view| Effect::SaveReviewDraft(Box::new(view.current())))
        .into_iter()
        .collect()
}

/// The rows of the step on screen (`ReviewView::rows`).
fn step_rows(app: &App) -> usize {
    app.review_view().map_or(0, |view| view.rows.len())
}

/// The position, in its roadmap list, of the selected row of the step.
fn selected_row(app: &App) -> Option<usize> {
    let view = app.review_view()?;
    view.rows.get(view.selected).copied()
}

/// The row selected in the review.
fn selected(app: &mut App) -> usize {
    review_in(&mut app.screens).map_or(0, |view| view.selected)
}

/// The moves of every step: along the steps and rows, the notes, leaving,
/// finishing, help and undo. `None` when `action` is the step's own.
fn every_step(
    app: &mut App,
    step: crate::domain::review::ReviewStep,
    action: &Action,
) -> Option<Vec<Effect>> {
    use crate::domain::review::ReviewStep as S;
    let rows = step_rows(app);
    let view = review_in(&mut app.screens)?;
    let keep = |view: &ReviewView| vec![Effect::SaveReviewDraft(Box::new(view.current()))];
    let moved = |view: &mut ReviewView, to: Option<S>| {
        to.map_or_else(Vec::new, |to| {
            view.draft.step = to;
            view.selected = 0;
            keep(view)
        })
    };
    Some(match action {
        // Next week's ONE goes nowhere without its why, metric and target,
        // each given or skipped with a reason.
        Action::NextStep if step == S::NextFeature && view.draft.chosen.is_some() => {
            ask_readiness(app, &[])
        }
        Action::NextStep => moved(view, step.next(view.draft.kind)),
        Action::PreviousStep => moved(view, step.previous(view.draft.kind)),
        Action::Down => {
            view.selected = (view.selected + 1).min(rows.saturating_sub(1));
            Vec::new()
        }
        Action::Up => {
            view.selected = view.selected.saturating_sub(1);
            Vec::new()
        }
        Action::SelectRow(crate::app::keymap::Selection::Review, row) => {
            view.selected = (*row).min(rows.saturating_sub(1));
            Vec::new()
        }
        Action::Input(key) => {
            type_into(&mut view.notes, *key);
            Vec::new()
        }
        Action::Paste(text) => {
            paste_into(&mut view.notes, text, false);
            Vec::new()
        }
        Action::Back => {
            let effects = keep(view);
            app.close_review();
            let again = app
                .keymap
                .key_for(&Action::Review)
                .map_or(String::new(), |key| format!(": {key} resumes it"));
            app.info(format!("review kept{again}"));
            effects
        }
        Action::Submit => {
            let draft = view.current();
            app.close_review();
            app.offer_update = draft.kind == ReviewKind::Weekly;
            vec![Effect::write(Command::FinishReview(Box::new(draft)))]
        }
        Action::Help => {
            app.overlays.push(Overlay::Help { scroll: 0 });
            Vec::new()
        }
        // A change made in the review is taken back in the review.
        Action::Undo => board(app, Action::Undo),
        _ => return None,
    })
}

/// This week's ONE: a transition of it, or a blocker on it.
fn active_step(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(feature) = app.roadmap.as_ref().and_then(|r| r.slot_holder()).cloned() else {
        if matches!(action, Action::Transition(_) | Action::AddBlocker) {
            app.info("no feature holds the slot this week");
        }
        return Vec::new();
    };
    match action {
        Action::Transition(transition) => {
            if let Some(view) = review_in(&mut app.screens) {
                let decision = format!("{} → {}", feature.key, transition.target().phrase());
                view.draft.decisions.push(decision);
            }
            let mut effects = kept(app);
            effects.extend(transition_flow(app, &feature, transition));
            effects
        }
        Action::AddBlocker => board_action_on(app, &feature, Action::AddBlocker),
        _ => Vec::new(),
    }
}

/// The open blockers: resolved, or a new ETA.
fn blockers_step(app: &mut App, action: Action) -> Vec<Effect> {
    if !matches!(action, Action::ResolveBlocker | Action::SetBlockerEta) {
        return Vec::new();
    }
    let Some(id) = (app.roadmap.as_ref()).and_then(|r| Some(r.blockers[selected_row(app)?].id))
    else {
        app.info("no open blocker");
        return Vec::new();
    };
    if action == Action::SetBlockerEta {
        app.overlays.push(Overlay::Prompt(Box::new(Prompt::new(
            "New ETA (a date like fri or +1w; empty clears)",
            PromptIntent::BlockerEta { id },
        ))));
        return Vec::new();
    }
    if let Some(view) = review_in(&mut app.screens) {
        view.draft.decisions.push("a blocker resolved".into());
    }
    let mut effects = kept(app);
    effects.push(Effect::write(Command::ResolveBlocker { id }));
    effects
}

/// The phases: complete one, move their ends, check their criteria.
fn phases_step(app: &mut App, action: Action) -> Vec<Effect> {
    let row = selected(app);
    let Some(phase) = app
        .roadmap
        .as_ref()
        .and_then(|r| r.phases.get(row))
        .cloned()
    else {
        return Vec::new();
    };
    match action {
        Action::CompletePhase => complete_phase(app, &phase),
        Action::AdjustTimeline => {
            adjust_timeline(app);
            Vec::new()
        }
        Action::CheckCriteria => {
            open_criteria(app, &phase);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Marks `phase` complete when its criteria allow; open work left behind
/// asks for a reason first.
fn complete_phase(app: &mut App, phase: &Phase) -> Vec<Effect> {
    let Some(roadmap) = app.roadmap.as_ref() else {
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
    if let Some(open) = crate::domain::review::open_work(roadmap, phase.id) {
        let keeps = app
            .keymap
            .key_for_in(Context::Prompt, &Action::Back)
            .map_or(String::new(), |key| format!("({key} keeps it open)"));
        let title = format!(
            "\"{}\" has open work: {open}. Why close it? {keeps}",
            phase.name
        );
        let intent = PromptIntent::ClosePhaseWhy { id: phase.id };
        app.overlays
            .push(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
        return kept(app);
    }
    if let Some(view) = review_in(&mut app.screens) {
        view.draft
            .decisions
            .push(format!("phase \"{}\" complete", phase.name));
    }
    let mut effects = kept(app);
    effects.push(Effect::write(close_phase(phase, String::new())));
    effects
}

/// Offers to move the phases' ends to their forecast: all, or one.
fn adjust_timeline(app: &mut App) {
    let Some(roadmap) = app.roadmap.as_ref() else {
        return;
    };
    let drift = crate::domain::update::drift(roadmap, app.today, app.default_velocity);
    if drift.is_empty() {
        app.info("every phase's forecast end is its planned end");
        return;
    }
    let pick = |label: String, ends: Vec<(PhaseId, chrono::NaiveDate)>| PickItem {
        action: Action::MoveEnds {
            label: label.clone(),
            ends,
        },
        label,
        marked: false,
        search: String::new(),
    };
    let all = drift.iter().map(|d| (d.id, d.forecast_end)).collect();
    let mut items = vec![pick(format!("all {}", drift.len()), all)];
    items.extend(drift.iter().map(|d| {
        let label = format!(
            "{}: {} → {} ({:+} days)",
            d.phase, d.planned_end, d.forecast_end, d.days
        );
        pick(label, vec![(d.id, d.forecast_end)])
    }));
    let back = app.key_in(Context::Picker, Action::Back);
    let title = format!("Move phase ends to the forecast: all, or one at a time ({back}: none)");
    open_picker(app, title, items);
}

/// The outcome checks due: what each measured.
fn outcomes_step(app: &mut App, action: Action) -> Vec<Effect> {
    let Action::RecordOutcome(result) = action else {
        return Vec::new();
    };
    let Some(key) = (app.roadmap.as_ref()).and_then(|r| Some(r.features[selected_row(app)?].key))
    else {
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
    Vec::new()
}

/// Next week's ONE: chosen, then confirmed in its card's form.
fn next_feature_step(app: &mut App, action: Action) -> Vec<Effect> {
    if action != Action::Choose {
        return Vec::new();
    }
    let Some(key) = (app.roadmap.as_ref()).and_then(|r| Some(r.features[selected_row(app)?].key))
    else {
        app.info("no planned feature to choose");
        return Vec::new();
    };
    if let Some(view) = review_in(&mut app.screens) {
        if view.draft.chosen != Some(key) {
            view.draft.skipped.clear();
        }
        view.draft.chosen = Some(key);
    }
    let mut effects = kept(app);
    // Confirm its why-now, metric and target in the card's form.
    effects.extend(board_action_on(
        app,
        &roadmap_feature(app, key),
        Action::EditFeature,
    ));
    let save = app.key_in(Context::Form, Action::Submit);
    app.info(format!(
        "{key} chosen: confirm its why, metric and target, then {save}"
    ));
    effects
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
