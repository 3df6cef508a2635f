//! Receivables documents and reports (SPEC 12.5, 12.6): the reminder letter (text, HTML),
//! the aging report (table, CSV, HTML with an SVG bar chart) and the statement of account
//! (text, CSV). Words come from the document language's vocabulary; untrusted text (names,
//! numbers) is escaped for the format it goes into.

use std::fmt::Write as _;

use base64::Engine as _;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::document::payment_reference;
use super::html::escape;
use super::vocabulary::{self, Vocabulary, group_iban};
use crate::invoice::Invoice;
use crate::invoice::money;
use crate::receivables::Account;
use crate::receivables::aging::{Aging, BUCKETS};
use crate::receivables::reminder::{ReminderRecord, amount_asked};
use crate::receivables::statement::{Kind, Statement};
use crate::security::text::escape_controls;

/// A reminder with what it needs to be printed.
#[derive(Debug, Clone, Copy)]
pub struct ReminderDoc<'a> {
    /// The invoice reminded.
    pub invoice: &'a Invoice,
    /// The stored reminder.
    pub reminder: &'a ReminderRecord,
    /// Fees of the earlier reminders of this invoice.
    pub earlier_fees: Decimal,
    /// The configured title of this level, if any.
    pub title: Option<&'a str>,
}

impl ReminderDoc<'_> {
    fn v(&self) -> &'static Vocabulary {
        vocabulary::for_invoice(self.invoice)
    }

    /// The title: the configured one, else the language's standard title of the level.
    #[must_use]
    pub fn title(&self) -> String {
        self.title.map_or_else(|| self.v().receivables.reminder_title(self.reminder.level).to_owned(), str::to_owned)
    }

    /// Everything asked: balance, fees so far and interest.
    #[must_use]
    pub fn asked(&self) -> Decimal {
        amount_asked(self.reminder, self.earlier_fees)
    }

    /// Label and amount rows: the invoice's amount due, payments received, credits, the
    /// balance, fees, interest and the total asked.
    fn rows(&self) -> Vec<(String, Decimal)> {
        let (v, r) = (self.v(), self.reminder);
        let i = self.invoice;
        let words = &v.receivables;
        let mut rows = vec![(v.labels.amount_due.to_owned(), i.totals.due)];
        if let Some(account) = &i.account {
            if !account.paid.is_zero() {
                rows.push((words.payments_received.to_owned(), -account.paid));
            }
            if !account.credited.is_zero() {
                rows.push((v.labels.credited.to_owned(), -account.credited));
            }
        }
        rows.push((words.balance_due.to_owned(), r.balance));
        let fees = r.fee + self.earlier_fees;
        if !fees.is_zero() {
            rows.push((words.reminder_fee.to_owned(), fees));
        }
        if !r.interest.is_zero() {
            rows.push((words.interest.to_owned(), r.interest));
        }
        rows.push((words.amount_asked.to_owned(), self.asked()));
        rows
    }

    /// The invoice as the EPC QR code must see it: payable, asking for the whole amount.
    fn payable_for_qr(&self) -> Invoice {
        let mut invoice = self.invoice.clone();
        invoice.status = crate::invoice::Status::Issued;
        invoice.account = Some(Account {
            paid: Decimal::ZERO,
            credited: Decimal::ZERO,
            outstanding: self.asked(),
            payments: Vec::new(),
            credits: Vec::new(),
        });
        invoice
    }
}

