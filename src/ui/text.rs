//! Text measured by display width (wide characters and emoji take two
//! columns), so titles are cut where the terminal cuts them.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to at most `width` columns, with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Splits `text` into lines of at most `width` columns, at spaces where it can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if candidate.width() <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word.to_owned();
            while rest.width() > width {
                let mut head = String::new();
                let mut used = 0;
                let mut split_at = 0;
                for (i, c) in rest.char_indices() {
                    let w = c.width().unwrap_or(0);
                    if used + w > width {
                        break;
                    }
                    head.push(c);
                    used += w;
                    split_at = i + c.len_utf8();
                }
                if split_at == 0 {
                    break;
                }
                lines.push(head);
                rest = rest[split_at..].to_owned();
            }
            line = rest;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_columns_not_bytes() {
        assert_eq!(truncate("Billing", 10), "Billing");
        assert_eq!(truncate("Billing portal", 8), "Billing…");
        assert_eq!(truncate("日本語のタイトル", 7), "日本語…");
        assert_eq!(truncate("🚀 Launch", 4), "🚀 …");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn wrapping_keeps_words_and_splits_long_ones() {
        assert_eq!(
            wrap("cannot start F7 now", 10),
            vec!["cannot", "start F7", "now"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }
}
