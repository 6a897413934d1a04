//! Matching through the library: records built from raw cells, cleaned by the real
//! normalizers, matched with the shipped rules, one test per hard case of the matching
//! issue; and once through the binary, reading the sheets back.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use rollcall::matching::match_records;
use rollcall::normalize::{self, Settings};
use rollcall::record::matched::Matched;
use rollcall::record::{Field, List, Origin, Record, RecordId};
use rollcall::rules::Rules;

/// Builds and normalizes records from `(field, value)` rows, in the order given.
fn records<S: AsRef<str>>(rows: &[Vec<(Field, S)>]) -> Vec<Record> {
    let mut records: Vec<Record> = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| {
            let origin = Origin {
                file: Arc::from("list.csv"),
                sheet: Arc::from(""),
                row: i as u32 + 2,
            };
            let raw = cells.iter().map(|(f, v)| (*f, v.as_ref())).collect();
            Record {
                id: RecordId(i as u32),
                ..Record::read(origin, raw, List::new())
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

fn run<S: AsRef<str>>(rows: &[Vec<(Field, S)>]) -> (Vec<Record>, Matched) {
    let records = records(rows);
    let matched = match_records(&records, &Rules::defaults().matching);
    (records, matched)
}

/// The customers as sets of input positions, sorted.
fn groups(m: &Matched) -> Vec<Vec<u32>> {
    let mut g: Vec<Vec<u32>> = m
        .customers
        .iter()
        .map(|c| {
            let mut ids: Vec<u32> = c.members.iter().map(|r| r.0).collect();
            ids.sort_unstable();
            ids
        })
        .collect();
    g.sort();
    g
}

fn together(m: &Matched, a: u32, b: u32) -> bool {
    m.customer_of(RecordId(a)) == m.customer_of(RecordId(b))
}

use Field::*;

#[test]
fn zhang_san_written_five_ways_with_one_mobile_written_three_ways_is_one_customer() {
    let (_, m) = run(&[
        vec![
            (Name, "张三"),
            (Mobile, "13800138000"),
            (Company, "北京某某科技有限公司"),
        ],
        vec![(Name, "张 三"), (Mobile, "138-0013-8000")],
        vec![(Name, "張三"), (Mobile, "+86 138 0013 8000")],
        vec![(Name, "Zhang San"), (Mobile, "１３８００１３８０００")],
        vec![
            (Name, "SAN ZHANG"),
            (Mobile, "13800138000"),
            (Company, "某某科技(北京)有限责任公司"),
        ],
    ]);
    assert_eq!(groups(&m), vec![vec![0, 1, 2, 3, 4]]);
    assert_eq!(m.duplicates.len(), 4);
}

#[test]
fn company_variants_with_the_same_name_merge_without_any_phone() {
    let (_, m) = run(&[
        vec![(Name, "李小龙"), (Company, "北京某某科技有限公司")],
        vec![(Name, "李小龙"), (Company, "某某科技(北京)有限责任公司")],
        vec![(Name, "Li Xiaolong"), (Company, "某某科技有限公司")],
        vec![(Name, "李小龙"), (Company, "上海天河物流有限公司")],
    ]);
    assert!(together(&m, 0, 1));
    assert!(together(&m, 0, 2), "the pinyin name at the same company");
    assert!(!together(&m, 0, 3), "same name, another company, nothing else");
}

#[test]
fn colleagues_sharing_switchboard_fax_address_and_city_stay_apart() {
    let names = ["王建国", "刘芳", "陈晨", "赵磊", "孙丽"];
    let rows: Vec<Vec<(Field, &str)>> = names
        .iter()
        .map(|n| {
            vec![
                (Name, *n),
                (Company, "广州天河软件有限公司"),
                (Landline, "020-87654321"),
                (Fax, "020-87654322"),
                (Address, "广州市天河区中山路100号"),
                (Postcode, "510620"),
                (City, "广州"),
                (Email, "info@tianhe.com.cn"),
            ]
        })
        .collect();
    let mut rows = rows;
    // One colleague listed twice: that is a duplicate, and only that.
    rows.push(vec![
        (Name, "刘 芳"),
        (Company, "天河软件(广州)有限公司"),
        (Landline, "(020)87654321"),
        (City, "广州"),
    ]);
    let (_, m) = run(&rows);
    assert_eq!(groups(&m), vec![vec![0], vec![1, 5], vec![2], vec![3], vec![4]]);
}

#[test]
fn a_switchboard_never_outweighs_different_names_even_with_everything_else_shared() {
    let row = |name| {
        vec![
            (Name, name),
            (Company, "深圳前海贸易有限公司"),
            (Landline, "0755-26262626"),
            (Address, "深圳市南山区科技路8号"),
            (Postcode, "518057"),
            (City, "深圳"),
        ]
    };
    let (_, m) = run(&[row("张伟"), row("李娜")]);
    assert_eq!(m.customers.len(), 2);
    assert!(m.review.is_empty(), "{:?}", m.review);
}

#[test]
fn the_same_common_name_in_different_companies_with_different_phones_is_different_people() {
    let (_, m) = run(&[
        vec![
            (Name, "王伟"),
            (Company, "北京华信科技有限公司"),
            (Mobile, "13911112222"),
            (City, "北京"),
        ],
        vec![
            (Name, "王伟"),
            (Company, "上海东方物流有限公司"),
            (Mobile, "13633334444"),
            (City, "上海"),
        ],
        vec![
            (Name, "王伟"),
            (Company, "成都天府餐饮管理有限公司"),
            (Mobile, "18055556666"),
            (City, "成都"),
        ],
        vec![
            (Name, "王伟"),
            (Company, "北京华信科技有限公司"),
            (Mobile, "13911112222"),
            (City, "北京"),
        ],
    ]);
    assert_eq!(groups(&m), vec![vec![0, 3], vec![1], vec![2]]);
}

#[test]
fn a_chain_through_a_nameless_row_does_not_merge_two_different_people() {
    // A and B share a mobile, B and C share an email; A and C are clearly different.
    let (_, m) = run(&[
        vec![(Name, "张三"), (Mobile, "13800138000")],
        vec![(Mobile, "13800138000"), (Email, "desk@example.com")],
        vec![(Name, "李四"), (Email, "desk@example.com")],
    ]);
    assert!(!together(&m, 0, 2));
    assert_eq!(m.customers.len(), 2, "B joins one of them, not both");
}

#[test]
fn a_surname_with_a_title_meets_the_full_name_and_no_other() {
    let (records, m) = run(&[
        vec![
            (Name, "张三"),
            (Mobile, "13800138000"),
            (Company, "北京某某科技有限公司"),
        ],
        vec![(Name, "张总"), (Mobile, "13800138000")],
        vec![(Name, "李经理"), (Mobile, "13800138000")],
    ]);
    assert_eq!(groups(&m), vec![vec![0, 1], vec![2]]);
    assert_eq!(
        m.customers[m.customer_of(RecordId(0)).unwrap()]
            .merged(&records)
            .value(Name),
        "张三"
    );
    assert_eq!(m.review.len(), 1, "李 and 张三 share a mobile: a person should look");
}

#[test]
fn missing_fields_are_no_evidence_against_a_merge() {
    let (_, m) = run(&[
        vec![
            (Name, "周杰"),
            (Mobile, "13712345678"),
            (Company, "杭州西湖电子有限公司"),
            (Address, "杭州市西湖区文三路1号"),
            (Email, "zhoujie@xihu.cn"),
        ],
        vec![(Name, "周杰"), (Mobile, "13712345678")],
    ]);
    assert_eq!(m.customers.len(), 1);
    let evidence = &m.duplicates[0].evidence;
    assert!(!evidence.contains("company"), "{evidence}");
    assert!(!evidence.contains("address"), "{evidence}");
}

#[test]
fn different_id_numbers_are_never_merged() {
    let (_, m) = run(&[
        vec![
            (Name, "陈明"),
            (Mobile, "13500001111"),
            (IdNumber, "11010119900307803X"),
        ],
        vec![
            (Name, "陈明"),
            (Mobile, "13500001111"),
            (IdNumber, "110101199003071110"),
        ],
    ]);
    assert_eq!(m.customers.len(), 2);
    assert_eq!(m.review.len(), 1, "a strong pair held apart by a veto is for review");
}

#[test]
fn duplicates_evidence_names_the_fields_that_agreed() {
    let (records, m) = run(&[
        vec![
            (Name, "张三"),
            (Mobile, "13800138000"),
            (Company, "北京某某科技有限公司"),
        ],
        vec![
            (Name, "張三"),
            (Mobile, "138 0013 8000"),
            (Company, "某某科技(北京)有限公司"),
        ],
    ]);
    assert_eq!(m.duplicates.len(), 1);
    let d = &m.duplicates[0];
    assert!(d.score >= 12.0, "{}", d.score);
    for part in ["name: exact", "phone: exact (+8613800138000)", "company: exact"] {
        assert!(d.evidence.contains(part), "{part:?} not in {:?}", d.evidence);
    }
    let kept = m.customers[d.customer].members[0];
    assert_ne!(kept, d.record);
    assert_eq!(records.len(), 2);
}

#[test]
fn merged_values_follow_the_rules_chinese_then_most_recent() {
    let (records, m) = run(&[
        vec![
            (Name, "Zhang San"),
            (Mobile, "13800138000"),
            (FillDate, "2024-05-01"),
            (Address, "北京市海淀区1号"),
        ],
        vec![
            (Name, "张三"),
            (Mobile, "13800138000"),
            (FillDate, "2020-01-01"),
            (Address, "北京市海淀区中关村1号"),
        ],
        vec![
            (Name, "张三"),
            (Mobile, "13900139000"),
            (Email, "zs@a.com"),
            (FillDate, "2023-01-01"),
        ],
        vec![(Name, "张三"), (Email, "ZS@A.COM"), (Mobile, "13800138000")],
    ]);
    assert_eq!(m.customers.len(), 1);
    let c = m.customers[0].merged(&records);
    assert_eq!(c.value(Name), "张三");
    assert_eq!(c.value(Address), "北京市海淀区1号", "the most recent row's address");
    assert_eq!(c.phones.len(), 2, "every distinct phone kept");
    assert_eq!(c.emails.len(), 1, "emails differing only in case are one");
}

/// A small deterministic list with duplicates, colleagues and namesakes.
fn messy_rows() -> Vec<Vec<(Field, String)>> {
    let names = [
        "张三",
        "李四",
        "王伟",
        "王伟",
        "刘芳",
        "陈晨",
        "Zhang San",
        "张 三",
        "張三",
        "赵磊",
    ];
    let companies = [
        "北京某某科技有限公司",
        "某某科技(北京)有限公司",
        "上海天河物流有限公司",
        "",
    ];
    let mobiles = ["13800138000", "138-0013-8000", "13911112222", "", "18055556666"];
    let landlines = ["010-62345678", "", "021-55556666"];
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) % n as u64) as usize
    };
    (0..120)
        .map(|_| {
            vec![
                (Name, names[next(names.len())].to_string()),
                (Company, companies[next(companies.len())].to_string()),
                (Mobile, mobiles[next(mobiles.len())].to_string()),
                (Landline, landlines[next(landlines.len())].to_string()),
            ]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .collect()
        })
        .collect()
}

