//! The one place that knows the stage order: read -> normalize -> match -> classify ->
//! write. Each stage gets what the one before handed over and nothing else.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::console::Timings;
use crate::error::Error;
use crate::matching::learn::Reused;
use crate::matching::rules::MU;
use crate::normalize::phone::{self, PhoneParse};
use crate::read::{self, mapping::Mapper};
use crate::record::file_read::{FileRead, SheetRead};
use crate::record::matched::Matched;
use crate::record::since::Previous;
use crate::record::{Choice, Field, Record, RecordId, Rejected};
use crate::rules::Rules;
use crate::write::model::{DecisionLine, DecisionReport, Run, SkippedFile};
use crate::{classify, matching, normalize, salespeople, since, write};

/// What `clean` will do, resolved from the command line.
pub struct CleanJob {
    pub inputs: Vec<PathBuf>,
    /// Filled call sheets (`--outcomes`).
    pub outcomes: Vec<PathBuf>,
    /// Last run's master (`--previous`): its customers are the base and keep their ids.
    pub previous: Option<PathBuf>,
    /// Review sheets with a person's decisions (`--decisions`), beside those of
    /// `previous`.
    pub decisions: Vec<PathBuf>,
    /// Learn the matching model afresh even when `previous` holds one.
    pub learn: bool,
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
    /// How long each stage took.
    pub timings: Timings,
}

/// Reads every input; with `keep_going`, an unreadable input is skipped and listed,
/// otherwise the first one stops the run.
pub fn read_inputs(
    inputs: &[PathBuf],
    rules: &Rules,
    keep_going: bool,
) -> Result<(Vec<FileRead>, Vec<SkippedFile>), Error> {
    let mapper = Mapper::new(&rules.column_aliases);
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

/// The inputs less the lock files Excel and WPS keep beside an open workbook
/// (`~$客户.xlsx`, caught by a `*.xlsx` glob), with a note for each one left out.
pub fn leave_out_lock_files(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let (locks, lists): (Vec<PathBuf>, Vec<PathBuf>) = inputs.iter().cloned().partition(|p| is_lock_file(p));
    let notes = locks
        .iter()
        .map(|p| {
            format!(
                "{}: left out: a lock file Excel or WPS keeps while a workbook is open, not a list",
                p.display()
            )
        })
        .collect();
    (lists, notes)
}

/// True for an office lock file: a file whose name starts with `~$`.
fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$"))
}

/// Takes the records and rejected rows out of the files, numbering the records.
pub fn collect_rows(files: &mut [FileRead]) -> (Vec<Record>, Vec<Rejected>) {
    let total = files.iter().map(|f| f.records()).sum();
    let mut records = Vec::with_capacity(total);
    let mut rejected = Vec::new();
    for sheet in files.iter_mut().flat_map(|f| f.sheets.iter_mut()) {
        for mut r in sheet.take_records() {
            r.id = RecordId(records.len() as u32);
            records.push(r);
        }
        rejected.extend(sheet.rejected.iter().cloned());
    }
    (records, rejected)
}

