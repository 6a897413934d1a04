//! The text layer, below every stage: folding and tidying strings the way every stage
//! needs them, and nothing else. Imports no stage (nor `record`, nor `rules`); every stage
//! may import it.
//!
//! * this file: full-width to half-width, white space, listed cells (`a; b`);
//! * [`hanzi`]: traditional to simplified Chinese;
//! * [`keys`]: phrase keys and header tokens, the folded forms words are compared in;
//! * [`romanize`]: names in pinyin, so that `张三` meets `Zhang San`;
//! * [`mask`]: ID numbers masked for display.
//!
//! Spreadsheets typed on Chinese input methods mix full-width Latin letters, digits and
//! punctuation (`１３８`, `＠`, `（`) with half-width ones. Every comparison and every
//! parser in rollcall sees text folded by these functions first, so the rules tables
//! only ever need the half-width spelling.

pub mod hanzi;
pub mod keys;
pub mod mask;
pub mod romanize;

/// Maps full-width ASCII variants (U+FF01..U+FF5E) and the ideographic space to their
/// half-width forms, and a few look-alike punctuation marks to ASCII. CJK characters and
/// Chinese punctuation that has no ASCII twin (`、`, `，` stays as it is) are kept.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// One character of [`fold_width`].
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{3002}' => '.',
        _ => c,
    }
}

/// Trims and collapses every run of white space (including line breaks and zero-width
/// characters) to one ASCII space.
pub fn collapse_ws(s: &str) -> String {
    collapse(s.chars(), s.len())
}

/// Width-folded and white-space-collapsed: the form every normalizer starts from. One
/// pass, one allocation (this runs on every cell of every row).
pub fn tidy(s: &str) -> String {
    collapse(s.chars().map(fold_char), s.len())
}

/// The characters with white-space runs collapsed to one space and trimmed.
fn collapse(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() || is_invisible(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{2060}')
}

/// How a cell of the master lists several values (phones, emails, remarks, a column
/// two merged rows filled differently): `a; b`.
pub const LIST_SEPARATOR: &str = "; ";

/// The values of a listed cell (see [`LIST_SEPARATOR`]), trimmed, empty ones left out.
pub fn list_parts(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(LIST_SEPARATOR.trim_end())
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Joins values into one listed cell in first-seen order, leaving out a value whose
/// parts are all there already; a value is kept as written. Joining a joined cell with
/// one of its parts, or with itself, gives it back unchanged.
pub fn join_distinct<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for value in values.into_iter().map(str::trim).filter(|v| !v.is_empty()) {
        if list_parts(value).all(|p| list_parts(&out).any(|q| q == p)) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(LIST_SEPARATOR);
        }
        out.push_str(value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_digits_and_punctuation() {
        assert_eq!(fold_width("０１０－６２３４５６７８"), "010-62345678");
        assert_eq!(fold_width("ａｂｃ＠ｑｑ．ｃｏｍ"), "abc@qq.com");
        assert_eq!(fold_width("（北京）"), "(北京)");
        assert_eq!(fold_width("张三、李四"), "张三、李四");
    }

    #[test]
    fn collapses_white_space() {
        assert_eq!(collapse_ws("  张\u{3000} 三 \n"), "张 三");
        assert_eq!(tidy("  张\u{3000} 三 \n"), "张 三");
        assert_eq!(tidy("\u{FEFF}abc\u{200B}"), "abc");
        assert_eq!(tidy(""), "");
    }

    #[test]
    fn tidy_is_fold_then_collapse() {
        for s in [
            "  Ｍｒ．　Ｗａｎｇ ",
            "a\u{3000}\u{3000}b",
            "\u{FEFF}x\u{200B} y",
            "",
            "  ",
            "张 三",
        ] {
            assert_eq!(tidy(s), collapse_ws(&fold_width(s)), "{s:?}");
        }
    }

    #[test]
    fn joined_lists_keep_each_value_once() {
        assert_eq!(join_distinct(["停机", "老客户"]), "停机; 老客户");
        assert_eq!(join_distinct(["停机; 老客户", "老客户"]), "停机; 老客户");
        assert_eq!(join_distinct(["a;b", " ", "b", "c"]), "a;b; c");
        assert_eq!(join_distinct(["a;b", "a;b"]), "a;b");
        let once = join_distinct(["x", "y; z"]);
        assert_eq!(join_distinct([once.as_str()]), once);
        assert_eq!(list_parts("a; b;c").collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn tidy_is_idempotent() {
        for s in ["  Ｍｒ．　Ｗａｎｇ ", "010－6234\t5678", "a\u{00A0}b"] {
            assert_eq!(tidy(&tidy(s)), tidy(s));
        }
    }
}
