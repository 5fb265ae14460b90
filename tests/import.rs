//! Reading roadmap documents: the project's own fixtures of each shape and
//! of bad input, the real documents in ../shared/roadmaps when present, the
//! Mermaid export checked by Mermaid itself, and round trips.

use crate::common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::plan::Plan;
use common::today;
use roadboard::domain::*;
use roadboard::interchange::markdown::{Imported, import_markdown};

fn fixture(name: &str) -> Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    import_markdown(&std::fs::read_to_string(path).unwrap(), "fallback", today())
}

fn feature<'a>(imported: &'a Imported, title: &str) -> &'a Feature {
    imported
        .roadmap
        .features
        .iter()
        .find(|f| f.title == title)
        .unwrap_or_else(|| {
            panic!(
                "no feature {title:?} in {:#?}",
                imported
                    .roadmap
                    .features
                    .iter()
                    .map(|f| &f.title)
                    .collect::<Vec<_>>()
            )
        })
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn warnings(imported: &Imported) -> Vec<String> {
    imported
        .report
        .warnings
        .iter()
        .map(|(line, w)| format!("{line}: {w}"))
        .collect()
}

#[test]
fn the_template_shape_with_emoji_mojibake_and_placeholders() {
    let i = fixture("template.md");
    let r = &i.roadmap;
    assert_eq!(r.info.name, "Ledgerly");
    assert_eq!(r.info.horizon, "9 months");
    assert_eq!(
        r.info.philosophy,
        "Ship small, learn from the two pilot bookkeepers, one feature at a time."
    );
    assert_eq!(r.phases.len(), 2);
    assert_eq!(r.phases[0].name, "Pilot Launch", "the rocket is decoration");
    assert_eq!(
        (r.phases[0].start, r.phases[0].end),
        (date(2026, 10, 5), date(2026, 12, 18))
    );
    assert_eq!(r.phases[0].status, PhaseStatus::InProgress);
    assert_eq!(
        (r.phases[1].start, r.phases[1].status),
        (None, PhaseStatus::NotStarted),
        "placeholders are blanks"
    );

    let workspaces = feature(&i, "Client workspaces");
    assert_eq!(workspaces.status, FeatureStatus::Shipped);
    assert_eq!(workspaces.shipped, date(2026, 10, 23));
    assert_eq!(
        workspaces.moscow,
        Some(Moscow::Must),
        "from `Core Features (Must Have)`"
    );
    let feed = feature(&i, "Bank feed import");
    assert_eq!(
        feed.status,
        FeatureStatus::Active,
        "the current focus names it"
    );
    assert_eq!(feed.priority, Some(Priority::P0));
    let recon = feature(&i, "Reconciliation view");
    assert_eq!(
        recon.pilot_feedback,
        "\"Show me what does not match first\""
    );
    assert_eq!(
        (recon.owner.as_str(), recon.impact, recon.effort),
        ("Sam", Some(5), Some(3))
    );
    assert_eq!(feature(&i, "Invoicing").status, FeatureStatus::Planned);

    let edge = |a: &str, b: &str| Dependency {
        feature: feature(&i, a).id,
        depends_on: feature(&i, b).id,
    };
    for expected in [
        edge("Bank feed import", "Client workspaces"),
        edge("Reconciliation view", "Bank feed import"),
        edge("Invoicing", "Reconciliation view"),
    ] {
        assert!(
            r.dependencies.contains(&expected),
            "{expected:?} in {:?}",
            r.dependencies
        );
    }
    assert_eq!(r.milestones.len(), 3);
    assert_eq!(
        (r.milestones[0].text.as_str(), r.milestones[0].done),
        ("First pilot onboarded", date(2026, 10, 12))
    );
    assert_eq!(
        r.criteria.iter().map(|c| c.done).collect::<Vec<_>>(),
        vec![true, false]
    );
    assert_eq!(r.foundations.len(), 2);
    assert_eq!(r.foundations[1].status, FoundationStatus::Done);
    assert_eq!(r.foundations[0].target, date(2026, 11, 30));
    assert_eq!(r.blockers[0].feature, Some(feed.id));
    assert_eq!(r.blockers[0].eta, date(2026, 11, 27));
    assert!(r.blockers[1].mitigation.contains("apply now"));
    let parked = feature(&i, "Receipt capture by phone");
    assert_eq!(
        (parked.status, parked.reconsider),
        (FeatureStatus::Parked, date(2027, 3, 1))
    );
    assert_eq!(parked.why_deferred, "Mobile is a second product");
    assert_eq!(r.requests.len(), 2);
    assert_eq!(
        (r.requests[0].requested_by.as_str(), r.requests[0].priority),
        ("Pilot A", RequestPriority::High)
    );
    assert_eq!(r.risks[0].mitigation, "Keep CSV fallback");
    assert_eq!(i.log.len(), 1, "the placeholder row is skipped");
    assert_eq!(i.log[0].who, "Ana");
    assert_eq!(
        r.notes
            .iter()
            .map(|n| n.heading.as_str())
            .collect::<Vec<_>>(),
        vec!["Team Rituals"]
    );
    assert_eq!(r.notes[0].body, "We demo on Fridays at four.");
    assert_eq!(i.report.notes, vec![(148, "Team Rituals".to_owned())]);
    assert!(warnings(&i).is_empty(), "{:?}", warnings(&i));
}

