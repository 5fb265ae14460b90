//! What the board edits in place: the selected card (new, edited, its
//! dependencies and blockers, private or public), the focused phase (new,
//! edited, its milestones and criteria), and the finders (search, filter,
//! palette).

use super::*;
use crate::domain::command::Command;

/// The selected card's edits: new, edited, its dependencies and blockers, private or public.
pub(super) fn card_edits(app: &mut App, action: Action) -> Vec<Effect> {
    if app.roadmap.is_none() {
        return Vec::new();
    }
    let selected = app.selected_feature().cloned();
    match action {
        Action::NewFeature => {
            let Some(phase) = app.focused_phase() else {
                app.error(format!("add a phase first ({})", app.key(Action::NewPhase)));
                return Vec::new();
            };
            let title = format!("New feature in \"{}\"", phase.name);
            let kind = FormKind::NewFeature {
                phase: Some(phase.id),
            };
            app.show(Overlay::Form(Box::new(feature_form(title, kind, None))));
        }
        Action::EditFeature => {
            let Some(feature) = selected else {
                return nothing_selected(app);
            };
            let kind = FormKind::EditFeature {
                key: feature.key,
                base: Box::new(FeatureFields::of(&feature)),
            };
            let title = format!("Edit {}", feature.label());
            app.show(Overlay::Form(Box::new(feature_form(
                title,
                kind,
                Some(&feature),
            ))));
        }
        Action::EditDependencies => match selected {
            Some(feature) => dependencies_picker(app, &feature),
            None => return nothing_selected(app),
        },
        Action::AddBlocker => {
            let Some(feature) = selected else {
                return nothing_selected(app);
            };
            let title = format!(
                "{} is waiting for… (end with `by` and a date if you know when: \"contract from pilot by fri\")",
                feature.key
            );
            app.show(Overlay::Prompt(Box::new(Prompt::new(
                title,
                PromptIntent::Blocker { key: feature.key },
            ))));
        }
        Action::ResolveBlockers => {
            let Some(feature) = selected else {
                return nothing_selected(app);
            };
            return vec![Effect::write(Command::ResolveBlockers { key: feature.key })];
        }
        Action::TogglePrivate => {
            let Some(feature) = selected else {
                return nothing_selected(app);
            };
            let write = Command::SetPrivate {
                key: feature.key,
                private: !feature.private,
            };
            return vec![Effect::write(write)];
        }
        _ => unreachable!("only these actions come here"),
    }
    Vec::new()
}

/// The focused phase's edits: new, edited, its milestones and success criteria.
pub(super) fn phase_edits(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::NewPhase {
        app.show(Overlay::Form(Box::new(phase_form(
            "New phase".into(),
            None,
        ))));
        return Vec::new();
    }
    // Every other edit is of the focused phase.
    let (Some(roadmap), Some(phase)) = (app.roadmap.as_ref(), app.focused_phase().cloned()) else {
        app.error(no_phase_yet(app));
        return Vec::new();
    };
    match action {
        Action::EditPhase => {
            app.show(Overlay::Form(Box::new(phase_form(
                format!("Edit phase \"{}\"", phase.name),
                Some(&phase),
            ))));
        }
        Action::AddMilestone => {
            let title = format!(
                "Milestone for \"{}\" (end with `by` and a target date: \"Pilot renews by 2027-01-15\")",
                phase.name
            );
            let intent = PromptIntent::Milestone { phase: phase.id };
            app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
        }
        Action::CheckCriteria => {
            open_criteria(app, &phase);
        }
        Action::AddCriterion => {
            let title = format!(
                "Success criterion for \"{}\" (what must be true when it is done)",
                phase.name
            );
            let intent = PromptIntent::Criterion { phase: phase.id };
            app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
        }
        Action::CheckMilestone => {
            let today = app.today;
            let items: Vec<PickItem> = roadmap
                .milestones
                .iter()
                .filter(|m| m.phase == phase.id)
                .map(|m| PickItem {
                    label: format!(
                        "{}{}",
                        m.text,
                        m.target.map(|d| format!("  ({d})")).unwrap_or_default()
                    ),
                    action: Action::Apply(Box::new(Command::SetMilestoneDone {
                        id: m.id,
                        done: m.done.is_none().then_some(today),
                    })),
                    marked: m.done.is_some(),
                    search: String::new(),
                })
                .collect();
            if items.is_empty() {
                app.info(format!(
                    "\"{}\" has no milestones: add one with {}",
                    phase.name,
                    app.key(Action::AddMilestone)
                ));
                return Vec::new();
            }
            let title = format!(
                "Milestones of \"{}\": {} checks off or reopens",
                phase.name,
                app.key_in(Context::Picker, Action::Submit)
            );
            open_picker(app, title, items);
        }
        _ => unreachable!("only these actions come here"),
    }
    Vec::new()
}

