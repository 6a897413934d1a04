//! The one view model every writer renders: the report's figures and the master's
//! sheets, each a header and a row function. Writers format; they compute nothing new.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::contract::columns::{self as cols, Column};
use crate::contract::{zh, Sheet, Vocab};
use crate::record::file_read::FileRead;
use crate::record::matched::{Customer, LevelReport, Matched, ModelReport};
use crate::record::since::SinceLastTime;
use crate::record::verdict::{CallReport, Status, Verdict, VerifiedBy};
use crate::record::{Choice, Field, Reason, Record, Rejected};
use crate::write::words::*;

pub use crate::contract::{Kind, Lang};

/// `report.json`: the figures of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The run that wrote this report; the output directory's `.rollcall-run.json`
    /// names the same run when its files are this run's.
    pub run_id: String,
    pub records_in: usize,
    pub rows_rejected: usize,
    pub rows_empty: usize,
    pub customers: usize,
    pub duplicates_merged: usize,
    pub review_pairs: usize,
    pub valid: usize,
    pub invalid: usize,
    pub reasons: BTreeMap<String, usize>,
    pub outcomes: BTreeMap<String, usize>,
    pub field_issues: BTreeMap<String, usize>,
    /// The field issues per field and kind, each with an example row.
    pub field_issue_details: Vec<crate::write::issues::FieldIssue>,
    pub changes: usize,
    pub files: Vec<FileReport>,
    pub skipped_files: Vec<SkippedFile>,
    pub notes: Vec<String>,
    /// `call` or `data` -> customers so decided.
    pub verified_by: BTreeMap<String, usize>,
    /// Rejected input rows by why.
    pub rejected_reasons: BTreeMap<String, usize>,
    /// Customers per salesperson, worst share of invalid first.
    pub by_salesperson: Vec<GroupReport>,
    /// Customers per input file they have a row in, worst share of invalid first.
    pub by_file: Vec<GroupReport>,
    pub call_results: CallReport,
    /// With `--previous`: what changed since last run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since_last_time: Option<SinceLastTime>,
    /// The matching model the run used: learned from the list, or the priors.
    pub model: ModelReport,
    /// Review decisions read back (`--previous`, `--decisions`).
    pub decisions: DecisionReport,
    /// (label, English name) of every valid outcome of the vocabulary, in its order.
    #[serde(skip)]
    pub outcome_names: Vec<(String, String)>,
}

/// The customers of one salesperson or one input file.
#[derive(Debug, Clone, Serialize)]
pub struct GroupReport {
    /// The salesperson or file; empty when the customers name no salesperson.
    pub name: String,
    pub customers: usize,
    pub valid: usize,
    pub invalid: usize,
    pub reasons: BTreeMap<String, usize>,
}

impl GroupReport {
    /// Share of invalid customers, 0 to 1.
    pub fn invalid_share(&self) -> f64 {
        share(self.invalid, self.customers)
    }
}

impl Report {
    /// Valid customers that no outcome describes (valid by the data checks alone).
    pub fn valid_without_outcome(&self) -> usize {
        let described: usize = self.outcomes.values().sum();
        self.valid.saturating_sub(described)
    }

    /// The valid outcomes with their counts, in the vocabulary's order, then any label
    /// the vocabulary no longer has.
    pub fn outcome_counts(&self) -> Vec<(&str, &str, usize)> {
        let mut out: Vec<(&str, &str, usize)> = self
            .outcome_names
            .iter()
            .filter_map(|(label, en)| self.outcomes.get(label).map(|n| (label.as_str(), en.as_str(), *n)))
            .collect();
        for (label, n) in &self.outcomes {
            if !self.outcome_names.iter().any(|(l, _)| l == label) {
                out.push((label.as_str(), label.as_str(), *n));
            }
        }
        out
    }

    /// The invalid reasons with their counts, in the contract's order.
    pub fn reason_counts(&self) -> Vec<(Reason, usize)> {
        Reason::ALL
            .iter()
            .filter_map(|r| self.reasons.get(r.code()).map(|n| (*r, *n)))
            .collect()
    }
}

