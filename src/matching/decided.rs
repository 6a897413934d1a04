//! Pairs a person decided on the Review sheet, as matching applies them: a `same` pair
//! is joined whatever the data says, a `different` pair is never one customer (a veto
//! no chain of matches can get round), and neither is put on the Review sheet again.
//!
//! A row read again beside last run's master, from the place last run's Lineage lists
//! it, is joined to its customer the same way, once matching has checked that the row
//! still says what it said ([`rows_read_again`]).

use std::collections::{HashMap, HashSet};

use crate::record::{Choice, Decision, LastPlace, Record, RecordId, Side};

/// One decided pair, resolved to this run's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecidedPair {
    pub a: RecordId,
    pub b: RecordId,
    pub same: bool,
    /// Where it was decided: where the person decided it (`q1/master.xlsx [Review]
    /// row 5`), or where last run's Lineage lists the row.
    pub decided_in: String,
    pub by: DecidedBy,
}

/// Who decided a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecidedBy {
    /// A person, on a Review or Decisions sheet.
    Person,
    /// Last run: the row is read again from the place last run's Lineage gave to the
    /// customer (`a` is that customer's master row, `b` the row).
    LastRun,
}

/// The decided pairs, indexed for clustering and for the sheets.
#[derive(Debug, Default)]
pub struct Decided<'a> {
    pub pairs: &'a [DecidedPair],
    /// Record -> the records it must never be one customer with.
    apart: HashMap<u32, Vec<u32>>,
    /// Record -> (the record it was joined with, where and by whom it was decided).
    joined: HashMap<u32, (u32, &'a str, DecidedBy)>,
}

impl<'a> Decided<'a> {
    pub fn new(pairs: &'a [DecidedPair]) -> Decided<'a> {
        let mut apart: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut joined = HashMap::new();
        for p in pairs.iter().filter(|p| p.a != p.b) {
            let (a, b) = (p.a.0, p.b.0);
            if p.same {
                joined.insert(b, (a, p.decided_in.as_str(), p.by));
                joined.entry(a).or_insert((b, p.decided_in.as_str(), p.by));
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

    /// The record `record` was decided to be one customer with, where and by whom, if
    /// any.
    pub fn joined_with(&self, record: u32) -> Option<(u32, &'a str, DecidedBy)> {
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
            by: DecidedBy::Person,
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

/// The rows of this run read from a place last run's Lineage gave to a customer, each
/// paired with that customer's master row (`by_id`: last run's customer id -> its
/// record). A place is found by the file as it was named, or else by the file's name
/// alone when no two files of last run share it (the lists were moved or the run starts
/// elsewhere). Matching keeps a pair only when the row still says what it said.
pub fn rows_read_again(
    places: &[LastPlace],
    records: &[Record],
    by_id: &HashMap<String, RecordId>,
) -> Vec<DecidedPair> {
    if places.is_empty() {
        return Vec::new();
    }
    let file_name = |f: &str| {
        std::path::Path::new(f)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(f)
            .to_string()
    };
    let mut files_named: HashMap<String, HashSet<&str>> = HashMap::new();
    for p in places {
        files_named.entry(file_name(&p.file)).or_default().insert(&p.file);
    }
    let mut exact: HashMap<(&str, &str, u32), &LastPlace> = HashMap::new();
    let mut by_name: HashMap<(String, &str, u32), &LastPlace> = HashMap::new();
    for p in places {
        exact.insert((&p.file, &p.sheet, p.row), p);
        let name = file_name(&p.file);
        if files_named[&name].len() == 1 {
            by_name.insert((name, &p.sheet, p.row), p);
        }
    }
    records
        .iter()
        .filter(|r| !r.is_from_master())
        .filter_map(|r| {
            let o = &r.origin;
            let place = exact
                .get(&(&*o.file, &*o.sheet, o.row))
                .or_else(|| by_name.get(&(file_name(&o.file), &*o.sheet, o.row)))?;
            Some(DecidedPair {
                a: *by_id.get(&place.customer_id)?,
                b: r.id,
                same: true,
                decided_in: place.listed_at.clone(),
                by: DecidedBy::LastRun,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Cells, List, Origin};

    fn record(id: u32, file: &str, row: u32, master_rows: u32) -> Record {
        let origin = Origin {
            file: file.into(),
            sheet: "".into(),
            row,
        };
        let mut r = Record::read(origin, Cells::new::<&str>(&[]), List::new());
        r.id = RecordId(id);
        r.master_rows = master_rows;
        r
    }

    fn place(file: &str, row: u32, customer_id: &str) -> LastPlace {
        LastPlace {
            file: file.into(),
            sheet: String::new(),
            row,
            customer_id: customer_id.into(),
            listed_at: format!("q1/master.xlsx [Lineage] row {row}"),
        }
    }

    #[test]
    fn a_row_read_again_is_found_by_its_path_or_by_its_file_name_alone() {
        let records = [
            record(0, "q1/master.xlsx", 2, 1),
            record(1, "q1/master.xlsx", 3, 1),
            record(2, "lists/展会.csv", 2, 0),
            record(3, "moved/老客户.csv", 5, 0),
            record(4, "lists/展会.csv", 9, 0),
        ];
        let by_id = HashMap::from([
            ("C000001".to_string(), RecordId(0)),
            ("C000002".to_string(), RecordId(1)),
        ]);
        let places = [
            place("lists/展会.csv", 2, "C000001"),
            place("old/老客户.csv", 5, "C000002"),
            place("lists/展会.csv", 9, "C000003"),
        ];
        let pairs = rows_read_again(&places, &records, &by_id);
        let found: Vec<(u32, u32)> = pairs.iter().map(|p| (p.a.0, p.b.0)).collect();
        // Row 9's customer is not in the master any more: nothing to join.
        assert_eq!(found, [(0, 2), (1, 3)]);
        assert!(pairs.iter().all(|p| p.same && p.by == DecidedBy::LastRun));
        assert_eq!(pairs[1].decided_in, "q1/master.xlsx [Lineage] row 5");
    }

    #[test]
    fn a_file_name_two_of_last_runs_files_share_is_found_by_its_path_only() {
        let records = [
            record(0, "q1/master.xlsx", 2, 1),
            record(1, "q3/list.csv", 2, 0),
            record(2, "q1/list.csv", 2, 0),
        ];
        let by_id = HashMap::from([("C000001".to_string(), RecordId(0))]);
        let places = [place("q1/list.csv", 2, "C000001"), place("q2/list.csv", 3, "C000001")];
        let pairs = rows_read_again(&places, &records, &by_id);
        assert_eq!(pairs.iter().map(|p| p.b.0).collect::<Vec<_>>(), [2]);
    }
}
