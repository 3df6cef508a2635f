//! E-invoices (SPEC 8) through the real binary and daemon: the profile fixtures, the
//! refusals and their exit codes, and the XML read back against the stored invoice.
//!
//! `fixtures/einvoice/<profile>--<case>.json` are valid invoices that break one profile;
//! `<case>.errors` beside each lists what `invoice validate --profile <profile>` reports,
//! in the format of `fixtures/invalid` (`INVOICE_BLESS=1` rewrites them; review the diff).
//! The official rules themselves run in `scripts/ci-einvoice.sh` (needs Python), not here.

use crate::common::daemon::{Daemon, Reply, send};
use crate::common::{TestEnv, repo};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

const KEY: &str = "test-static-key-0123456789abcdef0123456789";

fn einvoice_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("fixtures/einvoice"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn valid_fixture(name: &str) -> PathBuf {
    repo().join("fixtures/valid").join(name)
}

fn validate_profile(env: &TestEnv, profile: &str, file: &Path) -> (i32, Value) {
    let out = env.cmd().args(["validate", "--format", "json", "--profile", profile]).arg(file).output().unwrap();
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn each_profile_fixture_reports_exactly_the_errors_in_its_errors_file() {
    let env = TestEnv::new();
    let fixtures = einvoice_fixtures();
    assert!(fixtures.len() >= 12, "found {}", fixtures.len());
    let bless = std::env::var_os("INVOICE_BLESS").is_some_and(|v| !v.is_empty() && v != "0");
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let name = fixture.file_stem().unwrap().to_string_lossy().into_owned();
        let profile = name.split("--").next().unwrap();
        // Valid as an invoice: only the profile refuses it.
        let plain = env.cmd().args(["validate"]).arg(fixture).output().unwrap();
        assert!(plain.status.success(), "{name} must be a valid draft");
        let (code, report) = validate_profile(&env, profile, fixture);
        let errors = report["files"][0]["errors"].as_array().unwrap();
        let lines: Vec<String> = errors
            .iter()
            .map(|e| format!("{} {}", e["code"].as_str().unwrap(), e["path"].as_str().unwrap()).trim_end().to_owned())
            .collect();
        for e in errors {
            let message = e["message"].as_str().unwrap();
            assert!(message.contains("BT-") || message.contains("BG-"), "{name}: no business term in `{message}`");
            assert!(message.contains("(BR-") || message.contains("(PEPPOL-"), "{name}: no rule id in `{message}`");
        }
        let errors_path = fixture.with_extension("errors");
        if bless {
            std::fs::write(&errors_path, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
            continue;
        }
        let expected: Vec<String> =
            std::fs::read_to_string(&errors_path).unwrap_or_default().lines().map(str::to_owned).collect();
        if code != 1 || expected != lines || expected.is_empty() {
            failures.push(format!("{name}: exit {code}, expected {expected:?}, got {lines:?}"));
        }
        assert!(lines.iter().all(|l| l.starts_with("einvoice_requirement")), "{name}: {lines:?}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_valid_einvoice_fixtures_qualify_for_the_profiles_they_were_written_for() {
    let env = TestEnv::new();
    let cases = [
        ("einvoice-xrechnung-leitweg-id.json", &["en16931", "xrechnung", "peppol"][..]),
        ("einvoice-direct-debit.json", &["en16931", "xrechnung", "peppol"]),
        ("einvoice-credit-note.json", &["en16931", "xrechnung", "peppol"]),
        ("einvoice-peppol-export.json", &["en16931", "peppol"]),
        ("einvoice-reverse-charge.json", &["en16931"]),
        ("einvoice-intra-community.json", &["en16931"]),
        ("einvoice-minimal-jpy-outside-scope.json", &["en16931"]),
    ];
    for (file, profiles) in cases {
        for profile in ["en16931", "xrechnung", "peppol"] {
            let (code, report) = validate_profile(&env, profile, &valid_fixture(file));
            let expected = i32::from(!profiles.contains(&profile));
            assert_eq!(code, expected, "{file} with {profile}: {report}");
        }
    }
}

/// Creates the XRechnung example and returns (env, number).
fn issued_xrechnung() -> (TestEnv, String) {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["create", "--format", "number", "--input"])
        .arg(valid_fixture("einvoice-xrechnung-leitweg-id.json"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let number = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    (env, number)
}

/// The text of the first element named `name` (quick and strict enough for a known document).
fn element(xml: &str, name: &str) -> String {
    let open = format!("<{name}");
    let start = xml.find(&open).unwrap_or_else(|| panic!("no <{name}> in the XML"));
    let body = &xml[start..];
    let text_start = body.find('>').unwrap() + 1;
    let text_end = body.find(&format!("</{name}>")).unwrap();
    body[text_start..text_end].to_owned()
}

#[test]
fn render_writes_ubl_and_cii_whose_amounts_are_the_stored_ones() {
    let (env, number) = issued_xrechnung();
    let shown = env.cmd().args(["show", &number, "--format", "json"]).output().unwrap();
    let stored: Value = serde_json::from_slice(&shown.stdout).unwrap();
    let totals = &stored["totals"];
    let ubl = env.cmd().args(["render", &number, "--format", "ubl", "--profile", "xrechnung"]).output().unwrap();
    assert!(ubl.status.success(), "{}", String::from_utf8_lossy(&ubl.stderr));
    let ubl = String::from_utf8(ubl.stdout).unwrap();
    assert_eq!(element(&ubl, "cbc:ID"), number);
    assert_eq!(element(&ubl, "cbc:PayableAmount"), totals["due"].as_str().unwrap());
    assert_eq!(element(&ubl, "cbc:TaxInclusiveAmount"), totals["gross"].as_str().unwrap());
    assert_eq!(element(&ubl, "cbc:LineExtensionAmount"), totals["lines_net"].as_str().unwrap());
    assert_eq!(element(&ubl, "cbc:BuyerReference"), stored["buyer_reference"].as_str().unwrap());
    assert_eq!(element(&ubl, "cbc:ActualDeliveryDate"), "2026-11-20");
    assert!(ubl.contains("xeinkauf.de:kosit:xrechnung_3.0"));
    // The note's `&`, quotes and `<` are escaped, never raw.
    assert!(ubl.contains("Thank you &amp; &quot;Danke&quot; &lt;3"), "{ubl}");
    let cii = env.cmd().args(["render", &number, "--format", "cii"]).output().unwrap();
    let cii = String::from_utf8(cii.stdout).unwrap();
    assert_eq!(element(&cii, "ram:DuePayableAmount"), totals["due"].as_str().unwrap());
    assert_eq!(element(&cii, "ram:GrandTotalAmount"), totals["gross"].as_str().unwrap());
    assert_eq!(element(&cii, "ram:ID"), "urn:cen.eu:en16931:2017", "the default profile");
    // Twice the same bytes.
    let again = env.cmd().args(["render", &number, "--format", "cii"]).output().unwrap();
    assert_eq!(again.stdout, cii.as_bytes());
}

#[test]
fn refusals_have_their_exit_codes() {
    let (env, number) = issued_xrechnung();
    // A format/profile pair that does not exist: usage error.
    for (format, profile) in [("cii", "peppol"), ("facturx", "xrechnung"), ("facturx", "peppol")] {
        env.cmd().args(["render", &number, "--format", format, "--profile", profile]).assert().code(2);
    }
    env.cmd().args(["render", &number, "--format", "pdf", "--profile", "xrechnung"]).assert().code(2);
    // A draft has no number: exit 1, einvoice_requirement at "".
    let out = env
        .cmd()
        .args(["render", "--format", "ubl", "--input"])
        .arg(valid_fixture("einvoice-xrechnung-leitweg-id.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("(document): BT-1") && stderr.contains("[einvoice_requirement]"), "{stderr}");
}

#[test]
fn a_kwd_invoice_is_refused_for_every_format_naming_br_dec() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["create", "--format", "number", "--input"])
        .arg(repo().join("fixtures/einvoice/en16931--kwd-currency.json"))
        .output()
        .unwrap();
    let number = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    for format in ["ubl", "cii", "facturx"] {
        let target = env.path().join(format!("out.{format}"));
        let out = env.cmd().args(["render", &number, "--format", format, "--out"]).arg(&target).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("/currency") && stderr.contains("BR-DEC") && stderr.contains("[einvoice_requirement]"));
        assert!(!target.exists(), "nothing is written for a refused {format}");
    }
}

#[test]
fn create_checks_the_profile_before_a_number_is_assigned() {
    let env = TestEnv::new();
    let draft = repo().join("fixtures/valid/einvoice-reverse-charge.json");
    let target = env.path().join("out.xml");
    let out = env
        .cmd()
        .args(["create", "--render", "ubl", "--profile", "xrechnung", "--input"])
        .arg(&draft)
        .arg("--out")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("BR-DE-15"));
    assert!(!target.exists());
    let list = env.cmd().args(["list", "--format", "json"]).output().unwrap();
    let listed: Value = serde_json::from_slice(&list.stdout).unwrap_or(Value::Null);
    assert!(listed.as_array().is_none_or(Vec::is_empty), "no invoice was issued: {listed}");
    // The same draft as a plain EN 16931 UBL is issued and written.
    let out = env
        .cmd()
        .args(["create", "--render", "ubl", "--format", "number", "--input"])
        .arg(&draft)
        .arg("--out")
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let number = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let xml = std::fs::read_to_string(&target).unwrap();
    assert_eq!(element(&xml, "cbc:ID"), number);
    assert!(xml.contains("<cbc:ID>AE</cbc:ID>"));
}

#[test]
fn validate_with_a_profile_reports_requirements_for_drafts() {
    let env = TestEnv::new();
    let (code, report) = validate_profile(
        &env,
        "peppol",
        &repo().join("fixtures/einvoice/peppol--missing-electronic-addresses-and-references.json"),
    );
    assert_eq!(code, 1);
    let paths: Vec<&str> =
        report["files"][0]["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["/buyer_reference", "/seller/electronic_address", "/buyer/electronic_address"]);
    // Without --profile the same draft is simply valid.
    let out = env
        .cmd()
        .arg("validate")
        .arg(repo().join("fixtures/einvoice/peppol--missing-electronic-addresses-and-references.json"))
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn the_new_fields_are_stored_shown_and_copied_to_credit_notes() {
    let (env, number) = issued_xrechnung();
    let shown = env.cmd().args(["show", &number, "--format", "json"]).output().unwrap();
    let stored: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(
        stored["seller"]["electronic_address"],
        serde_json::json!({"scheme": "EM", "id": "billing@acme.example"})
    );
    assert_eq!(stored["buyer"]["electronic_address"]["scheme"], "0204");
    assert_eq!(stored["seller"]["legal_id"], "HRB 12345 B");
    assert_eq!(stored["period"], serde_json::json!({"start": "2026-11-01", "end": "2026-11-30"}));
    assert_eq!(stored["delivery_date"], "2026-11-20");
    assert_eq!(stored["payment"]["iban"], "DE89370400440532013000");
    let text = env.cmd().args(["render", &number, "--format", "text"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Delivery date") && text.contains("2026-11-20"), "{text}");
    assert!(text.contains("2026-11-01 to 2026-11-30") && text.contains("Contact: Accounts receivable"), "{text}");
    let html = env.cmd().args(["render", &number, "--format", "html"]).output().unwrap();
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(html.contains("2026-11-01 to 2026-11-30") && html.contains("Accounts receivable"));
    let credit = env.cmd().args(["credit", &number, "--format", "json"]).output().unwrap();
    assert!(credit.status.success(), "{}", String::from_utf8_lossy(&credit.stderr));
    let credit: Value = serde_json::from_slice(&credit.stdout).unwrap();
    for field in ["period", "delivery_date"] {
        assert_eq!(credit[field], stored[field], "{field} is copied to the credit note");
    }
    assert_eq!(credit["seller"]["electronic_address"], stored["seller"]["electronic_address"]);
}

#[test]
fn bad_new_fields_are_refused_with_their_codes() {
    let env = TestEnv::new();
    let draft = env.write(
        "bad.json",
        r#"{"currency": "EUR", "seller": {"name": "S", "electronic_address": {"scheme": "XX", "id": "a"}},
            "buyer": {"name": "B", "electronic_address": {"scheme": "EM"}},
            "period": {"start": "2026-11-30", "end": "2026-11-01"}, "delivery_date": "2026-02-30",
            "payment": {"debtor_iban": "DE00 1234"},
            "lines": [{"description": "x", "quantity": 1, "unit_price": 1}]}"#,
    );
    let out = env.cmd().args(["validate", "--format", "json"]).arg(&draft).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = report["files"][0]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {}", e["code"].as_str().unwrap(), e["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        [
            "invalid_value /seller/electronic_address/scheme",
            "required /buyer/electronic_address/id",
            "invalid_value /period/end",
            "invalid_date /delivery_date",
            "invalid_iban /payment/debtor_iban",
        ]
    );
    let messages = report["files"][0]["errors"].to_string();
    assert!(messages.contains("debtor_iban is not valid"), "{messages}");
}

fn http(daemon: &Daemon, method: &str, path: &str, body: Option<&str>) -> Reply {
    let mut raw = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nx-api-key: {KEY}\r\n");
    match body {
        Some(body) => {
            raw.push_str(&format!("content-type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len()))
        }
        None => raw.push_str("\r\n"),
    }
    let reply = send(daemon.addr, raw.into_bytes(), Duration::from_secs(20));
    assert_ne!(reply.status, 0, "no response");
    reply
}

#[test]
fn the_daemon_renders_e_invoices_and_checks_drafts_against_a_profile() {
    let (env, number) = issued_xrechnung();
    let daemon = Daemon::start_with(&env, &["--rate-limit", "1000000"], &[("INVOICE_API_KEY", KEY)]);
    let ubl = http(&daemon, "GET", &format!("/v1/invoices/{number}/render?format=ubl&profile=xrechnung"), None);
    assert_eq!(ubl.status, 200, "{}", ubl.text());
    assert_eq!(ubl.header("content-type"), Some("application/xml"));
    assert_eq!(element(&ubl.text(), "cbc:ID"), number);
    let fx = http(&daemon, "GET", &format!("/v1/invoices/{number}/render?format=facturx"), None);
    assert_eq!(fx.status, 200);
    assert_eq!(fx.header("content-type"), Some("application/pdf"));
    assert!(fx.body.starts_with(b"%PDF-1.7"));
    for query in [
        "format=cii&profile=peppol",
        "format=facturx&profile=xrechnung",
        "format=ubl&profile=nope",
        "format=html&profile=peppol",
    ] {
        let reply = http(&daemon, "GET", &format!("/v1/invoices/{number}/render?{query}"), None);
        assert_eq!(reply.status, 400, "{query}: {}", reply.text());
        assert_eq!(reply.json()["errors"][0]["path"], "/profile", "{query}");
    }
    let draft = std::fs::read_to_string(repo().join("fixtures/valid/einvoice-reverse-charge.json")).unwrap();
    let plain = http(&daemon, "POST", "/v1/invoices/validate", Some(&draft));
    assert_eq!(plain.status, 200, "{}", plain.text());
    let checked = http(&daemon, "POST", "/v1/invoices/validate?profile=xrechnung", Some(&draft));
    assert_eq!(checked.status, 422, "{}", checked.text());
    let problem = checked.json();
    let errors = problem["errors"].as_array().unwrap();
    assert!(errors.iter().all(|e| e["code"] == "einvoice_requirement"));
    assert!(
        errors.iter().any(|e| e["path"] == "/buyer_reference" && e["message"].as_str().unwrap().contains("BR-DE-15"))
    );
    let bad = http(&daemon, "POST", "/v1/invoices/validate?profile=zugferd", Some(&draft));
    assert_eq!(bad.status, 400);
}

#[test]
fn the_config_holds_the_new_seller_fields_and_the_default_profile() {
    let env = TestEnv::new();
    let config = env.write(
        "invoice.toml",
        r#"[seller]
name = "Acme GmbH"
vat_id = "DE123456789"
contact_name = "Accounts receivable"
email = "billing@acme.example"
phone = "+49 30 1234567"
electronic_address = { scheme = "EM", id = "billing@acme.example" }
address = { lines = ["Hauptstr. 1"], city = "Berlin", postal_code = "10115", country = "DE" }

[payment]
means = "sepa_credit_transfer"
iban = "DE89370400440532013000"

[defaults]
currency = "EUR"
einvoice_profile = "xrechnung"
"#,
    );
    let draft = env.write(
        "draft.json",
        r#"{"issue_date": "2026-11-27", "buyer_reference": "04011000-12345-03",
            "buyer": {"name": "Amt", "electronic_address": {"scheme": "0204", "id": "04011000-12345-03"},
                      "address": {"city": "Bonn", "postal_code": "53113", "country": "DE"}},
            "lines": [{"description": "Consulting", "quantity": 1, "unit_price": "100", "tax_rate": "19"}]}"#,
    );
    let out = env
        .cmd()
        .arg("--config")
        .arg(&config)
        .args(["create", "--format", "number", "--input"])
        .arg(&draft)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let number = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    // No --profile: the configured xrechnung applies.
    let xml = env.cmd().arg("--config").arg(&config).args(["render", &number, "--format", "cii"]).output().unwrap();
    assert!(xml.status.success(), "{}", String::from_utf8_lossy(&xml.stderr));
    let xml = String::from_utf8(xml.stdout).unwrap();
    assert!(xml.contains("urn:xeinkauf.de:kosit:xrechnung_3.0"));
    assert_eq!(element(&xml, "ram:PersonName"), "Accounts receivable");
    let shown = env.cmd().arg("--config").arg(&config).args(["config", "show"]).output().unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains("defaults.einvoice_profile = xrechnung  # file"));
    let bad = env.write("bad.toml", "[defaults]\neinvoice_profile = \"zugferd\"\n");
    let out = env.cmd().arg("--config").arg(&bad).args(["config", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("einvoice_profile `zugferd`"));
    let bad = env.write("bad2.toml", "[seller]\nname = \"S\"\nelectronic_address = { scheme = \"XX\", id = \"a\" }\n");
    let out = env.cmd().arg("--config").arg(&bad).args(["config", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/seller/electronic_address/scheme"));
}

#[test]
fn the_schema_and_the_openapi_document_carry_the_new_fields() {
    let env = TestEnv::new();
    let out = env.cmd().arg("schema").output().unwrap();
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    for field in ["delivery_date", "delivery_address", "period"] {
        assert!(schema["properties"][field].is_object(), "schema lacks {field}");
    }
    let text = schema.to_string();
    for field in ["contact_name", "electronic_address", "legal_id", "mandate_reference", "creditor_id", "debtor_iban"] {
        assert!(text.contains(&format!("\"{field}\"")), "schema lacks {field}");
    }
}

/// Issue 23: `render --input MISSING --format ubl` said something about the profile; a
/// missing file is exit 3 before any profile check.
#[test]
fn rendering_a_missing_draft_as_an_einvoice_is_not_found() {
    let env = TestEnv::new();
    for format in ["ubl", "cii", "facturx"] {
        env.cmd()
            .args(["render", "--input", "missing.json", "--format", format, "--profile", "xrechnung", "--out", "x.xml"])
            .assert()
            .code(3)
            .stderr("invoice: error: file missing.json not found\n");
    }
}

/// SPEC 15: direct debit (49) is accepted by XRechnung like SEPA direct debit (59);
/// category O gets its VAT breakdown rate (0) that XRechnung requires (BR-DE-14); a JPY
/// line discount is written without a percentage that would disagree with the rounded
/// amount (PEPPOL-EN16931-R040). The official rules run over these in ci-einvoice.sh.
#[test]
fn direct_debit_outside_scope_and_jpy_discounts_make_einvoices_xrechnung_accepts() {
    let env = TestEnv::new();
    let fixture = |name: &str| repo().join("fixtures/valid").join(name);
    for name in ["einvoice-xrechnung-direct-debit-49.json", "einvoice-xrechnung-outside-scope-o.json"] {
        env.cmd().args(["validate", "--profile", "xrechnung"]).arg(fixture(name)).assert().code(0);
    }
    let number = |name: &str| {
        let out = env.cmd().args(["create", "--format", "number", "--input"]).arg(fixture(name)).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let xml = |number: &str, format: &str| {
        let out = env
            .cmd()
            .args(["render", number, "--format", format, "--profile", "xrechnung", "--out", "-"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let debit = number("einvoice-xrechnung-direct-debit-49.json");
    assert!(xml(&debit, "ubl").contains("<cbc:PaymentMeansCode>49</cbc:PaymentMeansCode>"));
    let outside = number("einvoice-xrechnung-outside-scope-o.json");
    let ubl = xml(&outside, "ubl");
    let subtotal = &ubl[ubl.find("<cac:TaxSubtotal>").unwrap()..ubl.find("</cac:TaxSubtotal>").unwrap()];
    assert!(subtotal.contains("<cbc:ID>O</cbc:ID>") && subtotal.contains("<cbc:Percent>0</cbc:Percent>"), "{subtotal}");
    let line = &ubl[ubl.find("<cac:InvoiceLine>").unwrap()..];
    assert!(!line.contains("<cbc:Percent>"), "a line of category O has no rate (BR-O-05)");
    let cii = xml(&outside, "cii");
    assert_eq!(
        cii.matches("<ram:RateApplicablePercent>0</ram:RateApplicablePercent>").count(),
        1,
        "the breakdown's: {cii}"
    );
    let yen = number("einvoice-jpy-line-discount.json");
    let ubl = xml(&yen, "ubl");
    // 3 × 45,000 at 7 %: 9,450 exactly, so percentage and base are written; 7 × 333 at
    // 12.5 % is 291.375, rounded to 291: neither (R040, R042), the amount says it exactly.
    assert_eq!(ubl.matches("<cbc:MultiplierFactorNumeric>").count(), 1, "{ubl}");
    assert_eq!(ubl.matches("<cbc:BaseAmount").count(), 1, "{ubl}");
    assert!(ubl.contains("<cbc:Amount currencyID=\"JPY\">291</cbc:Amount>"), "{ubl}");
    assert!(ubl.contains("<cbc:MultiplierFactorNumeric>7</cbc:MultiplierFactorNumeric>"));
}
