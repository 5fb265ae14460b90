//! The board driven headless through its real keymap: every action, the
//! refusals in the footer, forms, pickers, undo, live reload.

use crate::common;

use common::board::Harness;
use common::today;
use roadboard::app::state::MessageKind;
use roadboard::app::state::{Lot, Track};
use roadboard::app::{Action, Overlay, Screen};
use roadboard::domain::*;

fn feature(h: &Harness, key: u32) -> Feature {
    h.store.feature(FeatureKey(key)).unwrap()
}

#[test]
fn the_board_opens_on_the_active_feature() {
    let h = Harness::example(today());
    assert_eq!(h.selected(), "F4");
    assert_eq!(h.app.column, 1);
}

#[test]
fn moving_around_with_hjkl_and_arrows() {
    let mut h = Harness::example(today());
    h.press("j");
    assert_eq!(h.selected(), "F5");
    h.press("Down Down");
    assert_eq!(h.selected(), "F6", "stops at the last card");
    h.press("l");
    assert_eq!(h.selected(), "F9", "same row in the next phase");
    h.press("Left h h");
    assert_eq!(h.selected(), "F3");
    assert_eq!(h.app.column, 0);
    h.press("Home");
    assert_eq!(h.selected(), "F1");
    h.press("End k");
    assert_eq!(h.selected(), "F2");
}

#[test]
fn a_second_start_is_refused_in_the_footer_and_nothing_changes() {
    let mut h = Harness::example(today());
    h.press("j s");
    let message = h.app.message.clone().unwrap();
    assert_eq!(message.kind, MessageKind::Error);
    assert_eq!(
        message.text,
        "cannot start F5 \"Labour cost preview\": F4 \"Shift swap requests\" is in progress since 2026-11-16 — ship it or pause it first (S ship · p pause)"
    );
    assert_eq!(feature(&h, 5).status, FeatureStatus::Planned);
    let screen = h.render(140, 40);
    assert!(
        screen.contains("cannot start F5 \"Labour cost preview\": F4"),
        "{screen}"
    );
}

#[test]
fn pause_asks_why_esc_cancels_and_enter_pauses() {
    let mut h = Harness::example(today());
    h.press("p");
    assert!(matches!(h.app.top(), Some(Overlay::Prompt(_))));
    h.press("Esc");
    assert_eq!(feature(&h, 4).status, FeatureStatus::Active);
    h.press("p Enter");
    assert!(
        matches!(h.app.top(), Some(Overlay::Prompt(_))),
        "an empty reason is not accepted"
    );
    h.type_text("pilot on holiday");
    h.press("Enter");
    assert_eq!(feature(&h, 4).status, FeatureStatus::Planned);
    assert_eq!(
        h.message(),
        "pause F4 \"Shift swap requests\": in progress → planned"
    );
    assert_eq!(
        h.store.log(&Default::default()).unwrap()[0].why,
        "pilot on holiday"
    );
}

#[test]
fn start_submit_rework_ship_through_keys() {
    let mut h = Harness::example(today());
    h.press("r");
    assert_eq!(feature(&h, 4).status, FeatureStatus::InReview);
    h.press("R");
    assert_eq!(feature(&h, 4).status, FeatureStatus::Active);
    h.press("S");
    assert_eq!(feature(&h, 4).status, FeatureStatus::Shipped);
    assert_eq!(feature(&h, 4).shipped, Some(today()));
    h.press("j s");
    assert_eq!(
        feature(&h, 5).status,
        FeatureStatus::Active,
        "the slot was free"
    );
}

#[test]
fn unmet_dependencies_ask_for_an_override_reason() {
    let mut h = Harness::example(today());
    h.press("p");
    h.type_text("switching");
    h.press("Enter l j s");
    assert_eq!(h.selected(), "F8");
    match h.app.top() {
        Some(Overlay::Prompt(prompt)) => {
            assert!(prompt.title.contains("F8 waits on F7"), "{}", prompt.title)
        }
        other => panic!("expected the override prompt, got {other:?}"),
    }
    h.type_text("demo on Friday");
    h.press("Enter");
    assert_eq!(feature(&h, 8).status, FeatureStatus::Active);
    assert_eq!(
        h.store.log(&Default::default()).unwrap()[0].why,
        "override: demo on Friday"
    );
}

#[test]
fn defer_asks_why_and_when_and_drop_asks_why() {
    let mut h = Harness::example(today());
    h.press("j d");
    h.type_text("after the pilot");
    h.press("Enter");
    h.type_text("+4x");
    h.press("Enter");
    match h.app.top() {
        Some(Overlay::Prompt(prompt)) => assert!(
            prompt
                .error
                .as_deref()
                .unwrap()
                .starts_with("invalid date `+4x`")
        ),
        other => panic!("expected the date prompt to stay, got {other:?}"),
    }
    // A condition, a date, or both: here both.
    h.press("<Ctrl-u>");
    h.type_text("5 paying schools, +4w");
    h.press("Enter");
    let deferred = feature(&h, 5);
    assert_eq!(deferred.status, FeatureStatus::Parked);
    assert_eq!(deferred.reconsider, Some(today() + chrono::Days::new(28)));
    assert_eq!(deferred.reconsider_when, "5 paying schools");
    assert_eq!(h.selected(), "F6", "the selection moves to the neighbour");
    h.press("x");
    h.type_text("nobody asked");
    h.press("Enter");
    assert_eq!(feature(&h, 6).status, FeatureStatus::Dropped);
}

#[test]
fn a_new_feature_from_the_form_lands_selected_in_the_focused_phase() {
    let mut h = Harness::example(today());
    h.press("n");
    h.type_text("Kitchen PDF");
    h.press("Tab");
    h.type_text("One page, big print");
    h.press("Enter");
    h.type_text("for the wall");
    h.press("Tab Tab Tab");
    h.type_text("p1");
    h.press("<Ctrl-s>");
    let added = feature(&h, 16);
    assert_eq!(added.title, "Kitchen PDF");
    assert_eq!(added.description, "One page, big print\nfor the wall");
    assert_eq!(added.priority, Some(Priority::P1));
    assert_eq!(
        added.phase,
        h.app.roadmap.as_ref().unwrap().phases.get(1).map(|p| p.id)
    );
    assert_eq!(h.selected(), "F16");
}

#[test]
fn a_bad_date_in_the_form_is_shown_inline_and_the_text_kept() {
    let mut h = Harness::example(today());
    h.press("e");
    for _ in 0..8 {
        h.press("Tab");
    }
    h.type_text("x");
    h.press("<Ctrl-s>");
    let Some(Overlay::Form(form)) = h.app.top() else {
        panic!("the form stays open");
    };
    let target = &form.fields[form.focus];
    assert_eq!(target.label, "Target date");
    assert_eq!(target.text(), "2026-11-30x");
    assert!(
        target
            .error
            .as_deref()
            .unwrap()
            .starts_with("invalid date `2026-11-30x`")
    );
    let screen = h.render(140, 40);
    assert!(screen.contains("✗ invalid date `2026-11-30x`"), "{screen}");
    h.press("Esc");
    assert_eq!(
        feature(&h, 4).target,
        Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()),
        "Esc wrote nothing"
    );
}

#[test]
fn a_new_target_or_priority_asks_why_and_esc_returns_to_the_form() {
    let mut h = Harness::example(today());
    h.press("e");
    for _ in 0..8 {
        h.press("Tab");
    }
    h.press("<Ctrl-u>");
    h.type_text("2026-12-14");
    h.press("<Ctrl-s>");
    let screen = h.render(140, 40);
    assert!(
        screen.contains("Why change F4's target (2026-11-30 → 2026-12-14)?"),
        "{screen}"
    );
    h.press("Esc");
    assert!(
        matches!(h.app.top(), Some(Overlay::Form(_))),
        "back to the form as typed"
    );
    assert_eq!(
        feature(&h, 4).target,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
    );
    h.press("<Ctrl-s>");
    h.type_text("legal review took a week");
    h.press("Enter");
    assert_eq!(
        feature(&h, 4).target,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 14)
    );
    let log = h.store.log(&Default::default()).unwrap();
    assert_eq!(log[0].why, "legal review took a week");
}

