//! `invoice validate`: arguments, summaries and exit codes (the fixture corpus is in fixtures.rs).

use crate::common::{DRAFT, TestEnv};
use predicates::prelude::*;

#[test]
fn one_valid_file_says_1_file() {
    let env = TestEnv::new();
    let draft = env.write("a.json", DRAFT);
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
    let good = env.write("good.json", DRAFT);
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
