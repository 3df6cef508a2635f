//! `invoice void`, `invoice pay` and `invoice credit`: lifecycle changes.

use super::output::{self, IssueFormat, Summary};
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::store::Actor;

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

/// Arguments of `invoice credit`.
#[derive(Debug, clap::Args)]
pub struct CreditArgs {
    /// The invoice to credit: in full (what is left uncredited) unless --amount or --lines.
    number: String,
    /// Credit this gross amount (tax included), spread over the invoice's VAT groups.
    #[arg(long, value_name = "AMOUNT", value_parser = parse_amount, conflicts_with = "lines", allow_negative_numbers = true)]
    amount: Option<rust_decimal::Decimal>,
    /// Credit these whole lines, numbered from 1 as printed (e.g. 1,3).
    #[arg(long, value_name = "N,N", value_delimiter = ',', num_args = 1..)]
    lines: Option<Vec<usize>>,
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

/// Runs `invoice credit`.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Conflict`] when the invoice cannot be credited,
/// [`Error::Invalid`], [`Error::Store`].
pub fn exec_credit(args: &CreditArgs, config: &Config) -> Result<ExitStatus, Error> {
    let actor = Actor::cli(&config.user);
    let created = super::with_store(config, async |store| {
        let reason = args.reason.as_deref();
        let scope = match (&args.amount, &args.lines) {
            (Some(amount), _) => crate::ops::CreditScope::Amount(*amount),
            (None, Some(lines)) => crate::ops::CreditScope::Lines(lines.clone()),
            (None, None) => crate::ops::CreditScope::Rest,
        };
        let (defaults, numbering) = (&config.defaults, config.numbering());
        crate::ops::credit(store, &args.number, &scope, reason, defaults, numbering, super::today(), &actor).await
    })?;
    output::print_issued(&created.invoice, args.format, Summary::default())?;
    Ok(ExitStatus::Success)
}

/// An amount as typed: a plain decimal, read exactly.
fn parse_amount(text: &str) -> Result<rust_decimal::Decimal, String> {
    crate::invoice::money::parse_decimal_text(text.trim())
        .map_err(|_| format!("`{text}` is not an amount like 100 or 327.25"))
}
