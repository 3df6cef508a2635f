//! Fuzz target `draft`: arbitrary bytes → `check_bytes` (plain and sanitize mode) →
//! render every format of every accepted draft.
//!
//! Oracles: no panic anywhere (libFuzzer aborts on any panic, caught or not); a rejected
//! draft always carries at least one problem with a JSON Pointer path; an accepted draft
//! has exactly the currency's minor units in its totals, `gross = net + tax_total`,
//! renders as text, HTML (with no script tag or script URL in it) and JSON that reads
//! back to the same invoice, and as a PDF or an `unsupported_character` refusal.

#![no_main]

use chrono::NaiveDate;
use invoice::invoice::parse::Options;
use invoice::invoice::{Code, Defaults, Invoice, check_bytes};
use invoice::render::{Format, Paper, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    let defaults = Defaults::default();
    for sanitize in [false, true] {
        match check_bytes(data, Options { sanitize }, &defaults, today) {
            Err(rejected) => {
                assert!(!rejected.problems.is_empty(), "rejected without a problem");
                for problem in &rejected.problems {
                    assert!(problem.path.is_empty() || problem.path.starts_with('/'), "bad pointer: {problem:?}");
                }
            }
            Ok(checked) => check_invoice(&checked.invoice),
        }
    }
});

fn check_invoice(invoice: &Invoice) {
    let totals = &invoice.totals;
    let dp = invoice::invoice::money::minor_units(&invoice.currency).unwrap_or(u32::MAX);
    for amount in [totals.lines_net, totals.net, totals.tax_total, totals.gross, totals.prepaid, totals.due] {
        assert_eq!(amount.scale(), dp, "amount {amount} does not have the currency's minor units");
    }
    assert_eq!(totals.gross, totals.net + totals.tax_total);
    assert_eq!(totals.due, totals.gross - totals.prepaid);

    let text = render(invoice, Format::Text, Paper::A4).map(|b| !b.is_empty());
    assert!(matches!(text, Ok(true)), "text rendering failed");
    let html = render(invoice, Format::Html, Paper::A4).unwrap_or_default();
    let lower = String::from_utf8_lossy(&html).to_ascii_lowercase();
    assert!(!lower.is_empty() && !lower.contains("<script") && !lower.contains("javascript:"), "unsafe HTML");
    let json = render(invoice, Format::Json, Paper::Letter).unwrap_or_default();
    let back: Option<Invoice> = serde_json::from_slice(&json).ok();
    assert!(back.as_ref() == Some(invoice), "JSON rendering does not read back to the same invoice");
    match render(invoice, Format::Pdf, Paper::A4) {
        Ok(pdf) => assert!(pdf.starts_with(b"%PDF-")),
        Err(invoice::Error::Invalid { problems }) => {
            assert!(problems.iter().all(|p| p.code == Code::UnsupportedCharacter), "{problems:?}");
        }
        Err(other) => panic!("PDF rendering failed: {other}"),
    }
}
