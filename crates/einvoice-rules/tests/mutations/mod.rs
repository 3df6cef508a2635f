//! Broken copies of the official examples (SPEC 13.2: "a total changed, a required element
//! removed, a code replaced, a date malformed, a VAT category mixed — every rule that can fire
//! should fire in at least one test").
//!
//! Every mutation is a deterministic text edit of one example, made at node positions, so the
//! rest of the file stays byte for byte the same. Two kinds:
//!
//! - hand-written families, one business fault each, applied to every n-th example so both
//!   syntaxes meet each (`total`, `decimals`, `vat`, `rate`, `code`, `date`, `negative`,
//!   `remove`, `duplicate`, `period`, `means`, `type`, `terms`, `attachment`, `unregistered`,
//!   `bt24`, `input`);
//! - rule-directed families read from the four official stylesheets (`rules.rs`): for a rule
//!   whose context is a simple pattern, on the first example with a node in that context,
//!   `insert` adds what an assertion `not(PATH)` forbids (or what a report `PATH` flags),
//!   `twice` repeats what `count(PATH) <= 1` allows once, `drop` removes the first two simple
//!   paths the test mentions, and `garble` puts a value outside the code list of a code-list
//!   rule;
//! - `targeted` faults (`targeted.rs`), each aimed at a rule the others miss.
//!
//! The corpus is deduplicated by content and bounded by `MAX_MUTANTS`.

pub mod edit;
pub mod paths;
pub mod rules;
pub mod targeted;

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use roxmltree::{Document, Node};
use rust_decimal::Decimal;

use paths::{Selected, Step};
use rules::SheetRules;

/// The bound on the broken copies: with the 120 examples, at most 3,300 files for check.py
/// (about 5 ms a file on an idle machine, after the stylesheets compile).
pub const MAX_MUTANTS: usize = 3180;

const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const RAM: &str = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
const RSM: &str = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
const UDT: &str = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
const UBL_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const UBL_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

/// BT-24 of XRechnung 3.0 (the KoSIT scenario's CustomizationID).
pub const XRECHNUNG_30: &str = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
const EN16931: &str = "urn:cen.eu:en16931:2017";
const XRECHNUNG_EXTENSION: &str = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0";
const XRECHNUNG_CVD: &str = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0#compliant#urn:xeinkauf.de:kosit:xrechnung:cvd_0.9";

/// An official example file.
pub struct Example {
    /// A short unique name (`cen-ubl--guide-example1`).
    pub name: String,
    pub text: String,
}

/// A broken copy: `name` says which example and which mutation.
pub struct Mutant {
    pub name: String,
    pub text: String,
}

struct Base<'a, 'input> {
    name: &'a str,
    text: &'input str,
    doc: &'a Document<'input>,
    ubl: bool,
    xrechnung: bool,
}

/// Collects mutants: drops copies equal to their base or to an earlier mutant, keeps names unique.
struct Corpus {
    seen: HashSet<u64>,
    names: HashMap<String, usize>,
    out: Vec<Mutant>,
}

impl Corpus {
    fn push(&mut self, base: &Base<'_, '_>, what: &str, text: String) {
        if text == base.text || self.out.len() >= MAX_MUTANTS {
            return;
        }
        let mut hasher = DefaultHasher::new();
        text.hash(&mut hasher);
        if !self.seen.insert(hasher.finish()) {
            return;
        }
        let what: String =
            what.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).take(70).collect();
        let mut name = format!("{}--{what}", base.name);
        let count = self.names.entry(name.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            name = format!("{name}-{count}");
        }
        self.out.push(Mutant { name, text });
    }
}

