//! The document's outline, read before any section is interpreted: for
//! each heading, how many work items (list items, table rows) its own
//! content and its whole subtree hold, how many of its child headings hold
//! some, and how many of its siblings do. The interpreter decides what a
//! heading is from this shape first and from its words second: a heading
//! whose subtree holds items and whose siblings look alike is a phase,
//! whatever language it is written in; a heading whose children are such
//! phases is a container that passes through to them.

use std::collections::HashMap;

use crate::interchange::blocks::{Block, Kind};
use crate::interchange::lexicon::{bucket, names_a_phase};

/// What one heading's part of the document holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Items directly under the heading, before its first sub-heading.
    pub own_items: usize,
    /// Of those, task-list items (`- [ ]`, `- [x]`) and items opening with
    /// a status mark (`- ✅ Login`): work, whatever the heading says.
    pub own_tasks: usize,
    /// Such items anywhere under it.
    pub subtree_tasks: usize,
    /// Of those, fields only a feature card has (`**Status:** …`,
    /// `**Target Date:** …`): a card, whatever its heading says.
    pub own_card_fields: usize,
    /// Items anywhere under it.
    pub subtree_items: usize,
    /// Child headings whose subtree holds items.
    pub children_with_items: usize,
    /// Sibling headings (same parent, same level) whose subtree holds items.
    pub siblings_with_items: usize,
    /// The line of its parent heading (`None` at the top).
    pub parent: Option<usize>,
    /// Child headings holding items that name themselves a phase or a
    /// bucket of work (`Phase 2`, `Q1`, `Now`).
    pub children_worded: usize,
}

impl Shape {
    /// Holds work itself, among siblings that do too: the shape of a phase.
    pub fn is_phase_like(&self) -> bool {
        self.subtree_items > 0 && self.siblings_with_items > 0 && self.children_with_items < 2
    }

    /// Its own list is mostly a feature card's fields.
    pub fn is_card_like(&self) -> bool {
        self.own_card_fields > 0
            && 2 * self.own_card_fields >= self.own_items
            && self.children_with_items == 0
    }

    /// Its children hold the work: a container of phases.
    pub fn is_container(&self) -> bool {
        self.children_with_items >= 2
    }
}

/// The shape of every heading, by its line.
#[derive(Debug, Default)]
pub struct Outline {
    shapes: HashMap<usize, Shape>,
    /// Headings with nothing under them at all: line and text.
    empty: Vec<(usize, String)>,
}

struct Node {
    line: usize,
    level: u8,
    parent: Option<usize>,
    own_items: usize,
    own_tasks: usize,
    own_card_fields: usize,
    text: String,
    /// Any block or sub-heading under it.
    has_content: bool,
}

impl Outline {
    pub fn of(blocks: &[Block]) -> Outline {
        let mut nodes: Vec<Node> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        for block in blocks {
            match &block.kind {
                Kind::Heading { level, inline } => {
                    while open.last().is_some_and(|&i| nodes[i].level >= *level) {
                        open.pop();
                    }
                    if let Some(&parent) = open.last() {
                        nodes[parent].has_content = true;
                    }
                    nodes.push(Node {
                        line: block.line,
                        level: *level,
                        parent: open.last().copied(),
                        own_items: 0,
                        own_tasks: 0,
                        own_card_fields: 0,
                        text: inline.plain(),
                        has_content: false,
                    });
                    open.push(nodes.len() - 1);
                    continue;
                }
                Kind::List(items) => {
                    if let Some(&i) = open.last() {
                        nodes[i].own_items += items.len();
                        nodes[i].own_tasks += items.iter().filter(|i| i.is_tracked()).count();
                        nodes[i].own_card_fields += items
                            .iter()
                            .filter(|i| i.inline.field().is_some_and(|(l, _)| is_card_field(&l)))
                            .count();
                    }
                }
                // A table naming its phase per row (`| Phase | Item |`)
                // places its items itself: they are not this heading's.
                Kind::Table { header, rows } if !header.iter().any(|h| names_a_phase(h)) => {
                    if let Some(&i) = open.last() {
                        nodes[i].own_items += rows.len();
                    }
                }
                _ => {}
            }
            if let Some(&i) = open.last() {
                nodes[i].has_content = true;
            }
        }
        Outline {
            shapes: shapes(&nodes),
            empty: nodes
                .iter()
                .filter(|n| !n.has_content)
                .map(|n| (n.line, n.text.clone()))
                .collect(),
        }
    }

