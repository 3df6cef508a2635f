//! One handler per route (the table is [`super::routes`]), each a thin call into the same
//! library functions the CLI uses ([`crate::invoice::parse`], [`crate::ops`],
//! [`crate::store`], [`crate::render`]).

use super::problem::{ApiError, Resp};
use super::request::{BodyRule, Query, read_body};
use super::routes::RouteId;
use super::state::State;
use crate::error::Error;
use crate::invoice::json::{self, Json};
use crate::invoice::model::MAX_TEXT;
use crate::invoice::parse::{Options, Parsed, parse_draft};
use crate::invoice::{Code, Invoice, Problem, Status};
use crate::keys::Principal;
use crate::render::{Format, Paper};
use crate::store::ListFilter;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode};
use std::sync::Arc;

/// Bodies up to this size are parsed on the async worker; larger ones on a blocking
/// thread (a 1,000-line draft takes milliseconds).
const INLINE_PARSE_LIMIT: usize = 16 * 1024;
/// Default and largest page of `GET /v1/invoices`.
const DEFAULT_PAGE: usize = 50;
const MAX_PAGE: usize = 500;
/// The longest `?buyer=` (a part of a name).
const MAX_BUYER_QUERY: usize = 200;

/// Everything a handler gets besides the request.
pub(crate) struct Call<'a> {
    pub(crate) state: &'a Arc<State>,
    pub(crate) request_id: &'a str,
    pub(crate) principal: Option<&'a Principal>,
    pub(crate) number: Option<String>,
}

/// Runs the handler of `route`.
///
/// # Errors
/// The route's problem responses.
pub(crate) async fn handle(route: RouteId, call: Call<'_>, req: Request<Incoming>) -> Result<Resp, ApiError> {
    let number = call.number.clone().unwrap_or_default();
    match route {
        RouteId::Health => {
            no_query(&req)?;
            Ok(json_bytes(
                StatusCode::OK,
                format!("{{\"status\":\"ok\",\"version\":\"{}\"}}\n", env!("CARGO_PKG_VERSION")).into_bytes(),
            ))
        }
        RouteId::OpenApi => {
            no_query(&req)?;
            Ok(with_type(StatusCode::OK, call.state.openapi.clone(), "application/json"))
        }
        RouteId::Metrics => {
            no_query(&req)?;
            let mut text =
                call.state.metrics.render(call.state.open_connections(), call.state.limits.tracked_clients());
            call.state.store.render_metrics(&mut text);
            Ok(with_type(StatusCode::OK, Bytes::from(text), "text/plain; version=0.0.4; charset=utf-8"))
        }
        RouteId::ListInvoices => list(&call, &req).await,
        RouteId::CreateInvoice => create(&call, req).await,
        RouteId::ValidateDraft => validate(&call, req).await,
        RouteId::GetInvoice => {
            no_query(&req)?;
            let invoice = call.state.store.get_with_account(&number).await?;
            invoice_response(StatusCode::OK, &invoice, &[])
        }
        RouteId::RenderInvoice => render(&call, &req, number).await,
        RouteId::VoidInvoice => void(&call, req, number).await,
        RouteId::PayInvoice => pay(&call, req, number).await,
        RouteId::CreditInvoice => credit(&call, req, number).await,
        RouteId::InvoiceReminders => super::reminders::of_invoice(&call, &req, &number).await,
        RouteId::RunReminders => super::reminders::run(&call, req).await,
        RouteId::ListPayments => list_payments(&call, &req, number).await,
        RouteId::RecordPayment => record_payment(&call, req, number).await,
        RouteId::ListCustomers => super::customers::list(&call, &req).await,
        RouteId::CreateCustomer => super::customers::create(&call, req).await,
        RouteId::GetCustomer => super::customers::get(&call, &req, &number).await,
        RouteId::UpdateCustomer => super::customers::patch(&call, req, &number).await,
        RouteId::ValidateEinvoice => super::received::validate(&call, req).await,
        RouteId::RenderEinvoice => super::received::render(&call, req).await,
    }
}

fn no_query<B>(req: &Request<B>) -> Result<(), ApiError> {
    Query::parse(req.uri().query(), &[]).map(|_| ())
}

