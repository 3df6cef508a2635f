//! The exact number readers: decimal text and exponent numbers read exactly.

use super::*;
use crate::totals::assert_rounded;

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
