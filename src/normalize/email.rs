//! E-mail addresses: extract, tidy, correct common domain typos, check syntax.
//!
//! E-mail is the second key (after the ID number) used to match customers, so it must
//! come out in one canonical spelling: full-width `＠`/`．` folded, `mailto:`, display
//! names and labels removed, the domain lower-cased (the local part keeps its case, as
//! RFC 5321 allows it to matter), and well-known misspellings such as `qq.con` fixed
//! from `rules/email.toml`. The syntax check is a practical subset of RFC 5322: ASCII
//! dot-atom local part, one `@`, a domain of at least two labels with a 2+ letter TLD.
//!
//! Nothing is guessed that the cell does not say: a bare QQ number is reported
//! (`email.missing_domain`), not turned into `…@qq.com`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::cleaned::Cleaned;
use crate::text;

/// Domain corrections, loaded from `rules/email.toml`.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct EmailRules {
    /// Misspelled domain → correct domain, both lower-case.
    #[serde(default)]
    pub domain_typos: BTreeMap<String, String>,
}

impl EmailRules {
    /// Parses a rules file. Keys and values are lower-cased so lookups need no care.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str::<EmailRules>(text).map(EmailRules::tidied)
    }

    /// The rules as written, keys and values trimmed and lower-cased (what `Rules` does
    /// with every email.toml it loads).
    pub fn tidied(self) -> Self {
        let domain_typos = self
            .domain_typos
            .into_iter()
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase()))
            .collect();
        EmailRules { domain_typos }
    }
}

/// Top-level domains that may be split off by a comma or space typed for the dot
/// (`abc@qq,com`).
const SPLIT_TLDS: &[&str] = &[
    "com", "cn", "net", "org", "edu", "gov", "hk", "tw", "mo", "jp", "uk", "us", "de", "io", "co", "info", "biz",
];

/// Characters allowed in a local part besides ASCII letters and digits.
const LOCAL_SPECIALS: &str = "!#$%&'*+=?^_`{|}~.-";

/// Cleans one e-mail cell. When the cell holds several addresses the first is cleaned
/// (rule `email.multiple`); [`clean_cell`] cleans every address of a cell. Rules:
/// `email.domain_typo`, `email.separator_typo`, `email.multiple`, `email.extracted`
/// (mailto, display name, label removed), `email.domain_case`, `email.tidy`. Issues
/// (rejecting): `email.syntax`, `email.missing_domain`.
pub fn clean_email(raw: &str, rules: &EmailRules) -> Cleaned {
    if raw.trim().is_empty() {
        return Cleaned::blank();
    }
    clean_scanned(raw, scan(raw), rules)
}

/// Every address of an email cell, each with its text and what cleaning it gave. A cell
/// of one address, or of none, is cleaned whole as [`clean_email`] cleans it, from the
/// one reading that found how many it holds.
pub fn clean_cell(raw: &str, rules: &EmailRules) -> Vec<(String, Cleaned)> {
    if raw.trim().is_empty() {
        return vec![(raw.to_string(), Cleaned::blank())];
    }
    let scan = scan(raw);
    if scan.pieces.len() <= 1 {
        return vec![(raw.to_string(), clean_scanned(raw, scan, rules))];
    }
    scan.pieces
        .into_iter()
        .map(|piece| {
            let cleaned = clean_email(&piece, rules);
            (piece, cleaned)
        })
        .collect()
}

/// [`clean_email`] of a cell already read.
fn clean_scanned(raw: &str, scan: Scan, rules: &EmailRules) -> Cleaned {
    let Some(first) = scan.pieces.first() else {
        return Cleaned::rejected("email.syntax", format!("no address in {:?}", shorten(raw.trim())));
    };
    let Some((local, domain)) = first.split_once('@') else {
        return no_at_issue(first);
    };
    if scan.first_spaced {
        return Cleaned::rejected(
            "email.syntax",
            format!("space inside the address? {:?}", shorten(raw.trim())),
        );
    }
    let mut lower = domain.to_ascii_lowercase();
    let mut rule = pick_rule(&scan, lower != domain);
    if let Some(fixed) = rules.domain_typos.get(&lower) {
        lower.clone_from(fixed);
        rule = "email.domain_typo";
    }
    if let Err(why) = check_syntax(local, &lower) {
        return Cleaned::rejected("email.syntax", format!("{why}: {}", shorten(first)));
    }
    let mut value = String::with_capacity(local.len() + 1 + lower.len());
    value.push_str(local);
    value.push('@');
    value.push_str(&lower);
    Cleaned::new(raw, value, rule)
}

