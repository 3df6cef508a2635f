//! KoSIT's XRechnung scenarios: which scenario a document's BT-24 selects, and the severity
//! overrides (`customLevel`) that scenario applies to the findings of both rule layers.

use crate::{Finding, Severity, Syntax};
use std::collections::HashMap;
use std::sync::OnceLock;

use super::scenario_extract::{SEP, XR_MAJOR_MINOR};

/// The XRechnung scenarios as the build script read them (`scenario_extract`).
const SCENARIOS: &str = include_str!(concat!(env!("OUT_DIR"), "/kosit-scenarios.rules"));

struct Scenario {
    kind: Syntax,
    customization_id: &'static str,
    levels: HashMap<String, Severity>,
}

fn load() -> Result<Vec<Scenario>, String> {
    let mut out = Vec::new();
    for line in SCENARIOS.lines() {
        let mut fields = line.split(SEP);
        let kind = match fields.next() {
            Some("I") => Syntax::UblInvoice,
            Some("C") => Syntax::UblCreditNote,
            Some("X") => Syntax::Cii,
            other => return Err(format!("bad scenario kind {other:?}")),
        };
        let Some(customization_id) = fields.next() else {
            return Err("a scenario without its customization ID".into());
        };
        let mut levels = HashMap::new();
        for field in fields {
            let (rule, severity) = match field.rsplit_once('=') {
                Some((rule, "e")) => (rule, Severity::Fatal),
                Some((rule, "w")) => (rule, Severity::Warning),
                Some((rule, "i")) => (rule, Severity::Information),
                _ => return Err(format!("bad customLevel entry {field:?}")),
            };
            levels.insert(rule.to_owned(), severity);
        }
        out.push(Scenario { kind, customization_id, levels });
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded scenarios are those of the shipped file, and they read back.
    #[test]
    fn the_embedded_scenarios_are_the_shipped_file() {
        let shipped = include_str!("../../artefacts/xrechnung/kosit-scenarios.xml");
        assert_eq!(super::super::scenario_extract::extract(shipped).as_deref(), Ok(SCENARIOS));
        let all = load().unwrap_or_default();
        assert!(all.len() >= 3, "{} scenarios", all.len());
        assert!(all.iter().any(|s| !s.levels.is_empty()), "no customLevel read");
    }
}
