//! The runner: terminal events → keymap → `update` → effects → store →
//! draw. The only part of the board that does I/O.

use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::effect::{Effect, Outcome, UndoKind, Write};
use super::keymap::Key;
use super::{Action, App, update};
use crate::config::Config;
use crate::domain::text::count;
use crate::example;
use crate::store::{Store, StoreError};

/// How often the file is checked for another process's changes.
const RELOAD_EVERY: Duration = Duration::from_millis(400);

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
    let mut select = None;
    let mut undo_kind = None;
    let mut undoable = true;
    let result: Result<String, StoreError> = match write {
        Write::Init { name } => {
            undoable = false;
            store
                .init(&name, "")
                .map(|info| format!("created roadmap \"{}\": add a phase with N", info.name))
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
            .map(|()| format!("{key} now depends on {on}")),
        Write::RemoveDependency { key, on } => store
            .remove_dependency(key, on)
            .map(|()| format!("{key} no longer depends on {on}")),
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
    let entry = store
        .last_entry()
        .filter(|e| undoable && result.is_ok() && Some(*e) != entry_before);
    let remedies = match &result {
        Err(StoreError::Refused(refusal)) => super::refusal::remedies(refusal),
        _ => Vec::new(),
    };
    Outcome {
        message: result.map_err(|error| error.to_string()),
        roadmap: store.load().ok(),
        entry,
        select,
        undo_kind,
        remedies,
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
fn preview_import(
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

fn today(fixed: Option<NaiveDate>) -> NaiveDate {
    fixed.unwrap_or_else(|| Local::now().date_naive())
}

/// Carries out one effect of `update`, feeding the result back to it;
/// `true` when the board should end. After an accepted write, the
/// roadmap's Markdown mirror, if it has one, is rewritten.
pub fn carry_out(store: &mut Store, app: &mut App, effect: Effect) -> bool {
    match effect {
        Effect::Quit => return true,
        Effect::Write(write) => {
            let outcome = execute(store, *write, app.today);
            let accepted = outcome.message.is_ok();
            update(app, Action::Done(Box::new(outcome)));
            if accepted {
                refresh_outputs(store, app);
            }
        }
        Effect::OpenReview(kind) => {
            let draft = match store.review_draft(kind) {
                Ok(Some(draft)) => draft,
                Ok(None) => crate::domain::review::ReviewDraft::new(kind, app.today),
                Err(error) => {
                    app.error(error.to_string());
                    return false;
                }
            };
            update(app, Action::ReviewOpened(Box::new(draft)));
        }
        Effect::SaveReviewDraft(draft) => {
            if let Err(error) = store.save_review_draft(&draft) {
                app.error(format!("the review could not be kept: {error}"));
            }
        }
        Effect::PreviewImport(path) => {
            let report = preview_import(store, &path, app.today);
            update(app, Action::ImportPreviewed(Box::new((path, report))));
        }
        Effect::OpenRoadmapPane => {
            let last = store.log(&crate::store::LogFilter {
                limit: Some(1),
                ..Default::default()
            });
            match last {
                Ok(last) => {
                    update(app, Action::RoadmapPaneOpened(last.first().map(|e| e.at)));
                }
                Err(error) => app.error(error.to_string()),
            }
        }
        Effect::LoadHistory(key) => {
            let entries = store.feature(key).and_then(|f| {
                store.log(&crate::store::LogFilter {
                    feature: Some(f.id),
                    limit: Some(30),
                    ..Default::default()
                })
            });
            match entries {
                Ok(entries) => {
                    update(app, Action::HistoryLoaded(key, entries));
                }
                Err(error) => app.error(error.to_string()),
            }
        }
        Effect::LoadLog => {
            let entries = store.log(&Default::default()).unwrap_or_else(|error| {
                app.error(error.to_string());
                Vec::new()
            });
            update(app, Action::LogLoaded(entries));
        }
    }
    false
}

/// After an accepted change: the Markdown mirror and the published site,
/// where the roadmap and the config ask for them (from the roadmap the
/// board already holds).
fn refresh_outputs(store: &Store, app: &mut App) {
    let publish = app.publish_dir.as_deref().map(|dir| (dir, &app.publish));
    let behind = crate::interchange::mirror::refresh_outputs(
        store,
        app.roadmap.as_ref(),
        publish,
        app.today,
    );
    if let Some(error) = behind.mirror {
        app.error(format!("saved, but the mirror is behind: {error}"));
    }
    if let Some(error) = behind.publish {
        app.error(format!("saved, but the public roadmap is behind: {error}"));
    }
}

/// Runs the board on `store` until the user quits.
pub fn run(
    mut store: Store,
    config: Config,
    fixed_today: Option<NaiveDate>,
    notice: Option<String>,
    first: Option<Action>,
) -> color_eyre::Result<()> {
    let roadmap = match store.load() {
        Ok(roadmap) => Some(roadmap),
        Err(StoreError::NoRoadmap { .. }) => None,
        Err(error) => return Err(error.into()),
    };
    let mut app = App::new(roadmap, today(fixed_today), config.keymap.clone());
    app.review_day = config.review_day;
    app.publish = config.publish.clone();
    app.publish_dir = config.publish_dir.clone();
    app.outcome_days = config.outcome_after_days;
    if let Some(days) = config.default_velocity {
        app.default_velocity = days;
        app.relayout();
    }
    if let Some(notice) = notice {
        app.error(notice);
    }
    if let Some(action) = first {
        for effect in update(&mut app, action) {
            carry_out(&mut store, &mut app, effect);
        }
    }
    // Clicks select cards and the wheel scrolls; `mouse = false` in the
    // config keeps the terminal's own text selection instead.
    let mut terminal = super::terminal::enter(config.mouse)?;
    let result = event_loop(&mut terminal, &mut app, &mut store, &config, fixed_today);
    super::terminal::leave();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    config: &Config,
    fixed_today: Option<NaiveDate>,
) -> color_eyre::Result<()> {
    let mut seen_version = store.data_version()?;
    let mut last_check = Instant::now();
    loop {
        {
            let _frame = super::terminal::drawing();
            terminal.draw(|frame| crate::ui::draw(frame, app, &config.theme))?;
        }
        if event::poll(RELOAD_EVERY)? {
            let action = match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    panic_on_request(&key);
                    // Every edit is committed already: nothing to ask.
                    if Key::from_event(&key) == Key::QUIT {
                        return Ok(());
                    }
                    app.keymap.action(app.context(), &key)
                }
                Event::Mouse(mouse) => mouse_action(app, terminal.get_frame().area(), mouse),
                // A resize redraws on the next turn of the loop.
                _ => None,
            };
            if let Some(action) = action {
                app.today = today(fixed_today);
                for effect in update(app, action) {
                    if carry_out(store, app, effect) {
                        return Ok(());
                    }
                    seen_version = store.data_version()?;
                }
            }
        }
        if app.should_quit {
            return Ok(());
        }
        if last_check.elapsed() >= RELOAD_EVERY {
            last_check = Instant::now();
            if !reopen_if_replaced(store, app, &mut seen_version) {
                reload_if_changed(store, app, &mut seen_version)?;
            }
        }
    }
}

/// A click on a card selects it; the wheel moves like j and k.
fn mouse_action(
    app: &App,
    area: ratatui::layout::Rect,
    mouse: ratatui::crossterm::event::MouseEvent,
) -> Option<Action> {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            crate::ui::card_at(app, area, mouse.column, mouse.row)
                .map(|(column, key)| Action::Select(column, key))
        }
        MouseEventKind::ScrollDown => Some(Action::Down),
        MouseEventKind::ScrollUp => Some(Action::Up),
        _ => None,
    }
}

