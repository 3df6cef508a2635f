//! PDF rendering (placeholder until the PDF renderer lands).

use super::Paper;
use crate::error::Error;
use crate::invoice::Invoice;

/// Renders the invoice as a PDF document.
///
/// # Errors
/// Not implemented yet.
pub fn render(_invoice: &Invoice, _paper: Paper) -> Result<Vec<u8>, Error> {
    Err(Error::Internal("PDF rendering is not implemented yet".into()))
}
