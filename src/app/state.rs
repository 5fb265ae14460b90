//! The board's state: a snapshot of the roadmap, where the cursor is, which
//! overlay is open. Drawing reads it; only `update` changes it.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::action::Action;
use super::keymap::{Context, Keymap};
use crate::domain::schedule::{Forecast, Zoom, forecast};
use crate::domain::*;

/// Days from start to ship assumed until three features have shipped.
pub const DEFAULT_VELOCITY_DAYS: i64 = 10;

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

/// What a one-line prompt's answer is for.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptIntent {
    /// Why, for pause or drop.
    Reason {
        key: FeatureKey,
        transition: Transition,
    },
    DeferWhy {
        key: FeatureKey,
    },
    DeferWhen {
        key: FeatureKey,
        why: String,
    },
    /// Start or reopen despite unshipped dependencies.
    Override {
        key: FeatureKey,
        transition: Transition,
    },
    RoadmapName,
    Blocker {
        key: FeatureKey,
    },
    Milestone {
        phase: PhaseId,
    },
    ImportPath,
    /// A customer request: what was asked, then ` — ` and who asked.
    Request,
    /// A change-log note: what was done, then ` — ` and why.
    Note,
    /// Why the timeline moves to these ends.
    AdjustWhy {
        ends: Vec<(PhaseId, NaiveDate)>,
    },
    /// Why a phase with open work is closed.
    ClosePhaseWhy {
        id: PhaseId,
    },
    /// A success criterion for the phase.
    Criterion {
        phase: PhaseId,
    },
    /// The import's report was shown: Enter imports.
    ConfirmImport {
        path: std::path::PathBuf,
    },
    /// The slot was freed and a feature is up next: Enter starts it.
    StartNext {
        key: FeatureKey,
    },
    /// The weekly review is recorded: where to write the stakeholder update.
    UpdatePath,
    /// What an outcome check measured (and a note after ` — `).
    OutcomeValue {
        key: FeatureKey,
        result: crate::domain::outcome::OutcomeResult,
    },
    ExportPath,
    /// A one-line idea for the parking lot.
    Capture,
    /// Why a customer request is declined.
    Decline {
        request: RequestId,
    },
    /// When to look at a parked feature again.
    Snooze {
        key: FeatureKey,
    },
    /// Text the log view keeps lines by.
    LogFilter,
    /// A new ETA for a blocker.
    BlockerEta {
        id: BlockerId,
    },
    /// Words the parking lot is kept by.
    ParkingFilter,
}

#[derive(Debug)]
pub struct Prompt {
    pub title: String,
    pub input: TextArea<'static>,
    pub intent: PromptIntent,
    pub error: Option<String>,
}

