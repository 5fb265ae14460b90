//! A scan: the commits since the last one, linked to the cards they name,
//! and each `Ships:` trailer carried out through the method — refused, and
//! said, where the method refuses (the ONE rule, a feature not started).

use chrono::NaiveDate;

use super::{GitError, Repo};
use crate::domain::command::Command;
use crate::domain::commits::{CardCommit, KeyPattern, mentions};
use crate::domain::{FeatureKey, Transition, TransitionArgs};
use crate::store::{Store, StoreError};

/// What a scan found and did.
#[derive(Debug, Default)]
pub struct Scan {
    /// Commits read (since the last scan).
    pub read: usize,
    /// Links new to this roadmap, oldest first.
    pub linked: Vec<(FeatureKey, CardCommit)>,
    /// What each `Ships:` trailer shipped, as the change log says it.
    pub shipped: Vec<String>,
    /// Trailers the method refused, and why.
    pub refused: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads the commits of `repo` since this file's last scan of it, keeps
/// the links to this roadmap's cards, and ships what a new `Ships:`
/// trailer names.
pub fn scan(
    store: &mut Store,
    repo: &Repo,
    pattern: &KeyPattern,
    today: NaiveDate,
) -> Result<Scan, ScanError> {
    let Some(head) = repo.head()? else {
        return Ok(Scan::default());
    };
    let name = repo.root().to_string_lossy().into_owned();
    let since = store.last_scanned(&name)?;
    if since.as_deref() == Some(head.as_str()) {
        return Ok(Scan::default());
    }
    let mut commits = repo.commits_since(since.as_deref(), &head)?;
    // Oldest first: a card's links, and its ship, in the order they happened.
    commits.reverse();
    let links: Vec<(FeatureKey, CardCommit)> = commits
        .iter()
        .flat_map(|commit| {
            mentions(&commit.message, pattern)
                .into_iter()
                .map(|mention| {
                    (
                        mention.key,
                        CardCommit {
                            hash: commit.hash.clone(),
                            when: commit.when,
                            subject: commit.subject.clone(),
                            ships: mention.ships,
                        },
                    )
                })
        })
        .collect();
    let mut found = Scan {
        read: commits.len(),
        linked: store.unseen_links(links)?,
        ..Scan::default()
    };
    // The ships first, the scan kept after: a ship that fails (not one the
    // method refuses) leaves the scan to be done again.
    for (key, commit) in found.linked.iter().filter(|(_, commit)| commit.ships) {
        let change = Command::Transition {
            key: *key,
            transition: Transition::Ship,
            args: TransitionArgs {
                reason: Some(format!(
                    "Ships: in commit {} \"{}\"",
                    commit.short_hash(),
                    commit.subject
                )),
                ..TransitionArgs::default()
            },
        };
        match store.apply(&change, today) {
            Ok(applied) => found.shipped.push(applied.summary),
            Err(StoreError::Refused(refusal)) => found.refused.push(format!(
                "{key} not shipped by {} ({}): {refusal}",
                commit.short_hash(),
                commit.subject
            )),
            Err(other) => return Err(other.into()),
        }
    }
    store.keep_commit_links(&name, &head, &found.linked)?;
    Ok(found)
}
