//! Carrying out a write of the board on the store: one dispatch from the
//! `Write` the update asked for to the store's method, and what the board
//! is told (the change log's sentence, the card to select, undo).

use chrono::NaiveDate;

use super::effect::{Fresh, Outcome, UndoKind, Write};
use crate::domain::command::Command;
use crate::domain::text::count;
use crate::example;
use crate::store::{Applied, Store, StoreError};

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
    let (result, undoable, undo_kind) = match write {
        Write::Store(command) => {
            let undo_kind = match command {
                Command::Undo { entry } => Some(UndoKind::Undid(entry)),
                Command::Redo { entry } => Some(UndoKind::Redid(entry)),
                _ => None,
            };
            let undoable = command.undoable();
            (store.apply(&command, today), undoable, undo_kind)
        }
        file => {
            // An update of the roadmap is one undoable change; a first
            // import fills an empty file.
            let undoable =
                matches!(file, Write::Import { .. }) && matches!(store.info(), Ok(Some(_)));
            let result = file_job(store, file, today).map(|summary| Applied {
                summary,
                entry: store.last_entry().filter(|_| undoable),
                select: None,
            });
            (result, undoable, None)
        }
    };
    if let Err(error) = &result {
        tracing::info!(%error, "not written");
    }
    let wrote = store.last_entry() != entry_before;
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
    let (entry, select) = match &result {
        Ok(applied) => (applied.entry.filter(|_| wrote), applied.select),
        Err(_) => (None, None),
    };
    Outcome {
        message: result
            .map(|applied| applied.summary)
            .map_err(|error| error.to_string()),
        roadmap,
        entry,
        select,
        undo_kind,
        remedies,
    }
}

/// A file read into the store or written from it; what it did, in words.
fn file_job(store: &mut Store, write: Write, today: NaiveDate) -> Result<String, StoreError> {
    match write {
        Write::Store(_) => unreachable!("commands go to Store::apply"),
        Write::LoadExample => example::build(store, today)
            .map(|info| format!("loaded the example roadmap \"{}\"", info.name)),
        Write::Import { path } => import_file(store, &path, today),
        Write::Export {
            path,
            velocity_days,
        } => export_file(store, &path, today, velocity_days),
        Write::StakeholderUpdate {
            path,
            settings,
            velocity,
        } => write_update(store, &path, &settings, velocity, today),
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
        let update = store.update_from(&imported.roadmap, imported.matching(), false, &source)?;
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