#[test]
fn a_table_roadmap_with_columns_in_any_order() {
    let i = fixture("table.md");
    let r = &i.roadmap;
    assert_eq!(r.info.name, "Orbit CRM roadmap", "from the front matter");
    assert_eq!(
        r.phases.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        vec!["M0 — Foundation", "M1 — Habits", "M2 — Scale"],
        "a table of phases without items lists phases"
    );
    let import = feature(&i, "Contact import");
    assert_eq!(
        (import.status, import.shipped),
        (FeatureStatus::Shipped, date(2026, 9, 10))
    );
    assert_eq!(
        (import.owner.as_str(), import.link.as_str()),
        ("Ana", "specs/import.md")
    );
    assert_eq!(import.target, date(2026, 9, 12));
    assert_eq!(
        feature(&i, "Email sync").status,
        FeatureStatus::Shipped,
        "✅"
    );
    assert_eq!(feature(&i, "Pipeline board").status, FeatureStatus::Active);
    assert_eq!(
        feature(&i, "Reminders").status,
        FeatureStatus::Planned,
        "the ONE rule"
    );
    assert_eq!(i.report.demoted, vec!["Reminders was in progress too; imported as planned (ONE active feature: F3 \"Pipeline board\")".to_owned()]);
    assert_eq!(
        warnings(&i),
        vec![
            "14: unreadable date `soon` in the target column, left empty",
            "15: \"Reports\": unknown status `Sideways`, imported as planned",
        ]
    );
    assert!(
        !r.notes.iter().any(|n| n.body.contains("M2 — Scale")),
        "the table of phases is read, not kept as a note"
    );
}

#[test]
fn checklists_under_week_and_month_phases_and_priority_sections() {
    let i = fixture("weekly.md");
    let r = &i.roadmap;
    assert_eq!(
        r.phases.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        vec![
            "Weeks 1-2 (Setup)",
            "Weeks 3-5 (Core)",
            "Month 2 (Ten customers)",
        ],
        "a priority list is a rank, not a time: no phase named after it"
    );
    assert_eq!(
        feature(&i, "Stack chosen").status,
        FeatureStatus::Shipped,
        "[x] is shipped"
    );
    assert_eq!(feature(&i, "CI running").status, FeatureStatus::Planned);
    // A card heading over a checklist is one feature; the checklist is
    // its sub-tasks.
    let sign_up = feature(&i, "1.1 Sign up");
    assert_eq!(
        sign_up.description,
        "- [ ] Email sign up\n- [ ] Password reset\n  - rate limited"
    );
    assert!(!r.features.iter().any(|f| f.title == "Password reset"));
    assert_eq!(
        sign_up.moscow,
        Some(Moscow::Must),
        "`Email sign up` clearly names the `1.1 Sign up` card"
    );
    let project = feature(&i, "Create a project");
    assert_eq!(
        (project.status, project.moscow),
        (FeatureStatus::Parked, Some(Moscow::Must)),
        "an item ranked but neither scheduled nor a feature waits in the parking lot, its rank kept"
    );
    let dark = feature(&i, "Dark mode");
    assert_eq!(
        (dark.status, dark.moscow),
        (FeatureStatus::Parked, Some(Moscow::Could))
    );
    assert_eq!(r.features_in(r.phases[2].id).count(), 2);
    assert_eq!(r.criteria.len(), 2);
    assert!(r.notes.iter().any(
        |n| n.heading == "Phase 0: Weeks 1-2 (Setup) / Tech Stack" && n.body.contains("Svelte")
    ));
}

#[test]
fn mermaid_gantt_sections_tasks_tags_and_after() {
    let i = fixture("gantt.md");
    let r = &i.roadmap;
    assert_eq!(
        r.phases.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        vec!["Build", "Launch"]
    );
    let accounts = feature(&i, "Accounts");
    assert_eq!(
        (accounts.status, accounts.started, accounts.shipped),
        (FeatureStatus::Shipped, date(2026, 9, 1), date(2026, 9, 14))
    );
    let editor = feature(&i, "Editor");
    assert_eq!(
        (editor.status, editor.priority),
        (FeatureStatus::Active, Some(Priority::P0))
    );
    assert_eq!(
        editor.target,
        date(2026, 10, 5),
        "after acc (ends 09-14) for 3 weeks"
    );
    assert!(r.dependencies.contains(&Dependency {
        feature: editor.id,
        depends_on: accounts.id
    }));
    assert_eq!(
        feature(&i, "Sharing").target,
        date(2026, 10, 15),
        "after ed for 10 days"
    );
    assert_eq!(r.phases[0].start, date(2026, 9, 1));
    assert_eq!(r.milestones[0].text, "Beta live");
    assert_eq!(r.milestones[0].target, date(2026, 11, 20));
    assert_eq!(
        warnings(&i),
        vec!["14: gantt: `after nowhere` names no task before it, dependency skipped"]
    );
}

