//! Arbitrary drafts and bytes through the whole pipeline never panic.

use super::*;
use crate::json_reader::json_text;
use crate::totals::minor_units_of;

/// Strings an attacker or a careless export would send.
const HOSTILE_STRINGS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "JaVaScRiPt:alert(1)",
    "java\u{0}script:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "＜script＞",
    "'; DROP TABLE invoices; --",
    "\" OR 1=1 --",
    "Robert'); DROP TABLE Students;--",
    "\u{202E}gnp.exe",
    "a\u{2066}b\u{2069}",
    "zero\u{200B}width",
    "word\u{2060}joiner",
    "\u{FEFF}bom",
    "mongolian\u{180E}",
    "ZWJ \u{200D} ZWNJ \u{200C} ok",
    "nul\u{0}byte",
    "bell\u{7}",
    "line\nbreak",
    "tab\there",
    "cr\rhere",
    "del\u{7f}",
    "c1\u{85}control",
    "   ",
    "",
    "Müller GmbH — 12,50 €",
    "Ελληνικά Κυρίλλιця",
    "日本語の会社",
    "مرحبا بالعالم",
    "🧾💶",
    "../../etc/passwd",
    "%2e%2e%2f",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "\\u0000",
    "ABCD€X",
    "ABCDÉFGH",
    "DE89 3704 0044 0532 0130 00",
    "de89370400440532013000",
    "COBADEFFXXX",
    "2026-02-30",
    "2026-11-27",
    "99999-01-01",
    "EUR",
    "eur",
    "JPY",
    "XXX",
    "HUR",
    "h",
    "S",
    "AE",
    "credit_note",
    "invoice",
    "credit_transfer",
    "a@b.example",
    "not an email",
];

/// Number texts, valid and hostile (all inside the JSON grammar).
const HOSTILE_NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "80.5",
    "12.50",
    "1.5e2",
    "1E+2",
    "1e-2",
    "1e-7",
    "1e400",
    "-1e400",
    "1e12",
    "1000000000000",
    "1000000000000.01",
    "1.0000000",
    "0.000001",
    "99999999999999999999999999999999999",
    "1.2345678e3",
    "0e999999",
    "100",
    "100.000001",
    "101",
    "5e-324",
    "1.7976931348623157e308",
];

fn hostile_string() -> BoxedStrategy<String> {
    prop_oneof![
        4 => proptest::sample::select(HOSTILE_STRINGS).prop_map(str::to_owned),
        2 => any::<String>(),
        1 => "[A-Z]{4}.{2,7}",
        1 => (1usize..=5_000).prop_map(|n| "x".repeat(n)),
        1 => proptest::collection::vec(proptest::sample::select(HOSTILE_STRINGS), 1..4).prop_map(|v| v.concat()),
    ]
    .boxed()
}

fn hostile_number() -> BoxedStrategy<String> {
    prop_oneof![
        3 => proptest::sample::select(HOSTILE_NUMBERS).prop_map(str::to_owned),
        2 => "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,10})?([eE][+-]?[0-9]{1,5})?",
    ]
    .boxed()
}

/// Any JSON value, shallow.
fn hostile_value() -> BoxedStrategy<J> {
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        hostile_number().prop_map(J::Num),
        hostile_string().prop_map(J::Str),
        hostile_number().prop_map(J::Str),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(J::Arr),
            proptest::collection::vec((hostile_string(), inner), 0..4).prop_map(J::Obj),
        ]
    })
    .boxed()
}

/// How hostile a generated draft is. `clean` drafts use only valid-but-nasty values
/// (SQL-looking names, entity text, Greek, CJK, ZWJ, newlines in notes), so most of them
/// pass and reach every renderer; `dirty` drafts replace, drop or add fields with
/// hostile values and near-miss codes, so the error paths are walked.
#[derive(Debug, Clone, Copy)]
struct Mode {
    /// Weight of a hostile value per field, against 100 for a plausible one (0: never).
    hostile: u32,
}

