//! The evaluator: XPath 2.0 semantics as Saxon applies them to untyped documents.

use super::ast::{Axis, CmpOp, Expr, KindTest, NameTest, NumOp, SeqType, Step};
use super::regex;
use super::value::RNode;
use super::value::{Atom, Item, Num, Seq, XErr, XNode, XResult, cast, cmp_num, err, int_to_dec, num_of, num_to_f64};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::cmp::Ordering;
use std::sync::Arc as Rc;

/// What an expression sees besides its own bindings: the stylesheet's variables and functions.
pub trait Env<'a> {
    /// A variable of the stylesheet (rule-level or global), by its name as written.
    fn var(&self, name: &str) -> XResult<Seq<'a>>;
    /// A stylesheet function, or `None` when there is none of that name and arity.
    fn call(&self, name: &str, args: Vec<Seq<'a>>) -> Option<XResult<Seq<'a>>>;
    /// The node `current()` returns.
    fn current(&self) -> Option<XNode<'a>>;
    /// Every element of the document with this name, in document order, when the caller keeps
    /// such an index (`//name` then costs a binary search instead of a walk).
    fn named(&self, _local: &str, _ns: Option<&str>) -> Option<&[RNode<'a>]> {
        None
    }
}

/// The id just past the subtree of `n` (its descendants have the ids in between).
fn subtree_end(n: RNode<'_>) -> u32 {
    let mut cur = Some(n);
    while let Some(c) = cur {
        if let Some(s) = c.next_sibling() {
            return s.id().get();
        }
        cur = c.parent();
    }
    u32::MAX
}

#[derive(Clone)]
pub struct Focus<'a> {
    pub item: Option<Item<'a>>,
    pub pos: usize,
    pub size: usize,
}

impl<'a> Focus<'a> {
    pub fn node(n: XNode<'a>) -> Self {
        Focus { item: Some(Item::N(n)), pos: 1, size: 1 }
    }
}

pub struct Eval<'x, 'a> {
    env: &'x dyn Env<'a>,
    locals: Vec<(&'x str, Seq<'a>)>,
}

fn one<'a>(v: Item<'a>) -> Seq<'a> {
    vec![Item::A(match v {
        Item::A(a) => a,
        Item::N(n) => return vec![Item::N(n)],
    })]
}

fn atom<'a>(a: Atom) -> Seq<'a> {
    vec![Item::A(a)]
}

fn boolean<'a>(b: bool) -> Seq<'a> {
    vec![Item::A(Atom::Bool(b))]
}

fn string<'a>(s: impl Into<Rc<str>>) -> Seq<'a> {
    vec![Item::A(Atom::Str(s.into()))]
}

/// Effective boolean value.
pub fn ebv(s: &Seq<'_>) -> XResult<bool> {
    match s.as_slice() {
        [] => Ok(false),
        [Item::N(_), ..] => Ok(true),
        [Item::A(a)] => match a {
            Atom::Bool(b) => Ok(*b),
            Atom::Str(s) | Atom::Untyped(s) => Ok(!s.is_empty()),
            Atom::Int(i) => Ok(*i != 0),
            Atom::Dec(d) => Ok(!d.is_zero()),
            Atom::Dbl(d) => Ok(*d != 0.0 && !d.is_nan()),
            Atom::Date(_) => err("FORG0006: effective boolean value of xs:date"),
        },
        _ => err("FORG0006: effective boolean value of a sequence of several atomic values"),
    }
}

fn atomize(s: &Seq<'_>) -> Vec<Atom> {
    s.iter().map(Item::atomize).collect()
}

fn opt_atom(s: &Seq<'_>, what: &str) -> XResult<Option<Atom>> {
    match s.as_slice() {
        [] => Ok(None),
        [i] => Ok(Some(i.atomize())),
        _ => err(format!("XPTY0004: a sequence of more than one item is not allowed as {what}")),
    }
}

fn opt_string(s: &Seq<'_>, what: &str) -> XResult<String> {
    match s.as_slice() {
        [] => Ok(String::new()),
        // a node's string value directly, without an intermediate atom
        [Item::N(n)] => Ok(n.string_value()),
        [Item::A(a)] => Ok(a.to_str()),
        _ => err(format!("XPTY0004: a sequence of more than one item is not allowed as {what}")),
    }
}

fn opt_double(s: &Seq<'_>, what: &str) -> XResult<Option<f64>> {
    match opt_atom(s, what)? {
        None => Ok(None),
        Some(a) => match cast(&a, "xs:double")? {
            Atom::Dbl(d) => Ok(Some(d)),
            _ => err("XPTY0004: not a number"),
        },
    }
}

fn node_test(n: &XNode<'_>, test: &NameTest, axis: Axis) -> bool {
    let principal_attr = axis == Axis::Attribute;
    match test {
        NameTest::Kind(k) => match k {
            KindTest::Node => true,
            KindTest::Text => !n.is_attr() && n.node.is_text(),
            KindTest::Comment => !n.is_attr() && n.node.is_comment(),
            KindTest::Pi => !n.is_attr() && n.node.is_pi(),
            KindTest::Element => !n.is_attr() && n.node.is_element(),
            KindTest::Attribute => n.is_attr(),
            KindTest::Document => !n.is_attr() && n.node.is_root(),
        },
        _ => {
            let is_principal = if principal_attr { n.is_attr() } else { !n.is_attr() && n.node.is_element() };
            if !is_principal {
                return false;
            }
            let Some((ns, local)) = n.qname() else { return false };
            match test {
                NameTest::Any => true,
                NameTest::Ns(u) => ns == Some(&**u),
                NameTest::Local(l) => local == l,
                NameTest::Name(u, l) => local == l && ns == u.as_deref(),
                NameTest::Kind(_) => false,
            }
        }
    }
}

