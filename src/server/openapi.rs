//! The OpenAPI 3.1 document served at `GET /openapi.json`.
//!
//! The draft's schema is not written here: it is [`draft_schema`], the same schema
//! `invoice schema` prints, with its `$defs` moved under `components/schemas`. Limits
//! in the text (body size, rate limit) are the running daemon's.

use super::settings::Settings;
use crate::invoice::model::draft_schema;
use serde_json::{Value, json};

/// The document for a daemon running with `settings`.
pub(crate) fn document(settings: &Settings) -> Value {
    let mut schemas = serde_json::Map::new();
    let mut draft = serde_json::to_value(draft_schema()).unwrap_or_else(|_| json!({ "type": "object" }));
    if let Some(root) = draft.as_object_mut() {
        root.remove("$schema");
        if let Some(Value::Object(defs)) = root.remove("$defs") {
            for (name, mut schema) in defs {
                rewrite_refs(&mut schema);
                schemas.insert(name, schema);
            }
        }
    }
    rewrite_refs(&mut draft);
    schemas.insert("Draft".into(), draft);
    for (name, schema) in own_schemas() {
        schemas.insert(name.into(), schema);
    }
    schemas.insert("Customer".into(), customer_schema());
    for (name, schema) in reminders::schemas().into_iter().chain(received::schemas()) {
        schemas.insert(name.into(), schema);
    }

    let max_body = settings.max_body;
    let rate = settings.rate_limit.get();
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Invoice Generator Pro daemon",
            "version": env!("CARGO_PKG_VERSION"),
            "description": format!(
                "`invoice serve`: issue, validate, read and render invoices over HTTP. Every route except \
                 /health and /openapi.json needs an API key (`x-api-key: KEY` or `Authorization: Bearer KEY`), \
                 checked before routing. Every error is an RFC 9457 problem (`application/problem+json`) whose \
                 `type` is `urn:invoice:problem:<slug>`. Limits of this daemon: bodies up to {max_body} bytes, \
                 {rate} requests per minute per client address, request heads up to 16 KiB. Invoice numbers in \
                 paths are one percent-encoded segment (`/` as `%2F`)."
            ),
        },
        "servers": [{ "url": "/" }],
        "security": [{ "apiKey": [] }, { "bearer": [] }],
        "tags": [{ "name": "invoices" }, { "name": "service" }],
        "paths": received::with_paths(reminders::with_paths(with_customer_paths(paths()))),
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "apiKey": { "type": "apiKey", "in": "header", "name": "x-api-key",
                            "description": "An `invk_…` key from `invoice keys create`, or the static key." },
                "bearer": { "type": "http", "scheme": "bearer", "description": "The same key as a bearer token." },
            },
            "parameters": {
                "Number": { "name": "number", "in": "path", "required": true,
                            "description": "Invoice number, percent-encoded as one path segment.",
                            "schema": { "type": "string", "minLength": 1 } },
                "IdempotencyKey": { "name": "Idempotency-Key", "in": "header", "required": false,
                                    "description": "Retrying with the same key and body within 24 hours returns the \
                                                    first response (`Idempotent-Replayed: true`) and issues nothing; \
                                                    the same key with another body is 409. Scoped to the API key.",
                                    "schema": { "type": "string", "pattern": "^[ -~]*[!-~][ -~]*$", "maxLength": 200 } },
                "RequestId": { "name": "X-Request-Id", "in": "header", "required": false,
                               "description": "Any value is accepted: it is echoed when it is 1–64 characters of \
                                               A-Za-z0-9._-, and replaced by a generated id otherwise.",
                               "schema": { "type": "string" } },
            },
            "headers": headers(),
            "responses": responses(),
        },
    })
}

/// Points `#/$defs/X` references at `#/components/schemas/X`.
mod received;
mod reminders;

