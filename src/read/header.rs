//! Finding the header row of a sheet, wherever it is, and turning it into a layout.
//!
//! Real lists open with title rows (`2023年客户名单`, often a merged cell spanning the
//! table), blank rows, or a notice; some have a second header row of sub-titles under a
//! merged group (`联系方式` over `手机 | 座机 | 传真`). The header is the row among the first
//! [`SEARCH_ROWS`] whose cells map to the most distinct fields; a sub-title row below it
//! is folded in where it names fields the top row does not.
//!
//! A row holding data (a phone number, an email, an ID number, a date) is never the
//! header: a list without a header is refused rather than losing its first customer to
//! the header's place.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use super::mapping::Mapper;
use crate::error::Error;
use crate::record::file_read::{Column, Layout, MatchKind};

/// How many leading rows are searched for the header.
pub const SEARCH_ROWS: usize = 30;

/// Finds the header among the leading `rows`; `None` when no row looks like one.
pub fn find_header(rows: &[Vec<String>], mapper: &Mapper) -> Option<Layout> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().take(SEARCH_ROWS).enumerate() {
        if looks_like_data(row) {
            continue;
        }
        let score = row_score(row, mapper);
        if score > best.map_or(0, |(s, _)| s) {
            best = Some((score, i));
        }
    }
    let (score, index) = best?;
    let top = &rows[index];
    if score < 2 && !lone_header(top, mapper) {
        return None;
    }
    let below = rows.get(index + 1);
    let sub = below.filter(|b| is_sub_header(top, b, mapper));
    Some(Layout {
        header_index: index,
        header_rows: if sub.is_some() { 2 } else { 1 },
        columns: one_column_per_field(columns(top, sub.map(|v| v.as_slice()), mapper)),
    })
}

/// Why a sheet has no header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoHeader {
    /// No row of the first `searched` names enough fields.
    NotFound { searched: usize },
    /// The first filled row holds data: the list has no header row at all.
    DataFirst { sample: String },
}

impl NoHeader {
    /// Why the leading `rows` (those [`find_header`] searched) hold no header.
    pub fn of(rows: &[Vec<String>]) -> NoHeader {
        let first = rows.iter().find(|r| r.iter().any(|c| !c.trim().is_empty()));
        match first.filter(|r| looks_like_data(r)) {
            Some(row) => NoHeader::DataFirst { sample: sample(row) },
            None => NoHeader::NotFound {
                searched: SEARCH_ROWS.min(rows.len()),
            },
        }
    }

    /// Why a sheet was skipped, for the report.
    pub fn why(&self) -> String {
        match self {
            NoHeader::NotFound { .. } => format!("no header row in the first {SEARCH_ROWS} rows"),
            NoHeader::DataFirst { sample } => {
                format!("the first row looks like data ({sample}): add a header row such as 姓名,手机,公司")
            }
        }
    }

    /// The error refusing the file; `sheet` is empty for CSV files.
    pub fn error(self, path: &Path, sheet: &str) -> Error {
        let sheet = if sheet.is_empty() {
            String::new()
        } else {
            format!(" [{sheet}]")
        };
        let path = path.to_path_buf();
        match self {
            NoHeader::NotFound { searched } => Error::NoHeader { path, sheet, searched },
            NoHeader::DataFirst { sample } => Error::DataNotHeader { path, sheet, sample },
        }
    }
}

/// The first two filled cells of a row, for a message.
fn sample(row: &[String]) -> String {
    let filled: Vec<&str> = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    let mut shown: Vec<&str> = filled.iter().take(2).copied().collect();
    if filled.len() > 2 {
        shown.push("...");
    }
    shown.join(", ")
}

/// A row with a cell that is a value, not a column name: a header never holds one.
pub fn looks_like_data(row: &[String]) -> bool {
    row.iter().any(|c| looks_like_value(c.trim()))
}

/// An email address, or mostly digits (a phone or ID number, a date): at least 7 digits
/// making up at least 60% of the cell.
fn looks_like_value(cell: &str) -> bool {
    let is_email = !cell.contains(char::is_whitespace)
        && cell
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.contains('@'));
    let digits = cell
        .chars()
        .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    let chars = cell.chars().filter(|c| !c.is_whitespace()).count();
    is_email || (digits >= 7 && digits * 10 >= chars * 6)
}

