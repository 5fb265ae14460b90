//! The board's state: a snapshot of the roadmap, where the cursor is, which
//! overlay is open. Drawing reads it; only `update` changes it.

use chrono::NaiveDate;

use super::effect::Fresh;
use super::keymap::Keymap;
use crate::domain::schedule::{Forecast, forecast};
use crate::domain::*;

pub use super::lists::*;
pub use super::overlays::*;
pub use super::screens::{Overlay, Screen, review_in};
pub use super::views::*;

/// Days from start to ship assumed until three features have shipped.
pub const DEFAULT_VELOCITY_DAYS: i64 = 10;

/// What a feature's detail shows of its past: its change-log entries and
/// the commits that name it, each newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub key: FeatureKey,
    pub entries: Vec<crate::domain::ChangeEntry>,
    pub commits: Vec<crate::domain::commits::CardCommit>,
}

/// What the status and priority filter keeps on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filter {
    pub status: Option<FeatureStatus>,
    pub priority: Option<Priority>,
}

impl Filter {
    pub fn keeps(&self, feature: &Feature) -> bool {
        let status_ok = match self.status {
            Some(status) => feature.status == status,
            // Dropped cards leave the board unless asked for.
            None => feature.status != FeatureStatus::Dropped,
        };
        status_ok && self.priority.is_none_or(|p| feature.priority == Some(p))
    }

    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(status) = self.status {
            parts.push(format!("status {}", status.phrase()));
        }
        if let Some(priority) = self.priority {
            parts.push(format!("priority {}", priority.as_str().to_uppercase()));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
}

pub struct App {
    pub roadmap: Option<Roadmap>,
    /// The change log and commits of the feature whose detail is open.
    pub history: Option<History>,
    /// How the file stands with the other machine (`synced 14:02 · 2 to
    /// push`), when it syncs.
    pub sync_line: Option<String>,
    /// The phase the last promotion went to, offered first next time.
    pub last_promoted_to: Option<PhaseId>,
    pub layout: Layout,
    /// The Gantt pane's rows, rebuilt with the layout.
    pub gantt_rows: Vec<GanttRow>,
    /// The forecast as of `today`, rebuilt with the layout.
    pub forecast: Option<Forecast>,
    /// Lookups into the snapshot (features by key, phase progress…),
    /// rebuilt with each new snapshot.
    pub index: RoadmapIndex,
    pub gantt: GanttView,
    /// Days from start to ship assumed before enough features shipped.
    pub default_velocity: i64,
    pub today: NaiveDate,
    pub keymap: Keymap,
    /// The screens open, the board (or the first run) at the bottom; see
    /// `screens.rs`.
    pub screens: Vec<Screen>,
    /// The popups over the top screen, the top one last.
    pub overlays: Vec<Overlay>,
    /// The focused phase column.
    pub column: usize,
    /// The selected card, kept by key so reloads keep it.
    pub selected: Option<FeatureKey>,
    pub filter: Filter,
    pub message: Option<Message>,
    /// Change-log entries this session can undo / redo, newest last.
    /// The form whose save is being written: brought back, as typed, when
    /// the store refuses it.
    pub pending_form: Option<Box<Form>>,
    pub undo_stack: Vec<i64>,
    pub redo_stack: Vec<i64>,
    /// The config's review day, over the roadmap's own.
    pub review_day: Option<chrono::Weekday>,
    /// What the public roadmap and the stakeholder update show (config).
    pub publish: crate::domain::public::PublishSettings,
    /// The config's publish directory: republished after every change.
    pub publish_dir: Option<std::path::PathBuf>,
    /// A weekly review is being recorded: once it is, offer the update.
    pub offer_update: bool,
    /// Days from shipping to an outcome check (config).
    pub outcome_days: i64,
    pub should_quit: bool,
}

impl App {
    pub fn new(roadmap: Option<Roadmap>, today: NaiveDate, keymap: Keymap) -> Self {
        let bottom = if roadmap.is_some() {
            Screen::Board
        } else {
            Screen::FirstRun
        };
        let mut app = App {
            roadmap: None,
            layout: Layout::default(),
            gantt_rows: Vec::new(),
            forecast: None,
            index: RoadmapIndex::default(),
            gantt: GanttView::new(today),
            last_promoted_to: None,
            history: None,
            sync_line: None,
            default_velocity: DEFAULT_VELOCITY_DAYS,
            today,
            keymap,
            screens: vec![bottom],
            overlays: Vec::new(),
            column: 0,
            selected: None,
            filter: Filter::default(),
            message: None,
            pending_form: None,
            undo_stack: Vec::new(),
            redo_stack: Vec::new(),
            review_day: None,
            publish: Default::default(),
            publish_dir: None,
            offer_update: false,
            outcome_days: crate::domain::outcome::DEFAULT_OUTCOME_DAYS,
            should_quit: false,
        };
        app.set_roadmap(roadmap);
        if let Some(active) = app.roadmap.as_ref().and_then(Roadmap::slot_holder) {
            let key = active.key;
            app.select_key(key);
        }
        app
    }

