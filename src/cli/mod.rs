//! The command line: clap definitions and the headless subcommands, thin
//! over `domain` and `store`.

use std::io::Write;
use std::path::PathBuf;

use chrono::{Local, NaiveDate};
use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::domain::dates::parse_date;
use crate::domain::merge::Matching;
use crate::domain::*;
use crate::example;
use crate::interchange::export_md::export_markdown;
mod views;
mod visible;

use crate::domain::text::visible;
pub use visible::Visible;

use views::{FeatureView, ForecastView, Lookup, PhaseView, one_line_status};

use crate::store::{
    FeatureFields, LogFilter, NewFeature, OpenMode, PhaseFields, Store, StoreError,
};

const DATE_HELP: &str = "YYYY-MM-DD, today, tomorrow, +3d, +2w, fri or next-fri";

#[derive(Debug, Parser)]
#[command(
    name = "roadboard",
    version,
    about = "A keyboard-driven planning board for solo founders: ONE active feature at a time.",
    long_about = "A keyboard-driven planning board for solo founders: ONE active feature at a time.\n\nWithout a subcommand, opens the board. Every change is written to one SQLite file at once."
)]
pub struct Cli {
    /// The config file [default: config.toml in the platform config dir]
    #[arg(long, global = true, env = "ROADBOARD_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// The roadmap file [default: roadmap.db in the platform data dir]
    #[arg(long, global = true, env = "ROADBOARD_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The name the change log records for your edits [default: $USER]
    #[arg(long, global = true, env = "ROADBOARD_AUTHOR", value_name = "NAME")]
    pub author: Option<String>,

