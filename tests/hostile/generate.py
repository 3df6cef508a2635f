#!/usr/bin/env python3
"""Writes the hostile corpus: tests/hostile/cases/*.json and tests/hostile/expected.tsv.

Each case is a draft (or raw bytes) together with the outcome the SPEC requires from
`invoice validate --format json` (exit code, error codes) and from `POST /v1/invoices`
(status, error codes). tests/cli/hostile.rs checks the real binary against the manifest.
Cases whose files would be too big to commit (10 MB and 17 MB bodies) are listed in the
manifest with the prefix `generated-` and built by the test itself.

Run from the repository root: `python3 tests/hostile/generate.py`. The files it writes
are the source of truth; this script is how they were made, and how to add more.
"""

import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")

BASE = {
    "issue_date": "2026-11-27",
    "due_date": "2026-12-27",
    "currency": "EUR",
    "seller": {
        "name": "Acme GmbH",
        "vat_id": "DE123456789",
        "tax_id": "12/345/67890",
        "email": "billing@acme.example",
        "phone": "+49 30 1234567",
        "address": {"lines": ["Hauptstr. 1"], "city": "Berlin", "postal_code": "10115", "country": "DE"},
    },
    "buyer": {
        "name": "Globex Ltd",
        "email": "ap@globex.example",
        "address": {"lines": ["1 High St"], "city": "London", "postal_code": "EC1A 1AA", "country": "GB"},
    },
    "buyer_reference": "04011000-12345-03",
    "order_reference": "PO-4711",
    "lines": [
        {"description": "Consulting", "quantity": "10", "unit": "h", "unit_price": "120.00", "tax_rate": "19"},
        {
            "description": "Export goods",
            "quantity": 1,
            "unit_price": 80.5,
            "tax_rate": 0,
            "tax_category": "G",
            "tax_exemption_reason": "Export outside the EU",
        },
    ],
    "allowances": [{"reason": "Loyalty discount", "amount": "20.00", "tax_rate": "19"}],
    "charges": [{"reason": "Shipping", "amount": "9.90", "tax_rate": "19"}],
    "prepaid": "100.00",
    "payment": {
        "means": "credit_transfer",
        "iban": "DE89370400440532013000",
        "bic": "COBADEFFXXX",
        "terms": "Payable within 30 days",
        "reference": "Order 4711",
    },
    "notes": "Thank you for your business.",
}


class Raw:
    """A JSON value written exactly as given (numbers outside what Python can write)."""

    def __init__(self, text):
        self.text = text


