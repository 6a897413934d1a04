//! Write: the outputs of a run, all or nothing. Every file goes to a temporary name in
//! the output directory first and is renamed into place only when all are written, so
//! a failed run leaves no half-written output. An output never replaces an input.

pub mod csv;
pub mod html;
pub mod model;
pub mod words;
pub mod xlsx;

use std::path::{Path, PathBuf};

use crate::error::Error;
use model::{Lang, Run};

/// How to write.
pub struct Options {
    pub dir: PathBuf,
    pub lang: Lang,
    pub csv: bool,
    /// Data rows per worksheet before a sheet continues on the next.
    pub max_rows: usize,
    /// `--mask`: ID numbers masked in the workbook as well as the reports.
    pub mask: bool,
}

/// Writes `master.xlsx`, `report.json`, `report.html` (and the CSVs) into the output directory;
/// returns the paths written.
pub fn write_all(run: &Run, inputs: &[PathBuf], opts: &Options) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(&opts.dir).map_err(|e| Error::Write {
        path: opts.dir.clone(),
        source: e,
    })?;
    let sheets = run.sheets(opts.lang);
    let mut planned: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        let master = stage(&opts.dir, "master.xlsx", inputs, &mut planned)?;
        let decision = [model::review_choices(opts.lang)];
        xlsx::write_workbook(&master, &sheets, &run.charts(opts.lang), &decision, opts.max_rows)?;
        let report = run.report();
        let json = stage(&opts.dir, "report.json", inputs, &mut planned)?;
        let text = serde_json::to_string_pretty(&report).map_err(|e| Error::Write {
            path: json.clone(),
            source: std::io::Error::other(e),
        })?;
        write_text(&json, &text)?;
        let page = stage(&opts.dir, "report.html", inputs, &mut planned)?;
        write_text(&page, &html::render(&report, opts.lang))?;
        if opts.csv {
            for sheet in &sheets {
                let path = stage(
                    &opts.dir,
                    &format!("{}.csv", sheet.name.to_lowercase()),
                    inputs,
                    &mut planned,
                )?;
                csv::write_csv(&path, sheet)?;
            }
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &planned {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    let mut written = Vec::new();
    for (tmp, fin) in planned {
        std::fs::rename(&tmp, &fin).map_err(|e| Error::Write {
            path: fin.clone(),
            source: e,
        })?;
        written.push(fin);
    }
    Ok(written)
}

/// Writes one workbook to `path` through a temporary name, never over an input.
pub fn write_workbook_file(
    path: &Path,
    sheets: &[model::SheetView],
    choices: &[xlsx::Choices],
    inputs: &[PathBuf],
) -> Result<(), Error> {
    if is_input(path, inputs) {
        return Err(Error::OutputIsInput {
            path: path.to_path_buf(),
        });
    }
    let name = path
        .file_name()
        .map_or("out.xlsx".into(), |n| n.to_string_lossy().to_string());
    let tmp = path.with_file_name(format!(".{name}.partial"));
    if let Err(e) = xlsx::write_workbook(&tmp, sheets, &[], choices, xlsx::MAX_DATA_ROWS) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e,
    })
}

/// Plans one output: checks it is not an input and returns its temporary path.
fn stage(dir: &Path, name: &str, inputs: &[PathBuf], planned: &mut Vec<(PathBuf, PathBuf)>) -> Result<PathBuf, Error> {
    let fin = dir.join(name);
    if is_input(&fin, inputs) {
        return Err(Error::OutputIsInput { path: fin });
    }
    let tmp = dir.join(format!(".{name}.partial"));
    planned.push((tmp.clone(), fin));
    Ok(tmp)
}

/// True when `path` names the same file as one of the inputs.
pub fn is_input(path: &Path, inputs: &[PathBuf]) -> bool {
    let Ok(out) = path.canonicalize() else {
        return false;
    };
    inputs.iter().any(|i| i.canonicalize().is_ok_and(|c| c == out))
}

fn write_text(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        source: e,
    })
}
