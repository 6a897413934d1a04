//! Phone numbers: finds every number in a cell (or in free text), parses it and classifies it.
//!
//! This module owns everything about telephone numbers in rollcall:
//!
//! * **Cells** ([`parse_cell`]): splits a cell into its numbers (on new lines, `,`, `;`, `、`,
//!   `/`, `或`, `and`, labels ...), keeps one number's own separators together
//!   (`138-0013-8000`, `(010) 6234-5678`), reads extensions (`转`, `分机`, `ext.`, `x`, `#`,
//!   `-203` after a full landline), fax labels (`F:`, `传真`, `Fax`), Excel damage
//!   (`13800138000.0`, `1.38001E+10`) and mainland landlines written without their area code.
//! * **Free text** ([`find_in_text`]): clear phone-shaped runs inside names, addresses and
//!   remarks, never postcodes, ID numbers or dates.
//! * **Numbering plans**: parsing and validation follow Google's libphonenumber exactly (the
//!   reference implementation's `parse`, `isValidNumber`, `getNumberType`, `format`), run on the
//!   metadata that the `phonenumber` crate embeds. The crate's own parser and validator are not
//!   used: they match patterns as prefixes instead of whole numbers (so `010 623456789` passes
//!   as valid), strip national prefixes of `+44 ...` numbers with the default region's rules,
//!   and route every regex match through one global mutex-guarded LRU cache of 100 regexes.
//!   Here each region's patterns are compiled once, anchored, and shared lock-free.

use super::text;
use phonenumber::metadata::{Descriptor, Format, Metadata, DATABASE};
use regex::{Regex, RegexBuilder};
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::{LazyLock, OnceLock};

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/// What kind of line a valid number is, as libphonenumber classifies it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
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

/// One valid phone number found in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// The piece of the cell this came from, exactly as written (extension included).
    pub raw: String,
    /// E.164 form without extension, e.g. `+8613800138000`.
    pub e164: String,
    /// Dialable display form: national format (`138 0013 8000`, `010 6234 5678`) for numbers
    /// of the default region's country, international format (`+44 20 7946 0958`) otherwise.
    pub national: String,
    /// Extension digits (`转203`, `ext. 12`, `-203` after a landline).
    pub extension: Option<String>,
    /// Line type.
    pub kind: PhoneKind,
    /// A fax label (`F:`, `Fax`, `传真`) stood in front of it.
    pub label_fax: bool,
    /// `Some("010")` when the area code was not written and was added from the record's city
    /// or from another landline in the same cell.
    pub area_code_inferred: Option<String>,
}

/// The outcome for one number-like piece of a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneParse {
    /// A valid number.
    Valid(Phone),
    /// Parsed, but not a valid number in its numbering plan (reason code `invalid_number`).
    Invalid {
        /// The piece as written.
        raw: String,
        /// E.164 of what was parsed, when a country could be determined.
        e164: Option<String>,
        /// Human-readable detail.
        why: String,
    },
    /// Not a phone number at all (reason code `malformed_phone`), e.g. `1.38001E+10`, `abc`,
    /// `138001`, `95588`.
    Malformed {
        /// The piece as written.
        raw: String,
        /// Human-readable detail.
        why: String,
    },
    /// A mainland landline written without an area code and no city to infer it from.
    NeedsAreaCode {
        /// The piece as written.
        raw: String,
    },
}

impl PhoneParse {
    /// The valid phone, if this is one.
    pub fn valid(&self) -> Option<&Phone> {
        match self {
            PhoneParse::Valid(phone) => Some(phone),
            _ => None,
        }
    }
}

/// Rules data for phone parsing, loaded from `rules/area_codes.toml`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneRules {
    /// City or province-level municipality name -> mainland telephone area code, written with
    /// its leading zero (`"北京" = "010"`, `"苏州" = "0512"`). Keys are Chinese names without
    /// the `市`/`省` suffix or lower-case pinyin (`"beijing"`). A value written without the
    /// leading zero is accepted too.
    #[serde(default)]
    pub area_codes: BTreeMap<String, String>,
}

impl PhoneRules {
    /// Parses the rules file.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// The area code (with leading zero) of the one city named in `place`, or `None` when no
    /// city or several different ones are named. The longest name wins where names overlap;
    /// a name followed by `市` is preferred; a name used as a street name (`中山路`, `南京东路`)
    /// does not count; a province name (`吉林省`) is ignored when a city also matches.
    pub fn area_code_for(&self, place: &str) -> Option<String> {
        let lower = place.to_lowercase();
        let hits = self.city_hits(&lower);
        let strong: Vec<&CityHit> = hits.iter().filter(|h| h.city_suffix).collect();
        if let Some(code) = unique_code(&strong) {
            return Some(code);
        }
        let all: Vec<&CityHit> = hits.iter().collect();
        let cities: Vec<&CityHit> = all.iter().copied().filter(|h| !h.province).collect();
        if cities.is_empty() {
            unique_code(&all)
        } else {
            unique_code(&cities)
        }
    }

    /// Every city name in `lower` (a lower-cased place). Chinese names are looked up at every
    /// character (names of up to 6 characters), pinyin names as whole words.
    fn city_hits(&self, lower: &str) -> Vec<CityHit> {
        let mut hits = Vec::new();
        for (start, c) in lower.char_indices() {
            if c.is_ascii() {
                continue;
            }
            let mut end = start;
            for c in lower[start..].chars().take(6) {
                end += c.len_utf8();
                self.push_hit(&mut hits, lower, start, end);
            }
        }
        for (start, end) in ascii_words(lower) {
            self.push_hit(&mut hits, lower, start, end);
        }
        let all = hits.clone();
        hits.retain(|h| !all.iter().any(|o| o.contains(h)));
        hits
    }

    fn push_hit(&self, hits: &mut Vec<CityHit>, lower: &str, start: usize, end: usize) {
        let Some(name) = lower.get(start..end) else {
            return;
        };
        let Some(code) = self.area_code_named(name) else {
            return;
        };
        let after = &lower[end..];
        if is_street_name(after) || after.starts_with('省') || hits.iter().any(|h| h.start == start && h.end == end) {
            return;
        }
        hits.push(CityHit {
            start,
            end,
            code: with_leading_zero(code),
            city_suffix: after.starts_with('市'),
            province: PROVINCES.contains(&name),
        });
    }

    /// The code for a name as written, or for a pinyin word without its apostrophe (`xian`).
    fn area_code_named(&self, name: &str) -> Option<&String> {
        self.area_codes.get(name).or_else(|| {
            let plain: String = name.chars().filter(|&c| c != '\'').collect();
            (plain.len() != name.len())
                .then(|| self.area_codes.get(&plain))
                .flatten()
        })
    }
}

/// Byte ranges of the ASCII words (letters and apostrophes) in `s`.
fn ascii_words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let word_char = c.is_ascii_alphabetic() || c == '\'';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(st), false) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Every number in one cell. `region` is an ISO 3166 alpha-2 code (`"CN"`); numbers without
/// `+` or an international prefix are read in that region's national format. `place` is the
/// record's city or address (or `None`), used only to infer a missing mainland area code.
/// A blank cell or a placeholder (`无`, `N/A`, `-`) gives no entries.
pub fn parse_cell(cell: &str, region: &str, place: Option<&str>, rules: &PhoneRules) -> Vec<PhoneParse> {
    let ctx = Ctx::new(region, place, rules, false);
    let folded = Folded::new(cell);
    if !folded.text.bytes().any(|b| b.is_ascii_digit()) {
        return no_digits(cell);
    }
    let found = scan(&folded, &ctx);
    let mut out: Vec<PhoneParse> = found.into_iter().map(|f| f.parse).collect();
    if out.is_empty() {
        out.push(malformed(cell.trim(), "no phone-shaped digits"));
    }
    out
}

/// True when `region` (an ISO 3166 alpha-2 code, any case) has a numbering plan, so
/// numbers written without a country can be read in it (`XX` has none).
pub fn is_known_region(region: &str) -> bool {
    REGISTRY
        .by_region
        .contains_key(region.trim().to_ascii_uppercase().as_str())
}

/// Numbers hidden in free text (a name, an address, remarks): only clear phone-shaped runs of
/// at least 7 digits that parse as valid numbers; never postcodes (6 digits), ID numbers
/// (15/18 characters), dates (`20230105`, `2023-01-05`) or numbers labelled as QQ, postcode or
/// ID. A landline without an area code takes it from `place`, or failing that from a city
/// named in the text itself.
pub fn find_in_text(text: &str, region: &str, place: Option<&str>, rules: &PhoneRules) -> Vec<Phone> {
    let ctx = Ctx::new(region, place.or(Some(text)), rules, true);
    let folded = Folded::new(text);
    if !folded.text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    scan(&folded, &ctx)
        .into_iter()
        .filter(|f| f.digits.len() >= 7 && !f.id_shaped && !looks_like_date(&f.digits))
        .filter_map(|f| match f.parse {
            PhoneParse::Valid(phone) => Some(phone),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Cell scanning: folding, hard segments, tokens, choosing how to split
// ---------------------------------------------------------------------------------------------

/// Characters that always end a number: one cell lists several numbers with them.
fn is_hard_separator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t' | ',' | ';' | '、' | '|' | '\u{2028}' | '\u{2029}')
}

/// `;ext=203` after a number (RFC 3966, the form the master writes): the semicolon
/// introduces the number's extension, it does not separate two numbers.
fn starts_rfc3966_extension(s: &str) -> bool {
    let Some(rest) = s.strip_prefix(';') else {
        return false;
    };
    let rest = rest.trim_start();
    rest.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("ext="))
        && rest[4..].trim_start().starts_with(|c: char| c.is_ascii_digit())
}

static SCIENTIFIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[+-]?\d+(?:\.\d+)?[eE]\+?\d+\s*$").expect("scientific regex"));

/// Placeholders people type into an empty phone cell.
const PLACEHOLDERS: &[&str] = &[
    "无", "暂无", "没有", "空", "未知", "不详", "n/a", "na", "none", "null", "nil", "nan", "tbd",
];

/// Mainland provinces and autonomous regions (names that are also city keys are ignored when
/// a city matches too, e.g. `吉林省长春市`).
const PROVINCES: &[&str] = &[
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
    "jilin",
];

/// Most groups one number may be written in (`+86 (0) 10 6234 5678` is 5).
const MAX_GROUPS: usize = 8;
/// Most digits one number may have (IDD + country code + 17-digit national number).
const MAX_DIGITS: usize = 24;

/// Per-call settings.
struct Ctx<'a> {
    home: Option<&'static Plan>,
    mainland: bool,
    place: Option<&'a str>,
    rules: &'a PhoneRules,
    place_code: OnceCell<Option<String>>,
    free_text: bool,
}

