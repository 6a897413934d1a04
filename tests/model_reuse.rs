//! A quarter's run is reproducible: the model a run learned is kept in its master (a
//! hidden Model sheet) and `clean --previous` scores pairs with it again, unless told
//! `--learn`.

mod common;

use common::{read_sheet, sheet_names, Workdir};

/// A list large enough to learn from: `people` people, most written twice with the
/// mobile spaced, the email in capitals and the company's legal suffix dropped.
fn list(people: usize) -> String {
    let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
    let given = [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
    ];
    let mut out = String::from("姓名,手机,邮箱,单位\n");
    for p in 0..people {
        let name = format!(
            "{}{}{}",
            surnames[p % surnames.len()],
            given[(p / surnames.len()) % given.len()],
            given[(p / 7) % given.len()]
        );
        let mobile = format!("139{:08}", p * 7919 % 100_000_000);
        let email = format!("user{p}@mail{}.com", p % 5);
        let company = format!("公司{}有限公司", p % 300);
        out.push_str(&format!("{name},{mobile},{email},{company}\n"));
        if p % 4 != 0 {
            let spaced = format!("+86 {} {} {}", &mobile[..3], &mobile[3..7], &mobile[7..]);
            let short = company.replace("有限公司", "");
            out.push_str(&format!("{name},{spaced},{},{short}\n", email.to_uppercase()));
        }
    }
    out
}

fn report(w: &Workdir, dir: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(w.path(&format!("{dir}/report.json"))).unwrap()).unwrap()
}

fn weights(r: &serde_json::Value) -> Vec<(String, String, f64)> {
    let mut out = Vec::new();
    for f in r["model"]["fields"].as_array().unwrap() {
        for l in f["levels"].as_array().unwrap() {
            out.push((
                f["field"].as_str().unwrap().to_string(),
                l["level"].as_str().unwrap().to_string(),
                l["weight"].as_f64().unwrap(),
            ));
        }
    }
    out
}

fn run(w: &Workdir, args: &[&str]) {
    let o = w.run(args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_learned_model_is_kept_and_used_again_by_previous_unless_told_to_learn() {
    let w = Workdir::new();
    let input = w.write("list.csv", list(1200));
    let (q1, q2, q3) = (w.path("q1"), w.path("q2"), w.path("q3"));
    run(&w, &["clean", input.to_str().unwrap(), "-o", q1.to_str().unwrap()]);
    let first = report(&w, "q1");
    assert_eq!(first["model"]["learned"], true, "{}", first["model"]["note"]);
    let master = q1.join("master.xlsx");
    assert!(sheet_names(&master).contains(&"Model".to_string()));
    assert!(common::read_sheet(&master, "Model").rows.len() > 10);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&master).unwrap()).unwrap();
    let mut book = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut book).unwrap();
    assert!(
        book.contains("name=\"Model\"") && book.contains("state=\"hidden\""),
        "{book}"
    );

    // Next quarter, with new rows that would shift a freshly learned model.
    let more = w.write("more.csv", list(300).replace("公司", "集团"));
    run(
        &w,
        &[
            "clean",
            more.to_str().unwrap(),
            "--previous",
            master.to_str().unwrap(),
            "-o",
            q2.to_str().unwrap(),
        ],
    );
    let second = report(&w, "q2");
    assert_eq!(second["model"]["reused_from"], master.display().to_string());
    let (a, b) = (weights(&first), weights(&second));
    assert_eq!(a.len(), b.len());
    for ((f, l, x), (_, _, y)) in a.iter().zip(&b) {
        assert!((x - y).abs() < 1e-6, "{f} {l}: {x} then {y}");
    }
    // The reused model is kept again, so a third quarter scores as the first did.
    assert!(sheet_names(&q2.join("master.xlsx")).contains(&"Model".to_string()));

    run(
        &w,
        &[
            "clean",
            more.to_str().unwrap(),
            "--previous",
            master.to_str().unwrap(),
            "--learn",
            "-o",
            q3.to_str().unwrap(),
        ],
    );
    let third = report(&w, "q3");
    assert!(third["model"].get("reused_from").is_none(), "{}", third["model"]);
    assert_eq!(
        read_sheet(&q3.join("master.xlsx"), "Customers").rows.len(),
        read_sheet(&q2.join("master.xlsx"), "Customers").rows.len()
    );
}
