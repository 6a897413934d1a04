//! Workbooks people print: the Summary's shares are numbers, the master's empty
//! columns are hidden, and the call sheet and roster are pages a team can work on
//! (gridlines, a header naming the sheet, page N of M, room to write). Checked in the
//! parts Excel reads (issue #12).

mod common;

use common::{fixture, read_sheet, xlsx_part, Workdir};

/// The columns a worksheet part's `<col>` elements describe, as (column, 1-based,
/// width, hidden); one element may cover a range of columns.
fn cols(xml: &str) -> Vec<(usize, f64, bool)> {
    xml.split("<col ")
        .skip(1)
        .flat_map(|c| {
            let attr = |name: &str| {
                let start = c.find(&format!("{name}=\"")).map(|i| i + name.len() + 2)?;
                let end = c[start..].find('"')? + start;
                Some(c[start..end].to_string())
            };
            let min: usize = attr("min").and_then(|v| v.parse().ok()).unwrap_or(0);
            let max: usize = attr("max").and_then(|v| v.parse().ok()).unwrap_or(min);
            let width: f64 = attr("width").and_then(|v| v.parse().ok()).unwrap_or(0.0);
            let hidden = attr("hidden").as_deref() == Some("1");
            (min..=max).map(move |c| (c, width, hidden))
        })
        .collect()
}

#[test]
fn summary_shares_are_numbers_with_a_percent_format_and_no_filter() {
    let w = Workdir::new();
    w.clean_demo();
    let master = w.path("out/master.xlsx");
    let summary = w.sheet("Summary");
    let valid = summary.find("figure", "valid information");
    let share: f64 = summary.get(valid, "share").parse().expect("a number, not text");
    let r = w.report();
    let expected = r["valid"].as_f64().unwrap() / r["customers"].as_f64().unwrap();
    assert!((share - expected).abs() < 0.001, "{share} vs {expected}");
    let styles = xlsx_part(&master, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.0%\""), "{styles}");
    let sheet1 = xlsx_part(&master, "xl/worksheets/sheet1.xml");
    assert!(!sheet1.contains("<autoFilter"), "Summary has no autofilter");
    let sheet2 = xlsx_part(&master, "xl/worksheets/sheet2.xml");
    assert!(sheet2.contains("<autoFilter"), "Customers keeps its autofilter");
}

#[test]
fn the_master_hides_only_the_empty_columns_of_the_customer_form() {
    let w = Workdir::new();
    w.clean_demo();
    let master = w.path("out/master.xlsx");
    let customers = read_sheet(&master, "Customers");
    let xml = xlsx_part(&master, "xl/worksheets/sheet2.xml");
    let cols = cols(&xml);
    let hidden: Vec<usize> = cols.iter().filter(|c| c.2).map(|c| c.0 - 1).collect();
    assert!(hidden.len() >= 20, "most of the form is empty on the demo: {hidden:?}");
    for (c, key) in customers.header.iter().enumerate() {
        let empty = customers.rows.iter().all(|r| r.get(c).is_none_or(|v| v.is_empty()));
        assert_eq!(hidden.contains(&c), empty, "{key}: hidden exactly when empty");
    }
    // Hidden, not dropped: the next run reads them.
    assert!(customers.header.contains(&"fax".to_string()));
    assert!(
        xml.contains("paperSize=\"9\"") && xml.contains("orientation=\"landscape\""),
        "{xml}"
    );
    assert!(xml.contains("&amp;P / &amp;N"), "page N of M in the footer");
}

#[test]
fn the_call_sheet_prints_with_a_grid_a_header_and_room_to_write() {
    let w = Workdir::new();
    let inputs = [fixture("audit/customers_267.xlsx")];
    w.clean(&[inputs[0].as_str()], &[]);
    let master = w.path("out/master.xlsx");
    let calls = w.path("calls.xlsx");
    let o = w.run(&[
        "calls",
        master.to_str().unwrap(),
        "-o",
        calls.to_str().unwrap(),
        "--by",
        "salesperson",
        "--lang",
        "zh",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = xlsx_part(&calls, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<printOptions gridLines=\"1\"/>"), "{xml}");
    assert!(
        xml.contains("fitToWidth=\"1\" fitToHeight=\"0\"") || xml.contains("fitToHeight=\"0\""),
        "{xml}"
    );
    // The salesperson (the sheet's name), the title and the date; page N of M.
    assert!(
        xml.contains("<oddHeader>&amp;L&amp;A&amp;C通话表&amp;R&amp;D</oddHeader>"),
        "{xml}"
    );
    assert!(
        xml.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"),
        "{xml}"
    );
    assert!(xml.contains("ht=\"24\""), "rows tall enough to write in: {xml}");
    let rows: Vec<&str> = xml
        .split("<row r=\"")
        .skip(1)
        .map(|r| r.split('"').next().unwrap())
        .collect();
    let unique: std::collections::BTreeSet<&&str> = rows.iter().collect();
    assert_eq!(rows.len(), unique.len(), "each row written once");
    let sheet = read_sheet(&calls, &common::sheet_names(&calls)[0]);
    let widths = cols(&xml);
    for (key, least) in [("通话结果", 24.0), ("通话日期", 12.0), ("备注", 30.0)] {
        let c = sheet.col(key);
        let width = widths.iter().find(|w| w.0 == c + 1).map_or(0.0, |w| w.1);
        assert!(width >= least, "{key}: {width} wide");
        assert!(
            !widths.iter().any(|w| w.0 == c + 1 && w.2),
            "{key} is not hidden though empty"
        );
    }
}

#[test]
fn the_roster_prints_with_a_grid_and_page_numbers_in_english() {
    let w = Workdir::new();
    w.clean_demo();
    let master = w.path("out/master.xlsx");
    let roster = w.path("roster.xlsx");
    let o = w.run(&["roster", master.to_str().unwrap(), "-o", roster.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = xlsx_part(&roster, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<printOptions gridLines=\"1\"/>"), "{xml}");
    assert!(xml.contains("&amp;CSales roster&amp;R&amp;D"), "{xml}");
    assert!(xml.contains("Page &amp;P of &amp;N"), "{xml}");
    assert!(
        !xml.contains("ht=\"24\""),
        "nothing to write in: rows keep their height"
    );
}

#[test]
fn the_report_says_nothing_was_called_and_shows_each_field_issue_with_an_example() {
    let w = Workdir::new();
    w.clean_demo();
    let html = std::fs::read_to_string(w.path("out/report.html")).unwrap();
    assert!(html.contains("Nothing has been called yet"), "uncalled list");
    assert!(
        !html.contains("valid by the data, not called</td>"),
        "no 100% row of it"
    );
    let r = w.report();
    let details = r["field_issue_details"].as_array().expect("field_issue_details");
    let total: u64 = details.iter().map(|d| d["count"].as_u64().unwrap()).sum();
    let counted: u64 = r["field_issues"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(total, counted, "the details add up to the counts");
    let first = &details[0];
    let example = first["example"].as_str().unwrap();
    assert!(example.contains("fixtures/demo/"), "names the file: {example}");
    assert!(html.contains("first example"), "{html}");
    assert!(html.contains(&common_escape(first["code"].as_str().unwrap())));

    // Called: the valid side breaks down by outcome again.
    let w = Workdir::new();
    let list = fixture("audit/customers_267.xlsx");
    let calls = fixture("audit/calls_267.xlsx");
    w.clean(&[&list], &["--outcomes", &calls]);
    let html = std::fs::read_to_string(w.path("out/report.html")).unwrap();
    assert!(!html.contains("Nothing has been called yet"));
}

fn common_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}
