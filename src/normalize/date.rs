//! Dates: every spelling found in customer lists to ISO `YYYY-MM-DD`.
//!
//! Excel hands dates over as serial numbers (`44931`), people type `2023/1/5`,
//! `2023年1月5日`, `5-Jan-23` or `1/5/2023`, and exports append times. This module reads
//! them all, validates the calendar date and says which rule it used. The calendar math
//! (days-from-civil and back, after Howard Hinnant) lives here too, so the ID-card
//! module can check birth dates without a date crate.
//!
//! Documented choices:
//! * `1/5/2023` where both parts could be the month is read month/day (US order, which
//!   is what Excel produces on a default install) and flagged `date.ambiguous`. When one
//!   part is above 12 it decides the order and nothing is flagged.
//! * Two-digit years: `00`–`29` are 20xx, `30`–`99` are 19xx. `90-05-06` (first part
//!   above 31) is read as YY-MM-DD.
//! * `2023年1月`, `2023-01`, `Jan-23` and six-digit `202301` keep month precision
//!   (`YYYY-MM`, rule `date.month_only`).
//! * A bare four-digit number from 1900 to 2100 is a year, not an Excel serial (those
//!   serials are dates in 1905); it is kept as `YYYY` with the warning `date.year_only`.
//! * Other numbers from 1 to 2958465 (with an optional fraction, the time of day) are
//!   Excel serials. Serial 60 is Excel's fictitious 1900-02-29 and is rejected.
//! * Years must be 1000–9999; range checks for a particular column (birth dates not in
//!   the future, ...) are the caller's.

use std::borrow::Cow;
use std::fmt::Write;
use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use regex::Regex;

use super::cleaned::{Cleaned, Issue};
use crate::text;

/// Largest Excel serial, 9999-12-31.
const MAX_SERIAL: u64 = 2_958_465;

