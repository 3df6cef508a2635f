//! RFC 9457 problem details: the one shape every error response has.
//!
//! `{"type","title","status","detail","errors":[{"path","code","message"}],"request_id"}`
//! with `Content-Type: application/problem+json`. Library errors map through
//! [`Error::http_status`]; anything that is not the client's fault (store, I/O,
//! internal) says only "internal error" and the request id, and the real cause goes to
//! the server log.

use crate::error::Error;
use crate::invoice::Problem;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::{Response, StatusCode};
use serde::Serialize;

/// The response type of every handler.
pub(crate) type Resp = Response<Full<Bytes>>;

/// Prefix of every problem `type` (a stable, non-dereferenceable URN; the slugs are
/// listed in the OpenAPI document and the README).
pub(crate) const TYPE_PREFIX: &str = "urn:invoice:problem:";

/// One entry of `errors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Entry {
    /// JSON Pointer into the body (or `/name` of a query parameter); "" for the request.
    pub(crate) path: String,
    /// Stable snake_case code.
    pub(crate) code: String,
    /// What is wrong.
    pub(crate) message: String,
}

impl From<&Problem> for Entry {
    fn from(p: &Problem) -> Self {
        Entry { path: p.path.clone(), code: p.code.as_str().to_owned(), message: p.message.clone() }
    }
}

/// The body, in RFC 9457's member order.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    detail: &'a str,
    errors: &'a [Entry],
    request_id: &'a str,
}

/// An error on its way to becoming a problem response.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    /// Slug appended to [`TYPE_PREFIX`].
    pub(crate) slug: &'static str,
    pub(crate) detail: String,
    pub(crate) errors: Vec<Entry>,
    /// Extra headers (`Allow`, `WWW-Authenticate`, `Retry-After`, ...).
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// For the server log only: the cause of a 500.
    pub(crate) internal: Option<String>,
}

/// `Retry-After` of a 503 while the store is unreachable (a restart of PostgreSQL takes a
/// few seconds).
const RETRY_AFTER_SECONDS: &str = "2";

impl ApiError {
    /// A problem without field errors.
    pub(crate) fn new(status: StatusCode, slug: &'static str, detail: impl Into<String>) -> Self {
        ApiError { status, slug, detail: detail.into(), errors: Vec::new(), headers: Vec::new(), internal: None }
    }

    /// Adds one `errors` entry.
    pub(crate) fn with_error(mut self, path: &str, code: &str, message: impl Into<String>) -> Self {
        self.errors.push(Entry { path: path.to_owned(), code: code.to_owned(), message: message.into() });
        self
    }

    /// Adds a header.
    pub(crate) fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// 400 for a query parameter.
    pub(crate) fn bad_query(name: &str, code: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError::new(StatusCode::BAD_REQUEST, "invalid-query", format!("bad query parameter `{name}`: {message}"))
            .with_error(&format!("/{name}"), code, message)
    }

    /// 500: the client learns nothing but the request id.
    pub(crate) fn internal(cause: impl Into<String>) -> Self {
        let mut e = ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal-error", "internal error");
        e.internal = Some(cause.into());
        e
    }

    /// The problem for a library error: status, type and entries all come from the
    /// error itself ([`Error::http_status`], [`Error::problem_slug`], [`Error::entries`]).
    pub(crate) fn from_error(error: &Error) -> Self {
        if error.is_internal() {
            return ApiError::internal(error.to_string());
        }
        if error.is_transient() {
            // The database is away: clients retry, nothing went wrong on their side.
            let mut e = ApiError::new(StatusCode::SERVICE_UNAVAILABLE, error.problem_slug(), error.client_detail());
            e.headers.push((hyper::header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS)));
            e.internal = Some(error.to_string());
            return e;
        }
        let status = StatusCode::from_u16(error.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut e = ApiError::new(status, error.problem_slug(), error.client_detail());
        e.errors = error
            .entries()
            .into_iter()
            .map(|(path, code, message)| Entry { path, code: code.to_owned(), message })
            .collect();
        e
    }

