//! The date forms the CLI and the forms accept, relative to a given today.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "invalid date `{input}` (expected YYYY-MM-DD, today, tomorrow, +3d, +2w, a weekday like fri, or next-fri)"
)]
pub struct DateError {
    pub input: String,
}

/// Parses `YYYY-MM-DD`, `today`, `tomorrow`, `yesterday`, `+Nd`, `+Nw`,
/// `-Nd`, `-Nw`, a weekday (`fri`, `friday`: the coming one, today
/// included) and `next-fri` (a week after `fri`).
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let error = || DateError {
        input: input.to_owned(),
    };
    let text = input.trim().to_ascii_lowercase();
    if let Ok(date) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return Ok(date);
    }
    match text.as_str() {
        "today" => return Ok(today),
        "tomorrow" => return today.checked_add_days(Days::new(1)).ok_or_else(error),
        "yesterday" => return today.checked_sub_days(Days::new(1)).ok_or_else(error),
        _ => {}
    }
    if let Some(sign @ ('+' | '-')) = text.chars().next() {
        let rest = &text[1..];
        // The unit is the last character, whatever its width in bytes.
        let unit_at = rest.char_indices().last().map_or(0, |(i, _)| i);
        let (count, unit) = rest.split_at(unit_at);
        let count: u64 = count.parse().map_err(|_| error())?;
        let days = match unit {
            "d" => count,
            "w" => count.checked_mul(7).ok_or_else(error)?,
            _ => return Err(error()),
        };
        let shifted = if sign == '+' {
            today.checked_add_days(Days::new(days))
        } else {
            today.checked_sub_days(Days::new(days))
        };
        return shifted.ok_or_else(error);
    }
    let (weeks_later, day) = match text.strip_prefix("next-").or(text.strip_prefix("next ")) {
        Some(day) => (1, day),
        None => (0, text.as_str()),
    };
    let weekday: Weekday = day.parse().map_err(|_| error())?;
    next_weekday(today, weekday)
        .checked_add_days(Days::new(7 * weeks_later))
        .ok_or_else(error)
}

/// A day of the week as people type it (`fri`, `Friday`), or why not.
pub fn parse_weekday(text: &str) -> Result<Weekday, String> {
    text.trim().parse::<Weekday>().map_err(|_| {
        format!(
            "`{}` is not a day of the week (monday … sunday, or mon … sun)",
            text.trim()
        )
    })
}

/// The first `day` on or after `from`.
pub fn next_weekday(from: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Days::new(u64::from(ahead))
}

/// The Monday of the week `day` is in.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day.week(Weekday::Mon).first_day()
}

/// Parses an optional date field: empty text means no date.
pub fn parse_optional_date(input: &str, today: NaiveDate) -> Result<Option<NaiveDate>, DateError> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(input, today).map(Some)
    }
}

/// Reads "reconsider when": a condition ("5 paying schools"), a date in
/// any form `parse_date` takes, or both, the date last after ` · `, `, `,
/// ` by `, ` on ` or ` or ` ("5 paying schools, +8w"). A lone word that
/// starts like a date but is none (`2027-13-01`, `+4x`) is an error, not
/// a condition.
pub fn parse_reconsider(
    input: &str,
    today: NaiveDate,
) -> Result<(String, Option<NaiveDate>), DateError> {
    let (condition, date) = split_reconsider(input, |text| parse_date(text, today).ok());
    if looks_like_a_date(&condition) {
        return Err(DateError { input: condition });
    }
    Ok((condition, date))
}

/// Splits "reconsider when" into its condition and its date (read by
/// `date`), as `parse_reconsider` describes; documents use it with their
/// own date forms.
pub fn split_reconsider(
    input: &str,
    date: impl Fn(&str) -> Option<NaiveDate>,
) -> (String, Option<NaiveDate>) {
    let text = input.trim();
    if let Some(date) = date(text) {
        return (String::new(), Some(date));
    }
    split_trailing_date(text, &[" · ", ", ", " by ", " on ", " or "], date)
}

/// `text SEPARATOR date` → the text and the date, when what follows the
/// last separator is a date (read by `date`); otherwise the whole text.
/// So "Legal review - contract from pilot" stays one text.
pub fn split_trailing_date(
    input: &str,
    separators: &[&str],
    date: impl Fn(&str) -> Option<NaiveDate>,
) -> (String, Option<NaiveDate>) {
    let text = input.trim();
    for separator in separators {
        if let Some((body, tail)) = text.rsplit_once(separator)
            && let Some(date) = date(tail.trim())
        {
            return (body.trim().to_owned(), Some(date));
        }
    }
    (text.to_owned(), None)
}

/// Whether a lone word is a date typed wrong (`2027-13-01`, `+4x`) rather
/// than text.
pub fn looks_like_a_date(word: &str) -> bool {
    !word.contains(char::is_whitespace)
        && word.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monday 2026-11-23.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn parse(text: &str) -> String {
        parse_date(text, today()).map_or_else(|e| e.to_string(), |d| d.to_string())
    }

    #[test]
    fn every_form() {
        assert_eq!(parse("2027-01-05"), "2027-01-05");
        assert_eq!(parse(" Today "), "2026-11-23");
        assert_eq!(parse("tomorrow"), "2026-11-24");
        assert_eq!(parse("+3d"), "2026-11-26");
        assert_eq!(parse("+2w"), "2026-12-07");
        assert_eq!(parse("-1w"), "2026-11-16");
        assert_eq!(parse("mon"), "2026-11-23", "a weekday includes today");
        assert_eq!(parse("fri"), "2026-11-27");
        assert_eq!(parse("friday"), "2026-11-27");
        assert_eq!(parse("next-fri"), "2026-12-04");
        assert_eq!(parse("sun"), "2026-11-29");
    }

    #[test]
    fn bad_input_names_itself_and_the_forms() {
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "+3x",
            "+d",
            "soon",
            "",
            "next-",
            "+99999999999999w",
        ] {
            assert_eq!(
                parse(bad),
                format!(
                    "invalid date `{bad}` (expected YYYY-MM-DD, today, tomorrow, +3d, +2w, a weekday like fri, or next-fri)"
                )
            );
        }
        assert_eq!(parse_optional_date("  ", today()), Ok(None));
    }

    #[test]
    fn reconsider_when_is_a_condition_a_date_or_both() {
        let read = |text: &str| parse_reconsider(text, today()).map_err(|e| e.input);
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d);
        assert_eq!(read(""), Ok((String::new(), None)));
        assert_eq!(read("2026-12-07"), Ok((String::new(), day(7))));
        assert_eq!(read("+2w"), Ok((String::new(), day(7))));
        assert_eq!(
            read("when we have 5 paying schools"),
            Ok(("when we have 5 paying schools".into(), None))
        );
        assert_eq!(
            read("5 paying schools, +2w"),
            Ok(("5 paying schools".into(), day(7)))
        );
        assert_eq!(
            read("5 paying schools · 2026-12-07"),
            Ok(("5 paying schools".into(), day(7)))
        );
        assert_eq!(
            read("after Q1 by 2026-12-07"),
            Ok(("after Q1".into(), day(7)))
        );
        // A date gone wrong is not taken for a condition.
        assert_eq!(read("2026-13-01"), Err("2026-13-01".into()));
        assert_eq!(read("+4x"), Err("+4x".into()));
    }
}
