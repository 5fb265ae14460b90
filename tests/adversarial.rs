//! Trust at the edges, tried as a careful attacker and a careless user
//! would: outputs that would destroy a file, text that would drive the
//! terminal, documents that would break the store, files half-written by
//! someone else. The numbers name the items of the issue they prove.

use std::fs;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

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
        let mut cmd = Command::cargo_bin("roadboard").unwrap();
        cmd.args(args)
            .current_dir(self.dir.path())
            .env("ROADBOARD_DB", self.db())
            .env("ROADBOARD_TODAY", "2026-11-23")
            .env("ROADBOARD_AUTHOR", "ada")
            .env("ROADBOARD_CONFIG", self.file("config.toml"));
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
