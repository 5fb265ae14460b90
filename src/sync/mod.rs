//! `roadboard sync`: this file's roadmap and the one on the sync branch
//! made one. The file's state is committed, the branch fetched, both merged
//! field by field from what they last shared (`domain::sync::merge`), the
//! result written here as one change and pushed. Nothing is written while
//! a conflict is unsettled; a push that fails loses nothing (the merge is
//! kept here, and the next sync pushes it).

mod remote;

use chrono::NaiveDate;

use crate::domain::sync::doc::{DocError, FILE, SyncDoc};
use crate::domain::sync::merge::{Conflict, Merged, Resolutions, Sides, Take, merge};
use crate::git::GitError;
use crate::interchange::export_md::export_markdown;
use crate::local::SyncPlace;
use crate::store::{Store, StoreError};
use remote::{PushError, READABLE, Remote};

/// How many times a sync merges again when the remote moved during it.
const ATTEMPTS: usize = 3;

/// What went wrong, in words that say what to do.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("this file is not set up to sync: run `roadboard sync setup REMOTE` first")]
    NotSetUp,
    #[error(
        "this file holds no roadmap and {remote} has none yet: run `roadboard init` or `roadboard import` first, then sync"
    )]
    NothingToShare { remote: String },
    #[error(
        "could not reach {remote}: {said}\nnothing changed here; run `roadboard sync` again when it can be reached"
    )]
    Unreachable { remote: String, said: String },
    #[error("{0}")]
    Git(#[from] GitError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("the roadmap on the sync branch cannot be read: {0}")]
    Unreadable(#[from] DocError),
    #[error("{}", conflicts_text(.0))]
    Conflicts(Vec<Conflict>),
    #[error(
        "the merge is kept here, but the push to {remote} failed: {said}\nnothing is lost; run `roadboard sync` again to push it"
    )]
    PushFailed { remote: String, said: String },
    #[error(
        "{remote} kept changing while this sync merged ({ATTEMPTS} tries); what was merged is kept here: run `roadboard sync` again"
    )]
    KeptMoving { remote: String },
}

fn conflicts_text(conflicts: &[Conflict]) -> String {
    let mut text = format!(
        "{} to settle; nothing was changed here or there:\n",
        crate::domain::text::count(conflicts.len() as i64, "conflict")
    );
    for conflict in conflicts {
        text.push_str(&format!("  {}\n", conflict.sentence()));
    }
    text.push_str(
        "settle them all with `roadboard sync --ours` or `--theirs`, or each with `--take NAME=ours|theirs`",
    );
    text
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Synced {
    /// Items the other machine added, changed or deleted here.
    pub pulled: usize,
    /// Whether this machine's changes went to the remote.
    pub pushed: bool,
    /// What the merge had to say (renumbered cards, a paused feature,
    /// items kept, settled conflicts), a sentence each.
    pub notes: Vec<String>,
}

impl Synced {
    /// One line for the terminal, and the notes under it.
    pub fn sentence(&self, place: &SyncPlace) -> String {
        let mut text = match (self.pulled, self.pushed) {
            (0, false) => format!(
                "up to date with {} ({})",
                shown_remote(&place.remote),
                place.branch
            ),
            (0, true) => format!(
                "pushed to {} ({})",
                shown_remote(&place.remote),
                place.branch
            ),
            (n, pushed) => format!(
                "{} from {}{}",
                crate::domain::text::count(n as i64, "change"),
                shown_remote(&place.remote),
                if pushed { ", and pushed" } else { "" }
            ),
        };
        for note in &self.notes {
            text.push_str(&format!("\n  {note}"));
        }
        text
    }
}

/// Where a file syncs and how far it is from what was last shared; asks
/// no remote.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SyncStatus {
    pub remote: String,
    pub branch: String,
    /// When it last synced (UTC), if ever.
    pub last_synced: Option<chrono::NaiveDateTime>,
    /// The commit on the branch it last shared.
    pub commit: Option<String>,
    /// Changes made here since (the change log's entries of this machine);
    /// before a first sync, none is counted.
    pub waiting: usize,
}

impl SyncStatus {
    /// A few words for the board's header: `synced 14:02 · 2 to push`
    /// (local time).
    pub fn short(&self) -> String {
        use chrono::TimeZone as _;
        let when = match self.last_synced {
            Some(at) => {
                let local = chrono::Local.from_utc_datetime(&at);
                format!("synced {}", local.format("%H:%M"))
            }
            None => "not synced yet".to_owned(),
        };
        match self.waiting {
            0 => when,
            n => format!("{when} · {n} to push"),
        }
    }

    pub fn sentence(&self) -> String {
        let when = match self.last_synced {
            Some(at) => format!("last synced {} UTC", at.format("%Y-%m-%d %H:%M")),
            None => "never synced".to_owned(),
        };
        let waiting = match self.waiting {
            0 => "nothing waits to be pushed".to_owned(),
            1 => "1 change here waits for `roadboard sync`".to_owned(),
            n => format!("{n} changes here wait for `roadboard sync`"),
        };
        format!(
            "syncs with {} ({}): {when}; {waiting}",
            self.remote, self.branch
        )
    }
}

/// The sync state of `store`, set up at `place`.
pub fn status(store: &Store, place: &SyncPlace) -> Result<SyncStatus, SyncError> {
    let mark = store.sync_mark()?;
    Ok(SyncStatus {
        remote: shown_remote(&place.remote),
        branch: place.branch.clone(),
        last_synced: mark.as_ref().map(|mark| mark.at),
        waiting: mark.as_ref().map_or(0, |mark| mark.waiting),
        commit: mark.map(|mark| mark.commit),
    })
}