#[test]
fn malformed_input_is_reported_with_lines_and_handled() {
    let i = fixture("malformed.md");
    assert_eq!(
        warnings(&i),
        vec![
            "5: phase \"Start\": unreadable date `last spring` in the timeline, left empty",
            "5: phase \"Start\": unreadable date `2026-13-40` in the timeline, left empty",
            "8: \"Alpha\": unknown status `Purple`, imported as planned",
            "9: \"Alpha\": unreadable date `the day after tomorrow` in the target date, left empty",
            "14: \"Beta\": impact `9` is not 1 to 5, left empty",
            "10: dependency on `Ghost feature`, which is not a feature here, kept in its description",
            "13: refused: that dependency would close a cycle Beta → Alpha → Beta; dependency on `Alpha` skipped",
        ]
    );
    let alpha = feature(&i, "Alpha");
    assert_eq!((alpha.status, alpha.target), (FeatureStatus::Planned, None));
    assert!(
        alpha.description.contains("Depends on: Ghost feature"),
        "what the document said stays: {:?}",
        alpha.description
    );
    assert_eq!(
        i.roadmap.dependencies.len(),
        1,
        "Alpha → Beta kept, the cycle's closing edge skipped"
    );
}

#[test]
fn the_cli_imports_in_one_transaction_and_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/template.md");
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("roadboard")
            .unwrap()
            .args(args)
            .env("ROADBOARD_TODAY", "2026-11-23")
            .env("ROADBOARD_AUTHOR", "ada")
            .assert()
    };
    let dry = run(&[
        "import",
        file.to_str().unwrap(),
        "--into",
        db.to_str().unwrap(),
        "--dry-run",
    ])
    .success();
    let out = String::from_utf8(dry.get_output().stdout.clone()).unwrap();
    assert!(
        out.contains("recognized in \"Ledgerly\":")
            && out.contains("line 148: Team Rituals")
            && out.ends_with("dry run: nothing written\n"),
        "{out}"
    );
    assert!(!db.exists());
    run(&[
        "import",
        file.to_str().unwrap(),
        "--into",
        db.to_str().unwrap(),
    ])
    .success();
    let store =
        roadboard::store::Store::open(&db, roadboard::store::OpenMode::Existing, "t").unwrap();
    let roadmap = store.load().unwrap();
    assert_eq!(roadmap.features.len(), 5);
    assert_eq!(
        roadmap.slot_holder().map(|f| f.title.as_str()),
        Some("Bank feed import")
    );
    let log = store.log(&Default::default()).unwrap();
    assert!(log[0].what.starts_with("imported "), "{}", log[0].what);
    assert_eq!(log[1].what, "Moved invoicing to phase 2");
    // A second import updates in place: nothing changes.
    let same = run(&[
        "import",
        file.to_str().unwrap(),
        "--into",
        db.to_str().unwrap(),
    ])
    .success();
    let out = String::from_utf8(same.get_output().stdout.clone()).unwrap();
    assert!(out.contains("nothing to change"), "{out}");
    assert_eq!(store.load().unwrap().features.len(), 5);
    // `--append` adds after the first, keys renumbered, the ONE rule kept.
    let again = run(&[
        "import",
        file.to_str().unwrap(),
        "--into",
        db.to_str().unwrap(),
        "--append",
    ])
    .success();
    let out = String::from_utf8(again.get_output().stdout.clone()).unwrap();
    assert!(out.contains("ONE rule: F7 \"Bank feed import\" was in progress, but F2 \"Bank feed import\" holds the slot in this file: imported as planned"), "{out}");
    let roadmap = store.load().unwrap();
    assert_eq!(roadmap.features.len(), 10);
    assert_eq!(
        roadmap
            .features
            .iter()
            .filter(|f| f.status.holds_slot())
            .count(),
        1
    );
}

/// The documents in ../shared/roadmaps, when this checkout has them.
fn shared(name: &str) -> Option<Imported> {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/roadmaps")
        .join(name);
    if !path.exists() {
        eprintln!("skipped: {} is absent", path.display());
        return None;
    }
    Some(import_markdown(
        &std::fs::read_to_string(path).unwrap(),
        "shared",
        today(),
    ))
}

fn counts(i: &Imported) -> [usize; 5] {
    let r = &i.roadmap;
    [
        r.phases.len(),
        r.features.iter().filter(|f| f.phase.is_some()).count(),
        r.milestones.len(),
        r.requests.len(),
        r.features.iter().filter(|f| f.phase.is_none()).count(),
    ]
}

#[test]
fn the_shared_roadmaps_import() {
    // [phases, features, milestones, requests, parked]
    if let Some(i) = shared("template-roadmap.md") {
        // Its five blank `[Feature Name]` cards, two blank ideas and two
        // blank requests are no items.
        assert_eq!(counts(&i), [4, 6, 12, 0, 0]);
        assert_eq!(i.roadmap.criteria.len(), 12);
        assert_eq!(i.roadmap.foundations.len(), 5);
        assert!(
            i.roadmap.phases[0].name == "MVP / Pilot Launch",
            "mojibake repaired: {}",
            i.roadmap.phases[0].name
        );
    }
    if let Some(i) = shared("table-roadmap.md") {
        assert_eq!(counts(&i), [7, 53, 0, 0, 0]);
        assert_eq!(
            i.roadmap
                .features
                .iter()
                .filter(|f| f.status == FeatureStatus::Shipped)
                .count(),
            2
        );
        assert_eq!(
            i.report.demoted.len(),
            8,
            "nine were in progress; the first keeps the slot"
        );
    }
    if let Some(i) = shared("weekly-mvp-roadmap.md") {
        let c = counts(&i);
        assert_eq!(c[0], 9, "its priority lists are ranks, not phases");
        assert!(c[1] > 60, "{c:?}");
        assert_eq!(i.roadmap.risks.len(), 5);
        assert!(i.roadmap.criteria.len() >= 20);
    }
}