/// The nodes on `axis` from `n`, in axis order (reverse axes nearest first).
fn axis_nodes<'a>(n: XNode<'a>, axis: Axis, out: &mut Vec<XNode<'a>>) {
    let node = n.node;
    match axis {
        Axis::Child => {
            if !n.is_attr() {
                out.extend(node.children().map(XNode::new));
            }
        }
        Axis::Attribute => {
            if !n.is_attr() && node.is_element() {
                let count = node.attributes().len() as u32;
                out.extend((1..=count).map(|attr| XNode { node, attr }));
            }
        }
        Axis::Parent => out.extend(n.parent()),
        Axis::SelfAxis => out.push(n),
        Axis::Ancestor | Axis::AncestorOrSelf => {
            if axis == Axis::AncestorOrSelf {
                out.push(n);
            }
            let mut p = n.parent();
            while let Some(x) = p {
                out.push(x);
                p = x.parent();
            }
        }
        Axis::Descendant | Axis::DescendantOrSelf => {
            if axis == Axis::DescendantOrSelf {
                out.push(n);
            }
            if !n.is_attr() {
                out.extend(node.descendants().skip(1).map(XNode::new));
            }
        }
        Axis::PrecedingSibling => {
            if !n.is_attr() {
                let mut s = node.prev_sibling();
                while let Some(x) = s {
                    out.push(XNode::new(x));
                    s = x.prev_sibling();
                }
            }
        }
        Axis::FollowingSibling => {
            if !n.is_attr() {
                let mut s = node.next_sibling();
                while let Some(x) = s {
                    out.push(XNode::new(x));
                    s = x.next_sibling();
                }
            }
        }
        Axis::Preceding => {
            // all nodes before n in document order, not ancestors, not attributes
            let me = XNode::new(node);
            let ancestors: Vec<u32> = {
                let mut v = Vec::new();
                let mut p = node.parent();
                while let Some(x) = p {
                    v.push(x.id().get());
                    p = x.parent();
                }
                v
            };
            let root = node.document().root();
            let mut before: Vec<XNode<'a>> = root
                .descendants()
                .skip(1)
                .take_while(|d| d.id() != me.node.id())
                .filter(|d| !ancestors.contains(&d.id().get()))
                .map(XNode::new)
                .collect();
            before.reverse();
            out.extend(before);
        }
        Axis::Following => {
            let root = node.document().root();
            let last_desc = node.descendants().next_back().map(|d| d.id().get()).unwrap_or(node.id().get());
            let start = if n.is_attr() { node.id().get() } else { last_desc };
            out.extend(root.descendants().filter(|d| d.id().get() > start).map(XNode::new));
        }
    }
}

fn sort_nodes(v: &mut Vec<XNode<'_>>) {
    v.sort_by_key(|n| n.key());
    v.dedup_by_key(|n| n.key());
}

fn compare_atoms(a: &Atom, b: &Atom, op: CmpOp, general: bool) -> XResult<bool> {
    use Atom::*;
    let (a, b) = match (a, b) {
        (Untyped(x), Untyped(y)) => (Str(x.clone()), Str(y.clone())),
        (Untyped(x), other) | (other, Untyped(x)) if !general || matches!(other, Str(_)) => {
            let x = Str(x.clone());
            if matches!(a, Untyped(_)) { (x, b.clone()) } else { (a.clone(), x) }
        }
        (Untyped(_), other) => {
            let ty = match other {
                Int(_) | Dec(_) | Dbl(_) => "xs:double",
                Bool(_) => "xs:boolean",
                Date(_) => "xs:date",
                _ => "xs:string",
            };
            (cast(a, ty)?, b.clone())
        }
        (other, Untyped(_)) => {
            let ty = match other {
                Int(_) | Dec(_) | Dbl(_) => "xs:double",
                Bool(_) => "xs:boolean",
                Date(_) => "xs:date",
                _ => "xs:string",
            };
            (a.clone(), cast(b, ty)?)
        }
        _ => (a.clone(), b.clone()),
    };
    let ord: Option<Ordering> = match (&a, &b) {
        (Str(x), Str(y)) => Some(x.cmp(y)),
        (Bool(x), Bool(y)) => Some(x.cmp(y)),
        (Date(x), Date(y)) => Some(x.cmp(y)),
        _ => match (num_of(&a), num_of(&b)) {
            (Some(x), Some(y)) => cmp_num(&x, &y),
            _ => {
                return err(format!("XPTY0004: cannot compare {} with {}", a.type_name(), b.type_name()));
            }
        },
    };
    Ok(match ord {
        None => op == CmpOp::Ne,
        Some(o) => match op {
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
        },
    })
}

fn to_numeric(a: Atom) -> XResult<Num> {
    match a {
        Atom::Untyped(_) => match cast(&a, "xs:double")? {
            Atom::Dbl(d) => Ok(Num::F(d)),
            _ => err("XPTY0004"),
        },
        other => num_of(&other).map_or_else(|| err(format!("XPTY0004: arithmetic on {}", other.type_name())), Ok),
    }
}

fn num_atom(n: Num) -> Atom {
    match n {
        Num::I(i) => Atom::Int(i),
        Num::D(d) => Atom::Dec(d),
        Num::F(f) => Atom::Dbl(f),
    }
}

fn arith(op: NumOp, a: Num, b: Num) -> XResult<Atom> {
    let overflow = || XErr("FOAR0002: numeric overflow".into());
    let zero = || XErr("FOAR0001: division by zero".into());
    match (&a, &b) {
        (Num::F(_), _) | (_, Num::F(_)) => {
            let (x, y) = (num_to_f64(&a), num_to_f64(&b));
            Ok(match op {
                NumOp::Add => Atom::Dbl(x + y),
                NumOp::Sub => Atom::Dbl(x - y),
                NumOp::Mul => Atom::Dbl(x * y),
                NumOp::Div => Atom::Dbl(x / y),
                NumOp::Mod => Atom::Dbl(x % y),
                NumOp::IDiv => {
                    if y == 0.0 || x.is_nan() || y.is_nan() || x.is_infinite() {
                        return err("FOAR0001: integer division by zero or of NaN/INF");
                    }
                    let q = (x / y).trunc();
                    Atom::Int(q as i128)
                }
            })
        }
        (Num::I(x), Num::I(y)) if op != NumOp::Div => {
            let (x, y) = (*x, *y);
            let r = match op {
                NumOp::Add => x.checked_add(y),
                NumOp::Sub => x.checked_sub(y),
                NumOp::Mul => x.checked_mul(y),
                NumOp::IDiv => {
                    if y == 0 {
                        return Err(zero());
                    }
                    x.checked_div(y)
                }
                NumOp::Mod => {
                    if y == 0 {
                        return Err(zero());
                    }
                    x.checked_rem(y)
                }
                NumOp::Div => None,
            };
            match r {
                Some(v) => Ok(Atom::Int(v)),
                None => match (int_to_dec(x), int_to_dec(y)) {
                    (Some(x), Some(y)) => arith(op, Num::D(x), Num::D(y)),
                    _ => Err(overflow()),
                },
            }
        }
        _ => {
            let x = match a {
                Num::I(i) => int_to_dec(i).ok_or_else(overflow)?,
                Num::D(d) => d,
                Num::F(_) => return Err(overflow()),
            };
            let y = match b {
                Num::I(i) => int_to_dec(i).ok_or_else(overflow)?,
                Num::D(d) => d,
                Num::F(_) => return Err(overflow()),
            };
            Ok(match op {
                NumOp::Add => Atom::Dec(x.checked_add(y).ok_or_else(overflow)?),
                NumOp::Sub => Atom::Dec(x.checked_sub(y).ok_or_else(overflow)?),
                NumOp::Mul => Atom::Dec(x.checked_mul(y).ok_or_else(overflow)?),
                NumOp::Div => {
                    if y.is_zero() {
                        return Err(zero());
                    }
                    Atom::Dec(x.checked_div(y).ok_or_else(overflow)?)
                }
                NumOp::Mod => {
                    if y.is_zero() {
                        return Err(zero());
                    }
                    Atom::Dec(x.checked_rem(y).ok_or_else(overflow)?)
                }
                NumOp::IDiv => {
                    if y.is_zero() {
                        return Err(zero());
                    }
                    let q = x.checked_div(y).ok_or_else(overflow)?.trunc();
                    Atom::Int(q.to_i128().ok_or_else(overflow)?)
                }
            })
        }
    }
}

