#![allow(clippy::unwrap_used)]

use super::*;
use crate::invoice::parse::Options;
use crate::invoice::{Defaults, check_bytes};
use rusqlite::Connection;
use std::path::Path;

fn invoice(series: &str, date: &str) -> Invoice {
    let json = format!(
        r#"{{"series":"{series}","issue_date":"{date}","currency":"EUR","seller":{{"name":"S"}},"buyer":{{"name":"Buyer {series}"}},
            "payment":{{"means":"credit_transfer"}},
            "lines":[{{"description":"x","quantity":1,"unit_price":"10.00","tax_rate":19}}]}}"#
    );
    // "Today" is the issue date: an issue date after tomorrow is refused.
    check_bytes(json.as_bytes(), Options::default(), &Defaults::default(), date.parse().unwrap()).unwrap().invoice
}

/// Where a test's store lives; removed when dropped.
enum Place {
    File(tempfile::TempDir),
    Postgres(testdb::TestDb),
}

impl Place {
    fn location(&self) -> Location {
        match self {
            Place::File(dir) => Location::Sqlite(dir.path().join("sub/dir/invoices.db")),
            Place::Postgres(db) => Location::Postgres(db.url().to_owned()),
        }
    }

    /// Runs `sql` behind the store's back; true when the database refused it.
    fn refuses(&self, sql: &str) -> bool {
        match (self, self.location()) {
            (Place::File(_), Location::Sqlite(path)) => Connection::open(path).unwrap().execute(sql, []).is_err(),
            (Place::Postgres(db), _) => testdb::outside(|| db.client().batch_execute(sql).is_err()),
            (Place::File(_), Location::Postgres(_)) => unreachable!("a file's location is a path"),
        }
    }
}

/// Which engine a test of the suite runs on.
#[derive(Debug, Clone, Copy)]
enum Open {
    Sqlite,
    Postgres,
}

impl Open {
    /// A fresh store on this engine (PostgreSQL: `None`, with a notice, when no test server is set).
    async fn store(self, test: &str) -> Option<(Place, Store)> {
        match self {
            Open::Sqlite => sqlite(test).await,
            Open::Postgres => postgres(test).await,
        }
    }
}

async fn sqlite(_test: &str) -> Option<(Place, Store)> {
    let place = Place::File(tempfile::tempdir().unwrap());
    let store = Store::open(&place.location()).await.unwrap();
    Some((place, store))
}

async fn postgres(test: &str) -> Option<(Place, Store)> {
    let place = Place::Postgres(testdb::postgres(test)?);
    let store = Store::open(&place.location()).await.unwrap();
    Some((place, store))
}

/// Runs each listed test on both engines: `on_sqlite::NAME` and `on_postgres::NAME` (the
/// latter skipped with a notice unless `INVOICE_TEST_POSTGRES` is set), each through the
/// one [`Store`] interface.
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
              async fn $name() { super::$name(super::Open::Sqlite, stringify!($name)).await })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
              async fn $name() { super::$name(super::Open::Postgres, stringify!($name)).await })*
        }
    };
}

on_both_engines!(
    numbers_are_sequential_per_series_and_year,
    issued_invoices_carry_status_time_and_payment_reference,
    patterns_without_year_or_series_share_one_sequence,
    idempotency_replays_or_conflicts,
    lifecycle_moves_follow_the_spec,
    content_is_immutable_and_the_audit_log_append_only,
    list_filters,
    credit_notes_mark_their_invoice_and_a_failed_one_takes_no_number,
    eight_writers_get_gapless_unique_numbers,
    keys_are_shared_through_the_store,
    check_finds_gaps_missing_audit_and_wrong_totals,
    copy_moves_everything_into_an_empty_store_only,
    credit_notes_credit_invoices_only_and_never_more_than_their_gross,
    chronological_numbering_refuses_an_earlier_date_in_the_series,
    a_credit_note_carries_the_issue_date_of_the_invoice_it_credits,
    buyers_match_without_case_for_all_of_unicode,
    a_nul_in_a_number_or_cursor_is_not_found_never_a_store_error,
);

