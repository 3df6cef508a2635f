//! Tests: keys.
