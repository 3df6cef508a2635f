//! `invoice einvoice validate|show` and the daemon's `/v1/einvoices/*` routes (SPEC 13.1,
//! 13.3) through the real binary: report shapes, exit codes, folders, stdin, missing
//! files, Factur-X PDFs, and hostile inputs each refused clearly within a time bound.
//!
//! The e-invoices judged here are the product's own (`invoice render --format
//! ubl|cii|facturx` of a fixture), so the suite needs nothing outside the repository. The
//! assertions hold whatever the rule engine says about a document (they check shapes,
//! syntax detection and input findings), except where a test says it needs the engine.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods, unreachable_pub, missing_docs)]

#[path = "cli/common/mod.rs"]
mod common;

use common::TestEnv;
use common::daemon::{Daemon, Reply, send};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const KEY: &str = "test-static-key-0123456789abcdef0123456789";
/// What "bounded time" means for a hostile file here (a debug build on a shared machine).
const BOUND: Duration = Duration::from_secs(5);

/// Issues `fixtures/valid/<fixture>` and returns its number.
fn issue(env: &TestEnv, fixture: &str) -> String {
    let out = env
        .cmd()
        .args(["create", "--format", "number", "--input"])
        .arg(common::repo().join("fixtures/valid").join(fixture))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Renders a stored invoice into `dir/name` and returns the path.
fn render(env: &TestEnv, number: &str, args: &[&str], name: &str) -> PathBuf {
    let path = env.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let out = env.cmd().args(["render", number]).args(args).arg("--out").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    path
}

/// A folder of the product's own e-invoices: UBL, CII, XRechnung UBL and a Factur-X PDF.
struct Inbox {
    env: TestEnv,
    ubl: PathBuf,
    cii: PathBuf,
    xrechnung: PathBuf,
    facturx: PathBuf,
}

fn inbox() -> Inbox {
    let env = TestEnv::new();
    let plain = issue(&env, "einvoice-reverse-charge.json");
    let xr = issue(&env, "einvoice-xrechnung-leitweg-id.json");
    let ubl = render(&env, &plain, &["--format", "ubl"], "inbox/a-ubl.xml");
    let cii = render(&env, &plain, &["--format", "cii"], "inbox/b-cii.xml");
    let xrechnung = render(&env, &xr, &["--format", "ubl", "--profile", "xrechnung"], "inbox/sub/c-xrechnung.xml");
    let facturx = render(&env, &plain, &["--format", "facturx"], "inbox/sub/d-facturx.pdf");
    Inbox { env, ubl, cii, xrechnung, facturx }
}

/// `invoice einvoice validate ARGS --format json`: (exit code, report, stderr).
fn validate_json(env: &TestEnv, args: &[&Path]) -> (i32, Value, String) {
    let out = env.cmd().args(["einvoice", "validate", "--format", "json"]).args(args).output().unwrap();
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), report, String::from_utf8(out.stderr).unwrap())
}

/// Checks one file's entry against SPEC 13.1's shape and its own consistency; returns the
/// rule ids of its findings.
fn check_entry(entry: &Value) -> Vec<String> {
    // (Member order is checked on the raw text in `stdin_is_a_file_named_dash`.)
    for key in ["file", "syntax", "profile", "valid", "findings"] {
        assert!(entry.get(key).is_some(), "{key} missing: {entry}");
    }
    let findings = entry["findings"].as_array().unwrap();
    for finding in findings {
        let mut keys: Vec<&str> = finding.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["location", "message", "rule", "severity"], "{finding}");
        assert!(["fatal", "warning", "information"].contains(&finding["severity"].as_str().unwrap()), "{finding}");
        assert!(!finding["message"].as_str().unwrap().is_empty(), "{finding}");
    }
    let fatal = findings.iter().any(|f| f["severity"] == "fatal");
    assert_eq!(entry["valid"], !fatal && entry.get("error").is_none(), "{entry}");
    findings.iter().map(|f| f["rule"].as_str().unwrap().to_owned()).collect()
}

fn counts(report: &Value) -> (u64, u64) {
    let files = report["files"].as_array().unwrap();
    let valid = files.iter().filter(|f| f["valid"] == true).count() as u64;
    let unread = report.get("unread").and_then(Value::as_u64).unwrap_or(0);
    assert_eq!(report["valid"].as_u64().unwrap(), valid, "{report}");
    assert_eq!(report["invalid"].as_u64().unwrap(), files.len() as u64 - valid - unread, "{report}");
    (valid, report["invalid"].as_u64().unwrap())
}

