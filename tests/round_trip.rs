//! Cleaning a master again: `clean --previous` with nothing new keeps every customer,
//! id, verdict, number with its extension, remark and unmapped value; the master is
//! found again whichever copy of it is given (the workbook, a Customers-only workbook,
//! `customers.csv`), and rows a person added or copied by hand are kept.
//!
//! The promise is checked on generated lists (a seeded generator, a bounded number of
//! cases) as well as on the cases that broke it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{read_sheet, Rng, Sheet, Workdir};

/// A customer as the master shows it, in the terms the promise names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Kept {
    status: String,
    reason: String,
    name: String,
    phones: BTreeSet<String>,
    bad_numbers: BTreeSet<String>,
    remarks: BTreeSet<String>,
    extras: BTreeMap<String, BTreeSet<String>>,
    source_count: String,
}

/// The master's master columns; anything after them is an unmapped input column.
const OWN: &[&str] = &[
    "customer_id",
    "status",
    "reason",
    "verified_by",
    "outcome",
    "name",
    "title",
    "company",
    "phone",
    "phone_type",
    "phones",
    "phone_display",
    "fax",
    "email",
    "address",
    "postcode",
    "salesperson",
    "source_count",
    "bad_numbers",
];

fn parts(cell: &str, sep: &str) -> BTreeSet<String> {
    cell.split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Customer id -> what the master keeps of it.
fn customers(master: &Path) -> BTreeMap<String, Kept> {
    let sheet: Sheet = read_sheet(master, "Customers");
    let remarks_at = sheet
        .header
        .iter()
        .position(|h| h == "remarks")
        .expect("remarks column");
    let extra_headers: Vec<&String> = sheet
        .header
        .iter()
        .skip(remarks_at + 1)
        .filter(|h| !OWN.contains(&h.as_str()) && !is_field(h))
        .collect();
    let mut out = BTreeMap::new();
    for r in &sheet.rows {
        let extras = extra_headers
            .iter()
            .map(|h| ((*h).clone(), parts(sheet.get(r, h), ";")))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let kept = Kept {
            status: sheet.get(r, "status").to_string(),
            reason: sheet.get(r, "reason").to_string(),
            name: sheet.get(r, "name").to_string(),
            phones: parts(sheet.get(r, "phones"), "; "),
            bad_numbers: parts(sheet.get(r, "bad_numbers"), "; "),
            remarks: parts(sheet.get(r, "remarks"), ";"),
            extras,
            source_count: sheet.get(r, "source_count").to_string(),
        };
        let id = sheet.get(r, "customer_id").to_string();
        assert!(out.insert(id.clone(), kept).is_none(), "{id} twice in {master:?}");
    }
    out
}

/// Fields of the customer form that follow the lead columns (not unmapped columns).
fn is_field(header: &str) -> bool {
    [
        "source_customer_id",
        "record_no",
        "fill_date",
        "sex",
        "age",
        "birth_date",
        "native_place",
        "health",
        "education",
        "id_type",
        "id_number",
        "position",
        "department",
        "country",
        "province",
        "city",
        "region",
        "category",
        "customer_status",
        "industry",
        "website",
        "qq",
        "wechat",
        "family_members",
        "credit",
        "income",
        "info_source",
        "interests",
        "remarks",
    ]
    .contains(&header)
}

fn run_ok(w: &Workdir, args: &[&str]) -> String {
    let o = w.run(args);
    let stderr = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "{args:?}: {stderr}");
    stderr
}

/// Cleans `inputs` into `dir`, with `extra` arguments.
fn clean(w: &Workdir, inputs: &[&Path], dir: &str, extra: &[&str]) -> String {
    let out = w.path(dir);
    let mut args: Vec<&str> = vec!["clean"];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    args.extend(["-o", out.to_str().unwrap()]);
    args.extend_from_slice(extra);
    run_ok(w, &args)
}