    /// Pretend today is this date (for scripts and tests)
    #[arg(
        long,
        global = true,
        env = "ROADBOARD_TODAY",
        value_name = "DATE",
        hide = true
    )]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the roadmap in a new file
    Init {
        /// The roadmap's name
        #[arg(long, default_value = "My roadmap")]
        name: String,
        /// The planning horizon, e.g. "6 months"
        #[arg(long, default_value = "")]
        horizon: String,
        /// Fill it with the example roadmap instead
        #[arg(long, conflicts_with_all = ["name", "horizon"])]
        example: bool,
    },
    /// Add a feature to a phase (or to the parking lot without --phase)
    Add(AddArgs),
    /// Add, edit and list phases
    #[command(subcommand)]
    Phase(PhaseCommand),
    /// Add milestones and check them off
    #[command(subcommand)]
    Milestone(MilestoneCommand),
    /// List features
    List {
        /// Only features with this status (parked, planned, active, in_review, shipped, dropped)
        #[arg(long)]
        status: Option<FeatureStatus>,
        /// Only features of this phase (number or name)
        #[arg(long)]
        phase: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show every field of one feature
    Show {
        key: FeatureKey,
        #[arg(long)]
        json: bool,
    },
    /// planned → active (refused while another feature is active or in review)
    Start {
        key: FeatureKey,
        #[arg(long)]
        why: Option<String>,
        /// Start although dependencies have not shipped; the reason is logged
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
    },
    /// active → in review
    Submit(TransitionArgsCli),
    /// in review → active
    Rework(TransitionArgsCli),
    /// active or in review → shipped (stamps today's date)
    Ship(TransitionArgsCli),
    /// active or in review → planned, freeing the slot (needs --why)
    Pause(TransitionArgsCli),
    /// anything but shipped → dropped (needs --why)
    Drop(TransitionArgsCli),
    /// dropped → parking lot
    Revive(TransitionArgsCli),
    /// shipped → active (same rule as start)
    Reopen {
        key: FeatureKey,
        #[arg(long)]
        why: Option<String>,
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
    },
    /// planned → parking lot (needs --why)
    Defer {
        key: FeatureKey,
        #[arg(long)]
        why: Option<String>,
        /// When to look at it again
        #[arg(long, value_name = "DATE", help = format!("When to look at it again ({DATE_HELP})"))]
        reconsider: Option<String>,
    },
    /// parking lot → planned, in a phase
    Promote {
        key: FeatureKey,
        /// The phase (number or name)
        #[arg(long)]
        phase: String,
        #[arg(long)]
        why: Option<String>,
    },
    /// Record that KEY needs ON shipped first (refused if it closes a cycle)
    Depend {
        key: FeatureKey,
        #[arg(long)]
        on: FeatureKey,
        /// Remove the dependency instead
        #[arg(long)]
        remove: bool,
    },
    /// Record what a feature is waiting for
    Block {
        key: FeatureKey,
        /// What it waits for
        #[arg(long)]
        on: String,
        #[arg(long, value_name = "DATE", help = format!("When it is expected ({DATE_HELP})"))]
        eta: Option<String>,
        #[arg(long, default_value = "")]
        mitigation: String,
    },
    /// Resolve a feature's open blockers
    Unblock { key: FeatureKey },
    /// Quick capture: an idea straight into the parking lot
    Park {
        text: String,
        /// Why it is interesting
        #[arg(long, default_value = "")]
        why: String,
    },
    /// Record a customer request
    Request {
        text: String,
        /// Who asked
        #[arg(long)]
        by: String,
        /// low, med or high
        #[arg(long, default_value = "med")]
        priority: RequestPriority,
    },
    /// Read a roadmap document (Markdown) into the file, in one transaction
    Import {
        /// The document
        file: PathBuf,
        /// The roadmap file to import into [default: --db]
        #[arg(long, value_name = "DB")]
        into: Option<PathBuf>,
        /// Print what would be imported; write nothing
        #[arg(long)]
        dry_run: bool,
        /// Add the document's phases and features after the file's, as a
        /// copy, instead of updating the roadmap in place
        #[arg(long, conflicts_with = "prune")]
        append: bool,
        /// When updating, drop the features the document no longer has
        #[arg(long)]
        prune: bool,
    },
    /// Write the roadmap as a document (Markdown in the template shape)
    Export {
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
        /// Write to this file instead of standard output (`-`: standard output)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Leave the change log out of the document
        #[arg(long)]
        no_log: bool,
        /// Keep the output file in step: rewrite it (atomically) whenever
        /// the roadmap changes, until interrupted
        #[arg(long, requires = "output")]
        watch: bool,
    },
    /// Change a feature's fields (only those given)
    Edit(EditArgs),
    /// Print the completion script for a shell (bash, zsh, fish, powershell, elvish)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `roadboard man > roadboard.1`
    Man,
    /// A consistent copy of the roadmap file, safe while a board is open
    Backup {
        /// Where to write it [default: <name>-<date>-<time>.db beside the file]
        file: Option<PathBuf>,
    },
    /// Show the Markdown mirror, or set it: a file rewritten after every change
    Mirror {
        #[command(subcommand)]
        action: Option<MirrorCommand>,
    },
    /// When each planned feature and each phase will be done, from velocity
    Forecast {
        /// Days from start to ship to assume before three features shipped
        #[arg(long, default_value_t = crate::app::state::DEFAULT_VELOCITY_DAYS,
              value_parser = parse_velocity)]
        default_velocity: i64,
        #[arg(long)]
        json: bool,
    },
    /// Open the board straight into the weekly review (or the one left unfinished)
    Review {
        /// monthly or quarterly instead of weekly
        #[arg(long, default_value = "weekly")]
        kind: ReviewKind,
    },
    /// One line for a shell prompt: the ONE active feature and its age
    Status {
        #[arg(long)]
        json: bool,
    },
    /// The change log, newest first
    Log {
        #[arg(long, value_name = "DATE", allow_hyphen_values = true,
              help = format!("Only entries from this day on ({DATE_HELP}, -7d)"))]
        since: Option<String>,
        /// Only entries about this feature
        #[arg(long)]
        feature: Option<FeatureKey>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MirrorCommand {
    /// Keep PATH in step with the roadmap (stored in the roadmap file as an
    /// absolute path, so it does not depend on where roadboard runs)
    Set { path: PathBuf },
    /// Stop mirroring
    Off,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    /// Markdown in the template shape (re-importable)
    Md,
    /// A Mermaid gantt block
    Mermaid,
    /// Every entity and the change log (re-importable exactly)
    Json,
    /// Features, one row each
    Csv,
}

