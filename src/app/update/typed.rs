//! What is typed into one-line prompts, taken apart: a text and its why
//! (`what -- why`), a text and its date (`Pilot renews by 2027-01-15`).

use super::*;

/// The separators between a text and its second part (a why, a note):
/// an em dash, or two hyphens where an em dash is hard to type.
pub(super) const DASHES: &[&str] = &[" — ", " -- "];

/// `text` cut at the last of `separators` found in it.
pub(super) fn split_on<'a>(text: &'a str, separators: &[&str]) -> Option<(&'a str, &'a str)> {
    separators
        .iter()
        .filter_map(|s| text.rfind(s).map(|at| (at, s.len())))
        .max_by_key(|(at, _)| *at)
        .map(|(at, len)| (&text[..at], &text[at + len..]))
}

/// `"text by date"` (or `text - date`) as typed in one-line prompts: the
/// date is optional, the text is not; a dash inside the text is text.
pub(super) fn split_text_and_date(
    text: &str,
    today: chrono::NaiveDate,
) -> Result<(String, Option<chrono::NaiveDate>), String> {
    const SEPARATORS: [&str; 2] = [" by ", " - "];
    let (body, date) = split_trailing_date(text, &SEPARATORS, |d| parse_date(d, today).ok());
    let mistyped = SEPARATORS
        .iter()
        .filter_map(|s| body.rsplit_once(s).map(|(_, tail)| tail.trim()))
        .find(|tail| looks_like_a_date(tail));
    if let Some(input) = mistyped.filter(|_| date.is_none()) {
        let input = input.to_owned();
        return Err(crate::domain::dates::DateError { input }.to_string());
    }
    if body.is_empty() {
        return Err("type something".into());
    }
    Ok((body, date))
}
