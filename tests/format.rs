//! `clean --format xlsx|csv|both` writes the workbook, the CSV copies or both (with
//! `--csv` the same as `both`); a CSV-only master goes round the quarterly cycle as a
//! workbook does (its decisions and model read from the copies beside
//! `customers.csv`); `--quiet` prints nothing on a good run and progress stays out of
//! pipes and logs.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{fixture, read_sheet, Workdir};

/// The names of the files in `dir`.
fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect()
}

/// A CSV copy as rows of cells, the BOM taken off.
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Writes `rows` as a CSV with a BOM, as rollcall writes its copies.
fn write_csv(path: &Path, rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    for r in rows {
        w.write_record(r).unwrap();
    }
    std::fs::write(path, w.into_inner().unwrap()).unwrap();
}

fn demo_inputs() -> Vec<String> {
    vec![
        fixture("demo/销售部客户.xlsx"),
        fixture("demo/crm_export.csv"),
        fixture("demo/老客户_GBK.csv"),
    ]
}

/// Cleans the demo lists into `dir` with `extra` and returns the run's output.
fn clean_demo(w: &Workdir, dir: &str, extra: &[&str]) -> std::process::Output {
    let inputs = demo_inputs();
    let out = w.path(dir);
    let mut args = vec!["clean"];
    args.extend(inputs.iter().map(String::as_str));
    args.extend_from_slice(&["-o", out.to_str().unwrap()]);
    args.extend_from_slice(extra);
    let o = w.run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

const SHEET_CSVS: [&str; 6] = [
    "customers.csv",
    "invalid.csv",
    "changes.csv",
    "lineage.csv",
    "duplicates.csv",
    "summary.csv",
];

#[test]
fn each_format_writes_its_own_files_and_the_same_content() {
    let w = Workdir::new();
    clean_demo(&w, "xlsx", &[]);
    clean_demo(&w, "csv", &["--format", "csv"]);
    clean_demo(&w, "both", &["--format", "both"]);
    clean_demo(&w, "alias", &["--csv"]);
    clean_demo(&w, "named", &["--format", "xlsx"]);

    let xlsx = files(&w.path("xlsx"));
    assert!(xlsx.contains("master.xlsx"), "{xlsx:?}");
    assert!(!xlsx.iter().any(|f| f.ends_with(".csv")), "{xlsx:?}");
    assert_eq!(files(&w.path("named")), xlsx, "xlsx is the default");

    let csv = files(&w.path("csv"));
    assert!(!csv.contains("master.xlsx"), "{csv:?}");
    for name in SHEET_CSVS.iter().chain(&["report.json", "report.html"]) {
        assert!(csv.contains(*name), "{name} missing from {csv:?}");
    }
    let both = files(&w.path("both"));
    let expected: BTreeSet<String> = csv.union(&xlsx).cloned().collect();
    assert_eq!(both, expected);
    assert_eq!(files(&w.path("alias")), both, "--csv is --format both");

    // The copies are the same whether or not the workbook was written beside them
    // (but for the Summary's run id, which is each run's own).
    let content = |path: String| -> Vec<Vec<String>> {
        let rows = read_csv(&w.path(&path));
        rows.into_iter().filter(|r| r[0] != "run id").collect()
    };
    for name in SHEET_CSVS {
        assert_eq!(
            content(format!("csv/{name}")),
            content(format!("both/{name}")),
            "{name}"
        );
    }
    // And they hold what the workbook holds.
    let customers = read_sheet(&w.path("xlsx/master.xlsx"), "Customers");
    let copy = read_csv(&w.path("csv/customers.csv"));
    assert_eq!(copy.len(), customers.rows.len() + 1);
    let ids: Vec<&str> = copy[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, customers.column("customer_id"));
    // The reports say the same.
    let report = |dir: &str| -> serde_json::Value {
        let mut r: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(w.path(&format!("{dir}/report.json"))).unwrap()).unwrap();
        r.as_object_mut().unwrap().remove("run_id");
        r
    };
    assert_eq!(report("csv")["customers"], report("xlsx")["customers"]);
    assert_eq!(report("csv")["duplicates_merged"], report("xlsx")["duplicates_merged"]);
}

