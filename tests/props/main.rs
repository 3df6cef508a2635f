//! Property tests of the invoice core ("Prove it holds"): the money math, the exact
//! number readers, the JSON reader and the whole draft pipeline, each checked on
//! generated input with bounded case counts (the file runs in well under 30 s in debug).
//!
//! What is proven here, for every generated case:
//!
//! - totals are the sum of their parts (`net` = Σ group bases, `tax_total` = Σ group
//!   taxes, `gross` = `net` + `tax_total`, `due` = `gross` − `prepaid`, `lines_net` =
//!   Σ line nets, each group base = its lines − its allowances + its charges);
//! - each rounding step moves an amount by at most half a minor unit, and a tie moves
//!   away from zero (line nets against the exact product, group taxes against the
//!   exact `base × rate / 100`);
//! - every amount carries exactly the currency's minor units, as a Decimal and as the
//!   JSON string it is serialized to;
//! - serialization round-trips exactly (Invoice → JSON → Invoice; decimal text →
//!   Decimal → text keeps the written scale; numbers with exponents read exactly);
//! - totals do not depend on the order of lines, allowances or charges;
//! - arbitrary drafts (hostile strings, exponents, huge numbers, wrong types, unknown
//!   and repeated keys) never panic through parse → validate → totals → render in all
//!   four formats, and a rejected draft always says why;
//! - arbitrary bytes never panic `json::parse`, and `json::parse` accepts exactly the
//!   texts `serde_json` accepts (excluding the documented difference: numbers outside
//!   f64's range, which `serde_json` refuses while the reader leaves them to the decimal
//!   parser, which reports `out_of_range`).
//!
//! Failures are not persisted to files; a failing case found here is added as a plain
//! `#[test]` at the bottom instead, so it stays a regression test.
//!
//! One module per subject: `totals`, `numbers`, `pipeline`, `json_reader`, `regressions`; the shared pieces
//! (a fixed "today", the case-count knob, a tiny JSON model) are here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use chrono::NaiveDate;
use invoice::invoice::json;
use invoice::invoice::money::{self, NumberError};
use invoice::invoice::parse::Options;
use invoice::invoice::validate::compute_totals;
use invoice::invoice::{Code, Defaults, Invoice, check_bytes};
use invoice::render::{Format, Paper, render};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use rust_decimal::Decimal;
use std::fmt::Write as _;
use std::str::FromStr;

mod json_reader;
mod numbers;
mod pipeline;
mod regressions;
/// A fixed "today" so results do not depend on the calendar.
mod totals;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// `cases` per property, multiplied by `PROPS_SCALE` (default 1) for a deeper run:
/// `PROPS_SCALE=50 cargo test --release --test props`.
fn config(cases: u32) -> ProptestConfig {
    let scale = option_env_scale().unwrap_or(1);
    ProptestConfig {
        cases: cases.saturating_mul(scale),
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

/// `PROPS_SCALE` from the environment, if it is a positive number.
#[allow(clippy::disallowed_methods)] // a test knob, not product configuration
fn option_env_scale() -> Option<u32> {
    std::env::var("PROPS_SCALE").ok()?.parse().ok().filter(|n| *n > 0)
}

// ---------------------------------------------------------------------------------------
// A tiny JSON model that can hold any number text (1e400 included) and render itself with
// proper escaping, so generated drafts reach the reader exactly as intended.
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum J {
    Null,
    Bool(bool),
    /// A number exactly as it will be written (may be outside the JSON grammar on purpose
    /// only where a test says so).
    Num(String),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => out.push_str(n),
            J::Str(s) => write_string(out, s),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn obj(members: Vec<(&str, J)>) -> J {
    J::Obj(members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn s(text: &str) -> J {
    J::Str(text.to_owned())
}
