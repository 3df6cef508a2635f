//! Load with a fault: proves that every acknowledged create survives `kill -9`, and that
//! numbering stays gapless and unique while the daemon and CLI processes issue invoices
//! at the same time. Driven by `scripts/load-fault.sh`; loopback only, bounded in time.
//!
//! 1. Starts `invoice serve` on 127.0.0.1 (a fresh store, a static key, the rate limits
//!    raised out of the way).
//! 2. `--clients` threads create invoices over HTTP (a new connection per request) for
//!    `--seconds`, recording the number of every 201; at the same time one thread runs
//!    `invoice create --format number` in a loop against the same store, recording every
//!    printed number. Half of the traffic uses the series `INV`, half `B2B`.
//! 3. Halfway through, the daemon gets SIGKILL; it is restarted on the same port and
//!    store, and the load continues until the end.
//! 4. The daemon is stopped with SIGTERM and the store is checked through the library:
//!    every 201 number and every printed CLI number is stored; per series and year the
//!    numbers are exactly 1..=n (no gap, no duplicate); `PRAGMA integrity_check` is ok;
//!    no response was a 5xx; every CLI create succeeded.
//!
//! Prints one summary line, for example
//! `load-fault: http_created=812 cli_created=95 stored=909 gaps=0 duplicates=0 missing=0 http_5xx=0 integrity=ok restarts=1`
//! (`stored` may exceed the acknowledged creates by the requests in flight at the kill:
//! committed, but their answer was lost with the process), and exits 1 on any violation.
//!
//! Usage: `load_fault --bin target/release/invoice [--seconds 20] [--clients 8] [--kills 1]`
//!
//! Several hosts on one PostgreSQL database (`scripts/multi-host.sh`): `--store URL` uses
//! that (empty) database instead of a fresh SQLite file, `--daemons 3` starts three daemons
//! on their own loopback ports (client `i` talks to daemon `i % 3`; the kills go to daemon
//! 0), and `--restart-db "pg_ctlcluster 15 main restart"` runs that command once, at 60 %
//! of the run. While the database restarts, a 503 answer and a CLI exit 5 are expected and
//! counted (`http_503`, `cli_unavailable`); every other 5xx or CLI failure is a violation.
//! The store is checked afterwards with `invoice store check`'s rules as well.
//!
//! Separate hosts (`scripts/multi-host.sh`, as root): `--host NETNS,IP,URL` once per daemon
//! runs daemon `i` as `ip netns exec NETNS invoice serve --bind IP:0 --allow-plain-http`
//! with `URL` as its store (the script made the namespace and a veth pair; plain HTTP is
//! allowed on that private link), and the HTTP clients reach it at `IP`; its restart after
//! the SIGKILL goes into the same namespace, on the same address and port. `--relay
//! LISTEN=UPSTREAM` forwards TCP connections from `LISTEN` (the root-namespace end of a veth
//! pair) to `UPSTREAM` (PostgreSQL on 127.0.0.1, which another namespace cannot reach), one
//! thread pair a connection, closing both sides as soon as either closes. The summary says
//! `hosts=netns` or `hosts=loopback`, and how many connections the relays carried.

// The child processes get a clean environment with only PATH passed through.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::disallowed_methods
)]

use invoice::store::{ListFilter, Store};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// The static key of the daemon under test.
const KEY: &str = "load-fault-static-key-0123456789abcdef0123";

struct Args {
    bin: PathBuf,
    seconds: f64,
    clients: usize,
    kills: usize,
    store: Option<String>,
    daemons: usize,
    restart_db: Option<String>,
    /// One per daemon, or none (loopback).
    hosts: Vec<Host>,
    relays: Vec<(SocketAddr, SocketAddr)>,
}

/// A daemon on a host of its own: a network namespace, its address there, its store URL.
#[derive(Clone)]
struct Host {
    netns: String,
    ip: IpAddr,
    store: String,
}

