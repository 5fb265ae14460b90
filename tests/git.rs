//! Commits on the cards, on temporary repositories with the real binary
//! and the machine's own `git`: keys in messages link, a `Ships:` trailer
//! ships through the method (or is refused, and said), a scan reads only
//! what is new, `start --branch` names the branch after the feature, and
//! the hooks sit beside the founder's own lines and leave alone.

use std::path::Path;
use std::process::Command;

use crate::common::plan::Plan;

/// Runs git in `dir` as a fixed person, whatever this machine's config.
fn git(dir: &Path, args: &[&str]) -> String {
    git_at(dir, args, "2026-11-24T12:00:00Z")
}

/// `git`, with commits made on `when` (in the week of the plan's today,
/// 2026-11-23, unless said otherwise).
fn git_at(dir: &Path, args: &[&str], when: &str) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Ada", "-c", "user.email=ada@example.com"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A commit of a change to `work.txt` with `message`.
fn commit(dir: &Path, message: &str) {
    commit_at(dir, message, "2026-11-24T12:00:00Z");
}

fn commit_at(dir: &Path, message: &str, when: &str) {
    let file = dir.join("work.txt");
    let before = std::fs::read_to_string(&file).unwrap_or_default();
    std::fs::write(&file, format!("{before}x\n")).unwrap();
    git(dir, &["add", "work.txt"]);
    git_at(dir, &["commit", "-q", "-m", message], when);
}

/// A roadmap (F1 Billing, F2 Search, in MVP) beside a new repository that
/// the config names.
fn plan_in_a_repository(extra_config: &str) -> Plan {
    let plan = Plan::new();
    plan.ok(&["add", "Search", "--phase", "MVP"]);
    git(plan.dir(), &["init", "-q"]);
    // Hooks where this repository keeps them, whatever a global
    // `core.hooksPath` on this machine says.
    git(plan.dir(), &["config", "core.hooksPath", ".git/hooks"]);
    std::fs::write(
        plan.dir().join("config.toml"),
        format!("[git]\nrepo = {:?}\n{extra_config}", plan.dir()),
    )
    .unwrap();
    plan
}

#[test]
fn commits_link_to_the_cards_they_name_and_a_ships_trailer_ships() {
    let plan = plan_in_a_repository("");
    let dir = plan.dir().to_owned();
    commit(&dir, "First commit, before any key");
    assert_eq!(
        plan.ok(&["start", "F1", "--branch"]),
        "start F1 \"Billing\": planned → in progress\nswitched to a new branch f1-billing\n"
    );
    assert_eq!(
        git(&dir, &["branch", "--show-current"]).trim(),
        "f1-billing"
    );
    commit(&dir, "Billing form for F1 (also touches F2, not AF1)");
    commit(&dir, "Billing done\n\nShips: F1\nRefs: F2");
    commit(&dir, "Search sketch\n\nShips: F2");
    commit(&dir, "Names F99, which is no card");
    let scanned = plan.ok(&["git", "scan"]);
    assert!(scanned.starts_with("5 commits read in "), "{scanned}");
    assert!(scanned.contains("5 new links to the cards"), "{scanned}");
    assert!(
        scanned.contains("ship F1 \"Billing\": in progress → shipped"),
        "{scanned}"
    );
    // F2 was never started: the method refuses, and the scan says so.
    assert!(scanned.contains("F2 not shipped by "), "{scanned}");
    assert!(!scanned.contains("F99"), "{scanned}");
    assert!(plan.ok(&["show", "F2"]).contains("planned"));
    // The change log says which commit shipped it.
    let log = plan.ok(&["log", "--feature", "F1"]);
    assert!(log.contains("why: Ships: in commit"), "{log}");
    assert!(log.contains("\"Billing done\""), "{log}");
    // The card lists its commits, newest first; JSON for scripts.
    let show = plan.ok(&["show", "F1"]);
    assert!(show.contains("commits"), "{show}");
    assert!(show.contains("Billing done  (Ships)"), "{show}");
    let json: serde_json::Value =
        serde_json::from_str(&plan.ok(&["git", "commits", "F1", "--json"])).unwrap();
    let subjects: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects.len(), 2, "{subjects:?}");
    assert!(subjects.contains(&"Billing done"));
    // A second scan reads only what is new.
    assert!(plan.ok(&["git", "scan"]).starts_with("0 commits read"));
    commit(&dir, "More search for F2");
    let again = plan.ok(&["git", "scan"]);
    assert!(again.starts_with("1 commit read"), "{again}");
    assert_eq!(plan.ok(&["git", "scan", "--quiet"]), "");
}

