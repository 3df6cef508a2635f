//! Beyond the official examples (which are nearly all valid): the same comparison with
//! check.py on hundreds of broken variants of them: an element removed, an amount changed,
//! a number or date made unreadable, a code replaced, an element emptied. These fire most of
//! the rules, and the unreadable values exercise the dynamic errors that stop Saxon.
//! Runs only when EINVOICE_CHECKER_PY is set.

mod common;

use common::{checker_dir, checker_python, compare, official, ours};
use einvoice_rules::RuleSet;
use std::path::{Path, PathBuf};

const BASES: &[&str] = &[
    "cen-ubl/ubl-tc434-example1.xml",
    "cen-ubl/ubl-tc434-creditnote1.xml",
    "cen-ubl/guide-example3.xml",
    "cen-ubl/sample-discount-price.xml",
    "cen-cii/CII_example1.xml",
    "cen-cii/CII_business_example_Z.xml",
    "cen-cii/CII_example5.xml",
    "xrechnung/business-cases-standard/01.01a-INVOICE_ubl.xml",
    "xrechnung/business-cases-standard/01.01a-INVOICE_uncefact.xml",
    "xrechnung/technical-cases-cvd/02.01a-cvd_INVOICE_ubl.xml",
    "xrechnung/business-cases-extension/04.01a-INVOICE_ubl.xml",
    "xrechnung/technical-cases-cius/01.01_comprehensive_test_uncefact.xml",
];

fn splice(text: &str, range: std::ops::Range<usize>, with: &str) -> String {
    format!("{}{}{}", &text[..range.start], with, &text[range.end..])
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' || (b.len() == 8 && b.iter().all(u8::is_ascii_digit))
}

/// The broken variants of one document (name suffix, text).
fn mutants(text: &str) -> Vec<(String, String)> {
    let Ok(doc) = roxmltree::Document::parse(text) else { return Vec::new() };
    let mut out = Vec::new();
    let root = doc.root_element();
    for (k, child) in root.children().filter(|c| c.is_element()).enumerate().take(40) {
        out.push((format!("del{k}"), splice(text, child.range(), "")));
    }
    let leaves: Vec<_> = doc
        .descendants()
        .filter(|n| n.is_element() && !n.children().any(|c| c.is_element()))
        .filter_map(|n| n.first_child().filter(|t| t.is_text()).map(|t| (n, t)))
        .collect();
    for (k, (_, t)) in leaves.iter().enumerate() {
        let v = t.text().unwrap_or("").trim();
        let numeric = !v.is_empty() && v.parse::<f64>().is_ok();
        if numeric && k % 2 == 0 {
            out.push((format!("num{k}"), splice(text, t.range(), &format!("{v}7"))));
        }
        if numeric && k % 5 == 1 {
            out.push((format!("nan{k}"), splice(text, t.range(), "1,5")));
        }
        if is_date(v) && k % 2 == 1 {
            out.push((format!("date{k}"), splice(text, t.range(), "2024-02-30")));
        }
        if !numeric && k % 6 == 3 {
            out.push((format!("code{k}"), splice(text, t.range(), "ZZ")));
        }
        if k % 9 == 4 {
            out.push((format!("empty{k}"), splice(text, t.range(), "")));
        }
    }
    let mut attrs = 0;
    for n in doc.descendants().filter(|n| n.is_element()) {
        for a in n.attributes() {
            if attrs < 12 && (attrs == 0 || n.id().get() % 3 == 0) {
                out.push((format!("attr{attrs}"), splice(text, a.range_value(), "ZZZ")));
                attrs += 1;
            }
        }
    }
    out
}

#[test]
fn verdicts_equal_the_official_checker_on_broken_variants_of_the_examples() {
    let Some(python) = checker_python() else {
        println!("skipped: set EINVOICE_CHECKER_PY to a Python with saxonche to compare with check.py");
        return;
    };
    let checker = checker_dir();
    let examples = checker.join("artefacts/examples");
    let dir = std::env::temp_dir().join(format!("einvoice-engine-mutants-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = Vec::new();
    let mut xr_files: Vec<PathBuf> = Vec::new();
    for base in BASES {
        let path = examples.join(base);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = Path::new(base).file_stem().and_then(|s| s.to_str()).unwrap_or("x").replace(' ', "_");
        for (suffix, mutant) in mutants(&text) {
            let p = dir.join(format!("{stem}.{suffix}.xml"));
            std::fs::write(&p, mutant).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            if base.starts_with("xrechnung/") {
                xr_files.push(p.clone());
            }
            files.push(p);
        }
    }
    println!("{} variants ({} of XRechnung documents)", files.len(), xr_files.len());
    assert!(files.len() > 200, "too few variants");

    let cen_official = official(&python, &checker, &files, false);
    let (cen_ours, _) = ours(&files, RuleSet::En16931);
    let mut bad = compare("EN16931 variants", &cen_official, &cen_ours);
    let xr_official = official(&python, &checker, &xr_files, true);
    let (xr_ours, _) = ours(&xr_files, RuleSet::XRechnung);
    bad += compare("XRechnung variants", &xr_official, &xr_ours);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(bad, 0, "verdicts differ from check.py");
}
