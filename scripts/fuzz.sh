#!/usr/bin/env bash
# Fuzzes each reader (csv, xlsx, xls, xlsb, ods) for SECONDS, one target at a time, with
# libFuzzer's 2 GB memory cap: a run over 2 GB, a panic that escapes, an abort or a hang
# (-timeout) is a crash, saved under fuzz/artifacts/TARGET/. The seed corpus is copied
# from fixtures/ (not kept in git); what the fuzzer finds stays in fuzz/corpus/.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
#
# Usage: scripts/fuzz.sh SECONDS [TARGET...]     e.g. scripts/fuzz.sh 600 read_xls
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(read_csv read_xlsx read_xls read_xlsb read_ods read_master)

# The fixture extensions each target is seeded with.
seeds_of() {
    case "$1" in
        read_csv) echo "csv tsv txt" ;;
        read_xlsx) echo "xlsx xlsm" ;;
        read_xls) echo "xls" ;;
        read_xlsb) echo "xlsb" ;;
        read_ods) echo "ods" ;;
    esac
}

mkdir -p fuzz/logs
status=0
for t in "${targets[@]}"; do
    corpus=fuzz/corpus/$t
    mkdir -p "$corpus" "fuzz/artifacts/$t"
    for ext in $(seeds_of "$t"); do
        # Seeds under 1 MB only: the zip bomb and big files make slow, unhelpful seeds.
        find fixtures -type f -name "*.$ext" -size -1024k -exec cp -n {} "$corpus/" \;
    done
    if [ "$t" = read_master ]; then
        # The first byte picks the copy: even, a workbook; odd, customers.csv.
        [ -f "$corpus/seed_xlsx" ] || { printf '\x00'; cat fixtures/masters/master_split.xlsx; } >"$corpus/seed_xlsx"
        [ -f "$corpus/seed_csv" ] || { printf '\x01'; cat fixtures/masters/customers.csv; } >"$corpus/seed_csv"
    fi
    echo "== $t for ${secs}s ($(ls "$corpus" | wc -l) corpus files)"
    (cd fuzz && cargo +nightly fuzz run "$t" "corpus/$t" -O -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=20 \
        -print_final_stats=1 \
        -artifact_prefix="artifacts/$t/") >"fuzz/logs/$t.log" 2>&1
    rc=$?
    grep -E "^Done|stat::number_of_executed_units|stat::peak_rss_mb" "fuzz/logs/$t.log" | sed "s/^/   /"
    if [ $rc -ne 0 ]; then
        echo "   CRASH (exit $rc): see fuzz/logs/$t.log and fuzz/artifacts/$t/"
        status=1
    fi
done
exit $status
