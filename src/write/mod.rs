//! Write: the outputs of a run, all or nothing. `clean` writes through [`outdir`]: a
//! locked output directory, every file staged, fsynced and moved into place only when
//! all are complete, a manifest last. A single workbook (`calls`, `roster`) goes to a
//! temporary file created new beside it and is renamed into place. An output never
//! replaces an input, and an interrupt leaves nothing half-written ([`interrupt`]).

pub mod csv;
pub mod groups;
pub mod html;
pub mod interrupt;
pub mod issues;
pub mod model;
pub mod outdir;
pub mod words;
pub mod xlsx;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::console::{self, Timings};
use crate::error::Error;
use model::{Lang, Run};
use outdir::OutDir;

/// Which copies of the master `clean` writes beside the reports (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// `master.xlsx` only.
    Workbook,
    /// One CSV per master sheet, no workbook.
    Csv,
    /// Both (`--csv`).
    Both,
}

impl Output {
    pub fn workbook(self) -> bool {
        self != Output::Csv
    }

    pub fn csv(self) -> bool {
        self != Output::Workbook
    }
}

/// How to write.
pub struct Options {
    pub dir: PathBuf,
    pub lang: Lang,
    pub output: Output,
    /// Data rows per worksheet before a sheet continues on the next.
    pub max_rows: usize,
    /// `--mask`: ID numbers masked in the workbook as well as the reports.
    pub mask: bool,
}

/// Writes `master.xlsx` (unless `--format csv`), `report.json`, `report.html` (and the
/// CSVs with `--format csv|both`) into the held output directory and moves them into
/// place; returns the paths written. Each file's time is added to `timings` as `write`.
pub fn write_all(run: &Run, mut out: OutDir, opts: &Options, timings: &mut Timings) -> Result<Vec<PathBuf>, Error> {
    let started = std::time::Instant::now();
    let sheets = run.sheets(opts.lang);
    let decision = [model::review_choices(opts.lang)];
    // The workbook is deflated on one thread at its end, so the CSVs are written beside
    // it, and beside each other.
    let workbook = || -> Result<Option<outdir::Staged>, Error> {
        if !opts.output.workbook() {
            return Ok(None);
        }
        let staged = out.stage("master.xlsx", |path, mut file| {
            xlsx::write_workbook(
                path,
                &mut file,
                &sheets,
                &run.charts(opts.lang),
                &decision,
                &xlsx::Print {
                    hide_empty_columns: true,
                    paper: None,
                },
                opts.max_rows,
            )?;
            Ok(file)
        })?;
        Ok(Some(staged))
    };
    let csvs = || -> Result<Vec<outdir::Staged>, Error> {
        if !opts.output.csv() {
            return Ok(Vec::new());
        }
        sheets
            .par_iter()
            .map(|sheet| {
                let name = crate::contract::Sheet::csv_name(&sheet.name);
                let bar = console::bar(sheet.len as u64, format!("writing {name}"));
                let staged = out.stage(&name, |path, file| csv::write_csv(path, file, sheet, &bar));
                bar.finish_and_clear();
                staged
            })
            .collect()
    };
    let (workbook, csvs) = rayon::join(workbook, csvs);
    let (workbook, csvs) = (workbook?, csvs?);
    if let Some(staged) = workbook {
        out.add(staged);
    }
    let spin = console::spinner("writing report.json and report.html");
    let report = run.report();
    let json = serde_json::to_string_pretty(report).map_err(|e| Error::Write {
        path: opts.dir.join("report.json"),
        source: std::io::Error::other(e),
    })?;
    out.write("report.json", |path, file| write_text(path, file, &json))?;
    let page = html::render(report, opts.lang);
    out.write("report.html", |path, file| write_text(path, file, &page))?;
    spin.finish_and_clear();
    for staged in csvs {
        out.add(staged);
    }
    let spin = console::spinner("moving the outputs into place");
    let written = out.commit();
    spin.finish_and_clear();
    timings.add("write", started.elapsed());
    written
}

/// Writes one workbook to `path` through a temporary file created new beside it (never
/// through a link, removed on an interrupt), never over an input.
pub fn write_workbook_file(
    path: &Path,
    sheets: &[model::SheetView],
    choices: &[model::Choices],
    print: &xlsx::Print,
    inputs: &[PathBuf],
) -> Result<(), Error> {
    if is_input(path, inputs) {
        return Err(Error::OutputIsInput {
            path: path.to_path_buf(),
        });
    }
    check_xlsx_name(path)?;
    let name = path
        .file_name()
        .map_or("out.xlsx".into(), |n| n.to_string_lossy().to_string());
    let tmp = path.with_file_name(format!(".{name}.{:08x}.partial", outdir::random_u32()));
    let mut file = outdir::create_new(&tmp)?;
    interrupt::watch(&tmp);
    let written =
        xlsx::write_workbook(path, &mut file, sheets, &[], choices, print, xlsx::MAX_DATA_ROWS).and_then(|()| {
            file.sync_all().map_err(|e| Error::Write {
                path: path.to_path_buf(),
                source: e,
            })
        });
    let mut pending = interrupt::pending();
    let moved = written.and_then(|()| {
        std::fs::rename(&tmp, path).map_err(|e| Error::Write {
            path: path.to_path_buf(),
            source: e,
        })
    });
    if moved.is_err() {
        interrupt::remove(&tmp);
    }
    interrupt::forget_in(&mut pending, &tmp);
    moved
}

/// Refuses a workbook output named other than `.xlsx` (`-o calls.csv` would otherwise
/// get workbook bytes under a name Excel opens as text).
fn check_xlsx_name(path: &Path) -> Result<(), Error> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext.eq_ignore_ascii_case("xlsx") {
        return Ok(());
    }
    Err(Error::NotXlsxOutput {
        path: path.to_path_buf(),
    })
}

/// True when `path` names the same file as one of the inputs.
pub fn is_input(path: &Path, inputs: &[PathBuf]) -> bool {
    let Ok(out) = path.canonicalize() else {
        return false;
    };
    inputs.iter().any(|i| i.canonicalize().is_ok_and(|c| c == out))
}

fn write_text(path: &Path, mut file: std::fs::File, text: &str) -> Result<std::fs::File, Error> {
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e,
    })?;
    Ok(file)
}
