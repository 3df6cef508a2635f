//! Invoice Generator Pro: issue, validate and render invoices with exact decimal money.
//!
//! The library holds every rule; the `invoice` binary's commands and its HTTP daemon
//! are thin adapters over it:
//!
//! - [`invoice`]: the model, exact money math, parsing, validation and totals (no I/O);
//! - [`security`]: checks on untrusted text and input limits (pure);
//! - [`keys`]: API keys and the static key, a workflow over the store like [`ops`];
//! - [`store`]: the embedded SQLite store, numbering and the audit log;
//! - [`ops`]: create, credit, pay and void — the workflows both front ends call;
//! - [`render`]: text, HTML, JSON and PDF documents;
//! - [`einvoice`]: EN 16931 e-invoices (UBL, CII, XRechnung, Peppol, Factur-X);
//! - [`config`]: the configuration file, environment and defaults;
//! - [`cli`]: the command line;
//! - [`server`]: the HTTP daemon.

#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod einvoice;
pub mod error;
pub mod invoice;
pub mod keys;
pub mod ops;
pub mod render;
pub mod security;
pub mod server;
pub mod store;

pub use error::{Error, Result};
