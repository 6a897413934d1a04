//! No silent success: a run that cannot be right is refused with a message naming the
//! file, and what a run leaves undone is said on the console, not only in the reports
//! (issue #12).

mod common;

use common::{fixture, Workdir};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// Runs rollcall and asserts it refused (exit 2) with `message`, panicking nowhere.
fn refused(w: &Workdir, args: &[&str], message: &str) -> String {
    let o = w.run(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(message), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn list(w: &Workdir) -> String {
    let csv = w.write(
        "客户.csv",
        "姓名,手机,公司\n张三,13800138000,甲公司\n李四,13900139000,乙公司\n",
    );
    csv.to_str().unwrap().to_string()
}

#[test]
fn a_region_that_is_no_country_is_refused() {
    let w = Workdir::new();
    let csv = list(&w);
    let out = w.path("out");
    refused(
        &w,
        &["clean", &csv, "--region", "XX", "-o", out.to_str().unwrap()],
        "--region \"XX\": not a country with a telephone numbering plan",
    );
    assert!(!out.join("master.xlsx").exists());
}

#[test]
fn an_unfilled_call_sheet_given_to_outcomes_is_refused() {
    let w = Workdir::new();
    let csv = list(&w);
    w.clean(&[&csv], &[]);
    let master = w.path("out/master.xlsx");
    let calls = w.path("calls.xlsx");
    let o = w.run(&["calls", master.to_str().unwrap(), "-o", calls.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let q2 = w.path("q2");
    let err = refused(
        &w,
        &[
            "clean",
            "--previous",
            master.to_str().unwrap(),
            "--outcomes",
            calls.to_str().unwrap(),
            "-o",
            q2.to_str().unwrap(),
        ],
        "no call results: the outcome column (通话结果, call result) is empty in every row",
    );
    assert!(err.contains(calls.to_str().unwrap()), "names the file: {err}");
    assert!(!q2.join("master.xlsx").exists());
}

#[test]
fn an_outcomes_file_without_id_or_phone_is_told_from_one_without_outcomes() {
    let w = Workdir::new();
    let csv = list(&w);
    let out = w.path("out");
    let no_key = w.write("结果.csv", "姓名,通话结果\n张三,空号\n");
    let no_outcome = w.write("名单2.csv", "姓名,手机\n张三,13800138000\n");
    let run = |file: &std::path::Path| {
        let file = file.to_str().unwrap().to_string();
        vec![
            "clean".to_string(),
            csv.clone(),
            "--outcomes".into(),
            file,
            "-o".into(),
            out.to_str().unwrap().into(),
        ]
    };
    let args = run(&no_key);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    refused(
        &w,
        &args,
        "it has an outcome column (通话结果, call result) but no customer id or phone column",
    );
    let args = run(&no_outcome);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let err = refused(&w, &args, "not a call sheet: no sheet has an outcome column");
    assert!(!err.contains("but no customer id"), "{err}");
}

#[test]
fn a_call_sheet_named_csv_is_refused_not_written_as_xlsx_bytes() {
    let w = Workdir::new();
    let csv = list(&w);
    w.clean(&[&csv], &[]);
    let master = w.path("out/master.xlsx");
    for command in ["calls", "roster"] {
        let out = w.path(&format!("{command}.csv"));
        refused(
            &w,
            &[command, master.to_str().unwrap(), "-o", out.to_str().unwrap()],
            "this output is a workbook (drop-downs, one sheet per group); give -o a name ending in .xlsx",
        );
        assert!(!out.exists(), "{command}: nothing written");
    }
}

#[test]
fn unused_call_results_are_said_on_the_console() {
    let w = Workdir::new();
    let csv = list(&w);
    let results = w.write(
        "结果.csv",
        "手机,通话结果\n13800138000,空号\n13700137000,无人接听\n13900139000,外星人接听\n",
    );
    let o = w.clean(&[&csv], &["--outcomes", results.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(
        err.contains("warning: 1 call result(s) match no customer and decided nothing"),
        "{err}"
    );
    assert!(err.contains("13700137000 无人接听"), "{err}");
    assert!(
        err.contains("warning: 1 call result(s) have an outcome not in the vocabulary"),
        "{err}"
    );
    assert!(err.contains("外星人接听"), "{err}");
}

#[test]
fn an_office_lock_file_is_left_out_with_a_note() {
    let w = Workdir::new();
    let csv = list(&w);
    // What Excel leaves beside an open workbook: a small binary file, not a workbook.
    let lock = w.write("~$客户.xlsx", b"\x0cWang Fang\x00\x00\x00\x00 \x00\x00");
    let o = w.clean(&[&csv, lock.to_str().unwrap()], &[]);
    let err = stderr(&o);
    assert!(err.contains("left out: a lock file Excel or WPS keeps"), "{err}");
    assert_eq!(o.status.code(), Some(0));
    let notes = w.report()["notes"].to_string();
    assert!(notes.contains("~$客户.xlsx: left out"), "{notes}");
    assert_eq!(w.report()["customers"], 2);
}

#[test]
fn a_folder_given_as_input_is_named_as_a_folder() {
    let w = Workdir::new();
    let dir = w.path("lists");
    std::fs::create_dir(&dir).unwrap();
    let out = w.path("out");
    let err = refused(
        &w,
        &["clean", dir.to_str().unwrap(), "-o", out.to_str().unwrap()],
        "is a folder, not a file; give the files in it",
    );
    assert!(!err.contains("unsupported file type"), "{err}");
    refused(&w, &["calls", dir.to_str().unwrap()], "is a folder, not a file");
}

#[test]
fn a_csv_that_is_no_master_is_named_for_what_it_lacks() {
    // A master's customers.csv (written with --csv) is a master; another CSV is not.
    let w = Workdir::new();
    let csv = list(&w);
    w.clean(&[&csv], &["--csv"]);
    let customers = w.path("out/customers.csv");
    let o = w.run(&[
        "roster",
        customers.to_str().unwrap(),
        "-o",
        w.path("r.xlsx").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = fixture("demo/crm_export.csv");
    for args in [
        vec!["calls", list.as_str(), "-o", "/nonexistent/c.xlsx"],
        vec!["roster", list.as_str(), "-o", "/nonexistent/r.xlsx"],
    ] {
        let err = refused(
            &w,
            &args,
            "not a rollcall master (a master.xlsx, or the customers.csv written with --format csv)",
        );
        assert!(!err.contains("damaged or not a spreadsheet"), "{err}");
    }
    let out = w.path("q2");
    refused(
        &w,
        &["clean", "--previous", &list, "-o", out.to_str().unwrap()],
        "not a rollcall master (a master.xlsx",
    );
}

#[test]
fn a_file_without_an_extension_is_named_with_the_extension_its_content_needs() {
    let w = Workdir::new();
    let text = w.write("客户名单", "姓名,手机\n张三,13800138000\n");
    let out = w.path("out");
    let err = refused(
        &w,
        &["clean", text.to_str().unwrap(), "-o", out.to_str().unwrap()],
        "the name has no extension",
    );
    assert!(
        err.contains("客户名单") && err.contains("plain text") && err.contains(".csv"),
        "{err}"
    );
    let book = w.path("导出");
    std::fs::copy(fixture("demo/销售部客户.xlsx"), &book).unwrap();
    let err = refused(
        &w,
        &["clean", book.to_str().unwrap(), "-o", out.to_str().unwrap()],
        "rename it to end in .xlsx",
    );
    assert!(err.contains("a zip container"), "{err}");
    assert!(!out.exists(), "nothing written");
}
