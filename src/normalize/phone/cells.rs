//! Cell scanning: folds a cell to half-width, cuts it at hard separators (new lines, `,`,
//! `;`, `、`, `或` ...) and tokenizes each segment into digit groups, reading labels (fax,
//! QQ, postcode), extension markers, Excel damage (`.0`, glued mobiles) and the per-call
//! settings ([`Ctx`]). Choosing how to cut the groups into numbers is `split.rs`'s job.

use super::plan::{Plan, REGISTRY};
use super::{PhoneParse, PhoneRules};
use crate::text;
use regex::Regex;
use std::cell::OnceCell;
use std::sync::LazyLock;

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

pub(super) static SCIENTIFIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[+-]?\d+(?:\.\d+)?[eE]\+?\d+\s*$").expect("scientific regex"));

/// Placeholders people type into an empty phone cell.
const PLACEHOLDERS: &[&str] = &[
    "无", "暂无", "没有", "空", "未知", "不详", "n/a", "na", "none", "null", "nil", "nan", "tbd",
];

/// Most groups one number may be written in (`+86 (0) 10 6234 5678` is 5).
pub(super) const MAX_GROUPS: usize = 8;
/// Most digits one number may have (IDD + country code + 17-digit national number).
pub(super) const MAX_DIGITS: usize = 24;

/// Per-call settings.
pub(super) struct Ctx<'a> {
    pub(super) home: Option<&'static Plan>,
    pub(super) mainland: bool,
    pub(super) place: Option<&'a str>,
    pub(super) rules: &'a PhoneRules,
    place_code: OnceCell<Option<String>>,
    pub(super) free_text: bool,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(region: &str, place: Option<&'a str>, rules: &'a PhoneRules, free_text: bool) -> Self {
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

    pub(super) fn home_code(&self) -> u16 {
        self.home.map_or(0, |p| p.code)
    }

    pub(super) fn place_area_code(&self) -> Option<&str> {
        self.place_code
            .get_or_init(|| self.place.and_then(|p| self.rules.area_code_for(p)))
            .as_deref()
    }
}

/// A text folded to half-width, with the way back to the original byte offsets.
pub(super) struct Folded<'a> {
    orig: &'a str,
    pub(super) text: String,
    back: Vec<usize>,
}

impl<'a> Folded<'a> {
    pub(super) fn new(orig: &'a str) -> Self {
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
    pub(super) fn raw(&self, a: usize, b: usize) -> &'a str {
        let from = self.back.get(a).copied().unwrap_or(self.orig.len());
        let to = self.back.get(b).copied().unwrap_or(self.orig.len());
        self.orig.get(from..to.max(from)).unwrap_or("")
    }
}

/// One chosen piece of a cell with its outcome.
pub(super) struct Found {
    pub(super) parse: PhoneParse,
    /// The digits of the piece (for the free-text filters).
    pub(super) digits: String,
    /// For a mainland local number without area code: its digits, to retry with a sibling's.
    pub(super) local: Option<String>,
    /// One unbroken run of 15, 17 or 18 digits: the shape of a mainland ID number.
    pub(super) id_shaped: bool,
    /// Written with `+` or an international prefix, and not valid: one number announced, so
    /// it is not cut into pieces.
    pub(super) bad_international: bool,
    /// A fax label stood in front of it.
    pub(super) fax: bool,
    /// Digits cut off as an aside (`(2023.1.5)`, `2楼`), not reported.
    pub(super) skip: bool,
}

pub(super) fn found(parse: PhoneParse, digits: &str) -> Found {
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

pub(super) fn malformed(raw: &str, why: &str) -> PhoneParse {
    PhoneParse::Malformed {
        raw: raw.to_string(),
        why: why.to_string(),
    }
}

pub(super) fn no_digits(cell: &str) -> Vec<PhoneParse> {
    let t = text::tidy(cell).to_lowercase();
    let bare = t.trim_matches(|c: char| !c.is_alphanumeric());
    if bare.is_empty() || PLACEHOLDERS.contains(&bare) {
        Vec::new()
    } else {
        vec![malformed(cell.trim(), "no digits")]
    }
}

/// Byte ranges between hard separators.
pub(super) fn hard_segments(s: &str) -> Vec<(usize, usize)> {
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
pub(super) enum Gap {
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
pub(super) struct Tok {
    pub(super) digits: String,
    /// Folded byte offsets of the written piece (a leading `+` or `(` included).
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) plus: bool,
    pub(super) gap: Gap,
    pub(super) fax: bool,
    pub(super) not_phone: bool,
    pub(super) ext: Option<String>,
    /// Text (not a label) follows right after it: `2楼`, `1203室`.
    pub(super) text_after: bool,
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
    pub(super) gap: Option<Gap>,
    plus_at: Option<usize>,
    paren_at: Option<usize>,
    pub(super) fax: bool,
    pub(super) not_phone: bool,
    ext_pending: bool,
}

/// The marks that may stand between the digit groups of one number (`010-6234 5678`,
/// `(0755)`, `138/139`, `+86`), after width folding: the characters
/// [`Tokenizer::symbol`] does not read as noise or a label, so the groups on either side
/// may still join. Every other character ends a number. Keep it beside `symbol`:
/// [`super::may_hold_number`] skips text by it.
pub(super) fn may_stand_inside_a_number(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '.' | ')' | ']' | '_' | '~' | '\u{00B7}' | '(' | '[' | '+' | '/' | '\\' | ';' | ':' | '=' | '#'
    )
}

pub(super) fn tokenize(seg: &str, base: usize, ctx: &Ctx) -> Vec<Tok> {
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
    pub(super) fn digits(&mut self, seg: &str, base: usize, i: usize) -> usize {
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

    pub(super) fn word(&mut self, seg: &str, i: usize) -> usize {
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

    pub(super) fn label(&mut self, fax: bool) {
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

    pub(super) fn join(&mut self) {
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
pub(super) fn break_runs(toks: &[Tok]) -> Vec<&[Tok]> {
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
