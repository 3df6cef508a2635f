//! End-to-end tests of the `invoice` binary, one module per area (one test binary keeps
//! link time down).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods, unreachable_pub, missing_docs)]

mod common;
mod create;
mod customers;
mod doctor;
mod documents;
mod einvoice;
mod fixtures;
mod generated;
mod hostile;
mod keys;
mod lifecycle;
mod list;
mod ops;
mod pdf;
mod postgres;
mod receivables;
mod reminders;
mod render;
mod serve;
mod validate;
