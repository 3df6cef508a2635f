//! `invoice serve` for tests: the real binary on 127.0.0.1 with an ephemeral port, and a
//! raw HTTP/1.1 exchange with it (so hostile and malformed requests can be sent as bytes).

use super::TestEnv;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

/// A running daemon; killed on drop.
pub struct Daemon {
    pub child: Child,
    pub addr: SocketAddr,
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Daemon {
    /// Starts `invoice serve --bind 127.0.0.1:0 ARGS` in `env` with the extra environment
    /// `vars`, and waits (at most 20 s) for its "listening on" line.
    pub fn start_with(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> Daemon {
        let mut cmd = env.command();
        cmd.args(["serve", "--bind", "127.0.0.1:0"]).args(args);
        for (name, value) in vars {
            cmd.env(name, value);
        }
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn invoice serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let _ = tx.send(line);
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&stderr);
        let mut pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let line = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
        let Some(url) = line.trim().strip_prefix("listening on ") else {
            let _ = child.kill();
            let _ = child.wait();
            std::thread::sleep(Duration::from_millis(100));
            panic!("daemon did not start: {line:?}\n{}", String::from_utf8_lossy(&stderr.lock().unwrap()));
        };
        let addr = url.split("://").nth(1).unwrap().parse().unwrap();
        Daemon { child, addr, stderr }
    }

    /// Everything the daemon wrote to stderr so far.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response; `status` 0 when no complete response head arrived.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// Names lower-cased, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    /// The body as JSON; panics with the body when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The body as JSON, or `null` when it is not JSON.
    pub fn json_or_null(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `raw` (which should ask for `Connection: close`) and reads the answer to EOF,
/// panicking when nothing arrives within `timeout`. The write runs on its own thread: the
/// daemon may answer 413/431 and close before a large request is fully written, and the
/// answer must still be read.
pub fn send(addr: SocketAddr, raw: Vec<u8>, timeout: Duration) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(timeout)).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let write = std::thread::spawn(move || {
        let _ = writer.write_all(&raw);
    });
    let mut out = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut => {
                panic!("no answer within {timeout:?}")
            }
            Err(_) => break,
        }
    }
    drop(stream);
    let _ = write.join();
    parse(&out)
}

/// Parses a response read to EOF; the body is cut to `Content-Length` when there is one.
pub fn parse(raw: &[u8]) -> Reply {
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Reply { status: 0, headers: Vec::new(), body: raw.to_vec() };
    };
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect::<Vec<_>>();
    let mut body = raw[split + 4..].to_vec();
    if let Some(len) = headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse::<usize>().ok()) {
        body.truncate(len);
    }
    Reply { status, headers, body }
}
