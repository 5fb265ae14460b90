//! Success criteria are first-class: added, checked off, reworded, moved
//! and removed from the command line and the board; a phase is complete
//! only when its criteria are met.

use crate::common;

use common::board::Harness;
use common::plan::Plan;
use roadboard::app::{Overlay, Screen};

#[test]
fn the_cli_manages_a_phases_criteria() {
    let plan = Plan::new();
    assert_eq!(
        plan.ok(&["criterion", "add", "Pilot pays", "--phase", "MVP"]),
        "added success criterion C1 \"Pilot pays\" to phase \"MVP\"\n"
    );
    plan.ok(&[
        "criterion",
        "add",
        "Two weeks without a bug",
        "--phase",
        "1",
    ]);
    assert_eq!(
        plan.ok(&["criterion", "move", "C2", "--up"]),
        "moved success criterion \"Two weeks without a bug\" up\n"
    );
    // At its end it stays, and nothing is logged for it.
    let logged = plan.ok(&["log"]).lines().count();
    assert_eq!(
        plan.ok(&["criterion", "move", "C2", "--up"]),
        "success criterion \"Two weeks without a bug\" is already first\n"
    );
    assert_eq!(plan.ok(&["log"]).lines().count(), logged);
    assert_eq!(
        plan.ok(&["criterion", "list"]),
        "[ ] C2   Two weeks without a bug  (MVP)\n[ ] C1   Pilot pays  (MVP)\n"
    );
    let (code, stderr) = plan.fails(&["phase", "edit", "MVP", "--status", "complete"]);
    assert_eq!(code, 3, "{stderr}");
    plan.ok(&["criterion", "check", "C1"]);
    plan.ok(&["criterion", "edit", "c2", "Ten days without a bug"]);
    plan.ok(&["criterion", "check", "C2"]);
    let list: serde_json::Value =
        serde_json::from_str(&plan.ok(&["criterion", "list", "--json"])).unwrap();
    assert_eq!(list[0]["text"], "Ten days without a bug");
    assert_eq!(list[0]["done"], true);
    // Its criteria met, the phase still has a feature open: closing it
    // needs a reason, here as on the board.
    let (code, stderr) = plan.fails(&["phase", "edit", "MVP", "--status", "complete"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("it has open work (1 of 1 features not shipped): say why it closes anyway"),
        "{stderr}"
    );
    plan.ok(&[
        "phase",
        "edit",
        "MVP",
        "--status",
        "complete",
        "--why",
        "the rest moves on",
    ]);
    assert!(plan.ok(&["log"]).contains("the rest moves on"));
    plan.ok(&["criterion", "remove", "C1"]);
    assert!(
        plan.ok(&["criterion", "list", "--phase", "MVP"])
            .starts_with("[x] C2")
    );
    let log = plan.ok(&["log"]);
    assert!(
        log.contains(
            "success criterion \"Two weeks without a bug\" now reads \"Ten days without a bug\""
        ),
        "{log}"
    );
    let (code, stderr) = plan.fails(&["criterion", "check", "X9"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("`X9` is not a success criterion id (e.g. C3)"),
        "{stderr}"
    );
    let (_, stderr) = plan.fails(&["criterion", "check", "C99"]);
    assert!(stderr.contains("no success criterion #99"), "{stderr}");
}

#[test]
fn the_board_adds_and_checks_off_criteria_of_the_focused_phase() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut h = Harness::example(today);
    let focused = h.app.focused_phase().unwrap().id;
    h.press(":");
    h.type_text("add a success criterion");
    h.press("Enter");
    assert!(
        matches!(h.app.top(), Some(Overlay::Prompt(_))),
        "{:?}",
        (h.app.screen(), h.app.top())
    );
    h.type_text("Pilot renews for a year");
    h.press("Enter");
    let roadmap = h.store.load().unwrap();
    let added = roadmap
        .criteria
        .iter()
        .find(|c| c.text == "Pilot renews for a year")
        .unwrap();
    assert_eq!(added.phase, focused, "the focused phase");
    // The phase's criteria are open, the new one selected: check it off.
    assert!(
        matches!(h.app.top(), Some(Overlay::Criteria { .. })),
        "{:?}",
        (h.app.screen(), h.app.top())
    );
    let criteria = |h: &Harness| -> Vec<(String, bool)> {
        h.store
            .load()
            .unwrap()
            .criteria
            .iter()
            .filter(|c| c.phase == focused)
            .map(|c| (c.text.clone(), c.done))
            .collect()
    };
    h.press("Enter");
    assert!(criteria(&h).contains(&("Pilot renews for a year".into(), true)));
    // Edit its words, move it to the top, remove another.
    h.press("e <Ctrl-u>");
    h.type_text("Pilot renews for twelve months");
    h.press("Enter");
    assert!(
        matches!(h.app.top(), Some(Overlay::Criteria { .. })),
        "back to the list"
    );
    let last = criteria(&h).len() - 1;
    for _ in 0..last {
        h.press("j");
    }
    h.press("K");
    let now = criteria(&h);
    assert_eq!(now[last - 1].0, "Pilot renews for twelve months", "{now:?}");
    let screen = h.render(100, 30);
    assert!(screen.contains("Success criteria of"), "{screen}");
    assert!(
        screen.contains("[x] Pilot renews for twelve months"),
        "{screen}"
    );
    h.press("k d");
    assert_eq!(criteria(&h).len(), last, "one removed");
    h.press("u");
    assert_eq!(criteria(&h).len(), last + 1, "and undone");
    h.press("Esc");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Board, None)
    ));
}

#[test]
fn closing_a_phase_with_open_work_in_its_form_asks_why() {
    use roadboard::app::Action;
    use roadboard::domain::*;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut h = Harness::empty(today);
    h.store.init("Acme", "").unwrap();
    let mvp = PhaseFields {
        name: "MVP".into(),
        ..PhaseFields::default()
    };
    let phase = h.store.add_phase(&mvp).unwrap();
    let billing = NewFeature {
        fields: FeatureFields {
            title: "Billing".into(),
            ..FeatureFields::default()
        },
        phase: Some(phase.id),
        ..NewFeature::default()
    };
    h.store.add_feature(&billing).unwrap();
    let keymap = roadboard::app::Keymap::default();
    h.app = roadboard::app::App::new(Some(h.store.load().unwrap()), today, keymap);

    h.act(Action::EditPhase);
    // Name, goal, start, end, then the status.
    for _ in 0..4 {
        h.act(Action::NextField);
    }
    for _ in 0.."not started".len() {
        h.press("Backspace");
    }
    h.type_text("complete");
    h.act(Action::Submit);
    let asked = h.render(120, 30);
    assert!(
        asked.contains("\"MVP\" has open work: 1 of 1 features not shipped. Why close it?"),
        "{asked}"
    );
    h.act(Action::Submit);
    assert!(
        h.prompt_error()
            .contains("say why it closes with open work"),
        "{}",
        h.prompt_error()
    );
    h.type_text("the pilot ended early");
    h.act(Action::Submit);
    let roadmap = h.store.load().unwrap();
    assert_eq!(roadmap.phases[0].status, PhaseStatus::Complete);
    let log = h.store.log(&Default::default()).unwrap();
    assert_eq!(log[0].why, "the pilot ended early", "newest first");
}