/// Every broken copy of `examples`, rule-directed ones made from `sheets`.
pub fn generate(examples: &[Example], sheets: &[SheetRules]) -> Vec<Mutant> {
    let docs: Vec<Option<Document<'_>>> = examples.iter().map(|e| Document::parse(&e.text).ok()).collect();
    let bases: Vec<Base<'_, '_>> = examples
        .iter()
        .zip(&docs)
        .filter_map(|(example, doc)| {
            let doc = doc.as_ref()?;
            let root = doc.root_element();
            let ns = root.tag_name().namespace()?;
            let ubl = ns == UBL_INVOICE || ns == UBL_CREDIT_NOTE;
            (ubl || ns == RSM).then(|| Base {
                name: &example.name,
                text: &example.text,
                doc,
                ubl,
                xrechnung: bt24(doc, ubl).iter().any(|id| id.contains("urn:xeinkauf.de:kosit:xrechnung")),
            })
        })
        .collect();
    let mut corpus = Corpus { seen: HashSet::new(), names: HashMap::new(), out: Vec::new() };
    // One mutation per official rule the generic families can aim at.
    for sheet in sheets {
        rule_directed(&mut corpus, &bases, sheet);
    }
    // Faults aimed at single rules the generic families miss (`targeted.rs`).
    targeted::targeted(&mut corpus, &bases);
    // The business faults SPEC 13.2 names, each family on every n-th example (offset so the
    // families land on different ones; the examples alternate between CEN CII, CEN UBL and the
    // KoSIT suite's UBL and CII, so each family meets both syntaxes).
    let every = |i: usize, n: usize, offset: usize| (i + offset).is_multiple_of(n);
    let mut rich_count = [0usize; 2];
    for (i, base) in bases.iter().enumerate() {
        if every(i, 20, 0) {
            input_faults(&mut corpus, base, i);
        }
        if every(i, 12, 1) {
            totals(&mut corpus, base);
        }
        // The first two examples of each syntax with document-level allowances or charges get
        // every VAT category, with and without VAT registrations.
        let rich = has_document_allowances(base) && rich_count[usize::from(base.ubl)] < 2;
        if rich {
            rich_count[usize::from(base.ubl)] += 1;
        }
        vat_categories(&mut corpus, base, i, rich);
        if every(i, 36, 2) {
            codes(&mut corpus, base);
        }
        if every(i, 12, 3) {
            dates(&mut corpus, base);
        }
        if every(i, 15, 4) {
            numbers(&mut corpus, base);
        }
        if every(i, 30, 5) {
            required(&mut corpus, base);
        }
        if !base.xrechnung || every(i, 8, 0) {
            bt24_faults(&mut corpus, base, i);
        }
        if every(i, 9, 3) {
            periods(&mut corpus, base);
        }
        if every(i, 7, 1) {
            payments(&mut corpus, base);
        }
    }
    corpus.out
}

fn bt24(doc: &Document<'_>, ubl: bool) -> Vec<String> {
    bt24_nodes(doc, ubl).iter().map(|n| edit::own_text(*n)).collect()
}

fn bt24_nodes<'a, 'input>(doc: &'a Document<'input>, ubl: bool) -> Vec<Node<'a, 'input>> {
    let root = doc.root_element();
    if ubl {
        root.children().filter(|n| n.has_tag_name((CBC, "CustomizationID"))).collect()
    } else {
        root.children()
            .filter(|n| n.has_tag_name((RSM, "ExchangedDocumentContext")))
            .flat_map(|c| c.children())
            .filter(|n| n.has_tag_name((RAM, "GuidelineSpecifiedDocumentContextParameter")))
            .flat_map(|p| p.children())
            .filter(|n| n.has_tag_name((RAM, "ID")))
            .collect()
    }
}

/// Elements with this namespace and local name, in document order.
fn all<'a, 'input>(base: &Base<'a, 'input>, ns: &str, local: &str) -> Vec<Node<'a, 'input>> {
    base.doc.descendants().filter(|n| n.has_tag_name((ns, local))).collect()
}

fn first<'a, 'input>(base: &Base<'a, 'input>, ns: &str, local: &str) -> Option<Node<'a, 'input>> {
    base.doc.descendants().find(|n| n.has_tag_name((ns, local)))
}

fn child<'a, 'input>(node: Node<'a, 'input>, ns: &str, local: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|n| n.has_tag_name((ns, local)))
}

/// Not well-formed, empty, an unknown root.
fn input_faults(corpus: &mut Corpus, base: &Base<'_, '_>, i: usize) {
    let cut = base.text.len() / 2;
    let cut = (0..=cut).rev().find(|&c| base.text.is_char_boundary(c)).unwrap_or(0);
    corpus.push(base, "input-truncated", base.text[..cut].to_owned());
    corpus.push(base, "input-mismatched-tag", base.text.replacen("</", "</x", 1));
    let ns = base.doc.root_element().tag_name().namespace().unwrap_or_default();
    corpus.push(base, "input-unknown-root", base.text.replacen(ns, "urn:example:not-an-invoice", 1));
    if i == 0 {
        corpus.push(base, "input-empty", String::new());
        corpus.push(base, "input-text-only", "not xml at all\n".to_owned());
    }
}

/// "A total changed": each document total, and the first line and VAT breakdown amounts, +0.01.
fn totals(corpus: &mut Corpus, base: &Base<'_, '_>) {
    let mut targets: Vec<Node<'_, '_>> = Vec::new();
    if base.ubl {
        if let Some(total) = first(base, CAC, "LegalMonetaryTotal") {
            targets.extend(total.children().filter(|n| n.is_element()));
        }
        for (ns, local) in [(CBC, "TaxAmount"), (CBC, "TaxableAmount"), (CBC, "PriceAmount"), (CBC, "BaseAmount")] {
            targets.extend(first(base, ns, local));
        }
        let line = first(base, CAC, "InvoiceLine").or_else(|| first(base, CAC, "CreditNoteLine"));
        targets.extend(line.and_then(|l| child(l, CBC, "LineExtensionAmount")));
        targets.extend(first(base, CAC, "AllowanceCharge").and_then(|a| child(a, CBC, "Amount")));
    } else {
        if let Some(total) = first(base, RAM, "SpecifiedTradeSettlementHeaderMonetarySummation") {
            targets.extend(total.children().filter(|n| n.is_element()));
        }
        for local in ["CalculatedAmount", "BasisAmount", "LineTotalAmount", "ChargeAmount", "ActualAmount"] {
            targets.extend(first(base, RAM, local));
        }
    }
    for node in targets {
        let Ok(value) = Decimal::from_str(&edit::own_text(node)) else { continue };
        let what = format!("total-{}", node.tag_name().name());
        corpus.push(base, &what, edit::set_content(base.text, node, &(value + Decimal::new(1, 2)).to_string()));
    }
}

