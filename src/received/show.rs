//! A received invoice for a person or a program (SPEC 13.1 `einvoice show`): text, HTML, PDF
//! in en/de/fr, or JSON in the product's model, with the validation verdict on top.
//!
//! Text, HTML and PDF are the product's own invoice documents (`src/render`), printed in the
//! asked language, with the verdict (valid or not, each finding with its rule id) before
//! the invoice and, after it, what the reader could not place (the `unread` paths) and
//! what it had to default (`warnings`). JSON is one object:
//! `{"invoice": {..the model..}, "specification", "process", "valid", "findings":
//! [{"rule","severity","location","message"}], "unread": [..], "warnings": [..]}`.

use std::fmt::Write as _;

use einvoice_rules::{Report, Severity};
use serde::Serialize;

use crate::invoice::model::Language;
use crate::received::read::Received;
use crate::render::Paper;
use crate::render::pdf::Item;

/// What `einvoice show --format` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text for a terminal.
    Text,
    /// One self-contained HTML page.
    Html,
    /// A PDF document.
    Pdf,
    /// The product's invoice model (section 2.4 shapes plus the 8.2 fields).
    Json,
}

/// Why a document could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum ShowError {
    /// The renderer failed.
    #[error("{0}")]
    Render(String),
}

/// The document's bytes in the asked format.
///
/// # Errors
/// [`ShowError::Render`] when the PDF font cannot print a character of the document (each
/// field named), or serialization fails.
pub fn render(received: &Received, verdict: &Report, format: Format, lang: Language) -> Result<Vec<u8>, ShowError> {
    let mut invoice = received.invoice.clone();
    invoice.language = lang;
    if format != Format::Json {
        with_minor_units(&mut invoice);
    }
    let words = Words::of(lang);
    match format {
        Format::Json => json(received, verdict),
        Format::Text => {
            let mut out = String::new();
            for line in verdict_lines(verdict, words) {
                out.push_str(&line);
                out.push('\n');
            }
            out.push('\n');
            out.push_str(&crate::render::text::render(&invoice));
            for (title, rows) in closing(received, words) {
                let _ = write!(out, "\n{title}\n");
                for row in rows {
                    let _ = writeln!(out, "  {row}");
                }
            }
            Ok(out.into_bytes())
        }
        Format::Html => Ok(html(&crate::render::html::render(&invoice), received, verdict, words).into_bytes()),
        Format::Pdf => {
            let mut before = Vec::new();
            let mut lines = verdict_lines(verdict, words).into_iter();
            if let Some(head) = lines.next() {
                before.push(Item::Section(head));
            }
            before.extend(lines.map(Item::Text));
            let mut after = Vec::new();
            for (title, rows) in closing(received, words) {
                after.push(Item::Section(title.to_owned()));
                after.extend(rows.into_iter().map(Item::Muted));
            }
            crate::render::pdf::render_framed(&invoice, Paper::A4, &before, &after).map_err(|e| {
                let mut message = e.to_string();
                if let crate::error::Error::Invalid { problems } = &e {
                    for p in problems {
                        let _ = write!(message, "\n{}: {}", p.path, p.message);
                    }
                }
                ShowError::Render(message)
            })
        }
    }
}

/// For a person: every amount with at least the currency's minor units (`336.9` is printed
/// `336,90`), which changes no value; JSON keeps them as written.
fn with_minor_units(invoice: &mut crate::invoice::model::Invoice) {
    let Some(dp) = crate::invoice::money::minor_units(&invoice.currency) else { return };
    let widen = |d: &mut rust_decimal::Decimal| {
        if d.scale() < dp {
            d.rescale(dp);
        }
    };
    for line in &mut invoice.lines {
        widen(&mut line.net);
    }
    for a in invoice.allowances.iter_mut().chain(invoice.charges.iter_mut()) {
        widen(&mut a.amount);
    }
    let t = &mut invoice.totals;
    for d in [
        &mut t.lines_net,
        &mut t.allowances,
        &mut t.charges,
        &mut t.net,
        &mut t.tax_total,
        &mut t.gross,
        &mut t.prepaid,
        &mut t.due,
    ] {
        widen(d);
    }
    for g in &mut t.tax {
        widen(&mut g.base);
        widen(&mut g.amount);
    }
}

