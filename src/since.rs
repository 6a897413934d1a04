//! What changed since last quarter (`clean --previous`): new customers, customers this
//! quarter's lists no longer mention, status changes by reason, changed numbers, and
//! earlier ids found to be one customer. Compares last run's decisions, read from its
//! master, with this run's side tables; changes nothing.

use std::collections::HashMap;

use crate::record::matched::Matched;
use crate::record::since::{CustomerChange, MergedId, Previous, SinceLastTime};
use crate::record::verdict::{Status, Verdict};
use crate::record::{Reason, Record, RecordId};
use crate::text::LIST_SEPARATOR;

/// Compares last run's customers (`previous`, by the record that carried each) with
/// this run's.
pub fn compare(
    master: &str,
    previous: &HashMap<RecordId, Previous>,
    matched: &Matched,
    records: &[Record],
    verdicts: &[Verdict],
    merged_ids: Vec<MergedId>,
) -> SinceLastTime {
    let mut since = SinceLastTime {
        previous_master: master.to_string(),
        previous_customers: previous.len(),
        previous_valid: previous.values().filter(|p| p.status == "valid").count(),
        merged_ids,
        ..SinceLastTime::default()
    };
    since.previous_invalid = since.previous_customers - since.previous_valid;
    for (customer, verdict) in matched.customers.iter().zip(verdicts) {
        let before = customer
            .members
            .iter()
            .filter_map(|m| previous.get(m))
            .find(|p| p.customer_id == customer.id);
        let merged = customer.merged(records);
        let name = merged.value(crate::record::Field::Name).to_string();
        let mut change = |kind: &'static str, before: String, after: String| {
            since.customers.push(CustomerChange {
                customer_id: customer.id.clone(),
                name: name.clone(),
                change: kind,
                before,
                after,
            })
        };
        let Some(before) = before else {
            since.new_customers += 1;
            change(
                "new",
                String::new(),
                status_text(verdict.status.code(), verdict.reason.map(Reason::code)),
            );
            continue;
        };
        if customer.members.iter().all(|m| previous.contains_key(m)) {
            since.not_seen += 1;
            change("not_seen", String::new(), String::new());
        }
        let was = status_text(
            &before.status,
            Some(&before.reason).filter(|r| !r.is_empty()).map(|r| r.as_str()),
        );
        let now = status_text(verdict.status.code(), verdict.reason.map(Reason::code));
        if was != now {
            *since.status_changes.entry(format!("{was} -> {now}")).or_insert(0) += 1;
            change("status", was, now);
        }
        let now: Vec<String> = merged.phones.iter().map(|p| p.full()).collect();
        if phones_changed(before, &now) {
            since.changed_phones += 1;
            change("phone", before.phones.join(LIST_SEPARATOR), now.join(LIST_SEPARATOR));
        }
    }
    since
}

/// True when a customer's numbers are not the ones last run listed: one added, one
/// gone, or an extension changed. Order does not count.
fn phones_changed(before: &Previous, now: &[String]) -> bool {
    let mut was: Vec<&str> = before.phones.iter().map(String::as_str).collect();
    let mut is: Vec<&str> = now.iter().map(String::as_str).collect();
    was.sort_unstable();
    is.sort_unstable();
    !was.is_empty() && was != is
}

/// `valid`, or `invalid (no_answer)`.
fn status_text(status: &str, reason: Option<&str>) -> String {
    match reason {
        Some(r) if status == Status::Invalid.code() => format!("{status} ({r})"),
        _ => status.to_string(),
    }
}
