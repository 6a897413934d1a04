//! The words of the columns whose values come from a closed set: each value's stable key
//! (what `--lang en` writes and what the code compares) and its Chinese word (what
//! `--lang zh` writes). Reading goes the other way: either word gives the key back, so
//! a master written in either language reads the same.

use super::Lang;
use crate::record::{Field, Reason};

/// A closed set of values a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocab {
    /// `status`: valid, invalid.
    Status,
    /// `reason`: the reason codes.
    Reason,
    /// `verified_by`: call, data.
    VerifiedBy,
    /// `phone_type`: the numbering plan's kinds of number.
    PhoneType,
    /// Lineage `outcome`: kept, merged, rejected.
    RowOutcome,
    /// Review and Decisions `decision`: same, different.
    Decision,
    /// Changes `field`: the field keys.
    Field,
    /// Changes `rule`: the code of the cleaning rule that changed a value.
    Rule,
}

const STATUS: &[(&str, &str)] = &[("valid", "有效"), ("invalid", "无效")];
const VERIFIED_BY: &[(&str, &str)] = &[("call", "电话核实"), ("data", "资料判定")];

const PHONE_TYPE: &[(&str, &str)] = &[
    ("mobile", "手机"),
    ("fixed_line", "座机"),
    ("fixed_line_or_mobile", "座机或手机"),
    ("toll_free", "免费电话"),
    ("premium_rate", "声讯电话"),
    ("shared_cost", "分摊付费电话"),
    ("voip", "网络电话"),
    ("personal_number", "个人号码"),
    ("pager", "寻呼机"),
    ("uan", "统一接入号"),
    ("voicemail", "语音信箱"),
    ("unknown", "未知"),
];
const ROW_OUTCOME: &[(&str, &str)] = &[("kept", "保留"), ("merged", "合并"), ("rejected", "拒收")];
const DECISION: &[(&str, &str)] = &[("same", "同一客户"), ("different", "不同客户")];
/// The cleaning rules' codes (the Changes sheet's `rule`), sorted.
const RULE: &[(&str, &str)] = &[
    ("address.street_number", "地址：并入门牌号"),
    ("cell.error", "单元格：Excel 错误值"),
    ("company.brackets", "单位：统一括号"),
    ("company.invalid", "单位：无效名称"),
    ("company.spaces", "单位：去除多余空格"),
    ("company.tidy", "单位：整理"),
    ("date.ambiguous", "日期：有歧义"),
    ("date.excel_serial", "日期：Excel 序列号转换"),
    ("date.invalid", "日期：无效"),
    ("date.month_only", "日期：只有年月"),
    ("date.reformat", "日期：统一格式"),
    ("date.two_digit_year", "日期：两位年份"),
    ("date.unrecognized", "日期：无法识别"),
    ("date.year_only", "日期：只有年份"),
    ("email.domain_case", "邮箱：域名小写"),
    ("email.domain_typo", "邮箱：更正域名拼写"),
    ("email.extracted", "邮箱：从文字中提取"),
    ("email.missing_domain", "邮箱：缺少域名"),
    ("email.multiple", "邮箱：多个地址"),
    ("email.separator_typo", "邮箱：更正分隔符"),
    ("email.syntax", "邮箱：格式错误"),
    ("email.tidy", "邮箱：整理"),
    ("id.birth_date", "证件号码：出生日期无效"),
    ("id.birth_mismatch", "证件号码：与出生日期不符"),
    ("id.chars", "证件号码：含无效字符"),
    ("id.checksum", "证件号码：校验位错误"),
    ("id.length", "证件号码：位数错误"),
    ("id.other", "证件号码：其他证件"),
    ("id.region", "证件号码：地区码无效"),
    ("id.sex_mismatch", "证件号码：与性别不符"),
    ("id.tidy", "证件号码：整理"),
    ("name.case", "姓名：统一大小写"),
    ("name.chars", "姓名：去除无效字符"),
    ("name.combine", "姓名：合并姓和名"),
    ("name.invalid", "姓名：无效"),
    ("name.phone_removed", "姓名：移出电话号码"),
    ("name.spaces", "姓名：去除多余空格"),
    ("name.tidy", "姓名：整理"),
    ("name.title", "姓名：分出称谓"),
    ("name.title_only", "姓名：只有称谓"),
    ("phone.area_code", "电话：补上区号"),
    ("phone.format", "电话：统一格式"),
    ("phone.found_in_address", "电话：从地址中找到"),
    ("phone.found_in_name", "电话：从姓名中找到"),
    ("phone.invalid", "电话：号码无效"),
    ("phone.malformed", "电话：格式错误"),
    ("phone.no_area_code", "电话：缺少区号"),
    ("phone.region_of_record", "电话：按记录所在国家或地区解读"),
    ("salesperson.fold", "签单人员：统一写法"),
    ("postcode.format", "邮编：格式错误"),
    ("postcode.label", "邮编：去除标签"),
    ("postcode.number", "邮编：数字转为文字"),
    ("postcode.reformat", "邮编：统一格式"),
    ("postcode.tidy", "邮编：整理"),
    ("sex.code", "性别：统一写法"),
    ("sex.unknown", "性别：无法识别"),
    ("text.tidy", "文字：整理"),
];

