//! The rules of the four official stylesheets, read from the compiled XSLT: each
//! `svrl:failed-assert` / `svrl:successful-report` with its id, flag, test and the match
//! pattern of the template it sits in. The coverage figures and the rule-directed mutations
//! are made from these.

use std::collections::HashMap;
use std::path::Path;

const SVRL: &str = "http://purl.oclc.org/dsdl/svrl";
const XSL: &str = "http://www.w3.org/1999/XSL/Transform";

/// One stylesheet the official runner applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sheet {
    /// Path under the crate's `artefacts/`.
    pub file: &'static str,
    /// `EN16931` or `XRechnung`: the `layer` check.py gives its findings.
    pub layer: &'static str,
    /// Whether it judges UBL (else CII).
    pub ubl: bool,
}

pub const SHEETS: [Sheet; 4] = [
    Sheet { file: "cen/EN16931-UBL-validation.xslt", layer: "EN16931", ubl: true },
    Sheet { file: "cen/EN16931-CII-validation.xslt", layer: "EN16931", ubl: false },
    Sheet { file: "xrechnung/XRechnung-UBL-validation.xsl", layer: "XRechnung", ubl: true },
    Sheet { file: "xrechnung/XRechnung-CII-validation.xsl", layer: "XRechnung", ubl: false },
];

/// One assertion or report of a stylesheet.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    /// The match pattern of the template (the Schematron rule context).
    pub context: String,
    /// The Schematron test: an assert fires when it is false, a report when it is true.
    pub test: String,
    pub report: bool,
}

/// A stylesheet's rules and the namespace prefixes its XPath uses.
pub struct SheetRules {
    pub sheet: Sheet,
    pub rules: Vec<Rule>,
    pub prefixes: HashMap<String, String>,
}

/// Reads the rules of every stylesheet under `artefacts`.
pub fn load(artefacts: &Path) -> Result<Vec<SheetRules>, String> {
    SHEETS.iter().map(|sheet| load_sheet(artefacts, *sheet)).collect()
}

fn load_sheet(artefacts: &Path, sheet: Sheet) -> Result<SheetRules, String> {
    let path = artefacts.join(sheet.file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("failed to read {}: {e}", path.display()))?;
    let options = roxmltree::ParsingOptions { nodes_limit: u32::MAX, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&text, options)
        .map_err(|e| format!("failed to parse {}: {e}", path.display()))?;
    let prefixes = doc
        .root_element()
        .namespaces()
        .filter_map(|ns| ns.name().map(|name| (name.to_owned(), ns.uri().to_owned())))
        .collect();
    let mut rules = Vec::new();
    for node in doc.descendants() {
        let report = node.has_tag_name((SVRL, "successful-report"));
        if !(report || node.has_tag_name((SVRL, "failed-assert"))) {
            continue;
        }
        let Some(id) = attribute(node, "id") else { continue };
        let test = attribute(node, "test").unwrap_or_default();
        let context = node
            .ancestors()
            .find(|a| a.has_tag_name((XSL, "template")))
            .and_then(|t| t.attribute("match"))
            .unwrap_or_default()
            .to_owned();
        rules.push(Rule { id, context, test, report });
    }
    Ok(SheetRules { sheet, rules, prefixes })
}

/// An attribute of an SVRL element, written literally (SchXslt) or as an `xsl:attribute`
/// child (the CEN stylesheets).
fn attribute(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    if let Some(value) = node.attribute(name) {
        return Some(value.to_owned());
    }
    node.children()
        .find(|c| c.has_tag_name((XSL, "attribute")) && c.attribute("name") == Some(name))
        .map(|c| c.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect::<String>().trim().to_owned())
}
