//! The security module shared by the CLI and the daemon: checks on untrusted text and
//! limits on input size. (API keys and rate limits join it with the daemon.)

pub mod keys;
pub mod limits;
pub mod text;
