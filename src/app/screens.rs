//! Where the board is: a stack of full screens (the board at the bottom,
//! then what was opened from it: the review, the parking lot during the
//! review…) and a stack of overlays over the top screen. The top overlay
//! has the keyboard, else the top screen; drawing is the screen, then each
//! overlay in order; closing an overlay lands on what is under it.

use super::action::Action;
use super::keymap::{Context, Selection};
use super::state::{App, Form, LogView, ParkingView, Picker, Prompt, ReviewView, TracksView};
use crate::domain::review::ReviewStep;
use crate::domain::{FeatureKey, PhaseId, RequestId};

/// A full screen, owning the state only it has.
#[derive(Debug)]
pub enum Screen {
    /// The file holds no roadmap yet.
    FirstRun,
    Board,
    /// The Gantt pane full screen.
    Gantt,
    /// The parking lot: deferred features and customer requests.
    Parking(Box<ParkingView>),
    /// Blockers, dependencies, foundations and risks.
    Tracks(TracksView),
    /// The change log, its rows read when it opened.
    Log(Box<LogView>),
    /// The guided review in progress.
    Review(Box<ReviewView>),
}

impl Screen {
    /// The same screen, whatever its state (a second log is the first).
    fn same_kind(&self, other: &Screen) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// A popup over the screen.
#[derive(Debug)]
pub enum Overlay {
    Detail(FeatureKey),
    Help {
        scroll: u16,
    },
    Picker(Box<Picker>),
    Prompt(Box<Prompt>),
    Form(Box<Form>),
    /// What the outcome checks taught.
    Learning {
        scroll: u16,
    },
    /// A customer request in full.
    Request(RequestId),
    /// A phase's success criteria, one selected.
    Criteria {
        phase: PhaseId,
        row: usize,
    },
    /// The roadmap's own header, and when it last changed.
    Roadmap {
        last_change: Option<chrono::NaiveDateTime>,
        scroll: u16,
    },
}

impl Overlay {
    fn context(&self) -> Context {
        match self {
            Overlay::Detail(_) => Context::Detail,
            Overlay::Help { .. } => Context::Help,
            Overlay::Picker(_) => Context::Picker,
            Overlay::Prompt(_) => Context::Prompt,
            Overlay::Form(_) => Context::Form,
            Overlay::Learning { .. } | Overlay::Request(_) => Context::Learning,
            Overlay::Roadmap { .. } => Context::Roadmap,
            Overlay::Criteria { .. } => Context::Criteria,
        }
    }
}

impl App {
    /// The screen on top: what overlays are drawn over.
    pub fn screen(&self) -> &Screen {
        self.screens.last().expect("the bottom screen never closes")
    }

