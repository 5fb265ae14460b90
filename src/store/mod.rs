//! The SQLite file: opening (and refusing what is not ours), migrations,
//! queries, and every write with its change-log entry.

mod apply;
mod backup;
mod commits;
mod files;
mod fresh;
mod import;
mod journal;
mod progress;
mod read;
mod reimport;
mod schema;
mod settings;
mod sync;
mod write;

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use thiserror::Error;

use crate::domain::deps::DependencyError;
use crate::domain::{FeatureKey, Refusal};

pub use apply::Applied;
pub use files::database_file_at;
pub use import::ImportOutcome;
pub use progress::ProgressSink;
pub use read::LogFilter;
pub use reimport::Update;
pub use schema::{APPLICATION_ID, latest_version};
pub use sync::{SyncBase, SyncMark};
pub use write::OutcomeRecord;

/// How long a writer waits for another process's transaction to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("no roadboard database at {path}: create one with `roadboard init --db {path}`")]
    Missing { path: PathBuf },
    #[error("cannot create {path}: the directory {dir} does not exist")]
    MissingDirectory { path: PathBuf, dir: PathBuf },
    #[error("{path} is an empty file, not a roadboard database; remove it or choose another --db")]
    Empty { path: PathBuf },
    #[error("{path} is not a roadboard database (not a SQLite file); left untouched")]
    NotSqlite { path: PathBuf },
    #[error("{path} is a SQLite database of another program, not roadboard's; left untouched")]
    Foreign { path: PathBuf },
    #[error("{path} is damaged ({detail}); left untouched — restore it from a backup")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path} was written by a newer roadboard (schema version {found}; this build knows up to {known}); upgrade roadboard to open it — the file is left untouched"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{path} is read-only; roadboard needs to write to it")]
    ReadOnly { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} holds no roadmap yet: run `roadboard init` (or open the board) first")]
    NoRoadmap { path: PathBuf },
    #[error("{path} already holds the roadmap \"{name}\"")]
    AlreadyInitialized { path: PathBuf, name: String },
    #[error("no feature {0}")]
    NoFeature(FeatureKey),
    #[error("no phase matching `{0}` (give its number in `roadboard phase list` or its name)")]
    NoPhase(String),
    #[error("no {what} #{id}")]
    NotFound { what: &'static str, id: i64 },
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("nothing imported: {}", crate::domain::validate::describe(.0))]
    InvalidDocument(Vec<crate::domain::validate::Problem>),
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Dependency(#[from] DependencyError),
    #[error(transparent)]
    ShippedWaits(#[from] crate::domain::deps::ShippedWaits),
    #[error("the database is busy: another roadboard held it for more than {}s; try again", BUSY_TIMEOUT.as_secs())]
    Busy,
    #[error("the disk is full: nothing was written; free some space and try again")]
    DiskFull,
    #[error(
        "cannot read or write {path} ({detail}): the disk may be full or failing; the file is left as it is"
    )]
    Disk { path: PathBuf, detail: String },
    #[error("{path}: cannot switch to write-ahead logging (journal mode stayed {mode})")]
    NoWal { path: PathBuf, mode: String },
    #[error(
        "{table} {row}, column {column}: {detail} — the file was changed outside roadboard (by hand or by a newer version)"
    )]
    BadRow {
        table: String,
        row: String,
        column: String,
        detail: String,
    },
    #[error("{path} was replaced on disk while this write began; nothing was written — try again")]
    Replaced { path: PathBuf },
    #[error(transparent)]
    Local(#[from] crate::local::LocalError),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("cannot migrate {path} to schema version {version}: {detail}")]
    Migration {
        path: PathBuf,
        version: i64,
        detail: String,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull,
            _ => StoreError::Sqlite(error),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Whether opening may create a new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file (not its directory) when it does not exist.
    CreateIfMissing,
    /// The file must exist already.
    Existing,
    /// The file must exist, and is only read (a command that shows or
    /// copies it): it opens on read-only media and on a full disk.
    ReadOnly,
}

/// One open roadboard file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Who the change log names for this session's edits.
    author: String,
    /// Which machine the change log names for them (see `local::machine`).
    machine: String,
    /// The change-log entry of the latest write through this handle.
    last_entry: Option<i64>,
    /// What that entry says: the sentence every front end shows for it.
    last_summary: String,
    /// The reason given for the writes under way (`with_reason`).
    reason: String,
    /// The file this handle opened, to notice it being replaced.
    identity: Option<files::Identity>,
    /// The rows written since `track_changes` (see `fresh_rows`).
    touched: fresh::Touched,
    /// The connection's count of changed rows once opened (and migrated).
    changes_at_open: u64,
    /// Told how far a long write (an import) is.
    progress: Option<progress::ProgressSink>,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens `path`, refusing anything that is not a roadboard database
    /// without modifying it. An older schema is migrated after a backup copy
    /// (`<file>.v<N>.bak`) is written next to it.
    pub fn open(path: &Path, mode: OpenMode, author: &str) -> Result<Store> {
        let path = files::literal(path);
        match fs::metadata(&path) {
            Ok(meta) => {
                let inspected = inspect_existing(&path, &meta, mode)?;
                // A handle that only reads goes on with the connection the
                // file was looked at with: no second open.
                if mode == OpenMode::ReadOnly {
                    return Store::open_read_only(path, author, inspected);
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                if mode != OpenMode::CreateIfMissing {
                    return Err(StoreError::Missing { path });
                }
                let dir = path
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                if !dir.is_dir() {
                    return Err(StoreError::MissingDirectory {
                        dir: dir.to_path_buf(),
                        path,
                    });
                }
            }
            Err(source) => return Err(StoreError::Io { path, source }),
        }

        let mut conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| corrupt(&path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // The bundled SQLite turns foreign keys on by default: off while
        // migrating (see below), on for every write after.
        conn.pragma_update(None, "foreign_keys", false)?;
        // Nothing in an older file changes before its copy exists.
        let backup = back_up_before_migrating(&conn, &path, latest_version())?;
        let journal: String = conn
            .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0))
            .map_err(|e| corrupt(&path, e))?;
        if !journal.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NoWal {
                path,
                mode: journal,
            });
        }
        // FULL: a commit is on disk when the CLI says it is done.
        conn.pragma_update(None, "synchronous", "FULL")?;

        migrate(&mut conn, &path, &schema::migrations(), latest_version())
            .map_err(|error| keep_backup_in_message(error, backup.as_deref()))?;
        // After the migrations: a step that rebuilds a table drops the old
        // one, which with foreign keys on would cascade into its children.
        // Each such step checks the keys itself before it commits.
        conn.pragma_update(None, "foreign_keys", true)?;
        Ok(Store::on(conn, path, author))
    }

    /// A handle on `conn`, open on the file at `path`, nothing written
    /// through it yet.
    fn on(conn: Connection, path: PathBuf, author: &str) -> Store {
        Store {
            identity: files::Identity::of(&path),
            changes_at_open: conn.total_changes(),
            conn,
            path,
            author: author.to_owned(),
            machine: crate::local::machine(),
            last_entry: None,
            last_summary: String::new(),
            reason: String::new(),
            touched: fresh::Touched::Off,
            progress: None,
        }
    }

    /// A handle that only reads: no journal switch, no side files where
    /// none are live (a file of an older schema is migrated first).
    fn open_read_only(path: PathBuf, author: &str, inspected: Inspected) -> Result<Store> {
        let Inspected { conn, version } = inspected;
        // An older schema is brought up to date first, as any open does
        // (which says so when the file cannot be written).
        if version < latest_version() {
            drop(conn);
            return Store::open(&path, OpenMode::Existing, author);
        }
        Ok(Store::on(conn, path, author))
    }

    /// Tells `sink` how far each long write (an import) is, in percents.
    pub fn on_progress(&mut self, sink: progress::ProgressSink) {
        self.progress = Some(sink);
    }

    /// Whether anything was written through this handle since it opened
    /// (a change, a setting, a review draft): what decides that the mirror
    /// and the published site are rewritten.
    pub fn wrote(&self) -> bool {
        self.conn.total_changes() > self.changes_at_open
    }

    /// Whether the file at this handle's path is no longer the one it
    /// opened: replaced (a backup moved into place) or removed. Writes
    /// through the handle would then land in a file nobody will read.
    pub fn file_replaced(&self) -> bool {
        files::Identity::of(&self.path) != self.identity
    }

    /// When the file at this handle's path is another one than it opened
    /// (a backup moved into place), opens that one: `true` when it did.
    /// Every long-lived holder (the board's worker, an MCP server, a
    /// watch) calls this before it reads, and every write does it first.
    pub fn follow_replacement(&mut self) -> Result<bool> {
        if !self.file_replaced() {
            return Ok(false);
        }
        self.reopen()?;
        Ok(true)
    }

    /// Opens the file now at this handle's path. The old connection is
    /// closed without a checkpoint: the write-ahead log and its index are
    /// found by name, so they now belong to the new file, and frames other
    /// processes wrote there (acknowledged writes to the new file) must
    /// never be copied into the old one and dropped from the log. The old
    /// file's own frames are never there: every write of this handle is
    /// checkpointed as soon as it commits (`settle`).
    pub fn reopen(&mut self) -> Result<()> {
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        // Refused only by a build without the option; closing normally
        // would then be no worse than before.
        let _ = old.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        );
        drop(old);
        let fresh = Store::open(&self.path, OpenMode::Existing, &self.author)?;
        *self = Store {
            last_entry: None,
            last_summary: String::new(),
            reason: String::new(),
            touched: fresh::Touched::Off,
            changes_at_open: fresh.conn.total_changes(),
            progress: self.progress.take(),
            ..fresh
        };
        Ok(())
    }

    /// After a commit: the write-ahead log is copied into the file at
    /// once, so that the log never holds frames of this file when another
    /// one is moved to its path (the next process to open that one would
    /// read them as its own pages). PASSIVE: it never waits on readers;
    /// what a reader holds back is copied by the next write.
    fn settle(&self) {
        if let Err(error) = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
        {
            tracing::debug!(%error, "checkpoint after a write");
        }
    }

    /// Removes a database that holds no roadmap, with its side files.
    pub fn remove_if_empty(path: &Path) -> Result<bool> {
        files::remove_if_empty(path).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn author(&self) -> &str {
        &self.author
    }

    /// Who the change log names from now on (an agent known only after the
    /// handshake).
    pub fn set_author(&mut self, author: &str) {
        self.author = author.to_owned();
    }

    /// A counter that changes whenever another connection commits to the
    /// file: cheap to poll for live reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))?)
    }
}

