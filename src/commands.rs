//! Each subcommand: resolve what the user typed into a job, run it, print what a user
//! needs to know. Returns the exit code of a finished run.

use crate::cli::{CallsArgs, CleanArgs, FormatArg, GroupArg, InspectArgs, LangArg, OnlyArg, RosterArgs, RulesCommand};
use crate::console;
use crate::error::Error;
use crate::pipeline::{self, CleanJob};
use crate::rules::{self, Rules};
use crate::write::model::{file_report, Lang};
use crate::write::{self, xlsx::MAX_DATA_ROWS};

/// `rollcall clean`.
pub fn clean(args: CleanArgs) -> Result<u8, Error> {
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
            lang: lang(args.lang),
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
fn say_unused_results(calls: &crate::classify::CallReport) {
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
fn unused_label(u: &crate::classify::calls::UnusedResult) -> String {
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

/// `rollcall inspect`.
pub fn inspect(args: InspectArgs) -> Result<u8, Error> {
    let rules = Rules::load(args.rules.as_deref())?;
    let (lists, lock_notes) = pipeline::leave_out_lock_files(&args.inputs);
    for note in &lock_notes {
        console::say(&format!("note: {note}"));
    }
    let (files, skipped) = pipeline::read_inputs(&lists, &rules, args.keep_going)?;
    let reports: Vec<_> = files.iter().map(file_report).collect();
    if args.json {
        let value = serde_json::json!({ "files": reports, "skipped_files": skipped });
        console::out_line(&serde_json::to_string_pretty(&value).unwrap_or_default());
    } else {
        console::out(&crate::inspect::render_text(&reports, &skipped));
    }
    for s in &skipped {
        console::say(&format!("rollcall: skipped {}", s.error));
    }
    Ok(if skipped.is_empty() { 0 } else { 1 })
}

/// `rollcall calls`.
pub fn calls(args: CallsArgs) -> Result<u8, Error> {
    let out = args.out.unwrap_or_else(|| args.master.with_file_name("calls.xlsx"));
    let job = crate::calls::CallsJob {
        rules: Rules::load(args.rules.as_deref())?,
        master: args.master,
        out,
        by_salesperson: args.by.is_some(),
        only: match args.only {
            OnlyArg::Unverified => crate::calls::Only::Unverified,
            OnlyArg::Invalid => crate::calls::Only::Invalid,
            OnlyArg::All => crate::calls::Only::All,
        },
        lang: lang(args.lang),
    };
    let done = crate::calls::run(&job)?;
    console::say(&format!(
        "wrote {} ({} customers to call on {} sheet(s))",
        job.out.display(),
        done.customers,
        done.sheets
    ));
    if done.without_number > 0 {
        console::say(&format!(
            "note: {} customers have no dialable number and are not on the call sheet",
            done.without_number
        ));
    }
    Ok(0)
}

/// `rollcall roster`.
pub fn roster(args: RosterArgs) -> Result<u8, Error> {
    let out = args.out.unwrap_or_else(|| args.master.with_file_name("roster.xlsx"));
    let job = crate::roster::RosterJob {
        master: args.master,
        out,
        by: args.by.map(|b| match b {
            GroupArg::Salesperson => crate::roster::GroupBy::Salesperson,
            GroupArg::Region => crate::roster::GroupBy::Region,
            GroupArg::Category => crate::roster::GroupBy::Category,
        }),
        all: args.all,
        mask: args.mask,
        lang: lang(args.lang),
    };
    let (sheets, customers) = crate::roster::run(&job)?;
    console::say(&format!(
        "wrote {} ({customers} customers on {sheets} sheet(s))",
        job.out.display()
    ));
    Ok(0)
}

/// What `--format` (or `--csv`, the same as `--format both`) asks to write.
fn output(format: FormatArg, csv: bool) -> write::Output {
    match (format, csv) {
        (_, true) | (FormatArg::Both, _) => write::Output::Both,
        (FormatArg::Csv, false) => write::Output::Csv,
        (FormatArg::Xlsx, false) => write::Output::Workbook,
    }
}

fn lang(arg: LangArg) -> Lang {
    match arg {
        LangArg::En => Lang::En,
        LangArg::Zh => Lang::Zh,
    }
}

/// `rollcall rules init|check`.
pub fn rules(cmd: RulesCommand) -> Result<u8, Error> {
    match cmd {
        RulesCommand::Init { dir } => {
            for path in rules::write_defaults(&dir)? {
                console::out_line(&format!("wrote {}", path.display()));
            }
        }
        RulesCommand::Check { dir } => {
            Rules::load(Some(&dir))?;
            console::out_line(&format!("{}: rules are fine", dir.display()));
        }
    }
    Ok(0)
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
