//! How founders write things: statuses in many spellings, dates in many
//! formats, emoji and bold decoration, template placeholders, and text whose
//! UTF-8 was read as Windows-1252 or Mac Roman on the way.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use crate::domain::{FeatureStatus, Moscow, PhaseStatus, Priority};

/// Undoes UTF-8 that was decoded as Windows-1252 or Mac Roman (`âœ…`,
/// `‚úÖ` → `✅`). Each run of up to four non-ASCII characters that encodes
/// back to exactly one valid UTF-8 character is replaced by it; anything
/// else (real accents, dashes) is left as it is.
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        match (2..=4).rev().find_map(|len| repaired(&chars, i, len)) {
            Some((fixed, len)) => {
                out.push(fixed);
                i += len;
            }
            // `ðŸ` opens a wrongly decoded emoji (F0 9F …) that lost a byte
            // on the way: what is left of it is no text, and read as pairs
            // it would spell something else (`ðŸ¢` as `ð٢`).
            None if chars[i] == 'ð' && chars.get(i + 1) == Some(&'Ÿ') => {
                i += 2;
                while i < chars.len() && continuation_byte(chars[i]) {
                    i += 1;
                }
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// Whether `c` is a UTF-8 continuation byte (0x80–0xBF) as Windows-1252
/// shows it.
fn continuation_byte(c: char) -> bool {
    let mut buffer = [0; 4];
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buffer));
    !unmappable && bytes.len() == 1 && (0x80..=0xBF).contains(&bytes[0])
}

/// The character the `len` characters at `start` spell in UTF-8, if they
/// are one wrongly decoded character.
fn repaired(chars: &[char], start: usize, len: usize) -> Option<(char, usize)> {
    let run = chars.get(start..start + len)?;
    if run.iter().any(char::is_ascii) {
        return None;
    }
    let text: String = run.iter().collect();
    [encoding_rs::WINDOWS_1252, encoding_rs::MACINTOSH]
        .into_iter()
        .find_map(|encoding| {
            let (bytes, _, unmappable) = encoding.encode(&text);
            if unmappable || bytes.len() != len {
                return None;
            }
            let decoded = std::str::from_utf8(&bytes).ok()?;
            let mut decoded_chars = decoded.chars();
            let first = decoded_chars.next()?;
            (decoded_chars.next().is_none() && !first.is_ascii()).then_some((first, len))
        })
}

/// Emoji, status icons and variation selectors: decoration, not words.
/// (Arrows such as → are words and stay.)
fn is_decoration(c: char) -> bool {
    matches!(u32::from(c),
        0x1F000..=0x1FAFF   // emoji, pictographs
        | 0x2600..=0x27BF   // symbols, dingbats (✅ ✔ ✓ ☐ ⭐)
        | 0x2B00..=0x2BFF   // arrows and stars (⬜ ⭐)
        | 0x23E9..=0x23FA   // ⏳ ⏸ and friends
        | 0xFE00..=0xFE0F   // variation selectors
        | 0x200D            // zero-width joiner
    )
}

/// A title without emoji, status icons, bold markers or brackets around it.
pub fn clean_title(text: &str) -> String {
    let repaired = repair_mojibake(text);
    let without = without_decoration(&repaired);
    let trimmed = without.trim().trim_matches('*').trim_matches('_').trim();
    collapse_spaces(trimmed)
}

