//! Field by field comparison of two records' [`Features`]: the level each field is at.
//!
//! Levels are exact > romanized (names only) > close > different, and null when either
//! side is empty: null is no evidence, never a disagreement. Names: traditional and
//! simplified characters are already folded in the features, Latin names are compared
//! whatever their word order, and a name in characters meets its pinyin. Phones, emails
//! and ID numbers compare exactly; company and address by edit distance and
//! containment. Knows nothing of weights.

use strsim::jaro_winkler;

use super::features::Contacts::{PersonalEmails, PersonalPhones, SharedEmails, SharedPhones};
use super::features::{Features, Text};
use super::rules::{Level, MatchField};
use crate::record::resident_id::is_resident_id;
use crate::text::romanize::surname_chars;

/// Jaro-Winkler similarity at or above which two Latin (or pinyin) names are close.
const NAME_CLOSE: f64 = 0.92;
/// Normalized Levenshtein similarity at or above which addresses are close (a slip or
/// two in a long address).
const ADDRESS_CLOSE: f64 = 0.8;
/// The same for company keys. Strict: keys are short and two companies often differ in
/// one character of their trade name (`海鑫教育科技`, `海蓝教育科技`), so only a slip
/// in a long key counts; a short form inside the long one (`华信`, `华信科技`) does.
const COMPANY_CLOSE: f64 = 0.9;

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
        MatchField::Phone => sets_level(a.contacts(PersonalPhones), b.contacts(PersonalPhones)),
        MatchField::Email => sets_level(a.contacts(PersonalEmails), b.contacts(PersonalEmails)),
        MatchField::IdNumber => id_level(a.text(Text::IdNumber), b.text(Text::IdNumber)),
        MatchField::Company => text_level(a, b, Text::Company, 2, COMPANY_CLOSE),
        MatchField::SharedNumber => shared_level(a, b),
        MatchField::Address => text_level(a, b, Text::Address, 6, ADDRESS_CLOSE),
        MatchField::Postcode => exact_level(a, b, Text::Postcode),
        MatchField::City => exact_level(a, b, Text::City),
        MatchField::BirthDate => date_level(a.text(Text::Birth), b.text(Text::Birth)),
    }
}

/// Names: exact when the keys are equal (spaces, case, script and word order already
/// folded); romanized when one is in characters and the other is its pinyin; close for
/// a slip (a homophone in characters, a spelling slip in Latin letters); different
/// otherwise.
pub fn name_level(a: &Features, b: &Features) -> Level {
    match exact_level(a, b, Text::Name) {
        Level::Different => {}
        level => return level,
    }
    let same_words = a.text(Text::Words) == b.text(Text::Words);
    let same_sound = same_words || a.roman() == b.roman();
    match (a.han, b.han) {
        // Syllables in place, not sorted: 袁晶礼 and 李远静 have the same syllables.
        (true, true) => han_level(a.name(), b.name(), same_words).or_partial(|| han_partial(a.name(), b.name())),
        (false, false) if same_sound => Level::Exact,
        (false, false) => latin_level(a, b).or_partial(|| latin_partial(a.text(Text::Parts), b.text(Text::Parts))),
        _ if same_sound => Level::Romanized,
        _ => similar(close_spelling(a.roman(), b.roman())),
    }
}

impl Level {
    /// `Partial` in place of `Different` when `partial` holds.
    fn or_partial(self, partial: impl FnOnce() -> bool) -> Level {
        if self == Level::Different && partial() {
            Level::Partial
        } else {
            self
        }
    }
}

/// ID numbers: exact, close for one slip, different when both are resident ID numbers
/// (whose check character rules out a slip: two people), partial when two other
/// numbers (social security, passport) differ: evidence against, since one of them may
/// be mistyped beyond a slip, but no veto.
fn id_level(a: &str, b: &str) -> Level {
    match slip_level(a, b) {
        Level::Different if !(is_resident_id(a) && is_resident_id(b)) => Level::Partial,
        level => level,
    }
}

