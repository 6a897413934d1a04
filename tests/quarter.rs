//! A whole quarter: clean two lists, print the call sheet, fill it in, clean again with
//! last quarter's master, the filled sheet and one new list. Ids are kept, nothing is
//! lost, the outcomes land, and the report shows the change.

mod common;

use std::collections::HashMap;

use common::{fixture, read_sheet, Workdir};

#[test]
fn a_whole_quarter() {
    let w = Workdir::new();
    let q1 = w.path("q1");
    let sales = fixture("demo/销售部客户.xlsx");
    let crm = fixture("demo/crm_export.csv");
    let o = w.run(&["clean", &sales, &crm, "-o", q1.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before = read_sheet(&q1.join("master.xlsx"), "Customers");
    let ids_before: HashMap<String, String> = before
        .rows
        .iter()
        .map(|r| {
            (
                before.get(r, "customer_id").to_string(),
                before.get(r, "name").to_string(),
            )
        })
        .collect();
    let zhou_id = before.get(before.find("name", "周九"), "customer_id").to_string();

    let calls_path = w.path("calls.xlsx");
    let o = w.run(&[
        "calls",
        q1.join("master.xlsx").to_str().unwrap(),
        "-o",
        calls_path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let calls = read_sheet(&calls_path, "Calls");
    let said = |name: &str| match name {
        "张三" => Some("停机"),
        "赵六" => Some("传真音"),
        "周九" => Some("在伙伴服务期限内"),
        _ => None,
    };
    let filled = w.path("calls_filled.xlsx");
    common::fill_call_sheet(&calls, &said, "2024-04-02", &filled);

    let q2 = w.path("q2");
    let new_list = fixture("demo/老客户_GBK.csv");
    let o = w.run(&[
        "clean",
        &new_list,
        "--previous",
        q1.join("master.xlsx").to_str().unwrap(),
        "--outcomes",
        filled.to_str().unwrap(),
        "-o",
        q2.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = read_sheet(&q2.join("master.xlsx"), "Customers");

    // Nothing lost: every customer of last quarter is still there under its id.
    let ids_after: Vec<String> = after.column("customer_id");
    for (id, name) in &ids_before {
        assert!(ids_after.contains(id), "{id} ({name}) was lost");
    }
    // A customer of the new list that was already known keeps its id.
    let zhou = after.find("customer_id", &zhou_id);
    assert_eq!(after.get(zhou, "name"), "周九");
    assert!(
        after.get(zhou, "phones").contains("+8657187654321"),
        "the new list's landline joined 周九"
    );
    // New customers continue the sequence.
    let max_before = ids_before.keys().max().unwrap().clone();
    let ma = after.find("name", "马超");
    assert!(after.get(ma, "customer_id") > max_before.as_str());

    // The outcomes landed.
    let zhang = after.rows.iter().find(|r| after.get(r, "name") == "张三").unwrap();
    assert_eq!(
        (after.get(zhang, "status"), after.get(zhang, "reason")),
        ("invalid", "disconnected")
    );
    assert_eq!(after.get(zhang, "verified_by"), "call");
    let zhao = after.find("name", "赵六");
    assert_eq!(after.get(zhao, "reason"), "fax");
    assert_eq!(after.get(zhou, "outcome"), "在伙伴服务期限内");
    assert_eq!(after.get(zhou, "status"), "valid");

    // The report shows the change.
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(q2.join("report.json")).unwrap()).unwrap();
    let since = &report["since_last_time"];
    assert_eq!(since["previous_customers"].as_u64().unwrap() as usize, ids_before.len());
    assert!(since["new_customers"].as_u64().unwrap() >= 2, "{since}");
    assert!(since["not_seen"].as_u64().unwrap() >= 1, "{since}");
    let changes = since["status_changes"].as_object().unwrap();
    assert_eq!(
        changes.get("valid -> invalid (disconnected)").and_then(|v| v.as_u64()),
        Some(1),
        "{since}"
    );
    let html = std::fs::read_to_string(q2.join("report.html")).unwrap();
    assert!(html.contains("Since last time"), "the page has the section");

    // Cleaning the new master again, alone, changes no verdict and loses no one.
    let q3 = w.path("q3");
    let o = w.run(&[
        "clean",
        "--previous",
        q2.join("master.xlsx").to_str().unwrap(),
        "-o",
        q3.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(q3.join("report.json")).unwrap()).unwrap();
    let since = &report["since_last_time"];
    assert_eq!(since["status_changes"].as_object().unwrap().len(), 0, "{since}");
    assert_eq!(since["new_customers"], 0);
    assert_eq!(report["customers"].as_u64().unwrap() as usize, after.rows.len());
}
