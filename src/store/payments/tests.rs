//! Payments on both engines (SPEC 12.2, 12.7), through the one [`Store`] interface:
//! partial payments, overpayments refused naming the balance, reversal, idempotent
//! retries, void refused once paid, the account documents show, races for the last euro
//! and the migration of invoices paid before payments were kept.

#![allow(clippy::unwrap_used)]

use super::super::testdb;
use super::super::{Location, Store};
use super::*;
use crate::invoice::parse::Options;
use crate::invoice::{Defaults, check_bytes};
use crate::receivables::payment::PaymentRequest;
use std::str::FromStr;

const PATTERN: &str = crate::config::DEFAULT_NUMBER_PATTERN;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// An invoice of 100.00 net, 19 % VAT: 119.00 gross, issued 2026-11-02.
fn invoice() -> Invoice {
    let json = r#"{"issue_date":"2026-11-02","currency":"EUR","seller":{"name":"S"},"buyer":{"name":"Globex Ltd"},
        "payment":{"means":"credit_transfer","iban":"DE89370400440532013000"},
        "lines":[{"description":"x","quantity":1,"unit_price":"100.00","tax_rate":19}]}"#;
    check_bytes(json.as_bytes(), Options::default(), &Defaults::default(), day("2026-11-02")).unwrap().invoice
}

fn actor() -> Actor {
    Actor::cli("tester")
}

