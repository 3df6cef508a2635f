//! The invoice core: model, exact money math, parsing, validation and totals.
//!
//! Pure domain code: no I/O, no clock (callers pass "today"), no configuration
//! loading. The CLI and the daemon both call into here, so each rule exists once.

pub mod customer;
pub mod eas;
pub mod einvoice;
pub mod json;
pub mod model;
pub mod money;
pub mod parse;
pub mod problem;
pub mod rules;
mod suspicious;
mod unit_codes;
pub mod validate;

pub use model::{Draft, Invoice, Status};
pub use problem::{Code, Problem};
pub use validate::{Checked, Defaults, Rejected, check, check_bytes};
