//! Reads a compiled Schematron stylesheet (ISO skeleton or SchXslt output) into rules: the
//! assertions of each rule template, its context pattern and priority, the stylesheet's
//! global variables and functions. Only what the official files use is understood; anything
//! else in a rule template is an error rather than ignored.
//!
//! This file is also compiled into the build script (`build.rs`), which extracts the shipped
//! stylesheets once and stores them in the compact form `serialize` writes: at run time no
//! XSLT is parsed, and each XPath expression is compiled the first time it is needed.
//! `super::ExprCell` is what a compiled expression is kept as (`()` in the build script);
//! `super::xpath` is the crate's XPath parser, which the build script compiles too, so that
//! each rule's context pattern is read once at build time into its [`ContextKeys`].

use std::borrow::Cow;
use std::sync::OnceLock;

/// Text of the rules: borrowed from the embedded compact form, owned when extracted at run time.
pub type Text = Cow<'static, str>;

pub const XSL: &str = "http://www.w3.org/1999/XSL/Transform";
pub const SVRL: &str = "http://purl.oclc.org/dsdl/svrl";

/// An XPath expression as written, compiled on first use.
#[derive(Debug, Default)]
pub struct Lazy {
    pub src: Text,
    /// The build script's parse of `src` in the form of [`super::xpath::code`] (read back
    /// instead of parsing `src`); empty when extracted at run time, or when the parser
    /// refused `src` at build time (it is then parsed, and refused, when first needed).
    pub code: Text,
    pub cell: OnceLock<super::ExprCell>,
}

impl Lazy {
    fn new(src: &str) -> Lazy {
        Lazy { src: Cow::Owned(src.to_owned()), code: Cow::Borrowed(""), cell: OnceLock::new() }
    }
}

#[derive(Debug)]
pub enum VarDef {
    Select(Lazy),
    /// A sequence constructor (value-of, sequence, choose, ...).
    Body(Vec<Instr>),
    /// Literal text content (a temporary tree with one text node).
    Text(Text),
    Empty,
}

#[derive(Debug)]
pub struct Var {
    pub name: Text,
    pub def: VarDef,
    pub as_type: Option<Text>,
}

#[derive(Debug)]
pub enum Instr {
    Var(Var),
    ValueOf(Lazy),
    Sequence(Lazy),
    Choose(Vec<(Lazy, Vec<Instr>)>, Vec<Instr>),
    If(Lazy, Vec<Instr>),
    Text(Text),
}

#[derive(Debug)]
pub struct Function {
    pub name: Text,
    pub params: Vec<(Text, Option<Text>)>,
    pub body: Vec<Instr>,
    pub as_type: Option<Text>,
}

#[derive(Debug)]
pub enum MsgPart {
    Text(Text),
    Value(Lazy),
}

#[derive(Debug)]
pub struct Check {
    pub test: Lazy,
    /// The finding is reported when the test's boolean value equals this (`false` for an
    /// assert written as `xsl:choose`, `true` for `xsl:if`).
    pub fire_when: bool,
    pub id: Text,
    pub flag: Option<Text>,
    pub message: Vec<MsgPart>,
}

#[derive(Debug)]
pub struct Rule {
    pub pattern: usize,
    pub priority: f64,
    /// The `match` pattern; parsed only when a document has a node it could match.
    pub context: Lazy,
    pub keys: ContextKeys,
    pub lets: Vec<Var>,
    pub checks: Vec<Check>,
}

/// What the interpreter needs to know of a rule's context pattern before parsing it, worked
/// out when the rules are extracted (at build time for the shipped ones): loading the rules
/// then parses no pattern, and a pattern whose elements a document lacks is never parsed.
#[derive(Debug)]
pub struct ContextKeys {
    /// The (namespace URI, local name) of every element the pattern can end in, sorted;
    /// `None` when it can end in anything (wildcards, attributes, kind tests).
    pub names: Option<Vec<(Option<Text>, Text)>>,
    /// Whether the pattern is matched by evaluating it once per document (it is more than
    /// a path of child and attribute steps).
    pub evaluated: bool,
}

