//! A received invoice for a person or a program (SPEC 13.1 `einvoice show`): text, HTML, PDF
//! in en/de/fr, or JSON in the product's model, with the validation verdict on top.

use einvoice_rules::Report;

use crate::invoice::model::Language;
use crate::received::read::Received;

/// What `einvoice show --format` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text for a terminal.
    Text,
    /// One self-contained HTML page.
    Html,
    /// A PDF document.
    Pdf,
    /// The product's invoice model (section 2.4 shapes plus the 8.2 fields).
    Json,
}

/// Why a document could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum ShowError {
    /// The renderer failed.
    #[error("{0}")]
    Render(String),
}

/// The document's bytes in the asked format.
pub fn render(_received: &Received, _verdict: &Report, format: Format, _lang: Language) -> Result<Vec<u8>, ShowError> {
    Err(ShowError::Render(format!("showing as {format:?} is not built yet")))
}
