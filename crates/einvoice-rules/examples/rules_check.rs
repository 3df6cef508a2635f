//! Runs the official Schematron rules on files and prints the findings and the time taken:
//! `cargo run --release -p einvoice-rules --example rules_check -- [--xrechnung] FILE...`

use einvoice_rules::{RuleSet, Syntax, schematron};
use std::time::Instant;

fn main() {
    let start = Instant::now();
    let mut rules = RuleSet::En16931;
    let mut quiet = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--xrechnung" => rules = RuleSet::XRechnung,
            "--quiet" => quiet = true,
            path => {
                let t0 = Instant::now();
                let text = match std::fs::read_to_string(path) {
                    Ok(t) => t,
                    Err(e) => {
                        eprintln!("{path}: {e}");
                        continue;
                    }
                };
                let doc = match roxmltree::Document::parse(&text) {
                    Ok(d) => d,
                    Err(e) => {
                        eprintln!("{path}: {e}");
                        continue;
                    }
                };
                let root = doc.root_element();
                let Some(syntax) = Syntax::of_root(root.tag_name().namespace(), root.tag_name().name()) else {
                    eprintln!("{path}: unknown root");
                    continue;
                };
                let t1 = Instant::now();
                if let Err(e) = schematron::preload(syntax, rules) {
                    eprintln!("rules: {e}");
                }
                let t2 = Instant::now();
                let findings = schematron::check(&doc, syntax, rules);
                println!(
                    "== {path}: {} findings in {:.2} ms (read+parse {:.2} ms, rule load {:.2} ms, check {:.2} ms)",
                    findings.len(),
                    t0.elapsed().as_secs_f64() * 1e3,
                    (t1 - t0).as_secs_f64() * 1e3,
                    (t2 - t1).as_secs_f64() * 1e3,
                    t2.elapsed().as_secs_f64() * 1e3
                );
                if !quiet {
                    for f in findings {
                        println!("   [{}] {} @ {}: {}", f.severity, f.rule, f.location, f.message);
                    }
                }
            }
        }
    }
    println!("total {:.2} ms", start.elapsed().as_secs_f64() * 1e3);
}
