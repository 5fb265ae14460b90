//! The Markdown export, and the example roadmap in `assets/` that it writes.

use crate::common;

use common::*;
use roadboard::domain::*;
use roadboard::interchange::export_md::export_markdown;
use roadboard::store::{OpenMode, Store};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/example-roadmap.md");

fn example() -> Roadmap {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db_in(dir.path()), OpenMode::CreateIfMissing, "me").unwrap();
    roadboard::example::build(&mut store, today()).unwrap();
    store.load().unwrap()
}

/// The asset is the export of the example built on the fixed test date;
/// `ROADBOARD_WRITE_ASSETS=1 cargo test --test suite export::` rewrites it.
#[test]
fn the_example_asset_is_the_export_of_the_example() {
    let document = export_markdown(&example(), &[]);
    if std::env::var_os("ROADBOARD_WRITE_ASSETS").is_some() {
        std::fs::write(EXAMPLE, &document).unwrap();
    }
    let asset = std::fs::read_to_string(EXAMPLE).unwrap();
    assert_eq!(asset, document, "assets/example-roadmap.md is stale");
}

#[test]
fn the_export_carries_every_part_of_the_template_shape() {
    let document = export_markdown(&example(), &[]);
    for expected in [
        "# Product Roadmap: Shiftwise\n",
        "**Planning Horizon:** 9 months",
        "**This Week's ONE Feature:**\n- **Feature:** F4 Shift swap requests\n",
        "## Phase 1: MVP / Pilot Launch\n",
        "**Timeline:** 2026-09-14 → 2026-11-09",
        "**Status:** Complete",
        "#### Feature F2: Drag-and-drop rota\n",
        "- **Dependencies:** F1\n",
        "- **Status:** Shipped\n- **Priority:** P0\n- **Target Date:** 2026-10-19\n- **Started Date:** 2026-09-28\n- **Shipped Date:** 2026-10-19\n",
        "- [x] **Milestone 1:** Pilot restaurant signed - 2026-09-21 (reached 2026-09-21)\n",
        "### Phase 2 Success Criteria\n\n- [ ] Four consecutive weekly rotas published in the product\n",
        "## Parking Lot\n\n#### Feature F13: Mobile app\n",
        "- **Why Deferred:** SMS and the web page cover it for now\n",
        "| Request | Requested By | Date | Priority | Linked Feature | Status | Decline Reason |",
        "| Print the rota as a one-page PDF for the kitchen wall | Pilot head chef | 2026-11-23 | high |  | new |  |",
    ] {
        assert!(
            document.contains(expected),
            "missing {expected:?} in\n{document}"
        );
    }
}

#[test]
fn table_cells_and_multi_line_fields_stay_in_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = seeded(&db_in(dir.path()), 1);
    let mut fields = roadboard::domain::FeatureFields::of(&store.feature(key(1)).unwrap());
    fields.description = "line one\nline two".into();
    store.edit_feature(key(1), &fields).unwrap();
    store
        .add_request("a | b\nc", "me", RequestPriority::Low, today())
        .unwrap();
    let log = store.log(&Default::default()).unwrap();
    let document = export_markdown(&store.load().unwrap(), &log);
    assert!(
        document.contains("- **Description:** line one\\\n  line two\n"),
        "{document}"
    );
    assert!(document.contains("| a \\| b<br>c | me |"), "{document}");
    assert!(document.contains("## Change Log\n"), "{document}");
    assert!(
        document.contains("| edited F1 \"Feature 1\": description |  | tester |"),
        "{document}"
    );
}

#[test]
fn no_title_said_twice_and_no_empty_timeline() {
    let mut roadmap = Roadmap::empty("Product Roadmap");
    roadmap.phases.push(Phase {
        id: PhaseId(1),
        name: "MVP".into(),
        goal: String::new(),
        start: None,
        end: None,
        status: PhaseStatus::NotStarted,
        position: 1,
    });
    let document = export_markdown(&roadmap, &[]);
    assert!(document.contains("\n# Product Roadmap\n"), "{document}");
    assert!(!document.contains("Timeline"), "{document}");
    let back = roadboard::interchange::read_text(&document, false, "x", today()).unwrap();
    assert_eq!(back.roadmap.info.name, "Product Roadmap");
    assert_eq!(back.roadmap.phases[0].name, "MVP");
}
