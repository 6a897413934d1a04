//! Last run against this one (`clean --previous`): what last run said about a customer
//! (read reads it from its master), an earlier id found to be one customer with another
//! (matching finds it keeping the ids), and the "since last time" section the reports
//! render (`since::compare` counts it).

use std::collections::BTreeMap;

use serde::Serialize;

/// What last run said about one customer, kept to report what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Previous {
    pub customer_id: String,
    pub name: String,
    pub status: String,
    pub reason: String,
    pub phone: String,
    /// Every dialable number, as the master lists them (`+8613800138000; +86...;ext=2`).
    pub phones: Vec<String>,
}

/// An earlier id that now belongs to another customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergedId {
    pub old: String,
    pub into: String,
}

/// The "since last time" section of the reports.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SinceLastTime {
    pub previous_master: String,
    pub previous_customers: usize,
    pub previous_valid: usize,
    pub previous_invalid: usize,
    /// Customers with no row in the previous master.
    pub new_customers: usize,
    /// Previous customers that no input of this run mentions (kept all the same).
    pub not_seen: usize,
    /// `valid -> invalid (disconnected)` -> customers.
    pub status_changes: BTreeMap<String, usize>,
    pub changed_phones: usize,
    pub merged_ids: Vec<MergedId>,
    /// One line per changed customer.
    pub customers: Vec<CustomerChange>,
}

/// One customer's change.
#[derive(Debug, Clone, Serialize)]
pub struct CustomerChange {
    pub customer_id: String,
    pub name: String,
    /// `new`, `not_seen`, `status` or `phone`.
    pub change: &'static str,
    pub before: String,
    pub after: String,
}
