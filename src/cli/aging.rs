//! `invoice aging`: outstanding amounts per buyer and currency by days past due (SPEC 12.6).

use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::invoice::model::DocumentType;
use crate::invoice::{Invoice, Status, money};
use crate::receivables::Balance;
use crate::receivables::aging::{Open, aging};
use crate::store::ListFilter;
use crate::store::payments::PaymentFilter;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
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

/// Every invoice's outstanding balance: due − payments − credit notes (void: nothing).
#[must_use]
pub fn outstanding(invoices: &[Invoice], paid: &HashMap<String, Decimal>) -> Vec<(usize, Decimal)> {
    let mut credited: HashMap<&str, Decimal> = HashMap::new();
    for note in invoices.iter().filter(|i| i.kind == DocumentType::CreditNote && i.status != Status::Void) {
        if let Some(preceding) = note.preceding_invoice.as_deref() {
            *credited.entry(preceding).or_default() += note.totals.gross;
        }
    }
    invoices
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == DocumentType::Invoice && i.status != Status::Void)
        .filter_map(|(n, i)| {
            let number = i.number.as_deref().unwrap_or_default();
            let paid = paid.get(number).copied().unwrap_or_default();
            let credit = credited.get(number).copied().unwrap_or_default();
            Balance::compute(i.totals.gross, i.totals.due, [paid], [credit]).map(|b| (n, b.outstanding))
        })
        .collect()
}

/// Runs `invoice aging`.
///
/// # Errors
/// [`Error::Store`].
pub fn exec(args: &Args, config: &Config) -> Result<ExitStatus, Error> {
    let as_of = args.as_of.unwrap_or_else(super::today);
    let (invoices, payments) = super::with_store(config, async |store| {
        let invoices = store.list(&ListFilter::default()).await?;
        let payments = store.payments(&PaymentFilter::default()).await?;
        Ok((invoices, payments))
    })?;
    let mut paid: HashMap<String, Decimal> = HashMap::new();
    for p in payments {
        *paid.entry(p.invoice).or_default() += p.amount;
    }
    let open: Vec<Open<'_>> = outstanding(&invoices, &paid)
        .into_iter()
        .map(|(n, outstanding)| {
            let i = &invoices[n];
            Open {
                buyer: i.buyer.name.as_deref().unwrap_or_default(),
                currency: &i.currency,
                due_date: i.due_date,
                outstanding,
            }
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
