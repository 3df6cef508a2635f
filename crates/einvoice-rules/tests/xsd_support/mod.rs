//! What the XSD tests share: our schema verdict on a file, and the official checker's
//! (`check.py`, lxml), run once for many files.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use einvoice_rules::{Finding, Syntax, input, xsd};

/// The checker's Python and directory, or `None` (with a skip notice) when
/// `EINVOICE_CHECKER_PY` is not set.
#[allow(clippy::disallowed_methods)] // the tests' own knobs, not product configuration
pub fn checker(test: &str) -> Option<(PathBuf, PathBuf)> {
    let Some(python) = std::env::var_os("EINVOICE_CHECKER_PY") else {
        eprintln!("SKIPPED {test}: set EINVOICE_CHECKER_PY to the Python that runs check.py (lxml + saxonche)");
        return None;
    };
    let dir = match std::env::var_os("EINVOICE_CHECKER") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/einvoice")),
    };
    Some((PathBuf::from(python), dir))
}

/// The official examples (`artefacts/examples/**/*.xml`, any case), sorted.
pub fn examples(checker_dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&checker_dir.join("artefacts/examples"), &mut out);
    out.sort();
    out
}

/// Our XSD findings on a file (`None` when it does not parse or has an unknown root).
pub fn ours(text: &str) -> Option<Vec<Finding>> {
    let doc = input::parse(text).ok()?;
    let root = doc.root_element();
    let syntax = Syntax::of_root(root.tag_name().namespace(), root.tag_name().name())?;
    Some(xsd::validate(&doc, syntax))
}

/// check.py's XSD findings (`text @ location`) per file, all files in one run.
pub fn official(python: &Path, dir: &Path, files: &[PathBuf]) -> HashMap<PathBuf, Vec<String>> {
    let mut out: HashMap<PathBuf, Vec<String>> = HashMap::new();
    for chunk in files.chunks(400) {
        let output = Command::new(python)
            .arg(dir.join("check.py"))
            .args(chunk)
            .output()
            .unwrap_or_else(|e| panic!("running {}: {e}", python.display()));
        let stdout = String::from_utf8_lossy(&output.stdout);
        let mut current: Option<PathBuf> = None;
        for line in stdout.lines() {
            if let Some(rest) = line.strip_prefix("== PASS ").or_else(|| line.strip_prefix("== FAIL ")) {
                let file = rest.rfind(" [").map_or(rest, |i| &rest[..i]);
                let file = PathBuf::from(file);
                out.entry(file.clone()).or_default();
                current = Some(file);
            } else if let Some(finding) = line.trim_start().strip_prefix("[fatal] XSD XSD: ")
                && let Some(file) = &current
            {
                out.entry(file.clone()).or_default().push(finding.to_owned());
            }
        }
        for file in chunk {
            assert!(
                out.contains_key(file),
                "check.py said nothing about {}:\n{stdout}\n{}",
                file.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    out
}
