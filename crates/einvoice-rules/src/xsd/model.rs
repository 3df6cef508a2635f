//! The compiled form of an XML Schema: what `generated.rs` holds, as static data.
//!
//! Names are `(namespace, local name)`; the empty namespace is `""`. Types are indexes into the
//! schema's tables, so recursive types need no pointers.

/// One compiled schema set: every global element, complex and simple type it declares.
#[derive(Debug)]
pub struct Schema {
    /// The global elements, sorted by `(ns, name)`.
    pub elements: &'static [Element],
    pub complex: &'static [ComplexType],
    pub simple: &'static [SimpleType],
}

/// An element declaration (global, local or referenced).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element {
    pub ns: &'static str,
    pub name: &'static str,
    pub ty: Type,
    /// The declared type's `(namespace, name)`; `None` for an anonymous type.
    pub type_name: Option<(&'static str, &'static str)>,
    pub nillable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// `xs:anyType`: any attributes, any (lax) content.
    Any,
    Simple(u16),
    Complex(u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComplexType {
    pub content: Content,
    pub attributes: &'static [Attribute],
    pub any_attribute: Option<Wildcard>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// No character or element children.
    Empty,
    /// Character data of this simple type (an index into `Schema::simple`).
    Simple(u16),
    /// Child elements matching the particle, with character data only when mixed.
    Elements { mixed: bool, particle: Particle },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute {
    pub ns: &'static str,
    pub name: &'static str,
    /// An index into `Schema::simple`.
    pub ty: u16,
    pub required: bool,
    pub fixed: Option<&'static str>,
}

/// A particle: a term with `minOccurs`/`maxOccurs` (`u32::MAX` = unbounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Particle {
    pub min: u32,
    pub max: u32,
    pub term: Term,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    Element(Element),
    Any(Wildcard),
    Sequence(&'static [Particle]),
    Choice(&'static [Particle]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wildcard {
    pub namespaces: Namespaces,
    pub process: Process,
}

/// The namespaces a wildcard accepts (`""` in a list is `##local`, no namespace).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namespaces {
    Any,
    /// `##other`: any namespace but this one and no namespace.
    Other(&'static str),
    List(&'static [&'static str]),
}

impl Namespaces {
    pub fn accepts(&self, ns: &str) -> bool {
        match self {
            Namespaces::Any => true,
            Namespaces::Other(target) => !ns.is_empty() && ns != *target,
            Namespaces::List(list) => list.contains(&ns),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Process {
    Strict,
    Lax,
    Skip,
}

/// A simple type: a built-in type with the facets of its restrictions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimpleType {
    pub builtin: Builtin,
    pub enumeration: &'static [&'static str],
    pub length: Option<u32>,
    pub min_length: Option<u32>,
    pub max_length: Option<u32>,
}

/// The built-in types the shipped schemas use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    AnySimpleType,
    String,
    NormalizedString,
    Token,
    Language,
    Name,
    NcName,
    Id,
    IdRef,
    NmToken,
    AnyUri,
    Base64Binary,
    HexBinary,
    Boolean,
    Date,
    DateTime,
    Time,
    Decimal,
    Integer,
    NonNegativeInteger,
    PositiveInteger,
    Double,
    Float,
}

impl Builtin {
    /// The built-in type of this local name in the XML Schema namespace.
    pub fn from_name(name: &str) -> Option<Builtin> {
        Some(match name {
            "anySimpleType" => Builtin::AnySimpleType,
            "string" => Builtin::String,
            "normalizedString" => Builtin::NormalizedString,
            "token" => Builtin::Token,
            "language" => Builtin::Language,
            "Name" => Builtin::Name,
            "NCName" => Builtin::NcName,
            "ID" => Builtin::Id,
            "IDREF" => Builtin::IdRef,
            "NMTOKEN" => Builtin::NmToken,
            "anyURI" => Builtin::AnyUri,
            "base64Binary" => Builtin::Base64Binary,
            "hexBinary" => Builtin::HexBinary,
            "boolean" => Builtin::Boolean,
            "date" => Builtin::Date,
            "dateTime" => Builtin::DateTime,
            "time" => Builtin::Time,
            "decimal" => Builtin::Decimal,
            "integer" => Builtin::Integer,
            "nonNegativeInteger" => Builtin::NonNegativeInteger,
            "positiveInteger" => Builtin::PositiveInteger,
            "double" => Builtin::Double,
            "float" => Builtin::Float,
            _ => return None,
        })
    }

    /// Its name in messages (`xs:date`).
    pub fn name(self) -> &'static str {
        match self {
            Builtin::AnySimpleType => "anySimpleType",
            Builtin::String => "string",
            Builtin::NormalizedString => "normalizedString",
            Builtin::Token => "token",
            Builtin::Language => "language",
            Builtin::Name => "Name",
            Builtin::NcName => "NCName",
            Builtin::Id => "ID",
            Builtin::IdRef => "IDREF",
            Builtin::NmToken => "NMTOKEN",
            Builtin::AnyUri => "anyURI",
            Builtin::Base64Binary => "base64Binary",
            Builtin::HexBinary => "hexBinary",
            Builtin::Boolean => "boolean",
            Builtin::Date => "date",
            Builtin::DateTime => "dateTime",
            Builtin::Time => "time",
            Builtin::Decimal => "decimal",
            Builtin::Integer => "integer",
            Builtin::NonNegativeInteger => "nonNegativeInteger",
            Builtin::PositiveInteger => "positiveInteger",
            Builtin::Double => "double",
            Builtin::Float => "float",
        }
    }
}
