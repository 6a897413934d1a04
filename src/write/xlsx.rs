//! `master.xlsx`: the view model's sheets as a workbook that opens well in Excel and WPS:
//! bold frozen header, autofilter, column widths that fit, phones and ID numbers as text.
//! A sheet longer than Excel's row limit continues on `Name (2)`, `Name (3)`, ...
//! Charts are native Excel charts drawn from the sheet's own cells, so they follow any
//! edit; a sheet with charts is kept in memory (it is small), the others are streamed.

use std::io::{Seek, Write};
use std::panic::AssertUnwindSafe;
use std::path::Path;

use indicatif::ProgressBar;
use rayon::prelude::*;

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFormat, ChartLegendPosition, ChartSolidFill, DataValidation, DataValidationErrorStyle,
    Format, Formula, Workbook, Worksheet, XlsxError,
};

use super::model::{ChartKind, ChartSpec, Choices, Kind, SheetView};
use crate::console;
use crate::contract::columns::part_name;
use crate::contract::Sheet;
use crate::error::Error;

/// The colours of valid and invalid, as in report.html.
const VALID: &str = "#2E7D32";
const INVALID: &str = "#C62828";

/// Characters of column width a landscape A4 page holds at about 70% (it holds about
/// 140 at 100%).
const PAGE_WIDTH: f64 = 200.0;

/// Excel's paper size code for A4, the paper of Chinese offices.
const A4: u8 = 9;

/// The widest a column gets, in characters; longer text is cut at the cell's edge on
/// screen and on paper, whole in the cell.
const MAX_WIDTH: f64 = 40.0;

/// The widest a column of a sheet for paper gets, in characters: longer text is cut at
/// the cell's edge on paper, as it is on screen.
const PAPER_MAX_WIDTH: f64 = 36.0;

/// Row height of a sheet for paper, in points: room to write by hand (Excel's is 15).
const PAPER_ROW_HEIGHT: f64 = 24.0;

/// How a workbook is laid out for printing.
#[derive(Debug, Clone, Default)]
pub struct Print {
    /// Hide the columns no row has a value in (the master's customer form has about 50
    /// columns; most lists fill 15 to 20 of them). The columns stay, for the next run
    /// and for a person who unhides them.
    pub hide_empty_columns: bool,
    /// A sheet a person prints to work on: the call sheet, the roster.
    pub paper: Option<Paper>,
}

/// A sheet for paper: gridlines, a header naming the sheet (the salesperson), the title
/// and the date printed, page N of M; with columns to write in, those wide enough and
/// every row taller.
#[derive(Debug, Clone)]
pub struct Paper {
    pub title: String,
    /// The footer: `Page &P of &N` (Excel's codes for this page and the page count).
    pub page_of: String,
    /// Columns written in by hand, each with the width (characters) a hand needs.
    pub handwritten: Vec<(usize, f64)>,
}

/// Data rows per worksheet: Excel's 1,048,576 rows less the header.
pub const MAX_DATA_ROWS: usize = 1_048_575;

/// Rows between two steps of a progress bar.
const PROGRESS_STEP: usize = 10_000;

/// The name of the hidden sheet holding drop-down values.
pub const LISTS: &str = "Lists";

/// Columns per worksheet: Excel's 16,384.
pub const MAX_COLUMNS: usize = 16_384;

/// One worksheet of the workbook: a sheet view, or the part of it past Excel's row or
/// column limit.
struct Part<'a, 'v> {
    name: String,
    sheet: &'a SheetView<'v>,
    rows: std::ops::Range<usize>,
    /// The view's columns on this worksheet, in order.
    columns: Vec<usize>,
    with_charts: bool,
}

