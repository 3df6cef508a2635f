//! Reminders, statements and credit notes against a balance on both engines (SPEC 12.1,
//! 12.3, 12.5, 12.6), through the one [`Store`] interface and the shared workflows.

#![allow(clippy::unwrap_used)]

use super::super::Store;
use super::super::testdb;
use super::*;
use crate::invoice::parse::Options;
use crate::invoice::{Defaults, check_bytes};
use crate::ops::{CreditScope, Party};
use crate::receivables::payment::PaymentRequest;
use crate::receivables::reminder::{Level, ReminderPolicy};
use crate::receivables::statement::Kind;
use crate::store::{Actor, CustomerWrite, Numbering};
use rust_decimal::Decimal;
use std::str::FromStr;

const PATTERN: &str = crate::config::DEFAULT_NUMBER_PATTERN;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn actor() -> Actor {
    Actor::cli("tester")
}

/// 1,000.00 at 19 % and 50.00 at 7 %: 1,243.50 gross, issued 2026-10-01, due 2026-10-15,
/// payable by credit transfer to an IBAN in EUR; `extra` adds draft members.
fn invoice(extra: &str) -> Invoice {
    let json = format!(
        r#"{{"issue_date":"2026-10-01","due_date":"2026-10-15","currency":"EUR","language":"fr",{extra}
        "seller":{{"name":"Acme SARL"}},"buyer":{{"name":"Globex Ltd"}},
        "payment":{{"means":"credit_transfer","iban":"DE89370400440532013000"}},
        "lines":[{{"description":"Work","quantity":10,"unit_price":"100.00","tax_rate":19}},
                 {{"description":"Book","quantity":1,"unit_price":"50.00","tax_rate":7}}]}}"#
    );
    check_bytes(json.as_bytes(), Options::default(), &Defaults::default(), day("2026-10-01")).unwrap().invoice
}

async fn issue(store: &Store, invoice: Invoice) -> String {
    store.issue(invoice, PATTERN, None, &actor()).await.unwrap().invoice.number.unwrap()
}

async fn pay(store: &Store, number: &str, amount: &str, date: &str) {
    let request = PaymentRequest { amount: Some(d(amount)), date: Some(day(date)), ..PaymentRequest::default() };
    crate::ops::record_payment(
        store,
        number,
        request,
        day(date),
        None,
        &actor(),
        crate::store::payments::Answer::Account,
    )
    .await
    .unwrap();
}

async fn credit(store: &Store, number: &str, scope: CreditScope, today: &str) -> Result<Invoice> {
    let numbering = Numbering { pattern: PATTERN, chronological: false };
    crate::ops::credit(store, number, &scope, None, &Defaults::default(), numbering, day(today), &actor())
        .await
        .map(|c| c.invoice)
}

/// Levels 7 days free, 21 days 5.00, 35 days 10.00; 8 % interest; 10 days to pay.
fn policy() -> ReminderPolicy {
    let level = |after_days, fee: &str| Level { after_days, fee: d(fee), title: None };
    ReminderPolicy {
        levels: vec![level(7, "0"), level(21, "5.00"), level(35, "10.00")],
        interest_rate: Some(d("8")),
        pay_within_days: 10,
    }
}

async fn run(store: &Store, as_of: &str, dry_run: bool) -> crate::ops::ReminderRun {
    crate::ops::remind(store, &[], day(as_of), dry_run, &policy(), &actor(), |_| Ok(())).await.unwrap()
}

fn levels(run: &crate::ops::ReminderRun) -> Vec<(String, u32)> {
    run.reminders.iter().map(|r| (r.record.invoice.clone(), r.record.level)).collect()
}

