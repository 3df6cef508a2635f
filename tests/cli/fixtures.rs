//! Tests: fixtures.