/// Writes the sheets to `out` (named `path` in errors), with the charts on the Summary
/// sheet and the drop-down choices, if any, on every sheet. Worksheets are filled in
/// parallel (each streams its rows to a temporary file of its own) and added in order.
/// A panic inside the workbook writer (it has panicked on a full disk) is an error
/// naming the file, not a dead run.
pub fn write_workbook<W: Write + Seek + Send>(
    path: &Path,
    out: &mut W,
    sheets: &[SheetView],
    charts: &[ChartSpec],
    choices: &[Choices],
    print: &Print,
    max_rows: usize,
) -> Result<(), Error> {
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().to_string());
    let write = AssertUnwindSafe(|| build(out, &name, sheets, charts, choices, print, max_rows));
    let result = std::panic::catch_unwind(write).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("unknown failure");
        Err(XlsxError::IoError(std::io::Error::other(what.to_string())))
    });
    result.map_err(|e| Error::Workbook {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}

/// Builds the workbook and saves it to `out`, with a progress bar over the rows filled
/// and a spinner while the workbook is compressed, both saying `name`.
fn build<W: Write + Seek + Send>(
    out: &mut W,
    name: &str,
    sheets: &[SheetView],
    charts: &[ChartSpec],
    choices: &[Choices],
    print: &Print,
    max_rows: usize,
) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    // Constant-memory worksheets share the workbook's format table, and a format first
    // met by two threads at once could get two indices, one of them missing from
    // styles.xml (rust_xlsxwriter 0.90 inserts without looking again under its write
    // lock). Registered here, before the threads, every lookup finds it.
    for f in formats.all() {
        book.register_format(f);
    }
    let parts = parts(sheets, charts, max_rows);
    let mut worksheets: Vec<Worksheet> = parts
        .iter()
        .map(|p| {
            // A sheet for paper sets each row's height, which a streamed (constant
            // memory) worksheet writes twice for its last row; it is kept in memory.
            if p.with_charts || print.paper.is_some() {
                Worksheet::new()
            } else {
                book.new_worksheet_with_constant_memory()
            }
        })
        .collect();
    let rows: usize = parts.iter().map(|p| p.rows.len()).sum();
    let bar = console::bar(
        rows as u64,
        format!("writing {name}: {rows} rows on {} sheets", parts.len()),
    );
    worksheets
        .par_iter_mut()
        .zip(parts.par_iter())
        .try_for_each(|(ws, part)| fill(ws, part, charts, choices, &formats, print, &bar))?;
    bar.finish_and_clear();
    for ws in worksheets {
        book.push_worksheet(ws);
    }
    if let Some(c) = choices.iter().find(|c| !c.inline) {
        write_lists(book.add_worksheet(), c)?;
    }
    let spin = console::spinner(format!("writing {name}: compressing the sheets"));
    let saved = book.save_to_writer(out);
    spin.finish_and_clear();
    saved
}

/// The worksheets of the sheet views: a view longer than `max_rows` continues on
/// `Name (2)`, `Name (3)`, ...; one wider than [`MAX_COLUMNS`] continues on
/// `Name (columns 2)`, ..., each continuation repeating the first column (the customer
/// id) so its rows can be told.
fn parts<'a, 'v>(sheets: &'a [SheetView<'v>], charts: &[ChartSpec], max_rows: usize) -> Vec<Part<'a, 'v>> {
    let mut out = Vec::new();
    for sheet in sheets {
        let count = sheet.len.div_ceil(max_rows).max(1);
        let column_parts = column_parts(sheet.headers.len());
        for part in 0..count {
            let start = part * max_rows;
            for (c, columns) in column_parts.iter().enumerate() {
                out.push(Part {
                    name: part_name(&sheet.name, part, c),
                    sheet,
                    rows: start..sheet.len.min(start + max_rows),
                    columns: columns.clone(),
                    with_charts: Sheet::Summary.is_named(&sheet.name) && part == 0 && c == 0 && !charts.is_empty(),
                });
            }
        }
    }
    out
}

/// The columns of each worksheet a view of `n` columns needs: all of them, or the first
/// [`MAX_COLUMNS`] and then the first column with the next ones.
fn column_parts(n: usize) -> Vec<Vec<usize>> {
    if n <= MAX_COLUMNS {
        return vec![(0..n).collect()];
    }
    let mut parts = vec![(0..MAX_COLUMNS).collect::<Vec<_>>()];
    let mut next = MAX_COLUMNS;
    while next < n {
        let end = n.min(next + MAX_COLUMNS - 1);
        parts.push(std::iter::once(0).chain(next..end).collect());
        next = end;
    }
    parts
}

