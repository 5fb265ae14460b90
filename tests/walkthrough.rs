//! What a new user met in one afternoon of planning: each defect found,
//! with a test that failed before its fix. Numbers are the items of the
//! issue.

use common::plan::Plan;
use roadboard::store::{OpenMode, Store};

// 16. Closing a phase whose success criteria are not met is a refusal by
// the method: exit 3, like every other.
#[test]
fn a_refused_phase_close_exits_3() {
    let plan = Plan::new();
    {
        let mut store = Store::open(&plan.db, OpenMode::Existing, "t").unwrap();
        let phase = store.resolve_phase("MVP").unwrap();
        store
            .add_criterion(phase.id, "Ten paying customers")
            .unwrap();
    }
    let (code, stderr) = plan.fails(&["phase", "edit", "MVP", "--status", "complete"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("cannot be complete"), "{stderr}");
}

// 13. Two phases of one name are refused; a file that has them already
// asks for the number instead of picking the first.
#[test]
fn duplicate_phase_names_are_refused_or_disambiguated() {
    let plan = Plan::new();
    let (code, stderr) = plan.fails(&["phase", "add", "mvp"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("a phase named \"mvp\" exists already"),
        "{stderr}"
    );
    plan.ok(&["phase", "add", "Pilot"]);
    let (_, stderr) = plan.fails(&["phase", "edit", "Pilot", "--name", "MVP"]);
    assert!(stderr.contains("exists already"), "{stderr}");
    // A file imported with two alike names (as older builds allowed).
    let conn = rusqlite::Connection::open(&plan.db).unwrap();
    conn.execute("UPDATE phase SET name = 'MVP' WHERE name = 'Pilot'", [])
        .unwrap();
    drop(conn);
    let (_, stderr) = plan.fails(&["add", "Reports", "--phase", "MVP"]);
    assert!(
        stderr.contains("`MVP` names 2 phases (1, 2): give its number"),
        "{stderr}"
    );
    plan.ok(&["add", "Reports", "--phase", "2"]);
}

// 6. Shipping a blocked feature resolves its blockers, said and logged, so
// no shipped card is marked blocked.
#[test]
fn shipping_resolves_what_the_feature_waited_for() {
    let plan = Plan::new();
    plan.ok(&["block", "F1", "--on", "bank API keys"]);
    plan.ok(&["start", "F1"]);
    let shipped = plan.ok(&["ship", "F1"]);
    assert!(
        shipped.contains("resolved what it waited for: bank API keys"),
        "{shipped}"
    );
    let store = Store::open(&plan.db, OpenMode::Existing, "t").unwrap();
    let roadmap = store.load().unwrap();
    assert!(roadmap.blockers.iter().all(|b| b.resolved.is_some()));
    let log = plan.ok(&["log"]);
    assert!(log.contains("resolved what it waited for"), "{log}");
}

// 14. A shipped feature waits on nothing, whatever became of what it
// depended on.
#[test]
fn a_shipped_feature_never_waits_on_its_dependencies() {
    let plan = Plan::new();
    plan.ok(&["add", "Reports", "--phase", "MVP", "--depends-on", "F1"]);
    plan.ok(&["start", "F2", "--override", "the data is there already"]);
    // An override starts early, never ships early.
    let (code, stderr) = plan.fails(&["ship", "F2"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("cannot ship F2 \"Reports\": it depends on F1"),
        "{stderr}"
    );
    plan.ok(&["drop", "F1", "--why", "not needed"]);
    plan.ok(&["ship", "F2"]);
    let listed = plan.ok(&["list"]);
    let reports = listed.lines().find(|l| l.contains("Reports")).unwrap();
    assert!(!reports.contains("waits on deps"), "{reports}");
    let shown = plan.ok(&["show", "F2", "--json"]);
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["unmet_dependencies"], serde_json::json!([]));
}

use crate::common;

// 2. In the parking lot, `+` re-sorts the list and the selection follows
// the item, so the next `+` raises the same one.
#[test]
fn the_parking_selection_follows_the_item_it_raised() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut h = common::board::Harness::example(today);
    h.press("P");
    for _ in 0..20 {
        h.press("j");
    }
    let roadmap = h.app.roadmap.clone().unwrap();
    let last = h
        .app
        .parking_view()
        .unwrap()
        .features(&roadmap)
        .last()
        .map(|f| f.key)
        .unwrap();
    let before = roadmap.feature_by_key(last).unwrap().priority;
    h.press("+");
    h.press("+");
    let roadmap = h.app.roadmap.clone().unwrap();
    let after = roadmap.feature_by_key(last).unwrap().priority;
    use roadboard::domain::Priority;
    // `+` raises an unprioritized item to P2, then one level at a time.
    let raise = |p: Option<Priority>| match p {
        None => Some(Priority::P2),
        Some(p) => Priority::from_level(p.level().saturating_sub(1)),
    };
    assert_eq!(
        after,
        raise(raise(before)),
        "both raises went to the same item"
    );
    let features = h.app.parking_view().unwrap().features(&roadmap);
    assert_eq!(
        features[h.app.parking_view().unwrap().row()].key,
        last,
        "the selection is still on it"
    );
}

// Friction: the CLI edits what `add` sets, and offers completions and a
// manual page.
#[test]
fn the_cli_edits_any_field_and_writes_completions_and_a_manual() {
    let plan = Plan::new();
    plan.ok(&["phase", "add", "Pilot"]);
    let saved = plan.ok(&[
        "edit",
        "F1",
        "--why",
        "pilot pays in March",
        "--target",
        "2026-12-04",
        "--priority",
        "P1",
        "--phase",
        "Pilot",
    ]);
    assert_eq!(
        saved,
        "edited F1 \"Billing\": why essential, priority, target\nmoved F1 \"Billing\" to phase \"Pilot\"\n",
        "each change in the change log's words"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&plan.ok(&["show", "F1", "--json"])).unwrap();
    assert_eq!(shown["why"], "pilot pays in March");
    assert_eq!(shown["target"], "2026-12-04");
    assert_eq!(shown["priority"], "P1");
    assert_eq!(shown["phase_name"], "Pilot");
    plan.ok(&["edit", "F1", "--target", "none"]);
    let shown: serde_json::Value =
        serde_json::from_str(&plan.ok(&["show", "F1", "--json"])).unwrap();
    assert!(shown["target"].is_null());
    let (code, stderr) = plan.fails(&["edit", "F1", "--title", "two\nlines"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("title: must be one line"), "{stderr}");

    let bash = plan.ok(&["completions", "bash"]);
    assert!(
        bash.contains("roadboard") && bash.contains("complete"),
        "{bash}"
    );
    let man = plan.ok(&["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH"), "{man}");
}

// Friction: `--end +8w` counts from `--start`, not from today.
#[test]
fn a_relative_end_counts_from_the_start() {
    let plan = Plan::new();
    plan.ok(&[
        "phase",
        "add",
        "Pilot",
        "--start",
        "2027-01-04",
        "--end",
        "+8w",
    ]);
    let listed = plan.ok(&["phase", "list"]);
    assert!(listed.contains("2027-01-04 → 2027-03-01"), "{listed}");
    plan.ok(&["phase", "edit", "Pilot", "--end", "+2w"]);
    let listed = plan.ok(&["phase", "list"]);
    assert!(listed.contains("2027-01-04 → 2027-01-18"), "{listed}");
}

// Words and layout: `show` keeps a description's lines under its first.
#[test]
fn show_indents_the_lines_of_a_long_value() {
    let plan = Plan::new();
    plan.ok(&["edit", "F1", "--description", "first line\nsecond line"]);
    let shown = plan.ok(&["show", "F1"]);
    assert!(
        shown.contains("  description      first line\n                   second line\n"),
        "{shown}"
    );
}

// Words and layout: in `list` a long phase name never runs into the title.
#[test]
fn list_keeps_the_title_in_its_column() {
    let plan = Plan::new();
    plan.ok(&["phase", "add", "A rather long phase name indeed"]);
    plan.ok(&["add", "Reports", "--phase", "2"]);
    let listed = plan.ok(&["list"]);
    let line = listed.lines().find(|l| l.contains("Reports")).unwrap();
    assert!(line.contains("A rather long phase… Reports"), "{line}");
}

// `status --json` carries what a prompt or a status bar needs.
#[test]
fn status_json_says_the_one_its_age_target_and_the_review_due() {
    let plan = Plan::new();
    plan.ok(&["edit", "F1", "--target", "2026-11-20"]);
    plan.ok(&["start", "F1"]);
    let status: serde_json::Value = serde_json::from_str(&plan.ok(&["status", "--json"])).unwrap();
    assert_eq!(status["active"], "F1");
    assert_eq!(status["title"], "Billing");
    assert_eq!(status["days_active"], 0);
    assert_eq!(status["target"], "2026-11-20");
    assert_eq!(status["late"], true);
    assert!(
        status["review_due"].is_null(),
        "Monday, no review yet: none due"
    );
    // On the review day (Friday) the weekly review is due.
    let friday: serde_json::Value =
        serde_json::from_str(&plan.ok(&["--today", "2026-11-27", "status", "--json"])).unwrap();
    assert_eq!(friday["review_due"], "weekly");
    assert_eq!(friday["days_active"], 4);
}

// 8. A monthly review opened from the palette is the monthly one, fresh
// (not the weekly draft, and not "resumed"); the weekly draft stays.
#[test]
fn review_drafts_are_kept_per_kind() {
    use roadboard::app::Screen;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut h = common::board::Harness::example(today);
    h.press("W Enter Enter");
    h.press("Esc");
    h.press(":");
    h.type_text("monthly review");
    h.press("Enter");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Review(_), None)
    ));
    let view = h.app.review_view().unwrap();
    assert_eq!(view.draft.kind, roadboard::domain::ReviewKind::Monthly);
    assert_eq!(
        view.draft.step,
        roadboard::domain::review::ReviewStep::Phases
    );
    assert!(!h.message().contains("resumed"), "{}", h.message());
    h.press("Esc W");
    let view = h.app.review_view().unwrap();
    assert_eq!(view.draft.kind, roadboard::domain::ReviewKind::Weekly);
    assert_eq!(
        view.draft.step,
        roadboard::domain::review::ReviewStep::Blockers,
        "where it was left"
    );
    assert_eq!(h.message(), "weekly review resumed where you left it");
}