async fn reminders_follow_levels_once_each_and_stop_when_paid(postgres: bool) {
    let Some((_place, store)) = testdb::store(postgres, "reminder_levels").await else { return };
    let open_one = issue(&store, invoice("")).await;
    let paid = issue(&store, invoice("")).await;
    let voided = issue(&store, invoice("")).await;
    let part_credited = issue(&store, invoice("")).await;
    pay(&store, &paid, "1243.50", "2026-10-10").await;
    crate::ops::void(&store, &voided, "typo", &actor()).await.unwrap();
    let note = credit(&store, &part_credited, CreditScope::Amount(d("100.00")), "2026-10-02").await.unwrap();
    // Before the first level: nothing, and nothing stored.
    assert!(run(&store, "2026-10-21", false).await.reminders.is_empty());
    // A dry run says what would be issued and stores nothing.
    let dry = run(&store, "2026-10-22", true).await;
    assert_eq!(dry.reminders.len(), 2, "{:?}", levels(&dry));
    assert!(dry.reminders.iter().all(|r| r.outcome == "would_issue"));
    assert!(store.reminders(None).await.unwrap().is_empty());
    // Level 1 for the two open invoices; never for paid, void, credit notes.
    let first = run(&store, "2026-10-22", false).await;
    assert_eq!(levels(&first), [(open_one.clone(), 1), (part_credited.clone(), 1)]);
    let r = &first.reminders[0];
    assert_eq!((r.record.fee, r.record.balance, r.record.pay_by), (d("0.00"), d("1243.50"), day("2026-11-01")));
    // 1,243.50 × 8 % × 7 / 365 = 1.91
    assert_eq!(r.record.interest, d("1.91"));
    assert_eq!(r.amount_asked, d("1245.41"));
    assert_eq!(r.title, "Relance");
    assert_eq!(first.reminders[1].record.balance, d("1143.50"), "the credit note lowers the balance");
    let named = crate::ops::remind(
        &store,
        &[paid.clone(), voided.clone(), note.number.clone().unwrap()],
        day("2026-10-22"),
        false,
        &policy(),
        &actor(),
        |_| Ok(()),
    )
    .await
    .unwrap();
    assert!(named.reminders.is_empty());
    let reasons: Vec<&str> = named.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(reasons[0].contains("it is paid"), "{reasons:?}");
    assert!(reasons[1].contains("it is void"), "{reasons:?}");
    assert!(reasons[2].contains("credit note"), "{reasons:?}");
    // A second run the same day issues nothing and says so.
    let again = run(&store, "2026-10-22", false).await;
    assert!(again.reminders.is_empty());
    assert!(again.skipped.iter().all(|s| s.reason.contains("issued today already")), "{:?}", again.skipped);
    // Level 2 after 21 days and once the pay-by date passed; a payment after level 1
    // stops level 2 for that invoice (10 more days from the payment).
    pay(&store, &part_credited, "100.00", "2026-11-03").await;
    let second = run(&store, "2026-11-06", false).await;
    assert_eq!(levels(&second), [(open_one.clone(), 2)]);
    assert_eq!(second.reminders[0].record.fee, d("5.00"));
    let third = run(&store, "2026-11-25", false).await;
    assert_eq!(levels(&third), [(open_one.clone(), 3), (part_credited.clone(), 2)]);
    assert_eq!(third.reminders[0].earlier_fees, d("5.00"));
    assert_eq!(
        third.reminders[0].amount_asked,
        third.reminders[0].record.balance + d("15.00") + third.reminders[0].record.interest
    );
    // Paid in full: no further level.
    pay(&store, &part_credited, "1043.50", "2026-11-26").await;
    assert!(run(&store, "2027-01-30", false).await.reminders.iter().all(|r| r.record.invoice != part_credited));
    // Stored, listed per invoice, audited.
    let rows = crate::ops::reminders_of(&store, &open_one).await.unwrap();
    assert_eq!(rows.iter().map(|r| r.level).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(rows[2].actor, "cli:tester");
    let audit = store.audit_log(None).await.unwrap();
    assert_eq!(audit.iter().filter(|a| a.action == "remind").count(), 5);
    assert_eq!(crate::ops::reminders_of(&store, "INV-2026-9999").await.unwrap_err().exit_code(), 3);
    // A level written twice is refused by the key and reported as already issued.
    assert!(!store.record_reminder(&rows[0], &actor()).await.unwrap());
}

/// Two runs at once (on PostgreSQL through two connections, as two hosts) issue each
/// level once.
async fn two_runs_at_once_issue_each_level_once(postgres: bool) {
    let Some((place, store)) = testdb::store(postgres, "reminder_race").await else { return };
    for _ in 0..5 {
        issue(&store, invoice("")).await;
    }
    let mut tasks = Vec::new();
    for _ in 0..2 {
        let store = if postgres { Store::open(&place.location()).await.unwrap() } else { store.clone() };
        tasks.push(tokio::spawn(async move { run(&store, "2026-10-22", false).await }));
    }
    let mut issued = Vec::new();
    for task in tasks {
        issued.extend(levels(&task.await.unwrap()));
    }
    issued.sort();
    assert_eq!(issued.len(), 5, "{issued:?}");
    issued.dedup();
    assert_eq!(issued.len(), 5);
    assert_eq!(store.reminders(None).await.unwrap().len(), 5);
}

async fn credit_notes_re_derive_the_invoice_status(postgres: bool) {
    let Some((_place, store)) = testdb::store(postgres, "credit_status").await else { return };
    // Partly paid, then credited for the rest: paid.
    let a = issue(&store, invoice("")).await;
    pay(&store, &a, "1000.00", "2026-10-05").await;
    let note = credit(&store, &a, CreditScope::Amount(d("243.50")), "2026-10-06").await.unwrap();
    assert_eq!(note.totals.gross, d("243.50"));
    let shown = store.get_with_account(&a).await.unwrap();
    assert_eq!((shown.status, shown.account.as_ref().unwrap().outstanding), (Status::Paid, d("0.00")));
    assert_eq!(shown.paid_date, Some(day("2026-10-06")));
    // Paid in full, then credited in full: credited, a refund due.
    let b = issue(&store, invoice("")).await;
    pay(&store, &b, "1243.50", "2026-10-05").await;
    let note = credit(&store, &b, CreditScope::Rest, "2026-10-07").await.unwrap();
    let shown = store.get_with_account(&b).await.unwrap();
    assert_eq!(shown.status, Status::Credited);
    assert_eq!(shown.credited_by, note.number);
    assert_eq!(shown.account.unwrap().outstanding, d("-1243.50"));
    // Partly credited, nothing paid: stays issued; the rest credits what is left.
    let c = issue(&store, invoice("")).await;
    credit(&store, &c, CreditScope::Lines(vec![2]), "2026-10-03").await.unwrap();
    let shown = store.get_with_account(&c).await.unwrap();
    assert_eq!((shown.status, shown.account.unwrap().outstanding), (Status::Issued, d("1190.00")));
    let rest = credit(&store, &c, CreditScope::Rest, "2026-10-04").await.unwrap();
    assert_eq!(rest.totals.gross, d("1190.00"));
    assert_eq!(store.get(&c).await.unwrap().status, Status::Credited);
    let e = credit(&store, &c, CreditScope::Rest, "2026-10-05").await.unwrap_err();
    assert_eq!(e.exit_code(), 4, "{e}");
}

async fn credits_by_amount_spread_over_vat_groups_exactly(postgres: bool) {
    let Some((_place, store)) = testdb::store(postgres, "credit_amount").await else { return };
    let a = issue(&store, invoice("")).await;
    let note = credit(&store, &a, CreditScope::Amount(d("327.25")), "2026-10-03").await.unwrap();
    assert_eq!(note.totals.gross, d("327.25"));
    let groups: Vec<(Decimal, Decimal)> = note.totals.tax.iter().map(|g| (g.rate, g.base + g.amount)).collect();
    assert_eq!(groups.len(), 2);
    // In proportion to the groups' gross (1,190.00 and 53.50 of 1,243.50).
    assert_eq!(groups.iter().map(|g| g.1).sum::<Decimal>(), d("327.25"));
    // Each within a cent of its exact share.
    for (rate, gross) in &groups {
        let weight = if *rate == d("19") { d("1190.00") } else { d("53.50") };
        assert!((*gross - d("327.25") * weight / d("1243.50")).abs() < d("0.01"), "{groups:?}");
    }
    // Too much, too many decimals, lines that are not there: refused, nothing issued.
    let e = credit(&store, &a, CreditScope::Amount(d("916.26")), "2026-10-03").await.unwrap_err();
    assert_eq!((e.entries()[0].0.as_str(), e.entries()[0].1), ("/amount", "out_of_range"));
    assert!(e.entries()[0].2.contains("916.25 EUR"), "{:?}", e.entries());
    let e = credit(&store, &a, CreditScope::Amount(d("1.001")), "2026-10-03").await.unwrap_err();
    assert_eq!(e.entries()[0].0, "/amount");
    let e = credit(&store, &a, CreditScope::Lines(vec![3]), "2026-10-03").await.unwrap_err();
    assert_eq!((e.entries()[0].0.as_str(), e.entries()[0].1), ("/lines", "out_of_range"));
    // Whole lines: line 1 (1,190.00) is more than is left; line 2 is not.
    let e = credit(&store, &a, CreditScope::Lines(vec![1]), "2026-10-03").await.unwrap_err();
    assert_eq!(e.entries()[0].1, "out_of_range");
    let by_lines = credit(&store, &a, CreditScope::Lines(vec![2]), "2026-10-03").await.unwrap();
    assert_eq!(by_lines.totals.gross, d("53.50"));
    assert_eq!(by_lines.lines[0].description, "Book");
}

async fn statements_by_buyer_and_customer(postgres: bool) {
    let Some((_place, store)) = testdb::store(postgres, "statements").await else { return };
    let customer: crate::invoice::customer::Customer =
        serde_json::from_str(r#"{"id":"globex","buyer":{"name":"Globex Ltd"}}"#).unwrap();
    store.write_customer(CustomerWrite::Insert(customer), &actor()).await.unwrap();
    let a = issue(&store, invoice(r#""customer":"globex","#)).await;
    let b = issue(&store, invoice("")).await;
    let mut other = invoice("");
    other.buyer.name = Some("Globex Ltd Two".into());
    issue(&store, other).await;
    pay(&store, &a, "243.50", "2026-10-20").await;
    credit(&store, &b, CreditScope::Amount(d("43.50")), "2026-10-25").await.unwrap();
    crate::ops::remind(&store, std::slice::from_ref(&a), day("2026-11-06"), false, &policy(), &actor(), |_| Ok(()))
        .await
        .unwrap();
    let all = crate::ops::statement(&store, &Party::Buyer("globex ltd".into()), None, None).await.unwrap();
    assert_eq!(all.statements.len(), 1);
    let s = &all.statements[0];
    let kinds: Vec<Kind> = s.lines.iter().map(|l| l.entry.kind).collect();
    assert_eq!(kinds, [Kind::Invoice, Kind::Invoice, Kind::Payment, Kind::CreditNote, Kind::Reminder]);
    // 2 × 1,243.50 − 243.50 − 43.50 + interest on A (1,243.50 for 21 days, then 1,000.00).
    let interest = s.lines[4].entry.amount;
    assert_eq!(s.closing, d("2200.00") + interest);
    assert!(interest > Decimal::ZERO);
    assert_eq!(s.opening + s.lines.iter().map(|l| l.entry.amount).sum::<Decimal>(), s.closing);
    // From a date: what came before is the opening balance.
    let later =
        crate::ops::statement(&store, &Party::Buyer("Globex Ltd".into()), Some(day("2026-10-21")), None).await.unwrap();
    assert_eq!(later.statements[0].opening, d("2243.50"));
    assert_eq!(later.statements[0].lines.len(), 2);
    // By customer: only the invoice created from the customer record.
    let by_customer = crate::ops::statement(&store, &Party::Customer("globex".into()), None, None).await.unwrap();
    let refs: Vec<&str> = by_customer.statements[0].lines.iter().map(|l| l.entry.reference.as_str()).collect();
    assert_eq!(refs[0], a);
    assert!(!refs.contains(&b.as_str()));
    for unknown in [Party::Buyer("Nobody".into()), Party::Customer("nobody".into())] {
        assert_eq!(crate::ops::statement(&store, &unknown, None, None).await.unwrap_err().exit_code(), 3);
    }
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
              async fn $name() { super::$name(false).await })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
              async fn $name() { super::$name(true).await })*
        }
    };
}

on_both!(
    reminders_follow_levels_once_each_and_stop_when_paid,
    two_runs_at_once_issue_each_level_once,
    credit_notes_re_derive_the_invoice_status,
    credits_by_amount_spread_over_vat_groups_exactly,
    statements_by_buyer_and_customer,
);

#[test]
fn a_credit_note_settling_the_rest_makes_the_invoice_paid_on_its_date() {
    let mut original = invoice("");
    original.number = Some("INV-1".into());
    original.status = Status::PartiallyPaid;
    let payment = crate::receivables::PaymentRecord {
        id: "PAY-1".into(),
        invoice: "INV-1".into(),
        date: day("2026-10-05"),
        amount: d("1000.00"),
        currency: "EUR".into(),
        method: None,
        reference: None,
        reverses: None,
        reason: None,
        created_at: String::new(),
        actor: String::new(),
        request_id: None,
    };
    let change =
        after_credit(&original, std::slice::from_ref(&payment), &[], d("243.50"), day("2026-10-09")).unwrap().unwrap();
    assert_eq!(change, Credited { status: Status::Paid, paid_date: Some("2026-10-09".into()) });
    assert_eq!(after_credit(&original, &[payment], &[], d("43.50"), day("2026-10-09")).unwrap(), None);
}