fn round_num(n: Num) -> Atom {
    match n {
        Num::I(i) => Atom::Int(i),
        Num::D(d) => Atom::Dec((d + Decimal::new(5, 1)).floor()),
        Num::F(f) => {
            if !f.is_finite() || f == 0.0 || f.abs() >= 4.5e15 {
                Atom::Dbl(f)
            } else {
                let r = (f + 0.5).floor();
                // Java's Math.round corner case (0.49999999999999994)
                let r = if r - f > 0.5 { r - 1.0 } else { r };
                Atom::Dbl(if r == 0.0 && f < 0.0 { -0.0 } else { r })
            }
        }
    }
}

fn substring(s: &str, start: f64, len: Option<f64>) -> String {
    fn xround(x: f64) -> f64 {
        if x.is_nan() || x.is_infinite() { x } else { (x + 0.5).floor() }
    }
    let rs = xround(start);
    let end = match len {
        Some(l) => rs + xround(l),
        None => f64::INFINITY,
    };
    if rs.is_nan() || end.is_nan() {
        return String::new();
    }
    s.chars()
        .enumerate()
        .filter(|(i, _)| {
            let p = (*i + 1) as f64;
            p >= rs && p < end
        })
        .map(|(_, c)| c)
        .collect()
}

pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for part in s.split([' ', '\t', '\n', '\r']).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

fn instance_of(s: &Seq<'_>, t: &SeqType) -> bool {
    match t {
        SeqType::Empty => s.is_empty(),
        SeqType::Item => true,
        SeqType::Kind(k) => s.iter().all(|i| match i {
            Item::N(n) => node_test(n, &NameTest::Kind(*k), Axis::Child),
            Item::A(_) => false,
        }),
        SeqType::Atomic(ty) => s.iter().all(|i| match i {
            Item::A(a) => {
                a.type_name() == ty || (ty == "xs:decimal" && matches!(a, Atom::Int(_))) || ty == "xs:anyAtomicType"
            }
            Item::N(_) => false,
        }),
    }
}

impl<'x, 'a> Eval<'x, 'a> {
    pub fn new(env: &'x dyn Env<'a>) -> Self {
        Eval { env, locals: Vec::new() }
    }

    /// Binds a local variable (a function parameter) before evaluating a body.
    pub fn bind(&mut self, name: &'x str, value: Seq<'a>) {
        self.locals.push((name, value));
    }

