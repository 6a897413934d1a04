//! Rows that say the same thing: every clean value, number, fax, bad number and email
//! the same. They are one customer whatever the score says, as a spreadsheet's "remove
//! duplicates" would have them: nothing in the data tells them apart, and merging them
//! loses nothing (Lineage still lists every row). A row too thin to be matched (`刘洋,
//! 武汉`) written twice is one customer, not two.
//!
//! Unmapped columns are not compared: they are carried, never matched on.

use rayon::prelude::*;

use crate::record::Record;

/// Each row that is identical to an earlier one (in content order), paired with the
/// first row of its content: (first, row). Two rows of last run's master are never
/// paired: last run kept them apart.
pub fn identical_pairs(records: &[Record], rank: &[u32]) -> Vec<(u32, u32)> {
    let mut order: Vec<(u64, u32, u32)> = records
        .par_iter()
        .enumerate()
        .map(|(i, r)| (content_hash(r), rank[i], i as u32))
        .collect();
    order.par_sort_unstable();
    let mut pairs = Vec::new();
    for run in order.chunk_by(|x, y| x.0 == y.0).filter(|run| run.len() > 1) {
        // The first row of each distinct content in the run (a hash can collide).
        let mut firsts: Vec<u32> = Vec::new();
        for &(_, _, i) in run {
            let r = &records[i as usize];
            match firsts.iter().find(|f| same_content(&records[**f as usize], r)) {
                Some(&first) if !(records[first as usize].is_from_master() && r.is_from_master()) => {
                    pairs.push((first, i))
                }
                Some(_) => {}
                None => firsts.push(i),
            }
        }
    }
    pairs
}

/// A hash of everything [`same_content`] compares.
fn content_hash(r: &Record) -> u64 {
    let mut h = 0u64;
    let mut add = |part: &str| h = h.rotate_left(5) ^ super::features::hash(b'i', part);
    for (field, value) in r.clean.values.iter() {
        add(field.key());
        add(value);
    }
    add(&r.clean.title);
    for p in r.clean.phones.iter().chain(&r.clean.faxes) {
        add(&p.e164);
        add(p.extension.as_deref().unwrap_or(""));
    }
    for b in &r.clean.bad_phones {
        add(&b.raw);
    }
    for e in &r.clean.emails {
        add(e);
    }
    h
}

/// True when two rows hold the same clean values, title, numbers (with extensions),
/// faxes, bad numbers and emails.
fn same_content(a: &Record, b: &Record) -> bool {
    let (x, y) = (&a.clean, &b.clean);
    let numbers = |l: &[crate::record::PhoneNumber], m: &[crate::record::PhoneNumber]| {
        l.len() == m.len()
            && l.iter()
                .zip(m)
                .all(|(p, q)| p.e164 == q.e164 && p.extension == q.extension)
    };
    x.values.iter().eq(y.values.iter())
        && x.title == y.title
        && numbers(&x.phones, &y.phones)
        && numbers(&x.faxes, &y.faxes)
        && x.bad_phones
            .iter()
            .map(|p| &p.raw)
            .eq(y.bad_phones.iter().map(|p| &p.raw))
        && x.emails == y.emails
}
