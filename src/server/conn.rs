//! The listener and its connections: the connection cap, TLS handshakes, hyper's
//! HTTP/1.1 connection with its timeouts, stalled writes, and graceful shutdown.
//!
//! * Over `--max-connections`, or over `--max-connections-per-client` for its client
//!   bucket (SPEC 11/15), a new connection first makes room by closing an idle one (no
//!   request in flight: the longest idle of that client, or, when the daemon is full, of
//!   the client holding the most); only when none is idle does it get a canned 503 problem
//!   and is closed (under TLS it is just closed: a plain-text answer would be noise to a
//!   TLS client). So one client holding idle sockets cannot starve the others (issue #21:
//!   300 idle sockets made 90 % of other clients' requests 503). Idle connections cost a
//!   task and a socket, not a thread.
//! * hyper's header read timeout bounds how long a client may take to send a request
//!   head, and since it starts when hyper waits for the *next* request, it is also the
//!   idle keep-alive timeout. Heads over 64 KiB are refused by hyper itself (a bare
//!   431); the service answers the 16 KiB limit with a full problem response.
//! * A response write that makes no progress for `write_timeout` drops the connection.
//! * Accept errors (EMFILE, ...) are logged and retried after a pause; the listener
//!   is never given up.
//! * SIGINT/SIGTERM: stop accepting, ask every connection to finish its in-flight
//!   request and close, wait up to the grace period.

use super::limits::bucket;
use super::service::{self, SECURITY_HEADERS};
use super::state::State;
use crate::error::{Error, Result};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::{Mutex, PoisonError};
use std::task::{Context, Poll, ready};
use std::time::Duration;
use std::time::Instant;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio_rustls::TlsAcceptor;

/// hyper's hard cap on a request head; the service refuses anything over 16 KiB
/// with a proper problem response before that.
const HARD_HEAD_LIMIT: usize = 64 * 1024;
/// Most connections being turned away at the same time.
const MAX_REJECTING: usize = 64;
/// How long a connection admitted by closing an idle one waits for that one's permit.
const EVICTION_WAIT: Duration = Duration::from_secs(2);
/// How often rate-limit state is trimmed.
const HOUSEKEEPING: Duration = Duration::from_secs(10);

