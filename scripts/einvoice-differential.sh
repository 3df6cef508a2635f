#!/usr/bin/env bash
# SPEC 13.2 (issue #25): our e-invoice verdicts against the official runner's, file by file.
#
# Every official example under ../shared/einvoice/artefacts/examples and ~3,000 broken copies
# of them (crates/einvoice-rules/tests/mutations) are judged by ../shared/einvoice/check.py
# (XSD + CEN Schematron, + --xrechnung for the files whose BT-24 declares XRechnung) and by
# einvoice_rules::validate(text, Profile::Auto); the sets of (rule id, severity) must be
# equal for every file. The test prints the counts, the coverage of the four official
# stylesheets and the first disagreements; the corpus, check.py's JSON reports and the list
# of rules that never fired stay under target/tmp/differential/.
#
#   scripts/einvoice-differential.sh                        # uses ../shared/einvoice
#   EINVOICE_CHECKER=/path/to/einvoice scripts/einvoice-differential.sh
#   EINVOICE_CHECKER_PY=/path/to/python scripts/einvoice-differential.sh   # an existing venv
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CHECKER=${EINVOICE_CHECKER:-$ROOT/../shared/einvoice}
if [ ! -f "$CHECKER/check.py" ]; then
    echo "einvoice-differential: the official checker is missing at $CHECKER/check.py" >&2
    exit 1
fi
CHECKER=$(cd "$CHECKER" && pwd)

# The checker's Python packages, in the venv scripts/ci-einvoice.sh also uses.
PY=${EINVOICE_CHECKER_PY:-}
if [ -z "$PY" ]; then
    # shellcheck source=scripts/einvoice-venv.sh
    source scripts/einvoice-venv.sh
fi

# Release: the corpus is a few thousand files and the crate is small (builds in seconds).
EINVOICE_CHECKER=$CHECKER EINVOICE_CHECKER_PY=$PY \
    cargo test -p einvoice-rules --release --test differential -- --nocapture
