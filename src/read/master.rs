//! Reading a master workbook written by `rollcall clean` back: its Customers sheet, by
//! column key, whether it was written with English keys or Chinese headers.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{open_workbook_auto, Reader};

use super::cell::cell_text;
use crate::error::Error;
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
            extras: Vec::new(),
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
