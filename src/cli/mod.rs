//! The command line: clap definitions and the headless subcommands, thin
//! over `domain` and `store`.

use std::io::Write;
use std::path::PathBuf;

use chrono::{Local, NaiveDate};
use serde::Serialize;

use crate::domain::dates::{parse_date, parse_reconsider};
use crate::domain::*;
use crate::example;
mod args;
pub(crate) mod edit;
mod io;
mod method;
mod phase_args;
mod phases;
mod publish;
pub(crate) mod views;
mod visible;

pub use args::*;

use crate::domain::text::visible;
pub use visible::Visible;

use views::{FeatureView, ForecastView, Lookup, one_line_status};

use crate::store::{FeatureFields, LogFilter, NewFeature, OpenMode, Store, StoreError};

/// A user-facing failure and the exit status it maps to.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Input(String),
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
    #[error(transparent)]
    File(#[from] crate::interchange::output::OutputError),
    /// The change was committed; only the mirror could not be rewritten.
    #[error("warning: the change is saved, but the mirror could not be rewritten: {0}")]
    MirrorBehind(String),
    /// The change was committed; only the config's publish directory
    /// could not be rewritten.
    #[error("warning: the change is saved, but the public roadmap could not be republished: {0}")]
    PublishBehind(String),
}

impl CliError {
    /// What to type, for refusals whose fix is a flag of the command line.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            CliError::Store(StoreError::Refused(Refusal::NeedsReason { .. })) => {
                Some("pass the reason with --why TEXT")
            }
            CliError::Store(StoreError::Refused(Refusal::UnmetDependencies { .. })) => {
                Some("to start anyway, pass --override REASON")
            }
            _ => None,
        }
    }

    /// The reader went away (`roadboard log | head`): not worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// 3 when the method refused (a script can tell a refusal from a
    /// failure), 4 when the change is saved but the mirror is behind (do not
    /// retry), 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Store(StoreError::Refused(_) | StoreError::Dependency(_)) => 3,
            CliError::MirrorBehind(_) | CliError::PublishBehind(_) => 4,
            _ => 1,
        }
    }
}

type CliResult<T = ()> = Result<T, CliError>;

/// The default file: `roadmap.db` in the platform data dir.
pub fn default_db_path() -> CliResult<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "roadboard").ok_or_else(|| {
        CliError::Input("cannot find a home directory for the data file; pass --db PATH".into())
    })?;
    Ok(dirs.data_dir().join("roadmap.db"))
}

