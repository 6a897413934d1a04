//! Hostile and damaged workbooks (issue #10, items 6 and 7; fixtures/hostile/, made by
//! scripts/make_hostile.py, and crashes the fuzzers found): each stops the run with a
//! message naming the file (exit 2), or is skipped with --keep-going while the good
//! list beside it is read (exit 1). No run panics, and none may use more than 2 GB: the
//! binary runs under an address-space limit of 2 GB, so a reader that asks for more
//! fails the test instead of the machine.

mod common;

use std::os::unix::process::CommandExt;
use std::process::{Command, Output};

use common::{fixture, Workdir};

const LIMIT_BYTES: u64 = 2 << 30;

/// Runs rollcall with an address-space limit of 2 GB.
fn run_capped(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rollcall"));
    cmd.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    // SAFETY: setrlimit is async-signal-safe; the closure touches nothing else.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: LIMIT_BYTES,
                rlim_max: LIMIT_BYTES,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("run rollcall")
}

/// The hostile fixtures, each with words its message must hold.
const HOSTILE: [(&str, &str); 11] = [
    ("hostile/sst_index.xlsx", "shared strings"),
    ("hostile/far_cell.xlsx", "A1:XFD1048576"),
    ("hostile/zip_bomb.xlsx", "looks like a zip bomb"),
    ("hostile/difat.xls", "past the end of the file"),
    ("hostile/bad_fat.xls", "chain loops"),
    ("hostile/truncated.xls", "past the end of the file"),
    ("hostile/mutated_sst.xlsb", "Sheet1"),
    ("hostile/mutated_len.xlsb", "Sheet1"),
    ("hostile/mutated_cut.xlsb", "Sheet1"),
    ("hostile/fuzz_dimensions.xls", "stray cells"),
    ("hostile/fuzz_far_column.xlsb", "past Excel's last cell"),
];

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn each_hostile_file_stops_the_run_naming_it() {
    for (name, words) in HOSTILE {
        let w = Workdir::new();
        let out = w.path("out");
        let input = fixture(name);
        let o = run_capped(&["clean", &input, "-o", out.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(&input), "{name}: the message names the file: {err}");
        assert!(err.contains(words), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(!out.join("master.xlsx").exists(), "{name}: nothing written");
    }
}

#[test]
fn with_keep_going_each_hostile_file_is_skipped_and_the_good_list_read() {
    for (name, _) in HOSTILE {
        let w = Workdir::new();
        let out = w.path("out");
        let input = fixture(name);
        let good = fixture("formats/utf8.csv");
        let o = run_capped(&["clean", &good, &input, "-o", out.to_str().unwrap(), "--keep-going"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        let report = w.report();
        assert_eq!(report["records_in"], 3, "{name}: the good list is read");
        let skipped = report["skipped_files"].as_array().unwrap();
        assert_eq!(skipped.len(), 1, "{name}");
        assert!(skipped[0]["error"].as_str().unwrap().contains(&input), "{name}");
    }
}

#[test]
fn a_formula_saved_without_its_value_is_read_empty_with_a_warning() {
    let w = Workdir::new();
    let out = w.path("out");
    let input = fixture("hostile/no_cached_value.xlsx");
    let o = run_capped(&["clean", &input, "-o", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains(&format!("{input} [客户] C2: a formula saved without its value")),
        "{err}"
    );
    assert!(!err.contains("C3"), "a formula with its value is not warned: {err}");
}

#[test]
fn the_memory_limit_still_lets_the_demo_run() {
    let w = Workdir::new();
    let out = w.path("out");
    let demo = ["demo/销售部客户.xlsx", "demo/crm_export.csv", "demo/老客户_GBK.csv"].map(fixture);
    let mut args = vec!["clean"];
    args.extend(demo.iter().map(String::as_str));
    args.extend(["-o", out.to_str().unwrap()]);
    let o = run_capped(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_hostile_previous_master_stops_the_run_naming_it() {
    for name in ["hostile/zip_bomb.xlsx", "hostile/difat.xls", "hostile/mutated_sst.xlsb"] {
        let w = Workdir::new();
        let out = w.path("out");
        let previous = fixture(name);
        let good = fixture("formats/utf8.csv");
        let o = run_capped(&["clean", &good, "--previous", &previous, "-o", out.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(&previous), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}
