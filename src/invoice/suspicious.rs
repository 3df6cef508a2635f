//! Values every rule accepts but that are probably a mistake: warnings, never refusals.
//!
//! A tax rate above 0 and below 1 (`0.19`) is how spreadsheet users write 19 %; it is
//! accepted (a 0.5 % rate exists somewhere) but reported as `suspicious_value` (SPEC 11),
//! by the CLI on stderr and by the daemon in its `warnings` array. So is VAT at the
//! standard rate charged by an EU seller to a buyer outside the EU (SPEC 15): exports
//! are usually category G.

use rust_decimal::Decimal;

use super::model::{Invoice, Party, TaxCategory};
use super::problem::{Code, Problem};

/// Warnings about the computed invoice, one per suspicious field.
pub(crate) fn warnings(invoice: &Invoice) -> Vec<Problem> {
    let lines = invoice.lines.iter().enumerate().map(|(i, l)| (format!("/lines/{i}/tax_rate"), l.tax_rate));
    let allowances =
        invoice.allowances.iter().enumerate().map(|(i, a)| (format!("/allowances/{i}/tax_rate"), a.tax_rate));
    let charges = invoice.charges.iter().enumerate().map(|(i, c)| (format!("/charges/{i}/tax_rate"), c.tax_rate));
    let mut warnings: Vec<Problem> =
        lines.chain(allowances).chain(charges).filter_map(|(path, rate)| fraction_rate(&path, rate)).collect();
    warnings.extend(standard_rate_export(invoice));
    warnings
}

/// EU member states (ISO 3166-1 alpha-2).
const EU: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

fn country(party: &Party) -> Option<&str> {
    party.address.as_ref().and_then(|a| a.country.as_deref())
}

/// Standard-rate VAT from a seller in the EU to a buyer outside it: accepted (a service
/// may be taxable where the seller is), but usually an export of category G.
fn standard_rate_export(invoice: &Invoice) -> Option<Problem> {
    let (seller, buyer) = (country(&invoice.seller)?, country(&invoice.buyer)?);
    if !EU.contains(&seller) || EU.contains(&buyer) {
        return None;
    }
    let standard = invoice.lines.iter().any(|l| l.tax_category == TaxCategory::S)
        || invoice.allowances.iter().chain(&invoice.charges).any(|a| a.tax_category == TaxCategory::S);
    standard.then(|| {
        Problem::new(
            "/buyer/address/country",
            Code::SuspiciousValue,
            format!(
                "VAT at the standard rate (category S) to a buyer in {buyer}, outside the EU: export outside the EU is usually category G"
            ),
        )
    })
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

    fn warnings_for_countries(seller: &str, buyer: &str, category: &str, rate: &str) -> Vec<Problem> {
        let reason = if category == "S" { "" } else { r#", "tax_exemption_reason": "Export""# };
        let draft = format!(
            r#"{{"issue_date": "2026-11-27", "currency": "EUR",
                "seller": {{"name": "Acme", "address": {{"country": "{seller}"}}}},
                "buyer": {{"name": "Globex", "vat_id": "X1", "address": {{"country": "{buyer}"}}}},
                "lines": [{{"description": "x", "quantity": "1", "unit_price": "10", "tax_rate": "{rate}",
                            "tax_category": "{category}"{reason}}}]}}"#
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        check_bytes(draft.as_bytes(), Options::default(), &Defaults::default(), today).unwrap().warnings
    }

    #[test]
    fn standard_rate_vat_to_a_buyer_outside_the_eu_is_accepted_with_a_warning() {
        let warnings = warnings_for_countries("DE", "US", "S", "19");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].code, Code::SuspiciousValue);
        assert_eq!(warnings[0].path, "/buyer/address/country");
        assert!(
            warnings[0].message.ends_with("export outside the EU is usually category G"),
            "{}",
            warnings[0].message
        );
        // Inside the EU, an export category, or a seller outside the EU: nothing to say.
        assert!(warnings_for_countries("DE", "FR", "S", "19").is_empty());
        assert!(warnings_for_countries("DE", "US", "G", "0").is_empty());
        assert!(warnings_for_countries("GB", "US", "S", "20").is_empty());
    }

    #[test]
    fn ordinary_rates_give_no_warning() {
        for rate in ["0", "1", "7", "19", "25.5"] {
            assert!(warnings_for(rate).is_empty(), "{rate}");
        }
    }
}
