#!/usr/bin/env bash
# Benchmark of `invoice serve` on loopback (not a test; run it by hand).
#
# Builds release, starts the daemon on 127.0.0.1 with a fresh store and the rate limit
# raised out of the way (every other check stays on: a stored API key verified on
# every request, body limits, full validation, numbering, a durable commit and an
# audit entry per create, the access log), then runs examples/loadgen against
# GET /health, POST /v1/invoices and POST /v1/invoices/{number}/payments (0.01 EUR each,
# first spread over the invoices just created, then all against one invoice of 11.9
# million EUR: every payment is checked against the balance under the invoice's lock,
# with its audit entry, in the group commit) and prints
# requests/s, p50/p99 latency and the daemon's resident memory.
#
#   scripts/bench-serve.sh                 # 10 s per route, 32 connections
#   DURATION=5 CONNECTIONS=64 scripts/bench-serve.sh
#   BENCH_STORE=postgres://postgres@127.0.0.1/bench DAEMONS=3 scripts/bench-serve.sh
#       # on an (empty) PostgreSQL database: DAEMONS daemons, the connections split
#       # between them, creates then payments (spread, then on one invoice); DB_POOL sets --db-pool (default 8). Then the pgbench
#       # anchor on the same server (issue #20): the create's shape (lock the counter row,
#       # insert a ~1.5 KB row) with one invoice per transaction and with 16, CONNECTIONS
#       # clients, DURATION seconds each, in scratch tables of the same database
#       # (scripts/bench-anchor.sh; ANCHOR=0 leaves it out).
#   PROFILE=quick-release ...              # thin LTO instead of the release build's fat LTO
#   SKIP_BUILD=1 ...                       # measure the binaries already built
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DAEMONS=${DAEMONS:-1}
DB_POOL=${DB_POOL:-8}

PROFILE=${PROFILE:-release}
# SKIP_BUILD=1 measures the binaries already in target/$PROFILE (e.g. while the sources
# changed elsewhere and a rebuild would take minutes on a busy machine).
[[ -n ${SKIP_BUILD:-} ]] || cargo build --profile "$PROFILE" --quiet --bin invoice --example loadgen
BIN=target/$PROFILE/invoice
LOADGEN=target/$PROFILE/examples/loadgen

# The pgbench anchor (issue #20): pgbench_anchor URL CLIENTS SECONDS.
# shellcheck source=scripts/bench-anchor.sh
source scripts/bench-anchor.sh

# The payments phase's body and paths: 0.01 EUR on each invoice created so far.
payment_paths() {
    "$BIN" list --format csv | tail -n +2 | cut -d, -f1 | sed 's|^|/v1/invoices/|; s|$|/payments|'
}

WORK=$(mktemp -d)
DAEMON=""
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    if [[ -n "$DAEMON" ]] && kill -0 "$DAEMON" 2>/dev/null; then
        kill -TERM "$DAEMON" 2>/dev/null || true
        wait "$DAEMON" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export HOME="$WORK" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" INVOICE_STORE="${BENCH_STORE:-$WORK/bench.db}"
unset INVOICE_API_KEY INVOICE_API_KEY_FILE INVOICE_CONFIG

KEY=$("$BIN" keys create --client bench --scopes read,write --format json 2>/dev/null \
    | sed -n 's/.*"key": *"\([^"]*\)".*/\1/p')
[[ -n "$KEY" ]] || { echo "could not create an API key" >&2; exit 1; }
# GET /metrics needs the admin scope; the load itself uses KEY.
ADMIN_KEY=$("$BIN" keys create --client bench-metrics --scopes admin --format json 2>/dev/null \
    | sed -n 's/.*"key": *"\([^"]*\)".*/\1/p')