#[test]
fn a_folder_is_searched_recursively_and_each_syntax_is_found_from_the_content() {
    let inbox = inbox();
    let env = &inbox.env;
    env.write("inbox/notes.txt", "not an e-invoice");
    let dir = env.path().join("inbox");
    let (code, report, stderr) = validate_json(env, &[&dir]);
    assert_eq!(stderr, "");
    let files = report["files"].as_array().unwrap();
    let names: Vec<&str> = files.iter().map(|f| f["file"].as_str().unwrap()).collect();
    let expected: Vec<String> =
        [&inbox.ubl, &inbox.cii, &inbox.xrechnung, &inbox.facturx].iter().map(|p| p.display().to_string()).collect();
    assert_eq!(names, expected, "sorted walk, *.txt skipped");
    for file in files {
        check_entry(file);
    }
    let field = |i: usize, name: &str| files[i][name].clone();
    assert_eq!((field(0, "syntax"), field(0, "profile")), ("UBL-Invoice".into(), "en16931".into()));
    assert_eq!((field(1, "syntax"), field(1, "profile")), ("CII".into(), "en16931".into()));
    // BT-24 names XRechnung: under --profile auto the KoSIT rules apply.
    assert_eq!((field(2, "syntax"), field(2, "profile")), ("UBL-Invoice".into(), "xrechnung".into()));
    assert_eq!((field(3, "syntax"), field(3, "embedded")), ("CII".into(), "factur-x.xml".into()));
    let (valid, invalid) = counts(&report);
    assert_eq!(code, if invalid == 0 { 0 } else { 1 });
    assert_eq!(valid + invalid, 4);

    // --profile forces the rule sets.
    let profile_of = |profile: &str, file: &Path| {
        let out = env.cmd().args(["einvoice", "validate", "--format", "json", "--profile", profile]).arg(file).output();
        let report: Value = serde_json::from_slice(&out.unwrap().stdout).unwrap();
        report["files"][0]["profile"].clone()
    };
    assert_eq!(profile_of("xrechnung", &inbox.ubl), "xrechnung");
    assert_eq!(profile_of("en16931", &inbox.xrechnung), "en16931");
}

/// SPEC 13.2: every e-invoice the product writes (UBL, CII, XRechnung, the XML inside
/// Factur-X) passes its own validator.
#[test]
fn the_products_own_e_invoices_are_valid_and_exit_0() {
    let inbox = inbox();
    let (code, report, _) = validate_json(&inbox.env, &[&inbox.env.path().join("inbox")]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(counts(&report), (4, 0));
    inbox
        .env
        .cmd()
        .args(["einvoice", "validate"])
        .arg(&inbox.facturx)
        .assert()
        .code(0)
        .stdout("1 file: 1 valid, 0 invalid\n")
        .stderr("");
}

#[test]
fn the_text_report_is_one_line_per_finding_then_the_summary() {
    let env = TestEnv::new();
    let broken = env.write("broken.xml", "<?xml version=\"1.0\"?>\n<Invoice>\n  <cbc:ID>1</cbc:ID>\n");
    let unknown = env.write("other.xml", "<order xmlns=\"urn:example:order\"/>");
    let out = env.cmd().args(["einvoice", "validate"]).arg(&broken).arg(&unknown).assert().code(1).get_output().clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.last(), Some(&"2 files: 0 valid, 2 invalid"), "{stdout}");
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(lines[0].starts_with(&format!("{}: [XML-NOT-WELL-FORMED] fatal: ", broken.display())), "{}", lines[0]);
    assert!(lines[0].ends_with(")") && lines[0].contains(" (at line "), "{}", lines[0]);
    assert!(lines[1].starts_with(&format!("{}: [UNKNOWN-ROOT] fatal: ", unknown.display())), "{}", lines[1]);
    assert!(lines[1].ends_with("(at /order)"), "{}", lines[1]);
    assert!(out.stderr.is_empty());
}

