//! Aging (SPEC 12.6): the outstanding amounts per buyer and currency in buckets by days
//! past the due date: not yet due, 1–30, 31–60, 61–90, over 90.
//!
//! Invoices issued from a customer record (SPEC 14.1) are grouped by that customer, whatever
//! buyer name each of them carries (a renamed customer stays one row, shown with the name on
//! its latest invoice); the others are grouped by buyer name.
//!
//! Every invoice with a non-zero outstanding balance counts in its bucket, a refund due
//! (negative) included, so the sum of all buckets equals the sum of `outstanding` over
//! `list`. One pass over the invoices, one map entry per buyer and currency.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// The bucket names, in column order.
pub const BUCKETS: [&str; 5] = ["not_yet_due", "1_30", "31_60", "61_90", "over_90"];

/// The bucket of an amount due on `due_date`, seen on `as_of` (an index into [`BUCKETS`]).
#[must_use]
pub fn bucket(due_date: NaiveDate, as_of: NaiveDate) -> usize {
    match (as_of - due_date).num_days() {
        ..=0 => 0,
        1..=30 => 1,
        31..=60 => 2,
        61..=90 => 3,
        _ => 4,
    }
}

/// One open invoice as the report needs it.
#[derive(Debug, Clone, Copy)]
pub struct Open<'a> {
    /// Buyer name.
    pub buyer: &'a str,
    /// The customer record the invoice was issued from, if any.
    pub customer: Option<&'a str>,
    /// Currency code.
    pub currency: &'a str,
    /// Due date.
    pub due_date: NaiveDate,
    /// Outstanding balance.
    pub outstanding: Decimal,
}

/// One row: a customer or buyer in a currency (or, in `totals`, a whole currency with
/// `buyer` and `customer` empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Customer id ("" where the invoices carry none, and on a currency total).
    pub customer: String,
    /// Buyer name ("" on a currency total); for a customer, the name on its latest invoice.
    pub buyer: String,
    /// Currency.
    pub currency: String,
    /// Amounts per bucket, in [`BUCKETS`] order.
    pub buckets: [Decimal; 5],
    /// Their sum.
    pub total: Decimal,
    /// How many invoices.
    pub invoices: usize,
}

/// The aging report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aging {
    /// The day it is seen from.
    pub as_of: NaiveDate,
    /// Per customer (or buyer) and currency, by currency, then buyer name, then customer id.
    pub rows: Vec<Row>,
    /// Per currency.
    pub totals: Vec<Row>,
}

/// Builds the report; `dp` gives each currency's minor units (amounts keep them, `0.00`).
/// Invoices come in issue order: a customer's row shows the buyer name of the last one.
#[must_use]
pub fn aging<'a>(invoices: impl IntoIterator<Item = Open<'a>>, as_of: NaiveDate, dp: impl Fn(&str) -> u32) -> Aging {
    // Keyed by currency, then the customer id, or the buyer name where there is none.
    let mut groups: BTreeMap<(&str, Option<&str>, &str), Row> = BTreeMap::new();
    for open in invoices {
        if open.outstanding.is_zero() {
            continue;
        }
        let key = (open.currency, open.customer, if open.customer.is_some() { "" } else { open.buyer });
        let row = groups.entry(key).or_insert_with(|| empty(open.customer.unwrap_or(""), "", open.currency, &dp));
        open.buyer.clone_into(&mut row.buyer);
        row.buckets[bucket(open.due_date, as_of)] += open.outstanding;
        row.total += open.outstanding;
        row.invoices += 1;
    }
    let mut rows: Vec<Row> = groups.into_values().collect();
    rows.sort_by(|a, b| (&a.currency, &a.buyer, &a.customer).cmp(&(&b.currency, &b.buyer, &b.customer)));
    let mut totals: BTreeMap<&str, Row> = BTreeMap::new();
    for row in &rows {
        let total = totals.entry(&row.currency).or_insert_with(|| empty("", "", &row.currency, &dp));
        for (sum, value) in total.buckets.iter_mut().zip(row.buckets) {
            *sum += value;
        }
        total.total += row.total;
        total.invoices += row.invoices;
    }
    let totals = totals.into_values().collect();
    Aging { as_of, rows, totals }
}