/// The stylesheet's prefixes, for parsing its patterns.
struct Prefixes<'s>(&'s [(Text, Text)]);

impl super::xpath::Namespaces for Prefixes<'_> {
    fn uri(&self, prefix: &str) -> Option<std::sync::Arc<str>> {
        self.0.iter().find(|(p, _)| p == prefix).map(|(_, uri)| std::sync::Arc::from(&**uri))
    }
}

/// Parses a context pattern into its [`ContextKeys`].
fn context_keys(pattern: &str, namespaces: &[(Text, Text)]) -> Result<ContextKeys, String> {
    let expr = super::xpath::parse(pattern, &Prefixes(namespaces)).map_err(|e| format!("match=\"{pattern}\": {e}"))?;
    let mut names = Vec::new();
    let names = if last_names(&expr, &mut names) {
        names.sort();
        names.dedup();
        Some(names)
    } else {
        None
    };
    Ok(ContextKeys { names, evaluated: !super::xpath::is_simple_pattern(&expr) })
}

/// The element names a pattern's paths end in; false when one can end in something else.
fn last_names(e: &super::xpath::Expr, out: &mut Vec<(Option<Text>, Text)>) -> bool {
    use super::xpath::Expr;
    use super::xpath::ast::{Axis, NameTest, Step};
    match e {
        Expr::Union(a, b) => last_names(a, out) && last_names(b, out),
        Expr::Path(_, steps) => match steps.last() {
            Some(Step::Axis(Axis::Child, NameTest::Name(ns, local), _)) => {
                out.push((ns.as_deref().map(|ns| Cow::Owned(ns.to_owned())), Cow::Owned(local.clone())));
                true
            }
            _ => false,
        },
        _ => false,
    }
}

#[derive(Debug, Default)]
pub struct Sheet {
    /// Every namespace prefix the stylesheet binds (prefix, URI).
    pub namespaces: Vec<(Text, Text)>,
    pub globals: Vec<Var>,
    pub functions: Vec<Function>,
    /// Rule templates, best first: priority descending, later in the file first.
    pub rules: Vec<Rule>,
    pub patterns: Vec<Text>,
}

fn is_xsl(n: &roxmltree::Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(XSL) && n.tag_name().name() == local
}

fn is_svrl(n: &roxmltree::Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(SVRL) && n.tag_name().name() == local
}

fn expr(n: roxmltree::Node<'_, '_>, attr: &str) -> Result<Lazy, String> {
    let src = n.attribute(attr).ok_or_else(|| format!("<{}> without @{attr}", n.tag_name().name()))?;
    Ok(Lazy::new(src))
}

fn var(n: roxmltree::Node<'_, '_>) -> Result<Var, String> {
    let name: Text = n.attribute("name").ok_or("variable without a name")?.to_owned().into();
    let as_type = n.attribute("as").map(|a| Cow::Owned(a.to_owned()));
    let def = if n.has_attribute("select") {
        VarDef::Select(expr(n, "select")?)
    } else if n.children().any(|c| c.is_element()) {
        VarDef::Body(body(n)?)
    } else {
        match n.text() {
            Some(t) if !t.is_empty() => VarDef::Text(t.to_owned().into()),
            _ => VarDef::Empty,
        }
    };
    Ok(Var { name, def, as_type })
}

