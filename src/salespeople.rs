//! One name per salesperson: the spellings of a salesperson's name across lists
//! (`Wang Fang`, `WANG Fang`, `王芳`) folded to one, so the report counts one person and
//! the call sheet and roster give them one sheet.
//!
//! A pipeline step between normalize and matching: it needs every record's salesperson
//! to choose a spelling, which normalizing one record at a time cannot. It folds as
//! customer names are folded (case, width, word order, traditional characters, pinyin
//! against characters), then applies `rules/salespeople.toml`'s aliases. Two people whose
//! names read the same in pinyin (`王芳`, `汪芳`) are never folded into one; a Latin
//! spelling of both is left as written. Every record changed is logged in Changes, and
//! every merge of spellings is returned for the report.

use std::collections::{BTreeMap, BTreeSet};

use crate::record::{Change, Field, Record};
use crate::text::fold_width;
use crate::text::keys::{is_han, name_key};
use crate::text::romanize::words_key;
use serde::Deserialize;

/// Spellings of one salesperson's name folded into one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// The name written for them all.
    pub name: String,
    /// Every spelling read, sorted.
    pub spellings: Vec<String>,
    /// Records whose spelling was changed.
    pub rows: usize,
}

impl Merge {
    /// The report's note: `salesperson: 王芳, Wang Fang are one salesperson, written 王芳
    /// (2 rows changed)`.
    pub fn note(&self) -> String {
        format!(
            "salesperson: {} are one salesperson, written {} ({} row{} changed; other names go in rules/salespeople.toml)",
            self.spellings.join(", "),
            self.name,
            self.rows,
            if self.rows == 1 { "" } else { "s" }
        )
    }
}

/// The folded form of an alias or name in `salespeople.toml`: width, case and spaces
/// ignored.
pub fn alias_key(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Rewrites every record's salesperson to the one name of its person; returns the merges.
pub fn fold(records: &mut [Record], aliases: &BTreeMap<String, String>) -> Vec<Merge> {
    let counts = spelling_counts(records);
    let names = names(&counts, aliases);
    let mut merges: BTreeMap<&str, Merge> = BTreeMap::new();
    for (spelling, name) in &names {
        let m = merges.entry(name.as_str()).or_insert_with(|| Merge {
            name: name.clone(),
            spellings: Vec::new(),
            rows: 0,
        });
        m.spellings.push(spelling.clone());
        if spelling != name {
            m.rows += counts[spelling];
        }
    }
    for r in records.iter_mut() {
        let Some(old) = r.clean.values.get(Field::Salesperson).map(str::to_string) else {
            continue;
        };
        let Some(name) = names.get(&old).filter(|n| **n != old) else {
            continue;
        };
        r.clean.values.insert(Field::Salesperson, name);
        r.changes.push(Change {
            field: Field::Salesperson,
            raw: old.as_str().into(),
            clean: name.as_str().into(),
            rule: "salesperson.fold",
        });
    }
    merges
        .into_values()
        .filter(|m| m.spellings.len() > 1)
        .map(|mut m| {
            m.spellings.sort();
            m
        })
        .collect()
}

/// How many records write each spelling.
fn spelling_counts(records: &[Record]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for r in records {
        if let Some(s) = r.clean.values.get(Field::Salesperson) {
            *counts.entry(s.to_string()).or_insert(0) += 1;
        }
    }
    counts
}

/// The name to write for each spelling.
fn names(counts: &BTreeMap<String, usize>, aliases: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    // Aliases first: a spelling listed goes to its name, which then folds like any other.
    let aliased = |s: &String| aliases.get(&alias_key(s)).cloned().unwrap_or_else(|| s.clone());
    let mut by_person: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    let mut person_of: BTreeMap<String, String> = BTreeMap::new();
    let people = people(counts.keys().map(aliased).collect());
    for (spelling, n) in counts {
        let target = aliased(spelling);
        let person = people.get(&target).cloned().unwrap_or_else(|| target.clone());
        by_person.entry(person.clone()).or_default().push((target.clone(), *n));
        person_of.insert(spelling.clone(), person);
    }
    let chosen: BTreeMap<String, String> = by_person
        .into_iter()
        .map(|(person, spellings)| (person, chosen_spelling(&spellings)))
        .collect();
    person_of
        .into_iter()
        .map(|(spelling, person)| (spelling, chosen[&person].clone()))
        .collect()
}

/// Each spelling's person key: its name key (case, width, word order, traditional
/// characters), and for a spelling in Latin letters the key of the one name in
/// characters that reads the same in pinyin, when there is exactly one.
fn people(spellings: BTreeSet<String>) -> BTreeMap<String, String> {
    let mut han_by_reading: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in &spellings {
        let key = name_key(s);
        if key.chars().any(is_han) {
            han_by_reading.entry(words_key(&key)).or_default().insert(key);
        }
    }
    spellings
        .into_iter()
        .map(|s| {
            let key = name_key(&s);
            let person = match han_by_reading.get(&words_key(&key)) {
                Some(han) if han.len() == 1 && !key.chars().any(is_han) => han.iter().next().cloned().unwrap_or(key),
                _ => key,
            };
            (s, person)
        })
        .collect()
}

/// The spelling to write for one person: one in characters if any (the way Chinese
/// colleagues write it), the most used, then the first in order.
fn chosen_spelling(spellings: &[(String, usize)]) -> String {
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    for (s, n) in spellings {
        *totals.entry(s.as_str()).or_insert(0) += n;
    }
    totals
        .into_iter()
        .max_by(|a, b| {
            let han = |s: &str| s.chars().any(is_han);
            (han(a.0), a.1).cmp(&(han(b.0), b.1)).then(b.0.cmp(a.0))
        })
        .map(|(s, _)| s.to_string())
        .unwrap_or_default()
}

/// `salespeople.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalespeopleRules {
    #[serde(default)]
    aliases: BTreeMap<String, String>,
}

