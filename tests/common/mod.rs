//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod board;
pub mod plan;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use roadboard::domain::*;
use roadboard::store::{OpenMode, Store};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The file at `db` passes SQLite's own integrity check.
pub fn assert_intact(db: &Path) {
    let check: String = rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "{}", db.display());
}

pub fn db_in(dir: &Path) -> PathBuf {
    dir.join("roadmap.db")
}

/// A roadmap with two phases and `features` planned features in phase 1.
pub fn seeded(path: &Path, features: usize) -> Store {
    let mut store = Store::open(path, OpenMode::CreateIfMissing, "tester").unwrap();
    store.init("Test roadmap", "6 months").unwrap();
    let first = store.add_phase(&phase("MVP")).unwrap();
    store.add_phase(&phase("Pilot")).unwrap();
    for n in 1..=features {
        store
            .add_feature(&planned(&format!("Feature {n}"), first.id))
            .unwrap();
    }
    store
}

pub fn phase(name: &str) -> PhaseFields {
    PhaseFields {
        name: name.into(),
        ..PhaseFields::default()
    }
}

pub fn planned(title: &str, phase: PhaseId) -> NewFeature {
    NewFeature {
        fields: FeatureFields {
            title: title.into(),
            ..FeatureFields::default()
        },
        phase: Some(phase),
        depends_on: Vec::new(),
        created: Some(today()),
        private: false,
    }
}

pub fn key(n: u32) -> FeatureKey {
    FeatureKey(n)
}

/// How many cases a property test runs: `default`, or `ROADBOARD_FUZZ_CASES`
/// for a long run.
pub fn fuzz_cases(default: u32) -> u32 {
    std::env::var("ROADBOARD_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}
