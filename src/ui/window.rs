//! Which rows of a list are on screen: the same answer for drawing and for
//! a mouse click, so a click lands on the row drawn under it.

use std::ops::Range;

use ratatui::layout::Rect;

/// A list drawn inside `inner`, `lines` lines a row.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub inner: Rect,
    pub lines: u16,
    /// The rows shown, from the top of `inner`.
    pub rows: (usize, usize),
}

impl Window {
    /// The rows of a list of `len` that fit `inner`: from the top, or, for
    /// the focused list, far enough down that `selected` shows.
    pub fn new(inner: Rect, lines: u16, len: usize, selected: usize, focused: bool) -> Window {
        let fits = usize::from((inner.height / lines.max(1)).max(1));
        let selected = selected.min(len.saturating_sub(1));
        let first = if focused {
            selected.saturating_sub(fits - 1)
        } else {
            0
        };
        Window {
            inner,
            lines: lines.max(1),
            rows: (first, len.min(first + fits)),
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.rows.0..self.rows.1
    }

    /// The row drawn at `(x, y)`, if a row is drawn there.
    pub fn row_at(&self, x: u16, y: u16) -> Option<usize> {
        let inside = ratatui::layout::Position { x, y };
        if !self.inner.contains(inside) {
            return None;
        }
        let row = self.rows.0 + usize::from((y - self.inner.y) / self.lines);
        (row < self.rows.1).then_some(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_click_finds_the_row_drawn_under_it() {
        let inner = Rect::new(1, 1, 20, 6);
        // Ten rows of two lines, the eighth selected: rows 5 to 7 show.
        let window = Window::new(inner, 2, 10, 7, true);
        assert_eq!(window.range(), 5..8);
        assert_eq!(window.row_at(3, 1), Some(5));
        assert_eq!(window.row_at(3, 2), Some(5));
        assert_eq!(window.row_at(3, 6), Some(7));
        assert_eq!(window.row_at(0, 3), None, "on the border");
        assert_eq!(window.row_at(3, 7), None, "under the list");
        // A short list: nothing under its last row.
        let short = Window::new(inner, 2, 1, 0, false);
        assert_eq!(short.row_at(3, 3), None);
    }
}