#[test]
fn format_and_csv_together_are_refused_naming_both() {
    let w = Workdir::new();
    let inputs = demo_inputs();
    let out = w.path("out");
    let o = w.run(&[
        "clean",
        &inputs[1],
        "-o",
        out.to_str().unwrap(),
        "--csv",
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--csv") && err.contains("--format"), "{err}");
    assert!(!out.join("master.xlsx").exists());
}

/// Two pairs rollcall cannot settle alone (the decisions test's list).
const LIST: &str = "姓名,手机,单位,邮箱\n\
王芳,13700137000,丙公司,\n\
王芳,13700137001,丙公司,\n\
李雷,13900139000,乙公司,lilei@b.com\n\
刘洋,13600136000,丁公司,\n";

#[test]
fn a_csv_only_master_keeps_a_person_s_decisions_for_next_quarter() {
    let w = Workdir::new();
    let list = w.write("list.csv", LIST);
    let (q1, q2, q3) = (w.path("q1"), w.path("q2"), w.path("q3"));
    let clean = |args: &[&str]| {
        let o = w.run(args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    clean(&[
        "clean",
        list.to_str().unwrap(),
        "-o",
        q1.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    // A person fills the decision in review.csv, where rollcall wrote it.
    let mut review = read_csv(&q1.join("review.csv"));
    assert_eq!(review.len(), 2, "one pair to review: {review:?}");
    let decision = review[0].iter().position(|h| h == "decision").unwrap();
    review[1][decision] = "same".into();
    write_csv(&q1.join("review.csv"), &review);

    let customers = q1.join("customers.csv");
    clean(&[
        "clean",
        "--previous",
        customers.to_str().unwrap(),
        "-o",
        q2.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let merged = read_csv(&q2.join("customers.csv"));
    assert_eq!(merged.len() - 1, 3, "王芳 is one customer: {merged:?}");
    let decisions = read_csv(&q2.join("decisions.csv"));
    assert_eq!(decisions.len(), 2, "{decisions:?}");
    assert!(decisions[1].contains(&"same".to_string()), "{decisions:?}");
    assert_eq!(read_csv(&q2.join("review.csv")).len(), 1, "nothing asked again");

    // A third quarter from the CSV master carries the decision on (decisions.csv).
    let customers = q2.join("customers.csv");
    clean(&[
        "clean",
        "--previous",
        customers.to_str().unwrap(),
        "-o",
        q3.to_str().unwrap(),
    ]);
    let master = q3.join("master.xlsx");
    assert_eq!(read_sheet(&master, "Customers").rows.len(), 3);
    assert_eq!(read_sheet(&master, "Decisions").column("decision"), vec!["same"]);
}

#[test]
fn a_csv_only_master_keeps_its_learned_model() {
    let w = Workdir::new();
    let mut list = String::from("姓名,手机,邮箱,单位\n");
    let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
    let given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳"];
    for p in 0..1200usize {
        let name = format!("{}{}{}", surnames[p % 12], given[(p / 12) % 12], given[(p / 7) % 12]);
        let mobile = format!("139{:08}", p * 7919 % 100_000_000);
        list.push_str(&format!(
            "{name},{mobile},user{p}@mail{}.com,公司{}有限公司\n",
            p % 5,
            p % 300
        ));
        if p % 4 != 0 {
            let spaced = format!("+86 {} {} {}", &mobile[..3], &mobile[3..7], &mobile[7..]);
            list.push_str(&format!("{name},{spaced},USER{p}@MAIL{}.COM,公司{}\n", p % 5, p % 300));
        }
    }
    let input = w.write("list.csv", list);
    let (q1, q2) = (w.path("q1"), w.path("q2"));
    let clean = |args: &[&str]| {
        let o = w.run(args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    clean(&[
        "clean",
        input.to_str().unwrap(),
        "-o",
        q1.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    let report = |dir: &Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap()
    };
    assert_eq!(report(&q1)["model"]["learned"], true, "{}", report(&q1)["model"]);
    assert!(read_csv(&q1.join("model.csv")).len() > 10);
    let customers = q1.join("customers.csv");
    clean(&[
        "clean",
        "--previous",
        customers.to_str().unwrap(),
        "-o",
        q2.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(
        report(&q2)["model"]["reused_from"],
        q1.join("model.csv").display().to_string()
    );
}

#[test]
fn quiet_prints_nothing_on_a_good_run() {
    let w = Workdir::new();
    let o = clean_demo(&w, "out", &["--quiet"]);
    assert!(o.stdout.is_empty(), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(w.path("out/master.xlsx").exists());
}

#[test]
fn quiet_still_prints_the_error_that_stopped_the_run() {
    let w = Workdir::new();
    let out = w.path("out");
    let missing = w.path("没有.csv");
    let o = w.run(&["clean", missing.to_str().unwrap(), "-o", out.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("没有.csv"), "{err}");
}

#[test]
fn a_run_into_a_pipe_prints_plain_lines_and_the_time_of_each_stage() {
    let w = Workdir::new();
    let o = clean_demo(&w, "out", &["--format", "both"]);
    let err = String::from_utf8_lossy(&o.stderr);
    // No bar, spinner or cursor movement: no escape, carriage return or backspace.
    assert!(
        !err.chars().any(|c| c.is_control() && c != '\n'),
        "control characters in {err:?}"
    );
    let took = err.lines().last().unwrap();
    for stage in ["read", "normalize", "match", "classify", "write"] {
        assert!(took.contains(&format!("{stage} ")), "{stage} in {took:?}");
    }
    assert!(took.starts_with("took "), "{took}");
}
