//! Documents that say what is owed (SPEC 11): CLI summaries, the suspicious-tax warning
//! on both front ends, and the PDF font refusal wording.

use crate::common::daemon::{Daemon, Reply, send};
use crate::common::{DRAFT, TestEnv, repo, sets_fill};
use predicates::prelude::*;
use std::time::Duration;

const KEY: &str = "test-static-key-0123456789abcdef0123456789";

#[test]
fn a_fractional_tax_rate_is_accepted_with_a_warning_on_stderr() {
    let env = TestEnv::new();
    // The first line has no rate of its own: it takes the one given with --tax.
    let draft = env.write("draft.json", &DRAFT.replace(", \"tax_rate\": \"19\"", ""));
    let out = env.cmd().args(["create", "--tax", "0.19", "--format", "json", "--input"]).arg(&draft).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("0.19 % VAT — did you mean 19?"), "{stderr}");
    assert!(stderr.contains("[suspicious_value]"), "{stderr}");
    let invoice: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(invoice["lines"][0]["tax_rate"], "0.19", "accepted as given, never changed");
}

#[test]
fn the_daemon_reports_a_fractional_tax_rate_in_its_warnings() {
    let env = TestEnv::new();
    let d = Daemon::start_with(&env, &[], &[("INVOICE_API_KEY", KEY)]);
    let body = DRAFT.replace("\"tax_rate\": \"19\"", "\"tax_rate\": \"0.19\"");
    let reply = post(&d, "/v1/invoices/validate", &body);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let warnings = reply.json()["warnings"].clone();
    let warning = warnings.as_array().unwrap().iter().find(|w| w["code"] == "suspicious_value").unwrap();
    assert_eq!(warning["path"], "/lines/0/tax_rate");
    assert_eq!(warning["message"], "0.19 % VAT — did you mean 19?");
}

#[test]
fn a_pdf_the_font_cannot_print_is_refused_without_calling_the_invoice_invalid() {
    let env = TestEnv::new();
    let fixture = repo().join("fixtures/valid/jp-consumption-tax-jpy.json");
    env.cmd().args(["validate"]).arg(&fixture).assert().code(0);
    let out = env.cmd().args(["render", "--format", "pdf", "--out", "-", "--input"]).arg(&fixture).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    let fields = lines.len() - 1;
    assert_eq!(
        lines[0],
        format!("invoice: error: cannot be rendered as PDF: {fields} fields hold characters outside its font"),
        "{stderr}"
    );
    assert!(!stderr.contains("not valid"), "{stderr}");
    // One line per field, each naming its characters once.
    let mut paths: Vec<&str> = lines[1..].iter().map(|l| l.trim().split(':').next().unwrap()).collect();
    let count = paths.len();
    paths.dedup();
    assert_eq!(paths.len(), count, "{stderr}");
    for line in &lines[1..] {
        let named: Vec<&str> = line.match_indices("U+").map(|(i, _)| &line[i..i + 6]).collect();
        let mut unique = named.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), named.len(), "a character named twice in {line}");
    }
}

#[test]
fn status_changes_and_credit_notes_print_what_is_owed() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd().args(["create", "--format", "number", "--input"]).arg(&draft).assert().code(0);
    env.cmd().args(["credit", "INV-2026-0001", "--reason", "Returned goods"]).assert().code(0).stdout(
        predicates::str::is_match(r"^CN-\d{4}-0001  issued  Globex Ltd  credit 1500.45 EUR for INV-2026-0001\n$")
            .unwrap(),
    );
    env.cmd().args(["create", "--format", "number", "--input"]).arg(&draft).assert().code(0);
    env.cmd()
        .args(["void", "INV-2026-0002", "--reason", "Issued twice"])
        .assert()
        .code(0)
        .stdout("INV-2026-0002  void  Globex Ltd  gross 1500.45 EUR  void, not payable\n");
}

