#!/usr/bin/env bash
# Benchmark of `invoice recurring run` (SPEC 14.2, issue 24): N schedules (default 1,000),
# each monthly from January, caught up to December in ONE run: N × 12 invoices. Then
# checks what the README claims: the numbers are gapless (INV-YYYY-0001 … N×12), every
# occurrence is linked to exactly one invoice, `store check` is clean, and a second run
# issues nothing.
#
#   scripts/bench-recurring.sh                  # SQLite, 1,000 schedules
#   SCHEDULES=100 scripts/bench-recurring.sh
#   STORE=postgres://postgres@127.0.0.1/bench scripts/bench-recurring.sh   # an empty database
#   PROFILE=dev scripts/bench-recurring.sh      # with the debug build
#   BIN=target/release/invoice scripts/bench-recurring.sh   # a binary built before
#
# Builds with --profile quick-release (a few minutes the first time). Not part of CI: it
# takes about a minute; tests/cli/customers.rs checks the same properties at 20 × 12.
set -euo pipefail
cd "$(dirname "$0")/.."
SCHEDULES=${SCHEDULES:-1000}
YEAR=${YEAR:-$(( $(date +%Y) - 1 ))}   # a whole past year: nothing is issued for a future day
PROFILE=${PROFILE:-quick-release}   # PROFILE=dev: the debug build, no optimized build needed
if [ -z "${BIN:-}" ]; then   # BIN=path/to/invoice: a binary built elsewhere
    cargo build --quiet --profile "$PROFILE" --bin invoice
    BIN=$(pwd)/target/$([ "$PROFILE" = dev ] && echo debug || echo "$PROFILE")/invoice
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export INVOICE_STORE=${STORE:-$WORK/store.db} INVOICE_CONFIG=$WORK/invoice.toml
cat > "$INVOICE_CONFIG" <<'TOML'
[seller]
name = "Acme GmbH"
vat_id = "DE123456789"
address = { lines = ["Hauptstr. 1"], city = "Berlin", postal_code = "10115", country = "DE" }
[defaults]
currency = "EUR"
tax_rate = 19
TOML
cat > "$WORK/template.json" <<'JSON'
{"lines": [{"description": "Retainer {period}", "quantity": 1, "unit": "MON", "unit_price": "1000"}]}
JSON
"$BIN" customer add acme --name "Globex Ltd" --country GB >/dev/null
echo "adding $SCHEDULES schedules ..."
for ((n = 0; n < SCHEDULES; n++)); do
    "$BIN" recurring add "r$n" --customer acme --every month --day 1 --start "$YEAR-01-01" \
        --input "$WORK/template.json" >/dev/null
done
expected=$((SCHEDULES * 12))
start=$(date +%s.%N)
"$BIN" recurring run --as-of "$YEAR-12-31" > "$WORK/first.txt"
end=$(date +%s.%N)
issued=$(grep -c '^issued' "$WORK/first.txt" || true)
seconds=$(echo "$end - $start" | bc)
rate=$(echo "scale=0; $issued / $seconds" | bc)
echo "first run: $issued invoices in ${seconds}s ($rate invoices/s)"
[ "$issued" -eq "$expected" ] || { echo "FAIL: expected $expected invoices" >&2; exit 1; }
"$BIN" list --format csv | tail -n +2 | cut -d, -f1 > "$WORK/numbers.txt"
seq -f "INV-$YEAR-%04g" 1 "$expected" | sort | diff -q - <(sort "$WORK/numbers.txt") >/dev/null \
    || { echo "FAIL: the numbers are not INV-$YEAR-0001 … $expected without gaps" >&2; exit 1; }
"$BIN" store check >/dev/null
start=$(date +%s.%N)
"$BIN" recurring run --as-of "$YEAR-12-31" > "$WORK/second.txt"
end=$(date +%s.%N)
again=$(wc -l < "$WORK/second.txt")
echo "second run: $again invoices in $(echo "$end - $start" | bc)s"
[ "$again" -eq 0 ] || { echo "FAIL: the second run issued $again invoices" >&2; exit 1; }
echo "bench-recurring: $expected invoices gapless, store check clean, second run issued none"