fn file(path: &Path) -> Location {
    Location::Sqlite(path.to_owned())
}

fn actor() -> Actor {
    Actor::cli("tester")
}

const PATTERN: &str = crate::config::DEFAULT_NUMBER_PATTERN;

async fn numbers_are_sequential_per_series_and_year(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    let mut numbers = Vec::new();
    for (series, date) in [
        ("INV", "2026-03-01"),
        ("INV", "2026-05-01"),
        ("X", "2026-05-01"),
        ("INV", "2027-01-02"),
        ("INV", "2026-12-31"),
    ] {
        numbers
            .push(store.issue(invoice(series, date), PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap());
    }
    assert_eq!(numbers, ["INV-2026-0001", "INV-2026-0002", "X-2026-0001", "INV-2027-0001", "INV-2026-0003"]);
}

async fn issued_invoices_carry_status_time_and_payment_reference(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    let issued = store.issue(invoice("INV", "2026-03-01"), PATTERN, None, &actor()).await.unwrap().invoice;
    assert_eq!(issued.status, Status::Issued);
    assert!(issued.created_at.as_deref().unwrap().ends_with('Z'));
    assert_eq!(issued.payment.unwrap().reference.as_deref(), Some("INV-2026-0001"));
    assert_eq!(store.get("INV-2026-0001").await.unwrap().totals.gross.to_string(), "11.90");
}

async fn patterns_without_year_or_series_share_one_sequence(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    let a = store.issue(invoice("A", "2026-03-01"), "{seq:06}", None, &actor()).await.unwrap().invoice.number;
    let b = store.issue(invoice("B", "2027-03-01"), "{seq:06}", None, &actor()).await.unwrap().invoice.number;
    assert_eq!((a.as_deref(), b.as_deref()), (Some("000001"), Some("000002")));
}

async fn idempotency_replays_or_conflicts(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    let idem = Idempotency { scope: "cli".into(), key: "k1".into(), fingerprint: "f1".into() };
    let first = store.issue(invoice("INV", "2026-03-01"), PATTERN, Some(&idem), &actor()).await.unwrap();
    let again = store.issue(invoice("INV", "2026-03-01"), PATTERN, Some(&idem), &actor()).await.unwrap();
    assert!(!first.replayed);
    assert!(again.replayed);
    assert_eq!(first.invoice.number, again.invoice.number);
    let other = Idempotency { fingerprint: "f2".into(), ..idem.clone() };
    let err = store.issue(invoice("INV", "2026-03-01"), PATTERN, Some(&other), &actor()).await.unwrap_err();
    assert_eq!(err.exit_code(), 4);
    let other_scope = Idempotency { scope: "key:abc".into(), ..idem };
    assert!(!store.issue(invoice("INV", "2026-03-01"), PATTERN, Some(&other_scope), &actor()).await.unwrap().replayed);
    assert_eq!(store.list(&ListFilter::default()).await.unwrap().len(), 2);
}

async fn lifecycle_moves_follow_the_spec(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    store.issue(invoice("INV", "2026-03-01"), PATTERN, None, &actor()).await.unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    let paid = store.change_status("INV-2026-0001", &StatusChange::Paid { date }, &actor()).await.unwrap();
    assert_eq!((paid.status, paid.paid_date), (Status::Paid, Some(date)));
    let err =
        store.change_status("INV-2026-0001", &StatusChange::Void { reason: "x".into() }, &actor()).await.unwrap_err();
    assert_eq!(err.to_string(), "invoice INV-2026-0001 is paid; it cannot become void");
    assert_eq!(err.exit_code(), 4);
    let err = store.change_status("INV-2026-0099", &StatusChange::Paid { date }, &actor()).await.unwrap_err();
    assert_eq!(err.exit_code(), 3);
}

async fn content_is_immutable_and_the_audit_log_append_only(open: Open, test: &str) {
    let Some((place, store)) = open.store(test).await else { return };
    store.issue(invoice("INV", "2026-03-01"), PATTERN, None, &actor()).await.unwrap();
    assert!(place.refuses("UPDATE invoices SET document = '{}'"));
    assert!(place.refuses("DELETE FROM invoices"));
    assert!(place.refuses("UPDATE audit_log SET actor = 'x'"));
    assert!(place.refuses("DELETE FROM audit_log"));
    // The status columns may change (through the store's lifecycle rules).
    assert!(!place.refuses("UPDATE invoices SET status_changed_at = '2026-03-02T00:00:00Z'"));
    let log = store.audit_log(None).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].actor.as_str(), log[0].action.as_str()), ("cli:tester", "create"));
}