/// Starts a write: an IMMEDIATE transaction on `conn`. The caller has
/// followed a replacement first (`Store::follow_replacement`); the file at
/// `path` is looked at again once the write lock is held, so a replacement
/// in between is refused rather than written into. (Fields, not the whole
/// store: the caller goes on using its other fields during the write.)
pub(super) fn begin_on<'c>(
    conn: &'c mut Connection,
    path: &Path,
    identity: Option<files::Identity>,
) -> Result<rusqlite::Transaction<'c>> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    if files::Identity::of(path) != identity {
        return Err(StoreError::Replaced {
            path: path.to_path_buf(),
        });
    }
    Ok(tx)
}

/// When the file is at an older schema than `latest`, copies it (a
/// consistent snapshot taken by SQLite, with the file's permissions) to a
/// backup name no file holds yet, and returns that name.
fn back_up_before_migrating(
    conn: &Connection,
    path: &Path,
    latest: i64,
) -> Result<Option<PathBuf>> {
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|e| corrupt(path, e))?;
    if version == 0 || version >= latest {
        return Ok(None);
    }
    let backup = files::free_backup_path(path, version);
    let failed = |source| StoreError::Io {
        path: backup.clone(),
        source,
    };
    // Created empty first, exclusively and with the database's mode:
    // VACUUM INTO fills an empty file and never follows a planted name.
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let mode = fs::metadata(path).map_err(failed)?.permissions().mode();
        options.mode(mode & 0o777);
    }
    options.open(&backup).map_err(failed)?;
    if let Err(error) = conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()]) {
        let _ = fs::remove_file(&backup);
        return Err(error.into());
    }
    Ok(Some(backup))
}

