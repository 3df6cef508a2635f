//! E-invoice benchmark: `cargo bench --bench einvoice`.
//!
//! In-process: UBL and CII of a 20-line invoice (target under 1 ms each), and Factur-X
//! next to the plain PDF of the same invoice (target: within 2×). As a process: `invoice
//! render NUMBER --format ubl|cii|facturx|pdf` on the README's example invoice
//! (`fixtures/valid/spec-example.json` with the seller's VAT id and the buyer's country it
//! already has), next to `invoice --version` as the start-up floor. Prints medians and p95.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::*;
use invoice::invoice::{Defaults, Invoice, Status, check_bytes, parse};
use invoice::render::Paper;
use invoice::render::einvoice::{Format, Profile, facturx, render_xml};
use serde_json::{Value, json};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let invoice = sample(20);
    let runs = 2_000;
    for (label, format) in [("ubl", Format::Ubl), ("cii", Format::Cii)] {
        let samples = repeat(runs, || render_xml(&invoice, format, Profile::En16931).unwrap().len());
        report(&format!("in-process {label} (20 lines)"), &samples, runs, "target < 1 ms");
    }
    let pdf = repeat(100, || invoice::render::pdf::render(&invoice, Paper::A4).unwrap().len());
    let fx = repeat(100, || facturx::render(&invoice, Paper::A4, Profile::En16931, None).unwrap().len());
    report("in-process pdf (20 lines)", &pdf, 100, "");
    report("in-process facturx (20 lines)", &fx, 100, "");
    println!("facturx / pdf (medians): {:.2}× (target < 2×)", ms(median(fx)) / ms(median(pdf)));

    let dir = tempfile::tempdir().unwrap();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid/spec-example.json");
    let mut create = Command::new(INVOICE);
    isolated(&mut create, dir.path());
    let out = create.args(["create", "--format", "number", "--input"]).arg(&example).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let number = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let sink = dir.path().join("out");
    for format in ["ubl", "cii", "pdf", "facturx"] {
        let samples: Vec<Duration> = (0..51)
            .map(|_| {
                let mut cmd = Command::new(INVOICE);
                isolated(&mut cmd, dir.path());
                time(cmd.args(["render", &number, "--format", format, "--out"]).arg(&sink))
            })
            .collect();
        report(&format!("process render --format {format} (README example)"), &samples, 51, "");
    }
    let version = version_baseline(dir.path());
    report("process invoice --version (start-up floor)", &version, version.len(), "");
}

fn repeat(runs: usize, mut f: impl FnMut() -> usize) -> Vec<Duration> {
    for _ in 0..runs.min(20) {
        std::hint::black_box(f());
    }
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect()
}

fn report(label: &str, samples: &[Duration], runs: usize, target: &str) {
    println!(
        "{label}: median {:.3} ms, p95 {:.3} ms ({runs} runs) {target}",
        ms(median(samples.to_vec())),
        ms(percentile(samples.to_vec(), 0.95))
    );
}

/// An issued EN 16931 invoice with `n` lines, every fourth with a 10 % discount.
fn sample(n: usize) -> Invoice {
    let lines: Vec<Value> = (0..n)
        .map(|i| {
            let mut line = json!({ "description": format!("Item {i}: consulting & support"), "quantity": (i % 5 + 1).to_string(),
                                   "unit": "HUR", "unit_price": "12.34", "tax_rate": if i % 3 == 0 { "7" } else { "19" } });
            if i % 4 == 0 {
                line["discount_percent"] = json!("10");
            }
            line
        })
        .collect();
    let draft = json!({
        "currency": "EUR", "issue_date": "2026-11-27", "buyer_reference": "04011000-12345-03",
        "seller": { "name": "Müller GmbH", "vat_id": "DE123456789",
                    "address": { "lines": ["Hauptstr. 1"], "city": "Berlin", "postal_code": "10115", "country": "DE" } },
        "buyer": { "name": "Globex Ltd", "address": { "lines": ["1 High St"], "city": "London", "country": "GB" } },
        "lines": lines,
        "payment": { "means": "credit_transfer", "iban": "DE89370400440532013000", "terms": "Payable within 30 days" },
    });
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let checked =
        check_bytes(&serde_json::to_vec(&draft).unwrap(), parse::Options::default(), &Defaults::default(), today)
            .unwrap();
    let mut invoice = checked.invoice;
    invoice.number = Some("INV-2026-0001".into());
    invoice.status = Status::Issued;
    invoice
}
