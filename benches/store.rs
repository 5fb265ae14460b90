//! Store and document benchmarks on generated roadmaps of 1,000 and
//! 10,000 features. `cargo bench --bench store`.

use chrono::NaiveDate;
use roadboard::cli::{Cli, Command, run};
use roadboard::domain::{FeatureKey, Transition, TransitionArgs};
use roadboard::store::{OpenMode, Store};

#[path = "support/generated.rs"]
mod generated;

use generated::{SIZES, generated};

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn open_and_load(bencher: divan::Bencher, features: usize) {
    let path = generated(features);
    bencher.bench(|| {
        let store = Store::open(path, OpenMode::Existing, "bench").unwrap();
        divan::black_box(store.load().unwrap())
    });
}

/// Two durable commits per iteration: start a feature, then pause it.
#[divan::bench(args = SIZES, sample_count = 50)]
fn start_then_pause_committed(bencher: divan::Bencher, features: usize) {
    let mut store = Store::open(generated(features), OpenMode::Existing, "bench").unwrap();
    let key = FeatureKey(1);
    let pause = TransitionArgs {
        reason: Some("bench".into()),
        ..TransitionArgs::default()
    };
    bencher.bench_local(|| {
        store
            .transition(key, Transition::Start, &TransitionArgs::default(), today())
            .unwrap();
        store
            .transition(key, Transition::Pause, &pause, today())
            .unwrap();
    });
}

/// The command line on the generated file (the config: none).
fn cli_on(features: usize) -> Cli {
    Cli {
        config: Some(std::path::PathBuf::from("/nonexistent/roadboard.toml")),
        db: Some(generated(features).to_path_buf()),
        author: Some("bench".into()),
        log: None,
        today: Some(today()),
        command: None,
        loaded_config: Default::default(),
    }
}

