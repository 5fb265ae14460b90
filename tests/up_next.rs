//! The weekly review's choice becomes real: one feature is up next, shown
//! everywhere, started with one key or `start --next`, cleared when it
//! leaves the plan; and the change log takes notes of its own.

use crate::common;

use chrono::NaiveDate;
use common::board::Harness;
use common::plan::Plan;
use roadboard::domain::review::ReviewDraft;
use roadboard::domain::*;

fn plan_with_two() -> Plan {
    let plan = Plan::new();
    plan.ok(&["add", "Invoices", "--phase", "MVP"]);
    plan.ok(&["add", "Reports", "--phase", "MVP"]);
    plan
}

#[test]
fn next_chooses_one_feature_and_status_shows_it() {
    let plan = plan_with_two();
    assert!(plan.ok(&["next"]).contains("nothing is up next"));
    assert_eq!(
        plan.ok(&["next", "F2", "--why", "the pilot asks"]),
        "F2 \"Invoices\" is up next\n"
    );
    assert_eq!(
        plan.ok(&["next", "F3"]),
        "F3 \"Reports\" is up next, instead of F2 \"Invoices\"\n",
        "choosing another replaces it"
    );
    plan.ok(&["start", "F1"]);
    assert_eq!(
        plan.ok(&["status"]),
        "F1 Billing (in progress, 0 days) · next: F3 Reports\n"
    );
    let status: serde_json::Value = serde_json::from_str(&plan.ok(&["status", "--json"])).unwrap();
    assert_eq!(status["up_next"]["key"], "F3");
    assert_eq!(status["up_next"]["title"], "Reports");
    let log = plan.ok(&["log"]);
    assert!(
        log.contains("F2 \"Invoices\" is up next — why: the pilot asks"),
        "{log}"
    );
    assert!(
        log.contains("F3 \"Reports\" is up next, instead of F2"),
        "{log}"
    );
}

#[test]
fn only_a_planned_feature_can_be_next() {
    let plan = plan_with_two();
    plan.ok(&["start", "F1"]);
    let (code, stderr) = plan.fails(&["next", "F1"]);
    assert_eq!(code, 3, "a refusal by the method");
    assert!(
        stderr.contains("cannot make F1 \"Billing\" up next: it is in progress"),
        "{stderr}"
    );
    plan.ok(&["park", "Dark mode"]);
    let (code, stderr) = plan.fails(&["next", "F4"]);
    assert_eq!(code, 3);
    assert!(stderr.contains("it is parked"), "{stderr}");
}

