//! Factur-X 1.07 / ZUGFeRD 2.3, profile EN 16931 (SPEC 8.1, 8.5): the invoice's PDF as
//! PDF/A-3b with the CII XML embedded as `factur-x.xml`.
//!
//! Two steps:
//! 1. krilla writes the PDF in its PDF/A-3b export mode, which validates as it writes
//!    (fonts embedded, colour spaces with an output intent, XMP with `pdfaid`), and embeds
//!    the XML as an associated file (`AFRelationship /Alternative`, MIME `text/xml`).
//! 2. krilla 0.8 cannot add custom XMP properties, so the four `fx:` properties and their
//!    PDF/A extension schema description are inserted into the XMP metadata stream
//!    afterwards with lopdf, which rewrites the file once. Everything in both steps is
//!    derived from the invoice (dates are the issue date), so the bytes are deterministic.

use super::{Profile, cii};
use crate::error::Error;
use crate::invoice::Invoice;
use crate::render::Paper;
use crate::render::pdf::{Attachment, render_archive};
use chrono::{Datelike, NaiveDate};
use krilla::configure::{Archival, ConfigurationBuilder, PdfVersion};
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::metadata::DateTime;
use krilla::{Document, SerializeSettings};

/// The name of the embedded XML, fixed by Factur-X.
pub const XML_NAME: &str = "factur-x.xml";

/// Renders the Factur-X PDF of `invoice`.
///
/// # Errors
/// [`Error::Usage`] for a profile other than en16931, [`Error::Invalid`] for unmet
/// requirements or characters outside the PDF font, [`Error::Internal`] on a bug.
pub fn render(
    invoice: &Invoice,
    paper: Paper,
    profile: Profile,
    logo: Option<&crate::render::logo::Logo>,
) -> Result<Vec<u8>, Error> {
    super::check_pair(super::Format::Facturx, profile).map_err(Error::Usage)?;
    super::ensure(invoice, profile)?;
    let xml = cii::write(invoice, profile)?;
    let attachment = Attachment {
        name: XML_NAME.to_owned(),
        description: "Factur-X invoice (EN 16931, UN/CEFACT CII)".to_owned(),
        mime: "text/xml".to_owned(),
        data: xml,
        date: invoice.issue_date,
    };
    let pdf = render_archive(invoice, paper, logo, Some(attachment))?;
    add_facturx_xmp(&pdf)
}

/// A krilla document in its PDF/A-3b export mode.
///
/// # Errors
/// [`Error::Internal`] if krilla rejects the configuration (a bug).
pub(crate) fn pdfa3_document() -> Result<Document, Error> {
    let configuration = ConfigurationBuilder::new()
        .with_version(PdfVersion::Pdf17)
        .with_archival_validator(Archival::A3_B)
        .finish()
        .map_err(|e| Error::Internal(format!("PDF/A-3b configuration: {e:?}")))?;
    Ok(Document::new_with(SerializeSettings { configuration, ..SerializeSettings::default() }))
}

/// A date as a PDF date at midnight UTC.
#[must_use]
pub(crate) fn pdf_date(date: NaiveDate) -> DateTime {
    let year = u16::try_from(date.year()).unwrap_or(2000);
    let (month, day) = (u8::try_from(date.month()).unwrap_or(1), u8::try_from(date.day()).unwrap_or(1));
    DateTime::new(year).month(month).day(day).hour(0).minute(0).second(0).utc_offset_hour(0).utc_offset_minute(0)
}

/// Embeds `file` as an associated file of the document.
///
/// # Errors
/// [`Error::Internal`] for a bad MIME type or a second file of the same name (bugs).
pub(crate) fn embed(document: &mut Document, file: Attachment) -> Result<(), Error> {
    let mime = MimeType::new(&file.mime).ok_or_else(|| Error::Internal(format!("bad MIME type {}", file.mime)))?;
    let embedded = EmbeddedFile {
        path: file.name,
        mime_type: Some(mime),
        description: Some(file.description),
        association_kind: AssociationKind::Alternative,
        data: file.data.into(),
        modification_date: Some(pdf_date(file.date)),
        compress: Some(true),
        location: None,
    };
    document.embed_file(embedded).ok_or_else(|| Error::Internal("the XML is embedded twice".into()))
}