impl<'a> Ctx<'a> {
    fn new(region: &str, place: Option<&'a str>, rules: &'a PhoneRules, free_text: bool) -> Self {
        let region = region.trim().to_ascii_uppercase();
        Ctx {
            home: REGISTRY.region(&region),
            mainland: region == "CN",
            place,
            rules,
            place_code: OnceCell::new(),
            free_text,
        }
    }

    fn home_code(&self) -> u16 {
        self.home.map_or(0, |p| p.code)
    }

    fn place_area_code(&self) -> Option<&str> {
        self.place_code
            .get_or_init(|| self.place.and_then(|p| self.rules.area_code_for(p)))
            .as_deref()
    }
}

/// A text folded to half-width, with the way back to the original byte offsets.
struct Folded<'a> {
    orig: &'a str,
    text: String,
    back: Vec<usize>,
}

impl<'a> Folded<'a> {
    fn new(orig: &'a str) -> Self {
        let mut text = String::with_capacity(orig.len());
        let mut back = Vec::with_capacity(orig.len() + 1);
        for (i, c) in orig.char_indices() {
            let f = text::fold_char(c);
            back.extend(std::iter::repeat_n(i, f.len_utf8()));
            text.push(f);
        }
        back.push(orig.len());
        Folded { orig, text, back }
    }

    /// The original text for folded byte range `a..b`.
    fn raw(&self, a: usize, b: usize) -> &'a str {
        let from = self.back.get(a).copied().unwrap_or(self.orig.len());
        let to = self.back.get(b).copied().unwrap_or(self.orig.len());
        self.orig.get(from..to.max(from)).unwrap_or("")
    }
}

/// One chosen piece of a cell with its outcome.
struct Found {
    parse: PhoneParse,
    /// The digits of the piece (for the free-text filters).
    digits: String,
    /// For a mainland local number without area code: its digits, to retry with a sibling's.
    local: Option<String>,
    /// One unbroken run of 15, 17 or 18 digits: the shape of a mainland ID number.
    id_shaped: bool,
    /// Written with `+` or an international prefix, and not valid: one number announced, so
    /// it is not cut into pieces.
    bad_international: bool,
    /// A fax label stood in front of it.
    fax: bool,
    /// Digits cut off as an aside (`(2023.1.5)`, `2楼`), not reported.
    skip: bool,
}

fn scan(folded: &Folded, ctx: &Ctx) -> Vec<Found> {
    let mut out = Vec::new();
    for (a, b) in hard_segments(&folded.text) {
        let seg = &folded.text[a..b];
        if seg.trim().is_empty() {
            continue;
        }
        if !ctx.free_text && SCIENTIFIC.is_match(seg) {
            let raw = folded.raw(a, b).trim();
            out.push(found(malformed(raw, "scientific notation: Excel dropped digits"), ""));
            continue;
        }
        let toks = tokenize(seg, a, ctx);
        for run in break_runs(&toks) {
            out.extend(best_split(run, folded, ctx));
        }
    }
    use_sibling_area_codes(&mut out, ctx);
    out
}

fn found(parse: PhoneParse, digits: &str) -> Found {
    Found {
        parse,
        digits: digits.to_string(),
        local: None,
        id_shaped: false,
        bad_international: false,
        fax: false,
        skip: false,
    }
}

fn malformed(raw: &str, why: &str) -> PhoneParse {
    PhoneParse::Malformed {
        raw: raw.to_string(),
        why: why.to_string(),
    }
}

fn no_digits(cell: &str) -> Vec<PhoneParse> {
    let t = text::tidy(cell).to_lowercase();
    let bare = t.trim_matches(|c: char| !c.is_alphanumeric());
    if bare.is_empty() || PLACEHOLDERS.contains(&bare) {
        Vec::new()
    } else {
        vec![malformed(cell.trim(), "no digits")]
    }
}

/// Byte ranges between hard separators.
fn hard_segments(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if is_hard_separator(c) && !starts_rfc3966_extension(&s[i..]) {
            out.push((start, i));
            start = i + c.len_utf8();
        }
    }
    out.push((start, s.len()));
    out
}

/// How strongly two digit groups are held apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    /// Space, dash, dot, closing bracket: usually inside one number.
    Join,
    /// An opening bracket: inside one number (`+86 (0)10`), or before an aside
    /// (`020-12345678 (2023.1.5)`), which may then be cut off.
    Bracket,
    /// A slash: between numbers, or between area code and number.
    Slash,
    /// Anything else (words, labels, CJK text): never inside one number.
    Break,
}

/// One run of digits in a segment.
#[derive(Debug, Clone)]
struct Tok {
    digits: String,
    /// Folded byte offsets of the written piece (a leading `+` or `(` included).
    start: usize,
    end: usize,
    plus: bool,
    gap: Gap,
    fax: bool,
    not_phone: bool,
    ext: Option<String>,
    /// Text (not a label) follows right after it: `2楼`, `1203室`.
    text_after: bool,
}

/// Ways of introducing an extension.
const EXT_WORDS: &[&str] = &["x", "ext", "extn", "extension", "ex"];
const EXT_CJK: &[&str] = &["转分机", "转", "轉", "分机", "分機", "内线", "內線", "分线"];
/// Labels.
const FAX_WORDS: &[&str] = &["fax", "f", "facsimile", "telefax"];
const FAX_CJK: &[&str] = &["传真", "傳真"];
const LABEL_WORDS: &[&str] = &[
    "tel",
    "tele",
    "telephone",
    "phone",
    "ph",
    "mobile",
    "mob",
    "mobil",
    "cell",
    "cellphone",
    "m",
    "t",
    "h",
    "o",
    "w",
    "p",
    "hp",
    "office",
    "home",
    "work",
    "direct",
    "dir",
];
const LABEL_CJK: &[&str] = &[
    "手机", "手機", "电话", "電話", "座机", "座機", "固话", "固話", "移动", "移動", "办公", "宅电", "宅電", "总机",
    "總機", "热线", "熱線", "联系", "聯繫", "联络",
];
/// Labels after which the digits are not a phone number.
const NOT_PHONE_WORDS: &[&str] = &["qq", "zip", "postcode"];
const NOT_PHONE_CJK: &[&str] = &[
    "邮编",
    "郵編",
    "邮政编码",
    "身份证",
    "身份證",
    "证件",
    "账号",
    "帳號",
    "卡号",
    "税号",
    "编号",
    "工号",
];

/// Splits one hard segment into digit groups, reading labels and extension markers.
struct Tokenizer {
    toks: Vec<Tok>,
    gap: Option<Gap>,
    plus_at: Option<usize>,
    paren_at: Option<usize>,
    fax: bool,
    not_phone: bool,
    ext_pending: bool,
}

fn tokenize(seg: &str, base: usize, ctx: &Ctx) -> Vec<Tok> {
    let mut t = Tokenizer {
        toks: Vec::new(),
        gap: None,
        plus_at: None,
        paren_at: None,
        fax: false,
        not_phone: false,
        ext_pending: false,
    };
    let mut i = 0;
    while let Some(c) = seg[i..].chars().next() {
        let used = if c.is_ascii_digit() {
            t.digits(seg, base, i)
        } else if c.is_ascii_alphabetic() {
            t.word(seg, i)
        } else {
            t.symbol(seg, base, i, c)
        };
        i += used.max(1);
        while !seg.is_char_boundary(i) {
            i += 1;
        }
    }
    fix_excel_decimal(&mut t.toks, seg, base);
    if ctx.mainland {
        split_glued_mobiles(&mut t.toks);
    }
    t.toks
}

impl Tokenizer {
    fn digits(&mut self, seg: &str, base: usize, i: usize) -> usize {
        let len = seg[i..].bytes().take_while(u8::is_ascii_digit).count();
        let run = &seg[i..i + len];
        if let Some(time) = time_of_day(seg, i, len) {
            self.brk();
            return time;
        }
        if self.ext_pending && len <= 6 {
            if let Some(last) = self.toks.last_mut() {
                if last.ext.is_none() {
                    last.ext = Some(run.to_string());
                    last.end = base + i + len;
                    self.ext_pending = false;
                    self.gap = Some(Gap::Break);
                    return len;
                }
            }
        }
        let start = self.plus_at.or(self.paren_at).unwrap_or(base + i);
        self.toks.push(Tok {
            digits: run.to_string(),
            start,
            end: base + i + len,
            plus: self.plus_at.is_some(),
            gap: if self.ext_pending {
                Gap::Break
            } else {
                self.gap.unwrap_or(Gap::Break)
            },
            fax: self.fax,
            not_phone: self.not_phone,
            ext: None,
            text_after: false,
        });
        self.gap = None;
        self.plus_at = None;
        self.paren_at = None;
        self.ext_pending = false;
        self.not_phone = false;
        len
    }

