//! PDF output through the command line (layout and text are tested in `render::pdf`).

use crate::common::{DRAFT, TestEnv};
use predicates::prelude::*;

#[test]
fn a_stored_invoice_renders_to_a_pdf_file_and_to_a_pipe_identically() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd().args(["create", "--input"]).arg(&draft).assert().code(0);
    let file = env.path().join("inv.pdf");
    env.cmd().args(["render", "INV-2026-0001", "--format", "pdf", "--out"]).arg(&file).assert().code(0).stdout("");
    let from_file = std::fs::read(&file).unwrap();
    assert!(from_file.starts_with(b"%PDF-"));
    let piped = env.cmd().args(["render", "INV-2026-0001", "--format", "pdf", "--out", "-"]).output().unwrap();
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(piped.stdout, from_file, "the same invoice must give the same bytes");
}

#[test]
fn letter_paper_changes_the_page_size() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    let a4 = env.cmd().args(["render", "--format", "pdf", "--input"]).arg(&draft).output().unwrap().stdout;
    let letter = env
        .cmd()
        .args(["render", "--format", "pdf", "--paper", "letter", "--input"])
        .arg(&draft)
        .output()
        .unwrap()
        .stdout;
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(text(&a4).contains("/MediaBox[0 0 595.28 841.89]"), "A4 media box");
    assert!(text(&letter).contains("/MediaBox[0 0 612 792]"), "Letter media box");
}

#[test]
fn create_with_an_unprintable_character_fails_before_using_a_number() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", &DRAFT.replace("Globex Ltd", "株式会社グローベックス"));
    let out = env.path().join("x.pdf");
    env.cmd()
        .args(["create", "--render", "pdf", "--out"])
        .arg(&out)
        .arg("--input")
        .arg(&draft)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/buyer/name").and(predicate::str::contains("[unsupported_character]")));
    assert!(!out.exists());
    // The same draft is fine as HTML, and gets the first number: none was used up.
    env.cmd().args(["create", "--format", "number", "--input"]).arg(&draft).assert().code(0).stdout("INV-2026-0001\n");
}

#[test]
fn create_can_write_the_pdf_next_to_the_invoice() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", &DRAFT.replace("Globex Ltd", "Müller GmbH — Αθήνα — ООО Ромашка"));
    let out = env.path().join("inv.pdf");
    env.cmd().args(["create", "--render", "pdf", "--out"]).arg(&out).arg("--input").arg(&draft).assert().code(0);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
}

/// A draft in `language` with every labelled fact the PDF prints (references, delivery,
/// a long payment terms text, IBAN, BIC, legal footer), sold inside the EU.
fn full_draft(language: &str) -> String {
    let draft = serde_json::json!({
        "language": language,
        "issue_date": "2026-11-27", "due_date": "2026-12-27", "currency": "EUR",
        "seller": {
            "name": "Studio Lumière SAS", "vat_id": "FR40303265045", "legal_id": "RCS Paris 303 265 045",
            "address": {"lines": ["8 rue des Archives"], "city": "Paris", "postal_code": "75004", "country": "FR"},
            "legal_text": [
                "Studio Lumière SAS au capital de 10 000 € · RCS Paris 303 265 045 · Président : Claire Martin",
                "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €."
            ]
        },
        "buyer": {"name": "Librairie Moreau SARL", "vat_id": "FR83404833048", "legal_id": "RCS Lyon 404 833 048",
                  "address": {"city": "Lyon", "postal_code": "69002", "country": "FR"}},
        "buyer_reference": "REF-2026-77", "order_reference": "PO-4711",
        "lines": [
            {"description": "Séance photo", "quantity": "6", "unit": "heure", "unit_price": "95.00", "tax_rate": "20",
             "discount_percent": "5"},
            {"description": "Tirages", "quantity": "12", "unit": "pièce", "unit_price": "38.00", "tax_rate": "20"}
        ],
        "payment": {"means": "sepa_credit_transfer", "iban": "FR1420041010050500013M02606", "bic": "BNPAFRPPXXX",
                    "terms": "Paiement à 30 jours fin de mois. En cas de retard, pénalités au taux de trois fois le taux d'intérêt légal et indemnité forfaitaire de 40 € pour frais de recouvrement."}
    });
    draft.to_string()
}

/// Issues the full draft and renders it as PDF in `language` (an issued invoice: no
/// DRAFT watermark lying over the words).
fn issued_pdf(env: &TestEnv, language: &str) -> Vec<u8> {
    issued_pdf_paid(env, language, None)
}

