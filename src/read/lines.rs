//! Line ends as a text editor counts them, and the quote state of a delimited text as
//! the csv reader sees it.
//!
//! `\r\n`, a lone `\n` and a lone `\r` each end one line, so a file shows the same row
//! numbers whatever system wrote it. The csv reader (terminator CRLF) ends a record at
//! any of the three as well; [`Quote`] follows its rules for quotes byte by byte, so a
//! text can be cut where the reader would end a record.

use memchr::memchr2_iter;

/// Counts editor lines forward through one text.
pub struct LineCounter<'a> {
    bytes: &'a [u8],
    /// Bytes before `at` are counted.
    at: usize,
    line: u32,
}

impl<'a> LineCounter<'a> {
    /// A counter whose text starts on line `first_line`.
    pub fn new(text: &'a str, first_line: u32) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            at: 0,
            line: first_line,
        }
    }

    /// The line on which the byte at `byte` stands. Asked in increasing order of bytes
    /// (an earlier byte gives the line of the furthest one asked).
    pub fn line_at(&mut self, byte: usize) -> u32 {
        let end = byte.min(self.bytes.len());
        if end > self.at {
            for i in memchr2_iter(b'\n', b'\r', &self.bytes[self.at..end]) {
                if ends_line(self.bytes, self.at + i) {
                    self.line += 1;
                }
            }
            self.at = end;
        }
        self.line
    }
}

/// True when the line-end byte at `i` ends a line: every `\n`, and a `\r` not followed by
/// `\n` (a `\r\n` ends its line at the `\n`).
fn ends_line(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n')
}

/// The number of line ends in `text`.
pub fn count_line_ends(text: &str) -> u32 {
    let mut counter = LineCounter::new(text, 0);
    counter.line_at(text.len())
}

/// The first byte at or after `at` that is not a line end: where a record starts after
/// the reader's position (which stands before blank lines and before the `\n` of a
/// `\r\n`).
pub fn skip_line_ends(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    at
}

/// The line that starts at `start`: (end of its text, start of the next line).
pub fn line_bounds(bytes: &[u8], start: usize) -> (usize, usize) {
    let Some(end) = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map(|i| start + i) else {
        return (bytes.len(), bytes.len());
    };
    let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
        end + 2
    } else {
        end + 1
    };
    (end, next)
}

/// The lines of a text, ended by `\r\n`, `\n` or `\r` (a final line end opens no empty
/// line, as with [`str::lines`]).
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest.filter(|t| !t.is_empty())?;
        let (end, next) = line_bounds(t.as_bytes(), 0);
        rest = Some(&t[next..]);
        Some(&t[..end])
    })
}

/// Where a byte of a delimited text stands, as the csv reader sees it: a quote opens a
/// quoted cell only at the start of a cell; inside one, `""` is a quote and a lone `"`
/// closes it (anything after it up to the next delimiter joins the cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quote {
    /// At the start of a cell (also after a record's line end).
    CellStart,
    Unquoted,
    Quoted,
    /// Just after a `"` inside a quoted cell: an escaped quote or the cell's end.
    QuoteInQuoted,
}

impl Quote {
    /// The state after byte `b`.
    pub fn next(self, b: u8, delimiter: u8) -> Quote {
        let line_end = b == b'\n' || b == b'\r';
        match self {
            Quote::Quoted if b == b'"' => Quote::QuoteInQuoted,
            Quote::Quoted => Quote::Quoted,
            Quote::QuoteInQuoted if b == b'"' => Quote::Quoted,
            Quote::CellStart if b == b'"' => Quote::Quoted,
            _ if b == delimiter || line_end => Quote::CellStart,
            _ => Quote::Unquoted,
        }
    }

    /// The state after `bytes`, from `self`.
    pub fn after(self, bytes: &[u8], delimiter: u8) -> Quote {
        bytes.iter().fold(self, |q, b| q.next(*b, delimiter))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_line_end_counts_once() {
        assert_eq!(count_line_ends("a\nb\nc"), 2);
        assert_eq!(count_line_ends("a\r\nb\r\nc\r\n"), 3);
        assert_eq!(count_line_ends("a\rb\rc"), 2);
        assert_eq!(count_line_ends("a\r\nb\nc\rd\r\r\n"), 5);
        assert_eq!(count_line_ends(""), 0);
    }

    #[test]
    fn counter_gives_the_line_of_each_byte() {
        let text = "h\r\nx\r\n\r\ny\rz";
        let mut lines = LineCounter::new(text, 1);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(text.find('x').unwrap()), 2);
        assert_eq!(lines.line_at(text.find('y').unwrap()), 4);
        assert_eq!(lines.line_at(text.find('z').unwrap()), 5);
    }

    #[test]
    fn lines_split_at_any_line_end() {
        let lines: Vec<&str> = split_lines("a\r\nb\nc\rd\r\n\re").collect();
        assert_eq!(lines, ["a", "b", "c", "d", "", "e"]);
        assert_eq!(split_lines("a\n").collect::<Vec<_>>(), ["a"]);
        assert_eq!(line_bounds(b"ab\r\ncd", 0), (2, 4));
        assert_eq!(line_bounds(b"ab", 0), (2, 2));
        assert_eq!(skip_line_ends(b"\r\n\nx", 0), 3);
    }

    #[test]
    fn quotes_open_only_at_the_start_of_a_cell() {
        let q = |s: &str| Quote::CellStart.after(s.as_bytes(), b',');
        assert_eq!(q("a,\"b"), Quote::Quoted);
        assert_eq!(q("a,b\"c"), Quote::Unquoted);
        assert_eq!(q("a,\"b\"\"c"), Quote::Quoted);
        assert_eq!(q("a,\"b\nc\""), Quote::QuoteInQuoted);
        assert_eq!(q("a,\"b\nc\"\n"), Quote::CellStart);
        assert_eq!(q("\"x\"y,"), Quote::CellStart);
    }
}
