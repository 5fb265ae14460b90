//! Proofs that the file holds: an old schema migrates with a backup, bad
//! files are refused byte-for-byte untouched through the real binary, two
//! processes race for the ONE slot, and kills mid-write lose nothing that
//! was reported done.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use roadboard::domain::FeatureStatus;
use roadboard::store::{OpenMode, Store, latest_version};

fn roadboard(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roadboard"))
        .args(args)
        .env("ROADBOARD_DB", db)
        .env("ROADBOARD_STATE", db.with_file_name("local.toml"))
        .env("ROADBOARD_CONFIG", db.with_file_name("no-config.toml"))
        .env("ROADBOARD_AUTHOR", "robust")
        .env("ROADBOARD_TODAY", "2026-11-23")
        .output()
        .unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn a_schema_version_1_file_is_migrated_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    std::fs::copy(fixture("schema-v1.db"), &db).unwrap();
    let original = std::fs::read(&db).unwrap();
    let store = Store::open(&db, OpenMode::Existing, "t").unwrap();
    let roadmap = store.load().unwrap();
    assert_eq!(roadmap.info.name, "Version one roadmap");
    assert_eq!(
        roadmap.slot_holder().map(|f| f.title.as_str()),
        Some("Login")
    );
    assert_eq!(roadmap.dependencies.len(), 1);
    assert_eq!(store.log(&Default::default()).unwrap()[0].who, "ada");
    drop(store);
    let raw = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = raw
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, latest_version());
    let backup = db.with_file_name("old.db.v1.bak");
    assert!(backup.exists(), "the backup of version 1 is left beside it");
    let backed_up = rusqlite::Connection::open(&backup).unwrap();
    let old_version: i64 = backed_up
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(old_version, 1);
    let titles: i64 = backed_up
        .query_row("SELECT count(*) FROM feature", [], |r| r.get(0))
        .unwrap();
    assert_eq!(titles, 2);
    assert_ne!(
        std::fs::read(&db).unwrap(),
        original,
        "the file itself moved on"
    );
    // An undo of an entry from before version 2 is refused cleanly.
    let mut store = Store::open(&db, OpenMode::Existing, "t").unwrap();
    let entry = store.log(&Default::default()).unwrap().last().unwrap().id;
    assert!(
        store
            .undo(entry)
            .unwrap_err()
            .to_string()
            .contains("cannot be undone")
    );
}

