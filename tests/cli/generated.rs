//! Tests: generated.
