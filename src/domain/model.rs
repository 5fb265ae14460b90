//! The entities of a roadmap (DESIGN.md §2). Plain data: rules live in
//! `machine.rs` and `deps.rs`, persistence in `store/`.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::machine::FeatureStatus;

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);
    )*};
}

id_type!(
    PhaseId,
    FeatureId,
    MilestoneId,
    CriterionId,
    BlockerId,
    RequestId,
    FoundationId,
    RiskId,
    ReviewId,
    NoteId,
);

/// The short human key of a feature (`F12`), stable for its whole life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct FeatureKey(pub u32);

impl fmt::Display for FeatureKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "F{}", self.0)
    }
}

impl FromStr for FeatureKey {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let digits = text.trim().strip_prefix(['F', 'f']).unwrap_or(text.trim());
        digits
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .map(FeatureKey)
            .ok_or_else(|| {
                format!("`{text}` is not a feature key (expected F followed by a number, e.g. F12)")
            })
    }
}

impl From<FeatureKey> for String {
    fn from(key: FeatureKey) -> Self {
        key.to_string()
    }
}

impl TryFrom<String> for FeatureKey {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

/// Implements `as_str`, `Display`, `FromStr` (with the accepted spellings)
/// and a list of all values for a fieldless enum stored as text.
macro_rules! text_enum {
    ($name:ident, $what:literal, { $($variant:ident => $text:literal $(| $alias:literal)*),* $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = String;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let wanted = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
                match wanted.as_str() {
                    $($text $(| $alias)* => Ok($name::$variant),)*
                    _ => Err(format!(
                        "unknown {} `{}` (expected one of: {})",
                        $what,
                        text,
                        [$($text.replace('_', " ")),*].join(", ")
                    )),
                }
            }
        }
    };
}
pub(crate) use text_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseStatus {
    NotStarted,
    InProgress,
    Complete,
}

impl PhaseStatus {
    /// How people say it: `not started`, `in progress`, `complete`.
    pub fn phrase(self) -> &'static str {
        match self {
            PhaseStatus::NotStarted => "not started",
            PhaseStatus::InProgress => "in progress",
            PhaseStatus::Complete => "complete",
        }
    }
}

text_enum!(PhaseStatus, "phase status", {
    NotStarted => "not_started" | "planned" | "todo",
    InProgress => "in_progress" | "active" | "started",
    Complete => "complete" | "done" | "completed",
});

/// P0 (most urgent) to P3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Priority {
    P0,
    P1,
    P2,
    P3,
}

text_enum!(Priority, "priority", {
    P0 => "p0" | "0",
    P1 => "p1" | "1",
    P2 => "p2" | "2",
    P3 => "p3" | "3",
});

impl Priority {
    pub fn level(self) -> u8 {
        self as u8
    }

