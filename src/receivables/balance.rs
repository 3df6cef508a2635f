//! The one balance of an invoice and the status derived from it (SPEC 12.1).
//!
//! `outstanding = due − payments − credit notes' gross`, where `due` (gross − prepaid) is
//! fixed at issue. It goes below 0 only when a credit note follows a payment: the buyer is
//! then owed a refund. The status follows from the balance and is never set by hand,
//! except `void`.

use crate::error::{ConflictKind, Error, Result};
use crate::invoice::Status;
use crate::invoice::model::DocumentType;
use crate::invoice::money::MAX_AMOUNT;
use rust_decimal::Decimal;
use serde::Serialize;

/// What an invoice was worth at issue and what has happened to it since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Balance {
    /// Gross at issue (BT-112).
    pub gross: Decimal,
    /// Amount due at issue: gross − prepaid (BT-115).
    pub due: Decimal,
    /// Payments recorded since issue, net of reversals.
    pub paid: Decimal,
    /// Gross of the credit notes issued against it.
    pub credited: Decimal,
    /// `due − paid − credited`; negative when a refund is due.
    pub outstanding: Decimal,
}

impl Balance {
    /// The balance of a freshly issued invoice: nothing paid, nothing credited.
    #[must_use]
    pub fn at_issue(gross: Decimal, due: Decimal) -> Self {
        Balance { gross, due, paid: Decimal::ZERO, credited: Decimal::ZERO, outstanding: due }
    }

    /// The balance after `payments` (reversals negative) and `credits` (credit notes'
    /// gross, positive). `None` when a sum leaves the supported range.
    #[must_use]
    pub fn compute(
        gross: Decimal,
        due: Decimal,
        payments: impl IntoIterator<Item = Decimal>,
        credits: impl IntoIterator<Item = Decimal>,
    ) -> Option<Self> {
        let mut balance = Balance::at_issue(gross, due);
        for amount in payments {
            balance = balance.with_payment(amount)?;
        }
        for amount in credits {
            balance = balance.with_credit(amount)?;
        }
        Some(balance)
    }

    /// The balance after one more payment (negative for a reversal).
    #[must_use]
    pub fn with_payment(self, amount: Decimal) -> Option<Self> {
        let paid = bounded(self.paid.checked_add(amount)?)?;
        Some(Balance { paid, outstanding: bounded(self.outstanding.checked_sub(amount)?)?, ..self })
    }

    /// The balance after one more credit note of `gross`.
    #[must_use]
    pub fn with_credit(self, gross: Decimal) -> Option<Self> {
        let credited = bounded(self.credited.checked_add(gross)?)?;
        Some(Balance { credited, outstanding: bounded(self.outstanding.checked_sub(gross)?)?, ..self })
    }

    /// The amount prepaid at issue (BT-113): gross − due.
    #[must_use]
    pub fn prepaid(&self) -> Decimal {
        self.gross - self.due
    }

    /// Whether the buyer is owed money back.
    #[must_use]
    pub fn refund_due(&self) -> bool {
        self.outstanding < Decimal::ZERO
    }

    /// What a void invoice still shows as owed: nothing.
    #[must_use]
    pub fn voided(self) -> Self {
        Balance { outstanding: crate::invoice::money::round_to(Decimal::ZERO, self.due.scale()), ..self }
    }
}

fn bounded(value: Decimal) -> Option<Decimal> {
    (value.abs() <= MAX_AMOUNT).then_some(value)
}

/// The status a balance means (SPEC 12.1). Credit notes stay `issued`; `void` is kept.
///
/// - `credited`: the credit notes reach the gross;
/// - `paid`: nothing outstanding (through payments or the prepaid amount), not wholly
///   credited — a partial credit note whose remainder was paid leaves the invoice `paid`;
/// - `partially_paid`: payments received, a balance still outstanding;
/// - `issued`: nothing received since issue (a partly prepaid invoice is `issued` until a
///   payment comes in: the prepaid amount is part of its terms, not a payment).
#[must_use]
pub fn derive_status(kind: DocumentType, voided: bool, balance: &Balance) -> Status {
    if voided {
        return Status::Void;
    }
    if kind == DocumentType::CreditNote {
        return Status::Issued;
    }
    if balance.credited > Decimal::ZERO && balance.credited >= balance.gross {
        Status::Credited
    } else if balance.outstanding <= Decimal::ZERO {
        Status::Paid
    } else if balance.paid > Decimal::ZERO {
        Status::PartiallyPaid
    } else {
        Status::Issued
    }
}

