//! Workbooks (xlsx, xlsm, xlsb, xls, ods) through calamine: every worksheet with a
//! header, merged cells filled so that no value under a merge is lost.

use std::path::Path;
use std::sync::Arc;

use calamine::{open_workbook_auto, Data, Dimensions, Range, Reader, Sheets};

use super::cell::cell_text;
use super::header::{find_header, NoHeader, SEARCH_ROWS};
use super::mapping::Mapper;
use super::sheet::SheetBuilder;
use super::{FileRead, Format, SkippedSheet};
use crate::error::Error;

/// Reads every worksheet of a workbook.
pub fn read_workbook(path: &Path, label: Arc<str>, format: Format, mapper: &Mapper) -> Result<FileRead, Error> {
    let mut book = open_workbook_auto(path).map_err(|e| open_error(path, e))?;
    let merges = load_merges(&mut book);
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::new();
    let mut skipped = Vec::new();
    let mut first_no_header = None;
    for name in names {
        let spin = super::spinner(format!("reading {label} [{name}]"));
        let range = book.worksheet_range(&name);
        spin.finish_and_clear();
        let mut range = range.map_err(|e| Error::Corrupt {
            path: path.to_path_buf(),
            detail: format!("sheet {name:?}: {e}"),
        })?;
        if range.is_empty() {
            skipped.push(SkippedSheet {
                name,
                why: "empty".to_string(),
            });
            continue;
        }
        fill_merges(&mut range, merges_of(&book, &merges, &name));
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
        warnings: Vec::new(),
        sheets,
        skipped_sheets: skipped,
    })
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

/// Merged regions per sheet, where the format records them (xlsx, xls).
enum Merges {
    Xlsx,
    None,
}

fn load_merges<RS: std::io::Read + std::io::Seek>(book: &mut Sheets<RS>) -> Merges {
    match book {
        Sheets::Xlsx(x) => match x.load_merged_regions() {
            Ok(()) => Merges::Xlsx,
            Err(_) => Merges::None,
        },
        _ => Merges::None,
    }
}

fn merges_of<RS: std::io::Read + std::io::Seek>(book: &Sheets<RS>, merges: &Merges, name: &str) -> Vec<Dimensions> {
    match (book, merges) {
        (Sheets::Xlsx(x), Merges::Xlsx) => x
            .merged_regions_by_sheet(name)
            .into_iter()
            .map(|(_, _, d)| *d)
            .collect(),
        (Sheets::Xls(x), _) => x.worksheet_merge_cells(name).unwrap_or_default(),
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
fn read_range(
    label: &Arc<str>,
    name: &str,
    range: &Range<Data>,
    mapper: &Mapper,
) -> Result<super::sheet::SheetRead, NoHeader> {
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
