//! The EPC QR code ("GiroCode", EPC069-12 version 002, UTF-8) printed on invoices that
//! ask to be paid by credit transfer in euros (SPEC 10), so a banking app pre-fills the
//! transfer. It is left out, never approximated, whenever one of its conditions fails.

use qrcode::{EcLevel, QrCode};
use rust_decimal::Decimal;

use super::document::{self, Standing};
use crate::invoice::Invoice;
use crate::invoice::model::PaymentMeans;

/// The largest amount EPC069-12 allows.
/// (99,999,999,999 hundredths: low and middle 32-bit words.)
const MAX_AMOUNT: Decimal = Decimal::from_parts(1_215_752_191, 23, 0, false, 2);
/// Beneficiary name: at most 70 characters.
const MAX_NAME: usize = 70;
/// Unstructured remittance information: at most 140 characters.
const MAX_TEXT: usize = 140;

/// The QR payload, or `None` when the invoice does not qualify: issued (not a draft), payable
/// (not paid, void, credited or a credit note), in EUR, by (SEPA) credit transfer to an
/// IBAN, with an amount due above 0 and at most 999,999,999.99, and a seller name and a
/// remittance text that fit the standard's limits.
pub(crate) fn payload(invoice: &Invoice) -> Option<String> {
    if document::is_draft(invoice) || document::standing(invoice) != Standing::Payable || invoice.currency != "EUR" {
        return None;
    }
    let payment = invoice.payment.as_ref()?;
    if !matches!(payment.means, Some(PaymentMeans::CreditTransfer | PaymentMeans::SepaCreditTransfer)) {
        return None;
    }
    let iban: String = payment.iban.as_deref()?.chars().filter(|c| !c.is_whitespace()).collect();
    // The balance of a stored invoice after its payments and credit notes (SPEC 12.4).
    let due = document::amount_to_pay(invoice);
    if due <= Decimal::ZERO || due > MAX_AMOUNT {
        return None;
    }
    let name = invoice.seller.name.as_deref()?.trim();
    let text = document::payment_reference(invoice).unwrap_or_default();
    if name.is_empty() || name.chars().count() > MAX_NAME || text.chars().count() > MAX_TEXT {
        return None;
    }
    if [name, text].iter().any(|t| t.contains(['\n', '\r'])) {
        return None;
    }
    let bic: String = payment.bic.as_deref().unwrap_or_default().chars().filter(|c| !c.is_whitespace()).collect();
    let mut amount = due.normalize();
    if amount.scale() < 2 && amount.fract() != Decimal::ZERO {
        amount.rescale(2);
    }
    // Service tag, version, character set (1 = UTF-8), identification, BIC, name, IBAN,
    // amount, purpose, structured reference, unstructured remittance text.
    let fields = ["BCD", "002", "1", "SCT", &bic, name, &iban, &format!("EUR{amount}"), "", "", text];
    Some(fields.join("\n"))
}

/// The code's modules, row by row (`true` is dark), without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Matrix {
    /// Modules per side.
    pub(crate) size: usize,
    /// `size × size` modules.
    pub(crate) dark: Vec<bool>,
}

impl Matrix {
    /// Whether the module at column `x`, row `y` is dark.
    pub(crate) fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark.get(y * self.size + x).copied().unwrap_or(false)
    }
}

/// The invoice's EPC QR code (error correction level M, as EPC069-12 asks), if it has one.
pub(crate) fn code(invoice: &Invoice) -> Option<Matrix> {
    let payload = payload(invoice)?;
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
    let size = code.width();
    let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    Some(Matrix { size, dark })
}

/// The code as an inline SVG (no style, no script: only `fill` attributes, so the HTML's
/// strict Content Security Policy is untouched), with a four-module quiet zone.
pub(crate) fn svg(matrix: &Matrix, label: &str) -> String {
    let side = matrix.size + 8;
    let mut path = String::new();
    for y in 0..matrix.size {
        for x in 0..matrix.size {
            if matrix.is_dark(x, y) {
                path.push_str(&format!("M{} {}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    format!(
        "<svg class=\"qr\" viewBox=\"0 0 {side} {side}\" role=\"img\" \
         aria-label=\"{label}\" shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>"
    )
}

#[cfg(test)]
pub(crate) mod tests;
