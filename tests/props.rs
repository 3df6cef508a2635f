//! Property tests of the invoice core ("Prove it holds"): the money math, the exact
//! number readers, the JSON reader and the whole draft pipeline, each checked on
//! generated input with bounded case counts (the file runs in well under 30 s in debug).
//!
//! What is proven here, for every generated case:
//!
//! - totals are the sum of their parts (`net` = Σ group bases, `tax_total` = Σ group
//!   taxes, `gross` = `net` + `tax_total`, `due` = `gross` − `prepaid`, `lines_net` =
//!   Σ line nets, each group base = its lines − its allowances + its charges);
//! - each rounding step moves an amount by at most half a minor unit, and a tie moves
//!   away from zero (line nets against the exact product, group taxes against the
//!   exact `base × rate / 100`);
//! - every amount carries exactly the currency's minor units, as a Decimal and as the
//!   JSON string it is serialized to;
//! - serialization round-trips exactly (Invoice → JSON → Invoice; decimal text →
//!   Decimal → text keeps the written scale; numbers with exponents read exactly);
//! - totals do not depend on the order of lines, allowances or charges;
//! - arbitrary drafts (hostile strings, exponents, huge numbers, wrong types, unknown
//!   and repeated keys) never panic through parse → validate → totals → render in all
//!   four formats, and a rejected draft always says why;
//! - arbitrary bytes never panic `json::parse`, and `json::parse` accepts exactly the
//!   texts `serde_json` accepts (excluding the documented difference: numbers outside
//!   f64's range, which `serde_json` refuses while the reader leaves them to the decimal
//!   parser, which reports `out_of_range`).
//!
//! Failures are not persisted to files; a failing case found here is added as a plain
//! `#[test]` at the bottom instead, so it stays a regression test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use chrono::NaiveDate;
use invoice::invoice::json;
use invoice::invoice::money::{self, NumberError};
use invoice::invoice::parse::Options;
use invoice::invoice::validate::compute_totals;
use invoice::invoice::{Code, Defaults, Invoice, check_bytes};
use invoice::render::{Format, Paper, render};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::str::FromStr;

/// A fixed "today" so results do not depend on the calendar.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// `cases` per property, multiplied by `PROPS_SCALE` (default 1) for a deeper run:
/// `PROPS_SCALE=50 cargo test --release --test props`.
fn config(cases: u32) -> ProptestConfig {
    let scale = option_env_scale().unwrap_or(1);
    ProptestConfig {
        cases: cases.saturating_mul(scale),
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

/// `PROPS_SCALE` from the environment, if it is a positive number.
#[allow(clippy::disallowed_methods)] // a test knob, not product configuration
fn option_env_scale() -> Option<u32> {
    std::env::var("PROPS_SCALE").ok()?.parse().ok().filter(|n| *n > 0)
}

// ---------------------------------------------------------------------------------------
// A tiny JSON model that can hold any number text (1e400 included) and render itself with
// proper escaping, so generated drafts reach the reader exactly as intended.
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum J {
    Null,
    Bool(bool),
    /// A number exactly as it will be written (may be outside the JSON grammar on purpose
    /// only where a test says so).
    Num(String),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => out.push_str(n),
            J::Str(s) => write_string(out, s),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn obj(members: Vec<(&str, J)>) -> J {
    J::Obj(members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn s(text: &str) -> J {
    J::Str(text.to_owned())
}

// ---------------------------------------------------------------------------------------
// Generators of valid drafts (for the arithmetic properties).
// ---------------------------------------------------------------------------------------

/// Currencies with 0, 2 and 3 minor units.
const CURRENCIES: &[&str] = &["EUR", "USD", "JPY", "KWD", "BHD", "CLP", "GBP", "CHF"];

/// A decimal `mantissa / 10^scale` written as plain text.
fn decimal_text(mantissa: u64, scale: u32) -> String {
    Decimal::from_i128_with_scale(i128::from(mantissa), scale).to_string()
}

/// A positive quantity: up to 10^6 with up to 6 decimals.
fn quantity() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u64..=1_000, Just(0u32)).prop_map(|(m, s)| decimal_text(m, s)),
        (1u64..=100_000_000, 0u32..=6).prop_map(|(m, s)| decimal_text(m, s)),
    ]
}

/// A non-negative unit price: up to 10^7 with up to 6 decimals.
fn unit_price() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..=100_000, 0u32..=2).prop_map(|(m, s)| decimal_text(m, s)),
        (0u64..=10_000_000_000, 0u32..=6).prop_map(|(m, s)| decimal_text(m, s)),
    ]
}

