//! Everything the board can be asked to do: keys map to these through the
//! keymap, the command palette lists them, `update` carries them out.

use serde::{Deserialize, Serialize};

use crate::domain::Transition;

use super::effect::Outcome;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Left,
    Right,
    Up,
    Down,
    Top,
    Bottom,
    /// `H` / `L`: the card to the previous / next phase.
    MoveCardLeft,
    MoveCardRight,
    /// `K` / `J`: the card up / down within its phase.
    MoveCardUp,
    MoveCardDown,
    Open,
    Back,
    /// Enter in a prompt, picker or form; Ctrl-s in a form.
    Submit,
    NextField,
    PreviousField,
    NewFeature,
    EditFeature,
    NewPhase,
    EditPhase,
    AddMilestone,
    CheckMilestone,
    Transition(Transition),
    EditDependencies,
    AddBlocker,
    ResolveBlockers,
    /// Private (off the published roadmap) or public again.
    TogglePrivate,
    Search,
    Filter,
    Undo,
    Redo,
    Help,
    Palette,
    Quit,
    /// `g`: the Gantt pane under the board, or not.
    ToggleGantt,
    /// `G`: the Gantt pane full screen, or back.
    FullGantt,
    GrowGantt,
    ShrinkGantt,
    ZoomIn,
    ZoomOut,
    ScrollEarlier,
    ScrollLater,
    /// `t`: bring today into view.
    GanttToday,
    /// Show parked and dropped features in the Gantt too.
    ToggleClosed,
    /// `P`: the parking lot, and back.
    Parking,
    /// `c`: a one-line idea straight into the parking lot.
    Capture,
    /// Parking lot: the other list.
    SwitchList,
    RaisePriority,
    LowerPriority,
    /// Parking lot: when to look at a parked feature again.
    Snooze,
    /// Parking lot: link the request to an existing feature.
    LinkRequest,
    /// Parking lot: the request is a duplicate; merge its askers into another.
    MergeRequest,
    /// Parking lot: turn the request into a parked feature.
    RequestToFeature,
    /// Parking lot: the next order (priority, age, requester).
    Sort,
    /// Parking lot: new requests only, or all of them.
    ToggleAllRequests,
    /// Read a roadmap document into this file (asks for its path).
    Import,
    /// Write the roadmap as Markdown (asks for the path).
    Export,
    /// First run: start an empty roadmap / load the example.
    StartEmpty,
    LoadExample,
    /// A mouse click on a card.
    #[serde(skip)]
    Select(usize, crate::domain::FeatureKey),
    /// A mouse click on a row of a list (the parking lot's, the tracks').
    #[serde(skip)]
    SelectRow(super::keymap::Selection, usize),
    /// A key typed into the focused text input.
    #[serde(skip)]
    Input(KeyInput),
    /// Text pasted (bracketed paste): into the focused text input as
    /// text, never read as keys.
    #[serde(skip)]
    Paste(String),
    /// What the runner reports after carrying out an effect.
    #[serde(skip)]
    Done(Box<Outcome>),
    /// The store could not do what was asked (not a write: a read, a
    /// draft kept, the mirror): the sentence to show.
    #[serde(skip)]
    Failed(String),
    /// How far the import under way is, in percents.
    #[serde(skip)]
    ImportProgress(u8),
    /// Chosen in a picker: go to this card (un-filtering the board if
    /// it hides it).
    #[serde(skip)]
    JumpTo(crate::domain::FeatureKey),
    /// Chosen in a picker: keep these cards on the board.
    #[serde(skip)]
    SetFilter(super::state::Filter),
    /// Chosen in a picker: this change to the roadmap.
    #[serde(skip)]
    Apply(Box<crate::domain::command::Command>),
    /// Chosen in a picker: promote the parked feature to this phase.
    #[serde(skip)]
    PromoteTo(crate::domain::FeatureKey, crate::domain::PhaseId),
    /// Chosen in a picker: move these phases' ends (`label` says which),
    /// once asked why.
    #[serde(skip)]
    MoveEnds {
        label: String,
        ends: Vec<(crate::domain::PhaseId, chrono::NaiveDate)>,
    },
    /// Another process changed the file.
    #[serde(skip)]
    Reloaded(Box<Outcome>),
    /// The file at the board's path was replaced and opened anew: what was
    /// undoable belongs to the old file.
    #[serde(skip)]
    Reopened(Box<Outcome>),
    /// The change log, read for the log view.
    #[serde(skip)]
    LogLoaded(Vec<crate::domain::ChangeEntry>),
    /// One feature's change log and commits, read for its detail.
    #[serde(skip)]
    HistoryLoaded(Box<super::state::History>),
    /// `Y`: sync with the other machine through git.
    Sync,
    /// Chosen in the conflicts picker: sync again, settling these.
    #[serde(skip)]
    SyncWith(Box<crate::domain::sync::merge::Resolutions>),
    /// A sync found conflicts (those already settled, and those left):
    /// nothing was written.
    #[serde(skip)]
    SyncConflicts(Box<SyncConflicts>),
    /// How the file stands with the other machine, for the header.
    #[serde(skip)]
    SyncState(Option<String>),
    /// `y`: the change log.
    Log,
    /// `T`: blockers, dependencies, foundations and risks.
    Tracks,
    /// Tracks: add an item to the focused list / cycle a foundation's status.
    Add,
    CycleStatus,
    /// Tracks and review: the selected blocker is resolved.
    ResolveBlocker,
    /// Tracks and review: when the selected blocker should clear.
    SetBlockerEta,
    /// Tracks: edit the selected foundation item / risk.
    EditFoundation,
    EditRisk,
    /// Parking lot: decline the selected request (asks why).
    DeclineRequest,
    /// `W`: the weekly review (monthly and quarterly from the palette).
    Review,
    MonthlyReview,
    QuarterlyReview,
    /// The review to show, read from the store.
    #[serde(skip)]
    ReviewOpened(Box<crate::domain::review::ReviewDraft>),
    /// A document read for import: its path and its report, or why it
    /// cannot be imported.
    #[serde(skip)]
    ImportPreviewed(Box<(std::path::PathBuf, Result<String, String>)>),
    /// Review: the next step / the previous one.
    NextStep,
    PreviousStep,
    /// Review: choose the selected candidate as next week's ONE feature.
    Choose,
    /// Quarterly review: mark the selected phase complete (its success
    /// criteria must be met).
    CompletePhase,
    /// Review and board: check the phase's success criteria off.
    CheckCriteria,
    /// Monthly review: move phases' ends to the forecast.
    AdjustTimeline,
    /// Board: add a success criterion to the focused phase.
    AddCriterion,
    /// What the outcome checks taught (from the palette and the log).
    Learning,
    /// Criteria: remove the selected one.
    Remove,
    /// A blocker ahead for the selected feature (palette).
    AddUpcomingBlocker,
    /// `i`: the roadmap's own header (horizon, review, philosophy, notes).
    RoadmapPane,
    /// The roadmap pane: edit the header in a form.
    EditRoadmap,
    /// The pane opened, with the change log's last entry.
    #[serde(skip)]
    RoadmapPaneOpened(Option<chrono::NaiveDateTime>),
    /// Record a customer request (the parking lot and the palette).
    AddRequest,
    /// Add a line of one's own to the change log (the palette and the log).
    AddNote,
    /// Review: what the selected outcome check found.
    RecordOutcome(crate::domain::outcome::OutcomeResult),
}

