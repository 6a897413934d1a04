//! The data checks: what the numbers themselves say when no call and no remark decided.
//! No number at all, text that is not a number, numbers not valid in their numbering
//! plan, and a fax as the only number.

use super::{Status, Verdict};
use crate::record::matched::MergedView;
use crate::record::verdict::VerifiedBy;
use crate::record::Reason;

/// The verdict of the data checks on one customer.
pub fn by_data(m: MergedView) -> Verdict {
    let (reason, detail, evidence) = check(m);
    Verdict {
        status: if reason.is_some() {
            Status::Invalid
        } else {
            Status::Valid
        },
        reason,
        detail,
        evidence,
        verified_by: VerifiedBy::Data,
        outcome: None,
    }
}

fn check(m: MergedView) -> (Option<Reason>, String, String) {
    if !m.phones.is_empty() {
        let only_fax = m.phones.iter().all(|p| m.faxes.iter().any(|f| f.e164 == p.e164));
        if !only_fax {
            return (None, String::new(), String::new());
        }
        let nums: Vec<&str> = m.phones.iter().map(|p| p.e164.as_str()).collect();
        return (
            Some(Reason::Fax),
            "the only number is the record's fax number".to_string(),
            nums.join("; "),
        );
    }
    if let Some(bad) = m
        .bad_phones
        .iter()
        .find(|b| b.reason == Reason::InvalidNumber)
        .or_else(|| m.bad_phones.first())
    {
        let raws: Vec<&str> = m.bad_phones.iter().map(|b| b.raw.as_str()).collect();
        return (Some(bad.reason), bad.detail.clone(), raws.join("; "));
    }
    if !m.faxes.is_empty() {
        let nums: Vec<&str> = m.faxes.iter().map(|p| p.e164.as_str()).collect();
        return (
            Some(Reason::Fax),
            "only a fax number is on record".to_string(),
            nums.join("; "),
        );
    }
    (
        Some(Reason::NoPhone),
        "no phone number anywhere in the record".to_string(),
        String::new(),
    )
}
