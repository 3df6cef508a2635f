//! Invoice Generator Pro: issue, validate and render invoices with exact decimal money.
//!
//! The library holds every rule; the `invoice` binary's commands and its HTTP daemon
//! are thin adapters over it. Modules, top to bottom (each uses only the rows below it):
//!
//! - front ends: [`cli`] (the command line) and [`server`] (the HTTP daemon);
//! - workflows: [`ops`] (create, credit, pay, void), [`keys`] (API keys and the static
//!   key), [`batch`] (many drafts on every core), [`render`] (text, HTML, JSON, PDF) and
//!   [`render::einvoice`] (EN 16931 e-invoices: UBL, CII, XRechnung, Peppol, Factur-X);
//! - storage: [`store`] (the embedded SQLite store, numbering, the audit log);
//! - configuration: [`config`] (file, environment, defaults; the daemon's options);
//! - pure leaves: [`invoice`] (model, money, parsing, validation, totals; no I/O),
//!   [`error`] (the one error type, its exit statuses and HTTP statuses) and
//!   [`security`] (checks on untrusted text, input limits).

#![forbid(unsafe_code)]

pub mod batch;
pub mod cli;
pub mod config;
pub mod customers;
pub mod error;
pub mod invoice;
pub mod keys;
pub mod ops;
pub mod receivables;
pub mod received;
pub mod recurring;
pub mod render;
pub mod security;
pub mod server;
pub mod store;

pub use error::{Error, Result};
