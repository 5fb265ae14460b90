//! Two machines, one roadmap: two files (each with its own machine state)
//! and a bare repository in a temporary folder, through the real binary
//! and the machine's own `git`. Edits travel both ways, a field changed on
//! both is a named conflict that changes nothing until settled, keys made
//! offline on both are kept apart, the ONE rule holds across machines, and
//! a remote that fails loses nothing. The property test drives the library
//! itself: any edits on two machines, synced, leave both files with the
//! same roadmap and every edit present or named in a conflict.

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;

use crate::common::plan::Plan;
use roadboard::domain::sync::merge::{Resolutions, Take};
use roadboard::local::SyncPlace;
use roadboard::store::{OpenMode, Store};
use roadboard::sync::{Run, SyncError, sync};

/// A bare repository to sync through.
struct Remote {
    dir: tempfile::TempDir,
}

impl Remote {
    fn new() -> Remote {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "--quiet", "--bare", "remote.git"]);
        Remote { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("remote.git")
    }

    fn url(&self) -> String {
        self.path().to_str().unwrap().to_owned()
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Ada", "-c", "user.email=ada@example.com"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A machine whose file is connected to `remote`.
fn machine(plan: Plan, remote: &Remote, name: &str) -> Plan {
    plan.ok(&["sync", "setup", &remote.url(), "--machine", name]);
    plan
}

/// The roadmap of a file in the form two machines exchange.
fn exchanged(plan: &Plan) -> roadboard::domain::sync::doc::SyncDoc {
    Store::open(&plan.db, OpenMode::Existing, "t")
        .unwrap()
        .sync_doc()
        .unwrap()
}

fn titles(plan: &Plan) -> Vec<(String, String)> {
    let roadmap = plan.roadmap();
    let mut titles: Vec<(String, String)> = (roadmap.features.iter())
        .map(|f| (f.key.to_string(), f.title.clone()))
        .collect();
    titles.sort();
    titles
}

#[test]
fn a_second_machine_brings_the_roadmap_down_and_edits_travel_both_ways() {
    let remote = Remote::new();
    let laptop = Plan::new();
    let said = laptop.ok(&["sync", "setup", &remote.url(), "--machine", "laptop"]);
    assert!(said.contains("pushed to"), "{said}");
    let desktop = machine(Plan::empty(), &remote, "desktop");
    assert_eq!(titles(&desktop), vec![("F1".into(), "Billing".into())]);
    assert_eq!(desktop.roadmap().info.name, "Acme");

    desktop.ok(&["edit", "F1", "--why", "Churn is 8%"]);
    laptop.ok(&["add", "Exports", "--phase", "MVP"]);
    laptop.ok(&["edit", "F1", "--metric", "30 paying teams"]);
    desktop.ok(&["sync"]);
    let said = laptop.ok(&["sync"]);
    assert!(said.contains("1 change from"), "{said}");
    desktop.ok(&["sync"]);
    laptop.ok(&["sync"]);
    for plan in [&laptop, &desktop] {
        let billing = plan.ok(&["show", "F1"]);
        assert!(billing.contains("Churn is 8%"), "{billing}");
        assert!(billing.contains("30 paying teams"), "{billing}");
        assert_eq!(titles(plan).len(), 2);
    }
    assert_eq!(exchanged(&laptop), exchanged(&desktop));
    // The change log says which machine made each change.
    let log = laptop.ok(&["log"]);
    assert!(log.contains("ada@desktop"), "{log}");
    assert!(log.contains("edited F1 \"Billing\": why"), "{log}");
    let status = laptop.ok(&["sync", "status"]);
    assert!(status.contains("nothing waits to be pushed"), "{status}");
    laptop.ok(&["add", "Onboarding", "--phase", "MVP"]);
    let status = laptop.ok(&["sync", "status"]);
    assert!(status.contains("1 change here waits"), "{status}");
}

#[test]
fn the_same_field_changed_on_both_is_a_conflict_that_changes_nothing_until_settled() {
    let remote = Remote::new();
    let laptop = machine(Plan::new(), &remote, "laptop");
    let desktop = machine(Plan::empty(), &remote, "desktop");
    laptop.ok(&["edit", "F1", "--title", "Billing v2"]);
    desktop.ok(&["edit", "F1", "--title", "Invoices"]);
    laptop.ok(&["sync"]);
    let before = exchanged(&desktop);
    let (code, stderr) = desktop.fails(&["sync"]);
    assert_eq!(code, 5, "{stderr}");
    assert!(
        stderr.contains(
            "F1.title: title of F1 \"Invoices\" is \"Invoices\" here, \"Billing v2\" there"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("--take NAME=ours|theirs"), "{stderr}");
    assert_eq!(exchanged(&desktop), before, "nothing changed here");
    let said = desktop.ok(&["sync", "--take", "F1.title=theirs"]);
    assert!(
        said.contains("F1.title: took the other machine's"),
        "{said}"
    );
    laptop.ok(&["sync"]);
    assert_eq!(titles(&desktop), vec![("F1".into(), "Billing v2".into())]);
    assert_eq!(exchanged(&laptop), exchanged(&desktop));
    let (code, stderr) = desktop.fails(&["sync", "--take", "F1.title"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("F12.title=theirs"), "{stderr}");
}

#[test]
fn a_card_deleted_on_one_machine_and_edited_on_the_other_is_a_conflict() {
    let remote = Remote::new();
    let laptop = machine(Plan::new(), &remote, "laptop");
    laptop.ok(&["add", "Exports", "--phase", "MVP"]);
    laptop.ok(&["sync"]);
    let desktop = machine(Plan::empty(), &remote, "desktop");
    desktop.ok(&["edit", "F2", "--why", "Asked by three schools"]);
    laptop.ok(&["undo"]);
    laptop.ok(&["sync"]);
    let (code, stderr) = desktop.fails(&["sync"]);
    assert_eq!(code, 5, "{stderr}");
    assert!(
        stderr.contains("F2: F2 \"Exports\" was changed here (why) and deleted there"),
        "{stderr}"
    );
    desktop.ok(&["sync", "--ours"]);
    laptop.ok(&["sync"]);
    let exports = laptop.ok(&["show", "F2"]);
    assert!(exports.contains("Asked by three schools"), "{exports}");
}

#[test]
fn two_cards_made_offline_with_one_key_both_stay_and_one_is_renumbered() {
    let remote = Remote::new();
    let laptop = machine(Plan::new(), &remote, "laptop");
    let desktop = machine(Plan::empty(), &remote, "desktop");
    laptop.ok(&["add", "Exports", "--phase", "MVP"]);
    desktop.ok(&["add", "Invoices", "--phase", "MVP"]);
    laptop.ok(&["sync"]);
    let said = desktop.ok(&["sync"]);
    assert!(
        said.contains("\"Invoices\" is now F3: F2 is F2 \"Exports\" from the other machine"),
        "{said}"
    );
    laptop.ok(&["sync"]);
    let expected: Vec<(String, String)> = vec![
        ("F1".into(), "Billing".into()),
        ("F2".into(), "Exports".into()),
        ("F3".into(), "Invoices".into()),
    ];
    assert_eq!(titles(&laptop), expected);
    assert_eq!(titles(&desktop), expected);
    let log = laptop.ok(&["log"]);
    assert!(
        log.contains("\"Invoices\" is now F3"),
        "the renumbering is in the log: {log}"
    );
}

#[test]
fn two_machines_starting_two_features_leave_one_active_and_say_so() {
    let remote = Remote::new();
    let laptop = Plan::new();
    laptop.ok(&["add", "Exports", "--phase", "MVP"]);
    let laptop = machine(laptop, &remote, "laptop");
    let desktop = machine(Plan::empty(), &remote, "desktop");
    laptop.ok(&["start", "F1"]);
    desktop.ok(&["start", "F2"]);
    laptop.ok(&["sync"]);
    let said = desktop.ok(&["sync"]);
    assert!(
        said.contains("F2 \"Exports\" paused: F1 \"Billing\" was started first"),
        "{said}"
    );
    laptop.ok(&["sync"]);
    for plan in [&laptop, &desktop] {
        let roadmap = plan.roadmap();
        let active: Vec<String> = (roadmap.features.iter())
            .filter(|f| f.status.holds_slot())
            .map(|f| f.key.to_string())
            .collect();
        assert_eq!(active, vec!["F1".to_owned()]);
    }
    let log = laptop.ok(&["log"]);
    assert!(
        log.contains("paused: F1 \"Billing\" was started first"),
        "{log}"
    );
}

#[test]
fn a_remote_that_cannot_be_reached_or_refuses_the_push_loses_nothing() {
    let remote = Remote::new();
    let missing = remote.dir.path().join("nowhere.git");
    let alone = Plan::new();
    let (code, stderr) = alone.fails(&["sync", "setup", missing.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("could not reach"), "{stderr}");
    assert!(stderr.contains("run `roadboard sync` again"), "{stderr}");
    assert_eq!(titles(&alone), vec![("F1".into(), "Billing".into())]);

    let laptop = machine(Plan::new(), &remote, "laptop");
    let desktop = machine(Plan::empty(), &remote, "desktop");
    laptop.ok(&["edit", "F1", "--why", "Churn"]);
    laptop.ok(&["sync"]);
    desktop.ok(&["add", "Exports", "--phase", "MVP"]);
    let hook = remote.path().join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'closed for maintenance' >&2\nexit 1\n",
    )
    .unwrap();
    make_executable(&hook);
    let (code, stderr) = desktop.fails(&["sync"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("nothing is lost"), "{stderr}");
    let billing = desktop.ok(&["show", "F1"]);
    assert!(
        billing.contains("Churn"),
        "the merge is kept here: {billing}"
    );
    std::fs::remove_file(&hook).unwrap();
    let said = desktop.ok(&["sync"]);
    assert!(said.contains("pushed"), "{said}");
    laptop.ok(&["sync"]);
    assert_eq!(titles(&laptop).len(), 2);
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_repository_of_other_files_keeps_them_and_only_the_roadmaps_branch_moves() {
    let code = tempfile::tempdir().unwrap();
    git(code.path(), &["init", "--quiet"]);
    std::fs::write(code.path().join("main.rs"), "fn main() {}\n").unwrap();
    git(code.path(), &["add", "main.rs"]);
    git(code.path(), &["commit", "--quiet", "-m", "The code"]);
    let remote = Remote::new();
    git(
        remote.path().as_path(),
        &[
            "fetch",
            "--quiet",
            code.path().to_str().unwrap(),
            "main:main",
        ],
    );
    let main_before = git(&remote.path(), &["rev-parse", "main"]);
    let laptop = machine(Plan::new(), &remote, "laptop");
    laptop.ok(&["add", "Exports", "--phase", "MVP"]);
    laptop.ok(&["sync"]);
    assert_eq!(git(&remote.path(), &["rev-parse", "main"]), main_before);
    let files = git(&remote.path(), &["ls-tree", "--name-only", "roadboard"]);
    assert_eq!(files, "roadmap.json\nroadmap.md\n");
    let readable = git(&remote.path(), &["show", "roadboard:roadmap.md"]);
    assert!(readable.contains("Exports"), "{readable}");
}

/// A sync as the command line runs it, on the tests' day.
fn run(resolutions: &Resolutions) -> Run<'_> {
    Run {
        resolutions,
        today: crate::common::today(),
        unattended: false,
    }
}

/// One edit a machine makes between syncs.
#[derive(Debug, Clone)]
enum Edit {
    Add(String),
    Retitle(usize, String),
    Why(usize, String),
    Start(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let word = "[A-Z][a-z]{2,6}";
    prop_oneof![
        word.prop_map(Edit::Add),
        (0..4usize, word).prop_map(|(i, t)| Edit::Retitle(i, t)),
        (0..4usize, word).prop_map(|(i, t)| Edit::Why(i, t)),
        (0..4usize).prop_map(Edit::Start),
    ]
}

/// Makes `edits` on the store; what each card ended with, by its id in
/// the exchanged form and field.
fn make(store: &mut Store, edits: &[Edit]) -> Vec<(String, &'static str, String)> {
    use roadboard::domain::*;
    let mut made = Vec::new();
    let phase = store.phases().unwrap()[0].id;
    for edit in edits {
        // Edits touch the cards both machines share (F1–F3): a card new on
        // one machine may be renumbered by the sync.
        let roadmap = store.load().unwrap();
        let shared: Vec<&Feature> = (roadmap.features.iter()).filter(|f| f.key.0 <= 3).collect();
        let card = |i: usize| shared.get(i % shared.len()).map(|f| (*f).clone());
        match edit {
            Edit::Add(title) => {
                let mut new = crate::common::planned(title, phase);
                new.created = Some(crate::common::today());
                store.add_feature(&new).unwrap();
            }
            Edit::Retitle(i, title) | Edit::Why(i, title) => {
                let Some(card) = card(*i) else { continue };
                let mut fields = FeatureFields::of(&card);
                let field = if matches!(edit, Edit::Retitle(..)) {
                    fields.title = title.clone();
                    "title"
                } else {
                    fields.why = title.clone();
                    "why"
                };
                store.edit_feature(card.key, &fields).unwrap();
                made.push((card.key.to_string(), field, title.clone()));
            }
            Edit::Start(i) => {
                let Some(card) = card(*i) else { continue };
                // The ONE rule may refuse it: that is an edit not made.
                let _ = store.transition(
                    card.key,
                    Transition::Start,
                    &TransitionArgs::default(),
                    crate::common::today(),
                );
            }
        }
    }
    made
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: crate::common::fuzz_cases(12),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_edits_on_two_machines_end_the_same_on_both_with_nothing_lost(
        here in proptest::collection::vec(edit(), 0..6),
        there in proptest::collection::vec(edit(), 0..6),
        laptop_first in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let remote = Remote::new();
        let place = |name: &str| SyncPlace {
            remote: remote.url(),
            branch: "roadboard".into(),
            repo: dir.path().join(format!("{name}.git")),
        };
        let (one, two) = (place("one"), place("two"));
        let mut laptop = crate::common::seeded(&dir.path().join("laptop.db"), 3);
        sync(&mut laptop, &one, run(&Resolutions::default())).unwrap();
        let mut desktop = Store::open(&dir.path().join("desktop.db"), OpenMode::CreateIfMissing, "t").unwrap();
        sync(&mut desktop, &two, run(&Resolutions::default())).unwrap();
        let cards_before = laptop.load().unwrap().features.len();

        let made_here = make(&mut laptop, &here);
        let made_there = make(&mut desktop, &there);
        let (first, second) = if laptop_first {
            ((&mut laptop, &one), (&mut desktop, &two))
        } else {
            ((&mut desktop, &two), (&mut laptop, &one))
        };
        sync(first.0, first.1, run(&Resolutions::default())).unwrap();
        let conflicts = match sync(second.0, second.1, run(&Resolutions::default())) {
            Ok(_) => Vec::new(),
            Err(SyncError::Conflicts(conflicts)) => {
                let theirs = Resolutions { all: Some(Take::Theirs), ..Resolutions::default() };
                sync(second.0, second.1, run(&theirs)).unwrap();
                conflicts
            }
            Err(other) => panic!("{other}"),
        };
        sync(first.0, first.1, run(&Resolutions::default())).unwrap();
        sync(second.0, second.1, run(&Resolutions::default())).unwrap();

        prop_assert_eq!(laptop.sync_doc().unwrap(), desktop.sync_doc().unwrap());
        let roadmap = laptop.load().unwrap();
        let added = here.iter().chain(&there).filter(|e| matches!(e, Edit::Add(_))).count();
        prop_assert_eq!(roadmap.features.len(), cards_before + added, "no card lost");
        prop_assert!(roadmap.features.iter().filter(|f| f.status.holds_slot()).count() <= 1);
        let named: Vec<String> = conflicts.iter().map(|c| c.name.clone()).collect();
        let last = |made: &[(String, &'static str, String)], key: &str, field: &str| {
            made.iter().rev().find(|m| m.0 == key && m.1 == field).map(|m| m.2.clone())
        };
        let touched: std::collections::BTreeSet<(String, &'static str)> =
            made_here.iter().chain(&made_there).map(|m| (m.0.clone(), m.1)).collect();
        for (key, field) in touched {
            let card = roadmap.features.iter().find(|f| f.key.to_string() == key).unwrap();
            let now = if field == "title" { card.title.clone() } else { card.why.clone() };
            match (last(&made_here, &key, field), last(&made_there, &key, field)) {
                (Some(a), Some(b)) if a != b => {
                    let name = format!("{key}.{field}");
                    prop_assert!(named.contains(&name), "{} was not named: {:?}", name, named);
                    prop_assert!(now == a || now == b);
                }
                (Some(value), _) | (_, Some(value)) => prop_assert_eq!(now, value),
                (None, None) => unreachable!("touched by one side at least"),
            }
        }
    }
}
