//! Pairs a person decided on the Review sheet, as matching applies them: a `same` pair
//! is joined whatever the data says, a `different` pair is never one customer (a veto
//! no chain of matches can get round), and neither is put on the Review sheet again.

use std::collections::{HashMap, HashSet};

use crate::record::{Choice, Decision, Record, RecordId, Side};

/// One decided pair, resolved to this run's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecidedPair {
    pub a: RecordId,
    pub b: RecordId,
    pub same: bool,
    /// Where the person decided it (`q1/master.xlsx [Review] row 5`).
    pub decided_in: String,
}

/// The decided pairs, indexed for clustering and for the sheets.
#[derive(Debug, Default)]
pub struct Decided<'a> {
    pub pairs: &'a [DecidedPair],
    /// Record -> the records it must never be one customer with.
    apart: HashMap<u32, Vec<u32>>,
    /// Record -> (the record a person joined it with, where it was decided).
    joined: HashMap<u32, (u32, &'a str)>,
}

impl<'a> Decided<'a> {
    pub fn new(pairs: &'a [DecidedPair]) -> Decided<'a> {
        let mut apart: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut joined = HashMap::new();
        for p in pairs.iter().filter(|p| p.a != p.b) {
            let (a, b) = (p.a.0, p.b.0);
            if p.same {
                joined.insert(b, (a, p.decided_in.as_str()));
                joined.entry(a).or_insert((b, p.decided_in.as_str()));
            } else {
                apart.entry(a).or_default().push(b);
                apart.entry(b).or_default().push(a);
            }
        }
        Decided { pairs, apart, joined }
    }

    /// The `same` pairs, as (a, b).
    pub fn same(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.pairs
            .iter()
            .filter(|p| p.same && p.a != p.b)
            .map(|p| (p.a.0, p.b.0))
    }

    /// True when some record of `group` was decided apart from a record whose cluster
    /// is `other` (`owner` gives each record's cluster).
    pub fn keeps_apart(&self, group: &[u32], other: u32, owner: &[u32]) -> bool {
        !self.apart.is_empty()
            && group.iter().any(|x| {
                self.apart
                    .get(x)
                    .is_some_and(|ys| ys.iter().any(|y| owner[*y as usize] == other))
            })
    }

    /// The record a person joined `record` with, and where, if any.
    pub fn joined_with(&self, record: u32) -> Option<(u32, &'a str)> {
        self.joined.get(&record).copied()
    }

    /// Every pair of customers a person decided on, by customer position, each pair
    /// with the lower first: these are never asked again.
    pub fn customer_pairs(&self, position: &[u32]) -> HashSet<(u32, u32)> {
        self.pairs
            .iter()
            .map(|p| {
                let (x, y) = (position[p.a.0 as usize], position[p.b.0 as usize]);
                (x.min(y), x.max(y))
            })
            .collect()
    }
}

/// Decisions as read, resolved to this run's records.
#[derive(Debug, Default)]
pub struct Resolved {
    pub pairs: Vec<DecidedPair>,
    /// Carried decisions whose customers are not in this run: kept as they were.
    pub kept: Vec<Decision>,
    /// New decisions that could not be applied, and why.
    pub notes: Vec<String>,
}

/// Finds the records of each decided pair: a side is last run's customer of that id
/// (`by_id`, with `--previous`), else the record read from the source row the Review
/// sheet showed. A newer decision on a pair replaces an older one; a decision from a
/// Review sheet replaces one carried on a Decisions sheet.
pub fn resolve(decisions: &[Decision], records: &[Record], by_id: &HashMap<String, RecordId>) -> Resolved {
    let by_source = source_index(decisions, records);
    let find = |side: &Side| {
        by_id
            .get(&side.customer_id)
            .or_else(|| by_source.get(side.source.as_str()))
            .copied()
    };
    let mut out = Resolved::default();
    let mut latest: HashMap<(RecordId, RecordId), usize> = HashMap::new();
    let mut ordered: Vec<&Decision> = decisions.iter().filter(|d| d.carried).collect();
    ordered.extend(decisions.iter().filter(|d| !d.carried));
    for d in ordered {
        let (Some(a), Some(b)) = (find(&d.a), find(&d.b)) else {
            if d.carried {
                out.kept.push(d.clone());
            } else {
                out.notes.push(format!(
                    "{}: decision on {} and {} not applied: {} not in this run",
                    d.decided_in,
                    d.a.customer_id,
                    d.b.customer_id,
                    if find(&d.a).is_none() {
                        &d.a.customer_id
                    } else {
                        &d.b.customer_id
                    }
                ));
            }
            continue;
        };
        let pair = DecidedPair {
            a,
            b,
            same: d.choice == Choice::Same,
            decided_in: d.decided_in.clone(),
        };
        match latest.get(&(a.min(b), a.max(b))) {
            Some(&i) => out.pairs[i] = pair,
            None => {
                latest.insert((a.min(b), a.max(b)), out.pairs.len());
                out.pairs.push(pair);
            }
        }
    }
    out
}

/// Source row -> record, for the rows the decisions name.
fn source_index(decisions: &[Decision], records: &[Record]) -> HashMap<String, RecordId> {
    let wanted: HashSet<&str> = decisions
        .iter()
        .flat_map(|d| [d.a.source.as_str(), d.b.source.as_str()])
        .filter(|s| !s.is_empty())
        .collect();
    if wanted.is_empty() {
        return HashMap::new();
    }
    records
        .iter()
        .filter_map(|r| {
            let origin = r.origin.to_string();
            wanted.contains(origin.as_str()).then_some((origin, r.id))
        })
        .collect()
}
