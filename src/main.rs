use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use roadboard::cli::{self, Cli};
use roadboard::domain::text::visible;
use roadboard::store::StoreError;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let cli = Cli::parse();
    roadboard::logging::start(cli.log.as_deref(), cli.db_path(false).ok().as_deref());
    if let Some(first) = cli.opens_board() {
        return match cli.run_board(first) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            // A file that is not ours, a missing directory, a row edited by
            // hand: one line, no report. A report is for bugs.
            Err(report) => match report.downcast::<cli::CliError>() {
                Ok(error) => {
                    eprintln!("roadboard: {}", visible(&error.to_string()));
                    Ok(ExitCode::from(error.exit_code()))
                }
                Err(report) => match report.downcast::<StoreError>() {
                    Ok(error) => {
                        eprintln!("roadboard: {}", visible(&error.to_string()));
                        Ok(ExitCode::FAILURE)
                    }
                    Err(report) => Err(report),
                },
            },
        };
    }
    let Some(command) = &cli.command else {
        unreachable!("without a subcommand the board opens above")
    };
    let stdout = std::io::stdout();
    // The MCP server owns stdout for its messages: no lock held here.
    if let cli::Command::Mcp { read_only } = command {
        return Ok(match roadboard::mcp::serve(&cli, *read_only) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("roadboard: {}", visible(&error.to_string()));
                ExitCode::from(error.exit_code())
            }
        });
    }
    // Buffered: a list of 10,000 features is one stream of writes, not a
    // system call per line (`watch` flushes what it says as it goes).
    let stdout = std::io::BufWriter::new(stdout.lock());
    let mut out: Box<dyn Write> = if command.prints_data() && !stdout.get_ref().is_terminal() {
        Box::new(stdout)
    } else {
        Box::new(cli::Visible(stdout))
    };
    let result = cli::run(&cli, command, &mut out).and_then(|()| Ok(out.flush()?));
    drop(out);
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) if error.is_broken_pipe() => Ok(ExitCode::SUCCESS),
        Err(error) => {
            eprintln!("roadboard: {}", visible(&error.to_string()));
            if let Some(hint) = error.hint() {
                eprintln!("  hint: {hint}");
            }
            Ok(ExitCode::from(error.exit_code()))
        }
    }
}
