//! The official CEN EN 16931 and KoSIT XRechnung Schematron rules, run on a parsed document.
//!
//! The rules are not rewritten: the compiled stylesheets in `artefacts/` are read at build time
//! (`build.rs`, with `extract`) into rule templates: context pattern, priority, pattern,
//! variables, assertions (test, id, flag, text), plus the stylesheets' global variables and
//! `xsl:function`s. At run time a small interpreter applies them the way an XSLT 2.0 processor
//! does: every element and attribute is visited in document order, and for each Schematron
//! pattern the first rule (highest priority, then last in the file) whose context matches
//! fires; its assertions are evaluated by this crate's XPath 2.0 engine (each expression
//! compiled on first use, variables evaluated lazily as Saxon does). A dynamic error in any
//! rule stops the layer, as it stops Saxon: the layer then reports one `…-XSLT-ERROR` finding.
//! With `RuleSet::XRechnung`, the KoSIT scenario is picked by BT-24 and its `customLevel`
//! severities override the findings of both layers, exactly as the reference checker does.

pub mod extract;
// The build script runs `extract`; the crate reads its output and a test compares the two.
#[allow(dead_code)]
mod scenario_extract;
mod scenarios;

// `extract` (shared with the build script) reaches the parser as `super::xpath`.
use crate::xpath;
use crate::xpath::value::{Atom, Item, Seq, XErr, XNode, XResult};
use crate::xpath::{Env, Eval, Expr, Focus, Namespaces, coerce, matches_pattern, normalize_space, parse};
use crate::{Finding, RuleSet, Severity, Syntax};
use extract::{Check, Function, Instr, Lazy, MsgPart, Rule, Sheet, Var, VarDef};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// What a lazily compiled expression is kept as.
pub type ExprCell = Result<Expr, String>;

pub const CEN_UBL: &str = include_str!("../../artefacts/cen/EN16931-UBL-validation.xslt");
pub const CEN_CII: &str = include_str!("../../artefacts/cen/EN16931-CII-validation.xslt");
pub const XR_UBL: &str = include_str!("../../artefacts/xrechnung/XRechnung-UBL-validation.xsl");
pub const XR_CII: &str = include_str!("../../artefacts/xrechnung/XRechnung-CII-validation.xsl");

/// The same four stylesheets as the build script extracted them.
pub const COMPACT: [&str; 4] = [
    include_str!(concat!(env!("OUT_DIR"), "/cen-ubl.rules")),
    include_str!(concat!(env!("OUT_DIR"), "/cen-cii.rules")),
    include_str!(concat!(env!("OUT_DIR"), "/xr-ubl.rules")),
    include_str!(concat!(env!("OUT_DIR"), "/xr-cii.rules")),
];

struct SheetNs<'s>(&'s [(extract::Text, Arc<str>)]);

impl Namespaces for SheetNs<'_> {
    fn uri(&self, prefix: &str) -> Option<Arc<str>> {
        self.0.iter().find(|(p, _)| p == prefix).map(|(_, u)| u.clone())
    }
}

/// A loaded stylesheet with its rules indexed by the element name their context ends in.
pub struct Compiled {
    pub sheet: Sheet,
    /// The sheet's namespaces, each URI shared by every name test that uses it.
    namespaces: Vec<(extract::Text, Arc<str>)>,
    /// The same URIs in the same order: namespace `i` of a stored parse.
    uris: Vec<Arc<str>>,
    global_index: HashMap<String, usize>,
    function_index: HashMap<(String, usize), usize>,
    /// local name → (namespace, rule index), best first.
    by_name: HashMap<extract::Text, Vec<(Option<extract::Text>, usize)>>,
    /// Rules whose context can end in anything (wildcards, attributes, kind tests).
    any: Vec<usize>,
}

