//! Text in roadboard's own format, both ways: the writer escapes exactly
//! what Markdown would take for structure, and the reader undoes exactly
//! that, so any text reads back as written.

use chrono::NaiveDate;

/// A date as the format writes it ("" for none).
pub fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

/// A date as the format writes it, `YYYY-MM-DD`, and nothing else.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{}` is not a date (YYYY-MM-DD)", text.trim()))
}

/// A day, or nothing for an empty value.
pub fn parse_optional_day(text: &str) -> Result<Option<NaiveDate>, String> {
    match text.trim() {
        "" => Ok(None),
        text => parse_day(text).map(Some),
    }
}

/// `text` as Markdown that reads back as exactly `text`: what Markdown would
/// take for structure is escaped, spaces at the ends of a line are written
/// as entities, and line breaks are hard breaks followed by `indent`.
pub fn markdown_text(text: &str, indent: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\\n");
            out.push_str(indent);
        }
        out.push_str(&markdown_line(line));
    }
    out
}

/// One line of `markdown_text`.
pub fn markdown_line(line: &str) -> String {
    // Any space a reader would trim (a tab, a vertical tab, U+2028) is
    // written as an entity at the ends.
    let is_space = char::is_whitespace;
    let body = line.trim_matches(is_space);
    let lead = &line[..line.len() - line.trim_start_matches(is_space).len()];
    let trail = &line[lead.len() + body.len()..];
    let entity = |c: char| format!("&#{};", u32::from(c));
    let mut out: String = lead.chars().map(entity).collect();
    out.reserve(line.len());
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in body.chars().enumerate() {
        let structural = matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '&'
                | '!'
                | '{'
                | '}'
        ) || i == 0 && matches!(c, '-' | '+' | '=')
            || i == digits && digits > 0 && matches!(c, '.' | ')');
        if structural {
            out.push('\\');
        }
        out.push(c);
    }
    out.extend(trail.chars().map(entity));
    out
}

/// A table cell: one line, no column breaks; line breaks as `<br>`.
pub fn cell(text: &str) -> String {
    text.split('\n')
        .map(markdown_line)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Undoes `markdown_line`: `\` before ASCII punctuation is the character,
/// `&#N;` is the character N; everything else is itself.
pub fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c == '\\'
            && let Some(next) = rest[1..].chars().next()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            rest = &rest[1 + next.len_utf8()..];
            continue;
        }
        if let Some(entity) = rest.strip_prefix("&#")
            && let Some((number, after)) = entity.split_once(';')
            && (1..=7).contains(&number.len())
            && number.bytes().all(|b| b.is_ascii_digit())
            && let Some(decoded) = number.parse::<u32>().ok().and_then(char::from_u32)
        {
            out.push(decoded);
            rest = after;
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Whether `raw` ends in a hard break: a `\` that escapes nothing (an odd
/// run of backslashes at its end).
pub fn ends_in_break(raw: &str) -> bool {
    raw.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// Splits `raw` at each `separator` that no backslash escapes.
pub fn split_unescaped(raw: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in raw.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == separator => {
                parts.push(&raw[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&raw[start..]);
    parts
}

/// Undoes `cell`.
pub fn read_cell(raw: &str) -> String {
    let raw = raw.trim_matches(' ');
    let mut lines = Vec::new();
    let mut rest = raw;
    // `<` is always escaped in text, so a bare `<br>` is a line break.
    loop {
        let mut at = None;
        let mut escaped = false;
        for (i, c) in rest.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '<' if rest[i..].starts_with("<br>") => {
                    at = Some(i);
                    break;
                }
                _ => {}
            }
        }
        match at {
            Some(i) => {
                lines.push(unescape(&rest[..i]));
                rest = &rest[i + 4..];
            }
            None => {
                lines.push(unescape(rest));
                break;
            }
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_reads_back_exactly() {
        for text in [
            "plain",
            "  lead and trail  ",
            "# not a heading",
            "1. not a list",
            "- not a bullet",
            "a \\ backslash \\",
            "&#32; an entity written by hand",
            "**bold** and | pipes | and <br> tags",
            "tabs\tinside",
            "ends with \\\\",
        ] {
            assert_eq!(unescape(&markdown_line(text)), text, "{text}");
            assert_eq!(read_cell(&cell(text)), text, "{text}");
            assert!(!ends_in_break(&markdown_line(text)), "{text}");
        }
        assert_eq!(read_cell(&cell("two\nlines")), "two\nlines");
        let broken = markdown_text("one\ntwo", "  ");
        let first = broken.lines().next().unwrap();
        assert!(ends_in_break(first));
    }

    #[test]
    fn cells_split_only_at_bare_pipes() {
        let row = format!("| {} | {} |", cell("a|b"), cell("c"));
        let parts = split_unescaped(&row, '|');
        assert_eq!(parts.len(), 4);
        assert_eq!(read_cell(parts[1]), "a|b");
        assert_eq!(read_cell(parts[2]), "c");
    }
}