const CLEAN: Mode = Mode { hostile: 0 };
const DIRTY: Mode = Mode { hostile: 12 };

/// A required field: plausible, or (dirty) hostile or missing.
fn field(plausible: BoxedStrategy<J>, mode: Mode) -> BoxedStrategy<Option<J>> {
    if mode.hostile == 0 {
        return plausible.prop_map(Some).boxed();
    }
    prop_oneof![
        100 => plausible.prop_map(Some),
        mode.hostile => hostile_value().prop_map(Some),
        mode.hostile / 2 + 1 => Just(None),
    ]
    .boxed()
}

/// An optional field: absent half of the time.
fn optional(plausible: BoxedStrategy<J>, mode: Mode) -> BoxedStrategy<Option<J>> {
    prop_oneof![1 => Just(None), 1 => field(plausible, mode)].boxed()
}

/// Text from `valid` samples, plus `near_miss` samples when dirty.
fn text(valid: &'static [&'static str], near_miss: &'static [&'static str], mode: Mode) -> BoxedStrategy<J> {
    if mode.hostile == 0 || near_miss.is_empty() {
        proptest::sample::select(valid).prop_map(s).boxed()
    } else {
        prop_oneof![4 => proptest::sample::select(valid).prop_map(s), 1 => proptest::sample::select(near_miss).prop_map(s)]
            .boxed()
    }
}

/// A number from `valid` samples (as a JSON number or a string), plus hostile ones when dirty.
fn number(valid: &'static [&'static str], mode: Mode) -> BoxedStrategy<J> {
    let plain = (proptest::sample::select(valid), any::<bool>())
        // Strings never take exponents, so those stay JSON numbers.
        .prop_map(|(n, as_string)| if as_string && !n.contains(['e', 'E']) { s(n) } else { J::Num(n.to_owned()) });
    if mode.hostile == 0 {
        plain.boxed()
    } else {
        prop_oneof![4 => plain, 1 => hostile_number().prop_map(J::Num)].boxed()
    }
}

/// Names and free text that are valid but nasty.
const NASTY_VALID_TEXT: &[&str] = &[
    "Acme GmbH",
    "Müller & Söhne — 12,50 €",
    "Ωμέγα Α.Ε.",
    "ООО Ромашка",
    "'; DROP TABLE invoices; --",
    "Robert'); DROP TABLE Students;--",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "＜script＞alert(1)＜/script＞",
    "a < b and c > d",
    "1 <2",
    "Customer data: see PO",
    "ZWJ \u{200D} ZWNJ \u{200C}",
    "日本語の会社",
    "🧾 Emoji Ltd",
    "{{7*7}} ${jndi:ldap://x}",
    "../../etc/passwd",
    "%00%2e%2e",
    "x",
];

/// Builds an object from optional members, plus maybe an unknown or repeated key.
fn object(members: Vec<(&'static str, Option<J>)>, extra: Option<(String, J)>, repeat_first: bool) -> J {
    let mut out: Vec<(String, J)> = members.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v))).collect();
    if repeat_first && let Some(first) = out.first().cloned() {
        out.push(first);
    }
    if let Some(extra) = extra {
        out.push(extra);
    }
    J::Obj(out)
}

/// An unknown member and whether to repeat the first one (dirty only).
fn extras(mode: Mode) -> BoxedStrategy<(Option<(String, J)>, bool)> {
    if mode.hostile == 0 {
        return Just((None, false)).boxed();
    }
    (
        prop_oneof![20 => Just(None), 1 => (hostile_string(), hostile_value()).prop_map(Some)],
        proptest::bool::weighted(0.03),
    )
        .boxed()
}