#[test]
fn the_mermaid_export_is_accepted_by_mermaid() {
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/mermaid-check");
    let node = std::process::Command::new("node").arg("--version").output();
    if !tool.exists() || node.is_err() {
        eprintln!("skipped: ../shared/tools/mermaid-check or node is absent");
        return;
    }
    // The tool's folder is read-only: install it under target/ once.
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/mermaid-check");
    std::fs::create_dir_all(&work).unwrap();
    for file in ["check.mjs", "package.json"] {
        std::fs::copy(tool.join(file), work.join(file)).unwrap();
    }
    if !work.join("node_modules").exists() {
        let status = std::process::Command::new("npm")
            .args(["install", "--no-audit", "--no-fund"])
            .current_dir(&work)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("skipped: npm install of mermaid-check failed (no registry?)");
            return;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let mut store = roadboard::store::Store::open(
        &dir.path().join("r.db"),
        roadboard::store::OpenMode::CreateIfMissing,
        "t",
    )
    .unwrap();
    roadboard::example::build(&mut store, today()).unwrap();
    let mut roadmap = store.load().unwrap();
    // Names with the characters Mermaid treats specially.
    roadmap.features[0].title = "Billing: phase #2; cards".into();
    roadmap.phases[0].name = "MVP: pilot #1".into();
    let diagram = roadboard::interchange::mermaid::export_mermaid(&roadmap, today(), 10);
    let file = dir.path().join("gantt.md");
    std::fs::write(&file, &diagram).unwrap();
    let output = std::process::Command::new("node")
        .arg(work.join("check.mjs"))
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.starts_with("ok"),
        "{stdout}{}\n{diagram}",
        String::from_utf8_lossy(&output.stderr)
    );
    // And it reads back: phases, tasks, dependencies.
    let back = import_markdown(&diagram, "x", today());
    assert_eq!(back.roadmap.phases.len(), 4);
    assert_eq!(back.roadmap.features.len(), 12);
}

/// The reader goes by the document's structure: sections of items among
/// sections like them are phases whatever their words, buckets of work
/// named by state (`Shipped so far`, `Now`) set the status of what they
/// hold, and phase words are read in the founder's language.
mod shapes {
    use super::*;

    fn shape(name: &str) -> roadboard::interchange::markdown::Imported {
        fixture(&format!("shapes/{name}"))
    }

    fn phase_names(i: &roadboard::interchange::markdown::Imported) -> Vec<&str> {
        i.roadmap.phases.iter().map(|p| p.name.as_str()).collect()
    }

