//! Payments: checking one before it is recorded, and reversing one recorded in error
//! (SPEC 12.2).
//!
//! A payment is a stored row that is never changed or deleted. Its amount is in the
//! invoice's currency with at most its minor-unit digits, above 0 and at most what is
//! outstanding: an overpayment is refused, never silently kept. A reversal is a negative
//! row linked to the payment it undoes (a bounced direct debit).

use super::balance::Balance;
use super::invalid;
use crate::error::{ConflictKind, Error, Result};
use crate::invoice::model::PaymentMeans;
use crate::invoice::money::{self, round_to};
use crate::invoice::parse::check_text;
use crate::invoice::{Code, Problem};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Longest `--method` free text, in characters.
pub const MAX_METHOD: usize = 100;
/// Longest `--reference` (a bank statement line), in characters.
pub const MAX_REFERENCE: usize = 140;
/// Longest reversal reason, in characters.
pub const MAX_REASON: usize = 500;

/// How a payment was made: a payment-means word of SPEC 8.3 (`sepa_credit_transfer`), or
/// free text ("PayPal").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    /// One of the payment means words.
    Means(PaymentMeans),
    /// Anything else, at most [`MAX_METHOD`] characters.
    Text(String),
}

impl Method {
    /// Reads a method: a payment-means word, else checked free text.
    ///
    /// # Errors
    /// [`Error::Invalid`] at `/method` for blank, too long or unsafe text.
    pub fn parse(text: &str) -> Result<Method> {
        if let Some(means) = PaymentMeans::from_name(text) {
            return Ok(Method::Means(means));
        }
        let text = check_text(text, "/method", MAX_METHOD, false).map_err(one)?;
        Ok(Method::Text(text))
    }

    /// The method as stored: the means word or the text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Method::Means(means) => means_name(*means),
            Method::Text(text) => text,
        }
    }
}

/// The snake_case word of a payment means, as drafts and `--method` write it.
#[must_use]
pub fn means_name(means: PaymentMeans) -> &'static str {
    match means {
        PaymentMeans::CreditTransfer => "credit_transfer",
        PaymentMeans::SepaCreditTransfer => "sepa_credit_transfer",
        PaymentMeans::DirectDebit => "direct_debit",
        PaymentMeans::SepaDirectDebit => "sepa_direct_debit",
        PaymentMeans::Card => "card",
        PaymentMeans::Cash => "cash",
        PaymentMeans::Cheque => "cheque",
        PaymentMeans::Other => "other",
    }
}

/// What a caller asks to record: every field optional (`pay` without flags pays the
/// whole outstanding balance today).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentRequest {
    /// The amount, default: everything outstanding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// The day the money arrived, default: today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// How it was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The bank statement line or other reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// A checked payment (or reversal), ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    /// The amount, with exactly the currency's minor units; negative for a reversal.
    pub amount: Decimal,
    /// The day the money moved.
    pub date: NaiveDate,
    /// How.
    pub method: Option<Method>,
    /// Bank statement line.
    pub reference: Option<String>,
    /// For a reversal: the id of the payment it undoes.
    pub reverses: Option<String>,
    /// For a reversal: why.
    pub reason: Option<String>,
}

/// One stored payment row (SPEC 12.2); never changed or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRecord {
    /// Stable id, `PAY-…`.
    pub id: String,
    /// The invoice it pays.
    pub invoice: String,
    /// The day the money moved.
    pub date: NaiveDate,
    /// Amount in the invoice's currency; negative for a reversal.
    pub amount: Decimal,
    /// The invoice's currency.
    pub currency: String,
    /// How it was paid (a payment-means word or free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Bank statement line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The payment a reversal undoes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverses: Option<String>,
    /// Why it was reversed (on the reversal row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When it was recorded (UTC, RFC 3339).
    pub created_at: String,
    /// Who recorded it (`cli:<user>`, `key:<id>`).
    pub actor: String,
    /// The daemon's request id, if it came through the API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Checks a payment of invoice `number` (issued `issue_date`, in `currency`) against its
