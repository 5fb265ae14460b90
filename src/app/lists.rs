//! The list screens' rows: which items the parking lot and the tracks
//! show, in their order, worked out once per change of the roadmap (or of
//! the lot's order and filter) and read by update and drawing alike.

use crate::domain::*;

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

/// The parking lot: its two lists, their order and filter, and where each
/// list's selection is.
#[derive(Debug, Clone)]
pub struct ParkingView {
    pub focus: Lot,
    /// The selected row of each list.
    pub rows: [usize; 2],
    order: LotOrder,
    /// Show linked and declined requests too, not only new ones.
    all_requests: bool,
    /// Words both lists are kept by (a priority, a requester, a word of the text).
    filter: String,
    /// The item each list's selection is on, so the selection follows it
    /// when the list is sorted anew (after `+`, or another process's change).
    chosen: (Option<FeatureKey>, Option<RequestId>),
    /// What each list shows, in order: positions in `roadmap.features`
    /// and in `roadmap.requests`.
    shown: [Vec<usize>; 2],
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
            shown: [Vec::new(), Vec::new()],
        }
    }
}

impl ParkingView {
    pub fn order(&self) -> LotOrder {
        self.order
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn all_requests(&self) -> bool {
        self.all_requests
    }

    /// Sorts both lists the next way; the selections stay on their rows.
    pub fn next_order(&mut self, roadmap: &Roadmap) {
        self.order = self.order.next();
        self.relist(roadmap);
    }

    /// Keeps the items with every word of `filter`, from the top.
    pub fn set_filter(&mut self, filter: String, roadmap: &Roadmap) {
        self.filter = filter;
        self.rows = [0, 0];
        self.relist(roadmap);
    }

    /// New requests only, or all of them.
    pub fn toggle_all_requests(&mut self, roadmap: &Roadmap) {
        self.all_requests = !self.all_requests;
        self.relist(roadmap);
    }

    pub fn row(&self) -> usize {
        self.rows[self.focus as usize]
    }

    /// How many items `lot` shows.
    pub fn len(&self, lot: Lot) -> usize {
        self.shown[lot as usize].len()
    }

    /// The parked feature on `row`.
    pub fn feature<'a>(&self, roadmap: &'a Roadmap, row: usize) -> Option<&'a Feature> {
        self.shown[0].get(row).map(|&at| &roadmap.features[at])
    }

    /// The request on `row`.
    pub fn request<'a>(&self, roadmap: &'a Roadmap, row: usize) -> Option<&'a CustomerRequest> {
        self.shown[1].get(row).map(|&at| &roadmap.requests[at])
    }

    /// The parked features, in the chosen order.
    pub fn features<'a>(&self, roadmap: &'a Roadmap) -> Vec<&'a Feature> {
        self.shown[0]
            .iter()
            .map(|&at| &roadmap.features[at])
            .collect()
    }

    /// The customer requests to triage (new ones unless all are asked for).
    pub fn requests<'a>(&self, roadmap: &'a Roadmap) -> Vec<&'a CustomerRequest> {
        self.shown[1]
            .iter()
            .map(|&at| &roadmap.requests[at])
            .collect()
    }

    /// Remembers which items the selected rows are on.
    pub fn remember(&mut self, roadmap: &Roadmap) {
        self.chosen = (
            self.feature(roadmap, self.rows[0]).map(|f| f.key),
            self.request(roadmap, self.rows[1]).map(|r| r.id),
        );
    }

    /// The lists of a new snapshot, each selection back on the item it
    /// was on, wherever the lists now sort it.
    pub fn follow(&mut self, roadmap: &Roadmap) {
        self.relist(roadmap);
        let (key, id) = self.chosen;
        let shown = &self.shown;
        if let Some(row) =
            key.and_then(|key| (shown[0].iter()).position(|&at| roadmap.features[at].key == key))
        {
            self.rows[0] = row;
        }
        if let Some(row) =
            id.and_then(|id| (shown[1].iter()).position(|&at| roadmap.requests[at].id == id))
        {
            self.rows[1] = row;
        }
    }

    fn relist(&mut self, roadmap: &Roadmap) {
        self.shown = [self.parked(roadmap), self.asked(roadmap)];
    }

    /// The parked features the filter keeps, in order.
    fn parked(&self, roadmap: &Roadmap) -> Vec<usize> {
        let features = &roadmap.features;
        let mut shown: Vec<usize> = (0..features.len())
            .filter(|&at| {
                let f = &features[at];
                let priority = f.priority.map_or("", |p| p.as_str());
                let key = f.key.to_string();
                let fields = [
                    &f.title,
                    &f.why_interesting,
                    &f.why_deferred,
                    priority,
                    &key,
                ];
                f.status == FeatureStatus::Parked && self.keeps(&fields)
            })
            .collect();
        match self.order {
            LotOrder::Priority | LotOrder::Requester | LotOrder::Demand => {
                shown.sort_by_key(|&at| {
                    let f = &features[at];
                    (f.priority.is_none(), f.priority, f.position)
                })
            }
            LotOrder::Age => shown.sort_by_key(|&at| {
                let f = &features[at];
                (f.created.is_none(), f.created, f.position)
            }),
        }
        shown
    }

    /// The requests to triage the filter keeps, in order.
    fn asked(&self, roadmap: &Roadmap) -> Vec<usize> {
        let requests = &roadmap.requests;
        let mut shown: Vec<usize> = (0..requests.len())
            .filter(|&at| {
                let r = &requests[at];
                let askers = r.askers().join(" ");
                let fields = [&r.text, &askers, r.priority.as_str(), r.status.as_str()];
                (self.all_requests || r.status == RequestStatus::New) && self.keeps(&fields)
            })
            .collect();
        let by = |at: &usize| &requests[*at];
        match self.order {
            LotOrder::Priority => shown.sort_by_key(|at| {
                let r = by(at);
                (std::cmp::Reverse(r.priority), r.requested_on, r.id)
            }),
            LotOrder::Demand => shown.sort_by_key(|at| {
                let r = by(at);
                (
                    std::cmp::Reverse(r.demand()),
                    std::cmp::Reverse(r.priority),
                    r.id,
                )
            }),
            LotOrder::Age => shown.sort_by_key(|at| {
                let r = by(at);
                (r.requested_on.is_none(), r.requested_on, r.id)
            }),
            LotOrder::Requester => shown.sort_by_cached_key(|at| {
                let r = by(at);
                (r.requested_by.to_lowercase(), r.id)
            }),
        }
        shown
    }

    /// Whether every word of the filter is in one of `fields` (ignoring case).
    fn keeps(&self, fields: &[&str]) -> bool {
        if self.filter.trim().is_empty() {
            return true;
        }
        let text = fields.join(" ").to_lowercase();
        self.filter
            .split_whitespace()
            .all(|word| text.contains(&word.to_lowercase()))
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

/// The tracks screen: which list has the focus, each list's selected row,
/// and what each list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TracksView {
    pub focus: Track,
    /// The selected row of each list.
    pub rows: [usize; 4],
    /// What each list shows, in order: positions in `roadmap.blockers`
    /// (open ones, current first), `roadmap.features` (those taking part
    /// in a dependency), `roadmap.foundations`, `roadmap.risks`.
    shown: [Vec<usize>; 4],
}

