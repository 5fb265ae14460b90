//! Settings that belong to one roadmap rather than to the person: the
//! Markdown mirror, kept as an absolute path in the file.

use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;

use super::files::database_file_at;
use super::write::LogLine;
use super::{Result, Store, StoreError};

impl Store {
    /// The mirror of the roadmap in the file at `path`, read without the
    /// checks of a full open: for a command that has just written to it,
    /// so that a roadmap without a mirror costs no second open.
    pub fn mirror_of(path: &Path) -> Result<Option<PathBuf>> {
        let conn = rusqlite::Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(super::BUSY_TIMEOUT)?;
        mirror_in(&conn)
    }

    /// The Markdown file rewritten after every change, if one is set.
    pub fn mirror(&self) -> Result<Option<PathBuf>> {
        mirror_in(&self.conn)
    }

    /// Sets the mirror to `path` made absolute against `base` (the
    /// directory the command runs in), or turns it off with `None`. The
    /// database's own files are refused. Returns the absolute path.
    pub fn set_mirror(&mut self, path: Option<&Path>, base: &Path) -> Result<Option<PathBuf>> {
        let absolute = path.map(|p| base.join(p));
        if let Some(target) = &absolute
            && let Some(file) = database_file_at(&self.path, target)
        {
            return Err(StoreError::Invalid {
                field: "mirror",
                message: format!(
                    "{} is {}, part of this roadmap's database; choose a Markdown file",
                    target.display(),
                    file.display()
                ),
            });
        }
        self.require_info()?;
        let text = absolute.as_ref().map(|p| p.to_string_lossy().into_owned());
        self.write(|tx, _| {
            tx.execute("UPDATE roadmap SET mirror = ?1 WHERE id = 1", [&text])?;
            let what = match &text {
                Some(path) => format!("mirror set to {path}"),
                None => "mirror turned off".to_owned(),
            };
            Ok(((), LogLine::new(what)))
        })?;
        Ok(absolute)
    }
}

fn mirror_in(conn: &rusqlite::Connection) -> Result<Option<PathBuf>> {
    let path: Option<Option<String>> = conn
        .query_row("SELECT mirror FROM roadmap WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    Ok(path.flatten().map(PathBuf::from))
}
