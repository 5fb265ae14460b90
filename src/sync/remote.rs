//! The sync branch on a git remote, through a bare repository of
//! roadboard's own on this machine and the founder's own `git` (their
//! credentials, ssh agent and config as they are). Only the branch named
//! for the roadmap is fetched and pushed, and its commits hold the roadmap
//! alone; a repository that holds other files is not touched otherwise.

use std::fs;

use crate::domain::sync::doc::FILE;
use crate::git::{GitError, git, git_env, git_with};
use crate::local::SyncPlace;

/// The readable copy kept beside the exact form on the branch.
pub const READABLE: &str = "roadmap.md";

/// Why a push did not land.
#[derive(Debug)]
pub enum PushError {
    /// The remote moved on since the fetch: merge again.
    Behind,
    Failed(GitError),
}

/// The remote as this machine reaches it.
pub struct Remote<'a> {
    place: &'a SyncPlace,
    /// What git is run with when nobody can answer it.
    unattended: Vec<(&'static str, String)>,
}

impl<'a> Remote<'a> {
    /// The remote of `place`; its repository here is made on first use.
    /// `unattended`: ssh asks for no passphrase (it would write over the
    /// board) and gives up on a silent server, unless the founder set ssh's
    /// command themselves; a connection that stalls ends.
    pub fn of(place: &'a SyncPlace, unattended: bool) -> Result<Remote<'a>, GitError> {
        let repo = &place.repo;
        if !repo.join("HEAD").exists() {
            let parent = repo.parent().unwrap_or(repo);
            fs::create_dir_all(parent).map_err(|error| GitError::Io {
                path: parent.to_owned(),
                error,
            })?;
            git(
                parent,
                [
                    "init".as_ref(),
                    "--bare".as_ref(),
                    "--quiet".as_ref(),
                    repo.as_os_str(),
                ],
            )?;
        }
        let mut remote = Remote {
            place,
            unattended: Vec::new(),
        };
        if unattended {
            let own_ssh = std::env::var_os("GIT_SSH_COMMAND").is_some()
                || std::env::var_os("GIT_SSH").is_some()
                || git(repo, ["config", "--get", "core.sshCommand"]).is_ok();
            if !own_ssh {
                remote.unattended.push((
                    "GIT_SSH_COMMAND",
                    "ssh -o BatchMode=yes -o ConnectTimeout=15".to_owned(),
                ));
            }
            remote.unattended.extend([
                ("GIT_HTTP_LOW_SPEED_LIMIT", "1000".to_owned()),
                ("GIT_HTTP_LOW_SPEED_TIME", "30".to_owned()),
            ]);
        }
        Ok(remote)
    }

    /// git on this remote's repository here, as it is run for the network.
    fn network(&self, args: &[&str]) -> Result<String, GitError> {
        git_env(&self.place.repo, args, &self.unattended)
    }

    fn branch_ref(&self) -> String {
        format!("refs/heads/{}", self.place.branch)
    }

    /// The commit the branch points at on the remote; `None` before the
    /// first push.
    pub fn tip(&self) -> Result<Option<String>, GitError> {
        let listed = self.network(&["ls-remote", &self.place.remote, &self.branch_ref()])?;
        Ok(listed
            .lines()
            .find_map(|line| line.split_whitespace().next())
            .map(str::to_owned))
    }

    /// Brings the branch's commits here.
    pub fn fetch(&self) -> Result<(), GitError> {
        let refspec = format!(
            "+{}:refs/remotes/sync/{}",
            self.branch_ref(),
            self.place.branch
        );
        self.network(&[
            "fetch",
            "--quiet",
            "--no-tags",
            &self.place.remote,
            &refspec,
        ])
        .map(drop)
    }

    /// The roadmap's exact form in `commit`.
    pub fn read(&self, commit: &str) -> Result<String, GitError> {
        git(
            &self.place.repo,
            ["cat-file", "blob", &format!("{commit}:{FILE}")],
        )
    }

    /// A commit holding `files` (name, text) after `parent`, by `author`
    /// on `machine` when git has no identity of its own here.
    pub fn commit(
        &self,
        files: &[(&str, &str)],
        parent: Option<&str>,
        message: &str,
        (author, machine): (&str, &str),
    ) -> Result<String, GitError> {
        let repo = &self.place.repo;
        let mut tree = String::new();
        for (name, text) in files {
            let blob = git_with(repo, ["hash-object", "-w", "--stdin"], Some(text))?;
            tree.push_str(&format!("100644 blob {}\t{name}\n", blob.trim()));
        }
        let tree = git_with(repo, ["mktree"], Some(&tree))?;
        let known = |key: &str| git(repo, ["config", "--get", key]).is_ok();
        let mut args: Vec<String> = Vec::new();
        if !known("user.name") || !known("user.email") {
            let name = if author.trim().is_empty() {
                "roadboard"
            } else {
                author
            };
            args.extend([
                "-c".into(),
                format!("user.name={name}"),
                "-c".into(),
                format!(
                    "user.email=roadboard@{}",
                    if machine.is_empty() {
                        "localhost"
                    } else {
                        machine
                    }
                ),
            ]);
        }
        args.extend(["commit-tree".into(), tree.trim().to_owned()]);
        if let Some(parent) = parent {
            args.extend(["-p".into(), parent.to_owned()]);
        }
        args.extend(["-m".into(), message.to_owned()]);
        Ok(git(repo, &args)?.trim().to_owned())
    }

    /// Moves the remote branch to `commit`, if nobody moved it meanwhile.
    pub fn push(&self, commit: &str) -> Result<(), PushError> {
        let refspec = format!("{commit}:{}", self.branch_ref());
        match self.network(&["push", "--quiet", &self.place.remote, &refspec]) {
            Ok(_) => Ok(()),
            // Not "remote rejected": that is the remote's own refusal (a
            // hook, a permission), which merging again does not mend.
            Err(GitError::Failed { message, .. })
                if ["(non-fast-forward)", "(fetch first)"]
                    .iter()
                    .any(|said| message.contains(said)) =>
            {
                Err(PushError::Behind)
            }
            Err(other) => Err(PushError::Failed(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unattended_remote_asks_nothing_and_gives_up_on_a_stall() {
        let dir = tempfile::tempdir().unwrap();
        let place = SyncPlace {
            remote: dir.path().join("remote.git").display().to_string(),
            branch: "roadboard".into(),
            repo: dir.path().join("here.git"),
        };
        let attended = Remote::of(&place, false).unwrap();
        assert!(attended.unattended.is_empty(), "the terminal can answer");
        assert!(place.repo.join("HEAD").exists(), "its repository is made");
        let unattended = Remote::of(&place, true).unwrap();
        let names: Vec<&str> = unattended.unattended.iter().map(|(n, _)| *n).collect();
        assert!(names.contains(&"GIT_HTTP_LOW_SPEED_TIME"), "{names:?}");
        if std::env::var_os("GIT_SSH_COMMAND").is_none() && std::env::var_os("GIT_SSH").is_none() {
            let ssh = &unattended.unattended[0];
            assert_eq!(ssh.0, "GIT_SSH_COMMAND");
            assert!(ssh.1.contains("BatchMode=yes"), "{}", ssh.1);
        }
    }
}