/// The VAT category elements and the rates next to them.
fn vat_nodes<'a, 'input>(base: &Base<'a, 'input>) -> Vec<(Node<'a, 'input>, Option<Node<'a, 'input>>)> {
    let mut out = Vec::new();
    for node in base.doc.descendants() {
        if base.ubl
            && (node.has_tag_name((CAC, "TaxCategory")) || node.has_tag_name((CAC, "ClassifiedTaxCategory")))
            && let Some(id) = child(node, CBC, "ID")
        {
            out.push((id, child(node, CBC, "Percent")));
        }
        if !base.ubl
            && (node.has_tag_name((RAM, "ApplicableTradeTax")) || node.has_tag_name((RAM, "CategoryTradeTax")))
            && let Some(code) = child(node, RAM, "CategoryCode")
        {
            out.push((code, child(node, RAM, "RateApplicablePercent")));
        }
    }
    out
}

/// "A VAT category mixed": every category replaced by each other one (rates kept), only the
/// first line's one replaced, rates set to 0 and to 19.
fn vat_categories(corpus: &mut Corpus, base: &Base<'_, '_>, i: usize, rich: bool) {
    let nodes = vat_nodes(base);
    if nodes.is_empty() {
        return;
    }
    // The seller's, buyer's and representative's VAT registrations (BR-x-02 to -04 need them).
    let registrations: Vec<Node<'_, '_>> =
        if base.ubl { all(base, CAC, "PartyTaxScheme") } else { all(base, RAM, "SpecifiedTaxRegistration") };
    for code in ["S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B", "X"] {
        // Every 4th example gets the full swap of a rotating category; every 30th and the first
        // two with document-level allowances and charges ("rich") get all of them.
        if !rich
            && !i.is_multiple_of(30)
            && (!i.is_multiple_of(4) || code != ["S", "Z", "E", "AE", "K", "G", "O", "L", "M"][i / 4 % 9])
        {
            continue;
        }
        let mut text = base.text.to_owned();
        // Edit from the end so earlier positions stay valid.
        for (node, _) in nodes.iter().rev() {
            text = edit::set_content(&text, *node, code);
        }
        corpus.push(base, &format!("vat-all-{code}"), text);
        if rich && !registrations.is_empty() {
            // The same without any VAT registration: categories and registrations edited from
            // the end of the file backwards (they never nest).
            let mut targets: Vec<(Node<'_, '_>, bool)> =
                nodes.iter().map(|(n, _)| (*n, true)).chain(registrations.iter().map(|n| (*n, false))).collect();
            targets.sort_by_key(|(n, _)| std::cmp::Reverse(n.range().start));
            let mut text = base.text.to_owned();
            for (node, category) in targets {
                text = if category { edit::set_content(&text, node, code) } else { edit::remove(&text, node) };
            }
            corpus.push(base, &format!("vat-all-{code}-unregistered"), text);
        }
        if rich {
            continue;
        }
        if let Some((node, _)) = nodes.iter().rev().find(|(n, _)| n.ancestors().any(is_line)) {
            corpus.push(base, &format!("vat-line-{code}"), edit::set_content(base.text, *node, code));
        }
        if let Some((node, _)) = nodes.iter().find(|(n, _)| !n.ancestors().any(is_line)) {
            corpus.push(base, &format!("vat-doc-{code}"), edit::set_content(base.text, *node, code));
        }
    }
    if !i.is_multiple_of(8) {
        return;
    }
    for rate in ["0", "19", "-5"] {
        let mut text = base.text.to_owned();
        for (_, percent) in nodes.iter().rev() {
            if let Some(p) = percent {
                text = edit::set_content(&text, *p, rate);
            }
        }
        corpus.push(base, &format!("rate-all-{rate}"), text);
    }
    // Rates removed, and a first category whose rate is removed.
    let mut text = base.text.to_owned();
    for (_, percent) in nodes.iter().rev() {
        if let Some(p) = percent {
            text = edit::remove(&text, *p);
        }
    }
    corpus.push(base, "rate-all-removed", text);
}

