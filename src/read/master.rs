//! Reading a master written by `rollcall clean` back: its Customers table, by column key,
//! whether it was written with English keys or Chinese headers. The table is found in a
//! whole master workbook (its Customers sheet), in a workbook holding only that table, or
//! in `customers.csv` from `--format csv|both`, so every copy of a master goes back in the same way.
//!
//! Nothing a master row says is dropped: a row whose customer id is blank (a customer a
//! person added by hand) or repeats an earlier row's id is read as a new customer, with a
//! note saying so.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use calamine::Reader;

use super::decisions::{decision_grids, decisions_of, Decisions};
use super::grid::{open_book, sheet_grid, text_grid, Book, Grid};
use crate::contract::columns::{customer_column, part_name, part_of, position, Column, LINEAGE, MODEL};
use crate::contract::Sheet;
use crate::error::Error;
use crate::record::file_read::{FileRead, Layout, SheetRead};
use crate::record::since::Previous;
use crate::record::verdict::VerifiedBy;
use crate::record::{Cells, Field, LastPlace, Origin, Record, Text};
use crate::text::LIST_SEPARATOR;

/// A master's Model table as read: where it was read, and each level's (field, level,
/// m, u). The pipeline hands it to matching.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelTable {
    pub from: String,
    pub levels: Vec<(String, String, f64, f64)>,
}

/// The matching model a master's run learned (its Model sheet), to score this run's
/// pairs as that one did; `None` for a master without one (the priors were used, or it
/// is a copy of the Customers sheet alone).
fn model_of(book: &mut Book, path: &Path) -> Option<ModelTable> {
    let name = book.sheet_names().into_iter().find(|n| Sheet::Model.is_named(n))?;
    model_of_grid(sheet_grid(book, &name)?, path)
}

/// The matching model in a Model table (its sheet, or `model.csv`) read from `path`.
fn model_of_grid(grid: Grid, path: &Path) -> Option<ModelTable> {
    let mut rows = grid.into_iter();
    let header = rows.next()?;
    let [field, level, m, u, _] = MODEL.map(|c| position(&header, &c));
    let (field, level, m, u) = (field?, level?, m?, u?);
    let number = |row: &[String], c: usize| row.get(c)?.trim().parse::<f64>().ok().filter(|x| x.is_finite());
    let levels: Vec<(String, String, f64, f64)> = rows
        .filter_map(|row| {
            let (m, u) = (number(&row, m)?, number(&row, u)?);
            Some((row.get(field)?.clone(), row.get(level)?.clone(), m, u))
        })
        .collect();
    (!levels.is_empty()).then(|| ModelTable {
        from: path.display().to_string(),
        levels,
    })
}

/// Master columns that together tell a rollcall customers table from a customer list.
const SIGNATURE: &[&str] = &["customer_id", "status", "verified_by", "source_count"];

/// One row of a master's Customers table.
#[derive(Debug, Clone)]
pub struct MasterRow {
    /// The worksheet it is on (`Customers (2)` past a worksheet's rows); empty for a CSV.
    pub sheet: Arc<str>,
    /// 1-based row in that worksheet (the line, for a CSV).
    pub row: u32,
    /// Column key -> value, for the master's own columns.
    pub values: BTreeMap<&'static str, String>,
    /// Columns carried through from the inputs: (header, value).
    pub extras: Vec<(String, String)>,
}

impl MasterRow {
    pub fn get(&self, key: &str) -> &str {
        self.values.get(key).map_or("", String::as_str)
    }
}

/// A master's Customers table: where it was found, and its rows with data.
#[derive(Debug, Clone)]
pub struct MasterTable {
    /// The sheet's name; empty for a CSV.
    pub sheet: String,
    pub rows: Vec<MasterRow>,
}

/// True when a header row is a rollcall customers table's (English or Chinese).
pub fn is_master_header<S: AsRef<str>>(header: &[S]) -> bool {
    let keys: HashSet<&str> = header.iter().filter_map(|h| key_of(h.as_ref())).collect();
    SIGNATURE.iter().all(|k| keys.contains(k))
}

/// The customers of a master: its Customers sheet, else the first sheet (or the CSV)
/// whose first row is a customers table's header.
pub fn read_customers(path: &Path) -> Result<MasterTable, Error> {
    if !path.exists() {
        return Err(Error::Missing {
            path: path.to_path_buf(),
        });
    }
    let parts = if super::format_of(path)?.is_text() {
        vec![(String::new(), text_grid(path)?)]
    } else {
        open_book(path, |book| customers_grid(book, path))?
    };
    customers_table(path, parts)
}

