//! warraq (وَرّاق, the copyist-publisher) typesets Arabic documents into
//! print-ready, tagged, accessible PDF (PDF/UA-1 and PDF/A-2) and accessible
//! EPUB 3 whose text comes back out exactly.
//!
//! The pipeline, one verb per stage:
//!
//! ```no_run
//! # fn main() -> warraq::Result<()> {
//! let json = std::fs::read_to_string("examples/un-report/report.json").unwrap();
//! let (doc, _warnings) = warraq::parse_json(&json)?;          // model
//! let fonts = warraq::FontBook::bundled();                     // text: fonts
//! let layout = warraq::lay_out(&doc, &fonts, &Default::default())?; // text + layout
//! let options = warraq::ExportOptions::default();
//! let pdf = warraq::write_pdf(&doc, &fonts, &layout, &options)?;   // export/pdf
//! let epub = warraq::write_epub(&doc, &fonts, &layout, &options)?; // export/epub
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod error;
pub mod export;
pub mod layout;
pub mod limits;
pub mod model;
pub mod text;

pub use error::{Error, Result};
pub use export::epub::write_epub;
pub use export::pdf::write_pdf;
pub use export::{ExportOptions, TextOrder};
pub use layout::{dump_json, lay_out, Layout, LayoutOptions};
pub use model::{
    json_schema, parse_json, parse_markdown, parse_pandoc_json, write_markdown, Document, Warning,
};
pub use text::FontBook;
