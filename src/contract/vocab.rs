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
