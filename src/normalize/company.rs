//! Company names: a consistent display form and a match key for de-duplication.
//!
//! The same customer company shows up as `北京某某科技有限公司`,
//! `某某科技(北京)有限责任公司` and `某某科技 （北京） 有限公司`, or as `Acme Co., Ltd.`
//! and `ACME Limited`. The display form only tidies (white space, one bracket style:
//! full-width `（）` when the name has Han characters, ASCII `()` otherwise, no stray
//! spaces between Han characters). The match key throws away what does not identify
//! the company, using `rules/company.toml`: legal-form suffixes, registration places
//! (bracketed, as a Han prefix, or right before a legal suffix), former-name notes
//! `(原…)`, status notes, case, spaces and punctuation.
//!
//! Keys err on the side of keeping companies apart: a location prefix is only removed
//! when at least three letters remain (`北京银行` ≠ `上海银行`), and Latin location
//! words are never removed as a prefix (`China Mobile` keeps `china`).

use serde::Deserialize;

use super::cleaned::Cleaned;
use crate::text;
use crate::text::keys::is_han;

/// Word lists used to build company match keys, loaded from `rules/company.toml`.
/// Entries are matched as written (ASCII case-insensitively), so lists built in code
/// should hold trimmed words; [`CompanyRules::from_toml`] trims them.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct CompanyRules {
    /// Legal forms stripped from the end: `有限公司`, `Co., Ltd.`, `GmbH`.
    #[serde(default)]
    pub legal_suffixes: Vec<String>,
    /// Provinces, cities and their Latin spellings: `北京`, `北京市`, `Shanghai`.
    #[serde(default)]
    pub location_words: Vec<String>,
    /// Status notes and filler: `筹`, `已注销`, `the`.
    #[serde(default)]
    pub noise_words: Vec<String>,
    /// The lists above looked up by a word's last (or first) character, built by
    /// [`CompanyRules::tidied`]: every company of a list goes through them.
    #[serde(skip)]
    suffix_ends: WordsBy,
    #[serde(skip)]
    location_ends: WordsBy,
    #[serde(skip)]
    location_starts: WordsBy,
}

impl CompanyRules {
    /// Parses a rules file; entries are trimmed and blank ones dropped.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str::<CompanyRules>(text).map(CompanyRules::tidied)
    }

    /// The rules as written, entries trimmed and blank ones dropped (what `Rules`
    /// does with every company.toml it loads).
    pub fn tidied(self) -> Self {
        let legal_suffixes = tidy_list(self.legal_suffixes);
        let location_words = tidy_list(self.location_words);
        CompanyRules {
            suffix_ends: WordsBy::last_char(&legal_suffixes),
            location_ends: WordsBy::last_char(&location_words),
            location_starts: WordsBy::first_char(location_words.iter().filter(|w| w.chars().any(is_han))),
            legal_suffixes,
            location_words,
            noise_words: tidy_list(self.noise_words),
        }
    }
}

/// Words grouped by the character a text must end (or start) with for them to match,
/// each group longest first and then in the list's order: the first word of a group
/// that fits is the one a walk over the whole list would have chosen.
#[derive(Debug, Default, Clone)]
struct WordsBy(rustc_hash::FxHashMap<char, Vec<String>>);

impl WordsBy {
    /// By last character, ASCII case folded, with a trailing `.` or `,` left off
    /// (`Co.` matches `Co`).
    fn last_char(words: &[String]) -> Self {
        let ends = words
            .iter()
            .map(|w| w.trim_end_matches(['.', ',']))
            .filter(|w| !w.is_empty());
        WordsBy::group(ends, |w| w.chars().next_back())
    }

    /// By first character, as written.
    fn first_char<'a>(words: impl Iterator<Item = &'a String>) -> Self {
        WordsBy::group(words.map(String::as_str), |w| w.chars().next())
    }

    fn group<'a>(words: impl Iterator<Item = &'a str>, key: impl Fn(&str) -> Option<char>) -> Self {
        let mut map: rustc_hash::FxHashMap<char, Vec<String>> = Default::default();
        for w in words {
            if let Some(c) = key(w) {
                map.entry(c.to_ascii_lowercase()).or_default().push(w.to_string());
            }
        }
        map.values_mut()
            .for_each(|g| g.sort_by_key(|w| std::cmp::Reverse(w.len())));
        WordsBy(map)
    }

    fn with(&self, c: Option<char>) -> &[String] {
        c.and_then(|c| self.0.get(&c.to_ascii_lowercase()))
            .map_or(&[], Vec::as_slice)
    }
}

