//! How long the schema layer takes: `cargo test -p einvoice-rules --release --test xsd_speed
//! -- --nocapture` prints the figures (the bounds are asserted in release builds only).

use std::time::{Duration, Instant};

use einvoice_rules::{Syntax, input, xsd};

const EXAMPLES: &[(&str, Syntax)] =
    &[("ubl-invoice.xml", Syntax::UblInvoice), ("ubl-creditnote.xml", Syntax::UblCreditNote), ("cii.xml", Syntax::Cii)];

fn example(name: &str) -> String {
    let path = format!("{}/tests/xsd_data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn validating_a_typical_invoice_takes_well_under_a_millisecond() {
    for (name, syntax) in EXAMPLES {
        let text = example(name);
        let doc = match input::parse(&text) {
            Ok(doc) => doc,
            Err(f) => panic!("{name}: {}", f.message),
        };
        // The first call includes "loading" the schema: static tables, touched for the first time.
        let start = Instant::now();
        let schema = xsd::schema(*syntax);
        let first_findings = xsd::validate(&doc, *syntax);
        let first = start.elapsed();
        assert!(first_findings.is_empty(), "{name}: {first_findings:?}");
        let mut times: Vec<Duration> = (0..200)
            .map(|_| {
                let start = Instant::now();
                let findings = xsd::validate(&doc, *syntax);
                let took = start.elapsed();
                assert!(findings.is_empty());
                took
            })
            .collect();
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "{name} ({} bytes, {} elements; schema: {} global elements, {} complex types): first call {first:?}, median {median:?}",
            text.len(),
            doc.descendants().filter(|n| n.is_element()).count(),
            schema.elements.len(),
            schema.complex.len()
        );
        if !cfg!(debug_assertions) {
            assert!(median < Duration::from_millis(1), "{name}: median {median:?}");
            assert!(first < Duration::from_millis(3), "{name}: first call {first:?}");
        }
    }
}

/// Many children in a nested, repeating content model (ds:KeyInfo is a repeated choice) and
/// many lines in a flat one stay linear.
#[test]
fn large_documents_stay_linear() {
    let text = example("ubl-invoice.xml");
    let Some(at) = text.find("<cbc:CustomizationID") else { panic!("no CustomizationID in the example") };
    let ext = "<ext:UBLExtensions xmlns:ext=\"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2\"><ext:UBLExtension><ext:ExtensionContent>";
    let names = "<ds:KeyName>k</ds:KeyName>".repeat(50_000);
    let key_info = format!("<ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">{names}</ds:KeyInfo>");
    let end = "</ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>";
    let big_extension = format!("{}{ext}{key_info}{end}{}", &text[..at], &text[at..]);
    let Some(line_start) = text.find("<cac:InvoiceLine>") else { panic!("no InvoiceLine") };
    let Some(line_end) = text.find("</cac:InvoiceLine>") else { panic!("no InvoiceLine end") };
    let line = &text[line_start..line_end + "</cac:InvoiceLine>".len()];
    let many_lines = format!("{}{}{}", &text[..line_start], line.repeat(5_000), &text[line_start..]);
    for (label, text) in
        [("50 000 ds:KeyName in one ds:KeyInfo", big_extension), ("5 000 more invoice lines", many_lines)]
    {
        let doc = match input::parse(&text) {
            Ok(doc) => doc,
            Err(f) => panic!("{label}: {}", f.message),
        };
        let start = Instant::now();
        let findings = xsd::validate(&doc, Syntax::UblInvoice);
        let took = start.elapsed();
        println!("{label} ({} bytes): {took:?}, {} findings", text.len(), findings.len());
        assert!(findings.is_empty(), "{label}: {findings:?}");
        if !cfg!(debug_assertions) {
            assert!(took < Duration::from_millis(200), "{label}: {took:?}");
        }
    }
}
