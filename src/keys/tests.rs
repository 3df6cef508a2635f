//! Unit tests of API keys against a real store in a temporary directory; the OS keyring
//! is replaced by the keyring crate's in-memory mock.

use super::*;
use crate::config::{Config, Overrides};
use zeroize::Zeroizing;

struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&crate::store::Location::Sqlite(dir.path().join("keys.db"))).await.unwrap();
    Fixture { dir, store }
}

fn actor() -> Actor {
    Actor::cli("tester")
}

async fn create(store: &Store, scopes: &[Scope]) -> (KeyRecord, String) {
    create_key(store, "Billing app", scopes, DEFAULT_LIFETIME, &actor()).await.unwrap()
}

fn set_column(store: &Store, id: &str, column: &str, value: &str) {
    let sql = format!("UPDATE api_keys SET {column} = ?1 WHERE id = ?2");
    assert_eq!(behind_the_back(store).execute(&sql, rusqlite::params![value, id]).unwrap(), 1);
}

fn last_used(store: &Store, id: &str) -> Option<String> {
    behind_the_back(store).query_row("SELECT last_used_at FROM api_keys WHERE id = ?1", [id], |r| r.get(0)).unwrap()
}

/// A connection of its own to the store's file, for checks and changes behind its back.
fn behind_the_back(store: &Store) -> rusqlite::Connection {
    rusqlite::Connection::open(store.location().sqlite_path().unwrap()).unwrap()
}

fn config(dir: &std::path::Path) -> Config {
    let overrides =
        Overrides { config: Some(dir.join("absent.toml")), store: Some(dir.join("keys.db")), allow_missing: true };
    let mut config = Config::load(&overrides).unwrap();
    config.static_api_key = None;
    config.static_api_key_file = None;
    config.credentials_directory = None;
    config
}

fn no_keyring() -> Option<Zeroizing<String>> {
    None
}

#[tokio::test]
async fn a_created_key_verifies_with_its_scopes() {
    let f = fixture().await;
    let (record, key) = create(&f.store, &[Scope::Write, Scope::Read, Scope::Read]).await;
    assert!(key.starts_with(&format!("invk_{}_", record.id)));
    assert_eq!(record.scopes, vec![Scope::Read, Scope::Write]);
    assert_eq!(record.client, "Billing app");
    assert_eq!(
        verify(&f.store, &key, None).await.unwrap(),
        Verification::Valid(Principal { key_id: record.id.clone(), scopes: vec![Scope::Read, Scope::Write] })
    );
    assert_eq!(get_key(&f.store, &record.id).await.unwrap().state(), KeyState::Active);
}

#[tokio::test]
async fn a_wrong_or_malformed_key_is_unknown() {
    let f = fixture().await;
    let (record, key) = create(&f.store, &[Scope::Read]).await;
    let mut wrong_secret = key.clone();
    let last = wrong_secret.pop().unwrap();
    wrong_secret.push(if last == 'A' { 'B' } else { 'A' });
    let other_id = key.replacen(&record.id, "000000000000", 1);
    for presented in [wrong_secret.as_str(), other_id.as_str(), "", "invk_", "nonsense", &key[..key.len() - 1]] {
        assert_eq!(verify(&f.store, presented, None).await.unwrap(), Verification::Unknown, "{presented}");
    }
}

#[tokio::test]
async fn a_revoked_key_fails_at_once_by_id() {
    let f = fixture().await;
    let (record, key) = create(&f.store, &[Scope::Read]).await;
    assert!(matches!(revoke_key(&f.store, &record.id, &actor()).await.unwrap(), Revocation::Revoked(_)));
    assert_eq!(verify(&f.store, &key, None).await.unwrap(), Verification::Revoked { id: record.id.clone() });
    assert_eq!(get_key(&f.store, &record.id).await.unwrap().state(), KeyState::Revoked);
}

