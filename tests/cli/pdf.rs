//! PDF output through the command line (layout and text are tested in `render::pdf`).

use crate::common::{DRAFT, TestEnv};
use predicates::prelude::*;

#[test]
fn a_stored_invoice_renders_to_a_pdf_file_and_to_a_pipe_identically() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd().args(["create", "--input"]).arg(&draft).assert().code(0);
    let file = env.path().join("inv.pdf");
    env.cmd().args(["render", "INV-2026-0001", "--format", "pdf", "--out"]).arg(&file).assert().code(0).stdout("");
    let from_file = std::fs::read(&file).unwrap();
    assert!(from_file.starts_with(b"%PDF-"));
    let piped = env.cmd().args(["render", "INV-2026-0001", "--format", "pdf", "--out", "-"]).output().unwrap();
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(piped.stdout, from_file, "the same invoice must give the same bytes");
}

#[test]
fn letter_paper_changes_the_page_size() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    let a4 = env.cmd().args(["render", "--format", "pdf", "--input"]).arg(&draft).output().unwrap().stdout;
    let letter = env
        .cmd()
        .args(["render", "--format", "pdf", "--paper", "letter", "--input"])
        .arg(&draft)
        .output()
        .unwrap()
        .stdout;
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(text(&a4).contains("/MediaBox[0 0 595.28 841.89]"), "A4 media box");
    assert!(text(&letter).contains("/MediaBox[0 0 612 792]"), "Letter media box");
}

#[test]
fn create_with_an_unprintable_character_fails_before_using_a_number() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", &DRAFT.replace("Globex Ltd", "株式会社グローベックス"));
    let out = env.path().join("x.pdf");
    env.cmd()
        .args(["create", "--render", "pdf", "--out"])
        .arg(&out)
        .arg("--input")
        .arg(&draft)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/buyer/name").and(predicate::str::contains("[unsupported_character]")));
    assert!(!out.exists());
    // The same draft is fine as HTML, and gets the first number: none was used up.
    env.cmd().args(["create", "--format", "number", "--input"]).arg(&draft).assert().code(0).stdout("INV-2026-0001\n");
}

#[test]
fn create_can_write_the_pdf_next_to_the_invoice() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", &DRAFT.replace("Globex Ltd", "Müller GmbH — Αθήνα — ООО Ромашка"));
    let out = env.path().join("inv.pdf");
    env.cmd().args(["create", "--render", "pdf", "--out"]).arg(&out).arg("--input").arg(&draft).assert().code(0);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
}
