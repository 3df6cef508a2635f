//! What each output says about the balance (SPEC 12.4), read back: text, HTML (through
//! an HTML parser) and PDF (through a text extractor) say the same words and amounts, the
//! EPC QR code decodes to the balance, and e-invoices stay the invoice as issued.

#![allow(clippy::unwrap_used)]

use super::account::as_issued;
use super::{Account, CreditEntry, PaymentRecord};
use crate::invoice::model::Status;
use crate::invoice::{Defaults, Invoice, check_bytes, parse};
use crate::render::epc::tests::{decode, fields};
use crate::render::tests::three_ways;
use crate::render::{Format, Paper, render};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn fixture(name: &str, number: &str) -> Invoice {
    let path = format!("{}/fixtures/valid/{name}", env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read(path).unwrap();
    let today = day("2026-11-27");
    let mut invoice = check_bytes(&json, parse::Options::default(), &Defaults::default(), today).unwrap().invoice;
    invoice.number = Some(number.into());
    invoice.status = Status::Issued;
    invoice
}

fn payment(id: &str, date: &str, amount: &str, method: Option<&str>, reverses: Option<&str>) -> PaymentRecord {
    PaymentRecord {
        id: id.into(),
        invoice: "RE-2026-0042".into(),
        date: day(date),
        amount: d(amount),
        currency: "EUR".into(),
        method: method.map(Into::into),
        reference: None,
        reverses: reverses.map(Into::into),
        reason: None,
        created_at: "2026-12-01T10:00:00Z".into(),
        actor: "cli:ana".into(),
        request_id: None,
    }
}

/// The invoice with payments and credit notes recorded, its status and balance as the
/// store derives them.
fn with_account(mut invoice: Invoice, payments: Vec<PaymentRecord>, credits: Vec<CreditEntry>) -> Invoice {
    let t = &invoice.totals;
    let balance =
        super::Balance::compute(t.gross, t.due, payments.iter().map(|p| p.amount), credits.iter().map(|c| c.gross))
            .unwrap();
    invoice.status = super::derive_status(invoice.kind, false, &balance);
    let account =
        Account { paid: balance.paid, credited: balance.credited, outstanding: balance.outstanding, payments, credits };
    if invoice.status == Status::Paid {
        invoice.paid_date = account.settled_on();
    }
    invoice.account = Some(account);
    invoice
}

fn qr_amount(invoice: &Invoice) -> Option<String> {
    let matrix = crate::render::epc::code(invoice)?;
    let decoded = decode(matrix.size, |x, y| matrix.is_dark(x, y));
    Some(fields(&decoded)[7].to_owned())
}

fn says(invoice: &Invoice, said: &[&str], unsaid: &[&str]) {
    // The text format writes the closing line in capitals: compare in lower case.
    for (format, text) in three_ways(invoice) {
        let mut text = text.to_lowercase();
        if format == "PDF" {
            // A long label wraps after a hyphen beside its amount ("SEPA-" / "Überweisung").
            text = text.replace("- ", "-");
        }
        for phrase in said {
            assert!(text.contains(&phrase.to_lowercase()), "{format} lacks {phrase:?}:\n{text}");
        }
        for phrase in unsaid {
            assert!(!text.contains(&phrase.to_lowercase()), "{format} says {phrase:?}:\n{text}");
        }
    }
}

#[test]
fn a_partly_paid_and_partly_credited_german_invoice_shows_payments_credits_and_the_balance() {
    let invoice = fixture("de-language-rechnung.json", "RE-2026-0042");
    let due = invoice.totals.due;
    let invoice = with_account(
        invoice,
        vec![payment("PAY-1", "2026-11-30", "400.00", Some("sepa_credit_transfer"), None)],
        vec![CreditEntry { number: "GS-2026-0001".into(), date: day("2026-12-02"), gross: d("100.00") }],
    );
    let outstanding = due - d("500.00");
    assert_eq!(invoice.status, Status::PartiallyPaid);
    let v = crate::render::vocabulary::of(invoice.language);
    says(
        &invoice,
        &[
            "Zahlungen und Gutschriften",
            "Zahlungseingang 30.11.2026 · SEPA-Überweisung",
            "-400,00",
            "Gutschrift GS-2026-0001 vom 02.12.2026",
            "-100,00",
            "Offener Betrag",
            &v.amount(outstanding),
            "Bitte zahlen bis",
        ],
        &["Zahlbetrag"],
    );
    // The QR code asks for the balance, not the amount due at issue.
    assert_eq!(qr_amount(&invoice), Some("EUR2494.20".to_owned()));
    assert_eq!(outstanding, d("2494.20"));
}

#[test]
fn a_reversed_payment_is_listed_and_the_balance_is_owed_again() {
    let invoice = fixture("spec-example.json", "INV-2026-0001");
    let due = invoice.totals.due;
    let invoice = with_account(
        invoice,
        vec![
            payment("PAY-1", "2026-11-30", "100.00", Some("PayPal"), None),
            payment("PAY-2", "2026-12-02", "-100.00", None, Some("PAY-1")),
        ],
        vec![],
    );
    assert_eq!(invoice.status, Status::Issued);
    says(
        &invoice,
        &["Payment received 2026-11-30 · PayPal", "Payment reversed 2026-12-02", "Balance due"],
        &["Paid in full"],
    );
    assert_eq!(qr_amount(&invoice), Some(format!("EUR{}", due.normalize())));
}

#[test]
fn a_fully_prepaid_invoice_says_paid_in_full_and_asks_for_nothing() {
    let mut invoice = fixture("de-language-rechnung.json", "RE-2026-0043");
    let prepaid = invoice.totals.gross;
    invoice.totals.prepaid = prepaid;
    invoice.totals.due = d("0.00");
    // As the store issues it: paid from the start, without any payment row.
    let invoice = with_account(invoice, vec![], vec![]);
    assert_eq!(invoice.status, Status::Paid);
    says(
        &invoice,
        &["Vollständig bezahlt am 27.11.2026"],
        &["Bitte zahlen bis", "Zahlbetrag", "Zum Bezahlen scannen", "DE89 3704"],
    );
    assert_eq!(qr_amount(&invoice), None);
    // Even an old store's `issued` status does not make it ask for 0.00.
    let mut old = invoice.clone();
    old.status = Status::Issued;
    old.account = None;
    says(&old, &["Vollständig bezahlt am 27.11.2026"], &["Bitte zahlen bis", "Zum Bezahlen scannen"]);
    assert_eq!(qr_amount(&old), None);
}

#[test]
fn a_credit_after_payment_in_full_makes_a_refund_due_in_every_language() {
    for (name, refund, amount) in [
        ("spec-example.json", "Refund due", "-327.25"),
        ("de-language-rechnung.json", "Erstattung fällig", "-327,25"),
        ("fr-language-facture.json", "Remboursement dû", "-327,25"),
    ] {
        let invoice = fixture(name, "INV-2026-0007");
        let due = invoice.totals.due.to_string();
        let invoice = with_account(
            invoice,
            vec![payment("PAY-1", "2026-11-30", &due, Some("credit_transfer"), None)],
            vec![CreditEntry { number: "CN-2026-0001".into(), date: day("2026-12-03"), gross: d("327.25") }],
        );
        assert_eq!(invoice.status, Status::Paid, "{name}");
        let v = crate::render::vocabulary::of(invoice.language);
        says(&invoice, &[refund, amount], &[v.labels.pay_by, v.labels.scan_to_pay]);
        assert_eq!(qr_amount(&invoice), None, "{name}");
    }
}

#[test]
fn e_invoices_are_the_invoice_as_issued_byte_for_byte() {
    let issued = fixture("de-language-rechnung.json", "RE-2026-0042");
    let later = with_account(
        issued.clone(),
        vec![payment("PAY-1", "2026-11-30", "400.00", Some("sepa_credit_transfer"), None)],
        vec![CreditEntry { number: "GS-2026-0001".into(), date: day("2026-12-02"), gross: d("100.00") }],
    );
    let mut paid = with_account(
        issued.clone(),
        vec![payment("PAY-1", "2026-11-30", &issued.totals.due.to_string(), None, None)],
        vec![],
    );
    paid.credit_notes = vec!["GS-2026-0001".into()];
    for format in [Format::Ubl, Format::Cii, Format::Facturx] {
        let before = render(&issued, format, Paper::A4).unwrap();
        assert_eq!(render(&later, format, Paper::A4).unwrap(), before, "{format:?} after a payment and a credit");
        assert_eq!(render(&paid, format, Paper::A4).unwrap(), before, "{format:?} once paid");
    }
    let xml = String::from_utf8(render(&later, Format::Cii, Paper::A4).unwrap()).unwrap();
    assert!(
        xml.contains(&format!("<ram:DuePayableAmount>{}</ram:DuePayableAmount>", issued.totals.due)),
        "BT-115 at issue"
    );
}

#[test]
fn a_void_invoice_is_refused_as_an_e_invoice() {
    let mut void = fixture("spec-example.json", "INV-2026-0009");
    void.status = Status::Void;
    for format in [Format::Ubl, Format::Cii, Format::Facturx] {
        let e = render(&void, format, Paper::A4).unwrap_err();
        assert_eq!((e.exit_code(), e.http_status()), (4, 409), "{format:?}");
        assert_eq!(e.to_string(), "INV-2026-0009 is void; void invoices are not sent as e-invoices");
    }
    assert!(render(&void, Format::Pdf, Paper::A4).is_ok(), "the printed document still says VOID");
    assert!(as_issued(&void).is_err());
}
