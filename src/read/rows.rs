//! The records of one delimited text, each with the editor line it starts on, and stray
//! quotes caught so that no row vanishes into a cell.
//!
//! A stray quote (`"unterminated remark`) makes a csv reader take the lines after it
//! into one cell. A quoted cell that runs unclosed to the end of the text, or whose lines
//! after the first each hold a whole row's delimiters, or a record over several lines
//! with more cells than a whole row, is taken for a stray quote: its
//! row is read again with the quote as a plain character, reading goes on at the next
//! line, and the stray is kept, with its row, for a warning.

use super::lines::{line_bounds, skip_line_ends, split_lines, LineCounter, Quote};

/// Why a quote was taken for a stray one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrayKind {
    /// The quoted cell never closes: it would run to the end of the file.
    NeverCloses,
    /// The quoted cell runs over lines that each look like a whole row.
    SwallowsRows,
}

/// A stray quote, at the row of the cell it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stray {
    pub line: u32,
    pub kind: StrayKind,
}

impl Stray {
    /// The warning for the report and the terminal, naming the file and the row.
    pub fn warning(&self, file: &str) -> String {
        let what = match self.kind {
            StrayKind::NeverCloses => "opens a cell that never closes",
            StrayKind::SwallowsRows => "opens a cell that runs over the whole rows below it",
        };
        format!(
            "{file}: row {}: a stray quote (\") {what}; the row was read with the quote as a plain character, and the rows below it as rows",
            self.line
        )
    }
}

/// Reads the records of one text in order.
pub struct Rows<'a> {
    text: &'a str,
    delimiter: u8,
    /// Delimiters in a whole row (as most lines of the file hold).
    row_delimiters: usize,
    /// Where the reader's input starts in `text`.
    base: usize,
    reader: csv::Reader<&'a [u8]>,
    lines: LineCounter<'a>,
    record: csv::StringRecord,
    pub strays: Vec<Stray>,
}

impl<'a> Rows<'a> {
    /// Rows of `text`, whose first line is `first_line` of the file.
    pub fn new(text: &'a str, first_line: u32, delimiter: u8, row_delimiters: usize) -> Self {
        Rows {
            text,
            delimiter,
            row_delimiters,
            base: 0,
            reader: reader(text, delimiter),
            lines: LineCounter::new(text, first_line),
            record: csv::StringRecord::new(),
            strays: Vec::new(),
        }
    }

    /// The next record and the line it starts on; `None` after the last.
    pub fn next_row(&mut self) -> Result<Option<(u32, &csv::StringRecord)>, csv::Error> {
        if !self.reader.read_record(&mut self.record)? {
            return Ok(None);
        }
        let read_from = self.base + self.record.position().map_or(0, |p| p.byte() as usize);
        let start = skip_line_ends(self.text.as_bytes(), read_from);
        let line = self.lines.line_at(start);
        if spans_lines(&self.record) {
            if let Some(kind) = self.stray_kind(start) {
                self.strays.push(Stray { line, kind });
                self.read_literally(start)?;
            }
        }
        Ok(Some((line, &self.record)))
    }

    /// Where the unread rest of the text begins, at the start of a line (never between
    /// the `\r` and the `\n` of one line end).
    pub fn offset(&self) -> usize {
        let bytes = self.text.as_bytes();
        let at = self.base + self.reader.position().byte() as usize;
        if at > 0 && bytes.get(at) == Some(&b'\n') && bytes[at - 1] == b'\r' {
            at + 1
        } else {
            at
        }
    }

    /// The line of the byte at `byte` (see [`LineCounter::line_at`]).
    pub fn line_at(&mut self, byte: usize) -> u32 {
        self.lines.line_at(byte)
    }

    /// Whether the record just read, which starts at `start` and spans lines, holds a
    /// stray quote.
    fn stray_kind(&self, start: usize) -> Option<StrayKind> {
        let end = self.base + self.reader.position().byte() as usize;
        let span = &self.text.as_bytes()[start..end];
        if end == self.text.len() && Quote::CellStart.after(span, self.delimiter) == Quote::Quoted {
            return Some(StrayKind::NeverCloses);
        }
        // A quote closing inside a later row also brings that row's cells into this one.
        let more_cells = self.row_delimiters >= 2 && self.record.len() > self.row_delimiters + 1;
        let swallows = more_cells
            || self
                .record
                .iter()
                .any(|cell| swallows_rows(cell, self.delimiter, self.row_delimiters));
        swallows.then_some(StrayKind::SwallowsRows)
    }

    /// Reads the line at `start` again, quotes as plain characters, into the record; the
    /// reader goes on at the next line.
    fn read_literally(&mut self, start: usize) -> Result<(), csv::Error> {
        let bytes = self.text.as_bytes();
        let (end, next) = line_bounds(bytes, start);
        let mut literal = builder(self.delimiter).quoting(false).from_reader(&bytes[start..end]);
        literal.read_record(&mut self.record)?;
        self.base = next;
        self.reader = reader(&self.text[next..], self.delimiter);
        Ok(())
    }
}

