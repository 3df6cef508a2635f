//! What a document says about an invoice, whatever its format: whether it is a draft,
//! whether it asks to be paid, what its last line says, which reference to pay
//! against. Text, HTML and PDF all ask here, so they never disagree on what is owed
//! (SPEC 11, "Documents say what is owed").

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::vocabulary::Vocabulary;
use crate::invoice::Invoice;
use crate::invoice::model::{DocumentType, Party, PaymentMeans, Status};
use crate::invoice::money;
use crate::receivables::Account;

/// Whether the invoice is a draft: not issued yet, or without a number.
pub(crate) fn is_draft(invoice: &Invoice) -> bool {
    invoice.status == Status::Draft || invoice.number.is_none()
}

/// Where the invoice stands for the person who pays it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    /// An invoice (or a draft of one) that asks to be paid.
    Payable,
    /// Paid, on this date if known.
    Paid(Option<NaiveDate>),
    /// Void: nothing to pay.
    Void,
    /// Fully credited by credit notes: nothing to pay.
    Credited,
    /// A credit note: an amount credited, never a request to pay.
    Credit,
}

/// The invoice's [`Standing`].
pub(crate) fn standing(invoice: &Invoice) -> Standing {
    if invoice.kind == DocumentType::CreditNote {
        return Standing::Credit;
    }
    match invoice.status {
        Status::Draft | Status::Issued | Status::PartiallyPaid => Standing::Payable,
        Status::Paid => Standing::Paid(invoice.paid_date),
        Status::Void => Standing::Void,
        Status::Credited => Standing::Credited,
    }
}

/// Whether the document asks to be paid: only then does it print a due date request,
/// payment instructions or a payment QR code. An issued invoice with nothing left to pay
/// (fully prepaid, or paid and credited down to 0) asks for nothing (SPEC 12.4).
pub(crate) fn asks_payment(invoice: &Invoice) -> bool {
    standing(invoice) == Standing::Payable && (is_draft(invoice) || amount_to_pay(invoice) > Decimal::ZERO)
}

/// The stamp under the title of an issued document, if its status calls for one:
/// "Paid on 2026-12-01", "Void — reason", "Credited by CN-2026-0001". The text holds
/// untrusted values (the reason, numbers): each renderer escapes it.
pub(crate) fn stamp(v: &Vocabulary, invoice: &Invoice) -> Option<(Stamp, String)> {
    let l = &v.labels;
    Some(match invoice.status {
        Status::Paid => (Stamp::Paid, invoice.paid_date.map_or_else(|| l.paid.to_owned(), |d| paid_on(v, d))),
        Status::Void => (
            Stamp::Void,
            invoice.void_reason.as_deref().map_or_else(|| l.void.to_owned(), |r| format!("{} — {r}", l.void)),
        ),
        Status::Credited => (
            Stamp::Credited,
            invoice.credited_by.as_deref().map_or_else(|| l.credited.to_owned(), |n| format!("{} {n}", l.credited_by)),
        ),
        Status::Draft | Status::Issued | Status::PartiallyPaid => return None,
    })
}

/// Kinds of status stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stamp {
    /// Paid.
    Paid,
    /// Void.
    Void,
    /// Credited.
    Credited,
}

impl Stamp {
    /// A CSS class name for it.
    pub(crate) fn class(self) -> &'static str {
        match self {
            Stamp::Paid => "paid",
            Stamp::Void => "void",
            Stamp::Credited => "credited",
        }
    }
}

/// "Paid on 2026-12-01".
pub(crate) fn paid_on(v: &Vocabulary, date: NaiveDate) -> String {
    format!("{} {}", v.labels.paid_on, v.date(date))
}