/// The API key's scope for idempotency keys and its audit actor.
pub(super) fn principal<'a>(call: &'a Call<'_>) -> Result<&'a Principal, ApiError> {
    call.principal.ok_or_else(|| ApiError::internal("a write route was reached without a key"))
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// `POST /v1/invoices`.
async fn create(call: &Call<'_>, req: Request<Incoming>) -> Result<Resp, ApiError> {
    no_query(&req)?;
    let idempotency_key = idempotency_key(req.headers())?;
    let principal = principal(call)?;
    let state = call.state;
    let body = read_body(req, state.settings.max_body, state.settings.body_timeout, BodyRule::Required).await?;
    // Parsing and checking happen here, before the store is involved (SPEC 11): the
    // store's writer only numbers and commits, so a large draft never delays another
    // client's request (issue #10 defect 1).
    let mut parsed = parse(body.clone(), state.settings.sanitize).await?;
    let (defaults, required) = if parsed.draft.customer.is_some() {
        // A draft naming a customer (SPEC 14.1): its buyer and defaults fill the draft,
        // and its e-invoice profile's requirements apply, as they do from the CLI.
        let merged = crate::customers::resolve(
            &state.store,
            &mut parsed,
            &state.defaults,
            crate::invoice::einvoice::Profile::default(),
            crate::invoice::customer::FlagDefaults::default(),
        )
        .await?;
        (Arc::new(merged.defaults), merged.required)
    } else {
        (Arc::clone(&state.defaults), None)
    };
    let scope = format!("key:{}", principal.key_id);
    let prepare = move || {
        let prepared =
            crate::ops::prepare(parsed, &defaults, today(), idempotency_key.as_deref().map(|k| (scope.as_str(), k)))?;
        crate::ops::require(&prepared.invoice, required)?;
        Ok::<_, crate::error::Error>(prepared)
    };
    let prepared = if body.len() <= INLINE_PARSE_LIMIT {
        prepare()?
    } else {
        tokio::task::spawn_blocking(prepare).await.map_err(|e| ApiError::internal(e.to_string()))??
    };
    let actor = principal.actor(Some(call.request_id.to_owned()));
    let created = crate::ops::issue(&state.store, prepared, state.numbering(), &actor).await?;
    let mut response = invoice_response(StatusCode::CREATED, &created.invoice, &created.warnings)?;
    set_location(&mut response, &created.invoice);
    if created.replayed {
        response.headers_mut().insert(HeaderName::from_static("idempotent-replayed"), HeaderValue::from_static("true"));
    }
    Ok(response)
}

/// The `Idempotency-Key` header: 1–200 printable ASCII characters.
fn idempotency_key(headers: &hyper::HeaderMap) -> Result<Option<String>, ApiError> {
    let mut values = headers.get_all("idempotency-key").iter();
    let Some(value) = values.next() else { return Ok(None) };
    let bad =
        |why: &str| {
            ApiError::new(StatusCode::BAD_REQUEST, "bad-request", format!("bad Idempotency-Key header: {why}"))
                .with_error("", "invalid_value", why.to_owned())
        };
    if values.next().is_some() {
        return Err(bad("given more than once"));
    }
    let key = value.to_str().map_err(|_| bad("it must be printable ASCII"))?;
    let key = crate::security::limits::check_idempotency_key(key).map_err(bad)?;
    Ok(Some(key.to_owned()))
}

/// Parses a draft with the library parser (on a blocking thread when it is large).
async fn parse(body: Vec<u8>, sanitize: bool) -> Result<Parsed, ApiError> {
    let options = Options { sanitize };
    if body.len() <= INLINE_PARSE_LIMIT {
        return Ok(parse_draft(&body, options));
    }
    tokio::task::spawn_blocking(move || parse_draft(&body, options))
        .await
        .map_err(|e| ApiError::internal(format!("parsing a draft failed: {e}")))
}

/// `POST /v1/invoices/validate`.
async fn validate(call: &Call<'_>, req: Request<Incoming>) -> Result<Resp, ApiError> {
    let profile = super::einvoice::validate_profile(&req)?;
    let state = call.state;
    let body = read_body(req, state.settings.max_body, state.settings.body_timeout, BodyRule::Required).await?;
    let parsed = parse(body, state.settings.sanitize).await?;
    let defaults = Arc::clone(&state.defaults);
    let checked = tokio::task::spawn_blocking(move || crate::ops::preview_for(parsed, &defaults, today(), profile))
        .await
        .map_err(|e| ApiError::internal(format!("validating a draft failed: {e}")))??;
    let body = serde_json::json!({
        "valid": true,
        "totals": checked.invoice.totals,
        "warnings": checked.warnings,
    });
    Ok(json_value(StatusCode::OK, &body))
}

/// `GET /v1/invoices?limit=&after=&status=&buyer=`.
async fn list(call: &Call<'_>, req: &Request<Incoming>) -> Result<Resp, ApiError> {
    let query = Query::parse(req.uri().query(), &["limit", "after", "status", "buyer"])?;
    let limit = match query.get("limit") {
        None => DEFAULT_PAGE,
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_PAGE).contains(n))
            .ok_or_else(|| ApiError::bad_query("limit", "out_of_range", format!("must be 1 to {MAX_PAGE}")))?,
    };
    // Every status, and `overdue` (issued or partially paid, due before today; SPEC 12.1).
    let (status, overdue_on) = match query.get("status") {
        None => (None, None),
        Some("overdue") => (None, Some(today())),
        Some(text) => (
            Some(Status::from_name(text).filter(|s| *s != Status::Draft).ok_or_else(|| {
                ApiError::bad_query(
                    "status",
                    "invalid_value",
                    "must be one of: issued, partially_paid, paid, void, credited, overdue",
                )
            })?),
            None,
        ),
    };
    let after = match query.get("after") {
        None => None,
        Some("") => return Err(ApiError::bad_query("after", "invalid_value", "must be an invoice number")),
        Some(text) => Some(text.to_owned()),
    };
    // A part of the buyer's name, without case for all of Unicode (as `list --buyer`).
    let buyer = match query.get("buyer") {
        None => None,
        Some(text) if text.is_empty() || text.chars().count() > MAX_BUYER_QUERY => {
            return Err(ApiError::bad_query(
                "buyer",
                "invalid_value",
                format!("must be 1 to {MAX_BUYER_QUERY} characters"),
            ));
        }
        Some(text) => Some(text.to_owned()),
    };
    let filter =
        ListFilter { status, buyer, after: after.clone(), limit: Some(limit + 1), overdue_on, ..ListFilter::default() };
    let mut invoices = call.state.store.list_summaries(&filter).await?;
    let next = if invoices.len() > limit {
        invoices.truncate(limit);
        invoices.last().map(|i| i.number.clone())
    } else {
        None
    };
    let mut bytes = Vec::with_capacity(256 + invoices.len() * 256);
    bytes.extend_from_slice(b"{\"invoices\":");
    serde_json::to_writer(&mut bytes, &invoices).map_err(|e| ApiError::internal(e.to_string()))?;
    bytes.extend_from_slice(b",\"next\":");
    serde_json::to_writer(&mut bytes, &next).map_err(|e| ApiError::internal(e.to_string()))?;
    bytes.extend_from_slice(b"}\n");
    Ok(json_bytes(StatusCode::OK, bytes))
}

