//! Reads a compiled Schematron stylesheet (ISO skeleton or SchXslt output) into rules: the
//! assertions of each rule template, its context pattern and priority, the stylesheet's
//! global variables and functions. Only what the official files use is understood; anything
//! else in a rule template is reported as an error rather than ignored.

use crate::xpath::{Expr, Namespaces, parse};
use std::collections::HashMap;

pub const XSL: &str = "http://www.w3.org/1999/XSL/Transform";
pub const SVRL: &str = "http://purl.oclc.org/dsdl/svrl";

#[derive(Debug)]
pub enum VarDef {
    Select(Expr),
    /// A sequence constructor (value-of, sequence, choose, ...).
    Body(Vec<Instr>),
    /// Literal text content (a temporary tree with one text node).
    Text(String),
    Empty,
}

#[derive(Debug)]
pub struct Var {
    pub name: String,
    pub def: VarDef,
    pub as_type: Option<String>,
}

#[derive(Debug)]
pub enum Instr {
    Var(Var),
    ValueOf(Expr),
    Sequence(Expr),
    Choose(Vec<(Expr, Vec<Instr>)>, Vec<Instr>),
    If(Expr, Vec<Instr>),
    Text(String),
}

#[derive(Debug)]
pub struct Function {
    pub params: Vec<(String, Option<String>)>,
    pub body: Vec<Instr>,
    pub as_type: Option<String>,
}

#[derive(Debug)]
pub enum MsgPart {
    Text(String),
    Value(Expr),
}

#[derive(Debug)]
pub struct Check {
    pub test: Expr,
    /// The finding is reported when the test's boolean value equals this (`false` for an
    /// assert written as `xsl:choose`, `true` for `xsl:if`).
    pub fire_when: bool,
    pub id: String,
    pub flag: Option<String>,
    pub message: Vec<MsgPart>,
}

#[derive(Debug)]
pub struct Rule {
    pub pattern: usize,
    pub priority: f64,
    pub context: Expr,
    pub context_src: String,
    pub lets: Vec<Var>,
    pub checks: Vec<Check>,
}

#[derive(Debug, Default)]
pub struct Sheet {
    pub globals: Vec<Var>,
    pub global_index: HashMap<String, usize>,
    pub functions: HashMap<(String, usize), Function>,
    /// Rule templates, best first: priority descending, later in the file first.
    pub rules: Vec<Rule>,
    pub patterns: Vec<String>,
    /// How many XPath expressions were parsed.
    pub expressions: usize,
}

struct ElemNs<'a, 'i>(roxmltree::Node<'a, 'i>);

impl Namespaces for ElemNs<'_, '_> {
    fn uri(&self, prefix: &str) -> Option<String> {
        self.0.lookup_namespace_uri(Some(prefix)).map(str::to_owned)
    }
}

fn is_xsl(n: &roxmltree::Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(XSL) && n.tag_name().name() == local
}

fn is_svrl(n: &roxmltree::Node<'_, '_>, local: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(SVRL) && n.tag_name().name() == local
}

struct Loader {
    count: usize,
}

impl Loader {
    fn expr(&mut self, n: roxmltree::Node<'_, '_>, attr: &str) -> Result<Expr, String> {
        let src = n.attribute(attr).ok_or_else(|| format!("<{}> without @{attr}", n.tag_name().name()))?;
        self.count += 1;
        parse(src, &ElemNs(n)).map_err(|e| format!("{attr}=\"{src}\": {e}"))
    }

    fn var(&mut self, n: roxmltree::Node<'_, '_>) -> Result<Var, String> {
        let name = n.attribute("name").ok_or("variable without a name")?.to_owned();
        let as_type = n.attribute("as").map(str::to_owned);
        let def = if n.has_attribute("select") {
            VarDef::Select(self.expr(n, "select")?)
        } else if n.children().any(|c| c.is_element()) {
            VarDef::Body(self.body(n)?)
        } else {
            match n.text() {
                Some(t) if !t.is_empty() => VarDef::Text(t.to_owned()),
                _ => VarDef::Empty,
            }
        };
        Ok(Var { name, def, as_type })
    }

    fn body(&mut self, n: roxmltree::Node<'_, '_>) -> Result<Vec<Instr>, String> {
        let mut out = Vec::new();
        for c in n.children() {
            if c.is_text() {
                let t = c.text().unwrap_or("");
                if !t.trim().is_empty() {
                    out.push(Instr::Text(t.to_owned()));
                }
                continue;
            }
            if !c.is_element() {
                continue;
            }
            if is_xsl(&c, "variable") {
                out.push(Instr::Var(self.var(c)?));
            } else if is_xsl(&c, "value-of") {
                out.push(Instr::ValueOf(self.expr(c, "select")?));
            } else if is_xsl(&c, "sequence") {
                out.push(Instr::Sequence(self.expr(c, "select")?));
            } else if is_xsl(&c, "if") {
                let t = self.expr(c, "test")?;
                out.push(Instr::If(t, self.body(c)?));
            } else if is_xsl(&c, "choose") {
                let mut whens = Vec::new();
                let mut otherwise = Vec::new();
                for w in c.children().filter(|w| w.is_element()) {
                    if is_xsl(&w, "when") {
                        let t = self.expr(w, "test")?;
                        whens.push((t, self.body(w)?));
                    } else if is_xsl(&w, "otherwise") {
                        otherwise = self.body(w)?;
                    }
                }
                out.push(Instr::Choose(whens, otherwise));
            } else if is_xsl(&c, "param") {
                // handled by the caller
            } else {
                return Err(format!("unsupported instruction <{}> in a function", c.tag_name().name()));
            }
        }
        Ok(out)
    }

