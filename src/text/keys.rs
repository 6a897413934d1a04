//! Keys for comparing words as people write them: [`phrase_key`] for the outcome vocabulary
//! (call results, remark words), [`header_tokens`] for column headers and their aliases,
//! [`name_key`] and [`latin_words`] for person names. All fold width, script (traditional
//! to simplified) and case. Shared by the rules checks and by the stages that compare
//! with them (`classify/vocabulary.rs`, `read/mapping.rs`, `normalize/name.rs`,
//! `matching/features.rs`, `salespeople.rs`); knows nothing of any.

use super::hanzi::{simplify, simplify_char};
use super::{fold_char, fold_width};

/// Folds text for comparing phrases: full-width to half-width, traditional to simplified,
/// lower case, punctuation dropped; a single space kept only between two Latin words.
/// `"無人 接聽"` and `"无人接听"` give the same key, `"No  Answer!"` gives `"no answer"`.
pub fn phrase_key(s: &str) -> String {
    let folded = simplify(&fold_width(s)).to_lowercase();
    let mut out = String::with_capacity(folded.len());
    let mut gap = false;
    for c in folded.chars() {
        if !c.is_alphanumeric() {
            gap = true;
            continue;
        }
        let after_latin = out.chars().next_back().is_some_and(|p| p.is_ascii_alphanumeric());
        if gap && after_latin && c.is_ascii_alphanumeric() {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out
}

/// Folds a header or alias into tokens (full-width folded, simplified, lower case,
/// bracketed notes and punctuation dropped, every Han character a token, every Latin word
/// a token, numbering digits dropped), so `手机号码1`, `手机 号码：` and `ＭＯＢＩＬＥ` meet
/// their aliases.
pub fn header_tokens(s: &str) -> Vec<String> {
    let text = strip_notes(&simplify(&fold_width(s)).to_lowercase());
    let mut tokens = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            continue;
        }
        push_word(&mut tokens, &mut word);
        if c.is_alphanumeric() {
            tokens.push(c.to_string());
        } else if c == '#' && text.trim() == "#" {
            tokens.push("#".to_string());
        }
    }
    push_word(&mut tokens, &mut word);
    tokens
}

fn push_word(tokens: &mut Vec<String>, word: &mut String) {
    let trimmed = word.trim_end_matches(|c: char| c.is_ascii_digit());
    if !trimmed.is_empty() {
        tokens.push(trimmed.to_string());
    }
    word.clear();
}

/// Drops bracketed notes such as `(必填)`, `（选填）`, `[1]`, unless nothing else is left.
fn strip_notes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if out.chars().any(|c| c.is_alphanumeric()) {
        out
    } else {
        s.to_string()
    }
}

/// Simplified, lower case, letters and digits only.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

/// [`fold`] into a buffer, replacing what it held.
pub fn fold_into(out: &mut String, s: &str) {
    out.clear();
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
        } else if super::romanize::in_pinyin_blocks(c) {
            // Ideographs have no case.
            out.push(simplify_char(c));
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
}

/// True for CJK unified ideographs (all extensions) and compatibility ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2EBEF}'
        | '\u{30000}'..='\u{3134F}')
}

/// Match key for a name: lower-case letters and digits only, traditional characters
/// folded to simplified; for names without Han characters the words are sorted first
/// ([`latin_words`] joined), so `San Zhang` and `Zhang San` share a key.
pub fn name_key(name: &str) -> String {
    if name.chars().any(is_han) {
        let key: String = name
            .chars()
            .map(fold_char)
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        return simplify(&key);
    }
    latin_words(name).concat()
}

/// The words of a name in Latin letters, lower case, letters and digits only, sorted:
/// `O'Brien, Pat` is `obrien`, `pat`.
pub fn latin_words(name: &str) -> Vec<String> {
    let folded = fold_width(name);
    let mut words: Vec<String> = folded
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_letters_and_digits_simplified_and_lower_case() {
        assert_eq!(fold("北京市 海淀區（中關村）1號"), "北京市海淀区中关村1号");
        assert_eq!(fold("No.1 Zhongguancun St."), "no1zhongguancunst");
        assert_eq!(fold("ÉCOLE"), "école");
    }

    #[test]
    fn phrase_keys_fold_width_script_case_and_punctuation() {
        assert_eq!(phrase_key("無人 接聽"), "无人接听");
        assert_eq!(phrase_key("  No  Answer! "), "no answer");
        assert_eq!(phrase_key("ＦＡＸ　ｔｏｎｅ"), "fax tone");
        assert_eq!(phrase_key("停机，空号"), "停机空号");
        assert_eq!(phrase_key("传真: 010-6234"), "传真010 6234");
        assert_eq!(phrase_key("。、"), "");
    }

    #[test]
    fn folds_headers_to_tokens() {
        assert_eq!(header_tokens("手机 号码："), ["手", "机", "号", "码"]);
        assert_eq!(header_tokens("ＭＯＢＩＬＥ"), ["mobile"]);
        assert_eq!(header_tokens("Phone 2"), ["phone"]);
        assert_eq!(header_tokens("电话(必填)"), ["电", "话"]);
        assert_eq!(header_tokens("E-mail"), ["e", "mail"]);
        assert_eq!(header_tokens("#"), ["#"]);
        assert_eq!(header_tokens("電話"), ["电", "话"]);
        assert_eq!(header_tokens("   "), Vec::<String>::new());
    }

    #[test]
    fn keys() {
        let same: &[(&str, &str)] = &[
            ("Zhang San", "San Zhang"),
            ("ZHANG SAN", "zhang  san"),
            ("Zhang, San", "San Zhang"),
            ("O'Brien", "obrien"),
            ("张三", "张 三"),
            ("张三", "ＺＨ张三".trim_start_matches("ＺＨ")),
            ("买买提·艾力", "买买提艾力"),
        ];
        for (a, b) in same {
            assert_eq!(name_key(a), name_key(b), "{a:?} vs {b:?}");
        }
        let different: &[(&str, &str)] = &[("张三", "三张"), ("Zhang San", "Zhang Shan")];
        for (a, b) in different {
            assert_ne!(name_key(a), name_key(b), "{a:?} vs {b:?}");
        }
        assert_eq!(name_key("San Zhang"), "sanzhang");
        assert_eq!(name_key(""), "");
        assert_eq!(name_key("张 三"), "张三");
        assert_eq!(name_key("張三"), "张三", "traditional characters folded");
        assert_eq!(name_key("San ZHANG"), name_key("Zhang San"));
        assert_eq!(latin_words("O'Brien, Pat"), ["obrien", "pat"]);
    }

    #[test]
    fn han_detection() {
        for c in ['张', '〇', '㐀', '𠀀'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['a', '1', '·', '（', 'ア', '한'] {
            assert!(!is_han(c), "{c}");
        }
    }
}
