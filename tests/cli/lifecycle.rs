//! Status changes, credit notes, listing, the audit log and the config commands.

use crate::common::{DRAFT, TestEnv};
use predicates::prelude::*;

fn issue(env: &TestEnv, draft: &str) -> String {
    let path = env.write("draft.json", draft);
    let out = env.cmd().args(["create", "--format", "number", "--input"]).arg(path).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn pay_then_credit_and_illegal_moves_exit_4() {
    let env = TestEnv::new();
    let number = issue(&env, DRAFT);
    env.cmd()
        .args(["pay", &number, "--date", "2026-12-01"])
        .assert()
        .code(0)
        .stdout("PAY-000001  INV-2026-0001  paid  Globex Ltd  paid 1500.45 of 1500.45 EUR  outstanding 0.00 EUR\n");
    env.cmd().args(["void", &number, "--reason", "typo"]).assert().code(4).stderr(
        "invoice: error: cannot void INV-2026-0001: 1500.45 EUR was paid on it; issue a credit note instead \
         (`invoice credit INV-2026-0001`), which keeps the record of what was paid and credited\n",
    );
    env.cmd().args(["pay", &number]).assert().code(4);
    let out = env.cmd().args(["credit", &number, "--reason", "Returned goods", "--format", "json"]).assert().code(0);
    let note: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(note["type"], "credit_note");
    assert_eq!(note["number"], format!("CN-{}-0001", note["issue_date"].as_str().unwrap()[..4].to_owned()));
    assert_eq!(note["preceding_invoice"], "INV-2026-0001");
    let original = env.cmd().args(["show", &number, "--format", "json"]).assert().code(0);
    let original: serde_json::Value = serde_json::from_slice(&original.get_output().stdout).unwrap();
    assert_eq!(note["preceding_invoice_date"], original["issue_date"], "issue #13: the credited invoice's date");
    assert_eq!(note["totals"]["gross"], "1500.45");
    assert!(note.get("prepaid").is_none());
    env.cmd()
        .args(["show", &number, "--format", "json"])
        .assert()
        .stdout(predicate::str::contains("\"status\": \"credited\""));
    env.cmd().args(["credit", &number]).assert().code(4);
}

/// Issue #10 defects 7 and 10: payment dates outside issue date..tomorrow, issue dates
/// after tomorrow, and a credit note naming a credit note or over-crediting are refused.
#[test]
fn dates_and_credit_notes_follow_the_business_rules() {
    let env = TestEnv::new();
    let number = issue(&env, DRAFT); // issued 2026-11-27, gross 1500.45 EUR
    for bad in ["0001-01-01", "9999-12-31", "2026-11-26"] {
        env.cmd()
            .args(["pay", &number, "--date", bad])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("[invalid_date]").and(predicate::str::contains("/date:")));
    }
    let future = DRAFT.replace("\"issue_date\": \"2026-11-27\"", "\"issue_date\": \"2099-01-01\"");
    let path = env.write("future.json", &future);
    env.cmd()
        .args(["create", "--input"])
        .arg(path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/issue_date: issue_date 2099-01-01 is in the future"));

    let credit = |preceding: &str, price: &str| {
        DRAFT
            .replacen("{", &format!("{{ \"type\": \"credit_note\", \"preceding_invoice\": \"{preceding}\","), 1)
            .replace("\"issue_date\": \"2026-11-27\",", "")
            .replace("\"120.00\"", &format!("\"{price}\""))
    };
    let over = env.write("over.json", &credit(&number, "999999"));
    env.cmd()
        .args(["create", "--input"])
        .arg(over)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/preceding_invoice: credit notes for INV-2026-0001 would total"));
    let partial = env.write("partial.json", &credit(&number, "1.00"));
    let out = env.cmd().args(["create", "--format", "number", "--input"]).arg(&partial).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let note = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let of_note = env.write("of-note.json", &credit(&note, "1.00"));
    env.cmd()
        .args(["create", "--input"])
        .arg(of_note)
        .assert()
        .code(4)
        .stderr(predicate::str::contains("is a credit note; credit notes cannot be credited"));
    let shown = env.cmd().args(["show", &number, "--format", "json"]).output().unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["status"], "issued", "a partial credit leaves the invoice issued");
    assert_eq!(shown["credit_notes"], serde_json::json!([note]));
}

#[test]
fn void_keeps_the_number_and_needs_a_reason() {
    let env = TestEnv::new();
    let number = issue(&env, DRAFT);
    env.cmd().args(["void", &number]).assert().code(2);
    env.cmd().args(["void", &number, "--reason", "   "]).assert().code(1);
    env.cmd().args(["void", &number, "--reason", "Issued twice"]).assert().code(0);
    let out = env.cmd().args(["show", &number, "--format", "json"]).output().unwrap();
    let invoice: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((invoice["status"].as_str(), invoice["void_reason"].as_str()), (Some("void"), Some("Issued twice")));
    assert_eq!(issue(&env, DRAFT), "INV-2026-0002");
}

