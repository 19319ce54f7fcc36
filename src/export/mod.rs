//! Output formats: the tagged PDF and the EPUB.

pub mod epub;
pub mod pdf;
mod renderer;
mod time;

pub use renderer::{parallel_map, Formats, Rendered, Renderer};
pub use time::DateTime;

use crate::error::{Error, Result};
use crate::layout::Layout;
use crate::model::Document;
use crate::text::FontBook;

/// What every exporter checks first: the document follows the model's
/// rules (as [`crate::parse_json`] checks them), and the layout fits the
/// document and the fonts (see [`Layout::check`]).
pub(crate) fn check_inputs(
    format: &'static str,
    doc: &Document,
    fonts: &FontBook,
    layout: &Layout,
) -> Result<()> {
    crate::model::validate(doc)?;
    layout.check(doc, fonts).map_err(|err| match err {
        Error::Export { message, .. } => Error::Export { format, message },
        err => err,
    })
}

/// Writes `bytes` of `format` to `out`.
pub(crate) fn write_all<W: std::io::Write + ?Sized>(
    out: &mut W,
    format: &'static str,
    bytes: &[u8],
) -> Result<()> {
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Write { format, source })
}

/// Options shared by the exporters.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Seconds since the Unix epoch of the creation and modification dates
    /// (the CLI sets it from `--timestamp`, else `SOURCE_DATE_EPOCH`).
    /// `None`: the document's `date` at midnight UTC; without one, the PDF
    /// has no dates and the EPUB, which must have `dcterms:modified`, takes
    /// the time of the render. No date is ever invented.
    pub timestamp: Option<i64>,
    /// The order of the PDF text layer (see [`TextOrder`]).
    pub text_order: TextOrder,
}

/// The order in which the PDF's content stream holds the glyphs of a line.
///
/// No order serves every text extractor: viewers (PDFium, PDF.js, poppler,
/// MuPDF) take a line as drawn and rebuild the reading order themselves,
/// while stream-order readers (pdfminer.six, poppler's structure text,
/// `pdftotext -raw`) give the glyphs back in stream order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TextOrder {
    /// Left to right as drawn: exact text in the viewers people read with
    /// (the default).
    #[default]
    Visual,
    /// In reading order, with direction marks: for pipelines built on
    /// stream-order extractors.
    Logical,
}

impl ExportOptions {
    /// The date written to the metadata: the timestamp, else the
    /// document's date at midnight UTC, else none.
    pub fn date_time(&self, doc: &crate::model::Document) -> Option<DateTime> {
        match (self.timestamp, &doc.date) {
            (Some(t), _) => Some(DateTime::from_unix(t)),
            (None, Some(date)) => DateTime::from_iso_date(date),
            (None, None) => None,
        }
    }

    /// The EPUB's `dcterms:modified`, which EPUB 3 requires: the
    /// [`Self::date_time`], else the time of the render (as pandoc does).
    pub fn modified(&self, doc: &crate::model::Document) -> DateTime {
        self.date_time(doc).unwrap_or_else(DateTime::now)
    }
}

/// A link target as both formats write it (PDF `/URI` must be 7-bit ASCII,
/// an XHTML `href` a valid URL): every byte outside printable
/// ASCII, and every ASCII character a URL may not hold (`" < > \ ^ ` { | }`,
/// a `%` that starts no escape), percent-encoded. The model allows only
/// absolute `http`, `https` and `mailto` URIs without whitespace.
pub(crate) fn encode_uri(href: &str) -> String {
    let bytes = href.as_bytes();
    let mut out = String::with_capacity(href.len());
    for (i, &b) in bytes.iter().enumerate() {
        let escape_start = b == b'%'
            && bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        let keep = b.is_ascii_graphic() && !b"\"<>\\^`{|}%".contains(&b);
        if keep || escape_start {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod uri_tests {
    use super::encode_uri;

    #[test]
    fn links_are_percent_encoded_outside_ascii() {
        assert_eq!(
            encode_uri("https://ar.example.org/ويكي?q=a&b=1#x"),
            "https://ar.example.org/%D9%88%D9%8A%D9%83%D9%8A?q=a&b=1#x"
        );
        assert_eq!(encode_uri("mailto:a@un.org"), "mailto:a@un.org");
        assert_eq!(
            encode_uri("https://x.org/a%20b%zz|{}"),
            "https://x.org/a%20b%25zz%7C%7B%7D"
        );
    }
}
