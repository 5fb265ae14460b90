//! `roadboard mcp`: the roadmap served to coding agents over the Model
//! Context Protocol (stdio). Every tool goes through the same store and
//! domain as the command line, so an agent meets the same refusals: a
//! refusal is a tool error whose text is the sentence a person reads and
//! whose structured content says it as data.
//!
//! tokio lives only here: `serve` builds a single-threaded runtime; the
//! store stays synchronous (each call holds the file's connection for the
//! few milliseconds of one transaction).

mod brief;
mod params;
mod server;
mod session;
mod tools;
mod wire;

use crate::cli::{Cli, CliError};

/// Serves MCP on stdin/stdout until the client disconnects.
/// With `read_only`, only the tools that read are served.
pub fn serve(cli: &Cli, read_only: bool) -> Result<(), CliError> {
    let session = session::Session::open(cli)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(server::run(session, read_only))
}
