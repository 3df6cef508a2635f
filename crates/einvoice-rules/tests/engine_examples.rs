//! The engine gives the official verdicts: on every official example, the set of (rule,
//! severity) `schematron::check` reports equals what the reference checker (Saxon running the
//! same compiled stylesheets) reports. Runs only when EINVOICE_CHECKER_PY names a Python with
//! saxonche (the checker's directory: EINVOICE_CHECKER, default ../shared/einvoice).

mod common;

use common::{checker_dir, checker_python, compare, official, ours, xml_files};
use einvoice_rules::RuleSet;
use std::path::PathBuf;

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
