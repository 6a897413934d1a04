//! The command line, one room per command: this file holds what every command shares
//! (the subcommand list, the language flag) and hands each command to its room; each
//! room holds its command's arguments and its `run`. Commands share code through the
//! stages, the pipeline and the contract, never through each other.

use clap::{Parser, Subcommand, ValueEnum};

use crate::contract::Lang;
use crate::error::Error;

pub mod calls;
pub mod clean;
pub mod inspect;
pub mod roster;
pub mod rules;

/// rollcall turns messy customer lists into one clean, verified customer master.
#[derive(Debug, Parser)]
#[command(name = "rollcall", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read, clean, merge and classify customer lists; write master.xlsx and reports.
    Clean(clean::Args),
    /// Dry run: show files, sheets, encoding, header row and column mapping.
    Inspect(inspect::Args),
    /// The call sheet for a verification campaign, from a master workbook.
    Calls(calls::Args),
    /// The sales roster (客户一览表) from a master workbook.
    Roster(roster::Args),
    /// Write or check a rules directory.
    #[command(subcommand)]
    Rules(rules::Command),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Zh,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        }
    }
}

/// Runs a command; the exit code of a finished run.
pub fn run(command: Command) -> Result<u8, Error> {
    match command {
        Command::Clean(args) => clean::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Calls(args) => calls::run(args),
        Command::Roster(args) => roster::run(args),
        Command::Rules(sub) => rules::run(sub),
    }
}