    fn word(&mut self, seg: &str, i: usize) -> usize {
        let len = seg[i..].bytes().take_while(u8::is_ascii_alphabetic).count();
        let word = seg[i..i + len].to_ascii_lowercase();
        let w = word.as_str();
        if EXT_WORDS.contains(&w) && self.digits_follow(&seg[i + len..]) {
            self.ext_pending = true;
        } else if FAX_WORDS.contains(&w) {
            self.label(true);
        } else if LABEL_WORDS.contains(&w) {
            self.label(false);
        } else if NOT_PHONE_WORDS.contains(&w) {
            self.not_phone_label();
        } else {
            self.noise();
        }
        len
    }

    fn symbol(&mut self, seg: &str, base: usize, i: usize, c: char) -> usize {
        let rest = &seg[i..];
        match c {
            '+' => self.plus_at = Some(base + i),
            '(' | '[' => {
                self.set_gap(Gap::Bracket);
                self.paren_at = self.paren_at.or(Some(base + i));
            }
            ' ' | '-' | '.' | ')' | ']' | '_' | '~' | '\u{00B7}' => self.join(),
            ':' | '=' if self.ext_pending => {}
            ':' => {
                self.set_gap(Gap::Break);
                self.plus_at = None;
                self.paren_at = None;
            }
            '/' | '\\' => self.set_gap(Gap::Slash),
            // Only `;ext=` reaches here (see `starts_rfc3966_extension`); `ext` follows.
            ';' => {}
            '#' if self.digits_follow(&rest[1..]) => self.ext_pending = true,
            _ => return self.cjk(rest, c),
        }
        c.len_utf8()
    }

    fn cjk(&mut self, rest: &str, c: char) -> usize {
        if let Some(m) = prefix_in(rest, EXT_CJK) {
            if self.digits_follow(&rest[m.len()..]) {
                self.ext_pending = true;
                return m.len();
            }
        }
        if let Some(m) = prefix_in(rest, FAX_CJK) {
            self.label(true);
            return m.len();
        }
        if let Some(m) = prefix_in(rest, LABEL_CJK) {
            self.label(false);
            return m.len();
        }
        if let Some(m) = prefix_in(rest, NOT_PHONE_CJK) {
            self.not_phone_label();
            return m.len();
        }
        self.noise();
        c.len_utf8()
    }

    /// Whether digits come next (after spaces and `:.-=`), and a number stands before.
    fn digits_follow(&self, rest: &str) -> bool {
        !self.toks.is_empty()
            && rest
                .trim_start_matches([' ', ':', '.', '-', '='])
                .starts_with(|c: char| c.is_ascii_digit())
    }

    fn label(&mut self, fax: bool) {
        self.brk();
        self.fax = fax;
        self.not_phone = false;
    }

    fn not_phone_label(&mut self) {
        self.brk();
        self.not_phone = true;
    }

    /// Text that is neither a label nor a marker.
    fn noise(&mut self) {
        if self.gap.is_none_or(|g| g == Gap::Join) {
            if let Some(last) = self.toks.last_mut() {
                last.text_after = true;
            }
        }
        self.brk();
    }

    fn join(&mut self) {
        self.set_gap(Gap::Join);
    }

    fn brk(&mut self) {
        self.set_gap(Gap::Break);
        self.plus_at = None;
        self.paren_at = None;
        self.ext_pending = false;
    }

    fn set_gap(&mut self, gap: Gap) {
        self.gap = Some(self.gap.map_or(gap, |g| g.max(gap)));
    }
}

/// `9:00`, `17:30` (business hours written next to a number): bytes to skip.
fn time_of_day(seg: &str, i: usize, len: usize) -> Option<usize> {
    let minutes = seg[i + len..].strip_prefix(':')?;
    let m = minutes.bytes().take_while(u8::is_ascii_digit).count();
    (len <= 2 && m == 2).then_some(len + 1 + m)
}

fn prefix_in<'s>(rest: &str, list: &[&'s str]) -> Option<&'s str> {
    list.iter().copied().find(|p| rest.starts_with(p))
}

/// `13800138000.0`: Excel stored the number as a float. The `.0` belongs to the number.
fn fix_excel_decimal(toks: &mut Vec<Tok>, seg: &str, base: usize) {
    let mut k = 1;
    while k < toks.len() {
        let (prev, cur) = (&toks[k - 1], &toks[k]);
        let between = seg.get(prev.end - base..cur.start - base).unwrap_or("");
        let alone = k == 1 || prev.gap == Gap::Break;
        let last = toks.get(k + 1).is_none_or(|n| n.gap == Gap::Break);
        let zeros = cur.digits.len() <= 2 && cur.digits.bytes().all(|b| b == b'0');
        if between == "." && zeros && prev.digits.len() >= 7 && alone && last && cur.ext.is_none() {
            toks[k - 1].end = toks[k].end;
            toks.remove(k);
        } else {
            k += 1;
        }
    }
}

/// `1380013800013900139000`: two mainland mobiles typed without a separator.
fn split_glued_mobiles(toks: &mut Vec<Tok>) {
    let mut k = 0;
    while k < toks.len() {
        let d = &toks[k].digits;
        let plain = !toks[k].plus && toks[k].ext.is_none();
        if d.len() == 22 && d.starts_with('1') && d.as_bytes()[11] == b'1' && plain {
            let mut second = toks[k].clone();
            second.digits = d[11..].to_string();
            second.start = toks[k].end - 11;
            second.gap = Gap::Join;
            second.plus = false;
            toks[k].digits.truncate(11);
            toks[k].end = second.start;
            toks.insert(k + 1, second);
            k += 1;
        }
        k += 1;
    }
}

/// Groups of tokens that no number can span (split at every [`Gap::Break`]).
fn break_runs(toks: &[Tok]) -> Vec<&[Tok]> {
    let mut out = Vec::new();
    let mut start = 0;
    for k in 1..=toks.len() {
        if k == toks.len() || toks[k].gap == Gap::Break {
            out.push(&toks[start..k]);
            start = k;
        }
    }
    out
}

/// How good a way of splitting a run is: more usable numbers (valid, or a landline that only
/// lacks its area code), then more valid ones, then fewer pieces. Splitting never pays for
/// itself with invalid pieces: `138 0013 800 1` stays one invalid number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
struct Score {
    usable: u32,
    valid: u32,
    fewer: i32,
    /// Not counted in the order above: a piece that is not even an invalid number.
    junk: bool,
}

impl Score {
    fn of(parse: &PhoneParse, digits: usize) -> Score {
        let (usable, valid, junk) = match parse {
            PhoneParse::Valid(_) => (1, 1, false),
            PhoneParse::NeedsAreaCode { .. } => (1, 0, false),
            PhoneParse::Invalid { .. } => (0, 0, digits < 7),
            PhoneParse::Malformed { .. } => (0, 0, true),
        };
        Score {
            usable,
            valid,
            fewer: -1,
            junk,
        }
    }

    fn add(self, o: Score) -> Score {
        Score {
            usable: self.usable + o.usable,
            valid: self.valid + o.valid,
            fewer: self.fewer + o.fewer,
            junk: false,
        }
    }
}

/// Chooses how to cut one run of groups into numbers (dynamic programming over cut points).
fn best_split(run: &[Tok], folded: &Folded, ctx: &Ctx) -> Vec<Found> {
    let n = run.len();
    if n == 0 {
        return Vec::new();
    }
    if n <= MAX_GROUPS && joinable(run) {
        let whole = eval(run, folded, ctx);
        if whole.parse.valid().is_some() {
            return keep(vec![whole], ctx);
        }
    }
    let mut best: Vec<Option<(Score, usize, Found)>> = (0..=n).map(|_| None).collect();
    best[0] = Some((Score::default(), 0, found(malformed("", ""), "")));
    for i in 1..=n {
        let mut pick: Option<(Score, usize, Found)> = None;
        let whole = (i == n && n > MAX_GROUPS).then_some(0);
        for j in (i.saturating_sub(MAX_GROUPS)..i).rev().chain(whole) {
            let whole_run = j == 0 && i == n;
            if !whole_run && !joinable(&run[j..i]) {
                continue;
            }
            let Some((before, _, _)) = &best[j] else {
                continue;
            };
            let mut piece = eval(&run[j..i], folded, ctx);
            let score = Score::of(&piece.parse, piece.digits.len());
            if (score.junk || piece.bad_international) && !whole_run && !ctx.free_text {
                if !is_aside(run, j, i) {
                    continue;
                }
                piece.skip = true;
            }
            let total = before.add(score);
            if pick.as_ref().is_none_or(|(s, _, _)| total > *s) {
                pick = Some((total, j, piece));
            }
        }
        best[i] = pick;
    }
    keep(unwind(best), ctx)
}

/// Digits that may be cut off as an aside: after an opening bracket (`(2023.1.5)`), or at
/// the end of a run right before text (`020-12345678 2楼`).
fn is_aside(run: &[Tok], j: usize, i: usize) -> bool {
    j > 0 && (run[j].gap == Gap::Bracket || (i == run.len() && run[i - 1].text_after))
}

fn unwind(mut best: Vec<Option<(Score, usize, Found)>>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = best.len() - 1;
    while i > 0 {
        match best[i].take() {
            Some((_, j, piece)) => {
                out.push(piece);
                i = j;
            }
            None => break,
        }
    }
    out.reverse();
    out
}