/// A field that holds one value (name, company, ...) takes the surest of the columns
/// that map to it, the first on a tie; the others are carried through under their own
/// header, so no value is lost. Fields of several values (phones, emails, remarks) keep
/// every column.
fn one_column_per_field(mut columns: Vec<Column>) -> Vec<Column> {
    let mut best: std::collections::BTreeMap<crate::record::Field, (MatchKind, usize)> = Default::default();
    for (i, c) in columns.iter().enumerate() {
        if let Some(m) = c.mapping.as_ref().filter(|m| !m.field.is_multi()) {
            let entry = best.entry(m.field).or_insert((m.kind, i));
            if m.kind > entry.0 {
                *entry = (m.kind, i);
            }
        }
    }
    for (i, c) in columns.iter_mut().enumerate() {
        let keep = c
            .mapping
            .as_ref()
            .is_none_or(|m| m.field.is_multi() || best.get(&m.field).map(|b| b.1) == Some(i));
        if !keep {
            c.mapping = None;
        }
    }
    columns
}

/// Distinct fields that the row's cells map to with at least `Contains` certainty.
fn row_score(row: &[String], mapper: &Mapper) -> usize {
    let fields: BTreeSet<_> = row
        .iter()
        .filter_map(|c| mapper.map(c))
        .filter(|m| m.kind >= MatchKind::Contains)
        .map(|m| m.field)
        .collect();
    fields.len()
}

/// A one-column list whose only header is an exact alias (`手机号码` over numbers).
fn lone_header(row: &[String], mapper: &Mapper) -> bool {
    let filled: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
    filled.len() == 1 && mapper.map(filled[0]).is_some_and(|m| m.kind == MatchKind::Exact)
}

/// A row under the header that names fields where the header has a group title or
/// nothing: its mapped cells sit under blank or repeated (merged) header cells.
fn is_sub_header(top: &[String], below: &[String], mapper: &Mapper) -> bool {
    let mut named = 0;
    for (i, cell) in below.iter().enumerate() {
        if cell.trim().is_empty() {
            continue;
        }
        let Some(m) = mapper.map(cell) else {
            return false;
        };
        if m.kind < MatchKind::Suffix {
            return false;
        }
        let above = top.get(i).map(|s| s.trim()).unwrap_or("");
        let grouped = above.is_empty()
            || (i > 0 && top.get(i - 1).map(|s| s.trim()) == Some(above))
            || top.get(i + 1).map(|s| s.trim()) == Some(above)
            || mapper
                .map(above)
                .is_none_or(|t| t.field != m.field && t.kind < MatchKind::Exact);
        if grouped {
            named += 1;
        }
    }
    named > 0
}

fn columns(top: &[String], sub: Option<&[String]>, mapper: &Mapper) -> Vec<Column> {
    let width = top.len().max(sub.map_or(0, |s| s.len()));
    (0..width)
        .map(|i| {
            let above = top.get(i).map(|s| s.trim()).unwrap_or("");
            let under = sub.and_then(|s| s.get(i)).map(|s| s.trim()).unwrap_or("");
            column(above, under, mapper)
        })
        .collect()
}

