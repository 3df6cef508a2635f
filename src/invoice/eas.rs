//! The CEF Electronic Address Scheme (EAS) code list: the schemes an electronic address
//! (BT-34 / BT-49) may name.
//!
//! No maintained crate carries this list, so it is a table here. It is the list the CEN
//! EN 16931 validation artefacts 1.3.16 check against (rule BR-CL-25); when the CEF
//! publishes a new version, update this table together with the artefacts.

/// Every scheme code of the list, sorted.
pub const EAS_CODES: &[&str] = &[
    "0002", "0007", "0009", "0037", "0060", "0088", "0096", "0097", "0106", "0130", "0135", "0142", "0147", "0151",
    "0154", "0158", "0170", "0177", "0183", "0184", "0188", "0190", "0191", "0192", "0193", "0194", "0195", "0196",
    "0198", "0199", "0200", "0201", "0202", "0203", "0204", "0205", "0208", "0209", "0210", "0211", "0212", "0213",
    "0215", "0216", "0217", "0218", "0219", "0220", "0221", "0225", "0230", "0235", "0240", "0242", "0244", "0245",
    "0246", "0248", "9910", "9913", "9914", "9915", "9918", "9919", "9920", "9922", "9923", "9924", "9925", "9926",
    "9927", "9928", "9929", "9930", "9931", "9932", "9933", "9934", "9935", "9936", "9937", "9938", "9939", "9940",
    "9941", "9942", "9943", "9944", "9945", "9946", "9947", "9948", "9949", "9950", "9951", "9952", "9953", "9957",
    "9959", "AN", "AQ", "AS", "AU", "EM",
];

/// Whether `scheme` is a code of the CEF EAS list.
#[must_use]
pub fn is_eas_code(scheme: &str) -> bool {
    EAS_CODES.binary_search(&scheme).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_so_binary_search_finds_every_code() {
        assert!(EAS_CODES.windows(2).all(|w| w[0] < w[1]));
        for code in ["EM", "0088", "0204", "9930", "0208", "0192"] {
            assert!(is_eas_code(code), "{code}");
        }
        for code in ["", "em", "0001", "XX", "9999"] {
            assert!(!is_eas_code(code), "{code}");
        }
    }
}