/// A tax group: (rate, category, exemption reason).
fn tax_group() -> impl Strategy<Value = (String, Option<&'static str>, Option<&'static str>)> {
    prop_oneof![
        Just(("19".to_owned(), None, None)),
        Just(("7".to_owned(), None, None)),
        Just(("20".to_owned(), Some("S"), None)),
        Just(("5.5".to_owned(), None, None)),
        Just(("2.1".to_owned(), None, None)),
        Just(("0".to_owned(), None, None)),
        Just(("0".to_owned(), Some("E"), Some("Exempt under Art. 132"))),
        Just(("0".to_owned(), Some("AE"), Some("Reverse charge"))),
        (1u64..=10_000, 0u32..=2).prop_map(|(m, s)| (decimal_text(m.min(10_000), s), Some("S"), None)),
    ]
    .prop_map(|(rate, category, reason)| {
        // A generated rate may exceed 100 % only through the last arm: clamp it.
        let value = Decimal::from_str(&rate).unwrap();
        let rate = if value > Decimal::ONE_HUNDRED { "100".to_owned() } else { rate };
        (rate, category, reason)
    })
}

#[derive(Debug, Clone)]
struct LineSpec {
    quantity: String,
    price: String,
    /// Quantity and price as JSON numbers instead of strings.
    as_numbers: bool,
    discount: Option<String>,
    group: (String, Option<&'static str>, Option<&'static str>),
}

fn line_spec() -> impl Strategy<Value = LineSpec> {
    (
        quantity(),
        unit_price(),
        any::<bool>(),
        proptest::option::of((0u64..=10_000, 0u32..=2).prop_map(|(m, s)| decimal_text(m.min(10_000), s))),
        tax_group(),
    )
        .prop_map(|(quantity, price, as_numbers, discount, group)| {
            let discount = discount
                .map(|d| if Decimal::from_str(&d).unwrap() > Decimal::ONE_HUNDRED { "100".to_owned() } else { d });
            LineSpec { quantity, price, as_numbers, discount, group }
        })
}

#[derive(Debug, Clone)]
struct AdjustmentSpec {
    /// Amount in minor units (scaled to the currency when written).
    minor: u64,
    /// Index into the lines whose tax group it joins.
    group_of_line: usize,
}

#[derive(Debug, Clone)]
struct DraftSpec {
    currency: &'static str,
    lines: Vec<LineSpec>,
    allowances: Vec<AdjustmentSpec>,
    charges: Vec<AdjustmentSpec>,
    prepaid_minor: Option<u64>,
}

fn adjustment_spec() -> impl Strategy<Value = AdjustmentSpec> {
    (0u64..=5_000, 0usize..16).prop_map(|(minor, group_of_line)| AdjustmentSpec { minor, group_of_line })
}

fn draft_spec() -> impl Strategy<Value = DraftSpec> {
    (
        proptest::sample::select(CURRENCIES),
        proptest::collection::vec(line_spec(), 1..8),
        proptest::collection::vec(adjustment_spec(), 0..3),
        proptest::collection::vec(adjustment_spec(), 0..3),
        proptest::option::of(0u64..=2_000),
    )
        .prop_map(|(currency, lines, allowances, charges, prepaid_minor)| DraftSpec {
            currency,
            lines,
            allowances,
            charges,
            prepaid_minor,
        })
}

fn minor_units_of(currency: &str) -> u32 {
    money::minor_units(currency).unwrap()
}

fn amount_text(minor: u64, dp: u32) -> String {
    decimal_text(minor, dp)
}

