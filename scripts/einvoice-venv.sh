# Sourced by scripts/ci-einvoice.sh and scripts/einvoice-differential.sh: the official
# checker's Python packages (saxonche, lxml; pypdf to read the XML inside a Factur-X PDF) in
# one venv under the target directory, made once. Sets PY to its python. Expects ROOT.
# (Root in CI may need the venv module first.)
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
fi
VENV=$ROOT/target/einvoice-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import saxonche, lxml, pypdf' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check saxonche lxml pypdf
fi
PY=$VENV/bin/python