/// `part / whole`, 0 when the whole is 0.
pub fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Row counts and reading details of one input file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    pub format: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    pub rows: usize,
    pub records: usize,
    pub rejected: usize,
    pub empty_rows: u32,
    /// Problems read around, each naming the file and row (a stray quote).
    pub warnings: Vec<String>,
    pub sheets: Vec<SheetReport>,
    pub skipped_sheets: Vec<SkippedSheetReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SheetReport {
    pub sheet: String,
    pub header_row: u32,
    pub rows: usize,
    pub records: usize,
    pub rejected: usize,
    pub empty_rows: u32,
    pub columns: Vec<ColumnReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnReport {
    pub column: String,
    pub header: String,
    pub field: Option<String>,
    pub certainty: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct SkippedSheetReport {
    pub sheet: String,
    pub why: String,
}

/// An input skipped with `--keep-going`.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedFile {
    pub file: String,
    pub error: String,
}

/// Everything a run produced, for the writers.
pub struct Run {
    pub files: Vec<FileRead>,
    pub skipped: Vec<SkippedFile>,
    pub records: Vec<Record>,
    pub rejected: Vec<Rejected>,
    pub matched: Matched,
    pub verdicts: Vec<Verdict>,
    pub calls: CallReport,
    /// (label, English name) of every valid outcome of the vocabulary.
    pub outcome_names: Vec<(String, String)>,
    pub notes: Vec<String>,
    /// `--mask`: ID numbers masked in the workbooks too (reports always mask them).
    pub mask: bool,
    /// With `--previous`: what changed since last run.
    pub since: Option<SinceLastTime>,
    /// Every pair a person decided, as it stands after this run.
    pub decisions: Vec<DecisionLine>,
    /// How the decisions read this run went.
    pub decision_counts: DecisionReport,
    /// The id of this run (see [`crate::write::outdir`]).
    pub run_id: String,
    /// [`Run::report`], counted on its first call (`OnceLock::new()` when the run is
    /// built). The run is complete by then: nothing changes it once writing starts.
    pub report_cache: OnceLock<Report>,
}

/// One decided pair on the Decisions sheet: this run's ids of the two customers (the
/// same id twice once they are one customer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionLine {
    pub choice: Choice,
    pub id_a: String,
    pub name_a: String,
    pub id_b: String,
    pub name_b: String,
    pub decided_in: String,
}

/// `report.json` `decisions`: pairs a person decided on a Review sheet.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct DecisionReport {
    /// Pairs applied as one customer.
    pub same: usize,
    /// Pairs applied as two customers, never to be joined.
    pub different: usize,
    /// Decisions that could not be applied (their customers are not in this run).
    pub not_applied: usize,
}

impl Run {
    /// The figures of `report.json`, counted once per run: the Summary sheet, its charts,
    /// `report.json`, `report.html` and the command's own summary all read them.
    pub fn report(&self) -> &Report {
        self.report_cache.get_or_init(|| self.count_report())
    }

    fn count_report(&self) -> Report {
        let valid = self.verdicts.iter().filter(|v| v.status == Status::Valid).count();
        let mut reasons = BTreeMap::new();
        for v in &self.verdicts {
            if let Some(r) = v.reason {
                *reasons.entry(r.code().to_string()).or_insert(0) += 1;
            }
        }
        let mut outcomes = BTreeMap::new();
        for v in self.verdicts.iter().filter(|v| v.status == Status::Valid) {
            if let Some(o) = &v.outcome {
                *outcomes.entry(o.clone()).or_insert(0) += 1;
            }
        }
        let mut field_issues = BTreeMap::new();
        for r in &self.records {
            for i in &r.issues {
                *field_issues.entry(i.field.key().to_string()).or_insert(0) += 1;
            }
        }
        Report {
            run_id: self.run_id.clone(),
            records_in: self.records.len() + self.rejected.len(),
            rows_rejected: self.rejected.len(),
            rows_empty: self.files.iter().map(|f| f.empty_rows() as usize).sum(),
            customers: self.matched.customers.len(),
            duplicates_merged: self.matched.duplicates.len(),
            review_pairs: self.matched.review.len(),
            valid,
            invalid: self.verdicts.len() - valid,
            reasons,
            outcomes,
            field_issues,
            field_issue_details: crate::write::issues::field_issue_details(&self.records),
            changes: self.records.iter().map(|r| r.changes.len()).sum(),
            files: self.files.iter().map(file_report).collect(),
            skipped_files: self.skipped.clone(),
            notes: self.notes.clone(),
            verified_by: self.verified_by(),
            rejected_reasons: self.rejected_reasons(),
            by_salesperson: self.groups(|c| vec![c.merged(&self.records).value(Field::Salesperson).to_string()]),
            by_file: self.groups(|c| self.files_of(c)),
            call_results: self.calls.clone(),
            since_last_time: self.since.clone(),
            model: self.matched.model.clone(),
            decisions: self.decision_counts.clone(),
            outcome_names: self.outcome_names.clone(),
        }
    }

    /// Customers per `verified_by`, every value present (0 when none).
    fn verified_by(&self) -> BTreeMap<String, usize> {
        let mut counts: BTreeMap<String, usize> = VerifiedBy::ALL.iter().map(|k| (k.key().to_string(), 0)).collect();
        for v in &self.verdicts {
            *counts.entry(v.verified_by.key().to_string()).or_insert(0) += 1;
        }
        counts
    }

