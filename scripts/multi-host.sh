#!/usr/bin/env bash
# Several hosts on one PostgreSQL database, under load, with faults (SPEC 9; loopback only,
# bounded): three `invoice serve` on their own loopback ports plus a CLI writer, all on one
# fresh database; daemon 0 is killed with SIGKILL and restarted mid-run, and the PostgreSQL
# server is restarted once (at 60 % of the run). Then every acknowledged number must be
# stored, numbering gapless and unique per series and year, `invoice store check` clean, and
# no answer a 5xx other than 503. Prints one summary line; exits non-zero on any violation.
#
#   scripts/multi-host.sh              # 20 s, 9 HTTP clients, 3 daemons
#   scripts/multi-host.sh 8 6          # the short mode run by scripts/ci-postgres.sh
#
# Needs the machine's own PostgreSQL 15 (127.0.0.1:5432, trust authentication) and root
# for `pg_ctlcluster 15 main restart`; INVOICE_TEST_POSTGRES names the admin database.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TO_RUN=${1:-20}
CLIENTS=${2:-9}
ADMIN=${INVOICE_TEST_POSTGRES:-postgres://postgres@127.0.0.1/test}
RESTART=${RESTART_DB:-pg_ctlcluster 15 main restart}
DB="invoice_multi_host_$$"
URL="${ADMIN%/*}/$DB"

cargo build --profile quick-release --quiet --bin invoice --example load_fault
psql "$ADMIN" -qc "CREATE DATABASE $DB"
cleanup() {
    # The server may still be coming back from its restart: retry briefly.
    for _ in $(seq 1 20); do
        if psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" 2>/dev/null; then
            return
        fi
        sleep 1
    done
    echo "multi-host: could not drop the database $DB" >&2
}
trap cleanup EXIT

timeout --kill-after=10 $((SECONDS_TO_RUN + 180)) target/quick-release/examples/load_fault \
    --bin target/quick-release/invoice --seconds "$SECONDS_TO_RUN" --clients "$CLIENTS" --kills 1 \
    --store "$URL" --daemons 3 --restart-db "$RESTART"
