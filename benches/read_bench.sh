#!/usr/bin/env bash
# Times reading a generated 1M-row (~150 MB) messy CSV with the release binary:
# `rollcall inspect` reads, decodes, finds the header and builds every record.
# Target (issue 2): at most 2 s on the 2-core CI machine.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
data=bench-data/list_${rows}.csv
mkdir -p bench-data
[ -f "$data" ] || python3 benches/gen_list.py --rows "$rows" --out "$data"
cargo build --release --quiet
ls -l "$data"
for i in 1 2 3; do
  /usr/bin/time -f "run $i: %e s wall, %M KB max RSS" ./target/release/rollcall inspect "$data" >/dev/null
done
