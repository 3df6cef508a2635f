//! `invoice serve`: run the HTTP daemon for local applications (see `crate::server`).

use crate::config::Config;
use crate::error::Error;
use crate::server::{Flags, LogFormat, Settings};
use std::path::PathBuf;

/// Arguments of `invoice serve`. Each flag may also be set in the config file's
/// `[server]` table (snake_case keys); a flag wins over the file.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on [default: 127.0.0.1:8080]. Port 0 picks a free port.
    #[arg(long, value_name = "ADDR")]
    bind: Option<String>,
    /// Requests per minute per client IP [default: 60].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    rate_limit: Option<u32>,
    /// Failed authentications per minute per client IP [default: 10, or --rate-limit if lower].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    auth_fail_limit: Option<u32>,
    /// Largest request body in bytes [default: 1048576].
    #[arg(long, value_name = "BYTES")]
    max_body: Option<u64>,
    /// Allow browser calls from this origin (repeatable; `*` is never accepted).
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origin: Vec<String>,
    /// Worker threads [default: the number of CPUs].
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Database connections on PostgreSQL (the pool) [default: 8].
    #[arg(long, value_name = "N")]
    db_pool: Option<usize>,
    /// Concurrent connections; over it new connections get 503 [default: 256].
    #[arg(long, value_name = "N")]
    max_connections: Option<usize>,
    /// Take the client IP from the rightmost X-Forwarded-For entry (behind a reverse proxy).
    #[arg(long)]
    trust_proxy: bool,
    /// TLS certificate chain (PEM); serves HTTPS natively with --tls-key.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// TLS private key (PEM).
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Access log format [default: text].
    #[arg(long, value_enum, value_name = "FORMAT")]
    log_format: Option<LogFormat>,
    /// Serve plain HTTP on a non-loopback address (only on a trusted network).
    #[arg(long)]
    allow_plain_http: bool,
    /// Strip markup from drafts (reported as warnings) instead of refusing it.
    #[arg(long)]
    sanitize: bool,
    /// Time to send a request head, and the idle keep-alive time, in milliseconds.
    #[arg(long, value_name = "MS", hide = true)]
    header_timeout_ms: Option<u64>,
    /// Time to send a request body, in milliseconds.
    #[arg(long, value_name = "MS", hide = true)]
    body_timeout_ms: Option<u64>,
    /// Time in-flight requests get after SIGINT/SIGTERM, in milliseconds.
    #[arg(long, value_name = "MS", hide = true)]
    shutdown_grace_ms: Option<u64>,
}

/// Runs the daemon until SIGINT/SIGTERM; prints `listening on URL` to stdout once bound.
///
/// # Errors
/// A refusal to start (exit 5): no usable API key, plain HTTP off loopback without
/// `--allow-plain-http`, bad TLS files, an address that cannot be bound, bad settings.
pub fn exec(args: &Args, config: &Config) -> Result<u8, Error> {
    let flags = Flags {
        bind: args.bind.clone(),
        rate_limit: args.rate_limit,
        auth_fail_limit: args.auth_fail_limit,
        max_body: args.max_body,
        cors_origins: args.cors_origin.clone(),
        threads: args.threads,
        db_pool: args.db_pool,
        max_connections: args.max_connections,
        trust_proxy: args.trust_proxy,
        tls_cert: args.tls_cert.clone(),
        tls_key: args.tls_key.clone(),
        log_format: args.log_format,
        allow_plain_http: args.allow_plain_http,
        sanitize: args.sanitize,
        header_timeout_ms: args.header_timeout_ms,
        body_timeout_ms: args.body_timeout_ms,
        shutdown_grace_ms: args.shutdown_grace_ms,
    };
    let settings = Settings::resolve(&flags, &config.server, config.file.as_deref())?;
    crate::server::run(settings, config, |url| super::write_stdout(format!("listening on {url}\n").as_bytes()))?;
    Ok(0)
}
