//! Delimited text files (csv, tsv, txt): decoded, delimiter sniffed, the header found in
//! the first rows, then the data rows parsed in parallel chunks cut where the csv reader
//! ends a record (at a line end outside quotes, never inside a `\r\n`), so a quoted cell
//! with line breaks is never cut and every row keeps the line an editor shows. After a
//! stray quote (see [`super::rows`]) the rest is read in one piece.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::header::{find_header, NoHeader, SEARCH_ROWS};
use super::lines::{LineCounter, Quote};
use super::mapping::Mapper;
use super::rows::{Rows, Stray};
use super::sheet::SheetBuilder;
use super::{decode, progress_bar};
use crate::error::Error;
use crate::record::file_read::{FileRead, Format, Layout, SheetRead};

/// Bytes per parallel chunk, roughly.
pub const CHUNK_BYTES: usize = 4 << 20;

/// How a text's rows are read: its delimiter, the delimiters of a whole row (to tell a
/// stray quote) and the size of a parallel chunk.
#[derive(Debug, Clone, Copy)]
struct Shape {
    delimiter: u8,
    row_delimiters: usize,
    chunk_bytes: usize,
}

/// Reads a delimited text file.
pub fn read_text(path: &Path, label: Arc<str>, format: Format, mapper: &Mapper) -> Result<FileRead, Error> {
    read_text_in_chunks(path, label, format, mapper, CHUNK_BYTES)
}

/// Reads a delimited text file in parallel chunks of about `chunk_bytes` (small ones
/// test the seams).
pub fn read_text_in_chunks(
    path: &Path,
    label: Arc<str>,
    format: Format,
    mapper: &Mapper,
    chunk_bytes: usize,
) -> Result<FileRead, Error> {
    let (decoded, delimiter) = decode::read_text(path)?;
    let shape = Shape {
        delimiter,
        row_delimiters: decode::row_delimiters(&decoded.text, delimiter),
        chunk_bytes: chunk_bytes.max(1),
    };
    let (sheet, strays) = read_rows(path, &label, &decoded.text, shape, mapper)?;
    let warnings = strays.iter().map(|s| s.warning(&label)).collect();
    Ok(FileRead {
        path: path.to_path_buf(),
        label,
        format,
        encoding: Some(decoded.encoding),
        delimiter: Some(delimiter),
        decode_errors: decoded.had_errors,
        warnings,
        sheets: vec![sheet],
        skipped_sheets: Vec::new(),
    })
}

/// The first rows, for the header search: (line, cells); where the rows after them
/// begin (byte offset and line); the stray quotes among them.
struct Head {
    rows: Vec<(u32, Vec<String>)>,
    end_byte: usize,
    end_line: u32,
    strays: Vec<Stray>,
}

fn read_head(path: &Path, text: &str, shape: Shape) -> Result<Head, Error> {
    let mut reader = Rows::new(text, 1, shape.delimiter, shape.row_delimiters);
    let mut rows = Vec::new();
    while rows.len() < SEARCH_ROWS + 1 {
        match reader.next_row().map_err(|e| corrupt(path, e))? {
            Some((line, record)) => rows.push((line, record.iter().map(str::to_string).collect())),
            None => break,
        }
    }
    let end_byte = reader.offset();
    let end_line = reader.line_at(end_byte);
    Ok(Head {
        rows,
        end_byte,
        end_line,
        strays: reader.strays,
    })
}

fn read_rows(
    path: &Path,
    label: &Arc<str>,
    text: &str,
    shape: Shape,
    mapper: &Mapper,
) -> Result<(SheetRead, Vec<Stray>), Error> {
    let head = read_head(path, text, shape)?;
    let cells: Vec<Vec<String>> = head.rows.iter().map(|(_, r)| r.clone()).collect();
    let layout: Layout = find_header(&cells, mapper).ok_or_else(|| NoHeader::of(&cells).error(path, ""))?;
    let header_row = head.rows[layout.header_index].0;
    let data_index = layout.data_index();
    let header_cells = cells[layout.header_index].clone();
    let mut builder = SheetBuilder::new(label.clone(), "", layout, header_row, header_cells);
    for (line, row) in head.rows.iter().skip(data_index) {
        builder.push(*line, row);
    }
    let mut strays = head.strays;
    let rest = &text[head.end_byte..];
    let chunks = split_chunks(rest, head.end_line, shape);
    let progress = progress_bar(chunks.len() as u64, label);
    let parts: Vec<Result<(SheetBuilder, Vec<Stray>), Error>> = chunks
        .par_iter()
        .map(|chunk| {
            let part = read_chunk(
                path,
                &rest[chunk.start..chunk.end],
                chunk.first_line,
                shape,
                builder.fork(),
            );
            progress.inc(1);
            part
        })
        .collect();
    progress.finish_and_clear();
    let parts = parts.into_iter().collect::<Result<Vec<_>, Error>>()?;
    // The seams were cut by the quotes as written; reading around a stray quote changes
    // where later records begin, so from the first chunk with one the text is read again
    // in one piece.
    let first_stray = parts.iter().position(|(_, s)| !s.is_empty());
    for (part, _) in parts.into_iter().take(first_stray.unwrap_or(chunks.len())) {
        builder.absorb(part);
    }
    if let Some(chunk) = first_stray.map(|i| chunks[i]) {
        let (part, part_strays) = read_chunk(path, &rest[chunk.start..], chunk.first_line, shape, builder.fork())?;
        builder.absorb(part);
        strays.extend(part_strays);
    }
    Ok((builder.finish(), strays))
}