enum Place {
    File(#[allow(dead_code)] tempfile::TempDir, Location),
    Postgres(testdb::TestDb),
}

impl Place {
    fn location(&self) -> Location {
        match self {
            Place::File(_, location) => location.clone(),
            Place::Postgres(db) => Location::Postgres(db.url().to_owned()),
        }
    }
}

async fn open(postgres: bool, test: &str) -> Option<(Place, Store)> {
    let place = if postgres {
        Place::Postgres(testdb::postgres(test)?)
    } else {
        let dir = tempfile::tempdir().unwrap();
        let location = Location::Sqlite(dir.path().join("invoices.db"));
        Place::File(dir, location)
    };
    let store = Store::open(&place.location()).await.unwrap();
    Some((place, store))
}

async fn pay(store: &Store, number: &str, amount: Option<&str>, key: Option<&str>) -> Result<Recorded> {
    let request = PaymentRequest { amount: amount.map(d), date: Some(day("2026-11-20")), ..PaymentRequest::default() };
    crate::ops::record_payment(store, number, request, day("2026-12-07"), key.map(|k| ("cli", k)), &actor()).await
}

async fn partial_payments_reversal_idempotency_and_void(postgres: bool) {
    let Some((_place, store)) = open(postgres, "partial_payments").await else { return };
    let number = store.issue(invoice(), PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap();
    let first = pay(&store, &number, Some("40"), None).await.unwrap();
    assert_eq!((first.payment.id.as_str(), first.payment.amount.to_string().as_str()), ("PAY-000001", "40.00"));
    assert_eq!(first.invoice.status, Status::PartiallyPaid);
    assert_eq!(first.invoice.account.as_ref().unwrap().outstanding, d("79.00"));
    // An overpayment is refused and names what is outstanding; nothing is written.
    let e = pay(&store, &number, Some("79.01"), None).await.unwrap_err();
    assert_eq!((e.exit_code(), e.http_status(), e.entries()[0].1), (1, 422, "out_of_range"));
    assert!(e.entries()[0].2.contains("outstanding 79.00 EUR"), "{:?}", e.entries());
    // A retried request with its key returns the first payment, never a second row.
    let keyed = pay(&store, &number, Some("9"), Some("k-1")).await.unwrap();
    let again = pay(&store, &number, Some("9"), Some("k-1")).await.unwrap();
    assert!(!keyed.replayed && again.replayed);
    assert_eq!(again.payment, keyed.payment);
    let e = pay(&store, &number, Some("10"), Some("k-1")).await.unwrap_err();
    assert_eq!((e.exit_code(), e.entries()[0].1), (4, "idempotency_key_reused"));
    // Void is refused once paid, naming the remedy.
    let e = crate::ops::void(&store, &number, "mistake", &actor()).await.unwrap_err();
    assert_eq!(e.exit_code(), 4);
    assert!(e.to_string().contains("issue a credit note instead"), "{e}");
    // The rest pays it; another payment is a conflict.
    let last = pay(&store, &number, None, None).await.unwrap();
    assert_eq!((last.payment.amount, last.invoice.status), (d("70.00"), Status::Paid));
    assert_eq!(last.invoice.paid_date, Some(day("2026-11-20")));
    assert_eq!(pay(&store, &number, None, None).await.unwrap_err().exit_code(), 4);
    // A bounced payment is reversed by a negative row; the balance and status follow.
    let reversed =
        crate::ops::reverse_payment(&store, "PAY-000001", "direct debit bounced", day("2026-12-07"), &actor())
            .await
            .unwrap();
    assert_eq!(
        (reversed.payment.amount.to_string().as_str(), reversed.payment.reverses.as_deref()),
        ("-40.00", Some("PAY-000001"))
    );
    assert_eq!(reversed.invoice.status, Status::PartiallyPaid);
    assert_eq!(reversed.invoice.paid_date, None);
    assert_eq!(reversed.invoice.account.as_ref().unwrap().outstanding, d("40.00"));
    let e = crate::ops::reverse_payment(&store, "PAY-000001", "again", day("2026-12-07"), &actor()).await.unwrap_err();
    assert_eq!(e.exit_code(), 4);
    assert_eq!(
        crate::ops::reverse_payment(&store, "PAY-999999", "x", day("2026-12-07"), &actor())
            .await
            .unwrap_err()
            .exit_code(),
        3
    );
    // Every row is kept, in order; the shown invoice lists them with its balance.
    let rows = store.payments(&PaymentFilter::default()).await.unwrap();
    let amounts: Vec<String> = rows.iter().map(|p| p.amount.to_string()).collect();
    assert_eq!(amounts, ["40.00", "9.00", "70.00", "-40.00"]);
    let shown = store.get_with_account(&number).await.unwrap();
    let account = shown.account.unwrap();
    assert_eq!((account.paid, account.outstanding), (d("79.00"), d("40.00")));
    assert_eq!(account.payments.len(), 4);
    // A payment on an unknown invoice is not found; the audit log has every payment.
    assert_eq!(pay(&store, "INV-2026-9999", None, None).await.unwrap_err().exit_code(), 3);
    let audit = store.audit_log(None).await.unwrap();
    assert_eq!(audit.iter().filter(|a| a.action == "pay").count(), 3);
    assert_eq!(audit.iter().filter(|a| a.action == "payment_reverse").count(), 1);
}

/// Eight payers (on PostgreSQL each with its own connection, as several hosts) race for
/// the last 10.00: exactly one wins, the others get `out_of_range`, nothing is overpaid.
async fn racing_for_the_last_ten_euros(postgres: bool) {
    let Some((place, store)) = open(postgres, "racing_payments").await else { return };
    let number = store.issue(invoice(), PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap();
    pay(&store, &number, Some("109.00"), None).await.unwrap();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let store = if postgres { Store::open(&place.location()).await.unwrap() } else { store.clone() };
        let number = number.clone();
        tasks.push(tokio::spawn(async move { pay(&store, &number, Some("10.00"), None).await }));
    }
    let mut won = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => won += 1,
            Err(e) => {
                let (path, code, message) = e.entries().remove(0);
                assert_eq!((path.as_str(), code), ("/amount", "out_of_range"), "{message}");
                assert!(message.contains("outstanding 0.00 EUR"), "{message}");
            }
        }
    }
    assert_eq!(won, 1);
    let shown = store.get_with_account(&number).await.unwrap();
    assert_eq!((shown.status, shown.account.unwrap().outstanding), (Status::Paid, d("0.00")));
    assert_eq!(store.payments(&PaymentFilter::default()).await.unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_partial_payments_reversal_idempotency_and_void() {
    partial_payments_reversal_idempotency_and_void(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_partial_payments_reversal_idempotency_and_void() {
    partial_payments_reversal_idempotency_and_void(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_sqlite_racing_for_the_last_ten_euros() {
    racing_for_the_last_ten_euros(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgres_racing_for_the_last_ten_euros() {
    racing_for_the_last_ten_euros(true).await;
}

/// A store written before payments were kept: its paid invoice gets one payment row for
/// its amount due on its paid date, and its balance is 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_migration_records_earlier_payments() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        super::super::schema::migrations().to_version(&mut conn, 2).unwrap();
        let mut old = invoice();
        old.number = Some("INV-2026-0001".into());
        old.status = Status::Issued;
        let document = serde_json::to_string(&old).unwrap();
        conn.execute(
            "INSERT INTO invoices (number, seq_series, seq_year, seq, kind, status, issue_date, buyer_name, currency, gross,
                                   due, created_at, document, paid_date, status_changed_at)
             VALUES ('INV-2026-0001', 'INV', 2026, 1, 'invoice', 'paid', '2026-11-02', 'Globex Ltd', 'EUR', '119.00',
                     '119.00', '2026-11-02T10:00:00Z', ?1, '2026-11-15', '2026-11-15T09:00:00Z')",
            [document],
        )
        .unwrap();
    }
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let store = Store::open(&Location::Sqlite(path)).await.unwrap();
    let rows = store.payments(&PaymentFilter::default()).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].id.as_str(), rows[0].date, rows[0].amount.to_string().as_str()),
        ("PAY-000001", day("2026-11-15"), "119.00")
    );
    let shown = store.get_with_account("INV-2026-0001").await.unwrap();
    assert_eq!(shown.account.unwrap().outstanding, d("0.00"));
    assert_eq!(pay(&store, "INV-2026-0001", None, None).await.unwrap_err().exit_code(), 4);
}
