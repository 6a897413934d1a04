//! Merging the records of one customer into one row: per field the value most records
//! agree on, then the most recent (by fill date), then the most complete; every distinct
//! phone, fax and email kept.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::record::{BadPhone, Field, PhoneNumber, Record, RecordId};

/// The merged values of one customer.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    pub values: BTreeMap<Field, String>,
    pub title: String,
    pub phones: Vec<PhoneNumber>,
    pub faxes: Vec<PhoneNumber>,
    pub bad_phones: Vec<BadPhone>,
    pub emails: Vec<String>,
    /// Unmapped columns: header -> value (first non-empty wins).
    pub extras: Vec<(Arc<str>, String)>,
}

impl Merged {
    pub fn value(&self, field: Field) -> &str {
        self.values.get(&field).map_or("", |v| v.as_str())
    }
}

/// Merges the member records (representative first).
pub fn merge(records: &[Record], members: &[RecordId]) -> Merged {
    let rows: Vec<&Record> = members.iter().map(|id| &records[id.0 as usize]).collect();
    let mut merged = Merged::default();
    let fields: std::collections::BTreeSet<Field> = rows.iter().flat_map(|r| r.clean.values.keys().copied()).collect();
    for field in fields {
        if let Some(v) = pick(&rows, field) {
            merged.values.insert(field, v);
        }
    }
    merged.title = rows
        .iter()
        .map(|r| r.clean.title.as_str())
        .find(|t| !t.is_empty())
        .unwrap_or("")
        .to_string();
    for r in &rows {
        push_phones(&mut merged.phones, &r.clean.phones);
        push_phones(&mut merged.faxes, &r.clean.faxes);
        for b in &r.clean.bad_phones {
            if !merged.bad_phones.iter().any(|x| x.raw == b.raw) {
                merged.bad_phones.push(b.clone());
            }
        }
        for e in &r.clean.emails {
            if !merged.emails.contains(e) {
                merged.emails.push(e.clone());
            }
        }
        for (h, v) in &r.extras {
            if !merged.extras.iter().any(|(x, _)| x == h) {
                merged.extras.push((h.clone(), v.clone()));
            }
        }
    }
    merged.phones.sort_by_key(|p| phone_rank(p.kind));
    merged
}

/// Mobile numbers first, then landlines, then the rest (stable within a kind).
fn phone_rank(kind: &str) -> u8 {
    match kind {
        "mobile" => 0,
        "fixed_line_or_mobile" => 1,
        "fixed_line" => 2,
        _ => 3,
    }
}

fn push_phones(into: &mut Vec<PhoneNumber>, from: &[PhoneNumber]) {
    for p in from {
        if !into.iter().any(|x| x.e164 == p.e164 && x.extension == p.extension) {
            into.push(p.clone());
        }
    }
}

/// The value of a field most rows agree on; ties go to the most recent fill date, then
/// the longest value, then the representative's order.
fn pick(rows: &[&Record], field: Field) -> Option<String> {
    let mut tally: Vec<(&str, usize, &str, usize)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(v) = r.clean.values.get(&field) else {
            continue;
        };
        let date = r.clean.value(Field::FillDate);
        match tally.iter_mut().find(|(x, ..)| *x == v.as_str()) {
            Some(t) => {
                t.1 += 1;
                if date > t.2 {
                    t.2 = date;
                }
            }
            None => tally.push((v.as_str(), 1, date, i)),
        }
    }
    tally
        .into_iter()
        .max_by(|a, b| {
            (a.1, a.2, a.0.chars().count(), std::cmp::Reverse(a.3)).cmp(&(
                b.1,
                b.2,
                b.0.chars().count(),
                std::cmp::Reverse(b.3),
            ))
        })
        .map(|t| t.0.to_string())
}