fn body(n: roxmltree::Node<'_, '_>) -> Result<Vec<Instr>, String> {
    let mut out = Vec::new();
    for c in n.children() {
        if c.is_text() {
            let t = c.text().unwrap_or("");
            if !t.trim().is_empty() {
                out.push(Instr::Text(t.to_owned().into()));
            }
            continue;
        }
        if !c.is_element() {
            continue;
        }
        if is_xsl(&c, "variable") {
            out.push(Instr::Var(var(c)?));
        } else if is_xsl(&c, "value-of") {
            out.push(Instr::ValueOf(expr(c, "select")?));
        } else if is_xsl(&c, "sequence") {
            out.push(Instr::Sequence(expr(c, "select")?));
        } else if is_xsl(&c, "if") {
            out.push(Instr::If(expr(c, "test")?, body(c)?));
        } else if is_xsl(&c, "choose") {
            let mut whens = Vec::new();
            let mut otherwise = Vec::new();
            for w in c.children().filter(|w| w.is_element()) {
                if is_xsl(&w, "when") {
                    whens.push((expr(w, "test")?, body(w)?));
                } else if is_xsl(&w, "otherwise") {
                    otherwise = body(w)?;
                }
            }
            out.push(Instr::Choose(whens, otherwise));
        } else if is_xsl(&c, "param") {
            // read by the caller
        } else {
            return Err(format!("unsupported instruction <{}> in a function", c.tag_name().name()));
        }
    }
    Ok(out)
}

fn message(n: roxmltree::Node<'_, '_>) -> Result<Vec<MsgPart>, String> {
    let mut parts = Vec::new();
    for c in n.children() {
        if c.is_text() {
            parts.push(MsgPart::Text(c.text().unwrap_or("").to_owned().into()));
        } else if is_xsl(&c, "value-of") {
            parts.push(MsgPart::Value(expr(c, "select")?));
        } else if is_xsl(&c, "text") {
            parts.push(MsgPart::Text(c.text().unwrap_or("").to_owned().into()));
        } else if c.is_element() {
            parts.extend(message(c)?);
        }
    }
    Ok(parts)
}

fn check(report: roxmltree::Node<'_, '_>) -> Result<Check, String> {
    let parent = report.parent_element().ok_or("svrl element without parent")?;
    let (test, fire_when) = if is_xsl(&parent, "if") {
        (expr(parent, "test")?, true)
    } else if is_xsl(&parent, "otherwise") {
        let choose = parent.parent_element().ok_or("otherwise without choose")?;
        let whens: Vec<_> = choose.children().filter(|w| is_xsl(w, "when")).collect();
        match whens.as_slice() {
            [w] => (expr(*w, "test")?, false),
            _ => return Err("assert choose without exactly one when".into()),
        }
    } else {
        return Err(format!("svrl report inside <{}>", parent.tag_name().name()));
    };
    let attr_of = |name: &str| -> Option<Text> {
        if let Some(v) = report.attribute(name) {
            return Some(v.to_owned().into());
        }
        report
            .children()
            .find(|c| is_xsl(c, "attribute") && c.attribute("name") == Some(name))
            .map(|c| c.text().unwrap_or("").trim().to_owned().into())
    };
    let id = attr_of("id").unwrap_or(Cow::Borrowed("(no-id)"));
    let flag = attr_of("flag").or_else(|| attr_of("role"));
    let message = match report.children().find(|c| is_svrl(c, "text")) {
        Some(t) => message(t)?,
        None => Vec::new(),
    };
    Ok(Check { test, fire_when, id, flag, message })
}

fn rule(
    t: roxmltree::Node<'_, '_>,
    fired: roxmltree::Node<'_, '_>,
    patterns: &mut Vec<Text>,
    namespaces: &[(Text, Text)],
) -> Result<Rule, String> {
    let mode = t.attribute("mode").unwrap_or("");
    let container = fired.parent_element().ok_or("fired-rule without parent")?;
    let pattern_key = match container.attribute("pattern") {
        Some(p) if container.tag_name().name() == "rule" => p.to_owned(),
        _ => mode.to_owned(),
    };
    let pattern = match patterns.iter().position(|p| *p == pattern_key) {
        Some(i) => i,
        None => {
            patterns.push(pattern_key.into());
            patterns.len() - 1
        }
    };
    let priority: f64 = t.attribute("priority").and_then(|p| p.trim().parse().ok()).unwrap_or(0.0);
    let context = t.attribute("match").ok_or("rule template without @match")?;
    let keys = context_keys(context, namespaces)?;
    let context = Lazy::new(context);
    let mut lets = Vec::new();
    for holder in [t, container] {
        for v in holder.children().filter(|c| is_xsl(c, "variable")) {
            lets.push(var(v)?);
        }
    }
    let mut checks = Vec::new();
    for d in container.descendants() {
        if is_svrl(&d, "failed-assert") || is_svrl(&d, "successful-report") {
            checks.push(check(d)?);
        }
    }
    Ok(Rule { pattern, priority, context, keys, lets, checks })
}

