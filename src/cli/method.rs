//! The method's own commands: what is up next, whether a shipped feature
//! worked (its outcome check), and notes in the change log.

use super::Session;
use std::io::Write;

use super::{CliError, CliResult, Command, RoadmapCommand};
use crate::domain::command::Command as Change;
use crate::domain::header::RoadmapHeader;

pub(super) fn run(s: &mut Session, command: &Command, out: &mut dyn Write) -> CliResult {
    let cli = s.cli;
    match command {
        Command::Next { key, clear, why } => {
            let store = s.file.open(cli)?;
            if key.is_none() && !*clear {
                match store.load()?.up_next() {
                    Some(f) => writeln!(out, "{} is up next", f.label())?,
                    None => writeln!(out, "nothing is up next: choose with `roadboard next KEY`")?,
                }
            } else {
                let (key, why) = (*key, why.clone());
                let next = Change::SetUpNext { key, why };
                writeln!(out, "{}", store.apply(&next, cli.today())?.summary)?;
            }
        }
        Command::Outcome { .. } => outcome(s, command, out)?,
        Command::Undo { change } => {
            let store = s.file.open(cli)?;
            let entry = match change {
                Some(text) => text.trim().trim_start_matches('#').parse::<i64>().map_err(|_| {
                    CliError::Input(format!(
                        "`{text}` is not a change's number (as `roadboard log` shows it, e.g. #12)"
                    ))
                })?,
                None => store.newest_undoable()?.ok_or_else(|| {
                    CliError::Input("nothing to undo: no change stands that can be taken back".into())
                })?,
            };
            let undo = Change::Undo { entry };
            writeln!(out, "{}", store.apply(&undo, cli.today())?.summary)?;
        }
        Command::Note { text, why, feature } => {
            let store = s.file.open(cli)?;
            let note = Change::AddNote {
                what: text.clone(),
                why: why.clone(),
                feature: *feature,
            };
            writeln!(out, "{}", store.apply(&note, cli.today())?.summary)?;
        }
        Command::Learning { json } => {
            let roadmap = s.file.open(cli)?.load()?;
            let learning = crate::domain::outcome::learning(&roadmap);
            if *json {
                serde_json::to_writer_pretty(&mut *out, &learning).map_err(std::io::Error::from)?;
                writeln!(out)?;
            } else if learning.outcomes.is_empty() {
                writeln!(
                    out,
                    "no outcome checked yet: `roadboard outcome KEY --hit` records one"
                )?;
            } else {
                let rates = |rates: &[crate::domain::outcome::HitRate]| {
                    rates
                        .iter()
                        .map(|r| r.describe())
                        .collect::<Vec<_>>()
                        .join(" · ")
                };
                writeln!(out, "by phase:   {}", rates(&learning.by_phase))?;
                writeln!(out, "by quarter: {}", rates(&learning.by_quarter))?;
                for learned in &learning.outcomes {
                    writeln!(out, "{}", learned.line())?;
                }
            }
        }
        Command::Roadmap { action } => roadmap(s, action.as_ref(), out)?,
        _ => unreachable!("only the method's commands come here"),
    }
    Ok(())
}

fn roadmap(s: &mut Session, action: Option<&RoadmapCommand>, out: &mut dyn Write) -> CliResult {
    let cli = s.cli;
    let store = s.file.open(cli)?;
    let json = match action {
        Some(RoadmapCommand::Edit {
            name,
            horizon,
            philosophy,
            review_day,
        }) => {
            let edit = crate::domain::RoadmapEdit {
                name: name.clone(),
                horizon: horizon.clone(),
                philosophy: philosophy.clone(),
                review_day: *review_day,
            };
            let change = Change::EditRoadmap(edit);
            writeln!(out, "{}", store.apply(&change, cli.today())?.summary)?;
            return Ok(());
        }
        Some(RoadmapCommand::Show { json }) => *json,
        None => false,
    };
    let roadmap = store.load_focus()?;
    let today = cli.today();
    let review_day = cli
        .load_config()
        .0
        .review_day
        .unwrap_or(roadmap.info.review_day);
    let last = store.log(&crate::store::LogFilter {
        limit: Some(1),
        ..Default::default()
    })?;
    let header = RoadmapHeader::of(&roadmap, today, review_day, last.first().map(|e| e.at));
    if json {
        serde_json::to_writer_pretty(&mut *out, &header).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{}", header.name)?;
    for (label, value) in header.rows() {
        writeln!(out, "{:<14}{value}", format!("{label}:"))?;
    }
    if !header.philosophy.is_empty() {
        writeln!(out, "\n{}", header.philosophy)?;
    }
    Ok(())
}

/// The key of the feature up next, or why there is none.
pub(super) fn up_next(s: &mut Session) -> CliResult<crate::domain::FeatureKey> {
    let cli = s.cli;
    let roadmap = s.file.open(cli)?.load()?;
    roadmap.up_next().map(|f| f.key).ok_or_else(|| {
        CliError::Input(
            "nothing is up next: choose it with `roadboard next KEY`, or name the feature to start"
                .into(),
        )
    })
}

/// `roadboard outcome KEY --hit|--partly|--missed|--too-early`, or
/// `--check DATE` to move the check.
fn outcome(s: &mut Session, command: &Command, out: &mut dyn Write) -> CliResult {
    let cli = s.cli;
    let today = cli.today();
    let date = |text: &str| super::date_arg(text, today);
    let Command::Outcome {
        key,
        hit,
        partly,
        missed,
        too_early,
        value,
        note,
        again,
        check,
    } = command
    else {
        unreachable!("only `outcome` comes here")
    };
    use crate::domain::outcome::OutcomeResult;
    let store = s.file.open(cli)?;
    let result = [
        (*hit, OutcomeResult::Hit),
        (*partly, OutcomeResult::Partly),
        (*missed, OutcomeResult::Missed),
        (*too_early, OutcomeResult::TooEarly),
    ]
    .into_iter()
    .find_map(|(given, result)| given.then_some(result));
    let change = match (result, check) {
        (_, Some(when)) => Change::SetOutcomeCheck {
            key: *key,
            on: date(when)?,
        },
        (Some(result), None) => {
            let days = cli.load_config().0.outcome_after_days;
            let again_on = match again {
                Some(when) => Some(date(when)?),
                None => Some(today + chrono::Days::new(days as u64)),
            };
            let record = crate::store::OutcomeRecord {
                result,
                value: value.clone(),
                note: note.clone(),
                date: today,
                again_on,
            };
            Change::RecordOutcome { key: *key, record }
        }
        (None, None) => {
            return Err(CliError::Input(
                "say what the check found: --hit, --partly, --missed or --too-early (or move it with --check DATE)".into(),
            ));
        }
    };
    writeln!(out, "{}", store.apply(&change, today)?.summary)?;
    Ok(())
}
