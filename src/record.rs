//! The shared vocabulary of the pipeline: where a row came from, which field a column
//! holds, the record that flows one way through the stages, and the reason codes.
//!
//! Read fills `origin` and `raw`; normalize fills `clean` and `findings`; after that a
//! record is read-only. Decisions about records (clusters, verdicts) live in side tables
//! keyed by [`RecordId`], never in the record itself.
//!
//! Whatever else one stage hands to another is here too, so that no stage imports
//! another: what read made of each file ([`file_read`]), what matching found
//! ([`matched`]), classify's verdicts ([`verdict`]), a person's decisions ([`decision`]),
//! and last run against this one ([`lineage`], [`since`]).

use std::fmt;
use std::sync::Arc;

/// A cell's text. Values up to 24 bytes (most names, numbers, dates, cities) live inside
/// the record without a heap allocation of their own: a million-row list holds tens of
/// millions of them.
pub type Text = compact_str::CompactString;

/// A list a record holds: one pointer when empty, as most of a record's lists are (a
/// million records hold seven lists each).
pub type List<T> = thin_vec::ThinVec<T>;

mod cells;
pub mod decision;
pub mod file_read;
pub mod lineage;
pub mod matched;
pub mod resident_id;
pub mod since;
pub mod verdict;
pub use cells::{Cells, Values};
pub use decision::{Choice, Decision, Side};
pub use lineage::LastPlace;

/// Index of a record in the pipeline's record vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(pub u32);

/// Where one input row came from, as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    /// The input path as the user gave it.
    pub file: Arc<str>,
    /// Sheet name; empty for CSV files.
    pub sheet: Arc<str>,
    /// 1-based row number as shown by Excel or a text editor.
    pub row: u32,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sheet.is_empty() {
            write!(f, "{}:{}", self.file, self.row)
        } else {
            write!(f, "{} [{}] row {}", self.file, self.sheet, self.row)
        }
    }
}

/// Declares [`Field`] with its key (the contract's column key) and Chinese header.
macro_rules! fields {
    ($($variant:ident => $key:literal, $zh:literal;)*) => {
        /// A customer field that an input column can map to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field { $($variant),* }

        impl Field {
            /// Every field, in the master's column order.
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];

            /// The key used in rules files, JSON and English headers.
            pub fn key(self) -> &'static str {
                match self { $(Field::$variant => $key),* }
            }

            /// The Chinese header.
            pub fn zh(self) -> &'static str {
                match self { $(Field::$variant => $zh),* }
            }

            /// The field with this key.
            pub fn from_key(key: &str) -> Option<Field> {
                match key { $($key => Some(Field::$variant),)* _ => None }
            }
        }
    };
}

fields! {
    SourceCustomerId => "source_customer_id", "原客户编号";
    Name => "name", "姓名";
    FamilyName => "family_name", "姓";
    GivenName => "given_name", "名";
    Company => "company", "工作单位";
    Mobile => "mobile", "手机";
    Landline => "landline", "固定电话";
    Phone => "phone", "联系电话";
    Fax => "fax", "传真";
    Email => "email", "电子邮箱";
    Address => "address", "通讯地址";
    StreetNumber => "street_number", "门牌号";
    Postcode => "postcode", "邮政编码";
    Salesperson => "salesperson", "签单人员";
    RecordNo => "record_no", "编号";
    FillDate => "fill_date", "填表日期";
    Sex => "sex", "性别";
    Age => "age", "年龄";
    BirthDate => "birth_date", "出生日期";
    NativePlace => "native_place", "籍贯";
    Health => "health", "健康状况";
    Education => "education", "最高学历";
    IdType => "id_type", "证件类型";
    IdNumber => "id_number", "证件号码";
    Position => "position", "职务";
    Department => "department", "部门";
    Country => "country", "国家";
    Province => "province", "省份";
    City => "city", "城市";
    Region => "region", "区域";
    Category => "category", "客户类别";
    CustomerStatus => "customer_status", "客户状态";
    Industry => "industry", "行业";
    Website => "website", "网址";
    Qq => "qq", "QQ";
    Wechat => "wechat", "微信";
    FamilyMembers => "family_members", "家庭成员";
    Credit => "credit", "信誉度";
    Income => "income", "年收入";
    InfoSource => "info_source", "信息来源";
    Interests => "interests", "兴趣爱好";
    Remarks => "remarks", "备注";
    Outcome => "outcome", "通话结果";
    CallDate => "call_date", "通话日期";
    Caller => "caller", "呼叫人";
}

impl Field {
    /// Fields of which a record may hold several columns (all of them count).
    pub fn is_multi(self) -> bool {
        matches!(
            self,
            Field::Mobile | Field::Landline | Field::Phone | Field::Fax | Field::Email | Field::Remarks
        )
    }