static YMD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$").expect("YMD regex"));
static YM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$").expect("YM regex"));
static ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{2}|\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号]?)?$").expect("ZH regex")
});
static NUM3: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})$").expect("NUM3 regex"));
static D_MON_Y: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([a-z]{3,9})\.?[\s\-/.,]*(\d{2}|\d{4})$")
        .expect("D_MON_Y regex")
});
static MON_D_Y: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([a-z]{3,9})\.?[\s\-/.]*(\d{1,2})(?:st|nd|rd|th)?[\s,\-/.]+(\d{2}|\d{4})$")
        .expect("MON_D_Y regex")
});
static Y_MON_D: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(\d{4})[\s\-/.]*([a-z]{3,9})\.?[\s\-/.]*(\d{1,2})$").expect("Y_MON_D regex"));
static MON_Y: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^([a-z]{3,9})\.?[\s\-/.,]*(\d{4}|\d{2})$").expect("MON_Y regex"));
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:[T\s]|上午|下午|中午|晚上|凌晨)+\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?\s*(?:[ap]\.?m\.?)?\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2})?$",
    )
    .expect("TIME regex")
});
static ZH_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\s|上午|下午|中午|晚上|凌晨)*\d{1,2}[时點点](?:\d{1,2}分)?(?:\d{1,2}秒)?$").expect("ZH_TIME regex")
});
static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*").expect("WEEKDAY regex"));
static ZH_WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\(?(?:星期|礼拜|周)[一二三四五六日天1-7]\)?$").expect("ZH_WEEKDAY regex"));

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Cleans one date cell to `YYYY-MM-DD` (or `YYYY-MM` / `YYYY` when that is all the
/// cell says). Rules: `date.excel_serial`, `date.month_only`, `date.two_digit_year`,
/// `date.reformat`. Issues: `date.invalid` and `date.unrecognized` (rejected),
/// `date.ambiguous` and `date.year_only` (warnings).
pub fn clean_date(raw: &str) -> Cleaned {
    let tidy = text::tidy(raw);
    if tidy.is_empty() {
        return Cleaned::blank();
    }
    let body = strip_weekday(&tidy);
    let arabic = chinese_numerals_to_digits(body);
    let body = strip_time(&arabic).trim_end_matches(['.', ',', ';']).trim();
    match parse(body) {
        Ok(date) => date.into_cleaned(raw),
        Err(issue) => Cleaned {
            value: String::new(),
            rule: None,
            issue: Some(issue),
        },
    }
}

/// A date read from a cell, possibly only to month or year precision.
struct Parsed {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
    rule: &'static str,
    warning: Option<Issue>,
}

impl Parsed {
    fn full(year: i32, month: u32, day: u32, rule: &'static str) -> Self {
        Parsed {
            year,
            month: Some(month),
            day: Some(day),
            rule,
            warning: None,
        }
    }

    fn month_only(year: i32, month: u32) -> Self {
        Parsed {
            year,
            month: Some(month),
            day: None,
            rule: "date.month_only",
            warning: None,
        }
    }

    fn validate(self) -> Result<Self, Issue> {
        let ok_year = (1000..=9999).contains(&self.year);
        let ok_month = self.month.is_none_or(|m| (1..=12).contains(&m));
        let ok_day = match (self.month, self.day) {
            (Some(m), Some(d)) => is_valid_date(self.year, m, d),
            _ => true,
        };
        if ok_year && ok_month && ok_day {
            Ok(self)
        } else {
            Err(Issue::new(
                "date.invalid",
                format!("no such calendar date: {}", self.format()),
            ))
        }
    }

    fn format(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    fn into_cleaned(self, raw: &str) -> Cleaned {
        let value = self.format();
        let cleaned = Cleaned::new(raw, value, self.rule);
        match self.warning {
            Some(issue) => cleaned.with_issue(issue),
            None => cleaned,
        }
    }
}

fn parse(body: &str) -> Result<Parsed, Issue> {
    let parsed = parse_number(body)
        .or_else(|| parse_numeric_ymd(body))
        .or_else(|| parse_chinese(body))
        .or_else(|| parse_day_month_year(body))
        .or_else(|| parse_month_names(body));
    match parsed {
        Some(result) => result.and_then(Parsed::validate),
        None => Err(Issue::new(
            "date.unrecognized",
            format!("not a date: {:?}", shorten(body)),
        )),
    }
}

/// Digits only, maybe with a fraction: Excel serial, `YYYYMMDD`, `YYYYMM` or a year.
fn parse_number(body: &str) -> Option<Result<Parsed, Issue>> {
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let has_frac = body.contains('.');
    let year_like = int.len() == 4 && (1900..=2100).contains(&number(int));
    if year_like && has_frac {
        return None; // `2023.1` is year.month, left to the numeric patterns
    }
    if !has_frac {
        match int.len() {
            8 => {
                let (y, m, d) = (&int[..4], &int[4..6], &int[6..]);
                return Some(Ok(Parsed::full(
                    number(y) as i32,
                    number(m) as u32,
                    number(d) as u32,
                    "date.reformat",
                )));
            }
            6 if (1900..=2100).contains(&number(&int[..4])) && (1..=12).contains(&number(&int[4..])) => {
                let (y, m) = (number(&int[..4]) as i32, number(&int[4..]) as u32);
                return Some(Ok(Parsed::month_only(y, m)));
            }
            4 if year_like => {
                let year = number(int) as i32;
                return Some(Ok(Parsed {
                    year,
                    month: None,
                    day: None,
                    rule: "date.reformat",
                    warning: Some(Issue::new("date.year_only", format!("only a year: {year}"))),
                }));
            }
            _ => {}
        }
    }
    if int.len() > 7 {
        return None;
    }
    Some(from_excel_serial(number(int)))
}

/// Excel serial day number to a date (1900 date system, leap-year bug included).
fn from_excel_serial(serial: u64) -> Result<Parsed, Issue> {
    if serial == 60 {
        return Err(Issue::new(
            "date.invalid",
            "Excel serial 60 is the non-existent 1900-02-29",
        ));
    }
    if serial == 0 || serial > MAX_SERIAL {
        return Err(Issue::new(
            "date.unrecognized",
            format!("{serial} is outside the Excel date range"),
        ));
    }
    // Serials after 60 count the fake 1900-02-29, so they are one day ahead.
    let offset = if serial < 60 { serial - 1 } else { serial - 2 };
    let days = days_from_civil(1900, 1, 1) + offset as i64;
    let (y, m, d) = civil_from_days(days);
    Ok(Parsed::full(y, m, d, "date.excel_serial"))
}

/// `2023-01-05`, `2023/1/5`, `2023.01.05`, and month-only `2023-01`.
fn parse_numeric_ymd(body: &str) -> Option<Result<Parsed, Issue>> {
    if let Some(c) = YMD.captures(body) {
        return Some(Ok(Parsed::full(
            number(&c[1]) as i32,
            number(&c[2]) as u32,
            number(&c[3]) as u32,
            "date.reformat",
        )));
    }
    let c = YM.captures(body)?;
    Some(Ok(Parsed::month_only(number(&c[1]) as i32, number(&c[2]) as u32)))
}

/// `2023年1月5日`, `23年1月5号`, `2023年1月`.
fn parse_chinese(body: &str) -> Option<Result<Parsed, Issue>> {
    let c = ZH.captures(body)?;
    let (year, two_digit) = expand_year(&c[1]);
    let month = number(&c[2]) as u32;
    let parsed = match c.get(3) {
        Some(day) => Parsed::full(year, month, number(day.as_str()) as u32, "date.reformat"),
        None => Parsed::month_only(year, month),
    };
    Some(Ok(with_two_digit_rule(parsed, two_digit)))
}

/// `1/5/2023`, `25.12.23`: the order is decided by a part above 12, else month/day.
/// A first part above 31 with a two-digit last part is a year: `90-05-06`.
fn parse_day_month_year(body: &str) -> Option<Result<Parsed, Issue>> {
    let c = NUM3.captures(body)?;
    let (a, b) = (number(&c[1]) as u32, number(&c[2]) as u32);
    if a > 31 && c[3].len() == 2 {
        // `90-05-06`: no day or month is above 31, so this is YY-MM-DD.
        let (year, _) = expand_year(&c[1]);
        let day = number(&c[3]) as u32;
        return Some(Ok(Parsed::full(year, b, day, "date.two_digit_year")));
    }
    let (year, two_digit) = expand_year(&c[3]);
    let (month, day) = if a > 12 { (b, a) } else { (a, b) };
    let mut parsed = with_two_digit_rule(Parsed::full(year, month, day, "date.reformat"), two_digit);
    if a <= 12 && b <= 12 && a != b {
        let read = parsed.format();
        let other = Parsed::full(year, b, a, "date.reformat").format();
        parsed.warning = Some(Issue::new(
            "date.ambiguous",
            format!("{body} read as month/day ({read}); day/month would be {other}"),
        ));
    }
    Some(Ok(parsed))
}

/// `5-Jan-23`, `05-Jan-2023`, `5 January 2023`, `Jan 5, 2023`, `2023 Jan 5`, `Jan-23`.
fn parse_month_names(body: &str) -> Option<Result<Parsed, Issue>> {
    let (year, month, day) = if let Some(c) = D_MON_Y.captures(body) {
        (c.get(3)?, c.get(2)?, c.get(1))
    } else if let Some(c) = MON_D_Y.captures(body) {
        (c.get(3)?, c.get(1)?, c.get(2))
    } else if let Some(c) = Y_MON_D.captures(body) {
        (c.get(1)?, c.get(2)?, c.get(3))
    } else if let Some(c) = MON_Y.captures(body) {
        (c.get(2)?, c.get(1)?, None)
    } else {
        return None;
    };
    let month = month_from_name(month.as_str())?;
    let (year, two_digit) = expand_year(year.as_str());
    let parsed = match day {
        Some(d) => Parsed::full(year, month, number(d.as_str()) as u32, "date.reformat"),
        None => Parsed::month_only(year, month),
    };
    Some(Ok(with_two_digit_rule(parsed, two_digit)))
}

fn with_two_digit_rule(mut parsed: Parsed, two_digit: bool) -> Parsed {
    if two_digit && parsed.rule == "date.reformat" {
        parsed.rule = "date.two_digit_year";
    }
    parsed
}

/// `"23"` → 2023, `"85"` → 1985, `"2023"` → 2023; the flag says a century was added.
fn expand_year(digits: &str) -> (i32, bool) {
    let n = number(digits) as i32;
    match digits.len() {
        2 if n < 30 => (2000 + n, true),
        2 => (1900 + n, true),
        _ => (n, false),
    }
}

/// `"jan"`, `"Sept"`, `"january"` → month number. At least three letters.
fn month_from_name(name: &str) -> Option<u32> {
    if name.len() < 3 || !name.is_ascii() {
        return None;
    }
    let pos = MONTHS
        .iter()
        .position(|full| full.len() >= name.len() && full[..name.len()].eq_ignore_ascii_case(name))?;
    Some(pos as u32 + 1)
}

/// Parses a short run of ASCII digits; saturates instead of overflowing.
fn number(digits: &str) -> u64 {
    digits.bytes().fold(0u64, |acc, b| {
        acc.saturating_mul(10).saturating_add(u64::from(b.wrapping_sub(b'0')))
    })
}

fn strip_weekday(s: &str) -> &str {
    let s = match WEEKDAY.find(s) {
        Some(m) if m.end() < s.len() => &s[m.end()..],
        _ => s,
    };
    match ZH_WEEKDAY.find(s) {
        Some(m) if m.start() > 0 => &s[..m.start()],
        _ => s,
    }
}

fn strip_time(s: &str) -> &str {
    for re in [&*TIME, &*ZH_TIME] {
        if let Some(m) = re.find(s) {
            if m.start() > 0 {
                return s[..m.start()].trim_end();
            }
        }
    }
    s
}

/// `二〇二三年一月五日` → `2023年1月5日`. Only touches cells with 年 or 月 in them.
fn chinese_numerals_to_digits(s: &str) -> Cow<'_, str> {
    if !s.contains(['年', '月']) || !s.chars().any(|c| zh_digit(c).is_some() || c == '十') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut run_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let numeral = zh_digit(c).is_some() || c == '十';
        match (numeral, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(start)) => {
                push_numeral_run(&s[start..i], &mut out);
                run_start = None;
                out.push(c);
            }
            (false, None) => out.push(c),
            (true, Some(_)) => {}
        }
    }
    if let Some(start) = run_start {
        push_numeral_run(&s[start..], &mut out);
    }
    Cow::Owned(out)
}

