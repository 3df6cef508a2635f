//! A received e-invoice (SPEC 13.3) on arbitrary bytes: the safe XML input layer, syntax
//! detection and the rule layers behind `einvoice_rules::validate_bytes`, and the whole
//! judgement `invoice einvoice validate` makes (PDF or XML).
//!
//! Oracles: no panic; a report without a syntax has exactly one finding, and it is fatal
//! (the input said why it stopped); a report with a syntax names its rule set; `valid`
//! means no fatal finding; every finding has a rule id and a message.

#![no_main]

use einvoice_rules::{Profile, Severity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Give the UBL path a head start half of the time: most inputs are not XML.
    let bytes = if data.first().is_some_and(|b| b & 1 == 1) {
        let mut xml = br#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">"#.to_vec();
        xml.extend_from_slice(&data[1..]);
        xml.extend_from_slice(b"</Invoice>");
        xml
    } else {
        data.to_vec()
    };
    for profile in [Profile::Auto, Profile::XRechnung] {
        let report = einvoice_rules::validate_bytes(&bytes, profile);
        if report.syntax.is_none() {
            assert_eq!(report.findings.len(), 1);
            assert_eq!(report.findings[0].severity, Severity::Fatal);
            assert!(report.rules.is_none());
        } else {
            assert!(report.rules.is_some());
        }
        assert_eq!(report.valid(), report.findings.iter().all(|f| f.severity != Severity::Fatal));
        assert!(report.findings.iter().all(|f| !f.rule.is_empty() && !f.message.is_empty()));
    }
    let judged = invoice::received::report::judge(&bytes, Profile::Auto);
    assert!(judged.report.syntax.is_some() || !judged.report.valid());
});
