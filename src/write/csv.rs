//! With `--csv`: each master sheet also as a UTF-8 CSV (with BOM, so Excel opens it
//! right), never split, the only way past Excel's row limit.

use std::path::Path;

use super::model::SheetView;
use crate::error::Error;

/// Writes one sheet to `path`.
pub fn write_csv(path: &Path, sheet: &SheetView) -> Result<(), Error> {
    let fail = |e: csv::Error| Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    };
    let file = std::fs::File::create(path).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e,
    })?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    std::io::Write::write_all(&mut out, b"\xEF\xBB\xBF").map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e,
    })?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&sheet.headers).map_err(fail)?;
    for i in 0..sheet.len {
        w.write_record((sheet.row)(i)).map_err(fail)?;
    }
    w.flush().map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e,
    })
}