impl Cli {
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| Local::now().date_naive())
    }

    /// The name the change log records: `--author`, else the config's.
    pub fn author_name(&self) -> String {
        self.author_name_or(self.load_config().0.author.as_deref())
    }

    /// `--author` / `ROADBOARD_AUTHOR`, else `configured`, else the login
    /// name (`$USER`, `$LOGNAME`, else the system's account name).
    pub fn author_name_or(&self, configured: Option<&str>) -> String {
        let login = || {
            ["USER", "LOGNAME"]
                .iter()
                .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
                .or_else(|| whoami::username().ok().filter(|v| !v.trim().is_empty()))
        };
        self.author
            .clone()
            .filter(|name| !name.trim().is_empty())
            .or_else(|| configured.map(str::to_owned))
            .or_else(login)
            .unwrap_or_else(|| "unknown".to_owned())
    }

    /// The file to open; the default one's directory is created on demand.
    pub fn db_path(&self, create_default_dir: bool) -> CliResult<PathBuf> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => {
                let path = default_db_path()?;
                if let Some(dir) = path.parent().filter(|_| create_default_dir) {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        CliError::Input(format!("cannot create {}: {e}", dir.display()))
                    })?;
                }
                Ok(path)
            }
        }
    }

    pub fn open(&self, mode: OpenMode) -> CliResult<Store> {
        self.open_as(mode, &self.author_name())
    }

    pub fn open_as(&self, mode: OpenMode, author: &str) -> CliResult<Store> {
        let path = self.db_path(mode == OpenMode::CreateIfMissing)?;
        Ok(Store::open(&path, mode, author)?)
    }

    /// `Some(what to do first)` when this invocation opens the board: no
    /// subcommand, or `review`.
    pub fn opens_board(&self) -> Option<Option<crate::app::Action>> {
        use crate::app::Action;
        match &self.command {
            None => Some(None),
            Some(Command::Review { kind }) => Some(Some(match kind {
                ReviewKind::Weekly => Action::Review,
                ReviewKind::Monthly => Action::MonthlyReview,
                ReviewKind::Quarterly => Action::QuarterlyReview,
            })),
            Some(_) => None,
        }
    }

    /// The config file's settings, and a message per problem in it: read
    /// on first use, once per invocation.
    pub fn load_config(&self) -> &(crate::config::Config, Vec<String>) {
        self.loaded_config.get_or_init(|| {
            match self.config.clone().or_else(crate::config::default_path) {
                Some(path) => crate::config::load(&path),
                None => (crate::config::Config::default(), Vec::new()),
            }
        })
    }

    /// Opens the board: the file (created on first run) and the config;
    /// `first` is done before the first frame (e.g. open the review).
    pub fn run_board(&self, first: Option<crate::app::Action>) -> color_eyre::Result<()> {
        let (config, problems) = self.load_config().clone();
        let author = self.author_name_or(config.author.as_deref());
        let path = self.db_path(true)?;
        let created = std::fs::symlink_metadata(&path).is_err();
        let store = Store::open(&path, OpenMode::CreateIfMissing, &author)?;
        let notice = (!problems.is_empty()).then(|| problems.join("; "));
        let result = crate::app::runner::run(store, config, self.today, notice, first);
        // Leaving the welcome screen without a roadmap leaves no file.
        if created {
            Store::remove_if_empty(&path)?;
        }
        result
    }
}

/// Runs a headless subcommand, writing its output to `out`; after a change,
/// rewrites the roadmap's Markdown mirror when it has one. A mirror that
/// cannot be written does not undo the change: it is `MirrorBehind`.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> CliResult {
    for problem in &cli.load_config().1 {
        eprintln!("roadboard: warning: {}", visible(problem));
    }
    let started = std::time::Instant::now();
    let result = run_command(cli, command, out);
    let ms = started.elapsed().as_secs_f64() * 1e3;
    match &result {
        Ok(()) => tracing::info!(?command, ms, "command"),
        Err(error) => tracing::info!(?command, ms, %error, "command failed"),
    }
    result?;
    if command.writes() {
        let written = match command {
            Command::Import {
                into: Some(path), ..
            } => path.clone(),
            _ => cli.db_path(false)?,
        };
        let config = &cli.load_config().0;
        // Opened again only when something is to be rewritten.
        if Store::mirror_of(&written)?.is_some() || config.publish_dir.is_some() {
            let store = Store::open(&written, OpenMode::Existing, &cli.author_name())?;
            let publish = config
                .publish_dir
                .as_deref()
                .map(|dir| (dir, &config.publish));
            let behind =
                crate::interchange::mirror::refresh_outputs(&store, None, publish, cli.today());
            if let Some(error) = behind.mirror {
                return Err(CliError::MirrorBehind(error));
            }
            if let Some(error) = behind.publish {
                return Err(CliError::PublishBehind(error));
            }
        }
    }
    Ok(())
}