/// The labels of the parts this module adds to the product's documents.
struct Words {
    valid: &'static str,
    invalid: &'static str,
    finding: &'static str,
    findings: &'static str,
    unread: &'static str,
    warnings: &'static str,
    at: &'static str,
}

impl Words {
    fn of(lang: Language) -> &'static Words {
        match lang {
            Language::En => &Words {
                valid: "Validation: valid",
                invalid: "Validation: INVALID",
                finding: "finding",
                findings: "findings",
                unread: "Elements not shown (no place in the invoice model)",
                warnings: "Read with these remarks",
                at: "at",
            },
            Language::De => &Words {
                valid: "Prüfung: gültig",
                invalid: "Prüfung: UNGÜLTIG",
                finding: "Befund",
                findings: "Befunde",
                unread: "Nicht dargestellte Elemente (im Rechnungsmodell nicht vorgesehen)",
                warnings: "Beim Einlesen angemerkt",
                at: "bei",
            },
            Language::Fr => &Words {
                valid: "Validation : valide",
                invalid: "Validation : NON VALIDE",
                finding: "constat",
                findings: "constats",
                unread: "Éléments non affichés (sans place dans le modèle de facture)",
                warnings: "Remarques de lecture",
                at: "à",
            },
        }
    }
}

/// The verdict: its headline (`Validation: valid, 2 findings`), then one line per finding.
fn verdict_lines(verdict: &Report, words: &Words) -> Vec<String> {
    let head = if verdict.valid() { words.valid } else { words.invalid };
    let rules = match verdict.rules {
        Some(einvoice_rules::RuleSet::En16931) => " (EN 16931)",
        Some(einvoice_rules::RuleSet::XRechnung) => " (EN 16931, XRechnung)",
        None => "",
    };
    let count = verdict.findings.len();
    let noun = if count == 1 { words.finding } else { words.findings };
    let mut lines = vec![format!("{head}{rules}, {count} {noun}")];
    for f in &verdict.findings {
        lines.push(format!("[{}] {}: {} ({} {})", f.rule, f.severity, f.message.trim(), words.at, f.location));
    }
    lines
}

/// The closing sections: unread paths, then the reader's remarks (each only when present).
fn closing<'w>(received: &Received, words: &'w Words) -> Vec<(&'w str, Vec<String>)> {
    let mut out = Vec::new();
    if !received.unread.is_empty() {
        out.push((words.unread, received.unread.clone()));
    }
    if !received.warnings.is_empty() {
        out.push((words.warnings, received.warnings.clone()));
    }
    out
}

/// The product's HTML invoice with the verdict as the first thing in its page and the
/// closing sections as the last; every inserted text escaped.
fn html(document: &str, received: &Received, verdict: &Report, words: &Words) -> String {
    use crate::render::html::escape;
    let mut top = String::from("<section class=\"verdict\">\n");
    let mut lines = verdict_lines(verdict, words).into_iter();
    if let Some(head) = lines.next() {
        let _ = writeln!(top, "<h2>{}</h2>", escape(&head));
    }
    let findings: Vec<String> = lines.collect();
    if !findings.is_empty() {
        top.push_str("<ul>\n");
        for f in findings {
            let _ = writeln!(top, "<li>{}</li>", escape(&f));
        }
        top.push_str("</ul>\n");
    }
    top.push_str("</section>\n");
    let mut bottom = String::new();
    for (title, rows) in closing(received, words) {
        let _ = writeln!(bottom, "<section class=\"unread\">\n<h2>{}</h2>\n<ul>", escape(title));
        for row in rows {
            let _ = writeln!(bottom, "<li>{}</li>", escape(&row));
        }
        bottom.push_str("</ul>\n</section>\n");
    }
    // After the opening of <main> (its tag ends at the first `>` after `<main`), and
    // before its close; the product's document always has exactly one <main>.
    let open_end = document.find("<main").and_then(|i| document[i..].find('>').map(|j| i + j + 1));
    let close = document.rfind("</main>");
    match (open_end, close) {
        (Some(open_end), Some(close)) if open_end <= close => {
            let mut out = String::with_capacity(document.len() + top.len() + bottom.len());
            out.push_str(&document[..open_end]);
            out.push('\n');
            out.push_str(&top);
            out.push_str(&document[open_end..close]);
            out.push_str(&bottom);
            out.push_str(&document[close..]);
            out
        }
        _ => format!("{top}{document}{bottom}"),
    }
}

