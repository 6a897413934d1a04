//! What the in-process benchmarks share (`benches/stages.rs`,
//! `examples/match_bench.rs`): reading and normalizing a file the way `clean` does,
//! timed, and the process's memory figures.

use std::path::Path;
use std::time::Instant;

use rollcall::normalize::{self, Settings};
use rollcall::pipeline;
use rollcall::record::Record;
use rollcall::rules::Rules;

/// Reads and normalizes one file as `clean` does (default region CN), printing the
/// seconds of each stage; exits with 2 when the file cannot be read.
pub fn read_and_normalize(path: &Path, rules: &Rules) -> Vec<Record> {
    let t = Instant::now();
    let (mut files, _) = pipeline::read_inputs(&[path.to_path_buf()], rules, false).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let (mut records, _) = pipeline::collect_rows(&mut files);
    drop(files);
    println!(
        "read       {:>7.2} s  {} records",
        t.elapsed().as_secs_f64(),
        records.len()
    );
    let t = Instant::now();
    let settings = Settings {
        rules: &rules.normalize,
        region: "CN".to_string(),
    };
    normalize::normalize(&mut records, &settings);
    let phones: usize = records.iter().map(|r| r.clean.phones.len()).sum();
    let changes: usize = records.iter().map(|r| r.changes.len()).sum();
    println!(
        "normalize  {:>7.2} s  {phones} phones, {changes} changes",
        t.elapsed().as_secs_f64()
    );
    records
}

/// A memory figure of this process from /proc/self/status (`VmRSS`, `VmHWM`), in MB
/// (0 where unavailable).
pub fn memory_mb(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