/// Each customer id with the contents (raw cells) of its members.
fn customers_by_content(records: &[Record], m: &Matched) -> BTreeSet<(String, Vec<String>)> {
    m.customers
        .iter()
        .map(|c| {
            let mut members: Vec<String> = c
                .members
                .iter()
                .map(|id| format!("{:?}", records[id.0 as usize].raw))
                .collect();
            members.sort();
            (c.id.clone(), members)
        })
        .collect()
}

#[test]
fn shuffled_input_gives_the_same_customers_and_ids() {
    let rows = messy_rows();
    let (records, m) = run(&rows);
    let mut shuffled = rows.clone();
    shuffled.reverse();
    shuffled.rotate_left(37);
    let (records2, m2) = run(&shuffled);
    assert!(m.customers.len() < rows.len(), "the list has duplicates");
    assert_eq!(customers_by_content(&records, &m), customers_by_content(&records2, &m2));
}

#[test]
fn the_binary_lists_duplicates_with_evidence_and_leaves_a_name_in_one_city_alone() {
    let w = common::Workdir::new();
    let list = w.write(
        "list.csv",
        "姓名,公司,手机,固定电话,城市\n\
         张三,北京某某科技有限公司,13800138000,010-62345678,北京\n\
         李四,北京某某科技有限公司,13900139000,010-62345678,北京\n\
         Zhang San,某某科技(北京)有限责任公司,138-0013-8000,,\n\
         王五,北京某某科技有限公司,,010-62345678,北京\n\
         陈明,上海天河物流有限公司,,,上海\n\
         陈明,,,,上海\n",
    );
    w.clean(&[list.to_str().unwrap()], &[]);
    let report = w.report();
    assert_eq!(report["customers"], 5, "{report}");
    assert_eq!(report["duplicates_merged"], 1);
    let dups = w.sheet("Duplicates");
    assert_eq!(dups.rows.len(), 1);
    let evidence = dups.get(&dups.rows[0], "evidence");
    assert!(evidence.contains("name: romanized (Zhang San | 张三)"), "{evidence}");
    assert!(evidence.contains("phone: exact (+8613800138000)"), "{evidence}");
    // The two 陈明 share only a city: two people of one name in one city are common,
    // and nobody shown the pair could tell; neither merged nor asked.
    let review = w.sheet("Review");
    assert!(review.rows.is_empty(), "{:?}", review.rows);
    let lineage = w.sheet("Lineage");
    let merged: Vec<&Vec<String>> = lineage
        .rows
        .iter()
        .filter(|r| lineage.get(r, "outcome") == "merged")
        .collect();
    assert_eq!(merged.len(), 1);
    assert_eq!(lineage.get(merged[0], "source_row"), "4");
}

