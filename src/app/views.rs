//! The view state each screen keeps: the board's layout, the Gantt pane,
//! the change log and the review (the list screens' rows: `lists.rs`).

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
    pub fn new(entries: &[ChangeEntry], (roadmap, index): (&Roadmap, &RoadmapIndex)) -> Self {
        let phase_of = |id: Option<FeatureId>| {
            id.and_then(|id| index.feature(roadmap, id))
                .and_then(|f| f.phase)
                .and_then(|p| roadmap.phase(p))
                .map_or(String::new(), |p| p.name.clone())
        };
        let mut rows: Vec<LogRow> = entries
            .iter()
            .map(|e| LogRow {
                at: e.at,
                who: e.by(),
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
                .and_then(|id| index.feature(roadmap, id))
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
    /// The rows of the step's list, in order, as positions in the
    /// roadmap's list the step shows: its phases, the features whose
    /// outcome check is due, the blockers holding work up, the candidates
    /// for next week's ONE (ranked). Worked out when the roadmap changes or
    /// the review comes to the step, not on each key or frame.
    pub rows: Vec<usize>,
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
            rows: Vec::new(),
        }
    }

    /// The outcome this review recorded for `key`, if it did.
    pub fn answer(&self, key: FeatureKey) -> Option<&crate::domain::outcome::OutcomeRecord> {
        let answers = self.draft.outcomes.iter();
        answers
            .filter(|(k, _)| *k == key)
            .map(|(_, record)| record)
            .next()
    }

    /// The step's rows of a new snapshot (`index` built on it), outcome
    /// checks due `days` after shipping as of `today`.
    pub fn relist(
        &mut self,
        (roadmap, index): (&Roadmap, &RoadmapIndex),
        today: NaiveDate,
        days: i64,
    ) {
        use crate::domain::review::{ReviewStep as S, next_candidates};
        let at = |f: &Feature| index.position(f.key);
        self.rows = match self.draft.step {
            S::Phases => (0..roadmap.phases.len()).collect(),
            S::Outcomes => crate::domain::outcome::due_checks(roadmap, today, days)
                .iter()
                .filter_map(|(f, _)| at(f))
                .collect(),
            S::Blockers => {
                let blockers = &roadmap.blockers;
                let mut open: Vec<usize> = (0..blockers.len())
                    .filter(|&b| blockers[b].blocks_now())
                    .collect();
                // Oldest ETA first, those without one last.
                open.sort_by_key(|&b| (blockers[b].eta.is_none(), blockers[b].eta));
                open
            }
            S::NextFeature => next_candidates(roadmap, index)
                .into_iter()
                .filter_map(at)
                .collect(),
            _ => Vec::new(),
        };
    }

    /// The draft with the notes as typed so far.
    pub fn current(&self) -> crate::domain::review::ReviewDraft {
        let mut draft = self.draft.clone();
        draft.notes = self.notes.lines().join("\n").trim().to_owned();
        draft
    }
}
