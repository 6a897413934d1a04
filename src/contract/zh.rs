//! rollcall's own English sentences in Chinese, for `--lang zh`. The stages write their
//! explanations (a reason's detail, a pair's evidence, where a row came from, why a row
//! was rejected) as English text; the writers pass each through [`text`], which renders
//! the fixed words of those sentences in Chinese and leaves every value the user wrote
//! as it is. The patterns below are the whole grammar of those sentences: a new sentence
//! in a stage needs its line here (the tests below and `tests/lang.rs` catch a missing one).

use std::sync::LazyLock;

use regex::Regex;

use super::Lang;
use crate::record::Origin;

/// Patterns with a value in them: (pattern, Chinese replacement).
const PATTERNS: &[(&str, &str)] = &[
    (r": sheet skipped: ", "：跳过此工作表："),
    (r"no header row in the first (\d+) rows", "前 $1 行中没有表头行"),
    (
        r"^the first row looks like data \((.*)\): add a header row such as (.*)$",
        "第一行像是资料（$1）：请加一行表头，例如 $2",
    ),
    (
        r"too few confident matches \((\d+) of (\d+) candidate pairs\) to learn from: the priors of match.toml are used",
        "可信的匹配太少（候选配对 $2 对中仅 $1 对），无法从中学习：使用 match.toml 的先验值",
    ),
    (r"\] row (\d+)", "] 第$1行"),
    (r"(\.(?:csv|tsv|txt)) row (\d+)", "$1 第$2行"),
    (
        r"^latest of (\d+) call results: (.*)$",
        "最近一次通话结果（共 $1 次）：“$2”",
    ),
    (r"^call result: (.*)$", "通话结果：“$1”"),
    (
        r"^(\d+) failed calls in a row \(no answer or busy\)$",
        "连续 $1 次未接通（无人接听或占线）",
    ),
    (r#"^the remarks say "(.*)"$"#, "备注写明“$1”"),
    (r"^matched with (.+?): ", "与 $1 匹配："),
    (
        r"^decided the same customer by a person \((.+?)\); ",
        "人工判定为同一客户（$1）；",
    ),
    (
        r"^the same source row as in last run \((.+?)\); ",
        "与上次运行的来源行相同（$1）；",
    ),
    (r"every value the same; ", "各项值完全相同；"),
    (
        r"(\S+) is not a valid number in its numbering plan",
        "$1 不是其编号计划中的有效号码",
    ),
    (
        r"not a valid number with area code (\S+) \(from the city\)",
        "加上所在城市的区号 $1 后不是有效号码",
    ),
];

/// Fixed phrases, longest first where one holds another.
const PHRASES: &[(&str, &str)] = &[
    (
        " (not counted: organization evidence counts once)",
        "（不计分：单位类依据只计一次）",
    ),
    (
        " (not counted: the email spells the name)",
        "（不计分：邮箱即姓名拼写）",
    ),
    (" (veto: never merged)", "（否决：不合并）"),
    (" (no veto)", "（不否决）"),
    (
        "the only number is the record's fax number",
        "唯一的号码是本记录的传真号码",
    ),
    ("only a fax number is on record", "只有传真号码"),
    ("no phone number anywhere in the record", "记录中没有任何电话号码"),
    (
        "a landline without its area code, and no known city to take it from",
        "座机号码缺少区号，且没有可推断区号的城市",
    ),
    (
        "no valid country calling code (unknown region or code)",
        "没有有效的国家或地区代码（地区或代码未知）",
    ),
    ("no valid country calling code", "没有有效的国家或地区代码"),
    ("too short after the international prefix", "国际冠码后位数太少"),
    ("too short to be a phone number", "位数太少，不是电话号码"),
    ("too long to be a phone number", "位数太多，不是电话号码"),
    ("labelled as not a phone number", "标注为非电话号码"),
    ("not a phone number", "不是电话号码"),
    (
        "scientific notation: Excel dropped digits",
        "科学计数法：Excel 丢失了数字",
    ),
    ("no phone-shaped digits", "没有像电话号码的数字"),
    ("fewer than 7 digits", "不足 7 位数字"),
    ("no digits", "没有数字"),
    (
        "no name, company, phone, email or ID number in this row",
        "此行没有姓名、单位、电话、邮箱或证件号码",
    ),
    ("the header row repeated", "重复的表头行"),
    (", from the record's country or address)", "，按记录的国家或地址）"),
];

/// The English words of a match field and a comparison level, in Chinese.
const MATCH_WORDS: &[(&str, &str)] = &[
    ("name", "姓名"),
    ("phone", "电话"),
    ("email", "邮箱"),
    ("id_number", "证件号码"),
    ("company", "单位"),
    ("shared_number", "共用号码"),
    ("address", "地址"),
    ("postcode", "邮编"),
    ("city", "城市"),
    ("birth_date", "出生日期"),
    ("exact", "完全相同"),
    ("romanized", "拼音相同"),
    ("close", "相近"),
    ("partial", "部分相同"),
    ("different", "不同"),
];

static COMPILED: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    PATTERNS
        .iter()
        .map(|(p, z)| (Regex::new(p).expect("the patterns are valid"), *z))
        .collect()
});

static EVIDENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(^|; |；|：)(name|phone|email|id_number|company|shared_number|address|postcode|city|birth_date): (exact|romanized|close|partial|different)\b",
    ).expect("the pattern is valid")
});

/// rollcall's sentence in `lang`: as it is in English, its fixed words in Chinese.
pub fn text(s: &str, lang: Lang) -> String {
    if lang == Lang::En || s.is_empty() {
        return s.to_string();
    }
    let mut out = s.to_string();
    for (re, zh) in COMPILED.iter() {
        if re.is_match(&out) {
            out = re.replace_all(&out, *zh).into_owned();
        }
    }
    for (en, zh) in PHRASES {
        if out.contains(en) {
            out = out.replace(en, zh);
        }
    }
    match_words(&out).replace("; ", "；")
}

/// The evidence of a verdict in `lang`: each call result or remark
/// (`file [sheet] row 5: 没人接 (2024-03-05, 李娜)`) with where it was read in Chinese and
/// what the person wrote in quotes (`file [sheet] 第5行：“没人接”（2024-03-05，李娜）`).
pub fn verdict_evidence(s: &str, lang: Lang) -> String {
    static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(.+?(?:\] row \d+|:\d+)): (.*?)(?: \(([^()]*)\))?$").expect("the pattern is valid")
    });
    if lang == Lang::En {
        return s.to_string();
    }
    let segment = |part: &str| match WRITTEN.captures(part) {
        Some(c) => {
            let when = c
                .get(3)
                .map_or(String::new(), |w| format!("（{}）", w.as_str().replace(", ", "，")));
            format!("{}：“{}”{when}", text(&c[1], lang), &c[2])
        }
        None => text(part, lang),
    };
    s.split("; ").map(segment).collect::<Vec<_>>().join("；")
}

/// `name：exact` as `姓名：完全相同`.
fn match_words(s: &str) -> String {
    let word = |w: &str| {
        MATCH_WORDS
            .iter()
            .find(|(k, _)| *k == w)
            .map_or(w.to_string(), |(_, z)| z.to_string())
    };
    EVIDENCE
        .replace_all(s, |c: &regex::Captures| {
            format!("{}{}：{}", &c[1], word(&c[2]), word(&c[3]))
        })
        .into_owned()
}

/// Where a row came from: `file [sheet] row 5`, or `file [sheet] 第5行` in Chinese.
pub fn origin(o: &Origin, lang: Lang) -> String {
    text(&o.to_string(), lang)
}

