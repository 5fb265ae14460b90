//! Importing into a file that already holds the roadmap updates it in
//! place: export, edit by hand, import again changes what was edited and
//! nothing else, in one change that undo takes back whole.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use roadboard::store::{OpenMode, Store};

struct Plan {
    dir: tempfile::TempDir,
}

impl Plan {
    fn example() -> Plan {
        let plan = Plan {
            dir: tempfile::tempdir().unwrap(),
        };
        plan.ok(&["init", "--example"]);
        plan
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("roadmap.db")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> (bool, String, String) {
        let output = Command::cargo_bin("roadboard")
            .unwrap()
            .args(args)
            .current_dir(self.dir.path())
            .env("ROADBOARD_DB", self.db())
            .env("ROADBOARD_TODAY", "2026-11-23")
            .env("ROADBOARD_AUTHOR", "ada")
            .env("ROADBOARD_CONFIG", self.file("config.toml"))
            .env("ROADBOARD_STATE", self.file("local.toml"))
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    fn ok(&self, args: &[&str]) -> String {
        let (ok, stdout, stderr) = self.run(args);
        assert!(ok, "{args:?}: {stderr}");
        stdout
    }

    /// The change log's newest entry: the import just made.
    fn last_entry(&self) -> i64 {
        rusqlite::Connection::open(self.db())
            .unwrap()
            .query_row("SELECT MAX(id) FROM change_log", [], |r| r.get(0))
            .unwrap()
    }

    fn roadmap(&self) -> roadboard::domain::Roadmap {
        Store::open(&self.db(), OpenMode::Existing, "t")
            .unwrap()
            .load()
            .unwrap()
    }

    /// Exports to ROADMAP.md, edits the text with `edit`, imports it back.
    fn round(&self, edit: impl Fn(String) -> String, extra: &[&str]) -> String {
        self.ok(&["export", "-o", "ROADMAP.md"]);
        let text = fs::read_to_string(self.file("ROADMAP.md")).unwrap();
        fs::write(self.file("ROADMAP.md"), edit(text)).unwrap();
        let mut args = vec!["import", "ROADMAP.md"];
        args.extend_from_slice(extra);
        self.ok(&args)
    }
}

#[test]
fn importing_the_export_again_changes_nothing() {
    let plan = Plan::example();
    let before = plan.roadmap();
    let said = plan.round(|text| text, &[]);
    assert!(said.contains("nothing to change"), "{said}");
    let after = plan.roadmap();
    assert_eq!(after.phases, before.phases);
    assert_eq!(after.features, before.features);
}

#[test]
fn a_hand_edit_of_one_field_changes_exactly_that_field() {
    let plan = Plan::example();
    let before = plan.roadmap();
    let said = plan.round(
        |text| {
            text.replacen(
                "#### Feature F5: Labour cost preview",
                "#### Feature F5: Labour cost forecast",
                1,
            )
        },
        &[],
    );
    assert!(
        said.contains("changed F5 \"Labour cost forecast\": title"),
        "{said}"
    );
    let after = plan.roadmap();
    assert_eq!(after.features.len(), before.features.len());
    for (old, new) in before.features.iter().zip(&after.features) {
        if old.key.0 == 5 {
            assert_eq!(new.title, "Labour cost forecast");
            assert_eq!(new.description, old.description);
        } else {
            assert_eq!(new, old);
        }
    }
}

#[test]
fn added_and_missing_features_prune_and_undo_in_one_change() {
    let plan = Plan::example();
    let before = plan.roadmap();
    let said = plan.round(
        |text| {
            let start = text.find("#### Feature F6:").unwrap();
            let end = start + text[start..].find("\n\n").unwrap() + 2;
            let mut text = format!("{}{}", &text[..start], &text[end..]);
            let at = text.find("#### Feature F5:").unwrap();
            text.insert_str(
                at,
                "#### Feature F99: Tip jar\n- **Status:** Not Started\n\n",
            );
            text
        },
        &[],
    );
    assert!(said.contains("added F99 \"Tip jar\""), "{said}");
    assert!(
        said.contains("kept, not in the document (--prune drops them): F6"),
        "{said}"
    );
    assert!(
        plan.roadmap()
            .feature_by_key(roadboard::domain::FeatureKey(6))
            .is_some()
    );

    let said = plan.round(
        |text| {
            let start = text.find("#### Feature F6:").unwrap();
            let end = start + text[start..].find("\n\n").unwrap() + 2;
            format!("{}{}", &text[..start], &text[end..])
        },
        &["--prune"],
    );
    assert!(said.contains("dropped, not in the document: F6"), "{said}");
    let pruned = plan.roadmap();
    assert!(
        pruned
            .feature_by_key(roadboard::domain::FeatureKey(6))
            .is_none()
    );

    // The whole update is one change: undo brings F6 back as it was.
    let mut store = Store::open(&plan.db(), OpenMode::Existing, "t").unwrap();
    let entry = plan.last_entry();
    store.undo(entry).unwrap();
    let restored = store.load().unwrap();
    let six = |r: &roadboard::domain::Roadmap| {
        r.feature_by_key(roadboard::domain::FeatureKey(6)).cloned()
    };
    assert_eq!(six(&restored), six(&before));
    assert_eq!(restored.dependencies.len(), before.dependencies.len());
}

#[test]
fn an_update_that_breaks_the_one_rule_is_refused_whole() {
    let plan = Plan::example();
    let before = plan.roadmap();
    plan.ok(&["export", "-o", "ROADMAP.md"]);
    let text = fs::read_to_string(plan.file("ROADMAP.md")).unwrap();
    // F4 holds the slot in the file; the document drops F4 and says F5 is
    // in progress: the file would hold two.
    let f4 = text.find("#### Feature F4:").unwrap();
    let f4_end = f4 + text[f4..].find("\n\n").unwrap() + 2;
    let text = format!("{}{}", &text[..f4], &text[f4_end..]);
    let start = text.find("#### Feature F5:").unwrap();
    let status = start + text[start..].find("- **Status:** Not Started").unwrap();
    let mut edited = text.clone();
    edited.replace_range(
        status..status + "- **Status:** Not Started".len(),
        "- **Status:** In Progress\n- **Started Date:** 2026-11-20",
    );
    fs::write(plan.file("ROADMAP.md"), edited).unwrap();
    let (ok, _, stderr) = plan.run(&["import", "ROADMAP.md"]);
    assert!(!ok);
    assert!(stderr.contains("already holds the ONE slot"), "{stderr}");
    assert_eq!(plan.roadmap().features, before.features);
}

#[test]
fn a_founders_own_document_imported_twice_is_not_doubled() {
    let plan = Plan::example();
    fs::write(
        plan.file("plan.md"),
        "# Side plan\n\n## Now\n\n- Tip jar\n- Gift cards\n\n## Later\n\n- Loyalty stamps\n",
    )
    .unwrap();
    plan.ok(&["import", "plan.md"]);
    let once = plan.roadmap();
    let said = plan.ok(&["import", "plan.md"]);
    assert!(said.contains("nothing to change"), "{said}");
    let twice = plan.roadmap();
    assert_eq!(twice.phases.len(), once.phases.len());
    assert_eq!(twice.features.len(), once.features.len());
}

#[test]
fn replace_makes_the_document_the_roadmap_and_undo_takes_it_back_whole() {
    let plan = Plan::example();
    let before = plan.roadmap();
    let linked = |db: &std::path::Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM change_log WHERE feature_id IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let history = linked(&plan.db());
    fs::write(
        plan.file("bakery.md"),
        "# Bakery\n\n## Now\n- Flour stock alerts 🚧\n\n## Next\n- Loyalty stamps\n",
    )
    .unwrap();
    let said = plan.ok(&["import", "bakery.md", "--replace"]);
    assert!(
        said.contains("replaced the roadmap with bakery.md: 2 phases, 2 features"),
        "{said}"
    );
    let replaced = plan.roadmap();
    assert_eq!(replaced.info.name, "Bakery");
    let titles: Vec<&str> = replaced.features.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(titles, ["Flour stock alerts", "Loyalty stamps"]);
    assert!(replaced.blockers.is_empty() && replaced.requests.is_empty());
    assert_eq!(
        replaced.slot_holder().map(|f| f.title.as_str()),
        Some("Flour stock alerts"),
        "the file's own holder went with the rest"
    );

    let mut store = Store::open(&plan.db(), OpenMode::Existing, "t").unwrap();
    let entry = plan.last_entry();
    store.undo(entry).unwrap();
    let restored = store.load().unwrap();
    assert_eq!(restored.info.name, before.info.name);
    assert_eq!(restored.phases, before.phases);
    assert_eq!(restored.features, before.features);
    assert_eq!(restored.dependencies, before.dependencies);
    assert_eq!(restored.blockers, before.blockers);
    assert_eq!(restored.requests, before.requests);
    assert_eq!(restored.notes, before.notes);
    assert_eq!(
        linked(&plan.db()),
        history,
        "history links to its features again"
    );
    store.redo(entry).unwrap();
    assert_eq!(store.load().unwrap().features.len(), 2);
}

#[test]
fn replace_append_and_prune_are_one_intent_at_a_time() {
    let plan = Plan::example();
    fs::write(plan.file("doc.md"), "# Doc\n\n## Now\n- One thing\n").unwrap();
    for flags in [["--replace", "--append"], ["--replace", "--prune"]] {
        let (ok, _, stderr) = plan.run(&["import", "doc.md", flags[0], flags[1]]);
        assert!(!ok && stderr.contains("cannot be used with"), "{stderr}");
    }
}

// The document issue's round trip: a title that reads like a label is a
// card all the same; a card without a key is new and never overwrites; a
// field line left out is unchanged and an empty one clears; CR line ends
// read as any others.
#[test]
fn a_title_that_reads_like_a_label_survives_the_round_trip_and_prune() {
    let plan = Plan {
        dir: tempfile::tempdir().unwrap(),
    };
    plan.ok(&["init", "--name", "Acme"]);
    plan.ok(&["phase", "add", "Launch"]);
    for title in [
        "Pricing page",
        "Success: 200 seats",
        "Milestones: beta",
        "Exit criteria: SOC2",
    ] {
        plan.ok(&["add", title, "--phase", "Launch"]);
    }
    let before = plan.roadmap();
    let said = plan.round(|text| text, &["--prune"]);
    assert!(!said.contains("dropped F"), "{said}");
    let after = plan.roadmap();
    assert_eq!(after.features, before.features, "{said}");
    assert_eq!(after.criteria, before.criteria);
    assert_eq!(after.milestones, before.milestones);
}

#[test]
fn a_card_without_a_key_is_new_and_overwrites_nothing() {
    let plan = Plan::example();
    let before = plan.roadmap();
    let highest = before.features.iter().map(|f| f.key.0).max().unwrap();
    plan.round(
        |text| {
            text.replacen(
                "#### Feature F1: ",
                "#### Feature: Rate-limit alerts\n- **Description:** Page when a tenant nears its limit\n\n#### Feature F1: ",
                1,
            )
        },
        &[],
    );
    let after = plan.roadmap();
    assert_eq!(after.features.len(), before.features.len() + 1);
    for old in &before.features {
        let same = after.features.iter().find(|f| f.id == old.id).unwrap();
        assert_eq!(same, old, "{} is unchanged", old.key);
    }
    let new = after
        .features
        .iter()
        .find(|f| f.title == "Rate-limit alerts")
        .unwrap();
    assert_eq!(new.key.0, highest + 1);
    assert_eq!(new.description, "Page when a tenant nears its limit");
}

#[test]
fn a_field_line_left_out_is_unchanged_and_an_empty_one_clears() {
    let plan = Plan::example();
    let before = plan.roadmap();
    let card = before
        .features
        .iter()
        .find(|f| !f.description.is_empty() && !f.metric.is_empty())
        .expect("a card with a description and a success metric");
    let heading = format!("#### Feature {}: ", card.key);
    let key = card.key;
    plan.round(
        |text| {
            let start = text.find(&heading).unwrap();
            let end = start + text[start..].find("\n\n").unwrap();
            let edited: Vec<String> = text[start..end]
                .lines()
                // Description removed (and its continuation lines).
                .scan(false, |in_description, line| {
                    if line.starts_with("- **") {
                        *in_description = line.starts_with("- **Description:**");
                    }
                    Some((!*in_description).then(|| line.to_owned()))
                })
                .flatten()
                .map(|line| {
                    if line.starts_with("- **Success Metric:**") {
                        "- **Success Metric:**".to_owned()
                    } else {
                        line
                    }
                })
                .collect();
            format!("{}{}{}", &text[..start], edited.join("\n"), &text[end..])
        },
        &[],
    );
    let after = plan.roadmap();
    let now = after.features.iter().find(|f| f.key == key).unwrap();
    assert_eq!(now.description, card.description, "left out: unchanged");
    assert_eq!(now.metric, "", "written empty: cleared");
}

#[test]
fn a_document_with_cr_line_ends_reads_as_any_other() {
    let plan = Plan::example();
    let before = plan.roadmap();
    plan.round(|text| text.replace('\n', "\r"), &["--prune"]);
    let after = plan.roadmap();
    assert_eq!(after.features, before.features);
    assert_eq!(after.criteria, before.criteria);
    assert_eq!(after.dependencies, before.dependencies);
}

#[test]
fn a_line_the_format_does_not_know_is_refused_with_its_number() {
    let plan = Plan::example();
    plan.ok(&["export", "-o", "ROADMAP.md"]);
    let text = fs::read_to_string(plan.file("ROADMAP.md")).unwrap();
    let at = text.find("#### Feature F2: ").unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let text = format!("{}Some words of my own\n{}", &text[..at], &text[at..]);
    fs::write(plan.file("ROADMAP.md"), text).unwrap();
    let before = plan.roadmap();
    let (ok, _, stderr) = plan.run(&["import", "ROADMAP.md"]);
    assert!(!ok);
    assert!(stderr.contains(&format!("line {line}:")), "{stderr}");
    assert_eq!(plan.roadmap(), before, "nothing written");
}

mod one_field {
    //! Export → a hand edit of one field of one card → import: exactly
    //! that field of that feature changes, for any card, field and value.

    use chrono::NaiveDate;
    use proptest::prelude::*;
    use roadboard::domain::*;
    use roadboard::interchange::export_md::{export_markdown, markdown_text};
    use roadboard::store::{OpenMode, Store};

    /// A field as the card writes it, and the value the edit gives it.
    #[derive(Debug, Clone)]
    enum Edit {
        Title(String),
        Text(&'static str, String),
        Level(&'static str, u8),
        Priority(u8),
        Target(NaiveDate),
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(&["pilot", "Café", "ledger", "48h", "sync", "v2", "#1"][..]),
            1..5,
        )
        .prop_map(|w| w.join(" "))
    }

    fn edit() -> impl Strategy<Value = Edit> {
        const LABELS: &[&str] = &[
            "Description",
            "Why Essential",
            "Success Metric",
            "Pilot Feedback",
            "Owner",
            "Link",
        ];
        prop_oneof![
            text().prop_map(Edit::Title),
            (prop::sample::select(LABELS), text()).prop_map(|(l, v)| Edit::Text(l, v)),
            (prop::sample::select(&["Impact", "Effort"][..]), 1u8..=5)
                .prop_map(|(l, v)| Edit::Level(l, v)),
            (0u8..=3).prop_map(Edit::Priority),
            (0i64..400).prop_map(|d| Edit::Target(
                NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(d as u64)
            )),
        ]
    }

    /// What the edit should leave in the feature.
    fn expected(mut f: Feature, edit: &Edit) -> Feature {
        match edit {
            Edit::Title(t) => f.title = t.clone(),
            Edit::Text(label, v) => match *label {
                "Description" => f.description = v.clone(),
                "Why Essential" => f.why = v.clone(),
                "Success Metric" => f.metric = v.clone(),
                "Pilot Feedback" => f.pilot_feedback = v.clone(),
                "Owner" => f.owner = v.clone(),
                _ => f.link = v.clone(),
            },
            Edit::Level("Impact", v) => f.impact = Some(*v),
            Edit::Level(_, v) => f.effort = Some(*v),
            Edit::Priority(p) => f.priority = Priority::from_level(*p),
            Edit::Target(d) => f.target = Some(*d),
        }
        f
    }

    /// The Markdown with the card of `key` edited as a person would.
    fn edited(markdown: &str, key: FeatureKey, edit: &Edit) -> String {
        let heading = format!("#### Feature {key}: ");
        let start = markdown.find(&heading).expect("the card");
        let end = start + markdown[start..].find("\n\n").expect("the card ends");
        let mut card: Vec<String> = markdown[start..end].lines().map(str::to_owned).collect();
        let (label, value) = match edit {
            Edit::Title(t) => {
                card[0] = format!("{heading}{}", markdown_text(t, ""));
                return format!(
                    "{}{}{}",
                    &markdown[..start],
                    card.join("\n"),
                    &markdown[end..]
                );
            }
            Edit::Text(label, v) => (*label, markdown_text(v, "  ")),
            Edit::Level(label, v) => (*label, v.to_string()),
            Edit::Priority(p) => ("Priority", format!("P{p}")),
            Edit::Target(d) => ("Target Date", d.to_string()),
        };
        let prefix = format!("- **{label}:**");
        card.retain(|line| !line.starts_with(&prefix));
        card.insert(1, format!("{prefix} {value}"));
        format!(
            "{}{}{}",
            &markdown[..start],
            card.join("\n"),
            &markdown[end..]
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn a_hand_edit_of_any_field_changes_exactly_that_field(
            pick in any::<prop::sample::Index>(),
            edit in edit(),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("r.db"), OpenMode::CreateIfMissing, "t").unwrap();
            let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
            roadboard::example::build(&mut store, today).unwrap();
            let before = store.load().unwrap();
            let target = before.features[pick.index(before.features.len())].clone();
            let markdown = edited(&export_markdown(&before, &[]), target.key, &edit);
            let imported = roadboard::interchange::read_text(&markdown, false, "ROADMAP.md", today).unwrap();
            store.update_from(&imported.roadmap, imported.matching(), false, "ROADMAP.md").unwrap();
            let after = store.load().unwrap();
            let want = expected(target.clone(), &edit);
            for (old, new) in before.features.iter().zip(&after.features) {
                if old.id == target.id {
                    prop_assert_eq!(new, &want);
                } else {
                    prop_assert_eq!(new, old);
                }
            }
            prop_assert_eq!(after.features.len(), before.features.len());
            prop_assert_eq!(&after.dependencies, &before.dependencies);
            prop_assert_eq!(&after.phases, &before.phases);
        }
    }
}

mod edit_scripts {
    //! Export → a script of hand edits to the text (rename a card, add one
    //! without a key, move one under another phase, drop a planned one,
    //! empty a field, delete a card) → import, with and without `--prune`:
    //! the roadmap is the one the same edits make to the model.

    use std::collections::BTreeMap;

    use chrono::NaiveDate;
    use proptest::prelude::*;
    use roadboard::domain::*;
    use roadboard::interchange::export_md::{export_markdown, markdown_text};
    use roadboard::store::{OpenMode, Store};

    #[derive(Debug, Clone)]
    enum Edit {
        Rename(String),
        AddKeyless { phase: usize, title: String },
        Move { phase: usize },
        Drop,
        Empty(&'static str),
        Delete,
    }

    fn title() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(&["Rate", "limit", "alerts", "#2", "Success:", "café", "v3"][..]),
            1..4,
        )
        .prop_map(|w| w.join(" "))
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            title().prop_map(Edit::Rename),
            (0usize..8, title()).prop_map(|(phase, title)| Edit::AddKeyless { phase, title }),
            (0usize..8).prop_map(|phase| Edit::Move { phase }),
            Just(Edit::Drop),
            prop::sample::select(&["Description", "Why Essential", "Success Metric", "Owner"][..])
                .prop_map(Edit::Empty),
            Just(Edit::Delete),
        ]
    }

    /// The lines of the card of `key`: its start and end (the blank line).
    fn card_span(text: &str, key: FeatureKey) -> (usize, usize) {
        let start = text
            .find(&format!("#### Feature {key}: "))
            .expect("the card");
        let end = start + text[start..].find("\n\n").expect("the card ends") + 2;
        (start, end)
    }

    /// Where a card goes in the phase named `name`: after its field lines.
    fn card_slot(text: &str, name: &str) -> usize {
        let heading = format!(": {}\n", markdown_text(name, ""));
        let at = text
            .match_indices("## Phase ")
            .map(|(i, _)| i)
            .find(|&i| {
                text[i..]
                    .lines()
                    .next()
                    .is_some_and(|l| format!("{l}\n").ends_with(&heading))
            })
            .expect("the phase");
        let mut offset = at + text[at..].find('\n').unwrap() + 1;
        for line in text[offset..].split_inclusive('\n') {
            if !(line.trim().is_empty() || line.starts_with("**")) {
                break;
            }
            offset += line.len();
        }
        offset
    }

    fn field_of<'f>(f: &'f mut Feature, label: &str) -> &'f mut String {
        match label {
            "Description" => &mut f.description,
            "Why Essential" => &mut f.why,
            "Success Metric" => &mut f.metric,
            _ => &mut f.owner,
        }
    }

    type Card = (String, Option<String>, FeatureStatus, [String; 4]);

    /// What is compared: each feature the roadmap had by key; the new ones
    /// (keyed in the order of the document, above `highest`) as a set, and
    /// their keys.
    fn shape(r: &Roadmap, highest: u32) -> (BTreeMap<u32, Card>, Vec<Card>, Vec<u32>) {
        let card = |f: &Feature| {
            let phase = f.phase.and_then(|p| r.phase(p)).map(|p| p.name.clone());
            let fields = [
                f.description.clone(),
                f.why.clone(),
                f.metric.clone(),
                f.owner.clone(),
            ];
            (f.title.clone(), phase, f.status, fields)
        };
        let old = r
            .features
            .iter()
            .filter(|f| f.key.0 <= highest)
            .map(|f| (f.key.0, card(f)))
            .collect();
        let mut new: Vec<Card> = r
            .features
            .iter()
            .filter(|f| f.key.0 > highest)
            .map(card)
            .collect();
        new.sort();
        let mut keys: Vec<u32> = r
            .features
            .iter()
            .filter(|f| f.key.0 > highest)
            .map(|f| f.key.0)
            .collect();
        keys.sort();
        (old, new, keys)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn hand_edits_to_the_text_are_the_same_edits_to_the_model(
            edits in prop::collection::vec((any::<prop::sample::Index>(), edit()), 1..6),
            prune in any::<bool>(),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("r.db"), OpenMode::CreateIfMissing, "t").unwrap();
            let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
            roadboard::example::build(&mut store, today).unwrap();
            let before = store.load().unwrap();
            let mut text = export_markdown(&before, &[]);
            let mut model = before.clone();
            let mut touched = std::collections::HashSet::new();
            let mut next_key = before.features.iter().map(|f| f.key.0).max().unwrap();
            for (pick, edit) in &edits {
                // Each edit on a card no other edit touched, so the script's
                // order does not matter to what it means.
                let free: Vec<usize> = (0..model.features.len())
                    .filter(|&i| !touched.contains(&model.features[i].key) && model.features[i].phase.is_some())
                    .collect();
                if free.is_empty() { break; }
                let index = free[pick.index(free.len())];
                let key = model.features[index].key;
                match edit {
                    Edit::Rename(title) => {
                        let (start, _) = card_span(&text, key);
                        let line_end = start + text[start..].find('\n').unwrap();
                        text.replace_range(start..line_end, &format!("#### Feature {key}: {}", markdown_text(title, "")));
                        model.features[index].title = title.clone();
                    }
                    Edit::AddKeyless { phase, title } => {
                        let phase = model.phases[phase % model.phases.len()].clone();
                        let at = card_slot(&text, &phase.name);
                        text.insert_str(at, &format!("#### Feature: {}\n- **Owner:** ada\n\n", markdown_text(title, "")));
                        next_key += 1;
                        let mut f = Feature::new(FeatureKey(next_key), title.clone(), FeatureStatus::Planned);
                        f.owner = "ada".into();
                        f.phase = Some(phase.id);
                        model.features.push(f);
                        touched.insert(FeatureKey(next_key));
                        continue;
                    }
                    Edit::Move { phase } => {
                        let phase = model.phases[phase % model.phases.len()].clone();
                        let (start, end) = card_span(&text, key);
                        let card = text[start..end].to_owned();
                        text.replace_range(start..end, "");
                        let at = card_slot(&text, &phase.name);
                        text.insert_str(at, &card);
                        model.features[index].phase = Some(phase.id);
                    }
                    Edit::Drop => {
                        let f = &model.features[index];
                        let depended = model.dependencies.iter().any(|d| d.depends_on == f.id);
                        if f.status != FeatureStatus::Planned || depended || model.info.up_next == Some(f.id) {
                            continue;
                        }
                        let (start, end) = card_span(&text, key);
                        let card = text[start..end].replace("- **Status:** Not Started", "- **Status:** Dropped");
                        text.replace_range(start..end, &card);
                        model.features[index].status = FeatureStatus::Dropped;
                    }
                    Edit::Empty(label) => {
                        let (start, end) = card_span(&text, key);
                        let lines: Vec<&str> = text[start..end].lines().collect();
                        let prefix = format!("- **{label}:**");
                        let mut kept: Vec<String> = Vec::new();
                        let mut skipping = false;
                        for line in lines {
                            if line.starts_with("- **") || line.starts_with("####") {
                                skipping = line.starts_with(&prefix);
                                if skipping { kept.push(prefix.clone()); continue; }
                            }
                            if !skipping { kept.push(line.to_owned()); }
                        }
                        if !kept.contains(&prefix) { kept.insert(1, prefix.clone()); }
                        text.replace_range(start..end, &format!("{}\n\n", kept.join("\n")));
                        field_of(&mut model.features[index], label).clear();
                    }
                    Edit::Delete => {
                        let f = &model.features[index];
                        if model.dependencies.iter().any(|d| d.depends_on == f.id || d.feature == f.id)
                            || model.info.up_next == Some(f.id)
                            || f.status.holds_slot()
                        {
                            continue;
                        }
                        let (start, end) = card_span(&text, key);
                        text.replace_range(start..end, "");
                        if prune {
                            model.features.remove(index);
                            touched.insert(key);
                            continue;
                        }
                    }
                }
                touched.insert(key);
            }
            let imported = roadboard::interchange::read_text(&text, false, "ROADMAP.md", today)
                .map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
            store
                .update_from(&imported.roadmap, imported.matching(), prune, "ROADMAP.md")
                .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            let after = store.load().unwrap();
            let highest = before.features.iter().map(|f| f.key.0).max().unwrap();
            prop_assert_eq!(shape(&after, highest), shape(&model, highest), "{}", text);
        }
    }
}

