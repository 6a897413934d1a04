//! Every sheet rollcall writes and every fixed column of each, in order: the master's
//! sheets (and their CSV copies), the call sheet and the roster. A sheet's columns are a
//! table of [`Column`]s; the Customers columns after the lead ones are the fields of
//! `record`, so a new field is a new column without a change here.

use super::{clean_header, Kind, Lang, Vocab};
use crate::record::Field;

/// A sheet rollcall writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Summary,
    Customers,
    Invalid,
    Review,
    Duplicates,
    Changes,
    Lineage,
    Decisions,
    /// The hidden matching model.
    Model,
    /// The call sheet (ungrouped).
    Calls,
    /// The roster (ungrouped).
    Roster,
}

/// (sheet, English name, Chinese name, other names read back).
const SHEETS: &[(Sheet, &str, &str, &[&str])] = &[
    (Sheet::Summary, "Summary", "汇总", &[]),
    (Sheet::Customers, "Customers", "客户", &[]),
    (Sheet::Invalid, "Invalid", "无效", &[]),
    (Sheet::Review, "Review", "待核对", &["复核"]),
    (Sheet::Duplicates, "Duplicates", "重复", &[]),
    (Sheet::Changes, "Changes", "变更", &[]),
    (Sheet::Lineage, "Lineage", "来源", &[]),
    (Sheet::Decisions, "Decisions", "人工决定", &[]),
    (Sheet::Model, "Model", "模型", &[]),
    (Sheet::Calls, "Calls", "通话表", &[]),
    (Sheet::Roster, "Roster", "客户一览表", &[]),
];

impl Sheet {
    fn entry(self) -> &'static (Sheet, &'static str, &'static str, &'static [&'static str]) {
        SHEETS.iter().find(|e| e.0 == self).expect("every sheet is in SHEETS")
    }

    /// The sheet's name in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let e = self.entry();
        lang.pick(e.1, e.2)
    }

    /// The English name, which also names its CSV copy (`customers.csv`).
    pub fn key(self) -> &'static str {
        self.entry().1
    }

    /// The sheet a workbook's sheet name names, in either language.
    pub fn of_name(name: &str) -> Option<Sheet> {
        SHEETS.iter().map(|e| e.0).find(|s| s.is_named(name))
    }

    /// The name of the sheet's CSV copy: `customers.csv` in either language, so scripts
    /// find the file whatever `--lang` wrote.
    pub fn csv_name(name: &str) -> String {
        let stem = Sheet::of_name(name).map_or_else(|| name.to_lowercase(), |s| s.key().to_lowercase());
        format!("{stem}.csv")
    }

    /// True when a workbook's sheet name is this sheet's or one of its continuations by
    /// rows (`Lineage (2)`, `来源 (3)`: a sheet longer than a worksheet's rows goes on).
    pub fn is_part_named(self, name: &str) -> bool {
        part_of(name.trim()).is_some_and(|(first, _, columns)| columns == 0 && self.is_named(first))
    }

    /// True when a workbook's sheet name is this sheet's, in either language.
    pub fn is_named(self, name: &str) -> bool {
        let e = self.entry();
        let name = name.trim();
        name.eq_ignore_ascii_case(e.1) || name == e.2 || e.3.contains(&name)
    }
}

/// The name of a part of a sheet longer or wider than a worksheet, the row and column
/// blocks counted from 0: `Name`, `Name (2)` for the second block of rows,
/// `Name (columns 2)` for the second block of columns, `Name (2, columns 2)` for both.
pub fn part_name(name: &str, rows: usize, columns: usize) -> String {
    match (rows, columns) {
        (0, 0) => name.to_string(),
        (r, 0) => format!("{name} ({})", r + 1),
        (0, c) => format!("{name} (columns {})", c + 1),
        (r, c) => format!("{name} ({}, columns {})", r + 1, c + 1),
    }
}

/// What [`part_name`] made a name of: (the sheet's name, row block, column block); a
/// name without a part's suffix is block (0, 0) of itself.
pub fn part_of(name: &str) -> Option<(&str, usize, usize)> {
    let number = |t: &str| t.parse::<usize>().ok().filter(|n| *n >= 2).map(|n| n - 1);
    let Some((first, inner)) = name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")) else {
        return Some((name, 0, 0));
    };
    if let Some(c) = inner.strip_prefix("columns ") {
        return Some((first, 0, number(c)?));
    }
    match inner.split_once(", columns ") {
        Some((r, c)) => Some((first, number(r)?, number(c)?)),
        None => Some((first, number(inner)?, 0)),
    }
}

