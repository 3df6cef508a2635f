//! The schema compiler: reads the shipped XSD files (with their imports and includes) and
//! writes `generated.rs`, the static tables the validator uses. Run by
//! `tests/xsd_generate.rs` (which also proves the checked-in file is current), never at run
//! time: parsing the 900 kB of UBL schema text would cost milliseconds per process.
//!
//! The XSD 1.0 subset compiled is the one UBL 2.1 and CII D16B use: global and local elements
//! (`ref`, `type`, anonymous types, `nillable`, `form`), complex types with simple or complex
//! content (extension, restriction), `sequence`/`choice` with occurrence bounds, `any` and
//! `anyAttribute` wildcards, attributes (`use`, `fixed`, `form`), simple types restricting a
//! built-in type with `enumeration` and length facets. Anything else (`group`, `all`,
//! `attributeGroup`, attribute references, `list`, `union`, `pattern`, value-range and digit
//! facets, substitution groups, element `fixed`/`default`, identity constraints) is an error
//! here, so a new schema cannot be half-understood in silence.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::model::{Builtin, Process};

const XS: &str = "http://www.w3.org/2001/XMLSchema";

/// An owned element declaration (the compiler's mirror of `model::Element`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Element {
    pub ns: String,
    pub name: String,
    pub ty: Type,
    /// The declared type's name (`None` for an anonymous type).
    pub type_name: Option<(String, String)>,
    pub nillable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Type {
    Any,
    Simple(usize),
    Complex(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ComplexType {
    pub content: Content,
    pub attributes: Vec<Attribute>,
    pub any_attribute: Option<Wildcard>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Content {
    Empty,
    Simple(usize),
    Elements { mixed: bool, particle: Particle },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attribute {
    pub ns: String,
    pub name: String,
    pub ty: usize,
    pub required: bool,
    pub fixed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Particle {
    pub min: u32,
    pub max: u32,
    pub term: Term,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Term {
    Element(Element),
    Any(Wildcard),
    Sequence(Vec<Particle>),
    Choice(Vec<Particle>),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Wildcard {
    pub namespaces: OwnedNamespaces,
    pub process: Process,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OwnedNamespaces {
    Any,
    Other(String),
    List(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimpleType {
    pub builtin: Builtin,
    pub enumeration: Vec<String>,
    pub length: Option<u32>,
    pub min_length: Option<u32>,
    pub max_length: Option<u32>,
}

/// A compiled schema set, owned.
#[derive(Debug, Default)]
pub struct Schema {
    pub elements: Vec<Element>,
    pub complex: Vec<ComplexType>,
    pub simple: Vec<SimpleType>,
}

type Key = (usize, roxmltree::NodeId);

struct Compiler<'a, 'input> {
    docs: &'a [(String, roxmltree::Document<'input>)],
    elements: HashMap<(String, String), Key>,
    complex_names: HashMap<(String, String), Key>,
    simple_names: HashMap<(String, String), Key>,
    complex_done: HashMap<Key, usize>,
    simple_done: HashMap<Key, usize>,
    simple_dedup: HashMap<SimpleType, usize>,
    complex: Vec<Option<ComplexType>>,
    simple: Vec<SimpleType>,
}

/// Compiles the schema set reachable from `roots` (paths relative to the loader's base, `/`
/// separated); `load` returns a file's text.
pub fn compile(roots: &[&str], load: &dyn Fn(&str) -> Result<String, String>) -> Result<Schema, String> {
    // Pass 1: every file reachable through import/include.
    let mut paths: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut queue: Vec<String> = roots.iter().map(|r| (*r).to_owned()).collect();
    while let Some(path) = queue.pop() {
        if paths.contains(&path) {
            continue;
        }
        let text = load(&path)?;
        let doc = parse(&text).map_err(|e| format!("{path}: {e}"))?;
        for child in doc.root_element().children().filter(|n| is_xs(n, "import") || is_xs(n, "include")) {
            if let Some(location) = child.attribute("schemaLocation") {
                queue.push(join(&path, location));
            }
        }
        paths.push(path);
        texts.push(text);
    }
    let mut docs = Vec::new();
    for (path, text) in paths.iter().zip(&texts) {
        docs.push((path.clone(), parse(text).map_err(|e| format!("{path}: {e}"))?));
    }
    let mut c = Compiler {
        docs: &docs,
        elements: HashMap::new(),
        complex_names: HashMap::new(),
        simple_names: HashMap::new(),
        complex_done: HashMap::new(),
        simple_done: HashMap::new(),
        simple_dedup: HashMap::new(),
        complex: Vec::new(),
        simple: Vec::new(),
    };
    for (i, (path, doc)) in docs.iter().enumerate() {
        let schema = doc.root_element();
        if !is_xs(&schema, "schema") {
            return Err(format!("{path}: the root is not xs:schema"));
        }
        let tns = schema.attribute("targetNamespace").unwrap_or("").to_owned();
        for child in schema.children().filter(|n| n.is_element()) {
            let name = child.attribute("name").unwrap_or("").to_owned();
            let key = (tns.clone(), name);
            let map = match child.tag_name().name() {
                "element" => &mut c.elements,
                "complexType" => &mut c.complex_names,
                "simpleType" => &mut c.simple_names,
                "import" | "include" | "annotation" => continue,
                other => return Err(format!("{path}: unsupported top-level xs:{other}")),
            };
            map.insert(key, (i, child.id()));
        }
    }
    let mut globals: Vec<(String, String)> = c.elements.keys().cloned().collect();
    globals.sort();
    let mut elements = Vec::new();
    for (ns, name) in globals {
        elements.push(c.global_element(&ns, &name)?);
    }
    let complex =
        c.complex.into_iter().map(|t| t.ok_or("a complex type was left unfinished")).collect::<Result<_, _>>()?;
    Ok(Schema { elements, complex, simple: c.simple })
}

fn parse(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    roxmltree::Document::parse_with_options(text, roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() })
}

fn join(from: &str, location: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in location.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn is_xs(node: &roxmltree::Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(XS) && node.tag_name().name() == name
}

/// The element children of an XSD node, without annotations.
fn parts<'a, 'input>(node: roxmltree::Node<'a, 'input>) -> impl Iterator<Item = roxmltree::Node<'a, 'input>> {
    node.children().filter(|n| n.is_element() && !is_xs(n, "annotation"))
}

fn target_ns(node: roxmltree::Node<'_, '_>) -> String {
    node.document().root_element().attribute("targetNamespace").unwrap_or("").to_owned()
}

fn occurs(node: roxmltree::Node<'_, '_>) -> Result<(u32, u32), String> {
    let min = match node.attribute("minOccurs") {
        Some(v) => v.trim().parse::<u32>().map_err(|_| format!("bad minOccurs {v:?}"))?,
        None => 1,
    };
    let max = match node.attribute("maxOccurs") {
        Some("unbounded") => u32::MAX,
        Some(v) => v.trim().parse::<u32>().map_err(|_| format!("bad maxOccurs {v:?}"))?,
        None => 1,
    };
    Ok((min, max))
}

impl<'a, 'input> Compiler<'a, 'input> {
    fn where_(&self, key: Key) -> String {
        let (path, doc) = &self.docs[key.0];
        let line = doc.get_node(key.1).map(|n| doc.text_pos_at(n.range().start).row).unwrap_or(0);
        format!("{path}:{line}")
    }

    fn node(&self, key: Key) -> Result<roxmltree::Node<'a, 'input>, String> {
        let docs: &'a [(String, roxmltree::Document<'input>)] = self.docs;
        docs[key.0].1.get_node(key.1).ok_or_else(|| "lost a schema node".to_owned())
    }

    fn qname(&self, node: roxmltree::Node<'_, '_>, value: &str) -> Result<(String, String), String> {
        let (prefix, local) = match value.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, value),
        };
        let ns = node.lookup_namespace_uri(prefix).unwrap_or("");
        if prefix.is_some() && ns.is_empty() {
            return Err(format!("unknown prefix in {value:?}"));
        }
        Ok((ns.to_owned(), local.to_owned()))
    }

    fn global_element(&mut self, ns: &str, name: &str) -> Result<Element, String> {
        let key = *self
            .elements
            .get(&(ns.to_owned(), name.to_owned()))
            .ok_or_else(|| format!("no element {{{ns}}}{name}"))?;
        let node = self.node(key)?;
        let ty = self.element_type(key.0, node)?;
        Ok(Element {
            ns: ns.to_owned(),
            name: name.to_owned(),
            ty,
            type_name: self.type_name(node)?,
            nillable: node.attribute("nillable") == Some("true"),
        })
    }

    fn type_name(&self, node: roxmltree::Node<'_, '_>) -> Result<Option<(String, String)>, String> {
        match node.attribute("type") {
            Some(t) => Ok(Some(self.qname(node, t)?)),
            None if parts(node).any(|c| is_xs(&c, "complexType") || is_xs(&c, "simpleType")) => Ok(None),
            None => Ok(Some((XS.to_owned(), "anyType".to_owned()))),
        }
    }

    fn element_type(&mut self, doc: usize, node: roxmltree::Node<'_, '_>) -> Result<Type, String> {
        if node.attribute("substitutionGroup").is_some() || node.attribute("abstract") == Some("true") {
            return Err(format!("{}: substitution groups are not supported", self.where_((doc, node.id()))));
        }
        if node.attribute("fixed").is_some() || node.attribute("default").is_some() {
            return Err(format!(
                "{}: element values (fixed, default) are not supported",
                self.where_((doc, node.id()))
            ));
        }
        if let Some(c) = parts(node).find(|c| matches!(c.tag_name().name(), "key" | "keyref" | "unique")) {
            let what = c.tag_name().name();
            return Err(format!(
                "{}: identity constraints (xs:{what}) are not supported",
                self.where_((doc, node.id()))
            ));
        }
        if let Some(t) = node.attribute("type") {
            let (ns, local) = self.qname(node, t)?;
            return self.named_type(&ns, &local);
        }
        for child in parts(node) {
            if is_xs(&child, "complexType") {
                return Ok(Type::Complex(self.complex_type((doc, child.id()))?));
            }
            if is_xs(&child, "simpleType") {
                return Ok(Type::Simple(self.simple_type((doc, child.id()))?));
            }
        }
        Ok(Type::Any)
    }

    fn named_type(&mut self, ns: &str, local: &str) -> Result<Type, String> {
        if ns == XS {
            if local == "anyType" {
                return Ok(Type::Any);
            }
            let builtin = Builtin::from_name(local).ok_or_else(|| format!("unsupported built-in type xs:{local}"))?;
            return Ok(Type::Simple(self.add_simple(SimpleType {
                builtin,
                enumeration: Vec::new(),
                length: None,
                min_length: None,
                max_length: None,
            })));
        }
        let name = (ns.to_owned(), local.to_owned());
        if let Some(&key) = self.complex_names.get(&name) {
            return Ok(Type::Complex(self.complex_type(key)?));
        }
        if let Some(&key) = self.simple_names.get(&name) {
            return Ok(Type::Simple(self.simple_type(key)?));
        }
        Err(format!("unknown type {{{ns}}}{local}"))
    }

    fn add_simple(&mut self, t: SimpleType) -> usize {
        if let Some(&i) = self.simple_dedup.get(&t) {
            return i;
        }
        self.simple.push(t.clone());
        self.simple_dedup.insert(t, self.simple.len() - 1);
        self.simple.len() - 1
    }

    fn simple_type(&mut self, key: Key) -> Result<usize, String> {
        if let Some(&i) = self.simple_done.get(&key) {
            return Ok(i);
        }
        let node = self.node(key)?;
        let Some(restriction) = parts(node).find(|n| is_xs(n, "restriction")) else {
            return Err(format!("{}: only restrictions are supported as simple types", self.where_(key)));
        };
        let base = self.restriction_base(key.0, restriction)?;
        let t = self.facets(key.0, restriction, self.simple[base].clone())?;
        let i = self.add_simple(t);
        self.simple_done.insert(key, i);
        Ok(i)
    }

    /// The simple base of an `xs:restriction` of a simple type (`base` or an inline type).
    fn restriction_base(&mut self, doc: usize, restriction: roxmltree::Node<'_, '_>) -> Result<usize, String> {
        if let Some(b) = restriction.attribute("base") {
            let (ns, local) = self.qname(restriction, b)?;
            return match self.named_type(&ns, &local)? {
                Type::Simple(i) => Ok(i),
                _ => Err(format!("{}: a simple type restricts a complex type", self.where_((doc, restriction.id())))),
            };
        }
        match parts(restriction).find(|n| is_xs(n, "simpleType")) {
            Some(inline) => self.simple_type((doc, inline.id())),
            None => Err(format!("{}: a restriction without base", self.where_((doc, restriction.id())))),
        }
    }

    fn facets(
        &mut self,
        doc: usize,
        restriction: roxmltree::Node<'_, '_>,
        mut t: SimpleType,
    ) -> Result<SimpleType, String> {
        let mut enumeration = Vec::new();
        for facet in parts(restriction) {
            let value = facet.attribute("value").unwrap_or("");
            let number = || value.trim().parse::<u32>().map_err(|_| format!("bad facet value {value:?}"));
            match facet.tag_name().name() {
                "enumeration" => enumeration.push(value.to_owned()),
                "length" => t.length = Some(number()?),
                "minLength" => t.min_length = Some(number()?),
                "maxLength" => t.max_length = Some(number()?),
                "simpleType" | "attribute" | "anyAttribute" => {}
                other => return Err(format!("{}: unsupported facet xs:{other}", self.where_((doc, facet.id())))),
            }
        }
        if !enumeration.is_empty() {
            t.enumeration = enumeration;
        }
        Ok(t)
    }

    fn complex_type(&mut self, key: Key) -> Result<usize, String> {
        if let Some(&i) = self.complex_done.get(&key) {
            return Ok(i);
        }
        let node = self.node(key)?;
        // A simpleContent extension adding nothing is its base (the 873 cbc types).
        if let Some(base) = self.plain_extension(node)? {
            self.complex_done.insert(key, base);
            return Ok(base);
        }
        let i = self.complex.len();
        self.complex.push(None);
        self.complex_done.insert(key, i);
        let t = self.complex_body(key.0, node)?;
        self.complex[i] = Some(t);
        Ok(i)
    }

    fn plain_extension(&mut self, node: roxmltree::Node<'_, '_>) -> Result<Option<usize>, String> {
        let Some(content) = parts(node).find(|n| is_xs(n, "simpleContent")) else { return Ok(None) };
        let Some(ext) = parts(content).find(|n| is_xs(n, "extension")) else { return Ok(None) };
        if parts(ext).next().is_some() || parts(node).count() != 1 {
            return Ok(None);
        }
        let (ns, local) = self.qname(ext, ext.attribute("base").unwrap_or(""))?;
        match self.named_type(&ns, &local)? {
            Type::Complex(i) => Ok(Some(i)),
            _ => Ok(None),
        }
    }

    fn base_complex(&mut self, node: roxmltree::Node<'_, '_>) -> Result<(Type, Option<ComplexType>), String> {
        let (ns, local) = self.qname(node, node.attribute("base").unwrap_or(""))?;
        let t = self.named_type(&ns, &local)?;
        match t {
            Type::Complex(i) => match self.complex.get(i).cloned().flatten() {
                Some(base) => Ok((t, Some(base))),
                None => Err(format!("the base type {{{ns}}}{local} derives from itself")),
            },
            _ => Ok((t, None)),
        }
    }

    fn complex_body(&mut self, doc: usize, node: roxmltree::Node<'_, '_>) -> Result<ComplexType, String> {
        let mut mixed = node.attribute("mixed") == Some("true");
        let mut attributes = Vec::new();
        let mut any_attribute = None;
        let mut particle = None;
        let mut content = None;
        for child in parts(node) {
            match child.tag_name().name() {
                "simpleContent" => {
                    let Some(derivation) = parts(child).next() else { return Err("empty simpleContent".to_owned()) };
                    let (base_type, base) = self.base_complex(derivation)?;
                    let simple = match (&base_type, &base) {
                        (Type::Simple(s), _) => *s,
                        (_, Some(ComplexType { content: Content::Simple(s), .. })) => *s,
                        _ => {
                            return Err(format!(
                                "{}: simpleContent on a base without simple content",
                                self.where_((doc, child.id()))
                            ));
                        }
                    };
                    if let Some(base) = &base {
                        attributes = base.attributes.clone();
                        any_attribute = base.any_attribute.clone();
                    }
                    let restriction = derivation.tag_name().name() == "restriction";
                    let simple = if restriction {
                        let inline = parts(derivation).find(|n| is_xs(n, "simpleType"));
                        let start = match inline {
                            Some(inline) => self.simple_type((doc, inline.id()))?,
                            None => simple,
                        };
                        let t = self.facets(doc, derivation, self.simple[start].clone())?;
                        self.add_simple(t)
                    } else {
                        simple
                    };
                    self.attributes(doc, derivation, &mut attributes, &mut any_attribute, restriction)?;
                    content = Some(Content::Simple(simple));
                }
                "complexContent" => {
                    if child.attribute("mixed") == Some("true") {
                        mixed = true;
                    }
                    let Some(derivation) = parts(child).next() else { return Err("empty complexContent".to_owned()) };
                    let (_, base) = self.base_complex(derivation)?;
                    let restriction = derivation.tag_name().name() == "restriction";
                    if let Some(base) = &base {
                        attributes = base.attributes.clone();
                        any_attribute = base.any_attribute.clone();
                    }
                    let own = match parts(derivation)
                        .find(|n| matches!(n.tag_name().name(), "sequence" | "choice" | "all" | "group"))
                    {
                        Some(group) => Some(self.particle(doc, group)?),
                        None => None,
                    };
                    let base_particle = match base.map(|b| b.content) {
                        Some(Content::Elements { particle, .. }) if !restriction => Some(particle),
                        _ => None,
                    };
                    particle = match (base_particle, own) {
                        (Some(b), Some(o)) => Some(Particle { min: 1, max: 1, term: Term::Sequence(vec![b, o]) }),
                        (b, o) => o.or(b),
                    };
                    self.attributes(doc, derivation, &mut attributes, &mut any_attribute, restriction)?;
                }
                "sequence" | "choice" | "all" | "group" => particle = Some(self.particle(doc, child)?),
                "attribute" | "anyAttribute" => {}
                other => {
                    return Err(format!(
                        "{}: unsupported xs:{other} in a complex type",
                        self.where_((doc, child.id()))
                    ));
                }
            }
        }
        self.attributes(doc, node, &mut attributes, &mut any_attribute, false)?;
        let content = match (content, particle) {
            (Some(c), _) => c,
            // An empty model group is empty content (libxml2 then refuses even whitespace).
            (None, Some(Particle { term: Term::Sequence(items), .. })) if items.is_empty() && !mixed => Content::Empty,
            (None, Some(particle)) => Content::Elements { mixed, particle },
            (None, None) if mixed => {
                Content::Elements { mixed, particle: Particle { min: 1, max: 1, term: Term::Sequence(Vec::new()) } }
            }
            (None, None) => Content::Empty,
        };
        Ok(ComplexType { content, attributes, any_attribute })
    }

    /// Adds the attribute declarations directly under `node` (a complexType or a derivation).
    fn attributes(
        &mut self,
        doc: usize,
        node: roxmltree::Node<'_, '_>,
        attributes: &mut Vec<Attribute>,
        any_attribute: &mut Option<Wildcard>,
        restriction: bool,
    ) -> Result<(), String> {
        let mut own_wildcard = None;
        for a in parts(node) {
            if is_xs(&a, "anyAttribute") {
                own_wildcard = Some(self.wildcard(a)?);
                continue;
            }
            if !is_xs(&a, "attribute") {
                continue;
            }
            if a.attribute("ref").is_some() {
                return Err(format!("{}: attribute references are not supported", self.where_((doc, a.id()))));
            }
            let name = a.attribute("name").unwrap_or("").to_owned();
            let qualified = match a.attribute("form") {
                Some(form) => form == "qualified",
                None => a.document().root_element().attribute("attributeFormDefault") == Some("qualified"),
            };
            let ns = if qualified { target_ns(a) } else { String::new() };
            let ty = if let Some(t) = a.attribute("type") {
                let (tns, local) = self.qname(a, t)?;
                match self.named_type(&tns, &local)? {
                    Type::Simple(s) => s,
                    _ => return Err(format!("{}: an attribute of complex type", self.where_((doc, a.id())))),
                }
            } else if let Some(inline) = parts(a).find(|n| is_xs(n, "simpleType")) {
                self.simple_type((doc, inline.id()))?
            } else {
                match self.named_type(XS, "anySimpleType")? {
                    Type::Simple(s) => s,
                    _ => return Err("anySimpleType is not simple".to_owned()),
                }
            };
            attributes.retain(|old| !(old.ns == ns && old.name == name));
            let usage = a.attribute("use").unwrap_or("optional");
            if usage == "prohibited" {
                continue;
            }
            attributes.push(Attribute {
                ns,
                name,
                ty,
                required: usage == "required",
                fixed: a.attribute("fixed").map(str::to_owned),
            });
        }
        if restriction || own_wildcard.is_some() {
            *any_attribute = own_wildcard;
        }
        Ok(())
    }

    fn wildcard(&self, node: roxmltree::Node<'_, '_>) -> Result<Wildcard, String> {
        let tns = target_ns(node);
        let namespaces = match node.attribute("namespace").unwrap_or("##any").trim() {
            "##any" => OwnedNamespaces::Any,
            "##other" => OwnedNamespaces::Other(tns),
            list => OwnedNamespaces::List(
                list.split_whitespace()
                    .map(|n| match n {
                        "##targetNamespace" => tns.clone(),
                        "##local" => String::new(),
                        n => n.to_owned(),
                    })
                    .collect(),
            ),
        };
        let process = match node.attribute("processContents").unwrap_or("strict") {
            "lax" => Process::Lax,
            "skip" => Process::Skip,
            "strict" => Process::Strict,
            other => return Err(format!("bad processContents {other:?}")),
        };
        Ok(Wildcard { namespaces, process })
    }

    fn particle(&mut self, doc: usize, node: roxmltree::Node<'_, '_>) -> Result<Particle, String> {
        let (min, max) = occurs(node)?;
        let term = match node.tag_name().name() {
            "element" => {
                if let Some(r) = node.attribute("ref") {
                    let (ns, local) = self.qname(node, r)?;
                    Term::Element(self.global_element(&ns, &local)?)
                } else {
                    let qualified = match node.attribute("form") {
                        Some(form) => form == "qualified",
                        None => node.document().root_element().attribute("elementFormDefault") == Some("qualified"),
                    };
                    let ns = if qualified { target_ns(node) } else { String::new() };
                    let ty = self.element_type(doc, node)?;
                    Term::Element(Element {
                        ns,
                        name: node.attribute("name").unwrap_or("").to_owned(),
                        ty,
                        type_name: self.type_name(node)?,
                        nillable: node.attribute("nillable") == Some("true"),
                    })
                }
            }
            "any" => Term::Any(self.wildcard(node)?),
            "sequence" | "choice" => {
                let mut items = Vec::new();
                for child in parts(node) {
                    items.push(self.particle(doc, child)?);
                }
                if node.tag_name().name() == "sequence" { Term::Sequence(items) } else { Term::Choice(items) }
            }
            other => return Err(format!("{}: unsupported particle xs:{other}", self.where_((doc, node.id())))),
        };
        Ok(Particle { min, max, term })
    }
}

/// The Rust source of `generated.rs` for these named schemas.
///
/// Every string goes into one pool (`POOL`, each distinct text once) and the tables hold
/// `Str` handles into it; the items of sequences and choices and the attributes of complex
/// types go into a schema's flat `particles` and `attributes` tables, which the rest refer to
/// by `Span`. So the tables hold no pointers but the schemas' own (see `model`).
pub fn emit(schemas: &[(&str, &Schema)]) -> String {
    // Each namespace once, as a constant (they would be most of the text), first in the pool.
    let mut namespaces: Vec<String> = Vec::new();
    let add = |ns: &String, out: &mut Vec<String>| {
        if !ns.is_empty() && !out.contains(ns) {
            out.push(ns.clone());
        }
    };
    for (_, schema) in schemas {
        for e in &schema.elements {
            add(&e.ns, &mut namespaces);
            if let Some((ns, _)) = &e.type_name {
                add(ns, &mut namespaces);
            }
        }
        for t in &schema.complex {
            for a in &t.attributes {
                add(&a.ns, &mut namespaces);
            }
            if let Content::Elements { particle, .. } = &t.content {
                particle_namespaces(particle, &mut namespaces);
            }
        }
    }
    if !namespaces.iter().any(|n| n == XS) {
        namespaces.push(XS.to_owned());
    }
    let mut pool = Pool::default();
    let mut out = String::new();
    out.push_str(
        "//! Generated by `tests/xsd_generate.rs` from `artefacts/xsd/` (XSD_REGENERATE=1 rewrites it);\n\
         //! do not edit.\n\nuse super::model::*;\n\n",
    );
    for (i, ns) in namespaces.iter().enumerate() {
        let _ = writeln!(out, "const N{i}: Str = {};", pool.str(ns));
    }
    pool.namespaces = namespaces;
    for (name, schema) in schemas {
        let mut flat = Flat::default();
        let _ = write!(out, "\npub static {name}: Schema = Schema {{\n    elements: &[\n");
        for e in &schema.elements {
            let _ = writeln!(out, "        {},", element(e, &mut pool));
        }
        out.push_str("    ],\n    complex: &[\n");
        for t in &schema.complex {
            let _ = writeln!(out, "        {},", complex(t, &mut pool, &mut flat));
        }
        out.push_str("    ],\n    simple: &[\n");
        for s in &schema.simple {
            let enumeration: Vec<String> = s.enumeration.iter().map(|v| pool.str(v)).collect();
            let _ = writeln!(
                out,
                "        SimpleType {{ builtin: Builtin::{:?}, enumeration: &[{}], length: {:?}, min_length: {:?}, max_length: {:?} }},",
                s.builtin,
                enumeration.join(", "),
                s.length,
                s.min_length,
                s.max_length
            );
        }
        out.push_str("    ],\n    particles: &[\n");
        for (i, p) in flat.particles.iter().enumerate() {
            let _ = writeln!(out, "        /* {i} */ {p},");
        }
        out.push_str("    ],\n    attributes: &[\n");
        for (i, a) in flat.attributes.iter().enumerate() {
            let _ = writeln!(out, "        /* {i} */ {a},");
        }
        out.push_str("    ],\n};\n");
    }
    // One string a line: a change to the schemas shows as a change of lines.
    out.push_str("\n/// Every string of the tables, each once; `Str` handles are ranges of it.\n");
    out.push_str("pub(super) const POOL: &str = concat!(\n");
    for s in &pool.order {
        let _ = writeln!(out, "    {s:?},");
    }
    out.push_str(");\n");
    out
}

/// A schema's flat tables being built: the items of sequences and choices (each one's
/// consecutive) and the attribute lists of complex types (each distinct list once).
#[derive(Default)]
struct Flat {
    particles: Vec<String>,
    attributes: Vec<String>,
    attribute_lists: HashMap<Vec<String>, usize>,
}

fn span(start: usize, len: usize) -> String {
    if len == 0 { "Span::EMPTY".to_owned() } else { format!("Span {{ start: {start}, len: {len} }}") }
}

/// The string pool being built: each distinct text once, in the order of first use.
#[derive(Default)]
struct Pool {
    order: Vec<String>,
    offsets: HashMap<String, usize>,
    len: usize,
    /// The namespaces, written as the constants `N0`, `N1`… once these are defined.
    namespaces: Vec<String>,
}

impl Pool {
    /// The Rust expression of the `Str` of `text`, added to the pool if new.
    fn str(&mut self, text: &str) -> String {
        if text.is_empty() {
            return "Str::EMPTY".to_owned();
        }
        if let Some(i) = self.namespaces.iter().position(|n| n == text) {
            return format!("N{i}");
        }
        let start = match self.offsets.get(text) {
            Some(&start) => start,
            None => {
                let start = self.len;
                self.offsets.insert(text.to_owned(), start);
                self.order.push(text.to_owned());
                self.len += text.len();
                start
            }
        };
        format!("Str::at({start}, {text:?})")
    }
}

fn particle_namespaces(p: &Particle, out: &mut Vec<String>) {
    match &p.term {
        Term::Element(e) => {
            for ns in std::iter::once(&e.ns).chain(e.type_name.as_ref().map(|(ns, _)| ns)) {
                if !ns.is_empty() && !out.contains(ns) {
                    out.push(ns.clone());
                }
            }
        }
        Term::Any(_) => {}
        Term::Sequence(items) | Term::Choice(items) => items.iter().for_each(|i| particle_namespaces(i, out)),
    }
}

fn element(e: &Element, pool: &mut Pool) -> String {
    let ty = match e.ty {
        Type::Any => "Type::Any".to_owned(),
        Type::Simple(i) => format!("Type::Simple({i})"),
        Type::Complex(i) => format!("Type::Complex({i})"),
    };
    let type_name = match &e.type_name {
        Some((ns, name)) => format!("Some(({}, {}))", pool.str(ns), pool.str(name)),
        None => "None".to_owned(),
    };
    format!(
        "Element {{ ns: {}, name: {}, ty: {ty}, type_name: {type_name}, nillable: {} }}",
        pool.str(&e.ns),
        pool.str(&e.name),
        e.nillable
    )
}

fn wildcard(w: &Wildcard, pool: &mut Pool) -> String {
    let ns = match &w.namespaces {
        OwnedNamespaces::Any => "Namespaces::Any".to_owned(),
        OwnedNamespaces::Other(t) => format!("Namespaces::Other({})", pool.str(t)),
        OwnedNamespaces::List(l) => {
            let list: Vec<String> = l.iter().map(|n| pool.str(n)).collect();
            format!("Namespaces::List(&[{}])", list.join(", "))
        }
    };
    format!("Wildcard {{ namespaces: {ns}, process: Process::{:?} }}", w.process)
}

fn particle(p: &Particle, pool: &mut Pool, flat: &mut Flat) -> String {
    let term = match &p.term {
        Term::Element(e) => format!("Term::Element({})", element(e, pool)),
        Term::Any(w) => format!("Term::Any({})", wildcard(w, pool)),
        Term::Sequence(items) | Term::Choice(items) => {
            let kind = if matches!(p.term, Term::Sequence(_)) { "Sequence" } else { "Choice" };
            // The items' places first, so that nested groups come after and these stay together.
            let start = flat.particles.len();
            flat.particles.resize(start + items.len(), String::new());
            for (k, item) in items.iter().enumerate() {
                flat.particles[start + k] = particle(item, pool, flat);
            }
            format!("Term::{kind}({})", span(start, items.len()))
        }
    };
    let max = if p.max == u32::MAX { "u32::MAX".to_owned() } else { p.max.to_string() };
    format!("Particle {{ min: {}, max: {max}, term: {term} }}", p.min)
}

fn complex(t: &ComplexType, pool: &mut Pool, flat: &mut Flat) -> String {
    let content = match &t.content {
        Content::Empty => "Content::Empty".to_owned(),
        Content::Simple(i) => format!("Content::Simple({i})"),
        Content::Elements { mixed, particle: p } => {
            format!("Content::Elements {{ mixed: {mixed}, particle: {} }}", particle(p, pool, flat))
        }
    };
    let attrs: Vec<String> = t
        .attributes
        .iter()
        .map(|a| {
            let fixed = match &a.fixed {
                Some(f) => format!("Some({})", pool.str(f)),
                None => "None".to_owned(),
            };
            format!(
                "Attribute {{ ns: {}, name: {}, ty: {}, required: {}, fixed: {fixed} }}",
                pool.str(&a.ns),
                pool.str(&a.name),
                a.ty,
                a.required
            )
        })
        .collect();
    let any = match &t.any_attribute {
        Some(w) => format!("Some({})", wildcard(w, pool)),
        None => "None".to_owned(),
    };
    let start = match flat.attribute_lists.get(&attrs) {
        Some(&start) => start,
        None => {
            let start = flat.attributes.len();
            flat.attributes.extend(attrs.iter().cloned());
            flat.attribute_lists.insert(attrs.clone(), start);
            start
        }
    };
    format!("ComplexType {{ content: {content}, attributes: {}, any_attribute: {any} }}", span(start, attrs.len()))
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn joins_relative_locations() {
        assert_eq!(join("maindoc/UBL-Invoice-2.1.xsd", "../common/A.xsd"), "common/A.xsd");
        assert_eq!(join("common/A.xsd", "B.xsd"), "common/B.xsd");
        assert_eq!(join("X.xsd", "./Y.xsd"), "Y.xsd");
    }
}
