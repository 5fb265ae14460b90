//! Carrying out a write of the board on the store: one dispatch from the
//! `Write` the update asked for to the store's method, and what the board
//! is told (the change log's sentence, the card to select, undo).

use chrono::NaiveDate;

use super::effect::{Fresh, Outcome, UndoKind, Write};
use crate::domain::text::count;
use crate::example;
use crate::store::{Store, StoreError};

/// Carries out one write and reports what the board needs to know.
pub fn execute(store: &mut Store, write: Write, today: NaiveDate) -> Outcome {
    if store.file_replaced() {
        return Outcome::news(
            Err(format!(
                "{} was replaced or removed since the board opened it: nothing written — quit and open it again",
                store.path().display()
            )),
            None,
        );
    }
    let entry_before = store.last_entry();
    store.track_changes();
    let mut select = None;
    let mut undo_kind = None;
    let mut undoable = true;
    let result: Result<String, StoreError> = match write {
        Write::Init { name } => {
            undoable = false;
            store
                .init(&name, "")
                .map(|info| format!("created roadmap \"{}\"", info.name))
        }
        Write::LoadExample => {
            undoable = false;
            example::build(store, today)
                .map(|info| format!("loaded the example roadmap \"{}\"", info.name))
        }
        Write::Transition {
            key,
            transition,
            args,
        } => {
            select = Some(key);
            store
                .transition(key, transition, &args, today)
                .map(|change| change.what)
        }
        Write::AddFeature(new) => store.add_feature(&new).map(|f| {
            select = Some(f.key);
            format!("added {}", f.label())
        }),
        Write::EditFeature {
            key,
            base,
            fields,
            why,
        } => store
            .with_reason(&why, |s| s.edit_feature_from(key, Some(&base), &fields))
            .map(|f| format!("saved {}", f.label())),
        Write::MoveToPhase { key, phase, why } => {
            select = Some(key);
            store
                .with_reason(&why, |s| s.move_to_phase(key, phase))
                .map(|_| store.last_summary().to_owned())
        }
        Write::Reorder { key, later } => {
            select = Some(key);
            store.reorder(key, later).map(|moved| {
                if moved {
                    format!("moved {key} {}", if later { "down" } else { "up" })
                } else {
                    format!(
                        "{key} is already at the {}",
                        if later { "bottom" } else { "top" }
                    )
                }
            })
        }
        Write::AddDependency { key, on } => store
            .add_dependency(key, on)
            .map(|()| store.last_summary().to_owned()),
        Write::RemoveDependency { key, on } => store
            .remove_dependency(key, on)
            .map(|()| store.last_summary().to_owned()),
        Write::AddBlocker {
            key,
            waiting_for,
            eta,
            mitigation,
        } => store
            .add_blocker(key, &waiting_for, eta, &mitigation)
            .map(|_| store.last_summary().to_owned()),
        Write::AddUpcomingBlocker {
            key,
            what,
            mitigation,
        } => store
            .add_upcoming_blocker(key, &what, &mitigation)
            .map(|_| store.last_summary().to_owned()),
        Write::BlocksNow { id } => store
            .blocker_now_blocks(id, None)
            .map(|_| store.last_summary().to_owned()),
        Write::SetPrivate { key, private } => store.set_private(key, private),
        Write::AdjustTimeline { ends, why } => store.adjust_phase_ends(&ends, &why),
        Write::AddNote { what, why } => store
            .add_note(&what, &why, None)
            .map(|what| format!("noted: {what}")),
        Write::AddRequest { text, by } => store
            .add_request(&text, &by, crate::domain::RequestPriority::Med, today)
            .map(|(_, summary)| summary),
        Write::AddCriterion { phase, text } => store
            .add_criterion(phase, &text)
            .map(|id| format!("added success criterion C{}", id.0)),
        Write::ResolveBlockers { key } => store
            .resolve_blockers(key, today)
            .map(|n| format!("{key}: {} resolved", count(n as i64, "blocker"))),
        Write::AddPhase(fields) => store
            .add_phase(&fields)
            .map(|p| format!("added phase \"{}\"", p.name)),
        Write::EditPhase {
            id,
            base,
            fields,
            why,
        } => store
            .edit_phase_from(id, Some(&base), &fields, &why)
            .map(|p| format!("saved phase \"{}\"", p.name)),
        Write::AddMilestone {
            phase,
            text,
            target,
        } => store
            .add_milestone(phase, &text, target)
            .map(|m| format!("added milestone \"{}\"", m.text)),
        Write::SetMilestoneDone { id, done } => store.set_milestone_done(id, done).map(|()| {
            if done.is_some() {
                "milestone reached".to_owned()
            } else {
                "milestone reopened".to_owned()
            }
        }),
        Write::Undo { entry } => {
            undo_kind = Some(UndoKind::Undid(entry));
            store.undo(entry)
        }
        Write::Redo { entry } => {
            undo_kind = Some(UndoKind::Redid(entry));
            store.redo(entry)
        }
        Write::LinkRequest { id, key } => {
            select = Some(key);
            store
                .link_request(id, key)
                .map(|()| format!("request linked to {key}"))
        }
        Write::MergeRequest { duplicate, into } => store
            .merge_request(duplicate, into)
            .map(|_| store.last_summary().to_owned()),
        Write::RequestToFeature { id } => store
            .request_to_feature(id, today)
            .map(|f| format!("request became {} in the parking lot", f.label())),
        Write::DeclineRequest { id, why } => store
            .decline_request(id, &why)
            .map(|()| "request declined".to_owned()),
        Write::SetRequestPriority { id, priority } => store
            .set_request_priority(id, priority)
            .map(|()| format!("request priority: {priority}")),
        Write::FinishReview(draft) => {
            undoable = false;
            store
                .finish_review(&draft, today)
                .map(|review| format!("{} review recorded", review.kind))
        }
        Write::SaveFoundation { id, fields } => store
            .save_foundation(id, &fields)
            .map(|_| format!("saved foundation item \"{}\"", fields.what.trim())),
        Write::SaveRisk { id, fields } => store
            .save_risk(id, &fields)
            .map(|_| format!("saved risk \"{}\"", fields.risk.trim())),
        Write::EditCriterion { id, text } => store
            .edit_criterion(id, &text)
            .map(|()| store.last_summary().to_owned()),
        Write::RemoveCriterion { id } => store
            .remove_criterion(id)
            .map(|()| store.last_summary().to_owned()),
        Write::MoveCriterion { id, later } => store
            .move_criterion(id, later)
            .map(|_| store.last_summary().to_owned()),
        Write::SetCriterionDone { id, done } => store.set_criterion_done(id, done).map(|()| {
            if done {
                "criterion met".to_owned()
            } else {
                "criterion reopened".to_owned()
            }
        }),
        Write::ResolveBlocker { id } => store
            .resolve_blocker(id, today)
            .map(|()| "blocker resolved".to_owned()),
        Write::SetBlockerEta { id, eta } => store.set_blocker_eta(id, eta).map(|()| {
            format!(
                "blocker ETA: {}",
                eta.map_or("none".to_owned(), |d| d.to_string())
            )
        }),
        Write::Import { path } => {
            // An update of the roadmap is one undoable change; a first
            // import fills an empty file.
            undoable = matches!(store.info(), Ok(Some(_)));
            import_file(store, &path, today)
        }
        Write::EditRoadmap(edit) => store
            .edit_roadmap(&edit)
            .map(|info| format!("saved the roadmap \"{}\"", info.name)),
        Write::Export {
            path,
            velocity_days,
        } => {
            undoable = false;
            export_file(store, &path, today, velocity_days)
        }
        Write::StakeholderUpdate {
            path,
            settings,
            velocity,
        } => {
            undoable = false;
            write_update(store, &path, &settings, velocity, today)
        }
    };
    if let Err(error) = &result {
        tracing::info!(%error, "not written");
    }
    let wrote = store.last_entry() != entry_before;
    let entry = store
        .last_entry()
        .filter(|_| undoable && result.is_ok() && wrote);
    // Nothing written, nothing to read again; a refusal reads the file
    // whole (another writer may be why), and so does a write that is not
    // undone (a first roadmap, an example, an import into an empty file).
    let roadmap = match &result {
        Ok(_) if !wrote && undoable => None,
        _ => fresh(store, undoable && result.is_ok()),
    };
    let remedies = match &result {
        Err(StoreError::Refused(refusal)) => super::refusal::remedies(refusal),
        _ => Vec::new(),
    };
    Outcome {
        message: result.map_err(|error| error.to_string()),
        roadmap,
        entry,
        select,
        undo_kind,
        remedies,
    }
}

