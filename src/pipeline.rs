//! The one place that knows the stage order: read -> normalize -> match -> classify ->
//! write. Each stage gets what the one before handed over and nothing else.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::error::Error;
use crate::read::{self, mapping::Mapper, FileRead};
use crate::record::{Record, RecordId, Rejected};
use crate::rules::Rules;
use crate::write::model::{Run, SkippedFile};
use crate::{classify, matching, normalize, write};

/// What `clean` will do, resolved from the command line.
pub struct CleanJob {
    pub inputs: Vec<PathBuf>,
    pub rules: Rules,
    pub region: String,
    pub keep_going: bool,
    pub write: write::Options,
}

/// What a finished run tells the caller.
pub struct CleanDone {
    pub written: Vec<PathBuf>,
    pub skipped: Vec<SkippedFile>,
    pub report: write::model::Report,
}

/// Reads every input; with `keep_going`, an unreadable input is skipped and listed,
/// otherwise the first one stops the run.
pub fn read_inputs(
    inputs: &[PathBuf],
    rules: &Rules,
    keep_going: bool,
) -> Result<(Vec<FileRead>, Vec<SkippedFile>), Error> {
    let mapper = Mapper::new(rules);
    let results: Vec<Result<FileRead, Error>> = inputs.par_iter().map(|p| read::read_file(p, &mapper)).collect();
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for (path, result) in inputs.iter().zip(results) {
        match result {
            Ok(f) => files.push(f),
            Err(e) if keep_going => skipped.push(SkippedFile {
                file: path.display().to_string(),
                error: e.to_string(),
            }),
            Err(e) => return Err(e),
        }
    }
    if files.is_empty() && !skipped.is_empty() {
        return Err(Error::Usage(format!(
            "no input could be read:\n  {}",
            skipped
                .iter()
                .map(|s| s.error.as_str())
                .collect::<Vec<_>>()
                .join("\n  ")
        )));
    }
    Ok((files, skipped))
}

/// Takes the records and rejected rows out of the files, numbering the records.
fn collect_rows(files: &mut [FileRead]) -> (Vec<Record>, Vec<Rejected>) {
    let mut records = Vec::new();
    let mut rejected = Vec::new();
    for sheet in files.iter_mut().flat_map(|f| f.sheets.iter_mut()) {
        for mut r in std::mem::take(&mut sheet.records) {
            r.id = RecordId(records.len() as u32);
            records.push(r);
        }
        rejected.extend(sheet.rejected.iter().cloned());
    }
    (records, rejected)
}

/// Runs the whole job.
pub fn clean(job: &CleanJob) -> Result<CleanDone, Error> {
    for input in &job.inputs {
        if write::is_input(&job.write.dir, std::slice::from_ref(input)) {
            return Err(Error::OutputIsInput {
                path: job.write.dir.clone(),
            });
        }
    }
    let (mut files, skipped) = read_inputs(&job.inputs, &job.rules, job.keep_going)?;
    let (mut records, rejected) = collect_rows(&mut files);
    let settings = normalize::Settings {
        rules: &job.rules,
        region: job.region.clone(),
    };
    normalize::normalize(&mut records, &settings);
    let matched = matching::match_records(&records, &job.rules.matching);
    let verdicts = classify::classify(&matched.customers);
    let run = Run {
        files,
        skipped: skipped.clone(),
        records,
        rejected,
        matched,
        verdicts,
        notes: Vec::new(),
    };
    let mut run = run;
    run.notes = sheet_notes(&run, job.write.max_rows);
    let written = write::write_all(&run, &job.inputs, &job.write)?;
    Ok(CleanDone {
        written,
        skipped,
        report: run.report(),
    })
}

/// Notes for the report: sheets continued past Excel's row limit, undecodable bytes,
/// skipped sheets.
fn sheet_notes(run: &Run, max_rows: usize) -> Vec<String> {
    let mut notes = Vec::new();
    let long = [
        ("Customers", run.matched.customers.len()),
        ("Changes", run.records.iter().map(|r| r.changes.len()).sum()),
        ("Lineage", run.records.len() + run.rejected.len()),
    ];
    for (name, len) in long {
        if len > max_rows {
            notes.push(format!(
                "{name} has {len} rows, more than one Excel sheet holds; it continues on {name} (2) and following sheets (use --csv for one file)"
            ));
        }
    }
    for f in &run.files {
        if f.decode_errors {
            notes.push(format!(
                "{}: some bytes are not valid {}; they were replaced by \u{FFFD}",
                f.label,
                f.encoding.as_deref().unwrap_or("text")
            ));
        }
        for s in &f.skipped_sheets {
            notes.push(format!("{} [{}]: sheet skipped: {}", f.label, s.name, s.why));
        }
    }
    notes
}