// A dry run prints the update's own report, from the same merge and
// checks: a document whose title is written twice (a template) neither
// passes the dry run and fails the import, nor makes a feature depend on
// itself.
#[test]
fn a_dry_run_says_what_the_update_would_do_and_checks_what_it_checks() {
    let plan = Plan::example();
    plan.ok(&["export", "-o", "ROADMAP.md"]);
    let text = fs::read_to_string(plan.file("ROADMAP.md")).unwrap();
    let edited = text.replacen("#### Feature F1: ", "#### Feature F1: Renamed ", 1);
    fs::write(plan.file("ROADMAP.md"), edited).unwrap();
    let before = plan.roadmap();
    let dry = plan.ok(&["import", "--dry-run", "ROADMAP.md"]);
    assert_eq!(plan.roadmap(), before, "nothing written");
    let real = plan.ok(&["import", "ROADMAP.md"]);
    let report = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| {
                l.starts_with("changed ") || l.starts_with("added ") || l.starts_with("kept")
            })
            .map(str::to_owned)
            .collect()
    };
    assert!(dry.contains("changed F1 \"Renamed"), "{dry}");
    assert_eq!(report(&dry), report(&real));

    let twice = "# Plan\n\n## Phase 1\n\n#### Feature 1: Login\n- **Status:** Planned\n\n#### Feature 2: Login\n- **Depends on:** Feature 1\n";
    fs::write(plan.file("twice.md"), twice).unwrap();
    plan.ok(&["import", "twice.md", "--replace"]);
    let (ok, _, stderr) = plan.run(&["import", "--dry-run", "twice.md"]);
    assert!(ok, "{stderr}");
    let (ok, _, stderr) = plan.run(&["import", "twice.md"]);
    assert!(ok, "the update the dry run passed: {stderr}");
    let r = plan.roadmap();
    assert!(
        r.dependencies.iter().all(|d| d.feature != d.depends_on),
        "a feature never depends on itself: {:?}",
        r.dependencies
    );
}

