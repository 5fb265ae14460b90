//! The parking lot: one key per triage decision.

use super::*;
use crate::domain::command::Command;

/// The parking lot: one key per triage decision. Afterwards the view
/// remembers which items its selections are on.
pub(super) fn parking(app: &mut App, action: Action) -> Vec<Effect> {
    let effects = triage(app, action);
    if let (Some(roadmap), Some(Screen::Parking(view))) = (&app.roadmap, app.screens.last_mut()) {
        view.remember(roadmap);
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

/// What the selection is on.
enum Item {
    Feature(Box<Feature>),
    Request(Box<CustomerRequest>),
    Nothing(Lot),
}

fn triage(app: &mut App, action: Action) -> Vec<Effect> {
    let (Some(roadmap), Some(view)) = (app.roadmap.as_ref(), app.parking_view()) else {
        return Vec::new();
    };
    let focus = view.focus;
    let len = view.len(focus);
    let row = view.row().min(len.saturating_sub(1));
    let item = match focus {
        Lot::Features => view
            .feature(roadmap, row)
            .map(|f| Item::Feature(Box::new(f.clone()))),
        Lot::Requests => view
            .request(roadmap, row)
            .map(|r| Item::Request(Box::new(r.clone()))),
    };
    if matches!(action, Action::Undo | Action::Redo) {
        return board(app, action);
    }
    if lot_move(app, &action, row, len) {
        return Vec::new();
    }
    match item.unwrap_or(Item::Nothing(focus)) {
        Item::Feature(f) => feature_decision(app, action, &f),
        Item::Request(r) => request_decision(app, action, &r),
        Item::Nothing(lot) if is_decision(&action) => {
            app.info(match lot {
                Lot::Features => "no parked feature here",
                Lot::Requests => "no request here",
            });
            Vec::new()
        }
        Item::Nothing(_) => Vec::new(),
    }
}

/// The keys that decide about the selected item.
fn is_decision(action: &Action) -> bool {
    matches!(
        action,
        Action::Open
            | Action::Transition(Transition::Promote | Transition::Drop)
            | Action::DeclineRequest
            | Action::RaisePriority
            | Action::LowerPriority
            | Action::Snooze
            | Action::LinkRequest
            | Action::MergeRequest
            | Action::RequestToFeature
    )
}

/// The moves within the lot (`row` of `len` in the focused list);
/// `true` when `action` was one, whatever is selected.
fn lot_move(app: &mut App, action: &Action, row: usize, len: usize) -> bool {
    if matches!(action, Action::Parking | Action::Back) {
        app.leave_screen();
        return true;
    }
    let (Some(roadmap), Some(Screen::Parking(view))) = (&app.roadmap, app.screens.last_mut())
    else {
        return false;
    };
    let focus = view.focus as usize;
    match action {
        Action::SelectRow(crate::app::keymap::Selection::Lot(lot), clicked) => {
            view.focus = *lot;
            view.rows[*lot as usize] = *clicked;
        }
        Action::Up => view.rows[focus] = row.saturating_sub(1),
        Action::Down => view.rows[focus] = (row + 1).min(len.saturating_sub(1)),
        Action::SwitchList => {
            view.focus = match view.focus {
                Lot::Features => Lot::Requests,
                Lot::Requests => Lot::Features,
            };
        }
        Action::Sort => {
            view.next_order(roadmap);
            let order = view.order().name();
            app.info(format!("sorted by {order}"));
        }
        Action::Filter => {
            let mut prompt = Prompt::new(
                "Keep the items with these words (empty shows all)",
                PromptIntent::ParkingFilter,
            );
            prompt.input.insert_str(view.filter());
            app.show(Overlay::Prompt(Box::new(prompt)));
        }
        Action::ToggleAllRequests => {
            view.toggle_all_requests(roadmap);
            let all = view.all_requests();
            app.info(if all {
                "showing every request"
            } else {
                "showing new requests"
            });
        }
        Action::Capture => app.show(Overlay::Prompt(Box::new(Prompt::new(
            "Capture an idea for the parking lot",
            PromptIntent::Capture,
        )))),
        Action::AddRequest => open_request_prompt(app),
        Action::Help => app.show(Overlay::Help { scroll: 0 }),
        _ => return false,
    }
    true
}

/// A decision about a parked feature.
fn feature_decision(app: &mut App, action: Action, f: &Feature) -> Vec<Effect> {
    match action {
        Action::Open => return open_detail(app, f.key),
        Action::Transition(Transition::Promote) => promote(app, f),
        Action::Transition(Transition::Drop) => {
            let intent = PromptIntent::Reason {
                key: f.key,
                transition: Transition::Drop,
            };
            let title = format!("Why drop {}?", f.label());
            app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
        }
        Action::RaisePriority | Action::LowerPriority => {
            return vec![reprioritize(f, action == Action::RaisePriority)];
        }
        Action::Snooze => {
            let title = format!(
                "Reconsider {} when? (a condition, +4w, or both; empty clears)",
                f.label()
            );
            let now = f.reconsider_label(|d| d.to_string()).unwrap_or_default();
            let prompt = Prompt::new(title, PromptIntent::Snooze { key: f.key });
            app.show(Overlay::Prompt(Box::new(prompt.with_text(&now))));
        }
        Action::DeclineRequest => for_the_other_list(app, "declining is for requests", "requests"),
        Action::LinkRequest => for_the_other_list(app, "linking is for requests", "requests"),
        Action::MergeRequest => for_the_other_list(app, "merging is for requests", "requests"),
        Action::RequestToFeature => {
            for_the_other_list(app, "this turns a request into a feature", "requests")
        }
        _ => {}
    }
    Vec::new()
}

/// Offers the phases to promote `f` to.
fn promote(app: &mut App, f: &Feature) {
    let items = promote_targets(app, f.key);
    if items.is_empty() {
        app.error(format!(
            "no phase to promote to: add one on the board with {}",
            app.key(Action::NewPhase)
        ));
        return;
    }
    let title = format!("Promote {} to which phase?", f.label());
    open_picker(app, title, items);
}

/// `f` one priority level up (towards P0) or down.
fn reprioritize(f: &Feature, raise: bool) -> Effect {
    let level = match f.priority {
        None if raise => 2,
        None => 3,
        Some(p) if raise => p.level().saturating_sub(1),
        Some(p) => (p.level() + 1).min(3),
    };
    let base = FeatureFields::of(f);
    let fields = FeatureFields {
        priority: Priority::from_level(level),
        ..base.clone()
    };
    Effect::write(Command::EditFeature {
        key: f.key,
        base: Box::new(base),
        fields: Box::new(fields),
        why: String::new(),
    })
}

/// Says that a key works on the other list, and which key goes there.
fn for_the_other_list(app: &mut App, what: &str, list: &str) {
    let switch = app.key_in(Context::Parking, Action::SwitchList);
    app.info(format!("{what} ({switch} to the {list})"));
}

/// A decision about a customer request.
fn request_decision(app: &mut App, action: Action, r: &CustomerRequest) -> Vec<Effect> {
    use RequestPriority::{High, Low, Med};
    match action {
        Action::Open => app.show(Overlay::Request(r.id)),
        Action::Transition(Transition::Promote) => {
            for_the_other_list(app, "promoting is for parked features", "features")
        }
        Action::Snooze => for_the_other_list(app, "snooze is for parked features", "features"),
        Action::Transition(Transition::Drop) => {
            for_the_other_list(app, "dropping is for parked features", "features")
        }
        Action::DeclineRequest => {
            let title = format!("Why decline \"{}\"?", r.text);
            let intent = PromptIntent::Decline { request: r.id };
            app.show(Overlay::Prompt(Box::new(Prompt::new(title, intent))));
        }
        Action::RaisePriority | Action::LowerPriority => {
            let priority = match (r.priority, action == Action::RaisePriority) {
                (Low, true) | (High, false) => Med,
                (Med | High, true) => High,
                (Med | Low, false) => Low,
            };
            return vec![Effect::write(Command::SetRequestPriority {
                id: r.id,
                priority,
            })];
        }
        Action::LinkRequest => {
            let title = format!("Link \"{}\" to which feature?", r.text);
            let targets = link_targets(app, r.id);
            open_picker(app, title, targets);
        }
        Action::MergeRequest => merge_picker(app, r),
        Action::RequestToFeature => {
            return vec![Effect::write(Command::RequestToFeature { id: r.id })];
        }
        _ => {}
    }
    Vec::new()
}

/// Offers the other requests `r` may be a duplicate of.
fn merge_picker(app: &mut App, r: &CustomerRequest) {
    let Some(roadmap) = app.roadmap.as_ref() else {
        return;
    };
    let others: Vec<PickItem> = roadmap
        .requests
        .iter()
        .filter(|other| other.id != r.id)
        .map(|other| PickItem {
            label: format!("#{} {} ({})", other.id.0, other.text, other.demand_label()),
            action: Action::Apply(Box::new(Command::MergeRequest {
                duplicate: r.id,
                into: other.id,
            })),
            marked: false,
            search: String::new(),
        })
        .collect();
    let title = format!("\"{}\" is the same as which request?", r.text);
    open_picker(app, title, others);
}

/// The phases a parked feature can be promoted to, the one used last
/// first (so Enter repeats it). Built when asked, not on every key.
fn promote_targets(app: &App, key: FeatureKey) -> Vec<PickItem> {
    let Some(roadmap) = &app.roadmap else {
        return Vec::new();
    };
    let mut items: Vec<PickItem> = roadmap
        .phases
        .iter()
        .map(|p| PickItem {
            label: p.name.clone(),
            action: Action::PromoteTo(key, p.id),
            marked: Some(p.id) == app.last_promoted_to,
            search: String::new(),
        })
        .collect();
    items.sort_by_key(|i| !i.marked);
    items
}

/// The features request `id` can be linked to (all but the dropped).
fn link_targets(app: &App, id: RequestId) -> Vec<PickItem> {
    let Some(roadmap) = &app.roadmap else {
        return Vec::new();
    };
    roadmap
        .features
        .iter()
        .filter(|f| f.status != FeatureStatus::Dropped)
        .map(|f| PickItem {
            label: format!("{} {}  [{}]", f.key, f.title, f.status.phrase()),
            action: Action::Apply(Box::new(Command::LinkRequest { id, key: f.key })),
            marked: false,
            search: String::new(),
        })
        .collect()
}
