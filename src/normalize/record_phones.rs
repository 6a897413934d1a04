//! A record's phone numbers: every phone, landline and fax cell parsed in the record's
//! country (its country column, else `--region`), numbers hidden in the name or address
//! found, missing area codes taken from the record's city or address, and each number
//! sorted into dialable phones, faxes and numbers that cannot be dialled.
//!
//! Parsing is cached by cell text (per worker thread): a list repeats the same
//! switchboard and the same placeholder thousands of times.
//!
//! Named `record_phones` (it was `phones.rs`) so it does not read as a twin of `phone/`:
//! `phone/` reads one cell or one text; this file applies it to a whole record.

use super::memo::Table;
use super::phone::{self, Phone, PhoneParse};
use super::rules::NormalizeRules;
use crate::record::{BadPhone, Cells, Change, Field, Issue, PhoneNumber, Reason, Record, Text};
use crate::text;

/// Parses of cells in the default region without a place hint, by cell.
pub type Cache = Table<Vec<PhoneParse>>;

fn parse(cache: &mut Cache, cell: &str, region: &str, default_region: &str, rules: &NormalizeRules) -> Vec<PhoneParse> {
    let parse = || phone::parse_cell(cell, region, None, &rules.phone);
    if region == default_region {
        cache.get_or(cell, parse)
    } else {
        parse()
    }
}

/// Fills `clean.phones`, `clean.faxes` and `clean.bad_phones` of a record, reading its
/// numbers in `region` (its [`record_region`]) first.
pub fn normalize_phones(
    record: &mut Record,
    region: &str,
    default_region: &str,
    rules: &NormalizeRules,
    cache: &mut Cache,
) {
    let raw = std::mem::take(&mut record.raw);
    let place = Place::of(&raw);
    for (field, cell) in raw.iter().filter(|(f, _)| f.is_phone()) {
        let mut parsed = parse_in(cache, cell, region, &place, default_region, rules);
        if region != default_region && !all_valid(&parsed) {
            // Not a number of the record's own country: perhaps one of the default's
            // (a mainland mobile beside a foreign address).
            let home = parse_in(cache, cell, default_region, &place, default_region, rules);
            if valid_count(&home) > valid_count(&parsed) {
                parsed = home;
            } else {
                note_region(record, field, &parsed, region);
            }
        } else if region != default_region {
            note_region(record, field, &parsed, region);
        }
        for p in parsed {
            take(record, field, cell, p);
        }
    }
    for field in [Field::Name, Field::Address] {
        let Some(text) = raw.get(field).filter(|t| phone::may_hold_number(t)) else {
            continue;
        };
        let hint = Some(place.text()).filter(|p| !p.is_empty());
        for found in phone::find_in_text(text, region, hint, &rules.phone) {
            found_in_text(record, field, text, found);
        }
    }
    drop(place);
    record.raw = raw;
    record.clean.phones.sort_by_key(PhoneNumber::rank);
}

/// A cell's numbers in `region`, with the record's place for a missing area code.
fn parse_in(
    cache: &mut Cache,
    cell: &str,
    region: &str,
    place: &Place,
    default_region: &str,
    rules: &NormalizeRules,
) -> Vec<PhoneParse> {
    let parsed = parse(cache, cell, region, default_region, rules);
    if parsed.iter().any(|p| matches!(p, PhoneParse::NeedsAreaCode { .. })) && !place.text().is_empty() {
        return phone::parse_cell(cell, region, Some(place.text()), &rules.phone);
    }
    parsed
}

fn valid_count(parsed: &[PhoneParse]) -> usize {
    parsed.iter().filter(|p| matches!(p, PhoneParse::Valid(_))).count()
}

fn all_valid(parsed: &[PhoneParse]) -> bool {
    valid_count(parsed) == parsed.len()
}

