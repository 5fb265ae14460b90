//! The store on temporary files: migrations, reopening, the ONE rule in the
//! file itself, and files that are not ours.

use crate::common;

use std::fs;

use common::*;
use roadboard::domain::*;
use roadboard::store::{APPLICATION_ID, OpenMode, Store, StoreError, latest_version};
use rusqlite::Connection;

#[test]
fn a_new_file_is_migrated_to_the_latest_schema_and_marked_as_ours() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    let store = Store::open(&path, OpenMode::CreateIfMissing, "me").unwrap();
    assert!(store.info().unwrap().is_none(), "no roadmap before init");
    drop(store);
    let raw = Connection::open(&path).unwrap();
    let version: i64 = raw
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let app: i32 = raw
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let journal: String = raw
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(version, latest_version());
    assert_eq!(app, APPLICATION_ID);
    assert_eq!(journal, "wal");
}

#[test]
fn existing_mode_refuses_a_missing_file_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    let error = Store::open(&path, OpenMode::Existing, "me").err().unwrap();
    assert!(matches!(error, StoreError::Missing { .. }), "{error}");
    assert!(!path.exists());
}

#[test]
fn reopening_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    let mut store = seeded(&path, 3);
    store.add_dependency(key(2), key(1)).unwrap();
    store
        .transition(
            key(1),
            Transition::Start,
            &TransitionArgs::default(),
            today(),
        )
        .unwrap();
    store
        .add_blocker(key(1), "bank API keys", Some(today()), "ask again")
        .unwrap();
    store
        .add_request("PDF export", "Pilot chef", RequestPriority::High, today())
        .unwrap();
    let phase = store.resolve_phase("mvp").unwrap();
    let milestone = store
        .add_milestone(phase.id, "Pilot live", Some(today()))
        .unwrap();
    store
        .set_milestone_done(milestone.id, Some(today()))
        .unwrap();
    store
        .add_criterion(phase.id, "Pilot publishes a rota")
        .unwrap();
    let before = store.load().unwrap();
    let log_before = store.log(&Default::default()).unwrap();
    drop(store);

    let reopened = Store::open(&path, OpenMode::Existing, "me").unwrap();
    assert_eq!(reopened.load().unwrap(), before);
    assert_eq!(reopened.log(&Default::default()).unwrap(), log_before);
    assert_eq!(before.slot_holder().unwrap().key, key(1));
    assert_eq!(
        before
            .unmet_dependencies(before.feature_by_key(key(2)).unwrap().id)
            .len(),
        1
    );
    assert_eq!(before.milestones[0].done, Some(today()));
    assert_eq!(before.requests[0].requested_by, "Pilot chef");
}

#[test]
fn every_accepted_write_is_logged_with_its_author_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = seeded(&dir.path().join("r.db"), 2);
    let writes_so_far = store.log(&Default::default()).unwrap().len();
    assert_eq!(writes_so_far, 1 + 2 + 2, "init, two phases, two features");
    store
        .transition(
            key(1),
            Transition::Start,
            &TransitionArgs::default(),
            today(),
        )
        .unwrap();
    let pause = TransitionArgs {
        reason: Some("waiting on the pilot".into()),
        ..TransitionArgs::default()
    };
    store
        .transition(key(1), Transition::Pause, &pause, today())
        .unwrap();
    let log = store.log(&Default::default()).unwrap();
    assert_eq!(log.len(), writes_so_far + 2);
    assert_eq!(log[0].what, "pause F1 \"Feature 1\": in progress → planned");
    assert_eq!(log[0].why, "waiting on the pilot");
    assert_eq!(log[0].who, "tester");
    assert!(log[0].feature.is_some());
}

