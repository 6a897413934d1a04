//! Learning the model from the list itself: how often two rows of different customers
//! agree on each field (u) and how often two rows of one customer do (m), so that the
//! weights fit this list rather than the one the shipped priors were set on.
//!
//! - **u** comes from random pairs of records (nearly all of them different customers):
//!   the share of pairs at each level, where the list holds enough pairs at that level
//!   to say; a level too rare to count (two random rows sharing a mobile) keeps its
//!   prior.
//! - **m** comes from the candidate pairs by expectation-maximisation, as Splink and
//!   fastLink do, with the E-step taken from rollcall's own scoring (person evidence
//!   summed, organization evidence counted once, vetoes): a pair at or above the merge
//!   threshold counts as one customer, below review as two, in between in proportion.
//!   Each level's m is drawn towards its prior by [`PRIOR_PAIRS`] pseudo-pairs.
//!
//! A learned weight never moves more than [`MAX_SHIFT`] bits from its prior's, so one
//! odd list cannot turn the model over.
//!
//! Pairs are compared once; learning works on how many pairs share each pattern of
//! levels (a few thousand patterns for a million pairs). The shipped `match.toml`
//! values are the priors; a list with too few confident matches keeps them.

use std::collections::HashMap;

use rayon::prelude::*;

use super::compare::{self, Levels};
use super::features::Features;
use super::rules::{weight, Group, Level, MatchField, MatchRules, MU};
use crate::record::matched::{FieldReport, LevelReport, ModelReport};

/// Levels per field, for packing a pattern into one number.
const LEVELS: u32 = 6;
/// Random pairs compared to learn u.
const RANDOM_PAIRS: usize = 200_000;
/// Random pairs at a level needed to learn its u; fewer keep the prior.
const MIN_COUNT: f64 = 30.0;
/// Confident matches needed to learn m at all.
const MIN_MATCHES: f64 = 200.0;
/// Pseudo-pairs of the prior in each level's m.
const PRIOR_PAIRS: f64 = 50.0;
/// How far (in bits) a learned weight may move from its prior's.
const MAX_SHIFT: f64 = 2.0;
/// Rounds of expectation and maximisation.
const ROUNDS: usize = 5;

/// The levels of a compared pair packed into one number (base [`LEVELS`]).
pub fn pack(levels: &Levels) -> u32 {
    levels.iter().rev().fold(0, |code, l| code * LEVELS + *l as u32)
}

/// The levels of a packed pattern.
pub fn unpack(mut code: u32) -> Levels {
    let mut levels = [Level::Null; MatchField::ALL.len()];
    for l in levels.iter_mut() {
        *l = level_of(code % LEVELS);
        code /= LEVELS;
    }
    levels
}

fn level_of(n: u32) -> Level {
    match n {
        1 => Level::Exact,
        2 => Level::Romanized,
        3 => Level::Close,
        4 => Level::Partial,
        5 => Level::Different,
        _ => Level::Null,
    }
}

/// A model learned on an earlier run: where, and the m and u of each field's levels
/// by key (`name`, `exact`).
#[derive(Debug, Clone, PartialEq)]
pub struct Reused {
    pub from: String,
    pub levels: Vec<(String, String, MU)>,
}

/// Counts of candidate pairs by pattern.
pub fn patterns(codes: &[u32]) -> Vec<(u32, f64)> {
    let counts = codes
        .par_chunks(1 << 16)
        .map(|chunk| {
            let mut m: HashMap<u32, u64> = HashMap::new();
            for c in chunk {
                *m.entry(*c).or_default() += 1;
            }
            m
        })
        .reduce(HashMap::new, |mut a, b| {
            for (k, v) in b {
                *a.entry(k).or_default() += v;
            }
            a
        });
    let mut out: Vec<(u32, f64)> = counts.into_iter().map(|(k, v)| (k, v as f64)).collect();
    out.sort_unstable_by_key(|(k, _)| *k);
    out
}

/// Per field and level: how many random pairs are at it, and how many are not null.
type Tally = [[f64; LEVELS as usize]; MatchField::ALL.len()];

/// Compares random pairs of records, chosen by content order so that the sample does
/// not depend on the input's row order.
fn random_tally(features: &[Features], rank: &[u32]) -> (Tally, usize) {
    let n = features.len();
    let mut by_rank = vec![0u32; n];
    for (i, r) in rank.iter().enumerate() {
        by_rank[*r as usize] = i as u32;
    }
    let wanted = RANDOM_PAIRS.min(n.saturating_mul(n.saturating_sub(1)) / 2);
    let mut state = 0x9E37_79B9_7F4A_7C15u64 ^ n as u64;
    let mut pairs = Vec::with_capacity(wanted);
    while pairs.len() < wanted {
        let (x, y) = (next(&mut state) as usize % n, next(&mut state) as usize % n);
        if x != y {
            pairs.push((by_rank[x], by_rank[y]));
        }
    }
    let tally = pairs
        .par_iter()
        .fold(
            || [[0.0; LEVELS as usize]; MatchField::ALL.len()],
            |mut t, (a, b)| {
                let levels = compare::compare(&features[*a as usize], &features[*b as usize]);
                for (f, l) in levels.iter().enumerate() {
                    t[f][*l as usize] += 1.0;
                }
                t
            },
        )
        .reduce(
            || [[0.0; LEVELS as usize]; MatchField::ALL.len()],
            |mut a, b| {
                for f in 0..a.len() {
                    for l in 0..a[f].len() {
                        a[f][l] += b[f][l];
                    }
                }
                a
            },
        );
    (tally, wanted)
}

