//! Payments in the store (SPEC 12.2, 12.7): what both engines share. Each engine reads the
//! invoice (locked), what it was paid so far and its credit notes inside one transaction,
//! lets the caller's decision check the payment against that balance, then writes the row,
//! the derived status and the audit entry with [`apply`] — so the balance a payment is
//! checked against is the one it changes, and two payments racing for the last euro cannot
//! both pass.
//!
//! What was paid so far is the running total the invoice's latest payment row keeps
//! (`paid_after`), not the sum of all its rows: a payment then costs the same on an
//! invoice paid ten thousand times as on a fresh one (issue #22).

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
/// stored, its balance and the payment rows it concerns: none for a payment, the payment
/// to reverse and its reversal (if it has one already) for a reversal. `Fn`, not `FnOnce`: PostgreSQL runs a batch of
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
    /// The invoice after it; with its account when [`Answer::Account`] was asked.
    pub invoice: Invoice,
    /// The invoice's balance after it (on a replay: as it is now).
    pub balance: Balance,
    /// True when an earlier request with the same idempotency key was returned.
    pub replayed: bool,
}

/// What the answer to a payment carries besides the row and the balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The invoice with its whole account (every payment and credit note), read after the
    /// payment committed: for `invoice pay` and `POST …/pay`, which show it.
    Account,
    /// The balance only: `POST …/payments` answers with the totals, and reading every
    /// earlier payment of the invoice for each new one would make a payment cost grow
    /// with the invoice's payments.
    Balance,
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

/// The invoice's payments net of reversals after a row (`paid_after`), as the fourth
/// migration adds it to the payments table; `NULL` on rows written before it, whose
/// invoice's total is then summed from its rows (see [`paid_so_far`]).
pub(crate) const SQLITE_PAID_AFTER: &str = "ALTER TABLE payments ADD COLUMN paid_after TEXT;";

/// PostgreSQL's fifth schema: the same column, and the invoice's latest row found through
/// an index on (invoice, seq) rather than among all its rows.
pub(crate) const POSTGRES_PAID_AFTER: &str = r"
ALTER TABLE payments ADD COLUMN paid_after TEXT;
CREATE INDEX payments_invoice_seq ON payments (invoice, seq);
DROP INDEX payments_invoice;
";

/// The payments' two optional keys (the payment a row reverses, the idempotency key) are
/// unique only where they are set: as table constraints they put an entry into an index
/// for every payment, most of which have neither (issue #22: a payment must cost no more
/// than a create). SQLite cannot drop a constraint, so its sixth migration rebuilds the
/// table (the rows, triggers and other indexes unchanged): the old table is renamed first,
/// so that dropping it (which deletes its rows) leaves no row of the new one pointing at a
/// deleted payment; foreign keys are checked at the migration's commit.
pub(crate) const SQLITE_PARTIAL_UNIQUES: &str = r"
PRAGMA defer_foreign_keys = ON;
ALTER TABLE payments RENAME TO payments_before_partial_uniques;
CREATE TABLE payments (
    seq                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    invoice            TEXT NOT NULL REFERENCES invoices (number),
    date               TEXT NOT NULL,
    amount             TEXT NOT NULL,
    currency           TEXT NOT NULL,
    method             TEXT,
    reference          TEXT,
    reverses           TEXT REFERENCES payments (id),
    reason             TEXT,
    outstanding_before TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    actor              TEXT NOT NULL,
    request_id         TEXT,
    idem_scope         TEXT,
    idem_key           TEXT,
    fingerprint        TEXT,
    paid_after         TEXT
);
INSERT INTO payments (seq, id, invoice, date, amount, currency, method, reference, reverses, reason,
                      outstanding_before, created_at, actor, request_id, idem_scope, idem_key, fingerprint, paid_after)
SELECT seq, id, invoice, date, amount, currency, method, reference, reverses, reason,
       outstanding_before, created_at, actor, request_id, idem_scope, idem_key, fingerprint, paid_after
FROM payments_before_partial_uniques ORDER BY seq;
DROP TABLE payments_before_partial_uniques;
CREATE INDEX payments_invoice ON payments (invoice);
CREATE INDEX payments_date ON payments (date);
CREATE UNIQUE INDEX payments_reverses ON payments (reverses) WHERE reverses IS NOT NULL;
CREATE UNIQUE INDEX payments_idempotency ON payments (idem_scope, idem_key) WHERE idem_key IS NOT NULL;
CREATE TRIGGER payments_are_immutable BEFORE UPDATE ON payments
BEGIN
    SELECT RAISE(ABORT, 'payments are never changed; reverse one instead');
END;
CREATE TRIGGER payments_are_never_deleted BEFORE DELETE ON payments
BEGIN
    SELECT RAISE(ABORT, 'payments are never deleted; reverse one instead');
END;
";

