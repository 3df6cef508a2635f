//! Tests: the fixture corpus, run through the real binary.
//!
//! `fixtures/valid/*.json` must all pass. Each `fixtures/invalid/<case>.json` has a
//! `<case>.errors` beside it listing the errors `invoice validate --format json` must
//! report for it, in order, one per line as `<code> <json-pointer>`; for the root
//! pointer "" the line is just `<code>`. Messages are not compared.
//!
//! To rewrite the `.errors` files from what the binary actually reports, run
//!
//! ```text
//! INVOICE_BLESS=1 cargo test --test cli fixtures
//! ```
//!
//! and then review the diff by hand against SPEC 2.2 and 7 before committing: blessing
//! records what the binary does, not what it should do.
//!
//! Hostile inputs that are too big or too odd to commit (a 100 MB file, 10,000 levels of
//! nesting, ...) are generated at test time in a temporary directory.

use crate::common::{self, TestEnv};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Every code of SPEC 2.2 that `validate` can produce (`unsupported_character` comes
/// from PDF rendering only).
const VALIDATE_CODES: [&str; 23] = [
    "malformed_json",
    "unknown_field",
    "duplicate_field",
    "required",
    "invalid_type",
    "invalid_currency",
    "invalid_country",
    "invalid_date",
    "due_before_issue",
    "invalid_email",
    "invalid_unit",
    "invalid_tax_category",
    "invalid_iban",
    "missing_exemption_reason",
    "missing_field",
    "invalid_value",
    "must_be_positive",
    "out_of_range",
    "too_long",
    "too_many",
    "markup_not_allowed",
    "forbidden_character",
    "invalid_character",
];

fn valid_dir() -> PathBuf {
    common::repo().join("fixtures/valid")
}

fn invalid_dir() -> PathBuf {
    common::repo().join("fixtures/invalid")
}

/// Files directly in `dir` whose name ends in `.extension`, sorted.
fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == extension))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// One problem as it is written in a `.errors` file.
fn error_line(code: &str, path: &str) -> String {
    if path.is_empty() { code.to_owned() } else { format!("{code} {path}") }
}