/// Drops pieces that are not worth reporting: a stray group of one or two digits, and digits
/// labelled as something else (QQ, postcode, ID).
fn keep(pieces: Vec<Found>, ctx: &Ctx) -> Vec<Found> {
    pieces
        .into_iter()
        .filter(|f| match &f.parse {
            _ if f.skip => false,
            PhoneParse::Malformed { why, .. } => f.digits.len() >= 3 && why != NOT_PHONE && !ctx.free_text,
            _ => true,
        })
        .collect()
}

const NOT_PHONE: &str = "labelled as not a phone number";

/// Whether the groups may be read as one number: no `+` or extension in the middle, no
/// break, not too many digits.
fn joinable(run: &[Tok]) -> bool {
    let digits: usize = run.iter().map(|t| t.digits.len()).sum();
    let inner_ok = run.iter().skip(1).all(|t| !t.plus && t.gap != Gap::Break);
    let ext_ok = run.iter().rev().skip(1).all(|t| t.ext.is_none());
    inner_ok && ext_ok && (digits <= MAX_DIGITS || run.len() == 1)
}

/// Reads groups as one number; retries a trailing `-203` as an extension of a landline.
fn eval(run: &[Tok], folded: &Folded, ctx: &Ctx) -> Found {
    let first = &run[0];
    let last = &run[run.len() - 1];
    let digits: String = run.iter().map(|t| t.digits.as_str()).collect();
    let piece = Piece {
        raw: folded.raw(first.start, last.end),
        digits: &digits,
        plus: first.plus,
        ext: last.ext.clone(),
        fax: run.iter().any(|t| t.fax),
    };
    if run.iter().any(|t| t.not_phone) {
        return found(malformed(piece.raw, NOT_PHONE), &digits);
    }
    let whole = classify(&piece, ctx);
    let mut out = if whole.parse.valid().is_some() || run.len() < 2 {
        whole
    } else {
        dash_extension(run, folded, &piece, ctx).unwrap_or(whole)
    };
    out.fax = piece.fax;
    out.id_shaped = run.len() == 1 && !first.plus && matches!(digits.len(), 15 | 17 | 18);
    out
}

/// `010-62345678-203`: the mainland habit of writing an extension after a dash. Only after a
/// full landline (area code and subscriber number, 10+ digits) or a local 7-8 digit number.
fn dash_extension(run: &[Tok], folded: &Folded, piece: &Piece, ctx: &Ctx) -> Option<Found> {
    let last = &run[run.len() - 1];
    let prev = &run[run.len() - 2];
    let between = folded.text.get(prev.end..last.start)?.trim();
    if between != "-" || last.digits.len() > 5 || last.ext.is_some() {
        return None;
    }
    let head = &piece.digits[..piece.digits.len() - last.digits.len()];
    let try_piece = Piece {
        digits: head,
        ext: Some(last.digits.clone()),
        ..piece.clone()
    };
    let out = classify(&try_piece, ctx);
    let landline = match &out.parse {
        PhoneParse::Valid(p) => p.kind != PhoneKind::Mobile && p.e164.starts_with("+86") && p.e164.len() >= 13,
        PhoneParse::NeedsAreaCode { .. } => true,
        _ => false,
    };
    landline.then_some(out)
}

/// One candidate number: digits as written plus what stood around them.
#[derive(Clone)]
struct Piece<'a> {
    raw: &'a str,
    digits: &'a str,
    plus: bool,
    ext: Option<String>,
    fax: bool,
}

/// The outcome for one candidate number.
fn classify(piece: &Piece, ctx: &Ctx) -> Found {
    let number = match parse_digits(piece.plus, piece.digits, ctx.home) {
        Ok(n) => n,
        Err(fail) => return found(failure(piece, fail), piece.digits),
    };
    if let Some(phone) = to_phone(&number, piece, ctx, None) {
        return found(PhoneParse::Valid(phone), piece.digits);
    }
    if ctx.mainland && is_local_landline(&number, piece.digits) {
        let mut out = infer_area_code(&number.nsn, piece, ctx, ctx.place_area_code());
        out.local = Some(number.nsn.clone());
        return out;
    }
    if piece.digits.len() < 7 {
        return found(malformed(piece.raw, "fewer than 7 digits"), piece.digits);
    }
    let why = format!("{} is not a valid number in its numbering plan", number.e164());
    let parse = PhoneParse::Invalid {
        raw: piece.raw.to_string(),
        e164: Some(number.e164()),
        why,
    };
    let mut out = found(parse, piece.digits);
    out.bad_international = matches!(number.source, Source::Plus | Source::Idd);
    out
}

fn failure(piece: &Piece, fail: Fail) -> PhoneParse {
    match fail {
        Fail::InvalidCountryCode if piece.digits.len() >= 7 => PhoneParse::Invalid {
            raw: piece.raw.to_string(),
            e164: None,
            why: "no valid country calling code (unknown region or code)".to_string(),
        },
        _ => malformed(piece.raw, fail.why()),
    }
}

/// A mainland landline written without its area code: 7-8 digits starting 2-8.
fn is_local_landline(number: &Number, digits: &str) -> bool {
    number.code == 86
        && number.source == Source::Default
        && number.nsn == digits
        && (7..=8).contains(&digits.len())
        && digits.starts_with(['2', '3', '4', '5', '6', '7', '8'])
}

/// Completes a local number with `area` (e.g. `"0512"`), or asks for an area code.
fn infer_area_code(local: &str, piece: &Piece, ctx: &Ctx, area: Option<&str>) -> Found {
    let Some(area) = area else {
        return found(
            PhoneParse::NeedsAreaCode {
                raw: piece.raw.to_string(),
            },
            piece.digits,
        );
    };
    let full = format!("{area}{local}");
    let number = match parse_digits(false, &full, ctx.home) {
        Ok(n) => n,
        Err(fail) => return found(failure(piece, fail), piece.digits),
    };
    if let Some(phone) = to_phone(&number, piece, ctx, Some(area.to_string())) {
        return found(PhoneParse::Valid(phone), piece.digits);
    }
    let why = format!("not a valid number with area code {area} (from the city)");
    let parse = PhoneParse::Invalid {
        raw: piece.raw.to_string(),
        e164: Some(number.e164()),
        why,
    };
    found(parse, piece.digits)
}

/// `0512-62345678/62345679`: a local number after a landline takes that landline's area code.
fn use_sibling_area_codes(found: &mut [Found], ctx: &Ctx) {
    let mut area: Option<String> = None;
    for f in found.iter_mut() {
        if let (Some(local), Some(code)) = (&f.local, &area) {
            let raw = raw_of(&f.parse).to_string();
            let piece = Piece {
                raw: &raw,
                digits: local,
                plus: false,
                ext: None,
                fax: f.fax,
            };
            let retry = infer_area_code(local, &piece, ctx, Some(code));
            if retry.parse.valid().is_some() {
                f.parse = retry.parse;
            }
        }
        if let PhoneParse::Valid(p) = &f.parse {
            if let Some(code) = mainland_area_code(p) {
                area = Some(code);
            }
        }
    }
}

fn raw_of(parse: &PhoneParse) -> &str {
    match parse {
        PhoneParse::Valid(p) => &p.raw,
        PhoneParse::Invalid { raw, .. } | PhoneParse::Malformed { raw, .. } | PhoneParse::NeedsAreaCode { raw } => raw,
    }
}

/// `"010"` for `+861062345678`: the area code of a valid mainland landline.
fn mainland_area_code(p: &Phone) -> Option<String> {
    let nsn = p.e164.strip_prefix("+86")?;
    if p.kind != PhoneKind::FixedLine {
        return None;
    }
    let len = if nsn.starts_with(['1', '2']) { 2 } else { 3 };
    nsn.get(..len).map(|c| format!("0{c}"))
}

/// Builds the [`Phone`] for a parsed number, or `None` if it is not valid.
fn to_phone(number: &Number, piece: &Piece, ctx: &Ctx, inferred: Option<String>) -> Option<Phone> {
    let plan = REGISTRY.for_number(number.code, &number.nsn)?;
    let kind = plan.kind(&number.nsn);
    if kind == PhoneKind::Unknown {
        return None;
    }
    let national = format_number(number.code, &number.nsn, number.code == ctx.home_code());
    Some(Phone {
        raw: piece.raw.to_string(),
        e164: number.e164(),
        national,
        extension: piece.ext.clone(),
        kind,
        label_fax: piece.fax,
        area_code_inferred: inferred,
    })
}

// ---------------------------------------------------------------------------------------------
// Free-text filters and place matching helpers
// ---------------------------------------------------------------------------------------------

/// `20230105`: an 8-digit run that reads as a date between 1900 and 2099.
fn looks_like_date(digits: &str) -> bool {
    if digits.len() != 8 {
        return false;
    }
    let num = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<u32>().ok());
    match (num(0..4), num(4..6), num(6..8)) {
        (Some(y), Some(m), Some(d)) => (1900..=2099).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d),
        _ => false,
    }
}

#[derive(Debug, Clone)]
struct CityHit {
    start: usize,
    end: usize,
    code: String,
    city_suffix: bool,
    province: bool,
}

impl CityHit {
    /// Strictly inside a longer hit.
    fn contains(&self, other: &CityHit) -> bool {
        self.start <= other.start && other.end <= self.end && self.end - self.start > other.end - other.start
    }
}

fn unique_code(hits: &[&CityHit]) -> Option<String> {
    let first = hits.first()?;
    hits.iter().all(|h| h.code == first.code).then(|| first.code.clone())
}

/// `中山路`, `南京东路`, `北京大街`: a city name used as a street name.
fn is_street_name(after: &str) -> bool {
    let after = after.trim_start_matches(['东', '西', '南', '北', '中']);
    ["路", "街", "大道", "道", "巷", "弄", "里"]
        .iter()
        .any(|s| after.starts_with(s))
}