fn has_document_allowances(base: &Base<'_, '_>) -> bool {
    if base.ubl {
        base.doc.root_element().children().any(|n| n.has_tag_name((CAC, "AllowanceCharge")))
    } else {
        all(base, RAM, "ApplicableHeaderTradeSettlement")
            .iter()
            .any(|s| s.children().any(|n| n.has_tag_name((RAM, "SpecifiedTradeAllowanceCharge"))))
    }
}

fn is_line(node: Node<'_, '_>) -> bool {
    node.has_tag_name((CAC, "InvoiceLine"))
        || node.has_tag_name((CAC, "CreditNoteLine"))
        || node.has_tag_name((RAM, "IncludedSupplyChainTradeLineItem"))
}

/// "A code replaced": the first occurrence of each coded element or attribute gets a value
/// outside its code list.
fn codes(corpus: &mut Corpus, base: &Base<'_, '_>) {
    let (elements, attributes): (&[(&str, &str, &str)], &[&str]) = if base.ubl {
        (
            &[
                (CBC, "DocumentCurrencyCode", "XXX"),
                (CBC, "TaxCurrencyCode", "XXX"),
                (CBC, "IdentificationCode", "XX"),
                (CBC, "InvoiceTypeCode", "999"),
                (CBC, "CreditNoteTypeCode", "999"),
                (CBC, "PaymentMeansCode", "999"),
                (CBC, "TaxExemptionReasonCode", "VATEX-XX-999"),
                (CBC, "AllowanceChargeReasonCode", "ZZZZ"),
                (CBC, "DescriptionCode", "999"),
                (CBC, "DocumentTypeCode", "999"),
                (CBC, "ItemClassificationCode", ""),
                (CBC, "EndpointID", ""),
            ],
            &["currencyID", "unitCode", "schemeID", "listID", "mimeCode"],
        )
    } else {
        (
            &[
                (RAM, "InvoiceCurrencyCode", "XXX"),
                (RAM, "TaxCurrencyCode", "XXX"),
                (RAM, "CountryID", "XX"),
                (RAM, "TypeCode", "999"),
                (RAM, "ExemptionReasonCode", "VATEX-XX-999"),
                (RAM, "ReasonCode", "ZZZZ"),
                (RAM, "DueDateTypeCode", "9"),
                (RAM, "SubjectCode", "ZZZ"),
                (RAM, "ReferenceTypeCode", "ZZZ"),
                (RAM, "ClassCode", ""),
                (RAM, "URIID", ""),
            ],
            &["currencyID", "unitCode", "schemeID", "listID", "mimeCode", "format"],
        )
    };
    for (ns, local, bad) in elements {
        let nodes = all(base, ns, local);
        // Each occurrence of a type code (document, payment means, tax) is a different rule.
        for node in nodes.iter().take(if *local == "TypeCode" { 4 } else { 1 }) {
            let parent = node.parent().map(|p| p.tag_name().name()).unwrap_or_default();
            corpus.push(base, &format!("code-{parent}-{local}"), edit::set_content(base.text, *node, bad));
        }
    }
    for attribute in attributes {
        let mut seen_parents = HashSet::new();
        for node in base.doc.descendants().filter(|n| n.attribute(*attribute).is_some()) {
            if !seen_parents.insert(node.tag_name().name()) {
                continue;
            }
            let what = format!("code-{}-{attribute}", node.tag_name().name());
            corpus.push(base, &what, edit::set_attribute(base.text, node, attribute, "ZZZ9"));
            if matches!(*attribute, "currencyID" | "schemeID" | "unitCode")
                && let Some(text) = edit::remove_attribute(base.text, node, attribute)
            {
                corpus.push(base, &format!("{what}-removed"), text);
            }
        }
    }
}

/// "A date malformed": each date gets an impossible day, a different layout, an unknown format
/// code; and the due date moves before the issue date.
fn dates(corpus: &mut Corpus, base: &Base<'_, '_>) {
    if base.ubl {
        let dates: Vec<Node<'_, '_>> = base
            .doc
            .descendants()
            .filter(|n| n.tag_name().namespace() == Some(CBC) && n.tag_name().name().ends_with("Date"))
            .collect();
        let mut seen = HashSet::new();
        for node in dates {
            if !seen.insert(node.tag_name().name()) {
                continue;
            }
            let what = format!("date-{}", node.tag_name().name());
            corpus.push(base, &format!("{what}-day"), edit::set_content(base.text, node, "2024-02-30"));
            corpus.push(base, &format!("{what}-layout"), edit::set_content(base.text, node, "20240115"));
        }
        if let (Some(issue), Some(due)) = (first(base, CBC, "IssueDate"), first(base, CBC, "DueDate")) {
            let earlier = edit::own_text(issue).replacen("20", "19", 1);
            corpus.push(base, "date-due-before-issue", edit::set_content(base.text, due, &earlier));
        }
    } else {
        let mut seen = HashSet::new();
        for node in all(base, UDT, "DateTimeString") {
            let parent = node.parent().map(|p| p.tag_name().name()).unwrap_or_default();
            if !seen.insert(parent) {
                continue;
            }
            let what = format!("date-{parent}");
            corpus.push(base, &format!("{what}-day"), edit::set_content(base.text, node, "20240230"));
            corpus.push(base, &format!("{what}-layout"), edit::set_content(base.text, node, "2024-01-15"));
            corpus.push(base, &format!("{what}-format"), edit::set_attribute(base.text, node, "format", "999"));
        }
    }
}

