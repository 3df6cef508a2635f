#!/usr/bin/env bash
# Load with a fault (loopback only, bounded): N HTTP clients and a CLI loop create
# invoices against one store while the daemon is killed with SIGKILL mid-load and
# restarted; then every acknowledged number must be stored, numbering must be gapless
# and unique per series and year, PRAGMA integrity_check must pass and no answer may be
# a 5xx. Prints one summary line and exits non-zero on any violation.
#
#   scripts/load-fault.sh            # 20 s, 8 HTTP clients, one kill
#   scripts/load-fault.sh 5 4        # the short mode for CI
#   KILLS=3 scripts/load-fault.sh 30 8
#
# The work lives in a temporary directory that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TO_RUN=${1:-20}
CLIENTS=${2:-8}
KILLS=${KILLS:-1}

cargo build --profile quick-release --quiet --bin invoice --example load_fault
exec timeout --kill-after=10 $((SECONDS_TO_RUN + 120)) target/quick-release/examples/load_fault \
    --bin target/quick-release/invoice --seconds "$SECONDS_TO_RUN" --clients "$CLIENTS" --kills "$KILLS"
