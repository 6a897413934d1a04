//! Matching: which records are the same customer, and the merged customer of each group.
//!
//! ```text
//! records --features--> Features --block--> candidate pairs --compare/score--> scored pairs
//!         --cluster--> groups --merge--> Customers, Duplicates (with evidence), Review pairs
//! ```
//!
//! - [`features`]: what is compared, taken once per record; shared numbers found.
//! - [`block`]: the pairs worth comparing, never all pairs.
//! - [`compare`]: the agreement level of each field.
//! - [`score`]: Fellegi-Sunter weights from `rules/match.toml`, vetoes, evidence text.
//! - [`cluster`]: groups without chaining.
//! - [`merge`]: one row per customer by the merge rules.
//!
//! Reads normalized records and writes side tables only; records are never changed.
//! Every decision and every id depends on the records' content, not on their order, so
//! shuffled input gives the same customers and ids.

pub mod block;
pub mod cluster;
pub mod compare;
pub mod features;
pub mod merge;
pub mod romanize;
pub mod rules;
pub mod score;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::record::{Record, RecordId};
use cluster::Edge;
use features::Features;
pub use merge::Merged;
pub use rules::MatchRules;

/// One real customer: the records that are it, and their merged values.
#[derive(Debug, Clone)]
pub struct Customer {
    /// `C000001`, ...
    pub id: String,
    /// Member records, the representative first.
    pub members: Vec<RecordId>,
    pub merged: Merged,
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
    /// Record -> index of its customer in `customers`.
    pub customer_index: HashMap<RecordId, usize>,
}

/// A compared pair at or above the review threshold.
#[derive(Debug, Clone, Copy)]
struct Scored {
    a: u32,
    b: u32,
    score: f64,
    vetoed: bool,
}

/// Groups records into customers, merges each group and explains every merge.
pub fn match_records(records: &[Record], rules: &MatchRules) -> Matched {
    let t = std::time::Instant::now();
    let features = features::extract(records, rules);
    eprintln!("TT features {:?}", t.elapsed());
    let rank = content_ranks(records, &features);
    eprintln!("TT rank {:?}", t.elapsed());
    let pairs = block::candidate_pairs(&features, &rank, rules);
    eprintln!("TT pairs {:?} {}", t.elapsed(), pairs.len());
    let scored = score_pairs(&pairs, &features, rules);
    eprintln!("TT scored {:?} {}", t.elapsed(), scored.len());
    drop(pairs);
    let edges: Vec<Edge> = scored
        .iter()
        .filter(|s| !s.vetoed && s.score >= rules.merge_threshold)
        .map(|s| Edge {
            a: s.a,
            b: s.b,
            score: s.score,
        })
        .collect();
    let may_pair = |x: u32, y: u32| {
        let (a, b) = (&features[x as usize], &features[y as usize]);
        !score::score(&compare::compare(a, b), a, b, rules).vetoed
    };
    let groups = cluster::cluster(records.len(), edges, &rank, may_pair);
    eprintln!("TT cluster {:?}", t.elapsed());
    let m = build(records, &features, &rank, groups, &scored, rules);
    eprintln!("TT build {:?}", t.elapsed());
    m
}

/// Scores every candidate pair in parallel; keeps those at or above the review
/// threshold.
fn score_pairs(pairs: &[block::Pair], features: &[Features], rules: &MatchRules) -> Vec<Scored> {
    pairs
        .par_iter()
        .filter_map(|(a, b)| {
            let (fa, fb) = (&features[*a as usize], &features[*b as usize]);
            let s = score::score(&compare::compare(fa, fb), fa, fb, rules);
            (s.score >= rules.review_threshold).then_some(Scored {
                a: *a,
                b: *b,
                score: s.score,
                vetoed: s.vetoed,
            })
        })
        .collect()
}

/// Each record's place in content order: by name key, company key, then a hash of
/// every value (see [`content_hash`]); equal content is ordered by origin.
fn content_ranks(records: &[Record], features: &[Features]) -> Vec<u32> {
    let mut order: Vec<(u64, u32)> = records
        .par_iter()
        .enumerate()
        .map(|(i, r)| (content_hash(r), i as u32))
        .collect();
    order.par_sort_unstable_by(|x, y| {
        let (fx, fy) = (&features[x.1 as usize], &features[y.1 as usize]);
        (fx.name(), fx.company(), x.0)
            .cmp(&(fy.name(), fy.company(), y.0))
            .then_with(|| records[x.1 as usize].origin.cmp(&records[y.1 as usize].origin))
    });
    let mut rank = vec![0u32; records.len()];
    for (r, (_, i)) in order.into_iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    rank
}

