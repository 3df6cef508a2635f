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
    /// A stored invoice cannot be paid, voided or credited as asked: a rule about that
    /// invoice, not about a draft (SPEC 15). Exit 1, HTTP 422, like [`Error::Invalid`].
    #[error("{}", refused_headline(action, number, problems))]
    Refused {
        /// What was asked: "pay", "void", "credit".
        action: &'static str,
        /// The invoice's number.
        number: String,
        /// Why not.
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
        /// Which rule was broken.
        kind: ConflictKind,
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
    /// The store's server cannot be reached now (PostgreSQL down or restarting); retrying
    /// later may succeed. HTTP 503 with `Retry-After`, exit code 5.
    #[error("store unavailable: failed to {action}: {message}")]
    Unavailable {
        /// What we tried, naming the host (never a password).
        action: String,
        /// The cause.
        message: String,
    },
    /// A list cursor (`after`) that names no stored invoice.
    #[error("no invoice is numbered `{cursor}`: pass the `next` value of the previous page as `after`")]
    UnknownCursor {
        /// The cursor as given.
        cursor: String,
    },
    /// A bug: this should not happen.
    #[error("internal error: {0} (this is a bug, please report it)")]
    Internal(String),
}

/// The kinds of [`Error::Conflict`], each with its stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// An idempotency key sent again with a different draft.
    IdempotencyKeyReused,
    /// A status change the lifecycle does not allow (SPEC 7).
    IllegalTransition,
    /// Rotating or revoking a key that is already revoked.
    KeyRevoked,
    /// A file that would be overwritten without `--force`.
    FileExists,
    /// `store copy` into a store that already holds data.
    TargetNotEmpty,
    /// A customer or schedule ID that is taken.
    AlreadyExists,
    /// Deleting a customer that invoices or schedules name.
    InUse,
    /// A recurring occurrence that was already issued (by this or another process).
    OccurrenceIssued,
}

impl ConflictKind {
    /// The stable snake_case code (in problem `errors` entries).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            ConflictKind::IdempotencyKeyReused => "idempotency_key_reused",
            ConflictKind::IllegalTransition => "illegal_transition",
            ConflictKind::KeyRevoked => "key_revoked",
            ConflictKind::FileExists => "exists",
            ConflictKind::TargetNotEmpty => "target_not_empty",
            ConflictKind::AlreadyExists => "already_exists",
            ConflictKind::InUse => "in_use",
            ConflictKind::OccurrenceIssued => "occurrence_issued",
        }
    }
}

/// The process exit statuses of SPEC 3, the one place they are written down: `--help`,
/// the man page and the README test all read [`ExitStatus::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: success; for `validate`, every file valid.
    Success,
    /// 1: the input is invalid.
    Invalid,
    /// 2: usage error.
    Usage,
    /// 3: not found.
    NotFound,
    /// 4: conflict.
    Conflict,
    /// 5: store, I/O or configuration error.
    Failure,
}

impl ExitStatus {
    /// Every status, in order.
    pub const ALL: [ExitStatus; 6] = [
        ExitStatus::Success,
        ExitStatus::Invalid,
        ExitStatus::Usage,
        ExitStatus::NotFound,
        ExitStatus::Conflict,
        ExitStatus::Failure,
    ];

    /// The numeric exit code.
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Invalid => 1,
            ExitStatus::Usage => 2,
            ExitStatus::NotFound => 3,
            ExitStatus::Conflict => 4,
            ExitStatus::Failure => 5,
        }
    }

    /// What the status means, as the README, `--help` and the man page say it.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self {
            ExitStatus::Success => "success; for `validate`, every file valid",
            ExitStatus::Invalid => "the input is invalid (validation failed; the message says what and where)",
            ExitStatus::Usage => "usage error (unknown flag, missing argument, inconsistent flags)",
            ExitStatus::NotFound => "not found (invoice number, key id, file)",
            ExitStatus::Conflict => {
                "conflict (idempotency key reused with another draft; illegal status change; `config init` over an existing file)"
            }
            ExitStatus::Failure => "store, I/O or configuration error",
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status.code())
    }
}

