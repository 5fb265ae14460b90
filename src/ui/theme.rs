//! Colours and styles, in one place; a dark default and a light theme.

use chrono::{Datelike, NaiveDate};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType};

use crate::domain::FeatureStatus;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// How cards and columns show dates (a chrono format).
    pub date_format: String,
    /// Plain ASCII bars for terminals without block characters.
    pub ascii: bool,
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub focus_border: Style,
    pub selected: Style,
    pub active_card: Style,
    pub warning: Style,
    pub error: Style,
    pub info: Style,
    pub key: Style,
    pub header: Style,
    pub bar_done: Style,
    pub bar_todo: Style,
    pub statuses: [Style; 6],
}

/// `Nov 27`: short enough for a card.
pub const DEFAULT_DATE_FORMAT: &str = "%b %d";

impl Theme {
    pub fn dark() -> Self {
        Theme {
            date_format: DEFAULT_DATE_FORMAT.to_owned(),
            ascii: false,
            text: Style::new().fg(Color::White),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            focus_border: Style::new().fg(Color::Cyan),
            selected: Style::new()
                .bg(Color::Rgb(40, 50, 70))
                .add_modifier(Modifier::BOLD),
            active_card: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Yellow),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            info: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::White).bg(Color::Rgb(30, 30, 46)),
            bar_done: Style::new().fg(Color::Green),
            bar_todo: Style::new().fg(Color::DarkGray),
            statuses: [
                Style::new().fg(Color::Gray),
                Style::new().fg(Color::Blue),
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                Style::new().fg(Color::Magenta),
                Style::new().fg(Color::Green),
                Style::new().fg(Color::DarkGray),
            ],
        }
    }

    pub fn light() -> Self {
        Theme {
            date_format: DEFAULT_DATE_FORMAT.to_owned(),
            ascii: false,
            text: Style::new().fg(Color::Black),
            dim: Style::new().fg(Color::Rgb(88, 94, 102)),
            title: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Rgb(120, 126, 136)),
            focus_border: Style::new().fg(Color::Blue),
            selected: Style::new()
                .bg(Color::Rgb(210, 225, 250))
                .add_modifier(Modifier::BOLD),
            active_card: Style::new()
                .fg(Color::Rgb(160, 90, 0))
                .add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Rgb(150, 80, 0)),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            info: Style::new().fg(Color::Rgb(0, 120, 0)),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Black).bg(Color::Rgb(225, 225, 235)),
            bar_done: Style::new().fg(Color::Rgb(0, 120, 0)),
            bar_todo: Style::new().fg(Color::Rgb(110, 116, 126)),
            statuses: [
                Style::new().fg(Color::Rgb(80, 80, 88)),
                Style::new().fg(Color::Blue),
                Style::new()
                    .fg(Color::Rgb(160, 90, 0))
                    .add_modifier(Modifier::BOLD),
                Style::new().fg(Color::Magenta),
                Style::new().fg(Color::Rgb(0, 120, 0)),
                Style::new().fg(Color::Rgb(110, 110, 118)),
            ],
        }
    }

    /// A date as cards show it, with its year when that is not this
    /// year's (`Jan 05 2027` in November 2026), unless the configured
    /// format shows a year anyway.
    pub fn date(&self, date: NaiveDate, today: NaiveDate) -> String {
        let shown = date.format(&self.date_format).to_string();
        let has_year = ["%Y", "%y", "%F", "%D", "%c", "%+", "%G", "%g"]
            .iter()
            .any(|code| self.date_format.contains(code));
        if has_year || date.year() == today.year() {
            shown
        } else {
            format!("{shown} {}", date.year())
        }
    }

    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "dark" | "default" => Some(Self::dark()),
            "light" => Some(Self::light()),
            _ => None,
        }
    }

    /// A rounded panel whose border and title show whether it has the focus.
    pub fn panel(&self, title: String, focused: bool) -> Block<'static> {
        Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(if focused {
                self.focus_border
            } else {
                self.border
            })
            .title(Span::styled(
                title,
                if focused { self.title } else { self.text },
            ))
    }

    pub fn status(&self, status: FeatureStatus) -> Style {
        self.statuses[status as usize]
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

/// The one-character badge of a status.
pub fn badge(status: FeatureStatus) -> &'static str {
    match status {
        FeatureStatus::Parked => "…",
        FeatureStatus::Planned => "○",
        FeatureStatus::Active => "●",
        FeatureStatus::InReview => "◐",
        FeatureStatus::Shipped => "✓",
        FeatureStatus::Dropped => "✗",
    }
}

#[cfg(test)]
mod contrast {
    use super::*;

    /// WCAG relative luminance of an sRGB colour.
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    fn ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// Every foreground of the light theme is readable on a white
    /// terminal: no ANSI grey or white (whose shade the terminal picks),
    /// and every RGB colour at 4.5:1 or more against its background.
    #[test]
    fn the_light_theme_is_readable_on_a_light_terminal() {
        let t = Theme::light();
        let styles = [
            ("text", t.text),
            ("dim", t.dim),
            ("title", t.title),
            ("border", t.border),
            ("focus_border", t.focus_border),
            ("selected", t.selected),
            ("active_card", t.active_card),
            ("warning", t.warning),
            ("error", t.error),
            ("info", t.info),
            ("key", t.key),
            ("header", t.header),
            ("bar_done", t.bar_done),
            ("bar_todo", t.bar_todo),
        ]
        .into_iter()
        .chain(t.statuses.iter().map(|s| ("status", *s)));
        for (name, style) in styles {
            let background = match style.bg {
                Some(Color::Rgb(r, g, b)) => (r, g, b),
                Some(Color::Red) => (205, 0, 0),
                _ => (255, 255, 255),
            };
            match style.fg {
                Some(Color::Rgb(r, g, b)) => {
                    let contrast = ratio((r, g, b), background);
                    // Borders and empty bars are not text: 3:1 is enough.
                    let needed = if matches!(name, "border" | "bar_todo") {
                        3.0
                    } else {
                        4.5
                    };
                    assert!(contrast >= needed, "{name}: {contrast:.1}:1");
                }
                Some(Color::Gray | Color::DarkGray | Color::LightYellow | Color::Yellow) => {
                    panic!("{name}: an ANSI colour a light terminal may draw pale")
                }
                Some(Color::White) => assert!(
                    style.bg.is_some(),
                    "{name}: white on the terminal's own white"
                ),
                _ => {}
            }
        }
    }
}
