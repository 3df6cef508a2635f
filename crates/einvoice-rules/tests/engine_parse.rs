//! Every rule, variable and function of the four official stylesheets parses with our XPath
//! engine (a construct it does not know fails here, not silently at validation time).

use einvoice_rules::schematron::{CEN_CII, CEN_UBL, Compiled, XR_CII, XR_UBL};

#[test]
fn every_expression_of_the_official_stylesheets_parses() {
    let mut total = 0;
    for (name, text) in
        [("CEN UBL", CEN_UBL), ("CEN CII", CEN_CII), ("XRechnung UBL", XR_UBL), ("XRechnung CII", XR_CII)]
    {
        let c = match Compiled::from_text(text) {
            Ok(c) => c,
            Err(e) => panic!("{name}: {e}"),
        };
        let asserts: usize = c.sheet.rules.iter().map(|r| r.checks.len()).sum();
        let expressions = match c.compile_all() {
            Ok(n) => n,
            Err(e) => panic!("{name}: {e}"),
        };
        println!(
            "{name}: {} expressions parsed, {} patterns, {} rules, {} assertions, {} globals, {} functions",
            expressions,
            c.sheet.patterns.len(),
            c.sheet.rules.len(),
            asserts,
            c.sheet.globals.len(),
            c.sheet.functions.len()
        );
        assert!(c.sheet.rules.len() > 20, "{name}: too few rules found");
        assert!(asserts > 50, "{name}: too few assertions found");
        total += expressions;
    }
    println!("total: {total} expressions");
}

struct ElemNs<'a, 'i>(roxmltree::Node<'a, 'i>);

impl einvoice_rules::xpath::Namespaces for ElemNs<'_, '_> {
    fn uri(&self, prefix: &str) -> Option<std::sync::Arc<str>> {
        self.0.lookup_namespace_uri(Some(prefix)).map(std::sync::Arc::from)
    }
}

/// Not only the rules: every `test`, `select` and `match` of every XSLT instruction in the
/// four files (the SVRL scaffolding too) is an expression our parser reads.
#[test]
fn every_test_select_and_match_attribute_parses() {
    const XSL: &str = "http://www.w3.org/1999/XSL/Transform";
    let mut total = 0;
    let mut failures = Vec::new();
    for (name, text) in
        [("CEN UBL", CEN_UBL), ("CEN CII", CEN_CII), ("XRechnung UBL", XR_UBL), ("XRechnung CII", XR_CII)]
    {
        let opts = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
        let doc = match roxmltree::Document::parse_with_options(text, opts) {
            Ok(d) => d,
            Err(e) => panic!("{name}: {e}"),
        };
        let mut count = 0;
        for n in doc.descendants().filter(|n| n.is_element() && n.tag_name().namespace() == Some(XSL)) {
            for attr in ["test", "select", "match"] {
                if let Some(src) = n.attribute(attr) {
                    count += 1;
                    if let Err(e) = einvoice_rules::xpath::parse(src, &ElemNs(n)) {
                        failures.push(format!("{name}: {attr}=\"{src}\": {e}"));
                    }
                }
            }
        }
        println!("{name}: {count} test/select/match expressions");
        total += count;
    }
    println!("total: {total}, not parsed: {}", failures.len());
    assert!(total > 4000, "too few expressions found");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The rules embedded at build time are exactly those of the shipped stylesheets.
#[test]
fn the_embedded_rules_are_the_shipped_stylesheets() {
    use einvoice_rules::schematron::{COMPACT, extract};
    for (i, text) in [CEN_UBL, CEN_CII, XR_UBL, XR_CII].into_iter().enumerate() {
        let sheet = match extract::extract(text) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(extract::serialize(&sheet), COMPACT[i], "stylesheet {i}");
        let back = match extract::deserialize(COMPACT[i]) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(extract::serialize(&back), COMPACT[i], "stylesheet {i} read back");
    }
}

/// Every expression the build script stored parsed reads back as the tree the parser makes of
/// its source: the stored form changes the cost of a first use, never a verdict.
#[test]
fn the_stored_parses_are_the_parsers_trees() {
    use einvoice_rules::schematron::{COMPACT, Compiled, extract};
    for (i, text) in COMPACT.into_iter().enumerate() {
        let compiled = match extract::deserialize(text).and_then(Compiled::from_sheet) {
            Ok(c) => c,
            Err(e) => panic!("stylesheet {i}: {e}"),
        };
        match compiled.verify_compiled() {
            Ok(n) => assert!(n > 150, "stylesheet {i}: only {n} expressions stored parsed"),
            Err(e) => panic!("stylesheet {i}: {e}"),
        }
    }
}
