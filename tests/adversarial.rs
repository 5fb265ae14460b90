//! Trust at the edges, tried as a careful attacker and a careless user
//! would: outputs that would destroy a file, text that would drive the
//! terminal, documents that would break the store, files half-written by
//! someone else. The numbers name the items of the issue they prove.

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::common;

/// A roadmap file in a temporary directory, driven through the binary.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// With a roadmap, a phase "MVP" and a feature F1.
    fn seeded() -> Self {
        let sandbox = Self::new();
        sandbox.ok(&["init", "--name", "Acme"]);
        sandbox.ok(&["phase", "add", "MVP"]);
        sandbox.ok(&["add", "Billing", "--phase", "MVP"]);
        sandbox
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("roadmap.db")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self, args: &[&str]) -> Command {
        Command::from_std(self.process(args))
    }

    /// The binary on this sandbox's files, as a plain process (for what a
    /// test sets on its streams).
    fn process(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_roadboard"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env("ROADBOARD_DB", self.db())
            .env("ROADBOARD_TODAY", "2026-11-23")
            .env("ROADBOARD_AUTHOR", "ada")
            .env("ROADBOARD_CONFIG", self.file("config.toml"))
            .env("ROADBOARD_STATE", self.file("local.toml"));
        cmd
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.cmd(args).output().unwrap();
        assert!(
            output.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    /// Runs and returns (exit code, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let output = self.cmd(args).output().unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}

fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// 1. Outputs never destroy the database or its side files.
#[test]
fn export_refuses_the_database_and_its_side_files() {
    let sandbox = Sandbox::seeded();
    let before = fs::read(sandbox.db()).unwrap();
    fs::write(sandbox.file("roadmap.db.v1.bak"), b"old copy").unwrap();
    fs::hard_link(sandbox.db(), sandbox.file("alias.db")).unwrap();
    for target in [
        "roadmap.db",
        "./sub/../roadmap.db",
        "roadmap.db-wal",
        "roadmap.db-shm",
        "roadmap.db-journal",
        "roadmap.db.v1.bak",
        "alias.db",
    ] {
        fs::create_dir_all(sandbox.file("sub")).unwrap();
        let (code, _, stderr) = sandbox.run(&["export", "-o", target]);
        assert_eq!(code, 1, "{target}: {stderr}");
        assert!(
            stderr.contains("refusing to write") && stderr.contains("roadmap.db"),
            "{target}: {stderr}"
        );
    }
    assert_eq!(fs::read(sandbox.db()).unwrap(), before);
    assert_eq!(
        fs::read(sandbox.file("roadmap.db.v1.bak")).unwrap(),
        b"old copy"
    );
    sandbox.ok(&["list"]);
}

// 1, 2. The mirror is the roadmap's, absolute, and never the database.
#[test]
fn the_mirror_belongs_to_the_roadmap_and_not_to_the_current_directory() {
    let sandbox = Sandbox::seeded();
    let (code, _, stderr) = sandbox.run(&["mirror", "set", "roadmap.db"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("part of this roadmap's database"),
        "{stderr}"
    );

    let set = sandbox.ok(&["mirror", "set", "ROADMAP.md"]);
    let mirror = fs::canonicalize(sandbox.dir.path())
        .unwrap()
        .join("ROADMAP.md");
    assert_eq!(set, format!("mirror: {}\n", mirror.display()));
    // Another project's hand-written ROADMAP.md, and a command run there.
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("ROADMAP.md"), "my own words\n").unwrap();
    sandbox
        .cmd(&["add", "Reports", "--phase", "MVP"])
        .current_dir(elsewhere.path())
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(elsewhere.path().join("ROADMAP.md")).unwrap(),
        "my own words\n"
    );
    assert!(fs::read_to_string(&mirror).unwrap().contains("Reports"));
    assert_eq!(
        sandbox.ok(&["mirror"]),
        format!("mirror: {}\n", mirror.display())
    );
    sandbox.ok(&["mirror", "off"]);
    assert!(sandbox.ok(&["mirror"]).starts_with("no mirror"));
}

// 3. Whole files keep their mode; the migration copy takes the database's.
#[test]
fn exports_keep_the_target_mode_and_leave_no_temporary_files() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::seeded();
    let target = sandbox.file("private.md");
    fs::write(&target, "old").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
    sandbox.ok(&["export", "-o", "private.md"]);
    assert_eq!(mode_of(&target), 0o600);
    assert!(fs::read_to_string(&target).unwrap().contains("Billing"));
    let (code, _, _) = sandbox.run(&["export", "-o", "missing-dir/out.md"]);
    assert_eq!(code, 1);
    let leftovers: Vec<String> = fs::read_dir(sandbox.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// 4. `-o -` is standard output; special files are written into; a
// directory is refused.
#[test]
fn special_targets_are_written_into_and_directories_refused() {
    let sandbox = Sandbox::seeded();
    let stdout = sandbox.ok(&["export", "--format", "csv", "-o", "-"]);
    assert!(stdout.starts_with("key,title"), "{stdout}");
    assert!(!sandbox.file("-").exists());

    sandbox.ok(&["export", "-o", "/dev/null"]);
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    let fifo = sandbox.file("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = std::thread::spawn({
        let fifo = fifo.clone();
        move || fs::read_to_string(fifo).unwrap()
    });
    sandbox.ok(&["export", "-o", "pipe"]);
    assert!(reader.join().unwrap().contains("Billing"));
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());

    fs::create_dir(sandbox.file("folder")).unwrap();
    let (code, _, stderr) = sandbox.run(&["export", "-o", "folder"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("is a directory"), "{stderr}");
}

// 5. A change committed with its mirror unwritable: saved, said, exit 4.
#[test]
fn a_mirror_that_cannot_be_written_does_not_hide_a_saved_change() {
    let sandbox = Sandbox::seeded();
    fs::create_dir(sandbox.file("gone")).unwrap();
    sandbox.ok(&["mirror", "set", "gone/ROADMAP.md"]);
    fs::remove_dir_all(sandbox.file("gone")).unwrap();
    let (code, stdout, stderr) = sandbox.run(&["add", "Reports", "--phase", "MVP"]);
    assert_eq!(code, 4, "{stderr}");
    assert!(stdout.contains("added F2"), "{stdout}");
    assert!(
        stderr.contains("the change is saved") && stderr.contains("gone/ROADMAP.md"),
        "{stderr}"
    );
    assert!(sandbox.ok(&["list"]).contains("Reports"));
}

// 5. One bad config key: the good ones apply, and the CLI says which line.
#[test]
fn a_config_with_a_bad_key_keeps_the_good_ones_in_the_cli() {
    let sandbox = Sandbox::seeded();
    fs::write(
        sandbox.file("config.toml"),
        "theme = \"neon\"\nauthor = \"Grace\"\n",
    )
    .unwrap();
    let output = sandbox
        .cmd(&["add", "Reports", "--phase", "MVP"])
        .env_remove("ROADBOARD_AUTHOR")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("config.toml: line 1: theme"), "{stderr}");
    let log = sandbox.ok(&["log", "--json"]);
    assert!(log.contains("\"who\": \"Grace\""), "{log}");
}