/// Signals that stop the daemon, installed before the address is announced so that a
/// signal sent right after never kills the process the hard way.
pub(crate) struct Signals {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl Signals {
    /// Installs the handlers (must run inside the runtime).
    ///
    /// # Errors
    /// [`Error::Io`] when the handlers cannot be installed.
    pub(crate) fn install() -> Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let err = |e| Error::io("install", "the signal handlers", e);
            Ok(Signals {
                terminate: signal(SignalKind::terminate()).map_err(err)?,
                interrupt: signal(SignalKind::interrupt()).map_err(err)?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    async fn recv(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.terminate.recv() => {}
            _ = self.interrupt.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Accepts connections until a signal arrives, then drains them.
///
/// # Errors
/// [`Error::Io`] when the listener cannot be registered with the runtime.
pub(crate) async fn serve(
    listener: std::net::TcpListener,
    tls: Option<TlsAcceptor>,
    state: Arc<State>,
    mut signals: Signals,
) -> Result<()> {
    let listener =
        TcpListener::from_std(listener).map_err(|e| Error::io("listen on", state.settings.bind.clone(), e))?;
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let housekeeping = tokio::spawn(housekeeping(Arc::clone(&state)));
    let rejecting = Arc::new(Semaphore::new(MAX_REJECTING));
    // Behind a trusted proxy every connection comes from the proxy: no per-client cap.
    let per_client = if state.settings.trust_proxy { usize::MAX } else { state.settings.max_connections_per_client };
    let registry = Arc::new(Registry::new(per_client));
    loop {
        let (stream, peer) = tokio::select! {
            () = signals.recv() => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    state.log.event(log::Level::Warn, &format!("accept failed (retrying): {e}"));
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let permit = Arc::clone(&state.connections).try_acquire_owned().ok();
        let client = bucket(peer.ip());
        match (registry.admit(client, permit.is_none()), permit) {
            (Some(ticket), Some(permit)) => {
                let (tls, state, shutdown) = (tls.clone(), Arc::clone(&state), shutdown_rx.clone());
                tokio::spawn(connection(stream, peer, tls, state, shutdown, permit, ticket));
            }
            // An idle connection was asked to close: this one takes its permit once it is
            // free (waits are bounded in time and in number, like refusals).
            (Some(ticket), None) => match Arc::clone(&rejecting).try_acquire_owned() {
                Ok(waiting) => {
                    let (tls, state, shutdown) = (tls.clone(), Arc::clone(&state), shutdown_rx.clone());
                    tokio::spawn(async move {
                        let freed =
                            tokio::time::timeout(EVICTION_WAIT, Arc::clone(&state.connections).acquire_owned()).await;
                        match freed {
                            Ok(Ok(permit)) => {
                                drop(waiting);
                                connection(stream, peer, tls, state, shutdown, permit, ticket).await;
                            }
                            _ => {
                                state.metrics.connection_rejected();
                                drop(ticket);
                                if tls.is_none() {
                                    reject(stream, state.ids.next(), waiting).await;
                                }
                            }
                        }
                    });
                }
                Err(_) => state.metrics.connection_rejected(),
            },
            (None, _) => {
                state.metrics.connection_rejected();
                if tls.is_none()
                    && let Ok(permit) = Arc::clone(&rejecting).try_acquire_owned()
                {
                    tokio::spawn(reject(stream, state.ids.next(), permit));
                }
            }
        }
    }
    drop(listener);
    housekeeping.abort();
    state.log.event(log::Level::Info, "shutting down: no new connections; finishing in-flight requests");
    let _ = shutdown_tx.send(true);
    let all = u32::try_from(state.settings.max_connections).unwrap_or(u32::MAX);
    match tokio::time::timeout(state.settings.shutdown_grace, state.connections.acquire_many(all)).await {
        Ok(_) => state.log.event(log::Level::Info, "stopped"),
        Err(_) => state.log.event(
            log::Level::Warn,
            &format!("stopped after the grace period with {} connection(s) still open", state.open_connections()),
        ),
    }
    // The failed authentications of the last minute are audited before the store closes.
    super::auth::audit_failures(&state, true).await;
    Ok(())
}

async fn housekeeping(state: Arc<State>) {
    let mut tick = tokio::time::interval(HOUSEKEEPING);
    loop {
        tick.tick().await;
        state.limits.housekeeping();
        super::auth::audit_failures(&state, false).await;
    }
}

/// Serves one accepted connection while holding its permit and its place in the registry.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    tls: Option<TlsAcceptor>,
    state: Arc<State>,
    shutdown: watch::Receiver<bool>,
    _permit: OwnedSemaphorePermit,
    ticket: Ticket,
) {
    let ticket = Arc::new(ticket);
    match tls {
        None => drive(stream, peer, state, shutdown, ticket).await,
        Some(acceptor) => match tokio::time::timeout(state.settings.header_timeout, acceptor.accept(stream)).await {
            Ok(Ok(stream)) => drive(stream, peer, state, shutdown, ticket).await,
            Ok(Err(e)) => state.log.event(log::Level::Debug, &format!("TLS handshake with {peer} failed: {e}")),
            Err(_) => state.log.event(log::Level::Debug, &format!("TLS handshake with {peer} timed out")),
        },
    }
}

async fn drive<IO>(
    io: IO,
    peer: SocketAddr,
    state: Arc<State>,
    mut shutdown: watch::Receiver<bool>,
    ticket: Arc<Ticket>,
) where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let io = TokioIo::new(WriteDeadline::new(io, state.settings.write_timeout, Arc::clone(&state)));
    let service_state = Arc::clone(&state);
    let service_ticket = Arc::clone(&ticket);
    let service = service_fn(move |req| {
        let state = Arc::clone(&service_state);
        let ticket = Arc::clone(&service_ticket);
        async move {
            ticket.set_idle(false);
            let response = service::handle(state, peer, req).await;
            ticket.set_idle(true);
            Ok::<_, Infallible>(response)
        }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(state.settings.header_timeout)
        .max_header_size(HARD_HEAD_LIMIT)
        .keep_alive(true);
    let connection = builder.serve_connection(io, service);
    tokio::pin!(connection);
    let result = tokio::select! {
        result = connection.as_mut() => result,
        () = stopping(&mut shutdown) => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
        // Asked to make room while idle: hyper closes it at once (or after a request that
        // started meanwhile).
        () = ticket.close.notified() => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(e) = result {
        state.log.event(log::Level::Debug, &format!("connection from {peer} ended: {e}"));
    }
}

/// Resolves once shutdown has begun.
async fn stopping(shutdown: &mut watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|stop| *stop).await;
}

/// A whole HTTP/1.1 problem response (head and body) for the answers that are written
/// below hyper's service: `status` like "503 Service Unavailable", the problem `slug`,
/// the detail, and any `extra` header lines; with the security headers and
/// `connection: close`.
fn raw_problem(status: &str, slug: &str, detail: &str, request_id: &str, extra: &str) -> String {
    let code = status.split(' ').next().unwrap_or("500");
    let title = status.split_once(' ').map_or(status, |(_, title)| title);
    let body = format!(
        "{{\"type\":\"{}{slug}\",\"title\":\"{title}\",\"status\":{code},\"detail\":\"{detail}\",\"errors\":[],\
         \"request_id\":\"{request_id}\"}}\n",
        super::problem::TYPE_PREFIX
    );
    let mut head = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\n\
         connection: close\r\n{extra}x-request-id: {request_id}\r\n",
        body.len()
    );
    for (name, value) in SECURITY_HEADERS {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    head.push_str(&body);
    head
}

/// hyper answers a request it cannot parse itself, with an empty body (`400`, `414`,
/// `431`; `content-length: 0`). Our own error answers always carry a problem body, so an
/// empty answer with one of these statuses at the start of a write is hyper's: it is
/// replaced by the same answer as `application/problem+json` (SPEC 4: every error is
/// a problem document).
fn automatic_answer(bytes: &[u8], request_id: impl FnOnce() -> String) -> Option<Vec<u8>> {
    const AUTOMATIC: [(&[u8], &str, &str, &str); 3] = [
        (b"HTTP/1.1 400 ", "400 Bad Request", "bad-request", "the request is not valid HTTP/1.1"),
        (b"HTTP/1.1 414 ", "414 URI Too Long", "uri-too-long", "the request target is too long"),
        (
            b"HTTP/1.1 431 ",
            "431 Request Header Fields Too Large",
            "header-fields-too-large",
            "the request line and headers are over 64 KiB",
        ),
    ];
    let (_, status, slug, detail) = AUTOMATIC.iter().find(|(start, ..)| bytes.starts_with(start))?;
    let head_end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..head_end]).ok()?.to_ascii_lowercase();
    if !head.contains("\r\ncontent-length: 0") || bytes.len() != head_end + 4 {
        return None;
    }
    Some(raw_problem(status, slug, detail, &request_id(), "").into_bytes())
}

/// Turns a connection away: a 503 problem, then close (after reading briefly, so the
/// client is not sent a reset before it could read the answer).
async fn reject(mut stream: TcpStream, request_id: String, _permit: OwnedSemaphorePermit) {
    let head = raw_problem(
        "503 Service Unavailable",
        "unavailable",
        "too many open connections; try again shortly",
        &request_id,
        "retry-after: 1\r\n",
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        stream.write_all(head.as_bytes()).await?;
        stream.shutdown().await?;
        let mut sink = [0u8; 4096];
        let mut total = 0usize;
        while total < 64 * 1024 {
            match stream.read(&mut sink).await? {
                0 => break,
                n => total += n,
            }
        }
        Ok::<_, io::Error>(())
    })
    .await;
}

/// The open connections by client bucket, and which are idle (no request in flight), so
/// that room is made by closing idle connections first (SPEC 15).
struct Registry {
    per_client: usize,
    inner: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    next: u64,
    slots: HashMap<u64, Slot>,
    /// Connections per client bucket, not counting those asked to close.
    by_client: HashMap<IpAddr, usize>,
}

struct Slot {
    client: IpAddr,
    /// Idle since then; `None` while a request is in flight.
    idle_since: Option<Instant>,
    close: Arc<Notify>,
}

/// A connection's place in the [`Registry`]; leaves it when dropped.
struct Ticket {
    registry: Arc<Registry>,
    id: u64,
    close: Arc<Notify>,
}

impl Registry {
    fn new(per_client: usize) -> Self {
        Registry { per_client, inner: Mutex::new(Open::default()) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Open> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Admits a connection from `client`, when the daemon is `full` or the client is at its
    /// cap by asking an idle connection to close; `None` when no room can be made. Cost is
    /// linear in the open connections, and only when room has to be made.
    fn admit(self: &Arc<Self>, client: IpAddr, full: bool) -> Option<Ticket> {
        let mut open = self.lock();
        let at_cap = open.by_client.get(&client).copied().unwrap_or(0) >= self.per_client;
        let made_room = if at_cap {
            open.close_idle(|c| c == client)
        } else if full {
            let largest = open.by_client.iter().max_by_key(|(_, n)| **n).map(|(c, _)| *c);
            // The client holding the most gives first; any idle connection otherwise.
            open.close_idle(|c| Some(c) == largest) || open.close_idle(|_| true)
        } else {
            true
        };
        if !made_room {
            return None;
        }
        let id = open.next;
        open.next += 1;
        let close = Arc::new(Notify::new());
        open.slots.insert(id, Slot { client, idle_since: Some(Instant::now()), close: Arc::clone(&close) });
        *open.by_client.entry(client).or_insert(0) += 1;
        Some(Ticket { registry: Arc::clone(self), id, close })
    }
}

impl Open {
    /// Asks the longest-idle connection of a client `chosen` to close; false when none is idle.
    fn close_idle(&mut self, chosen: impl Fn(IpAddr) -> bool) -> bool {
        let victim = self
            .slots
            .iter()
            .filter(|(_, s)| chosen(s.client))
            .filter_map(|(id, s)| s.idle_since.map(|since| (since, *id)))
            .min()
            .map(|(_, id)| id);
        let Some(slot) = victim.and_then(|id| self.slots.remove(&id)) else { return false };
        slot.close.notify_one();
        self.forget(slot.client);
        true
    }

    fn forget(&mut self, client: IpAddr) {
        if let Some(n) = self.by_client.get_mut(&client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.by_client.remove(&client);
            }
        }
    }
}

impl Ticket {
    fn set_idle(&self, idle: bool) {
        if let Some(slot) = self.registry.lock().slots.get_mut(&self.id) {
            slot.idle_since = idle.then(Instant::now);
        }
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut open = self.registry.lock();
        // Already gone when it was asked to close.
        if let Some(slot) = open.slots.remove(&self.id) {
            open.forget(slot.client);
        }
    }
}

/// An I/O wrapper that fails a write (or flush) that has made no progress for `limit`.
struct WriteDeadline<IO> {
    inner: IO,
    limit: Duration,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
    /// Request ids for the problem bodies of hyper's automatic answers.
    state: Arc<State>,
    /// A replacement being written for hyper's automatic answer: the bytes, how many are
    /// written, and how many bytes of hyper's to report once it is all out.
    replacing: Option<(Vec<u8>, usize, usize)>,
}

impl<IO> WriteDeadline<IO> {
    fn new(inner: IO, limit: Duration, state: Arc<State>) -> Self {
        WriteDeadline { inner, limit, stalled: None, state, replacing: None }
    }

    /// Called when a write op is pending: starts or checks the stall timer.
    fn check_stall(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let limit = self.limit;
        let timer = self.stalled.get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        ready!(timer.as_mut().poll(cx));
        Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "the client stopped reading")))
    }

