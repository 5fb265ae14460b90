//! The command line: clap definitions and the headless subcommands, thin
//! over `domain` and `store`.

use std::io::Write;
use std::path::PathBuf;

use chrono::{Local, NaiveDate};
use serde::Serialize;

use crate::domain::dates::parse_date;
use crate::domain::*;
mod args;
mod capture;
mod deps;
pub(crate) mod edit;
mod git;
mod io;
mod method;
mod phase_args;
mod phases;
mod publish;
mod reports;
mod session;
mod sync;
mod transitions;
pub(crate) mod views;
mod visible;

pub use args::*;

use crate::domain::text::visible;
pub(crate) use session::Session;
pub use visible::Visible;

use crate::store::{OpenMode, Store, StoreError};

/// A user-facing failure and the exit status it maps to.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
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
    /// What to type next, for a refusal: the flag it lacks, or the
    /// commands that would get past it (`Refusal::frees`).
    pub fn hint(&self) -> Option<String> {
        let CliError::Store(StoreError::Refused(refusal)) = self else {
            return None;
        };
        match refusal {
            Refusal::NeedsReason { .. } => Some("pass the reason with --why TEXT".into()),
            Refusal::UnmetDependencies { .. } => {
                Some("to start anyway, pass --override REASON".into())
            }
            _ => {
                let commands: Vec<String> = (refusal.frees().into_iter())
                    .map(|(transition, key)| command_for(transition, key))
                    .collect();
                (!commands.is_empty()).then(|| format!("try {}", commands.join(" or ")))
            }
        }
    }

    /// The reader went away (`roadboard log | head`): not worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// 3 when the method refused (a script can tell a refusal from a
    /// failure), 4 when the change is saved but the mirror is behind (do not
    /// retry), 5 when a sync has conflicts to settle, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Store(StoreError::Refused(_) | StoreError::Dependency(_)) => 3,
            CliError::MirrorBehind(_) | CliError::PublishBehind(_) => 4,
            CliError::Sync(crate::sync::SyncError::Conflicts(_)) => 5,
            _ => 1,
        }
    }
}

type CliResult<T = ()> = Result<T, CliError>;

/// The command that makes `transition` of `key`, with what it must be given.
fn command_for(transition: Transition, key: FeatureKey) -> String {
    let given = match transition {
        Transition::Promote => " --phase PHASE",
        t if t.needs_reason() => " --why TEXT",
        _ => "",
    };
    format!("`roadboard {transition} {key}{given}`")
}

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
        // Without a terminal there is no board to show: a file that is
        // there is still read (what is wrong with it is said first), and
        // none is created.
        use std::io::IsTerminal as _;
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            if !created {
                Store::open(&path, OpenMode::Existing, &author)?.load()?;
            }
            return Err(CliError::Input(
                "the board needs a terminal: run roadboard in one, or give a subcommand (`roadboard --help`)".into(),
            )
            .into());
        }
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
    let mut session = Session::new(cli);
    let result = run_command(&mut session, command, out);
    let ms = started.elapsed().as_secs_f64() * 1e3;
    match &result {
        Ok(()) => tracing::info!(?command, ms, "command"),
        Err(error) => tracing::info!(?command, ms, %error, "command failed"),
    }
    result?;
    if let Some(store) = session.file.written() {
        let config = &cli.load_config().0;
        let publish = config
            .publish_dir
            .as_deref()
            .map(|dir| (dir, &config.publish));
        let behind = crate::interchange::mirror::refresh_outputs(store, None, publish, cli.today());
        if let Some(error) = behind.mirror {
            return Err(CliError::MirrorBehind(error));
        }
        if let Some(error) = behind.publish {
            return Err(CliError::PublishBehind(error));
        }
    }
    Ok(())
}

