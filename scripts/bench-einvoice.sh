#!/usr/bin/env bash
# SPEC 13.3 (issue #25): the README's e-invoice figures in one run.
#
# Builds the quick-release `invoice` binary (the one CI and the README time), then runs
# `cargo bench -p einvoice-rules` with INVOICE_BIN pointing at it, so that one run prints
# the read-and-parse floor, validate() in-process, 1,000 files on 2 threads, one file per
# process (the bench binary, `invoice --version` and `invoice einvoice validate FILE`) and
# check.py over the same 1,000 files. Print `uptime` beside the figures you copy.
#
#   scripts/bench-einvoice.sh
#   EINVOICE_CHECKER=/path/to/einvoice EINVOICE_CHECKER_PY=/path/to/python scripts/bench-einvoice.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CHECKER=${EINVOICE_CHECKER:-$ROOT/../shared/einvoice}
if [ ! -f "$CHECKER/check.py" ]; then
    echo "bench-einvoice: the official checker is missing at $CHECKER/check.py" >&2
    exit 1
fi
CHECKER=$(cd "$CHECKER" && pwd)

PY=${EINVOICE_CHECKER_PY:-}
if [ -z "$PY" ]; then
    # shellcheck source=scripts/einvoice-venv.sh
    source scripts/einvoice-venv.sh
fi

cargo build --profile quick-release --bin invoice
uptime
INVOICE_BIN=$ROOT/target/quick-release/invoice EINVOICE_CHECKER=$CHECKER EINVOICE_CHECKER_PY=$PY \
    cargo bench -p einvoice-rules --bench validate
uptime
