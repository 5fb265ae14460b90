//! The document as blocks: pulldown-cmark's events folded into headings,
//! paragraphs, (nested, checkable) lists, tables and code, each with its
//! line number and source range, so the importer reads structure, never
//! raw text with regexes.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A run of inline text; `strong` marks `**bold**`. Line breaks are runs
/// of `"\n"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    /// Where the text links to (`[text](target)`), if it is a link's.
    pub link: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline(pub Vec<Span>);

impl Inline {
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|s| s.text.as_str())
            .collect::<String>()
            .trim()
            .to_owned()
    }

    /// Splits at line breaks.
    pub fn lines(&self) -> Vec<Inline> {
        let mut lines = vec![Inline::default()];
        for span in &self.0 {
            if span.text == "\n" {
                lines.push(Inline::default());
            } else if let Some(last) = lines.last_mut() {
                last.0.push(span.clone());
            }
        }
        lines.retain(|l| !l.plain().is_empty());
        lines
    }

    /// The `**Label:** value` lines of a paragraph; a line that is not a
    /// field continues the value before it (a multi-line goal). Also
    /// whether text came before the first field.
    pub fn fields(&self) -> (Vec<(String, String)>, bool) {
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut stray = false;
        let mut line = Inline::default();
        let mut close =
            |line: &Inline, fields: &mut Vec<(String, String)>| match line.field_as_written() {
                Some(field) => fields.push(field),
                None => match fields.last_mut() {
                    Some((_, value)) => {
                        value.push('\n');
                        value.extend(line.0.iter().map(|s| s.text.as_str()));
                    }
                    None => stray |= !line.plain().is_empty(),
                },
            };
        for span in &self.0 {
            if span.text == "\n" {
                close(&line, &mut fields);
                line = Inline::default();
            } else {
                line.0.push(span.clone());
            }
        }
        close(&line, &mut fields);
        for (_, value) in &mut fields {
            *value = value.trim().to_owned();
        }
        (fields, stray)
    }

    /// `**Label:** value` (or `**Label**: value`) → `("Label", "value")`.
    pub fn field(&self) -> Option<(String, String)> {
        self.field_as_written()
            .map(|(label, value)| (label, value.trim_end().to_owned()))
    }

    /// `field`, the value's trailing spaces kept (a line of a longer value).
    fn field_as_written(&self) -> Option<(String, String)> {
        let first = self.0.iter().position(|s| !s.text.trim().is_empty())?;
        // The bold label may arrive in pieces (`[` `Name` `]`).
        let strong_end = first + self.0[first..].iter().take_while(|s| s.strong).count();
        if strong_end == first {
            return None;
        }
        let head: String = self.0[first..strong_end]
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        let rest: String = self.0[strong_end..]
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        let label = head.trim();
        if let Some(label) = label.strip_suffix(':') {
            return Some((label.trim().to_owned(), rest.trim_start().to_owned()));
        }
        rest.trim_start()
            .strip_prefix(':')
            .map(|value| (label.to_owned(), value.trim_start().to_owned()))
    }

    /// `✅ **Lead** — the rest`: the bold lead (after any status mark) and
    /// what follows it, when both are there.
    pub fn lead(&self) -> Option<(String, String)> {
        let start = self
            .0
            .iter()
            .position(|s| s.strong || s.text.chars().any(char::is_alphanumeric))?;
        let end = start + self.0[start..].iter().take_while(|s| s.strong).count();
        let lead: String = self.0[start..end].iter().map(|s| s.text.as_str()).collect();
        let rest: String = self.0[end..].iter().map(|s| s.text.as_str()).collect();
        let rest = rest.trim().trim_start_matches(['—', '–', '-', ':']).trim();
        let lead = lead.trim().trim_end_matches(':').trim();
        (!lead.is_empty() && !rest.is_empty()).then(|| (lead.to_owned(), rest.to_owned()))
    }

    /// The first web address the text links to (`[Spec](https://…)`).
    pub fn web_link(&self) -> Option<&str> {
        self.0
            .iter()
            .filter_map(|s| s.link.as_deref())
            .find(|l| l.starts_with("https://") || l.starts_with("http://"))
    }

    /// The bold text at the start, if any (`**Name**` in a numbered list).
    pub fn leading_strong(&self) -> Option<String> {
        let start = self.0.iter().position(|s| !s.text.trim().is_empty())?;
        let text: String = self.0[start..]
            .iter()
            .take_while(|s| s.strong)
            .map(|s| s.text.as_str())
            .collect();
        (!text.trim().is_empty()).then(|| text.trim().to_owned())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub line: usize,
    /// `Some(done)` for a task-list item.
    pub checked: Option<bool>,
    pub inline: Inline,
    pub children: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Heading {
        level: u8,
        inline: Inline,
    },
    Paragraph(Inline),
    List(Vec<Item>),
    Table {
        header: Vec<String>,
        rows: Vec<(usize, Vec<String>)>,
    },
    Code {
        language: String,
        text: String,
    },
    /// YAML front matter.
    Front(String),
    /// A thematic break, HTML, a quote: kept as source if it matters.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    /// 1-based line of the block's first line.
    pub line: usize,
    /// The block's bytes in the source.
    pub range: Range<usize>,
}