/// Reads one stylesheet's text.
pub fn extract(xslt: &str) -> Result<Sheet, String> {
    let opts = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(xslt, opts).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    let mut sheet = Sheet::default();
    for n in doc.descendants().filter(|n| n.is_element()) {
        for ns in n.namespaces() {
            if let Some(p) = ns.name() {
                match sheet.namespaces.iter().find(|(q, _)| q == p) {
                    Some((_, uri)) if uri != ns.uri() => {
                        return Err(format!("prefix {p} bound to two namespaces"));
                    }
                    Some(_) => {}
                    None => sheet.namespaces.push((p.to_owned().into(), ns.uri().to_owned().into())),
                }
            }
        }
    }
    let mut rules: Vec<(Rule, usize)> = Vec::new();
    for (order, c) in root.children().filter(|c| c.is_element()).enumerate() {
        if is_xsl(&c, "param") || is_xsl(&c, "variable") {
            sheet.globals.push(var(c)?);
        } else if is_xsl(&c, "function") {
            let name: Text = c.attribute("name").ok_or("function without a name")?.to_owned().into();
            if name.starts_with("schxslt:") {
                continue; // SchXslt's own location helper: locations are computed natively
            }
            let params = c
                .children()
                .filter(|p| is_xsl(p, "param"))
                .map(|p| {
                    (
                        Cow::Owned(p.attribute("name").unwrap_or("").to_owned()),
                        p.attribute("as").map(|a| Cow::Owned(a.to_owned())),
                    )
                })
                .collect();
            let body = body(c).map_err(|e| format!("function {name}: {e}"))?;
            sheet.functions.push(Function {
                name,
                params,
                body,
                as_type: c.attribute("as").map(|a| Cow::Owned(a.to_owned())),
            });
        } else if is_xsl(&c, "template") {
            let fired = c.descendants().find(|d| is_svrl(d, "fired-rule"));
            if let (Some(fired), Some(_)) = (fired, c.attribute("mode")) {
                let r = rule(c, fired, &mut sheet.patterns, &sheet.namespaces)
                    .map_err(|e| format!("rule {:?}: {e}", c.attribute("match")))?;
                rules.push((r, order));
            }
        }
    }
    rules.sort_by(|(a, ao), (b, bo)| b.priority.total_cmp(&a.priority).then(bo.cmp(ao)));
    sheet.rules = rules.into_iter().map(|(r, _)| r).collect();
    Ok(sheet)
}

// ---- compact form: fields separated by U+0001 (a character XML 1.0 text cannot contain) ----

const SEP: char = '\u{1}';

/// The writer of the compact form, with the sheet's namespaces to parse its expressions.
struct Writer {
    out: String,
    namespaces: Vec<(String, std::sync::Arc<str>)>,
}

/// A sheet's namespace prefixes, as the parser asks for them.
struct WriterNs<'w>(&'w [(String, std::sync::Arc<str>)]);

impl super::xpath::Namespaces for WriterNs<'_> {
    fn uri(&self, prefix: &str) -> Option<std::sync::Arc<str>> {
        self.0.iter().find(|(p, _)| p == prefix).map(|(_, u)| u.clone())
    }
}

