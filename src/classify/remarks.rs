//! Remarks (备注): outcome words written in a customer's own rows count where no call
//! result exists ("2023年回访：空号"). The first remark of the customer's rows, in member
//! order, that holds an outcome word decides. A cell listing several remarks (`停机; 老客户`,
//! as the master writes a merged customer's) is read part by part, so a customer's
//! remarks decide the same whether read from its rows or from last run's master.

use super::vocabulary::Vocabulary;
use super::{Verdict, VERIFIED_BY_REMARKS};
use crate::record::matched::Customer;
use crate::record::{Field, Record};
use crate::text::list_parts;

/// The verdict of a customer's remarks, `None` when no remark holds an outcome word.
pub fn decide(customer: &Customer, records: &[Record], vocabulary: &Vocabulary) -> Option<Verdict> {
    for member in &customer.members {
        let record = &records[member.0 as usize];
        for remark in record.raw_values(Field::Remarks).flat_map(list_parts) {
            if let Some(found) = vocabulary.in_remark(remark) {
                let mut verdict = Verdict::from_outcome(found.outcome, VERIFIED_BY_REMARKS);
                verdict.detail = format!("the remarks say {:?}", found.word);
                verdict.evidence = format!("{}: {remark}", record.origin);
                return Some(verdict);
            }
        }
    }
    None
}
