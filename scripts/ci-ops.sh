#!/usr/bin/env bash
# CI for the operations files (issue 15), each checked by the real tool that consumes it:
#
#   1. install    the binary, man pages and completions where the README puts them;
#                 `invoice --version`, `man -w invoice`, bash loads the completion
#   2. systemd    `systemd-analyze verify` and `security --offline=true` (fails above 2.0)
#                 on contrib/systemd/invoice.service; systemd-sysusers/-tmpfiles on their
#                 files (into a scratch root); the daemon as an unprivileged user reading
#                 its key from a root-owned credential file with a read ACL (how systemd
#                 hands credentials over on tmpfs); every system call the daemon makes
#                 (under strace, serving real requests) is allowed by the unit's filter
#   3. prometheus `promtool check rules` and `promtool test rules`
#   4. nginx      `nginx -t` on contrib/nginx/invoice.conf as shipped (with a self-signed
#                 certificate at its paths), then nginx + `invoice serve --trust-proxy`
#                 with clients in two network namespaces: the rate limit counts each
#                 client address, and without --trust-proxy it would not
#   5. keyring    inside dbus-run-session with gnome-keyring-daemon unlocked by a test
#                 password: keys set-static, serve, authenticate, replace, delete
#
# Needs root (packages, network namespaces, ports 80/443/8080). Debian packages are
# installed when a tool is missing. Everything it creates is removed at the end, except
# the packages. Runs in about a minute after `cargo build`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

KEY1=ci-ops-static-key-one-0123456789abcdefgh
KEY2=ci-ops-static-key-two-0123456789abcdefgh

