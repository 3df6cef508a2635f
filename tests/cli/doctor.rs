//! `invoice doctor`: a healthy setup is all OK (exit 0); each broken part is a FAIL line
//! with its fix (exit 1), and nothing is changed.

use crate::common::TestEnv;
use crate::serve::{TEST_CERT, TEST_KEY};
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

/// Runs `invoice doctor` with no reachable Secret Service; returns (exit code, stdout).
fn doctor(env: &TestEnv, vars: &[(&str, &str)]) -> (i32, String) {
    let bus = format!("unix:path={}", env.path().join("no-bus").display());
    let mut cmd = env.cmd();
    cmd.arg("doctor").env("DBUS_SESSION_BUS_ADDRESS", &bus);
    for (name, value) in vars {
        cmd.env(name, value);
    }
    let out = cmd.timeout(std::time::Duration::from_secs(30)).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "doctor reports on stdout only");
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap())
}

/// The line of one topic (`OK    store    ...`).
fn line<'a>(report: &'a str, topic: &str) -> &'a str {
    report
        .lines()
        .find(|l| l.get(6..).is_some_and(|rest| rest.split_whitespace().next() == Some(topic)))
        .unwrap_or_else(|| panic!("no `{topic}` line in:\n{report}"))
}

/// The `fix:` line right after a topic's line.
fn fix<'a>(report: &'a str, topic: &str) -> &'a str {
    let wanted = line(report, topic);
    let mut lines = report.lines().skip_while(|l| *l != wanted).skip(1);
    lines.next().and_then(|l| l.trim_start().strip_prefix("fix: ")).unwrap_or_else(|| panic!("no fix for {topic}"))
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn a_healthy_setup_is_all_ok() {
    let env = TestEnv::new();
    env.cmd().args(["keys", "create", "--client", "app"]).assert().success();
    let key = env.write("api.key", "doctor-static-key-0123456789abcdef0123\n");
    chmod(&key, 0o600);
    let cert = env.write("tls/cert.pem", TEST_CERT);
    let tls_key = env.write("tls/key.pem", TEST_KEY);
    chmod(&tls_key, 0o600);
    let port = free_port();
    let config = env.write(
        "invoice.toml",
        &format!(
            "[server]\nbind = \"127.0.0.1:{port}\"\ntls_cert = \"{}\"\ntls_key = \"{}\"\n",
            cert.display(),
            tls_key.display()
        ),
    );
    let (code, report) =
        doctor(&env, &[("INVOICE_CONFIG", config.to_str().unwrap()), ("INVOICE_API_KEY_FILE", key.to_str().unwrap())]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(line(&report, "config"), format!("OK    config   {} is valid", config.display()));
    assert_eq!(
        line(&report, "store"),
        format!("OK    store    {}: mode 0600 or stricter, schema version 6, 0 invoices", env.store().display())
    );
    assert_eq!(
        line(&report, "keys"),
        format!(
            "OK    keys     a static key from the file {} (every scope), and 1 issued key(s) active",
            key.display()
        )
    );
    assert!(line(&report, "keyring").starts_with("OK    keyring  no OS keyring is reachable ("), "{report}");
    assert_eq!(
        line(&report, "tls"),
        format!("OK    tls      {} and {} load and match", cert.display(), tls_key.display())
    );
    assert_eq!(line(&report, "port"), format!("OK    port     127.0.0.1:{port} is free"));
    assert_eq!(report.lines().last(), Some("6 checks: 6 ok, 0 warn, 0 fail"));
}

#[test]
fn a_loose_store_a_busy_port_and_a_bad_tls_key_each_fail_with_their_fix() {
    let env = TestEnv::new();
    env.cmd().args(["keys", "create", "--client", "app"]).assert().success();
    chmod(&env.store(), 0o644);
    let cert = env.write("tls/cert.pem", TEST_CERT);
    let bad_key = env.write("tls/key.pem", "not a key\n");
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let config = env.write(
        "invoice.toml",
        &format!(
            "[server]\nbind = \"127.0.0.1:{port}\"\ntls_cert = \"{}\"\ntls_key = \"{}\"\n",
            cert.display(),
            bad_key.display()
        ),
    );
    let (code, report) = doctor(&env, &[("INVOICE_CONFIG", config.to_str().unwrap())]);
    assert_eq!(code, 1, "{report}");
    let store = env.store();
    assert_eq!(
        line(&report, "store"),
        format!("FAIL  store    {} grants access to group or others (mode 0644)", store.display())
    );
    assert_eq!(fix(&report, "store"), format!("chmod 600 {}", store.display()));
    assert!(line(&report, "keys").starts_with("WARN  keys     "), "{report}");
    assert!(line(&report, "tls").starts_with("FAIL  tls      configuration error in "), "{report}");
    assert!(line(&report, "tls").contains("cannot read a private key"), "{report}");
    assert_eq!(
        line(&report, "port"),
        format!("FAIL  port     127.0.0.1:{port} is in use (another `invoice serve` or another program)")
    );
    assert!(fix(&report, "port").contains("--bind or [server] bind"), "{report}");
    // Nothing was changed: the store keeps its mode, the port stays with its owner.
    assert_eq!(std::fs::metadata(&store).unwrap().permissions().mode() & 0o777, 0o644);
    assert_eq!(busy.local_addr().unwrap().port(), port);
}

#[test]
fn no_key_at_all_and_an_invalid_config_fail() {
    let env = TestEnv::new();
    let (code, report) = doctor(&env, &[("INVOICE_CONFIG", "/nonexistent/invoice.toml")]);
    assert_eq!(code, 1, "{report}");
    assert!(line(&report, "config").starts_with("FAIL  config   configuration error in /nonexistent/invoice.toml"));

    let config = env.write("invoice.toml", "[server]\nbindd = \"127.0.0.1:1\"\n");
    let (code, report) = doctor(&env, &[("INVOICE_CONFIG", config.to_str().unwrap())]);
    assert_eq!(code, 1, "{report}");
    assert!(line(&report, "config").contains("bindd"), "the unknown key is named: {report}");

    let config = env.write("invoice.toml", &format!("[server]\nbind = \"127.0.0.1:{}\"\n", free_port()));
    let (code, report) = doctor(&env, &[("INVOICE_CONFIG", config.to_str().unwrap())]);
    assert_eq!(code, 1, "{report}");
    assert_eq!(line(&report, "keys"), "FAIL  keys     no API key: `invoice serve` refuses to start");
    assert!(line(&report, "store").starts_with("WARN  store    no store at "), "{report}");
    assert!(line(&report, "keyring").starts_with("WARN  keyring  no OS keyring is reachable"), "{report}");
    assert!(!env.store().exists(), "doctor never creates the store");
}

/// Issue #23 (SPEC 15): with no `[server]` settings and no API key the daemon is not set
/// up, so its checks (keys, TLS, port) are "not used" and cannot fail: a CLI-only setup
/// is healthy (it was "FAIL keys", exit 1).
#[test]
fn a_cli_only_setup_reports_the_daemon_checks_as_not_used() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", crate::common::DRAFT);
    env.cmd().args(["create", "--input"]).arg(&draft).assert().success();
    let (code, report) = doctor(&env, &[]);
    assert_eq!(code, 0, "{report}");
    for topic in ["keys", "tls", "port"] {
        assert_eq!(
            line(&report, topic),
            format!("--    {topic:<8} not used: no [server] settings and no API key (`invoice serve` is not set up)")
        );
    }
    assert!(line(&report, "store").starts_with("OK    store    "), "{report}");
    assert!(report.lines().last().unwrap().ends_with(", 0 fail, 3 not used"), "{report}");
    // Once the daemon is set up (a [server] table), its checks count again.
    let config = env.write("invoice.toml", &format!("[server]\nbind = \"127.0.0.1:{}\"\n", free_port()));
    let (code, report) = doctor(&env, &[("INVOICE_CONFIG", config.to_str().unwrap())]);
    assert_eq!(code, 1, "{report}");
    assert_eq!(line(&report, "keys"), "FAIL  keys     no API key: `invoice serve` refuses to start");
}

