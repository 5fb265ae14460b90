//! The runner: terminal events → keymap → `update` → effects → store →
//! draw. The only part of the board that does I/O.

use std::time::Duration;

use chrono::{Local, NaiveDate};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::action::SyncConflicts;
use super::effect::{Effect, Outcome};
use super::execute::{execute, preview_import};
use super::keymap::Key;
use super::state::History;
use super::worker::{Upkeep, Worker};
use super::{Action, App, update};
use crate::config::Config;
use crate::domain::review::ReviewDraft;
use crate::domain::sync::merge::Resolutions;
use crate::store::{LogFilter, Store, StoreError};

fn today(fixed: Option<NaiveDate>) -> NaiveDate {
    fixed.unwrap_or_else(|| Local::now().date_naive())
}

/// Carries out one effect on the store and says what came of it, as the
/// actions `update` takes. Store work only, no board state: the worker
/// thread runs it, and `carry_out` on the board's own thread.
pub fn perform(store: &mut Store, effect: Effect, today: NaiveDate) -> Vec<Action> {
    tracing::debug!(?effect, "effect");
    let failed = |error: StoreError| vec![Action::Failed(error.to_string())];
    match effect {
        Effect::Quit => Vec::new(),
        Effect::Write(write) => vec![Action::Done(Box::new(execute(store, *write, today)))],
        Effect::OpenReview(kind) => match store.review_draft(kind) {
            Ok(draft) => {
                let draft = draft.unwrap_or_else(|| ReviewDraft::new(kind, today));
                vec![Action::ReviewOpened(Box::new(draft))]
            }
            Err(error) => failed(error),
        },
        Effect::SaveReviewDraft(draft) => match store.save_review_draft(&draft) {
            Ok(()) => Vec::new(),
            Err(error) => vec![Action::Failed(format!(
                "the review could not be kept: {error}"
            ))],
        },
        Effect::PreviewImport(path) => {
            let report = preview_import(store, &path, today);
            vec![Action::ImportPreviewed(Box::new((path, report)))]
        }
        Effect::OpenRoadmapPane => match store.log(&LogFilter {
            limit: Some(1),
            ..Default::default()
        }) {
            Ok(last) => vec![Action::RoadmapPaneOpened(last.first().map(|e| e.at))],
            Err(error) => failed(error),
        },
        Effect::LoadHistory(key) => {
            let history = store.feature(key).and_then(|f| {
                let entries = store.log(&LogFilter {
                    feature: Some(f.id),
                    limit: Some(30),
                    ..Default::default()
                })?;
                let commits = store.commits_of(key)?;
                Ok(History {
                    key,
                    entries,
                    commits,
                })
            });
            match history {
                Ok(history) => vec![Action::HistoryLoaded(Box::new(history))],
                Err(error) => failed(error),
            }
        }
        Effect::Sync(resolutions) => synced(store, &resolutions, today),
        Effect::ScanCommits(scan) => scanned(store, &scan.0, &scan.1, today),
        Effect::LoadLog => match store.log(&Default::default()) {
            Ok(entries) => vec![Action::LogLoaded(entries)],
            Err(error) => vec![
                Action::Failed(error.to_string()),
                Action::LogLoaded(Vec::new()),
            ],
        },
    }
}

