//! ID numbers never leave in full through a report; with --mask not through the
//! workbook either, and rosters can hide phone digits.

mod common;

use common::Workdir;

const LIST: &str =
    "姓名,手机,身份证号码,性别\n张三,13800138000,11010519491231002X,女\n李四,13900139000,110105491231002,男\n";

fn all_text(w: &Workdir) -> String {
    let mut text = std::fs::read_to_string(w.path("out/report.json")).unwrap();
    text.push_str(&std::fs::read_to_string(w.path("out/report.html")).unwrap());
    text
}

#[test]
fn reports_never_show_a_full_id_number() {
    let w = Workdir::new();
    let csv = w.write("ids.csv", LIST);
    w.clean(&[csv.to_str().unwrap()], &[]);
    let text = all_text(&w);
    assert!(
        !text.contains("11010519491231002X") && !text.contains("110105491231002"),
        "reports leak an ID"
    );
    // Without --mask the master keeps the number (it is the customer file).
    let customers = w.sheet("Customers");
    assert_eq!(
        customers.get(customers.find("name", "张三"), "id_number"),
        "11010519491231002X"
    );
}

#[test]
fn mask_hides_id_numbers_in_the_workbook_and_csvs() {
    let w = Workdir::new();
    let csv = w.write("ids.csv", LIST);
    w.clean(&[csv.to_str().unwrap()], &["--mask", "--csv"]);
    let customers = w.sheet("Customers");
    let zhang = customers.find("name", "张三");
    assert_eq!(customers.get(zhang, "id_number"), "110***********002X");
    assert_eq!(
        customers.get(zhang, "phone"),
        "+8613800138000",
        "the master stays dialable"
    );
    let changes = w.sheet("Changes");
    for row in &changes.rows {
        for cell in row {
            assert!(!cell.contains("110105491231002"), "Changes leaks {cell}");
        }
    }
    for entry in std::fs::read_dir(w.path("out")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(!text.contains("11010519491231002X"), "{} leaks an ID", path.display());
        }
    }
}
