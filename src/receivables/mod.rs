//! Receivables: what happens to an invoice after it is issued (SPEC 12).
//!
//! The one balance and the status derived from it ([`balance`]), payments and their
//! reversal ([`payment`]), credit notes by amount or by lines ([`credit`]), reminder
//! levels with fees and interest ([`reminder`]), and the reports: aging buckets
//! ([`aging`]) and a buyer's statement of account ([`statement`]).
//!
//! Pure domain code like [`crate::invoice`]: no I/O and no clock (callers pass the day).
//! The store calls [`balance`] inside the transaction that records a payment or a credit
//! note, so every front end reads one stored balance instead of computing its own.

pub mod account;
pub mod aging;
pub mod balance;
pub mod credit;
pub mod payment;
pub mod reminder;
pub mod statement;

pub use account::{Account, CreditEntry};
pub use balance::{Balance, derive_status};
pub use payment::{Method, NewPayment, PaymentRecord};
pub use reminder::{Level, ReminderPolicy};

#[cfg(test)]
mod documents_tests;

use crate::error::Error;
use crate::invoice::{Code, Problem};

/// One validation problem as an [`Error::Invalid`].
fn invalid(path: &str, code: Code, message: String) -> Error {
    Error::Invalid { problems: vec![Problem::new(path, code, message)] }
}