    fn progress<T>(&mut self, poll: Poll<io::Result<T>>, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        match poll {
            Poll::Ready(result) => {
                self.stalled = None;
                Poll::Ready(result)
            }
            Poll::Pending => match self.check_stall(cx) {
                Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
                _ => Poll::Pending,
            },
        }
    }
}

impl<IO: AsyncRead + Unpin> AsyncRead for WriteDeadline<IO> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<IO: AsyncWrite + Unpin> WriteDeadline<IO> {
    /// Writes the replacement of hyper's automatic answer to the end, then reports the
    /// original answer's length as written.
    fn write_replacement(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        while let Some((bytes, written, reported)) = &mut self.replacing {
            if *written == bytes.len() {
                let reported = *reported;
                self.replacing = None;
                return Poll::Ready(Ok(reported));
            }
            let poll = Pin::new(&mut self.inner).poll_write(cx, &bytes[*written..]);
            match self.progress(poll, cx) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => {
                    if let Some((_, written, _)) = &mut self.replacing {
                        *written += n;
                    }
                }
                other => return other,
            }
        }
        Poll::Ready(Ok(0))
    }

    /// Starts a replacement when `bytes` is hyper's automatic answer.
    fn intercept(&mut self, bytes: &[u8]) {
        if self.replacing.is_none() {
            let state = &self.state;
            if let Some(replacement) = automatic_answer(bytes, || state.ids.next()) {
                self.replacing = Some((replacement, 0, bytes.len()));
            }
        }
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for WriteDeadline<IO> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.intercept(buf);
        if self.replacing.is_some() {
            return self.write_replacement(cx);
        }
        let poll = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.progress(poll, cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        // hyper's automatic answer is a head alone: one non-empty slice.
        let mut written = bufs.iter().filter(|b| !b.is_empty());
        if let (Some(only), None) = (written.next(), written.next()) {
            self.intercept(only);
        }
        if self.replacing.is_some() {
            return self.write_replacement(cx);
        }
        let poll = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.progress(poll, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_flush(cx);
        self.progress(poll, cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_shutdown(cx);
        self.progress(poll, cx)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn room_is_made_by_closing_idle_connections_first() {
        let registry = Arc::new(Registry::new(2));
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let first = registry.admit(a, false).unwrap();
        let second = registry.admit(a, false).unwrap();
        second.set_idle(false);
        // At the client's cap: its idle connection (the first) is asked to close.
        let third = registry.admit(a, false).unwrap();
        assert_eq!(registry.lock().by_client[&a], 2);
        third.set_idle(false);
        // Nothing of a's is idle now: refused.
        assert!(registry.admit(a, false).is_none());
        // The daemon full: b's newcomer closes an idle connection of the client holding most
        // (none of a's is idle, so any idle one: none here either).
        assert!(registry.admit(b, true).is_none());
        let b1 = registry.admit(b, false).unwrap();
        assert!(registry.admit(b, true).is_some(), "b's idle connection makes room");
        drop((first, second, third, b1));
        assert!(registry.lock().by_client.values().all(|n| *n <= 1), "{:?}", registry.lock().by_client);
    }
}
