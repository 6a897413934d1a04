//! `rollcall roster`: the sales roster (客户一览表) from a master workbook: valid
//! customers (all with `--all`), one sheet per salesperson, region or category, laid out
//! to print and to filter.

use std::path::PathBuf;

use clap::ValueEnum;

use super::LangArg;
use crate::console;
use crate::contract::columns::{headers, kinds, Column, ROSTER};
use crate::contract::{Lang, Sheet};
use crate::error::Error;
use crate::read::master::{read_customers, MasterRow};
use crate::text::mask::mask_phones;
use crate::write::groups::{group, paper};
use crate::write::model::SheetView;
use crate::write::write_workbook_file;
use crate::write::xlsx::Print;

#[derive(Debug, clap::Args)]
pub struct Args {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupArg {
    Salesperson,
    Region,
    Category,
}

/// `rollcall roster`.
pub fn run(args: Args) -> Result<u8, Error> {
    let out = args.out.unwrap_or_else(|| args.master.with_file_name("roster.xlsx"));
    let job = RosterJob {
        master: args.master,
        out,
        by: args.by.map(|b| match b {
            GroupArg::Salesperson => GroupBy::Salesperson,
            GroupArg::Region => GroupBy::Region,
            GroupArg::Category => GroupBy::Category,
        }),
        all: args.all,
        mask: args.mask,
        lang: args.lang.into(),
    };
    let (sheets, customers) = write_roster(&job)?;
    console::say(&format!(
        "wrote {} ({customers} customers on {sheets} sheet(s))",
        job.out.display()
    ));
    Ok(0)
}

/// How roster rows are grouped into sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Salesperson,
    Region,
    Category,
}

/// What `roster` will do.
pub struct RosterJob {
    pub master: PathBuf,
    pub out: PathBuf,
    pub by: Option<GroupBy>,
    pub all: bool,
    pub mask: bool,
    pub lang: Lang,
}

/// Writes the roster; returns (sheets, customers) written.
fn write_roster(job: &RosterJob) -> Result<(usize, usize), Error> {
    let master = read_customers(&job.master)?.rows;
    let rows: Vec<&MasterRow> = master
        .iter()
        .filter(|r| job.all || r.get("status") == "valid")
        .collect();
    let groups = group(&rows, job.by.map(group_value), Sheet::Roster, job.lang);
    let columns: Vec<Column> = ROSTER
        .iter()
        .filter(|c| job.all || !matches!(c.key, "status" | "reason"))
        .copied()
        .collect();
    let sheets: Vec<SheetView> = groups
        .iter()
        .map(|(name, members)| sheet(name, members, &columns, job))
        .collect();
    let print = Print {
        hide_empty_columns: true,
        paper: Some(paper(("Sales roster", "客户一览表"), Vec::new(), job.lang)),
    };
    write_workbook_file(&job.out, &sheets, &[], &print, std::slice::from_ref(&job.master))?;
    Ok((sheets.len(), rows.len()))
}

fn sheet<'a>(name: &str, members: &'a [&'a MasterRow], columns: &[Column], job: &RosterJob) -> SheetView<'a> {
    let (mask, lang) = (job.mask, job.lang);
    let columns = columns.to_vec();
    SheetView {
        name: name.to_string(),
        headers: headers(&columns, lang),
        kinds: kinds(&columns),
        len: members.len(),
        row: Box::new(move |i| {
            let r = members[i];
            columns
                .iter()
                .map(|c| match c.key {
                    "phone_display" if mask => mask_phones(r.get(c.key)),
                    "region" => region_of(r).to_string(),
                    key => c.say(r.get(key), lang),
                })
                .collect()
        }),
    }
}

/// The value a row is grouped by.
fn group_value(by: GroupBy) -> fn(&MasterRow) -> &str {
    match by {
        GroupBy::Salesperson => |r| r.get("salesperson"),
        GroupBy::Region => region_of,
        GroupBy::Category => |r| r.get("category"),
    }
}

/// A customer's region: the region column, else province, else city.
pub fn region_of(r: &MasterRow) -> &str {
    ["region", "province", "city"]
        .iter()
        .map(|k| r.get(k))
        .find(|v| !v.is_empty())
        .unwrap_or("")
}