/// Who sends a reminder, as a letter's sender line: the seller's name and postal address
/// ("Atelier Lefèvre SARL · 12 rue de la Paix · 75002 Paris · FR"). Untrusted text: each
/// renderer escapes it.
pub(crate) fn sender(invoice: &Invoice) -> String {
    std::iter::once(invoice.seller.name.clone().unwrap_or_default())
        .chain(super::document::address_lines(&invoice.seller))
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The reminder as plain text.
#[must_use]
pub fn reminder_text(doc: &ReminderDoc<'_>) -> String {
    let (v, i, r) = (doc.v(), doc.invoice, doc.reminder);
    let clean = |t: &str| escape_controls(t, false);
    let currency = clean(&i.currency);
    let number = clean(i.number.as_deref().unwrap_or_default());
    let mut out = String::new();
    let title = format!("{} — {} {number}", clean(&doc.title()), v.labels.invoice);
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    let _ = writeln!(out, "{}  {}", clean(&sender(i)), v.date(r.date));
    let _ = writeln!(out, "{}: {}", v.buyer_heading(i.kind), clean(i.buyer.name.as_deref().unwrap_or_default()));
    for line in super::document::address_lines(&i.buyer) {
        let _ = writeln!(out, "  {}", clean(&line));
    }
    out.push('\n');
    let _ = writeln!(out, "{}\n", v.receivables.reminder_intro);
    for (label, value) in [
        (v.labels.invoice_number, number.clone()),
        (v.labels.issue_date, v.date(i.issue_date)),
        (v.receivables.original_due_date, v.date(i.due_date)),
    ] {
        let _ = writeln!(out, "{label:<24} {value}");
    }
    out.push('\n');
    for (label, amount) in doc.rows() {
        let _ = writeln!(out, "{label:<28} {:>16} {currency}", v.amount(amount));
    }
    let _ = writeln!(out, "\n{} {}", v.labels.pay_by, v.date(r.pay_by));
    if let Some(payment) = &i.payment {
        if let Some(iban) = &payment.iban {
            let _ = writeln!(out, "{}: {}", v.labels.iban, group_iban(&clean(iban)));
        }
        if let Some(bic) = &payment.bic {
            let _ = writeln!(out, "{}: {}", v.labels.bic, clean(bic));
        }
    }
    if let Some(reference) = payment_reference(i) {
        let _ = writeln!(out, "{}: {}", v.labels.reference, clean(reference));
    }
    out
}

/// The minimal style of receivables HTML documents.
const STYLE: &str = "body{font:10pt/1.45 system-ui,sans-serif;color:#1a202c;max-width:190mm;margin:8mm auto;padding:0 4mm}\
h1{font-size:16pt;margin:0 0 2mm}table{border-collapse:collapse;margin:4mm 0}td,th{padding:1mm 3mm;text-align:left}\
.num{text-align:right;font-variant-numeric:tabular-nums}.total td{font-weight:700;border-top:1px solid #1a202c}\
.qr{width:30mm;height:30mm}.muted{color:#4a5568}@page{size:A4;margin:15mm}";

fn html_page(lang: &str, title: &str, body: &str) -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE.as_bytes()));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{hash}'; img-src 'none'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

fn esc(text: &str) -> String {
    escape(&escape_controls(text, false))
}

/// The reminder as a self-contained HTML page, with the EPC QR code for the whole amount
/// asked when SPEC 10's conditions hold.
#[must_use]
pub fn reminder_html(doc: &ReminderDoc<'_>) -> String {
    let (v, i, r) = (doc.v(), doc.invoice, doc.reminder);
    let currency = esc(&i.currency);
    let number = esc(i.number.as_deref().unwrap_or_default());
    let title = format!("{} — {} {number}", esc(&doc.title()), v.labels.invoice);
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{title}</h1>");
    let address: String =
        super::document::address_lines(&i.buyer).iter().map(|line| format!("<br>{}", esc(line))).collect();
    let _ = writeln!(
        body,
        "<p class=\"muted\">{} · {}</p>\n<p>{}: {}{address}</p>",
        esc(&sender(i)),
        v.date(r.date),
        escape(v.buyer_heading(i.kind)),
        esc(i.buyer.name.as_deref().unwrap_or_default())
    );
    let _ = writeln!(body, "<p>{}</p>\n<table>", escape(v.receivables.reminder_intro));
    for (label, value) in [
        (v.labels.invoice_number, number.clone()),
        (v.labels.issue_date, v.date(i.issue_date)),
        (v.receivables.original_due_date, v.date(i.due_date)),
    ] {
        let _ = writeln!(body, "<tr><th>{}</th><td>{value}</td></tr>", escape(label));
    }
    body.push_str("</table>\n<table>\n");
    let rows = doc.rows();
    let last = rows.len() - 1;
    for (n, (label, amount)) in rows.into_iter().enumerate() {
        let class = if n == last { " class=\"total\"" } else { "" };
        let _ = writeln!(
            body,
            "<tr{class}><td>{}</td><td class=\"num\">{} {currency}</td></tr>",
            escape(&label),
            v.amount(amount)
        );
    }
    let _ = writeln!(body, "</table>\n<p><strong>{} {}</strong></p>", escape(v.labels.pay_by), v.date(r.pay_by));
    if let Some(iban) = i.payment.as_ref().and_then(|p| p.iban.as_deref()) {
        let _ = writeln!(body, "<p>{}: {}</p>", escape(v.labels.iban), esc(&group_iban(iban)));
    }
    if let Some(reference) = payment_reference(i) {
        let _ = writeln!(body, "<p>{}: {}</p>", escape(v.labels.reference), esc(reference));
    }
    if let Some(matrix) = super::epc::code(&doc.payable_for_qr()) {
        let label = escape(v.labels.scan_to_pay);
        let _ = writeln!(body, "<figure>{}<figcaption>{label}</figcaption></figure>", super::epc::svg(&matrix, &label));
    }
    html_page(v.tag, &title, &body)
}

