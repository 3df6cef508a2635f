//! Writes the UN/ECE unit codes a draft may use (Recommendations 20 and 21, every code not
//! deleted) as one pointer-free table, read from the `cefact-units` crate.
//!
//! The crate's own tables hold about 16,500 `&str` (names, symbols, descriptions): linked into
//! the binary, each is a pointer the dynamic loader writes at every start, on about 96 pages
//! copied on write — a millisecond of every `invoice` process on a VM where a page fault costs
//! several microseconds, for a product that needs only the codes. So the crate is a build
//! dependency (and a dev-dependency for the test that compares the two), and the binary gets
//! `[[u8; 3]; N]`: sorted, two-letter codes padded with a zero byte.

use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut codes: Vec<&str> = cefact_units::UnitCode::ALL
        .iter()
        .filter(|code| code.status() != cefact_units::Status::Deleted)
        .map(|code| code.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let mut out = String::new();
    let _ = writeln!(out, "/// Every UN/ECE unit code not deleted, sorted; a two-letter code ends in a zero byte.");
    let _ = writeln!(out, "pub(crate) static UNIT_CODES: [[u8; 3]; {}] = [", codes.len());
    for code in codes {
        let bytes = code.as_bytes();
        if !(2..=3).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_alphanumeric) {
            // A build-time fact about the crate's data, not user input: stop the build.
            println!("cargo:warning=unit code {code:?} is not 2 or 3 ASCII letters or digits");
            std::process::exit(1);
        }
        let padded = [bytes[0], bytes[1], bytes.get(2).copied().unwrap_or(0)];
        let _ = writeln!(out, "    {padded:?},");
    }
    out.push_str("];\n");
    // Cargo hands a build script its output directory in the environment; the rule that
    // only config.rs reads the environment is about the product, not its build.
    #[allow(clippy::disallowed_methods)]
    let out_dir = std::env::var_os("OUT_DIR");
    let Some(dir) = out_dir else {
        println!("cargo:warning=OUT_DIR is not set");
        std::process::exit(1);
    };
    if let Err(e) = std::fs::write(std::path::Path::new(&dir).join("unit_codes.rs"), out) {
        println!("cargo:warning=cannot write unit_codes.rs: {e}");
        std::process::exit(1);
    }
}