#[test]
fn cards_move_between_phases_and_within_one() {
    let mut h = Harness::example(today());
    // A move asks why (optional); the answer is logged with it.
    h.press("j L");
    assert!(matches!(h.app.top(), Some(Overlay::Prompt(_))));
    h.type_text("needs the tenant model first");
    h.press("Enter");
    assert!(h.message().starts_with("moved F5"), "{}", h.message());
    assert_eq!(
        h.store.log(&Default::default()).unwrap()[0].why,
        "needs the tenant model first"
    );
    assert_eq!(
        feature(&h, 5).phase,
        h.app.roadmap.as_ref().unwrap().phases.get(2).map(|p| p.id)
    );
    assert_eq!(h.selected(), "F5");
    assert_eq!(h.app.column, 2);
    h.press("K");
    let column: Vec<u32> = column_keys(&h, 2);
    assert_eq!(column, vec![7, 8, 9, 5, 10]);
    h.press("H Enter");
    assert_eq!(h.app.column, 1);
    assert_eq!(
        h.store.log(&Default::default()).unwrap()[0].why,
        "",
        "Enter skips"
    );
    h.press("h h");
    h.press("H");
    assert_eq!(h.message(), "no phase that way");
}

fn column_keys(h: &Harness, column: usize) -> Vec<u32> {
    let roadmap = h.app.roadmap.as_ref().unwrap();
    h.app.layout.columns[column]
        .iter()
        .map(|&i| roadmap.features[i].key.0)
        .collect()
}

#[test]
fn dependencies_are_edited_in_a_fuzzy_picker_and_cycles_refused() {
    let mut h = Harness::example(today());
    h.press("l");
    assert_eq!(h.selected(), "F7");
    h.press("D");
    h.type_text("self-serve");
    h.press("Enter");
    assert_eq!(
        h.message(),
        "refused: that dependency would close a cycle F7 → F10 → F8 → F7"
    );
    h.press("j D");
    h.type_text("staff dir");
    h.press("Enter");
    assert_eq!(
        h.message(),
        "F8 \"Restaurant admin console\" now depends on F1",
        "the change log's sentence, as the CLI and agents read it"
    );
    h.press("D");
    h.type_text("staff dir");
    h.press("Enter");
    assert_eq!(
        h.message(),
        "F8 \"Restaurant admin console\" no longer depends on F1",
        "a marked dependency is removed"
    );
}

#[test]
fn search_jumps_to_the_card_and_filter_narrows_the_board() {
    let mut h = Harness::example(today());
    h.press("/");
    h.type_text("payroll");
    h.press("Enter");
    assert_eq!(h.selected(), "F11");
    assert_eq!(h.message(), "", "choosing a result is no cancel");
    h.press("f");
    h.type_text("shipped");
    h.press("Enter");
    assert_eq!(h.app.filter.status, Some(FeatureStatus::Shipped));
    assert_eq!(column_keys(&h, 0), vec![1, 2, 3]);
    assert!(column_keys(&h, 1).is_empty());
    h.press("/");
    h.type_text("swap");
    h.press("Enter");
    assert_eq!(
        h.selected(),
        "F4",
        "search clears a filter that hides the card"
    );
    h.press("/");
    h.type_text("mobile app");
    h.press("Enter");
    assert_eq!(h.message(), "F13 is in the parking lot (P)");
}

#[test]
fn a_message_lasts_until_the_next_key() {
    let mut h = Harness::example(today());
    h.press("j s");
    assert!(
        h.message().starts_with("cannot start F5"),
        "{}",
        h.message()
    );
    // The refusal is not left standing over the next question.
    h.press("d");
    assert_eq!(h.message(), "");
    assert!(!h.render(100, 30).contains("cannot start"));
}

#[test]
fn next_weeks_one_gets_its_why_metric_and_target_or_a_reason_to_skip_each() {
    let mut h = Harness::example(today());
    let bare = h
        .store
        .add_feature(&roadboard::domain::NewFeature {
            fields: roadboard::domain::FeatureFields {
                title: "Bare idea".into(),
                priority: Some(Priority::P0),
                ..Default::default()
            },
            phase: Some(h.app.roadmap.as_ref().unwrap().phases[1].id),
            depends_on: Vec::new(),
            created: Some(today()),
            private: false,
        })
        .unwrap();
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    h.press("W");
    while !h.render(140, 40).contains("Next week's ONE feature") {
        h.press("Enter");
    }
    // Chosen, its form saved as is.
    let roadmap = h.store.load().unwrap();
    let rank = roadboard::domain::review::next_candidates(&roadmap, &RoadmapIndex::of(&roadmap))
        .iter()
        .position(|f| f.key == bare.key)
        .unwrap();
    for _ in 0..rank {
        h.press("j");
    }
    h.press("c <Ctrl-s>");
    h.press("Enter");
    let screen = h.render(140, 40);
    assert!(screen.contains("has no why now"), "{screen}");
    h.type_text("the pilot asked twice");
    h.press("Enter");
    assert!(h.render(140, 40).contains("has no success metric"));
    h.type_text("skip");
    h.press("Enter");
    assert!(h.prompt_error().starts_with("say why it is skipped"));
    h.press("<Ctrl-u>");
    h.type_text("skip: we measure after the pilot");
    h.press("Enter");
    h.type_text("someday");
    h.press("Enter");
    assert!(h.prompt_error().starts_with("invalid date `someday`"));
    h.press("<Ctrl-u>");
    h.type_text("+2w");
    h.press("Enter");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Review(_), None)
    ));
    let saved = h.store.feature(bare.key).unwrap();
    assert_eq!(saved.why, "the pilot asked twice");
    assert_eq!(saved.target, Some(today() + chrono::Days::new(14)));
    assert!(saved.metric.is_empty());
    assert!(h.render(140, 40).contains("step 6/6"), "on to the notes");
    h.press("<Ctrl-s>");
    let log = h.store.log(&Default::default()).unwrap();
    assert!(
        log[0]
            .what
            .contains("F16 success metric skipped: we measure after the pilot"),
        "{}",
        log[0].what
    );
    assert_eq!(h.store.load().unwrap().info.up_next, Some(saved.id));
}

#[test]
fn blockers_ahead_are_kept_apart_from_current_ones() {
    let mut h = Harness::example(today());
    // From the tracks, tied to a feature by a leading key.
    h.press("T n");
    h.type_text("F7 hosting contract ends in March -- ask a second provider now");
    h.press("Enter");
    assert_eq!(
        h.message(),
        "upcoming blocker for F7 \"Multi-tenant data model\": hosting contract ends in March; mitigation: ask a second provider now"
    );
    let roadmap = h.store.load().unwrap();
    let ahead = roadmap.blockers.last().unwrap().clone();
    assert!(ahead.upcoming && ahead.eta.is_none());
    assert_eq!(
        roadmap.open_blockers(ahead.feature.unwrap()).count(),
        0,
        "it blocks nothing yet"
    );
    let screen = h.render(140, 40);
    assert!(
        screen.contains("ahead F7   → hosting contract ends in March · mitigation"),
        "{screen}"
    );
    assert!(!h.render(140, 40).contains("⚑blocked"));
    // The day it blocks, s makes it a current blocker.
    h.press("s");
    assert_eq!(h.message(), "blocking now: hosting contract ends in March");
    let roadmap = h.store.load().unwrap();
    assert_eq!(roadmap.open_blockers(ahead.feature.unwrap()).count(), 1);
    h.press("Esc");
    assert!(h.render(140, 40).contains("⚑blocked"));
}

#[test]
fn the_detail_shows_the_history_with_pause_reasons() {
    let mut h = Harness::example(today());
    h.press("p");
    h.type_text("waiting on the bank's API keys");
    h.press("Enter");
    h.press("Enter");
    let screen = h.render(140, 40);
    assert!(screen.contains("History  newest first"), "{screen}");
    assert!(
        screen.contains("pause F4 \"Shift swap requests\": in progress → planned — waiting on the bank's API keys"),
        "{screen}"
    );
    // A change made with the detail open shows at once.
    h.press("s");
    assert!(h.render(140, 40).contains("start F4"));
}

#[test]
fn errors_wrap_inside_their_popup_at_60_columns() {
    let mut h = Harness::example(today());
    h.press("m");
    h.type_text("Pilot renews by 2026-13-01");
    h.press("Enter");
    let screen = h.render(60, 16);
    assert!(screen.contains("a weekday like fri"), "{screen}");
    assert!(screen.contains("next-fri)"), "{screen}");
    h.press("Esc e");
    for _ in 0..8 {
        h.press("Tab");
    }
    h.type_text("whenever");
    h.press("<Ctrl-s>");
    let screen = h.render(60, 16);
    assert!(screen.contains("next-fri)"), "{screen}");
}

