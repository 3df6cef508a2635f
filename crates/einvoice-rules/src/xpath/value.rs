//! XPath values: nodes of a roxmltree document (attributes included) and typed atomic values.

use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::str::FromStr;
use std::sync::Arc as Rc;

pub type RNode<'a> = roxmltree::Node<'a, 'a>;

/// A node: a roxmltree node, or its attribute number `attr - 1` when `attr > 0`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct XNode<'a> {
    pub node: RNode<'a>,
    pub attr: u32,
}

impl std::fmt::Debug for XNode<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "XNode({}, {})", self.node.id().get(), self.attr)
    }
}

impl<'a> XNode<'a> {
    pub fn new(node: RNode<'a>) -> Self {
        XNode { node, attr: 0 }
    }
    pub fn is_attr(&self) -> bool {
        self.attr > 0
    }
    pub fn attribute(&self) -> Option<roxmltree::Attribute<'a, 'a>> {
        if self.attr == 0 { None } else { self.node.attributes().nth(self.attr as usize - 1) }
    }
    /// Document order key.
    pub fn key(&self) -> (u32, u32) {
        (self.node.id().get(), self.attr)
    }
    pub fn string_value(&self) -> String {
        if let Some(a) = self.attribute() {
            return a.value().to_owned();
        }
        let n = self.node;
        if n.is_text() || n.is_comment() {
            return n.text().unwrap_or("").to_owned();
        }
        if n.is_pi() {
            return n.pi().and_then(|p| p.value).unwrap_or("").to_owned();
        }
        let mut s = String::new();
        for d in n.descendants() {
            if d.is_text() {
                s.push_str(d.text().unwrap_or(""));
            }
        }
        s
    }
    /// The string value, shared (one allocation for the common single-text element).
    pub fn string_value_arc(&self) -> Rc<str> {
        if let Some(a) = self.attribute() {
            return Rc::from(a.value());
        }
        let n = self.node;
        if n.is_element() {
            match (n.first_child(), n.last_child()) {
                (None, _) => return Rc::from(""),
                (Some(c), Some(l)) if c == l && c.is_text() => return Rc::from(c.text().unwrap_or("")),
                _ => {}
            }
        }
        Rc::from(self.string_value())
    }

    /// (namespace URI, local name) of an element or attribute.
    pub fn qname(&self) -> Option<(Option<&'a str>, &'a str)> {
        if let Some(a) = self.attribute() {
            return Some((a.namespace(), a.name()));
        }
        if self.node.is_element() {
            let t = self.node.tag_name();
            return Some((t.namespace(), t.name()));
        }
        if let Some(p) = self.node.pi() {
            return Some((None, p.target));
        }
        None
    }
    /// The name as the document writes it (`prefix:local`).
    pub fn name(&self) -> String {
        match self.qname() {
            Some((Some(ns), local)) => {
                let elem = self.node;
                match elem.lookup_prefix(ns) {
                    Some(p) if !p.is_empty() => {
                        let mut s = String::with_capacity(p.len() + 1 + local.len());
                        s.push_str(p);
                        s.push(':');
                        s.push_str(local);
                        s
                    }
                    _ => local.to_owned(),
                }
            }
            Some((None, local)) => local.to_owned(),
            None => String::new(),
        }
    }
    pub fn parent(&self) -> Option<XNode<'a>> {
        if self.attr > 0 { Some(XNode::new(self.node)) } else { self.node.parent().map(XNode::new) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Atom {
    Str(Rc<str>),
    Untyped(Rc<str>),
    Int(i128),
    Dec(Decimal),
    Dbl(f64),
    Bool(bool),
    Date(Date),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item<'a> {
    N(XNode<'a>),
    A(Atom),
}

pub type Seq<'a> = Vec<Item<'a>>;

/// A dynamic error (stops the transformation, as in Saxon).
#[derive(Debug, Clone, PartialEq)]
pub struct XErr(pub String);

pub type XResult<T> = Result<T, XErr>;

pub fn err<T>(msg: impl Into<String>) -> XResult<T> {
    Err(XErr(msg.into()))
}

impl Item<'_> {
    pub fn atomize(&self) -> Atom {
        match self {
            Item::N(n) => Atom::Untyped(n.string_value_arc()),
            Item::A(a) => a.clone(),
        }
    }
}

pub fn fmt_double(d: f64) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 { "INF".into() } else { "-INF".into() };
    }
    if d == 0.0 {
        return if d.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let a = d.abs();
    if (1e-6..1e6).contains(&a) {
        let s = format!("{d}");
        return s;
    }
    // scientific: mantissa with at least one fractional digit
    let s = format!("{d:E}");
    match s.split_once('E') {
        Some((m, e)) => {
            let m = if m.contains('.') { m.to_owned() } else { format!("{m}.0") };
            format!("{m}E{e}")
        }
        None => s,
    }
}

pub fn fmt_decimal(d: &Decimal) -> String {
    let n = d.normalize();
    n.to_string()
}

impl Atom {
    pub fn to_str(&self) -> String {
        match self {
            Atom::Str(s) | Atom::Untyped(s) => s.to_string(),
            Atom::Int(i) => i.to_string(),
            Atom::Dec(d) => fmt_decimal(d),
            Atom::Dbl(d) => fmt_double(*d),
            Atom::Bool(b) => b.to_string(),
            Atom::Date(d) => {
                if d.year < 0 {
                    format!("-{:04}-{:02}-{:02}", -d.year, d.month, d.day)
                } else {
                    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
                }
            }
        }
    }
    pub fn is_numeric(&self) -> bool {
        matches!(self, Atom::Int(_) | Atom::Dec(_) | Atom::Dbl(_))
    }
    pub fn type_name(&self) -> &'static str {
        match self {
            Atom::Str(_) => "xs:string",
            Atom::Untyped(_) => "xs:untypedAtomic",
            Atom::Int(_) => "xs:integer",
            Atom::Dec(_) => "xs:decimal",
            Atom::Dbl(_) => "xs:double",
            Atom::Bool(_) => "xs:boolean",
            Atom::Date(_) => "xs:date",
        }
    }
}

