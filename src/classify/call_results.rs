//! Call results: rows with an outcome written in them, from the `--outcomes` files and
//! from outcome columns of the customer lists themselves.
//!
//! Each result is matched to its customer by customer id first (the master's id or the
//! list's own id column), else by phone number: the call sheet's cell read through the
//! [`PhoneKey`] the pipeline passes in (the phone normalizer's E.164), against the
//! customers' normalized numbers, so `+86 139 0000 0001` finds `13900000001`. Of a customer's
//! results the latest decides; a run of failed calls (no answer, busy) as long as the
//! rules say makes the customer `unreachable`. A result that matches no customer, or
//! whose outcome is not in the vocabulary, is never dropped: it is listed in the report.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::vocabulary::{Found, Vocabulary};
use super::{Evidence, PhoneKey, Status, Verdict};
use crate::record::matched::Matched;
use crate::record::verdict::VerifiedBy;
use crate::record::verdict::{CallFileReport, CallReport, UnusedResult};
use crate::record::{Field, Origin, Reason, Record, Rejected};
use crate::text::fold_width;

/// The rows of the `--outcomes` files, as the reader gave them.
#[derive(Debug, Clone, Default)]
pub struct CallRows {
    /// Every outcome file, as labelled in outputs, in the order given.
    pub files: Vec<Arc<str>>,
    pub records: Vec<Record>,
    /// Rows the reader refused (no id, phone or name in them).
    pub rejected: Vec<Rejected>,
}

/// How a result found its customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum By {
    /// The result is in the customer's own row.
    Row,
    Id,
    Phone,
}

/// A call result matched to a customer and understood.
#[derive(Debug, Clone)]
pub struct Applied<'a> {
    origin: &'a Origin,
    found: Found<'a>,
    written: &'a str,
    date: Option<&'a str>,
    caller: Option<&'a str>,
    /// Order of reading, for results of the same date.
    seq: usize,
}

/// The cells of one row that say what a call found.
struct Row<'a> {
    record: &'a Record,
    outcome: Option<&'a str>,
    customer_id: Option<&'a str>,
    phones: Vec<&'a str>,
}

impl<'a> Row<'a> {
    fn new(record: &'a Record) -> Row<'a> {
        Row {
            record,
            outcome: record.raw_value(Field::Outcome),
            customer_id: record.raw_value(Field::SourceCustomerId),
            phones: record
                .raw
                .iter()
                .filter(|(f, _)| f.is_phone())
                .map(|(_, v)| v)
                .collect(),
        }
    }

    fn unused(&self, why: Why) -> UnusedResult {
        UnusedResult {
            source: self.record.origin.to_string(),
            customer_id: self.customer_id.unwrap_or_default().to_string(),
            phone: self.phones.join("; "),
            outcome: self.outcome.unwrap_or_default().to_string(),
            why: why.en,
            why_zh: why.zh,
        }
    }

    fn applied(&self, found: Found<'a>, seq: usize) -> Applied<'a> {
        Applied {
            origin: &self.record.origin,
            found,
            written: self.outcome.unwrap_or_default(),
            date: self.record.raw_value(Field::CallDate),
            caller: self.record.raw_value(Field::Caller),
            seq,
        }
    }
}

/// Matches every call result to its customer; returns each customer's results (in the
/// customers' order) and the report.
pub fn resolve<'a>(
    matched: &Matched,
    evidence: &Evidence<'a>,
    vocabulary: &Vocabulary<'a>,
) -> (Vec<Vec<Applied<'a>>>, CallReport) {
    let mut tally = Tally::new(matched.customers.len(), &evidence.call_rows.files);
    for record in evidence.records {
        let row = Row::new(record);
        if row.outcome.is_some() {
            let customer = matched.customer_of(record.id).map(|c| (c, By::Row));
            let customer = customer.ok_or_else(|| Why::new("not a customer", "不是客户"));
            tally.result(&row, vocabulary, customer);
        }
    }
    if !evidence.call_rows.records.is_empty() {
        let index = CustomerIndex::new(matched, evidence.records);
        for record in &evidence.call_rows.records {
            call_row(&mut tally, &index, record, evidence, vocabulary);
        }
    }
    for rejected in &evidence.call_rows.rejected {
        tally.rejected(rejected);
    }
    tally.finish()
}

/// One row of an outcomes file: not called yet, or a result matched to its customer.
fn call_row<'a>(
    tally: &mut Tally<'a>,
    index: &CustomerIndex,
    record: &'a Record,
    evidence: &Evidence<'a>,
    vocabulary: &Vocabulary<'a>,
) {
    let row = Row::new(record);
    if row.outcome.is_none() {
        tally.without_outcome(&record.origin);
        return;
    }
    let customer = index.find(&row, evidence.phone_key);
    tally.result(&row, vocabulary, customer);
}

