//! A person's decisions on pairs that might be one customer, read back: the `decision`
//! column of a master's Review sheet (`same` / `different`, `同一客户` / `不同客户`, and
//! common spellings of yes and no), and the Decisions sheet in which earlier decisions
//! are carried from quarter to quarter. Both are found in a master workbook, in a
//! workbook holding only that sheet, or in its CSV copy (`review.csv`,
//! `decisions.csv`), by their headers in English or Chinese.
//!
//! This module owns the two sheets' decision columns and the words of a decision, so
//! the writer that makes the sheets and this reader spell them the same way.

use std::path::Path;

use calamine::Reader;

use super::grid::{open_book, sheet_grid, text_grid, Book, Grid};
use crate::contract::columns::{
    position, CUSTOMER_A, CUSTOMER_B, DECIDED_IN, DECISION, NAME_A, NAME_B, SOURCE_A, SOURCE_B,
};
use crate::contract::{zh, Sheet};
use crate::error::Error;
use crate::record::decision::{DIFFERENT_WORDS, SAME_WORDS};
use crate::record::{Choice, Decision, Side};

/// Decisions found in one file, and what could not be read.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    pub decisions: Vec<Decision>,
    /// Filled decision cells that say neither same nor different, and rows without
    /// both customer ids.
    pub notes: Vec<String>,
}

/// Reads every decision of a file: its Review and Decisions sheets (a workbook), or a
/// CSV copy of one of them. `required` makes a file with neither sheet an error (for
/// `--decisions`); a master without them has no decisions yet.
pub fn read_decisions(path: &Path, required: bool) -> Result<Decisions, Error> {
    let grids = if super::format_of(path)?.is_text() {
        vec![(String::new(), text_grid(path)?)]
    } else {
        open_book(path, |book| Ok(decision_grids(book)))?
    };
    let (out, any) = decisions_of(path, &grids);
    if !any && required {
        return Err(Error::NotDecisions {
            path: path.to_path_buf(),
        });
    }
    Ok(out)
}

/// The decisions of a file's sheets (a CSV's one table has no sheet name), and
/// whether any of them was a Review or Decisions table.
pub(super) fn decisions_of(path: &Path, grids: &[(String, Grid)]) -> (Decisions, bool) {
    let mut out = Decisions::default();
    let mut any = false;
    for (sheet, grid) in grids {
        let label = if sheet.is_empty() {
            path.display().to_string()
        } else {
            format!("{} [{sheet}]", path.display())
        };
        any |= read_grid(&label, grid, &mut out);
    }
    (out, any)
}

/// Reads the decisions of one table; false when it is not a Review or Decisions table.
fn read_grid(label: &str, grid: &[Vec<String>], out: &mut Decisions) -> bool {
    let Some(header) = grid.first() else {
        return false;
    };
    let col = |column| position(header, &column);
    let (Some(decision), Some(a), Some(b)) = (col(DECISION), col(CUSTOMER_A), col(CUSTOMER_B)) else {
        return false;
    };
    let (source_a, source_b, decided_in) = (col(SOURCE_A), col(SOURCE_B), col(DECIDED_IN));
    let (name_a, name_b) = (col(NAME_A), col(NAME_B));
    let cell = |row: &[String], c: Option<usize>| c.and_then(|c| row.get(c)).map_or("", |s| s.trim()).to_string();
    for (i, row) in grid.iter().enumerate().skip(1) {
        let here = format!("{label} row {}", i + 1);
        let typed = cell(row, Some(decision));
        if typed.is_empty() {
            continue;
        }
        let Some(choice) = Choice::parse(&typed) else {
            out.notes.push(format!(
                "{here}: decision '{typed}' is neither same/{} nor different/{}; not applied",
                SAME_WORDS.1, DIFFERENT_WORDS.1
            ));
            continue;
        };
        let (id_a, id_b) = (cell(row, Some(a)), cell(row, Some(b)));
        if id_a.is_empty() || id_b.is_empty() {
            out.notes
                .push(format!("{here}: a decision without both customer ids; not applied"));
            continue;
        }
        let carried = decided_in.is_some();
        let place = zh::origin_key(&cell(row, decided_in));
        out.decisions.push(Decision {
            a: Side {
                customer_id: id_a,
                name: cell(row, name_a),
                source: zh::origin_key(&cell(row, source_a)),
            },
            b: Side {
                customer_id: id_b,
                name: cell(row, name_b),
                source: zh::origin_key(&cell(row, source_b)),
            },
            choice,
            decided_in: if place.is_empty() { here } else { place },
            carried,
        });
    }
    true
}

