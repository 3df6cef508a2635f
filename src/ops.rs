//! The workflows the CLI and the daemon share: create, credit, pay, void.
//!
//! Each takes already-parsed input and does validation, numbering and storage through
//! the same calls, so `invoice create` and `POST /v1/invoices` cannot diverge: the CLI's
//! commands and the daemon's handlers call these functions, never the store's steps one by
//! one. (Checking an API key is [`crate::keys::verify`], likewise shared.)

use crate::error::{Error, Result};
use crate::invoice::model::{Adjustment, DocumentType, Draft, Invoice, InvoiceAdjustment, MAX_TEXT, Payment};
use crate::invoice::parse::{self, Parsed};
use crate::invoice::rules::StatusChange;
use crate::invoice::{Defaults, Problem, check};
use crate::receivables::payment::{self, PaymentRequest};
use crate::receivables::{Balance, PaymentRecord, balance};
use crate::store::payments::Answer;
use crate::store::payments::{PaymentTarget, Recorded};
use crate::store::{Actor, Idempotency, Issued, Numbering, Store};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

mod receivables;
pub use receivables::{Party, Reminded, ReminderRun, Skipped, StatementOf, remind, reminders_of, statement};

/// The result of a create: the invoice (a computed draft on a dry run), whether it was an
/// idempotent replay, and sanitize-mode warnings.
#[derive(Debug, Clone)]
pub struct Created {
    /// The issued invoice, or the computed draft for a dry run.
    pub invoice: Invoice,
    /// True when an earlier create with the same idempotency key was returned.
    pub replayed: bool,
    /// Fields changed by sanitize mode.
    pub warnings: Vec<Problem>,
}

/// A fingerprint of a draft for idempotency: SHA-256 of its normalized JSON.
#[must_use]
pub fn fingerprint(draft: &Draft) -> String {
    let canonical = serde_json::to_vec(draft).unwrap_or_default();
    hex::encode(Sha256::digest(&canonical))
}

/// Validates a parsed draft and computes it without storing anything (`--dry-run`,
/// `POST /v1/invoices/validate`).
///
/// # Errors
/// [`Error::Invalid`] with every problem.
pub fn preview(parsed: Parsed, defaults: &Defaults, today: NaiveDate) -> Result<Created> {
    let checked = check(parsed, defaults, today).map_err(|r| Error::Invalid { problems: r.problems })?;
    Ok(Created { invoice: checked.invoice, replayed: false, warnings: checked.warnings })
}

/// [`preview`], then, with a profile, the e-invoice requirements of that profile (SPEC
/// 8.4: `validate --profile`, `POST /v1/invoices/validate?profile=`, and the pre-check
/// of `create --render ubl|cii|facturx` before a number is assigned).
///
/// # Errors
/// [`Error::Invalid`] with every problem of the draft, or else every unmet requirement.
pub fn preview_for(
    parsed: Parsed,
    defaults: &Defaults,
    today: NaiveDate,
    profile: Option<crate::invoice::einvoice::Profile>,
) -> Result<Created> {
    let created = preview(parsed, defaults, today)?;
    require(&created.invoice, profile)?;
    Ok(created)
}

/// Every requirement of an e-invoice `profile` on a checked invoice: how `create` for a
/// customer who receives e-invoices of a profile (SPEC 14.1; CLI, daemon and `recurring
/// run` alike) refuses an invoice that could not be sent to them, before a number is used.
///
/// # Errors
/// [`Error::Invalid`] with every unmet requirement.
pub fn require(invoice: &Invoice, profile: Option<crate::invoice::einvoice::Profile>) -> Result<()> {
    let Some(profile) = profile else { return Ok(()) };
    let problems = crate::invoice::einvoice::requirements(invoice, profile);
    if problems.is_empty() { Ok(()) } else { Err(Error::Invalid { problems }) }
}

/// A draft checked and computed, ready to be numbered and stored: all the work of a
/// create that does not need the store, so the daemon does it before the store is
/// involved (SPEC 11) and the store's writer only numbers and commits.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The computed invoice, not yet numbered.
    pub(crate) invoice: Invoice,
    /// Fields changed by sanitize mode.
    pub(crate) warnings: Vec<Problem>,
    /// The idempotency key and the draft's fingerprint, if a key was given.
    pub(crate) idempotency: Option<Idempotency>,
}

