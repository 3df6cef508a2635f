//! Pure security checks shared by the CLI and the daemon: checks on untrusted text and
//! limits on input size. No I/O: API keys, which live in the store, are [`crate::keys`].

pub mod limits;
pub mod text;
