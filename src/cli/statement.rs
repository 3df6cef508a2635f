//! `invoice statement`: a buyer's statement of account (SPEC 12.6, 14.1).

use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::ops::Party;
use crate::render::Paper;
use chrono::NaiveDate;
use std::path::PathBuf;

/// Output of `invoice statement`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Text in the language of the buyer's latest invoice.
    Text,
    /// A self-contained HTML page.
    Html,
    /// PDF.
    Pdf,
    /// CSV: currency,date,kind,reference,invoice,amount,balance.
    Csv,
    /// JSON: one statement per currency.
    Json,
}

/// Arguments of `invoice statement`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("party").required(true).args(["buyer", "customer"])))]
pub struct Args {
    /// The buyer's name (the whole name, compared case-insensitively).
    #[arg(long, value_name = "NAME")]
    buyer: Option<String>,
    /// The customer ID: the invoices created from that customer record.
    #[arg(long, value_name = "ID")]
    customer: Option<String>,
    /// First day shown; what came before is the opening balance.
    #[arg(long, value_name = "DATE", value_parser = super::list::parse_date)]
    from: Option<NaiveDate>,
    /// Last day shown.
    #[arg(long, value_name = "DATE", value_parser = super::list::parse_date)]
    to: Option<NaiveDate>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write to this file instead of stdout (needed for PDF on a terminal).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Paper size of the PDF.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    paper: Paper,
}

/// Runs `invoice statement`.
///
/// # Errors
/// [`Error::Usage`] for `--from` after `--to`; [`Error::NotFound`] for a buyer without
/// invoices or an unknown customer; [`Error::Io`]; [`Error::Store`].
pub fn exec(args: &Args, config: &Config) -> Result<ExitStatus, Error> {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        return Err(Error::Usage(format!("--from {from} is after --to {to}")));
    }
    let party = match (&args.buyer, &args.customer) {
        (Some(name), _) if name.trim().is_empty() => return Err(Error::Usage("--buyer needs a name".into())),
        (Some(name), _) => Party::Buyer(name.clone()),
        (None, Some(id)) => Party::Customer(id.clone()),
        (None, None) => {
            return Err(Error::Usage("name the buyer (--buyer NAME) or the customer (--customer ID)".into()));
        }
    };
    if let Some(out) = &args.out {
        super::output::check_target(out)?;
    }
    let of = super::with_store(config, async |store| crate::ops::statement(store, &party, args.from, args.to).await)?;
    let v = crate::render::vocabulary::of(of.language);
    let bytes = match args.format {
        Format::Text => crate::render::receivables::statement_text(&of.statements, v).into_bytes(),
        Format::Csv => crate::render::receivables::statement_csv(&of.statements).into_bytes(),
        Format::Json => super::output::json_text(&of.statements)?.into_bytes(),
        Format::Html => {
            let seller = of.latest.seller.name.as_deref().unwrap_or_default();
            crate::render::receivables::statement_html(&of.statements, v, seller).into_bytes()
        }
        Format::Pdf => crate::render::receivables::statement_pdf(&of.statements, &of.latest, args.paper)?,
    };
    super::output::write_document(args.out.as_deref(), &bytes, args.format == Format::Pdf)?;
    Ok(ExitStatus::Success)
}