async fn list_filters(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    for (series, date) in [("INV", "2026-03-01"), ("INV", "2026-04-01"), ("X", "2026-05-01")] {
        store.issue(invoice(series, date), PATTERN, None, &actor()).await.unwrap();
    }
    let numbers = async |f: ListFilter| -> Vec<String> {
        store.list(&f).await.unwrap().into_iter().map(|i| i.number.unwrap()).collect()
    };
    assert_eq!(numbers(ListFilter { buyer: Some("buyer x".into()), ..Default::default() }).await, ["X-2026-0001"]);
    assert_eq!(numbers(ListFilter { buyer: Some("%".into()), ..Default::default() }).await, Vec::<String>::new());
    assert_eq!(
        numbers(ListFilter {
            from: NaiveDate::from_ymd_opt(2026, 3, 15),
            to: NaiveDate::from_ymd_opt(2026, 4, 30),
            ..Default::default()
        })
        .await,
        ["INV-2026-0002"]
    );
    assert_eq!(
        numbers(ListFilter { after: Some("INV-2026-0001".into()), limit: Some(1), ..Default::default() }).await,
        ["INV-2026-0002"]
    );
}

/// Owner-only permissions, so a test of file contents is not refused for its mode first.
fn make_private(path: &std::path::Path) {
    #[cfg(unix)]
    std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
}

#[tokio::test]
async fn unusable_files_are_clear_store_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-a-db");
    std::fs::write(&path, vec![b'x'; 4096]).unwrap();
    make_private(&path);
    let err = Store::open(&file(&path)).await.unwrap_err();
    assert_eq!(err.exit_code(), 5);
    assert!(err.to_string().contains("not an invoice store"), "{err}");

    let path = dir.path().join("future.db");
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    make_private(&path);
    let err = Store::open(&file(&path)).await.unwrap_err();
    assert!(err.to_string().contains("newer version"), "{err}");
}

#[cfg(unix)]
#[tokio::test]
async fn files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new/invoices.db");
    Store::open(&file(&path)).await.unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
}

#[tokio::test]
async fn number_formatting() {
    assert_eq!(format_number("{series}-{year}-{seq:04}", "INV", 2026, 7), "INV-2026-0007");
    assert_eq!(format_number("{year}/{seq}", "INV", 2026, 12345), "2026/12345");
    // The split form PostgreSQL's one-statement batch numbers with agrees with it.
    for (pattern, seq) in [("{series}-{year}-{seq:04}", 7), ("{year}/{seq}", 12345), ("R{seq:03}x", 123_456)] {
        let (before, width, after) = super::number_around_seq(pattern, "INV", 2026).unwrap();
        assert_eq!(format!("{before}{seq:0width$}{after}"), format_number(pattern, "INV", 2026, seq));
    }
    assert_eq!(super::number_around_seq("{seq}-{seq}", "INV", 2026), None);
    assert_eq!(super::number_around_seq("{series}-{year}", "INV", 2026), None);
}

