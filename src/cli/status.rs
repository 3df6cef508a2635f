//! `invoice void`, `invoice pay` and `invoice credit`: lifecycle changes.

use super::output::{self, IssueFormat, Summary};
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::store::Actor;
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
    let actor = Actor::cli(&config.user);
    let invoice =
        super::with_store(config, async |store| crate::ops::void(store, &args.number, &args.reason, &actor).await)?;
    output::print_issued(&invoice, args.format, Summary::default())?;
    Ok(ExitStatus::Success)
}

/// Runs `invoice pay`.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Conflict`] for an illegal move, [`Error::Store`].
pub fn exec_pay(args: &PayArgs, config: &Config) -> Result<ExitStatus, Error> {
    let date = args.date.unwrap_or_else(super::today);
    let actor = Actor::cli(&config.user);
    let invoice = super::with_store(config, async |store| {
        crate::ops::pay(store, &args.number, date, super::today(), &actor).await
    })?;
    output::print_issued(&invoice, args.format, Summary::default())?;
    Ok(ExitStatus::Success)
}

/// Runs `invoice credit`.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Conflict`] when the invoice cannot be credited,
/// [`Error::Invalid`], [`Error::Store`].
pub fn exec_credit(args: &CreditArgs, config: &Config) -> Result<ExitStatus, Error> {
    let actor = Actor::cli(&config.user);
    let created = super::with_store(config, async |store| {
        let reason = args.reason.as_deref();
        crate::ops::credit(store, &args.number, reason, &config.defaults, config.numbering(), super::today(), &actor)
            .await
    })?;
    output::print_issued(&created.invoice, args.format, Summary::default())?;
    Ok(ExitStatus::Success)
}