fn args() -> Args {
    let mut args = Args {
        bin: PathBuf::from("target/release/invoice"),
        seconds: 20.0,
        clients: 8,
        kills: 1,
        store: None,
        daemons: 1,
        restart_db: None,
        hosts: Vec::new(),
        relays: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--bin" => args.bin = PathBuf::from(value),
            "--seconds" => args.seconds = value.parse().expect("--seconds"),
            "--clients" => args.clients = value.parse().expect("--clients"),
            "--kills" => args.kills = value.parse().expect("--kills"),
            "--store" => args.store = Some(value),
            "--daemons" => args.daemons = value.parse().expect("--daemons"),
            "--restart-db" => args.restart_db = Some(value),
            "--host" => {
                let mut parts = value.splitn(3, ',');
                let (Some(netns), Some(ip), Some(store)) = (parts.next(), parts.next(), parts.next()) else {
                    panic!("--host needs NETNS,IP,URL");
                };
                let ip = ip.parse().expect("--host: the IP");
                args.hosts.push(Host { netns: netns.to_owned(), ip, store: store.to_owned() });
            }
            "--relay" => {
                let (listen, upstream) = value.split_once('=').expect("--relay needs LISTEN=UPSTREAM");
                args.relays
                    .push((listen.parse().expect("--relay: LISTEN"), upstream.parse().expect("--relay: UPSTREAM")));
            }
            other => panic!("unknown flag {other}"),
        }
    }
    assert!(args.seconds > 0.0 && args.seconds <= 600.0, "--seconds must be in (0, 600]");
    assert!((1..=64).contains(&args.clients), "--clients must be 1..=64");
    assert!((1..=8).contains(&args.daemons), "--daemons must be 1..=8");
    assert!(args.hosts.is_empty() || args.hosts.len() == args.daemons, "one --host per daemon, or none");
    args
}

/// The isolated environment every child process gets.
struct Env {
    dir: PathBuf,
    bin: PathBuf,
    /// A PostgreSQL URL, or `None` for a SQLite file in `dir`.
    url: Option<String>,
}

impl Env {
    fn store(&self) -> PathBuf {
        self.url.as_ref().map_or_else(|| self.dir.join("invoices.db"), PathBuf::from)
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(&self.bin);
        self.environment(&mut cmd, self.store().as_os_str());
        cmd
    }

    /// The clean environment of a child, with `store` as its store.
    fn environment(&self, cmd: &mut Command, store: &std::ffi::OsStr) {
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.dir)
            .env("USER", "load-fault")
            .env("XDG_CONFIG_HOME", self.dir.join("config"))
            .env("XDG_DATA_HOME", self.dir.join("data"))
            .env("INVOICE_STORE", store)
            .env("INVOICE_API_KEY", KEY)
            .env("TZ", "UTC");
    }

    /// Starts the daemon on `port` (0: any), on loopback or on `host` (in its network
    /// namespace); returns it and the address it listens on.
    fn start_daemon(&self, host: Option<&Host>, port: u16) -> (Child, SocketAddr) {
        let ip = host.map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), |h| h.ip);
        let bind = SocketAddr::new(ip, port).to_string();
        let mut cmd = match host {
            // `ip netns exec` enters the namespace and execs the daemon: the child's PID is
            // the daemon's (checked below).
            Some(host) => {
                let mut cmd = Command::new("ip");
                self.environment(&mut cmd, host.store.as_ref());
                cmd.args(["netns", "exec", &host.netns]).arg(&self.bin).arg("serve").arg("--allow-plain-http");
                cmd
            }
            None => {
                let mut cmd = self.command();
                cmd.arg("serve");
                cmd
            }
        };
        let mut child = cmd
            .args([
                "--bind",
                &bind,
                "--rate-limit",
                "1000000",
                "--key-rate-limit",
                "1000000",
                "--auth-fail-limit",
                "1000000",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn invoice serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let _ = tx.send(line);
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let line = rx.recv_timeout(Duration::from_secs(30)).unwrap_or_default();
        let Some(addr) = line.trim().strip_prefix("listening on http://") else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the daemon did not start on {bind}: {line:?}");
        };
        let addr: SocketAddr = addr.parse().unwrap();
        assert_eq!(addr.ip(), ip, "the daemon listens where it was told");
        if let Some(host) = host {
            // The PID we will SIGKILL and SIGTERM is the daemon itself, in another namespace.
            let pid = child.id();
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap();
            let ns = std::fs::read_link(format!("/proc/{pid}/ns/net")).unwrap();
            let own = std::fs::read_link("/proc/self/ns/net").unwrap();
            assert!(exe == self.bin && ns != own, "PID {pid} in {} is {exe:?} in {ns:?}", host.netns);
        }
        (child, addr)
    }
}

