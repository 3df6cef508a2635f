//! An invoice's account as its documents show it (SPEC 12.4): the payments and credit
//! notes recorded against it and the balance they leave. Read from the store with the
//! invoice, never stored in the invoice's document.

use super::payment::PaymentRecord;
use crate::error::{ConflictKind, Error, Result};
use crate::invoice::model::DocumentType;
use crate::invoice::{Invoice, Status};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A credit note issued against an invoice, as the invoice lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditEntry {
    /// The credit note's number.
    pub number: String,
    /// Its issue date.
    pub date: NaiveDate,
    /// Its gross (positive: what it takes off the invoice).
    pub gross: Decimal,
}

/// The payments and credit notes of an invoice and the balance they leave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Payments recorded, net of reversals.
    pub paid: Decimal,
    /// Gross of the credit notes against it.
    pub credited: Decimal,
    /// due − paid − credited; negative when a refund is due.
    pub outstanding: Decimal,
    /// Every payment row, reversals included, oldest first.
    #[serde(default)]
    pub payments: Vec<PaymentRecord>,
    /// Every credit note against it, oldest first.
    #[serde(default)]
    pub credits: Vec<CreditEntry>,
}

impl Account {
    /// Whether nothing happened since issue (no payment, no credit note).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.payments.is_empty() && self.credits.is_empty()
    }

    /// The day the balance reached 0 or below: the latest payment or credit note date.
    #[must_use]
    pub fn settled_on(&self) -> Option<NaiveDate> {
        if self.outstanding > Decimal::ZERO {
            return None;
        }
        self.payments.iter().map(|p| p.date).chain(self.credits.iter().map(|c| c.date)).max()
    }
}

/// The invoice as it was issued, for e-invoices (UBL, CII, Factur-X's XML and visible
/// page, SPEC 12.4): the same bytes whenever rendered, whatever was paid or credited
/// since. Its account, credit notes and later status are left out; a fully prepaid
/// invoice was paid on its issue date.
///
/// # Errors
/// [`Error::Conflict`] (`illegal_transition`, exit 4, HTTP 409) for a void invoice: void
/// invoices are not sent as e-invoices.
pub fn as_issued(invoice: &Invoice) -> Result<Invoice> {
    if invoice.status == Status::Void {
        let number = invoice.number.as_deref().unwrap_or("the invoice");
        return Err(Error::conflict(
            ConflictKind::IllegalTransition,
            format!("{number} is void; void invoices are not sent as e-invoices"),
        ));
    }
    let mut issued = invoice.clone();
    issued.account = None;
    issued.credit_notes.clear();
    issued.credited_by = None;
    issued.void_reason = None;
    if issued.status != Status::Draft {
        let prepaid = issued.kind == DocumentType::Invoice && issued.totals.due <= Decimal::ZERO;
        issued.status = if prepaid { Status::Paid } else { Status::Issued };
        issued.paid_date = prepaid.then_some(issued.issue_date);
    }
    Ok(issued)
}