// `roadboard undo` takes back an import from the command line, across
// processes: the newest change that stands, then the one before; a change
// a later one depends on is refused by name.
#[test]
fn undo_from_the_command_line_takes_back_the_newest_change_that_stands() {
    let plan = Plan::example();
    let first = plan.roadmap();
    plan.ok(&["add", "Reports", "--phase", "2"]);
    let before = plan.roadmap();
    plan.round(
        |text| text.replacen("#### Feature F1: ", "#### Feature F1: Renamed ", 1),
        &[],
    );
    let said = plan.ok(&["undo"]);
    assert!(
        said.starts_with("undid \"updated from ROADMAP.md"),
        "{said}"
    );
    assert_eq!(plan.roadmap(), before);
    let said = plan.ok(&["undo"]);
    assert!(said.contains("Reports"), "the one before: {said}");
    assert_eq!(plan.roadmap().features, first.features);
    let log = plan.ok(&["log"]);
    assert!(log.starts_with('#'), "numbered: {log}");

    // A feature added, then a note about it: undoing the addition alone is
    // refused, naming what depends on it.
    plan.ok(&["add", "Exports", "--phase", "2"]);
    let added = plan.last_entry();
    plan.ok(&["block", "F16", "--on", "the bank"]);
    let (ok, _, stderr) = plan.run(&["undo", &format!("#{added}")]);
    assert!(!ok);
    assert!(stderr.contains("cannot undo \"added F16"), "{stderr}");
}