    fn rejected_reasons(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for r in &self.rejected {
            *counts.entry(r.why.clone()).or_insert(0) += 1;
        }
        counts
    }

    /// The input files a customer has a row in.
    fn files_of(&self, c: &Customer) -> Vec<String> {
        let mut files: Vec<String> = c
            .members
            .iter()
            .map(|m| self.records[m.0 as usize].origin.file.to_string())
            .collect();
        files.sort();
        files.dedup();
        files
    }

    /// Customers counted per group (a customer may be in several), worst share of
    /// invalid first, then the largest, then by name.
    fn groups(&self, keys: impl Fn(&Customer) -> Vec<String>) -> Vec<GroupReport> {
        let mut groups: BTreeMap<String, GroupReport> = BTreeMap::new();
        for (c, v) in self.matched.customers.iter().zip(&self.verdicts) {
            for name in keys(c) {
                let g = groups.entry(name.clone()).or_insert_with(|| GroupReport {
                    name,
                    customers: 0,
                    valid: 0,
                    invalid: 0,
                    reasons: BTreeMap::new(),
                });
                g.customers += 1;
                if v.status == Status::Valid {
                    g.valid += 1;
                    continue;
                }
                g.invalid += 1;
                if let Some(r) = v.reason {
                    *g.reasons.entry(r.code().to_string()).or_insert(0) += 1;
                }
            }
        }
        let mut out: Vec<GroupReport> = groups.into_values().collect();
        out.sort_by(|a, b| {
            b.invalid_share()
                .total_cmp(&a.invalid_share())
                .then(b.customers.cmp(&a.customers))
                .then(a.name.cmp(&b.name))
        });
        out
    }
}

/// The reading details and row counts of one file.
pub fn file_report(f: &FileRead) -> FileReport {
    FileReport {
        file: f.label.to_string(),
        format: f.format.name().to_string(),
        encoding: f.encoding.clone(),
        delimiter: f.delimiter.map(|d| crate::contract::delimiter_name(d).to_string()),
        rows: f.data_rows(),
        records: f.records(),
        rejected: f.rejected(),
        empty_rows: f.empty_rows(),
        warnings: f.warnings.clone(),
        sheets: f
            .sheets
            .iter()
            .map(|s| SheetReport {
                sheet: s.name.to_string(),
                header_row: s.header_row,
                rows: s.data_rows(),
                records: s.record_count,
                rejected: s.rejected.len(),
                empty_rows: s.empty_rows,
                columns: s
                    .layout
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| ColumnReport {
                        column: crate::contract::column_letter(i),
                        header: c.header.to_string(),
                        field: c.mapping.as_ref().map(|m| m.field.key().to_string()),
                        certainty: c.mapping.as_ref().map_or(0.0, |m| m.kind.certainty()),
                    })
                    .collect(),
            })
            .collect(),
        skipped_sheets: f
            .skipped_sheets
            .iter()
            .map(|s| SkippedSheetReport {
                sheet: s.name.clone(),
                why: s.why.clone(),
            })
            .collect(),
    }
}

/// One sheet of the master: headers and a function giving row `i`.
pub struct SheetView<'a> {
    pub name: String,
    pub headers: Vec<String>,
    pub kinds: Vec<Kind>,
    pub len: usize,
    pub row: Box<dyn Fn(usize) -> Vec<String> + Sync + 'a>,
}

/// The headers and kinds of a sheet's columns in `lang`.
fn table(columns: &[Column], lang: Lang) -> (Vec<String>, Vec<Kind>) {
    (cols::headers(columns, lang), cols::kinds(columns))
}

impl Run {
    /// Unmapped headers of every input, in first-seen order (a set beside the list, so
    /// a list of thousands of columns is not compared column by column).
    fn extra_headers(&self) -> Vec<Arc<str>> {
        let mut seen: Vec<Arc<str>> = Vec::new();
        let mut known: rustc_hash::FxHashSet<Arc<str>> = Default::default();
        let columns = self
            .files
            .iter()
            .flat_map(|f| &f.sheets)
            .flat_map(|s| &s.layout.columns);
        let mapped_out = columns
            .filter(|c| c.mapping.is_none() && !c.header.is_empty())
            .map(|c| &c.header);
        let carried = self.records.iter().flat_map(|r| r.extras.iter().map(|(h, _)| h));
        for h in mapped_out.chain(carried) {
            if known.insert(h.clone()) {
                seen.push(h.clone());
            }
        }
        seen
    }

    fn customer_headers(&self, lang: Lang, extras: &[Arc<str>]) -> (Vec<String>, Vec<Kind>) {
        let (mut headers, mut kinds) = table(&cols::customer_columns(), lang);
        for e in extras {
            headers.push(e.to_string());
            kinds.push(Kind::General);
        }
        (headers, kinds)
    }

