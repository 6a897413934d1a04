//! Turning the data rows under a header into records, rejected rows and a count of
//! empty rows, so that every row of the sheet is accounted for.
//!
//! A spreadsheet error value (`#N/A`, `#REF!`, ...) is no data: its cell counts as empty
//! for every field, and a record logs it as a change (rule `cell.error`).

use crate::contract::column_letter;
use std::sync::Arc;

use super::cell::is_error_value;
use crate::record::file_read::{Layout, SheetRead};
use crate::record::{Cells, Change, Field, List, Origin, Record, Rejected};

/// Collects the rows of one sheet under its layout.
pub struct SheetBuilder {
    file: Arc<str>,
    sheet: SheetRead,
    header_cells: Vec<String>,
    /// The header under which each unmapped column's values are kept (empty for mapped
    /// and headerless columns).
    unmapped: Vec<Arc<str>>,
    extra_headers: Vec<Arc<str>>,
}

impl SheetBuilder {
    pub fn new(file: Arc<str>, name: &str, layout: Layout, header_row: u32, header_cells: Vec<String>) -> Self {
        let unmapped = unmapped_headers(&layout);
        SheetBuilder {
            file,
            sheet: SheetRead {
                name: Arc::from(name),
                layout,
                header_row,
                records: Vec::new(),
                more: Vec::new(),
                record_count: 0,
                rejected: Vec::new(),
                empty_rows: 0,
            },
            header_cells: header_cells.iter().map(|c| c.trim().to_string()).collect(),
            unmapped,
            extra_headers: Vec::new(),
        }
    }

    /// Adds one data row; `row` is its 1-based number as the user sees it.
    pub fn push<S: AsRef<str>>(&mut self, row: u32, cells: &[S]) {
        if cells.iter().all(|c| is_blank(c.as_ref())) {
            self.sheet.empty_rows += 1;
            return;
        }
        let origin = Origin {
            file: self.file.clone(),
            sheet: self.sheet.name.clone(),
            row,
        };
        if self.is_repeated_header(cells) {
            self.sheet.rejected.push(Rejected {
                origin,
                why: "the header row repeated".to_string(),
            });
            return;
        }
        let mut raw = Vec::new();
        let mut errors = List::new();
        let mut extras = List::new();
        for (i, cell) in cells.iter().enumerate() {
            let value = cell.as_ref().trim();
            let field = self
                .sheet
                .layout
                .columns
                .get(i)
                .and_then(|c| c.mapping.as_ref())
                .map(|m| m.field);
            match field {
                _ if value.is_empty() => {}
                Some(field) if is_error_value(value) => errors.push(error_change(field, value)),
                None if is_error_value(value) => {}
                Some(field) => raw.push((field, value)),
                None => extras.push((self.extra_header(i), value.into())),
            }
        }
        if !raw.iter().any(|(f, _)| Field::identifies(*f)) {
            let why = "no name, company, phone, email or ID number in this row".to_string();
            self.sheet.rejected.push(Rejected { origin, why });
            return;
        }
        extras.shrink_to_fit();
        let mut record = Record::read(origin, Cells::new(&raw), extras);
        record.changes = errors;
        self.sheet.records.push(record);
    }

    /// An empty builder for another part of the same sheet (parsed in parallel).
    pub fn fork(&self) -> SheetBuilder {
        SheetBuilder {
            file: self.file.clone(),
            sheet: SheetRead {
                name: self.sheet.name.clone(),
                layout: self.sheet.layout.clone(),
                header_row: self.sheet.header_row,
                records: Vec::new(),
                more: Vec::new(),
                record_count: 0,
                rejected: Vec::new(),
                empty_rows: 0,
            },
            header_cells: self.header_cells.clone(),
            unmapped: self.unmapped.clone(),
            extra_headers: self.extra_headers.clone(),
        }
    }

    /// Appends the rows of a forked part that follows this one.
    pub fn absorb(&mut self, part: SheetBuilder) {
        self.sheet.record_count += part.sheet.records.len();
        self.sheet.more.push(part.sheet.records);
        self.sheet.rejected.extend(part.sheet.rejected);
        self.sheet.empty_rows += part.sheet.empty_rows;
        for h in part.extra_headers {
            if !self.extra_headers.contains(&h) {
                self.extra_headers.push(h);
            }
        }
    }

    pub fn finish(mut self) -> SheetRead {
        self.sheet.record_count += self.sheet.records.len();
        self.sheet
    }

    fn is_repeated_header<S: AsRef<str>>(&self, cells: &[S]) -> bool {
        let mapped = self.sheet.layout.columns.iter().filter(|c| c.mapping.is_some()).count();
        let same = cells
            .iter()
            .zip(&self.header_cells)
            .filter(|(c, h)| !h.is_empty() && c.as_ref().trim() == h.as_str())
            .count();
        mapped > 0 && same >= mapped.max(2)
    }

    /// The header of an unmapped column; a column past the header gets `column K`.
    fn extra_header(&mut self, index: usize) -> Arc<str> {
        if let Some(h) = self.unmapped.get(index).filter(|h| !h.is_empty()) {
            return h.clone();
        }
        let name = format!("column {}", column_letter(index));
        if let Some(h) = self.extra_headers.iter().find(|h| ***h == *name) {
            return h.clone();
        }
        let h: Arc<str> = Arc::from(name);
        self.extra_headers.push(h.clone());
        h
    }
}

/// A cell with no data: empty, blank or a spreadsheet error value.
fn is_blank(cell: &str) -> bool {
    let t = cell.trim();
    t.is_empty() || is_error_value(t)
}

/// The change logged for an error value in a mapped column: read as empty.
fn error_change(field: Field, value: &str) -> Change {
    Change {
        field,
        raw: value.into(),
        clean: Default::default(),
        rule: "cell.error",
    }
}

/// The headers of the unmapped columns, each one distinct: a header written twice keeps
/// its second column's values under the header and the column's letter (`备用 (F)`),
/// so that no value is lost to the first.
fn unmapped_headers(layout: &Layout) -> Vec<Arc<str>> {
    let mut seen: Vec<&str> = Vec::new();
    layout
        .columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            if col.mapping.is_some() || col.header.is_empty() {
                return Arc::from("");
            }
            if seen.contains(&&*col.header) {
                return Arc::from(format!("{} ({})", col.header, column_letter(i)));
            }
            seen.push(&col.header);
            col.header.clone()
        })
        .collect()
}
