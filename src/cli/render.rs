//! `invoice render`: a stored invoice or a draft as text, HTML, JSON or PDF.

use super::output;
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::invoice::model::Language;
use crate::invoice::parse::{Options, draft_from_json};
use crate::render::{self, Format, Paper};
use std::path::PathBuf;

/// Arguments of `invoice render`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The invoice number of a stored invoice.
    #[arg(value_name = "NUMBER", required_unless_present = "input", conflicts_with = "input")]
    number: Option<String>,
    /// Render a draft from a JSON file instead (`-` for stdin); it is marked DRAFT.
    #[arg(long, short = 'i', value_name = "FILE")]
    input: Option<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    format: Format,
    /// E-invoice profile for ubl, cii and facturx (default: `[defaults] einvoice_profile`, else en16931).
    #[arg(long, value_enum, value_name = "PROFILE")]
    profile: Option<crate::render::einvoice::Profile>,
    /// Paper size for PDF, and the print page size of HTML.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    paper: Paper,
    /// Write to this file (`-` is stdout, the default).
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
    /// Strip markup from a draft's text fields instead of rejecting it.
    #[arg(long)]
    sanitize: bool,
    /// Print in this language instead of the invoice's own (text, HTML, PDF).
    #[arg(long, value_name = "LANG", value_parser = ["en", "de", "fr"])]
    lang: Option<String>,
}

/// Runs `invoice render`.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Invalid`] (invalid draft, unsupported character in a
/// PDF), [`Error::Usage`] (PDF to a terminal), [`Error::Io`], [`Error::Store`].
pub fn exec(args: &Args, config: &Config) -> Result<ExitStatus, Error> {
    let profile = super::einvoice_profile(args.format, args.profile, config)?;
    if args.format.einvoice().is_some() && args.number.is_none() {
        // A draft has no number (BT-1): refused before it is even read.
        return Err(Error::Invalid { problems: vec![crate::render::einvoice::draft_refusal()] });
    }
    let mut invoice = match (&args.number, &args.input) {
        (Some(number), _) => super::with_store(config, async |store| store.get(number).await)?,
        (None, Some(path)) => {
            let json = super::create::read_draft(path)?;
            let parsed = draft_from_json(&json, Options { sanitize: args.sanitize });
            let created = crate::ops::preview(parsed, &config.defaults, super::today())?;
            super::print_warnings(&created.warnings);
            created.invoice
        }
        (None, None) => return Err(Error::Usage("give an invoice NUMBER or --input FILE".into())),
    };
    if let Some(language) = args.lang.as_deref().and_then(Language::from_name) {
        invoice.language = language;
    }
    let bytes = render::render_with(&invoice, args.format, args.paper, profile, config.logo.as_ref())?;
    output::write_document(args.out.as_deref(), &bytes, args.format.is_binary())?;
    Ok(ExitStatus::Success)
}