/// Exact, close for one slip (a character replaced, left out or added, or two
/// neighbours swapped), different otherwise; null when either is empty.
fn slip_level(a: &str, b: &str) -> Level {
    if a.is_empty() || b.is_empty() {
        return Level::Null;
    }
    if a == b {
        return Level::Exact;
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    similar(one_edit(&ca, &cb) || swapped_neighbours(&ca, &cb))
}

/// True when `b` is `a` with two neighbouring characters swapped.
fn swapped_neighbours(a: &[char], b: &[char]) -> bool {
    let diff: Vec<usize> = (0..a.len()).filter(|i| b.get(*i) != Some(&a[*i])).collect();
    a.len() == b.len()
        && diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

/// Two names in characters of one surname whose given names differ: a character
/// replaced, left out or added (`张敏燕` / `张燕`, `王建国` / `王建华`, `王伟` / `王芳`,
/// as `Wang Wei` / `Wang Fei` in pinyin), or typed twice over (`徐斌霞` / `徐健`).
/// Evidence against, never a veto: a typist's slips and a relative look alike, and
/// only a personal identifier (mobile, personal email, ID number, birth date) tells
/// them apart; colleagues or relatives sharing only a company, switchboard or address
/// stay below the review threshold.
fn han_partial(a: &str, b: &str) -> bool {
    let surname = surname_chars(a);
    let longer = |s: &str| s.chars().nth(surname).is_some();
    surname == surname_chars(b) && longer(a) && longer(b) && a.chars().take(surname).eq(b.chars().take(surname))
}

/// True when `a` becomes `b` by exactly one character replaced, left out or added.
fn one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => short.iter().zip(long).filter(|(x, y)| x != y).count() == 1,
        1 => (0..long.len()).any(|skip| {
            long.iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .eq(short.iter())
        }),
        _ => false,
    }
}

/// Two Latin names of one to four words, one of two or more, where a word of one is a
/// word of the other, whole (`Isabella Nguyen` / `Isabella Vincent`) or with a slip
/// (`Sebatian Petersen` / `Sebastian Waller`, `bendkv` / `Oliver Bendyk`), while the
/// rest clearly differs: a given name or surname replaced or left out.
fn latin_partial(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let sizes = |w: &[&str]| (1..=6).contains(&w.len()) && w.iter().all(|w| !w.is_empty());
    let meets = |x: &str, y: &str| (x.len() >= 2 && x == y) || word_slip(x, y);
    sizes(&wa) && sizes(&wb) && wa.len().max(wb.len()) >= 2 && wa.iter().any(|x| wb.iter().any(|y| meets(x, y)))
}

/// Two different names in characters are close when they sound the same (an input
/// method slip: 张伟, 张玮) or one is only the other's surname (`张总` is cleaned to the
/// name `张` and the title `总`); one other character is another person (王建国, 王建华).
fn han_level(a: &str, b: &str, same_sound: bool) -> Level {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let surname_only = short.chars().count() == 1 && long.starts_with(short);
    similar(same_sound || surname_only)
}

/// Latin names are close for a spelling slip in the whole name, or word by word: each
/// word of the name with fewer words is a word of the other, with at most a slip, or its
/// initial (`Lydia McCarthy`, `Lydia Mccarhty`; `Green`, `Mitchell Green`; `J Smith`,
/// `John Smith`).
fn latin_level(a: &Features, b: &Features) -> Level {
    let by_words = words_close(a.text(Text::Parts), b.text(Text::Parts));
    similar(by_words || close_spelling(a.name(), b.name()) || close_spelling(a.roman(), b.roman()))
}

/// Jaro-Winkler at or above which two words of a Latin name (of four letters or more)
/// are one word with a slip.
const WORD_CLOSE: f64 = 0.85;

/// Two words of four letters or more, one a slip of the other.
fn word_slip(a: &str, b: &str) -> bool {
    a.len() >= 4 && b.len() >= 4 && jaro_winkler(a, b) >= WORD_CLOSE
}

/// Each word of the shorter list (of at most six words: a person's name, or a business
/// name written long, `Mifune` / `Mifune Japan Center Kintetsu Building`) meets a
/// distinct word of the longer one: the same, a slip of it, or its initial; and at least
/// one of them is the same word.
fn words_close(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (short, long) = if wa.len() <= wb.len() { (wa, wb) } else { (wb, wa) };
    if short.iter().any(|w| w.is_empty()) || long.len() > 6 {
        return false;
    }
    let mut used = vec![false; long.len()];
    let mut same = false;
    for s in &short {
        let meets = |l: &str| {
            s == &l || (s.len() == 1 && l.starts_with(s)) || (l.len() == 1 && s.starts_with(l)) || word_slip(s, l)
        };
        let exact = (0..long.len()).find(|i| !used[*i] && long[*i] == *s);
        let found = exact.or_else(|| (0..long.len()).find(|i| !used[*i] && meets(long[*i])));
        match found {
            Some(i) => {
                used[i] = true;
                same |= exact.is_some();
            }
            None => return false,
        }
    }
    same
}

