//! The daemon's log: one line per request plus lifecycle events, as text or JSON lines.
//!
//! It is its own `env_logger` logger (same `INVOICE_LOG` filter syntax as the CLI) so
//! `serve` can default to `info` and print JSON lines without touching the global
//! logger the CLI set up. Lines are built here from fixed fields only: the route
//! template (never the raw path or query), the key *id*, the request id. No header
//! value other than a validated request id ever reaches a line, so API keys,
//! `Authorization`, `Cookie` and `x-api-key` cannot leak at any verbosity.

use super::settings::LogFormat;
use crate::security::text::escape_controls;
use chrono::{SecondsFormat, Utc};
use log::{Level, LevelFilter, Log, Record};
use std::io::Write;
use std::net::IpAddr;
use std::time::Duration;

/// Target of access lines (`INVOICE_LOG=invoice::access=off` silences them).
const ACCESS: &str = "invoice::access";
/// Target of lifecycle and error events.
const EVENTS: &str = "invoice::server";

/// One finished request, as logged.
#[derive(Debug)]
pub(crate) struct Access<'a> {
    pub(crate) request_id: &'a str,
    pub(crate) client_ip: IpAddr,
    pub(crate) method: &'a str,
    pub(crate) route: &'a str,
    pub(crate) status: u16,
    pub(crate) bytes: usize,
    pub(crate) latency: Duration,
    pub(crate) key_id: Option<&'a str>,
}

/// The daemon's logger.
pub(crate) struct ServerLog {
    logger: env_logger::Logger,
    format: LogFormat,
}

impl ServerLog {
    /// Builds the logger. With `INVOICE_LOG` unset the level follows the global one
    /// (`-q`, `-v`, `-vv`), except that the CLI's default `warn` becomes `info`: a
    /// daemon logs its requests by default.
    pub(crate) fn new(format: LogFormat) -> Self {
        let default = match ::log::max_level() {
            LevelFilter::Off => "off",
            LevelFilter::Error => "error",
            LevelFilter::Warn | LevelFilter::Info => "info",
            LevelFilter::Debug => "debug",
            LevelFilter::Trace => "trace",
        };
        let env = env_logger::Env::new().filter_or("INVOICE_LOG", default);
        // usvg's per-glyph warnings are said once by the config checks instead (SPEC 15).
        let logger = env_logger::Builder::new()
            .filter_module("usvg", LevelFilter::Error)
            .parse_env(env)
            .format(|buf, record| writeln!(buf, "{}", record.args()))
            .target(env_logger::Target::Stderr)
            .build();
        ServerLog { logger, format }
    }

    fn enabled(&self, level: Level, target: &str) -> bool {
        self.logger.enabled(&::log::Metadata::builder().level(level).target(target).build())
    }

    fn emit(&self, level: Level, target: &str, line: &str) {
        self.logger.log(&Record::builder().level(level).target(target).args(format_args!("{line}")).build());
    }

    /// Logs a finished request at `info`.
    pub(crate) fn access(&self, entry: &Access<'_>) {
        if !self.enabled(Level::Info, ACCESS) {
            return;
        }
        let time = now();
        let latency_ms = entry.latency.as_secs_f64() * 1000.0;
        let line = match self.format {
            LogFormat::Text => format!(
                "{time} INFO  request id={} ip={} method={} route={} status={} bytes={} latency_ms={latency_ms:.3} key={}",
                entry.request_id,
                entry.client_ip,
                escape_controls(entry.method, false),
                entry.route,
                entry.status,
                entry.bytes,
                entry.key_id.unwrap_or("-"),
            ),
            LogFormat::Json => serde_json::json!({
                "time": time,
                "level": "INFO",
                "event": "request",
                "request_id": entry.request_id,
                "client_ip": entry.client_ip.to_string(),
                "method": entry.method,
                "route": entry.route,
                "status": entry.status,
                "bytes": entry.bytes,
                "latency_ms": (latency_ms * 1000.0).round() / 1000.0,
                "key_id": entry.key_id,
            })
            .to_string(),
        };
        self.emit(Level::Info, ACCESS, &line);
    }

    /// Logs a lifecycle event or a server-side error (never shown to clients).
    pub(crate) fn event(&self, level: Level, message: &str) {
        if !self.enabled(level, EVENTS) {
            return;
        }
        let time = now();
        let line = match self.format {
            LogFormat::Text => format!("{time} {level:<5} {}", escape_controls(message, false)),
            LogFormat::Json => serde_json::json!({
                "time": time,
                "level": level.as_str(),
                "event": "server",
                "message": message,
            })
            .to_string(),
        };
        self.emit(level, EVENTS, &line);
    }
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}