/// The last line of the totals: what the reader owes or is owed. An amount to pay
/// only when the document asks to be paid; a paid invoice says when it was paid (and
/// how much), a void one that it is not payable, a credit note what it credits.
///
/// A stored invoice with payments or credit notes (its [`Account`]) ends with the balance
/// instead (SPEC 12.4): "Balance due", "Paid in full on DATE", or "Refund due" with the
/// negative balance; a fully prepaid invoice says "Paid in full" and asks for nothing.
pub(crate) fn closing_line(v: &Vocabulary, invoice: &Invoice) -> (String, Option<Decimal>) {
    let l = &v.labels;
    let r = &v.receivables;
    let due = invoice.totals.due;
    let standing = standing(invoice);
    if let Some(account) = active_account(invoice) {
        if account.outstanding < Decimal::ZERO {
            return (r.refund_due.to_owned(), Some(account.outstanding));
        }
        match standing {
            Standing::Payable if !account.is_empty() => return (r.balance_due.to_owned(), Some(account.outstanding)),
            Standing::Paid(date) if !account.is_empty() || due.is_zero() => {
                let date =
                    date.or_else(|| account.settled_on()).or_else(|| due.is_zero().then_some(invoice.issue_date));
                return (date.map_or_else(|| r.paid_in_full.to_owned(), |d| r.paid_in_full_on(&v.date(d))), None);
            }
            _ => {}
        }
    }
    match standing {
        // Fully prepaid: nothing was ever to be paid after issue.
        Standing::Paid(_) | Standing::Payable
            if due.is_zero() && !is_draft(invoice) && invoice.kind == DocumentType::Invoice =>
        {
            (r.paid_in_full_on(&v.date(invoice.issue_date)), None)
        }
        Standing::Payable => (l.amount_due.to_owned(), Some(due)),
        Standing::Paid(Some(date)) => (paid_on(v, date), Some(due)),
        Standing::Paid(None) => (l.paid.to_owned(), Some(due)),
        Standing::Void => (format!("{} — {}", l.void, l.not_payable), None),
        Standing::Credited => (l.credited.to_owned(), None),
        Standing::Credit => (l.amount_credited.to_owned(), Some(due)),
    }
}

/// The account of an invoice whose documents show one: an issued invoice (not a credit
/// note, not void) read from the store with its payments and credit notes.
fn active_account(invoice: &Invoice) -> Option<&Account> {
    if invoice.kind != DocumentType::Invoice || is_draft(invoice) || invoice.status == Status::Void {
        return None;
    }
    invoice.account.as_ref()
}

/// What the document asks to be paid now: the balance of a stored invoice, else the
/// amount due at issue (for the EPC QR code and the amount to pay).
pub(crate) fn amount_to_pay(invoice: &Invoice) -> Decimal {
    active_account(invoice).map_or(invoice.totals.due, |a| a.outstanding)
}