/// Runs the whole job.
pub fn clean(job: &CleanJob) -> Result<CleanDone, Error> {
    for input in job
        .inputs
        .iter()
        .chain(&job.outcomes)
        .chain(&job.previous)
        .chain(&job.decisions)
    {
        if write::is_input(&job.write.dir, std::slice::from_ref(input)) {
            return Err(Error::OutputIsInput {
                path: job.write.dir.clone(),
            });
        }
    }
    let mut inputs = job.inputs.clone();
    inputs.extend(job.outcomes.iter().cloned());
    inputs.extend(job.previous.iter().cloned());
    inputs.extend(job.decisions.iter().cloned());
    // Taken first, so a second run into the same directory is refused before any work.
    let out = write::outdir::OutDir::open(&job.write.dir, &inputs)?;
    let mut timings = Timings::default();
    let started = std::time::Instant::now();
    let (lists, lock_notes) = leave_out_lock_files(&job.inputs);
    let (mut files, skipped) = read_inputs(&lists, &job.rules, job.keep_going)?;
    let (previous_path, master_note) = previous_master(&mut files, job.previous.as_deref())?;
    let mut read_notes: Vec<String> = lock_notes;
    read_notes.extend(master_note);
    let mut decisions = read::decisions::Decisions::default();
    let mut reused = None;
    let mut last_places = Vec::new();
    let previous = match &previous_path {
        Some(path) => {
            let spin = crate::console::spinner(format!("reading last run's master {}", path.display()));
            let master = read::master::previous_records(path);
            spin.finish_and_clear();
            let master = master?;
            files.insert(0, master.file);
            read_notes.extend(master.notes);
            decisions = master.decisions;
            reused = master.model.map(reused_model);
            last_places = master.lineage;
            Some((path.display().to_string(), master.decided))
        }
        None => None,
    };
    // Read before the long work, so a file that holds no decisions stops the run early.
    for path in &job.decisions {
        let read = read::decisions::read_decisions(path, true)?;
        decisions.decisions.extend(read.decisions);
        decisions.notes.extend(read.notes);
    }
    let (call_rows, call_notes) = read_call_sheets(&job.outcomes, &job.rules)?;
    let (mut records, rejected) = collect_rows(&mut files);
    timings.add("read", started.elapsed());
    let settings = normalize::Settings {
        rules: &job.rules.normalize,
        region: job.region.clone(),
    };
    let what = format!("normalizing: cleaning the fields of {} rows", records.len());
    timings.stage("normalize", &what, || normalize::normalize(&mut records, &settings));
    let merges = salespeople::fold(&mut records, &job.rules.salespeople);
    read_notes.extend(merges.iter().map(salespeople::Merge::note));
    let previous_ids = previous
        .as_ref()
        .map(|(_, decided)| ids_of(decided))
        .unwrap_or_default();
    let resolved = matching::decided::resolve(&decisions.decisions, &records, &previous_ids);
    let mut decided = resolved.pairs.clone();
    decided.extend(matching::decided::rows_read_again(
        &last_places,
        &records,
        &previous_ids,
    ));
    read_notes.extend(decisions.notes);
    read_notes.extend(resolved.notes.iter().cloned());
    let mut match_rules = job.rules.matching.clone();
    if !job.learn && match_rules.learn {
        match_rules.reused = reused;
    }
    let what = format!(
        "matching: blocking, comparing, scoring and clustering {} rows",
        records.len()
    );
    let mut matched = timings.stage("match", &what, || {
        matching::match_decided(&records, &match_rules, &decided)
    });
    let previous = previous.map(|(label, decided)| {
        let by_record: HashMap<RecordId, Previous> = decided
            .into_iter()
            .enumerate()
            .filter_map(|(i, p)| Some((RecordId(i as u32), p?)))
            .collect();
        let ids = by_record.iter().map(|(r, p)| (*r, p.customer_id.clone())).collect();
        let merged_ids = matching::ids::keep_ids(&mut matched, &ids);
        (label, by_record, merged_ids)
    });
    let evidence = classify::Evidence {
        records: &records,
        call_rows: &call_rows,
        outcomes: &job.rules.outcomes,
        phone_key: &|cell: &str| phone_key(cell, &job.region, &job.rules),
    };
    let what = format!("classifying {} customers", matched.customers.len());
    let classified = timings.stage("classify", &what, || classify::classify(&matched, &evidence));
    let since = previous.map(|(label, by_record, merged_ids)| {
        since::compare(&label, &by_record, &matched, &records, &classified.verdicts, merged_ids)
    });
    let mut run = Run {
        files,
        skipped: skipped.clone(),
        records,
        rejected,
        matched,
        verdicts: classified.verdicts,
        calls: classified.calls,
        outcome_names: outcome_names(&job.rules),
        notes: Vec::new(),
        mask: job.write.mask,
        since,
        decisions: Vec::new(),
        decision_counts: write::model::DecisionReport::default(),
        run_id: out.run_id().to_string(),
        report_cache: std::sync::OnceLock::new(),
    };
    (run.decisions, run.decision_counts) = decision_lines(&resolved, &run.matched, &run.records);
    run.notes = out.notes.clone();
    run.notes.extend(read_notes);
    let max_rows = job.write.output.workbook().then_some(job.write.max_rows);
    run.notes.extend(sheet_notes(&run, max_rows));
    run.notes.extend(call_notes);
    let written = write::write_all(&run, out, &job.write, &mut timings)?;
    Ok(CleanDone {
        written,
        skipped,
        report: run.report().clone(),
        timings,
    })
}

/// Last run's customer ids, by the record each master row became.
fn ids_of(decided: &[Option<Previous>]) -> HashMap<String, RecordId> {
    decided
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.as_ref()?.customer_id.clone(), RecordId(i as u32))))
        .collect()
}