say() { printf '== ops: %s\n' "$*"; }
die() { printf 'ci-ops: FAIL: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------
# 5. (inner part) runs inside `dbus-run-session -- scripts/ci-ops.sh keyring-session BIN DIR`
keyring_session() {
    local bin=$1 dir=$2
    # A fresh home first: the daemon creates its login keyring under $XDG_DATA_HOME.
    export HOME=$dir/kr-home XDG_CONFIG_HOME=$dir/kr-home/config XDG_DATA_HOME=$dir/kr-home/data
    export INVOICE_STORE=$dir/kr-home/invoices.db
    unset INVOICE_API_KEY INVOICE_API_KEY_FILE INVOICE_CONFIG
    mkdir -p "$XDG_DATA_HOME"
    eval "$(printf 'ci-test-password' | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL

    printf '%s\n' "$KEY1" | "$bin" keys set-static
    "$bin" doctor | grep -qx 'OK    keyring  the OS keyring answers and holds the static key' \
        || die "doctor does not see the key in the keyring"
    start_daemon "$dir/kr1" "$bin" serve --bind 127.0.0.1:0
    expect_status 200 "$(status_of "$(cat "$dir/kr1.url")/v1/invoices" "$KEY1")" "key from the keyring"
    expect_status 401 "$(status_of "$(cat "$dir/kr1.url")/v1/invoices" "$KEY2")" "another key"
    stop_daemon "$dir/kr1"

    printf '%s\n' "$KEY2" | "$bin" keys set-static
    start_daemon "$dir/kr2" "$bin" serve --bind 127.0.0.1:0
    expect_status 401 "$(status_of "$(cat "$dir/kr2.url")/v1/invoices" "$KEY1")" "the replaced key"
    expect_status 200 "$(status_of "$(cat "$dir/kr2.url")/v1/invoices" "$KEY2")" "the new key"
    stop_daemon "$dir/kr2"

    [ "$("$bin" keys delete-static)" = "deleted the static API key from the OS keyring" ] || die "delete-static"
    [ "$("$bin" keys delete-static)" = "there is no static API key in the OS keyring; nothing changed" ] \
        || die "a second delete-static"
    local code=0
    "$bin" serve --bind 127.0.0.1:0 >/dev/null 2>"$dir/kr3.err" || code=$?
    [ "$code" = 5 ] || die "serve without any key exited $code, not 5"
    grep -q 'keys create' "$dir/kr3.err" || die "serve without a key does not say how to create one"
    say "keyring: set, serve, authenticate, replace, delete: ok"
}

# start_daemon PREFIX COMMAND...: starts the daemon command, waits for "listening on",
# writes PREFIX.url and PREFIX.pid. Environment as the caller's.
start_daemon() {
    local prefix=$1
    shift
    "$@" >"$prefix.out" 2>"$prefix.err" &
    echo $! >"$prefix.pid"
    PIDS+=("$!")
    for _ in $(seq 1 200); do
        if grep -q '^listening on ' "$prefix.out" 2>/dev/null; then
            sed -n 's/^listening on //p' "$prefix.out" >"$prefix.url"
            return 0
        fi
        kill -0 "$(cat "$prefix.pid")" 2>/dev/null || break
        sleep 0.1
    done
    cat "$prefix.err" >&2
    die "the daemon did not start ($*)"
}

# stop_daemon PREFIX: SIGTERM, and the daemon must exit 0 within 20 s.
stop_daemon() {
    local pid code=0
    pid=$(cat "$1.pid")
    kill -TERM "$pid"
    for _ in $(seq 1 200); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    wait "$pid" || code=$?
    [ "$code" = 0 ] || die "the daemon exited $code after SIGTERM"
}

# status_of URL [KEY] [CURL ARGS...]: the HTTP status of a GET.
status_of() {
    local url=$1 key=${2:-}
    shift 2 || shift $#
    curl -s -o /dev/null -w '%{http_code}' --max-time 10 ${key:+-H "x-api-key: $key"} "$@" "$url"
}

expect_status() {
    [ "$2" = "$1" ] || die "$3: got HTTP $2, expected $1"
}

if [ "${1:-}" = keyring-session ]; then
    PIDS=()
    keyring_session "$2" "$3"
    exit 0
fi

# ---------------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || die "run as root (packages, network namespaces, ports 80/443)"
missing=()
for tool in systemd-analyze:systemd promtool:prometheus nginx:nginx dbus-run-session:dbus \
    gnome-keyring-daemon:gnome-keyring openssl:openssl ip:iproute2 curl:curl man:man-db setfacl:acl \
    setpriv:util-linux strace:strace; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cargo build --locked --quiet --bin invoice
BIN=$ROOT/target/debug/invoice
TMP=$(mktemp -d /tmp/ci-ops.XXXXXX)
chmod 0755 "$TMP" # nginx workers and the unprivileged daemon reach into it
PIDS=()
CREATED=()
NETNS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    for ns in "${NETNS[@]}"; do
        ip netns del "$ns" 2>/dev/null || true
        ip link del "$ns-h" 2>/dev/null || true
    done
    local i
    for ((i = ${#CREATED[@]} - 1; i >= 0; i--)); do
        if [ -d "${CREATED[i]}" ]; then rmdir "${CREATED[i]}" 2>/dev/null || true; else rm -f "${CREATED[i]}"; fi
    done
    rm -rf "$TMP"
}
trap cleanup EXIT

# put SOURCE DEST MODE: installs a file where it does not exist yet (and removes it at the
# end); an existing file is left alone, so a machine's own install is never touched.
put() {
    local dir
    dir=$(dirname "$2")
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir"
        CREATED+=("$dir")
    fi
    if [ ! -e "$2" ]; then
        install -m "$3" "$1" "$2"
        CREATED+=("$2")
    fi
}

# ---------------------------------------------------------------------------------------
say "1. install (the README's paths, /usr/local)"
put "$BIN" /usr/local/bin/invoice 0755
for page in man/*.1; do put "$page" "/usr/local/share/man/man1/$(basename "$page")" 0644; done
put completions/invoice.bash /usr/local/share/bash-completion/completions/invoice 0644
put completions/_invoice /usr/local/share/zsh/site-functions/_invoice 0644
put completions/invoice.fish /usr/local/share/fish/vendor_completions.d/invoice.fish 0644
/usr/local/bin/invoice --version | grep -qx "invoice $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)" \
    || die "invoice --version"
[ "$(readlink -f "$(man -w invoice)")" = /usr/local/share/man/man1/invoice.1 ] \
    || die "man -w invoice: $(man -w invoice 2>&1)"
man -w invoice-doctor >/dev/null || die "man invoice-doctor"
bash -c 'source /usr/local/share/bash-completion/completions/invoice && complete -p invoice' | grep -q invoice \
    || die "the bash completion does not register"

# ---------------------------------------------------------------------------------------
say "2. systemd"
UNIT=contrib/systemd/invoice.service
SYSTEMD_LOG_LEVEL=notice systemd-analyze verify "$UNIT"
systemd-analyze security --offline=true --no-pager "$UNIT" >"$TMP/security.txt" || true
score=$(sed -n 's/.*Overall exposure level for invoice.service: \([0-9.]*\).*/\1/p' "$TMP/security.txt")
[ -n "$score" ] || { cat "$TMP/security.txt"; die "no exposure level from systemd-analyze security"; }
awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }' || { cat "$TMP/security.txt"; die "exposure $score is above 2.0"; }
say "systemd-analyze security: exposure level $score"

mkdir -p "$TMP/sysroot/etc"
systemd-sysusers --root="$TMP/sysroot" - <contrib/systemd/invoice.sysusers
grep -q '^invoice:x:[0-9]*:[0-9]*:Invoice Generator Pro daemon:/var/lib/invoice:/usr/sbin/nologin$' \
    "$TMP/sysroot/etc/passwd" || die "sysusers did not create the invoice user"
systemd-tmpfiles --root="$TMP/sysroot" --create - <contrib/systemd/invoice.tmpfiles
[ "$(stat -c %a "$TMP/sysroot/etc/invoice")" = 700 ] || die "tmpfiles: /etc/invoice is not 0700"

# The credential as systemd leaves it on a tmpfs: owned by root, mode 0400 plus a read
# ACL entry for the service user (stat shows 0440). The daemon runs as nobody.
cred=$TMP/credentials
mkdir -m 0500 "$cred"
printf '%s' "$KEY1" >"$cred/api-key"
chmod 0400 "$cred/api-key"
if setfacl -m u:nobody:r "$cred/api-key" 2>/dev/null && setfacl -m u:nobody:rx "$cred"; then
    [ "$(stat -c %a "$cred/api-key")" = 440 ] || die "the ACL did not show as group read"
    install -d -m 0700 -o nobody "$TMP/state"
    CREDENTIALS_DIRECTORY=$cred INVOICE_API_KEY_FILE=$cred/api-key INVOICE_STORE=$TMP/state/invoices.db \
        HOME=$TMP/state start_daemon "$TMP/cred" setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
        "$BIN" serve --bind 127.0.0.1:0
    expect_status 200 "$(status_of "$(cat "$TMP/cred.url")/v1/invoices" "$KEY1")" "credential key"
    stop_daemon "$TMP/cred"
    say "systemd credential (root-owned, ACL): accepted by a daemon running as nobody"
else
    say "SKIP: this file system has no ACLs; the credential check ran in the unit tests only"
fi

# The unit's SystemCallFilter= against the system calls the daemon really makes: every
# call seen under strace (as an unprivileged user, serving health, create, PDF/HTML/text
# renders, list and metrics, then a SIGTERM stop) must be allowed by the filter.
expand_group() { # the system calls of a group, nested groups expanded
    systemd-analyze syscall-filter "$1" | awk 'NR > 1 && $1 !~ /^#/ && NF == 1 {print $1}' |
        while read -r item; do case $item in @*) expand_group "$item" ;; *) echo "$item" ;; esac; done
}
filter_items() { # filter_items allow|deny: the items of the unit's SystemCallFilter= lines
    sed -n 's/^SystemCallFilter=//p' "$UNIT" | while read -r line; do
        case $line in "~"*) [ "$1" = deny ] && echo "${line#\~}" ;; *) [ "$1" = allow ] && echo "$line" ;; esac
    done | tr ' ' '\n' | sed '/^$/d'
}
for item in $(filter_items allow); do case $item in @*) expand_group "$item" ;; *) echo "$item" ;; esac; done |
    sort -u >"$TMP/allowed"