#[test]
fn a_command_with_nothing_to_do_says_so_and_logs_nothing() {
    use roadboard::domain::command::Command;
    let dir = tempfile::tempdir().unwrap();
    let mut store = seeded(&dir.path().join("r.db"), 1);
    let start = Command::Transition {
        key: key(1),
        transition: Transition::Start,
        args: TransitionArgs::default(),
    };
    let started = store.apply(&start, today()).unwrap();
    assert_eq!(
        started.summary,
        "start F1 \"Feature 1\": planned → in progress"
    );
    let logged = store.log(&Default::default()).unwrap().len();
    let fields = FeatureFields::of(&store.feature(key(1)).unwrap());
    let unchanged = Command::EditFeature {
        key: key(1),
        base: Box::new(fields.clone()),
        fields: Box::new(fields),
        why: String::new(),
    };
    let saved = store.apply(&unchanged, today()).unwrap();
    assert_eq!(
        saved.summary, "nothing changed",
        "not the start's sentence again"
    );
    assert_eq!(saved.entry, None);
    assert_eq!(store.log(&Default::default()).unwrap().len(), logged);
    assert_eq!(
        store.last_summary(),
        started.summary,
        "still the last write's"
    );
}

#[test]
fn a_refused_transition_changes_nothing_and_logs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = seeded(&dir.path().join("r.db"), 2);
    store
        .transition(
            key(1),
            Transition::Start,
            &TransitionArgs::default(),
            today(),
        )
        .unwrap();
    let before = store.load().unwrap();
    let log_before = store.log(&Default::default()).unwrap();
    let error = store
        .transition(
            key(2),
            Transition::Start,
            &TransitionArgs::default(),
            today(),
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot start F2 \"Feature 2\": F1 \"Feature 1\" is in progress since 2026-11-23 — ship it or pause it first"
    );
    assert_eq!(store.load().unwrap(), before);
    assert_eq!(store.log(&Default::default()).unwrap(), log_before);
}

#[test]
fn the_file_itself_refuses_a_second_active_feature_written_by_raw_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    let mut store = seeded(&path, 2);
    store
        .transition(
            key(1),
            Transition::Start,
            &TransitionArgs::default(),
            today(),
        )
        .unwrap();
    let raw = Connection::open(&path).unwrap();
    for status in ["active", "in_review"] {
        let error = raw
            .execute(
                "UPDATE feature SET status = ?1, started_date = '2026-11-23' WHERE key_num = 2",
                [status],
            )
            .unwrap_err();
        assert!(
            error.to_string().contains("UNIQUE constraint failed"),
            "{error}"
        );
    }
    let active: i64 = raw
        .query_row(
            "SELECT count(*) FROM feature WHERE status IN ('active','in_review')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(active, 1);
}

#[test]
fn a_dependency_cycle_is_refused_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = seeded(&dir.path().join("r.db"), 3);
    store.add_dependency(key(2), key(1)).unwrap();
    store.add_dependency(key(3), key(2)).unwrap();
    let error = store.add_dependency(key(1), key(3)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "refused: that dependency would close a cycle F1 → F3 → F2 → F1"
    );
    assert_eq!(store.load().unwrap().dependencies.len(), 2);
    let twice = store.add_dependency(key(2), key(1)).unwrap_err();
    assert_eq!(twice.to_string(), "dependency: F2 already depends on F1");
}

#[test]
fn promote_and_defer_move_cards_between_the_parking_lot_and_a_phase() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = seeded(&dir.path().join("r.db"), 2);
    let pilot = store.resolve_phase("2").unwrap();
    let defer = TransitionArgs {
        reason: Some("after the pilot".into()),
        reconsider: Some(today()),
        ..TransitionArgs::default()
    };
    store
        .transition(key(1), Transition::Defer, &defer, today())
        .unwrap();
    let promote = TransitionArgs {
        phase: Some(pilot.id),
        ..TransitionArgs::default()
    };
    let change = store
        .transition(key(1), Transition::Promote, &promote, today())
        .unwrap();
    assert_eq!(change.feature.phase, Some(pilot.id));
    let roadmap = store.load().unwrap();
    assert_eq!(roadmap.features_in(pilot.id).count(), 1);
    assert_eq!(
        roadmap.feature_by_key(key(1)).unwrap().why_deferred,
        "after the pilot"
    );
}