/// Maps byte offsets to 1-based line numbers.
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(source: &str) -> Self {
        Lines(
            std::iter::once(0)
                .chain(source.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    pub fn of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
    }
}

/// Where text events go while a block is open.
enum Open {
    Inline {
        level: Option<u8>,
        inline: Inline,
        start: usize,
    },
    List {
        items: Vec<Item>,
        start: usize,
    },
    Item(Item),
    Table {
        header: Vec<String>,
        rows: Vec<(usize, Vec<String>)>,
        row: Vec<String>,
        cell: String,
        row_line: usize,
        start: usize,
    },
    Code {
        language: String,
        text: String,
        start: usize,
    },
    Front {
        text: String,
        start: usize,
    },
    Quiet {
        depth: usize,
        start: usize,
    },
}

pub fn parse(source: &str) -> Vec<Block> {
    let lines = Lines::new(source);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut blocks = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut strong = 0usize;
    let mut link_target: Option<String> = None;

    let push_text = |stack: &mut Vec<Open>, text: &str, strong: bool, link: Option<&String>| {
        let span = Span {
            text: text.to_owned(),
            strong,
            link: link.cloned(),
        };
        match stack.last_mut() {
            Some(Open::Inline { inline, .. }) => inline.0.push(span),
            Some(Open::Item(item)) => item.inline.0.push(span),
            Some(Open::Table { cell, .. }) => cell.push_str(text),
            Some(Open::Code { text: code, .. }) => code.push_str(text),
            Some(Open::Front { text: front, .. }) => front.push_str(text),
            _ => {}
        }
    };

    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        // Inside a block kept as source only, wait for its end.
        if let Some(Open::Quiet { depth, start }) = stack.last_mut() {
            match &event {
                Event::Start(_) => *depth += 1,
                Event::End(_) if *depth == 0 => {
                    let start = *start;
                    stack.pop();
                    blocks.push(Block {
                        kind: Kind::Other,
                        line: lines.of(start),
                        range: start..range.end,
                    });
                }
                Event::End(_) => *depth -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => stack.push(Open::Inline {
                level: Some(heading_level(level)),
                inline: Inline::default(),
                start: range.start,
            }),
            Event::Start(Tag::Paragraph) => {
                // A paragraph inside a list item joins the item's text.
                if !matches!(stack.last(), Some(Open::Item(_))) {
                    stack.push(Open::Inline {
                        level: None,
                        inline: Inline::default(),
                        start: range.start,
                    });
                } else if let Some(Open::Item(item)) = stack.last_mut()
                    && !item.inline.0.is_empty()
                {
                    item.inline.0.push(Span {
                        text: "\n".into(),
                        strong: false,
                        link: None,
                    });
                }
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::Paragraph) => {
                if let Some(Open::Inline {
                    level,
                    inline,
                    start,
                }) = stack.last()
                {
                    let kind = match level {
                        Some(level) => Kind::Heading {
                            level: *level,
                            inline: inline.clone(),
                        },
                        None => Kind::Paragraph(inline.clone()),
                    };
                    let start = *start;
                    stack.pop();
                    blocks.push(Block {
                        kind,
                        line: lines.of(start),
                        range: start..range.end,
                    });
                }
            }
            Event::Start(Tag::List(_)) => stack.push(Open::List {
                items: Vec::new(),
                start: range.start,
            }),
            Event::End(TagEnd::List(_)) => {
                if let Some(Open::List { items, start }) = stack.pop() {
                    match stack.last_mut() {
                        Some(Open::Item(parent)) => parent.children.extend(items),
                        _ => blocks.push(Block {
                            kind: Kind::List(items),
                            line: lines.of(start),
                            range: start..range.end,
                        }),
                    }
                }
            }
            Event::Start(Tag::Item) => stack.push(Open::Item(Item {
                line: lines.of(range.start),
                checked: None,
                inline: Inline::default(),
                children: Vec::new(),
            })),
            Event::End(TagEnd::Item) => {
                if let Some(Open::Item(item)) = stack.pop()
                    && let Some(Open::List { items, .. }) = stack.last_mut()
                {
                    items.push(item);
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(Open::Item(item)) = stack.last_mut() {
                    item.checked = Some(done);
                }
            }
            Event::Start(Tag::Table(_)) => stack.push(Open::Table {
                header: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
                cell: String::new(),
                row_line: lines.of(range.start),
                start: range.start,
            }),
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => {
                if let Some(Open::Table { row, row_line, .. }) = stack.last_mut() {
                    row.clear();
                    *row_line = lines.of(range.start);
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(Open::Table { cell, .. }) = stack.last_mut() {
                    cell.clear();
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(Open::Table { row, cell, .. }) = stack.last_mut() {
                    row.push(cell.trim().to_owned());
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(Open::Table { header, row, .. }) = stack.last_mut() {
                    *header = std::mem::take(row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(Open::Table {
                    rows,
                    row,
                    row_line,
                    ..
                }) = stack.last_mut()
                {
                    rows.push((*row_line, std::mem::take(row)));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(Open::Table {
                    header,
                    rows,
                    start,
                    ..
                }) = stack.pop()
                {
                    blocks.push(Block {
                        kind: Kind::Table { header, rows },
                        line: lines.of(start),
                        range: start..range.end,
                    });
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                stack.push(Open::Code {
                    language,
                    text: String::new(),
                    start: range.start,
                });
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(Open::Code {
                    language,
                    text,
                    start,
                }) = stack.pop()
                {
                    blocks.push(Block {
                        kind: Kind::Code { language, text },
                        line: lines.of(start),
                        range: start..range.end,
                    });
                }
            }
            Event::Start(Tag::MetadataBlock(_)) => stack.push(Open::Front {
                text: String::new(),
                start: range.start,
            }),
            Event::End(TagEnd::MetadataBlock(_)) => {
                if let Some(Open::Front { text, start }) = stack.pop() {
                    blocks.push(Block {
                        kind: Kind::Front(text),
                        line: lines.of(start),
                        range: start..range.end,
                    });
                }
            }
            Event::Start(Tag::BlockQuote(_)) | Event::Start(Tag::HtmlBlock) if stack.is_empty() => {
                stack.push(Open::Quiet {
                    depth: 0,
                    start: range.start,
                });
            }
            Event::Rule => blocks.push(Block {
                kind: Kind::Other,
                line: lines.of(range.start),
                range,
            }),
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => link_target = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                // A bare link keeps its address as its text.
                if let Some(target) = link_target.take() {
                    let empty = match stack.last() {
                        Some(Open::Inline { inline, .. }) => {
                            inline.0.last().is_none_or(|s| s.text.is_empty())
                        }
                        _ => false,
                    };
                    if empty {
                        push_text(&mut stack, &target, strong > 0, Some(&target));
                    }
                }
            }
            Event::Text(text) | Event::Code(text) => {
                push_text(&mut stack, &text, strong > 0, link_target.as_ref())
            }
            Event::Html(text) | Event::InlineHtml(text) => match stack.last() {
                Some(Open::Code { .. }) => push_text(&mut stack, &text, false, None),
                // A table cell's line break.
                Some(Open::Table { .. }) if is_line_break(&text) => {
                    push_text(&mut stack, "\n", false, None)
                }
                _ => {}
            },
            Event::SoftBreak | Event::HardBreak => {
                let in_table = matches!(stack.last(), Some(Open::Table { .. }));
                push_text(&mut stack, if in_table { " " } else { "\n" }, false, None);
            }
            _ => {}
        }
    }
    blocks
}

/// `<br>`, `<br/>`, `<br />`.
fn is_line_break(html: &str) -> bool {
    let tag: String = html.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(tag.to_ascii_lowercase().as_str(), "<br>" | "<br/>")
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_fields_checklists_and_tables_with_lines() {
        let source = "# Title\n\n**Goal:** ship it  \n**Timeline:** a → b\n\n- [x] done thing\n- [ ] open thing\n  - child\n\n| A | B |\n|---|---|\n| 1 | 2 |\n";
        let blocks = parse(source);
        assert!(matches!(&blocks[0].kind, Kind::Heading { level: 1, .. }));
        let Kind::Paragraph(p) = &blocks[1].kind else {
            panic!()
        };
        assert_eq!(blocks[1].line, 3);
        let fields: Vec<_> = p.lines().iter().filter_map(Inline::field).collect();
        assert_eq!(
            fields,
            vec![
                ("Goal".into(), "ship it".into()),
                ("Timeline".into(), "a → b".into())
            ]
        );
        let Kind::List(items) = &blocks[2].kind else {
            panic!()
        };
        assert_eq!(items[0].checked, Some(true));
        assert_eq!(items[1].inline.plain(), "open thing");
        assert_eq!(items[1].children[0].inline.plain(), "child");
        assert_eq!(items[1].line, 7);
        let Kind::Table { header, rows } = &blocks[3].kind else {
            panic!()
        };
        assert_eq!(header, &vec!["A".to_owned(), "B".to_owned()]);
        assert_eq!(rows, &vec![(12, vec!["1".to_owned(), "2".to_owned()])]);
    }
}
