//! The body of `POST /v1/invoices/{number}/credit` (SPEC 12.3): an optional reason and
//! either a gross `amount` or whole `lines`; without either, what is left uncredited.

use crate::invoice::json::{self, Json};
use crate::invoice::{Code, Problem};
use crate::ops::CreditScope;

/// Reads `{reason, amount, lines}` strictly: unknown fields, duplicates and wrong types
/// are problems at their JSON Pointer; `amount` is a decimal string, `lines` an
/// array of line numbers from 1.
///
/// # Errors
/// The problems found.
pub(crate) fn credit_body(body: &[u8]) -> Result<(Option<String>, CreditScope), Vec<Problem>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok((None, CreditScope::Rest));
    }
    let value = json::parse(body).map_err(|e| vec![e.to_problem()])?;
    let Json::Object(members) = value else {
        return Err(vec![Problem::new("", Code::InvalidType, "the body must be a JSON object")]);
    };
    let (mut reason, mut amount, mut lines, mut problems) = (None, None, None, Vec::new());
    let mut seen: Vec<String> = Vec::new();
    for (name, value) in members {
        let path = format!("/{}", name.replace('~', "~0").replace('/', "~1"));
        if seen.iter().any(|s| *s == name) {
            problems.push(Problem::new(path, Code::DuplicateField, format!("field `{name}` appears more than once")));
            continue;
        }
        seen.push(name.to_string());
        let wrong = |want: &str| Problem::new(path.clone(), Code::InvalidType, format!("{name} must be {want}"));
        match (name.as_ref(), value) {
            ("reason", Json::String(text)) => reason = Some(text.into_owned()),
            ("amount", Json::String(text)) => match crate::invoice::money::parse_decimal_text(text.trim()) {
                Ok(value) => amount = Some(value),
                Err(_) => problems.push(Problem::new(
                    path,
                    Code::InvalidValue,
                    format!("amount `{}` is not an amount like 327.25", crate::security::text::display_safe(&text)),
                )),
            },
            ("lines", Json::Array(items)) => {
                let numbers: Option<Vec<usize>> =
                    items.iter().map(|i| if let Json::Number(n) = i { line_number(n) } else { None }).collect();
                match numbers {
                    Some(numbers) => lines = Some(numbers),
                    None => problems.push(wrong("an array of line numbers from 1")),
                }
            }
            ("reason", Json::Null) | ("amount", Json::Null) | ("lines", Json::Null) => {}
            ("reason", _) => problems.push(wrong("a string")),
            ("amount", _) => problems.push(wrong("a decimal string such as \"327.25\"")),
            ("lines", _) => problems.push(wrong("an array of line numbers from 1")),
            _ => {
                let shown = crate::security::text::display_safe(&name);
                problems.push(Problem::new(path, Code::UnknownField, format!("unknown field `{shown}`")));
            }
        }
    }
    let scope = match (amount, lines) {
        (Some(_), Some(_)) => {
            problems.push(Problem::new("/lines", Code::InvalidValue, "give amount or lines, not both"));
            CreditScope::Rest
        }
        (Some(amount), None) => CreditScope::Amount(amount),
        (None, Some(lines)) => CreditScope::Lines(lines),
        (None, None) => CreditScope::Rest,
    };
    if problems.is_empty() { Ok((reason, scope)) } else { Err(problems) }
}

/// A line number as JSON writes it: `3`, or `3.0` (JSON Schema's integers include it);
/// `None` for fractions and for numbers past the line cap.
fn line_number(text: &str) -> Option<usize> {
    let whole = match text.split_once('.') {
        Some((whole, fraction)) if fraction.bytes().all(|b| b == b'0') => whole,
        Some(_) => return None,
        None => text,
    };
    whole.parse::<usize>().ok().filter(|n| *n <= crate::invoice::model::MAX_LINES)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_credit_body_is_read_strictly() {
        assert_eq!(credit_body(b" ").unwrap(), (None, CreditScope::Rest));
        assert_eq!(
            credit_body(br#"{"reason":"returned","amount":"327.25"}"#).unwrap(),
            (Some("returned".into()), CreditScope::Amount("327.25".parse().unwrap()))
        );
        assert_eq!(credit_body(br#"{"lines":[1,3]}"#).unwrap().1, CreditScope::Lines(vec![1, 3]));
        let problems = credit_body(br#"{"amount":"x","lines":["1"],"y":1}"#).unwrap_err();
        let found: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.code.as_str())).collect();
        assert_eq!(found, [("/amount", "invalid_value"), ("/lines", "invalid_type"), ("/y", "unknown_field")]);
        let both = credit_body(br#"{"amount":"1","lines":[1]}"#).unwrap_err();
        assert_eq!(both[0].path, "/lines");
        assert_eq!(credit_body(br#"{"lines":[-1]}"#).unwrap_err()[0].code.as_str(), "invalid_type");
        // JSON Schema's integers include 3.0; fractions and numbers past the line cap are not lines.
        assert_eq!(credit_body(br#"{"lines":[1.0,3.00]}"#).unwrap().1, CreditScope::Lines(vec![1, 3]));
        for bad in [&br#"{"lines":[1.5]}"#[..], br#"{"lines":[1001]}"#, br#"{"lines":[1e400]}"#] {
            assert_eq!(credit_body(bad).unwrap_err()[0].code.as_str(), "invalid_type");
        }
    }
}
