//! Outputs, all or nothing (issue #10 item 9) and the small output faults of item 8:
//! one run at a time per output directory, files that belong to one run (the manifest
//! and report.json name the same run id), no write through a planted link, recovery
//! after a kill, no staged file left by Ctrl-C or SIGTERM, a closed pipe, a sheet wider
//! than Excel allows, salesperson names that are sheet names, and style indices that
//! styles.xml holds.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{read_sheet, sheet_names, Workdir};

fn rollcall() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rollcall"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("ROLLCALL_MAX_SHEET_ROWS")
        .env_remove("ROLLCALL_STOP_AFTER_MOVES");
    c
}

/// A list of `n` customers, a third of them repeated, with salespeople.
fn list(n: usize, tag: &str) -> String {
    let mut csv = String::from("姓名,手机,单位,签单人员,备注\n");
    for i in 0..n {
        let phone = 13_800_000_000u64 + i as u64;
        csv.push_str(&format!("客户{tag}{i},{phone},公司{},销售{},备注{i}\n", i % 97, i % 7));
        if i % 3 == 0 {
            csv.push_str(&format!("客户{tag}{i},{phone},公司{},销售{},\n", i % 97, i % 7));
        }
    }
    csv
}

fn clean(inputs: &[&Path], out: &Path, extra: &[&str]) -> Command {
    let mut c = rollcall();
    c.arg("clean").args(inputs).arg("-o").arg(out).args(extra);
    c
}

/// The manifest of `dir`.
fn manifest(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join(".rollcall-run.json")).expect("a manifest");
    serde_json::from_str(&text).unwrap()
}

fn report(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap()
}

/// Asserts that `dir` holds one run's files: each the manifest lists, at its size, and
/// report.json of the same run. Returns the run id.
fn assert_one_run(dir: &Path) -> String {
    let m = manifest(dir);
    let id = m["run_id"].as_str().unwrap().to_string();
    for f in m["files"].as_array().unwrap() {
        let path = dir.join(f["name"].as_str().unwrap());
        let size = std::fs::metadata(&path)
            .unwrap_or_else(|_| panic!("{path:?} missing"))
            .len();
        assert_eq!(size, f["size"].as_u64().unwrap(), "{path:?}");
    }
    assert_eq!(
        report(dir)["run_id"],
        id.as_str(),
        "report.json is of the manifest's run"
    );
    assert!(staged(dir).is_empty(), "staging left: {:?}", staged(dir));
    assert!(!dir.join(".rollcall-commit").exists());
    id
}

/// Names in `dir` of staging directories and temporary files (links planted by a test
/// are not rollcall's).
fn staged(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| !t.is_symlink()))
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|n| n.starts_with(".rollcall-staging-") || n.ends_with(".partial"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_run_into_a_locked_directory_refuses_at_once() {
    let w = Workdir::new();
    let input = w.write("in.csv", list(20, "a"));
    let out = w.path("out");
    std::fs::create_dir(&out).unwrap();
    let lock = std::fs::File::create(out.join(".rollcall.lock")).unwrap();
    // SAFETY: flock on a descriptor this test owns.
    assert_eq!(
        unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) },
        0
    );
    let o = clean(&[&input], &out, &[]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("another rollcall run"), "{err}");
    assert!(err.contains(out.to_str().unwrap()), "names the directory: {err}");
    assert!(!out.join("master.xlsx").exists());
    assert!(staged(&out).is_empty());
}

#[test]
fn two_runs_at_once_never_mix_their_files() {
    let w = Workdir::new();
    let a = w.write("a.csv", list(3000, "a"));
    let b = w.write("b.csv", list(2000, "b"));
    let out = w.path("out");
    let first = clean(&[&a], &out, &["--csv"]).stderr(Stdio::piped()).spawn().unwrap();
    let second = clean(&[&b], &out, &["--csv"]).stderr(Stdio::piped()).spawn().unwrap();
    let outputs = [first.wait_with_output().unwrap(), second.wait_with_output().unwrap()];
    let ok = outputs.iter().filter(|o| o.status.success()).count();
    assert!(ok >= 1, "neither run finished");
    for o in outputs.iter().filter(|o| !o.status.success()) {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("another rollcall run"), "{err}");
    }
    assert_one_run(&out);
    let customers = report(&out)["customers"].as_u64().unwrap();
    assert!(customers == 3000 || customers == 2000, "{customers}");
    let csv_rows = std::fs::read_to_string(out.join("customers.csv"))
        .unwrap()
        .lines()
        .count() as u64;
    assert_eq!(csv_rows, customers + 1, "customers.csv is of the same run");
}