/// Counts results as they are matched, per file and in total.
struct Tally<'a> {
    applied: Vec<Vec<Applied<'a>>>,
    report: CallReport,
    files: BTreeMap<Arc<str>, CallFileReport>,
    order: Vec<Arc<str>>,
    seq: usize,
}

impl<'a> Tally<'a> {
    fn new(customers: usize, files: &[Arc<str>]) -> Tally<'a> {
        let mut tally = Tally {
            applied: vec![Vec::new(); customers],
            report: CallReport::default(),
            files: BTreeMap::new(),
            order: Vec::new(),
            seq: 0,
        };
        for f in files {
            tally.file(f);
        }
        tally
    }

    fn file(&mut self, name: &Arc<str>) -> &mut CallFileReport {
        if !self.files.contains_key(name) {
            self.order.push(name.clone());
        }
        self.files.entry(name.clone()).or_insert_with(|| CallFileReport {
            file: name.to_string(),
            ..CallFileReport::default()
        })
    }

    fn result(&mut self, row: &Row<'a>, vocabulary: &Vocabulary<'a>, customer: Result<(usize, By), Why>) {
        self.seq += 1;
        self.report.results += 1;
        self.file(&row.record.origin.file).results += 1;
        let written = row.outcome.unwrap_or_default();
        let Some(found) = vocabulary.outcome(written) else {
            let why = Why {
                en: format!("the outcome {written:?} is not in the outcome vocabulary (rules/outcomes.toml)"),
                zh: format!("通话结果“{written}”不在结果词表中（rules/outcomes.toml）"),
            };
            self.report.unrecognized.push(row.unused(why));
            self.file(&row.record.origin.file).unrecognized += 1;
            return;
        };
        match customer {
            Ok((c, by)) => {
                self.report.applied += 1;
                match by {
                    By::Id => self.report.matched_by_id += 1,
                    By::Phone => self.report.matched_by_phone += 1,
                    By::Row => {}
                }
                self.file(&row.record.origin.file).applied += 1;
                let seq = self.seq;
                self.applied[c].push(row.applied(found, seq));
            }
            Err(why) => {
                self.report.unmatched.push(row.unused(why));
                self.file(&row.record.origin.file).unmatched += 1;
            }
        }
    }

    fn without_outcome(&mut self, origin: &Origin) {
        self.report.without_outcome += 1;
        self.file(&origin.file).without_outcome += 1;
    }

    fn rejected(&mut self, rejected: &Rejected) {
        self.report.unmatched.push(UnusedResult {
            source: rejected.origin.to_string(),
            customer_id: String::new(),
            phone: String::new(),
            outcome: String::new(),
            why: rejected.why.clone(),
            why_zh: rejected.why.clone(),
        });
        self.file(&rejected.origin.file).unmatched += 1;
    }

    fn finish(mut self) -> (Vec<Vec<Applied<'a>>>, CallReport) {
        self.report.customers_called = self.applied.iter().filter(|a| !a.is_empty()).count();
        let mut files = std::mem::take(&mut self.files);
        self.report.files = self.order.iter().filter_map(|f| files.remove(f)).collect();
        (self.applied, self.report)
    }
}

/// Customers by id and by phone key.
struct CustomerIndex {
    ids: HashMap<String, BTreeSet<usize>>,
    phones: HashMap<String, BTreeSet<usize>>,
    customer_ids: Vec<String>,
}