/// A source as written in either language, in its English form (`第5行` back to
/// `row 5`), to find the row it names.
pub fn origin_key(written: &str) -> String {
    static ROW: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\]|\.(?:csv|tsv|txt)) 第(\d+)行$").expect("the pattern is valid"));
    ROW.replace(written.trim(), "$1 row $2").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(s: &str) -> String {
        text(s, Lang::Zh)
    }

    #[test]
    fn evidence_reads_in_chinese_and_keeps_the_values() {
        assert_eq!(
            zh("name: exact (张三) +9.5; phone: exact (+8613800138000) +16.3"),
            "姓名：完全相同 (张三) +9.5；电话：完全相同 (+8613800138000) +16.3"
        );
        assert_eq!(
            zh("address: different (a | b) -2.2 (not counted: organization evidence counts once)"),
            "地址：不同 (a | b) -2.2（不计分：单位类依据只计一次）"
        );
        assert_eq!(
            zh("matched with a.xlsx [名单] row 3: name: romanized (Li Si | 李四) +7.4"),
            "与 a.xlsx [名单] 第3行 匹配：姓名：拼音相同 (Li Si | 李四) +7.4"
        );
        assert_eq!(
            zh("name: exact (x) +1.0 (veto: never merged)"),
            "姓名：完全相同 (x) +1.0（否决：不合并）"
        );
    }

    #[test]
    fn reason_details_read_in_chinese() {
        assert_eq!(zh("call result: 传真机"), "通话结果：“传真机”");
        assert_eq!(
            zh("latest of 2 call results: 空号"),
            "最近一次通话结果（共 2 次）：“空号”"
        );
        assert_eq!(
            zh("3 failed calls in a row (no answer or busy)"),
            "连续 3 次未接通（无人接听或占线）"
        );
        assert_eq!(zh("the remarks say \"只有传真\""), "备注写明“只有传真”");
        assert_eq!(zh("12345: fewer than 7 digits"), "12345: 不足 7 位数字");
        assert_eq!(zh("abc: labelled as not a phone number"), "abc: 标注为非电话号码");
        assert_eq!(
            zh("0101234: +86101234 is not a valid number in its numbering plan (+86101234)"),
            "0101234: +86101234 不是其编号计划中的有效号码 (+86101234)"
        );
        assert_eq!(zh("no phone number anywhere in the record"), "记录中没有任何电话号码");
        assert_eq!(
            zh("+15035550100 (US, from the record's country or address)"),
            "+15035550100 (US，按记录的国家或地址）"
        );
        assert_eq!(
            zh("a.xlsx [说明]: sheet skipped: no header row in the first 30 rows"),
            "a.xlsx [说明]：跳过此工作表：前 30 行中没有表头行"
        );
        assert_eq!(
            zh("too few confident matches (28 of 42 candidate pairs) to learn from: the priors of match.toml are used"),
            "可信的匹配太少（候选配对 42 对中仅 28 对），无法从中学习：使用 match.toml 的先验值"
        );
    }

    #[test]
    fn what_a_person_wrote_is_quoted_in_a_verdicts_evidence() {
        assert_eq!(
            verdict_evidence(
                "c.xlsx [回访] row 83: Fax machine (2024-03-09, 钱二); c.xlsx [回访] row 9: 空号",
                Lang::Zh
            ),
            "c.xlsx [回访] 第83行：“Fax machine”（2024-03-09，钱二）；c.xlsx [回访] 第9行：“空号”"
        );
        assert_eq!(
            verdict_evidence("a.csv:2: 老客户 无人接听", Lang::Zh),
            "a.csv:2：“老客户 无人接听”"
        );
        assert_eq!(
            verdict_evidence("12345; not available", Lang::Zh),
            "12345；not available"
        );
        assert_eq!(verdict_evidence("a.csv:2: x", Lang::En), "a.csv:2: x");
    }

    #[test]
    fn english_is_left_as_it_is_and_origins_read_back() {
        assert_eq!(text("call result: 传真机", Lang::En), "call result: 传真机");
        let o = Origin {
            file: "a.xlsx".into(),
            sheet: "名单".into(),
            row: 87,
        };
        assert_eq!(origin(&o, Lang::Zh), "a.xlsx [名单] 第87行");
        assert_eq!(origin_key(&origin(&o, Lang::Zh)), o.to_string());
        assert_eq!(origin_key("a.csv:3"), "a.csv:3");
        assert_eq!(text("review.csv row 5", Lang::Zh), "review.csv 第5行");
        assert_eq!(origin_key("review.csv 第5行"), "review.csv row 5");
    }
}
