//! Postal codes: Chinese six-digit codes first, plus the formats of the few foreign
//! countries customer lists commonly contain (US, GB, DE, FR, JP).
//!
//! Postcodes break in predictable ways: Excel turns `100080` into the number
//! `100080.0`, people type `邮编：100080` or full-width digits, foreign codes come in
//! any case and spacing. This module repairs those and checks the format for the
//! record's country. A lost leading zero (`10010` for `010010`) is reported, not
//! repaired: the missing digit could be anywhere.

use std::sync::LazyLock;

use regex::Regex;

use super::cleaned::Cleaned;
use crate::text;

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:邮政编码|邮编|郵便番号|〒)\s*[:#.]?\s*|(?i:postal\s*code|post\s*code|postcode|zip\s*code|zip|plz|cp)(?:\s*[:#.]\s*|\s+))",
    )
    .expect("LABEL regex")
});
static GB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Z]{1,2}[0-9][A-Z0-9]?|GIR)([0-9][A-Z]{2})$").expect("GB regex"));

/// Countries with a checked format; everything else is only tidied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Country {
    Cn,
    Us,
    Gb,
    De,
    Fr,
    Jp,
    Other,
}

/// Cleans a postcode for `region`: an ISO 3166 alpha-2 or alpha-3 code or common name
/// (`CN`, `CHN`, `中国`, `US`, `UK`, `GB`, `DE`, `FR`, `JP`, case-insensitive); a blank
/// region means China. Rules: `postcode.number` (`100080.0` → `100080`),
/// `postcode.label` (`邮编：` removed), `postcode.reformat` (spacing, case, dash),
/// `postcode.tidy`. Rejected: `postcode.format`.
pub fn clean_postcode(raw: &str, region: &str) -> Cleaned {
    let tidy = text::tidy(raw);
    if tidy.is_empty() {
        return Cleaned::blank();
    }
    let (body, labelled) = match LABEL.find(&tidy) {
        Some(m) if m.end() < tidy.len() => (&tidy[m.end()..], true),
        _ => (tidy.as_str(), false),
    };
    let (body, was_number) = strip_zero_fraction(body);
    let country = country(region);
    let result = match country {
        Country::Cn => digits_only(body, 6, "6 digits"),
        Country::De | Country::Fr => digits_only(body, 5, "5 digits"),
        Country::Us => us(body),
        Country::Gb => gb(body),
        Country::Jp => jp(body),
        Country::Other => Ok((body.to_string(), false)),
    };
    match result {
        Ok((value, reformatted)) => {
            let rule = if was_number {
                "postcode.number"
            } else if labelled {
                "postcode.label"
            } else if reformatted {
                "postcode.reformat"
            } else {
                "postcode.tidy"
            };
            Cleaned::new(raw, value, rule)
        }
        Err(expected) => Cleaned::rejected(
            "postcode.format",
            format!(
                "{:?} is not a postcode ({expected}){}",
                shorten(body),
                hint(body, country)
            ),
        ),
    }
}

fn country(region: &str) -> Country {
    let r = region.trim();
    let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(r));
    if r.is_empty() || is(&["CN", "CHN", "China", "中国", "PRC"]) {
        Country::Cn
    } else if is(&["US", "USA", "United States", "美国"]) {
        Country::Us
    } else if is(&["GB", "UK", "GBR", "United Kingdom", "英国"]) {
        Country::Gb
    } else if is(&["DE", "DEU", "Germany", "德国"]) {
        Country::De
    } else if is(&["FR", "FRA", "France", "法国"]) {
        Country::Fr
    } else if is(&["JP", "JPN", "Japan", "日本"]) {
        Country::Jp
    } else {
        Country::Other
    }
}

/// `100080.0` → (`100080`, true): what Excel does to a code stored as a number.
fn strip_zero_fraction(s: &str) -> (&str, bool) {
    match s.split_once('.') {
        Some((int, frac))
            if !int.is_empty()
                && !frac.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b == b'0') =>
        {
            (int, true)
        }
        _ => (s, false),
    }
}

/// Exactly `len` digits once spaces are removed.
fn digits_only(body: &str, len: usize, expected: &'static str) -> Result<(String, bool), &'static str> {
    let value: String = body.chars().filter(|c| *c != ' ').collect();
    if value.len() == len && value.bytes().all(|b| b.is_ascii_digit()) {
        let reformatted = value.len() != body.len();
        Ok((value, reformatted))
    } else {
        Err(expected)
    }
}

/// `12345`, `12345-6789` (also from `123456789` or `12345 6789`).
fn us(body: &str) -> Result<(String, bool), &'static str> {
    let digits: String = body.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("5 digits or ZIP+4");
    }
    let value = match digits.len() {
        5 => digits,
        9 => format!("{}-{}", &digits[..5], &digits[5..]),
        _ => return Err("5 digits or ZIP+4"),
    };
    let reformatted = value != body;
    Ok((value, reformatted))
}

/// Outward and inward code in capitals with one space: `SW1A 1AA`.
fn gb(body: &str) -> Result<(String, bool), &'static str> {
    let compact: String = body
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let caps = GB.captures(&compact).ok_or("outward and inward code, e.g. SW1A 1AA")?;
    let value = format!("{} {}", &caps[1], &caps[2]);
    let reformatted = value != body;
    Ok((value, reformatted))
}