#[derive(Debug, Args)]
pub struct TransitionArgsCli {
    key: FeatureKey,
    /// Why (logged)
    #[arg(long)]
    why: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    title: String,
    /// The phase (number or name); without it the feature is parked
    #[arg(long)]
    phase: Option<String>,
    #[arg(long, default_value = "")]
    description: String,
    /// Why it is essential, why now
    #[arg(long, default_value = "")]
    why: String,
    /// How we will know it worked
    #[arg(long, default_value = "")]
    metric: String,
    #[arg(long, value_name = "DATE", help = format!("Target ship date ({DATE_HELP})"))]
    target: Option<String>,
    /// P0 to P3
    #[arg(long)]
    priority: Option<Priority>,
    /// must, should, could or wont
    #[arg(long)]
    moscow: Option<Moscow>,
    #[arg(long, default_value = "")]
    owner: String,
    /// A feature that must ship first (repeatable)
    #[arg(long = "depends-on", value_name = "KEY")]
    depends_on: Vec<FeatureKey>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    key: FeatureKey,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// Why it is essential, why now
    #[arg(long)]
    why: Option<String>,
    /// How we will know it worked
    #[arg(long)]
    metric: Option<String>,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true,
          help = format!("Target ship date ({DATE_HELP}; `none` clears it)"))]
    target: Option<String>,
    /// P0 to P3
    #[arg(long)]
    priority: Option<Priority>,
    /// must, should, could or wont
    #[arg(long)]
    moscow: Option<Moscow>,
    #[arg(long)]
    owner: Option<String>,
    /// Move it to this phase (number or name)
    #[arg(long)]
    phase: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PhaseCommand {
    /// Add a phase at the end
    Add {
        name: String,
        #[arg(long, default_value = "")]
        goal: String,
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
    },
    /// Change a phase's fields (only those given)
    Edit {
        /// The phase (number or name)
        phase: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        goal: Option<String>,
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        #[arg(long, value_name = "DATE")]
        end: Option<String>,
        /// not_started, in_progress or complete
        #[arg(long)]
        status: Option<PhaseStatus>,
    },
    /// The phases, their progress and milestones
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MilestoneCommand {
    /// Add a milestone to a phase
    Add {
        text: String,
        /// The phase (number or name)
        #[arg(long)]
        phase: String,
        #[arg(long, value_name = "DATE")]
        target: Option<String>,
    },
    /// Check a milestone off (its id is shown by `phase list`, e.g. M3)
    Done {
        id: String,
        #[arg(long, value_name = "DATE", default_value = "today")]
        date: String,
    },
}

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
            CliError::MirrorBehind(_) => 4,
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
    /// name (`$USER`, `$LOGNAME`).
    pub fn author_name_or(&self, configured: Option<&str>) -> String {
        let login = || {
            ["USER", "LOGNAME"]
                .iter()
                .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
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

    /// The config file's settings, and a message per problem in it.
    pub fn load_config(&self) -> (crate::config::Config, Vec<String>) {
        match self.config.clone().or_else(crate::config::default_path) {
            Some(path) => crate::config::load(&path),
            None => (crate::config::Config::default(), Vec::new()),
        }
    }

    /// Opens the board: the file (created on first run) and the config;
    /// `first` is done before the first frame (e.g. open the review).
    pub fn run_board(&self, first: Option<crate::app::Action>) -> color_eyre::Result<()> {
        let (config, problems) = self.load_config();
        let author = self.author_name_or(config.author.as_deref());
        let store = self.open_as(OpenMode::CreateIfMissing, &author)?;
        let notice = (!problems.is_empty()).then(|| problems.join("; "));
        crate::app::runner::run(store, config, self.today, notice, first)
    }
}

impl Command {
    /// Whether the command prints data for a program (JSON, an export)
    /// rather than text for a person: written as it is when it goes to a
    /// pipe or a file, shown with visible escapes on a terminal.
    pub fn prints_data(&self) -> bool {
        match self {
            Command::Export { .. } => true,
            Command::List { json, .. }
            | Command::Show { json, .. }
            | Command::Forecast { json, .. }
            | Command::Status { json }
            | Command::Log { json, .. }
            | Command::Phase(PhaseCommand::List { json }) => *json,
            _ => false,
        }
    }

    /// Whether the command changes the roadmap (and so the mirror).
    fn writes(&self) -> bool {
        !matches!(
            self,
            Command::List { .. }
                | Command::Show { .. }
                | Command::Status { .. }
                | Command::Log { .. }
                | Command::Forecast { .. }
                | Command::Export { .. }
                | Command::Phase(PhaseCommand::List { .. })
                | Command::Import { dry_run: true, .. }
                | Command::Review { .. }
                | Command::Mirror { action: None }
                | Command::Backup { .. }
                | Command::Completions { .. }
                | Command::Man
        )
    }
}

/// Runs a headless subcommand, writing its output to `out`; after a change,
/// rewrites the roadmap's Markdown mirror when it has one. A mirror that
/// cannot be written does not undo the change: it is `MirrorBehind`.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write) -> CliResult {
    for problem in cli.load_config().1 {
        eprintln!("roadboard: warning: {}", visible(&problem));
    }
    run_command(cli, command, out)?;
    if command.writes() {
        let written = match command {
            Command::Import {
                into: Some(path), ..
            } => path.clone(),
            _ => cli.db_path(false)?,
        };
        if let Some(path) = Store::mirror_of(&written)? {
            let store = Store::open(&written, OpenMode::Existing, &cli.author_name())?;
            crate::interchange::mirror::refresh(&store, &path, true)
                .map_err(|e| CliError::MirrorBehind(e.to_string()))?;
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
            };
            let feature = store.add_feature(&new)?;
            let place = phase.map_or("the parking lot".to_owned(), |p| format!("\"{}\"", p.name));
            writeln!(out, "added {} to {place}", feature.label())?;
        }
        Command::Phase(command) => run_phase(cli, command, out, &date)?,
        Command::Milestone(command) => {
            let mut store = cli.open(OpenMode::Existing)?;
            match command {
                MilestoneCommand::Add {
                    text,
                    phase,
                    target,
                } => {
                    let phase = store.resolve_phase(phase)?;
                    let milestone = store.add_milestone(phase.id, text, optional_date(target)?)?;
                    writeln!(out, "added M{} to \"{}\"", milestone.id.0, phase.name)?;
                }
                MilestoneCommand::Done { id, date: when } => {
                    let number =
                        id.trim()
                            .trim_start_matches(['M', 'm'])
                            .parse()
                            .map_err(|_| {
                                CliError::Input(format!("`{id}` is not a milestone id (e.g. M3)"))
                            })?;
                    store.set_milestone_done(MilestoneId(number), Some(date(when)?))?;
                    writeln!(out, "M{number} reached")?;
                }
            }
        }
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
            why,
            override_reason,
        }
        | Command::Reopen {
            key,
            why,
            override_reason,
        } => {
            let transition = if matches!(command, Command::Start { .. }) {
                Transition::Start
            } else {
                Transition::Reopen
            };
            let args = TransitionArgs {
                reason: why.clone(),
                override_reason: override_reason.clone(),
                ..TransitionArgs::default()
            };
            transition_command(cli, *key, transition, &args, out)?;
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
            transition_command(cli, args.key, transition, &transition_args, out)?;
        }
        Command::Defer {
            key,
            why,
            reconsider,
        } => {
            let args = TransitionArgs {
                reason: why.clone(),
                reconsider: optional_date(reconsider)?,
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
                writeln!(out, "{key} no longer depends on {on}")?;
            } else {
                store.add_dependency(*key, *on)?;
                writeln!(out, "{key} now depends on {on}")?;
            }
        }
        Command::Block {
            key,
            on,
            eta,
            mitigation,
        } => {
            let mut store = cli.open(OpenMode::Existing)?;
            let blocker = store.add_blocker(*key, on, optional_date(eta)?, mitigation)?;
            writeln!(out, "{key} blocked: waiting for {}", blocker.waiting_for)?;
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
            let request = store.add_request(text, by, *priority, today)?;
            writeln!(
                out,
                "recorded request #{} from {}",
                request.id.0, request.requested_by
            )?;
        }
        Command::Import {
            file,
            into,
            dry_run,
            append,
            prune,
        } => {
            let imported =
                crate::interchange::read_document(file, today).map_err(CliError::Input)?;
            let summary = crate::interchange::report::Summary {
                report: &imported.report,
                roadmap: &imported.roadmap,
                changes: imported.log.len(),
                itemized: *dry_run,
            };
            write!(out, "{summary}")?;
            if *dry_run {
                writeln!(out, "dry run: nothing written")?;
                return Ok(());
            }
            let target = match into {
                Some(path) => path.clone(),
                None => cli.db_path(true)?,
            };
            let mut store = Store::open(&target, OpenMode::CreateIfMissing, &cli.author_name())?;
            let source = file.display().to_string();
            if store.info()?.is_some() && !*append {
                let matching = if imported.keyed {
                    Matching::ByKey
                } else {
                    Matching::ByTitle
                };
                let update = store.update_from(&imported.roadmap, matching, *prune, &source)?;
                write_update(out, &update)?;
                writeln!(out, "updated {}", target.display())?;
                return Ok(());
            }
            let outcome = store.import(&imported.roadmap, &imported.log, &source)?;
            for (from, to) in &outcome.rekeyed {
                if from.0 != 0 {
                    writeln!(out, "{from} is taken in this file: imported as {to}")?;
                }
            }
            if let Some(demoted) = &outcome.demoted {
                writeln!(out, "ONE rule: {demoted}")?;
            }
            writeln!(out, "imported into {}", target.display())?;
        }
        Command::Export {
            format,
            output,
            no_log,
            watch: true,
        } => {
            let store = cli.open(OpenMode::Existing)?;
            let path = output
                .as_ref()
                .expect("clap requires --output with --watch");
            if !matches!(format, ExportFormat::Md) {
                return Err(CliError::Input(
                    "--watch keeps a Markdown mirror: use --format md".into(),
                ));
            }
            let mirror = |store: &Store| {
                crate::interchange::mirror::refresh(store, path, !*no_log)
                    .map_err(|e| CliError::Input(e.to_string()))
            };
            mirror(&store)?;
            writeln!(
                out,
                "mirroring {} to {} (Ctrl-C stops)",
                store.path().display(),
                path.display()
            )?;
            out.flush()?;
            let mut seen = store.data_version()?;
            loop {
                std::thread::sleep(std::time::Duration::from_millis(300));
                let version = store.data_version()?;
                if version != seen {
                    seen = version;
                    mirror(&store)?;
                }
            }
        }
        Command::Export {
            format,
            output,
            no_log,
            watch: false,
        } => {
            let store = cli.open(OpenMode::Existing)?;
            let log = if *no_log {
                Vec::new()
            } else {
                store.log(&LogFilter::default())?
            };
            let roadmap = store.load()?;
            let document = match format {
                ExportFormat::Md => export_markdown(&roadmap, &log),
                ExportFormat::Mermaid => crate::interchange::mermaid::export_mermaid(
                    &roadmap,
                    today,
                    crate::app::state::DEFAULT_VELOCITY_DAYS,
                ),
                ExportFormat::Json => crate::interchange::json::export_json(&roadmap, &log),
                ExportFormat::Csv => crate::interchange::csv::export_csv(&roadmap),
            };
            match output
                .as_deref()
                .filter(|path| *path != std::path::Path::new("-"))
            {
                Some(path) => crate::interchange::output::write_document(
                    path,
                    document.as_bytes(),
                    Some(store.path()),
                )?,
                None => out.write_all(document.as_bytes())?,
            }
        }
        Command::Edit(args) => edit_feature(cli, args, out, &date)?,
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(*shell, &mut Cli::command(), "roadboard", out);
        }
        Command::Man => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command()).render(out)?;
        }
        Command::Backup { file } => {
            let store = cli.open(OpenMode::Existing)?;
            let written = store.backup_to(file.as_deref(), Local::now().naive_local())?;
            writeln!(
                out,
                "backed up {} to {}",
                store.path().display(),
                written.display()
            )?;
        }
        Command::Mirror { action } => {
            let mut store = cli.open(OpenMode::Existing)?;
            let here = std::env::current_dir()?;
            let path = match action {
                None => store.mirror()?,
                Some(MirrorCommand::Set { path }) => store.set_mirror(Some(path), &here)?,
                Some(MirrorCommand::Off) => store.set_mirror(None, &here)?,
            };
            match path {
                Some(path) => writeln!(out, "mirror: {}", path.display())?,
                None => writeln!(out, "no mirror: set one with `roadboard mirror set PATH`")?,
            }
        }
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
            let status = one_line_status(&store.load()?, today);
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

