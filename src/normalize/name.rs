//! Person names, Chinese and Latin: display form, title, match key.
//!
//! Contact names arrive as `张 三`, `王经理`, `李总`, `ZHANG SAN`, `Mr. John Smith Jr.`.
//! This module splits off honorifics and job titles (they are not part of the name but
//! are worth keeping), removes the stray spaces Chinese input methods leave between
//! characters, fixes shouting or all-lower Latin names, and builds a match key that
//! ignores case, spacing, punctuation and (for Latin names) word order.
//!
//! Stripping a Chinese title is guarded, because real names can end in the same
//! characters: it only happens when the whole cell is at most 5 characters and what
//! remains is 1–3 Han characters.

use super::cleaned::{Cleaned, Issue};
use crate::text;
use crate::text::keys::is_han;

/// A cleaned person name and the title split off it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonName {
    /// The name without honorifics or job titles.
    pub name: String,
    /// Honorifics and job titles found in the cell (`经理`, `Dr. Jr.`), space-separated.
    pub title: String,
}

/// Chinese honorifics and job titles, longest first so `总经理` wins over `经理` and `总`.
const HAN_TITLES: &[&str] = &[
    "副总经理",
    "董事长",
    "总经理",
    "副经理",
    "副主任",
    "副总监",
    "副院长",
    "副校长",
    "副局长",
    "副处长",
    "副科长",
    "副教授",
    "工程师",
    "先生",
    "女士",
    "小姐",
    "老师",
    "经理",
    "副总",
    "总监",
    "主任",
    "主管",
    "处长",
    "科长",
    "局长",
    "部长",
    "厂长",
    "院长",
    "校长",
    "博士",
    "教授",
    "律师",
    "医生",
    "会计",
    "总工",
    "总",
    "工",
];

/// Latin prefixes: accepted spelling (lower case, no dot) and canonical form.
const LATIN_PREFIXES: &[(&str, &str)] = &[
    ("mr", "Mr."),
    ("mrs", "Mrs."),
    ("ms", "Ms."),
    ("miss", "Miss"),
    ("mx", "Mx."),
    ("dr", "Dr."),
    ("prof", "Prof."),
];

/// Latin suffixes: accepted spelling (lower case, no dots) and canonical form.
const LATIN_SUFFIXES: &[(&str, &str)] = &[
    ("jr", "Jr."),
    ("sr", "Sr."),
    ("ii", "II"),
    ("iii", "III"),
    ("iv", "IV"),
    ("phd", "PhD"),
    ("md", "MD"),
    ("esq", "Esq."),
];

/// Surname particles kept lower-case inside a name (`Ludwig van Beethoven`).
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos", "das", "do", "ter", "ten",
    "bin", "al",
];

/// Cleans a person-name cell. Rules: `name.title` (honorific or job title moved to
/// [`PersonName::title`]), `name.spaces` (spaces between Han characters removed),
/// `name.case` (all-upper or all-lower Latin name title-cased), `name.tidy`.
/// Issues (warnings): `name.title_only` (the cell is only a title), `name.chars`
/// (digits or symbols in the name). Rejected: `name.invalid` (no letters at all).
pub fn clean_name(raw: &str) -> (Cleaned, PersonName) {
    let tidy = text::tidy(raw);
    if tidy.is_empty() {
        return (Cleaned::blank(), PersonName::default());
    }
    let mut rule = "name.tidy";
    let mut titles: Vec<&'static str> = Vec::new();
    let base = tidy.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')');
    let mut name = match bracketed_title(base) {
        Some((rest, title)) => {
            titles.push(title);
            trim_junk(rest).to_string()
        }
        None => trim_junk(base).to_string(),
    };
    if name.chars().any(is_han) {
        let joined = join_han(&name);
        if joined != name {
            rule = "name.spaces";
            name = joined;
        }
        strip_han_titles(&mut name, &mut titles);
    } else {
        strip_latin_titles(&mut name, &mut titles);
        if needs_case_fix(&name) {
            let cased = title_case(&name);
            if cased != name {
                rule = "name.case";
                name = cased;
            }
        }
    }
    if !titles.is_empty() {
        rule = "name.title";
    }
    let issue = name_issue(&name, &tidy);
    if !name.chars().any(char::is_alphanumeric) {
        name.clear();
    }
    let person = PersonName {
        name: name.clone(),
        title: titles.join(" "),
    };
    let mut cleaned = Cleaned::new(raw, name, rule);
    cleaned.issue = issue;
    (cleaned, person)
}

/// Trims punctuation, symbols and spaces from both ends.
fn trim_junk(s: &str) -> &str {
    s.trim_matches(|c: char| !c.is_alphanumeric())
}

