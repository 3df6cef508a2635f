//! Regressions: cases the generators found, kept as plain tests.

use super::*;

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
