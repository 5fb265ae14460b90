//! The optional `config.toml` in the platform config dir. A bad key never
//! stops anything: each problem is reported with its line and key, and
//! every good key still applies.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::Weekday;

use crate::app::Keymap;
use crate::domain::public::PublishSettings;
use crate::ui::Theme;

/// The settings the board runs with.
#[derive(Debug, Clone)]
pub struct Config {
    pub review_day: Option<Weekday>,
    pub theme: Theme,
    pub author: Option<String>,
    pub keymap: Keymap,
    /// `None`: the built-in default.
    pub default_velocity: Option<i64>,
    pub mouse: bool,
    /// Days from shipping to a feature's outcome check.
    pub outcome_after_days: i64,
    /// `[publish]`: what the public roadmap shows.
    pub publish: PublishSettings,
    /// `[publish] dir`: where the board and the CLI republish after a change.
    pub publish_dir: Option<PathBuf>,
    /// `[git]`: the repository whose commits show on the cards.
    pub git: GitSettings,
    /// `[sync]`: when the board syncs a file set up to sync.
    pub sync: SyncSettings,
}

/// `[sync] on_open = true` (sync when the board opens) and
/// `after_quiet_minutes = 10` (sync once changes have rested that long; 0:
/// only on `Y`).
#[derive(Debug, Clone, PartialEq)]
pub struct SyncSettings {
    pub on_open: bool,
    pub after_quiet: Option<std::time::Duration>,
}

impl Default for SyncSettings {
    fn default() -> Self {
        SyncSettings {
            on_open: true,
            after_quiet: Some(std::time::Duration::from_secs(10 * 60)),
        }
    }
}

/// `[git] repo = PATH` (else the folder roadboard runs in) and `[git] keys =
/// "F{n}"` (how commit messages write a feature's key).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GitSettings {
    pub repo: Option<PathBuf>,
    pub keys: crate::domain::commits::KeyPattern,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            review_day: None,
            theme: Theme::default(),
            author: None,
            keymap: Keymap::default(),
            default_velocity: None,
            mouse: true,
            outcome_after_days: crate::domain::outcome::DEFAULT_OUTCOME_DAYS,
            publish: PublishSettings::default(),
            publish_dir: None,
            git: GitSettings::default(),
            sync: SyncSettings::default(),
        }
    }
}

pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "roadboard").map(|d| d.config_dir().join("config.toml"))
}

/// Reads `path`; a missing file is the defaults. Every problem comes back
/// as one message naming the file, the line and the key.
pub fn load(path: &Path) -> (Config, Vec<String>) {
    // A FIFO or a device would block every command (`status` runs in shell
    // prompts) or never end.
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return (
            Config::default(),
            vec![format!(
                "{} is not a regular file; using defaults",
                path.display()
            )],
        );
    }
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let (config, problems) = parse(&text);
            let problems = problems
                .into_iter()
                .map(|problem| format!("{}: {problem}", path.display()))
                .collect();
            (config, problems)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => (Config::default(), vec![]),
        Err(error) => (
            Config::default(),
            vec![format!(
                "cannot read {}: {error}; using defaults",
                path.display()
            )],
        ),
    }
}

/// Parses the text of a config file: the settings of every good key, and a
/// message per bad one (`line 3: theme: ...`).
pub fn parse(text: &str) -> (Config, Vec<String>) {
    let mut config = Config::default();
    let table: toml::Table = match toml::from_str(text) {
        Ok(table) => table,
        Err(error) => {
            let line = error
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let message = error.message().trim().to_owned();
            let problem = match line {
                Some(line) => format!("line {line}: {message}; using defaults"),
                None => format!("{message}; using defaults"),
            };
            return (config, vec![problem]);
        }
    };
    let line_of = |key: &str| {
        text.lines()
            .position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map_or(String::new(), |i| format!("line {}: ", i + 1))
    };
    let mut problems = Vec::new();
    let mut date_format = None;
    for (key, value) in &table {
        if let Err(message) = apply(&mut config, &mut date_format, key, value) {
            // A table's problem names its inner key's line.
            let at = if ["keys", "publish", "git", "sync"].contains(&key.as_str()) {
                message
                    .strip_prefix(&format!("{key}."))
                    .and_then(|m| m.split(':').next())
                    .map_or(String::new(), line_of)
            } else {
                line_of(key)
            };
            problems.push(format!("{at}{message}"));
        }
    }
    if let Some(format) = date_format {
        config.theme.date_format = format;
    }
    (config, problems)
}

