//! The parsed form of an XPath 2.0 expression.

use super::value::Atom;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Child,
    Attribute,
    Parent,
    SelfAxis,
    Ancestor,
    AncestorOrSelf,
    Descendant,
    DescendantOrSelf,
    PrecedingSibling,
    FollowingSibling,
    Preceding,
    Following,
}

impl Axis {
    pub fn is_reverse(self) -> bool {
        matches!(self, Axis::Parent | Axis::Ancestor | Axis::AncestorOrSelf | Axis::PrecedingSibling | Axis::Preceding)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindTest {
    Node,
    Text,
    Comment,
    Pi,
    Element,
    Attribute,
    Document,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NameTest {
    /// `prefix:local` resolved to (namespace URI, local name); no prefix = no namespace.
    Name(Option<Arc<str>>, String),
    /// `*`
    Any,
    /// `prefix:*`
    Ns(Arc<str>),
    /// `*:local`
    Local(String),
    Kind(KindTest),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Axis(Axis, NameTest, Vec<Expr>),
    /// A primary expression used as a step (`a/xs:decimal(.)`, `(a|b)[1]`).
    Filter(Box<Expr>, Vec<Expr>),
}

impl Step {
    pub fn desc_or_self() -> Step {
        Step::Axis(Axis::DescendantOrSelf, NameTest::Kind(KindTest::Node), Vec::new())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumOp {
    Add,
    Sub,
    Mul,
    Div,
    IDiv,
    Mod,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SeqType {
    Item,
    Empty,
    Kind(KindTest),
    Atomic(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Lit(Atom),
    Var(String),
    Context,
    /// `/` alone: the document node.
    Root,
    /// (absolute, steps)
    Path(bool, Vec<Step>),
    Filter(Box<Expr>, Vec<Expr>),
    Seq(Vec<Expr>),
    Call(String, Vec<Expr>),
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    GCmp(CmpOp, Box<Expr>, Box<Expr>),
    VCmp(CmpOp, Box<Expr>, Box<Expr>),
    Arith(NumOp, Box<Expr>, Box<Expr>),
    /// (operand, negate)
    Neg(Box<Expr>, bool),
    Range(Box<Expr>, Box<Expr>),
    Union(Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    For(String, Box<Expr>, Box<Expr>),
    /// (every, variable, input, condition)
    Quant(bool, String, Box<Expr>, Box<Expr>),
    InstanceOf(Box<Expr>, SeqType),
    /// (operand, type name, empty allowed)
    Cast(Box<Expr>, String, bool),
    Castable(Box<Expr>, String, bool),
}