/// Issue #21: doctor printed the PostgreSQL password and treated the URL as a SQLite
/// path ("FAIL keys", exit 1, on a healthy store). It now connects, checks the schema,
/// counts the keys, and shows the URL with `***` for the password. Needs
/// `INVOICE_TEST_POSTGRES` (skipped with a notice otherwise).
#[test]
fn doctor_understands_postgres_urls_and_never_prints_the_password() {
    #[allow(clippy::disallowed_methods)] // the tests' own knob
    let Some(admin) = std::env::var("INVOICE_TEST_POSTGRES").ok().filter(|v| !v.is_empty()) else {
        eprintln!("skipped on PostgreSQL: doctor (set INVOICE_TEST_POSTGRES=postgres://user@host/db to run it)");
        return;
    };
    let name = format!("invoice_doctor_{}", std::process::id());
    let plain = admin.split('?').next().unwrap().to_owned();
    let mut client = postgres::Client::connect(&plain, postgres::NoTls).unwrap();
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).unwrap();
    client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    // The same server and user, this database, and a password (trust auth ignores it).
    let (scheme, rest) = plain.split_once("://").unwrap();
    let (authority, _) = rest.split_once('/').unwrap_or((rest, ""));
    let (user, host) =
        authority.rsplit_once('@').map_or(("postgres", authority), |(u, h)| (u.split(':').next().unwrap(), h));
    let url = format!("{scheme}://{user}:Sup3rSecretPw@{host}/{name}");
    let env = TestEnv::new();
    let run = |args: &[&str]| env.cmd().env("INVOICE_STORE", &url).args(args).output().unwrap();
    assert!(run(&["keys", "create", "--client", "app"]).status.success());
    let (code, report) = doctor_with_store(&env, &url);
    let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    assert!(!report.contains("Sup3rSecretPw"), "the password was printed:\n{report}");
    assert_eq!(code, 0, "{report}");
    assert_eq!(
        line(&report, "store"),
        format!(
            "OK    store    {scheme}://{user}:***@{host}/{name}: PostgreSQL, connected, schema version current (checked on connect)"
        )
    );
    assert!(line(&report, "keys").starts_with("OK    keys     1 issued key(s) active"), "{report}");
}

fn doctor_with_store(env: &TestEnv, store: &str) -> (i32, String) {
    let bus = format!("unix:path={}", env.path().join("no-bus").display());
    let out = env
        .cmd()
        .arg("doctor")
        .env("DBUS_SESSION_BUS_ADDRESS", &bus)
        .env("INVOICE_STORE", store)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap() + &String::from_utf8_lossy(&out.stderr))
}
