//! `roadboard backup`: a consistent copy of the file through SQLite's
//! online backup API, safe while a board has it open, with the source's
//! permissions, never written over an existing file.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::files::database_file_at;
use super::{Result, Store, StoreError};

impl Store {
    /// Copies the database to `target` (by default `<stem>-<now>.db` beside
    /// it); returns the path written.
    pub fn backup_to(&self, target: Option<&Path>, now: chrono::NaiveDateTime) -> Result<PathBuf> {
        let target = match target {
            Some(path) => path.to_path_buf(),
            None => default_target(&self.path, now),
        };
        let refuse = |message: String| StoreError::Invalid {
            field: "backup",
            message,
        };
        if let Some(file) = database_file_at(&self.path, &target) {
            return Err(refuse(format!(
                "{} is {}, part of the database being backed up",
                target.display(),
                file.display()
            )));
        }
        if fs::symlink_metadata(&target).is_ok() {
            return Err(refuse(format!(
                "{} exists; a backup never replaces a file — choose another name",
                target.display()
            )));
        }
        let io = |source| StoreError::Io {
            path: target.clone(),
            source,
        };
        let dir = target
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temporary = tempfile::Builder::new()
            .prefix(".roadboard-backup-")
            .tempfile_in(dir)
            .map_err(io)?;
        {
            let mut copy = Connection::open(temporary.path())?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
        }
        let mode = fs::metadata(&self.path).map_err(io)?.permissions();
        temporary.as_file().set_permissions(mode).map_err(io)?;
        temporary.as_file().sync_all().map_err(io)?;
        temporary
            .persist_noclobber(&target)
            .map_err(|e| io(e.error))?;
        Ok(target)
    }
}

/// `roadmap.db` → `roadmap-2026-11-23-231045.db`, beside it.
fn default_target(path: &Path, now: chrono::NaiveDateTime) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or("roadmap".into(), |s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}-{}.db", now.format("%Y-%m-%d-%H%M%S")))
}