cat > "$WORK/draft.json" <<'EOF'
{
  "issue_date": "2026-11-27",
  "due_date": "2026-12-27",
  "currency": "EUR",
  "seller": { "name": "Acme GmbH", "vat_id": "DE123456789",
              "address": { "lines": ["Hauptstr. 1"], "city": "Berlin", "postal_code": "10115", "country": "DE" } },
  "buyer": { "name": "Globex Ltd", "email": "ap@globex.example",
             "address": { "lines": ["1 High St"], "city": "London", "postal_code": "EC1A 1AA", "country": "GB" } },
  "lines": [
    { "description": "Consulting", "quantity": "10", "unit": "h", "unit_price": "120.00", "tax_rate": "19" },
    { "description": "Travel", "quantity": 1, "unit_price": 80.5, "tax_rate": 0, "discount_percent": 10 }
  ],
  "payment": { "means": "credit_transfer", "iban": "DE89370400440532013000", "terms": "Payable within 30 days" }
}
EOF
echo '{"amount": "0.01", "method": "sepa_credit_transfer"}' > "$WORK/payment.json"

if (( DAEMONS > 1 )) || [[ -n "${BENCH_STORE:-}" ]]; then
    # Several daemons on one (PostgreSQL) store: creates, then payments spread over them,
    # the connections split.
    PIDS=()
    for n in $(seq 1 "$DAEMONS"); do
        "$BIN" serve --bind 127.0.0.1:0 --rate-limit 1000000 --key-rate-limit 1000000 --threads "$THREADS" --db-pool "$DB_POOL" \
            >"$WORK/stdout.$n" 2>"$WORK/daemon.$n.log" &
        PIDS+=($!)
    done
    ADDRS=()
    for n in $(seq 1 "$DAEMONS"); do
        for _ in $(seq 1 100); do
            grep -q '^listening on ' "$WORK/stdout.$n" 2>/dev/null && break
            sleep 0.1
        done
        ADDRS+=("$(sed -n 's|^listening on http://||p' "$WORK/stdout.$n")")
    done
    echo "$DAEMONS daemon(s) on $(sed 's|//[^@/]*@|//|' <<<"$INVOICE_STORE") (--db-pool $DB_POOL, $THREADS threads each)," \
        "$CONNECTIONS connections in all, ${DURATION}s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    ADDR_ARGS=()
    for addr in "${ADDRS[@]}"; do ADDR_ARGS+=(--addr "$addr"); done
    # One load generator for all daemons: the percentiles are of every create together.
    "$LOADGEN" "${ADDR_ARGS[@]}" --connections "$CONNECTIONS" --duration "$DURATION" \
        --method POST --path /v1/invoices --expect 201 \
        --header "x-api-key: $KEY" --header "content-type: application/json" --body-file "$WORK/draft.json"
    # How the creates shared commits (issue #20: batches shrink when daemons split the load).
    for addr in "${ADDRS[@]}"; do
        curl -s -H "x-api-key: $ADMIN_KEY" "http://$addr/metrics" |
            awk -v a="$addr" '/^invoice_store_batches_total /{b=$2} /^invoice_store_batched_writes_total /{w=$2}
                END {if (b > 0) printf "  daemon %s: %d creates in %d commits (%.1f per commit)\n", a, w, b, w / b}'
    done
    # Payments (issue #22: no dearer than a create): 0.01 EUR each, spread over the
    # invoices just created, through the same daemons.
    payment_paths > "$WORK/payment-paths"
    "$LOADGEN" "${ADDR_ARGS[@]}" --connections "$CONNECTIONS" --duration "$DURATION" \
        --method POST --paths-file "$WORK/payment-paths" --expect 201 \
        --header "x-api-key: $KEY" --header "content-type: application/json" --body-file "$WORK/payment.json"
    # The worst case: every payment on one invoice, so each waits for the one before.
    sed 's/"unit_price": "120.00"/"unit_price": "1000000.00"/' "$WORK/draft.json" > "$WORK/big.json"
    BIG=$("$BIN" create --format number --input "$WORK/big.json" 2>/dev/null)
    "$LOADGEN" "${ADDR_ARGS[@]}" --connections "$CONNECTIONS" --duration "$DURATION" \
        --method POST --path "/v1/invoices/$BIG/payments" --expect 201 \
        --header "x-api-key: $KEY" --header "content-type: application/json" --body-file "$WORK/payment.json"
    kill -TERM "${PIDS[@]}"
    wait "${PIDS[@]}" || true
    PIDS=()
    echo "invoices in the store after the run: $("$BIN" list --format csv | tail -n +2 | wc -l)"
    echo "payments in the store after the run: $("$BIN" payments --format csv | tail -n +2 | wc -l)"
    if [[ "$INVOICE_STORE" == postgres* && ${ANCHOR:-1} != 0 ]]; then
        pgbench_anchor "$INVOICE_STORE" "$CONNECTIONS" "$DURATION"
    fi
    exit 0