/// Asserts that the second master keeps everything the first one said.
fn assert_kept(before: &BTreeMap<String, Kept>, after: &BTreeMap<String, Kept>, case: &str) {
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "{case}: customer ids"
    );
    for (id, was) in before {
        assert_eq!(was, &after[id], "{case}: customer {id}");
    }
}

#[test]
fn a_remark_that_decided_stays_with_the_merged_customer() {
    let w = Workdir::new();
    let list = w.write(
        "list.csv",
        "姓名,手机,单位,备注\n张三,13800138000,甲公司,停机\n张三,13800138000,甲公司,老客户\n",
    );
    clean(&w, &[&list], "q1", &[]);
    let q1 = customers(&w.path("q1/master.xlsx"));
    assert_eq!(q1["C000001"].reason, "disconnected");
    assert_eq!(q1["C000001"].remarks, parts("停机; 老客户", "; "));
    let previous = w.path("q1/master.xlsx");
    clean(&w, &[], "q2", &["--previous", previous.to_str().unwrap()]);
    assert_kept(&q1, &customers(&w.path("q2/master.xlsx")), "issue example");
}

#[test]
fn extensions_counts_and_new_remarks_come_back() {
    let w = Workdir::new();
    let list = w.write(
        "list.csv",
        "姓名,电话,单位,备注\n\
         李四,010 6234 5670 转 203,乙公司,\n\
         王五,13900139000;ext=12,丙公司,\n\
         周八,13700137000,丁公司,\n\
         周八,13700137000,丁公司,\n\
         周八,13700137000,丁公司,\n",
    );
    clean(&w, &[&list], "q1", &[]);
    let q1 = customers(&w.path("q1/master.xlsx"));
    let li = q1.values().find(|c| c.name == "李四").unwrap();
    assert_eq!(li.phones, parts("+861062345670;ext=203", "; "));
    assert!(li.bad_numbers.is_empty(), "{li:?}");
    let wang = q1.values().find(|c| c.name == "王五").unwrap();
    assert_eq!(wang.phones, parts("+8613900139000;ext=12", "; "));
    assert_eq!(q1.values().find(|c| c.name == "周八").unwrap().source_count, "3");
    let previous = w.path("q1/master.xlsx");
    clean(&w, &[], "q2", &["--previous", previous.to_str().unwrap()]);
    assert_kept(&q1, &customers(&w.path("q2/master.xlsx")), "extensions");

    // This quarter: one new row for 周八 with a remark and a second number.
    let new = w.write(
        "new.csv",
        "姓名,手机,单位,备注\n周八,13700137000 / 13600136000,丁公司,换了新手机\n",
    );
    clean(&w, &[&new], "q3", &["--previous", previous.to_str().unwrap()]);
    let q3 = customers(&w.path("q3/master.xlsx"));
    let zhou = q3.values().find(|c| c.name == "周八").unwrap();
    assert_eq!(zhou.source_count, "4");
    assert!(zhou.remarks.contains("换了新手机"), "{zhou:?}");
    assert_eq!(zhou.phones.len(), 2, "{zhou:?}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(w.path("q3/report.json")).unwrap()).unwrap();
    assert_eq!(report["since_last_time"]["changed_phones"], 1, "{report:#}");
}

#[test]
fn every_copy_of_a_master_goes_back_as_the_master() {
    let w = Workdir::new();
    let list = w.write(
        "list.csv",
        "姓名,手机,单位,备注\n张三,13800138000,甲公司,停机\n李四,12345,乙公司,\n王五,13900139000,丙公司,\n",
    );
    clean(&w, &[&list], "q1", &["--csv"]);
    let q1 = customers(&w.path("q1/master.xlsx"));
    // Its only number cannot be dialled: a reason of the data checks, never no_phone.
    assert_eq!(q1["C000002"].status, "invalid");
    assert_ne!(q1["C000002"].reason, "no_phone");
    assert!(!q1["C000002"].bad_numbers.is_empty());
    for (copy, dir) in [("q1/master.xlsx", "a"), ("q1/customers.csv", "b")] {
        let stderr = clean(&w, &[&w.path(copy)], dir, &[]);
        assert!(stderr.contains("a rollcall master; read as --previous"), "{stderr}");
        let again = customers(&w.path(&format!("{dir}/master.xlsx")));
        assert_kept(&q1, &again, copy);
        let sheet = read_sheet(&w.path(&format!("{dir}/master.xlsx")), "Customers");
        let mut headers = sheet.header.clone();
        headers.sort();
        headers.dedup();
        assert_eq!(headers.len(), sheet.header.len(), "{copy}: a column name twice");
    }
    // Two masters, or a master beside --previous: refused, naming the file.
    let master = w.path("q1/master.xlsx");
    let csv = w.path("q1/customers.csv");
    for args in [
        vec!["clean", master.to_str().unwrap(), csv.to_str().unwrap(), "-o", "x"],
        vec![
            "clean",
            csv.to_str().unwrap(),
            "--previous",
            master.to_str().unwrap(),
            "-o",
            "x",
        ],
    ] {
        let o = w.run(&args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("is a rollcall master"), "{stderr}");
    }
}

#[test]
fn rows_added_or_copied_by_hand_in_a_master_are_kept() {
    let w = Workdir::new();
    let text = "\u{FEFF}customer_id,status,reason,verified_by,outcome,name,company,phones,source_count,remarks\n\
                C000001,valid,,data,,张三,甲公司,+8613800138000,1,\n\
                ,,,,,赵六,戊公司,+8613600136000,,新加的\n\
                ,,,,,孙七,己公司,+8613500135000,,\n\
                C000001,valid,,data,,钱八,庚公司,+8613400134000,1,\n";
    let master = w.write("customers.csv", text);
    let stderr = clean(&w, &[], "q2", &["--previous", master.to_str().unwrap()]);
    assert!(stderr.contains("customers.csv:3: no customer id"), "{stderr}");
    assert!(
        stderr.contains("customer id C000001 is on an earlier row too"),
        "{stderr}"
    );
    let q2 = customers(&w.path("q2/master.xlsx"));
    let names: BTreeSet<&str> = q2.values().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["张三", "赵六", "孙七", "钱八"].into_iter().collect());
    assert_eq!(q2["C000001"].name, "张三");
    let lineage = read_sheet(&w.path("q2/master.xlsx"), "Lineage");
    assert_eq!(lineage.rows.len(), 4);
}