/// In debug builds only (the ones `cargo test` runs), F12 panics when
/// `ROADBOARD_TEST_PANIC` is set: the end-to-end test proves the terminal is
/// restored after a panic. Release builds have no such key.
fn panic_on_request(key: &ratatui::crossterm::event::KeyEvent) {
    #[cfg(debug_assertions)]
    if key.code == ratatui::crossterm::event::KeyCode::F(12)
        && std::env::var_os("ROADBOARD_TEST_PANIC").is_some()
    {
        panic!("test panic requested with F12");
    }
    #[cfg(not(debug_assertions))]
    let _ = key;
}

/// When the file at the board's path is another one than it opened (a
/// backup moved into place), opens that one and shows it; `true` when the
/// file was replaced, whether or not it could be opened.
pub fn reopen_if_replaced(store: &mut Store, app: &mut App, seen_version: &mut i64) -> bool {
    if !store.file_replaced() {
        return false;
    }
    let path = store.path().display().to_string();
    let outcome = match store
        .reopen()
        .and_then(|()| Ok((store.load()?, store.data_version()?)))
    {
        Ok((roadmap, version)) => {
            *seen_version = version;
            Outcome::news(
                Ok(format!(
                    "{path} was replaced on disk: showing the file now there"
                )),
                Some(roadmap),
            )
        }
        Err(error) => Outcome::news(
            Err(format!(
                "{path} was replaced or removed and cannot be opened ({error}): edits are refused"
            )),
            None,
        ),
    };
    update(app, Action::Reopened(Box::new(outcome)));
    true
}

/// Live reload: when another process has committed to the file since
/// `seen_version`, the board takes the new snapshot, keeping its selection.
pub fn reload_if_changed(
    store: &Store,
    app: &mut App,
    seen_version: &mut i64,
) -> color_eyre::Result<bool> {
    let version = store.data_version()?;
    if version == *seen_version {
        return Ok(false);
    }
    *seen_version = version;
    let outcome = Outcome::news(Ok(String::new()), store.load().ok());
    update(app, Action::Reloaded(Box::new(outcome)));
    Ok(true)
}