impl Prompt {
    pub fn new(title: impl Into<String>, intent: PromptIntent) -> Self {
        Prompt {
            title: title.into(),
            input: TextArea::default(),
            intent,
            error: None,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ").trim().to_owned()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PickerPurpose {
    /// Jump to a card.
    Search,
    /// Toggle what `key` depends on.
    Dependencies {
        key: FeatureKey,
    },
    Filter,
    Palette,
    /// Check a milestone of the phase off (or reopen it).
    Milestones,
    /// The phase a parked feature is promoted to.
    PromoteTo {
        key: FeatureKey,
    },
    /// The feature a customer request is linked to.
    LinkRequest {
        request: RequestId,
    },
    /// Success criteria of a phase, checked off with Enter.
    Criteria,
    /// Which phases take their forecast end (all, or one).
    AdjustTimeline,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PickValue {
    Feature(FeatureKey),
    Filter(Filter),
    Action(Action),
    Milestone(MilestoneId, bool),
    Phase(PhaseId),
    Criterion(CriterionId, bool),
    /// New end dates for phases (the timeline adjusted to the forecast).
    Ends(Vec<(PhaseId, NaiveDate)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PickItem {
    pub label: String,
    pub value: PickValue,
    /// Shown with a check mark (a current dependency, a reached milestone).
    pub marked: bool,
}

#[derive(Debug)]
pub struct Picker {
    pub title: String,
    pub purpose: PickerPurpose,
    pub query: TextArea<'static>,
    pub items: Vec<PickItem>,
    /// Indices into `items` that match the query, best first.
    pub matches: Vec<usize>,
    pub selected: usize,
}

impl Picker {
    pub fn query_text(&self) -> String {
        self.query.lines().join("")
    }

    pub fn chosen(&self) -> Option<&PickItem> {
        self.matches.get(self.selected).map(|&i| &self.items[i])
    }
}

/// One field of a form.
#[derive(Debug)]
pub struct FormField {
    pub label: &'static str,
    pub input: TextArea<'static>,
    pub multiline: bool,
    /// Why the value was refused; the text stays as typed.
    pub error: Option<String>,
}

impl FormField {
    pub fn new(label: &'static str, value: &str, multiline: bool) -> Self {
        let lines: Vec<String> = if value.is_empty() {
            vec![String::new()]
        } else {
            value.lines().map(str::to_owned).collect()
        };
        let mut input = TextArea::new(lines);
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        FormField {
            label,
            input,
            multiline,
            error: None,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().join("\n").trim().to_owned()
    }
}

/// What a form creates or edits. An edit carries the fields as they were
/// when it opened, so its save writes only what the user changed and
/// notices what others changed meanwhile.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    NewFeature {
        phase: Option<PhaseId>,
    },
    EditFeature {
        key: FeatureKey,
        base: Box<crate::store::FeatureFields>,
    },
    NewPhase,
    EditPhase {
        id: PhaseId,
        base: Box<crate::store::PhaseFields>,
    },
    Foundation {
        id: Option<FoundationId>,
    },
    Risk {
        id: Option<RiskId>,
    },
}

#[derive(Debug)]
pub struct Form {
    pub title: String,
    pub kind: FormKind,
    pub fields: Vec<FormField>,
    pub focus: usize,
}

impl Form {
    pub fn value(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(FormField::text)
            .unwrap_or_default()
    }
}

#[derive(Debug)]
pub enum Mode {
    Board,
    Detail(FeatureKey),
    Help {
        scroll: u16,
    },
    Picker(Box<Picker>),
    Prompt(Box<Prompt>),
    Form(Box<Form>),
    /// The file holds no roadmap yet.
    FirstRun,
    /// The Gantt pane full screen.
    Gantt,
    /// The parking lot: deferred features and customer requests.
    Parking,
    /// The change log.
    Log,
    /// The guided review.
    Review,
    /// Blockers, dependencies, foundations and risks.
    Tracks,
    /// What the outcome checks taught, over the screen it was opened on.
    Learning {
        scroll: u16,
    },
    /// A customer request in full.
    Request(RequestId),
}

/// The board's columns: for each phase, the indices of its visible cards.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub columns: Vec<Vec<usize>>,
}

/// Where the Gantt pane is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GanttPlacement {
    Hidden,
    /// Under the board, taking `split` percent of the height.
    Split,
}

/// One row of the Gantt pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GanttRow {
    /// A phase, by index into `roadmap.phases`.
    Phase(usize),
    /// A feature, by index into `roadmap.features`.
    Feature(usize),
    /// The heading of a group outside the phases.
    Group(&'static str),
    /// A foundation item, by index into `roadmap.foundations`.
    Foundation(usize),
}

#[derive(Debug, Clone)]
pub struct GanttView {
    pub placement: GanttPlacement,
    /// Percent of the body the split pane takes.
    pub split: u16,
    pub zoom: Zoom,
    /// The date of the first timeline column.
    pub start: NaiveDate,
    /// Show parked and dropped features too.
    pub show_closed: bool,
}

impl GanttView {
    pub fn new(today: NaiveDate) -> Self {
        let zoom = Zoom::Weeks;
        GanttView {
            placement: GanttPlacement::Hidden,
            split: 45,
            zoom,
            start: Self::start_near(zoom, today),
            show_closed: false,
        }
    }

    /// Where the timeline starts when `today` is brought into view: a
    /// little history to the left.
    pub fn start_near(zoom: Zoom, today: NaiveDate) -> NaiveDate {
        crate::domain::schedule::shift(today, -zoom.days_in(12))
    }
}

/// Which list of the parking lot has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lot {
    Features,
    Requests,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LotOrder {
    /// Highest priority first.
    Priority,
    /// Oldest first.
    Age,
    /// Requests grouped by who asked.
    Requester,
}

impl LotOrder {
    pub fn next(self) -> LotOrder {
        match self {
            LotOrder::Priority => LotOrder::Age,
            LotOrder::Age => LotOrder::Requester,
            LotOrder::Requester => LotOrder::Priority,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            LotOrder::Priority => "priority",
            LotOrder::Age => "age",
            LotOrder::Requester => "requester",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ParkingView {
    pub focus: Lot,
    /// The selected row of each list.
    pub rows: [usize; 2],
    pub order: LotOrder,
    /// Show linked and declined requests too, not only new ones.
    pub all_requests: bool,
    /// The phase the last promotion went to, offered first next time.
    pub last_phase: Option<PhaseId>,
    /// Words both lists are kept by (a priority, a requester, a word of the text).
    pub filter: String,
    /// The item each list's selection is on, so the selection follows it
    /// when the list is sorted anew (after `+`, or another process's change).
    pub chosen: (Option<FeatureKey>, Option<RequestId>),
}

impl Default for ParkingView {
    fn default() -> Self {
        ParkingView {
            focus: Lot::Features,
            rows: [0, 0],
            order: LotOrder::Priority,
            all_requests: false,
            last_phase: None,
            filter: String::new(),
            chosen: (None, None),
        }
    }
}

impl ParkingView {
    /// Remembers which items the selected rows are on.
    pub fn remember(&mut self, roadmap: &Roadmap) {
        self.chosen = (
            self.features(roadmap).get(self.rows[0]).map(|f| f.key),
            self.requests(roadmap).get(self.rows[1]).map(|r| r.id),
        );
    }

    /// Puts each selection back on the item it was on, wherever the lists
    /// now sort it.
    pub fn follow(&mut self, roadmap: &Roadmap) {
        if let Some(row) = self
            .chosen
            .0
            .and_then(|key| self.features(roadmap).iter().position(|f| f.key == key))
        {
            self.rows[0] = row;
        }
        if let Some(row) = self
            .chosen
            .1
            .and_then(|id| self.requests(roadmap).iter().position(|r| r.id == id))
        {
            self.rows[1] = row;
        }
    }

    /// The parked features, in the chosen order.
    pub fn features<'a>(&self, roadmap: &'a Roadmap) -> Vec<&'a Feature> {
        let mut features: Vec<&Feature> = roadmap
            .parked()
            .filter(|f| {
                let priority = f.priority.map_or("", |p| p.as_str());
                self.keeps(&[
                    &f.title,
                    &f.why_interesting,
                    &f.why_deferred,
                    priority,
                    &f.key.to_string(),
                ])
            })
            .collect();
        match self.order {
            LotOrder::Priority | LotOrder::Requester => {
                features.sort_by_key(|f| (f.priority.is_none(), f.priority, f.position))
            }
            LotOrder::Age => features.sort_by_key(|f| (f.created.is_none(), f.created, f.position)),
        }
        features
    }

    /// The customer requests to triage (new ones unless all are asked for).
    pub fn requests<'a>(&self, roadmap: &'a Roadmap) -> Vec<&'a CustomerRequest> {
        let mut requests: Vec<&CustomerRequest> = roadmap
            .requests
            .iter()
            .filter(|r| self.all_requests || r.status == RequestStatus::New)
            .filter(|r| {
                self.keeps(&[
                    &r.text,
                    &r.requested_by,
                    r.priority.as_str(),
                    r.status.as_str(),
                ])
            })
            .collect();
        match self.order {
            LotOrder::Priority => {
                requests.sort_by_key(|r| (std::cmp::Reverse(r.priority), r.requested_on, r.id))
            }
            LotOrder::Age => {
                requests.sort_by_key(|r| (r.requested_on.is_none(), r.requested_on, r.id))
            }
            LotOrder::Requester => requests.sort_by(|a, b| {
                a.requested_by
                    .to_lowercase()
                    .cmp(&b.requested_by.to_lowercase())
                    .then(a.id.cmp(&b.id))
            }),
        }
        requests
    }

    pub fn row(&self) -> usize {
        self.rows[self.focus as usize]
    }

    /// Whether every word of the filter is in one of `fields` (ignoring case).
    fn keeps(&self, fields: &[&str]) -> bool {
        let text = fields.join(" ").to_lowercase();
        self.filter
            .split_whitespace()
            .all(|word| text.contains(&word.to_lowercase()))
    }
}

/// The change log as the log view shows it: changes and review records,
/// newest first, kept by a filter over their text.
#[derive(Debug, Clone, Default)]
pub struct LogView {
    /// Each row: when, who, what, why, and the phase it touched (for filtering).
    pub rows: Vec<LogRow>,
    pub filter: String,
    /// Indices of the rows the filter keeps.
    pub shown: Vec<usize>,
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LogRow {
    pub at: chrono::NaiveDateTime,
    pub who: String,
    pub what: String,
    pub why: String,
    pub phase: String,
}

impl LogView {
    /// Merges the change log with the review records, newest first.
    pub fn new(entries: &[ChangeEntry], roadmap: &Roadmap) -> Self {
        let phase_of = |id: Option<FeatureId>| {
            id.and_then(|id| roadmap.feature(id))
                .and_then(|f| f.phase)
                .and_then(|p| roadmap.phase(p))
                .map_or(String::new(), |p| p.name.clone())
        };
        let mut rows: Vec<LogRow> = entries
            .iter()
            .map(|e| LogRow {
                at: e.at,
                who: e.who.clone(),
                what: e.what.clone(),
                why: e.why.clone(),
                phase: phase_of(e.feature),
            })
            .collect();
        for review in &roadmap.reviews {
            let chosen = review
                .chosen
                .and_then(|id| roadmap.feature(id))
                .map_or(String::new(), |f| {
                    format!(": next ONE feature {}", f.label())
                });
            rows.push(LogRow {
                at: review.date.and_hms_opt(23, 59, 59).expect("a valid time"),
                who: String::new(),
                what: format!("{} review{chosen}", review.kind),
                why: review.notes.clone(),
                phase: phase_of(review.chosen),
            });
        }
        rows.sort_by_key(|r| std::cmp::Reverse(r.at));
        let mut view = LogView {
            rows,
            ..LogView::default()
        };
        view.set_filter(String::new());
        view
    }

