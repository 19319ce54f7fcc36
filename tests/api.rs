//! The library as another Rust program uses it: documents built in code are
//! validated at every entry point with `parse_json`'s messages, outputs go
//! to any `Write`, and a broken layout or a foreign font id is an error or a
//! fallback, never a panic.

use warraq::model::{Block, Document, Text};
use warraq::{Error, FontBook, Layout};

fn valid() -> Document {
    Document::new("عنوان").paragraph("نص قصير.")
}

/// The message `parse_json` gives for `doc`, without its line and column.
fn json_message(doc: &Document) -> String {
    let json = serde_json::to_string_pretty(doc).unwrap();
    let err = warraq::parse_json(&json).expect_err("parse_json refuses it");
    let mut err = err;
    if let Some(location) = err.location_mut() {
        location.line = None;
        location.column = None;
    }
    err.to_string()
}

/// Every entry point that takes a document refuses `doc` with `parse_json`'s message.
fn refused_everywhere(doc: &Document, path: &str) {
    let expected = json_message(doc);
    assert!(
        expected.starts_with(&format!("at `{path}`: ")),
        "{expected:?} names {path}"
    );
    let fonts = FontBook::bundled();
    let err = warraq::lay_out(doc, &fonts, &Default::default()).expect_err("lay_out refuses it");
    assert_eq!(err.to_string(), expected, "lay_out");
    // A layout of a valid document does not make the exporters accept it.
    let good = valid();
    let layout = warraq::lay_out(&good, &fonts, &Default::default()).unwrap();
    let options = Default::default();
    let err = warraq::write_pdf(doc, &fonts, &layout, &options).expect_err("write_pdf");
    assert_eq!(err.to_string(), expected, "write_pdf");
    let err = warraq::write_epub(doc, &fonts, &layout, &options).expect_err("write_epub");
    assert_eq!(err.to_string(), expected, "write_epub");
    let mut sink = Vec::new();
    let err = warraq::write_pdf_to(&mut sink, doc, &fonts, &layout, &options).expect_err("_to");
    assert_eq!(err.to_string(), expected, "write_pdf_to");
    let err = warraq::write_epub_to(&mut sink, doc, &fonts, &layout, &options).expect_err("_to");
    assert_eq!(err.to_string(), expected, "write_epub_to");
    assert!(sink.is_empty(), "nothing written");
}

#[test]
fn an_empty_title_is_refused_everywhere() {
    let mut doc = valid();
    doc.title = String::new().into();
    refused_everywhere(&doc, "title");
}

#[test]
fn heading_level_seven_is_refused_everywhere() {
    let doc = valid().heading(7, "عنوان فرعي");
    refused_everywhere(&doc, "blocks[1].level");
}

#[test]
fn a_language_that_is_not_a_tag_is_refused_everywhere() {
    let doc = valid().with_lang("not a tag!!");
    refused_everywhere(&doc, "lang");
}

#[test]
fn library_errors_carry_no_cli_wording() {
    let doc = valid().paragraph(Text::from("漢字"));
    let err = warraq::lay_out(&doc, &FontBook::bundled(), &Default::default())
        .expect_err("no font has the character");
    assert!(matches!(err, Error::MissingGlyphs(_)), "{err}");
    assert!(!err.to_string().contains("--font"), "{err}");
}

#[test]
fn write_to_gives_the_same_bytes_and_reports_a_failing_writer() {
    let doc = valid();
    let fonts = FontBook::bundled();
    let layout = warraq::lay_out(&doc, &fonts, &Default::default()).unwrap();
    let options = Default::default();
    let pdf = warraq::write_pdf(&doc, &fonts, &layout, &options).unwrap();
    let mut out = Vec::new();
    warraq::write_pdf_to(&mut out, &doc, &fonts, &layout, &options).unwrap();
    assert_eq!(out, pdf);
    let epub = warraq::write_epub(&doc, &fonts, &layout, &options).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    warraq::write_epub_to(&mut out, &doc, &fonts, &layout, &options).unwrap();
    assert_eq!(out.into_inner(), epub);

    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "disk full",
            ))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let err = warraq::write_pdf_to(&mut Full, &doc, &fonts, &layout, &options).unwrap_err();
    assert!(matches!(err, Error::Write { format: "PDF", .. }), "{err}");
    assert!(std::error::Error::source(&err).is_some());
}

/// Edits `layout` with `edit`, and expects both exporters and the dump to
/// answer without a panic (an error from the exporters).
fn broken_layout_is_an_error(edit: impl Fn(&mut Layout)) {
    let doc = valid().numbered_paragraph(2, "فقرة ثانية.");
    let fonts = FontBook::bundled();
    let mut layout = warraq::lay_out(&doc, &fonts, &Default::default()).unwrap();
    edit(&mut layout);
    let options = Default::default();
    let err = warraq::write_pdf(&doc, &fonts, &layout, &options).expect_err("write_pdf refuses");
    assert!(err.to_string().contains("layout"), "{err}");
    let err = warraq::write_epub(&doc, &fonts, &layout, &options).expect_err("write_epub refuses");
    assert!(err.to_string().contains("layout"), "{err}");
    let _ = warraq::dump_json(&layout, &fonts);
}

#[test]
fn a_line_of_a_piece_that_does_not_exist_is_an_error() {
    broken_layout_is_an_error(|l| l.pages[0].lines[0].piece = 999);
}

#[test]
fn a_foreign_font_id_is_an_error() {
    broken_layout_is_an_error(|l| l.pages[0].lines[0].line.runs[0].font = warraq::text::FontId(9));
}

#[test]
fn a_range_outside_the_text_is_an_error() {
    broken_layout_is_an_error(|l| l.pages[0].lines[0].line.range = 0..10_000);
    broken_layout_is_an_error(|l| l.pages[0].lines[0].line.runs[0].glyphs[0].cluster = 10_000);
    broken_layout_is_an_error(|l| l.pieces.clear());
    broken_layout_is_an_error(|l| l.pages.clear());
}

#[test]
fn a_foreign_font_id_does_not_panic_the_font_book() {
    let fonts = FontBook::bundled();
    let foreign = warraq::text::FontId(u16::MAX);
    assert!(fonts.try_get(foreign).is_none());
    assert_eq!(fonts.get(foreign).name, fonts.get(FontBook::REGULAR).name);
}

#[test]
fn a_document_built_in_code_is_the_document_parsed_from_json() {
    let doc = Document::new("عنوان")
        .with_symbol("A/1")
        .labelled_heading(1, "أولاً", "مقدمة")
        .numbered_paragraph(1, "نص.");
    let json = serde_json::to_string(&doc).unwrap();
    let (parsed, warnings) = warraq::parse_json(&json).unwrap();
    assert_eq!(parsed, doc);
    assert!(warnings.is_empty());
    assert!(matches!(
        doc.blocks[1],
        Block::Paragraph {
            number: Some(1),
            ..
        }
    ));
}
