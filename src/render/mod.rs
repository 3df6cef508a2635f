//! Rendering an [`Invoice`] as text, HTML, JSON or PDF.
//!
//! Renderers return bytes; the caller decides where they go (stdout, a file, an HTTP
//! body). Every renderer treats all invoice text as untrusted.

pub(crate) mod document;
pub(crate) mod epc;
pub mod html;
pub mod logo;
pub mod pdf;
pub mod text;
pub mod vocabulary;

use crate::error::Error;
use crate::invoice::Invoice;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned plain text for terminals and e-mail.
    Text,
    /// One self-contained HTML file (inline CSS, no scripts).
    Html,
    /// The invoice as JSON.
    Json,
    /// A PDF document with an embedded font.
    Pdf,
}

impl Format {
    /// The HTTP content type of this format.
    #[must_use]
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Json => "application/json",
            Format::Pdf => "application/pdf",
        }
    }

    /// Whether the output is binary (never written to a terminal).
    #[must_use]
    pub fn is_binary(self) -> bool {
        self == Format::Pdf
    }
}

/// Paper size for PDF output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// Renders `invoice` in `format`.
///
/// # Errors
/// [`Error::Invalid`] with `unsupported_character` problems when the PDF font cannot
/// print a character; [`Error::Internal`] if serialization fails.
pub fn render(invoice: &Invoice, format: Format, paper: Paper) -> Result<Vec<u8>, Error> {
    render_with(invoice, format, paper, None)
}

/// Like [`render`], with the seller's logo (`[defaults] logo`) in the HTML.
///
/// # Errors
/// As [`render`].
pub fn render_with(
    invoice: &Invoice,
    format: Format,
    paper: Paper,
    logo: Option<&logo::Logo>,
) -> Result<Vec<u8>, Error> {
    match format {
        Format::Text => Ok(text::render(invoice).into_bytes()),
        Format::Html => Ok(html::render_with(invoice, paper, logo).into_bytes()),
        Format::Json => {
            let mut bytes = serde_json::to_vec_pretty(invoice)
                .map_err(|e| Error::Internal(format!("failed to serialize the invoice: {e}")))?;
            bytes.push(b'\n');
            Ok(bytes)
        }
        Format::Pdf => pdf::render_with(invoice, paper, logo),
    }
}

#[cfg(test)]
pub(crate) mod tests;
