//! The store on its own thread: effects are queued and carried out in
//! order while the board goes on (a write sent during a long import is
//! written after it, not lost), and the mirror is rewritten once the queue
//! is quiet.

use crate::common;

use std::time::{Duration, Instant};

use common::today;
use roadboard::app::Action;
use roadboard::app::effect::{Effect, Write};
use roadboard::app::worker::{Upkeep, Worker};
use roadboard::domain::command::Command;
use roadboard::store::{OpenMode, Store};

fn example(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join("roadmap.db"), OpenMode::CreateIfMissing, "t").unwrap();
    roadboard::example::build(&mut store, today()).unwrap();
    store
}

/// A document large enough to take a while: 3,000 items.
fn big_document(dir: &std::path::Path) -> std::path::PathBuf {
    let document: String = std::iter::once("# Big plan\n\n## Phase 1: All\n\n".to_owned())
        .chain((1..=3_000).map(|n| format!("- [ ] Imported item {n}\n")))
        .collect();
    let path = dir.join("big.md");
    std::fs::write(&path, document).unwrap();
    path
}

fn note(what: &str) -> Effect {
    Effect::write(Command::AddNote {
        what: what.into(),
        why: String::new(),
        feature: None,
    })
}

/// The messages of the writes that came back, waiting until `count` have.
fn written(worker: &mut Worker, count: usize) -> Vec<Result<String, String>> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut messages = Vec::new();
    // Until the writes came back and their jobs are over.
    while (messages.len() < count || worker.busy()) && Instant::now() < deadline {
        for action in worker.wait(Duration::from_millis(100)) {
            if let Action::Done(outcome) = action {
                messages.push(outcome.message);
            }
        }
    }
    messages
}

#[test]
fn a_write_sent_during_a_long_import_is_queued_and_written_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = example(dir.path());
    let path = big_document(dir.path());
    let mut worker = Worker::start(store, Upkeep::default());

    // Sending queues: the board's turn goes on (reading keys, drawing)
    // while the store works, and asks for what came back without waiting.
    worker.send(Effect::write(Write::Import { path }), today());
    worker.send(note("called the pilot"), today());
    assert!(worker.busy());
    let _ = worker.results();

    let messages = written(&mut worker, 2);
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0]
            .as_ref()
            .is_ok_and(|m| m.starts_with("updated from") && m.contains("3001 added")),
        "the import first: {messages:?}"
    );
    assert_eq!(
        messages[1],
        Ok("noted: called the pilot".into()),
        "then the note"
    );
    assert!(!worker.busy());
    worker.finish();

    let store = Store::open(&dir.path().join("roadmap.db"), OpenMode::Existing, "t").unwrap();
    let log = store.log(&Default::default()).unwrap();
    assert_eq!(
        log[0].what, "called the pilot",
        "the note is written, after"
    );
    assert!(store.load().unwrap().features.len() > 3_000);
}

#[test]
fn what_is_queued_when_the_board_ends_is_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut worker = Worker::start(example(dir.path()), Upkeep::default());
    for n in 1..=20 {
        worker.send(note(&format!("note {n}")), today());
    }
    worker.finish();
    let store = Store::open(&dir.path().join("roadmap.db"), OpenMode::Existing, "t").unwrap();
    let log = store.log(&Default::default()).unwrap();
    assert_eq!(log[0].what, "note 20");
    assert_eq!(
        log.iter().filter(|e| e.what.starts_with("note ")).count(),
        20
    );
}

#[test]
fn the_mirror_is_rewritten_once_the_queue_is_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = example(dir.path());
    let mirror = dir.path().join("ROADMAP.md");
    store.set_mirror(Some(&mirror), dir.path()).unwrap();
    let mut worker = Worker::start(store, Upkeep::default());
    for n in 1..=5 {
        worker.send(note(&format!("burst {n}")), today());
    }
    assert_eq!(written(&mut worker, 5).len(), 5);
    let deadline = Instant::now() + Duration::from_secs(10);
    let has_all = || std::fs::read_to_string(&mirror).is_ok_and(|text| text.contains("burst 5"));
    while !has_all() && Instant::now() < deadline {
        let _ = worker.wait(Duration::from_millis(50));
    }
    assert!(has_all(), "the mirror caught up with the last change");
    worker.finish();
}

/// A long import says how far it is while the board waits: percents that
/// only grow, each before the import's own answer.
#[test]
fn an_import_reports_its_progress_before_it_answers() {
    let dir = tempfile::tempdir().unwrap();
    let store = example(dir.path());
    let path = big_document(dir.path());
    let mut worker = Worker::start(store, Upkeep::default());
    worker.send(Effect::write(Write::Import { path }), today());
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut percents = Vec::new();
    let mut answered = false;
    while !answered && Instant::now() < deadline {
        for action in worker.wait(Duration::from_millis(100)) {
            match action {
                Action::ImportProgress(percent) => {
                    assert!(!answered, "progress after the answer");
                    percents.push(percent);
                }
                Action::Done(outcome) => {
                    assert!(outcome.message.is_ok(), "{:?}", outcome.message);
                    answered = true;
                }
                _ => {}
            }
        }
    }
    assert!(answered, "the import answered");
    assert!(percents.len() >= 10, "{percents:?}");
    assert!(percents.windows(2).all(|w| w[0] < w[1]), "{percents:?}");
    assert!(
        percents.last().is_some_and(|p| *p >= 95 && *p <= 100),
        "{percents:?}"
    );
}

/// The first import into an empty file counts its rows too.
#[test]
fn a_first_import_counts_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("r.db"), OpenMode::CreateIfMissing, "t").unwrap();
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = heard.clone();
    store.on_progress(Box::new(move |percent| sink.lock().unwrap().push(percent)));
    let document: String = std::iter::once("# Plan\n\n## Phase 1: All\n\n".to_owned())
        .chain((1..=500).map(|n| format!("- [ ] Item {n}\n")))
        .collect();
    let imported = roadboard::interchange::read_text(&document, false, "plan.md", today()).unwrap();
    store
        .import(&imported.roadmap, &imported.log, "plan.md")
        .unwrap();
    let heard = heard.lock().unwrap();
    assert_eq!(heard.last(), Some(&100), "{heard:?}");
    assert!(heard.windows(2).all(|w| w[0] < w[1]), "{heard:?}");
}
