//! What can be asked of the store: every change to the roadmap as data,
//! so the board's update, the CLI and the MCP server name a change the
//! same way and the store carries each out in one place (`Store::apply`).

use super::fields::*;
use super::machine::{Transition, TransitionArgs};
use super::model::*;

/// A change to the roadmap, as the board, the CLI and agents ask the store
/// for it: each is one transaction with its change-log entry
/// (`Store::apply`).
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Init {
        name: String,
    },
    Transition {
        key: FeatureKey,
        transition: Transition,
        args: TransitionArgs,
    },
    AddFeature(NewFeature),
    /// `base`: the fields as the board showed them; only what differs from
    /// it is written.
    EditFeature {
        key: FeatureKey,
        base: Box<FeatureFields>,
        fields: Box<FeatureFields>,
        /// Why (asked when the target or the priority changes).
        why: String,
    },
    MoveToPhase {
        key: FeatureKey,
        phase: PhaseId,
        why: String,
    },
    Reorder {
        key: FeatureKey,
        later: bool,
    },
    AddDependency {
        key: FeatureKey,
        on: FeatureKey,
    },
    RemoveDependency {
        key: FeatureKey,
        on: FeatureKey,
    },
    AddBlocker {
        key: FeatureKey,
        waiting_for: String,
        eta: Option<chrono::NaiveDate>,
        mitigation: String,
    },
    ResolveBlockers {
        key: FeatureKey,
    },
    AddUpcomingBlocker {
        key: Option<FeatureKey>,
        what: String,
        mitigation: String,
    },
    /// An upcoming blocker now holds its feature up.
    BlocksNow {
        id: BlockerId,
    },
    AddRequest {
        text: String,
        by: String,
        priority: super::RequestPriority,
    },
    /// A line of one's own in the change log, about a feature or not.
    AddNote {
        what: String,
        why: String,
        feature: Option<FeatureKey>,
    },
    /// The feature up next (none: nothing is).
    SetUpNext {
        key: Option<FeatureKey>,
        why: String,
    },
    /// What a shipped feature's outcome check found.
    RecordOutcome {
        key: FeatureKey,
        record: super::outcome::OutcomeRecord,
    },
    /// When to check a shipped feature's outcome.
    SetOutcomeCheck {
        key: FeatureKey,
        on: chrono::NaiveDate,
    },
    /// Phases' new end dates, in one change.
    AdjustTimeline {
        ends: Vec<(PhaseId, chrono::NaiveDate)>,
        why: String,
    },
    AddCriterion {
        phase: PhaseId,
        text: String,
    },
    SetPrivate {
        key: FeatureKey,
        private: bool,
    },
    AddPhase(PhaseFields),
    EditPhase {
        id: PhaseId,
        base: PhaseFields,
        fields: PhaseFields,
        /// Why, when the change asks for a reason (closing open work).
        why: String,
    },
    AddMilestone {
        phase: PhaseId,
        text: String,
        target: Option<chrono::NaiveDate>,
    },
    SetMilestoneDone {
        id: MilestoneId,
        done: Option<chrono::NaiveDate>,
    },
    Undo {
        entry: i64,
    },
    Redo {
        entry: i64,
    },
    FinishReview(Box<super::review::ReviewDraft>),
    EditCriterion {
        id: CriterionId,
        text: String,
    },
    RemoveCriterion {
        id: CriterionId,
    },
    MoveCriterion {
        id: CriterionId,
        later: bool,
    },
    SetCriterionDone {
        id: CriterionId,
        done: bool,
    },
    SaveFoundation {
        id: Option<FoundationId>,
        fields: FoundationFields,
    },
    SaveRisk {
        id: Option<RiskId>,
        fields: RiskFields,
    },
    ResolveBlocker {
        id: BlockerId,
    },
    SetBlockerEta {
        id: BlockerId,
        eta: Option<chrono::NaiveDate>,
    },
    LinkRequest {
        id: RequestId,
        key: FeatureKey,
    },
    MergeRequest {
        duplicate: RequestId,
        into: RequestId,
    },
    RequestToFeature {
        id: RequestId,
    },
    DeclineRequest {
        id: RequestId,
        why: String,
    },
    SetRequestPriority {
        id: RequestId,
        priority: RequestPriority,
    },
    /// Change the roadmap's own header (only the fields given).
    EditRoadmap(RoadmapEdit),
}

impl Command {
    /// The same change, asked why: a form's edit of a feature or a phase,
    /// which says why once it is given (other changes are as they were).
    pub fn with_why(self, given: String) -> Command {
        match self {
            Command::EditFeature {
                key, base, fields, ..
            } => Command::EditFeature {
                key,
                base,
                fields,
                why: given,
            },
            Command::EditPhase {
                id, base, fields, ..
            } => Command::EditPhase {
                id,
                base,
                fields,
                why: given,
            },
            other => other,
        }
    }

    /// Whether the change can be undone from the board: all but making
    /// the roadmap and recording a review.
    pub fn undoable(&self) -> bool {
        !matches!(self, Command::Init { .. } | Command::FinishReview(_))
    }

    /// The card a change is about, to select after it.
    pub fn selects(&self) -> Option<FeatureKey> {
        match self {
            Command::Transition { key, .. }
            | Command::MoveToPhase { key, .. }
            | Command::Reorder { key, .. }
            | Command::LinkRequest { key, .. } => Some(*key),
            _ => None,
        }
    }
}
