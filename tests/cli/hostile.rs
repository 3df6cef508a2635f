//! The hostile corpus (`tests/hostile/`) against the real binary: every draft through
//! `invoice validate` and through `POST /v1/invoices` of a running daemon, every raw
//! request through the daemon, and path traversal through the CLI.
//!
//! `tests/hostile/expected.tsv` holds, per draft, the exit code and error codes of
//! `invoice validate --format json` and the HTTP status and error codes of
//! `POST /v1/invoices`; `tests/hostile/requests.tsv` holds, per raw request, the status
//! and error codes. Both are written by `tests/hostile/generate.py` from the SPEC, not
//! from the program's output. Beyond the manifests, these tests check that nothing
//! answers 5xx, that every 400/422 carries exactly the problems the library reports for
//! the same bytes (the daemon runs the CLI's checks, not a copy), that only the valid
//! drafts are stored (one invoice each, numbered without gaps), and that text which only
//! looks dangerous is stored verbatim and escaped when rendered.

use crate::common::daemon::{self, Daemon, Reply};
use crate::common::{DRAFT, TestEnv, repo};
use serde_json::Value;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The static key of the daemon started here.
const KEY: &str = "hostile-static-key-0123456789abcdef0123456789";

fn hostile_dir() -> PathBuf {
    repo().join("tests/hostile")
}

/// One row of `expected.tsv`.
#[derive(Debug)]
struct DraftCase {
    name: String,
    validate_exit: i32,
    validate_codes: Vec<String>,
    http_status: u16,
    http_codes: Vec<String>,
}

/// One row of `requests.tsv`.
#[derive(Debug)]
struct RequestCase {
    name: String,
    status: u16,
    codes: Vec<String>,
}

fn codes(field: &str) -> Vec<String> {
    if field == "-" { Vec::new() } else { field.split(',').map(str::to_owned).collect() }
}