#[test]
fn undo_and_redo_every_kind_of_change() {
    let mut h = Harness::example(today());
    h.press("S");
    assert_eq!(feature(&h, 4).status, FeatureStatus::Shipped);
    h.press("u");
    assert_eq!(feature(&h, 4).status, FeatureStatus::Active);
    assert_eq!(
        h.message(),
        "undid \"ship F4 \"Shift swap requests\": in progress → shipped\""
    );
    h.press("<Ctrl-r>");
    assert_eq!(feature(&h, 4).status, FeatureStatus::Shipped);
    h.press("u");
    // A new card and its undo.
    h.press("n");
    h.type_text("Temp");
    h.press("<Ctrl-s>");
    assert!(h.store.feature(FeatureKey(16)).is_ok());
    h.press("u");
    assert!(
        h.store.feature(FeatureKey(16)).is_err(),
        "undoing an add removes the card: {}",
        h.message()
    );
    // A move and its undo.
    h.press("/");
    h.type_text("swap");
    h.press("Enter L Enter");
    assert_eq!(h.app.column, 2);
    h.press("u");
    assert_eq!(h.app.column, 1);
    let log = h.store.log(&Default::default()).unwrap();
    assert!(
        log[0].what.starts_with("undid \"moved F4"),
        "{}",
        log[0].what
    );
    h.press("u u u u u u");
    assert_eq!(h.message(), "nothing to undo in this session");
}

#[test]
fn undo_is_refused_when_it_would_break_the_one_rule() {
    let mut h = Harness::example(today());
    h.press("p");
    h.type_text("wait");
    h.press("Enter j s");
    assert_eq!(feature(&h, 5).status, FeatureStatus::Active);
    // Undo the start (fine), then the pause would re-activate F4 while…
    h.press("u");
    assert_eq!(feature(&h, 5).status, FeatureStatus::Planned);
    h.press("j s u");
    // …after undoing F6's start, undoing the pause of F4 is allowed again.
    assert_eq!(feature(&h, 4).status, FeatureStatus::Planned);
    let mut other = roadboard::store::Store::open(
        h.store.path(),
        roadboard::store::OpenMode::Existing,
        "other",
    )
    .unwrap();
    other
        .transition(
            FeatureKey(7),
            Transition::Start,
            &TransitionArgs::default(),
            today(),
        )
        .unwrap();
    h.press("u");
    assert_eq!(
        h.message(),
        "undo: cannot undo \"pause F4 \\\"Shift swap requests\\\": in progress → planned\": F7 \"Multi-tenant data model\" is in progress — ship it or pause it first"
            .replace("\\\"", "\"")
    );
    assert_eq!(feature(&h, 4).status, FeatureStatus::Planned);
}

#[test]
fn milestones_and_blockers_from_the_board() {
    let mut h = Harness::example(today());
    h.press("m");
    h.type_text("Pilot renews by 2027-01-15");
    h.press("Enter");
    assert_eq!(
        h.message(),
        "added milestone M8 \"Pilot renews\" to phase \"Pilot Validation\""
    );
    h.press("M");
    h.type_text("renews");
    h.press("Enter");
    assert_eq!(
        h.message(),
        "milestone \"Pilot renews\" reached on 2026-11-23"
    );
    let roadmap = h.store.load().unwrap();
    let milestone = roadmap
        .milestones
        .iter()
        .find(|m| m.text == "Pilot renews")
        .unwrap();
    assert_eq!(
        milestone.target,
        chrono::NaiveDate::from_ymd_opt(2027, 1, 15)
    );
    assert_eq!(milestone.done, Some(today()));
    // A dash inside the text is text; a mistyped date is refused; a
    // second question asks for the mitigation.
    h.press("b");
    h.type_text("Legal review - contract from pilot by 2026-13-01");
    h.press("Enter");
    assert!(h.prompt_error().starts_with("invalid date `2026-13-01`"));
    h.press("<Ctrl-u>");
    h.type_text("Legal review - contract from pilot by fri");
    h.press("Enter");
    h.type_text("pilot runs on paper contracts meanwhile");
    h.press("Enter");
    assert_eq!(
        h.message(),
        "F4 \"Shift swap requests\" blocked: waiting for Legal review - contract from pilot (ETA 2026-11-27)"
    );
    let blocker = h.store.load().unwrap().blockers.pop().unwrap();
    assert_eq!(
        blocker.mitigation,
        "pilot runs on paper contracts meanwhile"
    );
    assert_eq!(blocker.eta, chrono::NaiveDate::from_ymd_opt(2026, 11, 27));
    assert!(h.render(140, 40).contains("⚑blocked"));
    h.press("B");
    assert_eq!(
        h.message(),
        "F4 \"Shift swap requests\" unblocked (1 resolved)"
    );
}

#[test]
fn phases_are_added_and_edited_from_the_board() {
    let mut h = Harness::example(today());
    h.press("N");
    h.type_text("Scale");
    h.press("Tab Tab");
    h.type_text("2027-07-01");
    h.press("Tab");
    h.type_text("2027-06-01");
    h.press("<Ctrl-s>");
    // The form stays, as typed, with the error beside End.
    assert_eq!(h.message(), "1 field to fix before saving");
    let Some(Overlay::Form(form)) = h.app.top() else {
        panic!("the form was closed");
    };
    assert_eq!(form.value("Name"), "Scale");
    let end = form.fields.iter().find(|f| f.label == "End").unwrap();
    assert_eq!(
        end.error.as_deref(),
        Some("ends before it starts (2027-07-01)")
    );
    h.press("<Ctrl-u>");
    h.type_text("2027-08-01");
    h.press("<Ctrl-s>");
    assert_eq!(h.message(), "added phase \"Scale\"");
    h.press("E");
    for _ in 0..4 {
        h.press("Tab");
    }
    h.press("<Ctrl-s>");
    assert_eq!(h.message(), "edited phase \"Pilot Validation\": no change");
}

#[test]
fn the_palette_runs_actions_by_name_and_help_lists_keys() {
    let mut h = Harness::example(today());
    h.press(":");
    h.type_text("submit");
    h.press("Enter");
    assert_eq!(feature(&h, 4).status, FeatureStatus::InReview);
    h.press("?");
    let screen = h.render(140, 40);
    assert!(screen.contains("submit for review"), "{screen}");
    for _ in 0..30 {
        h.press("j");
    }
    let screen = h.render(140, 40);
    assert!(screen.contains("Ctrl-r  redo"), "{screen}");
    h.press("Esc");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Board, None)
    ));
}

#[test]
fn the_first_run_starts_an_empty_roadmap_or_the_example() {
    let mut h = Harness::empty(today());
    assert!(h.render(80, 24).contains("This file holds no roadmap yet."));
    h.press("n");
    h.type_text("Acme");
    h.press("Enter");
    assert_eq!(h.store.info().unwrap().unwrap().name, "Acme");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Board, None)
    ));
    assert!(h.render(80, 24).contains("Press N to add the first phase"));

    let mut h = Harness::empty(today());
    h.press("e");
    assert_eq!(h.store.load().unwrap().phases.len(), 4);
    assert_eq!(h.selected(), "F4");
}

#[test]
fn the_first_run_imports_a_plan_and_shows_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let document = dir.path().join("plan.md");
    std::fs::write(
        &document,
        "# Acme roadmap\n\n**Planning horizon:** 6 months\n\n## Philosophy\n\nShip small, learn fast.\n\n## Phase 1: Pilot\n\n### Feature: Invoices\n**Status:** Planned\n",
    )
    .unwrap();
    let mut h = Harness::empty(today());
    let screen = h.render(80, 24);
    assert!(screen.contains("import the roadmap you have"), "{screen}");
    h.press("i");
    h.type_text("/nowhere.md");
    h.press("Enter");
    assert!(
        matches!((h.app.screen(), h.app.top()), (Screen::FirstRun, None)),
        "a bad path keeps the welcome"
    );
    assert!(h.message().starts_with("cannot read /nowhere.md"));
    h.press("i");
    h.type_text(document.to_str().unwrap());
    h.press("Enter");
    // The report first, then the import on Enter.
    assert!(
        h.render(100, 30).contains("Import "),
        "{}",
        h.render(100, 30)
    );
    h.press("Enter");
    assert_eq!(h.store.load().unwrap().features.len(), 1);
    let screen = h.render(100, 30);
    assert!(
        matches!(h.app.top(), Some(Overlay::Roadmap { .. })),
        "{screen}"
    );
    assert!(screen.contains("Ship small, learn fast."), "{screen}");
    assert!(
        screen.contains("next review  2026-11-27 (Friday)"),
        "{screen}"
    );
    // Editable where it is read.
    h.press("e");
    h.press("Tab");
    h.press("<Ctrl-u>");
    h.type_text("12 months");
    h.press("<Ctrl-s>");
    assert_eq!(h.store.info().unwrap().unwrap().horizon, "12 months");
    assert_eq!(h.message(), "roadmap \"Acme roadmap\": changed horizon");
    h.press("i");
    assert!(h.render(100, 30).contains("horizon  12 months"));
}

