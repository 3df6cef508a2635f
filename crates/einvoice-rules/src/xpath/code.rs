//! A parsed expression written as a short string and read back without lexing or parsing.
//!
//! The build script parses every expression of the shipped rules and stores its tree in this
//! form beside the source text (`schematron::extract`), so that a process judging one file
//! does not parse the hundreds of expressions that file's elements fire (SPEC 13.3's
//! one-file-per-process budget). The form is a prefix walk of [`Expr`]: one ASCII tag per
//! node, numbers in decimal closed by `,`, strings as `LEN:BYTES`, and each namespace as the
//! index of its URI in the sheet's namespace list (so it is shared, as the parser shares it).
//! It holds no pointers: the embedded rules stay one string, with nothing for the loader to
//! relocate. Reading it back gives the same tree as parsing the source (a test compares the
//! two for every expression of the four rule sets); data it cannot read is an error, and the
//! caller then parses the source.

use super::ast::{Axis, CmpOp, Expr, KindTest, NameTest, NumOp, SeqType, Step};
use super::value::Atom;
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::Arc;

const AXES: [Axis; 12] = [
    Axis::Child,
    Axis::Attribute,
    Axis::Parent,
    Axis::SelfAxis,
    Axis::Ancestor,
    Axis::AncestorOrSelf,
    Axis::Descendant,
    Axis::DescendantOrSelf,
    Axis::PrecedingSibling,
    Axis::FollowingSibling,
    Axis::Preceding,
    Axis::Following,
];
const KINDS: [KindTest; 7] = [
    KindTest::Node,
    KindTest::Text,
    KindTest::Comment,
    KindTest::Pi,
    KindTest::Element,
    KindTest::Attribute,
    KindTest::Document,
];
const CMPS: [CmpOp; 6] = [CmpOp::Eq, CmpOp::Ne, CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge];
const NUMS: [NumOp; 6] = [NumOp::Add, NumOp::Sub, NumOp::Mul, NumOp::Div, NumOp::IDiv, NumOp::Mod];

/// The written form of `expr`, with each namespace URI as its index in `namespaces`; `None`
/// when the tree holds what the form has no tag for (a URI not in the list, a literal the
/// parser never makes).
pub fn encode(expr: &Expr, namespaces: &[&str]) -> Option<String> {
    let mut w = Writer { out: String::new(), namespaces };
    w.expr(expr)?;
    Some(w.out)
}

/// Reads a tree [`encode`] wrote, with namespace `i` read as `namespaces[i]`.
///
/// # Errors
/// A message when `code` is not such a tree (truncated, unknown tag, bad number, index out of
/// range, bytes left over).
pub fn decode(code: &str, namespaces: &[Arc<str>]) -> Result<Expr, String> {
    let mut r = Reader { code, pos: 0, namespaces };
    let expr = r.expr()?;
    if r.pos != code.len() {
        return Err(format!("compiled expression: {} bytes left over", code.len() - r.pos));
    }
    Ok(expr)
}

struct Writer<'n> {
    out: String,
    namespaces: &'n [&'n str],
}

