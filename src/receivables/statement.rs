//! A statement of account for one buyer (SPEC 12.6): the opening balance, every invoice,
//! credit note, payment and reminder charge in date order with a running balance, and
//! the closing balance; one statement per currency.
//!
//! Signs are the buyer's debt: invoices and reminder charges raise it, credit notes and
//! payments lower it (a reversed payment raises it again). An invoice enters with its
//! amount due at issue (gross − prepaid: what was prepaid never was owed); void invoices
//! are left out, as they were never owed either.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// What moved the balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An invoice (+ its amount due).
    Invoice,
    /// A credit note (− its gross).
    CreditNote,
    /// A payment (−), or its reversal (+).
    Payment,
    /// A reminder's fee and interest (+).
    Reminder,
}

/// One event on the buyer's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Its date.
    pub date: NaiveDate,
    /// What it is.
    pub kind: Kind,
    /// Its own reference: the document number, the payment id, "INV-…/2" for a reminder.
    pub reference: String,
    /// The invoice it belongs to.
    pub invoice: String,
    /// Currency.
    pub currency: String,
    /// Change to the buyer's debt.
    pub amount: Decimal,
}

/// An entry with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The entry.
    #[serde(flatten)]
    pub entry: Entry,
    /// The running balance.
    pub balance: Decimal,
}

/// The statement in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    /// The buyer.
    pub buyer: String,
    /// The currency.
    pub currency: String,
    /// First day shown, if limited.
    pub from: Option<NaiveDate>,
    /// Last day shown, if limited.
    pub to: Option<NaiveDate>,
    /// The balance before `from`.
    pub opening: Decimal,
    /// The entries from `from` to `to`.
    pub lines: Vec<Line>,
    /// The balance after the last line.
    pub closing: Decimal,
}

/// Builds one statement per currency from the buyer's entries (any order); `dp` gives
/// each currency's minor units.
#[must_use]
pub fn statements(
    buyer: &str,
    entries: Vec<Entry>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    dp: impl Fn(&str) -> u32,
) -> Vec<Statement> {
    let mut by_currency: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for entry in entries {
        by_currency.entry(entry.currency.clone()).or_default().push(entry);
    }
    by_currency
        .into_iter()
        .map(|(currency, mut entries)| {
            entries.sort_by(|a, b| {
                (a.date, a.kind, &a.invoice, &a.reference).cmp(&(b.date, b.kind, &b.invoice, &b.reference))
            });
            let zero = Decimal::new(0, dp(&currency));
            let mut opening = zero;
            let mut balance = zero;
            let mut lines = Vec::new();
            for entry in entries {
                if to.is_some_and(|to| entry.date > to) {
                    break;
                }
                balance += entry.amount;
                if from.is_some_and(|from| entry.date < from) {
                    opening = balance;
                } else {
                    lines.push(Line { entry, balance });
                }
            }
            Statement { buyer: buyer.to_owned(), currency, from, to, opening, lines, closing: balance }
        })
        .collect()
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
    fn entry(date: &str, kind: Kind, reference: &str, amount: &str) -> Entry {
        Entry {
            date: day(date),
            kind,
            reference: reference.into(),
            invoice: "INV-2026-0007".into(),
            currency: "EUR".into(),
            amount: d(amount),
        }
    }

    #[test]
    fn entries_run_in_date_order_with_a_running_balance_and_an_opening_from_before() {
        let entries = vec![
            entry("2026-12-01", Kind::Payment, "PAY-2", "-400.00"),
            entry("2026-10-01", Kind::Invoice, "INV-2026-0003", "100.00"),
            entry("2026-11-02", Kind::Invoice, "INV-2026-0007", "1388.43"),
            entry("2026-10-20", Kind::Payment, "PAY-1", "-100.00"),
            entry("2026-12-09", Kind::Reminder, "INV-2026-0007/1", "5.00"),
            entry("2026-12-05", Kind::CreditNote, "CN-2026-0001", "-88.43"),
            entry("2026-12-05", Kind::Payment, "PAY-3", "400.00"),
            entry("2027-01-05", Kind::Payment, "PAY-4", "-900.00"),
        ];
        let all = statements("Globex Ltd", entries.clone(), None, None, |_| 2);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].opening.to_string(), "0.00");
        assert_eq!(all[0].closing, d("405.00"));
        let s = &statements("Globex Ltd", entries, Some(day("2026-11-01")), Some(day("2026-12-31")), |_| 2)[0];
        assert_eq!(s.opening, d("0.00"));
        let shown: Vec<(&str, String)> =
            s.lines.iter().map(|l| (l.entry.reference.as_str(), l.balance.to_string())).collect();
        assert_eq!(
            shown,
            [
                ("INV-2026-0007", "1388.43".to_owned()),
                ("PAY-2", "988.43".to_owned()),
                ("CN-2026-0001", "900.00".to_owned()),
                ("PAY-3", "1300.00".to_owned()),
                ("INV-2026-0007/1", "1305.00".to_owned()),
            ]
        );
        assert_eq!(s.closing, d("1305.00"));
        assert_eq!(s.opening + s.lines.iter().map(|l| l.entry.amount).sum::<Decimal>(), s.closing);
    }

    #[test]
    fn one_statement_per_currency() {
        let mut yen = entry("2026-11-02", Kind::Invoice, "INV-2026-0008", "1500");
        yen.currency = "JPY".into();
        let s = statements(
            "Globex Ltd",
            vec![entry("2026-11-02", Kind::Invoice, "INV-2026-0007", "10.00"), yen],
            None,
            None,
            |c| crate::invoice::money::minor_units(c).unwrap(),
        );
        assert_eq!(
            s.iter().map(|s| (s.currency.as_str(), s.closing.to_string())).collect::<Vec<_>>(),
            [("EUR", "10.00".to_owned()), ("JPY", "1500".to_owned())]
        );
    }
}
