//! `invoice serve`: run the HTTP daemon for local applications (see `crate::server`).

use crate::config::{Config, ServerOptions};
use crate::error::{Error, ExitStatus};
use crate::server::Settings;

/// Arguments of `invoice serve`. Each flag may also be set in the config file's
/// `[server]` table (snake_case keys); a flag wins over the file.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    options: ServerOptions,
}

/// Runs the daemon until SIGINT/SIGTERM; prints `listening on URL` to stdout once bound.
///
/// # Errors
/// A refusal to start (exit 5): no usable API key, plain HTTP off loopback without
/// `--allow-plain-http`, bad TLS files, an address that cannot be bound, bad settings.
pub fn exec(args: &Args, config: &Config) -> Result<ExitStatus, Error> {
    let settings = Settings::resolve(&args.options, &config.server, config.file.as_deref())?;
    crate::server::run(settings, config, |url| super::write_stdout(format!("listening on {url}\n").as_bytes()))?;
    Ok(ExitStatus::Success)
}
