//! SPEC 13.2, issue #25: our verdicts equal the official runner's, file by file.
//!
//! Every official example (CEN UBL, CEN CII, the KoSIT XRechnung test suite) and every broken
//! copy `mutations` makes of them is judged twice: by `../shared/einvoice/check.py` (XSD + CEN
//! Schematron, plus `--xrechnung` for the files whose BT-24 declares XRechnung; one run per
//! layer set over all files) and by `einvoice_rules::validate(text, Profile::Auto)`. The sets of
//! `(rule id, severity)` must be equal for every file (schema errors count as rule `XSD`;
//! the runner's input-level ids — `XML-NOT-WELL-FORMED`, `UNKNOWN-ROOT`, `XR-NO-SCENARIO`,
//! `EN16931-XSLT-ERROR` — are part of the sets too).
//!
//! Runs only when `EINVOICE_CHECKER_PY` names the Python that has saxonche and lxml
//! (`scripts/einvoice-differential.sh` sets it up); `EINVOICE_CHECKER` may point to the
//! checker's directory. The corpus stays under `target/tmp/differential/` for a second look:
//! `en16931/`, `xrechnung/`, `official-*.json` and `unfired.txt`.
//!
//! Coverage (issue #25): every rule id of the four official stylesheets either fired in this run
//! or is listed with its reason in `tests/mutations/unreachable.txt`, never both; the reason
//! `not reached yet` admits a rule no mutation reaches yet and is counted apart.

mod mutations;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use einvoice_rules::{Profile, validate};
use mutations::rules::{self, SheetRules};

/// One file's verdict: its `(rule id, severity)` pairs.
type Verdict = BTreeSet<(String, String)>;

/// A file on which the two verdicts differ.
#[derive(Debug, PartialEq, Eq)]
struct Disagreement {
    file: String,
    only_official: Vec<(String, String)>,
    only_ours: Vec<(String, String)>,
}

/// What check.py said about one file.
#[derive(Debug, Default)]
struct Official {
    kind: String,
    verdict: Verdict,
    /// `(layer, rule id)` of every finding, for the coverage figures.
    fired: BTreeSet<(String, String)>,
}

/// check.py's flag as a severity (its mapping, KoSIT's: `fatal`, `error` or anything else
/// rejects; `warning`/`warn` and `information`/`info` do not).
fn severity(flag: &str) -> &'static str {
    match flag.trim().to_ascii_lowercase().as_str() {
        "warning" | "warn" => "warning",
        "information" | "info" => "information",
        _ => "fatal",
    }
}

/// The verdicts in a check.py `--json` report, by file name.
fn official_verdicts(json: &str) -> Result<BTreeMap<String, Official>, String> {
    let report: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("check.py's JSON report does not parse: {e}"))?;
    let files = report["files"].as_array().ok_or("check.py's JSON report has no files array")?;
    let mut out = BTreeMap::new();
    for file in files {
        let path = file["file"].as_str().ok_or("a file without a name in check.py's report")?;
        let name = Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or(path).to_owned();
        let mut official =
            Official { kind: file["kind"].as_str().unwrap_or_default().to_owned(), ..Default::default() };
        for finding in file["findings"].as_array().ok_or_else(|| format!("{name}: no findings array"))? {
            let id = finding["id"].as_str().ok_or_else(|| format!("{name}: a finding without an id"))?;
            let flag = finding["flag"].as_str().unwrap_or_default();
            official.verdict.insert((id.to_owned(), severity(flag).to_owned()));
            official.fired.insert((finding["layer"].as_str().unwrap_or_default().to_owned(), id.to_owned()));
        }
        if out.insert(name.clone(), official).is_some() {
            return Err(format!("check.py reported {name} twice"));
        }
    }
    Ok(out)
}

/// Our verdict on a file's text.
fn our_verdict(text: &str) -> Verdict {
    validate(text, Profile::Auto).findings.into_iter().map(|f| (f.rule, f.severity.as_str().to_owned())).collect()
}