/// splitmix64.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Learns the weights of `rules` from the list: returns the rules to match with and
/// what was learned. The priors stand when learning is off or the list is too small.
pub fn learn(features: &[Features], rank: &[u32], codes: &[u32], rules: &MatchRules) -> (MatchRules, ModelReport) {
    let mut report = ModelReport {
        candidate_pairs: codes.len(),
        ..ModelReport::default()
    };
    if let Some(reused) = &rules.reused {
        return reuse(rules, reused, report);
    }
    if !rules.learn {
        report.note = "learning is off in match.toml: the model is used as written".into();
        report.fields = describe(rules, rules);
        return (rules.clone(), report);
    }
    let (tally, sampled) = random_tally(features, rank);
    report.random_pairs = sampled;
    let mut model = rules.clone();
    learn_u(&mut model, rules, &tally);
    let counts = patterns(codes);
    let mut matches = 0.0;
    for _ in 0..ROUNDS {
        let expected = expect(&counts, &model);
        matches = expected.matches;
        if matches < MIN_MATCHES {
            break;
        }
        maximise(&mut model, rules, &expected);
    }
    report.matches = matches;
    if matches < MIN_MATCHES {
        report.note = format!(
            "too few confident matches ({matches:.0} of {} candidate pairs) to learn from: the priors of match.toml are used",
            codes.len()
        );
        report.fields = describe(rules, rules);
        return (rules.clone(), report);
    }
    report.learned = true;
    report.fields = describe(&model, rules);
    (model, report)
}

/// The model of an earlier run, its m and u set on the priors level by level (a level
/// it does not name keeps its prior), so this run scores pairs as that one did.
fn reuse(priors: &MatchRules, reused: &Reused, mut report: ModelReport) -> (MatchRules, ModelReport) {
    let mut model = priors.clone();
    model.reused = None;
    for f in MatchField::ALL {
        for level in f.levels() {
            let found = reused
                .levels
                .iter()
                .find(|(field, l, _)| field == f.key() && l == level.key());
            if let Some((_, _, mu)) = found {
                set(&mut model, priors, f, *level, *mu);
            }
        }
    }
    report.learned = true;
    report.reused_from = reused.from.clone();
    report.note = format!(
        "the model learned for {} is used again, so this run scores pairs as that one did (clean --learn learns it afresh)",
        reused.from
    );
    report.fields = describe(&model, priors);
    (model, report)
}

/// u of each level from the random pairs, where enough of them are at it.
fn learn_u(model: &mut MatchRules, priors: &MatchRules, tally: &Tally) {
    for f in MatchField::ALL {
        let counts = &tally[f as usize];
        let nonnull: f64 = counts[1..].iter().sum();
        for level in f.levels() {
            let Some(prior) = priors.field(f).mu[*level as usize] else {
                continue;
            };
            let count = counts[*level as usize];
            if count < MIN_COUNT || nonnull <= 0.0 {
                continue;
            }
            let u = count / nonnull;
            set(
                model,
                priors,
                f,
                *level,
                MU {
                    m: current_m(model, f, *level, prior),
                    u,
                },
            );
        }
    }
}

fn current_m(model: &MatchRules, f: MatchField, level: Level, prior: MU) -> f64 {
    model.field(f).mu[level as usize].map_or(prior.m, |mu| mu.m)
}

/// A learned weight kept within [`MAX_SHIFT`] bits of its prior's.
fn bounded(w: f64, prior: f64) -> f64 {
    w.clamp(prior - MAX_SHIFT, prior + MAX_SHIFT)
}

/// Sets a level's learned m and u, and its weight within reach of the prior's.
fn set(model: &mut MatchRules, priors: &MatchRules, f: MatchField, level: Level, mu: MU) {
    let mu = MU {
        m: mu.m.clamp(1e-9, 1.0),
        u: mu.u.clamp(1e-9, 1.0),
    };
    let prior = priors.field(f).weight(level);
    let field = &mut model.fields[f as usize];
    field.mu[level as usize] = Some(mu);
    if let Some(w) = weight(mu) {
        field.weights[level as usize] = bounded(w, prior);
    }
    if level == Level::Exact {
        if let Some(tf) = &mut field.term_frequency {
            tf.m = mu.m;
            tf.u = mu.u;
        }
    }
}

/// The expected counts of one round: per field and level, the pairs of one customer.
struct Expected {
    at: Tally,
    matches: f64,
}

