//! Every pane of the board at 80×24 and 140×40, on the example roadmap with
//! a fixed today. `INSTA_UPDATE=always cargo test --test suite snapshots::` accepts
//! changes (then review the diff).

use crate::common;

use common::board::Harness;
use common::today;
use proptest::prelude::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn snapshot(name: &str, harness: &Harness) {
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            harness.render(width, height)
        );
    }
}

#[test]
fn board() {
    snapshot("board", &Harness::example(today()));
}

#[test]
fn board_with_a_refusal_in_the_footer() {
    let mut h = Harness::example(today());
    h.press("j s");
    snapshot("refusal", &h);
}

#[test]
fn criteria_overlay() {
    let mut h = Harness::example(today());
    h.act(roadboard::app::Action::CheckCriteria);
    h.press("Enter j");
    snapshot("criteria", &h);
}

#[test]
fn roadmap_pane() {
    let mut h = Harness::example(today());
    h.press("i");
    // The last change is stamped with the clock; the picture with a day.
    h.app.close();
    h.app.show(roadboard::app::Overlay::Roadmap {
        last_change: today().and_hms_opt(9, 30, 0),
        scroll: 0,
    });
    snapshot("roadmap", &h);
}

#[test]
fn card_detail() {
    let mut h = Harness::example(today());
    h.press("Enter");
    // The change log is stamped with the clock; the picture with a day.
    let history = h
        .app
        .history
        .as_mut()
        .expect("the detail reads its history");
    for entry in &mut history.entries {
        entry.at = today().and_hms_opt(9, 0, 0).unwrap();
    }
    snapshot("detail", &h);
}

#[test]
fn edit_form() {
    let mut h = Harness::example(today());
    h.press("e");
    snapshot("form", &h);
}

#[test]
fn help_overlay() {
    let mut h = Harness::example(today());
    h.press("?");
    snapshot("help", &h);
}

#[test]
fn search_picker() {
    let mut h = Harness::example(today());
    h.press("/");
    h.type_text("rota");
    snapshot("search", &h);
}

#[test]
fn why_prompt() {
    let mut h = Harness::example(today());
    h.press("p");
    h.type_text("pilot away");
    snapshot("prompt", &h);
}

#[test]
fn empty_state() {
    snapshot("first_run", &Harness::empty(today()));
}

#[test]
fn too_small() {
    let h = Harness::example(today());
    insta::assert_snapshot!("too_small_40x10", h.render(40, 10));
}

#[test]
fn scrolled_to_the_last_phase() {
    let mut h = Harness::example(today());
    h.press("l l");
    insta::assert_snapshot!("last_phase_80x24", h.render(80, 24));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any size from 1×1 to 300×100, in any pane: no panic.
    #[test]
    fn any_size_renders(width in 1u16..=300, height in 1u16..=100, pane in 0usize..6) {
        let mut h = Harness::example(today());
        h.press(["", "Enter", "e", "?", "/", "p"][pane]);
        h.render(width, height);
    }
}

#[test]
fn gantt_at_each_zoom_split_and_full() {
    for (zoom, keys) in [
        ("days", "z"),
        ("weeks", ""),
        ("months", "Z"),
        ("quarters", "Z Z"),
    ] {
        let mut split = Harness::example(today());
        split.press("g");
        split.press(keys);
        let mut full = Harness::example(today());
        full.press("G");
        full.press(keys);
        for (width, height) in [(80, 24), (160, 48)] {
            insta::assert_snapshot!(
                format!("gantt_split_{zoom}_{width}x{height}"),
                split.render(width, height)
            );
            insta::assert_snapshot!(
                format!("gantt_full_{zoom}_{width}x{height}"),
                full.render(width, height)
            );
        }
    }
}

#[test]
fn gantt_in_plain_ascii() {
    let mut h = Harness::example(today());
    h.press("G");
    let theme = roadboard::ui::Theme {
        ascii: true,
        ..roadboard::ui::Theme::default()
    };
    let screen = h.render_with(100, 30, &theme);
    assert!(
        !screen.contains('▀') && !screen.contains('█') && screen.contains('='),
        "{screen}"
    );
    insta::assert_snapshot!("gantt_ascii_100x30", screen);
}

#[test]
fn parking_lot() {
    let mut h = Harness::example(today());
    h.press("P");
    snapshot("parking", &h);
    h.press("Tab m");
    assert!(h.render(140, 40).contains("Customer requests"));
}

#[test]
fn change_log() {
    let mut h = Harness::example(today());
    h.press("y");
    // The example's entries carry the time it was built: show dates only.
    let screen = h.render(100, 20);
    assert!(screen.contains("Change log ·"));
    assert!(screen.contains("customer request #3 from Prospect: corner bistro"));
}

#[test]
fn review_steps() {
    let mut h = Harness::example(today());
    h.press("W");
    for step in 1..=6 {
        insta::assert_snapshot!(format!("review_step{step}_100x30"), h.render(100, 30));
        h.press("Enter");
    }
}

/// The weekly review's "Did it work?" step with a check due (F3, shipped
/// two weeks before the example's today).
#[test]
fn review_outcomes_step() {
    let mut h = Harness::example(today());
    h.press("W Enter");
    snapshot("review_outcomes", &h);
}

#[test]
fn tracks_screen() {
    let mut h = Harness::example(today());
    h.store
        .add_blocker(
            roadboard::domain::FeatureKey(7),
            "hosting contract",
            Some(today()),
            "",
        )
        .unwrap();
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    h.press("T");
    snapshot("tracks", &h);
}

#[test]
fn change_log_view() {
    use roadboard::app::state::LogView;
    let mut h = Harness::example(today());
    let at = |d: u32, h: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    let roadmap = h.app.roadmap.clone().unwrap();
    let entries = vec![
        roadboard::domain::ChangeEntry {
            id: 3,
            at: at(23, 10),
            who: "ada".into(),
            what: "ship F3 \"Publish rota by SMS\": in progress → shipped".into(),
            why: String::new(),
            feature: Some(roadmap.features[2].id),
            elsewhere: None,
        },
        roadboard::domain::ChangeEntry {
            id: 2,
            at: at(20, 9),
            who: "ada".into(),
            what: "pause F5 \"Labour cost preview\": in progress → planned".into(),
            why: "pilot on holiday".into(),
            feature: Some(roadmap.features[4].id),
            elsewhere: None,
        },
        roadboard::domain::ChangeEntry {
            id: 1,
            at: at(16, 8),
            who: "ben".into(),
            what: "start F4 \"Shift swap requests\": planned → in progress".into(),
            why: String::new(),
            feature: Some(roadmap.features[3].id),
            elsewhere: None,
        },
    ];
    let view = LogView::new(&entries, (&roadmap, &h.app.index));
    h.app
        .open_screen(roadboard::app::Screen::Log(Box::new(view)));
    snapshot("log", &h);
    h.app
        .log_view_mut()
        .unwrap()
        .set_filter("pilot validation".into());
    insta::assert_snapshot!("log_filtered_80x24", h.render(80, 24));
}

#[test]
fn quarterly_phases_step() {
    let mut h = Harness::example(today());
    h.press(":");
    h.type_text("quarterly review");
    h.press("Enter");
    insta::assert_snapshot!("review_quarterly_phases_120x30", h.render(120, 30));
}
