//! The founder's git repository, read and touched through their own `git`
//! (their config, credentials and hooks as they are): the commits since the
//! last scan, a branch for a feature, the hooks that scan after a commit.
//! Which commits name which cards is the domain's (`domain::commits`);
//! keeping the links and shipping through the method is the store's.

mod hook;
mod scan;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};

pub use hook::{HookChange, install_hooks, uninstall_hooks};
pub use scan::{Scan, ScanError, scan};

/// What went wrong with git, in words that say what to do.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("git is not installed or not on PATH ({0})")]
    Missing(std::io::Error),
    #[error(
        "{folder} is not in a git repository (set [git] repo in the config, or run from the repository): {said}"
    )]
    NotARepository { folder: PathBuf, said: String },
    #[error("git {args}: {message}")]
    Failed { args: String, message: String },
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// One commit as git wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    pub when: DateTime<Utc>,
    pub subject: String,
    /// The whole message, subject and trailers included.
    pub message: String,
}

/// A repository's working tree, found from any folder inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Repo {
    /// The top of the working tree, absolute.
    root: PathBuf,
}

/// Fields and records of `git log` kept apart by characters no message holds.
const FIELD: char = '\u{1f}';
const RECORD: char = '\u{1e}';

impl Repo {
    /// The repository holding `folder`.
    pub fn find(folder: &Path) -> Result<Repo, GitError> {
        let top = git(folder, ["rev-parse", "--show-toplevel"]).map_err(|error| match error {
            GitError::Failed { message, .. } => GitError::NotARepository {
                folder: folder.to_owned(),
                said: message,
            },
            other => other,
        })?;
        Ok(Repo {
            root: PathBuf::from(top.trim_end_matches(['\n', '\r'])),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The commit HEAD points at; `None` in a repository with no commit yet.
    pub fn head(&self) -> Result<Option<String>, GitError> {
        match git(&self.root, ["rev-parse", "--verify", "--quiet", "HEAD"]) {
            Ok(hash) => Ok(Some(hash.trim().to_owned())),
            Err(GitError::Failed { .. }) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// The commits reachable from `head` and not from `since`, newest
    /// first: all of them without `since`, or when the repository no longer
    /// holds it (history rewritten, a fresh clone).
    pub fn commits_since(&self, since: Option<&str>, head: &str) -> Result<Vec<Commit>, GitError> {
        let format = format!("--format=%H{FIELD}%cI{FIELD}%s{FIELD}%B{RECORD}");
        let range = match since.filter(|since| self.holds(since)) {
            Some(since) => format!("{since}..{head}"),
            None => head.to_owned(),
        };
        Ok(parse_log(&git(
            &self.root,
            ["log", "--no-color", &format, &range],
        )?))
    }

    /// Whether the repository holds commit `hash`.
    fn holds(&self, hash: &str) -> bool {
        git(
            &self.root,
            [
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{hash}^{{commit}}"),
            ],
        )
        .is_ok()
    }

    /// Creates branch `name` at HEAD and switches to it.
    pub fn create_branch(&self, name: &str) -> Result<(), GitError> {
        git(&self.root, ["switch", "--create", name]).map(drop)
    }

    /// The folder git runs this repository's hooks from (`core.hooksPath`
    /// honoured).
    pub fn hooks_dir(&self) -> Result<PathBuf, GitError> {
        let path = git(&self.root, ["rev-parse", "--git-path", "hooks"])?;
        Ok(self.root.join(path.trim_end_matches(['\n', '\r'])))
    }
}

/// Runs `git -C folder ARGS` and returns what it printed, or what it said.
pub(crate) fn git<I, S>(folder: &Path, args: I) -> Result<String, GitError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    git_with(folder, args, None)
}

/// `git`, with `input` written to its standard input.
pub(crate) fn git_with<I, S>(
    folder: &Path,
    args: I,
    input: Option<&str>,
) -> Result<String, GitError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_git(folder, args, input, &[])
}

/// `git` with these variables in its environment.
pub(crate) fn git_env(
    folder: &Path,
    args: &[&str],
    env: &[(&'static str, String)],
) -> Result<String, GitError> {
    run_git(folder, args, None, env)
}

fn run_git<I, S>(
    folder: &Path,
    args: I,
    input: Option<&str>,
    env: &[(&'static str, String)],
) -> Result<String, GitError>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    use std::io::Write as _;
    let args: Vec<S> = args.into_iter().collect();
    let mut child = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(&args)
        .envs(env.iter().map(|(name, value)| (name, value)))
        // Never wait on a question no one will see.
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(if input.is_some() {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        })
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(GitError::Missing)?;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin
            .write_all(input.as_bytes())
            .map_err(|error| GitError::Io {
                path: folder.to_owned(),
                error,
            })?;
    }
    let output = child.wait_with_output().map_err(|error| GitError::Io {
        path: folder.to_owned(),
        error,
    })?;
    if !output.status.success() {
        return Err(GitError::Failed {
            args: args
                .iter()
                .map(|a| a.as_ref().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(" "),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The commits of `git log` in the format `commits_since` asks for; a
/// record that does not read (a date git would not write) is left out.
fn parse_log(text: &str) -> Vec<Commit> {
    text.split(RECORD)
        .filter_map(|record| {
            let mut fields = record.trim_start_matches(['\n', '\r']).splitn(4, FIELD);
            let hash = fields.next()?.trim();
            let when = DateTime::parse_from_rfc3339(fields.next()?).ok()?;
            let subject = fields.next()?;
            let message = fields.next().unwrap_or_default().trim_end();
            (!hash.is_empty()).then(|| Commit {
                hash: hash.to_owned(),
                when: when.with_timezone(&Utc),
                subject: subject.to_owned(),
                message: message.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_format_reads_back() {
        let text = format!(
            "abc123{FIELD}2026-12-04T10:00:00+01:00{FIELD}Billing F12{FIELD}Billing F12\n\nShips: F12\n{RECORD}\n\
             def456{FIELD}not a date{FIELD}x{FIELD}x{RECORD}\n"
        );
        let commits = parse_log(&text);
        assert_eq!(commits.len(), 1);
        assert_eq!(commits[0].hash, "abc123");
        assert_eq!(commits[0].when.to_rfc3339(), "2026-12-04T09:00:00+00:00");
        assert_eq!(commits[0].message, "Billing F12\n\nShips: F12");
    }
}
