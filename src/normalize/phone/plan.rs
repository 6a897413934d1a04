//! Numbering plans: a port of libphonenumber's `parse`, `isValidNumber`, `getNumberType` and
//! `format` on the metadata the `phonenumber` crate embeds, compiled once per region into a
//! [`Registry`] of anchored patterns shared lock-free. Knows nothing about cells or text.

use super::PhoneKind;
use phonenumber::metadata::{Descriptor, Format, Metadata, DATABASE};
use regex::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

/// Why a digit string could not be parsed (libphonenumber's `NumberParseException` types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fail {
    NotANumber,
    InvalidCountryCode,
    TooShortAfterIdd,
    TooShortNsn,
    TooLong,
}

impl Fail {
    pub(super) fn why(self) -> &'static str {
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
pub(super) enum Source {
    Plus,
    Idd,
    CodeWithoutPlus,
    Default,
}

/// A parsed number: country calling code and national significant number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Number {
    pub(super) code: u16,
    pub(super) nsn: String,
    pub(super) source: Source,
}

impl Number {
    pub(super) fn e164(&self) -> String {
        format!("+{}{}", self.code, self.nsn)
    }
}

/// libphonenumber's `parse` for a number already reduced to its digits (and whether a `+`
/// stood in front): international prefix, country code, national prefix and carrier code.
pub(super) fn parse_digits(plus: bool, digits: &str, home: Option<&'static Plan>) -> Result<Number, Fail> {
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
    pub(super) fn new(d: &Descriptor, fallback: &[u16]) -> Option<Desc> {
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

    pub(super) fn matches(&self, nsn: &str) -> bool {
        let len = u16::try_from(nsn.len()).unwrap_or(u16::MAX);
        (self.lengths.is_empty() || self.lengths.contains(&len)) && self.re.is_match(nsn)
    }
}

/// One number format, with its replacement template in Rust's `${1}` syntax.
struct Fmt {
    pub(super) leading: Option<Regex>,
    /// The leading-digits pattern as written (for the set below).
    leading_source: Option<String>,
    pattern: Regex,
    template: String,
    /// The pattern read as plain digit groups, when it is nothing else (most are).
    groups: Option<DigitGroups>,
}

impl Fmt {
    /// Whether the pattern matches the whole number.
    fn fits(&self, nsn: &str) -> bool {
        match self.groups.as_ref().filter(|_| all_ascii_digits(nsn)) {
            Some(groups) => groups.cut(nsn.len(), |_| {}),
            None => self.pattern.is_match(nsn),
        }
    }

    /// The number written by the template, as `Regex::replace` would write it.
    fn apply(&self, nsn: &str) -> String {
        let fast = self.groups.as_ref().filter(|_| all_ascii_digits(nsn));
        if let Some(written) = fast.and_then(|g| fill_template(&self.template, &g.split(nsn)?)) {
            return written;
        }
        self.pattern.replace(nsn, self.template.as_str()).into_owned()
    }
}

fn all_ascii_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// A format pattern made of digit groups only (`(\d{3})(\d{3,4})(\d{4})`): each group's
/// fewest and most digits. Cutting a number of ASCII digits by these takes no regex;
/// every format of every region is checked against its regex in the tests.
#[derive(Debug, Clone, PartialEq)]
struct DigitGroups(Vec<(usize, usize)>);

impl DigitGroups {
    /// The groups of a pattern written as `(\d)`, `(\d{n})` or `(\d{m,n})` groups and
    /// nothing else.
    fn parse(pattern: &str) -> Option<DigitGroups> {
        let mut groups = Vec::new();
        let mut rest = pattern;
        while !rest.is_empty() {
            let body = rest.strip_prefix("(\\d")?;
            let (range, after) = match body.strip_prefix('{') {
                Some(b) => {
                    let close = b.find('}')?;
                    (parse_range(&b[..close])?, &b[close + 1..])
                }
                None => ((1, 1), body),
            };
            rest = after.strip_prefix(')')?;
            groups.push(range);
        }
        (!groups.is_empty()).then_some(DigitGroups(groups))
    }

    /// The number cut into the groups as a backtracking regex would cut it (each group
    /// as long as it may be while the rest still fits), or `None` when it does not fit.
    fn split<'a>(&self, nsn: &'a str) -> Option<Vec<&'a str>> {
        let mut parts = Vec::with_capacity(self.0.len());
        let mut at = 0;
        self.cut(nsn.len(), |len| {
            parts.push(&nsn[at..at + len]);
            at += len;
        })
        .then_some(parts)
    }

    /// Whether a number of `digits` digits fits, telling `each` every group's length
    /// in order (as long as it may be while the rest still fits).
    fn cut(&self, digits: usize, mut each: impl FnMut(usize)) -> bool {
        let mut left = digits;
        let mut fewest_after: usize = self.0.iter().map(|g| g.0).sum();
        let mut most_after: usize = self.0.iter().map(|g| g.1).sum();
        for &(lo, hi) in &self.0 {
            fewest_after -= lo;
            most_after -= hi;
            let Some(room) = left.checked_sub(fewest_after) else {
                return false;
            };
            let len = hi.min(room);
            if len < lo || left - len > most_after {
                return false;
            }
            each(len);
            left -= len;
        }
        true
    }
}

/// `m,n` or `n` of a `\d{...}` quantifier.
fn parse_range(s: &str) -> Option<(usize, usize)> {
    let number = |t: &str| (!t.is_empty() && all_ascii_digits(t)).then(|| t.parse().ok()).flatten();
    match s.split_once(',') {
        Some((lo, hi)) => Some((number(lo)?, number(hi)?)).filter(|(lo, hi)| lo <= hi),
        None => number(s).map(|n| (n, n)),
    }
}

