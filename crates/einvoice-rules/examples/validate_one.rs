//! Validates files as `validate()` does and prints, per file, the time of each stage (parse, XML
//! Schema, rules): `cargo run --release -p einvoice-rules --example validate_one -- FILE...`

use einvoice_rules::{Profile, Syntax, input, schematron, validate_document, xsd};
use std::time::Instant;

fn main() {
    for path in std::env::args().skip(1) {
        let t0 = Instant::now();
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let doc = match input::parse(&text) {
            Ok(d) => d,
            Err(f) => {
                println!("{path}: {}", f.message);
                continue;
            }
        };
        let t1 = Instant::now();
        let root = doc.root_element();
        let Some(syntax) = Syntax::of_root(root.tag_name().namespace(), root.tag_name().name()) else {
            println!("{path}: unknown root");
            continue;
        };
        let schema = xsd::validate(&doc, syntax);
        let t2 = Instant::now();
        let rules = if einvoice_rules::declares_xrechnung(&doc, syntax) {
            einvoice_rules::RuleSet::XRechnung
        } else {
            einvoice_rules::RuleSet::En16931
        };
        let findings = schematron::check(&doc, syntax, rules);
        let t3 = Instant::now();
        let total = validate_document(&doc, Profile::Auto).findings.len();
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
        println!(
            "{path}: {total} findings; read+parse {:.2} ms, XML Schema {:.2} ms ({}), rules {:.2} ms ({})",
            ms(t0, t1),
            ms(t1, t2),
            schema.len(),
            ms(t2, t3),
            findings.len()
        );
    }
}
