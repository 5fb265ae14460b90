//! The command line as clap reads it: the subcommands and their flags.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::domain::*;

pub use super::phase_args::{CriterionCommand, MilestoneCommand, PhaseCommand, RoadmapCommand};

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

    /// Write a log here (store timings, reloads, errors) for a bug report;
    /// its level comes from ROADBOARD_LOG (info by default)
    #[arg(long, global = true, env = "ROADBOARD_LOG_FILE", value_name = "FILE")]
    pub log: Option<PathBuf>,

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

    /// The config file, read once per invocation.
    #[arg(skip)]
    pub loaded_config: std::sync::OnceLock<(crate::config::Config, Vec<String>)>,
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
    /// A phase's success criteria: add, check off, edit, move, remove, list
    #[command(subcommand)]
    Criterion(CriterionCommand),
    /// The roadmap's own header: show it (the default) or edit it
    Roadmap {
        #[command(subcommand)]
        action: Option<RoadmapCommand>,
    },
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
        #[arg(required_unless_present = "next")]
        key: Option<FeatureKey>,
        /// Start the feature that is up next
        #[arg(long, conflicts_with = "key")]
        next: bool,
        #[arg(long)]
        why: Option<String>,
        /// Start although dependencies have not shipped; the reason is logged
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
        /// Also create a git branch named after the feature (`f12-billing`)
        /// and switch to it
        #[arg(long)]
        branch: bool,
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
        /// When to look at it again: a condition, a date, or both
        #[arg(
            long,
            value_name = "WHEN",
            help = format!("When to look at it again: a condition (\"5 paying schools\"), a date ({DATE_HELP}), or both (\"5 paying schools, +8w\")")
        )]
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
        /// Not blocking yet: a blocker ahead (a risk to this feature), met
        /// by its --mitigation
        #[arg(long)]
        upcoming: bool,
    },
    /// Resolve a feature's open blockers
    Unblock { key: FeatureKey },
    /// Choose the feature to start after the ONE (shows it without KEY)
    Next {
        key: Option<FeatureKey>,
        /// Nothing is up next any more
        #[arg(long, conflicts_with = "key")]
        clear: bool,
        #[arg(long, default_value = "")]
        why: String,
    },
    /// Record whether a shipped feature did what its success metric said
    Outcome {
        key: FeatureKey,
        /// The metric was met
        #[arg(long, group = "result")]
        hit: bool,
        /// Partly met
        #[arg(long, group = "result")]
        partly: bool,
        /// Not met
        #[arg(long, group = "result")]
        missed: bool,
        /// Too early to tell: asked again on --again (default: in the config's outcome_after_days)
        #[arg(long, group = "result")]
        too_early: bool,
        /// What was measured, e.g. "62% of swaps"
        #[arg(long, default_value = "")]
        value: String,
        #[arg(long, default_value = "")]
        note: String,
        /// With --too-early: when to ask again
        #[arg(long, value_name = "DATE")]
        again: Option<String>,
        /// Only move the check to this date
        #[arg(long, value_name = "DATE", conflicts_with = "result")]
        check: Option<String>,
    },
    /// What the outcome checks taught: each answer, hit rates by phase and quarter
    Learning {
        #[arg(long)]
        json: bool,
    },
    /// Add a line to the change log: what was done outside the board, and why
    Note {
        text: String,
        #[arg(long, default_value = "")]
        why: String,
        /// The feature it is about
        #[arg(long, value_name = "KEY")]
        feature: Option<FeatureKey>,
    },
    /// The roadmap as a calendar (iCalendar): phases, milestones, the ONE's
    /// and up next's targets, the weekly and monthly reviews
    Calendar {
        /// Write it to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Commits on the cards: scan the repository, or set up the hooks that
    /// scan after every commit and merge
    #[command(subcommand)]
    Git(GitCommand),
    /// Two machines, one roadmap: commit this file's roadmap to its git
    /// branch, fetch the other machine's, merge them field by field, push.
    /// A conflict is listed and nothing changes until it is settled
    #[command(args_conflicts_with_subcommands = true)]
    Sync(SyncArgs),
    /// Take a change back: the newest one that stands, or CHANGE (its
    /// number in `roadboard log`, e.g. 12 or #12). Refused, by name, when a
    /// later change depends on it
    Undo {
        #[arg(value_name = "CHANGE")]
        change: Option<String>,
    },
    /// Serve the roadmap to coding agents over MCP on stdin/stdout
    Mcp {
        /// Serve only the tools that read: an agent can look, never change
        #[arg(long)]
        read_only: bool,
    },
    /// Write the public roadmap: index.html, feed.xml (Atom), roadmap.json
    Publish {
        /// The site's directory [default: the config's publish.dir, else ./roadmap-site]
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Your own templates (index.html, feed.xml) instead of the built-in ones
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Publish again after every change, until interrupted
        #[arg(long)]
        watch: bool,
    },
    /// The stakeholder update: shipped, now and next, blockers and asks, milestones, drift, requests
    Update {
        /// The period's first day: last-review (the default) or a date
        #[arg(long, default_value = "last-review", value_name = "WHEN")]
        since: String,
        /// [default: the output file's extension (.html, .txt, .md), else md]
        #[arg(long, value_enum)]
        format: Option<UpdateFormat>,
        /// Write it to this file instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Your own templates (update.md, update.txt, update.html)
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
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
        #[arg(long, conflicts_with_all = ["prune", "replace"])]
        append: bool,
        /// Make the document the file's roadmap: what the file has and the
        /// document does not is deleted (one change, undoable on the board)
        #[arg(long, conflicts_with = "prune")]
        replace: bool,
        /// When updating, drop the features the document no longer has
        #[arg(long)]
        prune: bool,
        /// Correct the reader: line LINE of the document is a ROLE (phase,
        /// feature, milestone, criterion, risk, parked, request, note, skip).
        /// Repeatable; kept with the roadmap and applied again on every
        /// import of this document
        #[arg(long = "as", value_name = "LINE=ROLE")]
        roles: Vec<crate::interchange::corrections::Correction>,
        /// The day week 1 (or month 1) of a week-based plan began: dates
        /// its `Weeks 3-5` phases that the document leaves undated
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
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
        /// The fewest words, for a prompt: `▶ F4 7d`, `○ F5 next`, `○`
        #[arg(long, conflicts_with = "json")]
        short: bool,
        /// Cut the line to this many columns (with …)
        #[arg(long, value_name = "COLUMNS")]
        width: Option<usize>,
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

/// The stakeholder update's formats (each a template).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum UpdateFormat {
    Md,
    Text,
    Html,
}

impl UpdateFormat {
    /// The format a file's extension names, if it names one.
    pub fn of_path(path: &std::path::Path) -> Option<UpdateFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(UpdateFormat::Html),
            "txt" => Some(UpdateFormat::Text),
            "md" | "markdown" => Some(UpdateFormat::Md),
            _ => None,
        }
    }

    /// The template's extension.
    pub fn extension(self) -> &'static str {
        match self {
            UpdateFormat::Md => "md",
            UpdateFormat::Text => "txt",
            UpdateFormat::Html => "html",
        }
    }
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
    pub key: FeatureKey,
    /// Why (logged)
    #[arg(long)]
    pub why: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    pub title: String,
    /// The phase (number or name); without it the feature is parked
    #[arg(long)]
    pub phase: Option<String>,
    #[arg(long, default_value = "")]
    pub description: String,
    /// Why it is essential, why now
    #[arg(long, default_value = "")]
    pub why: String,
    /// How we will know it worked
    #[arg(long, default_value = "")]
    pub metric: String,
    #[arg(long, value_name = "DATE", help = format!("Target ship date ({DATE_HELP})"))]
    pub target: Option<String>,
    /// P0 to P3
    #[arg(long)]
    pub priority: Option<Priority>,
    /// must, should, could or wont
    #[arg(long)]
    pub moscow: Option<Moscow>,
    #[arg(long, default_value = "")]
    pub owner: String,
    /// A feature that must ship first (repeatable)
    #[arg(long = "depends-on", value_name = "KEY")]
    pub depends_on: Vec<FeatureKey>,
    /// Keep it off the published roadmap, feed and updates
    #[arg(long)]
    pub private: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub key: FeatureKey,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    /// Why it is essential, why now
    #[arg(long)]
    pub why: Option<String>,
    /// How we will know it worked
    #[arg(long)]
    pub metric: Option<String>,
    #[arg(long, value_name = "DATE", allow_hyphen_values = true,
          help = format!("Target ship date ({DATE_HELP}; `none` clears it)"))]
    pub target: Option<String>,
    /// P0 to P3
    #[arg(long)]
    pub priority: Option<Priority>,
    /// must, should, could or wont
    #[arg(long)]
    pub moscow: Option<Moscow>,
    #[arg(long)]
    pub owner: Option<String>,
    /// Move it to this phase (number or name)
    #[arg(long)]
    pub phase: Option<String>,
    /// Keep it off the published roadmap, feed and updates
    #[arg(long, conflicts_with = "public")]
    pub private: bool,
    /// Show it on the published roadmap again
    #[arg(long)]
    pub public: bool,
    /// Why: logged with the change (a new target, priority or phase)
    #[arg(long, default_value = "")]
    pub reason: String,
}

