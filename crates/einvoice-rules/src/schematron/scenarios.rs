//! KoSIT's XRechnung scenarios: which scenario a document's BT-24 selects, and the severity
//! overrides (`customLevel`) that scenario applies to the findings of both rule layers.

use crate::{Finding, Severity, Syntax};
use std::collections::HashMap;
use std::sync::OnceLock;

const SCENARIOS: &str = include_str!("../../artefacts/xrechnung/kosit-scenarios.xml");
const NS_SCN: &str = "http://www.xoev.de/de/validator/framework/1/scenarios";
const XR_MAJOR_MINOR: &str = "3.0";
const XR_CVD_MAJOR_MINOR: &str = "0.9";

struct Scenario {
    kind: Syntax,
    customization_id: String,
    levels: HashMap<String, Severity>,
}

fn token_value(token: &str) -> Option<String> {
    let spec = format!("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_{XR_MAJOR_MINOR}");
    match token {
        "@xrechnung.spec.id@" => Some(spec),
        "@xrechnung.extension.id@" => {
            Some(format!("{spec}#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_{XR_MAJOR_MINOR}"))
        }
        "@xrechnung.cvd.id@" => {
            Some(format!("{spec}#compliant#urn:xeinkauf.de:kosit:xrechnung:cvd_{XR_CVD_MAJOR_MINOR}"))
        }
        _ => None,
    }
}

fn load() -> Result<Vec<Scenario>, String> {
    let opts = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(SCENARIOS, opts).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for sc in doc.descendants().filter(|n| n.has_tag_name((NS_SCN, "scenario"))) {
        let xr = sc.descendants().filter(|n| n.has_tag_name((NS_SCN, "location"))).any(|l| {
            let t = l.text().unwrap_or("");
            t.contains("xrechnung/") && t.contains("XRechnung-")
        });
        if !xr {
            continue;
        }
        let m = sc.children().find(|n| n.has_tag_name((NS_SCN, "match"))).and_then(|n| n.text()).unwrap_or("");
        let kind = if m.contains("/invoice:Invoice") {
            Syntax::UblInvoice
        } else if m.contains("/creditnote:CreditNote") {
            Syntax::UblCreditNote
        } else if m.contains("/rsm:CrossIndustryInvoice") {
            Syntax::Cii
        } else {
            return Err(format!("cannot interpret KoSIT scenario match {m:?}"));
        };
        let token = m.split('\'').find(|p| p.starts_with('@') && p.ends_with('@') && p.len() > 2);
        let Some(id) = token.and_then(token_value) else {
            return Err(format!("cannot interpret KoSIT scenario match {m:?}"));
        };
        let mut levels = HashMap::new();
        for cl in sc.descendants().filter(|n| n.has_tag_name((NS_SCN, "customLevel"))) {
            let sev = match cl.attribute("level") {
                Some("error") => Severity::Fatal,
                Some("warning") => Severity::Warning,
                Some("information") => Severity::Information,
                other => return Err(format!("unknown customLevel {other:?}")),
            };
            for rid in cl.text().unwrap_or("").split_whitespace() {
                levels.insert(rid.to_owned(), sev);
            }
        }
        out.push(Scenario { kind, customization_id: id, levels });
    }
    if out.is_empty() {
        return Err("no XRechnung scenarios".into());
    }
    Ok(out)
}

fn scenarios() -> &'static Result<Vec<Scenario>, String> {
    static S: OnceLock<Result<Vec<Scenario>, String>> = OnceLock::new();
    S.get_or_init(load)
}

/// BT-24 values the way the KoSIT scenario matches read them (each element's own text).
fn customization_ids(doc: &roxmltree::Document<'_>, syntax: Syntax) -> Vec<String> {
    const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    const RAM: &str = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    let root = doc.root_element();
    let own_text = |n: roxmltree::Node<'_, '_>| {
        n.first_child().filter(|c| c.is_text()).and_then(|c| c.text()).unwrap_or("").to_owned()
    };
    if syntax.is_ubl() {
        root.children().filter(|n| n.has_tag_name((CBC, "CustomizationID"))).map(own_text).collect()
    } else {
        root.children()
            .filter(|n| n.has_tag_name((Syntax::CII_NS, "ExchangedDocumentContext")))
            .flat_map(|c| c.children())
            .filter(|n| n.has_tag_name((RAM, "GuidelineSpecifiedDocumentContextParameter")))
            .flat_map(|p| p.children())
            .filter(|n| n.has_tag_name((RAM, "ID")))
            .map(own_text)
            .collect()
    }
}

/// The severity overrides of the scenario the document selects, or the finding that none does.
pub fn levels(doc: &roxmltree::Document<'_>, syntax: Syntax) -> Result<HashMap<String, Severity>, Finding> {
    let ids = customization_ids(doc, syntax);
    let all = match scenarios() {
        Ok(all) => all,
        Err(e) => {
            return Err(Finding {
                rule: "XR-NO-SCENARIO".into(),
                severity: Severity::Fatal,
                location: String::new(),
                message: format!("the KoSIT scenarios could not be read: {e}"),
            });
        }
    };
    for id in &ids {
        if let Some(s) = all.iter().find(|s| s.kind == syntax && s.customization_id == *id) {
            return Ok(s.levels.clone());
        }
    }
    Err(Finding {
        rule: "XR-NO-SCENARIO".into(),
        severity: Severity::Fatal,
        location: String::new(),
        message: format!(
            "CustomizationID/GuidelineID {ids:?} matches no XRechnung {XR_MAJOR_MINOR} scenario for {} (KoSIT validator would reject: no scenario matched)",
            syntax.as_str()
        ),
    })
}