impl Vocab {
    /// Every (key, Chinese word) of the set.
    pub fn words(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Vocab::Status => STATUS.to_vec(),
            Vocab::Reason => Reason::ALL.iter().map(|r| (r.code(), r.zh())).collect(),
            Vocab::VerifiedBy => VERIFIED_BY.to_vec(),
            Vocab::PhoneType => PHONE_TYPE.to_vec(),
            Vocab::RowOutcome => ROW_OUTCOME.to_vec(),
            Vocab::Decision => DECISION.to_vec(),
            Vocab::Field => Field::ALL.iter().map(|f| (f.key(), f.zh())).collect(),
            Vocab::Rule => RULE.to_vec(),
        }
    }

    /// The word for `key` in `lang`; a value outside the set is written as it is.
    pub fn say(self, key: &str, lang: Lang) -> String {
        if lang == Lang::En {
            return key.to_string();
        }
        self.words()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map_or_else(|| key.to_string(), |(_, zh)| zh.to_string())
    }

    /// The key of a written value, in either language (English without regard to case);
    /// `None` for a word outside the set.
    pub fn key_of(self, written: &str) -> Option<&'static str> {
        let w = written.trim();
        self.words()
            .into_iter()
            .find(|(k, zh)| k.eq_ignore_ascii_case(w) || *zh == w)
            .map(|(k, _)| k)
    }

    /// The key of a written value, or the value as written when it is outside the set
    /// (a person's own word stays theirs).
    pub fn read(self, written: &str) -> String {
        self.key_of(written).map_or_else(|| written.to_string(), str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[Vocab] = &[
        Vocab::Status,
        Vocab::Reason,
        Vocab::VerifiedBy,
        Vocab::PhoneType,
        Vocab::RowOutcome,
        Vocab::Decision,
        Vocab::Field,
        Vocab::Rule,
    ];

    #[test]
    fn every_word_reads_back_to_its_key_in_both_languages() {
        for vocab in ALL {
            for (key, _) in vocab.words() {
                for lang in [Lang::En, Lang::Zh] {
                    assert_eq!(
                        vocab.key_of(&vocab.say(key, lang)),
                        Some(key),
                        "{vocab:?} {key} {lang:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn no_two_values_of_a_set_share_a_chinese_word() {
        for vocab in ALL {
            let mut zh: Vec<&str> = vocab.words().into_iter().map(|(_, z)| z).collect();
            let n = zh.len();
            zh.sort_unstable();
            zh.dedup();
            assert_eq!(zh.len(), n, "{vocab:?}");
        }
    }

    #[test]
    fn chinese_words_are_written_and_unknown_words_kept() {
        assert_eq!(Vocab::Status.say("valid", Lang::Zh), "有效");
        assert_eq!(Vocab::Reason.say("no_phone", Lang::Zh), "无联系电话");
        assert_eq!(Vocab::VerifiedBy.say("call", Lang::Zh), "电话核实");
        assert_eq!(Vocab::PhoneType.say("mobile", Lang::Zh), "手机");
        assert_eq!(Vocab::Status.say("valid", Lang::En), "valid");
        assert_eq!(Vocab::Reason.read("停机空号"), "disconnected");
        assert_eq!(Vocab::Status.read(" Invalid "), "invalid");
        assert_eq!(Vocab::Reason.read("打错了"), "打错了");
    }
}