/// Negative quantities, prices and rates, and amounts with three decimals.
fn numbers(corpus: &mut Corpus, base: &Base<'_, '_>) {
    let targets: &[(&str, &str)] = if base.ubl {
        &[
            (CBC, "InvoicedQuantity"),
            (CBC, "CreditedQuantity"),
            (CBC, "PriceAmount"),
            (CBC, "BaseQuantity"),
            (CBC, "Percent"),
            (CBC, "MultiplierFactorNumeric"),
            (CBC, "PayableAmount"),
        ]
    } else {
        &[
            (RAM, "BilledQuantity"),
            (RAM, "ChargeAmount"),
            (RAM, "BasisQuantity"),
            (RAM, "RateApplicablePercent"),
            (RAM, "CalculationPercent"),
            (RAM, "DuePayableAmount"),
        ]
    };
    for (ns, local) in targets {
        let Some(node) = first(base, ns, local) else { continue };
        corpus.push(base, &format!("negative-{local}"), edit::set_content(base.text, node, "-1"));
    }
    // BR-DEC: every kind of amount with a third decimal.
    let mut seen = HashSet::new();
    for node in base.doc.descendants().filter(|n| n.is_element() && n.tag_name().name().ends_with("Amount")) {
        let Ok(value) = Decimal::from_str(&edit::own_text(node)) else { continue };
        let key = (node.tag_name().name(), node.parent().map(|p| p.tag_name().name()).unwrap_or_default());
        if !seen.insert(key) {
            continue;
        }
        let what = format!("decimals-{}-{}", key.1, key.0);
        corpus.push(base, &what, edit::set_content(base.text, node, &(value + Decimal::new(1, 3)).to_string()));
    }
}

/// "A required element removed" (the rule-directed `drop` family removes many more), plus
/// duplicated elements.
fn required(corpus: &mut Corpus, base: &Base<'_, '_>) {
    let targets: &[(&str, &str)] = if base.ubl {
        &[
            (CBC, "ID"),
            (CBC, "IssueDate"),
            (CBC, "InvoiceTypeCode"),
            (CBC, "CreditNoteTypeCode"),
            (CBC, "DocumentCurrencyCode"),
            (CBC, "CustomizationID"),
            (CAC, "AccountingSupplierParty"),
            (CAC, "AccountingCustomerParty"),
            (CAC, "LegalMonetaryTotal"),
            (CAC, "TaxTotal"),
            (CAC, "InvoiceLine"),
            (CAC, "CreditNoteLine"),
            (CAC, "PaymentMeans"),
            (CAC, "PostalAddress"),
            (CBC, "RegistrationName"),
            (CAC, "Item"),
            (CAC, "Price"),
            (CAC, "TaxSubtotal"),
            (CAC, "TaxCategory"),
            (CAC, "ClassifiedTaxCategory"),
            (CAC, "TaxScheme"),
            (CBC, "BuyerReference"),
            (CBC, "EndpointID"),
        ]
    } else {
        &[
            (RSM, "ExchangedDocumentContext"),
            (RSM, "ExchangedDocument"),
            (RAM, "IssueDateTime"),
            (RAM, "SellerTradeParty"),
            (RAM, "BuyerTradeParty"),
            (RAM, "SpecifiedTradeSettlementHeaderMonetarySummation"),
            (RAM, "IncludedSupplyChainTradeLineItem"),
            (RAM, "ApplicableTradeTax"),
            (RAM, "InvoiceCurrencyCode"),
            (RAM, "PostalTradeAddress"),
            (RAM, "SpecifiedTradeProduct"),
            (RAM, "NetPriceProductTradePrice"),
            (RAM, "SpecifiedTradeSettlementPaymentMeans"),
            (RAM, "BuyerReference"),
            (RAM, "URIUniversalCommunication"),
            (RAM, "SpecifiedLegalOrganization"),
            (RAM, "DefinedTradeContact"),
            (RAM, "BilledQuantity"),
            (RAM, "LineTotalAmount"),
            (RAM, "TaxBasisTotalAmount"),
            (RAM, "GrandTotalAmount"),
            (RAM, "DuePayableAmount"),
        ]
    };
    for (ns, local) in targets {
        let Some(node) = first(base, ns, local) else { continue };
        corpus.push(base, &format!("remove-{local}"), edit::remove(base.text, node));
        let copy = &base.text[node.range()];
        corpus.push(base, &format!("duplicate-{local}"), edit::insert_after(base.text, node, copy));
    }
}