/// PostgreSQL's seventh schema: the same two keys unique only where set (see
/// [`SQLITE_PARTIAL_UNIQUES`]).
pub(crate) const POSTGRES_PARTIAL_UNIQUES: &str = r"
ALTER TABLE payments DROP CONSTRAINT payments_reverses_key;
ALTER TABLE payments DROP CONSTRAINT payments_idem_scope_idem_key_key;
CREATE UNIQUE INDEX payments_reverses ON payments (reverses) WHERE reverses IS NOT NULL;
CREATE UNIQUE INDEX payments_idempotency ON payments (idem_scope, idem_key) WHERE idem_key IS NOT NULL;
";

/// What an invoice was paid so far (net of reversals): `latest` is its latest payment
/// row's `paid_after` (`None`: no payment yet; `Some(None)`: a row written before the
/// column, when `amounts` reads every row's amount to sum).
///
/// # Errors
/// [`Error::Store`] for a stored total or amount that is not a decimal; `amounts`' error.
pub(crate) fn paid_so_far(
    number: &str,
    latest: Option<Option<String>>,
    amounts: impl FnOnce() -> Result<Vec<String>>,
) -> Result<Decimal> {
    let corrupt = |text: &str| Error::Store {
        action: format!("read the payments of {number}"),
        message: format!("a stored amount is not a decimal: {text:?}"),
    };
    match latest {
        None => Ok(Decimal::ZERO),
        Some(Some(total)) => total.parse().map_err(|_| corrupt(&total)),
        Some(None) => amounts()?.iter().try_fold(Decimal::ZERO, |sum, amount| {
            let amount: Decimal = amount.parse().map_err(|_| corrupt(amount))?;
            sum.checked_add(amount).ok_or_else(|| Error::Internal(format!("the payments of {number} overflow")))
        }),
    }
}

/// The rows a reversal's decision reads: the payment it undoes and, when that was reversed
/// already, the reversal.
pub(crate) fn reversal_rows(original: PaymentRecord, reversal: Option<PaymentRecord>) -> Vec<PaymentRecord> {
    std::iter::once(original).chain(reversal).collect()
}

/// Column list of a stored payment, in [`PaymentRecord`]'s order as [`record_from`] reads it.
pub(crate) const PAYMENT_COLUMNS: &str =
    "id, invoice, date, amount, currency, method, reference, reverses, reason, created_at, actor, request_id";

/// The query of payments, oldest first, of one invoice (`by_invoice`) or all, within dates;
/// `mark(n)` writes the n-th parameter (invoice, from, to) as the engine spells it. One
/// invoice's are found through the index on `invoice` — under `(… IS NULL OR invoice = …)`
/// neither engine can use it, and every payment in the store would be read.
pub(crate) fn select_payments(by_invoice: bool, mark: impl Fn(usize) -> String) -> String {
    let (invoice, from, to) = (mark(1), mark(2), mark(3));
    let which =
        if by_invoice { format!("invoice = {invoice}") } else { format!("({invoice} IS NULL OR invoice = {invoice})") };
    format!(
        "SELECT {PAYMENT_COLUMNS} FROM payments WHERE {which} AND ({from} IS NULL OR date >= {from})
         AND ({to} IS NULL OR date <= {to}) ORDER BY seq"
    )
}

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
    balance_with(invoice, payments.iter().map(|p| p.amount), credit_grosses)
}

/// The invoice's balance from what it was paid so far ([`paid_so_far`]) and its credit
/// notes' gross amounts.
pub(crate) fn balance_paid(invoice: &Invoice, paid: Decimal, credit_grosses: &[String]) -> Result<Balance> {
    balance_with(invoice, [paid], credit_grosses)
}

fn balance_with(
    invoice: &Invoice,
    payments: impl IntoIterator<Item = Decimal>,
    credit_grosses: &[String],
) -> Result<Balance> {
    let number = invoice.number.as_deref().unwrap_or_default();
    let credited = super::sum_gross(number, credit_grosses)?;
    Balance::compute(invoice.totals.gross, invoice.totals.due, payments, [credited])
        .ok_or_else(|| Error::Internal(format!("the balance of {number} overflows")))
}

/// The balance an answer shows for `invoice`: a void invoice owes nothing (as its account
/// says, see [`super::Store::get_with_account`]).
pub(crate) fn shown_balance(invoice: &Invoice, balance: Balance) -> Balance {
    if invoice.status == Status::Void { balance.voided() } else { balance }
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
/// answer needs no second read): its new status and paid date. Its account is read by
/// [`super::Store::record_payment`] when the caller asks for it ([`Answer::Account`]).
pub(crate) fn after_payment(invoice: &mut Invoice, apply: &Apply) {
    invoice.status = apply.status;
    invoice.paid_date = apply.paid_date.as_deref().and_then(crate::invoice::parse::parse_date);
}

/// Whether the payment changes what the invoice's row keeps of it (status, paid date): a
/// payment that leaves both as they were does not rewrite the row (issue #22: on
/// PostgreSQL each rewrite is a new row version with an entry in every index of the
/// invoices, more than a create writes), and `status_changed_at` keeps the time the
/// status last changed.
pub(crate) fn changes_invoice(invoice: &Invoice, apply: &Apply) -> bool {
    invoice.status != apply.status
        || invoice.paid_date != apply.paid_date.as_deref().and_then(crate::invoice::parse::parse_date)
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