/// Whether an invoice in `status` is overdue on `as_of`: `issued` or `partially_paid`
/// with its due date before that day. `overdue` is a view, not a status.
#[must_use]
pub fn is_overdue(status: Status, due_date: chrono::NaiveDate, as_of: chrono::NaiveDate) -> bool {
    matches!(status, Status::Issued | Status::PartiallyPaid) && due_date < as_of
}

/// Payments and credit notes are recorded only against invoices that are neither void
/// nor credit notes.
///
/// # Errors
/// [`Error::Conflict`] (`illegal_transition`).
pub fn check_receivable(number: &str, kind: DocumentType, status: Status, what: &str) -> Result<()> {
    if kind == DocumentType::CreditNote {
        return Err(illegal(format!(
            "cannot {what} {number}: it is a credit note; only invoices are paid or credited"
        )));
    }
    if status == Status::Void {
        return Err(illegal(format!("cannot {what} {number}: it is void")));
    }
    Ok(())
}

/// A payment needs something outstanding; a fully paid or credited invoice is a conflict
/// (an overpayment on a partly paid one is `out_of_range`, see [`super::payment`]).
///
/// # Errors
/// [`Error::Conflict`] (`illegal_transition`) when nothing is outstanding.
pub fn check_payable(number: &str, kind: DocumentType, status: Status, balance: &Balance) -> Result<()> {
    check_receivable(number, kind, status, "pay")?;
    if balance.outstanding <= Decimal::ZERO {
        return Err(illegal(format!(
            "cannot pay {number}: it is {}; nothing is outstanding",
            status.as_str().replace('_', " ")
        )));
    }
    Ok(())
}

/// `void` is refused once anything was paid (a prepaid amount included) or credited: the
/// money has moved, and the remedy is a credit note.
///
/// # Errors
/// [`Error::Conflict`] (`illegal_transition`).
pub fn check_void(number: &str, kind: DocumentType, status: Status, balance: &Balance, currency: &str) -> Result<()> {
    if status == Status::Void {
        return Err(illegal(format!("cannot void {number}: it is void already")));
    }
    if kind == DocumentType::CreditNote {
        return Ok(());
    }
    let why = if balance.paid > Decimal::ZERO {
        format!("{} {currency} was paid on it", balance.paid)
    } else if balance.prepaid() > Decimal::ZERO {
        format!("{} {currency} was prepaid on it", balance.prepaid())
    } else if balance.credited > Decimal::ZERO {
        format!("{} {currency} was credited on it", balance.credited)
    } else {
        return Ok(());
    };
    Err(illegal(format!(
        "cannot void {number}: {why}; issue a credit note instead (`invoice credit {number}`), which keeps the \
         record of what was paid and credited"
    )))
}