/// Brings the file to `latest`; a new file is first marked as ours.
fn migrate(
    conn: &mut Connection,
    path: &Path,
    migrations: &rusqlite_migration::Migrations,
    latest: i64,
) -> Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if version == 0 {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    migrations
        .to_latest(conn)
        .map_err(|e| StoreError::Migration {
            path: path.to_path_buf(),
            version: latest,
            detail: e.to_string(),
        })
}

/// A failed migration names the copy taken before it.
fn keep_backup_in_message(error: StoreError, backup: Option<&Path>) -> StoreError {
    match (error, backup) {
        (
            StoreError::Migration {
                path,
                version,
                detail,
            },
            Some(backup),
        ) => StoreError::Migration {
            path,
            version,
            detail: format!("{detail}; the file before it is in {}", backup.display()),
        },
        (error, _) => error,
    }
}

/// `file:` URI opening `path` read-only without locks or side files. The
/// path is made absolute and every byte outside the unreserved set is
/// percent-encoded, so `//home/me/roadmap.db` or a name with `?` or `#` is
/// read as the path it is, never as an authority or a query.
fn immutable_uri(path: &Path) -> String {
    let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for byte in absolute.to_string_lossy().bytes() {
        match byte {
            b'/' | b'-' | b'.' | b'_' | b'~' => uri.push(byte as char),
            b if b.is_ascii_alphanumeric() => uri.push(b as char),
            b => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

fn corrupt(path: &Path, error: rusqlite::Error) -> StoreError {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotSqlite {
            path: path.to_path_buf(),
        },
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) => {
            StoreError::ReadOnly {
                path: path.to_path_buf(),
            }
        }
        // A full or failing disk is not a damaged file: the backups are
        // not the answer.
        Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull,
        Some(rusqlite::ErrorCode::SystemIoFailure) => StoreError::Disk {
            path: path.to_path_buf(),
            detail: error.to_string(),
        },
        _ => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: error.to_string(),
        },
    }
}