#[test]
fn replace_keeps_a_copy_of_the_roadmap_before_it() {
    let plan = Plan::example();
    let before = plan.roadmap();
    fs::write(
        plan.file("other.md"),
        "# Other\n\n## Phase 1\n\n- [ ] One thing\n",
    )
    .unwrap();
    let said = plan.ok(&["import", "other.md", "--replace"]);
    let kept = said
        .lines()
        .find_map(|l| l.strip_prefix("the roadmap before it is kept in "))
        .unwrap_or_else(|| panic!("{said}"));
    let copy = Store::open(std::path::Path::new(kept), OpenMode::Existing, "t")
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(copy, before);
}

// Trust, round two, 19: the change log keeps UTC, so entries written from
// two time zones keep their order; each is shown in local time.
#[test]
fn change_log_times_are_kept_in_utc_and_shown_local() {
    let plan = Plan::example();
    // POSIX zone strings: they need no tzdata, so the zone always applies.
    let run = |tz: &str, args: &[&str]| {
        let output = Command::cargo_bin("roadboard")
            .unwrap()
            .args(args)
            .env("ROADBOARD_DB", plan.db())
            .env("ROADBOARD_CONFIG", plan.file("config.toml"))
            .env("ROADBOARD_STATE", plan.file("local.toml"))
            .env("TZ", tz)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    run("JST-9", &["note", "from Tokyo"]);
    run("PST8PDT", &["note", "from Los Angeles"]);
    let conn = rusqlite::Connection::open(plan.db()).unwrap();
    let at = |what: &str| -> String {
        conn.query_row("SELECT at FROM change_log WHERE what = ?1", [what], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert!(at("from Tokyo") <= at("from Los Angeles"));
    let now = chrono::Utc::now().naive_utc();
    let stored =
        chrono::NaiveDateTime::parse_from_str(&at("from Tokyo"), "%Y-%m-%d %H:%M:%S").unwrap();
    assert!(
        (now - stored).num_minutes().abs() < 5,
        "UTC: {stored} vs {now}"
    );
    // Shown in the reader's zone: nine hours ahead in Tokyo.
    let shown = (stored + chrono::Duration::hours(9))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let log = run("JST-9", &["log"]);
    let line = log.lines().find(|l| l.contains("from Tokyo")).unwrap();
    assert!(line.contains(&shown), "{shown} in {line}");
}