#[test]
fn exit_codes_missing_unreadable_and_usage() {
    let env = TestEnv::new();
    let good = env.write("x/bad.xml", "<a>");
    let missing = env.path().join("missing.xml");
    // A missing path is an entry of the JSON report, beside the files that were judged.
    let (code, report, stderr) = validate_json(&env, &[&good, &missing]);
    assert_eq!(code, 3);
    assert_eq!(stderr, format!("invoice: error: file {} not found\n", missing.display()));
    let entry = &report["files"][1];
    check_entry(entry);
    assert_eq!(entry["file"], missing.display().to_string());
    assert_eq!(entry["error"]["code"], "not_found");
    assert_eq!((entry["syntax"].clone(), entry["valid"].clone()), (Value::Null, Value::Bool(false)));
    assert_eq!(report["unread"], 1);
    assert_eq!(report["invalid"], 1);
    env.cmd()
        .args(["einvoice", "validate"])
        .arg(&missing)
        .assert()
        .code(3)
        .stdout("1 file: 0 valid, 0 invalid, 1 not read\n");
    // A folder without e-invoices is not a silent pass.
    let empty = env.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    env.write("empty/draft.json", "{}");
    env.cmd()
        .args(["einvoice", "validate"])
        .arg(&empty)
        .assert()
        .code(3)
        .stderr(format!("invoice: error: no e-invoices (*.xml, *.pdf) found in {}\n", empty.display()));
    // A file that exists but cannot be read is exit 5 (root reads any file, so the kernel's
    // /proc/self/mem, whose first page is unmapped, stands in).
    let mem = Path::new("/proc/self/mem");
    if mem.exists() {
        let (code, report, _) = validate_json(&env, &[&good, mem]);
        assert_eq!(code, 5, "{report}");
        assert_eq!(report["files"][1]["error"]["code"], "unreadable");
    }
    env.cmd().args(["einvoice", "validate"]).assert().code(2);
    env.cmd().args(["einvoice", "validate", "--profile", "peppol"]).arg(&good).assert().code(2);
    env.cmd().args(["einvoice", "validate", "--format", "junit"]).arg(&good).assert().code(2);
}

#[test]
fn stdin_is_a_file_named_dash() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["einvoice", "validate", "--format", "json", "-", "-"])
        .write_stdin("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    // SPEC 13.1's member order.
    let raw = String::from_utf8(out.clone()).unwrap();
    assert!(
        raw.starts_with(
            "{\"files\":[{\"file\":\"-\",\"syntax\":null,\"profile\":null,\"valid\":false,\"findings\":[{\"rule\":\"XML-NOT-WELL-FORMED\",\"severity\":\"fatal\",\"location\":\"line 1, column 73\",\"message\":"
        ),
        "{raw}"
    );
    assert!(raw.ends_with("}],\"valid\":0,\"invalid\":1}\n"), "{raw}");
    let report: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), 1, "stdin is read once");
    assert_eq!(report["files"][0]["file"], "-");
    assert_eq!(check_entry(&report["files"][0]), ["XML-NOT-WELL-FORMED"]);
}

#[test]
fn a_pdf_without_an_invoice_attachment_is_a_finding() {
    let env = TestEnv::new();
    let number = issue(&env, "minimal-required-fields.json");
    let plain = render(&env, &number, &["--format", "pdf"], "plain.pdf");
    let junk = env.write("junk.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF");
    let (code, report, _) = validate_json(&env, &[&plain, &junk]);
    assert_eq!(code, 1);
    assert_eq!(check_entry(&report["files"][0]), ["PDF-NO-INVOICE"]);
    assert!(report["files"][0]["findings"][0]["message"].as_str().unwrap().contains("factur-x.xml"));
    let rules = check_entry(&report["files"][1]);
    assert!(rules == ["PDF-UNREADABLE"] || rules == ["PDF-NO-INVOICE"], "{rules:?}");
}

