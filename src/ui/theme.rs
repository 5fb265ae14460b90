//! Colours and styles, in one place; a dark default and a light theme.

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
            dim: Style::new().fg(Color::Gray),
            title: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Gray),
            focus_border: Style::new().fg(Color::Blue),
            selected: Style::new()
                .bg(Color::Rgb(210, 225, 250))
                .add_modifier(Modifier::BOLD),
            active_card: Style::new()
                .fg(Color::Rgb(160, 90, 0))
                .add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Rgb(160, 90, 0)),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            info: Style::new().fg(Color::Rgb(0, 120, 0)),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Black).bg(Color::Rgb(225, 225, 235)),
            bar_done: Style::new().fg(Color::Rgb(0, 140, 0)),
            bar_todo: Style::new().fg(Color::Gray),
            statuses: [
                Style::new().fg(Color::DarkGray),
                Style::new().fg(Color::Blue),
                Style::new()
                    .fg(Color::Rgb(160, 90, 0))
                    .add_modifier(Modifier::BOLD),
                Style::new().fg(Color::Magenta),
                Style::new().fg(Color::Rgb(0, 140, 0)),
                Style::new().fg(Color::Gray),
            ],
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