/// A seeded generator of messy lists with repeated people, extensions, faxes, bad
/// numbers, remarks with outcome words and unmapped columns.
struct Gen(Rng);

impl Gen {
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n)
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SURNAMES: &[&str] = &["张", "王", "李", "赵", "陈", "刘", "周", "吴", "郑", "孙"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰"];
const COMPANIES: &[&str] = &[
    "北京某某科技有限公司",
    "上海某某贸易有限公司",
    "广州某某实业有限公司",
    "深圳某某电子有限公司",
];
const REMARKS: &[&str] = &[
    "",
    "",
    "",
    "老客户",
    "停机",
    "空号",
    "无人接听",
    "不是空号",
    "传真",
    "换了新手机",
    "2023年回访：占线",
    "=1+1",
];

/// One person's row, written as a person might write it.
fn person_row(g: &mut Gen, person: usize) -> Vec<String> {
    let name = format!(
        "{}{}",
        SURNAMES[person % SURNAMES.len()],
        GIVEN[(person / 3) % GIVEN.len()]
    );
    let mobile = format!("13{:09}", 800_000_000 + person * 7919);
    let phone = match g.below(7) {
        0 => format!("{}-{}-{}", &mobile[..3], &mobile[3..7], &mobile[7..]),
        1 => format!("+86 {mobile}"),
        2 => format!("010 6{:07} 转 {}", person * 31 % 10_000_000, 200 + person % 50),
        3 => format!(
            "0{:02}-6{:07};ext={}",
            20 + person % 3,
            person * 17 % 10_000_000,
            person % 90 + 10
        ),
        4 => format!("{mobile} / 0755-8{:07}", person * 13 % 10_000_000),
        5 => "12345".to_string(),
        _ => mobile,
    };
    let fax = if g.chance(10) {
        format!("010-8{:07}", person * 11 % 10_000_000)
    } else {
        String::new()
    };
    vec![
        name,
        phone,
        fax,
        COMPANIES[person % COMPANIES.len()].to_string(),
        g.pick(REMARKS).to_string(),
        if g.chance(40) {
            format!("渠道{}", g.below(4))
        } else {
            String::new()
        },
    ]
}

fn csv_line(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(",")
}

/// A CSV list: the header (the last column's header given) and the rows.
fn list_csv(last_header: &str, rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let header: Vec<String> = ["姓名", "电话", "传真", "单位", "备注", last_header]
        .into_iter()
        .map(String::from)
        .collect();
    let lines: Vec<String> = std::iter::once(header).chain(rows).map(|r| csv_line(&r)).collect();
    lines.join("\n") + "\n"
}

/// A list of `people` people, about a third of them written two or three times.
fn generated_list(seed: u64, people: usize) -> String {
    let mut g = Gen(Rng(seed));
    let mut rows = Vec::new();
    for person in 0..people {
        let copies = if g.chance(33) { 2 + g.below(2) } else { 1 };
        for _ in 0..copies {
            rows.push(person_row(&mut g, person));
        }
    }
    list_csv("来源渠道", rows)
}

#[test]
fn cleaning_a_master_again_keeps_everything_on_generated_lists() {
    let w = Workdir::new();
    for seed in 1..=8u64 {
        let list = w.write(&format!("list{seed}.csv"), generated_list(seed, 30));
        let (q1, q2) = (format!("q1_{seed}"), format!("q2_{seed}"));
        clean(&w, &[&list], &q1, &[]);
        let before = customers(&w.path(&format!("{q1}/master.xlsx")));
        let previous = w.path(&format!("{q1}/master.xlsx"));
        clean(&w, &[], &q2, &["--previous", previous.to_str().unwrap()]);
        let after = customers(&w.path(&format!("{q2}/master.xlsx")));
        assert_kept(&before, &after, &format!("seed {seed}"));
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(w.path(&format!("{q2}/report.json"))).unwrap()).unwrap();
        let since = &report["since_last_time"];
        assert_eq!(since["status_changes"], serde_json::json!({}), "seed {seed}");
        assert_eq!(since["changed_phones"], 0, "seed {seed}");
        assert_eq!(since["merged_ids"], serde_json::json!([]), "seed {seed}");
    }
}

