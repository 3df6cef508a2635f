//! Times loading the four official stylesheets (parse the XSLT, compile every expression).

use einvoice_rules::schematron::{CEN_CII, CEN_UBL, Compiled, XR_CII, XR_UBL};
use std::time::Instant;

fn main() {
    for (name, text) in
        [("CEN UBL", CEN_UBL), ("CEN CII", CEN_CII), ("XRechnung UBL", XR_UBL), ("XRechnung CII", XR_CII)]
    {
        let t0 = Instant::now();
        let opts = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
        let n = roxmltree::Document::parse_with_options(text, opts).map(|d| d.descendants().count()).unwrap_or(0);
        let t1 = Instant::now();
        let c = Compiled::from_text(text);
        let t2 = Instant::now();
        println!(
            "{name}: xml parse {:.2} ms ({n} nodes), full load {:.2} ms, ok={}",
            (t1 - t0).as_secs_f64() * 1e3,
            (t2 - t1).as_secs_f64() * 1e3,
            c.is_ok()
        );
    }
}
