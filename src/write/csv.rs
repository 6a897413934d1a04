//! With `--csv`: each master sheet also as a UTF-8 CSV (with BOM, so Excel opens it
//! right), never split, the only way past Excel's row limit. Every cell, headers too,
//! goes through [`neutralize`], so no CSV cell rollcall writes starts a formula;
//! [`restore`] undoes it for the master reader.

use std::borrow::Cow;
use std::io::Write;

use super::model::SheetView;
use crate::error::Error;

/// What a spreadsheet reads as the start of a formula (OWASP's list, plus the
/// full-width forms an IME types, which some spreadsheets take as the ASCII ones).
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// Characters a spreadsheet may drop from the front of a cell before looking at it.
fn is_skipped(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// True when a spreadsheet could read `cell` as a formula: it starts with tab or CR, or
/// its first character after any leading whitespace is one of `= + - @` (or their
/// full-width forms).
fn starts_formula(cell: &str) -> bool {
    if cell.starts_with(['\t', '\r']) {
        return true;
    }
    cell.trim_start_matches(is_skipped).starts_with(FORMULA_STARTS)
}

/// A plain number, as a spreadsheet reads one: an optional sign, digits with at most one
/// decimal point, an optional exponent; no spaces. `-12.5`, `+3` and the E.164 phone
/// `+8613800138000` are plain numbers (a spreadsheet shows them as numbers, it runs
/// nothing); `+1+1`, `-1+1` and `+86 138 0013 8000` are not.
pub fn is_plain_number(cell: &str) -> bool {
    let body = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).count();
    let points = mantissa.bytes().filter(|b| *b == b'.').count();
    let mantissa_ok = digits > 0 && points <= 1 && digits + points == mantissa.len();
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

/// True when `cell` must be written with a leading `'`: it could start a formula and is
/// not a plain number, or it already starts with a `'` that [`restore`] would take off.
fn needs_quote(cell: &str) -> bool {
    (starts_formula(cell) && !is_plain_number(cell)) || is_quoted(cell)
}

/// True when `cell` is a neutralized cell: a `'` in front of a cell that needed one.
fn is_quoted(cell: &str) -> bool {
    cell.strip_prefix('\'').is_some_and(needs_quote)
}

/// A cell as it is safe to write to a CSV: one that a spreadsheet would read as a
/// formula gets a leading `'` (OWASP's advice for CSV injection), which spreadsheets
/// take as "this is text". Plain numbers pass unchanged. A cell that already starts with
/// a `'` in front of such text gets one more, so [`restore`] gives back exactly what
/// was written.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Undoes [`neutralize`]: `restore(&neutralize(x)) == x` for every `x`.
pub fn restore(cell: &str) -> &str {
    if is_quoted(cell) {
        &cell[1..]
    } else {
        cell
    }
}

/// A neutralized cell, as the CSV writer takes it.
struct Safe<'a>(Cow<'a, str>);

impl AsRef<[u8]> for Safe<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Writes one sheet to `out`: BOM, header row, data rows, every cell neutralized.
pub fn write_sheet<W: Write>(out: W, sheet: &SheetView) -> Result<W, csv::Error> {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(sheet.headers.iter().map(|h| Safe(neutralize(h))))?;
    for i in 0..sheet.len {
        let row = (sheet.row)(i);
        w.write_record(row.iter().map(|c| Safe(neutralize(c))))?;
    }
    let out = w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    out.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// Writes one sheet to the file `out`, which names `path` in errors.
pub fn write_csv(path: &std::path::Path, out: std::fs::File, sheet: &SheetView) -> Result<std::fs::File, Error> {
    write_sheet(out, sheet).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_a_quote() {
        for payload in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "=cmd|' /C calc'!A0",
            "@SUM(1)",
            "+1+1",
            "-1+1",
            "＝1+1",
            "＋1",
            "－1",
            "＠SUM(1)",
            " =1+1",
            "\t=1+1",
            "\r=1+1",
            "\u{3000}=1+1",
            "\u{FEFF}=1",
            "\tplain",
            "+86 138 0013 8000",
            "-",
            "+",
        ] {
            assert_eq!(neutralize(payload), format!("'{payload}"), "{payload:?}");
        }
    }

    #[test]
    fn numbers_and_text_pass() {
        for cell in [
            "",
            "-12.5",
            "3",
            "+3",
            "+8613800138000",
            "-1e5",
            "张三",
            "a=b",
            "13800138000",
            "'quoted",
            "x+1",
        ] {
            assert_eq!(neutralize(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn plain_numbers() {
        for yes in ["1", "-1", "+1", "1.5", ".5", "5.", "-1e5", "2E+3", "+8613800138000"] {
            assert!(is_plain_number(yes), "{yes}");
        }
        for no in [
            "", "+", "-", ".", "1+1", "1 2", "1..2", "1e", "e5", "+-1", " 1", "1e+", "０",
        ] {
            assert!(!is_plain_number(no), "{no}");
        }
    }

    #[test]
    fn restore_undoes_neutralize() {
        for cell in [
            "=1+1", "'=1+1", "''=1+1", "'abc", "abc", "", "'", "-12.5", "'-12.5", " =x",
        ] {
            let written = neutralize(cell);
            assert!(!starts_formula(&written) || is_plain_number(&written), "{written:?}");
            assert_eq!(restore(&written), cell, "{cell:?}");
        }
        assert_eq!(restore("'=1+1"), "=1+1");
        assert_eq!(restore("'abc"), "'abc");
    }
}
