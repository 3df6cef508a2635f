//! `invoice validate` measured as whole processes, each figure next to a baseline taken in
//! the same run (the host's speed changes from minute to minute).
//!
//! Run: `cargo bench --bench validate`. Reports:
//! - a folder of 10,000 valid drafts: files/s and MB/s, against two floors: reading every
//!   file in one thread, and reading and parsing every file into `serde_json::Value` on all
//!   cores (the cheapest a JSON batch check could be);
//! - the same corpus with a third of the drafts invalid (every third draft's lines carry an
//!   unknown unit code, as after a unit-code change), against the same serde_json floor;
//! - one draft of 10,000 lines each with a bad quantity (about 800 KB: issue #10 defect 1);
//! - a single-file process, and `invoice --version` (the start-up floor).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
// A benchmark, not the product: it may read its own environment variable.
#![allow(clippy::disallowed_methods)]

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const DRAFTS: u64 = 10_000;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    // INVOICE_BENCH_CORPUS=DIR keeps the generated drafts there, for profiling by hand.
    let root: PathBuf = std::env::var_os("INVOICE_BENCH_CORPUS").map_or_else(|| dir.path().into(), Into::into);
    let valid = root.join("drafts");
    let third_invalid = root.join("drafts-third-invalid");
    let (bytes, invalid_count) = write_corpora(&valid, &third_invalid);
    let mb = bytes as f64 / 1e6;
    println!("corpus: {DRAFTS} drafts, {mb:.1} MB, {:.2} KB average", bytes as f64 / DRAFTS as f64 / 1e3);
    // Write the corpora out first, so the kernel's write-back of new files does not run
    // during the timed runs (`sync` is in coreutils; without it, carry on).
    let _ = Command::new("sync").status();

    let validate = |folder: &Path| {
        let mut cmd = Command::new(INVOICE);
        isolated(&mut cmd, dir.path());
        cmd.arg("validate").arg(folder);
        cmd
    };

    // Valid corpus.
    let check = validate(&valid).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
    let runs: Vec<Duration> = (0..15).map(|_| time(&mut validate(&valid))).collect();
    let best = *runs.iter().min().unwrap();
    let med = median(runs);
    println!(
        "validate folder: median {:.1} ms, best {:.1} ms -> {:.0} files/s, {:.0} MB/s (median)",
        ms(med),
        ms(best),
        DRAFTS as f64 / med.as_secs_f64(),
        mb / med.as_secs_f64()
    );
    let read_floor = median((0..7).map(|_| read_all(&valid, bytes)).collect());
    println!(
        "baseline, read all files in one thread: {:.1} ms (validate/read ratio {:.2})",
        ms(read_floor),
        ms(med) / ms(read_floor)
    );
    let serde_floor = median((0..7).map(|_| serde_json_all_cores(&valid)).collect());
    println!(
        "floor, read + serde_json::Value on all cores: {:.1} ms (validate/serde_json ratio {:.2})",
        ms(serde_floor),
        ms(med) / ms(serde_floor)
    );

    // A third invalid.
    let check = validate(&third_invalid).output().unwrap();
    assert_eq!(check.status.code(), Some(1), "the third-invalid corpus must fail validation");
    let reported = String::from_utf8_lossy(&check.stdout).lines().filter(|l| l.contains("unit")).count();
    assert!(reported >= invalid_count as usize, "expected a unit problem per invalid draft, saw {reported} lines");
    let runs: Vec<Duration> = (0..15).map(|_| time(&mut validate(&third_invalid))).collect();
    let invalid_med = median(runs);
    let invalid_floor = median((0..7).map(|_| serde_json_all_cores(&third_invalid)).collect());
    println!(
        "validate folder, {invalid_count} of {DRAFTS} drafts invalid: median {:.1} ms -> {:.0} files/s; \
         floor {:.1} ms (validate/serde_json ratio {:.2}; valid corpus in this run {:.2})",
        ms(invalid_med),
        DRAFTS as f64 / invalid_med.as_secs_f64(),
        ms(invalid_floor),
        ms(invalid_med) / ms(invalid_floor),
        ms(med) / ms(serde_floor)
    );

    // One draft with 10,000 bad lines.
    let many = dir.path().join("bad-lines.json");
    let text = bad_lines_draft(10_000);
    std::fs::write(&many, &text).unwrap();
    let check = validate(&many).output().unwrap();
    assert_eq!(check.status.code(), Some(1), "the 10,000-bad-line draft must fail validation");
    let many_runs: Vec<Duration> = (0..11).map(|_| time(&mut validate(&many))).collect();
    println!(
        "one draft of 10,000 lines with a bad quantity each ({} KB): median {:.1} ms, p95 {:.1} ms",
        text.len() / 1000,
        ms(median(many_runs.clone())),
        ms(percentile(many_runs, 0.95))
    );

    // One file, and the start-up floor.
    let one = valid.join("draft-00042.json");
    let single: Vec<Duration> = (0..101)
        .map(|_| {
            let mut cmd = Command::new(INVOICE);
            isolated(&mut cmd, dir.path());
            time(cmd.arg("validate").arg(&one))
        })
        .collect();
    let version = version_baseline(dir.path());
    let (single_med, version_med) = (median(single.clone()), median(version.clone()));
    println!(
        "single-file validate process: median {:.2} ms, p95 {:.2} ms; baseline `invoice --version`: \
         median {:.2} ms, best {:.2} ms (ratio {:.2})",
        ms(single_med),
        ms(percentile(single, 0.95)),
        ms(version_med),
        ms(*version.iter().min().unwrap()),
        ms(single_med) / ms(version_med)
    );
    let true_floor = median((0..101).map(|_| time(&mut Command::new("true"))).collect());
    println!("floor, start-up of `true` (a tiny dynamically linked program): {:.2} ms", ms(true_floor));
}