/// `GET /v1/invoices/{number}/render?format=html|pdf|text|json[&paper=a4|letter]`.
async fn render(call: &Call<'_>, req: &Request<Incoming>, number: String) -> Result<Resp, ApiError> {
    let query = Query::parse(req.uri().query(), &["format", "paper", "profile"])?;
    let format = match query.get("format") {
        Some("html") => Format::Html,
        Some("pdf") => Format::Pdf,
        Some("text") => Format::Text,
        Some("json") => Format::Json,
        Some("ubl") => Format::Ubl,
        Some("cii") => Format::Cii,
        Some("facturx") => Format::Facturx,
        Some(_) => {
            return Err(ApiError::bad_query(
                "format",
                "invalid_value",
                "must be one of: html, pdf, text, json, ubl, cii, facturx",
            ));
        }
        None => {
            return Err(ApiError::bad_query(
                "format",
                "required",
                "is required: html, pdf, text, json, ubl, cii or facturx",
            ));
        }
    };
    let profile = super::einvoice::profile(format, query.get("profile"), call.state.einvoice_profile)?;
    let paper = match query.get("paper") {
        None | Some("a4") => Paper::A4,
        Some("letter") => Paper::Letter,
        Some(_) => return Err(ApiError::bad_query("paper", "invalid_value", "must be a4 or letter")),
    };
    let invoice = call.state.store.get_with_account(&number).await?;
    let number = invoice.number.clone().unwrap_or_default();
    let logo = call.state.logo.clone();
    let has_logo = logo.is_some();
    let bytes = tokio::task::spawn_blocking(move || {
        crate::render::render_with(&invoice, format, paper, profile, logo.as_deref())
    })
    .await
    .map_err(|e| ApiError::internal(format!("rendering failed: {e}")))??;
    let mut response = with_type(StatusCode::OK, Bytes::from(bytes), format.content_type());
    let headers = response.headers_mut();
    match format {
        Format::Html => {
            // The document's own policy (its inline style by hash, `data:` images when it
            // embeds the logo) plus framing protection.
            let own = if has_logo {
                crate::render::html::content_security_policy_with_logo()
            } else {
                crate::render::html::content_security_policy()
            };
            let policy = format!("{own}; frame-ancestors 'none'");
            if let Ok(value) = HeaderValue::from_str(&policy) {
                headers.insert(header::CONTENT_SECURITY_POLICY, value);
            }
        }
        Format::Pdf | Format::Facturx => {
            let name: String = number
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
                .collect();
            if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{name}.pdf\"")) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
        }
        Format::Text | Format::Json | Format::Ubl | Format::Cii => {}
    }
    Ok(response)
}