/// Splits a cell holding several addresses (separated by `;` `,` `/` `、` `，` `|` or
/// white space) into the address candidates, in order, with display names, `mailto:`
/// and labels removed. The first element is what [`clean_email`] cleans; pass each of
/// the others through [`clean_email`] too. Words without `@` are dropped when any piece
/// has one (`张三 <zs@qq.com>` gives one candidate).
pub fn split_emails(raw: &str) -> Vec<String> {
    scan(raw).pieces
}

/// Candidate addresses of a cell and what was done to find them.
struct Scan {
    pieces: Vec<String>,
    /// The first candidate directly follows a bare lower-case word (`ab c@qq.com`):
    /// maybe a space typed inside the address, so it is not trusted.
    first_spaced: bool,
    /// A TLD cut off by a comma or space was joined back (`abc@qq,com`).
    joined: bool,
    /// Display names, labels, `mailto:` or extra words were removed.
    extracted: bool,
}

fn scan(raw: &str) -> Scan {
    let mut tidy = text::tidy(raw);
    if tidy.contains(" @") || tidy.contains("@ ") {
        tidy = tidy.replace(" @", "@").replace("@ ", "@");
    }
    let mut extracted = false;
    let mut joined = false;
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut prev_word: Option<&str> = None;
    let mut parts = tidy.split_inclusive(is_separator).map(split_separator).peekable();
    while let Some((part, separator)) = parts.next() {
        if part.is_empty() {
            prev_word = None;
            continue;
        }
        let (mut piece, changed) = unwrap_piece(part);
        extracted |= changed;
        let spaced = !changed && prev_word.is_some_and(is_bare_word) && starts_local(part);
        prev_word = (separator == Some(' ')).then_some(part);
        if piece.is_empty() {
            continue;
        }
        if let Some(tld) = parts.peek().and_then(|(next, _)| split_tld(&piece, next)) {
            piece.push('.');
            piece.push_str(tld);
            joined = true;
            parts.next();
        }
        pieces.push((piece, spaced));
    }
    if pieces.iter().any(|(p, _)| p.contains('@')) {
        let before = pieces.len();
        pieces.retain(|(p, _)| p.contains('@'));
        extracted |= pieces.len() != before;
    }
    Scan {
        first_spaced: pieces.first().is_some_and(|(_, spaced)| *spaced),
        pieces: pieces.into_iter().map(|(p, _)| p).collect(),
        joined,
        extracted,
    }
}

/// A word that could be the front half of an address: lower-case local-part
/// characters only, no `@`.
fn is_bare_word(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-' | '+'))
}

fn starts_local(part: &str) -> bool {
    part.contains('@') && part.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// A chunk of `split_inclusive` without its separator, and the separator.
fn split_separator(chunk: &str) -> (&str, Option<char>) {
    match chunk.chars().next_back().filter(|c| is_separator(*c)) {
        Some(c) => (&chunk[..chunk.len() - c.len_utf8()], Some(c)),
        None => (chunk, None),
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, ';' | ',' | '/' | '、' | '|' | ' ')
}

/// Strips wrapping punctuation, a display name (`Name <a@b.com>`), a bracketed
/// comment (`a@b.com(张三)`), `mailto:` and a label (`邮箱:a@b.com`). The flag says
/// something besides wrapping was removed.
fn unwrap_piece(part: &str) -> (String, bool) {
    let mut s = trim_wrapping(part);
    let mut extracted = false;
    if let Some(open) = s.rfind('<') {
        let inner = &s[open + 1..];
        s = inner.split('>').next().unwrap_or(inner);
        extracted = open > 0;
    }
    if let Some(open) = s.find('(').filter(|&open| s[..open].contains('@')) {
        s = &s[..open]; // `a@b.com(张三)`
        extracted = true;
    } else if let Some(close) = s.find(')').filter(|&close| s[close..].contains('@')) {
        s = &s[close + 1..]; // `(张三)a@b.com`
        extracted = true;
    }
    if s.len() >= 7 && s.is_char_boundary(7) && s[..7].eq_ignore_ascii_case("mailto:") {
        s = &s[7..];
        extracted = true;
    }
    if let Some(at) = s.find('@') {
        if let Some(colon) = s[..at].rfind(':') {
            s = &s[colon + 1..];
            extracted = true;
        }
    }
    (trim_wrapping(s).to_string(), extracted)
}

fn trim_wrapping(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || is_wrapper(c))
        .trim_end_matches(|c: char| c.is_whitespace() || is_wrapper(c) || is_trailing_punct(c))
}

