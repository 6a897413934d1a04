#!/usr/bin/env bash
# Times `rollcall clean` end to end on a generated zh/en contact list of ROWS rows
# (default 1M; several sizes separated by spaces, ROWS="1000000 2000000", each run in
# turn), once for each --format (csv, xlsx, both), with /usr/bin/time: wall time and
# peak resident memory. Each run's own `took ...` line (the time of each stage) is
# printed after it. The list is generated once into bench-data/ (not committed).
#
# When Splink is installed (`pip install splink`), benches/splink_bench.py then dedupes
# the same file with Splink (DuckDB) under the same /usr/bin/time, and the ratios
# rollcall/splink of wall time and of peak memory are printed for each --format: the
# machine is noisy, and only a ratio measured in the same run holds (#14).
# SPLINK_TRUTH=1 also gives splink_bench.py the truth file (pairwise precision/recall,
# a few seconds more in Splink's time).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench-data
cargo build --release --locked --quiet
tf=$(mktemp)
trap 'rm -f "$tf"' EXIT
have_splink=0
if python3 -c 'import splink' 2>/dev/null; then have_splink=1; fi

for rows in ${ROWS:-1000000}; do
  data=bench-data/contacts_${rows}.csv
  truth=bench-data/contacts_${rows}.truth.csv
  [ -f "$data" ] || python3 benches/gen_contacts.py --rows "$rows" --out "$data" --truth "$truth"
  echo "==== $rows rows (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  ls -l "$data"
  declare -A rc_wall=() rc_rss=()
  formats=()
  for format in ${FORMATS:-csv xlsx both}; do
    out="bench-data/out_clean_${rows}_${format}"
    rm -rf "$out"
    echo "== rollcall clean --format $format"
    /usr/bin/time -o "$tf" -f "%e %M" \
      ./target/release/rollcall clean "$data" --format "$format" -o "$out" 2>&1 >/dev/null \
      | { grep -E "^took" || true; }
    read -r wall rss <"$tf"
    echo "process: $wall s wall, $rss KB max RSS"
    rc_wall[$format]=$wall
    rc_rss[$format]=$rss
    formats+=("$format")
    du -sh "$out"/* | sort -h | tail -4
  done

  if [ "$have_splink" = 0 ]; then
    echo "== splink: skipped (not installed; pip install splink)"
    continue
  fi
  echo "== splink (benches/splink_bench.py)"
  splink_args=()
  if [ "${SPLINK_TRUTH:-0}" = 1 ] && [ -f "$truth" ]; then splink_args=(--truth "$truth"); fi
  /usr/bin/time -o "$tf" -f "%e %M" python3 benches/splink_bench.py "$data" "${splink_args[@]}"
  read -r s_wall s_rss <"$tf"
  echo "process: $s_wall s wall, $s_rss KB max RSS"
  for format in "${formats[@]}"; do
    awk -v f="$format" -v rw="${rc_wall[$format]}" -v rr="${rc_rss[$format]}" \
        -v sw="$s_wall" -v sr="$s_rss" 'BEGIN {
      printf "ratio rollcall/splink, --format %s: wall %.3f (%.2f s / %.2f s), peak RSS %.3f (%.0f MB / %.0f MB)\n",
        f, (sw > 0 ? rw / sw : 0), rw, sw, (sr > 0 ? rr / sr : 0), rr / 1024, sr / 1024
    }'
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
