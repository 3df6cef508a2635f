//! Tests: `invoice keys ...` (issue, list, revoke, rotate, set-static) and the static key
//! file check, through the real binary.

use crate::common::TestEnv;
use predicates::prelude::PredicateBooleanExt as _;
use serde_json::Value;

const NOTE: &str = "invoice: note: store this key now; it cannot be shown again (only its hash is kept)\n";

/// `keys create` in text form: returns (key, id).
fn create(env: &TestEnv, args: &[&str]) -> (String, String) {
    let out = env.cmd().args(["keys", "create"]).args(args).assert().code(0).stderr(NOTE).get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    let key = lines.next().unwrap().to_owned();
    let id = lines.next().unwrap().strip_prefix("id:").unwrap().trim().to_owned();
    (key, id)
}

fn stdout(env: &TestEnv, args: &[&str]) -> String {
    String::from_utf8(env.cmd().args(args).assert().code(0).get_output().stdout.clone()).unwrap()
}

fn json(env: &TestEnv, args: &[&str]) -> Value {
    serde_json::from_str(&stdout(env, args)).unwrap()
}

fn listed(env: &TestEnv, id: &str) -> Value {
    let list = json(env, &["keys", "list", "--format", "json"]);
    list.as_array().unwrap().iter().find(|k| k["id"] == id).unwrap().clone()
}

/// The secret part of a key (after `invk_<id>_`).
fn secret(key: &str) -> &str {
    &key["invk_".len() + 13..]
}

#[test]
fn create_prints_the_key_once_with_its_facts() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["keys", "create", "--client", "Billing app"])
        .assert()
        .code(0)
        .stderr(NOTE)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    let id = lines[1].strip_prefix("id:       ").unwrap();
    assert_eq!(id.len(), 12);
    assert!(lines[0].starts_with(&format!("invk_{id}_")), "{text}");
    assert_eq!(lines[0].len(), "invk_".len() + 12 + 1 + 43);
    assert_eq!(lines[2], "client:   Billing app");
    assert_eq!(lines[3], "scopes:   read,write");
    assert!(lines[4].starts_with("expires:  "), "{text}");
}

#[test]
fn list_shows_keys_but_never_their_secret_or_hash() {
    let env = TestEnv::new();
    let (key, id) = create(&env, &["--client", "Billing app"]);
    let table = stdout(&env, &["keys", "list"]);
    let mut lines = table.lines();
    assert_eq!(
        lines.next().unwrap().split_whitespace().collect::<Vec<_>>(),
        ["ID", "CLIENT", "SCOPES", "CREATED", "EXPIRES", "REVOKED", "LAST", "USED", "STATE"]
    );
    let row = lines.next().unwrap();
    assert!(row.starts_with(&format!("{id}  Billing app  read,write  ")), "{row}");
    assert!(row.ends_with("  -        never      active"), "{row}");
    let list = stdout(&env, &["keys", "list", "--format", "json"]);
    for shown in [&table, &list] {
        assert!(!shown.contains(secret(&key)), "the secret was listed");
        assert!(!shown.contains("invk_"), "a key was listed");
        assert!(!shown.contains("hash"), "a hash was listed");
    }
    let record = listed(&env, &id);
    assert_eq!(record["client"], "Billing app");
    assert_eq!(record["scopes"], serde_json::json!(["read", "write"]));
    assert_eq!(record["state"], "active");
    assert_eq!(record["revoked_at"], Value::Null);
    assert_eq!(record["last_used_at"], Value::Null);
}

#[test]
fn list_with_no_keys_says_how_to_make_one() {
    let env = TestEnv::new();
    env.cmd()
        .args(["keys", "list"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("invoice: no API keys yet; issue one with `invoice keys create --client NAME`\n");
    env.cmd().args(["keys", "list", "--format", "json"]).assert().code(0).stdout("[]\n");
}

#[test]
fn the_store_file_holds_no_plaintext_key() {
    let env = TestEnv::new();
    let (key, id) = create(&env, &["--client", "a"]);
    let (other, _) = create(&env, &["--client", "b", "--format", "text"]);
    let conn = rusqlite::Connection::open(env.store()).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.contains(&"api_keys".to_owned()));
    let mut cells = 0;
    for table in &tables {
        let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                let text = match row.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                    _ => continue,
                };
                cells += 1;
                for k in [&key, &other] {
                    assert!(!text.contains(secret(k)), "{table} holds a key's secret");
                    assert!(!text.contains(k.as_str()), "{table} holds a key");
                }
            }
        }
    }
    assert!(cells > 10, "the search looked at too little");
    let hash: String = conn.query_row("SELECT hash FROM api_keys WHERE id = ?1", [&id], |r| r.get(0)).unwrap();
    assert_eq!(hash.len(), 64);
    drop(conn);
    for file in [env.store(), env.store().with_extension("db-wal")] {
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(!bytes.windows(43).any(|w| w == secret(&key).as_bytes()), "{} holds the secret", file.display());
    }
}