/// Writes one worksheet: its rows, its charts, its drop-down.
fn fill(
    ws: &mut Worksheet,
    part: &Part,
    charts: &[ChartSpec],
    choices: &[Choices],
    formats: &Formats,
    print: &Print,
    progress: &ProgressBar,
) -> Result<(), XlsxError> {
    ws.set_name(&part.name)?;
    if Sheet::Model.is_named(&part.sheet.name) {
        // For rollcall's next run, not for reading or printing.
        ws.set_hidden(true);
    }
    write_sheet(ws, part, formats, print, progress)?;
    if part.with_charts {
        insert_charts(ws, &part.name, part.columns.len(), charts)?;
    }
    let on_sheet = |c: &&Choices| c.sheet.as_ref().is_none_or(|s| *s == part.sheet.name);
    for c in choices.iter().filter(on_sheet) {
        add_choices(ws, c, part.rows.len() as u32)?;
    }
    Ok(())
}

fn add_choices(ws: &mut Worksheet, c: &Choices, rows: u32) -> Result<(), XlsxError> {
    let validation = if c.inline {
        DataValidation::new().allow_list_strings(&c.values)?
    } else {
        let n = c.values.len().max(1);
        DataValidation::new().allow_list_formula(Formula::new(format!("={LISTS}!$A$1:$A${n}")))
    };
    let validation = validation
        .set_input_title(&c.title)?
        .set_input_message(&c.message)?
        .set_error_style(DataValidationErrorStyle::Information);
    let last = rows.max(1);
    ws.add_data_validation(1, c.column as u16, last, c.column as u16, &validation)?;
    Ok(())
}

fn write_lists(ws: &mut Worksheet, c: &Choices) -> Result<(), XlsxError> {
    ws.set_name(LISTS)?;
    for (i, v) in c.values.iter().enumerate() {
        ws.write_string(i as u32, 0, fit_cell(v).as_ref())?;
    }
    ws.set_column_width(0, 30)?;
    ws.set_hidden(true);
    Ok(())
}

/// The cell formats of every sheet.
struct Formats {
    header: Format,
    /// Text Excel must not turn into a number.
    text: Format,
    /// A share: a number shown as a percent.
    share: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color("#DDEBF7")
                .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
            text: Format::new().set_num_format("@"),
            share: Format::new().set_num_format("0.0%"),
        }
    }

    fn all(&self) -> [&Format; 3] {
        [&self.header, &self.text, &self.share]
    }
}

fn write_sheet(
    ws: &mut Worksheet,
    part: &Part,
    formats: &Formats,
    print: &Print,
    progress: &ProgressBar,
) -> Result<(), XlsxError> {
    let sheet = part.sheet;
    let widths = column_widths(part, print);
    for (col, (w, &c)) in widths.iter().zip(&part.columns).enumerate() {
        let col = col as u16;
        ws.set_column_width(col, *w)?;
        if sheet.kinds[c].is_text() {
            ws.set_column_format(col, &formats.text)?;
        }
    }
    for (col, &c) in part.columns.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, fit_cell(&sheet.headers[c]).as_ref(), &formats.header)?;
    }
    // Rows to write in are taller; a sheet only read (the roster) keeps Excel's height.
    let row_height = print
        .paper
        .as_ref()
        .filter(|p| !p.handwritten.is_empty())
        .map(|_| PAPER_ROW_HEIGHT);
    let filled = write_rows(ws, part, formats, row_height, progress)?;
    let mut shown_width = 0.0;
    for (col, (filled, width)) in filled.iter().zip(&widths).enumerate() {
        if *filled || !print.hide_empty_columns || Sheet::Summary.is_named(&sheet.name) {
            shown_width += width;
        } else {
            ws.set_column_hidden(col as u16)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    page_setup(ws, shown_width, print.paper.as_ref())?;
    if !Sheet::Summary.is_named(&sheet.name) {
        // A table of figures with blank rows between its parts has nothing to filter.
        let last_col = part.columns.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, part.rows.len() as u32, last_col)?;
    }
    Ok(())
}