/// Invoicing periods: the end before the start, no dates at all, and (BR-CO-03) a tax point
/// date next to a VAT date code.
fn periods(corpus: &mut Corpus, base: &Base<'_, '_>) {
    let (period, start, end) = if base.ubl {
        ((CAC, "InvoicePeriod"), (CBC, "StartDate"), (CBC, "EndDate"))
    } else {
        ((RAM, "BillingSpecifiedPeriod"), (RAM, "StartDateTime"), (RAM, "EndDateTime"))
    };
    let mut seen = HashSet::new();
    for node in all(base, period.0, period.1) {
        let level = if node.ancestors().any(is_line) { "line" } else { "doc" };
        if !seen.insert(level) {
            continue;
        }
        let (first_date, last_date) = (child(node, start.0, start.1), child(node, end.0, end.1));
        if let Some(last) = last_date {
            // The end date's own value, moved back: an element (UBL) or a DateTimeString (CII).
            let target = if base.ubl { Some(last) } else { last.children().find(|c| c.is_element()) };
            if let Some(target) = target {
                let earlier = edit::own_text(target).replacen("20", "19", 1);
                corpus.push(base, &format!("period-{level}-reversed"), edit::set_content(base.text, target, &earlier));
            }
        }
        if let Some(first_date) = first_date {
            let target = if base.ubl { Some(first_date) } else { first_date.children().find(|c| c.is_element()) };
            if let Some(target) = target {
                let earlier = edit::own_text(target).replacen("20", "19", 1);
                corpus.push(base, &format!("period-{level}-early"), edit::set_content(base.text, target, &earlier));
            }
        }
        let mut text = base.text.to_owned();
        for date in [last_date, first_date].into_iter().flatten() {
            text = edit::remove(&text, date);
        }
        corpus.push(base, &format!("period-{level}-undated"), text);
    }
    // BR-CO-03: both a tax point date and a VAT point date code.
    if base.ubl {
        if let Some(node) = child(base.doc.root_element(), CAC, "InvoicePeriod") {
            let text = edit::append_child(
                base.text,
                base.doc.root_element(),
                &format!("<cbc:TaxPointDate xmlns:cbc=\"{CBC}\">2024-01-01</cbc:TaxPointDate>"),
            );
            let code = format!("<cbc:DescriptionCode xmlns:cbc=\"{CBC}\">3</cbc:DescriptionCode>");
            corpus.push(base, "period-taxpoint-and-code", edit::append_child(&text, node, &code));
        }
    } else if let Some(tax) = base.doc.descendants().find(|n| {
        n.has_tag_name((RAM, "ApplicableTradeTax"))
            && n.parent().is_some_and(|p| !is_line(p))
            && !n.ancestors().any(is_line)
    }) {
        let markup = format!(
            "<ram:TaxPointDate xmlns:ram=\"{RAM}\"><udt:DateString xmlns:udt=\"{UDT}\" format=\"102\">20240101</udt:DateString></ram:TaxPointDate><ram:DueDateTypeCode xmlns:ram=\"{RAM}\">5</ram:DueDateTypeCode>"
        );
        corpus.push(base, "period-taxpoint-and-code", edit::append_child(base.text, tax, &markup));
    }
}

/// Payment means and terms: each means code (credit transfer, SEPA, card, direct debit) with
/// what came with the original, an account that is no IBAN, a corrected invoice (384) with no
/// preceding invoice, a discount line in the payment terms that breaks KoSIT's Skonto format.
fn payments(corpus: &mut Corpus, base: &Base<'_, '_>) {
    let (means, account, type_code, terms) = if base.ubl {
        (
            first(base, CBC, "PaymentMeansCode"),
            first(base, CAC, "PayeeFinancialAccount").and_then(|a| child(a, CBC, "ID")),
            first(base, CBC, "InvoiceTypeCode").or_else(|| first(base, CBC, "CreditNoteTypeCode")),
            first(base, CAC, "PaymentTerms").and_then(|t| child(t, CBC, "Note")),
        )
    } else {
        (
            first(base, RAM, "SpecifiedTradeSettlementPaymentMeans").and_then(|m| child(m, RAM, "TypeCode")),
            first(base, RAM, "PayeePartyCreditorFinancialAccount").and_then(|a| child(a, RAM, "IBANID")),
            first(base, RSM, "ExchangedDocument").and_then(|d| child(d, RAM, "TypeCode")),
            first(base, RAM, "SpecifiedTradePaymentTerms").and_then(|t| child(t, RAM, "Description")),
        )
    };
    if let Some(means) = means {
        for code in ["30", "58", "59", "48", "54", "1"] {
            corpus.push(base, &format!("means-{code}"), edit::set_content(base.text, means, code));
        }
    }
    if let Some(account) = account {
        corpus.push(base, "means-account-not-iban", edit::set_content(base.text, account, "DE00 1234 X"));
    }
    if let Some(type_code) = type_code {
        corpus.push(base, "type-384-corrected", edit::set_content(base.text, type_code, "384"));
    }
    // Two attachments with one file name (BR-DE-22), and no VAT registration at all (BR-DE-16).
    let attachment = if base.ubl {
        all(base, CAC, "AdditionalDocumentReference")
            .into_iter()
            .find(|d| d.descendants().any(|n| n.has_tag_name((CBC, "EmbeddedDocumentBinaryObject"))))
    } else {
        all(base, RAM, "AdditionalReferencedDocument")
            .into_iter()
            .find(|d| d.descendants().any(|n| n.has_tag_name((RAM, "AttachmentBinaryObject"))))
    };
    if let Some(attachment) = attachment {
        let copy = &base.text[attachment.range()];
        corpus.push(base, "attachment-twice", edit::insert_after(base.text, attachment, copy));
    }
    let registrations =
        if base.ubl { all(base, CAC, "PartyTaxScheme") } else { all(base, RAM, "SpecifiedTaxRegistration") };
    if !registrations.is_empty() {
        let mut text = base.text.to_owned();
        for node in registrations.iter().rev() {
            text = edit::remove(&text, *node);
        }
        corpus.push(base, "unregistered", text);
    }
    if let Some(terms) = terms {
        let note = "#SKONTO#TAGE=7#PROZENT=2,00#\n#SKONTO#TAGE=x#";
        corpus.push(base, "terms-skonto-malformed", edit::set_content(base.text, terms, note));
    }
}