/// Logs, for each number read in the record's own country rather than the default
/// region, that its country came from the record (Changes: `phone.region_of_record`).
fn note_region(record: &mut Record, field: Field, parsed: &[PhoneParse], region: &str) {
    for p in parsed {
        if let PhoneParse::Valid(phone) = p {
            record.changes.push(Change {
                field,
                raw: Text::from(phone.raw.as_str()),
                clean: format!("{} ({region}, from the record's country or address)", phone.e164).into(),
                rule: "phone.region_of_record",
            });
        }
    }
}

/// The record's numbering plan: its country column, else the state or province it
/// names alone (`CA`, `Ontario`), else the country its address, city, province or
/// postcode names (`countries.toml`), else the country of a number written with its
/// country code (`+1 (503) 942-8800` makes `1-617-495-1555` beside it a US number),
/// else the default region.
pub fn record_region(
    record: &Record,
    default_region: &str,
    rules: &NormalizeRules,
    cache: &mut Cache,
    places: &mut Places,
) -> String {
    let named = record.raw_value(Field::Country).and_then(|c| rules.country_code(c));
    let named = named.or_else(|| {
        let province = record.raw_value(Field::Province)?;
        places.states.get_or(province, || rules.state_region(province))
    });
    let placed = || {
        let address = record.raw_value(Field::Address).and_then(|t| rules.place_region(t));
        address.or_else(|| {
            [Field::City, Field::Province, Field::Postcode]
                .iter()
                .filter_map(|f| record.raw_value(*f))
                .find_map(|t| places.places.get_or(t, || rules.place_region(t)))
        })
    };
    named
        .or_else(placed)
        .or_else(|| written_region(record, default_region, rules, cache))
        .unwrap_or_else(|| default_region.to_string())
}

/// What the cities, provinces and postcodes of a list, which repeat, place: each
/// distinct one looked up once per worker thread (an address, nearly always new, is
/// looked up every time).
#[derive(Default)]
pub struct Places {
    places: Table<Option<String>>,
    states: Table<Option<String>>,
}

/// The country of the first number of the record written with its country code (`+1`,
/// `0044`) when that is not the default region's. Parsed in the default region through
/// the cache, so the record's own parse of the same cell (`+86 …` in a CN list) is a hit.
fn written_region(record: &Record, default_region: &str, rules: &NormalizeRules, cache: &mut Cache) -> Option<String> {
    let international = |cell: &str| {
        let mut start = cell.chars().map(text::fold_char).skip_while(|c| c.is_whitespace());
        match start.next() {
            Some('+') => true,
            Some('0') => start.next() == Some('0'),
            _ => false,
        }
    };
    let cells = record.raw.iter().filter(|(f, c)| f.is_phone() && international(c));
    cells
        .flat_map(|(_, cell)| parse(cache, cell, default_region, default_region, rules))
        .filter_map(|p| {
            p.valid()
                .filter(|v| international(&v.raw))
                .and_then(|v| phone::region_of(&v.e164))
        })
        .find(|region| *region != default_region)
        .map(str::to_string)
}

/// The text without the phone numbers written into it (`张三 13800138000` -> `张三`),
/// or `None` when it holds none.
pub fn strip_numbers(text: &str, region: &str, rules: &NormalizeRules) -> Option<String> {
    if !phone::may_hold_number(text) {
        return None;
    }
    let found = phone::find_in_text(text, region, None, &rules.phone);
    if found.is_empty() {
        return None;
    }
    let mut rest = text.to_string();
    for p in &found {
        rest = rest.replacen(p.raw.as_str(), " ", 1);
    }
    for empty in ["()", "（）", "[]", "【】", "(", "（"] {
        rest = rest.replace(empty, " ");
    }
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || ",;:，；：/、-".contains(c));
    Some(rest.to_string())
}

/// The record's city, province and address, for inferring a missing area code: put
/// together only when a number lacks one.
struct Place<'a> {
    raw: &'a Cells,
    text: std::cell::OnceCell<String>,
}

impl<'a> Place<'a> {
    fn of(raw: &'a Cells) -> Self {
        Place {
            raw,
            text: std::cell::OnceCell::new(),
        }
    }