fn with_leading_zero(code: &str) -> String {
    let code = code.trim();
    if code.starts_with('0') {
        code.to_string()
    } else {
        format!("0{code}")
    }
}

// ---------------------------------------------------------------------------------------------
// Numbering plans: libphonenumber's parsing and validation, on the crate's metadata
// ---------------------------------------------------------------------------------------------

/// Why a digit string could not be parsed (libphonenumber's `NumberParseException` types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fail {
    NotANumber,
    InvalidCountryCode,
    TooShortAfterIdd,
    TooShortNsn,
    TooLong,
}

impl Fail {
    fn why(self) -> &'static str {
        match self {
            Fail::NotANumber => "not a phone number",
            Fail::InvalidCountryCode => "no valid country calling code",
            Fail::TooShortAfterIdd => "too short after the international prefix",
            Fail::TooShortNsn => "too short to be a phone number",
            Fail::TooLong => "too long to be a phone number",
        }
    }
}

/// Where the country calling code came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Plus,
    Idd,
    CodeWithoutPlus,
    Default,
}

/// A parsed number: country calling code and national significant number.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Number {
    code: u16,
    nsn: String,
    source: Source,
}

impl Number {
    fn e164(&self) -> String {
        format!("+{}{}", self.code, self.nsn)
    }
}

/// libphonenumber's `parse` for a number already reduced to its digits (and whether a `+`
/// stood in front): international prefix, country code, national prefix and carrier code.
fn parse_digits(plus: bool, digits: &str, home: Option<&'static Plan>) -> Result<Number, Fail> {
    if digits.len() > 250 {
        return Err(Fail::TooLong);
    }
    if digits.len() < if plus { 3 } else { 2 } {
        return Err(Fail::NotANumber);
    }
    if !plus && home.is_none() {
        return Err(Fail::InvalidCountryCode);
    }
    let (code, national, source) = match extract_country_code(plus, digits, home) {
        Err(Fail::InvalidCountryCode) if plus => match extract_country_code(false, digits, home)? {
            (0, _, _) => return Err(Fail::InvalidCountryCode),
            found => found,
        },
        other => other?,
    };
    let (code, plan) = if code != 0 {
        (code, REGISTRY.main_for_code(code))
    } else {
        (home.map_or(0, |h| h.code), home)
    };
    let nsn = strip_national_prefix_if_possible(national, plan)?;
    Ok(Number { code, nsn, source })
}

fn strip_national_prefix_if_possible(national: String, plan: Option<&Plan>) -> Result<String, Fail> {
    if national.len() < 2 {
        return Err(Fail::TooShortNsn);
    }
    let mut nsn = national;
    if let Some(plan) = plan {
        if let Some(stripped) = plan.strip_national_prefix(&nsn) {
            let check = plan.length_check(&stripped);
            if !matches!(
                check,
                LenCheck::TooShort | LenCheck::LocalOnly | LenCheck::InvalidLength
            ) {
                nsn = stripped;
            }
        }
    }
    if nsn.len() < 2 {
        return Err(Fail::TooShortNsn);
    }
    if nsn.len() > 17 {
        return Err(Fail::TooLong);
    }
    Ok(nsn)
}

/// libphonenumber's `maybeExtractCountryCode`: returns code 0 when the number is national.
fn extract_country_code(plus: bool, digits: &str, home: Option<&Plan>) -> Result<(u16, String, Source), Fail> {
    let (full, source) = if plus {
        (digits, Source::Plus)
    } else if let Some(rest) = home.and_then(|h| h.strip_idd(digits)) {
        (rest, Source::Idd)
    } else {
        return Ok(default_country_code(digits, home));
    };
    if full.len() <= 2 {
        return Err(Fail::TooShortAfterIdd);
    }
    match leading_country_code(full) {
        Some((code, rest)) => Ok((code, rest.to_string(), source)),
        None => Err(Fail::InvalidCountryCode),
    }
}

/// `86 138 0013 8000` in China: the default region's country code written without `+`.
fn default_country_code(digits: &str, home: Option<&Plan>) -> (u16, String, Source) {
    let national = (0, digits.to_string(), Source::Default);
    let Some(home) = home else { return national };
    let Some(rest) = digits.strip_prefix(home.code_str.as_str()) else {
        return national;
    };
    let potential = home.strip_national_prefix(rest).unwrap_or_else(|| rest.to_string());
    let general = &home.general.re;
    let better = !general.is_match(digits) && general.is_match(&potential);
    if better || home.length_check(digits) == LenCheck::TooLong {
        (home.code, potential, Source::CodeWithoutPlus)
    } else {
        national
    }
}

/// The region whose plan an E.164 number (`+15039428800`) belongs to (`US`), by
/// libphonenumber's `getRegionCodeForNumber`.
pub fn region_of(e164: &str) -> Option<&'static str> {
    let (code, nsn) = leading_country_code(e164.strip_prefix('+')?)?;
    let list = REGISTRY.by_code.get(&code)?;
    let found = list.iter().copied().find(|&i| {
        REGISTRY.plan(i).is_some_and(|p| match &p.leading_digits {
            Some(ld) => ld.is_match(nsn),
            None => p.kind(nsn) != PhoneKind::Unknown,
        })
    });
    let id = REGISTRY.metas[found.or(list.first().copied())?].id();
    (id != "001").then_some(id)
}

/// The first 1-3 digits that form a known country calling code.
fn leading_country_code(full: &str) -> Option<(u16, &str)> {
    if full.starts_with('0') {
        return None;
    }
    (1..=3.min(full.len())).find_map(|len| {
        let code: u16 = full[..len].parse().ok()?;
        REGISTRY.by_code.contains_key(&code).then(|| (code, &full[len..]))
    })
}

/// Result of libphonenumber's `testNumberLength` against the general description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LenCheck {
    Possible,
    LocalOnly,
    TooShort,
    TooLong,
    InvalidLength,
}

/// One number-type description, anchored to match whole numbers.
struct Desc {
    re: Regex,
    lengths: Vec<u16>,
}

impl Desc {
    fn new(d: &Descriptor, fallback: &[u16]) -> Option<Desc> {
        let lengths = if d.possible_length().is_empty() {
            fallback.to_vec()
        } else {
            d.possible_length().to_vec()
        };
        Some(Desc {
            re: anchored(d.national_number().as_str(), true)?,
            lengths,
        })
    }

    fn matches(&self, nsn: &str) -> bool {
        let len = u16::try_from(nsn.len()).unwrap_or(u16::MAX);
        (self.lengths.is_empty() || self.lengths.contains(&len)) && self.re.is_match(nsn)
    }
}

/// One number format, with its replacement template in Rust's `${1}` syntax.
struct Fmt {
    leading: Option<Regex>,
    /// The leading-digits pattern as written (for the set below).
    leading_source: Option<String>,
    pattern: Regex,
    template: String,
}

/// A region's formats, with every leading-digits pattern in one set: one pass over a
/// number finds the formats whose leading digits fit, instead of one regex per format.
struct Formats {
    list: Vec<Fmt>,
    /// Entry `i` matches when format `i`'s leading digits fit (or it has none); `None`
    /// when the set could not be built, and each format's own regex decides.
    leading: Option<regex::RegexSet>,
}

impl Formats {
    fn new(list: Vec<Fmt>) -> Formats {
        let sources: Vec<String> = list
            .iter()
            .map(|f| match &f.leading_source {
                Some(l) => format!("^(?:{l})"),
                None => String::new(),
            })
            .collect();
        let build = |unicode: bool| {
            regex::RegexSetBuilder::new(&sources)
                .ignore_whitespace(true)
                .unicode(unicode)
                .build()
        };
        let leading = build(false).or_else(|_| build(true)).ok();
        Formats { list, leading }
    }

    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The first format whose leading digits and pattern fit the number.
    fn choose(&self, nsn: &str) -> Option<&Fmt> {
        match &self.leading {
            Some(set) => {
                let fits = set.matches(nsn);
                self.list
                    .iter()
                    .enumerate()
                    .find(|(i, f)| fits.matched(*i) && f.pattern.is_match(nsn))
                    .map(|(_, f)| f)
            }
            None => self
                .list
                .iter()
                .find(|f| f.leading.as_ref().is_none_or(|l| l.is_match(nsn)) && f.pattern.is_match(nsn)),
        }
    }
}

/// One region's metadata, compiled.
struct Plan {
    code: u16,
    code_str: String,
    general: Desc,
    local_lengths: Vec<u16>,
    /// Premium rate ... voicemail, in libphonenumber's order of precedence.
    special: Vec<(PhoneKind, Desc)>,
    fixed: Option<Desc>,
    mobile: Option<Desc>,
    same_fixed_mobile: bool,
    idd: Option<Regex>,
    national_prefix_parse: Option<Regex>,
    transform: Option<String>,
    leading_digits: Option<Regex>,
    national_formats: Formats,
    intl_formats: Formats,
}

