//! What the daemon shares between requests: settings, the store, the static key,
//! rate limiters, metrics, the log, request ids and the connection count. Built once in
//! [`super::run`]; every other module of the daemon reads it, none owns a piece of it.

use super::auth_failures::FailureLog;
use super::limits::RateLimits;
use super::logger::ServerLog;
use super::metrics::Metrics;
use super::request::RequestIds;
use super::settings::Settings;
use crate::config::Config;
use crate::invoice::Defaults;
use crate::keys::StaticKey;
use crate::store::{Numbering, Store};
use hyper::body::Bytes;
use hyper::header::{self, HeaderMap, HeaderValue};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Everything the daemon shares between requests.
pub(crate) struct State {
    pub(crate) settings: Settings,
    pub(crate) defaults: Arc<Defaults>,
    /// `[reminders]`: levels, fees, interest (SPEC 12.5).
    pub(crate) reminders: Arc<crate::receivables::ReminderPolicy>,
    pub(crate) number_pattern: Arc<str>,
    /// `[defaults] einvoice_profile`.
    pub(crate) einvoice_profile: crate::render::einvoice::Profile,
    /// `[defaults] logo`, checked when the config was loaded.
    pub(crate) logo: Option<Arc<crate::render::logo::Logo>>,
    /// `[defaults] chronological`.
    pub(crate) chronological: bool,
    pub(crate) store: Store,
    pub(crate) static_key: Option<Arc<StaticKey>>,
    pub(crate) limits: RateLimits,
    /// Failed authentications waiting to be audited, one entry per client and minute.
    pub(crate) auth_failures: FailureLog,
    pub(crate) metrics: Metrics,
    pub(crate) log: ServerLog,
    pub(crate) ids: RequestIds,
    /// One permit per open connection.
    pub(crate) connections: Arc<Semaphore>,
    pub(crate) tls: bool,
    pub(crate) openapi: Bytes,
    pub(crate) cors_origins: Vec<HeaderValue>,
}

impl State {
    pub(crate) fn new(
        settings: Settings,
        config: &Config,
        store: Store,
        static_key: Option<StaticKey>,
        log: ServerLog,
        tls: bool,
    ) -> Self {
        let cors_origins = settings.cors_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
        State {
            limits: RateLimits::with_keys(settings.rate_limit, settings.key_rate_limit, settings.auth_fail_limit),
            auth_failures: FailureLog::default(),
            connections: Arc::new(Semaphore::new(settings.max_connections)),
            defaults: Arc::new(config.defaults.clone()),
            reminders: Arc::new(config.reminders.clone()),
            number_pattern: Arc::from(config.number_pattern.as_str()),
            einvoice_profile: config.einvoice_profile,
            // Read by `server::run` before the daemon starts (it draws logos).
            logo: None,
            chronological: config.chronological,
            store,
            static_key: static_key.map(Arc::new),
            metrics: Metrics::default(),
            log,
            ids: RequestIds::new(),
            tls,
            openapi: Bytes::from(super::openapi::document(&settings).to_string()),
            settings,
            cors_origins,
        }
    }

    /// Connections open now.
    pub(crate) fn open_connections(&self) -> usize {
        self.settings.max_connections.saturating_sub(self.connections.available_permits())
    }

    /// How invoices are numbered.
    pub(crate) fn numbering(&self) -> Numbering<'_> {
        Numbering { pattern: &self.number_pattern, chronological: self.chronological }
    }

    /// Stops the store after its queued writes.
    pub(crate) fn finish(self) {
        self.store.close(Duration::from_secs(5));
    }

    /// The request's `Origin` if it is allowed.
    pub(crate) fn allowed_origin(&self, headers: &HeaderMap) -> Option<HeaderValue> {
        let origin = headers.get(header::ORIGIN)?;
        self.cors_origins.iter().find(|allowed| allowed.as_bytes().eq_ignore_ascii_case(origin.as_bytes())).cloned()
    }
}