/// The `(code, path)` lines of one file of a `validate --format json` report.
fn reported_errors(file: &Value) -> Vec<String> {
    file["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| error_line(e["code"].as_str().unwrap(), e["path"].as_str().unwrap()))
        .collect()
}

/// Runs `invoice validate --format json ARGS...` and returns exit code, report, stderr.
fn validate_json(args: &[&Path]) -> (i32, Value, String) {
    let env = TestEnv::new();
    let output = env.cmd().arg("validate").arg("--format").arg("json").args(args).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let report: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{stdout}"));
    (output.status.code().unwrap(), report, String::from_utf8_lossy(&output.stderr).into_owned())
}

fn bless_requested() -> bool {
    std::env::var_os("INVOICE_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

#[test]
fn every_invalid_fixture_reports_exactly_the_errors_in_its_errors_file() {
    let dir = invalid_dir();
    let fixtures = files_with_extension(&dir, "json");
    assert!(fixtures.len() >= 32, "expected at least 32 invalid fixtures, found {}", fixtures.len());

    let (code, report, stderr) = validate_json(&[&dir]);
    assert_eq!(code, 1, "validate over fixtures/invalid must exit 1; stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "panic on stderr:\n{stderr}");
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), fixtures.len(), "one report entry per fixture");

    let bless = bless_requested();
    let mut failures = String::new();
    for (file, fixture) in files.iter().zip(&fixtures) {
        let reported = PathBuf::from(file["file"].as_str().unwrap());
        assert_eq!(&reported, fixture, "the report lists files in sorted order");
        let name = file_name(fixture);
        let actual = reported_errors(file);
        let errors_path = fixture.with_extension("errors");
        if bless {
            let text: String = actual.iter().map(|line| format!("{line}\n")).collect();
            std::fs::write(&errors_path, text).unwrap();
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&errors_path) else {
            writeln!(failures, "{name}: no {} beside it", file_name(&errors_path)).unwrap();
            continue;
        };
        let expected: Vec<&str> = text.lines().collect();
        if expected != actual || file["valid"] != false {
            writeln!(failures, "{name}:").unwrap();
            writeln!(failures, "  expected ({}):", errors_path.display()).unwrap();
            for line in &expected {
                writeln!(failures, "    {line}").unwrap();
            }
            writeln!(failures, "  actual (invoice validate --format json):").unwrap();
            for line in &actual {
                writeln!(failures, "    {line}").unwrap();
            }
            if file["valid"] != false {
                writeln!(failures, "    (none: the file was reported valid)").unwrap();
            }
        }
    }
    if bless {
        eprintln!("INVOICE_BLESS: rewrote {} .errors files; review the diff against the SPEC", files.len());
        return;
    }
    assert!(
        failures.is_empty(),
        "fixtures/invalid does not match its .errors files \
         (INVOICE_BLESS=1 rewrites them; review against the SPEC):\n{failures}"
    );
    assert_eq!((report["valid"].as_u64(), report["invalid"].as_u64()), (Some(0), Some(fixtures.len() as u64)));
}

#[test]
fn every_invalid_fixture_has_an_errors_file_and_every_errors_file_a_fixture() {
    let dir = invalid_dir();
    let stems = |extension: &str| -> BTreeSet<String> {
        files_with_extension(&dir, extension)
            .iter()
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    let json = stems("json");
    let errors = stems("errors");
    let without_errors: Vec<_> = json.difference(&errors).collect();
    let without_json: Vec<_> = errors.difference(&json).collect();
    assert!(without_errors.is_empty(), "fixtures without a .errors file: {without_errors:?}");
    assert!(without_json.is_empty(), ".errors files without a fixture: {without_json:?}");
}

#[test]
fn every_errors_file_lists_known_codes_and_json_pointers() {
    for path in files_with_extension(&invalid_dir(), "errors") {
        let name = file_name(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.trim().is_empty(), "{name} is empty: an invalid fixture has at least one error");
        assert!(text.ends_with('\n'), "{name} must end with a newline");
        for line in text.lines() {
            let (code, pointer) = line.split_once(' ').unwrap_or((line, ""));
            assert!(VALIDATE_CODES.contains(&code), "{name}: unknown code in `{line}`");
            assert!(
                !line.contains(' ') || pointer.starts_with('/'),
                "{name}: `{line}` must be `<code>` or `<code> /<pointer>`"
            );
        }
    }
}

#[test]
fn the_invalid_fixtures_cover_every_validation_code() {
    let mut seen = BTreeSet::new();
    for path in files_with_extension(&invalid_dir(), "errors") {
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            seen.insert(line.split(' ').next().unwrap().to_owned());
        }
    }
    let missing: Vec<_> = VALIDATE_CODES.iter().filter(|code| !seen.contains(**code)).collect();
    assert!(missing.is_empty(), "no fixture in fixtures/invalid expects: {missing:?}");
}

/// The valid fixtures that sell at the standard rate from the EU to a buyer outside it,
/// with the country: accepted with a `suspicious_value` warning (SPEC 15).
const EXPORT_WARNINGS: [(&str, &str); 3] =
    [("credit-note.json", "GB"), ("spec-example.json", "GB"), ("zwj-zwnj-and-scripts.json", "IR")];

fn export_warning(file: &Path, country: &str) -> String {
    format!(
        "{}: warning: /buyer/address/country: VAT at the standard rate (category S) to a buyer in {country}, \
         outside the EU: export outside the EU is usually category G [suspicious_value]\n",
        file.display()
    )
}

#[test]
fn every_valid_fixture_passes_with_the_exact_text_summary() {
    let count = files_with_extension(&valid_dir(), "json").len();
    assert!(count >= 12, "expected at least 12 valid fixtures, found {count}");
    let warnings: String =
        EXPORT_WARNINGS.iter().map(|(name, country)| export_warning(&valid_dir().join(name), country)).collect();
    TestEnv::new()
        .cmd()
        .arg("validate")
        .arg(valid_dir())
        .assert()
        .code(0)
        .stdout(format!("{count} files: {count} valid, 0 invalid\n"))
        .stderr(warnings);
}

#[test]
fn the_json_report_marks_every_valid_fixture_valid_without_errors() {
    let fixtures = files_with_extension(&valid_dir(), "json");
    assert!(fixtures.iter().any(|p| file_name(p) == "thousand-lines.json"));
    let (code, report, stderr) = validate_json(&[&valid_dir()]);
    let files = report["files"].as_array().unwrap();
    let mut failures = String::new();
    for file in files {
        if file["valid"] != true || file["errors"] != serde_json::json!([]) {
            writeln!(failures, "{}: {}", file["file"], file["errors"]).unwrap();
        }
    }
    assert!(failures.is_empty(), "valid fixtures reported invalid:\n{failures}");
    let warnings: String =
        EXPORT_WARNINGS.iter().map(|(name, country)| export_warning(&valid_dir().join(name), country)).collect();
    assert_eq!((code, stderr.as_str()), (0, warnings.as_str()));
    assert_eq!(report["valid"], fixtures.len());
    assert_eq!(report["invalid"], 0);
    let listed: Vec<PathBuf> = files.iter().map(|f| PathBuf::from(f["file"].as_str().unwrap())).collect();
    assert_eq!(listed, fixtures);
}

#[test]
fn text_format_prints_each_problem_with_file_and_path_then_the_summary() {
    let file = "fixtures/invalid/must-be-positive-quantity.json";
    let line = |i: usize| format!("{file}: /lines/{i}/quantity: quantity must be greater than 0 [must_be_positive]\n");
    let expected: String = (0..5).map(line).collect::<String>() + "1 file: 0 valid, 1 invalid\n";
    TestEnv::new()
        .cmd()
        .current_dir(common::repo())
        .args(["validate", file])
        .assert()
        .code(1)
        .stdout(expected)
        .stderr("");
}

#[test]
fn text_format_labels_a_document_level_problem_and_counts_valid_and_invalid_files() {
    TestEnv::new()
        .cmd()
        .current_dir(common::repo())
        .args([
            "validate",
            "fixtures/valid/minimal-required-fields.json",
            "fixtures/invalid/malformed-empty-file.json",
            "fixtures/invalid/due-before-issue.json",
        ])
        .assert()
        .code(1)
        .stdout(
            "fixtures/invalid/malformed-empty-file.json: (document): not valid JSON: unexpected end of input, \
             expected a value at line 1 column 1 [malformed_json]\n\
             fixtures/invalid/due-before-issue.json: /due_date: due_date 2026-11-26 is earlier than issue_date \
             2026-11-27 [due_before_issue]\n\
             3 files: 1 valid, 2 invalid\n",
        )
        .stderr("");
}

#[test]
fn a_dash_reads_the_draft_from_stdin_and_labels_it_dash() {
    TestEnv::new()
        .cmd()
        .args(["validate", "--format", "json", "-"])
        .write_stdin(common::DRAFT)
        .assert()
        .code(0)
        .stdout(
            "{\"files\":[{\"file\":\"-\",\"valid\":true,\"errors\":[],\"warnings\":[{\"path\":\"/buyer/address/country\",\
             \"code\":\"suspicious_value\",\"message\":\"VAT at the standard rate (category S) to a buyer in GB, outside the EU: \
             export outside the EU is usually category G\"}]}],\"valid\":1,\"invalid\":0}\n",
        )
        .stderr(export_warning(Path::new("-"), "GB"));

    let invalid = common::DRAFT.replace("\"quantity\": \"10\"", "\"quantity\": \"-0\"");
    assert_ne!(invalid, common::DRAFT);
    TestEnv::new()
        .cmd()
        .args(["validate", "-"])
        .write_stdin(invalid)
        .assert()
        .code(1)
        .stdout(
            "-: /lines/0/quantity: quantity must be greater than 0 [must_be_positive]\n1 file: 0 valid, 1 invalid\n",
        )
        .stderr("");
}

/// A valid draft with `value` spliced in as `lines[0].quantity`.
fn draft_with_quantity(value: &str) -> Vec<u8> {
    common::DRAFT.replacen("\"quantity\": \"10\"", &format!("\"quantity\": {value}"), 1).into_bytes()
}

/// What a hostile file must produce.
enum Expect {
    /// Exactly these errors, in order.
    Errors(&'static [&'static str]),
    /// One `malformed_json` error whose pointer is `segment` repeated (how deep the reader
    /// got before refusing depends on its depth cap, which is not part of the contract).
    TooDeep { prefix: &'static str, segment: &'static str },
}

impl Expect {
    fn check(&self, name: &str, actual: &[String]) {
        match self {
            Expect::Errors(expected) => assert_eq!(actual, *expected, "{name}"),
            Expect::TooDeep { prefix, segment } => {
                let [only] = actual else { panic!("{name}: expected one error, got {actual:?}") };
                let pointer = only.strip_prefix("malformed_json ").unwrap_or_else(|| panic!("{name}: {only}"));
                let nested = pointer.strip_prefix(prefix).unwrap_or_else(|| panic!("{name}: {pointer}"));
                let depth = nested.len() / segment.len();
                assert!(
                    (1..10_000).contains(&depth) && nested == segment.repeat(depth),
                    "{name}: unexpected pointer {pointer}"
                );
            }
        }
    }
}

#[test]
fn hostile_inputs_are_reported_as_problems_never_as_panics() {
    let env = TestEnv::new();
    let dir = env.path().join("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let deep_objects = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    let deep_in_draft = format!("{}, \"notes\": {}", common::DRAFT.trim_end_matches('}'), "[".repeat(10_000));
    let mut invalid_utf8 = common::DRAFT.as_bytes().to_vec();
    let at = common::DRAFT.find("Globex").unwrap();
    invalid_utf8.splice(at..at, [0xff, 0xfe, 0xc3]);
    let duplicates =
        common::DRAFT.replacen("\"currency\": \"EUR\",", "\"currency\": \"EUR\", \"currency\": \"USD\",", 1);
    let cases: Vec<(&str, Vec<u8>, Expect)> = vec![
        ("deep-arrays.json", "[".repeat(10_000).into_bytes(), Expect::TooDeep { prefix: "", segment: "/0" }),
        ("deep-objects.json", deep_objects.into_bytes(), Expect::TooDeep { prefix: "", segment: "/a" }),
        ("deep-in-a-draft.json", deep_in_draft.into_bytes(), Expect::TooDeep { prefix: "/notes", segment: "/0" }),
        ("invalid-utf8.json", invalid_utf8, Expect::Errors(&["malformed_json"])),
        ("nan.json", draft_with_quantity("NaN"), Expect::Errors(&["malformed_json /lines/0/quantity"])),
        ("infinity.json", draft_with_quantity("Infinity"), Expect::Errors(&["malformed_json /lines/0/quantity"])),
        ("huge-exponent.json", draft_with_quantity("1e400"), Expect::Errors(&["out_of_range /lines/0/quantity"])),
        (
            "huge-exponent-digits.json",
            draft_with_quantity("1e99999999999999999999"),
            Expect::Errors(&["out_of_range /lines/0/quantity"]),
        ),
        (
            "long-number.json",
            draft_with_quantity(&"9".repeat(100_000)),
            Expect::Errors(&["out_of_range /lines/0/quantity"]),
        ),
        ("duplicate-keys.json", duplicates.into_bytes(), Expect::Errors(&["duplicate_field /currency"])),
        ("only-a-bom.json", b"\xEF\xBB\xBF".to_vec(), Expect::Errors(&["malformed_json"])),
        ("nul-bytes.json", vec![0u8; 4096], Expect::Errors(&["malformed_json"])),
    ];
    for (name, contents, _) in &cases {
        std::fs::write(dir.join(name), contents).unwrap();
    }
    let output = env.cmd().args(["validate", "--format", "json"]).arg(&dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "panic on stderr:\n{stderr}");
    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), cases.len());
    assert_eq!((report["valid"].as_u64(), report["invalid"].as_u64()), (Some(0), Some(cases.len() as u64)));
    for file in files {
        let name = file_name(Path::new(file["file"].as_str().unwrap()));
        let (_, _, expect) = cases.iter().find(|(n, _, _)| *n == name).unwrap();
        expect.check(&name, &reported_errors(file));
    }
}