    /// Fields that identify a customer: a row with none of them is not a record.
    pub fn identifies(self) -> bool {
        matches!(
            self,
            Field::SourceCustomerId
                | Field::Name
                | Field::FamilyName
                | Field::GivenName
                | Field::Company
                | Field::Mobile
                | Field::Landline
                | Field::Phone
                | Field::Fax
                | Field::Email
                | Field::IdNumber
                | Field::Qq
                | Field::Wechat
        )
    }

    /// Fields holding phone numbers.
    pub fn is_phone(self) -> bool {
        matches!(self, Field::Mobile | Field::Landline | Field::Phone | Field::Fax)
    }
}

/// One input row that holds a customer: read fills `origin`, `raw` and `extras` (and
/// logs in `changes` the spreadsheet error values it read as empty); normalize fills
/// `clean`, `changes` and `issues`.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: RecordId,
    /// For a row of last run's master (`--previous`): the input rows its customer stood
    /// for (its `source_count`, at least 1). 0 for a row of a customer list.
    pub master_rows: u32,
    pub origin: Origin,
    /// Mapped cells in column order, as the user sees them (never empty strings).
    pub raw: Cells,
    /// Unmapped cells: (header as written, value), carried through untouched.
    pub extras: List<(Arc<str>, Text)>,
    pub clean: Clean,
    pub changes: List<Change>,
    pub issues: List<Issue>,
}

/// A record's clean values.
#[derive(Debug, Clone, Default)]
pub struct Clean {
    /// Single-valued fields, clean display form (absent when empty).
    pub values: Values,
    /// An honorific or job title taken out of the name (`经理`, `Mr.`).
    pub title: Text,
    /// Match keys: name without spaces and case, company without legal form and place.
    pub name_key: Text,
    pub company_key: Text,
    /// Dialable numbers, best first.
    pub phones: List<PhoneNumber>,
    pub faxes: List<PhoneNumber>,
    /// Numbers that cannot be dialled, with the reason code they would give.
    pub bad_phones: List<BadPhone>,
    pub emails: List<Text>,
}

impl Clean {
    pub fn value(&self, field: Field) -> &str {
        self.values.get(field).unwrap_or("")
    }
}

/// What kind of line a valid number is, as libphonenumber classifies it.
/// Serialized as its [`code`](PhoneKind::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneKind {
    /// A mobile number.
    Mobile,
    /// A fixed line (landline).
    FixedLine,
    /// The plan cannot tell fixed lines from mobiles (e.g. the US).
    FixedLineOrMobile,
    /// Free to the caller (e.g. mainland `800`).
    TollFree,
    /// Premium rate.
    PremiumRate,
    /// Cost shared between caller and callee (e.g. mainland `400`).
    SharedCost,
    /// Voice over IP.
    Voip,
    /// A personal number that follows its owner.
    PersonalNumber,
    /// A pager.
    Pager,
    /// A universal access number (company number).
    Uan,
    /// Voicemail access.
    Voicemail,
    /// Not classified (only for numbers that are not valid).
    Unknown,
}

impl PhoneKind {
    /// Stable snake_case code used in reports and exports.
    pub fn code(&self) -> &'static str {
        match self {
            PhoneKind::Mobile => "mobile",
            PhoneKind::FixedLine => "fixed_line",
            PhoneKind::FixedLineOrMobile => "fixed_line_or_mobile",
            PhoneKind::TollFree => "toll_free",
            PhoneKind::PremiumRate => "premium_rate",
            PhoneKind::SharedCost => "shared_cost",
            PhoneKind::Voip => "voip",
            PhoneKind::PersonalNumber => "personal_number",
            PhoneKind::Pager => "pager",
            PhoneKind::Uan => "uan",
            PhoneKind::Voicemail => "voicemail",
            PhoneKind::Unknown => "unknown",
        }
    }
}

/// A valid phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    /// E.164 without extension: `+8613800138000`.
    pub e164: Text,
    /// National display form: `138 0013 8000`, `010 6234 5678`.
    pub national: Text,
    pub extension: Option<Text>,
    /// Mobile, fixed line, toll free, ... (written as its code: `mobile`, `fixed_line`).
    pub kind: PhoneKind,
    /// The column it came from.
    pub field: Field,
}

impl PhoneNumber {
    /// Which number to dial first: mobiles, then landlines, then the rest.
    pub fn rank(&self) -> u8 {
        match self.kind {
            PhoneKind::Mobile => 0,
            PhoneKind::FixedLineOrMobile => 1,
            PhoneKind::FixedLine => 2,
            _ => 3,
        }
    }

    /// E.164 with the extension, as written in the master: `+861062345678;ext=203`.
    pub fn full(&self) -> String {
        match &self.extension {
            Some(x) => format!("{};ext={x}", self.e164),
            None => self.e164.to_string(),
        }
    }
}

/// A number that cannot be dialled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPhone {
    pub raw: Text,
    pub reason: Reason,
    pub detail: String,
}

/// A value that cleaning changed (the Changes sheet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    pub raw: Text,
    pub clean: Text,
    pub rule: &'static str,
}

/// A field problem that does not make a customer unreachable (a bad email, an ID with a
/// wrong checksum).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub field: Field,
    pub code: &'static str,
    pub detail: String,
}

