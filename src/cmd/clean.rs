//! `rollcall clean`: its arguments, the job they make, and what the console says after
//! the pipeline ran.

use std::path::PathBuf;

use clap::ValueEnum;

use super::LangArg;
use crate::console;
use crate::error::Error;
use crate::pipeline::{self, CleanJob};
use crate::record::verdict::{CallReport, UnusedResult};
use crate::rules::Rules;
use crate::write::{self, xlsx::MAX_DATA_ROWS};

#[derive(Debug, clap::Args)]
pub struct Args {
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

/// What `clean --format` writes beside the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Xlsx,
    Csv,
    Both,
}

/// `rollcall clean`.
pub fn run(args: Args) -> Result<u8, Error> {
    console::set_quiet(args.quiet);
    let rules = Rules::load(args.rules.as_deref())?;
    let region = region_code(&args.region)?;
    let job = CleanJob {
        inputs: args.inputs,
        outcomes: args.outcomes,
        rules,
        region,
        keep_going: args.keep_going,
        previous: args.previous,
        decisions: args.decisions,
        learn: args.learn,
        write: write::Options {
            dir: args.out,
            lang: args.lang.into(),
            output: output(args.format, args.csv),
            max_rows: max_rows(),
            mask: args.mask,
        },
    };
    let done = pipeline::clean(&job)?;
    for s in &done.skipped {
        console::error(&format!("rollcall: skipped {}", s.error));
    }
    let r = &done.report;
    console::say(&format!(
        "{} rows read ({} rejected): {} customers, {} valid, {} invalid, {} duplicates merged",
        r.records_in, r.rows_rejected, r.customers, r.valid, r.invalid, r.duplicates_merged
    ));
    let d = &r.decisions;
    if d.same + d.different > 0 {
        console::say(&format!(
            "review decisions applied: {} same, {} different; {} pairs left to review",
            d.same, d.different, r.review_pairs
        ));
    }
    say_unused_results(&r.call_results);
    for warning in r.files.iter().flat_map(|f| &f.warnings) {
        console::say(&format!("warning: {warning}"));
    }
    for note in &r.notes {
        console::say(&format!("note: {note}"));
    }
    for path in &done.written {
        console::say(&format!("wrote {}", path.display()));
    }
    console::say(&format!("took {}", done.timings.line()));
    Ok(if done.skipped.is_empty() { 0 } else { 1 })
}

/// How many unused call results the console shows of each kind; report.json and
/// report.html list them all.
const UNUSED_SHOWN: usize = 5;

/// Call results that decided nothing (no customer found, or an outcome not in the
/// vocabulary), on the console as well as in the reports.
fn say_unused_results(calls: &CallReport) {
    let kinds = [
        (&calls.unmatched, "match no customer"),
        (
            &calls.unrecognized,
            "have an outcome not in the vocabulary (rules/outcomes.toml)",
        ),
    ];
    for (unused, what) in kinds {
        if unused.is_empty() {
            continue;
        }
        console::say(&format!(
            "warning: {} call result(s) {what} and decided nothing; all are listed in report.html and report.json:",
            unused.len()
        ));
        for u in unused.iter().take(UNUSED_SHOWN) {
            console::say(&format!("  {}: {} ({})", u.source, unused_label(u), u.why));
        }
        if unused.len() > UNUSED_SHOWN {
            console::say(&format!("  ... and {} more", unused.len() - UNUSED_SHOWN));
        }
    }
}

/// What a call result said, as the call sheet had it.
fn unused_label(u: &UnusedResult) -> String {
    let who = [u.customer_id.as_str(), u.phone.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    match (who.is_empty(), u.outcome.is_empty()) {
        (true, true) => "no id or phone".to_string(),
        (true, false) => u.outcome.clone(),
        (false, true) => who,
        (false, false) => format!("{who} {}", u.outcome),
    }
}

/// What `--format` (or `--csv`, the same as `--format both`) asks to write.
fn output(format: FormatArg, csv: bool) -> write::Output {
    match (format, csv) {
        (_, true) | (FormatArg::Both, _) => write::Output::Both,
        (FormatArg::Csv, false) => write::Output::Csv,
        (FormatArg::Xlsx, false) => write::Output::Workbook,
    }
}

/// An ISO 3166 alpha-2 region code, upper-cased.
fn region_code(s: &str) -> Result<String, Error> {
    let code = s.trim().to_ascii_uppercase();
    if code.len() != 2 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(Error::Usage(format!(
            "--region {s:?}: expected a two-letter country code such as CN, US, GB"
        )));
    }
    if !crate::normalize::phone::is_known_region(&code) {
        return Err(Error::Usage(format!(
            "--region {s:?}: not a country with a telephone numbering plan, so every number would read as invalid; give one such as CN, US, GB"
        )));
    }
    Ok(code)
}

/// Rows per worksheet; `ROLLCALL_MAX_SHEET_ROWS` lowers it so tests can exercise the
/// split without writing a million rows.
fn max_rows() -> usize {
    std::env::var("ROLLCALL_MAX_SHEET_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0 && *n <= MAX_DATA_ROWS)
        .unwrap_or(MAX_DATA_ROWS)
}
