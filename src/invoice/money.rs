//! Exact decimal money: reading numbers, currency minor units, and the one rounding rule.
//!
//! No binary floating point is used anywhere. Numbers are read from their source text;
//! products are formed on 128-bit integer mantissas so that `quantity × price ×
//! (100 − discount)` is exact before it is rounded once, half away from zero, to the
//! currency's minor units (SPEC 2.3).

use rust_decimal::Decimal;

/// Largest magnitude accepted for an input number (SPEC 2.2: above 10^12 is out of range).
pub const MAX_INPUT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0); // 10^12
/// Largest magnitude of any computed amount (line net, group base, totals): 10^15.
/// Keeping amounts this small keeps every intermediate product exact in 128 bits.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0); // 10^15
/// Most decimal places accepted for quantities, prices and rates.
pub const MAX_DECIMALS: u32 = 6;

/// Why a number could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// A string that is not a plain decimal (`"twelve"`, `"1_000"`, `"0x10"`).
    NotDecimal,
    /// Magnitude above 10^12.
    TooLarge,
    /// More than [`MAX_DECIMALS`] decimal places.
    TooPrecise,
}

/// Reads a JSON number's source text exactly (`80.5`, `-0`, `1.5e2`).
///
/// Decimal places are counted as written for plain numbers (`1.0000000` has 7) and from
/// the exact value for numbers with an exponent (`1.2345678e3` = 1234.5678 has 4).
///
/// # Errors
/// [`NumberError::TooLarge`] above 10^12 (also `1e400`), [`NumberError::TooPrecise`] for
/// more than 6 decimals, [`NumberError::NotDecimal`] for text outside the JSON grammar.
pub fn parse_json_number(text: &str) -> Result<Decimal, NumberError> {
    parse_number(text, true)
}

/// Reads `-?digits(.digits)?`, followed by an exponent where `exponent_allowed`.
fn parse_number(text: &str, exponent_allowed: bool) -> Result<Decimal, NumberError> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    // One pass finds the decimal point and the exponent marker and checks the digits.
    let mut dot = None;
    let mut exponent_at = None;
    for (i, &b) in rest.as_bytes().iter().enumerate() {
        match b {
            b'0'..=b'9' => {}
            b'.' if dot.is_none() => dot = Some(i),
            b'e' | b'E' if exponent_allowed => {
                exponent_at = Some(i);
                break;
            }
            _ => return Err(NumberError::NotDecimal),
        }
    }
    let (mantissa, exponent) = match exponent_at {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int_part, frac_part) = match dot {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    if int_part.is_empty() || (dot.is_some() && frac_part.is_empty()) {
        return Err(NumberError::NotDecimal);
    }
    let Some(exponent) = exponent else {
        return build(negative, int_part, frac_part);
    };
    // value = digits × 10^(exp − frac_len)
    if int_part.bytes().chain(frac_part.bytes()).all(|b| b == b'0') {
        parse_exponent(exponent).or_else(|e| if e == NumberError::NotDecimal { Err(e) } else { Ok(0) })?;
        return Ok(Decimal::ZERO);
    }
    let exp = parse_exponent(exponent)?;
    let mut digits: String = format!("{int_part}{frac_part}");
    let mut scale = i64::try_from(frac_part.len()).map_err(|_| NumberError::TooLarge)? - exp;
    // The exact value decides: drop trailing zeros before counting decimals.
    while scale > 0 && digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    if scale > i64::from(MAX_DECIMALS) {
        return Err(NumberError::TooPrecise);
    }
    // Integer digits of the value = len(digits) − scale; above 13 is surely > 10^12.
    let int_digits = i64::try_from(digits.len()).map_err(|_| NumberError::TooLarge)? - scale;
    if int_digits > 13 {
        return Err(NumberError::TooLarge);
    }
    let (int_text, frac_text) = if scale <= 0 {
        let zeros = usize::try_from(-scale).map_err(|_| NumberError::TooLarge)?;
        (format!("{digits}{}", "0".repeat(zeros)), String::new())
    } else {
        let scale = usize::try_from(scale).map_err(|_| NumberError::TooLarge)?;
        if digits.len() > scale {
            let split = digits.len() - scale;
            (digits[..split].to_owned(), digits[split..].to_owned())
        } else {
            ("0".to_owned(), format!("{}{digits}", "0".repeat(scale - digits.len())))
        }
    };
    build(negative, &int_text, &frac_text)
}

fn parse_exponent(text: &str) -> Result<i64, NumberError> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::NotDecimal);
    }
    let digits = digits.trim_start_matches('0');
    // Anything beyond 4 digits is far outside what a valid amount can need.
    if digits.len() > 4 {
        return Err(if negative { NumberError::TooPrecise } else { NumberError::TooLarge });
    }
    let value: i64 = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| NumberError::NotDecimal)? };
    Ok(if negative { -value } else { value })
}