/// The EPC QR payload of a reminder (the whole amount asked), if it qualifies.
#[must_use]
pub fn reminder_qr_payload(doc: &ReminderDoc<'_>) -> Option<String> {
    super::epc::payload(&doc.payable_for_qr())
}

fn dp(currency: &str) -> u32 {
    money::minor_units(currency).unwrap_or(2)
}

/// The aging report as an aligned table (English headers, amounts as stored).
#[must_use]
pub fn aging_table(report: &Aging) -> String {
    let header = ["CUSTOMER", "BUYER", "CURRENCY", "NOT YET DUE", "1-30", "31-60", "61-90", "OVER 90", "TOTAL"];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for row in report.rows.iter().chain(&report.totals) {
        // A currency total has neither customer nor buyer: "TOTAL" heads its line.
        let customer = if row.buyer.is_empty() { "TOTAL".to_owned() } else { escape_controls(&row.customer, false) };
        let mut cells = vec![customer, escape_controls(&row.buyer, false), row.currency.clone()];
        cells.extend(row.buckets.iter().map(|b| money::round_to(*b, dp(&row.currency)).to_string()));
        cells.push(money::round_to(row.total, dp(&row.currency)).to_string());
        rows.push(cells);
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(unicode_width::UnicodeWidthStr::width(cell.as_str()));
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String]| {
        let mut text = String::new();
        for (n, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w.saturating_sub(unicode_width::UnicodeWidthStr::width(cell.as_str()));
            if n < 3 {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            } else {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            }
            text.push_str("  ");
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut out, &header.map(str::to_owned));
    for row in &rows {
        line(&mut out, row);
    }
    out
}

/// The aging report as CSV (`customer,buyer,currency,not_yet_due,1_30,...,total`; the
/// customer empty where the invoices carry none); the currency totals are rows with an empty
/// customer and buyer.
#[must_use]
pub fn aging_csv(report: &Aging) -> String {
    let mut out = format!("customer,buyer,currency,{},total\n", BUCKETS.join(","));
    for row in report.rows.iter().chain(&report.totals) {
        let amounts: Vec<String> = row.buckets.iter().chain([&row.total]).map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "{},{},{},{}",
            csv_cell(&row.customer),
            csv_cell(&row.buyer),
            csv_cell(&row.currency),
            amounts.join(",")
        );
    }
    out
}

/// The aging report as a self-contained HTML page: the table, and per currency an inline
/// SVG bar chart of its buckets.
#[must_use]
pub fn aging_html(report: &Aging) -> String {
    let v = vocabulary::english();
    let w = &v.receivables;
    let names = [
        w.not_yet_due.to_owned(),
        format!("1–30 {}", w.days),
        format!("31–60 {}", w.days),
        format!("61–90 {}", w.days),
        w.over_90_days.to_owned(),
    ];
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"muted\">{}</p>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th>",
        w.aging,
        v.date(report.as_of),
        w.customer,
        w.buyer,
        v.labels.currency
    );
    for name in &names {
        let _ = write!(body, "<th class=\"num\">{}</th>", escape(name));
    }
    let _ = writeln!(body, "<th class=\"num\">{}</th></tr>", v.labels.total);
    for row in report.rows.iter().chain(&report.totals) {
        let class = if row.buyer.is_empty() { " class=\"total\"" } else { "" };
        let buyer = if row.buyer.is_empty() { v.labels.total.to_owned() } else { esc(&row.buyer) };
        let _ =
            write!(body, "<tr{class}><td>{}</td><td>{buyer}</td><td>{}</td>", esc(&row.customer), esc(&row.currency));
        for amount in row.buckets.iter().chain([&row.total]) {
            let _ = write!(body, "<td class=\"num\">{}</td>", v.amount(*amount));
        }
        body.push_str("</tr>\n");
    }
    body.push_str("</table>\n");
    for total in &report.totals {
        body.push_str(&bar_chart(total, &names, v));
    }
    html_page("en", w.aging, &body)
}

