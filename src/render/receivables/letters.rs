//! The reminder as a PDF and the statement of account as HTML and PDF (SPEC 12.5, 12.6),
//! in the document language's words.

use super::{ReminderDoc, esc, html_page, kind_label};
use crate::error::Error;
use crate::invoice::Invoice;
use crate::receivables::statement::Statement;
use crate::render::Paper;
use crate::render::document::payment_reference;
use crate::render::html::escape;
use crate::render::pdf::{Item, render_letter};
use crate::render::vocabulary::{Vocabulary, group_iban};
use std::fmt::Write as _;

/// The reminder as a PDF: the same words and amounts as its text and HTML, and the EPC
/// QR code for the whole amount asked when SPEC 10's conditions hold.
///
/// # Errors
/// [`Error::Invalid`] for text the PDF font cannot print; [`Error::Internal`] (a bug).
pub fn reminder_pdf(doc: &ReminderDoc<'_>, paper: Paper) -> Result<Vec<u8>, Error> {
    let (v, i, r) = (doc.v(), doc.invoice, doc.reminder);
    let number = i.number.clone().unwrap_or_default();
    let title = format!("{} — {} {number}", doc.title(), v.labels.invoice);
    let mut items = vec![
        Item::Title(title.clone()),
        Item::Muted(format!("{} · {}", super::sender(i), v.date(r.date))),
        Item::Text(
            std::iter::once(format!("{}: {}", v.buyer_heading(i.kind), i.buyer.name.as_deref().unwrap_or_default()))
                .chain(crate::render::document::address_lines(&i.buyer))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Item::Text(v.receivables.reminder_intro.to_owned()),
        Item::Facts(vec![
            (v.labels.invoice_number.to_owned(), number.clone()),
            (v.labels.issue_date.to_owned(), v.date(i.issue_date)),
            (v.receivables.original_due_date.to_owned(), v.date(i.due_date)),
        ]),
        Item::Amounts(
            doc.rows()
                .into_iter()
                .map(|(label, amount)| (label, format!("{} {}", v.amount(amount), i.currency)))
                .collect(),
        ),
        Item::Section(format!("{} {}", v.labels.pay_by, v.date(r.pay_by))),
    ];
    let mut facts = Vec::new();
    if let Some(payment) = &i.payment {
        if let Some(iban) = &payment.iban {
            facts.push((v.labels.iban.to_owned(), group_iban(iban)));
        }
        if let Some(bic) = &payment.bic {
            facts.push((v.labels.bic.to_owned(), bic.clone()));
        }
    }
    if let Some(reference) = payment_reference(i) {
        facts.push((v.labels.reference.to_owned(), reference.to_owned()));
    }
    if !facts.is_empty() {
        items.push(Item::Facts(facts));
    }
    if let Some(matrix) = crate::render::epc::code(&doc.payable_for_qr()) {
        items.push(Item::Qr(matrix));
    }
    render_letter(i, &title, &items, paper)
}

/// The rows of one statement: date, what, amount, balance (amounts in `v`'s format).
fn rows(s: &Statement, v: &Vocabulary) -> Vec<[String; 4]> {
    let w = &v.receivables;
    let mut rows = vec![[
        s.from.map(|d| v.date(d)).unwrap_or_default(),
        w.opening_balance.to_owned(),
        String::new(),
        v.amount(s.opening),
    ]];
    for line in &s.lines {
        let e = &line.entry;
        let own = e.reference == e.invoice || e.reference.starts_with(&format!("{}/", e.invoice));
        let what = if own || e.invoice.is_empty() {
            format!("{} {}", kind_label(v, e.kind), e.reference)
        } else {
            format!("{} {} ({})", kind_label(v, e.kind), e.reference, e.invoice)
        };
        rows.push([v.date(e.date), what, v.amount(e.amount), v.amount(line.balance)]);
    }
    rows.push([
        s.to.map(|d| v.date(d)).unwrap_or_default(),
        w.closing_balance.to_owned(),
        String::new(),
        v.amount(s.closing),
    ]);
    rows
}

fn heading(s: &Statement, v: &Vocabulary) -> String {
    format!("{} — {} ({})", v.receivables.statement, s.buyer, s.currency)
}

fn header(v: &Vocabulary, currency: &str) -> [String; 4] {
    let w = &v.receivables;
    [
        w.date.to_owned(),
        v.labels.description.to_owned(),
        format!("{} {currency}", v.labels.amount),
        w.balance.to_owned(),
    ]
}

/// Statements as one self-contained HTML page in `v`'s language: per currency, a table
/// from the opening to the closing balance; `seller` names who sends it.
#[must_use]
pub fn statement_html(statements: &[Statement], v: &Vocabulary, seller: &str) -> String {
    let mut body = String::new();
    let title = statements.first().map_or_else(|| v.receivables.statement.to_owned(), |s| heading(s, v));
    for s in statements {
        let _ = writeln!(body, "<h1>{}</h1>\n<p class=\"muted\">{}</p>\n<table>", esc(&heading(s, v)), esc(seller));
        let head = header(v, &s.currency);
        let _ = writeln!(
            body,
            "<tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr>",
            escape(&head[0]),
            escape(&head[1]),
            esc(&head[2]),
            escape(&head[3])
        );
        let rows = rows(s, v);
        let last = rows.len() - 1;
        for (n, row) in rows.into_iter().enumerate() {
            let class = if n == 0 || n == last { " class=\"total\"" } else { "" };
            let _ = writeln!(
                body,
                "<tr{class}><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&row[0]),
                esc(&row[1]),
                esc(&row[2]),
                esc(&row[3])
            );
        }
        body.push_str("</table>\n");
    }
    html_page(v.tag, &esc(&title), &body)
}

/// Statements as a PDF, with the fonts and page furniture of `latest` (the buyer's latest
/// invoice: its seller and language).
///
/// # Errors
/// [`Error::Invalid`] for text the PDF font cannot print; [`Error::Internal`] (a bug).
pub fn statement_pdf(statements: &[Statement], latest: &Invoice, paper: Paper) -> Result<Vec<u8>, Error> {
    let v = crate::render::vocabulary::for_invoice(latest);
    let mut items = Vec::new();
    for s in statements {
        items.push(Item::Title(heading(s, v)));
        items.push(Item::Muted(latest.seller.name.clone().unwrap_or_default()));
        items.push(Item::Table(header(v, &s.currency), rows(s, v)));
    }
    let name = statements.first().map_or_else(|| v.receivables.statement.to_owned(), |s| heading(s, v));
    render_letter(latest, &name, &items, paper)
}
