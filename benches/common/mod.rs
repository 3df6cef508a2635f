//! Shared helpers for the process-level benchmarks (not a test; run with `cargo bench`).

#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::disallowed_methods,
    missing_docs
)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub const INVOICE: &str = env!("CARGO_BIN_EXE_invoice");

/// A tiny deterministic generator (xorshift) so runs are comparable.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const ITEMS: &[&str] = &[
    "Consulting services, senior engineer",
    "On-site workshop: data migration planning",
    "Travel expenses Berlin–München (rail, 2nd class)",
    "Software licence, annual subscription",
    "Support hours (priority queue)",
    "Hardware: rack-mount server, 2U",
    "Übersetzung Handbuch Kapitel 3–5",
    "Cloud hosting, October",
];

/// A realistic draft of 1–20 lines, about 1.8 KB on average.
pub fn draft(rng: &mut Rng, n: u64) -> String {
    let lines: Vec<String> = (0..1 + rng.below(20))
        .map(|i| {
            let rate = ["19", "7", "0"][rng.below(3) as usize];
            let category = if rate == "0" { r#","tax_category":"Z""# } else { "" };
            format!(
                r#"{{"description":"{}","quantity":"{}","unit":"{}","unit_price":"{}.{:02}","tax_rate":"{rate}"{category}}}"#,
                ITEMS[((n + i) % ITEMS.len() as u64) as usize],
                1 + rng.below(40),
                ["HUR", "DAY", "C62", "h", "pcs"][rng.below(5) as usize],
                1 + rng.below(2000),
                rng.below(100)
            )
        })
        .collect();
    format!(
        r#"{{
  "series": "INV",
  "issue_date": "2026-11-{:02}",
  "due_date": "2026-12-27",
  "currency": "EUR",
  "seller": {{ "name": "Acme Consulting GmbH", "vat_id": "DE123456789", "email": "billing@acme.example",
              "address": {{ "lines": ["Hauptstraße 1"], "city": "Berlin", "postal_code": "10115", "country": "DE" }} }},
  "buyer": {{ "name": "Customer {n} AG", "email": "ap{n}@customer.example",
             "address": {{ "lines": ["Ringstraße {}"], "city": "Wien", "postal_code": "1010", "country": "AT" }} }},
  "order_reference": "PO-{n}",
  "lines": [
{}
  ],
  "payment": {{ "means": "credit_transfer", "iban": "DE89370400440532013000", "bic": "COBADEFFXXX", "terms": "Payable within 30 days" }},
  "notes": "Thank you for your business."
}}
"#,
        1 + rng.below(27),
        1 + rng.below(99),
        lines.join(",")
    )
}

/// Runs a command to completion and returns its wall time.
pub fn time(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let status = cmd.output().expect("run the command").status;
    let elapsed = start.elapsed();
    assert!(status.code().is_some(), "killed by a signal");
    elapsed
}

/// Wall times of 101 `invoice --version` processes: the start-up floor every process
/// benchmark is compared with.
pub fn version_baseline(home: &Path) -> Vec<Duration> {
    (0..101)
        .map(|_| {
            let mut cmd = Command::new(INVOICE);
            isolated(&mut cmd, home);
            time(cmd.arg("--version"))
        })
        .collect()
}

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

pub fn percentile(mut samples: Vec<Duration>, p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn isolated(cmd: &mut Command, home: &Path) {
    cmd.env_clear()
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("INVOICE_STORE", home.join("invoices.db"));
}