    fn customer_cells(&self, i: usize, extras: &[Arc<str>], lang: Lang) -> Vec<String> {
        let c: &Customer = &self.matched.customers[i];
        let v = &self.verdicts[i];
        let m = c.merged(&self.records);
        let best = m.phones.first();
        let mut row = vec![
            c.id.clone(),
            Vocab::Status.say(v.status.code(), lang),
            Vocab::Reason.say(v.reason.map_or("", Reason::code), lang),
            Vocab::VerifiedBy.say(v.verified_by.key(), lang),
            v.outcome.clone().unwrap_or_default(),
            m.value(Field::Name).to_string(),
            m.title.to_string(),
            m.value(Field::Company).to_string(),
            best.map(|p| p.full()).unwrap_or_default(),
            Vocab::PhoneType.say(best.map_or("", |p| p.kind.code()), lang),
            m.phones.iter().map(|p| p.full()).collect::<Vec<_>>().join("; "),
            m.phones.iter().map(display).collect::<Vec<_>>().join("; "),
            m.faxes.iter().map(|p| p.full()).collect::<Vec<_>>().join("; "),
            m.emails.join("; "),
            m.value(Field::Address).to_string(),
            m.value(Field::Postcode).to_string(),
            m.value(Field::Salesperson).to_string(),
            c.members
                .iter()
                .map(|m| self.records[m.0 as usize].rows())
                .sum::<u32>()
                .to_string(),
            m.bad_phones
                .iter()
                .map(|b| b.raw.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ];
        row.extend(cols::other_fields().map(|f| match f {
            Field::IdNumber if self.mask => crate::text::mask::mask_id(m.value(f)),
            _ => m.value(f).to_string(),
        }));
        let mut values: rustc_hash::FxHashMap<&str, String> = Default::default();
        for (h, v) in m.extras.iter() {
            values.entry(h.as_ref()).or_insert_with(|| v.to_string());
        }
        for e in extras {
            row.push(values.remove(e.as_ref()).unwrap_or_default());
        }
        row
    }

    /// The master's sheets, in the contract's order.
    pub fn sheets(&self, lang: Lang) -> Vec<SheetView<'_>> {
        vec![
            self.summary_sheet(lang),
            self.customers_sheet(lang),
            self.invalid_sheet(lang),
            self.review_sheet(lang),
            self.duplicates_sheet(lang),
            self.changes_sheet(lang),
            self.lineage_sheet(lang),
        ]
        .into_iter()
        .chain((!self.decisions.is_empty()).then(|| self.decisions_sheet(lang)))
        .chain(self.matched.model.learned.then(|| self.model_sheet(lang)))
        .collect()
    }

