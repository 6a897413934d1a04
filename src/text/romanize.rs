//! Names in pinyin, so that `张三` meets `Zhang San`, `San Zhang` and `ZHANG SAN`.
//!
//! A name written in characters is read one character at a time (the most common
//! reading, from `pinyin.txt`, written by `scripts/gen_pinyin.py` from `pypinyin`), with
//! the surname read as a surname (`单` is `shan`, `欧阳` is `ou yang`). A name written in
//! Latin letters is split into pinyin syllables. Either way the key is the syllables
//! sorted and joined, so the order of family and given name does not matter.

use std::sync::LazyLock;

/// The first and one past the last character `pinyin.txt` can cover.
const FIRST: u32 = 0x3400;
const END: u32 = 0xFB00;

struct Table {
    /// Every syllable, sorted; index 0 is unused (no reading).
    syllables: Vec<&'static str>,
    /// Syllable index of each character from FIRST, 0 for none.
    reading: Vec<u16>,
    /// Surnames read otherwise than their characters: (characters, syllables).
    surnames: Vec<(Vec<char>, Vec<&'static str>)>,
    /// The first characters of those surnames, sorted.
    surname_starts: Vec<char>,
    /// The syllables a Latin name may be split into, packed (see [`pack`]), sorted.
    latin: Vec<u64>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let text = include_str!("pinyin.txt");
    let (common, surnames) = text.split_once("#surnames\n").unwrap_or((text, ""));
    let mut syllables = vec![""];
    let mut reading = vec![0u16; (END - FIRST) as usize];
    let mut latin = Vec::new();
    for (syllable, chars) in common.lines().filter_map(|l| l.split_once('\t')) {
        // Interjections without a vowel (呣 m, 嗯 n, ng) are never part of a name and
        // would let almost any Latin word pass for pinyin.
        if syllable.contains(['a', 'e', 'i', 'o', 'u', 'v']) {
            latin.extend(pack(syllable.as_bytes()));
        }
        syllables.push(syllable);
        for c in chars.chars().filter(|c| (FIRST..END).contains(&(*c as u32))) {
            reading[(c as u32 - FIRST) as usize] = (syllables.len() - 1) as u16;
        }
    }
    latin.sort_unstable();
    let surnames: Vec<(Vec<char>, Vec<&str>)> = surnames
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(s, p)| (s.chars().collect(), p.split(' ').collect()))
        .collect();
    let mut surname_starts: Vec<char> = surnames.iter().filter_map(|(s, _)| s.first().copied()).collect();
    surname_starts.sort_unstable();
    Table {
        syllables,
        reading,
        surnames,
        surname_starts,
        latin,
    }
});

/// Longest pinyin syllable, in letters (`zhuang`, `shuang`).
const LONGEST: usize = 6;

/// Up to eight ASCII bytes as one number.
fn pack(bytes: &[u8]) -> Option<u64> {
    (bytes.len() <= 8).then(|| bytes.iter().fold(0u64, |n, b| n << 8 | *b as u64))
}

/// The common reading of one character.
fn reading(c: char) -> Option<&'static str> {
    let t = &*TABLE;
    let code = c as u32;
    if !(FIRST..END).contains(&code) {
        return None;
    }
    match t.reading[(code - FIRST) as usize] {
        0 => None,
        i => Some(t.syllables[i as usize]),
    }
}

/// The syllables of a name written in (simplified) characters, surname first; `None`
/// when a character has no reading.
pub fn han_syllables(name: &str) -> Option<Vec<&'static str>> {
    han_reading(name).map(|(syllables, _)| syllables)
}

/// The syllables of a name in characters and how many of them are the surname.
fn han_reading(name: &str) -> Option<(Vec<&'static str>, usize)> {
    let t = &*TABLE;
    let chars: Vec<char> = name.chars().collect();
    let mut out: Vec<&'static str> = Vec::with_capacity(chars.len() + 1);
    let mut rest = &chars[..];
    let mut surname = 1;
    let special = chars.first().is_some_and(|c| t.surname_starts.binary_search(c).is_ok());
    for len in [2, 1] {
        if special && chars.len() > len {
            if let Some((_, s)) = t.surnames.iter().find(|(sur, _)| sur[..] == chars[..len]) {
                out.extend(s.iter().copied());
                surname = s.len();
                rest = &chars[len..];
                break;
            }
        }
    }
    for c in rest {
        out.push(reading(*c)?);
    }
    let surname = surname.min(out.len());
    Some((out, surname))
}