impl CustomerIndex {
    /// Every customer under its master id, the ids its rows were listed under, and the
    /// E.164 digits of its phones and faxes as the phone normalizer read them.
    fn new(matched: &Matched, records: &[Record]) -> CustomerIndex {
        let mut ids: HashMap<String, BTreeSet<usize>> = HashMap::new();
        let mut phones: HashMap<String, BTreeSet<usize>> = HashMap::new();
        for (i, c) in matched.customers.iter().enumerate() {
            ids.entry(id_key(&c.id)).or_default().insert(i);
            for member in &c.members {
                if let Some(id) = records[member.0 as usize].raw_value(Field::SourceCustomerId) {
                    ids.entry(id_key(id)).or_default().insert(i);
                }
            }
            let m = c.merged(records);
            for p in m.phones.iter().chain(m.faxes) {
                phones.entry(digits(&p.e164)).or_default().insert(i);
            }
        }
        CustomerIndex {
            ids,
            phones,
            customer_ids: matched.customers.iter().map(|c| c.id.clone()).collect(),
        }
    }

    /// The customer of a result: by id, else by phone; or why there is none.
    fn find(&self, row: &Row, phone_key: &PhoneKey<'_>) -> Result<(usize, By), Why> {
        let mut why = Vec::new();
        if let Some(id) = row.customer_id {
            match self.ids.get(&id_key(id)) {
                Some(set) if set.len() == 1 => return Ok((first(set), By::Id)),
                Some(set) => why.push(Why {
                    en: format!(
                        "customer id {id} belongs to {} customers ({})",
                        set.len(),
                        self.list(set)
                    ),
                    zh: format!("客户编号 {id} 对应 {} 个客户（{}）", set.len(), self.list(set)),
                }),
                None => why.push(Why {
                    en: format!("no customer has the id {id}"),
                    zh: format!("没有客户编号为 {id} 的客户"),
                }),
            }
        }
        let mut found = BTreeSet::new();
        for phone in &row.phones {
            for key in phone_keys(phone, phone_key) {
                found.extend(self.phones.get(&key).into_iter().flatten().copied());
            }
        }
        let phones = row.phones.join("; ");
        match found.len() {
            1 => return Ok((first(&found), By::Phone)),
            0 if !row.phones.is_empty() => why.push(Why {
                en: format!("no customer has the phone {phones}"),
                zh: format!("没有电话为 {phones} 的客户"),
            }),
            0 => {}
            n => why.push(Why {
                en: format!(
                    "the phone {phones} belongs to {n} customers ({}); give the customer id",
                    self.list(&found)
                ),
                zh: format!("电话 {phones} 对应 {n} 个客户（{}），请填写客户编号", self.list(&found)),
            }),
        }
        if why.is_empty() {
            why.push(Why::new(
                "no customer id or phone number in this row",
                "此行没有客户编号或电话",
            ));
        }
        Err(Why {
            en: why.iter().map(|w| w.en.as_str()).collect::<Vec<_>>().join("; "),
            zh: why.iter().map(|w| w.zh.as_str()).collect::<Vec<_>>().join("；"),
        })
    }

    /// The ids of the customers: `C000003, C000007`.
    fn list(&self, set: &BTreeSet<usize>) -> String {
        let ids: Vec<&str> = set.iter().map(|i| self.customer_ids[*i].as_str()).collect();
        ids.join(", ")
    }
}

/// Why a result decided nothing, in English and Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Why {
    en: String,
    zh: String,
}

impl Why {
    fn new(en: &str, zh: &str) -> Why {
        Why {
            en: en.to_string(),
            zh: zh.to_string(),
        }
    }
}

fn first(set: &BTreeSet<usize>) -> usize {
    set.iter().next().copied().unwrap_or_default()
}