/// Writes the valid corpus and its twin in which every third draft has unknown unit codes;
/// returns the valid corpus's size in bytes and the number of invalid drafts.
fn write_corpora(valid: &Path, third_invalid: &Path) -> (usize, u64) {
    std::fs::create_dir_all(valid).unwrap();
    std::fs::create_dir_all(third_invalid).unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut bytes = 0usize;
    let mut invalid = 0;
    for n in 0..DRAFTS {
        let text = draft(&mut rng, n);
        bytes += text.len();
        let name = format!("draft-{n:05}.json");
        std::fs::write(valid.join(&name), &text).unwrap();
        let twin = if n % 3 == 0 {
            invalid += 1;
            // Same length as the codes they replace is not needed: only the check differs.
            ["\"HUR\"", "\"DAY\"", "\"C62\"", "\"h\"", "\"pcs\""]
                .iter()
                .fold(text, |t, unit| t.replace(&format!("\"unit\":{unit}"), "\"unit\":\"HOURS\""))
        } else {
            text
        };
        std::fs::write(third_invalid.join(&name), twin).unwrap();
    }
    (bytes, invalid)
}

/// A draft with `lines` lines, each with an unreadable quantity.
fn bad_lines_draft(lines: usize) -> String {
    let line = r#"{"description":"Widget","quantity":"one","unit_price":"1.00","tax_rate":"19"}"#;
    let body = vec![line; lines].join(",\n");
    format!(
        r#"{{"issue_date":"2026-11-02","due_date":"2026-12-02","currency":"EUR",
"seller":{{"name":"Acme GmbH","address":{{"lines":["Hauptstr. 1"],"city":"Berlin","postal_code":"10115","country":"DE"}}}},
"buyer":{{"name":"Globex","address":{{"lines":["1 High St"],"city":"London","postal_code":"EC1A 1AA","country":"GB"}}}},
"lines":[{body}]}}"#
    )
}

/// Reads every file of `folder` in one thread.
fn read_all(folder: &Path, bytes: usize) -> Duration {
    let start = Instant::now();
    let mut total = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        total += std::fs::read(entry.unwrap().path()).unwrap().len();
    }
    assert_eq!(total, bytes);
    start.elapsed()
}

/// Lists `folder`, then reads and parses every file into `serde_json::Value` on every core
/// (one thread per core, files split between them): the floor a JSON batch check cannot
/// beat.
fn serde_json_all_cores(folder: &Path) -> Duration {
    let start = Instant::now();
    let paths: Vec<PathBuf> = std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().path()).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = paths.len().div_ceil(threads);
    let parsed: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|p| {
                            let value: serde_json::Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
                            usize::from(value.is_object())
                        })
                        .sum::<usize>()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    assert_eq!(parsed, paths.len());
    start.elapsed()
}