#[test]
fn unknown_numbers_exit_3() {
    let env = TestEnv::new();
    env.cmd()
        .args(["show", "INV-2026-0042"])
        .assert()
        .code(3)
        .stderr("invoice: error: invoice INV-2026-0042 not found\n");
    env.cmd().args(["pay", "../../etc/passwd"]).assert().code(3);
    let credit_note = DRAFT.replacen('{', r#"{"type":"credit_note","preceding_invoice":"INV-1999-0001","#, 1);
    let path = env.write("cn.json", &credit_note);
    env.cmd().args(["create", "--input"]).arg(path).assert().code(3);
}

#[test]
fn list_formats_and_csv_formula_neutralization() {
    let env = TestEnv::new();
    issue(&env, DRAFT);
    issue(&env, &DRAFT.replace("Globex Ltd", "=HYPERLINK(\\\"http://x\\\")"));
    env.cmd().args(["list", "--format", "csv"]).assert().code(0).stdout(
        "number,type,status,issued,due,buyer,gross,paid,credited,outstanding,currency,amount_due,preceding_invoice\n\
             INV-2026-0001,invoice,issued,2026-11-27,2026-12-27,Globex Ltd,1500.45,0.00,0.00,1500.45,EUR,1500.45,\n\
             INV-2026-0002,invoice,issued,2026-11-27,2026-12-27,\"'=HYPERLINK(\"\"http://x\"\")\",1500.45,0.00,0.00,1500.45,EUR,1500.45,\n",
    );
    env.cmd().args(["list", "--buyer", "globex"]).assert().code(0).stdout(
        "NUMBER         TYPE     STATUS  ISSUED      DUE         BUYER         GROSS  PAID  CREDITED  OUTSTANDING  CURRENCY\n\
             INV-2026-0001  invoice  issued  2026-11-27  2026-12-27  Globex Ltd  1500.45  0.00      0.00      1500.45  EUR\n",
    );
    let out = env.cmd().args(["list", "--format", "json", "--status", "issued"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    env.cmd().args(["list", "--status", "bogus"]).assert().code(2);
}

#[test]
fn the_audit_log_records_who_did_what() {
    let env = TestEnv::new();
    let number = issue(&env, DRAFT);
    env.cmd().args(["void", &number, "--reason", "dup"]).assert().code(0);
    let out = env.cmd().args(["audit", "--format", "json"]).output().unwrap();
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries: Vec<(String, String, String)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap().into(),
                e["action"].as_str().unwrap().into(),
                e["number"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (crate::common::cli_actor(), "create".into(), "INV-2026-0001".into()),
            (crate::common::cli_actor(), "void".into(), "INV-2026-0001".into())
        ]
    );
    assert!(log[0]["request_id"].is_null());
    env.cmd().args(["audit", "--since", "2999-01-01"]).assert().code(0).stdout("");
}

#[test]
fn config_init_writes_a_template_once_and_show_redacts_secrets() {
    let env = TestEnv::new();
    env.cmd().args(["config", "init"]).assert().code(0);
    let path = env.path().join("config/invoice/invoice.toml");
    assert!(std::fs::read_to_string(&path).unwrap().contains("[defaults]"));
    env.cmd().args(["config", "init"]).assert().code(4);
    env.cmd().args(["config", "init", "--force"]).assert().code(0);
    env.cmd()
        .args(["config", "show"])
        .env("INVOICE_API_KEY", "invk_secret_value")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("INVOICE_API_KEY = (set, redacted)"))
        .stdout(predicate::str::contains("invk_secret_value").not());
}

#[test]
fn config_errors_exit_5_and_name_the_key() {
    let env = TestEnv::new();
    env.write("config/invoice/invoice.toml", "[defaults]\ncurency = \"EUR\"\n");
    env.cmd().args(["list"]).assert().code(5).stderr(predicate::str::contains("unknown field `curency`"));
    env.cmd().args(["--config", "/nonexistent/x.toml", "list"]).assert().code(5);
}

/// Issue #10 defect 8: a store other users can read is refused with the fix.
#[test]
fn a_store_readable_by_others_is_refused_with_the_chmod_that_fixes_it() {
    let env = TestEnv::new();
    env.cmd().args(["list"]).assert().code(0);
    std::fs::set_permissions(env.store(), std::os::unix::fs::PermissionsExt::from_mode(0o640)).unwrap();
    env.cmd().args(["list"]).assert().code(5).stderr(predicate::str::contains(format!(
        "mode 0640); invoices are private: run `chmod 600 {}`",
        env.store().display()
    )));
}

#[test]
fn store_problems_exit_5() {
    let env = TestEnv::new();
    let bogus = env.write("bogus.db", &"not a database ".repeat(300));
    // Owner-only, so the store is refused for its contents, not first for its mode.
    std::fs::set_permissions(&bogus, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    env.cmd()
        .args(["list", "--store"])
        .arg(&bogus)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("not an invoice store"));
}