#[test]
fn phases_resolve_by_number_name_and_unique_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(&dir.path().join("r.db"), 0);
    assert_eq!(store.resolve_phase("2").unwrap().name, "Pilot");
    assert_eq!(store.resolve_phase("MVP").unwrap().name, "MVP");
    assert_eq!(store.resolve_phase("pil").unwrap().name, "Pilot");
    assert!(matches!(
        store.resolve_phase("3"),
        Err(StoreError::NoPhase(_))
    ));
    assert!(matches!(
        store.resolve_phase(""),
        Err(StoreError::NoPhase(_))
    ));
}

/// Opening must refuse the file with `expected` and leave it byte-identical.
fn refused_untouched(contents: &[u8], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    fs::write(&path, contents).unwrap();
    for mode in [OpenMode::Existing, OpenMode::CreateIfMissing] {
        let error = Store::open(&path, mode, "me")
            .err()
            .expect("must be refused");
        assert!(error.to_string().contains(expected), "{error}");
        assert_eq!(fs::read(&path).unwrap(), contents, "the file was modified");
        let siblings: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(siblings.len(), 1, "nothing is written next to it");
    }
}

#[test]
fn files_that_are_not_roadboard_databases_are_refused_and_left_untouched() {
    refused_untouched(b"", "is an empty file, not a roadboard database");
    refused_untouched(
        b"# My roadmap\n\n## Phase 1\n",
        "is not a roadboard database (not a SQLite file)",
    );
    refused_untouched(
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        "is not a roadboard database (not a SQLite file)",
    );

    let foreign_dir = tempfile::tempdir().unwrap();
    let foreign = foreign_dir.path().join("other.db");
    let conn = Connection::open(&foreign).unwrap();
    conn.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
        .unwrap();
    drop(conn);
    refused_untouched(
        &fs::read(&foreign).unwrap(),
        "is a SQLite database of another program",
    );
}

#[test]
fn a_truncated_database_is_refused_as_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    drop(seeded(&path, 40));
    // Fold the WAL into the main file so the bytes below are the whole database.
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let bytes = fs::read(&path).unwrap();
    assert!(bytes.len() > 8192);
    refused_untouched(&bytes[..bytes.len() / 2], "is damaged");
}

#[test]
fn a_database_from_a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    drop(seeded(&path, 1));
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", latest_version() + 1)
        .unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;")
        .unwrap();
    drop(conn);
    refused_untouched(
        &fs::read(&path).unwrap(),
        &format!(
            "was written by a newer roadboard (schema version {}",
            latest_version() + 1
        ),
    );
}

#[test]
fn a_read_only_file_and_a_missing_directory_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    drop(seeded(&path, 1));
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;")
        .unwrap();
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();
    let bytes = fs::read(&path).unwrap();
    let error = Store::open(&path, OpenMode::Existing, "me").err().unwrap();
    assert_eq!(
        error.to_string(),
        format!(
            "{} is read-only; roadboard needs to write to it",
            path.display()
        )
    );
    assert_eq!(fs::read(&path).unwrap(), bytes);

    let nowhere = dir.path().join("missing").join("roadmap.db");
    let error = Store::open(&nowhere, OpenMode::CreateIfMissing, "me")
        .err()
        .unwrap();
    assert!(error.to_string().contains("the directory"), "{error}");
    assert!(!nowhere.parent().unwrap().exists());
}

#[test]
fn the_example_roadmap_has_what_the_brief_asks_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db_in(dir.path()), OpenMode::CreateIfMissing, "me").unwrap();
    roadboard::example::build(&mut store, today()).unwrap();
    let roadmap = store.load().unwrap();
    assert_eq!(roadmap.phases.len(), 4);
    assert!(
        (12..=18).contains(&roadmap.features.len()),
        "{}",
        roadmap.features.len()
    );
    assert!(roadmap.parked().count() >= 3);
    assert!(roadmap.requests.len() >= 3);
    assert!(roadmap.milestones.len() >= 4);
    assert_eq!(
        roadmap.slot_holder().map(|f| f.status),
        Some(FeatureStatus::Active)
    );
    assert!(
        roadmap
            .features
            .iter()
            .any(|f| f.status == FeatureStatus::Shipped)
    );
}

