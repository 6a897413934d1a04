//! `rollcall roster`: the sales roster (客户一览表) from a master workbook: valid
//! customers (all with `--all`), one sheet per salesperson, region or category, laid out
//! to print and to filter.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::contract::columns::{headers, kinds, Column, ROSTER};
use crate::contract::{Lang, Sheet};
use crate::error::Error;
use crate::read::master::{read_customers, MasterRow};
use crate::write::model::SheetView;
use crate::write::write_workbook_file;
use crate::write::xlsx::{Paper, Print};

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

/// A sheet for paper titled `title` (en, zh), with `handwritten` columns (index, width
/// in characters) to write in.
pub fn paper(title: (&str, &str), handwritten: Vec<(usize, f64)>, lang: Lang) -> Paper {
    let (title, page_of) = match lang {
        Lang::En => (title.0, "Page &P of &N"),
        Lang::Zh => (title.1, "第 &P 页，共 &N 页"),
    };
    Paper {
        title: title.to_string(),
        page_of: page_of.to_string(),
        handwritten,
    }
}

/// Writes the roster; returns (sheets, customers) written.
pub fn run(job: &RosterJob) -> Result<(usize, usize), Error> {
    let master = read_customers(&job.master)?.rows;
    let rows: Vec<&MasterRow> = master
        .iter()
        .filter(|r| job.all || r.get("status") == "valid")
        .collect();
    let groups = group(&rows, job.by, Sheet::Roster, job.lang);
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

/// The customers of each group, groups in name order with the unassigned last; sheet
/// names made valid for Excel (31 characters, no `[]:*?/\`, unique). Ungrouped, all
/// of them on one sheet, `whole`, named in `lang`.
pub fn group<'a>(
    rows: &[&'a MasterRow],
    by: Option<GroupBy>,
    whole: Sheet,
    lang: Lang,
) -> Vec<(String, Vec<&'a MasterRow>)> {
    let none = lang.pick("(none)", "未分配");
    let Some(by) = by else {
        return vec![(whole.name(lang).to_string(), rows.to_vec())];
    };
    let mut groups: BTreeMap<(bool, String), Vec<&MasterRow>> = BTreeMap::new();
    for &r in rows {
        let value = match by {
            GroupBy::Salesperson => r.get("salesperson"),
            GroupBy::Region => region_of(r),
            GroupBy::Category => r.get("category"),
        }
        .trim();
        let key = if value.is_empty() {
            (true, none.to_string())
        } else {
            (false, value.to_string())
        };
        groups.entry(key).or_default().push(r);
    }
    let mut used: Vec<String> = Vec::new();
    groups
        .into_iter()
        .map(|((_, name), members)| (sheet_name(&name, &mut used), members))
        .collect()
}

/// A customer's region: the region column, else province, else city.
pub fn region_of(r: &MasterRow) -> &str {
    ["region", "province", "city"]
        .iter()
        .map(|k| r.get(k))
        .find(|v| !v.is_empty())
        .unwrap_or("")
}

/// Sheet names a group can never have: the call sheet's hidden drop-down sheet, and
/// `History`, which Excel keeps for itself.
const RESERVED: &[&str] = &[crate::write::xlsx::LISTS, "History"];

/// A valid, unique Excel sheet name for a group: 31 characters at most, none of
/// `[]:*?/\`, no `'` at either end, not a name used already or [`RESERVED`] (compared
/// without case, as Excel does).
fn sheet_name(name: &str, used: &mut Vec<String>) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .filter(|c| !c.is_control())
        .take(31)
        .collect();
    let clean = clean.trim_matches('\'').to_string();
    let base = if clean.is_empty() { "_".to_string() } else { clean };
    let mut candidate = base.clone();
    let mut n = 2;
    let taken = |c: &str, used: &[String]| {
        let c = c.to_lowercase();
        used.iter().any(|u| u.to_lowercase() == c) || RESERVED.iter().any(|r| r.to_lowercase() == c)
    };
    while taken(&candidate, used) {
        let suffix = format!(" ({n})");
        let keep: String = base.chars().take(31 - suffix.chars().count()).collect();
        candidate = format!("{}{suffix}", keep.trim_end_matches('\''));
        n += 1;
    }
    used.push(candidate.clone());
    candidate
}

/// Phones with the middle digits hidden: `138 **** 8000`, for a roster handed around.
pub fn mask_phones(display: &str) -> String {
    display.split("; ").map(mask_phone).collect::<Vec<_>>().join("; ")
}

fn mask_phone(number: &str) -> String {
    if let Some((main, ext)) = number.split_once(" 转 ") {
        return format!("{} 转 {ext}", mask_phone(main));
    }
    let digits = number.chars().filter(|c| c.is_ascii_digit()).count();
    if digits < 8 {
        return number.to_string();
    }
    let mut seen = 0;
    number
        .chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen > 3 && seen <= digits - 4 {
                '*'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_middle_digits() {
        assert_eq!(mask_phones("138 0013 8000"), "138 **** 8000");
        assert_eq!(mask_phones("010 6234 5678 转 12"), "010 **** 5678 转 12");
        assert_eq!(
            mask_phones("138 0013 8000; 021 6234 5678"),
            "138 **** 8000; 021 **** 5678"
        );
        assert_eq!(mask_phones(""), "");
        assert_eq!(mask_phones("95588"), "95588");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = Vec::new();
        assert_eq!(sheet_name("王芳", &mut used), "王芳");
        assert_eq!(sheet_name("a/b:c", &mut used), "a_b_c");
        assert_eq!(sheet_name("王芳", &mut used), "王芳 (2)");
        let long = "x".repeat(40);
        assert_eq!(sheet_name(&long, &mut used).chars().count(), 31);
        assert_eq!(sheet_name(&long, &mut used), format!("{} (2)", "x".repeat(27)));
        assert_eq!(sheet_name("Lists", &mut used), "Lists (2)");
        assert_eq!(sheet_name("history", &mut used), "history (2)");
        assert_eq!(sheet_name("'quoted'", &mut used), "quoted");
        assert_eq!(sheet_name("[]", &mut used), "__");
    }
}