/// A list whose rows are often thin: a name with a city only, a bad number and no
/// company, a company with no name. Such rows are too thin to be matched to anything:
/// only their place in last run's Lineage, or a row identical to them, finds their
/// customer again.
fn thin_list(seed: u64, people: usize) -> String {
    let mut g = Gen(Rng(seed));
    let mut rows = Vec::new();
    for person in 0..people {
        let copies = if g.chance(25) { 2 } else { 1 };
        for _ in 0..copies {
            let mut row = person_row(&mut g, person);
            row[5] = g.pick(&["武汉", "北京", ""]).to_string();
            for cell in [1, 2, 3] {
                if g.chance(45) {
                    row[cell].clear();
                }
            }
            if g.chance(8) {
                row[0].clear();
            }
            rows.push(row);
        }
    }
    list_csv("城市", rows)
}

/// Input row (file, sheet, row) -> customer id, from a master's Lineage sheet; the
/// rows of last run's master (its workbook or its `customers.csv`) are left out.
fn lineage(master: &Path) -> BTreeMap<(String, String, String), String> {
    let sheet = read_sheet(master, "Lineage");
    sheet
        .rows
        .iter()
        .filter(|r| {
            let file = sheet.get(r, "source_file");
            !file.ends_with("master.xlsx") && !file.ends_with("customers.csv")
        })
        .map(|r| {
            (
                (
                    sheet.get(r, "source_file").to_string(),
                    sheet.get(r, "source_sheet").to_string(),
                    sheet.get(r, "source_row").to_string(),
                ),
                sheet.get(r, "customer_id").to_string(),
            )
        })
        .collect()
}

