//! A workbook or CSV that rollcall wrote (or a person saved from one), opened and read
//! as grids of text: what the master and decisions readers both stand on.

use std::path::Path;

use calamine::{open_workbook_auto, Reader};

use super::cell::cell_text;
use super::decode;
use crate::contract::cells::restore;
use crate::error::Error;

/// A workbook as calamine reads it.
pub type Book = calamine::Sheets<std::io::BufReader<std::fs::File>>;

/// A table's rows, cells as text.
pub type Grid = Vec<Vec<String>>;

/// Opens a workbook rollcall wrote (or a person saved from one) and reads from it,
/// with the container checked first and a reader panic caught, as for every input
/// (see `read::read_file`).
pub fn open_book<T>(path: &Path, read: impl FnOnce(&mut Book) -> Result<T, Error>) -> Result<T, Error> {
    super::check_file_container(path)?;
    let opened = || {
        let mut book = open_workbook_auto(path).map_err(|e| Error::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
        read(&mut book)
    };
    super::guard::catch(opened).unwrap_or_else(|detail| {
        Err(Error::ReaderFailed {
            path: path.to_path_buf(),
            sheet: String::new(),
            detail,
        })
    })
}

/// One sheet's rows as text; `None` when the workbook has no such sheet.
pub fn sheet_grid(book: &mut Book, name: &str) -> Option<Grid> {
    let range = book.worksheet_range(name).ok()?;
    Some(range.rows().map(|r| r.iter().map(cell_text).collect()).collect())
}

/// The rows of a CSV copy of a master sheet (`customers.csv`, `review.csv`, ...), each
/// cell with the `'` that kept it from starting a formula taken off again ([`restore`]).
pub fn text_grid(path: &Path) -> Result<Grid, Error> {
    let (decoded, delimiter) = decode::read_text(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(decoded.text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
        grid.push(record.iter().map(|c| restore(c).to_string()).collect());
    }
    Ok(grid)
}
