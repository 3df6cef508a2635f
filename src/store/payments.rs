//! Payments in the store (SPEC 12.2, 12.7): what both engines share. Each engine reads the
//! invoice (locked), its payments and credit notes inside one transaction, lets the
//! caller's decision check the payment against that balance, then writes the row, the
//! derived status and the audit entry with [`apply`] — so the balance a payment is checked
//! against is the one it changes, and two payments racing for the last euro cannot both
//! pass.

use super::{Actor, Idempotency, now_utc};
use crate::error::{ConflictKind, Error, Result};
use crate::invoice::{Invoice, Status};
use crate::receivables::payment::NewPayment;
use crate::receivables::{Balance, PaymentRecord, derive_status};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What a payment is recorded against: an invoice, or (for a reversal) the payment it undoes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentTarget {
    /// Pay this invoice.
    Invoice(String),
    /// Reverse this payment.
    Reversal(String),
}

/// The caller's check of a payment, run inside the engine's transaction on the invoice as
/// stored, its balance and its payment rows. `Fn`, not `FnOnce`: PostgreSQL runs a batch of
/// payments again when it met a concurrent transaction in a deadlock, and each payment is
/// then checked again against the balance as it is by then.
pub(crate) type PaymentDecision = Box<dyn Fn(&Invoice, &Balance, &[PaymentRecord]) -> Result<NewPayment> + Send + Sync>;

/// A payment to record, owned, as an engine receives it.
pub(crate) struct PaymentWrite {
    /// What it is recorded against.
    pub(crate) target: PaymentTarget,
    /// The check that makes the row.
    pub(crate) decide: PaymentDecision,
    /// The idempotency key and the request's fingerprint, if any.
    pub(crate) idempotency: Option<Idempotency>,
    /// Who records it.
    pub(crate) actor: Actor,
}

/// The result of recording a payment.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The stored row (the first one, on a replay).
    pub payment: PaymentRecord,
    /// The invoice after it, with its account.
    pub invoice: Invoice,
    /// True when an earlier request with the same idempotency key was returned.
    pub replayed: bool,
}

/// Which payments to list.
#[derive(Debug, Clone, Default)]
pub struct PaymentFilter {
    /// Only this invoice's.
    pub invoice: Option<String>,
    /// Dated on or after.
    pub from: Option<NaiveDate>,
    /// Dated on or before.
    pub to: Option<NaiveDate>,
}

/// Column list of a stored payment, in [`PaymentRecord`]'s order as [`record_from`] reads it.
pub(crate) const PAYMENT_COLUMNS: &str =
    "id, invoice, date, amount, currency, method, reference, reverses, reason, created_at, actor, request_id";

/// A payment row from its text columns (ids, dates and amounts are stored as text).
pub(crate) fn record_from(columns: [Option<String>; 12]) -> Result<PaymentRecord> {
    let [id, invoice, date, amount, currency, method, reference, reverses, reason, created_at, actor, request_id] =
        columns;
    let id = id.unwrap_or_default();
    let corrupt = |why: &str| Error::Store { action: format!("read payment {id}"), message: why.to_owned() };
    Ok(PaymentRecord {
        invoice: invoice.unwrap_or_default(),
        date: date.as_deref().and_then(crate::invoice::parse::parse_date).ok_or_else(|| corrupt("bad date"))?,
        amount: amount.as_deref().and_then(|a| a.parse().ok()).ok_or_else(|| corrupt("bad amount"))?,
        currency: currency.unwrap_or_default(),
        method,
        reference,
        reverses,
        reason,
        created_at: created_at.unwrap_or_default(),
        actor: actor.unwrap_or_default(),
        request_id,
        id,
    })
}

/// The invoice's balance from its stored payments and its credit notes' gross amounts.
pub(crate) fn balance_of(invoice: &Invoice, payments: &[PaymentRecord], credit_grosses: &[String]) -> Result<Balance> {
    let number = invoice.number.as_deref().unwrap_or_default();
    let credited = super::sum_gross(number, credit_grosses)?;
    Balance::compute(invoice.totals.gross, invoice.totals.due, payments.iter().map(|p| p.amount), [credited])
        .ok_or_else(|| Error::Internal(format!("the balance of {number} overflows")))
}

