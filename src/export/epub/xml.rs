//! A small XML writer: elements, attributes and text, escaped with quick-xml.
//!
//! Names are `'static` (they come from this module's callers, never from the
//! input); every text and attribute value goes through [`quick_xml::escape`].

use quick_xml::escape::escape;

/// An XML document being written, with its stack of open elements.
pub(super) struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Xml {
    /// A document that starts with the XML declaration.
    pub fn new() -> Self {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            open: Vec::new(),
        }
    }

    /// Writes markup verbatim (a doctype, a line break).
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Opens an element.
    pub fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push('>');
        self.open.push(name);
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    /// Writes an empty element.
    pub fn empty(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>");
    }

    /// Writes escaped text.
    pub fn text(&mut self, text: &str) {
        self.out.push_str(&escape(text));
    }

    /// Writes an element that holds only text.
    pub fn leaf(&mut self, name: &'static str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close();
    }

    /// The document, with every open element closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out.push('\n');
        self.out
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            self.out.push_str(&attribute(value));
            self.out.push('"');
        }
    }
}

/// Escapes an attribute value: quick-xml's text escaping (`< > & ' "`), plus
/// the whitespace that attribute-value normalisation would turn into spaces.
fn attribute(value: &str) -> String {
    escape(value).replace('\n', "&#10;").replace('\t', "&#9;")
}

#[cfg(test)]
mod tests {
    use super::Xml;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut x = Xml::new();
        x.leaf("p", &[("title", "a\"b'c<d>&\n\t")], "& < > \" ' ]]>");
        let s = x.finish();
        assert!(s.ends_with(
            "<p title=\"a&quot;b&apos;c&lt;d&gt;&amp;&#10;&#9;\">\
             &amp; &lt; &gt; &quot; &apos; ]]&gt;</p>\n"
        ));
    }
}
