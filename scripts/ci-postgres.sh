#!/usr/bin/env bash
# CI step for the PostgreSQL store (SPEC 9): the store tests on both engines and the CLI
# and daemon tests on PostgreSQL, against the machine's own server (127.0.0.1:5432, trust
# authentication). Fails if that server cannot be reached: these tests must not be skipped.
#
#   scripts/ci-postgres.sh
#   INVOICE_TEST_POSTGRES=postgres://me@db.internal/test scripts/ci-postgres.sh
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== PostgreSQL store (tests on the machine's own server)"

export INVOICE_TEST_POSTGRES=${INVOICE_TEST_POSTGRES:-postgres://postgres@127.0.0.1/test}
shown=$(sed -E 's#(//[^:/@]+):[^@/]*@#\1:***@#' <<<"$INVOICE_TEST_POSTGRES")

# Reachable? A short bounded wait (the service may still be starting).
ok=""
for _ in $(seq 1 30); do
    if timeout 5 psql "$INVOICE_TEST_POSTGRES" -qAtc 'SELECT 1' >/dev/null 2>&1; then
        ok=1
        break
    fi
    sleep 1
done
if [[ -z "$ok" ]]; then
    echo "PostgreSQL at $shown is unreachable; the PostgreSQL tests cannot run" >&2
    exit 1
fi

echo "== store tests on SQLite and PostgreSQL ($shown), group commit of both engines included"
cargo test --lib store::
echo "== CLI and daemon on PostgreSQL"
cargo test --test cli postgres
echo "== several daemons and the CLI on one database, one SIGKILL, one PostgreSQL restart (short mode), then creates/s of 1 and 3 daemons beside the pgbench anchor (3 s each)"
# As root with iproute2 the daemons must run as separate hosts (a network namespace each):
# CI must not quietly fall back to loopback ports.
if [[ $(id -u) == 0 ]] && command -v ip >/dev/null; then
    export REQUIRE_NETNS=1
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
scripts/multi-host.sh 8 6 | tee "$out"
if [[ -n ${REQUIRE_NETNS:-} ]] && ! grep -q '^multi-host: passed, hosts: 3 network namespaces' "$out"; then
    echo "multi-host did not run on network namespaces" >&2
    exit 1
fi
