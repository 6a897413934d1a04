//! What classify decides and write renders: a verdict per customer (valid or invalid,
//! why, and how it was verified), and what became of the call results.

use serde::Serialize;

use super::Reason;

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
    /// A call, or the data (the checks, or the remarks).
    pub verified_by: VerifiedBy,
    /// The outcome label, where a call result or a remark decided.
    pub outcome: Option<String>,
}

/// How a customer's status was decided: the `verified_by` column's closed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VerifiedBy {
    /// A call result.
    Call,
    /// The data the lists hold: the data checks, or words in the remarks.
    Data,
}

impl VerifiedBy {
    /// Every value, in the order reports list them.
    pub const ALL: [VerifiedBy; 2] = [VerifiedBy::Call, VerifiedBy::Data];

    /// The value as the `verified_by` column and report.json write it.
    pub fn key(self) -> &'static str {
        match self {
            VerifiedBy::Call => "call",
            VerifiedBy::Data => "data",
        }
    }
}

/// What became of the call results (`call_results` in report.json).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CallReport {
    /// Rows with an outcome written in them.
    pub results: usize,
    /// Results matched to a customer and understood.
    pub applied: usize,
    pub matched_by_id: usize,
    pub matched_by_phone: usize,
    /// Rows of the outcome files with no outcome written (not called yet).
    pub without_outcome: usize,
    /// Customers with at least one applied result.
    pub customers_called: usize,
    pub files: Vec<CallFileReport>,
    /// Results that match no customer, and rows that hold neither id nor phone.
    pub unmatched: Vec<UnusedResult>,
    /// Results whose outcome is not in the vocabulary.
    pub unrecognized: Vec<UnusedResult>,
}

/// The call results of one file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CallFileReport {
    pub file: String,
    pub results: usize,
    pub applied: usize,
    pub unmatched: usize,
    pub unrecognized: usize,
    pub without_outcome: usize,
}

/// A call result that decided nothing, and why.
#[derive(Debug, Clone, Serialize)]
pub struct UnusedResult {
    pub source: String,
    pub customer_id: String,
    pub phone: String,
    pub outcome: String,
    pub why: String,
    /// `why` in Chinese, for the Chinese report.
    #[serde(skip)]
    pub why_zh: String,
}