// 5. Pause then start keeps the days already active: a same-day ship after
// a week of work is a week, in the status, the velocity and the review.
#[test]
fn pausing_does_not_reset_the_days_active() {
    let plan = Plan::new();
    plan.ok(&["--today", "2026-11-02", "start", "F1"]);
    plan.ok(&["--today", "2026-11-09", "pause", "F1", "--why", "bank keys"]);
    plan.ok(&["--today", "2026-11-16", "start", "F1"]);
    let status: serde_json::Value =
        serde_json::from_str(&plan.ok(&["--today", "2026-11-18", "status", "--json"])).unwrap();
    assert_eq!(status["days_active"], 9, "7 before the pause and 2 since");
    plan.ok(&["--today", "2026-11-16", "ship", "F1"]);
    let roadmap = Store::open(&plan.db, OpenMode::Existing, "t")
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(roadmap.features[0].days_to_ship(), Some(7));
    // The Markdown export keeps it.
    let markdown = plan.ok(&["export", "--format", "md"]);
    assert!(
        markdown.contains("- **Days Active Before:** 7"),
        "{markdown}"
    );
}

// #14: a request asked by several customers is one request with its
// demand; the lot sorts by it; the feature made of it says who asked; the
// askers survive the Markdown and JSON round trips.
#[test]
fn a_request_asked_twice_is_one_request_with_its_demand() {
    use roadboard::app::state::LotOrder;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut h = common::board::Harness::example(today);
    let before = h.store.load().unwrap().requests.len();
    h.press("P R");
    h.type_text("Print the rota as a one-page PDF for the kitchen wall from Café Lumen");
    h.press("Enter");
    assert!(
        h.message().contains("asked again, now by 2 customers"),
        "{}",
        h.message()
    );
    h.press("R");
    h.type_text("print the rota as a one-page PDF for the kitchen  wall. -- Deli Rosa");
    h.press("Enter");
    let roadmap = h.store.load().unwrap();
    assert_eq!(roadmap.requests.len(), before, "no second row");
    let asked = roadmap
        .requests
        .iter()
        .find(|r| r.demand() == 3)
        .expect("one request asked three times");
    assert_eq!(
        asked.demand_label(),
        "3 customers: Pilot head chef, Café Lumen, Deli Rosa"
    );
    // Sorted by demand, it comes first, and the lot says who asked.
    while h.app.parking_view().unwrap().order() != LotOrder::Demand {
        h.press("s");
    }
    assert_eq!(
        h.app.parking_view().unwrap().requests(&roadmap)[0].id,
        asked.id
    );
    assert!(h.render(160, 40).contains("3 customers: Pilot head chef"));
    // A duplicate in other words is merged into it (=), and undone (u).
    h.press("R");
    h.type_text("Kitchen wall printout of the rota from Bistro Nine");
    h.press("Enter Tab");
    let roadmap = h.store.load().unwrap();
    let position = h
        .app
        .parking_view()
        .unwrap()
        .requests(&roadmap)
        .iter()
        .position(|r| r.requested_by == "Bistro Nine")
        .unwrap();
    for _ in 0..position {
        h.press("j");
    }
    h.press("=");
    h.type_text("one-page PDF");
    h.press("Enter");
    assert!(
        h.message().contains("now asked by 4 customers"),
        "{}",
        h.message()
    );
    assert_eq!(h.store.load().unwrap().requests.len(), before);
    h.press("u");
    assert_eq!(
        h.store.load().unwrap().requests.len(),
        before + 1,
        "undo brings it back"
    );
    h.press("<Ctrl-r>");
    // Made a feature (the first by demand), whose detail names them.
    h.app.parking_view_mut().unwrap().focus = roadboard::app::state::Lot::Requests;
    h.app.parking_view_mut().unwrap().rows[1] = 0;
    h.press("n");
    let roadmap = h.store.load().unwrap();
    let feature = roadmap
        .requests
        .iter()
        .find(|r| r.id == asked.id)
        .and_then(|r| r.feature)
        .and_then(|id| roadmap.feature(id))
        .expect("the request became a feature")
        .key;
    h.app.show(roadboard::app::Overlay::Detail(feature));
    let screen = h.render(200, 50);
    assert!(
        screen.contains("(4 customers: Pilot head chef, Café Lumen, Deli Rosa, Bistro Nine)")
            && screen.contains("requested by 4 customers"),
        "{screen}"
    );
    // The askers go out and come back with the document.
    let plan = Plan::example();
    let mut store = Store::open(&plan.dir().join("roadmap.db"), OpenMode::Existing, "t").unwrap();
    let text = store.load().unwrap().requests[0].text.clone();
    store
        .add_request(
            &text,
            "Deli Rosa",
            roadboard::domain::RequestPriority::Low,
            today,
        )
        .unwrap();
    drop(store);
    for format in ["md", "json"] {
        let back = plan.round_trip(format);
        assert_eq!(back.requests[0].demand(), 2, "{format}");
        assert_eq!(back.requests[0].also_asked[0].by, "Deli Rosa", "{format}");
        assert_eq!(back.requests[0].also_asked[0].on, Some(today), "{format}");
    }
}

