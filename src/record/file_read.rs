//! One input file as read: its format and encoding, each sheet's header layout (the
//! columns, the field each maps to and how sure), its records, rejected and empty rows,
//! and the sheets not read with why. Read fills it (see `read::read_file`); the pipeline
//! takes the records out and write reports the rest.

use std::path::PathBuf;
use std::sync::Arc;

use super::{Field, Record, Rejected};

/// The kind of an input file (`read::format_of` names it from a path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
    Csv,
    Tsv,
    Txt,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Txt => "txt",
        }
    }

    pub fn is_text(self) -> bool {
        matches!(self, Format::Csv | Format::Tsv | Format::Txt)
    }
}

/// A sheet that was not read, and why.
#[derive(Debug, Clone)]
pub struct SkippedSheet {
    pub name: String,
    pub why: String,
}

/// Everything read from one input file.
#[derive(Debug, Clone)]
pub struct FileRead {
    pub path: PathBuf,
    /// The path as shown in outputs.
    pub label: Arc<str>,
    pub format: Format,
    /// Text files only.
    pub encoding: Option<String>,
    pub delimiter: Option<u8>,
    /// Text files only: some bytes did not decode in the detected encoding.
    pub decode_errors: bool,
    /// Problems read around, each naming the file and row (a stray quote).
    pub warnings: Vec<String>,
    pub sheets: Vec<SheetRead>,
    pub skipped_sheets: Vec<SkippedSheet>,
}

impl FileRead {
    pub fn data_rows(&self) -> usize {
        self.sheets.iter().map(|s| s.data_rows()).sum()
    }
    pub fn records(&self) -> usize {
        self.sheets.iter().map(|s| s.record_count).sum()
    }
    pub fn rejected(&self) -> usize {
        self.sheets.iter().map(|s| s.rejected.len()).sum()
    }
    pub fn empty_rows(&self) -> u32 {
        self.sheets.iter().map(|s| s.empty_rows).sum()
    }
}

/// Everything read from one sheet (or one CSV file).
#[derive(Debug, Clone)]
pub struct SheetRead {
    /// Sheet name; empty for CSV files.
    pub name: Arc<str>,
    pub layout: Layout,
    /// 1-based row number of the (first) header row.
    pub header_row: u32,
    /// The records read, in row order: this vector, then each of `more` (parts parsed
    /// in parallel). The pipeline takes them out with [`SheetRead::take_records`];
    /// `record_count` stays.
    pub records: Vec<Record>,
    pub more: Vec<Vec<Record>>,
    pub record_count: usize,
    pub rejected: Vec<Rejected>,
    /// Rows under the header with no value at all: not records, counted.
    pub empty_rows: u32,
}

impl SheetRead {
    /// Takes the records out, in row order, moving each once.
    pub fn take_records(&mut self) -> impl Iterator<Item = Record> {
        let first = std::mem::take(&mut self.records);
        let more = std::mem::take(&mut self.more);
        first.into_iter().chain(more.into_iter().flatten())
    }

    /// Data rows: records plus rejected rows (empty rows are not data).
    pub fn data_rows(&self) -> usize {
        self.record_count + self.rejected.len()
    }
}

/// Where a sheet's header is and what its columns hold (`read::header` finds it).
#[derive(Debug, Clone)]
pub struct Layout {
    /// Index (0-based, within the rows searched) of the first header row.
    pub header_index: usize,
    /// 1 or 2.
    pub header_rows: usize,
    pub columns: Vec<Column>,
}

impl Layout {
    /// Index of the first data row.
    pub fn data_index(&self) -> usize {
        self.header_index + self.header_rows
    }
}

/// One column of a sheet.
#[derive(Debug, Clone)]
pub struct Column {
    /// The header as written (both rows joined by ` / ` when there are two).
    pub header: Arc<str>,
    pub mapping: Option<Mapping>,
}

/// The field a header maps to (`read::mapping` maps it).
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    pub field: Field,
    pub kind: MatchKind,
    /// The alias that matched, as written in the rules.
    pub alias: String,
}

/// How a header was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    Fuzzy,
    Contains,
    Suffix,
    Exact,
}

impl MatchKind {
    /// How sure the mapping is, from 0 to 1.
    pub fn certainty(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Suffix => 0.8,
            MatchKind::Contains => 0.7,
            MatchKind::Fuzzy => 0.6,
        }
    }
}
