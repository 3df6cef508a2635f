//! Tests: create.