fn empty(customer: &str, buyer: &str, currency: &str, dp: &impl Fn(&str) -> u32) -> Row {
    let zero = Decimal::new(0, dp(currency));
    Row {
        customer: customer.to_owned(),
        buyer: buyer.to_owned(),
        currency: currency.to_owned(),
        buckets: [zero; 5],
        total: zero,
        invoices: 0,
    }
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

    #[test]
    fn buckets_split_at_0_30_60_and_90_days() {
        let as_of = day("2026-12-31");
        for (due, b) in [
            ("2027-01-15", 0),
            ("2026-12-31", 0),
            ("2026-12-30", 1),
            ("2026-12-01", 1),
            ("2026-11-30", 2),
            ("2026-11-01", 2),
            ("2026-10-31", 3),
            ("2026-10-02", 3),
            ("2026-10-01", 4),
            ("2020-01-01", 4),
        ] {
            assert_eq!(bucket(day(due), as_of), b, "{due}");
        }
    }

    #[test]
    fn rows_per_buyer_and_currency_sum_to_the_outstanding_total() {
        let as_of = day("2026-12-31");
        let open = |buyer, currency, due: &str, amount: &str| Open {
            buyer,
            customer: None,
            currency,
            due_date: day(due),
            outstanding: d(amount),
        };
        let invoices = [
            open("Globex Ltd", "EUR", "2027-01-10", "100.00"),
            open("Globex Ltd", "EUR", "2026-12-20", "988.43"),
            open("Globex Ltd", "EUR", "2026-09-01", "50.00"),
            open("Acme GmbH", "EUR", "2026-11-15", "2131.21"),
            open("Acme GmbH", "EUR", "2026-11-15", "-327.25"),
            open("Acme GmbH", "EUR", "2026-11-15", "0.00"),
            open("Yamada KK", "JPY", "2026-10-15", "1500"),
        ];
        let sum: Decimal = invoices.iter().map(|o| o.outstanding).sum();
        let report = aging(invoices, as_of, |c| crate::invoice::money::minor_units(c).unwrap());
        assert_eq!(report.rows.len(), 3);
        let acme = &report.rows[0];
        assert_eq!((acme.buyer.as_str(), acme.invoices), ("Acme GmbH", 2));
        assert_eq!(acme.buckets.map(|b| b.to_string()), ["0.00", "0.00", "1803.96", "0.00", "0.00"]);
        let globex = &report.rows[1];
        assert_eq!(globex.buckets.map(|b| b.to_string()), ["100.00", "988.43", "0.00", "0.00", "50.00"]);
        let eur = &report.totals[0];
        assert_eq!(eur.total, d("2942.39"));
        assert_eq!(eur.buckets.iter().sum::<Decimal>(), eur.total);
        let jpy = &report.totals[1];
        assert_eq!((jpy.currency.as_str(), jpy.buckets[3].to_string().as_str()), ("JPY", "1500"));
        let all: Decimal = report.totals.iter().map(|t| t.total).sum();
        assert_eq!(all, sum, "the buckets hold every outstanding amount");
    }

    #[test]
    fn invoices_from_one_customer_are_one_row_whatever_their_buyer_names() {
        let as_of = day("2026-12-31");
        let open = |buyer, customer, due: &str, amount: &str| Open {
            buyer,
            customer,
            currency: "EUR",
            due_date: day(due),
            outstanding: d(amount),
        };
        let invoices = [
            // The customer `globex` was renamed between its two invoices.
            open("Globex Ltd", Some("globex"), "2026-12-20", "100.00"),
            open("Acme GmbH", None, "2026-11-15", "40.00"),
            open("Globex Holdings Ltd", Some("globex"), "2026-10-15", "200.00"),
            // Same buyer name, no customer record: a row of its own.
            open("Globex Ltd", None, "2027-01-15", "7.00"),
            open("Initech", Some("initech"), "2026-12-30", "0.00"),
        ];
        let sum: Decimal = invoices.iter().map(|o| o.outstanding).sum();
        let report = aging(invoices, as_of, |_| 2);
        let rows: Vec<(&str, &str, usize, String)> = report
            .rows
            .iter()
            .map(|r| (r.customer.as_str(), r.buyer.as_str(), r.invoices, r.total.to_string()))
            .collect();
        assert_eq!(
            rows,
            [
                ("", "Acme GmbH", 1, "40.00".to_owned()),
                ("globex", "Globex Holdings Ltd", 2, "300.00".to_owned()),
                ("", "Globex Ltd", 1, "7.00".to_owned()),
            ]
        );
        assert_eq!(report.rows[1].buckets.map(|b| b.to_string()), ["0.00", "100.00", "0.00", "200.00", "0.00"]);
        assert_eq!(report.totals.len(), 1);
        assert_eq!((report.totals[0].customer.as_str(), report.totals[0].total), ("", sum));
        assert_eq!(report.totals[0].buckets.iter().sum::<Decimal>(), sum);
    }
}
