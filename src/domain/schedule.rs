//! Dates over time: the Gantt's date↔column mapping at each zoom, and the
//! forecast. Because only ONE feature is active at a time, the roadmap is
//! a queue: measured velocity × the order of planned work gives each
//! feature's start and ship, and each phase's end.

use rustc_hash::FxHashMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use super::deps::topological_order;
use super::machine::FeatureStatus;
use super::model::{FeatureId, PhaseId, Roadmap};

/// How much time a terminal column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Zoom {
    /// Three columns a day, a label each Monday.
    Days,
    /// A column a day, a label each Monday.
    Weeks,
    /// A column per four days, a label each month.
    Months,
    /// A column a week, a label each quarter.
    Quarters,
}

impl Zoom {
    pub const ALL: [Zoom; 4] = [Zoom::Days, Zoom::Weeks, Zoom::Months, Zoom::Quarters];

    /// `(columns, days)`: that many columns hold that many days.
    fn ratio(self) -> (i64, i64) {
        match self {
            Zoom::Days => (3, 1),
            Zoom::Weeks => (1, 1),
            Zoom::Months => (1, 4),
            Zoom::Quarters => (1, 7),
        }
    }

    pub fn out(self) -> Zoom {
        match self {
            Zoom::Days => Zoom::Weeks,
            Zoom::Weeks => Zoom::Months,
            _ => Zoom::Quarters,
        }
    }

    pub fn in_(self) -> Zoom {
        match self {
            Zoom::Quarters => Zoom::Months,
            Zoom::Months => Zoom::Weeks,
            _ => Zoom::Days,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Zoom::Days => "days",
            Zoom::Weeks => "weeks",
            Zoom::Months => "months",
            Zoom::Quarters => "quarters",
        }
    }

    /// The column of `date` when column 0 starts at `origin` (may be
    /// negative or past the screen).
    pub fn column(self, origin: NaiveDate, date: NaiveDate) -> i64 {
        let (columns, days) = self.ratio();
        ((date - origin).num_days() * columns).div_euclid(days)
    }

    /// The first day column `column` covers.
    pub fn date_at(self, origin: NaiveDate, column: i64) -> NaiveDate {
        let (columns, days) = self.ratio();
        shift(origin, (column * days).div_euclid(columns))
    }

    /// How many days `columns` columns hold (at least one).
    pub fn days_in(self, columns: i64) -> i64 {
        let (per, days) = self.ratio();
        (columns * days / per).max(1)
    }

    /// Axis labels for `width` columns from `origin`: `(column, text)`.
    pub fn labels(self, origin: NaiveDate, width: usize) -> Vec<(usize, String)> {
        let mut labels = Vec::new();
        let last = self.date_at(origin, width as i64);
        let mut date = origin;
        while date < last {
            let label = match self {
                Zoom::Days | Zoom::Weeks => (date.weekday() == chrono::Weekday::Mon)
                    .then(|| date.format("%b %d").to_string()),
                Zoom::Months => (date.day() == 1).then(|| {
                    if date.month() == 1 {
                        date.format("%Y").to_string()
                    } else {
                        date.format("%b").to_string()
                    }
                }),
                Zoom::Quarters => (date.day() == 1 && date.month() % 3 == 1)
                    .then(|| format!("Q{} {}", date.month() / 3 + 1, date.format("%y"))),
            };
            if let Some(text) = label {
                let column = self.column(origin, date);
                if column >= 0 {
                    labels.push((column as usize, text));
                }
            }
            date = shift(date, 1);
        }
        labels
    }
}

pub fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let step = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(step)
    } else {
        date.checked_sub_days(step)
    };
    moved.unwrap_or(date)
}

/// Days from start to ship, as measured or assumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Velocity {
    pub days: i64,
    /// How many shipped features it was measured on (0: the default).
    pub measured_on: usize,
    /// Shipped features that say nothing of pace, left out: no start date
    /// (shipped before the file knew them), or shipped the day they started
    /// (a start an import stamped, or work done before it was started).
    pub left_out: usize,
}

impl Velocity {
    /// What the velocity is measured on, and what was left out, in words:
    /// the one explanation the forecast, the Gantt and the update give.
    pub fn basis(&self) -> String {
        let left_out = match self.left_out {
            0 => String::new(),
            n => format!(
                "; {} left out (no start date, or shipped the day it started)",
                crate::domain::text::count(n as i64, "shipped feature")
            ),
        };
        if self.measured_on == 0 {
            format!(
                "default: fewer than {MIN_SHIPPED_FOR_VELOCITY} shipped features with a real start{left_out}"
            )
        } else {
            format!(
                "median of {}{left_out}",
                crate::domain::text::count(self.measured_on as i64, "shipped feature")
            )
        }
    }
}