pub fn dec_to_f64(d: &Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(f64::NAN)
}

fn xs_trim(s: &str) -> &str {
    s.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

pub fn parse_double(s: &str) -> Option<f64> {
    let t = xs_trim(s);
    match t {
        "INF" | "+INF" => return Some(f64::INFINITY),
        "-INF" => return Some(f64::NEG_INFINITY),
        "NaN" => return Some(f64::NAN),
        _ => {}
    }
    let ok = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && t.chars().any(|c| c.is_ascii_digit());
    if !ok {
        return None;
    }
    t.parse::<f64>().ok()
}

pub fn parse_decimal(s: &str) -> Option<Decimal> {
    let t = xs_trim(s);
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (ip, fp) = body.split_once('.').unwrap_or((body, ""));
    if (ip.is_empty() && fp.is_empty())
        || !ip.chars().all(|c| c.is_ascii_digit())
        || !fp.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let neg = t.starts_with('-');
    let ip = ip.trim_start_matches('0');
    let fp = fp.trim_end_matches('0');
    let text = format!("{}{}.{}", if neg { "-" } else { "" }, if ip.is_empty() { "0" } else { ip }, fp);
    let text = text.trim_end_matches('.');
    Decimal::from_str(text).ok().or_else(|| Decimal::from_scientific(text).ok())
}

/// An xs:integer as an xs:decimal; `None` beyond rust_decimal's 96 bits.
pub fn int_to_dec(i: i128) -> Option<Decimal> {
    use rust_decimal::prelude::FromPrimitive;
    Decimal::from_i128(i)
}

/// An `xs:integer` from its lexical form. xs:integer is unbounded in Saxon; ours is 128 bits
/// (38 digits), so that an IBAN's digits — at most 38 for every real IBAN — can be cast and
/// taken mod 97 as the XRechnung and Peppol rules do. Beyond that the cast fails.
pub fn parse_integer(s: &str) -> Option<Atom> {
    let t = xs_trim(s);
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    t.parse::<i128>().ok().map(Atom::Int)
}

pub fn parse_date(s: &str) -> Option<Date> {
    let t = xs_trim(s);
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t),
    };
    let mut parts = body.splitn(3, '-');
    let y = parts.next()?;
    let m = parts.next()?;
    let rest = parts.next()?;
    if y.len() < 4 || !y.chars().all(|c| c.is_ascii_digit()) || (y.len() > 4 && y.starts_with('0')) {
        return None;
    }
    if m.len() != 2 || !m.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if rest.len() < 2 || !rest.is_char_boundary(2) {
        return None;
    }
    let (d, tz) = rest.split_at(2);
    if !d.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if !tz.is_empty() && tz != "Z" {
        let b = tz.as_bytes();
        let ok = b.len() == 6
            && (b[0] == b'+' || b[0] == b'-')
            && b[1].is_ascii_digit()
            && b[2].is_ascii_digit()
            && b[3] == b':'
            && b[4].is_ascii_digit()
            && b[5].is_ascii_digit();
        if !ok {
            return None;
        }
    }
    let year: i32 = y.parse().ok()?;
    if year == 0 {
        return None;
    }
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let dim = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > dim {
        return None;
    }
    Some(Date { year: if neg { -year } else { year }, month, day })
}

