#!/usr/bin/env bash
# Times matching (blocking, scoring, clustering, merging, evidence) on a generated list
# of ROWS rows (default 1M), in-process after reading and normalizing it, and reports
# its peak memory; then the release binary end to end on the same file.
# Target (the matching issue): matching and merging 1M rows in at most 10 s and 2 GB
# on the 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
data=bench-data/customers_${rows}.csv
truth=bench-data/customers_${rows}.truth.csv
mkdir -p bench-data
[ -f "$data" ] || python3 benches/gen_customers.py --rows "$rows" --out "$data" --truth "$truth"
cargo build --release --quiet --example match_bench
cargo build --release --quiet
ls -l "$data"
echo "== matching alone (read and normalize first, not timed)"
/usr/bin/time -f "process: %e s wall, %M KB max RSS" ./target/release/examples/match_bench "$data"
echo "== rollcall clean end to end (--csv)"
/usr/bin/time -f "process: %e s wall, %M KB max RSS" \
  ./target/release/rollcall clean "$data" --csv -o "bench-data/out_${rows}" >/dev/null
python3 benches/quality.py --lineage "bench-data/out_${rows}/lineage.csv" --truth "$truth"