/// balance; without an amount it is the whole outstanding balance, without a date today.
/// The caller has already checked the invoice can be paid at all
/// ([`super::balance::check_payable`]).
///
/// # Errors
/// [`Error::Invalid`]: `must_be_positive`, `invalid_value` (too many decimals) or
/// `out_of_range` (above the outstanding amount, which the message names) at `/amount`;
/// `invalid_date` at `/date`; text problems at `/method` and `/reference`.
pub fn check(
    currency: &str,
    issue_date: NaiveDate,
    balance: &Balance,
    request: &PaymentRequest,
    today: NaiveDate,
) -> Result<NewPayment> {
    let dp = money::minor_units(currency).unwrap_or(2);
    let amount = match request.amount {
        Some(amount) => check_amount(amount, currency, dp, balance.outstanding)?,
        None => round_to(balance.outstanding, dp),
    };
    let date = request.date.unwrap_or(today);
    check_date(issue_date, date, today)?;
    let method = request.method.as_deref().map(Method::parse).transpose()?;
    let reference = request
        .reference
        .as_deref()
        .map(|r| check_text(r, "/reference", MAX_REFERENCE, false).map_err(one))
        .transpose()?;
    Ok(NewPayment { amount, date, method, reference, reverses: None, reason: None })
}

/// An amount above 0, with at most the currency's `dp` minor digits, at most `outstanding`.
///
/// # Errors
/// [`Error::Invalid`] at `/amount`.
pub fn check_amount(amount: Decimal, currency: &str, dp: u32, outstanding: Decimal) -> Result<Decimal> {
    let amount = positive_amount(amount, currency, dp)?;
    if amount > outstanding {
        let outstanding = round_to(outstanding, dp);
        return Err(invalid(
            "/amount",
            Code::OutOfRange,
            format!(
                "the amount {amount} {currency} is more than the outstanding {outstanding} {currency}; \
                 overpayments are refused"
            ),
        ));
    }
    Ok(amount)
}

/// An amount above 0 with at most the currency's `dp` minor digits, scaled to exactly `dp`.
///
/// # Errors
/// [`Error::Invalid`] at `/amount`: `must_be_positive` or `invalid_value`.
pub(crate) fn positive_amount(amount: Decimal, currency: &str, dp: u32) -> Result<Decimal> {
    if amount <= Decimal::ZERO {
        return Err(invalid("/amount", Code::MustBePositive, format!("the amount must be above 0, not {amount}")));
    }
    if amount.normalize().scale() > dp {
        return Err(invalid(
            "/amount",
            Code::InvalidValue,
            format!("the amount {amount} has more decimals than {currency} has minor units ({dp})"),
        ));
    }
    Ok(round_to(amount, dp))
}

/// A payment date lies between the issue date and tomorrow (SPEC 11, 12.2): the domain's
/// one rule for it.
///
/// # Errors
/// [`Error::Invalid`] with `invalid_date` at `/date`.
pub fn check_date(issue_date: NaiveDate, date: NaiveDate, today: NaiveDate) -> Result<()> {
    crate::invoice::rules::check_payment_date(issue_date, date, today)
}

/// The reversal of `original` (dated today, its amount negated, linked to it).
/// `already_reversed` says whether a reversal of it exists.
///
/// # Errors
/// [`Error::Conflict`] (`illegal_transition`) when `original` is itself a reversal or was
/// reversed already; [`Error::Invalid`] at `/reason` for a blank or unsafe reason.
pub fn reversal(
    original: &PaymentRecord,
    already_reversed: bool,
    reason: &str,
    today: NaiveDate,
) -> Result<NewPayment> {
    let id = &original.id;
    if original.reverses.is_some() {
        return Err(Error::conflict(
            ConflictKind::IllegalTransition,
            format!(
                "cannot reverse {id}: it is itself a reversal (of {})",
                original.reverses.as_deref().unwrap_or("?")
            ),
        ));
    }
    if already_reversed {
        return Err(Error::conflict(
            ConflictKind::IllegalTransition,
            format!("cannot reverse {id}: it was reversed already"),
        ));
    }
    let reason = check_text(reason, "/reason", MAX_REASON, false).map_err(one)?;
    Ok(NewPayment {
        amount: -original.amount,
        // Never before the payment it undoes, even if recorded the same day.
        date: today.max(original.date),
        method: None,
        reference: original.reference.clone(),
        reverses: Some(id.clone()),
        reason: Some(reason),
    })
}

