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
        println!(
            "{name}: {} expressions parsed, {} patterns, {} rules, {} assertions, {} globals, {} functions",
            c.sheet.expressions,
            c.sheet.patterns.len(),
            c.sheet.rules.len(),
            asserts,
            c.sheet.globals.len(),
            c.sheet.functions.len()
        );
        assert!(c.sheet.rules.len() > 20, "{name}: too few rules found");
        assert!(asserts > 50, "{name}: too few assertions found");
        total += c.sheet.expressions;
    }
    println!("total: {total} expressions");
}
