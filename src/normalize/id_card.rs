//! Chinese resident identity numbers (GB 11643-1999): clean, verify, upgrade, mask.
//!
//! The ID number is the strongest key a customer record can carry, and it also encodes
//! the birth date, the sex and the issuing region, so a verified number lets the
//! pipeline cross-check other columns ([`check_against`]). This module owns:
//! the 18-character format with its ISO 7064 MOD 11-2 check character, the upgrade of
//! legacy 15-digit numbers, plausibility of the embedded birth date and province code,
//! and the masked form issue details show ([`crate::text::mask`]). Only the province (first two digits) is checked; a county
//! table is out of scope. Issue details show masked numbers only, so review sheets do
//! not leak full ID numbers.

use super::cleaned::{Cleaned, Issue};
use super::date;
use super::sex::Sex;
use crate::record::resident_id::check_char;
use crate::text;
use crate::text::mask::mask_id;

/// What a verified ID number says about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdInfo {
    /// The 18-character number, check character `X` upper-case.
    pub number: String,
    /// Birth date, `YYYY-MM-DD`.
    pub birth: String,
    /// Sex from the 17th digit (odd: male).
    pub sex: Sex,
    /// The 6-digit administrative region prefix.
    pub region: String,
}

/// Valid first two digits: provinces, Taiwan, Hong Kong, Macau and 91 (abroad).
const PROVINCE_CODES: &[&str] = &[
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44",
    "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83", "91",
];

/// Cleans and verifies one ID cell. Folds full-width characters, drops spaces and
/// dashes, upper-cases `x`, upgrades 15-digit numbers (rule `id.upgrade_15`) and checks
/// checksum, birth date (1900 up to today) and province. Issues, all rejecting:
/// `id.chars`, `id.length`, `id.checksum`, `id.birth_date`, `id.region`.
pub fn clean_id(raw: &str) -> (Cleaned, Option<IdInfo>) {
    clean_id_as_of(raw, date::today())
}

/// [`clean_id`] with an explicit "today" for the birth-date check.
fn clean_id_as_of(raw: &str, today: (i32, u32, u32)) -> (Cleaned, Option<IdInfo>) {
    if raw.trim().is_empty() {
        return (Cleaned::blank(), None);
    }
    let compact = compact(raw);
    if other_document(&compact) {
        // A social security number, passport or other document: kept as written
        // (compact), with nothing to check it against.
        return (Cleaned::new(raw, compact, "id.other"), None);
    }
    match verify(&compact, today) {
        Ok((info, rule)) => {
            let cleaned = Cleaned::new(raw, info.number.clone(), rule);
            (cleaned, Some(info))
        }
        Err(issue) => (
            Cleaned {
                value: String::new(),
                rule: None,
                issue: Some(issue),
            },
            None,
        ),
    }
}

/// Another kind of document than a resident ID (a social security number `1804974` or
/// `123-45-6789`, a passport number `E12345678`): 6 to 13 letters and digits, at least
/// five of them digits. A resident ID with a slip (too short, a stray letter) is longer
/// and is still checked as one.
fn other_document(id: &str) -> bool {
    (6..=13).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric())
        && id.bytes().filter(u8::is_ascii_digit).count() >= 5
}

/// Full-width folded, without white space, dashes or Excel's leading apostrophe, `x`
/// upper-cased.
fn compact(raw: &str) -> String {
    let trimmed = raw.trim().trim_start_matches(['\'', '‘', '’']);
    trimmed
        .chars()
        .map(text::fold_char)
        .filter(|c| !c.is_whitespace() && *c != '-' && !is_invisible(*c))
        .map(|c| if c == 'x' { 'X' } else { c })
        .collect()
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{2060}')
}

fn verify(id: &str, today: (i32, u32, u32)) -> Result<(IdInfo, &'static str), Issue> {
    check_chars(id)?;
    match id.len() {
        18 => {
            check_checksum(id)?;
            Ok((info_from_18(id, today)?, "id.tidy"))
        }
        15 => {
            let mut upgraded = String::with_capacity(18);
            upgraded.push_str(&id[..6]);
            upgraded.push_str("19");
            upgraded.push_str(&id[6..]);
            let check = check_char(&upgraded).ok_or_else(|| chars_issue(id))?;
            upgraded.push(check);
            Ok((info_from_18(&upgraded, today)?, "id.upgrade_15"))
        }
        n => Err(Issue::new(
            "id.length",
            format!("{n} characters, expected 18 (or legacy 15): {}", mask_id(id)),
        )),
    }
}

