//! Tests: pdf.