/// A sync of the board's file, as the board takes it: the change (and the
/// roadmap read anew when the other machine changed it), the conflicts to
/// settle, or why it failed; then how the file stands.
fn synced(store: &mut Store, resolutions: &Resolutions, today: NaiveDate) -> Vec<Action> {
    let place = match crate::local::sync_of(store.path()) {
        Ok(Some(place)) => place,
        Ok(None) => return vec![Action::Failed(crate::sync::SyncError::NotSetUp.to_string())],
        Err(error) => return vec![Action::Failed(error.to_string())],
    };
    let run = crate::sync::Run {
        resolutions,
        today,
        unattended: true,
    };
    let mut actions = match crate::sync::sync(store, &place, run) {
        Ok(done) => {
            let changed = done.pulled > 0 || !done.notes.is_empty();
            let roadmap = changed.then(|| store.load().ok()).flatten();
            vec![Action::Done(Box::new(Outcome::news(
                Ok(done.sentence(&place).replace("\n  ", " · ")),
                roadmap,
            )))]
        }
        Err(crate::sync::SyncError::Conflicts(left)) => {
            vec![Action::SyncConflicts(Box::new(SyncConflicts {
                settled: resolutions.clone(),
                left,
            }))]
        }
        Err(error) => vec![Action::Failed(error.to_string().replace('\n', " — "))],
    };
    actions.push(sync_state(store));
    actions
}

/// How the board's file stands with the other machine, for the header.
pub fn sync_state(store: &Store) -> Action {
    let line = crate::local::sync_of(store.path())
        .ok()
        .flatten()
        .and_then(|place| crate::sync::status(store, &place).ok())
        .map(|status| status.short());
    Action::SyncState(line)
}

/// The commits made since the last scan, linked; news only when some were.
fn scanned(
    store: &mut Store,
    repo: &crate::git::Repo,
    pattern: &crate::domain::commits::KeyPattern,
    today: NaiveDate,
) -> Vec<Action> {
    match crate::git::scan(store, repo, pattern, today) {
        Ok(scan) if scan.linked.is_empty() && scan.refused.is_empty() => Vec::new(),
        Ok(scan) => {
            let mut said = vec![format!(
                "{} linked to the cards",
                crate::domain::text::count(scan.linked.len() as i64, "new commit")
            )];
            said.extend(scan.shipped.iter().chain(&scan.refused).cloned());
            let roadmap = (!scan.shipped.is_empty())
                .then(|| store.load().ok())
                .flatten();
            vec![Action::Done(Box::new(Outcome::news(
                Ok(said.join(" · ")),
                roadmap,
            )))]
        }
        Err(error) => vec![Action::Failed(format!(
            "the commits could not be read: {error}"
        ))],
    }
}