/// Applies one top-level key to `config`, or says what is wrong with it.
fn apply(
    config: &mut Config,
    date_format: &mut Option<String>,
    key: &str,
    value: &toml::Value,
) -> Result<(), String> {
    let text = || {
        value
            .as_str()
            .ok_or_else(|| format!("{key}: expected a string in quotes"))
    };
    let flag = || {
        value
            .as_bool()
            .ok_or_else(|| format!("{key}: expected true or false"))
    };
    match key {
        "review_day" => {
            let day = text()?;
            config.review_day = Some(
                crate::domain::dates::parse_weekday(day)
                    .map_err(|message| format!("review_day: {message}"))?,
            );
        }
        "theme" => {
            let name = text()?;
            let date_format = config.theme.date_format.clone();
            let ascii = config.theme.ascii;
            config.theme = Theme::by_name(name)
                .ok_or_else(|| format!("theme: `{name}` is not a theme (dark or light)"))?;
            config.theme.date_format = date_format;
            config.theme.ascii = ascii;
        }
        "date_format" => *date_format = Some(check_date_format(text()?)?),
        "author" => config.author = Some(text()?.trim().to_owned()).filter(|a| !a.is_empty()),
        "ascii" => config.theme.ascii = flag()?,
        "mouse" => config.mouse = flag()?,
        "default_velocity_days" => {
            let days = value
                .as_integer()
                .ok_or_else(|| format!("{key}: expected a number of days"))?;
            config.default_velocity =
                Some(crate::domain::check_velocity_days(days).map_err(|e| format!("{key}: {e}"))?);
        }
        "outcome_after_days" => {
            config.outcome_after_days = value
                .as_integer()
                .filter(|d| (0..=365).contains(d))
                .ok_or_else(|| format!("{key}: expected a number of days from 0 to 365"))?;
        }
        "mirror" => {
            return Err("mirror: the mirror now belongs to the roadmap file; run `roadboard mirror set PATH` once and remove this line".into());
        }
        "keys" => {
            let keys = value
                .as_table()
                .ok_or_else(|| "keys: expected a table ([keys])".to_owned())?;
            let overrides = key_overrides(keys)?;
            let (keymap, problems) = Keymap::with_overrides(&overrides);
            config.keymap = keymap;
            if !problems.is_empty() {
                return Err(problems.join("\n"));
            }
        }
        "publish" => {
            let table = value
                .as_table()
                .ok_or_else(|| "publish: expected a table ([publish])".to_owned())?;
            for (name, value) in table {
                apply_publish(config, name, value).map_err(|e| format!("publish.{name}: {e}"))?;
            }
        }
        "git" => {
            let table = value
                .as_table()
                .ok_or_else(|| "git: expected a table ([git])".to_owned())?;
            for (name, value) in table {
                let text = value
                    .as_str()
                    .ok_or_else(|| format!("git.{name}: expected a string in quotes"))?;
                match name.as_str() {
                    "repo" => config.git.repo = Some(home_relative(text)),
                    "keys" => {
                        config.git.keys = crate::domain::commits::KeyPattern::parse(text)
                            .map_err(|e| format!("git.keys: {e}"))?;
                    }
                    other => return Err(format!("git.{other}: unknown key (repo or keys)")),
                }
            }
        }
        "sync" => {
            let table = value
                .as_table()
                .ok_or_else(|| "sync: expected a table ([sync])".to_owned())?;
            for (name, value) in table {
                match name.as_str() {
                    "on_open" => {
                        config.sync.on_open = value
                            .as_bool()
                            .ok_or("sync.on_open: expected true or false")?;
                    }
                    "after_quiet_minutes" => {
                        let minutes = value
                            .as_integer()
                            .filter(|m| (0..=24 * 60).contains(m))
                            .ok_or(
                                "sync.after_quiet_minutes: expected minutes from 0 (never) to 1440",
                            )?;
                        config.sync.after_quiet = (minutes > 0)
                            .then(|| std::time::Duration::from_secs(minutes as u64 * 60));
                    }
                    other => {
                        return Err(format!(
                            "sync.{other}: unknown key (on_open or after_quiet_minutes)"
                        ));
                    }
                }
            }
        }
        other => return Err(format!("unknown key `{other}`")),
    }
    Ok(())
}