def dump(value, ascii_only=False):
    """Serializes like json.dumps(indent=1), but writes Raw values verbatim."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        items = [json.dumps(k, ensure_ascii=ascii_only) + ": " + dump(v, ascii_only) for k, v in value.items()]
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dump(v, ascii_only) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


def with_value(pointer, value, base=None):
    """The base draft with the value at a JSON Pointer replaced (or added)."""
    draft = copy.deepcopy(BASE if base is None else base)
    parts = pointer.strip("/").split("/")
    node = draft
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return draft


def without(pointer, base=None):
    draft = copy.deepcopy(BASE if base is None else base)
    parts = pointer.strip("/").split("/")
    node = draft
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    del node[parts[-1]]
    return draft


# Every text field of the draft, by JSON Pointer.
TEXT_FIELDS = [
    "/seller/name", "/seller/vat_id", "/seller/tax_id", "/seller/email", "/seller/phone",
    "/seller/address/lines/0", "/seller/address/city", "/seller/address/postal_code", "/seller/address/country",
    "/buyer/name", "/buyer/email", "/buyer/address/lines/0", "/buyer/address/city",
    "/buyer/address/postal_code", "/buyer/address/country", "/buyer_reference", "/order_reference",
    "/lines/0/description", "/lines/0/unit", "/lines/1/tax_category", "/lines/1/tax_exemption_reason",
    "/allowances/0/reason", "/charges/0/reason", "/payment/means", "/payment/iban", "/payment/bic",
    "/payment/terms", "/payment/reference", "/notes", "/series", "/currency", "/issue_date", "/due_date",
    "/type", "/preceding_invoice",
]

cases = []  # (name, bytes, validate_codes, http_status, http_codes, description)


def case(name, data, codes, description, http_status=None, http_codes=None):
    """Adds a case. `codes` are the validation codes (empty: valid). Over HTTP a valid
    draft is 201, malformed JSON is 400, any other invalid draft 422 with the same codes."""
    if isinstance(data, (dict, list)) or isinstance(data, Raw):
        data = dump(data).encode("utf-8")
    elif isinstance(data, str):
        data = data.encode("utf-8")
    codes = sorted(set(codes))
    if http_status is None:
        http_status = 201 if not codes else (400 if codes == ["malformed_json"] else 422)
    if http_codes is None:
        http_codes = codes
    cases.append((name, data, codes, http_status, sorted(set(http_codes)), description))


def slug(pointer):
    return pointer.strip("/").replace("/", "-").replace("_", "-")


# --- XSS: a script tag in every text field -------------------------------------------
for pointer in TEXT_FIELDS:
    case(f"xss-script-tag-{slug(pointer)}", with_value(pointer, "<script>alert(1)</script>"),
         ["markup_not_allowed"], f"<script> in {pointer}")

# --- XSS: other vectors -----------------------------------------------------------------
XSS = [
    ("xss-img-onerror", "/buyer/name", "<img src=x onerror=alert(1)>", ["markup_not_allowed"]),
    ("xss-svg-onload", "/lines/0/description", "<svg/onload=alert(1)>", ["markup_not_allowed"]),
    ("xss-mixed-case-tag", "/seller/name", "<ScRiPt>alert(1)</sCrIpT>", ["markup_not_allowed"]),
    ("xss-double-angle", "/notes", "<<script>>alert(1)<</script>>", ["markup_not_allowed"]),
    ("xss-closing-tag-breakout", "/seller/name", "</title><script>alert(1)</script>", ["markup_not_allowed"]),
    ("xss-attribute-breakout-with-tag", "/buyer/name", "\"><img src=x onerror=alert(1)>", ["markup_not_allowed"]),
    ("xss-html-comment", "/notes", "<!-- hidden -->", ["markup_not_allowed"]),
    ("xss-processing-instruction", "/lines/0/description", "<?php system('id'); ?>", ["markup_not_allowed"]),
    ("xss-cdata", "/notes", "<![CDATA[<script>alert(1)</script>]]>", ["markup_not_allowed"]),
    ("xss-a-less-than-letter", "/payment/terms", "pay if a <b", ["markup_not_allowed"]),
    ("xss-javascript-url", "/payment/reference", "javascript:alert(1)", ["markup_not_allowed"]),
    ("xss-javascript-url-mixed-case", "/buyer/address/city", "JaVaScRiPt:alert(1)", ["markup_not_allowed"]),
    ("xss-javascript-url-space-before-colon", "/order_reference", "javascript :alert(1)", ["markup_not_allowed"]),
    ("xss-javascript-url-tab-in-notes", "/notes", "java\tscript:alert(1)", ["markup_not_allowed"]),
    ("xss-javascript-url-newline-in-notes", "/notes", "java\nscript:alert(1)", ["markup_not_allowed"]),
    ("xss-javascript-url-tab-in-name", "/buyer/name", "java\tscript:alert(1)", ["forbidden_character"]),
    ("xss-javascript-url-nul", "/order_reference", "java\u0000script:alert(1)", ["invalid_character"]),
    ("xss-javascript-url-escaped-letters", "/buyer_reference", "\\u006a\\u0061vascript:alert(1)", None),
    ("xss-vbscript-url", "/buyer/name", "VBScript:MsgBox(1)", ["markup_not_allowed"]),
    ("xss-data-url-html-base64", "/lines/0/description",
     "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", ["markup_not_allowed"]),
    ("xss-data-url-svg", "/notes", "see data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E", ["markup_not_allowed"]),
    ("xss-data-url-bare-base64", "/payment/terms", "DATA:;base64,AAAA", ["markup_not_allowed"]),
    ("xss-escaped-angle-brackets", "/buyer/name", "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e", None),
    # Plain text that only looks dangerous: valid, stored verbatim, escaped when rendered.
    ("valid-entity-encoded-script", "/buyer/name", "&lt;script&gt;alert(1)&lt;/script&gt;", []),
    ("valid-entity-encoded-mixed-case", "/lines/0/description", "&LT;ScRiPt&GT;alert(1)&lt;/SCRIPT&gt;", []),
    ("valid-numeric-entities", "/notes", "&#60;script&#62;alert(1)&#60;/script&#62;", []),
    ("valid-entity-colon-javascript", "/notes", "jav&#x09;ascript&colon;alert(1)", []),
    ("valid-fullwidth-angle-brackets", "/seller/name", "＜script＞alert(1)＜/script＞", []),
    ("valid-percent-encoded-script", "/order_reference", "%3Cscript%3Ealert(1)%3C/script%3E", []),
    ("valid-less-than-space", "/lines/0/description", "< script> is not a tag", []),
    ("valid-less-than-digit", "/payment/terms", "discount if paid in <10 days", []),
    ("valid-attribute-breakout-no-tag", "/buyer/name", "' onmouseover='alert(1)", []),
    ("valid-template-injection-text", "/notes", "{{constructor.constructor('alert(1)')()}} ${7*7}", []),
    ("valid-customer-data-colon", "/notes", "Customer data: see PO", []),
]
for name, pointer, value, codes in XSS:
    if codes is None:
        # JSON escapes are decoded before the check: written raw into the file.
        data = dump(with_value(pointer, Raw(json.dumps("PLACEHOLDER")))).replace("PLACEHOLDER", value)
        case(name, data, ["markup_not_allowed"], f"JSON-escaped markup in {pointer} is still markup")
    else:
        case(name, with_value(pointer, value), codes, f"{value!r} in {pointer}")

# --- Bidi and invisible characters ---------------------------------------------------------
BIDI = [
    ("bidi-rlo-buyer-name", "/buyer/name", "Globex \u202eLtd", ["forbidden_character"]),
    ("bidi-lre", "/seller/name", "Acme \u202a GmbH", ["forbidden_character"]),
    ("bidi-rle", "/lines/0/description", "Consulting \u202b", ["forbidden_character"]),
    ("bidi-pdf", "/order_reference", "PO\u202c4711", ["forbidden_character"]),
    ("bidi-lro", "/payment/reference", "\u202d4711", ["forbidden_character"]),
    ("bidi-lri", "/seller/address/city", "Ber\u2066lin", ["forbidden_character"]),
    ("bidi-rli", "/notes", "Thanks \u2067", ["forbidden_character"]),
    ("bidi-fsi", "/buyer_reference", "\u2068x", ["forbidden_character"]),
    ("bidi-pdi", "/payment/terms", "30 days\u2069", ["forbidden_character"]),
    ("invisible-zero-width-space", "/buyer/name", "Glo\u200bbex Ltd", ["forbidden_character"]),
    ("invisible-word-joiner", "/seller/address/city", "Ber\u2060lin", ["forbidden_character"]),
    ("invisible-bom-inside-string", "/notes", "Thank\ufeffyou", ["forbidden_character"]),
    ("invisible-bom-at-start-of-string", "/buyer/name", "\ufeffGlobex Ltd", ["forbidden_character"]),
    ("invisible-mongolian-vowel-separator", "/lines/0/description", "Consul\u180eting", ["forbidden_character"]),
    ("invisible-only-zero-width", "/buyer/name", "\u200b", ["forbidden_character"]),
    ("valid-zwj-emoji-family", "/buyer/name", "\U0001F468\u200d\U0001F469\u200d\U0001F467 Family GmbH", []),
    ("valid-zwnj-persian", "/buyer/name", "شرکت می\u200cخواهم", []),
    ("valid-line-separator-inside", "/buyer/name", "Globex\u2028Ltd", []),
    ("valid-nbsp-inside", "/buyer/name", "Globex\u00a0Ltd", []),
]
for name, pointer, value, codes in BIDI:
    case(name, with_value(pointer, value), codes, f"{value!r} in {pointer}")
# The same override written as a JSON escape.
case("bidi-rlo-escaped", dump(with_value("/buyer/name", "Globex \u202eLtd"), ascii_only=True),
     ["forbidden_character"], "U+202E written as \\u202e")

# --- NUL and control characters ------------------------------------------------------------
CONTROL = [
    ("control-nul-escaped", "/buyer/name", "Globex\u0000Ltd", ["invalid_character"]),
    ("control-bell", "/seller/name", "Acme\u0007", ["invalid_character"]),
    ("control-ansi-escape", "/lines/0/description", "\u001b[31mRED\u001b[0m", ["invalid_character"]),
    ("control-carriage-return-in-notes", "/notes", "line1\r\nline2", ["forbidden_character"]),
    ("control-newline-in-name", "/buyer/name", "Globex\nLtd", ["forbidden_character"]),
    ("control-tab-in-reference", "/order_reference", "PO\t4711", ["forbidden_character"]),
    ("control-del", "/payment/terms", "30 days\u007f", ["forbidden_character"]),
    ("control-c1-nel", "/notes", "Tha\u0085nks", ["forbidden_character"]),
    ("valid-c1-nel-trimmed-at-end", "/notes", "Thanks\u0085", []),
    ("control-c1-csi", "/buyer/address/lines/0", "1 High St\u009b2J", ["forbidden_character"]),
    ("valid-newline-and-tab-in-notes", "/notes", "Line one\n\tLine two", []),
    # Issue #21: what XML 1.0 cannot carry would make the e-invoice not well-formed.
    ("noncharacter-fffe", "/buyer/name", "Globex\ufffeLtd", ["invalid_character"]),
    ("noncharacter-ffff", "/lines/0/description", "Consulting\uffff", ["invalid_character"]),
    ("noncharacter-fdd0", "/seller/address/city", "Ber\ufdd0lin", ["invalid_character"]),
    ("noncharacter-plane-end", "/notes", "Thanks \U0010ffff", ["invalid_character"]),
    ("control-vertical-tab", "/payment/terms", "30\u000bdays", ["invalid_character"]),
]
for name, pointer, value, codes in CONTROL:
    case(name, with_value(pointer, value), codes, f"{value!r} in {pointer}")
case("control-raw-nul-byte", dump(BASE).replace("Globex Ltd", "Globex\u0000Ltd"), ["malformed_json"],
     "an unescaped NUL byte inside a JSON string")
case("control-raw-unit-separator", dump(BASE).replace("Globex Ltd", "Globex\u001fLtd"), ["malformed_json"],
     "an unescaped control byte inside a JSON string")
nul_key = copy.deepcopy(BASE)
nul_key["buyer\u0000"] = {"name": "x"}
case("control-nul-in-key", nul_key, ["unknown_field"], "a key with a NUL character")

# --- SQL-looking text: plain data -----------------------------------------------------------
case("valid-sql-drop-table-buyer-name", with_value("/buyer/name", "'; DROP TABLE invoices; --"), [],
     "stored and returned verbatim, never executed")
case("valid-sql-bobby-tables-description", with_value("/lines/0/description", "Robert'); DROP TABLE Students;--"), [],
     "stored and returned verbatim")
case("valid-sql-or-1-equals-1", with_value("/order_reference", "1' OR '1'='1"), [], "stored verbatim")
case("valid-sql-union-select-notes", with_value("/notes", "x\" UNION SELECT key_hash FROM api_keys --"), [],
     "stored verbatim")
case("sql-in-series", with_value("/series", "INV'; --"), ["invalid_value"], "series is a restricted charset")
case("sql-in-currency", with_value("/currency", "EUR'--"), ["invalid_currency"], "not an ISO 4217 code")
case("sql-in-unit", with_value("/lines/0/unit", "h' OR 1=1"), ["invalid_unit"], "not a unit code")

# --- Numbers --------------------------------------------------------------------------------
NUMBERS = [
    ("number-exponent-valid", "/lines/0/quantity", Raw("1.5e2"), []),
    ("number-exponent-uppercase-plus", "/lines/0/unit_price", Raw("1.2E+2"), []),
    ("number-exponent-exact-decimals", "/lines/0/unit_price", Raw("1.2345678e3"), []),
    ("number-1e400", "/lines/0/unit_price", Raw("1e400"), ["out_of_range"]),
    ("number-minus-1e400", "/lines/0/unit_price", Raw("-1e400"), ["out_of_range"]),
    ("number-1e-7", "/lines/0/quantity", Raw("1e-7"), ["out_of_range"]),
    ("number-1e-400", "/lines/0/quantity", Raw("1e-400"), ["out_of_range"]),
    ("number-exponent-99999", "/lines/0/quantity", Raw("1e99999"), ["out_of_range"]),
    ("number-zero-huge-exponent", "/lines/1/unit_price", Raw("0e999999"), []),
    ("number-zero-quantity-exponent", "/lines/0/quantity", Raw("0e5"), ["must_be_positive"]),
    ("number-nan", "/lines/0/quantity", Raw("NaN"), ["malformed_json"]),
    ("number-infinity", "/lines/0/unit_price", Raw("Infinity"), ["malformed_json"]),
    ("number-minus-infinity", "/lines/0/unit_price", Raw("-Infinity"), ["malformed_json"]),
    ("number-nan-string", "/lines/0/quantity", "NaN", ["invalid_type"]),
    ("number-negative-zero-quantity", "/lines/0/quantity", Raw("-0"), ["must_be_positive"]),
    ("number-negative-zero-price", "/lines/1/unit_price", Raw("-0"), []),
    ("number-negative-zero-price-string", "/lines/1/unit_price", "-0.00", []),
    ("number-negative-price", "/lines/0/unit_price", "-1", ["out_of_range"]),
    ("number-7-decimals", "/lines/0/quantity", Raw("1.0000000"), ["out_of_range"]),
    ("number-7-decimals-string", "/lines/0/unit_price", "0.0000001", ["out_of_range"]),
    ("number-above-10-12", "/lines/0/unit_price", "1000000000000.01", ["out_of_range"]),
    ("number-40-digits", "/lines/0/quantity", Raw("9" * 40), ["out_of_range"]),
    ("number-10000-digits", "/lines/0/quantity", Raw("1" + "0" * 10000), ["out_of_range"]),
    ("number-exponent-in-string", "/lines/0/quantity", "1e3", ["invalid_type"]),
    ("number-hex-string", "/lines/0/quantity", "0x10", ["invalid_type"]),
    ("number-underscore-string", "/lines/0/unit_price", "1_000", ["invalid_type"]),
    ("number-comma-decimal-string", "/lines/0/unit_price", "12,50", ["invalid_type"]),
    ("number-word-string", "/lines/0/quantity", "twelve", ["invalid_type"]),
    ("number-bool-quantity", "/lines/0/quantity", True, ["invalid_type"]),
    ("number-object-price", "/lines/0/unit_price", {"amount": 1}, ["invalid_type"]),
    ("number-array-quantity", "/lines/0/quantity", [1], ["invalid_type"]),
    ("number-null-quantity", "/lines/0/quantity", None, ["required"]),
    ("number-tax-rate-above-100", "/lines/0/tax_rate", "100.5", ["out_of_range"]),
    ("number-tax-rate-negative", "/lines/0/tax_rate", Raw("-19"), ["out_of_range"]),
    ("number-discount-above-100", "/lines/0/discount_percent", "150", ["out_of_range"]),
    ("number-prepaid-three-decimals", "/prepaid", "0.001", ["out_of_range"]),
    ("number-prepaid-above-gross", "/prepaid", "999999", ["out_of_range"]),
    ("number-allowance-above-group", "/allowances/0/amount", "5000", ["out_of_range"]),
    ("number-line-net-overflow", "/lines/0/quantity", "1001", None),
]
for name, pointer, value, codes in NUMBERS:
    if codes is None:
        continue
    shown = value.text if isinstance(value, Raw) else value
    if isinstance(shown, str) and len(shown) > 40:
        shown = shown[:12] + "..."
    case(name, with_value(pointer, value), codes, f"{shown!r} at {pointer}")
big = with_value("/lines/0/unit_price", "1000000000000")
case("number-line-net-overflow", with_value("/lines/0/quantity", "1001", big), ["out_of_range"],
     "1001 x 10^12: the line net exceeds 10^15")
case("number-total-overflow", with_value("/lines/0/quantity", "1000", big), ["out_of_range"],
     "a line net of exactly 10^15 plus 19 % tax: the gross total overflows")
case("number-jpy-allowance-with-cents", with_value("/currency", "JPY", with_value("/allowances/0/amount", "0.5")),
     ["out_of_range"], "JPY has no minor units")

# --- Strings: lengths, blanks, types ---------------------------------------------------------
case("length-name-201", with_value("/buyer/name", "x" * 201), ["too_long"], "names are at most 200 characters")
case("valid-length-name-200-emoji", with_value("/buyer/name", "\U0001F9FE" * 200), [],
     "200 characters of 4 bytes each: lengths count characters")
case("length-name-201-emoji", with_value("/buyer/name", "\U0001F9FE" * 201), ["too_long"], "201 emoji")
case("length-description-1001", with_value("/lines/0/description", "d" * 1001), ["too_long"], "descriptions: 1,000")
case("length-notes-4001", with_value("/notes", "n" * 4001), ["too_long"], "notes: 4,000")
case("length-reference-101", with_value("/buyer_reference", "r" * 101), ["too_long"], "other text: 100")
case("length-four-address-lines", with_value("/buyer/address/lines", ["a", "b", "c", "d"]), ["too_many"],
     "at most 3 address lines")
many_lines = with_value("/lines", [BASE["lines"][0]] * 1001)
case("length-1001-lines", many_lines, ["too_many"], "at most 1,000 lines")
case("blank-buyer-name", with_value("/buyer/name", " \t\n "), ["required"], "blank after trimming")
case("type-name-object", with_value("/buyer/name", {"first": "Globex"}), ["invalid_type"], "an object for a name")
case("type-seller-string", with_value("/seller", "Acme GmbH"), ["invalid_type", "required"], "a string for a party")
case("type-lines-object", with_value("/lines", {"0": BASE["lines"][0]}), ["invalid_type"], "an object for lines")

# --- Codes, dates, values ---------------------------------------------------------------------
case("date-february-30", with_value("/issue_date", "2026-02-30"), ["invalid_date"], "not a calendar date")
case("date-with-time", with_value("/issue_date", "2026-11-27T00:00:00Z"), ["invalid_date"], "a timestamp")
case("date-fullwidth-digits", with_value("/issue_date", "２０２６-11-27"), ["invalid_date"], "non-ASCII digits")
case("date-due-before-issue", with_value("/due_date", "2026-11-26"), ["due_before_issue"], "due before issue")
case("email-not-an-address", with_value("/buyer/email", "not-an-email"), ["invalid_email"], "no @")
case("email-two-at-signs", with_value("/buyer/email", "a@b@globex.example"), ["invalid_email"], "two @")
case("iban-bad-checksum", with_value("/payment/iban", "DE89370400440532013001"), ["invalid_iban"], "mod-97 fails")
case("valid-iban-spaces-lowercase", with_value("/payment/iban", "de89 3704 0044 0532 0130 00"), [], "normalized")
case("bic-multibyte-8-bytes", with_value("/payment/bic", "ABCD€X"), ["invalid_value"],
     "regression: 8 bytes with a multi-byte 5th character panicked (500 over HTTP)")
case("valid-means-blank-keeps-iban", with_value("/payment/means", "   "), [],
     "regression: a blank means dropped the whole payment, IBAN included")
case("type-capitalized", with_value("/type", "Invoice"), ["invalid_value"], "type is case-sensitive")
case("currency-withdrawn-hrk", with_value("/currency", "HRK"), ["invalid_currency"], "replaced by EUR in 2023")
case("country-three-letters", with_value("/buyer/address/country", "GBR"), ["invalid_country"], "alpha-3")
case("tax-category-contradicts-rate", with_value("/lines/0/tax_category", "Z"), ["invalid_tax_category"],
     "Z with 19 %")
case("tax-exemption-reason-missing", without("/lines/1/tax_exemption_reason"), ["missing_exemption_reason"],
     "category G needs a reason")
case("credit-note-without-preceding", with_value("/type", "credit_note"), ["required"],
     "a credit note names the invoice it corrects")
case("credit-note-traversal-preceding", with_value("/preceding_invoice", "../../etc/passwd",
                                                   with_value("/type", "credit_note")), [],
     "valid for validate (which does not read the store); create answers 404", http_status=404,
     http_codes=[])

# --- Fields the client may not set --------------------------------------------------------------
for name, key, value in [
    ("unknown-number", "number", "INV-2026-9999"),
    ("unknown-status", "status", "paid"),
    ("unknown-totals", "totals", {"gross": "0.01"}),
    ("unknown-created-at", "created_at", "1999-01-01T00:00:00Z"),
    ("unknown-proto", "__proto__", {"admin": True}),
    ("unknown-constructor", "constructor", {"prototype": {}}),
]:
    draft = copy.deepcopy(BASE)
    draft[key] = value
    case(name, draft, ["unknown_field"], f"a client cannot set `{key}`")
line_net = with_value("/lines/0/net", "0.01")
case("unknown-line-net", line_net, ["unknown_field"], "a client cannot set a line net")

# --- Duplicate keys --------------------------------------------------------------------------------
text = dump(BASE)
case("duplicate-currency", text.replace('"currency": "EUR"', '"currency": "EUR", "currency": "JPY"'),
     ["duplicate_field"], "the same key twice")
case("duplicate-escaped-key", text.replace('"name": "Globex Ltd"', '"name": "Globex Ltd", "n\\u0061me": "Evil Ltd"'),
     ["duplicate_field"], "the same key twice, once escaped")
case("duplicate-quantity-in-line", text.replace('"quantity": "10"', '"quantity": "10", "quantity": "1000"'),
     ["duplicate_field"], "a repeated quantity")

# --- Encodings, BOMs, truncation, structure ---------------------------------------------------------
case("valid-utf8-bom-at-file-start", b"\xef\xbb\xbf" + dump(BASE).encode(), [], "a leading file BOM is tolerated")
case("encoding-double-bom", b"\xef\xbb\xbf\xef\xbb\xbf" + dump(BASE).encode(), ["malformed_json"], "two BOMs")
case("encoding-utf16le", b"\xff\xfe" + dump(BASE).encode("utf-16-le"), ["malformed_json"], "UTF-16 is not UTF-8")
case("encoding-latin1-byte", dump(BASE).encode().replace(b"Globex Ltd", b"Glob\xe9x Ltd"), ["malformed_json"],
     "a Latin-1 byte")
case("encoding-overlong-slash", dump(BASE).encode().replace(b"Globex Ltd", b"Globex\xc0\xafLtd"), ["malformed_json"],
     "an overlong UTF-8 sequence")
case("encoding-utf8-surrogate", dump(BASE).encode().replace(b"Globex Ltd", b"Globex\xed\xa0\x80Ltd"),
     ["malformed_json"], "a UTF-16 surrogate encoded as UTF-8")
case("encoding-lone-surrogate-escape", dump(BASE).replace("Globex Ltd", "Globex\\ud800Ltd"), ["malformed_json"],
     "an unpaired \\ud800 escape")
case("valid-surrogate-pair-escape", dump(BASE).replace("Globex Ltd", "Globex \\ud83d\\ude00 Ltd"), [],
     "an escaped emoji")
full = dump(BASE)
case("truncated-half", full[: len(full) // 2], ["malformed_json"], "cut in the middle")
case("truncated-after-brace", "{", ["malformed_json"], "an open brace")
case("truncated-in-string", full[: full.index("Globex") + 3], ["malformed_json"], "cut inside a string")
case("empty-file", b"", ["malformed_json"], "no bytes")
case("whitespace-only", b" \n\t\r\n", ["malformed_json"], "only whitespace")
case("trailing-comma", full[:-1] + ",}", ["malformed_json"], "a trailing comma")
case("comment", "// draft\n" + full, ["malformed_json"], "a comment")
case("single-quotes", full.replace('"', "'"), ["malformed_json"], "single quotes")
case("two-documents", full + full, ["malformed_json"], "trailing data")
case("root-null", "null", ["invalid_type", "required"], "null instead of an object")
case("root-array", "[" + full + "]", ["invalid_type", "required"], "an array of drafts")
case("root-string", '"draft"', ["invalid_type", "required"], "a string")
case("root-empty-object", "{}", ["required"], "every required field missing")
case("nesting-100-deep", with_value("/notes", Raw("[" * 100 + "]" * 100)), ["malformed_json"],
     "deeper than 64 levels")
case("nesting-60-deep-unknown", with_value("/x", Raw("[" * 60 + "]" * 60)), ["unknown_field"],
     "deep but within 64 levels, under an unknown key")
case("nesting-20000-deep-objects", '{"a":' * 20000 + "1" + "}" * 20000, ["malformed_json"],
     "20,000 nested objects: no stack overflow")

# Generated at test time (too big to commit): see tests/cli/hostile.rs.
cases.append(("generated-10mb-whitespace", None, [], 413, [],
              "a valid draft padded to 10 MB with whitespace: the CLI reads it (cap 16 MiB); HTTP refuses it (1 MiB)"))
cases.append(("generated-10mb-lines", None, ["too_many"], 413, [],
              "10 MB of valid JSON: 40,000 lines"))
cases.append(("generated-17mb", None, ["too_long"], 413, [],
              "over the CLI's 16 MiB cap: too_long without parsing"))


# --- Raw HTTP requests: paths, queries, headers, framing -----------------------------------------
# `$KEY` is replaced by the daemon's key and `$NUMBER` by the number of an invoice the
# corpus stored, when the test sends the request. Every request asks for
# `Connection: close`: the daemon (hyper's default) drops a connection whose client
# half-closes before the answer, so the test reads to EOF instead.

requests = []  # (name, bytes, status, codes, description)


def request(name, method, target, headers=(), body=None, status=200, codes=(), description="", key=True):
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    if key:
        lines.append("x-api-key: $KEY")
    lines.extend(headers)
    raw = "\r\n".join(lines).encode()
    if body is not None:
        data = body.encode() if isinstance(body, str) else body
        if not any(h.lower().startswith(("content-length", "transfer-encoding")) for h in headers):
            raw += f"\r\nContent-Length: {len(data)}".encode()
        raw += b"\r\n\r\n" + data
    else:
        raw += b"\r\n\r\n"
    requests.append((name, raw, status, sorted(set(codes)), description))


JSON = "Content-Type: application/json"
VALID = dump(BASE)
# Path traversal and odd paths.
request("path-traversal-encoded", "GET", "/v1/invoices/..%2F..%2Fetc%2Fpasswd", status=404,
        description="decoded to the number ../../etc/passwd: no such invoice, nothing read from disk")
request("path-traversal-encoded-render", "GET", "/v1/invoices/..%2F..%2Fetc%2Fpasswd/render?format=html", status=404,
        description="the render route with a traversal number")
request("path-traversal-segments", "GET", "/v1/invoices/../../etc/passwd", status=404,
        description="dot segments are not normalized into another route")
request("path-traversal-without-key", "GET", "/v1/invoices/..%2F..%2Fetc%2Fpasswd", status=401, key=False,
        description="authentication comes before routing")
request("path-v1-dot-dot-health", "GET", "/v1/../health", status=401, key=False,
        description="/v1/.. is still under /v1/: a key first")
request("path-double-slash", "GET", "//v1/invoices", status=404, key=False, description="not a route")
request("path-uppercase-prefix", "GET", "/V1/invoices", status=404, key=False, description="routes are exact")
request("path-trailing-slash", "GET", "/v1/invoices/", status=404, description="an empty number")
request("path-encoded-nul", "GET", "/v1/invoices/$NUMBER%00", status=404, description="a NUL after a real number")
request("path-invalid-utf8", "GET", "/v1/invoices/%ff%fe", status=404, description="not UTF-8 after decoding")
request("path-sql-in-number", "GET", "/v1/invoices/'%20OR%20'1'='1", status=404, description="SQL in the number")
request("path-number-9000-chars", "GET", "/v1/invoices/" + "a" * 9000, status=404,
        description="a long number under the header cap")
request("path-uri-over-16k", "GET", "/v1/invoices/" + "a" * 20000, status=431,
        description="the request line counts against the 16 KiB head limit")
# Query pollution and bad values.
request("query-repeated-limit", "GET", "/v1/invoices?limit=1&limit=2", status=400, codes=["duplicate_parameter"],
        description="parameter pollution")
request("query-repeated-limit-encoded-name", "GET", "/v1/invoices?lim%69t=1&limit=2", status=400,
        codes=["duplicate_parameter"], description="names are compared after decoding")
request("query-case-variant-name", "GET", "/v1/invoices?limit=1&LIMIT=2", status=400, codes=["unknown_parameter"],
        description="names are case-sensitive")
request("query-limit-with-nul", "GET", "/v1/invoices?limit=10%00", status=400, codes=["invalid_value"],
        description="a NUL after the number: refused while decoding, before any store (SPEC 15)")
request("query-limit-huge", "GET", "/v1/invoices?limit=99999999999999999999", status=400, codes=["out_of_range"],
        description="beyond usize")
request("query-bad-percent", "GET", "/v1/invoices?limit=%zz", status=400, codes=["invalid_value"],
        description="a broken escape")
request("query-after-traversal", "GET", "/v1/invoices?after=..%2F..%2Fetc%2Fpasswd", status=400,
        codes=["invalid_value"], description="a cursor that names no invoice")
request("query-status-sql", "GET", "/v1/invoices?status=paid%27%3B%20DROP%20TABLE%20invoices%3B--", status=400,
        codes=["invalid_value"], description="SQL in a status")
request("query-on-health", "GET", "/health?debug=1", status=400, codes=["unknown_parameter"], key=False,
        description="routes without parameters refuse them")
request("query-render-format-twice", "GET", "/v1/invoices/$NUMBER/render?format=html&format=pdf", status=400,
        codes=["duplicate_parameter"], description="pollution on the render route")
request("query-render-format-traversal", "GET", "/v1/invoices/$NUMBER/render?format=..%2F..%2Fetc%2Fpasswd",
        status=400, codes=["invalid_value"], description="the format is a fixed set")
# Headers.
request("header-idempotency-key-twice", "POST", "/v1/invoices",
        headers=[JSON, "Idempotency-Key: a", "Idempotency-Key: b"], body=VALID, status=400, codes=["invalid_value"],
        description="a repeated Idempotency-Key is refused and stores nothing")
request("header-idempotency-key-201-chars", "POST", "/v1/invoices", headers=[JSON, "Idempotency-Key: " + "k" * 201],
        body=VALID, status=400, codes=["invalid_value"], description="at most 200 characters; stores nothing")
request("header-over-16k", "GET", "/health", headers=["X-Padding: " + "p" * 20000], status=431, key=False,
        description="request heads are capped at 16 KiB")
request("header-200-fields", "GET", "/health", headers=[f"X-H{i}: v" for i in range(200)], status=431, key=False,
        description="too many header fields")
request("header-two-api-keys-wrong-first", "GET", "/v1/invoices", headers=["x-api-key: wrong", "x-api-key: $KEY"],
        status=401, key=False, description="the first x-api-key counts")
request("header-wrong-x-api-key-right-bearer", "GET", "/v1/invoices", headers=["x-api-key: wrong", "Authorization: Bearer $KEY"],
        status=401, key=False, description="x-api-key wins over Authorization")
request("header-non-ascii-key", "GET", "/v1/invoices", headers=["x-api-key: sch\u00fcssel"], status=401, key=False,
        description="a key that is not ASCII")
request("header-request-id-markup", "GET", "/health", headers=["X-Request-Id: <script>alert(1)</script>"], status=200,
        key=False, description="not echoed: a fresh id is generated")
request("header-method-override-ignored", "POST", "/v1/invoices/$NUMBER", headers=["X-HTTP-Method-Override: GET"],
        body="", status=405, description="no method override")
request("header-content-type-text", "POST", "/v1/invoices", headers=["Content-Type: text/plain"], body=VALID,
        status=415, description="a draft must be application/json")
request("header-content-type-lookalike", "POST", "/v1/invoices", headers=["Content-Type: application/jsonx"],
        body=VALID, status=415, description="not application/json")
request("header-content-type-list", "POST", "/v1/invoices", headers=["Content-Type: application/json, text/html"],
        body=VALID, status=415, description="one media type only")
request("header-cors-preflight-foreign-origin", "OPTIONS", "/v1/invoices",
        headers=["Origin: http://evil.example", "Access-Control-Request-Method: POST"], status=403, key=False,
        description="origins are allow-listed (none by default)")
# Framing.
request("framing-two-content-lengths", "POST", "/v1/invoices", headers=[JSON, "Content-Length: 2", "Content-Length: 3"],
        body="{}", status=400, description="conflicting lengths (hyper refuses)")
request("framing-content-length-and-chunked", "POST", "/v1/invoices",
        headers=[JSON, "Content-Length: 4", "Transfer-Encoding: chunked"], body="2\r\n{}\r\n0\r\n\r\n", status=422,
        codes=["required"], description="chunked wins over Content-Length (RFC 9112); the body is {}")
request("framing-transfer-encoding-gzip", "POST", "/v1/invoices", headers=[JSON, "Transfer-Encoding: gzip"], body="{}",
        status=400, description="unsupported transfer coding")
request("framing-content-length-1e11", "POST", "/v1/invoices", headers=[JSON, "Content-Length: 100000000000"],
        body="{}", status=413, description="refused from the header, nothing allocated")
request("framing-obs-fold", "GET", "/health", headers=["X-A: a", " folded"], status=400, key=False,
        description="obsolete line folding")
requests.append(("framing-h2-preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 0, [],
                 "HTTP/2 prior knowledge on an HTTP/1 port: closed without an answer (status 0)"))
requests.append(("framing-bare-lf", b"GET /health HTTP/1.1\nHost: x\nConnection: close\n\n", 200, [],
                 "bare LF line ends are tolerated (hyper), and the request is answered normally"))
request("method-lowercase", "get", "/health", status=405, key=False, description="methods are case-sensitive")
request("method-trace", "TRACE", "/health", status=405, key=False, description="no TRACE")
request("method-unknown", "FOO", "/v1/invoices", status=405, description="an unknown method")
# Bodies of the status routes.
request("body-void-reason-markup", "POST", "/v1/invoices/$NUMBER/void", headers=[JSON],
        body='{"reason": "<script>alert(1)</script>"}', status=422, codes=["markup_not_allowed"],
        description="the reason gets the draft's text rules")
request("body-credit-reason-bidi", "POST", "/v1/invoices/$NUMBER/credit", headers=[JSON],
        body='{"reason": "refund \\u202e"}', status=422, codes=["forbidden_character"], description="bidi override")
request("body-pay-date-sql", "POST", "/v1/invoices/$NUMBER/pay", headers=[JSON],
        body='{"date": "2026-12-01\'; DROP TABLE invoices; --"}', status=422, codes=["invalid_date"],
        description="SQL in a date")
request("body-void-extra-field", "POST", "/v1/invoices/$NUMBER/void", headers=[JSON],
        body='{"reason": "x", "status": "issued"}', status=422, codes=["unknown_field"], description="no extra fields")
request("body-void-duplicate-reason", "POST", "/v1/invoices/$NUMBER/void", headers=[JSON],
        body='{"reason": "x", "reason": "<b>y</b>"}', status=422, codes=["duplicate_field"],
        description="a repeated key")
request("body-validate-malformed", "POST", "/v1/invoices/validate", headers=[JSON], body='{"lines": [1, ]}',
        status=400, codes=["malformed_json"], description="malformed JSON is 400")


def main():
    os.makedirs(CASES, exist_ok=True)
    for f in os.listdir(CASES):
        os.remove(os.path.join(CASES, f))
    names = set()
    rows = ["# name\tvalidate_exit\tvalidate_codes\thttp_status\thttp_codes\tdescription"]
    for name, data, codes, status, http_codes, description in cases:
        if name in names:
            sys.exit(f"duplicate case name {name}")
        names.add(name)
        if data is not None:
            with open(os.path.join(CASES, name + ".json"), "wb") as f:
                f.write(data)
        exit_code = 0 if not codes else 1
        rows.append("\t".join([name, str(exit_code), ",".join(codes) or "-", str(status),
                               ",".join(http_codes) or "-", description.replace("\t", " ").replace("\n", " ")]))
    with open(os.path.join(HERE, "expected.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")

    requests_dir = os.path.join(HERE, "requests")
    os.makedirs(requests_dir, exist_ok=True)
    for f in os.listdir(requests_dir):
        os.remove(os.path.join(requests_dir, f))
    rows = ["# name\thttp_status\thttp_codes\tdescription"]
    for name, raw, status, codes, description in requests:
        if name in names:
            sys.exit(f"duplicate case name {name}")
        names.add(name)
        with open(os.path.join(requests_dir, name + ".http"), "wb") as f:
            f.write(raw)
        rows.append("\t".join([name, str(status), ",".join(codes) or "-", description]))
    with open(os.path.join(HERE, "requests.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(f"{len(cases)} draft cases, {len(requests)} request cases")


if __name__ == "__main__":
    main()