fn without_decoration(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_decoration) {
        Cow::Owned(text.chars().filter(|c| !is_decoration(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `[Date]`, `[Feature Name]`, `[Shipped / In Progress]`: the template's
/// blanks, which mean "not filled in", not bad input.
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || (t.starts_with('[') && t.ends_with(']') && !t.contains("]("))
        || t == "-"
        || t.eq_ignore_ascii_case("tbd")
        || t.eq_ignore_ascii_case("n/a")
}

/// How a status is spelled in a cell or a line (normalized), each read
/// as the status; checked in this order (`in review` before `review`…).
const STATUS_WORDS: [(FeatureStatus, &[&str]); 6] = [
    (
        FeatureStatus::InReview,
        &[
            "in review",
            "review",
            "in qa",
            "qa",
            "testing",
            "in testing",
            "pending review",
            "submitted",
        ],
    ),
    (
        FeatureStatus::Shipped,
        &[
            "done",
            "shipped",
            "complete",
            "completed",
            "released",
            "live",
            "delivered",
            "finished",
            "x",
        ],
    ),
    (
        FeatureStatus::Active,
        &[
            "in progress",
            "inprogress",
            "wip",
            "active",
            "doing",
            "started",
            "ongoing",
            "in development",
            "current",
        ],
    ),
    (
        FeatureStatus::Planned,
        &[
            "planned",
            "not started",
            "todo",
            "to do",
            "backlog",
            "next",
            "upcoming",
            "scheduled",
            "pending",
            "blocked",
            "open",
        ],
    ),
    (
        FeatureStatus::Parked,
        &[
            "parked", "deferred", "later", "someday", "on hold", "icebox", "future",
        ],
    ),
    (
        FeatureStatus::Dropped,
        &[
            "dropped",
            "cancelled",
            "canceled",
            "abandoned",
            "won't do",
            "wont do",
            "rejected",
            "killed",
        ],
    ),
];

/// The status an icon stands for (`✅`, `🚧`, `❌`, …).
fn icon_status(c: char) -> Option<FeatureStatus> {
    match c {
        '✅' | '✔' | '☑' => Some(FeatureStatus::Shipped),
        '⏳' | '🚧' | '🔄' | '▶' => Some(FeatureStatus::Active),
        '📋' | '⬜' | '☐' => Some(FeatureStatus::Planned),
        '❌' | '🚫' => Some(FeatureStatus::Dropped),
        '👀' | '🔍' => Some(FeatureStatus::InReview),
        '🅿' | '💤' | '🧊' => Some(FeatureStatus::Parked),
        _ => None,
    }
}

/// The status icon an item opens with (`- ✅ Login`): a mark of tracked
/// work, as a checkbox is.
pub fn leading_mark(text: &str) -> Option<FeatureStatus> {
    text.trim_start().chars().next().and_then(icon_status)
}

/// What a status cell or line means. `None`: not a status this knows.
pub fn feature_status(text: &str) -> Option<(FeatureStatus, Option<NaiveDate>)> {
    let repaired = repair_mojibake(text);
    let date = find_date(&repaired);
    let icon = repaired.chars().find_map(icon_status);
    let words = normalize(&repaired);
    let found = STATUS_WORDS.iter().find_map(|(status, spellings)| {
        spellings
            .iter()
            .any(|s| words == *s || words.starts_with(&format!("{s} ")))
            .then_some(*status)
    });
    found.or(icon).map(|status| (status, date))
}

pub fn phase_status(text: &str) -> Option<PhaseStatus> {
    feature_status(text).map(|(status, _)| match status {
        FeatureStatus::Shipped => PhaseStatus::Complete,
        FeatureStatus::Active | FeatureStatus::InReview => PhaseStatus::InProgress,
        _ => PhaseStatus::NotStarted,
    })
}

/// Lowercase words without decoration or punctuation at the ends:
/// `**COMPLETED** ✅` → `completed`.
pub fn normalize(text: &str) -> String {
    // One pass, few allocations: the importer normalizes every title it
    // reads, several times.
    let repaired = repair_mojibake(text);
    let mut cleaned = String::with_capacity(repaired.len());
    for c in repaired.chars().filter(|c| !is_decoration(*c)) {
        // Drop a trailing "(...)" note such as a date.
        if c == '(' && !cleaned.is_empty() {
            break;
        }
        cleaned.push(if c == '_' { ' ' } else { c });
    }
    let core = cleaned
        .trim()
        .trim_matches(|c: char| {
            c == '*' || c == '[' || c == ']' || c == '`' || c == ':' || c == '.'
        })
        .trim();
    if !core.is_ascii() {
        return collapse_spaces(core).to_lowercase();
    }
    let mut out = String::with_capacity(core.len());
    for word in core.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
];

/// A date written in one of the usual ways, alone in `text`: a day
/// (`2025-08-12`, `Aug 12, 2025`, `12 August 2025`), or a period read as its
/// last day, as a target means it (`December 2025`, `Dec 2025`, `2025-12`,
/// `Q4 2025`, `2025 Q4`, `H2 2026`). Years have four digits: `12 Aug 25` is
/// not the year 25. A day without a year (`Aug 12`, `12 August`) is in
/// `year`, the document's (see `document_year`).
pub fn parse_date(text: &str, year: i32) -> Option<NaiveDate> {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '*' || c == '`' || c == '(' || c == ')')
        .trim();
    DATE_FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(t, format).ok())
        .filter(|d| d.year() >= 1000)
        .or_else(|| period(t).map(|(_, last)| last))
        .or_else(|| yearless(t, year))
}

/// Whether `text` is a day or a period (`2026-06-30`, `Q4 2025`), whatever
/// its year.
pub fn is_date(text: &str) -> bool {
    // A day without a year is one in any year.
    parse_date(text, 2000).is_some()
}

/// `Aug 12`, `August 12`, `12 Aug`, `12 August` in `year`.
fn yearless(text: &str, year: i32) -> Option<NaiveDate> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let (month, day) = match tokens.as_slice() {
        [a, b] if a.chars().all(|c| c.is_ascii_digit()) => (month_number(&b.to_lowercase())?, *a),
        [a, b] => (month_number(&a.to_lowercase())?, *b),
        _ => return None,
    };
    let day: u32 = day.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The year a document's dates without one are in: that of its first date
/// with a year (`2025-08-12`, `Aug 12, 2025`, `December 2025`, `Q4 2025`),
/// else `today`'s.
pub fn document_year(text: &str, today: NaiveDate) -> i32 {
    let tokens = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '*' | '|'))
        .filter(|t| !t.is_empty());
    let names_a_period = |word: &str| {
        let word = word.to_lowercase();
        month_number(&word).is_some()
            || matches!(word.as_str(), "q1" | "q2" | "q3" | "q4" | "h1" | "h2")
    };
    let is_month = |word: &str| month_number(&word.to_lowercase()).is_some();
    let is_day = |word: &str| word.len() <= 2 && word.chars().all(|c| c.is_ascii_digit());
    // The two tokens before the one read, streaming: documents can be large.
    let (mut two_back, mut one_back) = ("", "");
    for token in tokens {
        if let Some(date) = find_date(token) {
            return date.year();
        }
        if let Some(year) = token
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..2200).contains(y))
            && (names_a_period(one_back) || (is_month(two_back) && is_day(one_back)))
        {
            return year;
        }
        (two_back, one_back) = (one_back, token);
    }
    today.year()
}

