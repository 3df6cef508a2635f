//! The received-e-invoice routes (SPEC 13.1), the daemon's side of `invoice einvoice`:
//!
//! * `POST /v1/einvoices/validate[?profile=auto|en16931|xrechnung]` with an XML or PDF body →
//!   200 and the JSON report of the one file, `valid` false included (the request
//!   succeeded; the verdict is the answer);
//! * `POST /v1/einvoices/render?format=html|pdf|json[&lang=en|de|fr]` → the document, or 422
//!   with the findings when the body is not an e-invoice that can be shown.
//!
//! (The e-invoices the product writes are [`super::einvoice`]'s.)

use super::handlers::{Call, with_type};
use super::problem::{ApiError, Resp};
use super::request::{Query, read_typed_body};
use crate::invoice::model::Language;
use crate::received::report::{self, Entry};
use crate::received::{Refusal, show};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Request, StatusCode};

/// The body types these routes take.
const ACCEPTED: [&str; 3] = ["application/xml", "text/xml", "application/pdf"];
/// `Accept-Post` of a 415.
const ACCEPT_POST: &str = "application/xml, text/xml, application/pdf";

async fn body(call: &Call<'_>, req: Request<Incoming>) -> Result<Vec<u8>, ApiError> {
    let settings = &call.state.settings;
    let (bytes, _) = read_typed_body(req, settings.max_body, settings.body_timeout, &ACCEPTED, ACCEPT_POST).await?;
    Ok(bytes)
}

/// `POST /v1/einvoices/validate`.
pub(super) async fn validate(call: &Call<'_>, req: Request<Incoming>) -> Result<Resp, ApiError> {
    let query = Query::parse(req.uri().query(), &["profile"])?;
    let profile = match query.get("profile") {
        None | Some("auto") => einvoice_rules::Profile::Auto,
        Some("en16931") => einvoice_rules::Profile::En16931,
        Some("xrechnung") => einvoice_rules::Profile::XRechnung,
        Some(_) => {
            return Err(ApiError::bad_query("profile", "invalid_value", "must be one of: auto, en16931, xrechnung"));
        }
    };
    let bytes = body(call, req).await?;
    let judged = tokio::task::spawn_blocking(move || report::judge(&bytes, profile))
        .await
        .map_err(|e| ApiError::internal(format!("validating an e-invoice failed: {e}")))?;
    let mut json = report::file_json(&Entry { file: "-".to_owned(), outcome: Ok(judged) });
    json.push('\n');
    Ok(with_type(StatusCode::OK, Bytes::from(json), "application/json"))
}

/// `POST /v1/einvoices/render`.
pub(super) async fn render(call: &Call<'_>, req: Request<Incoming>) -> Result<Resp, ApiError> {
    let query = Query::parse(req.uri().query(), &["format", "lang"])?;
    let (format, content_type) = match query.get("format") {
        Some("html") => (show::Format::Html, "text/html; charset=utf-8"),
        Some("pdf") => (show::Format::Pdf, "application/pdf"),
        Some("json") => (show::Format::Json, "application/json"),
        Some("text") => (show::Format::Text, "text/plain; charset=utf-8"),
        Some(_) => return Err(ApiError::bad_query("format", "invalid_value", "must be one of: html, pdf, json, text")),
        None => return Err(ApiError::bad_query("format", "required", "is required: html, pdf, json or text")),
    };
    let lang = match query.get("lang") {
        None => None,
        Some(name) => Some(
            Language::from_name(name)
                .ok_or_else(|| ApiError::bad_query("lang", "invalid_value", "must be one of: en, de, fr"))?,
        ),
    };
    let bytes = body(call, req).await?;
    let shown = tokio::task::spawn_blocking(move || crate::received::show_bytes(&bytes, format, lang))
        .await
        .map_err(|e| ApiError::internal(format!("showing an e-invoice failed: {e}")))?;
    let document = match shown {
        Ok(document) => document,
        Err(Refusal::NotAnInvoice(verdict)) => {
            let mut problem = ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not-an-einvoice",
                "the body is not an e-invoice that can be shown (UBL Invoice or CreditNote, CII, or a Factur-X PDF)",
            );
            for finding in &verdict.findings {
                problem = problem.with_error("", &finding.rule, format!("{}: {}", finding.location, finding.message));
            }
            return Err(problem);
        }
        Err(Refusal::Read(error, _)) => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unreadable-einvoice",
                format!("the e-invoice cannot be read: {error}"),
            ));
        }
        Err(Refusal::Show(error)) => return Err(ApiError::internal(format!("showing an e-invoice failed: {error}"))),
    };
    let mut response = with_type(StatusCode::OK, Bytes::from(document), content_type);
    match format {
        show::Format::Html => {
            // A received document is someone else's: nothing in it may run, load or frame.
            let policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
        }
        show::Format::Pdf => {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline; filename=\"einvoice.pdf\""));
        }
        show::Format::Text | show::Format::Json => {}
    }
    Ok(response)
}