#[derive(Serialize)]
struct Shown<'a> {
    invoice: &'a crate::invoice::model::Invoice,
    #[serde(skip_serializing_if = "Option::is_none")]
    specification: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    process: Option<&'a str>,
    valid: bool,
    findings: Vec<FindingJson<'a>>,
    unread: &'a [String],
    warnings: &'a [String],
}

#[derive(Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    severity: &'static str,
    location: &'a str,
    message: &'a str,
}

fn json(received: &Received, verdict: &Report) -> Result<Vec<u8>, ShowError> {
    let shown = Shown {
        invoice: &received.invoice,
        specification: received.specification.as_deref(),
        process: received.process.as_deref(),
        valid: verdict.valid(),
        findings: verdict
            .findings
            .iter()
            .map(|f| FindingJson {
                rule: &f.rule,
                severity: match f.severity {
                    Severity::Fatal => "fatal",
                    Severity::Warning => "warning",
                    Severity::Information => "information",
                },
                location: &f.location,
                message: &f.message,
            })
            .collect(),
        unread: &received.unread,
        warnings: &received.warnings,
    };
    let mut bytes = serde_json::to_vec_pretty(&shown).map_err(|e| ShowError::Render(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use einvoice_rules::{Finding, Report, RuleSet, Severity, Syntax};

    use super::{Format, render};
    use crate::invoice::model::Language;
    use crate::received::read::{Received, read};

    /// For the hostile tests.
    pub(super) fn received_for_tests() -> Received {
        received()
    }

    /// The product's own example invoice, written as UBL and read back, with one element
    /// the model has no place for.
    fn received() -> Received {
        let mut invoice = crate::render::tests::spec_example();
        invoice.number = Some("INV-2026-0042".to_owned());
        invoice.status = crate::invoice::model::Status::Issued;
        let xml = crate::render::einvoice::render_xml(
            &invoice,
            crate::render::einvoice::Format::Ubl,
            crate::render::einvoice::Profile::default(),
        )
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
        let xml = xml.replace(
            "<cbc:DocumentCurrencyCode>",
            "<cbc:AccountingCost>Kostenstelle 7</cbc:AccountingCost>\n  <cbc:DocumentCurrencyCode>",
        );
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
        read(&doc, Syntax::UblInvoice).unwrap_or_else(|e| panic!("{e}"))
    }

    fn verdict(severity: Severity) -> Report {
        Report {
            syntax: Some(Syntax::UblInvoice),
            rules: Some(RuleSet::En16931),
            findings: vec![Finding {
                rule: "BR-CO-15".to_owned(),
                severity,
                location: "/ubl:Invoice/cac:LegalMonetaryTotal".to_owned(),
                message: "Invoice total amount with VAT = total without VAT + total VAT.".to_owned(),
            }],
        }
    }

    #[test]
    fn text_has_the_verdict_first_and_the_unread_elements_last() {
        let received = received();
        let text = render(&received, &verdict(Severity::Fatal), Format::Text, Language::En)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        assert!(text.starts_with("Validation: INVALID (EN 16931), 1 finding\n[BR-CO-15] fatal:"), "{text}");
        let invoice_at = text.find("INV-2026-0042").unwrap_or(0);
        let unread_at = text.find("/ubl:Invoice/cbc:AccountingCost").unwrap_or(0);
        assert!(invoice_at > 0 && unread_at > invoice_at, "{text}");
        let de = render(&received, &verdict(Severity::Warning), Format::Text, Language::De)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        assert!(de.starts_with("Prüfung: gültig (EN 16931), 1 Befund\n"), "{de}");
        assert!(de.contains("RECHNUNG INV-2026-0042"), "{de}");
    }

    #[test]
    fn html_escapes_and_places_the_verdict_inside_the_page() {
        let mut received = received();
        received.unread.push("/x/<script>".to_owned());
        let html = render(&received, &verdict(Severity::Fatal), Format::Html, Language::Fr)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let main = html.find("<main").unwrap_or(usize::MAX);
        let verdict_at = html.find("<section class=\"verdict\">").unwrap_or(0);
        let end = html.find("</main>").unwrap_or(0);
        let unread_at = html.find("/x/&lt;script&gt;").unwrap_or(usize::MAX);
        assert!(main < verdict_at && verdict_at < end && unread_at < end, "{html}");
        assert!(!html.contains("<script>"));
        assert!(html.contains("Validation : NON VALIDE"), "{html}");
    }

    #[test]
    fn json_is_the_model_with_the_verdict_and_the_unread_list() {
        let received = received();
        let bytes = render(&received, &verdict(Severity::Fatal), Format::Json, Language::De).unwrap_or_default();
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        assert_eq!(value["valid"], false);
        assert_eq!(value["findings"][0]["rule"], "BR-CO-15");
        assert_eq!(value["findings"][0]["severity"], "fatal");
        assert_eq!(value["unread"][0], "/ubl:Invoice/cbc:AccountingCost");
        assert_eq!(value["specification"], "urn:cen.eu:en16931:2017");
        let back: crate::invoice::model::Invoice =
            serde_json::from_value(value["invoice"].clone()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, received.invoice, "the model, unchanged (language not set by --lang)");
    }

    #[test]
    fn the_pdf_prints_the_verdict_the_invoice_and_the_unread_elements_in_german() {
        let received = received();
        let pdf = render(&received, &verdict(Severity::Fatal), Format::Pdf, Language::De).unwrap_or_default();
        let pages = crate::render::pdf::tests::page_texts(&pdf);
        let all = crate::render::pdf::tests::squashed(&pages.join("\n"));
        let verdict_at = all.find("Prüfung: UNGÜLTIG").unwrap_or(usize::MAX);
        let rule_at = all.find("[BR-CO-15] fatal").unwrap_or(usize::MAX);
        let number_at = all.find("INV-2026-0042").unwrap_or(usize::MAX);
        let unread_at = all.find("/ubl:Invoice/cbc:AccountingCost").unwrap_or(usize::MAX);
        assert!(verdict_at < rule_at && rule_at < number_at && number_at < unread_at, "{all}");
        assert!(all.contains("Rechnung"), "{all}");
    }
}

#[cfg(test)]
mod hostile {
    use einvoice_rules::{Report, Syntax};
    use rust_decimal::Decimal;

    use super::{Format, render};
    use crate::invoice::model::Language;

    /// One change to a received invoice.
    type Change = dyn Fn(&mut crate::received::read::Received);

    /// A received invoice is not validated like a draft: whatever the reader accepts, the
    /// renderers answer (bytes or an error), never panic.
    #[test]
    fn extreme_values_render_or_fail_cleanly() {
        let base = super::tests::received_for_tests();
        let verdict = Report { syntax: Some(Syntax::UblInvoice), rules: None, findings: Vec::new() };
        let huge = Decimal::MAX;
        let cases: Vec<Box<Change>> = vec![
            Box::new(|r| r.invoice.lines.clear()),
            Box::new(|r| r.invoice.currency = "XXX".to_owned()),
            Box::new(|r| r.invoice.currency = String::new()),
            Box::new(move |r| {
                for l in &mut r.invoice.lines {
                    l.quantity = -huge;
                    l.unit_price = huge;
                    l.net = huge;
                }
                r.invoice.totals.gross = huge;
                r.invoice.totals.due = -huge;
            }),
            Box::new(|r| {
                for l in &mut r.invoice.lines {
                    l.description = "W".repeat(20_000);
                    l.unit = "<&>".repeat(50);
                }
                r.invoice.seller.name = Some("x".repeat(50_000));
            }),
            Box::new(|r| {
                let line = r.invoice.lines.first().cloned();
                if let Some(line) = line {
                    r.invoice.lines = vec![line; 1_200];
                }
            }),
            Box::new(|r| {
                if let Some(p) = r.invoice.payment.as_mut() {
                    p.iban = Some("not an iban ✓".to_owned());
                    p.bic = Some(String::new());
                }
                r.invoice.number = None;
            }),
        ];
        for (i, case) in cases.iter().enumerate() {
            let mut received = base.clone();
            case(&mut received);
            for format in [Format::Text, Format::Html, Format::Json, Format::Pdf] {
                let out = render(&received, &verdict, format, Language::De);
                if let Ok(bytes) = out {
                    assert!(!bytes.is_empty(), "case {i} {format:?}");
                }
            }
        }
    }
}
