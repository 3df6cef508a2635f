//! The XML Schema of the syntax (UBL 2.1, CII D16B): every error is a finding with rule `XSD`.
//!
//! The shipped schemas (`artefacts/xsd/`) are compiled ahead of time into static tables
//! (`generated.rs`, written by `compile.rs` through `tests/xsd_generate.rs`, which also proves
//! the tables match the files), so loading a schema costs nothing at run time: the tables hold
//! string handles and index spans, not pointers, so the dynamic loader has next to nothing to
//! relocate in them at process start (see `model`). The verdict
//! follows libxml2's, the engine of the official checker: content models in document order,
//! required and unknown attributes, `fixed` values, wildcards (`lax` children are validated
//! when a global declaration names them), the built-in types' lexical rules and the facets,
//! `xs:ID` uniqueness, `xsi:nil` (no element is nillable) and `xsi:type` (only the declared
//! type itself: the shipped schemas derive nothing from the types their elements declare).

pub mod compile;
#[rustfmt::skip]
mod generated;
pub mod model;
pub mod value;

use std::collections::HashSet;

use model::{Content, Element, Particle, Process, Schema, Str, Term, Type, Wildcard};

use crate::{Finding, Severity, Syntax};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// How deep the validator descends (the recursion is per element level; e-invoices are about
/// ten levels deep, and the input layer bounds depth before this).
pub const MAX_DEPTH: usize = 256;

/// The compiled schema set of a syntax (UBL Invoice and CreditNote share one).
pub fn schema(syntax: Syntax) -> &'static Schema {
    match syntax {
        Syntax::UblInvoice | Syntax::UblCreditNote => &generated::UBL,
        Syntax::Cii => &generated::CII,
    }
}

/// Schema errors of a parsed document.
pub fn validate(doc: &roxmltree::Document<'_>, syntax: Syntax) -> Vec<Finding> {
    let root = doc.root_element();
    // The other UBL document element is not part of this document's schema.
    let excluded = match syntax {
        Syntax::UblInvoice => Some("CreditNote"),
        Syntax::UblCreditNote => Some("Invoice"),
        Syntax::Cii => None,
    };
    let mut v =
        Validator { schema: schema(syntax), doc, excluded, findings: Vec::new(), ids: HashSet::new(), depth: 0 };
    let (ns, name) = (root.tag_name().namespace().unwrap_or(""), root.tag_name().name());
    match v.global(ns, name) {
        Some(decl) => v.element(root, decl),
        None => v.error(root, format!("no declaration for the document element {}", display(ns, name))),
    }
    v.findings
}

struct Validator<'d, 'input> {
    schema: &'static Schema,
    doc: &'d roxmltree::Document<'input>,
    excluded: Option<&'static str>,
    findings: Vec<Finding>,
    ids: HashSet<String>,
    depth: usize,
}

/// A name as messages show it: the usual prefix for the namespaces of e-invoices.
fn display(ns: &str, name: &str) -> String {
    let prefix = match ns {
        "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" => "cbc",
        "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" => "cac",
        "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2" => "ext",
        "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
        | "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" => "",
        "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" => "rsm",
        "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" => "ram",
        "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100" => "udt",
        "urn:un:unece:uncefact:data:standard:QualifiedDataType:100" => "qdt",
        "http://www.w3.org/2000/09/xmldsig#" => "ds",
        "" => "",
        other => return format!("{{{other}}}{name}"),
    };
    if prefix.is_empty() { name.to_owned() } else { format!("{prefix}:{name}") }
}

fn node_name(node: roxmltree::Node<'_, '_>) -> String {
    display(node.tag_name().namespace().unwrap_or(""), node.tag_name().name())
}

impl Validator<'_, '_> {
    fn error(&mut self, node: roxmltree::Node<'_, '_>, message: String) {
        let line = self.doc.text_pos_at(node.range().start).row;
        self.findings.push(Finding {
            rule: "XSD".to_owned(),
            severity: Severity::Fatal,
            location: format!("line {line}"),
            message,
        });
    }

