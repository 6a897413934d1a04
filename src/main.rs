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
use rollcall::cmd::{self, Cli};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = cmd::run(cli.command);
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            rollcall::console::error(&format!("rollcall: {e}"));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
