//! The compiled form of an XML Schema: what `generated.rs` holds, as static data.
//!
//! Names are `(namespace, local name)`; the empty namespace is `""`. Types are indexes into the
//! schema's tables, so recursive types need no pointers.
//!
//! The tables hold (nearly) no pointers either: strings are [`Str`] handles into one string
//! pool, and the particles of a sequence or choice and the attributes of a complex type are
//! [`Span`]s of the schema's flat `particles` and `attributes` tables. The binary is
//! position-independent, so every pointer in a static is a relocation the dynamic loader
//! writes at each process start, copying the page that holds it: as `&'static str` and
//! `&'static [_]` the tables held some 20 800 of them over 115 pages.

/// A string of the schema tables: `len` bytes at `start` in the generated string pool
/// (`generated::POOL`). Equality and [`Debug`](std::fmt::Debug) go by the text.
#[derive(Clone, Copy)]
pub struct Str {
    start: u32,
    len: u32,
}

impl Str {
    pub const EMPTY: Str = Str { start: 0, len: 0 };

    /// The handle of `text`, which the pool holds at `start`. The tables are statics, so this
    /// runs at compile time: a handle that does not match the pool fails the build. Because
    /// `text` is a whole `str` equal to the pool's bytes there, both ends are char boundaries.
    pub const fn at(start: u32, text: &str) -> Str {
        let pool = super::generated::POOL.as_bytes();
        let bytes = text.as_bytes();
        let from = start as usize;
        assert!(from + bytes.len() <= pool.len(), "a string handle past the end of the pool");
        let mut i = 0;
        while i < bytes.len() {
            assert!(pool[from + i] == bytes[i], "a string handle that does not match the pool");
            i += 1;
        }
        Str { start, len: bytes.len() as u32 }
    }

    /// The text. A handle made by [`Str::at`] always resolves; any other range gives `""`
    /// rather than a panic.
    pub fn as_str(self) -> &'static str {
        let pool = super::generated::POOL;
        pool.get(self.start as usize..).and_then(|rest| rest.get(..self.len as usize)).unwrap_or("")
    }

    /// The text's bytes, for the validator's comparisons: `as_str` without its two
    /// char-boundary checks (equal bytes are equal text, and `str` orders by its bytes).
    #[inline]
    pub fn bytes(self) -> &'static [u8] {
        let pool = super::generated::POOL.as_bytes();
        pool.get(self.start as usize..).and_then(|rest| rest.get(..self.len as usize)).unwrap_or(&[])
    }

    /// Whether the text is `text`. The lengths are compared before the handle is resolved:
    /// most comparisons (a child element against the particles of a sequence) fail there. A
    /// handle out of the pool's range matches no non-empty text.
    #[inline]
    pub fn is(self, text: &str) -> bool {
        self.len as usize == text.len() && self.bytes() == text.as_bytes()
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for Str {}

impl std::fmt::Debug for Str {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// One compiled schema set: every global element, complex and simple type it declares.
#[derive(Debug)]
pub struct Schema {
    /// The global elements, sorted by `(ns, name)`.
    pub elements: &'static [Element],
    pub complex: &'static [ComplexType],
    pub simple: &'static [SimpleType],
    /// The items of every sequence and choice, each one's a [`Span`] of this.
    pub particles: &'static [Particle],
    /// The attributes of every complex type, each one's a [`Span`] of this.
    pub attributes: &'static [Attribute],
}

impl Schema {
    /// The items of a sequence or choice (`Term::Sequence`, `Term::Choice`).
    pub fn particles(&self, span: Span) -> &'static [Particle] {
        span.of(self.particles)
    }

    /// The attributes a complex type declares (`ComplexType::attributes`).
    pub fn attributes(&self, span: Span) -> &'static [Attribute] {
        span.of(self.attributes)
    }
}

/// `len` consecutive entries from `start` of one of a schema's flat tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub len: u32,
}

impl Span {
    pub const EMPTY: Span = Span { start: 0, len: 0 };

    /// Its entries of `table`; a span past the end (which the generator never writes, and
    /// `tests/xsd_generate.rs` proves) gives none rather than a panic.
    pub fn of<T>(self, table: &[T]) -> &[T] {
        table.get(self.start as usize..).and_then(|rest| rest.get(..self.len as usize)).unwrap_or(&[])
    }
}

/// An element declaration (global, local or referenced).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element {
    pub ns: Str,
    pub name: Str,
    pub ty: Type,
    /// The declared type's `(namespace, name)`; `None` for an anonymous type.
    pub type_name: Option<(Str, Str)>,
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
    /// A span of `Schema::attributes`.
    pub attributes: Span,
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
    pub ns: Str,
    pub name: Str,
    /// An index into `Schema::simple`.
    pub ty: u16,
    pub required: bool,
    pub fixed: Option<Str>,
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
    /// A span of `Schema::particles`.
    Sequence(Span),
    /// A span of `Schema::particles`.
    Choice(Span),
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
    Other(Str),
    List(&'static [Str]),
}

impl Namespaces {
    pub fn accepts(&self, ns: &str) -> bool {
        match self {
            Namespaces::Any => true,
            Namespaces::Other(target) => !ns.is_empty() && !target.is(ns),
            Namespaces::List(list) => list.iter().any(|n| n.is(ns)),
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
    pub enumeration: &'static [Str],
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

#[cfg(test)]
mod tests {
    use super::Str;

    const UBL_INVOICE_NS: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";

    #[test]
    fn handles_resolve_to_their_text_and_compare_by_it() {
        let invoice = super::super::generated::UBL
            .elements
            .iter()
            .find(|e| e.name.as_str() == "Invoice" && e.ns.as_str() == UBL_INVOICE_NS);
        let Some(invoice) = invoice else { panic!("no global Invoice element in the UBL tables") };
        let start = super::super::generated::POOL.find(UBL_INVOICE_NS).map(|i| i as u32);
        let Some(start) = start else { panic!("the Invoice namespace is not in the pool") };
        let same_text = Str { start, len: UBL_INVOICE_NS.len() as u32 };
        assert_eq!(invoice.ns, same_text);
        assert_eq!(format!("{:?}", invoice.name), "\"Invoice\"");
        assert_ne!(invoice.ns, invoice.name);
        assert!(invoice.name.is("Invoice") && invoice.ns.is(UBL_INVOICE_NS));
        assert!(!invoice.name.is("Invoic") && !invoice.name.is("Invoice ") && !invoice.name.is("invoice"));
        assert_eq!(invoice.name.bytes(), b"Invoice");
        assert_eq!(Str::EMPTY.as_str(), "");
    }

    #[test]
    fn a_handle_outside_the_pool_resolves_to_empty_not_a_panic() {
        let pool_len = super::super::generated::POOL.len() as u32;
        assert_eq!(Str { start: pool_len, len: 1 }.as_str(), "");
        assert_eq!(Str { start: 0, len: pool_len + 1 }.as_str(), "");
        assert_eq!(Str { start: u32::MAX, len: u32::MAX }.as_str(), "");
        assert_eq!(Str { start: pool_len, len: 1 }.bytes(), b"");
        assert!(!Str { start: pool_len, len: 1 }.is("x"));
    }
}