/// A German credit note speaks German: its date label, the credited invoice with its date,
/// and the reason as given, without an English sentence around it.
#[test]
fn a_credit_note_names_the_credited_invoice_and_its_date_in_its_language() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd().args(["create", "--lang", "de", "--format", "number", "--input"]).arg(&draft).assert().code(0);
    env.cmd().args(["credit", "INV-2026-0001", "--reason", "Ware zurückgegeben"]).assert().code(0);
    let json = env.cmd().args(["show", "CN-2026-0001", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["notes"], "Ware zurückgegeben");
    assert_eq!(json["preceding_invoice_date"], "2026-11-27");
    let text = env.cmd().args(["render", "CN-2026-0001"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("GUTSCHRIFT CN-2026-0001\n"), "{text}");
    assert!(text.contains("Gutschriftsdatum"), "{text}");
    assert!(text.contains("INV-2026-0001 vom 27.11.2026"), "{text}");
    assert!(text.contains("Ware zurückgegeben"), "{text}");
    for english in ["Credit note", "Rechnungsdatum", "Issue date"] {
        assert!(!text.contains(english), "{english:?} in {text}");
    }
}

fn post(d: &Daemon, path: &str, body: &str) -> Reply {
    let raw = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nx-api-key: {KEY}\r\ncontent-type: application/json\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    send(d.addr, raw.into_bytes(), Duration::from_secs(20))
}

#[test]
fn the_language_comes_from_the_flag_the_draft_or_the_config_and_is_stored() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd().args(["create", "--lang", "fr", "--format", "number", "--input"]).arg(&draft).assert().code(0);
    let text = env.cmd().args(["render", "INV-2026-0001"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("FACTURE INV-2026-0001\n"), "{text}");
    assert!(text.contains("Date d'échéance    27/12/2026"), "{text}");
    // --lang on render prints the same invoice in another language, once.
    let german = env.cmd().args(["render", "INV-2026-0001", "--lang", "de"]).output().unwrap();
    assert!(String::from_utf8(german.stdout).unwrap().starts_with("RECHNUNG INV-2026-0001\n"));
    let json = env.cmd().args(["show", "INV-2026-0001", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["language"], "fr");
    assert_eq!(json["totals"]["gross"], "1500.45", "JSON amounts never change with the language");

    env.write("config/invoice/invoice.toml", "[defaults]\nlanguage = \"de\"\n");
    let out = env.cmd().args(["render", "--input"]).arg(&draft).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("RECHNUNG\n"));
    env.cmd().args(["create", "--lang", "es", "--input"]).arg(&draft).assert().code(2);
    env.write("config/invoice/invoice.toml", "[defaults]\nlanguage = \"Deutsch\"\n");
    env.cmd()
        .args(["render", "--input"])
        .arg(&draft)
        .assert()
        .code(5)
        .stderr(predicates::str::contains("[defaults] language `Deutsch` is not one of en, de, fr"));
}

/// A 2×1 RGB PNG.
const PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x01\x08\x02\x00\x00\x00\x7b\x40\xe8\xdd\x00\x00\x00\x0d\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\x00\x04\xff\x01\x07\x00\x01\xff\xe2\x23\x9e\x59\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

#[test]
fn the_seller_logo_is_checked_and_embedded_in_the_html() {
    use base64::Engine as _;
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    std::fs::create_dir_all(env.path().join("config/invoice")).unwrap();
    std::fs::write(env.path().join("config/invoice/logo.png"), PNG).unwrap();
    env.write("config/invoice/invoice.toml", "[defaults]\nlogo = \"logo.png\"\n");
    let out = env.cmd().args(["render", "--format", "html", "--input"]).arg(&draft).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    let src = html.split("<img class=\"logo\" src=\"").nth(1).unwrap().split('"').next().unwrap();
    let data = src.strip_prefix("data:image/png;base64,").unwrap();
    assert_eq!(base64::engine::general_purpose::STANDARD.decode(data).unwrap(), PNG, "embedded unchanged");
    assert!(html.contains("img-src data:;") && !html.contains("img-src 'none'"), "its policy allows only data: images");

    // Not an image, or too big: a configuration error (exit 5) naming the file.
    std::fs::write(env.path().join("config/invoice/logo.png"), b"GIF89a....").unwrap();
    // (Issue #21: only the formats that draw the logo read it; text does not.)
    env.cmd()
        .args(["render", "--format", "html", "--input"])
        .arg(&draft)
        .assert()
        .code(5)
        .stderr(predicates::str::contains("[defaults] logo").and(predicates::str::contains("not a PNG, JPEG or SVG")));
    env.cmd().args(["render", "--input"]).arg(&draft).assert().code(0);
    std::fs::write(env.path().join("config/invoice/logo.png"), vec![0u8; 2 * 1024 * 1024]).unwrap();
    env.cmd().args(["render", "--format", "html", "--input"]).arg(&draft).assert().code(5);
    std::fs::remove_file(env.path().join("config/invoice/logo.png")).unwrap();
    env.cmd().args(["render", "--format", "html", "--input"]).arg(&draft).assert().code(5);
}

/// Issue #13: an SVG logo the PDF cannot draw is a configuration error naming the file.
/// Issue #21 (SPEC 15): only for the commands that draw it; the others never parse it.
#[test]
fn an_svg_logo_is_drawn_on_the_pdf_and_one_that_cannot_be_drawn_is_a_config_error() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect width="20" height="10" fill="#c91185"/></svg>"##;
    env.write("config/invoice/logo.svg", svg);
    env.write("config/invoice/invoice.toml", "[defaults]\nlogo = \"logo.svg\"\n");
    let out = env.cmd().args(["render", "--format", "pdf", "--input"]).arg(&draft).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let with = out.stdout;
    env.write("config/invoice/invoice.toml", "");
    let without = env.cmd().args(["render", "--format", "pdf", "--input"]).arg(&draft).output().unwrap().stdout;
    assert!(sets_fill(&with, [201, 17, 133]), "the logo's colour is set on the first page");
    assert!(!sets_fill(&without, [201, 17, 133]), "and not without the logo");

    // A size usvg refuses, or no SVG namespace: a configuration error naming the file for
    // a command that draws the logo; `validate` and a text rendering never parse it.
    env.write("config/invoice/invoice.toml", "[defaults]\nlogo = \"logo.svg\"\n");
    let unusable = [
        (r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>"#, "the SVG logo cannot be drawn"),
        ("<svg viewBox='0 0 1 1'><rect width='1' height='1'/></svg>", "lacks xmlns"),
    ];
    for (svg, why) in unusable {
        env.write("config/invoice/logo.svg", svg);
        env.cmd()
            .args(["render", "--format", "pdf", "--out", "-", "--input"])
            .arg(&draft)
            .assert()
            .code(5)
            .stderr(predicates::str::contains("[defaults] logo").and(predicates::str::contains(why)));
        for args in [&["render", "--format", "text", "--input"][..], &["validate"][..]] {
            env.cmd().args(args).arg(&draft).assert().code(0);
        }
    }
}

#[test]
fn the_schema_documents_the_language_field() {
    let env = TestEnv::new();
    let out = env.cmd().args(["schema"]).output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(schema["properties"]["language"].is_object(), "{schema}");
    let values: Vec<&str> =
        schema["$defs"]["Language"]["oneOf"].as_array().unwrap().iter().map(|v| v["const"].as_str().unwrap()).collect();
    assert_eq!(values, ["en", "de", "fr"]);
}

/// Issue 23, SPEC 15: register numbers, the legal footer and the date of supply, in text
/// and HTML (the PDF's footer is read back in `render::pdf` and `tests/cli/pdf.rs`).
#[test]
fn the_documents_print_register_numbers_the_legal_footer_and_the_date_of_supply() {
    let env = TestEnv::new();
    let draft = repo().join("fixtures/valid/de-legal-footer-gmbh.json");
    let text = env.cmd().args(["render", "--input"]).arg(&draft).output().unwrap();
    assert_eq!(text.status.code(), Some(0), "{}", String::from_utf8_lossy(&text.stderr));
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Leistungsdatum     entspricht dem Rechnungsdatum\n"), "{text}");
    assert!(text.contains("Handelsregister: HRB 123456"), "the seller's register number: {text}");
    assert!(text.contains("Handelsregister: HRB 98765"), "the buyer's register number: {text}");
    // The units typed as words are stored as codes and printed in German.
    assert!(text.contains("  Std.  ") && text.contains("  Stk.  ") && text.contains("  Monat  "), "{text}");
    let footer = "Muster Software GmbH · Sitz München · Amtsgericht München HRB 123456\n\
                  Geschäftsführer: Dr. Anna Muster, Bernd Beispiel · Stammkapital 25.000 EUR\n";
    assert!(text.ends_with(&format!("{}\n{footer}", "-".repeat(80))), "the footer ends the document: {text}");

    let html = env.cmd().args(["render", "--format", "html", "--input"]).arg(&draft).output().unwrap();
    let html = String::from_utf8(html.stdout).unwrap();
    let document = scraper::Html::parse_document(&html);
    let footer_el = scraper::Selector::parse("footer.legal").unwrap();
    let footers: Vec<String> = document.select(&footer_el).map(|f| f.text().collect::<String>()).collect();
    assert_eq!(footers.len(), 1, "{html}");
    assert!(footers[0].contains("Amtsgericht München HRB 123456") && footers[0].contains("Stammkapital 25.000 EUR"));
    assert!(html.contains("<dt>Leistungsdatum</dt><dd>entspricht dem Rechnungsdatum</dd>"));

    // French: the accepted wording; a credit note dates no supply and says nothing.
    let french = repo().join("fixtures/valid/fr-legal-footer-sas.json");
    let text = String::from_utf8(env.cmd().args(["render", "--input"]).arg(&french).output().unwrap().stdout).unwrap();
    assert!(text.contains("Date de livraison  identique à la date de facture\n"), "{text}");
    assert!(text.contains("Indemnité forfaitaire pour frais de recouvrement"), "{text}");
    let credit = repo().join("fixtures/valid/credit-note.json");
    let text = String::from_utf8(env.cmd().args(["render", "--input"]).arg(&credit).output().unwrap().stdout).unwrap();
    assert!(!text.contains("Delivery date"), "{text}");
}

/// SPEC 15: the legal text has at most 10 lines of at most 120 characters, and only the
/// seller has one; payment terms may be up to 500 characters.
#[test]
fn the_legal_text_and_the_terms_have_their_limits() {
    let env = TestEnv::new();
    let with = |legal: &serde_json::Value, terms: usize| {
        let mut draft: serde_json::Value = serde_json::from_str(DRAFT).unwrap();
        draft["seller"]["legal_text"] = legal.clone();
        draft["payment"] = serde_json::json!({"terms": "t".repeat(terms)});
        draft.to_string()
    };
    let ok = env.write("ok.json", &with(&serde_json::json!(vec!["x".repeat(120); 10]), 500));
    env.cmd().args(["validate"]).arg(&ok).assert().code(0);
    let bad = env.write("bad.json", &with(&serde_json::json!(vec!["x".repeat(121); 11]), 501));
    let out = env.cmd().args(["validate", "--format", "json"]).arg(&bad).assert().code(1).get_output().stdout.clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let found: Vec<(String, String)> = report["files"][0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_str().unwrap().to_owned(), e["path"].as_str().unwrap().to_owned()))
        .collect();
    assert!(found.contains(&("too_many".into(), "/seller/legal_text".into())), "{found:?}");
    assert!(found.contains(&("too_long".into(), "/seller/legal_text/0".into())), "{found:?}");
    assert!(found.contains(&("too_long".into(), "/payment/terms".into())), "{found:?}");
    let buyer = env.write(
        "buyer.json",
        &DRAFT.replace(r#""name": "Globex Ltd","#, r#""name": "Globex Ltd", "legal_text": ["x"],"#),
    );
    env.cmd().args(["validate"]).arg(&buyer).assert().code(1).stdout(predicate::str::contains(
        "/buyer/legal_text: legal_text belongs to the seller only (the legal mentions printed in the footer) [invalid_value]",
    ));
}

/// SPEC 15: reverse charge without the buyer's VAT id is refused with or without a
/// profile; standard-rate VAT to a US buyer passes with a warning.
#[test]
fn reverse_charge_needs_the_buyer_vat_id_and_exports_at_the_standard_rate_warn() {
    let env = TestEnv::new();
    let draft = repo().join("fixtures/invalid/reverse-charge-without-buyer-vat-id.json");
    let line = "/buyer/vat_id: the buyer's VAT identifier is required for reverse charge (category AE): the buyer \
                accounts for the VAT (VAT directive art. 226(4)) [missing_field]";
    for profile in [None, Some("en16931"), Some("xrechnung")] {
        let mut cmd = env.cmd();
        cmd.arg("validate").arg(&draft);
        if let Some(profile) = profile {
            cmd.args(["--profile", profile]);
        }
        cmd.assert().code(1).stdout(predicate::str::contains(line));
    }
    env.cmd().args(["create", "--input"]).arg(&draft).assert().code(1).stderr(predicate::str::contains(line));
    let us = env.write(
        "us.json",
        &DRAFT.replace(r#""city": "London", "country": "GB""#, r#""city": "Boston", "country": "US""#),
    );
    env.cmd().args(["create", "--input"]).arg(&us).assert().code(0).stderr(
        "invoice: warning: /buyer/address/country: VAT at the standard rate (category S) to a buyer in US, outside \
         the EU: export outside the EU is usually category G [suspicious_value]\n",
    );
}

/// SPEC 15: `pay`, `void` and `credit` name the invoice and the rule, never a draft.
#[test]
fn pay_void_and_credit_errors_name_the_invoice_never_a_draft() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd().args(["create", "--input"]).arg(&draft).assert().code(0);
    let check = |args: &[&str], start: &str| {
        let out = env.cmd().args(args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.starts_with(start), "{args:?}: {stderr}");
        assert!(!stderr.contains("draft"), "{args:?}: {stderr}");
    };
    check(&["pay", "INV-2026-0001", "--date", "2026-01-01"], "invoice: error: cannot pay INV-2026-0001: ");
    check(&["void", "INV-2026-0001", "--reason", "   "], "invoice: error: cannot void INV-2026-0001: ");
    check(&["credit", "INV-2026-0001", "--reason", &"r".repeat(101)], "invoice: error: cannot credit INV-2026-0001: ");
}

/// SPEC 11/15: `show` lists the credit notes against an invoice with date and gross.
#[test]
fn show_lists_the_credit_notes_against_an_invoice() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd().args(["create", "--input"]).arg(&draft).assert().code(0);
    env.cmd().args(["credit", "INV-2026-0001", "--reason", "Returned goods"]).assert().code(0);
    let json = env.cmd().args(["show", "INV-2026-0001", "--format", "json"]).output().unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let credits = shown["credits"].as_array().unwrap_or_else(|| panic!("{shown}"));
    assert_eq!(credits.len(), 1);
    let number = credits[0]["number"].as_str().unwrap().to_owned();
    assert!(number.starts_with("CN-"), "{number}");
    assert_eq!(credits[0]["gross"], "1500.45");
    let date = credits[0]["issue_date"].as_str().unwrap().to_owned();
    assert_eq!(shown["number"], "INV-2026-0001", "the invoice itself is still there");
    let text = env.cmd().args(["show", "INV-2026-0001"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.ends_with(&format!(
            "Credit notes against this invoice\n---------------------------------\n{number}  {date}  1500.45 EUR\n"
        )),
        "{text}"
    );
}
