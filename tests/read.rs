//! Reading every format and encoding, finding headers, mapping columns, and accounting
//! for every row, driven through the binary.

mod common;

use common::{fixture, sheet_names, Workdir};

const FORMATS: &[(&str, &str, Option<&str>)] = &[
    ("formats/utf8.csv", "csv", Some("UTF-8")),
    ("formats/utf8_bom.csv", "csv", Some("UTF-8 (BOM)")),
    ("formats/utf16le.txt", "txt", Some("UTF-16LE")),
    ("formats/utf16be.csv", "csv", Some("UTF-16BE")),
    ("formats/utf16le_no_bom.csv", "csv", Some("UTF-16LE")),
    ("formats/utf16be_no_bom.csv", "csv", Some("UTF-16BE")),
    ("formats/gbk.csv", "csv", Some("GBK")),
    ("formats/gb18030.csv", "csv", Some("GBK")),
    ("formats/semicolon.csv", "csv", Some("UTF-8")),
    ("formats/tab.tsv", "tsv", Some("UTF-8")),
    ("formats/pipe.txt", "txt", Some("UTF-8")),
    ("formats/table.xlsx", "xlsx", None),
    ("formats/table.xlsm", "xlsm", None),
    ("formats/table.xls", "xls", None),
    ("formats/table.ods", "ods", None),
];

#[test]
fn every_format_and_encoding_reads_the_same_table() {
    for (file, format, encoding) in FORMATS {
        let w = Workdir::new();
        w.clean(&[&fixture(file)], &[]);
        let report = w.report();
        let f = &report["files"][0];
        assert_eq!(f["format"], *format, "{file}");
        assert_eq!(f["encoding"].as_str(), *encoding, "{file}");
        assert_eq!(
            report["records_in"],
            if file.contains("gb18030") { 4 } else { 3 },
            "{file}"
        );
        let customers = w.sheet("Customers");
        let names = customers.column("name");
        assert!(names.contains(&"张三".to_string()), "{file}: {names:?}");
        let row = customers.find("name", "李四");
        assert_eq!(customers.get(row, "company"), "上海明达贸易有限公司", "{file}");
        assert_eq!(customers.get(row, "email"), "lisi@qq.com", "{file}");
    }
}

#[test]
fn xlsb_workbooks_read_with_every_sheet() {
    let w = Workdir::new();
    w.clean(&[&fixture("formats/table.xlsb")], &[]);
    let report = w.report();
    assert_eq!(report["files"][0]["format"], "xlsb");
    let sheets = &report["files"][0]["sheets"];
    assert_eq!(
        (sheets[0]["sheet"].as_str(), sheets[0]["records"].as_u64()),
        (Some("Sheet1"), Some(3))
    );
    assert_eq!(
        (sheets[1]["sheet"].as_str(), sheets[1]["records"].as_u64()),
        (Some("第二页"), Some(1))
    );
    let customers = w.sheet("Customers");
    let zhang = customers.find("name", "张三");
    assert_eq!(
        customers.get(zhang, "phone"),
        "+8613800138000",
        "a number cell, read exactly"
    );
    assert_eq!(
        customers.get(customers.find("name", "Zhao Liu"), "phone"),
        "+8613600136000"
    );
}

#[test]
fn delimiters_are_sniffed() {
    for (file, delimiter) in [
        ("formats/semicolon.csv", "semicolon"),
        ("formats/tab.tsv", "tab"),
        ("formats/pipe.txt", "pipe"),
        ("formats/utf8.csv", "comma"),
        ("formats/utf16le.txt", "tab"),
    ] {
        let w = Workdir::new();
        w.clean(&[&fixture(file)], &[]);
        assert_eq!(w.report()["files"][0]["delimiter"], delimiter, "{file}");
    }
}

#[test]
fn gb18030_characters_outside_gbk_survive() {
    let w = Workdir::new();
    w.clean(&[&fixture("formats/gb18030.csv")], &[]);
    let names = w.sheet("Customers").column("name");
    assert!(
        names.contains(&"䶮先生".to_string()) || names.contains(&"䶮".to_string()),
        "{names:?}"
    );
}