/// Refuses voiding an invoice once anything was paid, prepaid or credited (SPEC 12.1:
/// the remedy is a credit note). Engines call it in the transaction that voids, on the
/// invoice as locked there, so a payment cannot slip in between the check and the change.
///
/// # Errors
/// [`Error::Conflict`] (`illegal_transition`).
pub(crate) fn check_void(invoice: &Invoice, payments: &[PaymentRecord], credit_grosses: &[String]) -> Result<()> {
    let balance = balance_of(invoice, payments, credit_grosses)?;
    let number = invoice.number.as_deref().unwrap_or_default();
    crate::receivables::balance::check_void(number, invoice.kind, invoice.status, &balance, &invoice.currency)
}

/// What an engine writes for a checked payment: the row, then the invoice's new status
/// and paid date, and the audit entry (action, detail).
pub(crate) struct Apply {
    /// The row to insert.
    pub(crate) record: PaymentRecord,
    /// What was outstanding before it (kept with the row for `store check`).
    pub(crate) outstanding_before: Decimal,
    /// The balance after it.
    pub(crate) after: Balance,
    /// The invoice's status after it.
    pub(crate) status: Status,
    /// Its paid date after it (the date of the payment that settled it).
    pub(crate) paid_date: Option<String>,
    /// Audit action and detail.
    pub(crate) audit: (&'static str, String),
}

/// Turns a checked payment into what the engine writes; `seq` numbers it `PAY-000001`.
pub(crate) fn apply(invoice: &Invoice, before: &Balance, new: NewPayment, seq: i64, actor: &Actor) -> Result<Apply> {
    let number = invoice.number.clone().unwrap_or_default();
    let after =
        before.with_payment(new.amount).ok_or_else(|| Error::Internal(format!("the balance of {number} overflows")))?;
    let status = derive_status(invoice.kind, invoice.status == Status::Void, &after);
    let paid_date = (status == Status::Paid).then(|| new.date.to_string());
    let record = PaymentRecord {
        id: format!("PAY-{seq:06}"),
        invoice: number.clone(),
        date: new.date,
        amount: new.amount,
        currency: invoice.currency.clone(),
        method: new.method.as_ref().map(|m| m.as_str().to_owned()),
        reference: new.reference,
        reverses: new.reverses,
        reason: new.reason,
        created_at: now_utc(),
        actor: actor.name.clone(),
        request_id: actor.request_id.clone(),
    };
    let audit = match &record.reverses {
        Some(original) => (
            "payment_reverse",
            format!("{} reversed {original}: {}", record.id, record.reason.as_deref().unwrap_or("")),
        ),
        None => ("pay", format!("{} {} {} on {}", record.id, record.amount, record.currency, record.date)),
    };
    Ok(Apply { record, outstanding_before: before.outstanding, after, status, paid_date, audit })
}

/// The invoice as the payment left it, from what the engine read in its transaction (so the
/// answer needs no second read): its new status and paid date, and its account with the new
/// row (`before`: the payment rows before it). The account only without credit notes —
/// their dates are not among what the engine reads, and [`super::Store::record_payment`]
/// then reads the account as for any invoice.
pub(crate) fn after_payment(mut invoice: Invoice, apply: &Apply, mut before: Vec<PaymentRecord>) -> Invoice {
    invoice.status = apply.status;
    invoice.paid_date = apply.paid_date.as_deref().and_then(crate::invoice::parse::parse_date);
    if invoice.credit_notes.is_empty() && invoice.status != Status::Void {
        before.push(apply.record.clone());
        invoice.account = Some(crate::receivables::Account {
            paid: apply.after.paid,
            credited: apply.after.credited,
            outstanding: apply.after.outstanding,
            payments: before,
            credits: Vec::new(),
        });
    }
    invoice
}

/// The answer to a payment whose idempotency key was seen before: the first payment when
/// the request is the same, a conflict otherwise.
///
/// # Errors
/// [`Error::Conflict`] (`idempotency_key_reused`).
pub(crate) fn replay(key: &Idempotency, stored_fingerprint: &str, first: PaymentRecord) -> Result<PaymentRecord> {
    if stored_fingerprint == key.fingerprint {
        return Ok(first);
    }
    Err(Error::conflict(
        ConflictKind::IdempotencyKeyReused,
        format!(
            "the idempotency key `{}` was used for another payment ({}); use a new key for a new payment",
            crate::security::text::display_safe(&key.key),
            first.id
        ),
    ))
}

/// The invoice a reversal is recorded against, or not found.
pub(crate) fn payment_not_found(id: &str) -> Error {
    Error::NotFound { what: format!("payment {}", crate::security::text::display_safe(id)) }
}

#[cfg(test)]
mod tests;