/// The PDF of an invoice issued from the full draft in `language`, after a partial payment
/// by `method` when one is given (its row in "Payments and credits" has a long label).
fn issued_pdf_paid(env: &TestEnv, language: &str, method: Option<&str>) -> Vec<u8> {
    let draft = env.write(&format!("{language}.json"), &full_draft(language));
    let number = env.cmd().args(["create", "--format", "number", "--input"]).arg(&draft).output().unwrap();
    assert_eq!(number.status.code(), Some(0), "{}", String::from_utf8_lossy(&number.stderr));
    let number = String::from_utf8(number.stdout).unwrap().trim().to_owned();
    if let Some(method) = method {
        let paid = env.cmd().args(["pay", &number, "--amount", "1", "--method", method]).output().unwrap();
        assert_eq!(paid.status.code(), Some(0), "{}", String::from_utf8_lossy(&paid.stderr));
    }
    let out = env.cmd().args(["render", &number, "--format", "pdf", "--out", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    out.stdout
}

/// Every structure element type (`/S`) under the structure tree root, depth first.
fn structure_types(document: &lopdf::Document, object: &lopdf::Object, out: &mut Vec<String>) {
    let object = match object {
        lopdf::Object::Reference(id) => match document.get_object(*id) {
            Ok(object) => object,
            Err(_) => return,
        },
        other => other,
    };
    match object {
        lopdf::Object::Array(items) => items.iter().for_each(|item| structure_types(document, item, out)),
        lopdf::Object::Dictionary(dict) => {
            if let Ok(name) = dict.get(b"S").and_then(lopdf::Object::as_name) {
                out.push(String::from_utf8_lossy(name).into_owned());
            }
            if let Ok(kids) = dict.get(b"K") {
                structure_types(document, kids, out);
            }
        }
        _ => {}
    }
}

/// Issue 23: German and French PDFs declared `/Lang(en)` and were untagged.
#[test]
fn the_pdf_declares_its_language_and_is_tagged_with_headings_and_tables() {
    let env = TestEnv::new();
    for language in ["en", "de", "fr"] {
        let pdf = issued_pdf(&env, language);
        let document = lopdf::Document::load_mem(&pdf).unwrap();
        let catalog = document.catalog().unwrap();
        let lang = catalog.get(b"Lang").and_then(lopdf::Object::as_str).unwrap();
        assert_eq!(lang, language.as_bytes(), "/Lang of the {language} PDF");
        let marked = catalog.get(b"MarkInfo").and_then(lopdf::Object::as_dict).unwrap();
        assert!(marked.get(b"Marked").and_then(lopdf::Object::as_bool).unwrap());
        let root = catalog.get(b"StructTreeRoot").unwrap();
        let mut types = Vec::new();
        structure_types(&document, root, &mut types);
        for wanted in ["H1", "H2", "Table", "THead", "TBody", "TR", "TH", "TD", "P"] {
            assert!(types.iter().any(|t| t == wanted), "{language}: no {wanted} in {types:?}");
        }
        // Three tables: lines, VAT breakdown, totals; one H1, the title.
        assert_eq!(types.iter().filter(|t| *t == "Table").count(), 3, "{language}: {types:?}");
        assert_eq!(types.iter().filter(|t| *t == "H1").count(), 1, "{language}");
    }
}

/// A word of a page and its box: x min, y min, x max, y max in points.
type Word = (String, [f64; 4]);

/// The words of each page with their boxes, from `pdftotext -bbox`; `None` when poppler's
/// pdftotext is not installed.
fn word_boxes(pdf: &[u8], dir: &std::path::Path) -> Option<Vec<Vec<Word>>> {
    let file = dir.join("words.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg("-bbox").arg(&file).arg("-").output().ok()?;
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    let number = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut words = Vec::new();
        for word in page.split("<word ").skip(1) {
            let (tag, rest) = word.split_once('>').unwrap();
            let text = rest.split("</word>").next().unwrap().to_owned();
            let bbox = [number(tag, "xMin"), number(tag, "yMin"), number(tag, "xMax"), number(tag, "yMax")];
            words.push((text, bbox));
        }
        pages.push(words);
    }
    Some(pages)
}

/// Issue 23: "Conditions de paiement" ran into its value. In every language, no word of
/// the PDF touches or overlaps another (a label into its value, a value into the next
/// column). Checked to fail with the old fixed 90 pt label column.
#[test]
fn no_label_overlaps_its_value_in_any_language() {
    let env = TestEnv::new();
    for language in ["en", "de", "fr"] {
        // With a payment whose date and method are wider than the room beside its amount
        // (it ran into "-1,00" before it wrapped).
        let pdf = issued_pdf_paid(&env, language, Some("sepa_credit_transfer"));
        let Some(pages) = word_boxes(&pdf, env.path()) else {
            eprintln!(
                "SKIPPED no_label_overlaps_its_value_in_any_language: pdftotext (poppler-utils) is not installed"
            );
            return;
        };
        let words: usize = pages.iter().map(Vec::len).sum();
        assert!(words > 100, "{language}: only {words} words read");
        for (p, page) in pages.iter().enumerate() {
            for (i, (a, ba)) in page.iter().enumerate() {
                for (b, bb) in &page[i + 1..] {
                    let overlap_x = ba[2].min(bb[2]) - ba[0].max(bb[0]);
                    let overlap_y = ba[3].min(bb[3]) - ba[1].max(bb[1]);
                    // On one line, words are at least a point apart: a label that
                    // ends where its value starts (0.2 pt apart, the old French
                    // "Conditions de paiement") runs into it as much as one that overlaps.
                    assert!(
                        overlap_x <= -1.0 || overlap_y <= 1.0,
                        "{language} page {}: {a:?} {ba:?} touches or overlaps {b:?} {bb:?}",
                        p + 1
                    );
                }
            }
        }
        // The French label that used to collide is there, whole.
        if language == "fr" {
            let text: Vec<&str> = pages[0].iter().map(|(w, _)| w.as_str()).collect();
            assert!(text.windows(3).any(|w| w == ["Conditions", "de", "paiement"]), "{text:?}");
        }
    }
}
