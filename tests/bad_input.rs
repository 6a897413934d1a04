//! Bad input: a clear message naming the file, exit code 2, nothing written; with
//! --keep-going the rest is processed and the exit code is 1. Inputs are never touched.

mod common;

use common::{fixture, Workdir};

fn fails_with(input: &str, message: &str) {
    let w = Workdir::new();
    let out = w.path("out");
    let o = w.run(&["clean", input, "-o", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{input}: {stderr}");
    assert!(stderr.contains(input), "{input}: message names the file: {stderr}");
    assert!(stderr.contains(message), "{input}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !out.join("master.xlsx").exists() && !out.join("report.json").exists(),
        "nothing written"
    );
}

#[test]
fn each_kind_of_bad_input_is_named() {
    fails_with("fixtures/bad/nothing_here.xlsx", "no such file");
    fails_with(&fixture("bad/empty.csv"), "the file is empty");
    fails_with(&fixture("bad/corrupt.xlsx"), "damaged or not a spreadsheet");
    fails_with(&fixture("bad/encrypted.xlsx"), "password-protected");
    fails_with(&fixture("bad/misnamed.xlsx"), "the content is plain text");
    fails_with(&fixture("bad/no_header.csv"), "no header row found");
    fails_with(
        &fixture("bad/data_first.csv"),
        "the first row looks like data (张三, 13800138000, ...): add a header row such as 姓名,手机,公司",
    );
    fails_with("Cargo.toml", "unsupported file type");
}

#[test]
fn keep_going_skips_bad_files_and_exits_1() {
    let w = Workdir::new();
    let out = w.path("out");
    let o = w.run(&[
        "clean",
        &fixture("formats/utf8.csv"),
        &fixture("bad/corrupt.xlsx"),
        &fixture("bad/empty.csv"),
        &fixture("bad/data_first.csv"),
        "-o",
        out.to_str().unwrap(),
        "--keep-going",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let report = w.report();
    assert_eq!(report["records_in"], 3);
    let skipped = report["skipped_files"].as_array().unwrap();
    assert_eq!(skipped.len(), 3);
    assert!(skipped[0]["error"].as_str().unwrap().contains("corrupt.xlsx"));
    assert!(skipped[2]["error"].as_str().unwrap().contains("looks like data"));
}

#[test]
fn a_workbook_sheet_of_data_without_a_header_is_refused() {
    let w = Workdir::new();
    let path = w.path("no_header.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("客户").unwrap();
    for (r, row) in [
        ["张三", "13800138000", "北京华信科技有限公司", "zhangsan@163.com"],
        ["李四", "13900139000", "上海明达贸易有限公司", "lisi@qq.com"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(&path).unwrap();
    fails_with(
        path.to_str().unwrap(),
        "[客户]: the first row looks like data (张三, 13800138000, ...)",
    );
}

#[test]
fn a_failed_run_leaves_earlier_outputs_alone_and_no_partial_files() {
    let w = Workdir::new();
    w.clean(&[&fixture("formats/utf8.csv")], &[]);
    let before = std::fs::read(w.path("out/master.xlsx")).unwrap();
    let out = w.path("out");
    let o = w.run(&["clean", &fixture("bad/corrupt.xlsx"), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(w.path("out/master.xlsx")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn inputs_are_never_modified_or_overwritten() {
    let w = Workdir::new();
    let input = w.write("master.xlsx", std::fs::read(fixture("formats/table.xlsx")).unwrap());
    let before = std::fs::read(&input).unwrap();
    let o = w.run(&["clean", input.to_str().unwrap(), "-o", w.path("").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is an input of this run"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn bad_rules_are_reported_all_at_once() {
    let w = Workdir::new();
    std::fs::create_dir(w.path("rules")).unwrap();
    w.write(
        "rules/columns.toml",
        "[fields.nmae]\naliases = [\"x\"]\n[fields.phone]\naliases = [\"电话\"]\n[fields.mobile]\naliases = [\"电话\"]\n",
    );
    let o = w.run(&["rules", "check", w.path("rules").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("2 problem(s)"), "{stderr}");
    assert!(stderr.contains("columns.toml"), "{stderr}");
}

#[test]
fn rules_init_writes_defaults_that_check_clean() {
    let w = Workdir::new();
    let dir = w.path("myrules");
    let o = w.run(&["rules", "init", dir.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(dir.join("columns.toml").exists());
    let o = w.run(&["rules", "check", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A user's own alias takes effect.
    let mut text = std::fs::read_to_string(dir.join("columns.toml")).unwrap();
    text = text.replace("aliases = [\"mobile\",", "aliases = [\"mobile\", \"大哥大\",");
    std::fs::write(dir.join("columns.toml"), text).unwrap();
    let csv = w.write("a.csv", "姓名,大哥大\n张三,13800138000\n");
    let o = w.run(&["inspect", csv.to_str().unwrap(), "--rules", dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("大哥大 -> mobile"));
}

#[test]
fn a_cell_longer_than_excel_allows_is_cut_in_the_workbook_and_whole_in_the_csv() {
    let w = Workdir::new();
    let long = "长".repeat(40_000);
    let csv = w.write("long.csv", format!("姓名,手机,备注\n张三,13800138000,{long}\n"));
    w.clean(&[csv.to_str().unwrap()], &["--csv"]);
    let customers = w.sheet("Customers");
    let remark = customers.get(&customers.rows[0], "remarks").to_string();
    assert_eq!(remark.chars().count(), 32_767);
    assert!(remark.ends_with("see the CSV]"));
    let whole = std::fs::read_to_string(w.path("out/customers.csv")).unwrap();
    assert!(whole.contains(&long));
}
