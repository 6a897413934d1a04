//! Classify: each customer valid or invalid, with a reason code and the evidence.
//!
//! Reads merged customers; writes one [`Verdict`] per customer, as a side table in the
//! customers' order. The data checks decide here: no number at all, numbers that are not
//! numbers, numbers not valid in their numbering plan, and a fax as the only number.

use crate::matching::Customer;
use crate::record::Reason;

/// valid or invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Valid,
    Invalid,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Invalid => "invalid",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Status::Valid => "有效",
            Status::Invalid => "无效",
        }
    }
}

/// The decision on one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub status: Status,
    pub reason: Option<Reason>,
    /// A sentence for people: what exactly was wrong.
    pub detail: String,
    /// The values the decision rests on.
    pub evidence: String,
    /// `data` or `call`.
    pub verified_by: &'static str,
    /// The call outcome label, where a call decided.
    pub outcome: Option<String>,
}

/// Classifies every customer by the data checks.
pub fn classify(customers: &[Customer]) -> Vec<Verdict> {
    customers.iter().map(by_data).collect()
}

fn by_data(c: &Customer) -> Verdict {
    let m = &c.merged;
    let (reason, detail, evidence) = if !m.phones.is_empty() {
        let only_fax = m.phones.iter().all(|p| m.faxes.iter().any(|f| f.e164 == p.e164));
        if only_fax {
            let nums: Vec<String> = m.phones.iter().map(|p| p.e164.clone()).collect();
            (
                Some(Reason::Fax),
                "the only number is the record's fax number".to_string(),
                nums.join("; "),
            )
        } else {
            (None, String::new(), String::new())
        }
    } else if let Some(bad) = m
        .bad_phones
        .iter()
        .find(|b| b.reason == Reason::InvalidNumber)
        .or_else(|| m.bad_phones.first())
    {
        let raws: Vec<&str> = m.bad_phones.iter().map(|b| b.raw.as_str()).collect();
        (Some(bad.reason), bad.detail.clone(), raws.join("; "))
    } else if !m.faxes.is_empty() {
        let nums: Vec<String> = m.faxes.iter().map(|p| p.e164.clone()).collect();
        (
            Some(Reason::Fax),
            "only a fax number is on record".to_string(),
            nums.join("; "),
        )
    } else {
        (
            Some(Reason::NoPhone),
            "no phone number anywhere in the record".to_string(),
            String::new(),
        )
    };
    Verdict {
        status: if reason.is_some() {
            Status::Invalid
        } else {
            Status::Valid
        },
        reason,
        detail,
        evidence,
        verified_by: "data",
        outcome: None,
    }
}
