//! Clustering: which merge-worthy pairs become one customer, without chaining.
//!
//! Pairs at or above the merge threshold are taken strongest first (ties by the content
//! ranks of the two records, never by input order). Each joins the clusters of its two
//! records only if no pair across the two clusters is vetoed (two clearly different
//! names, two ID numbers): complete linkage on the veto. So `A ~ B ~ C` with `A` and
//! `C` clearly different is never one customer, and a weak link cannot pull two
//! customers together. The result depends on the pairs' content only.
//!
//! A person's decisions come first: a pair decided `same` is joined before any other,
//! whatever the data says, and two records decided `different` are never in one
//! cluster, however many pairs link them.

use super::decided::Decided;

/// A pair that may be merged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    pub a: u32,
    pub b: u32,
    pub score: f64,
    /// A person decided the pair is one customer: joined first, no veto asked.
    pub decided: bool,
}

/// At most this many members of each side are checked for a veto when two clusters
/// join (evenly spread over the cluster), so that a customer listed thousands of times
/// does not make joining quadratic.
const VETO_CHECKS: usize = 64;

/// Groups `n` records by the merge edges; `may_pair(x, y)` says whether two records
/// can be one customer at all, and `decided` holds a person's decisions. Returns the
/// groups of two or more members, each sorted by record index, in an order of their
/// lowest content rank.
pub fn cluster(
    n: usize,
    mut edges: Vec<Edge>,
    rank: &[u32],
    may_pair: impl Fn(u32, u32) -> bool,
    decided: &Decided,
) -> Vec<Vec<u32>> {
    let key = |e: &Edge| {
        let (x, y) = (rank[e.a as usize], rank[e.b as usize]);
        (x.min(y), x.max(y))
    };
    edges.sort_by(|p, q| {
        q.decided
            .cmp(&p.decided)
            .then(q.score.total_cmp(&p.score))
            .then(key(p).cmp(&key(q)))
    });
    let mut owner: Vec<u32> = (0..n as u32).collect();
    // Members of each cluster, kept at its owner; empty for a record on its own.
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); n];
    for e in edges {
        let (ca, cb) = (owner[e.a as usize], owner[e.b as usize]);
        if ca == cb {
            continue;
        }
        let (ga, gb) = (group(&members, &ca), group(&members, &cb));
        let (small, other) = if ga.len() <= gb.len() { (ga, cb) } else { (gb, ca) };
        if decided.keeps_apart(small, other, &owner) {
            continue;
        }
        let vetoed = !e.decided && spread(ga).any(|x| spread(gb).any(|y| !may_pair(*x, *y)));
        if vetoed {
            continue;
        }
        let (keep, gone) = if ga.len() >= gb.len() { (ca, cb) } else { (cb, ca) };
        let moved = match std::mem::take(&mut members[gone as usize]) {
            m if m.is_empty() => vec![gone],
            m => m,
        };
        for m in &moved {
            owner[*m as usize] = keep;
        }
        let kept = &mut members[keep as usize];
        if kept.is_empty() {
            kept.push(keep);
        }
        kept.extend(moved);
    }
    let mut groups: Vec<Vec<u32>> = members.into_iter().filter(|m| m.len() > 1).collect();
    for g in &mut groups {
        g.sort_unstable();
    }
    groups.sort_by_key(|g| g.iter().map(|i| rank[*i as usize]).min());
    groups
}

/// The members of the cluster owned by `c` (`c` alone when it has none yet).
fn group<'a>(members: &'a [Vec<u32>], c: &'a u32) -> &'a [u32] {
    let m = &members[*c as usize];
    if m.is_empty() {
        std::slice::from_ref(c)
    } else {
        m
    }
}

/// At most [`VETO_CHECKS`] members, evenly spread.
fn spread(members: &[u32]) -> impl Iterator<Item = &u32> {
    let step = members.len().div_ceil(VETO_CHECKS).max(1);
    members.iter().step_by(step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::decided::{DecidedBy, DecidedPair};
    use crate::record::RecordId;

    fn edge(a: u32, b: u32, score: f64) -> Edge {
        Edge {
            a,
            b,
            score,
            decided: false,
        }
    }

    fn cluster(n: usize, edges: Vec<Edge>, rank: &[u32], may_pair: impl Fn(u32, u32) -> bool) -> Vec<Vec<u32>> {
        super::cluster(n, edges, rank, may_pair, &Decided::default())
    }

    fn pair(a: u32, b: u32, same: bool) -> DecidedPair {
        DecidedPair {
            a: RecordId(a),
            b: RecordId(b),
            same,
            decided_in: "m.xlsx [Review] row 2".into(),
            by: DecidedBy::Person,
        }
    }

    #[test]
    fn a_pair_decided_different_is_never_joined_even_through_a_third() {
        // 0 ~ 1 ~ 2 strongly, but a person said 0 and 2 are different customers.
        let rank = [0, 1, 2];
        let pairs = [pair(0, 2, false)];
        let decided = Decided::new(&pairs);
        let edges = vec![edge(0, 1, 20.0), edge(1, 2, 19.0), edge(0, 2, 18.0)];
        let groups = super::cluster(3, edges, &rank, |_, _| true, &decided);
        assert_eq!(groups, vec![vec![0, 1]]);
    }

    #[test]
    fn a_pair_decided_same_is_joined_over_a_veto() {
        let rank = [0, 1];
        let mut e = edge(0, 1, f64::INFINITY);
        e.decided = true;
        let groups = super::cluster(2, vec![e], &rank, |_, _| false, &Decided::default());
        assert_eq!(groups, vec![vec![0, 1]]);
    }

    #[test]
    fn a_veto_across_clusters_stops_the_chain() {
        // 0 ~ 1 ~ 2, but 0 and 2 cannot be one customer.
        let rank = [0, 1, 2];
        let groups = cluster(3, vec![edge(0, 1, 20.0), edge(1, 2, 15.0)], &rank, |x, y| {
            (x.min(y), x.max(y)) != (0, 2)
        });
        assert_eq!(groups, vec![vec![0, 1]]);
    }

    #[test]
    fn the_strongest_link_wins_whatever_the_edge_order() {
        let rank = [0, 1, 2];
        let veto = |x: u32, y: u32| (x.min(y), x.max(y)) != (0, 2);
        let one = cluster(3, vec![edge(0, 1, 13.0), edge(1, 2, 15.0)], &rank, veto);
        let two = cluster(3, vec![edge(1, 2, 15.0), edge(0, 1, 13.0)], &rank, veto);
        assert_eq!(one, vec![vec![1, 2]]);
        assert_eq!(one, two);
    }

    #[test]
    fn a_customer_listed_thousands_of_times_is_one_cluster_quickly() {
        let n = 5000u32;
        let rank: Vec<u32> = (0..n).collect();
        let edges: Vec<Edge> = (1..n).map(|i| edge(i - 1, i, 20.0)).collect();
        let checks = std::cell::Cell::new(0u64);
        let groups = cluster(n as usize, edges, &rank, |_, _| {
            checks.set(checks.get() + 1);
            true
        });
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), n as usize);
        assert!(checks.get() < 64 * 64 * n as u64 / 10, "{} veto checks", checks.get());
    }

    #[test]
    fn unvetoed_edges_join_transitively() {
        let rank = [3, 2, 1, 0];
        let groups = cluster(
            4,
            vec![edge(0, 1, 20.0), edge(2, 3, 20.0), edge(1, 2, 12.0)],
            &rank,
            |_, _| true,
        );
        assert_eq!(groups, vec![vec![0, 1, 2, 3]]);
    }
}
