//! Customers and recurring invoices (SPEC 14): `create`'s buyer flags, `customer`,
//! `create --customer`, `recurring`.

use crate::common::TestEnv;
use serde_json::Value;

const SELLER_CONFIG: &str = "[seller]\nname = \"Acme GmbH\"\nvat_id = \"DE123456789\"\n\
    [defaults]\ncurrency = \"EUR\"\ntax_rate = 19\n";

/// issue 24: `create` had no flags for the buyer's city, postal code, street, VAT id or
/// electronic address, so a flag-only workflow could not produce a valid XRechnung.
#[test]
fn create_takes_every_buyer_field_an_xrechnung_needs_from_flags() {
    let env = TestEnv::new();
    env.write("config/invoice/invoice.toml", SELLER_CONFIG);
    let out = env
        .cmd()
        .args(["create", "--to", "Bundesamt XYZ", "--to-address-line", "Platz 1", "--to-address-line", "Haus B"])
        .args(["--to-city", "Bonn", "--to-postal-code", "53113", "--to-country", "DE", "--to-vat-id", "DE987654321"])
        .args(["--to-electronic-address", "0204:991-12345-67", "--buyer-reference", "991-12345-67"])
        .args(["--issue-date", "2026-11-27", "--item", "Beratung", "--price", "100", "--format", "json", "--dry-run"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let invoice: Value = serde_json::from_slice(&out).unwrap();
    let buyer = &invoice["buyer"];
    assert_eq!(buyer["address"]["lines"], serde_json::json!(["Platz 1", "Haus B"]));
    assert_eq!(buyer["address"]["city"], "Bonn");
    assert_eq!(buyer["address"]["postal_code"], "53113");
    assert_eq!(buyer["vat_id"], "DE987654321");
    assert_eq!(buyer["electronic_address"], serde_json::json!({"scheme": "0204", "id": "991-12345-67"}));
}

#[test]
fn the_buyer_flags_get_the_drafts_checks_and_name_the_flag() {
    let env = TestEnv::new();
    env.write("config/invoice/invoice.toml", SELLER_CONFIG);
    env.cmd()
        .args(["create", "--to", "X", "--to-electronic-address", "9999:x", "--to-city", "<i>Bonn</i>"])
        .args(["--to-address-line", "1", "--to-address-line", "2", "--to-address-line", "3", "--to-address-line", "4"])
        .args(["--item", "A", "--price", "1", "--dry-run"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "invoice: error: the draft is not valid (3 problems)\n  \
             /buyer/address/lines: lines has 4 entries; at most 3 are allowed (from --to-address-line) [too_many]\n  \
             /buyer/address/city: city contains HTML/XML markup; markup is not allowed in invoice text (use --sanitize to strip it) (from --to-city) [markup_not_allowed]\n  \
             /buyer/electronic_address/scheme: scheme `9999` is not a code of the CEF EAS list (EM e-mail, 0088 GLN, 0204 Leitweg-ID, 9930 German VAT, 0208 Belgian enterprise number, ...) (from --to-electronic-address) [invalid_value]\n",
        );
    env.cmd()
        .args(["create", "--to", "X", "--to-electronic-address", "991-12345-67", "--item", "A", "--price", "1"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "invoice: error: --to-electronic-address `991-12345-67`: give SCHEME:ID, e.g. 0204:991-12345-67 (Leitweg-ID) or EM:ap@example.org\n",
        );
}

#[test]
fn the_schema_documents_the_customer_field() {
    let env = TestEnv::new();
    let out = env.cmd().arg("schema").output().unwrap();
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let customer = &schema["properties"]["customer"];
    assert!(customer["description"].as_str().unwrap().contains("customer"), "{customer}");
    assert_eq!(customer["pattern"], "^[a-z0-9][a-z0-9._-]{0,63}$", "{customer}");
}
