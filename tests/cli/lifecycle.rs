//! Tests: lifecycle.