for item in $(filter_items deny); do case $item in @*) expand_group "$item" ;; *) echo "$item" ;; esac; done |
    sort -u >"$TMP/denied"
comm -23 "$TMP/allowed" "$TMP/denied" >"$TMP/permitted"
install -d -m 0700 -o nobody "$TMP/strace"
INVOICE_API_KEY=$KEY1 INVOICE_STORE=$TMP/strace/invoices.db HOME=$TMP/strace start_daemon "$TMP/traced" \
    setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
    strace -f -qq -c -o "$TMP/strace/summary" "$BIN" serve --bind 127.0.0.1:0
url=$(cat "$TMP/traced.url")
expect_status 200 "$(status_of "$url/health")" "traced: health"
number=$(curl -s --max-time 10 -H "x-api-key: $KEY1" -H 'content-type: application/json' \
    --data-binary @fixtures/valid/spec-example.json "$url/v1/invoices" | sed -n 's/.*"number":"\([^"]*\)".*/\1/p')
[ -n "$number" ] || die "traced: create"
for format in pdf html text; do
    expect_status 200 "$(status_of "$url/v1/invoices/$number/render?format=$format" "$KEY1")" "traced: $format"
done
expect_status 200 "$(status_of "$url/v1/invoices" "$KEY1")" "traced: list"
expect_status 200 "$(status_of "$url/metrics" "$KEY1")" "traced: metrics"
kill -TERM "$(pgrep -P "$(cat "$TMP/traced.pid")" -x invoice)"
wait "$(cat "$TMP/traced.pid")" || die "the traced daemon did not stop cleanly"
awk 'NR > 2 && $NF ~ /^[a-z_0-9]+$/ && $NF != "total" {print $NF}' "$TMP/strace/summary" | sort -u >"$TMP/used"
outside=$(comm -23 "$TMP/used" "$TMP/permitted")
[ -z "$outside" ] || die "the daemon makes system calls the unit's SystemCallFilter denies: $outside"
say "SystemCallFilter: all $(wc -l <"$TMP/used") system calls the daemon made are allowed"

