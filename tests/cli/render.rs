//! `invoice render` from the command line: stored invoices, drafts, escaping.

use crate::common::{DRAFT, TestEnv};
use predicates::prelude::*;

#[test]
fn a_draft_renders_marked_as_draft() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd().args(["render", "--input"]).arg(&draft).assert().code(0).stdout(predicate::str::contains("DRAFT"));
    assert!(!env.store().exists(), "rendering a draft must not touch the store");
}

#[test]
fn html_escapes_every_value() {
    let env = TestEnv::new();
    let hostile = DRAFT
        .replace("Globex Ltd", "Tom & Jerry's \\\"< shop >\\\"")
        .replace("\"Consulting\"", "\"a < b > c & d ' e \\\" f\"");
    let draft = env.write("draft.json", &hostile);
    let out = env.cmd().args(["render", "--format", "html", "--input"]).arg(&draft).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.contains("Tom &amp; Jerry&#39;s &quot;&lt; shop &gt;&quot;")
            || html.contains("Tom &amp; Jerry&#x27;s &quot;&lt; shop &gt;&quot;"),
        "{html}"
    );
    assert!(!html.contains("< shop >"));
    assert!(!html.to_ascii_lowercase().contains("<script"));
}

#[test]
fn script_payloads_are_rejected_before_rendering() {
    let env = TestEnv::new();
    let hostile = DRAFT
        .replace("Globex Ltd", "<script>alert(1)</script>")
        .replace("Travel", "x\\\" onerror=alert(1) <img src=x>");
    let draft = env.write("draft.json", &hostile);
    env.cmd()
        .args(["render", "--format", "html", "--input"])
        .arg(&draft)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("/buyer/name").and(predicate::str::contains("[markup_not_allowed]")))
        .stderr(predicate::str::contains("/lines/1/description"));
}

#[test]
fn stored_invoices_render_to_files_and_stdout() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd().args(["create", "--input"]).arg(&draft).assert().code(0);
    let out = env.path().join("inv.json");
    env.cmd().args(["render", "INV-2026-0001", "--format", "json", "--out"]).arg(&out).assert().code(0).stdout("");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(json["number"], "INV-2026-0001");
    env.cmd()
        .args(["render", "INV-2026-0001", "--out", "-"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("INV-2026-0001").and(predicate::str::contains("DRAFT").not()));
    env.cmd().args(["render", "INV-2026-0999"]).assert().code(3);
}