/// One column: its stable key, headers, kind and, for a closed set of values, their
/// vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    pub kind: Kind,
    pub vocab: Option<Vocab>,
}

impl Column {
    /// The header in `lang`.
    pub fn header(&self, lang: Lang) -> &'static str {
        lang.pick(self.en, self.zh)
    }

    /// True when a header cell names this column, in either language.
    pub fn is_header(&self, header: &str) -> bool {
        let h = clean_header(header);
        h == self.key || h == self.en || h == self.zh
    }

    /// A value as the column writes it in `lang`.
    pub fn say(&self, key: &str, lang: Lang) -> String {
        match self.vocab {
            Some(v) => v.say(key, lang),
            None => key.to_string(),
        }
    }
}

/// A master column: its English header is its key.
const fn m(key: &'static str, zh: &'static str, kind: Kind) -> Column {
    Column {
        key,
        en: key,
        zh,
        kind,
        vocab: None,
    }
}

/// A master column with a vocabulary.
const fn v(key: &'static str, zh: &'static str, vocab: Vocab) -> Column {
    Column {
        key,
        en: key,
        zh,
        kind: Kind::General,
        vocab: Some(vocab),
    }
}

/// A column whose English header differs from its key.
const fn c(key: &'static str, en: &'static str, zh: &'static str, kind: Kind) -> Column {
    Column {
        key,
        en,
        zh,
        kind,
        vocab: None,
    }
}

use Kind::{General as G, Number as N, Phone as P, Text as T};

/// The Customers sheet's lead columns, before the other fields.
pub const CUSTOMER_LEAD: &[Column] = &[
    m("customer_id", "客户编号", T),
    v("status", "状态", Vocab::Status),
    v("reason", "无效原因", Vocab::Reason),
    v("verified_by", "核实方式", Vocab::VerifiedBy),
    m("outcome", "通话结果", G),
    m("name", "姓名", G),
    m("title", "称谓", G),
    m("company", "工作单位", G),
    m("phone", "电话", P),
    v("phone_type", "电话类型", Vocab::PhoneType),
    m("phones", "全部电话", P),
    m("phone_display", "电话(显示)", P),
    m("fax", "传真", P),
    m("email", "电子邮箱", G),
    m("address", "通讯地址", G),
    m("postcode", "邮政编码", T),
    m("salesperson", "签单人员", G),
    m("source_count", "来源行数", N),
    m("bad_numbers", "无法拨打的号码", P),
];

/// Fields shown in [`CUSTOMER_LEAD`] or folded into its columns, so not repeated after it.
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
    Field::StreetNumber,
    Field::Postcode,
    Field::Salesperson,
    Field::Outcome,
    Field::CallDate,
    Field::Caller,
];

/// The fields the Customers sheet shows after its lead columns, in order.
pub fn other_fields() -> impl Iterator<Item = Field> {
    Field::ALL.iter().copied().filter(|f| !IN_LEAD.contains(f))
}

fn field_column(f: Field) -> Column {
    let kind = match f {
        Field::IdNumber | Field::SourceCustomerId | Field::RecordNo | Field::Qq => T,
        Field::FillDate | Field::BirthDate => Kind::Date,
        _ => G,
    };
    m(f.key(), f.zh(), kind)
}

/// The Customers sheet's fixed columns, in order; unmapped input columns follow them.
pub fn customer_columns() -> Vec<Column> {
    CUSTOMER_LEAD
        .iter()
        .copied()
        .chain(other_fields().map(field_column))
        .collect()
}

/// The Customers columns the Invalid sheet leaves out of its copy of each customer: it
/// leads with its own `customer_id` and `reason`, and every row's `status` is invalid.
pub const INVALID_SKIPS: usize = 3;

/// The Invalid sheet's own columns, before the Customers columns from `verified_by` on.
pub const INVALID_LEAD: &[Column] = &[
    m("customer_id", "客户编号", T),
    v("reason", "无效原因", Vocab::Reason),
    m("reason_detail", "原因说明", G),
    m("evidence", "依据", T),
];