    /// The response: `application/problem+json` with the request id in the body.
    /// (The security headers and `X-Request-Id` are added for every response later.)
    pub(crate) fn into_response(self, request_id: &str) -> Resp {
        let body = Body {
            kind: format!("{TYPE_PREFIX}{}", self.slug),
            title: title(self.status),
            status: self.status.as_u16(),
            detail: &self.detail,
            errors: &self.errors,
            request_id,
        };
        // Serializing plain strings and integers cannot fail.
        let mut bytes = serde_json::to_vec(&body).unwrap_or_default();
        bytes.push(b'\n');
        let mut response = Response::new(Full::new(Bytes::from(bytes)));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        for (name, value) in self.headers {
            headers.append(name, value);
        }
        response
    }
}

/// The problem `title`: the status's reason phrase as RFC 9110 names it (422 is
/// "Unprocessable Content"; the `http` crate still says "Unprocessable Entity").
fn title(status: StatusCode) -> &'static str {
    match status {
        StatusCode::UNPROCESSABLE_ENTITY => "Unprocessable Content",
        _ => status.canonical_reason().unwrap_or("Error"),
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        ApiError::from_error(&error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invoice::Code;
    use http_body_util::BodyExt;

    fn body(response: Resp) -> serde_json::Value {
        let bytes = futures_body(response);
        serde_json::from_slice(&bytes).unwrap()
    }

    fn futures_body(response: Resp) -> Vec<u8> {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        rt.block_on(async { response.into_body().collect().await.unwrap().to_bytes().to_vec() })
    }

    #[test]
    fn validation_errors_keep_paths_and_codes() {
        let error = Error::Invalid { problems: vec![Problem::new("/lines/0/quantity", Code::MustBePositive, "x")] };
        let response = ApiError::from_error(&error).into_response("rid-1");
        assert_eq!(response.status(), 422);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/problem+json");
        let json = body(response);
        assert_eq!(json["type"], "urn:invoice:problem:validation-failed");
        assert_eq!(json["status"], 422);
        assert_eq!(json["errors"][0]["path"], "/lines/0/quantity");
        assert_eq!(json["errors"][0]["code"], "must_be_positive");
        assert_eq!(json["request_id"], "rid-1");
    }

    #[test]
    fn internal_errors_reveal_nothing() {
        let error = Error::Store { action: "read".into(), message: "SELECT * FROM secret_table at /var/db".into() };
        let api = ApiError::from_error(&error);
        assert!(api.internal.as_deref().is_some_and(|c| c.contains("secret_table")));
        let json = body(api.into_response("rid-2"));
        assert_eq!(json["status"], 500);
        assert_eq!(json["detail"], "internal error");
        assert!(!json.to_string().contains("secret_table"));
    }

    #[test]
    fn malformed_json_is_400() {
        let error = Error::Invalid { problems: vec![Problem::new("", Code::MalformedJson, "not valid JSON")] };
        let json = body(ApiError::from_error(&error).into_response("r"));
        assert_eq!(json["status"], 400);
        assert_eq!(json["errors"][0]["code"], "malformed_json");
    }

    /// Issue #21 (SPEC 15): a PDF the font cannot print is `cannot-render`, 422
    /// "Unprocessable Content", never a validation failure.
    #[test]
    fn a_pdf_that_cannot_be_rendered_is_cannot_render() {
        let problem = Problem::new("/buyer/name", Code::UnsupportedCharacter, "holds 株");
        let json = body(ApiError::from_error(&Error::Invalid { problems: vec![problem.clone()] }).into_response("r"));
        assert_eq!(json["type"], "urn:invoice:problem:cannot-render");
        assert_eq!(json["title"], "Unprocessable Content");
        assert_eq!(json["status"], 422);
        assert_eq!(json["errors"][0]["code"], "unsupported_character");
        // With a real validation problem beside it, it is a validation failure.
        let mixed = vec![problem, Problem::new("/currency", Code::InvalidCurrency, "x")];
        let json = body(ApiError::from_error(&Error::Invalid { problems: mixed }).into_response("r"));
        assert_eq!(json["type"], "urn:invoice:problem:validation-failed");
    }
}
