//! Names in pinyin, so that `张三` meets `Zhang San`, `San Zhang` and `ZHANG SAN`.
//!
//! A name written in characters is read one character at a time (the most common
//! reading, from `pinyin.txt`, written by `scripts/gen_pinyin.py` from `pypinyin`), with
//! the surname read as a surname (`单` is `shan`, `欧阳` is `ou yang`). A name written in
//! Latin letters is split into pinyin syllables. Either way the key is the syllables
//! sorted and joined, so the order of family and given name does not matter.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

struct Table {
    reading: HashMap<char, &'static str>,
    surnames: HashMap<&'static str, Vec<&'static str>>,
    syllables: HashSet<&'static str>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let text = include_str!("pinyin.txt");
    let (common, surnames) = text.split_once("#surnames\n").unwrap_or((text, ""));
    let mut reading = HashMap::new();
    let mut syllables = HashSet::new();
    for line in common.lines() {
        if let Some((syllable, chars)) = line.split_once('\t') {
            // Interjections without a vowel (呣 m, 嗯 n, ng) are never part of a name and
            // would let almost any Latin word pass for pinyin.
            if syllable.contains(['a', 'e', 'i', 'o', 'u', 'v']) {
                syllables.insert(syllable);
            }
            for c in chars.chars() {
                reading.insert(c, syllable);
            }
        }
    }
    let surnames = surnames
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(s, p)| (s, p.split(' ').collect()))
        .collect();
    Table {
        reading,
        surnames,
        syllables,
    }
});

/// Longest pinyin syllable, in letters (`zhuang`, `shuang`).
const LONGEST: usize = 6;

/// The syllables of a name written in (simplified) characters, surname first; `None`
/// when a character has no reading.
pub fn han_syllables(name: &str) -> Option<Vec<&'static str>> {
    let t = &*TABLE;
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<&'static str> = Vec::with_capacity(chars.len());
    let mut rest = &chars[..];
    for len in [2, 1] {
        if chars.len() > len {
            let surname: String = chars[..len].iter().collect();
            if let Some(s) = t.surnames.get(surname.as_str()) {
                out.extend(s.iter().copied());
                rest = &chars[len..];
                break;
            }
        }
    }
    for c in rest {
        out.push(t.reading.get(c)?);
    }
    Some(out)
}

/// A Latin name (lower case, letters only) split into pinyin syllables; `None` when it
/// is not pinyin (`johnsmith`). Longest syllable first wherever the rest still splits;
/// linear time (which suffixes split is worked out once, from the end).
pub fn latin_syllables(name: &str) -> Option<Vec<&'static str>> {
    let t = &*TABLE;
    let b = name.as_bytes();
    if !b.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let syllable_at = |from: usize, len: usize| -> Option<&'static str> {
        let s = name.get(from..from + len)?;
        t.syllables.get(s).copied()
    };
    let mut splits = vec![false; b.len() + 1];
    splits[b.len()] = true;
    for from in (0..b.len()).rev() {
        splits[from] = (1..=LONGEST).any(|len| from + len <= b.len() && splits[from + len] && syllable_at(from, len).is_some());
    }
    if !splits[0] {
        return None;
    }
    let mut out = Vec::new();
    let mut at = 0;
    while at < b.len() {
        let len = (1..=LONGEST)
            .rev()
            .find(|len| at + len <= b.len() && splits[at + len] && syllable_at(at, *len).is_some())?;
        out.push(syllable_at(at, len)?);
        at += len;
    }
    Some(out)
}

/// The romanized key of a name key: its pinyin syllables sorted and joined, or the key
/// itself when it is neither all characters nor pinyin.
pub fn roman_key(name_key: &str) -> String {
    syllables(name_key)
        .map(|mut s| {
            s.sort_unstable();
            s.concat()
        })
        .unwrap_or_else(|| name_key.to_string())
}

/// The pinyin syllables of a name key, however it is written.
pub fn syllables(name_key: &str) -> Option<Vec<&'static str>> {
    if name_key.is_empty() {
        None
    } else if name_key.chars().all(is_han) {
        han_syllables(name_key)
    } else if name_key.bytes().all(|b| b.is_ascii_lowercase()) {
        latin_syllables(name_key)
    } else {
        None
    }
}

/// A CJK unified ideograph (the blocks `pinyin.txt` covers).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_in_characters() {
        assert_eq!(han_syllables("张三").unwrap(), ["zhang", "san"]);
        assert_eq!(han_syllables("王伟").unwrap(), ["wang", "wei"]);
    }

    #[test]
    fn reads_surnames_as_surnames() {
        assert_eq!(han_syllables("单田芳").unwrap(), ["shan", "tian", "fang"]);
        assert_eq!(han_syllables("曾志伟").unwrap(), ["zeng", "zhi", "wei"]);
        assert_eq!(han_syllables("欧阳修").unwrap(), ["ou", "yang", "xiu"]);
        // A surname reading applies to the surname only, not to a one-character name.
        assert_eq!(han_syllables("单").unwrap(), ["dan"]);
    }

    #[test]
    fn splits_pinyin_written_in_latin_letters() {
        assert_eq!(latin_syllables("zhangsan").unwrap(), ["zhang", "san"]);
        assert_eq!(latin_syllables("sanfengzhang").unwrap(), ["san", "feng", "zhang"]);
        assert_eq!(latin_syllables("xian").unwrap(), ["xian"]);
        assert!(latin_syllables("johnsmith").is_none());
        assert!(latin_syllables("mnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnmnx").is_none());
    }

    #[test]
    fn one_key_for_every_writing_of_a_name() {
        let key = roman_key("张三");
        assert_eq!(key, "sanzhang");
        for written in ["zhangsan", "sanzhang"] {
            assert_eq!(roman_key(written), key, "{written}");
        }
        assert_eq!(roman_key("张三丰"), roman_key("sanfengzhang"));
        assert_eq!(roman_key("johnsmith"), "johnsmith");
        assert_eq!(roman_key(""), "");
    }
}
