//! Times each pipeline stage on a generated list, in-process, release build:
//!
//!     python3 benches/gen_list.py --rows 1000000 --out bench-data/list_1m.csv
//!     cargo bench --bench stages -- bench-data/list_1m.csv
//!
//! Prints seconds per stage and the process's peak memory. Targets (2-core machine):
//! read <= 2 s, normalize <= 5 s for 1M rows.

use std::path::PathBuf;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

use rollcall::normalize::{self, Settings};
use rollcall::pipeline;
use rollcall::rules::Rules;

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("bench-data/list_1m.csv"));
    if !path.exists() {
        eprintln!("{}: not found; generate it with benches/gen_list.py", path.display());
        std::process::exit(2);
    }
    let rules = Rules::defaults();
    let t = Instant::now();
    let (mut files, _) = pipeline::read_inputs(std::slice::from_ref(&path), &rules, false).expect("read");
    let (mut records, _) = pipeline::collect_rows(&mut files);
    println!(
        "read       {:>7.2} s  {} records",
        t.elapsed().as_secs_f64(),
        records.len()
    );
    let t = Instant::now();
    let settings = Settings {
        rules: &rules,
        region: "CN".to_string(),
    };
    normalize::normalize(&mut records, &settings);
    let phones: usize = records.iter().map(|r| r.clean.phones.len()).sum();
    let changes: usize = records.iter().map(|r| r.changes.len()).sum();
    println!(
        "normalize  {:>7.2} s  {phones} phones, {changes} changes",
        t.elapsed().as_secs_f64()
    );
    println!("peak RSS   {:>7} MB", peak_rss_mb());
}

fn peak_rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse::<u64>().ok()))
        })
        .map_or(0, |kb| kb / 1024)
}
