//! Which rule expressions cost the most to compile (a profiling aid).

use einvoice_rules::schematron::{COMPACT, extract};
use einvoice_rules::xpath::{Namespaces, parse};
use std::sync::Arc;
use std::time::Instant;

struct Ns(Vec<(String, Arc<str>)>);

impl Namespaces for Ns {
    fn uri(&self, prefix: &str) -> Option<Arc<str>> {
        self.0.iter().find(|(p, _)| p == prefix).map(|(_, u)| u.clone())
    }
}

fn main() {
    let Ok(sheet) = extract::deserialize(COMPACT[0]) else { return };
    let ns = Ns(sheet.namespaces.iter().map(|(p, u)| (p.to_string(), Arc::from(&**u))).collect());
    let mut costs = Vec::new();
    for _ in 0..20 {
        costs.clear();
        for r in &sheet.rules {
            for c in &r.checks {
                let t0 = Instant::now();
                let ok = parse(&c.test.src, &ns).is_ok();
                costs.push((t0.elapsed().as_nanos(), c.test.src.len(), ok, c.id.to_string()));
            }
        }
    }
    let total: u128 = costs.iter().map(|c| c.0).sum();
    costs.sort();
    costs.reverse();
    println!("total {:.2} ms for {} tests", total as f64 / 1e6, costs.len());
    for c in costs.iter().take(15) {
        println!("{:>8} ns {:>6} chars {} {}", c.0, c.1, c.2, c.3);
    }
    let long: u128 = costs.iter().filter(|c| c.1 > 1000).map(|c| c.0).sum();
    println!("tests over 1000 chars: {:.2} ms", long as f64 / 1e6);
}