#[test]
fn big5_traditional_headers_map() {
    let w = Workdir::new();
    w.clean(&[&fixture("formats/big5.csv")], &[]);
    let report = w.report();
    assert_eq!(report["files"][0]["encoding"], "Big5");
    let columns = &report["files"][0]["sheets"][0]["columns"];
    assert_eq!(columns[1]["header"], "電話");
    assert_eq!(columns[1]["field"], "phone");
    assert!(w
        .sheet("Customers")
        .column("company")
        .contains(&"臺北市某某股份有限公司".to_string()));
}

#[test]
fn title_rows_merged_headers_and_two_sheets() {
    let w = Workdir::new();
    w.clean(&[&fixture("demo/销售部客户.xlsx")], &[]);
    let report = w.report();
    let sheets = &report["files"][0]["sheets"];
    assert_eq!(sheets[0]["sheet"], "客户名单");
    assert_eq!(sheets[0]["header_row"], 4, "two header rows (3-4) under a merged title");
    assert_eq!(sheets[0]["rows"], 11, "10 customers and a footer note");
    assert_eq!(sheets[0]["rejected"], 1);
    assert_eq!(sheets[0]["empty_rows"], 2);
    assert_eq!(sheets[1]["sheet"], "展会名单");
    assert_eq!(sheets[1]["records"], 3);
    assert_eq!(report["files"][0]["skipped_sheets"][0]["sheet"], "说明");
    let fields: Vec<&str> = sheets[0]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        fields,
        [
            "record_no",
            "name",
            "mobile",
            "landline",
            "fax",
            "company",
            "address",
            "email",
            "salesperson",
            "fill_date",
            "remarks"
        ]
    );
    let lineage = w.sheet("Lineage");
    let li = lineage.find("source_row", "6");
    let customers = w.sheet("Customers");
    let id = lineage.get(li, "customer_id").to_string();
    let row = customers.find("customer_id", &id);
    assert_eq!(
        customers.get(row, "company"),
        "北京华信科技有限公司",
        "the company merged over rows 5-6 is not lost on row 6"
    );
    // Carried through under its own header.
    assert!(customers.header.contains(&"Booth visited".to_string()));
}

#[test]
fn numbers_and_dates_read_as_the_user_sees_them() {
    let w = Workdir::new();
    w.clean(&[&fixture("demo/销售部客户.xlsx")], &[]);
    let customers = w.sheet("Customers");
    // Record 1 (张三) is merged with its duplicate (record 10, Zhang San); both were
    // filled on 2023-01-05, written two ways.
    let row = customers.find("name", "张三");
    assert_eq!(customers.get(row, "fill_date"), "2023-01-05");
    let changes = w.sheet("Changes");
    let raws = changes.column("raw_value");
    assert!(!raws.iter().any(|r| r.contains("E+") || r.ends_with(".0")), "{raws:?}");
    let all: Vec<String> = customers.rows.iter().flatten().cloned().collect();
    assert!(
        !all.iter().any(|v| v.contains("1.38") && v.contains('E')),
        "no scientific notation"
    );
}

#[test]
fn lineage_accounts_for_every_row() {
    let w = Workdir::new();
    w.clean_demo();
    let report = w.report();
    let lineage = w.sheet("Lineage");
    assert_eq!(lineage.rows.len() as u64, report["records_in"].as_u64().unwrap());
    let per_file: u64 = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rows"].as_u64().unwrap())
        .sum();
    assert_eq!(per_file, report["records_in"].as_u64().unwrap());
    let rejected = lineage
        .rows
        .iter()
        .filter(|r| lineage.get(r, "outcome") == "rejected")
        .count() as u64;
    assert_eq!(rejected, report["rows_rejected"].as_u64().unwrap());
    let footer = lineage
        .rows
        .iter()
        .find(|r| lineage.get(r, "outcome") == "rejected")
        .unwrap();
    assert_eq!(lineage.get(footer, "source_sheet"), "客户名单");
    assert!(lineage.get(footer, "detail").contains("no name"));
    // Every record row names a customer that exists.
    let ids = w.sheet("Customers").column("customer_id");
    for r in lineage.rows.iter().filter(|r| lineage.get(r, "outcome") != "rejected") {
        assert!(ids.contains(&lineage.get(r, "customer_id").to_string()));
    }
    // CSV row numbers are editor line numbers: the empty line 6 is skipped, line 7 read.
    let crm_rows: Vec<&str> = lineage
        .rows
        .iter()
        .filter(|r| lineage.get(r, "source_file").ends_with("crm_export.csv"))
        .map(|r| lineage.get(r, "source_row"))
        .collect();
    assert_eq!(crm_rows, ["2", "3", "4", "5", "7"]);
}