    fn in_phase<'a>(
        i: &'a roadboard::interchange::markdown::Imported,
        phase: &str,
    ) -> Vec<&'a str> {
        let id = i
            .roadmap
            .phases
            .iter()
            .find(|p| p.name == phase)
            .unwrap()
            .id;
        i.roadmap
            .features_in(id)
            .map(|f| f.title.as_str())
            .collect()
    }

    #[test]
    fn now_next_later_and_a_shipped_bucket() {
        let i = shape("now-next-later.md");
        assert_eq!(phase_names(&i), ["Shipped so far", "Now", "Next", "Later"]);
        assert_eq!(in_phase(&i, "Next"), ["Loyalty stamps", "Allergen labels"]);
        assert_eq!(
            feature(&i, "Daily bread count").status,
            FeatureStatus::Shipped
        );
        assert_eq!(
            feature(&i, "Flour stock alerts").status,
            FeatureStatus::Shipped
        );
        assert_eq!(
            feature(&i, "Weekend pre-orders").status,
            FeatureStatus::Active
        );
        assert_eq!(feature(&i, "Loyalty stamps").status, FeatureStatus::Planned);
        let status = |name: &str| {
            i.roadmap
                .phases
                .iter()
                .find(|p| p.name == name)
                .unwrap()
                .status
        };
        assert_eq!(status("Shipped so far"), PhaseStatus::Complete);
        assert_eq!(status("Now"), PhaseStatus::InProgress);
        assert_eq!(status("Later"), PhaseStatus::NotStarted);
        assert!(i.roadmap.notes.iter().any(|n| n.heading == "About"));
    }

    #[test]
    fn timeboxed_phases_are_dated_from_the_plans_start() {
        let i = shape("timeboxes.md");
        let dates: Vec<_> = i
            .roadmap
            .phases
            .iter()
            .map(|p| (p.name.as_str(), p.start, p.end))
            .collect();
        assert_eq!(
            dates,
            [
                ("Weeks 1-2 (Setup)", date(2026, 1, 5), date(2026, 1, 18)),
                ("Weeks 3-5 (MVP)", date(2026, 1, 19), date(2026, 2, 8)),
                ("Month 2 (Scale)", date(2026, 2, 5), date(2026, 3, 4)),
                ("Sprint 6", date(2026, 3, 16), date(2026, 3, 29)),
            ]
        );
        assert_eq!(
            feature(&i, "Exports").target,
            date(2026, 8, 12),
            "a day without a year is in the document's"
        );
        // Without a start, the same phases stay undated.
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/shapes/timeboxes.md"),
        )
        .unwrap()
        .replace("**Start:** 2026-01-05", "");
        let undated = import_markdown(&text, "plan", today());
        assert!(undated.roadmap.phases.iter().all(|p| p.start.is_none()));
    }

    #[test]
    fn risks_in_bullets_and_a_quarters_own_lists() {
        let i = shape("risks-and-quarters.md");
        let risks: Vec<_> = i
            .roadmap
            .risks
            .iter()
            .map(|r| (r.risk.as_str(), r.impact.as_str(), r.mitigation.as_str()))
            .collect();
        assert_eq!(
            risks,
            [
                ("sensor supply", "", "two vendors"),
                ("battery life", "", "sleep mode"),
                ("Cold snaps", "", "alerts by SMS as a fallback"),
                ("Flaky greenhouse wifi", "", "store and forward"),
                ("Vendor lead times", "high", "order in January"),
            ]
        );
        assert_eq!(phase_names(&i), ["Q1 2026", "Q2 2026"]);
        let q1 = i.roadmap.phases[0].id;
        let milestone = &i.roadmap.milestones[0];
        assert_eq!(
            (milestone.phase, milestone.text.as_str(), milestone.target),
            (q1, "Pilot with 3 growers", date(2026, 3, 15))
        );
        assert_eq!(i.roadmap.criteria[0].text, "3 growers use it weekly");
        assert_eq!(
            in_phase(&i, "Q1 2026"),
            ["Soil moisture readings", "Frost alerts"]
        );
        let yields = feature(&i, "Yield reports").id;
        let irrigation = feature(&i, "Irrigation control").id;
        assert_eq!(
            i.roadmap.dependencies,
            [Dependency {
                feature: yields,
                depends_on: irrigation
            }],
            "a dependency among the risks is read as one"
        );
        let notes: Vec<&str> = i.roadmap.notes.iter().map(|n| n.heading.as_str()).collect();
        assert_eq!(
            notes,
            ["Summary"],
            "labels read with their lists leave no note"
        );
    }

    #[test]
    fn a_foundation_phase_among_phases_is_not_the_foundations_track() {
        let i = shape("foundation-phase.md");
        assert_eq!(phase_names(&i), ["Foundation", "Growth", "Scale"]);
        assert_eq!(in_phase(&i, "Foundation"), ["Accounts", "Billing skeleton"]);
        let track: Vec<&str> = i
            .roadmap
            .foundations
            .iter()
            .map(|f| f.what.as_str())
            .collect();
        assert_eq!(track, ["CI pipeline", "Backups"]);
    }

    #[test]
    fn owners_links_and_dependencies_said_in_plain_items() {
        let i = shape("annotated-items.md");
        let booking = feature(&i, "Online booking");
        assert_eq!(booking.owner, "maria");
        assert_eq!(booking.link, "https://example.com/specs/booking");
        let waiting = feature(&i, "Waiting list");
        assert_eq!(waiting.owner, "Joe");
        assert_eq!(feature(&i, "Patient portal").owner, "Ana");
        let title = |id: FeatureId| i.roadmap.feature(id).unwrap().title.as_str();
        let mut edges: Vec<(&str, &str)> = i
            .roadmap
            .dependencies
            .iter()
            .map(|d| (title(d.feature), title(d.depends_on)))
            .collect();
        edges.sort();
        assert_eq!(
            edges,
            [
                ("Patient portal", "Waiting list"),
                ("Reminders by SMS", "Online booking"),
                ("Waiting list", "Online booking"),
                ("Waiting list", "Reminders by SMS"),
            ]
        );
        let insurance = feature(&i, "Insurance checks");
        assert_eq!(insurance.description, "Depends on: the pilot ends");
    }

    #[test]
    fn shipped_without_a_date_keeps_no_date_and_no_velocity() {
        let i = shape("now-next-later.md");
        let done = feature(&i, "Daily bread count");
        assert_eq!((done.status, done.shipped), (FeatureStatus::Shipped, None));
        let dir = tempfile::tempdir().unwrap();
        let mut store = roadboard::store::Store::open(
            &dir.path().join("r.db"),
            roadboard::store::OpenMode::CreateIfMissing,
            "t",
        )
        .unwrap();
        store.import(&i.roadmap, &[], "now-next-later.md").unwrap();
        let stored = store.load().unwrap();
        let undated = stored
            .features
            .iter()
            .filter(|f| f.status == FeatureStatus::Shipped && f.shipped.is_none());
        assert_eq!(undated.count(), 3, "the file keeps the unknown day");
        let velocity = roadboard::domain::schedule::velocity(&stored, 9);
        assert_eq!((velocity.days, velocity.measured_on), (9, 0));
    }

    #[test]
    fn phase_words_in_another_language_and_status_marks() {
        let i = shape("phases-vi.md");
        assert_eq!(phase_names(&i), ["Nền móng", "Thanh toán"]);
        assert_eq!(i.roadmap.phases[0].status, PhaseStatus::Complete);
        assert_eq!(
            i.roadmap.phases[1].status,
            PhaseStatus::InProgress,
            "derived from its items"
        );
        assert_eq!(
            in_phase(&i, "Thanh toán"),
            ["Kết nối cổng thanh toán", "Hoá đơn điện tử"]
        );
        assert_eq!(
            feature(&i, "Hoá đơn điện tử").status,
            FeatureStatus::Planned
        );
        assert_eq!(feature(&i, "Trang hồ sơ").status, FeatureStatus::Shipped);
        assert!(
            i.roadmap
                .notes
                .iter()
                .any(|n| n.heading.contains("Ghi chú kỹ thuật"))
        );
    }

    #[test]
    fn a_container_passes_through_to_sections_shaped_like_phases() {
        let i = shape("feature-groups.md");
        assert_eq!(phase_names(&i), ["Beds and plots", "Watering", "Harvest"]);
        assert_eq!(
            in_phase(&i, "Watering"),
            ["Rain sensor import", "Watering reminders"]
        );
    }
}