/// Turns groups into customers with stable ids, and writes the duplicates and review
/// pairs with their evidence.
fn build(
    records: &[Record],
    features: &[Features],
    rank: &[u32],
    groups: Vec<Vec<u32>>,
    scored: &[Scored],
    rules: &MatchRules,
) -> Matched {
    let mut in_group = vec![false; records.len()];
    let mut all: Vec<Vec<RecordId>> = Vec::with_capacity(records.len());
    for g in groups {
        for i in &g {
            in_group[*i as usize] = true;
        }
        all.push(g.into_iter().map(RecordId).collect());
    }
    all.extend(
        (0..records.len())
            .filter(|i| !in_group[*i])
            .map(|i| vec![RecordId(i as u32)]),
    );
    all.par_iter_mut()
        .for_each(|m| merge::order_members(records, m, rank, rules));
    all.par_sort_by_key(|m| m.iter().map(|id| rank[id.0 as usize]).min());
    let mut customer_index = HashMap::with_capacity(records.len());
    for (i, members) in all.iter().enumerate() {
        for m in members {
            customer_index.insert(*m, i);
        }
    }
    let customers: Vec<Customer> = all
        .into_par_iter()
        .enumerate()
        .map(|(i, members)| Customer {
            id: format!("C{:06}", i + 1),
            merged: merge::merge(records, &members, rules),
            members,
        })
        .collect();
    let duplicates = duplicates(records, features, &customers, scored, rules);
    let review = review(records, features, rank, &customer_index, scored, rules);
    Matched {
        customers,
        duplicates,
        review,
        customer_index,
    }
}

/// Every member but the representative, with the strongest merge pair that holds it in
/// its customer and that pair's evidence.
fn duplicates(
    records: &[Record],
    features: &[Features],
    customers: &[Customer],
    scored: &[Scored],
    rules: &MatchRules,
) -> Vec<Duplicate> {
    let mut best: HashMap<u32, (f64, u32)> = HashMap::new();
    let index: HashMap<u32, usize> = customers
        .iter()
        .enumerate()
        .filter(|(_, c)| c.members.len() > 1)
        .flat_map(|(i, c)| c.members.iter().map(move |m| (m.0, i)))
        .collect();
    for s in scored.iter().filter(|s| !s.vetoed && s.score >= rules.merge_threshold) {
        if index.contains_key(&s.a) && index.get(&s.a) == index.get(&s.b) {
            for (x, y) in [(s.a, s.b), (s.b, s.a)] {
                let e = best.entry(x).or_insert((f64::MIN, y));
                if (s.score, std::cmp::Reverse(y)) > (e.0, std::cmp::Reverse(e.1)) {
                    *e = (s.score, y);
                }
            }
        }
    }
    customers
        .par_iter()
        .enumerate()
        .filter(|(_, c)| c.members.len() > 1)
        .flat_map_iter(|(ci, c)| {
            let rep = c.members[0];
            c.members[1..]
                .iter()
                .map(|m| {
                    let (score, with) = best.get(&m.0).copied().unwrap_or((0.0, rep.0));
                    let mut evidence = explain(records, features, m.0, with, rules);
                    if with != rep.0 {
                        evidence = format!("matched with {}: {evidence}", records[with as usize].origin);
                    }
                    Duplicate {
                        customer: ci,
                        record: *m,
                        matched_with: RecordId(with),
                        score,
                        evidence,
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Pairs at or above the review threshold whose records ended in different customers,
/// sorted by the two customers.
fn review(
    records: &[Record],
    features: &[Features],
    rank: &[u32],
    customer_index: &HashMap<RecordId, usize>,
    scored: &[Scored],
    rules: &MatchRules,
) -> Vec<ReviewPair> {
    let customer = |i: u32| customer_index[&RecordId(i)];
    let mut pairs: Vec<ReviewPair> = scored
        .par_iter()
        .filter(|s| customer(s.a) != customer(s.b))
        .map(|s| {
            let (a, b) = if rank[s.a as usize] < rank[s.b as usize] {
                (s.a, s.b)
            } else {
                (s.b, s.a)
            };
            ReviewPair {
                a: RecordId(a),
                b: RecordId(b),
                score: s.score,
                evidence: explain(records, features, a, b, rules),
            }
        })
        .collect();
    pairs.par_sort_by_key(|p| {
        (
            customer(p.a.0),
            customer(p.b.0),
            rank[p.a.0 as usize],
            rank[p.b.0 as usize],
        )
    });
    pairs
}

/// The evidence text of one pair.
fn explain(records: &[Record], features: &[Features], a: u32, b: u32, rules: &MatchRules) -> String {
    let (fa, fb) = (&features[a as usize], &features[b as usize]);
    let levels = compare::compare(fa, fb);
    score::evidence(&levels, &records[a as usize], &records[b as usize], fa, fb, rules)
}

/// A hash of a record's content, the same in every run: its match keys, first phone
/// and email, then every raw value.
fn content_hash(r: &Record) -> u64 {
    let c = &r.clean;
    let phone = c.phones.first().map_or("", |p| p.e164.as_str());
    let email = c.emails.first().map_or("", |e| e.as_str());
    let keys = [c.name_key.as_str(), c.company_key.as_str(), phone, email];
    let values = r.raw.iter().map(|(_, v)| v.as_str());
    keys.into_iter()
        .chain(values)
        .fold(0u64, |h, part| h.rotate_left(7) ^ features::hash(b'k', part))
}
