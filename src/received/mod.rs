//! Received e-invoices (SPEC 13): reading a UBL / CII / Factur-X file that arrived, judging it
//! with the official rules (`einvoice_rules`) and showing it in the product's own model.

pub mod pdf;
pub mod read;
pub mod report;
pub mod show;
