//! Reminders in the store (SPEC 12.5, 12.7): what both engines share. A reminder row is
//! written once per invoice and level (the table's key), with its audit entry in the same
//! transaction; a second write of the same level — a second run the same day, or two runs
//! racing — writes nothing and is reported as already issued.
//!
//! Also the status a credit note leaves its invoice in (SPEC 12.1), derived in the
//! transaction that issues the credit note from the invoice's payments and credit notes.

use crate::error::{Error, Result};
use crate::invoice::{Invoice, Status};
use crate::receivables::PaymentRecord;
use crate::receivables::derive_status;
use crate::receivables::reminder::ReminderRecord;
use chrono::NaiveDate;

/// Column list of a stored reminder, in the order [`record_from`] reads it.
pub(crate) const REMINDER_COLUMNS: &str =
    "invoice, level, date, fee, interest, balance, pay_by, currency, actor, created_at";

/// A reminder row from its columns: the level as an integer, the rest as text.
pub(crate) fn record_from(level: i64, text: [String; 9]) -> Result<ReminderRecord> {
    let [invoice, date, fee, interest, balance, pay_by, currency, actor, created_at] = text;
    let corrupt = |why: &str| Error::Store {
        action: format!("read reminder {level} of {}", crate::security::text::display_safe(&invoice)),
        message: why.to_owned(),
    };
    let day = |text: &str| crate::invoice::parse::parse_date(text).ok_or_else(|| corrupt("bad date"));
    let amount = |text: &str| text.parse().map_err(|_| corrupt("bad amount"));
    Ok(ReminderRecord {
        level: u32::try_from(level).map_err(|_| corrupt("bad level"))?,
        date: day(&date)?,
        fee: amount(&fee)?,
        interest: amount(&interest)?,
        balance: amount(&balance)?,
        pay_by: day(&pay_by)?,
        currency,
        actor,
        created_at,
        invoice,
    })
}

/// The text columns of a reminder as they are written (after `invoice` and `level`):
/// date, fee, interest, balance, pay-by date, currency, actor, created_at.
pub(crate) fn text_columns(r: &ReminderRecord) -> [String; 8] {
    [
        r.date.to_string(),
        r.fee.to_string(),
        r.interest.to_string(),
        r.balance.to_string(),
        r.pay_by.to_string(),
        r.currency.clone(),
        r.actor.clone(),
        r.created_at.clone(),
    ]
}

/// The audit entry of an issued reminder: action and detail.
pub(crate) fn audit_of(r: &ReminderRecord) -> (&'static str, String) {
    (
        "remind",
        format!(
            "level {} on {}: balance {} fee {} interest {} {}, pay by {}",
            r.level, r.date, r.balance, r.fee, r.interest, r.currency, r.pay_by
        ),
    )
}

/// What a credit note changes on the invoice it credits: its new status and paid date,
/// when they differ from the stored ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Credited {
    /// The derived status.
    pub(crate) status: Status,
    /// The paid date to store (the day the balance reached 0, for `paid`).
    pub(crate) paid_date: Option<String>,
}

/// The status `original` takes once a credit note of `gross` dated `date` joins its
/// payments and earlier credit notes (`credit_grosses`); `None` when it stays as stored.
///
/// # Errors
/// [`Error::Store`] for a damaged stored amount, [`Error::Internal`] on overflow.
pub(crate) fn after_credit(
    original: &Invoice,
    payments: &[PaymentRecord],
    credit_grosses: &[String],
    gross: rust_decimal::Decimal,
    date: NaiveDate,
) -> Result<Option<Credited>> {
    let number = original.number.as_deref().unwrap_or_default();
    let before = super::payments::balance_of(original, payments, credit_grosses)?;
    let after =
        before.with_credit(gross).ok_or_else(|| Error::Internal(format!("the balance of {number} overflows")))?;
    let status = derive_status(original.kind, original.status == Status::Void, &after);
    if status == original.status {
        return Ok(None);
    }
    let paid_date = match status {
        // Settled by this credit note (or by payments, the latest of them).
        Status::Paid => Some(payments.iter().map(|p| p.date).chain([date]).max().unwrap_or(date).to_string()),
        Status::Credited => original.paid_date.map(|d| d.to_string()),
        _ => None,
    };
    Ok(Some(Credited { status, paid_date }))
}

#[cfg(test)]
mod tests;
