#!/usr/bin/env bash
# Renders report.html the way a manager sees it: headless Chromium on a laptop-sized
# window, one PNG per language, from the DOMAIN.md audit fixture (or the report.html
# files given as arguments).
#
#   scripts/screenshot_report.sh                 # both languages -> target/screenshots/
#   scripts/screenshot_report.sh OUT/report.html # just this page
#
# Needs Debian's chromium and CJK fonts: apt-get install -y chromium fonts-noto-cjk
# Not part of CI; run it after changing the page and look at the PNGs.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "chromium not found: apt-get update && apt-get install -y chromium fonts-noto-cjk" >&2
    exit 2
fi

out=target/screenshots
mkdir -p "$out"
width=${WIDTH:-1366}
height=${HEIGHT:-900}

shoot() { # page.html out.png [height]
    local profile h=${3:-$height}
    profile=$(mktemp -d)
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$profile" --window-size="$width,$h" \
        --screenshot="$2" "file://$(realpath "$1")" >/dev/null 2>&1
    rm -rf "$profile"
    echo "wrote $2"
}

if [ $# -gt 0 ]; then
    for page in "$@"; do
        shoot "$page" "$out/$(basename "$(dirname "$(realpath "$page")")").png"
    done
    exit 0
fi

cargo build --quiet
for lang in en zh; do
    dir=target/screenshots/audit-$lang
    rm -rf "$dir"
    target/debug/rollcall clean fixtures/audit/customers_267.xlsx \
        --outcomes fixtures/audit/calls_267.xlsx --lang "$lang" -o "$dir" >/dev/null 2>&1
    shoot "$dir/report.html" "$out/report-$lang.png"
    # The whole page, for reading below the fold.
    shoot "$dir/report.html" "$out/report-$lang-full.png" 3000
done