    /// The learned matching model, level by level (hidden in the workbook): the next
    /// `clean --previous` scores pairs with it again.
    fn model_sheet(&self, lang: Lang) -> SheetView<'_> {
        let levels: Vec<(&str, &LevelReport)> = self
            .matched
            .model
            .fields
            .iter()
            .flat_map(|f| f.levels.iter().map(move |l| (f.field, l)))
            .collect();
        SheetView {
            name: Sheet::Model.name(lang).into(),
            headers: cols::headers(&cols::MODEL, lang),
            kinds: cols::kinds(&cols::MODEL),
            len: levels.len(),
            row: Box::new(move |i| {
                let (field, l) = levels[i];
                vec![
                    field.to_string(),
                    l.level.to_string(),
                    format!("{:e}", l.m),
                    format!("{:e}", l.u),
                    format!("{:.3}", l.weight),
                ]
            }),
        }
    }

    /// Every pair a person decided, carried to the next run's `--previous`.
    fn decisions_sheet(&self, lang: Lang) -> SheetView<'_> {
        SheetView {
            name: Sheet::Decisions.name(lang).into(),
            headers: cols::headers(cols::DECISIONS, lang),
            kinds: cols::kinds(cols::DECISIONS),
            len: self.decisions.len(),
            row: Box::new(move |i| {
                let d = &self.decisions[i];
                vec![
                    Vocab::Decision.say(d.choice.key(), lang),
                    d.id_a.clone(),
                    d.name_a.clone(),
                    d.id_b.clone(),
                    d.name_b.clone(),
                    zh::text(&d.decided_in, lang),
                ]
            }),
        }
    }

    fn summary_sheet(&self, lang: Lang) -> SheetView<'_> {
        let rows = summary(self.report(), lang).rows;
        SheetView {
            name: Sheet::Summary.name(lang).into(),
            headers: cols::headers(cols::SUMMARY, lang),
            kinds: cols::kinds(cols::SUMMARY),
            len: rows.len(),
            row: Box::new(move |i| {
                let mut row = rows[i].clone();
                row.resize(6, String::new());
                row
            }),
        }
    }

    /// The charts of the Summary sheet.
    pub fn charts(&self, lang: Lang) -> Vec<ChartSpec> {
        summary(self.report(), lang).charts
    }

    fn customers_sheet(&self, lang: Lang) -> SheetView<'_> {
        let extras = self.extra_headers();
        let (headers, kinds) = self.customer_headers(lang, &extras);
        SheetView {
            name: Sheet::Customers.name(lang).into(),
            headers,
            kinds,
            len: self.matched.customers.len(),
            row: Box::new(move |i| self.customer_cells(i, &extras, lang)),
        }
    }

    fn invalid_sheet(&self, lang: Lang) -> SheetView<'_> {
        let extras = self.extra_headers();
        let (customer_headers, customer_kinds) = self.customer_headers(lang, &extras);
        let (mut headers, mut kinds) = table(cols::INVALID_LEAD, lang);
        headers.extend(customer_headers.into_iter().skip(cols::INVALID_SKIPS));
        kinds.extend(customer_kinds.into_iter().skip(cols::INVALID_SKIPS));
        let invalid: Vec<usize> = (0..self.verdicts.len())
            .filter(|i| self.verdicts[*i].status == Status::Invalid)
            .collect();
        SheetView {
            name: Sheet::Invalid.name(lang).into(),
            headers,
            kinds,
            len: invalid.len(),
            row: Box::new(move |i| {
                let c = invalid[i];
                let v = &self.verdicts[c];
                let mut row = vec![
                    self.matched.customers[c].id.clone(),
                    Vocab::Reason.say(v.reason.map_or("", Reason::code), lang),
                    zh::text(&v.detail, lang),
                    zh::verdict_evidence(&self.masked(&v.evidence), lang),
                ];
                let customer = self.customer_cells(c, &extras, lang);
                row.extend(customer.into_iter().skip(cols::INVALID_SKIPS));
                row
            }),
        }
    }

    fn review_sheet(&self, lang: Lang) -> SheetView<'_> {
        SheetView {
            name: Sheet::Review.name(lang).into(),
            headers: cols::headers(cols::REVIEW, lang),
            kinds: cols::kinds(cols::REVIEW),
            len: self.matched.review.len(),
            row: Box::new(move |i| {
                let p = &self.matched.review[i];
                let (a, b) = (&self.records[p.a.0 as usize], &self.records[p.b.0 as usize]);
                vec![
                    self.customer_of(p.a),
                    zh::origin(&a.origin, lang),
                    a.clean.value(Field::Name).to_string(),
                    self.customer_of(p.b),
                    zh::origin(&b.origin, lang),
                    b.clean.value(Field::Name).to_string(),
                    format!("{:.2}", p.score),
                    String::new(),
                    zh::text(&self.masked(&p.evidence), lang),
                ]
            }),
        }
    }

    fn duplicates_sheet(&self, lang: Lang) -> SheetView<'_> {
        SheetView {
            name: Sheet::Duplicates.name(lang).into(),
            headers: cols::headers(cols::DUPLICATES, lang),
            kinds: cols::kinds(cols::DUPLICATES),
            len: self.matched.duplicates.len(),
            row: Box::new(move |i| {
                let d = &self.matched.duplicates[i];
                let c = &self.matched.customers[d.customer];
                let r = &self.records[d.record.0 as usize];
                let kept = &self.records[c.members[0].0 as usize];
                vec![
                    c.id.clone(),
                    zh::origin(&r.origin, lang),
                    r.clean.value(Field::Name).to_string(),
                    zh::origin(&kept.origin, lang),
                    format!("{:.2}", d.score),
                    zh::text(&self.masked(&d.evidence), lang),
                ]
            }),
        }
    }

    fn changes_sheet(&self, lang: Lang) -> SheetView<'_> {
        let index: Vec<(usize, usize)> = self
            .records
            .iter()
            .enumerate()
            .flat_map(|(r, rec)| (0..rec.changes.len()).map(move |c| (r, c)))
            .collect();
        SheetView {
            name: Sheet::Changes.name(lang).into(),
            headers: cols::headers(cols::CHANGES, lang),
            kinds: cols::kinds(cols::CHANGES),
            len: index.len(),
            row: Box::new(move |i| {
                let (r, c) = index[i];
                let rec = &self.records[r];
                let ch = &rec.changes[c];
                vec![
                    zh::origin(&rec.origin, lang),
                    self.customer_of(rec.id),
                    Vocab::Field.say(ch.field.key(), lang),
                    self.masked(&ch.raw),
                    zh::text(&self.masked(&ch.clean), lang),
                    Vocab::Rule.say(ch.rule, lang),
                ]
            }),
        }
    }

    fn lineage_sheet(&self, lang: Lang) -> SheetView<'_> {
        let mut rows: Vec<LineageRow> = self.records.iter().map(LineageRow::Record).collect();
        rows.extend(self.rejected.iter().map(LineageRow::Rejected));
        rows.sort_by(|a, b| a.origin().cmp(b.origin()));
        SheetView {
            name: Sheet::Lineage.name(lang).into(),
            headers: cols::headers(cols::LINEAGE, lang),
            kinds: cols::kinds(cols::LINEAGE),
            len: rows.len(),
            row: Box::new(move |i| {
                let row = &rows[i];
                let o = row.origin();
                let (customer, outcome, detail) = match row {
                    LineageRow::Record(r) if !self.is_representative(r.id) => {
                        (self.customer_of(r.id), "merged", String::new())
                    }
                    LineageRow::Record(r) => (self.customer_of(r.id), "kept", String::new()),
                    LineageRow::Rejected(x) => (String::new(), "rejected", zh::text(&x.why, lang)),
                };
                vec![
                    o.file.to_string(),
                    o.sheet.to_string(),
                    o.row.to_string(),
                    customer,
                    Vocab::RowOutcome.say(outcome, lang),
                    detail,
                ]
            }),
        }
    }

    /// Text with ID-shaped numbers masked, under `--mask`.
    fn masked(&self, text: &str) -> String {
        if self.mask {
            crate::text::mask::mask_ids(text)
        } else {
            text.to_string()
        }
    }

    /// Whether a record is the row its customer keeps (the others are merged into it).
    fn is_representative(&self, id: crate::record::RecordId) -> bool {
        self.matched
            .customer_of(id)
            .is_none_or(|i| self.matched.customers[i].members.first() == Some(&id))
    }

    /// The customer id of a record.
    fn customer_of(&self, id: crate::record::RecordId) -> String {
        self.matched
            .customer_of(id)
            .map(|i| self.matched.customers[i].id.clone())
            .unwrap_or_default()
    }
}

