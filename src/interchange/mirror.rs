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
    write_mirror(store, &store.load()?, path, with_log)
}

/// Writes the mirror at `path` from `roadmap` (and the store's log).
fn write_mirror(
    store: &Store,
    roadmap: &crate::domain::Roadmap,
    path: &Path,
    with_log: bool,
) -> Result<(), MirrorError> {
    let log = if with_log {
        store.log(&LogFilter::default())?
    } else {
        Vec::new()
    };
    let document = export_markdown(roadmap, &log);
    write_document(path, document.as_bytes(), Some(store.path()))?;
    Ok(())
}

/// What could not be rewritten after a change (the change itself stands).
#[derive(Debug, Default, PartialEq)]
pub struct Behind {
    pub mirror: Option<String>,
    pub publish: Option<String>,
}

impl Behind {
    /// What the board says when an output fell behind a saved change.
    pub fn sentences(&self) -> Vec<String> {
        let mirror = self
            .mirror
            .as_ref()
            .map(|error| format!("saved, but the mirror is behind: {error}"));
        let publish = self
            .publish
            .as_ref()
            .map(|error| format!("saved, but the public roadmap is behind: {error}"));
        mirror.into_iter().chain(publish).collect()
    }
}

/// What is said of a mirror the file names but this person never set here.
fn unconfirmed_mirror(named: &Path) -> String {
    let named = crate::domain::text::one_line(&named.to_string_lossy());
    format!(
        "the file names a mirror at {named}, which was not set on this machine, so nothing was written there; run `roadboard mirror set {named}` to keep it, or `roadboard mirror off`"
    )
}

/// After an accepted change, from any writer (the board, the command line,
/// an agent): the roadmap's Markdown mirror and the config's publish
/// directory, where they are set. `known` is the roadmap as the caller
/// already holds it; otherwise it is read once, and only if needed.
pub fn refresh_outputs(
    store: &Store,
    known: Option<&crate::domain::Roadmap>,
    publish: Option<(&Path, &crate::domain::public::PublishSettings)>,
    today: chrono::NaiveDate,
) -> Behind {
    let mut behind = Behind::default();
    let mirror = match store.mirror() {
        Ok(mirror) => mirror,
        Err(error) => {
            behind.mirror = Some(error.to_string());
            None
        }
    };
    if mirror.is_none()
        && let Ok(Some(named)) = store.mirror_named_by_file()
    {
        behind.mirror = Some(unconfirmed_mirror(&named));
    }
    if mirror.is_none() && publish.is_none() {
        return behind;
    }
    let loaded;
    let roadmap = match known {
        Some(roadmap) => roadmap,
        None => match store.load() {
            Ok(roadmap) => {
                loaded = roadmap;
                &loaded
            }
            Err(error) => {
                behind.mirror = Some(error.to_string());
                return behind;
            }
        },
    };
    if let Some(path) = mirror {
        let started = std::time::Instant::now();
        behind.mirror = write_mirror(store, roadmap, &path, true)
            .err()
            .map(|e| e.to_string());
        let ms = started.elapsed().as_secs_f64() * 1e3;
        tracing::debug!(ms, path = %path.display(), error = ?behind.mirror, "mirror");
    }
    if let Some((dir, settings)) = publish {
        let public = crate::domain::public::public_roadmap(roadmap, settings, today);
        behind.publish = super::publish::publish(&public, dir, None, Some(store.path()))
            .err()
            .map(|e| e.to_string());
    }
    behind
}