/// The Decisions sheet after this run: every applied pair under this run's customer
/// ids, then the carried decisions whose customers are gone, unchanged.
fn decision_lines(
    resolved: &matching::decided::Resolved,
    matched: &Matched,
    records: &[Record],
) -> (Vec<DecisionLine>, DecisionReport) {
    let customer = |r: RecordId| {
        matched.customer_of(r).map_or((String::new(), String::new()), |c| {
            let c = &matched.customers[c];
            (c.id.clone(), c.merged(records).value(Field::Name).to_string())
        })
    };
    let mut lines: Vec<DecisionLine> = resolved
        .pairs
        .iter()
        .map(|p| {
            let ((id_a, name_a), (id_b, name_b)) = (customer(p.a), customer(p.b));
            DecisionLine {
                choice: if p.same { Choice::Same } else { Choice::Different },
                id_a,
                name_a,
                id_b,
                name_b,
                decided_in: p.decided_in.clone(),
            }
        })
        .collect();
    lines.extend(resolved.kept.iter().map(|d| DecisionLine {
        choice: d.choice,
        id_a: d.a.customer_id.clone(),
        name_a: d.a.name.clone(),
        id_b: d.b.customer_id.clone(),
        name_b: d.b.name.clone(),
        decided_in: d.decided_in.clone(),
    }));
    let counts = DecisionReport {
        same: resolved.pairs.iter().filter(|p| p.same).count(),
        different: resolved.pairs.iter().filter(|p| !p.same).count(),
        not_applied: resolved.notes.len(),
    };
    (lines, counts)
}

/// Last run's master: `--previous`, or an input that is a rollcall master (its whole
/// workbook, a workbook of its Customers sheet, or `customers.csv`), which is then taken
/// out of the customer lists and read as `--previous`, with a note. Two masters, or a
/// master beside `--previous`, are refused: which one is last run's is not for rollcall
/// to guess.
fn previous_master(
    files: &mut Vec<FileRead>,
    previous: Option<&Path>,
) -> Result<(Option<PathBuf>, Option<String>), Error> {
    let masters: Vec<usize> = (0..files.len()).filter(|i| is_master(&files[*i])).collect();
    let Some(&first) = masters.first() else {
        return Ok((previous.map(Path::to_path_buf), None));
    };
    let path = files[first].path.clone();
    if let Some(given) = previous {
        return Err(Error::MasterAsInput {
            path,
            hint: format!(
                "it cannot be a customer list beside --previous {}; give only one master",
                given.display()
            ),
        });
    }
    if let Some(&second) = masters.get(1) {
        return Err(Error::MasterAsInput {
            path,
            hint: format!(
                "and so is {}; give last run's master once, as --previous, and the customer lists as inputs",
                files[second].path.display()
            ),
        });
    }
    let file = files.remove(first);
    let note = format!(
        "{}: a rollcall master; read as --previous (its customers keep their ids and verdicts)",
        file.label
    );
    Ok((Some(path), Some(note)))
}

/// True when a sheet of the file has a rollcall customers table's header.
fn is_master(file: &FileRead) -> bool {
    file.sheets.iter().any(|s| {
        let header: Vec<&str> = s.layout.columns.iter().map(|c| c.header.as_ref()).collect();
        read::master::is_master_header(&header)
    })
}

/// Reads the `--outcomes` files. Any file that cannot be read, holds no sheet with an
/// outcome column beside a customer id or phone column, or has no outcome written in any
/// row (a call sheet not filled in yet), stops the run; sheets without such columns (an
/// instructions sheet) are left out with a note.
fn read_call_sheets(paths: &[PathBuf], rules: &Rules) -> Result<(classify::CallRows, Vec<String>), Error> {
    let mapper = Mapper::new(&rules.column_aliases);
    let mut rows = classify::CallRows::default();
    let mut notes = Vec::new();
    for path in paths {
        let mut file = read::read_file(path, &mapper)?;
        let mut any = false;
        let mut without_key = false;
        for sheet in &mut file.sheets {
            match call_columns(sheet) {
                CallColumns::Both => {
                    any = true;
                    rows.records.extend(sheet.take_records());
                    rows.rejected.append(&mut sheet.rejected);
                }
                found => {
                    without_key |= found == CallColumns::OutcomeOnly;
                    notes.push(format!(
                        "{} [{}]: no outcome column beside a customer id or phone column; not read as call results",
                        file.label, sheet.name
                    ));
                }
            }
        }
        if !any && without_key {
            return Err(Error::CallSheetWithoutKey { path: path.clone() });
        }
        if !any {
            return Err(Error::NotCallSheet { path: path.clone() });
        }
        if !rows
            .records
            .iter()
            .any(|r| r.origin.file == file.label && has_outcome(r))
        {
            return Err(Error::CallSheetUnfilled { path: path.clone() });
        }
        rows.files.push(file.label.clone());
    }
    Ok((rows, notes))
}

