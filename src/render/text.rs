//! Plain-text rendering: an aligned, fixed-width invoice for terminals and e-mail.
//!
//! This module owns the text layout only: every word and number format comes from
//! [`super::vocabulary`], what the document says is owed from [`super::document`],
//! every amount ready from [`crate::invoice`].
//!
//! Layout rules:
//! - the document aims at 80 columns and widens, never past 100, only when the
//!   numeric columns of the line table need it; long text wraps inside its column;
//! - widths are display widths (`unicode-width`), so CJK text aligns;
//! - amounts keep exactly the currency's minor units, written with the document
//!   language's separators like in HTML and PDF (`1,488.43 EUR`);
//! - every value from the invoice passes through [`escape_controls`] before output,
//!   even though validation already refuses control characters (defense in depth).

use unicode_width::UnicodeWidthStr;

use super::document::{self, is_draft, minor_units, payment_reference};
use super::vocabulary::{self, Vocabulary, group_iban};
use crate::invoice::Invoice;
use crate::invoice::model::{DocumentType, InvoiceAdjustment, Party};
use crate::security::text::escape_controls;

/// Width the layout aims at.
const WIDTH: usize = 80;
/// No output line is wider than this.
const MAX_WIDTH: usize = 100;
/// Space between table columns.
const GAP: usize = 2;
/// Narrowest a wrapping table column may get.
const FLEX_MIN: usize = 10;
/// Width of the label column in key/value blocks.
const LABEL_WIDTH: usize = 19;

/// Renders the invoice as aligned plain text (see the module docs for the layout rules).
#[must_use]
pub fn render(invoice: &Invoice) -> String {
    let v = vocabulary::for_invoice(invoice);
    let table = line_table(v, invoice);
    let width = table.first().map_or(WIDTH, |l| l.width()).max(WIDTH);
    let mut out: Vec<String> = Vec::new();

    header(&mut out, v, invoice, width);
    out.push(String::new());
    let seller = (v.labels.seller, party_lines(v, &invoice.seller));
    let buyer = (v.buyer_heading(invoice.kind), party_lines(v, &invoice.buyer));
    out.extend(side_by_side(seller, buyer, width));
    out.push(String::new());
    out.extend(table);
    adjustments(&mut out, v, invoice, width);
    tax_breakdown(&mut out, v, invoice, width);
    out.push(String::new());
    totals(&mut out, v, invoice, width);
    payment(&mut out, v, invoice, width);
    notes(&mut out, v, invoice, width);
    legal_footer(&mut out, invoice, width);

    let mut text = String::new();
    for line in out {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

// ---------------------------------------------------------------------------------------
// Sections.

fn clean(text: &str) -> String {
    escape_controls(text, false)
}

fn header(out: &mut Vec<String>, v: &Vocabulary, invoice: &Invoice, width: usize) {
    let l = &v.labels;
    let title = v.title(invoice.kind).to_uppercase();
    let heading = match invoice.number.as_deref() {
        Some(number) => format!("{title} {}", clean(number)),
        None => title,
    };
    out.extend(wrap(&heading, width));
    out.push("=".repeat(width));
    if is_draft(invoice) {
        out.push(format!("*** {} ***", l.draft_banner.to_uppercase()));
    }
    if let Some((_, stamp)) = document::stamp(v, invoice) {
        out.extend(wrap(&clean(&stamp), width));
    }
    let mut fields = vec![(v.date_label(invoice.kind), v.date(invoice.issue_date))];
    if invoice.kind == DocumentType::Invoice {
        fields.push((l.due_date, v.date(invoice.due_date)));
    }
    fields.push((l.currency, clean(&invoice.currency)));
    let references = [
        (l.buyer_reference, &invoice.buyer_reference),
        (l.order_reference, &invoice.order_reference),
        (l.credited_invoice, &document::credited_invoice(v, invoice)),
    ];
    for (label, value) in references {
        if let Some(value) = value {
            fields.push((label, clean(value)));
        }
    }
    for (label, value) in crate::render::document::delivery_facts(v, invoice) {
        fields.push((label, value));
    }
    key_values(out, &fields, width);
}

fn party_lines(v: &Vocabulary, party: &Party) -> Vec<String> {
    let mut lines = Vec::new();
    lines.extend(party.name.as_deref().map(clean));
    lines.extend(document::address_lines(party).iter().map(|l| clean(l)));
    lines.extend(document::party_ids(v, party).iter().map(|l| clean(l)));
    lines
}

/// Two labelled blocks in two columns, each wrapped to its half of the page.
fn side_by_side(left: (&str, Vec<String>), right: (&str, Vec<String>), width: usize) -> Vec<String> {
    let column = (width - 2 * GAP) / 2;
    let block = |(label, lines): (&str, Vec<String>)| {
        let mut wrapped = vec![label.to_owned(), "-".repeat(label.width())];
        for line in lines {
            wrapped.extend(wrap(&line, column));
        }
        wrapped
    };
    let (left, right) = (block(left), block(right));
    (0..left.len().max(right.len()))
        .map(|i| {
            let l = left.get(i).map_or("", String::as_str);
            let r = right.get(i).map_or("", String::as_str);
            format!("{}{}{r}", pad(l, column, Align::Left), " ".repeat(2 * GAP))
        })
        .collect()
}

fn line_table(v: &Vocabulary, invoice: &Invoice) -> Vec<String> {
    let l = &v.labels;
    let minor = minor_units(invoice);
    let discounts = invoice.lines.iter().any(|l| l.discount_percent.is_some_and(|d| !d.is_zero()));
    let mut columns = vec![
        Column::fixed(l.line_number, Align::Right),
        Column::flex(l.description),
        Column::fixed(l.quantity, Align::Right),
        Column::fixed(l.unit, Align::Left),
        Column::fixed(l.unit_price, Align::Right),
    ];
    if discounts {
        columns.push(Column::fixed(l.discount, Align::Right));
    }
    columns.push(Column::fixed(l.vat, Align::Right));
    columns.push(Column::fixed(l.net, Align::Right));
    let rows = invoice
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut row = vec![
                (i + 1).to_string(),
                clean(&line.description),
                v.quantity(line.quantity),
                clean(v.unit(&line.unit)),
                v.price(line.unit_price, minor),
            ];
            if discounts {
                row.push(line.discount_percent.filter(|d| !d.is_zero()).map(|d| v.percent(d)).unwrap_or_default());
            }
            row.push(v.rate_cell(line.tax_rate, line.tax_category));
            row.push(v.amount(line.net));
            row
        })
        .collect::<Vec<_>>();
    table(&columns, &rows, WIDTH)
}

