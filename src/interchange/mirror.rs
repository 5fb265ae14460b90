//! The Markdown mirror: the export rewritten after every accepted change,
//! atomically (a temporary file next to it, then a rename), so a reader —
//! or git — never sees half a document.

use std::io::Write as _;
use std::path::Path;

use super::export_md::export_markdown;
use crate::store::{LogFilter, Store, StoreError};

/// Writes `contents` to `path` through a temporary sibling and a rename.
pub fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "mirror".into());
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

#[derive(Debug, thiserror::Error)]
pub enum MirrorError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write the mirror {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
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
    write_atomically(path, &export_markdown(&roadmap, &log)).map_err(|source| MirrorError::Io {
        path: path.display().to_string(),
        source,
    })
}
