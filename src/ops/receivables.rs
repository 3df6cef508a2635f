//! The receivables workflows the CLI and the daemon share (SPEC 12.3, 12.5, 12.6): the
//! reminder run, an invoice's reminders, a statement of account, and credit notes by
//! amount or by lines.

use crate::error::{Error, Result};
use crate::invoice::model::{DocumentType, Language};
use crate::invoice::{Invoice, Status, money};
use crate::receivables::reminder::{self, ReminderPolicy, ReminderRecord, Situation};
use crate::receivables::statement::{self, Entry, Kind, Statement};
use crate::render::receivables::ReminderDoc;
use crate::store::{Actor, ListFilter, Store};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// A reminder issued (or, on a dry run, that would be issued), with what its document
/// shows.
#[derive(Debug, Clone, Serialize)]
pub struct Reminded {
    /// The stored row.
    #[serde(flatten)]
    pub record: ReminderRecord,
    /// The title printed on it (configured, or the language's standard title).
    pub title: String,
    /// The buyer's name.
    pub buyer: String,
    /// The invoice's issue date.
    pub invoice_date: NaiveDate,
    /// The invoice's original due date.
    pub due_date: NaiveDate,
    /// The amount due at issue (gross − prepaid).
    pub due: Decimal,
    /// Payments received, net of reversals.
    pub paid: Decimal,
    /// Credit notes issued against it.
    pub credited: Decimal,
    /// Fees of the earlier reminders of this invoice.
    pub earlier_fees: Decimal,
    /// What the reminder asks for: balance, every fee so far and the interest.
    pub amount_asked: Decimal,
    /// `issued`, or `would_issue` on a dry run.
    pub outcome: &'static str,
    /// The invoice with its account, for the document.
    #[serde(skip)]
    pub invoice: Invoice,
    /// The configured title of the level, if any.
    #[serde(skip)]
    pub custom_title: Option<String>,
}

impl Reminded {
    /// The reminder as its documents print it.
    #[must_use]
    pub fn doc(&self) -> ReminderDoc<'_> {
        ReminderDoc {
            invoice: &self.invoice,
            reminder: &self.record,
            earlier_fees: self.earlier_fees,
            title: self.custom_title.as_deref(),
        }
    }
}

/// An invoice the run looked at and reminded of nothing, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The invoice number.
    pub invoice: String,
    /// Why nothing was issued.
    pub reason: String,
}

/// What a reminder run did (or would do).
#[derive(Debug, Clone, Serialize)]
pub struct ReminderRun {
    /// The day of the run.
    pub as_of: NaiveDate,
    /// Whether nothing was stored.
    pub dry_run: bool,
    /// The reminders issued (or due, on a dry run).
    pub reminders: Vec<Reminded>,
    /// Overdue or named invoices that got none, with the reason.
    pub skipped: Vec<Skipped>,
}

/// Runs the reminders (SPEC 12.5): for every overdue invoice (or the ones in `numbers`)
/// whose next level is reached on `as_of`, the reminder is stored with its audit entry
/// (once per invoice and level: a level already issued, by an earlier run or one racing
/// this one, is skipped and says so). A dry run stores nothing. `prepare` sees each
/// reminder before it is stored (the CLI renders its document there, so a document that
/// cannot be written stops the run before the reminder is stored).
///
/// # Errors
/// [`Error::NotFound`] for an unknown named invoice; `prepare`'s error (the reminders
/// stored before it stay: each is complete on its own); [`Error::Store`].
pub async fn remind(
    store: &Store,
    numbers: &[String],
    as_of: NaiveDate,
    dry_run: bool,
    policy: &ReminderPolicy,
    actor: &Actor,
    mut prepare: impl FnMut(&Reminded) -> Result<()>,
) -> Result<ReminderRun> {
    let named = !numbers.is_empty();
    let candidates = if named { dedup(numbers) } else { overdue_numbers(store, as_of, policy).await? };
    let mut run = ReminderRun { as_of, dry_run, reminders: Vec::new(), skipped: Vec::new() };
    for number in candidates {
        let invoice = store.get_with_account(&number).await?;
        let earlier = store.reminders(Some(&number)).await?;
        let mut reminded = match decide(&invoice, &earlier, as_of, policy) {
            Ok(reminded) => reminded,
            Err(reason) => {
                run.skipped.push(Skipped { invoice: number, reason });
                continue;
            }
        };
        reminded.record.actor.clone_from(&actor.name);
        reminded.record.created_at = crate::store::now_utc();
        prepare(&reminded)?;
        if dry_run {
            reminded.outcome = "would_issue";
        } else if !store.record_reminder(&reminded.record, actor).await? {
            let level = reminded.record.level;
            run.skipped.push(Skipped { invoice: number, reason: format!("level {level} was already issued") });
            continue;
        }
        run.reminders.push(reminded);
    }
    Ok(run)
}

fn dedup(numbers: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    numbers.iter().filter(|n| seen.insert(n.as_str())).cloned().collect()
}

