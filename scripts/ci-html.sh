#!/usr/bin/env bash
# HTML documents from a 360 px phone to a 1,000 px desktop (issue 13, SPEC 11, SPEC 15):
# renders invoices (English, German, French, German and French with a legal footer; a long
# Japanese one; paid; a credit note) as HTML and loads each in headless Chromium at both
# widths, failing when any text node is broken one character per line, any element (outside
# a scrolling table) is wider than the viewport, or any amount lies outside the viewport
# (a phone must show every amount without scrolling sideways).
# Installs Debian's chromium when missing. Loopback only: the documents are local files.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null
fi
cargo build --quiet
bin=target/debug/invoice
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"

for draft in spec-example de-language-rechnung fr-language-facture jp-consumption-tax-jpy \
        boundary-lengths-and-limits reverse-charge-ae-and-intra-eu-k de-legal-footer-gmbh fr-legal-footer-sas \
        line-discounts; do
    "$bin" render --input "fixtures/valid/$draft.json" --format html --out "$work/$draft.html"
done
number=$("$bin" create --input fixtures/valid/spec-example.json --format number)
"$bin" pay "$number" --date "$(date +%F)" >/dev/null
"$bin" render "$number" --format html --out "$work/paid.html"
"$bin" credit "$number" --reason "Returned goods" >/dev/null
"$bin" render CN-"$(date +%Y)"-0001 --format html --out "$work/credit.html"
cp scripts/html-check/check.html "$work/check.html"
mkdir "$work/self-test"
cp scripts/html-check/check.html scripts/html-check/bad.html "$work/self-test/"

# check DIR PAGE WIDTH: the checker's findings, "OK" when there are none.
check() {
    local out
    out=$(timeout 60 chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
        --virtual-time-budget=5000 --window-size="$(($3 + 40)),2200" \
        --dump-dom "file://$1/check.html?width=$3&doc=$2" 2>/dev/null || true)
    printf '%s' "$out" | perl -0777 -ne 'print $1 if /<pre id="result">(.*?)<\/pre>/s'
}

# The checker must catch a page that breaks both rules, or a green run means nothing.
bad=$(check "$work/self-test" bad.html 360)
if ! grep -q "one character per line" <<<"$bad" || ! grep -q "overflows" <<<"$bad" \
        || ! grep -q "amount outside the viewport" <<<"$bad"; then
    echo "FAIL the checker did not catch the known-bad page: ${bad:-no result}"
    exit 1
fi
echo "ok   the checker catches a known-bad page"

failed=0
for page in "$work"/*.html; do
    [ "$(basename "$page")" = check.html ] && continue
    for width in 360 1000; do
        result=$(check "$work" "$(basename "$page")" "$width")
        if [ "$result" != "OK" ]; then
            echo "FAIL $(basename "$page") at ${width}px:"
            printf '%s\n' "${result:-no result (chromium did not run the check)}" | sed 's/^/  /'
            failed=1
        else
            echo "ok   $(basename "$page") at ${width}px"
        fi
    done
done
exit "$failed"