/// Reads a string field that should hold a plain decimal: `-?digits(.digits)?`.
///
/// # Errors
/// [`NumberError::NotDecimal`] for anything else (`"1e3"`, `"1_000"`, `"0x10"`, `"twelve"`),
/// and the range errors of [`parse_json_number`].
pub fn parse_decimal_text(text: &str) -> Result<Decimal, NumberError> {
    parse_number(text, false)
}

fn build(negative: bool, int_part: &str, frac_part: &str) -> Result<Decimal, NumberError> {
    if frac_part.len() > MAX_DECIMALS as usize {
        return Err(NumberError::TooPrecise);
    }
    let int_trimmed = int_part.trim_start_matches('0');
    if int_trimmed.len() > 13 {
        return Err(NumberError::TooLarge);
    }
    // At most 13 + 6 digits: the mantissa fits a u64 without overflow.
    let mut mantissa: u64 = 0;
    for b in int_trimmed.bytes().chain(frac_part.bytes()) {
        mantissa = mantissa * 10 + u64::from(b - b'0');
    }
    let scale = u32::try_from(frac_part.len()).map_err(|_| NumberError::TooPrecise)?;
    // value > 10^12 exactly when mantissa > 10^(12 + scale); at most 10^18, a u64.
    if mantissa > 10u64.pow(12 + scale) {
        return Err(NumberError::TooLarge);
    }
    let value = Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).map_err(|_| NumberError::TooLarge)?;
    // "-0" is zero and keeps no sign.
    Ok(if negative && !value.is_zero() { -value } else { value })
}

/// Minor units (decimal places) of an active ISO 4217 currency: JPY 0, EUR 2, KWD 3.
/// `None` for unknown codes, withdrawn codes (HRK, BGN, SLL, ZWL, CUC: the ones
/// `iso_currency` marks as superseded) and codes without minor units (gold, SDR, ...).
#[must_use]
pub fn minor_units(code: &str) -> Option<u32> {
    let currency = iso_currency::Currency::from_code(code)?;
    // ISO still lists VES as active next to its successor VED, so it stays accepted.
    if currency.is_superseded().is_some() && code != "VES" {
        return None;
    }
    currency.exponent().map(u32::from)
}

/// Multiplies exact decimals and divides by `10^extra_scale`, then rounds once, half away
/// from zero, to `dp` decimal places. `None` if the exact product does not fit 128 bits
/// or the result exceeds [`MAX_AMOUNT`].
#[must_use]
pub fn product_rounded(factors: &[Decimal], extra_scale: u32, dp: u32) -> Option<Decimal> {
    let mut mantissa: i128 = 1;
    let mut scale: u32 = extra_scale;
    // Not normalized first: a product that only overflows because of trailing zeros is
    // above MAX_AMOUNT anyway, since inputs have at most 6 decimals.
    for factor in factors {
        mantissa = mantissa.checked_mul(factor.mantissa())?;
        scale += factor.scale();
    }
    let rounded = if scale > dp {
        let divisor = 10i128.checked_pow(scale - dp)?;
        div_round_half_away(mantissa, divisor)
    } else {
        mantissa.checked_mul(10i128.checked_pow(dp - scale)?)?
    };
    // |value| <= 10^15 exactly when |rounded| <= 10^(15 + dp).
    if rounded.unsigned_abs() > 10u128.checked_pow(15 + dp)? {
        return None;
    }
    Decimal::try_from_i128_with_scale(rounded, dp).ok()
}

/// Integer division rounding half away from zero.
fn div_round_half_away(n: i128, d: i128) -> i128 {
    // Most products fit 64 bits, where division is a single instruction rather than a
    // call into the 128-bit routine.
    if let (Ok(n), Ok(d @ 1..)) = (i64::try_from(n), i64::try_from(d)) {
        let (q, r) = (n / d, n % d);
        return i128::from(if r.unsigned_abs() * 2 >= d.unsigned_abs() { q + n.signum() } else { q });
    }
    let q = n / d;
    let r = n % d;
    if r.unsigned_abs() * 2 >= d.unsigned_abs() { q + n.signum() } else { q }
}

/// Rounds an amount half away from zero to `dp` places and fixes its scale to exactly `dp`
/// so it serializes with the currency's minor units (`"1428.00"`).
#[must_use]
pub fn round_to(value: Decimal, dp: u32) -> Decimal {
    let mut v = value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    v.rescale(dp);
    v
}

