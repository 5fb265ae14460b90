//! `roadboard sync …`: the roadmap on two machines through a git remote.

use std::io::Write;

use super::{CliError, CliResult, Session, SyncArgs, SyncCommand, write_json};
use crate::domain::sync::merge::{Resolutions, Take};
use crate::local::{self, LocalError};
use crate::sync::{Run, SyncError, status, sync};

impl From<LocalError> for CliError {
    fn from(error: LocalError) -> Self {
        CliError::Input(error.to_string())
    }
}

pub(super) fn run(s: &mut Session, args: &SyncArgs, out: &mut dyn Write) -> CliResult {
    let cli = s.cli;
    match &args.command {
        Some(SyncCommand::Setup {
            remote,
            branch,
            machine,
        }) => {
            refuse_option_like("remote", remote)?;
            refuse_option_like("branch", branch)?;
            if branch.trim().is_empty() || branch.contains(char::is_whitespace) {
                return Err(CliError::Input(format!(
                    "branch \"{branch}\" is not a branch name: give one word, e.g. roadboard"
                )));
            }
            if let Some(machine) = machine {
                local::set_machine(machine)?;
            }
            let path = cli.db_path(true)?;
            let store = s.file.open_or_create(cli)?;
            let place = local::set_sync(&path, remote, branch)?;
            let run = Run {
                resolutions: &Resolutions::default(),
                today: cli.today(),
                unattended: false,
            };
            let synced = sync(store, &place, run)?;
            writeln!(
                out,
                "{} syncs with {} ({})",
                path.display(),
                crate::sync::shown_remote(remote),
                branch
            )?;
            writeln!(out, "{}", synced.sentence(&place))?;
        }
        Some(SyncCommand::Status { json }) => {
            let place = place_of(s)?;
            let state = status(s.file.open_to_read(cli)?, &place)?;
            if *json {
                return write_json(out, &state);
            }
            writeln!(out, "{}", state.sentence())?;
        }
        None => {
            let place = place_of(s)?;
            let resolutions = resolutions(args)?;
            let store = s.file.open(cli)?;
            let run = Run {
                resolutions: &resolutions,
                today: cli.today(),
                unattended: false,
            };
            let synced = sync(store, &place, run)?;
            if args.json {
                return write_json(out, &synced);
            }
            writeln!(out, "{}", synced.sentence(&place))?;
        }
    }
    Ok(())
}

/// Where this file syncs, set up on this machine.
fn place_of(s: &Session) -> CliResult<local::SyncPlace> {
    let path = s.cli.db_path(false)?;
    local::sync_of(&path)?.ok_or_else(|| SyncError::NotSetUp.into())
}

/// A value git would read as an option of its own.
fn refuse_option_like(what: &str, value: &str) -> CliResult {
    if value.starts_with('-') {
        return Err(CliError::Input(format!(
            "{what} \"{value}\" starts with '-': git would read it as an option"
        )));
    }
    Ok(())
}

fn resolutions(args: &SyncArgs) -> CliResult<Resolutions> {
    let all = match (args.ours, args.theirs) {
        (true, _) => Some(Take::Ours),
        (_, true) => Some(Take::Theirs),
        _ => None,
    };
    let mut each = std::collections::BTreeMap::new();
    for given in &args.take {
        let (name, side) = given.split_once('=').ok_or_else(|| {
            CliError::Input(format!(
                "--take {given}: write the conflict's name, '=' and ours or theirs (F12.title=theirs)"
            ))
        })?;
        let side: Take = side
            .parse()
            .map_err(|error| CliError::Input(format!("--take {given}: {error}")))?;
        each.insert(name.trim().to_owned(), side);
    }
    Ok(Resolutions { all, each })
}
