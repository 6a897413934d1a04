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
pub mod decided;
pub mod features;
pub mod identical;
pub mod ids;
pub mod learn;
pub mod merge;
pub mod rules;
pub mod score;

use std::collections::HashMap;
use std::time::Instant;

use rayon::prelude::*;

use crate::record::matched::{Customer, Duplicate, Matched, ReviewPair};
use crate::record::{Record, RecordId};
use cluster::Edge;
use decided::{Decided, DecidedBy, DecidedPair};
use features::Features;
pub use rules::MatchRules;

/// Records the seconds since the last step.
struct Stopwatch {
    last: Instant,
    steps: Vec<(&'static str, f64)>,
}

impl Stopwatch {
    fn new() -> Stopwatch {
        Stopwatch {
            last: Instant::now(),
            steps: Vec::new(),
        }
    }

    fn lap(&mut self, step: &'static str) {
        let now = Instant::now();
        self.steps.push((step, (now - self.last).as_secs_f64()));
        self.last = now;
    }
}

/// A compared pair at or above the review threshold.
#[derive(Debug, Clone, Copy)]
struct Scored {
    a: u32,
    b: u32,
    score: f64,
    vetoed: bool,
    /// The compared levels, packed (see [`learn::pack`]): the evidence text reads them
    /// instead of comparing the pair again.
    code: u32,
}

/// Groups records into customers, merges each group and explains every merge. The
/// model's weights are learned from the list first (see [`learn`]), `rules` giving
/// the priors.
pub fn match_records(records: &[Record], rules: &MatchRules) -> Matched {
    match_decided(records, rules, &[])
}

/// [`match_records`], with the pairs a person decided on an earlier Review sheet.
pub fn match_decided(records: &[Record], rules: &MatchRules, decided: &[DecidedPair]) -> Matched {
    let mut clock = Stopwatch::new();
    let mut features = features::extract_unweighted(records, rules);
    clock.lap("features");
    let rank = content_ranks(records, &features);
    clock.lap("content order");
    let pairs = block::candidate_pairs(&features, &rank, rules);
    clock.lap("blocking");
    let codes = compare_pairs(&pairs, &features);
    clock.lap("comparing");
    let (model, report) = learn::learn(&features, &rank, &codes, rules);
    features::set_weights(&mut features, &model);
    clock.lap("learning");
    let compared = pairs.len();
    let decided = still_the_same_rows(decided, &features, rules);
    let decided = Decided::new(&decided);
    let mut matched = match_pairs(records, features, &rank, (pairs, codes), &model, &decided, &mut clock);
    matched.timings = clock.steps;
    matched.pairs_compared = compared;
    matched.model = report;
    matched
}

/// The decided pairs without the rows read again that no longer say what they said
/// when last run gave them their customer (the list changed under the same place).
fn still_the_same_rows(decided: &[DecidedPair], features: &[Features], rules: &MatchRules) -> Vec<DecidedPair> {
    decided
        .iter()
        .filter(|p| {
            p.by == DecidedBy::Person
                || score::says_the_same(&features[p.b.0 as usize], &features[p.a.0 as usize], rules)
        })
        .cloned()
        .collect()
}

/// Compares every candidate pair in parallel: its levels, packed.
fn compare_pairs(pairs: &[block::Pair], features: &[Features]) -> Vec<u32> {
    pairs
        .par_iter()
        .map(|(a, b)| learn::pack(&compare::compare(&features[*a as usize], &features[*b as usize])))
        .collect()
}

/// The rest of matching, once the pairs are compared and the model is known.
fn match_pairs(
    records: &[Record],
    features: Vec<Features>,
    rank: &[u32],
    (pairs, codes): (Vec<block::Pair>, Vec<u32>),
    rules: &MatchRules,
    decided: &Decided,
    clock: &mut Stopwatch,
) -> Matched {
    let scored = score_pairs(&pairs, &codes, &features, rules);
    drop(pairs);
    drop(codes);
    clock.lap("scoring");
    // Two customers of last run's master were kept apart then; only a new row that
    // matches both can join them now, so cleaning a master again merges nothing.
    let both_from_master =
        |s: &Scored| records[s.a as usize].is_from_master() && records[s.b as usize].is_from_master();
    let mut edges: Vec<Edge> = scored
        .iter()
        .filter(|s| !s.vetoed && s.score >= rules.merge_threshold && !both_from_master(s))
        .map(|s| Edge {
            a: s.a,
            b: s.b,
            score: s.score,
            decided: false,
        })
        .collect();
    edges.extend(decided.same().map(|(a, b)| Edge {
        a,
        b,
        score: f64::INFINITY,
        decided: true,
    }));
    let identical = identical::identical_pairs(records, rank);
    edges.extend(identical.iter().map(|&(a, b)| Edge {
        a,
        b,
        score: f64::INFINITY,
        decided: false,
    }));
    let may_pair = |x: u32, y: u32| !score::vetoed(&features[x as usize], &features[y as usize], rules);
    let groups = cluster::cluster(records.len(), edges, rank, may_pair, decided);
    clock.lap("clustering");
    let judged = Judged {
        scored: &scored,
        rules,
        decided,
        identical: identical.into_iter().map(|(a, b)| (b, a)).collect(),
    };
    let matched = build(records, features, rank, groups, &judged, clock);
    clock.lap("merging");
    matched
}

/// Scores every candidate pair in parallel; keeps those at or above the review
/// threshold.
fn score_pairs(pairs: &[block::Pair], codes: &[u32], features: &[Features], rules: &MatchRules) -> Vec<Scored> {
    pairs
        .par_iter()
        .zip(codes.par_iter())
        .filter_map(|((a, b), code)| {
            let (fa, fb) = (&features[*a as usize], &features[*b as usize]);
            let s = score::score(&learn::unpack(*code), fa, fb, rules);
            (s.score >= rules.review_threshold && !s.name_and_place_only).then_some(Scored {
                a: *a,
                b: *b,
                score: s.score,
                vetoed: s.vetoed,
                code: *code,
            })
        })
        .collect()
}

/// Each record's place in content order: by name key, company key, then a hash of
/// every value (see [`content_hash`]); equal content is ordered by origin.
fn content_ranks(records: &[Record], features: &[Features]) -> Vec<u32> {
    let mut order: Vec<(u64, u64, u32)> = records
        .par_iter()
        .enumerate()
        .map(|(i, r)| (prefix(features[i].name()), content_hash(r), i as u32))
        .collect();
    // The name's first bytes decide most comparisons without reading the features.
    order.par_sort_unstable_by(|x, y| {
        x.0.cmp(&y.0).then_with(|| {
            let (fx, fy) = (&features[x.2 as usize], &features[y.2 as usize]);
            (fx.name(), fx.company(), x.1)
                .cmp(&(fy.name(), fy.company(), y.1))
                .then_with(|| records[x.2 as usize].origin.cmp(&records[y.2 as usize].origin))
        })
    });
    let mut rank = vec![0u32; records.len()];
    for (r, (_, _, i)) in order.into_iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    rank
}

/// What decided the groups: the scored pairs, the model, a person's decisions, the
/// rows identical to another.
struct Judged<'a> {
    scored: &'a [Scored],
    rules: &'a MatchRules,
    decided: &'a Decided<'a>,
    /// Row -> the first row of its content, for each row identical to an earlier one.
    identical: HashMap<u32, u32>,
}