/// The Invalid sheet's fixed columns.
pub fn invalid_columns() -> Vec<Column> {
    INVALID_LEAD
        .iter()
        .copied()
        .chain(customer_columns().into_iter().skip(INVALID_SKIPS))
        .collect()
}

pub const CUSTOMER_A: Column = m("customer_id_a", "客户编号A", T);
pub const SOURCE_A: Column = m("source_a", "来源A", G);
pub const NAME_A: Column = m("name_a", "姓名A", G);
pub const CUSTOMER_B: Column = m("customer_id_b", "客户编号B", T);
pub const SOURCE_B: Column = m("source_b", "来源B", G);
pub const NAME_B: Column = m("name_b", "姓名B", G);
/// The column a person fills: same or different.
pub const DECISION: Column = v("decision", "决定", Vocab::Decision);
/// Where a carried decision was first read.
pub const DECIDED_IN: Column = m("decided_in", "决定来源", G);

/// The Review sheet: one uncertain pair per row.
pub const REVIEW: &[Column] = &[
    CUSTOMER_A,
    SOURCE_A,
    NAME_A,
    CUSTOMER_B,
    SOURCE_B,
    NAME_B,
    m("score", "得分", N),
    DECISION,
    m("evidence", "依据", G),
];

/// Index of [`DECISION`] on the Review sheet (its drop-down).
pub const REVIEW_DECISION: usize = 7;

/// The Decisions sheet: every pair a person decided, carried from run to run.
pub const DECISIONS: &[Column] = &[DECISION, CUSTOMER_A, NAME_A, CUSTOMER_B, NAME_B, DECIDED_IN];

/// The Duplicates sheet: one merged input row per row.
pub const DUPLICATES: &[Column] = &[
    m("customer_id", "客户编号", T),
    m("source", "来源", G),
    m("name", "姓名", G),
    m("kept_source", "保留行来源", G),
    m("score", "得分", N),
    m("evidence", "依据", G),
];

/// The Changes sheet: one value changed by cleaning per row.
pub const CHANGES: &[Column] = &[
    m("source", "来源", G),
    m("customer_id", "客户编号", T),
    v("field", "字段", Vocab::Field),
    m("raw_value", "原始值", T),
    m("clean_value", "清洗后", T),
    v("rule", "规则", Vocab::Rule),
];

/// The Lineage sheet: one input row per row.
pub const LINEAGE: &[Column] = &[
    m("source_file", "来源文件", G),
    m("source_sheet", "工作表", G),
    m("source_row", "行号", N),
    m("customer_id", "客户编号", T),
    v("outcome", "处理结果", Vocab::RowOutcome),
    m("detail", "说明", G),
];

/// The hidden Model sheet: the learned matching model, level by level. Its `field` and
/// `level` cells are the matching rules' keys, read back by the next run.
pub const MODEL: [Column; 5] = [
    m("field", "字段", G),
    m("level", "级别", G),
    m("m", "m", N),
    m("u", "u", N),
    m("weight", "权重", N),
];

/// The Summary sheet's columns.
pub const SUMMARY: &[Column] = &[
    m("figure", "项目", G),
    m("count", "数量", N),
    m("share", "占比", Kind::Share),
    m("valid", "有效", N),
    m("invalid", "无效", N),
    m("invalid_share", "无效占比", Kind::Share),
];

/// The call sheet: master keys, `dial`/`others` (the best number and the rest), and the
/// columns the call team fills in, which `clean --outcomes` maps by their headers.
pub const CALLS: &[Column] = &[
    m("customer_id", "客户编号", T),
    m("name", "姓名", G),
    m("company", "工作单位", G),
    c("dial", "phone", "电话", P),
    c("others", "other_numbers", "其他号码", P),
    m("salesperson", "签单人员", G),
    Column {
        vocab: Some(Vocab::Status),
        ..c("status", "status_before", "核实前状态", G)
    },
    Column {
        vocab: Some(Vocab::Reason),
        ..c("reason", "reason_before", "核实前原因", G)
    },
    m("outcome", "通话结果", G),
    m("call_date", "通话日期", Kind::Date),
    m("caller", "呼叫人", G),
    m("note", "备注", G),
];

/// The call team's columns of the call sheet, blank when written.
pub const CALLS_FILLED: &[&str] = &["outcome", "call_date", "caller", "note"];