fn rewrite_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "$ref"
                    && let Value::String(target) = child
                    && let Some(name) = target.strip_prefix("#/$defs/")
                {
                    *target = format!("#/components/schemas/{name}");
                } else {
                    rewrite_refs(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn response_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/responses/{name}") })
}

fn own_schemas() -> Vec<(&'static str, Value)> {
    let amount = json!({ "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
                         "description": "An exact amount with the currency's minor units, as a string." });
    let decimal = json!({ "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" });
    let date = json!({ "type": "string", "format": "date" });
    // A reason is checked like every text field (SPEC 7): not blank, at most 100
    // characters, no control, bidi-override or zero-width characters, no markup.
    let reason = json!({
        "type": "string", "minLength": 1, "maxLength": 100,
        "pattern": "^(?![\\s\\S]*(<[A-Za-z/!?]|[Jj][Aa][Vv][Aa][Ss][Cc][Rr][Ii][Pp][Tt]:|[Vv][Bb][Ss][Cc][Rr][Ii][Pp][Tt]:))[^\\u0000-\\u001f\\u007f-\\u009f\\u180e\\u200b\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff]*[^\\s\\u0000-\\u001f\\u007f-\\u009f\\u180e\\u200b\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff][^\\u0000-\\u001f\\u007f-\\u009f\\u180e\\u200b\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff]*$",
    });
    vec![
        (
            "Health",
            json!({
                "type": "object", "required": ["status", "version"],
                "properties": { "status": { "const": "ok" }, "version": { "type": "string" } },
            }),
        ),
        (
            "ProblemEntry",
            json!({
                "type": "object", "required": ["path", "code", "message"],
                "properties": {
                    "path": { "type": "string", "description": "JSON Pointer into the body (query parameters: `/name`); \"\" for the whole request." },
                    "code": { "type": "string", "description": "Stable snake_case code (the validation codes of SPEC 2.2, or duplicate_parameter, unknown_parameter, invalid_value, out_of_range, required, illegal_transition, idempotency_key_reused, markup_removed and suspicious_value for warnings)." },
                    "message": { "type": "string" },
                },
            }),
        ),
        (
            "Problem",
            json!({
                "type": "object", "required": ["type", "title", "status", "detail", "errors", "request_id"],
                "description": "RFC 9457 problem details.",
                "properties": {
                    "type": { "type": "string", "description": "urn:invoice:problem: followed by one of: bad-request, malformed-json, invalid-query, unauthorized, forbidden, cors-origin-not-allowed, not-found, method-not-allowed, request-timeout, idempotency-key-reused, illegal-transition, conflict, payload-too-large, unsupported-media-type, validation-failed, cannot-render, rate-limited, header-fields-too-large, internal-error, unavailable." },
                    "title": { "type": "string" },
                    "status": { "type": "integer" },
                    "detail": { "type": "string" },
                    "errors": { "type": "array", "items": schema_ref("ProblemEntry") },
                    "request_id": { "type": "string" },
                },
            }),
        ),
        (
            "TaxSubtotal",
            json!({
                "type": "object", "required": ["category", "rate", "base", "amount"],
                "properties": {
                    "category": schema_ref("TaxCategory"), "rate": decimal, "base": amount, "amount": amount,
                    "exemption_reason": { "type": "string" },
                },
            }),
        ),
        (
            "Totals",
            json!({
                "type": "object",
                "required": ["lines_net", "allowances", "charges", "net", "tax", "tax_total", "gross", "prepaid", "due"],
                "properties": {
                    "lines_net": amount, "allowances": amount, "charges": amount, "net": amount,
                    "tax": { "type": "array", "items": schema_ref("TaxSubtotal") },
                    "tax_total": amount, "gross": amount, "prepaid": amount, "due": amount,
                },
            }),
        ),
        (
            "InvoiceLine",
            json!({
                "type": "object",
                "required": ["description", "quantity", "unit", "unit_price", "tax_rate", "tax_category", "net"],
                "properties": {
                    "description": { "type": "string" }, "quantity": decimal, "unit": { "type": "string" },
                    "unit_price": decimal, "tax_rate": decimal, "tax_category": schema_ref("TaxCategory"),
                    "tax_exemption_reason": { "type": "string" }, "discount_percent": decimal, "net": amount,
                },
            }),
        ),
        (
            "InvoiceAdjustment",
            json!({
                "type": "object", "required": ["reason", "amount", "tax_rate", "tax_category"],
                "properties": {
                    "reason": { "type": "string" }, "amount": amount, "tax_rate": decimal,
                    "tax_category": schema_ref("TaxCategory"), "tax_exemption_reason": { "type": "string" },
                },
            }),
        ),
        (
            "Invoice",
            json!({
                "type": "object",
                "description": "An issued invoice or credit note: the normalized draft plus number, status and totals.",
                "required": ["number", "status", "created_at", "type", "series", "issue_date", "due_date", "currency",
                             "seller", "buyer", "lines", "totals"],
                "properties": {
                    "number": { "type": "string" },
                    "status": { "enum": ["issued", "partially_paid", "paid", "void", "credited"] },
                    "created_at": { "type": "string", "format": "date-time" },
                    "type": schema_ref("DocumentType"),
                    "series": { "type": "string" },
                    "issue_date": date, "due_date": date,
                    "currency": { "type": "string" },
                    "seller": schema_ref("Party"), "buyer": schema_ref("Party"),
                    "buyer_reference": { "type": "string" }, "order_reference": { "type": "string" },
                    "preceding_invoice": { "type": "string" },
                    "preceding_invoice_date": { "type": "string", "format": "date",
                                                "description": "A credit note's: the issue date of the invoice it credits (BT-26), from the store." },
                    "delivery_date": date, "delivery_address": schema_ref("Address"), "period": schema_ref("Period"),
                    "lines": { "type": "array", "items": schema_ref("InvoiceLine") },
                    "allowances": { "type": "array", "items": schema_ref("InvoiceAdjustment") },
                    "charges": { "type": "array", "items": schema_ref("InvoiceAdjustment") },
                    "payment": schema_ref("Payment"),
                    "notes": { "type": "string" },
                    "paid_date": date, "void_reason": { "type": "string" }, "credited_by": { "type": "string" },
                    "totals": schema_ref("Totals"),
                    "account": schema_ref("Account"),
                    "warnings": { "type": "array", "items": schema_ref("ProblemEntry"),
                                  "description": "Only in sanitize mode, when markup was removed." },
                },
            }),
        ),
        (
            "Account",
            json!({
                "type": "object",
                "description": "Payments, credit notes and the balance of a stored invoice (SPEC 12.4).",
                "required": ["paid", "credited", "outstanding", "payments", "credits"],
                "properties": {
                    "paid": { "type": "string" }, "credited": { "type": "string" },
                    "outstanding": { "type": "string", "description": "Negative when a refund is due." },
                    "payments": { "type": "array", "items": { "type": "object" } },
                    "credits": { "type": "array", "items": { "type": "object" } }
                }
            }),
        ),
        (
            "InvoiceSummary",
            json!({
                "type": "object",
                "required": ["number", "type", "status", "issue_date", "due_date", "buyer", "customer", "currency", "gross",
                             "due", "paid", "credited", "outstanding", "preceding_invoice"],
                "additionalProperties": false,
                "description": "The same fields as `invoice list --format json`. Amounts are decimal strings with the currency's minor-unit digits; a credit note's `gross` and `due` are negative and it has no due date.",
                "properties": {
                    "number": { "type": "string" },
                    "type": { "type": "string", "enum": ["invoice", "credit_note"] },
                    "status": { "type": "string", "enum": ["issued", "partially_paid", "paid", "void", "credited"] },
                    "issue_date": date, "due_date": { "type": ["string", "null"], "format": "date" },
                    "buyer": { "type": "string" }, "customer": { "type": ["string", "null"] },
                    "currency": { "type": "string" },
                    "gross": { "type": "string" }, "due": { "type": "string", "description": "Gross − prepaid, at issue." },
                    "paid": { "type": "string", "description": "Payments received, net of reversals." },
                    "credited": { "type": "string", "description": "Gross of the credit notes against it." },
                    "outstanding": { "type": "string", "description": "due − paid − credited; negative when a refund is due; 0 when void." },
                    "preceding_invoice": { "type": ["string", "null"] },
                },
            }),
        ),
        (
            "InvoiceList",
            json!({
                "type": "object", "required": ["invoices", "next"],
                "properties": {
                    "invoices": { "type": "array", "items": schema_ref("InvoiceSummary"),
                                  "description": "Summaries; GET /v1/invoices/{number} has the whole invoice." },
                    "next": { "type": ["string", "null"], "description": "Pass as `after` for the next page; null at the end." },
                },
            }),
        ),
        (
            "ValidationResult",
            json!({
                "type": "object", "required": ["valid", "totals", "warnings"],
                "properties": {
                    "valid": { "const": true }, "totals": schema_ref("Totals"),
                    "warnings": { "type": "array", "items": schema_ref("ProblemEntry") },
                },
            }),
        ),
        (
            "VoidRequest",
            json!({
                "type": "object", "required": ["reason"], "additionalProperties": false,
                "properties": { "reason": reason.clone() },
            }),
        ),
        (
            "PayRequest",
            json!({
                "type": "object", "additionalProperties": false,
                "properties": { "date": { "type": "string", "format": "date", "description": "Default: today." } },
            }),
        ),
        (
            "PaymentRequest",
            json!({
                "type": "object", "additionalProperties": false,
                "properties": {
                    "amount": {
                        "oneOf": [
                            { "type": "string", "pattern": POSITIVE_DECIMAL },
                            { "type": "number", "minimum": 0.01, "maximum": 1e12, "multipleOf": 0.01 },
                        ],
                        "description": "In the invoice's currency, > 0, at most its minor-unit digits, at most the outstanding balance. Default: the whole outstanding balance.",
                    },
                    "date": { "type": "string", "format": "date", "description": "The day the money arrived. Default: today; not before the issue date nor after tomorrow." },
                    "method": { "type": "string", "maxLength": 100, "description": "A payment-means word (sepa_credit_transfer, card, cash, ...) or free text." },
                    "reference": { "type": "string", "maxLength": 140, "description": "The bank statement line." },
                },
            }),
        ),
        (
            "Payment",
            json!({
                "type": "object",
                "required": ["id", "invoice", "date", "amount", "currency", "created_at", "actor"],
                "properties": {
                    "id": { "type": "string" }, "invoice": { "type": "string" }, "date": date,
                    "amount": { "type": "string", "description": "Negative for a reversal." },
                    "currency": { "type": "string" },
                    "method": { "type": ["string", "null"] }, "reference": { "type": ["string", "null"] },
                    "reverses": { "type": ["string", "null"] }, "reason": { "type": ["string", "null"] },
                    "created_at": { "type": "string" }, "actor": { "type": "string" },
                    "request_id": { "type": ["string", "null"] },
                },
            }),
        ),
        (
            "PaymentRecorded",
            json!({
                "type": "object", "required": ["payment", "invoice"],
                "properties": {
                    "payment": schema_ref("Payment"),
                    "invoice": {
                        "type": "object", "required": ["number", "status", "currency", "paid", "credited", "outstanding"],
                        "properties": {
                            "number": { "type": "string" },
                            "status": { "enum": ["issued", "partially_paid", "paid", "void", "credited"] },
                            "currency": { "type": "string" },
                            "paid": { "type": ["string", "null"] }, "credited": { "type": ["string", "null"] },
                            "outstanding": { "type": ["string", "null"] },
                        },
                    },
                },
            }),
        ),
        (
            "PaymentList",
            json!({
                "type": "object", "required": ["invoice", "currency", "status", "balance", "payments"],
                "properties": {
                    "invoice": { "type": "string" }, "currency": { "type": "string" },
                    "status": { "enum": ["issued", "partially_paid", "paid", "void", "credited"] },
                    "balance": { "type": ["object", "null"], "description": "null for a credit note.",
                                 "properties": { "paid": { "type": "string" }, "credited": { "type": "string" },
                                                 "outstanding": { "type": "string" } } },
                    "payments": { "type": "array", "items": schema_ref("Payment") },
                },
            }),
        ),
        (
            "CreditRequest",
            json!({
                "type": "object", "additionalProperties": false,
                "description": "Without amount or lines: what is left uncredited (SPEC 12.3). Not both.",
                "not": { "required": ["amount", "lines"] },
                "properties": {
                    "reason": reason,
                    "amount": { "type": "string", "pattern": POSITIVE_DECIMAL,
                                "description": "A gross amount (tax included), spread over the invoice's VAT groups so they sum to it exactly." },
                    "lines": { "type": "array", "minItems": 1, "items": { "type": "integer", "minimum": 1, "maximum": 1000 },
                               "description": "Whole lines to credit, numbered from 1 as printed. Not with amount." },
                },
            }),
        ),
    ]
}

fn headers() -> Value {
    let int = json!({ "type": "integer", "minimum": 0 });
    json!({
        "X-Request-Id": { "description": "The request id (echoed or generated); also in problem bodies and the log.",
                          "schema": { "type": "string" } },
        "RateLimit-Limit": { "description": "Requests allowed per minute for this client.", "schema": int },
        "RateLimit-Remaining": { "description": "Requests left now.", "schema": int },
        "RateLimit-Reset": { "description": "Seconds until the budget is full again.", "schema": int },
        "Retry-After": { "description": "Seconds to wait.", "schema": int },
        "Location": { "description": "The new invoice: /v1/invoices/{number}.", "schema": { "type": "string" } },
        "Idempotent-Replayed": { "description": "`true` when this is the stored answer to an earlier request \
                                                 with the same Idempotency-Key.", "schema": { "const": "true" } },
        "WWW-Authenticate": { "schema": { "type": "string" } },
        "Allow": { "schema": { "type": "string" } },
    })
}

fn header_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/headers/{name}") })
}

