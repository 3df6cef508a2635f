//! Shared by the engine comparison tests: running check.py and our engine on the same files.

#![allow(dead_code)] // each test binary uses a part

use einvoice_rules::{RuleSet, Severity, Syntax, schematron};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub type Verdicts = BTreeMap<String, BTreeSet<(String, Severity)>>;

#[allow(clippy::disallowed_methods)] // the tests' own knob, not product configuration
pub fn checker_dir() -> PathBuf {
    match std::env::var_os("EINVOICE_CHECKER") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/einvoice"),
    }
}

pub fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            xml_files(&p, out);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) {
            out.push(p);
        }
    }
}

pub fn official(python: &str, checker: &Path, files: &[PathBuf], xrechnung: bool) -> Verdicts {
    let mut cmd = Command::new(python);
    cmd.arg(checker.join("check.py")).args(["--no-xsd", "--json", "-"]);
    if xrechnung {
        cmd.arg("--xrechnung");
    }
    cmd.args(files);
    let out = cmd.output().map_err(|e| format!("cannot run {python}: {e}")).unwrap_or_else(|e| panic!("{e}"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check.py printed no JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    let mut verdicts = Verdicts::new();
    for f in json["files"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let name = f["file"].as_str().unwrap_or("").to_owned();
        let mut set = BTreeSet::new();
        for x in f["findings"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let flag = x["flag"].as_str().unwrap_or("fatal");
            set.insert((x["id"].as_str().unwrap_or("").to_owned(), Severity::from_flag(Some(flag))));
        }
        verdicts.insert(name, set);
    }
    verdicts
}

pub fn ours(files: &[PathBuf], rules: RuleSet) -> (Verdicts, f64) {
    let mut verdicts = Verdicts::new();
    let mut total = 0.0;
    for f in files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let root = doc.root_element();
        let syntax = Syntax::of_root(root.tag_name().namespace(), root.tag_name().name())
            .unwrap_or_else(|| panic!("{}: unknown root", f.display()));
        let t0 = Instant::now();
        let findings = schematron::check(&doc, syntax, rules);
        total += t0.elapsed().as_secs_f64();
        let set = findings.into_iter().map(|x| (x.rule, x.severity)).collect();
        verdicts.insert(f.display().to_string(), set);
    }
    (verdicts, total)
}

pub fn compare(label: &str, official: &Verdicts, ours: &Verdicts) -> usize {
    let mut disagreements = 0;
    let mut rules_seen = BTreeSet::new();
    for (file, want) in official {
        rules_seen.extend(want.iter().map(|(r, _)| r.clone()));
        let got = ours.get(file).cloned().unwrap_or_default();
        if &got != want {
            disagreements += 1;
            let missing: Vec<_> = want.difference(&got).collect();
            let extra: Vec<_> = got.difference(want).collect();
            println!("[{label}] DISAGREE {file}\n    official only: {missing:?}\n    ours only:     {extra:?}");
        }
    }
    let errors = official.values().filter(|v| v.iter().any(|(r, _)| r.ends_with("-XSLT-ERROR"))).count();
    println!(
        "[{label}] {} files, {} distinct rules seen in official findings, {errors} files stopped by a dynamic error, {disagreements} disagreements",
        official.len(),
        rules_seen.len()
    );
    disagreements
}

#[allow(clippy::disallowed_methods)] // the tests' own knob, not product configuration
pub fn checker_python() -> Option<String> {
    std::env::var("EINVOICE_CHECKER_PY").ok()
}
