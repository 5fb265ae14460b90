//! The week in the calendar: the roadmap as iCalendar (RFC 5545), for a
//! calendar app to subscribe to. Phases are multi-day events, milestones
//! all-day ones (marked once reached), the ONE's and the up-next's targets
//! all-day reminders, and the weekly and monthly reviews recurring events
//! on the review day. Every event's UID is made from the roadmap's name
//! and the item's id (its key or name in the public calendar), so a
//! calendar app updates an event rather than adding it twice.

use chrono::{Datelike, NaiveDate, Weekday};

use super::publish::slug;
use crate::domain::Roadmap;
use crate::domain::dates::next_weekday;

/// One event of the calendar.
struct Event {
    /// Stable across exports: the item's id (or key, or name) and kind.
    uid: String,
    summary: String,
    /// All day, from the first day to the last, both included.
    days: (NaiveDate, NaiveDate),
    description: String,
    /// A recurrence (RFC 5545 RRULE), for the reviews.
    rule: Option<String>,
}

fn all_day(uid: String, summary: String, days: (NaiveDate, NaiveDate)) -> Event {
    Event {
        uid,
        summary,
        days: (days.0, days.1.max(days.0)),
        description: String::new(),
        rule: None,
    }
}

/// A phase from its first day to its last (its first alone without an
/// end); none without a start.
fn phase_event(
    uid: String,
    name: &str,
    (start, end): (Option<NaiveDate>, Option<NaiveDate>),
) -> Option<Event> {
    let start = start?;
    Some(all_day(
        uid,
        format!("Phase: {name}"),
        (start, end.unwrap_or(start)),
    ))
}

/// A milestone on the day it was reached (marked ✓), else on its target;
/// none without either.
fn milestone_event(
    uid: String,
    text: &str,
    (done, target): (Option<NaiveDate>, Option<NaiveDate>),
    phase: &str,
) -> Option<Event> {
    let day = done.or(target)?;
    let mark = if done.is_some() { "✓ " } else { "" };
    let mut event = all_day(uid, format!("{mark}Milestone: {text}"), (day, day));
    event.description = phase.to_owned();
    Some(event)
}

/// The founder's own calendar: phases, milestones, the ONE's and the
/// up-next's targets, and the weekly and monthly reviews.
pub fn export_calendar(roadmap: &Roadmap, today: NaiveDate) -> String {
    let mut events = Vec::new();
    for phase in &roadmap.phases {
        let uid = format!("phase-{}", phase.id.0);
        events.extend(phase_event(uid, &phase.name, (phase.start, phase.end)));
    }
    for m in &roadmap.milestones {
        let uid = format!("milestone-{}", m.id.0);
        let phase = roadmap.phase(m.phase).map_or("", |p| p.name.as_str());
        events.extend(milestone_event(uid, &m.text, (m.done, m.target), phase));
    }
    for (what, feature) in [
        ("The ONE", roadmap.slot_holder()),
        ("Up next", roadmap.up_next()),
    ] {
        if let Some(f) = feature
            && let Some(target) = f.target
        {
            let summary = format!("{what} due: {} {}", f.key, f.title);
            events.push(all_day(
                format!("target-{}", f.key),
                summary,
                (target, target),
            ));
        }
    }
    let day = roadmap.info.review_day;
    for (uid, summary, first, rule) in [
        (
            "review-weekly",
            "Weekly review",
            next_weekday(today, day),
            format!("FREQ=WEEKLY;BYDAY={}", byday(day)),
        ),
        (
            "review-monthly",
            "Monthly review",
            first_of_month_on(today, day),
            format!("FREQ=MONTHLY;BYDAY=1{}", byday(day)),
        ),
    ] {
        let mut event = all_day(uid.to_owned(), summary.to_owned(), (first, first));
        event.rule = Some(rule);
        events.push(event);
    }
    write(&roadmap.info.name, today, &events)
}