/// One run of Chinese numerals: digit by digit (`二〇二三`), or a number up to 99 with
/// 十 (`十二`, `二十`, `三十一`). Runs that are neither are copied unchanged.
fn push_numeral_run(run: &str, out: &mut String) {
    let Some((before, after)) = run.split_once('十') else {
        out.extend(run.chars().filter_map(zh_digit).filter_map(|d| char::from_digit(d, 10)));
        return;
    };
    let tens = if before.is_empty() {
        Some(1)
    } else {
        single_zh_digit(before)
    };
    let units = if after.is_empty() {
        Some(0)
    } else {
        single_zh_digit(after)
    };
    match (tens, units) {
        (Some(t), Some(u)) => {
            let _ = write!(out, "{}", t * 10 + u);
        }
        _ => out.push_str(run),
    }
}

fn single_zh_digit(s: &str) -> Option<u32> {
    let mut chars = s.chars();
    let d = chars.next().and_then(zh_digit)?;
    chars.next().is_none().then_some(d)
}

fn zh_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn shorten(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// True for leap years of the proleptic Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// True when `year-month-day` exists on the calendar.
pub fn is_valid_date(year: i32, month: u32, day: u32) -> bool {
    day >= 1 && day <= days_in_month(year, month)
}

/// Days since 1970-01-01 of a (valid) civil date; negative before 1970.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date `(year, month, day)` of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as i32, month, day)
}

