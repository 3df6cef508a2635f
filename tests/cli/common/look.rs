//! Documents looked at as a person (or a banking app) would: PDF pages rendered to PNG with
//! `pdftoppm` and their QR codes read with `zbarimg`, text taken with `pdftotext`. The tools
//! come from poppler-utils and zbar-tools (`.ci/run` installs both); tests skip with a notice
//! where they are missing.

use std::path::Path;
use std::process::Command;

/// Whether `pdftoppm`, `pdftotext` and `zbarimg` can be run; prints a notice naming `test`
/// and the missing tool when not.
pub fn tools_present(test: &str) -> bool {
    let tools = ["pdftoppm", "pdftotext", "zbarimg"];
    match tools.iter().find(|t| Command::new(t).arg("-h").output().is_err()) {
        Some(missing) => {
            eprintln!("SKIPPED {test}: {missing} is not installed");
            false
        }
        None => true,
    }
}

/// The payloads of the QR codes on the pages of `pdf`, page by page (pages without one
/// contribute nothing), read from 150 dpi PNG renderings.
pub fn qr_codes(pdf: &Path) -> Vec<String> {
    let pngs = tempfile::tempdir().unwrap();
    let out =
        Command::new("pdftoppm").args(["-png", "-r", "150"]).arg(pdf).arg(pngs.path().join("page")).output().unwrap();
    assert!(out.status.success(), "pdftoppm: {}", String::from_utf8_lossy(&out.stderr));
    let mut pages: Vec<_> = std::fs::read_dir(pngs.path()).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    assert!(!pages.is_empty(), "no page rendered from {}", pdf.display());
    let mut found = Vec::new();
    for page in pages {
        let out = Command::new("zbarimg")
            .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
            .arg(&page)
            .output()
            .unwrap();
        // Exit 4: no symbol on this page.
        assert!(matches!(out.status.code(), Some(0 | 4)), "zbarimg: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        if !text.trim().is_empty() {
            found.push(text);
        }
    }
    found
}

/// The amount of an EPC069-12 payload (`EUR1000` or `EUR1000.5`), normalized as a decimal
/// (`1000`, `1000.5`) so it compares with any amount written with trailing zeros.
pub fn epc_amount(payload: &str) -> Option<String> {
    let line = payload.lines().find(|l| l.starts_with("EUR"))?;
    line[3..].parse::<rust_decimal::Decimal>().ok().map(|a| a.normalize().to_string())
}

/// The text of `pdf` in reading order (`pdftotext -layout`).
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}
