//! Settings that belong to one roadmap rather than to the person: the
//! Markdown mirror, kept as an absolute path in the file.

use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;

use super::files::database_file_at;
use super::write::LogLine;
use super::{Result, Store, StoreError};

impl Store {
    /// The Markdown file rewritten after every change, if one is set.
    pub fn mirror(&self) -> Result<Option<PathBuf>> {
        let path: Option<Option<String>> = self
            .conn
            .query_row("SELECT mirror FROM roadmap WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        Ok(path.flatten().map(PathBuf::from))
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
