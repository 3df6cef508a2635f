//! Reminders, statements and partial credit notes from the command line (SPEC 12.3, 12.5,
//! 12.6, 14.1): levels and fees from `[reminders]`, idempotent runs, two runs at once,
//! documents in --out, statements in every format, credits by amount and by lines.

use crate::common::{DRAFT, TestEnv, look};

fn run(env: &TestEnv, args: &[&str]) -> (i32, String, String) {
    let out = env.cmd().args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// A store with `n` invoices of DRAFT (1,500.45 EUR, due 2026-12-27) and a config whose
/// second level costs 5.00; returns the numbers.
fn setup(env: &TestEnv, n: usize) -> Vec<String> {
    let config = env.write(
        "config/invoice/invoice.toml",
        "[reminders]\nlevels = [ { after_days = 7 }, { after_days = 21, fee = \"5.00\" }, { after_days = 35, fee = \"10.00\", title = \"Letzte Aufforderung\" } ]\n",
    );
    assert!(config.exists());
    let path = env.write("draft.json", DRAFT);
    (0..n)
        .map(|_| {
            let (code, number, err) = run(env, &["create", "--format", "number", "--input", path.to_str().unwrap()]);
            assert_eq!(code, 0, "{err}");
            number.trim().to_owned()
        })
        .collect()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn remind_issues_each_level_once_writes_files_and_says_when_nothing_is_new() {
    let env = TestEnv::new();
    let numbers = setup(&env, 2);
    let (code, _, err) = run(&env, &["pay", &numbers[1], "--date", "2026-12-01"]);
    assert_eq!(code, 0, "{err}");
    run(&env, &["pay", &numbers[0], "--amount", "500.45", "--date", "2026-12-01"]);
    // Not yet a week overdue: nothing.
    let (code, out, err) = run(&env, &["remind", "--as-of", "2027-01-02", "--format", "json"]);
    assert_eq!((code, json(&out)), (0, serde_json::json!([])), "{err}");
    assert!(err.contains("no new reminders on 2027-01-02"), "{err}");
    // A dry run names what would be issued and stores nothing.
    let (_, out, _) = run(&env, &["remind", "--as-of", "2027-01-05", "--dry-run", "--format", "json"]);
    assert_eq!(json(&out)[0]["outcome"], "would_issue");
    let (code, out, err) = run(&env, &["remind", "--as-of", "2027-01-05", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let issued = json(&out);
    assert_eq!(issued.as_array().unwrap().len(), 1, "the paid invoice is never reminded: {issued}");
    let r = &issued[0];
    assert_eq!((r["invoice"].as_str(), r["level"].as_u64()), (Some(numbers[0].as_str()), Some(1)));
    assert_eq!(
        (r["balance"].as_str(), r["fee"].as_str(), r["amount_asked"].as_str()),
        (Some("1000.00"), Some("0.00"), Some("1000.00"))
    );
    assert_eq!((r["pay_by"].as_str(), r["title"].as_str()), (Some("2027-01-15"), Some("Payment reminder")));
    // The same day again: nothing new, and it says so.
    let (code, out, err) = run(&env, &["remind", "--as-of", "2027-01-05", "--format", "json"]);
    assert_eq!((code, json(&out)), (0, serde_json::json!([])));
    assert!(err.contains("level 1 was issued today already"), "{err}");
    // HTML and PDF go to files only.
    let (code, _, err) = run(&env, &["remind", "--format", "pdf"]);
    assert_eq!(code, 2);
    assert!(err.contains("--out DIR"), "{err}");
    let dir = env.path().join("letters");
    let (code, _, err) =
        run(&env, &["remind", "--as-of", "2027-01-20", "--format", "pdf", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let file = dir.join(format!("{}-reminder-2.pdf", numbers[0]));
    let pdf = std::fs::read(&file).unwrap_or_else(|e| panic!("{e}: {err}"));
    assert!(pdf.starts_with(b"%PDF-"));
    let (_, html, _) =
        run(&env, &["remind", "--as-of", "2027-02-10", "--format", "html", "--out", dir.to_str().unwrap()]);
    assert!(html.is_empty());
    let page = std::fs::read_to_string(dir.join(format!("{}-reminder-3.html", numbers[0]))).unwrap();
    assert!(page.contains("Letzte Aufforderung") && page.contains("15.00"), "configured title and fees so far: {page}");
    // The text document names the invoice, the balance and the new pay-by date.
    let (code, _, _) = run(&env, &["remind", &numbers[0], "--as-of", "2027-03-30"]);
    assert_eq!(code, 0);
    // Stored and audited; an unknown invoice is not found.
    let (_, audit, _) = run(&env, &["audit", "--format", "json"]);
    assert_eq!(audit.matches("\"remind\"").count(), 3, "{audit}");
    let (code, _, _) = run(&env, &["remind", "INV-2026-9999"]);
    assert_eq!(code, 3);
    // A credited invoice named explicitly gets nothing, with the reason.
    let (code, _, err) = run(&env, &["remind", &numbers[1], "--as-of", "2027-03-30"]);
    assert_eq!(code, 0);
    assert!(err.contains("it is paid"), "{err}");
}

/// Two `remind` processes at once issue each level once between them.
#[test]
fn two_remind_processes_at_once_issue_each_level_once() {
    let env = TestEnv::new();
    let numbers = setup(&env, 6);
    let children: Vec<_> = (0..2)
        .map(|_| {
            env.command()
                .args(["remind", "--as-of", "2027-01-05", "--format", "json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut issued: Vec<(String, u64)> = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        for r in json(&String::from_utf8(out.stdout).unwrap()).as_array().unwrap() {
            issued.push((r["invoice"].as_str().unwrap().to_owned(), r["level"].as_u64().unwrap()));
        }
    }
    issued.sort();
    let mut expected: Vec<(String, u64)> = numbers.iter().map(|n| (n.clone(), 1)).collect();
    expected.sort();
    assert_eq!(issued, expected);
}

#[test]
fn statements_by_buyer_and_customer_in_every_format() {
    let env = TestEnv::new();
    let numbers = setup(&env, 2);
    run(&env, &["pay", &numbers[0], "--amount", "500.45", "--date", "2026-12-01"]);
    let (code, _, err) = run(&env, &["credit", &numbers[1], "--amount", "100.00"]);
    assert_eq!(code, 0, "{err}");
    run(&env, &["remind", "--as-of", "2027-01-20"]);
    let (code, out, err) = run(&env, &["statement", "--buyer", "GLOBEX LTD", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let s = &json(&out)[0];
    let kinds: Vec<&str> = s["lines"].as_array().unwrap().iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["invoice", "invoice", "payment", "credit_note"], "no fee on level 1: {s}");
    assert_eq!((s["opening"].as_str(), s["closing"].as_str()), (Some("0.00"), Some("2400.45")));
    let (_, csv, _) = run(&env, &["statement", "--buyer", "Globex Ltd", "--format", "csv", "--from", "2026-12-01"]);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "currency,date,kind,reference,invoice,amount,balance");
    assert_eq!(rows[1], "EUR,2026-12-01,opening,,,,3000.90");
    assert!(rows.last().unwrap().ends_with("closing,,,,2400.45"), "{csv}");
    let (_, text, _) = run(&env, &["statement", "--buyer", "Globex Ltd"]);
    assert!(text.contains("Statement of account") && text.contains("2,400.45 EUR"), "{text}");
    let (_, html, _) = run(&env, &["statement", "--buyer", "Globex Ltd", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("PAY-000001"), "{html}");
    let out = env.path().join("statement.pdf");
    let (code, _, err) =
        run(&env, &["statement", "--buyer", "Globex Ltd", "--format", "pdf", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    // Errors: no party, both, a buyer without invoices, an unknown customer, dates reversed.
    assert_eq!(run(&env, &["statement"]).0, 2);
    assert_eq!(run(&env, &["statement", "--buyer", "X", "--customer", "x"]).0, 2);
    let (code, _, err) = run(&env, &["statement", "--buyer", "Nobody"]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(run(&env, &["statement", "--customer", "nobody"]).0, 3);
    assert_eq!(run(&env, &["statement", "--buyer", "Globex Ltd", "--from", "2027-01-02", "--to", "2027-01-01"]).0, 2);
    // By customer: the invoices created from the customer record.
    let (code, _, err) = run(&env, &["customer", "add", "globex", "--name", "Globex Ltd", "--country", "GB"]);
    assert_eq!(code, 0, "{err}");
    let draft = env.write("c.json", &DRAFT.replacen("\"buyer\": {", "\"customer\": \"globex\", \"buyerx\": {", 1).replace("\"buyerx\": { \"name\": \"Globex Ltd\", \"email\": \"ap@globex.example\", \"address\": { \"city\": \"London\", \"country\": \"GB\" } },\n", ""));
    let (code, number, err) = run(&env, &["create", "--format", "number", "--input", draft.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&env, &["statement", "--customer", "globex", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let lines = json(&out)[0]["lines"].clone();
    assert_eq!(lines.as_array().unwrap().len(), 1, "{lines}");
    assert_eq!(lines[0]["reference"].as_str(), Some(number.trim()));
}

#[test]
fn credit_by_amount_or_lines_and_the_status_it_leaves() {
    let env = TestEnv::new();
    let numbers = setup(&env, 3);
    // By amount: proportional over the 19 % and 0 % groups, exactly the amount.
    let (code, out, err) = run(&env, &["credit", &numbers[0], "--amount", "327.25", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let note = json(&out);
    assert_eq!(note["totals"]["gross"], "327.25");
    assert_eq!(note["lines"].as_array().unwrap().len(), 2);
    let (_, show, _) = run(&env, &["show", &numbers[0], "--format", "json"]);
    let show = json(&show);
    assert_eq!((show["status"].as_str(), show["account"]["outstanding"].as_str()), (Some("issued"), Some("1173.20")));
    // Too much, not an amount, both flags, a line that is not there.
    let (code, _, err) = run(&env, &["credit", &numbers[0], "--amount", "1173.21"]);
    assert_eq!(code, 1);
    assert!(err.contains("1173.20 EUR") && err.contains("/amount"), "{err}");
    assert_eq!(run(&env, &["credit", &numbers[0], "--amount", "abc"]).0, 2);
    assert_eq!(run(&env, &["credit", &numbers[0], "--amount", "1", "--lines", "1"]).0, 2);
    let (code, _, err) = run(&env, &["credit", &numbers[0], "--lines", "3"]);
    assert_eq!(code, 1);
    assert!(err.contains("/lines"), "{err}");
    // By lines: line 2 (Travel, 72.45 at 0 %).
    let (code, out, err) = run(&env, &["credit", &numbers[1], "--lines", "2", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["totals"]["gross"], "72.45");
    // Paid in full, then credited in part and in full: stays paid, then credited with a refund due.
    run(&env, &["pay", &numbers[2], "--date", "2026-12-01"]);
    run(&env, &["credit", &numbers[2], "--amount", "100"]);
    let (_, show, _) = run(&env, &["show", &numbers[2], "--format", "json"]);
    let show = json(&show);
    assert_eq!((show["status"].as_str(), show["account"]["outstanding"].as_str()), (Some("paid"), Some("-100.00")));
    let (code, out, err) = run(&env, &["credit", &numbers[2], "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["totals"]["gross"], "1400.45", "the rest left uncredited");
    let (_, show, _) = run(&env, &["show", &numbers[2], "--format", "json"]);
    let show = json(&show);
    assert_eq!(
        (show["status"].as_str(), show["account"]["outstanding"].as_str()),
        (Some("credited"), Some("-1500.45"))
    );
    assert_eq!(run(&env, &["credit", &numbers[2]]).0, 4);
}

/// `store copy` carries the reminders (SPEC 12.7): the copy lists them, `store check` is
/// clean there, and a rerun on the copy issues nothing new.
#[test]
fn store_copy_carries_the_reminders() {
    let env = TestEnv::new();
    setup(&env, 1);
    run(&env, &["remind", "--as-of", "2027-01-05"]);
    let target = env.path().join("copy.db");
    let store = env.store();
    let (code, out, err) =
        run(&env, &["store", "copy", "--from", store.to_str().unwrap(), "--to", target.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 reminders"), "{out}");
    let on_copy = |args: &[&str]| {
        let out = env.cmd().env("INVOICE_STORE", &target).args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert_eq!(on_copy(&["store", "check"]).0, 0);
    let (code, out, err) = on_copy(&["remind", "--as-of", "2027-01-05", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap(), serde_json::json!([]), "{err}");
    assert!(err.contains("level 1 was"), "{err}");
}

/// A letter that cannot be made (a character the PDF font lacks) stops the run before
/// anything is stored: no reminder without its letter.
#[test]
fn a_reminder_whose_pdf_cannot_be_made_stores_nothing() {
    let env = TestEnv::new();
    setup(&env, 1);
    let path = env.write("cjk.json", &DRAFT.replace("Globex Ltd", "株式会社グローベックス"));
    let (code, _, err) = run(&env, &["create", "--input", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let dir = env.path().join("letters");
    let (code, _, err) =
        run(&env, &["remind", "--as-of", "2027-01-05", "--format", "pdf", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("unsupported_character"), "{err}");
    let (_, out, _) = run(&env, &["remind", "--as-of", "2027-01-05", "--dry-run", "--format", "json"]);
    assert_eq!(json(&out).as_array().unwrap().len(), 2, "nothing was stored: {out}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    // As HTML it works, for both.
    let (code, _, err) =
        run(&env, &["remind", "--as-of", "2027-01-05", "--format", "html", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
}

/// issue 22's proof, looked at as a person would: a partly paid French invoice reaches
/// reminder level 2 ("Deuxième relance", with its 5.00 fee); the reminder PDF's page is
/// rendered to PNG, its EPC QR code read with `zbarimg` asks for exactly the amount the
/// reminder asks for (balance + fee), and the page's text says the title and that amount.
/// Skipped with a notice where poppler-utils or zbar-tools are missing.
#[test]
fn a_level_2_french_reminder_carries_the_amount_asked_in_its_qr_code() {
    if !look::tools_present("a_level_2_french_reminder_carries_the_amount_asked_in_its_qr_code") {
        return;
    }
    let env = TestEnv::new();
    let french = DRAFT.replacen(
        "\"currency\": \"EUR\",",
        "\"currency\": \"EUR\", \"language\": \"fr\",
         \"payment\": {\"means\": \"sepa_credit_transfer\", \"iban\": \"FR7630006000011234567890189\"},",
        1,
    );
    // The config of `setup`: the second level costs 5.00.
    setup(&env, 0);
    let path = env.write("french.json", &french);
    let (code, number, err) = run(&env, &["create", "--format", "number", "--input", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let number = number.trim();
    let (code, _, err) = run(&env, &["pay", number, "--amount", "500.45", "--date", "2026-12-01"]);
    assert_eq!(code, 0, "{err}");
    let dir = env.path().join("relances");
    let out = dir.to_str().unwrap();
    // Level 1 a week after the due date (2026-12-27); level 2 once 21 days have passed and
    // level 1's pay-by date (10 days later) is behind.
    let (code, _, err) = run(&env, &["remind", "--as-of", "2027-01-05", "--format", "pdf", "--out", out]);
    assert_eq!(code, 0, "{err}");
    let (code, planned, err) = run(&env, &["remind", "--as-of", "2027-01-20", "--dry-run", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let planned = json(&planned);
    assert_eq!(
        (planned[0]["level"].as_u64(), planned[0]["outcome"].as_str()),
        (Some(2), Some("would_issue")),
        "{planned}"
    );
    assert_eq!(
        (planned[0]["balance"].as_str(), planned[0]["fee"].as_str()),
        (Some("1000.00"), Some("5.00")),
        "{planned}"
    );
    let asked = planned[0]["amount_asked"].as_str().unwrap().to_owned();
    assert_eq!(asked, "1005.00");
    let (code, _, err) = run(&env, &["remind", "--as-of", "2027-01-20", "--format", "pdf", "--out", out]);
    assert_eq!(code, 0, "{err}");
    let pdf = dir.join(format!("{number}-reminder-2.pdf"));
    let codes = look::qr_codes(&pdf);
    assert_eq!(codes.len(), 1, "{codes:?}");
    assert!(codes[0].starts_with("BCD\n002\n") && codes[0].contains("FR7630006000011234567890189"), "{codes:?}");
    let asked_decimal: rust_decimal::Decimal = asked.parse().unwrap();
    assert_eq!(look::epc_amount(&codes[0]), Some(asked_decimal.normalize().to_string()), "{codes:?}");
    let text = look::pdf_text(&pdf).replace(['\u{202f}', '\u{a0}'], " ");
    assert!(text.contains(&format!("Deuxième relance — Facture {number}")), "{text}");
    assert!(text.contains("Montant à régler") && text.contains("1 005,00"), "{text}");
    // Level 1's letter asked for the balance alone, and its code says so.
    let first = look::qr_codes(&dir.join(format!("{number}-reminder-1.pdf")));
    assert_eq!(first.iter().map(|c| look::epc_amount(c)).collect::<Vec<_>>(), [Some("1000".to_owned())]);
}