#[test]
fn planted_links_are_never_written_through() {
    let w = Workdir::new();
    let input = w.write("in.csv", list(30, "a"));
    let before = std::fs::read(&input).unwrap();
    let other = w.write("other.txt", "not an input");
    let out = w.path("out");
    std::fs::create_dir(&out).unwrap();
    for name in [
        ".master.xlsx.partial",
        ".report.json.partial",
        ".report.html.partial",
        ".customers.csv.partial",
        ".rollcall-commit",
        ".rollcall-run.json",
    ] {
        std::os::unix::fs::symlink(&input, out.join(name)).unwrap();
    }
    std::os::unix::fs::symlink(&other, out.join("report.html")).unwrap();
    std::os::unix::fs::symlink(w.path("elsewhere"), out.join(".rollcall-staging-planted")).unwrap();
    let o = clean(&[&input], &out, &["--csv"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&input).unwrap(), before, "the input is unchanged");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "not an input");
    assert!(!w.path("elsewhere").exists());
    assert!(!std::fs::symlink_metadata(out.join("report.html")).unwrap().is_symlink());
    assert_one_run(&out);

    // A link at the lock file is refused, not followed.
    let out2 = w.path("out2");
    std::fs::create_dir(&out2).unwrap();
    std::os::unix::fs::symlink(&input, out2.join(".rollcall.lock")).unwrap();
    let o = clean(&[&input], &out2, &[]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&input).unwrap(), before, "the input is unchanged");

    // The call sheet's temporary file is not a predictable name to plant a link at.
    let calls = w.path("calls.xlsx");
    std::os::unix::fs::symlink(&input, w.path(".calls.xlsx.partial")).unwrap();
    let o = rollcall()
        .args([
            "calls",
            out.join("master.xlsx").to_str().unwrap(),
            "-o",
            calls.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&input).unwrap(), before, "the input is unchanged");
}