// 6. Nothing the CLI prints for a person drives the terminal.
#[test]
fn control_characters_from_a_document_are_shown_not_obeyed() {
    let sandbox = Sandbox::new();
    let document = sandbox.file("evil.md");
    fs::write(
        &document,
        "# Evil\n\n## Phase 1: Owned \u{1b}]0;pwned\u{7}\n\n- [ ] Steal \u{1b}]52;c;Y2xpcGJvYXJk\u{7} clipboard\n",
    )
    .unwrap();
    for args in [
        vec!["import", "--dry-run", "evil.md"],
        vec!["import", "evil.md"],
        vec!["list"],
        vec!["phase", "list"],
        vec!["status"],
        vec!["log"],
        vec!["forecast"],
    ] {
        let (_, stdout, stderr) = sandbox.run(&args);
        for text in [&stdout, &stderr] {
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{args:?} printed a raw escape: {text:?}"
            );
        }
    }
}

// 6. Refusals and errors naming a title are printed visibly too.
#[test]
fn errors_show_escapes_visibly() {
    let sandbox = Sandbox::seeded();
    let (code, _, stderr) = sandbox.run(&["phase", "edit", "\u{1b}[2J nowhere"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("\\e[2J nowhere"), "{stderr}");
}

// 7. Single-line fields refuse line breaks and control characters.
#[test]
fn single_line_fields_refuse_breaks_naming_the_field() {
    let sandbox = Sandbox::seeded();
    let (code, _, stderr) = sandbox.run(&["add", "Two\nlines", "--phase", "MVP"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("title: must be one line"), "{stderr}");
    let (code, _, stderr) = sandbox.run(&["add", "Ok", "--owner", "x\u{7}"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("owner: holds the control character U+0007"),
        "{stderr}"
    );
    let (code, _, stderr) = sandbox.run(&["phase", "add", "A\rB"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("name: must be one line"), "{stderr}");
    sandbox.ok(&["add", "Fine", "--description", "two\nlines keep"]);
}

// 16. An empty file with a stale -wal beside it is refused, untouched.
#[test]
fn an_empty_file_with_a_stale_wal_is_refused_and_left_alone() {
    let sandbox = Sandbox::seeded();
    let empty = sandbox.file("empty.db");
    fs::write(&empty, b"").unwrap();
    fs::copy(sandbox.db(), sandbox.file("empty.db-wal")).unwrap();
    let wal = fs::read(sandbox.file("empty.db-wal")).unwrap();
    let (code, _, stderr) = sandbox.run(&["--db", "empty.db", "list"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("empty file"), "{stderr}");
    assert_eq!(fs::read(&empty).unwrap(), b"");
    assert_eq!(fs::read(sandbox.file("empty.db-wal")).unwrap(), wal);
}

// 16. A path starting with `//` is a path, not a URI authority.
#[test]
fn a_path_with_a_double_slash_opens() {
    let sandbox = Sandbox::seeded();
    let doubled = format!("/{}", sandbox.db().display());
    assert!(sandbox.ok(&["--db", &doubled, "list"]).contains("Billing"));
}

// 16. A hot rollback journal is rolled back as SQLite does.
#[test]
fn a_hot_rollback_journal_is_recovered() {
    let sandbox = Sandbox::seeded();
    // A crash in the middle of a transaction in rollback-journal mode:
    // copy the file and its journal while the transaction is open.
    let crashed = sandbox.file("crashed.db");
    {
        let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "cache_size", 1).unwrap();
        conn.execute_batch("BEGIN; UPDATE feature SET title = title || ' (half)';")
            .unwrap();
        conn.execute_batch(
            "CREATE TABLE filler AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) SELECT i, randomblob(200) AS b FROM n;",
        )
        .unwrap();
        fs::copy(sandbox.db(), &crashed).unwrap();
        let journal = sandbox.file("roadmap.db-journal");
        assert!(journal.exists(), "the transaction spilled to a journal");
        fs::copy(&journal, sandbox.file("crashed.db-journal")).unwrap();
        conn.execute_batch("ROLLBACK").unwrap();
    }
    let listed = sandbox.ok(&["--db", "crashed.db", "list"]);
    assert!(
        listed.contains("Billing") && !listed.contains("(half)"),
        "{listed}"
    );
}

// 16. A leftover backup never blocks a migration, and is never overwritten.
#[test]
fn an_existing_backup_name_is_kept_and_a_free_one_chosen() {
    let sandbox = Sandbox::new();
    let db = sandbox.file("old.db");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db"),
        &db,
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&db, fs::Permissions::from_mode(0o600)).unwrap();
    }
    fs::write(sandbox.file("old.db.v1.bak"), b"an older copy").unwrap();
    sandbox.ok(&["--db", "old.db", "list"]);
    assert_eq!(
        fs::read(sandbox.file("old.db.v1.bak")).unwrap(),
        b"an older copy"
    );
    let backup = sandbox.file("old.db.v1.2.bak");
    assert!(backup.exists());
    assert_eq!(mode_of(&backup), 0o600);
}

// 19. Ctrl-c cannot be bound away: it always quits.
#[test]
fn ctrl_c_cannot_be_bound() {
    let sandbox = Sandbox::seeded();
    fs::write(sandbox.file("config.toml"), "[keys]\nquit = \"<Ctrl-c>\"\n").unwrap();
    let (code, _, stderr) = sandbox.run(&["list"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("line 2: keys.quit: Ctrl-c always quits"),
        "{stderr}"
    );
}

// 20. The default velocity is checked like the config; `--since -7d` works.
#[test]
fn velocity_is_range_checked_and_since_takes_a_negative_offset() {
    let sandbox = Sandbox::seeded();
    let (code, _, stderr) = sandbox.run(&["forecast", "--default-velocity", "0"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("out of range (1 to 365)"), "{stderr}");
    let log = sandbox.ok(&["log", "--since", "-7d"]);
    assert!(log.contains("added F1"), "{log}");
}

/// The example roadmap as a JSON export, for documents to break.
fn example_export(sandbox: &Sandbox) -> serde_json::Value {
    sandbox.ok(&["--db", "example.db", "init", "--example"]);
    let text = sandbox.ok(&["--db", "example.db", "export", "--format", "json"]);
    serde_json::from_str(&text).unwrap()
}

fn import_json(sandbox: &Sandbox, document: &serde_json::Value) -> (i32, String) {
    fs::write(sandbox.file("doc.json"), document.to_string()).unwrap();
    let (code, _, stderr) = sandbox.run(&["--db", "target.db", "import", "doc.json"]);
    (code, stderr)
}

// 10. A JSON document is checked whole before anything is written.
#[test]
fn a_broken_json_document_names_each_problem_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let good = example_export(&sandbox);
    let broken = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut document = good.clone();
        change(&mut document["roadmap"]);
        let (code, stderr) = import_json(&sandbox, &document);
        assert!(!sandbox.file("target.db").exists(), "{stderr}");
        assert_eq!(code, 1, "{stderr}");
        stderr
    };
    let stderr = broken(&|r| r["milestones"][3]["phase"] = 999.into());
    assert!(
        stderr.contains("milestones[3].phase = 999: no phase with id 999"),
        "{stderr}"
    );
    let stderr = broken(&|r| r["dependencies"][0]["depends_on"] = (-5).into());
    assert!(
        stderr.contains("dependencies[0].depends_on = -5: no feature"),
        "{stderr}"
    );
    let stderr = broken(&|r| {
        let edge = r["dependencies"][0].clone();
        let reverse =
            serde_json::json!({"feature": edge["depends_on"], "depends_on": edge["feature"]});
        r["dependencies"].as_array_mut().unwrap().push(reverse);
    });
    assert!(stderr.contains("closes a cycle"), "{stderr}");
    let stderr = broken(&|r| r["features"][0]["key"] = "F4294967295".into());
    assert!(
        stderr.contains("features[0].key: F4294967295 is out of range"),
        "{stderr}"
    );
    let stderr = broken(&|r| {
        let second = r["features"]
            .as_array()
            .unwrap()
            .iter()
            .position(|f| f["status"] == "planned")
            .unwrap();
        r["features"][second]["status"] = "active".into();
        r["features"][second]["started"] = "2026-11-20".into();
    });
    assert!(stderr.contains("already holds the ONE slot"), "{stderr}");
    let stderr = broken(&|r| r["features"][1]["key"] = r["features"][0]["key"].clone());
    assert!(
        stderr.contains("is also the key of features[0]"),
        "{stderr}"
    );
    let stderr = broken(&|r| r["features"][0]["title"] = "one\ntwo".into());
    assert!(
        stderr.contains("features[0].title: must be one line"),
        "{stderr}"
    );
    let (code, stderr) = import_json(&sandbox, &good);
    assert_eq!(code, 0, "{stderr}");
}

// 12. Byte-order marks and UTF-16 are read; binary files are refused.
#[test]
fn encodings_are_decoded_and_binary_files_refused() {
    let sandbox = Sandbox::new();
    let text = "# Plan\n\n## Phase 1: Start\n\n- [ ] Signup\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    fs::write(sandbox.file("utf16.md"), utf16).unwrap();
    fs::write(
        sandbox.file("bom.md"),
        [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    )
    .unwrap();
    for name in ["utf16.md", "bom.md"] {
        let db = format!("{name}.db");
        sandbox.ok(&["--db", &db, "import", name]);
        let listed = sandbox.ok(&["--db", &db, "list"]);
        assert!(listed.contains("Signup"), "{name}: {listed}");
        let phases = sandbox.ok(&["--db", &db, "phase", "list"]);
        assert!(phases.contains("Start"), "{name}: {phases}");
    }

    Sandbox::seeded_into(&sandbox, "other.db");
    for name in ["other.db", "image.png"] {
        if name == "image.png" {
            fs::write(sandbox.file(name), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
        }
        let (code, _, stderr) = sandbox.run(&["--db", "target.db", "import", name]);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("not a text document"), "{stderr}");
        assert!(!sandbox.file("target.db").exists());
    }
}

impl Sandbox {
    fn seeded_into(&self, db: &str) {
        self.ok(&["--db", db, "init", "--name", "Other"]);
    }
}

/// Item 11: real exports, mutated where documents break (dangling and
/// negative ids, duplicates, cycles, out-of-range numbers). Whatever the
/// mutation, reading never panics, and a document the check accepts is one
/// the store accepts.
mod structured_fuzz {
    use proptest::prelude::*;
    use roadboard::domain::Roadmap;
    use roadboard::store::{OpenMode, Store};
    use serde_json::Value;

    fn example() -> Value {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::open(&dir.path().join("e.db"), OpenMode::CreateIfMissing, "t").unwrap();
        roadboard::example::build(
            &mut store,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        )
        .unwrap();
        serde_json::to_value(store.load().unwrap()).unwrap()
    }

    const LISTS: [&str; 6] = [
        "phases",
        "milestones",
        "features",
        "dependencies",
        "blockers",
        "requests",
    ];
    const FIELDS: [&str; 9] = [
        "id",
        "phase",
        "feature",
        "depends_on",
        "key",
        "impact",
        "effort",
        "chosen",
        "position",
    ];

    #[derive(Debug, Clone)]
    enum Mutation {
        SetNumber {
            list: usize,
            item: usize,
            field: usize,
            value: i64,
        },
        Duplicate {
            list: usize,
            item: usize,
        },
        Remove {
            list: usize,
            item: usize,
        },
        Edge {
            from: usize,
            to: usize,
        },
        Status {
            item: usize,
            status: &'static str,
        },
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        let value = prop_oneof![
            Just(-1i64),
            Just(0),
            Just(1),
            Just(2),
            Just(5),
            Just(6),
            Just(999),
            Just(i64::from(u32::MAX)),
            Just(i64::MAX),
            -3i64..40
        ];
        prop_oneof![
            (0..LISTS.len(), 0..40usize, 0..FIELDS.len(), value).prop_map(
                |(list, item, field, value)| Mutation::SetNumber {
                    list,
                    item,
                    field,
                    value
                }
            ),
            (0..LISTS.len(), 0..40usize)
                .prop_map(|(list, item)| Mutation::Duplicate { list, item }),
            (0..LISTS.len(), 0..40usize).prop_map(|(list, item)| Mutation::Remove { list, item }),
            (0..40usize, 0..40usize).prop_map(|(from, to)| Mutation::Edge { from, to }),
            (
                0..40usize,
                prop::sample::select(vec!["active", "in_review", "shipped", "parked", "planned"])
            )
                .prop_map(|(item, status)| Mutation::Status { item, status }),
        ]
    }

    fn apply(roadmap: &mut Value, mutation: &Mutation) {
        let pick =
            |list: &mut Vec<Value>, item: usize| (!list.is_empty()).then(|| item % list.len());
        match *mutation {
            Mutation::SetNumber {
                list,
                item,
                field,
                value,
            } => {
                let list = roadmap[LISTS[list]].as_array_mut().unwrap();
                if let Some(i) = pick(list, item) {
                    let field = FIELDS[field];
                    if field == "key" {
                        list[i][field] =
                            format!("F{}", value.rem_euclid(i64::from(u32::MAX) + 1)).into();
                    } else if list[i].get(field).is_some() {
                        list[i][field] = value.into();
                    }
                }
            }
            Mutation::Duplicate { list, item } => {
                let list = roadmap[LISTS[list]].as_array_mut().unwrap();
                if let Some(i) = pick(list, item) {
                    list.push(list[i].clone());
                }
            }
            Mutation::Remove { list, item } => {
                let list = roadmap[LISTS[list]].as_array_mut().unwrap();
                if let Some(i) = pick(list, item) {
                    list.remove(i);
                }
            }
            Mutation::Edge { from, to } => {
                let ids: Vec<Value> = roadmap["features"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["id"].clone())
                    .collect();
                if !ids.is_empty() {
                    let edge = serde_json::json!({"feature": ids[from % ids.len()], "depends_on": ids[to % ids.len()]});
                    roadmap["dependencies"].as_array_mut().unwrap().push(edge);
                }
            }
            Mutation::Status { item, status } => {
                let list = roadmap["features"].as_array_mut().unwrap();
                if let Some(i) = pick(list, item) {
                    list[i]["status"] = status.into();
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: crate::common::fuzz_cases(48), ..ProptestConfig::default() })]

        #[test]
        fn mutated_exports_are_refused_by_name_or_stored(mutations in prop::collection::vec(mutation(), 1..6)) {
            let mut document = example();
            for mutation in &mutations {
                apply(&mut document, mutation);
            }
            let Ok(roadmap) = serde_json::from_value::<Roadmap>(document) else {
                return Ok(()); // a type error: serde names it with its line
            };
            let problems = roadmap.validate();
            for problem in &problems {
                prop_assert!(!problem.place.is_empty() && !problem.message.is_empty());
            }
            let dir = tempfile::tempdir().unwrap();
            let mut store = Store::open(&dir.path().join("t.db"), OpenMode::CreateIfMissing, "t").unwrap();
            let result = store.import(&roadmap, &[], "fuzz");
            if problems.is_empty() {
                prop_assert!(result.is_ok(), "accepted by the check, refused by the store: {:?}", result.err());
            } else {
                prop_assert!(result.is_err());
                prop_assert!(store.load().is_err(), "nothing was written");
            }
        }
    }
}

// 21. A backup is a consistent copy, taken while a board holds the file
// open mid-transaction, with the source's mode, and never over a file.
#[test]
fn backup_copies_consistently_and_never_overwrites() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::seeded();
    fs::set_permissions(sandbox.db(), fs::Permissions::from_mode(0o600)).unwrap();
    let open = rusqlite::Connection::open(sandbox.db()).unwrap();
    open.execute_batch("BEGIN; UPDATE feature SET title = 'uncommitted';")
        .unwrap();
    let said = sandbox.ok(&["backup", "copy.db"]);
    assert!(said.contains("copy.db"), "{said}");
    open.execute_batch("ROLLBACK").unwrap();
    assert_eq!(mode_of(&sandbox.file("copy.db")), 0o600);
    let listed = sandbox.ok(&["--db", "copy.db", "list"]);
    assert!(
        listed.contains("Billing") && !listed.contains("uncommitted"),
        "{listed}"
    );
    let leftovers: Vec<String> = fs::read_dir(sandbox.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".roadboard"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let before = fs::read(sandbox.file("copy.db")).unwrap();
    let (code, _, stderr) = sandbox.run(&["backup", "copy.db"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("never replaces a file"), "{stderr}");
    assert_eq!(fs::read(sandbox.file("copy.db")).unwrap(), before);
    let (code, _, stderr) = sandbox.run(&["backup", "roadmap.db-wal"]);
    assert_eq!(code, 1, "{stderr}");
    let default = sandbox.ok(&["backup"]);
    assert!(default.contains("roadmap-2"), "{default}");
}

// 14. Undo never deletes what later changes made depend on.
#[test]
fn undo_refuses_to_delete_rows_that_later_changes_refer_to() {
    use roadboard::domain::{FeatureFields, NewFeature};
    use roadboard::domain::{FeatureKey, RequestPriority};
    use roadboard::store::{OpenMode, Store};
    let sandbox = Sandbox::seeded();
    let mut board = Store::open(&sandbox.db(), OpenMode::Existing, "board").unwrap();
    let phase = board.resolve_phase("MVP").unwrap();
    board
        .add_feature(&NewFeature {
            fields: FeatureFields {
                title: "Exports".into(),
                ..FeatureFields::default()
            },
            phase: Some(phase.id),
            ..NewFeature::default()
        })
        .unwrap();
    let added = board.last_entry().unwrap();
    // Another process, since: a blocker on it and a dependency on it.
    sandbox.ok(&["block", "F2", "--on", "the bank"]);
    sandbox.ok(&["depend", "F1", "--on", "F2"]);
    let error = board.undo(added).unwrap_err().to_string();
    assert!(
        error.contains("1 dependency and 1 blocker made since refer to what it would remove")
            || error
                .contains("1 blocker and 1 dependency made since refer to what it would remove"),
        "{error}"
    );
    let roadmap = board.load().unwrap();
    assert!(roadmap.feature_by_key(FeatureKey(2)).is_some());
    assert_eq!(roadmap.dependencies.len(), 1);
    assert_eq!(roadmap.blockers.len(), 1);
    // Without anything pointing at it, the same kind of undo goes through.
    board
        .add_request("CSV", "chef", RequestPriority::Low, chrono::NaiveDate::MIN)
        .unwrap();
    let request = board.last_entry().unwrap();
    board.undo(request).unwrap();
    assert!(board.load().unwrap().requests.is_empty());
}

// 15. The board notices its file replaced on disk and never writes into
// the unlinked one.
#[test]
fn a_replaced_file_is_reopened_and_a_removed_one_refuses_edits() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut h = common::board::Harness::example(today);
    let path = h.store.path().to_path_buf();
    let mut seen = h.store.data_version().unwrap();
    // A backup of another roadmap moved into place.
    let sandbox = Sandbox::seeded();
    sandbox.ok(&["backup", "restored.db"]);
    fs::rename(sandbox.file("restored.db"), &path).unwrap();
    assert!(common::board::reopen_if_replaced(
        &mut h.store,
        &mut h.app,
        &mut seen
    ));
    assert!(
        h.message().contains("was replaced on disk"),
        "{}",
        h.message()
    );
    assert_eq!(h.app.roadmap.as_ref().unwrap().info.name, "Acme");
    assert!(h.app.undo_stack.is_empty());
    h.press("u");
    assert!(!h.message().contains("undo:"), "{}", h.message());
    // The file removed: edits are refused, not written into the void.
    fs::remove_file(&path).unwrap();
    assert!(common::board::reopen_if_replaced(
        &mut h.store,
        &mut h.app,
        &mut seen
    ));
    assert!(h.message().contains("edits are refused"), "{}", h.message());
    h.press("c");
    h.type_text("Lost idea");
    h.press("Enter");
    assert!(
        h.message().contains("replaced or removed"),
        "{}",
        h.message()
    );
    assert!(!path.exists());
}

// 13. Two boards editing one card: a save writes only what its form
// changed, and refuses (keeping the form) a field changed elsewhere.
#[test]
fn two_boards_never_silently_revert_each_other() {
    use roadboard::app::Overlay;
    use roadboard::domain::FeatureKey;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut first = common::board::Harness::example(today);
    let mut second = first.second_board("other");
    let title = |h: &common::board::Harness| h.store.feature(FeatureKey(4)).unwrap();

    first.press("e");
    second.press("e <Ctrl-u>");
    second.type_text("Swap requests (renamed)");
    second.press("<Ctrl-s>");
    assert!(
        second.message() == "edited F4 \"Swap requests (renamed)\": title",
        "{}",
        second.message()
    );
    // The first board's form still shows the old title; it edits the owner.
    for _ in 0..9 {
        first.press("Tab");
    }
    first.type_text("Ada");
    first.press("<Ctrl-s>");
    assert!(
        // Only what this save changed: the owner, not the other board's title.
        first.message() == "edited F4 \"Swap requests (renamed)\": owner",
        "{}",
        first.message()
    );
    let saved = title(&first);
    assert_eq!(
        saved.title, "Swap requests (renamed)",
        "the other save stays"
    );
    assert!(saved.owner.ends_with("Ada"));

    // Both change the same field: the later save is refused, form kept.
    first.act(roadboard::app::Action::Reloaded(Box::new(
        roadboard::app::Outcome::news(Ok(String::new()), first.store.load().ok()),
    )));
    second.act(roadboard::app::Action::Reloaded(Box::new(
        roadboard::app::Outcome::news(Ok(String::new()), second.store.load().ok()),
    )));
    first.press("e <Ctrl-u>");
    first.type_text("First's title");
    second.press("e <Ctrl-u>");
    second.type_text("Second's title");
    second.press("<Ctrl-s>");
    first.press("<Ctrl-s>");
    assert!(
        first.message().contains("title of F4") && first.message().contains("changed elsewhere"),
        "{}",
        first.message()
    );
    let Some(Overlay::Form(form)) = first.app.top() else {
        panic!("the refused form was closed");
    };
    assert_eq!(form.value("Title"), "First's title");
    assert_eq!(title(&first).title, "Second's title");
}

// 17. A row edited by hand is named by table, row and column, in one line,
// by the CLI and by the board alike.
#[test]
fn a_hand_edited_row_is_named_by_table_row_and_column() {
    let sandbox = Sandbox::seeded();
    let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
    conn.execute(
        "UPDATE feature SET target_date = 'soon' WHERE key_num = 1",
        [],
    )
    .unwrap();
    drop(conn);
    let (code, _, stderr) = sandbox.run(&["list"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("roadboard: feature F1, column target_date: "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // The board, before it touches the terminal.
    let (code, stdout, stderr) = sandbox.run(&[]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with("roadboard: feature F1, column target_date"),
        "{stderr}"
    );
    assert!(!stderr.contains("Location:"), "no report: {stderr}");

    let conn = rusqlite::Connection::open(sandbox.db()).unwrap();
    conn.execute_batch(
        "UPDATE feature SET target_date = NULL; PRAGMA ignore_check_constraints = 1; UPDATE phase SET status = 'someday';",
    )
    .unwrap();
    drop(conn);
    let (_, _, stderr) = sandbox.run(&["phase", "list"]);
    assert!(
        stderr.contains("phase #1, column status: unknown phase status `someday`"),
        "{stderr}"
    );
}

// 8. Text that Markdown would read as structure stays text: a description
// cannot smuggle a feature in, emoji stay, notes keep their lines.
#[test]
fn exported_text_never_becomes_structure() {
    let sandbox = Sandbox::seeded();
    sandbox.ok(&[
        "add",
        "Pizza 🍕 #1 | *fast*",
        "--phase",
        "MVP",
        "--description",
        "first line\n## Parking Lot\n- [ ] Smuggled feature\n<!-- hidden -->",
    ]);
    sandbox.ok(&["export", "-o", "out.md"]);
    sandbox.ok(&["--db", "again.db", "import", "out.md"]);
    let listed = sandbox.ok(&["--db", "again.db", "list", "--json"]);
    let features: serde_json::Value = serde_json::from_str(&listed).unwrap();
    let titles: Vec<&str> = features
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Billing", "Pizza 🍕 #1 | *fast*"], "{listed}");
    let shown = sandbox.ok(&["--db", "again.db", "show", "F2", "--json"]);
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(
        shown["description"],
        "first line\n## Parking Lot\n- [ ] Smuggled feature\n<!-- hidden -->"
    );
}

// 9. A CSV cell never runs as a formula in a spreadsheet.
#[test]
fn csv_cells_are_never_formulas() {
    let sandbox = Sandbox::seeded();
    sandbox.ok(&[
        "add",
        "=HYPERLINK(\"http://evil\",\"click\")",
        "--phase",
        "MVP",
        "--owner",
        "@admin",
    ]);
    let csv = sandbox.ok(&["export", "--format", "csv"]);
    let row = csv.lines().find(|l| l.starts_with("F2,")).unwrap();
    assert!(
        row.contains("\"'=HYPERLINK(") && row.contains(",'@admin,"),
        "{row}"
    );
}

// 10. The board's import of a broken document says why and writes nothing.
#[test]
fn the_board_refuses_a_broken_json_document_by_name() {
    let sandbox = Sandbox::new();
    let mut document = example_export(&sandbox);
    document["roadmap"]["milestones"][0]["phase"] = 999.into();
    fs::write(sandbox.file("broken.json"), document.to_string()).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut h = common::board::Harness::example(today);
    let before = h.store.load().unwrap();
    h.press(":");
    h.type_text("import a roadmap");
    h.press("Enter");
    h.type_text(sandbox.file("broken.json").to_str().unwrap());
    h.press("Enter");
    assert!(
        h.message()
            .contains("milestones[0].phase = 999: no phase with id 999"),
        "{}",
        h.message()
    );
    assert_eq!(h.store.load().unwrap(), before);
}

// Trust, round two, 1. A backup moved over a file that a long-lived holder
// (the board's worker, an MCP server, a watch) has open: the writes other
// processes then acknowledge to the new file survive the holder's reopen
// and its own next write, and the new file is never damaged by frames of
// the old one.
#[test]
fn a_backup_restored_under_an_open_holder_keeps_every_later_write() {
    let sandbox = Sandbox::seeded();
    sandbox.ok(&["backup", "backup.db"]);
    let mut holder =
        roadboard::store::Store::open(&sandbox.db(), roadboard::store::OpenMode::Existing, "mcp")
            .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let note = |what: &str| roadboard::domain::command::Command::AddNote {
        what: what.into(),
        why: String::new(),
        feature: None,
    };
    // A write of the holder's own just before the restore.
    holder.apply(&note("before the restore"), today).unwrap();
    fs::rename(sandbox.file("backup.db"), sandbox.db()).unwrap();
    for n in 0..20 {
        sandbox.ok(&["note", &format!("restored note {n}")]);
    }
    assert!(holder.follow_replacement().unwrap(), "the holder notices");
    holder.apply(&note("after the restore"), today).unwrap();
    drop(holder);

    let log = sandbox.ok(&["log"]);
    let kept = (0..20)
        .filter(|n| log.contains(&format!("restored note {n}")))
        .count();
    assert_eq!(kept, 20, "{log}");
    assert!(log.contains("after the restore"), "{log}");
    assert!(!log.contains("before the restore"), "the old file's: {log}");
    common::assert_intact(&sandbox.db());
}

// Trust, round two, 4. A mirror path written into the file by someone else
// decides nothing: the next write leaves that path alone and says why.
#[test]
fn a_mirror_planted_in_the_file_is_never_written() {
    let sandbox = Sandbox::seeded();
    let target = sandbox.file("authorized_keys");
    fs::write(&target, "the owner's key\n").unwrap();
    rusqlite::Connection::open(sandbox.db())
        .unwrap()
        .execute("UPDATE roadmap SET mirror = ?1", [target.to_string_lossy()])
        .unwrap();
    let (code, _, stderr) = sandbox.run(&["park", "idea"]);
    assert_eq!(code, 4, "saved, the mirror behind: {stderr}");
    assert!(stderr.contains("not set on this machine"), "{stderr}");
    assert_eq!(fs::read_to_string(&target).unwrap(), "the owner's key\n");
    let shown = sandbox.ok(&["mirror"]);
    assert!(shown.contains("will not write to"), "{shown}");
    // Confirmed here, by this person: written, and the file's claim settled.
    let mine = sandbox.file("ROADMAP.md");
    sandbox.ok(&["mirror", "set", "ROADMAP.md"]);
    let (code, _, stderr) = sandbox.run(&["park", "another idea"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(fs::read_to_string(&mine).unwrap().contains("another idea"));
    assert_eq!(fs::read_to_string(&target).unwrap(), "the owner's key\n");
}

// Trust, round two, 15 (and the proof's stress test). Three writer
// processes, a reader, backups and a long-lived holder on one file for a
// bounded time: no healthy file is ever called damaged, every acknowledged
// write is there, and the file passes SQLite's integrity check.
#[test]
fn concurrent_writers_readers_and_backups_never_see_a_false_damage() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};

    let sandbox = Arc::new(Sandbox::seeded());
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let refusals = Arc::new(Mutex::new(Vec::<String>::new()));
    let done = Arc::new(AtomicBool::new(false));
    let record = |refusals: &Mutex<Vec<String>>, stderr: String| {
        if stderr.contains("damaged") || stderr.contains("cut short") {
            refusals.lock().unwrap().push(stderr);
        }
    };
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let (sandbox, acknowledged, refusals) =
                (sandbox.clone(), acknowledged.clone(), refusals.clone());
            std::thread::spawn(move || {
                for n in 0..12 {
                    let text = format!("writer {w} note {n}");
                    let (code, _, stderr) = sandbox.run(&["note", &text]);
                    if code == 0 {
                        acknowledged.lock().unwrap().push(text);
                    }
                    record(&refusals, stderr);
                }
            })
        })
        .collect();
    // A reader (as a shell prompt runs `status`) and backups, until the
    // writers are done.
    let others: Vec<_> = [false, true]
        .into_iter()
        .map(|backs_up| {
            let (sandbox, refusals, done) = (sandbox.clone(), refusals.clone(), done.clone());
            std::thread::spawn(move || {
                let mut n = 0;
                while !done.load(Ordering::Relaxed) {
                    let copy = format!("copy-{n}.db");
                    let args = if backs_up {
                        vec!["backup", copy.as_str()]
                    } else {
                        vec!["status"]
                    };
                    let (_, _, stderr) = sandbox.run(&args);
                    record(&refusals, stderr);
                    n += 1;
                }
            })
        })
        .collect();
    let mut holder =
        roadboard::store::Store::open(&sandbox.db(), roadboard::store::OpenMode::Existing, "board")
            .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut held = 0;
    while writers.iter().any(|w| !w.is_finished()) {
        let note = roadboard::domain::command::Command::AddNote {
            what: format!("holder note {held}"),
            why: String::new(),
            feature: None,
        };
        if holder.apply(&note, today).is_ok() {
            acknowledged
                .lock()
                .unwrap()
                .push(format!("holder note {held}"));
        }
        held += 1;
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(holder);
    for writer in writers {
        writer.join().unwrap();
    }
    done.store(true, Ordering::Relaxed);
    for other in others {
        other.join().unwrap();
    }
    let refusals = refusals.lock().unwrap();
    assert!(refusals.is_empty(), "false damage: {refusals:?}");
    let log = sandbox.ok(&["log"]);
    let acknowledged = acknowledged.lock().unwrap();
    assert!(acknowledged.len() >= 30, "{acknowledged:?}");
    for text in acknowledged.iter() {
        assert!(log.contains(text.as_str()), "{text} is missing");
    }
    common::assert_intact(&sandbox.db());
}

// Trust, round two, 10–14 and 21: endless or hostile inputs end with a
// message naming them, and nothing is created or left half done.
#[test]
fn endless_inputs_and_missing_terminals_end_with_a_message() {
    let sandbox = Sandbox::seeded();
    // 10: a device that never ends.
    let (code, _, stderr) = sandbox.run(&["import", "/dev/zero"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("larger than 64 MB"), "{stderr}");
    // 11: the board without a terminal creates nothing.
    let fresh = sandbox.file("fresh.db");
    let output = sandbox
        .process(&["--db", fresh.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the board needs a terminal"));
    assert!(!fresh.exists());
    // 12: a config that is a FIFO is not opened (opening it would block).
    let fifo = sandbox.file("fifo.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, stdout, stderr) = sandbox.run(&["--config", fifo.to_str().unwrap(), "status"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
    assert!(!stdout.is_empty());
    // 14: completions into a full device exit cleanly, without a backtrace.
    let full = sandbox
        .process(&["completions", "bash"])
        .stdout(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(full.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&full.stderr).contains("panicked"));
    // 21: a day of the week and a period that are not.
    let (code, _, stderr) = sandbox.run(&["roadmap", "edit", "--review-day", "Funday"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`Funday` is not a day of the week"),
        "{stderr}"
    );
    let (code, _, stderr) = sandbox.run(&["update", "--since", "9999-12-31"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("is after today"), "{stderr}");
}

// Trust, round two, 13: a template of one's own runs out of fuel, named.
#[test]
fn a_template_that_would_run_forever_is_stopped_and_named() {
    let sandbox = Sandbox::seeded();
    let templates = sandbox.file("templates");
    fs::create_dir(&templates).unwrap();
    fs::write(
        templates.join("index.html"),
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let (code, _, stderr) = sandbox.run(&[
        "publish",
        "-o",
        "site",
        "--templates",
        templates.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("index.html") && stderr.contains("fuel"),
        "{stderr}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

// Trust, round two, 3 and 6: publish writes only into a directory that is
// empty or its own, and never through a link that leaves it.
#[test]
fn publish_never_overwrites_a_foreign_site_nor_writes_through_a_link_out() {
    let sandbox = Sandbox::seeded();
    let www = sandbox.file("www");
    fs::create_dir(&www).unwrap();
    fs::write(www.join("index.html"), "my own home page").unwrap();
    let (code, _, stderr) = sandbox.run(&["publish", "-o", "www"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("holds files roadboard did not write (index.html)"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(www.join("index.html")).unwrap(),
        "my own home page"
    );
    // A new directory is publish's, again and again.
    sandbox.ok(&["publish", "-o", "site"]);
    sandbox.ok(&["publish", "-o", "site"]);
    // A link planted in it that leads out is refused, what it names untouched.
    let outside = sandbox.file("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("secret.txt"), "secret").unwrap();
    fs::remove_file(sandbox.file("site/index.html")).unwrap();
    std::os::unix::fs::symlink("../outside/secret.txt", sandbox.file("site/index.html")).unwrap();
    let (code, _, stderr) = sandbox.run(&["publish", "-o", "site"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("outside the site"), "{stderr}");
    assert_eq!(
        fs::read_to_string(outside.join("secret.txt")).unwrap(),
        "secret"
    );
}

// Trust, round two, 5: the update's file extension picks its format; a
// why that is a tag is text in HTML, never a live tag.
#[test]
fn an_update_written_to_an_html_file_is_html_and_escapes_what_it_quotes() {
    let sandbox = Sandbox::seeded();
    sandbox.ok(&["start", "F1"]);
    sandbox.ok(&[
        "pause",
        "F1",
        "--why",
        "<img src=x onerror=alert(document.domain)//>",
    ]);
    sandbox.ok(&["update", "--since", "2026-01-01", "-o", "update.html"]);
    let html = fs::read_to_string(sandbox.file("update.html")).unwrap();
    assert!(html.contains("<html") || html.contains("<h1"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    let (code, _, stderr) = sandbox.run(&["update", "--format", "md", "-o", "u.html"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("does not fit"), "{stderr}");
}

// Trust, round two, 7: a character XML forbids, in a title or in the
// config's publish title, never makes the feed or the page unreadable.
#[test]
fn the_feed_stays_valid_xml_whatever_the_titles_hold() {
    let sandbox = Sandbox::seeded();
    sandbox.ok(&["start", "F1"]);
    sandbox.ok(&["ship", "F1"]);
    rusqlite::Connection::open(sandbox.db())
        .unwrap()
        .execute(
            "UPDATE feature SET title = 'Bill' || char(65535) || 'ing' || char(1) WHERE key_num = 1",
            [],
        )
        .unwrap();
    fs::write(
        sandbox.file("config.toml"),
        "[publish]\ntitle = \"Acme\\u0008 plans\"\n",
    )
    .unwrap();
    sandbox.ok(&["publish", "-o", "site"]);
    let feed = fs::read(sandbox.file("site/feed.xml")).unwrap();
    let text = String::from_utf8(feed.clone()).unwrap();
    let forbidden = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}');
    assert!(!text.chars().any(forbidden), "{text}");
    let parsed = feed_rs::parser::parse(&feed[..]).expect("the feed parses as XML");
    assert!(
        parsed
            .entries
            .iter()
            .any(|e| e.title.as_ref().is_some_and(|t| t.content.contains("Bill")))
    );
    let page = fs::read_to_string(sandbox.file("site/index.html")).unwrap();
    assert!(!page.contains('\u{FFFF}') && !page.contains('\u{1}') && !page.contains('\u{8}'));
}

// Trust, round two, 9: a new mirror of a 0600 roadmap is 0600; a log is
// never appended into the database.
#[test]
fn a_mirror_is_as_private_as_its_roadmap_and_a_log_never_lands_in_it() {
    let sandbox = Sandbox::seeded();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(sandbox.db(), fs::Permissions::from_mode(0o600)).unwrap();
    sandbox.ok(&["mirror", "set", "ROADMAP.md"]);
    sandbox.ok(&["park", "idea"]);
    assert_eq!(mode_of(&sandbox.file("ROADMAP.md")), 0o600);
    let before = fs::read(sandbox.db()).unwrap();
    let db = sandbox.db();
    let (code, _, stderr) = sandbox.run(&["--log", db.to_str().unwrap(), "status"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("no log"), "{stderr}");
    assert_eq!(fs::read(sandbox.db()).unwrap(), before);
}

// Trust, round two, 22: states the method forbids are refused for every
// writer: open work into a complete phase, a shipped feature waiting for
// one not done, an outcome of a feature never shipped.
#[test]
fn the_method_refuses_inconsistent_states_from_every_writer() {
    let sandbox = Sandbox::new();
    sandbox.ok(&["init", "--example"]);
    // Phase 1 of the example is complete; F5 is planned, F1 shipped.
    let (code, _, stderr) = sandbox.run(&["add", "Late idea", "--phase", "1"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("is complete: a new feature cannot go into it"),
        "{stderr}"
    );
    let (code, _, stderr) = sandbox.run(&["edit", "F5", "--phase", "1"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("is complete"), "{stderr}");
    let (code, _, stderr) = sandbox.run(&["depend", "F1", "--on", "F5"]);
    assert_ne!(code, 0);
    assert!(
        stderr.contains("F1 \"Staff directory\" is shipped: it cannot wait for F5"),
        "{stderr}"
    );
    // A document saying the same is refused by name, nothing written.
    let mut json = example_export(&sandbox);
    let planned = json["roadmap"]["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] == "planned")
        .unwrap()["id"]
        .clone();
    json["roadmap"]["outcomes"] = serde_json::json!([{
        "feature": planned, "check_on": null, "result": "hit",
        "value": "", "note": "", "recorded": null
    }]);
    let (code, message) = import_json(&sandbox, &json);
    assert_ne!(code, 0);
    assert!(
        message.contains("outcomes[0]") && message.contains("only a shipped feature"),
        "{message}"
    );
}

// Trust, round two, 18: a `file:` name is the file it names.
#[test]
fn a_file_colon_name_is_the_file_it_names() {
    let sandbox = Sandbox::new();
    let (code, stdout, stderr) = sandbox.run(&["--db", "file:x.db", "init", "--name", "X"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(sandbox.file("file:x.db").exists(), "{stdout}");
    assert!(!sandbox.file("x.db").exists());
}

// Trust, round two, 16: a full disk is said to be full (never "damaged —
// restore it from a backup") and reads go on.
#[test]
fn a_full_disk_is_named_and_reads_go_on() {
    struct Mounted(PathBuf);
    impl Drop for Mounted {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let sandbox = Sandbox::new();
    let small = sandbox.file("small");
    fs::create_dir(&small).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=800k", "tmpfs"])
        .arg(&small)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: a small tmpfs cannot be mounted here (needs root)");
        return;
    }
    let _unmount = Mounted(small.clone());
    let db = small.join("r.db");
    let db_arg = db.to_str().unwrap();
    sandbox.ok(&["--db", db_arg, "init", "--name", "Acme"]);
    sandbox.ok(&["--db", db_arg, "note", "before the disk filled"]);
    // Fill what is left.
    let _ = fs::write(small.join("fill"), vec![0u8; 1024 * 1024]);
    let big = "x".repeat(60_000);
    let refused = (0..20)
        .map(|_| sandbox.run(&["--db", db_arg, "note", &big]))
        .find(|(code, _, _)| *code != 0);
    let (_, _, stderr) = refused.expect("the disk fills up");
    assert!(
        stderr.contains("the disk is full") || stderr.contains("the disk may be full"),
        "{stderr}"
    );
    assert!(!stderr.contains("damaged"), "{stderr}");
    let log = sandbox.ok(&["--db", db_arg, "log"]);
    assert!(log.contains("before the disk filled"), "{log}");
}

// Trust, round two, 17: a file that may not be written is still shown,
// exported and backed up; only a change is refused, by name.
#[test]
fn a_read_only_file_is_read_exported_and_backed_up() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::seeded();
    fs::set_permissions(sandbox.db(), fs::Permissions::from_mode(0o444)).unwrap();
    assert!(!sandbox.ok(&["status"]).is_empty());
    assert!(sandbox.ok(&["list"]).contains("Billing"));
    assert!(sandbox.ok(&["export"]).contains("Billing"));
    sandbox.ok(&["backup", "copy.db"]);
    assert!(sandbox.file("copy.db").exists());
    let (code, _, stderr) = sandbox.run(&["note", "a change"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("read-only"), "{stderr}");
}

// Trust, round two, 1, for `publish --watch`: the watch follows a backup
// moved into place and publishes the restored roadmap; what the CLI then
// writes to it is kept and the file is sound.
#[test]
fn publish_watch_follows_a_restored_backup() {
    let sandbox = Sandbox::seeded();
    sandbox.ok(&["backup", "backup.db"]);
    sandbox.ok(&["roadmap", "edit", "--name", "Renamed"]);
    let mut watch = sandbox
        .process(&["publish", "--watch", "-o", "site"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let json = sandbox.file("site/roadmap.json");
    let says = |text: &str| fs::read_to_string(&json).is_ok_and(|j| j.contains(text));
    let wait_for = |text: &str| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !says(text) && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        says(text)
    };
    assert!(wait_for("Renamed"), "the first publish");
    fs::rename(sandbox.file("backup.db"), sandbox.db()).unwrap();
    sandbox.ok(&["note", "after the restore"]);
    let followed = wait_for("\"Acme\"");
    let _ = watch.kill();
    let _ = watch.wait();
    assert!(followed, "the watch published the restored roadmap");
    assert!(sandbox.ok(&["log"]).contains("after the restore"));
    common::assert_intact(&sandbox.db());
}