/// Adds amounts, `None` when the sum leaves the supported range.
#[must_use]
pub fn checked_sum<'a>(values: impl IntoIterator<Item = &'a Decimal>) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for v in values {
        total = total.checked_add(*v)?;
    }
    (total.abs() <= MAX_AMOUNT).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn limits_are_what_they_say() {
        assert_eq!(MAX_INPUT, d("1000000000000"));
        assert_eq!(MAX_AMOUNT, d("1000000000000000"));
    }

    #[test]
    fn json_numbers_are_read_exactly() {
        assert_eq!(parse_json_number("80.5").unwrap().to_string(), "80.5");
        assert_eq!(parse_json_number("12.50").unwrap().to_string(), "12.50");
        assert_eq!(parse_json_number("1.5e2").unwrap(), d("150"));
        assert_eq!(parse_json_number("1.2345678e3").unwrap(), d("1234.5678"));
        assert_eq!(parse_json_number("-0").unwrap(), Decimal::ZERO);
        assert!(!parse_json_number("-0").unwrap().is_sign_negative());
        assert_eq!(parse_json_number("1000000000000").unwrap(), MAX_INPUT);
        assert_eq!(parse_json_number("1e12").unwrap(), MAX_INPUT);
        assert_eq!(parse_json_number("0e999999").unwrap(), Decimal::ZERO);
    }

    #[test]
    fn json_numbers_out_of_range() {
        assert_eq!(parse_json_number("1e400"), Err(NumberError::TooLarge));
        assert_eq!(parse_json_number("-1e400"), Err(NumberError::TooLarge));
        assert_eq!(parse_json_number("1000000000000.01"), Err(NumberError::TooLarge));
        assert_eq!(parse_json_number("1.0000000"), Err(NumberError::TooPrecise));
        assert_eq!(parse_json_number("1e-7"), Err(NumberError::TooPrecise));
        assert_eq!(parse_json_number("1e-400"), Err(NumberError::TooPrecise));
        assert_eq!(parse_json_number("99999999999999999999999999999999999"), Err(NumberError::TooLarge));
    }

    #[test]
    fn strings_must_be_plain_decimals() {
        assert_eq!(parse_decimal_text("120.00").unwrap().to_string(), "120.00");
        for bad in ["twelve", "1_000", "0x10", "1e3", "", "-", "1.", ".5", "+1", "1,5", " 1"] {
            assert_eq!(parse_decimal_text(bad), Err(NumberError::NotDecimal), "{bad}");
        }
    }

    #[test]
    fn point_one_plus_point_two_is_point_three() {
        let sum = parse_json_number("0.1").unwrap() + parse_json_number("0.2").unwrap();
        assert_eq!(sum, d("0.3"));
        assert_eq!(sum.to_string(), "0.3");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_to(d("2.005"), 2).to_string(), "2.01");
        assert_eq!(round_to(d("2.015"), 2).to_string(), "2.02");
        assert_eq!(round_to(d("2.025"), 2).to_string(), "2.03"); // banker's would give 2.02
        assert_eq!(round_to(d("-2.005"), 2).to_string(), "-2.01");
        assert_eq!(round_to(d("2.0049"), 2).to_string(), "2.00");
        assert_eq!(product_rounded(&[d("0.5")], 0, 0), Some(d("1")));
        assert_eq!(product_rounded(&[d("-0.5")], 0, 0), Some(d("-1")));
        assert_eq!(product_rounded(&[d("1.005"), d("1")], 0, 2).unwrap().to_string(), "1.01");
        assert_eq!(product_rounded(&[d("3"), d("0.335")], 0, 2).unwrap().to_string(), "1.01");
    }

    #[test]
    fn currency_minor_units_come_from_iso_4217() {
        assert_eq!(minor_units("EUR"), Some(2));
        assert_eq!(minor_units("JPY"), Some(0));
        assert_eq!(minor_units("KWD"), Some(3));
        assert_eq!(minor_units("XAU"), None);
        assert_eq!(minor_units("XYZ"), None);
        assert_eq!(minor_units("HRK"), None); // replaced by EUR in 2023
        assert_eq!(minor_units("VES"), Some(2));
        assert_eq!(round_to(d("1500"), 0).to_string(), "1500");
        assert_eq!(round_to(d("12.5"), 3).to_string(), "12.500");
        assert_eq!(round_to(d("1428"), 2).to_string(), "1428.00");
    }

    #[test]
    fn overflow_is_none_never_a_panic() {
        let big = d("1000000000000");
        assert_eq!(product_rounded(&[big, big], 0, 2), None);
        assert_eq!(product_rounded(&[big, big, big, big], 2, 2), None);
        assert_eq!(checked_sum(&[MAX_AMOUNT, d("0.01")]), None);
    }

    #[test]
    fn products_are_exact_before_the_one_rounding() {
        // 3 × 33.333333 × (100 − 10) / 100 = 89.9999991 → 90.00
        assert_eq!(product_rounded(&[d("3"), d("33.333333"), d("90")], 2, 2).unwrap().to_string(), "90.00");
        // 0.1 × 0.1 × 50 = 0.5 → 1 in JPY
        assert_eq!(product_rounded(&[d("0.1"), d("0.1"), d("50")], 0, 0).unwrap().to_string(), "1");
    }
}
