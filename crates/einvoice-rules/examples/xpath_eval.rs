//! Evaluates an XPath expression on a file (debugging aid):
//! `cargo run -p einvoice-rules --example xpath_eval -- FILE 'expr' ['pattern']`

use einvoice_rules::xpath::{Eval, Focus, Namespaces, XNode, matches_pattern, parse};

struct Ns;
impl Namespaces for Ns {
    fn uri(&self, prefix: &str) -> Option<std::sync::Arc<str>> {
        Some(
            match prefix {
                "cbc" => "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
                "cac" => "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
                "ubl" => "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
                "cn" => "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
                "rsm" => "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
                "ram" => "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
                "udt" => "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
                _ => return None,
            }
            .into(),
        )
    }
}

struct NoEnv;
impl<'a> einvoice_rules::xpath::Env<'a> for NoEnv {
    fn var(&self, name: &str) -> einvoice_rules::xpath::XResult<einvoice_rules::xpath::Seq<'a>> {
        Err(einvoice_rules::xpath::XErr(format!("no variable {name}")))
    }
    fn call(
        &self,
        _: &str,
        _: Vec<einvoice_rules::xpath::Seq<'a>>,
    ) -> Option<einvoice_rules::xpath::XResult<einvoice_rules::xpath::Seq<'a>>> {
        None
    }
    fn current(&self) -> Option<XNode<'a>> {
        None
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: xpath_eval FILE EXPR [PATTERN]");
        return;
    }
    let Ok(text) = std::fs::read_to_string(&args[1]) else { return };
    let Ok(doc) = roxmltree::Document::parse(&text) else { return };
    let e = match parse(&args[2], &Ns) {
        Ok(e) => e,
        Err(err) => {
            eprintln!("parse error: {err}");
            return;
        }
    };
    println!("{e:?}");
    let env = NoEnv;
    let mut ev = Eval::new(&env);
    let root = XNode::new(doc.root());
    println!("{:?}", ev.eval(&e, &Focus::node(root)));
    if let Some(p) = args.get(3) {
        let Ok(pat) = parse(p, &Ns) else { return };
        for n in doc.descendants().filter(|n| n.is_element()) {
            let x = XNode::new(n);
            if let Ok(true) = matches_pattern(&mut ev, &pat, x) {
                println!("pattern matches {}", n.tag_name().name());
            }
        }
    }
}