/// Index of the outcome column of the call sheet (its drop-down).
pub const CALLS_OUTCOME: usize = 8;

/// The roster's columns; `status` and `reason` only with `--all`.
pub const ROSTER: &[Column] = &[
    m("customer_id", "客户编号", T),
    m("name", "姓名", G),
    m("title", "称谓", G),
    m("company", "工作单位", G),
    c("phone_display", "phone", "电话", P),
    m("email", "电子邮箱", G),
    m("address", "通讯地址", G),
    m("postcode", "邮政编码", T),
    m("salesperson", "签单人员", G),
    m("region", "区域", G),
    m("category", "客户类别", G),
    v("status", "状态", Vocab::Status),
    v("reason", "无效原因", Vocab::Reason),
];

/// The headers of `columns` in `lang`.
pub fn headers(columns: &[Column], lang: Lang) -> Vec<String> {
    columns.iter().map(|c| c.header(lang).to_string()).collect()
}

/// The kinds of `columns`.
pub fn kinds(columns: &[Column]) -> Vec<Kind> {
    columns.iter().map(|c| c.kind).collect()
}

/// The Customers column a header names (English key or Chinese header).
pub fn customer_column(header: &str) -> Option<Column> {
    customer_columns().into_iter().find(|c| c.is_header(header))
}

/// Where a column sits in a header row, by either language's header.
pub fn position(header: &[String], column: &Column) -> Option<usize> {
    header.iter().position(|h| column.is_header(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_read_in_either_language() {
        assert_eq!(Sheet::Customers.name(Lang::Zh), "客户");
        assert!(Sheet::Customers.is_named("客户"));
        assert!(Sheet::Customers.is_named("Customers"));
        assert!(Sheet::Lineage.is_part_named("来源 (2)"));
        assert!(Sheet::Lineage.is_part_named("Lineage"));
        assert!(!Sheet::Lineage.is_part_named("Lineage (columns 2)"));
        assert!(!Sheet::Lineage.is_part_named("Changes (2)"));
        assert!(!Sheet::Lineage.is_part_named("Lineage (1)"));
        for (r, c) in [(0, 0), (1, 0), (0, 1), (11, 1)] {
            assert_eq!(part_of(&part_name("客户", r, c)), Some(("客户", r, c)));
        }
        assert_eq!(part_of("客户"), Some(("客户", 0, 0)));
        assert_eq!(part_of("客户 (2)"), Some(("客户", 1, 0)));
        assert_eq!(part_of("Customers (columns 3)"), Some(("Customers", 0, 2)));
        assert_eq!(part_of("Customers (12, columns 2)"), Some(("Customers", 11, 1)));
        assert_eq!(part_of("Customers (1)"), None);
        assert_eq!(part_of("Customers (x)"), None);
        assert_eq!(
            part_of("Customers2"),
            Some(("Customers2", 0, 0)),
            "not a part of Customers"
        );
        assert_eq!(
            part_of("Invalid (2)"),
            Some(("Invalid", 1, 0)),
            "a part of Invalid, not of Customers"
        );
        assert!(Sheet::Review.is_named("复核"));
        assert!(!Sheet::Review.is_named("客户"));
        assert_eq!(Sheet::csv_name("客户"), "customers.csv");
        assert_eq!(Sheet::csv_name("Lineage"), "lineage.csv");
    }

    #[test]
    fn no_sheet_has_two_columns_with_one_header() {
        let tables: Vec<Vec<Column>> = vec![
            customer_columns(),
            invalid_columns(),
            REVIEW.to_vec(),
            DECISIONS.to_vec(),
            DUPLICATES.to_vec(),
            CHANGES.to_vec(),
            LINEAGE.to_vec(),
            MODEL.to_vec(),
            SUMMARY.to_vec(),
            CALLS.to_vec(),
            ROSTER.to_vec(),
        ];
        for t in tables {
            for lang in [Lang::En, Lang::Zh] {
                let mut h = headers(&t, lang);
                let n = h.len();
                h.sort();
                h.dedup();
                assert_eq!(h.len(), n, "{t:?}");
            }
        }
    }

    #[test]
    fn the_call_sheet_indexes_name_their_columns() {
        assert_eq!(CALLS[CALLS_OUTCOME].key, "outcome");
        assert_eq!(REVIEW[REVIEW_DECISION].key, "decision");
    }
}
