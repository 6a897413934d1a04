//! Sex column: `男/女`, `M/F`, `Male/Female`, forms of address (`先生`, `女士`, `Mr`).
//!
//! Sex is also encoded in the resident ID number, so the ID check compares against the
//! value parsed here. Digit codes (`1/2`, `0/1`) are deliberately not read: different
//! systems use opposite conventions, and a wrong guess would create false mismatches.

use super::cleaned::Cleaned;
use crate::text;

/// Sex as recorded in a customer list or encoded in an ID number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    /// 男
    Male,
    /// 女
    Female,
}

impl Sex {
    /// One-letter code used in the master: `"M"` or `"F"`.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
        }
    }

    /// Chinese label: `"男"` or `"女"`.
    pub fn zh(self) -> &'static str {
        match self {
            Sex::Male => "男",
            Sex::Female => "女",
        }
    }
}

const MALE_WORDS: &[&str] = &["男", "男性", "男士", "先生", "m", "male", "man", "mr", "boy"];
const FEMALE_WORDS: &[&str] = &[
    "女", "女性", "女士", "小姐", "太太", "f", "female", "woman", "mrs", "ms", "miss", "girl",
];

/// Reads a sex cell. Case-insensitive, full-width folded, surrounding punctuation
/// ignored. Returns `None` for blanks, digits and anything unrecognized.
pub fn parse_sex(raw: &str) -> Option<Sex> {
    let folded = text::tidy(raw);
    let word = folded.trim_matches(is_edge_junk);
    if word.is_empty() {
        return None;
    }
    if MALE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        Some(Sex::Male)
    } else if FEMALE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        Some(Sex::Female)
    } else {
        None
    }
}

/// Cleans a sex cell to `"M"`/`"F"` (rule `sex.code`). Anything unrecognized is
/// rejected with issue `sex.unknown`.
pub fn clean_sex(raw: &str) -> Cleaned {
    if raw.trim().is_empty() {
        return Cleaned::blank();
    }
    match parse_sex(raw) {
        Some(sex) => Cleaned::new(raw, sex.code().to_string(), "sex.code"),
        None => Cleaned::rejected("sex.unknown", format!("not a recognized sex: {:?}", raw.trim())),
    }
}

fn is_edge_junk(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_punctuation() || matches!(c, '。' | '、')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::cleaned::testing::{check_conventions, nasty_inputs};
    use crate::normalize::cleaned::Issue;

    #[test]
    fn parses_table() {
        let cases: &[(&str, Option<Sex>)] = &[
            ("男", Some(Sex::Male)),
            (" 女 ", Some(Sex::Female)),
            ("男性", Some(Sex::Male)),
            ("女士", Some(Sex::Female)),
            ("先生", Some(Sex::Male)),
            ("小姐", Some(Sex::Female)),
            ("M", Some(Sex::Male)),
            ("f", Some(Sex::Female)),
            ("Ｍ", Some(Sex::Male)),
            ("MALE", Some(Sex::Male)),
            ("Female", Some(Sex::Female)),
            ("female.", Some(Sex::Female)),
            ("(男)", Some(Sex::Male)),
            ("Mr.", Some(Sex::Male)),
            ("Ms", Some(Sex::Female)),
            ("1", None),
            ("2", None),
            ("0", None),
            ("", None),
            ("未知", None),
            ("男女", None),
            ("x", None),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_sex(raw), *want, "{raw:?}");
        }
    }

    #[test]
    fn codes() {
        assert_eq!(Sex::Male.code(), "M");
        assert_eq!(Sex::Female.code(), "F");
        assert_eq!(Sex::Male.zh(), "男");
        assert_eq!(Sex::Female.zh(), "女");
    }

    #[test]
    fn clean_table() {
        let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
            ("男", "M", Some("sex.code"), None),
            ("F", "F", None, None),
            (" m ", "M", Some("sex.code"), None),
            ("", "", None, None),
            ("1", "", None, Some("sex.unknown")),
        ];
        for (raw, value, rule, issue) in cases {
            let c = clean_sex(raw);
            assert_eq!(c.value, *value, "{raw:?}");
            assert_eq!(c.rule, *rule, "{raw:?}");
            assert_eq!(c.issue.as_ref().map(|i| i.code), *issue, "{raw:?}");
        }
    }

    #[test]
    fn nasty_inputs_never_panic_and_are_idempotent() {
        for raw in nasty_inputs() {
            let c = clean_sex(&raw);
            check_conventions(&raw, &c);
            assert_eq!(clean_sex(&c.value).value, c.value, "{raw:?}");
        }
    }

    #[test]
    fn idempotent() {
        for raw in ["男", "女士", "Male", "f", "MR"] {
            let once = clean_sex(raw).value;
            let twice = clean_sex(&once);
            assert_eq!(twice.value, once);
            assert_eq!(twice.rule, None);
        }
    }

    #[test]
    fn issue_detail_names_value() {
        let c = clean_sex("unknown");
        assert_eq!(
            c.issue,
            Some(Issue::new("sex.unknown", "not a recognized sex: \"unknown\""))
        );
    }
}
