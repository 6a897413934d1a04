//! Classification end to end: call results, remarks and data checks deciding each
//! customer, the verification report, and the DOMAIN.md audit reproduced exactly.

mod common;

use common::{fixture, Workdir};
use serde_json::{json, Value};

/// Six customers, each set up for one rule; the call sheet refers to them by id,
/// except where it says otherwise.
const CUSTOMERS: &str = "\
客户编号,姓名,公司,手机,签单人员,备注
K1,张一,甲公司,13900000001,王伟,2023年回访：空号
K2,张二,乙公司,13900000002,王伟,打过去是传真音
K3,张三,丙公司,13900000003,李娜,老客户
K4,张四,丁公司,13900000004,李娜,
K5,张五,戊公司,13900000005,李娜,不是空号
K6,张六,己公司,13900000006,,
";

const CALLS: &str = "\
客户编号,联系电话,通话结果,通话日期,呼叫人
K1,,联动商机提供,2024-03-02,赵一
K4,,空号,2024-03-05,赵一
K4,,在伙伴服务期限内,2024-03-01,钱二
";

fn clean_with_calls(w: &Workdir, customers: &str, calls: &str, extra: &[&str]) {
    let list = w.write("customers.csv", customers);
    let sheet = w.write("calls.csv", calls);
    let mut args = vec!["--outcomes", sheet.to_str().unwrap()];
    args.extend_from_slice(extra);
    w.clean(&[list.to_str().unwrap()], &args);
}

/// The Customers row of a source customer id, as (status, reason, verified_by, outcome).
fn verdict(w: &Workdir, source_id: &str) -> (String, String, String, String) {
    let s = w.sheet("Customers");
    let row = s.find("source_customer_id", source_id);
    (
        s.get(row, "status").to_string(),
        s.get(row, "reason").to_string(),
        s.get(row, "verified_by").to_string(),
        s.get(row, "outcome").to_string(),
    )
}

fn owned(v: (&str, &str, &str, &str)) -> (String, String, String, String) {
    (v.0.into(), v.1.into(), v.2.into(), v.3.into())
}

#[test]
fn audit_fixture_reproduces_the_domain_table() {
    let w = Workdir::new();
    w.clean(
        &[&fixture("audit/customers_267.xlsx")],
        &["--outcomes", &fixture("audit/calls_267.xlsx")],
    );
    let r = w.report();
    assert_eq!(r["customers"], 267);
    assert_eq!(r["valid"], 133);
    assert_eq!(r["invalid"], 134);
    assert_eq!(
        r["reasons"],
        json!({"no_answer": 44, "busy": 4, "wrong_number": 22, "unreachable": 11, "fax": 10, "disconnected": 43})
    );
    assert_eq!(
        r["outcomes"],
        json!({
            "联动商机提供": 10,
            "在伙伴服务期限内": 32,
            "更换代理商的客户": 13,
            "不需要服务的客户": 56,
            "有抵触情绪的客户": 6,
            "不清楚自己服务商的客户": 14,
            "其它情况(停用或更换软件)": 2
        })
    );
    assert_eq!(r["verified_by"]["call"], 267);
    let calls = &r["call_results"];
    assert_eq!(calls["matched_by_phone"], 16, "results written without an id, by phone");
    assert_eq!(calls["unmatched"].as_array().unwrap().len(), 2);
    assert_eq!(calls["unrecognized"].as_array().unwrap().len(), 1);
    assert_eq!(calls["unrecognized"][0]["outcome"], "下周再打");
    let html = std::fs::read_to_string(w.path("out/report.html")).unwrap();
    assert!(html.contains("49.8%") && html.contains("50.2%"));
    // The Summary sheet carries the same figures.
    let summary = w.sheet("Summary");
    let valid = summary.find("figure", "valid information");
    assert_eq!(summary.get(valid, "count"), "133");
    // Shares are numbers (shown with a percent format), not text.
    assert_eq!(summary.get(valid, "share"), "0.498");
    let invalid = summary.find("figure", "invalid information");
    assert_eq!(summary.get(invalid, "share"), "0.502");
    assert_eq!(summary.get(summary.find("figure", "no answer"), "count"), "44");
    assert_eq!(summary.get(summary.find("figure", "needs no service"), "count"), "56");
}