/// The roadmap after a write: the rows it changed when they say it all,
/// else read whole (always after a first roadmap, an example, a review:
/// the writes that are not undone, where the board may hold none yet).
fn fresh(store: &mut Store, by_rows: bool) -> Option<Fresh> {
    match store.fresh_rows().map(|rows| rows.filter(|_| by_rows)) {
        Ok(Some(rows)) => Some(Fresh::Rows(rows)),
        Ok(None) | Err(_) => store.load().ok().map(Fresh::Whole),
    }
}

/// Writes the stakeholder update for the period since the last review.
fn write_update(
    store: &Store,
    path: &std::path::Path,
    settings: &crate::domain::public::PublishSettings,
    velocity: i64,
    today: NaiveDate,
) -> Result<String, StoreError> {
    use crate::interchange::publish::{update_format, update_text};
    let failed = |message: String| StoreError::Invalid {
        field: "update",
        message,
    };
    let roadmap = store.load()?;
    let text = update_text(
        &roadmap,
        settings,
        (None, today, velocity),
        update_format(path),
        None,
    )
    .map_err(|e| failed(e.to_string()))?;
    crate::interchange::output::write_document(path, text.as_bytes(), Some(store.path()))
        .map_err(|e| failed(e.to_string()))?;
    Ok(format!(
        "wrote the stakeholder update to {}",
        path.display()
    ))
}

