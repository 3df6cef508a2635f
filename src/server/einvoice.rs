//! The daemon's e-invoice query parameters (SPEC 8.1, 8.4): `profile` on the render and
//! validate routes. A bad value or a format/profile pair that does not exist is 400.

use super::problem::ApiError;
use super::request::Query;
use crate::render::Format;
use crate::render::einvoice::{Profile, check_pair};
use hyper::Request;

fn parse_profile(value: &str) -> Result<Profile, ApiError> {
    Profile::from_name(value)
        .ok_or_else(|| ApiError::bad_query("profile", "invalid_value", format!("must be one of: {}", Profile::NAMES)))
}

/// The profile of a render request: `?profile=`, else the configured default.
pub(super) fn profile(format: Format, given: Option<&str>, default: Profile) -> Result<Profile, ApiError> {
    let Some(syntax) = format.einvoice() else {
        return match given {
            Some(_) => Err(ApiError::bad_query(
                "profile",
                "invalid_value",
                "applies only to the e-invoice formats ubl, cii and facturx",
            )),
            None => Ok(default),
        };
    };
    let profile = given.map(parse_profile).transpose()?.unwrap_or(default);
    check_pair(syntax, profile).map_err(|why| ApiError::bad_query("profile", "invalid_value", why))?;
    Ok(profile)
}

/// The optional `?profile=` of `POST /v1/invoices/validate`; no other parameter is allowed.
pub(super) fn validate_profile<B>(req: &Request<B>) -> Result<Option<Profile>, ApiError> {
    let query = Query::parse(req.uri().query(), &["profile"])?;
    query.get("profile").map(parse_profile).transpose()
}
