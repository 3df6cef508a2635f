//! EN 16931 e-invoices (SPEC 8): UBL 2.1 and UN/CEFACT CII D16B XML, the XRechnung and
//! Peppol profiles, and Factur-X (a PDF/A-3b with the CII XML embedded).
//!
//! Before anything is written, [`requirements`] checks the invoice against the chosen
//! profile: what the XML cannot express is refused (an `einvoice_requirement` problem
//! naming the business term and the rule), never approximated. The writers then map each
//! stored field to its business term; every amount is the stored one, unchanged.

pub mod cii;
pub mod facturx;
pub mod ubl;
pub(crate) mod xml;

pub use crate::invoice::eas;
pub use crate::invoice::einvoice::{Format, PEPPOL_PROCESS, Profile, check_pair, requirements};

use crate::error::Error;
use crate::invoice::Invoice;
use crate::invoice::problem::{Code, Problem};

/// The payment terms (BT-20) of a credit note's e-invoice: it asks for no payment and has
/// no due date (SPEC 12.4); the same words whatever the document language, as every
/// e-invoice field the product writes itself.
pub const CREDIT_NOTE_TERMS: &str =
    "Credit note: nothing is to be paid. The amount is refunded or set off against open invoices.";

/// The problem a draft gets when asked for an e-invoice: it has no number (BT-1).
#[must_use]
pub fn draft_refusal() -> Problem {
    Problem::new(
        "",
        Code::EinvoiceRequirement,
        "BT-1 invoice number is required by EN 16931 (BR-02): a draft has none; issue it first, or check it with `invoice validate --profile P`",
    )
}

/// Checks `invoice` against `profile` and writes it as an XML e-invoice (UBL or CII).
/// For Factur-X see [`facturx::render`].
///
/// # Errors
/// [`Error::Invalid`] with every `einvoice_requirement` problem; [`Error::Usage`] for a
/// format/profile pair that does not exist; [`Error::Internal`] if writing fails.
pub fn render_xml(invoice: &Invoice, format: Format, profile: Profile) -> Result<Vec<u8>, Error> {
    check_pair(format, profile).map_err(Error::Usage)?;
    ensure(invoice, profile)?;
    match format {
        Format::Ubl => ubl::write(invoice, profile),
        Format::Cii | Format::Facturx => cii::write(invoice, profile),
    }
}

/// Fails with every unmet requirement of `profile`, including a missing number.
///
/// # Errors
/// [`Error::Invalid`] listing the `einvoice_requirement` problems.
pub fn ensure(invoice: &Invoice, profile: Profile) -> Result<(), Error> {
    let mut problems = Vec::new();
    if invoice.number.is_none() {
        problems.push(draft_refusal());
    }
    problems.extend(requirements(invoice, profile));
    if problems.is_empty() { Ok(()) } else { Err(Error::Invalid { problems }) }
}

/// UNTDID 4461 code of a payment means (BT-81).
#[must_use]
pub fn means_code(means: crate::invoice::model::PaymentMeans) -> &'static str {
    use crate::invoice::model::PaymentMeans as M;
    match means {
        M::CreditTransfer => "30",
        M::SepaCreditTransfer => "58",
        M::DirectDebit => "49",
        M::SepaDirectDebit => "59",
        M::Card => "48",
        M::Cash => "10",
        M::Cheque => "20",
        M::Other => "1",
    }
}

/// A line's gross amount before its discount (BT-137 base of the BG-27 allowance) and the
/// allowance amount (BT-136), chosen so that base − allowance equals the stored net
/// (BT-131) exactly. `None` when the line has no discount.
#[must_use]
pub fn line_allowance(
    line: &crate::invoice::model::InvoiceLine,
    dp: u32,
) -> Option<(rust_decimal::Decimal, rust_decimal::Decimal)> {
    line.discount_percent.filter(|d| !d.is_zero())?;
    let base = crate::invoice::money::product_rounded(&[line.quantity, line.unit_price], 0, dp)?;
    let allowance = base.checked_sub(line.net)?;
    Some((base, allowance))
}

/// The discount percentage to write with a line allowance (BT-138, with its base BT-137),
/// only when it agrees with the base and the amount to the cent: in a currency without
/// cents (JPY) the rounded allowance differs from base × percentage, which the Peppol
/// rules that XRechnung adopts refuse (PEPPOL-EN16931-R040), and a base without a
/// percentage is refused too (R042). Both are optional; then the amount alone carries the
/// discount exactly.
#[must_use]
pub fn line_discount_percent(
    line: &crate::invoice::model::InvoiceLine,
    base: rust_decimal::Decimal,
    allowance: rust_decimal::Decimal,
) -> Option<rust_decimal::Decimal> {
    let percent = line.discount_percent?;
    let expected = base.checked_mul(percent)?.checked_div(rust_decimal::Decimal::ONE_HUNDRED)?;
    let off = expected.checked_sub(allowance)?.abs();
    (off < rust_decimal::Decimal::new(1, 2)).then_some(percent)
}

/// The deliver-to address (BG-15): the draft's, else for an intra-community supply
/// (category K) the buyer's address (BR-IC-12).
#[must_use]
pub fn deliver_to(invoice: &Invoice) -> Option<&crate::invoice::model::Address> {
    let intra = invoice.totals.tax.iter().any(|g| g.category == crate::invoice::model::TaxCategory::K);
    invoice.delivery_address.as_ref().or(if intra { invoice.buyer.address.as_ref() } else { None })
}

#[cfg(test)]
mod tests;