impl Plan {
    fn build(meta: &Metadata) -> Option<Plan> {
        let d = meta.descriptors();
        let typed = [
            (PhoneKind::PremiumRate, d.premium_rate()),
            (PhoneKind::TollFree, d.toll_free()),
            (PhoneKind::SharedCost, d.shared_cost()),
            (PhoneKind::Voip, d.voip()),
            (PhoneKind::PersonalNumber, d.personal_number()),
            (PhoneKind::Pager, d.pager()),
            (PhoneKind::Uan, d.uan()),
            (PhoneKind::Voicemail, d.voicemail()),
            (PhoneKind::FixedLine, d.fixed_line()),
            (PhoneKind::Mobile, d.mobile()),
        ];
        let (lengths, local_lengths) = general_lengths(typed.iter().filter_map(|(_, x)| *x));
        let desc = |x: Option<&Descriptor>| x.and_then(|x| Desc::new(x, &lengths));
        let special = typed[..8]
            .iter()
            .filter_map(|(k, x)| Some((k.clone(), desc(*x)?)))
            .collect();
        let same = match (d.fixed_line(), d.mobile()) {
            (Some(f), Some(m)) => f.national_number().as_str() == m.national_number().as_str(),
            _ => false,
        };
        let np = meta
            .national_prefix_for_parsing()
            .map(|r| r.as_str())
            .or(meta.national_prefix());
        Some(Plan {
            code: meta.country_code(),
            code_str: meta.country_code().to_string(),
            general: Desc {
                re: anchored(d.general().national_number().as_str(), true)?,
                lengths: lengths.clone(),
            },
            local_lengths,
            special,
            fixed: desc(d.fixed_line()),
            mobile: desc(d.mobile()),
            same_fixed_mobile: same,
            idd: meta.international_prefix().and_then(|r| anchored(r.as_str(), false)),
            national_prefix_parse: np.filter(|p| !p.is_empty()).and_then(|p| anchored(p, false)),
            transform: meta
                .national_prefix_transform_rule()
                .filter(|t| !t.is_empty())
                .map(rust_template),
            leading_digits: meta.leading_digits().and_then(|r| anchored(r.as_str(), false)),
            national_formats: Formats::new(formats(meta.formats(), Some(meta.national_prefix().unwrap_or("")))),
            intl_formats: Formats::new(formats(meta.international_formats(), None)),
        })
    }

    /// libphonenumber's `getNumberType` (whole-number matches).
    fn kind(&self, nsn: &str) -> PhoneKind {
        if !self.general.matches(nsn) {
            return PhoneKind::Unknown;
        }
        if let Some((kind, _)) = self.special.iter().find(|(_, d)| d.matches(nsn)) {
            return kind.clone();
        }
        let mobile = self.mobile.as_ref().is_some_and(|m| m.matches(nsn));
        if self.fixed.as_ref().is_some_and(|f| f.matches(nsn)) {
            if self.same_fixed_mobile || mobile {
                return PhoneKind::FixedLineOrMobile;
            }
            return PhoneKind::FixedLine;
        }
        if mobile && !self.same_fixed_mobile {
            return PhoneKind::Mobile;
        }
        PhoneKind::Unknown
    }

    /// libphonenumber's `testNumberLength` for an unknown type.
    fn length_check(&self, number: &str) -> LenCheck {
        let lengths = &self.general.lengths;
        let len = u16::try_from(number.len()).unwrap_or(u16::MAX);
        let (Some(&min), Some(&max)) = (lengths.first(), lengths.last()) else {
            return LenCheck::InvalidLength;
        };
        if self.local_lengths.contains(&len) {
            LenCheck::LocalOnly
        } else if len < min {
            LenCheck::TooShort
        } else if len > max {
            LenCheck::TooLong
        } else if lengths.contains(&len) {
            LenCheck::Possible
        } else {
            LenCheck::InvalidLength
        }
    }

    /// libphonenumber's `parsePrefixAsIdd`: the rest after an international prefix.
    fn strip_idd<'d>(&self, digits: &'d str) -> Option<&'d str> {
        let m = self.idd.as_ref()?.find(digits)?;
        let rest = &digits[m.end()..];
        (!rest.starts_with('0')).then_some(rest)
    }

    /// libphonenumber's `maybeStripNationalPrefixAndCarrierCode`: `Some` when stripped.
    fn strip_national_prefix(&self, number: &str) -> Option<String> {
        let re = self.national_prefix_parse.as_ref()?;
        let caps = re.captures(number)?;
        let end = caps.get(0)?.end();
        let viable = self.general.re.is_match(number);
        let groups = caps.len() - 1;
        let last_group = groups > 0 && caps.get(groups).is_some();
        let stripped = match (&self.transform, last_group) {
            (Some(rule), true) => {
                let mut out = String::new();
                caps.expand(rule, &mut out);
                out.push_str(&number[end..]);
                out
            }
            _ => number[end..].to_string(),
        };
        (!viable || self.general.re.is_match(&stripped)).then_some(stripped)
    }

    fn choose_format(&self, nsn: &str, national: bool) -> Option<&Fmt> {
        let list = if national || self.intl_formats.is_empty() {
            &self.national_formats
        } else {
            &self.intl_formats
        };
        list.choose(nsn)
    }
}

/// Union of the types' possible lengths (libphonenumber computes the general description's
/// lengths this way when it builds its metadata); local-only lengths that are also national
/// lengths are national.
fn general_lengths<'d>(descs: impl Iterator<Item = &'d Descriptor>) -> (Vec<u16>, Vec<u16>) {
    let mut national = Vec::new();
    let mut local = Vec::new();
    for d in descs {
        national.extend_from_slice(d.possible_length());
        local.extend_from_slice(d.possible_local_length());
    }
    national.sort_unstable();
    national.dedup();
    local.sort_unstable();
    local.dedup();
    local.retain(|l| !national.contains(l));
    (national, local)
}

/// Compiles formats; `national_prefix` is `Some` (possibly `""`) for national formatting.
fn formats(list: &[Format], national_prefix: Option<&str>) -> Vec<Fmt> {
    list.iter()
        .filter(|f| f.format() != "NA")
        .filter_map(|f| {
            let leading_source = f.leading_digits().last().map(|l| l.as_str().to_string());
            let leading = match &leading_source {
                Some(l) => Some(anchored(l, false)?),
                None => None,
            };
            let rule = national_prefix.zip(f.national_prefix());
            let template = match rule {
                Some((np, rule)) => with_prefix_rule(f.format(), np, rule),
                None => f.format().to_string(),
            };
            Some(Fmt {
                leading,
                leading_source,
                pattern: anchored(f.pattern().as_str(), true)?,
                template: rust_template(&template),
            })
        })
        .collect()
}

/// Applies a national-prefix formatting rule (`0$FG`, `($FG)`) to the first group that
/// appears in a format (`$2 15-$3-$4` -> `0$2 15-$3-$4`), as libphonenumber does.
fn with_prefix_rule(format: &str, np: &str, rule: &str) -> String {
    let Some(first) = FIRST_GROUP.find(format) else {
        return format.to_string();
    };
    let rule = rule.replace("$NP", np).replace("$FG", first.as_str());
    if rule.is_empty() {
        return format.to_string();
    }
    format!("{}{}{}", &format[..first.start()], rule, &format[first.end()..])
}

static FIRST_GROUP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\$\d").expect("first-group regex"));
static GROUP_REF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\$(\d)").expect("group-reference regex"));

/// `$1 $2` (Java) -> `${1} ${2}` (Rust, where `$1abc` would name group `1abc`).
fn rust_template(t: &str) -> String {
    GROUP_REF.replace_all(t, "$${${1}}").into_owned()
}

/// Compiles a metadata pattern anchored at the start (and at the end when `whole`).
fn anchored(pattern: &str, whole: bool) -> Option<Regex> {
    let source = if whole {
        format!("^(?:{pattern})$")
    } else {
        format!("^(?:{pattern})")
    };
    let build = |unicode: bool| {
        RegexBuilder::new(&source)
            .ignore_whitespace(true)
            .unicode(unicode)
            .build()
    };
    build(false).or_else(|_| build(true)).ok()
}

/// libphonenumber's `format` in NATIONAL mode (`national`) or INTERNATIONAL mode.
fn format_number(code: u16, nsn: &str, national: bool) -> String {
    let body = REGISTRY
        .main_for_code(code)
        .and_then(|plan| plan.choose_format(nsn, national))
        .map_or_else(
            || nsn.to_string(),
            |f| f.pattern.replace(nsn, f.template.as_str()).into_owned(),
        );
    if national {
        body
    } else {
        format!("+{code} {body}")
    }
}

/// Every region's metadata, compiled on first use.
struct Registry {
    metas: Vec<&'static Metadata>,
    plans: Vec<OnceLock<Option<Plan>>>,
    by_region: HashMap<&'static str, usize>,
    by_code: HashMap<u16, Vec<usize>>,
}

static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::load);

impl Registry {
    fn load() -> Registry {
        let db: &'static phonenumber::metadata::Database = &DATABASE;
        let mut reg = Registry {
            metas: Vec::new(),
            plans: Vec::new(),
            by_region: HashMap::new(),
            by_code: HashMap::new(),
        };
        for code in 1..=999u16 {
            for meta in db.by_code(&code).unwrap_or_default() {
                let idx = reg.metas.len();
                reg.metas.push(meta);
                reg.plans.push(OnceLock::new());
                reg.by_code.entry(code).or_default().push(idx);
                if meta.id() != "001" {
                    reg.by_region.entry(meta.id()).or_insert(idx);
                }
            }
        }
        reg
    }

    fn plan(&self, idx: usize) -> Option<&Plan> {
        let meta = self.metas.get(idx)?;
        self.plans.get(idx)?.get_or_init(|| Plan::build(meta)).as_ref()
    }

