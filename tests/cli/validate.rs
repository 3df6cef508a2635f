//! Tests: validate.