/// `张三(经理)` → (`张三`, `经理`) when the bracket holds a known Chinese title.
fn bracketed_title(s: &str) -> Option<(&str, &'static str)> {
    let inner = s.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let content = inner[open + 1..].trim();
    let title = HAN_TITLES.iter().find(|t| **t == content)?;
    let rest = inner[..open].trim();
    (!rest.is_empty()).then_some((rest, *title))
}

/// Removes spaces between Han characters and unifies the middle dot of transliterated
/// names (`买买提 . 艾力` → `买买提·艾力`).
fn join_han(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = out.chars().next_back();
        let next = chars[i + 1..].iter().copied().find(|n| *n != ' ');
        let between_han = prev.is_some_and(|p| is_han(p) || p == '·') && next.is_some_and(is_han);
        if c == ' ' && (between_han || (prev.is_some_and(is_han) && next.is_some_and(is_dot))) {
            continue;
        }
        if is_dot(c) && prev.is_some_and(is_han) && next.is_some_and(is_han) {
            out.push('·');
            continue;
        }
        out.push(c);
    }
    out
}

fn is_dot(c: char) -> bool {
    matches!(c, '.' | '·' | '•' | '・' | '･' | '∙' | '‧')
}

/// Moves trailing Chinese titles into `titles` while the guard holds.
fn strip_han_titles(name: &mut String, titles: &mut Vec<&'static str>) {
    loop {
        if name.chars().count() > 5 {
            return;
        }
        let found = HAN_TITLES.iter().find_map(|t| {
            let rest = name.strip_suffix(t)?;
            let n = rest.chars().count();
            let keep = (1..=3).contains(&n) && rest.chars().all(is_han) && !HAN_TITLES.contains(&rest);
            keep.then_some((rest.len(), *t))
        });
        match found {
            Some((len, title)) => {
                name.truncate(len);
                titles.insert(0, title);
            }
            None => return,
        }
    }
}

/// Moves Latin prefixes (`Mr.`, `Dr.`) and suffixes (`Jr.`, `PhD`) into `titles`,
/// never leaving the name empty.
fn strip_latin_titles(name: &mut String, titles: &mut Vec<&'static str>) {
    let mut words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let mut prefixes = Vec::new();
    let mut suffixes = Vec::new();
    while let Some(&first) = words.first() {
        if let Some(t) = lookup(LATIN_PREFIXES, first).filter(|_| words.len() > 1) {
            prefixes.push(t);
            words.remove(0);
        } else if let Some((t, rest)) = split_glued_prefix(first) {
            prefixes.push(t);
            words[0] = rest;
        } else {
            break;
        }
    }
    while words.len() > 1 {
        let last = words[words.len() - 1];
        match lookup(LATIN_SUFFIXES, last) {
            Some(t) => {
                suffixes.insert(0, t);
                words.pop();
                if let Some(w) = words.last_mut() {
                    *w = w.trim_end_matches(',');
                }
            }
            None => break,
        }
    }
    if prefixes.is_empty() && suffixes.is_empty() {
        return;
    }
    let joined = words.join(" ");
    *name = trim_junk(&joined).to_string();
    titles.extend(prefixes);
    titles.extend(suffixes);
}

/// `Mr.Wang` → (`Mr.`, `Wang`).
fn split_glued_prefix(word: &str) -> Option<(&'static str, &str)> {
    let (head, rest) = word.split_once('.')?;
    let title = lookup(LATIN_PREFIXES, head)?;
    (!rest.is_empty() && rest.starts_with(char::is_alphabetic)).then_some((title, rest))
}