/// Turns groups into customers with stable ids, and writes the duplicates and review
/// pairs with their evidence.
/// The features are dropped once the evidence is written, before the customers are
/// merged, so that the two never take memory at the same time.
fn build(
    records: &[Record],
    features: Vec<Features>,
    rank: &[u32],
    groups: Vec<Vec<u32>>,
    judged: &Judged,
    clock: &mut Stopwatch,
) -> Matched {
    let Judged {
        scored,
        rules,
        decided,
        identical: _,
    } = *judged;
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
    all.par_sort_by_cached_key(|m| m.iter().map(|id| rank[id.0 as usize]).min());
    let mut position = vec![0u32; records.len()];
    for (i, members) in all.iter().enumerate() {
        for m in members {
            position[m.0 as usize] = i as u32;
        }
    }
    let duplicates = duplicates(records, &features, &all, &position, scored, judged);
    let review = review(records, &features, rank, &position, scored, rules, decided);
    drop(features);
    clock.lap("evidence");
    let customers: Vec<Customer> = all
        .into_par_iter()
        .enumerate()
        .map(|(i, members)| Customer {
            id: format!("C{:06}", i + 1),
            merged: merge::merge(records, &members, rules).map(Box::new),
            members,
        })
        .collect();
    Matched::new(customers, duplicates, review)
}