/// A start date: as `parse_date`, but a period is read as its first day.
fn parse_start(text: &str, year: i32) -> Option<NaiveDate> {
    let t = text.trim();
    period(t)
        .map(|(first, _)| first)
        .or_else(|| parse_date(t, year))
        // `October - December 2025`: the month's first day.
        .or_else(|| NaiveDate::from_ymd_opt(year, month_number(&t.to_lowercase())?, 1))
}

/// A timeline that is one period: `Q4 2025` and `March 2026` from their
/// first to their last day, `2026` the whole year, `2027+` from its start on.
fn one_period(text: &str) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
    let t = text.trim().trim_matches(|c: char| c == '*' || c == '`');
    if let Some((first, last)) = period(t) {
        return Some((Some(first), Some(last)));
    }
    let (digits, open) = match t.strip_suffix('+') {
        Some(digits) => (digits.trim(), true),
        None => (t, false),
    };
    let year = year_of(digits)?;
    let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
    Some((Some(first), (!open).then_some(last)))
}

/// A timeline `start → end` (also `–`, ` - `, ` to `): `Dec 2025 - Jan 2026`
/// is Dec 1 to Jan 31; `Sep 15 - Nov 15, 2025` takes the end's year for
/// the start. Either side may be a blank.
pub fn date_range(text: &str, year: i32) -> Result<(Option<NaiveDate>, Option<NaiveDate>), String> {
    let parts: Vec<&str> = text
        .split(['→', '–'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" to "))
        .collect();
    let [start, end] = parts.as_slice() else {
        return one_period(text)
            .ok_or_else(|| format!("timeline `{}` is not `start → end`", text.trim()));
    };
    let end_date = date_field(end, year)?;
    if is_placeholder(start) {
        return Ok((None, end_date));
    }
    let end_year = end
        .split(|c: char| !c.is_ascii_digit())
        .find(|t| t.len() == 4)
        .and_then(|y| y.parse().ok());
    let start_date = parse_start(start, end_year.unwrap_or(year))
        .ok_or_else(|| format!("unreadable date `{}`", start.trim()))?;
    Ok((Some(start_date), end_date))
}