/// "the draft is not valid (2 problems)", or, when the only problems are characters the
/// PDF font lacks (a valid invoice that PDF cannot print, SPEC 11), "cannot be rendered
/// as PDF: 2 fields hold characters outside its font".
fn invalid_headline(problems: &[Problem]) -> String {
    let n = problems.len();
    let plural = if n == 1 { "" } else { "s" };
    if cannot_render(problems) {
        let verb = if n == 1 { "holds" } else { "hold" };
        return format!("cannot be rendered as PDF: {n} field{plural} {verb} characters outside its font");
    }
    format!("the draft is not valid ({n} problem{plural})")
}

/// "cannot credit INV-2026-0001: the credit notes would exceed the invoice's gross", with
/// the number of further problems, if any.
fn refused_headline(action: &str, number: &str, problems: &[Problem]) -> String {
    let number = crate::security::text::display_safe(number);
    match problems {
        [] => format!("cannot {action} {number}"),
        [only] => format!("cannot {action} {number}: {}", only.message),
        [first, rest @ ..] => {
            let more = rest.len();
            let plural = if more == 1 { "" } else { "s" };
            format!("cannot {action} {number}: {} (and {more} more problem{plural})", first.message)
        }
    }
}

/// Whether the only problems are characters the PDF font lacks: a valid invoice that
/// cannot be rendered, never a validation failure (SPEC 11, SPEC 15).
fn cannot_render(problems: &[Problem]) -> bool {
    !problems.is_empty() && problems.iter().all(|p| p.code == crate::invoice::Code::UnsupportedCharacter)
}

impl Error {
    /// The error of asking to `action` ("pay", "void", "credit") the stored invoice
    /// `number`: a refusal by rule ([`Error::Invalid`]) becomes [`Error::Refused`], which
    /// names the invoice and never speaks of a draft; other errors pass unchanged.
    #[must_use]
    pub fn refusing(self, action: &'static str, number: &str) -> Self {
        match self {
            Error::Invalid { problems } => Error::Refused { action, number: number.to_owned(), problems },
            other => other,
        }
    }

    /// The problems of an invalid input or a refusal, if this is one.
    #[must_use]
    pub fn problems(&self) -> Option<&[Problem]> {
        match self {
            Error::Invalid { problems } | Error::Refused { problems, .. } => Some(problems),
            _ => None,
        }
    }

