//! One request, start to finish: the checks that come before any route (header size,
//! rate limit, CORS preflight, authentication, routing, scope), panic containment, and
//! what every response gets (security headers, request id, CORS, rate-limit headers,
//! one access log line, metrics).

use super::auth;
use super::handlers::{self, Call};
use super::limits::{Decision, rate_headers, rate_limited};
use super::logger::Access;
use super::metrics::Limited;
use super::problem::{ApiError, Resp};
use super::request::{client_ip, client_request_id, head_size};
use super::routes::{self, RouteId, Routing, method_label};
use super::state::State;
use crate::keys::Principal;
use http_body_util::Full;
use hyper::body::{Body as _, Bytes, Incoming};
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::task::Poll;
use std::time::Instant;

/// Request heads (request line and headers) above this are refused with 431.
pub(crate) const MAX_HEAD: usize = 16 * 1024;

/// Headers on every response (SPEC 4), HSTS aside.
pub(crate) const SECURITY_HEADERS: [(&str, &str); 8] = [
    ("content-security-policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("cache-control", "no-store"),
];

/// `Strict-Transport-Security` under native TLS.
pub(crate) const HSTS: &str = "max-age=31536000";

/// What CORS preflights allow.
const CORS_METHODS: &str = "GET, POST";
const CORS_HEADERS: &str = "x-api-key, authorization, content-type, idempotency-key";
const CORS_EXPOSE: &str =
    "location, x-request-id, idempotent-replayed, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset";

/// What the pipeline learned that the response and the log need.
#[derive(Default)]
struct Outcome {
    key_id: Option<String>,
    rate: Option<Decision>,
}

/// Serves one request. Never fails: every error is a problem response, and a panic
/// in a handler becomes a 500 while the daemon keeps running.
pub(crate) async fn handle(state: Arc<State>, peer: SocketAddr, req: Request<Incoming>) -> Resp {
    let started = Instant::now();
    let request_id = client_request_id(req.headers()).unwrap_or_else(|| state.ids.next());
    let ip = client_ip(req.headers(), peer, state.settings.trust_proxy);
    let origin = state.allowed_origin(req.headers());
    let method = method_label(req.method());
    let routing = routes::route(req.method(), req.uri().path());
    let route = match &routing {
        Routing::Found(id, _) => Some(*id),
        _ => None,
    };
    let is_preflight = is_preflight(&req);

    // A panic anywhere below is contained here and answered with a 500.
    let pipeline = pipeline(Arc::clone(&state), request_id.clone(), ip, req, routing, origin.clone());
    let (result, outcome) =
        contained(pipeline).await.unwrap_or_else(|what| (Err(ApiError::internal(what)), Outcome::default()));
    let mut response = match result {
        Ok(response) => response,
        Err(error) => {
            if let Some(cause) = &error.internal {
                state.log.event(::log::Level::Error, &format!("request {request_id}: {cause}"));
            }
            error.into_response(&request_id)
        }
    };
    finish_response(&state, &mut response, &request_id, origin, outcome.rate, is_preflight);

    let latency = started.elapsed();
    let status = response.status().as_u16();
    let bytes = usize::try_from(response.body().size_hint().exact().unwrap_or(0)).unwrap_or(usize::MAX);
    let label = if is_preflight { "preflight" } else { route.map_or("unmatched", RouteId::template) };
    state.metrics.request(method, label, status, latency);
    state.log.access(&Access {
        request_id: &request_id,
        client_ip: ip,
        method,
        route: label,
        status,
        bytes,
        latency,
        key_id: outcome.key_id.as_deref(),
    });
    response
}

/// Polls `future` inside `catch_unwind`, so a panic in it is contained: the caller gets
/// `Err(what happened)` and the daemon keeps serving. (Cheaper than a task per request,
/// and the request's state is dropped right there.)
async fn contained<T>(future: impl Future<Output = T>) -> Result<T, &'static str> {
    let mut future = Box::pin(future);
    std::future::poll_fn(move |cx| {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err("a handler panicked")),
        }
    })
    .await
}

async fn pipeline(
    state: Arc<State>,
    request_id: String,
    ip: IpAddr,
    req: Request<Incoming>,
    routing: Routing,
    origin: Option<HeaderValue>,
) -> (Result<Resp, ApiError>, Outcome) {
    let mut outcome = Outcome::default();
    let result = checks_then_route(&state, &request_id, ip, req, routing, origin, &mut outcome).await;
    (result, outcome)
}

