//! `invoice validate` on 10,000 realistic drafts, measured as whole processes.
//!
//! Run: `cargo bench --bench validate`. Reports files/s and MB/s for one process over the
//! folder, and the wall time of a single-file process, next to two baselines measured in
//! the same run: `invoice --version` (process start-up floor) and reading every file
//! (I/O floor, in this process).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
// A benchmark, not the product: it may read its own environment variable.
#![allow(clippy::disallowed_methods)]

mod common;

use common::*;
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let dir = tempfile::tempdir().unwrap();
    // INVOICE_BENCH_CORPUS=DIR keeps the generated drafts there, for profiling by hand.
    let drafts = std::env::var_os("INVOICE_BENCH_CORPUS").map_or_else(|| dir.path().join("drafts"), Into::into);
    std::fs::create_dir_all(&drafts).unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut bytes = 0usize;
    for n in 0..10_000u64 {
        let text = draft(&mut rng, n);
        bytes += text.len();
        std::fs::write(drafts.join(format!("draft-{n:05}.json")), text).unwrap();
    }
    let files = 10_000.0;
    let mb = bytes as f64 / 1e6;
    println!("corpus: 10000 drafts, {mb:.1} MB, {:.2} KB average", bytes as f64 / 10_000.0 / 1e3);

    let validate_dir = || {
        let mut cmd = Command::new(INVOICE);
        isolated(&mut cmd, dir.path());
        cmd.arg("validate").arg(&drafts);
        cmd
    };
    // Write the corpus out first, so the kernel's write-back of 20 MB of new files does
    // not run during the timed runs (`sync` is in coreutils; without it, carry on).
    let _ = Command::new("sync").status();
    let check = validate_dir().output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
    let runs: Vec<Duration> = (0..15).map(|_| time(&mut validate_dir())).collect();
    let best = *runs.iter().min().unwrap();
    let med = median(runs);
    println!(
        "validate folder: median {:.1} ms, best {:.1} ms -> {:.0} files/s, {:.0} MB/s (median)",
        ms(med),
        ms(best),
        files / med.as_secs_f64(),
        mb / med.as_secs_f64()
    );

    let io_floor = median(
        (0..7)
            .map(|_| {
                let start = Instant::now();
                let mut total = 0;
                for entry in std::fs::read_dir(&drafts).unwrap() {
                    total += std::fs::read(entry.unwrap().path()).unwrap().len();
                }
                assert_eq!(total, bytes);
                start.elapsed()
            })
            .collect(),
    );
    println!(
        "baseline, read all files in one thread: {:.1} ms (validate/read ratio {:.2})",
        ms(io_floor),
        ms(med) / ms(io_floor)
    );

    let one = drafts.join("draft-00042.json");
    let single: Vec<Duration> = (0..101)
        .map(|_| {
            let mut cmd = Command::new(INVOICE);
            isolated(&mut cmd, dir.path());
            time(cmd.arg("validate").arg(&one))
        })
        .collect();
    let version = version_baseline(dir.path());
    let (single_med, version_med) = (median(single.clone()), median(version));
    println!(
        "single-file validate process: median {:.2} ms, p95 {:.2} ms; baseline `invoice --version`: {:.2} ms (ratio {:.2})",
        ms(single_med),
        ms(percentile(single, 0.95)),
        ms(version_med),
        ms(single_med) / ms(version_med)
    );
}
