//! What this person chose on this machine for a roadmap file: where its
//! Markdown mirror is written, which git remote it syncs with; and what
//! this machine is called in the change log. Kept outside the file, in
//! `local.toml` under the platform's local data directory (or at
//! `ROADBOARD_STATE`), keyed by the file's absolute path: a path that
//! decides where roadboard writes must never come from a file someone
//! else can hand over (a shared repository, an email attachment).

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The environment variable naming the local state file (tests, or a
/// person who keeps it elsewhere).
pub const STATE_VARIABLE: &str = "ROADBOARD_STATE";

#[derive(Debug, thiserror::Error)]
pub enum LocalError {
    #[error("no home directory to keep this machine's settings in; set {STATE_VARIABLE}")]
    NoHome,
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not valid: {detail}; fix or remove it")]
    Invalid { path: PathBuf, detail: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    /// This machine's name in the change log (its host name unless set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    machine: Option<String>,
    /// Database path → its mirror, both absolute.
    #[serde(default)]
    mirrors: BTreeMap<PathBuf, PathBuf>,
    /// Database path → where it syncs.
    #[serde(default)]
    syncs: BTreeMap<PathBuf, SyncPlace>,
}

/// Where a roadmap file syncs: a git remote (a URL or a path, as git takes
/// it) and the branch that holds the roadmap alone, through a repository of
/// roadboard's own on this machine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncPlace {
    pub remote: String,
    pub branch: String,
    /// The bare repository that keeps the fetched and pushed commits.
    pub repo: PathBuf,
}

/// Where this machine's settings are kept.
fn state_path() -> Result<PathBuf, LocalError> {
    if let Some(path) = std::env::var_os(STATE_VARIABLE).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "roadboard")
        .map(|dirs| dirs.data_local_dir().join("local.toml"))
        .ok_or(LocalError::NoHome)
}

/// The key of a database: its absolute path with links resolved, so the
/// same file reached by two names has one mirror.
fn key(database: &Path) -> PathBuf {
    fs::canonicalize(database).unwrap_or_else(|_| database.to_path_buf())
}

fn load(path: &Path) -> Result<State, LocalError> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(State::default()),
        Err(source) => {
            return Err(LocalError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    // A FIFO or a device would block or never end.
    if !meta.is_file() {
        return Err(LocalError::Invalid {
            path: path.to_path_buf(),
            detail: "not a regular file".into(),
        });
    }
    let text = fs::read_to_string(path).map_err(|source| LocalError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    toml::from_str(&text).map_err(|error| LocalError::Invalid {
        path: path.to_path_buf(),
        detail: error.message().to_owned(),
    })
}

/// Writes `state` whole: a temporary file beside it, readable by this user
/// alone, moved into place.
fn save(path: &Path, state: &State) -> Result<(), LocalError> {
    let failed = |source| LocalError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(failed)?;
    let text = toml::to_string(state).expect("paths and maps are plain TOML");
    let mut temporary = tempfile::Builder::new()
        .prefix(".local-")
        .tempfile_in(dir)
        .map_err(failed)?;
    temporary.write_all(text.as_bytes()).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    temporary
        .persist(path)
        .map_err(|error| failed(error.error))?;
    Ok(())
}

/// The mirror this person set on this machine for the file at `database`.
pub fn mirror_of(database: &Path) -> Result<Option<PathBuf>, LocalError> {
    let state = load(&state_path()?)?;
    Ok(state.mirrors.get(&key(database)).cloned())
}

/// Sets (or with `None` forgets) the mirror of the file at `database`.
pub fn set_mirror(database: &Path, mirror: Option<&Path>) -> Result<(), LocalError> {
    let path = state_path()?;
    let mut state = load(&path)?;
    // Files deleted since (a temporary roadmap, a moved one) are forgotten.
    state.mirrors.retain(|database, _| database.exists());
    match mirror {
        Some(mirror) => state.mirrors.insert(key(database), mirror.to_path_buf()),
        None => state.mirrors.remove(&key(database)),
    };
    save(&path, &state)
}

/// Where the file at `database` syncs, if it was set up on this machine.
pub fn sync_of(database: &Path) -> Result<Option<SyncPlace>, LocalError> {
    let state = load(&state_path()?)?;
    Ok(state.syncs.get(&key(database)).cloned())
}

/// Connects the file at `database` to `remote` and `branch`; its commits
/// are kept in a bare repository beside this machine's settings.
pub fn set_sync(database: &Path, remote: &str, branch: &str) -> Result<SyncPlace, LocalError> {
    let path = state_path()?;
    let mut state = load(&path)?;
    state.syncs.retain(|database, _| database.exists());
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("sync");
    let repo = match state.syncs.get(&key(database)) {
        Some(place) => place.repo.clone(),
        None => folder.join(format!("{}.git", unique_name())),
    };
    let place = SyncPlace {
        remote: remote.to_owned(),
        branch: branch.to_owned(),
        repo,
    };
    state.syncs.insert(key(database), place.clone());
    save(&path, &state)?;
    Ok(place)
}

/// A name no other file of this machine has: the time and the process.
fn unique_name() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format!("{:x}-{:x}", now.as_nanos(), std::process::id())
}

/// This machine's name in the change log: the one set here, else the host
/// name, else nothing.
pub fn machine() -> String {
    let named = state_path()
        .and_then(|path| load(&path))
        .ok()
        .and_then(|state| state.machine);
    named
        .or_else(|| whoami::hostname().ok())
        .unwrap_or_default()
}

/// Names this machine in the change log.
pub fn set_machine(name: &str) -> Result<(), LocalError> {
    let path = state_path()?;
    let mut state = load(&path)?;
    state.machine = Some(name.trim().to_owned()).filter(|n| !n.is_empty());
    save(&path, &state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mirror_is_kept_per_file_and_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state/local.toml");
        let one = dir.path().join("one.db");
        let two = dir.path().join("two.db");
        fs::write(&one, b"").unwrap();
        fs::write(&two, b"").unwrap();
        let mut loaded = load(&state).unwrap();
        assert!(loaded.mirrors.is_empty(), "no file yet: nothing set");
        loaded.mirrors.insert(key(&one), dir.path().join("ONE.md"));
        save(&state, &loaded).unwrap();
        let loaded = load(&state).unwrap();
        assert_eq!(
            loaded.mirrors.get(&key(&one)),
            Some(&dir.path().join("ONE.md"))
        );
        assert_eq!(loaded.mirrors.get(&key(&two)), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&state).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "this person's alone");
        }
    }

    #[test]
    fn a_broken_state_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("local.toml");
        fs::write(&state, "mirrors = 3\n").unwrap();
        let error = load(&state).unwrap_err().to_string();
        assert!(error.contains("local.toml is not valid"), "{error}");
    }
}
