//! `rollcall calls`: the call sheet for a verification campaign, from a master workbook.
//! One row per customer to call, the best number in a dialable form, an outcome column
//! with a drop-down of the outcome vocabulary, and blank date, caller and note columns.
//! A filled sheet goes back in through `clean --outcomes` as it is: its headers are ones
//! the column rules map (customer_id, outcome, call_date, caller, note).

use std::path::PathBuf;

use crate::contract::columns::{headers, kinds, CALLS, CALLS_FILLED, CALLS_OUTCOME};
use crate::contract::{Lang, Sheet};
use crate::error::Error;
use crate::read::master::{read_customers, MasterRow};
use crate::roster::{group, paper, GroupBy};
use crate::rules::Rules;
use crate::write::model::SheetView;
use crate::write::write_workbook_file;
use crate::write::xlsx::{Choices, Print};

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
pub fn run(job: &CallsJob) -> Result<CallsDone, Error> {
    let rows = read_customers(&job.master)?.rows;
    let wanted: Vec<&MasterRow> = rows.iter().filter(|r| selected(r, job.only)).collect();
    let (callable, without): (Vec<&MasterRow>, Vec<&MasterRow>) =
        wanted.into_iter().partition(|r| !r.get("phone_display").is_empty());
    let by = job.by_salesperson.then_some(GroupBy::Salesperson);
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

fn selected(r: &MasterRow, only: Only) -> bool {
    match only {
        Only::Unverified => r.get("verified_by") != "call",
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