/// Reads a Markdown or JSON document into the store; the message counts
/// what came in and points at problems (the CLI's `import --dry-run` shows
/// the full report).
fn import_file(
    store: &mut Store,
    path: &std::path::Path,
    today: NaiveDate,
) -> Result<String, StoreError> {
    let imported =
        crate::interchange::read_document(path, today).map_err(|message| StoreError::Invalid {
            field: "import",
            message,
        })?;
    let source = path.display().to_string();
    if store.info()?.is_some() {
        let matching = if imported.keyed {
            crate::domain::merge::Matching::ByKey
        } else {
            crate::domain::merge::Matching::ByTitle
        };
        let update = store.update_from(&imported.roadmap, matching, false, &source)?;
        return Ok(format!(
            "updated from {source}: {} added, {} changed, {} kept though not in it",
            update.added.len(),
            update.changed.len(),
            update.missing.len()
        ));
    }
    let outcome = store.import(&imported.roadmap, &imported.log, &source)?;
    let problems = match imported.report.warnings.len() {
        0 => String::new(),
        n => format!(
            "; {}: see `roadboard import --dry-run {}`",
            count(n as i64, "problem"),
            path.display()
        ),
    };
    Ok(format!("{}{problems}", outcome.summary))
}

/// What importing `path` would do: the report, and whether it updates the
/// roadmap in this file or fills it.
pub(super) fn preview_import(
    store: &Store,
    path: &std::path::Path,
    today: NaiveDate,
) -> Result<String, String> {
    let imported = crate::interchange::read_document(path, today)?;
    let summary = crate::interchange::report::Summary {
        report: &imported.report,
        roadmap: &imported.roadmap,
        changes: imported.log.len(),
        itemized: false,
    };
    let into = match store.info() {
        Ok(Some(info)) => format!("an update of \"{}\" in place", info.name),
        _ => "the roadmap of this file".to_owned(),
    };
    Ok(format!("{summary}it becomes {into}."))
}

/// Writes the roadmap to `path` in the format its extension names.
fn export_file(
    store: &Store,
    path: &std::path::Path,
    today: NaiveDate,
    velocity_days: i64,
) -> Result<String, StoreError> {
    use crate::interchange::format::DocumentFormat;
    let format = DocumentFormat::of_path(path).map_err(|message| StoreError::Invalid {
        field: "export",
        message,
    })?;
    let roadmap = store.load()?;
    let log = store.log(&Default::default())?;
    let document = format.render(&roadmap, &log, today, velocity_days);
    crate::interchange::output::write_document(path, document.as_bytes(), Some(store.path()))
        .map(|()| format!("exported to {}", path.display()))
        .map_err(|e| StoreError::Invalid {
            field: "export",
            message: e.to_string(),
        })
}