fn address(mode: Mode) -> BoxedStrategy<J> {
    let lines = proptest::collection::vec(
        proptest::sample::select(&["Hauptstr. 1", "Hinterhaus", "Οδός 5", "x"][..]),
        if mode.hostile == 0 { 0..4 } else { 0..6 },
    )
    .prop_map(|v| J::Arr(v.into_iter().map(s).collect()))
    .boxed();
    (
        optional(lines, mode),
        optional(text(&["Berlin", "London", "Αθήνα", "Москва"], &[], mode), mode),
        optional(text(&["10115", "EC1A 1AA"], &[], mode), mode),
        optional(text(&["DE", "GB", "gr", "JP"], &["XX", "DEU", "D"], mode), mode),
        extras(mode),
    )
        .prop_map(|(lines, city, postal, country, (extra, rep))| {
            object(vec![("lines", lines), ("city", city), ("postal_code", postal), ("country", country)], extra, rep)
        })
        .boxed()
}

fn party(mode: Mode) -> BoxedStrategy<J> {
    (
        field(text(NASTY_VALID_TEXT, &["", "   "], mode), mode),
        optional(text(&["DE123456789", "GB123456789"], &[], mode), mode),
        optional(text(&["12/345/67890"], &[], mode), mode),
        optional(text(&["billing@acme.example", "ap@globex.example"], &["not an email", "a@", "@b"], mode), mode),
        optional(text(&["+49 30 1234567"], &[], mode), mode),
        optional(address(mode), mode),
        extras(mode),
    )
        .prop_map(|(name, vat, tax, email, phone, address, (extra, rep))| {
            object(
                vec![
                    ("name", name),
                    ("vat_id", vat),
                    ("tax_id", tax),
                    ("email", email),
                    ("phone", phone),
                    ("address", address),
                ],
                extra,
                rep,
            )
        })
        .boxed()
}

/// Consistent (rate, category, reason) triples, and contradictory ones for dirty drafts.
const TAX_OK: &[(&str, Option<&str>, Option<&str>)] = &[
    ("19", None, None),
    ("7", Some("S"), None),
    ("0", None, None),
    ("0", Some("Z"), None),
    ("0", Some("E"), Some("Exempt under Art. 132")),
    ("0", Some("AE"), Some("Reverse charge")),
    ("0", Some("K"), Some("Intra-community supply")),
    ("5.5", None, None),
];
const TAX_BAD: &[(&str, Option<&str>, Option<&str>)] = &[
    ("0", Some("S"), None),
    ("19", Some("Z"), None),
    ("0", Some("E"), None),
    ("19", Some("G"), Some("x")),
    ("7", Some("X"), None),
];

fn tax(mode: Mode) -> BoxedStrategy<(&'static str, Option<&'static str>, Option<&'static str>)> {
    if mode.hostile == 0 {
        proptest::sample::select(TAX_OK).boxed()
    } else {
        prop_oneof![4 => proptest::sample::select(TAX_OK), 1 => proptest::sample::select(TAX_BAD)].boxed()
    }
}