/// Invoices `issued` or `partially_paid` at least the first level's days past due.
async fn overdue_numbers(store: &Store, as_of: NaiveDate, policy: &ReminderPolicy) -> Result<Vec<String>> {
    let first = policy.levels.first().map_or(0, |l| i64::from(l.after_days));
    // Summaries only (never the documents), in creation order.
    let summaries = store.list_summaries(&ListFilter::default()).await?;
    let open = [Status::Issued.as_str(), Status::PartiallyPaid.as_str()];
    Ok(summaries
        .into_iter()
        .filter(|s| s.kind == "invoice" && open.contains(&s.status.as_str()))
        .filter(|s| {
            let due = s.due_date.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
            due.is_some_and(|due| (as_of - due).num_days() >= first)
        })
        .map(|s| s.number)
        .collect())
}

/// The reminder `invoice` gets on `as_of`, or why it gets none.
fn decide(
    invoice: &Invoice,
    earlier: &[ReminderRecord],
    as_of: NaiveDate,
    policy: &ReminderPolicy,
) -> std::result::Result<Reminded, String> {
    let number = invoice.number.clone().unwrap_or_default();
    let account = invoice.account.clone().unwrap_or(crate::receivables::Account {
        paid: Decimal::ZERO,
        credited: Decimal::ZERO,
        outstanding: invoice.totals.due,
        payments: Vec::new(),
        credits: Vec::new(),
    });
    let last = earlier.iter().max_by_key(|r| r.level);
    let situation = Situation {
        kind: invoice.kind,
        status: invoice.status,
        due_date: invoice.due_date,
        outstanding: account.outstanding,
        last,
        last_payment: account.payments.iter().filter(|p| p.amount > Decimal::ZERO).map(|p| p.date).max(),
    };
    let Some(level) = reminder::next_level(policy, &situation, as_of) else {
        return Err(why_not(policy, &situation, as_of));
    };
    let dp = money::minor_units(&invoice.currency).unwrap_or(2);
    let interest = policy.interest_rate.map_or(Decimal::ZERO, |rate| {
        let reductions: Vec<(NaiveDate, Decimal)> = account
            .payments
            .iter()
            .map(|p| (p.date, p.amount))
            .chain(account.credits.iter().map(|c| (c.date, c.gross)))
            .collect();
        reminder::interest(rate, dp, invoice.totals.due, invoice.due_date, as_of, &reductions)
    });
    let record =
        reminder::reminder_for(policy, &number, &invoice.currency, level, as_of, account.outstanding, interest);
    let earlier_fees: Decimal = earlier.iter().filter(|r| r.level < level).map(|r| r.fee).sum();
    let custom_title = usize::try_from(level)
        .ok()
        .and_then(|l| l.checked_sub(1))
        .and_then(|i| policy.levels.get(i))
        .and_then(|l| l.title.clone());
    let mut reminded = Reminded {
        title: String::new(),
        buyer: invoice.buyer.name.clone().unwrap_or_default(),
        invoice_date: invoice.issue_date,
        due_date: invoice.due_date,
        due: invoice.totals.due,
        paid: money::round_to(account.paid, dp),
        credited: money::round_to(account.credited, dp),
        earlier_fees: money::round_to(earlier_fees, dp),
        amount_asked: reminder::amount_asked(&record, earlier_fees),
        outcome: "issued",
        invoice: invoice.clone(),
        custom_title,
        record,
    };
    reminded.title = reminded.doc().title();
    Ok(reminded)
}

/// Why an invoice gets no reminder on `as_of`, in words.
fn why_not(policy: &ReminderPolicy, s: &Situation<'_>, as_of: NaiveDate) -> String {
    if s.kind == DocumentType::CreditNote {
        return "it is a credit note; credit notes are never reminded".into();
    }
    if !matches!(s.status, Status::Issued | Status::PartiallyPaid) {
        return format!("it is {}; only issued or partially paid invoices are reminded", s.status.as_str());
    }
    if s.outstanding <= Decimal::ZERO {
        return "nothing is outstanding".into();
    }
    if s.due_date >= as_of {
        return format!("it is not overdue (due {})", s.due_date);
    }
    if let Some(last) = s.last.filter(|last| last.date == as_of) {
        return format!("level {} was issued today already", last.level);
    }
    let next = s.last.map_or(1, |r| r.level + 1);
    let Some(level) = usize::try_from(next).ok().and_then(|n| policy.levels.get(n - 1)) else {
        return format!("all {} reminder levels were issued", policy.levels.len());
    };
    let overdue = (as_of - s.due_date).num_days();
    if overdue < i64::from(level.after_days) {
        return format!(
            "it is {overdue} days overdue; level {next} comes {} days after the due date",
            level.after_days
        );
    }
    match s.last {
        Some(last) => format!(
            "level {} was issued on {}; level {next} waits until the buyer had the time it gave to pay",
            last.level, last.date
        ),
        None => "no reminder is due".into(),
    }
}