/// The customers table of its worksheets (one, or a sheet and its continuations), each a
/// header row and the rows under it.
fn customers_table(path: &Path, parts: Vec<(String, Grid)>) -> Result<MasterTable, Error> {
    let sheet = parts.first().map(|(name, _)| name.clone()).unwrap_or_default();
    let mut header: Vec<String> = Vec::new();
    let mut keys: Vec<Option<Column>> = Vec::new();
    let mut rows = Vec::new();
    for (n, (name, grid)) in parts.into_iter().enumerate() {
        let mut grid = grid.into_iter();
        let first = grid.next().unwrap_or_default();
        if n == 0 {
            header = first;
            if !header.iter().any(|h| key_of(h) == Some("customer_id")) {
                return Err(not_a_master(path, &sheet));
            }
            keys = header.iter().map(|h| customer_column(h)).collect();
        }
        let name: Arc<str> = Arc::from(name);
        rows.extend(
            grid.enumerate()
                .map(|(i, cells)| master_row((&name, i as u32 + 2), &cells, &header, &keys))
                .filter(|row| !row.values.is_empty() || !row.extras.is_empty()),
        );
    }
    Ok(MasterTable { sheet, rows })
}

fn not_a_master(path: &Path, sheet: &str) -> Error {
    let where_ = if sheet.is_empty() {
        "its first row".to_string()
    } else {
        format!("its {sheet} sheet")
    };
    Error::NotAMaster {
        path: path.to_path_buf(),
        why: format!("{where_} has no customer_id (客户编号) column"),
    }
}

/// One row of the table, each value of a closed set read back to its key (a master
/// written in Chinese reads as one written in English).
fn master_row(
    (sheet, row): (&Arc<str>, u32),
    cells: &[String],
    header: &[String],
    keys: &[Option<Column>],
) -> MasterRow {
    let mut out = MasterRow {
        sheet: sheet.clone(),
        row,
        values: BTreeMap::new(),
        extras: Vec::new(),
    };
    for (c, text) in cells.iter().enumerate() {
        if text.trim().is_empty() {
            continue;
        }
        match keys.get(c).copied().flatten() {
            Some(column) => {
                let value = column.vocab.map_or_else(|| text.clone(), |v| v.read(text));
                out.values.insert(column.key, value);
            }
            None => out
                .extras
                .push((header.get(c).cloned().unwrap_or_default(), text.clone())),
        }
    }
    out
}

/// The worksheets of a workbook's customers table: the Customers sheet, else the first
/// sheet whose first row is a customers header; with its continuations, in row order,
/// each continuation's columns joined on (see [`continuations`]).
fn customers_grid(book: &mut Book, path: &Path) -> Result<Vec<(String, Grid)>, Error> {
    let names = book.sheet_names();
    let is_customers = |n: &String| Sheet::Customers.is_named(n);
    let mut order: Vec<String> = names.iter().filter(|n| is_customers(n)).cloned().collect();
    order.extend(names.iter().filter(|n| !is_customers(n)).cloned());
    for name in order {
        let Some(grid) = sheet_grid(book, &name) else {
            continue;
        };
        let is_table = grid
            .first()
            .is_some_and(|h| h.iter().any(|c| key_of(c) == Some("customer_id")));
        if Sheet::Customers.is_named(&name) || is_table {
            return Ok(continuations(book, &names, name, grid));
        }
    }
    Err(Error::NotAMaster {
        path: path.to_path_buf(),
        why: "it has no Customers (客户) sheet and no sheet headed customer_id (客户编号)".to_string(),
    })
}

