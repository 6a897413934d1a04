//! Normalize: every field of every record made clean, or the reason it cannot be, with
//! every change logged (field, raw, clean, rule) so nothing is lost.
//!
//! Works record by record, in parallel; reads only `raw` and writes only `clean`,
//! `changes` and `issues`. Knows nothing of files, matching or verdicts. The field
//! normalizers are pure functions in the submodules; this file only dispatches.

pub mod cleaned;
pub mod company;
pub mod date;
pub mod email;
pub mod id_card;
pub mod memo;
pub mod name;
pub mod phone;
pub mod postcode;
pub mod record_phones;
pub mod rules;
pub mod sex;

use rayon::prelude::*;

use crate::record::{Cells, Change, Field, Issue, Record, Values};
use crate::text::{self, hanzi};
use cleaned::Cleaned;
use rules::NormalizeRules;

/// What normalizing needs besides the records.
pub struct Settings<'a> {
    pub rules: &'a NormalizeRules,
    /// Default region for numbers written without a country (`CN`).
    pub region: String,
}

/// Normalizes every record in place. The records are cut into a few chunks per worker
/// thread, each with its own memo, so a value repeated across the list is cleaned about
/// once per chunk.
pub fn normalize(records: &mut [Record], settings: &Settings) {
    let chunks = rayon::current_num_threads() * 4;
    let size = records.len().div_ceil(chunks).max(1);
    records.par_chunks_mut(size).for_each(|chunk| {
        let mut memo = Memo::default();
        chunk.iter_mut().for_each(|r| normalize_record(r, settings, &mut memo))
    });
}

/// What one chunk's worker remembers of values it has cleaned.
#[derive(Default)]
pub struct Memo {
    phones: record_phones::Cache,
    places: record_phones::Places,
    companies: memo::Table<(Cleaned, String)>,
    dates: memo::Table<Cleaned>,
}

/// Fills one record's clean values, changes and issues from its raw cells.
pub fn normalize_record(record: &mut Record, settings: &Settings, memo: &mut Memo) {
    // The record's numbering plan, read once from its raw cells before they are taken.
    let region = record_phones::record_region(
        record,
        &settings.region,
        settings.rules,
        &mut memo.phones,
        &mut memo.places,
    );
    let raw = std::mem::take(&mut record.raw);
    let mut values = Draft::of(&record.clean.values);
    let mut id = None;
    for (field, value) in raw.iter() {
        if field == Field::IdNumber {
            let (cleaned, info) = id_card::clean_id(value);
            id = id.or(info.filter(|_| !values.contains(field)));
            apply(record, &mut values, field, value, cleaned);
        } else {
            normalize_field(record, &mut values, field, value, &region, settings, memo);
        }
    }
    if !values.contains(Field::Name) {
        combine_split_name(record, &mut values, &raw);
    }
    if let Some(number) = raw.get(Field::StreetNumber) {
        join_street_number(record, &mut values, number);
    }
    record.clean.values = values.into_values();
    record.raw = raw;
    record_phones::normalize_phones(record, &region, &settings.region, settings.rules, &mut memo.phones);
    derive_keys(record);
    if let Some(info) = id {
        check_id_against_record(record, &info);
    }
    shrink(record);
}

/// Gives back the spare capacity of a record's lists: a million records keep them until
/// the end of the run.
fn shrink(record: &mut Record) {
    record.changes.shrink_to_fit();
    record.issues.shrink_to_fit();
    let c = &mut record.clean;
    c.phones.shrink_to_fit();
    c.faxes.shrink_to_fit();
    c.bad_phones.shrink_to_fit();
    c.emails.shrink_to_fit();
}

fn normalize_field(
    record: &mut Record,
    values: &mut Draft,
    field: Field,
    raw: &str,
    region: &str,
    settings: &Settings,
    memo: &mut Memo,
) {
    let rules = settings.rules;
    match field {
        Field::Name => {
            let without_numbers = record_phones::strip_numbers(raw, region, rules);
            let (mut cleaned, person) = name::clean_name(without_numbers.as_deref().unwrap_or(raw));
            if without_numbers.is_some() && !cleaned.value.is_empty() {
                cleaned.rule = Some("name.phone_removed");
            }
            if !person.title.is_empty() && record.clean.title.is_empty() {
                record.clean.title = person.title.into();
            }
            apply(record, values, field, raw, cleaned);
        }
        Field::FamilyName | Field::GivenName | Field::StreetNumber => {}
        Field::Company => {
            let (cleaned, key) = memo
                .companies
                .get_or(raw, || company::clean_company(raw, &rules.company));
            if record.clean.company_key.is_empty() && !key.is_empty() {
                record.clean.company_key = hanzi::simplify(&key).into();
            }
            apply(record, values, field, raw, cleaned)
        }
        Field::Email => clean_emails(record, values, raw, settings),
        Field::FillDate | Field::BirthDate | Field::CallDate => {
            let cleaned = memo.dates.get_or(raw, || date::clean_date(raw));
            apply(record, values, field, raw, cleaned)
        }
        Field::Sex => apply(record, values, field, raw, sex::clean_sex(raw)),
        Field::Postcode => apply(
            record,
            values,
            field,
            raw,
            postcode::clean_postcode(raw, &settings.region),
        ),
        Field::Mobile | Field::Landline | Field::Phone | Field::Fax => {}
        Field::Remarks => append(record, values, field, raw, tidy(raw)),
        _ => apply(record, values, field, raw, tidy(raw)),
    }
}

/// A plain text field: full-width folded, white space collapsed.
fn tidy(raw: &str) -> Cleaned {
    Cleaned::new(raw, text::tidy(raw), "text.tidy")
}