/// How many characters of a name in characters are its surname: 2 for a compound
/// surname of the table (`欧阳`, `司马`) followed by a given name, else 1.
pub fn surname_chars(name: &str) -> usize {
    let t = &*TABLE;
    let mut chars = name.chars();
    let (first, second, more) = (chars.next(), chars.next(), chars.next().is_some());
    let special = first.is_some_and(|c| t.surname_starts.binary_search(&c).is_ok());
    let compound = special
        && more
        && t.surnames
            .iter()
            .any(|(sur, _)| sur.len() == 2 && Some(sur[0]) == first && Some(sur[1]) == second);
    if compound {
        2
    } else {
        1
    }
}

/// True when an email's user name is the person's name itself: every word of the name,
/// in any order, each written out or as its first letter, at least one written out,
/// with nothing else but digits and `._-` (`liu_yan`, `yanliu`, `zhaol2`, `jsmith`,
/// `kimberly.price`). The words of a name in characters are its family and given name
/// in pinyin (`刘艳`: `liu`, `yan`), or the family name and each syllable of the given
/// name (`张敏秋`: `zhang`, `min`, `qiu`, so `zhangmq`); those of a Latin name are its
/// words (`parts`, as the features keep them). Such an address says little more than
/// the name does: people of one name get each other's address typed in.
pub fn named_by(user: &str, name_key: &str, parts: &str) -> bool {
    let mut buf = [0u8; 64];
    let mut n = 0;
    for b in user.bytes() {
        if !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')) {
            return false;
        }
        if b.is_ascii_alphabetic() {
            if n == buf.len() {
                return false;
            }
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
    }
    let letters = &buf[..n];
    if letters.len() < 3 || name_key.is_empty() {
        return false;
    }
    if !name_key.chars().all(in_pinyin_blocks) {
        let mut pieces = [""; 4];
        let mut count = 0;
        for w in parts.split(' ').filter(|w| !w.is_empty()) {
            if count == pieces.len() {
                return false;
            }
            pieces[count] = w;
            count += 1;
        }
        let words: [&[&str]; 4] = std::array::from_fn(|i| &pieces[i..i + 1]);
        return count > 0 && spells(letters, &words[..count], 0, false);
    }
    let Some((syllables, surname)) = han_reading(name_key) else {
        return false;
    };
    let (family, given) = syllables.split_at(surname);
    if family.is_empty() || given.is_empty() {
        return false;
    }
    if spells(letters, &[family, given], 0, false) {
        return true;
    }
    let mut each: [&[&str]; 4] = [family; 4];
    given.len() > 1 && given.len() < each.len() && {
        for (i, s) in given.iter().enumerate() {
            each[i + 1] = std::slice::from_ref(s);
        }
        spells(letters, &each[..=given.len()], 0, false)
    }
}

/// True when `letters` is the unused words of `words` (bit set in `used`), in some
/// order, each whole (its pieces one after another) or as its initial, with at least
/// one whole (`whole` so far).
fn spells(letters: &[u8], words: &[&[&str]], used: u32, whole: bool) -> bool {
    if used.count_ones() as usize == words.len() {
        return letters.is_empty() && whole;
    }
    let written_out = |w: &[&str]| {
        w.iter()
            .try_fold(letters, |rest, piece| rest.strip_prefix(piece.as_bytes()))
    };
    words
        .iter()
        .enumerate()
        .filter(|(i, _)| used & (1 << i) == 0)
        .any(|(i, w)| {
            let next = used | (1 << i);
            let first = w.first().and_then(|p| p.as_bytes().first());
            let long = w.iter().map(|p| p.len()).sum::<usize>() > 1;
            written_out(w).is_some_and(|rest| spells(rest, words, next, true))
                || (long && letters.first() == first && spells(&letters[1..], words, next, whole))
        })
}

/// The pinyin keys of a name key, worked out together: [`roman_key`], its first sorted
/// syllable (or first three letters when it is not pinyin), and [`words_key`].
pub fn name_keys(name_key: &str) -> (String, String, String) {
    let han = !name_key.is_empty() && name_key.chars().all(in_pinyin_blocks);
    let (syllables, surname) = if han {
        match han_reading(name_key) {
            Some((s, n)) => (Some(s), n),
            None => (None, 0),
        }
    } else {
        (syllables(name_key), 0)
    };
    let Some(mut syllables) = syllables else {
        let initial = name_key.chars().take(3).collect();
        return (name_key.to_string(), initial, name_key.to_string());
    };
    let words = if han {
        let mut words = [syllables[..surname].concat(), syllables[surname..].concat()];
        words.sort_unstable();
        words.concat()
    } else {
        name_key.to_string()
    };
    syllables.sort_unstable();
    let initial = syllables.first().copied().unwrap_or("").to_string();
    (syllables.concat(), initial, words)
}