/// A default velocity a person may set: one day to a year.
pub fn check_velocity_days(days: i64) -> Result<i64, String> {
    if (1..=365).contains(&days) {
        Ok(days)
    } else {
        Err(format!(
            "default velocity: {days} days is out of range (1 to 365)"
        ))
    }
}

/// Below this many shipped features the default velocity is used.
pub const MIN_SHIPPED_FOR_VELOCITY: usize = 3;

/// The median days from start to ship over shipped features, or `default`
/// before there are `MIN_SHIPPED_FOR_VELOCITY` of them.
pub fn velocity(roadmap: &Roadmap, default: i64) -> Velocity {
    let shipped = roadmap
        .features
        .iter()
        .filter(|f| f.status == crate::domain::FeatureStatus::Shipped)
        .count();
    match median_days_to_ship(roadmap) {
        Some((median, measured_on)) if measured_on >= MIN_SHIPPED_FOR_VELOCITY => Velocity {
            days: median,
            measured_on,
            left_out: shipped - measured_on,
        },
        measured => Velocity {
            days: default.max(1),
            measured_on: 0,
            left_out: shipped - measured.map_or(0, |(_, n)| n),
        },
    }
}

/// The median of the days shipped features were active (across pauses),
/// over those that say something of pace (a start before the ship), and
/// how many it was measured on: the one median the forecast, the Gantt and
/// the review all show.
pub fn median_days_to_ship(roadmap: &Roadmap) -> Option<(i64, usize)> {
    let mut durations: Vec<i64> = roadmap
        .features
        .iter()
        .filter_map(|f| f.days_to_ship().filter(|days| *days >= 1))
        .collect();
    if durations.is_empty() {
        return None;
    }
    durations.sort_unstable();
    let mid = durations.len() / 2;
    let median = if durations.len() % 2 == 1 {
        durations[mid]
    } else {
        (durations[mid - 1] + durations[mid] + 1) / 2
    };
    Some((median, durations.len()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub start: NaiveDate,
    pub ship: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PhaseForecast {
    pub end: NaiveDate,
    /// Days later (positive) or earlier than the planned end, if planned.
    pub slip_days: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    pub velocity: Velocity,
    /// The active feature and every planned one, in queue order.
    pub queue: Vec<(FeatureId, Window)>,
    pub phases: FxHashMap<PhaseId, PhaseForecast>,
    /// Set when dependencies form a cycle (the queue then ignores them).
    pub cycle: Option<Vec<FeatureId>>,
}

impl Forecast {
    pub fn window(&self, id: FeatureId) -> Option<Window> {
        self.queue.iter().find(|(f, _)| *f == id).map(|(_, w)| *w)
    }
}

/// The forecast as of `today`: the active feature ships `velocity` days
/// after it started (not before today), then the planned features follow
/// one at a time in phase order, card order, dependencies first.
pub fn forecast(roadmap: &Roadmap, today: NaiveDate, default_velocity: i64) -> Forecast {
    let velocity = velocity(roadmap, default_velocity);
    let phase_rank: FxHashMap<PhaseId, usize> = roadmap
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let mut queue = Vec::new();
    let mut next_start = today;
    if let Some(active) = roadmap.slot_holder() {
        let start = active.started.unwrap_or(today);
        let ship = shift(start, velocity.days).max(today);
        queue.push((active.id, Window { start, ship }));
        next_start = ship;
    }
    let mut planned: Vec<&super::model::Feature> = roadmap
        .features
        .iter()
        .filter(|f| f.status == FeatureStatus::Planned)
        .collect();
    // Cached: the key's lookup once per feature, not once per comparison.
    planned.sort_by_cached_key(|f| {
        (
            f.phase
                .and_then(|p| phase_rank.get(&p))
                .copied()
                .unwrap_or(usize::MAX),
            f.position,
        )
    });
    let ids: Vec<FeatureId> = planned.iter().map(|f| f.id).collect();
    let (order, cycle) = match topological_order(&ids, &roadmap.dependencies) {
        Ok(order) => (order, None),
        Err(cycle) => (ids, Some(cycle)),
    };
    for id in order {
        let ship = shift(next_start, velocity.days);
        queue.push((
            id,
            Window {
                start: next_start,
                ship,
            },
        ));
        next_start = ship;
    }

    let by_id: FxHashMap<FeatureId, Window> = queue.iter().copied().collect();
    // Each phase ends when its last feature ships (or shipped).
    let mut ends: FxHashMap<PhaseId, NaiveDate> = FxHashMap::default();
    for feature in &roadmap.features {
        let ship = match feature.status {
            FeatureStatus::Shipped => feature.shipped,
            _ => by_id.get(&feature.id).map(|w| w.ship),
        };
        if let (Some(phase), Some(ship)) = (feature.phase, ship) {
            let end = ends.entry(phase).or_insert(ship);
            *end = (*end).max(ship);
        }
    }
    let phases = roadmap
        .phases
        .iter()
        .filter_map(|phase| {
            let end = *ends.get(&phase.id)?;
            let slip_days = phase.end.map(|planned| (end - planned).num_days());
            Some((phase.id, PhaseForecast { end, slip_days }))
        })
        .collect();
    Forecast {
        velocity,
        queue,
        phases,
        cycle,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn columns_at_each_zoom() {
        let origin = day(2026, 11, 23);
        let date = day(2026, 12, 7);
        assert_eq!(Zoom::Days.column(origin, date), 42);
        assert_eq!(Zoom::Weeks.column(origin, date), 14);
        assert_eq!(Zoom::Months.column(origin, date), 3);
        assert_eq!(Zoom::Quarters.column(origin, date), 2);
        assert_eq!(Zoom::Weeks.column(origin, day(2026, 11, 20)), -3);
        assert_eq!(
            Zoom::Months.column(origin, day(2026, 11, 22)),
            -1,
            "floors before the origin"
        );
        // A column covers exactly the days that map to it.
        for zoom in Zoom::ALL {
            for offset in -30..60 {
                let date = shift(origin, offset);
                let column = zoom.column(origin, date);
                assert!(zoom.date_at(origin, column) <= date, "{zoom:?} {date}");
                assert!(
                    date < zoom
                        .date_at(origin, column + 1)
                        .max(shift(zoom.date_at(origin, column), 1)),
                    "{zoom:?} {date}"
                );
            }
        }
    }

    #[test]
    fn labels_fit_the_zoom() {
        let origin = day(2026, 11, 23);
        assert_eq!(
            Zoom::Weeks.labels(origin, 15),
            vec![
                (0, "Nov 23".into()),
                (7, "Nov 30".into()),
                (14, "Dec 07".into())
            ]
        );
        assert_eq!(
            Zoom::Months.labels(origin, 40)[..3],
            [(2, "Dec".into()), (9, "2027".into()), (17, "Feb".into())]
        );
        assert_eq!(Zoom::Quarters.labels(origin, 30)[0], (5, "Q1 27".into()));
    }

    fn roadmap() -> Roadmap {
        let mut r = Roadmap::empty("T");
        for (id, end, status) in [
            (1, day(2026, 12, 10), PhaseStatus::InProgress),
            (2, day(2027, 1, 31), PhaseStatus::NotStarted),
        ] {
            r.phases.push(Phase {
                id: PhaseId(id),
                name: ["A", "B"][id as usize - 1].into(),
                goal: String::new(),
                start: None,
                end: Some(end),
                status,
                position: id,
            });
        }
        r
    }

    fn add(
        r: &mut Roadmap,
        n: u32,
        phase: i64,
        status: FeatureStatus,
        started: Option<NaiveDate>,
        shipped: Option<NaiveDate>,
    ) {
        let mut f = Feature::new(FeatureKey(n), format!("F{n}"), status);
        f.id = FeatureId(i64::from(n));
        f.phase = Some(PhaseId(phase));
        f.position = i64::from(n);
        f.started = started;
        f.shipped = shipped;
        r.features.push(f);
    }

    #[test]
    fn an_empty_history_uses_the_default_velocity() {
        let mut r = roadmap();
        add(&mut r, 1, 1, FeatureStatus::Planned, None, None);
        add(&mut r, 2, 1, FeatureStatus::Planned, None, None);
        let today = day(2026, 11, 23);
        let f = forecast(&r, today, 10);
        assert_eq!(
            f.velocity,
            Velocity {
                days: 10,
                measured_on: 0,
                left_out: 0
            }
        );
        assert_eq!(
            f.queue,
            vec![
                (
                    FeatureId(1),
                    Window {
                        start: today,
                        ship: day(2026, 12, 3)
                    }
                ),
                (
                    FeatureId(2),
                    Window {
                        start: day(2026, 12, 3),
                        ship: day(2026, 12, 13)
                    }
                ),
            ]
        );
        assert_eq!(
            f.phases[&PhaseId(1)],
            PhaseForecast {
                end: day(2026, 12, 13),
                slip_days: Some(3)
            }
        );
    }

    #[test]
    fn velocity_is_the_median_of_shipped_features_and_the_active_one_leads() {
        let mut r = roadmap();
        add(
            &mut r,
            1,
            1,
            FeatureStatus::Shipped,
            Some(day(2026, 10, 1)),
            Some(day(2026, 10, 5)),
        );
        add(
            &mut r,
            2,
            1,
            FeatureStatus::Shipped,
            Some(day(2026, 10, 5)),
            Some(day(2026, 10, 12)),
        );
        add(
            &mut r,
            3,
            1,
            FeatureStatus::Shipped,
            Some(day(2026, 10, 12)),
            Some(day(2026, 10, 30)),
        );
        add(
            &mut r,
            4,
            1,
            FeatureStatus::Active,
            Some(day(2026, 11, 20)),
            None,
        );
        add(&mut r, 5, 2, FeatureStatus::Planned, None, None);
        let today = day(2026, 11, 23);
        let f = forecast(&r, today, 10);
        assert_eq!(
            f.velocity,
            Velocity {
                days: 7,
                measured_on: 3,
                left_out: 0
            }
        );
        assert_eq!(
            f.window(FeatureId(4)),
            Some(Window {
                start: day(2026, 11, 20),
                ship: day(2026, 11, 27)
            })
        );
        assert_eq!(
            f.window(FeatureId(5)),
            Some(Window {
                start: day(2026, 11, 27),
                ship: day(2026, 12, 4)
            })
        );
        assert_eq!(f.phases[&PhaseId(2)].slip_days, Some(-58));
    }

    #[test]
    fn an_overdue_active_feature_ships_no_earlier_than_today() {
        let mut r = roadmap();
        add(
            &mut r,
            1,
            1,
            FeatureStatus::Active,
            Some(day(2026, 9, 1)),
            None,
        );
        let f = forecast(&r, day(2026, 11, 23), 10);
        assert_eq!(f.window(FeatureId(1)).unwrap().ship, day(2026, 11, 23));
    }

    #[test]
    fn dependencies_reorder_the_queue_and_a_phase_overruns() {
        let mut r = roadmap();
        add(&mut r, 1, 1, FeatureStatus::Planned, None, None);
        add(&mut r, 2, 1, FeatureStatus::Planned, None, None);
        add(&mut r, 3, 2, FeatureStatus::Planned, None, None);
        // F1 needs F3 (a later phase): F3 moves up, right before F1.
        r.dependencies.push(Dependency {
            feature: FeatureId(1),
            depends_on: FeatureId(3),
        });
        let today = day(2026, 11, 23);
        let f = forecast(&r, today, 10);
        let order: Vec<i64> = f.queue.iter().map(|(id, _)| id.0).collect();
        assert_eq!(order, vec![2, 3, 1]);
        assert_eq!(
            f.phases[&PhaseId(1)],
            PhaseForecast {
                end: day(2026, 12, 23),
                slip_days: Some(13)
            }
        );
    }

    proptest::proptest! {
        /// Forecast, issue item 1: any starts and ships on any dates give a
        /// velocity of a day at least, measured only on features with a real
        /// start (a start before the ship), and its words say what was counted
        /// and what was left out.
        #[test]
        fn velocity_counts_only_real_starts_and_says_so(
            ships in proptest::collection::vec((proptest::option::of(0i64..60), 0i64..60), 0..12),
        ) {
            let mut r = roadmap();
            let base = day(2026, 1, 1);
            let mut real = Vec::new();
            for (n, (start, length)) in ships.iter().enumerate() {
                let started = start.map(|s| base + chrono::Days::new(s as u64));
                let shipped = started.unwrap_or(base) + chrono::Days::new(*length as u64);
                add(&mut r, n as u32 + 1, 1, FeatureStatus::Shipped, started, Some(shipped));
                if started.is_some() && *length >= 1 {
                    real.push(*length);
                }
            }
            let v = velocity(&r, 10);
            proptest::prop_assert!(v.days >= 1);
            let counted = if real.len() >= MIN_SHIPPED_FOR_VELOCITY { real.len() } else { 0 };
            proptest::prop_assert_eq!(v.measured_on, counted);
            proptest::prop_assert_eq!(v.left_out, ships.len() - real.len());
            if counted > 0 {
                real.sort_unstable();
                proptest::prop_assert!(real[0] <= v.days && v.days <= real[real.len() - 1]);
                let expected = format!("median of {counted} shipped feature");
                proptest::prop_assert!(v.basis().starts_with(&expected), "{}", v.basis());
            } else {
                proptest::prop_assert_eq!(v.days, 10);
                proptest::prop_assert!(v.basis().starts_with("default"));
            }
            if v.left_out > 0 {
                proptest::prop_assert!(v.basis().contains("left out"), "{}", v.basis());
            }
        }
    }
}
