//! The command line's phase subcommands: phases, their milestones and
//! their success criteria.

use clap::Subcommand;

use crate::domain::*;

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
        /// Why (needed to complete a phase with open work)
        #[arg(long)]
        why: Option<String>,
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

#[derive(Debug, Subcommand)]
pub enum RoadmapCommand {
    /// The roadmap's header: name, horizon, philosophy, review day, last
    /// change, next review
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Change the header's fields (only those given)
    Edit {
        #[arg(long)]
        name: Option<String>,
        /// The planning horizon, e.g. "6 months"
        #[arg(long)]
        horizon: Option<String>,
        /// The roadmap's philosophy / sequencing principles
        #[arg(long)]
        philosophy: Option<String>,
        /// The weekday of the weekly review
        #[arg(long, value_name = "DAY", value_parser = crate::domain::dates::parse_weekday)]
        review_day: Option<chrono::Weekday>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CriterionCommand {
    /// Add a success criterion to a phase
    Add {
        text: String,
        /// The phase (number or name)
        #[arg(long)]
        phase: String,
    },
    /// Check a success criterion off (its id is shown by `criterion list`, e.g. C3)
    Check {
        id: String,
        /// It is not met after all
        #[arg(long)]
        undo: bool,
    },
    /// Reword a success criterion
    Edit { id: String, text: String },
    /// Remove a success criterion
    Remove { id: String },
    /// Move a success criterion up or down in its phase
    Move {
        id: String,
        #[arg(long, conflicts_with = "down")]
        up: bool,
        #[arg(long)]
        down: bool,
    },
    /// A phase's success criteria (all phases without --phase)
    List {
        #[arg(long)]
        phase: Option<String>,
        #[arg(long)]
        json: bool,
    },
}