/// Records a normalizer's result: the value (first one wins for single fields), the
/// change and the issue.
fn apply(record: &mut Record, values: &mut Draft, field: Field, raw: &str, cleaned: Cleaned) {
    log(record, field, raw, &cleaned);
    if !cleaned.value.is_empty() && !values.contains(field) {
        values.insert(field, cleaned.value);
    }
}

/// Records a value of a field that keeps every value (two remark columns): joined to
/// the earlier ones, each distinct value once.
fn append(record: &mut Record, values: &mut Draft, field: Field, raw: &str, cleaned: Cleaned) {
    log(record, field, raw, &cleaned);
    if cleaned.value.is_empty() {
        return;
    }
    let joined = match values.get(field) {
        Some(before) => text::join_distinct([before, cleaned.value.as_str()]),
        None => text::join_distinct([cleaned.value.as_str()]),
    };
    values.insert(field, joined);
}

/// Logs a normalizer's change and issue.
fn log(record: &mut Record, field: Field, raw: &str, cleaned: &Cleaned) {
    if let Some(rule) = cleaned.rule {
        record.changes.push(Change {
            field,
            raw: raw.into(),
            clean: cleaned.value.as_str().into(),
            rule,
        });
    }
    if let Some(issue) = &cleaned.issue {
        record.issues.push(Issue {
            field,
            code: issue.code,
            detail: issue.detail.clone(),
        });
    }
}

/// Every address in an email cell, each checked and corrected.
fn clean_emails(record: &mut Record, values: &mut Draft, raw: &str, settings: &Settings) {
    for (part, cleaned) in email::clean_cell(raw, &settings.rules.email) {
        log(record, Field::Email, &part, &cleaned);
        if !cleaned.value.is_empty()
            && !record
                .clean
                .emails
                .iter()
                .any(|e| e.eq_ignore_ascii_case(&cleaned.value))
        {
            record.clean.emails.push(cleaned.value.into());
        }
    }
    if let Some(first) = record.clean.emails.first().filter(|_| !values.contains(Field::Email)) {
        values.insert(Field::Email, first.to_string());
    }
}

/// `First Name` + `Last Name` (or 姓 + 名) columns make the name.
fn combine_split_name(record: &mut Record, values: &mut Draft, raw: &Cells) {
    let part = |f: Field| raw.get(f).unwrap_or("");
    let (family, given) = (part(Field::FamilyName), part(Field::GivenName));
    if family.is_empty() && given.is_empty() {
        return;
    }
    let joined = name::combine_names(&text::tidy(family), &text::tidy(given));
    let (cleaned, person) = name::clean_name(&joined);
    if !person.title.is_empty() && record.clean.title.is_empty() {
        record.clean.title = person.title.into();
    }
    let value = cleaned.value.clone();
    if !value.is_empty() {
        record.changes.push(Change {
            field: Field::Name,
            raw: format!("{family} | {given}").into(),
            clean: value.as_str().into(),
            rule: "name.combine",
        });
        values.insert(Field::Name, value);
    }
}

/// A street number column joins the address, as a person reads the row: before a
/// Latin address (`7 wallaby place`), after a Chinese one with 号 (`中关村大街15号`).
fn join_street_number(record: &mut Record, values: &mut Draft, number: &str) {
    let number = text::tidy(number);
    if number.is_empty() {
        return;
    }
    let address = values.get(Field::Address).unwrap_or("").to_string();
    let joined = if address.is_empty() {
        number.clone()
    } else if address.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
        let suffix = if number.bytes().all(|b| b.is_ascii_digit()) {
            "号"
        } else {
            ""
        };
        format!("{address}{number}{suffix}")
    } else {
        format!("{number} {address}")
    };
    record.changes.push(Change {
        field: Field::Address,
        raw: format!("{number} | {address}").into(),
        clean: joined.as_str().into(),
        rule: "address.street_number",
    });
    values.insert(Field::Address, joined);
}

/// A record's clean values while it is normalized: set one by one here, then packed
/// once into [`Values`] (which keeps a record's texts in one allocation, so setting a
/// value there copies all the others).
struct Draft(Vec<(Field, String)>);

impl Draft {
    fn of(values: &Values) -> Draft {
        Draft(values.iter().map(|(f, v)| (f, v.to_string())).collect())
    }

    fn get(&self, field: Field) -> Option<&str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, v)| v.as_str())
    }

    fn contains(&self, field: Field) -> bool {
        self.0.iter().any(|(f, _)| *f == field)
    }

    /// Sets a field's value, replacing any earlier one.
    fn insert(&mut self, field: Field, value: String) {
        match self.0.iter_mut().find(|(f, _)| *f == field) {
            Some(slot) => slot.1 = value,
            None => self.0.push((field, value)),
        }
    }

    fn into_values(self) -> Values {
        self.0.iter().map(|(f, v)| (*f, v.as_str())).collect()
    }
}

/// The name's match key, traditional characters folded to simplified (the company's is
/// set with the company).
fn derive_keys(record: &mut Record) {
    let c = &mut record.clean;
    if let Some(n) = c.values.get(Field::Name) {
        c.name_key = crate::text::keys::name_key(n).into();
    }
}

/// An ID number's sex and birth date against the record's own columns.
fn check_id_against_record(record: &mut Record, info: &id_card::IdInfo) {
    let sex = record.clean.values.get(Field::Sex).and_then(sex::parse_sex);
    let birth = record.clean.values.get(Field::BirthDate);
    for issue in id_card::check_against(info, sex, birth) {
        record.issues.push(Issue {
            field: Field::IdNumber,
            code: issue.code,
            detail: issue.detail,
        });
    }
}
