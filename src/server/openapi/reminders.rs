//! The reminder routes in the OpenAPI document (SPEC 12.5): `POST /v1/reminders/run` and
//! `GET /v1/invoices/{number}/reminders`, with their schemas.

use super::{json_body, ok, operation, schema_ref};
use serde_json::{Value, json};

/// The schemas the reminder routes use.
pub(super) fn schemas() -> Vec<(&'static str, Value)> {
    let amount = json!({ "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" });
    let date = json!({ "type": "string", "format": "date" });
    let reminder_properties = json!({
        "invoice": { "type": "string" },
        "level": { "type": "integer", "minimum": 1 },
        "date": date, "fee": amount, "interest": amount,
        "balance": { "description": "The invoice's outstanding balance on the reminder's date.", "type": "string" },
        "pay_by": date, "currency": { "type": "string" },
        "actor": { "type": "string" }, "created_at": { "type": "string" },
    });
    let mut issued = reminder_properties.clone();
    if let (Value::Object(map), Value::Object(extra)) = (
        &mut issued,
        json!({
            "title": { "type": "string" }, "buyer": { "type": "string" },
            "invoice_date": date, "due_date": date,
            "due": amount, "paid": amount, "credited": amount, "earlier_fees": amount,
            "amount_asked": { "description": "Balance + every reminder fee so far + interest.", "type": "string" },
            "outcome": { "enum": ["issued", "would_issue"] },
        }),
    ) {
        map.extend(extra);
    }
    let base = ["invoice", "level", "date", "fee", "interest", "balance", "pay_by", "currency", "actor", "created_at"];
    let mut issued_required: Vec<&str> = base.to_vec();
    issued_required.extend(["title", "amount_asked", "outcome"]);
    vec![
        (
            "Reminder",
            json!({ "type": "object", "description": "A stored reminder (SPEC 12.5).",
                    "required": base, "properties": reminder_properties }),
        ),
        (
            "ReminderIssued",
            json!({ "type": "object", "description": "A reminder issued by a run, or due on a dry run, with what its document asks for.",
                    "required": issued_required, "properties": issued }),
        ),
        (
            "ReminderRunRequest",
            json!({ "type": "object", "additionalProperties": false, "properties": {
                "as_of": { "type": ["string", "null"], "format": "date", "description": "The day of the run (default today)." },
                "dry_run": { "type": "boolean", "default": false, "description": "Say what would be issued; store nothing." },
            } }),
        ),
        (
            "ReminderRun",
            json!({ "type": "object", "required": ["as_of", "dry_run", "reminders", "skipped"], "properties": {
                "as_of": date, "dry_run": { "type": "boolean" },
                "reminders": { "type": "array", "items": schema_ref("ReminderIssued") },
                "skipped": { "type": "array", "description": "Overdue invoices reminded of nothing, and why (a level issued already, the next level not reached).",
                             "items": { "type": "object", "required": ["invoice", "reason"],
                                        "properties": { "invoice": { "type": "string" }, "reason": { "type": "string" } } } },
            } }),
        ),
        (
            "InvoiceReminders",
            json!({ "type": "object", "required": ["invoice", "reminders"], "properties": {
                "invoice": { "type": "string" },
                "reminders": { "type": "array", "items": schema_ref("Reminder") },
            } }),
        ),
    ]
}

/// The reminder routes, added to the paths.
pub(super) fn with_paths(mut paths: Value) -> Value {
    let body_errors: [(&str, &str); 4] = [
        ("408", "RequestTimeout"),
        ("413", "PayloadTooLarge"),
        ("415", "UnsupportedMediaType"),
        ("422", "Unprocessable"),
    ];
    let added = json!({
        "/v1/reminders/run": { "post": operation("runReminders", "Issue the payment reminders that are due", Some("admin"),
            ("200", ok("What was issued (or, on a dry run, would be), and the overdue invoices reminded of nothing.",
                       "application/json", schema_ref("ReminderRun"), &[])), &body_errors,
            json!({ "requestBody": json_body(schema_ref("ReminderRunRequest"), false) })) },
        "/v1/invoices/{number}/reminders": { "get": operation("invoiceReminders", "The reminders issued for an invoice", Some("read"),
            ("200", ok("Its reminders by level.", "application/json", schema_ref("InvoiceReminders"), &[])), &[],
            json!({ "parameters": [{ "$ref": "#/components/parameters/Number" }] })) },
    });
    if let (Value::Object(paths), Value::Object(added)) = (&mut paths, added) {
        paths.extend(added);
    }
    paths
}
