//! `roadboard publish`: the public roadmap site, once or after every change.

use super::Session;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Cli, CliError, CliResult, UpdateFormat};
use crate::domain::dates::parse_date;
use crate::domain::public::public_roadmap;
use crate::interchange::publish::{publish, update_text};
use crate::store::Store;

/// Where the site goes: `-o DIR`, else the config's `[publish] dir`, else
/// `./roadmap-site`.
pub(super) fn site_dir(cli: &Cli, output: &Option<PathBuf>) -> PathBuf {
    output
        .clone()
        .or_else(|| cli.load_config().0.publish_dir.clone())
        .unwrap_or_else(|| PathBuf::from("roadmap-site"))
}

/// Writes the site from the store as it is now; returns the files.
fn publish_site(
    store: &Store,
    settings: &crate::domain::public::PublishSettings,
    dir: &Path,
    templates: Option<&Path>,
    today: NaiveDate,
) -> CliResult<Vec<PathBuf>> {
    let public = public_roadmap(&store.load()?, settings, today);
    publish(&public, dir, templates, Some(store.path())).map_err(|e| CliError::Input(e.to_string()))
}

pub(super) fn run(
    s: &mut Session,
    (output, templates, watch): (&Option<PathBuf>, &Option<PathBuf>, bool),
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let store = s.file.open(cli)?;
    let dir = site_dir(cli, output);
    let settings = &cli.load_config().0.publish;
    let templates = templates.as_deref();
    if watch {
        let what = format!("publishing {} to {}", store.path().display(), dir.display());
        let refresh =
            |store: &Store| publish_site(store, settings, &dir, templates, cli.today()).map(drop);
        return super::io::watch(store, &what, refresh, out);
    }
    let files = publish_site(store, settings, &dir, templates, cli.today())?;
    for file in files {
        writeln!(out, "wrote {}", file.display())?;
    }
    Ok(())
}

/// `roadboard update`: the stakeholder update, to standard output or a file.
pub(super) fn update(
    s: &mut Session,
    (since, format, output, templates): (
        &str,
        Option<UpdateFormat>,
        &Option<PathBuf>,
        &Option<PathBuf>,
    ),
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    // The file's extension picks the format: Markdown written into an
    // .html file would be read as HTML, tags of the roadmap's text and all.
    let named = output.as_deref().and_then(UpdateFormat::of_path);
    let format = match (format, named) {
        (Some(asked), Some(named)) if asked.extension() != named.extension() => {
            return Err(CliError::Input(format!(
                "--format {} does not fit {}: name a .{} file, or leave --format out",
                asked.extension(),
                output
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                asked.extension()
            )));
        }
        (Some(asked), _) => asked,
        (None, named) => named.unwrap_or(UpdateFormat::Md),
    };
    let store = s.file.open(cli)?;
    let text = update_text_of(store, cli, since, format, templates.as_deref())?;
    super::io::write_or_print(store, output.as_deref(), &text, out)
}

/// The update's text from the store as it is now.
fn update_text_of(
    store: &Store,
    cli: &Cli,
    since: &str,
    format: UpdateFormat,
    templates: Option<&Path>,
) -> CliResult<String> {
    let roadmap = store.load()?;
    let today = cli.today();
    let since = match since.trim() {
        "last-review" => None,
        when => {
            let day =
                parse_date(when, today).map_err(|e| CliError::Input(format!("--since: {e}")))?;
            if day > today {
                return Err(CliError::Input(format!(
                    "--since: {day} is after today ({today}); the update covers a period that has begun"
                )));
            }
            Some(day)
        }
    };
    let config = &cli.load_config().0;
    let velocity = config
        .default_velocity
        .unwrap_or(crate::app::state::DEFAULT_VELOCITY_DAYS);
    update_text(
        &roadmap,
        &config.publish,
        (since, today, velocity),
        format.extension(),
        templates,
    )
    .map_err(|e| CliError::Input(e.to_string()))
}
