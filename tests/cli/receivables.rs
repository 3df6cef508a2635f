//! Receivables from the command line (SPEC 12): partial payments, idempotent retries,
//! reversal, the payments list, aging equal to the outstanding balance, documents with the
//! balance, void refused once paid.

use crate::common::{DRAFT, TestEnv, look};

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
    // A negative amount is the product's own finding on the field, not the parser's
    // "unexpected argument" (a reversal is `payment reverse`).
    for command in [&["pay", number, "--amount", "-5"][..], &["credit", number, "--amount", "-5"]] {
        let (code, _, err) = run(&env, command);
        assert_eq!(code, 1, "{command:?}: {err}");
        assert!(err.contains("/amount: the amount must be above 0, not -5"), "{command:?}: {err}");
    }
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

/// Where the tools exist (`pdftoppm` from poppler-utils, `zbarimg` from zbar-tools; `.ci/run`
/// installs both), the PDF of a German invoice is looked at as a person's banking app
/// would: its pages rendered to PNG and the EPC QR code read back. A partly paid invoice's
/// code asks for the balance, a partly credited one's for due − credit notes, and a fully
/// prepaid invoice has no code at all (SPEC 12.4).
#[test]
fn the_qr_code_on_the_rendered_page_asks_for_the_balance() {
    if !look::tools_present("the_qr_code_on_the_rendered_page_asks_for_the_balance") {
        return;
    }
    let env = TestEnv::new();
    let german = DRAFT.replacen(
        "\"currency\": \"EUR\",",
        "\"currency\": \"EUR\", \"language\": \"de\",
         \"payment\": {\"means\": \"sepa_credit_transfer\", \"iban\": \"DE89370400440532013000\"},",
        1,
    );
    let create = |name: &str, draft: &str| {
        let path = env.write(name, draft);
        let (code, number, err) = run(&env, &["create", "--format", "number", "--input", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        number.trim().to_owned()
    };
    let partly_paid = create("paid.json", &german);
    assert_eq!(run(&env, &["pay", &partly_paid, "--amount", "500.45", "--date", "2026-11-30"]).0, 0);
    let prepaid =
        create("prepaid.json", &german.replacen("\n  \"lines\"", "\n  \"prepaid\": \"1500.45\", \"lines\"", 1));
    let credited = create("credited.json", &german);
    let note = format!(
        r#"{{"type": "credit_note", "preceding_invoice": "{credited}", "issue_date": "2026-11-28",
            "currency": "EUR", "language": "de", "seller": {{"name": "Acme GmbH"}}, "buyer": {{"name": "Globex Ltd"}},
            "lines": [{{"description": "Gutschrift", "quantity": "1", "unit_price": "100.00", "tax_rate": "19"}}]}}"#
    );
    create("note.json", &note);
    let codes = |number: &str| -> Vec<String> {
        let pdf = env.path().join(format!("{number}.pdf"));
        let (code, _, err) = run(&env, &["render", number, "--format", "pdf", "--out", pdf.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        look::qr_codes(&pdf)
    };
    // EPC069-12 writes `EUR1000` or `EUR1000.5`: compared as decimals.
    let amount = look::epc_amount;
    let paid_codes = codes(&partly_paid);
    assert_eq!(paid_codes.len(), 1, "{paid_codes:?}");
    assert!(paid_codes[0].starts_with("BCD\n002\n"), "{paid_codes:?}");
    assert_eq!(amount(&paid_codes[0]).as_deref(), Some("1000"), "{paid_codes:?}");
    assert!(paid_codes[0].contains("DE89370400440532013000"), "{paid_codes:?}");
    let credited_codes = codes(&credited);
    assert_eq!(credited_codes.len(), 1, "{credited_codes:?}");
    assert_eq!(amount(&credited_codes[0]).as_deref(), Some("1381.45"), "{credited_codes:?}");
    assert_eq!(codes(&prepaid), Vec::<String>::new(), "a fully prepaid invoice asks for nothing");
    // Paid in full, the partly paid one's code disappears too.
    assert_eq!(run(&env, &["pay", &partly_paid]).0, 0);
    assert_eq!(codes(&partly_paid), Vec::<String>::new(), "a paid invoice asks for nothing");
}

/// SPEC 14.1: aging groups the invoices issued from a customer record by that customer, even
/// when the customer was renamed between them; invoices without one stay grouped by buyer.
#[test]
fn aging_groups_by_customer_where_known() {
    let env = TestEnv::new();
    env.write(
        "config/invoice/invoice.toml",
        "[seller]\nname = \"Acme GmbH\"\nvat_id = \"DE123456789\"\n[defaults]\ncurrency = \"EUR\"\ntax_rate = 19\n",
    );
    let ok = |args: &[&str]| {
        let (code, out, err) = run(&env, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    };
    ok(&["customer", "add", "globex", "--name", "Globex Ltd"]);
    let create = |by: &[&str], date: &str, price: &str| {
        let mut args =
            vec!["create", "--format", "number", "--issue-date", date, "--item", "Beratung", "--price", price];
        args.extend_from_slice(by);
        ok(&args).trim().to_owned()
    };
    let first = create(&["--customer", "globex"], "2026-09-01", "100");
    ok(&["customer", "edit", "globex", "--name", "Globex Holdings Ltd"]);
    create(&["--customer", "globex"], "2026-11-01", "200");
    // Same name as the customer's old one, but typed by hand: its own row.
    create(&["--to", "Globex Ltd"], "2026-11-15", "50");
    ok(&["pay", &first, "--amount", "19.00"]);
    let json = ok(&["aging", "--as-of", "2026-12-31", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows: Vec<(&str, &str, u64, &str)> = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["customer"].as_str().unwrap(),
                r["buyer"].as_str().unwrap(),
                r["invoices"].as_u64().unwrap(),
                r["total"].as_str().unwrap(),
            )
        })
        .collect();
    // 100 + 19 % − 19.00 paid = 100.00; 200 + 19 % = 238.00; 50 + 19 % = 59.50.
    assert_eq!(rows, [("globex", "Globex Holdings Ltd", 2, "338.00"), ("", "Globex Ltd", 1, "59.50")]);
    assert_eq!(report["totals"][0]["total"], "397.50");
    let buckets: rust_decimal::Decimal = report["totals"][0]["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap())
        .sum();
    let list = ok(&["list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    let outstanding: rust_decimal::Decimal = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["outstanding"].as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap())
        .sum();
    assert_eq!((buckets, outstanding), ("397.50".parse().unwrap(), "397.50".parse().unwrap()));
    let csv = ok(&["aging", "--as-of", "2026-12-31", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "customer,buyer,currency,not_yet_due,1_30,31_60,61_90,over_90,total");
    assert_eq!(lines[1], "globex,Globex Holdings Ltd,EUR,0.00,238.00,0.00,0.00,100.00,338.00");
    assert_eq!(lines[2], ",Globex Ltd,EUR,0.00,59.50,0.00,0.00,0.00,59.50");
    let table = ok(&["aging", "--as-of", "2026-12-31"]);
    assert!(table.starts_with("CUSTOMER  BUYER"), "{table}");
    let html = ok(&["aging", "--as-of", "2026-12-31", "--format", "html"]);
    assert!(html.contains("<th>Customer</th><th>Buyer</th>") && html.contains("<td>globex</td>"), "{html}");
}

/// issue 22's race, through real processes: eight `invoice pay --amount 10.00` started at
/// once for the last 10.00 of an invoice. Exactly one is recorded; the seven others are
/// refused with `out_of_range` naming the outstanding 0.00; the balance ends at 0.00, never
/// below, and `store check` finds the store consistent.
#[test]
fn eight_processes_paying_the_last_ten_euros_record_one_payment() {
    let env = TestEnv::new();
    let path = env.write("draft.json", DRAFT);
    let (_, number, _) = run(&env, &["create", "--format", "number", "--input", path.to_str().unwrap()]);
    let number = number.trim();
    let (code, out, err) = run(&env, &["pay", number, "--amount", "1490.45"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("outstanding 10.00 EUR\n"), "{out}");
    let payers: Vec<std::process::Child> = (0..8)
        .map(|_| {
            env.command()
                .args(["pay", number, "--amount", "10.00"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outcomes: Vec<(i32, String, String)> = payers
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            (
                out.status.code().unwrap_or(-1),
                String::from_utf8(out.stdout).unwrap(),
                String::from_utf8(out.stderr).unwrap(),
            )
        })
        .collect();
    let (won, lost): (Vec<_>, Vec<_>) = outcomes.iter().partition(|(code, _, _)| *code == 0);
    assert_eq!(won.len(), 1, "{outcomes:#?}");
    assert!(
        won[0].1.contains(&format!("{number}  paid  Globex Ltd  paid 1500.45 of 1500.45 EUR  outstanding 0.00 EUR")),
        "{outcomes:#?}"
    );
    for (code, out, err) in &lost {
        assert_eq!((*code, out.as_str()), (1, ""), "{err}");
        assert!(
            err.contains(
                "the amount 10.00 EUR is more than the outstanding 0.00 EUR; overpayments are refused [out_of_range]"
            ),
            "{err}"
        );
    }
    let (_, json, _) = run(&env, &["list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    let row = list.as_array().unwrap().iter().find(|r| r["number"] == number).unwrap();
    assert_eq!(
        (row["outstanding"].as_str(), row["paid"].as_str(), row["status"].as_str()),
        (Some("0.00"), Some("1500.45"), Some("paid"))
    );
    let (_, csv, _) = run(&env, &["payments", number, "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1 + 2, "two payments in all:\n{csv}");
    let (code, out, err) = run(&env, &["store", "check"]);
    assert_eq!(code, 0, "{out}{err}");
    // One invoice, counted in the singular; its create and its payments in the audit log.
    assert!(out.starts_with("ok: 1 invoice, ") && out.trim_end().ends_with(" audit entries"), "{out}");
}