fn adjustments(out: &mut Vec<String>, v: &Vocabulary, invoice: &Invoice, width: usize) {
    if invoice.allowances.is_empty() && invoice.charges.is_empty() {
        return;
    }
    let l = &v.labels;
    let row = |kind: &str, a: &InvoiceAdjustment, amount: String| {
        vec![kind.to_owned(), clean(&a.reason), v.rate_cell(a.tax_rate, a.tax_category), amount]
    };
    let rows: Vec<Vec<String>> = invoice
        .allowances
        .iter()
        .map(|a| row(l.allowance, a, v.negated(a.amount)))
        .chain(invoice.charges.iter().map(|c| row(l.charge, c, v.amount(c.amount))))
        .collect();
    let columns = [
        Column::fixed("", Align::Left),
        Column::flex(l.reason),
        Column::fixed(l.vat, Align::Right),
        Column::fixed(l.amount, Align::Right),
    ];
    out.push(String::new());
    out.extend(table(&columns, &rows, width));
}

fn tax_breakdown(out: &mut Vec<String>, v: &Vocabulary, invoice: &Invoice, width: usize) {
    if invoice.totals.tax.is_empty() {
        return;
    }
    let l = &v.labels;
    let reasons = invoice.totals.tax.iter().any(|t| t.exemption_reason.is_some());
    let mut columns = vec![
        Column::fixed(l.category, Align::Left),
        Column::fixed(l.rate, Align::Right),
        Column::fixed(l.taxable_amount, Align::Right),
        Column::fixed(l.vat, Align::Right),
    ];
    if reasons {
        columns.push(Column::flex(l.exemption_reason));
    }
    let rows: Vec<Vec<String>> = invoice
        .totals
        .tax
        .iter()
        .map(|t| {
            let mut row = vec![v.category(t.category), v.percent(t.rate), v.amount(t.base), v.amount(t.amount)];
            if reasons {
                row.push(t.exemption_reason.as_deref().map(clean).unwrap_or_default());
            }
            row
        })
        .collect();
    section(out, &format!("{} ({})", l.vat_breakdown, clean(&invoice.currency)), width);
    out.extend(table(&columns, &rows, if reasons { width } else { 0 }));
    for note in document::category_notes(v, invoice) {
        out.extend(wrap(note, width));
    }
}

