//! `POST /v1/reminders/run` and `GET /v1/invoices/{number}/reminders` (SPEC 12.5): the
//! same workflows as `invoice remind` ([`crate::ops::remind`]).

use super::handlers::{Call, json_value, principal};
use super::problem::{ApiError, Resp};
use super::request::{BodyRule, Query, read_body};
use crate::error::Error;
use crate::invoice::json::{self, Json};
use crate::invoice::{Code, Problem};
use chrono::NaiveDate;
use hyper::body::Incoming;
use hyper::{Request, StatusCode};

/// `POST /v1/reminders/run` with an optional `{"as_of": "YYYY-MM-DD", "dry_run": bool}`:
/// the reminders issued (or, on a dry run, due) and the overdue invoices reminded of
/// nothing, with the reason. Admin scope.
pub(crate) async fn run(call: &Call<'_>, req: Request<Incoming>) -> Result<Resp, ApiError> {
    Query::parse(req.uri().query(), &[])?;
    let state = call.state;
    let body = read_body(req, state.settings.max_body, state.settings.body_timeout, BodyRule::Optional).await?;
    let (as_of, dry_run) = run_body(&body).map_err(|problems| ApiError::from_error(&Error::Invalid { problems }))?;
    let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let actor = principal(call)?.actor(Some(call.request_id.to_owned()));
    let run = crate::ops::remind(&state.store, &[], as_of, dry_run, &state.reminders, &actor, |_| Ok(())).await?;
    let value = serde_json::to_value(&run).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(json_value(StatusCode::OK, &value))
}

/// Reads `{as_of, dry_run}` strictly: unknown fields, duplicates and wrong types are
/// problems at their JSON Pointer.
fn run_body(body: &[u8]) -> Result<(Option<NaiveDate>, bool), Vec<Problem>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok((None, false));
    }
    let value = json::parse(body).map_err(|e| vec![e.to_problem()])?;
    let Json::Object(members) = value else {
        return Err(vec![Problem::new("", Code::InvalidType, "the body must be a JSON object")]);
    };
    let (mut as_of, mut dry_run, mut problems, mut seen) = (None, false, Vec::new(), Vec::new());
    for (name, value) in members {
        let path = format!("/{}", name.replace('~', "~0").replace('/', "~1"));
        if seen.contains(&name) {
            problems.push(Problem::new(path, Code::DuplicateField, format!("field `{name}` appears more than once")));
            continue;
        }
        seen.push(name.clone());
        match (name.as_ref(), value) {
            ("as_of", Json::String(text)) => match crate::invoice::parse::parse_date(text.trim()) {
                Some(date) => as_of = Some(date),
                None => problems.push(Problem::new(
                    path,
                    Code::InvalidDate,
                    "as_of must be a real calendar date in YYYY-MM-DD form",
                )),
            },
            ("as_of", Json::Null) => {}
            ("dry_run", Json::Bool(flag)) => dry_run = flag,
            ("as_of" | "dry_run", _) => {
                let want = if name == "as_of" { "a date string" } else { "true or false" };
                problems.push(Problem::new(path, Code::InvalidType, format!("{name} must be {want}")));
            }
            _ => {
                let shown = crate::security::text::display_safe(&name);
                problems.push(Problem::new(path, Code::UnknownField, format!("unknown field `{shown}`")));
            }
        }
    }
    if problems.is_empty() { Ok((as_of, dry_run)) } else { Err(problems) }
}

/// `GET /v1/invoices/{number}/reminders`: the reminders issued for an invoice, by level.
pub(crate) async fn of_invoice(call: &Call<'_>, req: &Request<Incoming>, number: &str) -> Result<Resp, ApiError> {
    Query::parse(req.uri().query(), &[])?;
    let reminders = crate::ops::reminders_of(&call.state.store, number).await?;
    let body = serde_json::json!({ "invoice": number, "reminders": reminders });
    Ok(json_value(StatusCode::OK, &body))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_run_body_is_read_strictly() {
        assert_eq!(run_body(b"").unwrap(), (None, false));
        assert_eq!(
            run_body(br#"{"as_of":"2026-12-01","dry_run":true}"#).unwrap(),
            (Some("2026-12-01".parse().unwrap()), true)
        );
        let problems = run_body(br#"{"as_of":"2026-02-30","dry_run":"yes","x":1}"#).unwrap_err();
        let paths: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.code.as_str())).collect();
        assert_eq!(paths, [("/as_of", "invalid_date"), ("/dry_run", "invalid_type"), ("/x", "unknown_field")]);
        assert_eq!(run_body(b"[]").unwrap_err()[0].code.as_str(), "invalid_type");
        assert_eq!(run_body(br#"{"dry_run":true,"dry_run":false}"#).unwrap_err()[0].code.as_str(), "duplicate_field");
    }
}