mod table_shapes {
    use super::*;

    #[test]
    fn tables_of_phases_features_and_milestones() {
        let i = fixture("shapes/tables.md");
        let r = &i.roadmap;
        let phases: Vec<(&str, PhaseStatus)> = r
            .phases
            .iter()
            .map(|p| (p.name.as_str(), p.status))
            .collect();
        assert_eq!(
            phases,
            [
                ("Timetables", PhaseStatus::Complete),
                ("Booking", PhaseStatus::Complete),
                ("Loyalty", PhaseStatus::NotStarted),
            ],
            "a row and a section of the same number are one phase; status marks are read and cut"
        );
        assert_eq!(r.phases[0].goal, "Every crossing listed");
        let in_phase = |n: usize| {
            r.features_in(r.phases[n].id)
                .map(|f| f.title.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(in_phase(1), ["Seat hold", "Card payment"]);
        assert_eq!(in_phase(2), ["B7 — Stamp card", "B8 — Family pass"]);
        assert_eq!(
            feature(&i, "B7 — Stamp card").status,
            FeatureStatus::Shipped
        );
        assert_eq!(
            feature(&i, "B8 — Family pass").status,
            FeatureStatus::Planned
        );
        assert!(feature(&i, "Seat hold").description.contains("Ten minutes"));
    }
}

mod labelled_lists {
    use super::*;

    #[test]
    fn a_bold_label_naming_a_phase_opens_it_and_others_keep_their_list_aside() {
        let i = fixture("shapes/labelled-lists.md");
        let r = &i.roadmap;
        let names: Vec<&str> = r.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Mobile", "Pagos"]);
        assert_eq!(r.phases[0].status, PhaseStatus::Complete);
        let offline = feature(&i, "Offline mode");
        assert_eq!(offline.status, FeatureStatus::Shipped);
        assert_eq!(
            offline.description, "caches the last week of bookings",
            "the bold lead is the title"
        );
        assert_eq!(feature(&i, "Push reminders").status, FeatureStatus::Planned);
        let pagos: Vec<&str> = r
            .features_in(r.phases[1].id)
            .map(|f| f.title.as_str())
            .collect();
        assert_eq!(pagos, ["Card on file", "Class packs", "Gift cards"]);
        assert!(
            r.notes
                .iter()
                .any(|n| n.body.contains("A merchant account")),
            "prerequisites are a note"
        );
    }
}

#[test]
fn a_gantt_and_headings_of_the_same_plan_are_one_plan() {
    let i = fixture("shapes/gantt-and-headings.md");
    let r = &i.roadmap;
    let names: Vec<&str> = r.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Foundations", "Insights"],
        "numbered alike, named by the headings"
    );
    let titles: Vec<&str> = r.features.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(
        titles
            .iter()
            .filter(|t| **t == "Categorise spending")
            .count(),
        1,
        "{titles:?}"
    );
    assert!(titles.contains(&"Monthly summary"));
    assert_eq!(
        i.report.merged,
        [
            (14, "Import bank CSV".to_owned()),
            (18, "Categorise spending".to_owned())
        ]
    );
}

#[test]
fn a_document_that_is_not_a_roadmap_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["README.md", "CHANGELOG.md"] {
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/non-roadmaps")
            .join(name);
        let db = dir.path().join("r.db");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_roadboard"))
            .arg("import")
            .arg(&file)
            .arg("--into")
            .arg(&db)
            .env("ROADBOARD_CONFIG", dir.path().join("none.toml"))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "found no roadmap in {}: no phases or features",
                file.display()
            )),
            "{stderr}"
        );
        assert!(!db.exists(), "{name}: no database is written");
    }
}

#[test]
fn a_tool_written_release_list_and_a_document_of_bare_headings() {
    let i = fixture("shapes/release-list.md");
    let phases: Vec<(&str, PhaseStatus, Option<NaiveDate>)> = i
        .roadmap
        .phases
        .iter()
        .map(|p| (p.name.as_str(), p.status, p.end))
        .collect();
    assert_eq!(
        phases,
        [
            ("v1.0 Launch", PhaseStatus::Complete, date(2026, 3, 2)),
            ("v1.1 Sharing", PhaseStatus::InProgress, None),
            ("v1.2 Offline", PhaseStatus::NotStarted, None),
        ]
    );
    let i = fixture("shapes/bare-headings.md");
    assert_eq!(i.roadmap.phases[0].name, "Ideas board");
    let titles: Vec<&str> = i
        .roadmap
        .features
        .iter()
        .map(|f| f.title.as_str())
        .collect();
    assert_eq!(titles, ["Voice notes", "Calendar sync", "Dark theme"]);
}

