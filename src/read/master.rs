//! Reading a master workbook written by `rollcall clean` back: its Customers sheet, by
//! column key, whether it was written with English keys or Chinese headers.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use calamine::{open_workbook_auto, Reader};

use super::cell::cell_text;
use super::header::Layout;
use super::sheet::SheetRead;
use super::{FileRead, Format};
use crate::error::Error;
use crate::record::{Cells, Field, Origin, Record, Text};
use crate::write::model::customer_columns;

/// One row of a master's Customers sheet.
#[derive(Debug, Clone)]
pub struct MasterRow {
    /// 1-based row in the sheet.
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

/// The customers of a master workbook.
pub fn read_customers(path: &Path) -> Result<Vec<MasterRow>, Error> {
    if !path.exists() {
        return Err(Error::Missing {
            path: path.to_path_buf(),
        });
    }
    let mut book = open_workbook_auto(path).map_err(|e| Error::Corrupt {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    let range = book.worksheet_range("Customers").map_err(|_| Error::NotAMaster {
        path: path.to_path_buf(),
        why: "it has no Customers sheet".to_string(),
    })?;
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|r| r.iter().map(cell_text).collect())
        .unwrap_or_default();
    let keys: Vec<Option<&'static str>> = header.iter().map(|h| key_of(h)).collect();
    if !keys.contains(&Some("customer_id")) {
        return Err(Error::NotAMaster {
            path: path.to_path_buf(),
            why: "its Customers sheet has no customer_id (客户编号) column".to_string(),
        });
    }
    let mut out = Vec::new();
    for (i, cells) in rows.enumerate() {
        let mut row = MasterRow {
            row: i as u32 + 2,
            values: BTreeMap::new(),
            extras: Default::default(),
        };
        for (c, cell) in cells.iter().enumerate() {
            let text = cell_text(cell);
            if text.is_empty() {
                continue;
            }
            match keys.get(c).copied().flatten() {
                Some(k) => {
                    row.values.insert(k, text);
                }
                None => row.extras.push((header.get(c).cloned().unwrap_or_default(), text)),
            }
        }
        if !row.get("customer_id").is_empty() {
            out.push(row);
        }
    }
    Ok(out)
}

/// The column key of a master header, English or Chinese.
fn key_of(header: &str) -> Option<&'static str> {
    let h = header.trim();
    customer_columns()
        .into_iter()
        .find(|(k, z)| *k == h || *z == h)
        .map(|(k, _)| k)
}

/// What last run said about one customer, kept to report what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Previous {
    pub customer_id: String,
    pub name: String,
    pub status: String,
    pub reason: String,
    pub phone: String,
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

/// Last run's master as an input file of one sheet (its Customers, one record per
/// customer) and, in the same order, what last run decided about each. A call outcome
/// that decided a customer is carried as the row's outcome, so it stands until a newer
/// call says otherwise.
pub fn previous_records(path: &Path) -> Result<(FileRead, Vec<Previous>), Error> {
    let label: Arc<str> = Arc::from(path.display().to_string());
    let sheet: Arc<str> = Arc::from("Customers");
    let rows = read_customers(path)?;
    let mut records = Vec::with_capacity(rows.len());
    let mut previous = Vec::with_capacity(rows.len());
    for row in rows {
        let origin = Origin {
            file: label.clone(),
            sheet: sheet.clone(),
            row: row.row,
        };
        let extras = row
            .extras
            .iter()
            .map(|(h, v)| (Arc::from(h.as_str()), Text::from(v.as_str())))
            .collect();
        records.push(Record::read(origin, Cells::new(&raw_fields(&row)), extras));
        previous.push(Previous {
            customer_id: row.get("customer_id").to_string(),
            name: row.get("name").to_string(),
            status: row.get("status").to_string(),
            reason: row.get("reason").to_string(),
            phone: row.get("phone").to_string(),
        });
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
        format: Format::Xlsx,
        encoding: None,
        delimiter: None,
        decode_errors: false,
        warnings: Vec::new(),
        sheets: vec![sheet],
        skipped_sheets: Vec::new(),
    };
    Ok((file, previous))
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
    if row.get("verified_by") == "call" && !row.get("outcome").is_empty() {
        raw.push((Field::Outcome, row.get("outcome").into()));
    }
    raw
}
