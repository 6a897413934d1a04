#!/usr/bin/env bash
# Times `rollcall clean` end to end on a generated zh/en contact list of ROWS rows
# (default 1M), once for each --format (csv, xlsx, both), with /usr/bin/time: wall time
# and peak resident memory. Each run's own `took ...` line (the time of each stage) is
# printed after it. The list is generated once into bench-data/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
data=bench-data/contacts_${rows}.csv
truth=bench-data/contacts_${rows}.truth.csv
mkdir -p bench-data
[ -f "$data" ] || python3 benches/gen_contacts.py --rows "$rows" --out "$data" --truth "$truth"
cargo build --release --locked --quiet
ls -l "$data"
for format in ${FORMATS:-csv xlsx both}; do
  out="bench-data/out_clean_${rows}_${format}"
  rm -rf "$out"
  echo "== rollcall clean --format $format"
  /usr/bin/time -f "process: %e s wall, %M KB max RSS" \
    ./target/release/rollcall clean "$data" --format "$format" -o "$out" 2>&1 >/dev/null \
    | grep -E "^(took|process:)"
  du -sh "$out"/* | sort -h | tail -4
done
