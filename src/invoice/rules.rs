//! The business rules of an invoice's life (SPEC 2.4, SPEC 11 "Business rules"): what a
//! credit note may credit (never more than the invoice), issue dates that must follow
//! each other (chronological numbering), payment dates, and which status changes are
//! allowed. Pure functions on domain values: the store calls them inside its
//! transactions, with the rows it read under lock, on every engine; they are tested here
//! without a store.

use crate::error::{ConflictKind, Error, Result};
use crate::invoice::model::DocumentType;
use crate::invoice::{Code, Invoice, Problem, Status};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// A status change of an issued invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusChange {
    /// Paid on a date.
    Paid {
        /// Payment date.
        date: NaiveDate,
    },
    /// Voided, with a reason.
    Void {
        /// Why.
        reason: String,
    },
}

/// Checks that `credit` may credit `original` (the invoice named `preceding`), given the
/// gross of the credit notes already issued against it, and records `original`'s issue
/// date on `credit` (`preceding_invoice_date`, BT-26: the stored invoice is the truth, not
/// the draft); returns whether the invoice is then fully credited (its status becomes
/// `credited`).
///
/// # Errors
/// [`Error::Conflict`] (`illegal_transition`) when `original` is a credit note or is not
/// `issued`/`paid`; [`Error::Invalid`] for another currency (`invalid_value` at
/// `/currency`) or credits above the invoice's gross (`out_of_range` at
/// `/preceding_invoice`).
pub fn check_credit(
    preceding: &str,
    original: &Invoice,
    credited_before: Decimal,
    credit: &mut Invoice,
) -> Result<bool> {
    if original.kind == DocumentType::CreditNote {
        return Err(Error::conflict(
            ConflictKind::IllegalTransition,
            format!("{preceding} is a credit note; credit notes cannot be credited"),
        ));
    }
    if !original.status.can_become(crate::invoice::Status::Credited) {
        return Err(Error::conflict(
            ConflictKind::IllegalTransition,
            format!("invoice {preceding} is {}; it cannot be credited", original.status.as_str()),
        ));
    }
    if credit.currency != original.currency {
        return Err(invalid(
            "/currency",
            Code::InvalidValue,
            format!(
                "a credit note must be in the currency of the invoice it credits: {preceding} is in {}, not {}",
                original.currency, credit.currency
            ),
        ));
    }
    let total = credited_before.checked_add(credit.totals.gross).unwrap_or(Decimal::MAX);
    if total > original.totals.gross {
        return Err(invalid(
            "/preceding_invoice",
            Code::OutOfRange,
            format!(
                "credit notes for {preceding} would total {total} {cur}, more than its gross {} {cur} \
                 ({credited_before} {cur} credited already)",
                original.totals.gross,
                cur = original.currency
            ),
        ));
    }
    credit.preceding_invoice_date = Some(original.issue_date);
    Ok(total == original.totals.gross)
}

/// With `[defaults] chronological = true`, an issue date earlier than the latest one of
/// the same series and year (`latest`: that date and its invoice) is refused.
///
/// # Errors
/// [`Error::Invalid`] with `invalid_date` at `/issue_date`, naming that invoice.
pub fn check_chronological(issue_date: NaiveDate, latest: Option<(NaiveDate, String)>) -> Result<()> {
    match latest {
        Some((date, number)) if issue_date < date => Err(invalid(
            "/issue_date",
            Code::InvalidDate,
            format!(
                "issue_date {issue_date} is earlier than {date}, the issue date of {number}: numbers must follow \
                 dates in this series ([defaults] chronological = true)"
            ),
        )),
        _ => Ok(()),
    }
}

/// A payment date lies between the issue date and tomorrow (SPEC 11).
///
/// # Errors
/// [`Error::Invalid`] with `invalid_date` at `/date`.
pub fn check_payment_date(issue_date: NaiveDate, date: NaiveDate, today: NaiveDate) -> Result<()> {
    let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
    if date < issue_date || date > tomorrow {
        return Err(invalid(
            "/date",
            Code::InvalidDate,
            format!("the payment date {date} must lie between the issue date {issue_date} and tomorrow ({tomorrow})"),
        ));
    }
    Ok(())
}

/// Checks that invoice `number`, now `current`, may take `change`; returns the change's
/// audit action and the audit entry's detail.
///
/// # Errors
/// [`Error::Conflict`] (`illegal_transition`) when the lifecycle does not allow the move
/// (SPEC 2.4).
pub fn check_status_change(number: &str, current: Status, change: &StatusChange) -> Result<(&'static str, String)> {
    let (to, action, detail) = match change {
        StatusChange::Paid { date } => (Status::Paid, "pay", format!("paid on {date}")),
        StatusChange::Void { reason } => (Status::Void, "void", reason.clone()),
    };
    if !current.can_become(to) {
        return Err(illegal_transition(number, current, to));
    }
    Ok((action, detail))
}

