//! Tests: serve.