/// An id compared without width, case or spaces: `ｙｙ 0001` is `YY0001`.
fn id_key(id: &str) -> String {
    fold_width(id)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

/// The keys of every number in a cell (`13900000001 / 010-62345678` holds two).
fn phone_keys(cell: &str, phone_key: &PhoneKey<'_>) -> Vec<String> {
    cell.split(['/', ';', ',', '、', '，', '；', '\n'])
        .filter_map(phone_key)
        .map(|k| digits(&k))
        .filter(|k| !k.is_empty())
        .collect()
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// The decision of a customer's call results, `None` when there are none.
pub fn decide(results: &mut [Applied], vocabulary: &Vocabulary) -> Option<Verdict> {
    results.sort_by_key(|a| (a.date.and_then(date_key), a.seq));
    let last = results.last()?;
    let failures = results
        .iter()
        .rev()
        .take_while(|a| vocabulary.is_failure(a.found.outcome))
        .count();
    let mut verdict = if failures >= vocabulary.failure_times() && failures > 0 {
        unreachable(failures)
    } else {
        let mut v = Verdict::from_outcome(last.found.outcome, VerifiedBy::Call);
        v.detail = match results.len() {
            1 => format!("call result: {}", last.written),
            n => format!("latest of {n} call results: {}", last.written),
        };
        v
    };
    verdict.evidence = results.iter().map(describe).collect::<Vec<_>>().join("; ");
    Some(verdict)
}

fn unreachable(failures: usize) -> Verdict {
    Verdict {
        status: Status::Invalid,
        reason: Some(Reason::Unreachable),
        detail: format!("{failures} failed calls in a row (no answer or busy)"),
        evidence: String::new(),
        verified_by: VerifiedBy::Call,
        outcome: Some(Reason::Unreachable.zh().to_string()),
    }
}

/// `calls.xlsx [Sheet1] row 5: 没人接 (2024-03-05, 李娜)`.
fn describe(a: &Applied) -> String {
    let when: Vec<&str> = [a.date, a.caller].into_iter().flatten().collect();
    if when.is_empty() {
        format!("{}: {}", a.origin, a.written)
    } else {
        format!("{}: {} ({})", a.origin, a.written, when.join(", "))
    }
}

/// A call date as a sortable key: year, month, day, hour, minute. Reads `2024-03-05`,
/// `2024/3/5 14:30`, `2024.03.05`, `2024年3月5日`, `20240305`; `None` for anything else,
/// which counts as older than every dated result.
pub fn date_key(s: &str) -> Option<[u32; 5]> {
    let groups: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let first = *groups.first()?;
    let mut parts: Vec<u32> = if first.len() == 8 {
        vec![
            first[..4].parse().ok()?,
            first[4..6].parse().ok()?,
            first[6..].parse().ok()?,
        ]
    } else if first.len() == 4 && groups.len() >= 3 {
        vec![first.parse().ok()?, groups[1].parse().ok()?, groups[2].parse().ok()?]
    } else {
        return None;
    };
    let time_from = if first.len() == 8 { 1 } else { 3 };
    for g in groups.iter().skip(time_from).take(2) {
        parts.push(g.parse().ok()?);
    }
    parts.resize(5, 0);
    let key = [parts[0], parts[1], parts[2], parts[3], parts[4]];
    ((1..=12).contains(&key[1]) && (1..=31).contains(&key[2])).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_dates_sort_in_the_spellings_users_write() {
        assert_eq!(date_key("2024-03-05"), Some([2024, 3, 5, 0, 0]));
        assert_eq!(date_key("2024/3/5 14:30"), Some([2024, 3, 5, 14, 30]));
        assert_eq!(date_key("2024年3月5日"), Some([2024, 3, 5, 0, 0]));
        assert_eq!(date_key("20240305"), Some([2024, 3, 5, 0, 0]));
        assert_eq!(date_key("2024.03.05 9:05:10"), Some([2024, 3, 5, 9, 5]));
        assert_eq!(date_key("3月5日"), None);
        assert_eq!(date_key("2024-13-01"), None);
        assert_eq!(date_key(""), None);
        assert!(date_key("2024-03-05") > date_key("2024-3-4 23:59"));
        assert!(date_key("2024-03-05") > None);
    }

    #[test]
    fn ids_compare_without_width_case_or_spaces() {
        assert_eq!(id_key("ｙｙ 0001"), "YY0001");
        assert_eq!(id_key(" c000001 "), "C000001");
    }

    #[test]
    fn a_cell_may_hold_several_numbers() {
        let key = |s: &str| Some(digits(s)).filter(|d| d.len() >= 7);
        assert_eq!(
            phone_keys("13900000001 / 010-62345678", &key),
            ["13900000001", "01062345678"]
        );
        assert!(phone_keys("无", &key).is_empty());
    }
}
