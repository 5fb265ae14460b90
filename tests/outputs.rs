//! Trust, round two: every output rendered from arbitrary Unicode — control
//! characters, U+FFFF, markup, quotes — and read back with a real parser:
//! the page (html5ever), the feed (feed-rs), the calendar (icalendar), the
//! JSON (serde_json), the
//! CSV (csv), roadboard's own Markdown (its strict reader), the update in
//! HTML, Markdown and text. Nothing a title holds becomes structure, and no
//! output holds a character its format forbids.

use chrono::NaiveDate;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use proptest::prelude::*;
use roadboard::domain::public::{PublishSettings, public_roadmap};
use roadboard::domain::*;
use roadboard::interchange::publish::{render, update_text};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Text of one line: any character but a line break, markup and trouble
/// made likely.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>()
            .prop_filter("one line", |c| *c != '\n' && *c != '\r')
            .prop_map(String::from),
        prop::sample::select(
            &[
                "<script>alert(1)</script>",
                "\"><img src=x onerror=alert(1)>",
                "]]>",
                "&amp;",
                "\u{FFFF}",
                "\u{1}",
                "\u{1b}]0;x\u{7}",
                "=SUM(A1)",
                "# heading",
                "| pipe |",
                "- [ ] box",
            ][..]
        )
        .prop_map(String::from),
    ];
    prop::collection::vec(pieces, 1..6)
        .prop_map(|p| p.concat())
        .prop_filter("not blank", |t| !t.trim().is_empty())
}

fn roadmap(title: &str, name: &str) -> Roadmap {
    let mut r = Roadmap::empty(name);
    r.phases.push(Phase {
        id: PhaseId(1),
        name: name.to_owned(),
        goal: String::new(),
        start: Some(today() - chrono::Days::new(10)),
        end: Some(today() + chrono::Days::new(40)),
        status: PhaseStatus::InProgress,
        position: 1,
    });
    let mut shipped = Feature::new(FeatureKey(1), title, FeatureStatus::Shipped);
    shipped.id = FeatureId(1);
    shipped.phase = Some(PhaseId(1));
    shipped.position = 1;
    shipped.started = Some(today() - chrono::Days::new(5));
    shipped.shipped = Some(today() - chrono::Days::new(1));
    shipped.description = title.to_owned();
    let mut planned = Feature::new(FeatureKey(2), title, FeatureStatus::Planned);
    planned.id = FeatureId(2);
    planned.phase = Some(PhaseId(1));
    planned.position = 2;
    planned.target = Some(today() + chrono::Days::new(14));
    r.info.up_next = Some(planned.id);
    r.features = vec![shipped, planned];
    r
}

fn forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The elements of a parsed HTML document, in order.
fn elements(html: &str) -> Vec<String> {
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .unwrap();
    fn walk(node: &Handle, out: &mut Vec<String>) {
        if let NodeData::Element { name, .. } = &node.data {
            out.push(name.local.to_string());
        }
        for child in node.children.borrow().iter() {
            walk(child, out);
        }
    }
    let mut out = Vec::new();
    walk(&dom.document, &mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_output_reads_back_and_nothing_becomes_structure(
        title in hostile(),
        name in hostile(),
        site_title in hostile(),
    ) {
        let hostile_roadmap = roadmap(&title, &name);
        let plain_roadmap = roadmap("Billing", "Pilot");
        let settings = |t: &str| PublishSettings { title: Some(t.to_owned()), ..PublishSettings::default() };
        let site = render(&public_roadmap(&hostile_roadmap, &settings(&site_title), today()), None).unwrap();
        let plain = render(&public_roadmap(&plain_roadmap, &settings("Acme"), today()), None).unwrap();
        let file = |files: &[(&str, String)], name: &str| {
            files.iter().find(|(n, _)| *n == name).map(|(_, t)| t.clone()).unwrap()
        };
        // The page: the same elements as a page of plain titles.
        let page = file(&site, "index.html");
        prop_assert!(!page.chars().any(forbidden_in_xml));
        prop_assert_eq!(elements(&page), elements(&file(&plain, "index.html")));
        // The feed: valid XML a feed reader takes, its entry there.
        let feed = file(&site, "feed.xml");
        prop_assert!(!feed.chars().any(forbidden_in_xml), "{}", feed);
        let parsed = feed_rs::parser::parse(feed.as_bytes());
        prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed.err(), feed);
        prop_assert_eq!(parsed.unwrap().entries.len(), 1);
        // The calendar: iCalendar the parser reads, no control character.
        let ics = file(&site, "calendar.ics");
        let unfolded = icalendar::parser::unfold(&ics);
        let calendar = icalendar::parser::read_calendar(&unfolded);
        prop_assert!(calendar.is_ok(), "{}", ics);
        prop_assert_eq!(calendar.unwrap().components.len(), 2, "the phase and the target: {}", ics);
        prop_assert!(!ics.replace("\r\n", "").chars().any(|c| c.is_control() && c != '\t'), "{}", ics);
        // The JSON carries the title exactly.
        let json: serde_json::Value = serde_json::from_str(&file(&site, "roadmap.json")).unwrap();
        fn holds(value: &serde_json::Value, text: &str) -> bool {
            match value {
                serde_json::Value::String(s) => s == text,
                serde_json::Value::Array(items) => items.iter().any(|v| holds(v, text)),
                serde_json::Value::Object(map) => map.values().any(|v| holds(v, text)),
                _ => false,
            }
        }
        prop_assert!(holds(&json, &title), "{json}");
        // roadboard's own Markdown reads back exactly.
        let markdown = roadboard::interchange::export_md::export_markdown(&hostile_roadmap, &[]);
        let back = roadboard::interchange::own::read::read_own(&markdown, today())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{markdown}")))?;
        prop_assert_eq!(&back.roadmap.features[0].title, &title);
        prop_assert_eq!(&back.roadmap.phases[0].name, &name);
        // The CSV: one record per feature, the title in its cell (a cell a
        // spreadsheet would run as a formula is quoted by an apostrophe).
        let csv = roadboard::interchange::csv::export_csv(&hostile_roadmap);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(records.len(), 2);
        let cell = records[0].get(1).unwrap();
        prop_assert!(cell == title || cell.strip_prefix('\'') == Some(title.as_str()), "{cell:?} vs {title:?}");
        // The update, in each format.
        let window = (Some(today() - chrono::Days::new(30)), today(), 7);
        for format in ["html", "md", "txt"] {
            let text = update_text(&hostile_roadmap, &settings(&site_title), window, format, None).unwrap();
            prop_assert!(!text.chars().any(forbidden_in_xml), "{format}: {text}");
            if format == "html" {
                let plain_text = update_text(&plain_roadmap, &settings("Acme"), window, format, None).unwrap();
                prop_assert_eq!(elements(&text), elements(&plain_text));
            }
        }
    }
}