fn run_phase(
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
            let phase = store.add_phase(&PhaseFields {
                name: name.clone(),
                goal: goal.clone(),
                start: optional_date(start)?,
                end: optional_date(end)?,
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
            let fields = PhaseFields {
                name: name.clone().unwrap_or(before.name.clone()),
                goal: goal.clone().unwrap_or(before.goal.clone()),
                start: if start.is_some() {
                    optional_date(start)?
                } else {
                    before.start
                },
                end: if end.is_some() {
                    optional_date(end)?
                } else {
                    before.end
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

/// What a re-import changed: added, changed field by field, kept or dropped.
fn write_update(out: &mut dyn Write, update: &crate::store::Update) -> CliResult {
    for added in &update.added {
        writeln!(out, "added {added}")?;
    }
    for (feature, fields) in &update.changed {
        writeln!(out, "changed {feature}: {}", fields.join(", "))?;
    }
    if !update.missing.is_empty() {
        let keys: Vec<String> = update.missing.iter().map(|k| k.to_string()).collect();
        let what = if update.pruned {
            "dropped, not in the document"
        } else {
            "kept, not in the document (--prune drops them)"
        };
        writeln!(out, "{what}: {}", keys.join(", "))?;
    }
    if update.added.is_empty() && update.changed.is_empty() && !update.pruned {
        writeln!(out, "nothing to change")?;
    }
    Ok(())
}

/// `roadboard edit KEY --field value …`: the fields given, saved as a form
/// would be (only what changed; a move to another phase logged on its own).
fn edit_feature(
    cli: &Cli,
    args: &EditArgs,
    out: &mut dyn Write,
    date: &dyn Fn(&str) -> CliResult<NaiveDate>,
) -> CliResult {
    let mut store = cli.open(OpenMode::Existing)?;
    let feature = store.feature(args.key)?;
    let base = FeatureFields::of(&feature);
    let text = |given: &Option<String>, now: &String| given.clone().unwrap_or_else(|| now.clone());
    let target = match args.target.as_deref() {
        None => base.target,
        Some("none") => None,
        Some(when) => Some(date(when)?),
    };
    let fields = FeatureFields {
        title: text(&args.title, &base.title),
        description: text(&args.description, &base.description),
        why: text(&args.why, &base.why),
        metric: text(&args.metric, &base.metric),
        owner: text(&args.owner, &base.owner),
        priority: args.priority.or(base.priority),
        moscow: args.moscow.or(base.moscow),
        target,
        ..base.clone()
    };
    let mut saved = store.edit_feature_from(args.key, Some(&base), &fields)?;
    if let Some(phase) = &args.phase {
        let phase = store.resolve_phase(phase)?;
        if saved.phase != Some(phase.id) {
            saved = store.move_to_phase(args.key, phase.id)?;
        }
    }
    writeln!(out, "saved {}", saved.label())?;
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

/// `--default-velocity`: the same range the config allows.
fn parse_velocity(text: &str) -> Result<i64, String> {
    let days = text
        .parse::<i64>()
        .map_err(|_| format!("`{text}` is not a number of days"))?;
    check_velocity_days(days)
}

fn write_json(out: &mut dyn Write, value: &impl Serialize) -> CliResult {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
