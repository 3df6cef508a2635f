//! The verdict on received files as `invoice einvoice validate` prints it and the daemon
//! answers it (SPEC 13.1): one text line per finding and a summary, or one JSON document.
//!
//! A file is judged from its bytes: a PDF is opened and its embedded invoice taken
//! ([`super::pdf`]), then the XML goes through [`einvoice_rules::validate_bytes`]. A path
//! that cannot be read is an entry too, with its error, so no report is ever lost.

use super::pdf;
use crate::security::text::push_escaped_str;
use einvoice_rules::{Finding, Profile, Report, RuleSet};
use std::borrow::Cow;

/// Why a path could not be judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// `not_found` (exit 3: a missing path, a folder without e-invoices) or `unreadable`
    /// (exit 5: permissions, I/O).
    pub code: &'static str,
    /// What happened, naming the path.
    pub message: String,
}

impl Unread {
    /// A missing path (or a folder without e-invoices).
    #[must_use]
    pub fn not_found(message: String) -> Self {
        Unread { code: "not_found", message }
    }

    /// The error of reading `path`.
    #[must_use]
    pub fn of(path: &std::path::Path, error: &std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::NotFound {
            Unread::not_found(format!("file {} not found", path.display()))
        } else {
            Unread { code: "unreadable", message: format!("failed to read {}: {error}", path.display()) }
        }
    }

    /// Whether the path is missing (exit 3) rather than unreadable (exit 5).
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        self.code == "not_found"
    }
}

/// The verdict on one file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    /// The official verdict (for a PDF: on its embedded invoice, or the PDF's own finding).
    pub report: Report,
    /// For a PDF, the name its invoice is embedded under.
    pub embedded: Option<String>,
}

/// One entry of a report: a file (or `-`) and its verdict or why it was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path as given, or `-`.
    pub file: String,
    /// The verdict, or why there is none.
    pub outcome: Result<Judged, Unread>,
}

impl Entry {
    /// Whether the file was judged and no finding is fatal.
    #[must_use]
    pub fn valid(&self) -> bool {
        self.outcome.as_ref().is_ok_and(|judged| judged.report.valid())
    }
}

/// The XML of a received file: the file itself, or a PDF's embedded invoice.
///
/// # Errors
/// The PDF's finding (not openable, no invoice attachment, undecodable attachment).
pub fn xml_of(bytes: &[u8]) -> Result<(Cow<'_, [u8]>, Option<String>), Finding> {
    if pdf::is_pdf(bytes) {
        let attachment = pdf::extract(bytes).map_err(|e| e.finding())?;
        Ok((Cow::Owned(attachment.xml), Some(attachment.name)))
    } else {
        Ok((Cow::Borrowed(bytes), None))
    }
}

/// Judges one received file (XML or PDF) under `profile`. Bytes over the size limit are the
/// caller's to refuse before reading them; here they are a finding too.
#[must_use]
pub fn judge(bytes: &[u8], profile: Profile) -> Judged {
    if bytes.len() > einvoice_rules::input::MAX_BYTES {
        let report = Report { syntax: None, rules: None, findings: vec![einvoice_rules::input::too_large()] };
        return Judged { report, embedded: None };
    }
    match xml_of(bytes) {
        Ok((xml, embedded)) => Judged { report: einvoice_rules::validate_bytes(&xml, profile), embedded },
        Err(finding) => {
            Judged { report: Report { syntax: None, rules: None, findings: vec![finding] }, embedded: None }
        }
    }
}

/// The `profile` name a report gives for the rules that ran.
#[must_use]
pub fn rules_name(rules: RuleSet) -> &'static str {
    match rules {
        RuleSet::En16931 => "en16931",
        RuleSet::XRechnung => "xrechnung",
    }
}

/// Counts: (valid, invalid, unread).
#[must_use]
pub fn counts(entries: &[Entry]) -> (usize, usize, usize) {
    let valid = entries.iter().filter(|e| e.valid()).count();
    let unread = entries.iter().filter(|e| e.outcome.is_err()).count();
    (valid, entries.len() - valid - unread, unread)
}

