//! The public roadmap: the site parses as HTML with its sections, nothing a
//! title holds becomes markup, the feed is valid Atom with one entry per
//! shipped feature, private and parked features appear nowhere, and a real
//! browser draws it (when Debian's chromium is installed).

use crate::common;

use std::path::{Path, PathBuf};

use common::plan::Plan;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

const HOSTILE: [&str; 2] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
];

/// The example, plus: two hostile titles (one shipped), a private feature
/// (shipped too), a parked idea, and a request linked to the active one.
fn plan() -> Plan {
    let plan = Plan::example();
    // `added F16 "…" to …`: the key.
    let key = |said: String| said.split_whitespace().nth(1).unwrap().to_owned();
    plan.ok(&["add", HOSTILE[0], "--phase", "2"]);
    let hostile = key(plan.ok(&[
        "add",
        HOSTILE[1],
        "--phase",
        "2",
        "--description",
        "<b>bold</b> & more",
    ]));
    let private = key(plan.ok(&["add", "Secret acquisition", "--phase", "2", "--private"]));
    plan.ok(&["park", "Parked daydream"]);
    // Shipped, then moved into the complete phase 1 (open work cannot go
    // into a complete phase; what shipped may).
    for key in [hostile.as_str(), private.as_str()] {
        plan.ok(&["pause", "F4", "--why", "make room"]);
        plan.ok(&["start", key, "--override", "test"]);
        plan.ok(&["ship", key]);
        plan.ok(&["edit", key, "--phase", "1"]);
        plan.ok(&["start", "F4"]);
    }
    plan
}

fn publish(plan: &Plan, args: &[&str]) -> PathBuf {
    let site = plan.dir().join("site");
    let site_arg = site.to_str().unwrap().to_owned();
    let mut all = vec!["publish", "-o", site_arg.as_str()];
    all.extend_from_slice(args);
    plan.ok(&all);
    site
}

fn read(site: &Path, name: &str) -> String {
    std::fs::read_to_string(site.join(name)).unwrap()
}

/// Every element name and every text of a parsed document.
fn parse(html: &str) -> (Vec<String>, String) {
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .unwrap();
    let (mut elements, mut text) = (Vec::new(), String::new());
    fn walk(node: &Handle, elements: &mut Vec<String>, text: &mut String) {
        match &node.data {
            NodeData::Element { name, attrs, .. } => {
                let id = attrs
                    .borrow()
                    .iter()
                    .find(|a| &*a.name.local == "id")
                    .map(|a| a.value.to_string());
                elements.push(match id {
                    Some(id) => format!("{}#{id}", name.local),
                    None => name.local.to_string(),
                });
            }
            NodeData::Text { contents } => text.push_str(&contents.borrow()),
            _ => {}
        }
        for child in node.children.borrow().iter() {
            walk(child, elements, text);
        }
    }
    walk(&dom.document, &mut elements, &mut text);
    (elements, text)
}

#[test]
fn the_page_has_its_sections_in_order_and_no_markup_from_titles() {
    let plan = plan();
    let site = publish(&plan, &[]);
    let (elements, text) = parse(&read(&site, "index.html"));
    let headings: Vec<&String> = elements.iter().filter(|e| e.starts_with("h2#")).collect();
    assert_eq!(
        headings,
        [
            "h2#now",
            "h2#next",
            "h2#later",
            "h2#milestones",
            "h2#shipped"
        ]
    );
    for landmark in ["header", "main", "footer"] {
        assert!(elements.iter().any(|e| e == landmark), "{landmark}");
    }
    assert!(
        !elements
            .iter()
            .any(|e| e == "script" || e == "img" || e == "b"),
        "{elements:?}"
    );
    for hostile in HOSTILE {
        assert!(
            text.contains(hostile),
            "the title is shown as text: {hostile}"
        );
    }
    assert!(
        text.contains("Shift swap requests"),
        "the ONE is on the page"
    );
    assert!(!text.contains("Secret acquisition"), "private");
    assert!(!text.contains("Parked daydream"), "parked");
}

#[test]
fn the_feed_is_atom_with_one_entry_per_public_ship() {
    let plan = plan();
    let site = publish(&plan, &[]);
    let feed = feed_rs::parser::parse(read(&site, "feed.xml").as_bytes()).unwrap();
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    // Three shipped in the example, plus the hostile one shipped here.
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert!(
        titles.contains(&format!("Shipped: {}", HOSTILE[1])),
        "{titles:?}"
    );
    assert!(!titles.iter().any(|t| t.contains("Secret")), "{titles:?}");
    let ids: std::collections::HashSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 4, "ids are distinct");
    // Publishing again gives the same ids: a reader sees no new entries.
    let again = feed_rs::parser::parse(read(&publish(&plan, &[]), "feed.xml").as_bytes()).unwrap();
    let again: std::collections::HashSet<&str> =
        again.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, again);
}