/// One key of `[publish]`.
fn apply_publish(config: &mut Config, key: &str, value: &toml::Value) -> Result<(), String> {
    let text = || {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or("expected a string in quotes")
    };
    let flag = || value.as_bool().ok_or("expected true or false");
    let publish = &mut config.publish;
    match key {
        "title" => publish.title = Some(text()?),
        "description" => publish.description = Some(text()?),
        "show_dates" => publish.show_dates = flag()?,
        "show_requester_counts" => publish.show_requester_counts = flag()?,
        "show_requesters" => publish.show_requesters = flag()?,
        "base_url" => {
            let url = text()?;
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(format!("`{url}` is not an http(s) address"));
            }
            publish.base_url = Some(url.trim_end_matches('/').to_owned());
        }
        "phases" => {
            let list = value
                .as_array()
                .ok_or("expected a list of phase names or numbers")?;
            publish.phases = list
                .iter()
                .map(|v| match v {
                    toml::Value::String(name) => Ok(name.clone()),
                    toml::Value::Integer(n) => Ok(n.to_string()),
                    _ => Err("expected a list of phase names or numbers".to_owned()),
                })
                .collect::<Result<_, _>>()?;
        }
        "dir" => config.publish_dir = Some(home_relative(&text()?)),
        other => return Err(format!("unknown key `{other}`")),
    }
    Ok(())
}

/// `~/x` under the home directory; any other path as written (paths in
/// the config and typed on the board).
pub fn home_relative(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(path),
    }
}

/// chrono reports a bad format only when formatting: try it once here.
fn check_date_format(format: &str) -> Result<String, String> {
    use std::fmt::Write as _;
    let mut probe = String::new();
    let sample = chrono::NaiveDate::from_ymd_opt(2026, 1, 2).expect("valid date");
    write!(
        probe,
        "{}",
        sample.format_with_items(chrono::format::StrftimeItems::new(format))
    )
    .map_err(|_| format!("date_format: `{format}` is not a date format (e.g. %b %d)"))?;
    Ok(format.to_owned())
}