/// Every file whose verdicts differ (a file only one side judged differs too).
fn compare(official: &BTreeMap<String, Verdict>, ours: &BTreeMap<String, Verdict>) -> Vec<Disagreement> {
    let missing: Verdict = [("(no verdict)".to_owned(), "-".to_owned())].into();
    let names: BTreeSet<&String> = official.keys().chain(ours.keys()).collect();
    names
        .into_iter()
        .filter_map(|name| {
            let a = official.get(name).unwrap_or(&missing);
            let b = ours.get(name).unwrap_or(&missing);
            (a != b).then(|| Disagreement {
                file: name.clone(),
                only_official: a.difference(b).cloned().collect(),
                only_ours: b.difference(a).cloned().collect(),
            })
        })
        .collect()
}

/// Whether BT-24 declares XRechnung: the files check.py judges with `--xrechnung` (read here
/// on its own, not with the crate's function, so a fault there shows as a disagreement).
fn declares_xrechnung(text: &str) -> bool {
    let Ok(doc) = roxmltree::Document::parse(text) else { return false };
    let root = doc.root_element();
    let cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    let ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    let declared = |n: roxmltree::Node<'_, '_>| n.text().is_some_and(|t| t.contains("urn:xeinkauf.de:kosit:xrechnung"));
    match root.tag_name().name() {
        "Invoice" | "CreditNote" => root.children().filter(|n| n.has_tag_name((cbc, "CustomizationID"))).any(declared),
        "CrossIndustryInvoice" => root
            .children()
            .filter(|n| n.tag_name().name() == "ExchangedDocumentContext")
            .flat_map(|c| c.children())
            .filter(|n| n.has_tag_name((ram, "GuidelineSpecifiedDocumentContextParameter")))
            .flat_map(|p| p.children())
            .filter(|n| n.has_tag_name((ram, "ID")))
            .any(declared),
        _ => false,
    }
}

/// The official examples: every `*.xml` under `dir`, recursively, in path order.
fn examples(dir: &Path) -> Result<Vec<mutations::Example>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("failed to list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("failed to list {}: {e}", dir.display()))?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut paths = Vec::new();
    walk(dir, &mut paths)?;
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| format!("failed to read {}: {e}", path.display()))?;
            let relative = path.strip_prefix(dir).unwrap_or(path).with_extension("");
            let name: String = relative
                .to_string_lossy()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' })
                .collect();
            Ok(mutations::Example { name: name.replace('/', "--"), text })
        })
        .collect()
}