impl Writer<'_> {
    fn tag(&mut self, tag: char) {
        self.out.push(tag);
    }
    fn n(&mut self, n: usize) {
        self.out.push_str(&n.to_string());
        self.out.push(',');
    }
    fn s(&mut self, s: &str) {
        self.out.push_str(&s.len().to_string());
        self.out.push(':');
        self.out.push_str(s);
    }
    fn flag(&mut self, b: bool) {
        self.out.push(if b { '1' } else { '0' });
    }
    fn index<T: PartialEq>(&mut self, table: &[T], value: &T) -> Option<()> {
        let i = table.iter().position(|t| t == value)?;
        self.n(i);
        Some(())
    }
    fn ns(&mut self, uri: &str) -> Option<()> {
        let i = self.namespaces.iter().position(|u| *u == uri)?;
        self.n(i);
        Some(())
    }
    fn all(&mut self, exprs: &[Expr]) -> Option<()> {
        self.n(exprs.len());
        exprs.iter().try_for_each(|e| self.expr(e))
    }
    fn two(&mut self, tag: char, a: &Expr, b: &Expr) -> Option<()> {
        self.tag(tag);
        self.expr(a)?;
        self.expr(b)
    }
    fn expr(&mut self, e: &Expr) -> Option<()> {
        match e {
            Expr::Lit(atom) => {
                self.tag('L');
                match atom {
                    Atom::Str(s) => {
                        self.tag('s');
                        self.s(s);
                    }
                    Atom::Int(i) => {
                        self.tag('i');
                        self.s(&i.to_string());
                    }
                    // Decimal's text keeps its scale, and reads back to the same value and scale.
                    Atom::Dec(d) => {
                        self.tag('d');
                        self.s(&d.to_string());
                    }
                    // The bits, so that the double reads back exactly.
                    Atom::Dbl(f) => {
                        self.tag('f');
                        self.s(&f.to_bits().to_string());
                    }
                    Atom::Untyped(_) | Atom::Bool(_) | Atom::Date(_) => return None,
                }
            }
            Expr::Var(name) => {
                self.tag('V');
                self.s(name);
            }
            Expr::Context => self.tag('C'),
            Expr::Root => self.tag('R'),
            Expr::Path(absolute, steps) => {
                self.tag('P');
                self.flag(*absolute);
                self.n(steps.len());
                for step in steps {
                    self.step(step)?;
                }
            }
            Expr::Filter(base, predicates) => {
                self.tag('F');
                self.expr(base)?;
                self.all(predicates)?;
            }
            Expr::Seq(items) => {
                self.tag('Q');
                self.all(items)?;
            }
            Expr::Call(name, args) => {
                self.tag('K');
                self.s(name);
                self.all(args)?;
            }
            Expr::Or(a, b) => self.two('o', a, b)?,
            Expr::And(a, b) => self.two('a', a, b)?,
            Expr::GCmp(op, a, b) => {
                self.tag('g');
                self.index(&CMPS, op)?;
                self.expr(a)?;
                self.expr(b)?;
            }
            Expr::VCmp(op, a, b) => {
                self.tag('v');
                self.index(&CMPS, op)?;
                self.expr(a)?;
                self.expr(b)?;
            }
            Expr::Arith(op, a, b) => {
                self.tag('A');
                self.index(&NUMS, op)?;
                self.expr(a)?;
                self.expr(b)?;
            }
            Expr::Neg(operand, negate) => {
                self.tag('N');
                self.flag(*negate);
                self.expr(operand)?;
            }
            Expr::Range(a, b) => self.two('r', a, b)?,
            Expr::Union(a, b) => self.two('u', a, b)?,
            Expr::If(c, t, f) => {
                self.tag('I');
                self.expr(c)?;
                self.expr(t)?;
                self.expr(f)?;
            }
            Expr::For(var, input, body) => {
                self.tag('X');
                self.s(var);
                self.expr(input)?;
                self.expr(body)?;
            }
            Expr::Quant(every, var, input, condition) => {
                self.tag('E');
                self.flag(*every);
                self.s(var);
                self.expr(input)?;
                self.expr(condition)?;
            }
            Expr::InstanceOf(operand, seq_type) => {
                self.tag('T');
                self.expr(operand)?;
                match seq_type {
                    SeqType::Item => self.tag('i'),
                    SeqType::Empty => self.tag('e'),
                    SeqType::Kind(kind) => {
                        self.tag('k');
                        self.index(&KINDS, kind)?;
                    }
                    SeqType::Atomic(name) => {
                        self.tag('a');
                        self.s(name);
                    }
                }
            }
            Expr::Cast(operand, type_name, empty_ok) => {
                self.tag('c');
                self.flag(*empty_ok);
                self.s(type_name);
                self.expr(operand)?;
            }
            Expr::Castable(operand, type_name, empty_ok) => {
                self.tag('k');
                self.flag(*empty_ok);
                self.s(type_name);
                self.expr(operand)?;
            }
        }
        Some(())
    }
    fn step(&mut self, step: &Step) -> Option<()> {
        match step {
            Step::Axis(axis, test, predicates) => {
                self.tag('x');
                self.index(&AXES, axis)?;
                match test {
                    NameTest::Name(None, local) => {
                        self.tag('n');
                        self.s(local);
                    }
                    NameTest::Name(Some(uri), local) => {
                        self.tag('q');
                        self.ns(uri)?;
                        self.s(local);
                    }
                    NameTest::Any => self.tag('*'),
                    NameTest::Ns(uri) => {
                        self.tag('p');
                        self.ns(uri)?;
                    }
                    NameTest::Local(local) => {
                        self.tag('l');
                        self.s(local);
                    }
                    NameTest::Kind(kind) => {
                        self.tag('k');
                        self.index(&KINDS, kind)?;
                    }
                }
                self.all(predicates)
            }
            Step::Filter(base, predicates) => {
                self.tag('y');
                self.expr(base)?;
                self.all(predicates)
            }
        }
    }
}

