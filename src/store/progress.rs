//! How far a long write is: an import counts the rows it has written
//! against all it will write, and says so in whole percents (a step of 5
//! at most every few hundred rows), to whoever the store was given to tell.

use super::journal::RowRef;

/// Where the store says how far a long write is (0 to 100).
pub type ProgressSink = Box<dyn FnMut(u8) + Send>;

/// Counts steps of a write against its total.
pub(super) struct Ticker<'a> {
    total: usize,
    done: usize,
    said: u8,
    sink: Option<&'a mut ProgressSink>,
}

impl<'a> Ticker<'a> {
    /// A ticker of `total` steps telling `sink`, if any.
    pub(super) fn new(total: usize, sink: Option<&'a mut ProgressSink>) -> Self {
        Ticker {
            total: total.max(1),
            done: 0,
            said: 0,
            sink,
        }
    }

    pub(super) fn step(&mut self) {
        self.done += 1;
        let percent = (self.done * 100 / self.total).min(100) as u8;
        if percent >= self.said + 5
            && let Some(sink) = self.sink.as_mut()
        {
            self.said = percent;
            sink(percent);
        }
    }
}

/// The rows an import wrote, each a step of its ticker.
pub(super) struct Written<'a> {
    pub rows: Vec<RowRef>,
    pub ticker: Ticker<'a>,
}

impl Written<'_> {
    pub(super) fn push(&mut self, row: RowRef) {
        self.rows.push(row);
        self.ticker.step();
    }
}