impl DraftSpec {
    fn json(&self) -> J {
        let dp = minor_units_of(self.currency);
        let lines = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let number = |text: &str| if l.as_numbers { J::Num(text.to_owned()) } else { s(text) };
                let mut members = vec![
                    ("description", J::Str(format!("Item {i}"))),
                    ("quantity", number(&l.quantity)),
                    ("unit_price", number(&l.price)),
                    ("tax_rate", s(&l.group.0)),
                ];
                if let Some(category) = l.group.1 {
                    members.push(("tax_category", s(category)));
                }
                if let Some(reason) = l.group.2 {
                    members.push(("tax_exemption_reason", s(reason)));
                }
                if let Some(d) = &l.discount {
                    members.push(("discount_percent", s(d)));
                }
                obj(members)
            })
            .collect();
        let adjustment = |a: &AdjustmentSpec, reason: &str| {
            let line = &self.lines[a.group_of_line % self.lines.len()];
            let mut members =
                vec![("reason", s(reason)), ("amount", s(&amount_text(a.minor, dp))), ("tax_rate", s(&line.group.0))];
            if let Some(category) = line.group.1 {
                members.push(("tax_category", s(category)));
            }
            if let Some(reason) = line.group.2 {
                members.push(("tax_exemption_reason", s(reason)));
            }
            obj(members)
        };
        let mut members = vec![
            ("issue_date", s("2026-11-27")),
            ("currency", s(self.currency)),
            ("seller", obj(vec![("name", s("Acme GmbH"))])),
            ("buyer", obj(vec![("name", s("Globex Ltd"))])),
            ("lines", J::Arr(lines)),
            ("allowances", J::Arr(self.allowances.iter().map(|a| adjustment(a, "Discount")).collect())),
            ("charges", J::Arr(self.charges.iter().map(|c| adjustment(c, "Shipping")).collect())),
        ];
        if let Some(p) = self.prepaid_minor {
            members.push(("prepaid", s(&amount_text(p, dp))));
        }
        obj(members)
    }
}

/// Runs a generated valid-shaped draft through the core. `None` when the draft is
/// rejected for a reason the generator allows (a line net above 10^15, allowances
/// larger than their group, prepaid above gross); any other rejection fails the test.
fn check_spec(spec: &DraftSpec) -> Option<Invoice> {
    let text = spec.json().text();
    match check_bytes(text.as_bytes(), Options::default(), &Defaults::default(), today()) {
        Ok(checked) => Some(checked.invoice),
        Err(rejected) => {
            for p in &rejected.problems {
                assert_eq!(p.code, Code::OutOfRange, "unexpected rejection {p:?} of {text}");
            }
            None
        }
    }
}

fn half_unit(dp: u32) -> Decimal {
    Decimal::new(5, dp + 1)
}

/// `rounded` is `exact` rounded half away from zero to `dp` places: within half a unit,
/// and a tie goes away from zero.
fn assert_rounded(rounded: Decimal, exact: Decimal, dp: u32, what: &str) {
    let diff = (rounded - exact).abs();
    assert!(diff <= half_unit(dp), "{what}: {rounded} is {diff} away from the exact {exact}");
    if diff == half_unit(dp) {
        assert!(rounded.abs() > exact.abs(), "{what}: tie {exact} rounded toward zero to {rounded}");
    }
    assert_eq!(rounded.scale(), dp, "{what}: {rounded} does not have {dp} decimals");
}

fn sum<'a>(values: impl IntoIterator<Item = &'a Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, |a, b| a + b)
}