async fn credit_notes_mark_their_invoice_and_a_failed_one_takes_no_number(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    store.issue(invoice("INV", "2026-03-01"), PATTERN, None, &actor()).await.unwrap();
    let credit = |preceding: &str| {
        let mut note = invoice("INV", "2026-03-02");
        note.kind = crate::invoice::model::DocumentType::CreditNote;
        note.preceding_invoice = Some(preceding.to_owned());
        note
    };
    assert_eq!(store.issue(credit("INV-2026-0404"), PATTERN, None, &actor()).await.unwrap_err().exit_code(), 3);
    let note = store.issue(credit("INV-2026-0001"), PATTERN, None, &actor()).await.unwrap().invoice;
    // The failed credit note rolled its number back: no gap.
    assert_eq!(note.number.as_deref(), Some("INV-2026-0002"));
    let original = store.get("INV-2026-0001").await.unwrap();
    assert_eq!((original.status, original.credited_by.as_deref()), (Status::Credited, Some("INV-2026-0002")));
    assert_eq!(store.issue(credit("INV-2026-0001"), PATTERN, None, &actor()).await.unwrap_err().exit_code(), 4);
    let actions: Vec<String> = store.audit_log(None).await.unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["create", "credit"]);
}

/// Eight writers, each with its own connection, issue at once: every number of the
/// series and year is used exactly once, without gaps.
async fn eight_writers_get_gapless_unique_numbers(open: Open, test: &str) {
    let Some((place, store)) = open.store(test).await else { return };
    drop(store);
    let location = place.location();
    let per_writer = 15;
    let writers: Vec<_> = (0..8)
        .map(|_| {
            let location = location.clone();
            tokio::spawn(async move {
                let store = Store::open(&location).await.unwrap();
                let mut numbers = Vec::new();
                for _ in 0..per_writer {
                    numbers.push(store.issue(invoice("INV", "2026-06-01"), PATTERN, None, &actor()).await.unwrap());
                }
                numbers.into_iter().map(|issued| issued.invoice.number).collect::<Vec<_>>()
            })
        })
        .collect();
    let mut acknowledged = Vec::new();
    for writer in writers {
        acknowledged.extend(writer.await.unwrap().into_iter().map(Option::unwrap));
    }
    acknowledged.sort();
    let expected: Vec<String> = (1..=8 * per_writer).map(|n| format!("INV-2026-{n:04}")).collect();
    assert_eq!(acknowledged, expected);
    let store = Store::open(&location).await.unwrap();
    let mut stored: Vec<String> =
        store.list(&ListFilter::default()).await.unwrap().into_iter().map(|i| i.number.unwrap()).collect();
    stored.sort();
    assert_eq!(stored, expected);
}

/// A key created through one connection is seen, and its revocation honoured, through another.
async fn keys_are_shared_through_the_store(open: Open, test: &str) {
    use crate::keys::{Scope, Verification, create_key, revoke_key, verify};
    let Some((place, store)) = open.store(test).await else { return };
    let other = Store::open(&place.location()).await.unwrap();
    let (record, key) =
        create_key(&store, "app", &[Scope::Read], std::time::Duration::from_secs(3600), &actor()).await.unwrap();
    assert!(matches!(verify(&other, &key, None).await.unwrap(), Verification::Valid(_)));
    revoke_key(&store, &record.id, &actor()).await.unwrap();
    assert!(matches!(verify(&other, &key, None).await.unwrap(), Verification::Revoked { .. }));
    let actions: Vec<String> = other.audit_log(None).await.unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["key_create", "key_revoke"]);
}

async fn filled(store: &Store) {
    use crate::keys::{Scope, create_key};
    let idem = Idempotency { scope: "cli".into(), key: "k1".into(), fingerprint: "f1".into() };
    store.issue(invoice("INV", "2026-03-01"), PATTERN, Some(&idem), &actor()).await.unwrap();
    store.issue(invoice("INV", "2026-03-02"), PATTERN, None, &actor()).await.unwrap();
    store.issue(invoice("X", "2027-01-01"), PATTERN, None, &actor()).await.unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    crate::ops::pay(store, "INV-2026-0002", date, date, &actor()).await.unwrap();
    create_key(store, "app", &[Scope::Read], std::time::Duration::from_secs(3600), &actor()).await.unwrap();
}