#[test]
fn another_process_changes_show_up_and_the_selection_stays() {
    let mut h = Harness::example(today());
    h.press("j");
    let mut seen = h.store.data_version().unwrap();
    let mut other = roadboard::store::Store::open(
        h.store.path(),
        roadboard::store::OpenMode::Existing,
        "other",
    )
    .unwrap();
    other
        .transition(
            FeatureKey(4),
            Transition::Ship,
            &TransitionArgs::default(),
            today(),
        )
        .unwrap();
    assert!(common::board::reload_if_changed(
        &h.store, &mut h.app, &mut seen
    ));
    assert_eq!(h.selected(), "F5");
    assert_eq!(
        h.app.selected_feature().map(|f| f.status),
        Some(FeatureStatus::Planned)
    );
    assert!(h.app.roadmap.as_ref().unwrap().slot_holder().is_none());
    assert!(!common::board::reload_if_changed(
        &h.store, &mut h.app, &mut seen
    ));
}

#[test]
fn two_boards_cannot_both_start_a_feature() {
    let mut first = Harness::example(today());
    first.press("p");
    first.type_text("switch");
    first.press("Enter");
    let mut second = first.second_board("second");
    first.press("j s");
    second.press("l j j s");
    assert_eq!(feature(&first, 5).status, FeatureStatus::Active);
    assert_eq!(
        second.message(),
        "cannot start F6 \"Availability reminders\": F5 \"Labour cost preview\" is in progress since 2026-11-23 — ship it or pause it first (S ship · p pause)",
        "the keys come from the keymap, not the refusal's text"
    );
}

#[test]
fn a_refusal_names_the_keys_as_remapped() {
    let mut h = Harness::example(today());
    let overrides = [("ship".to_owned(), "X".to_owned())].into_iter().collect();
    let (keymap, problems) = roadboard::app::Keymap::with_overrides(&overrides);
    assert!(problems.is_empty(), "{problems:?}");
    h.app.keymap = keymap;
    h.press("l j s");
    assert!(
        h.message().ends_with("(X ship · p pause)"),
        "{}",
        h.message()
    );
    // A remap changes the board's keys; the review's steps name the
    // review's own, from the same keymap.
    h.press("W");
    let screen = h.render(140, 40);
    assert!(screen.contains("Shipped? S · in review? r"), "{screen}");
    h.press("S");
    assert_eq!(feature(&h, 4).status, FeatureStatus::Shipped);
}

#[test]
fn the_gantt_pane_opens_zooms_scrolls_and_follows_the_selection() {
    use roadboard::app::state::GanttPlacement;
    use roadboard::domain::schedule::Zoom;
    let mut h = Harness::example(today());
    h.press("z");
    assert_eq!(h.message(), "the Gantt pane is closed: g opens it");
    h.press("g");
    assert_eq!(h.app.gantt.placement, GanttPlacement::Split);
    h.press("+ + + + + + +");
    assert_eq!(h.app.gantt.split, 80, "the split stops at 80%");
    h.press("- -");
    assert_eq!(h.app.gantt.split, 60);
    h.press("Z");
    assert_eq!(h.app.gantt.zoom, Zoom::Months);
    h.press("Z Z");
    assert_eq!(h.app.gantt.zoom, Zoom::Quarters, "stops at quarters");
    h.press("z z z z");
    assert_eq!(h.app.gantt.zoom, Zoom::Days);
    let start = h.app.gantt.start;
    h.press("]");
    assert!(h.app.gantt.start > start);
    h.press("< <");
    assert!(h.app.gantt.start < start);
    h.press("t");
    assert!(h.app.gantt.start < today() && h.app.gantt.start > today() - chrono::Days::new(10));
    h.press("G");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Gantt, None)
    ));
    h.press("j j j");
    assert_eq!(h.selected(), "F7", "rows go on into the next phase");
    assert_eq!(h.app.column, 2, "the board follows");
    h.press("k");
    assert_eq!(h.selected(), "F6");
    h.press("Esc");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Board, None)
    ));
    assert_eq!(h.app.column, 1);
    let rows = h.app.gantt_rows.len();
    h.press(".");
    assert_eq!(
        h.app.gantt_rows.len(),
        rows + 4,
        "the parking lot heading and its three cards"
    );
    h.press("g");
    assert_eq!(h.app.gantt.placement, GanttPlacement::Hidden);
}

#[test]
fn the_phase_header_shows_the_forecast() {
    let h = Harness::example(today());
    let screen = h.render(140, 40);
    assert!(screen.contains("forecast: ends Jan 18 2027"), "{screen}");
    assert!(screen.contains("(+14 days vs plan)"), "{screen}");
}

#[test]
fn the_palette_imports_a_document_and_exports_every_format() {
    let mut h = Harness::example(today());
    h.press(":");
    h.type_text("import a roadmap");
    h.press("Enter");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/weekly.md");
    h.type_text(fixture);
    h.press("Enter");
    // First the report, as a preview; nothing is written until Enter.
    let screen = h.render(140, 40);
    assert!(
        screen.contains("recognized in \"Product Roadmap (MVP to Launch)\""),
        "{screen}"
    );
    assert!(
        screen.contains("it becomes an update of \"Shiftwise\" in place."),
        "{screen}"
    );
    assert_eq!(h.store.load().unwrap().phases.len(), 4);
    h.press("Esc");
    assert_eq!(
        h.store.load().unwrap().phases.len(),
        4,
        "cancelled: nothing written"
    );
    h.press(":");
    h.type_text("import a roadmap");
    h.press("Enter");
    h.type_text(fixture);
    h.press("Enter");
    h.press("Enter");
    // Into a file that holds a roadmap: an update, undoable as one change.
    assert_eq!(
        h.message(),
        format!("updated from {fixture}: 14 added, 0 changed, 15 kept though not in it")
    );
    assert_eq!(h.app.roadmap.as_ref().unwrap().phases.len(), 7);
    h.press("u");
    assert!(
        h.message().starts_with("undid \"updated from"),
        "{}",
        h.message()
    );
    assert_eq!(h.app.roadmap.as_ref().unwrap().phases.len(), 4);
    h.press("<Ctrl-r>");
    assert_eq!(h.app.roadmap.as_ref().unwrap().phases.len(), 7);
    let out = h.dir.path().join("out.md");
    h.press(":");
    h.type_text("export the roadmap");
    h.press("Enter");
    h.type_text(out.to_str().unwrap());
    h.press("Enter");
    assert_eq!(h.message(), format!("exported to {}", out.display()));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("## Phase 5: Weeks 1-2 (Setup)")
    );
    // The extension picks the format; one the board cannot write is named.
    for (name, looks_like) in [
        ("out.json", "\"change_log\""),
        ("out.csv", "key,title"),
        ("out.mmd", "gantt"),
    ] {
        let out = h.dir.path().join(name);
        h.press(":");
        h.type_text("export the roadmap");
        h.press("Enter");
        h.type_text(out.to_str().unwrap());
        h.press("Enter");
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.contains(looks_like), "{name}: {written}");
    }
    h.press(":");
    h.type_text("export the roadmap");
    h.press("Enter");
    h.type_text(h.dir.path().join("out.txt").to_str().unwrap());
    h.press("Enter");
    assert!(
        h.message()
            .ends_with("no export format for `.txt` (use .md, .json, .csv or .mmd)"),
        "{}",
        h.message()
    );
    h.press(":");
    h.type_text("import a roadmap");
    h.press("Enter");
    h.type_text("/nowhere/at/all.md");
    h.press("Enter");
    assert_eq!(
        h.message(),
        "cannot read /nowhere/at/all.md: No such file or directory (os error 2)"
    );
}