/// The aliases of `salespeople.toml`, keyed by their folded form; every alias that is
/// empty, or whose name to write is itself an alias, is a problem.
pub fn check_salespeople(
    rules: &SalespeopleRules,
    label: &str,
    problems: &mut Vec<String>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (alias, name) in &rules.aliases {
        let key = alias_key(alias);
        if key.is_empty() || name.trim().is_empty() {
            problems.push(format!("{label}: aliases: {alias:?} = {name:?}: neither may be empty"));
        } else if rules.aliases.keys().any(|a| alias_key(a) == alias_key(name)) {
            problems.push(format!(
                "{label}: aliases: {alias:?} = {name:?}: {name:?} is itself an alias; write the name it stands for"
            ));
        } else {
            out.insert(key, name.trim().to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(spellings: &[&str], aliases: &[(&str, &str)]) -> BTreeMap<String, String> {
        let counts = spellings.iter().map(|s| (s.to_string(), 1)).collect();
        let aliases = aliases.iter().map(|(a, n)| (alias_key(a), n.to_string())).collect();
        names(&counts, &aliases)
    }

    #[test]
    fn spellings_of_one_name_fold_to_the_one_in_characters() {
        let names = written(&["Wang Fang", "王芳", "FANG Wang", "wang  fang", "李娜"], &[]);
        for s in ["Wang Fang", "王芳", "FANG Wang", "wang  fang"] {
            assert_eq!(names[s], "王芳", "{s}");
        }
        assert_eq!(names["李娜"], "李娜");
    }

    #[test]
    fn two_people_who_read_alike_stay_two() {
        let names = written(&["王芳", "汪芳", "Wang Fang"], &[]);
        assert_eq!(names["王芳"], "王芳");
        assert_eq!(names["汪芳"], "汪芳");
        assert_eq!(names["Wang Fang"], "Wang Fang", "which of them is not known");
    }

    #[test]
    fn latin_spellings_fold_among_themselves() {
        let names = written(&["John Smith", "SMITH John", "John Smith"], &[]);
        assert_eq!(names["SMITH John"], names["John Smith"]);
    }

    #[test]
    fn aliases_name_what_folding_cannot_see() {
        let names = written(&["Fiona", "王芳", "Wang Fang"], &[("fiona", "王芳")]);
        assert_eq!(names["Fiona"], "王芳");
        assert_eq!(names["Wang Fang"], "王芳");
    }

    #[test]
    fn folding_is_idempotent() {
        let once = written(&["Wang Fang", "王芳", "Li Na"], &[]);
        let again: Vec<&str> = once.values().map(String::as_str).collect();
        let twice = written(&again, &[]);
        assert!(twice.iter().all(|(k, v)| k == v), "{twice:?}");
    }

    #[test]
    fn alias_keys_ignore_width_case_and_spaces() {
        assert_eq!(alias_key("Ｆｉｏｎａ  Wang"), "fionawang");
    }
}
