//! People teach matching: the Review sheet's decision column (`same` / `different`,
//! `同一客户` / `不同客户`) read back through `clean --previous` or `--decisions`. A
//! `same` pair is merged and the merge names the decision; a `different` pair is never
//! one customer, not even through a new row that matches both; neither is asked again;
//! and every decision is carried on the Decisions sheet from quarter to quarter.

mod common;

use common::{read_sheet, resave, Sheet, Workdir};

/// Two pairs rollcall cannot settle alone: the same name at one company with two
/// mobiles, and two people of one surname sharing only a company and a switchboard.
const LIST: &str = "姓名,手机,单位,邮箱\n\
王芳,13700137000,丙公司,\n\
王芳,13700137001,丙公司,\n\
李雷,13900139000,乙公司,lilei@b.com\n\
刘洋,13600136000,丁公司,\n";

/// The Review rows of a master, as (name a, name b).
fn review_names(review: &Sheet) -> Vec<(String, String)> {
    review
        .rows
        .iter()
        .map(|r| (review.get(r, "name_a").to_string(), review.get(r, "name_b").to_string()))
        .collect()
}

/// Cleans `inputs` (plus `extra`) into `dir` and returns the master's path.
fn clean_into(w: &Workdir, dir: &str, inputs: &[&str], extra: &[&str]) -> std::path::PathBuf {
    let out = w.path(dir);
    let mut args = vec!["clean"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["-o", out.to_str().unwrap()]);
    args.extend_from_slice(extra);
    let o = w.run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out.join("master.xlsx")
}

/// The master with the decision typed on every Review row.
fn decide(w: &Workdir, master: &std::path::Path, word: &str, name: &str) -> std::path::PathBuf {
    let to = w.path(name);
    resave(master, &to, &|sheet, _, _, key| {
        (sheet == "Review" && (key == "decision" || key == "决定")).then(|| word.to_string())
    });
    to
}

#[test]
fn the_review_sheet_has_a_decision_drop_down() {
    let w = Workdir::new();
    let list = w.write("list.csv", LIST);
    let master = clean_into(&w, "q1", &[list.to_str().unwrap()], &[]);
    let review = read_sheet(&master, "Review");
    assert_eq!(review_names(&review), vec![("王芳".to_string(), "王芳".to_string())]);
    assert_eq!(review.column("decision"), vec![""]);
    // The drop-down is a list validation on the decision column of the Review sheet.
    let xml = sheet_xml(&master, "Review");
    assert!(xml.contains("<dataValidation type=\"list\""), "{xml}");
    assert!(xml.contains("\"same,different\""), "{xml}");
    assert!(xml.contains("sqref=\"H2"), "the decision column is H: {xml}");
}

#[test]
fn a_pair_decided_same_is_merged_and_the_merge_names_the_decision() {
    let w = Workdir::new();
    let list = w.write("list.csv", LIST);
    let q1 = clean_into(&w, "q1", &[list.to_str().unwrap()], &[]);
    let review = read_sheet(&q1, "Review");
    let (kept, gone) = (&review.column("customer_id_a")[0], &review.column("customer_id_b")[0]);
    let filled = decide(&w, &q1, "same", "q1-decided.xlsx");
    let q2 = clean_into(&w, "q2", &[], &["--previous", filled.to_str().unwrap()]);
    let customers = read_sheet(&q2, "Customers");
    assert_eq!(customers.rows.len(), 3, "{:?}", customers.column("name"));
    let wang = customers.find("name", "王芳");
    assert_eq!(customers.get(wang, "customer_id"), kept);
    assert_eq!(customers.get(wang, "phones").split("; ").count(), 2);
    let duplicates = read_sheet(&q2, "Duplicates");
    let evidence = duplicates.column("evidence").join("\n");
    assert!(
        evidence.contains("decided the same customer by a person") && evidence.contains("[Review] row 2"),
        "{evidence}"
    );
    assert!(read_sheet(&q2, "Review").rows.is_empty());
    let decisions = read_sheet(&q2, "Decisions");
    assert_eq!(decisions.column("decision"), vec!["same"]);
    assert_eq!(decisions.column("customer_id_a"), vec![kept.clone()]);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(w.path("q2/report.json")).unwrap()).unwrap();
    assert_eq!(report["decisions"]["same"], 1);
    // The merged-away id is reported as merged, as any merge of two earlier customers.
    let since = &report["since_last_time"];
    assert!(since.to_string().contains(gone.as_str()), "{since}");
}

