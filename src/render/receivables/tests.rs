#![allow(clippy::unwrap_used)]
use super::*;
use crate::invoice::model::Status;
use crate::invoice::{Defaults, check_bytes, parse};
use crate::receivables::reminder::{ReminderPolicy, reminder_for};
use crate::render::epc::tests::fields;
use chrono::NaiveDate;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn french_invoice() -> Invoice {
    let path = format!("{}/fixtures/valid/fr-language-facture.json", env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read(path).unwrap();
    let mut invoice =
        check_bytes(&json, parse::Options::default(), &Defaults::default(), day("2026-11-27")).unwrap().invoice;
    invoice.number = Some("FA-2026-0012".into());
    invoice.status = Status::PartiallyPaid;
    invoice.account = Some(Account {
        paid: d("100.00"),
        credited: Decimal::ZERO,
        outstanding: invoice.totals.due - d("100.00"),
        payments: Vec::new(),
        credits: Vec::new(),
    });
    invoice
}

/// Level 2 on 2027-01-20 with a 40.00 fee and 3.17 interest, and the balance it reminds of.
fn level_2(invoice: &Invoice) -> (crate::receivables::reminder::ReminderRecord, Decimal) {
    let mut policy = ReminderPolicy::default();
    policy.levels[1].fee = d("40.00");
    let balance = invoice.account.as_ref().unwrap().outstanding;
    (reminder_for(&policy, "FA-2026-0012", "EUR", 2, day("2027-01-20"), balance, d("3.17")), balance)
}

#[test]
fn a_level_2_french_reminder_names_the_invoice_fees_interest_and_asks_for_the_whole_amount() {
    let invoice = french_invoice();
    let (reminder, balance) = level_2(&invoice);
    let doc = ReminderDoc { invoice: &invoice, reminder: &reminder, earlier_fees: Decimal::ZERO, title: None };
    let asked = balance + d("43.17");
    assert_eq!(doc.asked(), asked);
    let v = crate::render::vocabulary::of(invoice.language);
    let text = reminder_text(&doc);
    let html = crate::render::tests::html_text(&reminder_html(&doc));
    let spaces = |t: &str| t.replace(['\u{202f}', '\u{a0}'], " ");
    for out in [&spaces(&text), &spaces(&html)] {
        for phrase in [
            "Deuxième relance",
            "Atelier Lefèvre SARL · 12 rue de la Paix · 75002 Paris · FR",
            "3 place Bellecour",
            "FA-2026-0012",
            "Échéance initiale",
            &v.date(invoice.due_date),
            "Paiements reçus",
            "-100,00",
            "Frais de relance",
            "40,00",
            "Intérêts de retard",
            "3,17",
            "Montant à régler",
            &v.amount(asked),
            "30/01/2027",
        ] {
            assert!(out.contains(&spaces(phrase)), "lacks {phrase:?}:\n{out}");
        }
    }
    let payload = reminder_qr_payload(&doc).unwrap();
    assert_eq!(fields(&payload)[7], format!("EUR{}", asked.normalize()));
    // The drawn code in the HTML decodes to the same payload.
    assert!(reminder_html(&doc).contains("<svg class=\"qr\""));
    let custom = ReminderDoc { title: Some("Mise en demeure de payer"), ..doc };
    assert!(reminder_text(&custom).starts_with("Mise en demeure de payer — Facture FA-2026-0012"));
}

#[test]
fn aging_outputs_hold_every_bucket_and_total() {
    use crate::receivables::aging::{Open, aging};
    let invoices = [
        Open {
            buyer: "Globex, Ltd",
            customer: Some("globex"),
            currency: "EUR",
            due_date: day("2026-12-20"),
            outstanding: d("988.43"),
        },
        Open { buyer: "=cmd", customer: None, currency: "EUR", due_date: day("2026-08-01"), outstanding: d("50.00") },
    ];
    let report = aging(invoices, day("2026-12-31"), |c| money::minor_units(c).unwrap());
    let csv = aging_csv(&report);
    assert_eq!(
        csv,
        "customer,buyer,currency,not_yet_due,1_30,31_60,61_90,over_90,total\n\
         ,\"'=cmd\",EUR,0.00,0.00,0.00,0.00,50.00,50.00\n\
         globex,\"Globex, Ltd\",EUR,0.00,988.43,0.00,0.00,0.00,988.43\n\
         ,,EUR,0.00,988.43,0.00,0.00,50.00,1038.43\n"
    );
    let table = aging_table(&report);
    assert!(table.lines().last().unwrap().starts_with("TOTAL"), "{table}");
    assert!(table.contains("1038.43"));
    assert!(table.starts_with("CUSTOMER  BUYER"), "{table}");
    assert!(table.lines().any(|l| l.starts_with("globex    Globex, Ltd")), "{table}");
    let html = aging_html(&report);
    assert!(html.contains("<svg viewBox") && html.contains("1,038.43"), "{html}");
    assert!(html.contains("<tr><td>globex</td><td>Globex, Ltd</td>"), "{html}");
}

#[test]
fn the_reminder_pdf_says_what_the_text_says_and_carries_the_qr_code_of_the_whole_amount() {
    let invoice = french_invoice();
    let (reminder, _) = level_2(&invoice);
    let doc = ReminderDoc { invoice: &invoice, reminder: &reminder, earlier_fees: Decimal::ZERO, title: None };
    let pdf = reminder_pdf(&doc, crate::render::Paper::A4).unwrap();
    let pages = crate::render::pdf::tests::page_texts(&pdf);
    let text = crate::render::pdf::tests::squashed(&pages.join("\n")).replace(['\u{202f}', '\u{a0}'], " ");
    let v = crate::render::vocabulary::of(invoice.language);
    for phrase in [
        "Deuxième relance — Facture FA-2026-0012",
        "12 rue de la Paix",
        "75002 Paris",
        "3 place Bellecour",
        "Échéance initiale",
        "Paiements reçus",
        "Frais de relance",
        "Intérêts de retard",
        "Montant à régler",
        "30/01/2027",
    ] {
        assert!(text.contains(phrase), "lacks {phrase:?}:\n{text}");
    }
    assert!(
        text.contains(&crate::render::pdf::tests::squashed(
            &v.amount(doc.asked()).replace(['\u{202f}', '\u{a0}'], " ")
        ))
    );
    // The QR code the PDF draws is the one whose payload asks for the whole amount.
    let matrix = crate::render::epc::code(&doc.payable_for_qr()).unwrap();
    let decoded = crate::render::epc::tests::decode(matrix.size, |x, y| matrix.is_dark(x, y));
    assert_eq!(fields(&decoded)[7], format!("EUR{}", doc.asked().normalize()));
    // A paid reminder target (nothing asked) draws none: the PDF is smaller without it.
    let mut no_iban = invoice.clone();
    no_iban.payment = None;
    let plain = ReminderDoc { invoice: &no_iban, ..doc };
    assert!(reminder_pdf(&plain, crate::render::Paper::A4).unwrap().len() < pdf.len());
}

#[test]
fn statements_in_html_and_pdf_list_every_entry_with_the_running_balance() {
    use crate::receivables::statement::{Entry, statements};
    let entry = |date: &str, kind, reference: &str, amount: &str| Entry {
        date: day(date),
        kind,
        reference: reference.into(),
        invoice: "FA-2026-0012".into(),
        currency: "EUR".into(),
        amount: d(amount),
    };
    let entries = vec![
        entry("2026-11-27", Kind::Invoice, "FA-2026-0012", "1488.43"),
        entry("2026-12-10", Kind::Payment, "PAY-000001", "-400.00"),
        entry("2027-01-20", Kind::Reminder, "FA-2026-0012/2", "43.17"),
    ];
    let s = statements("Globex <SA>", entries, None, None, |_| 2);
    let v = crate::render::vocabulary::of(crate::invoice::model::Language::Fr);
    let html = statement_html(&s, v, "Acme SARL");
    assert!(html.contains("Globex &lt;SA&gt;") && !html.contains("<SA>"), "{html}");
    let shown = crate::render::tests::html_text(&html).replace(['\u{202f}', '\u{a0}'], " ");
    for phrase in ["Relevé de compte", "Solde d'ouverture", "PAY-000001", "1 088,43", "1 131,60", "Solde de clôture"]
    {
        assert!(shown.contains(phrase), "lacks {phrase:?}:\n{shown}");
    }
    let invoice = french_invoice();
    let pdf = statement_pdf(&s, &invoice, crate::render::Paper::A4).unwrap();
    let text = crate::render::pdf::tests::squashed(&crate::render::pdf::tests::page_texts(&pdf).join("\n"))
        .replace(['\u{202f}', '\u{a0}'], " ");
    for phrase in ["PAY-000001", "1 088,43", "1 131,60", "FA-2026-0012/2"] {
        assert!(text.contains(phrase), "lacks {phrase:?}:\n{text}");
    }
}