/// Validates a parsed draft and computes it; fingerprints it when an idempotency key
/// (`(scope, key)`) is given.
///
/// # Errors
/// [`Error::Invalid`] with every problem.
pub fn prepare(
    parsed: Parsed,
    defaults: &Defaults,
    today: NaiveDate,
    idempotency: Option<(&str, &str)>,
) -> Result<Prepared> {
    // The fingerprint is of the draft as given, before defaults, so a retry tomorrow
    // (another "today") still matches; it is only needed when a key was given.
    let idempotency = idempotency.map(|(scope, key)| Idempotency {
        scope: scope.to_owned(),
        key: key.to_owned(),
        fingerprint: fingerprint(&parsed.draft),
    });
    let checked = check(parsed, defaults, today).map_err(|r| Error::Invalid { problems: r.problems })?;
    Ok(Prepared { invoice: checked.invoice, warnings: checked.warnings, idempotency })
}

/// Numbers and stores a prepared invoice: the same key with the same draft returns the
/// first invoice; with another draft it is a conflict.
///
/// # Errors
/// [`Error::Conflict`] for a reused idempotency key or an invoice that cannot be credited,
/// [`Error::NotFound`] for a credit note whose preceding invoice does not exist,
/// [`Error::Invalid`] for a business rule (credits above the gross, chronological
/// numbering), [`Error::Store`] on store failures.
pub async fn issue(store: &Store, prepared: Prepared, numbering: Numbering<'_>, actor: &Actor) -> Result<Created> {
    let Prepared { invoice, warnings, idempotency } = prepared;
    let Issued { invoice, replayed } = store.issue(invoice, numbering, idempotency.as_ref(), actor).await?;
    Ok(Created { invoice, replayed, warnings })
}

/// Validates a parsed draft, then issues and stores it ([`prepare`], then [`issue`]).
///
/// # Errors
/// [`Error::Invalid`] for an invalid draft (nothing is stored), and whatever [`issue`]
/// fails with.
pub async fn create(
    store: &Store,
    parsed: Parsed,
    defaults: &Defaults,
    numbering: Numbering<'_>,
    today: NaiveDate,
    idempotency: Option<(&str, &str)>,
    actor: &Actor,
) -> Result<Created> {
    issue(store, prepare(parsed, defaults, today, idempotency)?, numbering, actor).await
}

/// What a credit note credits (SPEC 12.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditScope {
    /// What is left uncredited: the whole invoice when nothing was credited yet, else
    /// gross − earlier credits, by amount.
    Rest,
    /// This gross amount (tax included), spread over the invoice's VAT groups.
    Amount(rust_decimal::Decimal),
    /// These whole lines, numbered from 1 as printed.
    Lines(Vec<usize>),
}

/// Issues a credit note for invoice `number` as `scope` says: its rest, an amount, or
/// whole lines (SPEC 7, 12.3). It copies parties and currency (not `prepaid`), is dated
/// today and uses the credit note series. The store checks, in the issuing transaction,
/// that the credits stay within the gross and derives the invoice's new status.
///
/// # Errors
/// [`Error::NotFound`] for an unknown number, [`Error::Conflict`] when the invoice is not
/// `issued` or `paid`, [`Error::Invalid`] for a bad reason text and at `/amount` or
/// `/lines` for a bad amount or line, [`Error::Store`].
#[allow(clippy::too_many_arguments)]
pub async fn credit(
    store: &Store,
    number: &str,
    scope: &CreditScope,
    reason: Option<&str>,
    defaults: &Defaults,
    numbering: Numbering<'_>,
    today: NaiveDate,
    actor: &Actor,
) -> Result<Created> {
    let reason = credit_reason(reason).map_err(|e| e.refusing("credit", number))?;
    // Whether it may be credited (an invoice, issued or paid, not credited beyond its
    // gross) is decided by the store in the issuing transaction, as for any credit note.
    let original = store.get_with_account(number).await?;
    let credited = original.account.as_ref().map_or(rust_decimal::Decimal::ZERO, |a| a.credited);
    let lines =
        credit_lines(&original, scope, credited, reason.as_deref()).map_err(|e| e.refusing("credit", number))?;
    let credit_note =
        credit_note(&original, reason, lines, defaults, today).map_err(|e| e.refusing("credit", number))?;
    let Issued { invoice, replayed } =
        store.issue(credit_note, numbering, None, actor).await.map_err(|e| e.refusing("credit", number))?;
    Ok(Created { invoice, replayed, warnings: Vec::new() })
}