enum LineageRow<'a> {
    Record(&'a Record),
    Rejected(&'a Rejected),
}

impl LineageRow<'_> {
    fn origin(&self) -> &crate::record::Origin {
        match self {
            LineageRow::Record(r) => &r.origin,
            LineageRow::Rejected(x) => &x.origin,
        }
    }
}

fn display(p: &crate::record::PhoneNumber) -> String {
    match &p.extension {
        Some(x) => format!("{} 转 {x}", p.national),
        None => p.national.to_string(),
    }
}

/// A native chart of the Summary sheet: labels in column A, values in column B of the
/// data rows `rows` (0-based, below the header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartSpec {
    pub kind: ChartKind,
    pub title: String,
    pub rows: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Valid against invalid.
    Split,
    /// The reasons of the invalid side.
    InvalidBars,
    /// The outcomes of the valid side.
    ValidBars,
}

/// The Summary sheet: rows of `figure, count, share, valid, invalid, invalid_share`, and
/// the charts drawn from them.
pub struct SummaryView {
    pub rows: Vec<Vec<String>>,
    pub charts: Vec<ChartSpec>,
}

/// The Summary sheet's rows, without the charts.
pub fn summary_rows(r: &Report, lang: Lang) -> Vec<Vec<String>> {
    summary(r, lang).rows
}

