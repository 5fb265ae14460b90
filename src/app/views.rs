//! The view state each screen keeps: the board's layout, the Gantt pane,
//! the parking lot, the change log, the review and the tracks.

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use crate::domain::schedule::Zoom;
use crate::domain::*;

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
    /// Requests asked by the most customers first.
    Demand,
}

impl LotOrder {
    pub fn next(self) -> LotOrder {
        match self {
            LotOrder::Priority => LotOrder::Demand,
            LotOrder::Demand => LotOrder::Age,
            LotOrder::Age => LotOrder::Requester,
            LotOrder::Requester => LotOrder::Priority,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            LotOrder::Priority => "priority",
            LotOrder::Age => "age",
            LotOrder::Requester => "requester",
            LotOrder::Demand => "demand",
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
            LotOrder::Priority | LotOrder::Requester | LotOrder::Demand => {
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
                    &r.askers().join(" "),
                    r.priority.as_str(),
                    r.status.as_str(),
                ])
            })
            .collect();
        match self.order {
            LotOrder::Priority => {
                requests.sort_by_key(|r| (std::cmp::Reverse(r.priority), r.requested_on, r.id))
            }
            LotOrder::Demand => requests.sort_by_key(|r| {
                (
                    std::cmp::Reverse(r.demand()),
                    std::cmp::Reverse(r.priority),
                    r.id,
                )
            }),
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
    /// Merges the change log with the review records, newest first. A
    /// review recorded here has its own entry (real time, author, notes);
    /// only reviews read from a document, with a date alone, are added.
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
        // Of each kind, as many of the latest reviews as the log has entries
        // for are the logged ones.
        let logged_count = |kind: ReviewKind| {
            let prefix = format!("{kind} review");
            entries
                .iter()
                .filter(|e| e.what.starts_with(&prefix))
                .count()
        };
        let unlogged = roadmap.reviews.iter().enumerate().filter(|(i, review)| {
            let later = roadmap.reviews[i + 1..]
                .iter()
                .filter(|r| r.kind == review.kind)
                .count();
            later >= logged_count(review.kind)
        });
        for (_, review) in unlogged {
            let chosen = review
                .chosen
                .and_then(|id| roadmap.feature(id))
                .map_or(String::new(), |f| {
                    format!(": next ONE feature {}", f.label())
                });
            rows.push(LogRow {
                at: review.date.and_time(chrono::NaiveTime::MIN),
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
    let mut open: Vec<&Blocker> = roadmap
        .blockers
        .iter()
        .filter(|b| b.resolved.is_none())
        .collect();
    // Current ones first, then those ahead.
    open.sort_by_key(|b| b.upcoming);
    open
}
