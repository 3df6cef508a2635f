//! Totals are the sum of their parts, round correctly, round-trip and ignore order (valid generated drafts).

use super::*;

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

pub(crate) fn minor_units_of(currency: &str) -> u32 {
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
            // A VAT id: reverse-charge lines need one (SPEC 15, `missing_field`).
            ("buyer", obj(vec![("name", s("Globex Ltd")), ("vat_id", s("ATU12345678"))])),
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
pub(crate) fn assert_rounded(rounded: Decimal, exact: Decimal, dp: u32, what: &str) {
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
