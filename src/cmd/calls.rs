//! `rollcall calls`: the call sheet for a verification campaign, from a master workbook.
//! One row per customer to call, the best number in a dialable form, an outcome column
//! with a drop-down of the outcome vocabulary, and blank date, caller and note columns.
//! A filled sheet goes back in through `clean --outcomes` as it is: its headers are ones
//! the column rules map (customer_id, outcome, call_date, caller, note).

use std::path::PathBuf;

use clap::ValueEnum;

use super::LangArg;
use crate::console;
use crate::contract::columns::{headers, kinds, CALLS, CALLS_FILLED, CALLS_OUTCOME};
use crate::contract::{Lang, Sheet};
use crate::error::Error;
use crate::read::master::{read_customers, MasterRow};
use crate::record::verdict::VerifiedBy;
use crate::rules::Rules;
use crate::write::groups::{group, paper};
use crate::write::model::{Choices, SheetView};
use crate::write::write_workbook_file;
use crate::write::xlsx::Print;

#[derive(Debug, clap::Args)]
pub struct Args {
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

/// `rollcall calls`.
pub fn run(args: Args) -> Result<u8, Error> {
    let out = args.out.unwrap_or_else(|| args.master.with_file_name("calls.xlsx"));
    let job = CallsJob {
        rules: Rules::load(args.rules.as_deref())?,
        master: args.master,
        out,
        by_salesperson: args.by.is_some(),
        only: match args.only {
            OnlyArg::Unverified => Only::Unverified,
            OnlyArg::Invalid => Only::Invalid,
            OnlyArg::All => Only::All,
        },
        lang: args.lang.into(),
    };
    let done = write_calls(&job)?;
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

/// Which customers to call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    /// Not yet decided by a call.
    Unverified,
    /// Invalid now (to call again).
    Invalid,
    All,
}

/// What `calls` will do.
pub struct CallsJob {
    pub master: PathBuf,
    pub out: PathBuf,
    pub by_salesperson: bool,
    pub only: Only,
    pub lang: Lang,
    pub rules: Rules,
}

/// What was written.
pub struct CallsDone {
    pub sheets: usize,
    pub customers: usize,
    /// Customers left out because they have no dialable number.
    pub without_number: usize,
}

/// The columns the call team writes in by hand on the printed sheet, with the width
/// (characters) each needs: the outcome (`其它情况(停用或更换软件)` is 24 wide), the date,
/// the caller, the note.
const HANDWRITTEN: &[(usize, f64)] = &[
    (CALLS_OUTCOME, 24.0),
    (CALLS_OUTCOME + 1, 12.0),
    (CALLS_OUTCOME + 2, 10.0),
    (CALLS_OUTCOME + 3, 30.0),
];

/// Writes the call sheet.
fn write_calls(job: &CallsJob) -> Result<CallsDone, Error> {
    let rows = read_customers(&job.master)?.rows;
    let wanted: Vec<&MasterRow> = rows.iter().filter(|r| selected(r, job.only)).collect();
    let (callable, without): (Vec<&MasterRow>, Vec<&MasterRow>) =
        wanted.into_iter().partition(|r| !r.get("phone_display").is_empty());
    let by = job.by_salesperson.then_some(salesperson as fn(&MasterRow) -> &str);
    let groups = group(&callable, by, Sheet::Calls, job.lang);
    let sheets: Vec<SheetView> = groups
        .iter()
        .map(|(name, members)| sheet(name, members, job.lang))
        .collect();
    let choices = choices(&job.rules, job.lang);
    let print = Print {
        hide_empty_columns: false,
        paper: Some(paper(("Call sheet", "通话表"), HANDWRITTEN.to_vec(), job.lang)),
    };
    write_workbook_file(
        &job.out,
        &sheets,
        std::slice::from_ref(&choices),
        &print,
        std::slice::from_ref(&job.master),
    )?;
    Ok(CallsDone {
        sheets: sheets.len(),
        customers: callable.len(),
        without_number: without.len(),
    })
}

fn salesperson(r: &MasterRow) -> &str {
    r.get("salesperson")
}

fn selected(r: &MasterRow, only: Only) -> bool {
    match only {
        Only::Unverified => r.get("verified_by") != VerifiedBy::Call.key(),
        Only::Invalid => r.get("status") == "invalid",
        Only::All => true,
    }
}

fn sheet<'a>(name: &str, members: &'a [&'a MasterRow], lang: Lang) -> SheetView<'a> {
    SheetView {
        name: name.to_string(),
        headers: headers(CALLS, lang),
        kinds: kinds(CALLS),
        len: members.len(),
        row: Box::new(move |i| {
            let r = members[i];
            let mut numbers = r.get("phone_display").split("; ");
            let dial = numbers.next().unwrap_or("").to_string();
            let others = numbers.collect::<Vec<_>>().join("; ");
            CALLS
                .iter()
                .map(|c| match c.key {
                    key if CALLS_FILLED.contains(&key) => String::new(),
                    "dial" => dial.clone(),
                    "others" => others.clone(),
                    key => c.say(r.get(key), lang),
                })
                .collect()
        }),
    }
}

/// The drop-down: every outcome of the vocabulary, as the `outcome` column writes it.
fn choices(rules: &Rules, lang: Lang) -> Choices {
    let values = rules
        .outcomes
        .entries
        .iter()
        .map(|o| {
            if lang == Lang::Zh || o.en.is_empty() {
                o.label.clone()
            } else {
                o.en.clone()
            }
        })
        .collect();
    let (title, message) = match lang {
        Lang::Zh => ("通话结果", "从列表选择，或写下通话的实际情况。"),
        Lang::En => ("Outcome", "Pick from the list, or write what the call found."),
    };
    Choices {
        sheet: None,
        inline: false,
        column: CALLS_OUTCOME,
        values,
        title: title.to_string(),
        message: message.to_string(),
    }
}
