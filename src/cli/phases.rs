//! `roadboard phase add|edit|list`.

use std::io::Write;

use chrono::NaiveDate;

use super::args::PhaseCommand;
use super::views::PhaseView;
use super::{Cli, CliResult, write_json};
use crate::store::{OpenMode, PhaseFields};

pub(super) fn run_phase(
    cli: &Cli,
    command: &PhaseCommand,
    out: &mut dyn Write,
    date: &dyn Fn(&str) -> CliResult<NaiveDate>,
) -> CliResult {
    let optional_date = |text: &Option<String>| text.as_deref().map(date).transpose();
    let mut store = cli.open(OpenMode::Existing)?;
    match command {
        PhaseCommand::Add {
            name,
            goal,
            start,
            end,
        } => {
            let start = optional_date(start)?;
            let phase = store.add_phase(&PhaseFields {
                name: name.clone(),
                goal: goal.clone(),
                start,
                end: end
                    .as_deref()
                    .map(|e| end_date(e, start, date))
                    .transpose()?,
                status: None,
            })?;
            writeln!(out, "added phase {} \"{}\"", phase.position, phase.name)?;
        }
        PhaseCommand::Edit {
            phase,
            name,
            goal,
            start,
            end,
            status,
        } => {
            let before = store.resolve_phase(phase)?;
            let start = if start.is_some() {
                optional_date(start)?
            } else {
                before.start
            };
            let fields = PhaseFields {
                name: name.clone().unwrap_or(before.name.clone()),
                goal: goal.clone().unwrap_or(before.goal.clone()),
                start,
                end: match end {
                    Some(end) => Some(end_date(end, start, date)?),
                    None => before.end,
                },
                status: status.or(Some(before.status)),
            };
            let after = store.edit_phase(before.id, &fields)?;
            writeln!(out, "updated phase \"{}\"", after.name)?;
        }
        PhaseCommand::List { json } => {
            let roadmap = store.load()?;
            let views: Vec<PhaseView> = roadmap
                .phases
                .iter()
                .enumerate()
                .map(|(index, phase)| PhaseView::new(&roadmap, phase, index + 1))
                .collect();
            if *json {
                write_json(out, &views)?;
            } else if views.is_empty() {
                writeln!(
                    out,
                    "no phases yet: add one with `roadboard phase add NAME`"
                )?;
            } else {
                for view in &views {
                    view.write(out)?;
                }
            }
        }
    }
    Ok(())
}

/// `--end +8w` counts from the phase's start when it has one, as a
/// founder means "eight weeks long"; other dates as everywhere.
fn end_date(
    text: &str,
    start: Option<NaiveDate>,
    date: &dyn Fn(&str) -> CliResult<NaiveDate>,
) -> CliResult<NaiveDate> {
    match start.filter(|_| text.trim_start().starts_with('+')) {
        Some(start) => crate::domain::dates::parse_date(text, start)
            .map_err(|e| super::CliError::Input(e.to_string())),
        None => date(text),
    }
}
