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
//! let layout = warraq::lay_out(&doc, &fonts, &Default::default())?; // layout
//! let options = warraq::ExportOptions::default();
//! let pdf = warraq::write_pdf(&doc, &fonts, &layout, &options)?;   // export/pdf
//! let mut epub = std::fs::File::create("report.epub").unwrap();
//! warraq::write_epub_to(&mut epub, &doc, &fonts, &layout, &options)?; // export/epub
//! # Ok(()) }
//! ```
//!
//! A document can also be built in code ([`model::Document::new`] and its
//! builder methods); every entry point that takes a [`Document`] validates
//! it as [`parse_json`] does.
//!
//! # The house
//!
//! Dependencies point one way, down this list; no module uses one above it,
//! and no two modules of a folder use each other (`tests/house.rs`
//! checks both):
//!
//! ```text
//! error, limits   the error type, the limits against hostile input
//! model           the document, its validation, its builders, and
//!   read          the Markdown and pandoc-JSON readers (and the Markdown writer)
//!   semantics     labels, numbers, heading levels and text: read by all below
//! text            fonts, bidi analysis and itemization, shaping
//! layout          pieces → inline (break, justify, kashida, reorder) → paginate
//! export          pdf (content, tagging, outline, metadata, profile, file), epub
//! bin/warraq      the CLI: options, diagnostics and their hints, files
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod error;
pub mod export;
pub mod image;
pub mod layout;
pub mod limits;
pub mod model;
pub mod text;

pub use error::{Error, Result};
pub use export::epub::{write_epub, write_epub_to};
pub use export::pdf::{write_pdf, write_pdf_to};
pub use export::{ExportOptions, Formats, Renderer, TextOrder};
pub use image::Images;
pub use layout::{dump_json, dump_json_of, lay_out, Layout, LayoutOptions};
pub use model::{
    json_schema, parse_json, parse_markdown, parse_pandoc_json, write_markdown, Document, Warning,
};
pub use text::FontBook;
