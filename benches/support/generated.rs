//! Generated roadmaps shared by the benchmarks: 1,000 or 10,000 features
//! over 12 phases, with a dependency for every fifth feature.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use roadboard::store::{OpenMode, Store};

pub const PHASES: i64 = 12;
/// The sizes every benchmark runs at.
pub const SIZES: [usize; 2] = [1_000, 10_000];

/// The roadmap of `features` features (one of `SIZES`), built once per run.
pub fn generated(features: usize) -> &'static Path {
    static SMALL: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    static LARGE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let cell = if features <= SIZES[0] { &SMALL } else { &LARGE };
    &cell.get_or_init(|| build(features as i64)).1
}

/// Builds the file in bulk (one transaction; the store's one commit per
/// edit would spend minutes on fsyncs).
fn build(features: i64) -> (tempfile::TempDir, PathBuf) {
    let dependencies = features / 5;
    {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.db");
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, "bench").unwrap();
        store.init("Generated", "2 years").unwrap();
        drop(store);
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        for p in 1..=PHASES {
            tx.execute(
                "INSERT INTO phase (name, goal, start_date, end_date, status, position) VALUES (?1, 'goal', '2026-01-05', '2027-06-28', 'in_progress', ?2)",
                rusqlite::params![format!("Phase {p}"), p],
            )
            .unwrap();
        }
        for n in 1..=features {
            let phase = (n - 1) % PHASES + 1;
            let shipped = n % 3 == 0;
            tx.execute(
                "INSERT INTO feature (key_num, title, description, why, metric, status, priority, target_date, started_date, shipped_date, phase_id, position)
                 VALUES (?1, ?2, 'What it does, in a sentence or two.', 'Why now.', 'How we know.', ?3, ?4, '2027-03-01', ?5, ?5, ?6, ?1)",
                rusqlite::params![
                    n,
                    format!("Generated feature number {n}"),
                    if shipped { "shipped" } else { "planned" },
                    n % 4,
                    shipped.then_some("2026-06-01"),
                    phase
                ],
            )
            .unwrap();
        }
        // Each edge points at a lower key: acyclic by construction.
        for d in 0..dependencies {
            let feature = 10 + d * 4;
            tx.execute(
                "INSERT INTO dependency (feature_id, depends_on_id) VALUES (?1, ?2)",
                [feature, feature - 7],
            )
            .unwrap();
        }
        tx.commit().unwrap();
        (dir, path)
    }
}
