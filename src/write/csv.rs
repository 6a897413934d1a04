//! With `--format csv` or `both` (`--csv`): each master sheet as a UTF-8 CSV (with BOM,
//! so Excel opens it right), never split, the only way past Excel's row limit. Every cell, headers too,
//! goes through [`neutralize`], so no CSV cell rollcall writes starts a formula;
//! [`restore`] undoes it for the master reader.

use std::borrow::Cow;
use std::io::Write;

use indicatif::ProgressBar;

use super::model::SheetView;
pub use crate::contract::cells::{is_plain_number, neutralize, restore, starts_formula};
use crate::error::Error;

/// A neutralized cell, as the CSV writer takes it.
struct Safe<'a>(Cow<'a, str>);

impl AsRef<[u8]> for Safe<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Rows between two steps of a progress bar.
const PROGRESS_STEP: usize = 10_000;

/// Writes one sheet to `out`: BOM, header row, data rows, every cell neutralized;
/// `progress` moves on by the rows written.
pub fn write_sheet<W: Write>(out: W, sheet: &SheetView, progress: &ProgressBar) -> Result<W, csv::Error> {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(sheet.headers.iter().map(|h| Safe(neutralize(h))))?;
    for i in 0..sheet.len {
        let row = (sheet.row)(i);
        w.write_record(row.iter().map(|c| Safe(neutralize(c))))?;
        if (i + 1) % PROGRESS_STEP == 0 {
            progress.inc(PROGRESS_STEP as u64);
        }
    }
    let out = w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    out.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// Writes one sheet to the file `out`, which names `path` in errors.
pub fn write_csv(
    path: &std::path::Path,
    out: std::fs::File,
    sheet: &SheetView,
    progress: &ProgressBar,
) -> Result<std::fs::File, Error> {
    write_sheet(out, sheet, progress).map_err(|e| Error::Write {
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
