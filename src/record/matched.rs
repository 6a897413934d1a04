//! What matching found, as the later steps read it: the customers (their member records
//! and merged values), the rows merged into another as duplicates, the pairs left for a
//! person to review, and the model matching scored with. Matching builds it (see
//! `matching::match_records`); classify, `since` and write only read it.

use std::sync::Arc;

use serde::Serialize;

use super::{BadPhone, Field, List, PhoneNumber, Record, RecordId, Text, Values};

/// One real customer: the records that are it, and their merged values.
#[derive(Debug, Clone)]
pub struct Customer {
    /// `C000001`, ...
    pub id: String,
    /// Member records, the representative first.
    pub members: Vec<RecordId>,
    /// The merge of several members; `None` for one, which is its own merge.
    pub merged: Option<Box<Merged>>,
}

static NO_VALUES: std::sync::LazyLock<Merged> = std::sync::LazyLock::new(Merged::default);

impl Customer {
    /// The customer's values (see [`MergedView`]).
    pub fn merged<'a>(&'a self, records: &'a [Record]) -> MergedView<'a> {
        match (&self.merged, self.members.first()) {
            (Some(m), _) => m.view(),
            (None, Some(only)) => MergedView::of_record(&records[only.0 as usize]),
            // Every customer has a member; a view must exist all the same.
            (None, None) => NO_VALUES.view(),
        }
    }
}

/// An input row merged into a customer whose representative is another row.
#[derive(Debug, Clone)]
pub struct Duplicate {
    pub customer: usize,
    pub record: RecordId,
    /// The record it was matched with most strongly (the representative, or the member
    /// that linked it).
    pub matched_with: RecordId,
    pub score: f64,
    /// Per-field evidence: `name: exact (张三 | 张 三) +9.5; phone: exact (+8613800138000) +16.3`.
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
    /// Index of each record's customer in `customers`, by record index (see
    /// [`Matched::customer_of`]).
    customer_index: Vec<u32>,
    /// Seconds spent in each step, in order (for benchmarks).
    pub timings: Vec<(&'static str, f64)>,
    /// How many pairs blocking gave to compare.
    pub pairs_compared: usize,
    /// The model matching used: learned from the list, or the priors.
    pub model: ModelReport,
}

/// In `customer_index`: a record of no customer (only in lists built by hand).
const NONE: u32 = u32::MAX;

impl Matched {
    /// The customers, duplicates and review pairs, with every record indexed by its
    /// customer.
    pub fn new(customers: Vec<Customer>, duplicates: Vec<Duplicate>, review: Vec<ReviewPair>) -> Matched {
        let mut matched = Matched {
            customers,
            duplicates,
            review,
            ..Matched::default()
        };
        matched.index_members();
        matched
    }

    /// The index in `customers` of a record's customer.
    pub fn customer_of(&self, record: RecordId) -> Option<usize> {
        let c = *self.customer_index.get(record.0 as usize)?;
        (c != NONE).then_some(c as usize)
    }

    /// Indexes every record by the customer whose member it is (again, after the
    /// customers were reordered).
    pub fn index_members(&mut self) {
        let records = self.customers.iter().flat_map(|c| &c.members).map(|m| m.0 as usize + 1);
        self.customer_index = vec![NONE; records.max().unwrap_or(0)];
        for (i, c) in self.customers.iter().enumerate() {
            for m in &c.members {
                self.customer_index[m.0 as usize] = i as u32;
            }
        }
    }
}

/// The merged values of a customer of several records.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    pub values: Values,
    pub title: Text,
    pub phones: List<PhoneNumber>,
    pub faxes: List<PhoneNumber>,
    pub bad_phones: List<BadPhone>,
    pub emails: List<Text>,
    /// Unmapped columns: header -> every distinct value of the members, joined.
    pub extras: List<(Arc<str>, Text)>,
}

impl Merged {
    pub fn view(&self) -> MergedView<'_> {
        MergedView {
            values: &self.values,
            title: &self.title,
            phones: &self.phones,
            faxes: &self.faxes,
            bad_phones: &self.bad_phones,
            emails: &self.emails,
            extras: &self.extras,
        }
    }
}

/// A customer's values, borrowed from its [`Merged`] or, for a customer of one record,
/// from that record itself (normalize leaves a record's numbers and emails without
/// repeats and best first, and read gives its unmapped columns distinct headers, so the
/// record is its own merge and is not copied).
#[derive(Debug, Clone, Copy)]
pub struct MergedView<'a> {
    pub values: &'a Values,
    pub title: &'a str,
    pub phones: &'a [PhoneNumber],
    pub faxes: &'a [PhoneNumber],
    pub bad_phones: &'a [BadPhone],
    pub emails: &'a [Text],
    pub extras: &'a [(Arc<str>, Text)],
}

impl<'a> MergedView<'a> {
    /// The values of a customer of this one record.
    pub fn of_record(r: &'a Record) -> MergedView<'a> {
        let c = &r.clean;
        MergedView {
            values: &c.values,
            title: &c.title,
            phones: &c.phones,
            faxes: &c.faxes,
            bad_phones: &c.bad_phones,
            emails: &c.emails,
            extras: &r.extras,
        }
    }

    pub fn value(&self, field: Field) -> &'a str {
        self.values.get(field).unwrap_or("")
    }
}

/// What learning did, for the reports: the model used, field by field.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ModelReport {
    /// The earlier run whose learned model was used again, if one was.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reused_from: String,
    /// True when the weights were learned from this list; false when the priors
    /// (`match.toml`) were used as they are.
    pub learned: bool,
    /// Why the priors were kept, when they were.
    pub note: String,
    pub candidate_pairs: usize,
    pub random_pairs: usize,
    /// Candidate pairs counted as one customer in the last round.
    pub matches: f64,
    pub fields: Vec<FieldReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldReport {
    pub field: &'static str,
    pub group: &'static str,
    pub levels: Vec<LevelReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelReport {
    pub level: &'static str,
    pub m: f64,
    pub u: f64,
    /// log2(m / u): what this level adds to a pair's score.
    pub weight: f64,
    pub prior_weight: f64,
}