fn common_headers() -> Value {
    json!({
        "X-Request-Id": header_ref("X-Request-Id"),
        "RateLimit-Limit": header_ref("RateLimit-Limit"),
        "RateLimit-Remaining": header_ref("RateLimit-Remaining"),
        "RateLimit-Reset": header_ref("RateLimit-Reset"),
    })
}

fn problem_response(description: &str, extra: &[&str]) -> Value {
    let mut headers = common_headers();
    if let Some(map) = headers.as_object_mut() {
        for name in extra {
            map.insert((*name).to_owned(), header_ref(name));
        }
    }
    json!({
        "description": description,
        "headers": headers,
        "content": { "application/problem+json": { "schema": schema_ref("Problem") } },
    })
}

fn responses() -> Value {
    json!({
        "BadRequest": problem_response("Malformed JSON (`malformed_json`), a repeated or unknown query parameter, a bad query value, or a bad header.", &[]),
        "Unauthorized": problem_response("Missing, unknown, revoked or expired API key.", &["WWW-Authenticate"]),
        "Forbidden": problem_response("The key lacks the route's scope.", &[]),
        "NotFound": problem_response("No such route or invoice.", &[]),
        "MethodNotAllowed": problem_response("The route exists with other methods.", &["Allow"]),
        "RequestTimeout": problem_response("The body did not arrive in time.", &[]),
        "Conflict": problem_response("Idempotency key reused with another body, or an illegal status change.", &[]),
        "PayloadTooLarge": problem_response("The body is over the daemon's --max-body.", &[]),
        "UnsupportedMediaType": problem_response("A body that is not application/json.", &[]),
        "Unprocessable": problem_response("Validation failed: every problem with its JSON Pointer and code.", &[]),
        "TooManyRequests": problem_response("Rate limited (requests, or failed authentications).", &["Retry-After"]),
        "HeaderFieldsTooLarge": problem_response("Request line and headers over 16 KiB.", &[]),
        "InternalError": problem_response("Internal error: only the request id is given.", &[]),
        "ServiceUnavailable": problem_response("Too many open connections.", &["Retry-After"]),
    })
}