/// Digits only, except an `X` as the 18th character.
fn check_chars(id: &str) -> Result<(), Issue> {
    if looks_like_excel_number(id) {
        return Err(Issue::new(
            "id.chars",
            "stored as a number in scientific notation; the last digits are lost, \
             re-export the column as text",
        ));
    }
    let n = id.len();
    let ok = !id.is_empty()
        && id
            .bytes()
            .enumerate()
            .all(|(i, b)| b.is_ascii_digit() || (b == b'X' && i == 17 && n == 18));
    if ok {
        Ok(())
    } else {
        Err(chars_issue(id))
    }
}

fn chars_issue(id: &str) -> Issue {
    Issue::new(
        "id.chars",
        format!("only digits and a final X allowed: {}", mask_id(id)),
    )
}

/// `1.10105E+17`: what Excel shows for an ID typed into a number cell.
fn looks_like_excel_number(id: &str) -> bool {
    id.contains(['E', 'e']) && id.contains('+') && id.bytes().all(|b| b.is_ascii_digit() || b".Ee+".contains(&b))
}

fn check_checksum(id: &str) -> Result<(), Issue> {
    let expected = check_char(&id[..17]).ok_or_else(|| chars_issue(id))?;
    if id.ends_with(expected) {
        return Ok(());
    }
    let hint = if id[..17].ends_with("000") {
        "; trailing zeros suggest Excel rounded it to 15 digits"
    } else {
        ""
    };
    Err(Issue::new(
        "id.checksum",
        format!("check character should be {expected}: {}{hint}", mask_id(id)),
    ))
}

/// Birth date, region and sex of a checksum-verified 18-digit number.
fn info_from_18(id: &str, today: (i32, u32, u32)) -> Result<IdInfo, Issue> {
    let year = digits(&id[6..10]) as i32;
    let month = digits(&id[10..12]);
    let day = digits(&id[12..14]);
    let birth = format!("{}-{}-{}", &id[6..10], &id[10..12], &id[12..14]);
    let not_future = (year, month, day) <= today;
    if !(1900..=today.0).contains(&year) || !date::is_valid_date(year, month, day) || !not_future {
        return Err(Issue::new(
            "id.birth_date",
            format!("birth date {birth} is not a real past date: {}", mask_id(id)),
        ));
    }
    if !PROVINCE_CODES.contains(&&id[..2]) {
        return Err(Issue::new(
            "id.region",
            format!("{} is not a province code: {}", &id[..2], mask_id(id)),
        ));
    }
    let sex = if digits(&id[16..17]) % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };
    Ok(IdInfo {
        number: id.to_string(),
        birth,
        sex,
        region: id[..6].to_string(),
    })
}

fn digits(s: &str) -> u32 {
    s.bytes().fold(0u32, |acc, b| {
        acc.saturating_mul(10).saturating_add(u32::from(b - b'0'))
    })
}

/// Compares a verified ID with the sex and birth-date columns of the same record.
/// Unreadable or blank columns are skipped (their own normalizers report them).
/// Issues: `id.sex_mismatch`, `id.birth_mismatch`. A birth date of month or year
/// precision matches when it agrees that far; an ambiguous day/month date matches when
/// either reading agrees.
pub fn check_against(info: &IdInfo, sex: Option<Sex>, birth: Option<&str>) -> Vec<Issue> {
    let mut issues = Vec::new();
    if let Some(sex) = sex.filter(|s| *s != info.sex) {
        issues.push(Issue::new(
            "id.sex_mismatch",
            format!("ID number says {}, record says {}", info.sex.zh(), sex.zh()),
        ));
    }
    if let Some(raw) = birth {
        let cleaned = date::clean_date(raw);
        if !cleaned.value.is_empty() && !birth_matches(&info.birth, &cleaned) {
            issues.push(Issue::new(
                "id.birth_mismatch",
                format!("ID number says born {}, record says {}", info.birth, cleaned.value),
            ));
        }
    }
    issues
}