#[test]
fn start_next_starts_it_and_clears_the_choice() {
    let plan = plan_with_two();
    let (code, stderr) = plan.fails(&["start", "--next"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("nothing is up next"), "{stderr}");
    plan.ok(&["next", "F2"]);
    plan.ok(&["start", "--next"]);
    let status: serde_json::Value = serde_json::from_str(&plan.ok(&["status", "--json"])).unwrap();
    assert_eq!(status["active"], "F2");
    assert!(status["up_next"].is_null(), "started, it is no longer next");
}

#[test]
fn dropping_or_parking_the_next_feature_clears_it() {
    let plan = plan_with_two();
    plan.ok(&["next", "F2"]);
    plan.ok(&["defer", "F2", "--why", "later"]);
    assert!(plan.ok(&["next"]).contains("nothing is up next"));
    plan.ok(&["next", "F3"]);
    plan.ok(&["drop", "F3", "--why", "no demand"]);
    assert!(plan.ok(&["next"]).contains("nothing is up next"));
}

#[test]
fn a_note_goes_to_the_change_log_about_its_feature() {
    let plan = plan_with_two();
    assert_eq!(
        plan.ok(&[
            "note",
            "migrated staging",
            "--why",
            "before the demo",
            "--feature",
            "F2"
        ]),
        "noted: migrated staging\n"
    );
    let log = plan.ok(&["log", "--feature", "F2"]);
    assert!(log.contains("ada"), "{log}");
    assert!(
        log.contains("migrated staging — why: before the demo"),
        "{log}"
    );
    let (code, stderr) = plan.fails(&["note", "two\nlines"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("note"), "{stderr}");
}

#[test]
fn up_next_survives_markdown_and_json_round_trips() {
    let plan = plan_with_two();
    plan.ok(&["next", "F3"]);
    for format in ["md", "json"] {
        let roadmap = plan.round_trip(format);
        assert_eq!(
            roadmap.up_next().map(|f| f.title.as_str()),
            Some("Reports"),
            "{format}"
        );
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[test]
fn the_weekly_review_choice_is_up_next_and_undo_takes_it_back() {
    let mut h = Harness::example(today());
    let next = h
        .store
        .load()
        .unwrap()
        .features
        .iter()
        .find(|f| f.status == FeatureStatus::Planned)
        .unwrap()
        .key;
    let mut draft = ReviewDraft::new(ReviewKind::Weekly, today());
    draft.chosen = Some(next);
    h.store.finish_review(&draft, today()).unwrap();
    assert_eq!(h.store.load().unwrap().up_next().map(|f| f.key), Some(next));
    let entry = h.store.last_entry().unwrap();
    h.store.undo(entry).unwrap();
    assert_eq!(
        h.store.load().unwrap().up_next(),
        None,
        "undo takes the choice back"
    );
}

#[test]
fn the_board_shows_up_next_and_offers_it_when_the_slot_frees() {
    let mut h = Harness::example(today());
    let roadmap = h.store.load().unwrap();
    let active = roadmap.slot_holder().unwrap().key;
    let next = roadmap
        .features
        .iter()
        .find(|f| f.status == FeatureStatus::Planned)
        .unwrap();
    let (next_key, next_title) = (next.key, next.title.clone());
    h.store.set_up_next(Some(next_key), "").unwrap();
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    let screen = h.render(140, 40);
    assert!(
        screen.contains(&format!("next: {next_key} {next_title}")),
        "{screen}"
    );
    assert!(screen.contains("▶next"), "the card says so:\n{screen}");
    h.app.select_key(active);
    h.press("S");
    assert!(
        h.render(140, 40).contains(&format!(
            "{next_key} \"{next_title}\" is up next. Start it now?"
        )),
        "{}",
        h.render(140, 40)
    );
    h.press("Enter");
    let roadmap = h.store.load().unwrap();
    assert_eq!(
        roadmap.slot_holder().map(|f| f.key),
        Some(next_key),
        "{}",
        h.message()
    );
    assert_eq!(roadmap.up_next(), None);
}

#[test]
fn the_roadmap_header_is_shown_and_edited() {
    let plan = Plan::new();
    plan.ok(&[
        "roadmap",
        "edit",
        "--horizon",
        "12 months",
        "--philosophy",
        "Ship small.\nLearn fast.",
        "--review-day",
        "thursday",
    ]);
    let header: serde_json::Value =
        serde_json::from_str(&plan.ok(&["roadmap", "show", "--json"])).unwrap();
    assert_eq!(header["horizon"], "12 months");
    assert_eq!(header["philosophy"], "Ship small.\nLearn fast.");
    assert_eq!(
        header["next_review"], "2026-11-26",
        "the Thursday on or after Monday 23"
    );
    let shown = plan.ok(&["roadmap"]);
    assert!(
        shown.starts_with("Acme\nhorizon:      12 months\nnext review:  2026-11-26 (Thursday)"),
        "{shown}"
    );
    assert!(
        plan.ok(&["log"])
            .contains("roadmap \"Acme\": changed horizon, philosophy, review day")
    );
    let (code, stderr) = plan.fails(&["roadmap", "edit", "--name", "two\nlines"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("name"), "{stderr}");
    let markdown = plan.ok(&["export", "--format", "md"]);
    assert!(markdown.contains("Ship small."), "{markdown}");
}

#[test]
fn a_note_is_added_from_the_log_view() {
    let mut h = Harness::example(today());
    h.press("y n");
    h.type_text("called the pilot — they want swaps before Christmas");
    h.press("Enter");
    let log = h.store.log(&Default::default()).unwrap();
    assert_eq!(log[0].what, "called the pilot");
    assert_eq!(log[0].why, "they want swaps before Christmas");
    assert_eq!(log[0].who, "tester");
    let view = h.app.log_view().expect("still in the log");
    assert_eq!(
        view.rows[0].what, "called the pilot",
        "the log shows it at once"
    );
}

#[test]
fn the_monthly_review_adjusts_the_timeline_to_the_forecast_in_one_change() {
    use roadboard::app::{Overlay, Screen};
    let mut h = Harness::example(today());
    let before = h.store.load().unwrap();
    h.press(":");
    h.type_text("monthly review");
    h.press("Enter A");
    let Some(Overlay::Picker(picker)) = h.app.top() else {
        panic!("the proposals: {:?}", (h.app.screen(), h.app.top()))
    };
    let labels: Vec<&str> = picker.items.iter().map(|i| i.label.as_str()).collect();
    assert!(
        labels.contains(&"Pilot Validation: 2027-01-04 → 2027-01-18 (+14 days)"),
        "{labels:?}"
    );
    h.press("Enter");
    h.type_text("velocity is 3 weeks, not 2");
    h.press("Enter");
    let after = h.store.load().unwrap();
    let end = |r: &roadboard::domain::Roadmap, name: &str| {
        r.phases.iter().find(|p| p.name == name).unwrap().end
    };
    assert_eq!(
        end(&after, "Pilot Validation"),
        chrono::NaiveDate::from_ymd_opt(2027, 1, 18)
    );
    let log = h.store.log(&Default::default()).unwrap();
    assert!(
        log[0]
            .what
            .starts_with("timeline adjusted: \"Pilot Validation\" ends 2027-01-18 (+14 days)"),
        "{}",
        log[0].what
    );
    assert_eq!(log[0].why, "velocity is 3 weeks, not 2");
    // One change: one undo puts every end back.
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Review(_), None)
    ));
    h.press("u");
    let undone = h.store.load().unwrap();
    for phase in &before.phases {
        assert_eq!(end(&undone, &phase.name), phase.end, "{}", phase.name);
    }
}