/// Carries out one effect of `update` on this thread, feeding what came
/// of it back to `update` (and the effects that asks for in turn); `true`
/// when the board should end. After an accepted write, the roadmap's
/// Markdown mirror and the published site, if any, are rewritten. The
/// board's loop hands effects to the worker instead; the headless tests
/// and the first action before the loop use this.
pub fn carry_out(store: &mut Store, app: &mut App, effect: Effect) -> bool {
    if matches!(effect, Effect::Quit) {
        return true;
    }
    let wrote = matches!(effect, Effect::Write(_));
    for action in perform(store, effect, app.today) {
        let accepted = matches!(&action, Action::Done(outcome) if outcome.message.is_ok());
        let effects = update(app, action);
        if wrote && accepted {
            refresh_outputs(store, app);
        }
        for effect in effects {
            if carry_out(store, app, effect) {
                return true;
            }
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
    for sentence in behind.sentences() {
        app.error(sentence);
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
    let syncs = matches!(crate::local::sync_of(store.path()), Ok(Some(_)));
    if syncs {
        update(&mut app, sync_state(&store));
    }
    let upkeep = Upkeep {
        publish_dir: config.publish_dir.clone(),
        publish: config.publish.clone(),
        syncs,
        sync_after: config.sync.after_quiet,
    };
    let opened_on = app.today;
    let mut worker = Worker::start(store, upkeep);
    for effect in on_open(&config, syncs) {
        worker.send(effect, opened_on);
    }
    // Clicks select cards and the wheel scrolls; `mouse = false` in the
    // config keeps the terminal's own text selection instead.
    let mut terminal = super::terminal::enter(config.mouse)?;
    let result = event_loop(&mut terminal, &mut app, &mut worker, &config, fixed_today);
    super::terminal::leave();
    // What was sent is written before the board ends.
    worker.finish();
    result
}

/// What the board does as it opens, in the background: link the commits
/// made since the last scan (in the repository of `[git] repo`, else of the
/// folder it runs in, if any), and sync a file that syncs (unless `[sync]
/// on_open = false`); either way, the header learns how the file stands.
fn on_open(config: &Config, syncs: bool) -> Vec<Effect> {
    let mut effects = Vec::new();
    let folder = config
        .git
        .repo
        .clone()
        .or_else(|| std::env::current_dir().ok());
    if let Some(repo) = folder.and_then(|folder| crate::git::Repo::find(&folder).ok()) {
        effects.push(Effect::ScanCommits(Box::new((
            repo,
            config.git.keys.clone(),
        ))));
    }
    if syncs && config.sync.on_open {
        effects.push(Effect::Sync(Box::default()));
    }
    effects
}

/// How long a turn of the loop waits for a key before it looks at what the
/// store sent back.
const TICK: Duration = Duration::from_millis(25);

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    worker: &mut Worker,
    config: &Config,
    fixed_today: Option<NaiveDate>,
) -> color_eyre::Result<()> {
    let mut stale = true;
    loop {
        if stale {
            let _frame = super::terminal::drawing();
            terminal.draw(|frame| crate::ui::draw(frame, app, &config.theme))?;
            stale = false;
        }
        for action in worker.results() {
            stale = true;
            if dispatch(app, worker, action) {
                return Ok(());
            }
        }
        if event::poll(TICK)? {
            stale = true;
            let action = match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    panic_on_request(&key);
                    // Every edit is committed already (or queued, and
                    // written before the board ends): nothing to ask.
                    if Key::from_event(&key) == Key::QUIT {
                        return Ok(());
                    }
                    app.action_for(&key)
                }
                Event::Mouse(mouse) => mouse_action(app, terminal.get_frame().area(), mouse),
                Event::Paste(text) => Some(Action::Paste(text)),
                // A resize redraws on the next turn of the loop.
                _ => None,
            };
            if let Some(action) = action {
                app.today = today(fixed_today);
                if dispatch(app, worker, action) {
                    return Ok(());
                }
            }
        }
        if app.should_quit {
            return Ok(());
        }
    }
}

/// `update` with `action`, its effects sent to the worker; `true` when the
/// board should end.
fn dispatch(app: &mut App, worker: &mut Worker, action: Action) -> bool {
    for effect in update(app, action) {
        if matches!(effect, Effect::Quit) {
            return true;
        }
        worker.send(effect, app.today);
    }
    false
}

/// A click on a card or on a row of a list selects it; the wheel moves
/// like j and k.
fn mouse_action(
    app: &App,
    area: ratatui::layout::Rect,
    mouse: ratatui::crossterm::event::MouseEvent,
) -> Option<Action> {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            let (x, y) = (mouse.column, mouse.row);
            crate::ui::card_at(app, area, x, y)
                .map(|(column, key)| Action::Select(column, key))
                .or_else(|| {
                    crate::ui::row_at(app, area, x, y)
                        .map(|(list, row)| Action::SelectRow(list, row))
                })
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
/// backup moved into place), opens that one: the news to give the board
/// (`Reopened`, whether or not it could be opened).
pub fn replaced_news(store: &mut Store, seen_version: &mut i64) -> Option<Action> {
    if !store.file_replaced() {
        return None;
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
    Some(Action::Reopened(Box::new(outcome)))
}

/// Live reload: when another process has committed to the file since
/// `seen_version`, the new snapshot for the board (which keeps its
/// selection).
pub fn changed_news(store: &Store, seen_version: &mut i64) -> Result<Option<Action>, StoreError> {
    let version = store.data_version()?;
    if version == *seen_version {
        return Ok(None);
    }
    *seen_version = version;
    tracing::info!(version, "reload: another process changed the file");
    let outcome = Outcome::news(Ok(String::new()), store.load().ok());
    Ok(Some(Action::Reloaded(Box::new(outcome))))
}