/// Checks an existing file without writing to it (but for the rollback of a
/// hot journal, which any SQLite reader does): a SQLite file, ours, not
/// from a newer schema, not damaged, writable.
/// What `inspect_existing` found: the connection it read the file with and
/// the file's schema version.
struct Inspected {
    conn: Connection,
    version: i64,
}

fn inspect_existing(path: &Path, meta: &fs::Metadata, mode: OpenMode) -> Result<Inspected> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    // An empty file is never a database, whatever stale side files lie
    // beside it: SQLite would build a new one out of them.
    if meta.len() == 0 {
        return Err(StoreError::Empty {
            path: path.to_path_buf(),
        });
    }
    let mut header = [0u8; 16];
    let mut file = fs::File::open(path).map_err(io)?;
    if file.read_exact(&mut header).is_err() || &header != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    let conn = reading_connection(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let read = |pragma: &str| -> Result<i64> {
        conn.pragma_query_value(None, pragma, |row| row.get(0))
            .map_err(|e| corrupt(path, e))
    };
    let application_id = read("application_id")?;
    let version = read("user_version")?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .map_err(|e| corrupt(path, e))?;
    let ours = application_id == i64::from(APPLICATION_ID);
    if !ours && (application_id != 0 || version != 0 || tables > 0) {
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
        });
    }
    if version > latest_version() {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: latest_version(),
        });
    }
    // A file cut short is caught here, before anything writes to it, from
    // the size its header records (read after the pragmas above, so a hot
    // journal has been rolled back): no reading of every page, which at
    // 10,000 features would cost each `status` on a shell prompt 30 ms.
    // Damage inside a page is reported by SQLite where it is met. While a
    // write-ahead log is live, other processes are writing and SQLite
    // itself decides: a checkpoint grows the file after it has written the
    // header, so the two can disagree for a moment in a healthy file.
    if ours
        && !live_side_file(path, "-wal")
        && let Some(detail) = cut_short_settled(path).map_err(io)?
    {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail,
        });
    }
    if meta.permissions().readonly() && mode != OpenMode::ReadOnly {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    Ok(Inspected { conn, version })
}

/// Whether the side file (`-wal`, `-journal`) of the database at `path`
/// holds anything.
fn live_side_file(path: &Path, suffix: &str) -> bool {
    fs::metadata(files::sibling(path, suffix)).is_ok_and(|m| m.len() > 0)
}