/// A `${1} ${2}` template filled with the groups; `None` when it holds anything else
/// that starts with `$` (then the regex writes it).
fn fill_template(template: &str, parts: &[&str]) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = rest[dollar..].strip_prefix("${")?;
        let close = after.find('}')?;
        let group: usize = after[..close]
            .parse()
            .ok()
            .filter(|_| all_ascii_digits(&after[..close]))?;
        out.push_str(group.checked_sub(1).and_then(|i| parts.get(i)).copied().unwrap_or(""));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// A region's formats, with every leading-digits pattern in one set: one pass over a
/// number finds the formats whose leading digits fit, instead of one regex per format.
struct Formats {
    pub(super) list: Vec<Fmt>,
    /// Entry `i` matches when format `i`'s leading digits fit (or it has none); `None`
    /// when the set could not be built, and each format's own regex decides.
    pub(super) leading: Option<regex::RegexSet>,
}

impl Formats {
    pub(super) fn new(list: Vec<Fmt>) -> Formats {
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

    pub(super) fn is_empty(&self) -> bool {
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
                    .find(|(i, f)| fits.matched(*i) && f.fits(nsn))
                    .map(|(_, f)| f)
            }
            None => self
                .list
                .iter()
                .find(|f| f.leading.as_ref().is_none_or(|l| l.is_match(nsn)) && f.fits(nsn)),
        }
    }
}

/// One region's metadata, compiled.
pub(super) struct Plan {
    pub(super) code: u16,
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
        let special = typed[..8].iter().filter_map(|(k, x)| Some((*k, desc(*x)?))).collect();
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
    pub(super) fn kind(&self, nsn: &str) -> PhoneKind {
        if !self.general.matches(nsn) {
            return PhoneKind::Unknown;
        }
        if let Some((kind, _)) = self.special.iter().find(|(_, d)| d.matches(nsn)) {
            return *kind;
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
                groups: DigitGroups::parse(f.pattern().as_str()),
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
pub(super) fn anchored(pattern: &str, whole: bool) -> Option<Regex> {
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
pub(super) fn format_number(code: u16, nsn: &str, national: bool) -> String {
    let body = REGISTRY
        .main_for_code(code)
        .and_then(|plan| plan.choose_format(nsn, national))
        .map_or_else(|| nsn.to_string(), |f| f.apply(nsn));
    if national {
        body
    } else {
        format!("+{code} {body}")
    }
}

/// Every region's metadata, compiled on first use.
pub(super) struct Registry {
    metas: Vec<&'static Metadata>,
    pub(super) plans: Vec<OnceLock<Option<Plan>>>,
    pub(super) by_region: HashMap<&'static str, usize>,
    by_code: HashMap<u16, Vec<usize>>,
}

pub(super) static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::load);

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

    pub(super) fn plan(&self, idx: usize) -> Option<&Plan> {
        let meta = self.metas.get(idx)?;
        self.plans.get(idx)?.get_or_init(|| Plan::build(meta)).as_ref()
    }

    pub(super) fn region(&'static self, id: &str) -> Option<&'static Plan> {
        self.plan(*self.by_region.get(id)?)
    }

    /// The main region's plan for a country calling code.
    fn main_for_code(&'static self, code: u16) -> Option<&'static Plan> {
        self.plan(*self.by_code.get(&code)?.first()?)
    }

    /// libphonenumber's `getRegionCodeForNumber`: which region's plan a number belongs to.
    pub(super) fn for_number(&'static self, code: u16, nsn: &str) -> Option<&'static Plan> {
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

    #[test]
    fn digit_groups_read_the_plain_patterns_only() {
        let g = |p: &str| DigitGroups::parse(p).map(|g| g.0);
        assert_eq!(g("(\\d{3})(\\d{3,4})(\\d{4})"), Some(vec![(3, 3), (3, 4), (4, 4)]));
        assert_eq!(g("(\\d)(\\d{4})"), Some(vec![(1, 1), (4, 4)]));
        assert_eq!(g("([1-9]\\d)(\\d{3})"), None);
        assert_eq!(g("(\\d{3,})(\\d{4})"), None);
        assert_eq!(g("(\\d{4,3})"), None);
        assert_eq!(g(""), None);
    }

    /// Every format of every region, cut and written without the regex, against the
    /// regex, on numbers of every length from 0 to 19 digits.
    #[test]
    fn digit_groups_cut_and_write_as_the_regex_does() {
        let mut checked = 0;
        let mut seed: u64 = 7;
        for idx in 0..REGISTRY.plans.len() {
            let Some(plan) = REGISTRY.plan(idx) else { continue };
            for f in plan.national_formats.list.iter().chain(&plan.intl_formats.list) {
                if f.groups.is_none() {
                    continue;
                }
                for len in 0..20 {
                    for _ in 0..3 {
                        let nsn: String = (0..len)
                            .map(|_| {
                                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                                char::from(b'0' + (seed >> 60) as u8 % 10)
                            })
                            .collect();
                        assert_eq!(f.fits(&nsn), f.pattern.is_match(&nsn), "{:?} {nsn}", f.pattern);
                        let by_regex = f.pattern.replace(&nsn, f.template.as_str()).into_owned();
                        assert_eq!(f.apply(&nsn), by_regex, "{:?} {:?} {nsn}", f.pattern, f.template);
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