#[test]
fn the_json_holds_the_public_subset_only() {
    let plan = plan();
    let site = publish(&plan, &[]);
    let json = read(&site, "roadmap.json");
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["now"][0]["title"], "Shift swap requests");
    assert!(data["shipped"].as_array().unwrap().len() == 4);
    assert!(!json.contains("Secret acquisition") && !json.contains("Parked daydream"));
}

#[test]
fn the_config_decides_what_shows() {
    let plan = plan();
    plan.ok(&["request", "Swap by app", "--by", "Bistro Nord"]);
    std::fs::write(
        plan.db.with_file_name("config.toml"),
        "[publish]\ntitle = \"Shiftwise for pilots\"\nshow_dates = false\nphases = [\"Pilot Validation\"]\n",
    )
    .unwrap();
    let site = publish(&plan, &[]);
    let (elements, text) = parse(&read(&site, "index.html"));
    assert!(text.contains("Shiftwise for pilots"));
    assert_eq!(
        elements.iter().filter(|e| *e == "time").count(),
        1,
        "only the page's own date"
    );
    assert!(
        !text.contains("Staff directory"),
        "a phase not chosen: {text}"
    );
}

#[test]
fn own_templates_restyle_the_page_and_bad_ones_are_named() {
    let plan = plan();
    let templates = plan.dir().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("index.html"),
        "<h1>{{ title }}</h1>{% for f in shipped %}<p>{{ f.title }}</p>{% endfor %}",
    )
    .unwrap();
    let site = publish(&plan, &["--templates", templates.to_str().unwrap()]);
    let page = read(&site, "index.html");
    assert!(page.starts_with("<h1>Shiftwise</h1>"), "{page}");
    assert!(
        page.contains("&lt;script&gt;") || !page.contains("<script>"),
        "still escaped: {page}"
    );
    std::fs::write(templates.join("index.html"), "{% for f in shipped %}").unwrap();
    let (code, stderr) = plan.fails(&[
        "publish",
        "-o",
        site.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("template index.html"), "{stderr}");
}

#[test]
fn the_example_page_snapshot() {
    let plan = Plan::example();
    let site = publish(&plan, &[]);
    insta::assert_snapshot!("publish_example_index", read(&site, "index.html"));
}

/// A screenshot of the page in headless Chromium at `width`×`height`.
fn screenshot(page: &Path, out: &Path, (width, height): (u32, u32)) -> bool {
    let status = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--screenshot={}", out.display()))
        .arg(format!("file://{}", page.display()))
        .output();
    status.is_ok_and(|o| o.status.success()) && out.exists()
}

/// How many different colours the image holds: a blank page has one.
fn colours(png_file: &Path) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_file).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let pixel = info.color_type.samples();
    let colours: std::collections::HashSet<&[u8]> =
        buffer[..info.buffer_size()].chunks(pixel).collect();
    colours.len()
}

#[test]
fn chromium_draws_the_page_at_desktop_and_phone_widths() {
    if std::process::Command::new("chromium")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: the browser screenshot test (Debian's chromium is not installed)");
        return;
    }
    let plan = Plan::example();
    let site = publish(&plan, &[]);
    // Refreshes the README's pictures when asked.
    let keep = std::env::var_os("ROADBOARD_WRITE_ASSETS").is_some();
    for (name, size) in [
        ("publish-desktop.png", (1280, 900)),
        ("publish-phone.png", (390, 844)),
    ] {
        let out = if keep {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("assets")
                .join(name)
        } else {
            site.join(name)
        };
        assert!(
            screenshot(&site.join("index.html"), &out, size),
            "chromium made no {name}"
        );
        assert!(colours(&out) > 20, "{name} is blank");
    }
}

#[test]
fn a_configured_site_is_republished_after_every_change() {
    let plan = plan();
    let site = plan.dir().join("public");
    std::fs::write(
        plan.db.with_file_name("config.toml"),
        format!("[publish]\ndir = \"{}\"\n", site.display()),
    )
    .unwrap();
    plan.ok(&["ship", "F4"]);
    let feed = read(&site, "feed.xml");
    assert!(
        feed.contains("Shipped: Shift swap requests"),
        "the CLI republished: {feed}"
    );

    // The board too, with the site and settings from the config.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let store = roadboard::store::Store::open(&plan.db, roadboard::store::OpenMode::Existing, "me")
        .unwrap();
    let mut h = common::board::Harness::example(today);
    h.store = store;
    h.app.set_roadmap(Some(h.store.load().unwrap()));
    let board_site = plan.dir().join("from-board");
    h.app.publish_dir = Some(board_site.clone());
    h.app.select_key(roadboard::domain::FeatureKey(5));
    h.press("s");
    let data: serde_json::Value = serde_json::from_str(&read(&board_site, "roadmap.json")).unwrap();
    assert_eq!(
        data["now"][0]["title"],
        "Labour cost preview",
        "{}",
        h.message()
    );
}