#[test]
fn a_call_result_beats_remarks_and_remarks_beat_the_data() {
    let w = Workdir::new();
    clean_with_calls(&w, CUSTOMERS, CALLS, &[]);
    // K1's remark says vacant, but the call reached them.
    assert_eq!(verdict(&w, "K1"), owned(("valid", "", "call", "联动商机提供")));
    // K2 was never called: its remark decides.
    assert_eq!(verdict(&w, "K2"), owned(("invalid", "fax", "data", "传真机")));
    // K3's remark holds no outcome, K5's a negated one: the data checks decide.
    for id in ["K3", "K5"] {
        assert_eq!(verdict(&w, id), owned(("valid", "", "data", "")), "{id}");
    }
    let invalid = w.sheet("Invalid");
    let k2 = invalid.find("source_customer_id", "K2");
    assert!(invalid.get(k2, "reason_detail").contains("传真"));
    assert!(invalid.get(k2, "evidence").contains("打过去是传真音"));
    assert!(invalid.get(k2, "evidence").contains("customers.csv"));
}

#[test]
fn the_latest_result_decides_whatever_the_row_order() {
    let w = Workdir::new();
    clean_with_calls(&w, CUSTOMERS, CALLS, &[]);
    assert_eq!(
        verdict(&w, "K4"),
        owned(("invalid", "disconnected", "call", "停机空号"))
    );
    let invalid = w.sheet("Invalid");
    let k4 = invalid.find("source_customer_id", "K4");
    assert!(invalid.get(k4, "reason_detail").contains("latest of 2"));
    let evidence = invalid.get(k4, "evidence");
    assert!(
        evidence.contains("在伙伴服务期限内") && evidence.contains("空号"),
        "{evidence}"
    );
}