/// Runs `einvoice validate --format json FILE` and checks it ends within [`BOUND`] with
/// exit 1 and exactly the one finding `rule`, whose message contains `words`.
fn refused(env: &TestEnv, file: &Path, rule: &str, words: &str) {
    let start = Instant::now();
    let (code, report, _) = validate_json(env, &[file]);
    let took = start.elapsed();
    assert!(took < BOUND, "{}: {took:?}", file.display());
    assert_eq!(code, 1, "{report}");
    assert_eq!(check_entry(&report["files"][0]), [rule], "{report}");
    let message = report["files"][0]["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains(words), "{message}");
}

#[test]
fn hostile_files_are_clear_findings_in_bounded_time() {
    let env = TestEnv::new();
    let ubl = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    let xxe = env.write(
        "xxe.xml",
        &format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n\
             <Invoice xmlns=\"{ubl}\"><ID>&secret;</ID></Invoice>"
        ),
    );
    refused(&env, &xxe, "XML-DTD-REFUSED", "DOCTYPE");
    let mut laughs = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let previous = if i == 1 { "lol".to_owned() } else { format!("lol{}", i - 1) };
        laughs.push_str(&format!("<!ENTITY lol{i} \"{}\">\n", format!("&{previous};").repeat(10)));
    }
    laughs.push_str(&format!("]>\n<Invoice xmlns=\"{ubl}\">&lol9;</Invoice>"));
    let laughs = env.write("laughs.xml", &laughs);
    refused(&env, &laughs, "XML-DTD-REFUSED", "DOCTYPE");

    let huge = env.path().join("huge.xml");
    let mut bytes = format!("<Invoice xmlns=\"{ubl}\"><Note>").into_bytes();
    bytes.resize(17 * 1024 * 1024, b'x');
    std::fs::write(&huge, &bytes).unwrap();
    refused(&env, &huge, "FILE-TOO-LARGE", "16 MiB");

    let deep = env.write("deep.xml", &format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000)));
    refused(&env, &deep, "XML-TOO-DEEP", "256");

    let truncated =
        env.write("truncated.xml", &format!("<?xml version=\"1.0\"?>\n<Invoice xmlns=\"{ubl}\">\n  <ID>1</I"));
    refused(&env, &truncated, "XML-NOT-WELL-FORMED", "not well-formed");

    let latin1 = env.path().join("latin1.xml");
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n".to_vec();
    bytes.extend_from_slice(format!("<Invoice xmlns=\"{ubl}\"><Note>M").as_bytes());
    bytes.push(0xFC); // ü in Latin-1
    bytes.extend_from_slice(b"ller</Note></Invoice>");
    std::fs::write(&latin1, bytes).unwrap();
    refused(&env, &latin1, "XML-ENCODING", "ISO-8859-1");
    let undeclared = env.path().join("undeclared.xml");
    std::fs::write(&undeclared, b"<Invoice>\n  <Note>M\xFCller</Note></Invoice>").unwrap();
    refused(&env, &undeclared, "XML-ENCODING", "UTF-8");
    let found = validate_json(&env, &[&undeclared]).1["files"][0]["findings"][0]["location"].clone();
    assert_eq!(found, "line 2, column 10");
}

#[test]
fn show_refuses_what_is_not_an_e_invoice() {
    let env = TestEnv::new();
    let missing = env.path().join("nope.xml");
    env.cmd()
        .args(["einvoice", "show"])
        .arg(&missing)
        .assert()
        .code(3)
        .stderr(format!("invoice: error: file {} not found\n", missing.display()));
    let broken = env.write("broken.xml", "<Invoice");
    let out = env.cmd().args(["einvoice", "show"]).arg(&broken).assert().code(1).get_output().clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "invoice: error: {} is not an e-invoice that can be shown\n  [XML-NOT-WELL-FORMED] fatal: ",
            broken.display()
        )),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    env.cmd().args(["einvoice", "show", "--format", "ubl"]).arg(&broken).assert().code(2);
    env.cmd().args(["einvoice", "show", "--lang", "es"]).arg(&broken).assert().code(2);
}

fn post(daemon: &Daemon, path: &str, content_type: Option<&str>, body: &[u8], key: Option<&str>) -> Reply {
    let mut raw = format!("POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    if let Some(key) = key {
        raw.push_str(&format!("x-api-key: {key}\r\n"));
    }
    if let Some(content_type) = content_type {
        raw.push_str(&format!("content-type: {content_type}\r\n"));
    }
    raw.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    let mut raw = raw.into_bytes();
    raw.extend_from_slice(body);
    let reply = send(daemon.addr, raw, Duration::from_secs(20));
    assert_ne!(reply.status, 0, "no response");
    reply
}

