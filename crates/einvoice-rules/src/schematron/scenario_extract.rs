//! Reads KoSIT's scenarios file (`kosit-scenarios.xml`) into the compact form the crate embeds:
//! one line per XRechnung scenario, `KIND SEP CUSTOMIZATION-ID SEP RULE=LEVEL SEP ...`, with KIND
//! `I` (UBL invoice), `C` (UBL credit note) or `X` (CII) and LEVEL `e`, `w` or `i`. The build
//! script runs it once, so that a process judging one file does not parse the 35 KB file
//! (SPEC 13.3's one-file-per-process budget); a scenario it cannot read fails the build.

/// Separates the fields of a line (never in a rule ID or a customization ID).
pub const SEP: char = '\u{1}';

const NS_SCN: &str = "http://www.xoev.de/de/validator/framework/1/scenarios";
pub const XR_MAJOR_MINOR: &str = "3.0";
const XR_CVD_MAJOR_MINOR: &str = "0.9";

fn token_value(token: &str) -> Option<String> {
    let spec = format!("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_{XR_MAJOR_MINOR}");
    match token {
        "@xrechnung.spec.id@" => Some(spec),
        "@xrechnung.extension.id@" => {
            Some(format!("{spec}#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_{XR_MAJOR_MINOR}"))
        }
        "@xrechnung.cvd.id@" => {
            Some(format!("{spec}#compliant#urn:xeinkauf.de:kosit:xrechnung:cvd_{XR_CVD_MAJOR_MINOR}"))
        }
        _ => None,
    }
}

/// The compact form of the XRechnung scenarios of `xml`.
///
/// # Errors
/// A message naming what could not be read (a match, a level, no scenario at all).
pub fn extract(xml: &str) -> Result<String, String> {
    let opts = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(xml, opts).map_err(|e| e.to_string())?;
    let mut out = String::new();
    for sc in doc.descendants().filter(|n| n.has_tag_name((NS_SCN, "scenario"))) {
        let xr = sc.descendants().filter(|n| n.has_tag_name((NS_SCN, "location"))).any(|l| {
            let t = l.text().unwrap_or("");
            t.contains("xrechnung/") && t.contains("XRechnung-")
        });
        if !xr {
            continue;
        }
        let m = sc.children().find(|n| n.has_tag_name((NS_SCN, "match"))).and_then(|n| n.text()).unwrap_or("");
        let kind = if m.contains("/invoice:Invoice") {
            'I'
        } else if m.contains("/creditnote:CreditNote") {
            'C'
        } else if m.contains("/rsm:CrossIndustryInvoice") {
            'X'
        } else {
            return Err(format!("cannot interpret KoSIT scenario match {m:?}"));
        };
        let token = m.split('\'').find(|p| p.starts_with('@') && p.ends_with('@') && p.len() > 2);
        let Some(id) = token.and_then(token_value) else {
            return Err(format!("cannot interpret KoSIT scenario match {m:?}"));
        };
        out.push(kind);
        out.push(SEP);
        out.push_str(&id);
        for cl in sc.descendants().filter(|n| n.has_tag_name((NS_SCN, "customLevel"))) {
            let level = match cl.attribute("level") {
                Some("error") => 'e',
                Some("warning") => 'w',
                Some("information") => 'i',
                other => return Err(format!("unknown customLevel {other:?}")),
            };
            for rid in cl.text().unwrap_or("").split_whitespace() {
                out.push(SEP);
                out.push_str(rid);
                out.push('=');
                out.push(level);
            }
        }
        out.push('\n');
    }
    if out.is_empty() {
        return Err("no XRechnung scenarios".into());
    }
    Ok(out)
}
