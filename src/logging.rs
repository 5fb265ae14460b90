//! A log for bug reports, written only when asked: `--log FILE` (or
//! `ROADBOARD_LOG_FILE`), at the level `ROADBOARD_LOG` names (`debug`,
//! `info`, … or a tracing filter; `info` when unset). `ROADBOARD_LOG` alone
//! logs to the roadmap file's name with `.log` added. Store timings,
//! reloads, effects and errors go there; nothing ever goes to the terminal,
//! which the board owns.

use std::fs::OpenOptions;
use std::path::Path;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// Starts logging to `file` (or, with only `ROADBOARD_LOG` set, next to
/// `roadmap`); does nothing when neither asks for it. A log that cannot
/// be opened is said once on stderr and the program goes on without it.
pub fn start(file: Option<&Path>, roadmap: Option<&Path>) {
    let level = std::env::var("ROADBOARD_LOG").ok();
    let path = match (file, roadmap, &level) {
        (Some(file), _, _) => file.to_path_buf(),
        (None, Some(roadmap), Some(_)) => {
            let mut name = roadmap.as_os_str().to_owned();
            name.push(".log");
            name.into()
        }
        _ => return,
    };
    // Log lines appended into the database would damage it.
    if let Some(roadmap) = roadmap
        && let Some(file) = crate::store::database_file_at(roadmap, &path)
    {
        eprintln!(
            "roadboard: no log: {} is {}, part of the roadmap's database; choose another file",
            path.display(),
            file.display()
        );
        return;
    }
    let opened = OpenOptions::new().create(true).append(true).open(&path);
    let file = match opened {
        Ok(file) => file,
        Err(error) => {
            eprintln!("roadboard: no log: cannot open {}: {error}", path.display());
            return;
        }
    };
    let filter = EnvFilter::try_new(level.as_deref().unwrap_or("info"))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let subscriber = tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_env_filter(filter)
        .finish();
    // A second start (tests running in one process) keeps the first.
    let _ = tracing::subscriber::set_global_default(subscriber);
}
