//! Phases named by a span of the plan's time (`Weeks 3-5`, `Month 2`,
//! `Sprint 4`): recognized as phases, and dated from the plan's start when
//! the document gives one.

use chrono::{Days, Months, NaiveDate};

use super::Importer;
use crate::domain::Roadmap;

/// A unit of plan time, in the words founders write it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Week,
    /// Two weeks, as sprints usually are.
    Sprint,
    Month,
}

/// The words for each unit, singular and plural, in the languages the
/// importer reads; extend here.
const UNITS: &[(&str, Unit)] = &[
    ("weeks", Unit::Week),
    ("week", Unit::Week),
    ("semanas", Unit::Week),
    ("semana", Unit::Week),
    ("semaines", Unit::Week),
    ("semaine", Unit::Week),
    ("wochen", Unit::Week),
    ("woche", Unit::Week),
    ("settimane", Unit::Week),
    ("settimana", Unit::Week),
    ("недели", Unit::Week),
    ("неделя", Unit::Week),
    ("tuần", Unit::Week),
    ("sprints", Unit::Sprint),
    ("sprint", Unit::Sprint),
    ("months", Unit::Month),
    ("month", Unit::Month),
    ("meses", Unit::Month),
    ("mes", Unit::Month),
    ("mês", Unit::Month),
    ("mois", Unit::Month),
    ("monate", Unit::Month),
    ("monat", Unit::Month),
    ("mesi", Unit::Month),
    ("mese", Unit::Month),
    ("месяцы", Unit::Month),
    ("месяц", Unit::Month),
    ("tháng", Unit::Month),
];

/// A span of plan time: a unit and its first and last number (1-based).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    unit: Unit,
    first: u32,
    last: u32,
}

/// The first `unit N` or `unit N-M` in `text`, anywhere in it.
fn span(text: &str) -> Option<Span> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ':' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).find_map(|pair| {
        let unit = UNITS.iter().find(|(w, _)| *w == pair[0])?.1;
        let numbers = pair[1].trim_end_matches('+');
        let (first, last) = numbers.split_once(['-', '–']).unwrap_or((numbers, numbers));
        let (first, last): (u32, u32) = (first.parse().ok()?, last.parse().ok()?);
        (1..=last)
            .contains(&first)
            .then_some(Span { unit, first, last })
    })
}

/// `Month 2 (…)`, `Weeks 3-5`, `Week 1`, `Q2`: a heading that names a
/// time-boxed phase.
pub(super) fn timebox_heading(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let leading_span =
        span(&lower).is_some_and(|_| UNITS.iter().any(|(w, _)| lower.starts_with(w)));
    leading_span
        || ["quarter", "q1", "q2", "q3", "q4"].iter().any(|w| {
            lower.starts_with(w)
                && lower[w.len()..]
                    .trim_start_matches('s')
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit() || c == ' ')
        })
}

/// The first and last day of `span` in a plan that starts on `start`.
fn dates(span: Span, start: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let weeks = |n: u32| start.checked_add_days(Days::new(7 * u64::from(n)));
    let (from, to) = match span.unit {
        Unit::Week => (weeks(span.first - 1)?, weeks(span.last)?),
        Unit::Sprint => (weeks(2 * (span.first - 1))?, weeks(2 * span.last)?),
        Unit::Month => (
            start.checked_add_months(Months::new(span.first - 1))?,
            start.checked_add_months(Months::new(span.last))?,
        ),
    };
    Some((from, to.pred_opt()?))
}

/// The day a plan began whose phase named `name` starts on `phase_start`.
fn plan_start_from(name: &str, phase_start: NaiveDate) -> Option<NaiveDate> {
    let span = span(name)?;
    let before = u64::from(span.first - 1);
    match span.unit {
        Unit::Week => phase_start.checked_sub_days(Days::new(7 * before)),
        Unit::Sprint => phase_start.checked_sub_days(Days::new(14 * before)),
        Unit::Month => phase_start.checked_sub_months(Months::new(span.first - 1)),
    }
}

impl Importer<'_> {
    /// Dates the phases named by a span of plan time that have none, from
    /// the plan's start: the one the document states, else the one a dated
    /// phase of the same kind implies.
    pub(super) fn date_timeboxed_phases(&mut self) {
        let implied = || {
            self.roadmap
                .phases
                .iter()
                .find_map(|p| plan_start_from(&p.name, p.start?))
        };
        if let Some(start) = self.plan_start.or_else(implied) {
            date_from(&mut self.roadmap, start);
        }
    }
}

/// Dates the undated phases named by a span of plan time (`Weeks 3-5`,
/// `Month 2`) from the day week 1 began; returns how many it dated.
pub fn date_from(roadmap: &mut Roadmap, start: NaiveDate) -> usize {
    let mut dated = 0;
    for phase in &mut roadmap.phases {
        if phase.start.is_some() || phase.end.is_some() {
            continue;
        }
        if let Some((from, to)) = span(&phase.name).and_then(|s| dates(s, start)) {
            phase.start = Some(from);
            phase.end = Some(to);
            dated += 1;
        }
    }
    dated
}

/// How many phases are spans of plan time with no dates: a plan that
/// needs to be told when week 1 began.
pub fn undated_spans(roadmap: &Roadmap) -> usize {
    roadmap
        .phases
        .iter()
        .filter(|p| p.start.is_none() && p.end.is_none() && span(&p.name).is_some())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn spans_in_the_words_founders_write() {
        let s = |text| span(text).map(|s| (s.unit, s.first, s.last));
        assert_eq!(s("Weeks 3-5 (MVP)"), Some((Unit::Week, 3, 5)));
        assert_eq!(s("Phase 1 (Weeks 3–5)"), Some((Unit::Week, 3, 5)));
        assert_eq!(s("Month 2: Scale"), Some((Unit::Month, 2, 2)));
        assert_eq!(s("Semanas 1-2"), Some((Unit::Week, 1, 2)));
        assert_eq!(s("Sprint 4"), Some((Unit::Sprint, 4, 4)));
        assert_eq!(s("Weeks 13+"), Some((Unit::Week, 13, 13)));
        assert_eq!(s("Weeks 5-3"), None, "backwards");
        assert_eq!(s("Weekly review"), None);
        assert!(timebox_heading("Months 4-6 (Scale)"));
        assert!(timebox_heading("Q2 2026"));
        assert!(!timebox_heading("Launch week"));
    }

    #[test]
    fn spans_dated_from_the_plans_start() {
        let start = day(2026, 1, 5);
        let dated = |text| dates(span(text).unwrap(), start);
        assert_eq!(dated("Weeks 1-2"), Some((start, day(2026, 1, 18))));
        assert_eq!(dated("Week 3"), Some((day(2026, 1, 19), day(2026, 1, 25))));
        assert_eq!(dated("Sprint 2"), Some((day(2026, 1, 19), day(2026, 2, 1))));
        assert_eq!(dated("Month 2"), Some((day(2026, 2, 5), day(2026, 3, 4))));
        assert_eq!(plan_start_from("Weeks 3-5", day(2026, 1, 19)), Some(start));
        assert_eq!(plan_start_from("Month 3", day(2026, 3, 5)), Some(start));
    }
}