async fn check_finds_gaps_missing_audit_and_wrong_totals(open: Open, test: &str) {
    let Some((place, store)) = open.store(test).await else { return };
    filled(&store).await;
    assert_eq!(verify::check(&store.dump().await.unwrap()).problems, Vec::<String>::new());
    // Behind the store's back: a row with a gap in its numbering, no audit entry and a
    // gross that its lines do not add up to.
    let mut dump = store.dump().await.unwrap();
    let mut row = dump.invoices[0].clone();
    row.text[0] = "INV-2026-0009".into();
    row.ints[1] = 9;
    row.text[10] =
        row.text[10].replace("INV-2026-0001", "INV-2026-0009").replace("\"gross\":\"11.90\"", "\"gross\":\"12.90\"");
    dump.invoices.push(row.clone());
    let problems = verify::check(&dump).problems;
    assert!(problems.iter().any(|p| p.contains("INV-2026-0009 has sequence 9 where 3 was expected")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("INV-2026-0009: no `create`")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("INV-2026-0009: totals recomputed")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("the counter is 2 but the last number is 9")), "{problems:?}");
    // SPEC 12.7: a payment row changed behind the store's back no longer explains the
    // stored status nor the running total it was recorded with, and one above what was
    // outstanding when recorded is named.
    let mut dump = store.dump().await.unwrap();
    let payments = &mut dump.tables[0];
    let amount = payments.columns.iter().position(|c| c == "amount").unwrap();
    payments.rows[0][amount] = Some("1.00".into());
    assert_eq!(
        verify::check(&dump).problems,
        [
            "payment PAY-000001: its running total 11.90 is not the 1.00 paid on INV-2026-0002 up to it",
            "INV-2026-0002: the stored status is paid but due 11.90 − paid 1.00 − credited 0 = outstanding 10.90 means \
             partially_paid"
        ]
    );
    dump.tables[0].rows[0][amount] = Some("20.00".into());
    let problems = verify::check(&dump).problems;
    assert!(
        problems.iter().any(|p| p
            == "payment PAY-000001: 20.00 is more than the 11.90 outstanding on INV-2026-0002 when it was recorded"),
        "{problems:?}"
    );
    drop(place);
}

async fn copy_moves_everything_into_an_empty_store_only(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    filled(&store).await;
    // Into the other engine when PostgreSQL is available, else into another SQLite file.
    let (_other_place, other) = match postgres(test).await {
        Some(found) => found,
        None => sqlite(test).await.unwrap(),
    };
    let copied = verify::copy(&store, &other).await.unwrap();
    assert_eq!(copied.counts, [3, 2, 1, 5, 1]);
    // Payments and reminders are copied too (SPEC 12.7), as their tables stand.
    assert_eq!(copied.tables, [("payments".to_owned(), 1), ("reminders".to_owned(), 0)]);
    assert_eq!(other.get_with_account("INV-2026-0002").await.unwrap().account.unwrap().payments.len(), 1);
    assert_eq!(verify::check(&other.dump().await.unwrap()).problems, Vec::<String>::new());
    assert_eq!(other.dump().await.unwrap(), store.dump().await.unwrap());
    assert_eq!(other.get("INV-2026-0002").await.unwrap().status, Status::Paid);
    // Numbering goes on where the source stopped.
    let next = other.issue(invoice("INV", "2026-04-01"), PATTERN, None, &actor()).await.unwrap().invoice.number;
    assert_eq!(next.as_deref(), Some("INV-2026-0003"));
    // A second copy into the now non-empty target is refused and writes nothing.
    let before = other.dump().await.unwrap();
    assert_eq!(verify::copy(&store, &other).await.unwrap_err().exit_code(), 4);
    assert_eq!(other.dump().await.unwrap(), before);
}

/// Issue #10 defect 8: a dangling symlink as the store created its target 0644, and an
/// existing 0644 store was used silently.
#[cfg(unix)]
#[tokio::test]
async fn stores_are_private_even_through_a_symlink_and_open_stores_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.db");
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    drop(Store::open(&file(&link)).await.unwrap());
    assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);

    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
    let e = Store::open(&file(&target)).await.err().unwrap();
    assert_eq!(e.exit_code(), 5);
    let message = e.to_string();
    assert!(message.contains("mode 0644") && message.contains(&format!("chmod 600 {}", target.display())), "{message}");
}

