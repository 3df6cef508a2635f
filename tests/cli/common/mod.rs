//! Test helpers: an isolated environment per test and a command builder.

#![allow(dead_code)]

pub mod daemon;
pub mod look;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// Path of the binary under test.
pub const INVOICE: &str = env!("CARGO_BIN_EXE_invoice");

/// The repository root (for fixtures).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The audit actor of a CLI command run by this test process: `cli:` and the name of the
/// real user id, as `id -un` tells it.
pub fn cli_actor() -> String {
    let out = std::process::Command::new("id").arg("-un").output().unwrap();
    format!("cli:{}", String::from_utf8(out.stdout).unwrap().trim())
}

/// A temporary home for one test: its own config dir, data dir and store.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> Self {
        TestEnv { dir: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn store(&self) -> PathBuf {
        self.path().join("data/invoices.db")
    }

    /// `invoice` with a clean environment pointing into this test's directory.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.command())
    }

    /// The same isolated `invoice` as [`TestEnv::cmd`], as a plain `std::process::Command`
    /// for long-running children such as the daemon.
    pub fn command(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(INVOICE);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path())
            // The audit actor is the OS account, never $USER (issue #10 defect 11): every
            // test runs with a lying USER and expects `cli_actor()`.
            .env("USER", "mallory")
            .env("LOGNAME", "mallory")
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data-home"))
            .env("INVOICE_STORE", self.store())
            .env("TZ", "UTC");
        cmd
    }

    /// Writes a file under this test's directory and returns its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }
}

/// A small valid draft with fixed dates.
pub const DRAFT: &str = r#"{
  "issue_date": "2026-11-27",
  "due_date": "2026-12-27",
  "currency": "EUR",
  "seller": { "name": "Acme GmbH", "address": { "lines": ["Hauptstr. 1"], "city": "Berlin", "postal_code": "10115", "country": "DE" } },
  "buyer": { "name": "Globex Ltd", "email": "ap@globex.example", "address": { "city": "London", "country": "GB" } },
  "lines": [
    { "description": "Consulting", "quantity": "10", "unit": "h", "unit_price": "120.00", "tax_rate": "19" },
    { "description": "Travel", "quantity": 1, "unit_price": 80.5, "tax_rate": 0, "discount_percent": 10 }
  ]
}"#;

/// Whether the first page of `pdf` sets the fill colour `rgb` (an `rg`, `sc` or `scn`).
pub fn sets_fill(pdf: &[u8], rgb: [u8; 3]) -> bool {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    let page = document.get_pages()[&1];
    let content = lopdf::content::Content::decode(&document.get_page_content(page).unwrap()).unwrap();
    content.operations.iter().any(|op| {
        ["rg", "sc", "scn"].contains(&op.operator.as_str())
            && op.operands.len() == 3
            && op
                .operands
                .iter()
                .zip(rgb)
                .all(|(o, c)| o.as_float().is_ok_and(|v| (v - f32::from(c) / 255.0).abs() < 0.01))
    })
}