fn tax_members(
    rate: Option<J>,
    (_, category, reason): (&'static str, Option<&'static str>, Option<&'static str>),
) -> Vec<(&'static str, Option<J>)> {
    vec![("tax_rate", rate), ("tax_category", category.map(s)), ("tax_exemption_reason", reason.map(s))]
}

fn line(mode: Mode) -> BoxedStrategy<J> {
    (
        field(text(&["Consulting", "Travel 🧾", "Schulung für Müller", "'; DROP TABLE lines; --"], &[""], mode), mode),
        field(number(&["1", "10", "1.5", "0.001", "3", "100000", "1.5e2", "2E-3"], mode), mode),
        optional(text(&["h", "HUR", "pcs", "kg", "C62", "DAY", "kWh"], &["parsec", "HOUR", "k g"], mode), mode),
        field(number(&["120.00", "80.5", "0", "-0", "0.333333", "19.99", "1000", "1e2"], mode), mode),
        tax(mode),
        optional(number(&["10", "0", "100", "33.33"], mode), mode),
        extras(mode),
    )
        .prop_map(move |(desc, qty, unit, price, tax, discount, (extra, rep))| {
            let rate = if mode.hostile == 0 { Some(s(tax.0)) } else { Some(J::Num(tax.0.to_owned())) };
            let mut members = vec![("description", desc), ("quantity", qty), ("unit", unit), ("unit_price", price)];
            members.extend(tax_members(rate, tax));
            members.push(("discount_percent", discount));
            object(members, extra, rep)
        })
        .boxed()
}

fn adjustment(mode: Mode) -> BoxedStrategy<J> {
    (
        field(text(&["Loyalty discount", "Shipping", "Früh\u{ad}bucher (soft hyphen)"], &[""], mode), mode),
        field(number(&["1.00", "0.5", "9.90", "1", "0"], mode), mode),
        tax(mode),
        extras(mode),
    )
        .prop_map(|(reason, amount, tax, (extra, rep))| {
            let mut members = vec![("reason", reason), ("amount", amount)];
            members.extend(tax_members(Some(s(tax.0)), tax));
            object(members, extra, rep)
        })
        .boxed()
}

fn payment(mode: Mode) -> BoxedStrategy<J> {
    let bic = if mode.hostile == 0 {
        proptest::sample::select(&["COBADEFFXXX", "DEUTDEFF", "cobadeff"][..]).prop_map(s).boxed()
    } else {
        prop_oneof![
            proptest::sample::select(&["COBADEFFXXX", "DEUTDEFF"][..]).prop_map(s),
            "[A-Z]{4}.{2,7}".prop_map(J::Str)
        ]
        .boxed()
    };
    (
        optional(text(&["credit_transfer", "card", "cash", "  "], &["bitcoin", "Credit_Transfer"], mode), mode),
        optional(
            text(
                &["DE89370400440532013000", "DE89 3704 0044 0532 0130 00", "gb82west12345698765432"],
                &["DE00123", "DE89370400440532013001", "XX12"],
                mode,
            ),
            mode,
        ),
        optional(bic, mode),
        optional(text(&["Payable within 30 days"], &[], mode), mode),
        optional(text(&["INV-2026-0001", "PO 4711"], &[], mode), mode),
        extras(mode),
    )
        .prop_map(|(means, iban, bic, terms, reference, (extra, rep))| {
            object(
                vec![("means", means), ("iban", iban), ("bic", bic), ("terms", terms), ("reference", reference)],
                extra,
                rep,
            )
        })
        .boxed()
}

fn draft(mode: Mode) -> BoxedStrategy<J> {
    let list = |item: BoxedStrategy<J>, range: std::ops::Range<usize>| {
        proptest::collection::vec(item, range).prop_map(J::Arr).boxed()
    };
    let head = (
        optional(text(&["invoice"], &["credit_note", "proforma", "Invoice"], mode), mode),
        optional(text(&["INV", "A-1", "X_2026"], &["bad series!", "ÄÖÜ", "../x"], mode), mode),
        optional(text(&["2026-11-27", "2024-02-29"], &["2026-02-30", "27.11.2026", "2026-1-1"], mode), mode),
        optional(text(&["2027-12-27", "2027-01-31"], &["2020-01-01"], mode), mode),
        field(text(&["EUR", "JPY", "KWD", "usd", "CHF", "BHD"], &["XXX", "HRK", "EURO"], mode), mode),
        field(party(mode), mode),
        field(party(mode), mode),
    );
    let tail = (
        optional(text(&["04011000-12345-03"], &[], mode), mode),
        optional(text(&["PO-4711"], &[], mode), mode),
        field(list(line(mode), if mode.hostile == 0 { 1..5 } else { 0..5 }), mode),
        optional(list(adjustment(mode), 0..3), mode),
        optional(list(adjustment(mode), 0..3), mode),
        optional(number(&["0", "0.00", "1"], mode), mode),
        optional(payment(mode), mode),
        optional(text(&["Thank you.\nSecond line\twith a tab.", "Danke!", "Customer data: see PO"], &[], mode), mode),
        extras(mode),
    );
    (head, tail)
        .prop_map(|((kind, series, issue, due, currency, seller, buyer), tail)| {
            let (buyer_ref, order_ref, lines, allowances, charges, prepaid, payment, notes, (extra, rep)) = tail;
            object(
                vec![
                    ("type", kind),
                    ("series", series),
                    ("issue_date", issue),
                    ("due_date", due),
                    ("currency", currency),
                    ("seller", seller),
                    ("buyer", buyer),
                    ("buyer_reference", buyer_ref),
                    ("order_reference", order_ref),
                    ("lines", lines),
                    ("allowances", allowances),
                    ("charges", charges),
                    ("prepaid", prepaid),
                    ("payment", payment),
                    ("notes", notes),
                ],
                extra,
                rep,
            )
        })
        .boxed()
}

fn arbitrary_draft() -> BoxedStrategy<J> {
    prop_oneof![draft(CLEAN), draft(DIRTY)].boxed()
}

/// The whole pipeline on one input: never panics; a rejection carries problems with
/// JSON Pointer paths; an accepted draft renders in every format (a PDF may refuse a
/// character outside its font, as `unsupported_character`, and nothing else).
fn pipeline(bytes: &[u8], sanitize: bool, render_pdf: bool) -> bool {
    match check_bytes(bytes, Options { sanitize }, &Defaults::default(), today()) {
        Err(rejected) => {
            assert!(!rejected.problems.is_empty(), "rejected without a reason");
            for p in &rejected.problems {
                assert!(p.path.is_empty() || p.path.starts_with('/'), "bad pointer {p:?}");
                assert!(!p.message.is_empty());
            }
            false
        }
        Ok(checked) => {
            let invoice = checked.invoice;
            let dp = minor_units_of(&invoice.currency);
            assert_eq!(invoice.totals.gross, invoice.totals.net + invoice.totals.tax_total);
            assert_eq!(invoice.totals.due.scale(), dp);
            for format in [Format::Text, Format::Html, Format::Json] {
                let out = render(&invoice, format, Paper::A4).unwrap();
                assert!(!out.is_empty());
                if format == Format::Html {
                    let html = String::from_utf8(out).unwrap();
                    let lower = html.to_ascii_lowercase();
                    assert!(!lower.contains("<script"), "script tag in rendered HTML");
                    assert!(!lower.contains("javascript:"), "script URL in rendered HTML");
                }
            }
            if render_pdf {
                match render(&invoice, Format::Pdf, Paper::A4) {
                    Ok(pdf) => assert!(pdf.starts_with(b"%PDF-")),
                    Err(invoice::Error::Invalid { problems }) => {
                        assert!(problems.iter().all(|p| p.code == Code::UnsupportedCharacter), "{problems:?}");
                    }
                    Err(other) => panic!("PDF rendering failed: {other}"),
                }
            }
            true
        }
    }
}

proptest! {
    #![proptest_config(config(1_000))]

    /// Arbitrary drafts never panic anywhere from the bytes to every rendered format.
    #[test]
    fn arbitrary_drafts_never_panic(draft in arbitrary_draft(), sanitize in proptest::bool::weighted(0.2), pdf in proptest::bool::weighted(0.25)) {
        pipeline(draft.text().as_bytes(), sanitize, pdf);
    }
}

proptest! {
    #![proptest_config(config(2_000))]

    /// Arbitrary bytes (and damaged JSON) never panic the reader or the pipeline.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        (json_text(), proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)).prop_map(|(text, edits)| {
            let mut bytes = text.into_bytes();
            for (at, byte) in edits {
                if bytes.is_empty() { bytes.push(byte); } else { let i = at.index(bytes.len()); bytes[i] = byte; }
            }
            bytes
        }),
    ]) {
        let _ = json::parse(&bytes);
        pipeline(&bytes, false, false);
    }
}
