#!/usr/bin/env bash
# Several hosts on one PostgreSQL database, under load, with faults (SPEC 9; bounded): three
# `invoice serve`, each on a host of its own, plus a CLI writer, all on one fresh database;
# daemon 0 is killed with SIGKILL and restarted mid-run, and the PostgreSQL server is
# stopped as if it crashed (immediate mode) and started again once (at 60 % of the run). Then every acknowledged number must be stored,
# numbering gapless and unique per series and year, `invoice store check` clean, and no
# answer a 5xx other than 503. Prints one summary line; exits non-zero on any violation.
#
# Then throughput (issue #20; a benchmark, reported, never a pass/fail): durable creates/s
# and p99 of POST /v1/invoices for 1 daemon and for 3 daemons, each on a fresh database of
# the same server, 32 connections in all (scripts/bench-serve.sh: full validation, a stored
# API key checked per request, the access log), next to the pgbench anchor measured in the
# same run (scripts/bench-anchor.sh: the create's shape with one invoice per transaction and
# with 16), and the ratio of 3 daemons to the batched anchor. These daemons listen on
# loopback ports (the load generator targets loopback only). Each figure names the load
# average it was measured at.
#
#   scripts/multi-host.sh              # 20 s, 9 HTTP clients, 3 daemons; throughput 3 s each
#   scripts/multi-host.sh 8 6          # the short mode run by scripts/ci-postgres.sh
#   REQUIRE_NETNS=1 scripts/multi-host.sh 8 6   # fail instead of falling back to loopback
#   scripts/multi-host.sh --bench      # throughput only, 10 s per figure (the README's)
#   THROUGHPUT_SECONDS=20 scripts/multi-host.sh --bench ; THROUGHPUT_SECONDS=0 (none)
#
# Hosts: as root with `ip` (iproute2), each daemon runs in a network namespace of its own
# (ivh<PID>-<i>), joined to the root namespace by a veth pair with a private /30
# (10.213.K.1 on the root side, 10.213.K.2 in the namespace, K chosen free). The daemon
# listens on 10.213.K.2; the HTTP clients (root namespace) reach it over the veth. PostgreSQL
# listens on 127.0.0.1 only, which another namespace cannot reach, so each daemon's store is
# postgres://…@10.213.K.1:5432/DB: a TCP relay in the load driver listens there and forwards
# to 127.0.0.1:5432 (the server is not reconfigured; it sees the relay's loopback
# connections). The CLI writer is one more host, in the root namespace, on 127.0.0.1.
# The namespaces, links and every process in them are removed on exit, also on failure,
# timeout or interruption. Without root, `ip` or namespace support it says so and runs
# the three daemons on loopback ports instead (unless REQUIRE_NETNS=1); the last line says
# which mode ran.
#
# Needs the machine's own PostgreSQL 15 (127.0.0.1:5432, trust authentication) and root
# for `pg_ctlcluster -m immediate 15 main restart`; INVOICE_TEST_POSTGRES names the admin database.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_ONLY=""
if [[ ${1:-} == --bench ]]; then
    BENCH_ONLY=1
    shift