struct Reader<'c> {
    code: &'c str,
    pos: usize,
    namespaces: &'c [Arc<str>],
}

fn truncated() -> String {
    "compiled expression: truncated".to_owned()
}

impl<'c> Reader<'c> {
    fn tag(&mut self) -> Result<u8, String> {
        let b = *self.code.as_bytes().get(self.pos).ok_or_else(truncated)?;
        self.pos += 1;
        Ok(b)
    }
    /// Digits up to `end`, as a number.
    fn digits(&mut self, end: u8) -> Result<usize, String> {
        let bytes = self.code.as_bytes();
        let mut n: usize = 0;
        loop {
            let b = *bytes.get(self.pos).ok_or_else(truncated)?;
            self.pos += 1;
            if b == end {
                return Ok(n);
            }
            if !b.is_ascii_digit() {
                return Err(format!("compiled expression: {:?} in a number", char::from(b)));
            }
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(usize::from(b - b'0')))
                .ok_or_else(|| "compiled expression: number too large".to_owned())?;
        }
    }
    fn n(&mut self) -> Result<usize, String> {
        self.digits(b',')
    }
    fn s(&mut self) -> Result<&'c str, String> {
        let len = self.digits(b':')?;
        let end = self.pos.checked_add(len).ok_or_else(truncated)?;
        let s = self.code.get(self.pos..end).ok_or_else(truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn flag(&mut self) -> Result<bool, String> {
        match self.tag()? {
            b'0' => Ok(false),
            b'1' => Ok(true),
            b => Err(format!("compiled expression: bad flag {:?}", char::from(b))),
        }
    }
    fn index<T: Copy>(&mut self, table: &[T]) -> Result<T, String> {
        let i = self.n()?;
        table.get(i).copied().ok_or_else(|| format!("compiled expression: index {i} out of range"))
    }
    fn ns(&mut self) -> Result<Arc<str>, String> {
        let i = self.n()?;
        self.namespaces.get(i).cloned().ok_or_else(|| format!("compiled expression: namespace {i} out of range"))
    }
    fn all(&mut self) -> Result<Vec<Expr>, String> {
        let n = self.n()?;
        // Every expression takes at least one byte: a count larger than what is left is bad data.
        let mut out = Vec::with_capacity(n.min(self.code.len() - self.pos));
        for _ in 0..n {
            out.push(self.expr()?);
        }
        Ok(out)
    }
    fn boxed(&mut self) -> Result<Box<Expr>, String> {
        self.expr().map(Box::new)
    }
    fn expr(&mut self) -> Result<Expr, String> {
        Ok(match self.tag()? {
            b'L' => {
                let kind = self.tag()?;
                let text = self.s()?;
                let bad = |e: &dyn std::fmt::Display| format!("compiled expression: literal {text:?}: {e}");
                Expr::Lit(match kind {
                    b's' => Atom::Str(text.into()),
                    b'i' => Atom::Int(text.parse().map_err(|e| bad(&e))?),
                    b'd' => Atom::Dec(Decimal::from_str(text).map_err(|e| bad(&e))?),
                    b'f' => Atom::Dbl(f64::from_bits(text.parse().map_err(|e| bad(&e))?)),
                    b => return Err(format!("compiled expression: bad literal kind {:?}", char::from(b))),
                })
            }
            b'V' => Expr::Var(self.s()?.to_owned()),
            b'C' => Expr::Context,
            b'R' => Expr::Root,
            b'P' => {
                let absolute = self.flag()?;
                let n = self.n()?;
                let mut steps = Vec::with_capacity(n.min(self.code.len() - self.pos));
                for _ in 0..n {
                    steps.push(self.step()?);
                }
                Expr::Path(absolute, steps)
            }
            b'F' => {
                let base = self.boxed()?;
                Expr::Filter(base, self.all()?)
            }
            b'Q' => Expr::Seq(self.all()?),
            b'K' => {
                let name = self.s()?.to_owned();
                Expr::Call(name, self.all()?)
            }
            b'o' => Expr::Or(self.boxed()?, self.boxed()?),
            b'a' => Expr::And(self.boxed()?, self.boxed()?),
            b'g' => Expr::GCmp(self.index(&CMPS)?, self.boxed()?, self.boxed()?),
            b'v' => Expr::VCmp(self.index(&CMPS)?, self.boxed()?, self.boxed()?),
            b'A' => Expr::Arith(self.index(&NUMS)?, self.boxed()?, self.boxed()?),
            b'N' => {
                let negate = self.flag()?;
                Expr::Neg(self.boxed()?, negate)
            }
            b'r' => Expr::Range(self.boxed()?, self.boxed()?),
            b'u' => Expr::Union(self.boxed()?, self.boxed()?),
            b'I' => Expr::If(self.boxed()?, self.boxed()?, self.boxed()?),
            b'X' => Expr::For(self.s()?.to_owned(), self.boxed()?, self.boxed()?),
            b'E' => Expr::Quant(self.flag()?, self.s()?.to_owned(), self.boxed()?, self.boxed()?),
            b'T' => {
                let operand = self.boxed()?;
                let seq_type = match self.tag()? {
                    b'i' => SeqType::Item,
                    b'e' => SeqType::Empty,
                    b'k' => SeqType::Kind(self.index(&KINDS)?),
                    b'a' => SeqType::Atomic(self.s()?.to_owned()),
                    b => return Err(format!("compiled expression: bad sequence type {:?}", char::from(b))),
                };
                Expr::InstanceOf(operand, seq_type)
            }
            b'c' => {
                let empty_ok = self.flag()?;
                let type_name = self.s()?.to_owned();
                Expr::Cast(self.boxed()?, type_name, empty_ok)
            }
            b'k' => {
                let empty_ok = self.flag()?;
                let type_name = self.s()?.to_owned();
                Expr::Castable(self.boxed()?, type_name, empty_ok)
            }
            b => return Err(format!("compiled expression: bad tag {:?}", char::from(b))),
        })
    }
    fn step(&mut self) -> Result<Step, String> {
        match self.tag()? {
            b'x' => {
                let axis = self.index(&AXES)?;
                let test = match self.tag()? {
                    b'n' => NameTest::Name(None, self.s()?.to_owned()),
                    b'q' => {
                        let uri = self.ns()?;
                        NameTest::Name(Some(uri), self.s()?.to_owned())
                    }
                    b'*' => NameTest::Any,
                    b'p' => NameTest::Ns(self.ns()?),
                    b'l' => NameTest::Local(self.s()?.to_owned()),
                    b'k' => NameTest::Kind(self.index(&KINDS)?),
                    b => return Err(format!("compiled expression: bad name test {:?}", char::from(b))),
                };
                Ok(Step::Axis(axis, test, self.all()?))
            }
            b'y' => {
                let base = self.boxed()?;
                Ok(Step::Filter(base, self.all()?))
            }
            b => Err(format!("compiled expression: bad step {:?}", char::from(b))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is not a stored tree is an error, never a panic.
    #[test]
    fn bad_data_is_an_error() {
        let uris: Vec<Arc<str>> = vec![Arc::from("urn:a")];
        for code in
            ["", "Z", "P1", "P13,", "Ls99:ab", "Li3:abc", "x", "Px", "P0999999999999999999999999,", "Ls1:\u{e9}", "CC"]
        {
            assert!(decode(code, &uris).is_err(), "{code:?}");
        }
        assert!(decode("P01,x0,q5,1:a0,", &uris).is_err(), "namespace out of range");
        assert_eq!(
            decode("P01,x0,q0,1:a0,", &uris),
            Ok(Expr::Path(
                false,
                vec![Step::Axis(Axis::Child, NameTest::Name(Some(Arc::from("urn:a")), "a".to_owned()), Vec::new())]
            ))
        );
    }
}