/// Each column's width in characters: its header or its widest value among the first
/// rows, within bounds; a column written in by hand on paper gets the room it needs.
fn column_widths(part: &Part, print: &Print) -> Vec<f64> {
    let sheet = part.sheet;
    let rows = part.rows.clone();
    let mut widths: Vec<usize> = part.columns.iter().map(|&c| display_width(&sheet.headers[c])).collect();
    let sample = rows.start..rows.end.min(rows.start + 2000);
    for i in sample {
        let cells = (sheet.row)(i);
        for (w, &c) in widths.iter_mut().zip(&part.columns) {
            *w = (*w).max(cells.get(c).map_or(0, |v| display_width(v)));
        }
    }
    let max = if print.paper.is_some() {
        PAPER_MAX_WIDTH
    } else {
        MAX_WIDTH
    };
    let mut widths: Vec<f64> = widths.iter().map(|w| (*w as f64 + 2.0).clamp(6.0, max)).collect();
    if let Some(paper) = &print.paper {
        for &(column, width) in &paper.handwritten {
            if let Some(pos) = part.columns.iter().position(|&c| c == column) {
                widths[pos] = widths[pos].max(width);
            }
        }
    }
    widths
}

/// Writes the data rows, each `row_height` points high if given; returns, for each
/// column, whether any row has a value in it.
fn write_rows(
    ws: &mut Worksheet,
    part: &Part,
    formats: &Formats,
    row_height: Option<f64>,
    progress: &ProgressBar,
) -> Result<Vec<bool>, XlsxError> {
    let sheet = part.sheet;
    let mut filled = vec![false; part.columns.len()];
    for (n, i) in part.rows.clone().enumerate() {
        let row = (n + 1) as u32;
        if let Some(h) = row_height {
            ws.set_row_height(row, h)?;
        }
        if n % PROGRESS_STEP == PROGRESS_STEP - 1 {
            progress.inc(PROGRESS_STEP as u64);
        }
        let cells = (sheet.row)(i);
        for (col, &c) in part.columns.iter().enumerate() {
            let Some(v) = cells.get(c).filter(|v| !v.is_empty()) else {
                continue;
            };
            filled[col] = true;
            let v = fit_cell(v);
            let v = v.as_ref();
            let col = col as u16;
            match sheet.kinds.get(c) {
                Some(Kind::Number) => match v.parse::<f64>() {
                    Ok(x) => ws.write_number(row, col, x)?,
                    Err(_) => ws.write_string(row, col, v)?,
                },
                Some(k) if k.is_text() => ws.write_string_with_format(row, col, v, &formats.text)?,
                Some(Kind::Share) => match share_value(v) {
                    Some(x) => ws.write_number_with_format(row, col, x, &formats.share)?,
                    None => ws.write_string(row, col, v)?,
                },
                _ => ws.write_string(row, col, v)?,
            };
        }
    }
    Ok(filled)
}

/// Print setup: A4 landscape, the header row on every page, the sheet name and page N
/// of M in the footer, as few pages wide as keep the text readable (see
/// [`pages_wide`]). A sheet for paper is one page wide and also prints its gridlines
/// and a header with its title and the date printed.
fn page_setup(ws: &mut Worksheet, shown_width: f64, paper: Option<&Paper>) -> Result<(), XlsxError> {
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_repeat_rows(0, 0)?;
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    let wide = if paper.is_some() { 1 } else { pages_wide(shown_width) };
    ws.set_print_fit_to_pages(wide, 0);
    match paper {
        None => {
            ws.set_footer("&L&A&R&P / &N");
        }
        Some(p) => {
            ws.set_print_gridlines(true);
            ws.set_header(format!("&L&A&C{}&R&D", header_text(&p.title)));
            ws.set_footer(format!("&C{}", p.page_of));
        }
    }
    Ok(())
}

/// Text as a header or footer shows it: `&` written `&&`.
fn header_text(s: &str) -> String {
    s.replace('&', "&&")
}

/// How many pages wide a sheet of columns `width` characters wide in all prints on:
/// enough that nothing shrinks below about 70% ([`PAGE_WIDTH`] characters a page).
fn pages_wide(width: f64) -> u16 {
    (width / PAGE_WIDTH).ceil().clamp(1.0, 100.0) as u16
}

/// The number a share cell (`49.8%`) holds: 0.498.
fn share_value(v: &str) -> Option<f64> {
    let x: f64 = v.trim().strip_suffix('%')?.trim().parse().ok()?;
    Some(x / 100.0)
}

/// Places the charts beside the sheet's columns, one under the other.
fn insert_charts(ws: &mut Worksheet, sheet: &str, columns: usize, charts: &[ChartSpec]) -> Result<(), XlsxError> {
    let mut row = 1;
    for spec in charts {
        let chart = chart(sheet, spec);
        ws.insert_chart_with_offset(row, columns as u16 + 1, &chart, 10, 0)?;
        row += 18;
    }
    Ok(())
}

