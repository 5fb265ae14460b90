//! Keys named in messages, titles and hints come from the keymap: with
//! each key they name remapped (on the board and per screen, as a config's
//! `[keys]` and `[keys.parking]` tables do), the new key is named and the
//! default one never.

mod common;

use common::board::Harness;
use common::today;
use roadboard::app::Action;
use roadboard::app::keymap::Keymap;
use roadboard::app::state::GanttPlacement;
use roadboard::domain::PhaseFields;

fn remapped() -> Keymap {
    let overrides = [
        ("new_phase", "F2"),
        ("toggle_gantt", "F3"),
        ("add_milestone", "F4"),
        ("parking", "F5"),
        ("prompt.submit", "F6"),
        ("prompt.back", "F7"),
        ("picker.submit", "F8"),
        ("help.back", "F10"),
        ("help.down", "F11"),
        ("help.up", "F12"),
        ("parking.switch_list", "<Ctrl-t>"),
        ("tracks.switch_list", "<Ctrl-y>"),
        ("learning.back", "<Ctrl-b>"),
        ("new_feature", "<Ctrl-n>"),
        ("add_blocker", "<Ctrl-g>"),
        ("edit_dependencies", "<Ctrl-d>"),
        ("tracks.add", "<Ctrl-a>"),
        ("parking.capture", "<Ctrl-o>"),
        ("parking.toggle_all_requests", "<Ctrl-f>"),
    ];
    let overrides = overrides
        .iter()
        .map(|(action, key)| (action.to_string(), key.to_string()))
        .collect();
    let (keymap, problems) = Keymap::with_overrides(&overrides);
    assert!(problems.is_empty(), "{problems:?}");
    keymap
}

/// A sentence must name `key`, and none of the `defaults` it replaced.
fn names(text: &str, key: &str, defaults: &[&str]) {
    assert!(text.contains(key), "{key} named in: {text}");
    for default in defaults {
        assert!(!text.contains(default), "{default:?} named in: {text}");
    }
}

#[test]
fn a_new_roadmaps_messages_name_the_remapped_keys() {
    let mut h = Harness::empty(today());
    h.app.keymap = remapped();
    h.act(Action::StartEmpty);
    h.type_text("Acme");
    h.press("F6");
    names(&h.message(), "add a phase with F2", &["with N"]);
    names(&h.render(100, 30), "Press F2 to add", &["Press N"]);
    h.act(Action::CheckCriteria);
    names(&h.message(), "add one with F2", &["with N"]);
    h.act(Action::ZoomIn);
    names(&h.message(), "F3 opens it", &["g opens"]);

    let phase = PhaseFields {
        name: "MVP".into(),
        ..PhaseFields::default()
    };
    h.store.add_phase(&phase).unwrap();
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    h.act(Action::CheckMilestone);
    names(&h.message(), "add one with F4", &["with m"]);

    // The empty board and the empty tracks say which keys fill them.
    let board = h.render(100, 30);
    names(&board, "no cards: Ctrl-n adds one", &["cards: n adds"]);
    h.act(Action::Tracks);
    let tracks = h.render(160, 40);
    names(
        &tracks,
        "Ctrl-g on a card adds one; Ctrl-a here",
        &["b on a card", "n here"],
    );
    names(&tracks, "Ctrl-d on a card edits them", &["D on a card"]);
    names(&tracks, "no risks recorded (Ctrl-a adds one)", &["(n adds"]);
    h.act(Action::SwitchList);
    h.act(Action::Add);
    names(&h.message(), "Ctrl-d on the board", &["D on the board"]);

    h.act(Action::Back);
    h.act(Action::Parking);
    let lot = h.render(160, 40);
    names(&lot, "Ctrl-o captures an idea", &["parked: c captures"]);
    names(&lot, "(Ctrl-f shows all)", &["(f shows"]);
}

#[test]
fn titles_and_hints_name_the_remapped_keys() {
    let mut h = Harness::example(today());
    h.app.keymap = remapped();
    h.app.gantt.placement = GanttPlacement::Split;

    h.act(Action::Help);
    names(
        &h.render(120, 40),
        "Keys (F11/F12 scroll, F10 closes)",
        &["Esc closes"],
    );
    h.press("F10");

    // A move asks why, naming the prompt's keys.
    h.act(Action::MoveCardRight);
    let screen = h.render(140, 40);
    names(&screen, "F6 moves, F7 stays", &["Enter moves", "Esc stays"]);
    h.press("F7");

    h.act(Action::EditDependencies);
    names(&h.render(140, 40), "F8 adds or removes", &["Enter adds"]);
    h.press("Esc");

    // The parking lot, on its requests.
    h.press("F5 <Ctrl-t>");
    h.act(Action::Snooze);
    names(&h.message(), "(Ctrl-t to the features)", &["Tab to"]);
    h.act(Action::Open);
    names(&h.render(140, 40), "(Ctrl-b closes)", &["Esc closes"]);
}
