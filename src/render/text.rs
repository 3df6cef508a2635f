//! Plain-text rendering (placeholder until the text renderer lands).

use crate::invoice::Invoice;

/// Renders the invoice as aligned plain text.
#[must_use]
pub fn render(invoice: &Invoice) -> String {
    format!("{} {}\n", invoice.number.as_deref().unwrap_or("DRAFT"), invoice.totals.gross)
}
