//! Success criteria are first-class: added, checked off, reworded, moved
//! and removed from the command line and the board; a phase is complete
//! only when its criteria are met.

mod common;

use common::board::Harness;
use common::plan::Plan;
use roadboard::app::state::Mode;

#[test]
fn the_cli_manages_a_phases_criteria() {
    let plan = Plan::new();
    assert_eq!(
        plan.ok(&["criterion", "add", "Pilot pays", "--phase", "MVP"]),
        "added C1 to \"MVP\"\n"
    );
    plan.ok(&[
        "criterion",
        "add",
        "Two weeks without a bug",
        "--phase",
        "1",
    ]);
    plan.ok(&["criterion", "move", "C2", "--up"]);
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
    plan.ok(&["phase", "edit", "MVP", "--status", "complete"]);
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
    assert!(matches!(h.app.mode, Mode::Prompt(_)), "{:?}", h.app.mode);
    h.type_text("Pilot renews for a year");
    h.press("Enter");
    let roadmap = h.store.load().unwrap();
    let added = roadmap
        .criteria
        .iter()
        .find(|c| c.text == "Pilot renews for a year")
        .unwrap();
    assert_eq!(added.phase, focused, "the focused phase");
    h.press(":");
    h.type_text("success criteria of this phase");
    h.press("Enter");
    assert!(matches!(h.app.mode, Mode::Picker(_)));
    // Find it by its words, check it off.
    h.type_text("renews");
    h.press("Enter");
    let roadmap = h.store.load().unwrap();
    assert!(
        roadmap
            .criteria
            .iter()
            .any(|c| c.text == "Pilot renews for a year" && c.done),
        "{}",
        h.message()
    );
}