fn problem(reply: &Reply, status: u16, slug: &str) -> Value {
    assert_eq!(reply.status, status, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    let json = reply.json();
    assert_eq!(json["type"], format!("urn:invoice:problem:{slug}"), "{json}");
    assert_eq!(json["status"], status);
    json
}

#[test]
fn the_daemon_validates_xml_and_pdf_bodies() {
    let inbox = inbox();
    let daemon = Daemon::start_with(
        &inbox.env,
        &["--rate-limit", "1000000", "--max-body", "2097152"],
        &[("INVOICE_API_KEY", KEY)],
    );
    let path = "/v1/einvoices/validate";
    // Judged like the CLI judges the file: the same one-file report.
    let cli = validate_json(&inbox.env, &[&inbox.cii]).1["files"][0].clone();
    let xml = std::fs::read(&inbox.cii).unwrap();
    let reply = post(&daemon, path, Some("application/xml"), &xml, Some(KEY));
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let report = reply.json();
    check_entry(&report);
    assert_eq!(report["file"], "-");
    for field in ["syntax", "profile", "valid", "findings"] {
        assert_eq!(report[field], cli[field], "{field}");
    }
    let pdf = std::fs::read(&inbox.facturx).unwrap();
    let report = post(&daemon, path, Some("application/pdf"), &pdf, Some(KEY)).json();
    assert_eq!((report["syntax"].clone(), report["embedded"].clone()), ("CII".into(), "factur-x.xml".into()));
    let report =
        post(&daemon, &format!("{path}?profile=xrechnung"), Some("text/xml; charset=utf-8"), &xml, Some(KEY)).json();
    assert_eq!(report["profile"], "xrechnung");
    // An invalid document is still 200: the request succeeded, the verdict is the answer.
    let reply = post(&daemon, path, Some("application/xml"), b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", Some(KEY));
    assert_eq!(reply.status, 200);
    let report = reply.json();
    assert_eq!(
        (report["valid"].clone(), report["findings"][0]["rule"].clone()),
        (false.into(), "XML-DTD-REFUSED".into())
    );

    let reply = post(&daemon, path, Some("application/json"), b"{}", Some(KEY));
    problem(&reply, 415, "unsupported-media-type");
    assert_eq!(reply.header("accept-post"), Some("application/xml, text/xml, application/pdf"));
    problem(&post(&daemon, path, None, &xml, Some(KEY)), 415, "unsupported-media-type");
    assert_eq!(post(&daemon, path, Some("application/xml"), &xml, None).status, 401);
    problem(
        &post(&daemon, &format!("{path}?profile=peppol"), Some("application/xml"), &xml, Some(KEY)),
        400,
        "invalid-query",
    );
    problem(&post(&daemon, path, Some("application/xml"), &vec![b' '; 2_097_153], Some(KEY)), 413, "payload-too-large");
    let get = send(
        daemon.addr,
        format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nx-api-key: {KEY}\r\n\r\n").into_bytes(),
        Duration::from_secs(20),
    );
    assert_eq!(get.status, 405);

    let openapi = send(
        daemon.addr,
        b"GET /openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        Duration::from_secs(20),
    )
    .json();
    assert_eq!(openapi["paths"][path]["post"]["x-required-scope"], "read");
    assert!(openapi["paths"]["/v1/einvoices/render"]["post"].is_object());
    assert!(openapi["components"]["schemas"]["EinvoiceReport"]["properties"]["findings"].is_object());
}

#[test]
fn the_daemon_refuses_to_render_what_is_not_an_e_invoice() {
    let env = TestEnv::new();
    let daemon = Daemon::start_with(&env, &["--rate-limit", "1000000"], &[("INVOICE_API_KEY", KEY)]);
    let path = "/v1/einvoices/render";
    let reply = post(&daemon, &format!("{path}?format=html"), Some("application/xml"), b"<Invoice", Some(KEY));
    let json = problem(&reply, 422, "not-an-einvoice");
    assert_eq!(json["errors"][0]["code"], "XML-NOT-WELL-FORMED", "{json}");
    let reply = post(&daemon, &format!("{path}?format=pdf"), Some("application/pdf"), b"%PDF-1.7 nothing", Some(KEY));
    assert_eq!(problem(&reply, 422, "not-an-einvoice")["errors"][0]["code"], "PDF-UNREADABLE");
    let json = problem(&post(&daemon, path, Some("application/xml"), b"<a/>", Some(KEY)), 400, "invalid-query");
    assert_eq!(json["errors"][0]["path"], "/format");
    problem(
        &post(&daemon, &format!("{path}?format=ubl"), Some("application/xml"), b"<a/>", Some(KEY)),
        400,
        "invalid-query",
    );
    problem(
        &post(&daemon, &format!("{path}?format=json&lang=es"), Some("application/xml"), b"<a/>", Some(KEY)),
        400,
        "invalid-query",
    );
    problem(
        &post(&daemon, &format!("{path}?format=json"), Some("text/plain"), b"<a/>", Some(KEY)),
        415,
        "unsupported-media-type",
    );
}

/// A decimal string or number as f64 (the model writes amounts as strings).
fn number(value: &Value) -> f64 {
    match value {
        Value::String(text) => text.parse().unwrap_or_else(|_| panic!("not a number: {value}")),
        other => other.as_f64().unwrap_or_else(|| panic!("not a number: {other}")),
    }
}

/// SPEC 13.2: `einvoice show --format json` of an e-invoice the product wrote gives back
/// the stored invoice's parties, lines and amounts, valid and with nothing unread.
#[test]
fn show_json_of_the_products_own_e_invoice_gives_back_the_stored_invoice() {
    let inbox = inbox();
    let env = &inbox.env;
    let stored = env.cmd().args(["show", "INV-2026-0001", "--format", "json"]).output().unwrap();
    assert!(stored.status.success(), "{}", String::from_utf8_lossy(&stored.stderr));
    let stored: Value = serde_json::from_slice(&stored.stdout).unwrap();
    for file in [&inbox.ubl, &inbox.cii, &inbox.facturx] {
        let out = env.cmd().args(["einvoice", "show", "--format", "json"]).arg(file).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{}: {stderr}", file.display());
        let report: Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{}: not JSON ({e})", file.display()));
        assert_eq!(report["valid"], true, "{}: {report}", file.display());
        assert_eq!(report["unread"], serde_json::json!([]), "{}: the product's own file is read whole", file.display());
        let shown = &report["invoice"];
        for field in ["number", "issue_date", "currency"] {
            assert_eq!(shown[field], stored[field], "{}: {field}", file.display());
        }
        for party in ["seller", "buyer"] {
            assert_eq!(shown[party]["name"], stored[party]["name"], "{}: {party}", file.display());
        }
        let (lines, stored_lines) = (shown["lines"].as_array().unwrap(), stored["lines"].as_array().unwrap());
        assert_eq!(lines.len(), stored_lines.len(), "{}", file.display());
        for (line, stored_line) in lines.iter().zip(stored_lines) {
            assert_eq!(line["description"], stored_line["description"], "{}", file.display());
            for amount in ["quantity", "unit_price"] {
                assert_eq!(number(&line[amount]), number(&stored_line[amount]), "{}: {amount}", file.display());
            }
        }
        for total in ["net", "tax_total", "gross", "due"] {
            let (a, b) = (&shown["totals"][total], &stored["totals"][total]);
            assert_eq!(number(a), number(b), "{}: totals.{total}", file.display());
        }
    }
}

/// `POST /v1/einvoices/render` of the product's own e-invoice, in each format.
#[test]
fn the_daemon_renders_a_received_e_invoice() {
    let inbox = inbox();
    let daemon = Daemon::start_with(&inbox.env, &["--rate-limit", "1000000"], &[("INVOICE_API_KEY", KEY)]);
    let xml = std::fs::read(&inbox.ubl).unwrap();
    for (format, content_type) in [
        ("html", "text/html; charset=utf-8"),
        ("json", "application/json"),
        ("pdf", "application/pdf"),
        ("text", "text/plain; charset=utf-8"),
    ] {
        let reply = post(
            &daemon,
            &format!("/v1/einvoices/render?format={format}&lang=de"),
            Some("application/xml"),
            &xml,
            Some(KEY),
        );
        assert_eq!(reply.status, 200, "{format}: {}", reply.text());
        assert_eq!(reply.header("content-type"), Some(content_type), "{format}");
        match format {
            "html" => assert!(reply.header("content-security-policy").unwrap().starts_with("default-src 'none'")),
            "json" => assert_eq!(reply.json()["invoice"]["number"], "INV-2026-0001"),
            "pdf" => assert!(reply.body.starts_with(b"%PDF-")),
            _ => assert!(reply.text().contains("INV-2026-0001")),
        }
    }
}
