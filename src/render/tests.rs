//! Cross-format tests: one invoice rendered as text, HTML and PDF, each read back (the
//! HTML through an HTML parser, the PDF through a PDF text extractor), must use the
//! same words and the same numbers for the same things.

use chrono::NaiveDate;

use super::pdf::tests::{page_texts, squashed};
use super::vocabulary::{self, Vocabulary};
use super::{Format, Paper, render};
use crate::invoice::model::{DocumentType, Status, TaxCategory};
use crate::invoice::{Defaults, Invoice, check_bytes, parse};

fn spec_example() -> Invoice {
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