/// The four Factur-X properties (Factur-X 1.07, section 6.2).
const FX_PROPERTIES: &str = r#"<rdf:Description xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#" rdf:about="">
<fx:DocumentType>INVOICE</fx:DocumentType>
<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>
<fx:Version>1.0</fx:Version>
<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
</rdf:Description>
"#;

/// The PDF/A extension schema entry that describes the `fx:` properties.
const FX_SCHEMA: &str = r#"<rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>fx</pdfaSchema:prefix>
<pdfaSchema:property>
<rdf:Seq>
<rdf:li rdf:parseType="Resource">
<pdfaProperty:name>DocumentFileName</pdfaProperty:name>
<pdfaProperty:valueType>Text</pdfaProperty:valueType>
<pdfaProperty:category>external</pdfaProperty:category>
<pdfaProperty:description>The name of the embedded XML document</pdfaProperty:description>
</rdf:li>
<rdf:li rdf:parseType="Resource">
<pdfaProperty:name>DocumentType</pdfaProperty:name>
<pdfaProperty:valueType>Text</pdfaProperty:valueType>
<pdfaProperty:category>external</pdfaProperty:category>
<pdfaProperty:description>The type of the hybrid document in capital letters, e.g. INVOICE or ORDER</pdfaProperty:description>
</rdf:li>
<rdf:li rdf:parseType="Resource">
<pdfaProperty:name>Version</pdfaProperty:name>
<pdfaProperty:valueType>Text</pdfaProperty:valueType>
<pdfaProperty:category>external</pdfaProperty:category>
<pdfaProperty:description>The actual version of the standard applying to the embedded XML document</pdfaProperty:description>
</rdf:li>
<rdf:li rdf:parseType="Resource">
<pdfaProperty:name>ConformanceLevel</pdfaProperty:name>
<pdfaProperty:valueType>Text</pdfaProperty:valueType>
<pdfaProperty:category>external</pdfaProperty:category>
<pdfaProperty:description>The conformance level of the embedded XML document</pdfaProperty:description>
</rdf:li>
</rdf:Seq>
</pdfaSchema:property>
</rdf:li>
"#;

/// Where krilla's PDF/A extension schema list starts; the `fx` entry joins that list so
/// the document keeps a single `pdfaExtension:schemas` property.
const SCHEMAS_BAG: &str = "<pdfaExtension:schemas><rdf:Bag>";

/// The XMP packet with the Factur-X properties and their schema description added.
fn facturx_xmp(xmp: &str) -> Option<String> {
    let bag = xmp.find(SCHEMAS_BAG)? + SCHEMAS_BAG.len();
    let rdf_end = xmp.rfind("</rdf:RDF>")?;
    if rdf_end < bag {
        return None;
    }
    let mut out = String::with_capacity(xmp.len() + FX_SCHEMA.len() + FX_PROPERTIES.len());
    out.push_str(&xmp[..bag]);
    out.push_str(FX_SCHEMA);
    out.push_str(&xmp[bag..rdf_end]);
    out.push_str(FX_PROPERTIES);
    out.push_str(&xmp[rdf_end..]);
    Some(out)
}

/// Adds the Factur-X properties and their schema to the document's XMP metadata stream.
fn add_facturx_xmp(pdf: &[u8]) -> Result<Vec<u8>, Error> {
    let fail = |what: &str| Error::Internal(format!("adding the Factur-X XMP metadata failed: {what}"));
    let mut doc = lopdf::Document::load_mem(pdf).map_err(|e| fail(&e.to_string()))?;
    let metadata_id = doc
        .catalog()
        .and_then(|catalog| catalog.get(b"Metadata"))
        .and_then(lopdf::Object::as_reference)
        .map_err(|e| fail(&e.to_string()))?;
    let stream =
        doc.get_object_mut(metadata_id).and_then(lopdf::Object::as_stream_mut).map_err(|e| fail(&e.to_string()))?;
    let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    let xmp = String::from_utf8(content).map_err(|_| fail("the XMP is not UTF-8"))?;
    let updated = facturx_xmp(&xmp).ok_or_else(|| fail("krilla's XMP has no PDF/A extension schema list"))?;
    stream.dict.remove(b"Filter");
    stream.dict.remove(b"DecodeParms");
    stream.set_content(updated.into_bytes());
    let mut out = Vec::with_capacity(pdf.len() + FX_SCHEMA.len() + FX_PROPERTIES.len() + 1024);
    doc.save_to(&mut out).map_err(|e| fail(&e.to_string()))?;
    Ok(out)
}
