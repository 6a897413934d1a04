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
//!
//! This file holds the public API and the place lookups (which city a text names); the
//! parts live beside it: `cells.rs` the tokenizer, `split.rs` the best-split scoring,
//! `plan.rs` the libphonenumber port and its [`Registry`](plan::Registry). A record's phone
//! fields (several cells, numbers found in other fields) are `record_phones.rs`'s job.

mod cells;
mod plan;
mod split;

pub use crate::record::PhoneKind;
pub use plan::region_of;

use cells::{break_runs, found, hard_segments, malformed, no_digits, tokenize, Ctx, Folded, Found, SCIENTIFIC};
use plan::REGISTRY;
use split::{best_split, use_sibling_area_codes};
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

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

/// A cheap test before [`find_in_text`]: whether some stretch of digits and the marks
/// that may stand inside a number holds seven digits, the fewest of a number found in
/// free text. `南京市玄武区和平路990号30栋1单元1205` holds ten digits but no such stretch,
/// so it is not scanned. Never false where `find_in_text` would find a number.
pub fn may_hold_number(text: &str) -> bool {
    let mut digits = 0;
    for c in text.chars().map(crate::text::fold_char) {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 7 {
                return true;
            }
        } else if !cells::may_stand_inside_a_number(c) {
            digits = 0;
        }
    }
    false
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

/// Every number in a folded cell: hard segments, then tokens, then the best split of each run.
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

// ---------------------------------------------------------------------------------------------
// Free-text filters and place matching helpers
// ---------------------------------------------------------------------------------------------

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

    /// Pieces of addresses, names and remarks as lists write them.
    fn free_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        let pieces = [
            "1",
            "2",
            "3",
            "5",
            "8",
            "0",
            "13",
            "138",
            "0013",
            "8000",
            "010",
            "62345678",
            "２",
            "８",
            "０",
            " ",
            "-",
            "－",
            ".",
            "(",
            ")",
            "（",
            "）",
            "[",
            "]",
            "/",
            "\\",
            "+",
            "+86",
            "：",
            ":",
            "#",
            "=",
            ";",
            "_",
            "~",
            "·",
            "　",
            "号",
            "栋",
            "单元",
            "转",
            "分机",
            "电话",
            "传真",
            "楼",
            "室",
            ",",
            "，",
            "、",
            "a",
            "x",
            "ext",
            "Tel",
            "QQ",
            "Room",
            "St",
            "北京市",
            "广州",
            "\t",
        ];
        proptest::collection::vec(proptest::sample::select(pieces.to_vec()), 0..24).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn text_that_may_not_hold_a_number_holds_none(text in free_text()) {
            let rules = rules();
            if !may_hold_number(&text) {
                for (region, place) in [("CN", None), ("CN", Some("北京市")), ("US", None)] {
                    let found = find_in_text(&text, region, place, &rules);
                    proptest::prop_assert!(found.is_empty(), "{text:?} in {region}: {found:?}");
                }
            }
        }
    }

    #[test]
    fn stretches_of_seven_digits_may_hold_a_number() {
        assert!(may_hold_number("张三 138 0013 8000"));
        assert!(may_hold_number("电话：０１０－６２３４５６７８转２０３"));
        assert!(may_hold_number("(0755)1234"));
        assert!(!may_hold_number("南京市玄武区和平路990号30栋1单元1205"));
        assert!(!may_hold_number("8196 Church Ln, Apt 12"));
    }
}
