//! Settings that belong to one roadmap file on this machine: the Markdown
//! mirror, kept in this person's local state (`crate::local`), never in
//! the file, whose content someone else may have written.

use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;

use super::files::database_file_at;
use super::write::LogLine;
use super::{Result, Store, StoreError};

impl Store {
    /// The Markdown file rewritten after every change, if this person set
    /// one for this file on this machine.
    pub fn mirror(&self) -> Result<Option<PathBuf>> {
        Ok(crate::local::mirror_of(&self.path)?)
    }

    /// The corrections kept for the document at `document`: each line's
    /// text and the role the founder gave it.
    pub fn document_roles(&self, document: &str) -> Result<Vec<(String, String)>> {
        let mut statement = self
            .conn
            .prepare("SELECT line_text, role FROM document_role WHERE document = ?1")?;
        let rows = statement
            .query_map([document], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Keeps corrections for the document at `document` (a line already
    /// corrected takes the new role). A setting of the import, not a change
    /// of the roadmap: not logged.
    pub fn keep_document_roles(
        &mut self,
        document: &str,
        roles: &[(String, String)],
    ) -> Result<()> {
        self.unlogged_write(|tx| {
            for (line, role) in roles {
                tx.execute(
                    "INSERT INTO document_role (document, line_text, role) VALUES (?1, ?2, ?3)
                     ON CONFLICT(document, line_text) DO UPDATE SET role = excluded.role",
                    [document, line, role],
                )?;
            }
            Ok(())
        })
    }

    /// A mirror the file itself names (set by a roadboard that kept it in
    /// the file, or by whoever wrote the file): never written to, only
    /// reported until this person sets a mirror or turns it off.
    pub fn mirror_named_by_file(&self) -> Result<Option<PathBuf>> {
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
        crate::local::set_mirror(&self.path, absolute.as_deref())?;
        let text = absolute.as_ref().map(|p| p.to_string_lossy().into_owned());
        self.write(|tx, _| {
            // A mirror the file named is settled by this choice.
            tx.execute("UPDATE roadmap SET mirror = NULL WHERE id = 1", [])?;
            let what = match &text {
                Some(path) => format!("mirror set to {path}"),
                None => "mirror turned off".to_owned(),
            };
            Ok(((), LogLine::new(what)))
        })?;
        Ok(absolute)
    }
}
