//! Capturing work: a new roadmap, features, parked ideas, customer requests.

use super::Session;
use std::io::Write;

use super::{CliResult, Command};
use crate::domain::command::Command as Change;
use crate::domain::{FeatureFields, NewFeature};
use crate::example;

/// Runs one of `init`, `add`, `park`, `request`.
pub(super) fn run(s: &mut Session, command: &Command, out: &mut dyn Write) -> CliResult {
    let cli = s.cli;
    let today = cli.today();
    let date = |text: &str| super::date_arg(text, today);
    let optional_date = |text: &Option<String>| text.as_deref().map(date).transpose();
    match command {
        Command::Init {
            name,
            horizon,
            example,
        } => {
            let store = s.file.open_or_create(cli)?;
            let info = if *example {
                example::build(store, today)?
            } else {
                store.init(name, horizon)?
            };
            writeln!(
                out,
                "created roadmap \"{}\" in {}",
                info.name,
                store.path().display()
            )?;
        }
        Command::Add(args) => {
            let store = s.file.open(cli)?;
            let phase = args
                .phase
                .as_deref()
                .map(|p| store.resolve_phase(p))
                .transpose()?;
            let new = NewFeature {
                fields: FeatureFields {
                    title: args.title.clone(),
                    description: args.description.clone(),
                    why: args.why.clone(),
                    metric: args.metric.clone(),
                    priority: args.priority,
                    moscow: args.moscow,
                    target: optional_date(&args.target)?,
                    owner: args.owner.clone(),
                    ..FeatureFields::default()
                },
                phase: phase.as_ref().map(|p| p.id),
                depends_on: args.depends_on.clone(),
                created: Some(today),
                private: args.private,
            };
            let added = store.apply(&Change::AddFeature(new), today)?;
            writeln!(out, "{}", added.summary)?;
        }
        Command::Park { text, why } => {
            let store = s.file.open(cli)?;
            let new = NewFeature {
                fields: FeatureFields {
                    title: text.clone(),
                    why_interesting: why.clone(),
                    ..FeatureFields::default()
                },
                created: Some(today),
                ..NewFeature::default()
            };
            let parked = store.apply(&Change::AddFeature(new), today)?;
            writeln!(out, "{}", parked.summary)?;
        }
        Command::Request { text, by, priority } => {
            let store = s.file.open(cli)?;
            let (text, by, priority) = (text.clone(), by.clone(), *priority);
            let request = Change::AddRequest { text, by, priority };
            writeln!(out, "{}", store.apply(&request, today)?.summary)?;
        }
        _ => unreachable!("only these commands come here"),
    }
    Ok(())
}
