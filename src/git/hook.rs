//! The hooks that scan at once after a commit or a merge: roadboard's lines
//! between two markers, added beside whatever the hook already does and
//! removed alone.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{GitError, Repo};

const HOOKS: [&str; 2] = ["post-commit", "post-merge"];
const BEGIN: &str =
    "# >>> roadboard: scan commits for the cards (`roadboard git hook uninstall` removes this)";
const END: &str = "# <<< roadboard";

/// What installing or removing did to one hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookChange {
    pub path: PathBuf,
    pub what: String,
}

/// Adds (or renews) roadboard's lines, running `command`, to the
/// repository's post-commit and post-merge hooks.
pub fn install_hooks(repo: &Repo, command: &str) -> Result<Vec<HookChange>, GitError> {
    let dir = repo.hooks_dir()?;
    fs::create_dir_all(&dir).map_err(|error| io(&dir, error))?;
    let block = format!("{BEGIN}\n{command} >/dev/null 2>&1 || true\n{END}\n");
    HOOKS
        .iter()
        .map(|name| {
            let path = dir.join(name);
            let what = install_one(&path, command, &block)?;
            Ok(HookChange { path, what })
        })
        .collect()
}

/// Puts `block` into the hook at `path`; says what it did.
fn install_one(path: &Path, command: &str, block: &str) -> Result<String, GitError> {
    let Some(hook) = read_hook(path)? else {
        write_hook(path, &format!("#!/bin/sh\n{block}"), None)?;
        return Ok("created".to_owned());
    };
    if let Some(shell) = foreign_interpreter(&hook.text) {
        return Ok(format!(
            "left alone: it runs {shell}, not sh; add `{command}` to it yourself"
        ));
    }
    let (mut text, had) = without_block(&hook.text);
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(block);
    write_hook(path, &text, Some(&hook.permissions))?;
    let verb = if had { "renewed" } else { "added to" };
    Ok(if is_executable(&hook.permissions) {
        format!("{verb} (its own lines kept)")
    } else {
        format!("{verb}, but it is not executable: git runs it after `chmod +x`")
    })
}

/// Removes roadboard's lines from the hooks, and a hook that held nothing
/// else.
pub fn uninstall_hooks(repo: &Repo) -> Result<Vec<HookChange>, GitError> {
    let dir = repo.hooks_dir()?;
    let mut changes = Vec::new();
    for name in HOOKS {
        let path = dir.join(name);
        let Some(hook) = read_hook(&path)? else {
            continue;
        };
        let (kept, had) = without_block(&hook.text);
        if !had {
            continue;
        }
        let what = if kept.trim() == "#!/bin/sh" || kept.trim().is_empty() {
            fs::remove_file(&path).map_err(|error| io(&path, error))?;
            "removed (it held only roadboard's lines)"
        } else {
            write_hook(&path, &kept, Some(&hook.permissions))?;
            "roadboard's lines removed, its own kept"
        };
        changes.push(HookChange {
            path,
            what: what.to_owned(),
        });
    }
    Ok(changes)
}

/// The text without roadboard's block, and whether it had one.
fn without_block(text: &str) -> (String, bool) {
    let mut kept = String::with_capacity(text.len());
    let mut inside = false;
    let mut had = false;
    for line in text.split_inclusive('\n') {
        match line.trim_end() {
            BEGIN => {
                inside = true;
                had = true;
            }
            END if inside => inside = false,
            _ if inside => {}
            _ => kept.push_str(line),
        }
    }
    (kept, had)
}

/// The interpreter a hook's first line names, when it is not a shell that
/// reads our lines (`python3`, `node`).
fn foreign_interpreter(text: &str) -> Option<String> {
    let first = text.lines().next()?.strip_prefix("#!")?;
    let mut words = first.split_whitespace();
    let program = words.next()?;
    let program = if program.ends_with("/env") {
        words.next()?
    } else {
        program
    };
    let name = program.rsplit('/').next().unwrap_or(program);
    (!matches!(name, "sh" | "bash" | "dash" | "zsh" | "ksh")).then(|| name.to_owned())
}

/// A hook as found: its text and its permissions.
struct Hook {
    text: String,
    permissions: fs::Permissions,
}

fn read_hook(path: &Path) -> Result<Option<Hook>, GitError> {
    let meta = match fs::symlink_metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io(path, error)),
        Ok(meta) if !meta.is_file() => {
            return Err(io(
                path,
                std::io::Error::other("not a regular file (a link or a folder); left alone"),
            ));
        }
        Ok(meta) => meta,
    };
    let text = fs::read_to_string(path).map_err(|error| io(path, error))?;
    Ok(Some(Hook {
        text,
        permissions: meta.permissions(),
    }))
}

/// Writes the hook through a temporary file beside it (a crash leaves the
/// old hook whole), with the old hook's permissions, or executable when
/// there was none.
fn write_hook(
    path: &Path,
    text: &str,
    permissions: Option<&fs::Permissions>,
) -> Result<(), GitError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|error| io(dir, error))?;
    file.write_all(text.as_bytes())
        .map_err(|error| io(path, error))?;
    match permissions {
        Some(permissions) => fs::set_permissions(file.path(), permissions.clone()),
        None => make_executable(file.path()),
    }
    .map_err(|error| io(path, error))?;
    file.persist(path).map_err(|error| io(path, error.error))?;
    Ok(())
}

#[cfg(unix)]
fn make_executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn is_executable(permissions: &fs::Permissions) -> bool {
    use std::os::unix::fs::PermissionsExt;
    permissions.mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_: &fs::Permissions) -> bool {
    true
}

fn io(path: &Path, error: std::io::Error) -> GitError {
    GitError::Io {
        path: path.to_owned(),
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_lines_come_out() {
        let text = format!("#!/bin/sh\nmake lint\n{BEGIN}\nroadboard git scan\n{END}\necho done\n");
        assert_eq!(
            without_block(&text),
            ("#!/bin/sh\nmake lint\necho done\n".to_owned(), true)
        );
        assert_eq!(
            without_block("#!/bin/sh\n"),
            ("#!/bin/sh\n".to_owned(), false)
        );
    }

    #[test]
    fn scripts_of_other_languages_are_named() {
        assert_eq!(
            foreign_interpreter("#!/usr/bin/env python3\n"),
            Some("python3".into())
        );
        assert_eq!(foreign_interpreter("#!/bin/bash\n"), None);
        assert_eq!(foreign_interpreter("#!/usr/bin/env sh\n"), None);
        assert_eq!(foreign_interpreter("echo no shebang\n"), None);
    }
}