/// A credit note against `preceding` for `amount` (net, 0 % tax) in `currency`.
fn credit_note(preceding: &str, amount: &str, currency: &str) -> Invoice {
    let json = format!(
        r#"{{"type":"credit_note","preceding_invoice":"{preceding}","issue_date":"2026-03-02","currency":"{currency}",
            "seller":{{"name":"S"}},"buyer":{{"name":"B"}},
            "lines":[{{"description":"x","quantity":1,"unit_price":"{amount}","tax_rate":0}}]}}"#
    );
    check_bytes(json.as_bytes(), Options::default(), &Defaults::default(), "2026-03-02".parse().unwrap())
        .unwrap()
        .invoice
}

/// Issue #10 defect 7: a credit note could credit a credit note, for any amount.
async fn credit_notes_credit_invoices_only_and_never_more_than_their_gross(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    let inv = store.issue(invoice("INV", "2026-03-01"), PATTERN, None, &actor()).await.unwrap().invoice; // gross 11.90
    let number = inv.number.clone().unwrap();
    let first = store.issue(credit_note(&number, "5.00", "EUR"), PATTERN, None, &actor()).await.unwrap().invoice;
    let first_number = first.number.unwrap();
    assert_eq!(store.get(&number).await.unwrap().status, Status::Issued, "a partial credit leaves it issued");

    let over = store.issue(credit_note(&number, "6.91", "EUR"), PATTERN, None, &actor()).await.unwrap_err();
    assert_eq!((over.exit_code(), over.http_status()), (1, 422));
    let (path, code, message) = over.entries().remove(0);
    assert_eq!((path.as_str(), code), ("/preceding_invoice", "out_of_range"));
    assert!(message.contains("11.91") && message.contains("11.90") && message.contains("5.00"), "{message}");

    let currency = store.issue(credit_note(&number, "1.00", "USD"), PATTERN, None, &actor()).await.unwrap_err();
    assert_eq!(currency.entries()[0].0, "/currency");

    let of_credit = store.issue(credit_note(&first_number, "1.00", "EUR"), PATTERN, None, &actor()).await.unwrap_err();
    assert_eq!((of_credit.exit_code(), of_credit.http_status()), (4, 409));
    assert!(of_credit.to_string().contains("credit notes cannot be credited"), "{of_credit}");

    let missing = store.issue(credit_note("INV-2026-0999", "1.00", "EUR"), PATTERN, None, &actor()).await.unwrap_err();
    assert_eq!(missing.exit_code(), 3);

    let rest = store.issue(credit_note(&number, "6.90", "EUR"), PATTERN, None, &actor()).await.unwrap().invoice;
    let credited = store.get(&number).await.unwrap();
    assert_eq!(credited.status, Status::Credited, "credits reaching the gross credit it");
    assert_eq!(credited.credited_by, rest.number);
    assert_eq!(credited.credit_notes, vec![first_number, rest.number.unwrap()]);
    // Refused attempts left nothing behind: two credit notes and the invoice.
    assert_eq!(store.list(&ListFilter::default()).await.unwrap().len(), 3);
}

/// Issue #13: a credit note prints the credited invoice's date (BT-26), which the store
/// takes from the stored invoice in the issuing transaction, whatever the draft carried.
async fn a_credit_note_carries_the_issue_date_of_the_invoice_it_credits(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    let inv = store.issue(invoice("INV", "2026-02-27"), PATTERN, None, &actor()).await.unwrap().invoice;
    assert_eq!(inv.preceding_invoice_date, None, "an invoice credits nothing");
    let mut note = credit_note(inv.number.as_deref().unwrap(), "5.00", "EUR");
    assert_eq!(note.preceding_invoice_date, None, "a checked draft has no such date");
    note.preceding_invoice_date = Some("2020-01-01".parse().unwrap()); // the store's value wins
    let issued = store.issue(note, PATTERN, None, &actor()).await.unwrap().invoice;
    let expected = Some("2026-02-27".parse().unwrap());
    assert_eq!(issued.preceding_invoice_date, expected);
    let stored = store.get(issued.number.as_deref().unwrap()).await.unwrap();
    assert_eq!(stored.preceding_invoice_date, expected, "read back from the store");
    let mut forged = invoice("INV", "2026-03-01");
    forged.preceding_invoice_date = Some("2020-01-01".parse().unwrap());
    let plain = store.issue(forged, PATTERN, None, &actor()).await.unwrap().invoice;
    assert_eq!(store.get(plain.number.as_deref().unwrap()).await.unwrap().preceding_invoice_date, None);
}