/// Conflicts a sync stopped at: the choices made so far and what is left.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncConflicts {
    pub settled: crate::domain::sync::merge::Resolutions,
    pub left: Vec<crate::domain::sync::merge::Conflict>,
}

/// A key as text inputs take it (kept apart from crossterm so `update`
/// stays testable without a terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyInput(pub ratatui::crossterm::event::KeyEvent);

impl Default for KeyInput {
    fn default() -> Self {
        KeyInput(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Null,
        ))
    }
}

impl Action {
    /// The name the palette shows and the config file uses.
    pub fn name(&self) -> String {
        match self {
            Action::Transition(t) => t.to_string(),
            Action::RecordOutcome(result) => format!("outcome_{result}"),
            other => serde_json::to_value(other)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        }
    }

    /// Whether this is what the person asked for (a key, a click, the
    /// palette) rather than a report of work done: only those move on
    /// from the message on screen.
    pub fn is_asked(&self) -> bool {
        !matches!(
            self,
            Action::Done(_)
                | Action::Failed(_)
                | Action::Reloaded(_)
                | Action::Reopened(_)
                | Action::LogLoaded(_)
                | Action::HistoryLoaded(..)
                | Action::SyncConflicts(_)
                | Action::SyncState(_)
                | Action::RoadmapPaneOpened(_)
                | Action::ReviewOpened(_)
                | Action::ImportPreviewed(_)
        )
    }

    /// Parses a name from the config file or the palette.
    pub fn from_name(name: &str) -> Option<Action> {
        if let Ok(t) = name.parse::<Transition>() {
            return Some(Action::Transition(t));
        }
        if let Some(result) = name.strip_prefix("outcome_").and_then(|r| r.parse().ok()) {
            return Some(Action::RecordOutcome(result));
        }
        serde_json::from_value(serde_json::Value::String(name.trim().to_owned())).ok()
    }
}
