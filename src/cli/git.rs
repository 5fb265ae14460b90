//! `roadboard git …` and `start --branch`: the founder's repository seen
//! from the roadmap.

use std::io::Write;
use std::path::PathBuf;

use super::{Cli, CliError, CliResult, GitCommand, HookCommand, Session, write_json};
use crate::domain::FeatureKey;
use crate::domain::commits::{branch_name, listing};
use crate::domain::text::count;
use crate::git::{GitError, Repo, scan};

impl From<GitError> for CliError {
    fn from(error: GitError) -> Self {
        CliError::Input(error.to_string())
    }
}

impl From<crate::git::ScanError> for CliError {
    fn from(error: crate::git::ScanError) -> Self {
        match error {
            crate::git::ScanError::Git(error) => error.into(),
            crate::git::ScanError::Store(error) => error.into(),
        }
    }
}

/// The repository of `[git] repo`, else of the folder roadboard runs in.
pub(super) fn repo(cli: &Cli) -> CliResult<Repo> {
    let folder = match &cli.load_config().0.git.repo {
        Some(path) => path.clone(),
        None => std::env::current_dir()
            .map_err(|error| CliError::Input(format!("cannot tell the current folder: {error}")))?,
    };
    Ok(Repo::find(&folder)?)
}

pub(super) fn run(s: &mut Session, command: &GitCommand, out: &mut dyn Write) -> CliResult {
    let cli = s.cli;
    match command {
        GitCommand::Scan { quiet } => {
            let repo = repo(cli)?;
            let pattern = cli.load_config().0.git.keys.clone();
            let store = s.file.open(cli)?;
            let found = scan(store, &repo, &pattern, cli.today())?;
            if *quiet && found.linked.is_empty() && found.refused.is_empty() {
                return Ok(());
            }
            writeln!(
                out,
                "{} read in {}; {} to the cards",
                count(found.read as i64, "commit"),
                repo.root().display(),
                count(found.linked.len() as i64, "new link")
            )?;
            for (key, commit) in &found.linked {
                writeln!(out, "  {key} ← {} {}", commit.short_hash(), commit.subject)?;
            }
            for line in found.shipped.iter().chain(&found.refused) {
                writeln!(out, "{line}")?;
            }
        }
        GitCommand::Commits { key, json } => {
            let commits = s.file.open_to_read(cli)?.commits_of(*key)?;
            if *json {
                return write_json(out, &commits);
            }
            writeln!(out, "{}", listing(*key, &commits))?;
        }
        GitCommand::Hook(action) => {
            let repo = repo(cli)?;
            let changes = match action {
                HookCommand::Install => {
                    let command = scan_command(cli)?;
                    crate::git::install_hooks(&repo, &command)?
                }
                HookCommand::Uninstall => crate::git::uninstall_hooks(&repo)?,
            };
            if changes.is_empty() {
                writeln!(out, "no hook held roadboard's lines")?;
            }
            for change in changes {
                writeln!(out, "{}: {}", change.path.display(), change.what)?;
            }
        }
    }
    Ok(())
}

/// `start F12 --branch`: the branch for the feature just started, in the
/// repository found before it started (so a start is not made where no
/// branch can be).
pub(super) fn branch_for(
    s: &mut Session,
    repo: &Repo,
    key: FeatureKey,
    out: &mut dyn Write,
) -> CliResult {
    let title = s.file.open(s.cli)?.feature(key)?.title;
    let name = branch_name(key, &title);
    repo.create_branch(&name)?;
    writeln!(out, "switched to a new branch {name}")?;
    Ok(())
}

/// The line a hook runs: this roadboard, on this file (and this config,
/// when one was named), scanning quietly.
fn scan_command(cli: &Cli) -> CliResult<String> {
    let program = std::env::current_exe()
        .map_err(|error| CliError::Input(format!("cannot tell where roadboard is: {error}")))?;
    let db = std::path::absolute(cli.db_path(false)?)?;
    let mut words: Vec<PathBuf> = vec![program, "--db".into(), db];
    if let Some(config) = &cli.config {
        words.extend(["--config".into(), std::path::absolute(config)?]);
    }
    let mut line: Vec<String> = words.iter().map(|w| quoted(&w.to_string_lossy())).collect();
    line.extend(["git".into(), "scan".into(), "--quiet".into()]);
    Ok(line.join(" "))
}

/// `text` as one word for sh, whatever it holds.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}