    pub fn from_level(level: u8) -> Option<Self> {
        Self::ALL.get(usize::from(level)).copied()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moscow {
    Must,
    Should,
    Could,
    Wont,
}

text_enum!(Moscow, "MoSCoW class", {
    Must => "must" | "must_have",
    Should => "should" | "should_have",
    Could => "could" | "could_have",
    Wont => "wont" | "won't" | "wont_have" | "won't_have",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestPriority {
    Low,
    Med,
    High,
}

text_enum!(RequestPriority, "request priority", {
    Low => "low",
    Med => "med" | "medium",
    High => "high",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    New,
    Linked,
    Declined,
}

text_enum!(RequestStatus, "request status", {
    New => "new",
    Linked => "linked",
    Declined => "declined",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundationStatus {
    NotStarted,
    InProgress,
    Done,
}

text_enum!(FoundationStatus, "foundation status", {
    NotStarted => "not_started" | "planned" | "todo",
    InProgress => "in_progress" | "active" | "started",
    Done => "done" | "complete" | "completed",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    Weekly,
    Monthly,
    Quarterly,
}

text_enum!(ReviewKind, "review kind", {
    Weekly => "weekly",
    Monthly => "monthly",
    Quarterly => "quarterly",
});

/// The roadmap itself: one per database file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoadmapInfo {
    pub name: String,
    pub horizon: String,
    pub philosophy: String,
    /// The weekday of the weekly review (Friday unless changed).
    pub review_day: chrono::Weekday,
    /// The feature chosen to be the ONE after the current one (a planned
    /// feature; see `machine::check_up_next`).
    #[serde(default)]
    pub up_next: Option<FeatureId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub id: PhaseId,
    pub name: String,
    pub goal: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub status: PhaseStatus,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: MilestoneId,
    pub phase: PhaseId,
    pub text: String,
    pub target: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: CriterionId,
    pub phase: PhaseId,
    pub text: String,
    pub done: bool,
    pub position: i64,
}

/// A feature card. `phase` is `None` exactly while it sits in the parking lot
/// (or was dropped from there).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feature {
    pub id: FeatureId,
    pub key: FeatureKey,
    pub title: String,
    pub description: String,
    pub why: String,
    pub metric: String,
    pub status: FeatureStatus,
    pub priority: Option<Priority>,
    pub moscow: Option<Moscow>,
    pub impact: Option<u8>,
    pub effort: Option<u8>,
    pub target: Option<NaiveDate>,
    pub started: Option<NaiveDate>,
    pub shipped: Option<NaiveDate>,
    pub owner: String,
    pub link: String,
    pub pilot_feedback: String,
    pub phase: Option<PhaseId>,
    pub position: i64,
    pub why_interesting: String,
    pub why_deferred: String,
    pub reconsider: Option<NaiveDate>,
    /// The condition to look at a parked idea again ("5 paying schools"),
    /// beside or instead of the date.
    #[serde(default)]
    pub reconsider_when: String,
    /// When it was added (its age in the parking lot).
    #[serde(default)]
    pub created: Option<NaiveDate>,
    /// Kept off every published output (the public page, the feed, the
    /// stakeholder update).
    #[serde(default)]
    pub private: bool,
    /// Days it was active before its current run (pauses do not reset its
    /// age; a reopened feature adds its earlier run).
    #[serde(default)]
    pub active_before: i64,
}

/// "Reconsider when" as people read and type it: the condition, the
/// date, or `condition · date` (which `dates::parse_reconsider` reads back).
pub fn reconsider_label(when: &str, date: Option<String>) -> Option<String> {
    match (when, date) {
        ("", None) => None,
        ("", Some(date)) => Some(date),
        (when, None) => Some(when.to_owned()),
        (when, Some(date)) => Some(format!("{when} · {date}")),
    }
}

impl Feature {
    /// When to look at a parked idea again, as people read it: the
    /// condition, the date (as `show` writes it), or both.
    pub fn reconsider_label(&self, show: impl Fn(NaiveDate) -> String) -> Option<String> {
        reconsider_label(&self.reconsider_when, self.reconsider.map(show))
    }

    /// A new card with every optional field empty.
    pub fn new(key: FeatureKey, title: impl Into<String>, status: FeatureStatus) -> Self {
        Self {
            id: FeatureId(0),
            key,
            title: title.into(),
            description: String::new(),
            why: String::new(),
            metric: String::new(),
            status,
            priority: None,
            moscow: None,
            impact: None,
            effort: None,
            target: None,
            started: None,
            shipped: None,
            owner: String::new(),
            link: String::new(),
            pilot_feedback: String::new(),
            phase: None,
            position: 0,
            why_interesting: String::new(),
            why_deferred: String::new(),
            reconsider: None,
            reconsider_when: String::new(),
            created: None,
            private: false,
            active_before: 0,
        }
    }

    /// `F3 "Onboarding"`: how refusals and the log name a feature.
    pub fn label(&self) -> String {
        format!("{} \"{}\"", self.key, self.title)
    }

    /// Whole days since it was started, while it holds the slot.
    pub fn days_active(&self, today: NaiveDate) -> Option<i64> {
        self.started
            .filter(|_| self.status.holds_slot())
            .map(|started| self.active_before + (today - started).num_days())
    }

    /// Days from start to ship, across pauses: what velocity measures.
    pub fn days_to_ship(&self) -> Option<i64> {
        let run = (self.shipped? - self.started?).num_days();
        Some(self.active_before + run).filter(|_| self.status == FeatureStatus::Shipped)
    }

    /// Late: the target date has passed and it has not shipped (or been dropped).
    pub fn is_late(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.target.is_some_and(|target| target < today)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dependency {
    pub feature: FeatureId,
    pub depends_on: FeatureId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blocker {
    pub id: BlockerId,
    pub feature: Option<FeatureId>,
    pub waiting_for: String,
    pub eta: Option<NaiveDate>,
    pub mitigation: String,
    pub resolved: Option<NaiveDate>,
    /// Not blocking yet: a risk to future work, met by its mitigation.
    #[serde(default)]
    pub upcoming: bool,
}

impl Blocker {
    /// Open and current: it holds its feature up today.
    pub fn blocks_now(&self) -> bool {
        self.resolved.is_none() && !self.upcoming
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRequest {
    pub id: RequestId,
    pub text: String,
    pub requested_by: String,
    pub requested_on: Option<NaiveDate>,
    pub priority: RequestPriority,
    pub feature: Option<FeatureId>,
    pub status: RequestStatus,
    pub decline_reason: String,
    /// The other customers who asked for the same (see `requests`).
    #[serde(default)]
    pub also_asked: Vec<super::requests::Ask>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoundationItem {
    pub id: FoundationId,
    pub what: String,
    pub why: String,
    pub status: FoundationStatus,
    pub target: Option<NaiveDate>,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    pub id: RiskId,
    pub risk: String,
    pub impact: String,
    pub mitigation: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: ReviewId,
    pub date: NaiveDate,
    pub kind: ReviewKind,
    pub notes: String,
    pub chosen: Option<FeatureId>,
}

/// A section of an imported document that no entity holds, kept verbatim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    pub heading: String,
    pub body: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeEntry {
    pub id: i64,
    pub at: NaiveDateTime,
    pub who: String,
    pub what: String,
    pub why: String,
    pub feature: Option<FeatureId>,
    /// The machine that made it, when it was not this one (a sync brought
    /// it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elsewhere: Option<String>,
}

impl ChangeEntry {
    /// Who made it, and where when it was another machine (`ana@laptop`).
    pub fn by(&self) -> String {
        match &self.elsewhere {
            Some(machine) => format!("{}@{machine}", self.who),
            None => self.who.clone(),
        }
    }
}

/// The whole roadmap in memory: what the board draws and the rules read.
/// Every list is kept in display order (phases and cards by position).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Roadmap {
    pub info: RoadmapInfo,
    pub phases: Vec<Phase>,
    pub milestones: Vec<Milestone>,
    pub criteria: Vec<Criterion>,
    pub features: Vec<Feature>,
    pub dependencies: Vec<Dependency>,
    pub blockers: Vec<Blocker>,
    pub requests: Vec<CustomerRequest>,
    pub foundations: Vec<FoundationItem>,
    pub risks: Vec<Risk>,
    pub reviews: Vec<Review>,
    pub notes: Vec<Note>,
    /// Outcome checks of shipped features (one per feature at most).
    #[serde(default)]
    pub outcomes: Vec<super::outcome::FeatureOutcome>,
}