/// Every member but the representative, with the strongest merge pair that holds it in
/// its customer and that pair's evidence.
fn duplicates(
    records: &[Record],
    features: &[Features],
    customers: &[Vec<RecordId>],
    position: &[u32],
    scored: &[Scored],
    judged: &Judged,
) -> Vec<Duplicate> {
    let rules = judged.rules;
    // Each record's strongest merge pair inside its customer: (score, other record, levels).
    let mut best: Vec<(f64, u32, u32)> = vec![(f64::MIN, u32::MAX, 0); records.len()];
    for s in scored.iter().filter(|s| !s.vetoed && s.score >= rules.merge_threshold) {
        if position[s.a as usize] == position[s.b as usize] {
            for (x, y) in [(s.a, s.b), (s.b, s.a)] {
                let e = &mut best[x as usize];
                if (s.score, std::cmp::Reverse(y)) > (e.0, std::cmp::Reverse(e.1)) {
                    *e = (s.score, y, s.code);
                }
            }
        }
    }
    customers
        .par_iter()
        .enumerate()
        .filter(|(_, members)| members.len() > 1)
        .flat_map_iter(|(ci, members)| {
            let rep = members[0];
            members[1..]
                .iter()
                .map(|m| {
                    let why = why_joined(m.0, &best, position, judged);
                    let (score, with, code) = match why {
                        Why::Pair(score, with, code) => (score, with, Some(code)),
                        Why::Person(with, _) | Why::LastRun(with, _) | Why::Identical(with) => {
                            (pair_score(features, m.0, with, rules), with, None)
                        }
                        Why::Held => (0.0, rep.0, None),
                    };
                    let levels = code.map(learn::unpack);
                    let mut evidence = explain(records, features, (m.0, with), levels, rules);
                    if let Why::Identical(_) = why {
                        evidence = format!("every value the same; {evidence}");
                    }
                    if with != rep.0 {
                        evidence = format!("matched with {}: {evidence}", records[with as usize].origin);
                    }
                    match why {
                        Why::Person(_, place) => {
                            evidence = format!("decided the same customer by a person ({place}); {evidence}");
                        }
                        Why::LastRun(_, place) => {
                            evidence = format!("the same source row as in last run ({place}); {evidence}");
                        }
                        _ => {}
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

/// Why a member is in its customer, the first that holds of: a person decided it, a
/// merge pair holds it, last run gave its row to the customer, it is identical to
/// another member; else the others hold it (it came in through a chain).
#[derive(Clone, Copy)]
enum Why<'a> {
    Person(u32, &'a str),
    /// (score, the other record, packed levels).
    Pair(f64, u32, u32),
    LastRun(u32, &'a str),
    Identical(u32),
    Held,
}

/// [`Why`] member `m` is in its customer; `best` is each record's strongest merge pair
/// inside its customer (`u32::MAX` as the other record when it has none).
fn why_joined<'a>(m: u32, best: &[(f64, u32, u32)], position: &[u32], judged: &Judged<'a>) -> Why<'a> {
    let inside = |other: u32| position[other as usize] == position[m as usize];
    let decided = judged.decided.joined_with(m).filter(|(with, _, _)| inside(*with));
    let (score, with, code) = best[m as usize];
    match decided {
        Some((with, place, DecidedBy::Person)) => Why::Person(with, place),
        _ if with != u32::MAX => Why::Pair(score, with, code),
        Some((with, place, DecidedBy::LastRun)) => Why::LastRun(with, place),
        None => match judged.identical.get(&m).copied().filter(|first| inside(*first)) {
            Some(first) => Why::Identical(first),
            None => Why::Held,
        },
    }
}

/// Pairs at or above the review threshold whose records ended in different customers:
/// the strongest pair of each two customers, sorted by the two customers.
fn review(
    records: &[Record],
    features: &[Features],
    rank: &[u32],
    position: &[u32],
    scored: &[Scored],
    rules: &MatchRules,
    decided: &Decided,
) -> Vec<ReviewPair> {
    let customer = |i: u32| position[i as usize];
    let settled = decided.customer_pairs(position);
    // (customer of a, customer of b, minus score, rank a, rank b, a, b): the first of
    // each pair of customers is its strongest pair.
    let mut candidates: Vec<(u32, u32, f64, u32, u32, u32, u32)> = scored
        .iter()
        .filter(|s| customer(s.a) != customer(s.b))
        .filter(|s| {
            let (x, y) = (customer(s.a), customer(s.b));
            settled.is_empty() || !settled.contains(&(x.min(y), x.max(y)))
        })
        .map(|s| {
            let (a, b) = if customer(s.a) < customer(s.b) {
                (s.a, s.b)
            } else {
                (s.b, s.a)
            };
            (
                customer(a),
                customer(b),
                -s.score,
                rank[a as usize],
                rank[b as usize],
                a,
                b,
            )
        })
        .collect();
    candidates.par_sort_by(|x, y| {
        (x.0, x.1)
            .cmp(&(y.0, y.1))
            .then(x.2.total_cmp(&y.2))
            .then((x.3, x.4).cmp(&(y.3, y.4)))
    });
    candidates.dedup_by_key(|c| (c.0, c.1));
    candidates
        .par_iter()
        .map(|&(_, _, minus_score, _, _, a, b)| ReviewPair {
            a: RecordId(a),
            b: RecordId(b),
            score: -minus_score,
            evidence: explain(records, features, (a, b), None, rules),
        })
        .collect()
}

/// The score of one pair, as the model gives it.
fn pair_score(features: &[Features], a: u32, b: u32, rules: &MatchRules) -> f64 {
    let (fa, fb) = (&features[a as usize], &features[b as usize]);
    score::score(&compare::compare(fa, fb), fa, fb, rules).score
}

/// The evidence text of one pair, from its levels when scoring kept them.
fn explain(
    records: &[Record],
    features: &[Features],
    (a, b): (u32, u32),
    levels: Option<compare::Levels>,
    rules: &MatchRules,
) -> String {
    let (fa, fb) = (&features[a as usize], &features[b as usize]);
    let levels = levels.unwrap_or_else(|| compare::compare(fa, fb));
    score::evidence(&levels, &records[a as usize], &records[b as usize], fa, fb, rules)
}

/// The first eight bytes of a text as a number that sorts as the text does (shorter
/// texts padded with zero bytes, which no name holds).
fn prefix(text: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = text.len().min(8);
    bytes[..n].copy_from_slice(&text.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// A hash of a record's content, the same in every run: its match keys, first phone
/// and email, then every raw value.
fn content_hash(r: &Record) -> u64 {
    let c = &r.clean;
    let phone = c.phones.first().map_or("", |p| p.e164.as_str());
    let email = c.emails.first().map_or("", |e| e.as_str());
    let keys = [c.name_key.as_str(), c.company_key.as_str(), phone, email];
    let values = r.raw.iter().map(|(_, v)| v);
    keys.into_iter()
        .chain(values)
        .fold(0u64, |h, part| h.rotate_left(7) ^ features::hash(b'k', part))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{self, Settings};
    use crate::record::{Cells, Field, List, Origin};
    use crate::rules::Rules;
    use std::sync::Arc;

    /// Row `i` of a test list.
    fn origin(i: usize) -> Origin {
        Origin {
            file: Arc::from("r.csv"),
            sheet: Arc::from(""),
            row: i as u32 + 2,
        }
    }

    /// Random small lists from small pools, so that names, numbers and companies collide
    /// often, in every combination.
    fn random_records(seed: u64, n: usize) -> Vec<Record> {
        let names = [
            "张三",
            "张 三",
            "張三",
            "Zhang San",
            "李四",
            "王伟",
            "王玮",
            "Wang Wei",
            "刘芳",
            "",
        ];
        let companies = [
            "北京某某科技有限公司",
            "某某科技(北京)有限公司",
            "上海天河物流有限公司",
            "天河物流",
            "",
        ];
        let mobiles = ["13800138000", "13911112222", "18055556666", "", ""];
        let landlines = ["010-62345678", "021-55556666", "", ""];
        let emails = ["a@x.com", "A@X.COM", "b@y.com", "", "", ""];
        let cities = ["北京", "上海", ""];
        let mut state = seed;
        let mut pick = |pool: &[&'static str]| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            pool[((state >> 33) % pool.len() as u64) as usize]
        };
        let mut records: Vec<Record> = (0..n)
            .map(|i| {
                let cells = [
                    (Field::Name, pick(&names)),
                    (Field::Company, pick(&companies)),
                    (Field::Mobile, pick(&mobiles)),
                    (Field::Landline, pick(&landlines)),
                    (Field::Email, pick(&emails)),
                    (Field::City, pick(&cities)),
                ];
                let raw = cells.iter().filter(|(_, v)| !v.is_empty()).map(|(f, v)| (*f, *v));
                Record {
                    id: RecordId(i as u32),
                    ..Record::read(origin(i), raw.collect(), List::new())
                }
            })
            .collect();
        let rules = Rules::defaults();
        let settings = Settings {
            rules: &rules.normalize,
            region: "CN".to_string(),
        };
        normalize::normalize(&mut records, &settings);
        records
    }

    fn members(m: &Matched) -> Vec<Vec<RecordId>> {
        let mut g: Vec<Vec<RecordId>> = m
            .customers
            .iter()
            .map(|c| {
                let mut x = c.members.clone();
                x.sort();
                x
            })
            .collect();
        g.sort();
        g
    }

    /// Pairs with their compared levels, as `match_pairs` takes them.
    fn compared(pairs: Vec<block::Pair>, features: &[Features]) -> (Vec<block::Pair>, Vec<u32>) {
        let codes = compare_pairs(&pairs, features);
        (pairs, codes)
    }

    #[test]
    fn blocking_and_clustering_equal_naive_all_pairs() {
        // Blocks this small are compared all pairs (no window), so blocking must find
        // every pair that matters.
        let mut rules = Rules::defaults().matching;
        rules.max_block = 1000;
        for seed in 0..25 {
            let records = random_records(seed, 30);
            let features = features::extract(&records, &rules);
            let rank = content_ranks(&records, &features);
            let blocked = block::candidate_pairs(&features, &rank, &rules);
            let all: Vec<block::Pair> = (0..records.len() as u32)
                .flat_map(|a| (a + 1..records.len() as u32).map(move |b| (a, b)))
                .collect();
            assert!(blocked.len() < all.len(), "seed {seed}: blocking compared all pairs");
            let clock = &mut Stopwatch::new();
            let fast = match_pairs(
                &records,
                features.clone(),
                &rank,
                compared(blocked, &features),
                &rules,
                &Decided::default(),
                clock,
            );
            let naive = match_pairs(
                &records,
                features.clone(),
                &rank,
                compared(all, &features),
                &rules,
                &Decided::default(),
                clock,
            );
            assert_eq!(members(&fast), members(&naive), "seed {seed}");
            let ids = |m: &Matched| {
                m.customers
                    .iter()
                    .map(|c| (c.id.clone(), c.members.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(ids(&fast), ids(&naive), "seed {seed}");
            assert!(fast.customers.len() < records.len(), "seed {seed}: nothing merged");
        }
    }

    #[test]
    fn review_pairs_of_blocking_are_among_the_naive_ones() {
        let mut rules = Rules::defaults().matching;
        rules.max_block = 1000;
        let mut reviewed = 0;
        for seed in 90..100 {
            let records = random_records(seed, 40);
            let features = features::extract(&records, &rules);
            let rank = content_ranks(&records, &features);
            let blocked = block::candidate_pairs(&features, &rank, &rules);
            let all: Vec<block::Pair> = (0..40u32).flat_map(|a| (a + 1..40).map(move |b| (a, b))).collect();
            let clock = &mut Stopwatch::new();
            let fast = match_pairs(
                &records,
                features.clone(),
                &rank,
                compared(blocked, &features),
                &rules,
                &Decided::default(),
                clock,
            );
            let naive = match_pairs(
                &records,
                features.clone(),
                &rank,
                compared(all, &features),
                &rules,
                &Decided::default(),
                clock,
            );
            let pairs = |m: &Matched| {
                m.review
                    .iter()
                    .map(|p| (m.customer_of(p.a), m.customer_of(p.b)))
                    .collect::<std::collections::BTreeSet<_>>()
            };
            assert!(pairs(&fast).is_subset(&pairs(&naive)), "seed {seed}");
            reviewed += fast.review.len();
        }
        assert!(reviewed > 0, "no seed gave a pair to review");
    }

    #[test]
    fn oversized_blocks_still_compare_the_same_name_at_the_same_company() {
        // Many colleagues on one switchboard, and one of them twice: the block is far
        // over max_block, so it is compared by window, sorted by name.
        let rules = Rules::defaults().matching;
        let mut records = random_records(7, 0);
        let given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华飞玉萍红建国志海燕亮婷雪梅琳晨宇浩然子轩欣怡梓涵一诺思远俊文博嘉";
        let names: Vec<String> = given.chars().map(|c| format!("欧阳{c}")).collect();
        assert!(names.len() > 4 * rules.max_block);
        for (i, name) in names.iter().chain([&names[30]]).enumerate() {
            let raw = Cells::new(&[
                (Field::Name, name.as_str()),
                (Field::Landline, "010-62345678"),
                (Field::City, "北京"),
            ]);
            records.push(Record {
                id: RecordId(i as u32),
                ..Record::read(origin(i), raw, List::new())
            });
        }
        let settings = Settings {
            rules: &Rules::defaults().normalize,
            region: "CN".to_string(),
        };
        normalize::normalize(&mut records, &settings);
        let m = match_records(&records, &rules);
        assert_eq!(
            m.customers.len(),
            names.len(),
            "{:#?}",
            m.duplicates.iter().map(|d| &d.evidence).collect::<Vec<_>>()
        );
        assert_eq!(m.duplicates.len(), 1);
        let features = features::extract(&records, &rules);
        let rank = content_ranks(&records, &features);
        let pairs = block::candidate_pairs(&features, &rank, &rules);
        let n = records.len();
        assert!(
            pairs.len() < n * (n - 1) / 2 / 3,
            "{} pairs: the window did not apply",
            pairs.len()
        );
    }
}
