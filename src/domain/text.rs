//! Text from people and documents is data. Single-line fields (titles,
//! names, owners, requesters) hold no line breaks or control characters;
//! multi-line fields keep their line breaks and tabs but no other control
//! characters; and whatever is shown on a terminal shows control characters
//! as visible escapes, never as the commands they would be.

use std::borrow::Cow;

/// Characters a terminal would act on rather than show: C0 and C1 controls,
/// DEL, and the bidirectional overrides that reorder what is displayed.
fn is_terminal_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character written out (`\e`, `\r`, `\x07`,
/// `\u{9b}`), keeping line breaks and tabs: safe to print on a terminal.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_terminal_control(c) && c != '\n' && c != '\t')
    {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\t' => shown.push(c),
            '\u{1b}' => shown.push_str("\\e"),
            '\r' => shown.push_str("\\r"),
            c if (c as u32) < 0x80 && is_terminal_control(c) => {
                shown.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_terminal_control(c) => shown.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// Refuses text for a single-line field that holds a line break or a
/// control character, saying which (the caller names the field).
pub fn check_single_line(text: &str) -> Result<(), String> {
    match text.chars().find(|c| is_terminal_control(*c)) {
        None => Ok(()),
        Some('\n' | '\r') => Err("must be one line (it holds a line break)".into()),
        Some(c) => Err(format!(
            "holds the control character U+{:04X}; it takes printable text only",
            c as u32
        )),
    }
}

/// Refuses text for a multi-line field that holds control characters other
/// than line breaks and tabs.
pub fn check_multi_line(text: &str) -> Result<(), String> {
    match text
        .chars()
        .find(|c| is_terminal_control(*c) && !matches!(c, '\n' | '\t'))
    {
        None => Ok(()),
        Some(c) => Err(format!(
            "holds the control character U+{:04X}; it takes printable text and line breaks only",
            c as u32
        )),
    }
}

/// `1 day`, `2 days`, `1 new request`: a count with its noun in the right
/// number (English nouns that take an `s`).
pub fn count(n: i64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A document's text made fit for a single-line field: line breaks and
/// tabs become spaces, other control characters go, spaces are collapsed.
pub fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if is_terminal_control(c) => None,
            c => Some(c),
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A document's text made fit for a multi-line field: `\r\n` becomes `\n`,
/// control characters other than line breaks and tabs go.
pub fn multi_line(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| !is_terminal_control(*c) || matches!(c, '\n' | '\t'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_not_obeyed() {
        assert_eq!(visible("plain ✓"), "plain ✓");
        assert_eq!(
            visible("\u{1b}]0;owned\u{7}title\r\u{9b}2J\u{202e}"),
            "\\e]0;owned\\x07title\\r\\u{9b}2J\\u{202e}"
        );
        assert_eq!(visible("two\nlines\tand a tab"), "two\nlines\tand a tab");
    }

    #[test]
    fn single_line_fields_refuse_breaks_and_controls() {
        assert_eq!(check_single_line("Rota export"), Ok(()));
        assert_eq!(
            check_single_line("a\nb").unwrap_err(),
            "must be one line (it holds a line break)"
        );
        assert!(
            check_single_line("x\u{1b}[2J")
                .unwrap_err()
                .contains("U+001B")
        );
        assert_eq!(check_multi_line("a\nb\tc"), Ok(()));
        assert!(check_multi_line("a\u{7}").is_err());
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "day"), "1 day");
        assert_eq!(count(0, "day"), "0 days");
        assert_eq!(count(3, "new request"), "3 new requests");
    }

    #[test]
    fn document_text_is_cleaned_for_its_field() {
        assert_eq!(one_line(" Rota\n  export\u{1b}\t now "), "Rota export now");
        assert_eq!(multi_line("a\r\nb\u{7}\tc"), "a\nb\tc");
    }
}