/// The responses every route may give, plus `extra` (status → response name).
fn standard(protected: bool, extra: &[(&str, &str)]) -> serde_json::Map<String, Value> {
    let mut map = serde_json::Map::new();
    let mut add = |status: &str, name: &str| {
        map.insert(status.to_owned(), response_ref(name));
    };
    add("400", "BadRequest");
    add("404", "NotFound");
    add("405", "MethodNotAllowed");
    add("429", "TooManyRequests");
    add("431", "HeaderFieldsTooLarge");
    add("500", "InternalError");
    add("503", "ServiceUnavailable");
    if protected {
        add("401", "Unauthorized");
        add("403", "Forbidden");
    }
    for (status, name) in extra {
        add(status, name);
    }
    map
}

fn ok(description: &str, content_type: &str, schema: Value, extra_headers: &[&str]) -> Value {
    let mut headers = common_headers();
    if let Some(map) = headers.as_object_mut() {
        for name in extra_headers {
            map.insert((*name).to_owned(), header_ref(name));
        }
    }
    json!({ "description": description, "headers": headers, "content": { content_type: { "schema": schema } } })
}

fn operation(
    id: &str,
    summary: &str,
    scope: Option<&str>,
    success: (&str, Value),
    extra: &[(&str, &str)],
    more: Value,
) -> Value {
    let mut responses = standard(scope.is_some(), extra);
    responses.insert(success.0.to_owned(), success.1);
    let mut op = json!({
        "operationId": id,
        "summary": summary,
        "tags": [if scope.is_some() && id != "metrics" { "invoices" } else { "service" }],
        "parameters": [{ "$ref": "#/components/parameters/RequestId" }],
        "responses": responses,
    });
    if let Some(map) = op.as_object_mut() {
        match scope {
            None => {
                map.insert("security".into(), json!([]));
            }
            Some(scope) => {
                map.insert("description".into(), json!(format!("Needs a key with the `{scope}` scope.")));
                map.insert("x-required-scope".into(), json!(scope));
            }
        }
        if let Value::Object(more) = more {
            for (key, value) in more {
                if key == "parameters"
                    && let (Some(Value::Array(list)), Value::Array(extra)) = (map.get_mut("parameters"), value.clone())
                {
                    list.extend(extra);
                    continue;
                }
                map.insert(key, value);
            }
        }
    }
    op
}