#[test]
fn create_takes_scopes_and_a_lifetime_and_prints_json() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["keys", "create", "--client", "ops", "--scopes", "admin,read,write", "--expires-in", "12h"])
        .args(["--format", "json"])
        .assert()
        .code(0)
        .stderr(NOTE)
        .get_output()
        .stdout
        .clone();
    let value: Value = serde_json::from_slice(&out).unwrap();
    let id = value["id"].as_str().unwrap();
    assert!(value["key"].as_str().unwrap().starts_with(&format!("invk_{id}_")));
    assert_eq!(value["client"], "ops");
    assert_eq!(value["scopes"], serde_json::json!(["read", "write", "admin"]));
    let created = chrono::DateTime::parse_from_rfc3339(value["created_at"].as_str().unwrap()).unwrap();
    let expires = chrono::DateTime::parse_from_rfc3339(value["expires_at"].as_str().unwrap()).unwrap();
    assert_eq!(expires - created, chrono::TimeDelta::hours(12));
    assert!(value.get("rotated").is_none());
}

#[test]
fn an_unknown_scope_is_a_usage_error() {
    let env = TestEnv::new();
    env.cmd().args(["keys", "create", "--client", "x", "--scopes", "read,delete"]).assert().code(2).stdout("").stderr(
        "error: invalid value 'read,delete' for '--scopes <SCOPES>': unknown scope `delete`: use read, write \
             or admin (comma-separated)\n\nFor more information, try '--help'.\n",
    );
}

#[test]
fn a_lifetime_over_365_days_or_in_other_units_is_a_usage_error() {
    let env = TestEnv::new();
    env.cmd().args(["keys", "create", "--client", "x", "--expires-in", "366d"]).assert().code(2).stdout("").stderr(
        "error: invalid value '366d' for '--expires-in <DURATION>': a key may live at most 365d, not 366d; \
             rotate it before it expires instead\n\nFor more information, try '--help'.\n",
    );
    for bad in ["90", "90m", "1.5d", "0d", "-1d"] {
        env.cmd().args(["keys", "create", "--client", "x", "--expires-in", bad]).assert().code(2).stdout("");
    }
    env.cmd().args(["keys", "create", "--client", "x", "--expires-in", "365d"]).assert().code(0);
}

#[test]
fn an_empty_client_name_is_a_usage_error() {
    let env = TestEnv::new();
    env.cmd()
        .args(["keys", "create", "--client", "  "])
        .assert()
        .code(2)
        .stdout("")
        .stderr("invoice: error: the client name must not be empty\n");
}

#[test]
fn revoking_an_unknown_key_is_not_found() {
    let env = TestEnv::new();
    env.cmd()
        .args(["keys", "revoke", "0123456789ab"])
        .assert()
        .code(3)
        .stdout("")
        .stderr("invoice: error: API key 0123456789ab not found\n");
    env.cmd()
        .args(["keys", "rotate", "0123456789ab"])
        .assert()
        .code(3)
        .stderr("invoice: error: API key 0123456789ab not found\n");
}

#[test]
fn revoke_marks_the_key_revoked_and_is_audited_by_id() {
    let env = TestEnv::new();
    let (key, id) = create(&env, &["--client", "Billing app"]);
    env.cmd()
        .args(["keys", "revoke", &id])
        .assert()
        .code(0)
        .stdout(format!("revoked API key {id} (client Billing app)\n"))
        .stderr("");
    let record = listed(&env, &id);
    assert_eq!(record["state"], "revoked");
    assert!(record["revoked_at"].is_string());
    let again = stdout(&env, &["keys", "revoke", &id]);
    assert!(again.starts_with(&format!("API key {id} was already revoked at ")), "{again}");
    assert!(again.ends_with("; nothing changed\n"), "{again}");
    let audit = json(&env, &["audit", "--format", "json"]);
    let entries: Vec<(String, String, String)> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["request_id"], Value::Null);
            (e["actor"].as_str().unwrap().into(), e["action"].as_str().unwrap().into(), e["detail"].to_string())
        })
        .collect();
    let detail = format!("\"{id}\"");
    assert_eq!(
        entries,
        [
            (crate::common::cli_actor(), "key_create".into(), detail.clone()),
            (crate::common::cli_actor(), "key_revoke".into(), detail)
        ]
    );
    assert!(!audit.to_string().contains(secret(&key)));
}