fn tidy_list(words: Vec<String>) -> Vec<String> {
    words
        .into_iter()
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Letters that must remain after a location prefix is removed.
const MIN_AFTER_LOCATION: usize = 3;

/// Cleans a company-name cell. Returns the display form and the match key. Rules:
/// `company.spaces` (spaces between Han characters removed), `company.brackets`
/// (bracket style unified), `company.tidy`. Rejected: `company.invalid` (no letters or
/// digits at all).
pub fn clean_company(raw: &str, rules: &CompanyRules) -> (Cleaned, String) {
    let tidy = text::tidy(raw);
    if tidy.is_empty() {
        return (Cleaned::blank(), String::new());
    }
    if !tidy.chars().any(char::is_alphanumeric) {
        let detail = format!("no company name in {:?}", shorten(&tidy));
        return (Cleaned::rejected("company.invalid", detail), String::new());
    }
    let (value, rule) = display_form(&tidy, raw);
    let key = company_key(&value, rules);
    (Cleaned::new(raw, value, rule), key)
}

/// `某某科技 (北京) 有限公司` → `某某科技（北京）有限公司`; Latin names keep `()`.
fn display_form(tidy: &str, raw: &str) -> (String, &'static str) {
    if !tidy.chars().any(is_han) {
        let rule = if raw.contains(['（', '）']) {
            "company.brackets"
        } else {
            "company.tidy"
        };
        return (tidy.to_string(), rule);
    }
    let chars: Vec<char> = tidy.chars().map(wide_bracket).collect();
    let mut out = String::with_capacity(tidy.len() + 4);
    let mut dropped_space = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = out.chars().next_back();
            let next = chars.get(i + 1).copied();
            let both_han = prev.is_some_and(is_han) && next.is_some_and(is_han);
            let at_bracket = prev.is_some_and(is_wide_bracket) || next.is_some_and(is_wide_bracket);
            if both_han || at_bracket {
                dropped_space = true;
                continue;
            }
        }
        out.push(c);
    }
    let rule = if dropped_space {
        "company.spaces"
    } else if raw.contains(['(', ')']) {
        "company.brackets"
    } else {
        "company.tidy"
    };
    (out, rule)
}

fn wide_bracket(c: char) -> char {
    match c {
        '(' => '（',
        ')' => '）',
        _ => c,
    }
}

fn is_wide_bracket(c: char) -> bool {
    matches!(c, '（' | '）')
}

/// Match key of a company name (raw or cleaned): lower-case letters and digits of the
/// name without legal form, location, former-name and status notes.
pub fn company_key(name: &str, rules: &CompanyRules) -> String {
    let tidy = text::tidy(name);
    let without_notes = drop_bracket_notes(&tidy, rules);
    let core = strip_locations_at_start(strip_end(&without_notes, rules), rules);
    let key = key_chars(core, &rules.noise_words);
    if key.is_empty() {
        key_chars(&tidy, &[])
    } else {
        key
    }
}

/// Removes bracketed groups that are notes, keeps the content of the others.
fn drop_bracket_notes(s: &str, rules: &CompanyRules) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        let content = &after[..close];
        out.push(' ');
        if !is_note(content.trim(), rules) {
            out.push_str(content);
            out.push(' ');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `原…`, `formerly …`, a status note, a location or a legal form (`北京分公司`).
fn is_note(content: &str, rules: &CompanyRules) -> bool {
    let lower_start = |p: &str| {
        content.len() >= p.len() && content.is_char_boundary(p.len()) && content[..p.len()].eq_ignore_ascii_case(p)
    };
    if content.starts_with('原') || lower_start("formerly") || lower_start("former ") {
        return true;
    }
    if rules.noise_words.iter().any(|w| w.eq_ignore_ascii_case(content)) {
        return true;
    }
    let mut s = content;
    while let Some(rest) = strip_longest_end(trim_end_junk(s), &rules.suffix_ends, 0) {
        s = rest;
    }
    let s = trim_end_junk(s).trim();
    s.is_empty() || rules.location_words.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// Strips legal suffixes from the end, repeatedly, and a location word right before a
/// stripped suffix (`…有限公司北京分公司`).
fn strip_end<'a>(s: &'a str, rules: &CompanyRules) -> &'a str {
    let mut s = trim_end_junk(s);
    let mut after_suffix = false;
    loop {
        if let Some(rest) = strip_longest_end(s, &rules.suffix_ends, 1) {
            s = trim_end_junk(rest);
            after_suffix = true;
        } else if let Some(rest) = after_suffix
            .then(|| strip_longest_end(s, &rules.location_ends, MIN_AFTER_LOCATION))
            .flatten()
        {
            s = trim_end_junk(rest);
            after_suffix = false;
        } else {
            return s;
        }
    }
}

