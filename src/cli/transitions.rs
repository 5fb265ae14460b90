//! Moving a feature through the method's states from the command line.

use super::Session;
use crate::domain::command::Command as Change;
use std::io::Write;

use super::{CliError, CliResult, Command, method};
use crate::domain::dates::parse_reconsider;
use crate::domain::*;

/// Runs one of `start`, `reopen`, `submit`, `defer`, `promote`.
pub(super) fn run(s: &mut Session, command: &Command, out: &mut dyn Write) -> CliResult {
    let cli = s.cli;
    let today = cli.today();
    match command {
        Command::Start {
            key,
            next,
            why,
            override_reason,
            branch,
        } => {
            let key = match key {
                Some(key) if !*next => *key,
                _ => method::up_next(s)?,
            };
            let args = overridable(why, override_reason);
            let repo = branch.then(|| super::git::repo(s.cli)).transpose()?;
            transition_command(s, key, Transition::Start, &args, out)?;
            if let Some(repo) = repo {
                super::git::branch_for(s, &repo, key, out)?;
            }
        }
        Command::Reopen {
            key,
            why,
            override_reason,
        } => {
            let args = overridable(why, override_reason);
            transition_command(s, *key, Transition::Reopen, &args, out)?;
        }
        Command::Submit(args)
        | Command::Rework(args)
        | Command::Ship(args)
        | Command::Pause(args)
        | Command::Drop(args)
        | Command::Revive(args) => {
            let transition = match command {
                Command::Submit(_) => Transition::Submit,
                Command::Rework(_) => Transition::Rework,
                Command::Ship(_) => Transition::Ship,
                Command::Pause(_) => Transition::Pause,
                Command::Drop(_) => Transition::Drop,
                _ => Transition::Revive,
            };
            let transition_args = TransitionArgs {
                reason: args.why.clone(),
                ..TransitionArgs::default()
            };
            transition_command(s, args.key, transition, &transition_args, out)?;
        }
        Command::Defer {
            key,
            why,
            reconsider,
        } => {
            let (reconsider_when, reconsider) =
                parse_reconsider(reconsider.as_deref().unwrap_or_default(), today)
                    .map_err(|e| CliError::Input(format!("--reconsider: {e}")))?;
            let args = TransitionArgs {
                reason: why.clone(),
                reconsider,
                reconsider_when,
                ..TransitionArgs::default()
            };
            transition_command(s, *key, Transition::Defer, &args, out)?;
        }
        Command::Promote { key, phase, why } => {
            let store = s.file.open(cli)?;
            let args = TransitionArgs {
                reason: why.clone(),
                phase: Some(store.resolve_phase(phase)?.id),
                ..TransitionArgs::default()
            };
            let promote = Change::Transition {
                key: *key,
                transition: Transition::Promote,
                args,
            };
            writeln!(out, "{}", store.apply(&promote, today)?.summary)?;
        }
        _ => unreachable!("only these commands come here"),
    }
    Ok(())
}

/// A transition's reason, and the reason to start despite unmet
/// dependencies.
fn overridable(why: &Option<String>, override_reason: &Option<String>) -> TransitionArgs {
    TransitionArgs {
        reason: why.clone(),
        override_reason: override_reason.clone(),
        ..TransitionArgs::default()
    }
}

fn transition_command(
    s: &mut Session,
    key: FeatureKey,
    transition: Transition,
    args: &TransitionArgs,
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let store = s.file.open(cli)?;
    let args = args.clone();
    let change = Change::Transition {
        key,
        transition,
        args,
    };
    writeln!(out, "{}", store.apply(&change, cli.today())?.summary)?;
    Ok(())
}