fn run_command(s: &mut Session, command: &Command, out: &mut dyn Write) -> CliResult {
    let cli = s.cli;
    let today = cli.today();
    let date = |text: &str| date_arg(text, today);

    match command {
        Command::Init { .. } | Command::Add(_) | Command::Park { .. } | Command::Request { .. } => {
            capture::run(s, command, out)?
        }
        Command::Start { .. }
        | Command::Reopen { .. }
        | Command::Submit(_)
        | Command::Rework(_)
        | Command::Ship(_)
        | Command::Pause(_)
        | Command::Drop(_)
        | Command::Revive(_)
        | Command::Defer { .. }
        | Command::Promote { .. } => transitions::run(s, command, out)?,
        Command::Depend { .. } | Command::Block { .. } | Command::Unblock { .. } => {
            deps::run(s, command, out)?
        }
        Command::List { .. }
        | Command::Show { .. }
        | Command::Forecast { .. }
        | Command::Status { .. }
        | Command::Log { .. } => reports::run(s, command, out)?,
        Command::Phase(command) => phases::run_phase(s, command, out, &date)?,
        Command::Milestone(command) => phases::run_milestone(s, command, out, &date)?,
        Command::Criterion(command) => phases::run_criterion(s, command, out)?,
        Command::Next { .. }
        | Command::Note { .. }
        | Command::Undo { .. }
        | Command::Outcome { .. }
        | Command::Learning { .. }
        | Command::Roadmap { .. } => method::run(s, command, out)?,
        Command::Edit(args) => edit::edit_feature(s, args, out, &date)?,
        Command::Git(command) => git::run(s, command, out)?,
        Command::Sync(args) => sync::run(s, args, out)?,
        Command::Mcp { read_only } => crate::mcp::serve(cli, *read_only)?,
        Command::Review { .. } => {
            return Err(CliError::Input(
                "`review` opens the board: run it in a terminal".into(),
            ));
        }
        Command::Import { .. }
        | Command::Export { .. }
        | Command::Backup { .. }
        | Command::Mirror { .. }
        | Command::Publish { .. }
        | Command::Update { .. }
        | Command::Calendar { .. }
        | Command::Completions { .. }
        | Command::Man => run_files(s, command, out)?,
    }
    Ok(())
}

/// The commands that read or write files: documents in and out, backups,
/// the mirror, the public roadmap, shell completions and the manual.
fn run_files(s: &mut Session, command: &Command, out: &mut dyn Write) -> CliResult {
    let cli = s.cli;
    let today = cli.today();
    match command {
        Command::Import {
            file,
            into,
            dry_run,
            append,
            replace,
            prune,
            roles,
            start,
        } => {
            let start = start
                .as_deref()
                .map(|text| {
                    crate::domain::dates::parse_date(text, today)
                        .map_err(|e| CliError::Input(format!("--start: {e}")))
                })
                .transpose()?;
            let args = io::ImportArgs {
                file,
                into,
                dry_run: *dry_run,
                intent: io::ImportIntent::from_flags(*append, *replace, *prune),
                corrections: roles,
                start,
            };
            io::import(s, &args, today, out)?
        }
        Command::Export {
            format,
            output,
            no_log,
            watch,
        } => match watch {
            true => io::export_watch(s, (*format, output, *no_log), out)?,
            false => io::export(s, (*format, output, *no_log), today, out)?,
        },
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            // Written whole, then passed on: the generator panics on a
            // closed or full output, which must be a clean exit.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "roadboard", &mut script);
            out.write_all(&script)?;
        }
        Command::Man => {
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(out)?
        }
        Command::Backup { file } => io::backup(s, file, out)?,
        Command::Publish {
            output,
            templates,
            watch,
        } => publish::run(s, (output, templates, *watch), out)?,
        Command::Update {
            since,
            format,
            output,
            templates,
        } => publish::update(s, (since, *format, output, templates), out)?,
        Command::Mirror { action } => io::mirror(s, action, out)?,
        Command::Calendar { output } => io::calendar(s, output, today, out)?,
        _ => unreachable!("only the file commands come here"),
    }
    Ok(())
}

/// A date argument (`2026-12-01`, `fri`, `+2w`); a bad one is bad input.
pub(super) fn date_arg(text: &str, today: NaiveDate) -> CliResult<NaiveDate> {
    parse_date(text, today).map_err(|e| CliError::Input(e.to_string()))
}

pub(super) fn write_json(out: &mut dyn Write, value: &impl Serialize) -> CliResult {
    // Into memory first: serde writes token by token, and each write
    // through `dyn Write` is a call of its own.
    let mut json = serde_json::to_vec_pretty(value).map_err(std::io::Error::from)?;
    json.push(b'\n');
    out.write_all(&json)?;
    Ok(())
}
