//! The real binary on a small roadmap in a temporary file.

use std::path::PathBuf;

use assert_cmd::Command;

/// A roadmap with a phase "MVP" and a feature F1, in a temporary file.
pub struct Plan {
    pub _dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Plan {
    /// The example roadmap (Shiftwise: F4 active, three shipped).
    pub fn example() -> Self {
        let plan = Self::empty();
        plan.ok(&["init", "--example"]);
        plan
    }

    /// No roadmap yet: the file does not exist.
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("roadmap.db");
        Plan { _dir: dir, db }
    }

    /// The directory the roadmap file is in (for outputs next to it).
    pub fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    pub fn new() -> Self {
        let plan = Self::empty();
        plan.ok(&["init", "--name", "Acme"]);
        plan.ok(&["phase", "add", "MVP"]);
        plan.ok(&["add", "Billing", "--phase", "MVP"]);
        plan
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("roadboard").unwrap();
        cmd.args(args)
            .env("ROADBOARD_DB", &self.db)
            .env("ROADBOARD_TODAY", "2026-11-23")
            .env("ROADBOARD_AUTHOR", "ada")
            .env("ROADBOARD_CONFIG", self.db.with_file_name("config.toml"))
            .env("ROADBOARD_STATE", self.db.with_file_name("local.toml"));
        cmd
    }

    /// The roadmap in the file, as the store loads it.
    pub fn roadmap(&self) -> roadboard::domain::Roadmap {
        roadboard::store::Store::open(&self.db, roadboard::store::OpenMode::Existing, "t")
            .unwrap()
            .load()
            .unwrap()
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.cmd(args).output().unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    pub fn fails(&self, args: &[&str]) -> (i32, String) {
        let output = self.cmd(args).output().unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}

impl Plan {
    /// The roadmap as it comes back from exporting this file in `format`
    /// (md or json) and importing that into a new file.
    pub fn round_trip(&self, format: &str) -> roadboard::domain::Roadmap {
        let document = self.db.with_extension(format);
        self.ok(&[
            "export",
            "--format",
            format,
            "-o",
            document.to_str().unwrap(),
        ]);
        let copy = self.db.with_file_name(format!("copy-{format}.db"));
        self.ok(&[
            "import",
            document.to_str().unwrap(),
            "--into",
            copy.to_str().unwrap(),
        ]);
        let store = roadboard::store::Store::open(&copy, roadboard::store::OpenMode::Existing, "t")
            .unwrap();
        store.load().unwrap()
    }
}