    /// The process exit status (SPEC 3).
    #[must_use]
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Error::Invalid { .. } | Error::Refused { .. } => ExitStatus::Invalid,
            Error::Usage(_) | Error::UnknownCursor { .. } => ExitStatus::Usage,
            Error::NotFound { .. } => ExitStatus::NotFound,
            Error::Conflict { .. } => ExitStatus::Conflict,
            Error::Io { .. }
            | Error::Config { .. }
            | Error::Store { .. }
            | Error::Unavailable { .. }
            | Error::Internal(_) => ExitStatus::Failure,
        }
    }

    /// The numeric exit code: `self.exit_status().code()`.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        self.exit_status().code()
    }

    /// The HTTP status (SPEC 4): malformed JSON is 400, other validation failures 422.
    #[must_use]
    pub fn http_status(&self) -> u16 {
        match self {
            Error::Invalid { .. } if self.is_malformed_json() => 400,
            Error::Invalid { .. } | Error::Refused { .. } => 422,
            Error::Usage(_) | Error::UnknownCursor { .. } => 400,
            Error::NotFound { .. } => 404,
            Error::Conflict { .. } => 409,
            Error::Unavailable { .. } => 503,
            Error::Io { .. } | Error::Config { .. } | Error::Store { .. } | Error::Internal(_) => 500,
        }
    }

    /// The slug of the RFC 9457 problem `type` (`urn:invoice:problem:<slug>`).
    #[must_use]
    pub fn problem_slug(&self) -> &'static str {
        match self {
            Error::Invalid { .. } if self.is_malformed_json() => "malformed-json",
            Error::Invalid { problems } if cannot_render(problems) => "cannot-render",
            Error::Invalid { .. } | Error::Refused { .. } => "validation-failed",
            Error::Usage(_) => "bad-request",
            Error::UnknownCursor { .. } => "invalid-query",
            Error::NotFound { .. } => "not-found",
            Error::Conflict { kind: ConflictKind::IdempotencyKeyReused, .. } => "idempotency-key-reused",
            Error::Conflict { kind: ConflictKind::IllegalTransition, .. } => "illegal-transition",
            Error::Conflict { .. } => "conflict",
            Error::Unavailable { .. } => "store-unavailable",
            Error::Io { .. } | Error::Config { .. } | Error::Store { .. } | Error::Internal(_) => "internal-error",
        }
    }

    /// The `detail` a client may see: the message, except that a server-side cause is
    /// never shown (it goes to the log) and malformed JSON is said plainly.
    #[must_use]
    pub fn client_detail(&self) -> String {
        match self {
            Error::Unavailable { .. } => "the store is unreachable for the moment; retry later".to_owned(),
            _ if self.is_internal() => "internal error".to_owned(),
            _ if self.is_malformed_json() => "the body is not valid JSON".to_owned(),
            _ => self.to_string(),
        }
    }

    /// Whether the cause is on the server's side: a client is told only "internal error".
    #[must_use]
    pub fn is_internal(&self) -> bool {
        self.http_status() == 500
    }

    /// Whether retrying later may succeed (the store's server is away): HTTP 503 with
    /// `Retry-After`.
    #[must_use]
    pub fn is_transient(&self) -> bool {
        matches!(self, Error::Unavailable { .. })
    }

    /// The `errors` entries a client gets: `(path, code, message)` for every problem of an
    /// invalid input, one entry with the conflict's code for a conflict, none otherwise.
    #[must_use]
    pub fn entries(&self) -> Vec<(String, &'static str, String)> {
        match self {
            Error::Invalid { problems } | Error::Refused { problems, .. } => {
                problems.iter().map(|p| (p.path.clone(), p.code.as_str(), p.message.clone())).collect()
            }
            Error::Conflict { kind, message } => vec![(String::new(), kind.code(), message.clone())],
            Error::UnknownCursor { .. } => {
                vec![(
                    "/after".to_owned(),
                    "invalid_value",
                    "no invoice has this number; pass a `next` value".to_owned(),
                )]
            }
            _ => Vec::new(),
        }
    }

    fn is_malformed_json(&self) -> bool {
        matches!(self, Error::Invalid { problems } if problems.iter().any(|p| p.code == crate::invoice::Code::MalformedJson))
    }

    /// Shorthand for an I/O error with its file.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.into(), source }
    }

    /// Shorthand for a conflict.
    pub fn conflict(kind: ConflictKind, message: impl Into<String>) -> Self {
        Error::Conflict { kind, message: message.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invoice::Code;

    /// One name per variant, matched without a wildcard: a new variant does not compile
    /// until it is named here, and then the test below fails until the table maps it.
    fn variant(error: &Error) -> &'static str {
        match error {
            Error::Invalid { .. } => "Invalid",
            Error::Refused { .. } => "Refused",
            Error::Usage(_) => "Usage",
            Error::NotFound { .. } => "NotFound",
            Error::Conflict { .. } => "Conflict",
            Error::Io { .. } => "Io",
            Error::Config { .. } => "Config",
            Error::Store { .. } => "Store",
            Error::UnknownCursor { .. } => "UnknownCursor",
            Error::Unavailable { .. } => "Unavailable",
            Error::Internal(_) => "Internal",
        }
    }

    #[test]
    fn every_variant_maps_to_its_exit_code_status_and_problem_type() {
        let invalid = Error::Invalid { problems: vec![Problem::new("/a", Code::Required, "a is required")] };
        let malformed = Error::Invalid { problems: vec![Problem::new("", Code::MalformedJson, "x")] };
        let config = Error::Config { path: "invoice.toml".into(), message: "x".into() };
        let refused = Error::Invalid { problems: vec![Problem::new("/date", Code::InvalidDate, "x")] };
        let table: [(Error, u8, u16, &str); 18] = [
            (refused.refusing("pay", "INV-1"), 1, 422, "validation-failed"),
            (Error::UnknownCursor { cursor: "INV-1".into() }, 2, 400, "invalid-query"),
            (Error::conflict(ConflictKind::TargetNotEmpty, "x"), 4, 409, "conflict"),
            (Error::conflict(ConflictKind::AlreadyExists, "x"), 4, 409, "conflict"),
            (Error::conflict(ConflictKind::InUse, "x"), 4, 409, "conflict"),
            (
                Error::Unavailable { action: "connect to db.example:5432".into(), message: "x".into() },
                5,
                503,
                "store-unavailable",
            ),
            (invalid, 1, 422, "validation-failed"),
            (malformed, 1, 400, "malformed-json"),
            (Error::Usage("x".into()), 2, 400, "bad-request"),
            (Error::NotFound { what: "invoice X".into() }, 3, 404, "not-found"),
            (Error::conflict(ConflictKind::IllegalTransition, "x"), 4, 409, "illegal-transition"),
            (Error::conflict(ConflictKind::IdempotencyKeyReused, "x"), 4, 409, "idempotency-key-reused"),
            (Error::conflict(ConflictKind::KeyRevoked, "x"), 4, 409, "conflict"),
            (Error::conflict(ConflictKind::FileExists, "x"), 4, 409, "conflict"),
            (Error::io("read", "f", std::io::Error::other("x")), 5, 500, "internal-error"),
            (config, 5, 500, "internal-error"),
            (Error::Store { action: "open".into(), message: "x".into() }, 5, 500, "internal-error"),
            (Error::Internal("x".into()), 5, 500, "internal-error"),
        ];
        let mut covered: Vec<&str> = table.iter().map(|(e, ..)| variant(e)).collect();
        covered.sort_unstable();
        covered.dedup();
        let mut all = [
            "Invalid",
            "Refused",
            "Usage",
            "NotFound",
            "Conflict",
            "Io",
            "Config",
            "Store",
            "Unavailable",
            "UnknownCursor",
            "Internal",
        ];
        all.sort_unstable();
        assert_eq!(covered, all);
        for (error, code, status, slug) in table {
            assert_eq!(error.exit_code(), code, "{error}");
            assert_eq!(error.http_status(), status, "{error}");
            assert_eq!(error.problem_slug(), slug, "{error}");
            assert_eq!(error.is_internal(), status == 500, "{error}");
        }
    }

    #[test]
    fn conflicts_carry_their_code_in_the_entries() {
        let error = Error::conflict(ConflictKind::IdempotencyKeyReused, "used");
        assert_eq!(error.entries(), vec![(String::new(), "idempotency_key_reused", "used".to_owned())]);
        let invalid = Error::Invalid { problems: vec![Problem::new("/a", Code::Required, "a is required")] };
        assert_eq!(invalid.entries(), vec![("/a".to_owned(), "required", "a is required".to_owned())]);
        assert!(Error::Internal("x".into()).entries().is_empty());
    }

    #[test]
    fn refusals_name_the_invoice_and_the_rule_never_a_draft() {
        let one = |message: &str| Error::Invalid { problems: vec![Problem::new("/date", Code::InvalidDate, message)] };
        let error = one("date 2026-01-01 is before the issue date 2026-11-27").refusing("pay", "INV-2026-0001");
        assert_eq!(error.to_string(), "cannot pay INV-2026-0001: date 2026-01-01 is before the issue date 2026-11-27");
        assert_eq!(
            error.entries(),
            vec![(
                "/date".to_owned(),
                "invalid_date",
                "date 2026-01-01 is before the issue date 2026-11-27".to_owned()
            )]
        );
        let two = Error::Invalid {
            problems: vec![Problem::new("", Code::OutOfRange, "too much"), Problem::new("/reason", Code::TooLong, "x")],
        };
        let text = two.refusing("credit", "INV-2026-0002").to_string();
        assert_eq!(text, "cannot credit INV-2026-0002: too much (and 1 more problem)");
        assert!(!text.contains("draft"));
        // Other errors pass unchanged.
        let missing = Error::NotFound { what: "invoice INV-9".into() }.refusing("void", "INV-9");
        assert_eq!(missing.to_string(), "invoice INV-9 not found");
    }

    #[test]
    fn exit_statuses_are_numbered_zero_to_five_in_order() {
        let codes: Vec<u8> = ExitStatus::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, [0, 1, 2, 3, 4, 5]);
    }
}
