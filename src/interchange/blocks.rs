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

impl Item {
    /// Tracked work: a checkbox, or a status mark before its text (`✅`).
    pub fn is_tracked(&self) -> bool {
        self.checked.is_some() || super::words::leading_mark(&self.inline.plain()).is_some()
    }
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
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut fold = Fold {
        lines: Lines::new(source),
        blocks: Vec::new(),
        stack: Vec::new(),
        strong: 0,
        link_target: None,
    };
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        if !fold.quiet(&event, &range) {
            match event {
                Event::Start(tag) => fold.start(tag, range),
                Event::End(tag) => fold.end(tag, range),
                other => fold.inline(other, range),
            }
        }
    }
    fold.blocks
}

/// pulldown-cmark's events folded into blocks: the blocks closed so far
/// and the ones open, innermost last.
struct Fold {
    lines: Lines,
    blocks: Vec<Block>,
    stack: Vec<Open>,
    /// How deep in `**strong**` the text is.
    strong: usize,
    /// The address of the link the text is in.
    link_target: Option<String>,
}

impl Fold {
    /// A block from `start` to `end` is done.
    fn close(&mut self, kind: Kind, start: usize, end: usize) {
        self.blocks.push(Block {
            kind,
            line: self.lines.of(start),
            range: start..end,
        });
    }