// 9. A request opens in full, can be recorded from the board, and keeps
// its priority when it becomes a parked feature.
#[test]
fn requests_open_are_added_from_the_board_and_keep_their_priority() {
    use roadboard::app::{Overlay, Screen};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut h = common::board::Harness::example(today);
    h.press("P R");
    h.type_text("Rota on the kitchen tablet in landscape, with big buttons — Café Lumen");
    h.press("Enter");
    let roadmap = h.store.load().unwrap();
    let added = roadmap.requests.last().unwrap();
    assert_eq!(added.requested_by, "Café Lumen");
    assert_eq!(
        added.text,
        "Rota on the kitchen tablet in landscape, with big buttons"
    );
    // Open it: the whole text, who asked, when.
    h.press("Tab");
    let index = h
        .app
        .parking_view()
        .unwrap()
        .requests(&roadmap)
        .iter()
        .position(|r| r.id == added.id)
        .unwrap();
    for _ in 0..index {
        h.press("j");
    }
    h.press("Enter");
    assert!(
        matches!(h.app.top(), Some(Overlay::Request(_))),
        "{:?}",
        (h.app.screen(), h.app.top())
    );
    let screen = h.render(140, 40);
    assert!(
        screen.contains("Rota on the kitchen tablet in landscape, with big buttons"),
        "{screen}"
    );
    assert!(screen.contains("Café Lumen"), "{screen}");
    h.press("Esc");
    assert!(matches!(
        (h.app.screen(), h.app.top()),
        (Screen::Parking(_), None)
    ));
    // A high-priority request becomes a P1 parked feature.
    let mut store =
        roadboard::store::Store::open(h.store.path(), roadboard::store::OpenMode::Existing, "t")
            .unwrap();
    let high = store
        .add_request(
            "Export to payroll",
            "Bistro",
            roadboard::domain::RequestPriority::High,
            today,
        )
        .unwrap();
    let feature = store.request_to_feature(high.0.id, today).unwrap();
    assert_eq!(feature.priority, Some(roadboard::domain::Priority::P1));
    assert_eq!(feature.why_interesting, "requested by Bistro on 2026-11-23");
}