    fn context_node(&self, f: &Focus<'a>) -> XResult<XNode<'a>> {
        match &f.item {
            Some(Item::N(n)) => Ok(*n),
            Some(Item::A(_)) => err("XPTY0020: the context item is not a node"),
            None => err("XPDY0002: the context item is absent"),
        }
    }

    pub fn eval(&mut self, e: &'x Expr, f: &Focus<'a>) -> XResult<Seq<'a>> {
        match e {
            Expr::Lit(a) => Ok(atom(a.clone())),
            Expr::Var(name) => {
                if let Some((_, v)) = self.locals.iter().rev().find(|(n, _)| *n == name.as_str()) {
                    return Ok(v.clone());
                }
                self.env.var(name)
            }
            Expr::Context => match &f.item {
                Some(i) => Ok(one(i.clone())),
                None => err("XPDY0002: the context item is absent"),
            },
            Expr::Root => {
                let n = self.context_node(f)?;
                Ok(vec![Item::N(XNode::new(n.node.document().root()))])
            }
            Expr::Path(absolute, steps) => self.path(*absolute, steps, f),
            Expr::Filter(base, preds) => {
                let v = self.eval(base, f)?;
                self.filter(v, preds)
            }
            Expr::Seq(items) => {
                let mut out = Vec::new();
                for i in items {
                    out.extend(self.eval(i, f)?);
                }
                Ok(out)
            }
            Expr::Call(name, args) => self.call(name, args, f),
            Expr::Or(..) | Expr::And(..) | Expr::GCmp(..) => Ok(boolean(self.eval_bool(e, f)?)),
            Expr::VCmp(op, a, b) => {
                let l = opt_atom(&self.eval(a, f)?, "an operand of a value comparison")?;
                let r = opt_atom(&self.eval(b, f)?, "an operand of a value comparison")?;
                match (l, r) {
                    (Some(x), Some(y)) => Ok(boolean(compare_atoms(&x, &y, *op, false)?)),
                    _ => Ok(Vec::new()),
                }
            }
            Expr::Arith(op, a, b) => {
                let l = opt_atom(&self.eval(a, f)?, "an arithmetic operand")?;
                let r = opt_atom(&self.eval(b, f)?, "an arithmetic operand")?;
                match (l, r) {
                    (Some(x), Some(y)) => Ok(atom(arith(*op, to_numeric(x)?, to_numeric(y)?)?)),
                    _ => Ok(Vec::new()),
                }
            }
            Expr::Neg(a, neg) => {
                let v = opt_atom(&self.eval(a, f)?, "an arithmetic operand")?;
                match v {
                    None => Ok(Vec::new()),
                    Some(x) => {
                        let n = to_numeric(x)?;
                        if !*neg {
                            return Ok(atom(num_atom(n)));
                        }
                        Ok(atom(match n {
                            Num::I(i) => Atom::Int(-i),
                            Num::D(d) => Atom::Dec(-d),
                            Num::F(d) => Atom::Dbl(-d),
                        }))
                    }
                }
            }
            Expr::Range(a, b) => {
                let l = opt_atom(&self.eval(a, f)?, "an operand of 'to'")?;
                let r = opt_atom(&self.eval(b, f)?, "an operand of 'to'")?;
                match (l, r) {
                    (Some(x), Some(y)) => {
                        let (Atom::Int(x), Atom::Int(y)) = (cast(&x, "xs:integer")?, cast(&y, "xs:integer")?) else {
                            return err("XPTY0004: range bounds");
                        };
                        if y - x > 10_000_000 {
                            return err("range too large");
                        }
                        Ok((x..=y).map(|i| Item::A(Atom::Int(i))).collect())
                    }
                    _ => Ok(Vec::new()),
                }
            }
            Expr::Union(a, b) => {
                let a = self.eval(a, f)?;
                let b = self.eval(b, f)?;
                let mut l = Self::nodes(a)?;
                l.extend(Self::nodes(b)?);
                sort_nodes(&mut l);
                Ok(l.into_iter().map(Item::N).collect())
            }
            Expr::If(c, t, e) => {
                if self.eval_bool(c, f)? {
                    self.eval(t, f)
                } else {
                    self.eval(e, f)
                }
            }
            Expr::For(var, input, body) => {
                let items = self.eval(input, f)?;
                let mut out = Vec::new();
                for it in items {
                    self.locals.push((var.as_str(), vec![it]));
                    let r = self.eval(body, f);
                    self.locals.pop();
                    out.extend(r?);
                }
                Ok(out)
            }
            Expr::Quant(every, var, input, cond) => {
                let items = self.eval(input, f)?;
                for it in items {
                    self.locals.push((var.as_str(), vec![it]));
                    let r = self.eval_bool(cond, f);
                    self.locals.pop();
                    let b = r?;
                    if b != *every {
                        return Ok(boolean(b));
                    }
                }
                Ok(boolean(*every))
            }
            Expr::InstanceOf(a, t) => {
                let v = self.eval(a, f)?;
                Ok(boolean(instance_of(&v, t)))
            }
            Expr::Cast(a, ty, opt) => match opt_atom(&self.eval(a, f)?, "the operand of cast as")? {
                None if *opt => Ok(Vec::new()),
                None => err("XPTY0004: empty sequence cast to a required type"),
                Some(x) => Ok(atom(cast(&x, ty)?)),
            },
            Expr::Castable(a, ty, opt) => {
                let v = self.eval(a, f)?;
                Ok(boolean(match v.as_slice() {
                    [] => *opt,
                    [i] => cast(&i.atomize(), ty).is_ok(),
                    _ => false,
                }))
            }
        }
    }

    /// The effective boolean value of `e`, without building the intermediate boolean sequences.
    pub fn eval_bool(&mut self, e: &'x Expr, f: &Focus<'a>) -> XResult<bool> {
        match e {
            // XPath 2.0 §2.3.4 lets `A and B` be false when either operand is false, whatever
            // errors the other raises (and `or` true when either is true). Saxon applies it so: an
            // error in the left operand is held while the right one is evaluated, and raised only
            // if the right operand does not decide the result; an error in the right operand is
            // raised.
            Expr::Or(a, b) => match self.eval_bool(a, f) {
                Ok(true) => Ok(true),
                Ok(false) => self.eval_bool(b, f),
                Err(held) => {
                    if self.eval_bool(b, f)? {
                        Ok(true)
                    } else {
                        Err(held)
                    }
                }
            },
            Expr::And(a, b) => match self.eval_bool(a, f) {
                Ok(false) => Ok(false),
                Ok(true) => self.eval_bool(b, f),
                Err(held) => {
                    if self.eval_bool(b, f)? {
                        Err(held)
                    } else {
                        Ok(false)
                    }
                }
            },
            Expr::GCmp(op, a, b) => {
                let l = self.eval(a, f)?;
                let r = self.eval(b, f)?;
                if l.is_empty() || r.is_empty() {
                    return Ok(false);
                }
                let r = atomize(&r);
                for x in &l {
                    let x = x.atomize();
                    for y in &r {
                        if compare_atoms(&x, y, *op, true)? {
                            return Ok(true);
                        }
                    }
                }
                Ok(false)
            }
            Expr::Call(name, args)
                if args.len() == 1 && matches!(name.as_str(), "not" | "exists" | "empty" | "boolean") =>
            {
                match name.as_str() {
                    "not" => Ok(!self.eval_bool(&args[0], f)?),
                    "boolean" => self.eval_bool(&args[0], f),
                    "exists" => Ok(!self.eval(&args[0], f)?.is_empty()),
                    _ => Ok(self.eval(&args[0], f)?.is_empty()),
                }
            }
            Expr::Call(name, args) if args.is_empty() && matches!(name.as_str(), "true" | "false") => {
                Ok(name == "true")
            }
            _ => ebv(&self.eval(e, f)?),
        }
    }

    fn nodes(v: Seq<'a>) -> XResult<Vec<XNode<'a>>> {
        v.into_iter()
            .map(|i| match i {
                Item::N(n) => Ok(n),
                Item::A(_) => err("XPTY0004: a union operand is not a node"),
            })
            .collect()
    }

    fn filter(&mut self, v: Seq<'a>, preds: &'x [Expr]) -> XResult<Seq<'a>> {
        let mut v = v;
        for p in preds {
            let size = v.len();
            let mut out = Vec::new();
            for (i, item) in v.into_iter().enumerate() {
                let focus = Focus { item: Some(item), pos: i + 1, size };
                if self.predicate(p, &focus)? {
                    out.push(focus.item.unwrap_or(Item::A(Atom::Bool(false))));
                }
            }
            v = out;
        }
        Ok(v)
    }

