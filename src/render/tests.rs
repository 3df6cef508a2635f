//! Cross-format tests: one invoice rendered as text, HTML and PDF, each read back (the
//! HTML through an HTML parser, the PDF through a PDF text extractor), must use the
//! same words and the same numbers for the same things.

use chrono::NaiveDate;

use super::pdf::tests::{page_texts, squashed};
use super::vocabulary::{self, Vocabulary};
use super::{Format, Paper, render};
use crate::invoice::model::{DocumentType, Language, Status, TaxCategory};
use crate::invoice::{Defaults, Invoice, check_bytes, parse};

/// The spec example, issued as INV-2026-0001 (shared with the EPC tests).
pub(crate) fn spec_example() -> Invoice {
    let json = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/valid/spec-example.json")).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut invoice = check_bytes(&json, parse::Options::default(), &Defaults::default(), today).unwrap().invoice;
    invoice.number = Some("INV-2026-0001".into());
    invoice.status = Status::Issued;
    invoice
}

/// The three documents as whitespace-squashed text: (text, HTML, PDF).
pub(crate) fn three_ways(invoice: &Invoice) -> [(&'static str, String); 3] {
    let text = String::from_utf8(render(invoice, Format::Text, Paper::A4).unwrap()).unwrap();
    let html = String::from_utf8(render(invoice, Format::Html, Paper::A4).unwrap()).unwrap();
    let pdf = render(invoice, Format::Pdf, Paper::A4).unwrap();
    [("text", squashed(&text)), ("HTML", html_text(&html)), ("PDF", squashed(&page_texts(&pdf).join("\n")))]
}

/// The visible text of an HTML document's body, text nodes separated by spaces.
pub(crate) fn html_text(html: &str) -> String {
    let document = scraper::Html::parse_document(html);
    let body = scraper::Selector::parse("body").unwrap();
    let nodes: Vec<String> =
        document.select(&body).flat_map(|b| b.text().map(str::to_owned).collect::<Vec<_>>()).collect();
    squashed(&nodes.join(" "))
}

/// Labels and values every format must show for the spec example.
fn shared_words(v: &Vocabulary, invoice: &Invoice) -> Vec<String> {
    let l = &v.labels;
    let t = &invoice.totals;
    let mut words: Vec<String> = [
        l.issue_date,
        l.due_date,
        l.buyer_reference,
        l.order_reference,
        l.vat_id,
        l.tax_id,
        l.email,
        l.phone,
        l.description,
        l.quantity,
        l.unit,
        l.unit_price,
        l.vat,
        l.net,
        l.allowance,
        l.charge,
        l.vat_breakdown,
        l.rate,
        l.taxable_amount,
        l.lines_net,
        l.allowances,
        l.charges,
        l.net_total,
        l.total,
        l.prepaid,
        l.amount_due,
        l.pay_by,
        l.payment,
        l.payment_means,
        l.iban,
        l.bic,
        l.terms,
        l.reference,
        l.notes,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    words.extend([TaxCategory::S, TaxCategory::Z].map(|c| v.category(c)));
    words.extend([t.lines_net, t.net, t.tax_total, t.gross, t.due].map(|a| v.amount(a)));
    words.extend([v.negated(t.allowances), v.negated(t.prepaid), v.amount(t.charges)]);
    words.extend(invoice.lines.iter().map(|line| v.amount(line.net)));
    words.extend(invoice.lines.iter().map(|line| v.price(line.unit_price, 2)));
    words.extend(invoice.totals.tax.iter().flat_map(|g| [v.amount(g.base), v.amount(g.amount), v.percent(g.rate)]));
    // Numbered lines in every format.
    words.extend(invoice.lines.iter().enumerate().map(|(i, line)| format!("{} {}", i + 1, line.description)));
    words.push(v.date(invoice.issue_date));
    words.push(v.date(invoice.due_date));
    words.push(vocabulary::group_iban("DE89370400440532013000"));
    words.push(v.unit("HUR").to_owned());
    words.push(v.means(crate::invoice::model::PaymentMeans::CreditTransfer).to_owned());
    words
}

#[test]
fn text_html_and_pdf_use_the_same_words_and_numbers() {
    let invoice = spec_example();
    let v = vocabulary::for_invoice(&invoice);
    let documents = three_ways(&invoice);
    for word in shared_words(v, &invoice) {
        for (format, text) in &documents {
            // Case aside (text and PDF print some titles in capitals, HTML styles them so).
            assert!(text.to_lowercase().contains(&word.to_lowercase()), "{format} lacks {word:?}:\n{text}");
        }
    }
    // The title: upper case in text and PDF, styled upper case in HTML.
    for (format, text) in &documents {
        let title = v.title(DocumentType::Invoice);
        assert!(text.to_lowercase().contains(&title.to_lowercase()), "{format} lacks the title");
        // The old, diverging wordings are gone everywhere.
        for stale in ["E Exempt", "S Standard", "Less prepaid", "Payable 1388.43", "1388.43"] {
            assert!(!text.contains(stale), "{format} still says {stale:?}");
        }
    }
}

/// Asserts that every document of `invoice` says each of `said` and none of `unsaid`.
fn says(invoice: &Invoice, said: &[&str], unsaid: &[&str]) {
    for (format, text) in three_ways(invoice) {
        let lower = text.to_lowercase();
        // The documents were squashed (no-break spaces became spaces): so are the words.
        for word in said {
            assert!(lower.contains(&squashed(word).to_lowercase()), "{format} lacks {word:?}:\n{text}");
        }
        for word in unsaid {
            assert!(!lower.contains(&squashed(word).to_lowercase()), "{format} says {word:?}:\n{text}");
        }
    }
}

#[test]
fn paid_void_and_credit_documents_never_ask_to_be_paid() {
    let request = ["Amount due", "Please pay by", "IBAN", "DE89 3704", "Payable within 30 days"];

    let mut paid = spec_example();
    paid.status = Status::Paid;
    paid.paid_date = NaiveDate::from_ymd_opt(2026, 12, 1);
    says(&paid, &["Paid on 2026-12-01", "1,388.43"], &request);

    let mut void = spec_example();
    void.status = Status::Void;
    void.void_reason = Some("Issued twice".into());
    says(&void, &["Void — Not payable", "Issued twice"], &request);

    let mut credit = spec_example();
    credit.kind = DocumentType::CreditNote;
    credit.number = Some("CN-2026-0001".into());
    credit.preceding_invoice = Some("INV-2026-0001".into());
    let mut unsaid = request.to_vec();
    unsaid.extend(["Due date", "Bill to", "2026-12-27"]);
    says(&credit, &["Credit note", "Amount credited", "Credits invoice INV-2026-0001", "Credit to"], &unsaid);

    // The invoice that asks to be paid says so everywhere.
    says(&spec_example(), &request, &["Paid on", "Not payable"]);
}

/// Issue #13: a credit note names the invoice it credits with that invoice's issue date,
/// in the document's language, in text, HTML and PDF alike.
#[test]
fn a_credit_note_names_the_credited_invoice_with_its_date_in_each_language() {
    let mut credit = spec_example();
    credit.kind = DocumentType::CreditNote;
    credit.number = Some("CN-2026-0001".into());
    credit.preceding_invoice = Some("INV-2026-0001".into());
    credit.preceding_invoice_date = NaiveDate::from_ymd_opt(2026, 11, 2);
    for (language, said) in [
        (Language::En, "Credits invoice INV-2026-0001 of 2026-11-02"),
        (Language::De, "Gutschrift zu Rechnung INV-2026-0001 vom 02.11.2026"),
        (Language::Fr, "Avoir sur facture INV-2026-0001 du 02/11/2026"),
    ] {
        credit.language = language;
        says(&credit, &[said], &[]);
    }
    // Without a recorded date (a credit note stored before it was), the number alone.
    credit.language = Language::En;
    credit.preceding_invoice_date = None;
    says(&credit, &["Credits invoice INV-2026-0001"], &["INV-2026-0001 of"]);
}

fn fixture(name: &str) -> Invoice {
    let path = format!("{}/fixtures/valid/{name}", env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read(path).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut invoice = check_bytes(&json, parse::Options::default(), &Defaults::default(), today).unwrap().invoice;
    invoice.number = Some("INV-2026-0042".into());
    invoice.status = Status::Issued;
    invoice
}

#[test]
fn german_and_french_documents_speak_their_language_in_every_format() {
    let german = fixture("de-language-rechnung.json");
    says(
        &german,
        &[
            "Rechnung",
            "Rechnungsdatum 27.11.2026",
            "Fälligkeitsdatum 27.12.2026",
            "3.094,20",
            "2.994,20",
            "1.200,00",
            "19\u{a0}%",
            "Std.",
            "USt.",
            "Zahlbetrag",
            "Bitte zahlen bis 27.12.2026",
            "SEPA-Überweisung",
            "Steuerschuldnerschaft des Leistungsempfängers.",
            "Verwendungszweck INV-2026-0042",
        ],
        &["Invoice", "Amount due", "3,094.20", "2026-11-27", "Reverse charge:"],
    );
    let french = fixture("fr-language-facture.json");
    says(
        &french,
        &[
            "Facture",
            "Date de facture 27/11/2026",
            "Date d'échéance 27/12/2026",
            "1\u{202f}674,00",
            "1\u{202f}062,50",
            "12,5",
            "TVA",
            "Net à payer",
            "À régler avant le 27/12/2026",
            "Virement",
        ],
        &["Invoice", "Amount due", "1,674.00", "2026-12-27"],
    );
    let mut credit = french.clone();
    credit.kind = DocumentType::CreditNote;
    credit.preceding_invoice = Some("INV-2026-0041".into());
    says(
        &credit,
        &["Avoir", "Montant de l'avoir", "Avoir sur facture INV-2026-0041", "Date de l'avoir 27/11/2026"],
        &["Net à payer", "Date d'échéance", "Date de facture"],
    );
}

#[test]
fn json_never_changes_with_the_language_but_keeps_it() {
    let german = fixture("de-language-rechnung.json");
    let mut english = german.clone();
    english.language = crate::invoice::model::Language::En;
    let json = |invoice: &Invoice| -> serde_json::Value {
        serde_json::from_slice(&render(invoice, Format::Json, Paper::A4).unwrap()).unwrap()
    };
    let (mut de, en) = (json(&german), json(&english));
    assert_eq!(de["language"], "de", "the invoice stores its language");
    assert!(en.get("language").is_none(), "English, the default, is not written");
    de.as_object_mut().unwrap().remove("language");
    assert_eq!(de, en, "amounts, dates and codes are the same whatever the language");
    assert_eq!(en["totals"]["gross"], "3094.20");
}

#[test]
fn html_embeds_the_epc_qr_code_inline_only_when_payment_is_asked_for() {
    let invoice = spec_example();
    let html = String::from_utf8(render(&invoice, Format::Html, Paper::A4).unwrap()).unwrap();
    let document = scraper::Html::parse_document(&html);
    let svg = scraper::Selector::parse("figure.qrcode svg path").unwrap();
    let path = document.select(&svg).next().expect("an inline SVG QR code").value().attr("d").unwrap().to_owned();
    // Read the squares back into a module grid and decode it.
    let squares: Vec<(usize, usize)> = path
        .split('M')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let xy: Vec<usize> = s.split('h').next().unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
            (xy[0] - 4, xy[1] - 4)
        })
        .collect();
    let size = squares.iter().map(|s| s.0.max(s.1)).max().unwrap() + 1;
    let decoded = super::epc::tests::decode(size, |x, y| squares.contains(&(x, y)));
    assert_eq!(super::epc::tests::fields(&decoded)[7], "EUR1388.43");
    assert_eq!(super::epc::tests::fields(&decoded)[6], "DE89370400440532013000");
    // The policy is unchanged: no image may load, the code is markup.
    assert!(super::html::content_security_policy().contains("img-src 'none'"));
    let mut paid = invoice.clone();
    paid.status = Status::Paid;
    let html = String::from_utf8(render(&paid, Format::Html, Paper::A4).unwrap()).unwrap();
    assert!(!html.contains("<svg"), "a paid invoice has no payment code");
}

#[test]
fn html_takes_its_lang_and_print_page_from_the_document() {
    let german = fixture("de-language-rechnung.json");
    let a4 = String::from_utf8(render(&german, Format::Html, Paper::A4).unwrap()).unwrap();
    let letter = String::from_utf8(render(&german, Format::Html, Paper::Letter).unwrap()).unwrap();
    let document = scraper::Html::parse_document(&letter);
    let html = document.select(&scraper::Selector::parse("html").unwrap()).next().unwrap();
    assert_eq!(html.value().attr("lang"), Some("de"));
    // SPEC 15: `@page` follows --paper, as written, not through a named page.
    let pages = |html: &str| html.matches("@page").count();
    assert!(letter.contains("<style>@page { size: letter; margin: 14mm 14mm 16mm; }</style>"), "{letter}");
    assert!(a4.contains("<style>@page { size: A4; margin: 14mm 14mm 16mm; }</style>"));
    assert_eq!((pages(&a4), pages(&letter)), (1, 1), "one page size per document");
    assert!(!letter.contains("size: A4") && !a4.contains("size: letter"));
    assert!(a4.contains("@media screen and (max-width: 640px)"), "a layout for phones");
}