fi
SECONDS_TO_RUN=${1:-20}
CLIENTS=${2:-9}
THROUGHPUT_SECONDS=${THROUGHPUT_SECONDS:-$([[ -n $BENCH_ONLY ]] && echo 10 || echo 3)}
DAEMONS=3
ADMIN=${INVOICE_TEST_POSTGRES:-postgres://postgres@127.0.0.1/test}
# An immediate stop is a crash for the server: no checkpoint, and whatever WAL was not
# flushed is lost. Every acknowledged create must survive it and numbering stay gapless:
# create batches free the counters at their commit record and are answered only after the
# flush (src/store/postgres.rs, BEGIN_BATCH), which this checks under load.
RESTART=${RESTART_DB:-pg_ctlcluster -m immediate 15 main restart}
REQUIRE_NETNS=${REQUIRE_NETNS:-}
DB="invoice_multi_host_$$"
URL="${ADMIN%/*}/$DB"
# The server behind ADMIN (user@host:port), for the relays and the daemons' URLs.
authority=${ADMIN#*://}
authority=${authority%%[/?]*}
USERINFO=""
[[ $authority == *@* ]] && USERINFO="${authority%@*}@"
server=${authority##*@}
PG_HOST=${server%%:*}
PG_PORT=5432
[[ $server == *:* ]] && PG_PORT=${server##*:}

namespaces=()
links=()
driver=""
db_created=""
work=""
bench_dbs=()

# Removes what this run made: the load driver (by its PID), every process left in our
# namespaces (by PID: `ip netns pids` lists only what runs in them), the veth links, the
# namespaces, the database. Safe to run twice and on a half-made setup.
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n $driver ]] && kill -0 "$driver" 2>/dev/null; then
        kill -TERM "$driver" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$driver" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$driver" 2>/dev/null || true
    fi
    local ns pids
    for ns in "${namespaces[@]}"; do
        for _ in $(seq 1 50); do
            pids=$(ip netns pids "$ns" 2>/dev/null || true)
            [[ -z $pids ]] && break
            # shellcheck disable=SC2086
            kill -KILL $pids 2>/dev/null || true
            sleep 0.1
        done
    done
    local link
    for link in "${links[@]}"; do
        ip link del "$link" 2>/dev/null || true
    done
    for ns in "${namespaces[@]}"; do
        ip netns del "$ns" 2>/dev/null || true
    done
    namespaces=()
    links=()
    [[ -n $work ]] && rm -rf "$work"
    if [[ -n $db_created ]]; then
        # The server may still be coming back from its restart: retry briefly.
        local dropped=""
        for _ in $(seq 1 20); do
            if psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" 2>/dev/null; then
                dropped=1
                break
            fi
            sleep 1
        done
        [[ -n $dropped ]] || echo "multi-host: could not drop the database $DB" >&2
    fi
    local bench_db
    for bench_db in "${bench_dbs[@]}"; do
        psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" 2>/dev/null ||
            echo "multi-host: could not drop the database $bench_db" >&2
    done
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 10.213.K.0/30 is free when no address or route of this machine lies in 10.213.K.0/24.
subnet_free() {
    [[ -z $(ip -4 -o addr show to "10.213.$1.0/24") && -z $(ip -4 route show root "10.213.$1.0/24") ]]
}

# Makes the namespaces and veth pairs (recording them for the cleanup as it goes); on
# failure sets `why` and returns 1. (Called in a condition: `set -e` does not apply here.)
make_hosts() {
    why=""
    [[ $(id -u) == 0 ]] || { why="not root"; return 1; }
    command -v ip >/dev/null || { why="no \`ip\` (iproute2)"; return 1; }
    [[ $PG_HOST == 127.0.0.1 || $PG_HOST == localhost ]] ||
        { why="the relay forwards to this machine's own server only, not $PG_HOST"; return 1; }
    local i k=$(($$ % 250)) tries=0
    for i in $(seq 0 $((DAEMONS - 1))); do
        while ! subnet_free "$k"; do
            k=$(((k + 1) % 250))
            tries=$((tries + 1))
            ((tries < 250)) || { why="no free 10.213.K.0/30"; return 1; }
        done
        local ns="ivh$$-$i" outside="ivh$$h$i" inside="ivh$$n$i"
        ip netns add "$ns" || { why="\`ip netns add $ns\` failed"; return 1; }
        namespaces+=("$ns")
        ip link add "$outside" type veth peer name "$inside" netns "$ns" ||
            { why="\`ip link add $outside type veth\` failed"; return 1; }
        links+=("$outside")
        if ! { ip addr add "10.213.$k.1/30" dev "$outside" &&
            ip link set "$outside" up &&
            ip -n "$ns" addr add "10.213.$k.2/30" dev "$inside" &&
            ip -n "$ns" link set "$inside" up &&
            ip -n "$ns" link set lo up; }; then
            why="addressing the veth pair $outside/$inside failed"
            return 1
        fi
        HOST_ARGS+=(--host "$ns,10.213.$k.2,postgres://${USERINFO}10.213.$k.1:5432/$DB")
        HOST_ARGS+=(--relay "10.213.$k.1:5432=127.0.0.1:$PG_PORT")
        SHOWN+=("$ns 10.213.$k.2")
        k=$(((k + 1) % 250))
    done
}

# Creates/s and p99 of 1 and of 3 daemons on fresh databases, then the pgbench anchor.
throughput() {
    local seconds=$1 n out line rate p99 bad three=""
    # shellcheck source=scripts/bench-anchor.sh
    source scripts/bench-anchor.sh
    for n in 1 3; do
        local bench_db="invoice_multi_host_$$_bench$n"
        psql "$ADMIN" -qc "CREATE DATABASE $bench_db"
        bench_dbs+=("$bench_db")
        out=$(BENCH_STORE="${ADMIN%/*}/$bench_db" DAEMONS=$n CONNECTIONS=32 DURATION=$seconds \
            PROFILE=quick-release ANCHOR=0 scripts/bench-serve.sh 2>&1) || {
            echo "$out" | sed 's/^/  /' >&2
            echo "multi-host: throughput: the run with $n daemon(s) failed" >&2
            return 1
        }
        echo "$out" | sed 's/^/  /'
        line=$(grep '^POST /v1/invoices:' <<<"$out" || true)
        rate=$(sed -n 's/.* \([0-9]*\) req\/s.*/\1/p' <<<"$line")
        p99=$(sed -n 's/.* p99 \([0-9.]*\) ms.*/\1/p' <<<"$line")
        bad=$(sed -n 's/.*unexpected status \([0-9]*\).*/\1/p' <<<"$line")
        echo "multi-host: throughput: $n daemon(s): ${rate:-?} creates/s, p99 ${p99:-?} ms," \
            "unexpected status ${bad:-?} (32 connections, ${seconds}s, load average $(cut -d' ' -f1-3 /proc/loadavg))"
        [[ $n == 3 ]] && three=$rate
    done
    ANCHOR_PREFIX="multi-host: throughput: " pgbench_anchor "${ADMIN%/*}/${bench_dbs[0]}" 32 "$seconds"
    if [[ -n $three && -n ${ANCHOR_BATCHED:-} && ${ANCHOR_BATCHED:-0} != 0 ]]; then
        echo "multi-host: throughput: 3 daemons / batched anchor = $(awk -v a="$three" -v b="$ANCHOR_BATCHED" \
            'BEGIN { printf "%.2f", a / b }')"
    fi
}

[[ -n ${SKIP_BUILD:-} ]] || cargo build --profile quick-release --quiet --bin invoice --example load_fault --example loadgen
if [[ -n $BENCH_ONLY ]]; then
    throughput "$THROUGHPUT_SECONDS"
    exit 0
fi
psql "$ADMIN" -qc "CREATE DATABASE $DB"
db_created=1

HOST_ARGS=()
SHOWN=()
why=""
if make_hosts; then
    printf -v joined '%s, ' "${SHOWN[@]}"
    mode="hosts: $DAEMONS network namespaces (${joined%, })"
else
    if [[ -n $REQUIRE_NETNS ]]; then
        echo "multi-host: REQUIRE_NETNS is set but the network namespaces could not be made: $why" >&2
        exit 1
    fi
    echo "multi-host: notice: no network namespaces ($why); separate loopback ports stand in for hosts" >&2
    # Undo a half-made setup before falling back.
    for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
    for link in "${links[@]}"; do ip link del "$link" 2>/dev/null || true; done
    namespaces=()
    links=()
    HOST_ARGS=()
    mode="hosts: loopback ports"
fi
echo "multi-host: $mode"

# In the background, so an interruption reaches the cleanup at once; its temporary
# directory lives in ours, removed by the cleanup even if the driver is killed.
work=$(mktemp -d)
TMPDIR=$work timeout --kill-after=10 $((SECONDS_TO_RUN + 180)) target/quick-release/examples/load_fault \
    --bin target/quick-release/invoice --seconds "$SECONDS_TO_RUN" --clients "$CLIENTS" --kills 1 \
    --store "$URL" --daemons "$DAEMONS" --restart-db "$RESTART" "${HOST_ARGS[@]}" &
driver=$!
status=0
wait "$driver" || status=$?
driver=""
if ((status == 0)); then
    echo "multi-host: passed, $mode"
else
    echo "multi-host: FAILED (exit $status), $mode" >&2
    exit "$status"
fi
if ((THROUGHPUT_SECONDS > 0)); then
    # A benchmark: reported, its figures never fail the run (a run that does not work does).
    throughput "$THROUGHPUT_SECONDS"
fi
