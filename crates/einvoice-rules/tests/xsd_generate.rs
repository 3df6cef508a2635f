//! `src/xsd/generated.rs` is the compiled form of `artefacts/xsd/`: this test compiles the
//! shipped schemas again and fails when the checked-in tables differ. `XSD_REGENERATE=1`
//! rewrites the file instead.

use einvoice_rules::xsd::compile::{Schema, compile, emit};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn schema_set(dir: &str, roots: &[&str]) -> Schema {
    let base = format!("{ROOT}/artefacts/xsd/{dir}");
    let load = move |path: &str| std::fs::read_to_string(format!("{base}/{path}")).map_err(|e| format!("{path}: {e}"));
    match compile(roots, &load) {
        Ok(schema) => schema,
        Err(e) => panic!("compiling {dir}: {e}"),
    }
}

#[test]
#[allow(clippy::disallowed_methods)] // the test's own knob, not product configuration
fn generated_tables_match_the_shipped_schemas() {
    let ubl = schema_set("ubl-2.1", &["maindoc/UBL-Invoice-2.1.xsd", "maindoc/UBL-CreditNote-2.1.xsd"]);
    let cii = schema_set("cii-d16b", &["CrossIndustryInvoice_100pD16B.xsd"]);
    assert!(ubl.elements.iter().any(|e| e.name == "Invoice") && ubl.elements.iter().any(|e| e.name == "CreditNote"));
    assert!(cii.elements.iter().any(|e| e.name == "CrossIndustryInvoice"));
    let text = emit(&[("UBL", &ubl), ("CII", &cii)]);
    let path = format!("{ROOT}/src/xsd/generated.rs");
    if std::env::var_os("XSD_REGENERATE").is_some() {
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("writing {path}: {e}"));
        println!("wrote {path}: {} bytes", text.len());
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == text,
        "{path} is stale: run `XSD_REGENERATE=1 cargo test -p einvoice-rules --test xsd_generate` and commit it"
    );
}