    fn global(&self, ns: &str, name: &str) -> Option<&'static Element> {
        if self.excluded == Some(name) && ns.starts_with("urn:oasis:names:specification:ubl:schema:xsd:") {
            return None;
        }
        let elements = self.schema.elements;
        // `str` orders by its bytes, so the compiler's sort of the `(ns, name)` strings holds.
        elements
            .binary_search_by(|e| (e.ns.bytes(), e.name.bytes()).cmp(&(ns.as_bytes(), name.as_bytes())))
            .ok()
            .and_then(|i| elements.get(i))
    }

    fn element(&mut self, node: roxmltree::Node<'_, '_>, decl: &Element) {
        if self.depth >= MAX_DEPTH {
            self.error(node, format!("element {}: nested deeper than {MAX_DEPTH} levels", node_name(node)));
            return;
        }
        self.depth += 1;
        self.element_checks(node, decl);
        self.depth -= 1;
    }

    fn element_checks(&mut self, node: roxmltree::Node<'_, '_>, decl: &Element) {
        if node.attribute((XSI, "nil")).is_some() && !decl.nillable {
            self.error(node, format!("element {}: xsi:nil is set but the element is not nillable", node_name(node)));
        }
        if let Some(xsi_type) = node.attribute((XSI, "type"))
            && decl.ty != Type::Any
        {
            // Only the declared type itself is accepted: the shipped schemas derive no types
            // from the ones their elements declare.
            let (prefix, local) =
                xsi_type.trim().split_once(':').map_or((None, xsi_type.trim()), |(p, l)| (Some(p), l));
            let named = node.lookup_namespace_uri(prefix).unwrap_or("");
            let declared = decl.type_name.map(|(ns, n)| (ns.as_str(), n.as_str()));
            if declared != Some((named, local)) {
                let declared = declared.map_or("an anonymous type".to_owned(), |(ns, n)| display(ns, n));
                self.error(
                    node,
                    format!("element {}: xsi:type {xsi_type:?} is not its declared type {declared}", node_name(node)),
                );
            }
        }
        match decl.ty {
            Type::Any => self.any_type(node),
            Type::Simple(s) => {
                for a in node.attributes() {
                    if !is_xsi(&a) {
                        self.error(
                            node,
                            format!("element {}: attribute {} is not allowed", node_name(node), attr_name(&a)),
                        );
                    }
                }
                self.simple_content(node, s);
            }
            Type::Complex(c) => self.complex(node, c),
        }
    }

    fn complex(&mut self, node: roxmltree::Node<'_, '_>, index: u16) {
        let Some(t) = self.schema.complex.get(usize::from(index)) else { return };
        let attributes = self.schema.attributes(t.attributes);
        for a in node.attributes() {
            let ns = a.namespace().unwrap_or("");
            if let Some(decl) = attributes.iter().find(|d| d.ns.is(ns) && d.name.is(a.name())) {
                self.attribute_value(node, &a, decl.ty, decl.fixed.map(Str::as_str));
            } else if !is_xsi(&a)
                && let Some(w) = t.any_attribute.filter(|w| w.namespaces.accepts(ns))
            {
                if w.process == Process::Strict {
                    self.error(
                        node,
                        format!(
                            "element {}: attribute {} has no global declaration, which the strict wildcard demands",
                            node_name(node),
                            attr_name(&a)
                        ),
                    );
                }
            } else if !is_xsi(&a) {
                self.error(node, format!("element {}: attribute {} is not allowed", node_name(node), attr_name(&a)));
            }
        }
        for decl in attributes.iter().filter(|d| d.required) {
            let present = node.attributes().any(|a| decl.ns.is(a.namespace().unwrap_or("")) && decl.name.is(a.name()));
            if !present {
                self.error(
                    node,
                    format!(
                        "element {}: the required attribute {} is missing",
                        node_name(node),
                        display(decl.ns.as_str(), decl.name.as_str())
                    ),
                );
            }
        }
        match t.content {
            Content::Empty => {
                if node.children().any(|c| c.is_element() || c.is_text()) {
                    self.error(node, format!("element {} must be empty (no text, no child elements)", node_name(node)));
                }
            }
            Content::Simple(s) => self.simple_content(node, s),
            Content::Elements { mixed, particle } => self.element_content(node, mixed, &particle),
        }
    }

    fn attribute_value(
        &mut self,
        node: roxmltree::Node<'_, '_>,
        a: &roxmltree::Attribute<'_, '_>,
        ty: u16,
        fixed: Option<&str>,
    ) {
        let Some(st) = self.schema.simple.get(usize::from(ty)) else { return };
        let element = || node_name(node);
        if let Some(problem) = value::check(st, a.value()) {
            self.error(node, format!("element {}, attribute {}: {problem}", element(), attr_name(a)));
            return;
        }
        let normalized = value::normalize(st.builtin, a.value());
        if let Some(fixed) = fixed
            && normalized != value::normalize(st.builtin, fixed)
        {
            self.error(
                node,
                format!(
                    "element {}, attribute {}: the value must be {fixed:?}, not {:?}",
                    element(),
                    attr_name(a),
                    a.value()
                ),
            );
        }
        if matches!(st.builtin, model::Builtin::Id) && !self.ids.insert(normalized.into_owned()) {
            self.error(
                node,
                format!("element {}, attribute {}: the ID {:?} is not unique", element(), attr_name(a), a.value()),
            );
        }
    }

    fn simple_content(&mut self, node: roxmltree::Node<'_, '_>, index: u16) {
        if let Some(child) = node.children().find(|c| c.is_element()) {
            self.error(
                child,
                format!("element {} takes text only, not the child element {}", node_name(node), node_name(child)),
            );
            return;
        }
        let mut texts = node.children().filter(|c| c.is_text()).filter_map(|c| c.text());
        let text: std::borrow::Cow<'_, str> = match (texts.next(), texts.next()) {
            (None, _) => "".into(),
            (Some(one), None) => one.into(),
            (Some(a), Some(b)) => {
                let mut all = format!("{a}{b}");
                all.extend(texts);
                all.into()
            }
        };
        let Some(st) = self.schema.simple.get(usize::from(index)) else { return };
        if let Some(problem) = value::check(st, &text) {
            self.error(node, format!("element {}: {problem}", node_name(node)));
            return;
        }
        if matches!(st.builtin, model::Builtin::Id)
            && !self.ids.insert(value::normalize(st.builtin, &text).into_owned())
        {
            self.error(node, format!("element {}: the ID {text:?} is not unique", node_name(node)));
        }
    }

    fn element_content(&mut self, node: roxmltree::Node<'_, '_>, mixed: bool, particle: &Particle) {
        if !mixed
            && let Some(text) = node
                .children()
                .find(|c| c.is_text() && c.text().is_some_and(|t| !t.trim_matches([' ', '\t', '\n', '\r']).is_empty()))
        {
            self.error(text, format!("element {} holds child elements only, not text", node_name(node)));
        }
        if let Term::Sequence(span) = particle.term
            && particle.min == 1
            && particle.max == 1
        {
            let items = self.schema.particles(span);
            if items.iter().all(|i| matches!(i.term, Term::Element(_))) {
                self.flat_sequence(node, particle, items);
                return;
            }
        }
        let name = node_name(node);
        let children: Vec<roxmltree::Node<'_, '_>> = node.children().filter(|c| c.is_element()).collect();
        let mut m = Matcher { schema: self.schema, children: &children, furthest: 0, expected: Vec::new() };
        let ends = m.particle(particle, vec![0]);
        if !ends.contains(&children.len()) {
            let expected = describe(&m.expected);
            match children.get(m.furthest) {
                Some(child) => {
                    let what = if m.expected.is_empty() {
                        "no more child elements are allowed here".to_owned()
                    } else {
                        format!("expected {expected}")
                    };
                    self.error(*child, format!("element {} is not expected in {name}: {what}", node_name(*child)));
                }
                None => self.error(node, format!("element {name} is incomplete: expected {expected}")),
            }
        }
        for child in children {
            let (ns, local) = (child.tag_name().namespace().unwrap_or(""), child.tag_name().name());
            match find_term(self.schema, particle, ns, local) {
                Some(Found::Element(decl)) => self.element(child, &decl),
                Some(Found::Any(w)) => self.wildcard_child(child, w),
                None => {}
            }
        }
    }

    /// The common content model (a sequence of element particles), matched greedily in one
    /// pass: the schemas' unique particle attribution makes the greedy choice the only one.
    fn flat_sequence(&mut self, node: roxmltree::Node<'_, '_>, particle: &Particle, items: &[Particle]) {
        let (mut j, mut count) = (0usize, 0u32);
        let mut failed = false;
        for child in node.children().filter(|c| c.is_element()) {
            if failed {
                if let Some(Found::Element(decl)) = find_term(
                    self.schema,
                    particle,
                    child.tag_name().namespace().unwrap_or(""),
                    child.tag_name().name(),
                ) {
                    self.element(child, &decl);
                }
                continue;
            }
            let (j0, count0) = (j, count);
            loop {
                let Some(p) = items.get(j) else {
                    self.unexpected(node, child, items, j0, count0);
                    failed = true;
                    break;
                };
                let Term::Element(e) = p.term else { break };
                if count < p.max
                    && e.name.is(child.tag_name().name())
                    && e.ns.is(child.tag_name().namespace().unwrap_or(""))
                {
                    count += 1;
                    self.element(child, &e);
                    break;
                }
                if count >= p.min {
                    j += 1;
                    count = 0;
                    continue;
                }
                self.unexpected(node, child, items, j0, count0);
                failed = true;
                break;
            }
            if failed {
                // The child that broke the sequence still gets its own checks when declared.
                if let Some(Found::Element(decl)) = find_term(
                    self.schema,
                    particle,
                    child.tag_name().namespace().unwrap_or(""),
                    child.tag_name().name(),
                ) {
                    self.element(child, &decl);
                }
            }
        }
        if failed {
            return;
        }
        let missing = items.get(j).is_some_and(|p| count < p.min) || items.iter().skip(j + 1).any(|p| p.min > 0);
        if missing {
            self.error(
                node,
                format!(
                    "element {} is incomplete: expected {}",
                    node_name(node),
                    expected_from(items, j, count).unwrap_or_default()
                ),
            );
        }
    }

    fn unexpected(
        &mut self,
        node: roxmltree::Node<'_, '_>,
        child: roxmltree::Node<'_, '_>,
        items: &[Particle],
        j: usize,
        count: u32,
    ) {
        let what = match expected_from(items, j, count) {
            Some(expected) => format!("expected {expected}"),
            None => "no more child elements are allowed here".to_owned(),
        };
        self.error(child, format!("element {} is not expected in {}: {what}", node_name(child), node_name(node)));
    }

    fn wildcard_child(&mut self, child: roxmltree::Node<'_, '_>, w: Wildcard) {
        if w.process == Process::Skip {
            return;
        }
        let (ns, local) = (child.tag_name().namespace().unwrap_or(""), child.tag_name().name());
        match self.global(ns, local) {
            Some(decl) => self.element(child, decl),
            None if w.process == Process::Strict => {
                self.error(
                    child,
                    format!("element {}: no global declaration, which the strict wildcard demands", node_name(child)),
                );
            }
            None => self.any_type(child),
        }
    }

    /// `xs:anyType`, and elements a lax wildcard admits without a declaration: anything goes,
    /// but declared descendants are validated.
    fn any_type(&mut self, node: roxmltree::Node<'_, '_>) {
        if self.depth >= MAX_DEPTH {
            self.error(node, format!("element {}: nested deeper than {MAX_DEPTH} levels", node_name(node)));
            return;
        }
        self.depth += 1;
        self.any_type_children(node);
        self.depth -= 1;
    }

    fn any_type_children(&mut self, node: roxmltree::Node<'_, '_>) {
        let lax = Wildcard { namespaces: model::Namespaces::Any, process: Process::Lax };
        for child in node.children().filter(|c| c.is_element()) {
            self.wildcard_child(child, lax);
        }
    }
}