/// `roadboard git …`: the repository is `[git] repo`, else the folder
/// roadboard runs in.
#[derive(Debug, Subcommand)]
pub enum GitCommand {
    /// Link the commits since the last scan to the cards whose key they
    /// name; a `Ships: F12` trailer ships F12 through the method
    Scan {
        /// Say nothing when nothing is new (for hooks)
        #[arg(long)]
        quiet: bool,
    },
    /// The commits that name a feature, newest first
    Commits {
        key: FeatureKey,
        #[arg(long)]
        json: bool,
    },
    /// The post-commit and post-merge hooks that scan at once
    #[command(subcommand)]
    Hook(HookCommand),
}

/// `roadboard sync`: a sync, or its setup and state.
#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
    /// Settle every conflict with this machine's value
    #[arg(long, conflicts_with = "theirs")]
    pub ours: bool,
    /// Settle every conflict with the other machine's value
    #[arg(long)]
    pub theirs: bool,
    /// Settle one conflict by the name it is listed under
    /// (`--take F12.title=theirs`); may be repeated
    #[arg(long, value_name = "NAME=ours|theirs")]
    pub take: Vec<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Connect this file to a git remote (a URL or a path, as git takes it)
    /// and sync; on a new file this brings the roadmap down
    Setup {
        remote: String,
        /// The branch that holds the roadmap (and nothing else)
        #[arg(long, default_value = "roadboard")]
        branch: String,
        /// This machine's name in the change log (its host name unless set)
        #[arg(long)]
        machine: Option<String>,
    },
    /// When this file last synced, and what waits to be pushed (asks no
    /// remote)
    Status {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Add roadboard's lines to the hooks, beside what they already run
    Install,
    /// Remove roadboard's lines (and a hook that held nothing else)
    Uninstall,
}

impl Command {
    /// Whether the command prints data for a program (JSON, an export)
    /// rather than text for a person: written as it is when it goes to a
    /// pipe or a file, shown with visible escapes on a terminal.
    pub fn prints_data(&self) -> bool {
        match self {
            Command::Export { .. } | Command::Update { .. } | Command::Calendar { .. } => true,
            Command::List { json, .. }
            | Command::Show { json, .. }
            | Command::Forecast { json, .. }
            | Command::Status { json, .. }
            | Command::Learning { json }
            | Command::Git(GitCommand::Commits { json, .. })
            | Command::Log { json, .. }
            | Command::Phase(PhaseCommand::List { json })
            | Command::Criterion(CriterionCommand::List { json, .. })
            | Command::Roadmap {
                action: Some(RoadmapCommand::Show { json }),
            } => *json,
            _ => false,
        }
    }
}

/// `--default-velocity`: the same range the config allows.
fn parse_velocity(text: &str) -> Result<i64, String> {
    let days = text
        .parse::<i64>()
        .map_err(|_| format!("`{text}` is not a number of days"))?;
    check_velocity_days(days)
}