    /// The overlay that has the keyboard, if any.
    pub fn top(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Overlay> {
        self.overlays.last_mut()
    }

    /// Opens `overlay` over what is open; closing it lands back there.
    pub fn show(&mut self, overlay: Overlay) {
        self.overlays.push(overlay);
    }

    /// Shows `overlay` in place of the top one when that is of the same kind
    /// (a list back at another row), else over it.
    pub fn show_in_place(&mut self, overlay: Overlay) {
        let same = self
            .top()
            .is_some_and(|top| std::mem::discriminant(top) == std::mem::discriminant(&overlay));
        if same {
            self.overlays.pop();
        }
        self.overlays.push(overlay);
    }

    /// Closes the top overlay: back to the one under it, or the screen.
    pub fn close(&mut self) {
        self.overlays.pop();
    }

    /// Goes to `screen` from the top screen, overlays closed; a screen
    /// already open under it is gone back to (and takes the new state, a
    /// log read again) instead of opened twice.
    pub fn open_screen(&mut self, screen: Screen) {
        self.overlays.clear();
        if let Some(at) = self.screens.iter().position(|s| s.same_kind(&screen)) {
            self.screens.truncate(at);
        }
        self.screens.push(screen);
        self.relist_top();
    }

    /// Leaves the top screen for the one it was opened from (the bottom
    /// one stays), overlays closed.
    pub fn leave_screen(&mut self) {
        self.overlays.clear();
        if self.screens.len() > 1 {
            self.screens.pop();
        }
    }

    /// Everything closed: the board (or the first run) alone.
    pub fn to_bottom(&mut self, screen: Screen) {
        self.overlays.clear();
        self.screens.clear();
        self.screens.push(screen);
    }

    /// The review in progress, wherever it is in the stack.
    pub fn review_view(&self) -> Option<&ReviewView> {
        self.screens.iter().find_map(|s| match s {
            Screen::Review(view) => Some(view.as_ref()),
            _ => None,
        })
    }

    pub fn review_view_mut(&mut self) -> Option<&mut ReviewView> {
        review_in(&mut self.screens)
    }

    /// The change log's rows, while it is open.
    /// The parking lot's view, when it is the top screen.
    pub fn parking_view(&self) -> Option<&ParkingView> {
        match self.screen() {
            Screen::Parking(view) => Some(view),
            _ => None,
        }
    }

    pub fn parking_view_mut(&mut self) -> Option<&mut ParkingView> {
        match self.screens.last_mut() {
            Some(Screen::Parking(view)) => Some(view),
            _ => None,
        }
    }

    /// The tracks' view, when they are the top screen.
    pub fn tracks_view(&self) -> Option<&TracksView> {
        match self.screen() {
            Screen::Tracks(view) => Some(view),
            _ => None,
        }
    }

    /// The tracks' view, when they are the top screen.
    pub fn tracks_view_mut(&mut self) -> Option<&mut TracksView> {
        match self.screens.last_mut() {
            Some(Screen::Tracks(view)) => Some(view),
            _ => None,
        }
    }

    pub fn log_view(&self) -> Option<&LogView> {
        match self.screen() {
            Screen::Log(view) => Some(view),
            _ => None,
        }
    }

    pub fn log_view_mut(&mut self) -> Option<&mut LogView> {
        match self.screens.last_mut() {
            Some(Screen::Log(view)) => Some(view),
            _ => None,
        }
    }

    /// Closes the review screen wherever it is, with what was opened over it.
    pub fn close_review(&mut self) {
        if let Some(at) = self
            .screens
            .iter()
            .position(|s| matches!(s, Screen::Review(_)))
            .filter(|&at| at > 0)
        {
            self.overlays.clear();
            self.screens.truncate(at);
        }
    }

    /// The key bound to `action` in `context`, as people type it: messages
    /// and titles name keys through it, so a remapped key is named as it
    /// is (`?` if the action has none there).
    pub fn key_in(&self, context: Context, action: Action) -> String {
        self.keymap
            .key_for_in(context, &action)
            .unwrap_or_else(|| "?".to_owned())
    }

    /// `key_in` on the board.
    pub fn key(&self, action: Action) -> String {
        self.key_in(Context::Board, action)
    }

    /// The prompt's key that confirms, and the one that cancels.
    pub fn prompt_keys(&self) -> (String, String) {
        (
            self.key_in(Context::Prompt, Action::Submit),
            self.key_in(Context::Prompt, Action::Back),
        )
    }

    /// `(Esc cancels)` as the keymap says it, with `what` Esc does.
    pub fn cancel_hint(&self, what: &str) -> String {
        format!("({} {what})", self.prompt_keys().1)
    }

    /// The action a key press asks for, where the keyboard is.
    pub fn action_for(&self, event: &ratatui::crossterm::event::KeyEvent) -> Option<Action> {
        self.keymap.action(self.context(), self.selection(), event)
    }

    /// The list the screen's selection is in, when no overlay is open and
    /// the screen has lists.
    pub fn selection(&self) -> Option<Selection> {
        if self.top().is_some() {
            return None;
        }
        match self.screen() {
            Screen::Parking(view) => Some(Selection::Lot(view.focus)),
            Screen::Tracks(view) => Some(Selection::Track(view.focus)),
            _ => None,
        }
    }

    /// Where the keyboard is, for the keymap: the top overlay's context,
    /// else the screen's.
    pub fn context(&self) -> Context {
        if let Some(overlay) = self.top() {
            return overlay.context();
        }
        match self.screen() {
            Screen::FirstRun => Context::FirstRun,
            Screen::Board => Context::Board,
            Screen::Gantt => Context::Gantt,
            Screen::Parking(_) => Context::Parking,
            Screen::Tracks(_) => Context::Tracks,
            Screen::Log(_) => Context::Log,
            Screen::Review(view) => match view.draft.step {
                ReviewStep::Notes => Context::ReviewNotes,
                _ => Context::Review,
            },
        }
    }
}

/// The review in `screens`: borrowed from the field alone, so overlays can
/// open (`app.overlays`) while the review's view is in hand.
pub fn review_in(screens: &mut [Screen]) -> Option<&mut ReviewView> {
    screens.iter_mut().find_map(|s| match s {
        Screen::Review(view) => Some(view.as_mut()),
        _ => None,
    })
}
