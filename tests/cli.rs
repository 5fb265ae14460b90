//! The real binary, one subcommand at a time, on temporary files.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

struct Board {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Board {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("roadmap.db");
        Self { _dir: dir, db }
    }

    /// An initialized roadmap with phases "MVP" and "Pilot".
    fn seeded() -> Self {
        let board = Self::new();
        board.ok(&["init", "--name", "Acme"]);
        board.ok(&[
            "phase",
            "add",
            "MVP",
            "--start",
            "2026-11-02",
            "--end",
            "2026-12-18",
        ]);
        board.ok(&["phase", "add", "Pilot", "--goal", "first paying customer"]);
        board
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("roadboard").unwrap();
        cmd.args(args)
            .env("ROADBOARD_DB", &self.db)
            .env("ROADBOARD_TODAY", "2026-11-23")
            .env("ROADBOARD_AUTHOR", "ada")
            .env("ROADBOARD_CONFIG", self.db.with_file_name("config.toml"))
            .env("ROADBOARD_STATE", self.db.with_file_name("local.toml"));
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self
            .cmd(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(output).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn path(&self) -> &Path {
        &self.db
    }
}

#[test]
fn init_then_add_list_and_show_as_text_and_json() {
    let board = Board::seeded();
    assert_eq!(
        board.ok(&[
            "add",
            "Billing",
            "--phase",
            "mvp",
            "--why",
            "pilot pays",
            "--metric",
            "first invoice",
            "--target",
            "fri",
            "--priority",
            "P1"
        ]),
        "added F1 \"Billing\" to phase \"MVP\"\n"
    );
    board.ok(&[
        "add",
        "Reports",
        "--phase",
        "2",
        "--depends-on",
        "F1",
        "--moscow",
        "should",
    ]);
    let list = board.json(&["list", "--json"]);
    let features = list.as_array().unwrap();
    assert_eq!(features.len(), 2);
    assert_eq!(features[0]["key"], "F1");
    assert_eq!(features[0]["target"], "2026-11-27");
    assert_eq!(features[0]["priority"], "P1");
    assert_eq!(features[0]["phase_name"], "MVP");
    assert_eq!(features[1]["depends_on"], serde_json::json!(["F1"]));
    assert_eq!(features[1]["unmet_dependencies"], serde_json::json!(["F1"]));
    assert_eq!(features[1]["moscow"], "should");

    let shown = board.json(&["show", "F1", "--json"]);
    assert_eq!(shown["why"], "pilot pays");
    assert_eq!(shown["metric"], "first invoice");
    let text = board.ok(&["show", "f2"]);
    assert!(text.starts_with("F2 Reports\n"), "{text}");
    assert!(text.contains("unmet            F1"), "{text}");

    let text = board.ok(&["list", "--phase", "MVP"]);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert_eq!(board.ok(&["list", "--status", "shipped"]), "no features\n");
}

#[test]
fn the_one_rule_refuses_a_second_start_with_status_3() {
    let board = Board::seeded();
    board.ok(&["add", "Billing", "--phase", "1"]);
    board.ok(&["add", "Reports", "--phase", "1"]);
    assert_eq!(
        board.ok(&["start", "F1"]),
        "start F1 \"Billing\": planned → in progress\n"
    );
    board
        .cmd(&["start", "F2"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(
            "roadboard: cannot start F2 \"Reports\": F1 \"Billing\" is in progress since 2026-11-23 — ship it or pause it first\n  \
             hint: try `roadboard ship F1` or `roadboard pause F1 --why TEXT`\n",
        );
    assert_eq!(board.ok(&["status"]), "F1 Billing (in progress, 0 days)\n");
    let status = board.json(&["status", "--json"]);
    assert_eq!(status["active"], "F1");
    assert_eq!(status["days_active"], 0);
}

#[test]
fn every_transition_subcommand_walks_the_machine() {
    let board = Board::seeded();
    board.ok(&["add", "Billing", "--phase", "1"]);
    board.ok(&["start", "F1"]);
    board.ok(&["submit", "F1"]);
    board.ok(&["rework", "F1"]);
    board.ok(&["submit", "F1"]);
    board
        .cmd(&["pause", "F1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "hint: pass the reason with --why TEXT",
        ));
    board.ok(&["pause", "F1", "--why", "bank is slow"]);
    board.ok(&["start", "F1"]);
    assert_eq!(
        board.ok(&["ship", "F1"]),
        "ship F1 \"Billing\": in progress → shipped\n"
    );
    assert_eq!(
        board.json(&["show", "F1", "--json"])["shipped"],
        "2026-11-23"
    );
    board.ok(&["reopen", "F1", "--why", "bug found"]);
    board.ok(&["drop", "F1", "--why", "customer left"]);
    board.ok(&["revive", "F1"]);
    assert_eq!(board.json(&["show", "F1", "--json"])["status"], "parked");
    // Refused from where it is: the hint names what can be done instead.
    board
        .cmd(&["ship", "F1"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "hint: try `roadboard promote F1 --phase PHASE` or `roadboard drop F1 --why TEXT`",
        ));
    // Deferred to a date, then to a condition.
    let defer = |when: &str| {
        board.ok(&["promote", "F1", "--phase", "Pilot"]);
        board.ok(&["defer", "F1", "--why", "after launch", "--reconsider", when]);
        board.json(&["show", "F1", "--json"])
    };
    let parked = defer("+4w");
    assert_eq!(parked["status"], "parked");
    assert_eq!(parked["reconsider"], "2026-12-21");
    assert_eq!(parked["why_deferred"], "after launch");
    let parked = defer("when 5 schools pay");
    assert_eq!(parked["reconsider_when"], "when 5 schools pay");
    assert_eq!(parked["reconsider"], serde_json::Value::Null);
    assert!(board.ok(&["show", "F1"]).contains("when 5 schools pay"));
    let log = board.json(&["log", "--feature", "F1", "--json"]);
    assert_eq!(log.as_array().unwrap().len(), 15, "added + 14 transitions");
    assert_eq!(log[0]["who"], "ada");
}

#[test]
fn dependencies_block_start_until_overridden_and_cycles_are_refused() {
    let board = Board::seeded();
    board.ok(&["add", "Auth", "--phase", "1"]);
    board.ok(&["add", "Billing", "--phase", "1"]);
    assert_eq!(
        board.ok(&["depend", "F2", "--on", "F1"]),
        "F2 \"Billing\" now depends on F1\n",
        "the change log's sentence"
    );
    board
        .cmd(&["depend", "F1", "--on", "F2"])
        .assert()
        .code(3)
        .stderr("roadboard: refused: that dependency would close a cycle F1 → F2 → F1\n");
    board.cmd(&["start", "F2"]).assert().code(3).stderr(
        predicate::str::contains("it depends on F1 \"Auth\" (planned)")
            .and(predicate::str::contains("--override REASON")),
    );
    board.ok(&["start", "F2", "--override", "demo on Friday"]);
    let log = board.json(&["log", "--json"]);
    assert_eq!(log[0]["why"], "override: demo on Friday");
    board.ok(&["pause", "F2", "--why", "x"]);
    assert_eq!(
        board.ok(&["depend", "F2", "--on", "F1", "--remove"]),
        "F2 \"Billing\" no longer depends on F1\n"
    );
    board.ok(&["start", "F2"]);
}

#[test]
fn blockers_parking_lot_and_requests() {
    let board = Board::seeded();
    board.ok(&["add", "Billing", "--phase", "1"]);
    assert_eq!(
        board.ok(&["block", "F1", "--on", "bank API keys", "--eta", "+1w"]),
        "F1 \"Billing\" blocked: waiting for bank API keys (ETA 2026-11-30)\n"
    );
    assert_eq!(
        board.json(&["show", "F1", "--json"])["open_blockers"],
        serde_json::json!(["bank API keys"])
    );
    assert_eq!(
        board.ok(&["unblock", "F1"]),
        "F1 \"Billing\" unblocked (1 resolved)\n"
    );
    board
        .cmd(&["unblock", "F1"])
        .assert()
        .code(1)
        .stderr("roadboard: blocker: F1 \"Billing\" has no open blocker\n");
    assert_eq!(
        board.ok(&["park", "Mobile app", "--why", "staff live on phones"]),
        "added F2 \"Mobile app\" to the parking lot\n"
    );
    assert_eq!(
        board.json(&["show", "F2", "--json"])["why_interesting"],
        "staff live on phones"
    );
    assert_eq!(
        board.ok(&[
            "request",
            "PDF export",
            "--by",
            "Pilot chef",
            "--priority",
            "high"
        ]),
        "customer request #1 from Pilot chef (high): PDF export\n"
    );
    board
        .cmd(&["request", "x", "--by", "y", "--priority", "urgent"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown request priority `urgent` (expected one of: low, med, high)",
        ));
}

#[test]
fn phases_and_milestones() {
    let board = Board::seeded();
    board.ok(&[
        "milestone",
        "add",
        "Pilot live",
        "--phase",
        "MVP",
        "--target",
        "2026-12-18",
    ]);
    board.ok(&[
        "phase",
        "edit",
        "Pilot",
        "--status",
        "in_progress",
        "--end",
        "2027-02-01",
    ]);
    board.ok(&["milestone", "done", "M1"]);
    let phases = board.json(&["phase", "list", "--json"]);
    assert_eq!(phases[0]["name"], "MVP");
    assert_eq!(phases[0]["milestones"][0]["done"], "2026-11-23");
    assert_eq!(phases[1]["status"], "in_progress");
    assert_eq!(phases[1]["end"], "2027-02-01");
    let text = board.ok(&["phase", "list"]);
    assert!(
        text.contains("1. MVP  [not started]  2026-11-02 → 2026-12-18  0/0 shipped"),
        "{text}"
    );
    assert!(text.contains("[x] M1 Pilot live  2026-12-18"), "{text}");
    board
        .cmd(&["phase", "edit", "MVP", "--end", "2026-10-01"])
        .assert()
        .code(1)
        .stderr("roadboard: timeline: the end 2026-10-01 is before the start 2026-11-02\n");
}

#[test]
fn bad_input_is_named_and_exits_non_zero_without_a_backtrace() {
    let board = Board::seeded();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["add", "X", "--target", "2026-13-45"],
            1,
            "roadboard: invalid date `2026-13-45`",
        ),
        (
            &["add", "X", "--phase", "Nope"],
            1,
            "roadboard: no phase matching `Nope`",
        ),
        (&["show", "F99"], 1, "roadboard: no feature F99\n"),
        (&["show", "banana"], 2, "`banana` is not a feature key"),
        (
            &["list", "--status", "doing-it"],
            2,
            "unknown feature status `doing-it`",
        ),
        (
            &["add", "  "],
            1,
            "roadboard: title: a feature needs a title\n",
        ),
        (&["init"], 1, "already holds the roadmap \"Acme\""),
    ];
    for (args, code, message) in cases {
        let assert = board
            .cmd(args)
            .assert()
            .code(*code)
            .stderr(predicate::str::contains(*message));
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(
            !stderr.contains("panicked") && !stderr.contains("backtrace"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn commands_other_than_init_need_an_existing_file() {
    let board = Board::new();
    board.cmd(&["list"]).assert().code(1).stderr(
        predicate::str::contains("no roadboard database at")
            .and(predicate::str::contains("roadboard init --db")),
    );
    assert!(!board.path().exists(), "nothing was created");
    board.ok(&["init", "--example"]);
    assert!(board.ok(&["status"]).contains("(in progress, 7 days)"));
}

#[test]
fn status_says_when_nothing_is_active() {
    let board = Board::seeded();
    assert_eq!(
        board.ok(&["status"]),
        "empty roadmap: add a feature with `roadboard add`\n"
    );
    board.ok(&["add", "Billing", "--phase", "1"]);
    assert_eq!(
        board.ok(&["status"]),
        "no active feature: start one with `roadboard start KEY`\n"
    );
}

#[test]
fn every_subcommand_has_help() {
    let board = Board::new();
    for sub in [
        "init",
        "add",
        "phase",
        "milestone",
        "list",
        "show",
        "start",
        "submit",
        "rework",
        "ship",
        "pause",
        "drop",
        "revive",
        "reopen",
        "defer",
        "promote",
        "depend",
        "block",
        "unblock",
        "park",
        "request",
        "export",
        "forecast",
        "status",
        "log",
    ] {
        board
            .cmd(&[sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: roadboard"));
    }
}

#[test]
fn a_foreign_file_is_refused_and_left_untouched() {
    let board = Board::new();
    std::fs::write(board.path(), "not a database\n").unwrap();
    board
        .cmd(&["status"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a roadboard database"));
    assert_eq!(
        std::fs::read_to_string(board.path()).unwrap(),
        "not a database\n"
    );
}

#[test]
fn export_writes_markdown_to_stdout_or_a_file() {
    let board = Board::seeded();
    board.ok(&["add", "Billing", "--phase", "1"]);
    let document = board.ok(&["export", "--format", "md"]);
    assert!(
        document
            .starts_with("<!-- roadboard export: read exactly -->\n\n# Product Roadmap: Acme\n"),
        "{document}"
    );
    assert!(
        document.contains("#### Feature F1: Billing\n"),
        "{document}"
    );
    assert!(document.contains("## Change Log\n"), "{document}");
    let file = board.path().with_file_name("ROADMAP.md");
    assert_eq!(
        board.ok(&["export", "--no-log", "-o", file.to_str().unwrap()]),
        ""
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(!written.contains("## Change Log"), "{written}");
    assert!(
        written.contains("**Timeline:** 2026-11-02 → 2026-12-18"),
        "{written}"
    );
}

#[test]
fn forecast_as_text_and_json() {
    let board = Board::seeded();
    board.ok(&["phase", "edit", "MVP", "--end", "2026-12-01"]);
    board.ok(&["add", "Billing", "--phase", "1"]);
    board.ok(&["add", "Reports", "--phase", "1", "--target", "2026-11-30"]);
    let forecast = board.json(&["forecast", "--json", "--default-velocity", "5"]);
    assert_eq!(forecast["velocity_days"], 5);
    assert_eq!(forecast["features"][0]["ship"], "2026-11-28");
    assert_eq!(forecast["features"][1]["start"], "2026-11-28");
    assert_eq!(forecast["phases"][0]["slip_days"], 2);
    let text = board.ok(&["forecast", "--default-velocity", "5"]);
    assert!(
        text.starts_with(
            "velocity: 5 days from start to ship (default: fewer than 3 shipped features with a real start)\n"
        ),
        "{text}"
    );
    assert!(text.contains("F2    Reports"), "{text}");
    assert!(text.contains("(3 days after target 2026-11-30)"), "{text}");
    assert!(
        text.contains("phase \"MVP\": forecast: ends 2026-12-03 (+2 days vs plan)"),
        "{text}"
    );
}

#[test]
fn the_mirror_is_rewritten_after_every_change() {
    let board = Board::seeded();
    let mirror = board.path().with_file_name("ROADMAP.md");
    board.ok(&["mirror", "set", mirror.to_str().unwrap()]);
    board.ok(&["add", "Billing", "--phase", "1"]);
    let text = std::fs::read_to_string(&mirror).unwrap();
    assert!(text.contains("#### Feature F1: Billing"), "{text}");
    board.ok(&["start", "F1"]);
    assert!(
        std::fs::read_to_string(&mirror)
            .unwrap()
            .contains("**This Week's ONE Feature:**")
    );
    board.ok(&["list"]);
    let leftovers: Vec<_> = std::fs::read_dir(mirror.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files stay behind");
}

#[test]
fn export_watch_follows_changes_made_elsewhere() {
    let board = Board::seeded();
    let mirror = board.path().with_file_name("watched.md");
    let mut watcher = std::process::Command::new(env!("CARGO_BIN_EXE_roadboard"))
        .args(["export", "--format", "md", "--no-log", "--watch", "-o"])
        .arg(&mirror)
        .env("ROADBOARD_DB", board.path())
        .env("ROADBOARD_STATE", board.path().with_file_name("local.toml"))
        .env(
            "ROADBOARD_CONFIG",
            board.path().with_file_name("config.toml"),
        )
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let wait_for = |text: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !std::fs::read_to_string(&mirror).is_ok_and(|t| t.contains(text)) {
            assert!(
                std::time::Instant::now() < deadline,
                "the mirror never showed {text:?}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    wait_for("## Phase 1: MVP");
    board.ok(&["add", "Watched card", "--phase", "2"]);
    wait_for("#### Feature F1: Watched card");
    watcher.kill().unwrap();
    watcher.wait().unwrap();
    assert!(
        !std::fs::read_to_string(&mirror)
            .unwrap()
            .contains("## Change Log"),
        "--no-log"
    );
}

#[test]
fn a_blocker_ahead_from_the_command_line_blocks_nothing_yet() {
    let board = Board::seeded();
    board.ok(&["add", "--phase", "MVP", "Billing"]);
    // An edit's reason is logged with it.
    board.ok(&["edit", "F1", "--target", "+2w", "--reason", "bank slipped"]);
    assert_eq!(board.json(&["log", "--json"])[0]["why"], "bank slipped");
    assert_eq!(
        board.ok(&[
            "block",
            "F1",
            "--on",
            "card processor review",
            "--upcoming",
            "--mitigation",
            "apply to two",
        ]),
        "upcoming blocker for F1 \"Billing\": card processor review; mitigation: apply to two\n"
    );
    let show = board.json(&["show", "F1", "--json"]);
    assert_eq!(show["open_blockers"], serde_json::json!([]), "{show}");
    let err = board
        .cmd(&["block", "F1", "--on", "x", "--upcoming", "--eta", "fri"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&err).contains("has no ETA"));
    let markdown = board.ok(&["export", "--format", "md"]);
    assert!(markdown.contains("| upcoming |"), "{markdown}");
}

#[test]
fn the_author_is_the_configs_then_the_login_name_never_unknown() {
    let board = Board::new();
    board.ok(&["init", "--name", "Acme"]);
    let config = board.path().with_file_name("config.toml");
    let author_of_last_change = |configured: bool| {
        let mut cmd = Command::cargo_bin("roadboard").unwrap();
        cmd.args(["park", "an idea"])
            .env("ROADBOARD_DB", board.path())
            .env("ROADBOARD_STATE", board.path().with_file_name("local.toml"))
            .env("ROADBOARD_TODAY", "2026-11-23")
            .env_remove("ROADBOARD_AUTHOR")
            .env_remove("USER")
            .env_remove("LOGNAME")
            .env("ROADBOARD_CONFIG", &config);
        std::fs::write(&config, if configured { "author = \"Ada\"\n" } else { "" }).unwrap();
        cmd.assert().success();
        board.json(&["log", "--json"])[0]["who"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(author_of_last_change(true), "Ada");
    let login = author_of_last_change(false);
    assert!(!login.is_empty() && login != "unknown", "{login}");
}

#[test]
fn a_log_is_written_only_when_asked() {
    let board = Board::seeded();
    let log = board.path().with_file_name("bug.log");
    board
        .cmd(&[
            "add",
            "--phase",
            "MVP",
            "Billing",
            "--log",
            log.to_str().unwrap(),
        ])
        .env("ROADBOARD_LOG", "debug")
        .assert()
        .success();
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("write") && text.contains("added F1 \"Billing\""),
        "{text}"
    );
    assert!(text.contains("ms="), "timings: {text}");
    let refused = board
        .cmd(&["start", "F9", "--log", log.to_str().unwrap()])
        .assert()
        .failure();
    drop(refused);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("command failed") && text.contains("no feature F9"),
        "{text}"
    );
    // Without --log and without ROADBOARD_LOG, nothing is written anywhere.
    board.ok(&["add", "--phase", "MVP", "Invoices"]);
    let beside = board.path().with_extension("db.log");
    assert!(!beside.exists());
    // ROADBOARD_LOG alone logs beside the roadmap file.
    board
        .cmd(&["status"])
        .env("ROADBOARD_LOG", "info")
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&beside)
            .unwrap()
            .contains("command")
    );
}

/// The mirror is rewritten exactly when a command wrote to the file: not
/// after a read, not after a refusal, not after a command that changed
/// nothing, and always after a change.
#[test]
fn the_mirror_follows_writes_and_only_writes() {
    let plan = common::plan::Plan::example();
    let mirror = plan.dir().join("ROADMAP.md");
    plan.ok(&["mirror", "set", mirror.to_str().unwrap()]);
    let hand_edited = "# kept until the next change\n";
    std::fs::write(&mirror, hand_edited).unwrap();
    for args in [
        &["list"][..],
        &["show", "F4"],
        &["status"],
        &["next"],
        &["log"],
        &["mirror"],
    ] {
        plan.ok(args);
        assert_eq!(
            std::fs::read_to_string(&mirror).unwrap(),
            hand_edited,
            "{args:?} only reads"
        );
    }
    // A second active feature is refused: nothing written.
    plan.fails(&["start", "F5"]);
    assert_eq!(std::fs::read_to_string(&mirror).unwrap(), hand_edited);
    plan.ok(&["note", "called the pilot"]);
    let rewritten = std::fs::read_to_string(&mirror).unwrap();
    assert!(rewritten.contains("Shift swap requests"), "{rewritten}");
}

// The method's answers, 1: ships on the day they started (a start an
// import stamped) say nothing of pace: the forecast leaves them out and
// says so, instead of a one-day velocity that makes every phase early.
#[test]
fn same_day_ships_do_not_stand_for_pace() {
    let board = Board::new();
    board.ok(&["init", "--name", "Acme"]);
    board.ok(&["phase", "add", "MVP"]);
    for title in ["One", "Two", "Three", "Four"] {
        board.ok(&["add", title, "--phase", "1"]);
    }
    for key in ["F1", "F2", "F3"] {
        board.ok(&["start", key]);
        board.ok(&["ship", key]);
    }
    let text = board.ok(&["forecast", "--default-velocity", "9"]);
    assert!(
        text.starts_with("velocity: 9 days from start to ship (default: fewer than 3 shipped features with a real start; 3 shipped features left out (no start date, or shipped the day it started))"),
        "{text}"
    );
}

// The method's answers, 6 and 7: what people read is in their words — a
// promotion names its phase, an edit names fields by their labels, a
// status by its phrase.
#[test]
fn what_people_read_is_in_their_words() {
    let board = Board::new();
    board.ok(&["init", "--example"]);
    let said = board.ok(&["promote", "F13", "--phase", "3"]);
    assert!(
        said.contains("parked → planned, in phase \"Multi-Customer Prep\""),
        "{said}"
    );
    let said = board.ok(&["edit", "F5", "--why", "the owner asked twice"]);
    assert!(said.contains(": why essential"), "{said}");
    let said = board.ok(&["phase", "edit", "4", "--status", "in_progress"]);
    assert!(said.contains("status not started → in progress"), "{said}");
    let export = board.ok(&["export"]);
    assert!(
        !export.contains("not\\_started") && !export.contains("in\\_progress"),
        "{export}"
    );
}

// The method's answers, 2: a milestone past its target and not reached is
// in the stakeholder update, in every format, as the page shows it.
#[test]
fn the_update_says_which_milestones_were_missed() {
    let board = Board::new();
    board.ok(&["init", "--example"]);
    board.ok(&[
        "milestone",
        "add",
        "Pilot renews",
        "--phase",
        "2",
        "--target",
        "2026-01-05",
    ]);
    for (format, expected) in [
        ("md", "- Missed: Pilot renews"),
        ("text", "* missed: Pilot renews"),
        ("html", "<li>Missed: Pilot renews"),
    ] {
        let update = board.ok(&["update", "--format", format]);
        assert!(update.contains(expected), "{format}: {update}");
    }
}

// The method's answers, 19: `status` for a shell prompt, in the fewest
// words and within a width.
#[test]
fn status_has_a_short_form_for_a_prompt_and_a_width() {
    let board = Board::new();
    board.ok(&["init", "--example"]);
    let short = board.ok(&["status", "--short"]);
    assert!(
        short.starts_with("▶ F4 ") && short.trim_end().ends_with('d'),
        "{short:?}"
    );
    let cut = board.ok(&["status", "--width", "12"]);
    assert_eq!(cut.trim_end().chars().count(), 12, "{cut:?}");
    assert!(cut.trim_end().ends_with('…'), "{cut:?}");
    board.ok(&["ship", "F4"]);
    board.ok(&["next", "F5", "--why", "pilot asks"]);
    assert_eq!(board.ok(&["status", "--short"]), "○ F5 next\n");
}
