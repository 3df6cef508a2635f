//! Receivables from the command line (SPEC 12): partial payments, idempotent retries,
//! reversal, the payments list, aging equal to the outstanding balance, documents with the
//! balance, void refused once paid.

use crate::common::{DRAFT, TestEnv};

fn run(env: &TestEnv, args: &[&str]) -> (i32, String, String) {
    let out = env.cmd().args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn partial_payments_reversal_aging_and_the_documents_agree_on_one_balance() {
    let env = TestEnv::new();
    let path = env.write("draft.json", DRAFT);
    let (_, number, _) = run(&env, &["create", "--format", "number", "--input", path.to_str().unwrap()]);
    let number = number.trim();
    let (code, out, _) =
        run(&env, &["pay", number, "--amount", "500.45", "--date", "2026-11-30", "--method", "PayPal"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "PAY-000001  {number}  partially_paid  Globex Ltd  paid 500.45 of 1500.45 EUR  outstanding 1000.00 EUR\n"
        )
    );
    let (code, _, err) = run(&env, &["pay", number, "--amount", "1000.01"]);
    assert_eq!(code, 1);
    assert!(err.contains("outstanding 1000.00 EUR; overpayments are refused [out_of_range]"), "{err}");
    for _ in 0..2 {
        let (code, out, _) =
            run(&env, &["pay", number, "--amount", "100", "--idempotency-key", "k1", "--format", "number"]);
        assert_eq!((code, out.as_str()), (0, "PAY-000002\n"));
    }
    let (code, _, _) = run(&env, &["payment", "reverse", "PAY-000001", "--reason", "chargeback"]);
    assert_eq!(code, 0);
    let (_, csv, _) = run(&env, &["payments", number, "--format", "csv"]);
    let amounts: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').nth(3).unwrap()).collect();
    assert_eq!(amounts, ["500.45", "100.00", "-500.45"]);
    // Aging holds exactly the outstanding balance: 1500.45 − 100.00.
    let (_, json, _) = run(&env, &["aging", "--as-of", "2027-03-01", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["totals"][0]["total"], "1400.45");
    let (_, text, _) = run(&env, &["render", number, "--format", "text"]);
    assert!(text.contains("Payment received 2026-11-30 · PayPal") && text.contains("BALANCE DUE"), "{text}");
    assert!(text.contains("1,400.45 EUR"), "{text}");
    let (_, show, _) = run(&env, &["show", number, "--format", "json"]);
    let show: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(
        (show["status"].as_str(), show["account"]["outstanding"].as_str()),
        (Some("partially_paid"), Some("1400.45"))
    );
    let (code, _, err) = run(&env, &["void", number, "--reason", "typo"]);
    assert_eq!(code, 4);
    assert!(err.contains("issue a credit note instead"), "{err}");
}