impl Compiled {
    /// Indexes an extracted sheet from its rules' [`extract::ContextKeys`]: no pattern is
    /// parsed here (each is parsed when a document first has a node it could match).
    pub fn from_sheet(sheet: Sheet) -> Result<Compiled, String> {
        let namespaces: Vec<(extract::Text, Arc<str>)> =
            sheet.namespaces.iter().map(|(p, u)| (p.clone(), Arc::from(&**u))).collect();
        let mut by_name: HashMap<extract::Text, Vec<(Option<extract::Text>, usize)>> = HashMap::new();
        let mut any = Vec::new();
        for (i, rule) in sheet.rules.iter().enumerate() {
            match &rule.keys.names {
                Some(names) => {
                    for (ns, local) in names {
                        by_name.entry(local.clone()).or_default().push((ns.clone(), i));
                    }
                }
                None => any.push(i),
            }
        }
        let global_index = sheet.globals.iter().enumerate().map(|(i, v)| (v.name.to_string(), i)).collect();
        let function_index =
            sheet.functions.iter().enumerate().map(|(i, f)| ((f.name.to_string(), f.params.len()), i)).collect();
        let uris = namespaces.iter().map(|(_, u)| u.clone()).collect();
        Ok(Compiled { sheet, namespaces, uris, global_index, function_index, by_name, any })
    }

    /// Reads and indexes a stylesheet's text (what the build script does, at run time).
    pub fn from_text(xslt: &str) -> Result<Compiled, String> {
        extract::extract(xslt).and_then(Compiled::from_sheet)
    }

    /// The compiled form of one of the sheet's expressions, made on first use: read from the
    /// build script's parse when the embedded rules carry one (it is the parser's tree, and
    /// reading it costs a fraction of parsing), else parsed here.
    fn expr<'s>(&'s self, lazy: &'s Lazy) -> XResult<&'s Expr> {
        let cell = lazy.cell.get_or_init(|| {
            if !lazy.code.is_empty()
                && let Ok(expr) = xpath::code::decode(&lazy.code, &self.uris)
            {
                return Ok(expr);
            }
            parse(&lazy.src, &SheetNs(&self.namespaces))
        });
        cell.as_ref().map_err(|e| XErr(format!("XPST0003: {:?}: {e}", lazy.src)))
    }

    /// Checks that every expression the build script parsed reads back as the tree the parser
    /// makes of its source now; the number checked, or the first that differs.
    pub fn verify_compiled(&self) -> Result<usize, String> {
        let mut count = 0;
        self.each_expr(&mut |l: &Lazy| {
            let parsed = parse(&l.src, &SheetNs(&self.namespaces));
            if l.code.is_empty() {
                // Only an expression the parser refuses may go without its parse.
                return match parsed {
                    Err(_) => Ok(()),
                    Ok(_) => Err(format!("{:?} was stored without its parse", l.src)),
                };
            }
            count += 1;
            let read = xpath::code::decode(&l.code, &self.uris);
            if read.as_ref().ok() == parsed.as_ref().ok() && read.is_ok() {
                Ok(())
            } else {
                Err(format!("{:?}: stored {read:?}, parsed {parsed:?}", l.src))
            }
        })?;
        Ok(count)
    }

    /// Compiles every expression now; the number compiled, or the first that does not parse.
    pub fn compile_all(&self) -> Result<usize, String> {
        let mut count = 0;
        self.each_expr(&mut |l: &Lazy| -> Result<(), String> {
            count += 1;
            self.expr(l).map(|_| ()).map_err(|e| e.0)
        })?;
        Ok(count)
    }

