//! Sheets of rows for paper (the roster, the call sheet): rows grouped into one sheet
//! per value of a column, valid Excel sheet names, the page setup.

use std::collections::BTreeMap;

use crate::contract::{Lang, Sheet};
use crate::write::xlsx::Paper;

/// A sheet for paper titled `title` (en, zh), with `handwritten` columns (index, width
/// in characters) to write in.
pub fn paper(title: (&str, &str), handwritten: Vec<(usize, f64)>, lang: Lang) -> Paper {
    let (title, page_of) = match lang {
        Lang::En => (title.0, "Page &P of &N"),
        Lang::Zh => (title.1, "第 &P 页，共 &N 页"),
    };
    Paper {
        title: title.to_string(),
        page_of: page_of.to_string(),
        handwritten,
    }
}

/// The customers of each group, groups in name order with the unassigned last; sheet
/// names made valid for Excel (31 characters, no `[]:*?/\`, unique). Ungrouped, all
/// of them on one sheet, `whole`, named in `lang`.
pub fn group<'a, T>(rows: &[&'a T], by: Option<fn(&T) -> &str>, whole: Sheet, lang: Lang) -> Vec<(String, Vec<&'a T>)> {
    let none = lang.pick("(none)", "未分配");
    let Some(by) = by else {
        return vec![(whole.name(lang).to_string(), rows.to_vec())];
    };
    let mut groups: BTreeMap<(bool, String), Vec<&T>> = BTreeMap::new();
    for &r in rows {
        let value = by(r).trim();
        let key = if value.is_empty() {
            (true, none.to_string())
        } else {
            (false, value.to_string())
        };
        groups.entry(key).or_default().push(r);
    }
    let mut used: Vec<String> = Vec::new();
    groups
        .into_iter()
        .map(|((_, name), members)| (sheet_name(&name, &mut used), members))
        .collect()
}

/// Sheet names a group can never have: the call sheet's hidden drop-down sheet, and
/// `History`, which Excel keeps for itself.
const RESERVED: &[&str] = &[crate::write::xlsx::LISTS, "History"];

/// A valid, unique Excel sheet name for a group: 31 characters at most, none of
/// `[]:*?/\`, no `'` at either end, not a name used already or [`RESERVED`] (compared
/// without case, as Excel does).
fn sheet_name(name: &str, used: &mut Vec<String>) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .filter(|c| !c.is_control())
        .take(31)
        .collect();
    let clean = clean.trim_matches('\'').to_string();
    let base = if clean.is_empty() { "_".to_string() } else { clean };
    let mut candidate = base.clone();
    let mut n = 2;
    let taken = |c: &str, used: &[String]| {
        let c = c.to_lowercase();
        used.iter().any(|u| u.to_lowercase() == c) || RESERVED.iter().any(|r| r.to_lowercase() == c)
    };
    while taken(&candidate, used) {
        let suffix = format!(" ({n})");
        let keep: String = base.chars().take(31 - suffix.chars().count()).collect();
        candidate = format!("{}{suffix}", keep.trim_end_matches('\''));
        n += 1;
    }
    used.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = Vec::new();
        assert_eq!(sheet_name("王芳", &mut used), "王芳");
        assert_eq!(sheet_name("a/b:c", &mut used), "a_b_c");
        assert_eq!(sheet_name("王芳", &mut used), "王芳 (2)");
        let long = "x".repeat(40);
        assert_eq!(sheet_name(&long, &mut used).chars().count(), 31);
        assert_eq!(sheet_name(&long, &mut used), format!("{} (2)", "x".repeat(27)));
        assert_eq!(sheet_name("Lists", &mut used), "Lists (2)");
        assert_eq!(sheet_name("history", &mut used), "history (2)");
        assert_eq!(sheet_name("'quoted'", &mut used), "quoted");
        assert_eq!(sheet_name("[]", &mut used), "__");
    }
}