#[test]
fn triaging_twenty_items_takes_fewer_than_sixty_keys_beyond_the_text() {
    let mut h = Harness::example(today());
    for n in 1..=7 {
        h.store
            .add_feature(&roadboard::domain::NewFeature {
                fields: roadboard::domain::FeatureFields {
                    title: format!("Idea {n}"),
                    ..Default::default()
                },
                ..Default::default()
            })
            .unwrap();
        h.store
            .add_request(
                &format!("Request {n}"),
                "Pilot",
                RequestPriority::Low,
                today(),
            )
            .unwrap();
    }
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    let mut typed = 0;
    let mut text = |h: &mut Harness, t: &str| {
        typed += t.chars().count();
        h.type_text(t);
    };
    h.press("P");
    let before = h.keystrokes;
    // Ten parked features: 2 raised, 4 promoted, 2 snoozed, 2 dropped.
    h.press("+ j + j");
    h.press("m Down Enter m Enter m Enter m Enter");
    h.press("z");
    text(&mut h, "+4w");
    h.press("Enter j z");
    text(&mut h, "+8w");
    h.press("Enter j x");
    text(&mut h, "no demand");
    h.press("Enter x");
    text(&mut h, "too big");
    h.press("Enter");
    // Ten requests: 1 raised, 3 linked, 3 turned into features, 3 declined.
    h.press("Tab + j");
    for _ in 0..3 {
        h.press("a");
        text(&mut h, "swap");
        h.press("Enter");
    }
    h.press("n n n");
    for _ in 0..3 {
        h.press("x");
        text(&mut h, "not our market");
        h.press("Enter");
    }
    let keys = h.keystrokes - before - typed;
    let roadmap = h.store.load().unwrap();
    let parked: Vec<&Feature> = roadmap.parked().collect();
    let promoted = roadmap
        .features
        .iter()
        .filter(|f| f.title.starts_with("Idea") && f.status == FeatureStatus::Planned)
        .count()
        + roadmap
            .features
            .iter()
            .filter(|f| {
                [
                    "Mobile app",
                    "Tip pooling calculator",
                    "Forecast covers from bookings",
                ]
                .contains(&f.title.as_str())
                    && f.status == FeatureStatus::Planned
            })
            .count();
    assert_eq!(promoted, 4, "{:?}", h.message());
    assert_eq!(
        roadmap
            .features
            .iter()
            .filter(|f| f.status == FeatureStatus::Dropped)
            .count(),
        2
    );
    assert_eq!(
        parked
            .iter()
            .filter(|f| f
                .reconsider
                .is_some_and(|d| d > today() + chrono::Days::new(20)))
            .count(),
        2 + 2,
        "two snoozed, two kept their dates"
    );
    let requests = &roadmap.requests;
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.status == RequestStatus::Linked)
            .count(),
        6,
        "3 linked + 3 turned into features"
    );
    assert_eq!(
        requests
            .iter()
            .filter(|r| r.status == RequestStatus::Declined)
            .count(),
        3
    );
    assert_eq!(
        parked
            .iter()
            .filter(|f| f.why_interesting.starts_with("requested by"))
            .count(),
        3
    );
    assert!(
        requests.iter().any(|r| r.priority == RequestPriority::High),
        "one raised"
    );
    assert!(keys < 60, "{keys} keys beyond the {typed} characters typed");
    eprintln!("triage of 20 items: {keys} keys beyond {typed} typed characters");
}

#[test]
fn capture_from_the_board_lands_in_the_parking_lot() {
    let mut h = Harness::example(today());
    h.press("c");
    h.type_text("Offline mode");
    h.press("Enter");
    assert_eq!(h.message(), "added F16 \"Offline mode\" to the parking lot");
    assert_eq!(
        h.store.feature(FeatureKey(16)).unwrap().status,
        FeatureStatus::Parked
    );
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Board, None)
    ));
    h.press("P c");
    h.type_text("Kiosk mode");
    h.press("Enter");
    assert!(
        matches!((h.app.screen(), h.app.top()), (Screen::Parking(_), None)),
        "a capture from the lot returns to it"
    );
    assert!(h.render(120, 30).contains("Kiosk mode"));
}

#[test]
fn the_log_view_lists_changes_and_filters_them() {
    let mut h = Harness::example(today());
    h.press("S");
    h.press("y");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Log(_), None)
    ));
    let log = h.app.log_view().unwrap();
    assert_eq!(
        log.rows[0].what,
        "ship F4 \"Shift swap requests\": in progress → shipped"
    );
    let total = log.rows.len();
    h.press("/");
    h.type_text("ship pilot validation");
    h.press("Enter");
    let log = h.app.log_view().unwrap();
    assert_eq!(log.shown.len(), 1, "one ship in the Pilot Validation phase");
    assert_eq!(h.message(), format!("1 of {total} entries"));
    assert!(h.render(140, 40).contains("filter: ship pilot validation"));
    h.press("/");
    for _ in 0.."ship pilot validation".len() {
        h.press("Backspace");
    }
    h.type_text("staff directory");
    h.press("Enter");
    assert_eq!(
        h.app.log_view().unwrap().shown.len(),
        4,
        "added, started, shipped, its outcome"
    );
    h.press("Esc");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Board, None)
    ));
    assert!(h.app.log_view().is_none());
}

#[test]
fn the_weekly_review_walks_its_steps_and_is_recorded() {
    let friday = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut h = Harness::example(friday);
    h.store
        .add_blocker(FeatureKey(7), "database host contract", Some(today()), "")
        .unwrap();
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    assert_eq!(
        h.app.review_due(),
        Some(ReviewKind::Weekly),
        "Friday, and no review yet"
    );
    h.press("W");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Review(_), None)
    ));
    // 1: this week's ONE feature shipped.
    h.press("S");
    assert_eq!(feature(&h, 4).status, FeatureStatus::Shipped);
    assert!(
        matches!((h.app.screen(), h.app.top()), (Screen::Review(_), None)),
        "the review stays open"
    );
    // 2: did what shipped two weeks ago work? F3's check is due.
    h.press("Enter");
    let screen = h.render(140, 40);
    assert!(screen.contains("step 2/6: Did it work?"), "{screen}");
    assert!(
        screen.contains("F3 Publish rota by SMS · shipped 2026-11-13 · check due 2026-11-27"),
        "{screen}"
    );
    // A first answer, changed: the last one counts, recorded with the
    // review (in its transaction), not before.
    h.press("3");
    h.type_text("half the rotas");
    h.press("Enter 1");
    h.type_text("every rota went out by SMS — the pilot stopped printing");
    h.press("Enter");
    assert!(
        matches!((h.app.screen(), h.app.top()), (Screen::Review(_), None)),
        "back in the review"
    );
    assert!(
        h.render(140, 40)
            .contains("answered: hit — every rota went out by SMS (recorded with the review)")
    );
    let roadmap = h.store.load().unwrap();
    let outcome = roadmap.outcome_of(feature(&h, 3).id).unwrap();
    assert_eq!(outcome.result, None, "not written before the review is");
    // 3: the overdue blocker gets a new ETA, then is resolved.
    h.press("Enter e");
    h.type_text("next-fri");
    h.press("Enter");
    assert_eq!(
        h.store.load().unwrap().blockers[0].eta,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 4)
    );
    h.press("x");
    assert!(h.store.load().unwrap().blockers[0].resolved.is_some());
    // 3: triage in the parking lot and come back.
    h.press("Enter P");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Parking(_), None)
    ));
    h.press("Tab x");
    h.type_text("not for us");
    h.press("Enter Esc");
    assert!(
        matches!((h.app.screen(), h.app.top()), (Screen::Review(_), None)),
        "the lot returns to the review"
    );
    // 4: choose next week's ONE feature and confirm its why-now.
    h.press("Enter");
    let review = h.app.review_view().unwrap();
    assert_eq!(
        review.draft.step,
        roadboard::domain::review::ReviewStep::NextFeature
    );
    // The P0 of the next phase comes first; F5 (P1) is second.
    h.press("j c");
    assert!(
        matches!(h.app.top(), Some(Overlay::Form(_))),
        "the card's form confirms it"
    );
    h.press("Tab Tab");
    h.type_text(" before the pilot renews");
    h.press("<Ctrl-s>");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Review(_), None)
    ));
    assert!(feature(&h, 5).why.ends_with("before the pilot renews"));
    // 5: notes, then save.
    h.press("Enter");
    h.type_text("Good week.");
    h.press("Enter");
    h.type_text("Pilot happy.");
    h.press("<Ctrl-s>");
    assert_eq!(h.message(), "weekly review recorded");
    // The update for stakeholders is offered, with a file name to change.
    let Some(Overlay::Prompt(prompt)) = h.app.top() else {
        panic!("the update is offered: {:?}", (h.app.screen(), h.app.top()))
    };
    assert_eq!(prompt.text(), "update-2026-11-27.md");
    let update = h.dir.path().join("friday.md");
    h.press("<Ctrl-u>");
    h.type_text(update.to_str().unwrap());
    h.press("Enter");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Board, None)
    ));
    let text = std::fs::read_to_string(&update).unwrap();
    assert!(
        text.contains("## Shipped\n- **Shift swap requests** (27 Nov 2026)"),
        "{text}"
    );
    assert!(text.contains("Labour cost preview (up next)"), "{text}");
    let roadmap = h.store.load().unwrap();
    let review = roadmap.reviews.last().unwrap();
    assert_eq!((review.kind, review.date), (ReviewKind::Weekly, friday));
    assert_eq!(review.notes, "Good week.\nPilot happy.");
    assert_eq!(review.chosen, Some(feature(&h, 5).id));
    let outcome = roadmap.outcome_of(feature(&h, 3).id).unwrap();
    assert_eq!(
        outcome.result,
        Some(roadboard::domain::outcome::OutcomeResult::Hit)
    );
    assert_eq!(outcome.value, "every rota went out by SMS");
    assert_eq!(outcome.note, "the pilot stopped printing");
    let log = h.store.log(&Default::default()).unwrap();
    assert_eq!(
        log[0].what,
        "weekly review: next ONE feature F5 \"Labour cost preview\"; F4 → shipped; a blocker resolved; F3 hit"
    );
    assert!(
        h.store.review_draft(ReviewKind::Weekly).unwrap().is_none(),
        "the draft is gone"
    );
    assert_eq!(h.app.review_due(), None, "done for this week");
}

