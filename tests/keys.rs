//! Keys named in messages, titles and hints come from the keymap: with
//! each key they name remapped (on the board and per screen, as a config's
//! `[keys]` and `[keys.parking]` tables do), the new key is named and the
//! default one never; with every action of every screen remapped, no
//! screen, hint or message names a default key.

use crate::common;

use common::board::Harness;
use common::today;
use roadboard::app::Action;
use roadboard::app::keymap::{Binding, Context, Keymap};
use roadboard::app::state::GanttPlacement;
use roadboard::domain::PhaseFields;
use std::path::Path;

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

/// Every action of every screen on a key no default uses (F1 to F255,
/// then Ctrl-F1 onwards), as `[keys.<screen>]` tables would put them.
fn everything_remapped() -> Keymap {
    let defaults = Keymap::default();
    let mut overrides = std::collections::BTreeMap::new();
    for (name, context) in Context::NAMED {
        for binding in defaults.bindings().iter().filter(|b| b.context == context) {
            let action = format!("{name}.{}", binding.action.name());
            let next = match overrides.len() + 1 {
                n @ ..=255 => format!("F{n}"),
                n => format!("<Ctrl-F{}>", n - 255),
            };
            overrides.entry(action).or_insert(next);
        }
    }
    let (keymap, problems) = Keymap::with_overrides(&overrides);
    assert!(problems.is_empty(), "{problems:?}");
    keymap
}

/// The default keys a text can name: their names as the help prints them.
fn default_key_names() -> Vec<String> {
    let mut names: Vec<String> = Keymap::default()
        .bindings()
        .iter()
        .map(|b| b.key.to_string())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The default keys `text` names: a key's name standing alone (a word of
/// its own, or in parentheses). Not the article "a", a number, an arrow
/// drawn between two things ("F4 → shipped"), a checkbox's brackets, the
/// slash of "MVP / Pilot" or "met / not met", or a form's "End" date.
fn default_keys_named(text: &str, names: &[String]) -> Vec<String> {
    text.split_whitespace()
        .map(|word| {
            word.trim_start_matches('(')
                .trim_end_matches([')', ',', ';'])
        })
        .map(|word| word.trim_end_matches(':').to_owned())
        .filter(|word| names.contains(word))
        .filter(|word| !["a", "A", "→", "←", "-", "/", "[", "]", "End"].contains(&word.as_str()))
        .filter(|word| word.parse::<u32>().is_err())
        .collect()
}

/// Opens the screen or overlay where `binding` acts on a copy of the
/// `example` file (the first run on an empty file), `nth` steps on: the
/// review's nth step, the nth list of a screen with lists.
fn open_where(binding: &Binding, nth: usize, example: &Path, keymap: &Keymap) -> Harness {
    let mut h = match binding.context {
        Context::FirstRun => Harness::empty(today()),
        _ => Harness::copy_of(example, today()),
    };
    h.app.keymap = keymap.clone();
    if binding.context == Context::FirstRun {
        return h;
    }
    let opening = match binding.context {
        Context::Detail => Some(Action::Open),
        Context::Help => Some(Action::Help),
        Context::Picker => Some(Action::Search),
        Context::Prompt => Some(Action::Capture),
        Context::Form => Some(Action::EditFeature),
        Context::Gantt => Some(Action::FullGantt),
        Context::Parking => Some(Action::Parking),
        Context::Log => Some(Action::Log),
        Context::Review | Context::ReviewNotes => Some(Action::Review),
        Context::Tracks => Some(Action::Tracks),
        Context::Learning => Some(Action::Learning),
        Context::Roadmap => Some(Action::RoadmapPane),
        Context::Criteria => Some(Action::CheckCriteria),
        Context::Board | Context::FirstRun => None,
    };
    h.act(opening.unwrap_or(Action::Top));
    let step = match binding.context {
        Context::Review => Action::NextStep,
        _ => Action::SwitchList,
    };
    for _ in 0..nth {
        h.act(step.clone());
    }
    if binding.context == Context::ReviewNotes {
        while h.app.context() != Context::ReviewNotes {
            h.act(Action::NextStep);
        }
    }
    if nth == 0 {
        assert_eq!(
            h.app.context(),
            binding.context,
            "{}",
            binding.action.name()
        );
    }
    h
}

#[test]
fn with_every_action_remapped_no_message_title_or_hint_names_a_default_key() {
    let keymap = everything_remapped();
    let names = default_key_names();
    let mut found = std::collections::BTreeSet::new();
    let example = Harness::example(today());
    let path = example.store.path().to_owned();
    drop(example.store);
    // Keys act on what is in focus: each is tried on every step of the
    // review and every list of a screen with lists.
    let tries = |b: &Binding| match b.context {
        Context::Review => 8,
        Context::Parking => 2,
        Context::Tracks => 4,
        _ => 1,
    };
    for binding in Keymap::default().bindings() {
        for nth in 0..tries(binding) {
            let mut h = open_where(binding, nth, &path, &keymap);
            let elsewhere = binding.on.is_some() && h.app.selection() != binding.on;
            if h.app.context() != binding.context || elsewhere {
                continue;
            }
            let before = h.render(140, 40);
            let key = keymap
                .key_for_in(binding.context, &binding.action)
                .expect("every action keeps a key");
            h.press(&key);
            let seen = format!("{before}\n{}\n{}", h.render(140, 40), h.message());
            for line in seen.lines() {
                for name in default_keys_named(line, &names) {
                    let line = line.trim();
                    found.insert(format!("{}: {name} in {line:?}", binding.action.name()));
                }
            }
        }
    }
    assert!(found.is_empty(), "default keys named: {found:#?}");
}