/// `POST /v1/invoices/{number}/void` with `{"reason": "..."}`.
async fn void(call: &Call<'_>, req: Request<Incoming>, number: String) -> Result<Resp, ApiError> {
    no_query(&req)?;
    let state = call.state;
    let body = read_body(req, state.settings.max_body, state.settings.body_timeout, BodyRule::Required).await?;
    let fields = small_object(&body, &["reason"])?;
    let reason = fields.into_iter().next().flatten().ok_or_else(|| {
        ApiError::from_error(&Error::Invalid {
            problems: vec![Problem::new("/reason", Code::Required, "reason is required: say why the invoice is void")],
        })
    })?;
    let actor = principal(call)?.actor(Some(call.request_id.to_owned()));
    let invoice = crate::ops::void(&state.store, &number, &reason, &actor).await?;
    invoice_response(StatusCode::OK, &invoice, &[])
}

/// `POST /v1/invoices/{number}/pay` with an optional `{"date": "YYYY-MM-DD"}`.
async fn pay(call: &Call<'_>, req: Request<Incoming>, number: String) -> Result<Resp, ApiError> {
    no_query(&req)?;
    let state = call.state;
    let body = read_body(req, state.settings.max_body, state.settings.body_timeout, BodyRule::Optional).await?;
    let date = body_date(small_object(&body, &["date"])?.into_iter().next().flatten())?.unwrap_or_else(today);
    let actor = principal(call)?.actor(Some(call.request_id.to_owned()));
    let invoice = crate::ops::pay(&state.store, &number, date, today(), &actor).await?;
    invoice_response(StatusCode::OK, &invoice, &[])
}

/// A body's `date`, when given: a real calendar date in `YYYY-MM-DD` form.
fn body_date(text: Option<String>) -> Result<Option<chrono::NaiveDate>, ApiError> {
    text.map(|text| {
        crate::invoice::parse::parse_date(text.trim()).ok_or_else(|| {
            ApiError::from_error(&Error::Invalid {
                problems: vec![Problem::new(
                    "/date",
                    Code::InvalidDate,
                    "date must be a real calendar date in YYYY-MM-DD form",
                )],
            })
        })
    })
    .transpose()
}

/// `GET /v1/invoices/{number}/payments`: the invoice's payments and reversals, oldest
/// first, with its balance (SPEC 12.4).
async fn list_payments(call: &Call<'_>, req: &Request<Incoming>, number: String) -> Result<Resp, ApiError> {
    Query::parse(req.uri().query(), &[])?;
    let invoice = call.state.store.get_with_account(&number).await?;
    let filter = crate::store::payments::PaymentFilter { invoice: invoice.number.clone(), ..Default::default() };
    let payments = call.state.store.payments(&filter).await?;
    let body = serde_json::json!({
        "invoice": invoice.number,
        "currency": invoice.currency,
        "status": invoice.status.as_str(),
        "balance": invoice.account.as_ref().map(|a| serde_json::json!({
            "paid": a.paid, "credited": a.credited, "outstanding": a.outstanding,
        })),
        "payments": payments,
    });
    Ok(json_value(StatusCode::OK, &body))
}

