//! The week in the calendar: `roadboard calendar` and the published site's
//! `calendar.ics` are iCalendar a real parser reads (the icalendar crate),
//! hostile titles included; UIDs stay stable, the reviews recur on the
//! review day, and the public calendar keeps private work out.

use icalendar::parser::{read_calendar, unfold};

use crate::common::plan::Plan;

/// Each event's UID and SUMMARY, after the parser read them.
fn events(text: &str) -> Vec<(String, String, Option<String>)> {
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}\n{text}"));
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            let prop = |name: &str| c.find_prop(name).map(|p| p.val.to_string());
            (
                prop("UID").unwrap(),
                prop("SUMMARY").unwrap(),
                prop("RRULE"),
            )
        })
        .collect()
}

#[test]
fn the_calendar_is_icalendar_with_stable_uids_and_recurring_reviews() {
    let plan = Plan::example();
    plan.ok(&[
        "add",
        "Billing; \"quoted\", with\\slashes <b>",
        "--phase",
        "2",
        "--target",
        "2026-12-18",
    ]);
    plan.ok(&["next", "F16", "--why", "pilot asks"]);
    let first = plan.ok(&["calendar"]);
    assert!(first.contains("\r\n"), "CRLF line ends");
    for line in first.split("\r\n") {
        assert!(line.len() <= 75, "a folded line: {line:?}");
    }
    let parsed = events(&first);
    assert!(
        parsed
            .iter()
            .any(|(_, s, _)| s.starts_with("Phase: Pilot Validation"))
    );
    assert!(
        parsed
            .iter()
            .any(|(_, s, _)| s.starts_with("✓ Milestone: Pilot restaurant signed"))
    );
    assert!(
        parsed
            .iter()
            .any(|(u, s, _)| u.starts_with("target-F16@") && s.contains("quoted"))
    );
    let weekly = parsed
        .iter()
        .find(|(u, _, _)| u.starts_with("review-weekly@"))
        .unwrap();
    assert_eq!(weekly.2.as_deref(), Some("FREQ=WEEKLY;BYDAY=FR"));
    let monthly = parsed
        .iter()
        .find(|(u, _, _)| u.starts_with("review-monthly@"))
        .unwrap();
    assert_eq!(monthly.2.as_deref(), Some("FREQ=MONTHLY;BYDAY=1FR"));
    // A change elsewhere keeps every UID.
    plan.ok(&["note", "a line of the log"]);
    let uids = |text: &str| {
        events(text)
            .into_iter()
            .map(|(u, _, _)| u)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&first), uids(&plan.ok(&["calendar"])));
}

#[test]
fn the_published_calendar_keeps_private_work_and_reviews_out() {
    let plan = Plan::example();
    plan.ok(&["edit", "F4", "--private"]);
    let site = plan.dir().join("site");
    plan.ok(&["publish", "-o", site.to_str().unwrap()]);
    let text = std::fs::read_to_string(site.join("calendar.ics")).unwrap();
    let parsed = events(&text);
    assert!(!parsed.is_empty());
    assert!(
        !parsed
            .iter()
            .any(|(_, s, _)| s.contains("Shift swap requests")),
        "{text}"
    );
    assert!(
        !parsed.iter().any(|(u, _, _)| u.starts_with("review-")),
        "{text}"
    );
}