#[test]
fn workbook_has_the_contract_sheets_in_order() {
    let w = Workdir::new();
    w.clean(&[&fixture("formats/utf8.csv")], &[]);
    assert_eq!(
        sheet_names(&w.path("out/master.xlsx")),
        [
            "Summary",
            "Customers",
            "Invalid",
            "Review",
            "Duplicates",
            "Changes",
            "Lineage"
        ]
    );
    let customers = w.sheet("Customers");
    assert_eq!(
        &customers.header[..16],
        [
            "customer_id",
            "status",
            "reason",
            "verified_by",
            "outcome",
            "name",
            "title",
            "company",
            "phone",
            "phone_type",
            "phones",
            "phone_display",
            "fax",
            "email",
            "address",
            "postcode"
        ]
    );
    assert_eq!(
        w.sheet("Lineage").header,
        [
            "source_file",
            "source_sheet",
            "source_row",
            "customer_id",
            "outcome",
            "detail"
        ]
    );
}

#[test]
fn chinese_headers_with_lang_zh() {
    let w = Workdir::new();
    w.clean(&[&fixture("formats/utf8.csv")], &["--lang", "zh"]);
    let customers = w.sheet("客户");
    assert_eq!(&customers.header[..3], ["客户编号", "状态", "无效原因"]);
    assert_eq!(w.sheet("来源").header[0], "来源文件");
    let names = common::sheet_names(&w.path("out/master.xlsx"));
    assert_eq!(names[..7], ["汇总", "客户", "无效", "待核对", "重复", "变更", "来源"]);
}