proptest! {
    #![proptest_config(config(384))]

    /// Totals are the sum of their parts; every rounding is within half a minor unit;
    /// every amount has exactly the currency's minor units.
    #[test]
    fn totals_are_the_sum_of_their_parts(spec in draft_spec()) {
        let Some(invoice) = check_spec(&spec) else { return Ok(()) };
        let dp = minor_units_of(&invoice.currency);
        let t = &invoice.totals;

        // Line nets: the exact product, rounded once.
        for (i, line) in invoice.lines.iter().enumerate() {
            let remaining = Decimal::ONE_HUNDRED - line.discount_percent.unwrap_or(Decimal::ZERO);
            let exact = line.quantity.checked_mul(line.unit_price).and_then(|p| p.checked_mul(remaining)).unwrap()
                / Decimal::ONE_HUNDRED;
            assert_rounded(line.net, exact, dp, &format!("line {i} net"));
        }
        // Groups: base = its lines − its allowances + its charges; tax rounded once.
        for group in &t.tax {
            let in_group = |category, rate: Decimal| category == group.category && rate.normalize() == group.rate;
            let base = sum(invoice.lines.iter().filter(|l| in_group(l.tax_category, l.tax_rate)).map(|l| &l.net))
                - sum(invoice.allowances.iter().filter(|a| in_group(a.tax_category, a.tax_rate)).map(|a| &a.amount))
                + sum(invoice.charges.iter().filter(|c| in_group(c.tax_category, c.tax_rate)).map(|c| &c.amount));
            prop_assert_eq!(group.base, base);
            prop_assert_eq!(group.base.scale(), dp);
            prop_assert!(!group.base.is_sign_negative() || group.base.is_zero());
            assert_rounded(group.amount, group.base * group.rate / Decimal::ONE_HUNDRED, dp, "group tax");
        }
        // Groups are ordered by category code, then rate, and unique.
        for pair in t.tax.windows(2) {
            let key = |g: &invoice::invoice::model::TaxSubtotal| (g.category.code(), g.rate);
            prop_assert!(key(&pair[0]) < key(&pair[1]), "{:?}", t.tax);
        }
        prop_assert_eq!(t.lines_net, sum(invoice.lines.iter().map(|l| &l.net)));
        prop_assert_eq!(t.allowances, sum(invoice.allowances.iter().map(|a| &a.amount)));
        prop_assert_eq!(t.charges, sum(invoice.charges.iter().map(|c| &c.amount)));
        prop_assert_eq!(t.net, sum(t.tax.iter().map(|g| &g.base)));
        prop_assert_eq!(t.net, t.lines_net - t.allowances + t.charges);
        prop_assert_eq!(t.tax_total, sum(t.tax.iter().map(|g| &g.amount)));
        prop_assert_eq!(t.gross, t.net + t.tax_total);
        prop_assert_eq!(t.due, t.gross - t.prepaid);
        prop_assert!(t.prepaid <= t.gross);
        for (name, value) in [
            ("lines_net", t.lines_net), ("allowances", t.allowances), ("charges", t.charges), ("net", t.net),
            ("tax_total", t.tax_total), ("gross", t.gross), ("prepaid", t.prepaid), ("due", t.due),
        ] {
            prop_assert_eq!(value.scale(), dp, "{} = {}", name, value);
        }
        for a in invoice.allowances.iter().chain(&invoice.charges) {
            prop_assert_eq!(a.amount.scale(), dp);
        }

        // The same totals recomputed by the public function from the computed parts.
        let again = compute_totals(&invoice.lines, &invoice.allowances, &invoice.charges, t.prepaid, dp).unwrap();
        prop_assert_eq!(&again, t);
    }

    /// The invoice serializes to JSON and back to an equal value; amounts are JSON strings
    /// with exactly the currency's minor units.
    #[test]
    fn invoices_round_trip_through_json(spec in draft_spec()) {
        let Some(invoice) = check_spec(&spec) else { return Ok(()) };
        let dp = minor_units_of(&invoice.currency) as usize;
        let text = serde_json::to_string(&invoice).unwrap();
        let back: Invoice = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &invoice);
        let rendered = render(&invoice, Format::Json, Paper::A4).unwrap();
        let back: Invoice = serde_json::from_slice(&rendered).unwrap();
        prop_assert_eq!(&back, &invoice);

        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let check = |v: &serde_json::Value, what: &str| {
            let text = v.as_str().unwrap_or_else(|| panic!("{what} is not a JSON string: {v}"));
            let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
            assert_eq!(decimals, dp, "{what} = {text}");
        };
        for name in ["lines_net", "allowances", "charges", "net", "tax_total", "gross", "prepaid", "due"] {
            check(&value["totals"][name], name);
        }
        for group in value["totals"]["tax"].as_array().unwrap() {
            check(&group["base"], "tax base");
            check(&group["amount"], "tax amount");
        }
        for line in value["lines"].as_array().unwrap() {
            check(&line["net"], "line net");
        }
    }

    /// Reordering lines, allowances and charges changes no total.
    #[test]
    fn totals_do_not_depend_on_order(
        (spec, shuffled) in draft_spec().prop_flat_map(|spec| {
            let lines = Just(spec.lines.clone()).prop_shuffle();
            let allowances = Just(spec.allowances.clone()).prop_shuffle();
            let charges = Just(spec.charges.clone()).prop_shuffle();
            (Just(spec), lines, allowances, charges)
        }).prop_map(|(spec, lines, allowances, charges)| {
            // Adjustments follow their group, not their line index.
            let group_index = |a: &AdjustmentSpec| {
                let group = &spec.lines[a.group_of_line % spec.lines.len()].group;
                lines.iter().position(|l| &l.group == group).unwrap()
            };
            let remap = |items: Vec<AdjustmentSpec>| {
                items.into_iter().map(|a| AdjustmentSpec { group_of_line: group_index(&a), ..a }).collect()
            };
            let shuffled = DraftSpec {
                lines: lines.clone(),
                allowances: remap(allowances),
                charges: remap(charges),
                ..spec.clone()
            };
            (spec, shuffled)
        })
    ) {
        let a = check_spec(&spec);
        let b = check_spec(&shuffled);
        match (a, b) {
            (Some(a), Some(b)) => prop_assert_eq!(a.totals, b.totals),
            (None, None) => {}
            (a, b) => prop_assert!(false, "accepted in one order only: {:?} vs {:?}", a.is_some(), b.is_some()),
        }
    }
}

