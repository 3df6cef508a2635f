//! HTML rendering (placeholder until the HTML renderer lands).

use crate::invoice::Invoice;

/// Renders the invoice as one self-contained HTML document.
#[must_use]
pub fn render(invoice: &Invoice) -> String {
    format!("<!doctype html><title>{}</title>\n", invoice.totals.gross)
}
