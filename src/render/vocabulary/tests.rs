use super::*;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn english_amounts_get_thousands_separators_and_keep_their_minor_units() {
    let v = english();
    assert_eq!(v.amount(d("1488.43")), "1,488.43");
    assert_eq!(v.amount(d("-1234567.5")), "-1,234,567.5");
    assert_eq!(v.amount(d("1500")), "1,500");
    assert_eq!(v.amount(d("12.500")), "12.500");
    assert_eq!(v.amount(d("999.00")), "999.00");
    assert_eq!(v.negated(d("20.00")), "-20.00");
    assert_eq!(v.negated(d("0.00")), "0.00");
    assert_eq!(v.money(d("455190.50"), "EUR"), "455,190.50 EUR");
}

#[test]
fn quantities_prices_rates_and_dates_are_written_one_way() {
    let v = english();
    assert_eq!(v.quantity(d("10.000")), "10");
    assert_eq!(v.quantity(d("1000")), "1,000");
    assert_eq!(v.price(d("80.5"), 2), "80.50");
    assert_eq!(v.price(d("0.123456"), 2), "0.123456");
    assert_eq!(v.price(d("1500"), 0), "1,500");
    assert_eq!(v.percent(d("19.00")), "19%");
    assert_eq!(v.percent(d("7.5")), "7.5%");
    assert_eq!(v.rate_cell(d("19"), TaxCategory::S), "19%");
    assert_eq!(v.rate_cell(d("0"), TaxCategory::Z), "0% Z");
    assert_eq!(v.rate_cell(d("0"), TaxCategory::AE), "0% AE");
    assert_eq!(v.date(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()), "2026-11-27");
    assert_eq!(v.page_of(2, 5), "Page 2 of 5");
}

#[test]
fn units_categories_and_ibans_are_made_readable() {
    let v = english();
    assert_eq!(v.unit("HUR"), "h");
    assert_eq!(v.unit("XYZ"), "XYZ");
    assert_eq!(v.category(TaxCategory::E), "E · Exempt from VAT");
    assert_eq!(v.category(TaxCategory::AE), "AE · Reverse charge");
    assert_eq!(v.means(PaymentMeans::SepaCreditTransfer), "SEPA credit transfer");
    assert_eq!(group_iban("DE89370400440532013000"), "DE89 3704 0044 0532 0130 00");
    assert_eq!(group_iban("DE89 3704 0044 0532 0130 00"), "DE89 3704 0044 0532 0130 00");
}

const LANGUAGES: [Language; 3] = [Language::En, Language::De, Language::Fr];

/// Every label, category name, note and means name of a language, by field name.
fn words(v: &Vocabulary) -> Vec<(String, String)> {
    let mut words = Vec::new();
    for (group, value) in [
        ("labels", serde_json::to_value(&v.labels).unwrap()),
        ("categories", serde_json::to_value(&v.categories).unwrap()),
        ("category_notes", serde_json::to_value(&v.category_notes).unwrap()),
        ("means", serde_json::to_value(&v.means).unwrap()),
        ("receivables", serde_json::to_value(&v.receivables).unwrap()),
    ] {
        for (key, text) in value.as_object().unwrap() {
            words.push((format!("{group}.{key}"), text.as_str().unwrap().to_owned()));
        }
    }
    words
}

#[test]
fn every_language_has_every_label_and_unit_and_none_is_empty() {
    let english_units: Vec<&str> = english().units.iter().map(|(code, _)| *code).collect();
    let english = words(english());
    for language in LANGUAGES {
        let v = of(language);
        let words = words(v);
        // The structs make a missing field a compile error; this checks the values.
        assert_eq!(words.len(), english.len(), "{language:?}");
        for (key, text) in &words {
            assert!(!text.trim().is_empty(), "{language:?} {key} is empty");
        }
        let units: Vec<&str> = v.units.iter().map(|(code, _)| *code).collect();
        assert_eq!(units, english_units, "{language:?} names other units than English");
        assert!(v.units.iter().all(|(_, name)| !name.is_empty()), "{language:?}");
        assert!(v.labels.page_of.contains("{page}") && v.labels.page_of.contains("{pages}"), "{language:?}");
    }
}

#[test]
fn translations_differ_from_english_except_where_the_word_is_shared() {
    // Words that are the same in the other languages on purpose.
    let shared = ["labels.iban", "labels.bic"];
    for language in [Language::De, Language::Fr] {
        let theirs = words(of(language));
        for ((key, ours), (_, their)) in words(english()).iter().zip(&theirs) {
            if !shared.contains(&key.as_str()) {
                assert_ne!(ours, their, "{language:?} {key} is still English");
            }
        }
    }
}

