//! The received-e-invoice routes in the OpenAPI document (SPEC 13.1): `POST
//! /v1/einvoices/validate` and `POST /v1/einvoices/render`, with the report's schema.

use super::{ok, operation, schema_ref};
use serde_json::{Value, json};

/// The schemas the received-e-invoice routes use.
pub(super) fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "EinvoiceFinding",
            json!({ "type": "object", "required": ["rule", "severity", "location", "message"], "properties": {
                "rule": { "type": "string", "description": "The official rule id (BR-CO-15, BR-DE-1, PEPPOL-EN16931-R001), `XSD` for a schema error, or an input finding: XML-NOT-WELL-FORMED, XML-ENCODING, XML-DTD-REFUSED, XML-TOO-DEEP, FILE-TOO-LARGE, UNKNOWN-ROOT, PDF-UNREADABLE, PDF-NO-INVOICE, PDF-ATTACHMENT, and the warning PDF-DAMAGED (a broken PDF whose invoice a raw scan recovered)." },
                "severity": { "enum": ["fatal", "warning", "information"], "description": "Only `fatal` makes the file invalid." },
                "location": { "type": "string", "description": "An XPath to the context node for rules; `line N, column M` for input and schema errors." },
                "message": { "type": "string", "description": "The official rule text, or the error in words." },
            } }),
        ),
        (
            "EinvoiceReport",
            json!({ "type": "object", "required": ["file", "syntax", "profile", "valid", "findings"],
                    "description": "The verdict on one received e-invoice, as `invoice einvoice validate --format json` gives it per file.",
                    "properties": {
                "file": { "type": "string", "description": "`-` for a request body." },
                "syntax": { "enum": ["UBL-Invoice", "UBL-CreditNote", "CII", null], "description": "null when the body is not well-formed XML or its root is neither UBL nor CII." },
                "profile": { "enum": ["en16931", "xrechnung", null], "description": "The rules that judged it (null when parsing stopped first)." },
                "valid": { "type": "boolean", "description": "No fatal finding." },
                "findings": { "type": "array", "items": schema_ref("EinvoiceFinding") },
                "embedded": { "type": "string", "description": "For a PDF: the name its invoice is embedded under (factur-x.xml, zugferd-invoice.xml, xrechnung.xml)." },
            } }),
        ),
    ]
}

/// An XML or PDF request body.
fn einvoice_body() -> Value {
    let xml = json!({ "schema": { "type": "string", "description": "UBL 2.1 Invoice or CreditNote, or UN/CEFACT CII D16B, in UTF-8." } });
    json!({ "required": true, "content": {
        "application/xml": xml, "text/xml": xml,
        "application/pdf": { "schema": { "type": "string", "contentMediaType": "application/pdf",
                                         "description": "A Factur-X / ZUGFeRD PDF embedding factur-x.xml, zugferd-invoice.xml or xrechnung.xml." } },
    } })
}

/// The received-e-invoice routes, added to the paths.
pub(super) fn with_paths(mut paths: Value) -> Value {
    let body_errors: [(&str, &str); 3] =
        [("408", "RequestTimeout"), ("413", "PayloadTooLarge"), ("415", "UnsupportedMediaType")];
    let render_errors: [(&str, &str); 4] = [
        ("408", "RequestTimeout"),
        ("413", "PayloadTooLarge"),
        ("415", "UnsupportedMediaType"),
        ("422", "Unprocessable"),
    ];
    let added = json!({
        "/v1/einvoices/validate": { "post": operation("validateEinvoice", "Validate a received e-invoice with the official EN 16931 and XRechnung rules", Some("read"),
            ("200", ok("The verdict; `valid` false is still 200 (the request succeeded).", "application/json", schema_ref("EinvoiceReport"), &[])),
            &body_errors,
            json!({ "requestBody": einvoice_body(), "parameters": [
                { "name": "profile", "in": "query", "schema": { "enum": ["auto", "en16931", "xrechnung"], "default": "auto" },
                  "description": "auto: the rules the document declares in BT-24 (XRechnung → CEN + KoSIT, else CEN)." } ] })) },
        "/v1/einvoices/render": { "post": operation("renderEinvoice", "Show a received e-invoice for a person or a program", Some("read"),
            ("200", json!({ "description": "The document, with the validation verdict on top.", "content": {
                "text/html": { "schema": { "type": "string" } },
                "application/pdf": { "schema": { "type": "string", "contentMediaType": "application/pdf" } },
                "text/plain": { "schema": { "type": "string" } },
                "application/json": { "schema": schema_ref("Invoice") } } })),
            &render_errors,
            json!({ "requestBody": einvoice_body(), "parameters": [
                { "name": "format", "in": "query", "required": true, "schema": { "enum": ["html", "pdf", "json", "text"] },
                  "description": "json is the product's own invoice model (as GET /v1/invoices/{number} gives a stored one)." },
                { "name": "lang", "in": "query", "schema": { "enum": ["en", "de", "fr"] },
                  "description": "Print in this language instead of the document's own." } ] })) },
    });
    if let (Value::Object(paths), Value::Object(added)) = (&mut paths, added) {
        paths.extend(added);
    }
    paths
}
