//! What the CLI prints for a person goes through `Visible`, so text from
//! the roadmap (an imported title holding `ESC]0;…`, an OSC 52 clipboard
//! write) is shown as escapes and never acted on by the terminal.

use std::io::{self, Write};

use crate::domain::text::visible;

pub struct Visible<W: Write>(pub W);

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(visible(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