#[test]
fn bad_files_get_one_message_and_stay_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.db");
    assert!(roadboard(&good, &["init", "--example"]).status.success());
    let raw = rusqlite::Connection::open(&good).unwrap();
    raw.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;")
        .unwrap();
    drop(raw);
    let good_bytes = std::fs::read(&good).unwrap();
    let newer = {
        let path = dir.path().join("newer-src.db");
        std::fs::write(&path, &good_bytes).unwrap();
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
        drop(c);
        std::fs::read(&path).unwrap()
    };
    let other = {
        let path = dir.path().join("other-src.db");
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE photos (name TEXT); INSERT INTO photos VALUES ('cat.jpg');")
            .unwrap();
        drop(c);
        std::fs::read(&path).unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "empty.db",
            Vec::new(),
            "is an empty file, not a roadboard database",
        ),
        (
            "notes.db",
            b"- buy milk\n".to_vec(),
            "is not a roadboard database (not a SQLite file)",
        ),
        (
            "picture.db",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10".to_vec(),
            "is not a roadboard database (not a SQLite file)",
        ),
        (
            "truncated.db",
            good_bytes[..good_bytes.len() / 2].to_vec(),
            "is damaged",
        ),
        ("other.db", other, "is a SQLite database of another program"),
        ("newer.db", newer, "was written by a newer roadboard"),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        for args in [&["status"][..], &["list"][..], &["add", "x"][..]] {
            let output = roadboard(&path, args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(1), "{name} {args:?}: {stderr}");
            assert!(
                stderr.contains(message) && stderr.lines().count() == 1,
                "{name}: {stderr}"
            );
            assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was modified");
        }
    }
    let readonly = dir.path().join("readonly.db");
    std::fs::write(&readonly, &good_bytes).unwrap();
    let mut permissions = std::fs::metadata(&readonly).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&readonly, permissions).unwrap();
    let output = roadboard(&readonly, &["start", "F5"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is read-only"));
    assert_eq!(std::fs::read(&readonly).unwrap(), good_bytes);
    let missing = dir.path().join("no/such/dir/roadmap.db");
    let output = roadboard(&missing, &["init"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the directory"));
}

/// Rounds of the race; `ROADBOARD_RACE_ROUNDS` runs the full 500.
fn rounds(default: usize, variable: &str) -> usize {
    std::env::var(variable)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn two_processes_racing_for_the_slot_one_wins_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("race.db");
    assert!(roadboard(&db, &["init"]).status.success());
    assert!(roadboard(&db, &["phase", "add", "Now"]).status.success());
    assert!(
        roadboard(&db, &["add", "Left", "--phase", "1"])
            .status
            .success()
    );
    assert!(
        roadboard(&db, &["add", "Right", "--phase", "1"])
            .status
            .success()
    );
    let spawn = |key: &str| {
        Command::new(env!("CARGO_BIN_EXE_roadboard"))
            .args(["start", key])
            .env("ROADBOARD_DB", &db)
            .env("ROADBOARD_STATE", db.with_file_name("local.toml"))
            .env("ROADBOARD_CONFIG", db.with_file_name("none.toml"))
            .env("ROADBOARD_TODAY", "2026-11-23")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let total = rounds(40, "ROADBOARD_RACE_ROUNDS");
    for round in 0..total {
        let (left, right) = (spawn("F1"), spawn("F2"));
        let outputs = [
            left.wait_with_output().unwrap(),
            right.wait_with_output().unwrap(),
        ];
        let codes: Vec<Option<i32>> = outputs.iter().map(|o| o.status.code()).collect();
        let winners = codes.iter().filter(|c| **c == Some(0)).count();
        for output in &outputs {
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                !stderr.contains("locked") && !stderr.contains("panicked"),
                "round {round}: {stderr}"
            );
            if output.status.code() == Some(3) {
                assert!(
                    stderr.contains("is in progress since 2026-11-23 — ship it or pause it first"),
                    "{stderr}"
                );
            }
        }
        assert_eq!(winners, 1, "round {round}: exit codes {codes:?}");
        let store = Store::open(&db, OpenMode::Existing, "t").unwrap();
        let roadmap = store.load().unwrap();
        let holders: Vec<_> = roadmap
            .features
            .iter()
            .filter(|f| f.status.holds_slot())
            .collect();
        assert_eq!(holders.len(), 1);
        let key = holders[0].key.to_string();
        drop(store);
        assert!(
            roadboard(&db, &["pause", &key, "--why", "next round"])
                .status
                .success()
        );
    }
}

#[test]
fn kills_in_the_middle_of_writes_lose_nothing_reported_done() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    assert!(roadboard(&db, &["init"]).status.success());
    assert!(roadboard(&db, &["phase", "add", "Now"]).status.success());
    let total = rounds(200, "ROADBOARD_CRASH_EDITS");
    let mut done: Vec<String> = Vec::new();
    let mut kills = 0;
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for edit in 0..total {
        let title = format!("Edit {edit}");
        let mut child = Command::new(env!("CARGO_BIN_EXE_roadboard"))
            .args(["add", &title, "--phase", "1"])
            .env("ROADBOARD_DB", &db)
            .env("ROADBOARD_STATE", db.with_file_name("local.toml"))
            .env("ROADBOARD_CONFIG", db.with_file_name("none.toml"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // About one edit in eight is killed, at a random moment of its life.
        if random() % 8 == 0 {
            std::thread::sleep(std::time::Duration::from_micros(random() % 6000));
            let _ = child.kill();
            kills += 1;
        }
        let status = child.wait().unwrap();
        let mut stdout = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        if status.success() && stdout.starts_with("added ") {
            done.push(title);
        }
        // Every few edits, a transition, so the ONE rule is exercised too.
        if edit % 10 == 5 {
            let output = roadboard(&db, &["start", &format!("F{}", edit / 2 + 1)]);
            assert!(
                matches!(output.status.code(), Some(0 | 1 | 3)),
                "{output:?}"
            );
        }
    }
    assert!(kills >= total / 20, "only {kills} kills");
    let raw = rusqlite::Connection::open(&db).unwrap();
    let check: String = raw
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(raw);
    let store = Store::open(&db, OpenMode::Existing, "t").unwrap();
    let roadmap = store.load().unwrap();
    for title in &done {
        assert!(
            roadmap.features.iter().any(|f| &f.title == title),
            "{title} was reported done but is missing"
        );
    }
    assert!(
        roadmap
            .features
            .iter()
            .filter(|f| f.status.holds_slot())
            .count()
            <= 1
    );
    assert!(
        roadmap
            .features
            .iter()
            .all(|f| f.status != FeatureStatus::Shipped || f.shipped.is_some())
    );
    eprintln!(
        "{} edits, {kills} killed, {} reported done",
        total,
        done.len()
    );
}
