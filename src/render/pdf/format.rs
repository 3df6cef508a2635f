//! How numbers, units and identifiers are written on the PDF.
//!
//! The document is in English, so amounts use a comma for thousands and a point for
//! decimals (`1,488.43`). Amounts keep exactly the currency's minor units the model
//! gives them; nothing here rounds.

use rust_decimal::Decimal;

/// An amount with thousands separators: `1,488.43`, `-20.00`, `1,500` (JPY).
pub(super) fn amount(value: Decimal) -> String {
    group(&value.to_string())
}

/// An amount with the sign turned, for allowances and prepayments: `-20.00`.
pub(super) fn negated(value: Decimal) -> String {
    if value.is_zero() { amount(value) } else { amount(-value) }
}

/// A quantity without trailing zeros: `10`, `1.5`, `1,000`.
pub(super) fn quantity(value: Decimal) -> String {
    group(&value.normalize().to_string())
}

/// A unit price with at least the currency's minor units: `80.50`, `0.123456`.
pub(super) fn price(value: Decimal, minor_units: u32) -> String {
    let mut v = value.normalize();
    if v.scale() < minor_units {
        v.rescale(minor_units);
    }
    group(&v.to_string())
}

/// A percentage without trailing zeros: `19%`, `7.5%`.
pub(super) fn percent(value: Decimal) -> String {
    format!("{}%", value.normalize())
}

/// A short, readable label for a UN/ECE Rec 20 unit code; other codes print as is.
/// The same labels as the text and HTML documents, from one table.
pub(super) fn unit(code: &str) -> &str {
    crate::render::text::unit_label(code)
}

/// An IBAN in groups of four, as printed on paper: `DE89 3704 0044 0532 0130 00`.
pub(super) fn iban(value: &str) -> String {
    let compact: Vec<char> = value.chars().filter(|c| !c.is_whitespace()).collect();
    compact.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// Inserts thousands separators into a plain decimal string (`-1234.5` → `-1,234.5`).
fn group(plain: &str) -> String {
    let (sign, digits) = plain.strip_prefix('-').map_or(("", plain), |rest| ("-", rest));
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(plain.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn amounts_get_thousands_separators_and_keep_their_minor_units() {
        assert_eq!(amount(d("1488.43")), "1,488.43");
        assert_eq!(amount(d("-1234567.5")), "-1,234,567.5");
        assert_eq!(amount(d("1500")), "1,500");
        assert_eq!(amount(d("12.500")), "12.500");
        assert_eq!(amount(d("999.00")), "999.00");
        assert_eq!(negated(d("20.00")), "-20.00");
        assert_eq!(negated(d("0.00")), "0.00");
    }

    #[test]
    fn quantities_prices_and_rates_drop_or_pad_decimals() {
        assert_eq!(quantity(d("10.000")), "10");
        assert_eq!(quantity(d("1000")), "1,000");
        assert_eq!(price(d("80.5"), 2), "80.50");
        assert_eq!(price(d("0.123456"), 2), "0.123456");
        assert_eq!(price(d("1500"), 0), "1,500");
        assert_eq!(percent(d("19.00")), "19%");
        assert_eq!(percent(d("7.5")), "7.5%");
    }

    #[test]
    fn units_and_ibans_are_made_readable() {
        assert_eq!(unit("HUR"), "h");
        assert_eq!(unit("XYZ"), "XYZ");
        assert_eq!(iban("DE89370400440532013000"), "DE89 3704 0044 0532 0130 00");
    }
}
