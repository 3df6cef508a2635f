//! Times loading the embedded rules and compiling all their expressions.

use einvoice_rules::schematron::{COMPACT, Compiled, extract};
use std::time::Instant;

fn main() {
    for (i, name) in ["CEN UBL", "CEN CII", "XRechnung UBL", "XRechnung CII"].into_iter().enumerate() {
        let t0 = Instant::now();
        let c = extract::deserialize(COMPACT[i]).and_then(Compiled::from_sheet);
        let t1 = Instant::now();
        let n = c.as_ref().map_err(Clone::clone).and_then(Compiled::compile_all);
        let t2 = Instant::now();
        println!(
            "{name}: load {:.2} ms, compiling all {:?} expressions {:.2} ms",
            (t1 - t0).as_secs_f64() * 1e3,
            n,
            (t2 - t1).as_secs_f64() * 1e3
        );
    }
}