/// Which of the columns a call sheet needs a sheet has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CallColumns {
    /// An outcome column and a customer id or phone column.
    Both,
    /// An outcome column, but nothing that says whom it is about.
    OutcomeOnly,
    /// No outcome column.
    NoOutcome,
}

fn call_columns(sheet: &SheetRead) -> CallColumns {
    let fields: Vec<Field> = sheet
        .layout
        .columns
        .iter()
        .filter_map(|c| c.mapping.as_ref().map(|m| m.field))
        .collect();
    let keyed = fields.iter().any(|f| *f == Field::SourceCustomerId || f.is_phone());
    match (fields.contains(&Field::Outcome), keyed) {
        (true, true) => CallColumns::Both,
        (true, false) => CallColumns::OutcomeOnly,
        (false, _) => CallColumns::NoOutcome,
    }
}

/// True when a call sheet's row has an outcome written in it.
fn has_outcome(record: &Record) -> bool {
    record.raw_value(Field::Outcome).is_some_and(|v| !v.trim().is_empty())
}

/// The key two spellings of one phone number share, for matching call results to
/// customers: its E.164 form as the phone normalizer reads it in `region`
/// (`+86 139 0000 0001` and `13900000001` meet, as do `010-6234 5678` and
/// `+86 10 6234 5678`); a number not valid in its plan keeps the E.164 it parsed to;
/// `None` for anything that is not a number.
fn phone_key(cell: &str, region: &str, rules: &Rules) -> Option<String> {
    phone::parse_cell(cell, region, None, &rules.normalize.phone)
        .into_iter()
        .find_map(|p| match p {
            PhoneParse::Valid(phone) => Some(phone.e164),
            PhoneParse::Invalid { e164, .. } => e164,
            _ => None,
        })
}

/// (label, English name) of every valid outcome, in the vocabulary's order.
fn outcome_names(rules: &Rules) -> Vec<(String, String)> {
    rules
        .outcomes
        .entries
        .iter()
        .filter(|o| o.reason.is_none())
        .map(|o| (o.label.clone(), o.en.clone()))
        .collect()
}

/// Notes for the report: sheets continued past Excel's row limit (`max_rows`, `None`
/// when no workbook is written), undecodable bytes, skipped sheets.
fn sheet_notes(run: &Run, max_rows: Option<usize>) -> Vec<String> {
    let mut notes = Vec::new();
    let long = [
        ("Customers", run.matched.customers.len()),
        ("Changes", run.records.iter().map(|r| r.changes.len()).sum()),
        ("Lineage", run.records.len() + run.rejected.len()),
    ];
    for (name, len) in long {
        if max_rows.is_some_and(|max| len > max) {
            notes.push(format!(
                "{name} has {len} rows, more than one Excel sheet holds; it continues on {name} (2) and following sheets (--format csv or both writes it as one CSV)"
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

/// A master's Model table as matching reuses it.
fn reused_model(table: read::master::ModelTable) -> Reused {
    Reused {
        from: table.from,
        levels: table
            .levels
            .into_iter()
            .map(|(f, l, m, u)| (f, l, MU { m, u }))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_keys_meet_across_spellings() {
        let rules = Rules::defaults();
        let key = |cell: &str| phone_key(cell, "CN", &rules);
        let mobile = key("13900000001");
        assert_eq!(mobile.as_deref(), Some("+8613900000001"));
        for other in [
            "+86 139 0000 0001",
            "0086-139-0000-0001",
            "139 0000 0001",
            "139-0000-0001",
        ] {
            assert_eq!(key(other), mobile, "{other}");
        }
        assert_eq!(key("010-6234 5678"), key("+86 10 6234 5678"));
        assert_eq!(key("010-6234 5678").as_deref(), Some("+861062345678"));
        assert_eq!(key("无"), None);
        assert_eq!(key("abc"), None);
    }
}
