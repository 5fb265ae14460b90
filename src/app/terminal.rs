//! The terminal, taken over for the board and always given back: on quit,
//! on a panic (before the report is printed) and on SIGTERM, SIGHUP or
//! SIGINT (another process's `kill`, a closed terminal window) — raw mode
//! off, the alternate screen left, mouse capture and bracketed paste off, the
//! cursor shown.

use std::sync::{Mutex, MutexGuard};

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// Held while a frame is drawn, so a signal never restores the terminal in
/// the middle of one (and no frame is drawn after it).
static DRAWING: Mutex<()> = Mutex::new(());

/// Takes the terminal over; `mouse` turns on mouse capture.
pub fn enter(mouse: bool) -> std::io::Result<DefaultTerminal> {
    // ratatui's hook restores raw mode and the screen, then reports.
    let terminal = ratatui::init();
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            std::io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste
        );
        report(info);
    }));
    // A paste arrives as one event of text, never as keys.
    execute!(std::io::stdout(), EnableBracketedPaste)?;
    if mouse {
        execute!(std::io::stdout(), EnableMouseCapture)?;
    }
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _frame = drawing();
            leave();
            // Every edit was committed when it was made: nothing to save.
            std::process::exit(128 + signal);
        }
    });
    Ok(terminal)
}

/// Gives the terminal back.
pub fn leave() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        Show
    );
    ratatui::restore();
}

/// Hold while drawing a frame.
pub fn drawing() -> MutexGuard<'static, ()> {
    DRAWING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