/// Adds the `200` of an idempotent retry (the first payment again) to an operation.
fn with_replay(mut op: Value) -> Value {
    let replay = ok(
        "A retry with the same Idempotency-Key and body: the first payment, nothing recorded.",
        "application/json",
        schema_ref("PaymentRecorded"),
        &["Location", "Idempotent-Replayed"],
    );
    if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
        responses.insert("200".into(), replay);
    }
    op
}

fn json_body(schema: Value, required: bool) -> Value {
    json!({ "required": required, "content": { "application/json": { "schema": schema } } })
}

fn paths() -> Value {
    let number = json!({ "$ref": "#/components/parameters/Number" });
    let body_errors: [(&str, &str); 4] = [
        ("408", "RequestTimeout"),
        ("413", "PayloadTooLarge"),
        ("415", "UnsupportedMediaType"),
        ("422", "Unprocessable"),
    ];
    let with_conflict = |base: &[(&'static str, &'static str)]| {
        let mut v = base.to_vec();
        v.push(("409", "Conflict"));
        v
    };
    json!({
        "/health": { "get": operation("health", "Liveness check", None,
            ("200", ok("Running.", "application/json", schema_ref("Health"), &[])), &[], json!({})) },
        "/openapi.json": { "get": operation("openapi", "This document", None,
            ("200", ok("The OpenAPI 3.1 document.", "application/json", json!({ "type": "object" }), &[])), &[], json!({})) },
        "/metrics": { "get": operation("metrics", "Prometheus metrics", Some("admin"),
            ("200", ok("Requests by route and status, auth failures, rate-limited requests, connections.",
                       "text/plain", json!({ "type": "string" }), &[])), &[], json!({})) },
        "/v1/invoices": {
            "get": operation("listInvoices", "List invoices in creation order", Some("read"),
                ("200", ok("A page of invoices.", "application/json", schema_ref("InvoiceList"), &[])), &[],
                json!({ "parameters": [
                    { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 500, "default": 50 } },
                    { "name": "after", "in": "query", "description": "The `next` value of the previous page.", "schema": { "type": "string", "minLength": 1 } },
                    { "name": "status", "in": "query", "description": "A status, or `overdue`: issued or partially paid with the due date before today.",
                      "schema": { "enum": ["issued", "partially_paid", "paid", "void", "credited", "overdue"] } },
                    { "name": "buyer", "in": "query", "description": "A part of the buyer's name, matched without case for all of Unicode.", "schema": { "type": "string", "minLength": 1 } },
                ] })),
            "post": operation("createInvoice", "Validate, number and store a draft", Some("write"),
                ("201", ok("The issued invoice (stored before this answer).", "application/json", schema_ref("Invoice"),
                           &["Location", "Idempotent-Replayed"])), &with_conflict(&body_errors),
                json!({ "parameters": [{ "$ref": "#/components/parameters/IdempotencyKey" }],
                        "requestBody": json_body(schema_ref("Draft"), true) })),
        },
        "/v1/invoices/validate": { "post": operation("validateDraft", "Validate a draft and compute its totals", Some("read"),
            ("200", ok("The draft is valid.", "application/json", schema_ref("ValidationResult"), &[])), &body_errors,
            json!({ "requestBody": json_body(schema_ref("Draft"), true), "parameters": [
                { "name": "profile", "in": "query", "schema": { "enum": ["en16931", "xrechnung", "peppol"] },
                  "description": "Also check what this e-invoice profile requires: each unmet requirement is an `einvoice_requirement` error (422) naming the business term and the rule." } ] })) },
        "/v1/invoices/{number}": { "get": operation("getInvoice", "Read one invoice", Some("read"),
            ("200", ok("The invoice.", "application/json", schema_ref("Invoice"), &[])), &[],
            json!({ "parameters": [number] })) },
        "/v1/invoices/{number}/render": { "get": operation("renderInvoice", "Render an invoice", Some("read"),
            ("200", json!({ "description": "The document.", "headers": common_headers(), "content": {
                "text/html": { "schema": { "type": "string" } },
                "application/pdf": { "schema": { "type": "string", "contentMediaType": "application/pdf" } },
                "text/plain": { "schema": { "type": "string" } },
                "application/xml": { "schema": { "type": "string", "description": "EN 16931 e-invoice: UBL 2.1 (format=ubl) or UN/CEFACT CII D16B (format=cii)." } },
                "application/json": { "schema": schema_ref("Invoice") } } })),
            &[("422", "Unprocessable")],
            json!({ "parameters": [number,
                { "name": "format", "in": "query", "required": true, "schema": { "enum": ["html", "pdf", "text", "json", "ubl", "cii", "facturx"] },
                  "description": "ubl and cii are EN 16931 XML e-invoices (application/xml); facturx is the PDF as PDF/A-3b with the CII embedded (application/pdf)." },
                { "name": "profile", "in": "query", "schema": { "enum": ["en16931", "xrechnung", "peppol"] },
                  "description": "E-invoice profile for ubl, cii and facturx (default: `[defaults] einvoice_profile`, else en16931). xrechnung: ubl or cii; peppol: ubl only; any other pair is 400. Unmet requirements are 422 `einvoice_requirement`." },
                { "name": "paper", "in": "query", "schema": { "enum": ["a4", "letter"], "default": "a4" } } ] })) },
        "/v1/invoices/{number}/void": { "post": operation("voidInvoice", "Void an issued invoice", Some("write"),
            ("200", ok("The updated invoice.", "application/json", schema_ref("Invoice"), &[])), &with_conflict(&body_errors),
            json!({ "parameters": [number], "requestBody": json_body(schema_ref("VoidRequest"), true) })) },
        "/v1/invoices/{number}/pay": { "post": operation("payInvoice", "Mark an invoice paid", Some("write"),
            ("200", ok("The updated invoice.", "application/json", schema_ref("Invoice"), &[])), &with_conflict(&body_errors),
            json!({ "parameters": [number], "requestBody": json_body(schema_ref("PayRequest"), false) })) },
        "/v1/invoices/{number}/payments": {
            "get": operation("listPayments", "An invoice's payments and reversals with its balance", Some("read"),
                ("200", ok("The payments, oldest first.", "application/json", schema_ref("PaymentList"), &[])), &[],
                json!({ "parameters": [number] })),
            "post": with_replay(operation("recordPayment", "Record a payment (no amount: the whole balance)", Some("write"),
                ("201", ok("The payment and the invoice's balance after it.", "application/json", schema_ref("PaymentRecorded"),
                           &["Location"])), &with_conflict(&body_errors),
                json!({ "parameters": [number, { "$ref": "#/components/parameters/IdempotencyKey" }],
                        "requestBody": json_body(schema_ref("PaymentRequest"), false) }))),
        },
        "/v1/invoices/{number}/credit": { "post": operation("creditInvoice", "Issue a credit note: the rest, an amount or whole lines", Some("write"),
            ("201", ok("The credit note.", "application/json", schema_ref("Invoice"), &["Location"])), &with_conflict(&body_errors),
            json!({ "parameters": [number], "requestBody": json_body(schema_ref("CreditRequest"), false) })) },
    })
}

