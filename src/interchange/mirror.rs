//! The Markdown mirror: the export rewritten after every accepted change,
//! through `output::write_document` (atomic, never over the database).

use std::path::Path;

use super::export_md::export_markdown;
use super::output::{OutputError, write_document};
use crate::store::{LogFilter, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum MirrorError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Rewrites the mirror at `path` from the store as it is now, with the
/// change log unless `with_log` is false.
pub fn refresh(store: &Store, path: &Path, with_log: bool) -> Result<(), MirrorError> {
    let roadmap = store.load()?;
    let log = if with_log {
        store.log(&LogFilter::default())?
    } else {
        Vec::new()
    };
    let document = export_markdown(&roadmap, &log);
    write_document(path, document.as_bytes(), Some(store.path()))?;
    Ok(())
}