/// The one-line summary `pay` prints (SPEC 12.2): `INV-2026-0007  partially_paid  Globex
/// Ltd  paid 400.00 of 1388.43 EUR  outstanding 988.43 EUR` ("of" the amount due at issue).
#[must_use]
pub fn summary_line(number: &str, status: &str, buyer: &str, currency: &str, balance: &Balance) -> String {
    let dp = money::minor_units(currency).unwrap_or(2);
    format!(
        "{number}  {status}  {buyer}  paid {} of {} {currency}  outstanding {} {currency}",
        round_to(balance.paid, dp),
        round_to(balance.due, dp),
        round_to(balance.outstanding, dp),
    )
}

fn one(problem: Problem) -> Error {
    Error::Invalid { problems: vec![problem] }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn open(due: &str) -> Balance {
        Balance::at_issue(d(due), d(due))
    }

    fn request(amount: Option<&str>) -> PaymentRequest {
        PaymentRequest { amount: amount.map(d), ..PaymentRequest::default() }
    }

    #[test]
    fn amounts_are_checked_against_the_currency_and_the_outstanding_balance() {
        let (issue, today) = (day("2026-11-27"), day("2026-12-04"));
        // (currency, outstanding, amount, Ok(stored) or Err(code))
        type Case<'a> = (&'a str, &'a str, Option<&'a str>, Result<&'a str, &'a str>);
        let table: &[Case<'_>] = &[
            ("EUR", "1388.43", Some("400"), Ok("400.00")),
            ("EUR", "1388.43", Some("400.5"), Ok("400.50")),
            ("EUR", "1388.43", Some("1388.43"), Ok("1388.43")),
            ("EUR", "1388.43", None, Ok("1388.43")),
            ("EUR", "1388.43", Some("1388.44"), Err("out_of_range")),
            ("EUR", "1388.43", Some("0"), Err("must_be_positive")),
            ("EUR", "1388.43", Some("-5"), Err("must_be_positive")),
            ("EUR", "1388.43", Some("0.001"), Err("invalid_value")),
            ("EUR", "1388.43", Some("10.100"), Ok("10.10")),
            ("JPY", "1500", Some("1500"), Ok("1500")),
            ("JPY", "1500", Some("0.5"), Err("invalid_value")),
            ("KWD", "12.500", Some("12.5"), Ok("12.500")),
            ("KWD", "12.500", Some("12.501"), Err("out_of_range")),
        ];
        for (currency, outstanding, amount, expected) in table {
            let got = check(currency, issue, &open(outstanding), &request(*amount), today);
            match (got, expected) {
                (Ok(p), Ok(stored)) => {
                    assert_eq!(p.amount.to_string(), *stored, "{currency} {amount:?}");
                    assert_eq!(p.date, today);
                }
                (Err(e), Err(code)) => {
                    let (path, got_code, _) = e.entries().remove(0);
                    assert_eq!((path.as_str(), got_code), ("/amount", *code), "{currency} {amount:?}");
                    assert_eq!(e.exit_code(), 1);
                }
                (got, _) => panic!("{currency} {amount:?}: {got:?}"),
            }
        }
    }

    #[test]
    fn an_overpayment_names_the_outstanding_amount() {
        let b = open("1388.43").with_payment(d("400.00")).unwrap();
        let e = check("EUR", day("2026-11-27"), &b, &request(Some("1000")), day("2026-12-04")).unwrap_err();
        assert_eq!(
            e.entries()[0].2,
            "the amount 1000.00 EUR is more than the outstanding 988.43 EUR; overpayments are refused"
        );
    }

    #[test]
    fn dates_methods_and_references_are_checked() {
        let (issue, today) = (day("2026-11-27"), day("2026-12-04"));
        let ok = PaymentRequest {
            amount: Some(d("10")),
            date: Some(day("2026-12-05")),
            method: Some("sepa_credit_transfer".into()),
            reference: Some("EREF INV-2026-0007 Globex".into()),
        };
        let p = check("EUR", issue, &open("100.00"), &ok, today).unwrap();
        assert_eq!(p.method, Some(Method::Means(PaymentMeans::SepaCreditTransfer)));
        assert_eq!(p.method.as_ref().unwrap().as_str(), "sepa_credit_transfer");
        let paypal = PaymentRequest { method: Some("PayPal".into()), ..ok.clone() };
        assert_eq!(
            check("EUR", issue, &open("100.00"), &paypal, today).unwrap().method,
            Some(Method::Text("PayPal".into()))
        );
        let cases: Vec<(PaymentRequest, &str, &str)> = vec![
            (PaymentRequest { date: Some(day("2026-11-26")), ..ok.clone() }, "/date", "invalid_date"),
            (PaymentRequest { date: Some(day("2026-12-06")), ..ok.clone() }, "/date", "invalid_date"),
            (PaymentRequest { method: Some("x".repeat(101)), ..ok.clone() }, "/method", "too_long"),
            (PaymentRequest { method: Some("  ".into()), ..ok.clone() }, "/method", "required"),
            (PaymentRequest { reference: Some("r".repeat(141)), ..ok.clone() }, "/reference", "too_long"),
            (PaymentRequest { reference: Some("a\u{1b}[31m".into()), ..ok.clone() }, "/reference", "invalid_character"),
        ];
        for (request, path, code) in cases {
            let e = check("EUR", issue, &open("100.00"), &request, today).unwrap_err();
            let (got_path, got_code, _) = e.entries().remove(0);
            assert_eq!((got_path.as_str(), got_code), (path, code), "{request:?}");
        }
        assert!(
            check("EUR", issue, &open("100.00"), &PaymentRequest { method: Some("m".repeat(100)), ..ok }, today)
                .is_ok()
        );
    }

    fn record(id: &str, amount: &str, reverses: Option<&str>) -> PaymentRecord {
        PaymentRecord {
            id: id.into(),
            invoice: "INV-2026-0007".into(),
            date: day("2026-12-01"),
            amount: d(amount),
            currency: "EUR".into(),
            method: Some("sepa_direct_debit".into()),
            reference: Some("MNDT-1".into()),
            reverses: reverses.map(Into::into),
            reason: None,
            created_at: "2026-12-01T10:00:00Z".into(),
            actor: "cli:ana".into(),
            request_id: None,
        }
    }

    #[test]
    fn a_reversal_is_a_negative_row_linked_to_its_payment_and_happens_once() {
        let original = record("PAY-1", "400.00", None);
        let r = reversal(&original, false, "direct debit bounced", day("2026-12-04")).unwrap();
        assert_eq!((r.amount.to_string().as_str(), r.reverses.as_deref()), ("-400.00", Some("PAY-1")));
        assert_eq!(r.date, day("2026-12-04"));
        let b = open("1388.43").with_payment(original.amount).unwrap().with_payment(r.amount).unwrap();
        assert_eq!(b.outstanding, d("1388.43"));
        for e in [
            reversal(&original, true, "again", day("2026-12-04")).unwrap_err(),
            reversal(&record("PAY-2", "-400.00", Some("PAY-1")), false, "undo", day("2026-12-04")).unwrap_err(),
        ] {
            assert_eq!((e.exit_code(), e.entries()[0].1), (4, "illegal_transition"));
        }
        let e = reversal(&original, false, " ", day("2026-12-04")).unwrap_err();
        assert_eq!(e.entries()[0].0, "/reason");
    }

    #[test]
    fn the_summary_line_says_paid_of_due_and_outstanding_with_minor_units() {
        let b = open("1388.43").with_payment(d("400.00")).unwrap();
        assert_eq!(
            summary_line("INV-2026-0007", "partially_paid", "Globex Ltd", "EUR", &b),
            "INV-2026-0007  partially_paid  Globex Ltd  paid 400.00 of 1388.43 EUR  outstanding 988.43 EUR"
        );
        let prepaid = Balance::at_issue(d("714.00"), d("0.00"));
        assert_eq!(
            summary_line("INV-1", "paid", "A", "EUR", &prepaid),
            "INV-1  paid  A  paid 0.00 of 0.00 EUR  outstanding 0.00 EUR"
        );
    }
}