/// `number` may not move from `from` to `to`.
#[must_use]
pub fn illegal_transition(number: &str, from: Status, to: Status) -> Error {
    Error::Conflict {
        kind: ConflictKind::IllegalTransition,
        message: format!("invoice {number} is {}; it cannot become {}", from.as_str(), to.as_str()),
    }
}

fn invalid(path: &str, code: Code, message: String) -> Error {
    Error::Invalid { problems: vec![Problem::new(path, code, message)] }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn payment_dates_lie_between_issue_and_tomorrow() {
        let (issue, today) = (day("2026-11-27"), day("2026-12-04"));
        for ok in ["2026-11-27", "2026-12-01", "2026-12-05"] {
            assert!(check_payment_date(issue, day(ok), today).is_ok(), "{ok}");
        }
        for bad in ["0001-01-01", "2026-11-26", "2026-12-06", "9999-12-31"] {
            let e = check_payment_date(issue, day(bad), today).unwrap_err();
            assert_eq!(e.exit_code(), 1, "{bad}");
            assert_eq!(e.entries()[0].1, "invalid_date");
        }
    }

    #[test]
    fn chronological_numbering_names_the_later_invoice() {
        let latest = Some((day("2026-11-20"), "INV-2026-0007".to_owned()));
        assert!(check_chronological(day("2026-11-20"), latest.clone()).is_ok());
        let e = check_chronological(day("2026-11-19"), latest).unwrap_err();
        let (path, code, message) = e.entries().remove(0);
        assert_eq!((path.as_str(), code), ("/issue_date", "invalid_date"));
        assert!(message.contains("INV-2026-0007"), "{message}");
        assert!(check_chronological(day("2026-01-01"), None).is_ok());
    }

    fn invoice(kind: &str, gross_net: &str, currency: &str) -> Invoice {
        let json = format!(
            r#"{{"type":"{kind}","preceding_invoice":"INV-1","issue_date":"2026-03-02","currency":"{currency}",
                "seller":{{"name":"S"}},"buyer":{{"name":"B"}},
                "lines":[{{"description":"x","quantity":1,"unit_price":"{gross_net}","tax_rate":0}}]}}"#
        );
        let today = day("2026-03-02");
        crate::invoice::check_bytes(json.as_bytes(), Default::default(), &Default::default(), today).unwrap().invoice
    }

    fn issued(mut invoice: Invoice) -> Invoice {
        invoice.kind = DocumentType::Invoice;
        invoice.preceding_invoice = None;
        invoice.status = Status::Issued;
        invoice
    }

    #[test]
    fn a_credit_note_may_not_exceed_the_invoice() {
        let original = issued(invoice("invoice", "10.00", "EUR"));
        let mut note = invoice("credit_note", "4.00", "EUR");
        assert!(!check_credit("INV-1", &original, Decimal::ZERO, &mut note).unwrap(), "partial");
        assert_eq!(note.preceding_invoice_date, Some(original.issue_date));
        assert!(check_credit("INV-1", &original, "6.00".parse().unwrap(), &mut note).unwrap(), "reaches the gross");
        let e = check_credit("INV-1", &original, "6.01".parse().unwrap(), &mut note).unwrap_err();
        assert_eq!(e.entries()[0].0, "/preceding_invoice");
        assert_eq!(e.entries()[0].1, "out_of_range");
        let mut dollars = invoice("credit_note", "1.00", "USD");
        assert_eq!(
            check_credit("INV-1", &original, Decimal::ZERO, &mut dollars).unwrap_err().entries()[0].0,
            "/currency"
        );
        let mut void = original.clone();
        void.status = Status::Void;
        assert_eq!(check_credit("INV-1", &void, Decimal::ZERO, &mut note).unwrap_err().exit_code(), 4);
        let of_note = invoice("credit_note", "10.00", "EUR");
        let e = check_credit("INV-1", &of_note, Decimal::ZERO, &mut note).unwrap_err();
        assert!(e.to_string().contains("credit notes cannot be credited"), "{e}");
    }

    #[test]
    fn status_changes_follow_the_lifecycle_and_say_what_to_audit() {
        let paid = StatusChange::Paid { date: day("2026-03-03") };
        let void = StatusChange::Void { reason: "typo".into() };
        assert_eq!(check_status_change("A", Status::Issued, &paid).unwrap(), ("pay", "paid on 2026-03-03".into()));
        assert_eq!(check_status_change("A", Status::Issued, &void).unwrap(), ("void", "typo".into()));
        let e = check_status_change("A", Status::Paid, &void).unwrap_err();
        assert_eq!(e.to_string(), "invoice A is paid; it cannot become void");
        for from in [Status::Void, Status::Credited] {
            assert_eq!(check_status_change("A", from, &paid).unwrap_err().exit_code(), 4);
        }
    }
}