/// Runs check.py over one directory, returning its JSON report and the seconds it took.
fn run_checker(python: &str, checker: &Path, dir: &Path, xrechnung: bool) -> Result<(String, f64), String> {
    let start = Instant::now();
    let mut command = Command::new(python);
    command.arg(checker.join("check.py")).args(["--json", "-"]);
    if xrechnung {
        command.arg("--xrechnung");
    }
    let output = command.arg(dir).output().map_err(|e| format!("failed to run {python}: {e}"))?;
    // 0 = every file passed, 1 = some failed (expected: the corpus is mostly broken files).
    if !matches!(output.status.code(), Some(0 | 1)) {
        return Err(format!(
            "check.py {} failed ({}): {}",
            dir.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let json = String::from_utf8(output.stdout).map_err(|e| format!("check.py's report is not UTF-8: {e}"))?;
    Ok((json, start.elapsed().as_secs_f64()))
}

#[test]
#[allow(clippy::disallowed_methods)] // the test's own knobs, not product configuration
fn every_example_and_broken_copy_gets_the_official_verdict() -> Result<(), String> {
    let Ok(python) = std::env::var("EINVOICE_CHECKER_PY") else {
        eprintln!(
            "differential: skipped (set EINVOICE_CHECKER_PY to a Python with saxonche and lxml, or run scripts/einvoice-differential.sh)"
        );
        return Ok(());
    };
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checker = std::env::var_os("EINVOICE_CHECKER")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir.join("../../../shared/einvoice"));
    let originals = examples(&checker.join("artefacts/examples"))?;
    assert!(originals.len() >= 100, "only {} official examples under {}", originals.len(), checker.display());
    let sheets = rules::load(&crate_dir.join("artefacts"))?;
    let generated = Instant::now();
    let mutants = mutations::generate(&originals, &sheets);
    let generation = generated.elapsed().as_secs_f64();

    // The corpus on disk, split by the rules check.py must apply.
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("differential");
    if work.exists() {
        std::fs::remove_dir_all(&work).map_err(|e| format!("failed to clear {}: {e}", work.display()))?;
    }
    let dirs = [work.join("en16931"), work.join("xrechnung")];
    for dir in &dirs {
        std::fs::create_dir_all(dir).map_err(|e| format!("failed to create {}: {e}", dir.display()))?;
    }
    let files = originals.iter().map(|e| (&e.name, &e.text)).chain(mutants.iter().map(|m| (&m.name, &m.text)));
    let mut texts: BTreeMap<String, &String> = BTreeMap::new();
    let mut split = [0usize; 2];
    for (i, (name, text)) in files.enumerate() {
        let file = format!("{i:04}-{name}.xml");
        let which = usize::from(declares_xrechnung(text));
        split[which] += 1;
        let path = dirs[which].join(&file);
        std::fs::write(&path, text.as_bytes()).map_err(|e| format!("failed to write {}: {e}", path.display()))?;
        texts.insert(file, text);
    }

    // The official verdicts: one check.py run per layer set, both at once.
    let runs: Vec<_> = [false, true]
        .into_iter()
        .zip(&dirs)
        .filter(|(xr, _)| split[usize::from(*xr)] > 0)
        .map(|(xr, dir)| {
            let (python, checker, dir) = (python.clone(), checker.clone(), dir.clone());
            std::thread::spawn(move || run_checker(&python, &checker, &dir, xr).map(|r| (xr, r)))
        })
        .collect();
    let mut official: BTreeMap<String, Official> = BTreeMap::new();
    let mut timings = Vec::new();
    for run in runs {
        let (xr, (json, seconds)) = run.join().map_err(|_| "a check.py thread panicked".to_owned())??;
        let name = if xr { "official-xrechnung.json" } else { "official-en16931.json" };
        std::fs::write(work.join(name), &json).map_err(|e| format!("failed to write {name}: {e}"))?;
        timings.push(format!(
            "{} files{}: {seconds:.1} s",
            split[usize::from(xr)],
            if xr { " --xrechnung" } else { "" }
        ));
        official.extend(official_verdicts(&json)?);
    }
    assert_eq!(official.len(), texts.len(), "check.py judged {} of the {} files", official.len(), texts.len());

    // Ours.
    let ours_started = Instant::now();
    let ours: BTreeMap<String, Verdict> = texts.iter().map(|(name, text)| (name.clone(), our_verdict(text))).collect();
    let ours_seconds = ours_started.elapsed().as_secs_f64();
    let verdicts: BTreeMap<String, Verdict> = official.iter().map(|(n, o)| (n.clone(), o.verdict.clone())).collect();
    let disagreements = compare(&verdicts, &ours);

    // Coverage: the rules check.py fired, per stylesheet.
    let fired: BTreeSet<&(String, String)> = official.values().flat_map(|o| o.fired.iter()).collect();
    let distinct: BTreeSet<&str> =
        official.values().flat_map(|o| o.verdict.iter().map(|(id, _)| id.as_str())).collect();
    let (coverage, unfired, fired_by_sheet) = coverage(&sheets, &official);
    std::fs::write(work.join("unfired.txt"), unfired).map_err(|e| format!("failed to write unfired.txt: {e}"))?;
    let listed = unreachable(&crate_dir.join("tests/mutations/unreachable.txt"))?;
    let check = check_unreachable(&sheets, &fired_by_sheet, &listed);

    println!(
        "differential: {} files ({} official examples, {} broken copies made in {generation:.1} s)",
        texts.len(),
        originals.len(),
        mutants.len()
    );
    if mutants.len() >= mutations::MAX_MUTANTS {
        println!(
            "differential: the corpus reached its bound of {} broken copies: later mutations were left out",
            mutations::MAX_MUTANTS
        );
    }
    println!("differential: check.py {}; ours {ours_seconds:.1} s", timings.join(", "));
    println!(
        "differential: {} distinct rule ids fired by check.py ({} (layer, id) pairs)",
        distinct.len(),
        fired.len()
    );
    for line in coverage {
        println!("differential:   {line}");
    }
    println!("differential: rules that never fired: {}", work.join("unfired.txt").display());
    for line in &check.summary {
        println!("differential:   {line}");
    }
    for problem in check.problems.iter().take(20) {
        println!("differential:   unreachable.txt: {problem}");
    }
    println!("differential: {} disagreements", disagreements.len());
    for d in disagreements.iter().take(8) {
        let show = |v: &[(String, String)]| v.iter().map(|(id, s)| format!("{id}/{s}")).collect::<Vec<_>>().join(" ");
        println!(
            "  {}\n    only official: {}\n    only ours:     {}",
            d.file,
            show(&d.only_official),
            show(&d.only_ours)
        );
    }
    assert_eq!(
        disagreements.len(),
        0,
        "our verdicts differ from check.py's on {} of {} files",
        disagreements.len(),
        texts.len()
    );
    assert!(
        check.problems.is_empty(),
        "{} rule ids neither fired nor are listed in tests/mutations/unreachable.txt, or are listed but fired",
        check.problems.len()
    );
    Ok(())
}

/// `tests/mutations/unreachable.txt`: `(stylesheet, rule id)` → why it cannot fire. One rule a
/// line, `RULE-ID<TAB>stylesheet<TAB>reason`; blank lines and lines starting with `#` are skipped.
fn unreachable(path: &Path) -> Result<BTreeMap<(String, String), String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("failed to read {}: {e}", path.display()))?;
    let mut listed = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(id), Some(sheet), Some(reason), None) = (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(format!("{}:{}: not RULE-ID<TAB>stylesheet<TAB>reason", path.display(), n + 1));
        };
        if reason.trim().is_empty() {
            return Err(format!("{}:{}: no reason", path.display(), n + 1));
        }
        if listed.insert((sheet.to_owned(), id.to_owned()), reason.to_owned()).is_some() {
            return Err(format!("{}:{}: {id} of {sheet} listed twice", path.display(), n + 1));
        }
    }
    Ok(listed)
}

