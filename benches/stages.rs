//! Times each pipeline stage on a generated list, in-process, release build:
//!
//!     python3 benches/gen_list.py --rows 1000000 --out bench-data/list_1m.csv
//!     cargo bench --bench stages -- bench-data/list_1m.csv
//!
//! Prints seconds per stage and the process's peak memory. Targets (2-core machine):
//! read <= 2 s, normalize <= 5 s for 1M rows.

use std::path::PathBuf;

mod common;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    common::read_and_normalize(&path, &Rules::defaults());
    println!("peak RSS   {:>7} MB", common::memory_mb("VmHWM"));
}