/// The first and last day of a month, quarter or half named with its year.
fn period(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let (year, other) = match tokens.as_slice() {
        [a, b] => match (year_of(a), year_of(b)) {
            (Some(y), None) => (y, *b),
            (None, Some(y)) => (y, *a),
            _ => return None,
        },
        // `2025-12`
        [one] => {
            let (y, m) = one.split_once('-')?;
            let month: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            let year = year_of(y)?;
            return Some((
                NaiveDate::from_ymd_opt(year, month, 1)?,
                last_day(year, month)?,
            ));
        }
        _ => return None,
    };
    let (first_month, last_month) = match other {
        "q1" => (1, 3),
        "q2" => (4, 6),
        "q3" => (7, 9),
        "q4" => (10, 12),
        "h1" => (1, 6),
        "h2" => (7, 12),
        month => {
            let m = month_number(month)?;
            (m, m)
        }
    };
    Some((
        NaiveDate::from_ymd_opt(year, first_month, 1)?,
        last_day(year, last_month)?,
    ))
}

/// `jan`, `January`, `sept` → 1, 1, 9.
fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // A month's name or its start (`sept`), never a word that merely
    // begins like one (`Marketing`, `Junior`).
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| word.len() >= 3 && m.starts_with(word))
        .map(|i| i as u32 + 1)
}

/// `2026`: a year written with four digits.
fn year_of(token: &str) -> Option<i32> {
    token
        .parse::<i32>()
        .ok()
        .filter(|y| (1000..=9999).contains(y) && token.len() == 4)
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

/// The first ISO date (`YYYY-MM-DD`) inside `text`, e.g. `Done (2025-08-12)`.
pub fn find_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|i| {
        let candidate = text.get(i..i + 10)?;
        let shape = candidate.bytes().enumerate().all(|(j, b)| {
            if j == 4 || j == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        let bounded = i == 0 || !bytes[i - 1].is_ascii_digit();
        if shape && bounded {
            NaiveDate::parse_from_str(candidate, "%Y-%m-%d").ok()
        } else {
            None
        }
    })
}

/// A field that should hold a date: empty or a placeholder is no date; text
/// that is not a date is an error to report.
pub fn date_field(text: &str, year: i32) -> Result<Option<NaiveDate>, String> {
    if is_placeholder(text) {
        return Ok(None);
    }
    parse_date(text, year)
        .or_else(|| find_date(text))
        .map(Some)
        .ok_or_else(|| format!("unreadable date `{}`", text.trim()))
}

/// `P0`..`P3` (P4 counts as P3), `high`/`medium`/`low`, or a MoSCoW word.
pub fn priority(text: &str) -> Option<Priority> {
    let t = normalize(text);
    ranked(&t).or_else(|| {
        moscow(&t).map(|m| match m {
            Moscow::Must => Priority::P0,
            Moscow::Should => Priority::P1,
            Moscow::Could => Priority::P2,
            Moscow::Wont => Priority::P3,
        })
    })
}

/// A rank's own word, in lower case: `p0`..`p4`, `critical`, `high`, `low`.
fn ranked(word: &str) -> Option<Priority> {
    match word {
        "p0" | "critical" | "urgent" => Some(Priority::P0),
        "p1" | "high" => Some(Priority::P1),
        "p2" | "medium" | "med" => Some(Priority::P2),
        "p3" | "p4" | "low" => Some(Priority::P3),
        _ => None,
    }
}

/// A group's priority stated first: `High Priority Features`, `P1 items`.
pub fn leading_priority(heading: &str) -> Option<Priority> {
    let t = normalize(heading);
    let mut words = t.split_whitespace();
    let first = words.next()?.trim_end_matches([':', '.', ',', '-']);
    let coded = first.len() == 2 && first.starts_with('p');
    if coded || words.next() == Some("priority") {
        priority(first)
    } else {
        None
    }
}

/// An item's priority stated after its name, set apart by a mark, a dash,
/// a colon or brackets, or followed by "priority": `Billing 🔴 Critical`,
/// `Billing (P1)`, `Billing — high priority`, `Billing [High]` give the
/// name and the priority. Only after a name: a heading that opens with a
/// priority (`P0: Critical for launch`, `High Priority Features`) names a
/// group of items, and a bare last word (`Keep latency low`) is the name's.
pub fn trailing_priority(text: &str) -> Option<(String, Priority)> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '*' | '_' | ',' | '.'))
            .to_lowercase()
    };
    let enclosed = |w: &str| w.ends_with(')') || w.ends_with(']');
    let mut set_apart = enclosed(words.last()?);
    if words.len() > 2 && bare(words.last()?) == "priority" {
        set_apart = true;
        words.pop();
    }
    let word = words.pop()?;
    let found = ranked(&bare(word))?;
    set_apart |= word.starts_with('(') || word.starts_with('[');
    while let Some(last) = words.last() {
        let separator = last.chars().all(|c| {
            is_decoration(c) || matches!(c, '—' | '–' | '-' | ':' | '|' | '·' | '(' | '[')
        });
        if !separator {
            break;
        }
        set_apart = true;
        words.pop();
    }
    set_apart |= words
        .last()
        .is_some_and(|w| w.ends_with([':', '—', '–', '|']));
    let name = words
        .join(" ")
        .trim_end_matches([':', '-', '—', '–', '|'])
        .trim()
        .to_owned();
    (set_apart && name.chars().any(char::is_alphanumeric)).then_some((name, found))
}