/// Canonical title for `word` (case-insensitive, dots and a trailing comma ignored).
fn lookup(table: &[(&str, &'static str)], word: &str) -> Option<&'static str> {
    let bare = word.trim_end_matches([',', '.']);
    if bare.contains(|c: char| !c.is_ascii_alphabetic() && c != '.') {
        return None;
    }
    table.iter().find_map(|(spelling, canonical)| {
        let same = bare.len() - bare.matches('.').count() == spelling.len()
            && bare
                .chars()
                .filter(|c| *c != '.')
                .zip(spelling.chars())
                .all(|(a, b)| a.eq_ignore_ascii_case(&b));
        same.then_some(*canonical)
    })
}

/// All cased letters upper-case, or all lower-case (`ZHANG SAN`, `zhang san`).
fn needs_case_fix(name: &str) -> bool {
    let mut cased = name.chars().filter(|c| c.is_uppercase() || c.is_lowercase());
    let Some(first) = cased.next() else {
        return false;
    };
    let upper = first.is_uppercase();
    cased.all(|c| c.is_uppercase() == upper)
}

/// `ZHANG SAN` → `Zhang San`, `o'brien` → `O'Brien`, `MCDONALD` → `McDonald`,
/// `LUDWIG VAN BEETHOVEN` → `Ludwig van Beethoven`.
fn title_case(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let last = words.len().saturating_sub(1);
    let mut out = String::with_capacity(name.len());
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i > 0 && i < last && PARTICLES.contains(&lower.as_str()) {
            out.push_str(&lower);
        } else {
            push_capitalized(&lower, &mut out);
        }
    }
    out
}

/// Upper-cases the first letter of each part of a lower-case word (parts split by `-`
/// and `'`), and the letter after a leading `mc`.
fn push_capitalized(word: &str, out: &mut String) {
    let mut at_start = true;
    let mut count = 0;
    let mc = word.starts_with("mc") && word.chars().count() > 2;
    for c in word.chars() {
        count += 1;
        if at_start || (mc && count == 3) {
            push_upper(c, out);
        } else {
            out.push(c);
        }
        at_start = matches!(c, '-' | '\'' | '’');
    }
}

/// Upper-cases `c` unless that changes its length (`ß` → `SS` would not round-trip).
fn push_upper(c: char, out: &mut String) {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => out.push(u),
        _ => out.push(c),
    }
}

fn name_issue(name: &str, tidy: &str) -> Option<Issue> {
    if !name.chars().any(char::is_alphanumeric) {
        return Some(Issue::new("name.invalid", format!("no name in {:?}", shorten(tidy))));
    }
    let is_title =
        HAN_TITLES.contains(&name) || lookup(LATIN_PREFIXES, name).is_some() || lookup(LATIN_SUFFIXES, name).is_some();
    if is_title {
        return Some(Issue::new("name.title_only", format!("only a title: {name}")));
    }
    if name.chars().any(|c| !is_name_char(c)) {
        return Some(Issue::new(
            "name.chars",
            format!("digits or symbols in name: {}", shorten(name)),
        ));
    }
    None
}

fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’' | '·' | ',' | '(' | ')') || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

fn shorten(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Joins family and given name: Han names as family + given without a space (`张` +
/// `三` → `张三`), others as `given family` (`Zhang` + `San` → `San Zhang`). Either part
/// may be blank.
pub fn combine_names(family: &str, given: &str) -> String {
    let family = text::tidy(family);
    let given = text::tidy(given);
    if family.chars().any(is_han) || given.chars().any(is_han) {
        let mut out = String::with_capacity(family.len() + given.len());
        out.extend(family.chars().chain(given.chars()).filter(|c| *c != ' '));
        return out;
    }
    match (family.is_empty(), given.is_empty()) {
        (true, _) => given,
        (_, true) => family,
        _ => format!("{given} {family}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::cleaned::testing::{check_conventions, nasty_inputs};
    use crate::text::keys::name_key;

    /// raw, name, title, rule, issue code
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    );

    const CASES: &[Case] = &[
        ("张三", "张三", "", None, None),
        (" 张三 ", "张三", "", None, None),
        ("张 三", "张三", "", Some("name.spaces"), None),
        ("张\u{3000}三", "张三", "", Some("name.spaces"), None),
        ("欧 阳 娜 娜", "欧阳娜娜", "", Some("name.spaces"), None),
        ("王经理", "王", "经理", Some("name.title"), None),
        ("李总", "李", "总", Some("name.title"), None),
        ("张三先生", "张三", "先生", Some("name.title"), None),
        ("张三 先生", "张三", "先生", Some("name.title"), None),
        ("王总经理", "王", "总经理", Some("name.title"), None),
        ("刘副总", "刘", "副总", Some("name.title"), None),
        ("陈副经理", "陈", "副经理", Some("name.title"), None),
        ("赵工", "赵", "工", Some("name.title"), None),
        ("周小姐", "周", "小姐", Some("name.title"), None),
        ("孙老师", "孙", "老师", Some("name.title"), None),
        ("司马相如先生", "司马相如先生", "", None, None),
        ("欧阳娜娜女士", "欧阳娜娜女士", "", None, None),
        ("张三(经理)", "张三", "经理", Some("name.title"), None),
        ("张三（经理）", "张三", "经理", Some("name.title"), None),
        ("王总总", "王", "总 总", Some("name.title"), None),
        ("先生", "先生", "", None, Some("name.title_only")),
        ("总", "总", "", None, Some("name.title_only")),
        ("买买提 . 艾力", "买买提·艾力", "", Some("name.spaces"), None),
        ("买买提•艾力", "买买提·艾力", "", Some("name.spaces"), None),
        ("张三。", "张三", "", Some("name.tidy"), None),
        ("张三2", "张三2", "", None, Some("name.chars")),
        ("ZHANG SAN", "Zhang San", "", Some("name.case"), None),
        ("zhang san", "Zhang San", "", Some("name.case"), None),
        ("Zhang San", "Zhang San", "", None, None),
        ("ＺＨＡＮＧ　ＳＡＮ", "Zhang San", "", Some("name.case"), None),
        ("McDonald", "McDonald", "", None, None),
        ("MCDONALD", "McDonald", "", Some("name.case"), None),
        ("o'brien", "O'Brien", "", Some("name.case"), None),
        ("mary-jane smith", "Mary-Jane Smith", "", Some("name.case"), None),
        ("van der Berg", "van der Berg", "", None, None),
        (
            "LUDWIG VAN BEETHOVEN",
            "Ludwig van Beethoven",
            "",
            Some("name.case"),
            None,
        ),
        ("Mr. John Smith", "John Smith", "Mr.", Some("name.title"), None),
        ("mr john smith", "John Smith", "Mr.", Some("name.title"), None),
        ("Dr. John Smith Jr.", "John Smith", "Dr. Jr.", Some("name.title"), None),
        ("John Smith, Jr.", "John Smith", "Jr.", Some("name.title"), None),
        (
            "Prof. Dr. Hans Müller",
            "Hans Müller",
            "Prof. Dr.",
            Some("name.title"),
            None,
        ),
        ("Mr.Wang", "Wang", "Mr.", Some("name.title"), None),
        ("MS. LI NA", "Li Na", "Ms.", Some("name.title"), None),
        ("Mrs", "Mrs", "", None, Some("name.title_only")),
        ("Mr.", "Mr", "", Some("name.tidy"), Some("name.title_only")),
        ("J. R. R. Tolkien", "J. R. R. Tolkien", "", None, None),
        ("José Álvarez", "José Álvarez", "", None, None),
        ("Customer 1", "Customer 1", "", None, Some("name.chars")),
        ("张三😀", "张三", "", Some("name.tidy"), None),
        ("张😀三", "张😀三", "", None, Some("name.chars")),
        ("(张三)", "张三", "", Some("name.tidy"), None),
        ("总经理", "总经理", "", None, Some("name.title_only")),
        ("STRASSE", "Strasse", "", Some("name.case"), None),
        ("straße", "Straße", "", Some("name.case"), None),
        ("...", "", "", None, Some("name.invalid")),
        ("", "", "", None, None),
    ];

    #[test]
    fn table() {
        for (raw, name, title, rule, issue) in CASES {
            let (c, p) = clean_name(raw);
            assert_eq!(c.value, *name, "name of {raw:?}: {c:?}");
            assert_eq!(p.name, *name, "person name of {raw:?}");
            assert_eq!(p.title, *title, "title of {raw:?}");
            assert_eq!(c.rule, *rule, "rule of {raw:?}");
            assert_eq!(c.issue.as_ref().map(|i| i.code), *issue, "issue of {raw:?}");
            check_conventions(raw, &c);
        }
    }

    #[test]
    fn idempotent() {
        for (raw, _, _, _, _) in CASES {
            let (once, _) = clean_name(raw);
            let (twice, p) = clean_name(&once.value);
            assert_eq!(twice.value, once.value, "{raw:?}");
            assert_eq!(twice.rule, None, "{raw:?}");
            assert_eq!(p.title, "", "{raw:?}");
        }
    }

    #[test]
    fn nasty_inputs_never_panic() {
        for raw in nasty_inputs() {
            let (c, _) = clean_name(&raw);
            check_conventions(&raw, &c);
            assert_eq!(clean_name(&c.value).0.value, c.value, "{raw:?}");
            let _ = name_key(&raw);
            let _ = combine_names(&raw, &raw);
        }
    }

    #[test]
    fn combine() {
        let cases: &[(&str, &str, &str)] = &[
            ("张", "三", "张三"),
            ("欧阳", "娜娜", "欧阳娜娜"),
            ("张 ", " 三", "张三"),
            ("Zhang", "San", "San Zhang"),
            ("Smith", "", "Smith"),
            ("", "John", "John"),
            ("", "", ""),
            ("Ｓｍｉｔｈ", "John", "John Smith"),
        ];
        for (family, given, want) in cases {
            assert_eq!(combine_names(family, given), *want, "{family:?} {given:?}");
        }
    }
}