fn is_wrapper(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '<'
            | '>'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '《'
            | '》'
            | '「'
            | '」'
            | '『'
            | '』'
            | '【'
            | '】'
            | '“'
            | '”'
            | '‘'
            | '’'
    )
}

fn is_trailing_punct(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '。' | '、')
}

/// `abc@qq` followed by `com`: the TLD to join back, if that is what happened.
fn split_tld<'a>(piece: &str, next: &'a str) -> Option<&'a str> {
    let (_, domain) = piece.split_once('@')?;
    if domain.is_empty() || domain.contains('.') {
        return None;
    }
    let next = next.trim_matches('.');
    let first_label = next.split('.').next().unwrap_or(next);
    let ok = next.bytes().all(|b| b.is_ascii_alphabetic() || b == b'.')
        && SPLIT_TLDS.iter().any(|t| t.eq_ignore_ascii_case(first_label));
    ok.then_some(next)
}

fn pick_rule(scan: &Scan, case_changed: bool) -> &'static str {
    if scan.joined {
        "email.separator_typo"
    } else if scan.pieces.len() > 1 {
        "email.multiple"
    } else if scan.extracted {
        "email.extracted"
    } else if case_changed {
        "email.domain_case"
    } else {
        "email.tidy"
    }
}

fn no_at_issue(piece: &str) -> Cleaned {
    let qq_like = (5..=11).contains(&piece.len()) && piece.bytes().all(|b| b.is_ascii_digit());
    if qq_like {
        Cleaned::rejected(
            "email.missing_domain",
            format!("{piece} looks like a QQ number; the domain is not guessed"),
        )
    } else {
        Cleaned::rejected("email.syntax", format!("no @ in {:?}", shorten(piece)))
    }
}

/// Practical RFC 5322 subset; the error names the first problem found.
fn check_syntax(local: &str, domain: &str) -> Result<(), &'static str> {
    if local.is_empty() || local.len() > 64 {
        return Err("local part must be 1 to 64 characters");
    }
    let local_ok = local
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c));
    if !local_ok {
        return Err("invalid character before @");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err("misplaced dot before @");
    }
    if domain.len() > 253 || !domain.contains('.') {
        return Err("domain needs a dot");
    }
    for label in domain.split('.') {
        check_label(label)?;
    }
    let tld = domain.rsplit('.').next().unwrap_or("");
    if tld.len() < 2 || !tld.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err("top-level domain must be 2+ letters");
    }
    Ok(())
}

fn check_label(label: &str) -> Result<(), &'static str> {
    if label.is_empty() {
        return Err("empty domain label (consecutive dots?)");
    }
    if label.len() > 63 {
        return Err("domain label longer than 63");
    }
    if !label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err("invalid character in domain");
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err("domain label starts or ends with a hyphen");
    }
    Ok(())
}