/// The published site's calendar: what the public page shows, and nothing
/// it keeps private (no reviews, no private feature).
pub fn export_public_calendar(public: &crate::domain::public::PublicRoadmap) -> String {
    let mut events = Vec::new();
    let phases = public.current_phase.iter().chain(&public.later);
    for phase in phases {
        let uid = format!("phase-{}", slug(&phase.name));
        events.extend(phase_event(uid, &phase.name, (phase.start, phase.end)));
    }
    for m in &public.milestones {
        let uid = format!("milestone-{}", slug(&format!("{} {}", m.phase, m.text)));
        events.extend(milestone_event(uid, &m.text, (m.done, m.target), &m.phase));
    }
    for f in public
        .now
        .iter()
        .chain(public.next.iter().filter(|f| f.up_next))
    {
        if let Some(target) = f.target {
            let summary = format!("Due: {}", f.title);
            events.push(all_day(
                format!("target-{}", f.key),
                summary,
                (target, target),
            ));
        }
    }
    write(&public.name, public.published, &events)
}

/// The events as an iCalendar document (CRLF line ends, lines folded).
fn write(name: &str, today: NaiveDate, events: &[Event]) -> String {
    let mut calendar = Calendar {
        out: String::new(),
        domain: format!("{}.roadboard", slug(name)),
        stamp: format!("{}T000000Z", today.format("%Y%m%d")),
    };
    calendar.line("BEGIN:VCALENDAR");
    calendar.line("VERSION:2.0");
    calendar.line("PRODID:-//roadboard//roadmap//EN");
    calendar.line("CALSCALE:GREGORIAN");
    calendar.property("X-WR-CALNAME", &format!("{name} roadmap"));
    for event in events {
        calendar.event(event);
    }
    calendar.line("END:VCALENDAR");
    calendar.out
}

struct Calendar {
    out: String,
    /// The right-hand side of every UID.
    domain: String,
    /// DTSTAMP: the day of the export, so an unchanged roadmap gives an
    /// unchanged calendar.
    stamp: String,
}

impl Calendar {
    /// One content line, folded at 75 octets (RFC 5545 3.1), ended by CRLF.
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(c);
            width += c.len_utf8();
        }
        self.out.push_str("\r\n");
    }

    fn property(&mut self, name: &str, text: &str) {
        self.line(&format!("{name}:{}", text_value(text)));
    }

    fn event(&mut self, event: &Event) {
        self.line("BEGIN:VEVENT");
        let uid = format!("UID:{}@{}", event.uid, self.domain);
        self.line(&uid);
        let stamp = format!("DTSTAMP:{}", self.stamp);
        self.line(&stamp);
        let (first, last) = event.days;
        self.line(&format!("DTSTART;VALUE=DATE:{}", first.format("%Y%m%d")));
        let end = last.succ_opt().unwrap_or(last);
        self.line(&format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
        if let Some(rule) = &event.rule {
            self.line(&format!("RRULE:{rule}"));
        }
        self.property("SUMMARY", &event.summary);
        if !event.description.is_empty() {
            self.property("DESCRIPTION", &event.description);
        }
        self.line("TRANSP:TRANSPARENT");
        self.line("END:VEVENT");
    }
}

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line
/// breaks escaped; control characters, which no TEXT may hold, left out.
fn text_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn byday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// The first `day` of the month of `today`, or of the next month once it
/// has passed.
fn first_of_month_on(today: NaiveDate, day: Weekday) -> NaiveDate {
    let this = next_weekday(today.with_day(1).unwrap_or(today), day);
    if this >= today {
        return this;
    }
    let next = today
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.with_day(1))
        .unwrap_or(today);
    next_weekday(next, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_lines_folded_at_75_octets() {
        assert_eq!(text_value("a;b,c\\d\ne\u{7}"), "a\\;b\\,c\\\\d\\ne");
        let mut calendar = Calendar {
            out: String::new(),
            domain: "x".into(),
            stamp: String::new(),
        };
        calendar.property("SUMMARY", &"é".repeat(100));
        for line in calendar.out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
    }

    #[test]
    fn the_monthly_review_is_on_the_first_review_day_of_a_month() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        // December 2026 starts on a Tuesday: its first Friday is the 4th.
        assert_eq!(first_of_month_on(day(1), Weekday::Fri), day(4));
        assert_eq!(
            first_of_month_on(day(6), Weekday::Fri),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
    }
}
