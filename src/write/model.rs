//! The one view model every writer renders: the report's figures and the master's
//! sheets, each a header and a row function. Writers format; they compute nothing new.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::classify::{Status, Verdict};
use crate::matching::{Customer, Matched};
use crate::read::text::delimiter_name;
use crate::read::FileRead;
use crate::record::{Field, Reason, Record, Rejected};

/// Output language of headers and the HTML report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

/// `report.json`: the figures of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
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
    pub changes: usize,
    pub files: Vec<FileReport>,
    pub skipped_files: Vec<SkippedFile>,
    pub notes: Vec<String>,
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
    pub notes: Vec<String>,
}

impl Run {
    /// The figures of `report.json`.
    pub fn report(&self) -> Report {
        let valid = self.verdicts.iter().filter(|v| v.status == Status::Valid).count();
        let mut reasons = BTreeMap::new();
        for v in &self.verdicts {
            if let Some(r) = v.reason {
                *reasons.entry(r.code().to_string()).or_insert(0) += 1;
            }
        }
        let mut outcomes = BTreeMap::new();
        for v in &self.verdicts {
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
            changes: self.records.iter().map(|r| r.changes.len()).sum(),
            files: self.files.iter().map(file_report).collect(),
            skipped_files: self.skipped.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// The reading details and row counts of one file.
pub fn file_report(f: &FileRead) -> FileReport {
    FileReport {
        file: f.label.to_string(),
        format: f.format.name().to_string(),
        encoding: f.encoding.clone(),
        delimiter: f.delimiter.map(|d| delimiter_name(d).to_string()),
        rows: f.data_rows(),
        records: f.records(),
        rejected: f.rejected(),
        empty_rows: f.empty_rows(),
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
                        column: crate::read::sheet::column_letter(i),
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

/// How a column's cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text Excel must never turn into a number (phones, ID numbers, postcodes).
    Text,
    General,
    Number,
}

/// One sheet of the master: headers and a function giving row `i`.
pub struct SheetView<'a> {
    pub name: String,
    pub headers: Vec<String>,
    pub kinds: Vec<Kind>,
    pub len: usize,
    pub row: Box<dyn Fn(usize) -> Vec<String> + Sync + 'a>,
}

/// Columns of the Customers sheet before the other fields, with their Chinese headers.
const LEAD: &[(&str, &str, Kind)] = &[
    ("customer_id", "客户编号", Kind::Text),
    ("status", "状态", Kind::General),
    ("reason", "无效原因", Kind::General),
    ("verified_by", "核实方式", Kind::General),
    ("outcome", "通话结果", Kind::General),
    ("name", "姓名", Kind::General),
    ("title", "称谓", Kind::General),
    ("company", "工作单位", Kind::General),
    ("phone", "电话", Kind::Text),
    ("phone_type", "电话类型", Kind::General),
    ("phones", "全部电话", Kind::Text),
    ("phone_display", "电话(显示)", Kind::Text),
    ("fax", "传真", Kind::Text),
    ("email", "电子邮箱", Kind::General),
    ("address", "通讯地址", Kind::General),
    ("postcode", "邮政编码", Kind::Text),
    ("salesperson", "签单人员", Kind::General),
    ("source_count", "来源行数", Kind::Number),
];

/// Fields shown in [`LEAD`] or folded into its columns, so not repeated after it.
const IN_LEAD: &[Field] = &[
    Field::Name,
    Field::FamilyName,
    Field::GivenName,
    Field::Company,
    Field::Mobile,
    Field::Landline,
    Field::Phone,
    Field::Fax,
    Field::Email,
    Field::Address,
    Field::Postcode,
    Field::Salesperson,
    Field::Outcome,
    Field::CallDate,
    Field::Caller,
];

/// The Customers sheet's fixed columns, (key, Chinese header), in order; unmapped input
/// columns follow them. Reading a master back goes by these.
pub fn customer_columns() -> Vec<(&'static str, &'static str)> {
    let lead = LEAD.iter().map(|(k, z, _)| (*k, *z));
    lead.chain(other_fields().map(|f| (f.key(), f.zh()))).collect()
}

fn other_fields() -> impl Iterator<Item = Field> {
    Field::ALL.iter().copied().filter(|f| !IN_LEAD.contains(f))
}

fn field_kind(f: Field) -> Kind {
    match f {
        Field::IdNumber | Field::SourceCustomerId | Field::RecordNo | Field::Qq => Kind::Text,
        _ => Kind::General,
    }
}

fn header(key: &str, zh: &str, lang: Lang) -> String {
    match lang {
        Lang::En => key.to_string(),
        Lang::Zh => zh.to_string(),
    }
}

impl Run {
    /// Unmapped headers of every input, in first-seen order.
    fn extra_headers(&self) -> Vec<Arc<str>> {
        let mut seen: Vec<Arc<str>> = Vec::new();
        for f in &self.files {
            for s in &f.sheets {
                for c in &s.layout.columns {
                    if c.mapping.is_none() && !c.header.is_empty() && !seen.contains(&c.header) {
                        seen.push(c.header.clone());
                    }
                }
            }
        }
        for r in &self.records {
            for (h, _) in &r.extras {
                if !seen.contains(h) {
                    seen.push(h.clone());
                }
            }
        }
        seen
    }

    fn customer_headers(&self, lang: Lang, extras: &[Arc<str>]) -> (Vec<String>, Vec<Kind>) {
        let mut headers: Vec<String> = LEAD.iter().map(|(k, z, _)| header(k, z, lang)).collect();
        let mut kinds: Vec<Kind> = LEAD.iter().map(|(_, _, k)| *k).collect();
        for f in other_fields() {
            headers.push(header(f.key(), f.zh(), lang));
            kinds.push(field_kind(f));
        }
        for e in extras {
            headers.push(e.to_string());
            kinds.push(Kind::General);
        }
        (headers, kinds)
    }

    fn customer_cells(&self, i: usize, extras: &[Arc<str>]) -> Vec<String> {
        let c: &Customer = &self.matched.customers[i];
        let v = &self.verdicts[i];
        let m = &c.merged;
        let best = m.phones.first();
        let mut row = vec![
            c.id.clone(),
            v.status.code().to_string(),
            v.reason.map_or("", Reason::code).to_string(),
            v.verified_by.to_string(),
            v.outcome.clone().unwrap_or_default(),
            m.value(Field::Name).to_string(),
            m.title.clone(),
            m.value(Field::Company).to_string(),
            best.map(|p| p.full()).unwrap_or_default(),
            best.map_or("", |p| p.kind).to_string(),
            m.phones.iter().map(|p| p.full()).collect::<Vec<_>>().join("; "),
            m.phones.iter().map(display).collect::<Vec<_>>().join("; "),
            m.faxes.iter().map(|p| p.full()).collect::<Vec<_>>().join("; "),
            m.emails.join("; "),
            m.value(Field::Address).to_string(),
            m.value(Field::Postcode).to_string(),
            m.value(Field::Salesperson).to_string(),
            c.members.len().to_string(),
        ];
        row.extend(other_fields().map(|f| m.value(f).to_string()));
        for e in extras {
            let value = m.extras.iter().find(|(h, _)| h == e).map(|(_, v)| v.clone());
            row.push(value.unwrap_or_default());
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
    }

    fn summary_sheet(&self, lang: Lang) -> SheetView<'_> {
        let rows = summary_rows(&self.report(), lang);
        SheetView {
            name: "Summary".into(),
            headers: vec![
                header("figure", "项目", lang),
                header("count", "数量", lang),
                header("share", "占比", lang),
            ],
            kinds: vec![Kind::General, Kind::Number, Kind::General],
            len: rows.len(),
            row: Box::new(move |i| rows[i].clone()),
        }
    }

    fn customers_sheet(&self, lang: Lang) -> SheetView<'_> {
        let extras = self.extra_headers();
        let (headers, kinds) = self.customer_headers(lang, &extras);
        SheetView {
            name: "Customers".into(),
            headers,
            kinds,
            len: self.matched.customers.len(),
            row: Box::new(move |i| self.customer_cells(i, &extras)),
        }
    }

    fn invalid_sheet(&self, lang: Lang) -> SheetView<'_> {
        let extras = self.extra_headers();
        let (customer_headers, customer_kinds) = self.customer_headers(lang, &extras);
        let mut headers = vec![
            header("customer_id", "客户编号", lang),
            header("reason", "无效原因", lang),
            header("reason_detail", "原因说明", lang),
            header("evidence", "依据", lang),
        ];
        headers.extend(customer_headers.into_iter().skip(1));
        let mut kinds = vec![Kind::Text, Kind::General, Kind::General, Kind::Text];
        kinds.extend(customer_kinds.into_iter().skip(1));
        let invalid: Vec<usize> = (0..self.verdicts.len())
            .filter(|i| self.verdicts[*i].status == Status::Invalid)
            .collect();
        SheetView {
            name: "Invalid".into(),
            headers,
            kinds,
            len: invalid.len(),
            row: Box::new(move |i| {
                let c = invalid[i];
                let v = &self.verdicts[c];
                let mut row = vec![
                    self.matched.customers[c].id.clone(),
                    v.reason.map_or("", Reason::code).to_string(),
                    v.detail.clone(),
                    v.evidence.clone(),
                ];
                row.extend(self.customer_cells(c, &extras).into_iter().skip(1));
                row
            }),
        }
    }

    fn review_sheet(&self, lang: Lang) -> SheetView<'_> {
        SheetView {
            name: "Review".into(),
            headers: vec![
                header("customer_id_a", "客户编号A", lang),
                header("source_a", "来源A", lang),
                header("name_a", "姓名A", lang),
                header("customer_id_b", "客户编号B", lang),
                header("source_b", "来源B", lang),
                header("name_b", "姓名B", lang),
                header("score", "得分", lang),
                header("evidence", "依据", lang),
            ],
            kinds: vec![
                Kind::Text,
                Kind::General,
                Kind::General,
                Kind::Text,
                Kind::General,
                Kind::General,
                Kind::Number,
                Kind::General,
            ],
            len: self.matched.review.len(),
            row: Box::new(move |i| {
                let p = &self.matched.review[i];
                let (a, b) = (&self.records[p.a.0 as usize], &self.records[p.b.0 as usize]);
                vec![
                    self.customer_of(p.a),
                    a.origin.to_string(),
                    a.clean.value(Field::Name).to_string(),
                    self.customer_of(p.b),
                    b.origin.to_string(),
                    b.clean.value(Field::Name).to_string(),
                    format!("{:.2}", p.score),
                    p.evidence.clone(),
                ]
            }),
        }
    }

