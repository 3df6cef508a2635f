use super::*;
use crate::invoice::json;
use crate::invoice::parse::{Options, customer_from_json, draft_from_json};
use crate::invoice::{Code, Problem};

fn parse(text: &str) -> (Option<Customer>, Vec<Problem>) {
    let value = json::parse(text.as_bytes()).unwrap();
    let (customer, problems, _) = customer_from_json(&value, Options::default());
    (customer, problems)
}

fn summary(problems: &[Problem]) -> Vec<(String, Code, String)> {
    problems.iter().map(|p| (p.path.clone(), p.code, p.message.clone())).collect()
}

#[test]
fn ids_follow_the_handle_rule() {
    for good in ["a", "0", "bund-xyz", "acme.gmbh_2", &"a".repeat(64)] {
        assert!(valid_id(good), "{good}");
    }
    for bad in ["", "-a", ".a", "_a", "Acme", "a b", "a/b", "ä", &"a".repeat(65)] {
        assert!(!valid_id(bad), "{bad}");
    }
}

#[test]
fn a_customer_reads_the_buyer_fields_and_the_defaults() {
    let (customer, problems) = parse(
        r#"{"id": "bund-xyz", "name": "Bundesamt XYZ", "email": "rechnung@bund.example",
            "address": {"lines": ["Platz 1"], "city": "Bonn", "postal_code": "53113", "country": "de"},
            "electronic_address": {"scheme": "0204", "id": "991-12345-67"},
            "buyer_reference": "991-12345-67", "language": "de", "currency": "eur",
            "payment_terms_days": 14, "einvoice_profile": "xrechnung"}"#,
    );
    assert_eq!(problems, []);
    let customer = customer.unwrap();
    assert_eq!(customer.id, "bund-xyz");
    assert_eq!(customer.buyer.name.as_deref(), Some("Bundesamt XYZ"));
    assert_eq!(customer.buyer.address.as_ref().unwrap().country.as_deref(), Some("DE"));
    assert_eq!(customer.defaults.currency.as_deref(), Some("EUR"));
    assert_eq!(customer.defaults.payment_terms_days, Some(14));
    assert_eq!(customer.defaults.einvoice_profile, Some(Profile::Xrechnung));
    assert_eq!(customer.defaults.language, Some(Language::De));
    // The public form is flat and reads back to the same customer.
    let public = customer.public_json().to_string();
    assert_eq!(parse(&public.replace(r#","archived":false"#, "")).0.unwrap(), customer);
}

/// The same bad buyer values give the same codes and messages in a customer as in a
/// draft's buyer; only the path differs (`/email` there, `/buyer/email` in a draft).
#[test]
fn customer_fields_are_checked_exactly_as_a_drafts_buyer() {
    let buyer = r#""name": "<b>X</b>", "email": "not-an-email", "phone": "1\u0007",
        "address": {"lines": ["a", "b", "c", "d"], "country": "XX"},
        "electronic_address": {"scheme": "9999", "id": "x"}, "vat_id": "DE1""#;
    let (customer, problems) = parse(&format!(r#"{{"id": "c1", {buyer}}}"#));
    assert!(customer.is_none());
    let text = format!(r#"{{"buyer": {{{buyer}}}}}"#);
    let draft = json::parse(text.as_bytes()).unwrap();
    let in_draft = draft_from_json(&draft, Options::default()).problems;
    let in_draft: Vec<_> = in_draft
        .into_iter()
        .map(|p| Problem { path: p.path.strip_prefix("/buyer").unwrap().to_owned(), ..p })
        .collect();
    assert_eq!(summary(&problems), summary(&in_draft));
    assert_eq!(problems.len(), 6, "{problems:?}");
}

#[test]
fn customer_problems_name_the_field() {
    let cases: &[(&str, &str, Code, &str)] = &[
        (r#"{"name": "X"}"#, "/id", Code::Required, "id is required"),
        (r#"{"id": "c1"}"#, "/name", Code::Required, "name is required"),
        (
            r#"{"id": "Bund XYZ", "name": "X"}"#,
            "/id",
            Code::InvalidValue,
            "id `Bund XYZ` is not a customer ID: 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit (e.g. bund-xyz)",
        ),
        (
            r#"{"id": "c1", "name": "X", "payment_terms_days": 3651}"#,
            "/payment_terms_days",
            Code::OutOfRange,
            "payment_terms_days must be a whole number of days from 0 to 3650",
        ),
        (
            r#"{"id": "c1", "name": "X", "payment_terms_days": "1.5"}"#,
            "/payment_terms_days",
            Code::OutOfRange,
            "payment_terms_days must be a whole number of days from 0 to 3650",
        ),
        (
            r#"{"id": "c1", "name": "X", "einvoice_profile": "zugferd"}"#,
            "/einvoice_profile",
            Code::InvalidValue,
            "einvoice_profile must be one of en16931, xrechnung, peppol",
        ),
        (
            r#"{"id": "c1", "name": "X", "language": "es"}"#,
            "/language",
            Code::InvalidValue,
            "language must be one of en, de, fr",
        ),
        (
            r#"{"id": "c1", "name": "X", "currency": "EURO"}"#,
            "/currency",
            Code::InvalidCurrency,
            "currency `EURO` is not an active ISO 4217 currency code (e.g. EUR, USD, JPY)",
        ),
        (
            r#"{"id": "c1", "name": "X", "archived": true}"#,
            "/archived",
            Code::UnknownField,
            "unknown field `archived`; expected one of: id, name, vat_id, tax_id, email, phone, address, contact_name, electronic_address, legal_id, buyer_reference, language, currency, payment_terms_days, einvoice_profile",
        ),
    ];
    for (text, path, code, message) in cases {
        let (customer, problems) = parse(text);
        assert!(customer.is_none(), "{text}");
        assert_eq!(summary(&problems), [((*path).to_owned(), *code, (*message).to_owned())], "{text}");
    }
}

#[test]
fn a_draft_names_its_customer_with_the_same_id_rule() {
    let parsed = draft_from_json(&json::parse(br#"{"customer": "bund-xyz"}"#).unwrap(), Options::default());
    assert_eq!(parsed.draft.customer.as_deref(), Some("bund-xyz"));
    let parsed = draft_from_json(&json::parse(br#"{"customer": "Bund"}"#).unwrap(), Options::default());
    assert_eq!(parsed.problems[0].path, "/customer");
    assert_eq!(parsed.problems[0].code, Code::InvalidValue);
}

/// One row per field and layer: which layer's value a create ends up with when the
/// layers above it are empty. Layers: flag, draft, customer, config, built-in.
#[test]
fn merge_takes_flags_then_draft_then_customer_then_config_then_built_in() {
    #[derive(Clone, Copy)]
    struct Layers {
        flag: bool,
        draft: bool,
        customer: bool,
        config: bool,
    }
    let all = [
        ("flag", Layers { flag: true, draft: true, customer: true, config: true }),
        ("draft", Layers { flag: false, draft: true, customer: true, config: true }),
        ("customer", Layers { flag: false, draft: false, customer: true, config: true }),
        ("config", Layers { flag: false, draft: false, customer: false, config: true }),
        ("built-in", Layers { flag: false, draft: false, customer: false, config: false }),
    ];
    for (winner, layers) in all {
        // Draft-level fields: a flag writes into the draft, so "flag" and "draft" are the
        // same slot (the command line overwrites the file's value before merging).
        let mut draft = Draft::default();
        if layers.draft {
            draft.language = Some(Language::Fr);
            draft.currency = Some("CHF".into());
            draft.buyer_reference = Some("draft-ref".into());
        }
        if layers.flag {
            draft.language = Some(Language::En);
            draft.currency = Some("USD".into());
            draft.buyer_reference = Some("flag-ref".into());
        }
        let customer = Customer {
            id: "c1".into(),
            buyer: Party { name: Some("Customer".into()), ..Party::default() },
            defaults: CustomerDefaults {
                buyer_reference: Some("customer-ref".into()),
                language: Some(Language::De),
                currency: Some("GBP".into()),
                payment_terms_days: Some(14),
                einvoice_profile: Some(Profile::Xrechnung),
            },
            archived: false,
        };
        let mut config = Defaults::default();
        let mut config_profile = Profile::default();
        if layers.config {
            config.language = Some(Language::Fr);
            config.currency = Some("EUR".into());
            config.payment_terms_days = 45;
            config_profile = Profile::Peppol;
        }
        let flags = if layers.flag {
            FlagDefaults { payment_terms_days: Some(7), einvoice_profile: Some(Profile::En16931) }
        } else {
            FlagDefaults::default()
        };
        let with_customer = layers.customer.then_some(&customer);
        let merged = merge(with_customer, &mut draft, &config, config_profile, flags);
        let language = draft.language.or(merged.defaults.language).unwrap_or_default();
        let currency = draft.currency.clone().or(merged.defaults.currency.clone());
        let (days, profile) = (merged.defaults.payment_terms_days, merged.profile);
        let expected: (Language, Option<&str>, Option<&str>, u32, Profile) = match winner {
            "flag" => (Language::En, Some("USD"), Some("flag-ref"), 7, Profile::En16931),
            "draft" => (Language::Fr, Some("CHF"), Some("draft-ref"), 14, Profile::Xrechnung),
            "customer" => (Language::De, Some("GBP"), Some("customer-ref"), 14, Profile::Xrechnung),
            "config" => (Language::Fr, Some("EUR"), None, 45, Profile::Peppol),
            _ => (Language::En, None, None, 30, Profile::En16931),
        };
        let got = (language, currency.as_deref(), draft.buyer_reference.as_deref(), days, profile);
        assert_eq!(got, expected, "{winner}");
        assert_eq!(draft.customer.as_deref(), layers.customer.then_some("c1"), "{winner}");
    }
}

#[test]
fn the_drafts_buyer_fields_win_one_by_one_over_the_customers() {
    let customer = Customer {
        id: "c1".into(),
        buyer: Party {
            name: Some("Customer GmbH".into()),
            email: Some("ap@customer.example".into()),
            vat_id: Some("DE123456789".into()),
            address: Some(Address {
                lines: vec!["Old Street 1".into()],
                city: Some("Bonn".into()),
                postal_code: Some("53113".into()),
                country: Some("DE".into()),
            }),
            ..Party::default()
        },
        ..Customer::default()
    };
    let mut draft = Draft {
        buyer: Some(Party {
            email: Some("other@customer.example".into()),
            address: Some(Address { city: Some("Köln".into()), ..Address::default() }),
            ..Party::default()
        }),
        ..Draft::default()
    };
    let _ = merge(Some(&customer), &mut draft, &Defaults::default(), Profile::default(), FlagDefaults::default());
    let buyer = draft.buyer.unwrap();
    assert_eq!(buyer.name.as_deref(), Some("Customer GmbH"));
    assert_eq!(buyer.email.as_deref(), Some("other@customer.example"));
    assert_eq!(buyer.vat_id.as_deref(), Some("DE123456789"));
    let address = buyer.address.unwrap();
    assert_eq!(address.city.as_deref(), Some("Köln"));
    assert_eq!(address.postal_code.as_deref(), Some("53113"));
    assert_eq!(address.lines, ["Old Street 1"]);
}