impl Writer {
    fn s(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push(SEP);
    }
    /// An expression: its source, then its parse in [`super::xpath::code`]'s form (empty
    /// when the parser refuses it, so that the run time reports the parser's error).
    fn lazy(&mut self, e: &Lazy) {
        self.s(&e.src);
        let uris: Vec<&str> = self.namespaces.iter().map(|(_, u)| &**u).collect();
        let code = super::xpath::parse(&e.src, &WriterNs(&self.namespaces))
            .ok()
            .and_then(|expr| super::xpath::code::encode(&expr, &uris))
            .unwrap_or_default();
        self.s(&code);
    }
    fn n(&mut self, n: usize) {
        self.s(&n.to_string());
    }
    fn opt(&mut self, s: &Option<Text>) {
        match s {
            Some(s) => {
                self.s("1");
                self.s(s);
            }
            None => self.s("0"),
        }
    }
    fn var(&mut self, v: &Var) {
        self.s(&v.name);
        self.opt(&v.as_type);
        match &v.def {
            VarDef::Select(e) => {
                self.s("S");
                self.lazy(e);
            }
            VarDef::Body(b) => {
                self.s("B");
                self.body(b);
            }
            VarDef::Text(t) => {
                self.s("T");
                self.s(t);
            }
            VarDef::Empty => self.s("E"),
        }
    }
    fn body(&mut self, b: &[Instr]) {
        self.n(b.len());
        for i in b {
            match i {
                Instr::Var(v) => {
                    self.s("V");
                    self.var(v);
                }
                Instr::ValueOf(e) => {
                    self.s("O");
                    self.lazy(e);
                }
                Instr::Sequence(e) => {
                    self.s("Q");
                    self.lazy(e);
                }
                Instr::Choose(whens, otherwise) => {
                    self.s("C");
                    self.n(whens.len());
                    for (t, b) in whens {
                        self.lazy(t);
                        self.body(b);
                    }
                    self.body(otherwise);
                }
                Instr::If(t, b) => {
                    self.s("I");
                    self.lazy(t);
                    self.body(b);
                }
                Instr::Text(t) => {
                    self.s("T");
                    self.s(t);
                }
            }
        }
    }
}

/// The compact form of a sheet (what the build script stores).
pub fn serialize(sheet: &Sheet) -> String {
    let namespaces = sheet.namespaces.iter().map(|(p, u)| (p.to_string(), std::sync::Arc::from(&**u))).collect();
    let mut w = Writer { out: String::new(), namespaces };
    w.n(sheet.namespaces.len());
    for (p, u) in &sheet.namespaces {
        w.s(p);
        w.s(u);
    }
    w.n(sheet.patterns.len());
    for p in &sheet.patterns {
        w.s(p);
    }
    w.n(sheet.globals.len());
    for v in &sheet.globals {
        w.var(v);
    }
    w.n(sheet.functions.len());
    for f in &sheet.functions {
        w.s(&f.name);
        w.opt(&f.as_type);
        w.n(f.params.len());
        for (n, t) in &f.params {
            w.s(n);
            w.opt(t);
        }
        w.body(&f.body);
    }
    w.n(sheet.rules.len());
    for r in &sheet.rules {
        w.n(r.pattern);
        w.s(&r.priority.to_string());
        w.lazy(&r.context);
        w.s(if r.keys.evaluated { "1" } else { "0" });
        match &r.keys.names {
            None => w.s("*"),
            Some(names) => {
                w.n(names.len());
                for (ns, local) in names {
                    w.opt(ns);
                    w.s(local);
                }
            }
        }
        w.n(r.lets.len());
        for v in &r.lets {
            w.var(v);
        }
        w.n(r.checks.len());
        for c in &r.checks {
            w.lazy(&c.test);
            w.s(if c.fire_when { "1" } else { "0" });
            w.s(&c.id);
            w.opt(&c.flag);
            w.n(c.message.len());
            for p in &c.message {
                match p {
                    MsgPart::Text(t) => {
                        w.s("T");
                        w.s(t);
                    }
                    MsgPart::Value(e) => {
                        w.s("V");
                        w.lazy(e);
                    }
                }
            }
        }
    }
    w.out
}

