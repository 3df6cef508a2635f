//! `invoice list`: signed amounts, OUTSTANDING, overdue, newest first, terminal width,
//! and CSV cells that no spreadsheet reads as a formula (SPEC 11).

use crate::common::{DRAFT, TestEnv};
use unicode_width::UnicodeWidthStr;

fn stdout(env: &TestEnv, args: &[&str]) -> String {
    let out = env.cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// INV-2026-0001 for a buyer named `Globex;=1+1 ...`, credited in part; INV-2026-0002
/// long overdue; INV-2026-0003 paid.
fn store() -> TestEnv {
    let env = TestEnv::new();
    let long = DRAFT.replace("Globex Ltd", "Globex;=1+1 International Trading Corporation of Far Away Places");
    let first = env.write("first.json", &long);
    env.cmd().args(["create", "--format", "number", "--input"]).arg(&first).assert().code(0);
    let old = DRAFT.replace("2026-11-27", "2026-01-05").replace("2026-12-27", "2026-02-04");
    let second = env.write("second.json", &old);
    env.cmd().args(["create", "--format", "number", "--input"]).arg(&second).assert().code(0);
    let third = env.write("third.json", DRAFT);
    env.cmd().args(["create", "--format", "number", "--input"]).arg(&third).assert().code(0);
    env.cmd().args(["pay", "INV-2026-0003", "--date", "2026-12-01"]).assert().code(0);
    // A partial credit note: one line of the first invoice.
    let partial = r#"{"type": "credit_note", "preceding_invoice": "INV-2026-0001", "issue_date": "2026-11-28",
        "due_date": "2026-11-28", "currency": "EUR", "seller": {"name": "Acme GmbH"},
        "buyer": {"name": "Globex Ltd"},
        "lines": [{"description": "Refund", "quantity": "1", "unit_price": "100.00", "tax_rate": "19"}]}"#;
    let note = env.write("note.json", partial);
    env.cmd().args(["create", "--format", "number", "--input"]).arg(&note).assert().code(0);
    env
}

#[test]
fn csv_amounts_are_signed_outstanding_is_what_is_owed_and_no_cell_is_a_formula() {
    let env = store();
    let csv = stdout(&env, &["list", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "number,type,status,issued,due,buyer,gross,paid,credited,outstanding,currency,amount_due,preceding_invoice"
    );
    // The regression of issue 10: `Globex;=1+1` read with `;` must not start a formula.
    assert!(lines[1].starts_with("INV-2026-0001,invoice,"), "{csv}");
    assert!(
        lines[1]
            .ends_with(",\"Globex;'=1+1 International Trading Corporation of Far Away Places\",1500.45,0.00,119.00,1381.45,EUR,1500.45,"),
        "{csv}"
    );
    assert!(lines[3].starts_with("INV-2026-0003,invoice,paid,"), "{csv}");
    assert!(lines[3].ends_with(",1500.45,1500.45,0.00,0.00,EUR,1500.45,"), "{csv}");
    let note = lines[4];
    assert!(
        note.contains(",credit_note,issued,") && note.ends_with(",-119.00,0.00,0.00,0.00,EUR,-119.00,INV-2026-0001"),
        "{csv}"
    );
    // Nothing is due on a credit note: its due cell is empty.
    assert!(note.contains(",issued,2026-11-28,,Globex Ltd,"), "{csv}");
    // Split on `;` the way a European spreadsheet does: no cell starts a formula.
    for line in &lines {
        for cell in line.split([';', ',']) {
            let cell = cell.trim_start_matches([' ', '"']);
            assert!(!cell.starts_with(['=', '+', '@']), "{cell:?} in {line}");
        }
    }
}

#[test]
fn the_table_shows_no_due_date_for_a_credit_note() {
    let env = store();
    let table = stdout(&env, &["list"]);
    let header: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header[4], "DUE", "{table}");
    let dues: Vec<(&str, &str)> = table
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split_whitespace().collect();
            (cells[1], cells[4])
        })
        .collect();
    assert_eq!(dues.len(), 4, "{table}");
    for (kind, due) in dues {
        if kind == "credit_note" {
            assert_eq!(due, "-", "{table}");
        } else {
            assert!(due.parse::<chrono::NaiveDate>().is_ok(), "{table}");
        }
    }
}

#[test]
fn json_lists_summaries_with_signed_amounts_and_outstanding() {
    let env = store();
    let json: serde_json::Value = serde_json::from_str(&stdout(&env, &["list", "--format", "json"])).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["outstanding"], "1381.45");
    assert_eq!(rows[3]["type"], "credit_note");
    assert_eq!(rows[3]["gross"], "-119.00");
    assert_eq!(rows[3]["due"], "-119.00");
    assert_eq!(rows[3]["preceding_invoice"], "INV-2026-0001");
    assert!(rows[0].get("lines").is_none(), "summaries, not whole invoices");
}

