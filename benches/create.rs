//! 1,000 sequential `invoice create --format number` processes into one store.
//!
//! Run: `cargo bench --bench create`. Reports invoices/s and the median and p95 wall
//! time per process, next to `invoice --version` as the process start-up baseline.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::*;
use std::process::Command;
use std::time::Instant;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x00c0_ffee_0000_0042);
    let draft = dir.path().join("draft.json");
    std::fs::write(&draft, draft_text(&mut rng)).unwrap();
    let mut samples = Vec::with_capacity(1_000);
    let start = Instant::now();
    for _ in 0..1_000 {
        let mut cmd = Command::new(INVOICE);
        isolated(&mut cmd, dir.path());
        cmd.args(["create", "--format", "number", "--input"]).arg(&draft);
        let t = Instant::now();
        let out = cmd.output().unwrap();
        samples.push(t.elapsed());
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let total = start.elapsed();
    let mut last = Command::new(INVOICE);
    isolated(&mut last, dir.path());
    let listed = last.args(["list", "--format", "csv"]).output().unwrap();
    let count = String::from_utf8_lossy(&listed.stdout).lines().count() - 1;
    assert_eq!(count, 1_000);
    let version = version_baseline(dir.path());
    println!(
        "1000 creates: {:.0} invoices/s; per process median {:.2} ms, p95 {:.2} ms; baseline `invoice --version` {:.2} ms",
        1_000.0 / total.as_secs_f64(),
        ms(median(samples.clone())),
        ms(percentile(samples, 0.95)),
        ms(median(version))
    );
}

fn draft_text(rng: &mut Rng) -> String {
    draft(rng, 1)
}
