#!/usr/bin/env bash
# Fuzzing (see the README, "Reliability").
#
#   scripts/fuzz.sh              # each target for 60 s
#   scripts/fuzz.sh 600          # each target for 10 minutes
#   TARGETS=draft scripts/fuzz.sh 30
#   scripts/fuzz.sh --ci         # what .ci/run does: build every target (so none can rot,
#                                # issue #21), then run each 20 s if cargo-fuzz is installed
#
# Targets (fuzz/fuzz_targets/):
#   draft         bytes -> check_bytes (plain and sanitize mode) -> render text/HTML/JSON/PDF
#   http_request  whole HTTP requests against the real daemon, started in-process on 127.0.0.1
#   svg_logo      bytes -> the logo loader (PNG/JPEG checks, SVG references, cost bounds, usvg)
#   einvoice      bytes -> a received e-invoice: safe XML input, syntax, rule layers (SPEC 13.3)
#   einvoice_pdf  bytes -> the Factur-X/ZUGFeRD attachment of a PDF (lopdf, bounded inflate)
#
# The corpora live in fuzz/corpus/<target> (not committed). They are seeded from
# fixtures/ and tests/hostile/ on every run (existing files are kept), so what the
# fuzzer learned accumulates across runs. A crash leaves its input in
# fuzz/artifacts/<target>/; reproduce it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run <target> fuzz/artifacts/<target>/<file>   (in fuzz/)
# and add it to tests/hostile/ once it is fixed.
#
# Prints one line per target: `fuzz: target=draft seconds=60 execs=... crashes=0` and
# exits non-zero if any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ALL_TARGETS="draft http_request svg_logo einvoice einvoice_pdf"
TARGETS=${TARGETS:-$ALL_TARGETS}

if [[ ${1:-} == --ci ]]; then
    # Every target builds as a plain binary (libFuzzer's driver, no instrumentation) with
    # the stable toolchain, sharing target/ with the main build: a few seconds when the
    # dependencies are built, about 6 minutes on a cold 2-core machine.
    echo "fuzz: building every target ($ALL_TARGETS)"
    CARGO_TARGET_DIR="$ROOT/target" cargo build --manifest-path fuzz/Cargo.toml --bins
    if ! cargo fuzz --version >/dev/null 2>&1; then
        echo "fuzz: cargo-fuzz is not installed: targets built, not run (cargo install cargo-fuzz to run them)"
        exit 0
    fi
    set -- 20
fi

SECONDS_PER_TARGET=${1:-60}

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: cargo-fuzz is not installed; install it with: cargo install cargo-fuzz" >&2
    exit 2
fi
# cargo-fuzz passes nightly-only flags (-Zsanitizer, sanitizer coverage). On a stable
# toolchain RUSTC_BOOTSTRAP=1 lets rustc accept them.
if ! rustc --version | grep -q nightly; then
    export RUSTC_BOOTSTRAP=1
fi

seed_draft() {
    local dir=fuzz/corpus/draft
    mkdir -p "$dir"
    cp -n fixtures/valid/*.json fixtures/invalid/*.json "$dir"/ 2>/dev/null || true
    for f in tests/hostile/cases/*.json; do
        cp -n "$f" "$dir/hostile-$(basename "$f")" 2>/dev/null || true
    done
}

seed_http() {
    local dir=fuzz/corpus/http_request
    mkdir -p "$dir"
    cp -n tests/hostile/requests/*.http "$dir"/ 2>/dev/null || true
    # A raw authenticated create per valid fixture (the target replaces $KEY).
    for f in fixtures/valid/*.json; do
        local out="$dir/post-$(basename "$f" .json).http"
        [[ -e "$out" ]] && continue
        [[ $(stat -c %s "$f") -gt 30000 ]] && continue
        {
            printf 'POST /v1/invoices HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nx-api-key: $KEY\r\n'
            printf 'Content-Type: application/json\r\nContent-Length: %s\r\n\r\n' "$(stat -c %s "$f")"
            cat "$f"
        } >"$out"
    done
}

# Received e-invoices: the official examples when the checker's artefacts sit beside the
# repository (../shared/einvoice, or $EINVOICE_CHECKER).
seed_einvoice() {
    local dir=fuzz/corpus/einvoice
    mkdir -p "$dir"
    local examples=${EINVOICE_CHECKER:-../shared/einvoice}/artefacts/examples
    if [[ -d $examples ]]; then
        find "$examples" -type f -iname '*.xml' -size -64k | while read -r f; do
            cp -n "$f" "$dir/$(basename "$f")" 2>/dev/null || true
        done
    fi
}

failed=0
mkdir -p fuzz/logs
for target in $TARGETS; do
    case "$target" in
        draft)
            seed_draft
            extra=(-dict="$ROOT/fuzz/dict/draft.dict" -max_len=65536)
            ;;
        svg_logo)
            mkdir -p fuzz/corpus/svg_logo
            extra=(-max_len=65536)
            ;;
        einvoice)
            seed_einvoice
            extra=(-dict="$ROOT/fuzz/dict/einvoice.dict" -max_len=65536)
            ;;
        einvoice_pdf)
            mkdir -p fuzz/corpus/einvoice_pdf
            extra=(-max_len=262144)
            ;;
        http_request)
            seed_http
            # A daemon thread allocates beside the fuzzer: leak checks between inputs
            # would be noise.
            extra=(-dict="$ROOT/fuzz/dict/http.dict" -max_len=32768 -detect_leaks=0)
            ;;
        *)
            echo "fuzz: unknown target $target" >&2
            exit 2
            ;;
    esac
    log="$ROOT/fuzz/logs/$target.log"
    status=0
    (cd fuzz && cargo fuzz run "$target" "corpus/$target" -- \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
        "${extra[@]}") >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
    corpus=$(grep -oE 'corp: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
    crashes=0
    if [[ $status -ne 0 ]]; then
        crashes=1
        failed=1
        grep -E 'panicked|ERROR|SUMMARY|artifact' "$log" | head -20 >&2 || tail -30 "$log" >&2
    fi
    echo "fuzz: target=$target seconds=$SECONDS_PER_TARGET execs=${execs:-?} execs_per_s=${rate:-?} cov=${cov:-?} corpus=${corpus:-?} crashes=$crashes log=fuzz/logs/$target.log"
done
exit $failed