    /// Calls `one` on every expression of the sheet, up to the first error.
    fn each_expr(&self, one: &mut dyn FnMut(&Lazy) -> Result<(), String>) -> Result<(), String> {
        fn body(b: &[Instr], one: &mut dyn FnMut(&Lazy) -> Result<(), String>) -> Result<(), String> {
            for i in b {
                match i {
                    Instr::Var(v) => var(v, one)?,
                    Instr::ValueOf(e) | Instr::Sequence(e) => one(e)?,
                    Instr::Choose(whens, otherwise) => {
                        for (t, b) in whens {
                            one(t)?;
                            body(b, one)?;
                        }
                        body(otherwise, one)?;
                    }
                    Instr::If(t, b) => {
                        one(t)?;
                        body(b, one)?;
                    }
                    Instr::Text(_) => {}
                }
            }
            Ok(())
        }
        fn var(v: &Var, one: &mut dyn FnMut(&Lazy) -> Result<(), String>) -> Result<(), String> {
            match &v.def {
                VarDef::Select(e) => one(e),
                VarDef::Body(b) => body(b, one),
                VarDef::Text(_) | VarDef::Empty => Ok(()),
            }
        }
        for g in &self.sheet.globals {
            var(g, one)?;
        }
        for f in &self.sheet.functions {
            body(&f.body, one)?;
        }
        for r in &self.sheet.rules {
            one(&r.context)?;
            for v in &r.lets {
                var(v, one)?;
            }
            for c in &r.checks {
                one(&c.test)?;
                for p in &c.message {
                    if let MsgPart::Value(e) = p {
                        one(e)?;
                    }
                }
            }
        }
        Ok(())
    }
}

fn compiled(which: usize) -> &'static Result<Compiled, String> {
    static SHEETS: [OnceLock<Result<Compiled, String>>; 4] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    SHEETS[which].get_or_init(|| extract::deserialize(COMPACT[which]).and_then(Compiled::from_sheet))
}

/// Loads the rules `check` will need for this syntax and rule set now (a daemon can call it at
/// start-up; `check` otherwise loads them on first use). The load error, if any.
pub fn preload(syntax: Syntax, rules: RuleSet) -> Result<(), String> {
    let (cen, xr) = if syntax.is_ubl() { (0, 2) } else { (1, 3) };
    compiled(cen).as_ref().map_err(Clone::clone)?;
    if rules == RuleSet::XRechnung {
        compiled(xr).as_ref().map_err(Clone::clone)?;
    }
    Ok(())
}

/// The findings of the rule sets `rules` names.
pub fn check(doc: &roxmltree::Document<'_>, syntax: Syntax, rules: RuleSet) -> Vec<Finding> {
    let (cen, xr) = if syntax.is_ubl() { (0, 2) } else { (1, 3) };
    let mut findings = run_layer(doc, compiled(cen), "EN16931");
    if rules == RuleSet::XRechnung {
        let levels = match scenarios::levels(doc, syntax) {
            Ok(levels) => levels,
            Err(finding) => {
                findings.push(finding);
                HashMap::new()
            }
        };
        findings.extend(run_layer(doc, compiled(xr), "XRechnung"));
        for f in &mut findings {
            if let Some(sev) = levels.get(f.rule.as_str()) {
                f.severity = *sev;
            }
        }
    }
    findings
}

fn run_layer(doc: &roxmltree::Document<'_>, compiled: &Result<Compiled, String>, layer: &str) -> Vec<Finding> {
    let error = |message: String| Finding {
        rule: format!("{layer}-XSLT-ERROR"),
        severity: Severity::Fatal,
        location: String::new(),
        message,
    };
    match compiled {
        Err(e) => vec![error(format!("the rule file could not be read: {e}"))],
        Ok(c) => match apply(doc, c) {
            Ok(findings) => findings,
            Err(XErr(msg)) => vec![error(msg)],
        },
    }
}

