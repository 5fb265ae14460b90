//! The tools' inputs, as JSON schemas the client sees. Dates take what the
//! command line takes: `2026-12-01`, `today`, `+2w`, `fri`.

use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Key {
    /// The feature's key, e.g. "F4".
    pub key: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Start {
    /// The feature's key, e.g. "F4".
    pub key: String,
    /// Start although dependencies have not shipped: the reason is logged.
    pub override_reason: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct WithWhy {
    /// The feature's key, e.g. "F4".
    pub key: String,
    /// Why: required to pause or drop, logged for the others.
    pub why: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Defer {
    /// The feature's key, e.g. "F4".
    pub key: String,
    /// Why it waits (required).
    pub why: Option<String>,
    /// When to look at it again: a condition, a date, or both.
    pub reconsider: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct ListFeatures {
    /// Only features of this phase (its number or name).
    pub phase: Option<String>,
    /// parked, planned, active, in_review, shipped or dropped.
    pub status: Option<String>,
    /// P0, P1, P2 or P3.
    pub priority: Option<String>,
    /// Only features whose title or description holds these words.
    pub text: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Log {
    /// Only entries from this date on (e.g. "-7d", "2026-11-01").
    pub since: Option<String>,
    /// Only entries about this feature.
    pub key: Option<String>,
    /// At most this many entries, newest first (default 50).
    pub limit: Option<usize>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Dependencies {
    /// One feature's dependencies (both ways); all of them without it.
    pub key: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct AddFeature {
    pub title: String,
    /// The phase (number or name); without it the feature is parked.
    pub phase: Option<String>,
    /// Why now: what makes it matter this week.
    pub why: Option<String>,
    /// The success metric: how we will know it worked.
    pub metric: Option<String>,
    pub description: Option<String>,
    /// P0, P1, P2 or P3.
    pub priority: Option<String>,
    /// Target ship date.
    pub target: Option<String>,
    /// Keys of the features it depends on.
    #[serde(default)]
    pub depends_on: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct ParkIdea {
    pub title: String,
    /// Why it is interesting.
    pub why: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct AddRequest {
    /// What the customer asked for.
    pub text: String,
    /// Who asked.
    pub by: String,
    /// low, medium or high.
    pub priority: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct AddBlocker {
    /// The feature that waits.
    pub key: String,
    /// What it waits for.
    pub waiting_for: String,
    /// When it is expected (a date).
    pub eta: Option<String>,
    /// What is done meanwhile.
    pub mitigation: Option<String>,
    /// Not blocking yet: a blocker ahead, met by its mitigation (no ETA).
    pub upcoming: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Depend {
    /// The feature that needs the other.
    pub key: String,
    /// The feature it needs.
    pub on: String,
    /// Remove the dependency instead.
    #[serde(default)]
    pub remove: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct EditFeature {
    /// The feature's key, e.g. "F4".
    pub key: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Why now.
    pub why: Option<String>,
    /// The success metric.
    pub metric: Option<String>,
    pub owner: Option<String>,
    /// P0, P1, P2 or P3.
    pub priority: Option<String>,
    /// Target ship date; "none" clears it.
    pub target: Option<String>,
    /// Move it to this phase (number or name).
    pub phase: Option<String>,
    /// true: keep it off the published roadmap; false: show it again.
    pub private: Option<bool>,
    /// Why: logged with the change (a new target, priority or phase).
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct AddNote {
    /// What was done, in one line.
    pub what: String,
    /// Why.
    pub why: Option<String>,
    /// The feature it is about.
    pub key: Option<String>,
}