/// How a sync is run.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// How conflicts are settled.
    pub resolutions: &'a Resolutions,
    /// The day a feature the ONE rule pauses is paused on.
    pub today: NaiveDate,
    /// Nobody can answer a question (the board draws on the terminal): git
    /// asks none, and a stalled connection fails instead of waiting.
    pub unattended: bool,
}

/// Syncs `store` with the branch of `place`.
pub fn sync(store: &mut Store, place: &SyncPlace, run: Run<'_>) -> Result<Synced, SyncError> {
    let Run {
        resolutions,
        today,
        unattended,
    } = run;
    let remote = Remote::of(place, unattended)?;
    let unreachable = |error: GitError| SyncError::Unreachable {
        remote: shown_remote(&place.remote),
        said: error.to_string(),
    };
    let mut synced = Synced::default();
    for _ in 0..ATTEMPTS {
        let tip = remote.tip().map_err(unreachable)?;
        if tip.is_none() && store.info()?.is_none() {
            return Err(SyncError::NothingToShare {
                remote: shown_remote(&place.remote),
            });
        }
        let base = store.sync_base()?;
        if let Some(tip) = &tip
            && base.as_ref().is_none_or(|base| base.commit != *tip)
        {
            remote.fetch().map_err(unreachable)?;
            let theirs = SyncDoc::from_text(&remote.read(tip)?)?;
            let ours = store.sync_doc()?;
            let shared = match base {
                Some(base) => base.doc,
                // A file just made takes the roadmap as it is there.
                None if ours.is_empty_plan() => ours.clone(),
                None => SyncDoc::new(),
            };
            let sides = Sides {
                base: &shared,
                ours: &ours,
                theirs: &theirs,
            };
            let merged = merge(&sides, &store.sync_links()?, resolutions, today);
            if !merged.conflicts.is_empty() {
                return Err(SyncError::Conflicts(merged.conflicts));
            }
            let notes = notes_of(&merged);
            if merged.doc == ours {
                store.keep_sync_base(&theirs, tip)?;
            } else {
                // Only history came: a line saying so would itself be
                // history for the other machine to fetch, sync after sync.
                let what = (merged.from_theirs > 0 || !notes.is_empty())
                    .then(|| log_line(&merged, &notes, place));
                store.apply_sync(&merged.doc, what, (&theirs, tip))?;
            }
            synced.pulled += merged.from_theirs;
            synced.notes.extend(notes);
        }
        let now = store.sync_doc()?;
        if store.sync_base()?.is_some_and(|base| base.doc == now) {
            return Ok(synced);
        }
        let files = branch_files(store, &now)?;
        let files: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let machine = crate::local::machine();
        let message = format!("roadboard sync from {}", some_name(&machine));
        let commit = remote.commit(&files, tip.as_deref(), &message, (store.author(), &machine))?;
        match remote.push(&commit) {
            Ok(()) => {
                store.keep_sync_base(&now, &commit)?;
                synced.pushed = true;
                return Ok(synced);
            }
            Err(PushError::Behind) => continue,
            Err(PushError::Failed(error)) => {
                return Err(SyncError::PushFailed {
                    remote: shown_remote(&place.remote),
                    said: error.to_string(),
                });
            }
        }
    }
    Err(SyncError::KeptMoving {
        remote: shown_remote(&place.remote),
    })
}

/// A remote as it may be written down (the log, the terminal): without
/// the password or token a URL can carry.
pub fn shown_remote(remote: &str) -> String {
    match remote.split_once("://") {
        Some((scheme, rest)) => {
            let host_end = rest.find('/').unwrap_or(rest.len());
            match rest[..host_end].rfind('@') {
                Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
                None => remote.to_owned(),
            }
        }
        None => remote.to_owned(),
    }
}

fn some_name(machine: &str) -> &str {
    if machine.is_empty() {
        "a machine"
    } else {
        machine
    }
}

/// The exact form, and a readable copy for people browsing the branch.
fn branch_files(store: &Store, doc: &SyncDoc) -> Result<Vec<(&'static str, String)>, SyncError> {
    let mut files = vec![(FILE, doc.to_text())];
    if store.info()?.is_some() {
        files.push((READABLE, export_markdown(&store.load()?, &[])));
    }
    Ok(files)
}

/// A sentence for each thing the merge did beyond taking the other side's
/// edits.
fn notes_of(merged: &Merged) -> Vec<String> {
    let renumbered = merged.renumbered.iter().map(|r| {
        format!(
            "\"{}\" is now F{}: F{} is {} from the other machine",
            r.title, r.to, r.from, r.kept_by
        )
    });
    let paused = merged.paused.iter().map(|p| {
        format!(
            "{} paused: {} was started first, and only ONE feature is active",
            p.feature, p.kept
        )
    });
    let kept = (merged.kept.iter())
        .map(|item| format!("kept {item}: deleted on one machine, still used on the other"));
    let settled = merged.settled.iter().map(|(conflict, take)| {
        let side = match take {
            Take::Ours => "this machine's",
            Take::Theirs => "the other machine's",
        };
        format!("{}: took {side}", conflict.name)
    });
    renumbered
        .chain(paused)
        .chain(kept)
        .chain(settled)
        .collect()
}

fn log_line(merged: &Merged, notes: &[String], place: &SyncPlace) -> String {
    let changes = (merged.from_theirs > 0)
        .then(|| crate::domain::text::count(merged.from_theirs as i64, "change"));
    let said: Vec<String> = changes.into_iter().chain(notes.iter().cloned()).collect();
    format!(
        "synced with {} ({}): {}",
        shown_remote(&place.remote),
        place.branch,
        said.join("; ")
    )
}