/// Runs one compiled stylesheet over a document: its findings, or the first dynamic error.
pub fn apply(doc: &roxmltree::Document<'_>, c: &Compiled) -> XResult<Vec<Finding>> {
    let root = XNode::new(doc.root());
    let mut index: NameIndex<'_> = HashMap::new();
    for n in doc.root().descendants().filter(|n| n.is_element()) {
        let t = n.tag_name();
        let by_ns = index.entry(t.name()).or_default();
        match by_ns.iter_mut().find(|(ns, _)| *ns == t.namespace()) {
            Some((_, v)) => v.push(n),
            None => by_ns.push((t.namespace(), vec![n])),
        }
    }
    let globals = Globals { c, index, root, values: RefCell::new(vec![None; c.sheet.globals.len()]) };
    let mut out = Vec::new();
    let mut cand: Vec<usize> = Vec::new();
    let mut fired: Vec<usize> = Vec::new();
    // the node sets of the rules whose context is matched by evaluation
    let mut sets: Vec<Option<Vec<(u32, u32)>>> = vec![None; c.sheet.rules.len()];
    for (i, rule) in c.sheet.rules.iter().enumerate() {
        if rule.keys.evaluated {
            let scope = Scope { globals: &globals, rule: None, matching: None };
            let v = Eval::new(&scope).eval(c.expr(&rule.context)?, &Focus::node(root))?;
            let mut keys: Vec<(u32, u32)> =
                v.iter().filter_map(|i| if let Item::N(n) = i { Some(n.key()) } else { None }).collect();
            keys.sort_unstable();
            sets[i] = Some(keys);
        }
    }
    for node in doc.root().descendants().filter(|n| n.is_element()) {
        let attrs = node.attributes().len() as u32;
        for attr in 0..=attrs {
            let x = XNode { node, attr };
            cand.clear();
            if attr == 0
                && let Some((ns, local)) = x.qname()
                && let Some(v) = c.by_name.get(local)
            {
                cand.extend(v.iter().filter(|(n, _)| n.as_deref() == ns).map(|(_, i)| *i));
            }
            cand.extend_from_slice(&c.any);
            cand.sort_unstable();
            fired.clear();
            for &ri in &cand {
                let rule = &c.sheet.rules[ri];
                if fired.contains(&rule.pattern) {
                    continue;
                }
                let matched = match &sets[ri] {
                    Some(keys) => keys.binary_search(&x.key()).is_ok(),
                    None => {
                        let scope = Scope { globals: &globals, rule: None, matching: Some(x) };
                        let mut ev = Eval::new(&scope);
                        matches_pattern(&mut ev, c.expr(&rule.context)?, x)?
                    }
                };
                if !matched {
                    continue;
                }
                fired.push(rule.pattern);
                fire(&globals, rule, x, &mut out)?;
            }
        }
    }
    Ok(out)
}

fn fire<'a>(globals: &Globals<'_, 'a>, rule: &Rule, x: XNode<'a>, out: &mut Vec<Finding>) -> XResult<()> {
    let lets = RefCell::new(vec![None; rule.lets.len()]);
    let scope = Scope { globals, rule: Some(RuleScope { lets: &rule.lets, values: &lets, node: x }), matching: None };
    let focus = Focus::node(x);
    for check in &rule.checks {
        let mut ev = Eval::new(&scope);
        if ev.eval_bool(globals.c.expr(&check.test)?, &focus)? == check.fire_when {
            out.push(finding(&scope, check, x)?);
        }
    }
    Ok(())
}

fn finding<'a>(scope: &Scope<'_, '_, 'a>, check: &Check, x: XNode<'a>) -> XResult<Finding> {
    let mut text = String::new();
    for part in &check.message {
        match part {
            MsgPart::Text(t) => text.push_str(t),
            MsgPart::Value(e) => {
                let mut ev = Eval::new(scope);
                let v = ev.eval(scope.globals.c.expr(e)?, &Focus::node(x))?;
                let parts: Vec<String> = v.iter().map(|i| i.atomize().to_str()).collect();
                text.push_str(&parts.join(" "));
            }
        }
    }
    Ok(Finding {
        rule: check.id.to_string(),
        severity: Severity::from_flag(check.flag.as_deref().map(str::trim).map(str::to_lowercase).as_deref()),
        location: location(x),
        message: normalize_space(&text),
    })
}

