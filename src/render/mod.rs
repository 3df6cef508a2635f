//! Rendering an [`Invoice`] as text, HTML, JSON or PDF.
//!
//! Renderers return bytes; the caller decides where they go (stdout, a file, an HTTP
//! body). Every renderer treats all invoice text as untrusted.

pub(crate) mod document;
pub mod einvoice;
pub(crate) mod epc;
pub mod html;
pub mod logo;
pub mod pdf;
pub mod receivables;
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
    /// EN 16931 e-invoice as OASIS UBL 2.1 XML (SPEC 8).
    Ubl,
    /// EN 16931 e-invoice as UN/CEFACT CII D16B XML (SPEC 8).
    Cii,
    /// Factur-X: the PDF as PDF/A-3b with the CII XML embedded (SPEC 8).
    Facturx,
}

impl Format {
    /// The HTTP content type of this format.
    #[must_use]
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Json => "application/json",
            Format::Pdf | Format::Facturx => "application/pdf",
            Format::Ubl | Format::Cii => "application/xml",
        }
    }

    /// Whether the output is binary (never written to a terminal).
    #[must_use]
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Pdf | Format::Facturx)
    }

    /// The e-invoice syntax of this format, if it is one.
    #[must_use]
    pub fn einvoice(self) -> Option<crate::render::einvoice::Format> {
        match self {
            Format::Ubl => Some(crate::render::einvoice::Format::Ubl),
            Format::Cii => Some(crate::render::einvoice::Format::Cii),
            Format::Facturx => Some(crate::render::einvoice::Format::Facturx),
            Format::Text | Format::Html | Format::Json | Format::Pdf => None,
        }
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
    render_with(invoice, format, paper, crate::render::einvoice::Profile::default(), None)
}

/// Renders `invoice` in `format`; e-invoice formats follow `profile` (SPEC 8); HTML and
/// PDF carry the seller's logo (`[defaults] logo`) when one is given.
///
/// # Errors
/// As [`render`]; also [`Error::Invalid`] with `einvoice_requirement` problems and
/// [`Error::Usage`] for a format/profile pair that does not exist.
pub fn render_with(
    invoice: &Invoice,
    format: Format,
    paper: Paper,
    profile: crate::render::einvoice::Profile,
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
        Format::Ubl | Format::Cii => {
            // The legal invoice as issued, never changed by later payments (SPEC 12.4).
            let invoice = &crate::receivables::account::as_issued(invoice)?;
            let syntax = if format == Format::Ubl {
                crate::render::einvoice::Format::Ubl
            } else {
                crate::render::einvoice::Format::Cii
            };
            crate::render::einvoice::render_xml(invoice, syntax, profile)
        }
        Format::Facturx => {
            let invoice = &crate::receivables::account::as_issued(invoice)?;
            crate::render::einvoice::facturx::render(invoice, paper, profile, logo)
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
