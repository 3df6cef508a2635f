#!/usr/bin/env bash
# The physical anchor of a create on PostgreSQL (issue #20), sourced by scripts/bench-serve.sh
# and scripts/multi-host.sh: pgbench on the same server, in the same run, with the create's
# shape (lock the counter row, insert a ~1.5 KB row, commit) — one invoice per transaction,
# and 16 per transaction — in scratch tables of the database it is given, dropped after.
#
#   pgbench_anchor URL CLIENTS SECONDS
#
# prints one line (after ANCHOR_PREFIX, if set) and sets ANCHOR_ONE (transactions/s, one
# invoice each) and ANCHOR_BATCHED (invoices/s, 16 per transaction), both empty when
# pgbench is missing and cannot be installed.
# pgbench comes with Debian's postgresql-client; as root without it, it is installed.

pgbench_anchor() {
    local url=$1 clients=$2 seconds=$3 dir
    ANCHOR_ONE=""
    ANCHOR_BATCHED=""
    if ! command -v pgbench >/dev/null && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        echo "pgbench anchor: installing pgbench (postgresql-client)" >&2
        apt-get update -qq >/dev/null &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-client >/dev/null ||
            true
    fi
    command -v pgbench >/dev/null || { echo "${ANCHOR_PREFIX:-}pgbench anchor: pgbench not installed"; return 0; }
    dir=$(mktemp -d)
    PGOPTIONS=--client-min-messages=warning psql -q "$url" -c "DROP TABLE IF EXISTS anchor_seq, anchor_inv;
        CREATE TABLE anchor_seq (series TEXT PRIMARY KEY, last BIGINT NOT NULL);
        CREATE TABLE anchor_inv (id BIGSERIAL PRIMARY KEY, seq BIGINT NOT NULL, doc TEXT NOT NULL);
        INSERT INTO anchor_seq VALUES ('INV', 0);" >/dev/null
    local one="INSERT INTO anchor_seq VALUES ('INV', 1) ON CONFLICT (series) DO UPDATE SET last = anchor_seq.last + 1;
INSERT INTO anchor_inv (seq, doc) SELECT last, repeat('x', 1500) FROM anchor_seq WHERE series = 'INV';"
    printf 'BEGIN;\n%s\nCOMMIT;\n' "$one" >"$dir/one.sql"
    { echo "BEGIN;"; for _ in $(seq 1 16); do echo "$one"; done; echo "COMMIT;"; } >"$dir/batch.sql"
    local tps1 tps16
    tps1=$(pgbench -n -c "$clients" -j 2 -T "$seconds" -f "$dir/one.sql" "$url" 2>/dev/null |
        sed -n 's/^tps = \([0-9.]*\).*/\1/p')
    tps16=$(pgbench -n -c "$clients" -j 2 -T "$seconds" -f "$dir/batch.sql" "$url" 2>/dev/null |
        sed -n 's/^tps = \([0-9.]*\).*/\1/p')
    ANCHOR_ONE=$(awk -v t="${tps1:-0}" 'BEGIN { printf "%.0f", t }')
    ANCHOR_BATCHED=$(awk -v t="${tps16:-0}" 'BEGIN { printf "%.0f", t * 16 }')
    echo "${ANCHOR_PREFIX:-}pgbench anchor ($clients clients, ${seconds}s each, load average $(cut -d' ' -f1-3 /proc/loadavg)):" \
        "one invoice per transaction $ANCHOR_ONE tx/s; 16 per transaction $ANCHOR_BATCHED invoices/s"
    psql -q "$url" -c "DROP TABLE IF EXISTS anchor_seq, anchor_inv;" >/dev/null
    rm -rf "$dir"
}
