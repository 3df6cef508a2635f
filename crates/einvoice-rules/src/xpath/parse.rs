//! XPath 2.0 lexer and recursive-descent parser (the subset the official rule files use).

use super::ast::{Axis, CmpOp, Expr, KindTest, NameTest, NumOp, SeqType, Step};
use super::value::Atom;
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A (possibly prefixed) name, as written.
    Name(String),
    /// `prefix:*`
    PrefixStar(String),
    /// `*:local`
    StarLocal(String),
    Star,
    Var(String),
    Str(String),
    Num(Atom),
    Sym(&'static str),
    End,
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '\u{b7}')
}

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let bytes = src.as_bytes();
    let len = bytes.len();
    let mut out = Vec::with_capacity(len / 4 + 2);
    let mut i = 0;
    let char_at = |i: usize| -> char { src.get(i..).and_then(|r| r.chars().next()).unwrap_or('\0') };
    // the end of the NCName starting at i
    let ncname_end = |mut i: usize| -> usize {
        while i < len {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.') {
                i += 1;
            } else if b >= 0x80 {
                let c = char_at(i);
                if is_name_char(c) {
                    i += c.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        i
    };
    let name_start_at = |i: usize| -> bool {
        match bytes.get(i) {
            Some(b) if b.is_ascii() => b.is_ascii_alphabetic() || *b == b'_',
            Some(_) => is_name_start(char_at(i)),
            None => false,
        }
    };
    while i < len {
        let b = bytes[i];
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
            continue;
        }
        if b == b'(' && bytes.get(i + 1) == Some(&b':') {
            // comment (: ... :), possibly nested
            let mut depth = 0usize;
            while i < len {
                if bytes[i] == b'(' && bytes.get(i + 1) == Some(&b':') {
                    depth += 1;
                    i += 2;
                } else if bytes[i] == b':' && bytes.get(i + 1) == Some(&b')') {
                    depth = depth.saturating_sub(1);
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            continue;
        }
        if b == b'\'' || b == b'"' {
            let mut s = String::new();
            i += 1;
            loop {
                let Some(rel) = src[i..].find(b as char) else { return Err("unterminated string literal".into()) };
                s.push_str(&src[i..i + rel]);
                i += rel + 1;
                if bytes.get(i) == Some(&b) {
                    s.push(b as char);
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(Tok::Str(s));
            continue;
        }
        if b.is_ascii_digit() || (b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let start = i;
            while i < len && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let mut dec = false;
            if i < len && bytes[i] == b'.' {
                dec = true;
                i += 1;
                while i < len && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let mut dbl = false;
            if i < len && (bytes[i] == b'e' || bytes[i] == b'E') {
                dbl = true;
                i += 1;
                if i < len && (bytes[i] == b'+' || bytes[i] == b'-') {
                    i += 1;
                }
                while i < len && bytes[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let text = &src[start..i];
            let atom = if dbl {
                Atom::Dbl(text.parse::<f64>().map_err(|e| e.to_string())?)
            } else if dec {
                Atom::Dec(Decimal::from_str(text).map_err(|e| e.to_string())?)
            } else {
                match text.parse::<i128>() {
                    Ok(v) => Atom::Int(v),
                    Err(_) => Atom::Dec(Decimal::from_str(text).map_err(|e| e.to_string())?),
                }
            };
            out.push(Tok::Num(atom));
            continue;
        }
        if b == b'$' {
            i += 1;
            while i < len && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            let start = i;
            i = ncname_end(i);
            if i + 1 < len && bytes[i] == b':' && name_start_at(i + 1) {
                i = ncname_end(i + 1);
            }
            if i == start {
                return Err("empty variable name".into());
            }
            out.push(Tok::Var(src[start..i].to_owned()));
            continue;
        }
        if name_start_at(i) {
            let start = i;
            i = ncname_end(i);
            if i + 1 < len && bytes[i] == b':' && bytes[i + 1] != b':' {
                if bytes[i + 1] == b'*' {
                    out.push(Tok::PrefixStar(src[start..i].to_owned()));
                    i += 2;
                    continue;
                }
                if name_start_at(i + 1) {
                    i = ncname_end(i + 1);
                }
            }
            out.push(Tok::Name(src[start..i].to_owned()));
            continue;
        }
        if b == b'*' {
            if bytes.get(i + 1) == Some(&b':') && name_start_at(i + 2) {
                let start = i + 2;
                i = ncname_end(start);
                out.push(Tok::StarLocal(src[start..i].to_owned()));
                continue;
            }
            i += 1;
            out.push(Tok::Star);
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        let sym2 = ["//", "::", "..", "!=", "<=", ">=", "<<", ">>"]
            .into_iter()
            .find(|s| s.as_bytes()[0] == b && s.as_bytes()[1] == next);
        if let Some(s) = sym2 {
            out.push(Tok::Sym(s));
            i += 2;
            continue;
        }
        let sym1 = ["(", ")", "[", "]", ",", "/", "@", ".", "|", "=", "<", ">", "+", "-", "?"]
            .into_iter()
            .find(|s| s.as_bytes()[0] == b);
        match sym1 {
            Some(s) => {
                out.push(Tok::Sym(s));
                i += 1;
            }
            None => return Err(format!("unexpected character {:?}", char_at(i))),
        }
    }
    out.push(Tok::End);
    Ok(out)
}

/// Resolves a namespace prefix to its URI (the in-scope namespaces of the stylesheet element).
pub trait Namespaces {
    fn uri(&self, prefix: &str) -> Option<Arc<str>>;
}

#[derive(Clone, Copy)]
enum Bin {
    Or,
    And,
    G(CmpOp),
    V(CmpOp),
    Range,
    A(NumOp),
    Union,
}

struct Parser<'n> {
    toks: Vec<Tok>,
    pos: usize,
    ns: &'n dyn Namespaces,
}

/// Parses an XPath 2.0 expression.
pub fn parse(src: &str, ns: &dyn Namespaces) -> Result<Expr, String> {
    let toks = lex(src)?;
    let mut p = Parser { toks, pos: 0, ns };
    let e = p.expr()?;
    if p.peek() != &Tok::End {
        return Err(format!("unexpected {:?} after expression", p.peek()));
    }
    Ok(e)
}

const KNOWN_FUNCTIONS: &[&str] = &[
    "not",
    "normalize-space",
    "exists",
    "empty",
    "upper-case",
    "lower-case",
    "count",
    "sum",
    "contains",
    "true",
    "false",
    "round",
    "document-uri",
    "base-uri",
    "concat",
    "string-length",
    "substring",
    "substring-after",
    "substring-before",
    "name",
    "local-name",
    "namespace-uri",
    "abs",
    "root",
    "boolean",
    "string-to-codepoints",
    "codepoints-to-string",
    "number",
    "matches",
    "replace",
    "tokenize",
    "current",
    "translate",
    "ends-with",
    "starts-with",
    "string",
    "string-join",
    "reverse",
    "last",
    "position",
    "distinct-values",
    "system-property",
    "current-dateTime",
    "document",
    "min",
    "max",
    "avg",
    "floor",
    "ceiling",
    "data",
    "compare",
    "xs:decimal",
    "xs:integer",
    "xs:date",
    "xs:string",
    "xs:double",
    "xs:boolean",
    "xs:anyURI",
];

impl Parser<'_> {
    fn peek(&self) -> &Tok {
        self.toks.get(self.pos).unwrap_or(&Tok::End)
    }
    fn peek_at(&self, k: usize) -> &Tok {
        self.toks.get(self.pos + k).unwrap_or(&Tok::End)
    }
    fn next(&mut self) -> Tok {
        // tokens are read once, front to back: the consumed one can be moved out
        let t = match self.toks.get_mut(self.pos) {
            Some(t) => std::mem::replace(t, Tok::End),
            None => Tok::End,
        };
        self.pos += 1;
        t
    }
    fn eat_sym(&mut self, s: &str) -> bool {
        if matches!(self.peek(), Tok::Sym(x) if *x == s) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect_sym(&mut self, s: &str) -> Result<(), String> {
        if self.eat_sym(s) { Ok(()) } else { Err(format!("expected {s:?}, found {:?}", self.peek())) }
    }
    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == kw)
    }
    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.is_kw(kw) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect_kw(&mut self, kw: &str) -> Result<(), String> {
        if self.eat_kw(kw) { Ok(()) } else { Err(format!("expected {kw}, found {:?}", self.peek())) }
    }

    fn expr(&mut self) -> Result<Expr, String> {
        let first = self.expr_single()?;
        if !matches!(self.peek(), Tok::Sym(",")) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_sym(",") {
            items.push(self.expr_single()?);
        }
        Ok(Expr::Seq(items))
    }

    fn expr_single(&mut self) -> Result<Expr, String> {
        let next_is_var = matches!(self.peek_at(1), Tok::Var(_));
        if self.is_kw("for") && next_is_var {
            self.pos += 1;
            return self.bindings(|var, input, body| Expr::For(var, Box::new(input), Box::new(body)), "return");
        }
        if (self.is_kw("some") || self.is_kw("every")) && next_is_var {
            let every = self.is_kw("every");
            self.pos += 1;
            return self.bindings(
                move |var, input, body| Expr::Quant(every, var, Box::new(input), Box::new(body)),
                "satisfies",
            );
        }
        if self.is_kw("if") && matches!(self.peek_at(1), Tok::Sym("(")) {
            self.pos += 2;
            let c = self.expr()?;
            self.expect_sym(")")?;
            self.expect_kw("then")?;
            let t = self.expr_single()?;
            self.expect_kw("else")?;
            let e = self.expr_single()?;
            return Ok(Expr::If(Box::new(c), Box::new(t), Box::new(e)));
        }
        self.binary(1)
    }

    fn bindings(&mut self, make: impl Fn(String, Expr, Expr) -> Expr, kw: &str) -> Result<Expr, String> {
        let mut binds = Vec::new();
        loop {
            let Tok::Var(v) = self.next() else { return Err("expected variable".into()) };
            self.expect_kw("in")?;
            let input = self.expr_single()?;
            binds.push((v, input));
            if !self.eat_sym(",") {
                break;
            }
        }
        self.expect_kw(kw)?;
        let mut body = self.expr_single()?;
        while let Some((v, input)) = binds.pop() {
            body = make(v, input, body);
        }
        Ok(body)
    }

    /// The binary operator at the current token: (precedence, operator).
    fn binop(&self) -> Option<(u8, Bin)> {
        Some(match self.peek() {
            Tok::Sym("=") => (3, Bin::G(CmpOp::Eq)),
            Tok::Sym("!=") => (3, Bin::G(CmpOp::Ne)),
            Tok::Sym("<") => (3, Bin::G(CmpOp::Lt)),
            Tok::Sym("<=") => (3, Bin::G(CmpOp::Le)),
            Tok::Sym(">") => (3, Bin::G(CmpOp::Gt)),
            Tok::Sym(">=") => (3, Bin::G(CmpOp::Ge)),
            Tok::Sym("+") => (5, Bin::A(NumOp::Add)),
            Tok::Sym("-") => (5, Bin::A(NumOp::Sub)),
            Tok::Star => (6, Bin::A(NumOp::Mul)),
            Tok::Sym("|") => (7, Bin::Union),
            Tok::Name(n) => match n.as_str() {
                "or" => (1, Bin::Or),
                "and" => (2, Bin::And),
                "eq" => (3, Bin::V(CmpOp::Eq)),
                "ne" => (3, Bin::V(CmpOp::Ne)),
                "lt" => (3, Bin::V(CmpOp::Lt)),
                "le" => (3, Bin::V(CmpOp::Le)),
                "gt" => (3, Bin::V(CmpOp::Gt)),
                "ge" => (3, Bin::V(CmpOp::Ge)),
                "to" => (4, Bin::Range),
                "div" => (6, Bin::A(NumOp::Div)),
                "idiv" => (6, Bin::A(NumOp::IDiv)),
                "mod" => (6, Bin::A(NumOp::Mod)),
                "union" => (7, Bin::Union),
                _ => return None,
            },
            _ => return None,
        })
    }

    /// Binary operators by precedence climbing (or < and < comparison < to < + - < * div
    /// idiv mod < union); comparisons and `to` do not chain.
    fn binary(&mut self, min: u8) -> Result<Expr, String> {
        let mut lhs = self.operand()?;
        while let Some((prec, op)) = self.binop() {
            if prec < min {
                break;
            }
            self.pos += 1;
            let rhs = self.binary(prec + 1)?;
            let (l, r) = (Box::new(lhs), Box::new(rhs));
            lhs = match op {
                Bin::Or => Expr::Or(l, r),
                Bin::And => Expr::And(l, r),
                Bin::G(c) => Expr::GCmp(c, l, r),
                Bin::V(c) => Expr::VCmp(c, l, r),
                Bin::Range => Expr::Range(l, r),
                Bin::A(a) => Expr::Arith(a, l, r),
                Bin::Union => Expr::Union(l, r),
            };
            if (prec == 3 || prec == 4) && self.binop().is_some_and(|(p2, _)| p2 == prec) {
                return Err("comparisons and ranges do not chain".into());
            }
        }
        Ok(lhs)
    }

    /// A unary expression with its `cast as`, `castable as` and `instance of`.
    fn operand(&mut self) -> Result<Expr, String> {
        let mut e = self.unary()?;
        if self.is_kw("cast") && matches!(self.peek_at(1), Tok::Name(n) if n == "as") {
            self.pos += 2;
            let (t, opt) = self.single_type()?;
            e = Expr::Cast(Box::new(e), t, opt);
        }
        if self.is_kw("castable") && matches!(self.peek_at(1), Tok::Name(n) if n == "as") {
            self.pos += 2;
            let (t, opt) = self.single_type()?;
            e = Expr::Castable(Box::new(e), t, opt);
        }
        if self.is_kw("instance") && matches!(self.peek_at(1), Tok::Name(n) if n == "of") {
            self.pos += 2;
            let t = self.seq_type()?;
            e = Expr::InstanceOf(Box::new(e), t);
        }
        Ok(e)
    }

    fn single_type(&mut self) -> Result<(String, bool), String> {
        let Tok::Name(t) = self.next() else { return Err("expected a type name".into()) };
        let opt = self.eat_sym("?");
        Ok((t, opt))
    }

    fn seq_type(&mut self) -> Result<SeqType, String> {
        let t = match self.next() {
            Tok::Name(n) if matches!(self.peek(), Tok::Sym("(")) => {
                self.pos += 1;
                // kind test with optional (ignored) argument
                let mut depth = 1;
                while depth > 0 {
                    match self.next() {
                        Tok::Sym("(") => depth += 1,
                        Tok::Sym(")") => depth -= 1,
                        Tok::End => return Err("unterminated type".into()),
                        _ => {}
                    }
                }
                match n.as_str() {
                    "item" => SeqType::Item,
                    "empty-sequence" => SeqType::Empty,
                    other => SeqType::Kind(kind_test(other).ok_or_else(|| format!("unknown kind test {other}"))?),
                }
            }
            Tok::Name(n) => SeqType::Atomic(n),
            t => return Err(format!("expected a sequence type, found {t:?}")),
        };
        // occurrence indicator
        if !self.eat_sym("?") && !self.eat_sym("+") && matches!(self.peek(), Tok::Star) {
            self.pos += 1;
        }
        Ok(t)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        let mut neg = false;
        let mut any = false;
        loop {
            if self.eat_sym("-") {
                neg = !neg;
                any = true;
            } else if self.eat_sym("+") {
                any = true;
            } else {
                break;
            }
        }
        let e = self.path()?;
        if any { Ok(Expr::Neg(Box::new(e), neg)) } else { Ok(e) }
    }

    fn starts_step(&self) -> bool {
        match self.peek() {
            Tok::Name(n) => {
                !matches!(
                    n.as_str(),
                    "and"
                        | "or"
                        | "div"
                        | "idiv"
                        | "mod"
                        | "eq"
                        | "ne"
                        | "lt"
                        | "le"
                        | "gt"
                        | "ge"
                        | "to"
                        | "then"
                        | "else"
                        | "return"
                        | "satisfies"
                        | "in"
                        | "union"
                        | "is"
                        | "instance"
                        | "castable"
                        | "cast"
                ) || matches!(self.peek_at(1), Tok::Sym("(") | Tok::Sym("::"))
            }
            Tok::Star | Tok::PrefixStar(_) | Tok::StarLocal(_) | Tok::Var(_) | Tok::Str(_) | Tok::Num(_) => true,
            Tok::Sym(s) => matches!(*s, "@" | "." | ".." | "("),
            Tok::End => false,
        }
    }

    fn path(&mut self) -> Result<Expr, String> {
        let mut steps = Vec::new();
        let absolute;
        if self.eat_sym("/") {
            absolute = true;
            if !self.starts_step() {
                return Ok(Expr::Root);
            }
        } else if self.eat_sym("//") {
            absolute = true;
            steps.push(Step::desc_or_self());
        } else {
            absolute = false;
            // the common operand that is no path at all (a literal, call, variable, parenthesized
            // expression, with or without predicates): no step list is built for it
            if !self.starts_axis_step() {
                let primary = self.primary()?;
                let preds = self.predicates()?;
                if !matches!(self.peek(), Tok::Sym("/" | "//")) {
                    return Ok(if preds.is_empty() { primary } else { Expr::Filter(Box::new(primary), preds) });
                }
                steps.push(Step::Filter(Box::new(primary), preds));
            }
        }
        if steps.is_empty() || absolute {
            steps.push(self.step()?);
        }
        loop {
            if self.eat_sym("/") {
                steps.push(self.step()?);
            } else if self.eat_sym("//") {
                steps.push(Step::desc_or_self());
                steps.push(self.step()?);
            } else {
                break;
            }
        }
        fuse_descendant_steps(&mut steps);
        if !absolute
            && steps.len() == 1
            && matches!(steps[0], Step::Filter(..))
            && let Some(Step::Filter(e, preds)) = steps.pop()
        {
            return Ok(if preds.is_empty() { *e } else { Expr::Filter(e, preds) });
        }
        Ok(Expr::Path(absolute, steps))
    }

    fn predicates(&mut self) -> Result<Vec<Expr>, String> {
        let mut preds = Vec::new();
        while self.eat_sym("[") {
            preds.push(self.expr()?);
            self.expect_sym("]")?;
        }
        Ok(preds)
    }

    fn name_test(&mut self, tok: Tok) -> Result<NameTest, String> {
        Ok(match tok {
            Tok::Star => NameTest::Any,
            Tok::PrefixStar(p) => NameTest::Ns(self.resolve(&p)?),
            Tok::StarLocal(l) => NameTest::Local(l),
            Tok::Name(n) => match n.split_once(':') {
                Some((p, l)) => NameTest::Name(Some(self.resolve(p)?), l.to_owned()),
                None => NameTest::Name(None, n),
            },
            t => return Err(format!("expected a name test, found {t:?}")),
        })
    }

    fn resolve(&self, prefix: &str) -> Result<Arc<str>, String> {
        self.ns.uri(prefix).ok_or_else(|| format!("unknown namespace prefix {prefix}"))
    }

    /// Whether `step` would read an axis step (not a primary expression) here.
    fn starts_axis_step(&self) -> bool {
        match self.peek() {
            Tok::Sym(".." | "@") | Tok::Star | Tok::PrefixStar(_) | Tok::StarLocal(_) => true,
            Tok::Name(n) => match self.peek_at(1) {
                Tok::Sym("::") => true,
                Tok::Sym("(") => kind_test(n).is_some(),
                _ => true,
            },
            _ => false,
        }
    }

    fn step(&mut self) -> Result<Step, String> {
        if self.eat_sym("..") {
            return Ok(Step::Axis(Axis::Parent, NameTest::Kind(KindTest::Node), self.predicates()?));
        }
        if self.eat_sym("@") {
            let t = self.next();
            let test = self.node_test(t)?;
            return Ok(Step::Axis(Axis::Attribute, test, self.predicates()?));
        }
        if let Tok::Name(n) = self.peek() {
            let after = self.peek_at(1);
            if matches!(after, Tok::Sym("::")) {
                let axis = match n.as_str() {
                    "child" => Axis::Child,
                    "attribute" => Axis::Attribute,
                    "parent" => Axis::Parent,
                    "self" => Axis::SelfAxis,
                    "ancestor" => Axis::Ancestor,
                    "ancestor-or-self" => Axis::AncestorOrSelf,
                    "descendant" => Axis::Descendant,
                    "descendant-or-self" => Axis::DescendantOrSelf,
                    "preceding-sibling" => Axis::PrecedingSibling,
                    "following-sibling" => Axis::FollowingSibling,
                    "preceding" => Axis::Preceding,
                    "following" => Axis::Following,
                    other => return Err(format!("unsupported axis {other}")),
                };
                self.pos += 2;
                let t = self.next();
                let test = self.node_test(t)?;
                return Ok(Step::Axis(axis, test, self.predicates()?));
            }
            let call = matches!(after, Tok::Sym("("));
            if !call || kind_test(n).is_some() {
                let t = self.next();
                let test = if call { self.node_test(t)? } else { self.name_test(t)? };
                return Ok(Step::Axis(Axis::Child, test, self.predicates()?));
            }
        }
        if matches!(self.peek(), Tok::Star | Tok::PrefixStar(_) | Tok::StarLocal(_)) {
            let t = self.next();
            let test = self.name_test(t)?;
            return Ok(Step::Axis(Axis::Child, test, self.predicates()?));
        }
        let primary = self.primary()?;
        let preds = self.predicates()?;
        Ok(Step::Filter(Box::new(primary), preds))
    }

    fn node_test(&mut self, t: Tok) -> Result<NameTest, String> {
        if let Tok::Name(n) = &t
            && matches!(self.peek(), Tok::Sym("("))
        {
            let k = kind_test(n).ok_or_else(|| format!("unknown kind test {n}"))?;
            self.pos += 1;
            // optional argument (e.g. processing-instruction(name)) is ignored
            while !matches!(self.peek(), Tok::Sym(")") | Tok::End) {
                self.pos += 1;
            }
            self.expect_sym(")")?;
            return Ok(NameTest::Kind(k));
        }
        self.name_test(t)
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.next() {
            Tok::Str(s) => Ok(Expr::Lit(Atom::Str(s.into()))),
            Tok::Num(a) => Ok(Expr::Lit(a)),
            Tok::Var(v) => Ok(Expr::Var(v)),
            Tok::Sym(".") => Ok(Expr::Context),
            Tok::Sym("(") => {
                if self.eat_sym(")") {
                    return Ok(Expr::Seq(Vec::new()));
                }
                let e = self.expr()?;
                self.expect_sym(")")?;
                Ok(e)
            }
            Tok::Name(n) => {
                self.expect_sym("(")?;
                let mut args = Vec::new();
                if !self.eat_sym(")") {
                    loop {
                        args.push(self.expr_single()?);
                        if self.eat_sym(")") {
                            break;
                        }
                        self.expect_sym(",")?;
                    }
                }
                let name = n.strip_prefix("fn:").map(str::to_owned).unwrap_or(n);
                if !name.contains(':') && !KNOWN_FUNCTIONS.contains(&name.as_str()) {
                    return Err(format!("unsupported function {name}()"));
                }
                if name.starts_with("xs:") && !KNOWN_FUNCTIONS.contains(&name.as_str()) {
                    return Err(format!("unsupported constructor {name}()"));
                }
                Ok(Expr::Call(name, args))
            }
            t => Err(format!("unexpected {t:?}")),
        }
    }
}

/// `//name[p]` = `descendant::name[p]` when `p` cannot see positions: one step instead of
/// materializing every node of the document.
fn fuse_descendant_steps(steps: &mut Vec<Step>) {
    let mut i = 0;
    while i + 1 < steps.len() {
        let fusable = steps[i] == Step::desc_or_self()
            && matches!(&steps[i + 1], Step::Axis(Axis::Child, NameTest::Name(..) | NameTest::Ns(_) | NameTest::Local(_) | NameTest::Any, preds)
                if preds.iter().all(is_positionless));
        if fusable {
            steps.remove(i);
            if let Step::Axis(axis, _, _) = &mut steps[i] {
                *axis = Axis::Descendant;
            }
        }
        i += 1;
    }
}

/// A predicate whose value is surely a boolean or a node sequence and that never asks for
/// position() or last().
fn is_positionless(e: &Expr) -> bool {
    let boolean_shape = match e {
        Expr::GCmp(..) | Expr::VCmp(..) | Expr::And(..) | Expr::Or(..) | Expr::Quant(..) => true,
        Expr::InstanceOf(..) | Expr::Castable(..) => true,
        Expr::Call(name, _) => matches!(
            name.as_str(),
            "not"
                | "exists"
                | "empty"
                | "boolean"
                | "contains"
                | "starts-with"
                | "ends-with"
                | "matches"
                | "true"
                | "false"
        ),
        Expr::Path(_, steps) => matches!(steps.last(), Some(Step::Axis(..))),
        _ => false,
    };
    boolean_shape && !uses_position(e)
}

fn uses_position(e: &Expr) -> bool {
    let any = |v: &[Expr]| v.iter().any(uses_position);
    let steps_use = |steps: &[Step]| {
        steps.iter().any(|s| match s {
            Step::Axis(_, _, p) => any(p),
            Step::Filter(b, p) => uses_position(b) || any(p),
        })
    };
    match e {
        Expr::Call(name, args) => name == "position" || name == "last" || any(args),
        Expr::Lit(_) | Expr::Var(_) | Expr::Context | Expr::Root => false,
        Expr::Path(_, steps) => steps_use(steps),
        Expr::Filter(b, p) => uses_position(b) || any(p),
        Expr::Seq(v) => any(v),
        Expr::Or(a, b)
        | Expr::And(a, b)
        | Expr::GCmp(_, a, b)
        | Expr::VCmp(_, a, b)
        | Expr::Arith(_, a, b)
        | Expr::Range(a, b)
        | Expr::Union(a, b)
        | Expr::For(_, a, b)
        | Expr::Quant(_, _, a, b) => uses_position(a) || uses_position(b),
        Expr::Neg(a, _) | Expr::InstanceOf(a, _) | Expr::Cast(a, _, _) | Expr::Castable(a, _, _) => uses_position(a),
        Expr::If(a, b, c) => uses_position(a) || uses_position(b) || uses_position(c),
    }
}

fn kind_test(name: &str) -> Option<KindTest> {
    Some(match name {
        "node" => KindTest::Node,
        "text" => KindTest::Text,
        "comment" => KindTest::Comment,
        "processing-instruction" => KindTest::Pi,
        "element" => KindTest::Element,
        "attribute" => KindTest::Attribute,
        "document-node" => KindTest::Document,
        _ => return None,
    })
}