/// A decimal amount above zero, as a string, within what the amount reader takes: a
/// nonzero integer part of at most 12 digits with at most 6 decimals, or a fraction of at
/// most 6 decimals with a nonzero digit (how many decimals the currency allows is checked
/// against the invoice).
const POSITIVE_DECIMAL: &str = "^(0*[1-9][0-9]{0,11}(\\.[0-9]{1,6})?|0+\\.([1-9][0-9]{0,5}|0[1-9][0-9]{0,4}|00[1-9][0-9]{0,3}|000[1-9][0-9]{0,2}|0000[1-9][0-9]?|00000[1-9]))$";

/// A customer (SPEC 14.1): the draft's buyer fields, its ID and its defaults, flat.
fn customer_schema() -> Value {
    let text = |max: u32| json!({ "type": "string", "maxLength": max });
    json!({
        "type": "object", "additionalProperties": false, "required": ["id", "name"],
        "description": "A customer: the buyer of a draft under a short ID, with invoicing defaults used by drafts that name it (`\"customer\": \"ID\"`). Every field is checked as a draft's buyer field.",
        "properties": {
            "id": { "type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$" },
            "name": text(200), "vat_id": text(100), "tax_id": text(100), "email": text(100), "phone": text(100),
            "contact_name": text(200), "legal_id": text(100),
            "address": schema_ref("Address"),
            "electronic_address": schema_ref("ElectronicAddress"),
            "buyer_reference": text(100),
            "language": { "enum": ["en", "de", "fr"] },
            "currency": { "type": "string", "description": "Active ISO 4217 code." },
            "payment_terms_days": { "type": "integer", "minimum": 0, "maximum": 3650 },
            "einvoice_profile": { "enum": ["en16931", "xrechnung", "peppol"] },
            "archived": { "type": "boolean", "readOnly": true,
                          "description": "Archived customers keep their invoices but cannot be invoiced (`invoice customer archive`)." },
        },
    })
}