/// Jaro-Winkler at or above [`NAME_CLOSE`]; lengths far apart are never close.
fn close_spelling(a: &str, b: &str) -> bool {
    let (la, lb) = (a.len(), b.len());
    la.abs_diff(lb) * 3 <= la.max(lb) && jaro_winkler(a, b) >= NAME_CLOSE
}

fn similar(close: bool) -> Level {
    if close {
        Level::Close
    } else {
        Level::Different
    }
}

/// Birth dates as digits (`19560409`): exact when equal, close for one slip (one digit
/// wrong, two neighbouring digits swapped, month and day swapped), different otherwise.
fn date_level(a: &str, b: &str) -> Level {
    if a.is_empty() || b.is_empty() {
        return Level::Null;
    }
    if a == b {
        return Level::Exact;
    }
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len() != y.len() {
        return Level::Different;
    }
    let differ: Vec<usize> = (0..x.len()).filter(|i| x[*i] != y[*i]).collect();
    let swapped = matches!(differ.as_slice(), [i, j] if *j == i + 1 && x[*i] == y[*j] && x[*j] == y[*i]);
    let month_day = x.len() == 8 && x[..4] == y[..4] && x[4..6] == y[6..8] && x[6..8] == y[4..6];
    similar(differ.len() == 1 || swapped || month_day)
}

/// Null when either text is empty, exact when equal, different otherwise.
fn exact_level(a: &Features, b: &Features, which: Text) -> Level {
    let (x, y) = (a.text(which), b.text(which));
    if x.is_empty() || y.is_empty() {
        Level::Null
    } else if x == y {
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
    if common(a.contacts(SharedPhones), b.contacts(SharedPhones))
        || common(a.contacts(SharedEmails), b.contacts(SharedEmails))
    {
        Level::Exact
    } else {
        Level::Null
    }
}

/// Free text (company key, address): close when the normalized edit distance is at least
/// `close` or one contains the other (at least `min_chars` long).
fn text_level(fa: &Features, fb: &Features, which: Text, min_chars: usize, close: f64) -> Level {
    match exact_level(fa, fb, which) {
        Level::Different => {
            let (a, b) = (fa.text(which), fb.text(which));
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            let contained = short.chars().count() >= min_chars && long.contains(short);
            // Similarity >= close needs lengths within (1 - close) of each other.
            let near = (long.len() - short.len()) as f64 <= (1.0 - close) * long.len() as f64;
            similar(contained || (near && similar_enough(a, b, close)))
        }
        level => level,
    }
}

/// True when `strsim::normalized_levenshtein(a, b) >= close`, worked out only as far as
/// it takes: the edits allowed follow from `close` and the longer length, and the count
/// stops once a row of the table is over them (most pairs compared differ at once).
fn similar_enough(a: &str, b: &str, close: f64) -> bool {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = Default::default();
    }
    SCRATCH.with_borrow_mut(|Scratch { x, y, rows }| {
        x.clear();
        x.extend(a.chars());
        y.clear();
        y.extend(b.chars());
        let longest = x.len().max(y.len());
        if longest == 0 {
            return true;
        }
        let similarity = |edits: usize| 1.0 - edits as f64 / longest as f64;
        let mut allowed = ((1.0 - close) * longest as f64).ceil() as usize;
        while allowed > 0 && similarity(allowed) < close {
            allowed -= 1;
        }
        similarity(allowed) >= close && within_edits(x, y, allowed, rows)
    })
}

/// Buffers [`similar_enough`] reuses on each thread: the two texts' characters and the
/// two rows of the edit table.
#[derive(Default)]
struct Scratch {
    x: Vec<char>,
    y: Vec<char>,
    rows: (Vec<usize>, Vec<usize>),
}

