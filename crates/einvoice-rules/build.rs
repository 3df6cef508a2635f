//! Extracts the rules of the shipped Schematron stylesheets once, at build time, into a compact
//! form the crate embeds: at run time no XSLT is parsed, and no rule's context pattern is
//! parsed to index the rules (SPEC 13.3's start-up budget).

#[allow(dead_code)] // the crate also uses the reading half
#[path = "src/schematron/extract.rs"]
mod extract;

/// The crate's XPath parser: the rules' context patterns are read with it here (a pattern it
/// cannot read fails the build). Only the parser is used; the evaluator comes along. Lints
/// that spare the crate's public API (its exported names) apply here, where nothing is exported.
#[allow(dead_code, unused_imports, clippy::enum_variant_names)]
#[path = "src/xpath/mod.rs"]
mod xpath;

/// KoSIT's scenarios (which XRechnung scenario a BT-24 selects, its severity overrides).
#[path = "src/schematron/scenario_extract.rs"]
mod scenario_extract;

/// What the crate keeps a compiled expression as; the build script compiles none.
type ExprCell = ();

#[allow(clippy::disallowed_methods)] // a build script learns its output directory from Cargo's environment
fn main() {
    println!("cargo:rerun-if-changed=src/schematron/extract.rs");
    println!("cargo:rerun-if-changed=src/xpath");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        eprintln!("build.rs: OUT_DIR is not set");
        std::process::exit(1);
    };
    let out_dir = std::path::PathBuf::from(out_dir);
    for (src, out) in [
        ("artefacts/cen/EN16931-UBL-validation.xslt", "cen-ubl.rules"),
        ("artefacts/cen/EN16931-CII-validation.xslt", "cen-cii.rules"),
        ("artefacts/xrechnung/XRechnung-UBL-validation.xsl", "xr-ubl.rules"),
        ("artefacts/xrechnung/XRechnung-CII-validation.xsl", "xr-cii.rules"),
    ] {
        println!("cargo:rerun-if-changed={src}");
        let result = std::fs::read_to_string(src)
            .map_err(|e| e.to_string())
            .and_then(|text| extract::extract(&text))
            .and_then(|sheet| std::fs::write(out_dir.join(out), extract::serialize(&sheet)).map_err(|e| e.to_string()));
        if let Err(e) = result {
            eprintln!("build.rs: {src}: {e}");
            std::process::exit(1);
        }
    }
    let src = "artefacts/xrechnung/kosit-scenarios.xml";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=src/schematron/scenario_extract.rs");
    let result = std::fs::read_to_string(src).map_err(|e| e.to_string()).and_then(|text| {
        scenario_extract::extract(&text).and_then(|compact| {
            std::fs::write(out_dir.join("kosit-scenarios.rules"), compact).map_err(|e| e.to_string())
        })
    });
    if let Err(e) = result {
        eprintln!("build.rs: {src}: {e}");
        std::process::exit(1);
    }
}
