//! The optional `config.toml` in the platform config dir. A bad file never
//! stops the board: the message names the key and line, defaults apply.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Weekday;
use serde::Deserialize;

use crate::app::Keymap;
use crate::ui::Theme;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// The weekday of the weekly review, e.g. "friday".
    review_day: Option<String>,
    /// A chrono format for dates on cards and columns, e.g. "%d/%m".
    date_format: Option<String>,
    /// "dark" (default) or "light".
    theme: Option<String>,
    /// The name the change log records.
    author: Option<String>,
    /// Plain ASCII Gantt bars instead of block characters.
    ascii: Option<bool>,
    /// Days from start to ship the forecast assumes before three features shipped.
    default_velocity_days: Option<i64>,
    /// A Markdown file rewritten after every change (relative: to the
    /// current directory).
    mirror: Option<PathBuf>,
    /// Clicks select cards and the wheel scrolls (default true).
    mouse: Option<bool>,
    /// Action name → key, e.g. `start = "a"`.
    #[serde(default)]
    keys: BTreeMap<String, String>,
}

/// The settings the board runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub review_day: Option<Weekday>,
    pub theme: Theme,
    pub author: Option<String>,
    pub keymap: Keymap,
    /// `None`: the built-in default.
    pub default_velocity: Option<i64>,
    pub mirror: Option<PathBuf>,
    pub mouse: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            review_day: None,
            theme: Theme::default(),
            author: None,
            keymap: Keymap::default(),
            default_velocity: None,
            mirror: None,
            mouse: true,
        }
    }
}

pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "roadboard").map(|d| d.config_dir().join("config.toml"))
}

/// Reads `path`; a missing file is the defaults. On any error the defaults
/// come back with the message to show.
pub fn load(path: &Path) -> (Config, Option<String>) {
    match std::fs::read_to_string(path) {
        Ok(text) => match parse(&text) {
            Ok(config) => (config, None),
            Err(message) => (
                Config::default(),
                Some(format!("{}: {message}; using defaults", path.display())),
            ),
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
        Err(error) => (
            Config::default(),
            Some(format!(
                "cannot read {}: {error}; using defaults",
                path.display()
            )),
        ),
    }
}

/// Parses the text of a config file; errors say the line and the key.
pub fn parse(text: &str) -> Result<Config, String> {
    let file: File = toml::from_str(text).map_err(|error| {
        let line = error
            .span()
            .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        let message = error.message().trim().to_owned();
        match line {
            Some(line) => format!("line {line}: {message}"),
            None => message,
        }
    })?;
    let line_of = |key: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(key))
            .map_or(String::new(), |i| format!("line {}: ", i + 1))
    };
    let review_day = file
        .review_day
        .map(|day| {
            day.parse::<Weekday>().map_err(|_| {
                format!(
                    "{}review_day: `{day}` is not a weekday (e.g. friday)",
                    line_of("review_day")
                )
            })
        })
        .transpose()?;
    let mut theme = match &file.theme {
        None => Theme::default(),
        Some(name) => Theme::by_name(name).ok_or_else(|| {
            format!(
                "{}theme: `{name}` is not a theme (dark or light)",
                line_of("theme")
            )
        })?,
    };
    if let Some(format) = file.date_format {
        // chrono reports a bad format only when formatting; try it once here.
        let mut probe = String::new();
        use std::fmt::Write as _;
        let sample = chrono::NaiveDate::from_ymd_opt(2026, 1, 2).expect("valid date");
        if write!(
            probe,
            "{}",
            sample.format_with_items(chrono::format::StrftimeItems::new(&format))
        )
        .is_err()
        {
            return Err(format!(
                "{}date_format: `{format}` is not a date format (e.g. %b %d)",
                line_of("date_format")
            ));
        }
        theme.date_format = format;
    }
    let keymap = Keymap::with_overrides(&file.keys).map_err(|message| {
        let key = message
            .split(':')
            .next()
            .unwrap_or_default()
            .trim_start_matches("keys.")
            .to_owned();
        format!("{}{message}", line_of(&key))
    })?;
    theme.ascii = file.ascii.unwrap_or(false);
    let default_velocity = match file.default_velocity_days {
        Some(days) if !(1..=365).contains(&days) => {
            return Err(format!(
                "{}default_velocity_days: {days} is out of range (1 to 365)",
                line_of("default_velocity_days")
            ));
        }
        days => days,
    };
    Ok(Config {
        mouse: file.mouse.unwrap_or(true),
        mirror: file.mirror.filter(|p| !p.as_os_str().is_empty()),
        default_velocity,
        review_day,
        theme,
        author: file.author.filter(|a| !a.trim().is_empty()),
        keymap,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_sets_everything() {
        let config = parse(
            "review_day = \"thursday\"\ntheme = \"light\"\nauthor = \"Ada\"\ndate_format = \"%d/%m\"\n[keys]\nstart = \"a\"\n",
        )
        .unwrap();
        assert_eq!(config.review_day, Some(Weekday::Thu));
        assert_eq!(config.theme.date_format, "%d/%m");
        assert_eq!(config.author.as_deref(), Some("Ada"));
    }

    #[test]
    fn errors_name_the_line_and_the_key() {
        let err = |text: &str| parse(text).unwrap_err();
        assert!(
            err("theme = \"dark\"\ncolour = \"red\"\n")
                .starts_with("line 2: unknown field `colour`"),
            "{}",
            err("theme = \"dark\"\ncolour = \"red\"\n")
        );
        assert_eq!(
            err("\nreview_day = \"someday\"\n"),
            "line 2: review_day: `someday` is not a weekday (e.g. friday)"
        );
        assert_eq!(
            err("theme = \"neon\"\n"),
            "line 1: theme: `neon` is not a theme (dark or light)"
        );
        assert!(err("[keys]\nstart = \"S\"\n").contains("key S is bound twice"));
        assert!(err("[keys]\nfly = \"z\"\n").starts_with("line 2: keys.fly: unknown action"));
        assert!(err("review_day = ").starts_with("line 1:"));
    }

    #[test]
    fn a_missing_file_is_the_defaults_and_a_bad_one_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let (_, message) = load(&dir.path().join("none.toml"));
        assert_eq!(message, None);
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "theme = 3\n").unwrap();
        let (config, message) = load(&path);
        assert!(message.unwrap().contains("line 1"));
        assert_eq!(config.theme, Theme::default());
    }
}