#[test]
fn person_records_without_numbers_meet_on_birth_date_and_name_words() {
    // A person list in Latin letters (the shape of public record-linkage benchmarks):
    // no phone or email, a typo in one word of the name, a name word left out, the
    // words swapped with two digits of the date, postcodes mistyped. The birth date brings them together; a
    // different person of the same surname and address does not join.
    let (_, m) = run(&[
        vec![
            (GivenName, "lydia"),
            (FamilyName, "mccarthy"),
            (Address, "32 mckillop circuit"),
            (Postcode, "4670"),
            (BirthDate, "19751220"),
        ],
        vec![
            (GivenName, "lidia"),
            (FamilyName, "mccarthy"),
            (Address, "32 mckillop circuit"),
            (Postcode, "4607"),
            (BirthDate, "19751220"),
        ],
        vec![
            (GivenName, ""),
            (FamilyName, "mccarthy"),
            (Address, "32 mckillop circuit"),
            (Postcode, "4670"),
            (BirthDate, "19751220"),
        ],
        vec![
            (GivenName, "mccarthy"),
            (FamilyName, "lydia"),
            (Address, "32 mckillop crcuit"),
            (Postcode, "4670"),
            (BirthDate, "19751202"),
        ],
        vec![
            (GivenName, "connor"),
            (FamilyName, "mccarthy"),
            (Address, "32 mckillop circuit"),
            (Postcode, "4670"),
            (BirthDate, "19480511"),
        ],
    ]);
    assert_eq!(groups(&m), vec![vec![0, 1, 2, 3], vec![4]]);
}