fn is_xsi(a: &roxmltree::Attribute<'_, '_>) -> bool {
    a.namespace() == Some(XSI) && matches!(a.name(), "type" | "nil" | "schemaLocation" | "noNamespaceSchemaLocation")
}

fn attr_name(a: &roxmltree::Attribute<'_, '_>) -> String {
    display(a.namespace().unwrap_or(""), a.name())
}

/// The element names that may come next in a flat sequence at particle `j` seen `count` times.
fn expected_from(items: &[Particle], j: usize, count: u32) -> Option<String> {
    let mut names = Vec::new();
    for (k, p) in items.iter().enumerate().skip(j) {
        let seen = if k == j { count } else { 0 };
        if let Term::Element(e) = p.term
            && seen < p.max
        {
            names.push(display(e.ns.as_str(), e.name.as_str()));
        }
        if seen < p.min {
            break;
        }
    }
    (!names.is_empty()).then(|| describe(&names))
}

fn describe(expected: &[String]) -> String {
    let mut unique: Vec<&String> = Vec::new();
    for e in expected {
        if !unique.contains(&e) {
            unique.push(e);
        }
    }
    // Long lists keep their head and their last name (the required one, in a sequence).
    let names: Vec<&str> = if unique.len() > 8 {
        let mut names: Vec<&str> = unique.iter().take(6).map(|s| s.as_str()).collect();
        names.push("...");
        names.extend(unique.last().map(|s| s.as_str()));
        names
    } else {
        unique.iter().map(|s| s.as_str()).collect()
    };
    match names.len() {
        0 => "nothing more".to_owned(),
        1 => names[0].to_owned(),
        _ => format!("one of {}", names.join(", ")),
    }
}