struct Reader(std::str::Split<'static, char>);

impl Reader {
    fn s(&mut self) -> Result<Text, String> {
        self.0.next().map(Cow::Borrowed).ok_or_else(|| "truncated rule data".to_owned())
    }
    fn n(&mut self) -> Result<usize, String> {
        self.s()?.parse().map_err(|_| "bad number in rule data".to_owned())
    }
    fn opt(&mut self) -> Result<Option<Text>, String> {
        Ok(if self.s()? == "1" { Some(self.s()?) } else { None })
    }
    fn lazy(&mut self) -> Result<Lazy, String> {
        let src = self.s()?;
        Ok(Lazy { src, code: self.s()?, cell: OnceLock::new() })
    }
    fn var(&mut self) -> Result<Var, String> {
        let name = self.s()?;
        let as_type = self.opt()?;
        let def = match &*self.s()? {
            "S" => VarDef::Select(self.lazy()?),
            "B" => VarDef::Body(self.body()?),
            "T" => VarDef::Text(self.s()?),
            "E" => VarDef::Empty,
            other => return Err(format!("bad variable kind {other:?}")),
        };
        Ok(Var { name, def, as_type })
    }
    fn body(&mut self) -> Result<Vec<Instr>, String> {
        let n = self.n()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(match &*self.s()? {
                "V" => Instr::Var(self.var()?),
                "O" => Instr::ValueOf(self.lazy()?),
                "Q" => Instr::Sequence(self.lazy()?),
                "C" => {
                    let k = self.n()?;
                    let mut whens = Vec::with_capacity(k);
                    for _ in 0..k {
                        let t = self.lazy()?;
                        whens.push((t, self.body()?));
                    }
                    Instr::Choose(whens, self.body()?)
                }
                "I" => {
                    let t = self.lazy()?;
                    Instr::If(t, self.body()?)
                }
                "T" => Instr::Text(self.s()?),
                other => return Err(format!("bad instruction kind {other:?}")),
            });
        }
        Ok(out)
    }
}

/// Reads the compact form back.
pub fn deserialize(text: &'static str) -> Result<Sheet, String> {
    let mut r = Reader(text.split(SEP));
    let mut sheet = Sheet::default();
    for _ in 0..r.n()? {
        let p = r.s()?;
        sheet.namespaces.push((p, r.s()?));
    }
    for _ in 0..r.n()? {
        sheet.patterns.push(r.s()?);
    }
    for _ in 0..r.n()? {
        sheet.globals.push(r.var()?);
    }
    for _ in 0..r.n()? {
        let name = r.s()?;
        let as_type = r.opt()?;
        let mut params = Vec::new();
        for _ in 0..r.n()? {
            let p = r.s()?;
            params.push((p, r.opt()?));
        }
        let body = r.body()?;
        sheet.functions.push(Function { name, params, body, as_type });
    }
    for _ in 0..r.n()? {
        let pattern = r.n()?;
        let priority: f64 = r.s()?.parse().map_err(|_| "bad priority".to_owned())?;
        let context = r.lazy()?;
        let evaluated = r.s()? == "1";
        let count = r.s()?;
        let names = if count == "*" {
            None
        } else {
            let count: usize = count.parse().map_err(|_| "bad number in rule data".to_owned())?;
            let mut names = Vec::with_capacity(count);
            for _ in 0..count {
                let ns = r.opt()?;
                names.push((ns, r.s()?));
            }
            Some(names)
        };
        let keys = ContextKeys { names, evaluated };
        let mut lets = Vec::new();
        for _ in 0..r.n()? {
            lets.push(r.var()?);
        }
        let mut checks = Vec::new();
        for _ in 0..r.n()? {
            let test = r.lazy()?;
            let fire_when = r.s()? == "1";
            let id = r.s()?;
            let flag = r.opt()?;
            let mut message = Vec::new();
            for _ in 0..r.n()? {
                message.push(match &*r.s()? {
                    "T" => MsgPart::Text(r.s()?),
                    _ => MsgPart::Value(r.lazy()?),
                });
            }
            checks.push(Check { test, fire_when, id, flag, message });
        }
        sheet.rules.push(Rule { pattern, priority, context, keys, lets, checks });
    }
    Ok(sheet)
}
