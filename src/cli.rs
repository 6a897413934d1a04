//! What the user typed: clap types and nothing else.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
    Clean(CleanArgs),
    /// Dry run: show files, sheets, encoding, header row and column mapping.
    Inspect(InspectArgs),
    /// The call sheet for a verification campaign, from a master workbook.
    Calls(CallsArgs),
    /// The sales roster (客户一览表) from a master workbook.
    Roster(RosterArgs),
    /// Write or check a rules directory.
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Debug, clap::Args)]
pub struct CleanArgs {
    /// Input files: .xlsx .xlsm .xlsb .xls .ods .csv .tsv .txt
    #[arg(required_unless_present = "previous")]
    pub inputs: Vec<PathBuf>,
    /// Output directory.
    #[arg(short = 'o', long = "out", default_value = "rollcall-out")]
    pub out: PathBuf,
    /// Rules directory overriding the built-in rules (see `rollcall rules init`).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// A filled call sheet (or any list with a customer id or phone column and an
    /// outcome column) whose results classify the customers; repeat for several.
    #[arg(long = "outcomes", value_name = "FILE")]
    pub outcomes: Vec<PathBuf>,
    /// Default country for numbers written without one (ISO 3166 code).
    #[arg(long, default_value = "CN")]
    pub region: String,
    /// Language of headers and reports.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
    /// What to write beside report.html and report.json: master.xlsx (xlsx), one
    /// UTF-8 CSV per master sheet and no workbook (csv), or both.
    #[arg(long, value_enum, default_value_t = FormatArg::Xlsx)]
    pub format: FormatArg,
    /// Same as --format both (master.xlsx and the CSV copies); kept for scripts.
    #[arg(long, conflicts_with = "format")]
    pub csv: bool,
    /// Print nothing but errors: no progress bars, notes, warnings or summary.
    #[arg(short = 'q', long)]
    pub quiet: bool,
    /// Mask ID numbers in the workbook and CSVs too (reports always mask them).
    #[arg(long)]
    pub mask: bool,
    /// Skip unreadable inputs (exit code 1) instead of stopping (exit code 2).
    #[arg(long)]
    pub keep_going: bool,
    /// Last run's master.xlsx: its customers are kept, keep their ids, and the report
    /// shows what changed.
    #[arg(long)]
    pub previous: Option<PathBuf>,
    /// A master (or its Review sheet, or review.csv) whose Review decisions a person
    /// filled in: `same` pairs are merged, `different` pairs never; repeat for several.
    /// `--previous` reads its master's decisions by itself.
    #[arg(long = "decisions", value_name = "FILE")]
    pub decisions: Vec<PathBuf>,
    /// With --previous: learn the matching model from this run's rows instead of using
    /// the one the previous master's run learned.
    #[arg(long)]
    pub learn: bool,
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Rules directory overriding the built-in rules.
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
    /// Report unreadable inputs and go on (exit code 1).
    #[arg(long)]
    pub keep_going: bool,
}

#[derive(Debug, clap::Args)]
pub struct RosterArgs {
    /// A master.xlsx written by `rollcall clean`.
    pub master: PathBuf,
    /// Output workbook (default: roster.xlsx beside the master).
    #[arg(short = 'o', long = "out")]
    pub out: Option<PathBuf>,
    /// One sheet per salesperson, region or category.
    #[arg(long, value_enum)]
    pub by: Option<GroupArg>,
    /// Include invalid customers (with status and reason columns).
    #[arg(long)]
    pub all: bool,
    /// Hide the middle digits of phone numbers.
    #[arg(long)]
    pub mask: bool,
    /// Language of headers.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
}

#[derive(Debug, clap::Args)]
pub struct CallsArgs {
    /// A master.xlsx written by `rollcall clean`.
    pub master: PathBuf,
    /// Output workbook (default: calls.xlsx beside the master).
    #[arg(short = 'o', long = "out")]
    pub out: Option<PathBuf>,
    /// One sheet per salesperson.
    #[arg(long, value_enum)]
    pub by: Option<CallsGroupArg>,
    /// Which customers to call.
    #[arg(long, value_enum, default_value_t = OnlyArg::Unverified)]
    pub only: OnlyArg,
    /// Rules directory (its outcomes.toml fills the drop-down).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Accepted for symmetry with clean and roster: a call sheet shows no ID numbers and
    /// keeps phones dialable, so there is nothing more to hide.
    #[arg(long)]
    pub mask: bool,
    /// Language of headers and of the drop-down.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    pub lang: LangArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CallsGroupArg {
    Salesperson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnlyArg {
    Unverified,
    Invalid,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupArg {
    Salesperson,
    Region,
    Category,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Write the built-in rules into DIR, to edit and pass with --rules.
    Init { dir: PathBuf },
    /// Check the rules in DIR and report every problem.
    Check { dir: PathBuf },
}

/// What `clean --format` writes beside the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Xlsx,
    Csv,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    En,
    Zh,
}