/// Adds `/v1/customers` and `/v1/customers/{id}` to the paths.
fn with_customer_paths(mut paths: Value) -> Value {
    let body_errors: [(&str, &str); 5] = [
        ("408", "RequestTimeout"),
        ("413", "PayloadTooLarge"),
        ("415", "UnsupportedMediaType"),
        ("422", "Unprocessable"),
        ("409", "Conflict"),
    ];
    let id = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,63}$" } });
    let list = json!({ "type": "object", "required": ["customers"],
                       "properties": { "customers": { "type": "array", "items": schema_ref("Customer") } } });
    let added = json!({
        "/v1/customers": {
            "get": operation("listCustomers", "List customers by ID", Some("read"),
                ("200", ok("Every customer (archived ones with archived=true).", "application/json", list, &[])), &[],
                json!({ "parameters": [{ "name": "archived", "in": "query", "schema": { "type": "boolean", "default": false } }] })),
            "post": operation("createCustomer", "Add a customer", Some("write"),
                ("201", ok("The customer as stored.", "application/json", schema_ref("Customer"), &["Location"])), &body_errors,
                json!({ "requestBody": json_body(schema_ref("Customer"), true) })),
        },
        "/v1/customers/{id}": {
            "get": operation("getCustomer", "Read one customer", Some("read"),
                ("200", ok("The customer.", "application/json", schema_ref("Customer"), &[])), &[],
                json!({ "parameters": [id.clone()] })),
            "patch": operation("updateCustomer", "Change a customer (JSON merge patch; null removes a field)", Some("write"),
                ("200", ok("The customer as stored; issued invoices keep their own copy of the buyer.", "application/json", schema_ref("Customer"), &[])),
                &body_errors,
                json!({ "parameters": [id], "requestBody": json_body(json!({ "type": "object" }), true) })),
        },
    });
    if let (Value::Object(paths), Value::Object(added)) = (&mut paths, added) {
        paths.extend(added);
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ServerOptions;

    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    if key == "$ref" {
                        out.push(child.as_str().unwrap().to_owned());
                    } else {
                        refs(child, out);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|i| refs(i, out)),
            _ => {}
        }
    }

    #[test]
    fn every_reference_resolves_and_every_route_is_described() {
        let settings =
            crate::server::Settings::resolve(&ServerOptions::default(), &ServerOptions::default(), None).unwrap();
        let doc = document(&settings);
        assert_eq!(doc["openapi"], "3.1.0");
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(found.len() > 20);
        for reference in found {
            let pointer = reference.strip_prefix('#').unwrap();
            assert!(doc.pointer(pointer).is_some(), "unresolved {reference}");
        }
        for (path, method) in [
            ("/health", "get"),
            ("/openapi.json", "get"),
            ("/metrics", "get"),
            ("/v1/invoices", "get"),
            ("/v1/invoices", "post"),
            ("/v1/invoices/validate", "post"),
            ("/v1/invoices/{number}", "get"),
            ("/v1/invoices/{number}/render", "get"),
            ("/v1/invoices/{number}/void", "post"),
            ("/v1/invoices/{number}/pay", "post"),
            ("/v1/invoices/{number}/credit", "post"),
            ("/v1/invoices/{number}/payments", "get"),
            ("/v1/invoices/{number}/payments", "post"),
            ("/v1/customers", "get"),
            ("/v1/customers", "post"),
            ("/v1/customers/{id}", "get"),
            ("/v1/customers/{id}", "patch"),
            ("/v1/reminders/run", "post"),
            ("/v1/invoices/{number}/reminders", "get"),
            ("/v1/einvoices/validate", "post"),
            ("/v1/einvoices/render", "post"),
        ] {
            let op = &doc["paths"][path][method];
            assert!(op.is_object(), "{method} {path}");
            assert!(op["responses"]["500"].is_object(), "{method} {path}");
        }
        assert!(doc["paths"]["/v1/invoices"]["post"]["responses"]["409"].is_object());
        assert!(doc["components"]["schemas"]["Draft"]["properties"]["lines"].is_object());
    }
}