/// One finding as a text line without the file: `[RULE] severity: message (at location)`.
/// The message's white space is folded to single spaces (official rule texts span lines).
pub fn push_finding_line(out: &mut String, finding: &Finding) {
    out.push('[');
    push_escaped_str(out, &finding.rule, false);
    out.push_str("] ");
    out.push_str(finding.severity.as_str());
    out.push_str(": ");
    for (i, word) in finding.message.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_escaped_str(out, word, false);
    }
    if !finding.location.is_empty() {
        out.push_str(" (at ");
        push_escaped_str(out, &finding.location, false);
        out.push(')');
    }
}

/// The text report: `FILE: [RULE] severity: message (at location)` per finding, then
/// `N files: V valid, I invalid` (and `, U not read` when a path was not read; those are
/// said on stderr by the caller).
#[must_use]
pub fn text(entries: &[Entry]) -> String {
    let mut out = String::new();
    for entry in entries {
        let Ok(judged) = &entry.outcome else { continue };
        for finding in &judged.report.findings {
            push_escaped_str(&mut out, &entry.file, false);
            out.push_str(": ");
            push_finding_line(&mut out, finding);
            out.push('\n');
        }
    }
    let (valid, invalid, unread) = counts(entries);
    let total = entries.len();
    let noun = if total == 1 { "file" } else { "files" };
    out.push_str(&format!("{total} {noun}: {valid} valid, {invalid} invalid"));
    if unread > 0 {
        out.push_str(&format!(", {unread} not read"));
    }
    out.push('\n');
    out
}

/// One finding in JSON, in SPEC 13.1's member order.
#[derive(serde::Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    severity: &'static str,
    location: &'a str,
    message: &'a str,
}

/// One file in JSON, in SPEC 13.1's member order.
#[derive(serde::Serialize)]
struct FileJson<'a> {
    file: &'a str,
    syntax: Option<&'static str>,
    profile: Option<&'static str>,
    valid: bool,
    findings: Vec<FindingJson<'a>>,
    /// For a PDF: the name its invoice is embedded under.
    #[serde(skip_serializing_if = "Option::is_none")]
    embedded: Option<&'a str>,
    /// For a path not read: `{"code","message"}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorJson<'a>>,
}

#[derive(serde::Serialize)]
struct ErrorJson<'a> {
    code: &'static str,
    message: &'a str,
}

/// The whole report in JSON.
#[derive(serde::Serialize)]
struct ReportJson<'a> {
    files: Vec<FileJson<'a>>,
    valid: usize,
    invalid: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    unread: Option<usize>,
}

fn file_object(entry: &Entry) -> FileJson<'_> {
    match &entry.outcome {
        Ok(judged) => FileJson {
            file: &entry.file,
            syntax: judged.report.syntax.map(einvoice_rules::Syntax::as_str),
            profile: judged.report.rules.map(rules_name),
            valid: judged.report.valid(),
            findings: judged
                .report
                .findings
                .iter()
                .map(|f| FindingJson {
                    rule: &f.rule,
                    severity: f.severity.as_str(),
                    location: &f.location,
                    message: &f.message,
                })
                .collect(),
            embedded: judged.embedded.as_deref(),
            error: None,
        },
        Err(unread) => FileJson {
            file: &entry.file,
            syntax: None,
            profile: None,
            valid: false,
            findings: Vec::new(),
            embedded: None,
            error: Some(ErrorJson { code: unread.code, message: &unread.message }),
        },
    }
}

/// One file's JSON document: `{"file","syntax","profile","valid","findings":[{"rule",
/// "severity","location","message"}]}`, plus `embedded` for a PDF and `error`
/// (`{"code","message"}`) for a path not read. What the daemon answers for one file.
#[must_use]
pub fn file_json(entry: &Entry) -> String {
    serde_json::to_string(&file_object(entry)).unwrap_or_default()
}

