//! A salesperson written two ways in two lists is one salesperson: one group in the
//! report, one sheet of the call sheet, and the merge said (issue #12).

mod common;

use common::{read_sheet, sheet_names, Workdir};

fn two_lists(w: &Workdir) -> (String, String) {
    let a = w.write(
        "销售部.csv",
        "姓名,手机,签单人员\n张三,13800138000,王芳\n李四,13900139000,李娜\n",
    );
    let b = w.write(
        "crm.csv",
        "Name,Mobile,Salesperson\nJohn Smith,13700137000,Wang Fang\nMary Lee,13600136000,WANG fang\n",
    );
    (a.to_str().unwrap().to_string(), b.to_str().unwrap().to_string())
}

#[test]
fn wang_fang_and_王芳_are_one_salesperson_with_one_call_sheet() {
    let w = Workdir::new();
    let (a, b) = two_lists(&w);
    let o = w.clean(&[&a, &b], &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("note: salesperson: WANG fang, Wang Fang, 王芳 are one salesperson, written 王芳 (2 rows changed"),
        "{err}"
    );
    let customers = w.sheet("Customers");
    let people: std::collections::BTreeSet<String> = customers.column("salesperson").into_iter().collect();
    assert_eq!(people.into_iter().collect::<Vec<_>>(), ["李娜", "王芳"]);
    let r = w.report();
    assert_eq!(r["by_salesperson"].as_array().unwrap().len(), 2);
    assert!(r["notes"].to_string().contains("are one salesperson, written 王芳"));
    let changes = w.sheet("Changes");
    assert!(
        changes
            .column("rule")
            .iter()
            .filter(|r| *r == "salesperson.fold")
            .count()
            == 2
    );
    let master = w.path("out/master.xlsx");
    let calls = w.path("calls.xlsx");
    let o = w.run(&[
        "calls",
        master.to_str().unwrap(),
        "-o",
        calls.to_str().unwrap(),
        "--by",
        "salesperson",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(sheet_names(&calls), ["李娜", "王芳", "Lists"]);
    assert_eq!(read_sheet(&calls, "王芳").rows.len(), 3);
}

#[test]
fn an_alias_in_rules_names_what_folding_cannot_see() {
    let w = Workdir::new();
    let (a, _) = two_lists(&w);
    let c = w.write("展会.csv", "姓名,手机,签单人员\n赵六,13500135000,Fiona\n");
    let rules = w.path("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("salespeople.toml"), "[aliases]\n\"Fiona\" = \"王芳\"\n").unwrap();
    w.clean(&[&a, c.to_str().unwrap()], &["--rules", rules.to_str().unwrap()]);
    let customers = w.sheet("Customers");
    assert_eq!(customers.get(customers.find("name", "赵六"), "salesperson"), "王芳");

    std::fs::write(
        rules.join("salespeople.toml"),
        "[aliases]\n\"Fiona\" = \"Fang\"\n\"Fang\" = \"王芳\"\n",
    )
    .unwrap();
    let o = w.run(&["rules", "check", rules.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("salespeople.toml: aliases: \"Fiona\" = \"Fang\": \"Fang\" is itself an alias"),
        "{err}"
    );
}
