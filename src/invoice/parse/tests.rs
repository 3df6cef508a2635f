#![allow(clippy::unwrap_used)]

use super::*;

fn problems(json: &str) -> Vec<(String, Code)> {
    parse_draft(json.as_bytes(), Options::default()).problems.into_iter().map(|p| (p.path, p.code)).collect()
}

fn one(path: &str, code: Code) -> Vec<(String, Code)> {
    vec![(path.to_owned(), code)]
}

#[test]
fn every_model_field_is_read() {
    // A field the model has but the parser forgot would come back as an internal error.
    let cases: [(&str, &[&str]); 7] = [
        ("", field_names::<Draft>()),
        ("/seller", field_names::<Party>()),
        ("/seller/address", field_names::<Address>()),
        ("/lines/0", field_names::<Line>()),
        ("/allowances/0", field_names::<Adjustment>()),
        ("/charges/0", field_names::<Adjustment>()),
        ("/payment", field_names::<Payment>()),
    ];
    for (path, fields) in cases {
        assert!(!fields.is_empty(), "{path}");
        let object: Vec<String> = fields.iter().map(|f| format!("\"{f}\": null")).collect();
        let object = format!("{{{}}}", object.join(","));
        let json = match path {
            "" => object,
            "/seller" => format!(r#"{{"seller": {object}}}"#),
            "/seller/address" => format!(r#"{{"seller": {{"address": {object}}}}}"#),
            "/lines/0" => format!(r#"{{"lines": [{object}]}}"#),
            "/allowances/0" => format!(r#"{{"allowances": [{object}]}}"#),
            "/charges/0" => format!(r#"{{"charges": [{object}]}}"#),
            _ => format!(r#"{{"payment": {object}}}"#),
        };
        let found = parse_draft(json.as_bytes(), Options::default()).problems;
        assert!(found.iter().all(|p| p.code == Code::Required), "{path}: {found:?}");
    }
}

#[test]
fn schema_lists_exactly_the_parser_fields() {
    let schema = serde_json::to_value(crate::invoice::model::draft_schema()).unwrap();
    let mut props: Vec<&str> = schema["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    let mut fields = field_names::<Draft>().to_vec();
    props.sort_unstable();
    fields.sort_unstable();
    assert_eq!(props, fields);
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn wrong_json_types() {
    assert_eq!(problems(r#"{"buyer": {"name": {"x": 1}}}"#), one("/buyer/name", Code::InvalidType));
    assert_eq!(problems(r#"{"lines": [{"quantity": true}]}"#)[0], ("/lines/0/quantity".to_owned(), Code::InvalidType));
    assert_eq!(
        problems(r#"{"lines": [{"quantity": "twelve"}]}"#)[0],
        ("/lines/0/quantity".to_owned(), Code::InvalidType)
    );
    assert_eq!(problems(r#"{"lines": {}}"#), one("/lines", Code::InvalidType));
    assert_eq!(problems(r"[]"), one("", Code::InvalidType));
}

#[test]
fn numbers_and_ranges() {
    let line = |field: &str, value: &str| {
        let mut members = vec![format!("{field}:{value}"), r#""description":"d""#.to_owned()];
        for (name, default) in [(r#""quantity""#, "1"), (r#""unit_price""#, "1")] {
            if name != field {
                members.push(format!("{name}:{default}"));
            }
        }
        problems(&format!(r#"{{"lines":[{{{}}}]}}"#, members.join(",")))
    };
    assert_eq!(line(r#""quantity""#, "-0"), one("/lines/0/quantity", Code::MustBePositive));
    assert_eq!(line(r#""discount_percent""#, "100.5"), one("/lines/0/discount_percent", Code::OutOfRange));
    assert_eq!(line(r#""tax_rate""#, "-1"), one("/lines/0/tax_rate", Code::OutOfRange));
    assert_eq!(line(r#""tax_rate""#, "1e400"), one("/lines/0/tax_rate", Code::OutOfRange));
    assert_eq!(line(r#""discount_percent""#, "1.0000000"), one("/lines/0/discount_percent", Code::OutOfRange));
    assert_eq!(line(r#""tax_rate""#, "1.9e1"), vec![]);
}

#[test]
fn text_rules() {
    let long = "x".repeat(201);
    assert_eq!(problems(&format!(r#"{{"buyer":{{"name":"{long}"}}}}"#)), one("/buyer/name", Code::TooLong));
    let greek = "Ω".repeat(200);
    assert_eq!(problems(&format!(r#"{{"buyer":{{"name":"  {greek}  "}}}}"#)), vec![]);
    assert_eq!(problems(r#"{"notes":"a\nb\tc"}"#), vec![]);
    assert_eq!(problems(r#"{"buyer":{"name":"a\nb"}}"#), one("/buyer/name", Code::ForbiddenCharacter));
    assert_eq!(problems(r#"{"buyer":{"name":"evil\u202Etxt"}}"#), one("/buyer/name", Code::ForbiddenCharacter));
    assert_eq!(problems(r#"{"notes":"<img src=x onerror=alert(1)>"}"#), one("/notes", Code::MarkupNotAllowed));
    assert_eq!(problems(r#"{"notes":"&lt;script&gt;"}"#), vec![]);
}

#[test]
fn sanitize_mode_strips_and_warns() {
    let parsed = parse_draft(br#"{"notes":"Thanks <b>a lot</b>"}"#, Options { sanitize: true });
    assert!(parsed.problems.is_empty());
    assert_eq!(parsed.draft.notes.as_deref(), Some("Thanks a lot"));
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].path, "/notes");
}

#[test]
fn text_that_sanitizes_to_nothing_is_missing_not_dropped() {
    // A line whose description was only markup must not vanish from the invoice.
    let draft = br#"{"lines":[{"description":"<b></b>","quantity":1,"unit_price":"10"}]}"#;
    let parsed = parse_draft(draft, Options { sanitize: true });
    let found: Vec<_> = parsed.problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
    assert_eq!(found, [("/lines/0/description", Code::Required)]);
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].path, "/lines/0/description");
}

#[test]
fn dates_are_strict_calendar_dates() {
    for good in ["2026-02-28", "2024-02-29", "0001-01-01", "9999-12-31"] {
        assert!(parse_date(good).is_some(), "{good}");
    }
    for bad in
        ["2026-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01", "26-01-01", "2026/01/01", "２026-01-01"]
    {
        assert!(parse_date(bad).is_none(), "{bad}");
    }
}

#[test]
fn code_lists() {
    assert_eq!(problems(r#"{"currency":"EURO"}"#), one("/currency", Code::InvalidCurrency));
    assert_eq!(
        problems(r#"{"buyer":{"address":{"country":"XX"}}}"#),
        one("/buyer/address/country", Code::InvalidCountry)
    );
    assert_eq!(problems(r#"{"buyer":{"email":"not-an-email"}}"#), one("/buyer/email", Code::InvalidEmail));
    assert_eq!(problems(r#"{"payment":{"iban":"DE89370400440532013001"}}"#), one("/payment/iban", Code::InvalidIban));
    assert_eq!(problems(r#"{"payment":{"iban":"DE8937040044053201300"}}"#), one("/payment/iban", Code::InvalidIban));
    assert_eq!(problems(r#"{"payment":{"means":"bitcoin"}}"#), one("/payment/means", Code::InvalidValue));
    assert_eq!(problems(r#"{"type":"receipt"}"#), one("/type", Code::InvalidValue));
    assert_eq!(problems(r#"{"issue_date":"2026-02-30"}"#), one("/issue_date", Code::InvalidDate));
    assert_eq!(problems(r#"{"issue_date":"2026-2-3"}"#), one("/issue_date", Code::InvalidDate));
    let parsed = parse_draft(br#"{"payment":{"iban":"de89 3704 0044 0532 0130 00"}}"#, Options::default());
    assert_eq!(parsed.draft.payment.unwrap().iban.as_deref(), Some("DE89370400440532013000"));
}

#[test]
fn units_and_aliases() {
    assert_eq!(unit_code("h"), Some("HUR"));
    assert_eq!(unit_code("kWh"), Some("KWH"));
    assert_eq!(unit_code("pcs"), Some("C62"));
    assert_eq!(unit_code("XPP"), Some("XPP").filter(|_| unit_code("XPP").is_some()));
    assert_eq!(unit_code("MTK"), Some("MTK"));
    assert_eq!(unit_code("hrs"), None);
    assert_eq!(unit_code("bananas"), None);
}

#[test]
fn limits_on_counts() {
    let lines = vec![r#"{"description":"d","quantity":1,"unit_price":1}"#; 1001].join(",");
    assert_eq!(problems(&format!(r#"{{"lines":[{lines}]}}"#)), one("/lines", Code::TooMany));
    assert_eq!(
        problems(r#"{"buyer":{"address":{"lines":["a","b","c","d"]}}}"#),
        one("/buyer/address/lines", Code::TooMany)
    );
}

#[test]
fn malformed_json_names_where_parsing_stopped() {
    let p = parse_draft(br#"{"lines":[{"quantity": NaN}]}"#, Options::default()).problems;
    assert_eq!((p[0].path.as_str(), p[0].code), ("/lines/0/quantity", Code::MalformedJson));
    let p = parse_draft(b"\xff\xfe", Options::default()).problems;
    assert_eq!((p[0].path.as_str(), p[0].code), ("", Code::MalformedJson));
}