#[test]
fn a_pair_decided_different_stays_apart_is_never_asked_again_and_is_carried() {
    let w = Workdir::new();
    let list = w.write("list.csv", LIST);
    let q1 = clean_into(&w, "q1", &[list.to_str().unwrap()], &[]);
    let filled = decide(&w, &q1, "不同客户", "q1-decided.xlsx");
    // Next quarter a new row matches both 王芳 strongly: same name, company and both
    // mobiles. A chain through it must not join what a person kept apart.
    let new = w.write("q2.csv", "姓名,手机,单位\n王芳,13700137000 / 13700137001,丙公司\n");
    let q2 = clean_into(
        &w,
        "q2",
        &[new.to_str().unwrap()],
        &["--previous", filled.to_str().unwrap()],
    );
    let customers = read_sheet(&q2, "Customers");
    let wangs: Vec<_> = customers
        .rows
        .iter()
        .filter(|r| customers.get(r, "name") == "王芳")
        .collect();
    assert_eq!(wangs.len(), 2, "{:?}", customers.rows);
    assert!(
        review_names(&read_sheet(&q2, "Review")).is_empty(),
        "a decided pair is not asked again"
    );
    let decisions = read_sheet(&q2, "Decisions");
    assert_eq!(decisions.column("decision"), vec!["different"]);
    assert_eq!(
        decisions.column("decided_in")[0],
        format!("{} [Review] row 2", filled.display())
    );
    // A third quarter reads the decision from the Decisions sheet alone.
    let q3 = clean_into(
        &w,
        "q3",
        &[new.to_str().unwrap()],
        &["--previous", q2.to_str().unwrap()],
    );
    let customers = read_sheet(&q3, "Customers");
    assert_eq!(customers.column("name").iter().filter(|n| *n == "王芳").count(), 2);
    assert_eq!(read_sheet(&q3, "Decisions").column("decision"), vec!["different"]);
    assert!(read_sheet(&q3, "Review").rows.is_empty());
}

#[test]
fn decisions_come_from_a_review_csv_on_the_same_lists_and_in_chinese() {
    let w = Workdir::new();
    let list = w.write("list.csv", LIST);
    let path = list.to_str().unwrap();
    clean_into(&w, "q1", &[path], &["--csv", "--lang", "zh"]);
    let review = std::fs::read_to_string(w.path("q1/review.csv")).unwrap();
    assert!(review.contains("决定"), "{review}");
    // A person fills the decision in the CSV copy, in Chinese.
    let mut lines: Vec<String> = review.lines().map(str::to_string).collect();
    let cells: Vec<&str> = lines[1].split(',').collect();
    let decision = 7;
    let mut filled: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
    filled[decision] = "同一客户".into();
    lines[1] = filled.join(",");
    let decided = w.write("review-decided.csv", lines.join("\n"));
    let master = clean_into(
        &w,
        "q1b",
        &[path],
        &["--decisions", decided.to_str().unwrap(), "--lang", "zh"],
    );
    let customers = read_sheet(&master, "客户");
    assert_eq!(customers.rows.len(), 3);
    assert_eq!(read_sheet(&master, "人工决定").column("决定"), vec!["同一客户"]);
}

#[test]
fn a_decision_that_cannot_be_applied_is_noted_not_guessed() {
    let w = Workdir::new();
    let list = w.write("list.csv", LIST);
    let decided = w.write(
        "decided.csv",
        "customer_id_a,source_a,name_a,customer_id_b,source_b,name_b,decision\n\
         C000001,other.csv:2,王芳,C000009,other.csv:9,王芳,same\n\
         C000001,list.csv:2,王芳,C000002,list.csv:3,王芳,perhaps\n",
    );
    let o = w.run(&[
        "clean",
        list.to_str().unwrap(),
        "-o",
        w.path("out").to_str().unwrap(),
        "--decisions",
        decided.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("not applied: C000001 not in this run"), "{stderr}");
    assert!(stderr.contains("row 3: decision 'perhaps' is neither"), "{stderr}");
    assert_eq!(w.sheet("Customers").rows.len(), 4);
    assert_eq!(w.report()["decisions"]["not_applied"], 1);
}

#[test]
fn a_file_without_decisions_is_refused_for_decisions() {
    let w = Workdir::new();
    let list = w.write("list.csv", LIST);
    let o = w.run(&[
        "clean",
        list.to_str().unwrap(),
        "-o",
        w.path("out").to_str().unwrap(),
        "--decisions",
        list.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("no review decisions"), "{stderr}");
    assert!(!w.path("out/master.xlsx").exists());
}

/// The XML of one worksheet of a workbook.
fn sheet_xml(book: &std::path::Path, name: &str) -> String {
    let names = common::sheet_names(book);
    let index = names.iter().position(|n| n == name).expect("sheet") + 1;
    let file = std::fs::File::open(book).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name(&format!("xl/worksheets/sheet{index}.xml")).unwrap(),
        &mut xml,
    )
    .unwrap();
    xml
}

#[test]
fn a_damaged_decisions_file_is_refused_like_any_input() {
    let w = Workdir::new();
    let list = w.write("list.csv", LIST);
    for hostile in ["fixtures/hostile/zip_bomb.xlsx", "fixtures/hostile/sst_index.xlsx"] {
        let o = w.run(&[
            "clean",
            list.to_str().unwrap(),
            "-o",
            w.path("out").to_str().unwrap(),
            "--decisions",
            hostile,
        ]);
        assert_eq!(o.status.code(), Some(2), "{hostile}");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(stderr.contains(hostile), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!w.path("out/master.xlsx").exists());
    }
}