/// The Review and Decisions sheets of a workbook (English or Chinese names), else every
/// sheet, for one whose first row has a decision column.
pub(super) fn decision_grids(book: &mut Book) -> Vec<(String, Grid)> {
    let names = book.sheet_names();
    let known = |n: &str| Sheet::Review.is_part_named(n) || Sheet::Decisions.is_part_named(n);
    let mut wanted: Vec<String> = names.iter().filter(|n| known(n)).cloned().collect();
    if wanted.is_empty() {
        wanted = names;
    }
    wanted
        .into_iter()
        .filter_map(|name| Some((name.clone(), sheet_grid(book, &name)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn typed_decisions_are_read_in_either_language() {
        assert_eq!(Choice::parse(" Same "), Some(Choice::Same));
        assert_eq!(Choice::parse("同一客户"), Some(Choice::Same));
        assert_eq!(Choice::parse("是"), Some(Choice::Same));
        assert_eq!(Choice::parse("DIFFERENT"), Some(Choice::Different));
        assert_eq!(Choice::parse("不同客户"), Some(Choice::Different));
        assert_eq!(Choice::parse("否"), Some(Choice::Different));
        assert_eq!(Choice::parse("maybe"), None);
        assert_eq!(Choice::parse(""), None);
    }

    #[test]
    fn a_review_sheet_gives_its_filled_rows_and_notes_unknown_words() {
        let review = grid(&[
            &[
                "customer_id_a",
                "source_a",
                "name_a",
                "customer_id_b",
                "source_b",
                "decision",
            ],
            &["C000001", "a.csv:2", "张三", "C000002", "a.csv:3", "same"],
            &["C000003", "a.csv:4", "李四", "C000004", "a.csv:5", ""],
            &["C000005", "a.csv:6", "王五", "C000006", "a.csv:7", "不同客户"],
            &["C000007", "a.csv:8", "赵六", "C000008", "a.csv:9", "perhaps"],
        ]);
        let mut out = Decisions::default();
        assert!(read_grid("m.xlsx [Review]", &review, &mut out));
        assert_eq!(out.decisions.len(), 2);
        assert_eq!(out.decisions[0].choice, Choice::Same);
        assert_eq!(out.decisions[0].a.source, "a.csv:2");
        assert_eq!(out.decisions[0].decided_in, "m.xlsx [Review] row 2");
        assert!(!out.decisions[0].carried);
        assert_eq!(out.decisions[1].choice, Choice::Different);
        assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
        assert!(out.notes[0].contains("row 5") && out.notes[0].contains("perhaps"));
    }

    #[test]
    fn a_decisions_sheet_in_chinese_keeps_where_each_was_made() {
        let sheet = grid(&[
            &["决定", "客户编号A", "姓名A", "客户编号B", "姓名B", "决定来源"],
            &[
                "不同客户",
                "C000010",
                "张敏",
                "C000011",
                "张敏",
                "q1/master.xlsx [Review] row 4",
            ],
        ]);
        let mut out = Decisions::default();
        assert!(read_grid("q2/master.xlsx [Decisions]", &sheet, &mut out));
        assert_eq!(out.decisions.len(), 1);
        assert!(out.decisions[0].carried);
        assert_eq!(out.decisions[0].decided_in, "q1/master.xlsx [Review] row 4");
    }

    #[test]
    fn a_table_without_a_decision_column_is_not_read() {
        let list = grid(&[&["姓名", "手机"], &["张三", "13800138000"]]);
        let mut out = Decisions::default();
        assert!(!read_grid("x.csv", &list, &mut out));
    }
}
