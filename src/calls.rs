//! `rollcall calls`: the call sheet for a verification campaign, from a master workbook.
//! One row per customer to call, the best number in a dialable form, an outcome column
//! with a drop-down of the outcome vocabulary, and blank date, caller and note columns.
//! A filled sheet goes back in through `clean --outcomes` as it is: its headers are ones
//! the column rules map (customer_id, outcome, call_date, caller, note).

use std::path::PathBuf;

use crate::error::Error;
use crate::read::master::{read_customers, MasterRow};
use crate::roster::{group, GroupBy};
use crate::rules::Rules;
use crate::write::model::{Kind, Lang, SheetView};
use crate::write::write_workbook_file;
use crate::write::xlsx::Choices;

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

/// The call sheet's columns: (key in the master or blank, English header, Chinese header).
const COLUMNS: &[(&str, &str, &str)] = &[
    ("customer_id", "customer_id", "客户编号"),
    ("name", "name", "姓名"),
    ("company", "company", "工作单位"),
    ("dial", "phone", "电话"),
    ("others", "other_numbers", "其他号码"),
    ("salesperson", "salesperson", "签单人员"),
    ("status", "status_before", "核实前状态"),
    ("reason", "reason_before", "核实前原因"),
    ("", "outcome", "通话结果"),
    ("", "call_date", "通话日期"),
    ("", "caller", "呼叫人"),
    ("", "note", "备注"),
];

/// Index of the outcome column.
const OUTCOME: usize = 8;

/// Writes the call sheet.
pub fn run(job: &CallsJob) -> Result<CallsDone, Error> {
    let rows = read_customers(&job.master)?;
    let wanted: Vec<&MasterRow> = rows.iter().filter(|r| selected(r, job.only)).collect();
    let (callable, without): (Vec<&MasterRow>, Vec<&MasterRow>) =
        wanted.into_iter().partition(|r| !r.get("phone_display").is_empty());
    let owned: Vec<MasterRow> = callable.into_iter().cloned().collect();
    let by = job.by_salesperson.then_some(GroupBy::Salesperson);
    let mut groups = group(&owned, by, job.lang);
    if by.is_none() {
        groups[0].0 = if job.lang == Lang::Zh { "通话表" } else { "Calls" }.to_string();
    }
    let sheets: Vec<SheetView> = groups
        .iter()
        .map(|(name, members)| sheet(name, members, job.lang))
        .collect();
    let choices = choices(&job.rules, job.lang);
    write_workbook_file(&job.out, &sheets, Some(&choices), std::slice::from_ref(&job.master))?;
    Ok(CallsDone {
        sheets: sheets.len(),
        customers: owned.len(),
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
        headers: COLUMNS
            .iter()
            .map(|(_, en, zh)| if lang == Lang::Zh { zh } else { en }.to_string())
            .collect(),
        kinds: COLUMNS
            .iter()
            .map(|(k, ..)| {
                if matches!(*k, "customer_id" | "dial" | "others") {
                    Kind::Text
                } else {
                    Kind::General
                }
            })
            .collect(),
        len: members.len(),
        row: Box::new(move |i| {
            let r = members[i];
            let mut numbers = r.get("phone_display").split("; ");
            let dial = numbers.next().unwrap_or("").to_string();
            let others = numbers.collect::<Vec<_>>().join("; ");
            COLUMNS
                .iter()
                .map(|(k, ..)| match *k {
                    "" => String::new(),
                    "dial" => dial.clone(),
                    "others" => others.clone(),
                    key => r.get(key).to_string(),
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
        column: OUTCOME,
        values,
        title: title.to_string(),
        message: message.to_string(),
    }
}
