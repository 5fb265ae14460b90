//! A headless board: the real keymap, `update` and runner's `execute`
//! over a store on a temporary file, no terminal.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roadboard::app::runner::carry_out;
use roadboard::app::{Action, App, Keymap, update};
use roadboard::store::{OpenMode, Store};
use roadboard::ui::{self, Theme};

pub struct Harness {
    pub app: App,
    pub store: Store,
    pub dir: tempfile::TempDir,
    pub keystrokes: usize,
}

impl Harness {
    /// A board on the example roadmap.
    pub fn example(today: NaiveDate) -> Self {
        let mut harness = Self::empty(today);
        roadboard::example::build(&mut harness.store, today).unwrap();
        harness.app = App::new(
            Some(harness.store.load().unwrap()),
            today,
            Keymap::default(),
        );
        harness
    }

    /// A board on a copy of the roadmap file at `path` (closed, so whole):
    /// a fresh board on the same roadmap without building it again.
    pub fn copy_of(path: &std::path::Path, today: NaiveDate) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("roadmap.db");
        std::fs::copy(path, &copy).unwrap();
        let store = Store::open(&copy, OpenMode::Existing, "tester").unwrap();
        let app = App::new(Some(store.load().unwrap()), today, Keymap::default());
        Harness {
            app,
            store,
            dir,
            keystrokes: 0,
        }
    }

    /// A board on a fresh file (the first-run screen).
    pub fn empty(today: NaiveDate) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            &dir.path().join("roadmap.db"),
            OpenMode::CreateIfMissing,
            "tester",
        )
        .unwrap();
        let app = App::new(None, today, Keymap::default());
        Harness {
            app,
            store,
            dir,
            keystrokes: 0,
        }
    }

    /// Another board on the same file, as a second process would open it.
    pub fn second_board(&self, author: &str) -> Harness {
        let store = Store::open(self.store.path(), OpenMode::Existing, author).unwrap();
        let app = App::new(
            Some(store.load().unwrap()),
            self.app.today,
            Keymap::default(),
        );
        Harness {
            app,
            store,
            dir: tempfile::tempdir().unwrap(),
            keystrokes: 0,
        }
    }

    pub fn key(&mut self, event: KeyEvent) {
        self.keystrokes += 1;
        if let Some(action) = self.app.action_for(&event) {
            self.act(action);
        }
    }

    /// Sends what the runner would after `action`.
    pub fn act(&mut self, action: Action) {
        for effect in update(&mut self.app, action) {
            carry_out(&mut self.store, &mut self.app, effect);
        }
    }

    /// Presses keys written as in the keymap: `s`, `Enter`, `<Ctrl-s>`,
    /// separated by spaces.
    pub fn press(&mut self, keys: &str) {
        for token in keys.split_whitespace() {
            let key = roadboard::app::keymap::Key::parse(token).unwrap();
            let modifiers = if key.ctrl {
                KeyModifiers::CONTROL
            } else {
                KeyModifiers::NONE
            };
            self.key(KeyEvent::new(key.code, modifiers));
        }
    }

    /// Types text into the focused input, one key per character.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyEvent::from(KeyCode::Char(c)));
        }
    }

    pub fn message(&self) -> String {
        self.app
            .message
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_default()
    }

    /// The error shown under the open prompt ("" when none is open).
    pub fn prompt_error(&self) -> String {
        match self.app.top() {
            Some(roadboard::app::Overlay::Prompt(prompt)) => {
                prompt.error.clone().unwrap_or_default()
            }
            _ => String::new(),
        }
    }

    pub fn selected(&self) -> String {
        self.app.selected.map(|k| k.to_string()).unwrap_or_default()
    }

    /// The screen as text, `width`×`height`.
    pub fn render(&self, width: u16, height: u16) -> String {
        self.render_with(width, height, &Theme::default())
    }

    pub fn render_with(&self, width: u16, height: u16, theme: &Theme) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| ui::draw(frame, &self.app, theme))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let mut text = String::new();
        for y in 0..buffer.area.height {
            let mut line = String::new();
            for x in 0..buffer.area.width {
                line.push_str(buffer[(x, y)].symbol());
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        text
    }
}

/// What the board's store worker does between jobs: a file replaced on
/// disk is reopened and the board told; `true` when it was replaced.
pub fn reopen_if_replaced(store: &mut Store, app: &mut App, seen: &mut i64) -> bool {
    match roadboard::app::runner::replaced_news(store, seen) {
        Some(news) => {
            update(app, news);
            true
        }
        None => false,
    }
}

/// What the board's store worker does between jobs: another process's
/// commit reaches the board; `true` when there was one.
pub fn reload_if_changed(store: &Store, app: &mut App, seen: &mut i64) -> bool {
    match roadboard::app::runner::changed_news(store, seen).unwrap() {
        Some(news) => {
            update(app, news);
            true
        }
        None => false,
    }
}
