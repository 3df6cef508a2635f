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

async fn pay(store: &Store, number: &str, amount: Option<&str>, key: Option<&str>) -> Result<Recorded> {
    let request = PaymentRequest { amount: amount.map(d), date: Some(day("2026-11-20")), ..PaymentRequest::default() };
    let key = key.map(|k| ("cli", k));
    crate::ops::record_payment(store, number, request, day("2026-12-07"), key, &actor(), Answer::Account).await
}

async fn partial_payments_reversal_idempotency_and_void(postgres: bool) {
    let Some((_place, store)) = testdb::store(postgres, "partial_payments").await else { return };
    let number = store.issue(invoice(), PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap();
    let first = pay(&store, &number, Some("40"), None).await.unwrap();
    assert_eq!((first.payment.id.as_str(), first.payment.amount.to_string().as_str()), ("PAY-000001", "40.00"));
    assert_eq!(first.invoice.status, Status::PartiallyPaid);
    assert_eq!(first.invoice.account.as_ref().unwrap().outstanding, d("79.00"));
    // The answer's account (built by the engine from what it read) is the one a read gives.
    assert_eq!(first.invoice, store.get_with_account(&number).await.unwrap());
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
    let Some((place, store)) = testdb::store(postgres, "racing_payments").await else { return };
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

/// Writes invoice INV-2026-0001 (119.00 EUR, issued 2026-11-02) into an SQLite store at an
/// older schema version, as that version wrote it: `document_status` in its document,
/// `status` and `paid_date` in its columns.
fn write_old_invoice(conn: &rusqlite::Connection, document_status: Status, status: &str, paid_date: Option<&str>) {
    let mut old = invoice();
    old.number = Some("INV-2026-0001".into());
    old.status = document_status;
    let document = serde_json::to_string(&old).unwrap();
    conn.execute(
        "INSERT INTO invoices (number, seq_series, seq_year, seq, kind, status, issue_date, buyer_name, currency, gross,
                               due, created_at, document, paid_date, status_changed_at)
         VALUES ('INV-2026-0001', 'INV', 2026, 1, 'invoice', ?1, '2026-11-02', 'Globex Ltd', 'EUR', '119.00',
                 '119.00', '2026-11-02T10:00:00Z', ?2, ?3, '2026-11-15T09:00:00Z')",
        rusqlite::params![status, document, paid_date],
    )
    .unwrap();
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
        write_old_invoice(&conn, Status::Issued, "paid", Some("2026-11-15"));
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

/// A void and a payment racing (on PostgreSQL, each on its own connection): the void's
/// check that nothing was paid runs in the transaction that voids, so either the payment
/// wins and the void is refused, or the void wins and the payment is refused — never a
/// void invoice with a payment on it.
async fn void_racing_a_payment(postgres: bool) {
    let Some((place, store)) = testdb::store(postgres, "void_race").await else { return };
    for _ in 0..6 {
        let number = store.issue(invoice(), PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap();
        let other = if postgres { Store::open(&place.location()).await.unwrap() } else { store.clone() };
        let (n1, n2) = (number.clone(), number.clone());
        let paying = tokio::spawn(async move { pay(&other, &n1, Some("5.00"), None).await });
        let voiding = {
            let store = store.clone();
            tokio::spawn(async move { crate::ops::void(&store, &n2, "race", &actor()).await })
        };
        let (paid, voided) = (paying.await.unwrap(), voiding.await.unwrap());
        let shown = store.get_with_account(&number).await.unwrap();
        let account = shown.account.unwrap();
        match (paid, voided) {
            (Ok(_), Err(refused)) => {
                assert_eq!((shown.status, account.paid), (Status::PartiallyPaid, d("5.00")));
                assert!(refused.to_string().contains("issue a credit note instead"), "{refused}");
            }
            (Err(refused), Ok(_)) => {
                assert_eq!((shown.status, account.paid), (Status::Void, d("0")));
                assert_eq!(refused.exit_code(), 4);
            }
            (paid, voided) => panic!("exactly one wins: {paid:?} {voided:?}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_sqlite_void_racing_a_payment() {
    void_racing_a_payment(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgres_void_racing_a_payment() {
    void_racing_a_payment(true).await;
}

/// Summaries carry the one balance the store keeps (SPEC 12.4), the same on both engines:
/// paid, credited and outstanding with the currency's digits, a credit note negative and
/// without a due date, and `overdue` as issued or partially paid before the day given.
async fn summaries_carry_the_balance(postgres: bool) {
    use crate::store::ListFilter;
    let Some((_place, store)) = testdb::store(postgres, "summaries").await else { return };
    let first = store.issue(invoice(), PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap();
    let second = store.issue(invoice(), PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap();
    pay(&store, &first, Some("19"), None).await.unwrap();
    let json = r#"{"type":"credit_note","preceding_invoice":"INV-2026-0001","issue_date":"2026-11-03","currency":"EUR",
        "seller":{"name":"S"},"buyer":{"name":"Globex Ltd"},
        "lines":[{"description":"x","quantity":1,"unit_price":"10.00","tax_rate":19}]}"#;
    let note = check_bytes(json.as_bytes(), Options::default(), &Defaults::default(), day("2026-11-03")).unwrap();
    store.issue(note.invoice, PATTERN, None, &actor()).await.unwrap();
    let rows = store.list_summaries(&ListFilter::default()).await.unwrap();
    assert_eq!(rows.len(), 3);
    let text = |r: &crate::store::Summary| {
        (r.status.clone(), r.gross.to_string(), r.paid.to_string(), r.credited.to_string(), r.outstanding.to_string())
    };
    assert_eq!(
        text(&rows[0]),
        ("partially_paid".into(), "119.00".into(), "19.00".into(), "11.90".into(), "88.10".into())
    );
    assert_eq!(text(&rows[1]), ("issued".into(), "119.00".into(), "0.00".into(), "0.00".into(), "119.00".into()));
    assert_eq!(text(&rows[2]), ("issued".into(), "-11.90".into(), "0.00".into(), "0.00".into(), "0.00".into()));
    assert_eq!((rows[2].due.to_string(), rows[2].due_date.as_deref()), ("-11.90".into(), None));
    let due = rows[0].due_date.clone().unwrap();
    let overdue = |on: &str| ListFilter { overdue_on: Some(day(on)), ..ListFilter::default() };
    let day_after: NaiveDate = day(&due).succ_opt().unwrap();
    let numbers = |rows: Vec<crate::store::Summary>| rows.into_iter().map(|r| r.number).collect::<Vec<_>>();
    assert_eq!(
        numbers(store.list_summaries(&overdue(&day_after.to_string())).await.unwrap()),
        [first.clone(), second.clone()]
    );
    assert!(store.list_summaries(&overdue(&due)).await.unwrap().is_empty());
    crate::ops::void(&store, &second, "typo", &actor()).await.unwrap();
    assert_eq!(
        numbers(store.list_summaries(&overdue(&day_after.to_string())).await.unwrap()),
        std::slice::from_ref(&first)
    );
    let void = store.list_summaries(&ListFilter { status: Some(Status::Void), ..ListFilter::default() }).await.unwrap();
    assert_eq!(text(&void[0]), ("void".into(), "119.00".into(), "0.00".into(), "0.00".into(), "0.00".into()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_summaries_carry_the_balance() {
    summaries_carry_the_balance(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_summaries_carry_the_balance() {
    summaries_carry_the_balance(true).await;
}

/// `store copy` (SPEC 12.7) moves payments with their reversals and idempotency keys and
/// the reminders table as it stands, into the other engine when PostgreSQL is available;
/// the copy's balances pass `store check` and a retried payment still finds its key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_carries_payments_and_reminders() {
    let (_source_place, source) = testdb::store(false, "copy_payments").await.unwrap();
    let number = source.issue(invoice(), PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap();
    pay(&source, &number, Some("40"), Some("k-1")).await.unwrap();
    pay(&source, &number, Some("9"), None).await.unwrap();
    crate::ops::reverse_payment(&source, "PAY-000002", "bounced", day("2026-12-07"), &actor()).await.unwrap();
    if let testdb::Place::File(_, Location::Sqlite(path)) = &_source_place {
        // A reminder row as the reminders code stores it (written here by SQL).
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.execute(
            "INSERT INTO reminders (invoice, level, date, fee, interest, balance, pay_by, currency, actor, created_at)
             VALUES (?1, 1, '2026-12-10', '0.00', '0.00', '79.00', '2026-12-20', 'EUR', 'cli:tester', '2026-12-10T08:00:00Z')",
            [&number],
        )
        .unwrap();
    }
    let (_target_place, target) = match testdb::store(true, "copy_payments").await {
        Some(found) => found,
        None => testdb::store(false, "copy_payments_target").await.unwrap(),
    };
    let copied = crate::store::verify::copy(&source, &target).await.unwrap();
    assert_eq!(copied.tables, [("payments".to_owned(), 3), ("reminders".to_owned(), 1)]);
    let (from, to) = (source.dump().await.unwrap(), target.dump().await.unwrap());
    assert_eq!(from.tables, to.tables);
    assert_eq!(crate::store::verify::check(&to).problems, Vec::<String>::new());
    let shown = target.get_with_account(&number).await.unwrap();
    assert_eq!((shown.status, shown.account.unwrap().outstanding), (Status::PartiallyPaid, d("79.00")));
    let again = pay(&target, &number, Some("40"), Some("k-1")).await.unwrap();
    assert!(again.replayed && again.payment.id == "PAY-000001");
    // Numbering of payments goes on after the copied ones.
    assert_eq!(pay(&target, &number, Some("1"), None).await.unwrap().payment.id, "PAY-000004");
}

/// The same migration on PostgreSQL: a database at schema 2 with a paid invoice gets one
/// payment row for its amount due on its paid date; a fully prepaid one (due 0) none.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_migration_records_earlier_payments_on_postgres() {
    let Some(db) = testdb::postgres("migration_payments") else { return };
    let mut old = invoice();
    old.number = Some("INV-2026-0001".into());
    old.status = Status::Issued;
    let document = serde_json::to_string(&old).unwrap();
    testdb::outside(|| {
        let mut client = db.client();
        for schema in super::super::postgres::SCHEMA_BEFORE_PAYMENTS {
            client.batch_execute(schema).unwrap();
        }
        client
            .batch_execute(
                "CREATE TABLE invoice_schema (version BIGINT NOT NULL); INSERT INTO invoice_schema VALUES (2);",
            )
            .unwrap();
        for (n, due) in [(1, "119.00"), (2, "0.00")] {
            client
                .execute(
                    "INSERT INTO invoices (number, seq_series, seq_year, seq, kind, status, issue_date, buyer_name, currency,
                                           gross, due, created_at, document, paid_date, status_changed_at)
                     VALUES ($1, 'INV', 2026, $2, 'invoice', 'paid', '2026-11-02', 'Globex Ltd', 'EUR', '119.00', $3,
                             '2026-11-02T10:00:00Z', $4, '2026-11-15', '2026-11-15T09:00:00Z')",
                    &[&format!("INV-2026-000{n}"), &i64::from(n), &due, &document.replace("INV-2026-0001", &format!("INV-2026-000{n}"))],
                )
                .unwrap();
        }
    });
    let store = Store::open(&Location::Postgres(db.url().to_owned())).await.unwrap();
    let rows = store.payments(&PaymentFilter::default()).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].id.as_str(), rows[0].invoice.as_str(), rows[0].date, rows[0].amount.to_string().as_str()),
        ("PAY-000001", "INV-2026-0001", day("2026-11-15"), "119.00")
    );
    let shown = store.get_with_account("INV-2026-0001").await.unwrap();
    assert_eq!(shown.account.unwrap().outstanding, d("0.00"));
    assert_eq!(pay(&store, "INV-2026-0001", None, None).await.unwrap_err().exit_code(), 4);
}

/// Runs `sql` on the store behind its back (as an older version, or a data generator,
/// wrote rows).
fn behind_the_back(place: &testdb::Place, sql: &str) {
    if let Err(e) = run_behind_the_back(place, sql) {
        panic!("{sql}: {e}");
    }
}

/// Runs `sql` on the store's database as a second program would: the database's answer.
fn run_behind_the_back(place: &testdb::Place, sql: &str) -> std::result::Result<(), String> {
    match place {
        testdb::Place::File(_, Location::Sqlite(path)) => {
            rusqlite::Connection::open(path).unwrap().execute_batch(sql).map_err(|e| e.to_string())
        }
        testdb::Place::Postgres(db) => testdb::outside(|| db.client().batch_execute(sql).map_err(|e| e.to_string())),
        testdb::Place::File(..) => unreachable!("a file store is SQLite"),
    }
}

/// Issue #22: a payment's balance comes from the running total its invoice's latest row
/// keeps, not from summing every earlier row — and a row without one (written before the
/// total was kept) makes the store sum them once. Payments racing on one invoice (on
/// PostgreSQL decided together in batches), a replay and a reversal all leave the totals
/// exact, which `store check` verifies row by row and finds wrong when one is.
async fn running_totals_hold_for_older_rows_and_batches(postgres: bool) {
    let Some((place, store)) = testdb::store(postgres, "running_totals").await else { return };
    let number = store.issue(invoice(), PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap();
    behind_the_back(
        &place,
        &format!(
            "INSERT INTO payments (seq, id, invoice, date, amount, currency, outstanding_before, created_at, actor)
             VALUES (1, 'PAY-000001', '{number}', '2026-11-05', '10.00', 'EUR', '119.00', '2026-11-05T00:00:00Z', 'older')"
        ),
    );
    let mut tasks = Vec::new();
    for i in 0..20 {
        let (store, number) = (store.clone(), number.clone());
        let key = (i == 7).then_some("once");
        tasks.push(tokio::spawn(async move { pay(&store, &number, Some("1.00"), key).await }));
    }
    for task in tasks {
        let recorded = task.await.unwrap().unwrap();
        assert!(recorded.balance.paid > d("10.00"), "{:?}", recorded.balance);
    }
    let again = pay(&store, &number, Some("1.00"), Some("once")).await.unwrap();
    assert!(again.replayed);
    assert_eq!((again.balance.paid, again.balance.outstanding), (d("30.00"), d("89.00")));
    let reversed =
        crate::ops::reverse_payment(&store, "PAY-000005", "bounced", day("2026-12-07"), &actor()).await.unwrap();
    assert_eq!((reversed.balance.paid, reversed.balance.outstanding), (d("29.00"), d("90.00")));
    let answer = crate::ops::record_payment(
        &store,
        &number,
        PaymentRequest { amount: Some(d("0.50")), date: Some(day("2026-11-20")), ..PaymentRequest::default() },
        day("2026-12-07"),
        None,
        &actor(),
        Answer::Balance,
    )
    .await
    .unwrap();
    assert_eq!(
        (answer.balance.paid, answer.invoice.status, answer.invoice.account),
        (d("29.50"), Status::PartiallyPaid, None)
    );
    let shown = store.get_with_account(&number).await.unwrap().account.unwrap();
    assert_eq!((shown.paid, shown.outstanding, shown.payments.len()), (d("29.50"), d("89.50"), 23));
    let dump = store.dump().await.unwrap();
    assert_eq!(crate::store::verify::check(&dump).problems, Vec::<String>::new());
    let table = dump.tables.iter().find(|t| t.name == "payments").unwrap();
    let total = table.columns.iter().position(|c| c == "paid_after").unwrap();
    let totals: Vec<Option<&str>> = table.rows.iter().map(|r| r[total].as_deref()).collect();
    assert_eq!((totals[0], totals[21], totals[22]), (None, Some("29.00"), Some("29.50")));
    // A wrong running total is found.
    behind_the_back(
        &place,
        &format!(
            "INSERT INTO payments (seq, id, invoice, date, amount, currency, outstanding_before, created_at, actor,
                                   paid_after)
             VALUES (99, 'PAY-000099', '{number}', '2026-11-21', '0.50', 'EUR', '89.50', '2026-11-21T00:00:00Z', 'older',
                     '5.00')"
        ),
    );
    let problems = crate::store::verify::check(&store.dump().await.unwrap()).problems;
    assert!(problems.iter().any(|p| p.contains("PAY-000099: its running total 5.00 is not the 30.00")), "{problems:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_sqlite_running_totals_hold_for_older_rows_and_batches() {
    running_totals_hold_for_older_rows_and_batches(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgres_running_totals_hold_for_older_rows_and_batches() {
    running_totals_hold_for_older_rows_and_batches(true).await;
}

/// Issue #22: a payment that leaves its invoice's status and paid date as they were does
/// not rewrite the invoice's row; `status_changed_at` keeps the time the status last
/// changed, and the status and paid date still follow every payment.
async fn only_a_change_of_status_writes_the_invoice(postgres: bool) {
    let Some((_place, store)) = testdb::store(postgres, "status_writes").await else { return };
    let number = store.issue(invoice(), PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap();
    let changed_at = |dump: &crate::store::Dump| {
        let row = dump.invoices.iter().find(|row| row.number() == number).unwrap();
        (row.text[3].clone(), row.optional[0].clone(), row.optional[3].clone())
    };
    let first = pay(&store, &number, Some("40"), None).await.unwrap();
    let after_first = changed_at(&store.dump().await.unwrap());
    assert_eq!(after_first, ("partially_paid".to_owned(), None, Some(first.payment.created_at.clone())));
    // Payments in one batch (PostgreSQL) or one after another: only the first changed the status.
    let mut tasks = Vec::new();
    for _ in 0..5 {
        let (store, number) = (store.clone(), number.clone());
        tasks.push(tokio::spawn(async move { pay(&store, &number, Some("10"), None).await }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap().invoice.status, Status::PartiallyPaid);
    }
    assert_eq!(changed_at(&store.dump().await.unwrap()), after_first);
    let last = pay(&store, &number, None, None).await.unwrap();
    assert_eq!((last.invoice.status, last.balance.outstanding), (Status::Paid, d("0.00")));
    let dump = store.dump().await.unwrap();
    assert_eq!(
        changed_at(&dump),
        ("paid".to_owned(), Some("2026-11-20".to_owned()), Some(last.payment.created_at.clone()))
    );
    assert_eq!(crate::store::verify::check(&dump).problems, Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_sqlite_only_a_change_of_status_writes_the_invoice() {
    only_a_change_of_status_writes_the_invoice(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgres_only_a_change_of_status_writes_the_invoice() {
    only_a_change_of_status_writes_the_invoice(true).await;
}

/// Issue #22: the payment a row reverses and a payment's idempotency key are unique only
/// where set (partial unique indexes, so most payments add no entry to either index), and
/// the database still refuses a second row with either, on both engines.
async fn optional_keys_stay_unique_where_set(postgres: bool) {
    let Some((place, store)) = testdb::store(postgres, "optional_keys").await else { return };
    let number = store.issue(invoice(), PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap();
    pay(&store, &number, Some("1.00"), Some("once")).await.unwrap();
    pay(&store, &number, Some("1.00"), None).await.unwrap();
    pay(&store, &number, Some("1.00"), None).await.unwrap();
    crate::ops::reverse_payment(&store, "PAY-000002", "bounced", day("2026-12-07"), &actor()).await.unwrap();
    let row = |seq: u32, extra_columns: &str, extra_values: &str| {
        format!(
            "INSERT INTO payments (seq, id, invoice, date, amount, currency, outstanding_before, created_at, actor
                                   {extra_columns})
             VALUES ({seq}, 'PAY-0000{seq}', '{number}', '2026-11-21', '0.50', 'EUR', '1.00', '2026-11-21T00:00:00Z',
                     'other' {extra_values})"
        )
    };
    let twice_reversed = row(90, ", reverses", ", 'PAY-000002'");
    assert!(run_behind_the_back(&place, &twice_reversed).is_err(), "a second reversal of PAY-000002 was stored");
    let key_again = row(91, ", idem_scope, idem_key, fingerprint", ", 'cli', 'once', 'x'");
    assert!(run_behind_the_back(&place, &key_again).is_err(), "a second payment with key 'once' was stored");
    let other_key = row(92, ", idem_scope, idem_key, fingerprint", ", 'cli', 'another', 'x'");
    assert!(run_behind_the_back(&place, &other_key).is_ok(), "a payment with a new key was refused");
    let keyless = row(93, "", "");
    assert!(run_behind_the_back(&place, &keyless).is_ok(), "a second payment without keys was refused");
    let rows = store.payments(&PaymentFilter::default()).await.unwrap();
    assert_eq!(rows.len(), 6, "{rows:?}");
    let again = pay(&store, &number, Some("1.00"), Some("once")).await.unwrap();
    assert!(again.replayed, "the retry with key 'once' was not answered with the first payment");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_optional_keys_stay_unique_where_set() {
    optional_keys_stay_unique_where_set(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_postgres_optional_keys_stay_unique_where_set() {
    optional_keys_stay_unique_where_set(true).await;
}

/// SQLite's sixth migration rebuilds the payments table: a store with payments, a
/// reversal and an idempotency key written under the old table keeps every row, its
/// triggers and its keys, and the table loses the two table-wide unique constraints.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sqlite_rebuild_of_payments_keeps_rows_triggers_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("before.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        super::super::schema::migrations().to_version(&mut conn, 5).unwrap();
        write_old_invoice(&conn, Status::PartiallyPaid, "partially_paid", None);
        conn.execute_batch(
            "INSERT INTO payments (seq, id, invoice, date, amount, currency, reverses, reason, outstanding_before,
                                   created_at, actor, idem_scope, idem_key, fingerprint, paid_after)
             VALUES (1, 'PAY-000001', 'INV-2026-0001', '2026-11-15', '10.00', 'EUR', NULL, NULL, '119.00',
                     '2026-11-15T09:00:00Z', 'cli', 'cli', 'once', 'f1', '10.00'),
                    (2, 'PAY-000002', 'INV-2026-0001', '2026-11-16', '5.00', 'EUR', NULL, NULL, '109.00',
                     '2026-11-16T09:00:00Z', 'cli', NULL, NULL, NULL, '15.00'),
                    (3, 'PAY-000003', 'INV-2026-0001', '2026-11-17', '-5.00', 'EUR', 'PAY-000002', 'bounced', '104.00',
                     '2026-11-17T09:00:00Z', 'cli', NULL, NULL, NULL, '10.00');",
        )
        .unwrap();
        let sql: String =
            conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'payments'", [], |r| r.get(0)).unwrap();
        assert!(sql.contains("UNIQUE (idem_scope, idem_key)"), "not the old table: {sql}");
    }
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let store = Store::open(&Location::Sqlite(path.clone())).await.unwrap();
    let rows = store.payments(&PaymentFilter::default()).await.unwrap();
    let kept: Vec<(&str, String, Option<&str>)> =
        rows.iter().map(|p| (p.id.as_str(), p.amount.to_string(), p.reverses.as_deref())).collect();
    assert_eq!(
        kept,
        [
            ("PAY-000001", "10.00".to_owned(), None),
            ("PAY-000002", "5.00".to_owned(), None),
            ("PAY-000003", "-5.00".to_owned(), Some("PAY-000002"))
        ]
    );
    let shown = store.get_with_account("INV-2026-0001").await.unwrap().account.unwrap();
    assert_eq!((shown.paid, shown.outstanding), (d("10.00"), d("109.00")));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let sql: String =
        conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'payments'", [], |r| r.get(0)).unwrap();
    assert!(!sql.contains("UNIQUE (idem_scope") && !sql.contains("TEXT UNIQUE REFERENCES"), "{sql}");
    let objects: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'payments' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        objects,
        [
            "payments",
            "payments_are_immutable",
            "payments_are_never_deleted",
            "payments_date",
            "payments_idempotency",
            "payments_invoice",
            "payments_reverses",
            "sqlite_autoindex_payments_1",
        ]
    );
    assert!(conn.execute("UPDATE payments SET amount = '5.00'", []).is_err(), "a payment was changed");
    assert!(conn.execute("DELETE FROM payments", []).is_err(), "a payment was deleted");
    let insert = |seq: u32, reverses: &str, key: &str| {
        conn.execute(
            &format!(
                "INSERT INTO payments (seq, id, invoice, date, amount, currency, outstanding_before, created_at, actor,
                                       reverses, idem_scope, idem_key)
                 VALUES ({seq}, 'PAY-0000{seq}', 'INV-2026-0001', '2026-11-21', '0.50', 'EUR', '1.00',
                         '2026-11-21T00:00:00Z', 'other', {reverses}, 'cli', {key})"
            ),
            [],
        )
        .is_ok()
    };
    assert!(!insert(90, "'PAY-000002'", "NULL"), "a second reversal of PAY-000002 was stored");
    assert!(!insert(91, "NULL", "'once'"), "a second payment with key 'once' was stored");
    assert!(!insert(92, "'PAY-999999'", "NULL"), "a reversal of no payment was stored");
    assert!(insert(93, "NULL", "NULL"), "a payment without keys was refused");
    drop(conn);
    // The invoice was written by hand without its counter row and audit entry; the
    // payments, with the one added after the rebuild, hold together.
    let problems = crate::store::verify::check(&store.dump().await.unwrap()).problems;
    assert!(problems.iter().all(|p| !p.contains("PAY-")), "{problems:?}");
}