    /// Inside a block kept as source only, waits for its end; `true` while
    /// the event belongs to it.
    fn quiet(&mut self, event: &Event, range: &Range<usize>) -> bool {
        let Some(Open::Quiet { depth, start }) = self.stack.last_mut() else {
            return false;
        };
        match event {
            Event::Start(_) => *depth += 1,
            Event::End(_) if *depth == 0 => {
                let start = *start;
                self.stack.pop();
                self.close(Kind::Other, start, range.end);
            }
            Event::End(_) => *depth -= 1,
            _ => {}
        }
        true
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        let start = range.start;
        match tag {
            Tag::Heading { level, .. } => self.stack.push(Open::Inline {
                level: Some(heading_level(level)),
                inline: Inline::default(),
                start,
            }),
            Tag::Paragraph => self.start_paragraph(start),
            Tag::List(_) => self.stack.push(Open::List {
                items: Vec::new(),
                start,
            }),
            Tag::Item => self.stack.push(Open::Item(Item {
                line: self.lines.of(start),
                checked: None,
                inline: Inline::default(),
                children: Vec::new(),
            })),
            Tag::Table(_) => self.stack.push(Open::Table {
                header: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
                cell: String::new(),
                row_line: self.lines.of(start),
                start,
            }),
            Tag::TableRow | Tag::TableHead => {
                let line = self.lines.of(start);
                if let Some(Open::Table { row, row_line, .. }) = self.stack.last_mut() {
                    row.clear();
                    *row_line = line;
                }
            }
            Tag::TableCell => {
                if let Some(Open::Table { cell, .. }) = self.stack.last_mut() {
                    cell.clear();
                }
            }
            Tag::CodeBlock(kind) => self.stack.push(Open::Code {
                language: match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                },
                text: String::new(),
                start,
            }),
            Tag::MetadataBlock(_) => self.stack.push(Open::Front {
                text: String::new(),
                start,
            }),
            Tag::BlockQuote(_) | Tag::HtmlBlock if self.stack.is_empty() => {
                self.stack.push(Open::Quiet { depth: 0, start });
            }
            Tag::Strong => self.strong += 1,
            Tag::Link { dest_url, .. } => self.link_target = Some(dest_url.to_string()),
            _ => {}
        }
    }

    /// A paragraph inside a list item joins the item's text, on a line of
    /// its own.
    fn start_paragraph(&mut self, start: usize) {
        match self.stack.last_mut() {
            Some(Open::Item(item)) => {
                if !item.inline.0.is_empty() {
                    item.inline.0.push(Span {
                        text: "\n".into(),
                        strong: false,
                        link: None,
                    });
                }
            }
            _ => self.stack.push(Open::Inline {
                level: None,
                inline: Inline::default(),
                start,
            }),
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph => {
                if let Some(Open::Inline { .. }) = self.stack.last()
                    && let Some(Open::Inline {
                        level,
                        inline,
                        start,
                    }) = self.stack.pop()
                {
                    let kind = match level {
                        Some(level) => Kind::Heading { level, inline },
                        None => Kind::Paragraph(inline),
                    };
                    self.close(kind, start, range.end);
                }
            }
            TagEnd::List(_) => {
                if let Some(Open::List { items, start }) = self.stack.pop() {
                    match self.stack.last_mut() {
                        Some(Open::Item(parent)) => parent.children.extend(items),
                        _ => self.close(Kind::List(items), start, range.end),
                    }
                }
            }
            TagEnd::Item => {
                if let Some(Open::Item(item)) = self.stack.pop()
                    && let Some(Open::List { items, .. }) = self.stack.last_mut()
                {
                    items.push(item);
                }
            }
            TagEnd::TableCell | TagEnd::TableHead | TagEnd::TableRow | TagEnd::Table => {
                self.end_table_part(tag, range.end)
            }
            TagEnd::CodeBlock => {
                if let Some(Open::Code {
                    language,
                    text,
                    start,
                }) = self.stack.pop()
                {
                    self.close(Kind::Code { language, text }, start, range.end);
                }
            }
            TagEnd::MetadataBlock(_) => {
                if let Some(Open::Front { text, start }) = self.stack.pop() {
                    self.close(Kind::Front(text), start, range.end);
                }
            }
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Link => self.end_link(),
            _ => {}
        }
    }

    /// The end of a cell, the header, a row or the whole table.
    fn end_table_part(&mut self, tag: TagEnd, end: usize) {
        if tag == TagEnd::Table {
            if let Some(Open::Table {
                header,
                rows,
                start,
                ..
            }) = self.stack.pop()
            {
                self.close(Kind::Table { header, rows }, start, end);
            }
            return;
        }
        let Some(Open::Table {
            header,
            rows,
            row,
            cell,
            row_line,
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        match tag {
            TagEnd::TableCell => row.push(cell.trim().to_owned()),
            TagEnd::TableHead => *header = std::mem::take(row),
            _ => rows.push((*row_line, std::mem::take(row))),
        }
    }

    /// A bare link keeps its address as its text.
    fn end_link(&mut self) {
        let Some(target) = self.link_target.take() else {
            return;
        };
        let empty = match self.stack.last() {
            Some(Open::Inline { inline, .. }) => inline.0.last().is_none_or(|s| s.text.is_empty()),
            _ => false,
        };
        if empty {
            self.push_text(&target, self.strong > 0, Some(target.clone()));
        }
    }

    /// The events that are not a block's start or end.
    fn inline(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::TaskListMarker(done) => {
                if let Some(Open::Item(item)) = self.stack.last_mut() {
                    item.checked = Some(done);
                }
            }
            Event::Rule => self.close(Kind::Other, range.start, range.end),
            Event::Text(text) | Event::Code(text) => {
                self.push_text(&text, self.strong > 0, self.link_target.clone())
            }
            Event::Html(text) | Event::InlineHtml(text) => match self.stack.last() {
                Some(Open::Code { .. }) => self.push_text(&text, false, None),
                // A table cell's line break.
                Some(Open::Table { .. }) if is_line_break(&text) => {
                    self.push_text("\n", false, None)
                }
                _ => {}
            },
            Event::SoftBreak | Event::HardBreak => {
                let in_table = matches!(self.stack.last(), Some(Open::Table { .. }));
                self.push_text(if in_table { " " } else { "\n" }, false, None);
            }
            _ => {}
        }
    }

    /// Text into the open block that keeps it.
    fn push_text(&mut self, text: &str, strong: bool, link: Option<String>) {
        let span = || Span {
            text: text.to_owned(),
            strong,
            link: link.clone(),
        };
        match self.stack.last_mut() {
            Some(Open::Inline { inline, .. }) => inline.0.push(span()),
            Some(Open::Item(item)) => item.inline.0.push(span()),
            Some(Open::Table { cell, .. }) => cell.push_str(text),
            Some(Open::Code { text: code, .. }) => code.push_str(text),
            Some(Open::Front { text: front, .. }) => front.push_str(text),
            _ => {}
        }
    }
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