#[test]
fn dates_and_amounts_follow_the_language() {
    let date = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let (en, de, fr) = (of(Language::En), of(Language::De), of(Language::Fr));
    assert_eq!([en.date(date), de.date(date), fr.date(date)], ["2026-11-27", "27.11.2026", "27/11/2026"]);
    let amount = d("1488.43");
    assert_eq!([en.amount(amount), de.amount(amount), fr.amount(amount)], ["1,488.43", "1.488,43", "1\u{202f}488,43"]);
    assert_eq!(de.amount(d("-1234567.890")), "-1.234.567,890", "exact digits, only separators change");
    assert_eq!(de.percent(d("7.5")), "7,5\u{a0}%");
    assert_eq!([en.unit("HUR"), de.unit("HUR"), fr.unit("DAY")], ["h", "Std.", "jour"]);
    assert_eq!([en.unit("KGM"), de.unit("MTK"), fr.unit("XYZ")], ["kg", "m²", "XYZ"]);
    assert_eq!(
        [en.title(DocumentType::CreditNote), de.title(DocumentType::CreditNote), fr.title(DocumentType::CreditNote)],
        ["Credit note", "Gutschrift", "Avoir"]
    );
    assert_eq!(de.category_note(TaxCategory::AE), Some("Steuerschuldnerschaft des Leistungsempfängers."));
    assert_eq!(fr.category(TaxCategory::AE), "AE · Autoliquidation");
}

#[test]
fn unit_words_of_every_language_are_stored_as_their_code() {
    use crate::invoice::parse::unit_code;
    // SPEC 15's table, and the spellings people type.
    for (word, code) in [
        ("Std", "HUR"),
        ("Std.", "HUR"),
        ("h", "HUR"),
        ("heure", "HUR"),
        ("Stk", "H87"),
        ("Stk.", "H87"),
        ("pièce", "H87"),
        ("Tag", "DAY"),
        ("jour", "DAY"),
        ("Monat", "MON"),
        ("mois", "MON"),
        ("kg", "KGM"),
        ("km", "KMT"),
        ("Stunden", "HUR"),
        ("stk", "H87"),
        ("Pièces", "H87"),
        ("hours", "HUR"),
        ("pcs", "C62"),
    ] {
        assert_eq!(unit_code(word), Some(code), "{word}");
    }
    // Codes stay codes (STK is Rec 20's "stick", never read as "Stk"); unknown words
    // stay unknown.
    assert_eq!(unit_code("STK"), Some("STK"));
    assert_eq!(unit_code("HUR"), Some("HUR"));
    assert_eq!(unit_code("MON"), Some("MON"));
    assert_eq!(unit_code("Fuhren"), None);
    assert_eq!(unit_code(""), None);
}

#[test]
fn every_language_has_a_word_for_every_unit_another_language_has_and_no_word_means_two() {
    use std::collections::{BTreeMap, BTreeSet};
    let codes = |v: &Vocabulary| v.unit_words.iter().map(|(_, code)| *code).collect::<BTreeSet<_>>();
    let all: BTreeSet<&str> = LANGUAGES.iter().flat_map(|l| codes(of(*l))).collect();
    for language in LANGUAGES {
        assert_eq!(codes(of(language)), all, "{language:?} lacks a unit word another language has");
    }
    let mut meaning: BTreeMap<String, &str> = BTreeMap::new();
    let words = LANGUAGES.iter().flat_map(|l| of(*l).unit_words.iter()).chain(SYMBOL_WORDS.iter());
    for (word, code) in words {
        let folded = word.to_lowercase();
        if let Some(other) = meaning.insert(folded, code) {
            assert_eq!(other, *code, "`{word}` means both {other} and {code}");
        }
    }
    for (_, code) in LANGUAGES.iter().flat_map(|l| of(*l).unit_words.iter()) {
        let known = cefact_units::UnitCode::from_code(code).is_some();
        assert!(known, "{code} is not a Rec 20 code");
    }
}

#[test]
fn the_delivery_date_is_said_when_a_draft_has_none() {
    let said: Vec<&str> = LANGUAGES.iter().map(|l| of(*l).labels.delivery_as_invoice_date).collect();
    assert_eq!(said, ["as invoice date", "entspricht dem Rechnungsdatum", "identique à la date de facture"]);
}