#[test]
fn a_review_record_and_its_log_summary_land_together_and_drafts_resume() {
    use roadboard::domain::review::{ReviewDraft, ReviewStep};
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    let mut store = seeded(&path, 2);
    assert_eq!(store.review_draft(ReviewKind::Weekly).unwrap(), None);
    let mut draft = ReviewDraft::new(ReviewKind::Weekly, today());
    draft.step = ReviewStep::Notes;
    draft.notes = "half done".into();
    draft.chosen = Some(key(2));
    // The method asks of next week's ONE a why, a metric and a target:
    // a store refuses the review until each is given or skipped.
    let refused = store.finish_review(&draft, today()).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("has no why now, success metric, target date"),
        "{refused}"
    );
    use roadboard::domain::review::Readiness;
    draft.skipped = vec![Readiness::Why, Readiness::Metric, Readiness::Target];
    store.save_review_draft(&draft).unwrap();
    let monthly = ReviewDraft::new(ReviewKind::Monthly, today());
    store.save_review_draft(&monthly).unwrap();
    drop(store);
    // Another session finds the draft as it was left.
    let mut store = Store::open(&path, OpenMode::Existing, "me").unwrap();
    assert_eq!(
        store.review_draft(ReviewKind::Weekly).unwrap(),
        Some(draft.clone())
    );
    let log_before = store.log(&Default::default()).unwrap().len();
    let review = store.finish_review(&draft, today()).unwrap();
    let roadmap = store.load().unwrap();
    assert_eq!(roadmap.reviews, vec![review.clone()]);
    assert_eq!(review.chosen, roadmap.feature_by_key(key(2)).map(|f| f.id));
    let log = store.log(&Default::default()).unwrap();
    assert_eq!(log.len(), log_before + 1);
    assert_eq!(
        log[0].what,
        "weekly review: next ONE feature F2 \"Feature 2\""
    );
    assert_eq!(log[0].why, "half done");
    assert_eq!(
        store.review_draft(ReviewKind::Weekly).unwrap(),
        None,
        "finishing clears the draft"
    );
    assert_eq!(
        store.review_draft(ReviewKind::Monthly).unwrap(),
        Some(monthly),
        "each kind keeps its own draft"
    );
}

/// `status` reads only its part of the file; that part agrees with the
/// whole roadmap in every state the status line tells apart.
#[test]
fn the_focus_read_agrees_with_the_whole_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    let mut store = Store::open(&path, OpenMode::CreateIfMissing, "me").unwrap();
    store.init("Acme", "").unwrap();
    let agree = |store: &Store, when: &str| {
        let (whole, focus) = (store.load().unwrap(), store.load_focus().unwrap());
        assert_eq!(whole.info, focus.info, "{when}");
        assert_eq!(
            whole.features.is_empty(),
            focus.features.is_empty(),
            "{when}"
        );
        assert_eq!(whole.slot_holder(), focus.slot_holder(), "{when}");
        assert_eq!(whole.up_next(), focus.up_next(), "{when}");
        assert_eq!(whole.reviews, focus.reviews, "{when}");
        if let Some(holder) = whole.slot_holder() {
            let open = |r: &Roadmap| r.open_blockers(holder.id).cloned().collect::<Vec<_>>();
            assert_eq!(open(&whole), open(&focus), "{when}");
        }
    };
    agree(&store, "empty");
    let phase = store.add_phase(&phase("MVP")).unwrap();
    for title in ["Billing", "Invoices", "Reports"] {
        store.add_feature(&planned(title, phase.id)).unwrap();
    }
    agree(&store, "planned only");
    store.set_up_next(Some(key(2)), "").unwrap();
    agree(&store, "up next, nothing active");
    store
        .transition(
            key(1),
            Transition::Start,
            &TransitionArgs::default(),
            today(),
        )
        .unwrap();
    store.add_blocker(key(1), "bank keys", None, "").unwrap();
    store.add_blocker(key(3), "design", None, "").unwrap();
    agree(&store, "active with a blocker, up next");
    store
        .transition(
            key(1),
            Transition::Submit,
            &TransitionArgs::default(),
            today(),
        )
        .unwrap();
    store.set_up_next(None, "").unwrap();
    agree(&store, "in review, nothing next");
}
