//! Received e-invoices (SPEC 13): reading a UBL / CII / Factur-X file that arrived, judging it
//! with the official rules (`einvoice_rules`) and showing it in the product's own model.

pub mod pdf;
pub mod read;
pub mod report;
pub mod show;

use crate::invoice::model::Language;
use einvoice_rules::{Profile, Report};

/// Why a received file cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Not an invoice document at all (not well-formed, not UBL or CII, a PDF without an
    /// invoice): the verdict's findings say why.
    #[error("the file is not an e-invoice that can be shown")]
    NotAnInvoice(Report),
    /// A UBL or CII document the model cannot read; the verdict is kept for the message.
    #[error("the e-invoice cannot be read: {0}")]
    Read(read::ReadError, Report),
    /// The renderer failed.
    #[error("the e-invoice cannot be shown: {0}")]
    Show(show::ShowError),
}

/// A received file (XML or Factur-X PDF) for a person or a program (SPEC 13.1 `einvoice
/// show`): judged under `Auto`, read into the model, rendered in `format`, in `lang` or
/// the document's own language.
///
/// # Errors
/// [`Refusal`]: not an e-invoice, not readable into the model, or not renderable.
pub fn show_bytes(bytes: &[u8], format: show::Format, lang: Option<Language>) -> Result<Vec<u8>, Refusal> {
    let refuse = |finding| Refusal::NotAnInvoice(Report { syntax: None, rules: None, findings: vec![finding] });
    if bytes.len() > einvoice_rules::input::MAX_BYTES {
        return Err(refuse(einvoice_rules::input::too_large()));
    }
    let (xml, _) = report::xml_of(bytes).map_err(refuse)?;
    let text = einvoice_rules::input::decode(&xml).map_err(refuse)?;
    let doc = einvoice_rules::input::parse(text).map_err(refuse)?;
    let verdict = einvoice_rules::validate_document(&doc, Profile::Auto);
    let Some(syntax) = verdict.syntax else { return Err(Refusal::NotAnInvoice(verdict)) };
    let received = match read::read(&doc, syntax) {
        Ok(received) => received,
        Err(error) => return Err(Refusal::Read(error, verdict)),
    };
    let lang = lang.unwrap_or(received.invoice.language);
    show::render(&received, &verdict, format, lang).map_err(Refusal::Show)
}
