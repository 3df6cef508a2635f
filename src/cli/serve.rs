//! `invoice serve`: run the HTTP daemon (stub until the daemon lands).

use crate::config::Config;
use crate::error::Error;

/// Arguments of `invoice serve`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the daemon until SIGINT/SIGTERM.
///
/// # Errors
/// Not implemented yet.
pub fn exec(_args: &Args, _config: &Config) -> Result<u8, Error> {
    Err(Error::Internal("the daemon is not implemented yet".into()))
}