fn shorten(s: &str) -> &str {
    match s.char_indices().nth(60) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::cleaned::testing::{check_conventions, nasty_inputs};
    use std::sync::LazyLock;

    fn rules() -> &'static EmailRules {
        static RULES: LazyLock<crate::rules::Rules> = LazyLock::new(crate::rules::Rules::defaults);
        &RULES.normalize.email
    }

    /// raw, value, rule, issue code
    const CASES: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        ("abc@qq.com", "abc@qq.com", None, None),
        ("  abc@qq.com ", "abc@qq.com", None, None),
        ("ZhangSan@QQ.COM", "ZhangSan@qq.com", Some("email.domain_case"), None),
        ("ａｂｃ＠ｑｑ．ｃｏｍ", "abc@qq.com", Some("email.tidy"), None),
        ("abc＠qq。com", "abc@qq.com", Some("email.tidy"), None),
        ("abc@qq.com.", "abc@qq.com", Some("email.tidy"), None),
        ("abc@qq.com;", "abc@qq.com", Some("email.tidy"), None),
        ("\"abc@qq.com\"", "abc@qq.com", Some("email.tidy"), None),
        ("abc @ qq.com", "abc@qq.com", Some("email.tidy"), None),
        ("mailto:abc@qq.com", "abc@qq.com", Some("email.extracted"), None),
        ("MAILTO:abc@qq.com", "abc@qq.com", Some("email.extracted"), None),
        ("张三 <zs@example.com>", "zs@example.com", Some("email.extracted"), None),
        (
            "Zhang San<zs@example.com>",
            "zs@example.com",
            Some("email.extracted"),
            None,
        ),
        ("<zs@example.com>", "zs@example.com", Some("email.tidy"), None),
        ("邮箱：zs@example.com", "zs@example.com", Some("email.extracted"), None),
        ("Email: zs@example.com", "zs@example.com", Some("email.extracted"), None),
        ("abc@qq.con", "abc@qq.com", Some("email.domain_typo"), None),
        ("abc@QQ.CON", "abc@qq.com", Some("email.domain_typo"), None),
        ("abc@gmial.com", "abc@gmail.com", Some("email.domain_typo"), None),
        ("abc@yeah.ent", "abc@yeah.net", Some("email.domain_typo"), None),
        ("abc@163.cm", "abc@163.com", Some("email.domain_typo"), None),
        ("abc@qq,com", "abc@qq.com", Some("email.separator_typo"), None),
        ("abc@163，com", "abc@163.com", Some("email.separator_typo"), None),
        ("abc@163 com.cn", "abc@163.com.cn", Some("email.separator_typo"), None),
        ("a@x.com; b@y.com", "a@x.com", Some("email.multiple"), None),
        ("a@x.com、b@y.com", "a@x.com", Some("email.multiple"), None),
        ("a@x.com / b@y.com", "a@x.com", Some("email.multiple"), None),
        ("a@x.com b@y.com", "a@x.com", Some("email.multiple"), None),
        (
            "first.last+tag@sub.example.co.uk",
            "first.last+tag@sub.example.co.uk",
            None,
            None,
        ),
        ("o'brien@example.ie", "o'brien@example.ie", None, None),
        ("user_name-1@my-domain.cn", "user_name-1@my-domain.cn", None, None),
        ("12345678", "", None, Some("email.missing_domain")),
        ("12345678@", "", None, Some("email.syntax")),
        ("abc", "", None, Some("email.syntax")),
        ("abc@", "", None, Some("email.syntax")),
        ("@qq.com", "", None, Some("email.syntax")),
        ("abc@qq", "", None, Some("email.syntax")),
        ("abc@@qq.com", "", None, Some("email.syntax")),
        ("abc@qq..com", "", None, Some("email.syntax")),
        ("a..b@qq.com", "", None, Some("email.syntax")),
        (".ab@qq.com", "", None, Some("email.syntax")),
        ("ab.@qq.com", "", None, Some("email.syntax")),
        ("abc@qq.c", "", None, Some("email.syntax")),
        ("abc@qq.123", "", None, Some("email.syntax")),
        ("abc@-qq.com", "", None, Some("email.syntax")),
        ("ab c@qq.com", "", None, Some("email.syntax")),
        ("12345678 a@x.com", "", None, Some("email.syntax")),
        ("ab;c@qq.com", "c@qq.com", Some("email.extracted"), None),
        ("ab;c@qq.com d@qq.com", "c@qq.com", Some("email.multiple"), None),
        ("zhang san <zs@x.com>", "zs@x.com", Some("email.extracted"), None),
        ("John Smith john@x.com", "john@x.com", Some("email.extracted"), None),
        ("zs@x.com (张三)", "zs@x.com", Some("email.extracted"), None),
        ("zs@x.com（张三）", "zs@x.com", Some("email.extracted"), None),
        ("(张三)zs@x.com", "zs@x.com", Some("email.extracted"), None),
        ("张三@公司.中国", "", None, Some("email.syntax")),
        ("无", "", None, Some("email.syntax")),
        ("", "", None, None),
    ];

    #[test]
    fn table() {
        for (raw, value, rule, issue) in CASES {
            let c = clean_email(raw, rules());
            assert_eq!(c.value, *value, "value of {raw:?}: {c:?}");
            assert_eq!(c.rule, *rule, "rule of {raw:?}");
            assert_eq!(c.issue.as_ref().map(|i| i.code), *issue, "issue of {raw:?}");
            check_conventions(raw, &c);
        }
    }

    #[test]
    fn idempotent() {
        for (raw, _, _, _) in CASES {
            let once = clean_email(raw, rules());
            let twice = clean_email(&once.value, rules());
            assert_eq!(twice.value, once.value, "{raw:?}");
            assert_eq!(twice.rule, None, "{raw:?}");
        }
    }

    #[test]
    fn nasty_inputs_never_panic() {
        for raw in nasty_inputs() {
            let c = clean_email(&raw, rules());
            check_conventions(&raw, &c);
            assert_eq!(clean_email(&c.value, rules()).value, c.value, "{raw:?}");
            let _ = split_emails(&raw);
        }
    }

    /// A cell's addresses, each cleaned: what splitting the cell and cleaning each part
    /// (or the whole cell, when it holds one or none) gives.
    #[test]
    fn a_cell_is_cleaned_address_by_address_as_split() {
        let cells = CASES.iter().map(|c| c.0.to_string()).chain(nasty_inputs()).chain(
            [
                "a@x.com; b@y.com",
                "张三 <zs@x.com>, 李四 <ls@y.com>",
                "a@qq,com; b@163,com",
                "12345678 a@x.com",
                "  ",
            ]
            .map(String::from),
        );
        for raw in cells {
            let mut parts = split_emails(&raw);
            if parts.len() <= 1 {
                parts = vec![raw.clone()];
            }
            let want: Vec<(String, Cleaned)> = parts
                .into_iter()
                .map(|p| {
                    let c = clean_email(&p, rules());
                    (p, c)
                })
                .collect();
            assert_eq!(clean_cell(&raw, rules()), want, "{raw:?}");
        }
    }

    #[test]
    fn split_table() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("a@x.com", &["a@x.com"]),
            ("a@x.com; b@y.com", &["a@x.com", "b@y.com"]),
            ("a@x.com，b@y.com、c@z.cn", &["a@x.com", "b@y.com", "c@z.cn"]),
            ("a@x.com/b@y.com | c@z.cn", &["a@x.com", "b@y.com", "c@z.cn"]),
            ("a@x.com\nb@y.com", &["a@x.com", "b@y.com"]),
            ("张三 <zs@x.com>, 李四 <ls@y.com>", &["zs@x.com", "ls@y.com"]),
            ("a@qq,com; b@163,com", &["a@qq.com", "b@163.com"]),
            ("12345678", &["12345678"]),
            ("12345678 a@x.com", &["a@x.com"]),
        ];
        for (raw, want) in cases {
            assert_eq!(split_emails(raw), *want, "{raw:?}");
        }
    }

    #[test]
    fn rules_file_is_sane() {
        let typos = &rules().domain_typos;
        assert!(typos.len() >= 30, "only {} typos", typos.len());
        for (typo, fix) in typos {
            assert!(!typos.contains_key(fix), "{fix} is itself a typo key");
            assert_eq!(typo, &typo.to_ascii_lowercase());
            assert!(check_syntax("a", fix).is_ok(), "{fix} is not a valid domain");
        }
        let shipped = crate::rules::DEFAULT_FILES
            .iter()
            .find(|f| f.name == "email.toml")
            .unwrap();
        let keys: Vec<&str> = shipped
            .text
            .lines()
            .filter_map(|l| l.strip_prefix('"')?.split('"').next())
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted, "rules/email.toml keys must stay sorted");
        assert_eq!(keys.len(), typos.len());
    }

    #[test]
    fn custom_rules_are_lower_cased() {
        let custom = EmailRules::from_toml("[domain_typos]\n\"Corp.CON\" = \"Corp.COM\"\n").expect("valid toml");
        let c = clean_email("x@corp.con", &custom);
        assert_eq!(c.value, "x@corp.com");
        assert_eq!(c.rule, Some("email.domain_typo"));
        assert!(EmailRules::from_toml("domain_typos = 3").is_err());
        assert!(EmailRules::from_toml("").is_ok());
        assert_eq!(clean_email("x@qq.con", &EmailRules::default()).value, "x@qq.con");
    }
}