# ---------------------------------------------------------------------------------------
say "3. prometheus"
promtool check rules contrib/prometheus/invoice-alerts.yml
(cd contrib/prometheus && promtool test rules invoice-alerts.test.yml)

# ---------------------------------------------------------------------------------------
say "4. nginx"
TLS_DIR=/etc/invoice/tls
CERT=$TLS_DIR/fullchain.pem
if [ ! -e "$CERT" ]; then
    [ -d /etc/invoice ] || CREATED+=(/etc/invoice)
    [ -d "$TLS_DIR" ] || CREATED+=("$TLS_DIR")
    mkdir -p -m 0700 "$TLS_DIR"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=invoice.example.com \
        -addext subjectAltName=DNS:invoice.example.com -keyout "$TLS_DIR/privkey.pem" -out "$CERT" 2>/dev/null
    CREATED+=("$CERT" "$TLS_DIR/privkey.pem")
fi
mkdir -p "$TMP/nginx"
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events {}
http {
    access_log $TMP/nginx/access.log;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    include $ROOT/contrib/nginx/invoice.conf;
}
EOF
nginx -t -c "$TMP/nginx/nginx.conf"
nginx -c "$TMP/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=("$!")

# Two clients, each in its own network namespace with its own address.
for i in 1 2; do
    ns=inv15-c$i
    NETNS+=("$ns")
    ip netns add "$ns"
    ip link add "$ns-h" type veth peer name "$ns-c"
    ip link set "$ns-c" netns "$ns"
    ip addr add "10.231.$i.1/24" dev "$ns-h"
    ip link set "$ns-h" up
    ip -n "$ns" addr add "10.231.$i.2/24" dev "$ns-c"
    ip -n "$ns" link set "$ns-c" up
    ip -n "$ns" link set lo up
