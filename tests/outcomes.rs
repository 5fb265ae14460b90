//! Did it work? A shipped feature with a success metric comes back as an
//! outcome check: due two weeks after shipping (the config can say
//! otherwise), recorded as hit, partly, missed or too early, in the log, in
//! `status`, in the exports and read back.

use crate::common;

use common::plan::Plan;
use roadboard::domain::outcome::OutcomeResult;
use roadboard::store::{OpenMode, Store};

/// Billing (F1) with a metric, shipped on 2026-11-02.
fn shipped() -> Plan {
    let plan = Plan::new();
    plan.ok(&["edit", "F1", "--metric", "half of invoices paid online"]);
    plan.ok(&["--today", "2026-10-26", "start", "F1"]);
    plan.ok(&["--today", "2026-11-02", "ship", "F1"]);
    plan
}

fn status(plan: &Plan, today: &str) -> serde_json::Value {
    serde_json::from_str(&plan.ok(&["--today", today, "status", "--json"])).unwrap()
}

#[test]
fn a_check_is_due_two_weeks_after_shipping_until_answered() {
    let plan = shipped();
    assert_eq!(
        status(&plan, "2026-11-15")["outcome_checks_due"],
        serde_json::json!([])
    );
    let due = status(&plan, "2026-11-16");
    assert_eq!(due["outcome_checks_due"][0]["key"], "F1");
    assert!(
        due["line"].as_str().unwrap().ends_with("· did it work? F1"),
        "{}",
        due["line"]
    );
    assert_eq!(
        plan.ok(&[
            "outcome",
            "F1",
            "--hit",
            "--value",
            "62% paid online",
            "--note",
            "pilot switched"
        ]),
        "outcome of F1 \"Billing\": hit — 62% paid online\n"
    );
    assert_eq!(
        status(&plan, "2026-11-23")["outcome_checks_due"],
        serde_json::json!([])
    );
    let log = plan.ok(&["log", "--feature", "F1"]);
    assert!(
        log.contains("outcome of F1 \"Billing\": hit — 62% paid online — why: pilot switched"),
        "{log}"
    );
}

#[test]
fn too_early_asks_again_later_and_the_config_sets_the_delay() {
    let plan = shipped();
    std::fs::write(
        plan.db.with_file_name("config.toml"),
        "outcome_after_days = 7\n",
    )
    .unwrap();
    assert_eq!(
        status(&plan, "2026-11-09")["outcome_checks_due"][0]["key"],
        "F1"
    );
    plan.ok(&["--today", "2026-11-09", "outcome", "F1", "--too-early"]);
    assert_eq!(
        status(&plan, "2026-11-15")["outcome_checks_due"],
        serde_json::json!([])
    );
    assert_eq!(
        status(&plan, "2026-11-16")["outcome_checks_due"][0]["key"],
        "F1"
    );
    plan.ok(&["outcome", "F1", "--check", "2026-12-01"]);
    assert_eq!(
        status(&plan, "2026-11-30")["outcome_checks_due"],
        serde_json::json!([])
    );
}

#[test]
fn bad_outcomes_are_refused_by_name() {
    let plan = shipped();
    plan.ok(&["add", "Reports", "--phase", "MVP"]);
    let (code, stderr) = plan.fails(&["outcome", "F2", "--hit"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("F2 \"Reports\" is planned: only a shipped feature has an outcome"),
        "{stderr}"
    );
    let (_, stderr) = plan.fails(&["outcome", "F1"]);
    assert!(
        stderr.contains("--hit, --partly, --missed or --too-early"),
        "{stderr}"
    );
    let (_, stderr) = plan.fails(&["outcome", "F1", "--hit", "--missed"]);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
    let (_, stderr) = plan.fails(&["outcome", "F1", "--hit", "--value", "two\nlines"]);
    assert!(stderr.contains("value"), "{stderr}");
}

#[test]
fn outcomes_survive_markdown_and_json_round_trips() {
    let plan = shipped();
    plan.ok(&[
        "outcome",
        "F1",
        "--partly",
        "--value",
        "40% — not 50% (yet)",
        "--note",
        "needs reminders",
    ]);
    let original = Store::open(&plan.db, OpenMode::Existing, "t")
        .unwrap()
        .load()
        .unwrap();
    for format in ["md", "json"] {
        let roadmap = plan.round_trip(format);
        let outcome = roadmap.outcome_of(roadmap.features[0].id).expect(format);
        let before = original.outcome_of(original.features[0].id).unwrap();
        assert_eq!(outcome.result, Some(OutcomeResult::Partly), "{format}");
        assert_eq!(outcome.value, before.value, "{format}");
        assert_eq!(outcome.note, before.note, "{format}");
        assert_eq!(outcome.recorded, before.recorded, "{format}");
    }
    let markdown = std::fs::read_to_string(plan.db.with_extension("md")).unwrap();
    assert!(
        markdown.contains("- **Outcome:** partly — 40% — not 50% (yet) (2026-11-23)"),
        "{markdown}"
    );
}

#[test]
fn undo_takes_an_outcome_back() {
    let plan = shipped();
    plan.ok(&["outcome", "F1", "--missed"]);
    let mut store = Store::open(&plan.db, OpenMode::Existing, "t").unwrap();
    let entry = store.log(&Default::default()).unwrap()[0].id;
    store.undo(entry).unwrap();
    let roadmap = store.load().unwrap();
    assert_eq!(
        roadmap.outcome_of(roadmap.features[0].id).unwrap().result,
        None
    );
}

mod board {
    use super::common::board::Harness;
    use roadboard::app::{Overlay, Screen};

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn the_learning_view_opens_from_the_log_and_the_palette() {
        let mut h = Harness::example(today());
        h.press("y L");
        assert!(matches!(h.app.top(), Some(Overlay::Learning { .. })));
        let screen = h.render(140, 40);
        assert!(
            screen.contains("MVP / Pilot Launch 50% hit (1 of 2)"),
            "{screen}"
        );
        assert!(
            screen.contains("F2 Drag-and-drop rota  partly — a week's rota in 25 minutes"),
            "{screen}"
        );
        h.press("Esc");
        assert!(
            matches!((h.app.screen(), h.app.top()), (Screen::Log(_), None)),
            "back where it was opened"
        );
        h.press("Esc :");
        h.type_text("did it work");
        h.press("Enter");
        assert!(matches!(h.app.top(), Some(Overlay::Learning { .. })));
        insta::assert_snapshot!("learning_100x30", h.render(100, 30));
    }

    #[test]
    fn the_detail_shows_an_outcome_or_when_it_is_due() {
        let mut h = Harness::example(today());
        h.app.select_key(roadboard::domain::FeatureKey(2));
        h.press("Enter");
        let screen = h.render(140, 40);
        assert!(
            screen.contains("partly — a week's rota in 25 minutes (goal: under 20)"),
            "{screen}"
        );
        h.press("Esc");
        h.app.select_key(roadboard::domain::FeatureKey(3));
        h.press("Enter");
        assert!(
            h.render(140, 40).contains("check due 2026-11-23"),
            "{}",
            h.render(140, 40)
        );
    }
}
