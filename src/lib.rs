//! Invoice Generator Pro: issue, validate and render invoices with exact decimal money.
//!
//! The library holds every rule; the `invoice` binary's commands and its HTTP daemon
//! are thin adapters over it:
//!
//! - [`invoice`]: the model, exact money math, parsing, validation and totals;
//! - [`security`]: checks on untrusted text and input limits;
//! - [`config`]: the configuration file, environment and defaults;
//! - [`cli`]: the command line.

#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod error;
pub mod invoice;
pub mod ops;
pub mod render;
pub mod security;
pub mod server;
pub mod store;

pub use error::{Error, Result};
