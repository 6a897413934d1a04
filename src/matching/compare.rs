//! Field by field comparison of two records' [`Features`]: the level each field is at.
//!
//! Levels are exact > romanized (names only) > close > different, and null when either
//! side is empty: null is no evidence, never a disagreement. Names: traditional and
//! simplified characters are already folded in the features, Latin names are compared
//! whatever their word order, and a name in characters meets its pinyin. Phones, emails
//! and ID numbers compare exactly; company and address by edit distance and
//! containment. Knows nothing of weights.

use strsim::{jaro_winkler, normalized_levenshtein};

use super::features::Features;
use super::rules::{Level, MatchField};

/// Jaro-Winkler similarity at or above which two Latin (or pinyin) names are close.
const NAME_CLOSE: f64 = 0.92;
/// Normalized Levenshtein similarity at or above which companies or addresses are close.
const TEXT_CLOSE: f64 = 0.8;

/// The level of every field, indexed by `MatchField as usize`.
pub type Levels = [Level; MatchField::ALL.len()];

/// Compares two records.
pub fn compare(a: &Features, b: &Features) -> Levels {
    let mut levels = [Level::Null; MatchField::ALL.len()];
    for f in MatchField::ALL {
        levels[f as usize] = field_level(f, a, b);
    }
    levels
}

/// The level of one field.
pub fn field_level(f: MatchField, a: &Features, b: &Features) -> Level {
    match f {
        MatchField::Name => name_level(a, b),
        MatchField::Phone => sets_level(&a.personal_phones, &b.personal_phones),
        MatchField::Email => sets_level(&a.personal_emails, &b.personal_emails),
        MatchField::IdNumber => exact_level(&a.id_number, &b.id_number),
        MatchField::Company => text_level(&a.company, &b.company, 2),
        MatchField::SharedNumber => shared_level(a, b),
        MatchField::Address => text_level(&a.address, &b.address, 6),
        MatchField::Postcode => exact_level(&a.postcode, &b.postcode),
        MatchField::City => exact_level(&a.city, &b.city),
    }
}

/// Names: exact when the keys are equal (spaces, case, script and word order already
/// folded); romanized when one is in characters and the other is its pinyin; close for
/// a typo (a homophone or one character in a name of three or more, or a Latin spelling
/// slip); different otherwise.
pub fn name_level(a: &Features, b: &Features) -> Level {
    if a.name.is_empty() || b.name.is_empty() {
        return Level::Null;
    }
    if a.name == b.name {
        return Level::Exact;
    }
    match (a.han, b.han) {
        (true, true) => han_level(&a.name, &b.name, a.roman == b.roman),
        (false, false) if a.roman == b.roman => Level::Exact,
        (false, false) => latin_level(a, b),
        _ if a.roman == b.roman => Level::Romanized,
        _ => similar(jaro_winkler(&a.roman, &b.roman) >= NAME_CLOSE),
    }
}

fn han_level(a: &str, b: &str, same_sound: bool) -> Level {
    let longest = a.chars().count().max(b.chars().count());
    let one_slip = longest >= 3 && strsim::levenshtein(a, b) <= 1;
    similar(same_sound || one_slip)
}

fn latin_level(a: &Features, b: &Features) -> Level {
    let jw = jaro_winkler(&a.name, &b.name).max(jaro_winkler(&a.roman, &b.roman));
    similar(jw >= NAME_CLOSE)
}

fn similar(close: bool) -> Level {
    if close {
        Level::Close
    } else {
        Level::Different
    }
}

fn exact_level(a: &str, b: &str) -> Level {
    if a.is_empty() || b.is_empty() {
        Level::Null
    } else if a == b {
        Level::Exact
    } else {
        Level::Different
    }
}

/// Exact when the two sets share a member, different when both are non-empty and share
/// none.
fn sets_level(a: &[u64], b: &[u64]) -> Level {
    if a.is_empty() || b.is_empty() {
        Level::Null
    } else if a.iter().any(|x| b.contains(x)) {
        Level::Exact
    } else {
        Level::Different
    }
}

/// An organization number or email in common; having different ones says nothing (a
/// company has many lines).
fn shared_level(a: &Features, b: &Features) -> Level {
    let common = |x: &[u64], y: &[u64]| x.iter().any(|h| y.contains(h));
    if common(&a.shared_phones, &b.shared_phones) || common(&a.shared_emails, &b.shared_emails) {
        Level::Exact
    } else {
        Level::Null
    }
}

/// Free text (company key, address): close when the edit distance is small or one
/// contains the other (at least `min_chars` long).
fn text_level(a: &str, b: &str, min_chars: usize) -> Level {
    match exact_level(a, b) {
        Level::Different => {
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            let contained = short.chars().count() >= min_chars && long.contains(short);
            similar(contained || normalized_levenshtein(a, b) >= TEXT_CLOSE)
        }
        level => level,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::features::name_key;
    use crate::matching::romanize::{is_han, roman_key};

    fn named(name: &str) -> Features {
        let key = name_key(name);
        Features {
            han: key.chars().all(is_han),
            roman: roman_key(&key).into(),
            name: key.into(),
            ..Features::default()
        }
    }

    #[test]
    fn name_levels() {
        let level = |a: &str, b: &str| name_level(&named(a), &named(b));
        assert_eq!(level("张三", "张 三"), Level::Exact);
        assert_eq!(level("张三", "張三"), Level::Exact);
        assert_eq!(level("Zhang San", "san zhang"), Level::Exact);
        assert_eq!(level("Zhang Sanfeng", "Zhang San Feng"), Level::Exact);
        assert_eq!(level("张三", "Zhang San"), Level::Romanized);
        assert_eq!(level("张三", "ZHANG SAN"), Level::Romanized);
        assert_eq!(level("张伟", "张玮"), Level::Close, "homophone slip");
        assert_eq!(level("张三丰", "张三峰"), Level::Close);
        assert_eq!(level("Zhang San", "Zhang Sna"), Level::Close);
        assert_eq!(level("张三", "李四"), Level::Different);
        assert_eq!(level("王伟", "王芳"), Level::Different);
        assert_eq!(level("张三", "John Smith"), Level::Different);
        assert_eq!(level("", "张三"), Level::Null);
    }

    #[test]
    fn empty_values_are_null_never_different() {
        let a = Features::default();
        let b = Features {
            company: "某某科技".into(),
            personal_phones: vec![1],
            city: "北京".into(),
            ..Features::default()
        };
        assert!(compare(&a, &b).iter().all(|l| *l == Level::Null));
    }

    #[test]
    fn text_levels() {
        assert_eq!(text_level("某某科技", "某某科技", 2), Level::Exact);
        assert_eq!(text_level("华信科技", "华信", 2), Level::Close);
        assert_eq!(
            text_level("北京市海淀区中关村大街1号", "海淀区中关村大街1号", 6),
            Level::Close
        );
        assert_eq!(text_level("华信科技", "天河物流", 2), Level::Different);
    }
}