/// Must / Should / Could (Nice) / Won't, however the heading says it.
pub fn moscow(text: &str) -> Option<Moscow> {
    let t = normalize(text).replace('-', " ");
    let t = t.trim_start_matches(|c: char| !c.is_alphabetic());
    if t.starts_with("must") {
        Some(Moscow::Must)
    } else if t.starts_with("should") {
        Some(Moscow::Should)
    } else if t.starts_with("could") || t.starts_with("nice to have") || t.starts_with("nice") {
        Some(Moscow::Could)
    } else if t.starts_with("won't") || t.starts_with("wont") || t.starts_with("will not") {
        Some(Moscow::Wont)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_priority_after_the_name_is_the_items() {
        let read = |t: &str| trailing_priority(t);
        let named = |name: &str, p| Some((name.to_owned(), p));
        assert_eq!(
            read("Infrastructure Automation 🔴 Critical"),
            named("Infrastructure Automation", Priority::P0)
        );
        assert_eq!(
            read("Consent Management 🟡 High"),
            named("Consent Management", Priority::P1)
        );
        assert_eq!(read("Billing (P2)"), named("Billing", Priority::P2));
        assert_eq!(read("Billing [Low]"), named("Billing", Priority::P3));
        assert_eq!(
            read("Billing — high priority"),
            named("Billing", Priority::P1)
        );
        assert_eq!(read("Billing: P0"), named("Billing", Priority::P0));
        // A group of items, or a name that ends in the word.
        assert_eq!(read("P0: Critical for Customer Success"), None);
        assert_eq!(read("High Priority Features"), None);
        assert_eq!(read("Keep latency low"), None);
        assert_eq!(read("Critical"), None);
        assert_eq!(read("🔴 Critical"), None);
        assert_eq!(
            leading_priority("High Priority Features"),
            Some(Priority::P1)
        );
        assert_eq!(
            leading_priority("P0: Critical for launch"),
            Some(Priority::P0)
        );
        assert_eq!(leading_priority("Highlights of the year"), None);
        assert_eq!(leading_priority("Low hanging fruit"), None);
    }

    #[test]
    fn mojibake_from_windows_1252_and_mac_roman_is_repaired() {
        assert_eq!(repair_mojibake("âœ… Done"), "✅ Done");
        assert_eq!(repair_mojibake("‚úÖ Feature 1"), "✅ Feature 1");
        assert_eq!(repair_mojibake("[Start] ‚Üí [End]"), "[Start] → [End]");
        assert_eq!(repair_mojibake("ðŸš€ Launch"), "🚀 Launch");
        assert_eq!(repair_mojibake("‚îú‚îÄ‚îÄ Feature"), "├── Feature");
        assert_eq!(
            repair_mojibake("café — naïve"),
            "café — naïve",
            "real text stays"
        );
    }

    #[test]
    fn statuses_in_many_spellings() {
        let s = |t: &str| feature_status(t).map(|(s, _)| s);
        assert_eq!(
            feature_status("Done (2025-08-12)"),
            Some((FeatureStatus::Shipped, NaiveDate::from_ymd_opt(2025, 8, 12)))
        );
        assert_eq!(s("Shipped"), Some(FeatureStatus::Shipped));
        assert_eq!(s("✅"), Some(FeatureStatus::Shipped));
        assert_eq!(s("**COMPLETED**"), Some(FeatureStatus::Shipped));
        assert_eq!(s("In Progress"), Some(FeatureStatus::Active));
        assert_eq!(s("⏳ in-progress"), Some(FeatureStatus::Active));
        assert_eq!(s("Not Started"), Some(FeatureStatus::Planned));
        assert_eq!(s("Planned"), Some(FeatureStatus::Planned));
        assert_eq!(s("In Review"), Some(FeatureStatus::InReview));
        assert_eq!(s("Dropped"), Some(FeatureStatus::Dropped));
        assert_eq!(s("purple"), None);
    }

    #[test]
    fn titles_lose_their_decoration() {
        assert_eq!(
            clean_title("‚úÖ Feature 1: Billing 🚀"),
            "Feature 1: Billing"
        );
        assert_eq!(clean_title("  📋  Reports  "), "Reports");
    }

    #[test]
    fn dates_and_placeholders() {
        const Y: i32 = 2026;
        assert_eq!(date_field("[Target Date]", Y), Ok(None));
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("December 2025", Y), day(2025, 12, 31));
        assert_eq!(parse_date("Sept 2026", Y), day(2026, 9, 30));
        assert_eq!(parse_date("2026-02", Y), day(2026, 2, 28));
        assert_eq!(parse_date("Q4 2025", Y), day(2025, 12, 31));
        assert_eq!(parse_date("2026 Q1", Y), day(2026, 3, 31));
        assert_eq!(parse_date("H1 2027", Y), day(2027, 6, 30));
        assert_eq!(parse_date("12 Aug 25", Y), None, "not the year 25");
        assert_eq!(parse_date("12 Aug 2025", Y), day(2025, 8, 12));
        assert_eq!(
            date_range("Dec 2025 - Jan 2026", Y),
            Ok((day(2025, 12, 1), day(2026, 1, 31)))
        );
        assert_eq!(
            date_range("Sep 15 - Nov 15, 2025", Y),
            Ok((day(2025, 9, 15), day(2025, 11, 15)))
        );
        assert_eq!(
            date_range("2026-01-05 → 2026-02-20", Y),
            Ok((day(2026, 1, 5), day(2026, 2, 20)))
        );
        assert_eq!(
            date_range("Q1 2026 to Q2 2026", Y),
            Ok((day(2026, 1, 1), day(2026, 6, 30)))
        );
        assert!(date_range("last spring → 2026-01-01", Y).is_err());
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            date_range("Q4 2025", Y),
            Ok((day(2025, 10, 1), day(2025, 12, 31)))
        );
        assert_eq!(
            date_range("March 2026", Y),
            Ok((day(2026, 3, 1), day(2026, 3, 31)))
        );
        assert_eq!(
            date_range("2026", Y),
            Ok((day(2026, 1, 1), day(2026, 12, 31)))
        );
        assert_eq!(date_range("2027+", Y), Ok((day(2027, 1, 1), None)));
        assert_eq!(
            date_range("October - December 2025", Y),
            Ok((day(2025, 10, 1), day(2025, 12, 31)))
        );
        assert!(date_range("soon", Y).is_err());
        // A word that only begins like a month is none.
        assert!(date_range("Marketing → 2026-06-30", Y).is_err());
        assert_eq!(parse_date("Sept 2026", Y), day(2026, 9, 30));
        assert_eq!(
            date_field("2026-03-01", Y),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 1))
        );
        assert_eq!(
            date_field("Mar 1, 2026", Y),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 1))
        );
        assert_eq!(
            date_field("next spring", Y),
            Err("unreadable date `next spring`".into())
        );
        assert_eq!(
            find_date("Done (2025-08-12)"),
            NaiveDate::from_ymd_opt(2025, 8, 12)
        );
    }

    #[test]
    fn a_day_without_a_year_is_in_the_documents_year() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("Aug 12", 2025), day(2025, 8, 12));
        assert_eq!(parse_date("12 August", 2025), day(2025, 8, 12));
        assert_eq!(parse_date("Feb 30", 2025), None);
        assert_eq!(
            date_range("Sep 15 - Nov 15", 2024),
            Ok((day(2024, 9, 15), day(2024, 11, 15)))
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let year = |text: &str| document_year(text, today);
        assert_eq!(
            year("# Plan\nShip by Aug 12\nLast updated: 2025-03-01"),
            2025
        );
        assert_eq!(year("Kickoff: March 3, 2024, then 2000 users"), 2024);
        assert_eq!(year("## Q3 2027\n- 2000 users by Aug 12"), 2027);
        assert_eq!(year("We have 2000 users."), 2026, "a count is not a year");
    }

    #[test]
    fn priorities_and_moscow() {
        assert_eq!(priority("P0"), Some(Priority::P0));
        assert_eq!(priority("p4"), Some(Priority::P3));
        assert_eq!(priority("High"), Some(Priority::P1));
        assert_eq!(moscow("Must-Have (MVP, Weeks 3-8)"), Some(Moscow::Must));
        assert_eq!(moscow("Nice-to-Have (Post-launch)"), Some(Moscow::Could));
        assert_eq!(moscow("Won't-Have"), Some(Moscow::Wont));
    }
}
