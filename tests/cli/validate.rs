//! `invoice validate`: arguments, summaries and exit codes (the fixture corpus is in fixtures.rs).

use crate::common::{DRAFT, TestEnv};
use predicates::prelude::*;

/// [`DRAFT`] with its buyer in the EU (Vienna): no export warning (SPEC 15) on stderr.
fn eu_draft() -> String {
    let draft = DRAFT.replace(r#""city": "London", "country": "GB""#, r#""city": "Wien", "country": "AT""#);
    assert_ne!(draft, DRAFT);
    draft
}

#[test]
fn one_valid_file_says_1_file() {
    let env = TestEnv::new();
    let draft = env.write("a.json", &eu_draft());
    env.cmd().arg("validate").arg(&draft).assert().code(0).stdout("1 file: 1 valid, 0 invalid\n").stderr("");
}

#[test]
fn directories_are_searched_recursively_for_json_only() {
    let env = TestEnv::new();
    env.write("d/a.json", DRAFT);
    env.write("d/sub/deeper/b.json", DRAFT);
    env.write("d/sub/ignored.txt", "not json");
    env.write("d/sub/c.json", r#"{"lines": [{"description": "x", "quantity": 0, "unit_price": 1}]}"#);
    let c = env.path().join("d/sub/c.json");
    env.cmd().arg("validate").arg(env.path().join("d")).assert().code(1).stdout(format!(
        "{c}: /lines/0/quantity: quantity must be greater than 0 [must_be_positive]\n\
         {c}: /currency: currency is required (give it in the draft, with --currency, or as [defaults] currency in the config file) [required]\n\
         {c}: /seller/name: seller name is required (give `seller` in the draft or a [seller] table in the config file) [required]\n\
         {c}: /buyer/name: buyer name is required [required]\n\
         3 files: 2 valid, 1 invalid\n",
        c = c.display()
    ));
}

#[test]
fn files_are_reported_in_argument_order_and_sorted_walk_order() {
    // More files than one batch of the thread pool, names whose byte order differs from
    // the walk's component order, and a file argument on either side of the directory.
    let env = TestEnv::new();
    let mut expected_in_dir = Vec::new();
    for name in ["d/a/x.json", "d/a-b.json", "d/a.json", "d/B.json", "d/a/b/c.json"]
        .into_iter()
        .map(str::to_owned)
        .chain((0..600).map(|i| format!("d/many/f-{:03}.json", (i * 7) % 600)))
    {
        expected_in_dir.push(env.write(&name, DRAFT));
    }
    expected_in_dir.sort(); // `Path` orders component by component, as a sorted walk lists files
    let first = env.write("z-first.json", DRAFT);
    let last = env.write("0-last.json", DRAFT);
    let output = env
        .cmd()
        .args(["validate", "--format", "json"])
        .arg(&first)
        .arg(env.path().join("d"))
        .arg(&last)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let listed: Vec<&str> = report["files"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    let mut expected = vec![first.display().to_string()];
    expected.extend(expected_in_dir.iter().map(|p| p.display().to_string()));
    expected.push(last.display().to_string());
    assert_eq!(listed, expected);
}

#[test]
fn json_report_has_the_documented_shape() {
    let env = TestEnv::new();
    let good = env.write("good.json", &eu_draft());
    let bad = env.write("bad.json", "{\"currency\": \"EUR\",");
    let out = env
        .cmd()
        .args(["validate", "--format", "json"])
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["valid"], 1);
    assert_eq!(report["invalid"], 1);
    assert_eq!(
        report["files"][0],
        serde_json::json!({"file": good.display().to_string(), "valid": true, "errors": []})
    );
    let error = &report["files"][1]["errors"][0];
    assert_eq!((error["path"].as_str(), error["code"].as_str()), (Some(""), Some("malformed_json")));
    assert_eq!(
        error["message"],
        "not valid JSON: unexpected end of input, expected a quoted object key at line 1 column 20"
    );
}

#[test]
fn stdin_is_labelled_dash() {
    let env = TestEnv::new();
    env.cmd()
        .args(["validate", "-"])
        .write_stdin(r#"{"lines": [{"description": "x", "quantity": true, "unit_price": 1}], "currency": "EUR", "seller": {"name": "S"}, "buyer": {"name": "B"}}"#)
        .assert()
        .code(1)
        .stdout("-: /lines/0/quantity: quantity must be a number or a decimal string, not a boolean [invalid_type]\n1 file: 0 valid, 1 invalid\n");
}

#[test]
fn config_defaults_apply_to_validation() {
    let env = TestEnv::new();
    env.write("config/invoice/invoice.toml", "[seller]\nname = \"Acme\"\n[defaults]\ncurrency = \"EUR\"\n");
    env.cmd()
        .args(["validate", "-"])
        .write_stdin(r#"{"buyer": {"name": "B"}, "lines": [{"description": "x", "quantity": 1, "unit_price": 1}]}"#)
        .assert()
        .code(0);
}

#[test]
fn usage_and_missing_files() {
    let env = TestEnv::new();
    env.cmd().arg("validate").assert().code(2);
    env.cmd().args(["validate", "--format", "yaml", "x"]).assert().code(2);
    env.cmd().args(["validate", "nope.json"]).assert().code(3).stderr("invoice: error: file nope.json not found\n");
}

#[test]
fn help_and_version_exit_0() {
    let env = TestEnv::new();
    env.cmd().arg("--help").assert().code(0).stdout(predicate::str::contains("Exit codes:"));
    env.cmd().arg("--version").assert().code(0).stdout(predicate::str::starts_with("invoice "));
}

#[test]
fn schema_is_draft_2020_12_with_descriptions() {
    let env = TestEnv::new();
    let out = env.cmd().arg("schema").assert().code(0).get_output().stdout.clone();
    let schema: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["title"], "Invoice draft");
    for (name, property) in schema["properties"].as_object().unwrap() {
        assert!(property.get("description").is_some() || property.get("$ref").is_some(), "{name} has no description");
    }
    for (name, def) in schema["$defs"].as_object().unwrap() {
        if let Some(props) = def.get("properties") {
            for (field, property) in props.as_object().unwrap() {
                assert!(property.get("description").is_some(), "{name}.{field} has no description");
            }
        }
    }
}

/// Issue 23: with `--format json` a missing path is an entry of the report (exit 3), never
/// a lost report; the other files are still checked and listed.
#[test]
fn a_missing_path_is_an_entry_of_the_json_report_and_exit_3() {
    let env = TestEnv::new();
    let good = env.write("good.json", &eu_draft());
    let out = env
        .cmd()
        .args(["validate", "--format", "json"])
        .arg(&good)
        .arg("missing.json")
        .assert()
        .code(3)
        .stderr("invoice: error: file missing.json not found\n")
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        (report["valid"].as_u64(), report["invalid"].as_u64(), report["unread"].as_u64()),
        (Some(1), Some(0), Some(1))
    );
    assert_eq!(report["files"][0]["valid"], true);
    assert_eq!(
        report["files"][1],
        serde_json::json!({"file": "missing.json", "valid": false, "errors": [],
                           "read_error": {"code": "not_found", "message": "file missing.json not found"}})
    );
    // The text report lists it too, and counts it.
    env.cmd()
        .arg("validate")
        .arg(&good)
        .arg("missing.json")
        .assert()
        .code(3)
        .stdout("2 files: 1 valid, 0 invalid, 1 not read\n");
}

/// Issue 23: a mistyped CI folder (or one without drafts) must not pass with "0 files".
#[test]
fn a_directory_without_drafts_is_exit_3_no_drafts_found() {
    let env = TestEnv::new();
    env.write("empty/readme.txt", "no drafts here");
    let dir = env.path().join("empty");
    env.cmd()
        .arg("validate")
        .arg(&dir)
        .assert()
        .code(3)
        .stdout("1 file: 0 valid, 0 invalid, 1 not read\n")
        .stderr(format!("invoice: error: no drafts (*.json) found in {}\n", dir.display()));
    let out = env.cmd().args(["validate", "--format", "json"]).arg(&dir).assert().code(3).get_output().stdout.clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["files"][0]["read_error"]["code"], "not_found");
    assert_eq!(report["files"][0]["read_error"]["message"], format!("no drafts (*.json) found in {}", dir.display()));
}

/// Issue 25: a folder of received e-invoices, or one e-invoice, is not a draft, and the
/// messages say what they are instead of only "no drafts" or "not valid JSON".
#[test]
fn e_invoices_given_to_validate_are_named_as_such() {
    let env = TestEnv::new();
    env.write("inbox/a.xml", "<?xml version=\"1.0\"?><Invoice/>");
    env.write("inbox/sub/b.PDF", "%PDF-1.7 ...");
    let dir = env.path().join("inbox");
    env.cmd().arg("validate").arg(&dir).assert().code(3).stderr(format!(
        "invoice: error: no drafts (*.json) found in {}; it holds 2 .xml/.pdf files (e-invoices?), which `validate` \
         skips: check them with `invoice einvoice validate`\n",
        dir.display()
    ));
    // Beside drafts, the e-invoices are still named: skipped, and where to check them.
    let draft =
        std::fs::read_to_string(crate::common::repo().join("fixtures/valid/minimal-required-fields.json")).unwrap();
    env.write("inbox/c.json", &draft);
    env.cmd().arg("validate").arg(&dir).assert().code(0).stdout("1 file: 1 valid, 0 invalid\n").stderr(
        "invoice: note: skipped 2 .xml/.pdf files (e-invoices?); check them with `invoice einvoice validate`\n",
    );
    std::fs::remove_file(dir.join("c.json")).unwrap();
    let first_error = |file: &str| {
        let out = env.cmd().args(["validate", "--format", "json"]).arg(dir.join(file)).assert().code(1);
        let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(report["files"][0]["errors"][0]["code"], "malformed_json", "{report}");
        report["files"][0]["errors"][0]["message"].as_str().unwrap().to_owned()
    };
    let message = first_error("a.xml");
    assert!(
        message.ends_with(
            "(this is XML (an e-invoice?); `invoice validate` checks JSON drafts, `invoice einvoice validate` e-invoices)"
        ),
        "{message}"
    );
    let message = first_error("sub/b.PDF");
    assert!(
        message.ends_with(
            "(this is a PDF (a Factur-X invoice?); `invoice validate` checks JSON drafts, `invoice einvoice validate` \
             e-invoices)"
        ),
        "{message}"
    );
}

/// `--format junit`: one testcase per file, one failure per problem, an error per unread
/// path; read back with an XML parser.
#[test]
fn junit_output_has_one_testcase_per_file_and_one_failure_per_problem() {
    let env = TestEnv::new();
    let good = env.write("good.json", &eu_draft());
    let bad = env.write(
        "bad.json",
        &eu_draft()
            .replace(r#""quantity": "10""#, r#""quantity": "-1""#)
            .replace(r#""currency": "EUR""#, r#""currency": "XXY""#),
    );
    let out = env
        .cmd()
        .args(["validate", "--format", "junit"])
        .arg(&good)
        .arg(&bad)
        .arg("gone.json")
        .assert()
        .code(3)
        .get_output()
        .stdout
        .clone();
    let xml = String::from_utf8(out).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    // (element, attributes) of every start or empty tag, in order.
    let mut tags: Vec<(String, Vec<(String, String)>)> = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (
                            a.key.into_inner().to_owned(),
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned(),
                        )
                    })
                    .collect();
                tags.push((e.name().into_inner().to_owned(), attrs));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    let attr = |tag: &(String, Vec<(String, String)>), key: &str| {
        tag.1.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    let names: Vec<&str> = tags.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(names, ["testsuites", "testsuite", "testcase", "testcase", "failure", "failure", "testcase", "error"]);
    assert_eq!(
        (attr(&tags[1], "tests"), attr(&tags[1], "failures"), attr(&tags[1], "errors")),
        ("3".into(), "1".into(), "1".into())
    );
    assert_eq!(attr(&tags[2], "name"), good.display().to_string());
    assert_eq!(attr(&tags[3], "name"), bad.display().to_string());
    let failures: Vec<String> = [4, 5].iter().map(|&i| attr(&tags[i], "type")).collect();
    assert_eq!(failures, ["invalid_currency", "must_be_positive"]);
    assert!(attr(&tags[5], "message").starts_with("/lines/0/quantity: "));
    assert_eq!((attr(&tags[6], "name"), attr(&tags[7], "type")), ("gone.json".into(), "not_found".into()));
}