fn rows(file: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(hostile_dir().join(file)).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

fn draft_cases() -> Vec<DraftCase> {
    rows("expected.tsv")
        .into_iter()
        .map(|f| DraftCase {
            name: f[0].clone(),
            validate_exit: f[1].parse().unwrap(),
            validate_codes: codes(&f[2]),
            http_status: f[3].parse().unwrap(),
            http_codes: codes(&f[4]),
        })
        .collect()
}

fn request_cases() -> Vec<RequestCase> {
    rows("requests.tsv")
        .into_iter()
        .map(|f| RequestCase { name: f[0].clone(), status: f[1].parse().unwrap(), codes: codes(&f[2]) })
        .collect()
}

/// A case's bytes: the committed file, or for `generated-*` the big bodies built here.
fn case_bytes(name: &str) -> Vec<u8> {
    const MB: usize = 1_000_000;
    match name {
        "generated-10mb-whitespace" => {
            let mut bytes = DRAFT.as_bytes().to_vec();
            bytes.resize(10 * MB, b' ');
            bytes
        }
        "generated-10mb-lines" => {
            let line = r#"{"description": "Consulting hour", "quantity": "1.5", "unit": "h", "unit_price": "120.00", "tax_rate": "19"}"#;
            let count = 10 * MB / (line.len() + 2);
            let lines = vec![line; count].join(",\n");
            format!(
                r#"{{"issue_date": "2026-11-27", "currency": "EUR", "seller": {{"name": "Acme GmbH"}}, "buyer": {{"name": "Globex Ltd"}}, "lines": [{lines}]}}"#
            )
            .into_bytes()
        }
        "generated-17mb" => {
            let mut bytes = DRAFT.as_bytes().to_vec();
            bytes.resize(17 * 1024 * 1024, b' ');
            bytes
        }
        _ => std::fs::read(hostile_dir().join("cases").join(format!("{name}.json")))
            .unwrap_or_else(|e| panic!("case {name}: {e}")),
    }
}

fn sorted_unique(mut codes: Vec<String>) -> Vec<String> {
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn every_hostile_draft_gets_its_expected_verdict_from_validate() {
    let env = TestEnv::new();
    let dir = env.path().join("cases");
    std::fs::create_dir_all(&dir).unwrap();
    let cases = draft_cases();
    assert!(cases.len() >= 100, "the corpus has {} drafts", cases.len());
    for case in &cases {
        std::fs::write(dir.join(format!("{}.json", case.name)), case_bytes(&case.name)).unwrap();
    }
    // One process over the whole folder.
    let out = env.cmd().args(["validate", "--format", "json"]).arg(&dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(1), "some drafts are invalid, none unreadable: {stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut seen = BTreeMap::new();
    for file in report["files"].as_array().unwrap() {
        let name = Path::new(file["file"].as_str().unwrap()).file_stem().unwrap().to_string_lossy().into_owned();
        let errors = file["errors"].as_array().unwrap();
        for e in errors {
            let path = e["path"].as_str().unwrap();
            assert!(path.is_empty() || path.starts_with('/'), "{name}: bad pointer {path:?}");
            assert!(!e["message"].as_str().unwrap().is_empty(), "{name}: empty message");
        }
        let codes = sorted_unique(errors.iter().map(|e| e["code"].as_str().unwrap().to_owned()).collect());
        let exit = if file["valid"].as_bool().unwrap() { 0 } else { 1 };
        seen.insert(name, (exit, codes));
    }
    let mut wrong = Vec::new();
    for case in &cases {
        match seen.get(&case.name) {
            None => wrong.push(format!("{}: not reported", case.name)),
            Some((exit, codes)) if *exit != case.validate_exit || *codes != case.validate_codes => wrong.push(format!(
                "{}: expected exit {} {:?}, got exit {exit} {codes:?}",
                case.name, case.validate_exit, case.validate_codes
            )),
            Some(_) => {}
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} drafts differ from tests/hostile/expected.tsv:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
    assert_eq!(report["valid"].as_u64().unwrap() + report["invalid"].as_u64().unwrap(), cases.len() as u64);

    // A single file gives the same verdict and the exit code on its own.
    for name in ["valid-sql-drop-table-buyer-name", "xss-script-tag-buyer-name"] {
        let expected = cases.iter().find(|c| c.name == name).unwrap().validate_exit;
        let status = env.cmd().args(["validate"]).arg(dir.join(format!("{name}.json"))).output().unwrap().status;
        assert_eq!(status.code(), Some(expected), "{name}");
    }
}

// ---------------------------------------------------------------------------------------
// A daemon over raw HTTP/1.1.
// ---------------------------------------------------------------------------------------

/// `invoice serve` on 127.0.0.1:0 with the static key and both rate limits out of the way.
fn start_daemon(env: &TestEnv) -> Daemon {
    Daemon::start_with(env, &["--rate-limit", "100000", "--auth-fail-limit", "100000"], &[("INVOICE_API_KEY", KEY)])
}

impl Reply {
    /// `(path, code)` of every error in a problem response.
    fn errors(&self) -> Vec<(String, String)> {
        self.json_or_null()["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .map(|e| {
                        (e["path"].as_str().unwrap_or("?").to_owned(), e["code"].as_str().unwrap_or("?").to_owned())
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn codes(&self) -> Vec<String> {
        sorted_unique(self.errors().into_iter().map(|(_, code)| code).collect())
    }
}

/// Sends `raw` (asking for `Connection: close`) and reads the answer to EOF.
fn send(addr: SocketAddr, raw: Vec<u8>) -> Reply {
    daemon::send(addr, raw, Duration::from_secs(30))
}

fn post_draft(addr: SocketAddr, body: &[u8]) -> Reply {
    let mut raw = format!(
        "POST /v1/invoices HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nx-api-key: {KEY}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(body);
    send(addr, raw)
}

fn get(addr: SocketAddr, target: &str) -> Reply {
    let raw = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nx-api-key: {KEY}\r\n\r\n");
    send(addr, raw.into_bytes())
}

/// What the library says about the same bytes, as `(path, code)` in order.
fn library_problems(bytes: &[u8]) -> Vec<(String, String)> {
    let today = chrono::Local::now().date_naive();
    match invoice::invoice::check_bytes(bytes, Default::default(), &Default::default(), today) {
        Ok(_) => Vec::new(),
        Err(rejected) => rejected.problems.iter().map(|p| (p.path.clone(), p.code.as_str().to_owned())).collect(),
    }
}

#[test]
fn every_hostile_draft_and_request_gets_its_expected_answer_from_the_daemon() {
    let env = TestEnv::new();
    let daemon = start_daemon(&env);
    let addr = daemon.addr;
    let mut wrong = Vec::new();
    let mut stored: BTreeMap<String, String> = BTreeMap::new(); // number → case

    for case in draft_cases() {
        let body = case_bytes(&case.name);
        let reply = post_draft(addr, &body);
        if reply.status >= 500 || reply.status == 0 {
            wrong.push(format!("{}: answered {} {}", case.name, reply.status, String::from_utf8_lossy(&reply.body)));
            continue;
        }
        let codes = reply.codes();
        if reply.status != case.http_status || codes != case.http_codes {
            wrong.push(format!(
                "{}: expected {} {:?}, got {} {codes:?}",
                case.name, case.http_status, case.http_codes, reply.status
            ));
        }
        match reply.status {
            201 => {
                let invoice = reply.json_or_null();
                let number = invoice["number"].as_str().unwrap_or_default().to_owned();
                let location = format!("/v1/invoices/{number}");
                if reply.header("location") != Some(location.as_str()) {
                    wrong.push(format!("{}: Location {:?}", case.name, reply.header("location")));
                }
                if stored.insert(number.clone(), case.name.clone()).is_some() {
                    wrong.push(format!("{}: number {number} issued twice", case.name));
                }
            }
            400 | 422 => {
                // The daemon reports exactly what the library reports for these bytes.
                let mut got = reply.errors();
                let mut expected = library_problems(&body);
                got.sort();
                expected.sort();
                if got != expected {
                    wrong.push(format!("{}: HTTP problems {got:?} differ from the library's {expected:?}", case.name));
                }
            }
            _ => {}
        }
    }

    // Text that only looks dangerous is stored and returned verbatim, and escaped in HTML.
    let number_of = |case: &str| stored.iter().find(|(_, c)| c.as_str() == case).map(|(n, _)| n.clone()).unwrap();
    let sql = get(addr, &format!("/v1/invoices/{}", number_of("valid-sql-drop-table-buyer-name")));
    assert_eq!(sql.json_or_null()["buyer"]["name"], "'; DROP TABLE invoices; --");
    let bobby = get(addr, &format!("/v1/invoices/{}", number_of("valid-sql-bobby-tables-description")));
    assert_eq!(bobby.json_or_null()["lines"][0]["description"], "Robert'); DROP TABLE Students;--");
    let entity = number_of("valid-entity-encoded-script");
    assert_eq!(
        get(addr, &format!("/v1/invoices/{entity}")).json_or_null()["buyer"]["name"],
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    );
    let html = String::from_utf8(get(addr, &format!("/v1/invoices/{entity}/render?format=html")).body).unwrap();
    assert!(html.contains("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;"), "entity text is escaped once more");
    assert!(!html.to_ascii_lowercase().contains("<script"), "no script tag in rendered HTML");
    let attribute = number_of("valid-attribute-breakout-no-tag");
    let html = String::from_utf8(get(addr, &format!("/v1/invoices/{attribute}/render?format=html")).body).unwrap();
    assert!(!html.contains("' onmouseover='"), "quotes are escaped in rendered HTML");
    let means = get(addr, &format!("/v1/invoices/{}", number_of("valid-means-blank-keeps-iban")));
    assert_eq!(means.json_or_null()["payment"]["iban"], "DE89370400440532013000", "a blank means keeps the IBAN");

    // Raw requests: paths, queries, headers, framing, status-route bodies.
    let target = stored.keys().next().cloned().unwrap();
    let requests = request_cases();
    assert!(requests.len() >= 40, "the corpus has {} requests", requests.len());
    for case in &requests {
        let raw = std::fs::read(hostile_dir().join("requests").join(format!("{}.http", case.name))).unwrap();
        let raw = String::from_utf8_lossy(&raw).replace("$KEY", KEY).replace("$NUMBER", &target).into_bytes();
        let reply = send(addr, raw);
        let codes = reply.codes();
        if reply.status >= 500 || reply.status != case.status || codes != case.codes {
            wrong.push(format!(
                "request {}: expected {} {:?}, got {} {codes:?} {}",
                case.name,
                case.status,
                case.codes,
                reply.status,
                String::from_utf8_lossy(&reply.body).chars().take(300).collect::<String>()
            ));
        }
        if case.name == "header-request-id-markup" {
            let id = reply.header("x-request-id").unwrap_or_default();
            assert!(id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()), "request id {id:?} was echoed");
        }
    }

    // A chunked body over the cap is refused while it streams.
    let mut chunked = format!(
        "POST /v1/invoices HTTP/1.1\r\nHost: x\r\nConnection: close\r\nx-api-key: {KEY}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .into_bytes();
    for _ in 0..1100 {
        chunked.extend_from_slice(format!("3e8\r\n{}\r\n", " ".repeat(1000)).as_bytes());
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let reply = send(addr, chunked);
    if reply.status != 413 {
        wrong.push(format!("chunked 1.1 MB body: expected 413, got {}", reply.status));
    }

    assert!(wrong.is_empty(), "{} answers differ from tests/hostile/*.tsv:\n{}", wrong.len(), wrong.join("\n"));

    // Exactly the valid drafts are stored, once each, numbered without gaps; the refused
    // status changes changed nothing.
    let list = get(addr, "/v1/invoices?limit=500").json_or_null();
    let listed: Vec<&Value> = list["invoices"].as_array().unwrap().iter().collect();
    let numbers: Vec<String> = listed.iter().map(|i| i["number"].as_str().unwrap().to_owned()).collect();
    assert_eq!(numbers, stored.keys().cloned().collect::<Vec<_>>(), "the store holds exactly the 201s");
    let expected_201 = draft_cases().iter().filter(|c| c.http_status == 201).count();
    assert_eq!(numbers.len(), expected_201);
    let gapless: Vec<String> = (1..=numbers.len()).map(|n| format!("INV-2026-{n:04}")).collect();
    assert_eq!(numbers, gapless);
    assert!(listed.iter().all(|i| i["status"] == "issued"), "no status change went through");
    drop(daemon);
}

#[test]
fn path_traversal_through_the_cli_finds_nothing_and_out_never_writes_through_a_link() {
    let env = TestEnv::new();
    for args in [
        vec!["show", "../../etc/passwd"],
        vec!["show", "..%2F..%2Fetc%2Fpasswd"],
        vec!["show", "INV-2026-0001' OR '1'='1"],
        vec!["render", "../../etc/passwd", "--format", "text"],
        vec!["pay", "../../etc/passwd"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("root:"), "{args:?} printed a system file");
    }

    // `--out` is the caller's own path (an argument, not data) and is taken literally:
    // a relative path with `..` writes there, like any tool would.
    let draft = env.write("draft.json", DRAFT);
    let work = env.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let out = env
        .cmd()
        .current_dir(&work)
        .args(["create", "--render", "html", "--out", "../up.html", "--input"])
        .arg(&draft)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(env.path().join("up.html").is_file());

    // A symlink at the target is replaced, never written through.
    let victim = env.write("victim.txt", "precious");
    let link = env.path().join("link.html");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let out =
        env.cmd().args(["create", "--render", "html", "--out"]).arg(&link).arg("--input").arg(&draft).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious", "wrote through the symlink");
    assert!(!std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced by the file");

    // A directory or a name without a file part is refused. Today the invoice is issued
    // first and the error says so (see the ignored test below for what it should be).
    for out_path in [env.path().join("work"), PathBuf::from("..")] {
        let out = env
            .cmd()
            .args(["create", "--render", "html", "--out"])
            .arg(&out_path)
            .arg("--input")
            .arg(&draft)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "--out {} succeeded", out_path.display());
        assert!(stderr.contains("was issued") || !stderr.contains("INV-"), "--out {}: {stderr}", out_path.display());
    }
}

/// Regression (found by the hostile corpus): `invoice create --render html --out ..` (or
/// `--out` naming a directory) used to store and number the invoice, then fail writing
/// the file with exit 5, so a script retrying on failure issued it twice. The output path
/// is now checked before anything is issued (exit 2 for a path without a file name, 5 for
/// a directory), and the store stays empty.
#[test]
fn a_bad_out_path_issues_nothing() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    std::fs::create_dir_all(env.path().join("work")).unwrap();
    for (out_path, code) in [(env.path().join("work"), 5), (PathBuf::from(".."), 2)] {
        let out = env
            .cmd()
            .args(["create", "--render", "html", "--out"])
            .arg(&out_path)
            .arg("--input")
            .arg(&draft)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "--out {}: {}",
            out_path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let list = env.cmd().args(["list", "--format", "json"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&list.stdout).trim(), "[]", "a refused --out issued an invoice");
}

/// Issue #21 (high): `--out` renamed its temporary file over whatever the path was, so
/// `--out /dev/null` as root replaced the machine's `/dev/null` with a regular file, and
/// a FIFO or `/dev/stdout` received nothing. A special file is now written into as it is.
/// The device node is made here, in a temporary directory (never the real `/dev/null`);
/// without the right to `mknod` that part is skipped with a notice.
#[test]
fn out_onto_special_files_writes_into_them_and_keeps_their_kind() {
    use std::io::Read as _;
    use std::os::unix::fs::FileTypeExt as _;
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    let render_into = |target: &Path| {
        let out = env
            .cmd()
            .args(["render", "--format", "text", "--input"])
            .arg(&draft)
            .arg("--out")
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}: {}", target.display(), String::from_utf8_lossy(&out.stderr));
        out
    };

    // A character device made here: the null device's numbers (1, 3).
    let device = env.path().join("null");
    let made = std::process::Command::new("mknod").arg(&device).args(["c", "1", "3"]).status();
    if made.is_ok_and(|s| s.success()) {
        let rdev = |p: &Path| std::os::unix::fs::MetadataExt::rdev(&std::fs::metadata(p).unwrap());
        let before = rdev(&device);
        render_into(&device);
        let meta = std::fs::symlink_metadata(&device).unwrap();
        assert!(meta.file_type().is_char_device(), "the device node was replaced by a {:?}", meta.file_type());
        assert_eq!(rdev(&device), before);
        // And through a link to it.
        let link = env.path().join("null-link");
        std::os::unix::fs::symlink(&device, &link).unwrap();
        render_into(&link);
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert!(std::fs::metadata(&device).unwrap().file_type().is_char_device());
    } else {
        eprintln!("notice: cannot mknod (not root?): the character-device case is skipped");
    }

    // A FIFO (and a link to it) receives the whole document and stays a FIFO.
    let fifo = env.path().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let fifo_link = env.path().join("pipe-link");
    std::os::unix::fs::symlink(&fifo, &fifo_link).unwrap();
    for target in [&fifo, &fifo_link] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut text = String::new();
                std::fs::File::open(&fifo).unwrap().read_to_string(&mut text).unwrap();
                text
            })
        };
        render_into(target);
        let received = reader.join().unwrap();
        assert!(received.contains("Globex Ltd") && received.contains("AMOUNT DUE"), "{received}");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    // A link to this process's standard output, as `/dev/stdout` is: the bytes reach the
    // pipe the test reads, and the link stays a link.
    let stdout_link = env.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &stdout_link).unwrap();
    let out = render_into(&stdout_link);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Globex Ltd") && text.contains("AMOUNT DUE"), "stdout: {text}");
    assert!(std::fs::symlink_metadata(&stdout_link).unwrap().file_type().is_symlink());
    // Nothing else was left in the directory (no temporary files).
    let mut names: Vec<String> =
        std::fs::read_dir(env.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.retain(|n| n.starts_with('.'));
    assert!(names.is_empty(), "left behind: {names:?}");
}

/// Issue #21: `create --dry-run --render html --out doc.html` replaced `doc.html` (SPEC 11:
/// a dry run never touches the target). Neither a dry run nor a refused create writes
/// anything: the old file keeps its bytes and no other file appears.
#[test]
fn dry_runs_and_refused_creates_write_nothing() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    let invalid = env.write("invalid.json", &DRAFT.replace("\"EUR\"", "\"XXX\""));
    let work = env.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let doc = work.join("doc.html");
    std::fs::write(&doc, "old").unwrap();
    for (input, dry, code) in [(&draft, true, 0), (&invalid, true, 1), (&invalid, false, 1)] {
        let mut cmd = env.cmd();
        cmd.args(["create", "--render", "html", "--out"]).arg(&doc).arg("--input").arg(input);
        if dry {
            cmd.arg("--dry-run");
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(std::fs::read_to_string(&doc).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(&work).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["doc.html"]);
        if dry && code == 0 {
            assert!(String::from_utf8_lossy(&out.stderr).contains("dry run:"), "no note on stderr");
        }
    }
    let list = env.cmd().args(["list", "--format", "json"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&list.stdout).trim(), "[]");
}

/// Issue #21: U+FFFE and U+FFFF passed validation and were written raw, so the UBL, CII
/// and Factur-X were not well-formed XML. Every character XML 1.0 cannot carry is now
/// `invalid_character` in any text field, and the characters next to them that XML can
/// carry still make documents an XML parser (roxmltree, which checks the `Char`
/// production) reads back with the text unchanged.
#[test]
fn text_xml_cannot_carry_is_invalid_character_and_everything_else_parses_back() {
    let env = TestEnv::new();
    let base: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("fixtures/valid/einvoice-xrechnung-leitweg-id.json")).unwrap(),
    )
    .unwrap();
    let with_name = |name: &str, file: &str| {
        let mut draft = base.clone();
        draft["buyer"]["name"] = Value::String(name.to_owned());
        draft["lines"][0]["description"] = Value::String(format!("Work {name}"));
        env.write(file, &serde_json::to_string(&draft).unwrap())
    };
    for (i, c) in
        ['\u{FFFE}', '\u{FFFF}', '\u{FDD0}', '\u{1FFFF}', '\u{10FFFE}', '\u{1}', '\u{8}', '\u{1B}'].iter().enumerate()
    {
        let draft = with_name(&format!("Globex{c}Ltd"), &format!("bad{i}.json"));
        let out = env.cmd().args(["validate", "--format", "json"]).arg(&draft).output().unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "U+{:04X}: {report}", u32::from(*c));
        assert_eq!(report.matches("\"invalid_character\"").count(), 2, "U+{:04X}: {report}", u32::from(*c));
        let xml = env.path().join("bad.xml");
        let out = env
            .cmd()
            .args(["create", "--render", "ubl", "--profile", "xrechnung", "--out"])
            .arg(&xml)
            .arg("--input")
            .arg(&draft)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "U+{:04X}: {}", u32::from(*c), String::from_utf8_lossy(&out.stderr));
        assert!(!xml.exists());
    }
    let name = "Globex \u{FFFD}\u{E000}\u{FDCF}😀\u{10FFFD} Ltd";
    let draft = with_name(name, "edge.json");
    let out = env.cmd().args(["create", "--format", "number", "--input"]).arg(&draft).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let number = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    for format in ["ubl", "cii"] {
        let out = env.cmd().args(["render", &number, "--format", format, "--profile", "xrechnung"]).output().unwrap();
        assert!(out.status.success(), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        let xml = String::from_utf8(out.stdout).unwrap();
        let document =
            usvg::roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{format}: not well-formed: {e}"));
        assert!(document.descendants().any(|n| n.text() == Some(name)), "{format}: the name did not survive");
    }
}

/// Issue #21: `--config /dev/zero` grew to 8.4 GB. A config file is read up to 1 MiB and
/// refused past it (exit 5), here under a 1 GB address-space limit the old reader broke.
#[test]
fn an_endless_or_huge_config_file_is_refused_within_bounded_memory() {
    let env = TestEnv::new();
    let big = env.write("big.toml", &format!("# {}\n", "x".repeat(1024 * 1024)));
    for config in [Path::new("/dev/zero"), big.as_path()] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 1000000; exec \"$0\" --config \"$1\" list")
            .arg(crate::common::INVOICE)
            .arg(config)
            .env("INVOICE_STORE", env.store())
            .env("HOME", env.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{}: {stderr}", config.display());
        assert!(stderr.contains("larger than 1 MiB"), "{stderr}");
    }
}

