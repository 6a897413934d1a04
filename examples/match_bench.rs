//! Times the matching stage alone (blocking, scoring, clustering, merging) on a
//! generated list, in-process, after reading and normalizing it the way `clean` does:
//!
//!     python3 benches/gen_customers.py --rows 1000000 \
//!         --out bench-data/customers_1000000.csv --truth bench-data/customers_1000000.truth.csv
//!     cargo run --release --example match_bench -- bench-data/customers_1000000.csv
//!
//! Prints the seconds of each stage, the pairs compared, the customers found, and the
//! process's resident memory before matching and at its peak. Target (2-core machine,
//! 1M rows): matching at most 10 s, at most 2 GB.

use std::path::PathBuf;
use std::time::Instant;

use rollcall::matching;
use rollcall::rules::Rules;

#[path = "../benches/common/mod.rs"]
mod common;

/// The allocator the binary uses, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let Some(path) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: match_bench FILE.csv (generate one with benches/gen_customers.py)");
        std::process::exit(2);
    };
    let rules = Rules::defaults();
    let records = common::read_and_normalize(&path, &rules);
    let before = common::memory_mb("VmRSS");
    let cpu = cpu_seconds();
    let t = Instant::now();
    let matched = matching::match_records(&records, &rules.matching);
    let seconds = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu;
    println!(
        "matching   {seconds:>7.2} s  ({cpu:.2} s of CPU)  {} customers, {} duplicates merged, {} review pairs",
        matched.customers.len(),
        matched.duplicates.len(),
        matched.review.len()
    );
    println!("  {} pairs compared", matched.pairs_compared);
    for (step, s) in &matched.timings {
        println!("  {step:<14}{s:>7.2} s");
    }
    println!(
        "memory     {before} MB resident before matching, {} MB peak (process)",
        common::memory_mb("VmHWM")
    );
}

/// User and system CPU seconds of this process so far (all threads), from
/// /proc/self/stat (0 where unavailable).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at state, field 3.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}
