//! The process edge: parse arguments, run, map the result to an exit code.
//!
//! Exit codes: 0 done; 1 done, but some input was skipped (`--keep-going`); 2 bad usage
//! or unreadable input, nothing written.

use std::process::ExitCode;

/// mimalloc: the pipeline allocates millions of small strings from several threads, where
/// glibc's allocator spent a third of normalizing in malloc/free and consolidation.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use rollcall::cli::{Cli, Command};
use rollcall::commands;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Clean(args) => commands::clean(args),
        Command::Inspect(args) => commands::inspect(args),
        Command::Calls(args) => commands::calls(args),
        Command::Roster(args) => commands::roster(args),
        Command::Rules(cmd) => commands::rules(cmd),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            rollcall::console::error(&format!("rollcall: {e}"));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