/// Today's date (UTC) from the system clock.
pub fn today() -> (i32, u32, u32) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_from_days((secs / 86_400) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::cleaned::testing::{check_conventions, nasty_inputs};

    /// raw, value, rule, issue code
    const CASES: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        // ISO and its relatives
        ("2023-01-05", "2023-01-05", None, None),
        ("  2023-01-05 ", "2023-01-05", None, None),
        ("2023/1/5", "2023-01-05", Some("date.reformat"), None),
        ("2023.01.05", "2023-01-05", Some("date.reformat"), None),
        ("2023-1-5", "2023-01-05", Some("date.reformat"), None),
        ("２０２３－０１－０５", "2023-01-05", Some("date.reformat"), None),
        ("20230105", "2023-01-05", Some("date.reformat"), None),
        ("2023-01-05 14:30:00", "2023-01-05", Some("date.reformat"), None),
        ("2023-01-05T14:30:00Z", "2023-01-05", Some("date.reformat"), None),
        ("2023/1/5 0:00", "2023-01-05", Some("date.reformat"), None),
        ("2023/1/5 下午3:30", "2023-01-05", Some("date.reformat"), None),
        ("2023.01.05.", "2023-01-05", Some("date.reformat"), None),
        // Chinese
        ("2023年1月5日", "2023-01-05", Some("date.reformat"), None),
        ("2023年01月05号", "2023-01-05", Some("date.reformat"), None),
        ("2023 年 1 月 5 日", "2023-01-05", Some("date.reformat"), None),
        ("2023年1月5日 星期四", "2023-01-05", Some("date.reformat"), None),
        ("2023年1月5日 14时30分", "2023-01-05", Some("date.reformat"), None),
        ("23年1月5日", "2023-01-05", Some("date.two_digit_year"), None),
        ("2023年1月", "2023-01", Some("date.month_only"), None),
        ("二〇二三年一月五日", "2023-01-05", Some("date.reformat"), None),
        ("一九九〇年十二月三十一日", "1990-12-31", Some("date.reformat"), None),
        ("二〇〇八年八月八日", "2008-08-08", Some("date.reformat"), None),
        ("二〇二三年二月二十日", "2023-02-20", Some("date.reformat"), None),
        ("二〇二三年十月", "2023-10", Some("date.month_only"), None),
        // month precision
        ("2023-01", "2023-01", None, None),
        ("2023/1", "2023-01", Some("date.month_only"), None),
        ("202301", "2023-01", Some("date.month_only"), None),
        ("Jan-23", "2023-01", Some("date.month_only"), None),
        ("January 2023", "2023-01", Some("date.month_only"), None),
        // Excel serials
        ("44931", "2023-01-05", Some("date.excel_serial"), None),
        ("44931.5", "2023-01-05", Some("date.excel_serial"), None),
        ("44931.0", "2023-01-05", Some("date.excel_serial"), None),
        ("1", "1900-01-01", Some("date.excel_serial"), None),
        ("59", "1900-02-28", Some("date.excel_serial"), None),
        ("60", "", None, Some("date.invalid")),
        ("61", "1900-03-01", Some("date.excel_serial"), None),
        ("25569", "1970-01-01", Some("date.excel_serial"), None),
        ("36526", "2000-01-01", Some("date.excel_serial"), None),
        ("2958465", "9999-12-31", Some("date.excel_serial"), None),
        ("2958466", "", None, Some("date.unrecognized")),
        ("0", "", None, Some("date.unrecognized")),
        ("４４９３１", "2023-01-05", Some("date.excel_serial"), None),
        // years
        ("1985", "1985", None, Some("date.year_only")),
        ("1850", "1905-01-23", Some("date.excel_serial"), None),
        // month names
        ("5-Jan-23", "2023-01-05", Some("date.two_digit_year"), None),
        ("05-Jan-2023", "2023-01-05", Some("date.reformat"), None),
        ("Jan 5, 2023", "2023-01-05", Some("date.reformat"), None),
        ("January 5th, 2023", "2023-01-05", Some("date.reformat"), None),
        ("5 January 2023", "2023-01-05", Some("date.reformat"), None),
        ("5 SEPT 1999", "1999-09-05", Some("date.reformat"), None),
        ("Thu, 5 Jan 2023", "2023-01-05", Some("date.reformat"), None),
        ("2023-Jan-05", "2023-01-05", Some("date.reformat"), None),
        ("Jan 5, 2023 2:30 PM", "2023-01-05", Some("date.reformat"), None),
        ("5 Foo 2023", "", None, Some("date.unrecognized")),
        // day/month order
        ("1/5/2023", "2023-01-05", Some("date.reformat"), Some("date.ambiguous")),
        ("5/1/2023", "2023-05-01", Some("date.reformat"), Some("date.ambiguous")),
        ("25/12/2023", "2023-12-25", Some("date.reformat"), None),
        ("12/25/2023", "2023-12-25", Some("date.reformat"), None),
        ("3/3/2023", "2023-03-03", Some("date.reformat"), None),
        ("25.12.85", "1985-12-25", Some("date.two_digit_year"), None),
        (
            "1/5/23",
            "2023-01-05",
            Some("date.two_digit_year"),
            Some("date.ambiguous"),
        ),
        ("13/13/2023", "", None, Some("date.invalid")),
        ("90-05-06", "1990-05-06", Some("date.two_digit_year"), None),
        ("90-13-06", "", None, Some("date.invalid")),
        ("1990.5.6", "1990-05-06", Some("date.reformat"), None),
        ("2023/01/05 上午10:00:00", "2023-01-05", Some("date.reformat"), None),
        // validation
        ("2023-02-30", "", None, Some("date.invalid")),
        ("2023-02-29", "", None, Some("date.invalid")),
        ("2024-02-29", "2024-02-29", None, None),
        ("1900-02-29", "", None, Some("date.invalid")),
        ("2000-02-29", "2000-02-29", None, None),
        ("2023-13-01", "", None, Some("date.invalid")),
        ("2023-00-10", "", None, Some("date.invalid")),
        ("2023年13月", "", None, Some("date.invalid")),
        ("20231301", "", None, Some("date.invalid")),
        ("0999-01-01", "", None, Some("date.invalid")),
        // junk
        ("", "", None, None),
        ("not a date", "", None, Some("date.unrecognized")),
        ("2023-01-05-07", "", None, Some("date.unrecognized")),
        ("12:30", "", None, Some("date.unrecognized")),
        ("123456789", "", None, Some("date.unrecognized")),
    ];

    #[test]
    fn table() {
        for (raw, value, rule, issue) in CASES {
            let c = clean_date(raw);
            assert_eq!(c.value, *value, "value of {raw:?}: {c:?}");
            assert_eq!(c.rule, *rule, "rule of {raw:?}");
            assert_eq!(c.issue.as_ref().map(|i| i.code), *issue, "issue of {raw:?}");
            check_conventions(raw, &c);
        }
    }

    #[test]
    fn idempotent() {
        for (raw, _, _, _) in CASES {
            let once = clean_date(raw);
            let twice = clean_date(&once.value);
            assert_eq!(twice.value, once.value, "{raw:?}");
            assert_eq!(twice.rule, None, "{raw:?}");
        }
    }

    #[test]
    fn nasty_inputs_never_panic() {
        for raw in nasty_inputs() {
            let c = clean_date(&raw);
            check_conventions(&raw, &c);
            assert_eq!(clean_date(&c.value).value, c.value, "{raw:?}");
        }
    }

    #[test]
    fn ambiguous_detail_names_both_readings() {
        let c = clean_date("1/5/2023");
        let detail = c.issue.map(|i| i.detail).unwrap_or_default();
        assert!(
            detail.contains("2023-01-05") && detail.contains("2023-05-01"),
            "{detail}"
        );
    }

    #[test]
    fn civil_round_trip() {
        let cases: &[(i32, u32, u32, i64)] = &[
            (1970, 1, 1, 0),
            (1969, 12, 31, -1),
            (2000, 3, 1, 11_017),
            (2023, 1, 5, 19_362),
            (1900, 1, 1, -25_567),
            (9999, 12, 31, 2_932_896),
            (1, 1, 1, -719_162),
        ];
        for &(y, m, d, days) in cases {
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
            assert_eq!(civil_from_days(days), (y, m, d), "{days}");
        }
        for days in (-800_000..3_000_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert!(is_valid_date(y, m, d));
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn calendar_helpers() {
        let cases: &[(i32, u32, u32)] = &[
            (2023, 2, 28),
            (2024, 2, 29),
            (1900, 2, 28),
            (2000, 2, 29),
            (2023, 4, 30),
            (2023, 12, 31),
            (2023, 13, 0),
            (2023, 0, 0),
        ];
        for &(y, m, want) in cases {
            assert_eq!(days_in_month(y, m), want, "{y}-{m}");
        }
        assert!(!is_valid_date(2023, 1, 0));
        let (y, m, d) = today();
        assert!(y >= 2024 && is_valid_date(y, m, d));
    }

    #[test]
    fn month_names() {
        let cases: &[(&str, Option<u32>)] = &[
            ("jan", Some(1)),
            ("JANUARY", Some(1)),
            ("Sept", Some(9)),
            ("sep", Some(9)),
            ("dec", Some(12)),
            ("ja", None),
            ("janx", None),
            ("mayo", None),
        ];
        for (name, want) in cases {
            assert_eq!(month_from_name(name), *want, "{name}");
        }
    }
}
