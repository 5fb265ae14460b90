//! The runner: terminal events → keymap → `update` → effects → store →
//! draw. The only part of the board that does I/O.

use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::effect::{Effect, Outcome};
use super::execute::{execute, preview_import};
use super::keymap::Key;
use super::{Action, App, update};
use crate::config::Config;
use crate::store::{Store, StoreError};

/// How often the file is checked for another process's changes.
const RELOAD_EVERY: Duration = Duration::from_millis(400);

fn today(fixed: Option<NaiveDate>) -> NaiveDate {
    fixed.unwrap_or_else(|| Local::now().date_naive())
}

/// Carries out one effect of `update`, feeding the result back to it;
/// `true` when the board should end. After an accepted write, the
/// roadmap's Markdown mirror, if it has one, is rewritten.
pub fn carry_out(store: &mut Store, app: &mut App, effect: Effect) -> bool {
    tracing::debug!(?effect, "effect");
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
    tracing::info!(version, "reload: another process changed the file");
    let outcome = Outcome::news(Ok(String::new()), store.load().ok());
    update(app, Action::Reloaded(Box::new(outcome)));
    Ok(true)
}