fi

"$BIN" serve --bind 127.0.0.1:0 --rate-limit 1000000 --key-rate-limit 1000000 --threads "$THREADS" \
    >"$WORK/stdout" 2>"$WORK/daemon.log" &
DAEMON=$!
for _ in $(seq 1 100); do
    grep -q '^listening on ' "$WORK/stdout" 2>/dev/null && break
    sleep 0.1
done
ADDR=$(sed -n 's|^listening on http://||p' "$WORK/stdout")
[[ -n "$ADDR" ]] || { echo "the daemon did not start:" >&2; cat "$WORK/daemon.log" >&2; exit 1; }

# Other processes skew the numbers on a 2-core machine: say how idle it was.
idle_percent() {
    local a b
    a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
    local total=0 i
    for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    echo $(( 100 * (b[4] + b[5] - a[4] - a[5]) / (total > 0 ? total : 1) ))
}
IDLE=$(idle_percent)
if (( IDLE < 90 )); then
    echo "warning: the machine was only ${IDLE}% idle before the run; other load skews these figures" >&2
fi

rss() { awk '/^VmRSS/ {print $2 " kB"}' "/proc/$DAEMON/status"; }
peak() { awk '/^VmHWM/ {print $2 " kB"}' "/proc/$DAEMON/status"; }

echo "invoice serve on $ADDR: $THREADS worker threads, $CONNECTIONS connections, ${DURATION}s per route, $(nproc) CPUs (${IDLE}% idle before)"
echo "RSS at start: $(rss)"
"$LOADGEN" --addr "$ADDR" --connections "$CONNECTIONS" --duration "$DURATION" --path /health
echo "RSS after GET /health: $(rss)"
"$LOADGEN" --addr "$ADDR" --connections "$CONNECTIONS" --duration "$DURATION" \
    --method POST --path /v1/invoices --expect 201 \
    --header "x-api-key: $KEY" --header "content-type: application/json" --body-file "$WORK/draft.json"
echo "RSS after POST /v1/invoices: $(rss) (peak $(peak))"
payment_paths > "$WORK/payment-paths"
"$LOADGEN" --addr "$ADDR" --connections "$CONNECTIONS" --duration "$DURATION" \
    --method POST --paths-file "$WORK/payment-paths" --expect 201 \
    --header "x-api-key: $KEY" --header "content-type: application/json" --body-file "$WORK/payment.json"
echo "RSS after POST /v1/invoices/{number}/payments over $(wc -l < "$WORK/payment-paths") invoices: $(rss) (peak $(peak))"
# The worst case: every payment on one invoice, so each waits for the one before.
sed 's/"unit_price": "120.00"/"unit_price": "1000000.00"/' "$WORK/draft.json" > "$WORK/big.json"
BIG=$("$BIN" create --format number --input "$WORK/big.json" 2>/dev/null)
"$LOADGEN" --addr "$ADDR" --connections "$CONNECTIONS" --duration "$DURATION" \
    --method POST --path "/v1/invoices/$BIG/payments" --expect 201 \
    --header "x-api-key: $KEY" --header "content-type: application/json" --body-file "$WORK/payment.json"
echo "RSS after POST /v1/invoices/$BIG/payments: $(rss) (peak $(peak))"

kill -TERM "$DAEMON"
wait "$DAEMON" && echo "daemon stopped cleanly (exit 0)"
DAEMON=""
COUNT=$("$BIN" list --format csv | tail -n +2 | wc -l)
echo "invoices in the store after the run: $COUNT (store $(du -h "$INVOICE_STORE" | cut -f1))"
echo "payments in the store after the run: $("$BIN" payments --format csv | tail -n +2 | wc -l)"
"$BIN" store check | tail -1