/// `POST /v1/invoices/{number}/payments` with `{amount, date, method, reference}` (all
/// optional: no amount pays the balance) and an optional `Idempotency-Key`: 201 with
/// `Location` for a new payment; a retry with the same key and body gets the first
/// payment with 200 (SPEC 12.2). The same `ops` call as `invoice pay`.
async fn record_payment(call: &Call<'_>, req: Request<Incoming>, number: String) -> Result<Resp, ApiError> {
    no_query(&req)?;
    let idempotency_key = idempotency_key(req.headers())?;
    let state = call.state;
    let body = read_body(req, state.settings.max_body, state.settings.body_timeout, BodyRule::Optional).await?;
    let fields = object_fields(&body, &["amount", "date", "method", "reference"], &["amount"])?;
    let [amount, date, method, reference]: [Option<String>; 4] =
        fields.try_into().map_err(|_| ApiError::internal("the payment body has four fields"))?;
    let amount = amount
        .map(|text| {
            crate::invoice::money::parse_decimal_text(text.trim()).map_err(|_| {
                ApiError::from_error(&Error::Invalid {
                    problems: vec![Problem::new(
                        "/amount",
                        Code::InvalidValue,
                        "amount must be a decimal amount like 400 or \"400.50\"",
                    )],
                })
            })
        })
        .transpose()?;
    let request = crate::receivables::payment::PaymentRequest { amount, date: body_date(date)?, method, reference };
    let principal = principal(call)?;
    let scope = format!("key:{}", principal.key_id);
    let actor = principal.actor(Some(call.request_id.to_owned()));
    let idempotency = idempotency_key.as_deref().map(|k| (scope.as_str(), k));
    // The answer shows the balance, not the account: reading every earlier payment of the
    // invoice for each new one would make a payment dearer the more it was paid.
    let answer = crate::store::payments::Answer::Balance;
    let recorded =
        crate::ops::record_payment(&state.store, &number, request, today(), idempotency, &actor, answer).await?;
    let balance = &recorded.balance;
    let body = serde_json::json!({
        "payment": recorded.payment,
        "invoice": {
            "number": recorded.invoice.number,
            "status": recorded.invoice.status.as_str(),
            "currency": recorded.invoice.currency,
            "paid": balance.paid,
            "credited": balance.credited,
            "outstanding": balance.outstanding,
        },
    });
    let status = if recorded.replayed { StatusCode::OK } else { StatusCode::CREATED };
    let mut response = json_value(status, &body);
    let location = format!("{}/payments", invoice_location(&recorded.payment.invoice));
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    if recorded.replayed {
        response.headers_mut().insert(HeaderName::from_static("idempotent-replayed"), HeaderValue::from_static("true"));
    }
    Ok(response)
}

/// `POST /v1/invoices/{number}/credit` with an optional `{"reason", "amount" | "lines"}`.
async fn credit(call: &Call<'_>, req: Request<Incoming>, number: String) -> Result<Resp, ApiError> {
    no_query(&req)?;
    let state = call.state;
    let body = read_body(req, state.settings.max_body, state.settings.body_timeout, BodyRule::Optional).await?;
    let (reason, scope) =
        super::credits::credit_body(&body).map_err(|problems| ApiError::from_error(&Error::Invalid { problems }))?;
    let actor = principal(call)?.actor(Some(call.request_id.to_owned()));
    let (defaults, numbering) = (&state.defaults, state.numbering());
    let created =
        crate::ops::credit(&state.store, &number, &scope, reason.as_deref(), defaults, numbering, today(), &actor)
            .await?;
    let mut response = invoice_response(StatusCode::CREATED, &created.invoice, &[])?;
    set_location(&mut response, &created.invoice);
    Ok(response)
}

/// Reads a small JSON object whose fields are all optional strings, with the library's
/// strict JSON reader (duplicate keys and unknown fields are errors, as in drafts).
/// An empty body is an empty object. Returns the values in the order of `fields`.
fn small_object(body: &[u8], fields: &[&str]) -> Result<Vec<Option<String>>, ApiError> {
    object_fields(body, fields, &[])
}