fn birth_matches(id_birth: &str, recorded: &Cleaned) -> bool {
    let value = recorded.value.as_str();
    if value.len() < 10 {
        return id_birth.starts_with(value);
    }
    if value == id_birth {
        return true;
    }
    let ambiguous = recorded.issue.as_ref().is_some_and(|i| i.code == "date.ambiguous");
    ambiguous
        && value.is_ascii()
        && id_birth.len() == 10
        && value[..5] == id_birth[..5]
        && value[5..7] == id_birth[8..10]
        && value[8..10] == id_birth[5..7]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::cleaned::testing::{check_conventions, nasty_inputs};

    const TODAY: (i32, u32, u32) = (2026, 5, 1);

    /// Hard-coded numbers with correct check characters (verified independently).
    const KNOWN_GOOD: &[&str] = &[
        "11010519491231002X",
        "320102199003071239",
        "440306200012315679",
        "510107202402290019",
        "65010219700101000X",
        "810000198511112221",
        "710000199912313332",
        "370202198506157819",
    ];

    /// raw, value, rule, issue code
    const CASES: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        ("11010519491231002X", "11010519491231002X", None, None),
        ("11010519491231002x", "11010519491231002X", Some("id.tidy"), None),
        (" 110105 19491231 002X ", "11010519491231002X", Some("id.tidy"), None),
        ("110105-19491231-002X", "11010519491231002X", Some("id.tidy"), None),
        (
            "１１０１０５１９４９１２３１００２Ｘ",
            "11010519491231002X",
            Some("id.tidy"),
            None,
        ),
        ("'11010519491231002X", "11010519491231002X", Some("id.tidy"), None),
        ("110105491231002", "11010519491231002X", Some("id.upgrade_15"), None),
        ("110105 491231 002", "11010519491231002X", Some("id.upgrade_15"), None),
        ("11010519491231002", "", None, Some("id.length")),
        ("1101051949123100201", "", None, Some("id.length")),
        ("123", "", None, Some("id.length")),
        ("110105194912310021", "", None, Some("id.checksum")),
        ("110105194912310000", "", None, Some("id.checksum")),
        ("X10105194912310021", "", None, Some("id.chars")),
        ("11010519491231002Y", "", None, Some("id.chars")),
        ("11010549123100X", "", None, Some("id.chars")),
        ("1.10105E+17", "", None, Some("id.chars")),
        ("身份证", "", None, Some("id.chars")),
        ("---", "", None, Some("id.chars")),
        ("440524188001010014", "", None, Some("id.birth_date")),
        ("", "", None, None),
    ];

    #[test]
    fn known_good_numbers_verify() {
        for id in KNOWN_GOOD {
            assert_eq!(check_char(&id[..17]), id.chars().last(), "{id}");
            let (c, info) = clean_id_as_of(id, TODAY);
            assert_eq!(c.value, *id);
            assert_eq!(c.rule, None);
            assert_eq!(c.issue, None, "{id}");
            assert!(info.is_some());
        }
    }

    #[test]
    fn table() {
        for (raw, value, rule, issue) in CASES {
            let (c, info) = clean_id_as_of(raw, TODAY);
            assert_eq!(c.value, *value, "value of {raw:?}: {c:?}");
            assert_eq!(c.rule, *rule, "rule of {raw:?}");
            assert_eq!(c.issue.as_ref().map(|i| i.code), *issue, "issue of {raw:?}");
            assert_eq!(info.is_some(), !value.is_empty(), "info of {raw:?}");
            check_conventions(raw, &c);
        }
    }

    #[test]
    fn other_documents_are_kept_as_written() {
        for (raw, value) in [
            ("1804974", "1804974"),
            ("123-45-6789", "123456789"),
            ("E12345678", "E12345678"),
            ("g1234567", "g1234567"),
        ] {
            let (c, info) = clean_id_as_of(raw, TODAY);
            assert_eq!(c.value, value, "{raw}");
            assert_eq!(c.issue, None, "{raw}");
            assert!(info.is_none(), "{raw}: no birth date or sex to read");
        }
    }

    /// Builds a valid-checksum number from 17 digits.
    fn with_check(first17: &str) -> String {
        let check = check_char(first17).expect("17 digits");
        format!("{first17}{check}")
    }

    #[test]
    fn computed_numbers() {
        // first 17 digits, expected issue code
        let cases: &[(&str, Option<&str>)] = &[
            ("11010520000229123", None),
            ("11010520010229123", Some("id.birth_date")),
            ("11010520231301123", Some("id.birth_date")),
            ("11010518991231123", Some("id.birth_date")),
            ("11010520260430123", None),
            ("11010520260502123", Some("id.birth_date")),
            ("11010520270101123", Some("id.birth_date")),
            ("10010519800101123", Some("id.region")),
            ("99010519800101123", Some("id.region")),
            ("91000019800101123", None),
            ("83000019800101123", None),
            ("46000019800101123", None),
        ];
        for (first17, issue) in cases {
            let id = with_check(first17);
            let (c, _) = clean_id_as_of(&id, TODAY);
            assert_eq!(c.issue.as_ref().map(|i| i.code), *issue, "{id}: {c:?}");
        }
    }

    #[test]
    fn info_fields() {
        let (_, info) = clean_id_as_of("11010519491231002X", TODAY);
        let info = info.expect("valid");
        assert_eq!(info.birth, "1949-12-31");
        assert_eq!(info.sex, Sex::Female);
        assert_eq!(info.region, "110105");
        let (_, info) = clean_id_as_of("320102199003071239", TODAY);
        let info = info.expect("valid");
        assert_eq!(info.sex, Sex::Male);
        assert_eq!(info.birth, "1990-03-07");
        assert_eq!(info.region, "320102");
    }

    #[test]
    fn real_clock_accepts_old_numbers() {
        let (c, info) = clean_id("11010519491231002X");
        assert_eq!(c.issue, None);
        assert!(info.is_some());
    }

    #[test]
    fn mask_table() {
        let cases: &[(&str, &str)] = &[
            ("11010519491231002X", "110***********002X"),
            ("110105491231002", "110********1002"),
            ("12345678", "123*5678"),
            ("1234567", "*******"),
            ("", ""),
            ("身份证号码不详啊", "身份证*码不详啊"),
        ];
        for (number, want) in cases {
            assert_eq!(mask_id(number), *want, "{number}");
        }
    }

    #[test]
    fn details_are_masked() {
        for raw in ["110105194912310021", "440524188001010014", "1101051949123100201"] {
            let (c, _) = clean_id_as_of(raw, TODAY);
            let detail = c.issue.map(|i| i.detail).unwrap_or_default();
            assert!(!detail.contains(&raw[3..14]), "{detail}");
        }
    }

    #[test]
    fn against_other_columns() {
        let (_, info) = clean_id_as_of("11010519491231002X", TODAY);
        let info = info.expect("valid");
        // sex, birth, expected issue codes
        let cases: &[(Option<Sex>, Option<&str>, &[&str])] = &[
            (None, None, &[]),
            (Some(Sex::Female), Some("1949-12-31"), &[]),
            (Some(Sex::Male), None, &["id.sex_mismatch"]),
            (None, Some("1949/12/31"), &[]),
            (None, Some("1949年12月"), &[]),
            (None, Some("1949"), &[]),
            (None, Some("1950-12-31"), &["id.birth_mismatch"]),
            (None, Some("1949-11"), &["id.birth_mismatch"]),
            (
                Some(Sex::Male),
                Some("1949-12-30"),
                &["id.sex_mismatch", "id.birth_mismatch"],
            ),
            (None, Some("not a date"), &[]),
            (None, Some(""), &[]),
        ];
        for (sex, birth, want) in cases {
            let got: Vec<&str> = check_against(&info, *sex, *birth).iter().map(|i| i.code).collect();
            assert_eq!(got, *want, "{sex:?} {birth:?}");
        }
    }

    #[test]
    fn ambiguous_birth_matches_either_order() {
        let id = with_check("11010519900305123");
        let (_, info) = clean_id_as_of(&id, TODAY);
        let info = info.expect("valid");
        assert!(check_against(&info, None, Some("3/5/1990")).is_empty());
        assert!(check_against(&info, None, Some("5/3/1990")).is_empty());
        assert_eq!(check_against(&info, None, Some("5/4/1990")).len(), 1);
    }

    #[test]
    fn idempotent() {
        for (raw, _, _, _) in CASES {
            let (once, _) = clean_id_as_of(raw, TODAY);
            let (twice, _) = clean_id_as_of(&once.value, TODAY);
            assert_eq!(twice.value, once.value, "{raw:?}");
            assert_eq!(twice.rule, None, "{raw:?}");
        }
    }

    #[test]
    fn nasty_inputs_never_panic() {
        for raw in nasty_inputs() {
            let (c, _) = clean_id_as_of(&raw, TODAY);
            check_conventions(&raw, &c);
            assert_eq!(clean_id_as_of(&c.value, TODAY).0.value, c.value);
            let _ = mask_id(&raw);
        }
    }
}