#[test]
fn repeated_failures_make_a_customer_unreachable() {
    let calls = "\
客户编号,联系电话,通话结果,通话日期
K1,,没人接,2024-03-01
K1,,占线,2024-03-02
K1,,no answer,2024-03-03
K2,,无人接听,2024-03-01
K2,,没人接,2024-03-02
K3,,没人接,2024-03-01
K3,,占线,2024-03-02
K3,,無人接聽,2024-03-03
K3,,有商机,2024-03-04
K4,,空号,2024-03-01
K4,,没人接,2024-03-02
K4,,占线,2024-03-03
";
    let w = Workdir::new();
    clean_with_calls(&w, CUSTOMERS, calls, &[]);
    assert_eq!(
        verdict(&w, "K1"),
        owned(("invalid", "unreachable", "call", "一直联系不上"))
    );
    assert_eq!(verdict(&w, "K2"), owned(("invalid", "no_answer", "call", "无人接听")));
    assert_eq!(verdict(&w, "K3"), owned(("valid", "", "call", "联动商机提供")));
    // Only failures in a row count: the vacant number before them does not.
    assert_eq!(verdict(&w, "K4"), owned(("invalid", "busy", "call", "占线")));
    let invalid = w.sheet("Invalid");
    let k1 = invalid.find("source_customer_id", "K1");
    assert!(invalid.get(k1, "reason_detail").starts_with("3 failed calls"));

    // The number of failures is a rule: two are enough here.
    let rules = w.path("rules");
    w.run(&["rules", "init", rules.to_str().unwrap()]);
    let path = rules.join("outcomes.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("times = 3", "times = 2");
    std::fs::write(&path, text).unwrap();
    clean_with_calls(&w, CUSTOMERS, calls, &["--rules", rules.to_str().unwrap()]);
    assert_eq!(verdict(&w, "K2").1, "unreachable");
}

#[test]
fn results_are_matched_by_phone_and_unmatched_ones_are_listed() {
    let customers = "\
客户编号,姓名,公司,手机
K1,张一,甲公司,13900000001
K2,张二,乙公司,010-62345678
K3,张三,丙公司,13900000009
K4,李四,丁公司,13900000009
";
    let calls = "\
客户编号,姓名,联系电话,通话结果
,,+86 139 0000 0001,fax tone
,,0086 10 6234 5678,停机
X9,,13700000000,没人接
,,13900000009,空号
,路人,,占线
,,,占线
K1,,,下周再打
";
    let w = Workdir::new();
    clean_with_calls(&w, customers, calls, &[]);
    assert_eq!(verdict(&w, "K1").1, "fax");
    assert_eq!(verdict(&w, "K2").1, "disconnected");
    let r = w.report();
    let c = &r["call_results"];
    assert_eq!(c["results"], 6);
    assert_eq!(c["applied"], 2);
    assert_eq!(c["matched_by_phone"], 2);
    let unmatched: Vec<&str> = c["unmatched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["why"].as_str().unwrap())
        .collect();
    assert_eq!(unmatched.len(), 4, "{unmatched:?}");
    assert!(unmatched[0].contains("no customer has the id X9"), "{unmatched:?}");
    assert!(unmatched[1].contains("belongs to 2 customers") && unmatched[1].contains("give the customer id"));
    assert!(unmatched[2].contains("no customer id or phone"));
    // A row with nothing but an outcome is listed with the reader's reason.
    assert!(unmatched[3].contains("no name"));
    assert_eq!(
        c["unmatched"][3]["source"].as_str().unwrap().rsplit(':').next(),
        Some("7")
    );
    assert_eq!(c["unrecognized"][0]["outcome"], "下周再打");
    assert_eq!(c["files"][0]["unmatched"], 4);
    // The shared number decided nothing for either customer.
    assert_eq!(verdict(&w, "K3").2, "data");
    let html = std::fs::read_to_string(w.path("out/report.html")).unwrap();
    assert!(html.contains("no customer has the id X9"));
    assert!(html.contains("下周再打"));
}

#[test]
fn a_fax_number_is_known_by_the_data() {
    let customers = "\
姓名,公司,电话,传真
张一,甲公司,010-62345678,010-62345678
张二,乙公司,,010-62345679
张三,丙公司,13900000001,010-62345670
";
    let w = Workdir::new();
    let list = w.write("customers.csv", customers);
    w.clean(&[list.to_str().unwrap()], &[]);
    let s = w.sheet("Customers");
    let get = |name: &str, key: &str| s.get(s.find("name", name), key).to_string();
    assert_eq!(get("张一", "reason"), "fax");
    assert_eq!(get("张二", "reason"), "fax");
    assert_eq!(get("张三", "status"), "valid");
    assert_eq!(get("张一", "verified_by"), "data");
    let invalid = w.sheet("Invalid");
    let row = invalid.find("name", "张一");
    assert_eq!(invalid.get(row, "evidence"), "+861062345678");
    // Each column once: the sheet leads with the id and reason, every row is invalid.
    let once = |key: &str| invalid.header.iter().filter(|h| *h == key).count();
    assert_eq!(
        &invalid.header[..4],
        ["customer_id", "reason", "reason_detail", "evidence"]
    );
    assert_eq!((once("customer_id"), once("reason"), once("status")), (1, 1, 0));
    assert_eq!(invalid.header[4], "verified_by");
}

#[test]
fn report_json_holds_the_breakdowns() {
    let w = Workdir::new();
    clean_with_calls(&w, CUSTOMERS, CALLS, &[]);
    let r = w.report();
    let people: Vec<&Value> = r["by_salesperson"].as_array().unwrap().iter().collect();
    let names: Vec<&str> = people.iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 3);
    assert!(names.contains(&"王伟") && names.contains(&"李娜") && names.contains(&""));
    let total: u64 = people.iter().map(|g| g["customers"].as_u64().unwrap()).sum();
    assert_eq!(total, 6);
    for g in &people {
        let (c, v, i) = (&g["customers"], &g["valid"], &g["invalid"]);
        assert_eq!(c.as_u64(), Some(v.as_u64().unwrap() + i.as_u64().unwrap()));
    }
    let files = r["by_file"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert!(files[0]["name"].as_str().unwrap().ends_with("customers.csv"));
    assert_eq!(files[0]["customers"], 6);
    assert_eq!(r["outcomes"], json!({"联动商机提供": 1}));
}

#[test]
fn the_html_report_stands_alone_escapes_and_masks() {
    let customers = "\
客户编号,姓名,公司,手机,签单人员
K1,张一,甲公司,13900000001,<b>王伟</b>
";
    let calls = "\
客户编号,联系电话,通话结果
110105194912310023,,空号
";
    let w = Workdir::new();
    clean_with_calls(&w, customers, calls, &[]);
    let html = std::fs::read_to_string(w.path("out/report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for outside in ["http://", "https://", "<script", "<link", "src=", "@import"] {
        assert!(!html.contains(outside), "report.html refers to {outside}");
    }
    assert!(html.contains("&lt;b&gt;王伟&lt;/b&gt;"));
    assert!(!html.contains("110105194912310023"));
    assert!(html.contains("110***********0023"));
    assert!(html.contains("<svg"));
}

#[test]
fn lang_zh_writes_the_report_in_chinese() {
    let w = Workdir::new();
    clean_with_calls(&w, CUSTOMERS, CALLS, &["--lang", "zh"]);
    let html = std::fs::read_to_string(w.path("out/report.html")).unwrap();
    assert!(html.contains("<html lang=\"zh-CN\">"));
    for words in [
        "客户信息核实报告",
        "有效信息",
        "无效信息",
        "按签单人员",
        "停机空号",
        "传真机",
    ] {
        assert!(html.contains(words), "no {words}");
    }
    assert!(!html.contains("Invalid, by reason"));
    let summary = w.sheet("汇总");
    assert_eq!(summary.header[..3], ["项目", "数量", "占比"]);
    summary.find("项目", "客户总量");
}

#[test]
fn the_summary_sheet_has_native_charts() {
    let w = Workdir::new();
    clean_with_calls(&w, CUSTOMERS, CALLS, &[]);
    let bytes = std::fs::read(w.path("out/master.xlsx")).unwrap();
    // Zip entry names are stored uncompressed.
    let has = |name: &str| bytes.windows(name.len()).any(|win| win == name.as_bytes());
    assert!(has("xl/charts/chart1.xml"));
    assert!(has("xl/drawings/drawing1.xml"));
}

#[test]
fn an_unusable_outcomes_file_stops_the_run() {
    let w = Workdir::new();
    let list = w.write("customers.csv", CUSTOMERS);
    let not_calls = w.write("not_calls.csv", "姓名,手机\n张一,13900000001\n");
    let out = w.path("out");
    for (file, message) in [
        (w.path("missing.xlsx"), "missing.xlsx: no such file"),
        (not_calls.clone(), "not_calls.csv: not a call sheet"),
    ] {
        let o = w.run(&[
            "clean",
            list.to_str().unwrap(),
            "--outcomes",
            file.to_str().unwrap(),
            "--keep-going",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(message), "{err}");
        assert!(!out.join("master.xlsx").exists());
    }
}

#[test]
fn rules_init_writes_the_outcome_vocabulary() {
    let w = Workdir::new();
    let dir = w.path("rules");
    let o = w.run(&["rules", "init", dir.to_str().unwrap()]);
    assert!(o.status.success());
    let text = std::fs::read_to_string(dir.join("outcomes.toml")).unwrap();
    assert!(text.contains("无人接听") && text.contains("[repeated_failures]"));
    // A company's own word, added without touching code.
    let text = text.replace("\"占线\",", "\"忙线中请稍后\", \"占线\",");
    std::fs::write(dir.join("outcomes.toml"), text).unwrap();
    let o = w.run(&["rules", "check", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    clean_with_calls(
        &w,
        CUSTOMERS,
        "客户编号,通话结果\nK3,忙线中请稍后\n",
        &["--rules", dir.to_str().unwrap()],
    );
    assert_eq!(verdict(&w, "K3").1, "busy");
}