impl Default for TracksView {
    fn default() -> Self {
        TracksView {
            focus: Track::Blockers,
            rows: [0; 4],
            shown: Default::default(),
        }
    }
}

impl TracksView {
    /// The lists of a new snapshot (`index` built on it).
    pub fn relist(&mut self, roadmap: &Roadmap, index: &RoadmapIndex) {
        let blockers = &roadmap.blockers;
        let mut open: Vec<usize> = (0..blockers.len())
            .filter(|&at| blockers[at].resolved.is_none())
            .collect();
        // Current ones first, then those ahead.
        open.sort_by_key(|&at| blockers[at].upcoming);
        let taking_part = (0..roadmap.features.len())
            .filter(|&at| index.takes_part(roadmap.features[at].id))
            .collect();
        self.shown = [
            open,
            taking_part,
            (0..roadmap.foundations.len()).collect(),
            (0..roadmap.risks.len()).collect(),
        ];
    }

    /// How many rows `track` shows.
    pub fn len(&self, track: Track) -> usize {
        self.shown[track as usize].len()
    }

    /// What `track` shows: positions in its roadmap list, in order.
    pub fn shown(&self, track: Track) -> &[usize] {
        &self.shown[track as usize]
    }

    /// The position in its roadmap list of the item on `row` of `track`.
    pub fn at(&self, track: Track, row: usize) -> Option<usize> {
        self.shown[track as usize].get(row).copied()
    }

    /// The selected row of the focused list, kept inside it.
    pub fn row(&self) -> usize {
        let len = self.len(self.focus);
        self.rows[self.focus as usize].min(len.saturating_sub(1))
    }
}