#[test]
fn rotate_issues_a_new_key_for_the_same_client_and_revokes_the_old_one_at_once() {
    let env = TestEnv::new();
    let (old_key, old) = create(&env, &["--client", "Billing app", "--scopes", "read,admin"]);
    let out = env.cmd().args(["keys", "rotate", &old]).assert().code(0).stderr(NOTE).get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let new = lines[1].strip_prefix("id:       ").unwrap();
    assert_ne!(new, old);
    assert!(lines[0].starts_with(&format!("invk_{new}_")));
    assert_ne!(lines[0], old_key);
    assert_eq!(lines[2], "client:   Billing app");
    assert_eq!(lines[3], "scopes:   read,admin");
    assert!(lines[5].starts_with(&format!("old key {old} revoked at ")), "{text}");
    assert_eq!(listed(&env, &old)["state"], "revoked");
    assert_eq!(listed(&env, new)["state"], "active");
    let audit = stdout(&env, &["audit"]);
    assert!(audit.contains(&format!("{}  key_rotate  {old} -> {new}\n", crate::common::cli_actor())), "{audit}");
    // A revoked key cannot be rotated again.
    env.cmd()
        .args(["keys", "rotate", &old])
        .assert()
        .code(4)
        .stdout("")
        .stderr(predicates::str::starts_with(format!("invoice: error: API key {old} is already revoked (revoked_at ")));
}

#[test]
fn rotate_with_grace_keeps_the_old_key_active_until_the_grace_ends() {
    let env = TestEnv::new();
    let (_, old) = create(&env, &["--client", "Billing app"]);
    let out = env
        .cmd()
        .args(["keys", "rotate", &old, "--grace", "1d", "--format", "json"])
        .assert()
        .code(0)
        .stderr(NOTE)
        .get_output()
        .stdout
        .clone();
    let value: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["rotated"]["id"], old.as_str());
    let revoked_at = value["rotated"]["revoked_at"].as_str().unwrap();
    let until = chrono::DateTime::parse_from_rfc3339(revoked_at).unwrap();
    let left = until.with_timezone(&chrono::Utc) - chrono::Utc::now();
    assert!(left > chrono::TimeDelta::hours(23) && left <= chrono::TimeDelta::hours(24), "{left}");
    let record = listed(&env, &old);
    assert_eq!(record["state"], "active");
    assert_eq!(record["revoked_at"], revoked_at);
    let table = stdout(&env, &["keys", "list"]);
    assert!(table.contains(&format!("{revoked_at} (scheduled)")), "{table}");
    env.cmd().args(["keys", "rotate", &old, "--grace", "366d"]).assert().code(2).stdout("");
}

#[cfg(unix)]
#[test]
fn a_static_key_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt as _;
    let env = TestEnv::new();
    let path = env.write("api.key", "a-static-key-of-some-length-0123456789\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.cmd()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("INVOICE_API_KEY_FILE", &path)
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(5)
        .stdout("")
        .stderr(format!(
            "invoice: error: configuration error in {}: INVOICE_API_KEY_FILE must be readable and writable only by \
             its owner (mode 0600 or stricter), but its mode is 0644; fix it with `chmod 600 FILE`\n",
            path.display()
        ));
}

/// `invoice keys SUBCOMMAND` where no Secret Service can answer: the test's own, absent,
/// D-Bus socket (so a developer's desktop keyring is never touched).
#[cfg(all(unix, not(target_os = "macos")))]
fn without_keyring(env: &TestEnv, subcommand: &str) -> assert_cmd::Command {
    let bus = format!("unix:path={}", env.path().join("no-bus").display());
    let mut cmd = env.cmd();
    cmd.args(["keys", subcommand]).env("DBUS_SESSION_BUS_ADDRESS", &bus).timeout(std::time::Duration::from_secs(30));
    cmd
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn set_static_without_a_reachable_keyring_says_so_plainly() {
    let env = TestEnv::new();
    without_keyring(&env, "set-static")
        .write_stdin("a-static-key-of-some-length-0123456789\n")
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicates::str::starts_with(
            "invoice: error: failed to use the OS keyring: no OS keyring is reachable here (",
        ))
        .stderr(predicates::str::contains(
            "the key was not stored. On a headless machine or in CI, give the daemon its static key with \
             INVOICE_API_KEY, or with INVOICE_API_KEY_FILE naming a file only you can read (chmod 600)\n",
        ))
        .stderr(predicates::str::contains("a-static-key").not());
}

/// `keys delete-static` where no Secret Service can answer: exit 5, nothing claimed.
#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn delete_static_without_a_reachable_keyring_says_nothing_changed() {
    let env = TestEnv::new();
    without_keyring(&env, "delete-static")
        .assert()
        .code(5)
        .stdout("")
        .stderr(predicates::str::starts_with(
            "invoice: error: failed to use the OS keyring: the static API key could not be deleted from the OS \
             keyring (",
        ))
        .stderr(predicates::str::ends_with("; nothing changed\n"));
}