done
# from CLIENT PATH: the status of an HTTPS GET through nginx from client namespace CLIENT.
from() {
    ip netns exec "inv15-c$1" curl -s -o /dev/null -w '%{http_code}' --max-time 10 --cacert "$CERT" \
        --resolve "invoice.example.com:443:10.231.$1.1" -H "x-api-key: $KEY1" "https://invoice.example.com$2"
}

# The same without a key: requests with a key count against the key's budget (SPEC 15), the
# others against their client bucket, which is what the forwarded address decides.
anon() {
    ip netns exec "inv15-c$1" curl -s -o /dev/null -w '%{http_code}' --max-time 10 --cacert "$CERT" \
        --resolve "invoice.example.com:443:10.231.$1.1" "https://invoice.example.com$2"
}

proxy_run() { # proxy_run NAME [--trust-proxy]: the daemon behind nginx, rate limit 5/min
    INVOICE_API_KEY=$KEY1 INVOICE_STORE=$TMP/$1.db HOME=$TMP start_daemon "$TMP/$1" "$BIN" serve \
        --bind 127.0.0.1:8080 --rate-limit 5 "${@:2}"
}

# nginx is up when it answers (502: no daemon behind it yet, so no request is counted).
for _ in $(seq 1 100); do [ "$(from 1 /health)" = 502 ] && break; sleep 0.1; done
expect_status 502 "$(from 1 /health)" "nginx without the daemon"

proxy_run trusted --trust-proxy
expect_status 200 "$(from 1 /v1/invoices)" "client 1 with its key"
for n in 1 2 3 4 5; do expect_status 200 "$(anon 1 /health)" "client 1, request $n"; done
expect_status 429 "$(anon 1 /health)" "client 1 over its limit"
expect_status 200 "$(anon 2 /health)" "client 2 (its own budget)"
expect_status 429 "$(anon 1 /health)" "client 1 still over its limit"
expect_status 200 "$(from 1 /v1/invoices)" "client 1 with its key (the key's own budget)"
grep -q '10\.231\.1\.2' "$TMP/trusted.err" || die "the access log does not name client 1's address"
grep -q '10\.231\.2\.2' "$TMP/trusted.err" || die "the access log does not name client 2's address"
headers=$(ip netns exec inv15-c1 curl -s -D - -o /dev/null --cacert "$CERT" \
    --resolve invoice.example.com:443:10.231.1.1 https://invoice.example.com/health)
grep -qi '^strict-transport-security: max-age=63072000' <<<"$headers" || die "no HSTS from nginx"
grep -qi '^x-content-type-options: nosniff' <<<"$headers" || die "the daemon's headers did not pass nginx"
expect_status 308 "$(ip netns exec inv15-c1 curl -s -o /dev/null -w '%{http_code}' \
    http://10.231.1.1/health)" "plain HTTP redirect"
stop_daemon "$TMP/trusted"

# The control: without --trust-proxy every client is nginx, and client 2 shares client 1's budget.
proxy_run untrusted
for _ in 1 2 3 4 5; do anon 1 /health >/dev/null; done
expect_status 429 "$(anon 2 /health)" "client 2 without --trust-proxy (the control)"
stop_daemon "$TMP/untrusted"
say "nginx: TLS, redirect, HSTS; the rate limit counts the forwarded client address: ok"

# ---------------------------------------------------------------------------------------
say "5. keyring (dbus-run-session, gnome-keyring-daemon)"
timeout 120 dbus-run-session -- "$ROOT/scripts/ci-ops.sh" keyring-session "$BIN" "$TMP"

say "all operations checks passed"
