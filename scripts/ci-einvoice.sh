#!/usr/bin/env bash
# E-invoices against the official rules (SPEC 8.5), as CI runs it:
#
# 1. a Python venv with saxonche, lxml (the checker's needs) and pypdf (to read the file
#    embedded in a Factur-X PDF), under the target directory;
# 2. every draft in fixtures/valid is created in a fresh store and rendered in every
#    format and profile it qualifies for (`invoice validate --profile P` says which):
#    en16931 → ubl, cii, facturx; xrechnung → ubl, cii; peppol → ubl; one credit note is
#    also issued with `invoice credit`;
# 3. the factur-x.xml embedded in each Factur-X PDF is extracted (and its AFRelationship,
#    MIME type and fx: XMP properties checked);
# 4. ../shared/einvoice/check.py runs once over the EN 16931 and Peppol files and once
#    with --xrechnung over the XRechnung files; any FAIL fails this script;
# 4b. `invoice einvoice validate` must pass the same files (its own verdict, SPEC 13.2);
# 5. every profile a fixture does not qualify for must be refused with
#    einvoice_requirement only, and every draft in fixtures/einvoice (valid invoices that
#    break one profile) must be refused by `render --format ... --profile P` (exit 1,
#    einvoice_requirement, a rule id in each message), its store left without a file.
#
#   scripts/ci-einvoice.sh                 # uses ../shared/einvoice
#   EINVOICE_CHECKER=/path/to/einvoice scripts/ci-einvoice.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CHECKER=${EINVOICE_CHECKER:-$ROOT/../shared/einvoice}
if [ ! -f "$CHECKER/check.py" ]; then
    echo "ci-einvoice: the official checker is missing at $CHECKER/check.py" >&2
    exit 1
fi

# The checker's Python packages.
# shellcheck source=scripts/einvoice-venv.sh
source scripts/einvoice-venv.sh

cargo build --quiet --bin invoice
BIN=$ROOT/target/debug/invoice

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/en16931" "$WORK/xrechnung" "$WORK/pdf"
: > "$WORK/invoice.toml"
export INVOICE_STORE=$WORK/store.db INVOICE_CONFIG=$WORK/invoice.toml
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Which profiles a draft qualifies for; for the others, check the refusal is only
# einvoice_requirement problems.
qualifies() { # FILE PROFILE
    local out
    if out=$("$BIN" validate --profile "$2" --format json "$1"); then
        return 0
    fi
    if ! printf '%s' "$out" | "$PY" -c '
import json, sys
errors = json.load(sys.stdin)["files"][0]["errors"]
assert errors and all(e["code"] == "einvoice_requirement" for e in errors), errors
'; then
        fail "$1 is refused for $2 with something other than einvoice_requirement"
    fi
    return 1
}

render_all() { # NUMBER NAME FILE
    local number=$1 name=$2 file=$3 rendered=0
    if qualifies "$file" en16931; then
        "$BIN" render "$number" --format ubl --out "$WORK/en16931/$name.ubl.xml" || fail "render: $BIN render $number --format ubl"
        "$BIN" render "$number" --format cii --out "$WORK/en16931/$name.cii.xml" || fail "render: $BIN render $number --format cii"
        "$BIN" render "$number" --format facturx --out "$WORK/pdf/$name.pdf" || fail "render: $BIN render $number --format facturx"
        rendered=1
    fi
    if qualifies "$file" xrechnung; then
        "$BIN" render "$number" --format ubl --profile xrechnung --out "$WORK/xrechnung/$name.ubl.xml" || fail "render: $BIN render $number --format ubl --profile xrechnung"
        "$BIN" render "$number" --format cii --profile xrechnung --out "$WORK/xrechnung/$name.cii.xml" || fail "render: $BIN render $number --format cii --profile xrechnung"
    fi
    if qualifies "$file" peppol; then
        "$BIN" render "$number" --format ubl --profile peppol --out "$WORK/en16931/$name.peppol.ubl.xml" || fail "render: $BIN render $number --format ubl --profile peppol"
    fi
    echo "  $name ($number): $(if [ $rendered = 1 ]; then echo rendered; else echo 'not an EN 16931 candidate'; fi)"
}