    /// Replaces the snapshot, keeping the selection where it can.
    pub fn set_roadmap(&mut self, roadmap: Option<Roadmap>) {
        let row = self.selected_row();
        self.roadmap = roadmap;
        self.rebuild(row);
    }

    /// Takes in the roadmap after a write: whole, or its changed rows put
    /// into the snapshot held (then equal to a whole read).
    pub fn refresh(&mut self, fresh: Fresh) {
        match fresh {
            Fresh::Whole(roadmap) => self.set_roadmap(Some(roadmap)),
            Fresh::Rows(rows) => {
                let row = self.selected_row();
                if let Some(roadmap) = &mut self.roadmap {
                    roadmap.refresh(rows);
                }
                self.rebuild(row);
            }
        }
    }

    /// What follows from a new snapshot, the selection kept near `row`.
    fn rebuild(&mut self, row: usize) {
        // The index depends on the snapshot alone, not on the filter: built
        // here, once per change, not on each relayout.
        self.index = self
            .roadmap
            .as_ref()
            .map_or_else(RoadmapIndex::default, RoadmapIndex::of);
        self.relist();
        self.relayout_at(row);
    }

    /// The list screens' rows, worked out anew for the snapshot held.
    pub(super) fn relist(&mut self) {
        let count = self.screens.len();
        self.relist_from(0, count);
    }

    /// The rows of the top screen alone: one just opened (those under it
    /// are as the snapshot left them).
    pub(super) fn relist_top(&mut self) {
        let count = self.screens.len();
        self.relist_from(count.saturating_sub(1), count);
    }

    /// The rows of the screens `from..to` of the stack.
    fn relist_from(&mut self, from: usize, to: usize) {
        let Some(roadmap) = &self.roadmap else {
            return;
        };
        let (today, days) = (self.today, self.outcome_days);
        for screen in &mut self.screens[from..to] {
            match screen {
                Screen::Parking(view) => view.follow(roadmap),
                Screen::Tracks(view) => view.relist(roadmap, &self.index),
                Screen::Review(view) => view.relist((roadmap, &self.index), today, days),
                _ => {}
            }
        }
    }

    /// Recomputes the columns after a filter change.
    pub fn relayout(&mut self) {
        let row = self.selected_row();
        self.relayout_at(row);
    }

    /// Recomputes the columns and puts the selection back on its card, or,
    /// when it has left the board, on the card now at its `row`.
    fn relayout_at(&mut self, row: usize) {
        let Some(roadmap) = &self.roadmap else {
            self.layout = Layout::default();
            self.gantt_rows.clear();
            self.forecast = None;
            return;
        };
        self.forecast = Some(forecast(roadmap, self.today, self.default_velocity));
        self.gantt_rows = gantt_rows(roadmap, self.filter, self.gantt.show_closed);
        let mut columns = vec![Vec::new(); roadmap.phases.len()];
        let phase_index: rustc_hash::FxHashMap<PhaseId, usize> = roadmap
            .phases
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        for (index, feature) in roadmap.features.iter().enumerate() {
            if let Some(&column) = feature.phase.and_then(|p| phase_index.get(&p))
                && self.filter.keeps(feature)
            {
                columns[column].push(index);
            }
        }
        // Features come ordered by phase and position from the store; keep
        // that order within each column.
        self.layout = Layout { columns };
        self.column = self.column.min(self.layout.columns.len().saturating_sub(1));
        match self.selected.and_then(|key| self.locate(key)) {
            Some((column, _)) => self.column = column,
            None => self.selected = self.card_at(self.column, row),
        }
    }

