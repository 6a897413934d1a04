//! Fatal errors: the ones that stop a run or skip a whole input. Bad data inside a
//! readable file is never an error; it is a finding in the output.
//!
//! Every variant names where it happened (file, sheet, row, rules file) and its message
//! is written for the person who has to fix the file.

use std::path::PathBuf;

use thiserror::Error;

/// What can stop rollcall.
#[derive(Debug, Error)]
pub enum Error {
    #[error("{path}: no such file")]
    Missing { path: PathBuf },

    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },

    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: is a folder, not a file; give the files in it (such as {path}/*.xlsx {path}/*.csv)")]
    Directory { path: PathBuf },

    #[error("{path}: unsupported file type {ext:?}; rollcall reads .xlsx .xlsm .xlsb .xls .ods .csv .tsv .txt")]
    Unsupported { path: PathBuf, ext: String },

    #[error("{path}: the name has no extension, so rollcall cannot tell what the file is; its content is {found}: rename it to end in {suggest}")]
    NoExtension {
        path: PathBuf,
        found: String,
        suggest: String,
    },

    #[error("{path}: the name says {expected} but the content is {found}; rename the file to match what it is")]
    Misnamed {
        path: PathBuf,
        expected: String,
        found: String,
    },

    #[error("{path}: the workbook is password-protected; save an unprotected copy and try again")]
    Encrypted { path: PathBuf },

    #[error("{path}: the workbook is damaged or not a spreadsheet: {detail}")]
    Corrupt { path: PathBuf, detail: String },

    #[error("{path}: refused: {detail}")]
    Refused { path: PathBuf, detail: String },

    #[error("{path}{sheet}: the reader failed on this file ({detail}); it is damaged or made to break readers: open and save it again, or leave it out with --keep-going")]
    ReaderFailed {
        path: PathBuf,
        /// `" [Sheet1]"` or empty when no sheet was being read.
        sheet: String,
        detail: String,
    },

    #[error("{path}{sheet}: no header row found in the first {searched} rows; expected column names such as 姓名, 手机, 公司, Name, Phone, Company")]
    NoHeader {
        path: PathBuf,
        /// `" [Sheet1]"` or empty for CSV.
        sheet: String,
        searched: usize,
    },

    #[error("{path}{sheet}: the first row looks like data ({sample}): add a header row such as 姓名,手机,公司")]
    DataNotHeader {
        path: PathBuf,
        /// `" [Sheet1]"` or empty for CSV.
        sheet: String,
        /// The row's first cells.
        sample: String,
    },

    #[error("{path}: no sheet holds any data")]
    NoData { path: PathBuf },

    #[error("{path}: not a call sheet: no sheet has an outcome column (通话结果, call result) beside a customer id or phone column")]
    NotCallSheet { path: PathBuf },

    #[error("{path}: not a call sheet: it has an outcome column (通话结果, call result) but no customer id or phone column to say whom each result is about; add the 客户编号 (customer_id) or 电话 (phone) column")]
    CallSheetWithoutKey { path: PathBuf },

    #[error("{path}: no call results: the outcome column (通话结果, call result) is empty in every row; fill it in after the calls, then give it to --outcomes")]
    CallSheetUnfilled { path: PathBuf },

    #[error("{path}: no review decisions: no sheet has a decision (决定) column beside customer_id_a and customer_id_b (客户编号A, 客户编号B); give a master's Review or Decisions sheet")]
    NotDecisions { path: PathBuf },

    #[error("rules have {} problem(s):\n  {}", problems.len(), problems.join("\n  "))]
    Rules { problems: Vec<String> },

    #[error("{path}: is an input of this run; choose another output directory")]
    OutputIsInput { path: PathBuf },

    #[error("{path}: already exists; remove it first")]
    WouldOverwrite { path: PathBuf },

    #[error(
        "{dir}: another rollcall run is writing there ({other}); wait for it to end or choose another output directory"
    )]
    Busy { dir: PathBuf, other: String },

    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: this output is a workbook (drop-downs, one sheet per group); give -o a name ending in .xlsx")]
    NotXlsxOutput { path: PathBuf },

    #[error("{path}: cannot write the workbook: {detail}")]
    Workbook { path: PathBuf, detail: String },

    #[error("{path}: not a rollcall master (a master.xlsx, or the customers.csv written with --format csv): {why}")]
    NotAMaster { path: PathBuf, why: String },

    #[error("{path}: is a rollcall master, not a customer list; {hint}")]
    MasterAsInput { path: PathBuf, hint: String },

    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// The process exit code for this error. The README's "Exit codes" table is the
    /// contract: every fatal error is 2 (bad usage, unreadable input, a busy output
    /// directory, an output that could not be written). 0 and 1 are successes and 130/143
    /// interruptions, none of them an `Error`.
    pub fn exit_code(&self) -> i32 {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_and_sheet() {
        let e = Error::NoHeader {
            path: "客户.xlsx".into(),
            sheet: " [Sheet2]".into(),
            searched: 30,
        };
        assert_eq!(
            e.to_string(),
            "客户.xlsx [Sheet2]: no header row found in the first 30 rows; expected column names such as 姓名, 手机, 公司, Name, Phone, Company"
        );
        let e = Error::DataNotHeader {
            path: "名单.csv".into(),
            sheet: String::new(),
            sample: "张三, 13800138000, ...".into(),
        };
        assert_eq!(
            e.to_string(),
            "名单.csv: the first row looks like data (张三, 13800138000, ...): add a header row such as 姓名,手机,公司"
        );
        let e = Error::Encrypted { path: "a.xlsx".into() };
        assert!(e.to_string().starts_with("a.xlsx: the workbook is password-protected"));
        let e = Error::Misnamed {
            path: "a.xlsx".into(),
            expected: "an xlsx workbook".into(),
            found: "plain text".into(),
        };
        assert_eq!(
            e.to_string(),
            "a.xlsx: the name says an xlsx workbook but the content is plain text; rename the file to match what it is"
        );
        let e = Error::NotCallSheet {
            path: "calls.xlsx".into(),
        };
        assert_eq!(
            e.to_string(),
            "calls.xlsx: not a call sheet: no sheet has an outcome column (通话结果, call result) beside a customer id or phone column"
        );
        let e = Error::CallSheetWithoutKey {
            path: "结果.csv".into(),
        };
        assert!(e.to_string().starts_with(
            "结果.csv: not a call sheet: it has an outcome column (通话结果, call result) but no customer id or phone column"
        ));
        let e = Error::CallSheetUnfilled {
            path: "calls.xlsx".into(),
        };
        assert!(e.to_string().starts_with(
            "calls.xlsx: no call results: the outcome column (通话结果, call result) is empty in every row"
        ));
        let e = Error::Directory { path: "lists".into() };
        assert_eq!(
            e.to_string(),
            "lists: is a folder, not a file; give the files in it (such as lists/*.xlsx lists/*.csv)"
        );
        let e = Error::NotXlsxOutput {
            path: "calls.csv".into(),
        };
        assert!(e.to_string().ends_with("give -o a name ending in .xlsx"));
        let e = Error::NotDecisions {
            path: "review.csv".into(),
        };
        assert!(e
            .to_string()
            .starts_with("review.csv: no review decisions: no sheet has a decision (决定) column"));
        let e = Error::Rules {
            problems: vec!["r/columns.toml: x".into(), "r/columns.toml: y".into()],
        };
        assert_eq!(
            e.to_string(),
            "rules have 2 problem(s):\n  r/columns.toml: x\n  r/columns.toml: y"
        );
    }

    #[test]
    fn messages_of_output_errors_name_the_file() {
        let e = Error::NoData {
            path: "空.xlsx".into()
        };
        assert_eq!(e.to_string(), "空.xlsx: no sheet holds any data");
        let e = Error::WouldOverwrite {
            path: "out/calls.xlsx".into(),
        };
        assert_eq!(e.to_string(), "out/calls.xlsx: already exists; remove it first");
        let e = Error::Write {
            path: "out/master.xlsx".into(),
            source: std::io::Error::other("No space left on device"),
        };
        assert_eq!(e.to_string(), "out/master.xlsx: cannot write: No space left on device");
        let e = Error::Workbook {
            path: "out/master.xlsx".into(),
            detail: "sheet name too long".into(),
        };
        assert_eq!(
            e.to_string(),
            "out/master.xlsx: cannot write the workbook: sheet name too long"
        );
    }

    /// One message per variant not checked above, as the person fixing the file reads it.
    #[test]
    fn messages_of_input_errors_say_what_to_do() {
        let cases = [
            (Error::Missing { path: "a.csv".into() }, "a.csv: no such file"),
            (Error::Empty { path: "a.csv".into() }, "a.csv: the file is empty"),
            (
                Error::Io {
                    path: "a.csv".into(),
                    source: std::io::Error::other("permission denied"),
                },
                "a.csv: cannot read: permission denied",
            ),
            (
                Error::Unsupported {
                    path: "a.pdf".into(),
                    ext: "pdf".into(),
                },
                "a.pdf: unsupported file type \"pdf\"; rollcall reads .xlsx .xlsm .xlsb .xls .ods .csv .tsv .txt",
            ),
            (
                Error::NoExtension {
                    path: "list".into(),
                    found: "an xlsx workbook".into(),
                    suggest: ".xlsx".into(),
                },
                "list: the name has no extension, so rollcall cannot tell what the file is; its content is an xlsx workbook: rename it to end in .xlsx",
            ),
            (
                Error::Corrupt {
                    path: "a.xlsx".into(),
                    detail: "bad zip".into(),
                },
                "a.xlsx: the workbook is damaged or not a spreadsheet: bad zip",
            ),
            (
                Error::Refused {
                    path: "a.xlsx".into(),
                    detail: "too large".into(),
                },
                "a.xlsx: refused: too large",
            ),
            (
                Error::ReaderFailed {
                    path: "a.xls".into(),
                    sheet: " [Sheet1]".into(),
                    detail: "overflow".into(),
                },
                "a.xls [Sheet1]: the reader failed on this file (overflow); it is damaged or made to break readers: open and save it again, or leave it out with --keep-going",
            ),
        ];
        for (e, message) in cases {
            assert_eq!(e.to_string(), message);
        }
    }

    #[test]
    fn messages_of_run_errors_say_what_to_do() {
        let cases = [
            (
                Error::OutputIsInput { path: "out".into() },
                "out: is an input of this run; choose another output directory",
            ),
            (
                Error::Busy {
                    dir: "out".into(),
                    other: "run 1, process 7".into(),
                },
                "out: another rollcall run is writing there (run 1, process 7); wait for it to end or choose another output directory",
            ),
            (
                Error::NotAMaster {
                    path: "a.xlsx".into(),
                    why: "no Customers sheet".into(),
                },
                "a.xlsx: not a rollcall master (a master.xlsx, or the customers.csv written with --format csv): no Customers sheet",
            ),
            (
                Error::MasterAsInput {
                    path: "master.xlsx".into(),
                    hint: "give it to --previous".into(),
                },
                "master.xlsx: is a rollcall master, not a customer list; give it to --previous",
            ),
            (Error::Usage("--region \"X\": bad".into()), "--region \"X\": bad"),
        ];
        for (e, message) in cases {
            assert_eq!(e.to_string(), message);
        }
    }

    /// The README's "Exit codes" table gives 2 to every fatal error: bad usage, unreadable
    /// input, a busy output directory, an output that could not be written.
    #[test]
    fn every_fatal_error_exits_with_2() {
        let errors = [
            Error::NoData { path: "a.xlsx".into() },
            Error::WouldOverwrite { path: "a.xlsx".into() },
            Error::Write {
                path: "a.xlsx".into(),
                source: std::io::Error::other("disk full"),
            },
            Error::Workbook {
                path: "a.xlsx".into(),
                detail: "x".into(),
            },
            Error::Busy {
                dir: "out".into(),
                other: "run 1".into(),
            },
            Error::Usage("bad flag".into()),
        ];
        for e in errors {
            assert_eq!(e.exit_code(), 2, "{e}");
        }
    }
}
