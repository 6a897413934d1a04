//! Matching: which records are the same customer, and the merged customer of each group.
//!
//! Reads normalized records and writes side tables only ([`Customer`], duplicates,
//! review pairs); records are never changed. Customer ids depend on the records'
//! content, not on their order, so shuffled input gives the same ids.

pub mod ids;
pub mod merge;

use std::collections::HashMap;

use crate::record::{Record, RecordId};
pub use merge::Merged;

/// One real customer: the records that are it, and their merged values.
#[derive(Debug, Clone)]
pub struct Customer {
    /// `C000001`, ...
    pub id: String,
    /// Member records, the representative first.
    pub members: Vec<RecordId>,
    pub merged: Merged,
}

/// An input row merged into a customer whose representative is another row.
#[derive(Debug, Clone)]
pub struct Duplicate {
    pub customer: usize,
    pub record: RecordId,
    pub score: f64,
    /// Per-field evidence: `phone: same +8613800138000; name: 张三 ~ 张 三 (0.97)`.
    pub evidence: String,
}

/// A pair that might be one customer, for a person to decide.
#[derive(Debug, Clone)]
pub struct ReviewPair {
    pub a: RecordId,
    pub b: RecordId,
    pub score: f64,
    pub evidence: String,
}

/// What matching found.
#[derive(Debug, Clone, Default)]
pub struct Matched {
    pub customers: Vec<Customer>,
    pub duplicates: Vec<Duplicate>,
    pub review: Vec<ReviewPair>,
    /// Record -> index of its customer in `customers`.
    pub customer_index: HashMap<RecordId, usize>,
}

/// Groups records into customers. Each group is given its id in the order of a
/// content key, so the same records give the same ids whatever their order.
pub fn match_records(records: &[Record]) -> Matched {
    let groups: Vec<Vec<RecordId>> = records.iter().map(|r| vec![r.id]).collect();
    build(records, groups, Vec::new(), Vec::new())
}

/// Turns groups of record ids into customers with stable ids.
pub fn build(
    records: &[Record],
    groups: Vec<Vec<RecordId>>,
    mut duplicates: Vec<Duplicate>,
    review: Vec<ReviewPair>,
) -> Matched {
    let mut keyed: Vec<(String, Vec<RecordId>)> = groups
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|mut g| {
            g.sort_by_key(|id| content_key(&records[id.0 as usize]));
            (content_key(&records[g[0].0 as usize]), g)
        })
        .collect();
    keyed.sort();
    let mut position = HashMap::new();
    let customers: Vec<Customer> = keyed
        .into_iter()
        .enumerate()
        .map(|(i, (_, members))| {
            for m in &members {
                position.insert(*m, i);
            }
            Customer {
                id: format!("C{:06}", i + 1),
                merged: merge::merge(records, &members),
                members,
            }
        })
        .collect();
    for d in &mut duplicates {
        if let Some(p) = position.get(&d.record) {
            d.customer = *p;
        }
    }
    duplicates.sort_by_key(|d| (d.customer, d.record));
    Matched {
        customers,
        duplicates,
        review,
        customer_index: position,
    }
}

/// A key of a record's content that orders customers the same in every run: the
/// identifying values first, the origin only to break exact ties.
fn content_key(r: &Record) -> String {
    let c = &r.clean;
    let phone = c.phones.first().map_or("", |p| p.e164.as_str());
    let email = c.emails.first().map_or("", |e| e.as_str());
    let raw: Vec<&str> = r.raw.iter().map(|(_, v)| v.as_str()).collect();
    format!(
        "{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}",
        c.name_key,
        c.company_key,
        phone,
        email,
        raw.join("\u{2}")
    )
}
