//! `roadboard phase`, `milestone` and `criterion`: a phase and what says
//! it is done.

use super::Session;
use std::io::Write;

use chrono::NaiveDate;

use serde::Serialize;

use super::args::{CriterionCommand, MilestoneCommand, PhaseCommand};
use super::views::PhaseView;
use super::{CliError, CliResult, write_json};
use crate::domain::PhaseFields;
use crate::domain::command::Command as Change;
use crate::domain::{CriterionId, MilestoneId};

pub(super) fn run_phase(
    s: &mut Session,
    command: &PhaseCommand,
    out: &mut dyn Write,
    date: &dyn Fn(&str) -> CliResult<NaiveDate>,
) -> CliResult {
    let cli = s.cli;
    let optional_date = |text: &Option<String>| text.as_deref().map(date).transpose();
    let store = s.file.open(cli)?;
    match command {
        PhaseCommand::Add {
            name,
            goal,
            start,
            end,
        } => {
            let start = optional_date(start)?;
            let fields = PhaseFields {
                name: name.clone(),
                goal: goal.clone(),
                start,
                end: end
                    .as_deref()
                    .map(|e| end_date(e, start, date))
                    .transpose()?,
                status: None,
            };
            let added = store.apply(&Change::AddPhase(fields), cli.today())?;
            writeln!(out, "{}", added.summary)?;
        }
        PhaseCommand::Edit {
            phase,
            name,
            goal,
            start,
            end,
            status,
            why,
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
            let edit = Change::EditPhase {
                id: before.id,
                base: PhaseFields::of(&before),
                fields,
                why: why.clone().unwrap_or_default(),
            };
            writeln!(out, "{}", store.apply(&edit, cli.today())?.summary)?;
        }
        PhaseCommand::List { json } => {
            let roadmap = store.load()?;
            let views: Vec<PhaseView> = roadmap
                .phases
                .iter()
                .enumerate()
                .map(|(index, phase)| PhaseView::new(&roadmap, phase, index + 1))
                .collect();
            let empty = "no phases yet: add one with `roadboard phase add NAME`";
            write_list(out, *json, &views, empty, |out, view| Ok(view.write(out)?))?;
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

/// `M3` or `3` → 3 (`C3` for criteria): the number in an id as `phase list`
/// and `criterion list` show it.
fn id_number(text: &str, prefix: char, what: &str) -> CliResult<i64> {
    text.trim()
        .trim_start_matches([prefix, prefix.to_ascii_lowercase()])
        .parse()
        .map_err(|_| CliError::Input(format!("`{text}` is not a {what} id (e.g. {prefix}3)")))
}

pub(super) fn run_milestone(
    s: &mut Session,
    command: &MilestoneCommand,
    out: &mut dyn Write,
    date: &dyn Fn(&str) -> CliResult<NaiveDate>,
) -> CliResult {
    let cli = s.cli;
    let store = s.file.open(cli)?;
    match command {
        MilestoneCommand::Add {
            text,
            phase,
            target,
        } => {
            let phase = store.resolve_phase(phase)?;
            let target = target.as_deref().map(date).transpose()?;
            let add = Change::AddMilestone {
                phase: phase.id,
                text: text.clone(),
                target,
            };
            writeln!(out, "{}", store.apply(&add, cli.today())?.summary)?;
        }
        MilestoneCommand::Done { id, date: when } => {
            let id = MilestoneId(id_number(id, 'M', "milestone")?);
            let done = Change::SetMilestoneDone {
                id,
                done: Some(date(when)?),
            };
            writeln!(out, "{}", store.apply(&done, cli.today())?.summary)?;
        }
    }
    Ok(())
}

/// A success criterion as `criterion list --json` shows it.
#[derive(Serialize)]
struct CriterionView<'a> {
    id: String,
    phase: &'a str,
    text: &'a str,
    done: bool,
}

pub(super) fn run_criterion(
    s: &mut Session,
    command: &CriterionCommand,
    out: &mut dyn Write,
) -> CliResult {
    let cli = s.cli;
    let store = s.file.open(cli)?;
    let id = |text: &str| id_number(text, 'C', "success criterion").map(CriterionId);
    // The change log's sentence for the change, as the board says it.
    let mut said = |store: &mut crate::store::Store, change: &Change| -> CliResult {
        writeln!(out, "{}", store.apply(change, cli.today())?.summary)?;
        Ok(())
    };
    match command {
        CriterionCommand::Add { text, phase } => {
            let phase = store.resolve_phase(phase)?.id;
            let text = text.clone();
            said(store, &Change::AddCriterion { phase, text })?;
        }
        CriterionCommand::Check { id: which, undo } => {
            let (id, done) = (id(which)?, !undo);
            said(store, &Change::SetCriterionDone { id, done })?;
        }
        CriterionCommand::Edit { id: which, text } => {
            let (id, text) = (id(which)?, text.clone());
            said(store, &Change::EditCriterion { id, text })?;
        }
        CriterionCommand::Remove { id: which } => {
            said(store, &Change::RemoveCriterion { id: id(which)? })?;
        }
        CriterionCommand::Move {
            id: which,
            up,
            down,
        } => {
            if !up && !down {
                return Err(CliError::Input("say where: --up or --down".into()));
            }
            let (id, later) = (id(which)?, *down);
            said(store, &Change::MoveCriterion { id, later })?;
        }
        CriterionCommand::List { phase, json } => {
            let roadmap = store.load()?;
            let only = phase
                .as_deref()
                .map(|p| store.resolve_phase(p))
                .transpose()?;
            let views: Vec<CriterionView> = roadmap
                .phases
                .iter()
                .filter(|p| only.as_ref().is_none_or(|o| o.id == p.id))
                .flat_map(|p| {
                    roadmap
                        .criteria
                        .iter()
                        .filter(move |c| c.phase == p.id)
                        .map(move |c| CriterionView {
                            id: format!("C{}", c.id.0),
                            phase: &p.name,
                            text: &c.text,
                            done: c.done,
                        })
                })
                .collect();
            let empty =
                "no success criteria: add one with `roadboard criterion add TEXT --phase P`";
            write_list(out, *json, &views, empty, |out, v| {
                let mark = if v.done { "x" } else { " " };
                writeln!(out, "[{mark}] {:<4} {}  ({})", v.id, v.text, v.phase)?;
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// A list as JSON, or a line (or block) each, or what to do when it is
/// empty.
fn write_list<T: Serialize>(
    out: &mut dyn Write,
    json: bool,
    items: &[T],
    empty: &str,
    item: impl Fn(&mut dyn Write, &T) -> CliResult,
) -> CliResult {
    if json {
        return write_json(out, &items);
    }
    if items.is_empty() {
        writeln!(out, "{empty}")?;
    }
    for each in items {
        item(out, each)?;
    }
    Ok(())
}
