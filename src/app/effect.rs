//! What `update` asks the runner to do, and what comes back. Effects are
//! data, so `update` stays free of I/O and tests can inspect them.

use crate::domain::command::Command;
use crate::domain::*;

/// What the board asks to be written: a change to the roadmap (the
/// store's `Command`), or a file read into it or written from it.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    Store(Command),
    /// Fill an empty file with the example roadmap.
    LoadExample,
    /// Read a document into the file.
    Import {
        path: std::path::PathBuf,
    },
    /// Write the roadmap to a file, in the format its extension names.
    Export {
        path: std::path::PathBuf,
        velocity_days: i64,
    },
    /// Write the stakeholder update (its format from the file's extension).
    StakeholderUpdate {
        path: std::path::PathBuf,
        settings: crate::domain::public::PublishSettings,
        velocity: i64,
    },
}

impl From<Command> for Write {
    fn from(command: Command) -> Self {
        Write::Store(command)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Write(Box<Write>),
    /// Read the change log for the log view.
    LoadLog,
    /// Read what the roadmap pane shows beside the roadmap (the last change).
    OpenRoadmapPane,
    /// Read one feature's change log and commits for its detail.
    LoadHistory(crate::domain::FeatureKey),
    /// Sync with the other machine, settling conflicts so.
    Sync(Box<crate::domain::sync::merge::Resolutions>),
    /// Link the commits made since the last scan (on opening the board).
    ScanCommits(Box<(crate::git::Repo, crate::domain::commits::KeyPattern)>),
    /// Read a document and show what it holds before importing it.
    PreviewImport(std::path::PathBuf),
    /// Open the review: the draft left unfinished, or a new one.
    OpenReview(crate::domain::ReviewKind),
    /// Keep the review in progress.
    SaveReviewDraft(Box<crate::domain::review::ReviewDraft>),
    Quit,
}

impl Effect {
    pub fn write(write: impl Into<Write>) -> Effect {
        Effect::Write(Box::new(write.into()))
    }
}

/// The result of a write as the board needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// What to tell the user: the change made, or why it was refused.
    pub message: Result<String, String>,
    /// The roadmap as it is now (when it could be read): whole, or the
    /// rows the write changed.
    pub roadmap: Option<Fresh>,
    /// The change-log entry the write made, for undo.
    pub entry: Option<i64>,
    /// The card to select afterwards (a new or moved card).
    pub select: Option<FeatureKey>,
    /// Whether `entry` came from undoing (true) or redoing an earlier one.
    pub undo_kind: Option<UndoKind>,
    /// What would get past a refusal (shown with their keys).
    pub remedies: Vec<super::Action>,
}

impl Outcome {
    /// An outcome that only says something and maybe shows a new roadmap:
    /// nothing to undo, nothing to select.
    pub fn news(message: Result<String, String>, roadmap: Option<Roadmap>) -> Self {
        Outcome {
            message,
            roadmap: roadmap.map(Fresh::Whole),
            entry: None,
            select: None,
            undo_kind: None,
            remedies: Vec::new(),
        }
    }
}

/// The roadmap after a write, as the board takes it in.
#[derive(Debug, Clone, PartialEq)]
pub enum Fresh {
    /// Read whole: a first roadmap, an import, another writer's change.
    Whole(Roadmap),
    /// Only the rows the write changed, for the roadmap the board holds.
    Rows(crate::domain::fresh::FreshRows),
}

impl Fresh {
    /// The roadmap, when it was read whole.
    pub fn whole(&self) -> Option<&Roadmap> {
        match self {
            Fresh::Whole(roadmap) => Some(roadmap),
            Fresh::Rows(_) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoKind {
    Undid(i64),
    Redid(i64),
}
