//! Screens and overlays: an overlay opens over the screen it was asked
//! from, is drawn over it, and closing it lands back there. (A screen
//! opened from another, the parking lot from the review, going back to it
//! is in `board.rs`'s weekly review.)

use crate::common;

use common::board::Harness;
use common::today;
use roadboard::app::{Overlay, Screen};

/// The screen on top, by name.
fn screen(h: &Harness) -> &'static str {
    match h.app.screen() {
        Screen::FirstRun => "first run",
        Screen::Board => "board",
        Screen::Gantt => "gantt",
        Screen::Parking(_) => "parking",
        Screen::Tracks(_) => "tracks",
        Screen::Log(_) => "log",
        Screen::Review(_) => "review",
    }
}

#[test]
fn help_opens_over_every_screen_and_closes_back_onto_it() {
    let screens = [
        ("", "board"),
        ("G", "gantt"),
        ("P", "parking"),
        ("T", "tracks"),
        ("y", "log"),
        ("W", "review"),
    ];
    for (open, name) in screens {
        let mut h = Harness::example(today());
        if !open.is_empty() {
            h.press(open);
        }
        assert_eq!(screen(&h), name, "opened with {open:?}");
        let under = h.render(100, 30);
        h.press("?");
        assert!(
            matches!(h.app.top(), Some(Overlay::Help { .. })),
            "help over the {name}"
        );
        let with_help = h.render(100, 30);
        assert_ne!(with_help, under, "help is drawn over the {name}");
        h.press("Esc");
        assert_eq!(screen(&h), name, "Esc from help lands on the {name}");
        assert!(h.app.top().is_none());
        assert_eq!(h.render(100, 30), under, "the {name} as it was");
    }
}

#[test]
fn a_card_opened_from_the_full_gantt_is_drawn_over_it_and_closes_back_to_it() {
    let mut h = Harness::example(today());
    h.press("G");
    let gantt = h.render(120, 34);
    assert!(gantt.contains(" Gantt · "), "{gantt}");
    h.press("Enter");
    assert!(matches!(h.app.top(), Some(Overlay::Detail(_))));
    let detail = h.render(120, 34);
    assert!(
        detail.contains(" Gantt · "),
        "the Gantt stays behind the card:\n{detail}"
    );
    h.press("Esc");
    assert_eq!(screen(&h), "gantt");
    assert_eq!(h.render(120, 34), gantt);
}

#[test]
fn help_over_a_card_closes_back_to_the_card() {
    let mut h = Harness::example(today());
    h.press("Enter");
    let card = h.render(100, 30);
    h.press("?");
    assert_eq!(h.app.overlays.len(), 2, "help over the card");
    h.press("Esc");
    assert!(matches!(h.app.top(), Some(Overlay::Detail(_))));
    assert_eq!(h.render(100, 30), card);
    h.press("Esc");
    assert_eq!((screen(&h), h.app.top().is_none()), ("board", true));
}
