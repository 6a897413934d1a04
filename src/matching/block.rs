//! Blocking: which pairs of records are worth comparing. Never all pairs.
//!
//! Each record gives a few keys (its numbers, emails, ID number, name + company or the
//! company alone when no person is named, name in pinyin, postcode + name initial,
//! birth date), hashed to u64. Records sharing a key form a block;
//! a block of up to `max_block` rows is compared all pairs, a larger one (a company
//! switchboard, a very common name) by a sorted window: its rows sorted by name and
//! company and each compared with the next `window`. So the number of pairs grows
//! linearly with the rows. Pairs come out once each, sorted, whatever the input order.

use rayon::prelude::*;

use super::features::Contacts::{PersonalEmails, PersonalPhones, SharedEmails, SharedPhones};
use super::features::{hash, Features, Text};
use super::rules::{BlockKey, MatchRules};

/// A candidate pair: the two record indices, lower first.
pub type Pair = (u32, u32);

/// Every pair that shares at least one blocking key, sorted and without repeats.
/// `rank` is each record's place in content order (the window's last tie-break).
///
/// The keys are taken one kind at a time (phones, then emails, ...): the tags of
/// [`keys`] keep the kinds' blocks apart anyway, and one kind's keys take a fraction of
/// the memory of all of them at once.
pub fn candidate_pairs(features: &[Features], rank: &[u32], rules: &MatchRules) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    for kind in &rules.block_keys {
        pairs.extend(kind_pairs(features, rank, rules, kind));
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs.shrink_to_fit();
    pairs
}

/// The pairs of the blocks of one kind of key, sorted and without repeats.
fn kind_pairs(features: &[Features], rank: &[u32], rules: &MatchRules, kind: &BlockKey) -> Vec<Pair> {
    let kinds = std::slice::from_ref(kind);
    let mut keyed: Vec<(u64, u32)> = features
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, f)| keys(f, kinds).into_iter().map(move |k| (k, i as u32)))
        .collect();
    keyed.par_sort_unstable();
    keyed.dedup();
    let mut pairs: Vec<Pair> = keyed
        .par_chunk_by(|a, b| a.0 == b.0)
        .filter(|block| block.len() > 1)
        .flat_map_iter(|block| {
            let members: Vec<u32> = block.iter().map(|(_, i)| *i).collect();
            block_pairs(members, features, rank, rules)
        })
        .collect();
    drop(keyed);
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// The blocking keys of one record.
pub fn keys(f: &Features, kinds: &[BlockKey]) -> Vec<u64> {
    let mut out = Vec::new();
    for kind in kinds {
        match kind {
            BlockKey::Phone => out.extend(f.contacts(PersonalPhones).iter().chain(f.contacts(SharedPhones))),
            BlockKey::Email => out.extend(f.contacts(PersonalEmails).iter().chain(f.contacts(SharedEmails))),
            BlockKey::IdNumber => push_text(&mut out, b'i', &[f.text(Text::IdNumber)]),
            // A company's own row (no person named) meets the company's other rows.
            BlockKey::NameCompany if f.name().is_empty() => push_text(&mut out, b'o', &[f.company()]),
            BlockKey::NameCompany => push_text(&mut out, b'c', &[f.name(), f.company()]),
            BlockKey::NameRomanized => {
                push_text(&mut out, b'r', &[f.roman()]);
                if f.text(Text::Words) != f.roman() {
                    push_text(&mut out, b'r', &[f.text(Text::Words)]);
                }
            }
            BlockKey::PostcodeName => push_text(&mut out, b'z', &[f.text(Text::Postcode), f.text(Text::Initial)]),
            BlockKey::BirthDate => push_text(&mut out, b'b', &[f.text(Text::Birth)]),
        }
    }
    out
}

/// A key from text parts, when none of them is empty.
fn push_text(out: &mut Vec<u64>, tag: u8, parts: &[&str]) {
    if parts.iter().all(|p| !p.is_empty()) {
        out.push(hash(tag, &parts.join("\u{1}")));
    }
}

/// The pairs of one block, lower first.
fn block_pairs(mut members: Vec<u32>, features: &[Features], rank: &[u32], rules: &MatchRules) -> Vec<Pair> {
    let window = if members.len() <= rules.max_block {
        members.len()
    } else {
        members.sort_unstable_by(|a, b| {
            let (fa, fb) = (&features[*a as usize], &features[*b as usize]);
            (fa.roman(), fa.company(), rank[*a as usize]).cmp(&(fb.roman(), fb.company(), rank[*b as usize]))
        });
        rules.window + 1
    };
    let mut out = Vec::with_capacity(members.len() * window.min(members.len()));
    for (i, a) in members.iter().enumerate() {
        for b in members.iter().skip(i + 1).take(window - 1) {
            let (lo, hi) = if a < b { (*a, *b) } else { (*b, *a) };
            out.push((lo, hi));
        }
    }
    out
}
