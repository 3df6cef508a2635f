//! The one error type of the library, and its mapping to exit codes and HTTP statuses.

use crate::invoice::Problem;
use std::path::PathBuf;

/// Library result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong, with the context a user needs to fix it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input broke validation rules (or, with only `unsupported_character`
    /// problems, cannot be printed as a PDF); every problem is listed.
    #[error("{}", invalid_headline(problems))]
    Invalid {
        /// Every violation.
        problems: Vec<Problem>,
    },
    /// A command-line usage mistake clap could not catch (flag combinations).
    #[error("{0}")]
    Usage(String),
    /// An invoice, key or file that does not exist.
    #[error("{what} not found")]
    NotFound {
        /// What was looked for, e.g. "invoice INV-2026-0009".
        what: String,
    },
    /// A request that contradicts what is stored (illegal status change, idempotency key reuse).
    #[error("{message}")]
    Conflict {
        /// Stable code, e.g. `illegal_transition`.
        code: &'static str,
        /// What happened.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("failed to {action} {}: {source}", path.display())]
    Io {
        /// What we tried, e.g. "read".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The configuration is wrong.
    #[error("configuration error in {}: {message}", path.display())]
    Config {
        /// The config file (or "environment").
        path: PathBuf,
        /// What is wrong, naming the key.
        message: String,
    },
    /// The store could not be opened, read or written.
    #[error("store error: failed to {action}: {message}")]
    Store {
        /// What we tried.
        action: String,
        /// The cause.
        message: String,
    },
    /// A bug: this should not happen.
    #[error("internal error: {0} (this is a bug, please report it)")]
    Internal(String),
}

/// "the draft is not valid (2 problems)", or, when the only problems are characters the
/// PDF font lacks (a valid invoice that PDF cannot print, SPEC 11), "cannot be rendered
/// as PDF: 2 fields hold characters outside its font".
fn invalid_headline(problems: &[Problem]) -> String {
    let n = problems.len();
    let plural = if n == 1 { "" } else { "s" };
    if n > 0 && problems.iter().all(|p| p.code == crate::invoice::Code::UnsupportedCharacter) {
        let verb = if n == 1 { "holds" } else { "hold" };
        return format!("cannot be rendered as PDF: {n} field{plural} {verb} characters outside its font");
    }
    format!("the draft is not valid ({n} problem{plural})")
}

impl Error {
    /// The process exit code (SPEC 3): 1 invalid, 2 usage, 3 not found, 4 conflict, 5 store/I/O/config.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid { .. } => 1,
            Error::Usage(_) => 2,
            Error::NotFound { .. } => 3,
            Error::Conflict { .. } => 4,
            Error::Io { .. } | Error::Config { .. } | Error::Store { .. } | Error::Internal(_) => 5,
        }
    }

    /// The HTTP status (SPEC 4): malformed JSON is 400, other validation failures 422.
    #[must_use]
    pub fn http_status(&self) -> u16 {
        match self {
            Error::Invalid { problems } => {
                if problems.iter().any(|p| p.code == crate::invoice::Code::MalformedJson) {
                    400
                } else {
                    422
                }
            }
            Error::Usage(_) => 400,
            Error::NotFound { .. } => 404,
            Error::Conflict { .. } => 409,
            Error::Io { .. } | Error::Config { .. } | Error::Store { .. } | Error::Internal(_) => 500,
        }
    }

    /// Shorthand for an I/O error with its file.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.into(), source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invoice::Code;

    #[test]
    fn exit_codes_and_statuses_follow_the_spec() {
        let invalid = Error::Invalid { problems: vec![Problem::new("/a", Code::Required, "a is required")] };
        let malformed = Error::Invalid { problems: vec![Problem::new("", Code::MalformedJson, "x")] };
        let table: [(Error, u8, u16); 8] = [
            (invalid, 1, 422),
            (malformed, 1, 400),
            (Error::Usage("x".into()), 2, 400),
            (Error::NotFound { what: "invoice X".into() }, 3, 404),
            (Error::Conflict { code: "illegal_transition", message: "x".into() }, 4, 409),
            (Error::io("read", "f", std::io::Error::other("x")), 5, 500),
            (Error::Store { action: "open".into(), message: "x".into() }, 5, 500),
            (Error::Internal("x".into()), 5, 500),
        ];
        for (error, code, status) in table {
            assert_eq!(error.exit_code(), code, "{error}");
            assert_eq!(error.http_status(), status, "{error}");
        }
    }
}
