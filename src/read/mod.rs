//! Reading: every input file, every sheet, into records that remember where they came
//! from, with each row accounted for (a record, a rejected row, or an empty row).
//!
//! This stage knows file formats, encodings and headers. It does not clean values: a
//! cell comes out exactly as the user sees it in Excel or an editor.

pub mod cell;
pub mod container;
pub mod decisions;
pub mod decode;
pub mod delimited;
pub mod excel;
pub mod grid;
pub mod guard;
pub mod header;
pub mod lines;
pub mod mapping;
pub mod master;
pub mod rows;
pub mod rules;
pub mod sheet;

use std::path::Path;
use std::sync::Arc;

use indicatif::ProgressBar;

use crate::error::Error;
use crate::record::file_read::{FileRead, Format};
use mapping::Mapper;

/// The format named by a path's extension.
pub fn format_of(path: &Path) -> Result<Format, Error> {
    if path.is_dir() {
        return Err(Error::Directory {
            path: path.to_path_buf(),
        });
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    Ok(match ext.as_str() {
        "xlsx" => Format::Xlsx,
        "xlsm" => Format::Xlsm,
        "xlsb" => Format::Xlsb,
        "xls" => Format::Xls,
        "ods" => Format::Ods,
        "csv" => Format::Csv,
        "tsv" => Format::Tsv,
        "txt" => Format::Txt,
        "" => return Err(no_extension(path)),
        _ => {
            return Err(Error::Unsupported {
                path: path.to_path_buf(),
                ext,
            })
        }
    })
}

/// Reads one input file. A panic inside a format library is caught and comes back as
/// an error naming the file, like any other damage.
pub fn read_file(path: &Path, mapper: &Mapper) -> Result<FileRead, Error> {
    guard::catch(|| read_file_inner(path, mapper)).unwrap_or_else(|detail| {
        Err(Error::ReaderFailed {
            path: path.to_path_buf(),
            sheet: String::new(),
            detail,
        })
    })
}

fn read_file_inner(path: &Path, mapper: &Mapper) -> Result<FileRead, Error> {
    let format = format_of(path)?;
    let bytes_head = head_bytes(path)?;
    check_content(path, format, &bytes_head)?;
    check_container(path, &bytes_head)?;
    let label: Arc<str> = Arc::from(path.display().to_string());
    if format.is_text() {
        delimited::read_text(path, label, format, mapper)
    } else {
        excel::read_workbook(path, label, format, mapper)
    }
}

/// The first bytes of a file, after checking that it exists and is not empty.
fn head_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Missing {
            path: path.to_path_buf(),
        },
        _ => Error::Io {
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    if meta.is_dir() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other("is a directory, not a file"),
        });
    }
    if meta.len() == 0 {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    let mut head = vec![0u8; 8];
    let file = std::fs::File::open(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let n = file.take(8).read(&mut head).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    head.truncate(n);
    Ok(head)
}

/// Checks a workbook's container (see [`container`]) from its first bytes.
pub fn check_file_container(path: &Path) -> Result<(), Error> {
    check_container(path, &head_bytes(path)?)
}

/// Checks a zip or compound file's tables before a format library trusts them.
fn check_container(path: &Path, head: &[u8]) -> Result<(), Error> {
    match content_kind(head) {
        k if k.starts_with("a zip") => container::check_zip(path),
        k if k.starts_with("an OLE") => container::check_cfb(path),
        _ => Ok(()),
    }
}

/// The error for a file named without an extension: what its content looks like and
/// the extension to give it.
fn no_extension(path: &Path) -> Error {
    let head = match head_bytes(path) {
        Ok(head) => head,
        Err(e) => return e,
    };
    let found = content_kind(&head);
    let suggest = match found {
        k if k.starts_with("a zip") => ".xlsx (or .ods if LibreOffice saved it)",
        k if k.starts_with("an OLE") => ".xls",
        "plain text" => ".csv",
        _ => ".xlsx, .xls, .ods or .csv, whichever it is",
    };
    Error::NoExtension {
        path: path.to_path_buf(),
        found: found.to_string(),
        suggest: suggest.to_string(),
    }
}

/// What the first bytes say a file is.
fn content_kind(head: &[u8]) -> &'static str {
    if head.starts_with(b"PK\x03\x04") {
        "a zip container (xlsx, xlsm, xlsb or ods)"
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "an OLE container (xls, or a password-protected workbook)"
    } else if head.starts_with(b"%PDF") {
        "a PDF document"
    } else if head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
        "an HTML or XML page"
    } else {
        "plain text"
    }
}

/// Refuses a file whose content does not match its name.
fn check_content(path: &Path, format: Format, head: &[u8]) -> Result<(), Error> {
    let kind = content_kind(head);
    let ok = match format {
        Format::Xlsx | Format::Xlsm | Format::Xlsb | Format::Ods => {
            kind.starts_with("a zip") || kind.starts_with("an OLE")
        }
        Format::Xls => kind.starts_with("an OLE"),
        Format::Csv | Format::Tsv | Format::Txt => kind == "plain text" || kind.starts_with("an HTML"),
    };
    if ok {
        return Ok(());
    }
    Err(Error::Misnamed {
        path: path.to_path_buf(),
        expected: format!("{} file", article(format.name())),
        found: kind.to_string(),
    })
}

fn article(name: &str) -> String {
    if name.starts_with(['x', 'o']) {
        format!("an {name}")
    } else {
        format!("a {name}")
    }
}

/// A progress bar on stderr for reading the file `label`, hidden when progress is not
/// shown (see [`crate::console::bar`]).
pub fn progress_bar(len: u64, label: &str) -> ProgressBar {
    crate::console::bar(len, format!("reading {label}"))
}

/// A spinner on stderr for work whose length is unknown (a workbook sheet being
/// unpacked), hidden when progress is not shown.
pub fn spinner(message: String) -> ProgressBar {
    crate::console::spinner(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_extensions_in_any_case() {
        assert_eq!(format_of(Path::new("a.XLSX")).unwrap(), Format::Xlsx);
        assert_eq!(format_of(Path::new("a.Csv")).unwrap(), Format::Csv);
        let err = format_of(Path::new("a.docx")).unwrap_err();
        assert!(err.to_string().contains("unsupported file type \"docx\""));
    }

    #[test]
    fn content_is_recognised_from_its_first_bytes() {
        assert!(content_kind(b"PK\x03\x04abcd").starts_with("a zip"));
        assert!(content_kind(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0]).starts_with("an OLE"));
        assert_eq!(content_kind("姓名,电话".as_bytes()), "plain text");
        assert_eq!(content_kind(b"<html><"), "an HTML or XML page");
    }
}
