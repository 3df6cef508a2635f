//! A small closed-loop HTTP/1.1 load generator for `scripts/bench-serve.sh`.
//!
//! Each of `--connections` keep-alive connections sends one request, reads the whole
//! response, and sends the next, until `--duration` is over. It prints requests per
//! second, latency percentiles and the status codes seen. With `--addr` given several
//! times (several daemons on one store) the connections are spread over the addresses in
//! turn and the figures are of all of them together. With `--paths-file` each connection
//! sends its share of the listed paths in turn. Loopback only: it refuses any
//! address that is not 127.0.0.0/8 or ::1.

use clap::Parser;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Load generator options.
#[derive(Debug, Parser)]
struct Args {
    /// The daemon's address (loopback only); repeatable, the connections taking them in turn.
    #[arg(long = "addr", required = true)]
    addrs: Vec<SocketAddr>,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 32)]
    connections: usize,
    /// Seconds to run.
    #[arg(long, default_value_t = 10.0)]
    duration: f64,
    /// Request method.
    #[arg(long, default_value = "GET")]
    method: String,
    /// Request path.
    #[arg(long, default_value = "/health")]
    path: String,
    /// A file of request paths, one per line, instead of `--path`: connection `i` sends
    /// paths `i`, `i + connections`, ... in turn (payments spread over many invoices).
    #[arg(long, conflicts_with = "path")]
    paths_file: Option<std::path::PathBuf>,
    /// Extra header `Name: value` (repeatable).
    #[arg(long = "header")]
    headers: Vec<String>,
    /// File whose content is the request body.
    #[arg(long)]
    body_file: Option<std::path::PathBuf>,
    /// The status every response should have.
    #[arg(long, default_value_t = 200)]
    expect: u16,
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What one connection saw.
#[derive(Default)]
struct Tally {
    latencies_us: Vec<u32>,
    unexpected: u64,
    failed: u64,
}

fn main() -> Result<(), BoxError> {
    let args = Args::parse();
    if args.addrs.iter().any(|addr| !addr.ip().is_loopback()) {
        return Err("loadgen only targets loopback addresses".into());
    }
    let body = match &args.body_file {
        Some(path) => std::fs::read(path)?,
        None => Vec::new(),
    };
    let paths: Vec<String> = match &args.paths_file {
        Some(file) => std::fs::read_to_string(file)?.lines().filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        None => vec![args.path.clone()],
    };
    if paths.is_empty() {
        return Err("the paths file lists no path".into());
    }
    let request_to = |addr: &SocketAddr, path: &str| {
        let mut request = format!("{} {path} HTTP/1.1\r\nHost: {addr}\r\n", args.method);
        for header in &args.headers {
            request.push_str(header);
            request.push_str("\r\n");
        }
        if !body.is_empty() || args.method == "POST" {
            request.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        request.push_str("\r\n");
        let mut request = request.into_bytes();
        request.extend_from_slice(&body);
        request
    };
    // Connection i: its address, and the requests it sends in turn.
    let plans: Vec<(SocketAddr, Vec<Vec<u8>>)> = (0..args.connections)
        .map(|i| {
            let addr = args.addrs[i % args.addrs.len()];
            let mine: Vec<Vec<u8>> = if paths.len() == 1 {
                vec![request_to(&addr, &paths[0])]
            } else {
                paths.iter().skip(i).step_by(args.connections.max(1)).map(|path| request_to(&addr, path)).collect()
            };
            (addr, mine)
        })
        .filter(|(_, requests)| !requests.is_empty())
        .collect();

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let duration = Duration::from_secs_f64(args.duration);
    let started = Instant::now();
    let tallies = runtime.block_on(async {
        let tasks: Vec<_> = plans
            .into_iter()
            .map(|(addr, requests)| tokio::spawn(connection(addr, requests, args.expect, started + duration)))
            .collect();
        let mut tallies = Vec::new();
        for task in tasks {
            tallies.push(task.await);
        }
        tallies
    });
    let elapsed = started.elapsed().as_secs_f64();
    let mut latencies = Vec::new();
    let (mut unexpected, mut failed) = (0, 0);
    for tally in tallies {
        let tally = tally?;
        latencies.extend(tally.latencies_us);
        unexpected += tally.unexpected;
        failed += tally.failed;
    }
    latencies.sort_unstable();
    let pct = |p: f64| {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len().max(1)) - 1;
        f64::from(latencies.get(i).copied().unwrap_or(0)) / 1000.0
    };
    #[allow(clippy::cast_precision_loss)]
    let rate = latencies.len() as f64 / elapsed;
    println!(
        "{} {}: {} daemon(s), {} connections, {elapsed:.1} s, {} responses, {rate:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, \
         max {:.2} ms, unexpected status {unexpected}, failed connections {failed}",
        args.method,
        if paths.len() == 1 { paths[0].clone() } else { format!("({} paths)", paths.len()) },
        args.addrs.len(),
        args.connections,
        latencies.len(),
        pct(0.50),
        pct(0.99),
        pct(1.0),
    );
    Ok(())
}

/// Runs one keep-alive connection until `deadline`, reconnecting after errors.
async fn connection(addr: SocketAddr, requests: Vec<Vec<u8>>, expect: u16, deadline: Instant) -> Tally {
    let mut tally = Tally::default();
    let mut buf = vec![0u8; 64 * 1024];
    let mut turn = requests.iter().cycle();
    'reconnect: while Instant::now() < deadline {
        let Ok(mut stream) = TcpStream::connect(addr).await else {
            tally.failed += 1;
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        while Instant::now() < deadline {
            let Some(request) = turn.next() else { break 'reconnect };
            let sent = Instant::now();
            if stream.write_all(request).await.is_err() {
                tally.failed += 1;
                continue 'reconnect;
            }
            match read_response(&mut stream, &mut buf).await {
                Some((status, close)) => {
                    let micros = u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX);
                    tally.latencies_us.push(micros);
                    if status != expect {
                        tally.unexpected += 1;
                    }
                    if close {
                        continue 'reconnect;
                    }
                }
                None => {
                    tally.failed += 1;
                    continue 'reconnect;
                }
            }
        }
    }
    tally
}

/// Reads one response; returns its status and whether the server closes the connection.
async fn read_response(stream: &mut TcpStream, buf: &mut [u8]) -> Option<(u16, bool)> {
    let mut filled = 0;
    let head_end = loop {
        let n = stream.read(&mut buf[filled..]).await.ok()?;
        if n == 0 {
            return None;
        }
        filled += n;
        if let Some(pos) = buf[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        if filled == buf.len() {
            return None;
        }
    };
    let head = std::str::from_utf8(&buf[..head_end]).ok()?;
    let status = head.split(' ').nth(1)?.parse().ok()?;
    let mut length = 0usize;
    let mut close = false;
    for line in head.split("\r\n").skip(1) {
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            } else if name.eq_ignore_ascii_case("connection") && value.trim().eq_ignore_ascii_case("close") {
                close = true;
            }
        }
    }
    let mut have = filled - head_end;
    while have < length {
        let n = stream.read(buf).await.ok()?;
        if n == 0 {
            return None;
        }
        have += n;
    }
    Some((status, close))
}