#[test]
fn the_dry_run_lists_every_item_with_its_line_and_its_judgement_calls() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/weekly.md");
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_roadboard"))
        .arg("import")
        .arg("--dry-run")
        .arg(&file)
        .env("ROADBOARD_CONFIG", dir.path().join("none.toml"))
        .env("ROADBOARD_DB", dir.path().join("r.db"))
        .env("ROADBOARD_STATE", dir.path().join("local.toml"))
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "recognized, line by line:\n  line 3: phase \"Weeks 1-2 (Setup)\" (in progress)\n",
        "  line 8: F1 \"Stack chosen\" → \"Weeks 1-2 (Setup)\" (shipped)\n",
        "  line 44: F9 \"Dark mode\" → the parking lot (parked)\n",
        "line 40: \"Email sign up\" in the list \"Must-Have\" annotates \"1.1 Sign up\" (must)\n",
        "kept as notes (not mapped to the board):\n  line 13: Phase 0: Weeks 1-2 (Setup) / Tech Stack\n",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    assert!(!dir.path().join("r.db").exists());
}

#[test]
fn current_and_upcoming_blocker_lists_are_told_apart() {
    let document = "# Plan\n\n## Phase 1: Pilot\n\n### Feature: Invoices\n**Status:** In progress\n\n\
## Blockers\n\n**Current Blockers:**\n- Invoices → signed bank agreement → 2026-12-04\n\n\
**Upcoming Blockers:**\n- Payroll rules change in April → follow the consultation, build rules as data\n";
    let imported = import_markdown(document, "plan", today());
    let blockers = &imported.roadmap.blockers;
    assert_eq!(blockers.len(), 2, "{blockers:#?}");
    assert!(!blockers[0].upcoming && blockers[0].eta == date(2026, 12, 4));
    assert!(blockers[1].upcoming);
    assert_eq!(blockers[1].waiting_for, "Payroll rules change in April");
    assert_eq!(
        blockers[1].mitigation,
        "follow the consultation, build rules as data"
    );
}

// The reader's mechanisms, each on a document of its own shape.
#[test]
fn a_bilingual_phase_heading_is_read_on_either_side() {
    let text = "# Plan\n\n## المرحلة الأولى | Phase 1 - MVP\n\n### Objectives\n\n- Fast\n\n### Tasks\n\n#### الأسبوع 1-2 | Week 1-2: Testing\n\n- [ ] Test the API\n- [ ] Test the screens\n\n## المرحلة الثانية | Phase 2 - Growth\n\n- [ ] Referrals\n";
    let i = roadboard::interchange::read_text(text, false, "plan", today()).unwrap();
    let phases: Vec<&str> = i.roadmap.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(phases.len(), 2, "{phases:?}");
    let titles: Vec<&str> = i
        .roadmap
        .features
        .iter()
        .map(|f| f.title.as_str())
        .collect();
    assert!(
        titles.contains(&"Test the API"),
        "week items are features: {titles:?}"
    );
    assert!(
        !titles.iter().any(|t| t.contains("Week")),
        "a week is no card: {titles:?}"
    );
}

#[test]
fn a_labelled_list_inside_a_card_says_more_about_the_card() {
    let text = "# Plan\n\n## Phase 1\n\n### Features\n\n#### 1. Export (P0)\n**Status**: Done\n**Features**:\n- CSV\n- JSON\n\n**Success Metrics**:\n- 40% of users export monthly\n";
    let i = roadboard::interchange::read_text(text, false, "plan", today()).unwrap();
    let titles: Vec<&str> = i
        .roadmap
        .features
        .iter()
        .map(|f| f.title.as_str())
        .collect();
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert!(i.roadmap.features[0].description.contains("CSV"));
    assert_eq!(
        i.roadmap.criteria.len(),
        1,
        "metrics are the phase's criteria"
    );
}

#[test]
fn prose_with_headings_and_lists_is_no_roadmap() {
    let text = "# Widget\n\n## Getting started\n\n- Install it\n- Run it\n\n## Community\n\n- Chat\n- Forum\n\n## Licence\n\nMIT\n";
    assert_eq!(
        roadboard::interchange::read_text(text, false, "README", today()).err(),
        Some(roadboard::interchange::ReadError::NoRoadmap)
    );
}

#[test]
fn metric_sections_beside_named_phases_are_not_phases() {
    let text = "# Roadmap\n\n## Phase 1\n\n- [ ] Login\n\n## Phase 2\n\n- [ ] Billing\n\n## Success Metrics\n\n### Adoption\n\n- Usage rates\n\n### Growth\n\n- Retention\n";
    let i = roadboard::interchange::read_text(text, false, "plan", today()).unwrap();
    let phases: Vec<&str> = i.roadmap.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(phases, ["Phase 1", "Phase 2"]);
    assert_eq!(i.roadmap.features.len(), 2);
}

#[test]
fn a_templates_blanks_are_never_items() {
    let text = "# Product Roadmap: [Product Name]\n\n## Phase 1: MVP\n\n### Features\n\n#### Feature 1: [Feature Name]\n- **Why Essential:** [Why]\n- **Status:** Not Started\n\n#### Feature 2: Login\n- **Status:** Shipped\n\n## Parking Lot\n\n1. **[Feature Name]**\n   - Why interesting: [Reason]\n2. **Dark mode**\n\n## Blockers\n\n- [Feature blocked] → [What it's waiting for] → [ETA]\n\n## Customer Requests\n\n- [Request] - [Requested by] - [Date] - [Priority: Low/Med/High]\n";
    let i = roadboard::interchange::read_text(text, false, "plan", today()).unwrap();
    let titles: Vec<&str> = i
        .roadmap
        .features
        .iter()
        .map(|f| f.title.as_str())
        .collect();
    assert_eq!(titles, ["Login", "Dark mode"]);
    assert!(i.roadmap.blockers.is_empty(), "{:?}", i.roadmap.blockers);
    assert!(i.roadmap.requests.is_empty(), "{:?}", i.roadmap.requests);
}