#[test]
fn cleaning_the_same_lists_again_with_their_master_keeps_every_customer_and_verdict() {
    let w = Workdir::new();
    for seed in 1..=8u64 {
        let list = w.write(&format!("thin{seed}.csv"), thin_list(seed, 30));
        let (q1, q2) = (format!("t1_{seed}"), format!("t2_{seed}"));
        // Every other run keeps CSV copies and goes back through customers.csv; every
        // third reads the lists again from another folder.
        let csv = seed % 2 == 0;
        clean(&w, &[&list], &q1, if csv { &["--format", "both"] } else { &[] });
        let again = if seed % 3 == 0 {
            std::fs::create_dir_all(w.path("moved")).unwrap();
            w.write(&format!("moved/thin{seed}.csv"), std::fs::read(&list).unwrap())
        } else {
            list.clone()
        };
        let master = w.path(&format!("{q1}/master.xlsx"));
        let previous = if csv {
            w.path(&format!("{q1}/customers.csv"))
        } else {
            master.clone()
        };
        clean(&w, &[&again], &q2, &["--previous", previous.to_str().unwrap()]);
        let after_path = w.path(&format!("{q2}/master.xlsx"));
        let (before, after) = (customers(&master), customers(&after_path));
        let verdicts = |m: &BTreeMap<String, Kept>| -> BTreeMap<String, (String, String)> {
            m.iter()
                .map(|(id, k)| (id.clone(), (k.status.clone(), k.reason.clone())))
                .collect()
        };
        assert_eq!(
            verdicts(&before),
            verdicts(&after),
            "seed {seed}: customers and verdicts"
        );
        let rows = |m: &Path| -> BTreeMap<(String, String), String> {
            lineage(m)
                .into_iter()
                .map(|((file, sheet, row), id)| {
                    let name = Path::new(&file).file_name().unwrap().to_string_lossy().to_string();
                    ((format!("{name} {sheet}"), row), id)
                })
                .collect()
        };
        assert_eq!(rows(&master), rows(&after_path), "seed {seed}: each row's customer");
    }
}

#[test]
fn a_place_that_now_holds_someone_else_is_not_given_the_old_customer() {
    let w = Workdir::new();
    let list = w.write("展会.csv", "姓名,城市\n刘洋,武汉\n陈静,北京\n");
    clean(&w, &[&list], "q1", &[]);
    let q1 = customers(&w.path("q1/master.xlsx"));
    assert_eq!(q1.len(), 2);
    // The same file, rewritten: row 2 is another person now, row 3 the same one.
    std::fs::write(&list, "姓名,城市\n王芳,上海\n陈静,北京\n").unwrap();
    let previous = w.path("q1/master.xlsx");
    clean(&w, &[&list], "q2", &["--previous", previous.to_str().unwrap()]);
    let q2 = w.path("q2/master.xlsx");
    let after = customers(&q2);
    assert_eq!(after.len(), 3, "{after:?}");
    let id_of = |name: &str| after.iter().find(|(_, k)| k.name == name).unwrap().0.clone();
    let chen = id_of("陈静");
    assert_eq!(after[&chen].source_count, "2", "陈静 is her master row and row 3");
    assert_eq!(
        after[&id_of("刘洋")].source_count,
        "1",
        "刘洋 is only last run's master row"
    );
    assert!(!q1.contains_key(&id_of("王芳")), "王芳 is a new customer");
    let duplicates = read_sheet(&q2, "Duplicates");
    let evidence = duplicates.column("evidence");
    assert_eq!(evidence.len(), 1);
    assert!(
        evidence[0].starts_with("the same source row as in last run (") && evidence[0].contains("[Lineage] row 3)"),
        "{evidence:?}"
    );
}

