//! Classify: each customer valid or invalid, with a reason code and the evidence.
//!
//! Three sources decide, the first that has something to say winning: a call result
//! (the latest of the customer's results; `unreachable` after repeated failures), then
//! outcome words in the customer's remarks (备注), then the data checks on the numbers.
//! Where the remarks say what the data checks say, the data checks' evidence is kept.
//!
//! Reads customers, their records and the rows of the call sheets; writes one
//! [`Verdict`] per customer, a side table in the customers' order, and a
//! [`CallReport`] saying what became of every call result. Changes nothing it reads.

pub mod call_results;
mod data;
mod remarks;
pub mod rules;
pub mod vocabulary;

use crate::record::matched::Matched;
use crate::record::verdict::CallReport;
use crate::record::verdict::{Status, Verdict, VerifiedBy};
use crate::record::Record;
pub use call_results::CallRows;
use rules::Outcomes;
use vocabulary::Vocabulary;

/// `verified_by` of a customer decided by words in its remarks. The contract knows only
/// `call` and `data`; remarks are data the list itself holds.
pub const VERIFIED_BY_REMARKS: VerifiedBy = VerifiedBy::Data;

impl Verdict {
    /// The verdict an outcome of the vocabulary gives.
    fn from_outcome(outcome: &rules::Outcome, verified_by: VerifiedBy) -> Verdict {
        Verdict {
            status: if outcome.reason.is_some() {
                Status::Invalid
            } else {
                Status::Valid
            },
            reason: outcome.reason,
            detail: String::new(),
            evidence: String::new(),
            verified_by,
            outcome: Some(outcome.label.clone()),
        }
    }
}

/// Turns a written phone number into a key that two spellings of one number share
/// (the E.164 digits), or `None` when it is not a number.
pub type PhoneKey<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

/// What classify reads besides the customers.
pub struct Evidence<'a> {
    /// The records of the customer lists, indexed by record id.
    pub records: &'a [Record],
    /// The rows of the `--outcomes` files.
    pub call_rows: &'a CallRows,
    pub outcomes: &'a Outcomes,
    pub phone_key: &'a PhoneKey<'a>,
}

/// What classify hands over.
#[derive(Debug, Clone, Default)]
pub struct Classified {
    pub verdicts: Vec<Verdict>,
    pub calls: CallReport,
}

/// True when two verdicts say the same: then the data checks' verdict stands, since
/// the number it names is better evidence than a remark repeating it ("只有传真").
fn agree(a: &Verdict, b: &Verdict) -> bool {
    (a.status, a.reason) == (b.status, b.reason)
}

/// Classifies every customer: call result, else remarks, else the data checks.
pub fn classify(matched: &Matched, evidence: &Evidence) -> Classified {
    let vocabulary = Vocabulary::new(evidence.outcomes);
    let (mut results, calls) = call_results::resolve(matched, evidence, &vocabulary);
    let verdicts = matched
        .customers
        .iter()
        .zip(results.iter_mut())
        .map(|(customer, results)| {
            let data = data::by_data(customer.merged(evidence.records));
            call_results::decide(results, &vocabulary)
                .or_else(|| remarks::decide(customer, evidence.records, &vocabulary).filter(|r| !agree(r, &data)))
                .unwrap_or(data)
        })
        .collect();
    Classified { verdicts, calls }
}
