//! What a feature waits on: dependencies and blockers.

use super::Session;
use std::io::Write;

use super::{CliError, CliResult, Command};
use crate::domain::command::Command as Change;

/// Runs one of `depend`, `block`, `unblock`.
pub(super) fn run(s: &mut Session, command: &Command, out: &mut dyn Write) -> CliResult {
    let cli = s.cli;
    let today = cli.today();
    let date = |text: &str| super::date_arg(text, today);
    let optional_date = |text: &Option<String>| text.as_deref().map(date).transpose();
    match command {
        Command::Depend { key, on, remove } => {
            let store = s.file.open(cli)?;
            let (key, on) = (*key, *on);
            let change = if *remove {
                Change::RemoveDependency { key, on }
            } else {
                Change::AddDependency { key, on }
            };
            writeln!(out, "{}", store.apply(&change, today)?.summary)?;
        }
        Command::Block {
            key,
            on,
            eta,
            mitigation,
            upcoming,
        } => {
            let store = s.file.open(cli)?;
            let change = if *upcoming {
                if eta.is_some() {
                    return Err(CliError::Input(
                        "--eta: a blocker ahead blocks nothing yet, so it has no ETA".into(),
                    ));
                }
                Change::AddUpcomingBlocker {
                    key: Some(*key),
                    what: on.clone(),
                    mitigation: mitigation.clone(),
                }
            } else {
                Change::AddBlocker {
                    key: *key,
                    waiting_for: on.clone(),
                    eta: optional_date(eta)?,
                    mitigation: mitigation.clone(),
                }
            };
            writeln!(out, "{}", store.apply(&change, today)?.summary)?;
        }
        Command::Unblock { key } => {
            let store = s.file.open(cli)?;
            let unblocked = store.apply(&Change::ResolveBlockers { key: *key }, today)?;
            writeln!(out, "{}", unblocked.summary)?;
        }
        _ => unreachable!("only these commands come here"),
    }
    Ok(())
}