enum Found {
    Element(Element),
    Any(Wildcard),
}

/// The declaration a child named `(ns, name)` gets in this content model: the element
/// particle of that name (the schema's "element declarations consistent" rule makes all such
/// particles agree), else the first wildcard admitting its namespace.
fn find_term(schema: &Schema, p: &Particle, ns: &str, name: &str) -> Option<Found> {
    fn walk(schema: &Schema, p: &Particle, ns: &str, name: &str, wildcard: &mut Option<Wildcard>) -> Option<Element> {
        match &p.term {
            Term::Element(e) => (e.ns.is(ns) && e.name.is(name)).then_some(*e),
            Term::Any(w) => {
                if wildcard.is_none() && w.namespaces.accepts(ns) {
                    *wildcard = Some(*w);
                }
                None
            }
            Term::Sequence(items) | Term::Choice(items) => {
                schema.particles(*items).iter().find_map(|i| walk(schema, i, ns, name, wildcard))
            }
        }
    }
    let mut wildcard = None;
    match walk(schema, p, ns, name, &mut wildcard) {
        Some(e) => Some(Found::Element(e)),
        None => wildcard.map(Found::Any),
    }
}

/// Matches a content model against the child elements: the set of child positions each
/// particle can end at, from a set of start positions (the schemas are deterministic, so the
/// sets stay tiny). Records how far any match got and what was expected there.
struct Matcher<'a, 'd, 'input> {
    schema: &'static Schema,
    children: &'a [roxmltree::Node<'d, 'input>],
    furthest: usize,
    expected: Vec<String>,
}