/// The JSON report: `{"files":[...],"valid":V,"invalid":I}`, plus `"unread":U` when a path
/// was not read.
#[must_use]
pub fn json(entries: &[Entry]) -> String {
    let (valid, invalid, unread) = counts(entries);
    let report = ReportJson {
        files: entries.iter().map(file_object).collect(),
        valid,
        invalid,
        unread: (unread > 0).then_some(unread),
    };
    // Serializing these plain structs cannot fail.
    serde_json::to_string(&report).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use einvoice_rules::Severity;

    fn entries() -> Vec<Entry> {
        let finding = Finding {
            rule: "BR-CO-15".to_owned(),
            severity: Severity::Fatal,
            location: "/ubl:Invoice/cac:LegalMonetaryTotal".to_owned(),
            message: "Invoice total amount\n    with VAT = ...".to_owned(),
        };
        let warning = Finding { severity: Severity::Warning, location: String::new(), ..finding.clone() };
        let report = |findings| Report {
            syntax: Some(einvoice_rules::Syntax::UblInvoice),
            rules: Some(RuleSet::En16931),
            findings,
        };
        vec![
            Entry { file: "a.xml".into(), outcome: Ok(Judged { report: report(vec![finding]), embedded: None }) },
            Entry {
                file: "b\u{1b}.pdf".into(),
                outcome: Ok(Judged { report: report(vec![warning]), embedded: Some("factur-x.xml".into()) }),
            },
            Entry { file: "gone.xml".into(), outcome: Err(Unread::not_found("file gone.xml not found".into())) },
        ]
    }

    #[test]
    fn the_text_report_has_one_line_per_finding_and_a_summary() {
        assert_eq!(
            text(&entries()),
            "a.xml: [BR-CO-15] fatal: Invoice total amount with VAT = ... (at /ubl:Invoice/cac:LegalMonetaryTotal)\n\
             b\\u{1b}.pdf: [BR-CO-15] warning: Invoice total amount with VAT = ...\n\
             3 files: 1 valid, 1 invalid, 1 not read\n"
        );
        assert_eq!(
            text(&entries()[1..2]),
            "b\\u{1b}.pdf: [BR-CO-15] warning: Invoice total amount with VAT = ...\n1 file: 1 valid, 0 invalid\n"
        );
    }

    #[test]
    fn the_json_report_has_the_spec_shape() {
        let report: serde_json::Value = serde_json::from_str(&json(&entries())).unwrap();
        assert_eq!(
            (report["valid"].as_u64(), report["invalid"].as_u64(), report["unread"].as_u64()),
            (Some(1), Some(1), Some(1))
        );
        let a = &report["files"][0];
        assert_eq!(a["syntax"], "UBL-Invoice");
        assert_eq!(a["profile"], "en16931");
        assert_eq!(a["valid"], false);
        assert_eq!(a["findings"][0]["rule"], "BR-CO-15");
        assert_eq!(a["findings"][0]["severity"], "fatal");
        assert_eq!(a["findings"][0]["location"], "/ubl:Invoice/cac:LegalMonetaryTotal");
        assert_eq!(report["files"][1]["embedded"], "factur-x.xml");
        assert_eq!(report["files"][1]["valid"], true);
        assert_eq!(report["files"][2]["error"]["code"], "not_found");
        let one: serde_json::Value = serde_json::from_str(&json(&entries()[..1])).unwrap();
        assert!(one.get("unread").is_none());
        assert!(json(&entries()).starts_with(r#"{"files":[{"file":"a.xml","syntax":"UBL-Invoice","profile":"en16931","valid":false,"findings":[{"rule":"BR-CO-15","severity":"fatal","location":"#));
    }

    #[test]
    fn judging_bytes_finds_the_input_problem() {
        let judged = judge(b"<Invoice", Profile::Auto);
        assert_eq!(judged.report.findings[0].rule, "XML-NOT-WELL-FORMED");
        let judged = judge(b"<x xmlns='urn:other'/>", Profile::Auto);
        assert_eq!(judged.report.findings[0].rule, einvoice_rules::UNKNOWN_ROOT);
        let judged = judge(b"%PDF-1.4 garbage", Profile::Auto);
        assert_eq!(judged.report.findings[0].rule, pdf::rule::UNREADABLE);
        assert!(!judged.report.valid());
    }
}