async fn checks_then_route(
    state: &Arc<State>,
    request_id: &str,
    ip: IpAddr,
    req: Request<Incoming>,
    routing: Routing,
    origin: Option<HeaderValue>,
    outcome: &mut Outcome,
) -> Result<Resp, ApiError> {
    if head_size(&req) > MAX_HEAD {
        return Err(ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "header-fields-too-large",
            format!("the request line and headers are over {} KiB", MAX_HEAD / 1024),
        )
        .with_header(header::CONNECTION, HeaderValue::from_static("close")));
    }
    // SPEC 15: a request with a key counts against that key's budget once it is verified
    // (failed ones against the failed-authentication budget); others per client bucket.
    let keyed = routes::is_protected(req.uri().path()) && super::request::presented_key(req.headers()).is_some();
    if !keyed {
        let decision = state.limits.check_request(ip);
        outcome.rate = Some(decision);
        if decision.retry_after.is_some() {
            state.metrics.limited(Limited::Requests);
            return Err(rate_limited(&decision, "too many requests from this address"));
        }
    }
    if is_preflight(&req) {
        return preflight(origin);
    }
    let principal: Option<Principal> = if routes::is_protected(req.uri().path()) {
        let principal = auth::authenticate(state, req.headers(), ip, request_id).await?;
        outcome.key_id = Some(principal.key_id.clone());
        let decision = state.limits.check_key(&principal.key_id);
        outcome.rate = Some(decision);
        if decision.retry_after.is_some() {
            state.metrics.limited(Limited::Requests);
            return Err(rate_limited(&decision, "too many requests with this API key"));
        }
        Some(principal)
    } else {
        None
    };
    let (route, number) = match routing {
        Routing::Found(route, number) => (route, number),
        Routing::NotFound => return Err(ApiError::new(StatusCode::NOT_FOUND, "not-found", "no such route")),
        Routing::MethodNotAllowed(allow) => {
            return Err(ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                format!("this route takes {allow}"),
            )
            .with_header(header::ALLOW, HeaderValue::from_static(allow)));
        }
    };
    if let Some(scope) = route.scope() {
        auth::require(principal.as_ref(), scope)?;
    }
    let call = Call { state, request_id, principal: principal.as_ref(), number };
    handlers::handle(route, call, req).await
}

/// `OPTIONS` with `Origin` and `Access-Control-Request-Method` (it carries no key).
fn is_preflight<B>(req: &Request<B>) -> bool {
    req.method() == Method::OPTIONS
        && req.headers().contains_key(header::ORIGIN)
        && req.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
}

/// A CORS preflight: allowed origins get the allowed methods and headers; any other
/// origin gets 403 and no CORS headers.
fn preflight(origin: Option<HeaderValue>) -> Result<Resp, ApiError> {
    let Some(origin) = origin else {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "cors-origin-not-allowed", "this origin is not allowed"));
    };
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = StatusCode::NO_CONTENT;
    let h = response.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(CORS_METHODS));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static(CORS_HEADERS));
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    Ok(response)
}

/// Adds what every response carries.
fn finish_response(
    state: &State,
    response: &mut Resp,
    request_id: &str,
    origin: Option<HeaderValue>,
    rate: Option<Decision>,
    is_preflight: bool,
) {
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        // A handler may have set a stricter or more specific value (rendered HTML's CSP).
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
    if state.tls {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert(HeaderName::from_static("x-request-id"), id);
    }
    if let Some(decision) = rate
        && !headers.contains_key("ratelimit-limit")
    {
        for (name, value) in rate_headers(&decision) {
            headers.insert(name, value);
        }
    }
    if !state.cors_origins.is_empty() {
        headers.append(header::VARY, HeaderValue::from_static("Origin"));
    }
    if let Some(origin) = origin {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if !is_preflight {
            headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(CORS_EXPOSE));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_handler_is_contained() {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        rt.block_on(async {
            let panicked = contained(async {
                if std::hint::black_box(true) {
                    panic!("handler bug");
                }
                1
            })
            .await;
            assert_eq!(panicked, Err("a handler panicked"));
            assert_eq!(contained(async { 2 }).await, Ok(2));
        });
    }
}
