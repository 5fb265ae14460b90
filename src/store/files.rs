//! The files that make up one database on disk: the file itself, the side
//! files SQLite keeps beside it (`-wal`, `-shm`, `-journal`) and the copies
//! roadboard takes before a migration (`.vN.bak`). No output may ever be
//! written over one of them.

use std::fs;
use std::path::{Path, PathBuf};

/// The suffixes SQLite appends to the database's name for its side files.
const SIDE_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// `path` as SQLite must be given it to open that very file: a relative
/// name starting with `file:` would be read as a URI (`file:x.db` opens
/// `x.db`), so it is given as `./file:x.db`.
pub(super) fn literal(path: &Path) -> PathBuf {
    if path.is_relative() && path.to_string_lossy().starts_with("file:") {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    }
}

/// `roadmap.db` + `-wal` → `roadmap.db-wal`.
pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `path` with symlinks and `..` resolved; a file that does not exist yet is
/// resolved through its directory.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (fs::canonicalize(dir), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// Whether `name` is the database's name followed by a side-file suffix or
/// a migration backup's `.v<N>.bak` / `.v<N>.<M>.bak`.
fn is_side_name(database: &str, name: &str) -> bool {
    let Some(rest) = name.strip_prefix(database) else {
        return false;
    };
    if rest.is_empty() || SIDE_SUFFIXES.contains(&rest) {
        return true;
    }
    rest.strip_prefix(".v")
        .and_then(|r| r.strip_suffix(".bak"))
        .is_some_and(|numbers| {
            numbers
                .split('.')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// The same file on disk (device and inode), whatever the names.
#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// Which file a path names: device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity(u64, u64);

impl Identity {
    #[cfg(unix)]
    pub fn of(path: &Path) -> Option<Identity> {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| Identity(m.dev(), m.ino()))
    }

    #[cfg(not(unix))]
    pub fn of(path: &Path) -> Option<Identity> {
        fs::metadata(path).ok().map(|_| Identity(0, 0))
    }
}

/// When `target` is the database at `database` or one of its side files —
/// by resolved path, or by inode for a hard link — the database's file it
/// would destroy.
pub fn database_file_at(database: &Path, target: &Path) -> Option<PathBuf> {
    let db = resolved(database);
    let wanted = resolved(target);
    let db_name = db.file_name()?.to_string_lossy().into_owned();
    if wanted.parent() == db.parent()
        && wanted
            .file_name()
            .is_some_and(|n| is_side_name(&db_name, &n.to_string_lossy()))
    {
        return Some(wanted);
    }
    let target_meta = fs::metadata(target).ok()?;
    let dir = db.parent()?;
    let candidates = fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|entry| is_side_name(&db_name, &entry.file_name().to_string_lossy()));
    for entry in candidates {
        if entry
            .metadata()
            .is_ok_and(|meta| same_file(&meta, &target_meta))
        {
            return Some(entry.path());
        }
    }
    None
}

/// Removes the database at `path` and its side files when it holds no
/// roadmap (a file the board created for a welcome screen that was left
/// without starting one). `true` when it was removed.
pub fn remove_if_empty(path: &Path) -> std::io::Result<bool> {
    let empty = rusqlite::Connection::open_with_flags(
        literal(path),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .and_then(|conn| conn.query_row("SELECT count(*) FROM roadmap", [], |r| r.get::<_, i64>(0)))
    .is_ok_and(|n| n == 0);
    if !empty {
        return Ok(false);
    }
    for suffix in ["", "-wal", "-shm", "-journal"] {
        match fs::remove_file(sibling(path, suffix)) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
    }
    Ok(true)
}

/// A name for the copy taken before migrating from schema `version` that no
/// file holds yet: `roadmap.db.v1.bak`, else `roadmap.db.v1.2.bak`, ...
pub(super) fn free_backup_path(path: &Path, version: i64) -> PathBuf {
    std::iter::once(sibling(path, &format!(".v{version}.bak")))
        .chain((2..).map(|n| sibling(path, &format!(".v{version}.{n}.bak"))))
        .find(|candidate| fs::symlink_metadata(candidate).is_err())
        .expect("an endless supply of names")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_names_are_recognized_and_others_are_not() {
        for name in [
            "roadmap.db",
            "roadmap.db-wal",
            "roadmap.db-shm",
            "roadmap.db-journal",
            "roadmap.db.v1.bak",
            "roadmap.db.v4.2.bak",
        ] {
            assert!(is_side_name("roadmap.db", name), "{name}");
        }
        for name in [
            "roadmap.md",
            "roadmap.db.md",
            "roadmap.db.v.bak",
            "roadmap.db.vx.bak",
            "roadmap.db-wal2",
        ] {
            assert!(!is_side_name("roadmap.db", name), "{name}");
        }
    }

    #[test]
    fn the_database_and_its_side_files_are_found_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("roadmap.db");
        fs::write(&db, b"x").unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        assert!(database_file_at(&db, &sub.join("../roadmap.db")).is_some());
        assert!(database_file_at(&db, &dir.path().join("roadmap.db-wal")).is_some());
        assert!(database_file_at(&db, &dir.path().join("roadmap.db.v3.bak")).is_some());
        fs::hard_link(&db, dir.path().join("alias")).unwrap();
        assert!(database_file_at(&db, &dir.path().join("alias")).is_some());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&db, dir.path().join("link")).unwrap();
            assert!(database_file_at(&db, &dir.path().join("link")).is_some());
        }
        assert_eq!(database_file_at(&db, &dir.path().join("ROADMAP.md")), None);
    }

    #[test]
    fn a_backup_never_takes_a_name_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.db");
        assert_eq!(free_backup_path(&db, 1), dir.path().join("r.db.v1.bak"));
        fs::write(dir.path().join("r.db.v1.bak"), b"old").unwrap();
        assert_eq!(free_backup_path(&db, 1), dir.path().join("r.db.v1.2.bak"));
        fs::write(dir.path().join("r.db.v1.2.bak"), b"old").unwrap();
        assert_eq!(free_backup_path(&db, 1), dir.path().join("r.db.v1.3.bak"));
    }
}
