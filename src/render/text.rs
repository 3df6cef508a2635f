//! Plain-text rendering: an aligned, fixed-width invoice for terminals and e-mail.
//!
//! This module owns the text layout and the small display helpers the other
//! human-readable renderers share (unit and tax-category labels, IBAN grouping, the
//! draft test). It computes nothing: every amount comes ready from
//! [`crate::invoice`].
//!
//! Layout rules:
//! - the document aims at 80 columns and widens, never past 100, only when the
//!   numeric columns of the line table need it; long text wraps inside its column;
//! - widths are display widths (`unicode-width`), so CJK text aligns;
//! - amounts are printed exactly as stored (the `Decimal`'s string, which carries the
//!   currency's minor units) followed by the currency code: no locale grouping, so the
//!   text is unambiguous in every locale and diffs cleanly;
//! - every value from the invoice passes through [`escape_controls`] before output,
//!   even though validation already refuses control characters (defense in depth).

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use crate::invoice::Invoice;
use crate::invoice::model::{DocumentType, InvoiceAdjustment, Party, Status, TaxCategory};
use crate::invoice::money;
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
    let minor = minor_units(invoice);
    let table = line_table(invoice, minor);
    let width = table.first().map_or(WIDTH, |l| l.width()).max(WIDTH);
    let mut out: Vec<String> = Vec::new();

    header(&mut out, invoice, width);
    out.push(String::new());
    out.extend(side_by_side(("From", party_lines(&invoice.seller)), ("Bill to", party_lines(&invoice.buyer)), width));
    out.push(String::new());
    out.extend(table);
    adjustments(&mut out, invoice, width);
    tax_breakdown(&mut out, invoice, width);
    out.push(String::new());
    totals(&mut out, invoice, width);
    payment(&mut out, invoice, width);
    notes(&mut out, invoice, width);

    let mut text = String::new();
    for line in out {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

// ---------------------------------------------------------------------------------------
// Shared display helpers (also used by the HTML renderer).

/// Whether the invoice is a draft: not issued yet, or without a number.
pub(crate) fn is_draft(invoice: &Invoice) -> bool {
    invoice.status == Status::Draft || invoice.number.is_none()
}

/// The document title: "Invoice" or "Credit note".
pub(crate) fn title(kind: DocumentType) -> &'static str {
    match kind {
        DocumentType::Invoice => "Invoice",
        DocumentType::CreditNote => "Credit note",
    }
}

/// A short, readable label for common UN/ECE Rec 20 unit codes; other codes as they are.
pub(crate) fn unit_label(code: &str) -> &str {
    match code {
        "HUR" => "h",
        "MIN" => "min",
        "DAY" => "day",
        "WEE" => "week",
        "MON" => "month",
        "ANN" => "year",
        "C62" => "ea",
        "H87" => "pc",
        "KGM" => "kg",
        "GRM" => "g",
        "TNE" => "t",
        "LTR" => "l",
        "MTR" => "m",
        "KMT" => "km",
        "MTK" => "m²",
        "MTQ" => "m³",
        "KWH" => "kWh",
        "SET" => "set",
        other => other,
    }
}

/// The VAT category with its meaning, e.g. "S Standard rate".
pub(crate) fn category_label(category: TaxCategory) -> &'static str {
    match category {
        TaxCategory::S => "S Standard rate",
        TaxCategory::Z => "Z Zero rated",
        TaxCategory::E => "E Exempt",
        TaxCategory::AE => "AE Reverse charge",
        TaxCategory::K => "K Intra-EU supply",
        TaxCategory::G => "G Export",
        TaxCategory::O => "O Outside scope",
    }
}

/// A percentage without trailing zeros: `19`, `7.5`.
pub(crate) fn percent(rate: Decimal) -> String {
    rate.normalize().to_string()
}

/// A tax rate for the line table: the rate, plus the category code when it is not
/// the one the rate implies (`0 AE`).
pub(crate) fn rate_cell(rate: Decimal, category: TaxCategory) -> String {
    if category == TaxCategory::default_for(rate) {
        percent(rate)
    } else {
        format!("{} {}", percent(rate), category.code())
    }
}

/// A unit price with at least the currency's minor units (`80.5` → `80.50`); extra
/// precision is kept, never rounded away.
pub(crate) fn price(value: Decimal, minor: u32) -> String {
    let mut value = value;
    if value.scale() < minor {
        value.rescale(minor);
    }
    value.to_string()
}

/// The currency's minor units, falling back to the scale the amounts carry.
pub(crate) fn minor_units(invoice: &Invoice) -> u32 {
    money::minor_units(&invoice.currency).unwrap_or_else(|| invoice.totals.gross.scale())
}

