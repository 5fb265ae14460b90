//! Writing a whole document to a path without ever destroying what the path
//! points at: never the open database or its side files, never a directory;
//! a regular file is replaced atomically through a uniquely named temporary
//! file beside it (so a reader, or git, never sees half a document, and a
//! planted symlink cannot redirect the write) and keeps its permissions; a
//! FIFO or a device is written into, not replaced.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::store::database_file_at;

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "refusing to write {target}: it is {database_file}, part of the open roadmap database {database}"
    )]
    Database {
        target: PathBuf,
        database_file: PathBuf,
        database: PathBuf,
    },
    #[error("refusing to write {0}: it is a directory; name a file inside it")]
    Directory(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes `contents` to `target`. `database`, when given, is the open
/// database: it and its side files are refused by name and by inode, and a
/// file created anew is readable by whom the database is (a mirror of a
/// 0600 roadmap is 0600, as its backups are).
pub fn write_document(
    target: &Path,
    contents: &[u8],
    database: Option<&Path>,
) -> Result<(), OutputError> {
    let like = database
        .and_then(|d| fs::metadata(d).ok())
        .map(|m| m.permissions());
    write_with(target, contents, database, like)
}

/// `write_document` for the public site: a file created anew is readable
/// by anyone (0666 less the umask), for a web server to serve.
pub fn write_public(
    target: &Path,
    contents: &[u8],
    database: Option<&Path>,
) -> Result<(), OutputError> {
    write_with(target, contents, database, None)
}

/// `new_mode`: the permissions of a file created anew (`None`: as `>`).
fn write_with(
    target: &Path,
    contents: &[u8],
    database: Option<&Path>,
    new_mode: Option<fs::Permissions>,
) -> Result<(), OutputError> {
    if let Some(database) = database
        && let Some(database_file) = database_file_at(database, target)
    {
        return Err(OutputError::Database {
            target: target.to_path_buf(),
            database_file,
            database: database.to_path_buf(),
        });
    }
    let io = |source| OutputError::Io {
        path: target.to_path_buf(),
        source,
    };
    match fs::metadata(target) {
        Ok(meta) if meta.is_dir() => Err(OutputError::Directory(target.to_path_buf())),
        Ok(meta) if !meta.is_file() => write_into(target, contents).map_err(io),
        Ok(meta) => {
            // Through a symlink to the file it names, so the link stays.
            let real = fs::canonicalize(target).map_err(io)?;
            replace(&real, contents, Some(meta.permissions())).map_err(io)
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            replace(target, contents, new_mode).map_err(io)
        }
        Err(error) => Err(io(error)),
    }
}

/// A FIFO, a terminal, `/dev/null`: opened and written like a shell's `>`.
fn write_into(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).open(target)?;
    file.write_all(contents)?;
    file.flush()
}

/// Replaces (or creates) the regular file `target`: a temporary file created
/// exclusively in its directory, synced, given `permissions` (a new file:
/// 0666 less the umask, as `>` would), then renamed over it. On any error
/// the temporary file is removed.
fn replace(
    target: &Path,
    contents: &[u8],
    permissions: Option<fs::Permissions>,
) -> std::io::Result<()> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".roadboard-").suffix(".tmp");
    #[cfg(unix)]
    if permissions.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(contents)?;
    if let Some(permissions) = permissions {
        file.as_file().set_permissions(permissions)?;
    }
    file.as_file().sync_all()?;
    file.persist(target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_regular_file_is_replaced_and_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("ROADMAP.md");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
        write_document(&target, b"new", None).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(names_in(dir.path()), ["ROADMAP.md"]);
    }

    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_document(&link, b"new", None).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn a_directory_is_refused_and_a_failure_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_document(dir.path(), b"x", None).unwrap_err();
        assert!(matches!(error, OutputError::Directory(_)), "{error}");
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o500)).unwrap();
        let result = write_document(&locked.join("out.md"), b"x", None);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o700)).unwrap();
        // root may write anyway; either way no temporary file is left.
        if result.is_err() {
            assert!(names_in(&locked).is_empty());
        }
    }
}