    fn predicate(&mut self, p: &'x Expr, focus: &Focus<'a>) -> XResult<bool> {
        if let Expr::Lit(a) = p
            && let Some(n) = num_of(a)
        {
            return Ok(num_to_f64(&n) == focus.pos as f64);
        }
        let r = self.eval(p, focus)?;
        if let [Item::A(a)] = r.as_slice()
            && let Some(n) = num_of(a)
        {
            return Ok(num_to_f64(&n) == focus.pos as f64);
        }
        ebv(&r)
    }

    fn path(&mut self, absolute: bool, steps: &'x [Step], f: &Focus<'a>) -> XResult<Seq<'a>> {
        let mut current: Seq<'a> = if absolute {
            let n = self.context_node(f)?;
            let root = n.node.document().root();
            vec![Item::N(XNode::new(root))]
        } else {
            match &f.item {
                Some(_) => Vec::new(),
                None => return err("XPDY0002: the context item is absent"),
            }
        };
        for (i, step) in steps.iter().enumerate() {
            let input: Seq<'a> = if i == 0 && !absolute {
                // first relative step: evaluate against the focus itself
                match step {
                    Step::Axis(axis, test, preds) => {
                        let n = self.context_node(f)?;
                        let mut out = Vec::new();
                        self.axis_step(n, *axis, test, preds, &mut out)?;
                        if axis.is_reverse() {
                            sort_nodes(&mut out);
                        }
                        current = out.into_iter().map(Item::N).collect();
                        continue;
                    }
                    Step::Filter(e, preds) => {
                        let v = self.eval(e, f)?;
                        current = self.filter(v, preds)?;
                        continue;
                    }
                }
            } else {
                std::mem::take(&mut current)
            };
            match step {
                Step::Axis(axis, test, preds) => {
                    let mut out = Vec::new();
                    for item in &input {
                        let Item::N(n) = item else {
                            return err("XPTY0019: a path step applied to an atomic value");
                        };
                        self.axis_step(*n, *axis, test, preds, &mut out)?;
                    }
                    if input.len() > 1 || axis.is_reverse() {
                        sort_nodes(&mut out);
                    }
                    current = out.into_iter().map(Item::N).collect();
                }
                Step::Filter(e, preds) => {
                    let size = input.len();
                    let mut out = Vec::new();
                    for (k, item) in input.into_iter().enumerate() {
                        if let Item::A(_) = item {
                            return err("XPTY0019: a path step applied to an atomic value");
                        }
                        let focus = Focus { item: Some(item), pos: k + 1, size };
                        let v = self.eval(e, &focus)?;
                        out.extend(self.filter(v, preds)?);
                    }
                    let all_nodes = out.iter().all(|i| matches!(i, Item::N(_)));
                    let any_nodes = out.iter().any(|i| matches!(i, Item::N(_)));
                    if all_nodes && !out.is_empty() {
                        let mut ns = Self::nodes(out)?;
                        sort_nodes(&mut ns);
                        current = ns.into_iter().map(Item::N).collect();
                    } else if any_nodes {
                        return err("XPTY0018: a path step returned both nodes and atomic values");
                    } else {
                        current = out;
                    }
                }
            }
        }
        Ok(current)
    }

    fn axis_step(
        &mut self,
        n: XNode<'a>,
        axis: Axis,
        test: &'x NameTest,
        preds: &'x [Expr],
        out: &mut Vec<XNode<'a>>,
    ) -> XResult<()> {
        if preds.is_empty() {
            match (axis, test) {
                (Axis::Child, NameTest::Name(ns, local)) => {
                    if !n.is_attr() {
                        for c in n.node.children() {
                            if c.is_element() {
                                let t = c.tag_name();
                                if t.name() == local && t.namespace() == ns.as_deref() {
                                    out.push(XNode::new(c));
                                }
                            }
                        }
                    }
                    return Ok(());
                }
                (Axis::Descendant, NameTest::Name(ns, local)) => {
                    if n.is_attr() {
                        return Ok(());
                    }
                    if let Some(all) = self.env.named(local, ns.as_deref()) {
                        let (lo, hi) = (n.node.id().get(), subtree_end(n.node));
                        let start = all.partition_point(|x| x.id().get() <= lo);
                        out.extend(all[start..].iter().take_while(|x| x.id().get() < hi).map(|x| XNode::new(*x)));
                        return Ok(());
                    }
                    {
                        for c in n.node.descendants().skip(1) {
                            if c.is_element() {
                                let t = c.tag_name();
                                if t.name() == local && t.namespace() == ns.as_deref() {
                                    out.push(XNode::new(c));
                                }
                            }
                        }
                    }
                    return Ok(());
                }
                (Axis::Attribute, NameTest::Name(ns, local)) => {
                    if !n.is_attr() {
                        for (k, a) in n.node.attributes().enumerate() {
                            if a.name() == local && a.namespace() == ns.as_deref() {
                                out.push(XNode { node: n.node, attr: k as u32 + 1 });
                            }
                        }
                    }
                    return Ok(());
                }
                _ => {}
            }
        }
        let mut cand = Vec::new();
        match (axis, test) {
            (Axis::Descendant, NameTest::Name(ns, local)) if !n.is_attr() && self.env.named(local, None).is_some() => {
                if let Some(all) = self.env.named(local, ns.as_deref()) {
                    let (lo, hi) = (n.node.id().get(), subtree_end(n.node));
                    let start = all.partition_point(|x| x.id().get() <= lo);
                    cand.extend(all[start..].iter().take_while(|x| x.id().get() < hi).map(|x| XNode::new(*x)));
                }
            }
            (Axis::Child, _) if !n.is_attr() => {
                cand.extend(n.node.children().map(XNode::new).filter(|c| node_test(c, test, axis)));
            }
            (Axis::Descendant | Axis::DescendantOrSelf, _) if !n.is_attr() => {
                let skip = if axis == Axis::Descendant { 1 } else { 0 };
                cand.extend(n.node.descendants().skip(skip).map(XNode::new).filter(|c| node_test(c, test, axis)));
            }
            _ => {
                axis_nodes(n, axis, &mut cand);
                cand.retain(|c| node_test(c, test, axis));
            }
        }
        if preds.is_empty() {
            out.extend(cand);
            return Ok(());
        }
        let mut v: Seq<'a> = cand.into_iter().map(Item::N).collect();
        v = self.filter(v, preds)?;
        for i in v {
            if let Item::N(x) = i {
                out.push(x);
            }
        }
        Ok(())
    }

    fn arg(&mut self, args: &'x [Expr], k: usize, f: &Focus<'a>) -> XResult<Seq<'a>> {
        match args.get(k) {
            Some(e) => self.eval(e, f),
            None => err("XPST0017: missing argument"),
        }
    }

    fn arg_or_context(&mut self, args: &'x [Expr], f: &Focus<'a>) -> XResult<Seq<'a>> {
        if args.is_empty() {
            match &f.item {
                Some(i) => Ok(vec![i.clone()]),
                None => err("XPDY0002: the context item is absent"),
            }
        } else {
            self.eval(&args[0], f)
        }
    }

    fn str_arg(&mut self, args: &'x [Expr], k: usize, f: &Focus<'a>, fname: &str) -> XResult<String> {
        let v = self.arg(args, k, f)?;
        if v.len() > 1 {
            return err(format!(
                "XPTY0004: a sequence of more than one item is not allowed as argument {} of {fname}()",
                k + 1
            ));
        }
        opt_string(&v, "")
    }

    fn call(&mut self, name: &'x str, args: &'x [Expr], f: &Focus<'a>) -> XResult<Seq<'a>> {
        match name {
            "not" | "boolean" if args.len() == 1 => {
                let b = self.eval_bool(&args[0], f)?;
                Ok(boolean(if name == "not" { !b } else { b }))
            }
            "true" => Ok(boolean(true)),
            "false" => Ok(boolean(false)),
            "exists" => Ok(boolean(!self.arg(args, 0, f)?.is_empty())),
            "empty" => Ok(boolean(self.arg(args, 0, f)?.is_empty())),
            "count" => Ok(atom(Atom::Int(self.arg(args, 0, f)?.len() as i128))),
            "position" => Ok(atom(Atom::Int(f.pos as i128))),
            "last" => Ok(atom(Atom::Int(f.size as i128))),
            "current" => match self.env.current() {
                Some(n) => Ok(vec![Item::N(n)]),
                None => err("XTDE1360: current() is absent"),
            },
            "root" => {
                let v = self.arg_or_context(args, f)?;
                match opt_atom_node(&v)? {
                    Some(n) => Ok(vec![Item::N(XNode::new(n.node.document().root()))]),
                    None => Ok(Vec::new()),
                }
            }
            "document-uri" | "base-uri" => Ok(Vec::new()),
            "system-property" => Ok(string("")),
            "current-dateTime" => Ok(string("1970-01-01T00:00:00Z")),
            "document" => err("FODC0002: document() is not available"),
            "normalize-space" => {
                let v = self.arg_or_context(args, f)?;
                Ok(string(normalize_space(&opt_string(&v, "the argument of normalize-space()")?)))
            }
            "string" => {
                let v = self.arg_or_context(args, f)?;
                Ok(string(opt_string(&v, "the argument of string()")?))
            }
            "data" => Ok(self.arg(args, 0, f)?.iter().map(|i| Item::A(i.atomize())).collect()),
            "upper-case" => Ok(string(self.str_arg(args, 0, f, name)?.to_uppercase())),
            "lower-case" => Ok(string(self.str_arg(args, 0, f, name)?.to_lowercase())),
            "string-length" => {
                let v = self.arg_or_context(args, f)?;
                Ok(atom(Atom::Int(opt_string(&v, "the argument of string-length()")?.chars().count() as i128)))
            }
            "concat" => {
                let mut s = String::new();
                for k in 0..args.len() {
                    s.push_str(&self.str_arg(args, k, f, name)?);
                }
                Ok(string(s))
            }
            "contains" => {
                let (a, b) = (self.str_arg(args, 0, f, name)?, self.str_arg(args, 1, f, name)?);
                Ok(boolean(a.contains(&b)))
            }
            "starts-with" => {
                let (a, b) = (self.str_arg(args, 0, f, name)?, self.str_arg(args, 1, f, name)?);
                Ok(boolean(a.starts_with(&b)))
            }
            "ends-with" => {
                let (a, b) = (self.str_arg(args, 0, f, name)?, self.str_arg(args, 1, f, name)?);
                Ok(boolean(a.ends_with(&b)))
            }
            "substring-after" => {
                let (a, b) = (self.str_arg(args, 0, f, name)?, self.str_arg(args, 1, f, name)?);
                Ok(string(a.find(&b).map(|i| a[i + b.len()..].to_owned()).unwrap_or_default()))
            }
            "substring-before" => {
                let (a, b) = (self.str_arg(args, 0, f, name)?, self.str_arg(args, 1, f, name)?);
                Ok(string(a.find(&b).map(|i| a[..i].to_owned()).unwrap_or_default()))
            }
            "substring" => {
                let s = self.str_arg(args, 0, f, name)?;
                let v = self.arg(args, 1, f)?;
                let start = opt_double(&v, "argument 2 of substring()")?.unwrap_or(f64::NAN);
                let len = if args.len() > 2 {
                    let v = self.arg(args, 2, f)?;
                    Some(opt_double(&v, "argument 3 of substring()")?.unwrap_or(f64::NAN))
                } else {
                    None
                };
                Ok(string(substring(&s, start, len)))
            }
            "translate" => {
                let s = self.str_arg(args, 0, f, name)?;
                let from: Vec<char> = self.str_arg(args, 1, f, name)?.chars().collect();
                let to: Vec<char> = self.str_arg(args, 2, f, name)?.chars().collect();
                let out: String = s
                    .chars()
                    .filter_map(|c| match from.iter().position(|x| *x == c) {
                        Some(i) => to.get(i).copied(),
                        None => Some(c),
                    })
                    .collect();
                Ok(string(out))
            }
            "string-to-codepoints" => {
                let s = self.str_arg(args, 0, f, name)?;
                Ok(s.chars().map(|c| Item::A(Atom::Int(c as i128))).collect())
            }
            "codepoints-to-string" => {
                let v = self.arg(args, 0, f)?;
                let mut s = String::new();
                for a in atomize(&v) {
                    let Atom::Int(i) = cast(&a, "xs:integer")? else { return err("XPTY0004") };
                    match u32::try_from(i).ok().and_then(char::from_u32) {
                        Some(c) => s.push(c),
                        None => return err("FOCH0001: invalid code point"),
                    }
                }
                Ok(string(s))
            }
            "string-join" => {
                let v = self.arg(args, 0, f)?;
                let sep = if args.len() > 1 { self.str_arg(args, 1, f, name)? } else { String::new() };
                let parts: Vec<String> = v.iter().map(|i| i.atomize().to_str()).collect();
                Ok(string(parts.join(&sep)))
            }
            "reverse" => {
                let mut v = self.arg(args, 0, f)?;
                v.reverse();
                Ok(v)
            }
            "distinct-values" => {
                let v = atomize(&self.arg(args, 0, f)?);
                let mut out: Vec<Atom> = Vec::new();
                for a in v {
                    let a = match a {
                        Atom::Untyped(s) => Atom::Str(s),
                        o => o,
                    };
                    let dup = out.iter().any(|b| {
                        compare_atoms(&a, b, CmpOp::Eq, false).unwrap_or(false)
                            || (matches!((&a, b), (Atom::Dbl(x), Atom::Dbl(y)) if x.is_nan() && y.is_nan()))
                    });
                    if !dup {
                        out.push(a);
                    }
                }
                Ok(out.into_iter().map(Item::A).collect())
            }
            "name" | "local-name" | "namespace-uri" => {
                let v = self.arg_or_context(args, f)?;
                let n = opt_atom_node(&v)?;
                Ok(string(match n {
                    None => String::new(),
                    Some(n) => match name {
                        "name" => n.name(),
                        "local-name" => n.qname().map(|q| q.1.to_owned()).unwrap_or_default(),
                        _ => n.qname().and_then(|q| q.0).unwrap_or("").to_owned(),
                    },
                }))
            }
            "number" => {
                let v = self.arg_or_context(args, f)?;
                let a = opt_atom(&v, "the argument of number()")?;
                Ok(atom(Atom::Dbl(match a {
                    None => f64::NAN,
                    Some(a) => match cast(&a, "xs:double") {
                        Ok(Atom::Dbl(d)) => d,
                        _ => f64::NAN,
                    },
                })))
            }
            "abs" | "round" | "floor" | "ceiling" => {
                let v = self.arg(args, 0, f)?;
                match opt_atom(&v, "the argument of a numeric function")? {
                    None => Ok(Vec::new()),
                    Some(a) => {
                        let n = to_numeric(a)?;
                        Ok(atom(match name {
                            "abs" => match n {
                                Num::I(i) => Atom::Int(i.abs()),
                                Num::D(d) => Atom::Dec(d.abs()),
                                Num::F(d) => Atom::Dbl(d.abs()),
                            },
                            "floor" => match n {
                                Num::I(i) => Atom::Int(i),
                                Num::D(d) => Atom::Dec(d.floor()),
                                Num::F(d) => Atom::Dbl(d.floor()),
                            },
                            "ceiling" => match n {
                                Num::I(i) => Atom::Int(i),
                                Num::D(d) => Atom::Dec(d.ceil()),
                                Num::F(d) => Atom::Dbl(d.ceil()),
                            },
                            _ => {
                                if args.len() > 1 {
                                    return err("round() with a precision is not supported");
                                }
                                round_num(n)
                            }
                        }))
                    }
                }
            }
            "sum" | "avg" | "min" | "max" => {
                let v = atomize(&self.arg(args, 0, f)?);
                if v.is_empty() {
                    return if name == "sum" {
                        if args.len() > 1 { self.arg(args, 1, f) } else { Ok(atom(Atom::Int(0))) }
                    } else {
                        Ok(Vec::new())
                    };
                }
                let mut acc: Option<Num> = None;
                let count = v.len();
                for a in v {
                    let n = to_numeric(a)?;
                    acc = Some(match acc {
                        None => n,
                        Some(prev) => match name {
                            "min" | "max" => {
                                let o = cmp_num(&n, &prev);
                                let take = match o {
                                    None => true,
                                    Some(o) => (name == "min") == (o == Ordering::Less),
                                };
                                if take { n } else { prev }
                            }
                            _ => match arith(NumOp::Add, prev, n)? {
                                Atom::Int(i) => Num::I(i),
                                Atom::Dec(d) => Num::D(d),
                                Atom::Dbl(d) => Num::F(d),
                                _ => return err("sum"),
                            },
                        },
                    });
                }
                let Some(total) = acc else { return Ok(Vec::new()) };
                if name == "avg" {
                    return Ok(atom(arith(NumOp::Div, total, Num::I(count as i128))?));
                }
                Ok(atom(num_atom(total)))
            }
            "matches" => {
                let s = self.str_arg(args, 0, f, name)?;
                let p = self.str_arg(args, 1, f, name)?;
                let flags = if args.len() > 2 { self.str_arg(args, 2, f, name)? } else { String::new() };
                let re = regex::pattern(&p, &flags)?;
                Ok(boolean(re.is_match(&s)?))
            }
            "replace" => {
                let s = self.str_arg(args, 0, f, name)?;
                let p = self.str_arg(args, 1, f, name)?;
                let r = self.str_arg(args, 2, f, name)?;
                let flags = if args.len() > 3 { self.str_arg(args, 3, f, name)? } else { String::new() };
                let re = regex::pattern(&p, &flags)?;
                if re.is_match("")? {
                    return err("FORX0003: the regex matches the empty string");
                }
                let rep = regex::replacement(&r)?;
                Ok(string(re.replace_all(&s, &rep)?))
            }
            "tokenize" => {
                let s = self.str_arg(args, 0, f, name)?;
                if args.len() == 1 {
                    return Ok(normalize_space(&s)
                        .split(' ')
                        .filter(|t| !t.is_empty())
                        .map(|t| Item::A(Atom::Str(t.into())))
                        .collect());
                }
                let p = self.str_arg(args, 1, f, name)?;
                let flags = if args.len() > 2 { self.str_arg(args, 2, f, name)? } else { String::new() };
                let re = regex::pattern(&p, &flags)?;
                if re.is_match("")? {
                    return err("FORX0003: the regex matches the empty string");
                }
                if s.is_empty() {
                    return Ok(Vec::new());
                }
                Ok(re.split(&s)?.into_iter().map(|t| Item::A(Atom::Str(t.into()))).collect())
            }
            "compare" => {
                let (a, b) = (self.str_arg(args, 0, f, name)?, self.str_arg(args, 1, f, name)?);
                Ok(atom(Atom::Int(match a.cmp(&b) {
                    Ordering::Less => -1,
                    Ordering::Equal => 0,
                    Ordering::Greater => 1,
                })))
            }
            _ if name.starts_with("xs:") => {
                let v = self.arg(args, 0, f)?;
                if v.len() > 1 {
                    return err(format!(
                        "XPTY0004: a sequence of more than one item is not allowed as the argument of {name}()"
                    ));
                }
                match opt_atom(&v, "")? {
                    None => Ok(Vec::new()),
                    Some(a) => Ok(atom(cast(&a, name)?)),
                }
            }
            _ => {
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(self.eval(a, f)?);
                }
                match self.env.call(name, vals) {
                    Some(r) => r,
                    None => err(format!("XPST0017: unknown function {name}#{}", args.len())),
                }
            }
        }
    }
}