// The founder corrects the reader in one command, once: the corrections
// change the import as said, are kept with the roadmap, and apply again
// when the document is imported anew (found by their text, after a line
// was added above them).
#[test]
fn corrections_of_the_reader_are_applied_kept_and_applied_again() {
    let plan = Plan::empty();
    let doc = plan.dir().join("plan.md");
    std::fs::write(
        &doc,
        "# Plan\n\n## Phase 1\n\n- [ ] Login\n- [ ] Exit: 10 pilots\n\n## Ideas we like\n\n- Dark mode\n- Export\n",
    )
    .unwrap();
    let run = |args: &[&str]| plan.ok(args);
    let doc_arg = doc.to_str().unwrap();
    let said = run(&[
        "import",
        doc_arg,
        "--as",
        "6=criterion",
        "--as",
        "8=phase",
        "--as",
        "11=skip",
    ]);
    assert!(
        said.contains("line 6: success criterion \"Exit: 10 pilots\""),
        "{said}"
    );
    let roadmap = || plan.roadmap();
    let shape = |r: &Roadmap| {
        (
            r.phases.iter().map(|p| p.name.clone()).collect::<Vec<_>>(),
            r.features
                .iter()
                .map(|f| f.title.clone())
                .collect::<Vec<_>>(),
            r.criteria
                .iter()
                .map(|c| c.text.clone())
                .collect::<Vec<_>>(),
        )
    };
    let first = shape(&roadmap());
    assert_eq!(first.0, ["Phase 1", "Ideas we like"]);
    assert_eq!(first.1, ["Login", "Dark mode"]);
    assert_eq!(first.2, ["Exit: 10 pilots"]);
    // A line added above; imported again without --as: the same reading.
    let text = std::fs::read_to_string(&doc).unwrap();
    std::fs::write(
        &doc,
        text.replacen("## Phase 1", "Intro line.\n\n## Phase 1", 1),
    )
    .unwrap();
    let said = run(&["import", doc_arg]);
    assert!(said.contains("as you said:"), "{said}");
    assert!(said.contains("nothing to change"), "{said}");
    assert_eq!(shape(&roadmap()), first);
}

#[test]
fn a_phase_is_named_and_filled_by_its_own_section() {
    // A labelled checklist under a phase is work whatever its label; a
    // deeper heading naming the phase again (a hiring plan) speaks of it,
    // and neither renames it nor adds to it; a broken emoji is dropped.
    let text = "# Plan\n\n## \u{f0}\u{178}\u{a2} Phase 1: Enterprise\n\n#### 1.1 Analytics\n\n**Machine Learning Integration:**\n- [ ] **Predictive Analytics**: churn models\n- [ ] **Anomaly Detection**: outliers\n\n## Phase 2: Growth\n\n- [ ] Referrals\n\n## Team plan\n\n### Hiring\n\n#### Phase 1 Team (5-8 people)\n\n- Two engineers\n";
    let i = roadboard::interchange::read_text(text, false, "plan", today()).unwrap();
    let r = &i.roadmap;
    let phases: Vec<&str> = r.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(phases, ["Enterprise", "Growth"]);
    let first: Vec<&str> = r
        .features_in(r.phases[0].id)
        .map(|f| f.title.as_str())
        .collect();
    assert_eq!(first, ["Predictive Analytics", "Anomaly Detection"]);
}

// The document issue, 5: a plan in weeks with no date says so, and
// `--start` dates its phases from the day week 1 began.
#[test]
fn a_week_based_plan_is_dated_from_the_day_week_one_began() {
    let plan = Plan::empty();
    let doc = plan.dir().join("plan.md");
    std::fs::write(
        &doc,
        "# Plan\n\n## Weeks 1-2 (Setup)\n\n- [ ] Stack\n\n## Weeks 3-5 (Core)\n\n- [ ] Sign up\n",
    )
    .unwrap();
    let run = |args: &[&str]| plan.ok(args);
    let doc = doc.to_str().unwrap();
    let asked = run(&["import", doc, "--dry-run"]);
    assert!(
        asked.contains("2 phases are parts of a week-based plan with no date: give --start DATE"),
        "{asked}"
    );
    let said = run(&["import", doc, "--start", "2027-01-04"]);
    assert!(
        said.contains("dated 2 phases from week 1 on 2027-01-04"),
        "{said}"
    );
    let roadmap = plan.roadmap();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(
        (roadmap.phases[1].start, roadmap.phases[1].end),
        (day(2027, 1, 18), day(2027, 2, 7))
    );
}

// A date at the end of an item is its target, after a plain title or a
// bold lead alike; a done item's date is no target.
#[test]
fn a_trailing_date_is_the_items_target() {
    let text = "# Plan\n\n## Phase 1\n\n- [ ] **Exports** (Q4 2025)\n- [ ] Billing (March 2026)\n- [x] Login (2025-08-12)\n";
    let i = roadboard::interchange::read_text(text, false, "plan", today()).unwrap();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let targets: Vec<(&str, Option<NaiveDate>)> = i
        .roadmap
        .features
        .iter()
        .map(|f| (f.title.as_str(), f.target))
        .collect();
    assert_eq!(
        targets,
        [
            ("Exports", day(2025, 12, 31)),
            ("Billing", day(2026, 3, 31)),
            ("Login", None)
        ]
    );
}