impl Record {
    /// A row as read: where it came from, its mapped cells and its unmapped ones; the
    /// pipeline numbers it and normalize cleans it.
    pub fn read(origin: Origin, raw: Cells, extras: List<(Arc<str>, Text)>) -> Record {
        Record {
            id: RecordId(0),
            master_rows: 0,
            origin,
            raw,
            extras,
            clean: Clean::default(),
            changes: List::new(),
            issues: List::new(),
        }
    }

    /// The input rows this record stands for: 1, or a master customer's `source_count`.
    pub fn rows(&self) -> u32 {
        self.master_rows.max(1)
    }

    /// True for a row of last run's master.
    pub fn is_from_master(&self) -> bool {
        self.master_rows > 0
    }

    /// The first raw value of a field.
    pub fn raw_value(&self, field: Field) -> Option<&str> {
        self.raw.get(field)
    }

    /// Every raw value of a field, in column order.
    pub fn raw_values(&self, field: Field) -> impl Iterator<Item = &str> {
        self.raw.iter().filter(move |(f, _)| *f == field).map(|(_, v)| v)
    }
}

/// An input row that holds no customer, and why. Listed in Lineage as `rejected`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub origin: Origin,
    pub why: String,
}

/// Why a customer is invalid (the contract's reason codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    NoAnswer,
    Busy,
    WrongNumber,
    Unreachable,
    Fax,
    Disconnected,
    InvalidNumber,
    MalformedPhone,
    NoPhone,
}

impl Reason {
    /// Every reason, in report order.
    pub const ALL: &'static [Reason] = &[
        Reason::NoAnswer,
        Reason::Busy,
        Reason::WrongNumber,
        Reason::Unreachable,
        Reason::Fax,
        Reason::Disconnected,
        Reason::InvalidNumber,
        Reason::MalformedPhone,
        Reason::NoPhone,
    ];

    /// The code of the contract.
    pub fn code(self) -> &'static str {
        match self {
            Reason::NoAnswer => "no_answer",
            Reason::Busy => "busy",
            Reason::WrongNumber => "wrong_number",
            Reason::Unreachable => "unreachable",
            Reason::Fax => "fax",
            Reason::Disconnected => "disconnected",
            Reason::InvalidNumber => "invalid_number",
            Reason::MalformedPhone => "malformed_phone",
            Reason::NoPhone => "no_phone",
        }
    }

    /// The Chinese label of the contract.
    pub fn zh(self) -> &'static str {
        match self {
            Reason::NoAnswer => "无人接听",
            Reason::Busy => "占线",
            Reason::WrongNumber => "信息与号码不符",
            Reason::Unreachable => "一直联系不上",
            Reason::Fax => "传真机",
            Reason::Disconnected => "停机空号",
            Reason::InvalidNumber => "号码无效",
            Reason::MalformedPhone => "号码格式错误",
            Reason::NoPhone => "无联系电话",
        }
    }

    /// The English name, for reports read by people.
    pub fn en(self) -> &'static str {
        match self {
            Reason::NoAnswer => "no answer",
            Reason::Busy => "line busy",
            Reason::WrongNumber => "information does not match the number",
            Reason::Unreachable => "never reachable",
            Reason::Fax => "fax machine",
            Reason::Disconnected => "suspended or vacant number",
            Reason::InvalidNumber => "invalid number",
            Reason::MalformedPhone => "not a phone number",
            Reason::NoPhone => "no phone number",
        }
    }

    /// The reason with this code.
    pub fn from_code(code: &str) -> Option<Reason> {
        Reason::ALL.iter().copied().find(|r| r.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_kinds_serialize_as_their_codes() {
        let kinds = [
            PhoneKind::Mobile,
            PhoneKind::FixedLine,
            PhoneKind::FixedLineOrMobile,
            PhoneKind::TollFree,
            PhoneKind::PremiumRate,
            PhoneKind::SharedCost,
            PhoneKind::Voip,
            PhoneKind::PersonalNumber,
            PhoneKind::Pager,
            PhoneKind::Uan,
            PhoneKind::Voicemail,
            PhoneKind::Unknown,
        ];
        for kind in kinds {
            let json = serde_json::to_string(&kind).expect("a kind serializes");
            assert_eq!(json, format!("\"{}\"", kind.code()));
        }
    }

    #[test]
    fn mobiles_are_dialled_first_then_landlines() {
        let number = |kind| PhoneNumber {
            e164: "+8613800138000".into(),
            national: "138 0013 8000".into(),
            extension: None,
            kind,
            field: Field::Phone,
        };
        let ranks: Vec<u8> = [
            PhoneKind::Mobile,
            PhoneKind::FixedLineOrMobile,
            PhoneKind::FixedLine,
            PhoneKind::TollFree,
        ]
        .into_iter()
        .map(|k| number(k).rank())
        .collect();
        assert_eq!(ranks, [0, 1, 2, 3]);
    }
}