fn opt_atom_node<'a>(v: &Seq<'a>) -> XResult<Option<XNode<'a>>> {
    match v.as_slice() {
        [] => Ok(None),
        [Item::N(n)] => Ok(Some(*n)),
        [Item::A(_)] => err("XPTY0004: the argument is not a node"),
        _ => err("XPTY0004: a sequence of more than one item is not allowed"),
    }
}

/// Whether `matches_pattern` can test `p` node by node (a union of child/attribute/`//` path
/// patterns); other patterns (XSLT 3.0 `(a | b)[p]/c`) are matched by evaluating them.
pub fn is_simple_pattern(p: &Expr) -> bool {
    match p {
        Expr::Union(a, b) => is_simple_pattern(a) && is_simple_pattern(b),
        Expr::Root => true,
        Expr::Call(name, args) => name == "root" && args.is_empty(),
        Expr::Path(_, steps) => steps.iter().all(|s| match s {
            Step::Axis(Axis::Child | Axis::Attribute, _, _) => true,
            Step::Axis(Axis::DescendantOrSelf, NameTest::Kind(KindTest::Node), preds) => preds.is_empty(),
            _ => false,
        }),
        _ => false,
    }
}

/// Whether `n` matches the XSLT pattern `p` (a union of path patterns).
pub fn matches_pattern<'x, 'a>(ev: &mut Eval<'x, 'a>, p: &'x Expr, n: XNode<'a>) -> XResult<bool> {
    match p {
        Expr::Union(a, b) => Ok(matches_pattern(ev, a, n)? || matches_pattern(ev, b, n)?),
        Expr::Root => Ok(!n.is_attr() && n.node.is_root()),
        Expr::Path(absolute, steps) => match_steps(ev, steps, steps.len(), *absolute, n),
        Expr::Call(name, args) if name == "root" && args.is_empty() => Ok(!n.is_attr() && n.node.is_root()),
        _ => err("XTSE0340: unsupported pattern"),
    }
}

