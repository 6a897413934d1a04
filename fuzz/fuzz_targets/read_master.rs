//! Fuzzes reading last run's master (`clean --previous`, `calls`, `roster`): its
//! Customers sheet with continuations, Review, Decisions, Model and Lineage. The first
//! byte picks the copy: a workbook (`master.xlsx`) or the CSV copy (`customers.csv`,
//! read alone). An error is a fine outcome; a panic escaping, an abort or too much
//! memory is a crash.
#![no_main]

use rollcall::read::master::previous_records;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("rollcall-fuzz-master-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(if pick % 2 == 0 { "master.xlsx" } else { "customers.csv" });
    std::fs::write(&path, bytes).expect("write temp master");
    let _ = previous_records(&path);
});
