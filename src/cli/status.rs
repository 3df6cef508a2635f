//! `invoice void`, `invoice pay` and `invoice credit`: lifecycle changes.

use super::output::{self, IssueFormat, Summary};
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::store::{Actor, Store};
use chrono::NaiveDate;

/// Arguments of `invoice void`.
#[derive(Debug, clap::Args)]
pub struct VoidArgs {
    /// The invoice number.
    number: String,
    /// Why it is voided (kept with the invoice and in the audit log).
    #[arg(long, value_name = "TEXT")]
    reason: String,
    /// What to print.
    #[arg(long, value_enum, default_value_t = IssueFormat::Text)]
    format: IssueFormat,
}

/// Arguments of `invoice pay`.
#[derive(Debug, clap::Args)]
pub struct PayArgs {
    /// The invoice number.
    number: String,
    /// Payment date (default today).
    #[arg(long, value_name = "DATE", value_parser = super::list::parse_date)]
    date: Option<NaiveDate>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = IssueFormat::Text)]
    format: IssueFormat,
}

/// Arguments of `invoice credit`.
#[derive(Debug, clap::Args)]
pub struct CreditArgs {
    /// The invoice to credit in full.
    number: String,
    /// Why (printed on the credit note).
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = IssueFormat::Text)]
    format: IssueFormat,
}

/// Runs `invoice void`.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Conflict`] for an illegal move, [`Error::Invalid`] for a
/// bad reason, [`Error::Store`].
pub fn exec_void(args: &VoidArgs, config: &Config) -> Result<ExitStatus, Error> {
    let mut store = Store::open(&config.store_path)?;
    let invoice = crate::ops::void(&mut store, &args.number, &args.reason, &Actor::cli(&config.user))?;
    output::print_issued(&invoice, args.format, Summary::default())?;
    Ok(ExitStatus::Success)
}

/// Runs `invoice pay`.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Conflict`] for an illegal move, [`Error::Store`].
pub fn exec_pay(args: &PayArgs, config: &Config) -> Result<ExitStatus, Error> {
    let mut store = Store::open(&config.store_path)?;
    let date = args.date.unwrap_or_else(super::today);
    let invoice = crate::ops::pay(&mut store, &args.number, date, super::today(), &Actor::cli(&config.user))?;
    output::print_issued(&invoice, args.format, Summary::default())?;
    Ok(ExitStatus::Success)
}

/// Runs `invoice credit`.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Conflict`] when the invoice cannot be credited,
/// [`Error::Invalid`], [`Error::Store`].
pub fn exec_credit(args: &CreditArgs, config: &Config) -> Result<ExitStatus, Error> {
    let mut store = Store::open(&config.store_path)?;
    let created = crate::ops::credit(
        &mut store,
        &args.number,
        args.reason.as_deref(),
        &config.defaults,
        config.numbering(),
        super::today(),
        &Actor::cli(&config.user),
    )?;
    output::print_issued(&created.invoice, args.format, Summary::default())?;
    Ok(ExitStatus::Success)
}
