//! The HTTP daemon behind `invoice serve`: hyper 1 on tokio, a thin adapter over the
//! same core the CLI uses.
//!
//! Nothing here decides what a valid invoice is, how numbers are assigned or whether a
//! key is good: parsing is [`crate::invoice::parse`], every workflow is [`crate::ops`],
//! storage is [`crate::store`] and keys are [`crate::keys`]. This module owns
//! only what HTTP adds: the listener and its limits, routing, authentication order,
//! rate limits, problem responses, headers, metrics and the access log.
//!
//! How a request flows (and where each limit lives):
//!
//! 1. `conn`: the accept loop. Over `--max-connections` a connection gets a canned 503
//!    and is closed; TLS handshakes have a deadline; hyper enforces the header read
//!    timeout (which also ends idle keep-alive connections) and a hard header buffer
//!    cap; a stalled write is cut off.
//! 2. `service`: request id, client IP, the 16 KiB header limit (431), the per-IP rate
//!    limit (429), CORS preflights, then authentication for `/v1/` and `/metrics`
//!    (401 before 404/405), routing (404/405), scopes (403). A panic anywhere below is
//!    caught and becomes a 500. Security headers, CORS, rate-limit headers, the access
//!    log line and metrics are applied to every response here.
//! 3. `handlers`: the routes. Bodies are read through `request::read_body`
//!    (413 from `Content-Length` before reading, 413 while streaming, 415, 408).
//! 4. [`crate::ops`] and [`crate::keys`]: the workflows, shared with the CLI, on the one
//!    async [`crate::store::Store`] interface (whichever engine is behind it). A 2xx
//!    create is answered only after its commit.

mod auth;
mod auth_failures;
mod conn;
mod credits;
mod customers;
mod einvoice;
mod handlers;
mod limits;
mod logger;
mod metrics;
mod openapi;
mod problem;
mod received;
mod reminders;
mod request;
mod routes;
mod service;
mod settings;
mod state;
mod tls;

pub use settings::{LogFormat, Settings};
pub use tls::check as check_tls_files;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::keys::{self, StaticKey};
use crate::store::Store;
use std::net::SocketAddr;
use std::sync::Arc;

/// Runs the daemon until SIGINT or SIGTERM, then drains in-flight requests and returns.
///
/// `on_listening` is called once with the URL the daemon listens on (`http://ADDR` or
/// `https://ADDR`, with the real port) after the socket is bound and before the first
/// connection is accepted.
///
/// # Errors
/// [`Error::Config`] when the daemon refuses to start: no usable API key, plain HTTP on a
/// non-loopback address without `--allow-plain-http`, unreadable or invalid TLS files;
/// [`Error::Io`] when the address cannot be bound (port taken); [`Error::Store`] when the
/// store cannot be opened.
pub fn run(settings: Settings, config: &Config, on_listening: impl FnOnce(&str) -> Result<()>) -> Result<()> {
    let static_key = StaticKey::load(config)?;
    let location = config.store_location()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(settings.threads)
        .max_blocking_threads(settings.threads.saturating_mul(4).clamp(4, 64))
        .thread_name("invoice-serve")
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::io("start", "the async runtime", e))?;
    let (store, usable) = runtime.block_on(async {
        let store = Store::open_for_daemon(&location, settings.db_pool).await?;
        let usable = keys::any_usable_key(&store, static_key.as_ref()).await?;
        Ok::<_, Error>((store, usable))
    })?;
    if !usable {
        return Err(refusal(
            "no usable API key exists, so every request would be refused; create one with \
             `invoice keys create --client NAME --scopes read,write` (it is printed once), \
             or set INVOICE_API_KEY for a single static key",
        ));
    }
    let tls = settings.tls.as_ref().map(|(cert, key)| tls::load(cert, key)).transpose()?;
    // The daemon draws logos: a broken one stops it here, not at the first PDF (SPEC 15).
    let logo = crate::render::logo::load(config)?;
    let listener = bind(&settings, tls.is_some())?;
    let addr = listener.local_addr().map_err(|e| Error::io("read the address of", settings.bind.clone(), e))?;
    let log = logger::ServerLog::new(settings.log_format);
    let mut state = state::State::new(settings, config, store, static_key, log, tls.is_some());
    state.logo = logo.map(Arc::new);
    let state = Arc::new(state);
    let scheme = if tls.is_some() { "https" } else { "http" };
    let result = runtime.block_on(async {
        // Signal handlers first: a SIGTERM sent right after the announcement must
        // find them installed.
        let signals = conn::Signals::install()?;
        on_listening(&format!("{scheme}://{addr}"))?;
        state.log.event(::log::Level::Info, &format!("listening on {scheme}://{addr}"));
        conn::serve(listener, tls, Arc::clone(&state), signals).await
    });
    // Connections are drained (or the grace period is over); stop the runtime without
    // waiting for stragglers, then let the writer finish the job it is running.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    if let Ok(state) = Arc::try_unwrap(state) {
        state.finish();
    }
    result
}

/// A refusal to start, with exit code 5.
fn refusal(message: &str) -> Error {
    Error::Config { path: "invoice serve".into(), message: message.to_owned() }
}

/// Binds the listening socket, refusing plain HTTP off loopback unless allowed.
fn bind(settings: &Settings, tls: bool) -> Result<std::net::TcpListener> {
    use std::net::ToSocketAddrs;
    let addrs: Vec<SocketAddr> = settings
        .bind
        .to_socket_addrs()
        .map_err(|e| refusal(&format!("--bind `{}` is not an address: {e}", settings.bind)))?
        .collect();
    if addrs.is_empty() {
        return Err(refusal(&format!("--bind `{}` resolves to no address", settings.bind)));
    }
    if !tls && !settings.allow_plain_http && addrs.iter().any(|a| !a.ip().is_loopback()) {
        return Err(refusal(&format!(
            "refusing plain HTTP on the non-loopback address {}: API keys would cross the network in clear text; \
             use --tls-cert/--tls-key, put a TLS reverse proxy in front and bind to 127.0.0.1, \
             or pass --allow-plain-http if the network is trusted",
            settings.bind
        )));
    }
    let listener = std::net::TcpListener::bind(&addrs[..]).map_err(|e| Error::io("bind", settings.bind.clone(), e))?;
    listener.set_nonblocking(true).map_err(|e| Error::io("configure", settings.bind.clone(), e))?;
    Ok(listener)
}