/// The reason that admits a rule has not been reached by any mutation yet (counted apart).
const NOT_REACHED: &str = "not reached yet";

/// The outcome of holding the fired rules against `unreachable.txt`.
#[derive(Debug, Default)]
struct UnreachableCheck {
    summary: Vec<String>,
    problems: Vec<String>,
}

/// Every rule id of the four stylesheets fired in this run or is listed unreachable, never both;
/// every listed rule exists in its stylesheet.
fn check_unreachable(
    sheets: &[SheetRules],
    fired: &BTreeMap<&'static str, BTreeSet<String>>,
    listed: &BTreeMap<(String, String), String>,
) -> UnreachableCheck {
    let mut check = UnreachableCheck::default();
    let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut hit, mut not_reached) = (0usize, 0usize);
    for sheet in sheets {
        let file = sheet.sheet.file;
        let ids: BTreeSet<&str> = sheet.rules.iter().map(|r| r.id.as_str()).collect();
        let none = BTreeSet::new();
        let fired = fired.get(file).unwrap_or(&none);
        for id in &ids {
            let reason = listed.get(&(file.to_owned(), (*id).to_owned()));
            match (fired.contains(*id), reason) {
                (true, None) => hit += 1,
                (true, Some(reason)) => check.problems.push(format!("{id} of {file} fired but is listed ({reason})")),
                (false, None) => check.problems.push(format!("{id} of {file} never fired and is not listed")),
                (false, Some(reason)) if reason == NOT_REACHED => not_reached += 1,
                (false, Some(reason)) => *by_reason.entry(reason.as_str()).or_insert(0) += 1,
            }
        }
    }
    for (sheet, id) in listed.keys() {
        let known = sheets.iter().any(|s| s.sheet.file == sheet && s.rules.iter().any(|r| &r.id == id));
        if !known {
            check.problems.push(format!("{id} of {sheet} is listed but no such rule exists"));
        }
    }
    check.summary.push(format!("rule ids fired: {hit}"));
    check.summary.push(format!("listed unreachable: {}", by_reason.values().sum::<usize>()));
    for (reason, count) in &by_reason {
        check.summary.push(format!("  {count:4} {reason}"));
    }
    check.summary.push(format!("not reached yet: {not_reached}"));
    check
}