/// Removes Han location prefixes (`北京市`, `中国`) while enough of the name remains.
fn strip_locations_at_start<'a>(s: &'a str, rules: &CompanyRules) -> &'a str {
    let mut s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    while let Some(rest) = strip_longest_start(s, &rules.location_starts) {
        s = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
    }
    s
}

fn trim_end_junk(s: &str) -> &str {
    s.trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// The rest of `s` without the longest word of `words` at its end, when at least
/// `min_rest` letters or digits remain. Latin words need a word boundary before them.
fn strip_longest_end<'a>(s: &'a str, words: &WordsBy, min_rest: usize) -> Option<&'a str> {
    words.with(s.chars().next_back()).iter().find_map(|w| {
        let start = s.len().checked_sub(w.len())?;
        if !s.is_char_boundary(start) || !s[start..].eq_ignore_ascii_case(w) {
            return None;
        }
        let rest = &s[..start];
        let boundary =
            !w.starts_with(|c: char| c.is_ascii_alphanumeric()) || !rest.ends_with(|c: char| c.is_ascii_alphanumeric());
        (boundary && count_alnum(rest) >= min_rest).then_some(rest)
    })
}

/// The rest of `s` without the longest Han location word at its start, when enough
/// letters remain.
fn strip_longest_start<'a>(s: &'a str, words: &WordsBy) -> Option<&'a str> {
    words.with(s.chars().next()).iter().find_map(|w| {
        s.strip_prefix(w.as_str())
            .filter(|rest| count_alnum(rest) >= MIN_AFTER_LOCATION)
    })
}