// ---------------------------------------------------------------------------------------
// The exact number readers.
// ---------------------------------------------------------------------------------------

/// Plain decimal text as a person writes it: `-?(0|[1-9]\d{0,11})(\.\d{1,6})?`.
fn plain_decimal() -> impl Strategy<Value = String> {
    (any::<bool>(), prop_oneof![Just("0".to_owned()), "[1-9][0-9]{0,11}"], proptest::option::of("[0-9]{1,6}")).prop_map(
        |(negative, int, frac)| {
            let mut text = String::new();
            if negative {
                text.push('-');
            }
            text.push_str(&int);
            if let Some(frac) = frac {
                text.push('.');
                text.push_str(&frac);
            }
            text
        },
    )
}

/// Independently of the product code, for `int.frac × 10^exp`: the number of decimals of
/// the exact value, and whether its magnitude exceeds 10^12.
fn oracle(int: &str, frac: &str, exp: i64) -> (usize, bool) {
    let mut digits = format!("{int}{frac}");
    let mut scale = frac.len() as i64 - exp;
    while scale > 0 && digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return (0, false);
    }
    let decimals = usize::try_from(scale.max(0)).unwrap();
    let int_digits = digits.len() as i64 - scale;
    // 10^12 itself has 13 integer digits and is allowed; anything else that long is not.
    let too_large = int_digits > 13 || (int_digits == 13 && digits.trim_end_matches('0') != "1");
    (decimals, too_large)
}

