//! Traditional to simplified Chinese, one character at a time, so `電話` meets `电话` in
//! headers and `陳大文` meets `陈大文` in match keys. The table (OpenCC's one-to-one pairs,
//! written by `scripts/gen_t2s.py`) is compiled in.

use std::collections::HashMap;
use std::sync::LazyLock;

static T2S: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    include_str!("t2s.txt")
        .lines()
        .filter_map(|l| {
            let mut cs = l.chars();
            Some((cs.next()?, cs.next()?))
        })
        .collect()
});

/// The simplified form of one character (itself when it has none).
pub fn simplify_char(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    T2S.get(&c).copied().unwrap_or(c)
}

/// The simplified form of a text.
pub fn simplify(s: &str) -> String {
    s.chars().map(simplify_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_to_simplified() {
        assert_eq!(simplify("電話號碼"), "电话号码");
        assert_eq!(simplify("陳大文"), "陈大文");
        assert_eq!(simplify("張三"), "张三");
        assert_eq!(simplify("臺北市某某股份有限公司"), "台北市某某股份有限公司");
        assert_eq!(simplify("张三 Zhang"), "张三 Zhang");
    }

    #[test]
    fn simplify_is_idempotent() {
        let s = simplify("聯繫電話與傳真");
        assert_eq!(simplify(&s), s);
    }
}
