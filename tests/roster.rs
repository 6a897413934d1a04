//! The sales roster: valid customers grouped onto sheets, printable and filterable.

mod common;

use common::{fixture, read_sheet, sheet_names, Workdir};

fn master(w: &Workdir) -> String {
    w.clean_demo();
    w.path("out/master.xlsx").to_str().unwrap().to_string()
}

#[test]
fn one_sheet_per_salesperson_with_valid_customers_only() {
    let w = Workdir::new();
    let m = master(&w);
    let out = w.path("roster.xlsx");
    let o = w.run(&["roster", &m, "-o", out.to_str().unwrap(), "--by", "salesperson"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names = sheet_names(&out);
    assert_eq!(names.last().unwrap(), "(none)", "{names:?}");
    assert!(names.contains(&"王芳".to_string()) && names.contains(&"刘强".to_string()));
    let wang = read_sheet(&out, "王芳");
    assert_eq!(wang.header[..5], ["customer_id", "name", "title", "company", "phone"]);
    assert!(!wang.header.contains(&"status".to_string()));
    for row in &wang.rows {
        assert_eq!(wang.get(row, "salesperson"), "王芳");
    }
    let names_on_sheet = wang.column("name");
    assert!(names_on_sheet.contains(&"张三".to_string()));
    assert!(
        !names_on_sheet.contains(&"孙八".to_string()),
        "fax-only customer is invalid"
    );
    let total: usize = names.iter().map(|n| read_sheet(&out, n).rows.len()).sum();
    let valid = w.report()["valid"].as_u64().unwrap() as usize;
    assert_eq!(total, valid);
}

#[test]
fn all_includes_invalid_with_reasons_and_mask_hides_digits() {
    let w = Workdir::new();
    let m = master(&w);
    let out = w.path("all.xlsx");
    let o = w.run(&[
        "roster",
        &m,
        "-o",
        out.to_str().unwrap(),
        "--all",
        "--mask",
        "--lang",
        "zh",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(sheet_names(&out), ["客户一览表"]);
    let sheet = read_sheet(&out, "客户一览表");
    assert_eq!(sheet.header[0], "客户编号");
    assert_eq!(sheet.rows.len() as u64, w.report()["customers"].as_u64().unwrap());
    let sun = sheet.find("姓名", "孙八");
    assert_eq!(sheet.get(sun, "无效原因"), "传真机");
    // 张三 is one customer across the demo files: every distinct number of his rows.
    let zhang = sheet.find("姓名", "张三");
    assert_eq!(
        sheet.get(zhang, "电话"),
        "138 **** 8000; 010 **** 5678; 010 **** 5678 转 12"
    );
}

#[test]
fn a_master_written_in_chinese_reads_back() {
    let w = Workdir::new();
    w.clean(&[&fixture("demo/老客户_GBK.csv")], &["--lang", "zh"]);
    let out = w.path("r.xlsx");
    let m = w.path("out/master.xlsx");
    let o = w.run(&[
        "roster",
        m.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--by",
        "region",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let total: usize = sheet_names(&out).iter().map(|n| read_sheet(&out, n).rows.len()).sum();
    assert_eq!(total as u64, w.report()["valid"].as_u64().unwrap());
}

#[test]
fn roster_refuses_a_non_master_and_never_writes_over_its_input() {
    let w = Workdir::new();
    let o = w.run(&[
        "roster",
        &fixture("formats/table.xlsx"),
        "-o",
        w.path("x.xlsx").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a rollcall master (a master.xlsx"));
    let m = master(&w);
    let before = std::fs::read(&m).unwrap();
    let o = w.run(&["roster", &m, "-o", &m]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&m).unwrap(), before);
}