fn match_steps<'x, 'a>(
    ev: &mut Eval<'x, 'a>,
    steps: &'x [Step],
    end: usize,
    absolute: bool,
    n: XNode<'a>,
) -> XResult<bool> {
    if end == 0 {
        return Ok(!absolute || (!n.is_attr() && n.node.is_root()));
    }
    let step = &steps[end - 1];
    let Step::Axis(axis, test, preds) = step else { return err("XTSE0340: unsupported pattern step") };
    match axis {
        Axis::DescendantOrSelf if matches!(test, NameTest::Kind(KindTest::Node)) && preds.is_empty() => {
            // `//`: any ancestor-or-self of n may continue the match
            let mut cur = Some(n);
            while let Some(c) = cur {
                if match_steps(ev, steps, end - 1, absolute, c)? {
                    return Ok(true);
                }
                cur = c.parent();
            }
            Ok(false)
        }
        Axis::Child | Axis::Attribute => {
            if (*axis == Axis::Attribute) != n.is_attr() && !matches!(test, NameTest::Kind(KindTest::Node)) {
                return Ok(false);
            }
            if !node_test(&n, test, *axis) {
                return Ok(false);
            }
            if *axis == Axis::Child && (n.is_attr() || n.node.is_root()) {
                return Ok(false);
            }
            let Some(parent) = n.parent() else { return Ok(false) };
            if !preds.is_empty() {
                // the predicates see n among its siblings on the same axis
                let mut sibs = Vec::new();
                axis_nodes(parent, *axis, &mut sibs);
                sibs.retain(|c| node_test(c, test, *axis));
                let mut v: Seq<'a> = sibs.into_iter().map(Item::N).collect();
                v = ev.filter(v, preds)?;
                if !v.iter().any(|i| matches!(i, Item::N(x) if *x == n)) {
                    return Ok(false);
                }
            }
            match_steps(ev, steps, end - 1, absolute, parent)
        }
        _ => err("XTSE0340: unsupported pattern axis"),
    }
}