/// `roadboard status`, opening the file as each shell prompt does.
#[divan::bench(args = SIZES, sample_count = 50)]
fn status(bencher: divan::Bencher, features: usize) {
    let cli = cli_on(features);
    let status = Command::Status {
        json: true,
        short: false,
        width: None,
    };
    bencher.bench(|| {
        let mut out = Vec::new();
        run(&cli, &status, &mut out).unwrap();
        out.len()
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn list_json(bencher: divan::Bencher, features: usize) {
    let cli = cli_on(features);
    let list = Command::List {
        status: None,
        phase: None,
        json: true,
    };
    bencher.bench(|| {
        let mut out = Vec::with_capacity(16 << 20);
        run(&cli, &list, &mut out).unwrap();
        out.len()
    });
}

/// The Markdown export of the whole roadmap.
#[divan::bench(args = SIZES, sample_count = 20)]
fn export_markdown(bencher: divan::Bencher, features: usize) {
    let store = Store::open(generated(features), OpenMode::Existing, "bench").unwrap();
    let roadmap = store.load().unwrap();
    bencher.bench(|| roadboard::interchange::export_md::export_markdown(&roadmap, &[]).len());
}

/// A Markdown roadmap of about 1 MB (the export of the first features of
/// the generated roadmap), read and interpreted.
#[divan::bench(sample_count = 20)]
fn import_markdown_1mb(bencher: divan::Bencher) {
    let store = Store::open(generated(10_000), OpenMode::Existing, "bench").unwrap();
    let roadmap = store.load().unwrap();
    let mut document = String::new();
    for keep in (500..=roadmap.features.len()).step_by(250) {
        let mut part = roadmap.clone();
        part.features.truncate(keep);
        let ids: std::collections::HashSet<_> = part.features.iter().map(|f| f.id).collect();
        part.dependencies
            .retain(|d| ids.contains(&d.feature) && ids.contains(&d.depends_on));
        document = roadboard::interchange::export_md::export_markdown(&part, &[]);
        if document.len() >= 1 << 20 {
            break;
        }
    }
    assert!(document.len() >= 1 << 20, "{} bytes", document.len());
    bencher.bench(|| {
        roadboard::interchange::markdown::import_markdown(&document, "bench", today())
            .roadmap
            .features
            .len()
    });
}

/// 100,000 headings, each a step holding one item: the reader stays
/// linear in the number of sections.
#[divan::bench(sample_count = 5)]
fn import_100k_headings(bencher: divan::Bencher) {
    let document: String = (1..=100_000)
        .map(|n| format!("## Step {n}\n- [ ] Item {n}\n"))
        .collect();
    bencher.bench(|| {
        roadboard::interchange::markdown::import_markdown(&document, "bench", today())
            .roadmap
            .phases
            .len()
    });
}

/// About 1 MB of a phase checklist repeated in a priority list: every
/// priority item is matched against the features.
#[divan::bench(sample_count = 10)]
fn import_priority_sections_1mb(bencher: divan::Bencher) {
    let mut document = String::from("# Plan\n\n## Phase 1: All\n\n");
    let mut n = 0;
    while document.len() < 1 << 19 {
        n += 1;
        document.push_str(&format!("- [ ] Feature number {n}\n"));
    }
    document.push_str("\n## Must Have\n\n");
    for i in 1..=n {
        document.push_str(&format!("- Feature number {i}\n"));
    }
    bencher.bench(|| {
        roadboard::interchange::markdown::import_markdown(&document, "bench", today())
            .roadmap
            .features
            .len()
    });
}

/// `publish`: the public subset, rendered and written as a site.
#[divan::bench(args = SIZES, sample_count = 20)]
fn publish_site(bencher: divan::Bencher, features: usize) {
    let store = Store::open(generated(features), OpenMode::Existing, "bench").unwrap();
    let site = tempfile::tempdir().unwrap();
    let settings = roadboard::domain::public::PublishSettings::default();
    bencher.bench_local(|| {
        let roadmap = store.load().unwrap();
        let public = roadboard::domain::public::public_roadmap(&roadmap, &settings, today());
        roadboard::interchange::publish::publish(&public, site.path(), None, None).unwrap()
    });
}

/// `publish` of the example roadmap.
#[divan::bench(sample_count = 50)]
fn publish_example(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(
        &dir.path().join("example.db"),
        OpenMode::CreateIfMissing,
        "bench",
    )
    .unwrap();
    roadboard::example::build(&mut store, today()).unwrap();
    let site = dir.path().join("site");
    let settings = roadboard::domain::public::PublishSettings::default();
    bencher.bench_local(|| {
        let roadmap = store.load().unwrap();
        let public = roadboard::domain::public::public_roadmap(&roadmap, &settings, today());
        roadboard::interchange::publish::publish(&public, &site, None, None).unwrap()
    });
}

/// An update in place from a document with every title changed: every
/// feature row written and journaled, one change in the log.
#[divan::bench(args = SIZES, sample_count = 5)]
fn update_every_feature_in_place(bencher: divan::Bencher, features: usize) {
    let source = generated(features);
    let mut document = Store::open(source, OpenMode::Existing, "bench")
        .unwrap()
        .load()
        .unwrap();
    for f in &mut document.features {
        f.title.push_str(" v2");
    }
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let copy = dir.path().join("copy.db");
            std::fs::copy(source, &copy).unwrap();
            let store = Store::open(&copy, OpenMode::Existing, "bench").unwrap();
            (dir, store)
        })
        .bench_local_values(|(_dir, mut store)| {
            // As a JSON document: every field written.
            let written = roadboard::domain::merge::Written::default();
            let matching = roadboard::domain::merge::Matching::ByKey(&written);
            store
                .update_from(&document, matching, false, "bench")
                .unwrap()
        });
}

/// A repository of 10,000 commits, each naming one of the generated
/// roadmap's features (every tenth with a `Refs:` trailer), made once with
/// `git fast-import`.
fn ten_thousand_commits() -> &'static std::path::Path {
    static REPO: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    REPO.get_or_init(|| {
        use std::io::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| {
            std::process::Command::new("git")
                .arg("-C")
                .arg(dir.path())
                .args(args)
                .stdin(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        assert!(git(&["init", "-q"]).wait().unwrap().success());
        let mut stream = String::new();
        for i in 1..=10_000u32 {
            let key = i % 1_000 + 1;
            let message = if i % 10 == 0 {
                format!("Work {i}\n\nRefs: F{key}\n")
            } else {
                format!("Work {i} on F{key}\n")
            };
            stream.push_str(&format!(
                "commit refs/heads/main\nmark :{i}\ncommitter Ada <ada@example.com> {} +0000\ndata {}\n{message}",
                1_700_000_000 + u64::from(i) * 60,
                message.len()
            ));
            if i > 1 {
                stream.push_str(&format!("from :{}\n", i - 1));
            }
            stream.push('\n');
        }
        let mut import = git(&["fast-import", "--quiet"]);
        import
            .stdin
            .take()
            .unwrap()
            .write_all(stream.as_bytes())
            .unwrap();
        assert!(import.wait().unwrap().success());
        assert!(git(&["symbolic-ref", "HEAD", "refs/heads/main"]).wait().unwrap().success());
        dir
    })
    .path()
}

/// `roadboard git scan` over 10,000 new commits: git's log read, every
/// message's keys found, 10,000 links kept (a fresh copy of the file each
/// time, so every scan reads them all).
#[divan::bench(sample_count = 10)]
fn git_scan_of_ten_thousand_commits(bencher: divan::Bencher) {
    let repo = roadboard::git::Repo::find(ten_thousand_commits()).unwrap();
    let source = generated(1_000);
    let pattern = roadboard::domain::commits::KeyPattern::default();
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let copy = dir.path().join("roadmap.db");
            std::fs::copy(source, &copy).unwrap();
            (
                dir,
                Store::open(&copy, OpenMode::Existing, "bench").unwrap(),
            )
        })
        .bench_local_values(|(_dir, mut store)| {
            let found = roadboard::git::scan(&mut store, &repo, &pattern, today()).unwrap();
            assert_eq!(found.read, 10_000);
            divan::black_box(found)
        });
}
