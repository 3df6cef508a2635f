//! Authentication and authorization for `/v1/` and `/metrics`.
//!
//! The key check itself is [`crate::keys::verify`] (constant time, reads the
//! key's row on every call so revocations apply at once). This module adds the HTTP
//! side: where the key is taken from, the failed-authentication limiter (checked
//! *before* any key is looked at), the audit entries for failures (one per client and
//! minute, see [`super::auth_failures`]), and the 401/403/429 answers.

use super::limits::{bucket, rate_limited};
use super::metrics::{AuthFailure, Limited};
use super::problem::ApiError;
use super::request::presented_key;
use super::state::State;
use crate::error::Error;
use crate::keys::{self, Principal, Scope, Verification};
use crate::store::Actor;
use hyper::StatusCode;
use hyper::header::{self, HeaderMap, HeaderValue};
use std::net::IpAddr;
use std::sync::Arc;

/// Authenticates a request.
///
/// # Errors
/// 429 while the client is blocked for failed authentications (or on the failure that
/// exhausts its budget), 401 for a missing, unknown, revoked or expired key, 500 when
/// the store fails.
pub(crate) async fn authenticate(
    state: &Arc<State>,
    headers: &HeaderMap,
    ip: IpAddr,
    request_id: &str,
) -> Result<Principal, ApiError> {
    if let Some(decision) = state.limits.auth_blocked(ip) {
        state.metrics.limited(Limited::AuthFailures);
        return Err(rate_limited(&decision, "too many failed authentications from this address"));
    }
    let (failure, actor) = match presented_key(headers) {
        None => (AuthFailure::Missing, "anonymous".to_owned()),
        Some(key) => {
            let verification = keys::verify(&state.store, key, state.static_key.as_deref()).await?;
            match verification {
                Verification::Valid(principal) => return Ok(principal),
                Verification::Unknown => (AuthFailure::Unknown, "anonymous".to_owned()),
                Verification::Revoked { id } => (AuthFailure::Revoked, format!("key:{id}")),
                Verification::Expired { id } => (AuthFailure::Expired, format!("key:{id}")),
            }
        }
    };
    state.metrics.auth_failure(failure);
    state.auth_failures.record(bucket(ip), &actor, request_id, &format!("{} API key", failure.as_str()));
    if let Some(decision) = state.limits.record_auth_failure(ip) {
        state.metrics.limited(Limited::AuthFailures);
        return Err(rate_limited(&decision, "too many failed authentications from this address"));
    }
    Err(unauthorized(failure))
}

/// Writes the failed-authentication entries that are due (all of them when
/// `everything`, at shutdown) to the audit log, one per client and minute.
pub(crate) async fn audit_failures(state: &State, everything: bool) {
    for entry in state.auth_failures.due(everything) {
        let actor = Actor { name: entry.actor, request_id: Some(entry.request_id) };
        if let Err(e) = state.store.audit(&actor, "auth_failed", None, Some(&entry.detail)).await {
            state.log.event(log::Level::Error, &format!("failed to audit failed authentications: {e}"));
        }
    }
}

fn unauthorized(failure: AuthFailure) -> ApiError {
    let (detail, challenge) = match failure {
        AuthFailure::Missing => (
            "an API key is required: send it in the `x-api-key` header or as `Authorization: Bearer KEY`",
            "Bearer realm=\"invoice\"",
        ),
        AuthFailure::Unknown => ("the API key is not valid", "Bearer realm=\"invoice\", error=\"invalid_token\""),
        AuthFailure::Revoked => ("the API key has been revoked", "Bearer realm=\"invoice\", error=\"invalid_token\""),
        AuthFailure::Expired => ("the API key has expired", "Bearer realm=\"invoice\", error=\"invalid_token\""),
    };
    ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", detail)
        .with_header(header::WWW_AUTHENTICATE, HeaderValue::from_static(challenge))
}

/// Checks that `principal` has `scope`.
///
/// # Errors
/// 403 naming the missing scope.
pub(crate) fn require(principal: Option<&Principal>, scope: Scope) -> Result<(), ApiError> {
    match principal {
        Some(p) if p.allows(scope) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("this API key lacks the `{}` scope this route needs", scope.as_str()),
        )),
        None => Err(ApiError::from_error(&Error::Internal("a scoped route was reached without a key".into()))),
    }
}