/// `100-0001` (also from `1000001`).
fn jp(body: &str) -> Result<(String, bool), &'static str> {
    let digits: String = body.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.len() != 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("3+4 digits, e.g. 100-0001");
    }
    let value = format!("{}-{}", &digits[..3], &digits[3..]);
    let reformatted = value != body;
    Ok((value, reformatted))
}

fn hint(body: &str, country: Country) -> &'static str {
    let short_by_one = match country {
        Country::Cn => 5,
        Country::Us | Country::De | Country::Fr => 4,
        _ => return "",
    };
    if body.len() == short_by_one && body.bytes().all(|b| b.is_ascii_digit()) {
        "; a leading zero may have been lost in Excel"
    } else {
        ""
    }
}

fn shorten(s: &str) -> &str {
    match s.char_indices().nth(30) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::cleaned::testing::{check_conventions, nasty_inputs};

    /// raw, region, value, rule, issue code
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    );

    const CASES: &[Case] = &[
        ("100080", "CN", "100080", None, None),
        ("100080", "", "100080", None, None),
        (" 100080 ", "cn", "100080", None, None),
        ("１０００８０", "CN", "100080", Some("postcode.tidy"), None),
        ("100 080", "CN", "100080", Some("postcode.reformat"), None),
        ("邮编100080", "CN", "100080", Some("postcode.label"), None),
        ("CPH 123", "DK", "CPH 123", None, None),
        ("cp 75001", "FR", "75001", Some("postcode.label"), None),
        ("100080.0", "CN", "100080", Some("postcode.number"), None),
        ("邮编：100080", "CN", "100080", Some("postcode.label"), None),
        ("邮政编码:100080", "中国", "100080", Some("postcode.label"), None),
        ("10008", "CN", "", None, Some("postcode.format")),
        ("1000800", "CN", "", None, Some("postcode.format")),
        ("10O080", "CN", "", None, Some("postcode.format")),
        ("邮编", "CN", "", None, Some("postcode.format")),
        ("100080.5", "CN", "", None, Some("postcode.format")),
        ("90210", "US", "90210", None, None),
        ("90210-1234", "US", "90210-1234", None, None),
        ("902101234", "US", "90210-1234", Some("postcode.reformat"), None),
        ("90210 1234", "US", "90210-1234", Some("postcode.reformat"), None),
        ("ZIP: 90210", "USA", "90210", Some("postcode.label"), None),
        ("9021", "US", "", None, Some("postcode.format")),
        ("SW1A 1AA", "GB", "SW1A 1AA", None, None),
        ("sw1a1aa", "UK", "SW1A 1AA", Some("postcode.reformat"), None),
        ("M1 1AE", "GB", "M1 1AE", None, None),
        ("ec1a  1bb", "GB", "EC1A 1BB", Some("postcode.reformat"), None),
        ("GIR 0AA", "GB", "GIR 0AA", None, None),
        ("12345", "GB", "", None, Some("postcode.format")),
        ("10115", "DE", "10115", None, None),
        ("PLZ 10115", "DE", "10115", Some("postcode.label"), None),
        ("75001", "FR", "75001", None, None),
        ("7500", "FR", "", None, Some("postcode.format")),
        ("100-0001", "JP", "100-0001", None, None),
        ("1000001", "JP", "100-0001", Some("postcode.reformat"), None),
        ("〒100-0001", "JP", "100-0001", Some("postcode.label"), None),
        ("100-001", "JP", "", None, Some("postcode.format")),
        ("K1A 0B1", "CA", "K1A 0B1", None, None),
        ("ｋ１ａ　０ｂ１", "CA", "k1a 0b1", Some("postcode.tidy"), None),
        ("", "CN", "", None, None),
    ];

    #[test]
    fn table() {
        for (raw, region, value, rule, issue) in CASES {
            let c = clean_postcode(raw, region);
            assert_eq!(c.value, *value, "value of {raw:?}/{region}: {c:?}");
            assert_eq!(c.rule, *rule, "rule of {raw:?}/{region}");
            assert_eq!(c.issue.as_ref().map(|i| i.code), *issue, "issue of {raw:?}/{region}");
            check_conventions(raw, &c);
        }
    }

    #[test]
    fn idempotent() {
        for (raw, region, _, _, _) in CASES {
            let once = clean_postcode(raw, region);
            let twice = clean_postcode(&once.value, region);
            assert_eq!(twice.value, once.value, "{raw:?}");
            assert_eq!(twice.rule, None, "{raw:?}");
        }
    }

    #[test]
    fn leading_zero_hint() {
        let c = clean_postcode("10010", "CN");
        let detail = c.issue.map(|i| i.detail).unwrap_or_default();
        assert!(detail.contains("leading zero"), "{detail}");
    }

    #[test]
    fn nasty_inputs_never_panic() {
        for raw in nasty_inputs() {
            for region in ["CN", "US", "GB", "DE", "JP", "XX", ""] {
                let c = clean_postcode(&raw, region);
                check_conventions(&raw, &c);
                assert_eq!(clean_postcode(&c.value, region).value, c.value, "{raw:?}");
            }
            let _ = clean_postcode("100080", &raw);
        }
    }
}