/// BT-24: an unknown XRechnung version (no KoSIT scenario matches), XRechnung 3.0 declared on
/// a plain EN 16931 example (the KoSIT rules then judge it), plain EN 16931 on an XRechnung one.
fn bt24_faults(corpus: &mut Corpus, base: &Base<'_, '_>, i: usize) {
    let nodes = bt24_nodes(base.doc, base.ubl);
    let Some(node) = nodes.first() else { return };
    if base.xrechnung {
        let older = edit::own_text(*node).replace("xrechnung_3.0", "xrechnung_2.3");
        corpus.push(base, "bt24-unknown-version", edit::set_content(base.text, *node, &older));
        corpus.push(base, "bt24-en16931", edit::set_content(base.text, *node, EN16931));
        // The extension and CVD scenarios (their own KoSIT rules and severities).
        let other = if i.is_multiple_of(2) { XRECHNUNG_EXTENSION } else { XRECHNUNG_CVD };
        corpus.push(base, "bt24-other-scenario", edit::set_content(base.text, *node, other));
    } else {
        corpus.push(base, "bt24-xrechnung", edit::set_content(base.text, *node, XRECHNUNG_30));
    }
}

/// The rule-directed families for one stylesheet (see the module comment).
fn rule_directed(corpus: &mut Corpus, bases: &[Base<'_, '_>], sheet: &SheetRules) {
    let xrechnung = sheet.sheet.layer == "XRechnung";
    // XRechnung rules only run on files that declare XRechnung; CEN rules on all.
    let candidates: Vec<&Base<'_, '_>> =
        bases.iter().filter(|b| b.ubl == sheet.sheet.ubl && (!xrechnung || b.xrechnung)).collect();
    let mut done: HashSet<(String, String)> = HashSet::new();
    for rule in &sheet.rules {
        let Some(patterns) = paths::patterns(&rule.context, &sheet.prefixes) else { continue };
        let contexts = || {
            candidates.iter().flat_map(|b| {
                b.doc.descendants().filter(|n| n.is_element() && paths::matches(*n, &patterns)).map(move |n| (*b, n))
            })
        };
        // insert: what `not(PATH)` forbids, or what a report `PATH` flags.
        let forbidden = if rule.report {
            Some(rule.test.trim())
        } else {
            rule.test.trim().strip_prefix("not(").and_then(|t| t.strip_suffix(')'))
        };
        if let Some(forbidden) = forbidden {
            let inserted = if let Some(attr) = forbidden.strip_prefix("//@") {
                // An attribute anywhere: on the first leaf element of the context.
                contexts().find_map(|(b, n)| {
                    let leaf = n.descendants().find(|d| d.is_element() && !d.children().any(|c| c.is_element()))?;
                    (leaf.attribute(attr).is_none()).then(|| (b, edit::set_attribute(b.text, leaf, attr, "1")))
                })
            } else if let Some(path) = forbidden.strip_prefix("//").and_then(|p| paths::parse(p, &sheet.prefixes)) {
                // A path anywhere: under the parent of an element its first step names, or else
                // under the document element.
                contexts().find_map(|(b, _)| {
                    let first = match path.steps.first() {
                        Some(Step::Element { ns, local, .. }) => {
                            b.doc.descendants().find(|n| n.has_tag_name((ns.as_str(), local.as_str())))
                        }
                        _ => None,
                    };
                    let parent = first.and_then(|n| n.parent()).filter(|n| n.is_element());
                    insert(b.text, parent.unwrap_or(b.doc.root_element()), &path).map(|t| (b, t))
                })
            } else {
                paths::expand_union(forbidden)
                    .iter()
                    .filter_map(|p| paths::parse(p, &sheet.prefixes))
                    .find_map(|path| contexts().find_map(|(b, n)| insert(b.text, n, &path).map(|t| (b, t))))
            };
            if let Some((base, text)) = inserted {
                corpus.push(base, &format!("insert-{}", rule.id), text);
            }
        }
        // twice: a second copy of what `count(PATH) <= 1` allows once.
        if let Some(once) = at_most_once(&rule.test) {
            let doubled =
                paths::expand_union(&once).iter().filter_map(|p| paths::parse(p, &sheet.prefixes)).find_map(|path| {
                    contexts().find_map(|(b, n)| match paths::select(n, &path) {
                        Some(Selected::Element(node)) => {
                            Some((b, edit::insert_after(b.text, node, &b.text[node.range()])))
                        }
                        _ => None,
                    })
                });
            if let Some((base, text)) = doubled {
                corpus.push(base, &format!("twice-{}", rule.id), text);
            }
        }
        if rule.report {
            continue;
        }
        // drop: the first two simple paths the assertion mentions, once per (example, node).
        for path in paths::mentioned(&rule.test, &sheet.prefixes).into_iter().take(2) {
            let found = contexts().find_map(|(b, n)| paths::select(n, &path).map(|s| (b, s)));
            let Some((base, selected)) = found else { continue };
            let (key, text) = match selected {
                Selected::Element(node) => (format!("{:?}", node.range()), Some(edit::remove(base.text, node))),
                Selected::Attribute(node, name) => {
                    (format!("{:?}@{name}", node.range()), edit::remove_attribute(base.text, node, &name))
                }
            };
            if let Some(text) = text
                && done.insert((base.name.to_owned(), key))
            {
                corpus.push(base, &format!("drop-{}", rule.id), text);
            }
        }
        // garble: a value outside the code list a code-list rule checks.
        if rule.test.contains("contains(' ") {
            let attr =
                paths::mentioned(&rule.test, &sheet.prefixes).into_iter().find_map(|p| match p.steps.as_slice() {
                    [Step::Attribute(name)] => Some(name.clone()),
                    _ => None,
                });
            let found = contexts().find(|(_, n)| attr.as_ref().is_none_or(|a| n.attribute(a.as_str()).is_some()));
            if let Some((base, node)) = found {
                let text = match &attr {
                    Some(name) => edit::set_attribute(base.text, node, name, "ZZZ9"),
                    None => edit::set_content(base.text, node, "ZZZ9"),
                };
                corpus.push(base, &format!("garble-{}", rule.id), text);
            }
        }
    }
}