proptest! {
    #![proptest_config(config(1_000))]

    /// Decimal text → Decimal → text keeps the written scale and value.
    #[test]
    fn decimal_text_round_trips(text in plain_decimal()) {
        let value = money::parse_decimal_text(&text).unwrap();
        let expected = if value.is_zero() { text.trim_start_matches('-').to_owned() } else { text.clone() };
        prop_assert_eq!(value.to_string(), expected);
        prop_assert_eq!(money::parse_json_number(&text).unwrap(), value);
        prop_assert_eq!(value.scale() as usize, text.split_once('.').map_or(0, |(_, f)| f.len()));
    }

    /// Numbers with an exponent are read exactly: in range they equal the scientific
    /// value; otherwise the error says which limit they break.
    #[test]
    fn exponent_numbers_are_exact(
        negative in any::<bool>(),
        int in prop_oneof![Just("0".to_owned()), "[1-9][0-9]{0,6}"],
        frac in proptest::option::of("[0-9]{1,8}"),
        e_char in proptest::sample::select(vec!["e", "E"]),
        sign in proptest::sample::select(vec!["", "+", "-"]),
        exp in 0i64..=20,
    ) {
        let frac = frac.unwrap_or_default();
        let mantissa = if frac.is_empty() { int.clone() } else { format!("{int}.{frac}") };
        let text = format!("{}{mantissa}{e_char}{sign}{exp}", if negative { "-" } else { "" });
        let signed_exp = if sign == "-" { -exp } else { exp };
        let (decimals, too_large) = oracle(&int, &frac, signed_exp);
        let result = money::parse_json_number(&text);
        if decimals > 6 {
            prop_assert_eq!(result, Err(NumberError::TooPrecise), "{}", text);
        } else if too_large {
            prop_assert_eq!(result, Err(NumberError::TooLarge), "{}", text);
        } else {
            let value = result.unwrap();
            let scientific = Decimal::from_scientific(&text).unwrap();
            prop_assert_eq!(value, scientific, "{}", text);
            prop_assert!(value.normalize().scale() as usize <= 6);
            prop_assert!(!value.is_sign_negative() || !value.is_zero(), "-0 keeps no sign: {}", text);
        }
        // Strings never take exponents.
        prop_assert_eq!(money::parse_decimal_text(&text), Err(NumberError::NotDecimal));
    }

    /// `product_rounded` is the exact product rounded half away from zero.
    #[test]
    fn product_rounded_is_the_exact_product_rounded_once(
        a in (-10_000_000i64..=10_000_000, 0u32..=6),
        b in (0i64..=10_000_000, 0u32..=6),
        extra in 0u32..=2,
        dp in 0u32..=3,
    ) {
        let a = Decimal::new(a.0, a.1);
        let b = Decimal::new(b.0, b.1);
        let exact = a * b / Decimal::from(10i64.pow(extra));
        let rounded = money::product_rounded(&[a, b], extra, dp).unwrap();
        assert_rounded(rounded, exact, dp, "product");
        prop_assert_eq!(money::round_to(exact, dp), rounded);
    }
}

// ---------------------------------------------------------------------------------------
// Arbitrary drafts through the whole pipeline.
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// json::parse accepts exactly what serde_json accepts.
// ---------------------------------------------------------------------------------------

/// JSON whitespace, sometimes.
fn ws() -> impl Strategy<Value = String> {
    prop_oneof![4 => Just(String::new()), 1 => "[ \t\r\n]{1,3}"]
}

/// A valid JSON text with random whitespace, keys, escapes and numbers.
fn json_text() -> BoxedStrategy<String> {
    let number = "-?(0|[1-9][0-9]{0,12})(\\.[0-9]{1,8})?([eE][+-]?[0-9]{1,3})?";
    let string = prop_oneof![
        any::<String>().prop_map(|s| {
            let mut out = String::new();
            write_string(&mut out, &s);
            out
        }),
        // Escapes written out by hand, surrogate pairs included.
        proptest::collection::vec(
            proptest::sample::select(
                &[
                    "\\n",
                    "\\t",
                    "\\\"",
                    "\\\\",
                    "\\/",
                    "\\b",
                    "\\f",
                    "\\r",
                    "\\u00e9",
                    "\\ud83d\\ude00",
                    "a",
                    "é",
                    "\\u0000"
                ][..]
            ),
            0..6
        )
        .prop_map(|parts| format!("\"{}\"", parts.concat())),
    ];
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        number.prop_map(|n| n),
        string.clone(),
    ];
    leaf.prop_recursive(4, 32, 5, move |inner| {
        prop_oneof![
            proptest::collection::vec((ws(), inner.clone(), ws()), 0..5).prop_map(|items| {
                let parts: Vec<String> = items.into_iter().map(|(a, v, b)| format!("{a}{v}{b}")).collect();
                format!("[{}]", parts.join(","))
            }),
            proptest::collection::vec((ws(), string.clone(), ws(), inner, ws()), 0..5).prop_map(|items| {
                let parts: Vec<String> = items.into_iter().map(|(a, k, b, v, c)| format!("{a}{k}{b}:{v}{c}")).collect();
                format!("{{{}}}", parts.join(","))
            }),
        ]
    })
    .prop_flat_map(|text| (ws(), Just(text), ws()).prop_map(|(a, t, b)| format!("{a}{t}{b}")))
    .boxed()
}