impl Matcher<'_, '_, '_> {
    fn reach(&mut self, pos: usize) {
        if pos > self.furthest {
            self.furthest = pos;
            self.expected.clear();
        }
    }

    fn particle(&mut self, p: &Particle, starts: Vec<usize>) -> Vec<usize> {
        let mut current = starts;
        for _ in 0..p.min {
            current = self.term(&p.term, &current);
            if current.is_empty() {
                return current;
            }
        }
        if p.max == p.min {
            return current;
        }
        let mut result: std::collections::BTreeSet<usize> = current.iter().copied().collect();
        let mut frontier = current;
        let mut count = p.min;
        while count < p.max && !frontier.is_empty() {
            let next = self.term(&p.term, &frontier);
            frontier = next.into_iter().filter(|x| result.insert(*x)).collect();
            count += 1;
        }
        result.into_iter().collect()
    }

    fn term(&mut self, t: &Term, starts: &[usize]) -> Vec<usize> {
        let mut out = Vec::new();
        match t {
            Term::Element(e) => {
                for &s in starts {
                    self.reach(s);
                    let hit = self.children.get(s).is_some_and(|c| {
                        e.name.is(c.tag_name().name()) && e.ns.is(c.tag_name().namespace().unwrap_or(""))
                    });
                    if hit {
                        out.push(s + 1);
                        self.reach(s + 1);
                    } else if s == self.furthest {
                        self.expected.push(display(e.ns.as_str(), e.name.as_str()));
                    }
                }
            }
            Term::Any(w) => {
                for &s in starts {
                    self.reach(s);
                    let hit = self
                        .children
                        .get(s)
                        .is_some_and(|c| w.namespaces.accepts(c.tag_name().namespace().unwrap_or("")));
                    if hit {
                        out.push(s + 1);
                        self.reach(s + 1);
                    } else if s == self.furthest {
                        self.expected.push("an element of another namespace".to_owned());
                    }
                }
            }
            Term::Sequence(items) => {
                let mut current = starts.to_vec();
                for item in self.schema.particles(*items) {
                    current = self.particle(item, current);
                    if current.is_empty() {
                        break;
                    }
                }
                out = current;
            }
            Term::Choice(items) => {
                for item in self.schema.particles(*items) {
                    out.extend(self.particle(item, starts.to_vec()));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
