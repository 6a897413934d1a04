//! Normalize: every field of every record made clean, or the reason it cannot be, with
//! every change logged (field, raw, clean, rule) so nothing is lost.
//!
//! Works record by record, in parallel; reads only `raw` and writes only `clean`,
//! `changes` and `issues`. Knows nothing of files, matching or verdicts.

pub mod hanzi;
pub mod text;

use rayon::prelude::*;

use crate::record::{Change, Field, Record};
use crate::rules::Rules;

/// What normalizing needs besides the records.
pub struct Settings<'a> {
    pub rules: &'a Rules,
    /// Default region for numbers written without a country (`CN`).
    pub region: String,
}

/// Normalizes every record in place.
pub fn normalize(records: &mut [Record], settings: &Settings) {
    records
        .par_chunks_mut(2048)
        .for_each(|chunk| chunk.iter_mut().for_each(|r| normalize_record(r, settings)));
}

fn normalize_record(record: &mut Record, settings: &Settings) {
    let _ = settings;
    let mut changes = Vec::new();
    let raw = std::mem::take(&mut record.raw);
    for (field, value) in &raw {
        match field {
            Field::Email => {
                for e in value.split([';', ',', '/', '、', '，', ' ']) {
                    let e = text::tidy(e);
                    if !e.is_empty() && !record.clean.emails.contains(&e) {
                        record.clean.emails.push(e);
                    }
                }
            }
            Field::Mobile | Field::Landline | Field::Phone | Field::Fax => {}
            Field::FamilyName | Field::GivenName => {}
            _ => set_text(record, *field, value, &mut changes),
        }
    }
    record.raw = raw;
    record.changes = changes;
}

/// A plain text field: tidied (full-width folded, white space collapsed).
fn set_text(record: &mut Record, field: Field, raw: &str, changes: &mut Vec<Change>) {
    let clean = text::tidy(raw);
    if clean != raw.trim() {
        changes.push(Change {
            field,
            raw: raw.to_string(),
            clean: clean.clone(),
            rule: "text.tidy",
        });
    }
    if !clean.is_empty() {
        record.clean.values.entry(field).or_insert(clean);
    }
}
