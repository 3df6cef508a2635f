//! The verdict on a received e-invoice, as the official validators give it (SPEC 13.2).
//!
//! Layers, in the order SPEC 13.1 names them: well-formed XML (parsed without DTDs, within
//! size and depth limits), the XML Schema of the syntax (UBL 2.1, CII D16B), the CEN EN 16931
//! rules, then the XRechnung rules when the document declares XRechnung in BT-24 (or the
//! caller asks for them). The rules are the official artefacts in `artefacts/`, shipped in
//! the binary, read by this crate's own XPath engine: no Java, Python or network at run time.

pub mod input;
pub mod schematron;
pub mod xpath;
pub mod xsd;

use std::fmt;

/// The three document kinds the official rules know, found from the root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Syntax {
    UblInvoice,
    UblCreditNote,
    Cii,
}

impl Syntax {
    pub const UBL_INVOICE_NS: &'static str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    pub const UBL_CREDIT_NOTE_NS: &'static str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    pub const CII_NS: &'static str = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

    /// The syntax of a document whose root element has this namespace and local name.
    pub fn of_root(namespace: Option<&str>, name: &str) -> Option<Syntax> {
        match (namespace?, name) {
            (Self::UBL_INVOICE_NS, "Invoice") => Some(Syntax::UblInvoice),
            (Self::UBL_CREDIT_NOTE_NS, "CreditNote") => Some(Syntax::UblCreditNote),
            (Self::CII_NS, "CrossIndustryInvoice") => Some(Syntax::Cii),
            _ => None,
        }
    }

    /// The name reports use (`syntax` in SPEC 13.1's JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            Syntax::UblInvoice => "UBL-Invoice",
            Syntax::UblCreditNote => "UBL-CreditNote",
            Syntax::Cii => "CII",
        }
    }

    pub fn is_ubl(self) -> bool {
        matches!(self, Syntax::UblInvoice | Syntax::UblCreditNote)
    }
}

/// How bad a finding is. `Fatal` makes a file invalid; the others do not (SPEC 13.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Fatal,
    Warning,
    Information,
}

impl Severity {
    /// The flag of an official assertion: `fatal`, `error` or no flag reject (as KoSIT's
    /// report does); `warning`/`warn` and `information`/`info` do not.
    pub fn from_flag(flag: Option<&str>) -> Severity {
        match flag {
            Some("warning" | "warn") => Severity::Warning,
            Some("information" | "info") => Severity::Information,
            _ => Severity::Fatal,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Fatal => "fatal",
            Severity::Warning => "warning",
            Severity::Information => "information",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: an official rule that fired, a schema error (`rule` = `XSD`) or a problem with
/// the input itself (`XML-NOT-WELL-FORMED`, `UNKNOWN-ROOT`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The official rule id (`BR-CO-15`, `BR-DE-1`, `PEPPOL-EN16931-R001`), or `XSD`.
    pub rule: String,
    pub severity: Severity,
    /// Where: an XPath to the context node for rules, `line N` for schema and input errors.
    pub location: String,
    /// The official rule text, or the schema/parse error in words.
    pub message: String,
}

/// Which rule sets judge a file (SPEC 13.1 `--profile`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSet {
    /// The CEN EN 16931 rules only.
    En16931,
    /// The CEN rules, then the KoSIT XRechnung 3.0 rules (with KoSIT's severity overrides).
    XRechnung,
}

/// The verdict on one file: what it is, which rules judged it, and every finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// `None` when the file is not well-formed XML or its root is not UBL or CII.
    pub syntax: Option<Syntax>,
    /// The rule sets that ran (`None` when parsing stopped first).
    pub rules: Option<RuleSet>,
    pub findings: Vec<Finding>,
}

impl Report {
    /// Valid when no finding is fatal (warnings and information do not reject).
    pub fn valid(&self) -> bool {
        self.findings.iter().all(|f| f.severity != Severity::Fatal)
    }
}

/// The rule id of a document whose root is neither UBL nor CII.
pub const UNKNOWN_ROOT: &str = "UNKNOWN-ROOT";

/// Which rules `validate` applies (SPEC 13.1 `--profile`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// The rules the document declares in BT-24: XRechnung → CEN + KoSIT, else CEN.
    #[default]
    Auto,
    En16931,
    XRechnung,
}

/// The whole verdict on one document's bytes: UTF-8 (SPEC 13.3), then as [`validate`].
/// Bytes over [`input::MAX_BYTES`] are refused without being looked at.
#[must_use]
pub fn validate_bytes(bytes: &[u8], profile: Profile) -> Report {
    match input::decode(bytes) {
        Ok(text) => validate(text, profile),
        Err(finding) => Report { syntax: None, rules: None, findings: vec![finding] },
    }
}

/// The whole verdict on one document's text: well-formedness, root, XML Schema, CEN rules,
/// then the profile's rules.
#[must_use]
pub fn validate(text: &str, profile: Profile) -> Report {
    let doc = match input::parse(text) {
        Ok(doc) => doc,
        Err(finding) => return Report { syntax: None, rules: None, findings: vec![finding] },
    };
    validate_document(&doc, profile)
}

/// The verdict on a parsed document (the caller parsed it with [`input::parse`]): root,
/// XML Schema, CEN rules, then the profile's rules.
#[must_use]
pub fn validate_document(doc: &roxmltree::Document<'_>, profile: Profile) -> Report {
    let root = doc.root_element();
    let Some(syntax) = Syntax::of_root(root.tag_name().namespace(), root.tag_name().name()) else {
        let finding = Finding {
            rule: UNKNOWN_ROOT.to_owned(),
            severity: Severity::Fatal,
            location: format!("/{}", root.tag_name().name()),
            message: format!(
                "the root element {{{}}}{} is neither a UBL Invoice or CreditNote nor a CII CrossIndustryInvoice",
                root.tag_name().namespace().unwrap_or(""),
                root.tag_name().name()
            ),
        };
        return Report { syntax: None, rules: None, findings: vec![finding] };
    };
    let rules = match profile {
        Profile::En16931 => RuleSet::En16931,
        Profile::XRechnung => RuleSet::XRechnung,
        Profile::Auto if declares_xrechnung(doc, syntax) => RuleSet::XRechnung,
        Profile::Auto => RuleSet::En16931,
    };
    let mut findings = xsd::validate(doc, syntax);
    findings.extend(schematron::check(doc, syntax, rules));
    Report { syntax: Some(syntax), rules: Some(rules), findings }
}

/// Whether BT-24 (UBL `cbc:CustomizationID`, CII `GuidelineSpecifiedDocumentContextParameter/ID`)
/// names the KoSIT XRechnung specification.
pub fn declares_xrechnung(doc: &roxmltree::Document<'_>, syntax: Syntax) -> bool {
    const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    const RAM: &str = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    let root = doc.root_element();
    let ids: Vec<&str> = if syntax.is_ubl() {
        root.children().filter(|n| n.has_tag_name((CBC, "CustomizationID"))).filter_map(|n| n.text()).collect()
    } else {
        root.children()
            .filter(|n| n.has_tag_name((Syntax::CII_NS, "ExchangedDocumentContext")))
            .flat_map(|context| context.children())
            .filter(|n| n.has_tag_name((RAM, "GuidelineSpecifiedDocumentContextParameter")))
            .flat_map(|parameter| parameter.children())
            .filter(|n| n.has_tag_name((RAM, "ID")))
            .filter_map(|n| n.text())
            .collect()
    };
    ids.iter().any(|id| id.contains("urn:xeinkauf.de:kosit:xrechnung"))
}