/// [`small_object`], where the fields in `numeric` may also be JSON numbers (their text,
/// exactly as written, is returned).
fn object_fields(body: &[u8], fields: &[&str], numeric: &[&str]) -> Result<Vec<Option<String>>, ApiError> {
    let mut values = vec![None; fields.len()];
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(values);
    }
    let invalid = |problems: Vec<Problem>| ApiError::from_error(&Error::Invalid { problems });
    let value = json::parse(body).map_err(|e| invalid(vec![e.to_problem()]))?;
    let Json::Object(members) = value else {
        return Err(invalid(vec![Problem::new("", Code::InvalidType, "the body must be a JSON object")]));
    };
    let mut problems = Vec::new();
    for (name, value) in members {
        let path = format!("/{}", name.replace('~', "~0").replace('/', "~1"));
        let Some(index) = fields.iter().position(|f| *f == name) else {
            let shown = crate::security::text::display_safe(&name);
            problems.push(Problem::new(path, Code::UnknownField, format!("unknown field `{shown}`")));
            continue;
        };
        if values[index].is_some() {
            problems.push(Problem::new(path, Code::DuplicateField, format!("`{name}` is given more than once")));
            continue;
        }
        match value {
            Json::String(text) => values[index] = Some(text.into_owned()),
            Json::Number(text) if numeric.contains(&name.as_ref()) => values[index] = Some(text.into_owned()),
            Json::Null => {}
            other => problems.push(Problem::new(
                path,
                Code::InvalidType,
                format!("{name} must be a string, not {}", other.type_name()),
            )),
        }
    }
    // Reasons get the draft's text rules (length, forbidden characters, markup) in
    // `ops`; this only refuses absurd sizes early.
    for (value, field) in values.iter().zip(fields) {
        if value.as_ref().is_some_and(|v| v.chars().count() > MAX_TEXT * 100) {
            problems.push(Problem::new(format!("/{field}"), Code::TooLong, format!("{field} is too long")));
        }
    }
    if problems.is_empty() { Ok(values) } else { Err(invalid(problems)) }
}

/// An invoice as JSON, with sanitize-mode `warnings` when there are any.
fn invoice_response(status: StatusCode, invoice: &Invoice, warnings: &[Problem]) -> Result<Resp, ApiError> {
    let mut bytes = if warnings.is_empty() {
        serde_json::to_vec(invoice)
    } else {
        serde_json::to_value(invoice).and_then(|mut value| {
            if let Some(object) = value.as_object_mut() {
                object.insert("warnings".into(), serde_json::to_value(warnings)?);
            }
            serde_json::to_vec(&value)
        })
    }
    .map_err(|e| ApiError::internal(format!("failed to serialize an invoice: {e}")))?;
    bytes.push(b'\n');
    Ok(json_bytes(status, bytes))
}

/// `Location: /v1/invoices/{number}` (the number percent-encoded as one segment).
fn set_location(response: &mut Resp, invoice: &Invoice) {
    let Some(number) = &invoice.number else { return };
    if let Ok(value) = HeaderValue::from_str(&invoice_location(number)) {
        response.headers_mut().insert(header::LOCATION, value);
    }
}

/// `/v1/invoices/{number}`, the number percent-encoded as one segment.
fn invoice_location(number: &str) -> String {
    let mut location = String::from("/v1/invoices/");
    for b in number.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            location.push(char::from(b));
        } else {
            location.push_str(&format!("%{b:02X}"));
        }
    }
    location
}

pub(super) fn json_value(status: StatusCode, value: &serde_json::Value) -> Resp {
    let mut bytes = value.to_string().into_bytes();
    bytes.push(b'\n');
    json_bytes(status, bytes)
}

fn json_bytes(status: StatusCode, bytes: Vec<u8>) -> Resp {
    with_type(status, Bytes::from(bytes), "application/json")
}

pub(crate) fn with_type(status: StatusCode, body: Bytes, content_type: &'static str) -> Resp {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_objects_are_strict() {
        assert_eq!(small_object(b"", &["reason"]).unwrap(), vec![None]);
        assert_eq!(small_object(br#"{"reason":"late"}"#, &["reason"]).unwrap(), vec![Some("late".into())]);
        let e = small_object(br#"{"reason":1,"x":2}"#, &["reason"]).unwrap_err();
        assert_eq!(e.status, 422);
        let codes: Vec<_> = e.errors.iter().map(|e| (e.path.as_str(), e.code.as_str())).collect();
        assert_eq!(codes, [("/reason", "invalid_type"), ("/x", "unknown_field")]);
        let e = small_object(br#"{"reason":"a","reason":"b"}"#, &["reason"]).unwrap_err();
        assert_eq!(e.errors[0].code, "duplicate_field");
        let e = small_object(b"{nope", &["reason"]).unwrap_err();
        assert_eq!(e.status, 400);
        assert_eq!(e.errors[0].code, "malformed_json");
    }

    #[test]
    fn idempotency_keys_are_checked() {
        let mut h = hyper::HeaderMap::new();
        assert_eq!(idempotency_key(&h).unwrap(), None);
        h.insert("idempotency-key", HeaderValue::from_static("abc-123"));
        assert_eq!(idempotency_key(&h).unwrap().as_deref(), Some("abc-123"));
        h.insert("idempotency-key", HeaderValue::from_str(&"x".repeat(201)).unwrap());
        assert_eq!(idempotency_key(&h).unwrap_err().status, 400);
    }
}
