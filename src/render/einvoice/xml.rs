//! A thin layer over quick-xml's writer: every text node and attribute value goes
//! through quick-xml's escaping, so no invoice text can change the document's structure.

use crate::error::Error;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// An XML document being written, indented by two spaces.
pub(crate) struct Doc {
    writer: Writer<Vec<u8>>,
    failed: Option<String>,
}

impl Doc {
    pub(crate) fn new() -> Self {
        let mut doc = Doc { writer: Writer::new_with_indent(Vec::with_capacity(16 * 1024), b' ', 2), failed: None };
        doc.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        doc
    }

    fn event(&mut self, event: Event<'_>) {
        if self.failed.is_none()
            && let Err(e) = self.writer.write_event(event)
        {
            self.failed = Some(e.to_string());
        }
    }

    /// Opens `name` with attributes.
    pub(crate) fn open_with(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            start.push_attribute((*key, *value));
        }
        self.event(Event::Start(start));
    }

    /// Opens `name`.
    pub(crate) fn open(&mut self, name: &str) {
        self.open_with(name, &[]);
    }

    /// Closes `name`.
    pub(crate) fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// `<name attrs>text</name>`, the text escaped.
    pub(crate) fn text_with(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open_with(name, attrs);
        self.event(Event::Text(BytesText::new(text)));
        self.close(name);
    }

    /// `<name>text</name>`, the text escaped.
    pub(crate) fn text(&mut self, name: &str, text: &str) {
        self.text_with(name, &[], text);
    }

    /// `<name>text</name>` when there is a text.
    pub(crate) fn opt(&mut self, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.text(name, text);
        }
    }

    /// The finished document, ending with a newline.
    pub(crate) fn finish(self) -> Result<Vec<u8>, Error> {
        if let Some(e) = self.failed {
            return Err(Error::Internal(format!("writing the XML failed: {e}")));
        }
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        Ok(bytes)
    }
}
