//! `master.xlsx`: the view model's sheets as a workbook that opens well in Excel and WPS:
//! bold frozen header, autofilter, column widths that fit, phones and ID numbers as text.
//! A sheet longer than Excel's row limit continues on `Name (2)`, `Name (3)`, ...

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::model::{Kind, SheetView};
use crate::error::Error;

/// Data rows per worksheet: Excel's 1,048,576 rows less the header.
pub const MAX_DATA_ROWS: usize = 1_048_575;

/// Writes the sheets to `path`.
pub fn write_workbook(path: &Path, sheets: &[SheetView], max_rows: usize) -> Result<(), Error> {
    let fail = |e: XlsxError| Error::Workbook {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let text = Format::new().set_num_format("@");
    for sheet in sheets {
        let parts = sheet.len.div_ceil(max_rows).max(1);
        for part in 0..parts {
            let name = if part == 0 {
                sheet.name.to_string()
            } else {
                format!("{} ({})", sheet.name, part + 1)
            };
            let ws = book.add_worksheet_with_constant_memory();
            ws.set_name(&name).map_err(fail)?;
            let start = part * max_rows;
            let end = sheet.len.min(start + max_rows);
            write_sheet(ws, sheet, start..end, &header, &text).map_err(fail)?;
        }
    }
    book.save(path).map_err(fail)
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &SheetView,
    rows: std::ops::Range<usize>,
    header: &Format,
    text: &Format,
) -> Result<(), XlsxError> {
    let mut widths: Vec<usize> = sheet.headers.iter().map(|h| display_width(h)).collect();
    let sample = rows.start..rows.end.min(rows.start + 2000);
    for i in sample {
        for (c, v) in (sheet.row)(i).iter().enumerate() {
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(display_width(v));
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        let col = c as u16;
        ws.set_column_width(col, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
        if sheet.kinds[c] == Kind::Text {
            ws.set_column_format(col, text)?;
        }
    }
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, header)?;
    }
    for (n, i) in rows.clone().enumerate() {
        let row = (n + 1) as u32;
        for (c, v) in (sheet.row)(i).iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let col = c as u16;
            match sheet.kinds.get(c) {
                Some(Kind::Number) => match v.parse::<f64>() {
                    Ok(x) => ws.write_number(row, col, x)?,
                    Err(_) => ws.write_string(row, col, v)?,
                },
                Some(Kind::Text) => ws.write_string_with_format(row, col, v, text)?,
                _ => ws.write_string(row, col, v)?,
            };
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    let last_col = sheet.headers.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.len() as u32, last_col)?;
    Ok(())
}

/// Width in Excel character units: CJK and full-width characters count double.
pub fn display_width(s: &str) -> usize {
    s.lines()
        .map(|l| l.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum())
        .max()
        .unwrap_or(0)
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}
