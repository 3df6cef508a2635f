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