#[test]
fn a_run_killed_while_moving_files_is_finished_by_the_next() {
    let w = Workdir::new();
    let a = w.write("a.csv", list(40, "a"));
    let b = w.write("b.csv", list(25, "b"));
    let out = w.path("out");
    assert!(clean(&[&a], &out, &["--csv"]).status().unwrap().success());
    let first = assert_one_run(&out);

    // Killed after moving one file: master.xlsx is b's, the rest a's.
    let o = clean(&[&b], &out, &["--csv"])
        .env("ROLLCALL_STOP_AFTER_MOVES", "1")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(out.join(".rollcall-commit").exists(), "the commit marker is left");
    assert!(
        !out.join(".rollcall-run.json").exists(),
        "no manifest while files are mixed"
    );

    // The next run, even one that fails on its input, finishes b's move first.
    let o = clean(&[&w.path("missing.csv")], &out, &[]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let second = assert_one_run(&out);
    assert_ne!(first, second);
    assert_eq!(report(&out)["customers"], 25);

    // Killed before moving any file; the next run says it finished the move.
    let o = clean(&[&a], &out, &[])
        .env("ROLLCALL_STOP_AFTER_MOVES", "0")
        .output()
        .unwrap();
    assert!(!o.status.success());
    let o = clean(&[&b], &out, &[]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let notes = report(&out)["notes"].to_string();
    assert!(
        notes.contains("was stopped while moving its files into place"),
        "{notes}"
    );
    assert_one_run(&out);

    // A staging directory of a run killed before its commit is removed, with a note.
    let left = out.join(".rollcall-staging-20260101T000000Z-1-deadbeef");
    std::fs::create_dir(&left).unwrap();
    std::fs::write(left.join("master.xlsx"), "half").unwrap();
    let o = clean(&[&a], &out, &[]).output().unwrap();
    assert!(o.status.success());
    assert!(!left.exists());
    let notes = report(&out)["notes"].to_string();
    assert!(
        notes.contains("removed the unfinished files of run 20260101T000000Z-1-deadbeef"),
        "{notes}"
    );
}

/// Waits until `dir` holds a staging directory with a file in it, or the child ends.
fn wait_for_staged_file(child: &mut Child, dir: &Path) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(300) {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let busy = staged(dir)
            .iter()
            .any(|s| std::fs::read_dir(dir.join(s)).is_ok_and(|mut e| e.next().is_some()));
        if busy {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

fn interrupt_leaves_nothing(signal: i32, code: i32) {
    let w = Workdir::new();
    let input = w.write("big.csv", list(30_000, "s"));
    let out = w.path("out");
    let mut child = clean(&[&input], &out, &["--csv"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    assert!(wait_for_staged_file(&mut child, &out), "the run ended before it wrote");
    // SAFETY: sends a signal to the child this test spawned.
    unsafe { libc::kill(child.id() as i32, signal) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(code));
    assert!(staged(&out).is_empty(), "left behind: {:?}", staged(&out));
    assert!(!out.join("master.xlsx").exists());
}

#[test]
fn ctrl_c_while_writing_leaves_no_staged_file() {
    interrupt_leaves_nothing(libc::SIGINT, 130);
}

#[test]
fn sigterm_while_writing_leaves_no_staged_file() {
    interrupt_leaves_nothing(libc::SIGTERM, 143);
}

/// A list with `n` columns: three mapped, the rest unmapped.
fn wide_list(n: usize) -> String {
    let mut header = vec!["姓名".to_string(), "手机".to_string(), "单位".to_string()];
    header.extend((4..=n).map(|i| format!("col{i}")));
    let mut csv = header.join(",") + "\n";
    for r in 0..2 {
        let mut row = vec![format!("客户{r}"), format!("1380013800{r}"), "某公司".to_string()];
        row.extend((4..=n).map(|i| format!("v{r}_{i}")));
        csv.push_str(&(row.join(",") + "\n"));
    }
    csv
}

#[test]
fn inspect_into_a_closed_pipe_ends_quietly() {
    let w = Workdir::new();
    let input = w.write("wide.csv", wide_list(4000));
    let mut child = rollcall()
        .args(["inspect", input.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("wide.csv"), "{first}");
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(status.code(), Some(0), "{err}");
}

#[test]
fn clean_with_its_console_closed_still_writes_everything() {
    let w = Workdir::new();
    let input = w.write("in.csv", list(50, "a"));
    let out = w.path("out");
    let mut child = clean(&[&input], &out, &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert_one_run(&out);
}

#[test]
fn a_sheet_wider_than_excel_continues_on_a_second_sheet() {
    let w = Workdir::new();
    let input = w.write("wide.csv", wide_list(16_384));
    let out = w.path("out");
    let o = clean(&[&input], &out, &["--csv"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let master = out.join("master.xlsx");
    let names = sheet_names(&master);
    assert!(names.contains(&"Customers (columns 2)".to_string()), "{names:?}");
    let first = read_sheet(&master, "Customers");
    let second = read_sheet(&master, "Customers (columns 2)");
    assert_eq!(first.header.len(), 16_384);
    assert_eq!(second.header[0], "customer_id", "the key column is repeated");
    assert_eq!(second.header.last().unwrap(), "col16384");
    assert_eq!(second.rows[0][0], first.rows[0][0]);
    let csv = std::fs::read_to_string(out.join("customers.csv")).unwrap();
    let header_cells = csv.lines().next().unwrap().split(',').count();
    assert_eq!(
        header_cells,
        first.header.len() + second.header.len() - 1,
        "the CSV keeps every column"
    );
    // The next run reads the columns past the first worksheet back as well.
    let again = w.path("again");
    let o = clean(
        &[],
        &again,
        &["--previous", master.to_str().unwrap(), "--format", "csv"],
    )
    .output()
    .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = std::fs::read_to_string(again.join("customers.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let last = header
        .iter()
        .position(|h| *h == "col16384")
        .expect("col16384 read back");
    let values: Vec<&str> = lines.map(|l| l.split(',').nth(last).unwrap()).collect();
    assert_eq!(values.len(), 2);
    assert!(
        values.contains(&"v0_16384") && values.contains(&"v1_16384"),
        "{values:?}"
    );
}

/// A master whose salespeople are named like sheets rollcall writes, or unlike any
/// sheet Excel allows.
fn awkward_master(w: &Workdir) -> PathBuf {
    let names = [
        "Lists",
        "History",
        // `lists` would be `Lists` written otherwise, one salesperson; this one is
        // another person whose sheet name meets `Lists (2)` without case.
        "lists (2)",
        "a[b]:c*?/\\d",
        "'quoted'",
        "一个非常非常非常非常非常非常非常非常非常非常长的销售人员名字",
        "王芳",
    ];
    let mut csv = String::from("姓名,手机,签单人员\n");
    for (i, s) in names.iter().enumerate() {
        for j in 0..3 {
            csv.push_str(&format!("客户{i}_{j},1390000{i:02}{j:02},\"{s}\"\n"));
        }
    }
    let input = w.write("awkward.csv", csv);
    w.clean(&[input.to_str().unwrap()], &[]);
    w.path("out/master.xlsx")
}

#[test]
fn salespeople_named_like_sheets_get_sheets_of_their_own() {
    let w = Workdir::new();
    let master = awkward_master(&w);
    let calls = w.path("calls.xlsx");
    let o = rollcall()
        .args([
            "calls",
            master.to_str().unwrap(),
            "-o",
            calls.to_str().unwrap(),
            "--by",
            "salesperson",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let names = sheet_names(&calls);
    assert_eq!(names.len(), 8, "seven salespeople and the drop-down sheet: {names:?}");
    let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    lower.sort();
    lower.dedup();
    assert_eq!(lower.len(), names.len(), "unique without case: {names:?}");
    for n in &names {
        assert!(
            n.chars().count() <= 31 && !n.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{n}"
        );
        assert!(!n.starts_with('\'') && !n.ends_with('\''), "{n}");
        assert_ne!(n.to_lowercase(), "history", "{n}");
    }
    assert_eq!(names.last().unwrap(), "Lists", "the drop-down sheet keeps its name");
    let lists = read_sheet(&calls, "Lists");
    assert_ne!(lists.header[0], "customer_id", "the Lists sheet holds the outcomes");
    let total: usize = names[..names.len() - 1]
        .iter()
        .map(|n| read_sheet(&calls, n).rows.len())
        .sum();
    assert_eq!(total, 21, "every customer on a sheet");
}

/// Every cell style index a worksheet of `path` uses, and how many styles.xml has.
fn style_indices(path: &Path) -> (usize, Vec<usize>) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let style_attr = regex::Regex::new(r#"<c [^>]*\bs="(\d+)""#).unwrap();
    let col_style = regex::Regex::new(r#"<col [^>]*\bstyle="(\d+)""#).unwrap();
    let count = regex::Regex::new(r#"<cellXfs count="(\d+)""#).unwrap();
    let mut styles = 0;
    let mut used = Vec::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut xml = String::new();
        part.read_to_string(&mut xml).unwrap();
        if part.name() == "xl/styles.xml" {
            styles = count.captures(&xml).unwrap()[1].parse().unwrap();
        } else if part.name().starts_with("xl/worksheets/") {
            for re in [&style_attr, &col_style] {
                used.extend(re.captures_iter(&xml).map(|c| c[1].parse::<usize>().unwrap()));
            }
        }
    }
    (styles, used)
}

#[test]
fn every_style_a_call_sheet_uses_is_in_styles_xml() {
    let w = Workdir::new();
    let master = awkward_master(&w);
    for run in 0..30 {
        let calls = w.path(&format!("calls{run}.xlsx"));
        let o = rollcall()
            .args([
                "calls",
                master.to_str().unwrap(),
                "-o",
                calls.to_str().unwrap(),
                "--by",
                "salesperson",
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let (styles, used) = style_indices(&calls);
        assert!(!used.is_empty());
        assert!(
            used.iter().all(|s| *s < styles),
            "run {run}: styles {styles}, used {used:?}"
        );
        std::fs::remove_file(&calls).unwrap();
    }
}