/// Characters that make JSON interesting when inserted at random.
const JSON_NOISE: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "0",
    "1",
    "-",
    "+",
    ".",
    "e",
    "E",
    " ",
    "\n",
    "\t",
    "\u{0}",
    "\u{1f}",
    "t",
    "f",
    "n",
    "u",
    "NaN",
    "Infinity",
    "-Infinity",
    "null",
    "true",
    "false",
    "01",
    "1.",
    ".5",
    "//",
    "/*",
    "'",
    "\u{7f}",
    "é",
    "\u{FEFF}",
    "\\u",
    "\\ud800",
    "\\x",
    "x",
];

/// A text that may or may not be JSON: a valid text with a few edits, or noise.
fn maybe_json() -> BoxedStrategy<String> {
    prop_oneof![
        2 => json_text(),
        3 => (json_text(), proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, proptest::sample::select(JSON_NOISE)), 1..4))
            .prop_map(|(text, edits)| {
                let mut chars: Vec<char> = text.chars().collect();
                for (at, kind, noise) in edits {
                    let i = if chars.is_empty() { 0 } else { at.index(chars.len()) };
                    match kind {
                        0 if !chars.is_empty() => { chars.remove(i); }
                        1 => { chars.splice(i..i, noise.chars()); }
                        _ => { chars.truncate(i); }
                    }
                }
                chars.into_iter().collect()
            }),
        1 => proptest::collection::vec(proptest::sample::select(JSON_NOISE), 0..12).prop_map(|v| v.concat()),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config(4_000))]

    /// Same acceptance as serde_json (numbers outside f64's range aside, see the module
    /// docs; a leading BOM, which the reader skips on purpose, is removed for serde_json).
    #[test]
    fn json_parse_accepts_what_serde_json_accepts(text in maybe_json()) {
        let ours = json::parse(text.as_bytes());
        // The reader skips one leading BOM on purpose (a file BOM); serde_json does not.
        let theirs = serde_json::from_str::<serde_json::Value>(text.strip_prefix('\u{FEFF}').unwrap_or(&text));
        if let Err(e) = &theirs
            && e.to_string().contains("number out of range")
        {
            // serde_json turns 1e400 into an error; the reader keeps its text so the
            // decimal parser can report out_of_range. Nothing else may differ.
            return Ok(());
        }
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "ours: {:?}\nserde_json: {:?}\ntext: {:?}", ours.err(), theirs.err(), text);
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            prop_assert!(same_value(&ours, &theirs), "different values for {:?}", text);
        }
    }
}

proptest! {
    #![proptest_config(config(4_000))]

    /// The shortcuts of the text checks agree with the full checks.
    #[test]
    fn text_check_shortcuts_agree_with_the_full_checks(text in "(\\PC|[<:\\x00-\\x1f\\x7f-\\u{9f}\\u{180e}\\u{2000}-\\u{206f}\\u{feff}]){0,80}") {
        use invoice::security::text;
        for multiline in [false, true] {
            let by_char = text.chars().find(|c| text::forbidden_char(&c.to_string(), multiline).is_some());
            prop_assert_eq!(text::forbidden_char(&text, multiline), by_char);
        }
        let scan = text::scan(&text);
        prop_assert_eq!(scan.chars, text.chars().count());
        if !scan.maybe_forbidden {
            prop_assert_eq!(text::forbidden_char(&text, false), None);
            prop_assert_eq!(text::forbidden_char(&text, true), None);
        }
        if !scan.maybe_markup {
            prop_assert_eq!(text::find_markup(&text), None);
        }
    }
}