fn illegal(message: String) -> Error {
    Error::conflict(ConflictKind::IllegalTransition, message)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn ds(list: &[&str]) -> Vec<Decimal> {
        list.iter().map(|s| d(s)).collect()
    }

    #[test]
    fn outstanding_is_due_less_payments_less_credits_and_the_status_follows() {
        // (gross, due, payments, credits, outstanding, status)
        // (gross, due, payments, credits, outstanding, status)
        type Case<'a> = (&'a str, &'a str, &'a [&'a str], &'a [&'a str], &'a str, Status);
        let table: &[Case<'_>] = &[
            ("1388.43", "1388.43", &[], &[], "1388.43", Status::Issued),
            ("1388.43", "1388.43", &["400.00"], &[], "988.43", Status::PartiallyPaid),
            ("1388.43", "1388.43", &["400.00", "988.43"], &[], "0.00", Status::Paid),
            ("1388.43", "1388.43", &["400.00", "-400.00"], &[], "1388.43", Status::Issued),
            ("1388.43", "1388.43", &["1388.43", "-1388.43"], &[], "1388.43", Status::Issued),
            ("2458.46", "2458.46", &[], &["327.25"], "2131.21", Status::Issued),
            ("2458.46", "2458.46", &["100.00"], &["327.25"], "2031.21", Status::PartiallyPaid),
            ("2458.46", "2458.46", &["2131.21"], &["327.25"], "0.00", Status::Paid),
            ("2458.46", "2458.46", &["2458.46"], &["327.25"], "-327.25", Status::Paid),
            ("2458.46", "2458.46", &["2458.46"], &["2458.46"], "-2458.46", Status::Credited),
            ("2458.46", "2458.46", &[], &["1000.00", "1458.46"], "0.00", Status::Credited),
            // Fully prepaid: due 0 at issue, paid from the start.
            ("714.00", "0.00", &[], &[], "0.00", Status::Paid),
            // Partly prepaid: the prepaid amount is terms, not a payment received.
            ("714.00", "214.00", &[], &[], "214.00", Status::Issued),
            ("714.00", "214.00", &["14.00"], &[], "200.00", Status::PartiallyPaid),
            // A prepaid invoice credited in full owes the prepaid amount back.
            ("714.00", "0.00", &[], &["714.00"], "-714.00", Status::Credited),
            ("1500", "1500", &["1"], &[], "1499", Status::PartiallyPaid),
        ];
        for (gross, due, payments, credits, outstanding, status) in table {
            let b = Balance::compute(d(gross), d(due), ds(payments), ds(credits)).unwrap();
            assert_eq!(b.outstanding, d(outstanding), "{gross} {due} {payments:?} {credits:?}");
            assert_eq!(b.outstanding.to_string(), *outstanding, "keeps the minor units");
            assert_eq!(derive_status(DocumentType::Invoice, false, &b), *status, "{payments:?} {credits:?}");
            assert_eq!(b.refund_due(), b.outstanding < Decimal::ZERO);
            assert_eq!(derive_status(DocumentType::Invoice, true, &b), Status::Void);
            assert_eq!(derive_status(DocumentType::CreditNote, false, &b), Status::Issued);
        }
    }

    #[test]
    fn sums_out_of_range_are_none_never_a_panic() {
        assert!(Balance::compute(d("1"), d("1"), [MAX_AMOUNT, MAX_AMOUNT], []).is_none());
        assert!(Balance::at_issue(d("1"), d("1")).with_credit(Decimal::MAX).is_none());
    }

    #[test]
    fn overdue_is_a_view_of_open_invoices_past_their_due_date() {
        let due = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let (on, after) = (due, due.succ_opt().unwrap());
        assert!(!is_overdue(Status::Issued, due, on));
        assert!(is_overdue(Status::Issued, due, after));
        assert!(is_overdue(Status::PartiallyPaid, due, after));
        for settled in [Status::Paid, Status::Credited, Status::Void, Status::Draft] {
            assert!(!is_overdue(settled, due, after), "{settled:?}");
        }
    }

    #[test]
    fn payments_are_refused_on_void_invoices_credit_notes_and_settled_ones() {
        let open = Balance::at_issue(d("100.00"), d("100.00"));
        assert!(check_payable("INV-1", DocumentType::Invoice, Status::Issued, &open).is_ok());
        let cases = [
            (DocumentType::CreditNote, Status::Issued, open, "it is a credit note"),
            (DocumentType::Invoice, Status::Void, open, "it is void"),
            (DocumentType::Invoice, Status::Paid, open.with_payment(d("100.00")).unwrap(), "it is paid"),
            (DocumentType::Invoice, Status::Paid, Balance::at_issue(d("100.00"), d("0.00")), "nothing is outstanding"),
        ];
        for (kind, status, balance, says) in cases {
            let e = check_payable("INV-1", kind, status, &balance).unwrap_err();
            assert_eq!((e.exit_code(), e.http_status()), (4, 409));
            assert_eq!(e.entries()[0].1, "illegal_transition");
            assert!(e.to_string().contains(says), "{e}");
        }
    }

    #[test]
    fn void_is_refused_once_money_moved_and_the_message_names_the_remedy() {
        let open = Balance::at_issue(d("714.00"), d("714.00"));
        assert!(check_void("INV-1", DocumentType::Invoice, Status::Issued, &open, "EUR").is_ok());
        for (balance, status, says) in [
            (open.with_payment(d("0.01")).unwrap(), Status::PartiallyPaid, "0.01 EUR was paid"),
            (Balance::at_issue(d("714.00"), d("0.00")), Status::Paid, "714.00 EUR was prepaid"),
            (open.with_credit(d("14.00")).unwrap(), Status::Issued, "14.00 EUR was credited"),
            (open, Status::Void, "void already"),
        ] {
            let e = check_void("INV-1", DocumentType::Invoice, status, &balance, "EUR").unwrap_err();
            assert_eq!(e.exit_code(), 4);
            let message = e.to_string();
            assert!(message.contains(says), "{message}");
            if status != Status::Void {
                assert!(message.contains("issue a credit note instead"), "{message}");
            }
        }
        // A reversed payment leaves nothing paid: void is allowed again.
        let reversed = open.with_payment(d("10.00")).unwrap().with_payment(d("-10.00")).unwrap();
        assert!(check_void("INV-1", DocumentType::Invoice, Status::Issued, &reversed, "EUR").is_ok());
    }
}