/// The reason given for a credit note, checked as any free text.
///
/// # Errors
/// [`Error::Invalid`] at `/reason`.
fn credit_reason(reason: Option<&str>) -> Result<Option<String>> {
    reason
        .map(|r| parse::check_text(r, "/reason", MAX_TEXT, false))
        .transpose()
        .map_err(|p| Error::Invalid { problems: vec![p] })
}

/// The checked credit note for the whole of `original` (see [`credit`]), not yet numbered.
///
/// # Errors
/// [`Error::Invalid`] when the copy does not pass the checks of a draft.
fn credit_note(
    original: &Invoice,
    reason: Option<String>,
    lines: Option<Vec<crate::invoice::model::Line>>,
    defaults: &Defaults,
    today: NaiveDate,
) -> Result<Invoice> {
    // A partial credit note has its own lines and no allowances or charges.
    let whole = lines.is_none();
    let draft = Draft {
        kind: Some(DocumentType::CreditNote),
        series: None,
        issue_date: Some(today),
        due_date: Some(today),
        currency: Some(original.currency.clone()),
        seller: Some(original.seller.clone()),
        buyer: Some(original.buyer.clone()),
        buyer_reference: original.buyer_reference.clone(),
        order_reference: original.order_reference.clone(),
        preceding_invoice: original.number.clone(),
        delivery_date: original.delivery_date,
        delivery_address: original.delivery_address.clone(),
        period: original.period.clone(),
        lines: lines.unwrap_or_else(|| original.lines.iter().map(crate::receivables::credit::line_of).collect()),
        allowances: if whole { original.allowances.iter().map(adjustment_of).collect() } else { Vec::new() },
        charges: if whole { original.charges.iter().map(adjustment_of).collect() } else { Vec::new() },
        prepaid: None,
        payment: original.payment.as_ref().map(|p| Payment { reference: None, ..p.clone() }),
        // The reason alone, in the words it was given: the documents already name the
        // credited invoice and its date in their own language (an English sentence here
        // would stand in the middle of a German or French credit note).
        notes: reason,
        language: Some(original.language),
        customer: original.customer.clone(),
    };
    let parsed = Parsed { draft, problems: Vec::new(), warnings: Vec::new() };
    let checked = check(parsed, defaults, today).map_err(|r| Error::Invalid { problems: r.problems })?;
    Ok(checked.invoice)
}

/// The lines of a partial credit note (`None`: the whole invoice's lines, allowances and
/// charges). `credited` is what earlier credit notes took off the invoice.
///
/// # Errors
/// [`Error::Invalid`] at `/amount` or `/lines`.
fn credit_lines(
    original: &Invoice,
    scope: &CreditScope,
    credited: rust_decimal::Decimal,
    reason: Option<&str>,
) -> Result<Option<Vec<crate::invoice::model::Line>>> {
    use crate::receivables::credit;
    let by_amount = |amount| -> Result<Option<Vec<crate::invoice::model::Line>>> {
        let amount = credit::check_amount(original, credited, amount)?;
        let groups = credit::split_by_groups(original, amount)?;
        let v = crate::render::vocabulary::for_invoice(original);
        let number = original.number.as_deref().unwrap_or_default();
        let description = reason.map_or_else(|| format!("{} {number}", v.labels.credit_note), str::to_owned);
        Ok(Some(credit::lines_for_amount(&groups, &description)))
    };
    match scope {
        CreditScope::Rest if credited.is_zero() => Ok(None),
        CreditScope::Rest => {
            let left = original.totals.gross - credited;
            if left <= rust_decimal::Decimal::ZERO {
                return Err(Error::conflict(
                    crate::error::ConflictKind::IllegalTransition,
                    format!("{} is credited in full already", original.number.as_deref().unwrap_or("the invoice")),
                ));
            }
            by_amount(left)
        }
        CreditScope::Amount(amount) => by_amount(*amount),
        CreditScope::Lines(numbers) => Ok(Some(credit::lines_by_number(original, numbers)?)),
    }
}

fn adjustment_of(a: &InvoiceAdjustment) -> Adjustment {
    Adjustment {
        reason: Some(a.reason.clone()),
        amount: Some(a.amount),
        tax_rate: Some(a.tax_rate),
        tax_category: Some(a.tax_category),
        tax_exemption_reason: a.tax_exemption_reason.clone(),
    }
}