/// Per stylesheet: how many rule ids it has and how many check.py fired; and the list of those
/// that never fired.
fn coverage(
    sheets: &[SheetRules],
    official: &BTreeMap<String, Official>,
) -> (Vec<String>, String, BTreeMap<&'static str, BTreeSet<String>>) {
    let mut lines = Vec::new();
    let mut unfired = String::new();
    let mut fired_by_sheet = BTreeMap::new();
    for sheet in sheets {
        let ids: BTreeSet<&str> = sheet.rules.iter().map(|r| r.id.as_str()).collect();
        let fired: BTreeSet<&str> = official
            .values()
            .filter(|o| o.kind.starts_with("UBL") == sheet.sheet.ubl && !o.kind.is_empty() && o.kind != "unknown")
            .flat_map(|o| o.fired.iter())
            .filter(|(layer, _)| layer == sheet.sheet.layer)
            .map(|(_, id)| id.as_str())
            .collect();
        let hit = ids.intersection(&fired).count();
        lines.push(format!(
            "{}: {} rule ids, {hit} fired ({:.0} %)",
            sheet.sheet.file,
            ids.len(),
            100.0 * hit as f64 / ids.len().max(1) as f64
        ));
        unfired.push_str(&format!("# {} ({} of {} never fired)\n", sheet.sheet.file, ids.len() - hit, ids.len()));
        for id in ids.difference(&fired) {
            unfired.push_str(id);
            unfired.push('\n');
        }
        fired_by_sheet.insert(sheet.sheet.file, ids.intersection(&fired).map(|id| (*id).to_owned()).collect());
    }
    (lines, unfired, fired_by_sheet)
}

#[cfg(test)]
mod harness {
    use super::*;
    use std::collections::HashMap;

    fn verdict(pairs: &[(&str, &str)]) -> Verdict {
        pairs.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
    }