fn totals(out: &mut Vec<String>, v: &Vocabulary, invoice: &Invoice, width: usize) {
    let l = &v.labels;
    let t = &invoice.totals;
    let currency = clean(&invoice.currency);
    let adjusted = !t.allowances.is_zero() || !t.charges.is_zero();
    let mut rows: Vec<(String, String)> = Vec::new();
    if adjusted {
        rows.push((l.lines_net.to_owned(), v.amount(t.lines_net)));
        if !t.allowances.is_zero() {
            rows.push((l.allowances.to_owned(), v.negated(t.allowances)));
        }
        if !t.charges.is_zero() {
            rows.push((l.charges.to_owned(), v.amount(t.charges)));
        }
    }
    rows.push((l.net_total.to_owned(), v.amount(t.net)));
    rows.push((l.vat.to_owned(), v.amount(t.tax_total)));
    let total_row = rows.len();
    rows.push((l.total.to_owned(), v.amount(t.gross)));
    if !t.prepaid.is_zero() {
        rows.push((l.prepaid.to_owned(), v.negated(t.prepaid)));
    }
    for (label, amount) in document::account_rows(v, invoice) {
        rows.push((clean(&label), amount.map(|a| v.amount(a)).unwrap_or_default()));
    }
    let (closing, amount) = document::closing_line(v, invoice);
    rows.push((closing.to_uppercase(), amount.map(|a| v.amount(a)).unwrap_or_default()));

    let amount_width = rows.iter().map(|(_, a)| a.width()).max().unwrap_or(0);
    let label_width = rows.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    let block = label_width + GAP + amount_width + 1 + currency.width();
    let indent = " ".repeat(width.saturating_sub(block));
    let last = rows.len() - 1;
    for (i, (label, amount)) in rows.iter().enumerate() {
        if i == total_row || i == last {
            out.push(format!("{indent}{}", if i == last { "=" } else { "-" }.repeat(block)));
        }
        let code = if amount.is_empty() { "" } else { currency.as_str() };
        let line = format!(
            "{indent}{}{:gap$}{} {code}",
            pad(label, label_width, Align::Left),
            "",
            pad(amount, amount_width, Align::Right),
            gap = GAP
        );
        out.push(line);
    }
    if document::asks_payment(invoice) {
        let pay_by = format!("{} {}", l.pay_by, v.date(invoice.due_date));
        out.push(format!("{}{pay_by}", " ".repeat(width.saturating_sub(pay_by.width()))));
    }
}

fn payment(out: &mut Vec<String>, v: &Vocabulary, invoice: &Invoice, width: usize) {
    let l = &v.labels;
    if invoice.kind == DocumentType::CreditNote {
        section(out, l.payment, width);
        out.extend(wrap(l.credit_no_payment, width));
        return;
    }
    if !document::asks_payment(invoice) {
        return;
    }
    let Some(payment) = &invoice.payment else { return };
    let mut fields = Vec::new();
    if let Some(means) = payment.means {
        fields.push((l.payment_means, v.means(means).to_owned()));
    }
    if let Some(iban) = &payment.iban {
        fields.push((l.iban, group_iban(&clean(iban))));
    }
    if let Some(bic) = &payment.bic {
        fields.push((l.bic, clean(bic)));
    }
    if let Some(terms) = &payment.terms {
        fields.push((l.terms, clean(terms)));
    }
    if let Some(reference) = payment_reference(invoice) {
        fields.push((l.reference, clean(reference)));
    }
    if fields.is_empty() {
        return;
    }
    section(out, l.payment, width);
    key_values(out, &fields, width);
}

fn notes(out: &mut Vec<String>, v: &Vocabulary, invoice: &Invoice, width: usize) {
    let Some(notes) = &invoice.notes else { return };
    section(out, v.labels.notes, width);
    out.extend(wrap(&escape_controls(&notes.replace('\t', "    "), true), width));
}

/// The seller's legal mentions under a rule, at the foot of the document (text has
/// one page, so "every page" is this once).
fn legal_footer(out: &mut Vec<String>, invoice: &Invoice, width: usize) {
    let lines = document::legal_text(invoice);
    if lines.is_empty() {
        return;
    }
    out.push(String::new());
    out.push("-".repeat(width));
    for line in lines {
        out.extend(wrap(&clean(line), width));
    }
}

fn section(out: &mut Vec<String>, title: &str, width: usize) {
    out.push(String::new());
    out.push(title.to_owned());
    out.push("-".repeat(title.width().min(width)));
}

