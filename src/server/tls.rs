//! Native TLS with rustls (ring provider, TLS 1.2 and 1.3, HTTP/1.1 over ALPN).
//!
//! The certificate chain and private key are PEM files; anything wrong with them is a
//! refusal to start (exit 5) that names the file, never a daemon that serves plain text.

use crate::error::{Error, Result};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::Path;
use std::sync::Arc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, ServerConfig};

/// Checks that the certificate chain and key load and fit together, as `serve` would
/// (for `invoice doctor`).
///
/// # Errors
/// As [`load`].
pub fn check(cert: &Path, key: &Path) -> Result<()> {
    load(cert, key).map(drop)
}

/// Loads the certificate chain and key and builds the acceptor.
///
/// # Errors
/// [`Error::Config`] naming the file that is missing, unreadable, holds no certificate or
/// key, or whose key does not match the certificate.
pub(crate) fn load(cert: &Path, key: &Path) -> Result<TlsAcceptor> {
    let bad = |path: &Path, why: String| Error::Config { path: path.to_owned(), message: why };
    let certs = CertificateDer::pem_file_iter(cert)
        .map_err(|e| bad(cert, format!("cannot read the TLS certificate: {e}")))?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| bad(cert, format!("the TLS certificate is not valid PEM: {e}")))?;
    if certs.is_empty() {
        return Err(bad(cert, "no certificate found (expected PEM `-----BEGIN CERTIFICATE-----`)".into()));
    }
    let private_key = PrivateKeyDer::from_pem_file(key)
        .map_err(|e| bad(key, format!("cannot read a private key (PEM PKCS#8, PKCS#1 or SEC1): {e}")))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(cert, format!("TLS setup failed: {e}")))?
        .with_no_client_auth()
        .with_single_cert(certs, private_key)
        .map_err(|e| bad(key, format!("the key does not fit the certificate or is unsupported: {e}")))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}