echo "== e-invoices: rendering the valid fixtures"
credit_source=""
# Invoices first, so the credit notes find the invoices they name.
for pass in invoice credit_note; do
    for file in fixtures/valid/*.json; do
        kind=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8-sig")).get("type", "invoice"))' "$file")
        [ "$kind" = "$pass" ] || continue
        name=$(basename "$file" .json)
        source=$file
        if [ "$pass" = credit_note ]; then
            # A credit note may credit at most its invoice's gross (SPEC 11), so each one gets
            # its own invoice: the same draft as an invoice, which the credit note then names.
            base=$("$PY" -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8-sig"))
d["type"] = "invoice"; d.pop("preceding_invoice", None); d.pop("series", None)
print(json.dumps(d))' "$file" | "$BIN" create --input - --format number) || { fail "an invoice for $file could not be created"; continue; }
            source=$WORK/$name.json
            "$PY" -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8-sig")); d["preceding_invoice"] = sys.argv[2]
json.dump(d, open(sys.argv[3], "w"))' "$file" "$base" "$source"
        fi
        number=$("$BIN" create --input "$source" --format number) || { fail "$file could not be created"; continue; }
        render_all "$number" "$name" "$file"
        # `invoice credit` on the XRechnung example: a credit note made by the product itself.
        [ "$name" = einvoice-xrechnung-leitweg-id ] && credit_source=$number
    done
done
if [ -z "$credit_source" ]; then
    fail "fixtures/valid/einvoice-xrechnung-leitweg-id.json is missing"
elif credit=$("$BIN" credit "$credit_source" --reason "Returned goods" --format number); then
    "$BIN" render "$credit" --format ubl --profile xrechnung --out "$WORK/xrechnung/credit-$credit.ubl.xml" || fail "render: $BIN render $credit --format ubl --profile xrechnung"
    "$BIN" render "$credit" --format cii --profile xrechnung --out "$WORK/xrechnung/credit-$credit.cii.xml" || fail "render: $BIN render $credit --format cii --profile xrechnung"
    "$BIN" render "$credit" --format facturx --out "$WORK/pdf/credit-$credit.pdf" || fail "render: $BIN render $credit --format facturx"
else
    fail "invoice credit $credit_source"
fi

echo "== e-invoices: the XML inside each Factur-X PDF"
"$PY" - "$WORK/pdf" "$WORK/en16931" <<'EOF' || fail "a Factur-X PDF lacks its embedded XML or metadata"
import pathlib, sys
from pypdf import PdfReader
pdfs, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for pdf in sorted(pdfs.glob("*.pdf")):
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    for needle in ("<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
                   "<fx:DocumentType>INVOICE</fx:DocumentType>", "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>",
                   "<fx:Version>1.0</fx:Version>", "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>"):
        assert needle in xmp, f"{pdf.name}: XMP lacks {needle}"
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert names[0] == "factur-x.xml", f"{pdf.name}: embedded file is {names[0]}"
    spec = names[1].get_object()
    assert spec["/AFRelationship"] in ("/Alternative", "/Data"), f"{pdf.name}: AFRelationship {spec['/AFRelationship']}"
    stream = spec["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == "/text/xml", f"{pdf.name}: MIME type {stream['/Subtype']}"
    assert any(a.get_object() == spec for a in root["/AF"]), f"{pdf.name}: the catalog's /AF does not list it"
    (out / f"{pdf.stem}.facturx.xml").write_bytes(stream.get_data())
    print(f"  {pdf.name}: factur-x.xml extracted")
EOF

echo "== e-invoices: a flag-only XRechnung through a customer (issue 24)"
# No draft file at all: the seller and bank in the config, the authority as a customer,
# the invoice from flags. Its UBL joins the XRechnung files checked below.
cat > "$WORK/customer.toml" <<'TOML'
[seller]
name = "Acme GmbH"
vat_id = "DE123456789"
contact_name = "Accounts receivable"
email = "billing@acme.example"
phone = "+49 30 1234567"
electronic_address = { scheme = "EM", id = "billing@acme.example" }
address = { lines = ["Hauptstr. 1"], city = "Berlin", postal_code = "10115", country = "DE" }
[payment]
means = "sepa_credit_transfer"
iban = "DE89 3704 0044 0532 0130 00"
bic = "COBADEFFXXX"
[defaults]
tax_rate = 19
TOML
(
    export INVOICE_STORE=$WORK/customer.db INVOICE_CONFIG=$WORK/customer.toml
    "$BIN" customer add bund-xyz --name "Bundesamt für Beispiele" --email rechnung@bund.example \
        --address-line "Amtsweg 5" --city Bonn --postal-code 53113 --country DE \
        --electronic-address 0204:04011000-12345-03 --buyer-reference 04011000-12345-03 \
        --language de --currency EUR --payment-terms-days 14 --einvoice-profile xrechnung >/dev/null
    number=$("$BIN" create --customer bund-xyz --item "Beratung" --qty 10 --price 120 --format number)
    "$BIN" render "$number" --format ubl --profile xrechnung --out "$WORK/xrechnung/flag-only-customer.ubl.xml"
) || fail "the flag-only XRechnung through a customer could not be made"

echo "== e-invoices: official rules (XML Schema + CEN EN 16931)"
count_en=$(find "$WORK/en16931" -name '*.xml' | wc -l)
count_xr=$(find "$WORK/xrechnung" -name '*.xml' | wc -l)
[ "$count_en" -gt 0 ] || fail "no EN 16931 file was rendered"
[ "$count_xr" -gt 0 ] || fail "no XRechnung file was rendered"
"$PY" "$CHECKER/check.py" -q "$WORK/en16931" || fail "an EN 16931 / Peppol / Factur-X file failed the official rules"
echo "== e-invoices: official rules + KoSIT XRechnung 3.0"
"$PY" "$CHECKER/check.py" -q --xrechnung "$WORK/xrechnung" || fail "an XRechnung file failed the official rules"

echo "== e-invoices: the product's own validator agrees (SPEC 13.2: every file it writes passes it)"
"$BIN" einvoice validate --profile en16931 "$WORK/en16931" | tail -1 || fail "invoice einvoice validate refused an EN 16931 file check.py passed"
"$BIN" einvoice validate --profile xrechnung "$WORK/xrechnung" | tail -1 || fail "invoice einvoice validate refused an XRechnung file check.py passed"
"$BIN" einvoice validate --profile en16931 "$WORK/pdf" | tail -1 || fail "invoice einvoice validate refused a Factur-X PDF whose XML check.py passed"

echo "== e-invoices: drafts that break a profile are refused"
for file in fixtures/einvoice/*.json; do
    name=$(basename "$file" .json)
    profile=${name%%--*}
    number=$("$BIN" create --input "$file" --format number) || { fail "$file is not a valid invoice"; continue; }
    formats="ubl cii facturx"
    [ "$profile" = xrechnung ] && formats="ubl cii"
    [ "$profile" = peppol ] && formats="ubl"
    for format in $formats; do
        target=$WORK/refused-$name.$format
        set +e
        err=$("$BIN" render "$number" --format "$format" --profile "$profile" --out "$target" 2>&1 >/dev/null)
        status=$?
        set -e
        if [ $status -ne 1 ] || ! grep -q '\[einvoice_requirement\]' <<<"$err"; then
            fail "$name as $format/$profile: exit $status, $err"
        elif grep '\[einvoice_requirement\]' <<<"$err" | grep -qvE '\((BR|PEPPOL)-[A-Z0-9-]+'; then
            fail "$name as $format/$profile: a refusal names no rule id: $err"
        elif [ -e "$target" ]; then
            fail "$name as $format/$profile: a refused render left $target"
        fi
    done
    echo "  $name: refused as $formats ($profile)"
done

if [ "$failures" -ne 0 ]; then
    echo "ci-einvoice: $failures failure(s)" >&2
    exit 1
fi
echo "ci-einvoice: $count_en EN 16931/Peppol/Factur-X and $count_xr XRechnung files passed the official rules"
