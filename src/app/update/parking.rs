//! The parking lot: one key per triage decision.

use super::*;
use crate::domain::command::Command;

/// The parking lot: one key per triage decision. Afterwards the view
/// remembers which items its selections are on.
pub(super) fn parking(app: &mut App, action: Action) -> Vec<Effect> {
    let effects = triage(app, action);
    if let Some(roadmap) = &app.roadmap {
        app.parking.remember(roadmap);
    }
    effects
}

/// Asks for a change-log note: what was done, and why.
pub(super) fn open_note_prompt(app: &mut App) {
    let title = "Note in the change log: what was done, then ` -- ` (or ` — `) and why";
    app.show(Overlay::Prompt(Box::new(Prompt::new(
        title,
        PromptIntent::Note,
    ))));
}

/// Asks what a customer asked, and who.
pub(super) fn open_request_prompt(app: &mut App) {
    let title = "Customer request: what was asked, then `from` and who asked (\"Print the rota from Bistro\")";
    app.show(Overlay::Prompt(Box::new(Prompt::new(
        title,
        PromptIntent::Request,
    ))));
}

fn triage(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(roadmap) = app.roadmap.as_ref() else {
        return Vec::new();
    };
    let features = app.parking.features(roadmap);
    let requests = app.parking.requests(roadmap);
    let lengths = [features.len(), requests.len()];
    let focus = app.parking.focus;
    let row = app
        .parking
        .row()
        .min(lengths[focus as usize].saturating_sub(1));
    let feature = (focus == Lot::Features)
        .then(|| features.get(row).map(|f| (*f).clone()))
        .flatten();
    let request = (focus == Lot::Requests)
        .then(|| requests.get(row).map(|r| (*r).clone()))
        .flatten();
    let nothing = |app: &mut App| {
        app.info(if focus == Lot::Features {
            "no parked feature here"
        } else {
            "no request here"
        });
        Vec::new()
    };
    match action {
        Action::Parking | Action::Back => app.leave_screen(),
        Action::Up => app.parking.rows[focus as usize] = row.saturating_sub(1),
        Action::Down => {
            app.parking.rows[focus as usize] =
                (row + 1).min(lengths[focus as usize].saturating_sub(1))
        }
        Action::SwitchList => {
            app.parking.focus = if focus == Lot::Features {
                Lot::Requests
            } else {
                Lot::Features
            };
        }
        Action::Sort => {
            app.parking.order = app.parking.order.next();
            let order = app.parking.order.name();
            app.info(format!("sorted by {order}"));
        }
        Action::Filter => {
            let mut prompt = Prompt::new(
                "Keep the items with these words (empty shows all)",
                PromptIntent::ParkingFilter,
            );
            prompt.input.insert_str(&app.parking.filter);
            app.show(Overlay::Prompt(Box::new(prompt)));
        }
        Action::ToggleAllRequests => {
            app.parking.all_requests = !app.parking.all_requests;
            app.info(if app.parking.all_requests {
                "showing every request"
            } else {
                "showing new requests"
            });
        }
        Action::Capture => {
            app.show(Overlay::Prompt(Box::new(Prompt::new(
                "Capture an idea for the parking lot",
                PromptIntent::Capture,
            ))));
        }
        Action::Open => match (feature, request) {
            (Some(f), _) => return open_detail(app, f.key),
            (None, Some(r)) => app.show(Overlay::Request(r.id)),
            (None, None) => return nothing(app),
        },
        Action::AddRequest => open_request_prompt(app),
        Action::Undo | Action::Redo => return board(app, action),
        Action::Help => app.show(Overlay::Help { scroll: 0 }),
        Action::Transition(Transition::Promote) => {
            let Some(f) = feature else {
                return nothing(app);
            };
            let items = promote_targets(app);
            if items.is_empty() {
                app.error(format!(
                    "no phase to promote to: add one on the board with {}",
                    app.key(Action::NewPhase)
                ));
                return Vec::new();
            }
            open_picker(
                app,
                format!("Promote {} to which phase?", f.label()),
                PickerPurpose::PromoteTo { key: f.key },
                items,
            );
        }
        Action::Transition(Transition::Drop) => match (feature, request) {
            (Some(f), _) => {
                let title = format!("Why drop {}?", f.label());
                app.show(Overlay::Prompt(Box::new(Prompt::new(
                    title,
                    PromptIntent::Reason {
                        key: f.key,
                        transition: Transition::Drop,
                    },
                ))));
            }
            (_, Some(r)) => {
                let title = format!("Why decline \"{}\"?", r.text);
                app.show(Overlay::Prompt(Box::new(Prompt::new(
                    title,
                    PromptIntent::Decline { request: r.id },
                ))));
            }
            _ => return nothing(app),
        },
        Action::RaisePriority | Action::LowerPriority => {
            let raise = action == Action::RaisePriority;
            match (feature, request) {
                (Some(f), _) => {
                    // P0 is the top: raising moves towards it.
                    let level = match f.priority {
                        None if raise => 2,
                        None => 3,
                        Some(p) if raise => p.level().saturating_sub(1),
                        Some(p) => (p.level() + 1).min(3),
                    };
                    let base = FeatureFields::of(&f);
                    let fields = FeatureFields {
                        priority: Priority::from_level(level),
                        ..base.clone()
                    };
                    return vec![Effect::write(Command::EditFeature {
                        key: f.key,
                        base: Box::new(base),
                        fields: Box::new(fields),
                        why: String::new(),
                    })];
                }
                (_, Some(r)) => {
                    let priority = match (r.priority, raise) {
                        (RequestPriority::Low, true) | (RequestPriority::High, false) => {
                            RequestPriority::Med
                        }
                        (RequestPriority::Med, true) | (RequestPriority::High, true) => {
                            RequestPriority::High
                        }
                        (RequestPriority::Med, false) | (RequestPriority::Low, false) => {
                            RequestPriority::Low
                        }
                    };
                    return vec![Effect::write(Command::SetRequestPriority {
                        id: r.id,
                        priority,
                    })];
                }
                _ => return nothing(app),
            }
        }
        Action::Snooze => match feature {
            Some(f) => {
                let title = format!(
                    "Reconsider {} when? (a condition, +4w, or both; empty clears)",
                    f.label()
                );
                let now = f.reconsider_label(|d| d.to_string()).unwrap_or_default();
                let prompt = Prompt::new(title, PromptIntent::Snooze { key: f.key });
                app.show(Overlay::Prompt(Box::new(prompt.with_text(&now))));
            }
            None => {
                app.info(format!(
                    "snooze is for parked features ({} to the features)",
                    app.key_in(Context::Parking, Action::SwitchList)
                ));
            }
        },
        Action::LinkRequest => match request {
            Some(r) => {
                let title = format!("Link \"{}\" to which feature?", r.text);
                open_picker(
                    app,
                    title,
                    PickerPurpose::LinkRequest { request: r.id },
                    link_targets(app),
                );
            }
            None => {
                app.info(format!(
                    "linking is for requests ({} to the requests)",
                    app.key_in(Context::Parking, Action::SwitchList)
                ));
            }
        },
        Action::MergeRequest => match request {
            Some(r) => {
                let others: Vec<PickItem> = roadmap
                    .requests
                    .iter()
                    .filter(|other| other.id != r.id)
                    .map(|other| PickItem {
                        label: format!("#{} {} ({})", other.id.0, other.text, other.demand_label()),
                        value: PickValue::Request(other.id),
                        marked: false,
                        search: String::new(),
                    })
                    .collect();
                let title = format!("\"{}\" is the same as which request?", r.text);
                let purpose = PickerPurpose::MergeRequest { request: r.id };
                open_picker(app, title, purpose, others);
            }
            None => app.info(format!(
                "merging is for requests ({} to the requests)",
                app.key_in(Context::Parking, Action::SwitchList)
            )),
        },
        Action::RequestToFeature => match request {
            Some(r) => return vec![Effect::write(Command::RequestToFeature { id: r.id })],
            None => {
                app.info(format!(
                    "this turns a request into a feature ({} to the requests)",
                    app.key_in(Context::Parking, Action::SwitchList)
                ));
            }
        },
        _ => {}
    }
    Vec::new()
}

/// The phases a parked feature can be promoted to, the one used last
/// first (so Enter repeats it). Built when asked, not on every key.
fn promote_targets(app: &App) -> Vec<PickItem> {
    let Some(roadmap) = &app.roadmap else {
        return Vec::new();
    };
    let mut items: Vec<PickItem> = roadmap
        .phases
        .iter()
        .map(|p| PickItem {
            label: p.name.clone(),
            value: PickValue::Phase(p.id),
            marked: Some(p.id) == app.parking.last_phase,
            search: String::new(),
        })
        .collect();
    items.sort_by_key(|i| !i.marked);
    items
}

/// The features a request can be linked to (all but the dropped).
fn link_targets(app: &App) -> Vec<PickItem> {
    let Some(roadmap) = &app.roadmap else {
        return Vec::new();
    };
    roadmap
        .features
        .iter()
        .filter(|f| f.status != FeatureStatus::Dropped)
        .map(|f| PickItem {
            label: format!("{} {}  [{}]", f.key, f.title, f.status.phrase()),
            value: PickValue::Feature(f.key),
            marked: false,
            search: String::new(),
        })
        .collect()
}
