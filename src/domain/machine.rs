//! The feature state machine (DESIGN.md §3) and the ONE-active rule.
//!
//! `apply` is the single place that decides whether a transition is allowed
//! and what it changes. The store feeds it fresh rows inside its write
//! transaction, the board feeds it its in-memory model: both get the same
//! answer and the same refusal text.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::model::{Feature, FeatureKey, PhaseId, text_enum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureStatus {
    Parked,
    Planned,
    Active,
    InReview,
    Shipped,
    Dropped,
}

text_enum!(FeatureStatus, "feature status", {
    Parked => "parked" | "deferred",
    Planned => "planned" | "not_started" | "todo",
    Active => "active" | "in_progress" | "doing",
    InReview => "in_review" | "review",
    Shipped => "shipped" | "done" | "complete",
    Dropped => "dropped" | "cancelled" | "canceled",
});

impl FeatureStatus {
    /// Active and in-review features hold the ONE slot.
    pub fn holds_slot(self) -> bool {
        matches!(self, Self::Active | Self::InReview)
    }

    /// Still to be delivered: not shipped and not dropped.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Shipped | Self::Dropped)
    }

    /// How a sentence names the status ("in progress", "in review").
    pub fn phrase(self) -> &'static str {
        match self {
            Self::Parked => "parked",
            Self::Planned => "planned",
            Self::Active => "in progress",
            Self::InReview => "in review",
            Self::Shipped => "shipped",
            Self::Dropped => "dropped",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    Promote,
    Defer,
    Start,
    Submit,
    Rework,
    Ship,
    Pause,
    Drop,
    Revive,
    Reopen,
}

text_enum!(Transition, "action", {
    Promote => "promote",
    Defer => "defer" | "park",
    Start => "start",
    Submit => "submit",
    Rework => "rework",
    Ship => "ship",
    Pause => "pause",
    Drop => "drop",
    Revive => "revive",
    Reopen => "reopen",
});

impl Transition {
    /// The states this transition leaves from.
    pub fn sources(self) -> &'static [FeatureStatus] {
        use FeatureStatus::*;
        match self {
            Self::Promote => &[Parked],
            Self::Defer => &[Planned],
            Self::Start => &[Planned],
            Self::Submit => &[Active],
            Self::Rework => &[InReview],
            Self::Ship | Self::Pause => &[Active, InReview],
            Self::Drop => &[Parked, Planned, Active, InReview],
            Self::Revive => &[Dropped],
            Self::Reopen => &[Shipped],
        }
    }

    pub fn target(self) -> FeatureStatus {
        use FeatureStatus::*;
        match self {
            Self::Promote | Self::Pause => Planned,
            Self::Defer | Self::Revive => Parked,
            Self::Start | Self::Rework | Self::Reopen => Active,
            Self::Submit => InReview,
            Self::Ship => Shipped,
            Self::Drop => Dropped,
        }
    }

    /// Whether the method asks why before accepting it.
    pub fn needs_reason(self) -> bool {
        matches!(self, Self::Defer | Self::Pause | Self::Drop)
    }

    /// Whether it takes the ONE slot.
    fn takes_slot(self) -> bool {
        matches!(self, Self::Start | Self::Reopen)
    }

    /// The transitions that may leave `status`, in table order.
    pub fn available_from(status: FeatureStatus) -> impl Iterator<Item = Transition> {
        Self::ALL
            .iter()
            .copied()
            .filter(move |t| t.sources().contains(&status))
    }
}

/// What the caller supplies beside the feature itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransitionArgs {
    /// Why (pause, drop, defer; optional elsewhere, logged when given).
    pub reason: Option<String>,
    /// The phase a promoted feature goes to.
    pub phase: Option<PhaseId>,
    /// When to look at a deferred feature again: a date, a condition, or both.
    pub reconsider: Option<NaiveDate>,
    pub reconsider_when: String,
    /// Start although dependencies have not shipped; the reason is logged.
    pub override_reason: Option<String>,
}

/// The facts around the feature that the rules read.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Whoever holds the ONE slot now (possibly the feature itself).
    pub slot_holder: Option<&'a Feature>,
    /// Dependencies of the feature that have not shipped.
    pub unmet_dependencies: &'a [Feature],
    pub today: NaiveDate,
}

/// An accepted transition: the feature as it is afterwards and the
/// change-log line that goes with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub feature: Feature,
    pub what: String,
    pub why: String,
}