/// A name in characters as its two words in pinyin, family and given name, sorted and
/// joined the way a name key joins the words of a Latin name: `杜琦楠` is `duqinan`
/// like `Qinan Du`, where splitting `qinan` into syllables would guess `qin an`.
/// Any other name key is returned as it is.
pub fn words_key(name_key: &str) -> String {
    let han = !name_key.is_empty() && name_key.chars().all(in_pinyin_blocks);
    match han.then(|| han_reading(name_key)).flatten() {
        Some((syllables, surname)) => {
            let mut words = [syllables[..surname].concat(), syllables[surname..].concat()];
            words.sort_unstable();
            words.concat()
        }
        None => name_key.to_string(),
    }
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
    let is_syllable = |from: usize, len: usize| -> bool {
        from + len <= b.len() && pack(&b[from..from + len]).is_some_and(|p| t.latin.binary_search(&p).is_ok())
    };
    let mut splits = vec![false; b.len() + 1];
    splits[b.len()] = true;
    for from in (0..b.len()).rev() {
        splits[from] = (1..=LONGEST).any(|len| is_syllable(from, len) && splits[from + len]);
    }
    if !splits[0] {
        return None;
    }
    let mut out = Vec::new();
    let mut at = 0;
    while at < b.len() {
        let len = (1..=LONGEST)
            .rev()
            .find(|len| is_syllable(at, *len) && splits[at + len])?;
        let i = t.syllables.binary_search(&&name[at..at + len]).ok()?;
        out.push(t.syllables[i]);
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
    } else if name_key.chars().all(in_pinyin_blocks) {
        han_syllables(name_key)
    } else if name_key.bytes().all(|b| b.is_ascii_lowercase()) {
        latin_syllables(name_key)
    } else {
        None
    }
}

/// A CJK unified ideograph of the blocks `pinyin.txt` covers (the base block, extension
/// A and the compatibility ideographs); `text::keys::in_pinyin_blocks` is every ideograph.
pub fn in_pinyin_blocks(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

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
        assert_eq!(words_key("杜琦楠"), "duqinan");
        assert_eq!(words_key("欧阳修"), "ouyangxiu");
        assert_eq!(words_key("duqinan"), "duqinan");
        for key in ["张三", "杜琦楠", "欧阳修", "zhangsan", "johnsmith", ""] {
            let (roman, _, words) = name_keys(key);
            assert_eq!((roman, words), (roman_key(key), words_key(key)), "{key}");
        }
        assert_eq!(roman_key(""), "");
    }

    #[test]
    fn an_email_user_name_spelled_from_the_name() {
        let liu = |user| named_by(user, "刘艳", "");
        assert!(liu("liu_yan"));
        assert!(liu("yanliu"));
        assert!(liu("Liu.Yan88"));
        assert!(liu("liuy"));
        assert!(!liu("ly"), "initials alone say too little");
        assert!(!liu("liu"), "every word of the name");
        assert!(!liu("liuyan.sales"));
        let zhang = |user| named_by(user, "张敏秋", "");
        assert!(zhang("zhang_minqiu"));
        assert!(zhang("minqiu.zhang"));
        assert!(zhang("zhangmq"));
        assert!(named_by("zhaol2", "赵龙红", ""));
        assert!(named_by("ouyangg", "欧阳桂健", ""));
        let price = |user| named_by(user, "kimberlyprice", "kimberly price");
        assert!(price("kimberly_price"));
        assert!(price("kprice"));
        assert!(price("pricek"));
        assert!(!price("kp"));
        assert!(!price("info"));
        assert!(!named_by("kimberly_price", "", ""));
        assert!(!named_by("张三", "张三", ""));
    }

    proptest::proptest! {
        /// Any order of a Latin name's words, each whole or as its initial (one whole at
        /// least), with digits and separators between, is spelled from the name.
        #[test]
        fn any_arrangement_of_the_words_is_spelled_from_the_name(
            words in proptest::collection::vec("[a-z]{2,8}", 1..=4),
            order in proptest::sample::subsequence((0..4usize).collect::<Vec<_>>(), 4).prop_shuffle(),
            initials in proptest::collection::vec(proptest::bool::ANY, 4),
            separator in "[._-]?",
            digits in "[0-9]{0,3}",
        ) {
            let order: Vec<usize> = order.into_iter().filter(|i| *i < words.len()).collect();
            let whole = order[0];
            let user: Vec<String> = order
                .iter()
                .map(|i| if initials[*i] && *i != whole { words[*i][..1].to_string() } else { words[*i].clone() })
                .collect();
            let user = format!("{}{digits}", user.join(&separator));
            let mut sorted = words.clone();
            sorted.sort();
            let letters: usize = user.bytes().filter(u8::is_ascii_alphabetic).count();
            proptest::prop_assume!(letters >= 3);
            proptest::prop_assert!(named_by(&user, &sorted.concat(), &sorted.join(" ")), "{user} from {words:?}");
        }
    }
}