/// Structural equality of the two readers' results (numbers compared as decimals when
/// both can hold them, objects by their last value per key as serde_json keeps).
fn same_value(ours: &json::Json, theirs: &serde_json::Value) -> bool {
    use json::Json;
    match (ours, theirs) {
        (Json::Null, serde_json::Value::Null) => true,
        (Json::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Json::Number(text), serde_json::Value::Number(n)) => {
            // serde_json's number is an f64 or integer; compare exactly where the text is
            // an integer, else through f64 within a relative 1e-12 (serde_json's default
            // float parsing is not always correctly rounded; the reader keeps the text).
            match (text.parse::<i64>(), n.as_i64()) {
                (Ok(a), Some(b)) => a == b,
                _ => {
                    let a: f64 = text.parse().unwrap_or(f64::NAN);
                    let b = n.as_f64().unwrap_or(f64::NAN);
                    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
                }
            }
        }
        (Json::String(a), serde_json::Value::String(b)) => a == b,
        (Json::Array(a), serde_json::Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_value(x, y))
        }
        (Json::Object(a), serde_json::Value::Object(b)) => {
            let mut last: Vec<(&str, &Json)> = Vec::new();
            for (k, v) in a {
                last.retain(|(key, _)| *key != k.as_ref());
                last.push((k.as_ref(), v));
            }
            last.len() == b.len() && last.iter().all(|(k, v)| b.get(*k).is_some_and(|w| same_value(v, w)))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------
// Regressions: cases the generators found, kept as plain tests.
// ---------------------------------------------------------------------------------------

fn draft_with_payment(payment: &str) -> String {
    format!(
        r#"{{"currency":"EUR","seller":{{"name":"A"}},"buyer":{{"name":"B"}},"lines":[{{"description":"x","quantity":1,"unit_price":1}}],"payment":{payment}}}"#
    )
}

/// A BIC of 8 bytes whose 5th character is multi-byte (`ABCD€X`) used to slice a `str`
/// inside a character: a panic in `validate`, a 500 over HTTP.
#[test]
fn regression_multibyte_bic_is_invalid_value_not_a_panic() {
    for bic in ["ABCD€X", "ABCDé€", "ABCD€XYZ", "ABCDÉFGH", "ABCD€€€"] {
        let draft = draft_with_payment(&format!(r#"{{"bic":"{bic}"}}"#));
        let rejected = check_bytes(draft.as_bytes(), Options::default(), &Defaults::default(), today()).unwrap_err();
        assert_eq!(rejected.problems.len(), 1, "{bic}: {:?}", rejected.problems);
        assert_eq!(rejected.problems[0].path, "/payment/bic");
        assert_eq!(rejected.problems[0].code, Code::InvalidValue);
    }
}

/// A blank `payment.means` used to drop the whole `payment` object silently (the IBAN
/// the author gave was lost from a valid invoice), and a refused `means` hid every other
/// payment problem.
#[test]
fn regression_blank_means_keeps_the_rest_of_the_payment() {
    let draft = draft_with_payment(r#"{"iban":"DE89370400440532013000","means":"  ","terms":"30 days"}"#);
    let checked = check_bytes(draft.as_bytes(), Options::default(), &Defaults::default(), today()).unwrap();
    let payment = checked.invoice.payment.expect("payment kept");
    assert_eq!(payment.iban.as_deref(), Some("DE89370400440532013000"));
    assert_eq!(payment.terms.as_deref(), Some("30 days"));
    assert_eq!(payment.means, None);

    let draft = draft_with_payment(r#"{"means":"<b>x</b>","iban":"DE00123"}"#);
    let rejected = check_bytes(draft.as_bytes(), Options::default(), &Defaults::default(), today()).unwrap_err();
    let codes: Vec<(&str, Code)> = rejected.problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
    assert!(codes.contains(&("/payment/means", Code::MarkupNotAllowed)), "{codes:?}");
    assert!(codes.contains(&("/payment/iban", Code::InvalidIban)), "{codes:?}");
}

/// Regression (found by these properties): two lines of one tax group (same category and
/// rate) with different exemption reasons gave a breakdown whose `exemption_reason`
/// (BT-120) was the first line's, so reordering the lines changed the output. The group
/// now lists every distinct reason, sorted.
#[test]
fn exemption_reasons_do_not_depend_on_line_order() {
    let lines = [
        r#"{"description":"x","quantity":1,"unit_price":1,"tax_category":"E","tax_exemption_reason":"Reason one"}"#,
        r#"{"description":"y","quantity":1,"unit_price":2,"tax_category":"E","tax_exemption_reason":"Reason two"}"#,
    ];
    let totals = |first: &str, second: &str| {
        let draft = format!(
            r#"{{"currency":"EUR","seller":{{"name":"A"}},"buyer":{{"name":"B"}},"lines":[{first},{second}]}}"#
        );
        check_bytes(draft.as_bytes(), Options::default(), &Defaults::default(), today()).unwrap().invoice.totals
    };
    assert_eq!(totals(lines[0], lines[1]), totals(lines[1], lines[0]));
}