/// One native chart: labels from column A, values from column B.
fn chart(sheet: &str, spec: &ChartSpec) -> Chart {
    let first = spec.rows.start as u32 + 1;
    let last = spec.rows.end as u32;
    let mut chart = match spec.kind {
        ChartKind::Split => Chart::new_pie(),
        ChartKind::InvalidBars | ChartKind::ValidBars => Chart::new_bar(),
    };
    let series = chart
        .add_series()
        .set_categories((sheet, first, 0, last, 0))
        .set_values((sheet, first, 1, last, 1))
        .set_name(spec.title.as_str());
    match spec.kind {
        ChartKind::Split => {
            let label = ChartDataLabel::new()
                .show_category_name()
                .show_percentage()
                .set_num_format("0.0%")
                .to_custom();
            series.set_data_label(&label).set_point_colors(&[VALID, INVALID]);
        }
        ChartKind::InvalidBars | ChartKind::ValidBars => {
            let color = if spec.kind == ChartKind::ValidBars {
                VALID
            } else {
                INVALID
            };
            series
                .set_data_label(&ChartDataLabel::new().show_value().to_custom())
                .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(color)));
        }
    }
    chart.title().set_name(&spec.title);
    chart.set_width(560).set_height(340);
    if spec.kind == ChartKind::Split {
        chart.legend().set_position(ChartLegendPosition::Bottom);
    } else {
        chart.legend().set_hidden();
        // The first reason at the top, as in the table beside it.
        chart.y_axis().set_reverse();
    }
    chart
}

/// Excel's limit on the characters of one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// What Excel ends a cut cell with.
pub const CUT_MARK: &str = "…[cut: longer than Excel allows; see the CSV]";

/// A cell as Excel can hold it: text past 32,767 characters is cut, with a mark saying
/// so (the CSV copies keep it whole).
pub fn fit_cell(v: &str) -> std::borrow::Cow<'_, str> {
    if v.len() <= MAX_CELL_CHARS || v.chars().count() <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(v);
    }
    let keep = MAX_CELL_CHARS - CUT_MARK.chars().count();
    let mut cut: String = v.chars().take(keep).collect();
    cut.push_str(CUT_MARK);
    std::borrow::Cow::Owned(cut)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::model::{Kind, SheetView};

    fn sheet(columns: usize, rows: usize) -> SheetView<'static> {
        SheetView {
            name: "Customers".into(),
            headers: (0..columns).map(|c| format!("h{c}")).collect(),
            kinds: vec![Kind::General; columns],
            len: rows,
            row: Box::new(move |i| (0..columns).map(|c| format!("{i}-{c}")).collect()),
        }
    }

    #[test]
    fn a_full_disk_is_an_error_naming_the_file() {
        let Ok(mut full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
            return; // not Linux
        };
        let sheets = [sheet(5, 20_000)];
        let path = Path::new("out/master.xlsx");
        let e = write_workbook(path, &mut full, &sheets, &[], &[], &Print::default(), MAX_DATA_ROWS).unwrap_err();
        assert!(
            e.to_string().starts_with("out/master.xlsx: cannot write the workbook"),
            "{e}"
        );
    }

    #[test]
    fn wide_sheets_continue_on_column_parts() {
        assert_eq!(column_parts(3), vec![vec![0, 1, 2]]);
        let parts = column_parts(MAX_COLUMNS + 10);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].len(), MAX_COLUMNS);
        assert_eq!(parts[1][0], 0);
        assert_eq!(parts[1][1], MAX_COLUMNS);
        assert_eq!(parts[1].len(), 11);
        let parts = column_parts(3 * MAX_COLUMNS);
        let covered: usize = parts.iter().map(|p| p.len()).sum::<usize>() - (parts.len() - 1);
        assert_eq!(covered, 3 * MAX_COLUMNS);
        assert!(parts.iter().all(|p| p.len() <= MAX_COLUMNS));
        assert_eq!(part_name("Customers", 0, 1), "Customers (columns 2)");
        assert_eq!(part_name("Lineage", 1, 0), "Lineage (2)");
        assert_eq!(part_name("Customers", 1, 1), "Customers (2, columns 2)");
    }
}
