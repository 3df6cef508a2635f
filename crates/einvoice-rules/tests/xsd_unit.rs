//! The schema layer on small handcrafted documents: a minimal valid UBL invoice and CII
//! invoice pass, and each kind of schema error is reported once, with its line and words
//! that name the element and what was expected. (Runs without the official checker; the
//! `xsd_examples` and `xsd_mutations` tests compare with it.)

use einvoice_rules::{Finding, Severity, Syntax, input, xsd};

fn minimal(name: &str) -> String {
    let path = format!("{}/tests/xsd_data/minimal-{name}.xml", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn findings(text: &str) -> Vec<Finding> {
    let doc = match input::parse(text) {
        Ok(doc) => doc,
        Err(f) => panic!("not parsed: {}", f.message),
    };
    let root = doc.root_element();
    let syntax = Syntax::of_root(root.tag_name().namespace(), root.tag_name().name()).unwrap_or(Syntax::UblInvoice);
    xsd::validate(&doc, syntax)
}

/// Exactly one finding, at `line`, whose message holds every fragment.
fn one_error(text: &str, line: u32, fragments: &[&str]) {
    let found = findings(text);
    assert_eq!(found.len(), 1, "expected one finding, got {found:#?}");
    let f = &found[0];
    assert_eq!((f.rule.as_str(), f.severity), ("XSD", Severity::Fatal));
    assert_eq!(f.location, format!("line {line}"), "{f:?}");
    for fragment in fragments {
        assert!(f.message.contains(fragment), "{:?} lacks {fragment:?}", f.message);
    }
}

fn replaced(name: &str, from: &str, to: &str) -> String {
    let text = minimal(name);
    assert!(text.contains(from), "{from:?} is not in minimal-{name}.xml");
    text.replacen(from, to, 1)
}

#[test]
fn minimal_documents_are_valid() {
    assert_eq!(findings(&minimal("ubl")), Vec::new());
    assert_eq!(findings(&minimal("cii")), Vec::new());
    // Comments, processing instructions and CDATA change nothing.
    let text = replaced("ubl", "<cbc:ID>1</cbc:ID>", "<!-- c --><?pi x?><cbc:ID><![CDATA[1]]></cbc:ID>");
    assert_eq!(findings(&text), Vec::new());
}

#[test]
fn a_missing_required_element() {
    one_error(
        &replaced("ubl", "<cbc:IssueDate>2024-01-31</cbc:IssueDate>", ""),
        5,
        &["cac:AccountingSupplierParty", "not expected", "cbc:IssueDate"],
    );
    // Missing at the end: the parent is incomplete.
    one_error(&replaced("ubl", "<cac:Item/>", ""), 10, &["cac:InvoiceLine", "incomplete", "cac:Item"]);
}

#[test]
fn elements_out_of_order() {
    one_error(
        &replaced(
            "ubl",
            "<cbc:ID>1</cbc:ID>\n  <cbc:IssueDate>2024-01-31</cbc:IssueDate>",
            "<cbc:IssueDate>2024-01-31</cbc:IssueDate>\n  <cbc:ID>1</cbc:ID>",
        ),
        3,
        &["cbc:IssueDate", "not expected", "cbc:ID"],
    );
}

#[test]
fn the_expected_list_names_the_optional_elements_up_to_the_next_required_one() {
    one_error(
        &replaced("cii", "<ram:ID>1</ram:ID>", "<ram:ID>1</ram:ID><ram:Foo/>"),
        7,
        &[
            "ram:Foo is not expected in rsm:ExchangedDocument: expected one of ram:Name, ram:TypeCode, ram:IssueDateTime",
        ],
    );
}

#[test]
fn an_element_too_often() {
    one_error(
        &replaced("ubl", "<cbc:ID>1</cbc:ID>", "<cbc:ID>1</cbc:ID><cbc:ID>2</cbc:ID>"),
        3,
        &["cbc:ID", "not expected"],
    );
}

#[test]
fn bad_values() {
    one_error(&replaced("ubl", "2024-01-31", "2024-13-45"), 4, &["cbc:IssueDate", "\"2024-13-45\"", "xs:date"]);
    one_error(&replaced("ubl", "2024-01-31", " 2024-01-31"), 4, &["xs:date"]);
    one_error(&replaced("ubl", ">12.50<", ">12,50<"), 8, &["cbc:PayableAmount", "\"12,50\"", "xs:decimal"]);
    one_error(
        &replaced("cii", "<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>380<ram:X/></ram:TypeCode>"),
        8,
        &["ram:TypeCode", "text only"],
    );
}

#[test]
fn unknown_elements_and_attributes() {
    one_error(&replaced("ubl", "<cac:Item/>", "<cac:Item/><cbc:Foo>1</cbc:Foo>"), 13, &["cbc:Foo", "not expected"]);
    one_error(
        &replaced("ubl", "<cbc:ID>1</cbc:ID>", "<cbc:ID foo=\"1\">1</cbc:ID>"),
        3,
        &["cbc:ID", "attribute foo is not allowed"],
    );
    one_error(
        &replaced("ubl", " currencyID=\"EUR\">12.50</cbc:PayableAmount>", ">12.50</cbc:PayableAmount>"),
        8,
        &["cbc:PayableAmount", "required attribute currencyID"],
    );
}

#[test]
fn text_in_element_only_content() {
    one_error(
        &replaced("ubl", "<cac:InvoiceLine>", "<cac:InvoiceLine>oops"),
        10,
        &["cac:InvoiceLine", "child elements only"],
    );
    // Whitespace is fine.
    assert_eq!(findings(&replaced("ubl", "<cac:InvoiceLine>", "<cac:InvoiceLine>\n\t ")), Vec::new());
}

#[test]
fn wrong_namespace() {
    one_error(
        &replaced("ubl", "<cbc:ID>1</cbc:ID>", "<cbc:ID xmlns:cbc=\"urn:example:wrong\">1</cbc:ID>"),
        3,
        &["{urn:example:wrong}ID", "not expected", "cbc:ID"],
    );
}

#[test]
fn fixed_attribute_values_and_order_in_cii() {
    let code = "<ram:InvoiceCurrencyCode>";
    one_error(
        &replaced("cii", code, "<ram:InvoiceCurrencyCode listAgencyID=\"6\">"),
        15,
        &["listAgencyID", "must be \"5\""],
    );
    // The fixed value is compared after the type's whitespace collapsing.
    assert_eq!(findings(&replaced("cii", code, "<ram:InvoiceCurrencyCode listAgencyID=\" 5 \">")), Vec::new());
    one_error(
        &replaced(
            "cii",
            "<ram:ID>1</ram:ID>\n    <ram:TypeCode>380</ram:TypeCode>",
            "<ram:TypeCode>380</ram:TypeCode>\n    <ram:ID>1</ram:ID>",
        ),
        7,
        &["ram:TypeCode", "not expected", "ram:ID"],
    );
}

#[test]
fn lax_extension_content_is_checked_only_where_declared() {
    let ext = "<ext:UBLExtensions xmlns:ext=\"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2\"><ext:UBLExtension><ext:ExtensionContent>";
    let end = "</ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>";
    let unknown = replaced(
        "ubl",
        "<cbc:ID>1</cbc:ID>",
        &format!("{ext}<x:Any xmlns:x=\"urn:x\" a=\"1\"><x:B/></x:Any>{end}<cbc:ID>1</cbc:ID>"),
    );
    assert_eq!(findings(&unknown), Vec::new());
    let declared = replaced(
        "ubl",
        "<cbc:ID>1</cbc:ID>",
        &format!("{ext}<x:Any xmlns:x=\"urn:x\"><cbc:IssueDate>x</cbc:IssueDate></x:Any>{end}<cbc:ID>1</cbc:ID>"),
    );
    one_error(&declared, 3, &["cbc:IssueDate", "xs:date"]);
}

#[test]
fn xsi_type_must_name_the_declared_type_and_xsi_nil_needs_nillable() {
    let xsi = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
    let id = |attrs: &str| replaced("ubl", "<cbc:ID>1</cbc:ID>", &format!("<cbc:ID {xsi} {attrs}>1</cbc:ID>"));
    assert_eq!(findings(&id("xsi:type=\"cbc:IDType\"")), Vec::new());
    assert_eq!(findings(&id("xsi:schemaLocation=\"a b\"")), Vec::new());
    one_error(
        &id("xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\""),
        3,
        &["xsi:type", "cbc:IDType"],
    );
    one_error(&id("xsi:type=\"cbc:NoSuchType\""), 3, &["xsi:type"]);
    one_error(&id("xsi:nil=\"false\""), 3, &["not nillable"]);
    one_error(&id("xsi:foo=\"1\""), 3, &["attribute {http://www.w3.org/2001/XMLSchema-instance}foo is not allowed"]);
}

#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    let ext = "<ext:UBLExtensions xmlns:ext=\"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2\"><ext:UBLExtension><ext:ExtensionContent>";
    let end = "</ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>";
    let deep = |levels: usize| format!("{}{}", "<x:a xmlns:x=\"urn:x\">".repeat(levels), "</x:a>".repeat(levels));
    let shallow = replaced("ubl", "<cbc:ID>1</cbc:ID>", &format!("{ext}{}{end}<cbc:ID>1</cbc:ID>", deep(100)));
    assert_eq!(findings(&shallow), Vec::new());
    let text =
        replaced("ubl", "<cbc:ID>1</cbc:ID>", &format!("{ext}{}{end}<cbc:ID>1</cbc:ID>", deep(xsd::MAX_DEPTH + 10)));
    if let Ok(doc) = input::parse(&text) {
        let found = xsd::validate(&doc, Syntax::UblInvoice);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("nested deeper"), "{:?}", found[0].message);
    }
}
