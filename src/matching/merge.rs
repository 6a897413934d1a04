//! Merging the records of one customer into one row, by the `[merge]` rules of
//! `rules/match.toml`: per field the value of the row from the most trusted source, in
//! Chinese characters, most recent, most complete (in the order the rules give), ties
//! to content order; every distinct phone, fax and email kept, and every distinct
//! remark and unmapped value (joined, `a; b`), since those decide verdicts and hold
//! what people wrote.
//!
//! Also picks the representative (the row kept; the others are listed as duplicates) by
//! the same preferences applied to whole rows.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::rules::{MatchRules, Prefer};
use crate::record::matched::Merged;
use crate::record::{Field, List, PhoneNumber, Record, RecordId};
use crate::text::join_distinct;
use crate::text::romanize::in_pinyin_blocks;

/// Where a file stands in the rules' source priority: the index of the first pattern
/// its name matches, or after all of them.
pub fn source_rank(file: &str, rules: &MatchRules) -> usize {
    if rules.source_priority.is_empty() {
        return 0;
    }
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    rules
        .source_priority
        .iter()
        .position(|p| glob(p.as_bytes(), name.as_bytes()) || glob(p.as_bytes(), file.as_bytes()))
        .unwrap_or(rules.source_priority.len())
}

/// `*` any run, `?` any one character (byte), everything else itself.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match (pattern.first(), text.first()) {
        (None, None) => true,
        (Some(b'*'), _) => glob(&pattern[1..], text) || (!text.is_empty() && glob(pattern, &text[1..])),
        (Some(b'?'), Some(_)) => glob(&pattern[1..], &text[1..]),
        (Some(p), Some(t)) if p == t => glob(&pattern[1..], &text[1..]),
        _ => false,
    }
}

/// Orders a customer's members, most trusted first: by the rules' preferences on whole
/// rows (source, date, number of filled fields), then by content rank.
pub fn order_members(records: &[Record], members: &mut [RecordId], rank: &[u32], rules: &MatchRules) {
    members.sort_by(|x, y| {
        let (a, b) = (&records[x.0 as usize], &records[y.0 as usize]);
        let by = |p: &Prefer| match p {
            Prefer::Source => source_rank(&a.origin.file, rules).cmp(&source_rank(&b.origin.file, rules)),
            Prefer::Chinese => Ordering::Equal,
            Prefer::Recent => date(b, rules).cmp(date(a, rules)),
            Prefer::Complete => filled(b).cmp(&filled(a)),
        };
        rules
            .prefer
            .iter()
            .map(by)
            .find(|o| o.is_ne())
            .unwrap_or_else(|| rank[x.0 as usize].cmp(&rank[y.0 as usize]))
    });
}

fn date<'a>(r: &'a Record, rules: &MatchRules) -> &'a str {
    r.clean.value(rules.date_field)
}

fn filled(r: &Record) -> usize {
    let c = &r.clean;
    c.values.len() + c.phones.len() + c.faxes.len() + c.emails.len()
}

/// Merges the member records, ordered by [`order_members`] (representative first);
/// `None` for one record, which is its own merge (see [`MergedView`]).
pub fn merge(records: &[Record], members: &[RecordId], rules: &MatchRules) -> Option<Merged> {
    if members.len() < 2 {
        return None;
    }
    let rows: Vec<&Record> = members.iter().map(|id| &records[id.0 as usize]).collect();
    let mut merged = Merged::default();
    let fields: BTreeSet<Field> = rows.iter().flat_map(|r| r.clean.values.fields()).collect();
    for field in fields {
        if field == Field::Remarks {
            let all = rows.iter().filter_map(|r| r.clean.values.get(field));
            merged.values.insert(field, &join_distinct(all));
        } else if let Some(v) = pick(&rows, field, rules) {
            merged.values.insert(field, v);
        }
    }
    merged.title = rows
        .iter()
        .map(|r| r.clean.title.as_str())
        .find(|t| !t.is_empty())
        .unwrap_or("")
        .into();
    for r in &rows {
        push_phones(&mut merged.phones, &r.clean.phones);
        push_phones(&mut merged.faxes, &r.clean.faxes);
        for b in &r.clean.bad_phones {
            if !merged.bad_phones.iter().any(|x| x.raw == b.raw) {
                merged.bad_phones.push(b.clone());
            }
        }
        for e in &r.clean.emails {
            if !merged.emails.iter().any(|x| x.eq_ignore_ascii_case(e)) {
                merged.emails.push(e.clone());
            }
        }
        for (h, v) in &r.extras {
            match merged.extras.iter_mut().find(|(x, _)| x == h) {
                Some((_, kept)) => *kept = join_distinct([kept.as_str(), v.as_str()]).into(),
                None => merged.extras.push((h.clone(), v.clone())),
            }
        }
    }
    merged.phones.sort_by_key(PhoneNumber::rank);
    Some(merged)
}

fn push_phones(into: &mut List<PhoneNumber>, from: &[PhoneNumber]) {
    for p in from {
        if !into.iter().any(|x| x.e164 == p.e164 && x.extension == p.extension) {
            into.push(p.clone());
        }
    }
}

/// The value of a field by the rules' preferences; rows are in member order, which
/// breaks the remaining ties.
fn pick<'a>(rows: &[&'a Record], field: Field, rules: &MatchRules) -> Option<&'a str> {
    let candidates = rows.iter().filter_map(|r| r.clean.values.get(field).map(|v| (*r, v)));
    candidates
        .reduce(|best, next| {
            let better = rules
                .prefer
                .iter()
                .map(|p| compare_values(*p, next, best, rules))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal);
            if better == Ordering::Less {
                next
            } else {
                best
            }
        })
        .map(|(_, v)| v)
}

/// `Less` when `a` is preferred to `b` by one criterion.
fn compare_values(p: Prefer, a: (&Record, &str), b: (&Record, &str), rules: &MatchRules) -> Ordering {
    match p {
        Prefer::Source => source_rank(&a.0.origin.file, rules).cmp(&source_rank(&b.0.origin.file, rules)),
        Prefer::Chinese => {
            b.1.chars()
                .any(in_pinyin_blocks)
                .cmp(&a.1.chars().any(in_pinyin_blocks))
        }
        Prefer::Recent => date(b.0, rules).cmp(date(a.0, rules)),
        Prefer::Complete => b.1.chars().count().cmp(&a.1.chars().count()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob(b"crm*.xlsx", b"crm_2023.xlsx"));
        assert!(glob(b"*.csv", b"a.csv"));
        assert!(glob(b"list?.csv", b"list1.csv"));
        assert!(!glob(b"crm*.xlsx", b"old_crm.xlsx"));
    }
}
