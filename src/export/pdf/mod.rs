//! The tagged PDF (PDF/UA-1 + PDF/A-2a).

use crate::error::{Error, Result};
use crate::export::ExportOptions;
use crate::layout::Layout;
use crate::model::Document;
use crate::text::FontBook;

/// Writes the layout as a tagged PDF.
pub fn write_pdf(
    _doc: &Document,
    _fonts: &FontBook,
    _layout: &Layout,
    _options: &ExportOptions,
) -> Result<Vec<u8>> {
    Err(Error::Export {
        format: "PDF",
        message: "the PDF writer is not implemented yet".into(),
    })
}
