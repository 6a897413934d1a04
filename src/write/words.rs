//! The words of the reports in both languages: one `(English, Chinese)` pair per label,
//! shared by the Summary sheet and `report.html` so the two always say the same.

use crate::contract::Lang;
use crate::record::{Field, Reason};

/// A label in English and Chinese.
pub type Label = (&'static str, &'static str);

pub const TITLE: Label = ("Customer verification report", "客户信息核实报告");
pub const INPUT_ROWS: Label = ("input rows", "输入行数");
pub const ROWS_REJECTED: Label = ("rows rejected", "拒收行数");
pub const DUPLICATES: Label = ("duplicates merged", "合并的重复记录");
pub const CUSTOMERS: Label = ("customers in total", "客户总量");
pub const VALID: Label = ("valid information", "有效信息");
pub const INVALID: Label = ("invalid information", "无效信息");
pub const SPLIT: Label = ("valid and invalid information", "有效信息与无效信息");
pub const BY_CALL: Label = ("decided by a call", "电话核实");
pub const BY_DATA: Label = ("decided by the list's data", "依据资料判定");
pub const BY_REASON: Label = ("invalid, by reason", "无效信息（按原因）");
pub const BY_OUTCOME: Label = ("valid, by what the call learned", "有效信息（按通话结果）");
pub const NO_OUTCOME: Label = ("valid by the data, not called", "资料有效，未通话");
pub const FIELD_ISSUES: Label = ("field issues", "字段问题");
pub const CALL_RESULTS: Label = ("call results", "通话结果");
pub const RESULTS: Label = ("results read", "结果条数");
pub const APPLIED: Label = ("applied to a customer", "已对应到客户");
pub const UNMATCHED: Label = ("matched no customer", "未对应到客户");
pub const UNRECOGNIZED: Label = ("outcome not understood", "结果无法识别");
pub const WITHOUT_OUTCOME: Label = ("rows without an outcome", "未填结果的行");
pub const SINCE: Label = ("since last time", "与上次相比");
pub const SINCE_FROM: Label = ("compared with", "对比");
pub const PREVIOUS_CUSTOMERS: Label = ("customers last time", "上次客户数");
pub const NEW_CUSTOMERS: Label = ("new customers", "新增客户");
pub const NOT_SEEN: Label = ("not in this quarter's lists (kept)", "本季名单未出现（保留）");
pub const STATUS_CHANGED: Label = ("status changed", "状态变化");
pub const PHONE_CHANGED: Label = ("number changed", "号码变化");
pub const IDS_MERGED: Label = ("earlier customers found to be one", "合并的旧客户编号");
pub const STATUS_CHANGES: Label = ("status changes", "状态变化明细");
pub const CHANGED_CUSTOMERS: Label = ("changed customers", "有变化的客户");
pub const BY_SALESPERSON: Label = ("by salesperson", "按签单人员");
pub const BY_FILE: Label = ("by source file", "按来源文件");
pub const RUN_ID: Label = ("run id", "运行编号");
pub const NO_SALESPERSON: Label = ("(no salesperson)", "（未填签单人员）");
pub const FIGURE: Label = ("figure", "项目");
pub const COUNT: Label = ("count", "数量");
pub const SHARE: Label = ("share", "占比");
pub const VALID_SHORT: Label = ("valid", "有效");
pub const INVALID_SHORT: Label = ("invalid", "无效");
pub const INVALID_SHARE: Label = ("invalid_share", "无效占比");

/// The label in the language.
pub fn say(lang: Lang, label: Label) -> &'static str {
    match lang {
        Lang::En => label.0,
        Lang::Zh => label.1,
    }
}

/// A reason's name in the language.
pub fn reason_name(reason: Reason, lang: Lang) -> &'static str {
    say(lang, (reason.en(), reason.zh()))
}

/// A valid outcome's name in the language: its English name, or its label.
pub fn outcome_name<'a>(label: &'a str, en: &'a str, lang: Lang) -> &'a str {
    match lang {
        Lang::En => en,
        Lang::Zh => label,
    }
}

/// A field's name in the language.
pub fn field_name(key: &str, lang: Lang) -> String {
    match (Field::from_key(key), lang) {
        (Some(f), Lang::Zh) => f.zh().to_string(),
        _ => key.replace('_', " "),
    }
}

/// A salesperson or file name, or what to show when there is none.
pub fn group_name(name: &str, lang: Lang) -> String {
    if name.is_empty() {
        say(lang, NO_SALESPERSON).to_string()
    } else {
        name.to_string()
    }
}

/// `49.8%`, one decimal, from a share between 0 and 1.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}