#[test]
fn the_stakeholder_update_tells_the_period_and_keeps_text_as_text() {
    let plan = plan();
    plan.ok(&[
        "block",
        "F4",
        "--on",
        "bank API keys",
        "--eta",
        "2026-12-04",
    ]);
    plan.ok(&["request", "PDF rota", "--by", "Bistro Nord"]);
    let md = plan.ok(&["update", "--since", "2026-11-01"]);
    for expected in [
        "# Shiftwise: update for 1 Nov 2026 – 23 Nov 2026",
        "## Shipped",
        "## Now\n- **Shift swap requests** (in progress",
        "## Blockers and asks\n- **Shift swap requests** waits for bank API keys (ETA 4 Dec 2026)",
        "## Plan vs. forecast",
        "## Requests that came in",
        "- PDF rota\n",
    ] {
        assert!(md.contains(expected), "{expected:?} in:\n{md}");
    }
    assert!(
        !md.contains("Bistro Nord"),
        "no names unless show_requesters"
    );
    assert!(!md.contains("Secret acquisition") && !md.contains("Parked daydream"));
    // A title is text: it opens no HTML in the Markdown.
    let html_in_markdown = pulldown_cmark::Parser::new(&md).any(|e| {
        matches!(
            e,
            pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)
        )
    });
    assert!(!html_in_markdown, "{md}");
    let html = plan.ok(&["update", "--since", "2026-11-01", "--format", "html"]);
    let (elements, text) = parse(&html);
    assert!(
        !elements.iter().any(|e| e == "script" || e == "img"),
        "{elements:?}"
    );
    assert!(text.contains(HOSTILE[1]));
    let text = plan.ok(&["update", "--format", "text"]);
    assert!(
        text.starts_with("Shiftwise: update for 16 Nov 2026 – 23 Nov 2026\n\nSHIPPED"),
        "{text}"
    );
    let (code, stderr) = plan.fails(&["update", "--since", "whenever"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("--since: invalid date `whenever`"),
        "{stderr}"
    );
}

#[test]
fn publish_watch_republishes_after_a_change() {
    let plan = plan();
    let site = plan.dir().join("watched");
    let mut watcher = std::process::Command::new(env!("CARGO_BIN_EXE_roadboard"))
        .args([
            "--db",
            plan.db.to_str().unwrap(),
            "--today",
            "2026-11-23",
            "publish",
            "--watch",
            "-o",
        ])
        .arg(&site)
        .env("ROADBOARD_CONFIG", plan.db.with_file_name("none.toml"))
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let until = |what: &dyn Fn() -> bool| {
        let start = std::time::Instant::now();
        while !what() && start.elapsed() < std::time::Duration::from_secs(10) {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        what()
    };
    let feed = || std::fs::read_to_string(site.join("feed.xml")).unwrap_or_default();
    assert!(until(&|| feed().contains("</feed>")), "published at start");
    plan.ok(&["ship", "F4"]);
    let shipped = until(&|| feed().contains("Shipped: Shift swap requests"));
    watcher.kill().unwrap();
    watcher.wait().unwrap();
    assert!(shipped, "republished after the change: {}", feed());
}

// The method's answers, 10: the feed without a base URL is still valid
// Atom (an entry carries its content), its URLs are written as URLs, its
// ids outlive a new publish title; the page's title says "roadmap" once.
#[test]
fn the_feed_is_complete_and_its_ids_stable() {
    let plan = plan();
    let site = publish(&plan, &[]);
    let feed = read(&site, "feed.xml");
    assert!(feed.contains("<content type=\"text\">"), "{feed}");
    let ids = |feed: &str| -> Vec<String> {
        feed_rs::parser::parse(feed.as_bytes())
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.id)
            .collect()
    };
    let before = ids(&feed);
    std::fs::write(
        plan.dir().join("config.toml"),
        "[publish]\ntitle = \"Shiftwise roadmap\"\nbase_url = \"https://example.com/road\"\n",
    )
    .unwrap();
    let site = publish(&plan, &[]);
    let page = read(&site, "index.html");
    assert!(page.contains("<title>Shiftwise roadmap</title>"), "{page}");
    assert!(!page.contains("&#x2f;"), "URLs are written as URLs");
    let feed = read(&site, "feed.xml");
    assert!(
        feed.contains("href=\"https://example.com/road/feed.xml\""),
        "{feed}"
    );
    std::fs::write(
        plan.dir().join("config.toml"),
        "[publish]\ntitle = \"Another title\"\n",
    )
    .unwrap();
    let again = ids(&read(&publish(&plan, &[]), "feed.xml"));
    assert_eq!(before, again, "a new title keeps every entry id");
}