fn read_chunk(
    path: &Path,
    text: &str,
    first_line: u32,
    shape: Shape,
    mut builder: SheetBuilder,
) -> Result<(SheetBuilder, Vec<Stray>), Error> {
    let mut rows = Rows::new(text, first_line, shape.delimiter, shape.row_delimiters);
    while let Some((line, record)) = rows.next_row().map_err(|e| corrupt(path, e))? {
        let cells: Vec<&str> = record.iter().collect();
        builder.push(line, &cells);
    }
    Ok((builder, rows.strays))
}

/// A part of a text read on its own: bytes `start..end`, beginning on `first_line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Chunk {
    start: usize,
    end: usize,
    first_line: u32,
}

/// Cuts `text` into chunks of about `shape.chunk_bytes` that end where the csv reader
/// ends a record: after a line end outside quotes, and never between `\r` and `\n`.
/// Lines are counted from `first_line`, each line end counting once.
fn split_chunks(text: &str, first_line: u32, shape: Shape) -> Vec<Chunk> {
    let bytes = text.as_bytes();
    let mut lines = LineCounter::new(text, first_line);
    let mut chunks = Vec::new();
    let (mut start, mut pos, mut quote) = (0usize, 0usize, Quote::CellStart);
    while pos < bytes.len() {
        let target = start.saturating_add(shape.chunk_bytes);
        while pos < bytes.len() && (pos < target || !ends_record(bytes, pos, quote)) {
            quote = quote.next(bytes[pos], shape.delimiter);
            pos += 1;
        }
        chunks.push(Chunk {
            start,
            end: pos,
            first_line: lines.line_at(start),
        });
        start = pos;
    }
    chunks
}

/// True when a record ends just before `pos`: the byte before is a line end outside
/// quotes and not the `\r` of a `\r\n`.
fn ends_record(bytes: &[u8], pos: usize, quote: Quote) -> bool {
    let before = bytes[pos - 1];
    quote == Quote::CellStart
        && (before == b'\n' || before == b'\r')
        && !(before == b'\r' && bytes.get(pos) == Some(&b'\n'))
}

fn corrupt(path: &Path, e: csv::Error) -> Error {
    Error::Corrupt {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(chunk_bytes: usize) -> Shape {
        Shape {
            delimiter: b',',
            row_delimiters: 1,
            chunk_bytes,
        }
    }

    #[test]
    fn chunks_end_at_line_ends_outside_quotes() {
        let text = "a,\"x\ny\"\r\nb,c\rd,e\n".repeat(4_000);
        let chunks = split_chunks(&text, 2, shape(1000));
        assert!(chunks.len() > 10);
        let mut expected_line = 2;
        let mut end = 0;
        for c in &chunks {
            assert_eq!(c.start, end);
            let part = &text[c.start..c.end];
            assert!(part.ends_with("d,e\n") || part.ends_with("y\"\r\n") || part.ends_with("b,c\r"));
            assert_eq!(Quote::CellStart.after(part.as_bytes(), b','), Quote::CellStart);
            assert_eq!(c.first_line, expected_line);
            expected_line += super::super::lines::count_line_ends(part);
            end = c.end;
        }
        assert_eq!(end, text.len());
    }

    #[test]
    fn a_chunk_never_ends_inside_a_crlf() {
        let text = "ab\r\n".repeat(10);
        for size in 1..12 {
            for c in split_chunks(&text, 1, shape(size)) {
                assert!(text[..c.end].ends_with("\r\n"), "size {size}: {c:?}");
            }
        }
    }

    #[test]
    fn a_quote_inside_a_cell_is_a_character_for_the_cut_too() {
        // `5" screen` does not open a quote: the chunk may end after its line.
        let text = "a,5\" screen\nb,\"x\ny\"\n";
        let chunks = split_chunks(text, 1, shape(1));
        let ends: Vec<usize> = chunks.iter().map(|c| c.end).collect();
        assert_eq!(ends, [12, 20]);
    }
}
