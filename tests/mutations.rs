//! A short, seeded fuzz that runs on stable Rust in `cargo test` (the long one is
//! `scripts/fuzz.sh` with cargo-fuzz): every small fixture, changed a few hundred ways
//! (bytes flipped, runs overwritten, cut short, bytes inserted; inside a zip, one part
//! changed and the zip written again so the change reaches the format reader), is read
//! through `read_file`, the CLI's entry point. No panic may escape it, and every failure
//! must be an error naming the file. The random numbers come from a fixed seed, so a
//! failure repeats; the case number and seed are in the message.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

mod common;

use common::Rng;
use rollcall::read::{mapping::Mapper, read_file};
use rollcall::rules::Rules;

/// Mutated inputs per fixture.
const PER_FIXTURE: usize = 12;
/// Fixtures larger than this are left to the real fuzzers (and the zip bomb is refused
/// before it is read anyway).
const MAX_FIXTURE: u64 = 32 << 10;
/// Left out: its record claims 256 MB, which the xlsb reader fills before it finds the
/// part too short: bounded, but a second per case in a debug build (tests/hostile.rs
/// reads it).
const SLOW: [&str; 1] = ["mutated_len.xlsb"];

/// One random change to a byte string.
fn mutate(bytes: &mut Vec<u8>, rng: &mut Rng) {
    if bytes.is_empty() {
        bytes.push(rng.next() as u8);
        return;
    }
    match rng.below(5) {
        0 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        1 => {
            let at = rng.below(bytes.len());
            let fill = [0x00, 0xFF, 0x7F, 0x80][rng.below(4)];
            let end = (at + 1 + rng.below(8)).min(bytes.len());
            bytes[at..end].fill(fill);
        }
        2 => bytes.truncate(rng.below(bytes.len())),
        3 => {
            let at = rng.below(bytes.len());
            let extra: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.next() as u8).collect();
            bytes.splice(at..at, extra);
        }
        _ => {
            // A 32-bit field set to a large number: lengths, counts, indexes.
            let at = rng.below(bytes.len().saturating_sub(4).max(1));
            let value = [0xFFFF_FFFFu32, 0x7FFF_FFFF, 999_999, 0x0001_0000][rng.below(4)];
            for (i, b) in value.to_le_bytes().into_iter().enumerate() {
                if let Some(slot) = bytes.get_mut(at + i) {
                    *slot = b;
                }
            }
        }
    }
}

/// The zip with one part changed, written again with good checksums.
fn mutate_inside_zip(bytes: &[u8], rng: &mut Rng) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let target = rng.below(archive.len());
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).ok()?;
        let name = part.name().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).ok()?;
        if i == target {
            for _ in 0..1 + rng.below(3) {
                mutate(&mut data, rng);
            }
        }
        out.start_file(name, options).ok()?;
        out.write_all(&data).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    for dir in ["formats", "bad", "demo", "hostile", "audit"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let slow = SLOW.iter().any(|s| p.ends_with(s));
            if !slow && p.is_file() && e.metadata().map(|m| m.len() <= MAX_FIXTURE).unwrap_or(false) {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn mutated_fixtures_fail_cleanly_and_never_panic() {
    let mapper = Mapper::new(&Rules::defaults().column_aliases);
    let scratch = tempfile::tempdir().expect("temp dir");
    let started = std::time::Instant::now();
    let (mut tried, mut read, mut refused) = (0, 0, 0);
    for (n, fixture) in fixtures().iter().enumerate() {
        let original = std::fs::read(fixture).expect("read fixture");
        let is_zip = original.starts_with(b"PK\x03\x04");
        let ext = fixture.extension().and_then(|e| e.to_str()).unwrap_or("bin");
        for case in 0..PER_FIXTURE {
            let seed = (n as u64) << 32 | case as u64;
            let mut rng = Rng(seed);
            let bytes = match is_zip && case % 2 == 0 {
                true => mutate_inside_zip(&original, &mut rng).unwrap_or_else(|| original.clone()),
                false => {
                    let mut b = original.clone();
                    for _ in 0..1 + rng.below(4) {
                        mutate(&mut b, &mut rng);
                    }
                    b
                }
            };
            let path = scratch.path().join(format!("case{n}_{case}.{ext}"));
            std::fs::write(&path, &bytes).expect("write case");
            let result = std::panic::catch_unwind(|| read_file(&path, &mapper));
            let shown = path.display().to_string();
            match result {
                Err(_) => panic!("{}: case {case} (seed {seed:#x}): a panic escaped", fixture.display()),
                Ok(Ok(_)) => read += 1,
                Ok(Err(e)) => {
                    let message = e.to_string();
                    assert!(
                        message.contains(&shown),
                        "{}: case {case} (seed {seed:#x}): the error does not name the file: {message}",
                        fixture.display()
                    );
                    refused += 1;
                }
            }
            tried += 1;
        }
    }
    eprintln!(
        "mutations: {tried} tried, {read} read, {refused} refused with an error naming the file, in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    assert!(tried >= 400, "only {tried} cases");
}