    fn text(&self) -> &str {
        self.text.get_or_init(|| {
            [Field::City, Field::Province, Field::Address]
                .iter()
                .filter_map(|f| self.raw.get(*f))
                .map(text::tidy)
                .collect::<Vec<_>>()
                .join(" ")
        })
    }
}

/// The record's form of a parsed number (its strings moved, not copied).
fn number(p: Phone, field: Field) -> PhoneNumber {
    PhoneNumber {
        kind: p.kind,
        e164: p.e164.into(),
        national: p.national.into(),
        extension: p.extension.map(Text::from),
        field,
    }
}

/// Sorts one parse of a cell into the record.
fn take(record: &mut Record, field: Field, cell: &str, parse: PhoneParse) {
    match parse {
        PhoneParse::Valid(p) => {
            log_change(record, field, cell, &p);
            let fax = field == Field::Fax || p.label_fax;
            let n = number(p, field);
            let list = if fax {
                &mut record.clean.faxes
            } else {
                &mut record.clean.phones
            };
            if !list.iter().any(|x| x.e164 == n.e164 && x.extension == n.extension) {
                list.push(n);
            }
        }
        PhoneParse::Invalid { raw, e164, why } => {
            let detail = match e164 {
                Some(e) => format!("{raw}: {why} ({e})"),
                None => format!("{raw}: {why}"),
            };
            bad(record, field, raw, Reason::InvalidNumber, "phone.invalid", detail);
        }
        PhoneParse::Malformed { raw, why } => {
            let detail = format!("{raw}: {why}");
            bad(record, field, raw, Reason::MalformedPhone, "phone.malformed", detail);
        }
        PhoneParse::NeedsAreaCode { raw } => {
            let detail = format!("{raw}: a landline without its area code, and no known city to take it from");
            bad(record, field, raw, Reason::InvalidNumber, "phone.no_area_code", detail);
        }
    }
}

fn bad(record: &mut Record, field: Field, raw: String, reason: Reason, code: &'static str, detail: String) {
    record.issues.push(Issue {
        field,
        code,
        detail: detail.clone(),
    });
    if !record.clean.bad_phones.iter().any(|b| b.raw == raw) {
        record.clean.bad_phones.push(BadPhone {
            raw: raw.into(),
            reason,
            detail,
        });
    }
}

/// Logs a number whose written form differs from its plain national digits.
fn log_change(record: &mut Record, field: Field, cell: &str, p: &Phone) {
    let rule = if p.area_code_inferred.is_some() {
        "phone.area_code"
    } else {
        let plain: String = p.national.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        if cell.trim() == plain && p.extension.is_none() {
            return;
        }
        "phone.format"
    };
    let clean = match &p.extension {
        Some(x) => format!("{};ext={x}", p.e164),
        None => p.e164.clone(),
    };
    if p.raw.trim() == clean {
        return;
    }
    if record
        .changes
        .iter()
        .any(|c| c.field == field && c.raw == p.raw && c.clean == clean)
    {
        return;
    }
    record.changes.push(Change {
        field,
        raw: Text::from(if p.raw.is_empty() { cell } else { &p.raw }),
        clean: clean.into(),
        rule,
    });
}

/// A number written into the name or address cell.
fn found_in_text(record: &mut Record, field: Field, text: &str, p: Phone) {
    let fax = p.label_fax;
    let n = number(p, Field::Phone);
    if record
        .clean
        .phones
        .iter()
        .chain(&record.clean.faxes)
        .any(|x| x.e164 == n.e164)
    {
        return;
    }
    record.changes.push(Change {
        field: Field::Phone,
        raw: text.into(),
        clean: n.e164.clone(),
        rule: if field == Field::Name {
            "phone.found_in_name"
        } else {
            "phone.found_in_address"
        },
    });
    if fax {
        record.clean.faxes.push(n);
    } else {
        record.clean.phones.push(n);
    }
}