    /// Keeps the rows whose text contains every word of `filter`
    /// (case-insensitive): `ship F4`, `2026-11`, a phase name, a person.
    pub fn set_filter(&mut self, filter: String) {
        let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
        self.shown = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let text =
                    format!("{} {} {} {} {}", r.at, r.who, r.what, r.why, r.phase).to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        self.filter = filter;
        self.selected = 0;
    }
}

/// The review screen: the draft, the selected row of the step's list, and
/// the notes being typed.
#[derive(Debug)]
pub struct ReviewView {
    pub draft: crate::domain::review::ReviewDraft,
    pub selected: usize,
    pub notes: TextArea<'static>,
}

impl ReviewView {
    pub fn new(draft: crate::domain::review::ReviewDraft) -> Self {
        let lines = if draft.notes.is_empty() {
            vec![String::new()]
        } else {
            draft.notes.lines().map(str::to_owned).collect()
        };
        let mut notes = TextArea::new(lines);
        notes.move_cursor(ratatui_textarea::CursorMove::Bottom);
        notes.move_cursor(ratatui_textarea::CursorMove::End);
        ReviewView {
            draft,
            selected: 0,
            notes,
        }
    }

    /// The draft with the notes as typed so far.
    pub fn current(&self) -> crate::domain::review::ReviewDraft {
        let mut draft = self.draft.clone();
        draft.notes = self.notes.lines().join("\n").trim().to_owned();
        draft
    }
}

/// The four lists of the tracks screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Track {
    Blockers,
    Dependencies,
    Foundations,
    Risks,
}

impl Track {
    pub const ALL: [Track; 4] = [
        Track::Blockers,
        Track::Dependencies,
        Track::Foundations,
        Track::Risks,
    ];