#[test]
fn csv_copies_and_sheets_split_past_the_row_limit() {
    let w = Workdir::new();
    let out = w.path("out");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_rollcall"))
        .args([
            "clean",
            &fixture("demo/销售部客户.xlsx"),
            "--csv",
            "-o",
            out.to_str().unwrap(),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("ROLLCALL_MAX_SHEET_ROWS", "5")
        .output()
        .unwrap();
    assert!(o.status.success());
    let names = sheet_names(&w.path("out/master.xlsx"));
    assert!(names.contains(&"Customers (2)".to_string()), "{names:?}");
    assert!(names.contains(&"Lineage (3)".to_string()), "{names:?}");
    let first = w.sheet("Lineage").rows.len();
    let second = common::read_sheet(&w.path("out/master.xlsx"), "Lineage (2)").rows.len();
    assert_eq!((first, second), (5, 5));
    let csv = std::fs::read_to_string(w.path("out/lineage.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 14, "header + every row in one CSV");
    assert!(csv.starts_with('\u{FEFF}'));
    let report = w.report();
    assert!(report["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n.as_str().unwrap().contains("Lineage (2)")));
}

#[test]
fn inspect_shows_mapping_and_json() {
    let w = Workdir::new();
    let o = w.run(&["inspect", &fixture("demo/老客户_GBK.csv")]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("GBK"), "{text}");
    assert!(text.contains("手机号码 -> mobile (100%)"), "{text}");
    let o = w.run(&["inspect", "--json", &fixture("demo/销售部客户.xlsx")]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        json["files"][0]["sheets"][1]["columns"][6]["field"],
        serde_json::Value::Null
    );
    assert_eq!(json["files"][0]["sheets"][1]["columns"][6]["header"], "Booth visited");
    assert!(!w.path("out").exists(), "inspect writes nothing");
}

/// 60k rows through the binary, past the 4 MB parallel chunk, at the real chunk size:
/// a large-file property, run in release mode by `.ci/run` (`cargo test --release
/// --locked -- --ignored`). The same seams at small chunks are checked in debug by
/// `tests/row_numbers.rs`.
#[test]
#[ignore = "large file: run in release by .ci/run"]
fn large_csv_with_quoted_line_breaks_keeps_editor_line_numbers() {
    let w = Workdir::new();
    let mut text = String::from("姓名,手机,备注\n");
    let mut line = 2;
    let mut last_line = 0;
    for i in 0..60_000 {
        if i % 1000 == 7 {
            text.push_str(&format!("客户{i},138{i:08},\"第一行\n第二行\"\n"));
            last_line = line;
            line += 2;
        } else {
            text.push_str(&format!(
                "客户{i},138{i:08},备注内容比较长一些以便超过分块大小的备注内容比较长一些\n"
            ));
            last_line = line;
            line += 1;
        }
    }
    let input = w.write("big.csv", &text);
    w.clean(&[input.to_str().unwrap()], &["--csv"]);
    let lineage = std::fs::read_to_string(w.path("out/lineage.csv")).unwrap();
    let rows: Vec<&str> = lineage.lines().skip(1).collect();
    assert_eq!(rows.len(), 60_000);
    let last: Vec<&str> = rows.last().unwrap().split(',').collect();
    assert_eq!(last[2], last_line.to_string());
    let customers = std::fs::read_to_string(w.path("out/customers.csv")).unwrap();
    assert_eq!(
        customers.matches("第一行 第二行").count(),
        60,
        "quoted line breaks are one cell"
    );
}

#[test]
fn progress_is_silent_when_stderr_is_not_a_terminal() {
    let w = Workdir::new();
    let o = w.clean(
        &[&fixture("demo/销售部客户.xlsx"), &fixture("demo/crm_export.csv")],
        &[],
    );
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(!stderr.contains('\r') && !stderr.contains("\u{1b}["), "{stderr:?}");
    assert!(stderr.contains("wrote "), "the summary lines stay: {stderr}");
}

#[test]
fn every_kind_of_line_end_gives_editor_row_numbers() {
    // A title row, a blank line, a quoted line break and the last row without a line end,
    // written with each kind of line end and with all three mixed.
    let lines = |end: &str| {
        format!(
            "客户名单{end}{end}姓名,手机,备注{end}张三,13800138000,\"第一行{end}第二行\"{end}李四,13900139000,{end}{end}王五,13700137000,"
        )
    };
    let mixed =
        "客户名单\r\n\r姓名,手机,备注\n张三,13800138000,\"第一行\r第二行\"\r\n李四,13900139000,\n\r王五,13700137000,";
    let w = Workdir::new();
    let files = [
        w.write("lf.csv", lines("\n")),
        w.write("crlf.csv", lines("\r\n")),
        w.write("cr.csv", lines("\r")),
        w.write("mixed.csv", mixed),
    ];
    let inputs: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    w.clean(&inputs, &[]);
    let lineage = w.sheet("Lineage");
    for file in ["lf.csv", "crlf.csv", "cr.csv", "mixed.csv"] {
        let rows: Vec<&str> = lineage
            .rows
            .iter()
            .filter(|r| lineage.get(r, "source_file").ends_with(&format!("/{file}")))
            .map(|r| lineage.get(r, "source_row"))
            .collect();
        assert_eq!(rows, ["4", "6", "8"], "{file}");
    }
    let report = w.report();
    for f in report["files"].as_array().unwrap() {
        assert_eq!(f["sheets"][0]["header_row"], 3, "{}", f["file"]);
    }
}

#[test]
fn a_stray_quote_loses_no_row_and_is_reported() {
    let w = Workdir::new();
    let input = fixture("bad/stray_quote.csv");
    let o = w.clean(&[&input], &[]);
    let rows: Vec<String> = w.sheet("Lineage").column("source_row");
    let expected: Vec<String> = (2..=11).map(|r| r.to_string()).collect();
    assert_eq!(rows, expected, "every one of the 10 rows, once");
    let warnings = w.report()["files"][0]["warnings"].clone();
    assert_eq!(warnings.as_array().unwrap().len(), 1, "{warnings}");
    let warning = warnings[0].as_str().unwrap();
    assert!(
        warning.starts_with(&format!("{input}: row 7: a stray quote")),
        "{warning}"
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains(&format!("warning: {warning}")), "{stderr}");
    let customers = w.sheet("Customers");
    let row = customers.find("name", "客户6");
    assert_eq!(customers.get(row, "remarks"), "\"unterminated remark");
}

#[test]
fn spreadsheet_error_values_are_empty_cells() {
    let w = Workdir::new();
    w.clean(&[&fixture("bad/error_values.csv")], &[]);
    let customers = w.sheet("Customers");
    let names = customers.column("name");
    assert!(!names.iter().any(|n| n.contains("N/") || n.contains('#')), "{names:?}");
    assert_eq!(customers.rows.len(), 2);
    let li = customers.find("name", "李四");
    assert_eq!(customers.get(li, "company"), "");
    assert_eq!(customers.get(li, "phone"), "");
    let all: Vec<&String> = customers.rows.iter().flatten().collect();
    assert!(!all.iter().any(|v| v.starts_with('#')), "{all:?}");
    let changes = w.sheet("Changes");
    let logged: Vec<(String, String)> = changes
        .rows
        .iter()
        .filter(|r| changes.get(r, "rule") == "cell.error")
        .map(|r| {
            (
                changes.get(r, "field").to_string(),
                changes.get(r, "raw_value").to_string(),
            )
        })
        .collect();
    for (field, raw) in [
        ("name", "#N/A"),
        ("email", "#VALUE!"),
        ("mobile", "#DIV/0!"),
        ("company", "#NAME?"),
    ] {
        assert!(
            logged.contains(&(field.into(), raw.into())),
            "{field} {raw}: {logged:?}"
        );
    }
    let report = w.report();
    assert_eq!(report["files"][0]["empty_rows"], 1, "a row of error values only");
    // Row 2 has a phone, so it is a customer with no name; row 3 is named.
    let lineage = w.sheet("Lineage").column("source_row");
    assert_eq!(lineage, ["2", "3"]);
}

#[test]
fn error_cells_of_a_workbook_are_empty_cells() {
    let w = Workdir::new();
    let path = w.path("errors.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["姓名", "手机", "公司"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let na = rust_xlsxwriter::Formula::new("=NA()").set_result("#N/A");
    ws.write_formula(1, 0, na).unwrap();
    ws.write_string(1, 1, "13800138000").unwrap();
    ws.write_string(1, 2, "北京华信科技有限公司").unwrap();
    book.save(&path).unwrap();
    w.clean(&[path.to_str().unwrap()], &[]);
    let customers = w.sheet("Customers");
    assert_eq!(customers.get(&customers.rows[0], "name"), "");
    assert_eq!(customers.get(&customers.rows[0], "company"), "北京华信科技有限公司");
}

#[test]
fn unmapped_columns_with_one_header_keep_every_value() {
    // Two columns both headed 备用 (spare): the second is kept under its letter, not lost
    // to the first. Emails differing only in case are one address, for a customer of one
    // row as for a merged one.
    let w = Workdir::new();
    let csv = w.write(
        "list.csv",
        "姓名,手机,备用,电子邮箱,备用,邮箱2\n\
         张三,13800138000,老客户,ZS@Example.com,二期,zs@example.COM\n\
         李四,13911112222,,li@example.com,转介绍,\n",
    );
    w.clean(&[csv.to_str().unwrap()], &[]);
    let customers = w.sheet("Customers");
    let zhang = customers.find("name", "张三");
    assert_eq!(customers.get(zhang, "备用"), "老客户");
    assert_eq!(customers.get(zhang, "备用 (E)"), "二期");
    assert_eq!(customers.get(zhang, "email").to_lowercase(), "zs@example.com");
    let li = customers.find("name", "李四");
    assert_eq!(customers.get(li, "备用"), "");
    assert_eq!(customers.get(li, "备用 (E)"), "转介绍");
}
