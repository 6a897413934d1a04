//! Workbooks (xlsx, xlsm, xlsb, xls, ods) through calamine: every worksheet with a
//! header, merged cells filled so that no value under a merge is lost.
//!
//! xlsx and xlsb sheets are read cell by cell, so that a sheet whose few cells are
//! spread over billions of positions (one cell at XFD1048576) is refused before its
//! range is laid out in memory, and so that a formula saved without its value is
//! reported (xlsx).

use std::path::Path;
use std::sync::Arc;

use calamine::{open_workbook_auto, Cell, Data, DataRef, Dimensions, Range, Reader, Sheets};

use super::cell::cell_text;
use super::guard;
use super::header::{find_header, NoHeader, SEARCH_ROWS};
use super::mapping::Mapper;
use super::sheet::SheetBuilder;
use crate::error::Error;
use crate::record::file_read::{FileRead, Format, SheetRead, SkippedSheet};

/// A sheet's used range may hold at most this many positions when it is mostly empty.
pub const MAX_SPARSE_AREA: u64 = 10_000_000;
/// ... where mostly empty means more than this many positions per cell with a value.
const SPARSE_FACTOR: u64 = 16;

/// Reads every worksheet of a workbook.
pub fn read_workbook(path: &Path, label: Arc<str>, format: Format, mapper: &Mapper) -> Result<FileRead, Error> {
    let mut book = open_workbook_auto(path).map_err(|e| open_error(path, e))?;
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    let mut first_no_header = None;
    for name in names {
        let spin = super::spinner(format!("reading {label} [{name}]"));
        let range = guard::catch(|| sheet_range(&mut book, &label, &name, &mut warnings));
        spin.finish_and_clear();
        let sheet_error = |detail: String| Error::Corrupt {
            path: path.to_path_buf(),
            detail: format!("sheet {name:?}: {detail}"),
        };
        let mut range = match range {
            Ok(Ok(range)) => range,
            Ok(Err(SheetError::Read(detail))) => return Err(sheet_error(detail)),
            Ok(Err(SheetError::TooSparse(detail))) => {
                return Err(Error::Refused {
                    path: path.to_path_buf(),
                    detail: format!("sheet {name:?}: {detail}"),
                })
            }
            Err(detail) => {
                return Err(Error::ReaderFailed {
                    path: path.to_path_buf(),
                    sheet: format!(" [{name}]"),
                    detail,
                })
            }
        };
        if range.is_empty() {
            skipped.push(SkippedSheet {
                name,
                why: "empty".to_string(),
            });
            continue;
        }
        let merges = guard::catch(|| merges_of(&mut book, &name)).unwrap_or_default();
        fill_merges(&mut range, merges);
        match read_range(&label, &name, &range, mapper) {
            Ok(sheet) => sheets.push(sheet),
            Err(why) => {
                skipped.push(SkippedSheet {
                    name: name.clone(),
                    why: why.why(),
                });
                first_no_header.get_or_insert((name, why));
            }
        }
    }
    if sheets.is_empty() {
        return Err(match first_no_header {
            Some((sheet, why)) => why.error(path, &sheet),
            None => Error::NoData {
                path: path.to_path_buf(),
            },
        });
    }
    Ok(FileRead {
        path: path.to_path_buf(),
        label,
        format,
        encoding: None,
        delimiter: None,
        decode_errors: false,
        warnings,
        sheets,
        skipped_sheets: skipped,
    })
}

/// Why a sheet's cells could not be laid out.
enum SheetError {
    /// The format library's own error.
    Read(String),
    /// The used range is far larger than its cells (a cell at XFD1048576).
    TooSparse(String),
}

/// One sheet's cells as a range; xlsx and xlsb are read cell by cell (see the top).
fn sheet_range<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    label: &str,
    name: &str,
    warnings: &mut Vec<String>,
) -> Result<Range<Data>, SheetError> {
    let read = |e: &dyn std::fmt::Display| SheetError::Read(e.to_string());
    let cells = match book {
        Sheets::Xlsx(x) => xlsx_cells(x, label, name, warnings)?,
        Sheets::Xlsb(x) => {
            let mut reader = x.worksheet_cells_reader(name).map_err(|e| read(&e))?;
            let mut cells = Vec::new();
            while let Some(cell) = reader.next_cell().map_err(|e| read(&e))? {
                push_cell(&mut cells, cell.get_position(), cell.get_value().clone());
            }
            cells
        }
        other => {
            let range = other.worksheet_range(name).map_err(|e| read(&e))?;
            check_bounds(range.end())?;
            return Ok(range);
        }
    };
    check_area(&cells)?;
    let range = Range::from_sparse(cells);
    check_bounds(range.end())?;
    Ok(range)
}

/// Excel's last row and column: a cell past them is damage (rows are padded on the
/// left up to the first used column, so a far column would cost memory per row).
const LAST_CELL: (u32, u32) = (1_048_575, 16_383);

fn check_bounds(end: Option<(u32, u32)>) -> Result<(), SheetError> {
    match end {
        Some((row, col)) if row > LAST_CELL.0 || col > LAST_CELL.1 => Err(SheetError::Read(format!(
            "a cell at row {}, column {} is past Excel's last cell XFD1048576",
            u64::from(row) + 1,
            u64::from(col) + 1
        ))),
        _ => Ok(()),
    }
}