#[test]
fn one_name_at_one_company_with_two_birth_dates_is_two_people() {
    let row = |birth: &'static str| {
        vec![
            (Name, "王伟"),
            (Company, "北京某某科技有限公司"),
            (City, "北京"),
            (BirthDate, birth),
        ]
    };
    let (_, m) = run(&[row("1980-03-02"), row("1975-11-20"), row("1980-03-20")]);
    assert!(
        !together(&m, 0, 1),
        "two birth dates: two people, for a person to review"
    );
    assert!(together(&m, 0, 2), "one digit apart: a slip");
}

#[test]
fn a_given_name_typed_differently_merges_on_an_agreeing_mobile_or_email() {
    let (_, m) = run(&[
        vec![(Name, "张敏燕"), (Mobile, "13912345678"), (Company, "甲公司")],
        vec![(Name, "张燕"), (Mobile, "139 1234 5678"), (Company, "甲公司")],
        vec![(Name, "王建国"), (Email, "wangjg@163.com")],
        vec![(Name, "王建华"), (Email, "WangJG@163.com")],
        // Another surname with the same mobile: another person.
        vec![(Name, "李敏燕"), (Mobile, "13912345678")],
        // A one-character given name replaced, and a given name typed twice over.
        vec![(Name, "王冬"), (Mobile, "19133391935"), (Email, "wangd@foxmail.com")],
        vec![(Name, "王元"), (Mobile, "86-19133391935")],
        vec![(Name, "徐斌霞"), (Mobile, "17638307835")],
        vec![(Name, "徐健"), (Mobile, "176 3830 7835")],
    ]);
    assert_eq!(
        groups(&m),
        vec![vec![0, 1], vec![2, 3], vec![4], vec![5, 6], vec![7, 8]]
    );
}

