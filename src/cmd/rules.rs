//! `rollcall rules init|check`: write the built-in rules out to edit, or check a rules
//! directory and report every problem.

use std::path::PathBuf;

use clap::Subcommand;

use crate::console;
use crate::error::Error;
use crate::rules::{self, Rules};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the built-in rules into DIR, to edit and pass with --rules.
    Init { dir: PathBuf },
    /// Check the rules in DIR and report every problem.
    Check { dir: PathBuf },
}

/// `rollcall rules init|check`.
pub fn run(cmd: Command) -> Result<u8, Error> {
    match cmd {
        Command::Init { dir } => {
            for path in rules::write_defaults(&dir)? {
                console::out_line(&format!("wrote {}", path.display()));
            }
        }
        Command::Check { dir } => {
            Rules::load(Some(&dir))?;
            console::out_line(&format!("{}: rules are fine", dir.display()));
        }
    }
    Ok(0)
}