/// True when the Levenshtein distance of `a` and `b` is at most `k`: the table only
/// within `k` of its diagonal, stopping at the first row wholly over `k`.
fn within_edits(a: &[char], b: &[char], k: usize, (prev, cur): &mut (Vec<usize>, Vec<usize>)) -> bool {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > k {
        return false;
    }
    let over = k + 1;
    prev.clear();
    prev.extend((0..=m).map(|j| j.min(over)));
    cur.clear();
    cur.resize(m + 1, over);
    for i in 1..=n {
        let (lo, hi) = (i.saturating_sub(k).max(1), (i + k).min(m));
        cur[lo - 1] = if lo == 1 { i.min(over) } else { over };
        let mut best = cur[lo - 1];
        for j in lo..=hi {
            let swap = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let v = swap.min(prev[j] + 1).min(cur[j - 1] + 1).min(over);
            cur[j] = v;
            best = best.min(v);
        }
        if hi < m {
            cur[hi + 1] = over;
        }
        if best > k {
            return false;
        }
        std::mem::swap(prev, cur);
    }
    prev[m] <= k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Features {
        Features::named(name)
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
        assert_eq!(level("杜琦楠", "Qinan Du"), Level::Romanized);
        assert_eq!(level("张伟", "张玮"), Level::Close, "homophone slip");
        assert_eq!(level("张三丰", "张三峰"), Level::Close);
        assert_eq!(level("Zhang San", "Zhang Sna"), Level::Close);
        assert_eq!(level("Mitchell Green", "Mitchel Green"), Level::Close);
        assert_eq!(level("Green", "Mitchell Green"), Level::Close, "a given name left out");
        assert_eq!(
            level("Mitchell", "Mitchell Green"),
            Level::Close,
            "a family name left out"
        );
        assert_eq!(level("Mitchell Green", "Harley McCarthy"), Level::Different);
        assert_eq!(level("Ann", "Ann Smith"), Level::Close, "a given name alone");
        assert_eq!(level("Lydia McCarthy", "Lydia Mccarhty"), Level::Close);
        assert_eq!(level("J Smith", "John Smith"), Level::Close, "an initial");
        assert_eq!(level("John Smith", "Jane Smith"), Level::Partial);
        assert_eq!(
            level("Wang Wei", "Wang Fei"),
            Level::Partial,
            "short words are never slips, but one word is the same"
        );
        assert_eq!(level("Smith", "Jones"), Level::Different);
        assert_eq!(level("张三", "李四"), Level::Different);
        assert_eq!(
            level("王伟", "王芳"),
            Level::Partial,
            "a one-character given name replaced"
        );
        assert_eq!(
            level("王建国", "王建华"),
            Level::Partial,
            "one given character replaced"
        );
        assert_eq!(level("张敏燕", "张燕"), Level::Partial, "one given character left out");
        assert_eq!(level("张燕", "张敏燕"), Level::Partial);
        assert_eq!(level("张敏燕", "李敏燕"), Level::Different, "another surname");
        assert_eq!(
            level("张敏燕", "张丽华"),
            Level::Partial,
            "the given name typed twice over"
        );
        assert_eq!(level("张敏燕", "章敏燕"), Level::Close, "a homophone surname: a slip");
        assert_eq!(
            level("Sebatian Petersen", "Sebastian Waller"),
            Level::Partial,
            "a surname replaced beside a slip in the given name"
        );
        assert_eq!(
            level("bendkv", "Oliver Bendyk"),
            Level::Partial,
            "a given name left out, a slip"
        );
        assert_eq!(level("Oliver Bendyk", "Mary Jones"), Level::Different);
        assert_eq!(
            level("Mifune", "Mifune Japan Center Kintetsu Building"),
            Level::Close,
            "a business name written short"
        );
        assert_eq!(
            level("Park Avenue Cafe", "Park Avenue Cafe (New York City)"),
            Level::Close
        );
        assert_eq!(level("欧阳建国", "欧阳建华"), Level::Partial);
        assert_eq!(
            level("Isabella Nguyen", "Isabella Vincent"),
            Level::Partial,
            "a surname replaced"
        );
        assert_eq!(level("张", "张三"), Level::Close, "a surname and a title only");
        assert_eq!(
            level("袁晶礼", "李远静"),
            Level::Different,
            "the same syllables, reordered"
        );
        assert_eq!(level("李", "张三"), Level::Different);
        assert_eq!(level("欧阳伟", "欧阳芳"), Level::Partial);
        assert_eq!(level("欧阳伟", "欧芳"), Level::Different, "another surname");
        assert_eq!(level("张三", "John Smith"), Level::Different);
        assert_eq!(level("", "张三"), Level::Null);
    }

    #[test]
    fn id_number_levels() {
        assert_eq!(slip_level("1804974", "1804974"), Level::Exact);
        assert_eq!(slip_level("1804974", "1804975"), Level::Close, "one digit");
        assert_eq!(slip_level("1804974", "1809474"), Level::Close, "two swapped");
        assert_eq!(slip_level("1804974", "180974"), Level::Close, "one left out");
        assert_eq!(slip_level("1804974", "6089216"), Level::Different);
        assert_eq!(id_level("1804974", "6089216"), Level::Partial, "no check character");
        assert_eq!(
            id_level("11010519491231002X", "110101199003071110"),
            Level::Different,
            "two resident ID numbers"
        );
        assert_eq!(slip_level("", "6089216"), Level::Null);
    }

    #[test]
    fn birth_date_levels() {
        assert_eq!(date_level("19560409", "19560409"), Level::Exact);
        assert_eq!(date_level("19560409", "19560408"), Level::Close, "one digit");
        assert_eq!(date_level("19560409", "19650409"), Level::Close, "two digits swapped");
        assert_eq!(
            date_level("19560409", "19560904"),
            Level::Close,
            "month and day swapped"
        );
        assert_eq!(date_level("19560409", "19611225"), Level::Different);
        assert_eq!(date_level("19560409", "195604"), Level::Different);
        assert_eq!(date_level("", "19560409"), Level::Null);
    }

    #[test]
    fn empty_values_are_null_never_different() {
        let a = Features::default();
        let mut b = Features::new(["", "", "", "", "某某科技", "", "", "", "北京", "", ""], false);
        b.set_contacts([vec![1], vec![], vec![2], vec![], vec![]]);
        assert!(compare(&a, &b).iter().all(|l| *l == Level::Null));
    }

    fn with_company(key: &str) -> Features {
        Features::new(["", "", "", "", key, "", "", "", "", "", ""], false)
    }

    fn at(address: &str) -> Features {
        Features::new(["", "", "", "", "", "", address, "", "", "", ""], false)
    }

    #[test]
    fn text_levels() {
        let company = |a, b| field_level(MatchField::Company, &with_company(a), &with_company(b));
        assert_eq!(company("某某科技", "某某科技"), Level::Exact);
        assert_eq!(company("华信科技", "华信"), Level::Close);
        assert_eq!(company("华信科技", "天河物流"), Level::Different);
        assert_eq!(company("海鑫教育科技", "海蓝教育科技"), Level::Different);
        let address = |a, b| field_level(MatchField::Address, &at(a), &at(b));
        assert_eq!(
            address("北京市海淀区中关村大街1号", "海淀区中关村大街1号"),
            Level::Close
        );
        assert_eq!(
            address("北京市海淀区中关村大街1号", "北京市海淀区中关村大街11号"),
            Level::Close
        );
        assert_eq!(
            address("北京市海淀区中关村大街1号", "上海市徐汇区淮海路8号"),
            Level::Different
        );
    }

    #[test]
    fn bounded_edits_agree_with_strsim() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "kitten",
            "sitting",
            "北京市海淀区中关村大街1号",
            "海淀区中关村大街1号",
            "北京市海淀区中关村大街11号",
            "上海市徐汇区淮海路8号",
            "5772madisonavenue",
            "5772madisonave",
            "华信科技",
            "华信",
            "flaw",
            "lawn",
            "abcdefghij",
            "abcdefghik",
            "bcdefghij",
        ];
        for a in words {
            for b in words {
                for close in [0.5, 0.8, 0.9] {
                    let want = strsim::normalized_levenshtein(a, b) >= close;
                    assert_eq!(similar_enough(a, b, close), want, "{a:?} {b:?} {close}");
                }
                for k in 0..6 {
                    let d = strsim::levenshtein(a, b);
                    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                    assert_eq!(
                        within_edits(&x, &y, k, &mut Default::default()),
                        d <= k,
                        "{a:?} {b:?} {k}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn bounded_edits_agree_with_strsim_on_any_text(a in "[ab北京1 ]{0,14}", b in "[ab北京1 ]{0,14}", k in 0usize..8) {
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert_eq!(within_edits(&x, &y, k, &mut Default::default()), strsim::levenshtein(&a, &b) <= k);
            for close in [0.8, 0.9] {
                proptest::prop_assert_eq!(similar_enough(&a, &b, close), strsim::normalized_levenshtein(&a, &b) >= close);
            }
        }
    }
}
