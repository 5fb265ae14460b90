//! One command's run: the parsed command line and the roadboard file,
//! opened once, when the command first needs it. Whether the command wrote
//! is then the file's to say (not a list of command names), and the mirror
//! and the published site are rewritten exactly then, through the same
//! handle.

use super::{Cli, CliResult};
use crate::store::{OpenMode, Store};

pub(crate) struct Session<'a> {
    pub cli: &'a Cli,
    pub file: File,
}

/// The file of `--db`, not opened until asked for.
#[derive(Default)]
pub(crate) struct File(Option<Store>);

impl<'a> Session<'a> {
    pub fn new(cli: &'a Cli) -> Self {
        Session {
            cli,
            file: File::default(),
        }
    }
}

impl File {
    /// The file, which must hold a roadboard database already.
    pub fn open(&mut self, cli: &Cli) -> CliResult<&mut Store> {
        self.open_in(cli, OpenMode::Existing)
    }

    /// The file, only to read it (what shows or copies it): it opens on
    /// read-only media and on a full disk.
    pub fn open_to_read(&mut self, cli: &Cli) -> CliResult<&mut Store> {
        self.open_in(cli, OpenMode::ReadOnly)
    }

    /// The file, made when it does not exist (`init`, the first `add`).
    pub fn open_or_create(&mut self, cli: &Cli) -> CliResult<&mut Store> {
        self.open_in(cli, OpenMode::CreateIfMissing)
    }

    /// The file at `path` (`import --into`), made when it does not exist.
    pub fn open_at(&mut self, cli: &Cli, path: &std::path::Path) -> CliResult<&mut Store> {
        if self.0.is_none() {
            self.0 = Some(Store::open(
                path,
                OpenMode::CreateIfMissing,
                &cli.author_name(),
            )?);
        }
        Ok(self.0.as_mut().expect("opened above"))
    }

    fn open_in(&mut self, cli: &Cli, mode: OpenMode) -> CliResult<&mut Store> {
        if self.0.is_none() {
            self.0 = Some(cli.open(mode)?);
        }
        Ok(self.0.as_mut().expect("opened above"))
    }

    /// The file, if the command wrote to it.
    pub fn written(&self) -> Option<&Store> {
        self.0.as_ref().filter(|store| store.wrote())
    }
}
