//! The EPUB 3 with EPUB Accessibility 1.1 metadata.

use crate::error::{Error, Result};
use crate::export::ExportOptions;
use crate::layout::Layout;
use crate::model::Document;
use crate::text::FontBook;

/// Writes the document as an EPUB, with the print page map of `layout`.
pub fn write_epub(
    _doc: &Document,
    _fonts: &FontBook,
    _layout: &Layout,
    _options: &ExportOptions,
) -> Result<Vec<u8>> {
    Err(Error::Export {
        format: "EPUB",
        message: "the EPUB writer is not implemented yet".into(),
    })
}
