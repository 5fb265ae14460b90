//! The roadmap's own header as a founder reads it: horizon, the review's
//! day and when the next one is, the last change, the philosophy and
//! other notes. One reading for `roadboard roadmap show` and the board's
//! roadmap pane.

use chrono::{NaiveDate, NaiveDateTime, Weekday};
use serde::Serialize;

use super::dates::next_weekday;
use super::{ReviewKind, Roadmap};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoadmapHeader {
    pub name: String,
    pub horizon: String,
    pub philosophy: String,
    pub review_day: String,
    pub last_change: Option<NaiveDateTime>,
    pub next_review: NaiveDate,
    pub review_due: Option<ReviewKind>,
}

impl RoadmapHeader {
    /// The header of `roadmap` on `today`, with reviews on `review_day`
    /// (the config's, else the roadmap's) and the change log's last entry.
    pub fn of(
        roadmap: &Roadmap,
        today: NaiveDate,
        review_day: Weekday,
        last_change: Option<NaiveDateTime>,
    ) -> Self {
        RoadmapHeader {
            name: roadmap.info.name.clone(),
            horizon: roadmap.info.horizon.clone(),
            philosophy: roadmap.info.philosophy.clone(),
            review_day: weekday_name(review_day).to_owned(),
            last_change,
            next_review: next_weekday(today, review_day),
            review_due: super::review::due(roadmap, today, review_day),
        }
    }

    /// `(label, value)` rows, empty ones left out; the philosophy is not
    /// among them (it is prose, shown under them).
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        let due = self
            .review_due
            .map_or(String::new(), |kind| format!(" ({kind} review due now)"));
        let rows = [
            ("horizon", self.horizon.clone()),
            (
                "next review",
                format!("{} ({}){due}", self.next_review, self.review_day),
            ),
            (
                "last change",
                self.last_change
                    .map_or(String::new(), |at| at.format("%Y-%m-%d %H:%M").to_string()),
            ),
        ];
        rows.into_iter().filter(|(_, v)| !v.is_empty()).collect()
    }
}

/// `Friday`, as people write it.
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}