/// Pays the whole outstanding balance of an invoice on `date` (`POST …/pay`).
///
/// # Errors
/// As [`record_payment`].
pub async fn pay(store: &Store, number: &str, date: NaiveDate, today: NaiveDate, actor: &Actor) -> Result<Invoice> {
    let request = PaymentRequest { date: Some(date), ..PaymentRequest::default() };
    Ok(record_payment(store, number, request, today, None, actor, Answer::Account).await?.invoice)
}

/// Records a payment of invoice `number` (SPEC 12.2): without an amount, the whole
/// outstanding balance; checked against the balance inside the store's transaction. With
/// an idempotency key (`(scope, key)`), a retry with the same request returns the first
/// payment and records nothing. `answer` says whether the invoice comes back with its
/// whole account or only the balance.
///
/// # Errors
/// [`Error::NotFound`]; [`Error::Conflict`] (`illegal_transition`) for a void invoice, a
/// credit note or nothing outstanding, (`idempotency_key_reused`) for a key used with
/// another request; [`Error::Invalid`] for the amount (`out_of_range` naming the
/// outstanding amount), date, method or reference; [`Error::Store`].
pub async fn record_payment(
    store: &Store,
    number: &str,
    request: PaymentRequest,
    today: NaiveDate,
    idempotency: Option<(&str, &str)>,
    actor: &Actor,
    answer: Answer,
) -> Result<Recorded> {
    let idempotency = idempotency.map(|(scope, key)| Idempotency {
        scope: scope.to_owned(),
        key: key.to_owned(),
        fingerprint: hex::encode(Sha256::digest(serde_json::to_vec(&(number, &request)).unwrap_or_default())),
    });
    let owned = number.to_owned();
    let decide = move |invoice: &Invoice, balance: &Balance, _: &[PaymentRecord]| {
        // With an amount, a settled invoice is `out_of_range` naming its balance (two
        // payers racing for the last euro); without one, nothing to pay is a conflict.
        if request.amount.is_some() {
            balance::check_receivable(&owned, invoice.kind, invoice.status, "pay")?;
        } else {
            balance::check_payable(&owned, invoice.kind, invoice.status, balance)?;
        }
        payment::check(&invoice.currency, invoice.issue_date, balance, &request, today)
    };
    store
        .record_payment(PaymentTarget::Invoice(number.to_owned()), idempotency.as_ref(), actor, answer, decide)
        .await
        .map_err(|e| e.refusing("pay", number))
}

/// Reverses payment `id` (a bounced direct debit): a negative row linked to it, dated
/// today; the balance and status follow.
///
/// # Errors
/// [`Error::NotFound`] for an unknown payment; [`Error::Conflict`] when it is a reversal
/// or was reversed already; [`Error::Invalid`] for a blank or unsafe reason; [`Error::Store`].
pub async fn reverse_payment(
    store: &Store,
    id: &str,
    reason: &str,
    today: NaiveDate,
    actor: &Actor,
) -> Result<Recorded> {
    let (id, reason) = (id.to_owned(), reason.to_owned());
    let target = PaymentTarget::Reversal(id.clone());
    store
        .record_payment(
            target,
            None,
            actor,
            Answer::Account,
            move |_: &Invoice, _: &Balance, rows: &[PaymentRecord]| {
                let original =
                    rows.iter().find(|p| p.id == id).ok_or_else(|| crate::store::payments::payment_not_found(&id))?;
                let reversed = rows.iter().any(|p| p.reverses.as_deref() == Some(id.as_str()));
                payment::reversal(original, reversed, &reason, today)
            },
        )
        .await
}

/// Voids an invoice; it keeps its number.
///
/// # Errors
/// [`Error::Invalid`] for a blank or unsafe reason, [`Error::NotFound`],
/// [`Error::Conflict`] (`illegal_transition`), [`Error::Store`].
pub async fn void(store: &Store, number: &str, reason: &str, actor: &Actor) -> Result<Invoice> {
    let change = void_change(reason).map_err(|e| e.refusing("void", number))?;
    // Refused once anything was paid or credited (SPEC 12.1), checked by the store in the
    // transaction that voids (a payment cannot slip in between): a credit note is the remedy.
    store.change_status(number, &change, actor).await
}

/// The change that voids an invoice for `reason`, checked as any free text.
///
/// # Errors
/// [`Error::Invalid`] for a blank or unsafe reason, at `/reason`.
fn void_change(reason: &str) -> Result<StatusChange> {
    let reason =
        parse::check_text(reason, "/reason", MAX_TEXT, false).map_err(|p| Error::Invalid { problems: vec![p] })?;
    Ok(StatusChange::Void { reason })
}