/// The report's figures as the Summary sheet shows them: the totals, the valid/invalid
/// split, each side by reason with shares, field issues, call results, and the
/// breakdowns per salesperson and per source file.
pub fn summary(r: &Report, lang: Lang) -> SummaryView {
    let mut s = SummaryBuilder {
        rows: Vec::new(),
        charts: Vec::new(),
        lang,
    };
    s.figure(INPUT_ROWS, r.records_in, None);
    s.figure(ROWS_REJECTED, r.rows_rejected, None);
    s.figure(DUPLICATES, r.duplicates_merged, None);
    s.figure(CUSTOMERS, r.customers, None);
    let split = s.rows.len();
    s.figure(VALID, r.valid, Some(r.customers));
    s.figure(INVALID, r.invalid, Some(r.customers));
    s.chart(ChartKind::Split, say(lang, SPLIT), split);
    s.figure(
        BY_CALL,
        r.verified_by.get(VerifiedBy::Call.key()).copied().unwrap_or(0),
        Some(r.customers),
    );
    s.figure(
        BY_DATA,
        r.verified_by.get(VerifiedBy::Data.key()).copied().unwrap_or(0),
        Some(r.customers),
    );
    s.blank();
    s.figure(BY_REASON, r.invalid, None);
    let start = s.rows.len();
    for (reason, n) in r.reason_counts() {
        s.row(reason_name(reason, lang).to_string(), n, Some(r.invalid));
    }
    s.chart(ChartKind::InvalidBars, say(lang, BY_REASON), start);
    s.blank();
    s.figure(BY_OUTCOME, r.valid, None);
    let start = s.rows.len();
    for (label, en, n) in r.outcome_counts() {
        s.row(outcome_name(label, en, lang).to_string(), n, Some(r.valid));
    }
    if r.valid_without_outcome() > 0 {
        s.figure(NO_OUTCOME, r.valid_without_outcome(), Some(r.valid));
    }
    s.chart(ChartKind::ValidBars, say(lang, BY_OUTCOME), start);
    s.blank();
    s.rows.push(vec![say(lang, FIELD_ISSUES).to_string()]);
    for (field, n) in &r.field_issues {
        s.row(field_name(field, lang), *n, None);
    }
    s.blank();
    let c = &r.call_results;
    s.figure(CALL_RESULTS, c.results, None);
    s.figure(APPLIED, c.applied, Some(c.results));
    s.figure(UNMATCHED, c.unmatched.len(), None);
    s.figure(UNRECOGNIZED, c.unrecognized.len(), None);
    s.figure(WITHOUT_OUTCOME, c.without_outcome, None);
    for (title, groups) in [(BY_SALESPERSON, &r.by_salesperson), (BY_FILE, &r.by_file)] {
        s.blank();
        s.rows.push(vec![say(lang, title).to_string()]);
        for g in groups {
            s.group(g, r.customers);
        }
    }
    s.blank();
    s.rows.push(vec![say(lang, RUN_ID).to_string(), r.run_id.clone()]);
    SummaryView {
        rows: s.rows,
        charts: s.charts,
    }
}

/// Appends the Summary sheet's rows, each `figure, count, share, valid, invalid,
/// invalid_share`.
struct SummaryBuilder {
    rows: Vec<Vec<String>>,
    charts: Vec<ChartSpec>,
    lang: Lang,
}

impl SummaryBuilder {
    fn figure(&mut self, label: Label, n: usize, whole: Option<usize>) {
        self.row(say(self.lang, label).to_string(), n, whole);
    }

    fn row(&mut self, label: String, n: usize, whole: Option<usize>) {
        let share = whole.map(|w| percent(share(n, w))).unwrap_or_default();
        self.rows.push(vec![label, n.to_string(), share]);
    }

    fn group(&mut self, g: &GroupReport, total: usize) {
        self.rows.push(vec![
            group_name(&g.name, self.lang),
            g.customers.to_string(),
            percent(share(g.customers, total)),
            g.valid.to_string(),
            g.invalid.to_string(),
            percent(g.invalid_share()),
        ]);
    }

    fn blank(&mut self) {
        self.rows.push(Vec::new());
    }

    /// A chart of the rows from `start` to the last one, when there is something to plot.
    fn chart(&mut self, kind: ChartKind, title: &str, start: usize) {
        if self.rows.len() > start {
            self.charts.push(ChartSpec {
                kind,
                title: title.to_string(),
                rows: start..self.rows.len(),
            });
        }
    }
}

/// A drop-down list on one column of one sheet, or of every sheet (the call sheet's
/// outcome column, the Review sheet's decision). A short fixed list is written into
/// the validation itself (Excel allows 255 characters); a vocabulary lives on a hidden `Lists` sheet, so it has no length
/// limit. Other values are still accepted, since the readers understand many spellings.
pub struct Choices {
    /// The sheet it is on; `None` for every sheet.
    pub sheet: Option<String>,
    /// The values are few and fixed (same / different): written into the validation
    /// itself rather than on the hidden sheet.
    pub inline: bool,
    pub column: usize,
    pub values: Vec<String>,
    pub title: String,
    pub message: String,
}