    /// The Gantt row of the selected card.
    pub fn gantt_row(&self) -> Option<usize> {
        let roadmap = self.roadmap.as_ref()?;
        let key = self.selected?;
        self.gantt_rows
            .iter()
            .position(|row| matches!(row, GanttRow::Feature(i) if roadmap.features[*i].key == key))
    }

    /// `(column, row)` of a visible card.
    pub fn locate(&self, key: FeatureKey) -> Option<(usize, usize)> {
        let roadmap = self.roadmap.as_ref()?;
        self.layout
            .columns
            .iter()
            .enumerate()
            .find_map(|(c, cards)| {
                cards
                    .iter()
                    .position(|&i| roadmap.features[i].key == key)
                    .map(|r| (c, r))
            })
    }

    pub fn card_at(&self, column: usize, row: usize) -> Option<FeatureKey> {
        let roadmap = self.roadmap.as_ref()?;
        let cards = self.layout.columns.get(column)?;
        cards
            .get(row.min(cards.len().saturating_sub(1)))
            .map(|&i| roadmap.features[i].key)
    }

    /// The selected card's row in the focused column.
    pub fn selected_row(&self) -> usize {
        self.selected
            .and_then(|key| self.locate(key))
            .map_or(0, |(_, row)| row)
    }

    pub fn select_key(&mut self, key: FeatureKey) -> bool {
        match self.locate(key) {
            Some((column, _)) => {
                self.column = column;
                self.selected = Some(key);
                true
            }
            None => false,
        }
    }

    pub fn selected_feature(&self) -> Option<&Feature> {
        let at = self.index.position(self.selected?)?;
        self.roadmap.as_ref()?.features.get(at)
    }

    pub fn focused_phase(&self) -> Option<&Phase> {
        self.roadmap.as_ref()?.phases.get(self.column)
    }

    /// The weekly review is due on the review day, or when a week has gone
    /// by, unless a weekly review was recorded in the last 6 days.
    /// The review the method asks for today, if any.
    pub fn review_due(&self) -> Option<ReviewKind> {
        let roadmap = self.roadmap.as_ref()?;
        crate::domain::review::due(
            roadmap,
            self.today,
            self.review_day.unwrap_or(roadmap.info.review_day),
        )
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Info,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Error,
        });
    }
}

/// The Gantt's rows: each phase with its cards (those the filter keeps;
/// parked and dropped only when asked), then the parking lot when shown,
/// then the foundations track.
fn gantt_rows(roadmap: &Roadmap, filter: Filter, show_closed: bool) -> Vec<GanttRow> {
    let shows = |f: &Feature| match f.status {
        FeatureStatus::Parked | FeatureStatus::Dropped => {
            show_closed
                && filter.status.is_none_or(|s| s == f.status)
                && filter.priority.is_none_or(|p| f.priority == Some(p))
        }
        _ => filter.keeps(f),
    };
    let mut by_phase: rustc_hash::FxHashMap<PhaseId, Vec<usize>> = rustc_hash::FxHashMap::default();
    let mut lot = Vec::new();
    for (index, feature) in roadmap
        .features
        .iter()
        .enumerate()
        .filter(|(_, f)| shows(f))
    {
        match feature.phase {
            Some(phase) => by_phase.entry(phase).or_default().push(index),
            None => lot.push(index),
        }
    }
    let mut rows = Vec::with_capacity(
        roadmap.phases.len() + roadmap.features.len() + roadmap.foundations.len() + 2,
    );
    for (index, phase) in roadmap.phases.iter().enumerate() {
        rows.push(GanttRow::Phase(index));
        rows.extend(
            by_phase
                .remove(&phase.id)
                .unwrap_or_default()
                .into_iter()
                .map(GanttRow::Feature),
        );
    }
    if !lot.is_empty() {
        rows.push(GanttRow::Group("Parking lot"));
        rows.extend(lot.into_iter().map(GanttRow::Feature));
    }
    if !roadmap.foundations.is_empty() {
        rows.push(GanttRow::Group("Foundations"));
        rows.extend((0..roadmap.foundations.len()).map(GanttRow::Foundation));
    }
    rows
}