// 12. The Mermaid export places work not started by the forecast: no
// planned task starts in the past or after shipped work alone.
#[test]
fn the_mermaid_export_never_places_planned_work_in_the_past() {
    let plan = Plan::example();
    let gantt = plan.ok(&["export", "--format", "mermaid"]);
    let shipped = ["F1", "F2", "F3"];
    for line in gantt
        .lines()
        .filter(|l| l.contains(" :") && !l.contains("done,") && !l.contains("milestone"))
    {
        let details = line.split(" :").nth(1).unwrap();
        if let Some(after) = details.split("after ").nth(1) {
            let keys: Vec<&str> = after
                .split(',')
                .next()
                .unwrap()
                .split_whitespace()
                .collect();
            assert!(
                keys.iter().any(|k| !shipped.contains(k)),
                "after shipped work only: {line}"
            );
        } else {
            let parts: Vec<&str> = details.split(", ").collect();
            let start = parts[parts.len() - 2];
            assert!(start >= "2026-11-16", "starts in the past: {line}");
        }
    }
}

// 15. A review recorded on the board is in the log once, at its real time,
// by its author; not again at a made-up 23:59.
#[test]
fn a_recorded_review_is_logged_once_with_its_time_and_author() {
    let friday = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut h = common::board::Harness::example(friday);
    h.press("W");
    for _ in 0..5 {
        h.press("Enter");
    }
    h.press("<Ctrl-s> Esc y");
    let log = h.app.log_view().unwrap();
    let reviews: Vec<_> = log
        .rows
        .iter()
        .filter(|r| r.what.starts_with("weekly review"))
        .collect();
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert_eq!(reviews[0].who, "tester");
    assert_ne!(
        reviews[0].at.time(),
        chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap()
    );
}