    pub fn next(self) -> Track {
        Self::ALL[(self as usize + 1) % Self::ALL.len()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TracksView {
    pub focus: Track,
    /// The selected row of each list.
    pub rows: [usize; 4],
}

impl Default for TracksView {
    fn default() -> Self {
        TracksView {
            focus: Track::Blockers,
            rows: [0; 4],
        }
    }
}

/// The tracks screen's rows, derived from the roadmap.
pub fn open_blockers(roadmap: &Roadmap) -> Vec<&Blocker> {
    roadmap
        .blockers
        .iter()
        .filter(|b| b.resolved.is_none())
        .collect()
}

/// Features that depend on something or are depended on, in board order.
pub fn dependency_rows(roadmap: &Roadmap) -> Vec<&Feature> {
    roadmap
        .features
        .iter()
        .filter(|f| {
            roadmap
                .dependencies
                .iter()
                .any(|d| d.feature == f.id || d.depends_on == f.id)
        })
        .collect()
}

pub struct App {
    pub roadmap: Option<Roadmap>,
    pub tracks: TracksView,
    /// Whether the tracks screen is what overlays return to.
    pub in_tracks: bool,
    /// The log view's rows while it is open.
    pub log: Option<LogView>,
    /// The review in progress while its screen is open.
    pub review: Option<ReviewView>,
    pub parking: ParkingView,
    /// Whether the parking lot is the screen overlays return to.
    pub in_parking: bool,
    pub layout: Layout,
    /// The Gantt pane's rows, rebuilt with the layout.
    pub gantt_rows: Vec<GanttRow>,
    /// The forecast as of `today`, rebuilt with the layout.
    pub forecast: Option<Forecast>,
    pub gantt: GanttView,
    /// Days from start to ship assumed before enough features shipped.
    pub default_velocity: i64,
    pub today: NaiveDate,
    pub keymap: Keymap,
    pub mode: Mode,
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
        let mode = if roadmap.is_some() {
            Mode::Board
        } else {
            Mode::FirstRun
        };
        let mut app = App {
            roadmap: None,
            layout: Layout::default(),
            gantt_rows: Vec::new(),
            forecast: None,
            gantt: GanttView::new(today),
            parking: ParkingView::default(),
            log: None,
            tracks: TracksView::default(),
            in_tracks: false,
            review: None,
            in_parking: false,
            default_velocity: DEFAULT_VELOCITY_DAYS,
            today,
            keymap,
            mode,
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
        if let Some(roadmap) = &self.roadmap {
            self.parking.follow(roadmap);
        }
        self.relayout_at(row);
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
        let phase_index: std::collections::HashMap<PhaseId, usize> = roadmap
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
        let key = self.selected?;
        self.roadmap.as_ref()?.feature_by_key(key)
    }

    pub fn focused_phase(&self) -> Option<&Phase> {
        self.roadmap.as_ref()?.phases.get(self.column)
    }

    /// The screen a closed overlay returns to.
    pub fn home(&self) -> Mode {
        if self.review.is_some() && !self.in_parking {
            Mode::Review
        } else if self.log.is_some() {
            Mode::Log
        } else if self.in_parking {
            Mode::Parking
        } else if self.in_tracks {
            Mode::Tracks
        } else {
            Mode::Board
        }
    }

    /// Where the keyboard is, for the keymap.
    pub fn context(&self) -> Context {
        match self.mode {
            Mode::Board => Context::Board,
            Mode::Detail(_) => Context::Detail,
            Mode::Help { .. } => Context::Help,
            Mode::Picker(_) => Context::Picker,
            Mode::Prompt(_) => Context::Prompt,
            Mode::Form(_) => Context::Form,
            Mode::FirstRun => Context::FirstRun,
            Mode::Gantt => Context::Gantt,
            Mode::Parking => Context::Parking,
            Mode::Log => Context::Log,
            Mode::Learning { .. } | Mode::Request(_) => Context::Learning,
            Mode::Tracks => Context::Tracks,
            Mode::Review => match self.review.as_ref().map(|r| r.draft.step) {
                Some(crate::domain::review::ReviewStep::Notes) => Context::ReviewNotes,
                _ => Context::Review,
            },
        }
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
    let mut by_phase: std::collections::HashMap<PhaseId, Vec<usize>> =
        std::collections::HashMap::new();
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