    fn duplicates_sheet(&self, lang: Lang) -> SheetView<'_> {
        SheetView {
            name: "Duplicates".into(),
            headers: vec![
                header("customer_id", "客户编号", lang),
                header("source", "来源", lang),
                header("name", "姓名", lang),
                header("kept_source", "保留行来源", lang),
                header("score", "得分", lang),
                header("evidence", "依据", lang),
            ],
            kinds: vec![
                Kind::Text,
                Kind::General,
                Kind::General,
                Kind::General,
                Kind::Number,
                Kind::General,
            ],
            len: self.matched.duplicates.len(),
            row: Box::new(move |i| {
                let d = &self.matched.duplicates[i];
                let c = &self.matched.customers[d.customer];
                let r = &self.records[d.record.0 as usize];
                let kept = &self.records[c.members[0].0 as usize];
                vec![
                    c.id.clone(),
                    r.origin.to_string(),
                    r.clean.value(Field::Name).to_string(),
                    kept.origin.to_string(),
                    format!("{:.2}", d.score),
                    d.evidence.clone(),
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
            name: "Changes".into(),
            headers: vec![
                header("source", "来源", lang),
                header("customer_id", "客户编号", lang),
                header("field", "字段", lang),
                header("raw_value", "原始值", lang),
                header("clean_value", "清洗后", lang),
                header("rule", "规则", lang),
            ],
            kinds: vec![
                Kind::General,
                Kind::Text,
                Kind::General,
                Kind::Text,
                Kind::Text,
                Kind::General,
            ],
            len: index.len(),
            row: Box::new(move |i| {
                let (r, c) = index[i];
                let rec = &self.records[r];
                let ch = &rec.changes[c];
                vec![
                    rec.origin.to_string(),
                    self.customer_of(rec.id),
                    ch.field.key().to_string(),
                    ch.raw.clone(),
                    ch.clean.clone(),
                    ch.rule.to_string(),
                ]
            }),
        }
    }

    fn lineage_sheet(&self, lang: Lang) -> SheetView<'_> {
        let mut rows: Vec<LineageRow> = self.records.iter().map(LineageRow::Record).collect();
        rows.extend(self.rejected.iter().map(LineageRow::Rejected));
        rows.sort_by(|a, b| a.origin().cmp(b.origin()));
        let merged: std::collections::HashSet<u32> = self.matched.duplicates.iter().map(|d| d.record.0).collect();
        SheetView {
            name: "Lineage".into(),
            headers: vec![
                header("source_file", "来源文件", lang),
                header("source_sheet", "工作表", lang),
                header("source_row", "行号", lang),
                header("customer_id", "客户编号", lang),
                header("outcome", "处理结果", lang),
                header("detail", "说明", lang),
            ],
            kinds: vec![
                Kind::General,
                Kind::General,
                Kind::Number,
                Kind::Text,
                Kind::General,
                Kind::General,
            ],
            len: rows.len(),
            row: Box::new(move |i| {
                let row = &rows[i];
                let o = row.origin();
                let (customer, outcome, detail) = match row {
                    LineageRow::Record(r) if merged.contains(&r.id.0) => {
                        (self.customer_of(r.id), "merged", String::new())
                    }
                    LineageRow::Record(r) => (self.customer_of(r.id), "kept", String::new()),
                    LineageRow::Rejected(x) => (String::new(), "rejected", x.why.clone()),
                };
                vec![
                    o.file.to_string(),
                    o.sheet.to_string(),
                    o.row.to_string(),
                    customer,
                    outcome.to_string(),
                    detail,
                ]
            }),
        }
    }

    /// The customer id of a record.
    fn customer_of(&self, id: crate::record::RecordId) -> String {
        self.matched
            .customer_index
            .get(&id)
            .map(|i| self.matched.customers[*i].id.clone())
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
        None => p.national.clone(),
    }
}

fn pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        String::new()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

/// The Summary sheet's rows: the report's figures, valid/invalid with shares, reasons.
pub fn summary_rows(r: &Report, lang: Lang) -> Vec<Vec<String>> {
    let zh = lang == Lang::Zh;
    let label = |en: &str, cn: &str| if zh { cn.to_string() } else { en.to_string() };
    let mut rows = vec![
        vec![label("input rows", "输入行数"), r.records_in.to_string(), String::new()],
        vec![
            label("rows rejected", "拒收行数"),
            r.rows_rejected.to_string(),
            String::new(),
        ],
        vec![
            label("duplicates merged", "合并重复"),
            r.duplicates_merged.to_string(),
            String::new(),
        ],
        vec![
            label("customers in total", "客户总量"),
            r.customers.to_string(),
            String::new(),
        ],
        vec![
            label("valid", "有效信息"),
            r.valid.to_string(),
            pct(r.valid, r.customers),
        ],
        vec![
            label("invalid", "无效信息"),
            r.invalid.to_string(),
            pct(r.invalid, r.customers),
        ],
    ];
    for reason in Reason::ALL {
        if let Some(n) = r.reasons.get(reason.code()) {
            let name = if zh {
                reason.zh().to_string()
            } else {
                reason.code().to_string()
            };
            rows.push(vec![format!("  {name}"), n.to_string(), pct(*n, r.invalid)]);
        }
    }
    rows
}