fn count_alnum(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

/// Lower-cased letters and digits, without whole Latin noise words.
fn key_chars(s: &str, noise: &[String]) -> String {
    let mut key = String::with_capacity(s.len());
    for token in s.split(|c: char| !c.is_alphanumeric()) {
        if token.is_empty() || noise.iter().any(|w| w.eq_ignore_ascii_case(token)) {
            continue;
        }
        key.extend(token.chars().flat_map(char::to_lowercase));
    }
    key
}

fn shorten(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::cleaned::testing::{check_conventions, nasty_inputs};
    use std::sync::LazyLock;

    fn rules() -> &'static CompanyRules {
        static RULES: LazyLock<crate::rules::Rules> = LazyLock::new(crate::rules::Rules::defaults);
        &RULES.normalize.company
    }

    /// raw, display value, rule, key
    const CASES: &[(&str, &str, Option<&str>, &str)] = &[
        ("北京某某科技有限公司", "北京某某科技有限公司", None, "某某科技"),
        (
            "某某科技(北京)有限责任公司",
            "某某科技（北京）有限责任公司",
            Some("company.brackets"),
            "某某科技",
        ),
        ("某某科技（北京）有限公司", "某某科技（北京）有限公司", None, "某某科技"),
        (
            "某某科技 （北京） 有限公司",
            "某某科技（北京）有限公司",
            Some("company.spaces"),
            "某某科技",
        ),
        ("北京市某某科技有限公司", "北京市某某科技有限公司", None, "某某科技"),
        (
            "某某科技(北京市)有限公司",
            "某某科技（北京市）有限公司",
            Some("company.brackets"),
            "某某科技",
        ),
        (
            "北京 某某 科技有限公司",
            "北京某某科技有限公司",
            Some("company.spaces"),
            "某某科技",
        ),
        (
            "中国北京某某科技股份有限公司",
            "中国北京某某科技股份有限公司",
            None,
            "某某科技",
        ),
        (
            "某某科技有限公司北京分公司",
            "某某科技有限公司北京分公司",
            None,
            "某某科技",
        ),
        (
            "某某科技有限公司(北京)",
            "某某科技有限公司（北京）",
            Some("company.brackets"),
            "某某科技",
        ),
        (
            "某某科技有限公司(北京分公司)",
            "某某科技有限公司（北京分公司）",
            Some("company.brackets"),
            "某某科技",
        ),
        ("某某集团有限公司", "某某集团有限公司", None, "某某"),
        ("某某集团", "某某集团", None, "某某"),
        ("某某服装厂", "某某服装厂", None, "某某服装"),
        (
            "新某某科技有限公司(原某某科技有限公司)",
            "新某某科技有限公司（原某某科技有限公司）",
            Some("company.brackets"),
            "新某某科技",
        ),
        (
            "某某律师事务所(特殊普通合伙)",
            "某某律师事务所（特殊普通合伙）",
            Some("company.brackets"),
            "某某律师事务所",
        ),
        ("某某贸易有限公司（筹）", "某某贸易有限公司（筹）", None, "某某贸易"),
        (
            "某某贸易有限公司(已注销)",
            "某某贸易有限公司（已注销）",
            Some("company.brackets"),
            "某某贸易",
        ),
        ("广东省某某电器有限公司", "广东省某某电器有限公司", None, "某某电器"),
        (
            "内蒙古自治区某某牧业有限公司",
            "内蒙古自治区某某牧业有限公司",
            None,
            "某某牧业",
        ),
        ("北京银行股份有限公司", "北京银行股份有限公司", None, "北京银行"),
        ("上海银行股份有限公司", "上海银行股份有限公司", None, "上海银行"),
        ("中国银行", "中国银行", None, "中国银行"),
        (
            "某某(深圳)电子有限公司",
            "某某（深圳）电子有限公司",
            Some("company.brackets"),
            "某某电子",
        ),
        (
            "某某(亚洲)有限公司",
            "某某（亚洲）有限公司",
            Some("company.brackets"),
            "某某亚洲",
        ),
        ("IBM（中国）有限公司", "IBM（中国）有限公司", None, "ibm"),
        ("有限公司", "有限公司", None, "有限"),
        ("Acme Co., Ltd.", "Acme Co., Ltd.", None, "acme"),
        ("ACME Limited", "ACME Limited", None, "acme"),
        ("Acme Co.,Ltd", "Acme Co.,Ltd", None, "acme"),
        ("Acme Co.Ltd.", "Acme Co.Ltd.", None, "acme"),
        ("acme inc", "acme inc", None, "acme"),
        ("Acme, Inc.", "Acme, Inc.", None, "acme"),
        ("Acme L.L.C.", "Acme L.L.C.", None, "acme"),
        ("Acme GmbH", "Acme GmbH", None, "acme"),
        ("The Acme Company", "The Acme Company", None, "acme"),
        ("Acme (Shanghai) Co., Ltd.", "Acme (Shanghai) Co., Ltd.", None, "acme"),
        (
            "Acme（Shanghai）Co., Ltd.",
            "Acme(Shanghai)Co., Ltd.",
            Some("company.brackets"),
            "acme",
        ),
        ("Acme China Co., Ltd.", "Acme China Co., Ltd.", None, "acme"),
        ("China Mobile Limited", "China Mobile Limited", None, "chinamobile"),
        ("Visa", "Visa", None, "visa"),
        ("Bag AG", "Bag AG", None, "bag"),
        ("  Acme   Pte Ltd ", "Acme Pte Ltd", Some("company.tidy"), "acme"),
        ("ＡＣＭＥ　ＬＴＤ", "ACME LTD", Some("company.tidy"), "acme"),
        (
            "某某科技有限公司 / Acme Tech Co., Ltd.",
            "某某科技有限公司 / Acme Tech Co., Ltd.",
            None,
            "某某科技有限公司acmetech",
        ),
    ];

    #[test]
    fn table() {
        for (raw, value, rule, key) in CASES {
            let (c, k) = clean_company(raw, rules());
            assert_eq!(c.value, *value, "value of {raw:?}");
            assert_eq!(c.rule, *rule, "rule of {raw:?}");
            assert_eq!(c.issue, None, "issue of {raw:?}");
            assert_eq!(k, *key, "key of {raw:?}");
            assert_eq!(company_key(raw, rules()), *key, "company_key of {raw:?}");
            check_conventions(raw, &c);
        }
    }

    #[test]
    fn same_company_same_key() {
        let groups: &[&[&str]] = &[
            &[
                "北京某某科技有限公司",
                "某某科技(北京)有限责任公司",
                "某某科技（北京市）股份有限公司",
                "北京市 某某科技 有限公司",
            ],
            &[
                "Acme Co., Ltd.",
                "ACME Limited",
                "acme inc.",
                "Acme Corporation",
                "ACME (Beijing) Co.,Ltd",
            ],
        ];
        for group in groups {
            let keys: Vec<String> = group.iter().map(|n| company_key(n, rules())).collect();
            assert!(keys.windows(2).all(|w| w[0] == w[1]), "{group:?} -> {keys:?}");
        }
    }

    #[test]
    fn invalid_and_blank() {
        let cases: &[(&str, Option<&str>)] = &[
            ("", None),
            ("   ", None),
            ("（）", Some("company.invalid")),
            ("---", Some("company.invalid")),
        ];
        for (raw, issue) in cases {
            let (c, key) = clean_company(raw, rules());
            assert_eq!(c.value, "");
            assert_eq!(key, "");
            assert_eq!(c.issue.as_ref().map(|i| i.code), *issue, "{raw:?}");
        }
    }

    #[test]
    fn idempotent() {
        for (raw, _, _, _) in CASES {
            let (once, key) = clean_company(raw, rules());
            let (twice, key2) = clean_company(&once.value, rules());
            assert_eq!(twice.value, once.value, "{raw:?}");
            assert_eq!(twice.rule, None, "{raw:?}");
            assert_eq!(key2, key, "{raw:?}");
        }
    }

    #[test]
    fn nasty_inputs_never_panic() {
        for raw in nasty_inputs() {
            let (c, key) = clean_company(&raw, rules());
            check_conventions(&raw, &c);
            let (again, key2) = clean_company(&c.value, rules());
            assert_eq!(again.value, c.value, "{raw:?}");
            assert_eq!(key2, key, "{raw:?}");
        }
    }

    #[test]
    fn rules_file_is_sane() {
        let r = rules();
        assert!(r.legal_suffixes.len() >= 30);
        assert!(r.location_words.len() >= 34 + 80);
        for word in ["北京", "北京市", "广东", "广东省", "深圳", "深圳市", "新疆维吾尔自治区"] {
            assert!(r.location_words.iter().any(|w| w == word), "{word}");
        }
        for list in [&r.legal_suffixes, &r.location_words, &r.noise_words] {
            let mut seen = std::collections::BTreeSet::new();
            for w in list.iter() {
                assert!(seen.insert(w.as_str()), "duplicate {w}");
                assert_eq!(w.trim(), w, "{w:?}");
            }
        }
        assert!(CompanyRules::from_toml("legal_suffixes = 1").is_err());
        let padded = CompanyRules::from_toml("legal_suffixes = [\" Ltd \", \"\"]").expect("valid toml");
        assert_eq!(padded.legal_suffixes, vec!["Ltd".to_string()]);
        let empty = CompanyRules::from_toml("").expect("empty is fine");
        assert_eq!(clean_company("Acme Ltd", &empty).1, "acmeltd");
    }

    /// The longest fitting word found by walking the whole list, first in the list among
    /// equals: what the grouped lookups must choose.
    fn walk_end<'a>(s: &'a str, words: &[String], min_rest: usize) -> Option<&'a str> {
        let mut best: Option<(usize, &'a str)> = None;
        for w in words.iter().map(|w| w.trim_end_matches(['.', ','])) {
            let Some(start) = s.len().checked_sub(w.len()) else {
                continue;
            };
            if w.is_empty() || best.is_some_and(|(len, _)| len >= w.len()) || !s.is_char_boundary(start) {
                continue;
            }
            let rest = &s[..start];
            let boundary = !w.starts_with(|c: char| c.is_ascii_alphanumeric())
                || !rest.ends_with(|c: char| c.is_ascii_alphanumeric());
            if s[start..].eq_ignore_ascii_case(w) && boundary && count_alnum(rest) >= min_rest {
                best = Some((w.len(), rest));
            }
        }
        best.map(|(_, rest)| rest)
    }

    fn walk_start<'a>(s: &'a str, words: &[String]) -> Option<&'a str> {
        let mut best: Option<(usize, &'a str)> = None;
        for w in words.iter().filter(|w| w.chars().any(is_han)) {
            let Some(rest) = s.strip_prefix(w.as_str()) else {
                continue;
            };
            if best.is_none_or(|(len, _)| len < w.len()) && count_alnum(rest) >= MIN_AFTER_LOCATION {
                best = Some((w.len(), rest));
            }
        }
        best.map(|(_, rest)| rest)
    }

    /// Company-like texts put together from the rules' own words and a few others.
    fn names() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        let r = rules();
        let mut pieces: Vec<String> = ["科技", "A", "acme", " ", "(", ")", "x", "银行", "CO", "ltd"]
            .map(String::from)
            .to_vec();
        pieces.extend(r.legal_suffixes.iter().chain(&r.location_words).cloned());
        proptest::collection::vec(proptest::sample::select(pieces), 0..6).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn grouped_lookups_choose_what_walking_the_list_chooses(s in names(), min_rest in 0usize..4) {
            let r = rules();
            proptest::prop_assert_eq!(strip_longest_end(&s, &r.suffix_ends, min_rest), walk_end(&s, &r.legal_suffixes, min_rest));
            proptest::prop_assert_eq!(
                strip_longest_end(&s, &r.location_ends, min_rest),
                walk_end(&s, &r.location_words, min_rest)
            );
            proptest::prop_assert_eq!(strip_longest_start(&s, &r.location_starts), walk_start(&s, &r.location_words));
        }
    }
}