fn key_values(out: &mut Vec<String>, fields: &[(&str, String)], width: usize) {
    let label_width = fields.iter().map(|(l, _)| l.width() + GAP).max().unwrap_or(0).max(LABEL_WIDTH);
    let value_width = width - label_width;
    for (label, value) in fields {
        for (i, line) in wrap(value, value_width).into_iter().enumerate() {
            let label = if i == 0 { *label } else { "" };
            out.push(format!("{}{line}", pad(label, label_width, Align::Left)));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Tables and wrapping.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, Copy)]
struct Column {
    header: &'static str,
    align: Align,
    /// Takes the width left over and wraps; at most one per table.
    flex: bool,
}

impl Column {
    fn fixed(header: &'static str, align: Align) -> Self {
        Column { header, align, flex: false }
    }

    fn flex(header: &'static str) -> Self {
        Column { header, align: Align::Left, flex: true }
    }
}

/// Lays out a table `target` columns wide (narrower if it has no flexible column,
/// wider only when its fixed columns need it, never wider than [`MAX_WIDTH`]).
/// Cells wrap within their column; each row is followed by its continuation lines.
fn table(columns: &[Column], rows: &[Vec<String>], target: usize) -> Vec<String> {
    let natural = |i: usize| {
        rows.iter().map(|r| r.get(i).map_or(0, |c| c.width())).max().unwrap_or(0).max(columns[i].header.width())
    };
    let mut widths: Vec<usize> = (0..columns.len()).map(|i| natural(i).max(1)).collect();
    let gaps = GAP * columns.len().saturating_sub(1);
    if let Some(flex) = columns.iter().position(|c| c.flex) {
        let fixed: usize = widths.iter().enumerate().filter(|&(i, _)| i != flex).map(|(_, w)| w).sum();
        let available = target.saturating_sub(fixed + gaps).max(FLEX_MIN).max(columns[flex].header.width());
        widths[flex] = available.min(MAX_WIDTH.saturating_sub(fixed + gaps).max(FLEX_MIN));
    }
    // Only absurd values (numbers near the limits in every column) get here: shrink the
    // widest column until the table fits, letting its cells wrap.
    while widths.iter().sum::<usize>() + gaps > MAX_WIDTH {
        let Some(widest) = (0..widths.len()).max_by_key(|&i| widths[i]) else { break };
        if widths[widest] <= 1 {
            break;
        }
        widths[widest] -= 1;
    }

    let mut out = Vec::new();
    let header: Vec<String> = columns.iter().map(|c| c.header.to_owned()).collect();
    out.extend(table_row(columns, &widths, &header));
    out.push(widths.iter().map(|&w| "-".repeat(w)).collect::<Vec<_>>().join(&" ".repeat(GAP)));
    for row in rows {
        out.extend(table_row(columns, &widths, row));
    }
    out
}

fn table_row(columns: &[Column], widths: &[usize], cells: &[String]) -> Vec<String> {
    let wrapped: Vec<Vec<String>> =
        widths.iter().enumerate().map(|(i, &w)| wrap(cells.get(i).map_or("", String::as_str), w)).collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    (0..height)
        .map(|line| {
            let cells: Vec<String> = wrapped
                .iter()
                .zip(columns)
                .zip(widths)
                .map(|((cell, column), &w)| pad(cell.get(line).map_or("", String::as_str), w, column.align))
                .collect();
            cells.join(&" ".repeat(GAP))
        })
        .collect()
}

fn pad(text: &str, width: usize, align: Align) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    match align {
        Align::Left => format!("{text}{fill}"),
        Align::Right => format!("{fill}{text}"),
    }
}

/// Wraps text at spaces to lines at most `width` display columns wide; words wider
/// than that (CJK sentences have no spaces) break between characters. Newlines start
/// a new line; an empty paragraph gives an empty line. Lines that fit are kept as
/// they are; lines that do not are re-flowed (runs of spaces become one).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        // A line that fits keeps its spacing (notes may line things up with spaces).
        if paragraph.width() <= width {
            lines.push(paragraph.to_owned());
            continue;
        }
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let joined = line.width() + 1 + word.width();
            if !line.is_empty() && joined <= width {
                line.push(' ');
                line.push_str(word);
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word.width() <= width {
                line.push_str(word);
                continue;
            }
            for c in word.chars() {
                line.push(c);
                if line.width() > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests;