/// Converts a value to a declared type (`as` of an XSLT variable, parameter or function).
pub fn coerce<'a>(v: Seq<'a>, ty: &str) -> XResult<Seq<'a>> {
    let ty = ty.trim();
    let (base, occ) = match ty.chars().last() {
        Some(c @ ('?' | '*' | '+')) => (&ty[..ty.len() - 1], Some(c)),
        _ => (ty, None),
    };
    if !base.starts_with("xs:") {
        return Ok(v);
    }
    let n = v.len();
    let ok_count = match occ {
        None => n == 1,
        Some('?') => n <= 1,
        Some('+') => n >= 1,
        _ => true,
    };
    if !ok_count {
        return err(format!("XTTE0570: a sequence of {n} items does not match {ty}"));
    }
    let mut out = Vec::with_capacity(n);
    for i in v {
        let a = i.atomize();
        let converted = match (&a, base) {
            (Atom::Untyped(_), _) => cast(&a, base)?,
            (Atom::Int(_), "xs:decimal" | "xs:integer") => a,
            (Atom::Int(_) | Atom::Dec(_), "xs:double") => cast(&a, "xs:double")?,
            (Atom::Dec(_), "xs:decimal") => a,
            (Atom::Dbl(_), "xs:double") => a,
            (Atom::Str(_), "xs:string" | "xs:anyURI") => a,
            (Atom::Bool(_), "xs:boolean") => a,
            (Atom::Date(_), "xs:date") => a,
            (_, "xs:anyAtomicType") => a,
            _ => return err(format!("XTTE0570: {} does not match {ty}", a.type_name())),
        };
        out.push(Item::A(converted));
    }
    Ok(out)
}