/// Forwards every connection to `listen` to `upstream` until the process ends; counts them.
fn relay(listen: SocketAddr, upstream: SocketAddr, carried: Arc<AtomicU64>) {
    let listener = TcpListener::bind(listen).unwrap_or_else(|e| panic!("relay: cannot listen on {listen}: {e}"));
    std::thread::spawn(move || {
        for down in listener.incoming().flatten() {
            let carried = carried.clone();
            std::thread::spawn(move || {
                // Upstream unreachable (the server restarting): close at once, as it would.
                let Ok(up) = TcpStream::connect_timeout(&upstream, Duration::from_secs(2)) else { return };
                carried.fetch_add(1, Ordering::Relaxed);
                let _ = (up.set_nodelay(true), down.set_nodelay(true));
                let (Ok(up2), Ok(down2)) = (up.try_clone(), down.try_clone()) else { return };
                let close = |a: &TcpStream, b: &TcpStream| {
                    let _ = (a.shutdown(Shutdown::Both), b.shutdown(Shutdown::Both));
                };
                let back = std::thread::spawn(move || {
                    let _ = std::io::copy(&mut &up2, &mut &down2);
                    close(&up2, &down2);
                });
                let _ = std::io::copy(&mut &down, &mut &up);
                close(&up, &down);
                let _ = back.join();
            });
        }
    });
}

/// A draft that differs per request (so no two bodies are alike).
fn draft(series: &str, tag: &str) -> String {
    format!(
        r#"{{"series": "{series}", "issue_date": "2026-11-27", "due_date": "2026-12-27", "currency": "EUR",
  "seller": {{"name": "Acme GmbH"}}, "buyer": {{"name": "Globex Ltd"}}, "order_reference": "{tag}",
  "lines": [{{"description": "Load test", "quantity": "3", "unit": "h", "unit_price": "99.95", "tax_rate": "19"}}]}}"#
    )
}

#[derive(Default)]
struct Tally {
    http_created: Vec<String>,
    http_5xx: Vec<String>,
    /// 503 answers (the database away, or the connection limit).
    http_503: u64,
    /// CLI creates that exited 5 with "store unavailable" (the database restarting).
    cli_unavailable: u64,
    /// Connection refused or reset, or no answer: expected while the daemon is down.
    http_unanswered: u64,
    http_other: BTreeMap<u16, u64>,
    cli_created: Vec<String>,
    cli_failed: Vec<String>,
}

/// One HTTP create: `Ok(Some((status, number)))`, or `Ok(None)` when the connection
/// failed or closed without an answer.
fn http_create(addr: SocketAddr, body: &str) -> Option<(u16, Option<String>, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(15))).ok()?;
    let request = format!(
        "POST /v1/invoices HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nx-api-key: {KEY}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status: u16 = head.split(' ').nth(1)?.parse().ok()?;
    let text = String::from_utf8_lossy(&raw[split + 4..]).into_owned();
    let number = if status == 201 {
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        json["number"].as_str().map(str::to_owned)
    } else {
        None
    };
    Some((status, number, text))
}