/// Issue #21: the logo was read and parsed (an SVG with usvg) when the config loaded, by
/// every command, so a costly or broken logo slowed or failed `list`, `pay` and `audit`
/// too. Now only the commands that draw it read it: a broken logo fails HTML/PDF
/// rendering (exit 5, naming the file) and is a warning for the others.
#[test]
fn a_broken_logo_fails_only_the_commands_that_draw_it() {
    let env = TestEnv::new();
    let logo = env.write("logo.svg", r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="logo.png"/></svg>"#);
    let config = env.write("invoice.toml", "[defaults]\nlogo = \"logo.svg\"\n");
    let draft = env.write("draft.json", DRAFT);
    let run = |args: &[&str]| env.cmd().arg("--config").arg(&config).args(args).output().unwrap();
    let created = run(&["create", "--format", "number", "--input", draft.to_str().unwrap()]);
    assert_eq!(created.status.code(), Some(0), "{}", String::from_utf8_lossy(&created.stderr));
    let number = String::from_utf8(created.stdout).unwrap().trim().to_owned();
    for args in [vec!["list"], vec!["audit"], vec!["render", &number, "--format", "text"], vec!["pay", &number]] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    for format in ["html", "pdf"] {
        let out = run(&["render", &number, "--format", format, "--out", "-"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{format}: {stderr}");
        assert!(stderr.contains("logo") && stderr.contains("refers to something outside it"), "{stderr}");
    }
    // A logo that is missing or too big is named as a warning by the others.
    std::fs::remove_file(&logo).unwrap();
    let out = run(&["list"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[defaults] logo") && stderr.contains("will fail"), "{stderr}");
}

/// Issue #21: glyphs an SVG logo's text needs but the font lacks made usvg log a WARN
/// line on every command. `config show` now says it once, naming the characters, and
/// rendering stays quiet.
#[test]
fn missing_logo_glyphs_are_one_warning_at_config_check_and_silent_elsewhere() {
    let env = TestEnv::new();
    env.write(
        "logo.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20"><text y="15">Acme 株式会社</text></svg>"#,
    );
    let config = env.write("invoice.toml", "[defaults]\nlogo = \"logo.svg\"\n");
    let draft = env.write("draft.json", DRAFT);
    let out = env.cmd().arg("--config").arg(&config).args(["config", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no glyph for 4 character(s)") && stderr.contains("U+682A '株'"), "{stderr}");
    let out = env
        .cmd()
        .arg("--config")
        .arg(&config)
        .args(["render", "--format", "pdf", "--out", "-", "--input"])
        .arg(&draft)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(b"%PDF"));
    // The draft's own warning (a GB buyer at the standard rate) may stand there; nothing else.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let logged: Vec<&str> = stderr.lines().filter(|line| !line.ends_with("[suspicious_value]")).collect();
    assert!(logged.is_empty(), "rendering logged: {stderr}");
}