/// Why a transition was refused. The message says what to do instead; the
/// fields say it as data (for scripts and agents).
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[serde(tag = "refusal", rename_all = "snake_case")]
pub enum Refusal {
    #[error(
        "cannot {action} {feature}: it is {status}; {}",
        options_text(status, options)
    )]
    WrongStatus {
        action: Transition,
        feature: String,
        key: FeatureKey,
        status: &'static str,
        /// What can be done from where it is.
        options: Vec<Transition>,
    },
    #[error(
        "cannot {action} {feature}: {holder} is {holder_status}{} — ship it or pause it first",
        since.map(|d| format!(" since {d}")).unwrap_or_default()
    )]
    SlotTaken {
        action: Transition,
        feature: String,
        holder: String,
        holder_key: FeatureKey,
        holder_status: &'static str,
        since: Option<NaiveDate>,
    },
    #[error(
        "cannot {action} {feature}: it depends on {unmet}, not shipped yet — ship {them} first, or start with an override reason"
    )]
    UnmetDependencies {
        action: Transition,
        feature: String,
        unmet: String,
        unmet_keys: Vec<FeatureKey>,
        #[serde(skip)]
        them: &'static str,
    },
    /// A feature started past its dependencies (with an override) ships
    /// only once they have: a shipped feature never waits on open work.
    #[error(
        "cannot ship {feature}: it depends on {unmet}, not shipped yet — ship {them} first, or remove the dependency"
    )]
    ShipsBeforeDependencies {
        feature: String,
        unmet: String,
        unmet_keys: Vec<FeatureKey>,
        #[serde(skip)]
        them: &'static str,
    },
    #[error("{action} {feature} needs a reason: say why")]
    NeedsReason { action: Transition, feature: String },
    #[error("cannot promote {feature}: choose the phase it goes to")]
    NeedsPhase { feature: String },
    #[error("cannot make {feature} up next: it is {status} — only a planned feature can be next")]
    CannotBeNext {
        feature: String,
        status: &'static str,
    },
    /// A phase closed before its success criteria are met.
    #[error("phase \"{phase}\" cannot be complete: {reason}")]
    PhaseNotDone { phase: String, reason: String },
}

impl Refusal {
    /// What would get past the refusal, as data, each a transition of a
    /// feature: the slot holder shipped or paused; the feature moved on from
    /// where it is; its dependencies shipped. The board names them by key,
    /// the command line as commands.
    pub fn frees(&self) -> Vec<(Transition, FeatureKey)> {
        match self {
            Refusal::SlotTaken { holder_key, .. } => vec![
                (Transition::Ship, *holder_key),
                (Transition::Pause, *holder_key),
            ],
            Refusal::WrongStatus { key, options, .. } => {
                options.iter().map(|t| (*t, *key)).collect()
            }
            Refusal::UnmetDependencies { unmet_keys, .. }
            | Refusal::ShipsBeforeDependencies { unmet_keys, .. } => {
                unmet_keys.iter().map(|k| (Transition::Ship, *k)).collect()
            }
            _ => Vec::new(),
        }
    }
}

/// Refuses to make `feature` up next unless it is planned: the slot holder
/// is already the ONE, and parked, shipped or dropped work cannot be
/// started as it is.
pub fn check_up_next(feature: &Feature) -> Result<(), Refusal> {
    if feature.status == FeatureStatus::Planned {
        Ok(())
    } else {
        Err(Refusal::CannotBeNext {
            feature: feature.label(),
            status: feature.status.phrase(),
        })
    }
}

/// Decides `transition` on `feature` and returns the changed feature, or
/// the refusal. Pure: nothing is written here.
pub fn apply(
    feature: &Feature,
    transition: Transition,
    args: &TransitionArgs,
    context: Context<'_>,
) -> Result<Change, Refusal> {
    let (reason, override_reason) = allowed(feature, transition, args, &context)?;
    let next = next_state(feature, transition, args, reason, context.today)?;
    let mut what = format!(
        "{transition} {}: {} → {}",
        feature.label(),
        feature.status.phrase(),
        next.status.phrase()
    );
    if transition == Transition::Defer
        && let Some(when) = next.reconsider_label(|d| d.to_string())
    {
        let says_when =
            next.reconsider_when.is_empty() || next.reconsider_when.starts_with("when ");
        let on = if says_when { "" } else { " when" };
        what.push_str(&format!(", reconsider{on} {when}"));
    }
    let mut why = reason.unwrap_or_default().to_owned();
    if transition.takes_slot() && !context.unmet_dependencies.is_empty() {
        let keys: Vec<String> = context
            .unmet_dependencies
            .iter()
            .map(|d| d.key.to_string())
            .collect();
        what.push_str(&format!(" (overriding unshipped {})", keys.join(", ")));
        if !why.is_empty() {
            why.push_str("; ");
        }
        why.push_str("override: ");
        why.push_str(override_reason.unwrap_or_default());
    }
    Ok(Change {
        feature: next,
        what,
        why,
    })
}