// 18. The Gantt legend names what is drawn, and an open feature's target
// is marked on its row.
#[test]
fn the_gantt_legend_matches_the_drawing() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut h = common::board::Harness::example(today);
    h.press("G");
    let screen = h.render(200, 40);
    assert!(
        screen.contains("▀ planned or done ▄ forecast ◆ milestone ◇ reached ◎ target"),
        "{screen}"
    );
    let active = screen
        .lines()
        .find(|l| l.starts_with("│") && l.contains("F4 Shift swap requests"))
        .unwrap();
    assert!(active.contains('◎'), "the ONE's target is marked: {active}");
    assert!(
        screen.contains('◇'),
        "a reached milestone is drawn as the legend says"
    );
}

// 17. Search finds a card by any of its words (its why too), and word
// matches come before fuzzy ones ("rota" does not lead to Payroll export).
#[test]
fn search_ranks_word_matches_first_and_reads_every_field() {
    use roadboard::app::Overlay;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut h = common::board::Harness::example(today);
    h.press("/");
    h.type_text("rota");
    let Some(Overlay::Picker(picker)) = h.app.top() else {
        panic!("{:?}", (h.app.screen(), h.app.top()))
    };
    let first: Vec<&str> = picker
        .matches
        .iter()
        .take(3)
        .map(|&i| picker.items[i].label.as_str())
        .collect();
    assert!(
        first.iter().all(|l| l.to_lowercase().contains("rota")),
        "{first:?}"
    );
    h.press("Esc /");
    // F4's why: "Swaps by text message are the pilot's biggest complaint".
    h.type_text("biggest complaint");
    h.press("Enter");
    assert_eq!(h.selected(), "F4");
}

// Words: `~` in a path typed on the board is the home directory.
#[test]
fn a_typed_path_starting_with_a_tilde_is_under_home() {
    let home = directories::BaseDirs::new()
        .unwrap()
        .home_dir()
        .to_path_buf();
    assert_eq!(
        roadboard::config::home_relative("~/plans/x.md"),
        home.join("plans/x.md")
    );
    assert_eq!(
        roadboard::config::home_relative("plans/~x.md"),
        std::path::PathBuf::from("plans/~x.md")
    );
}

// Words: a long ONE title gives way in the header; its state and the
// review due never do.
#[test]
fn a_long_one_title_never_pushes_its_state_off_the_header() {
    let friday = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut h = common::board::Harness::example(friday);
    let long =
        "Shift swap requests with manager approval, notifications and an audit trail for the pilot";
    let mut fields = roadboard::domain::FeatureFields::of(
        &h.store.feature(roadboard::domain::FeatureKey(4)).unwrap(),
    );
    fields.title = long.into();
    h.store
        .edit_feature(roadboard::domain::FeatureKey(4), &fields)
        .unwrap();
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    let screen = h.render(120, 30);
    let header = screen.lines().next().unwrap();
    assert!(header.contains("· in progress · 7 days"), "{header}");
    assert!(header.contains("weekly review due (W)"), "{header}");
    assert!(
        header.contains("F4 Shift swap"),
        "the title starts: {header}"
    );
}