/// A sheet longer than a worksheet's rows goes on at `Customers (2)`, ...; one wider
/// than its columns at `Customers (columns 2)`, ..., each repeating the customer id
/// first. Gives the row parts in order, each with the columns of its column parts
/// joined on (the repeated id left out), so no customer and no column past a
/// worksheet's edge is lost.
fn continuations(book: &mut Book, names: &[String], first: String, grid: Grid) -> Vec<(String, Grid)> {
    let mut parts: Vec<(usize, usize, &String)> = names
        .iter()
        .filter_map(|n| part_of(n).filter(|(f, _, _)| *f == first).map(|(_, r, c)| (r, c, n)))
        .filter(|(r, c, _)| (*r, *c) != (0, 0))
        .collect();
    parts.sort();
    let mut rows: Vec<(String, Grid)> = vec![(first.clone(), grid)];
    for (r, c, name) in parts {
        let Some(more) = sheet_grid(book, name) else {
            continue;
        };
        if c == 0 {
            rows.push((name.clone(), more));
            continue;
        }
        let row_part = part_name(&first, r, 0);
        let Some((_, target)) = rows.iter_mut().find(|(n, _)| *n == row_part) else {
            continue;
        };
        let width = target.iter().map(Vec::len).max().unwrap_or(0);
        for (i, cells) in more.into_iter().enumerate() {
            if let Some(row) = target.get_mut(i) {
                row.resize(width, String::new());
                row.extend(cells.into_iter().skip(1));
            }
        }
    }
    rows
}

/// The column key of a master header, English or Chinese.
fn key_of(header: &str) -> Option<&'static str> {
    customer_column(header).map(|c| c.key)
}

/// Master columns that rollcall derives; they are not read back as input fields.
const DERIVED: &[&str] = &[
    "customer_id",
    "status",
    "reason",
    "verified_by",
    "outcome",
    "title",
    "phone",
    "phone_type",
    "phone_display",
    "phones",
    "source_count",
    "bad_numbers",
];

/// Last run's master, read as `--previous`.
pub struct PreviousMaster {
    /// Its customers as an input file of one sheet, one record per customer.
    pub file: FileRead,
    /// What last run decided about each record's customer, in record order; `None` for
    /// a row read as a new customer (blank or repeated id).
    pub decided: Vec<Option<Previous>>,
    /// Rows read as new customers, and why.
    pub notes: Vec<String>,
    /// A person's decisions on its Review and Decisions sheets.
    pub decisions: Decisions,
    /// The matching model its run learned, if one was.
    pub model: Option<ModelTable>,
    /// The input rows its run gave to customers (its Lineage).
    pub lineage: Vec<LastPlace>,
}

/// Everything `--previous` reads of a master.
struct PreviousRead {
    customers: MasterTable,
    decisions: Decisions,
    model: Option<ModelTable>,
    lineage: Vec<LastPlace>,
}

/// Last run's master as an input file of one sheet (its Customers, one record per
/// customer) and, in the same order, what last run decided about each. A call outcome
/// that decided a customer is carried as the row's outcome, so it stands until a newer
/// call says otherwise.
pub fn previous_records(path: &Path) -> Result<PreviousMaster, Error> {
    let label: Arc<str> = Arc::from(path.display().to_string());
    let PreviousRead {
        customers: table,
        decisions,
        model,
        lineage,
    } = read_previous(path)?;
    let sheet: Arc<str> = Arc::from(table.sheet.as_str());
    let mut records = Vec::with_capacity(table.rows.len());
    let mut decided = Vec::with_capacity(table.rows.len());
    let mut notes = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for row in table.rows {
        let origin = Origin {
            file: label.clone(),
            sheet: row.sheet.clone(),
            row: row.row,
        };
        let extras = row
            .extras
            .iter()
            .map(|(h, v)| (Arc::from(h.as_str()), Text::from(v.as_str())))
            .collect();
        let mut record = Record::read(origin.clone(), Cells::new(&raw_fields(&row)), extras);
        record.master_rows = row.get("source_count").trim().parse::<u32>().unwrap_or(1).max(1);
        let id = row.get("customer_id").trim().to_string();
        if id.is_empty() {
            notes.push(format!("{origin}: no customer id; read as a new customer"));
            decided.push(None);
        } else if !seen.insert(id.clone()) {
            notes.push(format!(
                "{origin}: customer id {id} is on an earlier row too; this row is read as a new customer"
            ));
            decided.push(None);
        } else {
            decided.push(Some(previous_of(&row, id)));
        }
        records.push(record);
    }
    let sheet = SheetRead {
        name: sheet,
        layout: Layout {
            header_index: 0,
            header_rows: 1,
            columns: Vec::new(),
        },
        header_row: 1,
        record_count: records.len(),
        records,
        more: Vec::new(),
        rejected: Vec::new(),
        empty_rows: 0,
    };
    let file = FileRead {
        path: path.to_path_buf(),
        label,
        format: super::format_of(path)?,
        encoding: None,
        delimiter: None,
        decode_errors: false,
        warnings: Vec::new(),
        sheets: vec![sheet],
        skipped_sheets: Vec::new(),
    };
    Ok(PreviousMaster {
        file,
        decided,
        notes,
        decisions,
        model,
        lineage,
    })
}