/// The "Payments and credits" block after the totals (SPEC 12.4): its heading, then one
/// row per payment (label with date and method, amount taking it off the balance) and per
/// credit note (number and date). Empty when nothing was paid or credited. The labels hold
/// untrusted text (methods, numbers): each renderer escapes them.
pub(crate) fn account_rows(v: &Vocabulary, invoice: &Invoice) -> Vec<(String, Option<Decimal>)> {
    let Some(account) = active_account(invoice).filter(|a| !a.is_empty()) else { return Vec::new() };
    let r = &v.receivables;
    let mut rows = vec![(r.payments_and_credits.to_owned(), None)];
    enum Entry<'a> {
        Payment(&'a crate::receivables::PaymentRecord),
        Credit(&'a crate::receivables::CreditEntry),
    }
    let mut entries: Vec<(chrono::NaiveDate, Entry<'_>)> = account
        .payments
        .iter()
        .map(|p| (p.date, Entry::Payment(p)))
        .chain(account.credits.iter().map(|c| (c.date, Entry::Credit(c))))
        .collect();
    entries.sort_by_key(|(date, _)| *date);
    for (date, entry) in entries {
        rows.push(match entry {
            Entry::Payment(p) => {
                let label = if p.reverses.is_some() { r.payment_reversed } else { r.payment_received };
                let method = p.method.as_deref().map(|m| match PaymentMeans::from_name(m) {
                    Some(means) => v.means(means).to_owned(),
                    None => m.to_owned(),
                });
                let text = match method {
                    Some(method) => format!("{label} {} · {method}", v.date(date)),
                    None => format!("{label} {}", v.date(date)),
                };
                (text, Some(-p.amount))
            }
            Entry::Credit(c) => {
                let of = v.labels.credited_invoice_of.replace("{date}", &v.date(date)).replace("{number}", &c.number);
                (format!("{} {of}", v.labels.credit_note), Some(-c.gross))
            }
        });
    }
    rows
}

/// The currency's minor units, falling back to the scale the amounts carry.
pub(crate) fn minor_units(invoice: &Invoice) -> u32 {
    money::minor_units(&invoice.currency).unwrap_or_else(|| invoice.totals.gross.scale())
}

/// The payment reference to print: the one given, else the number of an issued invoice.
pub(crate) fn payment_reference(invoice: &Invoice) -> Option<&str> {
    let number = if is_draft(invoice) { None } else { invoice.number.as_deref() };
    invoice.payment.as_ref().and_then(|p| p.reference.as_deref()).or(number)
}

/// Postal code and city on one line, as far as they are known.
pub(crate) fn postal_city(postal_code: Option<&str>, city: Option<&str>) -> Option<String> {
    match (postal_code, city) {
        (Some(p), Some(c)) => Some(format!("{p} {c}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

/// A party's postal address, one line each (street lines, postal code and city,
/// country). Untrusted text: each renderer escapes it.
pub(crate) fn address_lines(party: &Party) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(address) = &party.address {
        lines.extend(address.lines.iter().cloned());
        lines.extend(postal_city(address.postal_code.as_deref(), address.city.as_deref()));
        lines.extend(address.country.iter().cloned());
    }
    lines
}

/// A party's identifiers and contacts, labelled: "VAT ID: DE123456789",
/// "Email: billing@acme.example". Untrusted text: each renderer escapes it.
pub(crate) fn party_ids(v: &Vocabulary, party: &Party) -> Vec<String> {
    let l = &v.labels;
    let labelled = [
        (l.vat_id, &party.vat_id),
        (l.tax_id, &party.tax_id),
        (l.legal_id, &party.legal_id),
        (l.contact, &party.contact_name),
        (l.email, &party.email),
        (l.phone, &party.phone),
    ];
    labelled.into_iter().filter_map(|(label, value)| value.as_ref().map(|value| format!("{label}: {value}"))).collect()
}

/// The delivery facts a reader needs (SPEC 8.2): the delivery date and the invoicing
/// period, labelled and dated in the document's language, the same in text, HTML and PDF.
/// An invoice with neither says the supply is dated by the invoice, the accepted way
/// (SPEC 15: "Leistungsdatum entspricht dem Rechnungsdatum"); a credit note, which dates
/// no supply of its own, says nothing.
pub(crate) fn delivery_facts(v: &Vocabulary, invoice: &Invoice) -> Vec<(&'static str, String)> {
    let l = &v.labels;
    let mut facts = Vec::new();
    let dated = invoice.delivery_date.is_some()
        || invoice.period.as_ref().is_some_and(|p| p.start.is_some() || p.end.is_some());
    if !dated && invoice.kind == DocumentType::Invoice {
        facts.push((l.delivery_date, l.delivery_as_invoice_date.to_owned()));
    }
    if let Some(date) = invoice.delivery_date {
        facts.push((l.delivery_date, v.date(date)));
    }
    if let Some(period) = &invoice.period {
        let text = match (period.start, period.end) {
            (Some(start), Some(end)) => {
                l.period_range.replace("{start}", &v.date(start)).replace("{end}", &v.date(end))
            }
            (Some(start), None) => l.period_from.replace("{start}", &v.date(start)),
            (None, Some(end)) => l.period_until.replace("{end}", &v.date(end)),
            (None, None) => return facts,
        };
        facts.push((l.period, text));
    }
    facts
}

/// The invoice a credit note credits, with that invoice's issue date when the store
/// recorded it (SPEC 11): "INV-2026-0001 of 2026-11-02", "INV-2026-0001 vom 02.11.2026".
/// Untrusted text (the number): each renderer escapes it.
pub(crate) fn credited_invoice(v: &Vocabulary, invoice: &Invoice) -> Option<String> {
    let number = invoice.preceding_invoice.as_deref()?;
    Some(match invoice.preceding_invoice_date {
        // The date first: a number cannot put a "{date}" into the text.
        Some(date) => v.labels.credited_invoice_of.replace("{date}", &v.date(date)).replace("{number}", number),
        None => number.to_owned(),
    })
}

/// The document's name: "Invoice INV-2026-0001", "Credit note CN-2026-0001", or
/// "Invoice (draft)". Untrusted text (the number): each renderer escapes it.
pub(crate) fn document_name(v: &Vocabulary, invoice: &Invoice) -> String {
    let title = v.title(invoice.kind);
    match &invoice.number {
        Some(number) if !is_draft(invoice) => format!("{title} {number}"),
        _ => format!("{title} ({})", v.labels.draft.to_lowercase()),
    }
}

/// The standard notes the invoice's VAT categories require, once each, in the order
/// of the breakdown.
pub(crate) fn category_notes(v: &Vocabulary, invoice: &Invoice) -> Vec<&'static str> {
    let mut notes: Vec<&'static str> = Vec::new();
    for group in &invoice.totals.tax {
        if let Some(note) = v.category_note(group.category)
            && !notes.contains(&note)
        {
            notes.push(note);
        }
    }
    notes
}

/// The seller's legal mentions, printed as the footer of every page (SPEC 15). Untrusted
/// text: each renderer escapes it.
pub(crate) fn legal_text(invoice: &Invoice) -> &[String] {
    &invoice.seller.legal_text
}