/// Offers every other card, those `feature` depends on checked: choosing
/// one adds or removes it.
fn dependencies_picker(app: &mut App, feature: &Feature) {
    let Some(roadmap) = app.roadmap.as_ref() else {
        return;
    };
    let current: Vec<FeatureId> = roadmap
        .dependencies
        .iter()
        .filter(|d| d.feature == feature.id)
        .map(|d| d.depends_on)
        .collect();
    let items = roadmap
        .features
        .iter()
        .filter(|f| f.id != feature.id)
        .map(|f| {
            let (key, on) = (feature.key, f.key);
            let marked = current.contains(&f.id);
            let toggle = if marked {
                Command::RemoveDependency { key, on }
            } else {
                Command::AddDependency { key, on }
            };
            PickItem {
                label: format!("{} {}  [{}]", f.key, f.title, f.status.phrase()),
                action: Action::Apply(Box::new(toggle)),
                marked,
                search: String::new(),
            }
        })
        .collect();
    let submit = app.key_in(Context::Picker, Action::Submit);
    let title = format!("{} depends on… ({submit} adds or removes)", feature.key);
    open_picker(app, title, items);
}

/// Finding things: search, the filter, the command palette.
pub(super) fn finders(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Search => search_picker(app),
        Action::Filter => filter_picker(app),
        Action::Palette => palette(app),
        _ => unreachable!("only these actions come here"),
    }
    Vec::new()
}

/// Every card, found by any of its text.
fn search_picker(app: &mut App) {
    let Some(roadmap) = app.roadmap.as_ref() else {
        return;
    };
    let items = roadmap
        .features
        .iter()
        .map(|f| PickItem {
            label: format!("{} {}  [{}]", f.key, f.title, f.status.phrase()),
            action: Action::JumpTo(f.key),
            marked: false,
            // Every text field of the card is searched.
            search: [
                &f.description,
                &f.why,
                &f.metric,
                &f.owner,
                &f.link,
                &f.pilot_feedback,
                &f.why_interesting,
                &f.why_deferred,
            ]
            .map(String::as_str)
            .join(" "),
        })
        .collect();
    open_picker(app, "Search features".into(), items);
}

/// The filters: everything, a status, a priority.
fn filter_picker(app: &mut App) {
    let mut items = vec![PickItem {
        label: "everything (no filter)".into(),
        action: Action::SetFilter(Filter::default()),
        marked: app.filter == Filter::default(),
        search: String::new(),
    }];
    for &status in FeatureStatus::ALL {
        let filter = Filter {
            status: Some(status),
            priority: None,
        };
        items.push(PickItem {
            label: format!("status: {}", status.phrase()),
            action: Action::SetFilter(filter),
            marked: app.filter == filter,
            search: String::new(),
        });
    }
    for &priority in Priority::ALL {
        let filter = Filter {
            status: None,
            priority: Some(priority),
        };
        items.push(PickItem {
            label: format!("priority: {}", priority.as_str().to_uppercase()),
            action: Action::SetFilter(filter),
            marked: app.filter == filter,
            search: String::new(),
        });
    }
    open_picker(app, "Filter the board".into(), items);
}

/// Every action by name, with its key.
fn palette(app: &mut App) {
    let items = app
        .keymap
        .palette()
        .into_iter()
        .map(|(action, key, help)| PickItem {
            label: if key.is_empty() {
                format!("{}: {help}", action.name())
            } else {
                format!("{}: {help}  ({key})", action.name())
            },
            action,
            marked: false,
            search: String::new(),
        })
        .collect();
    open_picker(app, "Command".into(), items);
}
