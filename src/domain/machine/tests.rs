//! The state machine's rules, one test each.
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
            let no_phase = after.status == Parked || (after.status == Dropped && from == Parked);
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
fn an_override_starts_early_but_never_ships_early() {
    let started = feature(7, "Billing", Active);
    let unmet = [feature(2, "Auth", InReview)];
    let overridden = TransitionArgs {
        override_reason: Some("pilot is waiting".into()),
        ..TransitionArgs::default()
    };
    let refused = run(
        &started,
        Transition::Ship,
        overridden,
        Some(&started),
        &unmet,
    )
    .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "cannot ship F7 \"Billing\": it depends on F2 \"Auth\" (in review), not shipped yet — ship it first, or remove the dependency"
    );
    assert_eq!(refused.frees(), [(Transition::Ship, FeatureKey(2))]);
    // Submitting for review, pausing or dropping it stays open.
    for t in [Transition::Submit, Transition::Drop] {
        assert!(
            run(&started, t, why("x"), Some(&started), &unmet).is_ok(),
            "{t}"
        );
    }
    assert!(
        run(
            &started,
            Transition::Ship,
            TransitionArgs::default(),
            Some(&started),
            &[]
        )
        .is_ok()
    );
    // A dropped dependency waits on nothing.
    let dropped = [feature(2, "Auth", Dropped)];
    let ship = TransitionArgs::default();
    assert!(run(&started, Transition::Ship, ship, Some(&started), &dropped).is_ok());
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
