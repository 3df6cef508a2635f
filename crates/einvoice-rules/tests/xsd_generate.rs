//! `src/xsd/generated.rs` is the compiled form of `artefacts/xsd/`: this test compiles the
//! shipped schemas again and fails when the checked-in tables differ. `XSD_REGENERATE=1`
//! rewrites the file instead. A second test reads the static tables back (through their
//! string handles and spans) and compares them with the compiler's output.

use einvoice_rules::Syntax;
use einvoice_rules::xsd::compile::{self, Schema, compile, emit};
use einvoice_rules::xsd::{self, model};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn schema_set(dir: &str, roots: &[&str]) -> Schema {
    let base = format!("{ROOT}/artefacts/xsd/{dir}");
    let load = move |path: &str| std::fs::read_to_string(format!("{base}/{path}")).map_err(|e| format!("{path}: {e}"));
    match compile(roots, &load) {
        Ok(schema) => schema,
        Err(e) => panic!("compiling {dir}: {e}"),
    }
}

#[test]
#[allow(clippy::disallowed_methods)] // the test's own knob, not product configuration
fn generated_tables_match_the_shipped_schemas() {
    let ubl = schema_set("ubl-2.1", &["maindoc/UBL-Invoice-2.1.xsd", "maindoc/UBL-CreditNote-2.1.xsd"]);
    let cii = schema_set("cii-d16b", &["CrossIndustryInvoice_100pD16B.xsd"]);
    assert!(ubl.elements.iter().any(|e| e.name == "Invoice") && ubl.elements.iter().any(|e| e.name == "CreditNote"));
    assert!(cii.elements.iter().any(|e| e.name == "CrossIndustryInvoice"));
    let text = emit(&[("UBL", &ubl), ("CII", &cii)]);
    let path = format!("{ROOT}/src/xsd/generated.rs");
    if std::env::var_os("XSD_REGENERATE").is_some() {
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("writing {path}: {e}"));
        println!("wrote {path}: {} bytes", text.len());
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == text,
        "{path} is stale: run `XSD_REGENERATE=1 cargo test -p einvoice-rules --test xsd_generate` and commit it"
    );
}

/// The static tables as the compiler's owned model: every `Str` resolved, every `Span` followed.
fn read_back(s: &model::Schema) -> Schema {
    fn ty(t: model::Type) -> compile::Type {
        match t {
            model::Type::Any => compile::Type::Any,
            model::Type::Simple(i) => compile::Type::Simple(usize::from(i)),
            model::Type::Complex(i) => compile::Type::Complex(usize::from(i)),
        }
    }
    fn element(e: &model::Element) -> compile::Element {
        compile::Element {
            ns: e.ns.as_str().to_owned(),
            name: e.name.as_str().to_owned(),
            ty: ty(e.ty),
            type_name: e.type_name.map(|(ns, n)| (ns.as_str().to_owned(), n.as_str().to_owned())),
            nillable: e.nillable,
        }
    }
    fn wildcard(w: &model::Wildcard) -> compile::Wildcard {
        let namespaces = match w.namespaces {
            model::Namespaces::Any => compile::OwnedNamespaces::Any,
            model::Namespaces::Other(t) => compile::OwnedNamespaces::Other(t.as_str().to_owned()),
            model::Namespaces::List(l) => {
                compile::OwnedNamespaces::List(l.iter().map(|n| n.as_str().to_owned()).collect())
            }
        };
        compile::Wildcard { namespaces, process: w.process }
    }
    fn particle(s: &model::Schema, p: &model::Particle) -> compile::Particle {
        let items = |span: model::Span| {
            let items = s.particles(span);
            assert_eq!(items.len(), span.len as usize, "a span past the end of the particles: {span:?}");
            items.iter().map(|i| particle(s, i)).collect()
        };
        let term = match &p.term {
            model::Term::Element(e) => compile::Term::Element(element(e)),
            model::Term::Any(w) => compile::Term::Any(wildcard(w)),
            model::Term::Sequence(span) => compile::Term::Sequence(items(*span)),
            model::Term::Choice(span) => compile::Term::Choice(items(*span)),
        };
        compile::Particle { min: p.min, max: p.max, term }
    }
    let complex = |t: &model::ComplexType| {
        let attributes = s.attributes(t.attributes);
        assert_eq!(attributes.len(), t.attributes.len as usize, "a span past the end of the attributes");
        compile::ComplexType {
            content: match &t.content {
                model::Content::Empty => compile::Content::Empty,
                model::Content::Simple(i) => compile::Content::Simple(usize::from(*i)),
                model::Content::Elements { mixed, particle: p } => {
                    compile::Content::Elements { mixed: *mixed, particle: particle(s, p) }
                }
            },
            attributes: attributes
                .iter()
                .map(|a| compile::Attribute {
                    ns: a.ns.as_str().to_owned(),
                    name: a.name.as_str().to_owned(),
                    ty: usize::from(a.ty),
                    required: a.required,
                    fixed: a.fixed.map(|f| f.as_str().to_owned()),
                })
                .collect(),
            any_attribute: t.any_attribute.as_ref().map(wildcard),
        }
    };
    let simple = |t: &model::SimpleType| compile::SimpleType {
        builtin: t.builtin,
        enumeration: t.enumeration.iter().map(|v| v.as_str().to_owned()).collect(),
        length: t.length,
        min_length: t.min_length,
        max_length: t.max_length,
    };
    Schema {
        elements: s.elements.iter().map(element).collect(),
        complex: s.complex.iter().map(complex).collect(),
        simple: s.simple.iter().map(simple).collect(),
    }
}

#[test]
fn the_static_tables_read_back_as_the_compiled_schemas() {
    let ubl = schema_set("ubl-2.1", &["maindoc/UBL-Invoice-2.1.xsd", "maindoc/UBL-CreditNote-2.1.xsd"]);
    let cii = schema_set("cii-d16b", &["CrossIndustryInvoice_100pD16B.xsd"]);
    for (label, compiled, syntax) in [("UBL", ubl, Syntax::UblInvoice), ("CII", cii, Syntax::Cii)] {
        let back = read_back(xsd::schema(syntax));
        assert_eq!(back.elements.len(), compiled.elements.len(), "{label}: global elements");
        assert!(back.elements == compiled.elements, "{label}: the global elements differ");
        assert!(back.complex == compiled.complex, "{label}: the complex types differ");
        assert!(back.simple == compiled.simple, "{label}: the simple types differ");
    }
}