/// The rules a transition must pass, in order: its source status, a
/// reason where one is needed, the free slot (the ONE rule), shipped
/// dependencies or an override reason. The reason and the override
/// reason given, trimmed.
fn allowed<'a>(
    feature: &Feature,
    transition: Transition,
    args: &'a TransitionArgs,
    context: &Context<'_>,
) -> Result<(Option<&'a str>, Option<&'a str>), Refusal> {
    let label = feature.label();
    if !transition.sources().contains(&feature.status) {
        return Err(Refusal::WrongStatus {
            action: transition,
            feature: label,
            key: feature.key,
            status: feature.status.phrase(),
            options: Transition::available_from(feature.status).collect(),
        });
    }
    let given = |text: &'a Option<String>| text.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let (reason, override_reason) = (given(&args.reason), given(&args.override_reason));
    if transition.needs_reason() && reason.is_none() {
        return Err(Refusal::NeedsReason {
            action: transition,
            feature: label,
        });
    }
    if let Some(holder) = context
        .slot_holder
        .filter(|h| transition.takes_slot() && h.id != feature.id)
    {
        return Err(Refusal::SlotTaken {
            action: transition,
            feature: label,
            holder: holder.label(),
            holder_key: holder.key,
            holder_status: holder.status.phrase(),
            since: holder.started,
        });
    }
    let unmet = context.unmet_dependencies;
    if transition.takes_slot() && !unmet.is_empty() && override_reason.is_none() {
        return Err(Refusal::UnmetDependencies {
            action: transition,
            feature: label,
            unmet: named(unmet.iter()),
            unmet_keys: unmet.iter().map(|d| d.key).collect(),
            them: them(unmet.len()),
        });
    }
    // An override lets work start early, never ship early: a shipped
    // feature waits on nothing open (the same rule as
    // `deps::check_dependency_states`).
    let open: Vec<&Feature> = unmet.iter().filter(|d| !super::deps::settled(d)).collect();
    if transition == Transition::Ship && !open.is_empty() {
        return Err(Refusal::ShipsBeforeDependencies {
            feature: label,
            unmet: named(open.iter().copied()),
            unmet_keys: open.iter().map(|d| d.key).collect(),
            them: them(open.len()),
        });
    }
    Ok((reason, override_reason))
}

/// `F2 "Auth" (planned), F4 "Plans" (parked)`.
fn named<'a>(features: impl Iterator<Item = &'a Feature>) -> String {
    features
        .map(|d| format!("{} ({})", d.label(), d.status.phrase()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn them(count: usize) -> &'static str {
    if count == 1 { "it" } else { "them" }
}

/// The days a feature has been active once paused on `today`: its earlier
/// runs and the one that ends (a pause never resets its age).
pub fn active_days_when_paused(before: i64, started: Option<NaiveDate>, today: NaiveDate) -> i64 {
    before + started.map_or(0, |started| (today - started).num_days().max(0))
}

/// The feature after an allowed `transition` on `today`: its status, and
/// the dates, phase and reasons the transition moves.
fn next_state(
    feature: &Feature,
    transition: Transition,
    args: &TransitionArgs,
    reason: Option<&str>,
    today: NaiveDate,
) -> Result<Feature, Refusal> {
    let mut next = feature.clone();
    next.status = transition.target();
    match transition {
        Transition::Promote => {
            next.phase = Some(args.phase.ok_or(Refusal::NeedsPhase {
                feature: feature.label(),
            })?);
        }
        Transition::Defer => {
            next.phase = None;
            next.why_deferred = reason.unwrap_or_default().to_owned();
            next.reconsider = args.reconsider;
            next.reconsider_when = args.reconsider_when.clone();
        }
        Transition::Start | Transition::Reopen => {
            // A reopened feature's earlier run still counts.
            if let (Some(started), Some(shipped)) = (feature.started, feature.shipped) {
                next.active_before += (shipped - started).num_days().max(0);
            }
            next.started = Some(today);
            next.shipped = None;
        }
        Transition::Ship => next.shipped = Some(today),
        Transition::Pause => {
            next.active_before =
                active_days_when_paused(feature.active_before, feature.started, today);
            next.started = None;
        }
        Transition::Drop => {
            next.started = None;
        }
        Transition::Revive => next.phase = None,
        Transition::Submit | Transition::Rework => {}
    }
    Ok(next)
}

/// "from planned: start (s), defer (d) or drop (x)".
/// `from parked you can promote or drop`: the words of `options`, whose
/// keys the board adds from its keymap.
fn options_text(status: &str, options: &[Transition]) -> String {
    let words: Vec<String> = options.iter().map(Transition::to_string).collect();
    match words.split_last() {
        None => format!("nothing can be done from {status}"),
        Some((last, [])) => format!("from {status} you can {last}"),
        Some((last, rest)) => format!("from {status} you can {} or {last}", rest.join(", ")),
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)
    }
}

#[cfg(test)]
mod tests;

/// Whether work that is not done may go into `phase` (added, promoted or
/// moved there): never into a complete phase, whose work closing it
/// settled; reopening the phase is how work goes back in.
pub fn check_destination(phase: &super::Phase, what: &str) -> Result<(), String> {
    if phase.status == super::PhaseStatus::Complete {
        return Err(format!(
            "phase \"{}\" is complete: {what} cannot go into it — reopen the phase (set its status) or choose another",
            phase.name
        ));
    }
    Ok(())
}
