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
        let (count, unit) = rest.split_at(rest.len().saturating_sub(1));
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
    let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    today
        .checked_add_days(Days::new(u64::from(ahead) + 7 * weeks_later))
        .ok_or_else(error)
}

/// Parses an optional date field: empty text means no date.
pub fn parse_optional_date(input: &str, today: NaiveDate) -> Result<Option<NaiveDate>, DateError> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(input, today).map(Some)
    }
}