#[tokio::test]
async fn a_wrong_secret_under_a_revoked_id_is_still_unknown() {
    let f = fixture().await;
    let (record, key) = create(&f.store, &[Scope::Read]).await;
    revoke_key(&f.store, &record.id, &actor()).await.unwrap();
    let forged = format!("invk_{}_{}", record.id, "A".repeat(43));
    assert_ne!(forged, key);
    assert_eq!(verify(&f.store, &forged, None).await.unwrap(), Verification::Unknown);
}

#[tokio::test]
async fn an_expired_key_fails_by_id() {
    let f = fixture().await;
    let (record, key) = create(&f.store, &[Scope::Read]).await;
    set_column(&f.store, &record.id, "expires_at", "2020-01-01T00:00:00Z");
    assert_eq!(verify(&f.store, &key, None).await.unwrap(), Verification::Expired { id: record.id.clone() });
    assert_eq!(get_key(&f.store, &record.id).await.unwrap().state(), KeyState::Expired);
    assert!(!any_usable_key(&f.store, None).await.unwrap());
}

#[tokio::test]
async fn revoking_twice_changes_nothing_and_an_unknown_id_is_not_found() {
    let f = fixture().await;
    let (record, _) = create(&f.store, &[Scope::Read]).await;
    let Revocation::Revoked(first) = revoke_key(&f.store, &record.id, &actor()).await.unwrap() else { panic!() };
    let Revocation::AlreadyRevoked(second) = revoke_key(&f.store, &record.id, &actor()).await.unwrap() else {
        panic!()
    };
    assert_eq!(first.revoked_at, second.revoked_at);
    let error = revoke_key(&f.store, "0123456789ab", &actor()).await.unwrap_err();
    assert_eq!(error.exit_code(), 3);
    assert_eq!(error.to_string(), "API key 0123456789ab not found");
    assert_eq!(f.store.audit_log(None).await.unwrap().iter().filter(|e| e.action == "key_revoke").count(), 1);
}

#[tokio::test]
async fn rotating_without_grace_revokes_the_old_key_at_once() {
    let f = fixture().await;
    let (old, old_key) = create(&f.store, &[Scope::Read, Scope::Admin]).await;
    let rotation = rotate_key(&f.store, &old.id, Duration::ZERO, DEFAULT_LIFETIME, &actor()).await.unwrap();
    assert_eq!(rotation.new.client, old.client);
    assert_eq!(rotation.new.scopes, old.scopes);
    assert_ne!(rotation.new.id, old.id);
    assert_eq!(verify(&f.store, &old_key, None).await.unwrap(), Verification::Revoked { id: old.id.clone() });
    assert!(
        matches!(verify(&f.store, &rotation.key, None).await.unwrap(), Verification::Valid(p) if p.key_id == rotation.new.id)
    );
}

#[tokio::test]
async fn a_rotated_key_stays_valid_until_its_grace_period_ends() {
    let f = fixture().await;
    let (old, old_key) = create(&f.store, &[Scope::Read]).await;
    let grace = parse_grace("2h").unwrap();
    let rotation = rotate_key(&f.store, &old.id, grace, DEFAULT_LIFETIME, &actor()).await.unwrap();
    let revoked_at = parse_time(rotation.old.revoked_at.as_deref().unwrap()).unwrap();
    let expected = Utc::now() + TimeDelta::hours(2);
    assert!((expected - revoked_at).num_seconds().abs() <= 5, "{revoked_at}");
    assert!(matches!(verify(&f.store, &old_key, None).await.unwrap(), Verification::Valid(_)));
    assert!(matches!(verify(&f.store, &rotation.key, None).await.unwrap(), Verification::Valid(_)));
    assert_eq!(get_key(&f.store, &old.id).await.unwrap().state(), KeyState::Active);
    // The grace period ends.
    set_column(&f.store, &old.id, "revoked_at", "2020-01-01T00:00:00Z");
    assert_eq!(verify(&f.store, &old_key, None).await.unwrap(), Verification::Revoked { id: old.id.clone() });
    assert!(matches!(verify(&f.store, &rotation.key, None).await.unwrap(), Verification::Valid(_)));
}