/// True when a cell holds a line end (the record runs over several lines).
fn spans_lines(record: &csv::StringRecord) -> bool {
    memchr::memchr2(b'\n', b'\r', record.as_slice().as_bytes()).is_some()
}

/// A cell whose lines after its first each hold a whole row's delimiters (blank lines
/// aside; the last of several may be cut short by the quote that closed the cell).
/// Files of one or two columns are never judged so: a remark's own commas would look
/// like a row.
fn swallows_rows(cell: &str, delimiter: u8, row_delimiters: usize) -> bool {
    if row_delimiters < 2 {
        return false;
    }
    let inner: Vec<&str> = split_lines(cell).skip(1).filter(|l| !l.trim().is_empty()).collect();
    let judged = match inner.len() {
        0 | 1 => &inner[..],
        n => &inner[..n - 1],
    };
    !judged.is_empty()
        && judged
            .iter()
            .all(|line| line.bytes().filter(|b| *b == delimiter).count() >= row_delimiters)
}

fn builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.has_headers(false).flexible(true).delimiter(delimiter);
    b
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    builder(delimiter).from_reader(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, cells) of every record, and the strays.
    fn read(text: &str, row_delimiters: usize) -> (Vec<(u32, Vec<String>)>, Vec<Stray>) {
        let mut rows = Rows::new(text, 1, b',', row_delimiters);
        let mut out = Vec::new();
        while let Some((line, r)) = rows.next_row().unwrap() {
            out.push((line, r.iter().map(str::to_string).collect()));
        }
        (out, rows.strays)
    }

    fn lines(text: &str) -> Vec<u32> {
        read(text, 2).0.into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn records_start_on_editor_lines_for_every_line_end() {
        assert_eq!(lines("h,h,h\na,b,c\nd,e,f\n"), [1, 2, 3]);
        assert_eq!(lines("h,h,h\r\na,b,c\r\nd,e,f\r\n"), [1, 2, 3]);
        assert_eq!(lines("h,h,h\ra,b,c\rd,e,f"), [1, 2, 3]);
        assert_eq!(lines("h,h,h\r\na,b,c\nd,e,f\rg,h,i\r\n"), [1, 2, 3, 4]);
        assert_eq!(lines("h,h,h\r\n\r\n\na,\"b\r\nc\",d\r\ne,f,g"), [1, 4, 6]);
    }

    #[test]
    fn an_unclosed_quote_is_read_as_a_character() {
        let text = "姓名,手机,备注\n张三,1,好\n李四,2,\"unterminated remark\n王五,3,好\n赵六,4,好\n";
        let (rows, strays) = read(text, 2);
        let got: Vec<u32> = rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(got, [1, 2, 3, 4, 5]);
        assert_eq!(rows[2].1, ["李四", "2", "\"unterminated remark"]);
        assert_eq!(rows[3].1, ["王五", "3", "好"]);
        assert_eq!(
            strays,
            [Stray {
                line: 3,
                kind: StrayKind::NeverCloses
            }]
        );
    }

    #[test]
    fn a_quote_that_swallows_whole_rows_is_stray() {
        let text = "姓名,手机,备注\n李四,2,\"stray\n王五,3,好\n赵六,4,好\n孙七,5,\"x\"\n周八,6,好\n";
        let (rows, strays) = read(text, 2);
        let got: Vec<u32> = rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(got, [1, 2, 3, 4, 5, 6]);
        assert_eq!(strays[0].kind, StrayKind::SwallowsRows);
        assert_eq!(strays[0].line, 2);
    }

    #[test]
    fn a_quote_closed_inside_a_later_row_is_stray() {
        // The stray closes at the quote of the next row's first cell, across a blank line.
        let text = "姓名,手机,备注\n李四,2,\"stray\n\n\"王五\",3,好\n赵六,4,好\n";
        let (rows, strays) = read(text, 2);
        let got: Vec<(u32, String)> = rows.iter().map(|(l, c)| (*l, c[0].clone())).collect();
        assert_eq!(got[1..], [(2, "李四".into()), (4, "王五".into()), (5, "赵六".into())]);
        assert_eq!(strays[0].line, 2);
    }

    #[test]
    fn a_quoted_cell_with_line_breaks_is_not_stray() {
        let text = "姓名,手机,备注\n张三,1,\"第一行\n第二行, 还有\"\n李四,2,好\n";
        let (rows, strays) = read(text, 2);
        assert!(strays.is_empty());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].1[2], "第一行\n第二行, 还有");
        assert_eq!(rows[2].0, 4);
    }

    #[test]
    fn the_rest_begins_after_a_whole_line_end() {
        let text = "a,b\r\nc,d\r\ne,f";
        let mut rows = Rows::new(text, 1, b',', 1);
        rows.next_row().unwrap();
        assert_eq!(&text[rows.offset()..], "c,d\r\ne,f");
    }
}
