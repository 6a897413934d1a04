//! The customers found do not depend on the order of the rows, nor on how the rows are
//! spread over files: shuffled or split, the same input rows end up together. Small
//! generated lists (people repeated with name variants and phones written several ways,
//! colleagues sharing a switchboard) go through read -> normalize -> match in the
//! library, as `clean` runs them.
//!
//! A person's Review decisions hold on the same lists: a pair decided `different` is
//! never one customer, pairs decided `same` always are, and no decided pair of
//! customers is put on the Review sheet again.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::LazyLock;

use proptest::prelude::*;
use rollcall::matching::decided::{DecidedBy, DecidedPair};
use rollcall::pipeline::{collect_rows, read_inputs};
use rollcall::record::{Record, RecordId};
use rollcall::rules::Rules;
use rollcall::{matching, normalize};

/// (name, a variant of it, company). Two people work at 华信 and share its switchboard.
const PEOPLE: &[(&str, &str, &str)] = &[
    ("张三", "張三", "北京华信科技有限公司"),
    ("李四", "李 四", "上海明达贸易有限公司"),
    ("王伟", "王 伟", "广州天河软件有限公司"),
    ("陈静", "陳靜", "深圳前海金融服务有限公司"),
    ("刘洋", "劉洋", "北京华信科技有限公司"),
    ("Zhang Wei", "zhang wei", "Acme Trading Co"),
    ("赵敏", "赵 敏", "杭州西湖茶业有限公司"),
    ("王伟", "王伟", "南京长江物流有限公司"),
];

/// Each person's email spelled from the name (both 王伟 get `wangwei@163.com`: people
/// of one name are given each other's address).
const SPELLED: &[&str] = &[
    "zhangsan",
    "lisi",
    "wangwei",
    "chenjing",
    "liuyang",
    "zhang.wei",
    "zhaomin",
    "wangwei",
];

const HEADER: &str = "姓名,手机,座机,公司,邮箱,xid";

/// One input row: whose it is and how it is written.
#[derive(Debug, Clone)]
struct Row {
    person: usize,
    variant: bool,
    /// 0..3: a way of writing the mobile; 3: none.
    phone: u8,
    switchboard: bool,
    company: bool,
    /// 0: none; 1: an address of the person's own; 2: one spelled from the name.
    email: u8,
}

impl Row {
    /// The CSV line, ending with the row's identity `xid` (an unmapped column).
    fn line(&self, xid: usize) -> String {
        let (name, variant, company) = PEOPLE[self.person];
        let p = self.person;
        let mobile = match self.phone {
            0 => format!("1380000{p:04}"),
            1 => format!("138-0000-{p:04}"),
            2 => format!("+86 138 0000 {p:04}"),
            _ => String::new(),
        };
        let landline = if self.switchboard && company.contains("华信") {
            "010-62345678"
        } else {
            ""
        };
        let email = match self.email {
            1 => format!("p{p}@example.com"),
            2 => format!("{}@163.com", SPELLED[p]),
            _ => String::new(),
        };
        format!(
            "{},{mobile},{landline},{},{email},r{xid}",
            if self.variant { variant } else { name },
            if self.company { company } else { "" }
        )
    }
}

fn row() -> impl Strategy<Value = Row> {
    (
        0..PEOPLE.len(),
        any::<bool>(),
        0u8..4,
        any::<bool>(),
        any::<bool>(),
        0u8..3,
    )
        .prop_map(|(person, variant, phone, switchboard, company, email)| Row {
            person,
            variant,
            phone,
            switchboard,
            company,
            email,
        })
}

/// The default rules, loaded once.
static RULES: LazyLock<Rules> = LazyLock::new(Rules::defaults);

/// The groups of row identities that matching makes of these files (each a list of
/// (identity, row)).
fn grouping(files: &[List]) -> BTreeSet<BTreeSet<String>> {
    let records = records_of(files);
    let matched = matching::match_records(&records, &RULES.matching);
    matched
        .customers
        .iter()
        .map(|c| {
            c.members
                .iter()
                .map(|m| {
                    let extras = &records[m.0 as usize].extras;
                    let xid = extras.iter().find(|(h, _)| &**h == "xid").expect("xid column");
                    xid.1.to_string()
                })
                .collect()
        })
        .collect()
}

