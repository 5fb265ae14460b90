//! `roadboard mcp` driven by MCP clients: raw JSON-RPC lines (always), and
//! the official Python SDK (a virtual environment under the target dir;
//! skipped, saying so, when Python or PyPI cannot be reached).

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TODAY: &str = "2026-11-23";

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_roadboard"))
}

/// The example roadmap (F4 active) in a temporary file.
fn example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roadmap.db");
    roadboard(&db, &["init", "--example"]);
    (dir, db)
}

fn roadboard(db: &Path, args: &[&str]) -> String {
    let output = Command::new(binary())
        .args(["--db", db.to_str().unwrap(), "--today", TODAY])
        .args(args)
        .env("ROADBOARD_CONFIG", db.with_file_name("none.toml"))
        .env("ROADBOARD_STATE", db.with_file_name("local.toml"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A server on `db` spoken to in raw JSON-RPC lines.
struct Raw {
    child: std::process::Child,
    lines: BufReader<std::process::ChildStdout>,
}

impl Raw {
    fn start(db: &Path) -> Raw {
        Raw::start_with(db, &[])
    }

    /// A server started with `flags` after `mcp`.
    fn start_with(db: &Path, flags: &[&str]) -> Raw {
        let mut child = Command::new(binary())
            .args(["--db", db.to_str().unwrap(), "--today", TODAY, "mcp"])
            .args(flags)
            .env("ROADBOARD_CONFIG", db.with_file_name("none.toml"))
            .env("ROADBOARD_STATE", db.with_file_name("local.toml"))
            .env_remove("ROADBOARD_AUTHOR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = BufReader::new(child.stdout.take().unwrap());
        let mut raw = Raw { child, lines };
        let init = raw.request(
            1,
            "initialize",
            json!({
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": { "name": "raw-probe", "version": "1" }
            }),
        );
        assert_eq!(init["result"]["serverInfo"]["name"], "roadboard");
        raw.send(json!({ "jsonrpc": "2.0", "method": "notifications/initialized" }));
        raw
    }

    fn send(&mut self, message: Value) {
        let stdin = self.child.stdin.as_mut().unwrap();
        writeln!(stdin, "{message}").unwrap();
        stdin.flush().unwrap();
    }

    fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let mut line = String::new();
        self.lines.read_line(&mut line).unwrap();
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
    }

    fn call(&mut self, id: u64, tool: &str, arguments: Value) -> Value {
        self.request(
            id,
            "tools/call",
            json!({ "name": tool, "arguments": arguments }),
        )["result"]
            .clone()
    }
}

#[test]
fn a_second_start_is_a_tool_error_naming_the_holder() {
    let (_dir, db) = example();
    let mut server = Raw::start(&db);
    let refused = server.call(2, "start", json!({ "key": "F5" }));
    assert_eq!(refused["isError"], true);
    let text = refused["content"][0]["text"].as_str().unwrap();
    assert!(
        text.starts_with("cannot start F5 \"Labour cost preview\": F4 \"Shift swap requests\" is in progress since"),
        "{text}"
    );
    assert!(
        text.ends_with("— ship it or pause it first"),
        "no board keys for an agent: {text}"
    );
    let data = &refused["structuredContent"];
    assert_eq!(data["refusal"], "slot_taken");
    assert_eq!(data["holder_key"], "F4");
    assert_eq!(data["frees_the_slot"][0], "ship F4");
    assert!(
        roadboard(&db, &["status"]).starts_with("F4 "),
        "nothing changed"
    );
}

#[test]
fn bad_input_is_a_tool_error_naming_the_argument() {
    let (_dir, db) = example();
    let mut server = Raw::start(&db);
    let cases = [
        (
            "show_feature",
            json!({ "key": "banana" }),
            "key: `banana` is not a feature key",
        ),
        ("show_feature", json!({ "key": "F999" }), "no feature F999"),
        (
            "add_blocker",
            json!({ "key": "F4", "waiting_for": "bank", "eta": "soonish" }),
            "eta: invalid date `soonish`",
        ),
        (
            "pause",
            json!({ "key": "F4" }),
            "needs a reason: say why (the `why` argument)",
        ),
        ("list_features", json!({ "status": "sleeping" }), "status: "),
        (
            "add_feature",
            json!({ "title": "two\nlines", "phase": "1" }),
            "title",
        ),
    ];
    for (id, (tool, arguments, expected)) in cases.into_iter().enumerate() {
        let result = server.call(10 + id as u64, tool, arguments);
        assert_eq!(result["isError"], true, "{tool}: {result}");
        let text = result["content"][0]["text"].as_str().unwrap();
        assert!(text.contains(expected), "{tool}: {text}");
    }
    // Still serving after every one of them.
    let status = server.call(99, "status", json!({}));
    assert_eq!(status["isError"], false);
}

#[test]
fn the_log_names_the_agent_and_a_board_sees_the_change() {
    let (_dir, db) = example();
    let mut server = Raw::start(&db);
    let shipped = server.call(2, "ship", json!({ "key": "F4" }));
    assert_eq!(shipped["isError"], false, "{shipped}");
    let noted = server.call(
        3,
        "add_note",
        json!({ "what": "wrote the swap tests", "why": "to ship", "key": "F4" }),
    );
    assert_eq!(noted["content"][0]["text"], "noted: wrote the swap tests");
    let log = roadboard(&db, &["log", "--feature", "F4"]);
    assert!(log.contains("raw-probe via mcp"), "{log}");
    assert!(log.contains("wrote the swap tests — why: to ship"), "{log}");
    assert!(roadboard(&db, &["status"]).starts_with("no active feature"));
}

#[test]
fn a_board_on_the_same_file_sees_an_agents_change() {
    let (_dir, db) = example();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let store =
        roadboard::store::Store::open(&db, roadboard::store::OpenMode::Existing, "me").unwrap();
    let mut app = roadboard::app::App::new(Some(store.load().unwrap()), today, Default::default());
    let mut seen = store.data_version().unwrap();
    let mut server = Raw::start(&db);
    server.call(2, "ship", json!({ "key": "F4" }));
    // What the board's store worker does every 400 ms.
    assert!(common::board::reload_if_changed(
        &store, &mut app, &mut seen
    ));
    assert!(app.roadmap.as_ref().unwrap().slot_holder().is_none());
}

#[test]
fn a_client_that_disconnects_mid_call_leaves_a_sound_file() {
    let (_dir, db) = example();
    let mut server = Raw::start(&db);
    server.send(json!({ "jsonrpc": "2.0", "id": 2, "method": "tools/call",
        "params": { "name": "ship", "arguments": { "key": "F4" } } }));
    drop(server.child.stdin.take());
    let started = Instant::now();
    while server.child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the server did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    common::assert_intact(&db);
    roadboard(&db, &["status"]);
}

#[test]
fn a_server_killed_during_writes_leaves_a_sound_file() {
    let (_dir, db) = example();
    let mut server = Raw::start(&db);
    for id in 0..40 {
        server.send(
            json!({ "jsonrpc": "2.0", "id": 100 + id, "method": "tools/call",
            "params": { "name": "park_idea", "arguments": { "title": format!("idea {id}") } } }),
        );
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    // Every idea that was committed has its change-log line, and no other.
    let (ideas, lines): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM feature WHERE title LIKE 'idea %'),
                    (SELECT count(*) FROM change_log WHERE what LIKE 'added % \"idea %')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(ideas, lines);
}

/// A virtual environment with the official MCP Python SDK, made once per
/// target dir; `None` (and why) when it cannot be had here.
fn python_sdk() -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("mcp-venv");
    let python = venv.join("bin").join("python");
    let has_sdk = |python: &Path| {
        Command::new(python)
            .args(["-c", "import mcp.client.stdio"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if has_sdk(&python) {
        return Ok(python);
    }
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .output();
    if !made.as_ref().is_ok_and(|o| o.status.success()) {
        return Err("python3 with venv is not available".into());
    }
    let installed = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "mcp>=2,<3",
        ])
        .output();
    match installed {
        Ok(o) if o.status.success() && has_sdk(&python) => Ok(python),
        Ok(o) => Err(format!(
            "pip could not install mcp: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => Err(format!("pip did not run: {e}")),
    }
}

#[test]
fn the_official_python_sdk_drives_the_server() {
    let python = match python_sdk() {
        Ok(python) => python,
        Err(why) => {
            eprintln!("skipped: the MCP Python SDK client test ({why})");
            return;
        }
    };
    let (_dir, db) = example();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mcp_client.py");
    let output = Command::new(python)
        .arg(script)
        .arg(binary())
        .arg(&db)
        .arg(TODAY)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seen: Value = serde_json::from_slice(&output.stdout).unwrap();
    for tool in [
        "status",
        "list_features",
        "show_feature",
        "forecast",
        "log",
        "dependencies",
        "start",
        "submit_for_review",
        "rework",
        "ship",
        "pause",
        "defer",
        "drop",
        "reopen",
        "add_feature",
        "park_idea",
        "add_request",
        "add_blocker",
        "resolve_blocker",
        "depend",
        "edit_feature",
        "add_note",
    ] {
        assert!(
            seen["tools"].as_array().unwrap().contains(&json!(tool)),
            "{tool} missing"
        );
    }
    assert_eq!(seen["start_schema"]["required"], json!(["key"]));
    assert_eq!(seen["start_schema"]["properties"]["key"]["type"], "string");
    assert_eq!(seen["status"]["data"]["active"], "F4");
    assert_eq!(seen["second_start"]["error"], true);
    assert_eq!(seen["second_start"]["data"]["holder_key"], "F4");
    assert!(
        seen["second_start"]["text"]
            .as_str()
            .unwrap()
            .contains("F4 \"Shift swap requests\" is in progress")
    );
    assert_eq!(seen["bad_date"]["data"]["argument"], "reconsider");
    assert_eq!(seen["unknown_key"]["error"], true);
    assert_eq!(seen["pause_without_why"]["data"]["argument"], "why");
    assert!(
        seen["brief"]
            .as_str()
            .unwrap()
            .starts_with("# The ONE feature: F4 Shift swap requests")
    );
    assert_eq!(seen["ship"]["error"], false);
    assert_eq!(
        seen["prompts"],
        json!(["brief-for-the-one", "plan-next-week"])
    );
    assert_eq!(seen["resources"].as_array().unwrap().len(), 3);
    // The change is in the file, as `roadboard status` sees it, by the agent.
    assert!(roadboard(&db, &["status"]).starts_with("no active feature"));
    assert!(roadboard(&db, &["log", "--feature", "F4"]).contains("probe-agent via mcp"));
}

#[test]
fn an_agents_change_republishes_the_configured_site() {
    let (_dir, db) = example();
    let site = db.with_file_name("site");
    std::fs::write(
        db.with_file_name("none.toml"),
        format!("[publish]\ndir = \"{}\"\n", site.display()),
    )
    .unwrap();
    let mut server = Raw::start(&db);
    let shipped = server.call(2, "ship", json!({ "key": "F4" }));
    assert_eq!(shipped["isError"], false, "{shipped}");
    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    assert!(
        feed.contains("Shipped: Shift swap requests"),
        "as the CLI and the board do: {feed}"
    );
}

// Trust, round two, 1: a backup moved over the file under a running
// server. The writes the CLI then makes to the restored file survive the
// server's next write, and the file is never damaged by the old one.
#[test]
fn a_server_follows_a_backup_moved_into_place_and_loses_nothing() {
    let (dir, db) = example();
    roadboard(
        &db,
        &["backup", dir.path().join("backup.db").to_str().unwrap()],
    );
    let mut server = Raw::start(&db);
    let before = server.call(2, "add_note", json!({ "what": "before the restore" }));
    assert_eq!(before["isError"], false, "{before}");
    std::fs::rename(dir.path().join("backup.db"), &db).unwrap();
    for n in 0..5 {
        roadboard(&db, &["note", &format!("restored note {n}")]);
    }
    let after = server.call(3, "add_note", json!({ "what": "after the restore" }));
    assert_eq!(after["isError"], false, "{after}");
    drop(server);
    let log = roadboard(&db, &["log"]);
    for n in 0..5 {
        assert!(log.contains(&format!("restored note {n}")), "{log}");
    }
    assert!(log.contains("after the restore"), "{log}");
    assert!(!log.contains("before the restore"), "{log}");
    common::assert_intact(&db);
}

// Trust, round two, 20: what JSON-RPC calls a parse error or an invalid
// request is answered with its error, and the server goes on serving.
#[test]
fn malformed_messages_get_json_rpc_errors_and_the_server_goes_on() {
    let (_dir, db) = example();
    let mut server = Raw::start(&db);
    let mut reply_to = |line: &str| -> Value {
        let stdin = server.child.stdin.as_mut().unwrap();
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        let mut reply = String::new();
        server.lines.read_line(&mut reply).unwrap();
        serde_json::from_str(&reply).unwrap_or_else(|e| panic!("{e}: {reply}"))
    };
    assert_eq!(reply_to("{not json")["error"]["code"], -32700);
    assert_eq!(
        reply_to(r#"{"jsonrpc":"2.0","id":1e400,"method":"ping"}"#)["error"]["code"],
        -32700
    );
    assert_eq!(reply_to("[1,2,3]")["error"]["code"], -32600);
    let arguments = reply_to(
        r#"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"start","arguments":["F5"]}}"#,
    );
    assert_eq!(arguments["error"]["code"], -32602, "{arguments}");
    assert_eq!(arguments["id"], 9);
    let big = format!(
        r#"{{"jsonrpc":"2.0","id":10,"method":"ping","params":{{"pad":"{}"}}}}"#,
        "x".repeat(5 * 1024 * 1024)
    );
    assert_eq!(reply_to(&big)["error"]["code"], -32600);
    // Still serving.
    let status = server.call(11, "status", json!({}));
    assert_eq!(status["isError"], false, "{status}");
}

// The method's answers, 23: every tool says what it is to an agent's host:
// a title, whether it only reads, and for a write whether it destroys and
// whether it may be repeated.
#[test]
fn every_tool_carries_its_annotations() {
    let (_dir, db) = example();
    let mut server = Raw::start(&db);
    let tools = server.request(2, "tools/list", json!({}));
    let tools = tools["result"]["tools"].as_array().unwrap();
    assert!(tools.len() >= 20);
    for tool in tools {
        let name = tool["name"].as_str().unwrap();
        let annotations = &tool["annotations"];
        assert!(annotations["title"].is_string(), "{name}: {tool}");
        let read_only = annotations["readOnlyHint"]
            .as_bool()
            .unwrap_or_else(|| panic!("{name}"));
        if !read_only {
            assert!(
                annotations["destructiveHint"].is_boolean(),
                "{name}: {tool}"
            );
            assert!(annotations["idempotentHint"].is_boolean(), "{name}: {tool}");
        }
        assert_eq!(annotations["openWorldHint"], false, "{name}");
    }
    let hint = |name: &str, key: &str| {
        tools.iter().find(|t| t["name"] == name).unwrap()["annotations"][key].clone()
    };
    assert_eq!(hint("status", "readOnlyHint"), true);
    assert_eq!(hint("ship", "readOnlyHint"), false);
    assert_eq!(hint("edit_feature", "destructiveHint"), true);
    assert_eq!(hint("add_note", "destructiveHint"), false);
}

// The method's answers, 23: `mcp --read-only` serves only the tools that
// read; a write is not there to call.
#[test]
fn a_read_only_server_serves_only_what_reads() {
    let (_dir, db) = example();
    let mut server = Raw::start_with(&db, &["--read-only"]);
    let tools = server.request(2, "tools/list", json!({}));
    let names: Vec<&str> = tools["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"status") && names.contains(&"list_features"),
        "{names:?}"
    );
    assert!(
        !names.contains(&"ship") && !names.contains(&"add_note"),
        "{names:?}"
    );
    let refused = server.request(
        3,
        "tools/call",
        json!({ "name": "ship", "arguments": { "key": "F4" } }),
    );
    assert!(
        refused.get("error").is_some() || refused["result"]["isError"] == true,
        "{refused}"
    );
    assert!(
        roadboard(&db, &["status"]).starts_with("F4 "),
        "nothing changed"
    );
}

#[test]
fn sync_status_says_where_the_file_syncs_and_what_waits() {
    let (dir, db) = example();
    let mut server = Raw::start(&db);
    let alone = server.call(2, "sync_status", json!({}));
    assert_eq!(alone["structuredContent"]["set_up"], false);
    let text = alone["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("roadboard sync setup REMOTE"), "{text}");
    drop(server);

    let remote = dir.path().join("remote.git");
    let made = Command::new("git")
        .args(["init", "--quiet", "--bare"])
        .arg(&remote)
        .status()
        .unwrap();
    assert!(made.success());
    roadboard(&db, &["sync", "setup", remote.to_str().unwrap()]);
    roadboard(&db, &["park", "Seat-based pricing"]);
    let mut server = Raw::start(&db);
    let status = server.call(3, "sync_status", json!({}));
    let data = &status["structuredContent"];
    assert_eq!(data["branch"], "roadboard");
    assert_eq!(data["waiting"], 1, "{status}");
    assert!(data["last_synced"].is_string(), "{status}");
    let text = status["content"][0]["text"].as_str().unwrap();
    assert!(
        text.contains("1 change here waits for `roadboard sync`"),
        "{text}"
    );
}
