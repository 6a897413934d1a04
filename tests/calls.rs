//! The call sheet: who to call, a dialable number, an outcome drop-down, and a filled
//! sheet that goes back in through --outcomes as it is.

mod common;

use std::io::Read;

use common::{fixture, read_sheet, sheet_names, Workdir};

fn master(w: &Workdir, lang: &str) -> String {
    let inputs = [fixture("demo/销售部客户.xlsx"), fixture("demo/老客户_GBK.csv")];
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    w.clean(&inputs, &["--lang", lang]);
    w.path("out/master.xlsx").to_str().unwrap().to_string()
}

/// The XML of one part of an xlsx.
fn part(path: &std::path::Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip_entries(file);
    zip.remove(name).unwrap_or_else(|| panic!("no {name} in the workbook"))
}

fn zip_entries(file: std::fs::File) -> std::collections::HashMap<String, String> {
    // calamine brings zip; reading the parts directly checks what Excel will see.
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut out = std::collections::HashMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut text = String::new();
        if f.read_to_string(&mut text).is_ok() {
            out.insert(f.name().to_string(), text);
        }
    }
    out
}

#[test]
fn the_outcome_column_has_a_drop_down_of_the_vocabulary() {
    let w = Workdir::new();
    let m = master(&w, "en");
    let out = w.path("calls.xlsx");
    let o = w.run(&["calls", &m, "-o", out.to_str().unwrap(), "--lang", "zh"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(sheet_names(&out), ["通话表", "Lists"]);
    let sheet1 = part(&out, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("<dataValidation type=\"list\""), "{sheet1}");
    assert!(sheet1.contains("Lists!$A$1:$A$16"), "{sheet1}");
    let workbook = part(&out, "xl/workbook.xml");
    assert!(workbook.contains("state=\"hidden\""), "the list sheet is hidden");
    let lists = read_sheet(&out, "Lists");
    let mut values: Vec<String> = lists.header.clone();
    values.extend(lists.rows.iter().map(|r| r[0].clone()));
    for word in ["无人接听", "停机空号", "传真机", "联动商机提供", "不需要服务的客户"] {
        assert!(values.contains(&word.to_string()), "{word} in {values:?}");
    }
    let calls = read_sheet(&out, "通话表");
    assert_eq!(
        calls.header,
        [
            "客户编号",
            "姓名",
            "工作单位",
            "电话",
            "其他号码",
            "签单人员",
            "核实前状态",
            "核实前原因",
            "通话结果",
            "通话日期",
            "呼叫人",
            "备注"
        ]
    );
    let li = calls.find("姓名", "李四");
    assert_eq!(calls.get(li, "电话"), "139 0013 9000");
    assert_eq!(calls.get(li, "其他号码"), "010 6234 5670 转 203");
    assert!(
        !calls.column("姓名").contains(&"郑十一".to_string()),
        "no number, nothing to call"
    );
}

#[test]
fn only_and_by_choose_the_rows_and_sheets() {
    let w = Workdir::new();
    let m = master(&w, "zh");
    let out = w.path("calls.xlsx");
    let o = w.run(&["calls", &m, "-o", out.to_str().unwrap(), "--only", "invalid"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let calls = read_sheet(&out, "Calls");
    assert!(calls.rows.iter().all(|r| calls.get(r, "status_before") == "invalid"));
    let names = calls.column("name");
    assert!(
        names.contains(&"马超".to_string()),
        "invalid by a remark (空号), to call again: {names:?}"
    );
    assert!(!names.contains(&"孙八".to_string()), "a fax is not dialled");
    let o = w.run(&[
        "calls",
        &m,
        "-o",
        out.to_str().unwrap(),
        "--by",
        "salesperson",
        "--only",
        "all",
    ]);
    assert!(o.status.success());
    let names = sheet_names(&out);
    assert!(
        names.contains(&"王芳".to_string()) && names.contains(&"(none)".to_string()),
        "{names:?}"
    );
}

#[test]
fn a_filled_call_sheet_goes_back_in_as_it_is() {
    let w = Workdir::new();
    let m = master(&w, "en");
    let out = w.path("calls.xlsx");
    assert!(w.run(&["calls", &m, "-o", out.to_str().unwrap()]).status.success());
    let calls = read_sheet(&out, "Calls");
    let filled_path = w.path("filled.xlsx");
    let said = |name: &str| {
        Some(match name {
            "张三" => "空号",
            "李四" => "no answer",
            _ => "不需要服务的客户",
        })
    };
    common::fill_call_sheet(&calls, &said, "2024-03-01", &filled_path);
    let inputs = [fixture("demo/销售部客户.xlsx"), fixture("demo/老客户_GBK.csv")];
    let out2 = w.path("out2");
    let o = w.run(&[
        "clean",
        &inputs[0],
        &inputs[1],
        "--outcomes",
        filled_path.to_str().unwrap(),
        "-o",
        out2.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let customers = read_sheet(&out2.join("master.xlsx"), "Customers");
    let zhang = customers.find("name", "张三");
    assert_eq!(customers.get(zhang, "status"), "invalid");
    assert_eq!(customers.get(zhang, "reason"), "disconnected");
    assert_eq!(customers.get(zhang, "verified_by"), "call");
    let li = customers.find("name", "李四");
    assert_eq!(customers.get(li, "reason"), "no_answer");
    let ma = customers.find("name", "马超");
    assert_eq!(customers.get(ma, "status"), "valid");
    assert_eq!(customers.get(ma, "outcome"), "不需要服务的客户");
}
