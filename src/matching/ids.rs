//! Keeping last run's customer ids (`clean --previous`): a customer that holds a row of
//! the previous master keeps that row's id, new customers continue the sequence, and the
//! customers are listed in id order. When this run finds that two earlier customers are
//! one, the lower id stays and the other is reported as merged into it.

use std::collections::HashMap;

use crate::record::matched::{Customer, Matched};
use crate::record::since::MergedId;
use crate::record::RecordId;

/// Gives every customer its id: the lowest previous id among its rows, else the next
/// new one. Returns the previous ids merged into others.
pub fn keep_ids(matched: &mut Matched, previous: &HashMap<RecordId, String>) -> Vec<MergedId> {
    let mut next = previous.values().filter_map(|id| number(id)).max().map_or(1, |n| n + 1);
    let mut merged = Vec::new();
    for customer in &mut matched.customers {
        let mut old: Vec<&String> = customer.members.iter().filter_map(|m| previous.get(m)).collect();
        old.sort_by_key(|id| order(id));
        old.dedup();
        match old.split_first() {
            Some((keep, rest)) => {
                customer.id = (*keep).clone();
                merged.extend(rest.iter().map(|o| MergedId {
                    old: (*o).clone(),
                    into: (*keep).clone(),
                }));
            }
            None => {
                customer.id = format!("C{next:06}");
                next += 1;
            }
        }
    }
    reorder(matched);
    merged.sort_by_key(|m| order(&m.old));
    merged
}

/// Customers in id order, with the record index and duplicates following them.
fn reorder(matched: &mut Matched) {
    let mut order_of: Vec<usize> = (0..matched.customers.len()).collect();
    order_of.sort_by_key(|i| order(&matched.customers[*i].id));
    let mut new_index = vec![0; order_of.len()];
    for (new, old) in order_of.iter().enumerate() {
        new_index[*old] = new;
    }
    let mut taken: Vec<Option<Customer>> = std::mem::take(&mut matched.customers).into_iter().map(Some).collect();
    matched.customers = order_of.iter().filter_map(|old| taken[*old].take()).collect();
    matched.index_members();
    for d in &mut matched.duplicates {
        d.customer = new_index[d.customer];
    }
    matched.duplicates.sort_by_key(|d| (d.customer, d.record));
}

/// The number in an id such as `C000123`.
fn number(id: &str) -> Option<u64> {
    let digits: String = id.chars().filter(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// Ids in numeric order, then as text.
fn order(id: &str) -> (u64, String) {
    (number(id).unwrap_or(u64::MAX), id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::matched::Duplicate;

    fn customer(id: &str, members: &[u32]) -> Customer {
        Customer {
            id: id.to_string(),
            members: members.iter().map(|m| RecordId(*m)).collect(),
            merged: None,
        }
    }

    #[test]
    fn previous_ids_stay_and_new_ones_continue() {
        let mut matched = Matched::new(
            vec![
                customer("C000001", &[5]),
                customer("C000002", &[0, 6]),
                customer("C000003", &[1]),
            ],
            vec![Duplicate {
                customer: 1,
                record: RecordId(6),
                matched_with: RecordId(0),
                score: 1.0,
                evidence: String::new(),
            }],
            Vec::new(),
        );
        let previous: HashMap<RecordId, String> = [
            (RecordId(0), "C000007".to_string()),
            (RecordId(1), "C000003".to_string()),
        ]
        .into();
        let merged = keep_ids(&mut matched, &previous);
        assert!(merged.is_empty());
        let ids: Vec<&str> = matched.customers.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["C000003", "C000007", "C000008"]);
        assert_eq!(matched.customer_of(RecordId(6)), Some(1));
        assert_eq!(matched.customers[matched.duplicates[0].customer].id, "C000007");
        assert_eq!(matched.customer_of(RecordId(5)), Some(2));
    }

    #[test]
    fn two_earlier_customers_found_to_be_one_keep_the_lower_id() {
        let mut matched = Matched::new(vec![customer("X", &[0, 1])], Vec::new(), Vec::new());
        let previous: HashMap<RecordId, String> = [
            (RecordId(0), "C000012".to_string()),
            (RecordId(1), "C000004".to_string()),
        ]
        .into();
        let merged = keep_ids(&mut matched, &previous);
        assert_eq!(matched.customers[0].id, "C000004");
        assert_eq!(
            merged,
            [MergedId {
                old: "C000012".into(),
                into: "C000004".into()
            }]
        );
    }
}
