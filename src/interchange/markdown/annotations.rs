//! What a plain list item says about itself beside its title: who owns it
//! (`@ana`, `(owner: Ana)`), what it waits for (`— depends on Billing`,
//! `(after Auth, Exports)`, `; blocked by SSO`), when it is due (`(Q4 2025)`,
//! `— March 2026`). The title loses them; the importer turns them into the
//! feature's owner, real dependencies and target.

/// A title and what it said about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Annotated {
    pub title: String,
    pub owner: Option<String>,
    /// Names of the features it depends on, as written.
    pub depends_on: Vec<String>,
    /// The day it is due (a period's last day).
    pub target: Option<NaiveDate>,
}

use chrono::NaiveDate;

use crate::interchange::words::parse_date;

/// Words that open a dependency clause.
const DEPENDS: &[&str] = &[
    "depends on ",
    "dependent on ",
    "blocked by ",
    "requires ",
    "needs ",
    "after ",
];

/// Words that open an owner clause.
const OWNS: &[&str] = &["owner: ", "owner ", "owned by ", "assignee: ", "by @"];

/// Reads the clauses at the end of `text`, last first, while they say who
/// owns it, what it depends on or when it is due (a day without a year in
/// `year`); anything else ends the reading.
pub(super) fn annotated(text: &str, year: i32) -> Annotated {
    let mut rest = text.trim().to_owned();
    let mut found = Annotated::default();
    while let Some((before, clause)) = last_clause(&rest) {
        if !read_clause(clause.trim(), year, &mut found) {
            break;
        }
        rest = before.trim_end().to_owned();
    }
    found.title = rest;
    found
}

/// The last parenthesized group, or the part after the last ` — `, ` – `,
/// ` - `, `; ` or `, `, or a trailing `@handle`.
fn last_clause(text: &str) -> Option<(&str, &str)> {
    if let Some(inner) = text.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        return Some((&text[..open], &inner[open + 1..]));
    }
    if let Some(at) = text.rfind(" @")
        && !text[at + 2..].contains(char::is_whitespace)
        && text.len() > at + 2
    {
        return Some((&text[..at], &text[at + 1..]));
    }
    [" — ", " – ", " - ", "; ", ", "]
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|at| (at, sep.len())))
        .max_by_key(|(at, _)| *at)
        .map(|(at, len)| (&text[..at], &text[at + len..]))
}

/// Records `clause` when it names an owner or dependencies.
fn read_clause(clause: &str, year: i32, found: &mut Annotated) -> bool {
    let lower = clause.to_lowercase();
    if found.target.is_none()
        && let Some(day) = parse_date(clause, year)
    {
        found.target = Some(day);
        return true;
    }
    if let Some(handle) = clause.strip_prefix('@')
        && !handle.is_empty()
    {
        found.owner.get_or_insert_with(|| handle.to_owned());
        return true;
    }
    if let Some(word) = OWNS.iter().find(|w| lower.starts_with(*w)) {
        let name = clause[word.len()..].trim().trim_start_matches('@');
        if name.is_empty() {
            return false;
        }
        found.owner.get_or_insert_with(|| name.to_owned());
        return true;
    }
    let Some(word) = DEPENDS.iter().find(|w| lower.starts_with(*w)) else {
        return false;
    };
    let names: Vec<String> = clause[word.len()..]
        .split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .map(|name| name.trim().trim_end_matches('.').to_owned())
        .filter(|name| !name.is_empty())
        .collect();
    if names.is_empty() {
        return false;
    }
    found.depends_on.splice(0..0, names);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (String, Option<String>, Vec<String>) {
        let a = annotated(text, 2026);
        (a.title, a.owner, a.depends_on)
    }

    #[test]
    fn owners_and_dependencies_come_off_the_title() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            read("Reports — depends on Billing"),
            ("Reports".into(), None, s(&["Billing"]))
        );
        assert_eq!(
            read("Reports (after Auth, Exports) @ana"),
            (
                "Reports".into(),
                Some("ana".into()),
                s(&["Auth", "Exports"])
            )
        );
        assert_eq!(
            read("SSO (owner: Ben); blocked by Accounts and Roles"),
            ("SSO".into(), Some("Ben".into()), s(&["Accounts", "Roles"]))
        );
        assert_eq!(
            read("Billing, owned by Ana"),
            ("Billing".into(), Some("Ana".into()), s(&[]))
        );
    }

    #[test]
    fn a_date_or_period_is_the_target() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let a = annotated("Enhanced validation (Q4 2025) @ana", 2026);
        assert_eq!(
            (a.title.as_str(), a.owner.as_deref(), a.target),
            ("Enhanced validation", Some("ana"), day(2025, 12, 31))
        );
        assert_eq!(
            annotated("Exports — March 2026", 2026).target,
            day(2026, 3, 31)
        );
        assert_eq!(annotated("Exports (Aug 12)", 2027).target, day(2027, 8, 12));
        assert_eq!(annotated("Exports (v2)", 2026).target, None);
    }

    #[test]
    fn other_clauses_stay_in_the_title() {
        let same = |text: &str| assert_eq!(read(text), (text.to_owned(), None, Vec::new()));
        same("Search, filters and sorting");
        same("Export (CSV, PDF)");
        same("Email me@example.com");
        same("Launch — after-party planning excluded");
        same("Roadmap v2 - beta");
    }
}