/// `/ubl:Invoice[1]/cac:LegalMonetaryTotal[1]/@currencyID` style path to a node.
pub fn location(x: XNode<'_>) -> String {
    let mut parts = Vec::new();
    let mut cur = Some(XNode::new(x.node));
    while let Some(n) = cur {
        if n.node.is_element() {
            let t = n.node.tag_name();
            let pos = n
                .node
                .prev_siblings()
                .skip(1)
                .filter(|s| s.is_element())
                .filter(|s| s.tag_name().name() == t.name() && s.tag_name().namespace() == t.namespace())
                .count();
            parts.push(format!("{}[{}]", n.name(), pos + 1));
        }
        cur = n.parent();
    }
    parts.reverse();
    let mut s = String::new();
    for p in parts {
        s.push('/');
        s.push_str(&p);
    }
    if x.is_attr() {
        s.push_str("/@");
        s.push_str(&x.name());
    }
    s
}

/// Elements by local name, then namespace, in document order.
type NameIndex<'a> = HashMap<&'a str, Vec<(Option<&'a str>, Vec<roxmltree::Node<'a, 'a>>)>>;

struct Globals<'s, 'a> {
    c: &'s Compiled,
    index: NameIndex<'a>,
    root: XNode<'a>,
    values: RefCell<Vec<Option<Seq<'a>>>>,
}

struct RuleScope<'s, 'c, 'a> {
    lets: &'s [Var],
    values: &'c RefCell<Vec<Option<Seq<'a>>>>,
    node: XNode<'a>,
}

struct Scope<'c, 's, 'a> {
    globals: &'c Globals<'s, 'a>,
    rule: Option<RuleScope<'s, 'c, 'a>>,
    /// `current()` while a match pattern is tested: the candidate node.
    matching: Option<XNode<'a>>,
}

fn eval_var<'x, 'a>(env: &'x dyn Env<'a>, c: &'x Compiled, var: &'x Var, focus: &Focus<'a>) -> XResult<Seq<'a>> {
    let v = match &var.def {
        VarDef::Select(e) => Eval::new(env).eval(c.expr(e)?, focus)?,
        VarDef::Body(instrs) => {
            let mut ev = Eval::new(env);
            let v = run_body(c, &mut ev, instrs, focus)?;
            if var.as_type.is_none() {
                // a temporary tree: one untyped string value
                let s: String = v.iter().map(|i| i.atomize().to_str()).collect();
                vec![Item::A(Atom::Untyped(s.into()))]
            } else {
                v
            }
        }
        VarDef::Text(t) => vec![Item::A(Atom::Untyped((**t).into()))],
        VarDef::Empty => {
            if var.as_type.is_some() {
                Vec::new()
            } else {
                vec![Item::A(Atom::Untyped("".into()))]
            }
        }
    };
    match &var.as_type {
        Some(t) => coerce(v, t),
        None => Ok(v),
    }
}

fn run_body<'x, 'a>(
    c: &'x Compiled,
    ev: &mut Eval<'x, 'a>,
    instrs: &'x [Instr],
    focus: &Focus<'a>,
) -> XResult<Seq<'a>> {
    let mut out = Vec::new();
    for i in instrs {
        match i {
            Instr::Var(v) => {
                let value = match &v.def {
                    VarDef::Select(e) => ev.eval(c.expr(e)?, focus)?,
                    VarDef::Body(b) => {
                        let r = run_body(c, ev, b, focus)?;
                        if v.as_type.is_none() {
                            let s: String = r.iter().map(|i| i.atomize().to_str()).collect();
                            vec![Item::A(Atom::Untyped(s.into()))]
                        } else {
                            r
                        }
                    }
                    VarDef::Text(t) => vec![Item::A(Atom::Untyped((**t).into()))],
                    VarDef::Empty => vec![Item::A(Atom::Untyped("".into()))],
                };
                let value = match &v.as_type {
                    Some(t) => coerce(value, t)?,
                    None => value,
                };
                ev.bind(&v.name, value);
            }
            Instr::ValueOf(e) => {
                let v = ev.eval(c.expr(e)?, focus)?;
                let parts: Vec<String> = v.iter().map(|i| i.atomize().to_str()).collect();
                out.push(Item::A(Atom::Untyped(parts.join(" ").into())));
            }
            Instr::Sequence(e) => out.extend(ev.eval(c.expr(e)?, focus)?),
            Instr::Text(t) => out.push(Item::A(Atom::Untyped((**t).into()))),
            Instr::If(t, body) => {
                if ev.eval_bool(c.expr(t)?, focus)? {
                    out.extend(run_body(c, ev, body, focus)?);
                }
            }
            Instr::Choose(whens, otherwise) => {
                let mut done = false;
                for (t, body) in whens {
                    if ev.eval_bool(c.expr(t)?, focus)? {
                        out.extend(run_body(c, ev, body, focus)?);
                        done = true;
                        break;
                    }
                }
                if !done {
                    out.extend(run_body(c, ev, otherwise, focus)?);
                }
            }
        }
    }
    Ok(out)
}