/// The Review sheet's decision drop-down: same or different, in the run's language.
pub fn review_choices(lang: Lang) -> Choices {
    let zh = lang == Lang::Zh;
    let (title, message) = if zh {
        (
            "同一客户？",
            "两行是同一客户选“同一客户”，不是选“不同客户”；下次用 --previous 时生效，不再询问。",
        )
    } else {
        (
            "Same customer?",
            "Pick same or different; the next clean --previous applies it and never asks again.",
        )
    };
    Choices {
        sheet: Some(Sheet::Review.name(lang).to_string()),
        inline: true,
        column: cols::REVIEW_DECISION,
        values: vec![
            Vocab::Decision.say(Choice::Same.key(), lang),
            Vocab::Decision.say(Choice::Different.key(), lang),
        ],
        title: title.to_string(),
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report of 10 customers, 6 valid (4 described by an outcome) and 4 invalid.
    fn report() -> Report {
        Report {
            run_id: "run-1".into(),
            records_in: 12,
            rows_rejected: 1,
            rows_empty: 0,
            customers: 10,
            duplicates_merged: 2,
            review_pairs: 0,
            valid: 6,
            invalid: 4,
            reasons: [("busy".to_string(), 1), ("no_answer".to_string(), 3)].into(),
            outcomes: [("旧标签".to_string(), 1), ("联动商机提供".to_string(), 3)].into(),
            field_issues: [("mobile".to_string(), 2)].into(),
            field_issue_details: Vec::new(),
            changes: 0,
            files: Vec::new(),
            skipped_files: Vec::new(),
            notes: Vec::new(),
            verified_by: [("call".to_string(), 7), ("data".to_string(), 3)].into(),
            rejected_reasons: BTreeMap::new(),
            by_salesperson: vec![GroupReport {
                name: String::new(),
                customers: 4,
                valid: 3,
                invalid: 1,
                reasons: BTreeMap::new(),
            }],
            by_file: Vec::new(),
            call_results: CallReport::default(),
            since_last_time: None,
            model: Default::default(),
            decisions: DecisionReport::default(),
            outcome_names: vec![
                ("联动商机提供".into(), "opportunity shared".into()),
                ("在伙伴服务期限内".into(), "under a partner's service".into()),
            ],
        }
    }

    #[test]
    fn a_share_of_nothing_is_zero() {
        assert_eq!(share(1, 4), 0.25);
        assert_eq!(share(3, 0), 0.0);
        let g = &report().by_salesperson[0];
        assert_eq!(g.invalid_share(), 0.25);
    }

    #[test]
    fn outcomes_come_in_the_vocabulary_order_then_retired_labels() {
        let r = report();
        assert_eq!(
            r.outcome_counts(),
            [("联动商机提供", "opportunity shared", 3), ("旧标签", "旧标签", 1)]
        );
        assert_eq!(r.valid_without_outcome(), 2);
    }

    #[test]
    fn reasons_come_in_the_contracts_order() {
        assert_eq!(report().reason_counts(), [(Reason::NoAnswer, 3), (Reason::Busy, 1)]);
    }

    #[test]
    fn the_summary_rows_carry_counts_and_shares() {
        let view = summary(&report(), Lang::En);
        let row = |label: Label| {
            view.rows
                .iter()
                .find(|r| r.first().map(String::as_str) == Some(say(Lang::En, label)))
                .cloned()
                .unwrap_or_else(|| panic!("no row {label:?}"))
        };
        assert_eq!(row(VALID), ["valid information", "6", "60.0%"]);
        assert_eq!(row(BY_CALL), ["decided by a call", "7", "70.0%"]);
        assert_eq!(row(BY_DATA), ["decided by the list's data", "3", "30.0%"]);
        assert_eq!(row(NO_OUTCOME), ["valid by the data, not called", "2", "33.3%"]);
        assert_eq!(
            row(NO_SALESPERSON),
            ["(no salesperson)", "4", "40.0%", "3", "1", "25.0%"]
        );
        assert_eq!(view.rows.last().unwrap(), &["run id", "run-1"]);
    }

    #[test]
    fn each_chart_covers_the_rows_it_plots() {
        let view = summary(&report(), Lang::Zh);
        let kinds: Vec<ChartKind> = view.charts.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [ChartKind::Split, ChartKind::InvalidBars, ChartKind::ValidBars]);
        let labels =
            |c: &ChartSpec| -> Vec<String> { view.rows[c.rows.clone()].iter().map(|r| r[0].clone()).collect() };
        assert_eq!(labels(&view.charts[0]), ["有效信息", "无效信息"]);
        assert_eq!(labels(&view.charts[1]).len(), 2);
        assert_eq!(view.charts[2].title, "有效信息（按通话结果）");
        assert_eq!(labels(&view.charts[2]).len(), 3, "two outcomes and the not-called row");
    }

    #[test]
    fn a_chart_with_nothing_to_plot_is_left_out() {
        let mut r = report();
        r.reasons.clear();
        let view = summary(&r, Lang::En);
        assert!(view.charts.iter().all(|c| c.kind != ChartKind::InvalidBars));
    }

    #[test]
    fn the_review_drop_down_speaks_the_runs_language() {
        let en = review_choices(Lang::En);
        assert_eq!(en.values, ["same", "different"]);
        assert_eq!(en.sheet.as_deref(), Some(Sheet::Review.name(Lang::En)));
        let zh = review_choices(Lang::Zh);
        assert_eq!(zh.values.len(), 2);
        assert_ne!(zh.values, en.values);
        assert_eq!(zh.column, cols::REVIEW_DECISION);
    }
}