/// Everything `--previous` reads of a master, with the workbook opened once: its
/// customers, its decisions, its model and its lineage. For a CSV copy
/// (`customers.csv`), the others are read from the copies of those sheets written beside
/// it (`review.csv`, `decisions.csv`, `model.csv`, `lineage.csv`), where they are.
fn read_previous(path: &Path) -> Result<PreviousRead, Error> {
    if !path.exists() || super::format_of(path)?.is_text() {
        let customers = read_customers(path)?;
        return beside_csv(path, customers);
    }
    let (parts, grids, model, lineage) = open_book(path, |book| {
        let parts = customers_grid(book, path)?;
        let lineage = lineage_grids(book);
        Ok((parts, decision_grids(book), model_of(book, path), lineage))
    })?;
    let (decisions, _) = decisions_of(path, &grids);
    Ok(PreviousRead {
        customers: customers_table(path, parts)?,
        decisions,
        model,
        lineage: lineage_of(path, lineage),
    })
}

/// The Lineage sheet of a workbook and its continuations, each with its name.
fn lineage_grids(book: &mut Book) -> Vec<(String, Grid)> {
    book.sheet_names()
        .into_iter()
        .filter(|n| Sheet::Lineage.is_part_named(n))
        .filter_map(|name| Some((name.clone(), sheet_grid(book, &name)?)))
        .collect()
}

/// The rows a Lineage table (its sheets, or `lineage.csv` with an empty sheet name)
/// gives to customers; a rejected row has no customer and is left out, and so is a
/// table without the columns.
fn lineage_of(path: &Path, grids: Vec<(String, Grid)>) -> Vec<LastPlace> {
    let column = |key: &str| LINEAGE.iter().find(|c| c.key == key).expect("a Lineage column");
    let mut out = Vec::new();
    for (sheet, grid) in grids {
        let mut rows = grid.into_iter();
        let header = rows.next().unwrap_or_default();
        let [file, in_sheet, row, customer] =
            ["source_file", "source_sheet", "source_row", "customer_id"].map(|k| position(&header, column(k)));
        let (Some(file), Some(row), Some(customer)) = (file, row, customer) else {
            continue;
        };
        let cell = |cells: &[String], c: usize| cells.get(c).map_or("", |v| v.trim()).to_string();
        for (i, cells) in rows.enumerate() {
            let customer_id = cell(&cells, customer);
            let number = cell(&cells, row)
                .parse::<f64>()
                .ok()
                .filter(|n| n.fract() == 0.0 && *n >= 1.0);
            let (Some(number), false) = (number, customer_id.is_empty()) else {
                continue;
            };
            let at = i + 2;
            out.push(LastPlace {
                file: cell(&cells, file),
                sheet: in_sheet.map_or_else(String::new, |c| cell(&cells, c)),
                row: number as u32,
                customer_id,
                listed_at: if sheet.is_empty() {
                    format!("{}:{at}", path.display())
                } else {
                    format!("{} [{sheet}] row {at}", path.display())
                },
            });
        }
    }
    out
}

/// The decisions, model and lineage of the CSV copies written beside a master's
/// `customers.csv`: `review.csv` and `decisions.csv` (a person's decisions, each file
/// named where it decided), `model.csv` (the matching model) and `lineage.csv`. A copy
/// that is not there is nothing to read; one that is there but unreadable stops the run,
/// naming it.
fn beside_csv(customers_path: &Path, customers: MasterTable) -> Result<PreviousRead, Error> {
    let dir = customers_path.parent().unwrap_or(Path::new(""));
    let mut decisions = Decisions::default();
    for sheet in [Sheet::Review, Sheet::Decisions] {
        let path = dir.join(Sheet::csv_name(sheet.key()));
        if path.is_file() {
            let grid = text_grid(&path)?;
            let (read, _) = decisions_of(&path, &[(String::new(), grid)]);
            decisions.decisions.extend(read.decisions);
            decisions.notes.extend(read.notes);
        }
    }
    let path = dir.join(Sheet::csv_name(Sheet::Model.key()));
    let model = if path.is_file() {
        model_of_grid(text_grid(&path)?, &path)
    } else {
        None
    };
    let path = dir.join(Sheet::csv_name(Sheet::Lineage.key()));
    let lineage = if path.is_file() {
        lineage_of(&path, vec![(String::new(), text_grid(&path)?)])
    } else {
        Vec::new()
    };
    Ok(PreviousRead {
        customers,
        decisions,
        model,
        lineage,
    })
}

