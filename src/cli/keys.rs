//! `invoice keys ...`: manage API keys (stub until keys land).

use crate::config::Config;
use crate::error::Error;

/// `invoice keys` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum KeysCommand {
    /// List API keys (never their secrets).
    List,
}

/// Runs `invoice keys ...`.
///
/// # Errors
/// Not implemented yet.
pub fn exec(_command: &KeysCommand, _config: &Config) -> Result<u8, Error> {
    Err(Error::Internal("API keys are not implemented yet".into()))
}