impl<'a> Env<'a> for Scope<'_, '_, 'a> {
    fn var(&self, name: &str) -> XResult<Seq<'a>> {
        if let Some(r) = &self.rule
            && let Some(i) = r.lets.iter().position(|v| v.name == name)
        {
            if let Some(v) = &r.values.borrow()[i] {
                return Ok(v.clone());
            }
            // a rule variable sees the rule's context and the variables before it
            let earlier = RuleScope { lets: &r.lets[..i], values: r.values, node: r.node };
            let scope = Scope { globals: self.globals, rule: Some(earlier), matching: None };
            let v = eval_var(&scope, self.globals.c, &r.lets[i], &Focus::node(r.node))?;
            r.values.borrow_mut()[i] = Some(v.clone());
            return Ok(v);
        }
        let g = self.globals;
        let Some(&i) = g.c.global_index.get(name) else {
            return Err(XErr(format!("XPST0008: unknown variable ${name}")));
        };
        if let Some(v) = &g.values.borrow()[i] {
            return Ok(v.clone());
        }
        let scope = Scope { globals: g, rule: None, matching: None };
        let v = eval_var(&scope, g.c, &g.c.sheet.globals[i], &Focus::node(g.root))?;
        g.values.borrow_mut()[i] = Some(v.clone());
        Ok(v)
    }

    fn call(&self, name: &str, args: Vec<Seq<'a>>) -> Option<XResult<Seq<'a>>> {
        let c = self.globals.c;
        let f: &Function = &c.sheet.functions[*c.function_index.get(&(name.to_owned(), args.len()))?];
        let scope = Scope { globals: self.globals, rule: None, matching: None };
        let run = || -> XResult<Seq<'a>> {
            let mut ev = Eval::new(&scope);
            for ((pname, ptype), value) in f.params.iter().zip(args) {
                let value = match ptype {
                    Some(t) => coerce(value, t)?,
                    None => value,
                };
                ev.bind(pname, value);
            }
            let focus = Focus { item: None, pos: 0, size: 0 };
            let v = run_body(c, &mut ev, &f.body, &focus)?;
            match &f.as_type {
                Some(t) => coerce(v, t),
                None => Ok(v),
            }
        };
        Some(run())
    }

    fn named(&self, local: &str, ns: Option<&str>) -> Option<&[roxmltree::Node<'a, 'a>]> {
        let by_ns = self.globals.index.get(local);
        Some(by_ns.and_then(|v| v.iter().find(|(n, _)| *n == ns)).map(|(_, v)| v.as_slice()).unwrap_or(&[]))
    }

    fn current(&self) -> Option<XNode<'a>> {
        if let Some(m) = self.matching {
            return Some(m);
        }
        match &self.rule {
            Some(r) => Some(r.node),
            None => Some(self.globals.root),
        }
    }
}