/// The files' rows, read and normalized as `clean` does.
fn records_of(files: &[List]) -> Vec<Record> {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, rows)| {
            let mut text = format!("{HEADER}\n");
            for (xid, row) in rows {
                text.push_str(&row.line(*xid));
                text.push('\n');
            }
            let path = dir.path().join(format!("list{i}.csv"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let rules = &*RULES;
    let (mut read, _) = read_inputs(&paths, rules, false).unwrap();
    let (mut records, rejected) = collect_rows(&mut read);
    assert!(rejected.is_empty(), "{rejected:?}");
    let settings = normalize::Settings {
        rules: &rules.normalize,
        region: "CN".to_string(),
    };
    normalize::normalize(&mut records, &settings);
    records
}

/// Rows with their identities.
type List = Vec<(usize, Row)>;

/// A list, the same rows shuffled, and a file (0..3) for each row.
fn lists() -> impl Strategy<Value = (List, List, Vec<usize>)> {
    prop::collection::vec(row(), 2..24).prop_flat_map(|rows| {
        let numbered: List = rows.into_iter().enumerate().collect();
        let n = numbered.len();
        (
            Just(numbered.clone()),
            Just(numbered).prop_shuffle(),
            prop::collection::vec(0usize..3, n),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 32,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(10),
        ..ProptestConfig::default()
    })]

    #[test]
    fn shuffled_or_split_rows_give_the_same_customers((rows, shuffled, file_of) in lists()) {
        let whole = grouping(std::slice::from_ref(&rows));
        let accounted: usize = whole.iter().map(BTreeSet::len).sum();
        prop_assert_eq!(accounted, rows.len());
        prop_assert_eq!(&grouping(std::slice::from_ref(&shuffled)), &whole, "shuffled");
        let mut split = vec![Vec::new(); 3];
        for (row, file) in shuffled.into_iter().zip(file_of) {
            split[file].push(row);
        }
        prop_assert_eq!(&grouping(&split), &whole, "split over files");
    }
}

/// Decisions on pairs of rows: (row a, row b, same), drawn over a list's rows.
fn decided(n: usize, picks: &[(usize, usize, bool)], only_same: bool) -> Vec<DecidedPair> {
    picks
        .iter()
        .filter(|(a, b, _)| a % n != b % n)
        .map(|&(a, b, same)| DecidedPair {
            a: RecordId((a % n) as u32),
            b: RecordId((b % n) as u32),
            same: same || only_same,
            decided_in: "q1/master.xlsx [Review] row 2".into(),
            by: DecidedBy::Person,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 32,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(11),
        ..ProptestConfig::default()
    })]

    #[test]
    fn review_decisions_hold_on_generated_lists(
        (rows, _, _) in lists(),
        picks in prop::collection::vec((0usize..64, 0usize..64, any::<bool>()), 1..6),
        only_same in any::<bool>(),
    ) {
        let records = records_of(std::slice::from_ref(&rows));
        let pairs = decided(records.len(), &picks, only_same);
        let m = matching::match_decided(&records, &RULES.matching, &pairs);
        let customer = |r: RecordId| m.customer_of(r).expect("every row has a customer");
        for p in &pairs {
            if !p.same {
                prop_assert_ne!(customer(p.a), customer(p.b), "decided different: {:?}", p);
            } else if only_same {
                prop_assert_eq!(customer(p.a), customer(p.b), "decided same: {:?}", p);
            }
        }
        let settled: BTreeSet<(usize, usize)> = pairs
            .iter()
            .map(|p| (customer(p.a).min(customer(p.b)), customer(p.a).max(customer(p.b))))
            .collect();
        for r in &m.review {
            let (x, y) = (customer(r.a), customer(r.b));
            prop_assert!(!settled.contains(&(x.min(y), x.max(y))), "asked again: {:?}", r);
        }
        let accounted: usize = m.customers.iter().map(|c| c.members.len()).sum();
        prop_assert_eq!(accounted, records.len());
    }
}