#[test]
fn a_master_split_past_a_worksheets_rows_goes_back_whole() {
    let w = Workdir::new();
    let list = w.write("list.csv", generated_list(11, 20));
    let q1 = w.path("q1");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_rollcall"))
        .args(["clean", list.to_str().unwrap(), "-o", q1.to_str().unwrap()])
        .env("ROLLCALL_MAX_SHEET_ROWS", "4")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let master = q1.join("master.xlsx");
    let names = common::sheet_names(&master);
    assert!(names.contains(&"Customers (3)".to_string()), "{names:?}");
    let mut before = BTreeMap::new();
    for name in names
        .iter()
        .filter(|n| *n == "Customers" || n.starts_with("Customers ("))
    {
        let sheet = read_sheet(&master, name);
        for r in &sheet.rows {
            before.insert(
                sheet.get(r, "customer_id").to_string(),
                sheet.get(r, "status").to_string(),
            );
        }
    }
    assert!(before.len() > 8, "{before:?}");
    clean(&w, &[], "q2", &["--previous", master.to_str().unwrap()]);
    let after = customers(&w.path("q2/master.xlsx"));
    let after: BTreeMap<String, String> = after.into_iter().map(|(id, k)| (id, k.status)).collect();
    assert_eq!(before, after, "every customer of every part, with its verdict");
    let valid = before.values().filter(|s| *s == "valid").count();
    let roster = w.path("roster.xlsx");
    let said = run_ok(
        &w,
        &["roster", master.to_str().unwrap(), "-o", roster.to_str().unwrap()],
    );
    assert!(
        said.contains(&format!("({valid} customers on")),
        "the roster of every part: {said}"
    );
}

#[test]
fn next_quarters_list_keeps_each_shared_row_with_its_customer() {
    let w = Workdir::new();
    for seed in 21..=26u64 {
        // Next quarter's list is another file: the first rows gone, the rest moved up,
        // new people after them.
        let first = thin_list(seed, 30);
        let lines: Vec<&str> = first.lines().collect();
        let gone = 5 + seed as usize % 4;
        let more = thin_list(seed + 100, 40);
        let added: Vec<&str> = more.lines().skip(1).filter(|l| !lines.contains(l)).take(8).collect();
        let mut next = vec![lines[0]];
        next.extend(&lines[1 + gone..]);
        next.extend(&added);
        let q1_list = w.write(&format!("q1_{seed}.csv"), &first);
        let q2_list = w.write(&format!("q2_{seed}.csv"), next.join("\n") + "\n");
        let (q1, q2) = (format!("n1_{seed}"), format!("n2_{seed}"));
        clean(&w, &[&q1_list], &q1, &[]);
        let master = w.path(&format!("{q1}/master.xlsx"));
        clean(&w, &[&q2_list], &q2, &["--previous", master.to_str().unwrap()]);
        let before = lineage(&master);
        let after = lineage(&w.path(&format!("{q2}/master.xlsx")));
        let mut checked = 0;
        for ((_, _, row), id) in &before {
            let row: usize = row.parse().unwrap();
            if row < 2 + gone {
                continue;
            }
            let moved = (row - gone).to_string();
            let key = (q2_list.display().to_string(), String::new(), moved);
            assert_eq!(
                after.get(&key),
                Some(id),
                "seed {seed}: row {row} of {}",
                lines[row - 1]
            );
            checked += 1;
        }
        assert!(checked > 20, "seed {seed}: {checked} shared rows");
    }
}
