//! HTML rendering: one self-contained HTML5 document that prints well on A4.
//!
//! This module owns the markup, the stylesheet and the Content Security Policy that
//! goes with them. The document loads nothing: no scripts, no images, no fonts, no
//! links; its only style is one inline `<style>` block whose SHA-256 the policy
//! allows by hash, so no `style=` attribute or injected element could take effect
//! even if escaping ever failed.
//!
//! Every value from the invoice is untrusted: it passes through [`escape_controls`]
//! and then [`escape`], the one function that turns text into HTML. Amounts are
//! printed exactly as stored (the currency's minor units, no locale grouping), like
//! the text renderer does.

use std::fmt::{self, Write as _};
use std::sync::LazyLock;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::text::{
    category_label, group_iban, is_draft, minor_units, payment_reference, percent, postal_city, price, rate_cell,
    title, unit_label,
};
use crate::invoice::Invoice;
use crate::invoice::model::{DocumentType, InvoiceAdjustment, Party, Status};
use crate::security::text::escape_controls;

/// The document's only stylesheet, emitted verbatim and allowed by its hash.
const STYLE: &str = r#"
@page { size: A4; margin: 14mm 14mm 16mm; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: #e9ecef; color: #1d2430;
  font: 10pt/1.45 "Helvetica Neue", Helvetica, Arial, "Noto Sans", "Noto Sans CJK JP", "Hiragino Sans",
    "Yu Gothic", "Microsoft YaHei", sans-serif;
}
.page {
  position: relative; overflow: hidden; max-width: 210mm; min-height: 297mm; margin: 8mm auto;
  padding: 16mm 15mm; background: #fff; box-shadow: 0 2px 10px rgba(0, 0, 0, .12);
}
.page > * { position: relative; z-index: 1; }
.draft .page::before {
  content: "DRAFT"; position: absolute; z-index: 0; top: 42%; left: 50%;
  transform: translate(-50%, -50%) rotate(-32deg); font-size: 150pt; font-weight: 800;
  letter-spacing: .12em; color: rgba(196, 43, 28, .07); pointer-events: none;
}
.banner {
  margin: 0 0 7mm; padding: 2.5mm 4mm; border: 1.5pt solid #c42b1c; border-radius: 2mm;
  color: #c42b1c; font-weight: 700; letter-spacing: .06em; text-align: center; text-transform: uppercase;
}
h1, h2, p, dl, dd, address { margin: 0; }
address { font-style: normal; }
.head { display: flex; justify-content: space-between; align-items: flex-start; gap: 10mm;
  padding-bottom: 6mm; border-bottom: 2pt solid #1d2430; }
.seller { max-width: 60%; }
.seller .name { font-size: 15pt; font-weight: 700; line-height: 1.2; margin-bottom: 1.5mm; }
.muted, .seller address, .ids { color: #4a5568; }
.doc { text-align: right; min-width: 62mm; }
.doc h1 { font-size: 22pt; font-weight: 300; letter-spacing: .14em; text-transform: uppercase; line-height: 1.1; }
.meta { display: grid; grid-template-columns: auto auto; justify-content: end; column-gap: 4mm;
  row-gap: .5mm; margin-top: 3mm; }
.meta dt { color: #4a5568; }
.meta dd { font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.stamp { display: inline-block; margin-top: 3mm; padding: 1mm 3mm; border: 1.5pt solid currentColor;
  border-radius: 1.5mm; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; }
.stamp.paid { color: #17803d; }
.stamp.void { color: #c42b1c; }
.stamp.credited { color: #a15c07; }
.parties { display: grid; grid-template-columns: 1fr 1fr; gap: 10mm; margin: 7mm 0; }
h2 { font-size: 8pt; font-weight: 700; letter-spacing: .1em; text-transform: uppercase; color: #6b7280;
  margin-bottom: 1.5mm; }
.buyer .name { font-size: 11.5pt; font-weight: 700; }
.kv { display: grid; grid-template-columns: max-content 1fr; column-gap: 4mm; row-gap: .5mm; }
.kv dt { color: #4a5568; }
.kv dd { overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th { font-size: 8pt; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: #4a5568;
  text-align: left; padding: 2mm 2mm; border-bottom: 1pt solid #1d2430; }
td { padding: 2mm 2mm; border-bottom: .5pt solid #d5dae1; vertical-align: top; }
th:first-child, td:first-child { padding-left: 0; }
th:last-child, td:last-child { padding-right: 0; }
.num { text-align: right; white-space: nowrap; }
.desc { width: 100%; overflow-wrap: anywhere; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.items { margin-top: 2mm; }
.adjustments { margin-top: 5mm; }
.summary { display: flex; justify-content: space-between; align-items: flex-start; gap: 10mm; margin-top: 7mm;
  break-inside: avoid; }
.tax { flex: 1 1 auto; max-width: 55%; }
.tax td { font-size: 9pt; }
.totals { flex: 0 0 78mm; }
.totals td { border: 0; padding: 1mm 0; }
.totals .grand td { border-top: 1pt solid #1d2430; padding-top: 2mm; font-weight: 700; font-size: 11pt; }
.totals .due td { background: #1d2430; color: #fff; font-weight: 700; font-size: 12.5pt; padding: 2.5mm 3mm; }
.code { font-weight: 400; font-size: 8.5pt; opacity: .8; margin-left: 1mm; }
.closing { display: grid; grid-template-columns: 1fr 1fr; gap: 10mm; margin-top: 8mm; }
.payment, .notes { break-inside: avoid; }
.notes p { overflow-wrap: anywhere; }
.iban { font-variant-numeric: tabular-nums; letter-spacing: .03em; }
@media print {
  body { background: #fff; }
  .page { margin: 0; padding: 0; max-width: none; min-height: 0; box-shadow: none; overflow: visible; }
  .draft .page::before { position: fixed; }
  body { font-size: 9.5pt; }
  .banner { margin-bottom: 5mm; }
  .head { padding-bottom: 4mm; }
  .parties { margin: 5mm 0; }
  th, td { padding-top: 1.5mm; padding-bottom: 1.5mm; }
  .summary { margin-top: 5mm; }
  .closing { margin-top: 6mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The policy, computed once from [`STYLE`].
static POLICY: LazyLock<String> = LazyLock::new(|| {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE.as_bytes()));
    format!("default-src 'none'; style-src 'sha256-{hash}'; img-src 'none'; base-uri 'none'; form-action 'none'")
});

/// The Content Security Policy of every rendered document: nothing may load, and only
/// the document's own inline stylesheet (allowed by its SHA-256) applies.
///
/// The document carries it in a `<meta http-equiv>` tag; the daemon sends the same
/// value as its `Content-Security-Policy` header (it may add `frame-ancestors 'none'`,
/// which only works as a header).
#[must_use]
pub fn content_security_policy() -> String {
    POLICY.clone()
}

/// Escapes text for HTML element content and quoted attribute values.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Untrusted single-line text → HTML.
fn esc(text: &str) -> String {
    escape(&escape_controls(text, false))
}

/// Renders the invoice as one self-contained HTML document.
#[must_use]
pub fn render(invoice: &Invoice) -> String {
    let mut html = String::with_capacity(16 * 1024);
    // fmt::Write into a String cannot fail; the fmt::Result only carries `?` through.
    let _ = document(&mut html, invoice);
    html
}

fn document(html: &mut String, invoice: &Invoice) -> fmt::Result {
    let draft = is_draft(invoice);
    html.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    // The policy is constants plus base64 (no `"` or `&`), so it goes in verbatim and
    // matches the daemon's header byte for byte.
    writeln!(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">", *POLICY)?;
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    writeln!(html, "<title>{}</title>", document_title(invoice))?;
    writeln!(html, "<style>{STYLE}</style>\n</head>")?;
    html.push_str(if draft { "<body class=\"draft\">\n" } else { "<body>\n" });
    html.push_str("<main class=\"page\">\n");
    if draft {
        html.push_str("<p class=\"banner\">Draft — not an issued invoice</p>\n");
    }
    header(html, invoice)?;
    parties(html, invoice)?;
    lines(html, invoice)?;
    adjustments(html, invoice)?;
    summary(html, invoice)?;
    if invoice.payment.is_some() || invoice.notes.is_some() {
        html.push_str("<section class=\"closing\">\n");
        payment(html, invoice)?;
        notes(html, invoice)?;
        html.push_str("</section>\n");
    }
    html.push_str("</main>\n</body>\n</html>\n");
    Ok(())
}

fn document_title(invoice: &Invoice) -> String {
    let mut title = title(invoice.kind).to_owned();
    match &invoice.number {
        Some(number) if !is_draft(invoice) => {
            title.push(' ');
            title.push_str(&esc(number));
        }
        _ => title.push_str(" (draft)"),
    }
    if let Some(name) = &invoice.seller.name {
        title.push_str(" — ");
        title.push_str(&esc(name));
    }
    title
}

fn header(html: &mut String, invoice: &Invoice) -> fmt::Result {
    html.push_str("<header class=\"head\">\n<div class=\"seller\">\n");
    let seller = &invoice.seller;
    if let Some(name) = &seller.name {
        writeln!(html, "<p class=\"name\" dir=\"auto\">{}</p>", esc(name))?;
    }
    address(html, seller)?;
    let mut ids = Vec::new();
    ids.extend(seller.vat_id.as_deref().map(|v| format!("VAT ID {}", esc(v))));
    ids.extend(seller.tax_id.as_deref().map(|v| format!("Tax ID {}", esc(v))));
    ids.extend(seller.contact_name.as_deref().map(|v| format!("Contact {}", esc(v))));
    ids.extend(seller.email.as_deref().map(esc));
    ids.extend(seller.phone.as_deref().map(esc));
    if !ids.is_empty() {
        writeln!(html, "<p class=\"ids\">{}</p>", ids.join("<br>"))?;
    }
    html.push_str("</div>\n<div class=\"doc\">\n");
    writeln!(html, "<h1>{}</h1>\n<dl class=\"meta\">", title(invoice.kind))?;
    let number = match &invoice.number {
        Some(number) if !is_draft(invoice) => esc(number),
        _ => "Draft".to_owned(),
    };
    dl_row(html, "Number", &number)?;
    dl_row(html, "Issue date", &invoice.issue_date.to_string())?;
    dl_row(html, "Due date", &invoice.due_date.to_string())?;
    html.push_str("</dl>\n");
    if let Some((class, text)) = stamp(invoice) {
        writeln!(html, "<p class=\"stamp {class}\">{text}</p>")?;
    }
    html.push_str("</div>\n</header>\n");
    Ok(())
}

fn stamp(invoice: &Invoice) -> Option<(&'static str, String)> {
    Some(match invoice.status {
        Status::Paid => ("paid", invoice.paid_date.map_or_else(|| "Paid".to_owned(), |d| format!("Paid on {d}"))),
        Status::Void => {
            ("void", invoice.void_reason.as_deref().map_or_else(|| "Void".to_owned(), |r| format!("Void — {}", esc(r))))
        }
        Status::Credited => (
            "credited",
            invoice.credited_by.as_deref().map_or_else(|| "Credited".to_owned(), |n| format!("Credited by {}", esc(n))),
        ),
        Status::Draft | Status::Issued => return None,
    })
}

fn address(html: &mut String, party: &Party) -> fmt::Result {
    let Some(address) = &party.address else { return Ok(()) };
    let mut lines: Vec<String> = address.lines.iter().map(|l| esc(l)).collect();
    lines.extend(postal_city(address.postal_code.as_deref(), address.city.as_deref()).map(|l| esc(&l)));
    lines.extend(address.country.as_deref().map(esc));
    if !lines.is_empty() {
        writeln!(html, "<address dir=\"auto\">{}</address>", lines.join("<br>"))?;
    }
    Ok(())
}

fn parties(html: &mut String, invoice: &Invoice) -> fmt::Result {
    let buyer = &invoice.buyer;
    html.push_str("<section class=\"parties\">\n<div class=\"buyer\">\n<h2>Bill to</h2>\n");
    if let Some(name) = &buyer.name {
        writeln!(html, "<p class=\"name\" dir=\"auto\">{}</p>", esc(name))?;
    }
    address(html, buyer)?;
    let mut ids = Vec::new();
    ids.extend(buyer.vat_id.as_deref().map(|v| format!("VAT ID {}", esc(v))));
    ids.extend(buyer.tax_id.as_deref().map(|v| format!("Tax ID {}", esc(v))));
    ids.extend(buyer.contact_name.as_deref().map(|v| format!("Contact {}", esc(v))));
    ids.extend(buyer.email.as_deref().map(esc));
    ids.extend(buyer.phone.as_deref().map(esc));
    if !ids.is_empty() {
        writeln!(html, "<p class=\"muted\">{}</p>", ids.join("<br>"))?;
    }
    html.push_str("</div>\n<div class=\"refs\">\n<h2>Details</h2>\n<dl class=\"kv\">\n");
    dl_row(html, "Currency", &esc(&invoice.currency))?;
    let references = [
        ("Buyer reference", &invoice.buyer_reference),
        ("Order reference", &invoice.order_reference),
        ("Preceding invoice", &invoice.preceding_invoice),
    ];
    for (label, value) in references {
        if let Some(value) = value {
            dl_row(html, label, &esc(value))?;
        }
    }
    for (label, value) in crate::render::delivery_facts(invoice) {
        dl_row(html, label, &esc(&value))?;
    }
    html.push_str("</dl>\n</div>\n</section>\n");
    Ok(())
}

fn lines(html: &mut String, invoice: &Invoice) -> fmt::Result {
    let minor = minor_units(invoice);
    let discounts = invoice.lines.iter().any(|l| l.discount_percent.is_some_and(|d| !d.is_zero()));
    html.push_str("<table class=\"items\">\n<thead><tr><th class=\"num\">#</th><th>Description</th>");
    html.push_str("<th class=\"num\">Qty</th><th>Unit</th><th class=\"num\">Unit price</th>");
    if discounts {
        html.push_str("<th class=\"num\">Disc. %</th>");
    }
    writeln!(
        html,
        "<th class=\"num\">VAT %</th><th class=\"num\">Net {}</th></tr></thead>\n<tbody>",
        esc(&invoice.currency)
    )?;
    for (i, line) in invoice.lines.iter().enumerate() {
        write!(
            html,
            "<tr><td class=\"num\">{}</td><td class=\"desc\" dir=\"auto\">{}</td><td class=\"num\">{}</td>\
             <td>{}</td><td class=\"num\">{}</td>",
            i + 1,
            esc(&line.description),
            line.quantity.normalize(),
            esc(unit_label(&line.unit)),
            price(line.unit_price, minor),
        )?;
        if discounts {
            write!(
                html,
                "<td class=\"num\">{}</td>",
                line.discount_percent.filter(|d| !d.is_zero()).map(percent).unwrap_or_default()
            )?;
        }
        writeln!(
            html,
            "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            rate_cell(line.tax_rate, line.tax_category),
            line.net
        )?;
    }
    html.push_str("</tbody>\n</table>\n");
    Ok(())
}

fn adjustments(html: &mut String, invoice: &Invoice) -> fmt::Result {
    if invoice.allowances.is_empty() && invoice.charges.is_empty() {
        return Ok(());
    }
    html.push_str("<table class=\"adjustments\">\n<thead><tr><th>Type</th><th>Reason</th>");
    writeln!(
        html,
        "<th class=\"num\">VAT %</th><th class=\"num\">Amount {}</th></tr></thead>\n<tbody>",
        esc(&invoice.currency)
    )?;
    let row = |html: &mut String, kind: &str, a: &InvoiceAdjustment| -> fmt::Result {
        writeln!(
            html,
            "<tr><td>{kind}</td><td class=\"desc\" dir=\"auto\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td></tr>",
            esc(&a.reason),
            rate_cell(a.tax_rate, a.tax_category),
            a.amount
        )
    };
    for a in &invoice.allowances {
        row(html, "Allowance", a)?;
    }
    for c in &invoice.charges {
        row(html, "Charge", c)?;
    }
    html.push_str("</tbody>\n</table>\n");
    Ok(())
}

fn summary(html: &mut String, invoice: &Invoice) -> fmt::Result {
    let totals = &invoice.totals;
    let currency = esc(&invoice.currency);
    html.push_str("<section class=\"summary\">\n<div class=\"tax\">\n");
    if !totals.tax.is_empty() {
        html.push_str("<h2>VAT breakdown</h2>\n<table>\n<thead><tr><th>Category</th><th class=\"num\">Rate %</th>");
        html.push_str("<th class=\"num\">Base</th><th class=\"num\">VAT</th></tr></thead>\n<tbody>\n");
        for group in &totals.tax {
            write!(html, "<tr><td>{}", escape(category_label(group.category)))?;
            if let Some(reason) = &group.exemption_reason {
                write!(html, "<br><span class=\"muted\" dir=\"auto\">{}</span>", esc(reason))?;
            }
            writeln!(
                html,
                "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                percent(group.rate),
                group.base,
                group.amount
            )?;
        }
        html.push_str("</tbody>\n</table>\n");
    }
    html.push_str("</div>\n<table class=\"totals\">\n<tbody>\n");
    let row = |html: &mut String, class: &str, label: &str, amount: &rust_decimal::Decimal| -> fmt::Result {
        let class = if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") };
        writeln!(
            html,
            "<tr{class}><td>{label}</td><td class=\"num\">{amount}<span class=\"code\">{currency}</span></td></tr>"
        )
    };
    let adjusted = !totals.allowances.is_zero() || !totals.charges.is_zero();
    if adjusted {
        row(html, "", "Lines net", &totals.lines_net)?;
        if !totals.allowances.is_zero() {
            row(html, "", "Less allowances", &totals.allowances)?;
        }
        if !totals.charges.is_zero() {
            row(html, "", "Plus charges", &totals.charges)?;
        }
    }
    row(html, "", "Net total", &totals.net)?;
    row(html, "", "VAT", &totals.tax_total)?;
    row(html, "grand", "Total", &totals.gross)?;
    if !totals.prepaid.is_zero() {
        row(html, "", "Less prepaid", &totals.prepaid)?;
    }
    let due = match invoice.kind {
        DocumentType::Invoice => "Amount due",
        DocumentType::CreditNote => "Amount credited",
    };
    row(html, "due", due, &totals.due)?;
    html.push_str("</tbody>\n</table>\n</section>\n");
    Ok(())
}

fn payment(html: &mut String, invoice: &Invoice) -> fmt::Result {
    let Some(payment) = &invoice.payment else { return Ok(()) };
    let mut rows = Vec::new();
    if let Some(means) = payment.means {
        rows.push(("Payment means", escape(means.label())));
    }
    if let Some(iban) = &payment.iban {
        rows.push((
            "IBAN",
            format!("<span class=\"iban\">{}</span>", escape(&group_iban(&escape_controls(iban, false)))),
        ));
    }
    if let Some(bic) = &payment.bic {
        rows.push(("BIC", format!("<span class=\"iban\">{}</span>", esc(bic))));
    }
    if let Some(terms) = &payment.terms {
        rows.push(("Terms", esc(terms)));
    }
    if let Some(reference) = payment_reference(invoice) {
        rows.push(("Reference", esc(reference)));
    }
    if rows.is_empty() {
        return Ok(());
    }
    html.push_str("<div class=\"payment\">\n<h2>Payment</h2>\n<dl class=\"kv\">\n");
    for (label, value) in rows {
        dl_row(html, label, &value)?;
    }
    html.push_str("</dl>\n</div>\n");
    Ok(())
}

fn notes(html: &mut String, invoice: &Invoice) -> fmt::Result {
    let Some(notes) = &invoice.notes else { return Ok(()) };
    let text = escape(&escape_controls(&notes.replace('\t', "    "), true)).replace('\n', "<br>\n");
    writeln!(html, "<div class=\"notes\">\n<h2>Notes</h2>\n<p dir=\"auto\">{text}</p>\n</div>")
}

/// One `<dt>`/`<dd>` pair; `value` is HTML already escaped by the caller.
fn dl_row(html: &mut String, label: &str, value: &str) -> fmt::Result {
    writeln!(html, "<dt>{}</dt><dd>{value}</dd>", escape(label))
}

#[cfg(test)]
mod tests;