    #[test]
    fn equal_verdicts_agree_and_any_difference_is_reported_with_both_sides() {
        let official: BTreeMap<String, Verdict> = [
            ("a.xml".to_owned(), verdict(&[("BR-CO-15", "fatal"), ("XSD", "fatal")])),
            ("b.xml".to_owned(), verdict(&[("BR-DE-21", "warning")])),
            ("c.xml".to_owned(), verdict(&[])),
            ("d.xml".to_owned(), verdict(&[("UBL-CR-001", "warning")])),
        ]
        .into();
        let mut ours = official.clone();
        assert_eq!(compare(&official, &ours), Vec::new());

        // A severity that differs, a rule only we fire, a file only one side judged.
        ours.insert("b.xml".to_owned(), verdict(&[("BR-DE-21", "fatal")]));
        ours.insert("c.xml".to_owned(), verdict(&[("BR-01", "fatal")]));
        ours.remove("d.xml");
        ours.insert("e.xml".to_owned(), verdict(&[]));
        let found = compare(&official, &ours);
        let expected = vec![
            Disagreement {
                file: "b.xml".to_owned(),
                only_official: vec![("BR-DE-21".to_owned(), "warning".to_owned())],
                only_ours: vec![("BR-DE-21".to_owned(), "fatal".to_owned())],
            },
            Disagreement {
                file: "c.xml".to_owned(),
                only_official: vec![],
                only_ours: vec![("BR-01".to_owned(), "fatal".to_owned())],
            },
            Disagreement {
                file: "d.xml".to_owned(),
                only_official: vec![("UBL-CR-001".to_owned(), "warning".to_owned())],
                only_ours: vec![("(no verdict)".to_owned(), "-".to_owned())],
            },
            Disagreement {
                file: "e.xml".to_owned(),
                only_official: vec![("(no verdict)".to_owned(), "-".to_owned())],
                only_ours: vec![],
            },
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn the_official_report_is_read_as_sets_of_rule_and_severity() -> Result<(), String> {
        let json = r#"{"files": [
            {"file": "/tmp/x/en16931/0001-a.xml", "kind": "UBL-Invoice", "findings": [
                {"layer": "XSD", "flag": "fatal", "id": "XSD"},
                {"layer": "XSD", "flag": "fatal", "id": "XSD"},
                {"layer": "EN16931", "flag": "error", "id": "BR-CO-15"},
                {"layer": "EN16931", "flag": "warn", "id": "UBL-CR-001"},
                {"layer": "XRechnung", "flag": "info", "id": "BR-DE-X"}]},
            {"file": "/tmp/x/en16931/0002-b.xml", "kind": "unknown", "findings": [
                {"layer": "INPUT", "flag": "fatal", "id": "XML-NOT-WELL-FORMED"}]}
        ]}"#;
        let read = official_verdicts(json)?;
        assert_eq!(read.keys().collect::<Vec<_>>(), ["0001-a.xml", "0002-b.xml"]);
        assert_eq!(
            read["0001-a.xml"].verdict,
            verdict(&[("XSD", "fatal"), ("BR-CO-15", "fatal"), ("UBL-CR-001", "warning"), ("BR-DE-X", "information")])
        );
        assert!(read["0001-a.xml"].fired.contains(&("EN16931".to_owned(), "BR-CO-15".to_owned())));
        assert_eq!(read["0002-b.xml"].verdict, verdict(&[("XML-NOT-WELL-FORMED", "fatal")]));
        assert!(
            official_verdicts(r#"{"files": [{"file": "a", "findings": []}, {"file": "b/a", "findings": []}]}"#)
                .is_err()
        );
        assert!(official_verdicts("not json").is_err());
        Ok(())
    }

    #[test]
    fn every_rule_fired_or_is_listed_unreachable_and_never_both() {
        let sheet = rules::SHEETS[0];
        let rule =
            |id: &str| rules::Rule { id: id.to_owned(), context: String::new(), test: String::new(), report: false };
        let sheets = vec![SheetRules {
            sheet,
            rules: ["A", "B", "C", "D", "E"].into_iter().map(rule).collect(),
            prefixes: HashMap::new(),
        }];
        let fired: BTreeMap<&'static str, BTreeSet<String>> =
            [(sheet.file, ["A", "B"].into_iter().map(str::to_owned).collect())].into();
        let listed: BTreeMap<(String, String), String> =
            [("B", "test is true()"), ("C", "test is true()"), ("D", NOT_REACHED), ("Z", "test is true()")]
                .into_iter()
                .map(|(id, reason)| ((sheet.file.to_owned(), id.to_owned()), reason.to_owned()))
                .collect();
        let check = check_unreachable(&sheets, &fired, &listed);
        assert_eq!(check.problems.len(), 3, "{:?}", check.problems);
        assert!(check.problems.iter().any(|p| p.starts_with("B ") && p.contains("fired but is listed")));
        assert!(check.problems.iter().any(|p| p.starts_with("E ") && p.contains("not listed")));
        assert!(check.problems.iter().any(|p| p.starts_with("Z ") && p.contains("no such rule")));
        assert!(check.summary.contains(&"rule ids fired: 1".to_owned()), "{:?}", check.summary);
        assert!(check.summary.contains(&"not reached yet: 1".to_owned()), "{:?}", check.summary);
        assert!(check.summary.iter().any(|l| l.trim() == "1 test is true()"), "{:?}", check.summary);
    }

    #[test]
    fn the_committed_unreachable_list_reads_and_names_only_known_rules() -> Result<(), String> {
        let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let listed = unreachable(&crate_dir.join("tests/mutations/unreachable.txt"))?;
        let sheets = rules::load(&crate_dir.join("artefacts"))?;
        let check = check_unreachable(&sheets, &BTreeMap::new(), &listed);
        assert!(!listed.is_empty());
        assert!(!check.problems.iter().any(|p| p.contains("no such rule")), "{:?}", check.problems);
        Ok(())
    }

    #[test]
    fn our_verdict_of_a_broken_file_is_the_input_finding() {
        assert_eq!(our_verdict("<Invoice"), verdict(&[("XML-NOT-WELL-FORMED", "fatal")]));
        assert_eq!(our_verdict("<x xmlns='urn:y'/>"), verdict(&[("UNKNOWN-ROOT", "fatal")]));
    }

    #[test]
    fn xrechnung_is_read_from_bt24_of_both_syntaxes() {
        let ubl = format!(
            "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2' xmlns:cbc='urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2'><cbc:CustomizationID>{}</cbc:CustomizationID></Invoice>",
            mutations::XRECHNUNG_30
        );
        assert!(declares_xrechnung(&ubl));
        assert!(!declares_xrechnung(&ubl.replace("xeinkauf", "example")));
        let cii = format!(
            "<rsm:CrossIndustryInvoice xmlns:rsm='urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100' xmlns:ram='urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100'><rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>{}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext></rsm:CrossIndustryInvoice>",
            mutations::XRECHNUNG_30
        );
        assert!(declares_xrechnung(&cii));
        assert!(!declares_xrechnung("<Invoice"));
    }
}

#[cfg(test)]
mod generator {
    use std::collections::HashMap;

    use super::mutations::{self, Example, paths};