#[test]
fn relatives_and_colleagues_of_one_surname_sharing_only_organization_stay_apart() {
    let (_, m) = run(&[
        // Colleagues: one company, switchboard and address.
        vec![
            (Name, "王建国"),
            (Company, "广州天河软件有限公司"),
            (Landline, "020-87654321"),
            (Address, "广州市天河区中山路100号"),
        ],
        vec![
            (Name, "王建华"),
            (Company, "广州天河软件有限公司"),
            (Landline, "020-87654321"),
            (Address, "广州市天河区中山路100号"),
        ],
        // Relatives: one home landline and address.
        vec![
            (Name, "张小伟"),
            (Landline, "010-62345678"),
            (Address, "北京市海淀区中关村大街1号"),
        ],
        vec![
            (Name, "张伟"),
            (Landline, "010-62345678"),
            (Address, "北京市海淀区中关村大街1号"),
        ],
        vec![
            (Name, "张芳"),
            (Landline, "010-62345678"),
            (Address, "北京市海淀区中关村大街1号"),
            (Postcode, "100080"),
        ],
    ]);
    assert_eq!(groups(&m), vec![vec![0], vec![1], vec![2], vec![3], vec![4]]);
    assert!(m.review.is_empty(), "organization evidence alone: {:?}", m.review);
}

#[test]
fn one_social_security_number_outweighs_a_name_typed_two_ways() {
    let row = |given: &'static str, family: &'static str, ssn: &'static str| {
        vec![
            (GivenName, given),
            (FamilyName, family),
            (StreetNumber, "11"),
            (Address, "endeavour street"),
            (Postcode, "4873"),
            (BirthDate, "19670519"),
            (IdNumber, ssn),
        ]
    };
    let (records, m) = run(&[
        row("erin", "humphreys", "5094045"),
        row("erni", "humphreys", "5094045"),
        row("erin", "humpjeys", "5094045"),
        // The same person whose number was mistyped: a slip, no veto.
        row("erin", "humphreys", "5094054"),
        // A resident of the same house with another number and birth date.
        vec![
            (GivenName, "connor"),
            (FamilyName, "humphreys"),
            (StreetNumber, "11"),
            (Address, "endeavour street"),
            (Postcode, "4873"),
            (BirthDate, "19400102"),
            (IdNumber, "7311092"),
        ],
    ]);
    assert_eq!(groups(&m), vec![vec![0, 1, 2, 3], vec![4]]);
    assert_eq!(records[0].clean.value(Address), "11 endeavour street");
    assert_eq!(records[0].clean.value(IdNumber), "5094045");
}

#[test]
fn an_id_number_with_a_slip_on_the_same_birth_date_outweighs_a_replaced_surname() {
    let row = |given: &'static str, family: &'static str, ssn: &'static str, born: &'static str| {
        vec![
            (GivenName, given),
            (FamilyName, family),
            (StreetNumber, "61"),
            (Address, "eppalock street"),
            (Postcode, "2644"),
            (BirthDate, born),
            (IdNumber, ssn),
        ]
    };
    let (_, m) = run(&[
        row("joel", "ejlak", "1021508", "19351102"),
        // The surname replaced and the number's last digits swapped: one person still.
        row("joel", "white", "1021580", "19351102"),
        // The same slip on another birth date: the name's veto holds.
        row("amy", "white", "1021580", "19600101"),
    ]);
    assert_eq!(groups(&m), vec![vec![0, 1], vec![2]]);
}

#[test]
fn a_partial_name_on_its_own_never_merges() {
    let (_, m) = run(&[
        vec![(Name, "王伟"), (Company, "广州天河软件有限公司"), (City, "广州")],
        vec![(Name, "王芳"), (Company, "广州天河软件有限公司"), (City, "广州")],
        vec![(Name, "Sebastian Waller"), (Postcode, "3015")],
        vec![(Name, "Sebatian Petersen"), (Postcode, "3015")],
    ]);
    assert_eq!(m.customers.len(), 4);
    assert!(m.review.is_empty(), "{:?}", m.review);
}

/// A list of `people` people with distinct mobiles and emails, two in five written twice
/// with a slip (a space in the name, the mobile spelled another way, the email in
/// capitals, the company's legal form left out): (rows, person of each row).
fn list_to_learn_from(people: usize) -> (Vec<Vec<(Field, String)>>, Vec<usize>) {
    let surnames = ["张", "王", "李", "赵", "陈", "刘", "周", "吴", "郑", "孙", "林", "何"];
    let given = [
        "伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明",
    ];
    let companies = [
        "北京某某科技有限公司",
        "上海天河物流有限公司",
        "广州海鑫贸易有限公司",
        "深圳华信电子有限公司",
    ];
    let (mut rows, mut truth) = (Vec::new(), Vec::new());
    for p in 0..people {
        let name = format!(
            "{}{}{}",
            surnames[p % surnames.len()],
            given[(p / 12) % given.len()],
            given[(p / 168) % given.len()]
        );
        let mobile = format!("139{:08}", p * 7919 % 100_000_000);
        let email = format!("user{p}@163.com");
        let company = companies[p % companies.len()];
        rows.push(vec![
            (Name, name.clone()),
            (Mobile, mobile.clone()),
            (Email, email.clone()),
            (Company, company.to_string()),
        ]);
        truth.push(p);
        if p % 5 < 2 {
            let spaced: String = name.chars().map(|c| format!("{c} ")).collect();
            rows.push(vec![
                (Name, spaced.trim().to_string()),
                (
                    Mobile,
                    format!("+86 {} {} {}", &mobile[..3], &mobile[3..7], &mobile[7..]),
                ),
                (Email, email.to_uppercase()),
                (Company, company.replace("有限公司", "")),
            ]);
            truth.push(p);
        }
    }
    (rows, truth)
}

