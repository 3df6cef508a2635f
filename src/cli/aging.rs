//! `invoice aging`: outstanding amounts per buyer and currency by days past due (SPEC 12.6).

use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::invoice::money;
use crate::receivables::aging::{Open, aging};
use crate::store::ListFilter;
use chrono::NaiveDate;
use std::io::Write;

/// Output of `invoice aging`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table.
    Table,
    /// JSON.
    Json,
    /// CSV with a header.
    Csv,
    /// A self-contained HTML page with a bar chart per currency.
    Html,
}

/// Arguments of `invoice aging`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The day the report is seen from (default today).
    #[arg(long, value_name = "DATE", value_parser = super::list::parse_date)]
    as_of: Option<NaiveDate>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs `invoice aging`: one summary query (the store sums each invoice's payments and
/// credit notes), then one pass over the rows.
///
/// # Errors
/// [`Error::Store`].
pub fn exec(args: &Args, config: &Config) -> Result<ExitStatus, Error> {
    let as_of = args.as_of.unwrap_or_else(super::today);
    let rows = super::with_store(config, async |store| store.list_summaries(&ListFilter::default()).await)?;
    let open: Vec<Open<'_>> = rows
        .iter()
        .filter(|row| row.kind == "invoice" && row.status != "void")
        .filter_map(|row| {
            Some(Open {
                buyer: &row.buyer,
                customer: row.customer.as_deref(),
                currency: &row.currency,
                due_date: crate::invoice::parse::parse_date(row.due_date.as_deref()?)?,
                outstanding: row.outstanding,
            })
        })
        .collect();
    let report = aging(open, as_of, |c| money::minor_units(c).unwrap_or(2));
    let text = match args.format {
        Format::Table => crate::render::receivables::aging_table(&report),
        Format::Csv => crate::render::receivables::aging_csv(&report),
        Format::Html => crate::render::receivables::aging_html(&report),
        Format::Json => super::output::json_text(&report)?,
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(Error::Io { action: "write", path: "stdout".into(), source: e });
        }
        _ => {}
    }
    Ok(ExitStatus::Success)
}