/// The E-step: how much each pattern counts as one customer, by the model's own score.
fn expect(counts: &[(u32, f64)], model: &MatchRules) -> Expected {
    let mut at = [[0.0; LEVELS as usize]; MatchField::ALL.len()];
    let mut matches = 0.0;
    for (code, n) in counts {
        let levels = unpack(*code);
        let p = match_share(&levels, model) * n;
        if p <= 0.0 {
            continue;
        }
        matches += p;
        for (f, l) in levels.iter().enumerate() {
            at[f][*l as usize] += p;
        }
    }
    Expected { at, matches }
}

/// How far a pattern counts as one customer: 1 at or above the merge threshold, 0
/// below review, when vetoed or when only the name and place agree, in proportion in
/// between. Exact names and companies count at their prior weight here (the term
/// frequency belongs to single values).
fn match_share(levels: &Levels, model: &MatchRules) -> f64 {
    if !super::score::beyond_name_and_place(levels, model) {
        return 0.0;
    }
    let (mut person, mut for_org, mut against_org) = (0.0, 0.0f64, 0.0f64);
    for f in MatchField::ALL {
        let level = levels[f as usize];
        if level == Level::Null {
            continue;
        }
        let field = model.field(f);
        if super::score::vetoes(f, level, levels, model) {
            return 0.0;
        }
        let w = field.weight(level);
        match field.group {
            Group::Person => person += w,
            Group::Organization => {
                for_org = for_org.max(w);
                against_org = against_org.min(w);
            }
        }
    }
    let score = person + for_org + against_org;
    ((score - model.review_threshold) / (model.merge_threshold - model.review_threshold)).clamp(0.0, 1.0)
}

/// The M-step: each level's m from the expected counts, drawn towards its prior.
fn maximise(model: &mut MatchRules, priors: &MatchRules, expected: &Expected) {
    for f in MatchField::ALL {
        let at = &expected.at[f as usize];
        let nonnull: f64 = at[1..].iter().sum();
        let prior_total: f64 = f
            .levels()
            .iter()
            .filter_map(|l| priors.field(f).mu[*l as usize])
            .map(|mu| mu.m)
            .sum();
        for level in f.levels() {
            let Some(prior) = priors.field(f).mu[*level as usize] else {
                continue;
            };
            let prior_share = prior.m / prior_total.max(f64::MIN_POSITIVE);
            let m = (at[*level as usize] + PRIOR_PAIRS * prior_share) / (nonnull + PRIOR_PAIRS);
            let u = model.field(f).mu[*level as usize].map_or(prior.u, |mu| mu.u);
            set(model, priors, f, *level, MU { m, u });
        }
    }
}

/// The model, field by field, beside its priors.
fn describe(model: &MatchRules, priors: &MatchRules) -> Vec<FieldReport> {
    MatchField::ALL
        .into_iter()
        .map(|f| FieldReport {
            field: f.key(),
            group: match model.field(f).group {
                Group::Person => "person",
                Group::Organization => "organization",
            },
            levels: f
                .levels()
                .iter()
                .filter_map(|l| {
                    let mu = model.field(f).mu[*l as usize]?;
                    Some(LevelReport {
                        level: l.key(),
                        m: mu.m,
                        u: mu.u,
                        weight: model.field(f).weight(*l),
                        prior_weight: priors.field(f).weight(*l),
                    })
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_pack_and_unpack() {
        let mut levels = [Level::Null; MatchField::ALL.len()];
        levels[0] = Level::Partial;
        levels[3] = Level::Exact;
        levels[9] = Level::Different;
        assert_eq!(unpack(pack(&levels)), levels);
        let all_different = [Level::Different; MatchField::ALL.len()];
        assert_eq!(unpack(pack(&all_different)), all_different);
    }

    #[test]
    fn learned_weights_stay_near_their_priors() {
        assert_eq!(bounded(12.0, 7.0), 9.0);
        assert_eq!(bounded(-9.0, -4.0), -6.0);
        assert_eq!(bounded(7.5, 7.0), 7.5);
        let priors = MatchRules::defaults();
        let mut model = priors.clone();
        set(
            &mut model,
            &priors,
            MatchField::Company,
            Level::Exact,
            MU { m: 0.99, u: 1e-7 },
        );
        let (w, prior) = (
            model.field(MatchField::Company).weight(Level::Exact),
            priors.field(MatchField::Company).weight(Level::Exact),
        );
        assert!((w - prior - MAX_SHIFT).abs() < 1e-9, "{w} {prior}");
    }

    #[test]
    fn a_pattern_counts_by_the_models_own_score() {
        let rules = MatchRules::defaults();
        let mut levels = [Level::Null; MatchField::ALL.len()];
        levels[MatchField::Name as usize] = Level::Exact;
        levels[MatchField::Phone as usize] = Level::Exact;
        assert_eq!(match_share(&levels, &rules), 1.0);
        levels[MatchField::Name as usize] = Level::Different;
        assert_eq!(match_share(&levels, &rules), 0.0, "a veto is never one customer");
        let mut weak = [Level::Null; MatchField::ALL.len()];
        weak[MatchField::City as usize] = Level::Exact;
        assert_eq!(match_share(&weak, &rules), 0.0);
    }
}
