//! The engine gives the official verdicts: on every official example, the set of (rule,
//! severity) `schematron::check` reports equals what the reference checker (Saxon running the
//! same compiled stylesheets) reports. Runs only when EINVOICE_CHECKER_PY names a Python with
//! saxonche (the checker's directory: EINVOICE_CHECKER, default ../shared/einvoice).

use einvoice_rules::{RuleSet, Severity, Syntax, schematron};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

type Verdicts = BTreeMap<String, BTreeSet<(String, Severity)>>;

#[allow(clippy::disallowed_methods)] // the tests' own knob, not product configuration
fn checker_dir() -> PathBuf {
    match std::env::var_os("EINVOICE_CHECKER") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/einvoice"),
    }
}

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
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

fn official(python: &str, checker: &Path, files: &[PathBuf], xrechnung: bool) -> Verdicts {
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

fn ours(files: &[PathBuf], rules: RuleSet) -> (Verdicts, f64) {
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

fn compare(label: &str, official: &Verdicts, ours: &Verdicts) -> usize {
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
    println!(
        "[{label}] {} files, {} distinct rules seen in official findings, {disagreements} disagreements",
        official.len(),
        rules_seen.len()
    );
    disagreements
}

#[allow(clippy::disallowed_methods)] // the tests' own knob, not product configuration
fn checker_python() -> Option<String> {
    std::env::var("EINVOICE_CHECKER_PY").ok()
}

#[test]
fn verdicts_equal_the_official_checker_on_every_example() {
    let Some(python) = checker_python() else {
        println!("skipped: set EINVOICE_CHECKER_PY to a Python with saxonche to compare with check.py");
        return;
    };
    let checker = checker_dir();
    let mut files = Vec::new();
    xml_files(&checker.join("artefacts/examples"), &mut files);
    assert!(files.len() > 50, "examples not found under {}", checker.display());
    let xr_files: Vec<PathBuf> =
        files.iter().filter(|f| f.components().any(|c| c.as_os_str() == "xrechnung")).cloned().collect();

    let cen_official = official(&python, &checker, &files, false);
    assert_eq!(cen_official.len(), files.len(), "check.py did not report every file");
    let (cen_ours, t_cen) = ours(&files, RuleSet::En16931);
    let mut bad = compare("EN16931", &cen_official, &cen_ours);

    let xr_official = official(&python, &checker, &xr_files, true);
    assert_eq!(xr_official.len(), xr_files.len(), "check.py did not report every XRechnung file");
    let (xr_ours, t_xr) = ours(&xr_files, RuleSet::XRechnung);
    bad += compare("XRechnung", &xr_official, &xr_ours);
    println!(
        "our engine: {:.1} ms for {} files (CEN), {:.1} ms for {} files (CEN+XRechnung), first call includes loading the rules",
        t_cen * 1e3,
        files.len(),
        t_xr * 1e3,
        xr_files.len()
    );
    assert_eq!(bad, 0, "verdicts differ from check.py");
}