/// A file of `size` bytes: the start of a valid draft, then a string of `filler` bytes.
fn write_big_draft(path: &Path, size: usize, filler: u8) {
    use std::io::Write as _;
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let prefix = b"{\"currency\": \"EUR\", \"notes\": \"";
    file.write_all(prefix).unwrap();
    let chunk = vec![filler; 1 << 20];
    let mut left = size - prefix.len();
    while left > 0 {
        let n = left.min(chunk.len());
        file.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    file.flush().unwrap();
}

#[test]
fn a_100_mb_draft_file_is_refused_as_too_long_at_the_root() {
    let env = TestEnv::new();
    let path = env.path().join("huge.json");
    write_big_draft(&path, 100 * 1024 * 1024, b' ');
    let output = env.cmd().args(["validate", "--format", "json"]).arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "panic on stderr:\n{stderr}");
    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["file"], path.to_str().unwrap());
    assert_eq!(files[0]["valid"], false);
    assert_eq!(reported_errors(&files[0]), ["too_long"]);
}

#[test]
fn an_oversized_draft_on_stdin_is_refused_as_too_long() {
    // 17 MiB: just over the 16 MiB cap. `.output()` rather than `.assert()`, so a failure
    // does not print the whole input.
    let input = vec![b'['; 17 * 1024 * 1024];
    let output = TestEnv::new().cmd().args(["validate", "--format", "json", "-"]).write_stdin(input).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "panic on stderr:\n{stderr}");
    assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["files"][0]["file"], "-");
    assert_eq!(reported_errors(&report["files"][0]), ["too_long"]);
}
