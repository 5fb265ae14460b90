//! Random sequences of actions, through two handles on one file, checked
//! after every step against the rules of the method.

use crate::common;

use common::*;
use proptest::prelude::*;
use roadboard::domain::deps::topological_order;
use roadboard::domain::*;
use roadboard::store::{OpenMode, Store, StoreError};

#[derive(Debug, Clone)]
enum Op {
    Transition {
        feature: u32,
        transition: Transition,
        /// Mostly pick among the transitions the feature's status allows,
        /// so sequences reach deep states instead of bouncing off refusals.
        allowed: Option<usize>,
        reason: bool,
        override_deps: bool,
    },
    Depend {
        feature: u32,
        on: u32,
    },
    Add {
        parked: bool,
    },
}

const FEATURES: u32 = 4;

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (
            1..=FEATURES + 2,
            prop::sample::select(Transition::ALL),
            prop::option::weighted(0.8, 0..4usize),
            prop::bool::weighted(0.8),
            any::<bool>()
        )
            .prop_map(|(feature, transition, allowed, reason, override_deps)| Op::Transition {
                feature,
                transition,
                allowed,
                reason,
                override_deps
            }),
        2 => (1..=FEATURES, 1..=FEATURES).prop_map(|(feature, on)| Op::Depend { feature, on }),
        1 => any::<bool>().prop_map(|parked| Op::Add { parked }),
    ]
}

fn check_invariants(roadmap: &Roadmap) {
    let holding: Vec<_> = roadmap
        .features
        .iter()
        .filter(|f| f.status.holds_slot())
        .collect();
    assert!(
        holding.len() <= 1,
        "two features hold the slot: {holding:?}"
    );
    for f in &roadmap.features {
        assert_eq!(
            f.shipped.is_some(),
            f.status == FeatureStatus::Shipped,
            "{f:?}"
        );
        if f.status.holds_slot() {
            assert!(f.started.is_some(), "{f:?}");
        }
        if f.status == FeatureStatus::Parked {
            assert!(f.phase.is_none(), "{f:?}");
        }
        if matches!(
            f.status,
            FeatureStatus::Planned
                | FeatureStatus::Active
                | FeatureStatus::InReview
                | FeatureStatus::Shipped
        ) {
            assert!(f.phase.is_some(), "{f:?}");
        }
    }
    let ids: Vec<FeatureId> = roadmap.features.iter().map(|f| f.id).collect();
    assert!(
        topological_order(&ids, &roadmap.dependencies).is_ok(),
        "a dependency cycle"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_rules_hold_after_every_step(ops in prop::collection::vec((any::<bool>(), op()), 1..60)) {
        let dir = tempfile::tempdir().unwrap();
        let path = db_in(dir.path());
        let first = seeded(&path, FEATURES as usize);
        let second = Store::open(&path, OpenMode::Existing, "other").unwrap();
        let mut handles = [first, second];
        let phase = handles[0].resolve_phase("1").unwrap().id;

        for (which, op) in ops {
            let store = &mut handles[usize::from(which)];
            let before = store.load().unwrap();
            let log_before = store.log(&Default::default()).unwrap().len();
            let result = match &op {
                Op::Transition { feature, transition, allowed, reason, override_deps } => {
                    let status = before.feature_by_key(key(*feature)).map(|f| f.status);
                    let transition = match (status, allowed) {
                        (Some(status), Some(choice)) => {
                            let options: Vec<Transition> = Transition::available_from(status).collect();
                            options[choice % options.len()]
                        }
                        _ => *transition,
                    };
                    let args = TransitionArgs {
                        reason: reason.then(|| "because".to_owned()),
                        phase: Some(phase),
                        override_reason: override_deps.then(|| "we must".to_owned()),
                        ..TransitionArgs::default()
                    };
                    store.transition(key(*feature), transition, &args, today()).map(|_| ())
                }
                Op::Depend { feature, on } => store.add_dependency(key(*feature), key(*on)),
                Op::Add { parked } => {
                    let mut new = planned("Added", phase);
                    if *parked {
                        new.phase = None;
                    }
                    store.add_feature(&new).map(|_| ())
                }
            };
            let after = store.load().unwrap();
            let log_after = store.log(&Default::default()).unwrap();
            check_invariants(&after);
            match result {
                Ok(()) => {
                    prop_assert_eq!(log_after.len(), log_before + 1, "{:?} accepted without a log entry", op);
                    prop_assert_eq!(&log_after[0].who, store.author());
                }
                Err(error) => {
                    // The rules refuse before the file has to: a constraint
                    // error here would mean the domain let something through.
                    prop_assert!(
                        matches!(error, StoreError::Refused(_) | StoreError::Dependency(_) | StoreError::ShippedWaits(_) | StoreError::Invalid { .. } | StoreError::NoFeature(_)),
                        "{:?} failed with {:?}", op, error
                    );
                    prop_assert_eq!(&after, &before, "{:?} refused ({}) but changed the roadmap", op, error);
                    prop_assert_eq!(log_after.len(), log_before, "{:?} refused but logged", op);
                }
            }
        }
    }
}
