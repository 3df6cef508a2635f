//! `GET/POST /v1/customers` and `GET/PATCH /v1/customers/{id}` (SPEC 14.1): the same
//! workflows as `invoice customer` ([`crate::customers`]).

use super::handlers::{Call, json_value, principal};
use super::problem::{ApiError, Resp};
use super::request::{BodyRule, Query, read_body};
use crate::customers::{self, Change};
use crate::error::Error;
use crate::invoice::json::{self, Json};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Request, StatusCode};

/// `GET /v1/customers[?archived=true]`: every customer by ID.
pub(crate) async fn list(call: &Call<'_>, req: &Request<Incoming>) -> Result<Resp, ApiError> {
    let query = Query::parse(req.uri().query(), &["archived"])?;
    let archived = match query.get("archived") {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(ApiError::bad_query("archived", "invalid_value", "must be true or false")),
    };
    let list = customers::list(&call.state.store, archived).await?;
    let body = serde_json::json!({ "customers": list.iter().map(|c| c.public_json()).collect::<Vec<_>>() });
    Ok(json_value(StatusCode::OK, &body))
}

/// `GET /v1/customers/{id}`.
pub(crate) async fn get(call: &Call<'_>, req: &Request<Incoming>, id: &str) -> Result<Resp, ApiError> {
    Query::parse(req.uri().query(), &[])?;
    let customer = customers::get(&call.state.store, id).await?;
    Ok(json_value(StatusCode::OK, &customer.public_json()))
}

/// `POST /v1/customers`: the flat customer object with its `id` → 201 and `Location`.
pub(crate) async fn create(call: &Call<'_>, req: Request<Incoming>) -> Result<Resp, ApiError> {
    Query::parse(req.uri().query(), &[])?;
    let actor = principal(call)?.actor(Some(call.request_id.to_owned()));
    let state = call.state;
    let body = read_body(req, state.settings.max_body, state.settings.body_timeout, BodyRule::Required).await?;
    let input = parse(&body)?;
    let id = match &input {
        Json::Object(members) => members.iter().find_map(|(k, v)| match (k.as_ref(), v) {
            ("id", Json::String(id)) => Some(id.to_string()),
            _ => None,
        }),
        _ => None,
    }
    .unwrap_or_default();
    let customer = customers::change(&state.store, &id, Change::Add(input), &actor).await?;
    let mut response = json_value(StatusCode::CREATED, &customer.public_json());
    if let Ok(location) = HeaderValue::from_str(&format!("/v1/customers/{}", customer.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// `PATCH /v1/customers/{id}`: a JSON merge patch (RFC 7396) of the flat object; `null`
/// removes a field. The whole result is checked as on `POST`.
pub(crate) async fn patch(call: &Call<'_>, req: Request<Incoming>, id: &str) -> Result<Resp, ApiError> {
    Query::parse(req.uri().query(), &[])?;
    let actor = principal(call)?.actor(Some(call.request_id.to_owned()));
    let state = call.state;
    let body = read_body(req, state.settings.max_body, state.settings.body_timeout, BodyRule::Required).await?;
    let patch = parse(&body)?;
    let stored = customers::get(&state.store, id).await?;
    let merged = customers::merge_patch(customers::input_json(&stored), patch);
    let customer = customers::change(&state.store, id, Change::Edit(merged), &actor).await?;
    Ok(json_value(StatusCode::OK, &customer.public_json()))
}

fn parse(body: &[u8]) -> Result<Json<'static>, Error> {
    json::parse(body).map(Json::into_owned).map_err(|e| Error::Invalid { problems: vec![e.to_problem()] })
}
