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
    let label = feature.label();
    if !transition.sources().contains(&feature.status) {
        return Err(Refusal::WrongStatus {
            action: transition,
            feature: label,
            status: feature.status.phrase(),
            options: Transition::available_from(feature.status).collect(),
        });
    }
    let reason = args
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
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
    let override_reason = args
        .override_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if transition.takes_slot()
        && !context.unmet_dependencies.is_empty()
        && override_reason.is_none()
    {
        let unmet = context
            .unmet_dependencies
            .iter()
            .map(|d| format!("{} ({})", d.label(), d.status.phrase()))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(Refusal::UnmetDependencies {
            action: transition,
            feature: label,
            unmet,
            unmet_keys: context.unmet_dependencies.iter().map(|d| d.key).collect(),
            them: if context.unmet_dependencies.len() == 1 {
                "it"
            } else {
                "them"
            },
        });
    }

    let mut next = feature.clone();
    next.status = transition.target();
    let today = context.today;
    match transition {
        Transition::Promote => {
            next.phase = Some(args.phase.ok_or(Refusal::NeedsPhase {
                feature: label.clone(),
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
            if let Some(started) = feature.started {
                next.active_before += (today - started).num_days().max(0);
            }
            next.started = None;
        }
        Transition::Drop => {
            next.started = None;
        }
        Transition::Revive => next.phase = None,
        Transition::Submit | Transition::Rework => {}
    }

    let mut what = format!(
        "{transition} {label}: {} → {}",
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
mod tests {
    use super::*;
    use crate::domain::model::{FeatureId, FeatureKey};
    use FeatureStatus::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn feature(n: u32, title: &str, status: FeatureStatus) -> Feature {
        let mut f = Feature::new(FeatureKey(n), title, status);
        f.id = FeatureId(i64::from(n));
        f.phase = (status != Parked).then_some(PhaseId(1));
        if status.holds_slot() {
            f.started = Some(day(16));
        }
        if status == Shipped {
            f.started = Some(day(2));
            f.shipped = Some(day(9));
        }
        f
    }

    fn run(
        f: &Feature,
        t: Transition,
        args: TransitionArgs,
        holder: Option<&Feature>,
        unmet: &[Feature],
    ) -> Result<Change, Refusal> {
        apply(
            f,
            t,
            &args,
            Context {
                slot_holder: holder,
                unmet_dependencies: unmet,
                today: day(23),
            },
        )
    }

    fn why(text: &str) -> TransitionArgs {
        TransitionArgs {
            reason: Some(text.into()),
            ..TransitionArgs::default()
        }
    }

    #[test]
    fn the_table_is_exactly_the_design() {
        let table: Vec<(Transition, Vec<FeatureStatus>, FeatureStatus)> = Transition::ALL
            .iter()
            .map(|t| (*t, t.sources().to_vec(), t.target()))
            .collect();
        use Transition::*;
        assert_eq!(
            table,
            vec![
                (Promote, vec![Parked], Planned),
                (Defer, vec![Planned], Parked),
                (Start, vec![Planned], Active),
                (Submit, vec![Active], InReview),
                (Rework, vec![InReview], Active),
                (Ship, vec![Active, InReview], Shipped),
                (Pause, vec![Active, InReview], Planned),
                (Drop, vec![Parked, Planned, Active, InReview], Dropped),
                (Revive, vec![Dropped], Parked),
                (Reopen, vec![Shipped], Active),
            ]
        );
    }

    #[test]
    fn every_accepted_transition_lands_on_its_target_with_consistent_dates() {
        for &t in Transition::ALL {
            for &from in t.sources() {
                let f = feature(7, "Billing", from);
                let args = TransitionArgs {
                    reason: Some("because".into()),
                    phase: Some(PhaseId(2)),
                    ..TransitionArgs::default()
                };
                let holder = from.holds_slot().then_some(&f);
                let change = run(&f, t, args, holder, &[]).unwrap();
                let after = &change.feature;
                assert_eq!(after.status, t.target(), "{t} from {from}");
                assert_eq!(
                    after.shipped.is_some(),
                    after.status == Shipped,
                    "{t} from {from}"
                );
                if after.status.holds_slot() {
                    assert!(after.started.is_some(), "{t} from {from}");
                }
                let no_phase =
                    after.status == Parked || (after.status == Dropped && from == Parked);
                assert_eq!(after.phase.is_none(), no_phase, "{t} from {from}");
                let prefix = format!("{t} F7 \"Billing\": {} → ", from.phrase());
                assert!(change.what.starts_with(&prefix), "{}", change.what);
            }
        }
    }

    #[test]
    fn every_transition_from_a_wrong_state_is_refused_with_the_options() {
        for &t in Transition::ALL {
            for &from in FeatureStatus::ALL
                .iter()
                .filter(|s| !t.sources().contains(s))
            {
                let f = feature(7, "Billing", from);
                let refusal = run(&f, t, why("x"), None, &[]).unwrap_err();
                assert!(
                    matches!(refusal, Refusal::WrongStatus { .. }),
                    "{t} from {from}"
                );
            }
        }
        let shipped = feature(7, "Billing", Shipped);
        assert_eq!(
            run(&shipped, Transition::Start, why("x"), None, &[])
                .unwrap_err()
                .to_string(),
            "cannot start F7 \"Billing\": it is shipped; from shipped you can reopen"
        );
        let planned = feature(7, "Billing", Planned);
        assert_eq!(
            run(
                &planned,
                Transition::Ship,
                TransitionArgs::default(),
                None,
                &[]
            )
            .unwrap_err()
            .to_string(),
            "cannot ship F7 \"Billing\": it is planned; from planned you can defer, start or drop"
        );
    }

    #[test]
    fn a_second_active_feature_is_refused_naming_the_holder() {
        let holder = feature(3, "Onboarding", Active);
        let f = feature(7, "Billing", Planned);
        let refusal = run(
            &f,
            Transition::Start,
            TransitionArgs::default(),
            Some(&holder),
            &[],
        )
        .unwrap_err();
        assert_eq!(
            refusal.to_string(),
            "cannot start F7 \"Billing\": F3 \"Onboarding\" is in progress since 2026-11-16 — ship it or pause it first"
        );
        let in_review = feature(3, "Onboarding", InReview);
        let shipped = feature(7, "Billing", Shipped);
        assert_eq!(
            run(
                &shipped,
                Transition::Reopen,
                TransitionArgs::default(),
                Some(&in_review),
                &[]
            )
            .unwrap_err()
            .to_string(),
            "cannot reopen F7 \"Billing\": F3 \"Onboarding\" is in review since 2026-11-16 — ship it or pause it first"
        );
    }

    #[test]
    fn moving_within_the_slot_is_not_blocked_by_holding_it() {
        let active = feature(3, "Onboarding", Active);
        let none = TransitionArgs::default;
        let submitted = run(&active, Transition::Submit, none(), Some(&active), &[]).unwrap();
        assert_eq!(submitted.feature.status, InReview);
        let holder = Some(&submitted.feature);
        let reworked = run(&submitted.feature, Transition::Rework, none(), holder, &[]).unwrap();
        assert_eq!(reworked.feature.status, Active);
        assert_eq!(
            reworked.feature.started,
            Some(day(16)),
            "rework keeps the start date"
        );
    }

    #[test]
    fn start_waits_for_dependencies_unless_overridden_with_a_reason() {
        let f = feature(7, "Billing", Planned);
        let unmet = [feature(2, "Auth", Planned), feature(4, "Plans", Parked)];
        let none = TransitionArgs::default;
        assert_eq!(
            run(&f, Transition::Start, none(), None, &unmet[..1])
                .unwrap_err()
                .to_string(),
            "cannot start F7 \"Billing\": it depends on F2 \"Auth\" (planned), not shipped yet — ship it first, or start with an override reason"
        );
        assert_eq!(
            run(&f, Transition::Start, none(), None, &unmet)
                .unwrap_err()
                .to_string(),
            "cannot start F7 \"Billing\": it depends on F2 \"Auth\" (planned), F4 \"Plans\" (parked), not shipped yet — ship them first, or start with an override reason"
        );
        let blank = TransitionArgs {
            override_reason: Some("  ".into()),
            ..TransitionArgs::default()
        };
        assert!(
            run(&f, Transition::Start, blank, None, &unmet).is_err(),
            "a blank reason is no reason"
        );
        let overridden = TransitionArgs {
            override_reason: Some("pilot is waiting".into()),
            ..TransitionArgs::default()
        };
        let change = run(&f, Transition::Start, overridden, None, &unmet).unwrap();
        assert_eq!(change.feature.status, Active);
        assert_eq!(change.feature.started, Some(day(23)));
        assert_eq!(
            change.what,
            "start F7 \"Billing\": planned → in progress (overriding unshipped F2, F4)"
        );
        assert_eq!(change.why, "override: pilot is waiting");
    }

    #[test]
    fn pause_drop_and_defer_need_a_reason() {
        let active = feature(3, "Onboarding", Active);
        for t in [Transition::Pause, Transition::Drop] {
            assert_eq!(
                run(&active, t, TransitionArgs::default(), Some(&active), &[])
                    .unwrap_err()
                    .to_string(),
                format!("{t} F3 \"Onboarding\" needs a reason: say why")
            );
        }
        let paused = run(
            &active,
            Transition::Pause,
            why("waiting on the bank"),
            Some(&active),
            &[],
        )
        .unwrap();
        assert_eq!(paused.feature.status, Planned);
        assert_eq!(paused.feature.started, None);
        assert_eq!(paused.why, "waiting on the bank");
        let planned = feature(5, "Reports", Planned);
        assert!(run(&planned, Transition::Defer, why(" "), None, &[]).is_err());
        let args = TransitionArgs {
            reason: Some("after launch".into()),
            reconsider: Some(day(30)),
            ..TransitionArgs::default()
        };
        let deferred = run(&planned, Transition::Defer, args, None, &[]).unwrap();
        assert_eq!(deferred.feature.status, Parked);
        assert_eq!(deferred.feature.phase, None);
        assert_eq!(deferred.feature.why_deferred, "after launch");
        assert_eq!(deferred.feature.reconsider, Some(day(30)));
        assert_eq!(
            deferred.what,
            "defer F5 \"Reports\": planned → parked, reconsider 2026-11-30"
        );
    }

    #[test]
    fn promote_needs_a_phase_and_ship_stamps_today() {
        let parked = feature(9, "Mobile app", Parked);
        assert_eq!(
            run(
                &parked,
                Transition::Promote,
                TransitionArgs::default(),
                None,
                &[]
            )
            .unwrap_err()
            .to_string(),
            "cannot promote F9 \"Mobile app\": choose the phase it goes to"
        );
        let active = feature(3, "Onboarding", Active);
        let none = TransitionArgs::default;
        let shipped = run(&active, Transition::Ship, none(), Some(&active), &[]).unwrap();
        assert_eq!(shipped.feature.shipped, Some(day(23)));
        let reopened = run(&shipped.feature, Transition::Reopen, none(), None, &[]).unwrap();
        assert_eq!(reopened.feature.shipped, None);
        assert_eq!(reopened.feature.status, Active);
    }
}