#[tokio::test]
async fn a_key_with_a_scheduled_revocation_cannot_be_rotated_again() {
    let f = fixture().await;
    let (old, _) = create(&f.store, &[Scope::Read]).await;
    rotate_key(&f.store, &old.id, Duration::from_hours(1), DEFAULT_LIFETIME, &actor()).await.unwrap();
    let error = rotate_key(&f.store, &old.id, Duration::ZERO, DEFAULT_LIFETIME, &actor()).await.unwrap_err();
    assert_eq!(error.exit_code(), 4);
    assert!(error.to_string().starts_with(&format!("API key {} is already revoked", old.id)), "{error}");
    let error = rotate_key(&f.store, "ffffffffffff", Duration::ZERO, DEFAULT_LIFETIME, &actor()).await.unwrap_err();
    assert_eq!(error.exit_code(), 3);
}

#[tokio::test]
async fn last_used_is_recorded_at_most_once_a_minute() {
    let f = fixture().await;
    let (record, key) = create(&f.store, &[Scope::Read]).await;
    assert_eq!(last_used(&f.store, &record.id), None);
    verify(&f.store, &key, None).await.unwrap();
    let first = last_used(&f.store, &record.id).unwrap();
    set_column(&f.store, &record.id, "last_used_at", "2099-01-01T00:00:00Z");
    verify(&f.store, &key, None).await.unwrap();
    assert_eq!(last_used(&f.store, &record.id).unwrap(), "2099-01-01T00:00:00Z", "written again too soon");
    set_column(&f.store, &record.id, "last_used_at", "2020-01-01T00:00:00Z");
    verify(&f.store, &key, None).await.unwrap();
    assert!(last_used(&f.store, &record.id).unwrap() >= first);
}