/// The reminders of one invoice (`GET /v1/invoices/{number}/reminders`).
///
/// # Errors
/// [`Error::NotFound`] for an unknown invoice; [`Error::Store`].
pub async fn reminders_of(store: &Store, number: &str) -> Result<Vec<ReminderRecord>> {
    store.get(number).await?;
    store.reminders(Some(number)).await
}

/// Whose statement: a buyer by name (compared case-insensitively, whole name), or a
/// customer by ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Party {
    /// `--buyer NAME`.
    Buyer(String),
    /// `--customer ID`.
    Customer(String),
}

/// A statement of account and the language to print it in.
#[derive(Debug, Clone)]
pub struct StatementOf {
    /// One statement per currency.
    pub statements: Vec<Statement>,
    /// The language of the buyer's latest invoice.
    pub language: Language,
    /// The latest invoice, for the seller's name on printed statements.
    pub latest: Invoice,
}

/// A statement of account (SPEC 12.6, 14.1): every invoice, credit note, payment and
/// reminder charge of the buyer in date order with the running balance, per currency.
///
/// # Errors
/// [`Error::NotFound`] when the buyer has no invoices or the customer is unknown;
/// [`Error::Store`].
pub async fn statement(
    store: &Store,
    party: &Party,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<StatementOf> {
    let fold = |t: &str| t.to_uppercase().to_lowercase();
    let (name, documents) = match party {
        Party::Buyer(name) => {
            let wanted = fold(name.trim());
            let filter = ListFilter { buyer: Some(name.trim().to_owned()), ..ListFilter::default() };
            let all = store.list(&filter).await?;
            let documents: Vec<Invoice> =
                all.into_iter().filter(|i| i.buyer.name.as_deref().is_some_and(|n| fold(n.trim()) == wanted)).collect();
            let shown = documents.last().and_then(|i| i.buyer.name.clone()).unwrap_or_else(|| name.clone());
            (shown, documents)
        }
        Party::Customer(id) => {
            let customer = store.customers(Some(id)).await?.into_iter().next().ok_or_else(|| Error::NotFound {
                what: format!("customer {}", crate::security::text::display_safe(id)),
            })?;
            (customer.buyer.name.clone().unwrap_or_else(|| id.clone()), store.customer_invoices(id).await?)
        }
    };
    let Some(latest) = documents.iter().filter(|i| i.status != Status::Void).max_by_key(|i| i.issue_date).cloned()
    else {
        let who = match party {
            Party::Buyer(name) => format!("buyer {}", crate::security::text::display_safe(name)),
            Party::Customer(id) => format!("customer {}", crate::security::text::display_safe(id)),
        };
        return Err(Error::NotFound { what: format!("invoices of {who}") });
    };
    let entries = entries(store, &documents).await?;
    let statements = statement::statements(&name, entries, from, to, |c| money::minor_units(c).unwrap_or(2));
    Ok(StatementOf { statements, language: latest.language, latest })
}

/// The statement entries of `documents` (void ones left out) with their payments and
/// reminder charges.
async fn entries(store: &Store, documents: &[Invoice]) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    let mut invoices: BTreeMap<String, String> = BTreeMap::new();
    for doc in documents.iter().filter(|d| d.status != Status::Void) {
        let number = doc.number.clone().unwrap_or_default();
        let (kind, amount, invoice) = match doc.kind {
            DocumentType::Invoice => {
                invoices.insert(number.clone(), doc.currency.clone());
                (Kind::Invoice, doc.totals.due, number.clone())
            }
            DocumentType::CreditNote => {
                (Kind::CreditNote, -doc.totals.gross, doc.preceding_invoice.clone().unwrap_or_else(|| number.clone()))
            }
        };
        entries.push(Entry {
            date: doc.issue_date,
            kind,
            reference: number,
            invoice,
            currency: doc.currency.clone(),
            amount,
        });
    }
    for p in store.payments(&crate::store::payments::PaymentFilter::default()).await? {
        if invoices.contains_key(&p.invoice) {
            entries.push(Entry {
                date: p.date,
                kind: Kind::Payment,
                reference: p.id,
                invoice: p.invoice,
                currency: p.currency,
                amount: -p.amount,
            });
        }
    }
    let mut interest_before: BTreeMap<String, Decimal> = BTreeMap::new();
    for r in store.reminders(None).await? {
        if !invoices.contains_key(&r.invoice) {
            continue;
        }
        // Interest on a reminder runs from the due date; each one charges what accrued
        // since the previous reminder of the invoice.
        let before = interest_before.insert(r.invoice.clone(), r.interest).unwrap_or_default();
        let charge = r.fee + (r.interest - before).max(Decimal::ZERO);
        if !charge.is_zero() {
            entries.push(Entry {
                date: r.date,
                kind: Kind::Reminder,
                reference: format!("{}/{}", r.invoice, r.level),
                invoice: r.invoice,
                currency: r.currency,
                amount: charge,
            });
        }
    }
    Ok(entries)
}