    fn region(&'static self, id: &str) -> Option<&'static Plan> {
        self.plan(*self.by_region.get(id)?)
    }

    /// The main region's plan for a country calling code.
    fn main_for_code(&'static self, code: u16) -> Option<&'static Plan> {
        self.plan(*self.by_code.get(&code)?.first()?)
    }

    /// libphonenumber's `getRegionCodeForNumber`: which region's plan a number belongs to.
    fn for_number(&'static self, code: u16, nsn: &str) -> Option<&'static Plan> {
        let list = self.by_code.get(&code)?;
        if list.len() == 1 {
            return self.plan(list[0]);
        }
        list.iter()
            .filter_map(|&i| self.plan(i))
            .find(|p| match &p.leading_digits {
                Some(ld) => ld.is_match(nsn),
                None => p.kind(nsn) != PhoneKind::Unknown,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/area_codes.toml"));

    fn rules() -> PhoneRules {
        PhoneRules::from_toml(RULES).expect("rules/area_codes.toml parses")
    }

    /// Expected outcome of one entry, compared on variant, e164, kind, extension, fax label.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum W {
        Valid(&'static str, PhoneKind, Option<&'static str>, bool),
        Invalid(Option<&'static str>),
        Malformed,
        Needs,
    }

    fn v(e164: &'static str, kind: PhoneKind) -> W {
        W::Valid(e164, kind, None, false)
    }

    fn ext(e164: &'static str, ext: &'static str) -> W {
        W::Valid(e164, PhoneKind::FixedLine, Some(ext), false)
    }

    fn fax(e164: &'static str) -> W {
        W::Valid(e164, PhoneKind::FixedLine, None, true)
    }

    fn inv(e164: &'static str) -> W {
        W::Invalid(Some(e164))
    }

    fn seen(p: &PhoneParse) -> String {
        let w = match p {
            PhoneParse::Valid(x) => format!("Valid({}, {:?}, {:?}, {})", x.e164, x.kind, x.extension, x.label_fax),
            PhoneParse::Invalid { e164, .. } => format!("Invalid({e164:?})"),
            PhoneParse::Malformed { .. } => "Malformed".to_string(),
            PhoneParse::NeedsAreaCode { .. } => "Needs".to_string(),
        };
        w.replace("Some(\"", "").replace("\")", "")
    }

    fn want(w: &W) -> String {
        match w {
            W::Valid(e, k, x, f) => format!("Valid({e}, {k:?}, {x:?}, {f})"),
            W::Invalid(e) => format!("Invalid({e:?})"),
            W::Malformed => "Malformed".to_string(),
            W::Needs => "Needs".to_string(),
        }
        .replace("Some(\"", "")
        .replace("\")", "")
    }

    const M: PhoneKind = PhoneKind::Mobile;
    const F: PhoneKind = PhoneKind::FixedLine;

    fn mainland_table() -> Vec<(&'static str, Vec<W>)> {
        let mob = "+8613800138000";
        let mob2 = "+8613900139000";
        let bj = "+861062345678";
        vec![
            // One mobile, written every way people write it.
            ("13800138000", vec![v(mob, M)]),
            ("138-0013-8000", vec![v(mob, M)]),
            ("138 0013 8000", vec![v(mob, M)]),
            ("(138)0013-8000", vec![v(mob, M)]),
            ("+86 138 0013 8000", vec![v(mob, M)]),
            ("+86-13800138000", vec![v(mob, M)]),
            ("＋８６ １３８００１３８０００", vec![v(mob, M)]),
            ("0086 13800138000", vec![v(mob, M)]),
            ("86-13800138000", vec![v(mob, M)]),
            ("8613800138000", vec![v(mob, M)]),
            ("013800138000", vec![v(mob, M)]),
            ("17951 13800138000", vec![v(mob, M)]),
            ("13800138000.0", vec![v(mob, M)]),
            ("手机：13800138000", vec![v(mob, M)]),
            ("Mob 13800138000", vec![v(mob, M)]),
            ("M:13800138000", vec![v(mob, M)]),
            ("张三 13800138000", vec![v(mob, M)]),
            ("13800138000 (张经理)", vec![v(mob, M)]),
            ("😀📞13800138000😀", vec![v(mob, M)]),
            // Landlines and extensions.
            ("010-62345678", vec![v(bj, F)]),
            ("(010)62345678", vec![v(bj, F)]),
            ("(010) 6234-5678", vec![v(bj, F)]),
            ("010 6234 5678", vec![v(bj, F)]),
            ("010/62345678", vec![v(bj, F)]),
            ("+86 (0)10 6234 5678", vec![v(bj, F)]),
            ("86 10 62345678", vec![v(bj, F)]),
            ("01062345678", vec![v(bj, F)]),
            ("０１０－６２３４５６７８转２０３", vec![ext(bj, "203")]),
            ("010-62345678-203", vec![ext(bj, "203")]),
            ("0755-86013388-12", vec![ext("+8675586013388", "12")]),
            ("0310-1234-5678", vec![inv("+8631012345678")]),
            ("021 6234 5678 ext. 12", vec![ext("+862162345678", "12")]),
            ("010 62345678 x12", vec![ext(bj, "12")]),
            ("0755 8888 8888 #123", vec![ext("+8675588888888", "123")]),
            ("0512-62345678分机8001", vec![ext("+8651262345678", "8001")]),
            ("020-12345678(9:00-18:00)", vec![v("+862012345678", F)]),
            ("电话:0512-62345678", vec![v("+8651262345678", F)]),
            ("020-12345678 2楼", vec![v("+862012345678", F)]),
            ("13800138000 1203室", vec![v(mob, M)]),
            ("13800138000(2023.1.5更新)", vec![v(mob, M)]),
            // Several numbers in one cell.
            ("手机:13800138000/座机:010-62345678", vec![v(mob, M), v(bj, F)]),
            ("13800138000、13900139000", vec![v(mob, M), v(mob2, M)]),
            ("13800138000，13900139000", vec![v(mob, M), v(mob2, M)]),
            ("13800138000;13900139000", vec![v(mob, M), v(mob2, M)]),
            ("13800138000/13900139000", vec![v(mob, M), v(mob2, M)]),
            ("13800138000\n13900139000", vec![v(mob, M), v(mob2, M)]),
            ("13800138000 13900139000", vec![v(mob, M), v(mob2, M)]),
            ("M:13800138000 或 13900139000", vec![v(mob, M), v(mob2, M)]),
            ("13800138000 and 13900139000", vec![v(mob, M), v(mob2, M)]),
            ("1380013800013900139000", vec![v(mob, M), v(mob2, M)]),
            ("010 62345678 13800138000", vec![v(bj, F), v(mob, M)]),
            ("13800138000 QQ:12345678", vec![v(mob, M)]),
            // Fax labels.
            (
                "Tel: 020-12345678; Fax: 020-12345679",
                vec![v("+862012345678", F), fax("+862012345679")],
            ),
            (
                "T: 0755-86013388 F: 0755-86013389",
                vec![v("+8675586013388", F), fax("+8675586013389")],
            ),
            ("传真：0755-86013388", vec![fax("+8675586013388")]),
            ("F:020-12345679", vec![fax("+862012345679")]),
            (
                "传真：0755-86013388/86013389",
                vec![fax("+8675586013388"), fax("+8675586013389")],
            ),
            // Service numbers.
            ("400-810-8888", vec![v("+864008108888", PhoneKind::SharedCost)]),
            ("800-810-8888", vec![v("+868008108888", PhoneKind::TollFree)]),
            ("95588", vec![W::Malformed]),
            ("10086", vec![W::Malformed]),
            // Typos and damage.
            ("138001380001", vec![inv("+86138001380001")]),
            ("1380013800", vec![inv("+861380013800")]),
            ("13800138000 1", vec![inv("+86138001380001")]),
            ("12345678901", vec![inv("+8612345678901")]),
            ("0755-6234567", vec![inv("+867556234567")]),
            ("010-623456789", vec![inv("+8610623456789")]),
            ("1.38001E+10", vec![W::Malformed]),
            ("138001", vec![W::Malformed]),
            ("abc", vec![W::Malformed]),
            ("+999 1234 5678", vec![W::Invalid(None)]),
            // Local landlines without area code, no place given.
            ("62345678", vec![W::Needs]),
            ("6234 5678", vec![W::Needs]),
            (
                "0512-62345678/62345679",
                vec![v("+8651262345678", F), v("+8651262345679", F)],
            ),
            // Foreign numbers in a mainland list.
            (
                "+1 (415) 555-2671",
                vec![v("+14155552671", PhoneKind::FixedLineOrMobile)],
            ),
            ("+44 20 7946 0958", vec![v("+442079460958", F)]),
            ("0044 20 7946 0958", vec![v("+442079460958", F)]),
            ("+852 2123 4567", vec![v("+85221234567", F)]),
            // Nothing there.
            ("", vec![]),
            ("无", vec![]),
            ("N/A", vec![]),
            ("-", vec![]),
        ]
    }

    #[test]
    fn mainland_cells_parse_as_expected() {
        let rules = rules();
        let table = mainland_table();
        assert!(table.len() >= 40);
        let mut failures = Vec::new();
        for (cell, expected) in &table {
            let got: Vec<String> = parse_cell(cell, "CN", None, &rules).iter().map(seen).collect();
            let want: Vec<String> = expected.iter().map(want).collect();
            if got != want {
                failures.push(format!("{cell:?}\n   got  {got:?}\n   want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} cells differ:\n{}",
            failures.len(),
            table.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn national_formats_of_other_regions() {
        let rules = rules();
        let cases = [
            ("US", "(415) 555-2671", "+14155552671", "(415) 555-2671"),
            ("GB", "020 7946 0958", "+442079460958", "020 7946 0958"),
            ("DE", "030 123456", "+4930123456", "030 123456"),
            ("JP", "03-1234-5678", "+81312345678", "03-1234-5678"),
            ("HK", "2123 4567", "+85221234567", "2123 4567"),
            ("TW", "02 2345 6789", "+886223456789", "02 2345 6789"),
            ("SG", "6123 4567", "+6561234567", "6123 4567"),
            ("FR", "01 23 45 67 89", "+33123456789", "01 23 45 67 89"),
            ("AU", "(02) 9876 5432", "+61298765432", "(02) 9876 5432"),
            ("IN", "098765 43210", "+919876543210", "098765 43210"),
            ("us", "+44 20 7946 0958", "+442079460958", "+44 20 7946 0958"),
        ];
        for (region, cell, e164, national) in cases {
            let got = parse_cell(cell, region, None, &rules);
            let phone = got
                .first()
                .and_then(PhoneParse::valid)
                .unwrap_or_else(|| panic!("{cell}: {got:?}"));
            assert_eq!(
                (phone.e164.as_str(), phone.national.as_str()),
                (e164, national),
                "{region} {cell}"
            );
        }
        assert!(matches!(
            parse_cell("62345678", "US", None, &rules)[..],
            [PhoneParse::Invalid { .. }]
        ));
        assert!(matches!(
            parse_cell("62345678", "ZZ", None, &rules)[..],
            [PhoneParse::Invalid { e164: None, .. }]
        ));
    }

    #[test]
    fn raw_and_display_forms() {
        let rules = rules();
        let got = parse_cell("电话：０１０－６２３４５６７８转２０３", "CN", None, &rules);
        let phone = got[0].valid().expect("valid");
        assert_eq!(phone.raw, "０１０－６２３４５６７８转２０３");
        assert_eq!(phone.national, "010 6234 5678");
        assert_eq!(phone.extension.as_deref(), Some("203"));
        let got = parse_cell("+86 138-0013-8000", "CN", None, &rules);
        assert_eq!(got[0].valid().map(|p| p.national.as_str()), Some("138 0013 8000"));
        assert_eq!(PhoneKind::FixedLineOrMobile.code(), "fixed_line_or_mobile");
        assert_eq!(PhoneKind::Uan.code(), "uan");
    }

    #[test]
    fn area_code_inferred_from_unique_city() {
        let rules = rules();
        for (place, code, e164) in [
            ("北京市海淀区中关村大街1号", "010", "+861062345678"),
            ("江苏省苏州市工业园区", "0512", "+8651262345678"),
            ("吉林省长春市朝阳区", "0431", "+8643162345678"),
            ("上海市南京东路100号", "021", "+862162345678"),
            ("Room 5, Haidian District, Beijing", "010", "+861062345678"),
        ] {
            let got = parse_cell("62345678", "CN", Some(place), &rules);
            let phone = got[0].valid().unwrap_or_else(|| panic!("{place}: {got:?}"));
            assert_eq!(phone.e164, e164, "{place}");
            assert_eq!(phone.area_code_inferred.as_deref(), Some(code), "{place}");
            assert_eq!(phone.raw, "62345678");
        }
        let got = parse_cell("62345678分机12", "CN", Some("北京"), &rules);
        assert_eq!(got[0].valid().and_then(|p| p.extension.as_deref()), Some("12"));
    }

    #[test]
    fn reads_back_the_masters_own_form() {
        let rules = rules();
        let ext_of = |cell: &str| -> Vec<(String, Option<String>)> {
            parse_cell(cell, "CN", None, &rules)
                .iter()
                .map(|p| {
                    let v = p.valid().unwrap_or_else(|| panic!("{cell}: {p:?}"));
                    (v.e164.clone(), v.extension.clone())
                })
                .collect()
        };
        let landline = ("+861062345670".to_string(), Some("203".to_string()));
        assert_eq!(ext_of("+861062345670;ext=203"), std::slice::from_ref(&landline));
        assert_eq!(ext_of("+861062345670 ;EXT= 203"), std::slice::from_ref(&landline));
        assert_eq!(
            ext_of("+861062345670;ext=203; +8613900139000"),
            [landline, ("+8613900139000".to_string(), None)]
        );
        assert_eq!(
            ext_of("13900139000;ext=12"),
            [("+8613900139000".to_string(), Some("12".to_string()))]
        );
        // A plain semicolon still separates two numbers.
        assert_eq!(ext_of("13900139000;13800138000").len(), 2);
    }

    #[test]
    fn area_code_not_inferred_when_ambiguous_or_missing() {
        let rules = rules();
        for place in [Some("北京上海"), Some("广州或深圳"), Some("某某工业园"), Some(""), None] {
            let got = parse_cell("62345678", "CN", place, &rules);
            assert_eq!(
                got,
                vec![PhoneParse::NeedsAreaCode { raw: "62345678".into() }],
                "{place:?}"
            );
        }
        let got = parse_cell("6234567", "CN", Some("北京"), &rules);
        assert!(
            matches!(&got[..], [PhoneParse::Invalid { e164: Some(e), .. }] if e == "+86106234567"),
            "{got:?}"
        );
        assert_eq!(rules.area_code_for("苏州"), Some("0512".into()));
        assert_eq!(rules.area_code_for("南京中山路"), Some("025".into()));
        assert_eq!(rules.area_code_for("吉林省"), None);
        assert_eq!(rules.area_code_for("xianyang road"), None);
    }

    #[test]
    fn finds_numbers_in_free_text() {
        let rules = rules();
        let got = find_in_text("张三 13800138000", "CN", None, &rules);
        assert_eq!(
            got.iter().map(|p| p.e164.as_str()).collect::<Vec<_>>(),
            ["+8613800138000"]
        );
        assert_eq!(got[0].raw, "13800138000");
        let got = find_in_text("北京市海淀区中关村大街1号 电话62345678", "CN", None, &rules);
        assert_eq!(
            got.iter().map(|p| p.e164.as_str()).collect::<Vec<_>>(),
            ["+861062345678"]
        );
        assert_eq!(got[0].area_code_inferred.as_deref(), Some("010"));
        let got = find_in_text("2023-01-05 到访，电话 13900139000，邮编100080", "CN", None, &rules);
        assert_eq!(
            got.iter().map(|p| p.e164.as_str()).collect::<Vec<_>>(),
            ["+8613900139000"]
        );
    }

    #[test]
    fn free_text_skips_postcodes_ids_and_dates() {
        let rules = rules();
        for text in [
            "邮编100080",
            "100080",
            "身份证11010519491231002X",
            "11010519491231002X",
            "110105194912310021",
            "110105491231002",
            "生日20230105",
            "20230105",
            "2023-01-05",
            "2023.01.05",
            "QQ 123456789",
            "中关村大街1号院3号楼",
        ] {
            let got = find_in_text(text, "CN", Some("广州市"), &rules);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }

    #[test]
    fn never_panics_on_weird_input() {
        let rules = rules();
        let long_digits = "1".repeat(500);
        let many_groups = "1 ".repeat(5000);
        let many_cells = "13800138000、".repeat(300);
        let nasty = [
            "",
            " ",
            "\n\n",
            "+",
            "++",
            "+-+-",
            "()",
            "(((",
            ")))",
            "----",
            "...",
            "、、、",
            ",;|/",
            "#",
            "x",
            "ext",
            "转",
            "分机",
            "0",
            "00",
            "000",
            "+0",
            "+00",
            "0000000000000000000",
            long_digits.as_str(),
            many_groups.as_str(),
            many_cells.as_str(),
            "😀",
            "😀1😀2😀3",
            "\u{FEFF}\u{200B}",
            "١٢٣٤٥٦٧٨٩٠",
            "１.３８Ｅ＋１０",
            "1e5",
            "E+10",
            "1.38001E+10,1.39E+10",
            "tel:+86-10-6234-5678;ext=1",
            ";phone-context=",
            "+dwPAA;phone-context=AA",
            "\u{0}\u{1}",
            "x1x2x3",
            "转转转123",
            "13800138000x",
            "13800138000 ext",
            "(+86)",
            "+86",
            "86",
            "(0)",
            "0086",
            "00 86",
            "+86 (0)",
            "Fax:",
            "传真",
            "QQ",
            "1:00",
            "12:30:45",
            "吉林",
            "ℌ𝔢𝔩𝔩𝔬 🚀 ١٢",
        ];
        for cell in nasty {
            for region in ["CN", "US", "GB", "ZZ", "", "001", "cn"] {
                let _ = parse_cell(cell, region, Some(cell), &rules);
                let _ = find_in_text(cell, region, None, &rules);
            }
        }
        assert_eq!(parse_cell(&long_digits, "CN", None, &rules).len(), 1);
    }

    #[test]
    fn area_code_rules_are_sorted_and_valid() {
        let keys: Vec<&str> = RULES
            .lines()
            .filter_map(|l| l.strip_prefix('"'))
            .filter_map(|l| l.split_once('"').map(|(k, _)| k))
            .collect();
        assert!(keys.len() >= 300, "only {} area codes", keys.len());
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "keys in rules/area_codes.toml are not sorted"
        );
        let rules = rules();
        assert_eq!(rules.area_codes.len(), keys.len());
        let mut rejected = Vec::new();
        for (city, code) in &rules.area_codes {
            let ok = ["62345678", "6234567"].iter().any(|sub| {
                let e164 = format!("+86{}{sub}", code.trim_start_matches('0'));
                let got = parse_cell(&format!("{code}-{sub}"), "CN", None, &rules);
                matches!(&got[..], [PhoneParse::Valid(p)] if p.e164 == e164 && p.kind == PhoneKind::FixedLine)
            });
            if !code.starts_with('0') || !ok {
                rejected.push(format!("{city} = {code}"));
            }
        }
        assert!(rejected.is_empty(), "not valid mainland area codes: {rejected:?}");
    }

    #[test]
    fn general_lengths_follow_libphonenumber() {
        // Values from libphonenumber 9.0.33 (phonenumbers' generated metadata).
        let cn = REGISTRY.region("CN").expect("CN plan");
        assert_eq!(cn.general.lengths, [7, 8, 9, 10, 11, 12]);
        assert_eq!(cn.local_lengths, [5, 6]);
        let gb = REGISTRY.region("GB").expect("GB plan");
        assert_eq!(gb.general.lengths, [7, 9, 10]);
        assert_eq!(gb.local_lengths, [4, 5, 6, 8]);
    }
}