#[tokio::test]
async fn the_store_holds_only_a_sha256_of_the_key() {
    let f = fixture().await;
    let (record, key) = create(&f.store, &[Scope::Read]).await;
    let hash: String = behind_the_back(&f.store)
        .query_row("SELECT hash FROM api_keys WHERE id = ?1", [&record.id], |r| r.get(0))
        .unwrap();
    assert_eq!(hash, hex::encode(<sha2::Sha256 as sha2::Digest>::digest(key.as_bytes())));
    let secret = &key[KEY_PREFIX.len() + 13..];
    let db = std::fs::read(f.dir.path().join("keys.db")).unwrap();
    let wal = std::fs::read(f.dir.path().join("keys.db-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "the secret is in the store file");
    }
}

#[tokio::test]
async fn key_management_is_audited_by_id_never_by_secret() {
    let f = fixture().await;
    let (record, key) = create(&f.store, &[Scope::Read]).await;
    let rotation = rotate_key(&f.store, &record.id, Duration::ZERO, DEFAULT_LIFETIME, &actor()).await.unwrap();
    revoke_key(&f.store, &rotation.new.id, &actor()).await.unwrap();
    let log = f.store.audit_log(None).await.unwrap();
    let entries: Vec<_> =
        log.iter().map(|e| (e.actor.as_str(), e.action.as_str(), e.detail.clone().unwrap())).collect();
    assert_eq!(
        entries,
        vec![
            ("cli:tester", "key_create", record.id.clone()),
            ("cli:tester", "key_rotate", format!("{} -> {}", record.id, rotation.new.id)),
            ("cli:tester", "key_revoke", rotation.new.id.clone()),
        ]
    );
    for entry in &log {
        assert!(!entry.detail.as_deref().unwrap_or_default().contains(&key[18..]));
        assert!(!entry.detail.as_deref().unwrap_or_default().contains(&rotation.key[18..]));
    }
}

#[tokio::test]
async fn any_usable_key_counts_active_stored_keys_and_the_static_key() {
    let f = fixture().await;
    assert!(!any_usable_key(&f.store, None).await.unwrap());
    let static_key = StaticKey::from_secret("a-static-key-of-reasonable-length-123").unwrap();
    assert!(any_usable_key(&f.store, Some(&static_key)).await.unwrap());
    let (record, _) = create(&f.store, &[Scope::Read]).await;
    assert!(any_usable_key(&f.store, None).await.unwrap());
    revoke_key(&f.store, &record.id, &actor()).await.unwrap();
    assert!(!any_usable_key(&f.store, None).await.unwrap());
}

#[tokio::test]
async fn the_static_key_has_every_scope_and_a_wrong_one_is_unknown() {
    let f = fixture().await;
    let static_key = StaticKey::from_secret("s3cret-static-key-for-the-daemon-tests").unwrap();
    assert_eq!(
        verify(&f.store, "s3cret-static-key-for-the-daemon-tests", Some(&static_key)).await.unwrap(),
        Verification::Valid(Principal { key_id: "static".into(), scopes: Scope::ALL.to_vec() })
    );
    assert_eq!(
        verify(&f.store, "s3cret-static-key-for-the-daemon-test", Some(&static_key)).await.unwrap(),
        Verification::Unknown
    );
    assert!(!format!("{static_key:?}").contains("s3cret"));
    let issued = format!("invk_0123456789ab_{}", "A".repeat(43));
    for bad in ["", "two words", "tab\there", &"x".repeat(1025), &issued] {
        assert_eq!(StaticKey::from_secret(bad).unwrap_err().exit_code(), 5, "{bad}");
    }
}

#[tokio::test]
async fn the_static_key_comes_from_the_environment_first() {
    let f = fixture().await;
    let mut config = config(f.dir.path());
    assert!(StaticKey::load_with(&config, no_keyring).unwrap().is_none());
    config.static_api_key = Some("from-env-0123456789".into());
    config.static_api_key_file = Some(f.dir.path().join("missing"));
    let key = StaticKey::load_with(&config, || Some(Zeroizing::new("from-keyring".into()))).unwrap().unwrap();
    assert_eq!(key.source(), &StaticKeySource::Env);
    assert!(matches!(verify(&f.store, "from-env-0123456789", Some(&key)).await.unwrap(), Verification::Valid(_)));
}

#[tokio::test]
async fn the_static_key_comes_from_the_keyring_last() {
    let f = fixture().await;
    let config = config(f.dir.path());
    let entry = os_keyring::mock_entry();
    os_keyring::store_in(&entry, "from-the-mock-keyring").unwrap();
    let key = StaticKey::load_with(&config, || os_keyring::read_from(&entry).unwrap()).unwrap().unwrap();
    assert_eq!(key.source(), &StaticKeySource::Keyring);
    assert!(matches!(verify(&f.store, "from-the-mock-keyring", Some(&key)).await.unwrap(), Verification::Valid(_)));
}

#[cfg(unix)]
fn key_file(dir: &std::path::Path, contents: &str, mode: u32) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let path = dir.join("api.key");
    std::fs::write(&path, contents).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

#[cfg(unix)]
#[tokio::test]
async fn a_private_key_file_is_read_without_its_trailing_newline() {
    let f = fixture().await;
    let mut config = config(f.dir.path());
    for (contents, mode) in
        [("file-key-0123456789\n", 0o600), ("file-key-0123456789\r\n", 0o400), ("file-key-0123456789", 0o600)]
    {
        config.static_api_key_file = Some(key_file(f.dir.path(), contents, mode));
        let key = StaticKey::load_with(&config, no_keyring).unwrap().unwrap();
        assert!(matches!(key.source(), StaticKeySource::File(_)));
        assert!(
            matches!(verify(&f.store, "file-key-0123456789", Some(&key)).await.unwrap(), Verification::Valid(_)),
            "{contents:?}"
        );
    }
}

#[cfg(unix)]
#[tokio::test]
async fn a_key_file_others_can_read_or_write_is_refused() {
    let f = fixture().await;
    let mut config = config(f.dir.path());
    for mode in [0o644, 0o640, 0o604, 0o620, 0o602, 0o666] {
        let path = key_file(f.dir.path(), "file-key-0123456789\n", mode);
        config.static_api_key_file = Some(path.clone());
        let error = StaticKey::load_with(&config, no_keyring).unwrap_err();
        assert_eq!(error.exit_code(), 5);
        assert_eq!(
            error.to_string(),
            format!(
                "configuration error in {}: INVOICE_API_KEY_FILE must be readable and writable only by its owner \
                 (mode 0600 or stricter), but its mode is {mode:04o}; fix it with `chmod 600 FILE`",
                path.display()
            )
        );
    }
}

#[cfg(unix)]
#[tokio::test]
async fn an_empty_missing_or_odd_key_file_is_refused() {
    let f = fixture().await;
    let mut config = config(f.dir.path());
    config.static_api_key_file = Some(key_file(f.dir.path(), "\n", 0o600));
    assert!(
        StaticKey::load_with(&config, no_keyring).unwrap_err().to_string().ends_with("the static API key is empty")
    );
    config.static_api_key_file = Some(f.dir.path().join("missing.key"));
    let error = StaticKey::load_with(&config, no_keyring).unwrap_err();
    assert!(error.to_string().contains("cannot read INVOICE_API_KEY_FILE"), "{error}");
    config.static_api_key_file = Some(f.dir.path().to_owned());
    let error = StaticKey::load_with(&config, no_keyring).unwrap_err();
    assert!(error.to_string().ends_with("INVOICE_API_KEY_FILE is not a regular file"), "{error}");
}

#[tokio::test]
async fn scopes_parse_from_a_comma_separated_list() {
    assert_eq!(Scope::parse_list("read,write,admin").unwrap(), Scope::ALL.to_vec());
    assert_eq!(Scope::parse_list("admin, read,read").unwrap(), vec![Scope::Read, Scope::Admin]);
    for bad in ["", "read,", "Read", "delete", "read;write"] {
        assert_eq!(Scope::parse_list(bad).unwrap_err().exit_code(), 2, "{bad}");
    }
    assert_eq!(
        Scope::parse("delete").unwrap_err().to_string(),
        "unknown scope `delete`: use read, write or admin (comma-separated)"
    );
    assert_eq!(Scope::join(&Scope::ALL), "read,write,admin");
    assert_eq!("write".parse::<Scope>().unwrap(), Scope::Write);
}

#[tokio::test]
async fn durations_are_whole_days_or_hours() {
    assert_eq!(parse_duration("90d").unwrap(), DEFAULT_LIFETIME);
    assert_eq!(parse_duration("12h").unwrap(), Duration::from_hours(12));
    assert_eq!(parse_duration("0h").unwrap(), Duration::ZERO);
    for bad in ["", "d", "90", "1.5d", "-1d", "+1d", "90m", " 9d", "99999999999999999999d", "1e3d"] {
        assert!(parse_duration(bad).is_err(), "{bad}");
    }
    assert_eq!(parse_lifetime("365d").unwrap(), MAX_LIFETIME);
    assert_eq!(parse_lifetime("8760h").unwrap(), MAX_LIFETIME);
    assert_eq!(
        parse_lifetime("366d").unwrap_err(),
        "a key may live at most 365d, not 366d; rotate it before it expires instead"
    );
    assert_eq!(parse_lifetime("0d").unwrap_err(), "a key's lifetime must be at least 1h");
    assert!(parse_grace("0h").is_ok());
    assert!(parse_grace("366d").is_err());
    assert_eq!(format_duration(Duration::from_hours(36)), "36h");
    assert_eq!(format_duration(DEFAULT_LIFETIME), "90d");
}

#[tokio::test]
async fn create_refuses_bad_clients_lifetimes_and_empty_scopes() {
    let f = fixture().await;
    let a = actor();
    let cases: [(&str, &[Scope], Duration); 5] = [
        ("  ", &[Scope::Read], DEFAULT_LIFETIME),
        ("evil\u{202E}name", &[Scope::Read], DEFAULT_LIFETIME),
        (&"x".repeat(101), &[Scope::Read], DEFAULT_LIFETIME),
        ("ok", &[], DEFAULT_LIFETIME),
        ("ok", &[Scope::Read], MAX_LIFETIME + Duration::from_hours(1)),
    ];
    for (client, scopes, lifetime) in cases {
        let error = create_key(&f.store, client, scopes, lifetime, &a).await.unwrap_err();
        assert_eq!(error.exit_code(), 2, "{client:?}: {error}");
    }
    assert!(list_keys(&f.store).await.unwrap().is_empty());
    let (record, _) = create_key(&f.store, "  padded  ", &[Scope::Read], Duration::from_hours(1), &a).await.unwrap();
    assert_eq!(record.client, "padded");
}

/// Only root can give a file away, so this runs where the tests run as root (CI).
#[cfg(unix)]
#[tokio::test]
async fn a_key_file_owned_by_another_user_is_refused() {
    if rustix::process::geteuid().as_raw() != 0 {
        return;
    }
    let f = fixture().await;
    let mut config = config(f.dir.path());
    let path = key_file(f.dir.path(), "file-key-0123456789\n", 0o600);
    std::os::unix::fs::chown(&path, Some(65534), None).unwrap();
    config.static_api_key_file = Some(path);
    let error = StaticKey::load_with(&config, no_keyring).unwrap_err();
    assert_eq!(error.exit_code(), 5);
    assert!(
        error.to_string().ends_with(
            "INVOICE_API_KEY_FILE belongs to another user (uid 65534); it must be owned by the user running invoice (uid 0)"
        ),
        "{error}"
    );
}

/// systemd hands `LoadCredential=` files over as mode 0400 owned by the service user, or
/// owned by root with a read ACL for the service user (a group read bit in `stat`).
#[cfg(unix)]
#[tokio::test]
async fn a_systemd_credential_is_accepted_with_the_modes_systemd_gives_it() {
    let f = fixture().await;
    let mut config = config(f.dir.path());
    let credentials = f.dir.path().join("credentials");
    std::fs::create_dir(&credentials).unwrap();
    for mode in [0o400, 0o440] {
        config.credentials_directory = Some(credentials.clone());
        config.static_api_key_file = Some(key_file(&credentials, "credential-key-0123456789\n", mode));
        let key = StaticKey::load_with(&config, no_keyring).unwrap().unwrap();
        assert!(
            matches!(verify(&f.store, "credential-key-0123456789", Some(&key)).await.unwrap(), Verification::Valid(_)),
            "{mode:o}"
        );
        // The same file outside a credentials directory follows the owner-only rule.
        config.credentials_directory = None;
        let outside = StaticKey::load_with(&config, no_keyring);
        assert_eq!(outside.is_ok(), mode == 0o400, "{mode:o}");
    }
    config.credentials_directory = Some(credentials.clone());
    for mode in [0o444, 0o460, 0o404] {
        config.static_api_key_file = Some(key_file(&credentials, "credential-key-0123456789\n", mode));
        let error = StaticKey::load_with(&config, no_keyring).unwrap_err();
        assert_eq!(error.exit_code(), 5);
        assert!(error.to_string().contains(&format!("a systemd credential with mode {mode:04o}")), "{error}");
    }
    // A file beside the credentials directory is not a credential.
    config.static_api_key_file = Some(key_file(f.dir.path(), "credential-key-0123456789\n", 0o440));
    assert!(StaticKey::load_with(&config, no_keyring).unwrap_err().to_string().contains("mode 0600 or stricter"));
}

/// Only root can give a file away, so this runs where the tests run as root (CI).
#[cfg(unix)]
#[tokio::test]
async fn a_systemd_credential_owned_by_a_third_user_is_refused() {
    if rustix::process::geteuid().as_raw() != 0 {
        return;
    }
    let f = fixture().await;
    let mut config = config(f.dir.path());
    let credentials = f.dir.path().join("credentials");
    std::fs::create_dir(&credentials).unwrap();
    let path = key_file(&credentials, "credential-key-0123456789\n", 0o400);
    std::os::unix::fs::chown(&path, Some(65534), None).unwrap();
    config.credentials_directory = Some(credentials);
    config.static_api_key_file = Some(path);
    let error = StaticKey::load_with(&config, no_keyring).unwrap_err();
    assert!(error.to_string().contains("owned by uid 65534"), "{error}");
}