#[test]
fn overdue_and_newest_first() {
    let env = store();
    let overdue = stdout(&env, &["list", "--status", "overdue", "--format", "csv"]);
    let numbers: Vec<&str> = overdue.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(numbers, ["INV-2026-0002"]);
    let newest = stdout(&env, &["list", "--reverse", "--limit", "2", "--format", "csv"]);
    let numbers: Vec<&str> = newest.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(numbers.len(), 2);
    assert!(numbers[0].starts_with("CN-") && numbers[1] == "INV-2026-0003", "{newest}");
}

#[test]
fn the_table_fits_the_terminal_and_shortens_long_names() {
    let env = store();
    let table = stdout(&env, &["list", "--width", "80"]);
    for line in table.lines() {
        assert!(line.width() <= 80, "{} columns: {line}", line.width());
    }
    assert!(table.contains("Globex;=1+") && table.contains('…'), "{table}");
    assert!(table.lines().next().unwrap().contains("OUTSTANDING"));
    assert!(table.contains("-119.00"), "{table}");
    // Wide terminals (and pipes) keep the whole name.
    let wide = stdout(&env, &["list", "--width", "200"]);
    assert!(wide.contains("Far Away Places"), "{wide}");
}

/// The regression of issue 22: after a partial payment `pay` said "outstanding 1000.00"
/// while `list` still showed the whole amount due. Every summary now carries the one
/// balance the store keeps, in every format, and `--status overdue` takes partially paid
/// invoices as seen on `--as-of`.
#[test]
fn a_partial_payment_is_in_every_summary_and_overdue_follows_as_of() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd().args(["create", "--format", "number", "--input"]).arg(&draft).assert().code(0);
    let paid = stdout(&env, &["pay", "INV-2026-0001", "--amount", "500.45", "--date", "2026-12-01"]);
    assert!(paid.ends_with("outstanding 1000.00 EUR\n"), "{paid}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&env, &["list", "--format", "json"])).unwrap();
    let row = &json[0];
    assert_eq!(
        (&row["status"], &row["gross"], &row["due"], &row["paid"], &row["credited"], &row["outstanding"]),
        (
            &serde_json::json!("partially_paid"),
            &serde_json::json!("1500.45"),
            &serde_json::json!("1500.45"),
            &serde_json::json!("500.45"),
            &serde_json::json!("0.00"),
            &serde_json::json!("1000.00")
        )
    );
    assert_eq!(row["due_date"], "2026-12-27");
    let csv = stdout(&env, &["list", "--format", "csv"]);
    assert!(csv.lines().nth(1).unwrap().contains(",1500.45,500.45,0.00,1000.00,EUR,"), "{csv}");
    let table = stdout(&env, &["list", "--width", "200"]);
    let cells: Vec<&str> = table.lines().nth(1).unwrap().split_whitespace().collect();
    assert_eq!(cells[cells.len() - 2], "1000.00", "{table}");
    let overdue = |as_of: &str| {
        let csv = stdout(&env, &["list", "--status", "overdue", "--as-of", as_of, "--format", "csv"]);
        csv.lines().skip(1).map(|l| l.split(',').next().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(overdue("2026-12-28"), ["INV-2026-0001"]);
    assert!(overdue("2026-12-27").is_empty(), "not overdue on its due date");
    let partial = stdout(&env, &["list", "--status", "partially_paid", "--format", "csv"]);
    assert_eq!(partial.lines().count(), 2, "{partial}");
    env.cmd().args(["pay", "INV-2026-0001"]).assert().code(0);
    assert!(overdue("2027-06-01").is_empty(), "a paid invoice is never overdue");
}

/// A currency without minor units (JPY) shows none; every other amount keeps its digits.
#[test]
fn amounts_have_the_currency_digits() {
    let env = TestEnv::new();
    let yen = DRAFT.replace("\"EUR\"", "\"JPY\"").replace("120.00", "1200").replace("80.5", "800");
    let draft = env.write("draft.json", &yen);
    env.cmd().args(["create", "--format", "number", "--input"]).arg(&draft).assert().code(0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&env, &["list", "--format", "json"])).unwrap();
    assert_eq!(json[0]["currency"], "JPY");
    assert_eq!(json[0]["paid"], "0");
    assert!(!json[0]["gross"].as_str().unwrap().contains('.'), "{json}");
}