fn previous_of(row: &MasterRow, customer_id: String) -> Previous {
    Previous {
        customer_id,
        name: row.get("name").to_string(),
        status: row.get("status").to_string(),
        reason: row.get("reason").to_string(),
        phone: row.get("phone").to_string(),
        // Split at the list separator only: `;ext=203` belongs to its number.
        phones: row
            .get("phones")
            .split(LIST_SEPARATOR)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect(),
    }
}

/// The input fields of a master row: every field column, all numbers as phones, the
/// title back on the name (so cleaning finds it again), and a deciding call outcome.
fn raw_fields(row: &MasterRow) -> Vec<(Field, Text)> {
    let mut raw = Vec::new();
    let name = row.get("name");
    let title = row.get("title");
    if !name.is_empty() {
        let full = match (title.is_empty(), name.chars().any(|c| c.is_ascii_alphabetic())) {
            (true, _) => name.to_string(),
            (false, true) => format!("{title} {name}"),
            (false, false) => format!("{name}{title}"),
        };
        raw.push((Field::Name, full.into()));
    }
    for key in ["phones", "bad_numbers"] {
        if !row.get(key).is_empty() {
            raw.push((Field::Phone, row.get(key).into()));
        }
    }
    for (key, value) in &row.values {
        if DERIVED.contains(key) || *key == "name" {
            continue;
        }
        if let Some(field) = Field::from_key(key) {
            raw.push((field, value.as_str().into()));
        }
    }
    if row.get("verified_by") == VerifiedBy::Call.key() && !row.get("outcome").is_empty() {
        raw.push((Field::Outcome, row.get("outcome").into()));
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customers_header_is_told_from_a_list_header() {
        assert!(is_master_header(&[
            "customer_id",
            "status",
            "reason",
            "verified_by",
            "name",
            "source_count"
        ]));
        assert!(is_master_header(&["客户编号", "状态", "核实方式", "姓名", "来源行数"]));
        assert!(!is_master_header(&["customer_id", "name", "phone"]));
        assert!(!is_master_header(&["姓名", "手机", "单位", "备注"]));
    }

    #[test]
    fn a_chinese_table_reads_back_to_the_keys_of_an_english_one() {
        let grid =
            |rows: &[&[&str]]| -> Grid { rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect() };
        let zh = grid(&[
            &["客户编号", "状态", "无效原因", "核实方式", "电话类型", "姓名", "自定义"],
            &["C000001", "无效", "停机空号", "电话核实", "手机", "张三", "x"],
            &["C000002", "有效", "", "资料判定", "座机", "李四", ""],
        ]);
        let en = grid(&[
            &[
                "customer_id",
                "status",
                "reason",
                "verified_by",
                "phone_type",
                "name",
                "自定义",
            ],
            &["C000001", "invalid", "disconnected", "call", "mobile", "张三", "x"],
            &["C000002", "valid", "", "data", "fixed_line", "李四", ""],
        ]);
        let path = Path::new("m.xlsx");
        let zh = customers_table(path, vec![("客户".into(), zh)]).unwrap();
        let en = customers_table(path, vec![("Customers".into(), en)]).unwrap();
        for (a, b) in zh.rows.iter().zip(&en.rows) {
            assert_eq!(a.values, b.values);
            assert_eq!(a.extras, b.extras);
        }
        assert_eq!(zh.rows[0].get("reason"), "disconnected");
        assert_eq!(zh.rows[0].get("verified_by"), "call");
    }

    #[test]
    fn a_person_s_own_word_in_a_closed_column_is_kept() {
        let grid: Grid = vec![
            vec!["客户编号".into(), "无效原因".into()],
            vec!["C000001".into(), "打不通".into()],
        ];
        let table = customers_table(Path::new("m.xlsx"), vec![("客户".into(), grid)]).unwrap();
        assert_eq!(table.rows[0].get("reason"), "打不通");
    }
}