/// Casts an atomic value to the named atomic type.
pub fn cast(a: &Atom, ty: &str) -> XResult<Atom> {
    let fail = |a: &Atom| err(format!("FORG0001: cannot cast {} {:?} to {ty}", a.type_name(), a.to_str()));
    match ty {
        "xs:string" | "xs:anyURI" => Ok(Atom::Str(a.to_str().into())),
        "xs:untypedAtomic" => Ok(Atom::Untyped(a.to_str().into())),
        "xs:decimal" => match a {
            Atom::Str(s) | Atom::Untyped(s) => parse_decimal(s).map(Atom::Dec).map_or_else(|| fail(a), Ok),
            Atom::Int(i) => int_to_dec(*i).map(Atom::Dec).map_or_else(|| fail(a), Ok),
            Atom::Dec(d) => Ok(Atom::Dec(*d)),
            Atom::Dbl(d) => {
                if d.is_finite() {
                    Decimal::from_str(&format!("{d}")).map(Atom::Dec).or_else(|_| fail(a))
                } else {
                    fail(a)
                }
            }
            Atom::Bool(b) => Ok(Atom::Dec(Decimal::from(*b as i64))),
            Atom::Date(_) => fail(a),
        },
        "xs:integer" => match a {
            Atom::Str(s) | Atom::Untyped(s) => parse_integer(s).map_or_else(|| fail(a), Ok),
            Atom::Int(i) => Ok(Atom::Int(*i)),
            Atom::Dec(d) => {
                use rust_decimal::prelude::ToPrimitive;
                d.trunc().to_i128().map(Atom::Int).map_or_else(|| fail(a), Ok)
            }
            Atom::Dbl(d) => {
                if d.is_finite() && d.abs() < 1.7e38 {
                    Ok(Atom::Int(d.trunc() as i128))
                } else {
                    fail(a)
                }
            }
            Atom::Bool(b) => Ok(Atom::Int(i128::from(*b))),
            Atom::Date(_) => fail(a),
        },
        "xs:double" | "xs:float" => match a {
            Atom::Str(s) | Atom::Untyped(s) => parse_double(s).map(Atom::Dbl).map_or_else(|| fail(a), Ok),
            Atom::Int(i) => Ok(Atom::Dbl(*i as f64)),
            Atom::Dec(d) => Ok(Atom::Dbl(dec_to_f64(d))),
            Atom::Dbl(d) => Ok(Atom::Dbl(*d)),
            Atom::Bool(b) => Ok(Atom::Dbl(if *b { 1.0 } else { 0.0 })),
            Atom::Date(_) => fail(a),
        },
        "xs:boolean" => match a {
            Atom::Str(s) | Atom::Untyped(s) => match xs_trim(s) {
                "true" | "1" => Ok(Atom::Bool(true)),
                "false" | "0" => Ok(Atom::Bool(false)),
                _ => fail(a),
            },
            Atom::Int(i) => Ok(Atom::Bool(*i != 0)),
            Atom::Dec(d) => Ok(Atom::Bool(!d.is_zero())),
            Atom::Dbl(d) => Ok(Atom::Bool(*d != 0.0 && !d.is_nan())),
            Atom::Bool(b) => Ok(Atom::Bool(*b)),
            Atom::Date(_) => fail(a),
        },
        "xs:date" => match a {
            Atom::Str(s) | Atom::Untyped(s) => parse_date(s).map(Atom::Date).map_or_else(|| fail(a), Ok),
            Atom::Date(d) => Ok(Atom::Date(*d)),
            _ => fail(a),
        },
        other => err(format!("XPST0051: unsupported type {other}")),
    }
}

pub enum Num {
    I(i128),
    D(Decimal),
    F(f64),
}

pub fn num_of(a: &Atom) -> Option<Num> {
    match a {
        Atom::Int(i) => Some(Num::I(*i)),
        Atom::Dec(d) => Some(Num::D(*d)),
        Atom::Dbl(f) => Some(Num::F(*f)),
        _ => None,
    }
}

pub fn num_to_f64(n: &Num) -> f64 {
    match n {
        Num::I(i) => *i as f64,
        Num::D(d) => dec_to_f64(d),
        Num::F(f) => *f,
    }
}

/// Compares two numbers (None when either is NaN).
pub fn cmp_num(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        (Num::I(x), Num::I(y)) => Some(x.cmp(y)),
        (Num::F(_), _) | (_, Num::F(_)) => num_to_f64(a).partial_cmp(&num_to_f64(b)),
        (Num::I(x), Num::D(y)) => match int_to_dec(*x) {
            Some(x) => Some(x.cmp(y)),
            None => num_to_f64(a).partial_cmp(&num_to_f64(b)),
        },
        (Num::D(x), Num::I(y)) => match int_to_dec(*y) {
            Some(y) => Some(x.cmp(&y)),
            None => num_to_f64(a).partial_cmp(&num_to_f64(b)),
        },
        (Num::D(x), Num::D(y)) => Some(x.cmp(y)),
    }
}