/// A connection that reads the file without changing it. A live
/// write-ahead log or a hot rollback journal means the main file may lag
/// behind: SQLite itself reads (and, for a journal, rolls back) such a
/// file, as any SQLite reader would. Otherwise the file is opened
/// immutable, which creates no side files (next to something that may not
/// be ours, on read-only media, on a full disk).
fn reading_connection(path: &Path) -> Result<Connection> {
    if live_side_file(path, "-wal") || live_side_file(path, "-journal") {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .or_else(|_| {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        })
    } else {
        Connection::open_with_flags(
            immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }
    .map_err(|e| corrupt(path, e))
}

/// `cut_short`, asked again a few times before it is believed: a writer
/// that began after the log was looked at may be growing the file, and a
/// healthy file must never be called damaged (the length is read after
/// the header, so a file only ever looks short while it grows).
fn cut_short_settled(path: &Path) -> std::io::Result<Option<String>> {
    let mut verdict = cut_short(path)?;
    for _ in 0..5 {
        if verdict.is_none() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
        verdict = cut_short(path)?;
    }
    Ok(verdict)
}

/// Whether the file at `path` is shorter than the pages its SQLite header
/// says it holds: `Some(what is missing)`. The header's page count is
/// trusted only when SQLite marks it valid (offset 92 equal to the change
/// counter at offset 24), as SQLite itself does.
fn cut_short(path: &Path) -> std::io::Result<Option<String>> {
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path)?;
    if let Err(error) = file.read_exact(&mut header) {
        return match error.kind() {
            std::io::ErrorKind::UnexpectedEof => {
                Ok(Some("the file is cut short inside its header".into()))
            }
            _ => Err(error),
        };
    }
    let len = file.metadata()?.len();
    let word = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        size => u64::from(size),
    };
    let pages = u64::from(word(28));
    if pages == 0 || word(24) != word(92) {
        return Ok(None);
    }
    let expected = pages * page_size;
    Ok((len < expected).then(|| {
        format!("the file is cut short: {len} bytes of the {expected} its header records")
    }))
}

#[cfg(test)]
mod tests {
    use rusqlite_migration::{M, Migrations};

    use super::*;

    #[test]
    fn a_file_cut_short_is_damaged_from_its_header_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("whole.db");
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, "me").unwrap();
        store.init("Whole", "").unwrap();
        drop(store);
        let bytes = fs::read(&path).unwrap();
        assert!(Store::open(&path, OpenMode::Existing, "me").is_ok());
        // One page short, and cut inside the header.
        for (name, len) in [("page.db", bytes.len() - 4096), ("header.db", 60)] {
            let cut = dir.path().join(name);
            fs::write(&cut, &bytes[..len]).unwrap();
            let error = Store::open(&cut, OpenMode::Existing, "me").err().unwrap();
            assert!(
                error.to_string().contains("is damaged ("),
                "{name}: {error}"
            );
            assert_eq!(fs::read(&cut).unwrap(), &bytes[..len], "{name} untouched");
        }
    }

    #[test]
    fn a_file_that_grows_while_it_is_looked_at_is_not_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("whole.db");
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, "me").unwrap();
        store.init("Whole", "").unwrap();
        drop(store);
        let bytes = fs::read(&path).unwrap();
        // As a checkpoint leaves it for a moment: the header already counts
        // the last page, the page itself not yet written.
        let growing = dir.path().join("growing.db");
        fs::write(&growing, &bytes[..bytes.len() - 4096]).unwrap();
        let writer = {
            let growing = growing.clone();
            let rest = bytes[bytes.len() - 4096..].to_vec();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(30));
                let mut file = fs::OpenOptions::new().append(true).open(growing).unwrap();
                std::io::Write::write_all(&mut file, &rest).unwrap();
            })
        };
        assert_eq!(cut_short_settled(&growing).unwrap(), None);
        writer.join().unwrap();
    }

    #[test]
    fn an_older_schema_is_backed_up_then_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, "me").unwrap();
        store.init("Old", "").unwrap();
        let mut conn = store.conn;
        // A next schema version, as a future build would bring it.
        let mut steps = schema::STEPS.to_vec();
        steps.push(M::up(
            "ALTER TABLE roadmap ADD COLUMN motto TEXT NOT NULL DEFAULT '';",
        ));
        let next = latest_version() + 1;
        let backup = back_up_before_migrating(&conn, &path, next).unwrap();
        migrate(&mut conn, &path, &Migrations::from_slice(&steps), next).unwrap();

        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, next);
        conn.execute("UPDATE roadmap SET motto = 'ship it'", [])
            .unwrap();
        let backup_path = files::sibling(&path, &format!(".v{}.bak", latest_version()));
        assert_eq!(backup.as_deref(), Some(backup_path.as_path()));
        let backup = Connection::open(backup_path).unwrap();
        let (name, old_version): (String, i64) = backup
            .query_row(
                "SELECT name, (SELECT user_version FROM pragma_user_version) FROM roadmap",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((name.as_str(), old_version), ("Old", latest_version()));
        assert!(
            backup.prepare("SELECT motto FROM roadmap").is_err(),
            "the backup keeps the old schema"
        );
    }
}