#[test]
fn a_review_left_halfway_resumes_with_what_was_typed() {
    let mut h = Harness::example(today());
    h.press("W Enter Enter Enter Enter Enter");
    h.type_text("half a thought");
    h.press("Esc");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Board, None)
    ));
    assert_eq!(h.message(), "review kept: W resumes it");
    let draft = h.store.review_draft(ReviewKind::Weekly).unwrap().unwrap();
    assert_eq!(draft.notes, "half a thought");
    // A later session (a new board on the same file) picks it up.
    let mut again = h.second_board("again");
    again.press("W");
    assert_eq!(again.message(), "weekly review resumed where you left it");
    let view = again.app.review_view().unwrap();
    assert_eq!(
        view.draft.step,
        roadboard::domain::review::ReviewStep::Notes
    );
    assert_eq!(view.current().notes, "half a thought");
}

#[test]
fn a_click_lands_on_the_card_drawn_under_it() {
    let mut h = Harness::example(today());
    let screen = h.render(140, 40);
    let area = ratatui::layout::Rect::new(0, 0, 140, 40);
    // Find where "F9 Billing" is drawn and click its second line.
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("F9 Billing"))
        .unwrap();
    let x = line.find("F9 Billing").unwrap();
    let x = line[..x].chars().count() as u16;
    let hit = roadboard::ui::card_at(&h.app, area, x, y as u16 + 1);
    assert_eq!(hit.map(|(_, key)| key.to_string()), Some("F9".into()));
    assert_eq!(
        roadboard::ui::card_at(&h.app, area, x, 2),
        None,
        "the column header is not a card"
    );
    let (column, key) = hit.unwrap();
    h.act(roadboard::app::Action::Select(column, key));
    assert_eq!(h.selected(), "F9");
    assert_eq!(h.app.column, 2);
}

/// Where `text` is drawn on `screen`: its column and line.
fn drawn_at(screen: &str, text: &str) -> (u16, u16) {
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(text))
        .unwrap_or_else(|| panic!("{text} not drawn:\n{screen}"));
    let x = line[..line.find(text).unwrap()].chars().count();
    (x as u16, y as u16)
}

#[test]
fn a_click_lands_on_the_parking_lot_or_tracks_row_drawn_under_it() {
    let mut h = Harness::example(today());
    let area = ratatui::layout::Rect::new(0, 0, 140, 40);
    h.act(Action::Parking);
    // The second request, clicked on its second line, from the features.
    let second = h
        .app
        .parking_view()
        .unwrap()
        .requests(h.app.roadmap.as_ref().unwrap())[1]
        .text
        .clone();
    let (x, y) = drawn_at(&h.render(140, 40), &second);
    let hit = roadboard::ui::row_at(&h.app, area, x, y + 1).expect("a row under the click");
    h.act(Action::SelectRow(hit.0, hit.1));
    let view = h.app.parking_view().unwrap();
    assert_eq!((view.focus, view.rows[1]), (Lot::Requests, 1));
    assert_eq!(
        roadboard::ui::row_at(&h.app, area, x, 1),
        None,
        "the title row"
    );

    h.act(Action::Back);
    for risk in ["Pilot churns", "Bank API slips"] {
        let fields = RiskFields {
            risk: risk.into(),
            ..RiskFields::default()
        };
        let save = roadboard::domain::command::Command::SaveRisk { id: None, fields };
        h.store.apply(&save, today()).unwrap();
    }
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    h.act(Action::Tracks);
    let (x, y) = drawn_at(&h.render(140, 40), "Bank API slips");
    let hit = roadboard::ui::row_at(&h.app, area, x, y).expect("a row under the click");
    h.act(Action::SelectRow(hit.0, hit.1));
    let view = h.app.tracks_view().unwrap();
    assert_eq!(
        (view.focus, view.rows[Track::Risks as usize]),
        (Track::Risks, 1)
    );
}

#[test]
fn the_tracks_screen_lists_blockers_and_dependencies_and_edits_foundations_and_risks() {
    let mut h = Harness::example(today());
    h.store
        .add_blocker(
            FeatureKey(7),
            "hosting contract",
            Some(today() - chrono::Days::new(2)),
            "ask the second provider",
        )
        .unwrap();
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    h.press("T");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Tracks(_), None)
    ));
    let screen = h.render(140, 40);
    assert!(
        screen.contains("F7   → hosting contract → ETA Nov 21 · overdue"),
        "{screen}"
    );
    assert!(
        screen.contains("F10 Self-serve onboarding ├── needs F8, F9"),
        "{screen}"
    );
    assert!(screen.contains("F1 Staff directory ◀── for F2"), "{screen}");
    // e means "a new ETA" here as in the review.
    h.press("e");
    h.type_text("+1w");
    h.press("Enter");
    assert_eq!(
        h.store.load().unwrap().blockers[0].eta,
        Some(today() + chrono::Days::new(7))
    );
    h.press("x");
    assert!(h.store.load().unwrap().blockers[0].resolved.is_some());
    // Foundations: add, cycle the status, edit.
    h.press("Tab Tab n");
    h.type_text("Nightly backups");
    h.press("Tab");
    h.type_text("Rotas are the restaurant's records");
    h.press("Tab Tab");
    h.type_text("+2w");
    h.press("<Ctrl-s>");
    assert!(
        matches!((h.app.screen(), h.app.top()), (Screen::Tracks(_), None)),
        "the form returns to the tracks"
    );
    let item = h.store.load().unwrap().foundations[0].clone();
    assert_eq!(
        (item.what.as_str(), item.status, item.target),
        (
            "Nightly backups",
            FoundationStatus::NotStarted,
            Some(today() + chrono::Days::new(14))
        )
    );
    h.press("s s");
    assert_eq!(
        h.store.load().unwrap().foundations[0].status,
        FoundationStatus::Done
    );
    assert!(
        h.store
            .load()
            .unwrap()
            .slot_holder()
            .is_some_and(|f| f.key == FeatureKey(4)),
        "foundations never take the slot"
    );
    // Risks.
    h.press("Tab n");
    h.type_text("Pilot churns");
    h.press("Tab");
    h.type_text("No reference customer");
    h.press("Tab");
    h.type_text("Weekly check-ins");
    h.press("<Ctrl-s>");
    let risk = h.store.load().unwrap().risks[0].clone();
    assert_eq!(
        (risk.risk.as_str(), risk.mitigation.as_str()),
        ("Pilot churns", "Weekly check-ins")
    );
    h.press("e");
    h.press("End");
    h.type_text(" and a second pilot");
    h.press("<Ctrl-s>");
    assert_eq!(
        h.store.load().unwrap().risks[0].risk,
        "Pilot churns and a second pilot"
    );
    h.press("Esc");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Board, None)
    ));
}

