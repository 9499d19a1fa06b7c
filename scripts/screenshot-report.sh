#!/usr/bin/env bash
# Looks at the HTML reports as a person would: builds formwork, generates a demo store, writes each
# report kind as HTML, opens each page in headless Chromium, saves a screenshot PNG, and fails when
# a page logs anything to the console or its charts are missing from the DOM.
#
# Usage: scripts/screenshot-report.sh [OUT_DIR]      (default: .build/screenshots)
# Environment: REPS (default 24), DAYS (60), SEED (7) for `formwork demo-data`.
# Installs Debian's chromium and a CJK font with apt-get when they are missing (CI runs as root).
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-.build/screenshots}"
reps="${REPS:-24}"
days="${DAYS:-60}"
seed="${SEED:-7}"

fail() {
    echo "screenshot-report: $*" >&2
    exit 1
}

# Chromium, and a font with Chinese glyphs so that names and titles render (not as boxes).
missing=()
command -v chromium > /dev/null || missing+=(chromium)
command -v fc-list > /dev/null || missing+=(fontconfig)
fc-list :lang=zh-tw 2> /dev/null | grep -q . || missing+=(fonts-noto-cjk)
if ((${#missing[@]} > 0)); then
    echo "== apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update --quiet --quiet
    apt-get install --yes --quiet --quiet --no-install-recommends "${missing[@]}" fonts-dejavu-core > /dev/null
fi

echo "== swift build --product formwork"
swift build --product formwork
formwork="$(swift build --show-bin-path)/formwork"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
out="$(cd "$out" && pwd)"

chrome() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --user-data-dir="$work/profile" "$@"
}

# The console check must be able to see an error, or it would pass every page blindly.
printf '<!DOCTYPE html><html><body><script>console.error("canary")</script></body></html>\n' > "$work/canary.html"
chrome --enable-logging=stderr --v=0 --screenshot="$work/canary.png" --window-size=200,200 \
    "file://$work/canary.html" 2> "$work/canary.log" > /dev/null || true
grep -q 'CONSOLE.*canary' "$work/canary.log" || fail "Chromium does not log console messages; cannot check the pages"

echo "== formwork demo-data --reps $reps --days $days --seed $seed"
"$formwork" demo-data --reps "$reps" --days "$days" --seed "$seed" --form-set . --config "$work/demo" > /dev/null
# The meeting pack is for one rep: the first in the generated org.
rep="$(awk '/^  - id: / { id = $3 } /roles: \[rep\]/ { print id; exit }' "$work/demo/org.yaml")"
[[ -n "$rep" ]] || fail "no rep in the generated org"

# Charts each page must have in its DOM (meeting packs have none).
declare -A charts=([activity]=1 [reviews]=1 [funnel]=1 [targets]=2 [meeting-pack]=0)

for kind in activity reviews funnel targets meeting-pack; do
    page="$out/$kind.html"
    args=(report "$kind" --config "$work/demo" --format html --out "$page")
    [[ "$kind" == meeting-pack ]] && args+=(--person "$rep" --period 2026-02)
    "$formwork" "${args[@]}" 2> /dev/null
    chrome --enable-logging=stderr --v=0 --screenshot="$out/$kind.png" --window-size=1280,2000 \
        "file://$page" 2> "$out/$kind.log" > /dev/null || fail "$kind: Chromium failed (see $out/$kind.log)"
    if grep -E 'CONSOLE|Uncaught' "$out/$kind.log"; then
        fail "$kind: the page logged to the console (above)"
    fi
    [[ -s "$out/$kind.png" ]] || fail "$kind: no screenshot"
    chrome --dump-dom "file://$page" 2> /dev/null > "$work/$kind.dom"
    svgs="$( (grep -o '<svg ' "$work/$kind.dom" || true) | wc -l)"
    titled="$( (grep -o '<title id="[^"]*-chart-title">' "$work/$kind.dom" || true) | wc -l)"
    [[ "$svgs" -eq "${charts[$kind]}" ]] || fail "$kind: $svgs charts in the DOM, expected ${charts[$kind]}"
    [[ "$titled" -eq "$svgs" ]] || fail "$kind: a chart without its <title>"
    grep -q '<table>' "$work/$kind.dom" || fail "$kind: no table in the DOM"
    echo "$kind: $svgs chart(s), screenshot $out/$kind.png"
done