    /// Headings with nothing under them: a bare list of items written as
    /// headings (`# Forms`, `# Charts`), line and text.
    pub fn empty_headings(&self) -> &[(usize, String)] {
        &self.empty
    }

    pub fn shape(&self, line: usize) -> Shape {
        self.shapes.get(&line).copied().unwrap_or_default()
    }
}

/// A field label only a feature card has.
fn is_card_field(label: &str) -> bool {
    const LABELS: &[&str] = &[
        "status",
        "why now",
        "success metric",
        "target date",
        "target",
        "due",
        "due date",
        "owner",
        "priority",
        "depends on",
        "dependencies",
        "effort",
        "impact",
    ];
    LABELS.contains(&crate::interchange::words::normalize(label).as_str())
}

/// Sums the items up the tree (children come after their parents, so one
/// pass from the end suffices), then counts children and siblings.
fn shapes(nodes: &[Node]) -> HashMap<usize, Shape> {
    let mut subtree: Vec<usize> = nodes.iter().map(|n| n.own_items).collect();
    let mut subtree_tasks: Vec<usize> = nodes.iter().map(|n| n.own_tasks).collect();
    for i in (0..nodes.len()).rev() {
        if let Some(parent) = nodes[i].parent {
            subtree[parent] += subtree[i];
            subtree_tasks[parent] += subtree_tasks[i];
        }
    }
    let mut children_with_items = vec![0usize; nodes.len()];
    let mut children_worded = vec![0usize; nodes.len()];
    // (parent, level) → how many children at that level hold items.
    let mut alike: HashMap<(Option<usize>, u8), usize> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        if subtree[i] > 0 {
            if let Some(parent) = node.parent {
                children_with_items[parent] += 1;
                if names_a_phase(&node.text) || bucket(&node.text).is_some() {
                    children_worded[parent] += 1;
                }
            }
            *alike.entry((node.parent, node.level)).or_default() += 1;
        }
    }
    nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let with_items = alike.get(&(node.parent, node.level)).copied().unwrap_or(0);
            let shape = Shape {
                own_items: node.own_items,
                own_tasks: node.own_tasks,
                subtree_tasks: subtree_tasks[i],
                own_card_fields: node.own_card_fields,
                subtree_items: subtree[i],
                children_with_items: children_with_items[i],
                siblings_with_items: with_items.saturating_sub(usize::from(subtree[i] > 0)),
                parent: node.parent.map(|p| nodes[p].line),
                children_worded: children_worded[i],
            };
            (node.line, shape)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::blocks;

    #[test]
    fn sibling_sections_of_items_are_phase_shaped_and_their_parent_a_container() {
        let source = "# Plan\n\n## Summary\n\nProse only.\n\n## Now\n\n- a\n- b\n\n## Next\n\n- c\n\n## Later\n\n### Ideas\n\n- d\n\n### More\n\n- e\n";
        let outline = Outline::of(&blocks::parse(source));
        let at = |line| outline.shape(line);
        assert!(at(1).is_container(), "{:?}", at(1));
        assert!(!at(3).is_phase_like(), "prose is not a phase");
        assert!(at(7).is_phase_like(), "{:?}", at(7));
        assert_eq!(at(7).own_items, 2);
        assert!(at(12).is_phase_like());
        assert!(at(16).is_container(), "{:?}", at(16));
        assert!(!at(16).is_phase_like());
    }
}