    fn message(&mut self, n: roxmltree::Node<'_, '_>) -> Result<Vec<MsgPart>, String> {
        let mut parts = Vec::new();
        for c in n.children() {
            if c.is_text() {
                parts.push(MsgPart::Text(c.text().unwrap_or("").to_owned()));
            } else if is_xsl(&c, "value-of") {
                parts.push(MsgPart::Value(self.expr(c, "select")?));
            } else if is_xsl(&c, "text") {
                parts.push(MsgPart::Text(c.text().unwrap_or("").to_owned()));
            } else if c.is_element() {
                // markup inside the text (e.g. xhtml): its text
                parts.extend(self.message(c)?);
            }
        }
        Ok(parts)
    }

    fn check(&mut self, report: roxmltree::Node<'_, '_>) -> Result<Check, String> {
        let parent = report.parent_element().ok_or("svrl element without parent")?;
        let (test, fire_when) = if is_xsl(&parent, "if") {
            (self.expr(parent, "test")?, true)
        } else if is_xsl(&parent, "otherwise") {
            let choose = parent.parent_element().ok_or("otherwise without choose")?;
            let whens: Vec<_> = choose.children().filter(|w| is_xsl(w, "when")).collect();
            match whens.as_slice() {
                [w] => (self.expr(*w, "test")?, false),
                _ => return Err("assert choose without exactly one when".into()),
            }
        } else {
            return Err(format!("svrl report inside <{}>", parent.tag_name().name()));
        };
        let attr_of = |name: &str| -> Option<String> {
            if let Some(v) = report.attribute(name) {
                return Some(v.to_owned());
            }
            report
                .children()
                .find(|c| is_xsl(c, "attribute") && c.attribute("name") == Some(name))
                .map(|c| c.text().unwrap_or("").trim().to_owned())
        };
        let id = attr_of("id").unwrap_or_else(|| "(no-id)".to_owned());
        let flag = attr_of("flag").or_else(|| attr_of("role"));
        let message = match report.children().find(|c| is_svrl(c, "text")) {
            Some(t) => self.message(t)?,
            None => Vec::new(),
        };
        Ok(Check { test, fire_when, id, flag, message })
    }

    fn rule(
        &mut self,
        t: roxmltree::Node<'_, '_>,
        fired: roxmltree::Node<'_, '_>,
        patterns: &mut Vec<String>,
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
                patterns.push(pattern_key);
                patterns.len() - 1
            }
        };
        let priority: f64 = t.attribute("priority").and_then(|p| p.trim().parse().ok()).unwrap_or(0.0);
        let context = self.expr(t, "match")?;
        let mut lets = Vec::new();
        for holder in [t, container] {
            for v in holder.children().filter(|c| is_xsl(c, "variable")) {
                lets.push(self.var(v)?);
            }
        }
        let mut checks = Vec::new();
        for d in container.descendants() {
            if is_svrl(&d, "failed-assert") || is_svrl(&d, "successful-report") {
                checks.push(self.check(d)?);
            }
        }
        Ok(Rule {
            pattern,
            priority,
            context,
            context_src: t.attribute("match").unwrap_or("").to_owned(),
            lets,
            checks,
        })
    }
}

/// Loads one stylesheet.
pub fn load(xslt: &str) -> Result<Sheet, String> {
    let opts = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(xslt, opts).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    let mut l = Loader { count: 0 };
    let mut sheet = Sheet::default();
    let mut rules: Vec<(Rule, usize)> = Vec::new();
    for (order, c) in root.children().filter(|c| c.is_element()).enumerate() {
        if is_xsl(&c, "param") || is_xsl(&c, "variable") {
            let v = l.var(c)?;
            sheet.global_index.insert(v.name.clone(), sheet.globals.len());
            sheet.globals.push(v);
        } else if is_xsl(&c, "function") {
            let name = c.attribute("name").ok_or("function without a name")?.to_owned();
            if name.starts_with("schxslt:") {
                continue; // SchXslt's own location helper: locations are computed natively
            }
            let params: Vec<(String, Option<String>)> = c
                .children()
                .filter(|p| is_xsl(p, "param"))
                .map(|p| (p.attribute("name").unwrap_or("").to_owned(), p.attribute("as").map(str::to_owned)))
                .collect();
            let body = l.body(c).map_err(|e| format!("function {name}: {e}"))?;
            let arity = params.len();
            sheet
                .functions
                .insert((name, arity), Function { params, body, as_type: c.attribute("as").map(str::to_owned) });
        } else if is_xsl(&c, "template") {
            let fired = c.descendants().find(|d| is_svrl(d, "fired-rule"));
            if let (Some(fired), Some(_)) = (fired, c.attribute("mode")) {
                let rule = l
                    .rule(c, fired, &mut sheet.patterns)
                    .map_err(|e| format!("rule {:?}: {e}", c.attribute("match")))?;
                rules.push((rule, order));
            }
        }
    }
    rules.sort_by(|(a, ao), (b, bo)| b.priority.total_cmp(&a.priority).then(bo.cmp(ao)));
    sheet.rules = rules.into_iter().map(|(r, _)| r).collect();
    sheet.expressions = l.count;
    Ok(sheet)
}