/// An xlsx sheet's cells; each formula cell saved without a value gets a warning.
fn xlsx_cells<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Xlsx<RS>,
    label: &str,
    name: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<Cell<Data>>, SheetError> {
    let read = |e: calamine::XlsxError| SheetError::Read(e.to_string());
    let mut reader = book.worksheet_cells_reader(name).map_err(read)?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell_with_formula_metadata().map_err(read)? {
        if cell.formula.is_some() && cell.value == DataRef::Empty {
            warnings.push(format!(
                "{label} [{name}] {}: a formula saved without its value; read as empty (open and save the file in Excel to keep its values)",
                cell_name(cell.pos)
            ));
        }
        push_cell(&mut cells, cell.pos, cell.value);
    }
    Ok(cells)
}

fn push_cell(cells: &mut Vec<Cell<Data>>, pos: (u32, u32), value: DataRef<'_>) {
    if value != DataRef::Empty {
        cells.push(Cell::new(pos, Data::from(value)));
    }
}

/// Refuses cells whose used range would be mostly empty positions, past a size.
fn check_area(cells: &[Cell<Data>]) -> Result<(), SheetError> {
    let Some(first) = cells.first() else {
        return Ok(());
    };
    let (mut lo, mut hi) = (first.get_position(), first.get_position());
    for c in cells {
        let (r, col) = c.get_position();
        lo = (lo.0.min(r), lo.1.min(col));
        hi = (hi.0.max(r), hi.1.max(col));
    }
    let area = u64::from(hi.0 - lo.0 + 1) * u64::from(hi.1 - lo.1 + 1);
    if area > MAX_SPARSE_AREA && area > cells.len() as u64 * SPARSE_FACTOR {
        return Err(SheetError::TooSparse(format!(
            "its {} cells are spread over {}:{} ({} positions); delete the stray cells far from the data (Ctrl+End shows the last one)",
            cells.len(),
            cell_name(lo),
            cell_name(hi),
            area
        )));
    }
    Ok(())
}

/// `(0, 0)` is `A1`.
pub fn cell_name((row, col): (u32, u32)) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

fn open_error(path: &Path, e: calamine::Error) -> Error {
    use calamine::{Error as E, XlsError, XlsxError};
    match e {
        E::Xlsx(XlsxError::Password) | E::Xls(XlsError::Password) => Error::Encrypted {
            path: path.to_path_buf(),
        },
        E::Io(source) => Error::Io {
            path: path.to_path_buf(),
            source,
        },
        other => {
            let detail = other.to_string();
            if detail.to_ascii_lowercase().contains("password") || detail.contains("EncryptedPackage") {
                Error::Encrypted {
                    path: path.to_path_buf(),
                }
            } else {
                Error::Corrupt {
                    path: path.to_path_buf(),
                    detail,
                }
            }
        }
    }
}

/// Merged regions of a sheet, where the format records them.
fn merges_of<RS: std::io::Read + std::io::Seek>(book: &mut Sheets<RS>, name: &str) -> Vec<Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Copies each merged region's value into every cell it covers.
fn fill_merges(range: &mut Range<Data>, merges: Vec<Dimensions>) {
    for m in merges {
        let Some(value) = range.get_value(m.start).cloned() else {
            continue;
        };
        if value == Data::Empty {
            continue;
        }
        for row in m.start.0..=m.end.0 {
            for col in m.start.1..=m.end.1 {
                if (row, col) != m.start && range.get_value((row, col)).is_some() {
                    range.set_value((row, col), value.clone());
                }
            }
        }
    }
}

/// Reads one sheet's range, or says why it has no header.
fn read_range(label: &Arc<str>, name: &str, range: &Range<Data>, mapper: &Mapper) -> Result<SheetRead, NoHeader> {
    let first_row = range.start().map_or(0, |(r, _)| r);
    let first_col = range.start().map_or(0, |(_, c)| c) as usize;
    let pad = |cells: Vec<String>| -> Vec<String> {
        // Columns left of the used range are empty; keep positions as the user sees them.
        std::iter::repeat_n(String::new(), first_col).chain(cells).collect()
    };
    let head: Vec<Vec<String>> = range
        .rows()
        .take(SEARCH_ROWS + 1)
        .map(|r| pad(r.iter().map(cell_text).collect()))
        .collect();
    let layout = find_header(&head, mapper).ok_or_else(|| NoHeader::of(&head))?;
    let header_row = first_row + layout.header_index as u32 + 1;
    let data_index = layout.data_index();
    let header_cells = head[layout.header_index].clone();
    let mut builder = SheetBuilder::new(label.clone(), name, layout, header_row, header_cells);
    let mut cells = Vec::new();
    for (i, row) in range.rows().enumerate().skip(data_index) {
        cells.clear();
        cells.extend(std::iter::repeat_n(String::new(), first_col));
        cells.extend(row.iter().map(cell_text));
        builder.push(first_row + i as u32 + 1, &cells);
    }
    Ok(builder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_in_excel() {
        assert_eq!(cell_name((0, 0)), "A1");
        assert_eq!(cell_name((4, 27)), "AB5");
        assert_eq!(cell_name((1_048_575, 16_383)), "XFD1048576");
    }

    #[test]
    fn a_stray_far_cell_is_refused() {
        let cells = vec![
            Cell::new((0, 0), Data::String("姓名".into())),
            Cell::new((1_048_575, 16_383), Data::Int(1)),
        ];
        let Err(SheetError::TooSparse(why)) = check_area(&cells) else {
            panic!("accepted");
        };
        assert!(why.contains("A1:XFD1048576"), "{why}");
        assert!(check_area(&cells[..1]).is_ok());
    }

    #[test]
    fn a_cell_past_excels_last_column_is_refused() {
        assert!(check_bounds(Some(LAST_CELL)).is_ok());
        let Err(SheetError::Read(why)) = check_bounds(Some((0, 134_000_000))) else {
            panic!("accepted");
        };
        assert!(why.contains("column 134000001"), "{why}");
    }
}
