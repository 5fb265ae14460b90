//! Arbitrary input against the parsers a user's files reach: the Markdown
//! importer, the date parser, the config parser, the JSON import. None may
//! panic. CI runs a short pass; `ROADBOARD_FUZZ_CASES=200000 cargo test
//! --release --test suite fuzz::` is the long run. Inputs that once broke something
//! live in tests/fixtures/fuzz/ and are replayed every time, line by line
//! through the date parsers and whole through the importer and config.

use proptest::prelude::*;
use roadboard::interchange::markdown::import_markdown;

fn cases() -> u32 {
    std::env::var("ROADBOARD_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512)
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Markdown-ish text: the structural pieces of roadmaps, shuffled and cut.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "# ",
        "## Phase 1: ",
        "### ",
        "#### Feature F2: ",
        "- [ ] ",
        "- [x] ",
        "- **Status:** ",
        "**Timeline:** ",
        " → ",
        "| Phase | Item | Status |\n|---|---|---|\n",
        "| a | b | c |\n",
        "```mermaid\ngantt\n",
        "```\n",
        "section A\n",
        "task :done, t1, 2026-01-01, 3d\n",
        "after t1",
        "Done (2025-08-12)",
        "✅",
        "â€",
        "‚Ü",
        "ðŸš€",
        "**",
        "\n",
        "\n\n",
        "  ",
        "1. ",
        "   - Why deferred: ",
        "[Date]",
        "2026-13-45",
        "depends on ",
        "├── ",
        "---\n",
        "## Parking Lot\n",
        "## Customer Requests\n",
        " - ",
        "Priority: High",
        "## Change Log\n",
        "## Risks\n",
        "\u{0}",
        "日本",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_owned), "\\PC{0,12}"],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn the_importer_never_panics_on_roadmap_shaped_text(text in markdownish()) {
        let imported = import_markdown(&text, "fuzz", today());
        // Whatever came in keeps the ONE rule.
        prop_assert!(imported.roadmap.features.iter().filter(|f| f.status.holds_slot()).count() <= 1);
    }

    #[test]
    fn the_importer_never_panics_on_any_text(text in "\\PC*") {
        import_markdown(&text, "fuzz", today());
    }

    #[test]
    fn dates_never_panic(text in "[-+0-9a-z ]{0,16}|\\PC{0,16}") {
        let _ = roadboard::domain::dates::parse_date(&text, today());
        let _ = roadboard::interchange::words::date_field(&text, 2026);
    }

    #[test]
    fn config_never_panics(text in "(review_day|theme|date_format|author|ascii|mirror|\\[keys\\]|start|=| |\"|\\n|[a-z%0-9<>-]){0,40}") {
        let _ = roadboard::config::parse(&text);
    }

    #[test]
    fn json_import_never_panics(text in "[{}\\[\\]\":,0-9a-z_ \\n]{0,80}") {
        let _ = roadboard::interchange::json::import_json(&text);
    }
}

#[test]
fn the_inputs_that_once_broke_something_still_import() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut replayed = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        import_markdown(&text, "fuzz", today());
        for line in text.lines() {
            let _ = roadboard::domain::dates::parse_date(line, today());
            let _ = roadboard::interchange::words::date_field(line, 2026);
        }
        let _ = roadboard::config::parse(&text);
        replayed += 1;
    }
    assert!(replayed > 0, "the regression inputs are present");
}