async fn chronological_numbering_refuses_an_earlier_date_in_the_series(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    let numbering = Numbering { pattern: PATTERN, chronological: true };
    store.issue(invoice("INV", "2026-03-05"), numbering, None, &actor()).await.unwrap();
    let e = store.issue(invoice("INV", "2026-03-04"), numbering, None, &actor()).await.unwrap_err();
    let (path, code, message) = e.entries().remove(0);
    assert_eq!((path.as_str(), code), ("/issue_date", "invalid_date"));
    assert!(message.contains("INV-2026-0001"), "{message}");
    // Another series, and the same date, are fine; without the setting, so is an earlier date.
    store.issue(invoice("OTHER", "2026-03-01"), numbering, None, &actor()).await.unwrap();
    store.issue(invoice("INV", "2026-03-05"), numbering, None, &actor()).await.unwrap();
    store.issue(invoice("INV", "2026-03-04"), PATTERN, None, &actor()).await.unwrap();
}

/// PostgreSQL only (on SQLite one writer at a time takes ids in commit order): a page read
/// while a create of another series is in flight, with a later create already committed,
/// waits for it instead of ending past it — a client paging on with `after` would never
/// see that invoice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_on_postgres_never_ends_past_a_create_still_in_flight() {
    let Some((place, store)) = postgres("page_in_flight").await else { return };
    let Place::Postgres(db) = &place else { return };
    let pattern = crate::config::DEFAULT_NUMBER_PATTERN;
    store.issue(invoice("A", "2026-03-01"), pattern, None, &actor()).await.unwrap();
    // In flight in another session: series B takes the next id and is not committed.
    let mut writer = testdb::outside(|| db.client());
    let mut in_flight = testdb::outside(|| writer.transaction().unwrap());
    let document = serde_json::to_string(&invoice("B", "2026-03-01")).unwrap();
    testdb::outside(|| {
        in_flight
        .execute(
            "INSERT INTO invoices (number, seq_series, seq_year, seq, kind, status, issue_date, buyer_name, currency,
                                   gross, due, created_at, document)
             VALUES ('B-2026-0001', 'B', 2026, 1, 'invoice', 'issued', '2026-03-01', 'Buyer B', 'EUR', '11.90',
                     '11.90', '2026-03-01T00:00:00Z', $1)",
            &[&document],
        )
        .unwrap()
    });
    // Committed after it, with a higher id.
    store.issue(invoice("C", "2026-03-01"), pattern, None, &actor()).await.unwrap();
    let location = place.location();
    let page = tokio::spawn(async move {
        let filter = ListFilter { limit: Some(10), ..ListFilter::default() };
        let summaries = Store::open(&location).await.unwrap().list_summaries(&filter).await.unwrap();
        summaries.into_iter().map(|s| s.number).collect::<Vec<_>>()
    });
    // The page read waits on the lock (bounded wait for it to get there).
    let mut watcher = testdb::outside(|| db.client());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let waiting: i64 = testdb::outside(|| {
            watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
                &[],
            )
            .unwrap()
            .get(0)
        });
        assert!(!page.is_finished(), "the page was read past the create in flight");
        if waiting > 0 || std::time::Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    testdb::outside(|| in_flight.commit().unwrap());
    assert_eq!(page.await.unwrap(), ["A-2026-0001", "B-2026-0001", "C-2026-0001"]);
    // The synchronous clients close on a runtime of their own.
    testdb::outside(move || drop((writer, watcher)));
}