#[test]
fn the_founders_key_pattern_is_read() {
    let plan = plan_in_a_repository("keys = \"#{n}\"\n");
    plan.ok(&["start", "F1"]);
    commit_at(
        plan.dir(),
        "Billing sketch (#1), the week before",
        "2026-11-20T12:00:00Z",
    );
    commit(plan.dir(), "Billing (#1), not F2");
    let scanned = plan.ok(&["git", "scan"]);
    assert!(scanned.contains("2 new links"), "{scanned}");
    // The status line counts the ONE's commits this week, not the week before.
    let status = plan.ok(&["status"]);
    assert!(status.contains("1 commit this week"), "{status}");
    assert!(
        plan.ok(&["git", "commits", "F2"])
            .starts_with("no commit names F2")
    );
    std::fs::write(plan.dir().join("config.toml"), "[git]\nkeys = \"{n}\"\n").unwrap();
    // A pattern that would make every number a key is named, with its line.
    let status = plan.cmd(&["git", "scan"]).output().unwrap();
    let warned = String::from_utf8_lossy(&status.stderr);
    assert!(warned.contains("line 2: git.keys"), "{warned}");
}

#[test]
fn hooks_scan_after_a_commit_beside_the_founders_own_lines() {
    let plan = plan_in_a_repository("");
    let dir = plan.dir().to_owned();
    let hooks = dir.join(".git/hooks");
    let own = "#!/bin/sh\necho own lint\n";
    std::fs::write(hooks.join("post-commit"), own).unwrap();
    std::fs::write(
        hooks.join("post-merge"),
        "#!/usr/bin/env python3\nprint('mine')\n",
    )
    .unwrap();
    let installed = plan.ok(&["git", "hook", "install"]);
    assert!(installed.contains("post-commit: added to"), "{installed}");
    assert!(
        installed.contains("post-merge: left alone: it runs python3"),
        "{installed}"
    );
    let hook = std::fs::read_to_string(hooks.join("post-commit")).unwrap();
    assert!(hook.starts_with(own), "{hook}");
    assert!(hook.contains("git scan --quiet"), "{hook}");
    // Installing again renews the lines, never doubles them.
    plan.ok(&["git", "hook", "install"]);
    let hook = std::fs::read_to_string(hooks.join("post-commit")).unwrap();
    assert_eq!(hook.matches("git scan --quiet").count(), 1, "{hook}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |name: &str| {
            std::fs::metadata(hooks.join(name))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        };
        std::fs::set_permissions(
            hooks.join("post-commit"),
            std::fs::Permissions::from_mode(0o755),
        )
        .unwrap();
        commit(&dir, "Billing via hook, F1");
        // The hook ran the scan: the link is there without a scan by hand.
        let commits = plan.ok(&["git", "commits", "F1"]);
        assert!(commits.contains("Billing via hook, F1"), "{commits}");
        assert_eq!(mode("post-commit"), 0o755);
    }
    let removed = plan.ok(&["git", "hook", "uninstall"]);
    assert!(
        removed.contains("roadboard's lines removed, its own kept"),
        "{removed}"
    );
    assert_eq!(
        std::fs::read_to_string(hooks.join("post-commit")).unwrap(),
        own
    );
    assert_eq!(
        std::fs::read_to_string(hooks.join("post-merge")).unwrap(),
        "#!/usr/bin/env python3\nprint('mine')\n"
    );
    assert_eq!(
        plan.ok(&["git", "hook", "uninstall"]),
        "no hook held roadboard's lines\n"
    );
}

#[test]
fn outside_a_repository_the_scan_says_where_to_point_it() {
    let plan = Plan::new();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(
        plan.dir().join("config.toml"),
        format!("[git]\nrepo = {:?}\n", elsewhere.path()),
    )
    .unwrap();
    let (code, stderr) = plan.fails(&["git", "scan"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("is not in a git repository"), "{stderr}");
    assert!(stderr.contains("[git] repo"), "{stderr}");
}
