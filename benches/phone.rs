//! Times `phone::parse_cell` alone on generated cells of the common written forms, one
//! thread, no cache: `cargo bench --bench phone`.

use std::time::Instant;

use rollcall::normalize::phone::parse_cell;
use rollcall::rules::Rules;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let rules = Rules::defaults();
    let forms: [fn(u64) -> String; 6] = [
        |n| format!("138{:08}", n % 100_000_000),
        |n| format!("139-{:04}-{:04}", n % 10_000, (n / 7) % 10_000),
        |n| format!("+86 136 {:04} {:04}", n % 10_000, (n / 3) % 10_000),
        |n| format!("010-6{:07}", n % 10_000_000),
        |n| format!("(021)6{:07}转{}", n % 10_000_000, n % 900 + 100),
        |n| format!("13{:09} / 0755-8{:07}", n % 1_000_000_000, n % 10_000_000),
    ];
    let n = 200_000u64;
    for (i, form) in forms.iter().enumerate() {
        let cells: Vec<String> = (0..n).map(|k| form(k * 7919 + 13)).collect();
        let t = Instant::now();
        let mut valid = 0usize;
        for c in &cells {
            valid += parse_cell(c, "CN", None, &rules.normalize.phone)
                .iter()
                .filter(|p| p.valid().is_some())
                .count();
        }
        let per = t.elapsed().as_secs_f64() * 1e6 / n as f64;
        println!("form {i} {:<28} {per:>6.2} µs/cell  ({valid} valid)", cells[0]);
    }
}