/// `PATH` of a test `count(PATH) <= 1` (blanks and outer parentheses aside).
fn at_most_once(test: &str) -> Option<String> {
    let compact: String = test.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = match compact.strip_prefix('(').and_then(|c| c.strip_suffix(')')) {
        Some(inner) if inner.starts_with("count(") => inner.to_owned(),
        _ => compact,
    };
    compact.strip_prefix("count(")?.strip_suffix(")<=1").map(str::to_owned)
}

/// `text` with `path` made to exist under `context` (the missing steps appended as its last
/// child), or `None` when it already exists.
fn insert(text: &str, context: Node<'_, '_>, path: &paths::SimplePath) -> Option<String> {
    let mut current = if path.absolute { context.document().root() } else { context };
    for (i, step) in path.steps.iter().enumerate() {
        match step {
            Step::Element { ns, local, .. } => {
                if let Some(next) = current.children().find(|c| c.has_tag_name((ns.as_str(), local.as_str()))) {
                    current = next;
                    continue;
                }
                if current.is_root() {
                    return None;
                }
                return Some(edit::append_child(text, current, &build(&path.steps[i..])));
            }
            Step::Attribute(name) => {
                if current.is_root() || current.attribute(name.as_str()).is_some() {
                    return None;
                }
                return Some(edit::set_attribute(text, current, name, "1"));
            }
        }
    }
    None
}

/// Markup for nested elements `steps` (the last may be an attribute), each declaring its prefix.
fn build(steps: &[Step]) -> String {
    let mut open = String::new();
    let mut close = String::new();
    for (i, step) in steps.iter().enumerate() {
        if let Step::Element { ns, prefix, local } = step {
            let attr = match steps.get(i + 1) {
                Some(Step::Attribute(name)) => format!(" {name}=\"1\""),
                _ => String::new(),
            };
            open.push_str(&format!("<{prefix}:{local} xmlns:{prefix}=\"{ns}\"{attr}>"));
            close = format!("</{prefix}:{local}>{close}");
        }
    }
    format!("{open}1{close}")
}
