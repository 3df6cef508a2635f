//! Speed of `validate()` on the official examples (SPEC 13.3): `cargo bench -p einvoice-rules`.
//!
//! Prints, with plain std timing and no assertions: the read-and-parse floor per file, the full
//! `validate()` per file (median, p90), 1,000 files (the examples repeated) validated in-process
//! by 2 threads, one file per process (this binary re-run on one file, 30 times; with
//! `INVOICE_BIN` set, also `invoice --version` and `invoice einvoice validate FILE`, 30 times
//! each), and check.py on the same 1,000 files when `EINVOICE_CHECKER_PY` is set.
//! `scripts/bench-einvoice.sh` builds the quick-release `invoice` and sets both. The examples are read from
//! `EINVOICE_CHECKER` (default `../shared/einvoice` beside the repository).

#![allow(clippy::disallowed_methods)] // the bench's own knobs, not product configuration

#[path = "../tests/common/mod.rs"]
mod common;

use common::{checker_dir, checker_python, xml_files};
use einvoice_rules::{Profile, validate};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Set on the child processes of the one-file-per-process run: validate this file, print the
/// number of findings, exit.
const ONE: &str = "EINVOICE_BENCH_ONE";

/// The `invoice` binary whose `einvoice validate` is timed one file per process.
const INVOICE_BIN: &str = "INVOICE_BIN";

/// Wall times of 30 runs of `program args` (after one untimed run that warms the page
/// cache); an error when a run fails (exit 0 or 1 count as success: 1 is "invalid").
fn time_process(program: &Path, args: &[&std::ffi::OsStr]) -> Result<Vec<f64>, String> {
    let run = || {
        let t0 = Instant::now();
        let out =
            Command::new(program).args(args).output().map_err(|e| format!("cannot run {}: {e}", program.display()))?;
        let wall = t0.elapsed().as_secs_f64() * 1e3;
        match out.status.code() {
            Some(0 | 1) => Ok(wall),
            _ => Err(format!("{} failed: {}", program.display(), String::from_utf8_lossy(&out.stderr))),
        }
    };
    run()?;
    (0..30).map(|_| run()).collect()
}

fn main() {
    if let Some(path) = std::env::var_os(ONE) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        println!("{}", validate(&text, Profile::Auto).findings.len());
        return;
    }
    let checker = checker_dir();
    let mut files = Vec::new();
    xml_files(&checker.join("artefacts/examples"), &mut files);
    if files.is_empty() {
        println!("validate bench: skipped, no official examples under {}", checker.display());
        return;
    }
    let texts: Vec<String> = files.iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect();
    println!("validate bench: {} official examples from {}", texts.len(), checker.display());

    // warm-up: loads the rules and compiles what the examples need, as a daemon would have
    for t in &texts {
        std::hint::black_box(validate(t, Profile::Auto));
    }

    let mut floor = Vec::new();
    for f in &files {
        let t0 = Instant::now();
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let ok = roxmltree::Document::parse(&text).is_ok();
        floor.push(t0.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(ok);
    }
    report("read + roxmltree parse per file", &mut floor);

    let mut full = Vec::new();
    for f in &files {
        let t0 = Instant::now();
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let r = validate(&text, Profile::Auto);
        full.push(t0.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(r);
    }
    report("read + validate() per file (warm)", &mut full);

    // 1,000 files: the examples repeated, written once so that both runs read real files
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/tmp/bench-1000");
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        println!("cannot create {}: {e}", dir.display());
        return;
    }
    let mut thousand = Vec::new();
    for i in 0..1000 {
        let src = &files[i % files.len()];
        let name = src.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let dst = dir.join(format!("{i:04}-{name}"));
        if std::fs::copy(src, &dst).is_ok() {
            thousand.push(dst);
        }
    }
    let t0 = Instant::now();
    let findings: usize = std::thread::scope(|s| {
        let (a, b) = thousand.split_at(thousand.len() / 2);
        let worker = |part: &'_ [PathBuf]| {
            part.iter()
                .map(|f| validate(&std::fs::read_to_string(f).unwrap_or_default(), Profile::Auto).findings.len())
                .sum::<usize>()
        };
        let ha = s.spawn(move || worker(a));
        let hb = s.spawn(move || worker(b));
        ha.join().unwrap_or(0) + hb.join().unwrap_or(0)
    });
    println!(
        "{} files validated in-process, 2 threads (cold start): {:.3} s total ({findings} findings)",
        thousand.len(),
        t0.elapsed().as_secs_f64()
    );

    // one file per process: a typical file (the median-sized example)
    let mut by_size: Vec<&PathBuf> = files.iter().collect();
    by_size.sort_by_key(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0));
    let typical = by_size[by_size.len() / 2];
    match std::env::current_exe() {
        Ok(exe) => {
            let mut walls = Vec::new();
            for _ in 0..30 {
                let t0 = Instant::now();
                let ok = Command::new(&exe).env(ONE, typical).output().is_ok_and(|o| o.status.success());
                walls.push(t0.elapsed().as_secs_f64() * 1e3);
                if !ok {
                    println!("the one-file process failed");
                    break;
                }
            }
            let name = typical.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            report(&format!("one file per process ({name}), this bench binary, wall"), &mut walls);
        }
        Err(e) => println!("cannot find this binary to re-run it: {e}"),
    }
    // The command itself: this crate cannot build the `invoice` binary, so its path comes from
    // INVOICE_BIN (scripts/bench-einvoice.sh builds it and sets it).
    match std::env::var_os(INVOICE_BIN) {
        Some(invoice) => {
            let name = typical.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let runs: [(&str, Vec<&std::ffi::OsStr>); 2] = [
                ("`invoice --version` (start-up floor)", vec!["--version".as_ref()]),
                (
                    "`invoice einvoice validate FILE`",
                    vec!["einvoice".as_ref(), "validate".as_ref(), typical.as_os_str()],
                ),
            ];
            for (label, args) in runs {
                match time_process(Path::new(&invoice), &args) {
                    Ok(mut walls) => report(&format!("one file per process ({name}), {label}, wall"), &mut walls),
                    Err(e) => println!("{label}: {e}"),
                }
            }
        }
        None => println!("`invoice einvoice validate` per process: skipped (set {INVOICE_BIN} to the invoice binary)"),
    }

    match checker_python() {
        Some(py) => {
            let t0 = Instant::now();
            let out = Command::new(&py).arg(checker.join("check.py")).args(["-q", "--json", "-"]).arg(&dir).output();
            let ran = out.is_ok_and(|o| !o.stdout.is_empty());
            println!(
                "check.py on the same {} files (one process, XSD + CEN): {:.3} s total{}",
                thousand.len(),
                t0.elapsed().as_secs_f64(),
                if ran { "" } else { " (it printed nothing)" }
            );
        }
        None => println!("check.py: skipped (set EINVOICE_CHECKER_PY to the venv python to compare)"),
    }
}

fn report(label: &str, ms: &mut [f64]) {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    println!("{label}: median {:.3} ms, p90 {:.3} ms, max {:.3} ms over {}", at(0.5), at(0.9), at(1.0), ms.len());
}