/// `[keys]` as `action → key` (the board's) and `[keys.parking]` tables
/// as `parking.action → key`.
fn key_overrides(keys: &toml::Table) -> Result<BTreeMap<String, String>, String> {
    let mut overrides = BTreeMap::new();
    for (name, value) in keys {
        match value {
            toml::Value::String(key) => {
                overrides.insert(name.clone(), key.clone());
            }
            toml::Value::Table(table) => {
                for (action, key) in table {
                    let key = key
                        .as_str()
                        .ok_or_else(|| format!("keys.{name}.{action}: expected a key in quotes"))?;
                    overrides.insert(format!("{name}.{action}"), key.to_owned());
                }
            }
            _ => return Err(format!("keys.{name}: expected a key in quotes or a table")),
        }
    }
    Ok(overrides)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        parse(text).1
    }

    #[test]
    fn a_good_file_sets_everything() {
        let (config, problems) = parse(
            "review_day = \"thursday\"\ntheme = \"light\"\nauthor = \"Ada\"\ndate_format = \"%d/%m\"\nascii = true\n[keys]\nstart = \"a\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.review_day, Some(Weekday::Thu));
        assert_eq!(config.theme.date_format, "%d/%m");
        assert!(config.theme.ascii);
        assert_eq!(config.author.as_deref(), Some("Ada"));
    }

    #[test]
    fn the_publish_table_sets_what_is_public_and_names_its_problems() {
        let (config, found) = parse(
            "[publish]\ntitle = \"Acme\"\nphases = [\"MVP\", 2]\nshow_dates = false\nbase_url = \"https://acme.example/rm/\"\ndir = \"site\"\n",
        );
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(config.publish.title.as_deref(), Some("Acme"));
        assert_eq!(config.publish.phases, ["MVP", "2"]);
        assert!(!config.publish.show_dates);
        assert_eq!(
            config.publish.base_url.as_deref(),
            Some("https://acme.example/rm")
        );
        assert_eq!(config.publish_dir, Some(PathBuf::from("site")));
        assert_eq!(
            problems("[publish]\ntitle = \"x\"\nbase_url = \"ftp://x\"\n"),
            ["line 3: publish.base_url: `ftp://x` is not an http(s) address"]
        );
    }

    #[test]
    fn problems_name_the_line_and_the_key() {
        assert_eq!(
            problems("theme = \"dark\"\ncolour = \"red\"\n"),
            ["line 2: unknown key `colour`"]
        );
        assert_eq!(
            problems("\nreview_day = \"someday\"\n"),
            [
                "line 2: review_day: `someday` is not a day of the week (monday … sunday, or mon … sun)"
            ]
        );
        assert_eq!(
            problems("theme = \"neon\"\n"),
            ["line 1: theme: `neon` is not a theme (dark or light)"]
        );
        assert!(problems("[keys]\nstart = \"S\"\n")[0].contains("key S is bound twice"));
        assert!(
            problems("[keys]\nfly = \"z\"\n")[0].starts_with("line 2: keys.fly: unknown action")
        );
        assert!(problems("review_day = ")[0].starts_with("line 1:"));
        assert!(problems("mirror = \"ROADMAP.md\"\n")[0].contains("roadboard mirror set"));
    }

    #[test]
    fn every_screen_has_keys_of_its_own() {
        let (config, problems) = parse(
            "[keys]\nstart = \"a\"\n[keys.parking]\nswitch_list = \"<Ctrl-t>\"\n[keys.prompt]\nsubmit = \"F6\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let key = |context, action| config.keymap.key_for_in(context, &action);
        use crate::app::{Action, keymap::Context};
        assert_eq!(
            key(Context::Parking, Action::SwitchList).as_deref(),
            Some("Ctrl-t")
        );
        assert_eq!(
            key(Context::Tracks, Action::SwitchList).as_deref(),
            Some("Tab"),
            "only there"
        );
        assert_eq!(key(Context::Prompt, Action::Submit).as_deref(), Some("F6"));
        assert!(problems_of("[keys.lobby]\nback = \"x\"\n").contains("unknown screen `lobby`"),);
    }

    fn problems_of(text: &str) -> String {
        parse(text).1.join("\n")
    }

    #[test]
    fn every_problem_is_reported_and_every_good_key_applies() {
        let (config, problems) = parse(
            "theme = \"neon\"\nauthor = \"Ada\"\ndefault_velocity_days = 900\nmouse = false\n[keys]\nfly = \"z\"\nstart = \"a\"\n",
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(config.author.as_deref(), Some("Ada"));
        assert!(!config.mouse);
        assert_eq!(config.default_velocity, None);
        let a = ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Char('a'),
        );
        assert!(
            config
                .keymap
                .action(crate::app::Context::Board, None, &a)
                .is_some()
        );
    }

    #[test]
    fn a_missing_file_is_the_defaults_and_a_bad_one_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let (_, problems) = load(&dir.path().join("none.toml"));
        assert!(problems.is_empty());
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "theme = 3\n").unwrap();
        let (config, problems) = load(&path);
        assert!(problems[0].contains("line 1"), "{problems:?}");
        assert_eq!(config.theme, Theme::default());
    }
}
