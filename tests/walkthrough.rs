//! The README's walkthrough, pasted as a new user would: every `rollcall` command of
//! "The quarterly cycle" runs as written, on the files shipped under `fixtures/`.

mod common;

use std::path::Path;
use std::process::Command;

use common::{read_sheet, sheet_names};

/// The `rollcall` commands of the first `sh` block after `## The quarterly cycle`.
fn walkthrough_commands() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let (_, section) = readme.split_once("## The quarterly cycle").expect("the section");
    let (_, block) = section.split_once("```sh\n").expect("a sh block");
    let (block, _) = block.split_once("```").expect("the block ends");
    block
        .lines()
        .filter_map(|l| l.strip_prefix("rollcall "))
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

#[cfg(unix)]
#[test]
fn every_command_of_the_walkthrough_runs_on_the_shipped_files() {
    let commands = walkthrough_commands();
    assert_eq!(commands.len(), 4, "{commands:?}");
    let dir = tempfile::tempdir().unwrap();
    // The walkthrough is run from the project's folder: its fixtures are there.
    std::os::unix::fs::symlink(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        dir.path().join("fixtures"),
    )
    .unwrap();
    for args in &commands {
        let o = Command::new(env!("CARGO_BIN_EXE_rollcall"))
            .args(args)
            .current_dir(dir.path())
            .env_remove("ROLLCALL_MAX_SHEET_ROWS")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "rollcall {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let q2 = dir.path().join("q2");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(q2.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["call_results"]["applied"], 9, "the filled call sheet applied");
    assert_eq!(
        report["since_last_time"]["new_customers"], 3,
        "{}",
        report["since_last_time"]
    );
    let customers = read_sheet(&q2.join("master.xlsx"), "Customers");
    assert_eq!(customers.get(customers.find("name", "孙七"), "salesperson"), "王芳");
    let roster = q2.join("客户一览表.xlsx");
    assert!(sheet_names(&roster).contains(&"王芳".to_string()));
}