fn column(above: &str, under: &str, mapper: &Mapper) -> Column {
    let mapping = mapper.map(under).or_else(|| mapper.map(above));
    let header = match (above.is_empty(), under.is_empty() || under == above) {
        (_, true) => above.to_string(),
        (true, false) => under.to_string(),
        (false, false) => format!("{above} / {under}"),
    };
    Column {
        header: Arc::from(header),
        mapping,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn rows(text: &[&[&str]]) -> Vec<Vec<String>> {
        text.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    fn keys(layout: &Layout) -> Vec<&'static str> {
        layout
            .columns
            .iter()
            .map(|c| c.mapping.as_ref().map_or("-", |m| m.field.key()))
            .collect()
    }

    #[test]
    fn finds_header_below_title_and_blank_rows() {
        let mapper = Mapper::new(&Rules::defaults().column_aliases);
        let sheet = rows(&[
            &["2023年客户名单", "2023年客户名单", "2023年客户名单"],
            &["", "", ""],
            &["姓名", "手机", "单位"],
            &["张三", "13800138000", "某某公司"],
        ]);
        let layout = find_header(&sheet, &mapper).unwrap();
        assert_eq!(layout.header_index, 2);
        assert_eq!(layout.data_index(), 3);
        assert_eq!(keys(&layout), ["name", "mobile", "company"]);
    }

    #[test]
    fn folds_a_sub_header_under_a_merged_group() {
        let mapper = Mapper::new(&Rules::defaults().column_aliases);
        let sheet = rows(&[
            &["姓名", "联系方式", "联系方式", "联系方式", "备注"],
            &["", "手机", "座机", "传真", ""],
            &["张三", "13800138000", "010-62345678", "010-62345679", ""],
        ]);
        let layout = find_header(&sheet, &mapper).unwrap();
        assert_eq!(layout.header_rows, 2);
        assert_eq!(keys(&layout), ["name", "mobile", "landline", "fax", "remarks"]);
        assert_eq!(&*layout.columns[1].header, "联系方式 / 手机");
    }

    #[test]
    fn data_row_under_header_is_not_a_sub_header() {
        let mapper = Mapper::new(&Rules::defaults().column_aliases);
        let sheet = rows(&[&["Name", "Phone", "Email"], &["Zhang San", "13800138000", "a@b.com"]]);
        let layout = find_header(&sheet, &mapper).unwrap();
        assert_eq!(layout.header_rows, 1);
    }

    #[test]
    fn a_second_column_of_a_single_field_is_carried_through() {
        let mapper = Mapper::new(&Rules::defaults().column_aliases);
        let sheet = rows(&[
            &["联系人", "客户姓名", "手机", "手机号码2", "公司"],
            &["张三", "张三丰", "1", "2", "x"],
        ]);
        let layout = find_header(&sheet, &mapper).unwrap();
        assert_eq!(keys(&layout), ["name", "-", "mobile", "mobile", "company"]);
        assert_eq!(&*layout.columns[1].header, "客户姓名");
    }

    #[test]
    fn no_header_when_nothing_maps() {
        let mapper = Mapper::new(&Rules::defaults().column_aliases);
        let sheet = rows(&[&["a", "b"], &["1", "2"]]);
        assert!(find_header(&sheet, &mapper).is_none());
        assert!(find_header(&[], &mapper).is_none());
    }

    #[test]
    fn a_row_of_data_is_never_the_header() {
        let mapper = Mapper::new(&Rules::defaults().column_aliases);
        let sheet = rows(&[
            &[
                "张三",
                "13800138000",
                "北京某某科技有限公司",
                "zhangsan@qq.com",
                "销售部",
            ],
            &["李四", "13900139000", "上海某某贸易有限公司", "lisi@163.com", "市场部"],
        ]);
        assert!(find_header(&sheet, &mapper).is_none());
        assert_eq!(
            NoHeader::of(&sheet),
            NoHeader::DataFirst {
                sample: "张三, 13800138000, ...".into()
            }
        );
        let id_and_date = rows(&[&["", ""], &["王五", "11010519491231002X"], &["赵六", "2023-01-05"]]);
        assert!(matches!(NoHeader::of(&id_and_date), NoHeader::DataFirst { .. }));
        assert_eq!(
            NoHeader::of(&rows(&[&["a", "b"], &["1", "2"]])),
            NoHeader::NotFound { searched: 2 }
        );
    }

    #[test]
    fn headers_with_numbers_or_notes_are_not_data() {
        for cell in [
            "手机2",
            "2023年客户名单",
            "Email (name@company.com)",
            "电话1/电话2",
            "邮箱",
        ] {
            assert!(!looks_like_value(cell), "{cell}");
        }
        for cell in [
            "13800138000",
            "+86 138 0013 8000",
            "a.b@c.com",
            "010-62345678",
            "１３８００１３８０００",
        ] {
            assert!(looks_like_value(cell), "{cell}");
        }
    }

    #[test]
    fn a_one_column_list_of_numbers_has_a_header() {
        let mapper = Mapper::new(&Rules::defaults().column_aliases);
        let sheet = rows(&[&["手机号码"], &["13800138000"]]);
        assert_eq!(keys(&find_header(&sheet, &mapper).unwrap()), ["mobile"]);
    }
}
