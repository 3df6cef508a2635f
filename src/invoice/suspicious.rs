//! Values every rule accepts but that are probably a mistake: warnings, never refusals.
//!
//! A tax rate above 0 and below 1 (`0.19`) is how spreadsheet users write 19 %; it is
//! accepted (a 0.5 % rate exists somewhere) but reported as `suspicious_value` (SPEC 11),
//! by the CLI on stderr and by the daemon in its `warnings` array.

use rust_decimal::Decimal;

use super::model::Invoice;
use super::problem::{Code, Problem};

/// Warnings about the computed invoice, one per suspicious field.
pub(crate) fn warnings(invoice: &Invoice) -> Vec<Problem> {
    let lines = invoice.lines.iter().enumerate().map(|(i, l)| (format!("/lines/{i}/tax_rate"), l.tax_rate));
    let allowances =
        invoice.allowances.iter().enumerate().map(|(i, a)| (format!("/allowances/{i}/tax_rate"), a.tax_rate));
    let charges = invoice.charges.iter().enumerate().map(|(i, c)| (format!("/charges/{i}/tax_rate"), c.tax_rate));
    lines.chain(allowances).chain(charges).filter_map(|(path, rate)| fraction_rate(&path, rate)).collect()
}

/// `0.19` % VAT: did you mean 19?
fn fraction_rate(path: &str, rate: Decimal) -> Option<Problem> {
    if rate <= Decimal::ZERO || rate >= Decimal::ONE {
        return None;
    }
    let meant = (rate * Decimal::ONE_HUNDRED).normalize();
    let message = format!("{} % VAT — did you mean {meant}?", rate.normalize());
    Some(Problem::new(path, Code::SuspiciousValue, message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invoice::{Defaults, check_bytes, parse::Options};
    use chrono::NaiveDate;

    fn warnings_for(rate: &str) -> Vec<Problem> {
        let draft = format!(
            r#"{{"issue_date": "2026-11-27", "currency": "EUR",
                "seller": {{"name": "Acme"}}, "buyer": {{"name": "Globex"}},
                "lines": [{{"description": "x", "quantity": "1", "unit_price": "10", "tax_rate": "{rate}"}}]}}"#
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        check_bytes(draft.as_bytes(), Options::default(), &Defaults::default(), today).unwrap().warnings
    }

    #[test]
    fn a_fraction_of_one_percent_is_accepted_with_a_warning() {
        let warnings = warnings_for("0.19");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].code, Code::SuspiciousValue);
        assert_eq!(warnings[0].path, "/lines/0/tax_rate");
        assert_eq!(warnings[0].message, "0.19 % VAT — did you mean 19?");
        assert_eq!(warnings_for("0.5")[0].message, "0.5 % VAT — did you mean 50?");
    }

    #[test]
    fn ordinary_rates_give_no_warning() {
        for rate in ["0", "1", "7", "19", "25.5"] {
            assert!(warnings_for(rate).is_empty(), "{rate}");
        }
    }
}
