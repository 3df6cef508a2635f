//! HTML rendering: one self-contained HTML5 document that prints well on A4.
//!
//! This module owns the markup, the stylesheet and the Content Security Policy that
//! goes with them. The document loads nothing: no scripts, no images, no fonts, no
//! links; its only style is one inline `<style>` block whose SHA-256 the policy
//! allows by hash, so no `style=` attribute or injected element could take effect
//! even if escaping ever failed.
//!
//! Every value from the invoice is untrusted: it passes through [`escape_controls`]
//! and then [`escape`], the one function that turns text into HTML. Words and number
//! formats come from [`super::vocabulary`], like in text and PDF.

use std::fmt::{self, Write as _};
use std::sync::LazyLock;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::document::{self, is_draft, minor_units, payment_reference};
use super::vocabulary::{self, Vocabulary, group_iban};
use crate::invoice::Invoice;
use crate::invoice::model::{DocumentType, InvoiceAdjustment, Party};
use crate::security::text::escape_controls;

/// The document's only stylesheet, emitted verbatim and allowed by its hash.
const STYLE: &str = r#"
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
  content: attr(data-draft); position: absolute; z-index: 0; top: 42%; left: 50%;
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
.totals .payby td { padding-top: 1.5mm; text-align: right; color: #4a5568; font-size: 9pt; }
.scroll { max-width: 100%; overflow-x: auto; }
.note { margin-top: 2mm; color: #4a5568; font-size: 9pt; }
.logo { display: block; max-width: 45mm; max-height: 18mm; margin-bottom: 3mm; }
.qrcode { margin: 3mm 0 0; display: flex; align-items: center; gap: 3mm; color: #4a5568; font-size: 8.5pt; }
.qrcode .qr { width: 30mm; height: 30mm; flex: 0 0 auto; }
.code { font-weight: 400; font-size: 8.5pt; opacity: .8; margin-left: 1mm; }
.closing { display: grid; grid-template-columns: 1fr 1fr; gap: 10mm; margin-top: 8mm; }
.payment, .notes { break-inside: avoid; }
.notes p { overflow-wrap: anywhere; }
.iban { font-variant-numeric: tabular-nums; letter-spacing: .03em; overflow-wrap: normal; }
.iban .g { white-space: nowrap; }
.legal { margin-top: 8mm; padding-top: 2mm; border-top: .5pt solid #d5dae1; color: #4a5568; font-size: 8pt; }
.legal p { overflow-wrap: anywhere; }
.sheet > .foot { display: none; }
@media screen and (max-width: 640px) {
  .page { margin: 0; padding: 6mm 4mm; min-height: 0; box-shadow: none; }
  .head, .summary { flex-direction: column; gap: 4mm; }
  .seller, .tax { max-width: none; width: 100%; }
  .doc { text-align: left; min-width: 0; }
  .meta { justify-content: start; }
  .doc h1 { font-size: 18pt; letter-spacing: .08em; }
  .parties, .closing { grid-template-columns: minmax(0, 1fr); gap: 5mm; }
  .totals { flex: 1 1 auto; width: 100%; }
  .draft .page::before { font-size: 64pt; }
  .desc { min-width: 24ch; }
}
@media screen and (max-width: 480px) {
  .blocks, .blocks tbody, .blocks tr, .blocks td { display: block; }
  .blocks thead { display: none; }
  .blocks tr { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 2mm;
    padding: 2mm 0; border-bottom: .5pt solid #d5dae1; }
  .blocks td { order: 2; border: 0; padding: 0; text-align: left; color: #4a5568; }
  .blocks td.no, .blocks td.kind { order: 0; }
  .blocks td.desc { order: 0; flex: 1 1 70%; min-width: 0; width: auto; font-weight: 600; color: inherit; }
  .blocks tr::after { content: ""; order: 1; flex-basis: 100%; }
  .blocks td.price::before { content: "× "; }
  .blocks td[data-label]::before { content: attr(data-label) " "; color: #6b7280; }
  .blocks td.last { margin-left: auto; font-weight: 600; color: inherit; }
}
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
  .legal { position: fixed; bottom: 0; left: 0; right: 0; margin: 0; background: #fff; }
  .sheet { display: table; width: 100%; }
  .sheet > .body { display: table-row-group; }
  .sheet > .foot { display: table-footer-group; }
  .legal.spacer { position: static; visibility: hidden; }
}
"#;

/// The print page of A4 documents, a style block of its own so the main one is the
/// same for every paper (SPEC 11: `@page` follows `--paper`).
const PAGE_A4: &str = "@page { size: A4; margin: 14mm 14mm 16mm; }";
/// The print page of US Letter documents.
const PAGE_LETTER: &str = "@page { size: letter; margin: 14mm 14mm 16mm; }";

/// The policy, computed once from [`STYLE`] and the two page styles.
static POLICY: LazyLock<String> = LazyLock::new(|| {
    let hash = |style: &str| {
        format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style.as_bytes())))
    };
    let styles = [STYLE, PAGE_A4, PAGE_LETTER].map(hash).join(" ");
    format!("default-src 'none'; style-src {styles}; img-src 'none'; base-uri 'none'; form-action 'none'")
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

/// The Content Security Policy of a document with the seller's logo: as
/// [`content_security_policy`], except that `data:` images (the embedded logo) may show.
/// The daemon sends it as its header with such a document, or the header would hide the
/// logo the document's own policy allows.
#[must_use]
pub fn content_security_policy_with_logo() -> String {
    POLICY.replace("img-src 'none'", "img-src data:")
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

/// Renders the invoice as one self-contained HTML document that prints on A4.
#[must_use]
pub fn render(invoice: &Invoice) -> String {
    render_on(invoice, super::Paper::A4)
}

/// Renders the invoice as one self-contained HTML document whose print `@page` is
/// `paper` (a named page in the same style block, so the policy's hash is one).
#[must_use]
pub fn render_on(invoice: &Invoice, paper: super::Paper) -> String {
    render_with(invoice, paper, None)
}

/// Like [`render_on`], with the seller's logo top left. A document with a logo allows
/// `data:` images in its own policy (the logo is embedded, nothing loads); without one
/// the policy stays `img-src 'none'`.
#[must_use]
pub fn render_with(invoice: &Invoice, paper: super::Paper, logo: Option<&super::logo::Logo>) -> String {
    let mut html = String::with_capacity(16 * 1024);
    // fmt::Write into a String cannot fail; the fmt::Result only carries `?` through.
    let _ = document(&mut html, invoice, paper, logo);
    html
}

fn document(
    html: &mut String,
    invoice: &Invoice,
    paper: super::Paper,
    logo: Option<&super::logo::Logo>,
) -> fmt::Result {
    let v = vocabulary::for_invoice(invoice);
    let draft = is_draft(invoice);
    writeln!(html, "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">", v.tag)?;
    // The policy is constants plus base64 (no `"` or `&`), so it goes in verbatim and
    // matches the daemon's header byte for byte.
    let policy = if logo.is_some() { content_security_policy_with_logo() } else { content_security_policy() };
    writeln!(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">")?;
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    writeln!(html, "<title>{}</title>", document_title(v, invoice))?;
    let page = match paper {
        super::Paper::A4 => PAGE_A4,
        super::Paper::Letter => PAGE_LETTER,
    };
    writeln!(html, "<style>{STYLE}</style>\n<style>{page}</style>\n</head>")?;
    html.push_str(if draft { "<body class=\"draft\">\n" } else { "<body>\n" });
    if draft {
        // The watermark in the document's language ("ENTWURF"), through an attribute: the
        // stylesheet stays one text for every language, so its hash does.
        writeln!(html, "<main class=\"page\" data-draft=\"{}\">", escape(&v.labels.draft.to_uppercase()))?;
    } else {
        html.push_str("<main class=\"page\">\n");
    }
    // In print, the document is one table whose footer group repeats on every page and
    // keeps room for the fixed legal footer (SPEC 15); on screen both are plain blocks.
    let legal = document::legal_text(invoice);
    if !legal.is_empty() {
        html.push_str("<div class=\"sheet\">\n<div class=\"body\">\n");
    }
    if draft {
        writeln!(html, "<p class=\"banner\">{}</p>", escape(v.labels.draft_banner))?;
    }
    header(html, v, invoice, logo)?;
    parties(html, v, invoice)?;
    lines(html, v, invoice)?;
    adjustments(html, v, invoice)?;
    summary(html, v, invoice)?;
    let payment_block = payment_rows(v, invoice);
    if !payment_block.is_empty() || invoice.notes.is_some() {
        html.push_str("<section class=\"closing\">\n");
        payment(html, v, &payment_block, super::epc::code(invoice).as_ref())?;
        notes(html, v, invoice)?;
        html.push_str("</section>\n");
    }
    if !legal.is_empty() {
        legal_footer(html, legal)?;
    }
    html.push_str("</main>\n</body>\n</html>\n");
    Ok(())
}

fn document_title(v: &Vocabulary, invoice: &Invoice) -> String {
    let mut title = esc(&document::document_name(v, invoice));
    if let Some(name) = &invoice.seller.name {
        title.push_str(" — ");
        title.push_str(&esc(name));
    }
    title
}

/// A party's identifiers and contacts, escaped, for one `<p>`.
fn party_ids(v: &Vocabulary, party: &Party) -> Vec<String> {
    document::party_ids(v, party).iter().map(|l| esc(l)).collect()
}

fn header(html: &mut String, v: &Vocabulary, invoice: &Invoice, logo: Option<&super::logo::Logo>) -> fmt::Result {
    let l = &v.labels;
    html.push_str("<header class=\"head\">\n<div class=\"seller\">\n");
    if let Some(logo) = logo {
        // base64 and a fixed media type: nothing to escape.
        writeln!(html, "<img class=\"logo\" src=\"{}\" alt=\"\">", logo.data_uri())?;
    }
    let seller = &invoice.seller;
    if let Some(name) = &seller.name {
        writeln!(html, "<p class=\"name\" dir=\"auto\">{}</p>", esc(name))?;
    }
    address(html, seller)?;
    let ids = party_ids(v, seller);
    if !ids.is_empty() {
        writeln!(html, "<p class=\"ids\">{}</p>", ids.join("<br>"))?;
    }
    html.push_str("</div>\n<div class=\"doc\">\n");
    writeln!(html, "<h1>{}</h1>\n<dl class=\"meta\">", escape(v.title(invoice.kind)))?;
    let number = match &invoice.number {
        Some(number) if !is_draft(invoice) => esc(number),
        _ => escape(l.not_assigned),
    };
    dl_row(html, v.number_label(invoice.kind), &number)?;
    dl_row(html, v.date_label(invoice.kind), &v.date(invoice.issue_date))?;
    if invoice.kind == DocumentType::Invoice {
        dl_row(html, l.due_date, &v.date(invoice.due_date))?;
    }
    html.push_str("</dl>\n");
    if let Some((stamp, text)) = document::stamp(v, invoice) {
        writeln!(html, "<p class=\"stamp {}\">{}</p>", stamp.class(), esc(&text))?;
    }
    html.push_str("</div>\n</header>\n");
    Ok(())
}

fn address(html: &mut String, party: &Party) -> fmt::Result {
    let lines: Vec<String> = document::address_lines(party).iter().map(|l| esc(l)).collect();
    if !lines.is_empty() {
        writeln!(html, "<address dir=\"auto\">{}</address>", lines.join("<br>"))?;
    }
    Ok(())
}

fn parties(html: &mut String, v: &Vocabulary, invoice: &Invoice) -> fmt::Result {
    let l = &v.labels;
    let buyer = &invoice.buyer;
    writeln!(
        html,
        "<section class=\"parties\">\n<div class=\"buyer\">\n<h2>{}</h2>",
        escape(v.buyer_heading(invoice.kind))
    )?;
    if let Some(name) = &buyer.name {
        writeln!(html, "<p class=\"name\" dir=\"auto\">{}</p>", esc(name))?;
    }
    address(html, buyer)?;
    let ids = party_ids(v, buyer);
    if !ids.is_empty() {
        writeln!(html, "<p class=\"muted\">{}</p>", ids.join("<br>"))?;
    }
    writeln!(html, "</div>\n<div class=\"refs\">\n<h2>{}</h2>\n<dl class=\"kv\">", escape(l.details))?;
    dl_row(html, l.currency, &esc(&invoice.currency))?;
    let references = [
        (l.buyer_reference, &invoice.buyer_reference),
        (l.order_reference, &invoice.order_reference),
        (l.credited_invoice, &document::credited_invoice(v, invoice)),
    ];
    for (label, value) in references {
        if let Some(value) = value {
            dl_row(html, label, &esc(value))?;
        }
    }
    for (label, value) in crate::render::document::delivery_facts(v, invoice) {
        dl_row(html, label, &esc(&value))?;
    }
    html.push_str("</dl>\n</div>\n</section>\n");
    Ok(())
}

/// A table header cell; `num` right-aligns it.
fn th(html: &mut String, label: &str, num: bool) {
    html.push_str(if num { "<th class=\"num\">" } else { "<th>" });
    html.push_str(&escape(label));
    html.push_str("</th>");
}

fn lines(html: &mut String, v: &Vocabulary, invoice: &Invoice) -> fmt::Result {
    let l = &v.labels;
    let minor = minor_units(invoice);
    let discounts = invoice.lines.iter().any(|l| l.discount_percent.is_some_and(|d| !d.is_zero()));
    html.push_str("<div class=\"scroll\">\n<table class=\"items blocks\">\n<thead><tr>");
    th(html, l.line_number, true);
    th(html, l.description, false);
    th(html, l.quantity, true);
    th(html, l.unit, false);
    th(html, l.unit_price, true);
    if discounts {
        th(html, l.discount, true);
    }
    th(html, l.vat, true);
    writeln!(html, "<th class=\"num\">{} {}</th></tr></thead>\n<tbody>", escape(l.net), esc(&invoice.currency))?;
    // Each cell is classed so that below 480 px a line reads as a block: description,
    // then quantity × price, VAT, net, with the VAT and net labelled (SPEC 15).
    let net_label = format!("{} {}", escape(l.net), esc(&invoice.currency));
    for (i, line) in invoice.lines.iter().enumerate() {
        write!(
            html,
            "<tr><td class=\"num no\">{}</td><td class=\"desc\" dir=\"auto\">{}</td><td class=\"num qty\">{}</td>\
             <td class=\"unit\">{}</td><td class=\"num price\">{}</td>",
            i + 1,
            esc(&line.description),
            v.quantity(line.quantity),
            esc(v.unit(&line.unit)),
            v.price(line.unit_price, minor),
        )?;
        if discounts {
            let discount = line.discount_percent.filter(|d| !d.is_zero()).map(|d| v.percent(d)).unwrap_or_default();
            write!(html, "<td class=\"num disc\" data-label=\"{}\">{discount}</td>", escape(l.discount))?;
        }
        writeln!(
            html,
            "<td class=\"num vat\" data-label=\"{}\">{}</td><td class=\"num net last\" data-label=\"{net_label}\">{}</td></tr>",
            escape(l.vat),
            v.rate_cell(line.tax_rate, line.tax_category),
            v.amount(line.net)
        )?;
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    Ok(())
}

fn adjustments(html: &mut String, v: &Vocabulary, invoice: &Invoice) -> fmt::Result {
    if invoice.allowances.is_empty() && invoice.charges.is_empty() {
        return Ok(());
    }
    let l = &v.labels;
    html.push_str("<div class=\"scroll\">\n<table class=\"adjustments blocks\">\n<thead><tr><th></th>");
    th(html, l.reason, false);
    th(html, l.vat, true);
    writeln!(html, "<th class=\"num\">{} {}</th></tr></thead>\n<tbody>", escape(l.amount), esc(&invoice.currency))?;
    let amount_label = format!("{} {}", escape(l.amount), esc(&invoice.currency));
    let row = |html: &mut String, kind: &str, a: &InvoiceAdjustment, amount: String| -> fmt::Result {
        writeln!(
            html,
            "<tr><td class=\"kind\">{}</td><td class=\"desc\" dir=\"auto\">{}</td><td class=\"num\" data-label=\"{}\">{}</td>\
             <td class=\"num last\" data-label=\"{amount_label}\">{amount}</td></tr>",
            escape(kind),
            esc(&a.reason),
            escape(l.vat),
            v.rate_cell(a.tax_rate, a.tax_category),
        )
    };
    for a in &invoice.allowances {
        row(html, l.allowance, a, v.negated(a.amount))?;
    }
    for c in &invoice.charges {
        row(html, l.charge, c, v.amount(c.amount))?;
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    Ok(())
}

fn summary(html: &mut String, v: &Vocabulary, invoice: &Invoice) -> fmt::Result {
    let l = &v.labels;
    let totals = &invoice.totals;
    let currency = esc(&invoice.currency);
    html.push_str("<section class=\"summary\">\n<div class=\"tax\">\n");
    if !totals.tax.is_empty() {
        writeln!(
            html,
            "<h2>{}</h2>\n<div class=\"scroll\">\n<table class=\"blocks\">\n<thead><tr>",
            escape(l.vat_breakdown)
        )?;
        th(html, l.category, false);
        th(html, l.rate, true);
        th(html, l.taxable_amount, true);
        th(html, l.vat, true);
        html.push_str("</tr></thead>\n<tbody>\n");
        for group in &totals.tax {
            write!(html, "<tr><td class=\"desc\">{}", escape(&v.category(group.category)))?;
            if let Some(reason) = &group.exemption_reason {
                write!(html, "<br><span class=\"muted\" dir=\"auto\">{}</span>", esc(reason))?;
            }
            writeln!(
                html,
                "</td><td class=\"num\">{}</td><td class=\"num\" data-label=\"{}\">{}</td>\
                 <td class=\"num last\" data-label=\"{}\">{}</td></tr>",
                v.percent(group.rate),
                escape(l.taxable_amount),
                v.amount(group.base),
                escape(l.vat),
                v.amount(group.amount)
            )?;
        }
        html.push_str("</tbody>\n</table>\n</div>\n");
        for note in document::category_notes(v, invoice) {
            writeln!(html, "<p class=\"note\">{}</p>", escape(note))?;
        }
    }
    html.push_str("</div>\n<table class=\"totals\">\n<tbody>\n");
    let row = |html: &mut String, class: &str, label: &str, amount: Option<String>| -> fmt::Result {
        let class = if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") };
        let amount = amount.map(|a| format!("{a}<span class=\"code\">{currency}</span>")).unwrap_or_default();
        writeln!(html, "<tr{class}><td>{}</td><td class=\"num\">{amount}</td></tr>", escape(label))
    };
    let adjusted = !totals.allowances.is_zero() || !totals.charges.is_zero();
    if adjusted {
        row(html, "", l.lines_net, Some(v.amount(totals.lines_net)))?;
        if !totals.allowances.is_zero() {
            row(html, "", l.allowances, Some(v.negated(totals.allowances)))?;
        }
        if !totals.charges.is_zero() {
            row(html, "", l.charges, Some(v.amount(totals.charges)))?;
        }
    }
    row(html, "", l.net_total, Some(v.amount(totals.net)))?;
    row(html, "", l.vat, Some(v.amount(totals.tax_total)))?;
    row(html, "grand", l.total, Some(v.amount(totals.gross)))?;
    if !totals.prepaid.is_zero() {
        row(html, "", l.prepaid, Some(v.negated(totals.prepaid)))?;
    }
    for (i, (label, amount)) in document::account_rows(v, invoice).into_iter().enumerate() {
        // The heading first, then one row per payment and credit note (untrusted labels).
        let class = if i == 0 { "account-heading" } else { "account" };
        writeln!(
            html,
            "<tr class=\"{class}\"><td>{}</td><td class=\"num\">{}</td></tr>",
            esc(&label),
            amount.map(|a| format!("{}<span class=\"code\">{currency}</span>", v.amount(a))).unwrap_or_default()
        )?;
    }
    let (closing, amount) = document::closing_line(v, invoice);
    row(html, "due", &closing, amount.map(|a| v.amount(a)))?;
    if document::asks_payment(invoice) {
        writeln!(
            html,
            "<tr class=\"payby\"><td colspan=\"2\">{} {}</td></tr>",
            escape(l.pay_by),
            v.date(invoice.due_date)
        )?;
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
    Ok(())
}

/// The payment block's rows (label, escaped HTML), empty when the document asks for
/// no payment; a credit note says instead that nothing is to be paid.
fn payment_rows(v: &Vocabulary, invoice: &Invoice) -> Vec<(&'static str, String)> {
    let l = &v.labels;
    let mut rows = Vec::new();
    if invoice.kind == DocumentType::CreditNote {
        rows.push(("", escape(l.credit_no_payment)));
        return rows;
    }
    if !document::asks_payment(invoice) {
        return rows;
    }
    let Some(payment) = &invoice.payment else { return rows };
    if let Some(means) = payment.means {
        rows.push((l.payment_means, escape(v.means(means))));
    }
    if let Some(iban) = &payment.iban {
        rows.push((l.iban, iban_html(iban)));
    }
    if let Some(bic) = &payment.bic {
        rows.push((l.bic, format!("<span class=\"iban\">{}</span>", esc(bic))));
    }
    if let Some(terms) = &payment.terms {
        rows.push((l.terms, esc(terms)));
    }
    if let Some(reference) = payment_reference(invoice) {
        rows.push((l.reference, esc(reference)));
    }
    rows
}

fn payment(html: &mut String, v: &Vocabulary, rows: &[(&str, String)], qr: Option<&super::epc::Matrix>) -> fmt::Result {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(html, "<div class=\"payment\">\n<h2>{}</h2>\n<dl class=\"kv\">", escape(v.labels.payment))?;
    for (label, value) in rows {
        dl_row(html, label, value)?;
    }
    html.push_str("</dl>\n");
    if let Some(matrix) = qr {
        let label = escape(v.labels.scan_to_pay);
        let svg = super::epc::svg(matrix, &label);
        writeln!(html, "<figure class=\"qrcode\">{svg}<figcaption>{label}</figcaption></figure>")?;
    }
    html.push_str("</div>\n");
    Ok(())
}

fn notes(html: &mut String, v: &Vocabulary, invoice: &Invoice) -> fmt::Result {
    let Some(notes) = &invoice.notes else { return Ok(()) };
    let text = escape(&escape_controls(&notes.replace('\t', "    "), true)).replace('\n', "<br>\n");
    writeln!(html, "<div class=\"notes\">\n<h2>{}</h2>\n<p dir=\"auto\">{text}</p>\n</div>", escape(v.labels.notes))
}

/// An IBAN in groups of four, each group unbreakable: a narrow screen wraps it between
/// groups, never inside one (SPEC 15).
fn iban_html(iban: &str) -> String {
    let groups: Vec<String> = group_iban(&escape_controls(iban, false))
        .split(' ')
        .map(|group| format!("<span class=\"g\">{}</span>", escape(group)))
        .collect();
    format!("<span class=\"iban\">{}</span>", groups.join(" "))
}

/// The seller's legal mentions: after the content on screen, at the foot of every
/// printed page (a fixed footer, with an empty footer group of the same height keeping
/// the content clear of it).
fn legal_footer(html: &mut String, lines: &[String]) -> fmt::Result {
    let text: Vec<String> = lines.iter().map(|l| esc(l)).collect();
    let text = text.join("<br>\n");
    html.push_str("</div>\n<div class=\"foot\" aria-hidden=\"true\">");
    // The spacer holds the same lines, invisible, so it is exactly as tall.
    writeln!(html, "<div class=\"legal spacer\"><p>{text}</p></div></div>\n</div>")?;
    writeln!(html, "<footer class=\"legal\"><p dir=\"auto\">{text}</p></footer>")
}

/// One `<dt>`/`<dd>` pair; `value` is HTML already escaped by the caller.
fn dl_row(html: &mut String, label: &str, value: &str) -> fmt::Result {
    writeln!(html, "<dt>{}</dt><dd>{value}</dd>", escape(label))
}

#[cfg(test)]
mod tests;