fn run_command(cli: &Cli, command: &Command, out: &mut dyn Write) -> CliResult {
    let today = cli.today();
    let date = |text: &str| parse_date(text, today).map_err(|e| CliError::Input(e.to_string()));
    let optional_date = |text: &Option<String>| text.as_deref().map(date).transpose();

    match command {
        Command::Init {
            name,
            horizon,
            example,
        } => {
            let mut store = cli.open(OpenMode::CreateIfMissing)?;
            let info = if *example {
                example::build(&mut store, today)?
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
            let mut store = cli.open(OpenMode::Existing)?;
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
            let feature = store.add_feature(&new)?;
            let place = phase.map_or("the parking lot".to_owned(), |p| format!("\"{}\"", p.name));
            writeln!(out, "added {} to {place}", feature.label())?;
        }
        Command::Phase(command) => phases::run_phase(cli, command, out, &date)?,
        Command::Milestone(command) => phases::run_milestone(cli, command, out, &date)?,
        Command::Criterion(command) => phases::run_criterion(cli, command, out)?,
        Command::List {
            status,
            phase,
            json,
        } => {
            let store = cli.open(OpenMode::Existing)?;
            let roadmap = store.load()?;
            let phase = phase
                .as_deref()
                .map(|p| store.resolve_phase(p))
                .transpose()?;
            let lookup = Lookup::new(&roadmap);
            let features: Vec<FeatureView> = roadmap
                .features
                .iter()
                .filter(|f| status.is_none_or(|s| f.status == s))
                .filter(|f| phase.as_ref().is_none_or(|p| f.phase == Some(p.id)))
                .map(|f| FeatureView::new(&roadmap, &lookup, f, today))
                .collect();
            if *json {
                write_json(out, &features)?;
            } else if features.is_empty() {
                writeln!(out, "no features")?;
            } else {
                for view in &features {
                    writeln!(out, "{}", view.line())?;
                }
            }
        }
        Command::Show { key, json } => {
            let store = cli.open(OpenMode::Existing)?;
            let roadmap = store.load()?;
            let feature = roadmap
                .feature_by_key(*key)
                .ok_or(StoreError::NoFeature(*key))?;
            let view = FeatureView::new(&roadmap, &Lookup::new(&roadmap), feature, today);
            if *json {
                write_json(out, &view)?;
            } else {
                view.write_details(out)?;
            }
        }
        Command::Start {
            key,
            next,
            why,
            override_reason,
        } => {
            let key = match key {
                Some(key) if !*next => *key,
                _ => method::up_next(cli)?,
            };
            let args = TransitionArgs {
                reason: why.clone(),
                override_reason: override_reason.clone(),
                ..TransitionArgs::default()
            };
            transition_command(cli, key, Transition::Start, &args, out)?;
        }
        Command::Reopen {
            key,
            why,
            override_reason,
        } => {
            let args = TransitionArgs {
                reason: why.clone(),
                override_reason: override_reason.clone(),
                ..TransitionArgs::default()
            };
            transition_command(cli, *key, Transition::Reopen, &args, out)?;
        }
        Command::Next { .. }
        | Command::Note { .. }
        | Command::Outcome { .. }
        | Command::Learning { .. }
        | Command::Roadmap { .. } => method::run(cli, command, out)?,
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
            transition_command(cli, args.key, transition, &transition_args, out)?;
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
            transition_command(cli, *key, Transition::Defer, &args, out)?;
        }
        Command::Promote { key, phase, why } => {
            let mut store = cli.open(OpenMode::Existing)?;
            let args = TransitionArgs {
                reason: why.clone(),
                phase: Some(store.resolve_phase(phase)?.id),
                ..TransitionArgs::default()
            };
            let change = store.transition(*key, Transition::Promote, &args, today)?;
            writeln!(out, "{}", change.what)?;
        }
        Command::Depend { key, on, remove } => {
            let mut store = cli.open(OpenMode::Existing)?;
            if *remove {
                store.remove_dependency(*key, *on)?;
            } else {
                store.add_dependency(*key, *on)?;
            }
            writeln!(out, "{}", store.last_summary())?;
        }
        Command::Block {
            key,
            on,
            eta,
            mitigation,
            upcoming,
        } => {
            let mut store = cli.open(OpenMode::Existing)?;
            if *upcoming {
                if eta.is_some() {
                    return Err(CliError::Input(
                        "--eta: a blocker ahead blocks nothing yet, so it has no ETA".into(),
                    ));
                }
                store.add_upcoming_blocker(Some(*key), on, mitigation)?;
            } else {
                store.add_blocker(*key, on, optional_date(eta)?, mitigation)?;
            }
            writeln!(out, "{}", store.last_summary())?;
        }
        Command::Unblock { key } => {
            let mut store = cli.open(OpenMode::Existing)?;
            let count = store.resolve_blockers(*key, today)?;
            writeln!(out, "{key} unblocked ({count} resolved)")?;
        }
        Command::Park { text, why } => {
            let mut store = cli.open(OpenMode::Existing)?;
            let feature = store.add_feature(&NewFeature {
                fields: FeatureFields {
                    title: text.clone(),
                    why_interesting: why.clone(),
                    ..FeatureFields::default()
                },
                created: Some(today),
                ..NewFeature::default()
            })?;
            writeln!(out, "parked {}", feature.label())?;
        }
        Command::Request { text, by, priority } => {
            let mut store = cli.open(OpenMode::Existing)?;
            let (_, summary) = store.add_request(text, by, *priority, today)?;
            writeln!(out, "{summary}")?;
        }
        Command::Import {
            file,
            into,
            dry_run,
            append,
            replace,
            prune,
        } => {
            let intent = io::ImportIntent::from_flags(*append, *replace, *prune);
            io::import(cli, (file, into, *dry_run, intent), today, out)?
        }
        Command::Export {
            format,
            output,
            no_log,
            watch: true,
        } => io::export_watch(cli, (*format, output, *no_log), out)?,
        Command::Export {
            format,
            output,
            no_log,
            watch: false,
        } => io::export(cli, (*format, output, *no_log), today, out)?,
        Command::Edit(args) => edit::edit_feature(cli, args, out, &date)?,
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(*shell, &mut Cli::command(), "roadboard", out);
        }
        Command::Man => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command()).render(out)?;
        }
        Command::Backup { file } => io::backup(cli, file, out)?,
        Command::Mcp => crate::mcp::serve(cli)?,
        Command::Publish {
            output,
            templates,
            watch,
        } => publish::run(cli, (output, templates, *watch), out)?,
        Command::Update {
            since,
            format,
            output,
            templates,
        } => publish::update(cli, (since, *format, output, templates), out)?,
        Command::Mirror { action } => io::mirror(cli, action, out)?,
        Command::Review { .. } => {
            return Err(CliError::Input(
                "`review` opens the board: run it in a terminal".into(),
            ));
        }
        Command::Forecast {
            default_velocity,
            json,
        } => {
            let store = cli.open(OpenMode::Existing)?;
            let roadmap = store.load()?;
            let view = ForecastView::new(&roadmap, today, *default_velocity);
            if *json {
                write_json(out, &view)?;
            } else {
                view.write(out)?;
            }
        }
        Command::Status { json } => {
            let store = cli.open(OpenMode::Existing)?;
            let roadmap = store.load_focus()?;
            let review_day = cli
                .load_config()
                .0
                .review_day
                .unwrap_or(roadmap.info.review_day);
            let days = cli.load_config().0.outcome_after_days;
            let status = one_line_status(&roadmap, today, review_day, days);
            if *json {
                write_json(out, &status)?;
            } else {
                writeln!(out, "{}", status.line)?;
            }
        }
        Command::Log {
            since,
            feature,
            json,
        } => {
            let store = cli.open(OpenMode::Existing)?;
            let feature_id = feature
                .map(|key| store.feature(key))
                .transpose()?
                .map(|f| f.id);
            let entries = store.log(&LogFilter {
                since: optional_date(since)?,
                feature: feature_id,
                limit: None,
            })?;
            if *json {
                write_json(out, &entries)?;
            } else {
                for entry in &entries {
                    let why = if entry.why.is_empty() {
                        String::new()
                    } else {
                        format!(" — why: {}", entry.why)
                    };
                    writeln!(
                        out,
                        "{}  {:<10} {}{why}",
                        entry.at.format("%Y-%m-%d %H:%M"),
                        entry.who,
                        entry.what
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn transition_command(
    cli: &Cli,
    key: FeatureKey,
    transition: Transition,
    args: &TransitionArgs,
    out: &mut dyn Write,
) -> CliResult {
    let mut store = cli.open(OpenMode::Existing)?;
    let change = store.transition(key, transition, args, cli.today())?;
    writeln!(out, "{}", change.what)?;
    Ok(())
}

fn write_json(out: &mut dyn Write, value: &impl Serialize) -> CliResult {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