fn main() {
    let args = args();
    let dir = std::env::temp_dir().join(format!("invoice-load-fault-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let env = Arc::new(Env {
        dir: dir.clone(),
        bin: std::fs::canonicalize(&args.bin).expect("--bin exists"),
        url: args.store.clone(),
    });

    let relayed = Arc::new(AtomicU64::new(0));
    for &(listen, upstream) in &args.relays {
        relay(listen, upstream, relayed.clone());
    }
    let mut daemons = Vec::new();
    let mut targets = Vec::new();
    for i in 0..args.daemons {
        let (child, addr) = env.start_daemon(args.hosts.get(i), 0);
        daemons.push(Arc::new(Mutex::new(child)));
        targets.push(Arc::new(RwLock::new(addr)));
    }
    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let sequence = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(args.seconds);

    // HTTP clients.
    let mut workers = Vec::new();
    for client in 0..args.clients {
        let target = targets[client % targets.len()].clone();
        let (stop, tally, sequence) = (stop.clone(), tally.clone(), sequence.clone());
        workers.push(std::thread::spawn(move || {
            let series = if client % 2 == 0 { "INV" } else { "B2B" };
            while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                let n = sequence.fetch_add(1, Ordering::Relaxed);
                let addr = *target.read().unwrap();
                match http_create(addr, &draft(series, &format!("http-{client}-{n}"))) {
                    None => {
                        tally.lock().unwrap().http_unanswered += 1;
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    Some((201, Some(number), _)) => tally.lock().unwrap().http_created.push(number),
                    Some((503, _, _)) => {
                        tally.lock().unwrap().http_503 += 1;
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    Some((status, _, body)) if status >= 500 => {
                        tally.lock().unwrap().http_5xx.push(format!("{status} {}", body.trim()));
                    }
                    Some((status, _, _)) => *tally.lock().unwrap().http_other.entry(status).or_default() += 1,
                }
            }
        }));
    }

    // CLI creates, one process after another, against the same store.
    {
        let (stop, tally, env) = (stop.clone(), tally.clone(), env.clone());
        workers.push(std::thread::spawn(move || {
            let input = env.dir.join("cli-draft.json");
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                let series = if n.is_multiple_of(2) { "INV" } else { "B2B" };
                std::fs::write(&input, draft(series, &format!("cli-{n}"))).unwrap();
                n += 1;
                let out = env.command().args(["create", "--format", "number", "--input"]).arg(&input).output().unwrap();
                let stdout = String::from_utf8_lossy(&out.stdout).trim().to_owned();
                let mut t = tally.lock().unwrap();
                let stderr = String::from_utf8_lossy(&out.stderr);
                if out.status.success() && !stdout.is_empty() {
                    t.cli_created.push(stdout);
                } else if out.status.code() == Some(5) && stderr.contains("store unavailable") {
                    t.cli_unavailable += 1;
                    drop(t);
                    std::thread::sleep(Duration::from_millis(100));
                } else {
                    t.cli_failed.push(format!(
                        "exit {:?}: {}",
                        out.status.code(),
                        String::from_utf8_lossy(&out.stderr).trim()
                    ));
                }
            }
        }));
    }

    // The database restart, once, at 60 % of the run.
    let db_restart = args.restart_db.clone().map(|command| {
        let at = started + Duration::from_secs_f64(args.seconds * 0.6);
        std::thread::spawn(move || {
            std::thread::sleep(at.saturating_duration_since(Instant::now()));
            let status = Command::new("sh").args(["-c", &command]).status();
            status.map(|s| s.success()).unwrap_or(false)
        })
    });

    // The fault: SIGKILL at evenly spaced points, restart on the same port and store.
    let daemon = daemons[0].clone();
    let target = targets[0].clone();
    let mut restarts = 0;
    for kill in 1..=args.kills {
        let at = started + Duration::from_secs_f64(args.seconds * kill as f64 / (args.kills + 1) as f64);
        std::thread::sleep(at.saturating_duration_since(Instant::now()));
        let mut child = daemon.lock().unwrap();
        child.kill().unwrap(); // SIGKILL on Unix: no shutdown code runs
        child.wait().unwrap();
        std::thread::sleep(Duration::from_millis(200));
        let port = target.read().unwrap().port();
        let (next, addr) = env.start_daemon(args.hosts.first(), port);
        *child = next;
        *target.write().unwrap() = addr;
        restarts += 1;
    }

    std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.join().unwrap();
    }
    let db_restarted = db_restart.map(|t| t.join().unwrap_or(false));
    let mut clean_exit = true;
    for daemon in &daemons {
        let mut child = daemon.lock().unwrap();
        let terminated = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().map(|s| s.success());
        let exit = wait_bounded(&mut child, Duration::from_secs(30));
        clean_exit &= terminated.unwrap_or(false) && exit == Some(0);
    }

    let tally = tally.lock().unwrap();
    let verdict = check(&env.store(), &tally);
    let line = format!(
        "load-fault: http_created={} cli_created={} stored={} gaps={} duplicates={} missing={} http_5xx={} \
         integrity={} restarts={restarts} http_unanswered={} http_other={} cli_failed={} clean_exit={clean_exit} \
         daemons={} http_503={} cli_unavailable={} db_restarted={} store_check_problems={} hosts={} db_relay_connections={} seconds={:.1}",
        tally.http_created.len(),
        tally.cli_created.len(),
        verdict.stored,
        verdict.gaps,
        verdict.duplicates,
        verdict.missing.len(),
        tally.http_5xx.len(),
        verdict.integrity,
        tally.http_unanswered,
        tally.http_other.values().sum::<u64>(),
        tally.cli_failed.len(),
        daemons.len(),
        tally.http_503,
        tally.cli_unavailable,
        db_restarted.map_or_else(|| "no".to_owned(), |ok| ok.to_string()),
        verdict.store_check.len(),
        if args.hosts.is_empty() { "loopback" } else { "netns" },
        relayed.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64(),
    );
    println!("{line}");
    let mut failed = false;
    for (what, sample) in [
        ("missing (acknowledged but not stored)", verdict.missing.iter().take(5).cloned().collect::<Vec<_>>()),
        ("5xx answers", tally.http_5xx.iter().take(5).cloned().collect()),
        ("failed CLI creates", tally.cli_failed.iter().take(5).cloned().collect()),
        ("other statuses", tally.http_other.iter().map(|(s, n)| format!("{s}: {n}")).collect()),
        ("numbering", verdict.problems.clone()),
        ("store check", verdict.store_check.iter().take(5).cloned().collect()),
    ] {
        if !sample.is_empty() {
            eprintln!("load-fault: {what}: {}", sample.join("; "));
            failed = true;
        }
    }
    if db_restarted == Some(false) {
        eprintln!("load-fault: the database restart command failed");
        failed = true;
    }
    if verdict.integrity != "ok" || !clean_exit || tally.http_created.is_empty() || tally.cli_created.is_empty() {
        eprintln!("load-fault: integrity={} clean_exit={clean_exit}", verdict.integrity);
        failed = true;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::process::exit(i32::from(failed));
}