#[test]
fn the_quarterly_review_closes_a_phase_only_when_its_criteria_are_met() {
    let mut h = Harness::example(today());
    h.press(":");
    h.type_text("quarterly review");
    h.press("Enter");
    let view = h.app.review_view().unwrap();
    assert_eq!(
        (view.draft.kind, view.draft.step),
        (
            ReviewKind::Quarterly,
            roadboard::domain::review::ReviewStep::Phases
        )
    );
    let screen = h.render(140, 40);
    assert!(
        screen.contains("quarterly review · step 1/7: Milestones and phase transitions"),
        "{screen}"
    );
    assert!(screen.contains("Pilot Validation [in progress] · 0/3 shipped · milestones 0 hit, 0 missed · forecast +14 days vs plan"), "{screen}");
    // Pilot Validation has two criteria, neither met: refused, naming them.
    h.press("j C");
    assert_eq!(
        h.message(),
        "phase \"Pilot Validation\" cannot be complete: success criteria not met yet: Four consecutive weekly rotas published in the product; Manager reports under 30 minutes a week on scheduling"
    );
    h.press("v Enter Down Enter Esc");
    // Criteria met, but the phase is plainly not done: closing asks why.
    h.press("C");
    let Some(Overlay::Prompt(prompt)) = h.app.top() else {
        panic!("a reason is asked: {:?}", (h.app.screen(), h.app.top()))
    };
    assert!(
        prompt.title.contains(
            "\"Pilot Validation\" has open work: 3 of 3 features not shipped, 2 milestones open"
        ),
        "{}",
        prompt.title
    );
    h.press("Enter");
    assert_eq!(
        h.store.load().unwrap().phases[1].status,
        PhaseStatus::InProgress,
        "no reason, no close"
    );
    h.type_text("the pilot moved on; we pivot");
    h.press("Enter");
    assert_eq!(
        h.store.load().unwrap().phases[1].status,
        PhaseStatus::Complete
    );
    let log = h.store.log(&Default::default()).unwrap();
    assert_eq!(log[0].why, "the pilot moved on; we pivot");
    // And undo takes it back, inside the review too.
    h.press("u");
    assert_eq!(
        h.store.load().unwrap().phases[1].status,
        PhaseStatus::InProgress
    );
    assert!(
        matches!((h.app.screen(), h.app.top()), (Screen::Review(_), None)),
        "{:?}",
        (h.app.screen(), h.app.top())
    );
    h.press("C");
    h.type_text("the pilot moved on; we pivot");
    h.press("Enter");
    // The store holds the same rule for the CLI.
    let error = h
        .store
        .edit_phase(
            h.store.load().unwrap().phases[2].id,
            &roadboard::domain::PhaseFields {
                name: "Multi-Customer Prep".into(),
                status: Some(PhaseStatus::Complete),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(error.to_string().contains("cannot be complete: success criteria not met yet: A new restaurant goes from signup to first rota in a day"), "{error}");
    // The pivot note is the last step.
    for _ in 0..6 {
        h.press("Enter");
    }
    assert!(h.render(140, 40).contains("step 7/7: Pivot note"));
}

#[test]
fn the_monthly_review_shows_progress_drift_and_items_due() {
    let mut h = Harness::example(today());
    // Thirteen weeks on, with nothing done in between.
    h.app.today = today() + chrono::Days::new(7 * 13);
    h.app.relayout();
    h.press(":");
    h.type_text("monthly review");
    h.press("Enter");
    let screen = h.render(140, 40);
    assert!(
        screen.contains("monthly review · step 1/7: Phase progress and drift"),
        "{screen}"
    );
    assert!(screen.contains("milestones 0 hit, 2 missed"), "{screen}");
    // The parking lot's decisions: a date that came, a condition to judge.
    assert!(screen.contains("Parked ideas to decide on:"), "{screen}");
    assert!(
        screen.contains("⟳ F13 Mobile app: reconsider now (due 2027-02-15)"),
        "{screen}"
    );
    h.store
        .transition(
            FeatureKey(6),
            Transition::Defer,
            &TransitionArgs {
                reason: Some("after the pilot".into()),
                reconsider_when: "5 paying restaurants".into(),
                ..TransitionArgs::default()
            },
            today(),
        )
        .unwrap();
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    let screen = h.render(140, 40);
    assert!(
        screen
            .contains("? F6 Availability reminders: when 5 paying restaurants (has it happened?)"),
        "{screen}"
    );
}

#[test]
fn the_parking_lot_filters_by_words_and_sorts() {
    let mut h = Harness::example(today());
    h.press("P /");
    h.type_text("pilot");
    h.press("Enter");
    let roadmap = h.app.roadmap.clone().unwrap();
    let requests: Vec<String> = h
        .app
        .parking_view()
        .unwrap()
        .requests(&roadmap)
        .iter()
        .map(|r| r.requested_by.clone())
        .collect();
    assert_eq!(
        requests,
        vec!["Pilot head chef", "Pilot floor manager"],
        "the bistro prospect is filtered out"
    );
    assert!(
        h.app.parking_view().unwrap().features(&roadmap).is_empty(),
        "no parked feature mentions a pilot"
    );
    assert!(h.render(140, 40).contains("filter: pilot"));
    h.press("/");
    for _ in 0.."pilot".len() {
        h.press("Backspace");
    }
    h.press("Enter s");
    assert_eq!(h.message(), "sorted by demand");
    h.press("s");
    assert_eq!(h.message(), "sorted by age");
    let oldest = h.app.parking_view().unwrap().features(&roadmap)[0]
        .title
        .clone();
    assert_eq!(oldest, "Forecast covers from bookings", "added longest ago");
    h.press("s");
    let by_requester: Vec<String> = h
        .app
        .parking_view()
        .unwrap()
        .requests(&roadmap)
        .iter()
        .map(|r| r.requested_by.clone())
        .collect();
    assert_eq!(
        by_requester,
        vec![
            "Pilot floor manager",
            "Pilot head chef",
            "Prospect: corner bistro"
        ]
    );
}

#[test]
fn a_wrong_state_refusal_names_what_can_be_done_with_its_keys() {
    let mut h = Harness::example(today());
    h.app.select_key(FeatureKey(1));
    h.press("s");
    assert_eq!(
        h.message(),
        "cannot start F1 \"Staff directory\": it is shipped; from shipped you can reopen (O reopen)"
    );
}

/// The parking lot's and the tracks' rows are worked out once per change
/// and read by update and drawing: they follow a write made on the screen
/// and one made by another process, and never point past the roadmap.
#[test]
fn the_list_screens_rows_follow_every_change() {
    let mut h = Harness::example(today());
    h.act(Action::Parking);
    let parked = |h: &Harness| h.app.parking_view().unwrap().len(Lot::Features);
    let before = parked(&h);
    h.act(Action::Capture);
    h.type_text("Dark mode");
    h.press("Enter");
    assert_eq!(parked(&h), before + 1);
    assert!(h.render(140, 40).contains("Dark mode"));

    // Another process drops every parked feature but one.
    let mut other = h.second_board("other");
    let keys: Vec<_> = other
        .store
        .load()
        .unwrap()
        .parked()
        .map(|f| f.key)
        .collect();
    for key in &keys[1..] {
        let args = TransitionArgs {
            reason: Some("not this year".into()),
            ..TransitionArgs::default()
        };
        other
            .store
            .transition(*key, Transition::Drop, &args, today())
            .unwrap();
    }
    // What the runner does when it sees the file changed.
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    assert_eq!(parked(&h), 1);
    h.render(140, 40);

    h.act(Action::Back);
    h.act(Action::Tracks);
    let blockers = |h: &Harness| h.app.tracks_view().unwrap().len(Track::Blockers);
    let before = blockers(&h);
    h.act(Action::Add);
    h.type_text("hosting contract ends -- ask a second provider");
    h.press("Enter");
    assert_eq!(blockers(&h), before + 1);
    assert!(h.render(160, 40).contains("hosting contract ends"));
}

/// Moves the open review on to `step`.
fn to_review_step(h: &mut Harness, step: roadboard::domain::review::ReviewStep) {
    for _ in 0..8 {
        if roadboard::app::state::review_in(&mut h.app.screens).map(|v| v.draft.step) == Some(step)
        {
            return;
        }
        h.act(Action::NextStep);
    }
    panic!("the review has no step {step:?}");
}

/// Next week's ONE is chosen among every planned feature: a long list
/// scrolls so the selected candidate is on screen, and choosing takes it.
#[test]
fn the_review_scrolls_its_candidates_to_the_selection() {
    let mut h = Harness::example(today());
    let phase = h.store.load().unwrap().phases[1].id;
    for n in 1..=40 {
        let new = NewFeature {
            fields: FeatureFields {
                title: format!("Candidate {n}"),
                ..FeatureFields::default()
            },
            phase: Some(phase),
            ..NewFeature::default()
        };
        h.store.add_feature(&new).unwrap();
    }
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    h.act(Action::Review);
    to_review_step(&mut h, roadboard::domain::review::ReviewStep::NextFeature);
    for _ in 0..35 {
        h.act(Action::Down);
    }
    let view = roadboard::app::state::review_in(&mut h.app.screens).unwrap();
    let at = view.rows[view.selected];
    let title = h.app.roadmap.as_ref().unwrap().features[at].title.clone();
    let screen = h.render(120, 30);
    assert!(screen.contains(&title), "{title} not on screen:\n{screen}");
    h.act(Action::Choose);
    let chosen = roadboard::app::state::review_in(&mut h.app.screens)
        .and_then(|v| v.draft.chosen)
        .map(|k| k.to_string());
    let key = h.app.roadmap.as_ref().unwrap().features[at].key.to_string();
    assert_eq!(chosen, Some(key));
}

/// The review's blockers step lists what holds work up oldest ETA first,
/// and resolving the selected row resolves that blocker.
#[test]
fn the_reviews_blockers_come_oldest_eta_first() {
    let mut h = Harness::example(today());
    let on = |days| Some(today() + chrono::Days::new(days));
    h.store
        .add_blocker(FeatureKey(5), "late one", on(20), "")
        .unwrap();
    h.store
        .add_blocker(FeatureKey(6), "soon one", on(2), "")
        .unwrap();
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    h.act(Action::Review);
    to_review_step(&mut h, roadboard::domain::review::ReviewStep::Blockers);
    let screen = h.render(140, 40);
    let (soon, late) = (
        screen.find("soon one").unwrap(),
        screen.find("late one").unwrap(),
    );
    assert!(soon < late, "{screen}");
    h.act(Action::ResolveBlocker);
    let open: Vec<String> = h
        .store
        .load()
        .unwrap()
        .blocking_now()
        .map(|b| b.waiting_for.clone())
        .collect();
    assert!(!open.contains(&"soon one".to_owned()), "{open:?}");
    assert!(open.contains(&"late one".to_owned()), "{open:?}");
}

#[test]
fn a_click_lands_on_the_log_or_review_row_drawn_under_it() {
    use roadboard::app::keymap::Selection;
    let mut h = Harness::example(today());
    let area = ratatui::layout::Rect::new(0, 0, 140, 40);
    h.act(Action::Log);
    h.render(140, 40);
    // Under the header line and the box's top border, the third entry.
    let hit = roadboard::ui::row_at(&h.app, area, 10, 4);
    assert_eq!(hit, Some((Selection::Log, 2)));
    h.act(Action::SelectRow(Selection::Log, 2));
    assert_eq!(h.app.log_view().unwrap().selected, 2);

    h.act(Action::Back);
    h.act(Action::Review);
    to_review_step(&mut h, roadboard::domain::review::ReviewStep::NextFeature);
    let view = roadboard::app::state::review_in(&mut h.app.screens).unwrap();
    let second = view.rows[1];
    let title = h.app.roadmap.as_ref().unwrap().features[second]
        .title
        .clone();
    let (x, y) = drawn_at(&h.render(140, 40), &title);
    let hit = roadboard::ui::row_at(&h.app, area, x, y);
    assert_eq!(hit, Some((Selection::Review, 1)));
    h.act(Action::SelectRow(Selection::Review, 1));
    let view = roadboard::app::state::review_in(&mut h.app.screens).unwrap();
    assert_eq!(view.selected, 1);
}

// Trust, round two, 2: a paste is text in the focused field, never keys;
// with no field open it is refused whole; a large one goes in at once.
#[test]
fn a_paste_is_text_in_a_field_and_never_keys_on_the_board() {
    let mut h = Harness::example(today());
    let before = h.store.load().unwrap();
    h.act(Action::Paste("please review the rota draft\n".into()));
    assert!(
        h.message().contains("nothing to paste into"),
        "{}",
        h.message()
    );
    assert_eq!(h.store.load().unwrap(), before, "no key of it ran");
    assert!(h.app.top().is_none());

    h.press("e");
    h.act(Action::Paste("please review the rota draft\r\n".into()));
    let Some(Overlay::Form(form)) = h.app.top() else {
        panic!("the form stays open: the paste's line break submitted nothing");
    };
    assert_eq!(form.fields[form.focus].label, "Title");
    let title = form.fields[form.focus].text();
    assert!(title.ends_with("please review the rota draft"), "{title}");
    assert!(!title.contains('\n'), "{title}");
    assert_eq!(h.store.load().unwrap(), before);
    h.press("Esc");

    h.press("e");
    let big = "x".repeat(100_000);
    let started = std::time::Instant::now();
    h.act(Action::Paste(big));
    // Generous: a debug build on two busy cores; quadratic work would take minutes.
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let Some(Overlay::Form(form)) = h.app.top() else {
        panic!("the form stays open");
    };
    assert!(form.fields[form.focus].text().len() > 100_000);
}

// The method's answers, 5: a step's hint names the step that follows, from
// the steps themselves (step 2 of a weekly review is "Did it work?").
#[test]
fn the_review_names_the_step_that_follows() {
    let mut h = Harness::example(today());
    h.store
        .transition(
            roadboard::domain::FeatureKey(4),
            roadboard::domain::Transition::Ship,
            &Default::default(),
            today(),
        )
        .unwrap();
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    h.act(Action::Review);
    let screen = h.render(140, 40);
    assert!(screen.contains("on to \"Did it work?\""), "{screen}");
    assert!(!screen.contains("on to the blockers"), "{screen}");
}

// The document issue, 5: what an import kept as notes is there to read in
// the roadmap pane (`i`), not only said to be kept.
#[test]
fn notes_kept_from_a_document_show_in_the_roadmap_pane() {
    let mut h = Harness::example(today());
    let mut roadmap = h.app.roadmap.clone().unwrap();
    roadmap.notes.push(roadboard::domain::Note {
        id: roadboard::domain::NoteId(900),
        heading: "Tech Stack (Recommended)".into(),
        body: "Rust, SQLite, no server".into(),
        position: 1,
    });
    h.app.set_roadmap(Some(roadmap));
    h.press("i");
    let screen = h.render(140, 40);
    assert!(
        screen.contains("Kept from your document (1 note)"),
        "{screen}"
    );
    assert!(screen.contains("Tech Stack (Recommended)"), "{screen}");
    assert!(screen.contains("Rust, SQLite, no server"), "{screen}");
}

#[test]
fn a_cards_detail_lists_its_commits_and_shows_them_in_its_history() {
    use roadboard::domain::commits::CardCommit;
    let mut h = Harness::example(today());
    let when = |day: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc()
    };
    let commits = [
        (
            FeatureKey(4),
            CardCommit {
                hash: "1a2b3c4d5e6f".into(),
                when: when(20),
                subject: "Swap requests API for F4".into(),
                ships: false,
            },
        ),
        (
            FeatureKey(4),
            CardCommit {
                hash: "9f8e7d6c5b4a".into(),
                when: when(22),
                subject: "Swap approvals".into(),
                ships: true,
            },
        ),
    ];
    h.store
        .keep_commit_links("/repo", "9f8e7d6c5b4a", &commits)
        .unwrap();
    h.press("Enter");
    let screen = h.render(120, 60);
    assert!(
        screen.contains("Commits  9f8e7d6 2026-11-22 Swap approvals  (Ships)"),
        "{screen}"
    );
    assert!(
        screen.contains("1a2b3c4 2026-11-20 Swap requests API for F4"),
        "{screen}"
    );
    assert!(
        screen.contains("commit 9f8e7d6 Swap approvals (ships it)"),
        "{screen}"
    );
}

#[test]
fn sync_on_a_file_that_does_not_sync_says_how_to_set_it_up() {
    let mut h = Harness::example(today());
    h.press("Y");
    assert!(
        h.message()
            .contains("run `roadboard sync setup REMOTE` first"),
        "{}",
        h.message()
    );
}
