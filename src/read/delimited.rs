//! Delimited text files (csv, tsv, txt): decoded, delimiter sniffed, the header found in
//! the first rows, then the data rows parsed in parallel chunks split at line ends that
//! lie outside quotes, so a quoted cell with line breaks is never cut.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::header::{find_header, Layout, SEARCH_ROWS};
use super::mapping::Mapper;
use super::sheet::{SheetBuilder, SheetRead};
use super::{progress_bar, text, FileRead, Format};
use crate::error::Error;

/// Bytes per parallel chunk, roughly.
const CHUNK_BYTES: usize = 4 << 20;

/// Reads a delimited text file.
pub fn read_text(path: &Path, label: Arc<str>, format: Format, mapper: &Mapper) -> Result<FileRead, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let mut decoded = text::decode(bytes);
    if !decoded.text.contains('\n') && decoded.text.contains('\r') {
        // Classic Mac line ends: editors show one line per CR, and so do row numbers.
        decoded.text = decoded.text.replace('\r', "\n");
    }
    let delimiter = text::sniff_delimiter(&decoded.text, path);
    let sheet = read_rows(path, &label, &decoded.text, delimiter, mapper)?;
    Ok(FileRead {
        path: path.to_path_buf(),
        label,
        format,
        encoding: Some(decoded.encoding),
        delimiter: Some(delimiter),
        decode_errors: decoded.had_errors,
        sheets: vec![sheet],
        skipped_sheets: Vec::new(),
    })
}

/// The first rows, for the header search: (line, cells), and the byte offset and line
/// number where the rows after them begin.
struct Head {
    rows: Vec<(u32, Vec<String>)>,
    end_byte: usize,
    end_line: u32,
}

fn read_head(path: &Path, text: &str, delimiter: u8) -> Result<Head, Error> {
    let mut reader = reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::new();
    while rows.len() < SEARCH_ROWS + 1 && read_record(&mut reader, &mut record, path)? {
        rows.push((line_of(&record, 0), record.iter().map(str::to_string).collect()));
    }
    let pos = reader.position();
    Ok(Head {
        rows,
        end_byte: pos.byte() as usize,
        end_line: pos.line() as u32,
    })
}

fn read_rows(path: &Path, label: &Arc<str>, text: &str, delimiter: u8, mapper: &Mapper) -> Result<SheetRead, Error> {
    let head = read_head(path, text, delimiter)?;
    let cells: Vec<Vec<String>> = head.rows.iter().map(|(_, r)| r.clone()).collect();
    let layout: Layout = find_header(&cells, mapper).ok_or_else(|| Error::NoHeader {
        path: path.to_path_buf(),
        sheet: String::new(),
        searched: SEARCH_ROWS.min(cells.len()),
    })?;
    let header_row = head.rows[layout.header_index].0;
    let data_index = layout.data_index();
    let header_cells = cells[layout.header_index].clone();
    let mut builder = SheetBuilder::new(label.clone(), "", layout, header_row, header_cells);
    for (line, row) in head.rows.iter().skip(data_index) {
        builder.push(*line, row);
    }
    let rest = &text[head.end_byte..];
    let chunks = split_chunks(rest, head.end_line);
    let progress = progress_bar(chunks.len() as u64, label);
    let parts: Vec<Result<SheetBuilder, Error>> = chunks
        .par_iter()
        .map(|(start, end, line)| {
            let part = read_chunk(path, &rest[*start..*end], *line, delimiter, builder.fork());
            progress.inc(1);
            part
        })
        .collect();
    progress.finish_and_clear();
    for part in parts {
        builder.absorb(part?);
    }
    Ok(builder.finish())
}

fn read_chunk(
    path: &Path,
    text: &str,
    first_line: u32,
    delimiter: u8,
    mut builder: SheetBuilder,
) -> Result<SheetBuilder, Error> {
    let mut reader = reader(text, delimiter);
    let mut record = csv::StringRecord::new();
    while read_record(&mut reader, &mut record, path)? {
        let cells: Vec<&str> = record.iter().collect();
        builder.push(line_of(&record, first_line - 1), &cells);
    }
    Ok(builder)
}

/// Splits `text` into chunks of about [`CHUNK_BYTES`] that end at a line end outside
/// quotes: (start, end, first line number) with line numbers counted from `first_line`.
fn split_chunks(text: &str, first_line: u32) -> Vec<(usize, usize, u32)> {
    let bytes = text.as_bytes();
    let mut chunks = Vec::new();
    let (mut start, mut line, mut quoted) = (0usize, first_line, false);
    let mut pos = 0usize;
    let mut lines_in_chunk = 0u32;
    while pos < bytes.len() {
        let target = (start + CHUNK_BYTES).min(bytes.len());
        while pos < target {
            match bytes[pos] {
                b'"' => quoted = !quoted,
                b'\n' => lines_in_chunk += 1,
                _ => {}
            }
            pos += 1;
        }
        while pos < bytes.len() && (quoted || bytes[pos - 1] != b'\n') {
            match bytes[pos] {
                b'"' => quoted = !quoted,
                b'\n' => lines_in_chunk += 1,
                _ => {}
            }
            pos += 1;
        }
        chunks.push((start, pos, line));
        line += lines_in_chunk;
        lines_in_chunk = 0;
        start = pos;
    }
    chunks
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

fn read_record(reader: &mut csv::Reader<&[u8]>, record: &mut csv::StringRecord, path: &Path) -> Result<bool, Error> {
    reader.read_record(record).map_err(|e| Error::Corrupt {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}

/// The record's line as the user sees it: the reader counts from 1 within its text.
fn line_of(record: &csv::StringRecord, offset: u32) -> u32 {
    record.position().map_or(0, |p| p.line() as u32 + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_end_at_line_ends_outside_quotes() {
        let text = "a,\"x\ny\"\nb,c\n".repeat(400_000);
        let chunks = split_chunks(&text, 2);
        assert!(chunks.len() > 1);
        let mut expected_line = 2;
        let mut end = 0;
        for (s, e, line) in &chunks {
            assert_eq!(*s, end);
            assert!(text[..*e].ends_with("\nb,c\n") || text[..*e].ends_with("y\"\n"));
            assert!(text[*s..*e].matches('"').count().is_multiple_of(2));
            assert_eq!(*line, expected_line);
            expected_line += text[*s..*e].matches('\n').count() as u32;
            end = *e;
        }
        assert_eq!(end, text.len());
    }
}