fn wait_bounded(child: &mut Child, limit: Duration) -> Option<i32> {
    let deadline = Instant::now() + limit;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[derive(Default)]
struct Verdict {
    stored: usize,
    gaps: usize,
    duplicates: usize,
    missing: Vec<String>,
    integrity: String,
    problems: Vec<String>,
    /// What `invoice store check` would list.
    store_check: Vec<String>,
}

/// Reads the store through the library and checks it against what was acknowledged.
fn check(store: &Path, tally: &Tally) -> Verdict {
    let mut verdict = Verdict::default();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            verdict.integrity = format!("cannot start a runtime: {e}");
            return verdict;
        }
    };
    let opened = invoice::store::Location::parse(store).map(|location| runtime.block_on(Store::open(&location)));
    let store = match opened.and_then(|opened| opened) {
        Ok(store) => store,
        Err(e) => {
            verdict.integrity = format!("cannot open: {e}");
            return verdict;
        }
    };
    verdict.integrity = match runtime.block_on(store.integrity_check()) {
        Ok(()) => "ok".to_owned(),
        Err(e) => e.to_string(),
    };
    verdict.store_check = match runtime.block_on(store.dump()) {
        Ok(dump) => invoice::store::verify::check(&dump).problems,
        Err(e) => vec![e.to_string()],
    };
    let invoices = runtime.block_on(store.list(&ListFilter::default())).unwrap();
    verdict.stored = invoices.len();
    let mut numbers = BTreeSet::new();
    let mut by_series: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for invoice in &invoices {
        let number = invoice.number.clone().unwrap_or_default();
        if !numbers.insert(number.clone()) {
            verdict.duplicates += 1;
            verdict.problems.push(format!("{number} stored twice"));
        }
        // {series}-{year}-{seq:04}
        let mut parts = number.rsplitn(2, '-');
        let seq = parts.next().and_then(|s| s.parse::<u32>().ok());
        match (seq, parts.next()) {
            (Some(seq), Some(prefix)) => by_series.entry(prefix.to_owned()).or_default().push(seq),
            _ => verdict.problems.push(format!("unexpected number {number}")),
        }
    }
    for (prefix, mut seqs) in by_series {
        seqs.sort_unstable();
        let before = seqs.len();
        seqs.dedup();
        verdict.duplicates += before - seqs.len();
        let expected: Vec<u32> = (1..=u32::try_from(seqs.len()).unwrap()).collect();
        if seqs != expected {
            let present: BTreeSet<u32> = seqs.iter().copied().collect();
            let max = seqs.last().copied().unwrap_or(0);
            let gaps: Vec<u32> = (1..=max).filter(|n| !present.contains(n)).collect();
            verdict.gaps += gaps.len();
            verdict.problems.push(format!("{prefix}: missing sequence numbers {gaps:?}"));
        }
    }
    for number in tally.http_created.iter().chain(&tally.cli_created) {
        if !numbers.contains(number) {
            verdict.missing.push(number.clone());
        }
    }
    let acknowledged: Vec<&String> = tally.http_created.iter().chain(&tally.cli_created).collect();
    let unique: BTreeSet<&String> = acknowledged.iter().copied().collect();
    if unique.len() != acknowledged.len() {
        verdict.duplicates += acknowledged.len() - unique.len();
        verdict.problems.push("the same number was acknowledged twice".to_owned());
    }
    verdict
}