    const UBL: &str = r#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"><cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID><cbc:ID>1</cbc:ID><cbc:IssueDate>2024-01-15</cbc:IssueDate><cac:TaxTotal><cbc:TaxAmount currencyID="EUR">19.00</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">100.00</cbc:TaxableAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal><cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">119.00</cbc:PayableAmount></cac:LegalMonetaryTotal><cac:InvoiceLine><cbc:ID>1</cbc:ID></cac:InvoiceLine></Invoice>"#;

    fn prefixes() -> HashMap<String, String> {
        [
            ("cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"),
            ("cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"),
            ("ubl", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"),
        ]
        .into_iter()
        .map(|(p, u)| (p.to_owned(), u.to_owned()))
        .collect()
    }

    #[test]
    fn the_families_change_what_they_say_and_nothing_else() {
        // Sixty copies: each family runs on every n-th example; a copy equal to an earlier one
        // is dropped, so each mutation appears once, on the first copy it was made for.
        let examples: Vec<Example> =
            (0..60).map(|i| Example { name: format!("inline{i}"), text: UBL.to_owned() }).collect();
        let mutants = mutations::generate(&examples, &[]);
        let find =
            |what: &str| mutants.iter().find(|m| m.name.ends_with(&format!("--{what}"))).map(|m| m.text.as_str());
        assert_eq!(
            find("total-PayableAmount"),
            Some(UBL.replace(">119.00<", ">119.01<").as_str()),
            "a total changed by 0.01, the rest byte for byte"
        );
        assert_eq!(find("vat-all-E"), Some(UBL.replace("<cbc:ID>S</cbc:ID>", "<cbc:ID>E</cbc:ID>").as_str()));
        assert_eq!(
            find("bt24-xrechnung"),
            Some(UBL.replace("urn:cen.eu:en16931:2017<", &format!("{}<", mutations::XRECHNUNG_30)).as_str())
        );
        assert_eq!(find("input-unknown-root").map(|t| t.contains("urn:example:not-an-invoice")), Some(true));
        // Every copy differs from the example and from each other, names are unique, and the
        // generation is deterministic.
        let texts: std::collections::HashSet<&str> = mutants.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts.len(), mutants.len());
        assert!(!texts.contains(UBL));
        let names: std::collections::HashSet<&str> = mutants.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names.len(), mutants.len());
        let again = mutations::generate(&examples, &[]);
        assert!(again.iter().map(|m| (&m.name, &m.text)).eq(mutants.iter().map(|m| (&m.name, &m.text))));
    }

    #[test]
    fn simple_paths_and_patterns_are_read_and_matched() {
        let prefixes = prefixes();
        let path = paths::parse("cac:TaxTotal/cbc:TaxAmount/@currencyID", &prefixes);
        assert_eq!(path.map(|p| p.steps.len()), Some(3));
        assert!(paths::parse("cac:TaxTotal[1]/cbc:TaxAmount", &prefixes).is_none());
        assert!(paths::parse("foo:Bar", &prefixes).is_none());
        assert_eq!(paths::expand_union("(cac:A|cac:B)/cbc:C"), ["cac:A/cbc:C", "cac:B/cbc:C"]);
        let mentioned = paths::mentioned(
            "exists(cbc:ID) and normalize-space(@currencyID) != '' and $x = xs:decimal(cbc:Y)",
            &prefixes,
        );
        assert_eq!(mentioned.len(), 3, "{mentioned:?}");

        let doc = roxmltree::Document::parse(UBL).map_err(|e| e.to_string());
        let Ok(doc) = doc else { panic!("the inline example does not parse") };
        let count = |pattern: &str| {
            let patterns = paths::patterns(pattern, &prefixes);
            patterns.map(|p| doc.descendants().filter(|n| n.is_element() && paths::matches(*n, &p)).count())
        };
        assert_eq!(count("/ubl:Invoice | /cn:CreditNote"), None, "an unknown prefix is no pattern");
        assert_eq!(count("/ubl:Invoice"), Some(1));
        assert_eq!(count("cac:TaxCategory[normalize-space(cbc:ID) = 'S']"), Some(1));
        assert_eq!(count("cac:TaxCategory[normalize-space(cbc:ID) = 'Z']"), Some(0));
        assert_eq!(count("//*[ends-with(name(), 'Amount')]"), Some(3));
        assert_eq!(count("cbc:TaxAmount[@currencyID]"), Some(1));
        assert_eq!(count("/cac:TaxTotal"), Some(0), "anchored at the root");
    }
}