/// An IBAN in groups of four for reading (`DE89 3704 0044 ...`).
pub(crate) fn group_iban(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// The payment reference to print: the one given, else the number of an issued invoice.
pub(crate) fn payment_reference(invoice: &Invoice) -> Option<&str> {
    let number = if is_draft(invoice) { None } else { invoice.number.as_deref() };
    invoice.payment.as_ref().and_then(|p| p.reference.as_deref()).or(number)
}

/// Postal code and city on one line, as far as they are known.
pub(crate) fn postal_city(postal_code: Option<&str>, city: Option<&str>) -> Option<String> {
    match (postal_code, city) {
        (Some(p), Some(c)) => Some(format!("{p} {c}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

// ---------------------------------------------------------------------------------------
// Sections.

fn clean(text: &str) -> String {
    escape_controls(text, false)
}

fn header(out: &mut Vec<String>, invoice: &Invoice, width: usize) {
    let title = title(invoice.kind).to_uppercase();
    let heading = match invoice.number.as_deref() {
        Some(number) => format!("{title} {}", clean(number)),
        None => title,
    };
    out.extend(wrap(&heading, width));
    out.push("=".repeat(width));
    if is_draft(invoice) {
        out.push("*** DRAFT — not an issued invoice ***".to_owned());
    }
    match invoice.status {
        Status::Paid => out.push(match invoice.paid_date {
            Some(date) => format!("PAID on {date}"),
            None => "PAID".to_owned(),
        }),
        Status::Void => {
            let status = match invoice.void_reason.as_deref() {
                Some(reason) => format!("VOID — {}", clean(reason)),
                None => "VOID".to_owned(),
            };
            out.extend(wrap(&status, width));
        }
        Status::Credited => {
            let by = invoice.credited_by.as_deref().map(|n| format!(" by {}", clean(n))).unwrap_or_default();
            out.extend(wrap(&format!("CREDITED{by}"), width));
        }
        Status::Draft | Status::Issued => {}
    }
    let mut fields = vec![
        ("Issue date", invoice.issue_date.to_string()),
        ("Due date", invoice.due_date.to_string()),
        ("Currency", clean(&invoice.currency)),
    ];
    let references = [
        ("Buyer reference", &invoice.buyer_reference),
        ("Order reference", &invoice.order_reference),
        ("Preceding invoice", &invoice.preceding_invoice),
    ];
    for (label, value) in references {
        if let Some(value) = value {
            fields.push((label, clean(value)));
        }
    }
    for (label, value) in crate::render::delivery_facts(invoice) {
        fields.push((label, value));
    }
    key_values(out, &fields, width);
}

fn party_lines(party: &Party) -> Vec<String> {
    let mut lines = Vec::new();
    lines.extend(party.name.as_deref().map(clean));
    if let Some(address) = &party.address {
        lines.extend(address.lines.iter().map(|l| clean(l)));
        lines.extend(postal_city(address.postal_code.as_deref(), address.city.as_deref()).map(|l| clean(&l)));
        lines.extend(address.country.as_deref().map(clean));
    }
    lines.extend(party.vat_id.as_deref().map(|v| format!("VAT ID: {}", clean(v))));
    lines.extend(party.tax_id.as_deref().map(|v| format!("Tax ID: {}", clean(v))));
    lines.extend(party.contact_name.as_deref().map(|v| format!("Contact: {}", clean(v))));
    lines.extend(party.email.as_deref().map(clean));
    lines.extend(party.phone.as_deref().map(clean));
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

fn line_table(invoice: &Invoice, minor: u32) -> Vec<String> {
    let discounts = invoice.lines.iter().any(|l| l.discount_percent.is_some_and(|d| !d.is_zero()));
    let mut columns = vec![
        Column::fixed("#", Align::Right),
        Column::flex("Description"),
        Column::fixed("Qty", Align::Right),
        Column::fixed("Unit", Align::Left),
        Column::fixed("Unit price", Align::Right),
    ];
    if discounts {
        columns.push(Column::fixed("Disc. %", Align::Right));
    }
    columns.push(Column::fixed("VAT %", Align::Right));
    columns.push(Column::fixed("Net", Align::Right));
    let rows = invoice
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut row = vec![
                (i + 1).to_string(),
                clean(&line.description),
                line.quantity.normalize().to_string(),
                clean(unit_label(&line.unit)),
                price(line.unit_price, minor),
            ];
            if discounts {
                row.push(line.discount_percent.filter(|d| !d.is_zero()).map(percent).unwrap_or_default());
            }
            row.push(rate_cell(line.tax_rate, line.tax_category));
            row.push(line.net.to_string());
            row
        })
        .collect::<Vec<_>>();
    table(&columns, &rows, WIDTH)
}

fn adjustments(out: &mut Vec<String>, invoice: &Invoice, width: usize) {
    if invoice.allowances.is_empty() && invoice.charges.is_empty() {
        return;
    }
    let row = |kind: &str, a: &InvoiceAdjustment| {
        vec![kind.to_owned(), clean(&a.reason), rate_cell(a.tax_rate, a.tax_category), a.amount.to_string()]
    };
    let rows: Vec<Vec<String>> = invoice
        .allowances
        .iter()
        .map(|a| row("Allowance", a))
        .chain(invoice.charges.iter().map(|c| row("Charge", c)))
        .collect();
    let columns = [
        Column::fixed("Type", Align::Left),
        Column::flex("Reason"),
        Column::fixed("VAT %", Align::Right),
        Column::fixed("Amount", Align::Right),
    ];
    out.push(String::new());
    out.extend(table(&columns, &rows, width));
}

fn tax_breakdown(out: &mut Vec<String>, invoice: &Invoice, width: usize) {
    if invoice.totals.tax.is_empty() {
        return;
    }
    let reasons = invoice.totals.tax.iter().any(|t| t.exemption_reason.is_some());
    let mut columns = vec![
        Column::fixed("VAT category", Align::Left),
        Column::fixed("Rate %", Align::Right),
        Column::fixed("Base", Align::Right),
        Column::fixed("VAT", Align::Right),
    ];
    if reasons {
        columns.push(Column::flex("Exemption reason"));
    }
    let rows: Vec<Vec<String>> = invoice
        .totals
        .tax
        .iter()
        .map(|t| {
            let mut row =
                vec![category_label(t.category).to_owned(), percent(t.rate), t.base.to_string(), t.amount.to_string()];
            if reasons {
                row.push(t.exemption_reason.as_deref().map(clean).unwrap_or_default());
            }
            row
        })
        .collect();
    section(out, &format!("VAT breakdown ({})", clean(&invoice.currency)), width);
    out.extend(table(&columns, &rows, if reasons { width } else { 0 }));
}

fn totals(out: &mut Vec<String>, invoice: &Invoice, width: usize) {
    let t = &invoice.totals;
    let currency = clean(&invoice.currency);
    let adjusted = !t.allowances.is_zero() || !t.charges.is_zero();
    let mut rows: Vec<(&str, &Decimal)> = Vec::new();
    if adjusted {
        rows.push(("Lines net", &t.lines_net));
        if !t.allowances.is_zero() {
            rows.push(("Less allowances", &t.allowances));
        }
        if !t.charges.is_zero() {
            rows.push(("Plus charges", &t.charges));
        }
    }
    rows.push(("Net total", &t.net));
    rows.push(("VAT", &t.tax_total));
    rows.push(("Total", &t.gross));
    let prepaid = !t.prepaid.is_zero();
    if prepaid {
        rows.push(("Less prepaid", &t.prepaid));
    }
    let due_label = match invoice.kind {
        DocumentType::Invoice => "AMOUNT DUE",
        DocumentType::CreditNote => "AMOUNT CREDITED",
    };
    rows.push((due_label, &t.due));

    let amount_width = rows.iter().map(|(_, v)| v.to_string().len()).max().unwrap_or(0);
    let label_width = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let block = label_width + GAP + amount_width + 1 + currency.width();
    let indent = " ".repeat(width.saturating_sub(block));
    let line = |label: &str, value: &Decimal| {
        format!("{indent}{label:<label_width$}{:gap$}{value:>amount_width$} {currency}", "", gap = GAP)
    };
    let last = rows.len() - 1;
    for (i, (label, value)) in rows.iter().enumerate() {
        if *label == "Total" || i == last {
            out.push(format!("{indent}{}", if i == last { "=" } else { "-" }.repeat(block)));
        }
        out.push(line(label, value));
    }
}

fn payment(out: &mut Vec<String>, invoice: &Invoice, width: usize) {
    let Some(payment) = &invoice.payment else { return };
    let mut fields = Vec::new();
    if let Some(means) = payment.means {
        fields.push(("Payment means", means.label().to_owned()));
    }
    if let Some(iban) = &payment.iban {
        fields.push(("IBAN", group_iban(&clean(iban))));
    }
    if let Some(bic) = &payment.bic {
        fields.push(("BIC", clean(bic)));
    }
    if let Some(terms) = &payment.terms {
        fields.push(("Terms", clean(terms)));
    }
    if let Some(reference) = payment_reference(invoice) {
        fields.push(("Payment reference", clean(reference)));
    }
    if fields.is_empty() {
        return;
    }
    section(out, "Payment", width);
    key_values(out, &fields, width);
}

fn notes(out: &mut Vec<String>, invoice: &Invoice, width: usize) {
    let Some(notes) = &invoice.notes else { return };
    section(out, "Notes", width);
    out.extend(wrap(&escape_controls(&notes.replace('\t', "    "), true), width));
}

fn section(out: &mut Vec<String>, title: &str, width: usize) {
    out.push(String::new());
    out.push(title.to_owned());
    out.push("-".repeat(title.width().min(width)));
}

fn key_values(out: &mut Vec<String>, fields: &[(&str, String)], width: usize) {
    let value_width = width - LABEL_WIDTH;
    for (label, value) in fields {
        for (i, line) in wrap(value, value_width).into_iter().enumerate() {
            let label = if i == 0 { *label } else { "" };
            out.push(format!("{}{line}", pad(label, LABEL_WIDTH, Align::Left)));
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