#[test]
fn the_model_is_learned_from_a_list_large_enough_and_stays_near_its_priors() {
    let (rows, truth) = list_to_learn_from(1500);
    let records = records(&rows);
    let priors = Rules::defaults().matching;
    let m = match_records(&records, &priors);
    assert!(m.model.learned, "{}", m.model.note);
    assert!(m.model.matches > 500.0, "{}", m.model.matches);
    for field in &m.model.fields {
        for level in &field.levels {
            let shift = (level.weight - level.prior_weight).abs();
            assert!(shift <= 2.0 + 1e-9, "{} {}: {shift}", field.field, level.level);
        }
    }
    // No two people merged, every written-twice person found.
    for c in &m.customers {
        let people: BTreeSet<usize> = c.members.iter().map(|r| truth[r.0 as usize]).collect();
        assert_eq!(people.len(), 1, "a false merge: {people:?}");
    }
    assert_eq!(m.customers.len(), 1500);

    // learn = false: the priors as written, and the same customers.
    let mut fixed = priors.clone();
    fixed.learn = false;
    let f = match_records(&records, &fixed);
    assert!(!f.model.learned);
    assert!(f.model.note.contains("learning is off"));
    let prior_weights: Vec<f64> = f
        .model
        .fields
        .iter()
        .flat_map(|x| x.levels.iter().map(|l| l.weight))
        .collect();
    let written: Vec<f64> = f
        .model
        .fields
        .iter()
        .flat_map(|x| x.levels.iter().map(|l| l.prior_weight))
        .collect();
    assert_eq!(prior_weights, written);
    assert_eq!(groups(&f), groups(&m));
}

#[test]
fn a_small_list_keeps_the_priors() {
    let (rows, _) = list_to_learn_from(40);
    let m = match_records(&records(&rows), &Rules::defaults().matching);
    assert!(!m.model.learned);
    assert!(m.model.note.contains("too few confident matches"), "{}", m.model.note);
}

#[test]
fn a_company_named_by_no_person_is_matched_on_its_own_fields() {
    let (_, m) = run(&[
        // A company's own rows: the legal form dropped or shortened, one address.
        vec![
            (Company, "长沙瑞丰中联食品有限公司"),
            (Address, "长沙市芙蓉区世纪路516号祥和国际大厦6楼1702室"),
            (City, "长沙市"),
            (Postcode, "410891"),
        ],
        vec![
            (Company, "长沙瑞丰中联食品"),
            (Email, "service@nrkqztgroup.com.cn"),
            (Address, "长沙市芙蓉区世纪路516号祥和国际大厦6楼1702室"),
            (City, "长沙"),
            (Postcode, "410891"),
        ],
        vec![
            (Company, "Bluewater Construction Corporation"),
            (Address, "5772 Madison Ave Suite 1600"),
            (City, "Seattle"),
        ],
        vec![
            (Company, "Bluewater Construction Corp"),
            (Address, "5772 Madison Avenue Suite 1600"),
            (City, "Seattle"),
        ],
        // Another company in the same building: apart.
        vec![
            (Company, "长沙嘉禾软件有限公司"),
            (Address, "长沙市芙蓉区世纪路516号祥和国际大厦6楼1702室"),
            (City, "长沙市"),
            (Postcode, "410891"),
        ],
        // A person at the first company: a contact, not the company's own row.
        vec![
            (Name, "周杰"),
            (Company, "长沙瑞丰中联食品有限公司"),
            (Address, "长沙市芙蓉区世纪路516号祥和国际大厦6楼1702室"),
        ],
    ]);
    assert_eq!(groups(&m), vec![vec![0, 1], vec![2, 3], vec![4], vec![5]]);
}
