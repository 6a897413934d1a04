//! Keys for comparing words as people write them: [`phrase_key`] for the outcome vocabulary
//! (call results, remark words) and [`header_tokens`] for column headers and their aliases.
//! Both fold width, script (traditional to simplified) and case. Shared by the rules checks
//! and by the stages that read with those rules (`classify/vocabulary.rs`,
//! `read/mapping.rs`); knows nothing of either.

use super::fold_width;
use super::hanzi::simplify;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