/// One currency's buckets as horizontal bars (negative amounts draw nothing).
fn bar_chart(total: &crate::receivables::aging::Row, names: &[String; 5], v: &Vocabulary) -> String {
    let max = total.buckets.iter().copied().fold(Decimal::ZERO, Decimal::max);
    let (width, bar_h, label_w) = (600u32, 22u32, 150u32);
    let height = bar_h * 5 + 10;
    let mut svg = format!(
        "<figure><figcaption>{}</figcaption><svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\" width=\"{width}\" height=\"{height}\">",
        esc(&total.currency),
        esc(&total.currency)
    );
    for (n, (amount, name)) in total.buckets.iter().zip(names).enumerate() {
        let y = u32::try_from(n).unwrap_or(0) * bar_h + 5;
        let share = if max > Decimal::ZERO { (*amount).max(Decimal::ZERO) / max } else { Decimal::ZERO };
        let bar = (share * Decimal::from(width - label_w - 110)).round().try_into().unwrap_or(0u32);
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text><rect x=\"{label_w}\" y=\"{y}\" width=\"{bar}\" height=\"{}\" fill=\"#2b6cb0\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            y + 15,
            escape(name),
            bar_h - 6,
            label_w + bar + 6,
            y + 15,
            v.amount(*amount)
        );
    }
    svg.push_str("</svg></figure>\n");
    svg
}

fn kind_label(v: &Vocabulary, kind: Kind) -> &'static str {
    match kind {
        Kind::Invoice => v.labels.invoice,
        Kind::CreditNote => v.labels.credit_note,
        Kind::Payment => v.labels.payment,
        Kind::Reminder => v.receivables.reminder,
    }
}

/// Statements as text in `v`'s language: one block per currency, opening balance,
/// entries with the running balance, closing balance.
#[must_use]
pub fn statement_text(statements: &[Statement], v: &Vocabulary) -> String {
    let w = &v.receivables;
    let mut out = String::new();
    for s in statements {
        let title = format!("{} — {} ({})", w.statement, escape_controls(&s.buyer, false), s.currency);
        let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
        let _ = writeln!(out, "{:<44} {:>16}", w.opening_balance, v.amount(s.opening));
        for line in &s.lines {
            let e = &line.entry;
            let what = format!("{} {}", kind_label(v, e.kind), escape_controls(&e.reference, false));
            let _ = writeln!(
                out,
                "{:<12} {what:<31} {:>16} {:>16}",
                v.date(e.date),
                v.amount(e.amount),
                v.amount(line.balance)
            );
        }
        let _ = writeln!(out, "{:<44} {:>16} {}\n", w.closing_balance, v.amount(s.closing), s.currency);
    }
    out
}

/// Statements as CSV: `currency,date,kind,reference,invoice,amount,balance`, with
/// `opening` and `closing` rows.
#[must_use]
pub fn statement_csv(statements: &[Statement]) -> String {
    let mut out = String::from("currency,date,kind,reference,invoice,amount,balance\n");
    for s in statements {
        let _ = writeln!(
            out,
            "{},{},opening,,,,{}",
            s.currency,
            s.from.map(|d| d.to_string()).unwrap_or_default(),
            s.opening
        );
        for line in &s.lines {
            let e = &line.entry;
            let kind =
                serde_json::to_value(e.kind).ok().and_then(|k| k.as_str().map(str::to_owned)).unwrap_or_default();
            let _ = writeln!(
                out,
                "{},{},{kind},{},{},{},{}",
                s.currency,
                e.date,
                csv_cell(&e.reference),
                csv_cell(&e.invoice),
                e.amount,
                line.balance
            );
        }
        let _ = writeln!(
            out,
            "{},{},closing,,,,{}",
            s.currency,
            s.to.map(|d| d.to_string()).unwrap_or_default(),
            s.closing
        );
    }
    out
}

fn csv_cell(cell: &str) -> String {
    crate::cli::list::csv_cell(cell)
}

mod letters;
pub use letters::{reminder_pdf, statement_html, statement_pdf};

#[cfg(test)]
mod tests;