/// Issue #20: the front ends (the CLI and the daemon) reach the store only through
/// [`Store`]. The engines' modules are private to `store`, so naming an engine type from
/// `cli` or `server` does not compile; this checks that they do not use a database driver
/// directly either.
#[test]
fn front_ends_name_no_engine() {
    let forbidden = ["rusqlite", "tokio_postgres", "deadpool", "postgres::", "Connection::open"];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    let mut scanned = 0;
    for front in ["cli", "server"] {
        for entry in walkdir::WalkDir::new(root.join(front)) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            scanned += 1;
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (n, line) in text.lines().enumerate() {
                if let Some(word) = forbidden.iter().find(|w| line.contains(*w)) {
                    offenders.push(format!("{}:{}: {word}", entry.path().display(), n + 1));
                }
            }
        }
    }
    assert!(scanned > 20, "the front ends' sources were not found ({scanned} files)");
    assert!(offenders.is_empty(), "front ends naming an engine or a driver:\n{}", offenders.join("\n"));
}

/// An invoice to `buyer`.
fn invoice_to(buyer: &str) -> Invoice {
    let mut invoice = invoice("INV", "2026-03-01");
    invoice.buyer.name = Some(buyer.to_owned());
    invoice
}

/// Issue #21 (SPEC 15): `list --buyer` / `?buyer=` ignore case for all of Unicode, the
/// same on SQLite (whose `LIKE` folds ASCII only) and PostgreSQL.
async fn buyers_match_without_case_for_all_of_unicode(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    for buyer in ["Müller äöü GmbH", "MÜLLER ÄÖÜ AG", "Große Straße 5", "Other 100%"] {
        store.issue(invoice_to(buyer), PATTERN, None, &actor()).await.unwrap();
    }
    let buyers = async |wanted: &str, limit: Option<usize>| -> Vec<String> {
        let filter = ListFilter { buyer: Some(wanted.to_owned()), limit, ..ListFilter::default() };
        let summaries = store.list_summaries(&filter).await.unwrap().into_iter().map(|s| s.buyer);
        let invoices: Vec<String> =
            store.list(&filter).await.unwrap().into_iter().map(|i| i.buyer.name.unwrap()).collect();
        assert_eq!(summaries.collect::<Vec<_>>(), invoices, "list and summaries agree");
        invoices
    };
    let both = ["Müller äöü GmbH", "MÜLLER ÄÖÜ AG"];
    assert_eq!(buyers("äöü", None).await, both);
    assert_eq!(buyers("ÄÖÜ", None).await, both);
    assert_eq!(buyers("müller", None).await, both);
    assert_eq!(buyers("MÜLLER", Some(1)).await, both[..1]);
    assert_eq!(buyers("GROSSE STRASSE", None).await, ["Große Straße 5"]);
    assert_eq!(buyers("0%", None).await, ["Other 100%"]);
    assert_eq!(buyers("_", None).await, Vec::<String>::new());
}

/// Issue #21 (SPEC 15): a NUL (which PostgreSQL's text cannot hold) in a number or a
/// cursor names nothing: not found, never a store error (a 500).
async fn a_nul_in_a_number_or_cursor_is_not_found_never_a_store_error(open: Open, test: &str) {
    let Some((_place, store)) = open.store(test).await else { return };
    store.issue(invoice("INV", "2026-03-01"), PATTERN, None, &actor()).await.unwrap();
    let e = store.get("INV-2026-0001\0").await.unwrap_err();
    assert_eq!((e.exit_code(), e.http_status()), (3, 404), "{e}");
    let e = store.change_status("INV\0", &StatusChange::Void { reason: "x".into() }, &actor()).await.unwrap_err();
    assert_eq!(e.exit_code(), 3, "{e}");
    let filter = ListFilter { after: Some("INV-2026-0001\0".into()), limit: Some(5), ..ListFilter::default() };
    let e = store.list_summaries(&filter).await.unwrap_err();
    assert!(matches!(e, Error::UnknownCursor { .. }), "{e}");
    let filter = ListFilter { buyer: Some("B\0".into()), ..ListFilter::default() };
    assert!(store.list_summaries(&filter).await.unwrap().is_empty());
    assert!(store.key_rows(Some("k\0")).await.unwrap().is_empty());
}
